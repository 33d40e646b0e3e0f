"""Tests for nnlib.experiments.init: the initial weight scales, and the spread statistics against a
plain NumPy forward and backward pass and the variance rule of linear layers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnlib import MLP
from nnlib.experiments.init import INIT_SCHEMES, init_statistics, init_std


def test_init_std_values_and_errors():
    assert init_std("xavier", 100, 100) == pytest.approx(0.1)
    assert init_std("he", 50, 10) == pytest.approx(0.2)
    assert init_std(("gain", 2.0), 400, 1) == pytest.approx(0.1)
    assert set(INIT_SCHEMES) == {"too small", "too large", "xavier", "he"}
    for name in INIT_SCHEMES:
        assert init_std(name, 100, 100) > 0
    with pytest.raises(ValueError, match="unknown init scheme"):
        init_std("lecunn", 10, 10)
    with pytest.raises(ValueError, match="gain"):
        init_std(("gain", -1.0), 10, 10)


def test_init_statistics_against_plain_numpy():
    depth, width, n, seed = 4, 20, 64, 5
    s = init_statistics("xavier", depth, width, "tanh", n, seed)
    # independent: the same weights (MLP's seeded draw), forward and backward written out here
    net = MLP([width] * (depth + 1), activations=["tanh"] * depth, loss="mse", seed=seed,
              init=math.sqrt(2 / (2 * width)))
    rng = np.random.default_rng(seed + 1)
    X, Y = rng.standard_normal((n, width)), rng.standard_normal((n, width))
    As = [X]
    for W in net.weights:
        As.append(np.tanh(As[-1] @ W))
    delta = (As[-1] - Y) / n * (1 - As[-1] ** 2)  # MSE sum / (2N) with a tanh output
    grads = []
    for l in range(depth - 1, -1, -1):
        grads.append(As[l].T @ delta)
        delta = (delta @ net.weights[l].T) * (1 - As[l] ** 2)
    np.testing.assert_allclose(s.act_std, [A.std() for A in As[1:]], rtol=1e-12)
    np.testing.assert_allclose(s.grad_std, [g.std() for g in grads[::-1]], rtol=1e-10)
    assert s.weight_std == pytest.approx(math.sqrt(1 / width))


@pytest.mark.parametrize("gain", [0.5, 1.0, 1.5])
def test_linear_network_variance_grows_by_gain_squared(gain):
    # identity layers: Var(z_l) = n Var(w) Var(a_{l-1}) = gain^2 Var(a_{l-1}), so std = gain^l
    s = init_statistics(("gain", gain), depth=6, width=200, activation="identity",
                           n_samples=400, seed=0)
    np.testing.assert_allclose(s.act_std, gain ** np.arange(1, 7), rtol=0.2)


def test_too_small_weights_make_the_signal_vanish():
    s = init_statistics("too small", depth=5, width=100, n_samples=200)
    # tanh is the identity near 0: each layer multiplies the std by about sqrt(100) * 0.01
    np.testing.assert_allclose(s.act_std, 0.1 ** np.arange(1, 6), rtol=0.2)


def test_init_statistics_rejects_bad_sizes():
    with pytest.raises(ValueError, match="depth"):
        init_statistics("xavier", depth=0)
