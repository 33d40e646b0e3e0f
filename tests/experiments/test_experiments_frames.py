"""Tests for nnlib.experiments.frames: a training run recorded frame by frame (copies, the start
first, stopping when the run diverges)."""

from __future__ import annotations

import numpy as np

from nnlib.experiments.frames import train_frames
from nnlib.experiments.playground import PlaygroundModel
from nnlib.experiments.xor import xor_model


def test_train_frames_records_every_frame():
    model = xor_model(hidden=4, lr=2.0, epochs_per_frame=7, seed=1)
    start = [W.copy() for W in model.net.weights]
    record = train_frames(model, 5)
    assert len(record) == 6
    assert [r["epoch"] for r in record] == [0, 7, 14, 21, 28, 35]
    for W, W0 in zip(record[0]["weights"], start):
        np.testing.assert_array_equal(W, W0)
    assert not np.allclose(record[-1]["weights"][0], start[0])
    # the snapshots are copies: training on does not change them
    kept = record[-1]["weights"][0].copy()
    model.step()
    np.testing.assert_array_equal(record[-1]["weights"][0], kept)


def test_train_frames_stops_when_the_run_diverges():
    model = PlaygroundModel(dataset="xor corners", hidden=(4,), activation="tanh",
                            output="identity", lr=50.0, train_fraction=1.0,
                            epochs_per_frame=5)
    record = train_frames(model, 10)
    assert model.diverged and "diverged" in model.message
    assert len(record) < 11 and record[-1]["diverged"]
