"""Tests for nnlib.widgets.dropout: the dropout explorer headless at the slider's ends and middle
(its result is dropout_means'), bad input, and a figure drawn in place that shows what a fresh
explorer shows."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib.experiments.regularization import dropout_means
from nnlib.widgets.dropout import dropout_widget

from conftest import pixels


def test_dropout_widget_survives_every_slider():
    a = (0.5, -1.0, 0.25)
    dw = dropout_widget(a, draws=50)
    s = dw.controls["p"]
    for p in (s.min, (s.min + s.max) / 2, s.max):
        s.value = p
        inv, plain = dw.result
        e_inv, e_plain = dropout_means(a, s.value, 50, seed=0)
        np.testing.assert_allclose(inv, e_inv)
        np.testing.assert_allclose(plain, e_plain)
        np.testing.assert_array_equal([b.get_height() for b in dw.artists.plain_bars], plain)
        assert dw.artists.title.get_text().startswith(f"p = {s.value:.2f}, 50 masks")


def test_dropout_widget_draws_in_place_what_a_fresh_one_draws():
    dw = dropout_widget(p=0.5)
    artists = dw.artists
    before = pixels(dw.fig)
    dw.controls["p"].value = 0.2
    assert dw.artists is artists
    after = pixels(dw.fig)
    assert not np.array_equal(after, before)
    np.testing.assert_array_equal(after, pixels(dropout_widget(p=0.2).fig))


@pytest.mark.parametrize("kwargs, match", [
    (dict(a=()), "non-zero"), (dict(a=(0.0, 0.0)), "non-zero"), (dict(a=[[1.0]]), "dimension"),
    (dict(p=0.95), "p must be in"), (dict(draws=0), "draws"),
])
def test_dropout_widget_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        dropout_widget(**kwargs)
