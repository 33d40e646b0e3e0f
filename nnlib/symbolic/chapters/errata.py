"""Checks of the appendix "Errata" (chapters/errata.ipynb): the SymPy builds of every erratum.

Each :func:`register_erratum` call gives one record of
:data:`nnlib.symbolic.errata.ERRATA` (what the source says, the correction, in words) its two
builds: the source's claim as written (must fail) and the correction (must hold), in the order
the page lists them by source.  The last check shows that one of 003's conventions is
consistent.
"""

from __future__ import annotations

import re

import sympy

from ..errata import ERRATA
from ..network import dZ_da, net_000, net_001, net_002, net_004_logistic
from ..registry import Comparison, register
from ..symbols import (
    g,
    g_prime,
    generic_activation,
    hadamard,
    row_constraint,
    sigma,
    sigma_prime,
    softmax_pretty,
    softmax_rows,
    symbol_matrix,
)

__all__ = ["f3", "f3_prime", "register_erratum"]


def register_erratum(key, wrong_build, right_build, further=()):
    """Register the checks of the erratum ``key``: its claim as written (``wrong_build``, must
    fail), its correction (``right_build``, must hold) and one build per further part.

    Raises ValueError, before registering anything, for an unknown key (listing the valid
    ones) or a count of further builds that differs from the record's parts.
    """
    e = next((e for e in ERRATA if e.key == key), None)
    if e is None:
        raise ValueError(f"no erratum {key!r}; valid: {', '.join(x.key for x in ERRATA)}")
    if len(further) != len(e.further_parts):
        raise ValueError(f"erratum {key!r} has {len(e.further_parts)} further parts; "
                         f"got {len(further)} builds")
    # what the verdict line names: "The output delta (source 000), as written"
    what = re.split(r", (?![^()]*\))", e.where)[-1]  # the last part, not split inside ( )
    what = f"{what[:1].upper()}{what[1:]} (source {e.source})"
    register(e.wrong_id, "errata", f"eq-errata-{key}", e.source, e.says, e.says_latex,
             expect=False, title=f"{what}, as written")(wrong_build)
    register(e.right_id, "errata", f"eq-errata-{key}", e.source, e.correction,
             e.correction_latex, expect=True, title=f"{what}, corrected")(right_build)
    for cid, (part, claim, latex), build in zip(e.further, e.further_parts, further):
        register(cid, "errata", f"eq-errata-{key}", e.source, claim, latex, expect=False,
                 title=f"{what}, shape repaired, {part} as written")(build)
    return e


# ============================================ 000 ===========================================
def _z2_printed(w_last):
    A1 = symbol_matrix("a", 2, 3, layer=1)
    W2 = symbol_matrix("w", 3, 2, layer=2)
    b2 = symbol_matrix("b", 1, 2, layer=2, row_vector=True)
    Z2 = sympy.Matrix(2, 2, lambda i, j: A1[i, 0] * W2[0, j] + A1[i, 1] * W2[1, j]
                      + A1[i, 2] * (W2[2, j] if j == 0 else w_last) + b2[j])
    return Comparison(Z2, A1 * W2 + sympy.ones(2, 1) * b2)


register_erratum("000-z2-w23",
                 lambda: _z2_printed(sympy.Symbol("w^{(2)}_{23}")),
                 lambda: _z2_printed(sympy.Symbol("w^{(2)}_{32}")))


def _b2_printed(first):
    b1_ = sympy.Symbol("b^{(1)}_{1}")
    b2 = symbol_matrix("b", 1, 2, layer=2, row_vector=True)
    printed = sympy.Matrix([[b1_ if first else b2[0], b2[1]], [b2[0], b2[1]]])
    return Comparison(printed, sympy.ones(2, 1) * b2)


register_erratum("000-b2-superscript",
                 lambda: _b2_printed(True),
                 lambda: _b2_printed(False))


def _dZ_da_level(level):
    return Comparison(*dZ_da(level))


register_erratum("000-dZ1-da1",
                 lambda: _dZ_da_level(1),
                 lambda: _dZ_da_level(2))


def _delta2(with_N):
    net = net_000()
    Zf, truth = net.delta_truth(1)
    claim = softmax_rows(Zf) - net.Y
    if with_N:
        claim = claim / net.N
    # without the 1/N the claim is N delta: off by (N - 1) delta, which is delta itself at N = 2
    explain = None if with_N else (r"(N - 1)\,\delta^{(2)} = \delta^{(2)}\quad(N = 2)",
                                   (net.N - 1) * truth)
    return Comparison(claim, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 2, 2), explain=explain)


register_erratum("000-delta2-missing-1-over-N",
                 lambda: _delta2(False),
                 lambda: _delta2(True))


# ============================================ 001 ===========================================
_t = sympy.Symbol(r"\tanh a")


register_erratum("001-tanh-prime-step",
                 lambda: Comparison(4 * (_t + 1) / 2 * (1 - (_t - 1) / 2), 1 - _t ** 2),
                 lambda: Comparison(4 * (_t + 1) / 2 * (1 - (_t + 1) / 2), 1 - _t ** 2))


register_erratum("001-ce-0.046",
                 lambda: Comparison(sympy.Float("0.046"), -sympy.log(sympy.Float("0.9")), tolerance=5e-4),
                 lambda: Comparison(sympy.Float("0.105"), -sympy.log(sympy.Float("0.9")), tolerance=5e-4))


register_erratum("001-ce-loss-1",
                 lambda: Comparison(sympy.Integer(1), -sympy.log(sympy.Rational(1, 10)), tolerance=5e-4),
                 lambda: Comparison(sympy.Float("2.303"), -sympy.log(sympy.Rational(1, 10)), tolerance=5e-4))


_wij, _bj, _zi = sympy.symbols("w^{(2)}_{ij} b^{(2)}_{j} z^{(1)}_{i}")


register_erratum("001-bias-step",
                 lambda: Comparison(sympy.Integer(1), sympy.diff(_bj * _zi + _bj, _wij)),
                 lambda: Comparison(sympy.Integer(1), sympy.diff(_wij * _zi + _bj, _bj)))


def _001_dW2(corrected, reordered=False):
    """001's vectorized dL/dW^(2): as written (Delta z^T, the transposed shape), corrected
    (-z Delta^T), or reordered (z Delta^T: the shape repaired, 001's sign kept)."""
    S = net_001()
    truth = S["W2"].applyfunc(lambda w: sympy.diff(S["L"], w))
    if corrected:
        claim = -S["z1"] * S["D2"].T
    elif reordered:
        claim = S["z1"] * S["D2"].T
        # the dropped minus sign: the claim is minus the truth, off by twice itself
        return Comparison(claim, truth, names=S["names"],
                          explain=(r"2\,Z^{(1)}\left(\Delta^{(2)}\right)^T", 2 * claim))
    else:
        claim = S["D2"] * S["z1"].T
    return Comparison(claim, truth, names=S["names"])


register_erratum("001-dW2-vectorized",
                 lambda: _001_dW2(False),
                 lambda: _001_dW2(True),
                 further=(lambda: _001_dW2(False, reordered=True),))


def _001_softmax_rule(corrected):
    z = symbol_matrix("a", 1, 3, row_vector=True)
    y = symbol_matrix("y", 1, 3, row_vector=True)
    s = softmax_rows(z)
    L = -sum(y[k] * sympy.log(s[k]) for k in range(3))
    truth = -z.applyfunc(lambda v: sympy.diff(L, v))       # 001's Delta: minus the gradient
    gradL = sympy.Matrix(1, 3, lambda i, j: y[j] / s[j])   # 001's grad L for cross-entropy: Y/Z
    if corrected:
        J = sympy.Matrix(3, 3, lambda i, j: s[i] * ((1 if i == j else 0) - s[j]))
        claim = (J.T * gradL.T).T
    else:
        claim = hadamard(gradL, sympy.Matrix(1, 3, lambda i, j: s[j] * (1 - s[j])))
    return Comparison(claim, truth, names={v: v for v in z}, subs={y[2]: 1 - y[0] - y[1]},
                      pretty=_pretty_single_softmax(z))


def _pretty_single_softmax(z):
    E = [sympy.Symbol(sympy.latex(sympy.exp(v))) for v in z]
    S = [sympy.Symbol("z_{%d}" % (k + 1)) for k in range(3)]  # 1-based, like a_1.. and y_1..

    def pretty(res):
        def one(e):
            e = sympy.together(e.xreplace(dict(zip(E, S))))
            return sympy.factor(sympy.cancel(e.xreplace({S[2]: 1 - S[0] - S[1]})))
        return res.applyfunc(one)
    return pretty


register_erratum("001-softmax-elementwise-rule",
                 lambda: _001_softmax_rule(False),
                 lambda: _001_softmax_rule(True))


def _001_collapse(with_bias):
    """001's two linear layers (3 inputs, 4 hidden, 2 outputs, columns, 0-based like 001)."""
    W1 = sympy.Matrix(3, 4, lambda i, j: sympy.Symbol("W^{(1)}_{%d%d}" % (i, j)))
    W2 = sympy.Matrix(4, 2, lambda i, j: sympy.Symbol("W^{(2)}_{%d%d}" % (i, j)))
    b1 = sympy.Matrix(4, 1, lambda i, _: sympy.Symbol("b^{(1)}_{%d}" % i))
    b2 = sympy.Matrix(2, 1, lambda i, _: sympy.Symbol("b^{(2)}_{%d}" % i))
    x = sympy.Matrix(3, 1, lambda i, _: sympy.Symbol("x_{%d}" % i))
    truth = W2.T * (W1.T * x + b1) + b2          # the layer equations, substituted
    claim = W2.T * W1.T * x
    if with_bias:
        claim = (W1 * W2).T * x + (W2.T * b1 + b2)
    return Comparison(claim, truth)


register_erratum("001-collapse-drops-bias",
                 lambda: _001_collapse(False),
                 lambda: _001_collapse(True))


def _softmax_example(values):
    e3, e6 = sympy.exp(sympy.Rational(3, 10)), sympy.exp(sympy.Rational(6, 10))
    return Comparison(sympy.Matrix([[sympy.Float(v) for v in values]]),
                      sympy.Matrix([[e3 / (e3 + e6), e6 / (e3 + e6)]]), tolerance=5e-5)


register_erratum("001-softmax-example-rounding",
                 lambda: _softmax_example(("0.4255", "0.5745")),
                 lambda: _softmax_example(("0.4256", "0.5744")))


# ============================================ 002 ===========================================
_f002, _f002_prime = generic_activation("f", "f")


def _002_chain_formula(corrected):
    x = sympy.Symbol("x")
    if corrected:   # d sigma(f(x)) / dx = sigma'(f(x)) f'(x)
        return Comparison(sigma_prime(_f002(x)) * _f002_prime(x), sympy.diff(sigma(_f002(x)), x))
    u = sympy.Symbol("u")   # u stands for f(x): the derivative is taken with respect to it
    return Comparison(sigma_prime(u) * _f002_prime(x), sympy.diff(sigma(u), u))


register_erratum("002-chain-rule-formula",
                 lambda: _002_chain_formula(False),
                 lambda: _002_chain_formula(True))


def _002_output_error(prime):
    S = net_002()
    f = (lambda n: S["s" + n]) if prime else (lambda n: sigma(S["net" + n]))
    rH, rI = 2 * (S["H"] - S["t1"]), 2 * (S["I"] - S["t2"])
    claim = sympy.Matrix([rH * f("H") * S["F"], rH * f("H") * S["G"], rH * f("H"),
                          rI * f("I") * S["F"], rI * f("I") * S["G"], rI * f("I")])
    truth = sympy.Matrix([sympy.diff(S["Error"], S[v]) for v in ("e", "f", "bH", "g", "h", "bI")])
    return Comparison(claim, truth, names=S["names"])


register_erratum("002-missing-prime",
                 lambda: _002_output_error(False),
                 lambda: _002_output_error(True))


def _002_single(claim_fn, var):
    S = net_002()
    return Comparison(claim_fn(S), sympy.diff(S[var[0]], S[var[1]]), names=S["names"])


register_erratum("002-dH-dbG",
                 lambda: _002_single(lambda S: S["sH"] * S["e"] * S["sG"], ("H", "bG")),
                 lambda: _002_single(lambda S: S["sH"] * S["f"] * S["sG"], ("H", "bG")))


register_erratum("002-dI-dbH",
                 lambda: _002_single(lambda S: S["sI"] * S["g"] * S["sF"], ("I", "bH")),
                 lambda: _002_single(lambda S: S["sI"] * S["g"] * S["sF"], ("I", "bF")))


register_erratum("002-dI-dbI",
                 lambda: _002_single(lambda S: S["sI"] * S["g"] * S["sF"], ("I", "bI")),
                 lambda: _002_single(lambda S: S["sI"] * S["h"] * S["sG"], ("I", "bG")))


register_erratum("002-dH-dbH-step",
                 lambda: _002_single(lambda S: S["sH"] * sympy.diff(S["netH"], S["f"]), ("H", "bH")),
                 lambda: _002_single(lambda S: S["sH"] * sympy.diff(S["netH"], S["bH"]), ("H", "bH")))


def _002_assembly(with_bias):
    S = net_002()
    rhs = (sympy.diag(S["sF"], S["sG"]) * sympy.Matrix([[S["e"], S["g"]], [S["f"], S["h"]]])
           * (2 * sympy.Matrix([S["sH"] * (S["H"] - S["t1"]), S["sI"] * (S["I"] - S["t2"])]))
           * sympy.Matrix([[S["i1"], S["i2"], 1]]))
    cols = [("a", "b", "bF"), ("c", "d", "bG")] if with_bias else [("a", "b"), ("c", "d")]
    lhs = sympy.Matrix([[sympy.diff(S["Error"], S[v]) for v in row] for row in cols])
    return Comparison(rhs, lhs, names=S["names"])


register_erratum("002-hidden-assembly-shape",
                 lambda: _002_assembly(False),
                 lambda: _002_assembly(True))


# ============================================ 003 ===========================================
class _Shown(sympy.Symbol):
    """A symbol that prints its name as LaTeX, unparsed (SymPy would read an ``_`` in the
    name as the start of a subscript)."""

    def _latex(self, printer):
        return self.name


f3, f3_prime = generic_activation("f3", "f_3")
"""Source 003's output activation, kept generic (its claim is wrong for every f_3)."""


def _003_parts():
    # 003 writes vectors as columns with the layer as a subscript: entry k of x_2 is x_{2,k}
    x2 = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("x_{2,%d}" % (k + 1)))
    y = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("y_{%d}" % (k + 1)))
    b3 = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("b_{3,%d}" % (k + 1)))
    W3 = symbol_matrix("w", 2, 2, layer=3)
    z3 = W3 * x2 + b3
    x3 = z3.applyfunc(f3)
    L = sum((x3[k] - y[k]) ** 2 for k in range(2)) / 2
    names = {z3[k]: sympy.Symbol("z_{3,%d}" % (k + 1)) for k in range(2)}
    return x2, y, W3, z3, x3, L, names


def _003_dW3(corrected):
    x2, y, W3, z3, x3, L, names = _003_parts()
    truth = W3.applyfunc(lambda w: sympy.diff(L, w))
    if corrected:
        claim = hadamard(x3 - y, z3.applyfunc(f3_prime)) * x2.T
        return Comparison(claim, truth, names=names)
    norm = sympy.sqrt(sum((x3[k] - y[k]) ** 2 for k in range(2)))
    # d(W3 x2 + b3)_i / d(W3)_ij = (x2)_j: the source's factor, with the norm in front
    claim = sympy.Matrix(2, 2, lambda i, j: norm * x2[j])
    # for display only: the square root of the atomized sum of squares is written as the norm
    shown = sympy.sqrt(sum((sympy.Symbol(sympy.latex(f3(names[z3[k]]))) - y[k]) ** 2
                           for k in range(2)))
    norm_symbol = _Shown(r"\Vert x_3 - y\Vert")

    def pretty(res):
        return res.applyfunc(lambda e: sympy.factor(e.subs(sympy.expand(shown), norm_symbol)
                                                    .subs(shown, norm_symbol)))
    return Comparison(claim, truth, names=names, pretty=pretty)


register_erratum("003-norm-and-missing-derivative",
                 lambda: _003_dW3(False),
                 lambda: _003_dW3(True))


# ============================================ 004 ===========================================
def _004_delta3(sign_ok):
    """dJ/dz^(3) for 004's regression cost J = 1/2 sum (y - g(z^(3)))^2, m = 3 examples, with
    z^(3) free; the claim is 004's delta^(3) with or without the minus sign."""
    z = sympy.Matrix(3, 1, lambda t, _: sympy.Symbol("z^{(3)}_{%d}" % (t + 1)))
    y = sympy.Matrix(3, 1, lambda t, _: sympy.Symbol("y_{%d}" % (t + 1)))
    yhat = z.applyfunc(g)
    J = sum((y[t] - yhat[t]) ** 2 for t in range(3)) / 2
    truth = z.applyfunc(lambda v: sympy.diff(J, v))
    claim = hadamard((y - yhat) if not sign_ok else (yhat - y), z.applyfunc(g_prime))
    return Comparison(claim, truth, names={v: v for v in z})


register_erratum("004-delta3-sign",
                 lambda: _004_delta3(sign_ok=False),
                 lambda: _004_delta3(sign_ok=True))


def _004_expansion(transposed):
    """004's written-out product: rows a_i1 d_1 + a_i2 d_2 + a_i3 d_3 (a times delta) or the
    transposed sums a_1i d_1 + a_2i d_2 + a_3i d_3, against SymPy's (a^(2))^T delta^(3)."""
    a = sympy.Matrix(3, 3, lambda i, j: sympy.Symbol("a^{(2)}_{%d%d}" % (i + 1, j + 1)))
    d = sympy.Matrix(3, 1, lambda t, _: sympy.Symbol(r"\delta^{(3)}_{%d}" % (t + 1)))
    rows = sympy.Matrix(3, 1, lambda i, _: sum((a[t, i] if transposed else a[i, t]) * d[t]
                                               for t in range(3)))
    return Comparison(rows, a.T * d,
                      pretty=lambda res: res.applyfunc(lambda e: sympy.collect(e, list(d))))


register_erratum("004-aT-delta-expansion",
                 lambda: _004_expansion(False),
                 lambda: _004_expansion(True))


def _004_bias_drop(drop):
    S = net_004_logistic(lam=False)
    p = S["per"][0]
    J1 = (-(p["y"][0] * sympy.log(p["a3"][0]) + (1 - p["y"][0]) * sympy.log(1 - p["a3"][0])))
    zf = symbol_matrix("z^{(2)}", 2, 1)
    J1z = J1.xreplace(dict(zip(p["z2"], zf)))
    truth = zf.applyfunc(lambda v: sympy.diff(J1z, v))
    d3 = p["a3"] - p["y"]
    back = S["T2"].T * d3
    gp = sympy.Matrix([0] + list(p["z2"].applyfunc(g_prime)))  # g'(z) with the bias unit: a(1-a) = 0
    if drop:
        claim = hadamard(back[1:, :], p["z2"].applyfunc(g_prime))
    else:
        claim = hadamard(back, gp)
    claim = claim.xreplace(dict(zip(p["z2"], zf)))
    names = {v: v for v in zf}
    names.update({k.xreplace(dict(zip(p["z2"], zf))): s for k, s in S["names"].items()})
    return Comparison(claim, truth, names=names)


register_erratum("004-delta-bias-row",
                 lambda: _004_bias_drop(False),
                 lambda: _004_bias_drop(True))


def _004_partial(with_lambda):
    S = net_004_logistic(lam=True)
    Delta2 = sympy.zeros(*S["T2"].shape)
    for p in S["per"]:
        Delta2 += (p["a3"] - p["y"]) * p["a2"].T
    T2 = S["T2"]
    reg = sympy.Matrix(T2.rows, T2.cols, lambda i, j: 0 if j == 0 else S["lam"] * T2[i, j])
    claim = (Delta2 + (reg if with_lambda else sympy.zeros(*T2.shape))) / S["m"]
    truth = T2.applyfunc(lambda t: sympy.diff(S["J"], t))
    return Comparison(claim, truth, names=S["names"])


register_erratum("004-partial-without-lambda",
                 lambda: _004_partial(False),
                 lambda: _004_partial(True))


@register("errata.003-bias-drops-out", "errata", "eq-errata-003-bias", "003",
          "the derivative of W3 x2 + b3 with respect to W3 does not depend on b3",
          r"\frac{\partial (W_3x_2 + b_3)_i}{\partial (W_3)_{jk}} = \frac{\partial "
          r"(W_3x_2)_i}{\partial (W_3)_{jk}} = [i = j]\,(x_2)_k",
          title="Source 003's bias does not reach the weight gradient")
def _():
    x2 = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("x_{2,%d}" % (k + 1)))
    b3 = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("b_{3,%d}" % (k + 1)))
    W3 = symbol_matrix("w", 2, 2, layer=3)
    with_b, without = W3 * x2 + b3, W3 * x2

    def jac(v):
        return sympy.Matrix([[sympy.diff(v[i], w) for w in W3] for i in range(2)])

    return Comparison(jac(with_b), jac(without))
