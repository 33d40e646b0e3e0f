"""SymPy's ground-truth gradients, lambdified, against ``nnlib.MLP.gradients``.

The same loss that :mod:`nnlib.symbolic.network` differentiates symbolically is turned into
NumPy functions with :func:`sympy.lambdify` and evaluated at random points; the numbers must
match the backprop of :class:`nnlib.MLP` to a relative error below :data:`RTOL`.  So the code
that trains live in the chapters is the code the symbolic checks prove.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy

from .network import build_network

__all__ = ["RTOL", "OUTPUT_LOSS_PAIRS", "HIDDEN_ACTIVATIONS", "symbolic_gradient_function",
           "crosscheck", "random_problem"]

RTOL = 1e-10
"""Largest relative error accepted between SymPy's gradients and nnlib's."""

HIDDEN_ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "leaky_relu")
"""Every elementwise activation of nnlib (softmax is output-only)."""


def _pairs():
    from nnlib.activations import ACTIVATIONS
    from nnlib.losses import LOSSES
    out = []
    for loss in sorted(LOSSES):
        allowed = LOSSES[loss].outputs or tuple(sorted(ACTIVATIONS))
        out.extend((act, loss) for act in allowed)
    return tuple(out)


OUTPUT_LOSS_PAIRS = _pairs()
"""Every (output activation, loss) pair nnlib accepts (``nnlib.losses.check_pair``)."""


@functools.lru_cache(maxsize=None)
def symbolic_gradient_function(sizes, activations, loss, N, l2=False):
    """A NumPy function ``f(X, Y, weights, biases, lam) -> (dWs, dbs)`` from SymPy's gradients.

    Parameters
    ----------
    sizes, activations : tuples, as for :func:`~nnlib.symbolic.network.build_network`
    loss : str
    N : int
        Batch size the function is built for.
    l2 : bool
        Include nnlib's :math:`\\frac{\\lambda}{2N}\\sum W^2` (biases excluded).
    """
    net = build_network(tuple(sizes), tuple(activations), loss, N)
    lam = sympy.Symbol("lambda_")
    J = net.L
    if l2:
        J = J + lam / (2 * N) * sum(w ** 2 for W in net.W for w in W)
    grads = [sympy.diff(J, p) for p in net.params]
    args = list(net.X) + list(net.Y) + net.params + [lam]
    f = sympy.lambdify(args, grads, modules="numpy", cse=True)

    def gradients(X, Y, weights, biases, lam_value=0.0):
        flat = [v for W, b in zip(weights, biases) for v in list(W.ravel()) + list(b.ravel())]
        values = f(*X.ravel(), *Y.ravel(), *flat, lam_value)
        dWs, dbs, i = [], [], 0
        for W, b in zip(weights, biases):
            dWs.append(np.array(values[i:i + W.size], dtype=float).reshape(W.shape))
            i += W.size
            dbs.append(np.array(values[i:i + b.size], dtype=float).reshape(b.shape))
            i += b.size
        return dWs, dbs

    return gradients


def random_problem(net, N=3, seed=0, margin=1e-3):
    """Random inputs and valid targets for ``net`` (an :class:`nnlib.MLP`), with every
    pre-activation at least ``margin`` away from 0 (ReLU's kink), and random non-zero biases.

    Returns
    -------
    X : (N, n0), Y : (N, nL)
    """
    rng = np.random.default_rng(seed)
    K = net.sizes[-1]
    for _ in range(100):
        for b in net.biases:
            b[...] = rng.normal(0.0, 0.5, size=b.shape)
        X = rng.normal(size=(N, net.sizes[0]))
        Zs, _ = net.forward_cache(X)
        if min(np.abs(Z).min() for Z in Zs) > margin:
            break
    else:  # pragma: no cover - 100 draws all near a kink is vanishingly unlikely
        raise RuntimeError("could not draw a point away from ReLU's kink")
    if net.loss_name == "cross_entropy":
        P = rng.random((N, K)) + 0.1
        Y = P / P.sum(axis=1, keepdims=True)
    elif net.loss_name == "binary_cross_entropy":
        Y = rng.random((N, K))
    else:
        Y = rng.normal(size=(N, K))
    return X, Y


def crosscheck(net, X, Y, l2=0.0, fused=True):
    """Largest relative error between SymPy's gradients and ``net.gradients(X, Y)``.

    Parameters
    ----------
    net : nnlib.MLP
    X, Y : arrays (N, n0), (N, nL)
    l2 : float
    fused : bool
        Passed to ``MLP.gradients`` (False forces the general output path).

    Returns
    -------
    float
        ``max over layers`` of ``nnlib.relative_error`` for every dW and db.
    """
    from nnlib import relative_error

    acts = []
    for a in net.activations:
        if a.name == "leaky_relu" and a.params.get("slope", 0.01) != 0.01:
            raise ValueError("crosscheck builds leaky_relu with nnlib's default slope 0.01; "
                             f"got slope {a.params['slope']}")
        acts.append(a.name)
    f = symbolic_gradient_function(tuple(net.sizes), tuple(acts), net.loss_name, X.shape[0],
                                   l2=bool(l2))
    sym_dW, sym_db = f(X, Y, net.weights, net.biases, l2)
    dWs, dbs = net.gradients(X, Y, l2=l2, fused=fused)
    errs = [relative_error(a, b) for a, b in zip(sym_dW + sym_db, dWs + dbs)]
    return max(errs)
