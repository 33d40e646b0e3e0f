"""The errata chapter's sentences: formulas are typeset, not left as ASCII."""
from __future__ import annotations

import re

import pytest

import nnlib.symbolic as sym
from nnlib.symbolic.errata import CONVENTIONS, ERRATA
from nnlib.symbolic.render import prose

# ASCII spellings that would show up as raw text on the page outside inline math
ASCII_MATH = re.compile(r"\byhat\b|\bsigma\b|\bsigma\(|\blambda\b|\blog10\b|\bgrad L\b"
                        r"|\beta\b|:=|\+=|\b\d+x\d+\b|\bdelta_")

TEXTS = ([(e.key, f, getattr(e, f)) for e in ERRATA
          for f in ("where", "says", "correction", "explanation")]
         + [(c.key, f, getattr(c, f)) for c in CONVENTIONS for f in ("looks_like", "why")])


def test_prose_keeps_inline_math_and_sets_scripts():
    assert prose(r"a $\hat y - y$ and w_23^(2) is used") == (
        r"a $\hat y - y$ and $w_{23}^{(2)}$ is used")
    assert prose(r"($Y - Z$, $Y/Z$), then") == r"($Y - Z$, $Y/Z$), then"


@pytest.mark.parametrize("key, field, text", TEXTS, ids=[f"{k}.{f}" for k, f, _ in TEXTS])
def test_no_ascii_formula_outside_math(key, field, text):
    outside = re.sub(r"\$[^$]+\$", " ", prose(text))
    outside = re.sub(r"'[^']*'", " ", outside)  # quotations of a source's own words
    assert not ASCII_MATH.search(outside), outside


@pytest.mark.parametrize("check", sym.all_checks(), ids=lambda c: c.id)
def test_every_claim_reads_as_valid_inline_math(check):
    """A claim as the page shows it (through prose): every math span is closed, its braces
    balance, and no script lost its argument (``e^{-a}`` once became ``$e^{}{-a}$``, which
    MathJax left untypeset)."""
    text = prose(check.claim)
    assert text.count("$") % 2 == 0, text
    for span in re.findall(r"\$([^$]*)\$", text):
        assert span.count("{") == span.count("}"), span
        assert "^{}" not in span and "_{}" not in span, span


def test_prose_keeps_a_braced_script():
    assert prose("e^{-2a} and W_{l-1}") == "$e^{-2a}$ and $W_{l-1}$"
