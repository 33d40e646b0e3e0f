"""Small 2-D data sets for classification, made with NumPy alone (no scikit-learn).

Every generator returns ``X`` (n, 2) and integer labels ``y`` (n,), and takes ``noise`` (the
standard deviation of Gaussian jitter) and ``seed``.  :func:`one_hot` turns labels into the
targets the losses expect, and :func:`train_test_split` splits a data set reproducibly.
"""

from __future__ import annotations

import numpy as np

from . import validate as v

__all__ = ["xor", "moons", "circles", "spirals", "blobs", "one_hot", "train_test_split",
           "DATASETS", "make"]


def _check(n, noise, seed, minimum=1):
    """The checked ``n``, ``noise``, ``seed`` (through :mod:`nnlib.validate`)."""
    return (v.check_int("n", n, minimum), v.check_nonnegative("noise", noise),
            v.check_seed("seed", seed))


def xor(n=4, noise=0.0, seed=0):
    """XOR: label 1 where exactly one coordinate is positive.

    ``n=4, noise=0`` gives the four corners (0,0), (0,1), (1,0), (1,1) of source 002; larger
    ``n`` samples points around the four corners of [-1, 1]^2.
    """
    n, noise, seed = _check(n, noise, seed)
    rng = np.random.default_rng(seed)
    if n == 4 and noise == 0:
        X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        return X, np.array([0, 1, 1, 0])
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    which = np.arange(n) % 4
    X = corners[which] * rng.uniform(0.2, 1.0, size=(n, 2)) + rng.normal(0, noise, (n, 2))
    y = (np.sign(corners[which, 0]) != np.sign(corners[which, 1])).astype(int)
    return X, y


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles (labels 0 and 1), centred near the origin."""
    n, noise, seed = _check(n, noise, seed, 2)
    rng = np.random.default_rng(seed)
    n0 = n // 2
    t0 = rng.uniform(0, np.pi, n0)
    t1 = rng.uniform(0, np.pi, n - n0)
    X0 = np.column_stack([np.cos(t0), np.sin(t0)])
    X1 = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.vstack([X0, X1]) - [0.5, 0.25]
    X = X + rng.normal(0, noise, X.shape)
    return X, np.r_[np.zeros(n0, int), np.ones(n - n0, int)]


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A small circle (label 1) inside a large one (label 0); ``factor`` is the radius ratio."""
    n, noise, seed = _check(n, noise, seed, 2)
    factor = v.check_float("factor", factor, 0, 1, low_open=True, high_open=True)
    rng = np.random.default_rng(seed)
    n0 = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.r_[np.ones(n0), np.full(n - n0, factor)]
    X = np.column_stack([r * np.cos(t), r * np.sin(t)]) + rng.normal(0, noise, (n, 2))
    return X, np.r_[np.zeros(n0, int), np.ones(n - n0, int)]


def spirals(n=300, classes=2, noise=0.1, turns=1.0, seed=0):
    """``classes`` interleaved spiral arms (labels 0..classes-1)."""
    classes = v.check_int("classes", classes, 2)
    n, noise, seed = _check(n, noise, seed, classes)
    turns = v.check_finite("turns", turns)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    t = 2 * np.pi * (turns * r + y / classes)
    X = np.column_stack([r * np.cos(t), r * np.sin(t)]) + rng.normal(0, noise, (n, 2)) * r[:, None]
    return X, y


def blobs(n=200, classes=3, noise=0.3, seed=0):
    """Gaussian blobs: ``classes`` clusters whose centres sit evenly on a circle of radius 1."""
    classes = v.check_int("classes", classes, 2)
    n, noise, seed = _check(n, noise, seed, classes)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    angle = 2 * np.pi * y / classes + np.pi / 4
    X = np.column_stack([np.cos(angle), np.sin(angle)]) + rng.normal(0, noise, (n, 2))
    return X, y


DATASETS = {"xor": xor, "moons": moons, "circles": circles, "spirals": spirals, "blobs": blobs}
"""Name -> generator."""


def make(name, n=200, noise=0.1, seed=0, **kwargs):
    """Make a data set by name; unknown names list the valid ones."""
    if not isinstance(name, str) or name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; valid names are: {', '.join(sorted(DATASETS))}")
    return DATASETS[name](n=n, noise=noise, seed=seed, **kwargs)


def one_hot(labels, n_classes=None):
    """Integer labels (N,) -> one-hot rows (N, n_classes)."""
    labels = v.check_array("labels", labels)
    if labels.ndim != 1:
        raise ValueError(f"one_hot expects a 1-D array of integer labels; got shape {labels.shape}")
    if labels.size and not np.all(labels == np.round(labels)):
        raise ValueError("one_hot expects integer labels")
    labels = labels.astype(int)
    if labels.size and labels.min() < 0:
        raise ValueError(f"labels must be >= 0; got {labels.min()}")
    k = int(labels.max()) + 1 if n_classes is None else v.check_size("n_classes", n_classes)
    if labels.size and labels.max() >= k:
        raise ValueError(f"label {labels.max()} does not fit n_classes = {k}")
    Y = np.zeros((labels.size, k))
    Y[np.arange(labels.size), labels] = 1.0
    return Y


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Shuffle and split; returns ``X_train, X_test, y_train, y_test``."""
    v.check_array("X", X)  # real, finite numbers (kept in their own dtype)
    v.check_array("y", y)
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim < 1 or y.ndim < 1 or X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y must have the same number of rows; got {X.shape[:1]} and {y.shape[:1]}")
    if X.shape[0] < 2:
        raise ValueError(f"train_test_split needs at least 2 samples; got {X.shape[0]}")
    test_fraction = v.check_float("test_fraction", test_fraction, 0, 1, low_open=True,
                                  high_open=True)
    seed = v.check_seed("seed", seed)
    n = X.shape[0]
    n_test = min(max(1, int(round(test_fraction * n))), n - 1)
    perm = np.random.default_rng(seed).permutation(n)
    test, train = perm[:n_test], perm[n_test:]
    return X[train], X[test], y[train], y[test]
