"""nnlib.validate, the one validation module: every check returns the checked value or raises a
ValueError that names the argument and the problem.  (That every widget constructor checks its
settings with it is tests/widgets/test_widgets_settings.py.)"""

import numpy as np
import pytest

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
