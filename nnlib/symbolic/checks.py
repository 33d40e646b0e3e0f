"""The registry of derivation checks, their verdicts, and how a notebook shows them.

A :class:`Check` names one claim (id, chapter, equation label, source document, a one-line
statement and its LaTeX) and knows how to build the claim and the ground truth.  ``run()``
compares them with :func:`~nnlib.symbolic.network.residual` and returns a
:class:`CheckResult` with ``.holds`` and ``.residual``.

In a notebook a result renders as a quiet proof beside the equation the page has just shown:
one verdict line (a ``<details>`` summary, e.g. "✔ The hidden delta: SymPy differentiates J
and agrees, on one 2-3-2 tanh-softmax network (cross-entropy), N = 2") that opens to the claim
as registered, the ground truth and the instance.  The formula is not printed a second time in
the open, and no check id reaches the page.  A failing claim (a source's mistake, a planted
bug) also shows its formula and its residual under the line, the residual in the book's
symbols when the check gives one (``Comparison.explain``, proven equal to it).  The instance is
described from what the check's build used (:func:`describe_instance`: the networks it built,
the generic activations in its claim) unless the check states its ``scope``.

``expect`` says what the book asserts about the claim: ``True`` for a derivation the book
uses (it must hold), ``False`` for a source's claim as written that the book shows is wrong
(it must fail).  Tests assert ``result.holds == check.expect`` for every registered check.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable

import sympy

from .network import DIFFERENTIATED, is_zero, record_networks, residual
from .quotes import QUOTES, SEED_FILES

__all__ = [
    "CHAPTERS", "Check", "CheckResult", "Comparison", "REGISTRY", "register", "get_check",
    "checks_for", "all_checks", "run_all", "show", "show_chapter", "SuiteResult",
    "latex_width", "residual_display", "Quote", "summary", "describe_instance",
]

CHAPTERS = (
    "notation", "forward-pass", "bias", "activations", "softmax", "losses", "chain-rule",
    "backprop-matrix", "backprop-any-depth", "gradient-checking", "gradient-descent", "xor",
    "classifier", "beyond", "errata",
)
"""The chapter ids a check may cite."""

SOURCES = ("000", "001", "002", "003", "004", "book")
"""Source documents (``"book"``: a check of the book's own claim, no source)."""

VERIFIED = "\u2714 verified by SymPy"
FAILS = "\u2718 fails"

MAX_WIDTH = 72
"""How many characters of typeset math fit on one line of the page column (an estimate:
:func:`latex_width` counts sub- and superscripts at full size, so real lines are narrower)."""


def latex_width(tex):
    """Rough count of the characters a LaTeX formula shows on one line.

    Control words (``\\sigma``) count as one character, sizing commands (``\\left``) and
    braces, ``_`` and ``^`` as none; a fraction counts as its wider part.  Good enough to tell
    a formula that fits the page column from one that does not.
    """
    t = re.sub(r"\\(left|right|[bB]ig{1,2}[lr]?)\b", "", tex)
    t = re.sub(r"\\(begin|end)\{[a-z]*\}", "", t)
    # innermost fractions first: \frac{a}{b} is as wide as the wider of a and b
    frac = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
    while True:
        t2 = frac.sub(lambda m: max(m.group(1), m.group(2), key=_plain_len), t)
        if t2 == t:
            break
        t = t2
    return _plain_len(t)


def _plain_len(t):
    t = re.sub(r"\\[a-zA-Z]+", "x", t)
    t = re.sub(r"\\.", "x", t)
    return len(re.sub(r"[{}_^\s&]", "", t))


def _split_terms(expr, width):
    """LaTeX lines (for an ``aligned`` block) of one expression, split between the terms of its
    longest sum so that no line is much wider than ``width``."""
    tex = sympy.latex(expr)
    if latex_width(tex) <= width:
        return [tex]
    prefix, inner, suffix = "", expr, ""
    if expr.is_Mul:
        coeff, factors = expr.as_coeff_mul()
        adds = [f for f in factors if f.is_Add]
        if adds:
            inner = max(adds, key=lambda f: len(f.args))
            others = [f for f in factors if f is not inner]
            # the numeric coefficient is printed apart, so that SymPy cannot distribute it
            # over another sum among the factors (which would change the meaning of the line)
            parts = [r"\left(%s\right)" % sympy.latex(f) if f.is_Add else sympy.latex(f)
                     for f in others]
            head = "-" if coeff == -1 else "" if coeff == 1 else sympy.latex(coeff)
            prefix = head + r"\,".join(([] if head in ("", "-") else [""]) + parts)
            prefix = prefix + r"\,\Big(" if parts or head not in ("", "-") else prefix + r"\Big("
            suffix = r"\Big)"
    if not inner.is_Add:
        return [tex]
    lines, cur = [], prefix
    for k, term in enumerate(inner.as_ordered_terms()):
        t = sympy.latex(term)
        piece = t if k == 0 or t.startswith("-") else "+ " + t
        if cur.strip() not in ("", prefix.strip()) and latex_width(cur + piece) > width:
            lines.append(cur)
            cur = r"\quad " + piece
        else:
            cur = cur + " " + piece
    lines.append(cur + suffix)
    return lines


def residual_display(res, width=MAX_WIDTH):
    """The LaTeX that shows a residual in a page column: the residual itself when it fits on a
    line, otherwise its non-zero entries one per line (``r_{ij} = ...``), long sums split
    between terms.  ``None`` gives an empty string."""
    if res is None:
        return ""
    tex = sympy.latex(res)
    if isinstance(res, sympy.MatrixBase):
        cols = [max(latex_width(sympy.latex(res[i, j])) for i in range(res.rows))
                for j in range(res.cols)]
        fits = sum(cols) + 3 * res.cols <= width
    else:
        fits = latex_width(tex) <= width
    if fits:
        return tex
    if not isinstance(res, sympy.MatrixBase):
        lines = _split_terms(res, width)
        return r"\begin{aligned}" + r"\\ ".join("&" + line for line in lines) + r"\end{aligned}"
    rows = []
    for i in range(res.rows):
        for j in range(res.cols):
            e = res[i, j]
            if e == 0:
                continue
            idx = (f"{j + 1}" if res.rows == 1 else f"{i + 1}" if res.cols == 1
                   else f"{i + 1}{j + 1}")
            lines = _split_terms(e, width - 6)
            rows.append(r"r_{%s} &= %s" % (idx, lines[0]))
            rows.extend("&" + line for line in lines[1:])
    zeros = sum(1 for e in res if e == 0)
    if zeros:
        rows.append(r"&\text{(the other %d entries are 0)}" % zeros)
    return r"\begin{aligned}" + r"\\ ".join(rows) + r"\end{aligned}"



@dataclass(frozen=True)
class Comparison:
    """What a check's ``build`` returns: the claimed expression and the ground truth.

    Attributes
    ----------
    claimed, truth : sympy expression or Matrix
    names : dict or None
        Display names for pre-activations (``SymbolicNetwork.names``); see ``residual``.
    method : {"rational", "simplify"}
    subs : dict or None
        Substitutions applied to the difference (constraints such as rows of Y summing to 1).
    pretty : callable or None
        Applied to a non-zero residual for display only (e.g. write softmax outputs as
        :math:`\\hat y`).
    tolerance : float or None
        For claims about printed numbers: the claim holds when ``|claimed - truth| <= tolerance``
        (half a unit in the last printed digit); the residual is the difference, to 4 digits.
    """

    claimed: object
    truth: object
    names: dict | None = None
    method: str = "rational"
    subs: dict | None = None
    pretty: Callable | None = None
    tolerance: float | None = None
    explain: tuple | None = None
    """``(latex, expr)``: the residual written in the book's symbols (e.g. ``(N - 1)\\,
    \\delta^{(2)}``) and the same as a SymPy expression.  The run proves that ``expr`` equals
    ``claimed - truth`` before the page shows ``latex`` in place of the entries."""


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one run of a :class:`Check`.

    Attributes
    ----------
    check : Check
    holds : bool
    residual : sympy expression, Matrix, or None
        ``claimed - truth`` simplified; zero when the claim holds; None when the shapes do not
        even match (then ``detail`` says why).
    detail : str
        Shape mismatches and other notes; empty otherwise.
    seconds : float
        Wall time of the run (not shown in the rendering, so notebook outputs are stable).
    truth : str
        What the claim was compared with, in words ("SymPy's own derivative of J ...").
    instance : str or (str, str)
        Where it was compared, in words: which activations are generic, which sizes, which N
        (a pair: short for the verdict line, in full for the details).
    method : str
        ``"derivative"``, ``"algebra"`` or ``"numeric"``: how the verdict was reached.
    explained : str
        The residual in the book's symbols (LaTeX), proven equal to it; empty when none is given.
    """

    check: "Check"
    holds: bool
    residual: object
    detail: str = ""
    seconds: float = 0.0
    truth: str = ""
    instance: str = ""
    method: str = "algebra"
    explained: str = ""

    @property
    def as_expected(self):
        """True when the verdict is the one the book asserts (``holds == check.expect``)."""
        return self.holds == self.check.expect

    def residual_latex(self):
        """The residual in LaTeX (empty when there is none)."""
        if self.residual is None:
            return ""
        return sympy.latex(self.residual)

    def residual_display(self):
        """The residual in LaTeX that fits the page column (see :func:`residual_display`)."""
        return residual_display(self.residual)

    def _entries_note(self):
        shown = self.residual_display()
        if isinstance(self.residual, sympy.MatrixBase) and shown != self.residual_latex():
            return "; its non-zero entries, one per line"
        return ""

    def _instance(self, short=False):
        if isinstance(self.instance, tuple):
            return self.instance[0 if short else 1]
        return self.instance

    def verdict(self):
        """One line of plain text: the mark, the claim's title, how it was checked and on what,
        e.g. ``"✔ The hidden delta: SymPy differentiates J and agrees, for any φ, on one 2-3-2
        network (MSE), N = 2"``.  No check id: this is what a reader sees."""
        mark = "\u2714" if self.holds else "\u2718"
        how = _VERBS[self.method][self.holds]
        if self.residual is None and not self.holds:
            how = "the matrix shapes do not conform"
        elif self.method == "derivative" and self.holds and "network" not in self._instance():
            how = "SymPy's own derivative agrees"  # no network, so no J to speak of
        return f"{mark} {self.check.title}: {how}, {self._instance(short=True)}"

    def residual_markdown(self):
        """The residual as the page shows it: one display formula ``claim − truth = ...`` (the
        non-zero entries one per line when the matrix is too wide), or the shape mismatch in
        words.  Empty when the claim holds."""
        if self.holds:
            return ""
        if self.residual is None:
            return f"SymPy: {self.detail}."
        if self.explained:
            return f"$$\n\\text{{claim}} - \\text{{truth}} = {self.explained}\n$$"
        shown = self.residual_display()
        if shown.startswith(r"\begin{aligned}"):
            return f"claim \u2212 truth, its non-zero entries:\n\n$$\n{shown}\n$$"
        return f"$$\n\\text{{claim}} - \\text{{truth}} = {shown}\n$$"

    def details_markdown(self, claim=True):
        """What was checked, in Markdown: the claim as registered (``claim=False`` leaves its
        formula out, for a page that shows it just above), the ground truth, the instance and
        the result."""
        from .errata import prose

        c = self.check
        claim_text = _capital(prose(c.claim))
        parts = [f"**Claim.** {claim_text}" + ("" if claim_text.endswith(".") else ".")]
        if claim:
            parts.append(f"$$\n{c.latex}\n$$")
        parts.append(f"**Compared with.** {self.truth}.")
        parts.append(f"**Instance.** {_capital(self._instance())}.")
        if self.holds:
            parts.append("**Result.** " + ("the difference is within the tolerance."
                                           if self.method == "numeric" else
                                           "claim \u2212 truth simplifies to exactly 0."))
        elif self.residual is None:
            parts.append(f"**Result.** {self.detail}.")
        else:
            parts.append("**Result.** claim \u2212 truth is not 0."
                         + (f" {self.detail}." if self.detail else ""))
            if self.explained:
                parts.append("SymPy proves that short form equal to the residual's entries:\n\n"
                             f"$$\n{self.residual_display()}\n$$")
        return "\n\n".join(parts)

    def markdown(self, claim=None):
        """The verdict as a page shows it: a MyST dropdown (a ``<details>`` on the website and in
        JupyterLab) whose one-line title is :meth:`verdict` and whose body is
        :meth:`details_markdown`; a failing claim also shows its residual, compactly, under it.
        (A raw ``<details>`` block would do on the website, but JupyterLab's MyST renderer does
        not typeset the mathematics inside one.)

        ``claim=None`` or ``False`` (the default) shows the formula only inside the details:
        the page has just shown it, as a numbered equation or as the source's words.
        ``claim=True`` also shows a failing claim's formula in the open, above its residual."""
        fails = not self.holds
        show_claim = bool(claim)
        title = re.sub(r"([\\`*_\[\]<>])", r"\\\1", self.verdict())  # plain text, not Markdown
        out = (f":::{{dropdown}} {title}\n\n"
               f"{self.details_markdown(claim=not (fails and show_claim))}\n:::\n")
        if fails:
            if show_claim:
                out += f"\n$$\n{self.check.latex}\n$$\n"
            out += f"\n{self.residual_markdown()}\n"
        return out

    def _repr_markdown_(self):
        return self.markdown()

    def _repr_latex_(self):
        c = self.check
        tail = (r"\quad\text{%s}" % VERIFIED) if self.holds else (
            r"\quad\text{%s: residual } %s" % (FAILS, self.residual_latex() or r"\text{%s}" % self.detail))
        return f"$\\displaystyle {c.latex}{tail}$"

    def __repr__(self):
        return f"<CheckResult {self.verdict()}>"


_VERBS = {
    "derivative": {True: "SymPy differentiates J and agrees",
                   False: "SymPy's own derivative disagrees"},
    "algebra": {True: "SymPy simplifies claim \u2212 truth to 0",
                False: "SymPy finds claim \u2212 truth is not 0"},
    "numeric": {True: "the printed numbers match SymPy's exact values",
                False: "the printed numbers do not match SymPy's exact values"},
}
"""How a verdict line says what was done, by method and outcome."""


def _capital(text):
    return text[:1].upper() + text[1:]


def _plain_number(x):
    """A number or a matrix of numbers as readers write them: ``0.4256`` or ``[0.4256, 0.5744]``
    (rows of a matrix as nested lists), four significant digits."""
    if isinstance(x, sympy.MatrixBase):
        if 1 in x.shape:  # a row or a column: one list
            return "[" + ", ".join(_plain_number(v) for v in x) + "]"
        return "[" + ", ".join(_plain_number(x.row(i)) for i in range(x.rows)) + "]"
    return f"{float(sympy.N(x, 15)):.4g}"


@dataclass(frozen=True)
class Quote:
    """The words of a source that a check rests on (see :mod:`nnlib.symbolic.quotes`).

    Attributes
    ----------
    seed : str
        The seed file, e.g. ``"001_e550a150e9c65620.txt"``.
    line : int
        The 1-based line of the seed where the quoted text starts.
    text : str
        The quoted text, verbatim (a text of several lines spans as many lines of the seed).
    """

    seed: str
    line: int
    text: str


@dataclass(frozen=True)
class Check:
    """One named claim and the SymPy computation that decides it.

    Attributes
    ----------
    id : str
        Unique, e.g. ``"backprop-matrix.delta1"``.
    chapter : str
        One of :data:`CHAPTERS`.
    label : str
        The chapter's equation label, e.g. ``"eq-delta1"``.
    source : str
        The source document it comes from (``"000"`` ... ``"004"``) or ``"book"``.
    claim : str
        One line in words.
    latex : str
        The claim as a LaTeX formula.
    build : callable
        ``build() -> Comparison``.
    expect : bool
        True: the book asserts the claim holds.  False: a source's claim the book shows wrong.
    title : str
        Short heading for the rendering, what the verdict line names (defaults to the id).
    scope : str or (str, str)
        The instance in words (a pair: short for the verdict line, in full for the details), for the verdict ("for any φ, on depths 1 to 4 and N = 1, 2, 3");
        empty: described from what ``build`` used (see :func:`describe_instance`).
    truth : str
        The ground truth in words; empty: described from the method (see :func:`_run`).
    quote : Quote or None
        For a check credited to a source: the seed file, line and text it rests on (from
        :data:`nnlib.symbolic.quotes.QUOTES`); None for the book's own claims.
    """

    id: str
    chapter: str
    label: str
    source: str
    claim: str
    latex: str
    build: Callable = field(repr=False, compare=False)
    expect: bool = True
    title: str = ""
    quote: Quote | None = field(default=None, compare=False)
    scope: str = ""
    truth: str = ""

    def __post_init__(self):
        if self.chapter not in CHAPTERS:
            raise ValueError(f"unknown chapter {self.chapter!r}; valid: {', '.join(CHAPTERS)}")
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}; valid: {', '.join(SOURCES)}")
        if not self.title:
            object.__setattr__(self, "title", self.id)

    def where(self):
        """Where the claim comes from, e.g. ``"chapter backprop-matrix, eq-delta1, source 000"``."""
        src = "the book" if self.source == "book" else f"source {self.source}"
        return f"chapter {self.chapter}, {self.label}, {src}"

    def run(self):
        """Build the claim and the ground truth, compare them, return a :class:`CheckResult`."""
        return _run(self)

    def _repr_markdown_(self):
        return self.run()._repr_markdown_()

    def _repr_latex_(self):
        return self.run()._repr_latex_()


_RESULTS = {}


def _run(check):
    if check.id in _RESULTS:
        return _RESULTS[check.id]
    start = time.perf_counter()
    with record_networks() as used, _counting_diff() as diffs:
        try:
            comp = check.build()
        except sympy.ShapeError as exc:
            comp = exc
    if diffs:
        used.append(DIFFERENTIATED)
    if isinstance(comp, sympy.ShapeError):
        # the claimed product does not even conform: a failing verdict, not a crash
        result = CheckResult(check, False, None, f"the matrix shapes do not conform ({comp})",
                             time.perf_counter() - start, *_describe(check, None, used))
        _RESULTS[check.id] = result
        return result
    if not isinstance(comp, Comparison):
        raise TypeError(f"check {check.id}: build() must return a Comparison; got {type(comp)}")
    detail, explained = "", ""
    if comp.tolerance is not None:
        diff = sympy.N(comp.claimed - comp.truth, 15)
        if isinstance(diff, sympy.MatrixBase):
            holds = max(abs(float(v)) for v in diff) <= comp.tolerance
            res = sympy.zeros(*diff.shape) if holds else diff.applyfunc(lambda v: sympy.Float(float(v), 4))
        else:
            holds = abs(float(diff)) <= comp.tolerance
            res = sympy.Integer(0) if holds else sympy.Float(float(diff), 4)
        if not holds:
            detail = (f"claimed {_plain_number(comp.claimed)}, true value "
                      f"{_plain_number(comp.truth)} (tolerance {comp.tolerance:g})")
    else:
        try:
            res = residual(comp.claimed, comp.truth, names=comp.names, method=comp.method,
                           subs=comp.subs)
        except ValueError as exc:
            if "shape mismatch" not in str(exc):
                raise
            res, holds, detail = None, False, str(exc)
        else:
            holds = is_zero(res)
            if not holds and comp.explain is not None:
                tex, expr = comp.explain
                if not is_zero(residual(comp.claimed - comp.truth, expr, names=comp.names,
                                        method=comp.method, subs=comp.subs)):
                    raise ValueError(f"check {check.id}: its residual is not {tex}")
                explained = tex
            if not holds and comp.pretty is not None:
                res = comp.pretty(res)
    result = CheckResult(check, bool(holds), res, detail, time.perf_counter() - start,
                         *_describe(check, comp, used), explained)
    _RESULTS[check.id] = result
    return result


class _counting_diff:
    """Context manager: counts the calls of ``sympy.diff`` inside the block (how a verdict knows
    that its ground truth is SymPy's own differentiation)."""

    def __enter__(self):
        self.calls, self._diff = [], sympy.diff

        def diff(*args, **kwargs):
            self.calls.append(1)
            return self._diff(*args, **kwargs)

        sympy.diff = diff
        return self.calls

    def __exit__(self, *exc):
        sympy.diff = self._diff
        return False


_LOSS_NAMES = {"mse": "MSE", "cross_entropy": "cross-entropy",
               "binary_cross_entropy": "binary cross-entropy"}


def _generic_functions(*exprs):
    """The generic activations (φ, ψ, σ, g of :func:`~.network.generic_activation`) that occur in
    the expressions, in a stable order."""
    names = set()
    for e in exprs:
        if e is None:
            continue
        items = list(e) if isinstance(e, sympy.MatrixBase) else [e]
        for item in items:
            if isinstance(item, sympy.Basic):
                for f in item.atoms(sympy.Function):
                    g = getattr(type(f), "generic", None)
                    if g:
                        names.add(g)
    return sorted(names)


def _and(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_instance(nets, generic=(), claimed=None):
    """The instance of a check in words, from the networks its build used, the generic
    activations in its claim, and (without a network) the claim's shape and symbols.

    Examples: ``"for any φ and ψ, on one 2-3-2 network (MSE), N = 2"``; ``"on 4 networks
    (2-2, 2-2-2, 2-2-2-2, 2-2-2-2-2), N = 1, 2 and 3"``; ``"for every value of a"``.
    """
    parts = []
    if generic:
        parts.append("for any " + _and(generic))
    nets = [n for n in dict.fromkeys(nets)]
    if len(nets) == 1:
        n = nets[0]
        acts = [a for a in dict.fromkeys(n.activations) if a not in ("phi", "psi")]
        kind = "-".join(a.replace("_", " ") for a in acts)
        kind = f" {kind}" if kind else ""
        parts.append(f"on one {'-'.join(map(str, n.sizes))}{kind} network "
                     f"({_LOSS_NAMES.get(n.loss, n.loss)}), N = {n.N}")
    elif nets:
        shapes = list(dict.fromkeys("-".join(map(str, n.sizes)) for n in nets))
        Ns = sorted({n.N for n in nets})
        parts.append(f"on {len(nets)} networks ({', '.join(shapes)}), "
                     f"N = {_and([str(k) for k in Ns])}")
    elif isinstance(claimed, sympy.MatrixBase):
        parts.append(f"on symbolic matrices of one size (a {claimed.rows}\u00d7{claimed.cols} "
                     f"result)")
    elif isinstance(claimed, sympy.Basic):
        syms = sorted(claimed.free_symbols, key=str)
        plain = [str(x) for x in syms if re.fullmatch(r"\\?[A-Za-z]+(_\d)?", str(x))]
        if syms and len(plain) == len(syms) and len(syms) <= 4:
            shown = [sympy.pretty(sympy.Symbol(str(x).lstrip("\\").removeprefix("var")),
                                  use_unicode=True) for x in syms]
            parts.append("for every value of " + _and(shown))
        elif len(syms) == 1:
            parts.append("for every value of its symbol")
        elif syms:
            parts.append(f"for every value of its {len(syms)} symbols")
        else:
            parts.append("on the numbers given")
    return ", ".join(parts) if parts else "on one instance"


def _describe(check, comp, used):
    """``(truth, instance, method)`` of a run, in words (see :class:`CheckResult`)."""
    nets = [n for n in used if not isinstance(n, str)]
    if comp is not None and comp.tolerance is not None:
        method = "numeric"
        truth = (f"SymPy's exact values, evaluated to 15 digits; the claim holds when every "
                 f"number is within {comp.tolerance:g} of them")
    elif DIFFERENTIATED in used:
        method = "derivative"
        of = ("of the loss J with respect to every entry" if nets
              else "of the function, entry by entry")
        truth = (f"SymPy's own differentiation (sympy.diff) {of}; the difference is reduced "
                 "exactly" + (" by sympy.simplify" if comp is not None
                              and comp.method == "simplify" else ""))
    else:
        method = "algebra"
        truth = ("the same quantity computed directly by SymPy; the difference is reduced "
                 "exactly" + (" by sympy.simplify" if comp is not None
                               and comp.method == "simplify" else
                               " (common denominator, expand, cancel)"))
    if check.truth:
        truth = check.truth
    if check.scope:
        instance = check.scope
        if isinstance(instance, tuple):  # (for the verdict line, in full for the details)
            return truth, instance, method
    elif method == "numeric":
        instance = "on the numbers as printed" + (
            ", with " + describe_instance(nets).removeprefix("on ") if nets else "")
    else:
        claimed = None if comp is None else comp.claimed
        generic = () if comp is None else _generic_functions(comp.claimed, comp.truth)
        instance = describe_instance(nets, generic, claimed)
    return truth, instance, method


REGISTRY: dict[str, Check] = {}
"""Every registered check, by id, in registration order."""


def register(id, chapter, label, source, claim, latex, expect=True, title="", scope="",
             truth=""):
    """Decorator: register ``build`` as a :class:`Check` with the given metadata.

    Raises
    ------
    ValueError
        When the id is already taken, or the chapter or source is unknown.
    """

    def deco(build):
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} is registered twice")
        q = QUOTES.get(id)
        quote = None if q is None or source not in SEED_FILES else Quote(SEED_FILES[source], *q)
        REGISTRY[id] = Check(id, chapter, label, source, claim, latex, build, expect, title,
                             quote, scope, truth)
        return REGISTRY[id]

    return deco


_INFRASTRUCTURE = {"checks", "network", "crosscheck", "quotes"}


def _load():
    """Import every module of the package that registers checks (derivations, errata, and the
    chapters' own check modules), which fills :data:`REGISTRY`."""
    import importlib
    import pkgutil

    from . import __path__ as pkg_path

    for info in sorted(pkgutil.iter_modules(pkg_path), key=lambda m: m.name):
        if info.name not in _INFRASTRUCTURE:
            importlib.import_module(f"{__package__}.{info.name}")


def all_checks():
    """Every registered :class:`Check`, in registration order."""
    _load()
    return list(REGISTRY.values())


def get_check(id):
    """The :class:`Check` with this id; unknown ids raise ValueError listing near matches."""
    _load()
    if id not in REGISTRY:
        near = [k for k in REGISTRY if id.split(".")[0] in k][:10]
        raise ValueError(f"no check {id!r}; " + (f"did you mean one of {near}?" if near
                                                   else f"{len(REGISTRY)} checks are registered"))
    return REGISTRY[id]


def checks_for(chapter):
    """The checks a chapter cites, in registration order.

    Raises
    ------
    ValueError
        For an unknown chapter id (the message lists the valid ones).
    """
    if chapter not in CHAPTERS:
        raise ValueError(f"unknown chapter {chapter!r}; valid: {', '.join(CHAPTERS)}")
    _load()
    return [c for c in REGISTRY.values() if c.chapter == chapter]


def _display(obj):
    try:
        from IPython.display import display
    except ImportError:  # plain Python: print the verdict line
        print(obj.verdict() if isinstance(obj, CheckResult) else obj)
        return
    display(obj)


def show(id):
    """Run one check and display it (claim in LaTeX, then the verdict); returns None."""
    _display(get_check(id).run())


def show_chapter(chapter):
    """Run and display every check of a chapter, in order; returns None."""
    for check in checks_for(chapter):
        _display(check.run())


class _Markdown(str):
    """A string that a notebook renders as Markdown."""

    def _repr_markdown_(self):
        return str(self)


def summary(checks):
    """A Markdown table of formulas and their verdicts, for a chapter's summary: one row per
    check, with the formula as registered, the mark, and what was checked.  No check ids.

    Parameters
    ----------
    checks : str or list of str
        A chapter id (every check it cites) or a list of check ids.

    Raises
    ------
    ValueError
        For an unknown chapter or check id.
    """
    items = checks_for(checks) if isinstance(checks, str) else [get_check(c) for c in checks]
    lines = ["| formula | verdict | checked |", "|---|---|---|"]
    for c in items:
        r = c.run()
        tex = c.latex.replace("|", r"\vert ").replace("\n", " ")
        mark, how = r.verdict()[0], r.verdict().split(": ", 1)[1]
        lines.append(f"| {c.title}: ${tex}$ | {mark} | {how} |")
    return _Markdown("\n".join(lines) + "\n")


@dataclass(frozen=True)
class SuiteResult:
    """All results of :func:`run_all` and the total wall time."""

    results: list
    seconds: float

    @property
    def unexpected(self):
        """Results whose verdict differs from the book's assertion (should be empty)."""
        return [r for r in self.results if not r.as_expected]

    def summary(self):
        n_hold = sum(r.holds for r in self.results)
        return (f"{len(self.results)} symbolic checks in {self.seconds:.1f} s: {n_hold} hold, "
                f"{len(self.results) - n_hold} fail (source mistakes), "
                f"{len(self.unexpected)} unexpected")


def run_all():
    """Run every registered check; returns a :class:`SuiteResult`."""
    checks = all_checks()
    start = time.perf_counter()
    results = [c.run() for c in checks]
    return SuiteResult(results, time.perf_counter() - start)
