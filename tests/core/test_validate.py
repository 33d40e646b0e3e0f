"""nnlib.validate, the one validation module: every check returns the checked value or raises a
ValueError that names the argument and the problem; and every widget constructor checks its
settings with it before it builds anything."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from nnlib import validate as v


@pytest.mark.parametrize("x,match", [
    (np.zeros(3, dtype=complex), r"a must hold real numbers; got an array of complex numbers"),
    (np.array(["1", "2"]), "array of strings"),
    (np.array(["2020-01-01"], dtype="datetime64[D]"), "array of dates"),
    (np.array([1, 2], dtype="timedelta64[s]"), "array of time spans"),
    (np.array([object()]), "holds Python objects that are not all numbers"),
    (np.ma.masked_array([1.0, 2.0], mask=[0, 1]), "a is a masked array: nnlib would lose its mask"),
    (np.array([1.0, np.nan]), r"a contains NaN or inf \(first at index \(1,\)\)"),
    ([[1.0], [2.0, 3.0]], "a must be an array of real numbers"),
])
def test_check_array_refuses_what_is_not_finite_real_numbers(x, match):
    with pytest.raises(ValueError, match=match):
        v.check_array("a", x)


def test_check_array_converts_numbers():
    out = v.check_array("a", [[True, 2], [3, 4.5]])
    assert out.dtype == np.float64 and out.tolist() == [[1.0, 2.0], [3.0, 4.5]]
    assert v.check_array("a", np.array([1, 2], dtype=object)).tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="a must have 2 dimensions; got shape"):
        v.check_array("a", [1.0], ndim=2)


@pytest.mark.parametrize("check,args,match", [
    (v.check_int, ("n", 2.0), r"n must be a whole number; got 2.0 \(float\)"),
    (v.check_int, ("n", True), r"n must be a whole number; got True \(bool\)"),
    (v.check_int, ("n", 5, 1, 4), r"n must be in 1..4; got 5"),
    (v.check_int, ("n", 0, 1), r"n must be >= 1; got 0"),
    (v.check_size, ("N", 0), r"N must be >= 1"),
    (v.check_count, ("epochs", -1), r"epochs must be >= 0"),
    (v.check_seed, ("seed", -3), r"seed must be >= 0"),
    (v.check_seed, ("seed", "1"), r"seed must be a whole number"),
    (v.check_finite, ("x", float("nan")), r"x must be a finite number; got nan"),
    (v.check_finite, ("x", "1"), r"x must be a finite number; got '1' \(str\)"),
    (v.check_finite, ("x", np.True_), r"x must be a finite number"),
    (v.check_positive, ("lr", 0.0), r"lr must be > 0; got 0"),
    (v.check_nonnegative, ("l2", -1e-9), r"l2 must be >= 0"),
    (v.check_fraction, ("p", 1.0), r"p must be in \[0, 1\); got 1"),
    (v.check_float, ("noise", 1.5, 0, 1), r"noise must be in \[0, 1\]; got 1.5"),
    (v.check_slider, ("w", 4.0, -3, 3), r"w must be in \[-3, 3\], its slider's range; got 4"),
    (v.check_bool, ("flag", 1), r"flag must be True or False; got 1"),
    (v.check_choice, ("loss", "hinge", ("mse", "cross_entropy")),
     r"unknown loss 'hinge'; valid: mse, cross_entropy"),
    (v.check_choice, ("loss", ["mse"], ("mse",)), r"unknown loss \['mse'\]"),
    (v.check_sizes, ([2, 2.5],), r"every size must be a whole number"),
    (v.check_sizes, ("232",), r"sizes must be a list of whole numbers"),
    (v.check_sizes, ([3],), r"at least 2 layers"),
    (v.check_batch_size, (0, 10), r"batch_size must be in 1..N = 1..10"),
    (v.check_init, ("zeros",), r"unknown init 'zeros'; valid: auto, xavier, he, lecun"),
    (v.check_init, (float("inf"),), r"init \(a standard deviation\) must be a finite number"),
    (v.check_callback, ("callback", 3, ("epoch", "loss", "net")),
     r"callback must be callable as callback\(epoch, loss, net\)"),
    (v.check_callback, ("callback", lambda a, b, c, d: None, ("epoch", "loss", "net")),
     r"callback must accept 3 positional arguments"),
])
def test_each_check_names_the_problem(check, args, match):
    with pytest.raises(ValueError, match=match):
        check(*args)


def test_checks_return_the_checked_value():
    assert v.check_int("n", np.int64(3), 1, 4) == 3 and type(v.check_int("n", np.int64(3))) is int
    assert v.check_float("x", np.float32(0.5), 0, 1) == 0.5
    assert v.check_batch_size(None, 7) == 7
    assert v.check_init(0.0) == 0.0 and v.check_init("he") == "he"
    assert v.check_bool("b", np.False_) is False
    f = lambda epoch, loss, net, extra=None: None  # noqa: E731
    assert v.check_callback("callback", f, ("epoch", "loss", "net")) is f
    assert v.check_callback("callback", print, ("epoch", "loss", "net")) is print


# --- widget constructors: every setting checked up front ---------------------------------------
def _widgets():
    from nnlib.experiments.playground import PlaygroundModel
    from nnlib.widgets import activations, beyond, bias, forward, softmax, training
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
        (lambda: beyond.momentum_widget(lr=float("nan")), "lr must be a finite number"),
        (lambda: beyond.momentum_widget(beta=0.99), r"beta must be in \[0, 0.95\]"),
        (lambda: beyond.momentum_widget(steps=0), "steps must be in 1..10000"),
        (lambda: beyond.dropout_widget(p=float("nan")), "p must be a finite number"),
        (lambda: beyond.dropout_widget(a=()), "a must hold at least one non-zero activation"),
        (lambda: beyond.dropout_widget(draws=0), "draws must be in"),
        (lambda: beyond.init_widget(gain=float("inf")), "gain must be a finite number"),
        (lambda: beyond.init_widget(depth=0), "depth must be in 1..100"),
        (lambda: training.gradient_descent_widget(lr=float("nan")), "lr must be a finite number"),
        (lambda: training.gradient_descent_widget(steps=2.5), "steps must be a whole number"),
        (lambda: training.gradient_descent_widget(loss="cubic"), "unknown 1-D loss"),
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
        (lambda: training.xor_widget(lr=float("nan")), "lr must be a finite number"),
    ]


@pytest.mark.parametrize("build,match", _widgets(), ids=[m for _, m in _widgets()])
def test_widget_constructors_refuse_bad_settings_before_building(build, match):
    with pytest.raises(ValueError, match=match):
        build()
