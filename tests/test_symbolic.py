"""Tests for nnlib.symbolic: every registered check gives the verdict the book asserts, every
erratum is a failing source claim beside a holding correction, and the machinery itself can
fail (a deliberately wrong claim is caught)."""

from __future__ import annotations

import pytest
import sympy

import nnlib.symbolic as sym
from nnlib.symbolic import checks as checks_mod
from nnlib.symbolic.network import (build_network, hadamard, phi_prime, psi_prime, residual,
                                    symbolic_activation, symbolic_loss)

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
    assert "verified by SymPy" in ok._repr_markdown_()
    assert ok.check.latex in ok._repr_markdown_()
    bad = sym.get_check("errata.002-dH-dbG.source").run()
    md = bad._repr_markdown_()
    assert "fails" in md and bad.residual_latex() in md
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
