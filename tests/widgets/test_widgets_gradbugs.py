"""Tests for nnlib.experiments.gradbugs and nnlib.widgets.gradbugs: every planted bug is caught by
the gradient check, the bug-free copy of the backward pass is nnlib's, bad names and unfit
networks raise, and the widget runs headless over every dropdown choice."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib.experiments.gradbugs import (
    BUGS,
    available_bugs,
    buggy_gradients,
    check_bug,
)
from nnlib.gradcheck import RTOL
from nnlib.widgets.gradbugs import bug_widget

PLANTED = [b for b in BUGS if b != "none"]


def _problem(sizes=(3, 4, 4, 3), activations=("sigmoid", "tanh", "softmax"), N=5, seed=0):
    """A small classifier whose second weight matrix is square, with a batch of N > 1 samples."""
    net = nnlib.MLP(list(sizes), activations=list(activations), loss="cross_entropy", seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, sizes[0]))
    Y = nnlib.one_hot(rng.integers(0, sizes[-1], N), sizes[-1])
    return net, X, Y


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_no_bug_is_nnlibs_backward_pass(l2):
    net, X, Y = _problem()
    dWs, dbs = buggy_gradients(net, X, Y, "none", l2=l2)
    ref_W, ref_b = net.gradients(X, Y, l2=l2)
    for mine, ref in zip(dWs + dbs, ref_W + ref_b):
        np.testing.assert_allclose(mine, ref, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_no_bug_passes_the_check(l2):
    net, X, Y = _problem()
    worst, errors = check_bug(net, X, Y, "none", l2=l2)
    assert worst < RTOL
    assert set(errors) == {"W1", "W2", "W3", "b1", "b2", "b3"}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("bug", PLANTED)
def test_every_bug_is_caught(bug, seed):
    net, X, Y = _problem(seed=seed)
    worst, errors = check_bug(net, X, Y, bug)
    assert worst > 1e-2, (bug, errors)  # many orders of magnitude above RTOL = 1e-6


def test_bugs_land_where_they_are_planted():
    """The last layer's gradients do not depend on the hidden recursion, so the two hidden-delta
    bugs leave W3 and b3 correct; the output-delta bugs spoil every array."""
    net, X, Y = _problem()
    for bug in ("missing transpose", "missing activation derivative"):
        _, errors = check_bug(net, X, Y, bug)
        assert errors["W3"] < RTOL and errors["b3"] < RTOL
        assert errors["W1"] > 1e-2
    for bug in ("dropped 1/N", "elementwise softmax derivative"):
        _, errors = check_bug(net, X, Y, bug)
        assert min(errors.values()) > 1e-2, (bug, errors)


def test_dropped_one_over_n_error_is_n_minus_1_over_n_plus_1():
    """Gradients N times too large: |N g - g| / (|N g| + |g|) = (N - 1)/(N + 1) (worked by hand:
    N = 5 gives 4/6), and the per-array shares add up to it in quadrature."""
    net, X, Y = _problem(N=5)
    worst, shares = check_bug(net, X, Y, "dropped 1/N")
    assert worst == pytest.approx(4 / 6, rel=1e-6)
    assert np.sqrt(sum(v ** 2 for v in shares.values())) == pytest.approx(worst, rel=1e-9)


def test_elementwise_softmax_is_right_on_the_true_class_only():
    """With one-hot targets, dJ/dA * s(1 - s) = -(1 - s)/N on the true class, which equals the
    correct (s - 1)/N there, and 0 on the other classes, where the correct value is s/N."""
    net, X, Y = _problem(sizes=(3, 3), activations=("softmax",), N=4)
    (dW,), (db,) = buggy_gradients(net, X, Y, "elementwise softmax derivative")
    A = net.forward(X)
    wrong = np.where(Y == 1, (A - 1) / 4, 0.0)
    np.testing.assert_allclose(db, wrong.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(dW, X.T @ wrong, rtol=1e-12)


def test_unknown_bug_lists_the_valid_names():
    net, X, Y = _problem()
    with pytest.raises(ValueError, match="unknown bug 'typo'; valid: none, missing transpose"):
        buggy_gradients(net, X, Y, "typo")
    with pytest.raises(ValueError, match="unknown bug"):
        check_bug(net, X, Y, "Missing Transpose")


def test_missing_transpose_needs_a_square_matrix():
    net, X, Y = _problem(sizes=(2, 3, 2), activations=("tanh", "softmax"))
    with pytest.raises(ValueError, match=r"square weight matrix.*W2 \(3, 2\)"):
        buggy_gradients(net, X, Y, "missing transpose")


def test_softmax_bug_needs_a_softmax_output():
    net = nnlib.MLP([2, 3, 3, 1], activations=["tanh", "tanh", "identity"], loss="mse", seed=0)
    X = np.ones((3, 2))
    Y = np.zeros((3, 1))
    with pytest.raises(ValueError, match="needs a softmax output layer.*'identity'"):
        buggy_gradients(net, X, Y, "elementwise softmax derivative")
    # the other bugs work with any output layer and are caught
    for bug in ("missing transpose", "missing activation derivative", "dropped 1/N"):
        assert check_bug(net, X + np.arange(6).reshape(3, 2), Y + 0.5, bug)[0] > 1e-2


def test_bad_data_shape_is_a_value_error():
    net, X, Y = _problem()
    with pytest.raises(ValueError):
        buggy_gradients(net, X[:, :2], Y, "none")


def test_widget_runs_every_choice():
    net, X, Y = _problem()
    w = bug_widget(net, X, Y)
    dropdown = w.controls["bug"]
    assert w.widget.children[0] is dropdown
    assert list(dropdown.options) == list(BUGS)
    seen = {}
    for bug in dropdown.options:
        dropdown.value = bug
        worst, errors = w.result
        seen[bug] = worst
        assert worst == pytest.approx(check_bug(net, X, Y, bug)[0], rel=1e-9)
        assert w.fig.axes[0].get_title().startswith(f"{bug}: relative error {worst:.1e}")
        heights = [b.get_height() for b in w.artists.bars]
        assert heights == pytest.approx([max(errors[k], 1e-17) for k in ("W1", "b1", "W2", "b2",
                                                                           "W3", "b3")])
    assert len(w.fig.axes) == 1  # one figure, drawn in place
    plt.close("all")
    assert seen["none"] < RTOL
    assert all(seen[b] > 1e-2 for b in PLANTED)


@pytest.mark.parametrize("sizes,activations,loss,expected", [
    ((2, 3, 2), ("tanh", "softmax"), "cross_entropy",
     ["none", "missing activation derivative", "dropped 1/N", "elementwise softmax derivative"]),
    ((2, 3, 3, 1), ("tanh", "tanh", "identity"), "mse",
     ["none", "missing transpose", "missing activation derivative", "dropped 1/N"]),
    ((2, 2), ("softmax",), "cross_entropy",
     ["none", "dropped 1/N", "elementwise softmax derivative"]),
])
def test_only_the_bugs_a_network_can_host_are_offered(sizes, activations, loss, expected):
    net = nnlib.MLP(list(sizes), activations=list(activations), loss=loss, seed=0)
    rng = np.random.default_rng(1)
    X = rng.normal(size=(4, sizes[0]))
    Y = nnlib.one_hot(rng.integers(0, sizes[-1], 4), sizes[-1]) if loss != "mse" \
        else rng.normal(size=(4, 1))
    assert available_bugs(net) == expected
    w = bug_widget(net, X, Y)
    dropdown = w.controls["bug"]
    assert w.widget.children[0] is dropdown
    assert list(dropdown.options) == expected
    for bug in dropdown.options:  # no choice raises (a traceback in the page)
        dropdown.value = bug
        assert (w.result[0] < RTOL) == (bug == "none")
    for bug in set(BUGS) - set(expected):
        with pytest.raises(ValueError, match="needs a"):
            buggy_gradients(net, X, Y, bug)
    plt.close("all")


def test_the_widget_checks_its_data_up_front():
    net, X, Y = _problem()
    with pytest.raises(ValueError, match=r"X must have shape \(N, 3\)"):
        bug_widget(net, X[:, :2], Y)
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        bug_widget(net, X, Y, l2=-1.0)


def test_missing_transpose_with_l2_keeps_the_l2_term_right():
    # the bug is planted by handing backward the transposed square matrix; its L2 term is
    # still lambda/N W of the real matrix, so the last layer stays correct
    net, X, Y = _problem()
    dWs, dbs = buggy_gradients(net, X, Y, "missing transpose", l2=0.5)
    ref_W, ref_b = net.gradients(X, Y, l2=0.5)
    np.testing.assert_allclose(dWs[2], ref_W[2], rtol=1e-12)
    np.testing.assert_allclose(dWs[1], ref_W[1], rtol=1e-12)  # W2's own gradient: A1^T delta2
    assert not np.allclose(dWs[0], ref_W[0], rtol=1e-3)  # the bug reaches the first layer
