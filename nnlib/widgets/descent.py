r"""The gradient-descent explorer of the chapter "Gradient descent".

A loss menu, a learning-rate slider on :data:`LR_STOPS`, the start and the momentum, wired
(:class:`~nnlib.widgets.base.Widget`) to :func:`nnlib.experiments.descent.descend_1d` and drawn
by :func:`nnlib.plot.descent.draw_descent_1d`.
"""

from __future__ import annotations

import math

import ipywidgets

from .. import validate as v
from ..experiments.descent import LOSSES_1D, descend_1d, get_loss_1d
from ..plot.descent import draw_descent_1d
from ._sync import is_echo, write
from .base import Widget

__all__ = ["LR_STOPS", "GradientDescentExplorer", "gradient_descent_widget"]

LR_STOPS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.1,
            1.3, 1.5, 1.7, 1.9, 2.0, 2.1, 2.3, 2.5, 3.0)
"""The learning rates of :func:`gradient_descent_widget`'s slider: roughly logarithmic from
0.001 to 3, closer together between 1 and 2.5, and with the regime boundaries 1 and 2 (for
curvature 1) among them, so every regime of the quadratic can be reached exactly."""


class GradientDescentExplorer(Widget):
    """Controls ``"loss"``, ``"lr"`` (:data:`LR_STOPS`), ``"start"`` and ``"momentum"``;
    ``result`` is the iterates of :func:`~nnlib.experiments.descent.descend_1d` the figure
    shows, ``artists`` the :class:`~nnlib.plot.descent.DescentArtists`.

    Choosing another loss moves the start slider to that loss's range and default start (a
    write the widget does not hear back: :mod:`nnlib.widgets._sync`) and redraws its curve.
    """

    figsize = (7, 3.3)

    def __init__(self, loss="quadratic", lr=0.3, steps=20):
        loss = get_loss_1d(loss)  # checked before any control exists
        lr = v.check_slider("lr", lr, 1e-3, 3)
        self.steps = v.check_int("steps", steps, 1, 10_000)
        # start on the nearest stop (in log10), so the readout and the title show the same rate
        lr = min(LR_STOPS, key=lambda stop: abs(math.log10(stop) - math.log10(lr)))
        style = {"description_width": "initial"}
        lo, hi = loss.xlim
        controls = {
            "loss": ipywidgets.Dropdown(options=list(LOSSES_1D), value=loss.name,
                                        description="loss",
                                        layout=ipywidgets.Layout(width="200px")),
            "lr": ipywidgets.SelectionSlider(options=[(f"{stop:g}", stop) for stop in LR_STOPS],
                                             value=lr, description="learning rate η",
                                             style=style,
                                             layout=ipywidgets.Layout(width="330px")),
            "start": ipywidgets.FloatSlider(value=loss.start, min=lo, max=hi, step=0.05,
                                            description="start θ₀", style=style,
                                            layout=ipywidgets.Layout(width="300px")),
            "momentum": ipywidgets.FloatSlider(value=0.0, min=0.0, max=0.95, step=0.05,
                                               description="momentum μ", style=style,
                                               layout=ipywidgets.Layout(width="300px")),
        }
        for control in controls.values():  # first values, so that their echo is not a move
            write(control, control.value)
        super().__init__(controls)

    def arrange(self):
        c = self.controls
        return ipywidgets.VBox([ipywidgets.HBox([c["loss"], c["lr"]]),
                                ipywidgets.HBox([c["start"], c["momentum"]]), self.output])

    def refresh(self, change=None):
        if change is not None:
            if is_echo(change):  # see nnlib.widgets._sync
                return
            if change["owner"] is self.controls["loss"]:
                self._move_start(get_loss_1d(change["new"]))
        super().refresh(change)

    def _move_start(self, loss):
        s = self.controls["start"]
        lo, hi = loss.xlim
        s.min, s.max = min(s.min, lo), max(s.max, hi)   # widen first: min <= max always
        write(s, loss.start)  # the start slider's observer hears its own write: no refresh
        s.min, s.max = lo, hi

    def compute(self, loss, lr, start, momentum):
        return descend_1d(loss, start, lr, self.steps, momentum=momentum)

    def draw(self, result):
        c = self.values()
        if self.artists is not None and self.artists.loss.name == c["loss"]:
            return self.artists.show(result, c["lr"], c["momentum"])
        if self.artists is None:
            self.fig.set_dpi(80)
            self.fig.set_layout_engine("constrained")
            ax = self.fig.subplots()
        else:  # another loss: another curve and other axis limits
            ax = self.artists.ax
            ax.clear()
        return draw_descent_1d(ax, c["loss"], lr=c["lr"], theta0=c["start"], steps=self.steps,
                               momentum=c["momentum"])


def gradient_descent_widget(loss="quadratic", lr=0.3, steps=20):
    """Build a :class:`GradientDescentExplorer` (``lr`` moves to the nearest of
    :data:`LR_STOPS`)."""
    return GradientDescentExplorer(loss, lr, steps)
