r"""The bias explorer of the chapter "Bias": :math:`\tanh(w x + b)` as ``w`` and ``b`` move.

:func:`bias_curve` is the pure computation (the curve, its value at :math:`x = 0` and the point
where it crosses zero, :math:`x = -b/w`); :func:`plot_bias_curve` draws it (used by the chapter's
static figures too) and :func:`bias_widget` only wires two sliders to them.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import validate as v
from ..activations import tanh

__all__ = ["BiasCurve", "bias_curve", "plot_bias_curve", "BiasExplorer", "bias_widget"]

X_RANGE = (-4.0, 4.0)
"""The x-interval the curves are drawn on."""


@dataclasses.dataclass(frozen=True)
class BiasCurve:
    r"""One curve :math:`y = \tanh(w x + b)`.

    Attributes
    ----------
    w, b : float
    x, y : arrays, shape (n,)
    at_zero : float
        :math:`\tanh(b)`, the value at :math:`x = 0` (the weight plays no part there).
    crossing : float or None
        :math:`-b/w`, where the curve crosses zero (its centre); None when ``w = 0`` (flat).
    """

    w: float
    b: float
    x: np.ndarray
    y: np.ndarray
    at_zero: float
    crossing: float | None


def bias_curve(w, b, x=None, n=401):
    r"""Evaluate :math:`\tanh(w x + b)` with nnlib's tanh.

    Parameters
    ----------
    w, b : float
        Weight and bias of the single neuron.
    x : array, optional
        Where to evaluate; default ``n`` points on :data:`X_RANGE`.
    n : int

    Returns
    -------
    BiasCurve
    """
    w, b = float(w), float(b)
    if not (np.isfinite(w) and np.isfinite(b)):
        raise ValueError(f"w and b must be finite numbers; got w={w}, b={b}")
    x = np.linspace(*X_RANGE, n) if x is None else np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D array; got shape {x.shape}")
    y = tanh(w * x + b)
    at_zero = float(tanh(np.array(b)))
    crossing = None if w == 0 else -b / w + 0.0   # + 0.0 turns -0.0 into 0.0 for printing
    return BiasCurve(w, b, x, y, at_zero, crossing)


def plot_bias_curve(ax, curve, reference=True, target=0.5):
    """Draw a :class:`BiasCurve`, its value at 0 and (optionally) tanh(x) and a target level.

    Parameters
    ----------
    ax : matplotlib Axes
    curve : BiasCurve
    reference : bool
        Also draw :math:`\\tanh(x)` (w = 1, b = 0) in grey.
    target : float or None
        Draw a dotted horizontal line at this level.

    Returns
    -------
    dict
        The artists: ``"curve"``, ``"point"`` (the value at 0), ``"label"`` (its text).
    """
    if reference:
        ax.plot(curve.x, tanh(curve.x), color="0.7", lw=1.5, label=r"$\tanh(x)$")
    if target is not None:
        ax.axhline(target, color="0.4", ls=":", lw=1)
    ax.axhline(0, color="0.85", lw=0.8, zorder=0)
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    (line,) = ax.plot(curve.x, curve.y, color="#1f77b4", lw=2.2,
                      label=rf"$\tanh({curve.w:.2f}\,x {curve.b:+.2f})$")
    (point,) = ax.plot([0], [curve.at_zero], "o", color="#e6550d", ms=7, zorder=3)
    label = ax.annotate(f"value at x = 0: {curve.at_zero:.4f}", (0, curve.at_zero),
                        xytext=(10, -16), textcoords="offset points", fontsize=9,
                        color="#e6550d")
    ax.set_xlim(curve.x[0], curve.x[-1])
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel("x")
    ax.set_ylabel("activation")
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return {"curve": line, "point": point, "label": label}


class BiasExplorer:
    """Sliders for ``w`` and ``b`` wired to :func:`bias_curve` and :func:`plot_bias_curve`.

    Attributes
    ----------
    controls : dict
        ``"w"`` and ``"b"`` sliders.
    curve : BiasCurve
        The latest computation (what the figure shows).
    fig, ax
    widget : ipywidgets.VBox
    """

    def __init__(self, w=1.0, b=0.0):
        import ipywidgets as widgets
        import matplotlib.pyplot as plt

        w = v.check_slider("w", w, -3.0, 3.0)  # checked before any widget exists
        b = v.check_slider("b", b, -3.0, 3.0)
        self.controls = {
            "w": widgets.FloatSlider(value=w, min=-3.0, max=3.0, step=0.05, description="w",
                                     readout_format=".2f"),
            "b": widgets.FloatSlider(value=b, min=-3.0, max=3.0, step=0.01, description="b",
                                     readout_format=".2f"),
        }
        self.fig, self.ax = plt.subplots(figsize=(7, 3.5))
        plt.close(self.fig)
        self.output = widgets.Output()
        self._redraw()
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())), self.output])

    def _redraw(self, change=None):
        from IPython.display import display

        self.curve = bias_curve(self.controls["w"].value, self.controls["b"].value)
        self.ax.clear()
        self.artists = plot_bias_curve(self.ax, self.curve)
        self.fig.tight_layout()
        with self.output:
            self.output.clear_output(wait=True)
            display(self.fig)


def bias_widget(w=1.0, b=0.0):
    """Build a :class:`BiasExplorer` starting at ``w``, ``b``."""
    return BiasExplorer(w, b)
