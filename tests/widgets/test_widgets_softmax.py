"""Tests for nnlib.widgets.softmax: the widget run headless with every logit slider at its
extremes (the numbers: tests/experiments/test_experiments_softmax.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import itertools

import numpy as np
import pytest

from nnlib.experiments.softmax import softmax_view
from nnlib.widgets.softmax import LOGIT_RANGE, softmax_widget


def test_widget_over_slider_extremes():
    w = softmax_widget()
    sliders = list(w.controls.values())
    assert w.widget.children[:3] == tuple(sliders)
    for s in sliders:
        assert (s.min, s.max) == LOGIT_RANGE
    for values in itertools.product(LOGIT_RANGE, repeat=3):
        for slider, v in zip(sliders, values):
            slider.value = v
        s, J = w.result
        expect_s, expect_J = softmax_view(list(values))
        np.testing.assert_allclose(s, expect_s)
        np.testing.assert_allclose(J, expect_J)
        assert s.sum() == pytest.approx(1.0)
        np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)  # columns of J sum to 0
        assert w.artists.bars.texts[0].get_text() == f"{expect_s[0]:.3f}"
    assert len(w.fig.axes) == 2  # one figure, drawn in place


def test_widget_rejects_a_single_logit():
    with pytest.raises(ValueError, match="at least 2"):
        softmax_widget(z=(1.0,))
