"""Tests for nnlib.experiments.curves: activation curves from nnlib's table (hand values and
central differences) and the per-sample losses of the output [p, 1 - p] against hand-computed
values."""

from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib.experiments.curves import activation_curves, true_class_losses
from nnlib.gradcheck import check_grad

ELEMENTWISE = [name for name, act in nnlib.ACTIVATIONS.items() if act.elementwise]


def test_activation_curves_hand_values():
    z = np.array([-1.0, 0.0, 2.0])
    a, da = activation_curves("relu", z)
    np.testing.assert_allclose(a, [0.0, 0.0, 2.0])
    np.testing.assert_allclose(da, [0.0, 0.0, 1.0])
    a, da = activation_curves("sigmoid", np.array([0.0]))
    assert a[0] == 0.5 and da[0] == 0.25  # sigma(0) = 1/2, sigma'(0) = 1/4


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_curves_derivative_matches_central_difference(name):
    z = np.linspace(-3, 3, 60) + 0.013  # grid avoids 0, where ReLU has no derivative
    _, da = activation_curves(name, z)
    check_grad(lambda z_: activation_curves(name, z_)[0], z, vjp=lambda g: g * da, rtol=1e-7,
               atol=1e-8)


def test_activation_curves_rejects_softmax_unknown_and_bad_grid():
    with pytest.raises(ValueError, match="not elementwise"):
        activation_curves("softmax", np.zeros(3))
    with pytest.raises(ValueError, match="valid names"):
        activation_curves("swish", np.zeros(3))
    with pytest.raises(ValueError, match="1-D"):
        activation_curves("tanh", np.zeros((2, 2)))


def test_true_class_losses_hand_values():
    p = np.array([0.01, 0.5, 0.9, 1.0])
    # MSE per sample: 1/2 [(p - 1)^2 + (1 - p)^2] = (1 - p)^2;  cross-entropy: -ln p
    np.testing.assert_allclose(true_class_losses(p, "mse"), [0.9801, 0.25, 0.01, 0.0])
    np.testing.assert_allclose(true_class_losses(p, "cross_entropy"),
                               [4.605170185988091, 0.6931471805599453, 0.10536051565782628, 0.0])


@pytest.mark.parametrize("bad", [np.array([0.0, 0.5]), np.array([0.5, 1.2]), np.ones((2, 2))])
def test_true_class_losses_rejects_bad_probabilities(bad):
    with pytest.raises(ValueError, match="probabilities"):
        true_class_losses(bad, "mse")
