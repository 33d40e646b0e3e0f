"""Tests for nnlib.widgets.activations: both widgets run headless over their whole slider ranges
(the curves: tests/experiments/test_experiments_activations.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments.activations import GRID, scaled_sigmoid_curves
from nnlib.widgets.activations import (
    BETA_RANGE,
    C_RANGE,
    SLOPE_RANGE,
    leaky_relu_widget,
    scaled_sigmoid_widget,
)


def _slider_values(slider):
    return np.linspace(slider.min, slider.max, 3)  # extremes and the middle


def test_scaled_sigmoid_widget_over_its_range():
    w = scaled_sigmoid_widget()
    c, beta = w.controls["c"], w.controls["beta"]
    assert w.widget.children[:2] == (c, beta)
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
    slope = w.controls["slope"]
    assert (slope.min, slope.max) == SLOPE_RANGE
    for s in _slider_values(slope):
        slope.value = s
        a, da = w.result
        assert a[0] == pytest.approx(GRID[0] * s)
        assert da[0] == pytest.approx(s) and da[-1] == 1.0
    plt.close("all")


def test_widget_figure_is_drawn_in_place():
    w = scaled_sigmoid_widget()
    axes, lines = w.fig.axes, [ax.lines[0] for ax in w.fig.axes]
    w.controls["c"].value = 2.0
    assert w.fig.axes == axes and [ax.lines[0] for ax in w.fig.axes] == lines
    assert len(axes) == 2
    np.testing.assert_allclose(lines[0].get_ydata(), w.result[0])
    np.testing.assert_allclose(lines[1].get_ydata(), w.result[1])
    np.testing.assert_allclose(w.result[0], 2.0 / (1.0 + np.exp(-GRID)))  # c sigma(z), beta = 1
