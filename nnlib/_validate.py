"""Input checks shared by nnlib: each raises a ValueError that names the problem."""

from __future__ import annotations

import numbers

import numpy as np


def check_sizes(sizes):
    try:
        sizes = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise ValueError(f"sizes must be a list of positive integers; got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least 2 layers (inputs and outputs), e.g. [2, 3, 2]; got {sizes}"
        )
    if any(s < 1 for s in sizes):
        raise ValueError(f"every layer needs at least 1 unit; got sizes {sizes}")
    return sizes


def _as_float_2d(name, arr):
    try:
        arr = np.asarray(arr, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a numeric array; got {type(arr).__name__}") from None
    return arr


def _finite(name, arr):
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{name} contains NaN or inf (first at index {tuple(int(i) for i in bad)}); "
            "clean the data before training"
        )


def check_X(X, n_in):
    X = _as_float_2d("X", X)
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(
            f"X must have shape (N, {n_in}) (rows are samples, {n_in} inputs); got {X.shape}"
        )
    if X.shape[0] == 0:
        raise ValueError("X has no samples (shape (0, ...))")
    _finite("X", X)
    return X


def check_Y(Y, N, n_out, loss):
    Y = _as_float_2d("Y", Y)
    if Y.shape != (N, n_out):
        hint = ""
        if Y.ndim == 1 and Y.shape[0] == N and n_out > 1:
            hint = "; for integer class labels use nnlib.one_hot(labels, %d)" % n_out
        elif Y.ndim == 1 and Y.shape[0] == N and n_out == 1:
            hint = "; reshape the targets to a column with Y.reshape(-1, 1)"
        raise ValueError(f"Y must have shape ({N}, {n_out}) to match X and the output layer; "
                         f"got {Y.shape}{hint}")
    _finite("Y", Y)
    loss.check_targets(Y)
    return Y


def check_parameters(net):
    n_layers = len(net.sizes) - 1
    for name in ("weights", "biases"):
        got = getattr(net, name)
        count = len(got) if isinstance(got, (list, tuple)) else None
        if count != n_layers:
            what = count if count is not None else type(got).__name__
            raise ValueError(f"{name} must be a list of {n_layers} arrays, one per layer; got {what}")
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        expect_W = (net.sizes[l], net.sizes[l + 1])
        if getattr(W, "shape", None) != expect_W:
            raise ValueError(f"weights[{l}] must have shape {expect_W}; got {getattr(W, 'shape', W)}")
        if getattr(b, "shape", None) != (net.sizes[l + 1],):
            raise ValueError(
                f"biases[{l}] must have shape ({net.sizes[l + 1]},); got {getattr(b, 'shape', b)}"
            )


def _number(name, x):
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or not np.isfinite(x):
        raise ValueError(f"{name} must be a finite number; got {x!r}")
    return float(x)


def check_positive(name, x):
    x = _number(name, x)
    if x <= 0:
        raise ValueError(f"{name} must be > 0; got {x:g}")
    return x


def check_nonnegative(name, x):
    x = _number(name, x)
    if x < 0:
        raise ValueError(f"{name} must be >= 0; got {x:g}")
    return x


def check_fraction(name, x):
    x = _number(name, x)
    if not 0 <= x < 1:
        raise ValueError(f"{name} must be in [0, 1); got {x:g}")
    return x


def check_count(name, x):
    if isinstance(x, bool) or not isinstance(x, numbers.Integral) or x < 0:
        raise ValueError(f"{name} must be a whole number >= 0; got {x!r}")
    return int(x)


def check_batch_size(batch_size, N):
    if batch_size is None:
        return N
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral):
        raise ValueError(f"batch_size must be a whole number in 1..{N} or None; got {batch_size!r}")
    if not 1 <= batch_size <= N:
        raise ValueError(f"batch_size must be in 1..N = 1..{N} (or None for the full batch); "
                         f"got {batch_size}")
    return int(batch_size)


def check_finite(name, x):
    """A finite real number (not a bool), as a float."""
    return _number(name, x)


def check_size(name, x):
    """A whole number >= 1 (a size or count of samples)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Integral) or x < 1:
        raise ValueError(f"{name} must be a whole number >= 1; got {x!r}")
    return int(x)
