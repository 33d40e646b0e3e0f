"""The symbols every chapter's checks are written in: generic and concrete activations, the
losses, matrices of symbols, and a few helpers several chapters share.

A hidden activation can be left *generic*: :data:`phi` is an undefined function whose
derivative SymPy writes as :data:`phi_prime`, so a formula proven with it holds for every
activation.  :data:`sigma` (source 002's activation) and :data:`g` (source 004's) are generic
the same way.  The concrete activations are in :data:`SYMBOLIC_ACTIVATIONS`, the losses in
:data:`SYMBOLIC_LOSSES` (the SymPy twins of ``nnlib.activations`` and ``nnlib.losses``).
"""

from __future__ import annotations

import sympy

__all__ = [
    "phi", "phi_prime", "psi", "psi_prime", "sigma", "sigma_prime", "g", "g_prime",
    "generic_activation", "SYMBOLIC_ACTIVATIONS", "SYMBOLIC_LOSSES", "symbolic_activation",
    "symbolic_loss", "symbol_matrix", "hadamard", "colsum", "sigmoid", "softmax_rows",
    "row_constraint", "softmax_pretty", "layer_symbols",
]


# --- generic activations: phi with phi' -----------------------------------------------------
_GREEK = {r"\phi": "\u03c6", r"\psi": "\u03c8", r"\sigma": "\u03c3"}


def generic_activation(name, latex):
    r"""An undefined activation ``f`` and its derivative ``f'``, both SymPy functions.

    ``f(u).diff(w)`` is ``f'(u) * du/dw``, so a derivation made with ``f`` holds for every
    differentiable activation.

    Parameters
    ----------
    name : str
        Python name, e.g. ``"phi"``.
    latex : str
        How the function prints, e.g. ``r"\phi"``; the derivative prints with a prime.

    Returns
    -------
    f, f_prime : sympy Function classes
    """

    def _latex_prime(self, printer, exp=None):
        out = r"%s'\left(%s\right)" % (latex, printer._print(self.args[0]))
        return out if exp is None else r"{%s}^{%s}" % (out, exp)

    def _latex_f(self, printer, exp=None):
        out = r"%s\left(%s\right)" % (latex, printer._print(self.args[0]))
        return out if exp is None else r"{%s}^{%s}" % (out, exp)

    # what a verdict calls the function: "for any φ" (see nnlib.symbolic.render)
    shown = _GREEK.get(latex, latex.lstrip("\\"))
    prime = type(name + "_prime", (sympy.Function,),
                 {"nargs": 1, "_latex": _latex_prime, "generic": shown})
    f = type(name, (sympy.Function,), {
        "nargs": 1,
        "generic": shown,
        "_latex": _latex_f,
        "fdiff": lambda self, argindex=1: prime(self.args[0]),
    })
    return f, prime


phi, phi_prime = generic_activation("phi", r"\phi")
"""The generic hidden activation and its derivative."""
psi, psi_prime = generic_activation("psi", r"\psi")
"""A second generic activation, for the output layer (source 001's MSE with any output)."""
sigma, sigma_prime = generic_activation("sigma", r"\sigma")
"""Source 002's activation, kept generic: its formulas hold for any activation."""
g, g_prime = generic_activation("g", "g")
"""Source 004's activation g, kept generic where the formula does not use g' = g(1 - g)."""



# --- concrete activations (the SymPy twins of nnlib.activations) -----------------------------
def sigmoid(z):
    r""":math:`\sigma(z) = 1/(1 + e^{-z})` as a SymPy expression."""
    return 1 / (1 + sympy.exp(-z))


def _relu(z):
    return sympy.Piecewise((z, z > 0), (0, True))


def _leaky_relu(z, slope=sympy.Rational(1, 100)):
    return sympy.Piecewise((z, z >= 0), (slope * z, True))


SYMBOLIC_ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": sigmoid,
    "tanh": sympy.tanh,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "phi": phi,
    "psi": psi,
}
"""Elementwise activations, name -> ``f(z)`` returning a SymPy expression.  ``"softmax"`` is
handled row-wise by :func:`softmax_rows`; ``"phi"`` and ``"psi"`` are generic."""


def symbolic_activation(name, **params):
    """Look up an elementwise activation (``leaky_relu`` takes ``slope``).

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid ones.
    """
    if name == "leaky_relu" and params:
        slope = sympy.nsimplify(params.pop("slope"))
        if params:
            raise ValueError(f"leaky_relu takes only 'slope'; got {sorted(params)}")
        return lambda z: _leaky_relu(z, slope)
    if params:
        raise ValueError(f"activation {name!r} takes no parameters; got {sorted(params)}")
    if name not in SYMBOLIC_ACTIVATIONS:
        valid = ", ".join(sorted(list(SYMBOLIC_ACTIVATIONS) + ["softmax"]))
        raise ValueError(f"unknown symbolic activation {name!r}; valid names are: {valid}")
    return SYMBOLIC_ACTIVATIONS[name]


def softmax_rows(Z):
    r"""Row-wise softmax of a SymPy matrix: :math:`A_{ij} = e^{Z_{ij}} / \sum_k e^{Z_{ik}}`."""
    rows = []
    for i in range(Z.rows):
        e = [sympy.exp(Z[i, j]) for j in range(Z.cols)]
        s = sympy.Add(*e)
        rows.append([ej / s for ej in e])
    return sympy.Matrix(rows)


def _mse(A, Y):
    N = A.rows
    return sympy.Add(*[(A[k] - Y[k]) ** 2 for k in range(len(A))]) / (2 * N)


def _cross_entropy(A, Y):
    N = A.rows
    return -sympy.Add(*[Y[k] * sympy.log(A[k]) for k in range(len(A))]) / N


def _binary_cross_entropy(A, Y):
    N = A.rows
    return -sympy.Add(*[Y[k] * sympy.log(A[k]) + (1 - Y[k]) * sympy.log(1 - A[k])
                        for k in range(len(A))]) / N


SYMBOLIC_LOSSES = {
    "mse": _mse,
    "cross_entropy": _cross_entropy,
    "binary_cross_entropy": _binary_cross_entropy,
}
"""The losses of nnlib.losses, averaged over the N rows, name -> ``J(A, Y)``."""


def symbolic_loss(name):
    """Look up a loss by name; unknown names raise ValueError listing the valid ones."""
    if name not in SYMBOLIC_LOSSES:
        raise ValueError(
            f"unknown symbolic loss {name!r}; valid names are: {', '.join(sorted(SYMBOLIC_LOSSES))}"
        )
    return SYMBOLIC_LOSSES[name]


# --- matrices of symbols ---------------------------------------------------------------------
def symbol_matrix(base, rows, cols, layer=None, row_vector=False, **assumptions):
    r"""A matrix of symbols named in LaTeX, 1-based: ``x_{11}``, ``w^{(1)}_{23}``, ``b^{(2)}_{1}``.

    Parameters
    ----------
    base : str
        The letter, e.g. ``"x"``, ``"w"``, ``r"\hat y"``.
    rows, cols : int
    layer : int, optional
        Printed as a superscript ``^{(layer)}``.
    row_vector : bool
        Use one index (the column) for a 1-row matrix such as a bias.
    **assumptions
        Passed to :class:`sympy.Symbol` (e.g. ``real=True``).
    """
    sup = "" if layer is None else "^{(%d)}" % layer

    def name(i, j):
        idx = f"{j + 1}" if row_vector else f"{i + 1}{j + 1}"
        return f"{base}{sup}_{{{idx}}}"

    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(name(i, j), **assumptions))


def hadamard(A, B):
    """Elementwise product of two SymPy matrices of one shape (raises ValueError otherwise)."""
    if A.shape != B.shape:
        raise ValueError(f"hadamard: shapes differ, {A.shape} vs {B.shape}")
    return A.multiply_elementwise(B)


def colsum(M):
    """The column sums of a SymPy matrix, as a row: :math:`\\mathbf 1^T M`."""
    return sympy.ones(1, M.rows) * M


def row_constraint(Y):
    """Cross-entropy targets are probability rows: substitute the last column by 1 - the rest."""
    return {Y[i, -1]: 1 - sum(Y[i, j] for j in range(Y.cols - 1)) for i in range(Y.rows)}


def softmax_pretty(N, n, layer):
    r"""For display: write :math:`e^{z_{ij}}` as :math:`\hat y_{ij}` (a residual of dJ/dZ is
    homogeneous of degree 0 in each row's exponentials), then use that each row of
    :math:`\hat y` sums to 1 by writing its last entry as 1 minus the others."""
    E = [[sympy.Symbol(sympy.latex(sympy.exp(sympy.Symbol("z^{(%d)}_{%d%d}" % (layer, i + 1, j + 1)))))
          for j in range(n)] for i in range(N)]
    Yh = symbol_matrix(r"\hat y", N, n)
    last = {Yh[i, n - 1]: 1 - sum(Yh[i, j] for j in range(n - 1)) for i in range(N)}

    def pretty(res):
        def one(e):
            e = e.xreplace({E[i][j]: Yh[i, j] for i in range(N) for j in range(n)})
            return sympy.factor(sympy.cancel(sympy.together(e).xreplace(last)))
        return res.applyfunc(one) if isinstance(res, sympy.MatrixBase) else one(res)

    return pretty


def layer_symbols(n_in, n_out, N=2):
    """One layer's symbols in nnlib's layout: ``X`` (N, n_in), ``W`` (n_in, n_out) of layer 1 and
    the bias row ``b`` (1, n_out)."""
    X = symbol_matrix("x", N, n_in)
    W = symbol_matrix("w", n_in, n_out, layer=1)
    b = symbol_matrix("b", 1, n_out, layer=1, row_vector=True)
    return X, W, b
