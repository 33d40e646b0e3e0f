r"""Checks of the chapter "Checking gradients" (chapters/gradient_checking.ipynb,
chapter id ``"gradient-checking"``).

The orders of the central and the one-sided difference, the best central-difference step,
the relative error of a gradient that is a constant factor off, and the four bugs the chapter
plants in a backward pass, each as a claim SymPy rejects (``expect=False``) with a residual
that says what the bug costs.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network
from ..registry import Comparison, register
from ..symbols import hadamard, phi_prime, psi_prime, row_constraint, softmax_pretty, softmax_rows

__all__ = []


@register("gradient-checking.central-difference-order", "gradient-checking", "eq-central-error", "book",
          "the central difference (f(x+h) - f(x-h))/(2h) is f'(x) + h^2 f'''(x)/6 + O(h^4)",
          r"\frac{f(x+h) - f(x-h)}{2h} = f'(x) + \frac{h^2}{6}f'''(x) + O(h^4)",
          title="The central difference is second order")
def _():
    x, h = sympy.symbols("x h")
    f = sympy.sin(x) * sympy.exp(x)  # any smooth function will do; this one has all derivatives
    series = sympy.series((f.subs(x, x + h) - f.subs(x, x - h)) / (2 * h), h, 0, 4).removeO()
    claim = sympy.diff(f, x) + h ** 2 / 6 * sympy.diff(f, x, 3)
    return Comparison(claim, series, method="simplify")


@register("gradient-checking.forward-difference-order", "gradient-checking", "eq-forward-error", "book",
          "the one-sided difference (f(x+h) - f(x))/h is f'(x) + h f''(x)/2 + O(h^2): only first order",
          r"\frac{f(x+h) - f(x)}{h} = f'(x) + \frac{h}{2}f''(x) + O(h^2)",
          title="The one-sided difference is first order")
def _():
    x, h = sympy.symbols("x h")
    f = sympy.sin(x) * sympy.exp(x)
    series = sympy.series((f.subs(x, x + h) - f) / h, h, 0, 2).removeO()
    return Comparison(sympy.diff(f, x) + h / 2 * sympy.diff(f, x, 2), series, method="simplify")


# --- chapter "Checking gradients" ------------------------------------------------------------
@register("gradient-checking.best-step", "gradient-checking", "eq-best-step", "book",
          "With truncation error M h^2/6 and round-off eps F/h, the total error is smallest at "
          "h = (3 eps F / M)^(1/3).",
          r"\frac{d}{dh}\left(\frac{M h^2}{6} + \frac{\varepsilon F}{h}\right) = 0 "
          r"\iff h^\ast = \left(\frac{3\varepsilon F}{M}\right)^{1/3}",
          title="The best central-difference step")
def _best_step():
    h, M, eps, F = sympy.symbols("h M varepsilon F", positive=True)
    E = M * h ** 2 / 6 + eps * F / h
    (truth,) = sympy.solve(sympy.diff(E, h), h)
    return Comparison((3 * eps * F / M) ** sympy.Rational(1, 3), truth, method="simplify")


@register("gradient-checking.scaled-gradient-error", "gradient-checking", "eq-scaled-error",
          "book",
          "A gradient that is c times too large (c >= 1) has relative error (c - 1)/(c + 1), "
          "whatever the gradient: dropping the 1/N of a batch of N gives (N - 1)/(N + 1).",
          r"\frac{\lVert c\,g - g\rVert}{\lVert c\,g\rVert + \lVert g\rVert} = \frac{c - 1}{c + 1}",
          title="The relative error of a scaled gradient")
def _scaled_error():
    c = sympy.Symbol("c", positive=True)
    g = sympy.Matrix(sympy.symbols("g_1:4", real=True))
    err = (c * g - g).norm() / ((c * g).norm() + g.norm())
    # c >= 1: write c = 1 + k with k >= 0 so that |c - 1| = c - 1
    k = sympy.Symbol("k", nonnegative=True)
    return Comparison(((c - 1) / (c + 1)).subs(c, 1 + k), err.subs(c, 1 + k), method="simplify")


# --- the planted bugs of "Checking gradients", as claims SymPy rejects --------------------------
def _bug_network():
    """A 2-2-2 network with generic phi, psi and the MSE, N = 2 (W2 is square, so the
    missing-transpose bug is well formed)."""
    return build_network((2, 2, 2), ("phi", "psi"), "mse", N=2)


def _bug_hidden(transpose=True, derivative=True):
    net = _bug_network()
    Zf, Zs, As, L, names = net.tail(0)
    delta2 = hadamard((As[-1] - net.Y) / net.N, Zs[1].applyfunc(psi_prime))
    back = delta2 * (net.W[1].T if transpose else net.W[1])
    claimed = hadamard(back, Zf.applyfunc(phi_prime)) if derivative else back
    # what the bug costs, in delta: the page shows this, proven equal to the residual
    if not transpose:
        explain = (r"\left(\delta^{(2)}\big(W^{(2)} - W^{(2)T}\big)\right)\odot\phi'(Z^{(1)})",
                   hadamard(delta2 * (net.W[1] - net.W[1].T), Zf.applyfunc(phi_prime)))
    else:
        explain = (r"\left(\delta^{(2)}W^{(2)T}\right)\odot\left(1 - \phi'(Z^{(1)})\right)",
                   hadamard(delta2 * net.W[1].T, Zf.applyfunc(lambda z: 1 - phi_prime(z))))
    return Comparison(claimed, net.delta_truth(0)[1], names=names, explain=explain)


@register("gradient-checking.bug-missing-transpose", "gradient-checking", "eq-bug-transpose",
          "book", "Planted bug: the hidden delta with W instead of W^T.",
          r"\delta^{(1)} \overset{?}{=} \left(\delta^{(2)} W^{(2)}\right)\odot\phi'(Z^{(1)})",
          expect=False, title="Bug: missing transpose")
def _bug_transpose():
    return _bug_hidden(transpose=False)


@register("gradient-checking.bug-missing-derivative", "gradient-checking", "eq-bug-derivative",
          "book", "Planted bug: the hidden delta without the activation's derivative.",
          r"\delta^{(1)} \overset{?}{=} \delta^{(2)} W^{(2)T}",
          expect=False, title="Bug: missing activation derivative")
def _bug_derivative():
    return _bug_hidden(derivative=False)


@register("gradient-checking.bug-dropped-n", "gradient-checking", "eq-bug-dropped-n", "book",
          "Planted bug: the output delta without the 1/N of the mean loss.",
          r"\delta^{(2)} \overset{?}{=} \left(A^{(2)} - Y\right)\odot\psi'(Z^{(2)})",
          expect=False, title="Bug: dropped 1/N")
def _bug_dropped_n():
    net = _bug_network()
    Zf, Zs, As, L, names = net.tail(1)
    claimed = hadamard(As[-1] - net.Y, Zf.applyfunc(psi_prime))
    delta2 = claimed / net.N
    return Comparison(claimed, net.delta_truth(1)[1], names=names,
                      explain=(r"(N - 1)\,\delta^{(2)} = \delta^{(2)}\quad(N = 2)",
                               (net.N - 1) * delta2))


@register("gradient-checking.bug-elementwise-softmax", "gradient-checking", "eq-bug-softmax",
          "book",
          "Planted bug: softmax treated as elementwise, dJ/dA * s(1 - s) in place of the "
          "Jacobian product (softmax + cross-entropy, 3 classes, N = 2).",
          r"\delta \overset{?}{=} \frac{\partial J}{\partial \hat Y}\odot\hat Y\odot(1 - \hat Y)"
          r" = -\frac{1}{N}\,Y\odot(1 - \hat Y)",
          expect=False, title="Bug: elementwise softmax derivative")
def _bug_softmax():

    net = build_network((2, 3), ("softmax",), "cross_entropy", N=2)
    Zf, truth = net.delta_truth(0)
    S = softmax_rows(Zf)
    dA = hadamard(-net.Y / net.N, S.applyfunc(lambda s: 1 / s))
    claimed = hadamard(dA, hadamard(S, S.applyfunc(lambda s: 1 - s)))
    return Comparison(claimed, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 3, 1),
                      explain=(r"-\frac{1}{N}\,\hat Y\odot\left(1 - Y\right)",
                               -hadamard(S, net.Y.applyfunc(lambda y: 1 - y)) / net.N))
