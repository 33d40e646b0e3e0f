"""Tests for nnlib.plot.gradbugs: failing arrays red on a log scale, and the update in place."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.plot.gradbugs import draw_bug_errors, plot_bug_errors

from conftest import pixels


def test_plot_marks_failing_arrays_vermillion_and_passing_ones_bluish_green():
    # Okabe-Ito's pair, the page's colours (book_assets/twin/widgets/ui.js), not red and green
    fig, ax = plt.subplots()
    plot_bug_errors({"W1": 0.5, "b1": 1e-10, "W2": 1e-9, "b2": 0.2}, ax, title="t")
    colors = [tuple(p.get_facecolor()[:3]) for p in ax.patches]
    red, green = matplotlib.colors.to_rgb("#d55e00"), matplotlib.colors.to_rgb("#009e73")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["W1", "b1", "W2", "b2"]
    assert colors == [red, green, green, red]
    assert ax.get_yscale() == "log"
    plt.close(fig)


def test_update_in_place_looks_like_a_fresh_drawing():
    before = {"W1": 1e-10, "b1": 1e-12, "W2": 1e-9, "b2": 1e-11}
    after = {"W1": 0.5, "b1": 1e-10, "W2": 0.0, "b2": 0.2}   # a share of 0 sits on the floor
    fig, ax = plt.subplots(figsize=(7, 3))
    draw_bug_errors(before, ax, title="before").update(after, title="after")
    fresh, fresh_ax = plt.subplots(figsize=(7, 3))
    plot_bug_errors(after, fresh_ax, title="after")
    assert np.array_equal(pixels(fig), pixels(fresh))
    plt.close("all")


def test_update_needs_the_same_arrays():
    fig, ax = plt.subplots()
    artists = draw_bug_errors({"W1": 0.1, "b1": 0.1}, ax)
    with pytest.raises(ValueError, match="W1, b1"):
        artists.update({"W1": 0.1, "b1": 0.1, "W2": 0.1})
    plt.close(fig)
