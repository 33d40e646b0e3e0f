"""Activation functions, each next to its derivative, in one table.

Every entry of :data:`ACTIVATIONS` is an :class:`Activation` holding

* ``f(Z) -> A``: the forward map, applied to the pre-activation ``Z`` (N, n);
* ``deriv(Z, A) -> phi'(Z)``: the elementwise derivative.  It receives both the
  pre-activation ``Z`` and the activation ``A = f(Z)``; each docstring says which one it uses
  (sigmoid and tanh are cheapest written in terms of ``A``, ReLU needs ``Z``);
* ``backward(dA, Z, A) -> dZ``: the vector-Jacobian product that backprop needs,
  ``dZ = dA * phi'(Z)`` for elementwise activations and the softmax vector-Jacobian product
  for softmax, which is not elementwise.

All functions return new arrays; nothing is modified in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "get_activation",
    "identity",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "softmax",
    "log_softmax",
    "softmax_and_log",
    "softmax_jacobian",
    "softmax_vjp",
]


# --- identity -------------------------------------------------------------------------------
def identity(Z):
    """Identity map, ``A = Z``."""
    return np.array(Z, dtype=float, copy=True)


def identity_deriv(Z, A):
    """Derivative of the identity: ones shaped like ``Z`` (uses neither value)."""
    return np.ones_like(Z, dtype=float)


# --- sigmoid: s(z) = 1 / (1 + e^{-z}),  s' = s (1 - s)   [activations, eq. sigmoid-prime] ---
def sigmoid(Z):
    r"""Logistic sigmoid, stable for any finite ``Z`` (no overflow warning).

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    Written with ``e = exp(-|z|)`` so the exponential never overflows:
    ``sigma = 1/(1+e)`` for ``z >= 0`` and ``e/(1+e)`` for ``z < 0``.
    """
    Z = np.asarray(Z, dtype=float)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0, e) / (1.0 + e)


def sigmoid_deriv(Z, A):
    r"""Derivative of the sigmoid from the activation ``A``: :math:`\sigma'(z) = A (1 - A)`."""
    return A * (1.0 - A)


# --- tanh: tanh' = 1 - tanh^2   [activations, eq. tanh-prime] ------------------------------
def tanh(Z):
    r"""Hyperbolic tangent, :math:`\tanh z = 2\sigma(2z) - 1`."""
    return np.tanh(Z)


def tanh_deriv(Z, A):
    r"""Derivative of tanh from the activation ``A``: :math:`1 - A^2`."""
    return 1.0 - A * A


# --- relu: max(0, z), derivative 1 for z > 0 and 0 for z < 0 (0 is used at z = 0) -----------
def relu(Z):
    r"""Rectified linear unit, :math:`\max(0, z)`."""
    return np.maximum(Z, 0.0)


def relu_deriv(Z, A):
    """Derivative of ReLU from the pre-activation ``Z``: 1 where ``Z > 0``, else 0."""
    return (np.asarray(Z) > 0).astype(float)


# --- leaky relu: z for z >= 0, slope * z for z < 0 ------------------------------------------
def leaky_relu(Z, slope=0.01):
    r"""Leaky ReLU: :math:`z` for :math:`z \ge 0`, :math:`\text{slope}\cdot z` otherwise."""
    Z = np.asarray(Z, dtype=float)
    return np.where(Z >= 0, Z, slope * Z)


def leaky_relu_deriv(Z, A, slope=0.01):
    """Derivative of leaky ReLU from the pre-activation ``Z``: 1 where ``Z >= 0``, else slope."""
    return np.where(np.asarray(Z) >= 0, 1.0, slope)


# --- softmax: row-wise, s_j = e^{z_j} / sum_k e^{z_k} ----------------------------------------
# NumPy reduces a C-ordered (N, K) array along its short rows slowly: one inner loop of length
# K per row (about 9 us for the row maxima of 200 x 2 numbers).  A column-major copy turns it
# into K passes of length N (about 2 us).  The values are the same: a maximum is exact, and for
# K < 8 NumPy adds a row from left to right either way (from 8 on it sums in pairs, so wide
# rows keep the plain reduction).
_SEQUENTIAL_SUM = 8


def _row_max(Z):
    """``Z.max(axis=-1, keepdims=True)``, bit for bit."""
    if Z.ndim == 2:
        Z = np.asfortranarray(Z)
    return np.maximum.reduce(Z, axis=-1, keepdims=True)


def _row_sum(E):
    """``E.sum(axis=-1, keepdims=True)``, bit for bit."""
    if E.ndim == 2 and E.shape[1] < _SEQUENTIAL_SUM:
        E = np.asfortranarray(E)
    return np.add.reduce(E, axis=-1, keepdims=True)


def softmax(Z):
    r"""Row-wise softmax, shifted by the row maximum so no exponential overflows.

    .. math:: \operatorname{softmax}(z)_j = \frac{e^{z_j - \max z}}{\sum_k e^{z_k - \max z}}

    Parameters
    ----------
    Z : array, shape (N, n) or (n,)
        Logits; each row is one sample.

    Returns
    -------
    A : array, same shape as ``Z``; every row is positive and sums to 1.
    """
    return softmax_and_log(Z)[0]


def log_softmax(Z):
    r"""Row-wise log of the softmax, :math:`z_j - \max z - \ln\sum_k e^{z_k - \max z}`.

    Finite for any finite logits, which is what makes cross-entropy on logits stable.
    """
    return softmax_and_log(Z)[1]


def softmax_and_log(Z):
    r"""The softmax and its logarithm from one shifted exponential.

    With :math:`S = Z - \max_{row} Z` and :math:`s = \sum_{row} e^S`:
    :math:`A = e^S / s` and :math:`\ln A = S - \ln s`, finite for any finite logits even where
    :math:`A` underflows to 0.  :func:`softmax` and :func:`log_softmax` return one of the two;
    the network's forward pass keeps both, so that cross-entropy needs no second exponential.

    Parameters
    ----------
    Z : array, shape (N, n) or (n,)

    Returns
    -------
    A, log_A : arrays shaped like ``Z``
    """
    Z = np.asarray(Z, dtype=float)
    S = Z - _row_max(Z)
    A = np.exp(S)
    s = _row_sum(A)
    A /= s
    S -= np.log(s)
    return A, S


def softmax_jacobian(z):
    r"""Jacobian of softmax at one logit vector: :math:`J = \operatorname{diag}(s) - s s^T`.

    Parameters
    ----------
    z : array, shape (n,) for one sample, or (N, n) for a batch.

    Returns
    -------
    J : array, shape (n, n), or (N, n, n) for a batch; ``J[..., i, j] = ds_i / dz_j``.
    """
    s = softmax(z)
    return s[..., :, None] * np.eye(s.shape[-1]) - s[..., :, None] * s[..., None, :]


def softmax_vjp(dA, A):
    r"""Vector-Jacobian product of softmax (upstream gradient times Jacobian), without building J.

    For each row, :math:`dZ = J^T dA = s \odot (dA - (dA \cdot s))`, which is
    O(n) per sample where building :math:`J` would be O(n^2).

    Parameters
    ----------
    dA : array, shape (N, n)
        Gradient of the loss with respect to the softmax output.
    A : array, shape (N, n)
        The softmax output ``s`` of the forward pass.

    Returns
    -------
    dZ : array, shape (N, n)
    """
    return A * (dA - np.sum(dA * A, axis=-1, keepdims=True))


def softmax_backward(dA, Z, A):
    """Backward of softmax (uses the activation ``A``): the vector-Jacobian product."""
    return softmax_vjp(dA, A)


def softmax_deriv(Z, A):
    """Softmax is not elementwise: it has a Jacobian (see :func:`softmax_jacobian`)."""
    raise TypeError(
        "softmax has no elementwise derivative: its derivative is the Jacobian "
        "diag(s) - s s^T (nnlib.activations.softmax_jacobian); backward uses softmax_vjp"
    )


# --- the table ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Activation:
    """One activation: forward, derivative and backward, kept together.

    Attributes
    ----------
    name : str
    f : callable ``f(Z) -> A``
    deriv : callable ``deriv(Z, A) -> phi'(Z)`` (elementwise activations only)
    elementwise : bool
        False only for softmax, whose backward is a vector-Jacobian product.
    params : dict
        Parameters such as leaky ReLU's ``slope``.
    """

    name: str
    f: Callable
    deriv: Callable
    elementwise: bool = True
    params: dict = field(default_factory=dict)
    latex: str = ""

    def __call__(self, Z):
        return self.f(Z)

    def backward(self, dA, Z, A):
        """Return ``dZ = dJ/dZ`` from ``dA = dJ/dA`` and the forward pass's ``Z`` and ``A``."""
        if self.elementwise:
            return dA * self.deriv(Z, A)
        return softmax_backward(dA, Z, A)

    def __repr__(self):
        extra = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Activation({self.name!r}{extra})"

    # Activations are immutable: a copy is the object itself, and a pickled table entry comes
    # back as that entry (nnlib recognises the table's softmax and fused pairs by identity)
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce_ex__(self, protocol):
        if ACTIVATIONS.get(self.name) is self or self.name in _PARAMETRISED:
            return (_lookup, (self.name, dict(self.params)))
        return super().__reduce_ex__(protocol)


def _leaky(slope):
    if not np.isfinite(slope) or slope < 0:
        raise ValueError(f"leaky_relu slope must be a finite number >= 0; got {slope!r}")
    slope = float(slope)
    return Activation(
        "leaky_relu",
        lambda Z: leaky_relu(Z, slope),
        lambda Z, A: leaky_relu_deriv(Z, A, slope),
        params={"slope": slope},
        latex=r"\begin{cases} z & z \ge 0 \\ %g\,z & z < 0\end{cases}" % slope,
    )


ACTIVATIONS = {
    "identity": Activation("identity", identity, identity_deriv, latex="z"),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_deriv, latex=r"\frac{1}{1+e^{-z}}"),
    "tanh": Activation("tanh", tanh, tanh_deriv, latex=r"\tanh z"),
    "relu": Activation("relu", relu, relu_deriv, latex=r"\max(0, z)"),
    "leaky_relu": _leaky(0.01),
    "softmax": Activation(
        "softmax", softmax, softmax_deriv, elementwise=False,
        latex=r"\frac{e^{z_j}}{\sum_k e^{z_k}}",
    ),
}
"""The activation table: name -> :class:`Activation`."""

_PARAMETRISED = {"leaky_relu": _leaky}


def _lookup(name, params):
    return get_activation(name, **params) if params else ACTIVATIONS[name]


def get_activation(spec, **params):
    """Look up an activation by name (or pass an :class:`Activation` through).

    Parameters
    ----------
    spec : str or Activation
        One of ``ACTIVATIONS``' names.
    **params
        Parameters of a parametrised activation, e.g. ``slope=0.1`` for ``"leaky_relu"``.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the valid ones) or a parameter the activation
        does not take.
    """
    if isinstance(spec, Activation):
        if params:
            raise ValueError("parameters go with an activation name, not an Activation object")
        return spec
    if not isinstance(spec, str) or spec not in ACTIVATIONS:
        raise ValueError(
            f"unknown activation {spec!r}; valid names are: {', '.join(sorted(ACTIVATIONS))}"
        )
    if params:
        if spec not in _PARAMETRISED:
            raise ValueError(f"activation {spec!r} takes no parameters; got {sorted(params)}")
        try:
            return _PARAMETRISED[spec](**params)
        except TypeError:
            raise ValueError(
                f"activation {spec!r} takes only 'slope'; got {sorted(params)}"
            ) from None
    return ACTIVATIONS[spec]
