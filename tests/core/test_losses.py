"""nnlib.losses: worked numbers, gradients against central differences, the fused deltas
against the general path, stability at probabilities of 0, target checks."""

import math

import numpy as np
import pytest

from nnlib import losses
from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import check_grad
from nnlib.losses import FUSED, LOSSES, check_pair, get_loss, loss_from_logits, output_delta

from conftest import random_targets

VALID_PAIRS = [(a, l) for l, loss in LOSSES.items() for a in ACTIVATIONS
               if not loss.outputs or a in loss.outputs]



def test_cross_entropy_worked_numbers_source_001():
    # source 001: targets [1, 0]; prediction [0.9, 0.1] "about 0.046", [0.1, 0.9] "would be 1".
    # With the natural log: -ln 0.9 = 0.1053605..., -ln 0.1 = 2.3025850...
    # (0.046 and 1 are the base-10 values: -log10 0.9 = 0.0457575, -log10 0.1 = 1.)
    Y = np.array([[1.0, 0.0]])
    good = losses.cross_entropy(np.array([[0.9, 0.1]]), Y)
    bad = losses.cross_entropy(np.array([[0.1, 0.9]]), Y)
    assert good == pytest.approx(0.1053605, abs=1e-7)
    assert bad == pytest.approx(2.3025851, abs=1e-7)
    assert good != pytest.approx(0.046, abs=1e-3)
    assert -math.log10(0.9) == pytest.approx(0.046, abs=1e-3)  # the source's number is log10


def test_mse_has_one_over_two_n():
    # A = [[1, 2], [3, 4]], Y = 0: squares sum to 30, N = 2 -> 30 / 4 = 7.5
    assert losses.mse(np.array([[1.0, 2.0], [3.0, 4.0]]), np.zeros((2, 2))) == 7.5


def test_binary_cross_entropy_hand_value():
    # one sample, two outputs: -(ln 0.8 + ln(1 - 0.3)) = 0.2231436 + 0.3566749 = 0.5798185
    val = losses.binary_cross_entropy(np.array([[0.8, 0.3]]), np.array([[1.0, 0.0]]))
    assert val == pytest.approx(0.5798185, abs=1e-7)


@pytest.mark.parametrize("name", list(LOSSES))
def test_gradient_matches_central_difference(name):
    rng = np.random.default_rng(7)
    A = rng.uniform(0.1, 0.9, size=(4, 3))
    A = A / A.sum(axis=1, keepdims=True) if name == "cross_entropy" else A
    Y = random_targets(name, rng, 4, 3)
    loss = LOSSES[name]
    check_grad(lambda A_: loss.value(A_, Y), A, df=lambda A_: loss.grad(A_, Y), h=1e-7,
               rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("act,loss", sorted(FUSED))
def test_fused_delta_equals_general_path(act, loss):
    rng = np.random.default_rng(11)
    Z = rng.normal(size=(5, 3)) * 3
    A = ACTIVATIONS[act].f(Z)
    Y = random_targets(loss, rng, 5, 3)
    fused = output_delta(Z, A, Y, act, loss, fused=True)
    general = output_delta(Z, A, Y, act, loss, fused=False)
    np.testing.assert_allclose(fused, (A - Y) / 5, atol=1e-15)
    np.testing.assert_allclose(general, fused, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("act,loss", VALID_PAIRS)
def test_output_delta_matches_central_difference_in_logits(act, loss):
    rng = np.random.default_rng(5)
    Z = rng.normal(size=(3, 4)) + 0.01
    Y = random_targets(loss, rng, 3, 4)
    delta = output_delta(Z, ACTIVATIONS[act].f(Z), Y, act, loss)
    check_grad(lambda Z_: loss_from_logits(Z_, Y, act, loss), Z, df=lambda _: delta,
               rtol=1e-6, atol=1e-9)


def test_probabilities_of_exactly_zero_stay_finite():
    A = np.array([[0.0, 1.0], [1.0, 0.0]])
    Y = np.array([[1.0, 0.0], [1.0, 0.0]])
    for name in ("cross_entropy", "binary_cross_entropy"):
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            v = LOSSES[name].value(A, Y)
            g = LOSSES[name].grad(A, Y)
        assert math.isfinite(v) and v > 300  # ln(tiny) ~ -708 for the wrong sample
        assert np.all(np.isfinite(g))


def test_loss_from_huge_logits_is_finite_and_exact():
    # softmax of [1e4, 0] puts all mass on class 0; the loss for target class 1 is 1e4
    Z = np.array([[1e4, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        ce = loss_from_logits(Z, np.array([[0.0, 1.0]]), "softmax", "cross_entropy")
        bce = loss_from_logits(np.array([[-1e4]]), np.array([[1.0]]), "sigmoid", "binary_cross_entropy")
    assert ce == pytest.approx(1e4)
    assert bce == pytest.approx(1e4)


def test_loss_from_logits_agrees_with_value_for_moderate_logits():
    rng = np.random.default_rng(2)
    Z = rng.normal(size=(4, 3))
    Y = rng.dirichlet(np.ones(3), size=4)
    assert loss_from_logits(Z, Y, "softmax", "cross_entropy") == pytest.approx(
        losses.cross_entropy(ACTIVATIONS["softmax"].f(Z), Y), rel=1e-12)
    Yb = rng.uniform(size=(4, 3))
    assert loss_from_logits(Z, Yb, "sigmoid", "binary_cross_entropy") == pytest.approx(
        losses.binary_cross_entropy(ACTIVATIONS["sigmoid"].f(Z), Yb), rel=1e-12)


@pytest.mark.parametrize("Y,match", [
    (np.array([[1.0, 1.0]]), "sums to 2"),
    (np.array([[-0.5, 1.5]]), "one-hot"),
    (np.array([[0.3, 0.3]]), "sums to 0.6"),
])
def test_cross_entropy_rejects_non_probability_targets(Y, match):
    with pytest.raises(ValueError, match=match):
        LOSSES["cross_entropy"].check_targets(Y)


def test_binary_cross_entropy_rejects_targets_outside_unit_interval():
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        LOSSES["binary_cross_entropy"].check_targets(np.array([[2.0]]))


def test_unknown_loss_lists_valid_names():
    with pytest.raises(ValueError) as err:
        get_loss("hinge")
    for name in LOSSES:
        assert name in str(err.value)


@pytest.mark.parametrize("act", ["identity", "tanh", "relu", "leaky_relu"])
def test_cross_entropy_needs_probability_outputs(act):
    with pytest.raises(ValueError, match="softmax"):
        check_pair(act, "cross_entropy")
    check_pair(act, "mse")  # any output works with MSE


# --- the quick target tests: never accept what the full checks reject ----------------------
def _bad_targets(K):
    one_hot = np.eye(K)[np.arange(6) % K]
    cases = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf, "negative": -0.25, "above one": 1.5}
    out = []
    for label, value in cases.items():
        Y = one_hot.copy()
        Y[3, 1] = value
        out.append((label, Y))
    smeared = one_hot.copy()
    smeared[2] = 1.0 / K + 1e-4  # a row summing to 1 + K*1e-4, beyond the tolerance
    out.append(("row sum", smeared))
    return out


@pytest.mark.parametrize("name,K", [(name, K) for name in sorted(LOSSES) for K in (1, 2, 5)
                                    if (name, K) != ("cross_entropy", 1)])  # a softmax has K >= 2
def test_quick_target_test_accepts_the_usual_targets(name, K):
    rng = np.random.default_rng(K)
    loss = LOSSES[name]
    Y = random_targets(name, rng, 50, K)
    assert loss.targets_ok(Y) is True
    if name != "mse":
        assert loss.targets_ok(np.eye(K)[np.arange(50) % K]) is True  # one-hot rows


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("K", [2, 3])
def test_quick_target_test_never_accepts_what_the_full_check_rejects(name, K):
    loss = LOSSES[name]
    for label, Y in _bad_targets(K):
        full_ok = bool(np.isfinite(Y).all())
        if full_ok:
            try:
                loss.check_targets(Y)
            except ValueError:
                full_ok = False
        if not full_ok:
            assert loss.targets_ok(Y) is False, (name, label)


def test_quick_row_sum_test_is_stricter_than_the_tolerance_never_looser():
    # rows just inside the tolerance pass the full check; the quick test may say "not sure"
    # (False) but must then leave the decision to the full check, which accepts
    tol = losses._ROW_SUM_TOL
    Y = np.tile([[0.5, 0.5]], (400, 1))
    Y[:, 0] += 0.9 * tol
    LOSSES["cross_entropy"].check_targets(Y)
    assert LOSSES["cross_entropy"].targets_ok(Y) is False
    Y[:, 0] += 0.2 * tol  # now every row is outside
    assert LOSSES["cross_entropy"].targets_ok(Y) is False
    with pytest.raises(ValueError, match="summing to 1"):
        LOSSES["cross_entropy"].check_targets(Y)
