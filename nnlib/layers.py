"""The affine layer as two pure functions, and the ways the sources write the bias.

Forward and backward (rows are samples):

.. math::
    Z = A_{prev} W + b, \\qquad
    \\frac{\\partial J}{\\partial W} = A_{prev}^T \\delta, \\quad
    \\frac{\\partial J}{\\partial b} = \\mathbf 1^T \\delta, \\quad
    \\frac{\\partial J}{\\partial A_{prev}} = \\delta W^T

The bias three ways, all giving the same ``Z`` (chapter "Bias"):

* a vector ``b`` (n_out,) broadcast over the rows (sources 000, 001, and nnlib itself);
* a matrix of N repeated rows (source 000's :math:`b^{(1)}`), :func:`repeated_bias`;
* an appended column of ones with the bias folded into the weights as an extra row
  (sources 002 and 004), :func:`append_ones` and :func:`fold_bias`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["linear_forward", "linear_backward", "append_ones", "fold_bias", "unfold_bias",
           "repeated_bias"]


def linear_forward(X, W, b):
    r"""Affine map of a batch, :math:`Z = X W + b`.

    Parameters
    ----------
    X : array, shape (N, n_in)
    W : array, shape (n_in, n_out)
    b : array, shape (n_out,)

    Returns
    -------
    Z : array, shape (N, n_out)
    """
    Z = X @ W
    Z += b  # in place: the same numbers as X @ W + b, one temporary fewer
    return Z


def linear_backward(dZ, A_prev, W, need_dA=True, out=None):
    r"""Gradients of the affine map from :math:`\delta = \partial J/\partial Z`.

    Parameters
    ----------
    dZ : array, shape (N, n_out)
        The layer's delta.
    A_prev : array, shape (N, n_in)
        The layer's input, as cached by the forward pass.
    W : array, shape (n_in, n_out)
    need_dA : bool
        The first layer passes ``False``: nobody needs the gradient with respect to the data.
    out : (dW, db) arrays, optional
        Write the gradients into these (float64, shapes (n_in, n_out) and (n_out,)), as
        :meth:`nnlib.MLP.backward` does into its flat gradient vector; default: new arrays.

    Returns
    -------
    dA_prev : array (N, n_in) or None
        :math:`\delta W^T`.
    dW : array (n_in, n_out)
        :math:`A_{prev}^T \delta`.
    db : array (n_out,)
        Column sums of :math:`\delta`.
    """
    if out is None:
        dW = A_prev.T @ dZ
        db = np.add.reduce(dZ, axis=0)
    else:
        dW = np.matmul(A_prev.T, dZ, out=out[0])
        db = np.add.reduce(dZ, axis=0, out=out[1])
    dA_prev = dZ @ W.T if need_dA else None
    return dA_prev, dW, db


def append_ones(X):
    """Append a column of ones: (N, n) -> (N, n + 1), the "bias unit" of sources 002 and 004."""
    X = np.asarray(X, dtype=float)
    return np.hstack([X, np.ones((X.shape[0], 1))])


def fold_bias(W, b):
    r"""Stack the bias under the weights: :math:`\tilde W = \begin{bmatrix} W \\ b \end{bmatrix}`.

    With :func:`append_ones`, ``append_ones(X) @ fold_bias(W, b) == X @ W + b``.  Applied to
    the gradients, ``fold_bias(dW, db)`` is the gradient with respect to the folded matrix.

    Parameters
    ----------
    W : array, shape (n_in, n_out)
    b : array, shape (n_out,)

    Returns
    -------
    W_tilde : array, shape (n_in + 1, n_out)
    """
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    if W.ndim != 2 or b.shape != (W.shape[1],):
        raise ValueError(
            f"fold_bias expects W of shape (n_in, n_out) and b of shape (n_out,); "
            f"got W {W.shape} and b {b.shape}"
        )
    return np.vstack([W, b[None, :]])


def unfold_bias(W_tilde):
    """Split a folded matrix (n_in + 1, n_out) back into ``W`` (n_in, n_out) and ``b`` (n_out,)."""
    W_tilde = np.asarray(W_tilde, dtype=float)
    if W_tilde.ndim != 2 or W_tilde.shape[0] < 2:
        raise ValueError(
            f"unfold_bias expects a folded matrix of shape (n_in + 1, n_out); got {W_tilde.shape}"
        )
    return W_tilde[:-1].copy(), W_tilde[-1].copy()


def repeated_bias(b, N):
    """Source 000's bias matrix: the row ``b`` repeated ``N`` times, shape (N, n_out)."""
    b = np.asarray(b, dtype=float)
    return np.tile(b, (N, 1))
