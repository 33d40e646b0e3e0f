"""Tests for nnlib.widgets.bias: the tanh(w x + b) curve and its two-slider explorer."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.bias import bias_curve, bias_widget  # noqa: E402


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
    (float("nan"), 0.0, None, "finite"),
    (1.0, float("inf"), None, "finite"),
    (1.0, 0.0, [[0.0, 1.0]], "1-D"),
])
def test_bad_input(w, b, x, message):
    with pytest.raises(ValueError, match=message):
        bias_curve(w, b, x=x)


def test_widget_follows_both_sliders_over_their_ranges():
    e = bias_widget()
    try:
        for name, control in e.controls.items():
            for value in (control.min, control.max, 0.0, 0.55):
                control.value = value
                w, b = e.controls["w"].value, e.controls["b"].value
                assert (e.curve.w, e.curve.b) == (w, b)
                assert e.curve.at_zero == pytest.approx(math.tanh(b))
                assert np.allclose(e.artists["curve"].get_ydata(), np.tanh(w * e.curve.x + b))
                assert e.artists["point"].get_ydata()[0] == pytest.approx(math.tanh(b))
                assert f"{math.tanh(b):.4f}" in e.artists["label"].get_text()
    finally:
        plt.close(e.fig)
