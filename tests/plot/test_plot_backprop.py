"""Tests for nnlib.plot.backprop: weight names and the forward/backward network diagram."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib import MLP
from nnlib.plot.backprop import draw_forward_backward, weight_names


def test_indexed_names_follow_nnlib_layout():
    names = weight_names([2, 3, 2])
    assert names[0][1][2] == "$w^{(1)}_{23}$"     # input 2 -> hidden 3
    assert names[1][2][0] == "$w^{(2)}_{31}$"     # hidden 3 -> output 1
    assert [len(L) for L in names] == [2, 3]


def test_flat_names_are_read_row_by_row():
    # source 002: W1 = [[a, c], [b, d]] in nnlib's layout (rows are inputs)
    names = weight_names([2, 2, 2], list("acbdegfh"))
    assert names[0] == [["a", "c"], ["b", "d"]]
    assert names[1] == [["e", "g"], ["f", "h"]]


@pytest.mark.parametrize("style, match", [("greek", "style must be"), (list("abc"), "expected 8")])
def test_weight_names_reject_bad_style(style, match):
    with pytest.raises(ValueError, match=match):
        weight_names([2, 2, 2], style)


def _net_and_batch():
    net = MLP([2, 3, 2], ["tanh", "softmax"], loss="cross_entropy", seed=1)
    X = np.array([[0.5, -1.0], [1.0, 2.0]])
    deltas = [np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]), np.array([[-1.0, 1.0], [2.0, -2.0]])]
    return net, X, deltas


@pytest.mark.parametrize("sample", [0, 1])
def test_draws_the_chosen_samples_values_and_deltas(ax, sample):
    net, X, deltas = _net_and_batch()
    art = draw_forward_backward(ax, net, X, deltas, sample=sample, fmt=".2f")
    hidden = np.tanh(X @ net.weights[0] + net.biases[0])[sample]
    assert [t.get_text() for t in art.delta_texts[1]] == [
        f"δ={deltas[1][sample, j]:.2f}" for j in range(2)]
    assert [t.get_text() for t in art.delta_texts[0]] == [
        f"δ={deltas[0][sample, j]:.2f}" for j in range(3)]
    assert all(f"{hidden[j]:.2f}" in art.node_texts[1][j].get_text() for j in range(3))


def test_edge_names_with_and_without_values(ax):
    net, X, deltas = _net_and_batch()
    names = weight_names(net.sizes)
    art = draw_forward_backward(ax, net, X, deltas, edge_names=names, fmt=".1f")
    assert art.edge_texts[1][2][0].get_text() == f"$w^{{(2)}}_{{31}}$={net.weights[1][2, 0]:.1f}"
    fig, ax2 = plt.subplots()
    art2 = draw_forward_backward(ax2, net, X, deltas, edge_names=names, show_values=False)
    assert art2.edge_texts[0][0][1].get_text() == "$w^{(1)}_{12}$"
    plt.close(fig)


def test_forward_pass_only_without_deltas(ax):
    net, X, _ = _net_and_batch()
    art = draw_forward_backward(ax, net, X, None, sample=1, fmt=".2f")
    assert art.delta_texts is None
    assert f"{X[1, 1]:.2f}" in art.node_texts[0][1].get_text()


def test_no_edge_labels_when_asked(ax):
    net, X, deltas = _net_and_batch()
    art = draw_forward_backward(ax, net, X, deltas, show_values=False)
    assert art.edge_texts is None


@pytest.mark.parametrize("sample", [2, -1, 0.5])
def test_rejects_sample_out_of_range(ax, sample):
    net, X, deltas = _net_and_batch()
    with pytest.raises(ValueError, match="sample must be an integer in 0..1"):
        draw_forward_backward(ax, net, X, deltas, sample=sample)


def test_rejects_deltas_of_the_wrong_shape(ax):
    net, X, deltas = _net_and_batch()
    with pytest.raises(ValueError, match=r"deltas must have shapes \[\(2, 3\), \(2, 2\)\]"):
        draw_forward_backward(ax, net, X, [deltas[0].T, deltas[1]])


def test_rejects_edge_names_of_the_wrong_layout(ax):
    net, X, deltas = _net_and_batch()
    with pytest.raises(ValueError, match="edge_names must be laid out like the weights"):
        draw_forward_backward(ax, net, X, deltas, edge_names=weight_names([2, 2, 2]))
