"""Tests for nnlib.widgets.beyond: every computation against a closed form or an independent
computation (matrix powers, exhaustive enumeration of batches, a plain NumPy forward and
backward pass, MLP.fit itself), bad input, and each widget headless at every control's
min / middle / max."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import itertools  # noqa: E402
import math  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import MLP, datasets  # noqa: E402
from nnlib.gradcheck import RTOL  # noqa: E402
from nnlib.symbolic.chapters.beyond import nnlib_velocity  # noqa: E402
from nnlib.widgets import beyond as bd  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _flat(grads):
    return np.concatenate([p.ravel() for a, b in zip(*grads) for p in (a, b)])


@pytest.fixture
def small_problem():
    X, y = datasets.moons(n=12, noise=0.2, seed=1)
    Y = y[:, None].astype(float)
    net = MLP([2, 5, 1], activations=["tanh", "sigmoid"], loss="binary_cross_entropy", seed=2)
    return net, X, Y


# --- mini-batches --------------------------------------------------------------------------------
def test_full_batch_run_is_plain_gradient_descent(small_problem):
    net, X, Y = small_problem
    before = net.get_flat().copy()
    (run,) = bd.compare_batch_sizes(net, X, Y, [None], lr=0.3, epochs=5)
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
    runs = bd.compare_batch_sizes(net, X, Y, [1, 5, 12], lr={1: 0.05, 5: 0.1, 12: 0.3},
                                  epochs=3)
    assert [r.updates_per_epoch for r in runs] == [12, 3, 1]  # ceil(12 / B)
    assert len({r.losses[0] for r in runs}) == 1
    assert all(not r.diverged for r in runs)
    np.testing.assert_array_equal(runs[0].updates, [0, 12, 24, 36])


def test_a_diverging_batch_run_says_so(small_problem):
    _, X, Y = small_problem
    net = MLP([2, 5, 1], activations=["tanh", "identity"], loss="mse", seed=2)
    (run,) = bd.compare_batch_sizes(net, X, 3 * X[:, :1], [1], lr=50.0, epochs=6)
    assert run.diverged and "diverged" in run.message
    assert np.isnan(run.losses[-1])


@pytest.mark.parametrize("bad", [0, 13, 2.5])
def test_batch_sizes_are_validated(small_problem, bad):
    net, X, Y = small_problem
    with pytest.raises(ValueError, match="batch_size"):
        bd.compare_batch_sizes(net, X, Y, [bad], epochs=1)


def test_per_sample_gradients_average_to_the_full_gradient(small_problem):
    net, X, Y = small_problem
    G = bd.per_sample_gradients(net, X, Y)
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
    G = bd.per_sample_gradients(net, X, Y)
    assert bd.minibatch_noise_formula(G, B) == pytest.approx(np.mean(sq), rel=1e-10, abs=1e-30)


def test_noise_monte_carlo_agrees_with_formula(small_problem):
    net, X, Y = small_problem
    G = bd.per_sample_gradients(net, X, Y)
    est = bd.minibatch_noise(net, X, Y, [1, 4, 12], draws=400, seed=3)
    formula = [bd.minibatch_noise_formula(G, B) for B in (1, 4, 12)]
    np.testing.assert_allclose(est[:2], formula[:2], rtol=0.15)
    assert est[2] == pytest.approx(0.0, abs=1e-25) and formula[2] == 0.0


def test_noise_formula_rejects_bad_input():
    with pytest.raises(ValueError, match="N >= 2"):
        bd.minibatch_noise_formula(np.ones((1, 3)), 1)
    with pytest.raises(ValueError, match="batch_size"):
        bd.minibatch_noise_formula(np.ones((4, 3)), 5)


# --- momentum on the ravine ----------------------------------------------------------------------
@pytest.mark.parametrize("lr", [0.02, 0.09, 0.11])
def test_plain_descent_closed_form(lr):
    a, b = bd.RAVINE
    path = bd.descend_ravine((3.0, -2.0), lr, 0.0, steps=15)
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
    path = bd.descend_ravine(theta0, lr, mu, steps=25)
    for coord, c in enumerate(bd.RAVINE):
        M = np.array([[1 + mu - lr * c, -mu], [1.0, 0.0]])
        for k in range(26):
            state = np.linalg.matrix_power(M, k) @ np.array([theta0[coord], theta0[coord]])
            assert path[k, coord] == pytest.approx(state[0], rel=1e-9, abs=1e-9)


def test_ravine_is_what_mlp_fit_sees():
    X, Y = bd.ravine_data()
    a, b = bd.RAVINE
    np.testing.assert_allclose(X.T @ X / 4, np.diag([a, b]))
    np.testing.assert_allclose(X.mean(axis=0), 0.0)
    for mu in (0.0, 0.7):
        net = MLP([2, 1], activations=["identity"], loss="mse", seed=0)
        net.weights[0][:, 0] = bd.RAVINE_START
        path = [net.weights[0][:, 0].copy()]
        net.fit(X, Y, lr=0.09, epochs=20, momentum=mu,
                callback=lambda e, l, m: path.append(m.weights[0][:, 0].copy()))
        np.testing.assert_allclose(path, bd.descend_ravine(bd.RAVINE_START, 0.09, mu, 20),
                                   rtol=1e-10, atol=1e-12)
        assert net.loss(X, Y) == pytest.approx(bd.ravine_loss(path[-1]), rel=1e-10)
        np.testing.assert_allclose(net.biases[0], 0.0, atol=1e-15)


def test_ravine_gradient_is_the_derivative():
    theta = np.array([0.7, -1.3])
    h = 1e-6
    numeric = [(bd.ravine_loss(theta + h * e) - bd.ravine_loss(theta - h * e)) / (2 * h)
               for e in np.eye(2)]
    np.testing.assert_allclose(bd.ravine_grad(theta), numeric, rtol=1e-8)


def test_symbolic_velocity_helper_matches_descent():
    # nnlib_velocity (used by the SymPy checks) runs the same update as descend_ravine
    lr, mu = 0.05, 0.6
    path = bd.descend_ravine((2.0, 0.0), lr, mu, steps=5)
    grads = [bd.ravine_grad(p)[0] for p in path[:-1]]
    vel = np.cumsum([0.0] + [float(x) for x in nnlib_velocity(grads, mu, lr)])
    np.testing.assert_allclose(path[:, 0], 2.0 + vel, rtol=1e-12)


def test_descent_divergence_and_bad_input():
    path = bd.descend_ravine(lr=0.5, steps=30)  # 0.5 * 20 = 10: the steep coordinate explodes
    assert np.isnan(path[-1]).all() and np.isfinite(path[0]).all()
    with pytest.raises(ValueError, match="lr"):
        bd.descend_ravine(lr=0.0)
    with pytest.raises(ValueError, match="momentum"):
        bd.descend_ravine(momentum=1.0)
    with pytest.raises(ValueError, match="theta0"):
        bd.descend_ravine((1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="curvatures"):
        bd.ravine_loss([1.0, 1.0], curvature=(1.0, -1.0))


def test_momentum_widget_survives_every_slider():
    box = bd.momentum_widget(steps=15)
    beta, lr = box.controls["beta"], box.controls["lr"]
    for bv, lv in itertools.product(*[(s.min, (s.min + s.max) / 2, s.max) for s in (beta, lr)]):
        beta.value, lr.value = bv, lv
        plain, mom = box.result()
        np.testing.assert_allclose(plain, bd.descend_ravine(bd.RAVINE_START, lr.value, 0.0, 15))
        np.testing.assert_allclose(mom, bd.descend_ravine(bd.RAVINE_START, lr.value,
                                                          beta.value, 15))
    assert box.children[1].value[:4] == b"\x89PNG"


# --- L2 ------------------------------------------------------------------------------------------
def test_l2_shrinks_the_weights_and_reaches_a_stationary_point():
    X, y = datasets.moons(n=16, noise=0.3, seed=3)
    norms = []
    for lam in (0.0, 1.0, 10.0):
        net, hist = bd.train_l2(X, y, lam, hidden=(8,), epochs=600)
        assert not hist.diverged
        norms.append(bd.weight_norm(net))
        assert norms[-1] == pytest.approx(sum(float((W ** 2).sum()) for W in net.weights))
        if lam:
            # at a minimum of J the data gradient and the penalty's lambda W / N cancel
            dWs, dbs = net.gradients(X, y[:, None].astype(float), l2=lam)
            size = np.sqrt(sum(float((d ** 2).sum()) for d in dWs + dbs))
            assert size < 1e-3 * lam / 16 * math.sqrt(norms[-1]) + 1e-6
    assert norms[0] > norms[1] > norms[2]


def test_l2_rejects_negative_lambda():
    X, y = datasets.moons(n=8, seed=0)
    with pytest.raises(ValueError, match="lam"):
        bd.train_l2(X, y, -1.0)


def test_draw_l2_boundaries_titles():
    X, y = datasets.moons(n=10, noise=0.2, seed=0)
    nets = [bd.train_l2(X, y, lam, hidden=(4,), epochs=50)[0] for lam in (0.0, 2.0)]
    fig, axes = plt.subplots(1, 2)
    arts = bd.draw_l2_boundaries(axes, X, y, nets, [0.0, 2.0], X, y, resolution=10)
    assert len(arts) == 2
    for ax, net, lam in zip(axes, nets, (0.0, 2.0)):
        t = ax.get_title()
        assert t.startswith(f"λ = {lam:g}") and f"ΣW² = {bd.weight_norm(net):.0f}" in t


def test_l2_widget_survives_every_lambda():
    X, y = datasets.moons(n=10, noise=0.2, seed=0)
    lambdas = [0.0, 0.5, 5.0]
    box = bd.l2_widget(X, y, lambdas, X, y, hidden=(4,), epochs=40)
    slider = box.controls["lambda"]
    for lam in (lambdas[-1], lambdas[1], lambdas[0]):
        slider.value = lam
        got, net = box.result()
        assert got == lam
        expect, _ = bd.train_l2(X, y, lam, hidden=(4,), epochs=40)
        np.testing.assert_allclose(net.get_flat(), expect.get_flat())
    with pytest.raises(ValueError, match="at least one"):
        bd.l2_widget(X, y, [])


# --- dropout -------------------------------------------------------------------------------------
def test_dropout_means_tend_to_a_and_to_one_minus_p_times_a():
    a = np.array([0.8, -0.5, 0.3, 1.0])
    p, draws = 0.4, 20000
    inv, plain = bd.dropout_means(a, p, draws, seed=1)
    # standard error of the inverted mean: |a| sqrt(p / (1 - p) / draws); allow 5 of them
    se = np.abs(a) * math.sqrt(p / (1 - p) / draws)
    assert np.all(np.abs(inv - a) < 5 * se)
    np.testing.assert_allclose(plain, (1 - p) * inv)
    inv0, plain0 = bd.dropout_means(a, 0.0, 10)
    np.testing.assert_allclose(inv0, a, rtol=1e-15)  # nothing dropped: the mean of 10 copies
    np.testing.assert_allclose(plain0, a, rtol=1e-15)
    with pytest.raises(ValueError, match="p must be in"):
        bd.dropout_means(a, 1.0)


def test_dropout_gradchecks_pass_the_right_backward_only():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 3))
    Y = np.eye(2)[[0, 1, 1, 0]]
    net = MLP([3, 5, 4, 2], activations=["tanh", "tanh", "softmax"], loss="cross_entropy",
              seed=1)
    errs = bd.dropout_gradchecks(net, X, Y, p=0.5, seed=2)
    assert set(errs) == set(bd.DROPOUT_BACKWARDS)
    assert errs["correct"] < RTOL
    assert errs["mask forgotten"] > 1e-3 and errs["scale forgotten"] > 1e-3
    with pytest.raises(ValueError, match="p must be > 0"):
        bd.dropout_gradchecks(net, X, Y, p=0.0)


def test_dropout_widget_survives_every_slider():
    a = (0.5, -1.0, 0.25)
    box = bd.dropout_widget(a, draws=50)
    s = box.controls["p"]
    for p in (s.min, (s.min + s.max) / 2, s.max):
        s.value = p
        inv, plain = box.result()
        e_inv, e_plain = bd.dropout_means(a, s.value, 50, seed=0)
        np.testing.assert_allclose(inv, e_inv)
        np.testing.assert_allclose(plain, e_plain)


# --- initialisation ------------------------------------------------------------------------------
def test_init_std_values_and_errors():
    assert bd.init_std("xavier", 100, 100) == pytest.approx(0.1)
    assert bd.init_std("he", 50, 10) == pytest.approx(0.2)
    assert bd.init_std(("gain", 2.0), 400, 1) == pytest.approx(0.1)
    assert set(bd.INIT_SCHEMES) == {"too small", "too large", "xavier", "he"}
    for name in bd.INIT_SCHEMES:
        assert bd.init_std(name, 100, 100) > 0
    with pytest.raises(ValueError, match="unknown init scheme"):
        bd.init_std("lecunn", 10, 10)
    with pytest.raises(ValueError, match="gain"):
        bd.init_std(("gain", -1.0), 10, 10)


def test_init_statistics_against_plain_numpy():
    depth, width, n, seed = 4, 20, 64, 5
    s = bd.init_statistics("xavier", depth, width, "tanh", n, seed)
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
    s = bd.init_statistics(("gain", gain), depth=6, width=200, activation="identity",
                           n_samples=400, seed=0)
    np.testing.assert_allclose(s.act_std, gain ** np.arange(1, 7), rtol=0.2)


def test_too_small_weights_make_the_signal_vanish():
    s = bd.init_statistics("too small", depth=5, width=100, n_samples=200)
    # tanh is the identity near 0: each layer multiplies the std by about sqrt(100) * 0.01
    np.testing.assert_allclose(s.act_std, 0.1 ** np.arange(1, 6), rtol=0.2)


def test_init_statistics_rejects_bad_sizes():
    with pytest.raises(ValueError, match="depth"):
        bd.init_statistics("xavier", depth=0)


def test_draw_init_statistics_lines():
    stats = {k: bd.init_statistics(k, 3, 10, n_samples=20) for k in ("xavier", "he")}
    fig, axes = plt.subplots(1, 2)
    lines = bd.draw_init_statistics(axes, stats)
    np.testing.assert_allclose(lines["he"][0].get_ydata(), stats["he"].act_std)
    assert axes[1].get_yscale() == "log"


def test_init_gradient_axis_spans_whole_decades():
    # gradients that barely change across layers still get labelled powers of ten
    stats = {"he": bd.init_statistics("he", 3, 10, n_samples=20)}
    fig, axes = plt.subplots(1, 2)
    bd.draw_init_statistics(axes, stats)
    lo, hi = np.log10(axes[1].get_ylim())
    assert lo == np.floor(lo) and hi == np.floor(hi) and hi - lo >= 2
    grads = stats["he"].grad_std
    assert 10.0 ** lo <= grads.min() and grads.max() <= 10.0 ** hi
    plt.close(fig)


def test_init_widget_survives_every_control():
    box = bd.init_widget(depth=3, width=12, n_samples=30)
    gain, act = box.controls["gain"], box.controls["activation"]
    for a in act.options:
        for g in (gain.min, (gain.min + gain.max) / 2, gain.max):
            act.value = a
            gain.value = 10 ** g  # FloatLogSlider: min/max are exponents
            s = box.result()
            expect = bd.init_statistics(("gain", gain.value), 3, 12, a, 30)
            np.testing.assert_allclose(s.act_std, expect.act_std)
            assert np.all(np.isfinite(s.grad_std))
