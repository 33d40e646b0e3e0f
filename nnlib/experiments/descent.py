r"""Gradient descent on one parameter, the chapter "Gradient descent" in numbers.

* :data:`LOSSES_1D` -- one-parameter losses :math:`J(\theta)` with their derivatives, and
  :func:`descend_1d`, the iterates :math:`\theta_{k+1} = \theta_k - \eta J'(\theta_k)`
  (with nnlib's momentum when asked);
* :func:`quadratic_regime` -- what a learning rate does on :math:`\tfrac a2(\theta-c)^2`;
  :func:`describe_descent` -- how a run ended, divergence first; :func:`regime_text`.

The drawings are in :mod:`nnlib.plot.descent`, the widget in :mod:`nnlib.widgets.descent`.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Callable

import numpy as np

from .. import validate as v

__all__ = [
    "Loss1D", "LOSSES_1D", "DIVERGENCE_LIMIT", "get_loss_1d", "descend_1d", "divergence_step",
    "quadratic_regime", "regime_text", "describe_descent", "subscript",
]


# --- one-parameter losses -------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Loss1D:
    r"""A loss of one parameter, :math:`J(\theta)`, next to its derivative.

    Attributes
    ----------
    name : str
    f : callable, array -> array
    df : callable, array -> array, :math:`dJ/d\theta`
    latex : str
    xlim : tuple, the range the chapter plots
    start : float, the default starting point
    curvature : float or None
        :math:`J''`, when it is the same everywhere (a quadratic); then
        :func:`quadratic_regime` says what a learning rate does.
    """

    name: str
    f: Callable
    df: Callable
    latex: str
    xlim: tuple
    start: float
    curvature: float | None = None


# J = 1/2 (theta - 2)^2: the squared error of a prediction theta against the target 2 (001)
def _quad(t):
    return 0.5 * (t - 2.0) ** 2


def _quad_d(t):
    return t - 2.0


# J = (theta^2 - 1)^2 + 0.3 theta: two valleys, the left one deeper (local minima)
def _well(t):
    return (t * t - 1.0) ** 2 + 0.3 * t


def _well_d(t):
    return 4.0 * t * (t * t - 1.0) + 0.3


LOSSES_1D = {
    "quadratic": Loss1D("quadratic", _quad, _quad_d, r"\frac{1}{2}(\theta-2)^2", (-2.0, 6.0), 5.0,
                        curvature=1.0),
    "two valleys": Loss1D("two valleys", _well, _well_d, r"(\theta^2-1)^2 + 0.3\,\theta",
                          (-1.8, 1.8), 1.6),
}
"""Name -> :class:`Loss1D`."""

DIVERGENCE_LIMIT = 1e6
r"""Once :math:`|\theta|` passes this, :func:`descend_1d` calls the run diverged."""


def get_loss_1d(name):
    """The :class:`Loss1D` called ``name``; an unknown name raises ValueError listing the
    valid ones."""
    if isinstance(name, Loss1D):
        return name
    if name not in LOSSES_1D:
        raise ValueError(f"unknown 1-D loss {name!r}; valid: {', '.join(LOSSES_1D)}")
    return LOSSES_1D[name]


def descend_1d(loss, theta0, lr, steps, limit=DIVERGENCE_LIMIT, momentum=0.0):
    r"""Gradient descent on one parameter: :math:`\theta_{k+1} = \theta_k - \eta L'(\theta_k)`.

    A positive slope moves :math:`\theta` left, a negative one right.  With ``momentum``
    :math:`\mu > 0` the step is nnlib's (as in :meth:`nnlib.MLP.fit`):
    :math:`v \leftarrow \mu v - \eta L'(\theta)`, :math:`\theta \leftarrow \theta + v`, from
    :math:`v = 0`.

    Parameters
    ----------
    loss : str or Loss1D
    theta0 : float, the start
    lr : float > 0, the learning rate :math:`\eta`
    steps : int >= 0
    limit : float
        Once :math:`|\theta|` exceeds it the run has diverged and the remaining iterates are NaN
        (see :func:`divergence_step`).
    momentum : float in [0, 1)

    Returns
    -------
    thetas : array, shape (steps + 1,)
        ``thetas[0] == theta0``.
    """
    loss = get_loss_1d(loss)
    theta = v.check_finite("theta0", theta0)
    lr = v.check_positive("lr", lr)
    steps = v.check_count("steps", steps)
    momentum = v.check_fraction("momentum", momentum)
    thetas = np.full(steps + 1, np.nan)
    thetas[0] = theta
    velocity = 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            velocity = momentum * velocity - lr * float(loss.df(theta))   # [gradient descent, eq-gd-update]
            theta = theta + velocity
            if not math.isfinite(theta) or abs(theta) > limit:
                break
            thetas[k] = theta
    return thetas


def divergence_step(thetas):
    """The first step whose iterate :func:`descend_1d` gave up on (NaN), or None."""
    bad = np.flatnonzero(~np.isfinite(np.asarray(thetas, dtype=float)))
    return int(bad[0]) if bad.size else None


def quadratic_regime(lr, curvature=1.0):
    r"""What gradient descent does on :math:`\tfrac a2(\theta - c)^2` with learning rate ``lr``.

    The error is multiplied by :math:`1 - \eta a` at every step (check
    ``gradient-descent.quadratic-iterate``), so:

    * ``"creeps"``: :math:`0 < \eta a < 1`, the error shrinks without changing sign;
    * ``"one step"``: :math:`\eta a = 1`, the minimum is reached in one step;
    * ``"oscillates"``: :math:`1 < \eta a < 2`, the error flips sign and shrinks;
    * ``"bounces"``: :math:`\eta a = 2`, it flips sign and keeps its size forever;
    * ``"diverges"``: :math:`\eta a > 2`, it flips sign and grows.
    """
    lr = v.check_positive("lr", lr)
    curvature = v.check_positive("curvature", curvature)
    r = lr * curvature
    if np.isclose(r, 1.0):
        return "one step"
    if np.isclose(r, 2.0):
        return "bounces"
    if r < 1:
        return "creeps"
    return "oscillates" if r < 2 else "diverges"


def describe_descent(loss, thetas, lr=None, momentum=0.0, limit=DIVERGENCE_LIMIT,
                     regime=True):
    r"""One line saying how a run of :func:`descend_1d` ended.

    Divergence is said first (and in capitals): the step at which :math:`|\theta|` passed
    ``limit``, or the step at which the path left the plotted range; otherwise the last
    iterate and its loss.  With ``regime`` the :func:`regime_text` is added in parentheses.
    """
    loss = get_loss_1d(loss)
    thetas = np.asarray(thetas, dtype=float)
    n = thetas.size - 1
    extra = regime_text(loss, lr, momentum) if regime else ""
    extra = f" ({extra})" if extra else ""
    k = divergence_step(thetas)
    if k is not None:
        return f"DIVERGED: |θ| passed {limit:.0e} at step {k}" + extra
    lo, hi = loss.xlim
    outside = np.flatnonzero((thetas < lo) | (thetas > hi))
    if outside.size:
        return f"left the plot at step {int(outside[0])}, |θ{subscript(n)}| = " \
               f"{abs(thetas[-1]):.3g}" + extra
    last = float(thetas[-1])
    return f"θ{subscript(n)} = {last:.3f}, J = {float(loss.f(last)):.3f}" + extra


def regime_text(loss, lr, momentum=0.0):
    """``"ηa = 1.5: oscillates"`` for a quadratic (``loss.curvature`` set) without momentum,
    else ``""`` (momentum changes the regimes, and other losses have no single curvature)."""
    loss = get_loss_1d(loss)
    if loss.curvature is None or lr is None or momentum:
        return ""
    return f"ηa = {lr * loss.curvature:.3g}: {quadratic_regime(lr, loss.curvature)}"


def subscript(n):
    """``n`` as Unicode subscript digits."""
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
