"""Softmax at one logit vector, drawn: the probabilities as bars, the Jacobian as an annotated
heatmap; updated in place for the widget."""

from __future__ import annotations

import dataclasses

import numpy as np

from .bars import draw_bars
from .colors import diverging_cmap

__all__ = ["SoftmaxArtists", "draw_softmax"]

J_LIMIT = 0.25
"""The heatmap's colour range is [-J_LIMIT, J_LIMIT], the extremes a softmax Jacobian can reach."""


def _text_color(value):
    return "white" if abs(value) > 0.15 else "black"  # readable on dark cells


@dataclasses.dataclass
class SoftmaxArtists:
    """What :func:`draw_softmax` drew; :meth:`update` shows new ``(s, J)`` of the same size."""

    bars: object       # nnlib.plot.bars.BarArtists
    image: object      # the heatmap (AxesImage)
    texts: list        # the Jacobian's entries, row by row

    def update(self, s, J):
        s, J = _checked(s, J)
        if J.shape != self.image.get_array().shape:
            raise ValueError(f"expected a Jacobian of shape {self.image.get_array().shape}; "
                             f"got {J.shape}")
        self.bars.update(s)
        self.image.set_data(J)
        for text, value in zip(self.texts, J.ravel()):
            text.set_text(f"{value:.3f}")
            text.set_color(_text_color(value))
        return self


def _checked(s, J):
    s, J = np.asarray(s, dtype=float), np.asarray(J, dtype=float)
    n = s.size
    if s.ndim != 1 or J.shape != (n, n):
        raise ValueError(f"expected s of shape (n,) and J of shape (n, n); "
                         f"got {s.shape}, {J.shape}")
    return s, J


def draw_softmax(axes, s, J):
    """Draw the probabilities ``s`` as bars on ``axes[0]`` and the Jacobian ``J`` as an
    annotated heatmap on ``axes[1]`` (colour range fixed at [-0.25, 0.25], the extremes a
    softmax Jacobian can reach).

    Returns
    -------
    SoftmaxArtists (``bars``, ``image``, ``texts``)
    """
    s, J = _checked(s, J)
    n = s.size
    labels = [f"$s_{k + 1}$" for k in range(n)]
    bars = draw_bars(axes[0], s, labels=labels, title="probabilities s")
    ax = axes[1]
    image = ax.imshow(J, cmap=diverging_cmap(), vmin=-J_LIMIT, vmax=J_LIMIT)
    texts = [ax.text(j, i, f"{J[i, j]:.3f}", ha="center", va="center", fontsize=9,
                     color=_text_color(J[i, j]))
             for i in range(n) for j in range(n)]
    ticks = np.arange(n)
    ax.set_xticks(ticks, [f"$z_{k + 1}$" for k in range(n)])
    ax.set_yticks(ticks, labels)
    ax.set_title(r"Jacobian $\partial s_i / \partial z_j$")
    return SoftmaxArtists(bars, image, texts)
