r"""What the backward pass computes, one number at a time: the three backward-pass widgets.

* :func:`nudge` moves one weight (or bias) of the 2-3-2 network of the chapter "Backprop in
  matrix form" by :math:`\Delta w`, recomputes the loss, and sets the change
  :math:`\Delta J = J(w + \Delta w) - J(w)` beside the first-order prediction
  :math:`\frac{\partial J}{\partial w}\Delta w` of nnlib's backward pass;
* :func:`logit_gradients` gives, for a softmax output whose true class has the logit ``z``
  (the other logits 0), the loss and its derivative with respect to ``z`` under cross-entropy
  and under nnlib's MSE: :math:`p - 1` against :math:`-\frac{K}{K-1}\,p(1-p)^2`;
* :func:`activation_derivatives` evaluates the derivatives of sigmoid, tanh, ReLU and leaky
  ReLU (with its slope :math:`\alpha`) at the same pre-activations.

Every number comes from the nnlib core (``MLP.loss``, ``MLP.gradients``,
``losses.loss_from_logits``, ``losses.output_delta``, ``Activation.deriv``); this module only
chooses the inputs.  NumPy and the core only: no plotting, no widgets.  The live widgets of the
website (book_assets/twin/widgets/nudge.js, logit_gradients.js, derivatives.js) compute the same
with nnlib's JavaScript twin, and tests/site/test_live_backward.py holds them to these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import validate as v
from ..activations import get_activation
from ..losses import loss_from_logits, output_delta
from ..mlp import MLP
from ..params import flatten

__all__ = [
    "NUDGE_SIZES", "NUDGE_ACTIVATIONS", "NUDGE_LOSS", "NUDGE_X", "NUDGE_Y", "NUDGE_THETA",
    "PARAMETER_NAMES", "PARAMETER_LABELS", "DW_RANGE", "DW_STEP", "DW_GRID",
    "nudge_network", "Nudge", "nudge",
    "LOGIT_RANGE", "LOGIT_STEP", "LOGIT_GRID", "CLASS_COUNTS", "LogitGradients",
    "logit_gradients", "LogitCurves", "logit_gradient_curves",
    "DERIVATIVE_NAMES", "Z_RANGE", "Z_STEP", "SLOPE_RANGE", "SLOPE_STEP", "DERIVATIVE_GRID",
    "Derivatives", "activation_derivatives",
]


def _grid(low, high, step):
    """Every position of a slider from ``low`` to ``high`` in steps of ``step``, as floats
    rounded to the step's decimals (so that 0.35 is the float 0.35, as a slider shows it)."""
    n = int(round((high - low) / step)) + 1
    return np.round(np.linspace(low, high, n), 10) + 0.0


# --- nudge one weight ------------------------------------------------------------------------
NUDGE_SIZES = (2, 3, 2)
NUDGE_ACTIVATIONS = ("tanh", "softmax")
NUDGE_LOSS = "cross_entropy"
NUDGE_X = ((0.5, -1.0), (1.5, 0.3))
"""The batch of the chapter "Backprop in matrix form": N = 2 samples, one per row."""
NUDGE_Y = ((1.0, 0.0), (0.0, 1.0))
"""Its one-hot targets."""
NUDGE_THETA = (0.2, -0.4, 0.6, 0.5, 0.3, -0.1,   # W1 (2 x 3), row by row
               0.1, -0.2, 0.05,                  # b1
               0.7, -0.3, -0.5, 0.4, 0.2, 0.6,   # W2 (3 x 2), row by row
               0.05, -0.05)                      # b2
"""The chapter's weights and biases in nnlib's flat order (``MLP.get_flat``: W1, b1, W2, b2)."""

PARAMETER_NAMES = ("W1_11", "W1_12", "W1_13", "W1_21", "W1_22", "W1_23", "b1_1", "b1_2", "b1_3",
                   "W2_11", "W2_12", "W2_21", "W2_22", "W2_31", "W2_32", "b2_1", "b2_2")
"""One name per parameter, in the flat order: ``W1_12`` is :math:`W^{(1)}_{12}`, the weight from
input 1 to hidden unit 2 (row 1, column 2 of :math:`W^{(1)}`)."""

_SUP = {"1": "⁽¹⁾", "2": "⁽²⁾"}
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _label(name):
    kind, rest = name[0], name[1:]
    layer, idx = rest.split("_")
    symbol = f"{kind}{_SUP[layer]}{idx.translate(_SUB)}"
    into = "hidden" if layer == "1" else "output"
    if kind == "b":
        return f"{symbol}: bias of {into} {idx}"
    source = "input" if layer == "1" else "hidden"
    return f"{symbol}: {source} {idx[0]} → {into} {idx[1]}"


PARAMETER_LABELS = tuple(_label(n) for n in PARAMETER_NAMES)
"""What the menu shows for each parameter, e.g. ``"W⁽¹⁾₁₂: input 1 → hidden 2"``."""

DW_RANGE = (-2.0, 2.0)
"""Slider range of the nudge :math:`\\Delta w`."""
DW_STEP = 0.05
DW_GRID = _grid(*DW_RANGE, DW_STEP)
"""The nudges the curve :math:`J(w + \\Delta w)` is drawn at: every position of the slider."""


def nudge_network():
    """The chapter's 2-3-2 network (tanh hidden layer, softmax output, cross-entropy) with its
    weights :data:`NUDGE_THETA`, and its batch: ``(net, X, Y)``, new arrays at every call."""
    net = MLP(list(NUDGE_SIZES), list(NUDGE_ACTIVATIONS), loss=NUDGE_LOSS)
    net.set_flat(np.array(NUDGE_THETA))
    return net, np.array(NUDGE_X), np.array(NUDGE_Y)


@dataclass(frozen=True)
class Nudge:
    r"""One weight nudged by ``dw``: the loss recomputed against backprop's prediction.

    Attributes
    ----------
    name : str
        The parameter (:data:`PARAMETER_NAMES`).
    dw : float
        The nudge :math:`\Delta w`.
    w : float
        The parameter's value before the nudge.
    J0, J1 : float
        The loss before and after the nudge (``MLP.loss``, the forward pass run again).
    grad : float
        :math:`\partial J/\partial w` from nnlib's backward pass (``MLP.gradients``) at ``w``.
    grid, curve : arrays, shape (m,)
        The nudges :data:`DW_GRID` and the loss :math:`J(w + \Delta w)` at each.
    """

    name: str
    dw: float
    w: float
    J0: float
    J1: float
    grad: float
    grid: np.ndarray
    curve: np.ndarray

    @property
    def dJ(self):
        r"""The change of the loss, :math:`\Delta J = J(w + \Delta w) - J(w)`, recomputed."""
        return self.J1 - self.J0

    @property
    def linear(self):
        r"""Backprop's first-order prediction of it, :math:`\frac{\partial J}{\partial w}\Delta w`."""
        return self.grad * self.dw

    @property
    def gap(self):
        r""":math:`\Delta J - \frac{\partial J}{\partial w}\Delta w`: of order :math:`\Delta w^2`."""
        return self.dJ - self.linear

    @property
    def tangent(self):
        r"""The tangent line :math:`J(w) + \frac{\partial J}{\partial w}\Delta w` on :attr:`grid`."""
        return self.J0 + self.grad * self.grid


def nudge(name="W2_11", dw=0.5, grid=DW_GRID):
    r"""Nudge one parameter of :func:`nudge_network` and recompute the loss.

    Parameters
    ----------
    name : str
        One of :data:`PARAMETER_NAMES`.
    dw : float
        The nudge, in :data:`DW_RANGE`.
    grid : array, shape (m,)
        Nudges at which to recompute the loss for the curve (default: every slider position).

    Returns
    -------
    Nudge
    """
    v.check_choice("parameter", name, PARAMETER_NAMES)
    dw = v.check_slider("dw", dw, *DW_RANGE)
    grid = v.check_array("grid", grid, ndim=1)
    net, X, Y = nudge_network()
    i = PARAMETER_NAMES.index(name)
    theta = net.get_flat()
    J0 = net.loss(X, Y)
    grad = float(flatten(*net.gradients(X, Y))[i])

    def loss_at(step):
        moved = theta.copy()
        moved[i] += step
        net.set_flat(moved)
        return net.loss(X, Y)

    J1 = loss_at(dw)
    curve = np.array([loss_at(step) for step in grid])
    return Nudge(name, dw, float(theta[i]), J0, J1, grad, grid, curve)


# --- the gradient with respect to the logit: cross-entropy against MSE ---------------------------
LOGIT_RANGE = (-6.0, 6.0)
"""Slider range of the true class's logit z (the other logits are 0)."""
LOGIT_STEP = 0.1
LOGIT_GRID = _grid(*LOGIT_RANGE, LOGIT_STEP)
"""The logits the curves are drawn at: every position of the slider."""
CLASS_COUNTS = (2, 3, 10)
"""The numbers of classes K the widget offers."""


@dataclass(frozen=True)
class LogitGradients:
    r"""One sample with K classes, true class 1, logits :math:`(z, 0, \dots, 0)`.

    Attributes
    ----------
    z : float
    n_classes : int
    p : float
        The softmax probability of the true class.
    ce, mse : float
        The losses: cross-entropy :math:`-\ln p` (from the logits, ``loss_from_logits``) and
        nnlib's MSE :math:`\frac12\sum_k(\hat y_k - y_k)^2` of the softmax output (N = 1).
    dce, dmse : float
        Their derivatives with respect to z, :math:`\partial J/\partial z_1`, the first entry
        of nnlib's output delta (``output_delta``: the fused :math:`\hat y - y` for
        cross-entropy, the loss gradient sent back through the softmax for MSE).
    """

    z: float
    n_classes: int
    p: float
    ce: float
    mse: float
    dce: float
    dmse: float


def _logits(z, n_classes):
    Z = np.zeros((1, n_classes))
    Z[0, 0] = z
    Y = np.zeros((1, n_classes))
    Y[0, 0] = 1.0
    return Z, Y


def _logit_gradients(z, n_classes):
    Z, Y = _logits(z, n_classes)
    A = get_activation("softmax").f(Z)
    return LogitGradients(
        z, n_classes, float(A[0, 0]),
        loss_from_logits(Z, Y, "softmax", "cross_entropy"),
        loss_from_logits(Z, Y, "softmax", "mse", A=A),
        float(output_delta(Z, A, Y, "softmax", "cross_entropy")[0, 0]),
        float(output_delta(Z, A, Y, "softmax", "mse")[0, 0]),
    )


def _check_classes(n_classes):
    n_classes = v.check_int("n_classes", n_classes, low=2)
    return n_classes


def logit_gradients(z=-3.0, n_classes=2):
    r"""Losses and their slopes with respect to the true class's logit (see :class:`LogitGradients`).

    Parameters
    ----------
    z : float
        The true class's logit, in :data:`LOGIT_RANGE`; the other logits are 0.
    n_classes : int >= 2
    """
    z = v.check_slider("z", z, *LOGIT_RANGE)
    return _logit_gradients(z, _check_classes(n_classes))


@dataclass(frozen=True)
class LogitCurves:
    """:class:`LogitGradients` over a grid of logits: arrays ``z, p, ce, mse, dce, dmse``."""

    n_classes: int
    z: np.ndarray
    p: np.ndarray
    ce: np.ndarray
    mse: np.ndarray
    dce: np.ndarray
    dmse: np.ndarray


def logit_gradient_curves(n_classes=2, grid=LOGIT_GRID):
    """:func:`logit_gradients` at every logit of ``grid``, one sample at a time."""
    n_classes = _check_classes(n_classes)
    grid = v.check_array("grid", grid, ndim=1)
    rows = [_logit_gradients(float(z), n_classes) for z in grid]
    return LogitCurves(n_classes, grid, *(np.array([getattr(r, k) for r in rows])
                                          for k in ("p", "ce", "mse", "dce", "dmse")))


# --- the activation derivatives on one axis ---------------------------------------------------
DERIVATIVE_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")
Z_RANGE = (-5.0, 5.0)
"""Slider range of the pre-activation z."""
Z_STEP = 0.05
SLOPE_RANGE = (0.0, 1.0)
"""Slider range of leaky ReLU's slope alpha."""
SLOPE_STEP = 0.05
DERIVATIVE_GRID = _grid(*Z_RANGE, Z_STEP)
"""The pre-activations the curves are drawn at: every position of the z slider."""


@dataclass(frozen=True)
class Derivatives:
    r"""The four derivatives at one z, and as curves.

    Attributes
    ----------
    z, slope : float
        The pre-activation and leaky ReLU's slope :math:`\alpha`.
    at_z : dict
        Name -> :math:`\phi'(z)` (``Activation.deriv``), for :data:`DERIVATIVE_NAMES`.
    grid : array, shape (m,)
    curves : dict
        Name -> :math:`\phi'` on ``grid``.
    """

    z: float
    slope: float
    at_z: dict
    grid: np.ndarray
    curves: dict


def _derivative(name, z, slope):
    act = get_activation(name, slope=slope) if name == "leaky_relu" else get_activation(name)
    return act.deriv(z, act.f(z))


def activation_derivatives(z=0.0, slope=0.1, grid=DERIVATIVE_GRID):
    r"""nnlib's derivatives of sigmoid, tanh, ReLU and leaky ReLU at ``z`` and on ``grid``.

    Parameters
    ----------
    z : float
        In :data:`Z_RANGE`.
    slope : float
        Leaky ReLU's slope :math:`\alpha`, in :data:`SLOPE_RANGE`.
    grid : array, shape (m,)

    Returns
    -------
    Derivatives
    """
    z = v.check_slider("z", z, *Z_RANGE)
    slope = v.check_slider("slope", slope, *SLOPE_RANGE)
    grid = v.check_array("grid", grid, ndim=1)
    at_z = {n: float(_derivative(n, np.array([z]), slope)[0]) for n in DERIVATIVE_NAMES}
    curves = {n: _derivative(n, grid, slope) for n in DERIVATIVE_NAMES}
    return Derivatives(z, slope, at_z, grid, curves)
