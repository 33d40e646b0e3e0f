"""Loss functions, each next to its gradient, in one table; and the fused output deltas.

Each entry of :data:`LOSSES` is a :class:`Loss` holding

* ``value(A, Y) -> float``: the loss averaged over the N samples (rows);
* ``grad(A, Y) -> dJ/dA``: its gradient with respect to the network output ``A`` (N, K),
  including the 1/N;
* ``check_targets(Y)``: raises ``ValueError`` when ``Y`` is not a valid target for the loss;
* ``targets_ok(Y) -> bool``: a quick test for the usual case, True only when ``Y`` is finite
  and ``check_targets`` accepts it (False means "not sure": run the full checks).

Conventions (chapter "Loss functions"):

* ``mse``: :math:`\\frac{1}{2N}\\sum (A - Y)^2` (source 001's 1/(2N));
* ``cross_entropy``: :math:`-\\frac{1}{N}\\sum Y \\ln A` (source 000), natural logarithm;
* ``binary_cross_entropy``: :math:`-\\frac{1}{N}\\sum [Y\\ln A + (1-Y)\\ln(1-A)]` (source 004).

:data:`FUSED` lists the (output activation, loss) pairs whose output delta
``dJ/dZ`` simplifies to ``(A - Y)/N``; :func:`output_delta` uses the shortcut for those pairs
and the general path (loss gradient, then the activation's backward) for all others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import ACTIVATIONS, get_activation, log_softmax

__all__ = ["Loss", "LOSSES", "FUSED", "get_loss", "check_pair", "is_fused", "output_delta",
           "loss_from_logits", "mse", "cross_entropy", "binary_cross_entropy"]

_TINY = np.finfo(float).tiny  # ln(tiny) ~ -708: keeps ln(0) finite


# --- mse: J = 1/(2N) sum (A - Y)^2,  dJ/dA = (A - Y)/N   [losses, eq. mse] -----------------
def mse(A, Y):
    r"""Mean squared error with the 1/2: :math:`\frac{1}{2N}\sum_{n,k}(A_{nk}-Y_{nk})^2`."""
    D = A - Y
    return float(np.sum(D * D)) / (2 * A.shape[0])


def mse_grad(A, Y):
    r""":math:`\partial J/\partial A = (A - Y)/N`, shape (N, K)."""
    return (A - Y) / A.shape[0]


# --- cross-entropy: J = -1/N sum Y ln A,  dJ/dA = -Y / (N A)   [losses, eq. ce] ------------
def cross_entropy(A, Y):
    r"""Categorical cross-entropy, natural log: :math:`-\frac{1}{N}\sum_{n,k} Y_{nk}\ln A_{nk}`.

    Probabilities of exactly 0 are clipped to the smallest positive float, so the loss stays
    finite (about 708 per sample at worst) instead of becoming inf or NaN.
    """
    return -float(np.sum(Y * np.log(np.maximum(A, _TINY)))) / A.shape[0]


def cross_entropy_grad(A, Y):
    r""":math:`\partial J/\partial A = -Y / (N A)` (A clipped away from 0), shape (N, K)."""
    return -Y / (np.maximum(A, _TINY) * A.shape[0])


# --- binary cross-entropy: L = -1/N sum [Y ln A + (1-Y) ln(1-A)]   [losses, eq. bce] -------
def binary_cross_entropy(A, Y):
    r"""Binary cross-entropy, summed over the K outputs and averaged over the N samples.

    .. math:: -\frac{1}{N}\sum_{n,k}\left[Y\ln A + (1-Y)\ln(1-A)\right]
    """
    a = np.clip(A, _TINY, 1.0)
    b = np.clip(1.0 - A, _TINY, 1.0)
    return -float(np.sum(Y * np.log(a) + (1.0 - Y) * np.log(b))) / A.shape[0]


def binary_cross_entropy_grad(A, Y):
    r""":math:`\partial J/\partial A = \frac{A - Y}{N A (1 - A)}`, with A clipped into (0, 1)."""
    a = np.clip(A, 1e-300, 1.0 - 1e-16)
    return (a - Y) / (a * (1.0 - a) * A.shape[0])


# --- where the clipped gradients are not the gradient of the loss on logits ------------------
def _ce_clipped(A, Y):
    return bool(np.any((A < _TINY) & (Y != 0)))


def _bce_clipped(A, Y):
    return bool(np.any(A < 1e-300) or np.any(A > 1.0 - 1e-16))


# --- target checks --------------------------------------------------------------------------
def _any_target(Y):
    """MSE takes any real targets."""


# a row passes when |sum - 1| <= 1e-6 + 1e-5 (np.allclose(sums, 1.0, atol=1e-6)'s tolerance)
_ROW_SUM_TOL = 1e-6 + 1e-5
_ONES = {}  # read-only vectors of ones by length, for row sums as one matrix-vector product


def _ones(n):
    ones = _ONES.get(n)
    if ones is None:
        ones = _ONES[n] = np.ones(n)
        ones.flags.writeable = False
    return ones


def _finite_targets_ok(Y):
    # the sum of squares is finite only when every entry is (or, rarely, some entry is above
    # 1e154: then the full check runs and accepts)
    return math.isfinite(np.vdot(Y, Y))


_ROW_SUM_TOL2 = _ROW_SUM_TOL * _ROW_SUM_TOL


def _probability_rows_ok(Y):
    # Three NumPy calls: the smallest entry, the row sums minus 1 (one matrix-vector product)
    # and their sum of squares.  A sum of squares <= tol^2 puts every row within tol of 1, so
    # this never accepts what _probability_rows rejects; NaN and +-inf fail a comparison.
    d = np.dot(Y, _ones(Y.shape[1]))
    d -= 1.0
    return bool(np.minimum.reduce(Y, axis=None) >= 0.0) and bool(np.vdot(d, d) <= _ROW_SUM_TOL2)


def _unit_interval_ok(Y):
    return (bool(np.minimum.reduce(Y, axis=None) >= 0.0)
            and bool(np.maximum.reduce(Y, axis=None) <= 1.0))


def _probability_rows(Y):
    # Four NumPy calls, no temporaries: the smallest entry, the row sums (one matrix-vector
    # product; the order of the additions does not matter for a tolerance check) and their
    # smallest and largest.  Entries >= 0 in rows summing to at most 1 + tol are at most 1 + tol,
    # so the largest entry is looked at only to word the error.
    if Y.size == 0:
        return
    lo = np.minimum.reduce(Y, axis=None)
    sums = Y @ _ones(Y.shape[1])
    if (lo >= 0 and np.minimum.reduce(sums) >= 1.0 - _ROW_SUM_TOL
            and np.maximum.reduce(sums) <= 1.0 + _ROW_SUM_TOL):
        return
    hi = np.maximum.reduce(Y, axis=None)
    if not (lo >= 0 and hi <= 1):
        raise ValueError(
            "cross_entropy targets must be one-hot rows or probability rows (entries in [0, 1]); "
            f"found entries from {lo:g} to {hi:g}. For integer class labels use "
            "nnlib.one_hot(labels, n_classes)"
        )
    bad = int(np.argmax(np.abs(sums - 1.0)))
    raise ValueError(
        "cross_entropy targets must be one-hot rows or probability rows summing to 1; "
        f"row {bad} sums to {sums[bad]:g}"
    )


def _unit_interval(Y):
    if np.any(Y < 0) or np.any(Y > 1):
        raise ValueError(
            "binary_cross_entropy targets must lie in [0, 1]; "
            f"found entries from {Y.min():g} to {Y.max():g}"
        )


@dataclass(frozen=True)
class Loss:
    """One loss: its value, its gradient with respect to the output, and a target check."""

    name: str
    value: Callable
    grad: Callable
    check_targets: Callable
    targets_ok: Callable | None = None
    """Quick test for the usual case: True only for finite targets that ``check_targets``
    accepts; False, or ``None`` (no quick test), sends the targets through the full checks."""
    latex: str = ""
    outputs: tuple = ()
    """Output activations whose range suits the loss; empty means any."""
    clipped: Callable | None = None
    """``clipped(A, Y) -> bool``: True when ``grad`` has to clip an output probability (one
    that rounded to 0 or 1), so that it is no longer the exact gradient; None: never clips."""

    def __call__(self, A, Y):
        return self.value(A, Y)

    def __repr__(self):
        return f"Loss({self.name!r})"

    # Losses are immutable: a copy is the object itself, and a pickled table entry comes back as
    # that entry (nnlib recognises the table's fused pairs by identity)
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce_ex__(self, protocol):
        if LOSSES.get(self.name) is self:
            return (get_loss, (self.name,))
        return super().__reduce_ex__(protocol)


LOSSES = {
    "mse": Loss("mse", mse, mse_grad, _any_target, _finite_targets_ok,
                latex=r"\frac{1}{2N}\sum_{n,k}(\hat y_{nk}-y_{nk})^2"),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad, _probability_rows,
                          _probability_rows_ok,
                          latex=r"-\frac{1}{N}\sum_{n,k} y_{nk}\ln\hat y_{nk}",
                          outputs=("softmax", "sigmoid"), clipped=_ce_clipped),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad, _unit_interval,
        _unit_interval_ok,
        latex=r"-\frac{1}{N}\sum_{n,k}\left[y_{nk}\ln\hat y_{nk}+(1-y_{nk})\ln(1-\hat y_{nk})\right]",
        outputs=("sigmoid", "softmax"), clipped=_bce_clipped,
    ),
}
"""The loss table: name -> :class:`Loss`."""

FUSED = frozenset({("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy")})
"""(output activation, loss) pairs whose output delta dJ/dZ is exactly (A - Y)/N."""


def get_loss(spec):
    """Look up a loss by name, or check a custom :class:`Loss`; unknown names list the valid ones.

    A custom :class:`Loss` is supported through the general output path (its ``grad``, then the
    output activation's backward): it needs callable ``value``, ``grad`` and ``check_targets``
    and a name of its own (a table name would claim the table entry's fused shortcut).
    """
    if isinstance(spec, Loss):
        if LOSSES.get(spec.name) is spec:
            return spec
        if not isinstance(spec.name, str) or not spec.name or spec.name in LOSSES:
            raise ValueError(
                f"a custom Loss needs a name of its own, not one of the table's "
                f"({', '.join(sorted(LOSSES))}); got {spec.name!r}"
            )
        for part in ("value", "grad", "check_targets"):
            if not callable(getattr(spec, part)):
                raise ValueError(f"custom Loss {spec.name!r}: {part} must be callable; "
                                 f"got {getattr(spec, part)!r}")
        return spec
    if not isinstance(spec, str) or spec not in LOSSES:
        raise ValueError(f"unknown loss {spec!r}; valid names are: {', '.join(sorted(LOSSES))}")
    return LOSSES[spec]


def check_pair(activation, loss):
    """Raise ValueError unless the output activation's range suits the loss.

    Cross-entropy takes logarithms of the outputs, so they must be probabilities: only softmax
    and sigmoid outputs qualify.  MSE works with any output activation.
    """
    act, ls = get_activation(activation), get_loss(loss)
    if ls.outputs and act.name not in ls.outputs:
        raise ValueError(
            f"loss {ls.name!r} needs probabilities as outputs; use one of the output "
            f"activations {', '.join(ls.outputs)}; got {act.name!r}"
        )


def is_fused(activation, loss):
    """True when the output delta of this (activation, loss) pair is the shortcut (A - Y)/N.

    Only the table's own entries qualify (a custom object of the same name does not).
    """
    return ((activation.name, loss.name) in FUSED and ACTIVATIONS.get(activation.name) is activation
            and LOSSES.get(loss.name) is loss)


def output_delta(Z, A, Y, activation, loss, fused=True):
    r"""The output layer's delta, :math:`\delta^{(L)} = \partial J/\partial Z^{(L)}`.

    For the pairs in :data:`FUSED` (and ``fused=True``) this is the shortcut
    :math:`(A - Y)/N`; otherwise the general path ``activation.backward(loss.grad(A, Y), Z, A)``,
    which works for any pair (softmax uses its Jacobian-vector product).

    Parameters
    ----------
    Z, A, Y : arrays, shape (N, K)
        Output pre-activation, output activation, targets.
    activation, loss : names or table entries.
    fused : bool
        Use the shortcut where it is valid.  ``False`` forces the general path (tests compare them).
    """
    act, ls = get_activation(activation), get_loss(loss)
    pair = is_fused(act, ls)
    if fused and pair:
        delta = A - Y  # [losses, eq. fused-delta]
        delta /= A.shape[0]
        return delta
    if pair and ls.clipped(A, Y):
        # the fused pairs' loss is computed from the logits without clipping (loss_from_logits)
        raise ValueError(
            f"the general output path cannot give the gradient of {ls.name} here: an output "
            f"probability rounded to 0 or 1 (the {act.name} saturates), so dJ/dA = "
            f"{'-Y/(N A)' if ls.name == 'cross_entropy' else '(A - Y)/(N A (1 - A))'} is not "
            "finite; use the fused output delta (A - Y)/N (fused=True), which is exact"
        )
    return act.backward(ls.grad(A, Y), Z, A)


def loss_from_logits(Z, Y, activation, loss, A=None, log_A=None):
    """The loss computed from the output pre-activation ``Z``, stably where a fused form exists.

    softmax + cross-entropy uses log-softmax (``log_A`` when the caller already has it from
    :func:`~nnlib.activations.softmax_and_log`), and sigmoid + binary cross-entropy uses
    ``ln(1 + e^z) - y z`` (``np.logaddexp``), so logits of size 1e4 give finite losses.
    Other pairs apply the activation (or take its value ``A`` from the caller) and then the loss.
    """
    act, ls = get_activation(activation), get_loss(loss)
    N = Z.shape[0]
    if not is_fused(act, ls):
        return ls.value(act.f(Z) if A is None else A, Y)
    if act.name == "softmax":
        # sum of Y * ln A as one dot product of the flattened arrays
        return -float(np.vdot(Y, log_softmax(Z) if log_A is None else log_A)) / N
    if act.name == "sigmoid":
        # -[y ln s(z) + (1-y) ln(1-s(z))] = ln(1 + e^z) - y z
        return float(np.sum(np.logaddexp(0.0, Z) - Y * Z)) / N
    return ls.value(act.f(Z), Y)
