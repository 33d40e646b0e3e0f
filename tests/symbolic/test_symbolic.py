"""Tests for nnlib.symbolic: every registered check gives the verdict the book asserts, every
erratum is a failing source claim beside a holding correction, and the machinery itself can
fail (a deliberately wrong claim is caught)."""

from __future__ import annotations

import pytest
import sympy

import nnlib.symbolic as sym
from nnlib.symbolic import registry
from nnlib.symbolic.errata import errata_summary, mistake_index, show_conventions, source_mistakes
from nnlib.symbolic.network import build_network
from nnlib.symbolic.render import latex_width, residual_display
from nnlib.symbolic.residual import is_zero, residual
from nnlib.symbolic.symbols import (
    hadamard,
    phi_prime,
    psi_prime,
    symbolic_activation,
    symbolic_loss,
)

ALL = sym.all_checks()
ERRATA = sym.errata()


# --- every registered check ------------------------------------------------------------------
@pytest.mark.parametrize("check", ALL, ids=[c.id for c in ALL])
def test_registered_check_has_the_asserted_verdict(check):
    result = check.run()
    if check.expect:
        assert result.holds, f"{check.id} should hold: {result.verdict()}"
        assert sym.is_zero(result.residual)
    else:
        assert not result.holds, f"{check.id} is a source's mistake and must fail"
        # a failing claim shows why: a non-zero residual or a shape mismatch
        assert result.detail or not sym.is_zero(result.residual)


@pytest.mark.parametrize("check", ALL, ids=[c.id for c in ALL])
def test_check_metadata(check):
    assert check.chapter in sym.CHAPTERS
    assert check.label.startswith("eq-")
    assert check.source in ("000", "001", "002", "003", "004", "book")
    assert check.claim and check.latex


def test_registry_covers_the_chapters():
    for chapter in ("forward-pass", "bias", "activations", "softmax", "losses", "chain-rule",
                    "backprop-matrix", "backprop-any-depth", "gradient-checking", "beyond",
                    "errata"):
        assert sym.checks_for(chapter), chapter
    assert len({c.id for c in ALL}) == len(ALL)


def test_softmax_jacobian_for_n_2_3_4():
    for n in (2, 3, 4):
        assert sym.get_check(f"softmax.jacobian-n{n}").run().holds


# --- the errata ------------------------------------------------------------------------------
def test_at_least_ten_errata_from_every_source():
    assert len(ERRATA) >= 10
    assert {e.source for e in ERRATA} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize("erratum", ERRATA, ids=[e.key for e in ERRATA])
def test_erratum_source_claim_fails_and_correction_holds(erratum):
    wrong, right = erratum.wrong.run(), erratum.right.run()
    assert not wrong.holds, f"{erratum.key}: the source's claim should fail"
    assert wrong.check.expect is False and right.check.expect is True
    assert right.holds, f"{erratum.key}: the correction should hold: {right.verdict()}"
    assert erratum.where and erratum.says and erratum.correction and erratum.explanation
    assert wrong.check.chapter == right.check.chapter == "errata"
    md = erratum._repr_markdown_()
    assert f"Source {erratum.source}" in md and "Correction" in md


@pytest.mark.parametrize("conv", sym.conventions(), ids=[c.key for c in sym.conventions()])
def test_convention_is_consistent(conv):
    # a convention is not a mistake: its check holds
    assert conv.check.expect and conv.check.run().holds
    assert conv.looks_like and conv.why


def test_worked_residuals():
    """Hand-computed residuals of three errata."""
    # 001: 4 (t+1)/2 (1 - (t-1)/2) - (1 - t^2) = (t+1)(3-t) - (1-t)(1+t) = 2 (t + 1)
    t = sympy.Symbol(r"\tanh a")
    assert sympy.expand(sym.get_check("errata.001-tanh-prime-step.source").run().residual
                        - 2 * (t + 1)) == 0
    # 001: 0.046 - ln(1/0.9) = 0.046 - 0.10536 = -0.0594
    r = sym.get_check("errata.001-ce-0.046.source").run().residual
    assert abs(float(r) + 0.0594) < 1e-3
    # 000: the missing 1/N leaves half of (yhat - y) over: entry (1, 1) is (yhat_11 - y_11)/2
    r = sym.get_check("errata.000-delta2-missing-1-over-N.source").run().residual
    yh, y = sympy.Symbol(r"\hat y_{11}"), sympy.Symbol("y_{11}")
    assert sympy.expand(r[0, 0] - (yh - y) / 2) == 0


# --- the machinery can fail -------------------------------------------------------------------
def _adhoc(id_, build, expect=True):
    return sym.Check(id_, "backprop-matrix", "eq-test", "book", "test", "x", build, expect)


def test_missing_transpose_is_detected():
    net = build_network((2, 3, 2), ("phi", "psi"), "mse", 2)
    d2 = hadamard((net.A[2] - net.Y) / 2, net.Z[1].applyfunc(psi_prime))
    ok = _adhoc("test.dW2-right", lambda: sym.Comparison(net.A[1].T * d2, net.grad_W[1],
                                                         names=net.names)).run()
    assert ok.holds
    # delta^T A is the transpose of the gradient: a shape mismatch, reported, not raised
    bad = _adhoc("test.dW2-transposed", lambda: sym.Comparison(d2.T * net.A[1], net.grad_W[1],
                                                               names=net.names)).run()
    assert not bad.holds and "shape mismatch" in bad.detail


def test_missing_derivative_factor_is_detected():
    net = build_network((2, 2, 1), ("phi", "psi"), "mse", 2)
    d2 = hadamard((net.A[2] - net.Y) / 2, net.Z[1].applyfunc(psi_prime))
    d1_without_prime = d2 * net.W[1].T                          # forgot * phi'(Z1)
    d1 = hadamard(d1_without_prime, net.Z[0].applyfunc(phi_prime))
    bad = _adhoc("test.dW1-no-prime", lambda: sym.Comparison(net.X.T * d1_without_prime,
                                                             net.grad_W[0], names=net.names)).run()
    good = _adhoc("test.dW1", lambda: sym.Comparison(net.X.T * d1, net.grad_W[0],
                                                     names=net.names)).run()
    assert good.holds and not bad.holds
    assert not sym.is_zero(bad.residual)


def test_square_transpose_gives_a_residual():
    W = sym.symbol_matrix("w", 2, 2)
    r = residual(W.T, W)
    assert r[0, 1] == W[1, 0] - W[0, 1]


def test_non_conforming_product_is_a_failing_verdict():
    A, B = sym.symbol_matrix("a", 2, 3), sym.symbol_matrix("b", 2, 3)
    res = _adhoc("test.nonconforming", lambda: sym.Comparison(A * B, A)).run()
    assert not res.holds and "do not conform" in res.detail


def test_numeric_claim_outside_tolerance_fails():
    res = _adhoc("test.number", lambda: sym.Comparison(sympy.Float(0.5), sympy.Float(0.51),
                                                       tolerance=5e-3)).run()
    # the residual is kept to 4 significant digits for display: -0.01000
    assert not res.holds and abs(float(res.residual) + 0.01) < 1e-5


# --- rendering and look-ups --------------------------------------------------------------------
def test_rendering_of_a_verified_and_a_failing_check():
    ok = sym.get_check("backprop-matrix.delta1").run()
    md = ok._repr_markdown_()
    # one verdict line that opens (details): the formula only inside, once
    summary = md.split("\n")[0]
    assert summary.startswith(":::{dropdown} \u2714 The hidden delta: SymPy differentiates J and agrees")
    assert "2-3-2" in summary and "N = 2" in summary
    assert md.count(ok.check.latex) == 1 and md.index(ok.check.latex) > len(summary)
    assert ok.check.id not in md and ok.check.id not in repr(ok)
    bad = sym.get_check("errata.002-dH-dbG.source").run()
    md = bad._repr_markdown_()
    assert md.startswith(":::{dropdown} \u2718 ")
    # a failing claim keeps its residual in the open, after the verdict line; its formula is
    # in the details, or in the open too when asked
    tail = md.split("\n:::\n")[1]
    assert bad.check.latex not in tail and bad.residual_display() in tail
    assert bad.check.latex in bad.markdown(claim=True).split("\n:::\n")[1]
    assert "verified" not in bad._repr_latex_()


def test_show_displays(capsys):
    sym.show("activations.tanh-prime")
    sym.show_chapter("softmax")
    sym.show_errata("003")
    assert sym.get_check("activations.tanh-prime").run().holds


def test_lookup_errors():
    with pytest.raises(ValueError, match="no check"):
        sym.get_check("no.such-check")
    with pytest.raises(ValueError, match="unknown chapter"):
        sym.checks_for("no-such-chapter")
    with pytest.raises(ValueError, match="registered twice"):
        sym.register("activations.tanh-prime", "activations", "eq-x", "001", "dup", "x")(lambda: None)
    with pytest.raises(ValueError, match="unknown chapter"):
        sym.Check("x", "nope", "eq-x", "001", "c", "x", lambda: None)
    with pytest.raises(ValueError, match="unknown symbolic activation"):
        symbolic_activation("swish")
    with pytest.raises(ValueError, match="unknown symbolic loss"):
        symbolic_loss("hinge")
    with pytest.raises(ValueError, match="shape mismatch"):
        residual(sympy.zeros(2, 3), sympy.zeros(3, 2))
    with pytest.raises(ValueError, match="softmax can only be the output"):
        build_network((2, 2, 2), ("softmax", "identity"), "mse", 2)


def test_suite_summary_reports_no_unexpected_verdicts():
    suite = sym.run_all()
    assert suite.unexpected == []
    assert f"{len(suite.results)} symbolic checks" in suite.summary()
    print("\n" + suite.summary())


# --- every failing source claim is in the errata ------------------------------------------------
def test_every_failing_source_claim_is_listed_in_the_errata():
    listed = source_mistakes()
    missing = [c.id for c, e in listed if e is None]
    assert not missing, f"source mistakes with no erratum (add one or list them in also=): {missing}"
    ids = {c.id for c, _ in listed}
    # every erratum's source claim, and every mirror it names, is among them
    for e in ERRATA:
        assert e.wrong_id in ids
        for cid in e.also:
            check = sym.get_check(cid)
            assert check.expect is False and check.source == e.source, cid
            assert not check.run().holds, f"{cid} mirrors {e.key} and must fail"
    index = mistake_index()
    assert not any(c.id in index for c, _ in listed)
    rows = index.strip().splitlines()[2:]
    assert len(rows) == len(ERRATA) and all(r.count("as written") >= 1 for r in rows)


def test_errata_reading_order_covers_every_erratum():
    from nnlib.symbolic.errata import READING_ORDER
    assert sorted(READING_ORDER) == sorted(e.key for e in ERRATA)
    assert [e.source for e in sym.errata()] == sorted(e.source for e in ERRATA)


def test_errata_summary_counts():
    table = errata_summary()
    n, m = len(ERRATA), len(sym.conventions())
    k = sum(len(e.further) for e in ERRATA)   # further failing parts (001's sign)
    assert k >= 1
    assert f"| **all** | **{n}** | **{m}** | **{n + k} / {n + m}** |" in table


def test_001_outer_product_sign_is_checked_apart_from_its_shape():
    """001's dL/dW^(2) fails on its shape alone; with the factors reordered it must still fail,
    by twice the truth (the dropped minus sign), and the corrected form must hold."""
    e = next(x for x in ERRATA if x.key == "001-dW2-vectorized")
    assert e.wrong.run().residual is None            # the shape mismatch
    sign = sym.get_check("errata.001-dW2-vectorized.sign")
    assert e.further == (sign.id,) and sign.expect is False and sign.source == "001"
    assert not sign.run().holds
    comp = sign.build()
    assert is_zero(residual(comp.claimed, -comp.truth, names=comp.names))   # claim = -truth
    md = e._repr_markdown_()
    assert sign.id not in md and sign.title in md and sign.latex in md


# --- LaTeX that MathJax can typeset ------------------------------------------------------------
def _latex_problems(tex):
    """What TeX would reject in a formula: unbalanced braces, a double subscript or superscript
    (``x_2_{11}``), a sub- or superscript with nothing after it."""
    import re
    tokens = re.findall(r"\\[a-zA-Z]+|\\.|[{}_^]|[^\s]", tex)
    problems = []

    def group(k):   # tokens[k] == "{": return the index after the matching "}"
        depth = 0
        for m in range(k, len(tokens)):
            depth += {"{": 1, "}": -1}.get(tokens[m], 0)
            if depth == 0:
                return m + 1
        problems.append("unbalanced braces")
        return len(tokens)

    k, sub, sup = 0, False, False
    while k < len(tokens):
        t = tokens[k]
        if t in ("_", "^"):
            if (sub if t == "_" else sup):
                problems.append(f"double {'subscript' if t == '_' else 'superscript'} "
                                f"near {''.join(tokens[max(0, k - 4):k + 3])}")
            sub, sup = (True, sup) if t == "_" else (sub, True)
            k += 1
            if k >= len(tokens) or tokens[k] in ("}", "_", "^"):
                problems.append(f"empty script at token {k}")
                continue
            k = group(k) if tokens[k] == "{" else k + 1
            continue
        if t == "}":
            problems.append("unbalanced braces")
        if t == "'":        # a prime is part of the nucleus
            k += 1
            continue
        sub = sup = False
        k = group(k) if t == "{" else k + 1
    return problems


def test_latex_checker_can_fail():
    assert _latex_problems(r"x_2_{11}")
    assert _latex_problems(r"a^{2}^{3}")
    assert _latex_problems(r"\frac{a}{b")
    assert not _latex_problems(r"w^{(2)}_{11} + {x_2}_{1} + f_3'\left(z_{3,1}\right)^{2}")
    assert not _latex_problems(r"\begin{aligned}r_{1} &= a\\ &\quad + b\end{aligned}")


@pytest.mark.parametrize("check", ALL, ids=[c.id for c in ALL])
def test_check_latex_typesets(check):
    result = check.run()
    for tex in (check.latex, result.residual_latex(), result.residual_display()):
        assert not _latex_problems(tex), (check.id, _latex_problems(tex), tex)


@pytest.mark.parametrize("erratum", ERRATA, ids=[e.key for e in ERRATA])
def test_erratum_latex_typesets_and_fits_the_column(erratum):
    from nnlib.symbolic.render import MAX_WIDTH
    for tex in (erratum.says_latex, erratum.correction_latex):
        assert not _latex_problems(tex), (erratum.key, tex)
    # the descriptions' notation is set as inline math on the page: it must typeset too
    import re
    for tex in re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", erratum._repr_markdown_()):
        assert not _latex_problems(tex), (erratum.key, tex)
    shown = erratum.wrong.run().residual_display()
    for line in shown.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "").split(r"\\ "):
        if r"\begin{matrix}" not in line:
            assert latex_width(line) <= MAX_WIDTH + 8, (erratum.key, line)


def test_long_residual_is_split_into_lines():
    terms = sympy.symbols("t_1:30")
    long_sum = sympy.Add(*[s ** 2 for s in terms])
    shown = residual_display(sympy.Matrix([[long_sum, 0], [0, terms[0]]]))
    assert shown.startswith(r"\begin{aligned}") and "r_{11}" in shown and "r_{22}" in shown
    assert "the other 2 entries are 0" in shown
    lines = shown[len(r"\begin{aligned}"):-len(r"\end{aligned}")].split(r"\\ ")
    assert len(lines) > 3 and all(latex_width(line) <= 80 for line in lines)
    # a factor in front of the split sum keeps its parentheses (SymPy would otherwise distribute
    # the coefficient -1/2 over a - 1 and the line would read 1/2 - a/2 (...))
    a = sympy.Symbol("a")
    first = residual_display(-(a - 1) * long_sum / 2).split(r"\\ ")[0]
    assert r"\left(1 - a\right)\,\Big(" in first
    # a short residual is shown as it is
    assert residual_display(sympy.Matrix([[terms[0], 0]])) == sympy.latex(sympy.Matrix([[terms[0], 0]]))


def test_prose_sets_scripts_as_math():
    from nnlib.symbolic.render import prose
    assert prose("w_23^(2) is used") == "$w_{23}^{(2)}$ is used"
    assert prose("dJ/dTheta^(2), then") == r"$dJ/d\Theta^{(2)}$, then"
    assert prose("no scripts here") == "no scripts here"


@pytest.mark.parametrize("conv", sym.conventions(), ids=[c.key for c in sym.conventions()])
def test_convention_inline_math_typesets(conv):
    import re
    for tex in re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", conv._repr_markdown_()):
        assert not _latex_problems(tex), (conv.key, tex)


def test_erratum_and_convention_rendering():
    e = sym.errata()[0]
    md = e._repr_markdown_()
    # the verdicts of the claim as written and of the correction, each a line that opens; no ids
    assert md.count(":::{dropdown} \u2718 " + e.wrong.title.replace("_", "\\_")) == 1
    assert md.count(":::{dropdown} \u2714 " + e.right.title.replace("_", "\\_")) == 1
    assert e.wrong_id not in md and e.right_id not in md and e.key not in md
    z2 = next(x for x in ERRATA if x.key == "000-z2-w23")
    other = sym.get_check("forward-pass.source000-z2")
    assert other.id not in z2._repr_markdown_() and other.title in z2._repr_markdown_()
    c = sym.conventions()[0]
    md = c._repr_markdown_()
    assert c.check_id not in md and ":::{dropdown} \u2714 " + c.check.title.replace("_", "\\_") in md
    assert md.count(c.check.latex) == 2  # once on the page, once as registered in the details
    show_conventions("003")


def test_every_check_has_a_heading_of_its_own():
    """A page shows each check under its title; a check without one would be headed by its id."""
    for chapter in registry.CHAPTERS:
        sym.checks_for(chapter)
    bare = sorted(id for id, c in registry.REGISTRY.items() if c.title == id)
    assert not bare, f"checks without a title (the page would show the raw id): {bare}"


def test_a_shape_failure_does_not_hide_the_other_mistakes_the_prose_names():
    """A source claim that fails on its shape alone shows nothing else; when the erratum's prose
    blames a sign too, a further check (the shape repaired) must test it."""
    shape_only = [e for e in ERRATA if e.wrong.run().residual is None]
    assert {e.key for e in shape_only} == {"001-dW2-vectorized", "002-hidden-assembly-shape",
                                           "004-delta-bias-row"}
    for e in shape_only:
        if "sign" in f"{e.correction} {e.explanation}".lower():
            assert e.further, f"{e.key}: the prose names a sign error that no check tests"
            assert all(sym.get_check(c).run().residual is not None for c in e.further)
