r"""Checks of the chapter "Bias" (chapters/bias.ipynb,
chapter id ``"bias"``).

The bias as a shift, the bias unit folded into the weights (sources 002 and 004), 000's
repeated bias rows and their gradient (the column sums of delta), and the numbers of 000's
bias example.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network
from ..registry import Comparison, register
from ..symbols import (
    colsum,
    hadamard,
    layer_symbols,
    psi,
    psi_prime,
    row_constraint,
    softmax_rows,
    symbol_matrix,
)

__all__ = ["folded_network_loss"]


@register("bias.folded-unit-first", "bias", "eq-bias-unit", "004",
          "a bias unit in front of the inputs (a leading 1 in every row of $X$, with $b$ "
          "stacked above $W$) gives the same $Z$ as the broadcast row, $XW + \\mathbf 1_N b$",
          r"\begin{bmatrix} \mathbf 1 & X\end{bmatrix}\begin{bmatrix} b \\ W\end{bmatrix} = XW + \mathbf 1\, b",
          title="A bias unit in front of the inputs")
def _():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", 2)
    Xt = sympy.Matrix.hstack(sympy.ones(2, 1), net.X)
    Theta = sympy.Matrix.vstack(net.b[0], net.W[0])
    return Comparison(Xt * Theta, net.Z[0])


@register("bias.repeated-rows-gradient", "bias", "eq-bias-matrix-grad", "000",
          "a bias written as $N$ tied repeated rows gets the column sums of $\\delta^{(2)}$, "
          "$\\sum_n \\delta^{(2)}_{nj}$, in every row of its gradient",
          r"\frac{\partial J}{\partial b^{(2)}_{ij}} = \sum_n \delta^{(2)}_{nj}\ \text{(all rows equal)}",
          title="The gradient of tied repeated bias rows")
def _():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", 2)
    delta = (net.A[2] - net.Y) / 2
    claim = sympy.Matrix.vstack(colsum(delta), colsum(delta))
    truth = sympy.Matrix.vstack(net.grad_b[1], net.grad_b[1])
    return Comparison(claim, truth, names=net.names, subs=row_constraint(net.Y))


@register("bias.untied-entries-gradient", "bias", "eq-bias-untied", "000",
          "if each entry of the bias matrix were its own parameter, its gradient would be delta itself",
          r"B \text{ untied}:\ \frac{\partial J}{\partial B_{ij}} = \delta_{ij}",
          title="If every bias entry were its own parameter")
def _():
    X, W = symbol_matrix("x", 2, 2), symbol_matrix("w", 2, 2)
    B = symbol_matrix("B", 2, 2)
    Y = symbol_matrix("y", 2, 2)
    A = (X * W + B).applyfunc(psi)
    L = sum((A[k] - Y[k]) ** 2 for k in range(4)) / 4
    delta = hadamard((A - Y) / 2, (X * W + B).applyfunc(psi_prime))
    return Comparison(delta, B.applyfunc(lambda s: sympy.diff(L, s)), names={})


def folded_network_loss():
    r"""The 2-3-2 tanh/softmax/cross-entropy loss written with layer 1's bias folded.

    Layer 1 uses :math:`[X\ \mathbf 1]\,\tilde W^{(1)}` with :math:`\tilde W^{(1)}` a 3x3 matrix of
    fresh symbols :math:`\tilde w_{ij}`.  Returns ``(net, Wt, L)``: the unfolded symbolic
    network, the folded symbols and the loss as a function of them.
    """
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    Wt = symbol_matrix(r"\tilde w", 3, 3)
    Xa = net.X.row_join(sympy.ones(net.N, 1))
    A1 = (Xa * Wt).applyfunc(sympy.tanh)
    A2 = softmax_rows(A1 * net.W[1] + sympy.ones(net.N, 1) * net.b[1])
    L = -sympy.Add(*[net.Y[k] * sympy.log(A2[k]) for k in range(len(A2))]) / net.N
    return net, Wt, L


@register("bias.shift", "bias", "eq-bias-shift", "000",
          "A bias moves the curve sideways: tanh(w x + b) is tanh(w x) shifted to cross zero "
          "at x = -b/w (w not 0).",
          r"\tanh(w x + b) = \tanh\!\big(w\,(x - x_0)\big), \qquad x_0 = -\frac{b}{w}",
          title="The bias shifts the activation")
def _shift():
    w, x, b = sympy.symbols("w x b", real=True)
    x0 = -b / w
    return Comparison(sympy.tanh(w * (x - x0)), sympy.tanh(w * x + b), method="simplify")


# --- chapter "bias" --------------------------------------------------------------------------
@register("bias.artanh-half", "bias", "eq-bias-artanh", "000",
          "The bias that makes tanh(w x + b) equal 1/2 at x = 0 is b = artanh(1/2) = ln(3)/2.",
          r"\tanh\!\left(w\cdot 0 + \tfrac12\ln 3\right) = \tfrac12",
          title="The bias that gives 0.5 at x = 0")
def _artanh_half():
    w = sympy.Symbol("w")
    b = sympy.log(3) / 2
    return Comparison(sympy.tanh(w * 0 + b), sympy.Rational(1, 2), method="simplify")


@register("bias.source000-0549", "bias", "eq-bias-0549", "000",
          "$b \\approx 0.549$ is $\\operatorname{artanh}\\tfrac12$ rounded to three decimals.",
          r"b \approx 0.549 \quad\text{with}\quad b = \operatorname{artanh}\tfrac12",
          title="b \u2248 0.549 is artanh(1/2), rounded")
def _source000_0549():
    return Comparison(sympy.Rational(549, 1000), sympy.atanh(sympy.Rational(1, 2)),
                      tolerance=0.0005)


@register("bias.repeated-rows", "bias", "eq-bias-repeated", "000",
          "A bias matrix $B$ of $N$ repeated rows $b$ gives the same $Z$ as the broadcast row: "
          "$XW + B = XW + \\mathbf 1_N b$.",
          r"X W + \begin{bmatrix} b \\ b\end{bmatrix} = X W + \mathbf 1 b",
          title="Repeated rows = broadcast vector")
def _repeated_rows():
    X, W, b = layer_symbols(2, 3)
    return Comparison(X * W + b.col_join(b), X * W + sympy.ones(2, 1) * b)


@register("bias.appended-one", "bias", "eq-bias-folded", "002",
          "Appending a 1 to every input row and stacking $b$ under $W$ gives the same $Z$ as the "
          "broadcast row.",
          r"\begin{bmatrix} X & \mathbf 1\end{bmatrix}\begin{bmatrix} W \\ b\end{bmatrix}"
          r" = X W + \mathbf 1 b",
          title="Appended 1 = broadcast vector")
def _appended_one():
    X, W, b = layer_symbols(2, 3)
    ones = sympy.ones(2, 1)
    return Comparison(X.row_join(ones) * W.col_join(b), X * W + ones * b)


@register("bias.folded-gradient", "bias", "eq-bias-folded-grad", "002",
          "The gradient with respect to the folded matrix [W; b] is [X 1]^T delta, which is "
          "[dW; db] (2-3-2 network, tanh, softmax, cross-entropy, N = 2, layer 1).",
          r"\frac{\partial J}{\partial \tilde W^{(1)}} = "
          r"\begin{bmatrix} X & \mathbf 1\end{bmatrix}^{T}\delta^{(1)} = "
          r"\begin{bmatrix} \partial J/\partial W^{(1)} \\ \partial J/\partial b^{(1)}\end{bmatrix}",
          title="Gradient of the folded matrix")
def _folded_gradient():
    net, Wt, L = folded_network_loss()
    back = {Wt[i, j]: (net.W[0][i, j] if i < 2 else net.b[0][0, j])
            for i in range(3) for j in range(3)}
    truth = Wt.applyfunc(lambda t: sympy.diff(L, t).xreplace(back))
    Zfree, delta = net.delta_truth(0)
    delta = delta.xreplace(dict(zip(Zfree, net.Z[0])))
    X_tilde = net.X.row_join(sympy.ones(net.N, 1))
    claimed = sympy.Matrix.hstack(X_tilde.T * delta, net.grad_W[0].col_join(net.grad_b[0]))
    return Comparison(claimed, sympy.Matrix.hstack(truth, truth), names=net.names)
