"""Tests for nnlib.experiments.batches: batch-size runs against explicit gradient steps, update
counts, divergence, and the mini-batch noise formula against exhaustive enumeration and Monte Carlo."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnlib import MLP, datasets
from nnlib.experiments.batches import (
    compare_batch_sizes,
    minibatch_noise,
    minibatch_noise_formula,
    per_sample_gradients,
)


def _flat(grads):
    return np.concatenate([p.ravel() for a, b in zip(*grads) for p in (a, b)])


@pytest.fixture
def small_problem():
    X, y = datasets.moons(n=12, noise=0.2, seed=1)
    Y = y[:, None].astype(float)
    net = MLP([2, 5, 1], activations=["tanh", "sigmoid"], loss="binary_cross_entropy", seed=2)
    return net, X, Y


def test_full_batch_run_is_plain_gradient_descent(small_problem):
    net, X, Y = small_problem
    before = net.get_flat().copy()
    (run,) = compare_batch_sizes(net, X, Y, [None], lr=0.3, epochs=5)
    np.testing.assert_array_equal(net.get_flat(), before)  # the caller's network is untouched
    # independent: five explicit steps theta <- theta - lr * gradient
    model = net.copy()
    expect = [model.loss(X, Y)]
    for _ in range(5):
        dWs, dbs = model.gradients(X, Y)
        for W, b, dW, db in zip(model.weights, model.biases, dWs, dbs):
            W -= 0.3 * dW
            b -= 0.3 * db
        expect.append(model.loss(X, Y))
    np.testing.assert_allclose(run.losses, expect, rtol=1e-12)
    assert run.updates_per_epoch == 1 and run.batch_size == 12
    np.testing.assert_array_equal(run.updates, np.arange(6))


def test_batch_runs_count_updates_and_share_the_start(small_problem):
    net, X, Y = small_problem
    runs = compare_batch_sizes(net, X, Y, [1, 5, 12], lr={1: 0.05, 5: 0.1, 12: 0.3},
                                  epochs=3)
    assert [r.updates_per_epoch for r in runs] == [12, 3, 1]  # ceil(12 / B)
    assert len({r.losses[0] for r in runs}) == 1
    assert all(not r.diverged for r in runs)
    np.testing.assert_array_equal(runs[0].updates, [0, 12, 24, 36])


def test_a_diverging_batch_run_says_so(small_problem):
    _, X, Y = small_problem
    net = MLP([2, 5, 1], activations=["tanh", "identity"], loss="mse", seed=2)
    (run,) = compare_batch_sizes(net, X, 3 * X[:, :1], [1], lr=50.0, epochs=6)
    assert run.diverged and "diverged" in run.message
    assert np.isnan(run.losses[-1])


@pytest.mark.parametrize("bad", [0, 13, 2.5])
def test_batch_sizes_are_validated(small_problem, bad):
    net, X, Y = small_problem
    with pytest.raises(ValueError, match="batch_size"):
        compare_batch_sizes(net, X, Y, [bad], epochs=1)


def test_per_sample_gradients_average_to_the_full_gradient(small_problem):
    net, X, Y = small_problem
    G = per_sample_gradients(net, X, Y)
    assert G.shape == (12, net.n_params)
    np.testing.assert_allclose(G.mean(axis=0), _flat(net.gradients(X, Y)), atol=1e-14)


@pytest.mark.parametrize("B", [1, 2, 3, 6])
def test_noise_formula_against_every_batch(small_problem, B):
    net, X, Y = small_problem
    X, Y = X[:6], Y[:6]
    full = _flat(net.gradients(X, Y))
    # independent: the exact mean over all C(6, B) batches of distinct samples
    sq = [np.sum((_flat(net.gradients(X[list(S)], Y[list(S)])) - full) ** 2)
          for S in itertools.combinations(range(6), B)]
    G = per_sample_gradients(net, X, Y)
    assert minibatch_noise_formula(G, B) == pytest.approx(np.mean(sq), rel=1e-10, abs=1e-30)


def test_noise_monte_carlo_agrees_with_formula(small_problem):
    net, X, Y = small_problem
    G = per_sample_gradients(net, X, Y)
    est = minibatch_noise(net, X, Y, [1, 4, 12], draws=400, seed=3)
    formula = [minibatch_noise_formula(G, B) for B in (1, 4, 12)]
    np.testing.assert_allclose(est[:2], formula[:2], rtol=0.15)
    assert est[2] == pytest.approx(0.0, abs=1e-25) and formula[2] == 0.0


def test_noise_formula_rejects_bad_input():
    with pytest.raises(ValueError, match="N >= 2"):
        minibatch_noise_formula(np.ones((1, 3)), 1)
    with pytest.raises(ValueError, match="batch_size"):
        minibatch_noise_formula(np.ones((4, 3)), 5)
