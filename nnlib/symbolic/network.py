"""Networks built from SymPy symbols, their ground-truth gradients, and the residual test.

Conventions are nnlib's (rows are samples):

* ``X`` is an (N, n0) matrix of symbols :math:`x_{ij}` (sample i, input j, 1-based as in
  source 000), ``Y`` an (N, nL) matrix of targets :math:`y_{ij}`;
* layer l has ``W[l]`` (n_{l-1}, n_l) with entries :math:`w^{(l)}_{ij}` and a bias row ``b[l]``
  (1, n_l) with entries :math:`b^{(l)}_j`, broadcast over the N rows;
* :math:`Z^{(l)} = A^{(l-1)} W^{(l)} + \\mathbf 1 b^{(l)}`, :math:`A^{(l)} = \\phi(Z^{(l)})`.

**Ground truth** is SymPy's own differentiation of the scalar loss with respect to every weight
and bias symbol (:attr:`SymbolicNetwork.grad_W`, :attr:`SymbolicNetwork.grad_b`), and with
respect to a matrix of free symbols put in place of one layer's pre-activation
(:meth:`SymbolicNetwork.delta_truth`).  A claimed formula is compared with it by
:func:`residual`, which returns 0 exactly when the claim holds.

A hidden activation can be left *generic*: :data:`phi` is an undefined function whose
derivative SymPy writes as :data:`phi_prime`, so a formula proven with it holds for every
activation.  The concrete activations are in :data:`SYMBOLIC_ACTIVATIONS`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sympy

__all__ = [
    "phi", "phi_prime", "psi", "psi_prime", "generic_activation",
    "SYMBOLIC_ACTIVATIONS", "SYMBOLIC_LOSSES", "symbolic_activation", "symbolic_loss",
    "symbol_matrix", "SymbolicNetwork", "build_network", "residual", "is_zero", "hadamard",
    "sigmoid", "softmax_rows", "record_networks",
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

    # what a verdict calls the function: "for any φ" (see nnlib.symbolic.checks)
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


# --- the network -----------------------------------------------------------------------------
@dataclass(eq=False)
class SymbolicNetwork:
    """A feedforward network whose every number is a SymPy symbol.

    Build one with :func:`build_network` (cached).  Attributes are SymPy matrices.

    Attributes
    ----------
    sizes : tuple of int
    activations : tuple of str
        One per layer after the input; ``"softmax"`` only last.
    loss : str
    N : int
        Batch size (number of rows of ``X``).
    X : Matrix (N, n0)
    Y : Matrix (N, nL)
    W : list of Matrix, ``W[l]`` is layer l+1's (n_l, n_{l+1})
    b : list of Matrix, ``b[l]`` is layer l+1's bias row (1, n_{l+1})
    Z : list of Matrix, ``Z[l] = A[l] W[l] + 1 b[l]``
    A : list of Matrix, ``A[0] = X`` and ``A[l+1] = f(Z[l])``
    L : sympy expression, the scalar loss (the book's :math:`J`)
    """

    sizes: tuple
    activations: tuple
    loss: str
    N: int
    X: sympy.Matrix = None
    Y: sympy.Matrix = None
    W: list = field(default_factory=list)
    b: list = field(default_factory=list)
    Z: list = field(default_factory=list)
    A: list = field(default_factory=list)
    L: sympy.Expr = None
    names: dict = field(default_factory=dict, repr=False)
    """Pre-activation entry (compound expression) -> its display symbol :math:`z^{(l)}_{ij}`."""

    def __post_init__(self):
        n = self.sizes
        if len(n) < 2:
            raise ValueError(f"sizes needs at least an input and an output layer; got {n}")
        if len(self.activations) != len(n) - 1:
            raise ValueError(
                f"expected {len(n) - 1} activations for sizes {n}; got {len(self.activations)}"
            )
        if "softmax" in self.activations[:-1]:
            raise ValueError("softmax can only be the output activation")
        fs = [None if a == "softmax" else symbolic_activation(a) for a in self.activations]
        loss_fn = symbolic_loss(self.loss)
        self.X = symbol_matrix("x", self.N, n[0])
        self.Y = symbol_matrix("y", self.N, n[-1])
        ones = sympy.ones(self.N, 1)
        self.A = [self.X]
        for l in range(len(n) - 1):
            W = symbol_matrix("w", n[l], n[l + 1], layer=l + 1)
            b = symbol_matrix("b", 1, n[l + 1], layer=l + 1, row_vector=True)
            Z = self.A[-1] * W + ones * b
            zsym = symbol_matrix("z", self.N, n[l + 1], layer=l + 1)
            for k in range(len(Z)):
                self.names[Z[k]] = zsym[k]
            A = softmax_rows(Z) if fs[l] is None else Z.applyfunc(fs[l])
            self.W.append(W)
            self.b.append(b)
            self.Z.append(Z)
            self.A.append(A)
        self.L = loss_fn(self.A[-1], self.Y)

    # --- ground truth -----------------------------------------------------------------------
    @property
    def grad_W(self):
        """Ground truth :math:`\\partial J/\\partial W^{(l)}`, entry by entry, one Matrix per layer."""
        _note_differentiated()
        return self._grad_W

    @property
    def grad_b(self):
        """Ground truth :math:`\\partial J/\\partial b^{(l)}`, a (1, n_l) Matrix per layer."""
        _note_differentiated()
        return self._grad_b

    @functools.cached_property
    def _grad_W(self):
        return [W.applyfunc(lambda w: sympy.diff(self.L, w)) for W in self.W]

    @functools.cached_property
    def _grad_b(self):
        return [b.applyfunc(lambda c: sympy.diff(self.L, c)) for b in self.b]

    @property
    def params(self):
        """Every weight and bias symbol, in nnlib's ``get_flat`` order (W1, b1, W2, b2, ...)."""
        out = []
        for W, b in zip(self.W, self.b):
            out.extend(list(W))
            out.extend(list(b))
        return out

    def tail(self, layer):
        """The network from pre-activation ``layer`` on, with that pre-activation set free.

        Parameters
        ----------
        layer : int
            0-based layer index; ``Z[layer]`` is replaced by a matrix of free symbols
            :math:`z^{(layer+1)}_{ij}`.

        Returns
        -------
        Zfree : Matrix (N, n_{layer+1})
            The free symbols.
        names : dict
            Display names of the tail's pre-activations (for :func:`residual`).
        Zs, As : lists of Matrix
            The tail's pre-activations (``Zs[0] is Zfree``) and activations (``As[0]`` is the
            layer's input ``A[layer]``, kept for the weight gradient).
        L : expression
            The loss as a function of ``Zfree`` and the later weights.
        """
        if not 0 <= layer < len(self.W):
            raise ValueError(f"layer must be in 0..{len(self.W) - 1}; got {layer}")
        return _tail(self, layer)

    def delta_truth(self, layer):
        """Ground truth :math:`\\delta^{(l)} = \\partial J/\\partial Z^{(l)}` as a function of free
        symbols put in place of ``Z[layer]`` (0-based): returns ``(Zfree, delta)``."""
        _note_differentiated()
        Zfree, _, _, L, _ = self.tail(layer)
        return Zfree, Zfree.applyfunc(lambda z: sympy.diff(L, z))


@functools.lru_cache(maxsize=None)
def _tail(net, layer):
    n = net.sizes
    Zfree = symbol_matrix("z", net.N, n[layer + 1], layer=layer + 1)
    fs = [None if a == "softmax" else symbolic_activation(a) for a in net.activations]
    ones = sympy.ones(net.N, 1)
    Zs, As = [Zfree], [net.A[layer]]
    names = {z: z for z in Zfree}
    Z = Zfree
    for l in range(layer, len(n) - 1):
        if l > layer:
            Z = As[-1] * net.W[l] + ones * net.b[l]
            Zs.append(Z)
            zsym = symbol_matrix("z", net.N, n[l + 1], layer=l + 1)
            names.update({Z[k]: zsym[k] for k in range(len(Z))})
        A = softmax_rows(Z) if fs[l] is None else Z.applyfunc(fs[l])
        As.append(A)
    L = symbolic_loss(net.loss)(As[-1], net.Y)
    return Zfree, Zs, As, L, names


def build_network(sizes, activations, loss="mse", N=2):
    """Build (once per argument tuple) a :class:`SymbolicNetwork`.

    A check's run records every network it builds (see :func:`record_networks`), so that its
    verdict can say which instance it checked.

    Parameters
    ----------
    sizes : tuple of int, e.g. ``(2, 3, 2)``
    activations : tuple of str, one per layer after the input, e.g. ``("phi", "psi")``
    loss : str, one of :data:`SYMBOLIC_LOSSES`
    N : int, batch size (2 or 3 keeps every check fast)
    """
    net = _build_network(tuple(sizes), tuple(activations), loss, int(N))
    if _RECORDING:
        _RECORDING[-1].append(net)
    return net


@functools.lru_cache(maxsize=None)
def _build_network(sizes, activations, loss, N):
    return SymbolicNetwork(sizes, activations, loss, N)


_RECORDING = []


DIFFERENTIATED = "differentiated"
"""What :func:`record_networks` lists when a network's ground-truth gradient was asked for."""


def _note_differentiated():
    if _RECORDING and DIFFERENTIATED not in _RECORDING[-1]:
        _RECORDING[-1].append(DIFFERENTIATED)


class record_networks:
    """Context manager: the list it returns collects every network :func:`build_network` hands
    out inside the ``with`` block (in order, repeats included), and :data:`DIFFERENTIATED` once
    when a network's ground truth (``grad_W``, ``grad_b``, ``delta_truth``) was used."""

    def __enter__(self):
        _RECORDING.append([])
        return _RECORDING[-1]

    def __exit__(self, *exc):
        _RECORDING.pop()
        return False


# --- the residual -----------------------------------------------------------------------------
def _atomize(expr, names):
    """Replace every function application by a symbol, named after its argument when the
    argument is a known pre-activation entry (so ``phi(x11*w11 + ...)`` becomes the symbol
    :math:`\\phi(z^{(1)}_{11})`).  Outer applications are replaced whole (``xreplace`` is
    top-down), so ``exp(Z2)`` with ``tanh(Z1)`` inside becomes one symbol.  An exponential
    of a multiple of a pre-activation, ``exp(c z)``, becomes :math:`(e^{z})^c`, so that
    ``exp(z) * exp(-z)`` cancels as it should."""
    funcs = expr.atoms(sympy.Function)
    funcs = {f for f in funcs if not isinstance(f, sympy.Piecewise)}
    if not funcs:
        return expr
    mapping = {}
    for f in funcs:
        arg = f.args[0] if len(f.args) == 1 else None
        if arg is not None and arg in names:
            mapping[f] = sympy.Symbol(sympy.latex(f.func(names[arg])))
        elif isinstance(f, sympy.exp):
            c, p = arg.as_content_primitive()
            if p in names or p.is_Symbol:
                mapping[f] = sympy.Symbol(sympy.latex(sympy.exp(names.get(p, p)))) ** c
            elif -p in names or (-p).is_Symbol:
                mapping[f] = sympy.Symbol(sympy.latex(sympy.exp(names.get(-p, -p)))) ** (-c)
            else:
                mapping[f] = sympy.Symbol(sympy.latex(f))
        else:
            # an argument that is not a pre-activation (a plain symbol, a number): keep the
            # application readable by naming the symbol after it
            mapping[f] = sympy.Symbol(sympy.latex(f))
    return expr.xreplace(mapping)


def _reduce(expr, names, method):
    if expr == 0:
        return sympy.Integer(0)
    if method == "simplify":
        # tanh and friends are written with exp first, so identities between them and the
        # sigmoid (tanh a = 2 sigma(2a) - 1) reduce to rational functions of exp
        return sympy.simplify(sympy.simplify(expr).rewrite(sympy.exp))
    e = _atomize(expr, names) if names is not None else expr
    e = sympy.together(e)
    num, den = sympy.fraction(e)
    num = sympy.expand(num)
    if num == 0:
        return sympy.Integer(0)
    r = sympy.cancel(num / den)
    # factoring makes a short residual readable; a long one is shown expanded (factoring a
    # large polynomial costs seconds and rarely makes it shorter)
    return sympy.factor(r) if sympy.count_ops(r) < 150 else r


def residual(claimed, truth, names=None, method="rational", subs=None):
    """The simplified difference ``claimed - truth``: 0 (or a zero matrix) exactly when the
    claim holds.

    Parameters
    ----------
    claimed, truth : sympy expression or Matrix
    names : dict, optional
        Pre-activation entry -> display symbol (``SymbolicNetwork.names``).  With it, every
        function application (``phi``, ``exp``, ``tanh`` ...) is replaced by a symbol before
        the rational simplification, which is exact for identities that do not rely on a
        property of the function (the backprop formulas) and keeps the residual readable.
        Pass ``{}`` to atomize without display names.
    method : {"rational", "simplify"}
        ``"rational"`` (default): together, expand the numerator, cancel, factor.
        ``"simplify"``: :func:`sympy.simplify`, for identities about a concrete function
        (sigmoid' = sigmoid (1 - sigmoid)); scalar-sized expressions only.
    subs : dict, optional
        Substitutions applied to the difference first (e.g. a constraint ``y_12 = 1 - y_11``).

    Returns
    -------
    sympy expression or Matrix

    Raises
    ------
    ValueError
        When the shapes of two matrices differ (use :func:`compare` to get that as a verdict).
    """
    if method not in ("rational", "simplify"):
        raise ValueError(f"method must be 'rational' or 'simplify'; got {method!r}")
    cm, tm = isinstance(claimed, sympy.MatrixBase), isinstance(truth, sympy.MatrixBase)
    if cm != tm or (cm and claimed.shape != truth.shape):
        shape = lambda m: m.shape if isinstance(m, sympy.MatrixBase) else "scalar"
        raise ValueError(f"shape mismatch: claim {shape(claimed)}, truth {shape(truth)}")
    diff = claimed - truth
    if subs:
        diff = diff.subs(subs)
    if cm:
        return diff.applyfunc(lambda e: _reduce(e, names, method))
    return _reduce(diff, names, method)


def is_zero(r):
    """True when a residual (expression or Matrix) is exactly zero."""
    if isinstance(r, sympy.MatrixBase):
        return all(e == 0 for e in r)
    return r == 0
