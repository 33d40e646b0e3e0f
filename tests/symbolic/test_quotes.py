"""Every check credited to a source (000 ... 004) quotes the seed text it rests on, verbatim.

The quote (``Check.quote``: seed file, line, text; the table is ``nnlib.symbolic.quotes``) must
appear in that seed file, starting at that line, once whitespace and LaTeX spacing commands are
ignored.  A formula a check attributes to a source is then one the source really writes.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import nnlib.symbolic as sym
from nnlib.symbolic.quotes import QUOTES, SEED_FILES, normalize

# the five source documents live beside the repository (../shared/seeds), or where SEEDS_DIR says
SEEDS = Path(os.environ.get("SEEDS_DIR",
                            Path(__file__).resolve().parents[3] / "shared" / "seeds"))
SOURCE_CHECKS = [c for c in sym.all_checks() if c.source != "book"]


def _seed_lines(name):
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()


def quote_found(seed, line, text):
    """True when ``text`` appears in the seed starting on ``line`` (1-based): its first line
    inside that line, and all of it inside that line and the ones after it (as many as the
    quote has), spacing ignored."""
    lines = _seed_lines(seed)
    if not 1 <= line <= len(lines):
        return False
    parts = text.split("\n")
    window = "".join(lines[line - 1:line - 1 + len(parts)])
    return normalize(parts[0]) in normalize(lines[line - 1]) and normalize(text) in normalize(window)


def test_seeds_are_there():
    found = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert found == sorted(SEED_FILES.values()), (
        f"the seed files are not in {SEEDS} (set SEEDS_DIR to the folder that holds them)")


@pytest.mark.parametrize("check", SOURCE_CHECKS, ids=[c.id for c in SOURCE_CHECKS])
def test_source_claim_quotes_its_seed(check):
    q = check.quote
    assert q is not None, f"{check.id} (source {check.source}) has no quote in nnlib/symbolic/quotes.py"
    assert q.seed == SEED_FILES[check.source]
    assert normalize(q.text), f"{check.id}: empty quote"
    assert quote_found(q.seed, q.line, q.text), (
        f"{check.id}: the quote is not in {q.seed} at line {q.line}:\n{q.text}")


def test_every_quote_belongs_to_a_source_claim():
    by_id = {c.id: c for c in sym.all_checks()}
    stray = [cid for cid in QUOTES if cid not in by_id or by_id[cid].source == "book"]
    assert not stray, f"quotes for unknown checks or checks of the book's own: {stray}"


def test_normalize_ignores_spacing_only():
    assert normalize(r"a \, b\quad c \; d\qquad e\ f") == "abcdef"
    assert normalize(r"\quadrant") == r"\quadrant"      # a longer command is kept
    assert normalize(r"a\\ b") == r"a\\b"                # a line break is not spacing
    assert normalize("x - y") != normalize("x + y")


def test_a_changed_quote_is_not_found():
    q = sym.get_check("errata.000-z2-w23.source").quote
    assert quote_found(q.seed, q.line, q.text)
    assert not quote_found(q.seed, q.line, q.text.replace("w_{23}", "w_{32}"))
    assert not quote_found(q.seed, q.line + 1, q.text)
