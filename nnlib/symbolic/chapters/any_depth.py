r"""Checks of the chapter "Any depth" (chapters/any_depth.ipynb,
chapter id ``"backprop-any-depth"``).

"Any depth" is checked two ways: the whole recursion on networks of depth 1 to 4 with
several batch sizes, and one layer step for a loss J that is *any* function of the next
pre-activation (:func:`step_delta`, :func:`step_gradients`), which by induction on the layers
covers every depth.  Then source 001's column layout and source 004's algorithm (its
accumulator of one outer product per example is the one matrix product nnlib computes).

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network, deltas_generic, net_001, net_004_logistic
from ..registry import Comparison, register
from ..residual import residual
from ..symbols import colsum, g, g_prime, hadamard, phi, phi_prime, psi_prime, symbol_matrix

__all__ = ["STEP_SIZES", "step_delta", "step_gradients", "net_004_regression"]

# "Any depth" is checked two ways (issue 15, honest scope): the whole recursion on networks of
# depth 1 to 4 with several batch sizes, and one layer step for a loss J that is *any* function
# of the next pre-activation, which by induction on the layers covers every depth.
_DEPTH_SIZES = {1: (2, 2), 2: (2, 3, 2), 3: (2, 3, 2, 2), 4: (2, 2, 3, 2, 2)}
"""Layer sizes of the network of each depth (hidden widths differ, so a transpose matters)."""


STEP_SIZES = ((1, 1, 1, 1), (2, 2, 3, 2), (3, 3, 2, 2))
"""(N, n_{l-1}, n_l, n_{l+1}) of the generic layer steps."""


def _depth_net(depth, N):
    return build_network(_DEPTH_SIZES[depth], ("phi",) * (depth - 1) + ("psi",), "mse", N)


def _downstream(U):
    """A loss that is any function F of the entries of ``U``, and its gradient
    :math:`\\partial F/\\partial U` as a matrix of the same shape (F is undefined: nothing is
    assumed about the layers and the loss after ``U``)."""
    F = sympy.Function("F")
    dF = U.applyfunc(lambda u: sympy.diff(F(*U), u))
    return F, dF


def step_delta(N, n_l, n_next, transpose=True):
    """One step of the recursion: delta^(l) from delta^(l+1), for J = F(Z^(l+1)) with F any
    function.  Returns (claimed, truth); ``transpose=False`` plants the missing-transpose bug
    (for the tests)."""
    Z = symbol_matrix("z", N, n_l, layer=1)
    W = symbol_matrix("w", n_l, n_next, layer=2)
    b = symbol_matrix("b", 1, n_next, layer=2, row_vector=True)
    U = symbol_matrix("u", N, n_next)
    F, dF = _downstream(U)
    Znext = Z.applyfunc(phi) * W + sympy.ones(N, 1) * b
    at_next = dict(zip(U, Znext))
    delta_next = dF.applyfunc(lambda e: e.subs(at_next))
    J = F(*Znext)
    claimed = hadamard(delta_next * (W.T if transpose else W), Z.applyfunc(phi_prime))
    return claimed, Z.applyfunc(lambda z: sympy.diff(J, z))


def step_gradients(N, n_prev, n_l):
    """One layer's parameter gradients from its delta, for J = F(Z^(l)) with F any function:
    returns (claimed, truth), dJ/dW then dJ/db stacked in one column."""
    A = symbol_matrix("a", N, n_prev)
    W = symbol_matrix("w", n_prev, n_l, layer=1)
    b = symbol_matrix("b", 1, n_l, layer=1, row_vector=True)
    U = symbol_matrix("u", N, n_l)
    F, dF = _downstream(U)
    Z = A * W + sympy.ones(N, 1) * b
    delta = dF.applyfunc(lambda e: e.subs(dict(zip(U, Z))))
    J = F(*Z)
    claimed = list(A.T * delta) + list(colsum(delta))
    truth = [sympy.diff(J, w) for w in W] + [sympy.diff(J, c) for c in b]
    return claimed, truth


_STEP_SCOPE = ("one layer step for a loss J that is any function F of the next "
               "pre-activation, with N = 1, 2, 3 and layer widths 1 to 3, which by induction "
               "on the layers covers every depth")


@register("backprop-any-depth.recursion-3-layers", "backprop-any-depth", "eq-delta-recursion", "book",
          "for any activations and any depth, "
          r"$\delta^{(l)} = (\delta^{(l+1)} W^{(l+1)T}) \odot \phi'(Z^{(l)})$ carries the output "
          r"delta down to $\partial J/\partial Z^{(1)}$",
          r"\delta^{(l)} = \left(\delta^{(l+1)}{W^{(l+1)}}^T\right)\odot\phi'(Z^{(l)})",
          scope=("for any \u03c6 and \u03c8, on depths 1 to 4 with several N, and as a "
                 "generic layer step (any depth)",
                 "for any \u03c6 and \u03c8: the whole recursion, down to "
                 "\u2202J/\u2202Z^(1), on networks of depth 1 to 4 (2-2, 2-3-2, 2-3-2-2 with "
                 "N = 1, 2 and 3; 2-2-3-2-2 with N = 1 and 2; MSE); and " + _STEP_SCOPE),
          title="The delta recursion, at any depth")
def _():
    parts = []
    for depth, Ns in ((1, (1, 2, 3)), (2, (1, 2, 3)), (3, (1, 2, 3)), (4, (1, 2))):
        for N in Ns:
            net = _depth_net(depth, N)
            Zf, Zs, As, L, names = net.tail(0)
            d = hadamard((As[-1] - net.Y) / net.N, Zs[-1].applyfunc(psi_prime))
            for k in range(len(Zs) - 2, -1, -1):
                d = hadamard(d * net.W[k + 1].T, Zs[k].applyfunc(phi_prime))
            # each instance reduced with its own display names; the stack must be all zeros
            parts += list(residual(d, Zf.applyfunc(lambda z: sympy.diff(L, z)), names=names))
    for N, _, n_l, n_next in STEP_SIZES:
        parts += list(residual(*step_delta(N, n_l, n_next)))
    return Comparison(sympy.Matrix(parts), sympy.zeros(len(parts), 1))


@register("backprop-any-depth.gradients-3-layers", "backprop-any-depth", "eq-grads-any-depth", "book",
          "for any activations and any depth, every layer's gradients are "
          r"$\partial J/\partial W^{(l)} = A^{(l-1)T}\delta^{(l)}$ and "
          r"$\partial J/\partial b^{(l)} = \mathbf 1^T\delta^{(l)}$ (the column sums of $\delta^{(l)}$)",
          r"\frac{\partial J}{\partial W^{(l)}} = {A^{(l-1)}}^T\delta^{(l)},\quad "
          r"\frac{\partial J}{\partial b^{(l)}} = \mathbf 1^T\delta^{(l)}",
          scope=("for any \u03c6 and \u03c8, every layer of depths 1 to 3 with N = 1 and 2, "
                 "and as a generic layer step (any depth)",
                 "for any \u03c6 and \u03c8: every layer of networks of depth 1 to 3 (2-2, "
                 "2-3-2, 2-3-2-2; MSE) with N = 1 and 2; and " + _STEP_SCOPE.replace(
                     "the next pre-activation", "the layer's own pre-activation")),
          title="Every layer's gradients from its delta")
def _():
    parts = []
    for depth in (1, 2, 3):
        for N in (1, 2):
            net = _depth_net(depth, N)
            d = deltas_generic(net)
            claimed, truth = [], []
            for l in range(depth):
                claimed += list(net.A[l].T * d[l]) + list(colsum(d[l]))
                truth += list(net.grad_W[l]) + list(net.grad_b[l])
            parts += list(residual(sympy.Matrix(claimed), sympy.Matrix(truth), names=net.names))
    for N, n_prev, n_l, _ in STEP_SIZES:
        parts += list(residual(*map(sympy.Matrix, step_gradients(N, n_prev, n_l))))
    return Comparison(sympy.Matrix(parts), sympy.zeros(len(parts), 1))


@register("backprop-any-depth.001-output-weights", "backprop-any-depth", "eq-001-dw2", "001",
          "001: dL/dw^(2)_ij = -delta^(2)_j z^(1)_i with delta^(2)_j = (y_j - z^(2)_j) phi'(a^(2)_j)",
          r"\frac{\partial\mathcal L}{\partial w^{(2)}_{ij}} = -\delta^{(2)}_j z^{(1)}_i,\quad "
          r"\delta^{(2)}_j = (y_j - z^{(2)}_j)\,\phi^{(2)\prime}(a^{(2)}_j)",
          title="001's output-weight gradient")
def _():
    S = net_001()
    claim = sympy.Matrix(3, 2, lambda i, j: -S["D2"][j] * S["z1"][i])
    return Comparison(claim, S["W2"].applyfunc(lambda w: sympy.diff(S["L"], w)), names=S["names"])


@register("backprop-any-depth.001-hidden-weights", "backprop-any-depth", "eq-001-dw1", "001",
          "001: dL/dw^(1)_ij = -delta^(1)_j x_i with delta^(1) = (W^(2) Delta^(2)) * phi'(a^(1)) in columns",
          r"\frac{\partial\mathcal L}{\partial w^{(1)}_{ij}} = -\delta^{(1)}_j x_i,\quad "
          r"\Delta^{(1)} = \left(W^{(2)}\Delta^{(2)}\right)\ast\nabla\phi^{(1)}",
          title="001's hidden-weight gradient")
def _():
    S = net_001()
    claim = sympy.Matrix(2, 3, lambda i, j: -S["D1"][j] * S["x"][i])
    return Comparison(claim, S["W1"].applyfunc(lambda w: sympy.diff(S["L"], w)), names=S["names"])


@register("backprop-any-depth.001-bias", "backprop-any-depth", "eq-001-db", "001",
          "001: dL/db^(l) = -Delta^(l) for both layers",
          r"\frac{\partial\mathcal L}{\partial b^{(l)}} = -\Delta^{(l)}",
          title="001's bias gradients")
def _():
    S = net_001()
    claim = sympy.Matrix.vstack(-S["D1"], -S["D2"])
    truth = sympy.Matrix.vstack(S["b1"].applyfunc(lambda v: sympy.diff(S["L"], v)),
                                S["b2"].applyfunc(lambda v: sympy.diff(S["L"], v)))
    return Comparison(claim, truth, names=S["names"])


@register("backprop-any-depth.001-columns-vs-rows", "backprop-any-depth", "eq-001-vs-rows", "001",
          "001's column recursion W^(2) Delta^(2) is the transpose of the row form delta^(2) W^(2)T",
          r"\left(W^{(2)}\Delta^{(2)}\right)^T = {\Delta^{(2)}}^T {W^{(2)}}^T",
          title="001's columns are the book's rows transposed")
def _():
    S = net_001()
    return Comparison((S["W2"] * S["D2"]).T, S["D2"].T * S["W2"].T, names=S["names"])


def net_004_regression():
    """004's regression example in its row layout z = a Theta (no bias), m = 3 samples,
    2 inputs, 3 hidden units, 1 output, generic g, J = 1/2 sum (y - yhat)^2."""
    X = symbol_matrix("x", 3, 2)
    T1, T2 = symbol_matrix(r"\theta", 2, 3, layer=1), symbol_matrix(r"\theta", 3, 1, layer=2)
    y = symbol_matrix("y", 3, 1)
    z2 = X * T1
    a2 = z2.applyfunc(g)
    z3 = a2 * T2
    yhat = z3.applyfunc(g)
    J = sum((y[k] - yhat[k]) ** 2 for k in range(3)) / 2
    names = {z2[k]: sympy.Symbol("z^{(2)}_{%d%d}" % (k // 3 + 1, k % 3 + 1)) for k in range(6)}
    names.update({z3[k]: sympy.Symbol("z^{(3)}_{%d}" % (k + 1)) for k in range(3)})
    delta3 = hadamard(yhat - y, z3.applyfunc(g_prime))  # the correct sign
    return dict(X=X, T1=T1, T2=T2, y=y, z2=z2, a2=a2, z3=z3, yhat=yhat, J=J, names=names,
                delta3=delta3)


@register("backprop-any-depth.004-dJ-dTheta1", "backprop-any-depth", "eq-004-dTheta1", "004",
          "004's dJ/dTheta^(1) = X^T delta^(3) (Theta^(2))^T g'(z^(2)) = X^T delta^(2), read "
          "as X^T [(delta^(3) Theta^(2)T) * g'(z^(2))] and with delta^(3) of the corrected sign "
          "(yhat - y) g'(z^(3)) (004 writes y - yhat)",
          r"\frac{\partial J}{\partial\Theta^{(1)}} = "
          r"X^T\left[\left(\delta^{(3)}{\Theta^{(2)}}^T\right)\odot g'(z^{(2)})\right] = "
          r"X^T\delta^{(2)},\quad \delta^{(3)} = (\hat y - y)\odot g'(z^{(3)})",
          title="004's first-layer gradient")
def _():
    S = net_004_regression()
    delta2 = hadamard(S["delta3"] * S["T2"].T, S["z2"].applyfunc(g_prime))
    return Comparison(S["X"].T * delta2, S["T1"].applyfunc(lambda t: sympy.diff(S["J"], t)),
                      names=S["names"])


def _accumulate_004(S, drop_bias=True):
    """004's loop: Delta^(l) += delta^(l+1) a^(l)T; D = (Delta + lambda Theta)/m off the bias column."""
    Delta1, Delta2 = sympy.zeros(*S["T1"].shape), sympy.zeros(*S["T2"].shape)
    for p in S["per"]:
        d3 = p["a3"] - p["y"]
        back = S["T2"].T * d3
        if drop_bias:
            back = back[1:, :]
        d2 = hadamard(back, p["z2"].applyfunc(g_prime))
        Delta2 += d3 * p["a2"].T
        Delta1 += d2 * p["a1"].T
    D = []
    for Delta, T in ((Delta1, S["T1"]), (Delta2, S["T2"])):
        reg = sympy.Matrix(T.rows, T.cols, lambda i, j: 0 if j == 0 else S["lam"] * T[i, j])
        D.append((Delta + reg) / S["m"])
    return D


@register("backprop-any-depth.004-accumulator-l2", "backprop-any-depth", "eq-004-accumulator", "004",
          "adding $\\delta^{(l+1)} a^{(l)T}$ of every example into $\\Delta^{(l)}$, then "
          "$D^{(l)} = \\frac1m\\big(\\Delta^{(l)} + \\lambda\\Theta^{(l)}\\big)$ with no "
          "$\\lambda$ term in the bias column, gives $\\partial J/\\partial\\Theta^{(l)}$ of the "
          "mean cross-entropy plus the L2 penalty",
          r"\Delta^{(l)} \mathrel{+}= \delta^{(l+1)}{a^{(l)}}^T,\quad "
          r"D^{(l)}_{ij} = \tfrac1m\left(\Delta^{(l)}_{ij} + "
          r"\lambda\Theta^{(l)}_{ij}[j\ne0]\right) = \frac{\partial J}{\partial\Theta^{(l)}_{ij}}",
          title="The per-example accumulator with the L2 term")
def _():
    S = net_004_logistic()
    D1, D2 = _accumulate_004(S)
    claim = sympy.Matrix(list(D1) + list(D2))
    truth = sympy.Matrix([sympy.diff(S["J"], t) for t in list(S["T1"]) + list(S["T2"])])
    return Comparison(claim, truth, names=S["names"])


# --- one example at a time = the whole batch --------------------------------------------------
@register("backprop-any-depth.outer-product-sum", "backprop-any-depth", "eq-outer-sum", "004",
          "Adding up one outer product per example, its row of $A$ transposed times its row "
          "of $\\delta$, gives the one matrix product $A^T\\delta$ that nnlib computes for the "
          "whole batch.",
          r"\sum_{n=1}^{N} A_{n\cdot}^{T}\,\delta_{n\cdot} = A^{T}\delta",
          title="Per-example sum = one matrix product")
def _outer_sum():
    A = symbol_matrix("a", 3, 4)
    D = symbol_matrix(r"\delta", 3, 2)
    claimed = sympy.zeros(4, 2)
    for t in range(3):
        claimed += A[t, :].T * D[t, :]
    return Comparison(claimed, A.T * D)
