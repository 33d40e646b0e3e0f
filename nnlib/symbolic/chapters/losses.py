r"""Checks of the chapter "Loss functions" (chapters/losses.ipynb,
chapter id ``"losses"``).

The gradients of the mean squared error, the cross-entropy and 004's binary
cross-entropy, the fused deltas of softmax with cross-entropy and of sigmoid with binary
cross-entropy, MSE with any output activation, and 001's numbers and signs.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network
from ..registry import Comparison, register
from ..symbols import (
    hadamard,
    psi,
    psi_prime,
    row_constraint,
    sigmoid,
    softmax_pretty,
    softmax_rows,
    symbol_matrix,
    symbolic_loss,
)

__all__ = []


@register("losses.mse-gradient", "losses", "eq-mse-grad", "001",
          "dJ/dA of J = 1/(2N) sum (A - Y)^2 is (A - Y)/N",
          r"\frac{\partial}{\partial A}\frac{1}{2N}\sum (A - Y)^2 = \frac{A - Y}{N}",
          title="The gradient of the mean squared error")
def _():
    A, Y = symbol_matrix(r"\hat y", 3, 2), symbol_matrix("y", 3, 2)
    L = sum((A[k] - Y[k]) ** 2 for k in range(6)) / 6
    return Comparison((A - Y) / 3, A.applyfunc(lambda a: sympy.diff(L, a)))


@register("losses.ce-gradient", "losses", "eq-ce-grad", "000",
          "dJ/dA of J = -(1/N) sum Y ln A is -Y / (N A), elementwise",
          r"\frac{\partial}{\partial A}\left(-\frac1N\sum Y\ln A\right) = -\frac{Y}{N A}",
          title="The gradient of the cross-entropy")
def _():
    A, Y = symbol_matrix(r"\hat y", 2, 3, positive=True), symbol_matrix("y", 2, 3)
    L = -sum(Y[k] * sympy.log(A[k]) for k in range(6)) / 2
    claim = sympy.Matrix(2, 3, lambda i, j: -Y[i, j] / (2 * A[i, j]))
    return Comparison(claim, A.applyfunc(lambda a: sympy.diff(L, a)))


@register("losses.bce-gradient", "losses", "eq-bce-grad", "004",
          "the derivative of the binary cross-entropy $-y\\ln a - (1 - y)\\ln(1 - a)$ with "
          "respect to the output $a$ is $\\frac{y - 1}{a - 1} - \\frac{y}{a}$",
          r"\frac{\partial}{\partial a}\left[-y\ln a - (1-y)\ln(1-a)\right] = \frac{y-1}{a-1} - \frac{y}{a}",
          title="The derivative of the binary cross-entropy")
def _():
    a, y = sympy.symbols("a y")
    J = -y * sympy.log(a) - (1 - y) * sympy.log(1 - a)
    return Comparison((y - 1) / (a - 1) - y / a, sympy.diff(J, a))


@register("losses.bce-sigmoid-delta-scalar", "losses", "eq-bce-delta-scalar", "004",
          "times the sigmoid's slope $a(1 - a)$, the binary cross-entropy's derivative "
          "$\\frac{y - 1}{a - 1} - \\frac{y}{a}$ becomes $a - y$",
          r"\left(\frac{y-1}{a-1} - \frac{y}{a}\right)a(1-a) = a - y",
          title="Sigmoid and binary cross-entropy, one sample")
def _():
    a, y = sympy.symbols("a y")
    return Comparison(((y - 1) / (a - 1) - y / a) * a * (1 - a), a - y)


@register("losses.softmax-ce-delta", "losses", "eq-softmax-ce-delta", "000",
          "softmax + cross-entropy (mean over N): dJ/dZ = (softmax(Z) - Y)/N, for 3 classes",
          r"\frac{\partial J}{\partial Z} = \frac{\hat Y - Y}{N},\quad \hat Y = \operatorname{softmax}(Z),"
          r"\ J = -\frac1N\sum Y\ln\hat Y",
          title="The fused delta of softmax and cross-entropy")
def _():
    net = build_network((2, 3), ("softmax",), "cross_entropy", 2)
    Zf, truth = net.delta_truth(0)
    claim = (softmax_rows(Zf) - net.Y) / 2
    return Comparison(claim, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 3, 1))


@register("losses.sigmoid-bce-delta", "losses", "eq-sigmoid-bce-delta", "004",
          "sigmoid + binary cross-entropy (mean over N): dJ/dZ = (sigmoid(Z) - Y)/N",
          r"\frac{\partial J}{\partial Z} = \frac{\sigma(Z) - Y}{N},\ "
          r"J = -\frac1N\sum\left[Y\ln\sigma(Z) + (1-Y)\ln(1-\sigma(Z))\right]",
          title="The fused delta of sigmoid and binary cross-entropy")
def _():
    net = build_network((2, 2), ("sigmoid",), "binary_cross_entropy", 2)
    Zf, truth = net.delta_truth(0)
    claim = (Zf.applyfunc(sigmoid) - net.Y) / 2
    return Comparison(claim, truth, names={z: z for z in Zf})


@register("losses.mse-any-output-delta", "losses", "eq-mse-delta", "001",
          "MSE with any output activation psi: dJ/dZ = (psi(Z) - Y)/N * psi'(Z), elementwise",
          r"\frac{\partial J}{\partial Z} = \frac{\psi(Z) - Y}{N}\odot\psi'(Z),\ J = \frac{1}{2N}\sum(\psi(Z) - Y)^2",
          title="The MSE delta with any output activation")
def _():
    net = build_network((2, 2), ("psi",), "mse", 3)
    Zf, truth = net.delta_truth(0)
    claim = hadamard((Zf.applyfunc(psi) - net.Y) / 3, Zf.applyfunc(psi_prime))
    return Comparison(claim, truth, names={z: z for z in Zf})


@register("losses.001-negative-gradient", "losses", "eq-001-nabla-L", "001",
          "001's grad L is the negative gradient: Y - Z for MSE and Y / Z for cross-entropy",
          r"-\frac{\partial}{\partial z}\tfrac12\sum(y - z)^2 = y - z,\quad "
          r"-\frac{\partial}{\partial z}\left(-\sum y\ln z\right) = \frac{y}{z}",
          title="001's gradient points downhill")
def _():
    z, y = symbol_matrix("z", 1, 3, row_vector=True), symbol_matrix("y", 1, 3, row_vector=True)
    mse = sum((y[k] - z[k]) ** 2 for k in range(3)) / 2
    ce = -sum(y[k] * sympy.log(z[k]) for k in range(3))
    claim = sympy.Matrix.vstack(y - z, sympy.Matrix(1, 3, lambda i, j: y[j] / z[j]))
    truth = sympy.Matrix.vstack(-z.applyfunc(lambda v: sympy.diff(mse, v)),
                                -z.applyfunc(lambda v: sympy.diff(ce, v)))
    return Comparison(claim, truth)


@register("losses.001-ce-example-log10", "losses", "eq-ce-example-log10", "001",
          "001's numbers are base-10 logarithms: -log10(0.9) = 0.046 and -log10(0.1) = 1",
          r"-\log_{10} 0.9 \approx 0.046,\quad -\log_{10} 0.1 = 1",
          title="001's cross-entropy numbers use log base 10")
def _():
    return Comparison(sympy.Matrix([[sympy.Float("0.046"), 1]]),
                      sympy.Matrix([[-sympy.log(sympy.Float("0.9"), 10), -sympy.log(sympy.Float("0.1"), 10)]]),
                      tolerance=5e-4)


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
