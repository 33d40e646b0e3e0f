"""nnlib.gradcheck: the checker agrees with backprop, and it catches planted bugs."""

import numpy as np
import pytest

from nnlib import (
    MLP,
    check_grad,
    gradcheck,
    numerical_gradients,
    numerical_jacobian,
    relative_error,
)
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


# --- check_grad: the checker for any function of an array -------------------------------------
def test_numerical_jacobian_of_a_linear_map_is_its_matrix():
    # f(x) = M x has Jacobian M exactly; central differences are exact up to round-off
    M = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    J = numerical_jacobian(lambda x: M @ x, np.array([0.3, -0.2, 0.5]))
    assert J.shape == (2, 3)
    np.testing.assert_allclose(J, M, atol=1e-9)


def test_numerical_jacobian_of_a_scalar_function_is_its_gradient():
    # f(x) = sum(x^3) / 3 over a (2, 2) array has gradient x^2
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = numerical_jacobian(lambda x: float(np.sum(x ** 3)) / 3, x)
    np.testing.assert_allclose(g, [[1.0, 4.0], [0.25, 9.0]], rtol=1e-8)


def test_check_grad_passes_correct_derivatives_in_both_forms():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    assert check_grad(lambda x: float(np.sum(x ** 3)) / 3, x, df=lambda x: x ** 2) < RTOL
    M = np.array([[1.0, 2.0], [0.0, -1.0], [4.0, 1.0]])
    v = np.array([0.7, -1.1])
    assert check_grad(lambda v: M @ v, v, df=lambda v: M) < RTOL
    assert check_grad(lambda v: M @ v, v, vjp=lambda g: M.T @ g) < RTOL


@pytest.mark.parametrize("kwargs", [
    dict(df=lambda x: 2 * x ** 2),                 # a wrong factor
    dict(df=lambda x: x ** 2 + (x == 3.0)),       # one entry wrong (by 1, at x = 3)
    dict(df=lambda x: np.full_like(x, np.nan)),    # NaN fails, it does not slip through
    dict(vjp=lambda g: g * (2 * np.array([[1.0, -2.0], [0.5, 3.0]]))),  # 2x, not x^2
])
def test_check_grad_catches_planted_mistakes(kwargs):
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    with pytest.raises(AssertionError, match=r"differs from central differences at index"):
        check_grad(lambda x: float(np.sum(x ** 3)) / 3, x, **kwargs)


def test_check_grad_catches_a_transposed_vjp():
    # M^T g is right; M g (a non-square M cannot even take it) or the transpose mix-up of a
    # square, non-symmetric one is caught
    M = np.array([[1.0, 2.0], [0.0, -1.0]])
    with pytest.raises(AssertionError, match=r"index \((0, 1|1, 0)\)"):
        check_grad(lambda v: M @ v, np.array([0.7, -1.1]), vjp=lambda g: M @ g)


@pytest.mark.parametrize("kwargs,match", [
    (dict(), "exactly one of df"),
    (dict(df=lambda x: x, vjp=lambda g: g), "exactly one of df"),
    (dict(df=lambda x: np.zeros(3)), r"df returned shape \(3,\); expected .* = \(2, 2\)"),
    (dict(vjp=lambda g: np.zeros(3)), r"vjp returned shape \(3,\); expected x.shape = \(2,\)"),
    (dict(df=1.0), "df must be callable"),
    (dict(df=lambda x: x, h=0.0), "h must be > 0"),
    (dict(df=lambda x: x, rtol=-1.0), "rtol must be >= 0"),
])
def test_check_grad_refuses_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_grad(lambda x: x ** 2 / 2, np.array([1.0, 2.0]), **kwargs)


def test_check_grad_refuses_a_function_whose_shape_changes():
    with pytest.raises(ValueError, match=r"f returned shape \(3,\) for a perturbed x"):
        numerical_jacobian(lambda x: x if x[0] == 1.0 else np.zeros(3), np.array([1.0, 2.0]))
