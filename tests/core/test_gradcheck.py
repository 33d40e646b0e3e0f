"""nnlib.gradcheck: the checker agrees with backprop, and it catches planted bugs."""

import numpy as np
import pytest

from nnlib import MLP, gradcheck, numerical_gradients, relative_error
from nnlib.gradcheck import RTOL


def _setup():
    net = MLP([3, 4, 2], activations=["sigmoid", "softmax"], loss="cross_entropy", seed=4)
    rng = np.random.default_rng(4)
    X = rng.normal(size=(5, 3))
    Y = np.eye(2)[rng.integers(0, 2, 5)]
    return net, X, Y


def test_numerical_gradient_of_a_quadratic():
    # J = sum(W^2) / 2 + sum(b) has dJ/dW = W and dJ/db = 1 exactly
    net = MLP([2, 3], activations=["identity"], loss="mse", seed=1)

    def J():
        return 0.5 * float(np.sum(net.weights[0] ** 2)) + float(np.sum(net.biases[0]))

    dWs, dbs = numerical_gradients(J, net)
    np.testing.assert_allclose(dWs[0], net.weights[0], atol=1e-9)
    np.testing.assert_allclose(dbs[0], np.ones(3), atol=1e-9)


def test_correct_gradients_pass_with_details():
    net, X, Y = _setup()
    worst, per = gradcheck(net, X, Y, details=True)
    assert set(per) == {"W1", "W2", "b1", "b2"}
    assert worst < RTOL
    assert max(per.values()) <= worst


def test_parameters_are_restored_after_checking():
    net, X, Y = _setup()
    before = net.get_flat()
    gradcheck(net, X, Y)
    np.testing.assert_array_equal(net.get_flat(), before)


@pytest.mark.parametrize("bug", ["transpose", "drop_1_over_N", "sign", "one_entry"])
def test_planted_bugs_are_caught(bug):
    net, X, Y = _setup()
    dWs, dbs = net.gradients(X, Y)
    dWs, dbs = [d.copy() for d in dWs], [d.copy() for d in dbs]
    if bug == "transpose":   # a (4, 2) matrix replaced by the reshaped transpose
        dWs[1] = dWs[1].T.reshape(dWs[1].shape)
    elif bug == "drop_1_over_N":
        dWs[0] = dWs[0] * X.shape[0]
    elif bug == "sign":
        dbs[1] = -dbs[1]
    else:
        dWs[0][1, 2] += 1e-3
    worst, per = gradcheck(net, X, Y, grads=(dWs, dbs), details=True)
    assert worst > 1e-4
    # the share of the broken array is the largest one
    broken = {"transpose": "W2", "drop_1_over_N": "W1", "sign": "b2", "one_entry": "W1"}[bug]
    assert max(per, key=per.get) == broken


def test_tiny_gradients_deep_in_a_leaky_chain_do_not_fail_on_round_off():
    # a 1-1-1-1-1 leaky-ReLU chain: the first layers' gradients are ~1e-6 and central
    # differences carry ~1e-10 of round-off; measured against the whole gradient it is fine
    net = MLP([1, 1, 1, 1, 1], activations=["leaky_relu"] * 3 + ["identity"], loss="mse", seed=0)
    rng = np.random.default_rng(0)
    for b in net.biases:
        b[...] = rng.normal(size=b.shape)
    X, Y = np.array([[-0.53566937]]), np.array([[0.36159505]])
    assert gradcheck(net, X, Y) < RTOL


def test_wrongly_shaped_gradients_are_named():
    net, X, Y = _setup()
    dWs, dbs = net.gradients(X, Y)
    with pytest.raises(ValueError, match=r"gradient W2 has shape \(2, 4\); expected \(4, 2\)"):
        gradcheck(net, X, Y, grads=([dWs[0], dWs[1].T], dbs))


def test_relative_error_properties():
    a = np.array([1.0, 2.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == 1.0
    with pytest.raises(ValueError, match="shapes differ"):
        relative_error(a, np.ones(3))


@pytest.mark.parametrize("kwargs,match", [
    ({"h": 0.0}, "h must be > 0"),
    ({"h": float("nan")}, "h must be a finite number"),
    ({"l2": -1.0}, "l2 must be >= 0"),
    ({"dropout": 1.0}, r"dropout must be in \[0, 1\)"),
    ({"dropout": 0.5, "seed": -1}, "seed must be >= 0"),
])
def test_bad_settings_are_refused_and_change_nothing(kwargs, match):
    net, X, Y = _setup()
    before = net.get_flat()
    with pytest.raises(ValueError, match=match):
        gradcheck(net, X, Y, **kwargs)
    assert net.get_flat().tobytes() == before.tobytes()


def test_gradcheck_runs_the_networks_own_backward_pass():
    # with no grads given, the analytic side is net.backward on net.forward_cache: the same
    # numbers as net.gradients, bit for bit
    net, X, Y = _setup()
    masks = net.dropout_masks(X.shape[0], 0.3, np.random.default_rng(4))
    dWs, dbs = net.backward(net.forward_cache(X, masks), Y, l2=0.2, masks=masks)
    gW, gb = net.gradients(X, Y, l2=0.2, masks=masks)
    for a, b in zip(dWs + dbs, gW + gb):
        assert a.tobytes() == b.tobytes()
    assert gradcheck(net, X, Y, l2=0.2, dropout=0.3, seed=4) < RTOL
