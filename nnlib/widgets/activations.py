r"""Widgets for the chapter "Nonlinearity and activation functions".

Source 001 writes the sigmoid with a scale :math:`c` and a steepness :math:`\beta`,

.. math:: \sigma_{c,\beta}(a) = \frac{c}{1 + e^{-\beta a}} = c\,\sigma(\beta a),
          \qquad \sigma_{c,\beta}'(a) = c\,\beta\,\sigma(\beta a)\,(1 - \sigma(\beta a)),

and leaky ReLU with a slope for negative inputs.  The pure functions here compute the curves
(:func:`scaled_sigmoid`, :func:`scaled_sigmoid_deriv`, :func:`scaled_sigmoid_curves`,
:func:`leaky_relu_curves`); the two widgets only wire sliders to them and redraw with
:func:`nnlib.curves.plot_function_and_derivative`.
"""

from __future__ import annotations

import numpy as np

from .. import validate as v
from ..activations import sigmoid
from ..curves import activation_curves, plot_function_and_derivative

__all__ = [
    "GRID", "scaled_sigmoid", "scaled_sigmoid_deriv", "scaled_sigmoid_curves",
    "leaky_relu_curves", "scaled_sigmoid_widget", "leaky_relu_widget",
    "C_RANGE", "BETA_RANGE", "SLOPE_RANGE",
]

GRID = np.linspace(-6.0, 6.0, 241)
"""The pre-activations both widgets plot against."""

C_RANGE = (0.5, 3.0)
"""Slider range of the scale c."""
BETA_RANGE = (0.25, 5.0)
"""Slider range of the steepness beta."""
SLOPE_RANGE = (0.0, 1.0)
"""Slider range of leaky ReLU's slope (0 is ReLU, 1 the identity)."""


# --- scaled sigmoid: c / (1 + e^{-beta a}) = c sigma(beta a)   [activations, eq. scaled-sigmoid]
def scaled_sigmoid(a, c=1.0, beta=1.0):
    r""":math:`c / (1 + e^{-\beta a})`, elementwise; ``c = beta = 1`` is the sigmoid.

    Parameters
    ----------
    a : array, any shape
    c, beta : float

    Returns
    -------
    array, shape of ``a``
    """
    c, beta = v.check_finite("c", c), v.check_finite("beta", beta)
    return c * sigmoid(beta * np.asarray(a, dtype=float))


def scaled_sigmoid_deriv(a, c=1.0, beta=1.0):
    r""":math:`c\,\beta\,\sigma(\beta a)(1 - \sigma(\beta a))`, from the input ``a``
    (equivalently :math:`\tfrac{\beta}{c}\,y(c - y)` with :math:`y` the output)."""
    c, beta = v.check_finite("c", c), v.check_finite("beta", beta)
    s = sigmoid(beta * np.asarray(a, dtype=float))
    return c * beta * s * (1.0 - s)


def scaled_sigmoid_curves(c=1.0, beta=1.0, z=GRID):
    """The scaled sigmoid and its derivative on the grid ``z``: ``(y, dy)``."""
    return scaled_sigmoid(z, c, beta), scaled_sigmoid_deriv(z, c, beta)


def leaky_relu_curves(slope=0.01, z=GRID):
    """Leaky ReLU (nnlib's, with this slope) and its derivative on the grid ``z``: ``(a, da)``."""
    return activation_curves("leaky_relu", z, slope=slope)


# --- the widgets: sliders wired to the pure functions --------------------------------------
def _curve_widget(compute, sliders, name, f_ylim, df_ylim):
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def show(**values):
        f, df = compute(**values)
        fig, axes = plt.subplots(1, 2, figsize=(7, 2.8))
        plot_function_and_derivative(axes, GRID, f, df, name, f_ylim=f_ylim, df_ylim=df_ylim)
        fig.tight_layout()
        plt.show()
        return f, df

    return widgets.interactive(show, **sliders)


def scaled_sigmoid_widget(c=1.0, beta=1.0):
    r"""Sliders for :math:`c` and :math:`\beta`; redraws :math:`c\sigma(\beta z)` and its derivative.

    Returns the ``ipywidgets.interactive`` object; ``.result`` is ``(y, dy)`` on :data:`GRID`.
    """
    import ipywidgets as widgets

    c, beta = v.check_slider("c", c, *C_RANGE), v.check_slider("beta", beta, *BETA_RANGE)
    sliders = {
        "c": widgets.FloatSlider(value=c, min=C_RANGE[0], max=C_RANGE[1], step=0.25,
                                 description="c", continuous_update=False),
        "beta": widgets.FloatSlider(value=beta, min=BETA_RANGE[0], max=BETA_RANGE[1], step=0.25,
                                    description="β", continuous_update=False),
    }
    top = C_RANGE[1] * 1.05
    return _curve_widget(scaled_sigmoid_curves, sliders, "scaled sigmoid",
                         (-0.1, top), (-0.1, C_RANGE[1] * BETA_RANGE[1] / 4 * 1.05))


def leaky_relu_widget(slope=0.1):
    """A slider for leaky ReLU's slope; redraws nnlib's leaky ReLU and its derivative.

    Returns the ``ipywidgets.interactive`` object; ``.result`` is ``(a, da)`` on :data:`GRID`.
    """
    import ipywidgets as widgets

    slope = v.check_slider("slope", slope, *SLOPE_RANGE)
    sliders = {
        "slope": widgets.FloatSlider(value=slope, min=SLOPE_RANGE[0], max=SLOPE_RANGE[1],
                                     step=0.05, description="slope", continuous_update=False),
    }
    return _curve_widget(leaky_relu_curves, sliders, "leaky ReLU", (-6.5, 6.5), (-0.1, 1.1))
