"""Tests for nnlib.widgets.descent: the gradient-descent explorer built headless, every control at
its ends and middle for both losses, the start slider following the loss, the learning rate on
the slider's stops, divergence in the title, and a figure drawn in place that shows what a fresh
explorer shows."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib.experiments.descent import descend_1d, quadratic_regime
from nnlib.widgets.descent import LR_STOPS, gradient_descent_widget

from conftest import pixels


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
    gd = gradient_descent_widget()
    for loss in ("quadratic", "two valleys"):
        gd.controls["loss"].value = loss
        control = gd.controls[name]
        for value in control_values(control):
            old, before = control.value, pixels(gd.fig)
            control.value = value
            c = gd.values()
            np.testing.assert_array_equal(
                gd.result, descend_1d(c["loss"], c["start"], c["lr"], 20, momentum=c["momentum"]))
            if control.value != old:  # a real change redraws
                assert not np.array_equal(pixels(gd.fig), before)
            title = gd.artists.title.get_text()
            assert title.startswith(f"η = {c['lr']:.3g}")
            assert gd.artists.loss.name == c["loss"]


def test_gradient_descent_widget_draws_in_place_what_a_fresh_one_draws():
    gd = gradient_descent_widget("quadratic", lr=0.3)
    artists, fig = gd.artists, gd.fig
    gd.controls["lr"].value = 1.5
    gd.controls["momentum"].value = 0.5
    gd.controls["start"].value = -1.0
    assert gd.artists is artists and gd.fig is fig  # the same artists, moved
    fresh = gradient_descent_widget("quadratic", lr=1.5)
    fresh.controls["momentum"].value = 0.5
    fresh.controls["start"].value = -1.0
    np.testing.assert_array_equal(pixels(gd.fig), pixels(fresh.fig))


def test_gradient_descent_widget_switches_losses():
    gd = gradient_descent_widget("quadratic")
    start = gd.controls["start"]
    gd.controls["loss"].value = "two valleys"
    assert (start.min, start.max, start.value) == (-1.8, 1.8, 1.6)
    assert gd.artists.loss.name == "two valleys"
    np.testing.assert_array_equal(gd.result, descend_1d("two valleys", 1.6, 0.3, 20))
    assert gd.controls["lr"].value == pytest.approx(0.3, rel=0.012)  # on the slider's grid
    gd.controls["loss"].value = "quadratic"
    assert (start.min, start.max, start.value) == (-2.0, 6.0, 5.0)
    np.testing.assert_array_equal(gd.result, descend_1d("quadratic", 5.0, 0.3, 20))


def test_gradient_descent_widget_starts_on_a_slider_stop():
    gd = gradient_descent_widget("quadratic", lr=0.3)
    assert gd.controls["lr"].value == 0.3
    assert gd.artists.title.get_text().startswith("η = 0.3 (ηa = 0.3: creeps)")
    gd = gradient_descent_widget("quadratic", lr=0.31)  # between stops: the nearest one
    assert gd.controls["lr"].value == 0.3
    with pytest.raises(ValueError, match="slider's range"):
        gradient_descent_widget(lr=10.0)
    with pytest.raises(ValueError, match="unknown 1-D loss"):
        gradient_descent_widget("cubic")
    with pytest.raises(ValueError, match="steps"):
        gradient_descent_widget(steps=0)


def test_every_quadratic_regime_is_on_the_slider():
    stops = np.array(LR_STOPS)
    assert stops[0] == 0.001 and stops[-1] == 3.0 and np.all(np.diff(stops) > 0)
    regimes = {quadratic_regime(lr, 1.0) for lr in LR_STOPS}
    assert regimes == {"creeps", "one step", "oscillates", "bounces", "diverges"}
    gd = gradient_descent_widget("quadratic")
    for lr, regime in [(1.0, "one step"), (2.0, "bounces")]:
        gd.controls["lr"].value = lr
        assert f"ηa = {lr:g}: {regime}" in gd.artists.title.get_text()


def test_gradient_descent_widget_reports_divergence():
    gd = gradient_descent_widget("quadratic")
    gd.controls["lr"].value = LR_STOPS[-1]  # eta = 3
    assert gd.artists.title.get_text().splitlines()[1].startswith("DIVERGED")
