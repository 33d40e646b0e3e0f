"""nnlib.symbolic.render: how a SymPy check appears on a page (issue 15, items 2 and 3).

A check shows as one verdict line that opens (a MyST dropdown) to say what was checked: the
claim as registered, the ground truth, the instance.  No page shows a check id or the old
"(chapter ..., eq-..., ...)" label; every check a chapter shows sits right after a numbered
equation or names its claim; a verdict that claims any depth was run on several depths.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sympy

import nnlib.symbolic as sym
from nnlib.symbolic.errata import errata_summary, mistake_index, show_conventions
from nnlib.symbolic.network import build_network, record_networks
from nnlib.symbolic.render import MAX_WIDTH, describe_instance, latex_width, prose, residual_display

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
CHECKS = sym.all_checks()
IDS = [c.id for c in CHECKS]
ERRATA = {e.key: e for e in sym.errata()}

OLD_LABEL = re.compile(r"\(chapter [\w-]+, eq-[\w-]+, [^)]*\)")
"""The label the pages used to show under each check."""
NUMBERED = re.compile(r"\$\$\s*\(eq-[\w-]+\)|```\{math\}[^`]*:label:|:::\{math\}[^:]*:label:")
"""A numbered display equation in MyST: ``$$ ... $$ (label)`` or a ``{math}`` with a label."""
SHOW = re.compile(r"""sym\.show\(\s*["']([^"']+)["']\s*\)""")
ERRATUM = re.compile(r"""^errata\[\s*["']([^"']+)["']\s*\]\s*$""", re.M)
VERBS = ("SymPy differentiates J and agrees", "SymPy's own derivative", "SymPy simplifies",
         "SymPy finds claim", "the printed numbers", "the matrix shapes do not conform")


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _outputs_text(cell):
    for out in cell.get("outputs", []):
        for value in out.get("data", {}).values():
            yield "".join(value) if isinstance(value, list) else str(value)
        if "text" in out:
            yield "".join(out["text"])


def _ids_in(text):
    """The registered check ids a text shows (an id inside a longer id counts once)."""
    # the substring test first: the regex can only match where the id occurs at all
    found = [i for i in IDS
             if i in text and re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", text)]
    return [i for i in found if not any(i != j and i in j for j in found)]


DROPDOWN = re.compile(r"^:::\{dropdown\} ([^\n]*)\n(.*?)^:::$", re.S | re.M)
"""A verdict: a MyST dropdown whose title is the verdict line and whose body is the details."""


def _summary(md):
    """The verdict line (the first dropdown's title), Markdown escapes undone."""
    m = DROPDOWN.search(md)
    return re.sub(r"\\(.)", r"\1", m.group(1)) if m else None


def _says_what_it_checked(md):
    """The problems of one check's rendering: its verdict line must name how it was checked and
    on what, and open to the ground truth and the instance."""
    summary = _summary(md)
    if summary is None:
        return ["no dropdown verdict line"]
    problems = []
    if not any(v in summary for v in VERBS):
        problems.append(f"the verdict line does not say how it was checked: {summary!r}")
    if not re.search(r"\b(on|for)\b", summary.split(":", 1)[-1]):
        problems.append(f"the verdict line does not say on what instance: {summary!r}")
    for part in ("**Claim.**", "**Compared with.**", "**Instance.**", "**Result.**"):
        if part not in md:
            problems.append(f"the details lack {part}")
    return problems


# --- what the notebooks show now (their committed outputs) ----------------------------------
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_page_output_shows_a_check_id(path):
    """Every output of every chapter notebook, as committed: no registered check id and no old
    "(chapter ..., eq-..., ...)" label.  (Outputs change when the chapters are executed again.)"""
    bad = []
    for k, cell in enumerate(_cells(path)):
        for text in _outputs_text(cell):
            bad += [f"cell {k}: check id {i}" for i in _ids_in(text)]
            bad += [f"cell {k}: old label {m}" for m in OLD_LABEL.findall(text)]
    assert not bad, f"{path.name} shows internal names: {bad[:8]} ({len(bad)} in all)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_page_text_names_a_check_id(path):
    """The chapters' own text (Markdown cells) names no registered check id either: a summary
    lists formulas, and a sentence points to an equation, not to the registry."""
    bad = [f"cell {k}: {i}" for k, cell in enumerate(_cells(path))
           if cell["cell_type"] == "markdown" for i in _ids_in("".join(cell["source"]))]
    assert not bad, f"{path.name} names check ids in its text: {bad[:8]} ({len(bad)} in all)"


# --- what the display code renders ------------------------------------------------------------
@pytest.mark.parametrize("check", CHECKS, ids=IDS)
def test_every_check_renders_as_a_verdict_that_says_what_it_checked(check):
    result = check.run()
    md = result._repr_markdown_()
    assert not _ids_in(md) and not OLD_LABEL.search(md), md
    assert check.id not in repr(result)
    assert not _says_what_it_checked(md), (_says_what_it_checked(md), md)
    summary = _summary(md)
    assert summary.startswith(("\u2714 " if result.holds else "\u2718 ") + check.title + ": ")
    # the claim's formula is printed once, in the details; a failing claim's residual (or its
    # shape mismatch) is in the open, under the verdict line
    assert md.count(check.latex) == 1
    body = DROPDOWN.search(md).group(2)
    assert check.latex in body
    if result.holds:
        assert md.rstrip().endswith(":::")
    else:
        tail = md[DROPDOWN.search(md).end():]
        shown = result.explained or result.residual_display()
        assert (shown in tail) if result.residual is not None else ("shape" in tail)


def test_a_residual_in_the_books_symbols_is_proven_before_it_is_shown():
    a, b = sympy.symbols("a b")

    def make(explain):  # results are cached by id: one id per short form
        return sym.Check(f"test.explained-{explain[0]}", "notation", "eq-x", "book", "a claim", "a",
                         expect=False, build=lambda: sym.Comparison(3 * a, a, explain=explain))

    result = make((r"2a", 2 * a)).run()
    assert result.explained == "2a" and "= 2a\n$$" in result.markdown()
    with pytest.raises(ValueError, match="its residual is not 2b"):  # a wrong short form
        make((r"2b", 2 * b)).run()


def test_errata_conventions_and_tables_show_no_ids():
    shown = [e._repr_markdown_() for e in sym.errata()]
    shown += [c._repr_markdown_() for c in sym.conventions()]
    shown += [str(mistake_index()), str(errata_summary())]
    shown += [str(sym.summary(ch)) for ch in sym.CHAPTERS]
    for md in shown:
        assert not _ids_in(md) and not OLD_LABEL.search(md), md[:400]
        assert not any(f"`{e.key}`" in md for e in sym.errata()), md[:400]


def test_summary_lists_formulas_not_ids():
    table = sym.summary(["backprop-matrix.delta1", "gradient-checking.bug-missing-transpose"])
    rows = table.strip().splitlines()[2:]
    assert len(rows) == 2
    assert rows[0].startswith("| The hidden delta: $" + sym.get_check("backprop-matrix.delta1")
                              .latex.replace("\n", " "))
    assert "| \u2714 |" in rows[0] and "| \u2718 |" in rows[1]
    with pytest.raises(ValueError, match="no check"):
        sym.summary(["backprop-matrix.no-such-check"])
    with pytest.raises(ValueError, match="unknown chapter"):
        sym.summary("no-such-chapter")


# --- where the chapters show them --------------------------------------------------------------
def _shown_in_chapters():
    """(notebook, cell index, the Markdown cell before it, what the cell displays) for every
    ``sym.show("...")`` and ``errata["..."]`` of a chapter's code cells.  What the cell displays
    is a function, called by the test: collection (once per xdist worker) runs no check."""
    out = []
    for path in NOTEBOOKS:
        cells = _cells(path)
        for k, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            before = "".join(cells[k - 1]["source"]) if k and cells[k - 1]["cell_type"] == "markdown" else ""
            for cid in SHOW.findall(src):
                check = sym.get_check(cid)
                out.append((path.stem, k, before, lambda c=check: c.run()._repr_markdown_()))
            for key in ERRATUM.findall(src):
                erratum = ERRATA[key]
                out.append((path.stem, k, before, erratum._repr_markdown_))
    return out


SHOWN = _shown_in_chapters()


def test_the_chapters_show_checks():
    assert len(SHOWN) > 100  # the scan below would pass vacuously if the pattern broke


@pytest.mark.parametrize("where", SHOWN, ids=[f"{s[0]}-{s[1]}-{i}" for i, s in enumerate(SHOWN)])
def test_every_check_shown_sits_with_an_equation_or_states_its_claim(where):
    """Right after a numbered equation the verdict line is enough; anywhere else it must name
    the claim (its title, which is not an id) and open to the claim as registered."""
    notebook, k, before, shown = where
    md = shown()
    assert not _ids_in(md) and not OLD_LABEL.search(md)
    blocks = [m.group(0) for m in DROPDOWN.finditer(md)]
    assert blocks, (notebook, k, md[:300])
    for block in blocks:
        assert not _says_what_it_checked(block), (notebook, k, _says_what_it_checked(block))
        if NUMBERED.search(before):
            continue
        title = _summary(block)[2:].split(": ", 1)[0]
        assert " " in title and not _ids_in(title) and "$$" in block, (notebook, k, title)


def test_the_equation_pattern_finds_myst_equations():
    assert NUMBERED.search("text\n\n$$\nx = 1\n$$ (eq-x)\n")
    assert NUMBERED.search("```{math}\n:label: eq-x\nx = 1\n```")
    assert not NUMBERED.search("$$\nx = 1\n$$\n")


# --- honest scope -------------------------------------------------------------------------------
def test_one_instance_says_so():
    net = build_network((2, 3, 2), ("phi", "psi"), "mse", 2)
    text = describe_instance([net], ["\u03c6", "\u03c8"])
    assert text == "for any \u03c6 and \u03c8, on one 2-3-2 network (MSE), N = 2"
    two = describe_instance([net, build_network((2, 2), ("psi",), "mse", 3)])
    assert two == "on 2 networks (2-3-2, 2-2), N = 2 and 3"
    assert describe_instance([], (), sympy.Symbol("a") + 1) == "for every value of a"


@pytest.mark.parametrize("check", CHECKS, ids=IDS)
def test_a_verdict_claims_no_more_than_its_instances(check):
    """A verdict built from one network says "on one"; one that says "any depth" ran several."""
    with record_networks() as used:
        check.build()
    nets = {n for n in used if not isinstance(n, str)}
    verdict = check.run().verdict()
    if len(nets) == 1 and not check.scope:
        assert re.search(r"\b(on|with) one \d", verdict), verdict
    if "any depth" in verdict or "every depth" in verdict:
        assert len({len(n.sizes) for n in nets}) >= 3, verdict


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


# --- LaTeX that MathJax can typeset ------------------------------------------------------------
def _latex_problems(tex):
    """What TeX would reject in a formula: unbalanced braces, a double subscript or superscript
    (``x_2_{11}``), a sub- or superscript with nothing after it."""
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


@pytest.mark.parametrize("check", CHECKS, ids=IDS)
def test_check_latex_typesets(check):
    result = check.run()
    for tex in (check.latex, result.residual_latex(), result.residual_display()):
        assert not _latex_problems(tex), (check.id, _latex_problems(tex), tex)


@pytest.mark.parametrize("erratum", list(ERRATA.values()), ids=list(ERRATA))
def test_erratum_latex_typesets_and_fits_the_column(erratum):
    for tex in (erratum.says_latex, erratum.correction_latex):
        assert not _latex_problems(tex), (erratum.key, tex)
    # the descriptions' notation is set as inline math on the page: it must typeset too
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
    assert prose("w_23^(2) is used") == "$w_{23}^{(2)}$ is used"
    assert prose("dJ/dTheta^(2), then") == r"$dJ/d\Theta^{(2)}$, then"
    assert prose("no scripts here") == "no scripts here"


@pytest.mark.parametrize("conv", sym.conventions(), ids=[c.key for c in sym.conventions()])
def test_convention_inline_math_typesets(conv):
    for tex in re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", conv._repr_markdown_()):
        assert not _latex_problems(tex), (conv.key, tex)


def test_erratum_and_convention_rendering():
    e = sym.errata()[0]
    md = e._repr_markdown_()
    # the verdicts of the claim as written and of the correction, each a line that opens; no ids
    assert md.count(":::{dropdown} \u2718 " + e.wrong.title.replace("_", "\\_")) == 1
    assert md.count(":::{dropdown} \u2714 " + e.right.title.replace("_", "\\_")) == 1
    assert e.wrong_id not in md and e.right_id not in md and e.key not in md
    z2 = ERRATA["000-z2-w23"]
    other = sym.get_check("forward-pass.source000-z2")
    assert other.id not in z2._repr_markdown_() and other.title in z2._repr_markdown_()
    c = sym.conventions()[0]
    md = c._repr_markdown_()
    assert c.check_id not in md and ":::{dropdown} \u2714 " + c.check.title.replace("_", "\\_") in md
    assert md.count(c.check.latex) == 2  # once on the page, once as registered in the details
    show_conventions("003")
