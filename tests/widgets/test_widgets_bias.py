"""Tests for nnlib.widgets.bias: the two-slider explorer of tanh(w x + b) over its slider ranges
(the curve itself: tests/experiments/test_experiments_bias.py)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.widgets.bias import bias_widget


def test_widget_follows_both_sliders_over_their_ranges():
    e = bias_widget()
    try:
        for name, control in e.controls.items():
            for value in (control.min, control.max, 0.0, 0.55):
                control.value = value
                w, b = e.controls["w"].value, e.controls["b"].value
                assert (e.result.w, e.result.b) == (w, b)
                assert e.result.at_zero == pytest.approx(math.tanh(b))
                assert np.allclose(e.artists["curve"].get_ydata(), np.tanh(w * e.result.x + b))
                assert e.artists["point"].get_ydata()[0] == pytest.approx(math.tanh(b))
                assert f"{math.tanh(b):.4f}" in e.artists["label"].get_text()
                assert e.artists["legend"].get_text() == rf"$\tanh({w:.2f}\,x {b:+.2f})$"
        assert len(e.fig.axes) == 1  # one figure, drawn in place
    finally:
        plt.close(e.fig)
