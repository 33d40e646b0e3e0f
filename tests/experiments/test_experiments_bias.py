"""Tests for nnlib.experiments.bias: the curve tanh(w x + b), its value at 0 and its crossing."""

from __future__ import annotations

import math

import pytest

from nnlib.experiments.bias import bias_curve


def test_value_at_zero_ignores_the_weight():
    for w in (-3.0, 0.0, 0.5, 2.0):
        assert bias_curve(w, 0.0).at_zero == 0.0          # no bias: stuck at tanh(0) = 0
        assert bias_curve(w, 1.0).at_zero == pytest.approx(0.76159416)   # tanh(1)


def test_artanh_half_gives_one_half():
    b = 0.5 * math.log(3.0)   # artanh(1/2) = ln(3)/2 = 0.54930614
    assert bias_curve(1.7, b).at_zero == pytest.approx(0.5)
    assert bias_curve(1.7, 0.549).at_zero == pytest.approx(0.49977036)   # tanh(0.549)


def test_curve_values_and_crossing_by_hand():
    c = bias_curve(2.0, -1.0, x=[0.0, 0.5, 1.0])
    assert c.y == pytest.approx([math.tanh(-1.0), 0.0, math.tanh(1.0)])
    assert c.crossing == pytest.approx(0.5)       # -b/w
    assert bias_curve(0.0, 0.3).crossing is None  # flat line never crosses


@pytest.mark.parametrize("w, b, x, message", [
    (float("nan"), 0.0, None, "w must be a finite number"),
    (1.0, float("inf"), None, "b must be a finite number"),
    (1.0, 0.0, [[0.0, 1.0]], "x must have 1 dimension"),
    (1.0, 0.0, [0.0, float("nan")], "x contains NaN"),
])
def test_bad_input(w, b, x, message):
    with pytest.raises(ValueError, match=message):
        bias_curve(w, b, x=x)
