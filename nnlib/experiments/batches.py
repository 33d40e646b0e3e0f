r"""Mini-batches, from the chapter "Beyond the sources": what the batch size does to training
and how far a batch's gradient falls from the full gradient.

* :func:`compare_batch_sizes` trains copies of one network with several batch sizes and records
  the full-data loss per epoch (:class:`BatchRun`);
* :func:`per_sample_gradients`, :func:`minibatch_noise` (Monte Carlo) and
  :func:`minibatch_noise_formula` (its closed form) measure the gradient noise of a batch.

Rows are samples; the momentum update is nnlib's (``MLP.fit``).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from .. import validate as v
from ..params import flatten

__all__ = ["BatchRun", "compare_batch_sizes", "per_sample_gradients", "minibatch_noise",
           "minibatch_noise_formula"]


@dataclasses.dataclass
class BatchRun:
    """One training run of :func:`compare_batch_sizes`.

    Attributes
    ----------
    batch_size : int
    losses : array (epochs + 1,)
        Loss on the whole training set before training and after every epoch.
    updates_per_epoch : int
        :math:`\\lceil N/B \\rceil`, one gradient evaluation (and one update) per batch.
    diverged : bool
    message : str, what ``MLP.fit`` said
    """

    batch_size: int
    losses: np.ndarray
    updates_per_epoch: int
    diverged: bool
    message: str

    @property
    def updates(self):
        """Gradient evaluations (= parameter updates) done before each entry of ``losses``."""
        return np.arange(self.losses.size) * self.updates_per_epoch


def compare_batch_sizes(net, X, Y, batch_sizes, lr=0.1, epochs=30, momentum=0.0, seed=0):
    """Train a copy of ``net`` once per batch size, all from the same start.

    Parameters
    ----------
    net : MLP, left unchanged
    X, Y : arrays (N, n_in), (N, n_out)
    batch_sizes : iterable of int in 1..N, or None for the full batch
    lr : float > 0, or a dict batch size -> learning rate
    epochs : int >= 1
    momentum : float in [0, 1)
    seed : int, seeds the shuffling (the same for every batch size)

    Returns
    -------
    list of BatchRun, in the order of ``batch_sizes``
    """
    X, Y = net.check_data(X, Y)
    N = X.shape[0]
    epochs = v.check_count("epochs", epochs)
    if epochs < 1:
        raise ValueError("epochs must be >= 1")
    runs = []
    for B in batch_sizes:
        B = v.check_batch_size(B, N)
        rate = lr[B] if isinstance(lr, dict) else lr
        model = net.copy()
        losses = [model.loss(X, Y)]

        def record(epoch, loss, m):
            losses.append(m.loss(X, Y))

        history = model.fit(X, Y, lr=rate, epochs=epochs, batch_size=B, momentum=momentum,
                            seed=seed, callback=record)
        out = np.full(epochs + 1, np.nan)
        out[:len(losses)] = losses
        runs.append(BatchRun(B, out, math.ceil(N / B), history.diverged, history.message))
    return runs


def per_sample_gradients(net, X, Y):
    r"""The gradient of each sample's own loss, flattened as ``get_flat``: (N, n_params).

    Row n is :math:`\nabla_\theta C^n`, computed by ``net.gradients`` on the batch of one
    sample n; the mean of the rows is the gradient of the mean loss.
    """
    X, Y = net.check_data(X, Y)
    rows = []
    for n in range(X.shape[0]):
        rows.append(flatten(*net.gradients(X[n:n + 1], Y[n:n + 1])))
    return np.array(rows)


def minibatch_noise(net, X, Y, batch_sizes, draws=200, seed=0):
    r"""Mean squared distance between a random mini-batch's gradient and the full gradient.

    For each batch size B, ``draws`` batches of B distinct samples are drawn uniformly; each
    batch's gradient ``net.gradients(X[idx], Y[idx])`` is compared with the full-batch one:
    :math:`\mathbb E\,\lVert g_B - g\rVert^2` estimated by the average over the draws.

    Returns
    -------
    array (len(batch_sizes),)
    """
    X, Y = net.check_data(X, Y)
    N = X.shape[0]
    draws = v.check_count("draws", draws)
    if draws < 1:
        raise ValueError("draws must be >= 1")
    rng = np.random.default_rng(seed)
    full = flatten(*net.gradients(X, Y))
    out = []
    for B in batch_sizes:
        B = v.check_batch_size(B, N)
        total = 0.0
        for _ in range(draws):
            idx = rng.choice(N, size=B, replace=False)
            total += float(np.sum((flatten(*net.gradients(X[idx], Y[idx])) - full) ** 2))
        out.append(total / draws)
    return np.array(out)


def minibatch_noise_formula(G, batch_size):
    r""":math:`\mathbb E\,\lVert g_B - g\rVert^2` for batches of B distinct samples drawn uniformly.

    .. math:: \frac{N - B}{B\,(N - 1)}\;\frac1N\sum_{n=1}^N \lVert g_n - g\rVert^2

    with :math:`g_n` the rows of ``G`` (per-sample gradients) and :math:`g` their mean.  It is
    :math:`1/B` of the per-sample spread, times the finite-population factor
    :math:`(N - B)/(N - 1)` that makes it 0 for the full batch.
    """
    G = np.asarray(G, dtype=float)
    if G.ndim != 2 or G.shape[0] < 2:
        raise ValueError(f"G must be (N, n_params) with N >= 2; got shape {G.shape}")
    N = G.shape[0]
    B = v.check_batch_size(batch_size, N)
    spread = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
    return (N - B) / (B * (N - 1)) * spread
