r"""Initialisation, from the chapter "Beyond the sources": how the scale of the initial weights
decides whether signals and gradients survive a deep network.

:data:`INIT_SCHEMES` and :func:`init_std` give the weight scales; :func:`init_statistics` the
spread of activations and weight gradients, layer by layer (:class:`InitStats`).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from .. import validate as v
from ..mlp import MLP

__all__ = ["INIT_SCHEMES", "init_std", "InitStats", "init_statistics"]


INIT_SCHEMES = {
    "too small": "std 0.01",
    "too large": "std 0.3 (three times Xavier's for 100 units)",
    "xavier": "std sqrt(2 / (n_in + n_out))",
    "he": "std sqrt(2 / n_in)",
}
"""Initial weight scales that :func:`init_statistics` compares (biases start at 0)."""


def init_std(scheme, n_in, n_out):
    """The weight standard deviation of an :data:`INIT_SCHEMES` entry or a float ``gain``
    (std ``gain / sqrt(n_in)``, given as ``("gain", g)``)."""
    if isinstance(scheme, tuple) and len(scheme) == 2 and scheme[0] == "gain":
        return v.check_positive("gain", scheme[1]) / math.sqrt(n_in)
    table = {"too small": 0.01, "too large": 0.3, "xavier": math.sqrt(2.0 / (n_in + n_out)),
             "he": math.sqrt(2.0 / n_in)}
    if scheme not in table:
        raise ValueError(f"unknown init scheme {scheme!r}; valid: {', '.join(table)} "
                         f"or ('gain', g)")
    return table[scheme]


@dataclasses.dataclass
class InitStats:
    """Spread of a deep network's signals at initialisation, one entry per layer (1..depth).

    Attributes
    ----------
    act_std : array (depth,), std of the activations :math:`A^{(l)}` over samples and units
    grad_std : array (depth,), std of the entries of :math:`\\partial J/\\partial W^{(l)}`
    weight_std : float, the std the weights were drawn with
    """

    act_std: np.ndarray
    grad_std: np.ndarray
    weight_std: float


def init_statistics(scheme, depth=10, width=100, activation="tanh", n_samples=500, seed=0):
    r"""Activations and weight gradients, layer by layer, of a fresh deep network.

    The network has ``depth`` layers of ``width`` units with ``activation`` (the last one too),
    weights drawn with :func:`init_std`, zero biases, and the MSE against random targets.  The
    inputs are ``n_samples`` rows of independent standard normals.

    Returns
    -------
    InitStats
    """
    depth = v.check_count("depth", depth)
    width = v.check_count("width", width)
    if depth < 1 or width < 1:
        raise ValueError(f"depth and width must be >= 1; got {depth}, {width}")
    std = init_std(scheme, width, width)
    net = MLP([width] * (depth + 1), activations=[activation] * depth, loss="mse", seed=seed,
              init=std)
    rng = np.random.default_rng(seed + 1)
    X = rng.standard_normal((n_samples, width))
    Y = rng.standard_normal((n_samples, width))
    _, As = net.forward_cache(X)
    dWs, _ = net.gradients(X, Y)
    act = np.array([float(A.std()) for A in As[1:]])
    grad = np.array([float(dW.std()) for dW in dWs])
    return InitStats(act, grad, std)
