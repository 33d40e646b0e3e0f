"""Tests for nnlib.experiments.descent: one-dimensional descent against its closed forms and by
hand, momentum as the heavy-ball recursion, the quadratic regimes, divergence reporting and bad
input."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.experiments.descent import (
    DIVERGENCE_LIMIT,
    LOSSES_1D,
    descend_1d,
    describe_descent,
    divergence_step,
    get_loss_1d,
    quadratic_regime,
    regime_text,
)
from nnlib.gradcheck import check_grad


@pytest.mark.parametrize("name", list(LOSSES_1D))
def test_each_loss_derivative_is_its_slope(name):
    loss = LOSSES_1D[name]
    t = np.linspace(*loss.xlim, 17)
    # df elementwise over a grid: the vector-Jacobian product g * df(t)
    check_grad(loss.f, t, vjp=lambda g: g * loss.df(t), rtol=1e-7, atol=1e-7)


def test_unknown_loss_names_the_valid_ones():
    with pytest.raises(ValueError, match="quadratic, two valleys"):
        get_loss_1d("cubic")


@pytest.mark.parametrize("lr", [0.1, 0.5, 1.0, 1.5, 1.9, 2.0, 2.05])
def test_descent_on_the_quadratic_is_the_closed_form(lr):
    # L = 1/2 (theta - 2)^2: the error theta - 2 is multiplied by (1 - lr) at every step
    thetas = descend_1d("quadratic", 5.0, lr, 30)
    k = np.arange(31)
    np.testing.assert_allclose(thetas, 2 + (1 - lr) ** k * 3.0, rtol=1e-12, atol=1e-12)


def test_one_step_on_the_two_valleys_by_hand():
    # L'(1.6) = 4 * 1.6 * (1.6^2 - 1) + 0.3 = 6.4 * 1.56 + 0.3 = 10.284
    thetas = descend_1d("two valleys", 1.6, 0.01, 1)
    assert thetas[0] == 1.6
    assert thetas[1] == pytest.approx(1.6 - 0.10284, abs=1e-12)


def test_small_steps_end_in_the_valley_on_the_side_they_start():
    # the stationary points are the real roots of L' = 4 t^3 - 4 t + 0.3
    lo, hump, hi = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
    assert descend_1d("two valleys", hump - 0.05, 0.05, 400)[-1] == pytest.approx(lo, abs=1e-9)
    assert descend_1d("two valleys", hump + 0.05, 0.05, 400)[-1] == pytest.approx(hi, abs=1e-9)


def test_momentum_is_the_heavy_ball_recursion():
    lr, mu, t0 = 0.1, 0.7, 5.0
    thetas = descend_1d("quadratic", t0, lr, 3, momentum=mu)
    g = lambda t: t - 2.0  # noqa: E731
    t1 = t0 - lr * g(t0)
    t2 = t1 - lr * g(t1) + mu * (t1 - t0)
    t3 = t2 - lr * g(t2) + mu * (t2 - t1)
    np.testing.assert_allclose(thetas, [t0, t1, t2, t3], rtol=1e-14)


def test_momentum_zero_is_plain_descent():
    np.testing.assert_array_equal(descend_1d("two valleys", 0.4, 0.07, 50, momentum=0.0),
                                  descend_1d("two valleys", 0.4, 0.07, 50))


def test_momentum_widens_the_stable_range():
    # eta a = 2.5: diverges without momentum, converges with mu = 0.5 (edge 2 (1 + mu) = 3)
    assert divergence_step(descend_1d("quadratic", 5.0, 2.5, 400)) is not None
    assert abs(descend_1d("quadratic", 5.0, 2.5, 400, momentum=0.5)[-1] - 2.0) < 1e-9
    assert divergence_step(descend_1d("quadratic", 5.0, 3.1, 400, momentum=0.5)) is not None


def test_zero_steps_is_just_the_start():
    np.testing.assert_array_equal(descend_1d("quadratic", 1.25, 0.3, 0), [1.25])


@pytest.mark.parametrize("kwargs, match", [
    (dict(lr=0.0), "lr"), (dict(lr=-1.0), "lr"), (dict(lr=float("nan")), "lr"),
    (dict(lr=float("inf")), "lr"), (dict(steps=-1), "steps"), (dict(steps=2.5), "steps"),
    (dict(steps=True), "steps"), (dict(theta0=float("nan")), "theta0"),
    (dict(momentum=1.0), "momentum"), (dict(momentum=-0.1), "momentum"),
    (dict(loss="cubic"), "unknown 1-D loss"),
])
def test_descent_rejects_bad_input(kwargs, match):
    args = dict(loss="quadratic", theta0=5.0, lr=0.3, steps=5) | kwargs
    with pytest.raises(ValueError, match=match):
        descend_1d(**args)


@pytest.mark.parametrize("lr, curvature, regime", [
    (0.1, 1.0, "creeps"), (0.24, 4.0, "creeps"), (0.25, 4.0, "one step"),
    (0.3, 4.0, "oscillates"), (0.49, 4.0, "oscillates"), (0.5, 4.0, "bounces"),
    (0.51, 4.0, "diverges"), (3.0, 1.0, "diverges"),
])
def test_quadratic_regime(lr, curvature, regime):
    assert quadratic_regime(lr, curvature) == regime


@pytest.mark.parametrize("lr", [0.3, 1.0, 1.5, 2.0, 2.2])
def test_each_regime_is_what_descent_does(lr):
    err = descend_1d("quadratic", 5.0, lr, 40) - 2.0
    regime = quadratic_regime(lr)
    if regime == "creeps":
        assert np.all(err > 0) and np.all(np.diff(err) < 0)
    elif regime == "one step":
        assert np.all(err[1:] == 0)
    elif regime == "oscillates":
        assert np.all(np.sign(err[1:20]) != np.sign(err[:19])) and abs(err[-1]) < 1e-6
    elif regime == "bounces":
        np.testing.assert_allclose(np.abs(err), 3.0)
    else:
        assert abs(err[-1]) > 100 * abs(err[0])


@pytest.mark.parametrize("lr, curvature", [(0, 1), (-0.1, 1), (0.1, 0), (float("nan"), 1)])
def test_quadratic_regime_rejects_bad_input(lr, curvature):
    with pytest.raises(ValueError, match="must be"):
        quadratic_regime(lr, curvature)


def test_regime_text_only_for_quadratics_without_momentum():
    assert regime_text("quadratic", 1.5) == "ηa = 1.5: oscillates"
    assert regime_text("quadratic", 1.5, momentum=0.5) == ""
    assert regime_text("two valleys", 0.1) == ""


def test_divergence_is_reported_at_the_right_step():
    # eta = 3: the error 3 * (-2)^k passes 1e6 first at k = 19 (3 * 2^18 < 1e6 < 3 * 2^19)
    thetas = descend_1d("quadratic", 5.0, 3.0, 40)
    first = next(k for k in range(41) if abs(2 + 3 * (-2.0) ** k) > DIVERGENCE_LIMIT)
    assert first == 19
    assert divergence_step(thetas) == first
    assert np.all(np.isfinite(thetas[:first])) and np.all(np.isnan(thetas[first:]))
    text = describe_descent("quadratic", thetas, 3.0)
    assert text.startswith("DIVERGED") and "step 19" in text and "diverges" in text


def test_a_lower_limit_diverges_earlier():
    thetas = descend_1d("quadratic", 5.0, 3.0, 40, limit=100.0)
    assert divergence_step(thetas) == 6  # 3 * 2^5 = 96 < 100 < 3 * 2^6 = 192


def test_converging_and_escaping_runs_say_so():
    ok = descend_1d("quadratic", 5.0, 0.5, 30)
    assert divergence_step(ok) is None
    assert describe_descent("quadratic", ok, 0.5).startswith("θ₃₀ = 2.000")
    # eta = 2.5 grows the error by 1.5 per step: it leaves the plot long before 1e6
    out = descend_1d("quadratic", 5.0, 2.5, 10)
    assert divergence_step(out) is None
    assert describe_descent("quadratic", out, 2.5).startswith("left the plot at step 1")
