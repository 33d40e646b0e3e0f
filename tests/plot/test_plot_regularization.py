"""Tests for nnlib.plot.regularization: the L2 panels' titles, the dropout bars and their update."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib import datasets
from nnlib.experiments.regularization import dropout_means, train_l2, weight_norm
from nnlib.plot.regularization import draw_dropout_means, draw_l2_boundaries, l2_title


def test_draw_l2_boundaries_titles():
    X, y = datasets.moons(n=10, noise=0.2, seed=0)
    nets = [train_l2(X, y, lam, hidden=(4,), epochs=50)[0] for lam in (0.0, 2.0)]
    fig, axes = plt.subplots(1, 2)
    arts = draw_l2_boundaries(axes, X, y, nets, [0.0, 2.0], X, y, resolution=10)
    assert len(arts) == 2
    for ax, net, lam in zip(axes, nets, (0.0, 2.0)):
        t = ax.get_title()
        assert t.startswith(f"λ = {lam:g}") and f"ΣW² = {weight_norm(net):.0f}" in t


def test_l2_title_by_hand():
    X, y = datasets.moons(n=10, noise=0.2, seed=0)
    net = train_l2(X, y, 0.5, hidden=(3,), epochs=30)[0]
    acc = np.mean(net.predict(X) == y)
    norm = sum(float((W ** 2).sum()) for W in net.weights)
    assert l2_title(net, 0.5, X, y) == f"λ = 0.5\ntrain {acc:.0%}\nΣW² = {norm:.0f}"
    assert l2_title(net, 0.5, X, y, X, y, norm_sep=", ") == (
        f"λ = 0.5\ntrain {acc:.0%}, test {acc:.0%}, ΣW² = {norm:.0f}")


def test_dropout_bars_show_the_means_and_the_gaps():
    a = np.array([0.5, -1.0, 0.25])
    fig, ax = plt.subplots()
    art = draw_dropout_means(ax, a)
    bars = ax.containers
    assert len(bars) == 3
    np.testing.assert_array_equal([b.get_height() for b in bars[0]], a)  # a itself, grey
    inv, plain = dropout_means(a, 0.5, 200, seed=0)
    assert art.update(inv, plain, 0.5, 200) is art
    np.testing.assert_array_equal([b.get_height() for b in art.inverted_bars], inv)
    np.testing.assert_array_equal([b.get_height() for b in art.plain_bars], plain)
    np.testing.assert_array_equal([b.get_height() for b in bars[0]], a)  # unchanged
    assert art.title.get_text() == (f"p = 0.50, 200 masks: largest gap to a, scaled "
                                    f"{np.abs(inv - a).max():.2f}, unscaled "
                                    f"{np.abs(plain - a).max():.2f}")
    assert ax.get_ylim() == pytest.approx((-1.3, 1.3))
