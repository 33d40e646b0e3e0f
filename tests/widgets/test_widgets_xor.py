"""Tests for nnlib.widgets.xor and nnlib.experiments.xor.xor_model: the chapter's XOR model
(2-4-1, sigmoid, binary cross-entropy on the four corners) and its playground widget, every
control at its ends and middle."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import pytest
from test_widgets_descent import control_values

from nnlib.datasets import xor
from nnlib.experiments.xor import xor_model
from nnlib.widgets.xor import xor_widget

XOR_CONTROLS = ["layers", "units1", "activation", "output", "lr", "batch_size", "momentum",
                "l2", "dropout", "epochs_per_frame"]


def test_xor_model_is_the_chapters_network():
    m = xor_model(hidden=3, lr=1.5, epochs_per_frame=7, seed=2)
    assert m.sizes == [2, 3, 1] and m.net.loss_name == "binary_cross_entropy"
    assert [a.name for a in m.net.activations] == ["sigmoid", "sigmoid"]
    X, y = xor(4, 0.0)
    assert sorted(map(tuple, m.X_train.tolist())) == sorted(map(tuple, X.tolist()))
    assert (m.lr, m.epochs_per_frame) == (1.5, 7)
    assert xor_model(hidden=0).sizes == [2, 1]
    with pytest.raises(ValueError, match="hidden"):
        xor_model(hidden=-1)


@pytest.mark.parametrize("name", XOR_CONTROLS)
def test_xor_widget_survives_every_control(name):
    app = xor_widget(hidden=4, lr=2.0, epochs_per_frame=5)
    assert app.model.sizes == [2, 4, 1] and app.model.net.loss_name == "binary_cross_entropy"
    control = app.controls[name]
    for value in control_values(control):
        control.value = value
        app.step()
        m = app.model
        assert bytes(app.image.value)
        assert all(math.isfinite(v) for v in m.train_losses) or m.diverged
