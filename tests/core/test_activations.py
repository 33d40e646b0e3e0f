"""nnlib.activations: every table entry's derivative against central differences, softmax's
Jacobian and JVP, numerical stability, and the unknown-name error."""

import math
import warnings

import numpy as np
import pytest

from nnlib import activations as act
from nnlib.activations import ACTIVATIONS, get_activation
from nnlib.gradcheck import check_grad

ELEMENTWISE = [name for name, a in ACTIVATIONS.items() if a.elementwise]


def _grid():
    # avoid the ReLU kink at exactly 0
    z = np.linspace(-4, 4, 41) + 0.013
    return z.reshape(-1, 1) * np.ones((1, 3))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_difference(name):
    a = ACTIVATIONS[name]
    Z = _grid()
    # the table's derivative, as the vector-Jacobian product of an elementwise function: the
    # whole Jacobian is checked, off-diagonal zeros included
    derivative = a.deriv(Z, a.f(Z))
    check_grad(a.f, Z, vjp=lambda g: g * derivative, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backward_is_upstream_times_derivative(name):
    a = ACTIVATIONS[name]
    rng = np.random.default_rng(1)
    Z = rng.normal(size=(5, 3))
    dA = rng.normal(size=(5, 3))
    A = a.f(Z)
    np.testing.assert_allclose(a.backward(dA, Z, A), dA * a.deriv(Z, A))


def test_values_at_known_points():
    # sigma(0) = 1/2, sigma(ln 3) = 3/4, tanh(artanh(0.5)) = 0.5, relu(-2) = 0,
    # leaky(-2) = -0.02 with slope 0.01
    assert act.sigmoid(np.array([0.0]))[0] == 0.5
    assert act.sigmoid(np.array([math.log(3.0)]))[0] == pytest.approx(0.75, abs=1e-15)
    assert act.tanh(np.array([math.atanh(0.5)]))[0] == pytest.approx(0.5, abs=1e-15)
    assert act.relu(np.array([-2.0, 3.0])).tolist() == [0.0, 3.0]
    assert act.leaky_relu(np.array([-2.0, 3.0])).tolist() == [-0.02, 3.0]


def test_tanh_is_rescaled_sigmoid():
    # tanh(a) = 2 sigma(2a) - 1   (source 001)
    z = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(act.tanh(z), 2 * act.sigmoid(2 * z) - 1, atol=1e-15)


def test_leaky_relu_slope_parameter():
    a = get_activation("leaky_relu", slope=0.2)
    assert a.params == {"slope": 0.2}
    np.testing.assert_allclose(a.f(np.array([-1.0, 2.0])), [-0.2, 2.0])
    np.testing.assert_allclose(a.deriv(np.array([-1.0, 2.0]), None), [0.2, 1.0])


def test_sigmoid_large_inputs_no_overflow_warning():
    z = np.array([-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            s = act.sigmoid(z)
    assert np.all(np.isfinite(s))
    assert s[0] == 0.0 and s[-1] == 1.0
    # far in the left tail the value keeps its relative precision: sigma(-50) = e^-50 / (1 + e^-50)
    assert s[2] == pytest.approx(math.exp(-50) / (1 + math.exp(-50)), rel=1e-14)


def test_softmax_worked_example_from_source_001():
    # softmax([0.3, 0.6]) = [1, e^0.3] / (1 + e^0.3);  e^0.3 = 1.3498588...
    # -> [0.425557, 0.574443]; source 001 prints 0.4255 and 0.5745 (rounded)
    s = act.softmax(np.array([[0.3, 0.6]]))[0]
    e = math.exp(0.3)
    assert s[0] == pytest.approx(1 / (1 + e), abs=1e-15)
    assert s[0] == pytest.approx(0.425557, abs=1e-6)
    assert s[1] == pytest.approx(0.574443, abs=1e-6)


def test_softmax_rows_sum_to_one_and_shift_invariance():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(4, 5))
    S = act.softmax(Z)
    np.testing.assert_allclose(S.sum(axis=1), 1.0)
    np.testing.assert_allclose(act.softmax(Z + 123.0), S, atol=1e-15)


def test_softmax_huge_logits_are_finite():
    Z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4, 1e4]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        S = act.softmax(Z)
        L = act.log_softmax(Z)
    assert np.all(np.isfinite(S)) and np.all(np.isfinite(L))
    np.testing.assert_allclose(S[0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(S[1], [1 / 3] * 3)
    assert L[0, 1] == pytest.approx(-2e4)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_softmax_jacobian_matches_central_difference(n):
    rng = np.random.default_rng(n)
    z = rng.normal(size=n)
    check_grad(act.softmax, z, df=act.softmax_jacobian, rtol=1e-7, atol=1e-9)
    J = act.softmax_jacobian(z)
    s = act.softmax(z)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), atol=1e-15)


def test_softmax_vjp_equals_jacobian_product_without_building_it():
    rng = np.random.default_rng(3)
    Z = rng.normal(size=(6, 4))
    G = rng.normal(size=(6, 4))
    A = act.softmax(Z)
    J = act.softmax_jacobian(Z)  # (6, 4, 4); J is symmetric, so J^T g = J g
    expected = np.einsum("nij,ni->nj", J, G)
    np.testing.assert_allclose(act.softmax_vjp(G, A), expected, atol=1e-14)
    np.testing.assert_allclose(ACTIVATIONS["softmax"].backward(G, Z, A), expected, atol=1e-14)


def test_softmax_has_no_elementwise_derivative():
    with pytest.raises(TypeError, match="Jacobian"):
        ACTIVATIONS["softmax"].deriv(np.zeros((1, 2)), np.zeros((1, 2)))


def test_unknown_activation_lists_valid_names():
    with pytest.raises(ValueError) as err:
        get_activation("swish")
    msg = str(err.value)
    assert "swish" in msg
    for name in ACTIVATIONS:
        assert name in msg


@pytest.mark.parametrize("bad", [{"alpha": 0.1}, {"slope": -1.0}, {"slope": float("nan")}])
def test_bad_activation_parameters(bad):
    with pytest.raises(ValueError):
        get_activation("leaky_relu", **bad)
    with pytest.raises(ValueError, match="takes no parameters"):
        get_activation("tanh", slope=0.1)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_functions_do_not_modify_their_input(name):
    Z = np.array([[-1.0, 0.5, 2.0]])
    before = Z.copy()
    ACTIVATIONS[name].f(Z)
    np.testing.assert_array_equal(Z, before)
