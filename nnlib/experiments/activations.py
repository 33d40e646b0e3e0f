r"""The activation curves of the chapter "Nonlinearity and activation functions".

Source 001 writes the sigmoid with a scale :math:`c` and a steepness :math:`\beta`,

.. math:: \sigma_{c,\beta}(a) = \frac{c}{1 + e^{-\beta a}} = c\,\sigma(\beta a),
          \qquad \sigma_{c,\beta}'(a) = c\,\beta\,\sigma(\beta a)\,(1 - \sigma(\beta a)),

and leaky ReLU with a slope for negative inputs.  :func:`scaled_sigmoid`,
:func:`scaled_sigmoid_deriv`, :func:`scaled_sigmoid_curves` and :func:`leaky_relu_curves`
compute the curves that :mod:`nnlib.widgets.activations` draws on :data:`GRID`.
"""

from __future__ import annotations

import numpy as np

from .. import validate as v
from ..activations import sigmoid
from .curves import activation_curves

__all__ = ["GRID", "scaled_sigmoid", "scaled_sigmoid_deriv", "scaled_sigmoid_curves",
           "leaky_relu_curves"]

GRID = np.linspace(-6.0, 6.0, 241)
"""The pre-activations both widgets plot against."""


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
