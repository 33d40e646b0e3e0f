"""nnlib.symbolic.errata: every erratum is a failing source claim beside a holding correction,
every failing source claim in the book has an erratum, and the conventions hold."""

from __future__ import annotations

import pytest
import sympy

import nnlib.symbolic as sym
from nnlib.symbolic.errata import (
    READING_ORDER,
    errata_summary,
    mistake_index,
    source_mistakes,
)
from nnlib.symbolic.residual import is_zero, residual

ERRATA = sym.errata()


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


def test_register_erratum_rejects_bad_input_before_registering_anything():
    from nnlib.symbolic.chapters.errata import register_erratum
    before = len(sym.REGISTRY)
    with pytest.raises(ValueError, match="no erratum 'no-such-key'; valid: 000-"):
        register_erratum("no-such-key", lambda: None, lambda: None)
    with pytest.raises(ValueError, match="has 1 further parts; got 0 builds"):
        register_erratum("001-dW2-vectorized", lambda: None, lambda: None)
    assert len(sym.REGISTRY) == before


def test_every_erratum_record_has_its_checks():
    """Each record of the data module is given its builds by the errata chapter's module."""
    for e in ERRATA:
        assert e.wrong.chapter == e.right.chapter == "errata"
        assert e.wrong.claim == e.says and e.right.latex == e.correction_latex
        for cid, (part, claim, latex) in zip(e.further, e.further_parts):
            assert sym.get_check(cid).claim == claim and cid.endswith("." + part)
