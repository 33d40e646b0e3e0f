r"""Checks of the chapter "Reading the sources" (chapters/notation.ipynb,
chapter id ``"notation"``).

How the sources' notations translate into the book's: 001's columns against the
book's rows, 004's Theta with its bias column, 001's delta of the opposite sign, and a loss
that is a mean against one that is a sum.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..registry import Comparison, register
from ..symbols import layer_symbols, psi, psi_prime, symbol_matrix

__all__ = ["column_convention"]


def column_convention(n_in=3, n_out=2, N=2):
    r"""Source 001's column form for a batch: samples are the columns of :math:`X^T`.

    Returns ``(X, W, b, columns)`` with ``columns = W^T X^T + b^T 1^T`` of shape (n_out, N).
    """
    X, W, b = layer_symbols(n_in, n_out, N)
    return X, W, b, W.T * X.T + b.T * sympy.ones(1, N)


# --- chapter "notation" ----------------------------------------------------------------------
@register("notation.columns-vs-rows", "notation", "eq-notation-columns", "001",
          "Source 001's column form W^T x + b, one sample per column, is the transpose of the "
          "book's row form X W + 1 b.",
          r"W^{T} X^{T} + b^{T}\mathbf 1^{T} = \left(X W + \mathbf 1 b\right)^{T}",
          title="Columns and rows give the same numbers")
def _columns_vs_rows():
    X, W, b, columns = column_convention()
    rows = X * W + sympy.ones(X.rows, 1) * b
    return Comparison(columns, rows.T)


@register("notation.theta", "notation", "eq-notation-theta", "004",
          "Source 004's Theta has a column for the bias unit, a leading 1: z = Theta [1; a] in "
          "its column form.  Transposed into the book's rows that column is a first row, "
          "[1, a] Theta^T, and both give the book's a W + b.",
          r"\begin{bmatrix}\mathbf 1 & X\end{bmatrix}\begin{bmatrix} b \\ W\end{bmatrix}"
          r" = \left(\begin{bmatrix} b^{T} & W^{T}\end{bmatrix}"
          r"\begin{bmatrix}\mathbf 1^{T} \\ X^{T}\end{bmatrix}\right)^{T} = X W + \mathbf 1 b",
          title="Theta with a bias unit is W and b")
def _theta():
    X, W, b = layer_symbols(3, 2)
    N = X.rows
    ones = sympy.ones(N, 1)
    theta_rows = b.col_join(W)                       # (n_in + 1, n_out), bias row first
    theta_cols = b.T.row_join(W.T)                   # (n_out, n_in + 1), bias column first
    claimed = sympy.Matrix.hstack(ones.row_join(X) * theta_rows,
                                  (theta_cols * ones.T.col_join(X.T)).T)
    truth = X * W + ones * b
    return Comparison(claimed, sympy.Matrix.hstack(truth, truth))


@register("notation.delta-sign", "notation", "eq-notation-delta", "001",
          "Source 001's 'local gradient' (y - psi(a)) psi'(a) at an MSE output (001 calls the "
          "pre-activation a) is minus the book's delta = dJ/da.",
          r"\Delta_{001} = \big(y - \psi(a)\big)\,\psi'(a) = -\frac{\partial}{\partial a}"
          r"\tfrac12\big(y - \psi(a)\big)^{2} = -\delta",
          title="001's local gradient is minus the book's delta")
def _delta_sign():
    y, a = sympy.symbols("y a")
    loss = sympy.Rational(1, 2) * (y - psi(a)) ** 2
    return Comparison((y - psi(a)) * psi_prime(a), -sympy.diff(loss, a))


@register("notation.mean-vs-sum", "notation", "eq-notation-mean", "004",
          "The book averages the loss over the N samples (1/(2N)); source 004's regression "
          "loss sums (1/2): the book's gradient is 004's divided by N.",
          r"\frac{\partial}{\partial A}\,\frac{1}{2N}\sum_{n,k}(A_{nk}-Y_{nk})^{2}"
          r" = \frac{1}{N}\,\frac{\partial}{\partial A}\,\frac12\sum_{n,k}(A_{nk}-Y_{nk})^{2}"
          r" = \frac{A - Y}{N}",
          title="Mean over samples versus sum")
def _mean_vs_sum():
    N = 3
    A = symbol_matrix("a", N, 2)
    Y = symbol_matrix("y", N, 2)
    sq = sympy.Add(*[(A[k] - Y[k]) ** 2 for k in range(len(A))])
    book = A.applyfunc(lambda a: sympy.diff(sq / (2 * N), a))
    summed = A.applyfunc(lambda a: sympy.diff(sq / 2, a))
    claimed = sympy.Matrix.hstack(book, summed / N)
    return Comparison(claimed, sympy.Matrix.hstack((A - Y) / N, (A - Y) / N))
