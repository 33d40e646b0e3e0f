"""The sources' mistakes, each a pair of checks, and the conventions that only look like mistakes.

Every :class:`Erratum` registers two checks in chapter ``"errata"``:

* ``errata.<key>.source``: the source's claim as written (``expect=False``: it must FAIL, and
  its residual shows by how much);
* ``errata.<key>.corrected``: the corrected claim (``expect=True``: it must hold).

:func:`errata` returns them as data for the errata chapter (source, where, what it says, the
correction, how the mistake arises); :func:`conventions` lists the differences of convention a
reader might take for mistakes, each with the check that shows it is consistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from .checks import FAILS, VERIFIED, Comparison, all_checks, get_check, register
from .derivations import (g, g_prime, net_001, net_002, row_constraint, softmax_pretty,
                          _net000, _net_004_logistic)
from .network import (generic_activation, hadamard, softmax_rows,
                      symbol_matrix)

__all__ = ["Erratum", "Convention", "ERRATA", "CONVENTIONS", "errata", "conventions",
           "show_errata", "show_conventions", "source_mistakes", "mistake_index",
           "errata_summary"]


_GREEK = ("delta", "Delta", "Theta", "theta", "sigma", "phi", "lambda", "eta", "psi", "tanh")


def _script(tok, k):
    """The argument of a ``^`` or ``_`` at ``tok[k]``: a parenthesized group or a run of
    letters and digits, or a braced group kept as it is; returns (LaTeX group, index after it)."""
    if k < len(tok) and tok[k] in "{(":
        opening = tok[k]
        closing = "}" if opening == "{" else ")"
        depth, m = 0, k
        while m < len(tok):
            depth += {opening: 1, closing: -1}.get(tok[m], 0)
            m += 1
            if depth == 0:
                break
        group = tok[k:m]
        return (group if opening == "{" else "{" + group + "}"), m
    m = k
    while m < len(tok) and tok[m].isalnum():
        m += 1
    return "{" + tok[k:m] + "}", m


def _math_token(tok):
    out, k = "", 0
    while k < len(tok):
        if tok[k] in "^_":
            group, k2 = _script(tok, k + 1)
            out += tok[k] + group
            k = k2
        else:
            out += tok[k]
            k += 1
    for name in _GREEK:
        out = re.sub(r"((?<=/d)|(?<![A-Za-z\\]))%s(?![A-Za-z])" % name, r"\\" + name, out)
    return out


def prose(text):
    """Plain-text notation of the errata's descriptions (``w_23^(2)``, ``(Z^(1))^T``) with every
    word that carries a sub- or superscript set as inline math, for the rendered page.

    Formulas already written as inline math (``$\\hat y - y$``) are kept as they are."""
    parts = re.split(r"(\$[^$]+\$)", text)
    return "".join(part if part.startswith("$") and part.endswith("$") and len(part) > 1
                   else _prose_words(part) for part in parts)


def _prose_words(text):
    words = []
    for word in text.split(" "):
        core = word.rstrip(".,;:")
        tail = word[len(core):]
        if ("^" in core or "_" in core) and core.count("(") >= core.count(")") - 1:
            words.append("$" + _math_token(core) + "$" + tail)
        else:
            words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class Erratum:
    """One mistake in a source, with the two checks that show it and fix it.

    Attributes
    ----------
    key : str
    source : str
        "000" ... "004".
    where : str
        Where in the source, in our words (section and what is being derived).
    says : str
        What the source claims, in words.
    says_latex : str
    correction : str
    correction_latex : str
    explanation : str
        One line: how the mistake arises (so readers can catch their own).
    also : tuple of str
        Other registered checks (in the chapters that meet the mistake) that test the same
        source claim and must fail too.
    further : tuple of str
        Checks (``errata.<key>.<part>``, must fail) of a further mistake in the same claim that
        its first check cannot reach: when the source's matrices do not even conform, the
        shape is all that check shows, and a sign the prose also blames is tested here with
        the shape repaired.
    """

    key: str
    source: str
    where: str
    says: str
    says_latex: str
    correction: str
    correction_latex: str
    explanation: str
    also: tuple = ()
    further: tuple = ()

    @property
    def wrong_id(self):
        return f"errata.{self.key}.source"

    @property
    def right_id(self):
        return f"errata.{self.key}.corrected"

    @property
    def wrong(self):
        """The source's claim as a :class:`~nnlib.symbolic.checks.Check` (must fail)."""
        return get_check(self.wrong_id)

    @property
    def right(self):
        """The corrected claim as a :class:`~nnlib.symbolic.checks.Check` (must hold)."""
        return get_check(self.right_id)

    def residual(self):
        """SymPy's residual of the source's claim (None with a shape mismatch; see ``detail``)."""
        return self.wrong.run().residual

    def __repr__(self):  # a notebook's plain-text view: no internal check ids on the page
        return f"<Erratum: source {self.source}, {self.where}>"

    def _repr_markdown_(self):
        w, r = self.wrong.run(), self.right.run()
        also = ""
        if self.also:
            where = ", ".join(f"\u201c{get_check(c).title}\u201d" for c in self.also)
            also = f"\n\nThe same claim also fails where the book first meets it: {where}."
        for cid in self.further:
            c = get_check(cid)
            also += (f"\n\n*With the shape repaired*: {prose(c.claim)}.\n\n$$\n{c.latex}\n$$"
                     f"\n\n{c.run().markdown(claim=False)}")
        # the formulas are shown once, here; each verdict opens to say what was checked
        return (f"**Source {self.source}, {prose(self.where)}**\n\n"
                f"*The source says*: {prose(self.says)}.\n\n$$\n{self.says_latex}\n$$\n\n"
                f"{w.markdown(claim=False)}{also}\n\n"
                f"*Correction*: {prose(self.correction)}.\n\n$$\n{self.correction_latex}\n$$\n\n"
                f"{r.markdown(claim=False)}\n"
                f"*How it happens*: {prose(self.explanation)}.\n")


@dataclass(frozen=True)
class Convention:
    """A difference of convention that looks like a mistake but is consistent.

    Attributes
    ----------
    key, source, looks_like, why : str
    check_id : str
        A registered check (must hold) showing the convention is consistent.
    """

    key: str
    source: str
    looks_like: str
    why: str
    check_id: str

    @property
    def check(self):
        return get_check(self.check_id)

    def __repr__(self):  # a notebook's plain-text view: no internal check ids on the page
        return f"<Convention: source {self.source}: {self.looks_like}>"

    def _repr_markdown_(self):
        c = self.check
        return (f"**Source {self.source}: {prose(self.looks_like)}.**\n\n{prose(self.why)}\n\n"
                f"$$\n{c.latex}\n$$\n\n{c.run().markdown(claim=False)}")


ERRATA: list[Erratum] = []
CONVENTIONS: list[Convention] = []


def _pair(key, source, where, says, says_latex, correction, correction_latex, explanation,
          wrong_build, right_build, also=(), further=()):
    """Register the two checks of an erratum (and its ``further`` ones) and record it.

    ``further`` holds ``(part, claim, latex, build)`` tuples: each registers the failing check
    ``errata.<key>.<part>`` of one more mistake in the same source claim."""
    e = Erratum(key, source, where, says, says_latex, correction, correction_latex, explanation,
                tuple(also), tuple(f"errata.{key}.{part}" for part, *_ in further))
    # what the verdict line names: "The output delta (source 000), as written"
    what = re.split(r", (?![^()]*\))", where)[-1]  # the last part, not split inside ( )
    what = f"{what[:1].upper()}{what[1:]} (source {source})"
    register(e.wrong_id, "errata", f"eq-errata-{key}", source, says, says_latex,
             expect=False, title=f"{what}, as written")(wrong_build)
    register(e.right_id, "errata", f"eq-errata-{key}", source, correction, correction_latex,
             expect=True, title=f"{what}, corrected")(right_build)
    for cid, (part, claim, latex, build) in zip(e.further, further):
        register(cid, "errata", f"eq-errata-{key}", source, claim, latex, expect=False,
                 title=f"{what}, shape repaired, {part} as written")(build)
    ERRATA.append(e)
    return e


# ============================================ 000 ===========================================
def _z2_printed(w_last):
    A1 = symbol_matrix("a", 2, 3, layer=1)
    W2 = symbol_matrix("w", 3, 2, layer=2)
    b2 = symbol_matrix("b", 1, 2, layer=2, row_vector=True)
    Z2 = sympy.Matrix(2, 2, lambda i, j: A1[i, 0] * W2[0, j] + A1[i, 1] * W2[1, j]
                      + A1[i, 2] * (W2[2, j] if j == 0 else w_last) + b2[j])
    return Comparison(Z2, A1 * W2 + sympy.ones(2, 1) * b2)


_pair("000-z2-w23", "000", "forward propagation, the explicit entries of Z^(2)",
      "the second column of Z^(2) uses w_23^(2) as the weight from the third hidden unit",
      r"Z^{(2)}_{i2} = a^{(1)}_{i1}w^{(2)}_{12} + a^{(1)}_{i2}w^{(2)}_{22} + a^{(1)}_{i3}w^{(2)}_{23} + b^{(2)}_{2}",
      r"W^(2) is $3\times 2$: the weight from hidden unit 3 to output 2 is w_32^(2)",
      r"Z^{(2)}_{i2} = a^{(1)}_{i1}w^{(2)}_{12} + a^{(1)}_{i2}w^{(2)}_{22} + a^{(1)}_{i3}w^{(2)}_{32} + b^{(2)}_{2}",
      "the indices were written in (output, input) order in the one place where they differ",
      lambda: _z2_printed(sympy.Symbol("w^{(2)}_{23}")),
      lambda: _z2_printed(sympy.Symbol("w^{(2)}_{32}")),
      also=("forward-pass.source000-z2",))


def _b2_printed(first):
    b1_ = sympy.Symbol("b^{(1)}_{1}")
    b2 = symbol_matrix("b", 1, 2, layer=2, row_vector=True)
    printed = sympy.Matrix([[b1_ if first else b2[0], b2[1]], [b2[0], b2[1]]])
    return Comparison(printed, sympy.ones(2, 1) * b2)


_pair("000-b2-superscript", "000", "forward propagation, the bias matrix b^(2)",
      "the top-left entry of b^(2) is b_11^(1), a hidden-layer bias",
      r"b^{(2)} = \begin{bmatrix} b^{(1)}_{11} & b^{(2)}_{12} \\ b^{(2)}_{21} & b^{(2)}_{22}\end{bmatrix}",
      "every entry of b^(2) is an output-layer bias; its rows are copies of (b_1^(2), b_2^(2))",
      r"b^{(2)} = \begin{bmatrix} b^{(2)}_{1} & b^{(2)}_{2} \\ b^{(2)}_{1} & b^{(2)}_{2}\end{bmatrix}",
      "a superscript copied from the b^(1) matrix just above it",
      lambda: _b2_printed(True), lambda: _b2_printed(False))


def _dZ_da_level(level):
    from .derivations import _dZ_da
    return _dZ_da(level)


_pair("000-dZ1-da1", "000", "backpropagation, the second factor of the chain rule for delta^(1)",
      "the derivative of Z^(1) with respect to a^(1) is W^(2)_qn",
      r"\frac{\partial Z^{(1)}_{mn}}{\partial a^{(1)}_{pq}} = W^{(2)}_{qn}",
      "it is Z^(2) that depends on a^(1); Z^(1) does not depend on it at all",
      r"\frac{\partial Z^{(2)}_{mn}}{\partial a^{(1)}_{pq}} = [m = p]\,W^{(2)}_{qn},\qquad "
      r"\frac{\partial Z^{(1)}_{mn}}{\partial a^{(1)}_{pq}} = 0",
      "a layer superscript slip one line after writing Z^(2)_mn correctly",
      lambda: _dZ_da_level(1), lambda: _dZ_da_level(2))


def _delta2(with_N):
    net = _net000()
    Zf, truth = net.delta_truth(1)
    claim = softmax_rows(Zf) - net.Y
    if with_N:
        claim = claim / net.N
    # without the 1/N the claim is N delta: off by (N - 1) delta, which is delta itself at N = 2
    explain = None if with_N else (r"(N - 1)\,\delta^{(2)} = \delta^{(2)}\quad(N = 2)",
                                   (net.N - 1) * truth)
    return Comparison(claim, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 2, 2), explain=explain)


_pair("000-delta2-missing-1-over-N", "000", "backpropagation, the output delta",
      r"$\delta^{(2)} = dL/dZ^{(2)} = \hat y - y$, although its loss has the factor $1/N$",
      r"\delta^{(2)} \equiv \frac{\partial L}{\partial Z^{(2)}} = \hat y - y,\quad L = -\frac1N\sum y\ln\hat y",
      r"with the mean over $N$ samples, $\delta^{(2)} = (\hat y - y)/N$ (and so every gradient "
      "carries $1/N$)",
      r"\delta^{(2)} = \frac{1}{N}\left(\hat y - y\right)",
      "the single-sample result $(N = 1)$ reused after the loss became a mean over the batch",
      lambda: _delta2(False), lambda: _delta2(True))


# ============================================ 001 ===========================================
_t = sympy.Symbol(r"\tanh a")


_pair("001-tanh-prime-step", "001", "activation functions, the gradient of tanh via the sigmoid",
      r"$4\,\sigma(2a)\,(1 - \sigma(2a)) = 4\cdot\tfrac{\tanh a + 1}{2}\cdot\bigl(1 - "
      r"\tfrac{\tanh a - 1}{2}\bigr)$",
      r"4\cdot\frac{\tanh a+1}{2}\cdot\left(1-\frac{\tanh a-1}{2}\right) = 1 - \tanh^2 a",
      r"$1 - \sigma(2a) = 1 - \tfrac{\tanh a + 1}{2}$; then the product is $1 - \tanh^2 a$",
      r"4\cdot\frac{\tanh a+1}{2}\cdot\left(1-\frac{\tanh a+1}{2}\right) = 1 - \tanh^2 a",
      r"a sign flipped while substituting $\sigma(2a) = \tfrac{\tanh a + 1}{2}$ into $1 - "
      r"\sigma(2a)$",
      lambda: Comparison(4 * (_t + 1) / 2 * (1 - (_t - 1) / 2), 1 - _t ** 2),
      lambda: Comparison(4 * (_t + 1) / 2 * (1 - (_t + 1) / 2), 1 - _t ** 2))


_pair("001-ce-0.046", "001", "loss functions, the cross-entropy example",
      "for target (1, 0) and output (0.9, 0.1) the cross-entropy is about 0.046",
      r"-\left(1\cdot\log 0.9 + 0\cdot\log 0.1\right) \approx 0.046",
      r"with the natural logarithm (the one whose derivative gives the $y/\hat y$ that 001 uses) "
      r"it is 0.105; 0.046 is $-\log_{10} 0.9$",
      r"-\ln 0.9 \approx 0.105",
      r"the numbers were computed with $\log_{10}$ while the derivatives assume $\ln$",
      lambda: Comparison(sympy.Float("0.046"), -sympy.log(sympy.Float("0.9")), tolerance=5e-4),
      lambda: Comparison(sympy.Float("0.105"), -sympy.log(sympy.Float("0.9")), tolerance=5e-4))


_pair("001-ce-loss-1", "001", "loss functions, the cross-entropy example reversed",
      "for target (1, 0) and output (0.1, 0.9) the loss would be 1",
      r"-\log 0.1 = 1",
      r"with the natural logarithm it is $\ln 10 \approx 2.303$; the 1 is $-\log_{10} 0.1$",
      r"-\ln 0.1 = \ln 10 \approx 2.303",
      "the same base-10 logarithm as the 0.046 above",
      lambda: Comparison(sympy.Integer(1), -sympy.log(sympy.Rational(1, 10)), tolerance=5e-4),
      lambda: Comparison(sympy.Float("2.303"), -sympy.log(sympy.Rational(1, 10)), tolerance=5e-4))


_wij, _bj, _zi = sympy.symbols("w^{(2)}_{ij} b^{(2)}_{j} z^{(1)}_{i}")

_pair("001-bias-step", "001", "backpropagation, the bias of the output layer",
      "the penultimate step differentiates $b_j z_i + b_j$ with respect to $w_{ij}$ and gets 1",
      r"\frac{\partial}{\partial w^{(2)}_{ij}}\left(b^{(2)}_j z^{(1)}_i + b^{(2)}_j\right) = 1",
      "the step is the derivative of $a_j = w_{ij} z_i + b_j$ with respect to $b_j$, which is 1",
      r"\frac{\partial}{\partial b^{(2)}_{j}}\left(w^{(2)}_{ij} z^{(1)}_i + b^{(2)}_j\right) = 1",
      "the weight-gradient line was copied and w replaced by b in the wrong places",
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


_pair("001-dW2-vectorized", "001", "backpropagation, vectorizing the output-layer gradient",
      r"$d\mathcal L/dW^{(2)} = \Delta^{(2)} (Z^{(1)})^T$, a column of deltas times a row of activations",
      r"\frac{\partial\mathcal L}{\partial W^{(2)}} = \Delta^{(2)}\cdot\left(Z^{(1)}\right)^T",
      r"entry $(i, j)$ is $-\delta_j z_i$, so the matrix is $-Z^{(1)} (\Delta^{(2)})^T$, shaped "
      r"like $W^{(2)}$ $(n_1\times n_2)$; the update $W := W + \eta\, Z^{(1)} (\Delta^{(2)})^T$ "
      "then matches",
      r"\frac{\partial\mathcal L}{\partial W^{(2)}} = -Z^{(1)}\left(\Delta^{(2)}\right)^T",
      r"the outer product was written in the wrong order (giving the transpose, $n_2\times n_1$) "
      "and the minus sign of the line before was dropped",
      lambda: _001_dW2(False), lambda: _001_dW2(True),
      further=[("sign",
                r"with its two factors in the order that gives $W^{(2)}$'s shape, 001's product "
                r"keeps its sign: $d\mathcal L/dW^{(2)} = Z^{(1)} (\Delta^{(2)})^T$",
                r"\frac{\partial\mathcal L}{\partial W^{(2)}} \overset{?}{=} "
                r"Z^{(1)}\left(\Delta^{(2)}\right)^T",
                lambda: _001_dW2(False, reordered=True))])


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


_pair("001-softmax-elementwise-rule", "001", "backpropagation, the summary rule for the last layer",
      r"$\Delta^{(L)} = \nabla\mathcal L * \nabla\phi^{(L)}$ (elementwise), with $\nabla\mathcal L = Y/Z$ for "
      "cross-entropy, for the softmax output the post recommends for classification",
      r"\Delta^{(L)} = \nabla\mathcal L \ast \nabla\phi^{(L)} = \frac{Y}{Z}\ast Z(1 - Z)",
      r"softmax is not elementwise: its Jacobian multiplies $\nabla\mathcal L$, which gives $Y - Z$",
      r"\Delta^{(L)} = J_{\mathrm{softmax}}^T\,\nabla\mathcal L = \left(\operatorname{diag}(Z) - ZZ^T\right)\frac{Y}{Z} = Y - Z",
      "a rule derived for elementwise activations, applied to one whose output mixes all inputs",
      lambda: _001_softmax_rule(False), lambda: _001_softmax_rule(True))


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


_pair("001-collapse-drops-bias", "001", "the need for nonlinearity, substituting one layer into the next",
      "substituting $a^{(1)} = (W^{(1)})^T a^{(0)} + b^{(1)}$ into $a^{(2)} = (W^{(2)})^T "
      "a^{(1)} + b^{(2)}$ gives $a^{(2)} = (W^{(2)})^T (W^{(1)})^T x$",
      r"a^{(2)} = \left(W^{(2)}\right)^T\left(W^{(1)}\right)^T x = \left(W'\right)^T x",
      "the biases survive the substitution: $a^{(2)} = (W^{(1)} W^{(2)})^T x + "
      r"\bigl((W^{(2)})^T b^{(1)} + b^{(2)}\bigr)$, one affine layer; the conclusion (stacking "
      "linear layers gains nothing) still holds",
      r"a^{(2)} = \left(W^{(1)}W^{(2)}\right)^T x + \left(\left(W^{(2)}\right)^T b^{(1)} + b^{(2)}\right) = \left(W'\right)^T x + b'",
      "the biases were left out of the first equality of each layer equation, and the "
      "substitution was done on those shortened lines",
      lambda: _001_collapse(False), lambda: _001_collapse(True))


def _softmax_example(values):
    e3, e6 = sympy.exp(sympy.Rational(3, 10)), sympy.exp(sympy.Rational(6, 10))
    return Comparison(sympy.Matrix([[sympy.Float(v) for v in values]]),
                      sympy.Matrix([[e3 / (e3 + e6), e6 / (e3 + e6)]]), tolerance=5e-5)


_pair("001-softmax-example-rounding", "001", "softmax, the worked example for (0.3, 0.6)",
      "softmax(0.3, 0.6) = (0.4255, 0.5745)",
      r"\frac{e^{0.3}}{e^{0.3}+e^{0.6}} = 0.4255,\quad \frac{e^{0.6}}{e^{0.3}+e^{0.6}} = 0.5745",
      "to four decimals the values are 0.4256 and 0.5744 (0.425557..., 0.574443...)",
      r"\operatorname{softmax}(0.3, 0.6) = (0.4256,\ 0.5744)",
      "truncated instead of rounded, and the second value taken as 1 minus the first",
      lambda: _softmax_example(("0.4255", "0.5745")),
      lambda: _softmax_example(("0.4256", "0.5744")))


# ============================================ 002 ===========================================
_f002, _f002_prime = generic_activation("f", "f")


def _002_chain_formula(corrected):
    from .derivations import sigma, sigma_prime
    x = sympy.Symbol("x")
    if corrected:   # d sigma(f(x)) / dx = sigma'(f(x)) f'(x)
        return Comparison(sigma_prime(_f002(x)) * _f002_prime(x), sympy.diff(sigma(_f002(x)), x))
    u = sympy.Symbol("u")   # u stands for f(x): the derivative is taken with respect to it
    return Comparison(sigma_prime(u) * _f002_prime(x), sympy.diff(sigma(u), u))


_pair("002-chain-rule-formula", "002", "the formula stated before the first partial derivatives",
      r"the derivative of $\sigma(f(\dots))$ with respect to $f(\dots)$ is $\sigma'(f(\dots))$ "
      r"times $f'(\dots)$",
      r"\frac{d\,\sigma(f(x))}{d f(x)} = \sigma'(f(x))\cdot f'(x)",
      r"with respect to $f(x)$ the derivative is $\sigma'(f(x))$ alone; the factor $f'(x)$ "
      "belongs to the derivative with respect to $x$, which is the one the following lines use",
      r"\frac{d\,\sigma(f(x))}{d x} = \sigma'(f(x))\cdot f'(x),\qquad \frac{d\,\sigma(u)}{d u} = \sigma'(u)",
      "the two derivatives of the chain rule (outer function alone, and outer times inner) "
      "were merged into one line under the wrong denominator",
      lambda: _002_chain_formula(False), lambda: _002_chain_formula(True))


def _002_output_error(prime):
    S = net_002()
    from .derivations import sigma
    f = (lambda n: S["s" + n]) if prime else (lambda n: sigma(S["net" + n]))
    rH, rI = 2 * (S["H"] - S["t1"]), 2 * (S["I"] - S["t2"])
    claim = sympy.Matrix([rH * f("H") * S["F"], rH * f("H") * S["G"], rH * f("H"),
                          rI * f("I") * S["F"], rI * f("I") * S["G"], rI * f("I")])
    truth = sympy.Matrix([sympy.diff(S["Error"], S[v]) for v in ("e", "f", "bH", "g", "h", "bI")])
    return Comparison(claim, truth, names=S["names"])


_pair("002-missing-prime", "002", "the partial derivatives of Error for the output weights",
      r"$d\mathit{Error}/de = 2(H - t_1)\,\sigma(net_H)\,F$, and likewise for $f$, $b_H$, $g$, "
      "$h$, $b_I$",
      r"\frac{\partial Error}{\partial e} = 2(H-t_1)\,\sigma(net_H)\,F,\ \dots",
      r"the factor is the derivative $\sigma'(net_H)$, as in the $dH/de$ that the line substitutes",
      r"\frac{\partial Error}{\partial e} = 2(H-t_1)\,\sigma'(net_H)\,F,\ \dots",
      r"a dropped prime: $\sigma$ and $\sigma'$ differ by one stroke",
      lambda: _002_output_error(False), lambda: _002_output_error(True))


def _002_single(claim_fn, var):
    S = net_002()
    return Comparison(claim_fn(S), sympy.diff(S[var[0]], S[var[1]]), names=S["names"])


_pair("002-dH-dbG", "002", "how H changes with the hidden weights, the last entry for H",
      r"$dH/db_G = \sigma'(net_H)\, e\, \sigma'(net_G)$",
      r"\frac{\partial H}{\partial b_G} = \sigma'(net_H)\cdot e\cdot\sigma'(net_G)\cdot 1",
      "G reaches H through the weight $f$, so the factor is $f$",
      r"\frac{\partial H}{\partial b_G} = \sigma'(net_H)\cdot f\cdot\sigma'(net_G)\cdot 1",
      "the weight of the F path, $e$, copied into the G path",
      lambda: _002_single(lambda S: S["sH"] * S["e"] * S["sG"], ("H", "bG")),
      lambda: _002_single(lambda S: S["sH"] * S["f"] * S["sG"], ("H", "bG")))

_pair("002-dI-dbH", "002", "how I changes with the hidden weights, the third entry for I",
      r"$dI/db_H = \sigma'(net_I)\, g\, \sigma'(net_F)$; but $b_H$ does not reach I at all",
      r"\frac{\partial I}{\partial b_H} = \sigma'(net_I)\cdot g\cdot\sigma'(net_F)\cdot 1",
      "the expression is $dI/db_F$ (and $dI/db_H = 0$)",
      r"\frac{\partial I}{\partial b_F} = \sigma'(net_I)\cdot g\cdot\sigma'(net_F)\cdot 1",
      "the list for I was copied from the one for H and the bias label not updated",
      lambda: _002_single(lambda S: S["sI"] * S["g"] * S["sF"], ("I", "bH")),
      lambda: _002_single(lambda S: S["sI"] * S["g"] * S["sF"], ("I", "bF")))

_pair("002-dI-dbI", "002", "how I changes with the hidden weights, the last entry for I",
      r"$dI/db_I = \sigma'(net_I)\, g\, \sigma'(net_F)$, where the G-path bias $b_G$ is meant",
      r"\frac{\partial I}{\partial b_I} = \sigma'(net_I)\cdot g\cdot\sigma'(net_F)\cdot 1",
      r"the G-path entry is $dI/db_G = \sigma'(net_I)\, h\, \sigma'(net_G)$ (and $dI/db_I = "
      r"\sigma'(net_I)$)",
      r"\frac{\partial I}{\partial b_G} = \sigma'(net_I)\cdot h\cdot\sigma'(net_G)\cdot 1",
      "the body copied from the F path, and the label not updated to the G path's $b_G$",
      lambda: _002_single(lambda S: S["sI"] * S["g"] * S["sF"], ("I", "bI")),
      lambda: _002_single(lambda S: S["sI"] * S["h"] * S["sG"], ("I", "bG")))

_pair("002-dH-dbH-step", "002", "the output-layer partials, the middle step for b_H",
      r"$dH/db_H = \sigma'(net_H)\, d(net_H)/df = \sigma'(net_H)\cdot 1$",
      r"\frac{\partial H}{\partial b_H} = \sigma'(net_H)\frac{\partial(net_H)}{\partial f}",
      "the middle step differentiates by $b_H$: $d(net_H)/db_H = 1$",
      r"\frac{\partial H}{\partial b_H} = \sigma'(net_H)\frac{\partial(net_H)}{\partial b_H} = \sigma'(net_H)",
      "the line for $f$ copied, and the first denominator left as it was",
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


_pair("002-hidden-assembly-shape", "002", "assembling the hidden-layer gradient into matrices",
      r"the $2\times 2$ matrix of $dE/da$, $dE/db$, $dE/dc$, $dE/dd$ equals "
      r"$\operatorname{diag}(\sigma')\,(e\ g;\ f\ h)\,[2 \dots]\,(i_1\ i_2\ 1)$",
      r"\begin{pmatrix}\frac{\partial E}{\partial a}&\frac{\partial E}{\partial b}\\"
      r"\frac{\partial E}{\partial c}&\frac{\partial E}{\partial d}\end{pmatrix} = "
      r"\operatorname{diag}(\sigma'(net_F),\sigma'(net_G))\begin{pmatrix}e&g\\f&h\end{pmatrix}[\dots]\begin{pmatrix}i_1&i_2&1\end{pmatrix}",
      r"the right side is $2\times 3$: its third column is the bias gradients $dE/db_F$, "
      "$dE/db_G$",
      r"\begin{pmatrix}\frac{\partial E}{\partial a}&\frac{\partial E}{\partial b}&\frac{\partial E}{\partial b_F}\\"
      r"\frac{\partial E}{\partial c}&\frac{\partial E}{\partial d}&\frac{\partial E}{\partial b_G}\end{pmatrix} = "
      r"\operatorname{diag}(\sigma'(net_F),\sigma'(net_G))\begin{pmatrix}e&g\\f&h\end{pmatrix}[\dots]\begin{pmatrix}i_1&i_2&1\end{pmatrix}",
      "the appended 1 (the folded bias) was kept on the right and forgotten on the left",
      lambda: _002_assembly(False), lambda: _002_assembly(True))


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


_pair("003-norm-and-missing-derivative", "003", "the chain rule for the last weight matrix",
      r"$\partial L/\partial W_3 = \lVert x_3 - y\rVert\;\partial x_3/\partial W_3 = \lVert x_3 - "
      r"y\rVert\;\partial(W_3 x_2 + b_3)/\partial W_3$, for $L$ = half the squared length of "
      r"$x_3 - y$ and $x_3 = f_3(W_3 x_2)$ (003's forward pass has no bias; $b_3$ appears only "
      "inside this derivative)",
      r"\frac{\partial L}{\partial W_3} = \Vert x_3 - y\Vert\,\frac{\partial x_3}{\partial W_3}"
      r" = \Vert x_3 - y\Vert\,\frac{\partial (W_3x_2+b_3)}{\partial W_3}",
      "the gradient of half the squared length of a vector $v$ is $v$ itself, not its length, "
      "and $x_3 = f_3(z_3)$ brings the factor $f_3'(z_3)$",
      r"\frac{\partial L}{\partial W_3} = \left[(x_3 - y)\odot f_3'(z_3)\right]x_2^T,\quad z_3 = W_3x_2 + b_3",
      "the derivative of a squared norm taken as if it were a scalar square, and $x_3$ mistaken "
      "for $z_3$",
      lambda: _003_dW3(False), lambda: _003_dW3(True))


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


_pair("004-delta3-sign", "004", "the regression example, the definition of delta^(3)",
      r"$dJ/d\Theta^{(2)} = (a^{(2)})^T \delta^{(3)}$ with $\delta^{(3)} = (y - \hat y)\, "
      r"g'(z^{(3)})$, so $\delta^{(3)}$ would be $dJ/dz^{(3)}$",
      r"\delta^{(3)} = (y-\hat y)\odot g'(z^{(3)}) \overset{?}{=} \frac{\partial J}{\partial z^{(3)}},\quad J = \tfrac12\sum(y-\hat y)^2",
      r"the chain rule gives $-(y - \hat y)\, g'(z^{(3)})$, so $\delta^{(3)} = (\hat y - y)\, "
      r"g'(z^{(3)})$; only then is $dJ/d\Theta^{(2)} = (a^{(2)})^T \delta^{(3)}$",
      r"\delta^{(3)} = \frac{\partial J}{\partial z^{(3)}} = (\hat y - y)\odot g'(z^{(3)})",
      r"the minus sign from $d(y - \hat y)/d\hat y$, carried correctly two lines earlier, was "
      "dropped",
      lambda: _004_delta3(sign_ok=False), lambda: _004_delta3(sign_ok=True))


def _004_expansion(transposed):
    """004's written-out product: rows a_i1 d_1 + a_i2 d_2 + a_i3 d_3 (a times delta) or the
    transposed sums a_1i d_1 + a_2i d_2 + a_3i d_3, against SymPy's (a^(2))^T delta^(3)."""
    a = sympy.Matrix(3, 3, lambda i, j: sympy.Symbol("a^{(2)}_{%d%d}" % (i + 1, j + 1)))
    d = sympy.Matrix(3, 1, lambda t, _: sympy.Symbol(r"\delta^{(3)}_{%d}" % (t + 1)))
    rows = sympy.Matrix(3, 1, lambda i, _: sum((a[t, i] if transposed else a[i, t]) * d[t]
                                               for t in range(3)))
    return Comparison(rows, a.T * d,
                      pretty=lambda res: res.applyfunc(lambda e: sympy.collect(e, list(d))))


_pair("004-aT-delta-expansion", "004", "the regression example, (a^(2))^T delta^(3) written out",
      r"$(a^{(2)})^T \delta^{(3)}$ is expanded with rows $a_{11}\delta_1 + a_{12}\delta_2 + "
      r"a_{13}\delta_3, \dots$, the rows of $a^{(2)}$ itself",
      r"(a^{(2)})^T\delta^{(3)} = \begin{bmatrix}a_{11}\delta_1 + a_{12}\delta_2 + a_{13}\delta_3\\ \vdots\end{bmatrix} = a^{(2)}\delta^{(3)}",
      r"the transpose sums over the examples: row $i$ is $a_{1i}\delta_1 + a_{2i}\delta_2 + "
      r"a_{3i}\delta_3$, which is what makes entry $i$ the gradient for the weight from hidden "
      "unit $i$",
      r"(a^{(2)})^T\delta^{(3)} = \begin{bmatrix}a_{11}\delta_1 + a_{21}\delta_2 + a_{31}\delta_3\\ \vdots\end{bmatrix}",
      "the matrix was written out as a^(2) itself; with 3 examples and 3 units the shapes cannot tell",
      lambda: _004_expansion(False), lambda: _004_expansion(True))


def _004_bias_drop(drop):
    S = _net_004_logistic(lam=False)
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


_pair("004-delta-bias-row", "004", "the backpropagation algorithm, the hidden deltas",
      r"$\delta^{(l)} = (\Theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l)})$, with $\Theta$ "
      "including the bias column",
      r"\delta^{(l)} = \left(\Theta^{(l)}\right)^T\delta^{(l+1)}\odot g'(z^{(l)})",
      r"$(\Theta^{(l)})^T \delta^{(l+1)}$ has one entry too many, for the bias unit; drop it",
      r"\delta^{(l)} = \left[\left(\Theta^{(l)}\right)^T\delta^{(l+1)}\right]_{1:}\odot g'(z^{(l)})",
      "the bias unit is not computed from $z^{(l)}$, so no delta belongs to it; the accumulator "
      r"$\Delta \mathrel{+}= \delta\, a^T$ only has the right shape without it",
      lambda: _004_bias_drop(False), lambda: _004_bias_drop(True))


def _004_partial(with_lambda):
    S = _net_004_logistic(lam=True)
    Delta2 = sympy.zeros(*S["T2"].shape)
    for p in S["per"]:
        Delta2 += (p["a3"] - p["y"]) * p["a2"].T
    T2 = S["T2"]
    reg = sympy.Matrix(T2.rows, T2.cols, lambda i, j: 0 if j == 0 else S["lam"] * T2[i, j])
    claim = (Delta2 + (reg if with_lambda else sympy.zeros(*T2.shape))) / S["m"]
    truth = T2.applyfunc(lambda t: sympy.diff(S["J"], t))
    return Comparison(claim, truth, names=S["names"])


_pair("004-partial-without-lambda", "004",
      "the logistic cost with L2, the partial derivatives stated before the algorithm",
      r"$\partial J/\partial\Theta^{(l)}_{ij} = \frac1m \sum_t a_j \delta_i$, a sum over the "
      r"examples, for the $J$ just defined with the term $\frac{\lambda}{2m}\sum\Theta^2$",
      r"\frac{\partial J(\Theta)}{\partial\Theta^{(l)}_{ij}} = \frac1m\sum_{t=1}^m a^{(t)(l)}_j\delta^{(t)(l+1)}_i",
      "that is the gradient of the data term only; the regularization adds "
      r"$\lambda\Theta_{ij}/m$ for every weight off the bias column, as the algorithm's $D$ does",
      r"\frac{\partial J(\Theta)}{\partial\Theta^{(l)}_{ij}} = \frac1m\left(\sum_{t=1}^m a^{(t)(l)}_j\delta^{(t)(l+1)}_i + \lambda\Theta^{(l)}_{ij}[j\ne 0]\right)",
      r"the formula of the unregularized cost was kept after the cost gained its $\lambda$ term",
      lambda: _004_partial(False), lambda: _004_partial(True))


# ============================================ conventions ===================================
def _conv(key, source, looks_like, why, check_id):
    CONVENTIONS.append(Convention(key, source, looks_like, why, check_id))


_conv("001-negative-gradient", "001",
      r"$\Delta$ and $\nabla\mathcal L$ have the opposite sign of the gradient $(Y - Z,\ Y/Z)$, and "
      r"updates add $\eta\Delta$",
      r"001 defines its local gradient as $-d\mathcal L/da$ on purpose; $W := W + \eta\,(\dots)$ then "
      "descends. Consistent within the post.", "losses.001-negative-gradient")
_conv("001-columns", "001",
      "$a = W^T x + b$ instead of $Z = XW + b$",
      "one sample per column instead of per row: the same numbers, transposed.",
      "backprop-any-depth.001-columns-vs-rows")
_conv("001-delta1-order", "001",
      r"$\Delta^{(1)} = (W^{(2)} \Delta^{(2)}) * \phi'$ where the book writes $\delta^{(2)} "
      "W^{(2)T}$",
      r"in columns $W^{(2)} \Delta^{(2)}$ is the transpose of the row form; both are correct in "
      "their layout.",
      "backprop-any-depth.001-hidden-weights")
_conv("001-softmax-broadcast", "001",
      "softmax(a) times [I minus the transposed softmax(a)] does not conform as a matrix product",
      "001 says shapes broadcast: column times ($I$ minus a row), entry by entry, is "
      r"$\operatorname{diag}(s) - s s^T$.",
      "softmax.jacobian-broadcast")
_conv("004-no-1-over-m", "004",
      "the regression cost is half the sum of the squared errors, without $1/m$",
      "004 itself notes $1/(2m)$ would be more accurate; a constant factor scales the gradient "
      "only (by $1/m$, written $1/N$ in the check below), and its algorithm divides by $m$ in "
      "$D$.",
      "notation.mean-vs-sum")
_conv("004-delta-without-1-over-m", "004",
      r"$\delta^{(L)} = a^{(L)} - y$ without the $1/m$ that 000 is missing",
      r"004's $\delta$ is per example and the $1/m$ is applied once in $D = \Delta/m$; 000 "
      r"instead defines $\delta$ as $dL/dZ$ of the mean loss, which must carry $1/N$.",
      "backprop-any-depth.004-accumulator-l2")
_conv("000-tied-bias-rows", "000",
      r"every row of 000's $dL/db^{(2)}$ (our $dJ/db^{(2)}$) equals the column sum of $\delta^{(2)}$, not $\delta$ itself",
      "the rows of 000's bias matrix are tied (one parameter per column), so each receives the "
      r"sum; untied entries would get $\delta_{ij}$.", "bias.repeated-rows-gradient")
_conv("002-no-one-half", "002",
      "every derivative of Error carries a factor 2",
      r"002's Error is the plain sum of the two squared errors, with no factor $\tfrac12$ in "
      "front; the 2 is correct for it.",
      "chain-rule.002-output-assembly")
_conv("002-3x2-matrices", "002",
      "'The weight matrices wont be 2x2 but will be 3x2', while 002 multiplies $Wx$ with $W$ of "
      "2 rows",
      r"with the bias folded, the matrix is $2\times 3$ in 002's column layout and $3\times 2$ "
      "in the row layout; the count of entries is what the sentence is about.", "bias.folded-unit-first")
_conv("003-hats", "003",
      r"$y$ is the network output and $\hat y$ the ground truth, then the other way round",
      r"003 is not consistent here: its overview calls the output $y$ and the ground truth "
      r"$\hat y$, while its loss and chain-rule sections call $y$ the ground truth and write "
      r"$\hat y = x_3$ for the output. Half the squared distance between the two is symmetric "
      "in them, so no formula changes; read each section with its own names.",
      "chain-rule.003-batch-sum")
_conv("003-sum-not-mean", "003",
      "the batch loss is a sum, not a mean",
      "sum and mean differ by the factor $1/B$, which the learning rate absorbs; the gradient "
      "of either is the sum (or mean) of per-sample gradients.", "beyond.minibatch-mean")


_conv("003-constant-derivative", "003",
      r"'$\partial a/\partial z$ is indeed $\sigma'(z)$, which is an constant', although "
      r"$\sigma'$ is a function of $z$",
      r"during the backward pass $z$ is the number the forward pass computed, so $\sigma'(z)$ is "
      "a known constant there; the chain rule it enters is exact.", "chain-rule.003-local-gradient")
_conv("003-bias-only-backward", "003",
      "the forward equations $x_l = f_l(W_l x_{l-1})$ have no bias, the chain rule "
      "differentiates $W_3 x_2 + b_3$",
      "003 adds the bias in one place only; it does not change the derivative with respect to "
      "$W_3$, so the weight gradient is the same with or without it.", "errata.003-bias-drops-out")


@register("errata.003-bias-drops-out", "errata", "eq-errata-003-bias", "003",
          "the derivative of W3 x2 + b3 with respect to W3 does not depend on b3",
          r"\frac{\partial (W_3x_2 + b_3)_i}{\partial (W_3)_{jk}} = \frac{\partial (W_3x_2)_i}{\partial (W_3)_{jk}} = [i = j]\,(x_2)_k",
          title="Source 003's bias does not reach the weight gradient")
def _():
    x2 = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("x_{2,%d}" % (k + 1)))
    b3 = sympy.Matrix(2, 1, lambda k, _: sympy.Symbol("b_{3,%d}" % (k + 1)))
    W3 = symbol_matrix("w", 2, 2, layer=3)
    with_b, without = W3 * x2 + b3, W3 * x2
    jac = lambda v: sympy.Matrix([[sympy.diff(v[i], w) for w in W3] for i in range(2)])
    return Comparison(jac(with_b), jac(without))


class _Markdown(str):
    """A string that a notebook renders as Markdown."""

    def _repr_markdown_(self):
        return str(self)


def source_mistakes():
    """Every registered check that is a source's claim as written (``expect=False`` and a
    source 000 ... 004), wherever it is registered, paired with the :class:`Erratum` that lists
    it (``None`` when no erratum does: the tests treat that as a failure)."""
    owner = {}
    for e in ERRATA:
        owner[e.wrong_id] = e
        for cid in e.also + e.further:
            owner[cid] = e
    return [(c, owner.get(c.id)) for c in all_checks()
            if not c.expect and c.source in SOURCE_IDS]


SOURCE_IDS = ("000", "001", "002", "003", "004")


def mistake_index():
    """A Markdown table of every failing source claim registered anywhere in the book, grouped
    by the erratum that covers it, with the chapter of each check outside this one (the planted
    bugs of chapter gradient-checking, source "book", are the book's own and not listed)."""
    found = source_mistakes()
    lines = ["| source, where | failing checks of the source's claim |", "|---|---|"]
    for e in errata():
        what = e.wrong.title.removesuffix("as written")  # "The output delta (source 000), "
        cells = [c.title.removeprefix(what) + ("" if c.chapter == "errata" else " (met in a chapter)")
                 for c, owner in found if owner is e]
        lines.append(f"| {e.source}, {prose(e.where)} | {'; '.join(cells)} |")
    for c, owner in found:
        if owner is None:
            lines.append(f"| **none: add an erratum** | {c.title} |")
    return _Markdown("\n".join(lines) + "\n")


def _failing(e):
    """How many of an erratum's source checks fail (its claim as written, and its further parts)."""
    return sum(not get_check(cid).run().holds for cid in (e.wrong_id,) + e.further)


def errata_summary():
    """A Markdown table: for every source, how many errata and conventions the book lists, and
    how many checks SymPy ran for them (each erratum is a failing claim, plus any further failing
    part of it, and a holding correction)."""
    lines = ["| source | errata | conventions | checks (fail / hold) |", "|---|---|---|---|"]
    for src in SOURCE_IDS:
        es = [e for e in ERRATA if e.source == src]
        cs = [c for c in CONVENTIONS if c.source == src]
        fail = sum(_failing(e) for e in es)
        hold = sum(e.right.run().holds for e in es) + sum(c.check.run().holds for c in cs)
        lines.append(f"| {src} | {len(es)} | {len(cs)} | {fail} / {hold} |")
    fail = sum(_failing(e) for e in ERRATA)
    hold = (sum(e.right.run().holds for e in ERRATA)
            + sum(c.check.run().holds for c in CONVENTIONS))
    lines.append(f"| **all** | **{len(ERRATA)}** | **{len(CONVENTIONS)}** | "
                 f"**{fail} / {hold}** |")
    return _Markdown("\n".join(lines) + "\n")


READING_ORDER = (
    "000-b2-superscript", "000-z2-w23", "000-delta2-missing-1-over-N", "000-dZ1-da1",
    "001-collapse-drops-bias", "001-tanh-prime-step", "001-softmax-example-rounding",
    "001-ce-0.046", "001-ce-loss-1", "001-bias-step", "001-dW2-vectorized",
    "001-softmax-elementwise-rule",
    "002-chain-rule-formula", "002-dH-dbH-step", "002-dH-dbG", "002-dI-dbH", "002-dI-dbI",
    "002-missing-prime", "002-hidden-assembly-shape",
    "003-norm-and-missing-derivative",
    "004-delta3-sign", "004-aT-delta-expansion", "004-delta-bias-row",
    "004-partial-without-lambda",
)
"""The errata in the order a reader meets them in the sources."""


def errata():
    """Every :class:`Erratum`, by source and in the order the source makes the mistakes."""
    rank = {k: i for i, k in enumerate(READING_ORDER)}
    return sorted(ERRATA, key=lambda e: (e.source, rank.get(e.key, len(rank))))


def conventions():
    """Every :class:`Convention`: differences that look like mistakes but are consistent."""
    return list(CONVENTIONS)


def show_errata(source=None):
    """Display every erratum (or one source's) with its residual and correction; returns None."""
    from .checks import _display
    for e in errata():
        if source is None or e.source == source:
            _display(e)


def show_conventions(source=None):
    """Display every convention (or one source's) with the check that shows it is consistent;
    returns None."""
    from .checks import _display
    for c in CONVENTIONS:
        if source is None or c.source == source:
            _display(c)
