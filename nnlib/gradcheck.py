r"""Gradient checking by central differences, the one checker the tests and chapters share.

.. math:: \frac{\partial J}{\partial\theta_i} \approx \frac{J(\theta + h e_i) - J(\theta - h e_i)}{2h}

The comparison is by norms over the whole parameter vector (all weights and biases), so that
entries whose gradient is zero or tiny do not turn round-off into a large relative error:

.. math:: \text{err} = \frac{\lVert g_{\text{backprop}} - g_{\text{numeric}}\rVert}
                          {\max(\lVert g_{\text{backprop}}\rVert + \lVert g_{\text{numeric}}\rVert, \epsilon)}

With ``details=True`` each array's share is reported too: the norm of its own difference over
the same whole-vector denominator, so the shares show where a bug sits.
"""

from __future__ import annotations

import numpy as np

from . import validate as v

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
    """Compare backprop's gradients with central differences; return the relative error.

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
        Also return each array's share of the error as ``{"W1": err, "b1": err, ...}``.

    Returns
    -------
    float, or (float, dict) with ``details=True``
    """
    X, Y = net.check_data(X, Y)
    l2 = v.check_nonnegative("l2", l2)
    h = v.check_positive("h", h)
    masks = net.dropout_masks(X.shape[0], dropout, np.random.default_rng(v.check_seed("seed", seed))) \
        if v.check_fraction("dropout", dropout) else None

    # both sides run the network's one forward pass (forward_cache) and, for the analytic side,
    # its one backward pass (backward)
    def loss_fn():
        return net.loss_from_cache(net.forward_cache(X, masks), Y, l2=l2)

    if grads is None:
        grads = net.backward(net.forward_cache(X, masks), Y, l2=l2, masks=masks)
    num = numerical_gradients(loss_fn, net, h)
    names = [f"W{l + 1}" for l in range(len(num[0]))] + [f"b{l + 1}" for l in range(len(num[1]))]
    analytic = [np.asarray(a, dtype=float) for a in list(grads[0]) + list(grads[1])]
    numeric = num[0] + num[1]
    for name, a, n in zip(names, analytic, numeric):
        if a.shape != n.shape:
            raise ValueError(f"gradient {name} has shape {a.shape}; expected {n.shape}")
    flat_a = np.concatenate([a.ravel() for a in analytic])
    flat_n = np.concatenate([n.ravel() for n in numeric])
    err = relative_error(flat_a, flat_n)
    if not details:
        return err
    denom = max(np.linalg.norm(flat_a) + np.linalg.norm(flat_n), _FLOOR)
    shares = {name: float(np.linalg.norm(a - n) / denom)
              for name, a, n in zip(names, analytic, numeric)}
    return err, shares
