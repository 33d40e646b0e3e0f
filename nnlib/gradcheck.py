r"""Gradient checking by central differences, the one checker the tests and chapters share.

.. math::
    \frac{\partial J}{\partial\theta_i} \approx \frac{J(\theta + h e_i) - J(\theta - h e_i)}{2h}

Two checkers share the step :data:`STEP` and the tolerance :data:`RTOL`:

* :func:`gradcheck` checks a network's backprop: it perturbs every weight and bias of the net;
* :func:`check_grad` checks the derivative of any function of an array (an activation, a loss,
  a layer), given as the derivative itself (``df``) or as a vector-Jacobian product (``vjp``),
  against :func:`numerical_jacobian`, as HIPS/autograd's ``check_grads`` does.

The comparison is by norms over the whole parameter vector (all weights and biases), so that
entries whose gradient is zero or tiny do not turn round-off into a large relative error:

.. math::
    \text{err} = \frac{\lVert g_{\text{backprop}} - g_{\text{numeric}}\rVert}
                      {\max(\lVert g_{\text{backprop}}\rVert
                            + \lVert g_{\text{numeric}}\rVert, \epsilon)}

With ``details=True`` each array's share is reported too: the norm of its own difference over
the same whole-vector denominator, so the shares show where a bug sits.
"""

from __future__ import annotations

import numpy as np

from . import validate as v

__all__ = ["STEP", "RTOL", "ATOL", "numerical_gradients", "relative_error", "gradcheck",
           "numerical_jacobian", "check_grad"]

STEP = 1e-6
"""Central-difference step h (float64)."""

RTOL = 1e-6
"""Relative error below which a gradient is called correct."""

ATOL = 1e-9
"""Absolute tolerance of :func:`check_grad`, for entries whose derivative is zero or tiny."""

_FLOOR = 1e-12


def relative_error(a, b):
    """Norm-wise relative error between two arrays of the same shape."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"relative_error: shapes differ, {a.shape} vs {b.shape}")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), _FLOOR))


def numerical_gradients(loss_fn, net, h=STEP):
    """Central-difference gradients of ``loss_fn()`` with respect to every weight and bias of
    ``net``.

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
    masks = None
    if v.check_fraction("dropout", dropout):
        rng = np.random.default_rng(v.check_seed("seed", seed))
        masks = net.dropout_masks(X.shape[0], dropout, rng)

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


def numerical_jacobian(f, x, h=STEP):
    r"""Central-difference Jacobian of the function ``f`` at the array ``x``.

    .. math:: J_{j,i} = \frac{f_j(x + h e_i) - f_j(x - h e_i)}{2h}

    ``f`` takes an array shaped like ``x`` and returns a number or an array; it is called on
    copies, so it may keep or change what it is given.

    Returns
    -------
    array of shape ``f(x).shape + x.shape``; for a scalar ``f``, the gradient (``x.shape``)
    """
    x = v.check_array("x", x).copy()
    h = v.check_positive("h", h)
    y = np.asarray(f(x.copy()), dtype=float)
    J = np.empty(y.shape + x.shape)
    lead = (slice(None),) * y.ndim
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = np.asarray(f(x.copy()), dtype=float)
        x[i] = old - h
        minus = np.asarray(f(x.copy()), dtype=float)
        x[i] = old
        if plus.shape != y.shape or minus.shape != y.shape:
            bad = plus.shape if plus.shape != y.shape else minus.shape
            raise ValueError(f"f returned shape {bad} for a perturbed x; at x it returned "
                             f"{y.shape}")
        J[lead + i] = (plus - minus) / (2 * h)
    return J


def check_grad(f, x, df=None, *, vjp=None, h=STEP, rtol=RTOL, atol=ATOL):
    r"""Check an analytic derivative of ``f`` at ``x`` against central differences.

    Give exactly one of

    * ``df(x)``: the derivative at ``x``, shaped ``f(x).shape + x.shape`` (the Jacobian; for a
      scalar ``f`` the gradient, shaped like ``x``);
    * ``vjp(g)``: the vector-Jacobian product :math:`g^T J` at ``x`` for an upstream gradient
      ``g`` shaped like ``f(x)`` (what a backward pass computes), returning an array shaped like
      ``x``.  It is called once per entry of ``f(x)`` with that basis vector, which rebuilds the
      whole Jacobian.

    Every entry is compared with :func:`numerical_jacobian`, as ``np.allclose`` does:
    :math:`|a - n| \le \text{atol} + \text{rtol}\,|n|` (NaN fails).

    Returns
    -------
    float
        The norm-wise :func:`relative_error` of the whole derivative, when every entry passes.

    Raises
    ------
    AssertionError
        naming the first entry that differs, both values, and how many entries differ.
    ValueError
        for bad arguments or a derivative of the wrong shape.
    """
    if (df is None) == (vjp is None):
        raise ValueError("check_grad needs exactly one of df (the derivative of f) and vjp "
                         "(its vector-Jacobian product)")
    for name, fn in (("f", f), ("df", df), ("vjp", vjp)):
        if fn is not None and not callable(fn):
            raise ValueError(f"{name} must be callable; got {type(fn).__name__}")
    x = v.check_array("x", x)
    rtol = v.check_nonnegative("rtol", rtol)
    atol = v.check_nonnegative("atol", atol)
    numeric = numerical_jacobian(f, x, h)
    out_shape = numeric.shape[:numeric.ndim - x.ndim]
    if df is not None:
        analytic = np.asarray(df(x.copy()), dtype=float)
        if analytic.shape != numeric.shape:
            raise ValueError(f"df returned shape {analytic.shape}; expected f(x).shape + x.shape "
                             f"= {numeric.shape}")
    else:
        analytic = np.empty_like(numeric)
        for j in np.ndindex(out_shape):
            g = np.zeros(out_shape)
            g[j] = 1.0
            row = np.asarray(vjp(g), dtype=float)
            if row.shape != x.shape:
                raise ValueError(f"vjp returned shape {row.shape}; expected x.shape = {x.shape}")
            analytic[j] = row
    err = relative_error(analytic, numeric)
    bad = ~(np.abs(analytic - numeric) <= atol + rtol * np.abs(numeric))
    if bad.any():
        i = tuple(int(k) for k in np.argwhere(bad)[0])
        raise AssertionError(
            f"check_grad: the analytic derivative differs from central differences at index {i}:"
            f" {float(analytic[i])!r} vs {float(numeric[i])!r}; {int(bad.sum())} of {bad.size}"
            f" entries beyond atol + rtol |numeric| (atol={atol:g}, rtol={rtol:g}); relative"
            f" error {err:.3g}")
    return err
