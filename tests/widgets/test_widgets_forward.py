"""Tests for nnlib.widgets.forward: the 2-3-2 explorer's wiring over every slider's range (the
forward pass itself: tests/experiments/test_experiments_forward.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments.forward import DEFAULT_THETA, DEFAULT_X, forward_232
from nnlib.widgets.forward import forward_widget


@pytest.fixture
def explorer():
    e = forward_widget()
    yield e
    plt.close(e.fig)


def test_widget_starts_from_the_defaults(explorer):
    assert len(explorer.controls) == 19
    x, theta = explorer.inputs()
    assert np.allclose(x, DEFAULT_X) and np.allclose(theta, DEFAULT_THETA)
    expected = forward_232(DEFAULT_X, DEFAULT_THETA)
    assert np.allclose(explorer.result.probabilities, expected.probabilities)


def test_every_slider_over_its_range_updates_result_and_figure(explorer):
    for name, control in explorer.controls.items():
        for value in (control.min, control.max, 0.0, control.value):
            control.value = value
            x, theta = explorer.inputs()
            expected = forward_232(x, theta)
            assert np.allclose(explorer.result.probabilities, expected.probabilities), name
            assert np.allclose(explorer.result.A[1], expected.A[1]), name
            # the figure shows the new numbers
            shown = [t.get_text() for t in explorer.bars.texts]
            assert shown == [format(p, ".3f") for p in expected.probabilities], name
            hidden = [t.get_text().split("\n")[-1] for t in explorer.network.node_texts[1]]
            assert hidden == [format(a, ".2f") for a in expected.A[1]], name
    assert len(explorer.fig.axes) == 2  # one figure, drawn in place


def test_moving_a_weight_changes_its_edge(explorer):
    edge = explorer.network.edges[1][2][1]        # W2[2, 1] = w2_32
    explorer.controls["w2_32"].value = 3.0
    wide = edge.get_linewidth()
    explorer.controls["w2_32"].value = -0.3
    assert edge.get_linewidth() < wide
    explorer.controls["w2_32"].value = 0.0
    assert edge.get_linewidth() == pytest.approx(0.4)
