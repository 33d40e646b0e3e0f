"""The derivations the book uses, each registered as a check that must hold.

Every check cites its chapter, the chapter's equation label and the source document it comes
from.  Ground truth is SymPy's own differentiation (``sympy.diff``) of the scalar loss or of
the function in question; the claim is the formula as the book (or the source) writes it.
Generic activations (:data:`~nnlib.symbolic.network.phi`, ``psi``) make the matrix formulas
hold for every activation; the concrete activations are checked one by one in "activations".
"""

from __future__ import annotations

import sympy

from .checks import Comparison
from .checks import register as _register
from .network import (build_network, generic_activation, hadamard, phi, phi_prime, psi,
                      psi_prime, residual, sigmoid, softmax_rows, symbol_matrix)

# The headings the pages show above each check's verdict.
_TITLES = {
    'forward-pass.linear-composition': 'Two linear layers are one',
    'bias.folded-unit-first': "004's bias unit in front of the inputs",
    'bias.repeated-rows-gradient': "The gradient of 000's repeated bias rows",
    'bias.untied-entries-gradient': 'If every bias entry were its own parameter',
    'activations.sigmoid-prime': "The sigmoid's derivative",
    'activations.sigmoid-prime-exp': "The sigmoid's derivative with exponentials",
    'activations.tanh-via-sigmoid': 'tanh is a stretched, shifted sigmoid',
    'activations.tanh-exp-steps': "001's intermediate step for tanh",
    'activations.sigmoid-2a-via-tanh': 'The sigmoid of 2a through tanh',
    'activations.tanh-prime-via-sigmoid': "tanh's derivative through the sigmoid",
    'activations.tanh-prime': "tanh's derivative",
    'activations.relu-prime': "ReLU's derivative",
    'activations.leaky-relu-prime': "Leaky ReLU's derivative",
    'softmax.jacobian-n2': 'The softmax Jacobian, two outputs',
    'softmax.jacobian-n3': 'The softmax Jacobian, three outputs',
    'softmax.jacobian-n4': 'The softmax Jacobian, four outputs',
    'softmax.jacobian-broadcast': "001's broadcast form of the Jacobian",
    'softmax.shift-invariance': 'Softmax ignores a common shift',
    'softmax.001-worked-example': "001's worked softmax example",
    'losses.mse-gradient': 'The gradient of the mean squared error',
    'losses.ce-gradient': 'The gradient of the cross-entropy',
    'losses.bce-gradient': "The gradient of 004's binary cross-entropy",
    'losses.bce-sigmoid-delta-scalar': 'Sigmoid and binary cross-entropy, one sample',
    'losses.softmax-ce-delta': 'The fused delta of softmax and cross-entropy',
    'losses.sigmoid-bce-delta': 'The fused delta of sigmoid and binary cross-entropy',
    'losses.mse-any-output-delta': 'The MSE delta with any output activation',
    'losses.001-negative-gradient': "001's gradient points downhill",
    'losses.001-ce-example-log10': "001's cross-entropy numbers use log base 10",
    'chain-rule.002-forward': "002's forward pass in matrix form",
    'chain-rule.002-output-partials': "002's output-layer partial derivatives",
    'chain-rule.002-hidden-partials-H': "002's hidden-layer partials of H",
    'chain-rule.002-hidden-partials-I': "002's hidden-layer partials of I",
    'chain-rule.002-output-assembly': "002's output-layer gradient matrix",
    'chain-rule.002-hidden-error-partials': "002's hidden-layer error derivatives",
    'chain-rule.003-local-gradient': "003's local gradient of a hidden unit",
    'chain-rule.003-batch-sum': "003's batch gradient is a sum",
    'backprop-matrix.delta2': 'The output delta',
    'backprop-matrix.dZ2-da1': 'How the output logits depend on the hidden activations',
    'backprop-matrix.delta1': 'The hidden delta',
    'backprop-matrix.dW2': "The output weights' gradient",
    'backprop-matrix.db2': 'The output bias gradient',
    'backprop-matrix.dW1': "The hidden weights' gradient",
    'backprop-matrix.db1': 'The hidden bias gradient',
    'backprop-matrix.generic-2-3-2': 'The four formulas for any activation',
    'backprop-any-depth.recursion-3-layers': 'The delta recursion, at any depth',
    'backprop-any-depth.gradients-3-layers': 'Every layer\'s gradients from its delta',
    'backprop-any-depth.001-output-weights': "001's output-weight gradient",
    'backprop-any-depth.001-hidden-weights': "001's hidden-weight gradient",
    'backprop-any-depth.001-bias': "001's bias gradients",
    'backprop-any-depth.001-columns-vs-rows': "001's columns are the book's rows transposed",
    'backprop-any-depth.004-dJ-dTheta1': "004's first-layer gradient",
    'backprop-any-depth.004-accumulator-l2': "004's accumulator with the L2 term",
    'gradient-checking.central-difference-order': 'The central difference is second order',
    'gradient-checking.forward-difference-order': 'The one-sided difference is first order',
    'beyond.l2-gradient': 'What the L2 term adds to the gradient',
    'beyond.l2-network': 'The gradient with L2, in matrix form',
    'beyond.dropout-backward': "Dropout's backward pass uses the same mask",
    'beyond.minibatch-mean': 'A batch gradient is the mean of per-sample gradients',
}


def register(id, *args, **kwargs):
    """:func:`nnlib.symbolic.checks.register` with the heading from ``_TITLES``."""
    kwargs.setdefault("title", _TITLES.get(id, ""))
    return _register(id, *args, **kwargs)


__all__ = ["row_constraint", "softmax_pretty", "sigma", "sigma_prime", "g", "g_prime",
           "net_002", "net_004_regression", "softmax_jacobian_claim"]

sigma, sigma_prime = generic_activation("sigma", r"\sigma")
"""Source 002's activation, kept generic: its formulas hold for any activation."""
g, g_prime = generic_activation("g", "g")
"""Source 004's activation g, kept generic where the formula does not use g' = g(1 - g)."""


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


def _colsum(M):
    return sympy.ones(1, M.rows) * M


# =========================================== forward pass ===================================
@register("forward-pass.linear-composition", "forward-pass", "eq-linear-collapse", "001",
          "two linear layers without an activation are one linear layer: W' = W1 W2, b' = b1 W2 + b2",
          r"(XW^{(1)} + \mathbf 1 b^{(1)})W^{(2)} + \mathbf 1 b^{(2)} = XW' + \mathbf 1 b',\ "
          r"W' = W^{(1)}W^{(2)},\ b' = b^{(1)}W^{(2)} + b^{(2)}")
def _():
    net = build_network((2, 3, 2), ("identity", "identity"), "mse", 2)
    Wp = net.W[0] * net.W[1]
    bp = net.b[0] * net.W[1] + net.b[1]
    return Comparison(net.X * Wp + sympy.ones(2, 1) * bp, net.Z[1])


# =========================================== bias ===========================================
@register("bias.folded-unit-first", "bias", "eq-bias-unit", "004",
          "004's bias unit (a leading 1; its Theta's bias column, which in rows is a first row) "
          "gives the same Z",
          r"\begin{bmatrix} \mathbf 1 & X\end{bmatrix}\begin{bmatrix} b \\ W\end{bmatrix} = XW + \mathbf 1\, b")
def _():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", 2)
    Xt = sympy.Matrix.hstack(sympy.ones(2, 1), net.X)
    Theta = sympy.Matrix.vstack(net.b[0], net.W[0])
    return Comparison(Xt * Theta, net.Z[0])


@register("bias.repeated-rows-gradient", "bias", "eq-bias-matrix-grad", "000",
          "000's tied bias rows: every row of dJ/db^(2) is the column sum of delta^(2)",
          r"\frac{\partial J}{\partial b^{(2)}_{ij}} = \sum_p \delta^{(2)}_{pj}\ \text{(all rows equal)}")
def _():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", 2)
    delta = (net.A[2] - net.Y) / 2
    claim = sympy.Matrix.vstack(_colsum(delta), _colsum(delta))
    truth = sympy.Matrix.vstack(net.grad_b[1], net.grad_b[1])
    return Comparison(claim, truth, names=net.names, subs=row_constraint(net.Y))


@register("bias.untied-entries-gradient", "bias", "eq-bias-untied", "000",
          "if each entry of the bias matrix were its own parameter, its gradient would be delta itself",
          r"B \text{ untied}:\ \frac{\partial J}{\partial B_{ij}} = \delta_{ij}")
def _():
    X, W = symbol_matrix("x", 2, 2), symbol_matrix("w", 2, 2)
    B = symbol_matrix("B", 2, 2)
    Y = symbol_matrix("y", 2, 2)
    A = (X * W + B).applyfunc(psi)
    L = sum((A[k] - Y[k]) ** 2 for k in range(4)) / 4
    delta = hadamard((A - Y) / 2, (X * W + B).applyfunc(psi_prime))
    return Comparison(delta, B.applyfunc(lambda s: sympy.diff(L, s)), names={})


# =========================================== activations ====================================
_a = sympy.Symbol("a", real=True)
_pos = sympy.Symbol("a", positive=True)
_neg = sympy.Symbol("a", negative=True)


@register("activations.sigmoid-prime", "activations", "eq-sigmoid-prime", "001",
          "the sigmoid's derivative is sigma (1 - sigma)",
          r"\frac{d}{da}\sigma(a) = \sigma(a)\left(1 - \sigma(a)\right)")
def _():
    s = sigmoid(_a)
    return Comparison(s * (1 - s), sympy.diff(s, _a), method="simplify")


@register("activations.sigmoid-prime-exp", "activations", "eq-sigmoid-prime-exp", "001",
          "the sigmoid's derivative written with exponentials: $e^{-a}/(1 + e^{-a})^2$",
          r"\frac{d}{da}\frac{1}{1+e^{-a}} = \frac{e^{-a}}{(1+e^{-a})^2}")
def _():
    return Comparison(sympy.exp(-_a) / (1 + sympy.exp(-_a)) ** 2, sympy.diff(sigmoid(_a), _a),
                      method="simplify")


@register("activations.tanh-via-sigmoid", "activations", "eq-tanh-sigmoid", "001",
          "tanh(a) = 2 sigma(2a) - 1",
          r"\tanh a = 2\sigma(2a) - 1")
def _():
    return Comparison(2 * sigmoid(2 * _a) - 1, sympy.tanh(_a), method="simplify")


@register("activations.tanh-exp-steps", "activations", "eq-tanh-steps", "001",
          "001's intermediate step: "
          "$(1 - e^{-2a})/(1 + e^{-2a}) = 1/(1 + e^{-2a}) - (1 - 1/(1 + e^{-2a}))$",
          r"\frac{1-e^{-2a}}{1+e^{-2a}} = \frac{1}{1+e^{-2a}} - \left(1 - \frac{1}{1+e^{-2a}}\right)")
def _():
    u = sympy.exp(-2 * _a)
    return Comparison(1 / (1 + u) - (1 - 1 / (1 + u)), (1 - u) / (1 + u), names={})


@register("activations.sigmoid-2a-via-tanh", "activations", "eq-sigmoid-tanh", "001",
          "sigma(2a) = (tanh(a) + 1)/2, the substitution behind tanh' = 1 - tanh^2",
          r"\sigma(2a) = \frac{\tanh a + 1}{2}")
def _():
    return Comparison((sympy.tanh(_a) + 1) / 2, sigmoid(2 * _a), method="simplify")


@register("activations.tanh-prime-via-sigmoid", "activations", "eq-tanh-prime-sigmoid", "001",
          "d/da [2 sigma(2a) - 1] = 4 sigma(2a) (1 - sigma(2a))",
          r"\frac{d}{da}\left[2\sigma(2a) - 1\right] = 4\,\sigma(2a)\left(1-\sigma(2a)\right)")
def _():
    s2 = sigmoid(2 * _a)
    return Comparison(4 * s2 * (1 - s2), sympy.diff(2 * s2 - 1, _a), method="simplify")


@register("activations.tanh-prime", "activations", "eq-tanh-prime", "001",
          "tanh'(a) = 1 - tanh(a)^2",
          r"\frac{d}{da}\tanh a = 1 - \tanh^2 a")
def _():
    return Comparison(1 - sympy.tanh(_a) ** 2, sympy.diff(sympy.tanh(_a), _a))


@register("activations.relu-prime", "activations", "eq-relu-prime", "001",
          "ReLU's derivative is 1 for a > 0 and 0 for a < 0 (undefined at 0; nnlib uses 0)",
          r"\frac{d}{da}\max(0, a) = \begin{cases}1 & a > 0\\ 0 & a < 0\end{cases}")
def _():
    relu = lambda z: sympy.Piecewise((z, z > 0), (0, True))  # noqa: E731
    return Comparison(sympy.Matrix([1, 0]),
                      sympy.Matrix([sympy.diff(relu(_pos), _pos), sympy.diff(relu(_neg), _neg)]))


@register("activations.leaky-relu-prime", "activations", "eq-leaky-relu-prime", "001",
          "leaky ReLU's derivative is 1 for a > 0 and the slope for a < 0",
          r"\frac{d}{da}\mathrm{LeakyReLU}(a) = \begin{cases}1 & a > 0\\ \text{slope} & a < 0\end{cases}")
def _():
    k = sympy.Symbol(r"\text{slope}", positive=True)
    leaky = lambda z: sympy.Piecewise((z, z >= 0), (k * z, True))  # noqa: E731
    return Comparison(sympy.Matrix([1, k]),
                      sympy.Matrix([sympy.diff(leaky(_pos), _pos), sympy.diff(leaky(_neg), _neg)]))


# =========================================== softmax ========================================
def softmax_jacobian_claim(n):
    """(s, Zsym, J_claim, J_true): the softmax Jacobian diag(s) - s s^T against SymPy's."""
    z = symbol_matrix("z", 1, n, row_vector=True)
    s = softmax_rows(z)  # 1 x n
    truth = sympy.Matrix(n, n, lambda i, j: sympy.diff(s[i], z[j]))
    claim = sympy.diag(*list(s)) - s.T * s
    return s, z, claim, truth


def _jacobian_check(n):
    @register(f"softmax.jacobian-n{n}", "softmax", "eq-softmax-jacobian", "001",
              f"the softmax Jacobian for n = {n} outputs is diag(s) - s s^T",
              r"\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j),\quad "
              r"J = \operatorname{diag}(s) - s s^T\quad (n = %d)" % n)
    def _():
        _, z, claim, truth = softmax_jacobian_claim(n)
        return Comparison(claim, truth, names={zi: zi for zi in z})

    return _


for _n in (2, 3, 4):
    _jacobian_check(_n)


@register("softmax.jacobian-broadcast", "softmax", "eq-softmax-broadcast", "001",
          "001's broadcast form: the column s times (I - the row s^T), elementwise, is the Jacobian",
          r"\begin{bmatrix}s_0\\s_1\\s_2\end{bmatrix} \ast \left(I - \begin{bmatrix}s_0 & s_1 & s_2\end{bmatrix}\right)"
          r" = \operatorname{diag}(s) - s s^T")
def _():
    s, z, _, truth = softmax_jacobian_claim(3)
    # broadcasting: entry (i, j) of column * (matrix - row) is s_i * (I_ij - s_j)
    claim = sympy.Matrix(3, 3, lambda i, j: s[i] * ((1 if i == j else 0) - s[j]))
    return Comparison(claim, truth, names={zi: zi for zi in z})


@register("softmax.shift-invariance", "softmax", "eq-softmax-shift", "book",
          "softmax(z + c) = softmax(z): nnlib subtracts the row maximum so no exponential overflows",
          r"\operatorname{softmax}(z + c\mathbf 1) = \operatorname{softmax}(z)")
def _():
    z = symbol_matrix("z", 1, 3, row_vector=True)
    c = sympy.Symbol("c", real=True)
    shifted = softmax_rows(z + c * sympy.ones(1, 3))
    return Comparison(shifted, softmax_rows(z), method="simplify")


@register("softmax.001-worked-example", "softmax", "eq-softmax-example", "001",
          "softmax(0.3, 0.6) = (0.4256, 0.5744) to four decimals",
          r"\operatorname{softmax}(0.3, 0.6) \approx (0.4256,\ 0.5744)")
def _():
    e3, e6 = sympy.exp(sympy.Rational(3, 10)), sympy.exp(sympy.Rational(6, 10))
    return Comparison(sympy.Matrix([[sympy.Float("0.4256"), sympy.Float("0.5744")]]),
                      sympy.Matrix([[e3 / (e3 + e6), e6 / (e3 + e6)]]), tolerance=5e-5)


# =========================================== losses =========================================
@register("losses.mse-gradient", "losses", "eq-mse-grad", "001",
          "dJ/dA of J = 1/(2N) sum (A - Y)^2 is (A - Y)/N",
          r"\frac{\partial}{\partial A}\frac{1}{2N}\sum (A - Y)^2 = \frac{A - Y}{N}")
def _():
    A, Y = symbol_matrix(r"\hat y", 3, 2), symbol_matrix("y", 3, 2)
    L = sum((A[k] - Y[k]) ** 2 for k in range(6)) / 6
    return Comparison((A - Y) / 3, A.applyfunc(lambda a: sympy.diff(L, a)))


@register("losses.ce-gradient", "losses", "eq-ce-grad", "000",
          "dJ/dA of J = -(1/N) sum Y ln A is -Y / (N A), elementwise",
          r"\frac{\partial}{\partial A}\left(-\frac1N\sum Y\ln A\right) = -\frac{Y}{N A}")
def _():
    A, Y = symbol_matrix(r"\hat y", 2, 3, positive=True), symbol_matrix("y", 2, 3)
    L = -sum(Y[k] * sympy.log(A[k]) for k in range(6)) / 2
    claim = sympy.Matrix(2, 3, lambda i, j: -Y[i, j] / (2 * A[i, j]))
    return Comparison(claim, A.applyfunc(lambda a: sympy.diff(L, a)))


@register("losses.bce-gradient", "losses", "eq-bce-grad", "004",
          "004: dJ/da of J = -y ln a - (1 - y) ln(1 - a) is (y - 1)/(a - 1) - y/a",
          r"\frac{\partial}{\partial a}\left[-y\ln a - (1-y)\ln(1-a)\right] = \frac{y-1}{a-1} - \frac{y}{a}")
def _():
    a, y = sympy.symbols("a y")
    J = -y * sympy.log(a) - (1 - y) * sympy.log(1 - a)
    return Comparison((y - 1) / (a - 1) - y / a, sympy.diff(J, a))


@register("losses.bce-sigmoid-delta-scalar", "losses", "eq-bce-delta-scalar", "004",
          "004: ((y - 1)/(a - 1) - y/a) a (1 - a) = a - y",
          r"\left(\frac{y-1}{a-1} - \frac{y}{a}\right)a(1-a) = a - y")
def _():
    a, y = sympy.symbols("a y")
    return Comparison(((y - 1) / (a - 1) - y / a) * a * (1 - a), a - y)


@register("losses.softmax-ce-delta", "losses", "eq-softmax-ce-delta", "000",
          "softmax + cross-entropy (mean over N): dJ/dZ = (softmax(Z) - Y)/N, for 3 classes",
          r"\frac{\partial J}{\partial Z} = \frac{\hat Y - Y}{N},\quad \hat Y = \operatorname{softmax}(Z),"
          r"\ J = -\frac1N\sum Y\ln\hat Y")
def _():
    net = build_network((2, 3), ("softmax",), "cross_entropy", 2)
    Zf, truth = net.delta_truth(0)
    claim = (softmax_rows(Zf) - net.Y) / 2
    return Comparison(claim, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 3, 1))


@register("losses.sigmoid-bce-delta", "losses", "eq-sigmoid-bce-delta", "004",
          "sigmoid + binary cross-entropy (mean over N): dJ/dZ = (sigmoid(Z) - Y)/N",
          r"\frac{\partial J}{\partial Z} = \frac{\sigma(Z) - Y}{N},\ "
          r"J = -\frac1N\sum\left[Y\ln\sigma(Z) + (1-Y)\ln(1-\sigma(Z))\right]")
def _():
    net = build_network((2, 2), ("sigmoid",), "binary_cross_entropy", 2)
    Zf, truth = net.delta_truth(0)
    claim = (Zf.applyfunc(sigmoid) - net.Y) / 2
    return Comparison(claim, truth, names={z: z for z in Zf})


@register("losses.mse-any-output-delta", "losses", "eq-mse-delta", "001",
          "MSE with any output activation psi: dJ/dZ = (psi(Z) - Y)/N * psi'(Z), elementwise",
          r"\frac{\partial J}{\partial Z} = \frac{\psi(Z) - Y}{N}\odot\psi'(Z),\ J = \frac{1}{2N}\sum(\psi(Z) - Y)^2")
def _():
    net = build_network((2, 2), ("psi",), "mse", 3)
    Zf, truth = net.delta_truth(0)
    claim = hadamard((Zf.applyfunc(psi) - net.Y) / 3, Zf.applyfunc(psi_prime))
    return Comparison(claim, truth, names={z: z for z in Zf})


@register("losses.001-negative-gradient", "losses", "eq-001-nabla-L", "001",
          "001's grad L is the negative gradient: Y - Z for MSE and Y / Z for cross-entropy",
          r"-\frac{\partial}{\partial z}\tfrac12\sum(y - z)^2 = y - z,\quad "
          r"-\frac{\partial}{\partial z}\left(-\sum y\ln z\right) = \frac{y}{z}")
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
          r"-\log_{10} 0.9 \approx 0.046,\quad -\log_{10} 0.1 = 1")
def _():
    return Comparison(sympy.Matrix([[sympy.Float("0.046"), 1]]),
                      sympy.Matrix([[-sympy.log(sympy.Float("0.9"), 10), -sympy.log(sympy.Float("0.1"), 10)]]),
                      tolerance=5e-4)


# =========================================== chain rule (002, 003) ===========================
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


@register("chain-rule.002-forward", "chain-rule", "eq-002-forward", "002",
          "002's forward pass, neuron by neuron, is the matrix form sigma(W sigma(V i + b) + b')",
          r"\begin{pmatrix}H\\I\end{pmatrix} = \sigma\!\left(\begin{pmatrix}e&f\\g&h\end{pmatrix}"
          r"\sigma\!\left(\begin{pmatrix}a&b\\c&d\end{pmatrix}\begin{pmatrix}i_1\\i_2\end{pmatrix}"
          r"+\begin{pmatrix}b_F\\b_G\end{pmatrix}\right)+\begin{pmatrix}b_H\\b_I\end{pmatrix}\right)")
def _():
    S = net_002()
    V = sympy.Matrix([[S["a"], S["b"]], [S["c"], S["d"]]])
    W = sympy.Matrix([[S["e"], S["f"]], [S["g"], S["h"]]])
    inner = (V * sympy.Matrix([S["i1"], S["i2"]]) + sympy.Matrix([S["bF"], S["bG"]])).applyfunc(sigma)
    out = (W * inner + sympy.Matrix([S["bH"], S["bI"]])).applyfunc(sigma)
    return Comparison(out, sympy.Matrix([S["H"], S["I"]]), names=S["names"])


@register("chain-rule.002-output-partials", "chain-rule", "eq-002-output-jacobian", "002",
          "002's output-layer partials: [dH/de dH/df dH/db_H; dI/dg dI/dh dI/db_I] = sigma'(net) (F G 1)",
          r"\begin{pmatrix}\frac{\partial H}{\partial e}&\frac{\partial H}{\partial f}&\frac{\partial H}{\partial b_H}\\"
          r"\frac{\partial I}{\partial g}&\frac{\partial I}{\partial h}&\frac{\partial I}{\partial b_I}\end{pmatrix}"
          r" = \sigma'\!\begin{pmatrix}net_H\\net_I\end{pmatrix}\begin{pmatrix}F&G&1\end{pmatrix}")
def _():
    S = net_002()
    truth = sympy.Matrix([[sympy.diff(S["H"], S[v]) for v in ("e", "f", "bH")],
                          [sympy.diff(S["I"], S[v]) for v in ("g", "h", "bI")]])
    claim = sympy.Matrix([S["sH"], S["sI"]]) * sympy.Matrix([[S["F"], S["G"], 1]])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-hidden-partials-H", "chain-rule", "eq-002-dH-hidden", "002",
          "002's partials of H with respect to a, b, b_F, c, d (each through one hidden neuron)",
          r"\frac{\partial H}{\partial a} = \sigma'(net_H)\,e\,\sigma'(net_F)\,i_1,\ \dots,\ "
          r"\frac{\partial H}{\partial d} = \sigma'(net_H)\,f\,\sigma'(net_G)\,i_2")
def _():
    S = net_002()
    sH, sF, sG, e, f = S["sH"], S["sF"], S["sG"], S["e"], S["f"]
    claim = sympy.Matrix([sH * e * sF * S["i1"], sH * e * sF * S["i2"], sH * e * sF,
                          sH * f * sG * S["i1"], sH * f * sG * S["i2"]])
    truth = sympy.Matrix([sympy.diff(S["H"], S[v]) for v in ("a", "b", "bF", "c", "d")])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-hidden-partials-I", "chain-rule", "eq-002-dI-hidden", "002",
          "002's partials of I with respect to a, b, c, d",
          r"\frac{\partial I}{\partial a} = \sigma'(net_I)\,g\,\sigma'(net_F)\,i_1,\ \dots,\ "
          r"\frac{\partial I}{\partial d} = \sigma'(net_I)\,h\,\sigma'(net_G)\,i_2")
def _():
    S = net_002()
    sI, sF, sG, g_, h = S["sI"], S["sF"], S["sG"], S["g"], S["h"]
    claim = sympy.Matrix([sI * g_ * sF * S["i1"], sI * g_ * sF * S["i2"],
                          sI * h * sG * S["i1"], sI * h * sG * S["i2"]])
    truth = sympy.Matrix([sympy.diff(S["I"], S[v]) for v in ("a", "b", "c", "d")])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-output-assembly", "chain-rule", "eq-002-output-assembly", "002",
          "002's output-layer gradient matrix: 2 (sigma'(net) * (out - t)) (F G 1), and its diag form",
          r"\begin{pmatrix}\frac{\partial E}{\partial e}&\frac{\partial E}{\partial f}&\frac{\partial E}{\partial b_H}\\"
          r"\frac{\partial E}{\partial g}&\frac{\partial E}{\partial h}&\frac{\partial E}{\partial b_I}\end{pmatrix}"
          r" = \begin{pmatrix}\sigma'(net_H)&0\\0&\sigma'(net_I)\end{pmatrix}\cdot 2"
          r"\begin{pmatrix}H-t_1\\I-t_2\end{pmatrix}\begin{pmatrix}F&G&1\end{pmatrix}")
def _():
    S = net_002()
    truth = sympy.Matrix([[sympy.diff(S["Error"], S[v]) for v in ("e", "f", "bH")],
                          [sympy.diff(S["Error"], S[v]) for v in ("g", "h", "bI")]])
    claim = (sympy.diag(S["sH"], S["sI"]) * 2 * sympy.Matrix([S["H"] - S["t1"], S["I"] - S["t2"]])
             * sympy.Matrix([[S["F"], S["G"], 1]]))
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-hidden-error-partials", "chain-rule", "eq-002-dE-hidden", "002",
          "002's dError/da..dd: 2 sigma'(net_F or net_G) input * ((H - t1) sigma'(net_H) w + (I - t2) sigma'(net_I) w')",
          r"\frac{\partial E}{\partial a} = 2\sigma'(net_F)\,i_1\left((H-t_1)\sigma'(net_H)\,e + (I-t_2)\sigma'(net_I)\,g\right),\ \dots")
def _():
    S = net_002()
    rH, rI = (S["H"] - S["t1"]) * S["sH"], (S["I"] - S["t2"]) * S["sI"]
    viaF = 2 * S["sF"] * (rH * S["e"] + rI * S["g"])
    viaG = 2 * S["sG"] * (rH * S["f"] + rI * S["h"])
    claim = sympy.Matrix([viaF * S["i1"], viaF * S["i2"], viaG * S["i1"], viaG * S["i2"]])
    truth = sympy.Matrix([sympy.diff(S["Error"], S[v]) for v in ("a", "b", "c", "d")])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.003-local-gradient", "chain-rule", "eq-003-dC-dz", "003",
          "003: dC/dz = sigma'(z) [w3 dC/dz' + w4 dC/dz''] when a = sigma(z) feeds z' and z''",
          r"\frac{\partial C}{\partial z} = \sigma'(z)\left[w_3\frac{\partial C}{\partial z'} + w_4\frac{\partial C}{\partial z''}\right]")
def _():
    z, zp, zpp = sympy.symbols("z z' z''")
    w3, w4, b1, b2, y1, y2 = sympy.symbols("w_3 w_4 b' b'' y_1 y_2")
    C_of = lambda u, v: (psi(u) - y1) ** 2 / 2 + (psi(v) - y2) ** 2 / 2  # noqa: E731
    a = sigma(z)
    up, upp = w3 * a + b1, w4 * a + b2
    dC_dzp = sympy.diff(C_of(zp, zpp), zp).xreplace({zp: up, zpp: upp})
    dC_dzpp = sympy.diff(C_of(zp, zpp), zpp).xreplace({zp: up, zpp: upp})
    claim = sigma_prime(z) * (w3 * dC_dzp + w4 * dC_dzpp)
    names = {z: z, up: zp, upp: zpp}
    return Comparison(claim, sympy.diff(C_of(up, upp), z), names=names)


@register("chain-rule.003-batch-sum", "chain-rule", "eq-003-batch", "003",
          "003: the gradient of a sum of per-sample losses is the sum of the per-sample gradients",
          r"\frac{\partial}{\partial w}\sum_n C^n = \sum_n \frac{\partial C^n}{\partial w}")
def _():
    net = build_network((2, 2), ("psi",), "mse", 3)
    per_sample = []
    for n in range(3):
        A, Y = net.A[1][n, :], net.Y[n, :]
        per_sample.append(sum((A[k] - Y[k]) ** 2 for k in range(2)) / 2)
    total = sum(per_sample)
    claim = net.W[0].applyfunc(lambda w: sum(sympy.diff(C, w) for C in per_sample))
    return Comparison(claim, net.W[0].applyfunc(lambda w: sympy.diff(total, w)), names=net.names)


# =========================================== backprop, matrix form (000) ====================
def _net000():
    return build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", 2)


@register("backprop-matrix.delta2", "backprop-matrix", "eq-delta2", "000",
          "000's output delta with the 1/N of 000's mean loss, which 000 leaves out: "
          "delta^(2) = (yhat - y)/N",
          r"\delta^{(2)} = \frac{\partial J}{\partial Z^{(2)}} = \frac{1}{N}(\hat y - y)")
def _():
    net = _net000()
    Zf, truth = net.delta_truth(1)
    claim = (softmax_rows(Zf) - net.Y) / net.N
    return Comparison(claim, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 2, 2))


@register("backprop-matrix.dZ2-da1", "backprop-matrix", "eq-dZ2-da1", "000",
          "dZ^(2)_mn / da^(1)_pq = W^(2)_qn when m = p, and 0 otherwise",
          r"\frac{\partial Z^{(2)}_{mn}}{\partial a^{(1)}_{pq}} = [m = p]\, W^{(2)}_{qn}")
def _():
    return _dZ_da(level=2)


def _dZ_da(level):
    """Jacobian of Z^(level) with respect to a free a^(1), rows (m, n), columns (p, q); the
    claim is 000's [m = p] W^(2)_qn over Z^(2)'s index ranges."""
    net = _net000()
    A1 = symbol_matrix("a", 2, 3, layer=1)
    Z = net.Z[0] if level == 1 else A1 * net.W[1] + sympy.ones(2, 1) * net.b[1]
    rows = [(m, n) for m in range(2) for n in range(2)]
    cols = [(p, q) for p in range(2) for q in range(3)]
    truth = sympy.Matrix(len(rows), len(cols),
                         lambda r, c: sympy.diff(Z[rows[r]], A1[cols[c]]))
    claim = sympy.Matrix(len(rows), len(cols),
                         lambda r, c: net.W[1][cols[c][1], rows[r][1]] if rows[r][0] == cols[c][0] else 0)
    return Comparison(claim, truth)


@register("backprop-matrix.delta1", "backprop-matrix", "eq-delta1", "000",
          "000's hidden delta: delta^(1) = (1 - tanh^2(Z^(1))) * (delta^(2) W^(2)T)",
          r"\delta^{(1)} = \left(1 - \tanh^2 Z^{(1)}\right)\odot \delta^{(2)}{W^{(2)}}^T")
def _():
    net = _net000()
    Zf, Zs, As, L, names = net.tail(0)
    truth = Zf.applyfunc(lambda z: sympy.diff(L, z))
    delta2 = (As[-1] - net.Y) / net.N
    claim = hadamard(Zf.applyfunc(lambda z: 1 - sympy.tanh(z) ** 2), delta2 * net.W[1].T)
    return Comparison(claim, truth, names=names, subs=row_constraint(net.Y))


def _grad_check(net_fn, which, layer, delta_fn, subs_fn=None):
    def build():
        net = net_fn()
        deltas = delta_fn(net)
        if which == "W":
            claim, truth = net.A[layer].T * deltas[layer], net.grad_W[layer]
        else:
            claim, truth = _colsum(deltas[layer]), net.grad_b[layer]
        return Comparison(claim, truth, names=net.names,
                          subs=subs_fn(net) if subs_fn else None)
    return build


def _deltas_000(net):
    d2 = (net.A[2] - net.Y) / net.N
    d1 = hadamard(net.Z[0].applyfunc(lambda z: 1 - sympy.tanh(z) ** 2), d2 * net.W[1].T)
    return [d1, d2]


_row_Y = lambda net: row_constraint(net.Y)  # noqa: E731

register("backprop-matrix.dW2", "backprop-matrix", "eq-dW2", "000",
         "000: dJ/dW^(2) = a^(1)T delta^(2) (index form sum_p delta_pj a_pi)",
         r"\frac{\partial J}{\partial W^{(2)}} = {a^{(1)}}^T\delta^{(2)}")(
    _grad_check(_net000, "W", 1, _deltas_000, _row_Y))
register("backprop-matrix.db2", "backprop-matrix", "eq-db2", "000",
         "000: dJ/db^(2) is the column sums of delta^(2)",
         r"\frac{\partial J}{\partial b^{(2)}_j} = \sum_p \delta^{(2)}_{pj} = (\mathbf 1^T\delta^{(2)})_j")(
    _grad_check(_net000, "b", 1, _deltas_000, _row_Y))
register("backprop-matrix.dW1", "backprop-matrix", "eq-dW1", "000",
         "000's dJ/dW^(1)_ij = sum_p delta^(1)_pj x_pi, as a matrix x^T delta^(1)",
         r"\frac{\partial J}{\partial W^{(1)}} = x^T\delta^{(1)}")(
    _grad_check(_net000, "W", 0, _deltas_000, _row_Y))
register("backprop-matrix.db1", "backprop-matrix", "eq-db1", "000",
         "000: dJ/db^(1) is the column sums of delta^(1)",
         r"\frac{\partial J}{\partial b^{(1)}_j} = \sum_p \delta^{(1)}_{pj}")(
    _grad_check(_net000, "b", 0, _deltas_000, _row_Y))


def _net_generic():
    return build_network((2, 3, 2), ("phi", "psi"), "mse", 2)


def _deltas_generic(net):
    out = [None] * len(net.W)
    L = len(net.W)
    out[-1] = hadamard((net.A[-1] - net.Y) / net.N, net.Z[-1].applyfunc(psi_prime))
    for l in range(L - 2, -1, -1):
        out[l] = hadamard(out[l + 1] * net.W[l + 1].T, net.Z[l].applyfunc(phi_prime))
    return out


@register("backprop-matrix.generic-2-3-2", "backprop-matrix", "eq-backprop-summary", "book",
          "for ANY activations phi (hidden) and psi (output) with MSE, the four backprop formulas give "
          "every gradient of the 2-3-2 network",
          r"\begin{aligned}"
          r"\delta^{(2)} &= \tfrac1N(A^{(2)} - Y)\odot\psi'(Z^{(2)}), & "
          r"\delta^{(1)} &= \delta^{(2)}{W^{(2)}}^T\odot\phi'(Z^{(1)}),\\ "
          r"\frac{\partial J}{\partial W^{(l)}} &= {A^{(l-1)}}^T\delta^{(l)}, & "
          r"\frac{\partial J}{\partial b^{(l)}} &= \mathbf 1^T\delta^{(l)}"
          r"\end{aligned}")
def _():
    net = _net_generic()
    d = _deltas_generic(net)
    parts_c, parts_t = [], []
    for l in range(2):
        parts_c += list(net.A[l].T * d[l]) + list(_colsum(d[l]))
        parts_t += list(net.grad_W[l]) + list(net.grad_b[l])
    return Comparison(sympy.Matrix(parts_c), sympy.Matrix(parts_t), names=net.names)


# =========================================== backprop, any depth ============================
# "Any depth" is checked two ways (issue 15, honest scope): the whole recursion on networks of
# depth 1 to 4 with several batch sizes, and one layer step for a loss J that is *any* function
# of the next pre-activation, which by induction on the layers covers every depth.
_DEPTH_SIZES = {1: (2, 2), 2: (2, 3, 2), 3: (2, 3, 2, 2), 4: (2, 2, 3, 2, 2)}
"""Layer sizes of the network of each depth (hidden widths differ, so a transpose matters)."""

_STEP_SIZES = ((1, 1, 1, 1), (2, 2, 3, 2), (3, 3, 2, 2))
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


def _step_delta(N, n_l, n_next, transpose=True):
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


def _step_gradients(N, n_prev, n_l):
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
    claimed = list(A.T * delta) + list(_colsum(delta))
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
                 "N = 1, 2 and 3; 2-2-3-2-2 with N = 1 and 2; MSE); and " + _STEP_SCOPE))
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
    for N, _, n_l, n_next in _STEP_SIZES:
        parts += list(residual(*_step_delta(N, n_l, n_next)))
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
                     "the next pre-activation", "the layer's own pre-activation")))
def _():
    parts = []
    for depth in (1, 2, 3):
        for N in (1, 2):
            net = _depth_net(depth, N)
            d = _deltas_generic(net)
            claimed, truth = [], []
            for l in range(depth):
                claimed += list(net.A[l].T * d[l]) + list(_colsum(d[l]))
                truth += list(net.grad_W[l]) + list(net.grad_b[l])
            parts += list(residual(sympy.Matrix(claimed), sympy.Matrix(truth), names=net.names))
    for N, n_prev, n_l, _ in _STEP_SIZES:
        parts += list(residual(*map(sympy.Matrix, _step_gradients(N, n_prev, n_l))))
    return Comparison(sympy.Matrix(parts), sympy.zeros(len(parts), 1))


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


@register("backprop-any-depth.001-output-weights", "backprop-any-depth", "eq-001-dw2", "001",
          "001: dL/dw^(2)_ij = -delta^(2)_j z^(1)_i with delta^(2)_j = (y_j - z^(2)_j) phi'(a^(2)_j)",
          r"\frac{\partial\mathcal L}{\partial w^{(2)}_{ij}} = -\delta^{(2)}_j z^{(1)}_i,\quad "
          r"\delta^{(2)}_j = (y_j - z^{(2)}_j)\,\phi^{(2)\prime}(a^{(2)}_j)")
def _():
    S = net_001()
    claim = sympy.Matrix(3, 2, lambda i, j: -S["D2"][j] * S["z1"][i])
    return Comparison(claim, S["W2"].applyfunc(lambda w: sympy.diff(S["L"], w)), names=S["names"])


@register("backprop-any-depth.001-hidden-weights", "backprop-any-depth", "eq-001-dw1", "001",
          "001: dL/dw^(1)_ij = -delta^(1)_j x_i with delta^(1) = (W^(2) Delta^(2)) * phi'(a^(1)) in columns",
          r"\frac{\partial\mathcal L}{\partial w^{(1)}_{ij}} = -\delta^{(1)}_j x_i,\quad "
          r"\Delta^{(1)} = \left(W^{(2)}\Delta^{(2)}\right)\ast\nabla\phi^{(1)}")
def _():
    S = net_001()
    claim = sympy.Matrix(2, 3, lambda i, j: -S["D1"][j] * S["x"][i])
    return Comparison(claim, S["W1"].applyfunc(lambda w: sympy.diff(S["L"], w)), names=S["names"])


@register("backprop-any-depth.001-bias", "backprop-any-depth", "eq-001-db", "001",
          "001: dL/db^(l) = -Delta^(l) for both layers",
          r"\frac{\partial\mathcal L}{\partial b^{(l)}} = -\Delta^{(l)}")
def _():
    S = net_001()
    claim = sympy.Matrix.vstack(-S["D1"], -S["D2"])
    truth = sympy.Matrix.vstack(S["b1"].applyfunc(lambda v: sympy.diff(S["L"], v)),
                                S["b2"].applyfunc(lambda v: sympy.diff(S["L"], v)))
    return Comparison(claim, truth, names=S["names"])


@register("backprop-any-depth.001-columns-vs-rows", "backprop-any-depth", "eq-001-vs-rows", "001",
          "001's column recursion W^(2) Delta^(2) is the transpose of the row form delta^(2) W^(2)T",
          r"\left(W^{(2)}\Delta^{(2)}\right)^T = {\Delta^{(2)}}^T {W^{(2)}}^T")
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
          r"\frac{\partial J}{\partial\Theta^{(1)}} = X^T\left[\left(\delta^{(3)}{\Theta^{(2)}}^T\right)\odot g'(z^{(2)})\right] = X^T\delta^{(2)},\quad \delta^{(3)} = (\hat y - y)\odot g'(z^{(3)})")
def _():
    S = net_004_regression()
    delta2 = hadamard(S["delta3"] * S["T2"].T, S["z2"].applyfunc(g_prime))
    return Comparison(S["X"].T * delta2, S["T1"].applyfunc(lambda t: sympy.diff(S["J"], t)),
                      names=S["names"])


def _net_004_logistic(K=1, m=2, lam=True):
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
          "004's accumulator: Delta += delta a^T per example, then D = (Delta + lambda Theta)/m "
          "(bias column unregularized) is dJ/dTheta for cross-entropy + L2",
          r"\Delta^{(l)} \mathrel{+}= \delta^{(l+1)}{a^{(l)}}^T,\quad "
          r"D^{(l)}_{ij} = \tfrac1m\left(\Delta^{(l)}_{ij} + \lambda\Theta^{(l)}_{ij}[j\ne0]\right) = \frac{\partial J}{\partial\Theta^{(l)}_{ij}}")
def _():
    S = _net_004_logistic()
    D1, D2 = _accumulate_004(S)
    claim = sympy.Matrix(list(D1) + list(D2))
    truth = sympy.Matrix([sympy.diff(S["J"], t) for t in list(S["T1"]) + list(S["T2"])])
    return Comparison(claim, truth, names=S["names"])


# =========================================== gradient checking ==============================
@register("gradient-checking.central-difference-order", "gradient-checking", "eq-central-error", "book",
          "the central difference (f(x+h) - f(x-h))/(2h) is f'(x) + h^2 f'''(x)/6 + O(h^4)",
          r"\frac{f(x+h) - f(x-h)}{2h} = f'(x) + \frac{h^2}{6}f'''(x) + O(h^4)")
def _():
    x, h = sympy.symbols("x h")
    f = sympy.sin(x) * sympy.exp(x)  # any smooth function will do; this one has all derivatives
    series = sympy.series((f.subs(x, x + h) - f.subs(x, x - h)) / (2 * h), h, 0, 4).removeO()
    claim = sympy.diff(f, x) + h ** 2 / 6 * sympy.diff(f, x, 3)
    return Comparison(claim, series, method="simplify")


@register("gradient-checking.forward-difference-order", "gradient-checking", "eq-forward-error", "book",
          "the one-sided difference (f(x+h) - f(x))/h is f'(x) + h f''(x)/2 + O(h^2): only first order",
          r"\frac{f(x+h) - f(x)}{h} = f'(x) + \frac{h}{2}f''(x) + O(h^2)")
def _():
    x, h = sympy.symbols("x h")
    f = sympy.sin(x) * sympy.exp(x)
    series = sympy.series((f.subs(x, x + h) - f) / h, h, 0, 2).removeO()
    return Comparison(sympy.diff(f, x) + h / 2 * sympy.diff(f, x, 2), series, method="simplify")


# =========================================== beyond =========================================
@register("beyond.l2-gradient", "beyond", "eq-l2-grad", "004",
          "the L2 term lambda/(2N) sum W^2 adds lambda W / N to dJ/dW (and nothing to dJ/db)",
          r"\frac{\partial}{\partial W}\frac{\lambda}{2N}\sum_{l}\|W^{(l)}\|^2 = \frac{\lambda}{N}W")
def _():
    W, lam = symbol_matrix("w", 3, 2), sympy.Symbol(r"\lambda")
    N = sympy.Integer(4)
    R = lam / (2 * N) * sum(w ** 2 for w in W)
    return Comparison(lam * W / N, W.applyfunc(lambda w: sympy.diff(R, w)))


@register("beyond.l2-network", "beyond", "eq-l2-network", "004",
          "nnlib's L2: with J = J_data + lambda/(2N) sum W^2, dJ/dW_l = A_{l-1}^T delta_l + lambda W_l / N",
          r"\frac{\partial J}{\partial W^{(l)}} = {A^{(l-1)}}^T\delta^{(l)} + \frac{\lambda}{N}W^{(l)}")
def _():
    net = _net_generic()
    lam = sympy.Symbol(r"\lambda")
    J = net.L + lam / (2 * net.N) * sum(w ** 2 for W in net.W for w in W)
    d = _deltas_generic(net)
    parts_c, parts_t = [], []
    for l in range(2):
        parts_c += list(net.A[l].T * d[l] + lam * net.W[l] / net.N) + list(_colsum(d[l]))
        parts_t += [sympy.diff(J, w) for w in net.W[l]] + [sympy.diff(J, c) for c in net.b[l]]
    return Comparison(sympy.Matrix(parts_c), sympy.Matrix(parts_t), names=net.names)


@register("beyond.dropout-backward", "beyond", "eq-dropout-backward", "002",
          "the backward pass of inverted dropout multiplies the upstream gradient by the same mask / (1 - p)",
          r"\tilde A = \frac{M\odot A}{1-p} \implies \frac{\partial J}{\partial A} = \frac{M}{1-p}\odot\frac{\partial J}{\partial\tilde A}")
def _():
    A, M, Y = symbol_matrix("a", 2, 2), symbol_matrix("m", 2, 2), symbol_matrix("y", 2, 2)
    p = sympy.Symbol("p")
    At = hadamard(M, A) / (1 - p)
    L = sum(psi(At[k]) * Y[k] for k in range(4))
    names = {At[k]: sympy.Symbol(r"\tilde a_{%d%d}" % (k // 2 + 1, k % 2 + 1)) for k in range(4)}
    upstream = sympy.Matrix(2, 2, lambda i, j: psi_prime(At[i, j]) * Y[i, j])
    claim = hadamard(M / (1 - p), upstream)
    return Comparison(claim, A.applyfunc(lambda a: sympy.diff(L, a)), names=names)


@register("beyond.minibatch-mean", "beyond", "eq-minibatch", "003",
          "the gradient of the mean loss over a batch is the mean of the per-sample gradients",
          r"\frac{\partial}{\partial W}\frac1B\sum_{n\in B} C^n = \frac1B\sum_{n\in B}\frac{\partial C^n}{\partial W}")
def _():
    net = build_network((2, 2), ("psi",), "mse", 3)
    per = [sum((net.A[1][n, k] - net.Y[n, k]) ** 2 for k in range(2)) / 2 for n in range(3)]
    claim = net.W[0].applyfunc(lambda w: sum(sympy.diff(C, w) for C in per) / 3)
    return Comparison(claim, net.grad_W[0], names=net.names)
