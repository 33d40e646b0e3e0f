"""Tests for nnlib.widgets.init: the initialisation explorer headless at every control's ends and
middle (its result is init_statistics'), bad input, and a figure drawn in place that shows what a
fresh explorer shows."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib.experiments.init import init_statistics
from nnlib.widgets.init import init_widget

from conftest import pixels


def test_init_widget_survives_every_control():
    iw = init_widget(depth=3, width=12, n_samples=30)
    gain, act = iw.controls["gain"], iw.controls["activation"]
    for a in act.options:
        for g in (gain.min, (gain.min + gain.max) / 2, gain.max):
            act.value = a
            gain.value = 10 ** g  # FloatLogSlider: min/max are exponents
            s = iw.result
            expect = init_statistics(("gain", gain.value), 3, 12, a, 30)
            np.testing.assert_allclose(s.act_std, expect.act_std)
            assert np.all(np.isfinite(s.grad_std))
            (label,) = iw.artists
            assert label == f"{a}, g = {gain.value:.2f}"
            np.testing.assert_array_equal(iw.artists[label][0].get_ydata(), s.act_std)


def test_init_widget_draws_in_place_what_a_fresh_one_draws():
    iw = init_widget(gain=1.0, depth=4, width=16, n_samples=40)
    (lines,) = iw.artists.values()
    before = pixels(iw.fig)
    iw.controls["activation"].value = "relu"
    iw.controls["gain"].value = 2.0
    assert list(iw.artists.values()) == [lines]
    after = pixels(iw.fig)
    assert not np.array_equal(after, before)
    fresh = init_widget(gain=1.0, depth=4, width=16, n_samples=40)
    fresh.controls["activation"].value = "relu"
    fresh.controls["gain"].value = 2.0
    np.testing.assert_array_equal(after, pixels(fresh.fig))


@pytest.mark.parametrize("kwargs, match", [
    (dict(gain=5.0), "gain must be in"), (dict(depth=0), "depth"), (dict(width=0), "width"),
    (dict(n_samples=0), "n_samples"),
])
def test_init_widget_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        init_widget(**kwargs)
