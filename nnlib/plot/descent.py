r"""Gradient descent drawn: a one-parameter loss with the path of the iterates, several
learning rates side by side as an animation, and descent paths on the ravine of "Beyond the
sources".

* :func:`draw_descent_1d` returns a :class:`DescentArtists` whose :meth:`~DescentArtists.show`
  moves the path in place (the widget and every animation frame);
* :func:`animate_descent_1d` -- one panel per learning rate, one iterate more per frame;
* :func:`draw_ravine` -- contours of the ravine and one line per path.

The numbers come from :mod:`nnlib.experiments.descent` and :mod:`nnlib.experiments.momentum`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import validate as v
from ..experiments.descent import Loss1D, descend_1d, describe_descent, get_loss_1d, regime_text
from ..experiments.momentum import RAVINE, ravine_loss

__all__ = ["DescentArtists", "draw_descent_1d", "animate_descent_1d", "draw_ravine"]


@dataclasses.dataclass
class DescentArtists:
    """What :func:`draw_descent_1d` drew; :meth:`update` moves the path in place."""

    loss: Loss1D
    ax: object
    path_line: object
    path_points: object
    title: object
    steps: int

    def update(self, lr, theta0=None, momentum=0.0, upto=None):
        """Redraw the path for a new learning rate (start, momentum); returns the iterates.

        ``upto``: draw only the iterates 0..upto (an animation frame); the title then
        describes that part of the run.
        """
        theta0 = self.loss.start if theta0 is None else theta0
        thetas = descend_1d(self.loss, theta0, lr, self.steps, momentum=momentum)
        self.show(thetas, lr, momentum, upto)
        return thetas

    def show(self, thetas, lr, momentum=0.0, upto=None):
        """Draw the iterates ``thetas`` of a run of :func:`~nnlib.experiments.descent.descend_1d`
        with learning rate ``lr`` (and ``momentum``), only 0..``upto`` when given; returns self."""
        shown = thetas if upto is None else thetas[:int(upto) + 1]
        t = shown[np.isfinite(shown)]
        with np.errstate(over="ignore", invalid="ignore"):
            y = self.loss.f(t)
        self.path_line.set_data(t, y)
        self.path_points.set_offsets(np.column_stack([t, y]))
        self.path_points.set_array(np.arange(t.size, dtype=float))
        head = f"η = {lr:.3g}" + (f", μ = {momentum:.2g}" if momentum else "")
        regime = regime_text(self.loss, lr, momentum)
        head += f" ({regime})" if regime else ""
        status = describe_descent(self.loss, shown, lr, momentum, regime=False)
        self.title.set_text(f"{head}\n{status}")
        return self


def draw_descent_1d(ax, loss="quadratic", lr=0.3, theta0=None, steps=20, momentum=0.0,
                    fontsize=10):
    r"""Plot a one-parameter loss and the path of gradient descent on it.

    Parameters
    ----------
    ax : matplotlib Axes
    loss : str or Loss1D
    lr : float > 0
    theta0 : float or None (the loss's default start)
    steps : int
    momentum : float in [0, 1)
    fontsize : title size (the axis labels are one point smaller)

    Returns
    -------
    DescentArtists
        ``update(lr, theta0, momentum)`` moves the path without rebuilding the plot.
    """
    loss = get_loss_1d(loss)
    grid = np.linspace(*loss.xlim, 400)
    curve = loss.f(grid)
    ax.plot(grid, curve, color="#555555", lw=1.5)
    (line,) = ax.plot([], [], color="#e6550d", lw=1, alpha=0.7, zorder=2)
    points = ax.scatter([], [], c=[], cmap="viridis", vmin=0, vmax=steps, s=28, zorder=3,
                        edgecolors="k", linewidths=0.4)
    ax.set_xlim(*loss.xlim)
    pad = 0.08 * (curve.max() - curve.min())
    ax.set_ylim(curve.min() - pad, curve.max() + pad)
    ax.set_xlabel(r"$\theta$", fontsize=fontsize - 1)
    ax.set_ylabel(r"$J(\theta) = " + loss.latex + "$", fontsize=fontsize - 1)
    title = ax.set_title("", fontsize=fontsize)
    ax.spines[["top", "right"]].set_visible(False)
    artists = DescentArtists(loss, ax, line, points, title, int(steps))
    artists.update(lr, theta0, momentum)
    return artists


def animate_descent_1d(loss="quadratic", lrs=(0.3, 1.5, 2.1), theta0=None, steps=20,
                       momentum=0.0, interval=400, panel_size=(3.1, 2.9), dpi=80):
    r"""An animation of gradient descent with several learning rates side by side.

    Frame ``k`` shows the iterates :math:`\theta_0, \dots, \theta_k` of every panel (frame 0:
    the start only).  The figure is not attached to pyplot, so it is not shown twice in a
    notebook; play it in a browser with ``HTML(animation_html(anim))``.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its figure is ``anim._fig``; ``anim.panels`` holds the :class:`DescentArtists`.
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lrs = [v.check_positive("lr", lr) for lr in lrs]
    if not lrs:
        raise ValueError("lrs must list at least one learning rate")
    fig = Figure(figsize=(panel_size[0] * len(lrs), panel_size[1]), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, len(lrs), squeeze=False)[0]
    panels = [draw_descent_1d(ax, loss, lr, theta0, steps, momentum, fontsize=10)
              for ax, lr in zip(axes, lrs)]
    for ax in axes[1:]:
        ax.set_ylabel("")
    fig.canvas.draw()              # lay the panels out once (with the longest titles) ...
    fig.set_layout_engine("none")  # ... and keep that layout: frames then only redraw

    def frame(k):
        for artists, lr in zip(panels, lrs):
            artists.update(lr, theta0, momentum, upto=k)
        return []

    anim = FuncAnimation(fig, frame, frames=int(steps) + 1, interval=interval, blit=False,
                         repeat=False)
    anim.panels = panels
    return anim


def draw_ravine(ax, paths, curvature=RAVINE, levels=12):
    """Contours of the ravine and one line per descent path.

    Parameters
    ----------
    ax : matplotlib Axes
    paths : dict label -> path (steps + 1, 2)

    Returns
    -------
    dict label -> Line2D (``set_data`` moves a path)
    """
    x = np.linspace(-10, 10, 200)
    y = np.linspace(-3, 3, 120)
    gx, gy = np.meshgrid(x, y)
    L = ravine_loss(np.stack([gx, gy], axis=-1), curvature)
    ax.contour(gx, gy, L, levels=np.geomspace(0.05, L.max(), levels), colors="#bbbbbb",
               linewidths=0.8)
    lines = {}
    colors = ["#e6550d", "#1f77b4", "#2ca02c", "#9467bd"]
    for (label, path), color in zip(paths.items(), colors):
        (lines[label],) = ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=color,
                                  label=label)
    ax.plot([0], [0], "k*", ms=10)
    ax.set_xlim(-10, 10)
    ax.set_ylim(-3, 3)
    ax.set_xlabel(r"$\theta_1$ (gentle direction)")
    ax.set_ylabel(r"$\theta_2$ (steep)")
    ax.legend(loc="upper right", fontsize=8)
    return lines
