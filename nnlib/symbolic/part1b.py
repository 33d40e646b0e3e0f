r"""Checks for the chapters "Nonlinearity and activation functions", "Softmax and its Jacobian"
and "Loss functions" that :mod:`~nnlib.symbolic.derivations` does not already register.

Ground truth is ``sympy.diff`` of the function in question (or exact arithmetic for printed
numbers).  The sources' mistakes these chapters show are registered in
:mod:`~nnlib.symbolic.errata`.
"""

from __future__ import annotations

import sympy

from .checks import Comparison, register
from .derivations import softmax_jacobian_claim
from .network import sigmoid, softmax_rows, symbol_matrix, symbolic_loss

__all__ = ["scaled_sigmoid"]

_a = sympy.Symbol("a", real=True)
_c = sympy.Symbol("c", positive=True)
_beta = sympy.Symbol(r"\beta", real=True)


def scaled_sigmoid(a, c=_c, beta=_beta):
    r"""Source 001's scaled sigmoid :math:`c / (1 + e^{-\beta a})` as a SymPy expression."""
    return c / (1 + sympy.exp(-beta * a))


# ======================================= activations ========================================
@register("activations.scaled-sigmoid-prime", "activations", "eq-scaled-sigmoid-prime", "001",
          r"the scaled sigmoid $c/(1 + e^{-\beta a})$ has derivative "
          r"$c\beta\,\sigma(\beta a)(1 - \sigma(\beta a))$",
          r"\frac{d}{da}\,\frac{c}{1+e^{-\beta a}} = c\,\beta\,\sigma(\beta a)\left(1-\sigma(\beta a)\right)",
          title="The scaled sigmoid's derivative")
def _scaled_sigmoid_prime():
    s = sigmoid(_beta * _a)
    return Comparison(_c * _beta * s * (1 - s), sympy.diff(scaled_sigmoid(_a), _a),
                      method="simplify")


@register("activations.scaled-sigmoid-prime-output", "activations",
          "eq-scaled-sigmoid-prime-output", "book",
          r"with $y = c/(1 + e^{-\beta a})$ the derivative is $(\beta/c)\,y\,(c - y)$: like the "
          "sigmoid's, it is a function of the output",
          r"y = \frac{c}{1+e^{-\beta a}} \;\Rightarrow\; \frac{dy}{da} = \frac{\beta}{c}\,y\,(c - y)",
          title="The scaled sigmoid's derivative from its output")
def _scaled_sigmoid_prime_output():
    y = scaled_sigmoid(_a)
    return Comparison(_beta / _c * y * (_c - y), sympy.diff(y, _a), method="simplify")


@register("activations.sigmoid-symmetry", "activations", "eq-sigmoid-symmetry", "book",
          "the sigmoid is symmetric about its midpoint: sigma(-a) = 1 - sigma(a)",
          r"\sigma(-a) = 1 - \sigma(a)", title="The sigmoid's symmetry")
def _sigmoid_symmetry():
    return Comparison(sigmoid(-_a), 1 - sigmoid(_a), method="simplify")


# ========================================= softmax ==========================================
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
          "as a matrix product, 001's general form must read diag(s)(I - 1 s^T)",
          r"\operatorname{diag}(s)\left(I - \mathbf 1 s^{T}\right) = J\quad (n = 3)",
          title="001's general form, as a matrix product")
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


# ========================================== losses ==========================================
@register("losses.mse-without-half", "losses", "eq-mse-no-half", "001",
          "without the 1/2 the MSE gradient carries a factor 2: d/dA (1/N) sum (A - Y)^2 = 2 (A - Y)/N",
          r"\frac{\partial}{\partial A}\frac{1}{N}\sum (A - Y)^2 = \frac{2\,(A - Y)}{N}",
          title="Why the 1/2: the 2 it cancels")
def _mse_without_half():
    A, Y = symbol_matrix(r"\hat y", 3, 2), symbol_matrix("y", 3, 2)
    L = sum((A[k] - Y[k]) ** 2 for k in range(6)) / 3
    return Comparison(2 * (A - Y) / 3, A.applyfunc(lambda v: sympy.diff(L, v)))


@register("losses.ce-example-good", "losses", "eq-ce-example-ln", "001",
          "cross-entropy (natural log) of the output [0.9, 0.1] against the target [1, 0] is 0.1054",
          r"-\left(1\cdot\ln 0.9 + 0\cdot\ln 0.1\right) = -\ln 0.9 \approx 0.1054",
          title="Cross-entropy of a good prediction")
def _ce_example_good():
    return Comparison(sympy.Float("0.1054"), -sympy.log(sympy.Rational(9, 10)), tolerance=5e-5)


@register("losses.ce-example-bad", "losses", "eq-ce-example-ln", "001",
          "cross-entropy (natural log) of the output [0.1, 0.9] against the target [1, 0] is 2.3026",
          r"-\left(1\cdot\ln 0.1 + 0\cdot\ln 0.9\right) = \ln 10 \approx 2.3026",
          title="Cross-entropy of a bad prediction")
def _ce_example_bad():
    return Comparison(sympy.Float("2.3026"), -sympy.log(sympy.Rational(1, 10)), tolerance=5e-5)


@register("losses.two-class-per-sample", "losses", "eq-two-class-losses", "001",
          "for the output [p, 1 - p] and the target [1, 0] (one sample), MSE is (1 - p)^2 and "
          "cross-entropy is -ln p",
          r"\tfrac12\left[(p - 1)^2 + (1 - p - 0)^2\right] = (1 - p)^2,\quad "
          r"-\left(1\cdot\ln p + 0\cdot\ln(1 - p)\right) = -\ln p",
          title="The two losses of the output (p, 1 - p)")
def _two_class_per_sample():
    p = sympy.Symbol("p", positive=True)
    A, Y = sympy.Matrix([[p, 1 - p]]), sympy.Matrix([[1, 0]])
    truth = sympy.Matrix([[symbolic_loss("mse")(A, Y), symbolic_loss("cross_entropy")(A, Y)]])
    return Comparison(sympy.Matrix([[(1 - p) ** 2, -sympy.log(p)]]), truth)


@register("losses.two-class-logit-slopes", "losses", "eq-two-class-logit-slopes", "book",
          "for the softmax output p = softmax(z_1, z_2)_1 and the target [1, 0], the slopes "
          "with respect to the true class's logit z_1 are p - 1 (cross-entropy) and "
          "-2 p (1 - p)^2 (MSE)",
          r"\frac{\partial}{\partial z_1}\left(-\ln p\right) = p - 1,\quad "
          r"\frac{\partial}{\partial z_1}(1 - p)^2 = -2p\,(1 - p)^2,\quad "
          r"p = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}",
          title="The two losses' slopes with respect to the logit")
def _two_class_logit_slopes():
    z = symbol_matrix("z", 1, 2, row_vector=True, real=True)
    A, Y = softmax_rows(z), sympy.Matrix([[1, 0]])
    truth = sympy.Matrix([[sympy.diff(symbolic_loss(name)(A, Y), z[0])
                           for name in ("cross_entropy", "mse")]])
    p = A[0]
    return Comparison(sympy.Matrix([[p - 1, -2 * p * (1 - p) ** 2]]), truth, method="simplify")
