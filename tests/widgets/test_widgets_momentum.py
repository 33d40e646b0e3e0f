"""Tests for nnlib.widgets.momentum: the momentum explorer headless at every slider's ends and
middle (its result is descend_ravine's), its title, bad input, and a figure drawn in place that
shows what a fresh explorer shows."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib.experiments.momentum import RAVINE_START, descend_ravine, ravine_summary
from nnlib.widgets.momentum import momentum_widget

from conftest import pixels


def test_momentum_widget_survives_every_slider():
    mw = momentum_widget(steps=15)
    beta, lr = mw.controls["beta"], mw.controls["lr"]
    for bv, lv in itertools.product(*[(s.min, (s.min + s.max) / 2, s.max) for s in (beta, lr)]):
        beta.value, lr.value = bv, lv
        plain, mom = mw.result
        np.testing.assert_allclose(plain, descend_ravine(RAVINE_START, lr.value, 0.0, 15))
        np.testing.assert_allclose(mom, descend_ravine(RAVINE_START, lr.value, beta.value, 15))
        lines, title = mw.artists
        np.testing.assert_array_equal(lines["momentum"].get_xydata(), mom)
        assert title.get_text() == (f"plain: {ravine_summary(plain)};  β = {beta.value:.2f}: "
                                    f"{ravine_summary(mom)}")


def test_momentum_widget_draws_in_place_what_a_fresh_one_draws():
    mw = momentum_widget(lr=0.09, beta=0.7)
    lines = mw.artists[0]
    before = pixels(mw.fig)
    mw.controls["beta"].value = 0.3
    mw.controls["lr"].value = 0.05
    assert mw.artists[0] is lines
    after = pixels(mw.fig)
    assert not np.array_equal(after, before)
    np.testing.assert_array_equal(after, pixels(momentum_widget(lr=0.05, beta=0.3).fig))


@pytest.mark.parametrize("kwargs, match", [
    (dict(lr=0.2), "lr must be in"), (dict(beta=1.0), "beta must be in"),
    (dict(steps=0), "steps"), (dict(curvature=(1.0, 0.0)), "curvature b"),
])
def test_momentum_widget_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        momentum_widget(**kwargs)
