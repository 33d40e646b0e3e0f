r"""The initialisation explorer of "Beyond the sources": a slider for the gain :math:`g` (weights
with std :math:`g/\sqrt{n}`) and a choice of activation; the plots show the spread of
activations and gradients layer by layer.

Wired (:class:`~nnlib.widgets.base.Widget`) to :func:`nnlib.experiments.init.init_statistics`,
drawn by :mod:`nnlib.plot.init`.
"""

from __future__ import annotations

import math

import ipywidgets
import numpy as np

from .. import validate as v
from ..experiments.init import init_statistics
from ..plot.init import draw_init_statistics, update_init_statistics
from .base import Widget

__all__ = ["InitExplorer", "init_widget"]


class InitExplorer(Widget):
    """Controls ``"gain"`` (log slider 0.1..3) and ``"activation"``; ``result`` is the
    :class:`~nnlib.experiments.init.InitStats` shown; ``artists`` the lines by label."""

    figsize = (7.5, 3.0)

    def __init__(self, gain=1.0, depth=10, width=100, n_samples=300):
        gain = v.check_slider("gain", gain, 0.1, 3.0)
        self.depth = v.check_int("depth", depth, 1, 100)
        self.width = v.check_int("width", width, 1, 10_000)
        self.n_samples = v.check_int("n_samples", n_samples, 1, 1_000_000)
        super().__init__({
            "gain": ipywidgets.FloatLogSlider(value=gain, base=10, min=-1, max=math.log10(3),
                                              step=0.02, description="gain g",
                                              readout_format=".2f"),
            "activation": ipywidgets.Dropdown(options=["tanh", "relu"], value="tanh",
                                              description="activation"),
        })

    def compute(self, gain, activation):
        return init_statistics(("gain", gain), self.depth, self.width, activation,
                               self.n_samples)

    def draw(self, result):
        label = f"{self.controls['activation'].value}, g = {self.controls['gain'].value:.2f}"
        if self.artists is None:
            self.fig.set_dpi(80)
            self.fig.set_layout_engine("constrained")
            self.axes = self.fig.subplots(1, 2)
            lines = draw_init_statistics(self.axes, {label: result})
        else:
            lines = update_init_statistics(self.axes, self.artists, {label: result})
        self.axes[0].set_ylim(0, max(1.05, 1.1 * float(np.nanmax(result.act_std))))
        return lines


def init_widget(gain=1.0, depth=10, width=100, n_samples=300):
    """Build an :class:`InitExplorer`."""
    return InitExplorer(gain, depth, width, n_samples)
