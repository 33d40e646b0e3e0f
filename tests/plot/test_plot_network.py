"""Tests for nnlib.plot.network: the network diagram shared by chapters and widgets."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib import MLP
from nnlib.plot.colors import NEGATIVE_COLOR, POSITIVE_COLOR, ZERO_COLOR
from nnlib.plot.network import NODE_RADIUS, draw_network, edge_style, network_layout


def same_color(a, b):
    return np.allclose(mcolors.to_rgba(a), mcolors.to_rgba(b))


def test_layout_centres_each_layer_and_spaces_layers():
    pos = network_layout([2, 3, 1], layer_gap=2.0, node_gap=1.0)
    # by hand: layer 0 at x=0, y = +0.5, -0.5; layer 1 at x=2, y = 1, 0, -1; layer 2 at x=4, y=0
    assert np.allclose(pos[0], [[0, 0.5], [0, -0.5]])
    assert np.allclose(pos[1], [[2, 1], [2, 0], [2, -1]])
    assert np.allclose(pos[2], [[4, 0]])


@pytest.mark.parametrize("w, color, width", [
    (2.0, POSITIVE_COLOR, 6.0),      # |w| = scale: full width
    (-1.0, NEGATIVE_COLOR, 3.2),     # half the scale: 0.4 + 5.6 * 0.5
    (0.0, ZERO_COLOR, 0.4),          # zero: thinnest, grey
    (-5.0, NEGATIVE_COLOR, 6.0),     # beyond the scale: clipped
])
def test_edge_style_by_hand(w, color, width):
    got_color, got_width = edge_style(w, weight_scale=2.0, max_width=6.0, min_width=0.4)
    assert got_color == color
    assert got_width == pytest.approx(width)


@pytest.mark.parametrize("scale", [0.0, -1.0])
def test_edge_style_rejects_bad_scale(scale):
    with pytest.raises(ValueError, match="weight_scale must be positive"):
        edge_style(1.0, scale)


def test_edge_style_rejects_nan():
    with pytest.raises(ValueError, match="finite"):
        edge_style(float("nan"), 1.0)


def test_draws_every_node_and_edge_from_a_net(ax):
    net = MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    art = draw_network(ax, net)
    assert [len(layer) for layer in art.nodes] == [2, 3, 2]
    assert [(len(e), len(e[0])) for e in art.edges] == [(2, 3), (3, 2)]
    assert len(ax.patches) == 7
    # the net's weights set colours and widths; the largest |w| is drawn at max width
    W = net.weights
    biggest = max(np.abs(w).max() for w in W)
    for l in range(2):
        for i in range(W[l].shape[0]):
            for j in range(W[l].shape[1]):
                color, width = edge_style(W[l][i, j], biggest, 6.0)
                line = art.edges[l][i][j]
                assert same_color(line.get_color(), color)
                assert line.get_linewidth() == pytest.approx(width)
    # biases come from the net too (all zero at initialisation)
    assert [t.get_text() for t in art.bias_texts[0]] == ["b=0.00"] * 3


def test_update_restyles_in_place(ax):
    W = [np.array([[1.0, -1.0, 0.0], [0.5, 0.5, -0.5]]), np.array([[1.0, -1.0]] * 3)]
    b = [np.zeros(3), np.zeros(2)]
    art = draw_network(ax, [2, 3, 2], W, b, values=[np.zeros(2), np.zeros(3), np.zeros(2)],
                       deltas=[np.zeros(3), np.zeros(2)], weight_scale=1.0)
    n_artists = len(ax.lines) + len(ax.patches) + len(ax.texts)
    assert same_color(art.edges[0][0][1].get_color(), NEGATIVE_COLOR)
    art.update(weights=[-W[0], -W[1]], biases=[np.array([0.25, 0, 0]), np.ones(2)],
               values=[np.array([1.5, -2.0]), np.zeros(3), np.array([0.3, 0.7])],
               deltas=[np.zeros(3), np.array([-0.125, 0.5])])
    assert same_color(art.edges[0][0][1].get_color(), POSITIVE_COLOR)   # -(-1) > 0
    assert same_color(art.edges[0][0][0].get_color(), NEGATIVE_COLOR)   # -(1) < 0
    assert same_color(art.edges[0][0][2].get_color(), ZERO_COLOR)
    assert art.edges[0][1][0].get_linewidth() == pytest.approx(0.4 + 5.6 * 0.5)
    assert art.node_texts[0][0].get_text() == "1.50"
    assert art.node_texts[0][1].get_text() == "-2.00"
    assert art.node_texts[2][1].get_text() == "0.70"
    assert art.bias_texts[0][0].get_text() == "b=0.25"
    assert art.delta_texts[1][0].get_text() == "δ=-0.12"
    # nothing was added: the same artists were restyled
    assert len(ax.lines) + len(ax.patches) + len(ax.texts) == n_artists


def test_node_labels_and_values_share_the_node(ax):
    art = draw_network(ax, [1, 1], [np.array([[2.0]])], values=[np.array([3.0]), np.array([6.0])],
                       node_labels=[["x"], ["y"]])
    assert art.node_texts[0][0].get_text() == "x\n3.00"
    art.update(values=[np.array([-1.0]), np.array([-2.0])])
    assert art.node_texts[1][0].get_text() == "y\n-2.00"


def test_edge_labels_print_the_weights(ax):
    art = draw_network(ax, [1, 2], [np.array([[0.5, -1.25]])], edge_labels=True)
    assert [t.get_text() for t in art.edge_texts[0][0]] == ["0.50", "-1.25"]
    art.update(weights=[np.array([[2.0, 0.0]])])
    assert [t.get_text() for t in art.edge_texts[0][0]] == ["2.00", "0.00"]


def test_without_weights_every_edge_is_grey(ax):
    art = draw_network(ax, [3, 2])
    assert all(same_color(line.get_color(), ZERO_COLOR) for row in art.edges[0] for line in row)
    assert art.bias_texts is None and art.delta_texts is None


@pytest.mark.parametrize("kwargs, message", [
    (dict(weights=[np.ones((3, 2)), np.ones((3, 2))]), r"weights\[0\] must have shape \(2, 3\)"),
    (dict(weights=[np.ones((2, 3))]), "weights must have 2 entries"),
    (dict(biases=[np.ones(3), np.ones(3)]), r"biases\[1\] must have shape \(2,\)"),
    (dict(values=[np.ones(2), np.ones(3)]), "values must have 3 entries"),
    (dict(deltas=[np.ones(2), np.ones(2)]), r"deltas\[0\] must have shape \(3,\)"),
    (dict(node_labels=[["a"], ["b"] * 3, ["c"] * 2]), "one label per node"),
    (dict(layer_labels=["in", "out"]), "layer_labels must have 3 entries"),
])
def test_bad_shapes_name_the_problem(ax, kwargs, message):
    with pytest.raises(ValueError, match=message):
        draw_network(ax, [2, 3, 2], **kwargs)


@pytest.mark.parametrize("sizes", [[3], [2, 0, 1], "abc", None])
def test_bad_sizes(ax, sizes):
    with pytest.raises(ValueError, match="sizes|list of layer sizes"):
        draw_network(ax, sizes)


def test_update_of_biases_needs_bias_texts(ax):
    art = draw_network(ax, [2, 1])
    with pytest.raises(ValueError, match="drawn without biases"):
        art.update(biases=[np.ones(1)])
    with pytest.raises(ValueError, match="drawn without deltas"):
        art.update(deltas=[np.ones(1)])


@pytest.mark.parametrize("figsize", [(2.0, 1.5), (7.0, 3.4), (12.0, 8.0)])
def test_node_text_fits_its_circle_at_any_figure_size(figsize):
    fig, ax = plt.subplots(figsize=figsize)
    try:
        values = [np.array([-0.5, 1.0]), np.array([-0.85, 0.8, -0.29]), np.array([0.94, 0.06])]
        labels = [["$x_1$", "$x_2$"], ["$h_1$", "$h_2$", "$h_3$"], ["$y_1$", "$y_2$"]]
        art = draw_network(ax, [2, 3, 2], values=values, node_labels=labels, fontsize=9)
        fig.tight_layout()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        p0, p1 = ax.transData.transform([(0.0, 0.0), (NODE_RADIUS, 0.0)])
        diameter = 2 * abs(p1[0] - p0[0])
        sizes = []
        for row in art.node_texts:
            for text in row:
                extent = text.get_window_extent(renderer)
                sizes.append(text.get_fontsize())
                if text.get_fontsize() > 5.0:      # above the floor it must fit
                    assert extent.width < diameter and extent.height < diameter
        # a roomy figure keeps the requested size; a cramped one shrinks the text
        if figsize == (12.0, 8.0):
            assert max(sizes) == 9
        if figsize == (2.0, 1.5):
            assert max(sizes) < 9
        # the fit follows the text: after an update it is measured again
        art.update(values=[v * 10 for v in values])
        fig.canvas.draw()
        for row in art.node_texts:
            for text in row:
                if text.get_fontsize() > 5.0:
                    assert text.get_window_extent(renderer).width < diameter
    finally:
        plt.close(fig)
