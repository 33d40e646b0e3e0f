"""Tests for nnlib.experiments.xor: the XOR trials against an independent retraining (the first
epoch within the tolerance, not one before), failures reported, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import MLP
from nnlib.datasets import xor
from nnlib.experiments.xor import xor_trials


def test_xor_trials_converge_and_report_the_first_epoch():
    trials = xor_trials([0, 1, 2], hidden=4, loss="binary_cross_entropy", lr=2.0, epochs=1500)
    assert trials.fraction == 1.0 and trials.right.all()
    assert np.all(trials.worst < 0.1)
    X, y = xor(4, 0.0)
    Y = y.reshape(-1, 1).astype(float)
    for seed, needed in zip(trials.seeds, trials.epochs):
        # retrain independently: within tol after `needed` epochs, not after one fewer
        net = MLP([2, 4, 1], ["sigmoid", "sigmoid"], loss="binary_cross_entropy",
                  seed=int(seed))
        net.fit(X, Y, lr=2.0, epochs=int(needed) - 1)
        assert np.max(np.abs(net.forward(X) - Y)) >= 0.1
        net.fit(X, Y, lr=2.0, epochs=1)
        assert np.max(np.abs(net.forward(X) - Y)) < 0.1


def test_xor_trials_report_failures():
    # one hidden unit cannot compute XOR: no seed converges, and -1 marks it
    trials = xor_trials([0, 1], hidden=1, lr=2.0, epochs=200)
    assert trials.fraction == 0.0
    np.testing.assert_array_equal(trials.epochs, [-1, -1])
    assert np.all(trials.worst >= 0.1)


@pytest.mark.parametrize("kwargs, match", [
    (dict(loss="hinge"), "unknown loss"), (dict(hidden=0), "hidden"),
    (dict(epochs=0), "epochs"), (dict(tol=0.7), "tol"),
])
def test_xor_trials_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        xor_trials([0], **kwargs)
