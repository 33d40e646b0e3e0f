r"""The numbers behind the curves the chapters on activations and losses draw.

* :func:`activation_curves` evaluates an activation of :data:`nnlib.ACTIVATIONS` and its
  derivative on a grid (the numbers behind every "function and derivative" plot, drawn by
  :func:`nnlib.plot.curves.plot_function_and_derivative`);
* :func:`true_class_losses` gives each loss of :data:`nnlib.LOSSES` for the two-class output
  :math:`[p, 1 - p]` against the target :math:`[1, 0]`, one value per ``p``.
"""

from __future__ import annotations

import numpy as np

from ..activations import get_activation
from ..losses import get_loss

__all__ = ["activation_curves", "true_class_losses"]


def activation_curves(name, z, **params):
    r"""An activation and its derivative on a grid of pre-activations.

    Parameters
    ----------
    name : str
        An elementwise entry of :data:`nnlib.ACTIVATIONS` (softmax has no elementwise derivative).
    z : array, shape (m,)
        Pre-activations.
    **params
        Passed to :func:`nnlib.get_activation`, e.g. ``slope=0.1`` for ``"leaky_relu"``.

    Returns
    -------
    a, da : arrays, shape (m,)
        :math:`\phi(z)` and :math:`\phi'(z)` as nnlib computes them (``f`` and ``deriv``).

    Raises
    ------
    ValueError
        For an unknown name, a parameter the activation does not take, or softmax.
    """
    act = get_activation(name, **params)
    if not act.elementwise:
        raise ValueError(f"{act.name} is not elementwise; it has a Jacobian, not a derivative curve")
    z = np.asarray(z, dtype=float)
    if z.ndim != 1:
        raise ValueError(f"z must be a 1-D grid of pre-activations; got shape {z.shape}")
    a = act.f(z)
    return a, act.deriv(z, a)


def true_class_losses(p, loss):
    r"""Loss of the output :math:`[p, 1-p]` against the target :math:`[1, 0]`, for each ``p``.

    Each ``p`` is its own batch of one sample (N = 1), so the values are per-sample losses:
    ``mse`` gives :math:`\tfrac12[(p-1)^2 + (1-p)^2] = (1-p)^2` and ``cross_entropy`` gives
    :math:`-\ln p`.

    Parameters
    ----------
    p : array, shape (m,), entries in (0, 1]
    loss : str, a name in :data:`nnlib.LOSSES`

    Returns
    -------
    array, shape (m,)
    """
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or np.any(p <= 0) or np.any(p > 1):
        raise ValueError("p must be a 1-D array of probabilities in (0, 1]; "
                         f"got shape {p.shape}, range {p.min():g}..{p.max():g}")
    ls = get_loss(loss)
    A = np.column_stack([p, 1.0 - p])
    Y = np.array([[1.0, 0.0]])
    return np.array([ls.value(A[i:i + 1], Y) for i in range(p.size)])
