r"""The momentum explorer of "Beyond the sources": plain and momentum descent on the ravine.

Sliders for the momentum :math:`\beta` (``MLP.fit``'s ``momentum``) and the learning rate, wired
(:class:`~nnlib.widgets.base.Widget`) to :func:`nnlib.experiments.momentum.descend_ravine` and
drawn by :func:`nnlib.plot.descent.draw_ravine`.
"""

from __future__ import annotations

import ipywidgets

from .. import validate as v
from ..experiments.momentum import (
    RAVINE,
    RAVINE_START,
    check_curvature,
    descend_ravine,
    ravine_summary,
)
from ..plot.descent import draw_ravine
from .base import Widget

__all__ = ["MomentumExplorer", "momentum_widget"]


class MomentumExplorer(Widget):
    """Sliders ``"beta"`` and ``"lr"``; ``result`` is ``(plain_path, momentum_path)``, each of
    shape (steps + 1, 2); ``artists`` is ``(lines, title)`` (lines by ``"plain"`` and
    ``"momentum"``)."""

    figsize = (7, 3.2)

    def __init__(self, lr=0.09, beta=0.7, steps=40, curvature=RAVINE):
        # checked before any widget exists: no slider position can fail later
        lr = v.check_slider("lr", lr, 0.01, 0.1)
        beta = v.check_slider("beta", beta, 0.0, 0.95)
        self.steps = v.check_int("steps", steps, 1, 10_000)
        self.curvature = check_curvature(curvature)
        super().__init__({
            "beta": ipywidgets.FloatSlider(value=beta, min=0.0, max=0.95, step=0.05,
                                           description="β", readout_format=".2f"),
            "lr": ipywidgets.FloatSlider(value=lr, min=0.01, max=0.1, step=0.005,
                                         description="learning rate η", readout_format=".3f",
                                         style={"description_width": "initial"}),
        })

    def compute(self, beta, lr):
        return (descend_ravine(RAVINE_START, lr, 0.0, self.steps, self.curvature),
                descend_ravine(RAVINE_START, lr, beta, self.steps, self.curvature))

    def draw(self, result):
        plain, mom = result
        if self.artists is None:
            self.fig.set_dpi(80)
            self.fig.set_layout_engine("constrained")
            ax = self.fig.subplots()
            lines = draw_ravine(ax, {"plain": plain, "momentum": mom}, self.curvature)
            title = ax.set_title("", fontsize=9)
        else:
            lines, title = self.artists
            for key, path in (("plain", plain), ("momentum", mom)):
                lines[key].set_data(path[:, 0], path[:, 1])
        title.set_text(f"plain: {ravine_summary(plain, self.curvature)};  "
                       f"β = {self.controls['beta'].value:.2f}: "
                       f"{ravine_summary(mom, self.curvature)}")
        return lines, title


def momentum_widget(lr=0.09, beta=0.7, steps=40, curvature=RAVINE):
    """Build a :class:`MomentumExplorer`."""
    return MomentumExplorer(lr, beta, steps, curvature)
