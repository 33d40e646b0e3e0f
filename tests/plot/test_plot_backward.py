"""Tests for nnlib.plot.backward: the titles against hand-written text, what each drawing holds,
and the update in place against a fresh drawing (pixel for pixel)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from nnlib.experiments import backward as exp
from nnlib.plot import backward as draw

from conftest import pixels


def test_titles_from_hand_made_results():
    grid = np.array([-1.0, 0.0, 1.0])
    r = exp.Nudge("W1_12", -0.25, 0.3, J0=1.0, J1=1.02, grad=-0.1, grid=grid, curve=grid)
    # ΔJ = 0.02, ∂J/∂w·Δw = 0.025, difference -0.005
    assert draw.nudge_title(r) == ("W⁽¹⁾₁₂: input 1 → hidden 2, nudged by Δw = -0.25\n"
                                   "ΔJ = 0.0200, ∂J/∂w·Δw = 0.0250, difference -0.0050")
    tiny = exp.Nudge("b2_1", 0.0, 0.05, J0=1.0, J1=1.0 - 1e-17, grad=0.5, grid=grid, curve=grid)
    assert draw.nudge_title(tiny).endswith("ΔJ = 0.0000, ∂J/∂w·Δw = 0.0000, difference 0.0000")
    point = exp.LogitGradients(-2.0, 3, 0.25, 1.3863, 0.375, -0.75, -0.2109375)
    assert draw.logit_title(point) == ("z = -2.0, K = 3: p = 0.2500; ∂J/∂z: cross-entropy -0.7500, "
                                       "MSE -0.2109")
    d = exp.Derivatives(1.5, 0.2, {"sigmoid": 0.14914, "tanh": 0.18071, "relu": 1.0,
                                   "leaky_relu": 1.0}, grid, {})
    assert draw.derivatives_title(d) == ("at z = 1.50, leaky slope α = 0.20:\n"
                                         "σ′ (sigmoid) 0.149, tanh′ 0.181, ReLU′ 1.000, "
                                         "leaky ReLU′ 1.000")


def test_nudge_drawing_holds_the_curve_the_tangent_and_the_two_changes():
    r = exp.nudge("W1_11", 1.0)
    fig, ax = plt.subplots()
    a = draw.draw_nudge(ax, r)
    np.testing.assert_array_equal(a.curve.get_ydata(), r.curve)
    np.testing.assert_allclose(a.tangent.get_ydata(), r.J0 + r.grad * exp.DW_GRID)
    assert list(a.actual.get_ydata()) == [r.J1]
    assert list(a.predicted.get_ydata()) == [r.J0 + r.grad * 1.0]
    assert sorted(a.gap.get_ydata()) == sorted([r.J1, r.J0 + r.grad])
    lo, hi = ax.get_ylim()  # the prediction stays in view even where the tangent leaves the curve
    assert lo < min(r.curve.min(), r.J0 + r.grad) and hi > max(r.curve.max(), r.J0 + r.grad)


def _same_after_update(make_axes, draw_first, update, draw_fresh):
    fig1 = plt.figure(figsize=(7, 3.4))
    artists = draw_first(make_axes(fig1))
    update(artists)
    fig2 = plt.figure(figsize=(7, 3.4))
    draw_fresh(make_axes(fig2))
    np.testing.assert_array_equal(pixels(fig1), pixels(fig2))


def test_updates_in_place_look_like_fresh_drawings():
    one = lambda fig: fig.subplots()  # noqa: E731
    two = lambda fig: fig.subplots(1, 2)  # noqa: E731
    a, b = exp.nudge("W2_11", 0.5), exp.nudge("b1_2", -2.0)
    _same_after_update(one, lambda ax: draw.draw_nudge(ax, a), lambda art: art.update(b),
                       lambda ax: draw.draw_nudge(ax, b))
    c2, c10 = exp.logit_gradient_curves(2), exp.logit_gradient_curves(10)
    p2, p10 = exp.logit_gradients(-3.0, 2), exp.logit_gradients(4.2, 10)
    _same_after_update(two, lambda axes: draw.draw_logit_gradients(axes, c2, p2),
                       lambda art: art.update(c10, p10),
                       lambda axes: draw.draw_logit_gradients(axes, c10, p10))
    d1, d2 = exp.activation_derivatives(0.0, 0.1), exp.activation_derivatives(-2.5, 0.6)
    _same_after_update(one, lambda ax: draw.draw_derivatives(ax, d1), lambda art: art.update(d2),
                       lambda ax: draw.draw_derivatives(ax, d2))
