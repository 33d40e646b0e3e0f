"""Tests for nnlib.curves: activation curves from nnlib's table, the function/derivative plot
and its in-place update, decision regions of a trained classifier, and the per-sample losses of
the output [p, 1 - p] against hand-computed values."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib.curves import (  # noqa: E402
    activation_curves, decision_grid, plot_decision_regions, plot_function_and_derivative,
    true_class_losses,
)

ELEMENTWISE = [name for name, act in nnlib.ACTIVATIONS.items() if act.elementwise]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_activation_curves_hand_values():
    z = np.array([-1.0, 0.0, 2.0])
    a, da = activation_curves("relu", z)
    np.testing.assert_allclose(a, [0.0, 0.0, 2.0])
    np.testing.assert_allclose(da, [0.0, 0.0, 1.0])
    a, da = activation_curves("sigmoid", np.array([0.0]))
    assert a[0] == 0.5 and da[0] == 0.25  # sigma(0) = 1/2, sigma'(0) = 1/4


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_curves_derivative_matches_central_difference(name):
    z = np.linspace(-3, 3, 60) + 0.013  # grid avoids 0, where ReLU has no derivative
    h = 1e-6
    a, da = activation_curves(name, z)
    numeric = (activation_curves(name, z + h)[0] - activation_curves(name, z - h)[0]) / (2 * h)
    np.testing.assert_allclose(da, numeric, atol=1e-8)


def test_activation_curves_rejects_softmax_unknown_and_bad_grid():
    with pytest.raises(ValueError, match="not elementwise"):
        activation_curves("softmax", np.zeros(3))
    with pytest.raises(ValueError, match="valid names"):
        activation_curves("swish", np.zeros(3))
    with pytest.raises(ValueError, match="1-D"):
        activation_curves("tanh", np.zeros((2, 2)))


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


def test_decision_grid_follows_predict():
    X, labels = nnlib.datasets.blobs(60, classes=3, noise=0.2, seed=1)
    net = nnlib.MLP([2, 5, 3], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    net.fit(X, nnlib.one_hot(labels, 3), lr=0.5, epochs=200)
    xx, yy, grid = decision_grid(net, X, resolution=20)
    assert xx.shape == yy.shape == grid.shape == (20, 20)
    np.testing.assert_array_equal(grid[3], net.predict(np.column_stack([xx[3], yy[3]])))
    assert set(np.unique(grid)) <= {0, 1, 2}
    fig, ax = plt.subplots()
    plot_decision_regions(ax, net, X, labels, title="blobs", resolution=20)
    assert ax.get_title() == "blobs"


def test_decision_grid_needs_two_inputs():
    net = nnlib.MLP([3, 2], activations=["softmax"], loss="cross_entropy")
    with pytest.raises(ValueError, match="2 inputs"):
        decision_grid(net, np.zeros((4, 3)))


def test_true_class_losses_hand_values():
    p = np.array([0.01, 0.5, 0.9, 1.0])
    # MSE per sample: 1/2 [(p - 1)^2 + (1 - p)^2] = (1 - p)^2;  cross-entropy: -ln p
    np.testing.assert_allclose(true_class_losses(p, "mse"), [0.9801, 0.25, 0.01, 0.0])
    np.testing.assert_allclose(true_class_losses(p, "cross_entropy"),
                               [4.605170185988091, 0.6931471805599453, 0.10536051565782628, 0.0])


@pytest.mark.parametrize("bad", [np.array([0.0, 0.5]), np.array([0.5, 1.2]), np.ones((2, 2))])
def test_true_class_losses_rejects_bad_probabilities(bad):
    with pytest.raises(ValueError, match="probabilities"):
        true_class_losses(bad, "mse")
