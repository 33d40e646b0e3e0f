r"""Checks of the chapter "Nonlinearity and activation functions" (chapters/activations.ipynb,
chapter id ``"activations"``).

Each activation's derivative against ``sympy.diff``: the sigmoid, tanh (and 001's steps
through the sigmoid), ReLU, leaky ReLU, and the scaled sigmoid of the chapter's widget.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..registry import Comparison, register
from ..symbols import sigmoid

__all__ = ["scaled_sigmoid"]

_a = sympy.Symbol("a", real=True)


_pos = sympy.Symbol("a", positive=True)


_neg = sympy.Symbol("a", negative=True)


@register("activations.sigmoid-prime", "activations", "eq-sigmoid-prime", "001",
          "the sigmoid's derivative is sigma (1 - sigma)",
          r"\frac{d}{da}\sigma(a) = \sigma(a)\left(1 - \sigma(a)\right)",
          title="The sigmoid's derivative")
def _():
    s = sigmoid(_a)
    return Comparison(s * (1 - s), sympy.diff(s, _a), method="simplify")


@register("activations.sigmoid-prime-exp", "activations", "eq-sigmoid-prime-exp", "001",
          "the sigmoid's derivative written with exponentials: $e^{-a}/(1 + e^{-a})^2$",
          r"\frac{d}{da}\frac{1}{1+e^{-a}} = \frac{e^{-a}}{(1+e^{-a})^2}",
          title="The sigmoid's derivative with exponentials")
def _():
    return Comparison(sympy.exp(-_a) / (1 + sympy.exp(-_a)) ** 2, sympy.diff(sigmoid(_a), _a),
                      method="simplify")


@register("activations.tanh-via-sigmoid", "activations", "eq-tanh-sigmoid", "001",
          "tanh(a) = 2 sigma(2a) - 1",
          r"\tanh a = 2\sigma(2a) - 1",
          title="tanh is a stretched, shifted sigmoid")
def _():
    return Comparison(2 * sigmoid(2 * _a) - 1, sympy.tanh(_a), method="simplify")


@register("activations.tanh-exp-steps", "activations", "eq-tanh-steps", "001",
          "the middle step of $\\tanh a = 2\\sigma(2a) - 1$, the fraction split in two: "
          "$(1 - e^{-2a})/(1 + e^{-2a}) = 1/(1 + e^{-2a}) - (1 - 1/(1 + e^{-2a}))$",
          r"\frac{1-e^{-2a}}{1+e^{-2a}} = \frac{1}{1+e^{-2a}} - \left(1 - \frac{1}{1+e^{-2a}}\right)",
          title="tanh's fraction split in two")
def _():
    u = sympy.exp(-2 * _a)
    return Comparison(1 / (1 + u) - (1 - 1 / (1 + u)), (1 - u) / (1 + u), names={})


@register("activations.sigmoid-2a-via-tanh", "activations", "eq-sigmoid-tanh", "001",
          "sigma(2a) = (tanh(a) + 1)/2, the substitution behind tanh' = 1 - tanh^2",
          r"\sigma(2a) = \frac{\tanh a + 1}{2}",
          title="The sigmoid of 2a through tanh")
def _():
    return Comparison((sympy.tanh(_a) + 1) / 2, sigmoid(2 * _a), method="simplify")


@register("activations.tanh-prime-via-sigmoid", "activations", "eq-tanh-prime-sigmoid", "001",
          "d/da [2 sigma(2a) - 1] = 4 sigma(2a) (1 - sigma(2a))",
          r"\frac{d}{da}\left[2\sigma(2a) - 1\right] = 4\,\sigma(2a)\left(1-\sigma(2a)\right)",
          title="tanh's derivative through the sigmoid")
def _():
    s2 = sigmoid(2 * _a)
    return Comparison(4 * s2 * (1 - s2), sympy.diff(2 * s2 - 1, _a), method="simplify")


@register("activations.tanh-prime", "activations", "eq-tanh-prime", "001",
          "tanh'(a) = 1 - tanh(a)^2",
          r"\frac{d}{da}\tanh a = 1 - \tanh^2 a",
          title="tanh's derivative")
def _():
    return Comparison(1 - sympy.tanh(_a) ** 2, sympy.diff(sympy.tanh(_a), _a))


@register("activations.relu-prime", "activations", "eq-relu-prime", "001",
          "ReLU's derivative is 1 for a > 0 and 0 for a < 0 (undefined at 0; nnlib uses 0)",
          r"\frac{d}{da}\max(0, a) = \begin{cases}1 & a > 0\\ 0 & a < 0\end{cases}",
          title="ReLU's derivative")
def _():
    relu = lambda z: sympy.Piecewise((z, z > 0), (0, True))  # noqa: E731
    return Comparison(sympy.Matrix([1, 0]),
                      sympy.Matrix([sympy.diff(relu(_pos), _pos), sympy.diff(relu(_neg), _neg)]))


@register("activations.leaky-relu-prime", "activations", "eq-leaky-relu-prime", "001",
          "leaky ReLU's derivative is 1 for a > 0 and the slope for a < 0",
          r"\frac{d}{da}\mathrm{LeakyReLU}(a) = \begin{cases}1 & a > 0\\ \text{slope} & a < 0\end{cases}",
          title="Leaky ReLU's derivative")
def _():
    k = sympy.Symbol(r"\text{slope}", positive=True)
    leaky = lambda z: sympy.Piecewise((z, z >= 0), (k * z, True))  # noqa: E731
    return Comparison(sympy.Matrix([1, k]),
                      sympy.Matrix([sympy.diff(leaky(_pos), _pos), sympy.diff(leaky(_neg), _neg)]))




_c = sympy.Symbol("c", positive=True)


_beta = sympy.Symbol(r"\beta", real=True)


def scaled_sigmoid(a, c=_c, beta=_beta):
    r"""Source 001's scaled sigmoid :math:`c / (1 + e^{-\beta a})` as a SymPy expression."""
    return c / (1 + sympy.exp(-beta * a))


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
