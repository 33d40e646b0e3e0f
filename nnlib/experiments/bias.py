r"""The bias of one neuron: :math:`\tanh(w x + b)` as ``w`` and ``b`` move (chapter "Bias").

:func:`bias_curve` computes the curve, its value at :math:`x = 0` and the point where it crosses
zero, :math:`x = -b/w`; :func:`nnlib.plot.bias.plot_bias_curve` draws it and
:func:`nnlib.widgets.bias.bias_widget` wires two sliders to both.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import validate as v
from ..activations import tanh

__all__ = ["X_RANGE", "BiasCurve", "bias_curve"]

X_RANGE = (-4.0, 4.0)
"""The x-interval the curves are drawn on."""


@dataclasses.dataclass(frozen=True)
class BiasCurve:
    r"""One curve :math:`y = \tanh(w x + b)`.

    Attributes
    ----------
    w, b : float
    x, y : arrays, shape (n,)
    at_zero : float
        :math:`\tanh(b)`, the value at :math:`x = 0` (the weight plays no part there).
    crossing : float or None
        :math:`-b/w`, where the curve crosses zero (its centre); None when ``w = 0`` (flat).
    """

    w: float
    b: float
    x: np.ndarray
    y: np.ndarray
    at_zero: float
    crossing: float | None


def bias_curve(w, b, x=None, n=401):
    r"""Evaluate :math:`\tanh(w x + b)` with nnlib's tanh.

    Parameters
    ----------
    w, b : float
        Weight and bias of the single neuron.
    x : array, shape (m,), optional
        Where to evaluate; default ``n`` points on :data:`X_RANGE`.
    n : int

    Returns
    -------
    BiasCurve
    """
    w, b = v.check_finite("w", w), v.check_finite("b", b)
    x = np.linspace(*X_RANGE, v.check_size("n", n)) if x is None else v.check_array("x", x, ndim=1)
    y = tanh(w * x + b)
    at_zero = float(tanh(np.array(b)))
    crossing = None if w == 0 else -b / w + 0.0   # + 0.0 turns -0.0 into 0.0 for printing
    return BiasCurve(w, b, x, y, at_zero, crossing)
