r"""Momentum on a ravine, from the chapter "Beyond the sources".

The ravine is :math:`J(\theta) = \tfrac12(a\theta_1^2 + b\theta_2^2)` (:data:`RAVINE`: gentle
along :math:`\theta_1`, steep across it).  :func:`descend_ravine` runs plain and momentum descent
on it with nnlib's update (``MLP.fit``): :math:`v \leftarrow \mu v - \eta g`,
:math:`\theta \leftarrow \theta + v`; :func:`ravine_data` is a data set on which ``MLP.fit``
sees exactly that loss; :func:`ravine_summary` says how a path ended.
"""

from __future__ import annotations

import math

import numpy as np

from .. import validate as v

__all__ = ["RAVINE", "RAVINE_START", "check_curvature", "ravine_loss", "ravine_grad",
           "descend_ravine", "ravine_data", "ravine_summary"]

RAVINE = (1.0, 20.0)
"""Curvatures :math:`(a, b)` of the ravine :math:`\\tfrac12(a\\theta_1^2 + b\\theta_2^2)`: gentle
along :math:`\\theta_1`, steep across it (condition number 20)."""

RAVINE_START = (-9.0, 1.5)
"""Where the descents on the ravine start."""


def check_curvature(curvature):
    """The two curvatures ``(a, b)`` of a ravine, each a finite number > 0, as floats."""
    if isinstance(curvature, (str, bytes)) or np.shape(curvature) != (2,):
        raise ValueError(f"curvature must be two numbers (a, b); got {curvature!r}")
    return tuple(v.check_positive(name, c) for name, c in zip(("curvature a", "curvature b"),
                                                               curvature))


def ravine_loss(theta, curvature=RAVINE):
    r""":math:`J(\theta) = \tfrac12(a\theta_1^2 + b\theta_2^2)` for ``theta`` of shape (..., 2)."""
    a, b = check_curvature(curvature)
    theta = np.asarray(theta, dtype=float)
    return 0.5 * (a * theta[..., 0] ** 2 + b * theta[..., 1] ** 2)


def ravine_grad(theta, curvature=RAVINE):
    r""":math:`\nabla J = (a\theta_1,\ b\theta_2)` for ``theta`` of shape (..., 2)."""
    a, b = check_curvature(curvature)
    theta = np.asarray(theta, dtype=float)
    return theta * np.array([a, b])


def descend_ravine(theta0=RAVINE_START, lr=0.09, momentum=0.0, steps=40, curvature=RAVINE,
                   limit=1e6):
    r"""Gradient descent on the ravine, with nnlib's classical momentum.

    .. math:: v_{k+1} = \mu v_k - \eta\nabla J(\theta_k),\qquad \theta_{k+1} = \theta_k + v_{k+1},
              \qquad v_0 = 0

    ``momentum=0`` is plain gradient descent.

    Returns
    -------
    path : array (steps + 1, 2), ``path[0] == theta0``; rows after a divergence
        (:math:`\lVert\theta\rVert` > ``limit``) are NaN.
    """
    lr = v.check_positive("lr", lr)
    momentum = v.check_fraction("momentum", momentum)
    steps = v.check_count("steps", steps)
    theta = np.array(theta0, dtype=float)
    if theta.shape != (2,):
        raise ValueError(f"theta0 must be two numbers; got {theta0!r}")
    path = np.full((steps + 1, 2), np.nan)
    path[0] = theta
    vel = np.zeros(2)
    for k in range(1, steps + 1):
        vel = momentum * vel - lr * ravine_grad(theta, curvature)
        theta = theta + vel
        if not np.all(np.isfinite(theta)) or np.abs(theta).max() > limit:
            break
        path[k] = theta
    return path


def ravine_data(curvature=RAVINE):
    r"""Four samples on which a one-layer linear network with the MSE has exactly the ravine
    as its loss.

    With ``X`` = rows :math:`(\pm\sqrt{2a}, 0)` and :math:`(0, \pm\sqrt{2b})` and targets 0,
    :math:`X^TX/N = \operatorname{diag}(a, b)`, so
    :math:`J(W) = \frac1{2N}\lVert XW\rVert^2 = \tfrac12(a w_1^2 + b w_2^2)`; the columns of
    ``X`` have mean 0, so the bias gradient is 0 and the bias stays at 0.

    Returns
    -------
    X : array (4, 2); Y : array (4, 1) of zeros
    """
    a, b = check_curvature(curvature)
    s, t = math.sqrt(2 * a), math.sqrt(2 * b)
    X = np.array([[s, 0.0], [-s, 0.0], [0.0, t], [0.0, -t]])
    return X, np.zeros((4, 1))


def ravine_summary(path, curvature=RAVINE):
    """``"diverged"``, or the loss at the end of a :func:`descend_ravine` path
    (``"loss after 40 steps: 0.0012"``): what the momentum widget's title says of a path."""
    ok = path[np.all(np.isfinite(path), axis=1)]
    if ok.shape[0] < path.shape[0]:
        return "diverged"
    return f"loss after {path.shape[0] - 1} steps: {float(ravine_loss(ok[-1], curvature)):.2g}"
