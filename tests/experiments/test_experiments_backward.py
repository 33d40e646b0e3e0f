"""Tests for nnlib.experiments.backward, against values computed here without nnlib's code:

* nudge one weight: the chapter's 2-3-2 network run forward by a plain NumPy loss written in
  this file (tanh, softmax, mean cross-entropy); its value printed in the chapter (J = 0.9091);
  the loss recomputed after the nudge; backprop's slope against central differences of that
  loss; the difference ΔJ - ∂J/∂w·Δw against ½ J''·Δw² (J'' by second differences);
* the logit gradients: hand-derived formulas for one sample with logits (z, 0, ..., 0):
  p = e^z/(e^z + K - 1), -ln p, (K/(K-1))·(1 - p)²/2, p - 1 and -(K/(K-1))·p(1 - p)², and
  central differences of those losses in z;
* the activation derivatives: closed forms (e^-z/(1 + e^-z)², 1/cosh², steps) and central
  differences;
* every control position: every parameter, every slider position of each widget's sliders;
* bad input refused with a clear message.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.experiments import backward as exp

# --- the chapter's network, written out again (chapter backprop_matrix, cell "The batch") ------
X = np.array([[0.5, -1.0], [1.5, 0.3]])
Y = np.array([[1.0, 0.0], [0.0, 1.0]])
W1 = np.array([[0.2, -0.4, 0.6], [0.5, 0.3, -0.1]])
B1 = np.array([0.1, -0.2, 0.05])
W2 = np.array([[0.7, -0.3], [-0.5, 0.4], [0.2, 0.6]])
B2 = np.array([0.05, -0.05])
ARRAYS = {"W1": W1, "b1": B1, "W2": W2, "b2": B2}


def hand_loss(moves=None):
    """Mean cross-entropy of the 2-3-2 tanh/softmax network, plain NumPy; ``moves`` maps a
    parameter name such as "W1_12" or "b2_1" to an amount added to it."""
    p = {k: a.copy() for k, a in ARRAYS.items()}
    for name, amount in (moves or {}).items():
        array, index = name.split("_")
        if array[0] == "W":
            p[array][int(index[0]) - 1, int(index[1]) - 1] += amount
        else:
            p[array][int(index) - 1] += amount
    H = np.tanh(X @ p["W1"] + p["b1"])
    Z = H @ p["W2"] + p["b2"]
    log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    return -np.sum(Y * log_p) / 2


def test_network_is_the_chapters():
    assert f"{hand_loss():.4f}" == "0.9091"  # printed in the chapter
    net, Xn, Yn = exp.nudge_network()
    assert np.array_equal(Xn, X) and np.array_equal(Yn, Y)
    assert net.sizes == [2, 3, 2]
    assert [a.name for a in net.activations] == ["tanh", "softmax"]
    for got, want in zip(net.weights + net.biases, [W1, W2, B1, B2]):
        assert np.array_equal(got, want)


def test_parameter_names_follow_the_flat_order():
    # W1 row by row, b1, W2 row by row, b2: the position of each name in nnlib's flat vector
    # holds that entry of the hand-written arrays
    theta = np.concatenate([W1.ravel(), B1, W2.ravel(), B2])
    assert len(exp.PARAMETER_NAMES) == theta.size == 17
    for name, value in zip(exp.PARAMETER_NAMES, theta):
        assert exp.nudge(name, 0.0).w == value
    assert exp.PARAMETER_LABELS[exp.PARAMETER_NAMES.index("W1_12")] == "W⁽¹⁾₁₂: input 1 → hidden 2"
    assert exp.PARAMETER_LABELS[exp.PARAMETER_NAMES.index("b2_2")] == "b⁽²⁾₂: bias of output 2"


@pytest.mark.parametrize("name", exp.PARAMETER_NAMES)
def test_nudge_against_the_loss_recomputed_by_hand(name):
    for dw in (exp.DW_RANGE[0], -0.35, 0.5, exp.DW_RANGE[1]):
        r = exp.nudge(name, dw)
        assert r.J0 == pytest.approx(hand_loss(), rel=1e-13)
        assert r.J1 == pytest.approx(hand_loss({name: dw}), rel=1e-13)
        assert r.dJ == pytest.approx(hand_loss({name: dw}) - hand_loss(), abs=1e-13)
    h = 1e-5
    slope = (hand_loss({name: h}) - hand_loss({name: -h})) / (2 * h)
    assert r.grad == pytest.approx(slope, rel=1e-7, abs=1e-10)
    assert r.linear == pytest.approx(slope * r.dw, rel=1e-7, abs=1e-10)


@pytest.mark.parametrize("name", ["W1_11", "b1_2", "W2_31", "b2_1"])
def test_difference_is_second_order(name):
    """ΔJ - ∂J/∂w·Δw = ½ J''(w) Δw² + O(Δw³): measured against second differences."""
    h = 1e-3
    second = (hand_loss({name: h}) - 2 * hand_loss() + hand_loss({name: -h})) / h**2
    for dw in (0.001, 0.002):  # small enough for the cubic term to stay below 2 %
        gap = exp.nudge(name, dw).gap
        assert gap == pytest.approx(0.5 * second * dw**2, rel=0.03)
    # halving the nudge quarters the difference
    ratio = exp.nudge(name, 0.002).gap / exp.nudge(name, 0.001).gap
    assert ratio == pytest.approx(4.0, rel=0.03)


def test_every_slider_position_is_on_the_curve():
    """Every position of the Δw slider works, and the curve drawn through the slider's
    positions passes through the nudge at each of them."""
    assert exp.DW_GRID[0] == exp.DW_RANGE[0] and exp.DW_GRID[-1] == exp.DW_RANGE[1]
    assert np.allclose(np.diff(exp.DW_GRID), exp.DW_STEP)
    r0 = exp.nudge("W1_21", 0.0)
    for k, dw in enumerate(exp.DW_GRID):
        r = exp.nudge("W1_21", float(dw), grid=exp.DW_GRID[:1])
        assert r.J1 == pytest.approx(r0.curve[k], abs=1e-15)
    idx = [0, 17, 40, 80]
    np.testing.assert_allclose(r0.curve[idx], [hand_loss({"W1_21": exp.DW_GRID[k]}) for k in idx],
                               rtol=1e-13)
    np.testing.assert_allclose(r0.tangent, r0.J0 + r0.grad * exp.DW_GRID, rtol=1e-15)
    assert r0.dJ == 0.0 and r0.gap == 0.0


@pytest.mark.parametrize("bad, words", [
    ({"name": "W3_11"}, "unknown parameter 'W3_11'; valid: W1_11"),
    ({"dw": 2.5}, "dw must be in [-2, 2]"),
    ({"dw": float("nan")}, "dw must be a finite number"),
    ({"grid": [[0.0, 1.0]]}, "grid must have 1 dimension"),
])
def test_nudge_rejects_bad_input(bad, words):
    with pytest.raises(ValueError) as err:
        exp.nudge(**{"name": "W2_11", "dw": 0.5, **bad})
    assert words in str(err.value)


# --- cross-entropy against MSE with respect to the logit ------------------------------------------
def hand_logit(z, K):
    """p, the two losses and their slopes, from the formulas derived by hand."""
    z = np.asarray(z, dtype=float)
    p = np.exp(z) / (np.exp(z) + K - 1)
    ce = np.log(np.exp(z) + K - 1) - z
    mse = 0.5 * K / (K - 1) * (1 - p) ** 2  # ½[(1-p)² + (K-1)((1-p)/(K-1))²]
    return p, ce, mse, p - 1, -K / (K - 1) * p * (1 - p) ** 2


@pytest.mark.parametrize("K", exp.CLASS_COUNTS)
def test_logit_gradients_against_hand_formulas_at_every_slider_position(K):
    c = exp.logit_gradient_curves(K)
    assert c.z[0] == exp.LOGIT_RANGE[0] and c.z[-1] == exp.LOGIT_RANGE[1] and len(c.z) == 121
    for got, want in zip((c.p, c.ce, c.mse, c.dce, c.dmse), hand_logit(c.z, K)):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    for z in (exp.LOGIT_RANGE[0], -0.7, 0.0, 2.3, exp.LOGIT_RANGE[1]):
        r = exp.logit_gradients(z, K)
        want = hand_logit(z, K)
        assert (r.p, r.ce, r.mse, r.dce, r.dmse) == pytest.approx(want, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("K", exp.CLASS_COUNTS)
def test_logit_slopes_are_the_derivatives_of_the_losses(K):
    h = 1e-6
    for z in (-5.0, -1.3, 0.4, 3.0):
        r = exp.logit_gradients(z, K)
        up, down = exp.logit_gradients(z + h, K), exp.logit_gradients(z - h, K)
        assert r.dce == pytest.approx((up.ce - down.ce) / (2 * h), abs=1e-8)
        assert r.dmse == pytest.approx((up.mse - down.mse) / (2 * h), abs=1e-8)


def test_two_classes_are_the_chapters_equation():
    """eq-two-class-logit-slopes: p - 1 and -2p(1-p)²; MSE's slope is steepest at p = 1/3 and
    vanishes for a confident mistake, cross-entropy's tends to -1."""
    c = exp.logit_gradient_curves(2)
    k = int(np.argmin(c.dmse))
    assert abs(c.p[k] - 1 / 3) < 0.03
    wrong = exp.logit_gradients(exp.LOGIT_RANGE[0], 2)
    assert wrong.dce < -0.997 and -0.005 < wrong.dmse < 0
    assert wrong.dmse == pytest.approx(-2 * wrong.p * (1 - wrong.p) ** 2, rel=1e-12)


@pytest.mark.parametrize("bad, words", [
    ({"z": 7.0}, "z must be in [-6, 6]"), ({"z": "1"}, "z must be a finite number"),
    ({"n_classes": 1}, "n_classes must be >= 2"), ({"n_classes": 2.5}, "n_classes must be"),
])
def test_logit_gradients_reject_bad_input(bad, words):
    with pytest.raises(ValueError) as err:
        exp.logit_gradients(**{"z": 0.0, "n_classes": 2, **bad})
    assert words in str(err.value)


# --- the activation derivatives ------------------------------------------------------------------
def hand_derivatives(z, slope):
    z = np.asarray(z, dtype=float)
    return {"sigmoid": np.exp(-z) / (1 + np.exp(-z)) ** 2, "tanh": 1 / np.cosh(z) ** 2,
            "relu": (z > 0).astype(float), "leaky_relu": np.where(z >= 0, 1.0, slope)}


@pytest.mark.parametrize("slope", [exp.SLOPE_RANGE[0], 0.1, 0.35, exp.SLOPE_RANGE[1]])
def test_derivatives_against_closed_forms_at_every_z(slope):
    grid = exp.DERIVATIVE_GRID
    assert grid[0] == exp.Z_RANGE[0] and grid[-1] == exp.Z_RANGE[1] and len(grid) == 201
    for z in grid[::10]:
        r = exp.activation_derivatives(float(z), slope)
        want = hand_derivatives(z, slope)
        for name in exp.DERIVATIVE_NAMES:
            assert r.at_z[name] == pytest.approx(float(want[name]), rel=1e-12, abs=1e-16), (name, z)
    want = hand_derivatives(grid, slope)
    for name in exp.DERIVATIVE_NAMES:
        np.testing.assert_allclose(r.curves[name], want[name], rtol=1e-12, atol=1e-16)


def test_derivatives_are_slopes_and_the_sigmoid_peaks_at_a_quarter():
    r = exp.activation_derivatives(0.0, 0.2)
    assert r.at_z["sigmoid"] == 0.25 and r.at_z["tanh"] == 1.0
    assert max(r.curves["sigmoid"]) == 0.25
    # at z = 0 exactly: ReLU uses 0 and leaky ReLU 1 (the chapter says so)
    assert r.at_z["relu"] == 0.0 and r.at_z["leaky_relu"] == 1.0
    fs = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh,
          "relu": lambda z: np.maximum(z, 0), "leaky_relu": lambda z: np.where(z >= 0, z, 0.2 * z)}
    h = 1e-6
    for z in (-3.7, -0.45, 1.2):
        r = exp.activation_derivatives(z, 0.2)
        for name, f in fs.items():
            assert r.at_z[name] == pytest.approx((f(z + h) - f(z - h)) / (2 * h), abs=1e-8)


@pytest.mark.parametrize("bad, words", [
    ({"z": -5.5}, "z must be in [-5, 5]"), ({"slope": -0.1}, "slope must be in [0, 1]"),
    ({"slope": float("inf")}, "slope must be a finite number"),
])
def test_derivatives_reject_bad_input(bad, words):
    with pytest.raises(ValueError) as err:
        exp.activation_derivatives(**{"z": 0.0, "slope": 0.1, **bad})
    assert words in str(err.value)
