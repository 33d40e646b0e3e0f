"""Tests for nnlib.plot.init: the spread lines, a log axis of whole decades, and an in-place update
that draws what a fresh drawing draws."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments.init import init_statistics
from nnlib.plot.init import draw_init_statistics, update_init_statistics

from conftest import pixels


def test_draw_init_statistics_lines():
    stats = {k: init_statistics(k, 3, 10, n_samples=20) for k in ("xavier", "he")}
    fig, axes = plt.subplots(1, 2)
    lines = draw_init_statistics(axes, stats)
    np.testing.assert_allclose(lines["he"][0].get_ydata(), stats["he"].act_std)
    assert axes[1].get_yscale() == "log"


def test_init_gradient_axis_spans_whole_decades():
    # gradients that barely change across layers still get labelled powers of ten
    stats = {"he": init_statistics("he", 3, 10, n_samples=20)}
    fig, axes = plt.subplots(1, 2)
    draw_init_statistics(axes, stats)
    lo, hi = np.log10(axes[1].get_ylim())
    assert lo == np.floor(lo) and hi == np.floor(hi) and hi - lo >= 2
    grads = stats["he"].grad_std
    assert 10.0 ** lo <= grads.min() and grads.max() <= 10.0 ** hi
    plt.close(fig)


def test_update_draws_what_a_fresh_drawing_draws():
    first = {"tanh, g = 1.00": init_statistics(("gain", 1.0), 4, 12, "tanh", 40)}
    then = {"relu, g = 2.51": init_statistics(("gain", 2.51), 4, 12, "relu", 40)}
    fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.0))
    lines = draw_init_statistics(axes, first)
    before = pixels(fig)
    new = update_init_statistics(axes, lines, then)
    assert list(new) == list(then)
    assert [id(x) for x in new["relu, g = 2.51"]] == [id(x) for x in lines["tanh, g = 1.00"]]
    fig2, axes2 = plt.subplots(1, 2, figsize=(7.5, 3.0))
    draw_init_statistics(axes2, then)
    after = pixels(fig)
    assert not np.array_equal(after, before)
    np.testing.assert_array_equal(after, pixels(fig2))
    with pytest.raises(ValueError, match="one per line"):
        update_init_statistics(axes, new, {**then, **first})
