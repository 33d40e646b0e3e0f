"""Bar charts of a few numbers (softmax probabilities) that a widget updates in place."""

from __future__ import annotations

import dataclasses

import numpy as np

from .colors import POSITIVE_COLOR

__all__ = ["draw_bars", "BarArtists"]


@dataclasses.dataclass
class BarArtists:
    """What :func:`draw_bars` drew: the bars and the numbers printed on them.

    Attributes
    ----------
    ax : matplotlib Axes
    bars : matplotlib.container.BarContainer
    texts : list of matplotlib.text.Text
    fmt : str
    """

    ax: object
    bars: object
    texts: list
    fmt: str

    def update(self, values):
        """Set the bar heights (and printed numbers) to ``values``, shape (n,)."""
        values = np.asarray(values, dtype=float)
        if values.shape != (len(self.texts),):
            raise ValueError(f"values must have shape ({len(self.texts)},); got {values.shape}")
        for bar, text, v in zip(self.bars, self.texts, values):
            bar.set_height(v)
            text.set_position((bar.get_x() + bar.get_width() / 2, v))
            text.set_text(format(v, self.fmt))
        return self


def draw_bars(ax, values, labels=None, ylim=(0.0, 1.0), color=POSITIVE_COLOR, fmt=".3f",
              ylabel="probability", title=None):
    """Bar chart of a few numbers (e.g. softmax probabilities) with the values printed on top.

    Parameters
    ----------
    ax : matplotlib Axes
    values : array, shape (n,)
    labels : list of str, optional
        Tick labels; default ``"1" .. "n"``.
    ylim : tuple of float
        Fixed y-range, so that bars stay comparable as a widget updates them.
    color : str
    fmt : str
        Format spec of the printed values.
    ylabel, title : str, optional

    Returns
    -------
    BarArtists
        Call its ``update(values)`` to change the heights.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"values must be a non-empty 1-D array; got shape {values.shape}")
    n = values.size
    if labels is None:
        labels = [str(k + 1) for k in range(n)]
    if len(labels) != n:
        raise ValueError(f"labels must have {n} entries (one per bar); got {len(labels)}")
    bars = ax.bar(np.arange(n), values, color=color, width=0.6)
    texts = [ax.text(bar.get_x() + bar.get_width() / 2, v, format(v, fmt), ha="center",
                     va="bottom", fontsize=9) for bar, v in zip(bars, values)]
    ax.set_xticks(np.arange(n), labels)
    ax.set_ylim(*ylim)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return BarArtists(ax=ax, bars=bars, texts=texts, fmt=fmt)
