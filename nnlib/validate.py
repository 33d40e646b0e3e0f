"""Input checks, the one validation module of nnlib and its widgets.

Each ``check_*`` function returns the checked value (converted where that is safe, e.g. a list
of numbers to a float array) or raises a ``ValueError`` whose message names the argument and the
problem: a value of the wrong kind (a string, a complex or masked array, a callback that is not
callable) as much as a value out of range.  nnlib calls them before it changes anything.  In the
manner of scikit-learn's ``utils/validation.py`` (``check_array``, ``check_scalar``).
"""

from __future__ import annotations

import inspect
import math
import numbers

import numpy as np

__all__ = ["check_array", "check_X", "check_Y", "check_data", "check_parameters", "check_masks",
           "check_sizes", "check_layer_sizes", "check_size", "check_count", "check_batch_size",
           "check_seed", "check_init", "check_int", "check_optional_int", "check_float",
           "check_finite", "check_positive", "check_nonnegative", "check_fraction", "check_bool",
           "check_choice", "check_callback", "check_slider"]


# --- arrays -------------------------------------------------------------------------------------
def check_array(name, x, ndim=None):
    """``x`` as a finite float64 array.

    Refused: masked arrays (their mask would be lost); arrays of complex numbers, strings,
    dates, or objects that are not real numbers; a number of dimensions other than ``ndim``;
    NaN or infinity (the message gives the first index).  Booleans and integers are converted.
    """
    if isinstance(x, np.ma.MaskedArray):
        raise ValueError(f"{name} is a masked array: nnlib would lose its mask; fill the masked "
                        f"entries ({name}.filled(value)) or drop their rows first")
    arr = x if isinstance(x, np.ndarray) else None
    if arr is None:
        try:
            arr = np.asarray(x)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{name} must be an array of real numbers; got "
                            f"{type(x).__name__} ({err})") from None
    kind = arr.dtype.kind
    if kind not in "biuf":
        what = {"c": "complex numbers", "U": "strings", "S": "bytes", "M": "dates",
                "m": "time spans", "O": "Python objects", "V": "records"}.get(kind, arr.dtype)
        if kind == "O":
            try:
                arr = arr.astype(np.float64)
            except (TypeError, ValueError):
                raise ValueError(f"{name} must hold real numbers; it holds {what} that are not "
                                f"all numbers") from None
        else:
            raise ValueError(f"{name} must hold real numbers; got an array of {what} "
                            f"(dtype {arr.dtype})")
    arr = np.asarray(arr, dtype=np.float64)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension{'s' if ndim > 1 else ''}; "
                         f"got shape {arr.shape}")
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(f"{name} contains NaN or inf (first at index "
                         f"{tuple(int(i) for i in bad)}); only finite numbers are accepted")
    return arr


def check_X(X, n_in):
    """Inputs: a finite float array of shape (N, n_in), N >= 1 (rows are samples)."""
    X = check_array("X", X)
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(
            f"X must have shape (N, {n_in}) (rows are samples, {n_in} inputs); got {X.shape}"
        )
    if X.shape[0] == 0:
        raise ValueError("X has no samples (shape (0, ...))")
    return X


def check_Y(Y, N, n_out, loss):
    """Targets: a finite float array of shape (N, n_out) that ``loss`` accepts."""
    Y = check_array("Y", Y)
    if Y.shape != (N, n_out):
        hint = ""
        if Y.ndim == 1 and Y.shape[0] == N and n_out > 1:
            hint = "; for integer class labels use nnlib.one_hot(labels, %d)" % n_out
        elif Y.ndim == 1 and Y.shape[0] == N and n_out == 1:
            hint = "; reshape the targets to a column with Y.reshape(-1, 1)"
        raise ValueError(f"Y must have shape ({N}, {n_out}) to match X and the output layer; "
                         f"got {Y.shape}{hint}")
    loss.check_targets(Y)
    return Y


def check_data(X, Y, net):
    """``(X, Y)`` checked for the network ``net`` (its sizes and its loss's targets)."""
    return net.check_data(X, Y)


def check_parameters(net, after=None):
    """The network's ``weights`` and ``biases``: lists of writeable, finite float64 arrays of
    the right shapes (``after`` names what last changed them, for the message)."""
    n_layers = len(net.sizes) - 1
    by = f" (after {after})" if after else ""
    for name in ("weights", "biases"):
        got = getattr(net, name)
        count = len(got) if isinstance(got, (list, tuple)) else None
        if count != n_layers:
            what = count if count is not None else type(got).__name__
            raise ValueError(f"{name} must be a list of {n_layers} arrays, one per layer; "
                             f"got {what}{by}")
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        for name, p, shape in ((f"weights[{l}]", W, (net.sizes[l], net.sizes[l + 1])),
                               (f"biases[{l}]", b, (net.sizes[l + 1],))):
            if getattr(p, "shape", None) != shape:
                raise ValueError(f"{name} must have shape {shape}; got "
                                 f"{getattr(p, 'shape', type(p).__name__)}{by}")
            if type(p) is not np.ndarray or p.dtype != np.float64 or not p.flags.writeable:
                what = (type(p).__name__ if not isinstance(p, np.ndarray) or
                        type(p) is not np.ndarray else
                        f"dtype {p.dtype}" if p.dtype != np.float64 else "a read-only array")
                raise ValueError(f"{name} must be a writeable float64 NumPy array (training "
                                f"updates it in place); got {what}{by}: assign "
                                f"np.array(..., dtype=float)")
            if not np.isfinite(p).all():
                bad = tuple(int(i) for i in np.argwhere(~np.isfinite(p))[0])
                raise ValueError(f"{name} contains NaN or inf (first at index {bad}){by}; "
                                 f"parameters must be finite")


def check_masks(masks, N, sizes):
    """Dropout masks: None, or one finite float array (N, sizes[l]) per hidden layer."""
    if masks is None:
        return None
    hidden = sizes[1:-1]
    if not isinstance(masks, (list, tuple)) or len(masks) != len(hidden):
        raise ValueError(f"masks must be None or a list of {len(hidden)} arrays, one per hidden "
                         f"layer; got {type(masks).__name__}"
                         + (f" of {len(masks)}" if isinstance(masks, (list, tuple)) else ""))
    out = []
    for l, (m, n) in enumerate(zip(masks, hidden)):
        m = check_array(f"masks[{l}]", m)
        if m.shape != (N, n):
            raise ValueError(f"masks[{l}] must have shape ({N}, {n}); got {m.shape}")
        out.append(m)
    return out


# --- whole numbers ------------------------------------------------------------------------------
def _whole(name, x, what):
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Integral):
        raise ValueError(f"{name} must be {what}; got {x!r} ({type(x).__name__})")
    return int(x)


def check_sizes(sizes):
    """Layer sizes: a list (or tuple or 1-d integer array) of >= 2 whole numbers >= 1."""
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (list, tuple, np.ndarray)):
        raise ValueError(f"sizes must be a list of whole numbers, e.g. [2, 3, 2]; got {sizes!r}")
    sizes = [_whole("every size", s, "a whole number (units in a layer)") for s in sizes]
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least 2 layers (inputs and outputs), e.g. [2, 3, 2]; got {sizes}"
        )
    if any(s < 1 for s in sizes):
        raise ValueError(f"every layer needs at least 1 unit; got sizes {sizes}")
    return sizes


def check_int(name, x, low=None, high=None):
    """A whole number (not a bool) in ``low..high`` (either bound may be None)."""
    x = _whole(name, x, "a whole number")
    if (low is not None and x < low) or (high is not None and x > high):
        rng = (f"in {low}..{high}" if low is not None and high is not None
               else f">= {low}" if low is not None else f"<= {high}")
        raise ValueError(f"{name} must be {rng}; got {x}")
    return x


def check_optional_int(name, x, low=None, high=None):
    """None, or a whole number in ``low..high`` (:func:`check_int`)."""
    return None if x is None else check_int(name, x, low, high)


def check_layer_sizes(name, sizes, max_layers, max_units):
    """Hidden-layer sizes: a list or tuple of 0..``max_layers`` whole numbers in
    1..``max_units``, returned as a tuple."""
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (list, tuple)):
        raise ValueError(f"{name} must be a tuple of 0..{max_layers} layer sizes; got {sizes!r}")
    if len(sizes) > max_layers:
        raise ValueError(f"{name} must list 0..{max_layers} layers of 1..{max_units} units; "
                         f"got {tuple(sizes)}")
    return tuple(check_int(f"{name} (1..{max_units} units per layer)", s, 1, max_units)
                 for s in sizes)


def check_size(name, x):
    """A whole number >= 1 (a size or count of samples)."""
    return check_int(name, x, 1)


def check_count(name, x):
    """A whole number >= 0."""
    return check_int(name, x, 0)


def check_seed(name, x):
    """A random seed: a whole number >= 0 (what ``np.random.default_rng`` takes)."""
    return check_int(name, x, 0)


def check_batch_size(batch_size, N):
    """None (the full batch) or a whole number in 1..N."""
    if batch_size is None:
        return N
    batch_size = _whole("batch_size", batch_size, f"a whole number in 1..{N} or None")
    if not 1 <= batch_size <= N:
        raise ValueError(f"batch_size must be in 1..N = 1..{N} (or None for the full batch); "
                         f"got {batch_size}")
    return batch_size


# --- real numbers -------------------------------------------------------------------------------
def check_finite(name, x):
    """A finite real number (not a bool), as a float."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise ValueError(f"{name} must be a finite number; got {x!r} ({type(x).__name__})")
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number; got {x!r}")
    return float(x)


def check_float(name, x, low=None, high=None, low_open=False, high_open=False):
    """A finite real number in the interval from ``low`` to ``high`` (open ends as flagged)."""
    x = check_finite(name, x)
    too_low = low is not None and (x <= low if low_open else x < low)
    too_high = high is not None and (x >= high if high_open else x > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        if low is not None and high is not None:
            rng = f"in {left}{low:g}, {high:g}{right}"
        elif low is not None:
            rng = f"{'>' if low_open else '>='} {low:g}"
        else:
            rng = f"{'<' if high_open else '<='} {high:g}"
        raise ValueError(f"{name} must be {rng}; got {x:g}")
    return x


# The three range checks that training calls on every step: a plain Python float in range
# passes at once (NaN fails every comparison); anything else goes through check_float, which
# converts or names the problem.
def check_positive(name, x):
    """A finite number > 0."""
    if type(x) is float and 0.0 < x < math.inf:
        return x
    return check_float(name, x, 0, low_open=True)


def check_nonnegative(name, x):
    """A finite number >= 0."""
    if type(x) is float and 0.0 <= x < math.inf:
        return x
    return check_float(name, x, 0)


def check_fraction(name, x):
    """A finite number in [0, 1) (momentum, dropout)."""
    if type(x) is float and 0.0 <= x < 1.0:
        return x
    return check_float(name, x, 0, 1, high_open=True)


def check_init(init):
    """``"auto"``, ``"xavier"``, ``"he"``, ``"lecun"`` or a finite standard deviation >= 0."""
    if isinstance(init, str):
        return check_choice("init", init, ("auto", "xavier", "he", "lecun"))
    if isinstance(init, (bool, np.bool_)) or not isinstance(init, numbers.Real):
        raise ValueError(f"init must be 'auto', 'xavier', 'he', 'lecun' or a standard deviation; "
                        f"got {init!r}")
    return check_nonnegative("init (a standard deviation)", init)


def check_slider(name, x, low, high):
    """A widget's starting value: a finite number in its slider's range ``[low, high]``
    (ipywidgets would silently move a value outside it to the nearest end)."""
    x = check_finite(name, x)
    if not low <= x <= high:
        raise ValueError(f"{name} must be in [{low:g}, {high:g}], its slider's range; got {x:g}")
    return x


# --- other --------------------------------------------------------------------------------------
def check_bool(name, x):
    """True or False (a Python or NumPy bool)."""
    if not isinstance(x, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False; got {x!r}")
    return bool(x)


def check_choice(name, x, valid):
    """One of ``valid``; an unknown value gets an error listing the valid ones."""
    try:
        ok = x in valid
    except TypeError:
        ok = False
    if not ok:
        raise ValueError(f"unknown {name} {x!r}; valid: {', '.join(map(str, valid))}")
    return x


def check_callback(name, f, args):
    """A callable that accepts the positional arguments named in ``args``."""
    if not callable(f):
        raise ValueError(f"{name} must be callable as {name}({', '.join(args)}); "
                        f"got {type(f).__name__}")
    try:
        sig = inspect.signature(f)
    except (TypeError, ValueError):  # some builtins have no signature: accept them
        return f
    try:
        sig.bind(*args)
    except TypeError as err:
        raise ValueError(f"{name} must accept {len(args)} positional arguments "
                        f"({', '.join(args)}); {name}{sig} does not: {err}") from None
    return f
