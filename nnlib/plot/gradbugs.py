"""Each parameter array's share of a gradient check's relative error, as bars on a log scale
with the pass line (chapter "Checking gradients"); updated in place for the widget."""

from __future__ import annotations

import dataclasses

import numpy as np

from ..gradcheck import RTOL
from .colors import FAIL_COLOR, PASS_COLOR

__all__ = ["BugErrorArtists", "plot_bug_errors", "draw_bug_errors"]

FLOOR = 1e-17
"""Shares below this are drawn at it (a log scale has no zero)."""


def _ordered(shares):
    """Array names in layer order, W before b (``W1, b1, W2, b2, ...``)."""
    return sorted(shares, key=lambda k: (int(k[1:]), k[0] != "W"))


def _colors(values):
    return [FAIL_COLOR if e > RTOL else PASS_COLOR for e in values]


@dataclasses.dataclass
class BugErrorArtists:
    """What :func:`plot_bug_errors` drew: the axes, the bars, the array names in bar order."""

    ax: object
    bars: object
    names: list

    def update(self, shares, title=""):
        """Show new ``shares`` of the same arrays (heights, colours and title); returns self."""
        if sorted(shares) != sorted(self.names):
            raise ValueError(f"shares must name the arrays {', '.join(self.names)}; got "
                             f"{', '.join(_ordered(shares)) or 'none'}")
        values = [max(shares[k], FLOOR) for k in self.names]
        for bar, value, color in zip(self.bars, values, _colors(values)):
            bar.set_height(value)
            bar.set_facecolor(color)
        self.ax.set_title(title, fontsize=10)
        return self


def plot_bug_errors(shares, ax, title=""):
    """Bar chart of each array's share of the relative error, log scale, pass line at ``RTOL``.

    Parameters
    ----------
    shares : dict, ``{"W1": share, ...}`` as returned by
        :func:`nnlib.experiments.gradbugs.check_bug`
    ax : matplotlib Axes (drawn on, then returned)
    title : str

    Returns
    -------
    ax (:func:`draw_bug_errors` draws the same and returns the artists to update)
    """
    draw_bug_errors(shares, ax, title)
    return ax


def draw_bug_errors(shares, ax, title=""):
    """As :func:`plot_bug_errors`, returning the :class:`BugErrorArtists` to update in place."""
    names = _ordered(shares)
    values = np.array([max(shares[k], FLOOR) for k in names])
    bars = ax.bar(names, values, color=_colors(values))
    ax.axhline(RTOL, color="k", ls="--", lw=1)
    # a white box keeps the label readable where a failing bar crosses the line
    ax.text(len(names) - 0.5, RTOL * 2, f"pass line {RTOL:g}", ha="right", va="bottom",
            fontsize=8, zorder=3,
            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
    ax.set_yscale("log")
    ax.set_ylim(FLOOR, 10)
    ax.set_ylabel("share of the error")
    ax.set_title(title, fontsize=10)
    return BugErrorArtists(ax, bars, names)
