r"""The bias explorer of the chapter "Bias": :math:`\tanh(w x + b)` as ``w`` and ``b`` move.

Two sliders wired (:class:`~nnlib.widgets.base.Widget`) to
:func:`nnlib.experiments.bias.bias_curve` and drawn by :mod:`nnlib.plot.bias`.
"""

from __future__ import annotations

import ipywidgets

from .. import validate as v
from ..experiments.bias import bias_curve
from ..plot.bias import plot_bias_curve, update_bias_curve
from .base import Widget

__all__ = ["W_RANGE", "B_RANGE", "BiasExplorer", "bias_widget"]

W_RANGE = B_RANGE = (-3.0, 3.0)
"""Slider ranges of the weight and the bias."""


class BiasExplorer(Widget):
    """Sliders ``"w"`` (step 0.05) and ``"b"`` (step 0.01); ``result`` is the
    :class:`~nnlib.experiments.bias.BiasCurve` the figure shows."""

    figsize = (7, 3.5)

    def __init__(self, w=1.0, b=0.0):
        w = v.check_slider("w", w, *W_RANGE)  # checked before any control exists
        b = v.check_slider("b", b, *B_RANGE)
        super().__init__({
            "w": ipywidgets.FloatSlider(value=w, min=W_RANGE[0], max=W_RANGE[1], step=0.05,
                                        description="w", readout_format=".2f"),
            "b": ipywidgets.FloatSlider(value=b, min=B_RANGE[0], max=B_RANGE[1], step=0.01,
                                        description="b", readout_format=".2f"),
        })

    def compute(self, w, b):
        return bias_curve(w, b)

    def draw(self, result):
        if self.artists is None:
            artists = plot_bias_curve(self.fig.subplots(), result)
            self.fig.tight_layout()
            return artists
        return update_bias_curve(self.artists, result)


def bias_widget(w=1.0, b=0.0):
    """Build a :class:`BiasExplorer` starting at ``w``, ``b``."""
    return BiasExplorer(w, b)
