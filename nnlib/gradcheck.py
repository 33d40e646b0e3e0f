r"""Gradient checking by central differences, the one checker the tests and chapters share.

.. math:: \frac{\partial J}{\partial\theta_i} \approx \frac{J(\theta + h e_i) - J(\theta - h e_i)}{2h}

The comparison is per parameter array, by norms, so that entries whose gradient is zero do
not turn round-off into a large relative error:

.. math:: \text{err} = \frac{\lVert g_{\text{backprop}} - g_{\text{numeric}}\rVert}
                          {\max(\lVert g_{\text{backprop}}\rVert + \lVert g_{\text{numeric}}\rVert, \epsilon)}
"""

from __future__ import annotations

import numpy as np

__all__ = ["STEP", "RTOL", "numerical_gradients", "relative_error", "gradcheck"]

STEP = 1e-6
"""Central-difference step h (float64)."""

RTOL = 1e-6
"""Relative error below which a gradient is called correct."""

_FLOOR = 1e-12


def relative_error(a, b):
    """Norm-wise relative error between two arrays of the same shape."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"relative_error: shapes differ, {a.shape} vs {b.shape}")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), _FLOOR))


def numerical_gradients(loss_fn, net, h=STEP):
    """Central-difference gradients of ``loss_fn()`` with respect to every weight and bias of ``net``.

    ``loss_fn`` takes no arguments and reads ``net``'s current parameters; each parameter is
    nudged in place by +h and -h and restored.

    Returns
    -------
    dWs, dbs : lists shaped like ``net.weights`` and ``net.biases``
    """
    out = []
    for group in (net.weights, net.biases):
        grads = []
        for P in group:
            G = np.zeros_like(P, dtype=float)
            for i in np.ndindex(P.shape):
                old = P[i]
                P[i] = old + h
                plus = loss_fn()
                P[i] = old - h
                minus = loss_fn()
                P[i] = old
                G[i] = (plus - minus) / (2 * h)
            grads.append(G)
        out.append(grads)
    return out[0], out[1]


def gradcheck(net, X, Y, l2=0.0, dropout=0.0, seed=0, h=STEP, grads=None, details=False):
    """Compare backprop's gradients with central differences; return the largest relative error.

    Parameters
    ----------
    net : MLP
    X, Y : arrays (N, sizes[0]) and (N, sizes[-1])
    l2 : float
        Include the L2 term.
    dropout : float
        With ``dropout > 0`` one fixed set of inverted-dropout masks (from ``seed``) is drawn and
        used by both sides, which checks the dropout backward pass.
    grads : (dWs, dbs), optional
        Gradients to check instead of ``net.gradients`` (e.g. a deliberately broken backward
        pass in the "Checking gradients" chapter).
    details : bool
        Also return the per-array errors as ``{"W1": err, "b1": err, ...}``.

    Returns
    -------
    float, or (float, dict) with ``details=True``
    """
    from .losses import loss_from_logits

    X, Y = net._check_data(X, Y)
    masks = net.dropout_masks(X.shape[0], dropout, np.random.default_rng(seed)) if dropout else None

    def loss_fn():
        Zs, _ = net.forward_cache(X, masks, _checked=True)
        return loss_from_logits(Zs[-1], Y, net.activations[-1], net.loss_fn) + net._l2_term(l2, X.shape[0])

    if grads is None:
        Zs, As = net.forward_cache(X, masks, _checked=True)
        grads = net._backward(Zs, As, Y, l2=l2, masks=masks)
    num = numerical_gradients(loss_fn, net, h)
    errors = {}
    for l, (a, n) in enumerate(zip(grads[0], num[0])):
        errors[f"W{l + 1}"] = relative_error(a, n)
    for l, (a, n) in enumerate(zip(grads[1], num[1])):
        errors[f"b{l + 1}"] = relative_error(a, n)
    worst = max(errors.values())
    return (worst, errors) if details else worst
