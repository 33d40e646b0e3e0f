"""How the errata chapter writes the sources' mistakes: an erratum, a convention, and the two
tables of the page (every failing source claim, and the counts by source).

The functions take the records of :mod:`nnlib.symbolic.errata` (which calls them) and write
Markdown; every formula of the sources' plain-text notation goes through
:func:`~nnlib.symbolic.render.prose`, so a script such as ``w_23^(2)`` is set as mathematics.
"""

from __future__ import annotations

from .registry import get_check
from .render import Markdown, prose

__all__ = ["erratum_markdown", "convention_markdown", "mistake_table", "summary_table"]


def erratum_markdown(e):
    """An erratum as its page shows it: where, what the source says and its failing verdict,
    the correction and its verdict, and how the mistake happens.  The formulas are shown once;
    each verdict opens to say what was checked."""
    w, r = e.wrong.run(), e.right.run()
    also = ""
    if e.also:
        where = ", ".join(f"\u201c{get_check(c).title}\u201d" for c in e.also)
        also = f"\n\nThe same claim also fails where the book first meets it: {where}."
    for cid in e.further:
        c = get_check(cid)
        also += (f"\n\n*With the shape repaired*: {prose(c.claim)}.\n\n$$\n{c.latex}\n$$"
                 f"\n\n{c.run().markdown(claim=False)}")
    return (f"**Source {e.source}, {prose(e.where)}**\n\n"
            f"*The source says*: {prose(e.says)}.\n\n$$\n{e.says_latex}\n$$\n\n"
            f"{w.markdown(claim=False)}{also}\n\n"
            f"*Correction*: {prose(e.correction)}.\n\n$$\n{e.correction_latex}\n$$\n\n"
            f"{r.markdown(claim=False)}\n"
            f"*How it happens*: {prose(e.explanation)}.\n")


def convention_markdown(c):
    """A convention as its page shows it: what looks wrong, why it is consistent, and the
    verdict of the check that shows it."""
    check = c.check
    return (f"**Source {c.source}: {prose(c.looks_like)}.**\n\n{prose(c.why)}\n\n"
            f"$$\n{check.latex}\n$$\n\n{check.run().markdown(claim=False)}")


def mistake_table(errata, found):
    """A Markdown table of every failing source claim, one row per erratum (in the order of
    ``errata``) listing its claim as written, any further part, and the chapters' checks of the
    same claim (``also``), in that order; then a row for every check in ``found`` (pairs
    ``(check, erratum or None)``) that no erratum covers.  The planted bugs of chapter
    gradient-checking (source "book") are the book's own and not listed."""
    lines = ["| source, where | failing checks of the source's claim |", "|---|---|"]
    for e in errata:
        what = e.wrong.title.removesuffix("as written")  # "The output delta (source 000), "
        cells = [get_check(cid) for cid in (e.wrong_id,) + e.further + e.also]
        cells = [c.title.removeprefix(what) + ("" if c.chapter == "errata" else " (met in a chapter)")
                 for c in cells]
        lines.append(f"| {e.source}, {prose(e.where)} | {'; '.join(cells)} |")
    for c, owner in found:
        if owner is None:
            lines.append(f"| **none: add an erratum** | {c.title} |")
    return Markdown("\n".join(lines) + "\n")


def _failing(e):
    """How many of an erratum's source checks fail (its claim as written, and its further parts)."""
    return sum(not get_check(cid).run().holds for cid in (e.wrong_id,) + e.further)


def summary_table(errata, conventions, sources):
    """A Markdown table: for every source, how many errata and conventions the book lists, and
    how many checks SymPy ran for them (each erratum is a failing claim, plus any further failing
    part of it, and a holding correction)."""
    lines = ["| source | errata | conventions | checks (fail / hold) |", "|---|---|---|---|"]
    for src in sources:
        es = [e for e in errata if e.source == src]
        cs = [c for c in conventions if c.source == src]
        fail = sum(_failing(e) for e in es)
        hold = sum(e.right.run().holds for e in es) + sum(c.check.run().holds for c in cs)
        lines.append(f"| {src} | {len(es)} | {len(cs)} | {fail} / {hold} |")
    fail = sum(_failing(e) for e in errata)
    hold = (sum(e.right.run().holds for e in errata)
            + sum(c.check.run().holds for c in conventions))
    lines.append(f"| **all** | **{len(errata)}** | **{len(conventions)}** | "
                 f"**{fail} / {hold}** |")
    return Markdown("\n".join(lines) + "\n")
