r"""The curve :math:`\tanh(w x + b)` of the chapter "Bias", drawn and updated in place."""

from __future__ import annotations

from ..activations import tanh

__all__ = ["plot_bias_curve", "update_bias_curve"]

CURVE_COLOR, POINT_COLOR = "#1f77b4", "#e6550d"


def _curve_label(curve):
    return rf"$\tanh({curve.w:.2f}\,x {curve.b:+.2f})$"


def _point_label(curve):
    return f"value at x = 0: {curve.at_zero:.4f}"


def plot_bias_curve(ax, curve, reference=True, target=0.5):
    r"""Draw a :class:`~nnlib.experiments.bias.BiasCurve`, its value at 0 and (optionally)
    :math:`\tanh(x)` and a target level.

    Parameters
    ----------
    ax : matplotlib Axes
    curve : BiasCurve
    reference : bool
        Also draw :math:`\tanh(x)` (w = 1, b = 0) in grey.
    target : float or None
        Draw a dotted horizontal line at this level.

    Returns
    -------
    dict
        The artists: ``"curve"``, ``"point"`` (the value at 0), ``"label"`` (its text),
        ``"legend"`` (the curve's entry in the legend); :func:`update_bias_curve` takes it.
    """
    if reference:
        ax.plot(curve.x, tanh(curve.x), color="0.7", lw=1.5, label=r"$\tanh(x)$")
    if target is not None:
        ax.axhline(target, color="0.4", ls=":", lw=1)
    ax.axhline(0, color="0.85", lw=0.8, zorder=0)
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    (line,) = ax.plot(curve.x, curve.y, color=CURVE_COLOR, lw=2.2, label=_curve_label(curve))
    (point,) = ax.plot([0], [curve.at_zero], "o", color=POINT_COLOR, ms=7, zorder=3)
    label = ax.annotate(_point_label(curve), (0, curve.at_zero), xytext=(10, -16),
                        textcoords="offset points", fontsize=9, color=POINT_COLOR)
    ax.set_xlim(curve.x[0], curve.x[-1])
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel("x")
    ax.set_ylabel("activation")
    legend = ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return {"curve": line, "point": point, "label": label, "legend": legend.get_texts()[-1]}


def update_bias_curve(artists, curve):
    """Show ``curve`` (on the same x-grid) in the artists of :func:`plot_bias_curve`."""
    artists["curve"].set_ydata(curve.y)
    artists["curve"].set_label(_curve_label(curve))
    artists["legend"].set_text(_curve_label(curve))
    artists["point"].set_ydata([curve.at_zero])
    artists["label"].xy = (0, curve.at_zero)
    artists["label"].set_text(_point_label(curve))
    return artists
