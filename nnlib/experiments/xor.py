r"""XOR, the chapter's experiments: the network of source 002 as a playground model
(:func:`xor_model`, which the chapter animates and its widget trains), and how often it learns
XOR over many seeds (:func:`xor_trials`, :class:`XorTrials`, plain :class:`~nnlib.MLP` runs).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import datasets
from .. import validate as v
from ..mlp import MLP
from .playground import PlaygroundModel

__all__ = ["XOR_LOSSES", "xor_model", "XorTrials", "xor_trials"]


XOR_LOSSES = {"binary_cross_entropy": "sigmoid + binary cross-entropy",
              "mse": "sigmoid + squared error"}
"""Losses :func:`xor_trials` compares (both with a sigmoid output)."""


def xor_model(hidden=4, lr=2.0, epochs_per_frame=25, seed=0):
    """The chapter's XOR network as a :class:`~nnlib.experiments.playground.PlaygroundModel`:
    2-``hidden``-1 (no hidden layer for ``hidden=0``), sigmoid hidden and output units, binary
    cross-entropy, full batch, on the four corners of source 002."""
    hidden = v.check_int("hidden", hidden, 0)
    return PlaygroundModel(dataset="xor corners", hidden=(hidden,) if hidden else (),
                           activation="sigmoid", output="sigmoid", lr=lr,
                           epochs_per_frame=epochs_per_frame, train_fraction=1.0, seed=seed)


@dataclasses.dataclass
class XorTrials:
    """Results of :func:`xor_trials`, one entry per seed.

    Attributes
    ----------
    seeds : array of int
    epochs : array of int, the epoch at which every output first came within ``tol`` of its
        target, or -1 if that did not happen within the budget
    worst : array of float, the largest :math:`|a - y|` over the four corners at the end
    settings : dict, the arguments of the run
    """

    seeds: np.ndarray
    epochs: np.ndarray
    worst: np.ndarray
    settings: dict

    @property
    def converged(self):
        """Boolean mask of the seeds that converged."""
        return self.epochs >= 0

    @property
    def fraction(self):
        """Fraction of seeds that converged."""
        return float(np.mean(self.converged))

    @property
    def right(self):
        """Boolean mask of the seeds whose rounded outputs are all right at the end
        (converged or not yet)."""
        return self.worst < 0.5


def xor_trials(seeds, hidden=4, loss="binary_cross_entropy", lr=2.0, epochs=1000, tol=0.1):
    r"""Train the XOR network once per seed and record whether and when it converged.

    Each run is a 2-``hidden``-1 :class:`~nnlib.MLP` with sigmoid hidden and output units,
    initialised from the seed, trained full-batch with plain gradient descent on the four
    corners.  A run has converged at the first epoch after which every output :math:`a` is
    within ``tol`` of its target :math:`y` (so rounding gives XOR with a margin); it then stops.

    Parameters
    ----------
    seeds : iterable of int
    hidden : int >= 1
    loss : one of :data:`XOR_LOSSES` (nnlib's ``mse`` is :math:`\frac1{2N}\sum(a - y)^2`)
    lr : float > 0
    epochs : int >= 1, the budget per run
    tol : float in (0, 0.5]

    Returns
    -------
    XorTrials
    """
    loss = v.check_choice("loss", loss, XOR_LOSSES)
    hidden = v.check_int("hidden", hidden, 1)
    lr = v.check_positive("lr", lr)
    epochs = v.check_int("epochs", epochs, 1)
    tol = v.check_float("tol", tol, 0, 0.5, low_open=True)
    seeds = np.array([v.check_seed("seed", s) for s in seeds], dtype=int)
    X, y = datasets.xor(4, 0.0)
    Y = y.reshape(-1, 1).astype(float)
    needed, worst = np.full(seeds.size, -1), np.zeros(seeds.size)

    for i, seed in enumerate(seeds):
        net = MLP([2, hidden, 1], ["sigmoid", "sigmoid"], loss=loss, seed=int(seed))

        def close_enough(epoch, _loss, net, i=i):
            if np.max(np.abs(net.forward(X) - Y)) < tol:
                needed[i] = epoch + 1
                return True
            return False

        net.fit(X, Y, lr=lr, epochs=epochs, callback=close_enough)
        worst[i] = float(np.max(np.abs(net.forward(X) - Y)))
    settings = dict(hidden=hidden, loss=loss, lr=lr, epochs=epochs, tol=tol)
    return XorTrials(seeds, needed, worst, settings)
