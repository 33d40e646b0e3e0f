"""Tests for nnlib.experiments.momentum: descent on the ravine against closed forms and matrix
powers, the ravine as MLP.fit sees it, the SymPy checks' velocity helper, divergence, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import MLP
from nnlib.experiments.momentum import (
    RAVINE,
    RAVINE_START,
    descend_ravine,
    ravine_data,
    ravine_grad,
    ravine_loss,
    ravine_summary,
)
from nnlib.gradcheck import check_grad
from nnlib.symbolic.chapters.beyond import nnlib_velocity


@pytest.mark.parametrize("lr", [0.02, 0.09, 0.11])
def test_plain_descent_closed_form(lr):
    a, b = RAVINE
    path = descend_ravine((3.0, -2.0), lr, 0.0, steps=15)
    k = np.arange(16)
    expect = np.column_stack([3.0 * (1 - lr * a) ** k, -2.0 * (1 - lr * b) ** k])
    if abs(1 - lr * b) > 1:  # 0.11 * 20 = 2.2: the steep coordinate grows
        assert np.abs(path[-1, 1]) > 2.0
    np.testing.assert_allclose(path, expect, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("lr, mu", [(0.09, 0.7), (0.05, 0.3), (0.01, 0.95)])
def test_momentum_descent_is_a_matrix_power(lr, mu):
    # per coordinate with curvature c: (theta_{k+1}, theta_k) = M (theta_k, theta_{k-1}),
    # M = [[1 + mu - lr c, -mu], [1, 0]], starting from theta_{-1} = theta_0 (v_0 = 0)
    theta0 = np.array([-9.0, 1.5])
    path = descend_ravine(theta0, lr, mu, steps=25)
    for coord, c in enumerate(RAVINE):
        M = np.array([[1 + mu - lr * c, -mu], [1.0, 0.0]])
        for k in range(26):
            state = np.linalg.matrix_power(M, k) @ np.array([theta0[coord], theta0[coord]])
            assert path[k, coord] == pytest.approx(state[0], rel=1e-9, abs=1e-9)


def test_ravine_is_what_mlp_fit_sees():
    X, Y = ravine_data()
    a, b = RAVINE
    np.testing.assert_allclose(X.T @ X / 4, np.diag([a, b]))
    np.testing.assert_allclose(X.mean(axis=0), 0.0)
    for mu in (0.0, 0.7):
        net = MLP([2, 1], activations=["identity"], loss="mse", seed=0)
        net.weights[0][:, 0] = RAVINE_START
        path = [net.weights[0][:, 0].copy()]
        net.fit(X, Y, lr=0.09, epochs=20, momentum=mu,
                callback=lambda e, l, m: path.append(m.weights[0][:, 0].copy()))
        np.testing.assert_allclose(path, descend_ravine(RAVINE_START, 0.09, mu, 20),
                                   rtol=1e-10, atol=1e-12)
        assert net.loss(X, Y) == pytest.approx(ravine_loss(path[-1]), rel=1e-10)
        np.testing.assert_allclose(net.biases[0], 0.0, atol=1e-15)


def test_ravine_gradient_is_the_derivative():
    check_grad(ravine_loss, np.array([0.7, -1.3]), df=ravine_grad, rtol=1e-8, atol=0.0)


def test_symbolic_velocity_helper_matches_descent():
    # nnlib_velocity (used by the SymPy checks) runs the same update as descend_ravine
    lr, mu = 0.05, 0.6
    path = descend_ravine((2.0, 0.0), lr, mu, steps=5)
    grads = [ravine_grad(p)[0] for p in path[:-1]]
    vel = np.cumsum([0.0] + [float(x) for x in nnlib_velocity(grads, mu, lr)])
    np.testing.assert_allclose(path[:, 0], 2.0 + vel, rtol=1e-12)


def test_descent_divergence_and_bad_input():
    path = descend_ravine(lr=0.5, steps=30)  # 0.5 * 20 = 10: the steep coordinate explodes
    assert np.isnan(path[-1]).all() and np.isfinite(path[0]).all()
    with pytest.raises(ValueError, match="lr"):
        descend_ravine(lr=0.0)
    with pytest.raises(ValueError, match="momentum"):
        descend_ravine(momentum=1.0)
    with pytest.raises(ValueError, match="theta0"):
        descend_ravine((1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="curvature b must be > 0"):
        ravine_loss([1.0, 1.0], curvature=(1.0, -1.0))
    with pytest.raises(ValueError, match="two numbers"):
        ravine_loss([1.0, 1.0], curvature=(1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="curvature a must be a finite number"):
        ravine_data(curvature=(float("nan"), 1.0))


def test_ravine_summary_by_hand():
    path = descend_ravine(lr=0.09, steps=3)
    # the loss at the end: (a theta1^2 + b theta2^2) / 2 with a, b = 1, 20
    t1, t2 = path[-1]
    assert ravine_summary(path) == f"loss after 3 steps: {0.5 * (t1 ** 2 + 20 * t2 ** 2):.2g}"
    assert ravine_summary(descend_ravine(lr=0.5, steps=30)) == "diverged"
