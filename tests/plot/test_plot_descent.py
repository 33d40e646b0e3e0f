"""Tests for nnlib.plot.descent: the path and title of a one-parameter descent, moving the path
to given iterates, the ravine's paths (the animation is in test_plot_animation)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from nnlib.experiments.descent import descend_1d
from nnlib.experiments.momentum import descend_ravine
from nnlib.plot.descent import draw_descent_1d, draw_ravine


def test_draw_descent_titles_and_points():
    fig, ax = plt.subplots()
    art = draw_descent_1d(ax, "quadratic", lr=3.0, theta0=5.0, steps=30)
    assert "DIVERGED" in art.title.get_text() and "ηa = 3: diverges" in art.title.get_text()
    assert len(art.path_points.get_offsets()) == 19  # the finite iterates only
    art.update(0.3, 5.0, upto=4)
    assert len(art.path_points.get_offsets()) == 5
    assert "θ₄" in art.title.get_text()


def test_show_moves_the_path_to_given_iterates_as_update_computes_them():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    moved = draw_descent_1d(ax1, "two valleys", lr=0.05, theta0=1.6, steps=12)
    fresh = draw_descent_1d(ax2, "two valleys", lr=0.2, theta0=-1.0, steps=12, momentum=0.5)
    thetas = descend_1d("two valleys", -1.0, 0.2, 12, momentum=0.5)
    assert moved.show(thetas, 0.2, 0.5) is moved
    np.testing.assert_array_equal(moved.path_points.get_offsets(),
                                  fresh.path_points.get_offsets())
    np.testing.assert_array_equal(moved.path_points.get_offsets()[:, 0], thetas)
    assert moved.title.get_text() == fresh.title.get_text()
    assert moved.title.get_text().startswith("η = 0.2, μ = 0.5")


def test_draw_ravine_draws_each_path_and_the_minimum():
    paths = {"plain": descend_ravine(lr=0.09, steps=10),
             "momentum": descend_ravine(lr=0.09, momentum=0.7, steps=10)}
    fig, ax = plt.subplots()
    lines = draw_ravine(ax, paths)
    assert list(lines) == ["plain", "momentum"]
    for name, path in paths.items():
        np.testing.assert_array_equal(lines[name].get_xydata(), path)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["plain", "momentum"]
    assert ax.get_xlim() == (-10, 10) and ax.get_ylim() == (-3, 3)
