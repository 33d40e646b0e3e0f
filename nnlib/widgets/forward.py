"""The forward-pass explorer of the chapter "Anatomy and the forward pass": 19 sliders (two
inputs, 17 parameters) wired (:class:`~nnlib.widgets.base.Widget`) to
:func:`nnlib.experiments.forward.forward_232` and drawn by :mod:`nnlib.plot.forward`."""

from __future__ import annotations

import ipywidgets
import numpy as np

from .. import validate as v
from ..experiments.forward import DEFAULT_THETA, DEFAULT_X, PARAM_NAMES, forward_232
from ..plot.forward import draw_forward, update_forward
from .base import Widget

__all__ = ["ForwardExplorer", "forward_widget"]


class ForwardExplorer(Widget):
    """The forward-pass widget.

    Parameters
    ----------
    x : 2 numbers in ``[-input_range, input_range]``
    theta : 17 numbers in :data:`PARAM_NAMES` order, weights in ``[-weight_range,
        weight_range]``, biases in ``[-bias_range, bias_range]``
    input_range, weight_range, bias_range : float > 0, the sliders' ranges

    Attributes
    ----------
    controls : dict
        Slider per name: ``"x1"``, ``"x2"`` and the :data:`PARAM_NAMES`.
    result : ForwardResult
        The latest computation (what the figure shows).
    network, bars
        The artists of :func:`nnlib.plot.forward.draw_forward`.
    widget : ipywidgets.VBox
        The figure above three columns of sliders.
    """

    figsize = (7, 3.6)

    def __init__(self, x=DEFAULT_X, theta=DEFAULT_THETA, input_range=2.0, weight_range=3.0,
                 bias_range=2.0):
        # every setting is checked before any control exists
        input_range = v.check_positive("input_range", input_range)
        self.weight_range = v.check_positive("weight_range", weight_range)
        bias_range = v.check_positive("bias_range", bias_range)
        x = v.check_array("x", x, ndim=1)
        theta = v.check_array("theta", theta, ndim=1)
        if x.shape != (2,) or theta.shape != (len(PARAM_NAMES),):
            raise ValueError(f"x must hold 2 inputs and theta {len(PARAM_NAMES)} parameters; "
                             f"got {x.shape[0]} and {theta.shape[0]}")
        bounds = {f"x{i + 1}": input_range for i in range(2)}
        bounds.update({name: bias_range if name.startswith("b") else self.weight_range
                       for name in PARAM_NAMES})
        for name, value in zip(bounds, [*x, *theta]):
            v.check_slider(name, value, -bounds[name], bounds[name])
        style = {"description_width": "48px"}
        layout = ipywidgets.Layout(width="225px")
        super().__init__({
            name: ipywidgets.FloatSlider(value=float(value), min=-bounds[name],
                                         max=bounds[name], step=0.1, description=name,
                                         continuous_update=True, readout_format=".1f",
                                         style=style, layout=layout)
            for name, value in zip(bounds, [*x, *theta])})

    def inputs(self):
        """The current ``(x, theta)`` read from the sliders."""
        values = self.values()
        return (np.array([values["x1"], values["x2"]]),
                np.array([values[n] for n in PARAM_NAMES]))

    def compute(self, **values):
        return forward_232([values["x1"], values["x2"]], [values[n] for n in PARAM_NAMES])

    def draw(self, result):
        if self.artists is None:
            return draw_forward(result, self.fig, weight_scale=self.weight_range)[1:]
        update_forward(*self.artists, result)
        return self.artists

    @property
    def network(self):
        return self.artists[0]

    @property
    def bars(self):
        return self.artists[1]

    def arrange(self):
        def column(title, names):
            return ipywidgets.VBox([ipywidgets.HTML(f"<b>{title}</b>")]
                                   + [self.controls[n] for n in names])

        names = list(PARAM_NAMES)
        # three columns of at most 225 px, so the controls fit a book page (about 700 px)
        columns = ipywidgets.HBox([
            ipywidgets.VBox([column("inputs", ["x1", "x2"]), column("b2", names[15:])]),
            column("W1, b1", names[:9]),
            column("W2", names[9:15]),
        ])
        return ipywidgets.VBox([self.output, columns])


def forward_widget(**kwargs):
    """Build a :class:`ForwardExplorer` (keyword arguments as its constructor's)."""
    return ForwardExplorer(**kwargs)
