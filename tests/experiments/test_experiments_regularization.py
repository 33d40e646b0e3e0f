"""Tests for nnlib.experiments.regularization: L2 shrinks the weights to a stationary point of the
penalised loss; dropout means against their expectations; the dropout gradient checks catch the
broken backward passes only."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnlib import MLP, datasets
from nnlib.experiments.regularization import (
    DROPOUT_BACKWARDS,
    dropout_gradchecks,
    dropout_means,
    train_l2,
    weight_norm,
)
from nnlib.gradcheck import RTOL


def test_l2_shrinks_the_weights_and_reaches_a_stationary_point():
    X, y = datasets.moons(n=16, noise=0.3, seed=3)
    norms = []
    for lam in (0.0, 1.0, 10.0):
        net, hist = train_l2(X, y, lam, hidden=(8,), epochs=600)
        assert not hist.diverged
        norms.append(weight_norm(net))
        assert norms[-1] == pytest.approx(sum(float((W ** 2).sum()) for W in net.weights))
        if lam:
            # at a minimum of J the data gradient and the penalty's lambda W / N cancel
            dWs, dbs = net.gradients(X, y[:, None].astype(float), l2=lam)
            size = np.sqrt(sum(float((d ** 2).sum()) for d in dWs + dbs))
            assert size < 1e-3 * lam / 16 * math.sqrt(norms[-1]) + 1e-6
    assert norms[0] > norms[1] > norms[2]


def test_l2_rejects_negative_lambda():
    X, y = datasets.moons(n=8, seed=0)
    with pytest.raises(ValueError, match="lam"):
        train_l2(X, y, -1.0)


def test_dropout_means_tend_to_a_and_to_one_minus_p_times_a():
    a = np.array([0.8, -0.5, 0.3, 1.0])
    p, draws = 0.4, 20000
    inv, plain = dropout_means(a, p, draws, seed=1)
    # standard error of the inverted mean: |a| sqrt(p / (1 - p) / draws); allow 5 of them
    se = np.abs(a) * math.sqrt(p / (1 - p) / draws)
    assert np.all(np.abs(inv - a) < 5 * se)
    np.testing.assert_allclose(plain, (1 - p) * inv)
    inv0, plain0 = dropout_means(a, 0.0, 10)
    np.testing.assert_allclose(inv0, a, rtol=1e-15)  # nothing dropped: the mean of 10 copies
    np.testing.assert_allclose(plain0, a, rtol=1e-15)
    with pytest.raises(ValueError, match="p must be in"):
        dropout_means(a, 1.0)


def test_dropout_gradchecks_pass_the_right_backward_only():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 3))
    Y = np.eye(2)[[0, 1, 1, 0]]
    net = MLP([3, 5, 4, 2], activations=["tanh", "tanh", "softmax"], loss="cross_entropy",
              seed=1)
    errs = dropout_gradchecks(net, X, Y, p=0.5, seed=2)
    assert set(errs) == set(DROPOUT_BACKWARDS)
    assert errs["correct"] < RTOL
    assert errs["mask forgotten"] > 1e-3 and errs["scale forgotten"] > 1e-3
    with pytest.raises(ValueError, match="p must be > 0"):
        dropout_gradchecks(net, X, Y, p=0.0)
