"""Tests for nnlib.widgets.l2: the L2 explorer headless at every lambda (its result is
train_l2's, each lambda trained once), its title, bad input, and regions drawn in place."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib import datasets
from nnlib.experiments.regularization import train_l2, weight_norm
from nnlib.widgets.l2 import l2_widget


def test_l2_widget_survives_every_lambda():
    X, y = datasets.moons(n=10, noise=0.2, seed=0)
    lambdas = [0.0, 0.5, 5.0]
    lw = l2_widget(X, y, lambdas, X, y, hidden=(4,), epochs=40)
    regions = lw.artists
    slider = lw.controls["lambda"]
    for lam in (lambdas[-1], lambdas[1], lambdas[0]):
        slider.value = lam
        got, net = lw.result
        assert got == lam
        expect, _ = train_l2(X, y, lam, hidden=(4,), epochs=40)
        np.testing.assert_allclose(net.get_flat(), expect.get_flat())
        assert lw.artists is regions  # the same image, recoloured
        assert regions.ax.get_title().endswith(f", ΣW² = {weight_norm(net):.0f}")
    assert set(lw.nets) == set(lambdas)
    slider.value = lambdas[-1]
    assert lw.nets[lambdas[-1]] is lw.result[1]  # trained once, then kept
    with pytest.raises(ValueError, match="at least one"):
        l2_widget(X, y, [])
    with pytest.raises(ValueError, match="lambda"):
        l2_widget(X, y, [-1.0])
