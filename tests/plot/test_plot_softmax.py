"""Tests for nnlib.plot.softmax: bars and annotated Jacobian, and the update in place."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments.softmax import softmax_view
from nnlib.plot.softmax import draw_softmax

from conftest import pixels


def test_draw_softmax_annotates_every_entry():
    s, J = softmax_view([1.0, 0.0, -1.0])
    fig, axes = plt.subplots(1, 2)
    artists = draw_softmax(axes, s, J)
    np.testing.assert_allclose(artists.image.get_array(), J)
    assert [t.get_text() for t in axes[1].texts] == [f"{v:.3f}" for v in J.ravel()]
    assert [b.get_height() for b in artists.bars.bars] == pytest.approx(s)


def test_draw_softmax_rejects_mismatched_shapes():
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="shape"):
        draw_softmax(axes, np.ones(3) / 3, np.eye(2))




def test_update_in_place_looks_like_a_fresh_drawing():
    after = softmax_view([5.0, -2.5, 0.25])
    fig, axes = plt.subplots(1, 2, figsize=(7, 3))
    draw_softmax(axes, *softmax_view([1.0, 0.0, -1.0])).update(*after)
    fresh, fresh_axes = plt.subplots(1, 2, figsize=(7, 3))
    draw_softmax(fresh_axes, *after)
    assert np.array_equal(pixels(fig), pixels(fresh))


def test_update_rejects_another_size():
    fig, axes = plt.subplots(1, 2)
    artists = draw_softmax(axes, *softmax_view([1.0, 0.0, -1.0]))
    with pytest.raises(ValueError, match="shape"):
        artists.update(*softmax_view([1.0, 0.0]))
