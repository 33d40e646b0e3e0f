r"""Checks of the chapter "XOR" (chapters/xor.ipynb,
chapter id ``"xor"``).

Why no single layer separates XOR (the four inequalities of a 2-1 network add up to a
contradiction; the best single sigmoid unit outputs 1/2), a hand-built 2-2-1 network that
does, the output deltas of cross-entropy and squared error, and 002's error against nnlib's
mse.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..registry import Comparison, register
from ..symbols import symbolic_loss

__all__ = []


# --- XOR ------------------------------------------------------------------------------------------
@register("xor.one-layer-contradiction", "xor", "eq-xor-inequalities", "book",
          "the four XOR conditions of one unit z = w1 x1 + w2 x2 + b: the two inputs with one 1 "
          "need w1 + b > 0 and w2 + b > 0, the other two need b <= 0 and w1 + w2 + b <= 0; but "
          "the first two sum to the last two",
          r"(w_1 + b) + (w_2 + b) = (w_1 + w_2 + b) + b",
          title="No single unit computes XOR")
def _xor_sum():
    w1, w2, b = sympy.symbols("w_1 w_2 b", real=True)
    z = lambda x1, x2: w1 * x1 + w2 * x2 + b  # noqa: E731
    return Comparison(z(1, 0) + z(0, 1), z(1, 1) + z(0, 0))


@register("xor.hand-built", "xor", "eq-xor-hand", "book",
          "a 2-2-1 network with steep sigmoids computes XOR: hidden units OR (20 x1 + 20 x2 - 10) "
          "and NAND (-20 x1 - 20 x2 + 30), output AND (20 h1 + 20 h2 - 30); rounded, its "
          "outputs on (0,0), (0,1), (1,0), (1,1) are 0, 1, 1, 0",
          r"\operatorname{round}\,\sigma\!\big(20\,\sigma(20x_1+20x_2-10) + "
          r"20\,\sigma(30-20x_1-20x_2) - 30\big) = x_1 \oplus x_2",
          title="Two layers do compute XOR")
def _xor_hand():
    s = lambda u: 1 / (1 + sympy.exp(-u))  # noqa: E731
    out = []
    for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        h1, h2 = s(20 * x1 + 20 * x2 - 10), s(-20 * x1 - 20 * x2 + 30)
        value = s(20 * h1 + 20 * h2 - 30)
        out.append(sympy.Integer(round(float(sympy.N(value, 30)))))
    return Comparison(sympy.Matrix([0, 1, 1, 0]), sympy.Matrix(out))


@register("xor.one-unit-best", "xor", "eq-xor-one-unit", "book",
          "for one sigmoid unit a = sigma(w1 x1 + w2 x2 + b) on the four XOR points with binary "
          "cross-entropy, the gradient is zero at w1 = w2 = b = 0, where every output is 1/2 and "
          "the loss is ln 2; the loss is convex in (w1, w2, b) (its Hessian is a sum of "
          "a(1-a) x x^T), so this is the best one unit can do",
          r"\begin{gathered}\nabla_{w,b}\,J\big|_{w=0,\,b=0} = 0,\qquad J(0, 0) = \ln 2,"
          r"\\ \nabla^2_{w,b} J = \frac14\sum_{n=1}^{4} a_n(1 - a_n)\,\tilde x_n "
          r"\tilde x_n^T,\quad \tilde x_n = (x_{n1}, x_{n2}, 1)^T\end{gathered}",
          title="The best single unit outputs 1/2")
def _xor_one_unit():
    w1, w2, b = sympy.symbols("w_1 w_2 b", real=True)
    params = (w1, w2, b)
    s = lambda u: 1 / (1 + sympy.exp(-u))  # noqa: E731
    pts = [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 0)]
    J = -sum(y * sympy.log(s(w1 * x1 + w2 * x2 + b))
             + (1 - y) * sympy.log(1 - s(w1 * x1 + w2 * x2 + b)) for (x1, x2), y in pts) / 4
    at0 = {w1: 0, w2: 0, b: 0}
    grad0 = sympy.Matrix([sympy.diff(J, p) for p in params]).subs(at0)
    hess = sympy.hessian(J, params)
    claimed_hess = sympy.zeros(3, 3)
    for (x1, x2), _ in pts:
        a_n = s(w1 * x1 + w2 * x2 + b)
        xt = sympy.Matrix([x1, x2, 1])
        claimed_hess += a_n * (1 - a_n) * xt * xt.T / 4
    claimed = sympy.Matrix([0, 0, 0, sympy.log(2)]).col_join(claimed_hess.reshape(9, 1))
    truth = grad0.col_join(sympy.Matrix([J.subs(at0)])).col_join(hess.reshape(9, 1))
    return Comparison(claimed, truth)


@register("xor.output-deltas", "xor", "eq-xor-deltas", "book",
          "for a sigmoid output a = sigma(z): binary cross-entropy gives dJ/dz = a - y, while "
          "nnlib's squared error (a - y)^2 / 2 gives (a - y) a (1 - a), which vanishes when the "
          "output saturates, right or wrong",
          r"\begin{gathered}\frac{\partial}{\partial z}\Big[-y\ln a - (1-y)\ln(1-a)\Big] "
          r"= a - y,\\ \frac{\partial}{\partial z}\,\tfrac12(a - y)^2 = (a - y)\,a(1 - a),"
          r"\qquad a = \sigma(z)\end{gathered}",
          title="Output deltas: cross-entropy against squared error")
def _xor_deltas():
    z = sympy.Symbol("z", real=True)
    y = sympy.Symbol("y", real=True)
    a_ = sympy.Symbol("a", positive=True)
    sig = sympy.Matrix([[1 / (1 + sympy.exp(-z))]])
    Y = sympy.Matrix([[y]])
    # one sample, one output: nnlib's losses as SymPy writes them (mse is (a - y)^2 / 2 here)
    truth = sympy.Matrix([sympy.diff(symbolic_loss(name)(sig, Y), z)
                          for name in ("binary_cross_entropy", "mse")])
    claimed = sympy.Matrix([a_ - y, (a_ - y) * a_ * (1 - a_)]).subs(a_, sig[0])
    return Comparison(claimed, truth, method="simplify")


@register("xor.source-error-scale", "xor", "eq-xor-error-scale", "002",
          "the squared error $(a_n - t_n)^2$ summed over the $N = 4$ corners is $2N = 8$ times "
          "nnlib's mse $\\frac{1}{2N}\\sum_n (a_n - t_n)^2$, and so is its gradient: a learning "
          "rate $\\eta$ with the summed error moves the weights as far as $8\\eta$ does with mse",
          r"\sum_{n=1}^{4}(a_n - t_n)^2 = 8\cdot\frac{1}{2\cdot 4}\sum_{n=1}^{4}(a_n - t_n)^2",
          title="The summed squared error and nnlib's mse")
def _xor_scale():
    A = sympy.symbols("a_1:5", real=True)
    T = sympy.symbols("t_1:5", real=True)
    source = sum((a_n - t_n) ** 2 for a_n, t_n in zip(A, T))
    ours = sum((a_n - t_n) ** 2 for a_n, t_n in zip(A, T)) / (2 * 4)
    claimed = sympy.Matrix([8 * ours] + [8 * sympy.diff(ours, a_n) for a_n in A])
    truth = sympy.Matrix([source] + [sympy.diff(source, a_n) for a_n in A])
    return Comparison(claimed, truth)
