"""Tests for nnlib.experiments.forward: the pure forward pass of the 2-3-2 explorer, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.experiments.forward import DEFAULT_THETA, DEFAULT_X, PARAM_NAMES, forward_232


def test_seventeen_parameters_in_get_flat_order():
    assert len(PARAM_NAMES) == 17 == len(DEFAULT_THETA)
    assert PARAM_NAMES[:3] == ("w1_11", "w1_12", "w1_13")
    assert PARAM_NAMES[6:9] == ("b1_1", "b1_2", "b1_3")
    assert PARAM_NAMES[9:11] == ("w2_11", "w2_12")
    assert PARAM_NAMES[-2:] == ("b2_1", "b2_2")


def test_zero_parameters_give_even_odds():
    r = forward_232([0.7, -1.3], np.zeros(17))
    assert np.allclose(r.A[1], 0.0)            # tanh(0) = 0
    assert np.allclose(r.probabilities, 0.5)   # softmax of equal logits


def test_hand_computed_sample():
    # Only w1_11 = 1 (x1 -> h1), b1_2 = 0.5, w2_11 = 2 (h1 -> y1), b2_2 = 1.
    theta = np.zeros(17)
    theta[PARAM_NAMES.index("w1_11")] = 1.0
    theta[PARAM_NAMES.index("b1_2")] = 0.5
    theta[PARAM_NAMES.index("w2_11")] = 2.0
    theta[PARAM_NAMES.index("b2_2")] = 1.0
    r = forward_232([0.5, 3.0], theta)
    # z1 = [0.5, 0.5, 0]; a1 = [tanh 0.5, tanh 0.5, 0] = [0.46211716, 0.46211716, 0]
    assert r.Z[0] == pytest.approx([0.5, 0.5, 0.0])
    assert r.A[1] == pytest.approx([0.46211716, 0.46211716, 0.0])
    # z2 = [2 * 0.46211716, 1] = [0.92423431, 1]; p1 = 1 / (1 + e^(1 - 0.92423431)) = 0.48106763
    assert r.Z[1] == pytest.approx([0.92423431, 1.0])
    assert r.probabilities == pytest.approx([0.48106763, 0.51893237])


def test_weight_index_means_from_input_to_hidden():
    # w1_23 joins input 2 to hidden unit 3: only h3 should move
    theta = np.zeros(17)
    theta[PARAM_NAMES.index("w1_23")] = 1.0
    r = forward_232([0.0, 0.25], theta)
    assert r.Z[0] == pytest.approx([0.0, 0.0, 0.25])


@pytest.mark.parametrize("x, theta, message", [
    ([1.0, 2.0, 3.0], DEFAULT_THETA, r"x must have shape \(2,\)"),
    (DEFAULT_X, np.zeros(16), "theta must hold the 17 parameters"),
])
def test_bad_input_names_the_problem(x, theta, message):
    with pytest.raises(ValueError, match=message):
        forward_232(x, theta)
