r"""The dropout explorer of "Beyond the sources": a slider for the drop probability :math:`p`;
bars show the activations, the mean of the inverted-dropout outputs over many masks, and the
mean without the :math:`1/(1-p)` scaling.

Wired (:class:`~nnlib.widgets.base.Widget`) to
:func:`nnlib.experiments.regularization.dropout_means`, drawn by
:func:`nnlib.plot.regularization.draw_dropout_means`.
"""

from __future__ import annotations

import ipywidgets
import numpy as np

from .. import validate as v
from ..experiments.regularization import dropout_means
from ..plot.regularization import draw_dropout_means
from .base import Widget

__all__ = ["DropoutExplorer", "dropout_widget"]


class DropoutExplorer(Widget):
    """Slider ``"p"``; ``result`` is ``(inverted, plain)``, the two means over ``draws`` masks
    (seed 0); ``artists`` the :class:`~nnlib.plot.regularization.DropoutArtists`."""

    figsize = (7, 2.8)

    def __init__(self, a=(0.8, -0.5, 0.3, 1.0, -0.9, 0.6), p=0.5, draws=400):
        a = v.check_array("a", a, ndim=1)
        if a.size == 0 or not np.abs(a).max() > 0:
            raise ValueError(f"a must hold at least one non-zero activation; got {a.tolist()}")
        p = v.check_slider("p", p, 0.0, 0.9)
        self.a = a
        self.draws = v.check_int("draws", draws, 1, 1_000_000)
        super().__init__({"p": ipywidgets.FloatSlider(value=p, min=0.0, max=0.9, step=0.05,
                                                      description="p (drop)",
                                                      readout_format=".2f")})

    def compute(self, p):
        return dropout_means(self.a, p, self.draws, seed=0)

    def draw(self, result):
        artists = self.artists
        if artists is None:
            self.fig.set_dpi(80)
            self.fig.set_layout_engine("constrained")
            artists = draw_dropout_means(self.fig.subplots(), self.a)
        return artists.update(*result, self.controls["p"].value, self.draws)


def dropout_widget(a=(0.8, -0.5, 0.3, 1.0, -0.9, 0.6), p=0.5, draws=400):
    """Build a :class:`DropoutExplorer`."""
    return DropoutExplorer(a, p, draws)
