"""SymPy's ground-truth gradients (lambdified) against nnlib.MLP.gradients, for every
activation and every (output activation, loss) pair nnlib accepts."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import MLP
from nnlib.activations import ACTIVATIONS
from nnlib.losses import LOSSES
from nnlib.symbolic.crosscheck import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_LOSS_PAIRS,
    RTOL,
    crosscheck,
    random_problem,
)


def test_tables_cover_nnlib():
    assert set(HIDDEN_ACTIVATIONS) | {"softmax"} == set(ACTIVATIONS)
    assert {loss for _, loss in OUTPUT_LOSS_PAIRS} == set(LOSSES)
    assert ("softmax", "cross_entropy") in OUTPUT_LOSS_PAIRS
    assert ("sigmoid", "binary_cross_entropy") in OUTPUT_LOSS_PAIRS


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_every_hidden_activation(hidden):
    net = MLP([2, 3, 2], activations=[hidden, "identity"], loss="mse", seed=1)
    X, Y = random_problem(net, N=3, seed=2)
    assert crosscheck(net, X, Y) < RTOL


@pytest.mark.parametrize("output,loss", OUTPUT_LOSS_PAIRS)
@pytest.mark.parametrize("fused", [True, False])
def test_every_output_loss_pair(output, loss, fused):
    net = MLP([2, 3, 2], activations=["tanh", output], loss=loss, seed=3)
    X, Y = random_problem(net, N=3, seed=4)
    assert crosscheck(net, X, Y, fused=fused) < RTOL


@pytest.mark.parametrize("hidden", ["relu", "leaky_relu", "sigmoid"])
def test_three_layers(hidden):
    # softmax outputs are covered by the two-layer pairs; an identity output keeps SymPy fast here
    net = MLP([2, 3, 2, 2], activations=[hidden, "tanh", "identity"], loss="mse", seed=5)
    X, Y = random_problem(net, N=2, seed=6)
    assert crosscheck(net, X, Y) < RTOL


def test_l2_term():
    net = MLP([2, 3, 1], activations=["tanh", "sigmoid"], loss="binary_cross_entropy", seed=7)
    X, Y = random_problem(net, N=3, seed=8)
    assert crosscheck(net, X, Y, l2=0.3) < RTOL


def test_crosscheck_catches_a_wrong_gradient(monkeypatch):
    """The comparison can fail: nnlib's gradient with its 1/N dropped is caught."""
    net = MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=9)
    X, Y = random_problem(net, N=3, seed=10)
    right = net.gradients

    def without_mean(X, Y, l2=0.0, fused=True):
        dWs, dbs = right(X, Y, l2=l2, fused=fused)
        return [3 * d for d in dWs], [3 * d for d in dbs]

    monkeypatch.setattr(net, "gradients", without_mean)
    assert crosscheck(net, X, Y) > 0.1


def test_leaky_slope_other_than_default_is_refused():
    from nnlib.activations import get_activation
    net = MLP([2, 2, 1], activations=[get_activation("leaky_relu", slope=0.2), "identity"],
              loss="mse", seed=0)
    X, Y = random_problem(net, N=2)
    with pytest.raises(ValueError, match="slope"):
        crosscheck(net, X, Y)


def test_random_problem_avoids_the_relu_kink():
    net = MLP([2, 3, 2], activations=["relu", "identity"], loss="mse", seed=0)
    X, _ = random_problem(net, N=3, seed=0)
    Zs, _ = net.forward_cache(X)
    assert min(np.abs(Z).min() for Z in Zs) > 1e-3
