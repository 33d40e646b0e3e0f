r"""The L2 explorer of "Beyond the sources": a slider over given :math:`\lambda` values; the
decision regions of the network trained with each.

Wired (:class:`~nnlib.widgets.base.Widget`) to
:func:`nnlib.experiments.regularization.train_l2` (each :math:`\lambda` trained once, on first
use, then kept) and drawn by :func:`nnlib.plot.regions.draw_decision_regions`.
"""

from __future__ import annotations

import ipywidgets
import numpy as np

from .. import validate as v
from ..experiments.regularization import train_l2
from ..plot.regularization import draw_l2_boundaries, l2_title
from .base import Widget

__all__ = ["L2Explorer", "l2_widget"]


class L2Explorer(Widget):
    r"""Slider ``"lambda"``; ``result`` is ``(lam, net)``, the network trained with that
    :math:`\lambda`; ``artists`` the :class:`~nnlib.plot.regions.RegionArtists` and the title."""

    figsize = (4.2, 3.8)

    def __init__(self, X, y, lambdas, X_test=None, y_test=None, **train_kw):
        lambdas = [v.check_nonnegative("lambda", lam) for lam in lambdas]
        if not lambdas:
            raise ValueError("lambdas must hold at least one value")
        self.X, self.y, self.X_test, self.y_test = X, np.asarray(y).astype(int), X_test, y_test
        self.train_kw = train_kw
        self.nets = {}
        super().__init__({"lambda": ipywidgets.SelectionSlider(
            options=[(f"{lam:g}", lam) for lam in lambdas], value=lambdas[0],
            description="λ")})

    def compute(self, **values):
        lam = values["lambda"]
        if lam not in self.nets:
            self.nets[lam] = train_l2(self.X, self.y, lam, **self.train_kw)[0]
        return lam, self.nets[lam]

    def draw(self, result):
        lam, net = result
        if self.artists is None:
            self.fig.set_dpi(80)
            self.fig.set_layout_engine("constrained")
            ax = self.fig.subplots()
            regions = draw_l2_boundaries([ax], self.X, self.y, [net], [lam], self.X_test,
                                         self.y_test)[0]
        else:
            regions = self.artists
            regions.update(net)
        regions.ax.set_title(l2_title(net, lam, self.X, self.y, self.X_test, self.y_test,
                                      norm_sep=", "), fontsize=9)
        return regions


def l2_widget(X, y, lambdas, X_test=None, y_test=None, **train_kw):
    r"""Build an :class:`L2Explorer` over the :math:`\lambda` values ``lambdas``
    (``train_kw`` is passed to :func:`~nnlib.experiments.regularization.train_l2`)."""
    return L2Explorer(X, y, lambdas, X_test, y_test, **train_kw)
