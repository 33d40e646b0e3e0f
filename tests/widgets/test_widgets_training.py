"""Tests for nnlib.widgets.training: one-dimensional descent against its closed forms, the
quadratic regimes, divergence reporting, the decision-region helpers, recorded training runs and
their browser animations, the XOR trials, and both widgets driven headless over every control."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import MLP  # noqa: E402
from nnlib.datasets import xor  # noqa: E402
from nnlib.widgets.playground import PlaygroundModel  # noqa: E402
from nnlib.widgets.training import (  # noqa: E402
    DIVERGENCE_LIMIT, LOSSES_1D, animate_descent_1d, animate_frames, animation_html,
    descend_1d, describe_descent, divergence_step,
    LR_STOPS, draw_descent_1d, get_loss_1d, gradient_descent_widget, quadratic_regime,
    regime_text, train_frames, xor_model, xor_trials, xor_widget,
)

PNG_MAGIC = b"\x89PNG"


# --- the one-parameter losses ---------------------------------------------------------------
@pytest.mark.parametrize("name", list(LOSSES_1D))
def test_each_loss_derivative_is_its_slope(name):
    loss = LOSSES_1D[name]
    t = np.linspace(*loss.xlim, 17)
    h = 1e-6
    np.testing.assert_allclose(loss.df(t), (loss.f(t + h) - loss.f(t - h)) / (2 * h),
                               rtol=1e-7, atol=1e-7)


def test_unknown_loss_names_the_valid_ones():
    with pytest.raises(ValueError, match="quadratic, two valleys"):
        get_loss_1d("cubic")


# --- descend_1d against closed forms -----------------------------------------------------------
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


# --- regimes ---------------------------------------------------------------------------------
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


# --- divergence reporting ------------------------------------------------------------------
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


def test_draw_descent_titles_and_points():
    fig, ax = plt.subplots()
    art = draw_descent_1d(ax, "quadratic", lr=3.0, theta0=5.0, steps=30)
    assert "DIVERGED" in art.title.get_text() and "ηa = 3: diverges" in art.title.get_text()
    assert len(art.path_points.get_offsets()) == 19  # the finite iterates only
    art.update(0.3, 5.0, upto=4)
    assert len(art.path_points.get_offsets()) == 5
    assert "θ₄" in art.title.get_text()


# --- recorded runs and animations ----------------------------------------------------------
def test_train_frames_records_every_frame():
    model = xor_model(hidden=4, lr=2.0, epochs_per_frame=7, seed=1)
    start = [W.copy() for W in model.net.weights]
    record = train_frames(model, 5)
    assert len(record) == 6
    assert [r["epoch"] for r in record] == [0, 7, 14, 21, 28, 35]
    for W, W0 in zip(record[0]["weights"], start):
        np.testing.assert_array_equal(W, W0)
    assert not np.allclose(record[-1]["weights"][0], start[0])
    # the snapshots are copies: training on does not change them
    kept = record[-1]["weights"][0].copy()
    model.step()
    np.testing.assert_array_equal(record[-1]["weights"][0], kept)


def test_train_frames_stops_when_the_run_diverges():
    model = PlaygroundModel(dataset="xor corners", hidden=(4,), activation="tanh",
                            output="identity", lr=50.0, train_fraction=1.0,
                            epochs_per_frame=5)
    record = train_frames(model, 10)
    assert model.diverged and "diverged" in model.message
    assert len(record) < 11 and record[-1]["diverged"]


def _frames(html):
    return re.findall(r"frames\[(\d+)\] = \"data:image/(png|jpeg);base64,", html)


def test_animate_frames_gives_html_with_every_frame():
    model = xor_model(hidden=2, lr=2.0, epochs_per_frame=10, seed=0)
    record = train_frames(model, 4)
    html = animation_html(animate_frames(model, record), frame_format="jpeg")
    frames = _frames(html)
    assert [int(i) for i, _ in frames] == list(range(len(record)))
    assert {fmt for _, fmt in frames} == {"jpeg"}
    assert 'class="anim-slider"' in html and 'title="Play"' in html
    # replaying restored every frame; the last one is the trained state
    for W, W_end in zip(model.net.weights, record[-1]["weights"]):
        np.testing.assert_array_equal(W, W_end)


def test_animate_frames_rejects_an_empty_record():
    with pytest.raises(ValueError, match="empty"):
        animate_frames(xor_model(), [])


def test_animation_html_is_reproducible_and_ids_are_distinct():
    make = lambda lrs: animate_descent_1d("quadratic", lrs, steps=3, dpi=30)  # noqa: E731
    anims = [make(lrs) for lrs in [(0.3,), (0.3,), (1.5,)]]
    first, again, other = (animation_html(a) for a in anims)
    assert first == again
    ids = {re.search(r'id="_anim_img(\w+)"', h).group(1) for h in (first, other)}
    assert len(ids) == 2
    with pytest.raises(ValueError, match="frame_format"):
        animation_html(anims[0], frame_format="gif")


def test_animate_descent_shows_one_more_iterate_per_frame():
    anim = animate_descent_1d("two valleys", lrs=(0.05, 0.2), theta0=1.6, steps=6, dpi=30)
    html = animation_html(anim)
    assert len(_frames(html)) == 7
    for k in (0, 3, 6):
        anim._func(k)
        for panel in anim.panels:
            assert len(panel.path_points.get_offsets()) == k + 1
    with pytest.raises(ValueError, match="at least one"):
        animate_descent_1d("quadratic", lrs=())


# --- XOR trials -------------------------------------------------------------------------------
def test_xor_trials_converge_and_report_the_first_epoch():
    trials = xor_trials([0, 1, 2], hidden=4, loss="binary_cross_entropy", lr=2.0, epochs=1500)
    assert trials.fraction == 1.0 and trials.right.all()
    assert np.all(trials.worst < 0.1)
    X, y = xor(4, 0.0)
    Y = y.reshape(-1, 1).astype(float)
    for seed, needed in zip(trials.seeds, trials.epochs):
        # retrain independently: within tol after `needed` epochs, not after one fewer
        net = MLP([2, 4, 1], ["sigmoid", "sigmoid"], loss="binary_cross_entropy",
                  seed=int(seed))
        net.fit(X, Y, lr=2.0, epochs=int(needed) - 1)
        assert np.max(np.abs(net.forward(X) - Y)) >= 0.1
        net.fit(X, Y, lr=2.0, epochs=1)
        assert np.max(np.abs(net.forward(X) - Y)) < 0.1


def test_xor_trials_report_failures():
    # one hidden unit cannot compute XOR: no seed converges, and -1 marks it
    trials = xor_trials([0, 1], hidden=1, lr=2.0, epochs=200)
    assert trials.fraction == 0.0
    np.testing.assert_array_equal(trials.epochs, [-1, -1])
    assert np.all(trials.worst >= 0.1)


@pytest.mark.parametrize("kwargs, match", [
    (dict(loss="hinge"), "unknown loss"), (dict(hidden=0), "hidden"),
    (dict(epochs=0), "epochs"), (dict(tol=0.7), "tol"),
])
def test_xor_trials_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        xor_trials([0], **kwargs)


# --- the widgets, every control at min / middle / max -----------------------------------
def control_values(control):
    """The ends and the middle of a slider, or every option of a dropdown."""
    if hasattr(control, "options"):
        return [v[1] if isinstance(v, tuple) else v for v in control.options]
    lo, hi = control.min, control.max
    if type(control).__name__ == "FloatLogSlider":
        return [control.base ** lo, control.base ** ((lo + hi) / 2), control.base ** hi]
    mid = (lo + hi) / 2
    return [lo, round(mid) if isinstance(lo, int) else mid, hi]


@pytest.mark.parametrize("name", ["loss", "lr", "start", "momentum"])
def test_gradient_descent_widget_survives_every_control(name):
    box = gradient_descent_widget()
    for loss in ("quadratic", "two valleys"):
        box.controls["loss"].value = loss
        control = box.controls[name]
        for value in control_values(control):
            old, before = control.value, bytes(box.image.value)
            control.value = value
            assert bytes(box.image.value).startswith(PNG_MAGIC)
            if control.value != old:  # a real change redraws
                assert bytes(box.image.value) != before
            title = box.artists.title.get_text()
            assert title.startswith(f"η = {box.controls['lr'].value:.3g}")
            assert box.artists.loss.name == box.controls["loss"].value


def test_gradient_descent_widget_switches_losses():
    box = gradient_descent_widget("quadratic")
    start = box.controls["start"]
    box.controls["loss"].value = "two valleys"
    assert (start.min, start.max, start.value) == (-1.8, 1.8, 1.6)
    assert box.artists.loss.name == "two valleys"
    assert box.controls["lr"].value == pytest.approx(0.3, rel=0.012)  # on the slider's grid
    box.controls["loss"].value = "quadratic"
    assert (start.min, start.max, start.value) == (-2.0, 6.0, 5.0)


def test_gradient_descent_widget_starts_on_a_slider_stop():
    box = gradient_descent_widget("quadratic", lr=0.3)
    assert box.controls["lr"].value == 0.3
    assert box.artists.title.get_text().startswith("η = 0.3 (ηa = 0.3: creeps)")
    box = gradient_descent_widget("quadratic", lr=0.31)  # between stops: the nearest one
    assert box.controls["lr"].value == 0.3
    with pytest.raises(ValueError, match="slider's range"):
        gradient_descent_widget(lr=10.0)


def test_every_quadratic_regime_is_on_the_slider():
    stops = np.array(LR_STOPS)
    assert stops[0] == 0.001 and stops[-1] == 3.0 and np.all(np.diff(stops) > 0)
    regimes = {quadratic_regime(lr, 1.0) for lr in LR_STOPS}
    assert regimes == {"creeps", "one step", "oscillates", "bounces", "diverges"}
    box = gradient_descent_widget("quadratic")
    for lr, regime in [(1.0, "one step"), (2.0, "bounces")]:
        box.controls["lr"].value = lr
        assert f"ηa = {lr:g}: {regime}" in box.artists.title.get_text()


def test_gradient_descent_widget_reports_divergence():
    box = gradient_descent_widget("quadratic")
    box.controls["lr"].value = LR_STOPS[-1]  # eta = 3
    assert box.artists.title.get_text().splitlines()[1].startswith("DIVERGED")


XOR_CONTROLS = ["layers", "units1", "activation", "output", "lr", "batch_size", "momentum",
                "l2", "dropout", "epochs_per_frame"]


@pytest.mark.parametrize("name", XOR_CONTROLS)
def test_xor_widget_survives_every_control(name):
    app = xor_widget(hidden=4, lr=2.0, epochs_per_frame=5)
    assert app.model.sizes == [2, 4, 1] and app.model.net.loss_name == "binary_cross_entropy"
    control = app.controls[name]
    for value in control_values(control):
        control.value = value
        app.step()
        m = app.model
        assert bytes(app.image.value)
        assert all(math.isfinite(v) for v in m.train_losses) or m.diverged
