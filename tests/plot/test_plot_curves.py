"""Tests for nnlib.plot.curves: the function/derivative plot of nnlib's activation curves and
its in-place update."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments.curves import activation_curves
from nnlib.plot.curves import plot_function_and_derivative


def test_plot_function_and_derivative_draws_and_updates():
    z = np.linspace(-2, 2, 9)
    fig, axes = plt.subplots(1, 2)
    a, da = activation_curves("tanh", z)
    artists = plot_function_and_derivative(axes, z, a, da, "tanh", f_ylim=(-1, 1))
    np.testing.assert_allclose(axes[0].lines[0].get_ydata(), a)
    np.testing.assert_allclose(axes[1].lines[0].get_ydata(), da)
    assert axes[0].get_title() == "tanh(z)" and axes[1].get_title() == "tanh'(z)"
    assert axes[0].get_ylim() == (-1, 1)
    artists.update(2 * a, 3 * da)
    np.testing.assert_allclose(axes[0].lines[0].get_ydata(), 2 * a)
    np.testing.assert_allclose(axes[1].lines[0].get_ydata(), 3 * da)
    with pytest.raises(ValueError, match="shape"):
        artists.update(a[:3], da)


def test_plot_function_and_derivative_rejects_mismatched_shapes():
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="shape"):
        plot_function_and_derivative(axes, np.zeros(5), np.zeros(4), np.zeros(5), "f")
    with pytest.raises(ValueError, match="two axes"):
        plot_function_and_derivative(axes[:1], np.zeros(5), np.zeros(5), np.zeros(5), "f")
