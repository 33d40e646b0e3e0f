"""Tests for nnlib.widgets.backward, run headless: every control position survives, the figure
is one figure redrawn in place, what it shows is the experiment's numbers (checked against
values computed here: the hand formulas for the logit slopes and the activation derivatives,
central differences for the nudge), and bad arguments are refused before any control exists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.experiments import backward as exp
from nnlib.widgets.backward import (
    DerivativesWidget,
    LogitGradientWidget,
    NudgeWidget,
    derivatives_widget,
    logit_gradient_widget,
    nudge_widget,
)


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in [ax.title]] + [
        t.get_text() for t in fig.texts]


def fmt(x, d):
    """Fixed decimals with -0.000 shown as 0.000 (as the figures print)."""
    t = f"{x:.{d}f}"
    return t[1:] if t.startswith("-") and float(t) == 0 else t


def _slider_positions(slider):
    n = int(round((slider.max - slider.min) / slider.step)) + 1
    return np.round(np.linspace(slider.min, slider.max, n), 10)


def test_controls_have_labels_and_the_factories_return_the_widgets():
    for w, cls in [(nudge_widget(), NudgeWidget), (logit_gradient_widget(), LogitGradientWidget),
                   (derivatives_widget(), DerivativesWidget)]:
        assert isinstance(w, cls) and isinstance(w.widget, ipywidgets.Box)
        for name, control in w.controls.items():
            assert control.description, name
            assert control in w.widget.children
        assert w.output in w.widget.children


# --- nudge one weight ----------------------------------------------------------------------------
def test_nudge_every_parameter_and_the_slider_ends():
    w = NudgeWidget()
    fig, artists, curve = w.fig, w.artists, w.artists.curve
    assert [v for _, v in w.controls["name"].options] == list(exp.PARAMETER_NAMES)
    h = 1e-5
    for name in exp.PARAMETER_NAMES:
        w.controls["name"].value = name
        for dw in (w.controls["dw"].min, 0.35, w.controls["dw"].max):
            w.controls["dw"].value = dw
            r = w.result
            assert (r.name, r.dw) == (name, dw)
            # backprop's slope against central differences of the loss at the nudge's ends
            up, down = exp.nudge(name, h, grid=[0.0]).J1, exp.nudge(name, -h, grid=[0.0]).J1
            assert r.grad == pytest.approx((up - down) / (2 * h), rel=1e-7, abs=1e-10)
            # the figure shows these numbers, in place
            assert w.fig is fig and w.artists is artists and artists.curve is curve
            np.testing.assert_array_equal(curve.get_ydata(), r.curve)
            np.testing.assert_allclose(artists.tangent.get_ydata(), r.J0 + r.grad * exp.DW_GRID)
            assert list(artists.actual.get_ydata()) == [r.J1]
            title = fig.axes[0].get_title()
            assert f"ΔJ = {fmt(r.J1 - r.J0, 4)}" in title
            assert f"∂J/∂w·Δw = {fmt(r.grad * dw, 4)}" in title
    assert len(fig.axes) == 1


def test_nudge_every_slider_position():
    w = NudgeWidget("b1_1", 0.0)
    for dw in _slider_positions(w.controls["dw"]):
        w.controls["dw"].value = float(dw)
        assert w.result.dw == float(dw)
        k = int(np.argmin(np.abs(exp.DW_GRID - dw)))
        assert w.result.J1 == pytest.approx(w.result.curve[k], abs=1e-15)


# --- cross-entropy against MSE -----------------------------------------------------------------
def test_logit_widget_every_position_and_class_count():
    w = LogitGradientWidget()
    fig, lines = w.fig, dict(w.artists.lines)
    assert list(w.controls["n_classes"].options) == list(exp.CLASS_COUNTS)
    for K in exp.CLASS_COUNTS:
        w.controls["n_classes"].value = K
        for z in _slider_positions(w.controls["z"]):
            w.controls["z"].value = float(z)
        for z in (-6.0, -2.2, 0.0, 6.0):
            w.controls["z"].value = z
            curves, point = w.result
            p = np.exp(z) / (np.exp(z) + K - 1)
            assert point.p == pytest.approx(p, rel=1e-12)
            assert point.dce == pytest.approx(p - 1, rel=1e-12, abs=1e-15)
            assert point.dmse == pytest.approx(-K / (K - 1) * p * (1 - p) ** 2, rel=1e-12)
            assert w.fig is fig and w.artists.lines == lines
            zs = curves.z
            pz = np.exp(zs) / (np.exp(zs) + K - 1)
            np.testing.assert_allclose(lines["dce"].get_ydata(), pz - 1, atol=1e-14)
            np.testing.assert_allclose(lines["dmse"].get_ydata(), -K / (K - 1) * pz * (1 - pz) ** 2,
                                       atol=1e-14)
            assert list(w.artists.marks["dmse"].get_xdata()) == [z]
            assert fig.texts[0].get_text().startswith(f"z = {z:.1f}, K = {K}: p = {p:.4f}")


# --- the activation derivatives ------------------------------------------------------------------
def test_derivatives_widget_every_position():
    w = DerivativesWidget()
    fig, lines = w.fig, dict(w.artists.lines)
    for slope in _slider_positions(w.controls["slope"]):
        w.controls["slope"].value = float(slope)
        assert w.result.slope == float(slope)
        np.testing.assert_array_equal(lines["leaky_relu"].get_ydata(),
                                      np.where(exp.DERIVATIVE_GRID >= 0, 1.0, slope))
    w.controls["slope"].value = 0.3
    for z in _slider_positions(w.controls["z"]):
        w.controls["z"].value = float(z)
    for z in (-5.0, -3.0, 0.0, 1.25, 5.0):
        w.controls["z"].value = z
        at = w.result.at_z
        assert at["sigmoid"] == pytest.approx(np.exp(-z) / (1 + np.exp(-z)) ** 2, rel=1e-12)
        assert at["tanh"] == pytest.approx(1 / np.cosh(z) ** 2, rel=1e-12)
        assert at["relu"] == float(z > 0) and at["leaky_relu"] == (1.0 if z >= 0 else 0.3)
        assert w.fig is fig and w.artists.lines == lines
        assert list(w.artists.cursor.get_xdata()) == [z, z]
        assert fig.axes[0].get_title().startswith(f"at z = {fmt(z, 2)}, leaky slope α = 0.30:")
    w.controls["z"].value = 0.0
    assert "σ′ (sigmoid) 0.250, tanh′ 1.000" in fig.axes[0].get_title()


# --- bad arguments: refused before any control exists ----------------------------------------------
@pytest.mark.parametrize("build, words", [
    (lambda: NudgeWidget("W9_11"), "unknown parameter 'W9_11'"),
    (lambda: NudgeWidget("W2_11", 3.0), "dw must be in [-2, 2]"),
    (lambda: LogitGradientWidget(z=np.nan), "z must be a finite number"),
    (lambda: LogitGradientWidget(n_classes=4), "unknown n_classes 4; valid: 2, 3, 10"),
    (lambda: DerivativesWidget(z=9.0), "z must be in [-5, 5]"),
    (lambda: DerivativesWidget(slope=-1.0), "slope must be in [0, 1]"),
])
def test_bad_arguments_are_refused_before_any_control_exists(monkeypatch, build, words):
    made = []
    original = ipywidgets.Widget.__init__

    def counting(self, *args, **kwargs):
        made.append(type(self).__name__)
        original(self, *args, **kwargs)

    monkeypatch.setattr(ipywidgets.Widget, "__init__", counting)
    figures = plt.get_fignums()
    with pytest.raises(ValueError) as err:
        build()
    assert words in str(err.value)
    assert made == [] and plt.get_fignums() == figures
