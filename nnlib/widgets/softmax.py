r"""The softmax explorer of the chapter "Softmax and its Jacobian": one slider per logit wired
(:class:`~nnlib.widgets.base.Widget`) to :func:`nnlib.experiments.softmax.softmax_view`, drawn
by :func:`nnlib.plot.softmax.draw_softmax` (probabilities and Jacobian)."""

from __future__ import annotations

import ipywidgets

from .. import validate as v
from ..experiments.softmax import softmax_view
from ..plot.softmax import draw_softmax
from .base import Widget

__all__ = ["LOGIT_RANGE", "SoftmaxExplorer", "softmax_widget"]

LOGIT_RANGE = (-5.0, 5.0)
"""Slider range of each logit."""


class SoftmaxExplorer(Widget):
    """Sliders ``"z1"``, ``"z2"``, ... (step 0.25); ``result`` is ``(s, J)`` of the current
    logits."""

    figsize = (7, 3)

    def __init__(self, z=(1.0, 0.0, -1.0)):
        z = [float(x) for x in v.check_array("z", z, ndim=1)]
        if len(z) < 2:
            raise ValueError(f"softmax needs at least 2 logits; got {len(z)}")
        for k, x in enumerate(z):
            v.check_slider(f"z{k + 1}", x, *LOGIT_RANGE)
        super().__init__({
            f"z{k + 1}": ipywidgets.FloatSlider(value=x, min=LOGIT_RANGE[0], max=LOGIT_RANGE[1],
                                                step=0.25, description=f"z{k + 1}",
                                                continuous_update=False)
            for k, x in enumerate(z)})

    def compute(self, **logits):
        return softmax_view([logits[f"z{k + 1}"] for k in range(len(logits))])

    def draw(self, result):
        if self.artists is None:
            artists = draw_softmax(self.fig.subplots(1, 2), *result)
            self.fig.tight_layout()
            return artists
        return self.artists.update(*result)

    def arrange(self):
        return ipywidgets.VBox([*self.controls.values(), self.output])


def softmax_widget(z=(1.0, 0.0, -1.0)):
    """Build a :class:`SoftmaxExplorer` starting at the logits ``z``."""
    return SoftmaxExplorer(z)
