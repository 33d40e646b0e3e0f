r"""L2 and dropout, from the chapter "Beyond the sources".

* L2: :func:`train_l2` trains a classifier with the term :math:`\frac{\lambda}{2N}\sum W^2`;
  :func:`weight_norm` is the sum it penalises.
* Dropout: :func:`dropout_means` (Monte Carlo means with and without the :math:`1/(1-p)`
  scaling) and :func:`dropout_gradchecks` (the backward pass and two broken ones,
  gradient-checked with fixed masks, :data:`DROPOUT_BACKWARDS`).
"""

from __future__ import annotations

import numpy as np

from .. import validate as v
from ..gradcheck import gradcheck
from ..mlp import MLP

__all__ = ["weight_norm", "train_l2", "dropout_means", "DROPOUT_BACKWARDS",
           "dropout_gradchecks"]


def weight_norm(net):
    r""":math:`\sum_l \lVert W^{(l)}\rVert_F^2`, the sum the L2 term penalises (biases excluded)."""
    return float(sum(np.sum(W * W) for W in net.weights))


def train_l2(X, y, lam, hidden=(40, 40), lr=0.5, epochs=1500, momentum=0.9, seed=0):
    r"""A tanh classifier (sigmoid output, binary cross-entropy) trained full batch with the L2
    term :math:`\frac{\lambda}{2N}\sum W^2`.

    Parameters
    ----------
    X : array (N, 2); y : 0/1 labels (N,)
    lam : float >= 0
    hidden : tuple of int, hidden layer widths

    Returns
    -------
    net : MLP (trained), history : History
    """
    lam = v.check_nonnegative("lam", lam)
    X = np.asarray(X, dtype=float)
    Y = np.asarray(y, dtype=float).reshape(-1, 1)
    sizes = [X.shape[1], *hidden, 1]
    net = MLP(sizes, activations=["tanh"] * len(hidden) + ["sigmoid"],
              loss="binary_cross_entropy", seed=seed)
    history = net.fit(X, Y, lr=lr, epochs=epochs, momentum=momentum, l2=lam)
    return net, history


def dropout_means(a, p, draws=1000, seed=0):
    r"""Monte Carlo means of dropped activations, with and without inverted scaling.

    Each draw keeps every entry of ``a`` with probability :math:`1 - p` (mask :math:`m`).

    Returns
    -------
    inverted : array like ``a``, the mean of :math:`m \odot a / (1 - p)` (tends to ``a``)
    plain : array like ``a``, the mean of :math:`m \odot a` (tends to :math:`(1 - p)\,a`)
    """
    p = v.check_fraction("p", p)
    draws = v.check_count("draws", draws)
    if draws < 1:
        raise ValueError("draws must be >= 1")
    a = np.asarray(a, dtype=float)
    rng = np.random.default_rng(seed)
    masks = rng.random((draws,) + a.shape) < 1.0 - p
    plain = (masks * a).mean(axis=0)
    return plain / (1.0 - p), plain


DROPOUT_BACKWARDS = {
    "correct": "backward multiplies by the same masks m/(1-p) as the forward pass",
    "mask forgotten": "backward ignores the masks (as if nothing had been dropped)",
    "scale forgotten": "backward multiplies by the 0/1 mask but not by 1/(1-p)",
}
"""Backward passes through inverted dropout that :func:`dropout_gradchecks` tries."""


def dropout_gradchecks(net, X, Y, p=0.5, seed=0):
    r"""Gradient-check the backward pass through inverted dropout with one fixed set of masks.

    ``nnlib.gradcheck(..., dropout=p, seed=seed)`` draws the masks once and differentiates the
    loss of that thinned network numerically; each entry of :data:`DROPOUT_BACKWARDS` is
    checked against it.

    Returns
    -------
    dict name -> relative error
    """
    p = v.check_fraction("p", p)
    if p == 0:
        raise ValueError("p must be > 0 (with p = 0 nothing is dropped)")
    X, Y = net.check_data(X, Y)
    masks = net.dropout_masks(X.shape[0], p, np.random.default_rng(seed))  # gradcheck's masks
    cache = net.forward_cache(X, masks)
    backward = {
        "correct": masks,
        "mask forgotten": None,
        "scale forgotten": [m * (1.0 - p) for m in masks],
    }
    out = {}
    for name, used in backward.items():
        grads = net.backward(cache, Y, masks=used)
        out[name] = gradcheck(net, X, Y, dropout=p, seed=seed, grads=grads)
    return out
