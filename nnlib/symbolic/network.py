"""Networks built from SymPy symbols and their ground-truth gradients, and the sources' networks
that several chapters check.

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
:func:`~nnlib.symbolic.residual.residual`, which returns 0 exactly when the claim holds.

The sources' own networks, in their own layouts, are here too because a chapter and the errata
both check them: :func:`net_000` (000's 2-3-2 tanh-softmax), :func:`net_001` (001's columns),
:func:`net_002` (002's neuron-by-neuron 2-2-2), :func:`net_004_logistic` (004's algorithm), and
the four backprop formulas for generic activations (:func:`net_generic`,
:func:`deltas_generic`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sympy

from .symbols import (
    g,
    hadamard,
    phi,
    phi_prime,
    psi,
    psi_prime,
    sigma,
    sigma_prime,
    sigmoid,
    softmax_rows,
    symbol_matrix,
    symbolic_activation,
    symbolic_loss,
)

__all__ = [
    "SymbolicNetwork", "build_network", "record_networks", "DIFFERENTIATED", "net_000",
    "net_generic", "deltas_generic", "dZ_da", "net_001", "net_002", "net_004_logistic",
]


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


# --- networks several chapters check ----------------------------------------------------------
def net_000():
    """Source 000's network: 2-3-2, tanh then softmax, cross-entropy, N = 2."""
    return build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", 2)


def net_generic():
    """The 2-3-2 network with generic activations (phi hidden, psi output) and MSE, N = 2."""
    return build_network((2, 3, 2), ("phi", "psi"), "mse", 2)


def deltas_generic(net):
    """Every layer's delta by the four backprop formulas, for generic phi (hidden) and psi
    (output) with MSE: a list, ``out[l]`` for layer l + 1."""
    out = [None] * len(net.W)
    L = len(net.W)
    out[-1] = hadamard((net.A[-1] - net.Y) / net.N, net.Z[-1].applyfunc(psi_prime))
    for l in range(L - 2, -1, -1):
        out[l] = hadamard(out[l + 1] * net.W[l + 1].T, net.Z[l].applyfunc(phi_prime))
    return out


def dZ_da(level):
    """Jacobian of Z^(level) with respect to a free a^(1) in :func:`net_000`, rows (m, n),
    columns (p, q): returns ``(claimed, truth)``, the claim being 000's [m = p] W^(2)_qn over
    Z^(2)'s index ranges (so it holds for ``level=2`` and fails for 000's ``level=1``)."""
    net = net_000()
    A1 = symbol_matrix("a", 2, 3, layer=1)
    Z = net.Z[0] if level == 1 else A1 * net.W[1] + sympy.ones(2, 1) * net.b[1]
    rows = [(m, n) for m in range(2) for n in range(2)]
    cols = [(p, q) for p in range(2) for q in range(3)]
    truth = sympy.Matrix(len(rows), len(cols),
                         lambda r, c: sympy.diff(Z[rows[r]], A1[cols[c]]))
    claim = sympy.Matrix(len(rows), len(cols),
                         lambda r, c: net.W[1][cols[c][1], rows[r][1]] if rows[r][0] == cols[c][0] else 0)
    return claim, truth


def net_001(n=(2, 3, 2)):
    """Source 001's layout for one sample: columns, a = W^T z + b pre-activation, z = phi(a)
    activation (001 swaps the usual letters), MSE 1/2 sum (y - z)^2.  Generic phi (hidden)
    and psi (output)."""
    x = symbol_matrix("x", n[0], 1)
    W1, W2 = symbol_matrix("w", n[0], n[1], layer=1), symbol_matrix("w", n[1], n[2], layer=2)
    b1 = symbol_matrix("b", n[1], 1, layer=1)
    b2 = symbol_matrix("b", n[2], 1, layer=2)
    y = symbol_matrix("y", n[2], 1)
    a1 = W1.T * x + b1
    z1 = a1.applyfunc(phi)
    a2 = W2.T * z1 + b2
    z2 = a2.applyfunc(psi)
    L = sum((y[k] - z2[k]) ** 2 for k in range(n[2])) / 2
    names = {a1[k]: sympy.Symbol("a^{(1)}_{%d}" % (k + 1)) for k in range(n[1])}
    names.update({a2[k]: sympy.Symbol("a^{(2)}_{%d}" % (k + 1)) for k in range(n[2])})
    D2 = hadamard(y - z2, a2.applyfunc(psi_prime))     # 001's Delta^(2): the NEGATIVE gradient
    D1 = hadamard(W2 * D2, a1.applyfunc(phi_prime))    # 001's Delta^(1) = (W^(2) Delta^(2)) * phi'
    return dict(x=x, W1=W1, W2=W2, b1=b1, b2=b2, y=y, a1=a1, z1=z1, a2=a2, z2=z2, L=L,
                names=names, D1=D1, D2=D2)


def net_002():
    """Source 002's 2-2-2 network with weights a..h, biases b_F, b_G, b_H, b_I, and a
    generic activation sigma.  Returns a dict of its symbols and expressions."""
    a, b, c, d, e, f, g_, h = sympy.symbols("a b c d e f g h")
    i1, i2, t1, t2 = sympy.symbols("i_1 i_2 t_1 t_2")
    bF, bG, bH, bI = sympy.symbols("b_F b_G b_H b_I")
    netF = a * i1 + b * i2 + bF
    netG = c * i1 + d * i2 + bG
    F, G = sigma(netF), sigma(netG)
    netH = e * F + f * G + bH
    netI = g_ * F + h * G + bI
    H, I = sigma(netH), sigma(netI)
    Error = (H - t1) ** 2 + (I - t2) ** 2
    names = {netF: sympy.Symbol("net_F"), netG: sympy.Symbol("net_G"),
             netH: sympy.Symbol("net_H"), netI: sympy.Symbol("net_I")}
    S = dict(a=a, b=b, c=c, d=d, e=e, f=f, g=g_, h=h, i1=i1, i2=i2, t1=t1, t2=t2, bF=bF, bG=bG,
             bH=bH, bI=bI, netF=netF, netG=netG, netH=netH, netI=netI, F=F, G=G, H=H, I=I,
             Error=Error, names=names)
    S["sF"], S["sG"] = sigma_prime(netF), sigma_prime(netG)
    S["sH"], S["sI"] = sigma_prime(netH), sigma_prime(netI)
    return S


def net_004_logistic(K=1, m=2, lam=True):
    """004's algorithm layout: Theta^(l) is (s_{l+1}, s_l + 1), column 0 the bias; a column
    vector per example with the bias unit a_0 = 1 first; sigmoid output, generic hidden g;
    J = mean binary cross-entropy + lambda/(2m) sum of the non-bias Theta^2."""
    s1, s2 = 2, 2
    X = symbol_matrix("x", m, s1)
    Y = symbol_matrix("y", m, K)
    T1 = sympy.Matrix(s2, s1 + 1, lambda i, j: sympy.Symbol(r"\Theta^{(1)}_{%d%d}" % (i + 1, j)))
    T2 = sympy.Matrix(K, s2 + 1, lambda i, j: sympy.Symbol(r"\Theta^{(2)}_{%d%d}" % (i + 1, j)))
    lam_ = sympy.Symbol(r"\lambda")
    names, per = {}, []
    for t in range(m):
        a1 = sympy.Matrix([1] + list(X[t, :]))
        z2 = T1 * a1
        a2 = sympy.Matrix([1] + [g(v) for v in z2])
        z3 = T2 * a2
        a3 = z3.applyfunc(sigmoid)
        names.update({z2[k]: sympy.Symbol("z^{(2,%d)}_{%d}" % (t + 1, k + 1)) for k in range(s2)})
        names.update({z3[k]: sympy.Symbol("z^{(3,%d)}_{%d}" % (t + 1, k + 1)) for k in range(K)})
        per.append(dict(a1=a1, z2=z2, a2=a2, z3=z3, a3=a3, y=Y[t, :].T))
    data = -sum(p["y"][k] * sympy.log(p["a3"][k]) + (1 - p["y"][k]) * sympy.log(1 - p["a3"][k])
                for p in per for k in range(K)) / m
    reg = lam_ / (2 * m) * (sum(T1[i, j] ** 2 for i in range(s2) for j in range(1, s1 + 1))
                            + sum(T2[i, j] ** 2 for i in range(K) for j in range(1, s2 + 1)))
    J = data + (reg if lam else 0)
    return dict(X=X, Y=Y, T1=T1, T2=T2, lam=lam_, per=per, J=J, names=names, m=m)
