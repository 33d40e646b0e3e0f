r"""The two widgets of the chapter "Nonlinearity and activation functions": sliders wired
(:class:`~nnlib.widgets.base.Widget`) to the curves of :mod:`nnlib.experiments.activations`,
drawn with :func:`nnlib.plot.curves.plot_function_and_derivative` and updated in place.

* :func:`scaled_sigmoid_widget`: :math:`c` and :math:`\beta` of :math:`c\,\sigma(\beta z)`;
* :func:`leaky_relu_widget`: leaky ReLU's slope.
"""

from __future__ import annotations

import ipywidgets

from .. import validate as v
from ..experiments.activations import GRID, leaky_relu_curves, scaled_sigmoid_curves
from ..plot.curves import plot_function_and_derivative
from .base import Widget

__all__ = ["C_RANGE", "BETA_RANGE", "SLOPE_RANGE", "CurveExplorer", "scaled_sigmoid_widget",
           "leaky_relu_widget"]

C_RANGE = (0.5, 3.0)
"""Slider range of the scale c."""
BETA_RANGE = (0.25, 5.0)
"""Slider range of the steepness beta."""
SLOPE_RANGE = (0.0, 1.0)
"""Slider range of leaky ReLU's slope (0 is ReLU, 1 the identity)."""


class CurveExplorer(Widget):
    """An activation and its derivative on :data:`~nnlib.experiments.activations.GRID`, for the
    values of some sliders; ``result`` is ``(f, df)``.

    Parameters
    ----------
    curves : callable
        ``curves(**values) -> (f, df)`` on the grid, a function of
        :mod:`nnlib.experiments.activations`.
    controls : dict of sliders, named as ``curves``'s arguments
    name : str, the title of the two plots
    f_ylim, df_ylim : fixed y-ranges, so that the curves compare as the sliders move
    """

    figsize = (7, 2.8)

    def __init__(self, curves, controls, name, f_ylim, df_ylim):
        self.curves, self.name, self.ylims = curves, name, (f_ylim, df_ylim)
        super().__init__(controls)

    def compute(self, **values):
        return self.curves(**values)

    def draw(self, result):
        if self.artists is None:
            artists = plot_function_and_derivative(self.fig.subplots(1, 2), GRID, *result,
                                                   self.name, *self.ylims)
            self.fig.tight_layout()
            return artists
        return self.artists.update(*result)

    def arrange(self):
        return ipywidgets.VBox([*self.controls.values(), self.output])


def scaled_sigmoid_widget(c=1.0, beta=1.0):
    r"""Sliders for :math:`c` and :math:`\beta`; draws :math:`c\sigma(\beta z)` and its derivative.

    Returns a :class:`CurveExplorer`; ``.result`` is ``(y, dy)`` on the grid.
    """
    c, beta = v.check_slider("c", c, *C_RANGE), v.check_slider("beta", beta, *BETA_RANGE)
    sliders = {
        "c": ipywidgets.FloatSlider(value=c, min=C_RANGE[0], max=C_RANGE[1], step=0.25,
                                    description="c", continuous_update=False),
        "beta": ipywidgets.FloatSlider(value=beta, min=BETA_RANGE[0], max=BETA_RANGE[1],
                                       step=0.25, description="β", continuous_update=False),
    }
    return CurveExplorer(scaled_sigmoid_curves, sliders, "scaled sigmoid",
                         (-0.1, C_RANGE[1] * 1.05), (-0.1, C_RANGE[1] * BETA_RANGE[1] / 4 * 1.05))


def leaky_relu_widget(slope=0.1):
    """A slider for leaky ReLU's slope; draws nnlib's leaky ReLU and its derivative.

    Returns a :class:`CurveExplorer`; ``.result`` is ``(a, da)`` on the grid.
    """
    slope = v.check_slider("slope", slope, *SLOPE_RANGE)
    sliders = {
        "slope": ipywidgets.FloatSlider(value=slope, min=SLOPE_RANGE[0], max=SLOPE_RANGE[1],
                                        step=0.05, description="slope", continuous_update=False),
    }
    return CurveExplorer(leaky_relu_curves, sliders, "leaky ReLU", (-6.5, 6.5), (-0.1, 1.1))
