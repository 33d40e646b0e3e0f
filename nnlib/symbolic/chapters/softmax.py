r"""Checks of the chapter "Softmax and its Jacobian" (chapters/softmax.ipynb,
chapter id ``"softmax"``).

The softmax Jacobian diag(s) - s s^T for 2, 3 and 4 outputs and 001's broadcast form of it,
its symmetry, column sums and vector-Jacobian product, the shift invariance nnlib relies on,
the two-class softmax as a sigmoid, and 001's worked example in numbers.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..registry import Comparison, register
from ..symbols import sigmoid, softmax_rows, symbol_matrix

__all__ = ["softmax_jacobian_claim"]


def softmax_jacobian_claim(n):
    """(s, Zsym, J_claim, J_true): the softmax Jacobian diag(s) - s s^T against SymPy's."""
    z = symbol_matrix("z", 1, n, row_vector=True)
    s = softmax_rows(z)  # 1 x n
    truth = sympy.Matrix(n, n, lambda i, j: sympy.diff(s[i], z[j]))
    claim = sympy.diag(*list(s)) - s.T * s
    return s, z, claim, truth


_WORDS = {2: "two", 3: "three", 4: "four"}


def _jacobian_check(n):
    @register(f"softmax.jacobian-n{n}", "softmax", "eq-softmax-jacobian", "001",
              f"the softmax Jacobian for n = {n} outputs is diag(s) - s s^T",
              r"\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j),\quad "
              r"J = \operatorname{diag}(s) - s s^T\quad (n = %d)" % n,
              title=f"The softmax Jacobian, {_WORDS[n]} outputs")
    def _():
        _, z, claim, truth = softmax_jacobian_claim(n)
        return Comparison(claim, truth, names={zi: zi for zi in z})

    return _


for _n in (2, 3, 4):
    _jacobian_check(_n)


@register("softmax.jacobian-broadcast", "softmax", "eq-softmax-broadcast", "001",
          "read with broadcasting, the column $s$ times ($I$ minus the row $s^T$), entry by "
          "entry, is the softmax Jacobian $\\operatorname{diag}(s) - s s^T$",
          r"\begin{bmatrix}s_0\\s_1\\s_2\end{bmatrix} \ast \left(I - \begin{bmatrix}s_0 & s_1 & s_2\end{bmatrix}\right)"
          r" = \operatorname{diag}(s) - s s^T",
          title="The broadcast form of the Jacobian")
def _():
    s, z, _, truth = softmax_jacobian_claim(3)
    # broadcasting: entry (i, j) of column * (matrix - row) is s_i * (I_ij - s_j)
    claim = sympy.Matrix(3, 3, lambda i, j: s[i] * ((1 if i == j else 0) - s[j]))
    return Comparison(claim, truth, names={zi: zi for zi in z})


@register("softmax.shift-invariance", "softmax", "eq-softmax-shift", "book",
          "softmax(z + c) = softmax(z): nnlib subtracts the row maximum so no exponential overflows",
          r"\operatorname{softmax}(z + c\mathbf 1) = \operatorname{softmax}(z)",
          title="Softmax ignores a common shift")
def _():
    z = symbol_matrix("z", 1, 3, row_vector=True)
    c = sympy.Symbol("c", real=True)
    shifted = softmax_rows(z + c * sympy.ones(1, 3))
    return Comparison(shifted, softmax_rows(z), method="simplify")


@register("softmax.001-worked-example", "softmax", "eq-softmax-example", "001",
          "softmax(0.3, 0.6) = (0.4256, 0.5744) to four decimals",
          r"\operatorname{softmax}(0.3, 0.6) \approx (0.4256,\ 0.5744)",
          title="001's worked softmax example")
def _():
    e3, e6 = sympy.exp(sympy.Rational(3, 10)), sympy.exp(sympy.Rational(6, 10))
    return Comparison(sympy.Matrix([[sympy.Float("0.4256"), sympy.Float("0.5744")]]),
                      sympy.Matrix([[e3 / (e3 + e6), e6 / (e3 + e6)]]), tolerance=5e-5)


@register("softmax.vjp", "softmax", "eq-softmax-vjp", "book",
          "the gradient through softmax, J^T g, is s * (g - g.s) without building J (n = 3)",
          r"J^{T} g = s \odot \left(g - (g\cdot s)\,\mathbf 1\right)",
          title="Backward through softmax without the Jacobian")
def _softmax_vjp():
    s, z, _, truth = softmax_jacobian_claim(3)
    g = symbol_matrix("g", 1, 3, row_vector=True)
    gs = (g * s.T)[0, 0]
    claim = sympy.Matrix(1, 3, lambda i, j: s[j] * (g[j] - gs))
    return Comparison(claim, g * truth, names={zi: zi for zi in z})  # g J is (J^T g^T)^T


@register("softmax.jacobian-symmetric", "softmax", "eq-softmax-symmetric", "book",
          "the softmax Jacobian is symmetric, so J^T g = J g (n = 4)",
          r"J^{T} = J", title="The softmax Jacobian is symmetric")
def _softmax_symmetric():
    _, z, _, truth = softmax_jacobian_claim(4)
    return Comparison(truth.T, truth, names={zi: zi for zi in z})


@register("softmax.jacobian-diag-form", "softmax", "eq-softmax-diag-form", "book",
          "as a matrix product, the broadcast form must read "
          "$\\operatorname{diag}(s)\\,(I - \\mathbf 1 s^T)$, which is the softmax Jacobian",
          r"\operatorname{diag}(s)\left(I - \mathbf 1 s^{T}\right) = J\quad (n = 3)",
          title="The broadcast form as a matrix product")
def _softmax_diag_form():
    s, z, _, truth = softmax_jacobian_claim(3)
    claim = sympy.diag(*list(s)) * (sympy.eye(3) - sympy.ones(3, 1) * s)
    return Comparison(claim, truth, names={zi: zi for zi in z})


@register("softmax.jacobian-column-sums", "softmax", "eq-softmax-column-sums", "book",
          "every column of the softmax Jacobian sums to 0, because the outputs always sum to 1 "
          "(n = 3)",
          r"\mathbf 1^{T} J = \frac{\partial}{\partial z}\sum_i s_i = 0",
          title="The Jacobian's columns sum to zero")
def _softmax_column_sums():
    _, z, _, truth = softmax_jacobian_claim(3)
    return Comparison(sympy.ones(1, 3) * truth, sympy.zeros(1, 3), names={zi: zi for zi in z})


@register("softmax.two-class-sigmoid", "softmax", "eq-softmax-two-class", "book",
          "with two classes softmax is the sigmoid of the difference of the logits",
          r"\operatorname{softmax}(z_1, z_2)_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}} = \sigma(z_1 - z_2)",
          title="Two-class softmax is a sigmoid")
def _softmax_two_class():
    z = symbol_matrix("z", 1, 2, row_vector=True)
    return Comparison(softmax_rows(z)[0, 0], sigmoid(z[0] - z[1]), method="simplify")
