"""Tests for nnlib.plot.bias: the drawing of tanh(w x + b), and its update in place equals a
fresh drawing."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments.bias import bias_curve
from nnlib.plot.bias import plot_bias_curve, update_bias_curve

from conftest import pixels


def test_drawn_values_are_the_curves():
    fig, ax = plt.subplots()
    a = plot_bias_curve(ax, bias_curve(2.0, -0.5))
    assert np.allclose(a["curve"].get_ydata(), np.tanh(2.0 * a["curve"].get_xdata() - 0.5))
    assert a["point"].get_ydata()[0] == pytest.approx(math.tanh(-0.5))
    assert "-0.4621" in a["label"].get_text()       # tanh(-0.5) = -0.46211716
    assert a["legend"].get_text() == r"$\tanh(2.00\,x -0.50)$"
    plt.close(fig)


def test_update_in_place_looks_like_a_fresh_drawing():
    figs = [plt.figure(figsize=(7, 3.5)) for _ in range(2)]
    moved = plot_bias_curve(figs[0].subplots(), bias_curve(1.0, 0.0))
    update_bias_curve(moved, bias_curve(-2.5, 0.75))
    plot_bias_curve(figs[1].subplots(), bias_curve(-2.5, 0.75))
    assert np.array_equal(pixels(figs[0]), pixels(figs[1]))
    for fig in figs:
        plt.close(fig)
