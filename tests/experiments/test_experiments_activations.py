"""Tests for nnlib.experiments.activations: the scaled sigmoid of source 001 against hand-computed
values and a finite difference, leaky ReLU's curves from nnlib's table."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.experiments.activations import (
    leaky_relu_curves,
    scaled_sigmoid,
    scaled_sigmoid_deriv,
)
from nnlib.gradcheck import check_grad


def test_scaled_sigmoid_hand_values():
    # c / (1 + e^{-beta a}): at a = 0 it is c/2;
    # c = 2, beta = 3, a = ln(2)/3 gives 2/(1 + 1/2) = 4/3
    assert scaled_sigmoid(0.0, c=2.0, beta=5.0) == pytest.approx(1.0)
    assert scaled_sigmoid(np.log(2) / 3, c=2.0, beta=3.0) == pytest.approx(4 / 3)
    # slope at 0 is c * beta / 4
    assert scaled_sigmoid_deriv(0.0, c=2.0, beta=3.0) == pytest.approx(1.5)


def test_scaled_sigmoid_defaults_are_the_sigmoid():
    a = np.array([-3.0, -0.5, 0.0, 2.0])
    np.testing.assert_allclose(scaled_sigmoid(a), 1 / (1 + np.exp(-a)), rtol=1e-14)


@pytest.mark.parametrize("c, beta", [(0.5, 0.25), (1.0, 1.0), (3.0, 5.0), (2.0, -1.5)])
def test_scaled_sigmoid_deriv_matches_central_difference(c, beta):
    a = np.linspace(-4, 4, 33)
    check_grad(lambda a_: scaled_sigmoid(a_, c, beta), a,
               vjp=lambda g: g * scaled_sigmoid_deriv(a, c, beta), rtol=1e-7, atol=1e-9)


def test_scaled_sigmoid_deriv_in_terms_of_output():
    # y' = (beta / c) y (c - y)
    a, c, beta = np.linspace(-3, 3, 13), 2.5, 1.75
    y = scaled_sigmoid(a, c, beta)
    np.testing.assert_allclose(scaled_sigmoid_deriv(a, c, beta), beta / c * y * (c - y), rtol=1e-12)


@pytest.mark.parametrize("bad", [np.nan, np.inf, "2", None, True])
def test_scaled_sigmoid_rejects_bad_parameters(bad):
    with pytest.raises(ValueError, match="finite number"):
        scaled_sigmoid(0.0, c=bad)
    with pytest.raises(ValueError, match="finite number"):
        scaled_sigmoid_deriv(0.0, beta=bad)


def test_leaky_relu_curves_hand_values():
    a, da = leaky_relu_curves(0.2, z=np.array([-2.0, -0.5, 0.0, 3.0]))
    np.testing.assert_allclose(a, [-0.4, -0.1, 0.0, 3.0])
    np.testing.assert_allclose(da, [0.2, 0.2, 1.0, 1.0])


def test_leaky_relu_curves_reject_negative_slope():
    with pytest.raises(ValueError, match="slope"):
        leaky_relu_curves(-0.1)
