"""Tests for nnlib.plot.regions: both decision-region figures evaluate the network on the one
grid of nnlib.experiments.regions, the tint of the regions, and the in-place update."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib import MLP
from nnlib.datasets import xor
from nnlib.experiments.regions import decision_grid, scores
from nnlib.plot.regions import (
    class_colors,
    draw_decision_regions,
    plot_decision_regions,
    region_colors,
)


@pytest.fixture(scope="module")
def blobs_net():
    X, labels = nnlib.datasets.blobs(60, classes=3, noise=0.2, seed=1)
    net = MLP([2, 5, 3], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    net.fit(X, nnlib.one_hot(labels, 3), lr=0.5, epochs=200)
    return net, X, labels


def test_plot_decision_regions_shades_predict_on_the_one_grid(blobs_net):
    net, X, labels = blobs_net
    fig, ax = plt.subplots()
    plot_decision_regions(ax, net, X, labels, title="blobs", resolution=20)
    assert ax.get_title() == "blobs"
    # the filled contours are drawn over the columns of decision_grid(X, 20, margin=0.3),
    # coloured by net.predict at those points
    G, extent = decision_grid(X, 20, 0.3)
    labels_on_grid = net.predict(G).reshape(20, 20)
    assert set(np.unique(labels_on_grid)) <= {0, 1, 2}
    contour = ax.collections[0]
    x0, x1, y0, y1 = extent
    np.testing.assert_allclose(ax.dataLim.get_points(), [[x0, y0], [x1, y1]], atol=1e-12)
    assert list(contour.levels) == [-0.5, 0.5, 1.5, 2.5]
    # each level is filled exactly where predict gives that class: compare the path areas with
    # the counts on the grid (both grids agree, so every class that occurs has a filled region)
    filled = [len(p.vertices) > 0 for p in contour.get_paths()]
    assert filled == [bool(np.any(labels_on_grid == k)) for k in range(3)]


def test_plot_decision_regions_needs_two_inputs():
    net = MLP([3, 2], activations=["softmax"], loss="cross_entropy")
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="2 inputs"):
        plot_decision_regions(ax, net, np.zeros((4, 3)), np.zeros(4, dtype=int))


def test_draw_decision_regions_image_is_the_scores_on_the_one_grid():
    X, y = xor(4, 0.0)
    X_test = np.array([[1.5, -0.5], [-0.2, 0.4]])  # outside the training points' box
    net = MLP([2, 3, 1], ["tanh", "sigmoid"], loss="binary_cross_entropy", seed=2)
    fig, ax = plt.subplots()
    art = draw_decision_regions(ax, net, X, y, X_test, np.array([0, 1]), resolution=9)
    G, extent = decision_grid(np.vstack([X, X_test]), 9)  # the grid covers both sets
    np.testing.assert_array_equal(art.grid, G)
    assert art.image.get_extent() == list(extent)
    expected = region_colors(scores(net.forward(G), 2), class_colors(2))
    np.testing.assert_allclose(art.image.get_array(), expected.reshape(9, 9, 3))


def test_region_colors_white_on_ties_tinted_when_sure():
    colors = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    rgb = region_colors(np.array([[0.5, 0.5], [1.0, 0.0], [0.0, 1.0]]), colors, strength=0.5)
    np.testing.assert_allclose(rgb[0], [1.0, 1.0, 1.0])
    np.testing.assert_allclose(rgb[1], [1.0, 0.5, 0.5])
    np.testing.assert_allclose(rgb[2], [0.5, 0.5, 1.0])


def test_draw_decision_regions_updates_in_place():
    X, y = xor(4, 0.0)
    net = MLP([2, 1], ["sigmoid"], loss="binary_cross_entropy", seed=0)
    fig, ax = plt.subplots()
    art = draw_decision_regions(ax, net, X, y, resolution=12)
    before = np.array(art.image.get_array())
    assert before.shape == (12, 12, 3)
    net.weights[0][...] = [[8.0], [0.0]]
    A = art.update(net)
    assert A.shape == (144, 1)
    assert not np.allclose(art.image.get_array(), before)
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        draw_decision_regions(ax, net, np.ones((4, 3)), y)


def test_class_colors_range():
    assert class_colors(4).shape == (4, 3)
    with pytest.raises(ValueError, match="n_classes"):
        class_colors(5)
