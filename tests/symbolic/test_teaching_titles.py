"""The teaching chapters speak the book's words (issue 15, item 1).

A verdict that a teaching chapter shows (``sym.show``, ``sym.summary``, ``sym.show_chapter``)
names its formula by what it is ("The output delta of the mean loss"), not by whose it is
("000's output delta"): its reader has never seen the source documents.  Their words belong
in each chapter's "In the sources" dropdown, in the Errata chapter and in the appendix
"Reading the sources" (notation.ipynb), whose checks keep them.

The calls are found by parsing each code cell (``ast``), so that a loop over ids, an f-string
id and a list comprehension of ids count too, not only ``sym.show("literal")``.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import nnlib.symbolic as sym
from nnlib.symbolic.registry import Check, Comparison

ROOT = Path(__file__).resolve().parents[2]
NOT_TEACHING = ("errata", "notation")
"""The pages whose subject is the sources: the Errata and the appendix "Reading the sources"."""
TEACHING = [p for p in sorted((ROOT / "chapters").glob("*.ipynb")) if p.stem not in NOT_TEACHING]
SHOWING = ("show", "summary", "show_chapter")
NAMES_A_SOURCE = re.compile(r"\bsources?\b|\b00[0-4]\b|\bseed\d+", re.I)
"""A source document named in words: "Source 000's", "002's", "004:", "seed001"."""


def _calls(src):
    """``(function, argument node, constants)`` for every ``sym.<show|summary|show_chapter>(x)``
    of a cell, in the order of the source; ``constants`` are the cell's string and integer
    literals (as strings, in order), which a loop variable or an f-string placeholder can take."""
    code = "\n".join(line for line in src.splitlines()
                     if not line.lstrip().startswith(("%", "!")))  # IPython magics
    nodes = sorted(ast.walk(ast.parse(code)),  # in the order of the source: stable test ids
                   key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))
    consts = list(dict.fromkeys(str(n.value) for n in nodes
                                if isinstance(n, ast.Constant) and type(n.value) in (str, int)))
    for n in nodes:
        if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "sym"
                and n.func.attr in SHOWING):
            if len(n.args) != 1:
                raise ValueError(f"sym.{n.func.attr} with {len(n.args)} arguments: {ast.unparse(n)}")
            yield n.func.attr, n.args[0], consts


def _ids(node, consts):
    """The registered check ids an argument can stand for."""
    ids = [c.id for c in sym.all_checks()]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value in sym.CHAPTERS:  # summary("chapter") or show_chapter("chapter")
            return [c.id for c in sym.checks_for(node.value)]
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [i for e in node.elts for i in _ids(e, consts)]
    if isinstance(node, ast.ListComp):
        return _ids(node.elt, consts)
    if isinstance(node, ast.JoinedStr):  # f"gradient-checking.bug-{bug}": any literal of the cell
        any_const = "(?:%s)" % "|".join(map(re.escape, sorted(consts)))
        pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else any_const
                          for v in node.values)
        return [i for i in ids if re.fullmatch(pattern, i)]
    if isinstance(node, ast.Name):  # for check in [...]: sym.show(check)
        return [c for c in consts if c in ids]
    raise ValueError(f"cannot tell which checks {ast.unparse(node)} shows")


def _shown(paths):
    """``(notebook, cell index, function, check id)`` for every check the notebooks show."""
    out = []
    for path in paths:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for k, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            for fn, node, consts in _calls("".join(cell["source"])):
                ids = _ids(node, consts)
                if not ids:
                    raise ValueError(f"{path.name}, cell {k}: sym.{fn}({ast.unparse(node)}) "
                                     "shows no registered check")
                out.extend((path.stem, k, fn, cid) for cid in dict.fromkeys(ids))
    return out


def _source_words(check):
    """The words of a check's title and claim (what a verdict shows) that name a source."""
    return [m.group(0) for text in (check.title, check.claim)
            for m in NAMES_A_SOURCE.finditer(text)]


SHOWN = _shown(TEACHING)


def test_the_scan_finds_the_checks_the_teaching_chapters_show():
    ids = {cid for *_, cid in SHOWN}
    assert len(ids) > 100, len(ids)  # the test below would pass vacuously if the scan broke
    assert {"activations.tanh-exp-steps", "gradient-checking.bug-dropped-n",
            "softmax.jacobian-n4", "backprop-matrix.db1"} <= ids  # a loop, f-strings, a summary
    for _, _, _, cid in SHOWN:
        sym.get_check(cid)  # an id that is not registered raises


def test_the_scan_reads_loops_f_strings_and_chapter_ids():
    src = ('%matplotlib inline\n'
           'for n in (2, 3):\n    sym.show(f"softmax.jacobian-n{n}")\n'
           'for check in ["losses.ce-example-good"]:\n    sym.show(check)\n'
           'sym.summary([f"backprop-matrix.{d}" for d in ["dW2", "db1"]])\n'
           'sym.show_chapter("xor")\n')
    found = [cid for fn, node, consts in _calls(src) for cid in _ids(node, consts)]
    assert found == (["softmax.jacobian-n2", "softmax.jacobian-n3", "losses.ce-example-good",
                      "backprop-matrix.dW2", "backprop-matrix.db1"]
                     + [c.id for c in sym.checks_for("xor")])
    with pytest.raises(ValueError, match="cannot tell"):
        _ids(ast.parse("sym.show(ids[0])").body[0].value.args[0], [])


@pytest.mark.parametrize("title, claim, words", [
    ("Source 000's 0.549", "b ~ 0.549 is artanh(1/2) rounded", ["Source", "000"]),
    ("The forward pass in matrix form", "002's forward pass, neuron by neuron", ["002"]),
    ("The gradient of the binary cross-entropy", "004: dJ/da is (y - 1)/(a - 1) - y/a", ["004"]),
    ("As in seed001", "the sources agree", ["seed001", "sources"]),
    ("The output delta of the mean loss", "delta^(2) = (yhat - y)/N, 1/N from the mean", []),
    ("Two layers of 1000 units", "a 2-3-2 network, 0.005 apart, resource 0042", []),
])
def test_the_pattern_finds_a_source_named_in_a_title_or_claim(title, claim, words):
    check = Check("bias.example", "bias", "eq-x", "000", claim, "x", lambda: Comparison(0, 0),
                  title=title)
    assert _source_words(check) == words


@pytest.mark.parametrize("where", SHOWN, ids=[f"{s[0]}-{s[1]}-{s[3]}" for s in SHOWN])
def test_a_verdict_in_a_teaching_chapter_does_not_name_a_source(where):
    notebook, k, fn, cid = where
    check = sym.get_check(cid)
    assert not _source_words(check), (
        f"{notebook}.ipynb cell {k} shows (sym.{fn}) {cid}, whose title or claim names a source: "
        f"{check.title!r} / {check.claim!r}: say what the formula is, in the book's notation, "
        "or show it in the Errata chapter")
