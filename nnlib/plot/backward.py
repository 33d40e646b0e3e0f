r"""Drawing for the backward-pass widgets (:mod:`nnlib.experiments.backward`).

Each ``draw_*`` function takes the result of the matching experiment and an Axes (or two),
draws it, and returns an artists object whose ``update(result)`` redraws in place, so a widget
keeps one figure:

* :func:`draw_nudge`: the loss :math:`J(w + \Delta w)` against the nudge, its tangent line at
  :math:`\Delta w = 0`, and the two changes :math:`\Delta J` and
  :math:`\frac{\partial J}{\partial w}\Delta w` at the chosen nudge;
* :func:`draw_logit_gradients`: cross-entropy and MSE against the true class's logit (left)
  and their slopes :math:`\partial J/\partial z` (right), with the current logit marked;
* :func:`draw_derivatives`: the derivatives of sigmoid, tanh, ReLU and leaky ReLU on one axis,
  with each one's value at the current z marked and the sigmoid's ceiling of 1/4.

Colours are Okabe and Ito's (readable with the common colour-vision deficiencies), the same as
the website's live widgets (book_assets/twin/widgets/ui.js).
"""

from __future__ import annotations

import numpy as np

from ..experiments.backward import PARAMETER_LABELS, PARAMETER_NAMES

__all__ = ["BLUE", "ORANGE", "GREEN", "PURPLE", "nudge_title", "NudgeArtists", "draw_nudge",
           "logit_title", "LogitArtists", "draw_logit_gradients", "DERIVATIVE_STYLES",
           "derivatives_title", "DerivativeArtists", "draw_derivatives"]

BLUE, ORANGE, GREEN, PURPLE = "#0072B2", "#D55E00", "#009E73", "#CC79A7"
_GUIDE = dict(color="0.6", lw=0.8, zorder=0)


def _fixed(x, d):
    """Fixed decimals, with -0.000 shown as 0.000 (as the website shows numbers)."""
    t = f"{x:.{d}f}"
    return t[1:] if t.startswith("-") and float(t) == 0 else t


def _tidy(ax):
    ax.spines[["top", "right"]].set_visible(False)
    ax.title.set_fontsize(10)


# --- nudge one weight --------------------------------------------------------------------------
def nudge_title(result):
    """The two lines the figure and the website print: the nudge, then the three numbers."""
    label = PARAMETER_LABELS[PARAMETER_NAMES.index(result.name)]
    return (f"{label}, nudged by Δw = {_fixed(result.dw, 2)}\n"
            f"ΔJ = {_fixed(result.dJ, 4)}, ∂J/∂w·Δw = {_fixed(result.linear, 4)}, "
            f"difference {_fixed(result.gap, 4)}")


class NudgeArtists:
    """What :func:`draw_nudge` drew; :meth:`update` moves it to another :class:`Nudge`."""

    def __init__(self, ax, curve, tangent, actual, predicted, gap, start):
        self.ax, self.curve, self.tangent = ax, curve, tangent
        self.actual, self.predicted, self.gap, self.start = actual, predicted, gap, start

    def update(self, result):
        self.curve.set_data(result.grid, result.curve)
        self.tangent.set_data(result.grid, result.tangent)
        self.actual.set_data([result.dw], [result.J1])
        self.predicted.set_data([result.dw], [result.J0 + result.linear])
        self.gap.set_data([result.dw, result.dw], [result.J0 + result.linear, result.J1])
        self.start.set_data([0.0], [result.J0])
        predicted = result.J0 + result.linear
        lo = min(float(np.min(result.curve)), predicted)
        hi = max(float(np.max(result.curve)), predicted)
        pad = max(0.08 * (hi - lo), 0.02)
        self.ax.set_ylim(lo - pad, hi + pad)
        self.ax.set_xlim(result.grid[0], result.grid[-1])
        self.ax.set_title(nudge_title(result))
        return self


def draw_nudge(ax, result):
    """Draw a :class:`nnlib.experiments.backward.Nudge` on ``ax``.

    Returns
    -------
    NudgeArtists
    """
    (curve,) = ax.plot([], [], color=BLUE, lw=2, label="J(w + Δw), recomputed")
    (tangent,) = ax.plot([], [], color=ORANGE, lw=1.5, ls="--",
                         label="tangent: J(w) + ∂J/∂w·Δw (backprop)")
    (gap,) = ax.plot([], [], color="0.35", lw=2.5, solid_capstyle="butt", label="difference")
    (actual,) = ax.plot([], [], "o", color=BLUE, ms=6)
    (predicted,) = ax.plot([], [], "s", color=ORANGE, ms=5)
    (start,) = ax.plot([], [], "o", color="0.2", ms=4)
    ax.axvline(0.0, **_GUIDE)
    ax.set_xlabel("Δw, the nudge")
    ax.set_ylabel("loss J")
    ax.legend(fontsize=8, frameon=False, loc="best")
    _tidy(ax)
    return NudgeArtists(ax, curve, tangent, actual, predicted, gap, start).update(result)


# --- the gradient with respect to the logit -------------------------------------------------
def logit_title(point):
    """The numbers the figure and the website print for one :class:`LogitGradients`."""
    return (f"z = {_fixed(point.z, 1)}, K = {point.n_classes}: p = {_fixed(point.p, 4)}; "
            f"∂J/∂z: cross-entropy {_fixed(point.dce, 4)}, MSE {_fixed(point.dmse, 4)}")


class LogitArtists:
    """What :func:`draw_logit_gradients` drew; :meth:`update` redraws it in place."""

    def __init__(self, axes, lines, marks, title):
        self.axes, self.lines, self.marks, self.title = axes, lines, marks, title

    def update(self, curves, point):
        for (name, line) in self.lines.items():
            line.set_data(curves.z, getattr(curves, name))
        for (name, mark) in self.marks.items():
            mark.set_data([point.z], [getattr(point, name)])
        self.axes[0].set_ylim(-0.05 * float(np.max(curves.ce)), 1.05 * float(np.max(curves.ce)))
        self.title.set_text(logit_title(point))
        return self


def draw_logit_gradients(axes, curves, point):
    """Draw :class:`LogitCurves` and the current :class:`LogitGradients` on two Axes.

    ``axes[0]``: the losses against z; ``axes[1]``: :math:`\\partial J/\\partial z`.

    Returns
    -------
    LogitArtists
    """
    ax, ax_d = axes
    lines, marks = {}, {}
    for name, target, color, ls, label in [
            ("ce", ax, BLUE, "-", "cross-entropy −ln p"),
            ("mse", ax, ORANGE, "--", "MSE ½Σ(ŷ − y)²"),
            ("dce", ax_d, BLUE, "-", "cross-entropy: p − 1"),
            ("dmse", ax_d, ORANGE, "--", "MSE: −K/(K−1)·p(1 − p)²")]:
        (lines[name],) = target.plot([], [], color=color, lw=2, ls=ls, label=label)
        (marks[name],) = target.plot([], [], "o", color=color, ms=6)
    ax.set(xlabel="z, the true class's logit", ylabel="loss J", xlim=(curves.z[0], curves.z[-1]))
    ax_d.set(xlabel="z, the true class's logit", ylabel="∂J/∂z", ylim=(-1.08, 0.08),
             xlim=(curves.z[0], curves.z[-1]))
    ax_d.axhline(0.0, **_GUIDE)
    ax_d.axhline(-1.0, **_GUIDE)
    for a in axes:
        a.legend(fontsize=8, frameon=False, loc="upper right" if a is ax else "center left")
        _tidy(a)
    title = ax.figure.suptitle("", fontsize=10)
    return LogitArtists(axes, lines, marks, title).update(curves, point)


# --- the activation derivatives on one axis ---------------------------------------------------
DERIVATIVE_STYLES = {
    "sigmoid": ("σ′ (sigmoid)", BLUE, "-"),
    "tanh": ("tanh′", ORANGE, "-"),
    "relu": ("ReLU′", GREEN, "--"),
    "leaky_relu": ("leaky ReLU′", PURPLE, ":"),
}
"""Name -> (legend label, colour, line style) of each derivative."""


def derivatives_title(result):
    """The numbers the figure and the website print for one :class:`Derivatives`."""
    values = ", ".join(f"{DERIVATIVE_STYLES[n][0]} {_fixed(d, 3)}" for n, d in result.at_z.items())
    return f"at z = {_fixed(result.z, 2)}, leaky slope α = {_fixed(result.slope, 2)}:\n{values}"


class DerivativeArtists:
    """What :func:`draw_derivatives` drew; :meth:`update` redraws it in place."""

    def __init__(self, ax, lines, marks, cursor):
        self.ax, self.lines, self.marks, self.cursor = ax, lines, marks, cursor

    def update(self, result):
        for name, line in self.lines.items():
            line.set_data(result.grid, result.curves[name])
            self.marks[name].set_data([result.z], [result.at_z[name]])
        self.cursor.set_xdata([result.z, result.z])
        self.ax.set_title(derivatives_title(result))
        return self


def draw_derivatives(ax, result):
    """Draw a :class:`nnlib.experiments.backward.Derivatives` on ``ax``.

    Returns
    -------
    DerivativeArtists
    """
    lines, marks = {}, {}
    for name, (label, color, ls) in DERIVATIVE_STYLES.items():
        (lines[name],) = ax.plot([], [], color=color, ls=ls, lw=2, label=label)
        (marks[name],) = ax.plot([], [], "o", color=color, ms=6)
    cursor = ax.axvline(result.z, color="0.3", lw=1)
    ax.axhline(0.25, **_GUIDE)
    ax.annotate("σ′ ≤ 1/4", (result.grid[0] + 0.2, 0.27), fontsize=8, color="0.3")
    ax.set(xlabel="z", ylabel="φ′(z)", ylim=(-0.05, 1.1), xlim=(result.grid[0], result.grid[-1]))
    ax.legend(fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    _tidy(ax)
    return DerivativeArtists(ax, lines, marks, cursor).update(result)
