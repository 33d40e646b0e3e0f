"""Tests for nnlib.widgets.activations: the scaled sigmoid of source 001 against hand-computed
values and a finite difference, leaky ReLU's curves from nnlib's table, and both widgets run
headless over their whole slider ranges."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.activations import (  # noqa: E402
    BETA_RANGE, C_RANGE, GRID, SLOPE_RANGE, leaky_relu_curves, leaky_relu_widget,
    scaled_sigmoid, scaled_sigmoid_curves, scaled_sigmoid_deriv, scaled_sigmoid_widget,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_scaled_sigmoid_hand_values():
    # c / (1 + e^{-beta a}): at a = 0 it is c/2; c = 2, beta = 3, a = ln(2)/3 gives 2/(1 + 1/2) = 4/3
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
    h = 1e-6
    numeric = (scaled_sigmoid(a + h, c, beta) - scaled_sigmoid(a - h, c, beta)) / (2 * h)
    np.testing.assert_allclose(scaled_sigmoid_deriv(a, c, beta), numeric, rtol=1e-7, atol=1e-9)


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


def _slider_values(slider):
    return np.linspace(slider.min, slider.max, 3)  # extremes and the middle


def test_scaled_sigmoid_widget_over_its_range():
    w = scaled_sigmoid_widget()
    c, beta = w.children[0], w.children[1]
    assert (c.min, c.max) == C_RANGE and (beta.min, beta.max) == BETA_RANGE
    for cv in _slider_values(c):
        for bv in _slider_values(beta):
            c.value, beta.value = cv, bv
            y, dy = w.result
            expect_y, expect_dy = scaled_sigmoid_curves(c.value, beta.value)
            np.testing.assert_allclose(y, expect_y)
            np.testing.assert_allclose(dy, expect_dy)
            # the curve spans (0, c) and peaks in slope at c beta / 4
            assert y.max() < c.value and y.min() > 0
            assert dy.max() == pytest.approx(c.value * beta.value / 4, rel=1e-3)
            plt.close("all")
    plt.close("all")


def test_leaky_relu_widget_over_its_range():
    w = leaky_relu_widget()
    slope = w.children[0]
    assert (slope.min, slope.max) == SLOPE_RANGE
    for s in _slider_values(slope):
        slope.value = s
        a, da = w.result
        assert a[0] == pytest.approx(GRID[0] * s)
        assert da[0] == pytest.approx(s) and da[-1] == 1.0
    plt.close("all")


def test_widget_figure_is_drawn():
    before = plt.get_fignums()
    w = scaled_sigmoid_widget()
    w.children[0].value = 2.0
    # each redraw makes one figure with the function and its derivative
    new = [n for n in plt.get_fignums() if n not in before]
    assert new, "the widget drew no figure"
    axes = plt.figure(new[-1]).axes
    assert len(axes) == 2
    np.testing.assert_allclose(axes[0].lines[0].get_ydata(), w.result[0])
