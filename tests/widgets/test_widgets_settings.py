"""Every widget constructor checks its settings with nnlib.validate before it builds anything:
a bad setting raises a ValueError that names it (moved from tests/core/test_validate.py)."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")


# --- widget constructors: every setting checked up front ---------------------------------------
def _widgets():
    from nnlib.experiments.playground import PlaygroundModel
    from nnlib.widgets import (
        activations,
        bias,
        descent,
        dropout,
        forward,
        init,
        momentum,
        softmax,
        xor,
    )
    theta = forward.DEFAULT_THETA
    return [
        (lambda: forward.forward_widget(x=(0.5, 9.0)), r"x2 must be in \[-2, 2\]"),
        (lambda: forward.forward_widget(theta=[np.nan] * 17), "theta contains NaN"),
        (lambda: forward.forward_widget(theta=list(theta)[:5]), "theta 17 parameters"),
        (lambda: forward.forward_widget(weight_range=0.0), "weight_range must be > 0"),
        (lambda: bias.bias_widget(w=float("nan")), "w must be a finite number"),
        (lambda: bias.bias_widget(b=5.0), r"b must be in \[-3, 3\]"),
        (lambda: activations.scaled_sigmoid_widget(c=float("nan")), "c must be a finite number"),
        (lambda: activations.scaled_sigmoid_widget(beta=9.0), r"beta must be in \[0.25, 5\]"),
        (lambda: activations.leaky_relu_widget(slope=-0.1), r"slope must be in \[0, 1\]"),
        (lambda: softmax.softmax_widget(z=(1.0, float("nan"))), "z contains NaN"),
        (lambda: softmax.softmax_widget(z=(1.0, 7.0)), r"z2 must be in \[-5, 5\]"),
        (lambda: momentum.momentum_widget(lr=float("nan")), "lr must be a finite number"),
        (lambda: momentum.momentum_widget(beta=0.99), r"beta must be in \[0, 0.95\]"),
        (lambda: momentum.momentum_widget(steps=0), "steps must be in 1..10000"),
        (lambda: dropout.dropout_widget(p=float("nan")), "p must be a finite number"),
        (lambda: dropout.dropout_widget(a=()), "a must hold at least one non-zero activation"),
        (lambda: dropout.dropout_widget(draws=0), "draws must be in"),
        (lambda: init.init_widget(gain=float("inf")), "gain must be a finite number"),
        (lambda: init.init_widget(depth=0), "depth must be in 1..100"),
        (lambda: descent.gradient_descent_widget(lr=float("nan")), "lr must be a finite number"),
        (lambda: descent.gradient_descent_widget(steps=2.5), "steps must be a whole number"),
        (lambda: descent.gradient_descent_widget(loss="cubic"), "unknown 1-D loss"),
        (lambda: PlaygroundModel(noise=float("nan")), "noise must be a finite number"),
        (lambda: PlaygroundModel(lr=float("nan")), "lr must be a finite number"),
        (lambda: PlaygroundModel(l2=float("inf")), "l2 must be a finite number"),
        (lambda: PlaygroundModel(momentum=float("nan")), "momentum must be a finite number"),
        (lambda: PlaygroundModel(seed=-1), "seed must be >= 0"),
        (lambda: PlaygroundModel(data_seed=1.5), "data_seed must be a whole number"),
        (lambda: PlaygroundModel(resolution=1), r"resolution must be in 2..400"),
        (lambda: PlaygroundModel(hidden="33"), "hidden must be a tuple"),
        (lambda: PlaygroundModel(hidden=(2.5,)), "hidden .* must be a whole number"),
        (lambda: PlaygroundModel(batch_size=float("nan")), "batch_size must be a whole number"),
        (lambda: xor.xor_widget(lr=float("nan")), "lr must be a finite number"),
    ]


@pytest.mark.parametrize("build,match", _widgets(), ids=[m for _, m in _widgets()])
def test_widget_constructors_refuse_bad_settings_before_building(build, match):
    with pytest.raises(ValueError, match=match):
        build()
