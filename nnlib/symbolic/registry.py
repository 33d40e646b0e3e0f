"""The registry of derivation checks and their verdicts.

A :class:`Check` names one claim (id, chapter, equation label, source document, a one-line
statement and its LaTeX) and knows how to build the claim and the ground truth.  ``run()``
compares them with :func:`~nnlib.symbolic.residual.residual` and returns a
:class:`CheckResult` with ``.holds`` and ``.residual``, which a notebook shows as laid out by
:mod:`nnlib.symbolic.render`.

Each chapter's checks are registered by its module in :mod:`nnlib.symbolic.chapters` (named
after the chapter's notebook), in the order :func:`checks_for` and :func:`show_chapter` give
them; ``import nnlib.symbolic`` imports every one of those modules.

``expect`` says what the book asserts about the claim: ``True`` for a derivation the book
uses (it must hold), ``False`` for a source's claim as written that the book shows is wrong
(it must fail).  Tests assert ``result.holds == check.expect`` for every registered check.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import sympy

from . import render
from .network import DIFFERENTIATED, record_networks
from .quotes import QUOTES, SEED_FILES
from .residual import is_zero, residual

__all__ = [
    "CHAPTERS", "SOURCES", "Check", "CheckResult", "Comparison", "Quote", "REGISTRY",
    "register", "get_check", "checks_for", "all_checks", "run_all", "show", "show_chapter",
    "summary", "SuiteResult", "cached_results",
]

CHAPTERS = (
    "notation", "forward-pass", "bias", "activations", "softmax", "losses", "chain-rule",
    "backprop-matrix", "backprop-any-depth", "gradient-checking", "gradient-descent", "xor",
    "classifier", "beyond", "errata",
)
"""The chapter ids a check may cite."""

SOURCES = ("000", "001", "002", "003", "004", "book")
"""Source documents (``"book"``: a check of the book's own claim, no source)."""



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
        """The residual in LaTeX that fits the page column (see
        :func:`~nnlib.symbolic.render.residual_display`)."""
        return render.residual_display(self.residual)

    def verdict(self):
        """One line of plain text: the mark, the claim's title, how it was checked and on what
        (see :func:`~nnlib.symbolic.render.verdict`).  No check id: this is what a reader sees."""
        return render.verdict(self)

    def residual_markdown(self):
        """The residual as the page shows it (see :func:`~nnlib.symbolic.render.residual_markdown`)."""
        return render.residual_markdown(self)

    def details_markdown(self, claim=True):
        """What was checked, in Markdown (see :func:`~nnlib.symbolic.render.details_markdown`)."""
        return render.details_markdown(self, claim)

    def markdown(self, claim=None):
        """The verdict as a page shows it, a dropdown that opens to what was checked (see
        :func:`~nnlib.symbolic.render.markdown`)."""
        return render.markdown(self, claim)

    def _repr_markdown_(self):
        return self.markdown()

    def _repr_latex_(self):
        return render.latex(self)

    def __repr__(self):
        return f"<CheckResult {self.verdict()}>"



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
        The instance in words, for the verdict ("for any φ, on depths 1 to 4 and N = 1, 2, 3");
        a pair: short for the verdict line, in full for the details;
        empty: described from what ``build`` used (see :func:`~nnlib.symbolic.render.describe_instance`).
    truth : str
        The ground truth in words; empty: described from the method (see :func:`~nnlib.symbolic.render.describe`).
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
                             time.perf_counter() - start, *render.describe(check, None, used))
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
            detail = (f"claimed {render.plain_number(comp.claimed)}, true value "
                      f"{render.plain_number(comp.truth)} (tolerance {comp.tolerance:g})")
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
                         *render.describe(check, comp, used), explained)
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


def all_checks():
    """Every registered :class:`Check`, in registration order."""
    return list(REGISTRY.values())


def get_check(id):
    """The :class:`Check` with this id; unknown ids raise ValueError listing near matches."""
    if id not in REGISTRY:
        near = [k for k in REGISTRY if id.split(".")[0] in k][:10]
        raise ValueError(f"no check {id!r}; " + (f"did you mean one of {near}?" if near
                                                   else f"{len(REGISTRY)} checks are registered"))
    return REGISTRY[id]


def checks_for(chapter):
    """The checks a chapter cites, in the order its module registers them.

    Raises
    ------
    ValueError
        For an unknown chapter id (the message lists the valid ones).
    """
    if chapter not in CHAPTERS:
        raise ValueError(f"unknown chapter {chapter!r}; valid: {', '.join(CHAPTERS)}")
    return [c for c in REGISTRY.values() if c.chapter == chapter]


def show(id):
    """Run one check and display it (claim in LaTeX, then the verdict); returns None."""
    render.display(get_check(id).run())


def show_chapter(chapter):
    """Run and display every check of a chapter, in order; returns None."""
    for check in checks_for(chapter):
        render.display(check.run())


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
    return render.Markdown("\n".join(lines) + "\n")


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


def cached_results():
    """The results of every check run so far in this process (each check runs once)."""
    return list(_RESULTS.values())
