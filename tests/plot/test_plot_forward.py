"""Tests for nnlib.plot.forward: the explorer's drawing, updated in place, equals a fresh one."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from nnlib.experiments.forward import DEFAULT_THETA, DEFAULT_X, forward_232
from nnlib.plot.forward import draw_forward, update_forward

from conftest import pixels


def test_update_in_place_looks_like_a_fresh_drawing():
    theta = np.array(DEFAULT_THETA)
    theta[[0, 7, 12]] = (-2.5, 1.5, 0.0)      # a weight flips sign, a bias grows, a weight vanishes
    after = forward_232([-1.5, 2.0], theta)
    fig, network, bars = draw_forward(forward_232(DEFAULT_X, DEFAULT_THETA))
    update_forward(network, bars, after)
    fresh = draw_forward(after)[0]
    assert np.array_equal(pixels(fig), pixels(fresh))
    assert [t.get_text() for t in bars.texts] == [f"{p:.3f}" for p in after.probabilities]
    plt.close(fig)
    plt.close(fresh)
