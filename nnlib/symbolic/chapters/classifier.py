r"""Checks of the chapter "A real classifier" (chapters/classifier.ipynb,
chapter id ``"classifier"``).

The book's own claims about reading a trained 2-3-2 tanh/softmax/cross-entropy network:
a network that scores every class the same has cross-entropy :math:`\ln K` (why a fresh
network starts near 0.693); with two softmax outputs the decision boundary is where one
weighted sum of the hidden units crosses zero; a misclassified sample costs at least
:math:`\ln 2`; and one matrix update of source 000's network lowers its loss to first order by
exactly the squared length of the gradient.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network
from ..registry import Comparison, register
from ..symbols import softmax_rows, symbolic_loss

__all__ = []


def _cross_entropy(Z, Y):
    """-1/N sum_n sum_k Y_nk ln softmax(Z)_nk, with the symbolic layer's softmax and loss."""
    return symbolic_loss("cross_entropy")(softmax_rows(Z), Y)


@register("classifier.uniform-loss", "classifier", "eq-classifier-uniform", "book",
          "a network whose output pre-activations are the same for every class (here: each "
          "sample's row of Z is constant) has cross-entropy ln K for any one-hot targets; "
          "checked for K = 2, 3, 4 on three samples of different classes",
          r"Z^{(2)}_{n1} = \dots = Z^{(2)}_{nK}\ \text{for all } n"
          r"\quad\Longrightarrow\quad J = \ln K",
          title="The loss of a network that cannot tell the classes apart")
def _uniform_loss():
    claimed, truth = [], []
    for K in (2, 3, 4):
        c = sympy.symbols("c1:4", real=True)  # one free value per sample
        Z = sympy.Matrix(3, K, lambda n, k: c[n])
        Y = sympy.Matrix(3, K, lambda n, k: 1 if k == n % K else 0)
        claimed.append(sympy.log(K))
        truth.append(sympy.simplify(sympy.expand_log(_cross_entropy(Z, Y), force=True)))
    return Comparison(sympy.Matrix(claimed), sympy.Matrix(truth), method="simplify")


@register("classifier.boundary", "classifier", "eq-classifier-boundary", "book",
          "for the 2-3-2 network, the difference of the two softmax outputs equals tanh of "
          "half of u = a (w_1 - w_2) + b_1 - b_2, where a is the row of hidden activations and "
          "w_1, w_2 the columns of W2; so class 1 wins exactly where u > 0",
          r"\hat y_1 - \hat y_2 = \tanh\tfrac{u}{2},\quad u = a^{(1)}\big(W^{(2)}_{:1} - "
          r"W^{(2)}_{:2}\big) + b^{(2)}_1 - b^{(2)}_2",
          title="Where the 2-3-2 network changes its mind")
def _boundary():
    a = sympy.Matrix(1, 3, sympy.symbols("a1:4", real=True))
    W = sympy.Matrix(3, 2, sympy.symbols("w11 w12 w21 w22 w31 w32", real=True))
    b = sympy.Matrix(1, 2, sympy.symbols("b1 b2", real=True))
    z = a * W + b  # the output row's pre-activations, Z2 = a W2 + b2
    denom = sympy.exp(z[0]) + sympy.exp(z[1])
    truth = sympy.exp(z[0]) / denom - sympy.exp(z[1]) / denom  # softmax, from its definition
    u = (a * (W[:, 0] - W[:, 1]))[0] + b[0] - b[1]
    claimed = sympy.tanh(u / 2).rewrite(sympy.exp)
    return Comparison(claimed, truth, method="simplify")


@register("classifier.error-bound", "classifier", "eq-classifier-error-bound", "book",
          "a sample is misclassified only if its true class's probability is at most 1/2; with "
          "two classes its loss is ln(1 + e^d), d = z_other - z_true >= 0, whose smallest value "
          "over d >= 0 is ln 2; hence (error rate) <= J / ln 2",
          r"\text{misclassified} \Rightarrow -\ln \hat y_{n,\text{true}} \ge \ln 2"
          r"\quad\Longrightarrow\quad \text{error rate} \le \frac{J}{\ln 2}",
          title="The loss bounds the error rate")
def _error_bound():
    from sympy.calculus.util import minimum

    d = sympy.Symbol("d", real=True)
    z_true, z_other = sympy.symbols("z_t z_o", real=True)
    # the per-sample loss -ln softmax_true, from the definition, as a function of the margin
    loss = -sympy.log(sympy.exp(z_true) / (sympy.exp(z_true) + sympy.exp(z_other)))
    as_margin = sympy.simplify(loss.subs(z_other, z_true + d))
    truth = minimum(as_margin, d, sympy.Interval(0, sympy.oo))
    return Comparison(sympy.log(2), sympy.simplify(truth), method="simplify")


# --- the classifier -------------------------------------------------------------------------------
eta = sympy.Symbol("eta", real=True)
"""The learning rate of the step (the same symbol as in chapter gradient-descent)."""


@register("classifier.matrix-step-decrease", "classifier", "eq-classifier-update", "000",
          "for the 2-3-2 tanh/softmax/cross-entropy network, moving every weight matrix and "
          "bias by $-\\eta$ times its gradient changes the loss at rate minus the sum of the "
          "squared gradient entries (at $\\eta = 0$)",
          r"\left.\frac{d}{d\eta} J\big(W - \eta\,\tfrac{\partial J}{\partial W},\ "
          r"b - \eta\,\tfrac{\partial J}{\partial b}\big)\right|_{\eta=0} = "
          r"-\sum_l \Big(\big\lVert \tfrac{\partial J}{\partial W^{(l)}}\big\rVert_F^2 + "
          r"\big\lVert \tfrac{\partial J}{\partial b^{(l)}}\big\rVert^2\Big)",
          title="One matrix step of the 2-3-2 network")
def _matrix_step():
    import random

    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    params = [p for W in net.W for p in W] + [p for b in net.b for p in b]
    # a point with 30-digit inputs and parameters (exact rationals would keep every tanh and
    # exp unevaluated and take minutes), one-hot targets
    rng = random.Random(0)

    def number():
        return sympy.Float(sympy.Rational(rng.randint(-9, 9), 10), 30)

    values = {s: number() for s in net.X}
    values.update({p: number() for p in params})
    values.update({net.Y[0, 0]: 1, net.Y[0, 1]: 0, net.Y[1, 0]: 0, net.Y[1, 1]: 1})
    # xreplace + evalf, not subs: subs re-simplifies the whole tree and is 30x slower
    grads = [sympy.diff(net.L, p).xreplace(values).evalf(30) for p in params]  # numbers
    # ground truth: SymPy differentiates the loss along the step, a function of eta alone
    along = dict(values)
    along.update({p: values[p] - eta * gp for p, gp in zip(params, grads)})
    rate = sympy.diff(net.L.xreplace(along), eta).xreplace({eta: 0}).evalf(30)
    claimed = -sum(gp ** 2 for gp in grads)
    return Comparison(sympy.N(claimed, 30), sympy.N(rate, 30), tolerance=1e-20)
