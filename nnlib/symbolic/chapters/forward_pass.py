r"""Checks of the chapter "Anatomy and the forward pass" (chapters/forward_pass.ipynb,
chapter id ``"forward-pass"``).

The forward pass in matrix form against the index form of sources 000 and 001: one
neuron, the entries of Z for a 2-3-2 network, the softmax output, two linear layers that
collapse into one, and 000's printed Z^(2) with its swapped index (``expect=False``; the
errata chapter lists it too).

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network
from ..registry import Comparison, register
from ..symbols import symbol_matrix

__all__ = ["source000_z2"]


@register("forward-pass.linear-composition", "forward-pass", "eq-linear-collapse", "001",
          "two linear layers without an activation are one linear layer: W' = W1 W2, b' = b1 W2 + b2",
          r"(XW^{(1)} + \mathbf 1 b^{(1)})W^{(2)} + \mathbf 1 b^{(2)} = XW' + \mathbf 1 b',\ "
          r"W' = W^{(1)}W^{(2)},\ b' = b^{(1)}W^{(2)} + b^{(2)}",
          title="Two linear layers are one")
def _():
    net = build_network((2, 3, 2), ("identity", "identity"), "mse", 2)
    Wp = net.W[0] * net.W[1]
    bp = net.b[0] * net.W[1] + net.b[1]
    return Comparison(net.X * Wp + sympy.ones(2, 1) * bp, net.Z[1])


def source000_z2():
    r"""Source 000's :math:`Z^{(2)}` for the 2-3-2 network, typed entry by entry as printed.

    The printed (1, 2) and (2, 2) entries use :math:`w^{(2)}_{23}`; :math:`W^{(2)}` is 3x2, so
    its third row's second entry is :math:`w^{(2)}_{32}`.  Returns ``(A1, W2, b2, Z2)``.
    """
    A1 = symbol_matrix("a", 2, 3, layer=1)
    W2 = symbol_matrix("w", 3, 2, layer=2)
    b2 = symbol_matrix("b", 1, 2, layer=2, row_vector=True)
    w23 = sympy.Symbol("w^{(2)}_{23}")   # the symbol the source prints (no such entry in W2)
    a, w = A1, W2
    Z2 = sympy.Matrix([
        [a[0, 0] * w[0, 0] + a[0, 1] * w[1, 0] + a[0, 2] * w[2, 0] + b2[0],
         a[0, 0] * w[0, 1] + a[0, 1] * w[1, 1] + a[0, 2] * w23 + b2[1]],
        [a[1, 0] * w[0, 0] + a[1, 1] * w[1, 0] + a[1, 2] * w[2, 0] + b2[0],
         a[1, 0] * w[0, 1] + a[1, 1] * w[1, 1] + a[1, 2] * w23 + b2[1]],
    ])
    return A1, W2, b2, Z2


# --- chapter "forward-pass" ------------------------------------------------------------------
@register("forward-pass.single-neuron", "forward-pass", "eq-forward-neuron", "001",
          "The neuron with weights $w = (1, 0, -1)$ and bias $b = 3$ gives $w^T x + b = 3$ at "
          "the input $x = (1, 2, 1)$.",
          r"\begin{bmatrix}1 & 0 & -1\end{bmatrix}\begin{bmatrix}1\\2\\1\end{bmatrix} + 3 = 3",
          title="The single neuron")
def _single_neuron():
    w = sympy.Matrix([1, 0, -1])
    x = sympy.Matrix([1, 2, 1])
    return Comparison(sympy.Integer(3), (w.T * x)[0, 0] + 3)


@register("forward-pass.z-index-form", "forward-pass", "eq-forward-232", "000",
          "Entry by entry, Z_ij = sum_k x_ik w_kj + b_j is the matrix product X W + 1 b "
          "(2-3-2 network, N = 2, both layers).",
          r"Z^{(l)}_{ij} = \sum_{k} A^{(l-1)}_{ik} W^{(l)}_{kj} + b^{(l)}_{j}"
          r"\iff Z^{(l)} = A^{(l-1)} W^{(l)} + \mathbf 1 b^{(l)}",
          title="Index form equals the matrix product")
def _z_index_form():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    claimed, truth = [], []
    for l, (W, b) in enumerate(zip(net.W, net.b)):
        A = net.A[l]
        claimed.append(sympy.Matrix(A.rows, W.cols, lambda i, j: sympy.Add(
            *[A[i, k] * W[k, j] for k in range(W.rows)]) + b[0, j]))
        truth.append(A * W + sympy.ones(A.rows, 1) * b)
    return Comparison(sympy.Matrix.hstack(*claimed), sympy.Matrix.hstack(*truth), names={})


@register("forward-pass.output-elementwise", "forward-pass", "eq-forward-output", "000",
          "The 2-3-2 network's output written element by element (tanh hidden layer, softmax "
          "output) is softmax(tanh(X W1 + 1 b1) W2 + 1 b2).",
          r"\hat y_{ij} = \frac{\exp\!\big(\sum_k \tanh(\sum_m x_{im} w^{(1)}_{mk} + b^{(1)}_k)"
          r"\, w^{(2)}_{kj} + b^{(2)}_j\big)}{\sum_{c}\exp\!\big(\sum_k \tanh(\sum_m x_{im}"
          r" w^{(1)}_{mk} + b^{(1)}_k)\, w^{(2)}_{kc} + b^{(2)}_c\big)}",
          title="The whole forward pass, element by element")
def _output_elementwise():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    X, (W1, W2), (b1, b2) = net.X, net.W, net.b

    def z2(i, j):
        return sympy.Add(*[sympy.tanh(sympy.Add(*[X[i, m] * W1[m, k] for m in range(2)])
                                      + b1[0, k]) * W2[k, j] for k in range(3)]) + b2[0, j]

    claimed = sympy.Matrix(2, 2, lambda i, j: sympy.exp(z2(i, j))
                           / sympy.Add(*[sympy.exp(z2(i, c)) for c in range(2)]))
    return Comparison(claimed, net.A[-1], names={})


@register("forward-pass.source000-z2", "forward-pass", "eq-forward-z2-000", "000",
          "Source 000's printed second column of Z2 uses w_23; the 3x2 matrix W2 has no such "
          "entry, the product needs w_32.",
          r"Z^{(2)}_{i2} \overset{?}{=} a^{(1)}_{i1}w^{(2)}_{12} + a^{(1)}_{i2}w^{(2)}_{22} + "
          r"a^{(1)}_{i3}w^{(2)}_{23} + b^{(2)}_{2}",
          expect=False, title="Source 000's Z2 has a swapped index")
def _source000_z2():
    A1, W2, b2, Z2 = source000_z2()
    return Comparison(Z2, A1 * W2 + sympy.ones(2, 1) * b2)
