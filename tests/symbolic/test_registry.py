"""nnlib.symbolic.registry: a check's run can fail (a deliberately wrong claim is caught, a
non-conforming product is a failing verdict, not a crash), look-ups say what is wrong, and the
suite reports no unexpected verdict."""

from __future__ import annotations

import pytest
import sympy

import nnlib.symbolic as sym
from nnlib.symbolic.network import build_network
from nnlib.symbolic.residual import residual
from nnlib.symbolic.symbols import (
    hadamard,
    phi_prime,
    psi_prime,
    symbolic_activation,
    symbolic_loss,
)


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


def test_non_conforming_product_is_a_failing_verdict():
    A, B = sym.symbol_matrix("a", 2, 3), sym.symbol_matrix("b", 2, 3)
    res = _adhoc("test.nonconforming", lambda: sym.Comparison(A * B, A)).run()
    assert not res.holds and "do not conform" in res.detail


def test_numeric_claim_outside_tolerance_fails():
    res = _adhoc("test.number", lambda: sym.Comparison(sympy.Float(0.5), sympy.Float(0.51),
                                                       tolerance=5e-3)).run()
    # the residual is kept to 4 significant digits for display: -0.01000
    assert not res.holds and abs(float(res.residual) + 0.01) < 1e-5


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
