"""Tests for nnlib.plot.animation: recorded runs replayed as HTML with every frame, reproducible
player ids, bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re

import numpy as np
import pytest

from nnlib.experiments.frames import train_frames
from nnlib.experiments.xor import xor_model
from nnlib.plot.animation import animate_frames, animation_html
from nnlib.plot.descent import animate_descent_1d


def test_animate_frames_gives_html_with_every_frame():
    model = xor_model(hidden=2, lr=2.0, epochs_per_frame=10, seed=0)
    record = train_frames(model, 4)
    html = animation_html(animate_frames(model, record), frame_format="jpeg")
    frames = _frames(html)
    assert [int(i) for i, _ in frames] == list(range(len(record)))
    assert {fmt for _, fmt in frames} == {"jpeg"}
    assert 'class="anim-slider"' in html and 'title="Play"' in html
    # replaying restored every frame; the last one is the trained state
    for W, W_end in zip(model.net.weights, record[-1]["weights"]):
        np.testing.assert_array_equal(W, W_end)


def test_animate_frames_rejects_an_empty_record():
    with pytest.raises(ValueError, match="empty"):
        animate_frames(xor_model(), [])


def test_animation_html_is_reproducible_and_ids_are_distinct():
    make = lambda lrs: animate_descent_1d("quadratic", lrs, steps=3, dpi=30)  # noqa: E731
    anims = [make(lrs) for lrs in [(0.3,), (0.3,), (1.5,)]]
    first, again, other = (animation_html(a) for a in anims)
    assert first == again
    ids = {re.search(r'id="_anim_img(\w+)"', h).group(1) for h in (first, other)}
    assert len(ids) == 2
    with pytest.raises(ValueError, match="frame_format"):
        animation_html(anims[0], frame_format="gif")


def _frames(html):
    return re.findall(r"frames\[(\d+)\] = \"data:image/(png|jpeg);base64,", html)


def test_animate_descent_shows_one_more_iterate_per_frame():
    anim = animate_descent_1d("two valleys", lrs=(0.05, 0.2), theta0=1.6, steps=6, dpi=30)
    html = animation_html(anim)
    assert len(_frames(html)) == 7
    for k in (0, 3, 6):
        anim._func(k)
        for panel in anim.panels:
            assert len(panel.path_points.get_offsets()) == k + 1
    with pytest.raises(ValueError, match="at least one"):
        animate_descent_1d("quadratic", lrs=())
