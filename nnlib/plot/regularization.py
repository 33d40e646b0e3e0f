r"""The figures of L2 and dropout in "Beyond the sources".

* :func:`draw_l2_boundaries` -- one panel of decision regions per network trained with its
  :math:`\lambda`, titled by :func:`l2_title`;
* :func:`draw_dropout_means` -- bars of the activations and of the two Monte Carlo means of
  :func:`nnlib.experiments.regularization.dropout_means`; its :class:`DropoutArtists` updates the
  bars and the title in place.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..experiments.regularization import weight_norm
from .regions import draw_decision_regions

__all__ = ["l2_title", "draw_l2_boundaries", "DropoutArtists", "draw_dropout_means",
           "dropout_title"]


def l2_title(net, lam, X, y, X_test=None, y_test=None, norm_sep="\n"):
    """``"λ = 0.3\ntrain 95%, test 90%"`` then the sum of squared weights after ``norm_sep``
    (a new line in a panel of :func:`draw_l2_boundaries`, ``", "`` in the widget)."""
    title = f"λ = {lam:g}\ntrain {net.accuracy(X, np.asarray(y).astype(int)):.0%}"
    if X_test is not None:
        title += f", test {net.accuracy(X_test, np.asarray(y_test).astype(int)):.0%}"
    return title + f"{norm_sep}ΣW² = {weight_norm(net):.0f}"


def draw_l2_boundaries(axes, X, y, nets, lambdas, X_test=None, y_test=None, resolution=80):
    """One panel of decision regions per trained network, titled with its λ, training and test
    accuracy and weight norm.  Returns the list of RegionArtists."""
    y = np.asarray(y).astype(int)
    out = []
    for ax, net, lam in zip(np.ravel(axes), nets, lambdas):
        art = draw_decision_regions(ax, net, X, y, X_test, y_test, resolution=resolution,
                                    point_size=14)
        # the training points on top, larger and outlined, so they stand out from the rings
        ax.scatter(X[:, 0], X[:, 1], c=art.colors[y], s=40, edgecolors="k", linewidths=0.8,
                   zorder=3)
        # three short lines: readable when four panels share the page width
        ax.set_title(l2_title(net, lam, X, y, X_test, y_test), fontsize=10)
        out.append(art)
    return out


def dropout_title(a, inverted, plain, p, draws):
    """How far each mean is from ``a``: the title of :func:`draw_dropout_means`' figure."""
    a = np.asarray(a, dtype=float)
    return (f"p = {p:.2f}, {draws} masks: largest gap to a, scaled "
            f"{np.abs(inverted - a).max():.2f}, unscaled {np.abs(plain - a).max():.2f}")


@dataclasses.dataclass
class DropoutArtists:
    """What :func:`draw_dropout_means` drew; :meth:`update` sets the means and the title."""

    a: np.ndarray
    inverted_bars: object
    plain_bars: object
    title: object

    def update(self, inverted, plain, p, draws):
        """Bar heights for new means (``p``, ``draws`` for the title); returns self."""
        for bars, values in ((self.inverted_bars, inverted), (self.plain_bars, plain)):
            for bar, val in zip(bars, values):
                bar.set_height(val)
        self.title.set_text(dropout_title(self.a, inverted, plain, p, draws))
        return self


def draw_dropout_means(ax, a):
    """Bars of the activations ``a`` (grey) and of the two means of dropped activations (all at
    ``a`` until :meth:`DropoutArtists.update`), on a fixed y-range.  Returns DropoutArtists."""
    a = np.asarray(a, dtype=float)
    x = np.arange(a.size)
    width = 0.27
    ax.bar(x - width, a, width, color="#777777", label="a (no dropout)")
    inv_bars = ax.bar(x, a, width, color="#1f77b4", label="mean of m a / (1 - p)")
    plain_bars = ax.bar(x + width, a, width, color="#e6550d", label="mean of m a (no scaling)")
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xticks(x, [f"$a_{k + 1}$" for k in range(a.size)])
    lim = 1.3 * np.abs(a).max()
    ax.set_ylim(-lim, lim)
    ax.legend(fontsize=8, loc="lower left", ncol=3)
    title = ax.set_title("", fontsize=9)
    return DropoutArtists(a, inv_bars, plain_bars, title)
