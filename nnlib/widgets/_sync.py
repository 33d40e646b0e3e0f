"""One way for a widget to write into its own controls without hearing itself back.

A slider in the browser keeps its value on its own grid. When the kernel writes a value into
it, the browser snaps that value to the grid (noUiSlider computes in percent of the range, so
even a value already on the grid can come back changed in its last bits: 0.82 returns as
0.8200000000000003) and sends the snapped value back. An echo like that arrives as an ordinary
change, sometimes after the widget has written again, and a widget that takes it for a reader's
move acts on it: the playground's weight sliders used to round every weight to 0.01 after each
frame, reset the momentum and redraw a dozen times per frame.

The rule, for every widget of the book:

* :func:`write` puts a value into a control *at the control's resolution*
  (:func:`at_resolution`), and sends nothing when the control already shows that value;
* :func:`is_echo` tells an observer that an incoming value is one the widget wrote: at the
  control's resolution it equals the latest value written, or an earlier one written less than
  :data:`ECHO_SECONDS` ago (an echo overtaken by a newer write; the control is then given the
  latest value again, so that the browser and the kernel agree). Anything else is a reader's
  move.

An observer starts with ``if is_echo(change): return`` and reads the value with
``at_resolution(change["owner"], change["new"])``. :func:`write` a control's first value too,
so that the browser's echo of it on first display is recognised.
"""

from __future__ import annotations

import math
import time
import weakref

import ipywidgets as w

__all__ = ["ECHO_SECONDS", "at_resolution", "write", "is_echo"]

ECHO_SECONDS = 2.0
"""How long a value written before the latest one still counts as an echo when it comes back.
A reader who moves a slider to exactly such a value within this time sees it go back to the
latest value (and can move it again); every other move is taken."""

_WRITTEN = weakref.WeakKeyDictionary()
"""control -> [(value, time.monotonic() when written), ...]: what the widget wrote into it."""


def _decimals(step):
    """Decimal places of a step such as 0.05 (2) or 1e-3 (3); at most 12."""
    for places in range(13):
        if abs(round(step, places) - step) <= 1e-12 * max(1.0, abs(step)):
            return places
    return 12


def at_resolution(control, value):
    """``value`` as ``control`` can show it.

    FloatSlider (and bounded float boxes with a step): the nearest point ``min + k * step``
    inside ``[min, max]``, rounded to the step's decimal places, so that 0.37 is the float
    0.37; FloatLogSlider: the same on the exponent; integer controls: the nearest int; any
    other control (dropdowns, selection sliders, text): the value unchanged.
    """
    if isinstance(control, w.FloatLogSlider):
        step = control.step or 0
        exponent = math.log(float(value), control.base)
        if step:
            exponent = control.min + round((exponent - control.min) / step) * step
            exponent = round(exponent, _decimals(step))
        exponent = min(max(exponent, control.min), control.max)
        return float(control.base ** exponent)
    if isinstance(control, (w.FloatSlider, w.BoundedFloatText)):
        value = float(value)
        step = getattr(control, "step", None) or 0
        if step:
            value = control.min + round((value - control.min) / step) * step
            value = round(value, _decimals(step))
        return min(max(value, control.min), control.max)
    if isinstance(control, (w.IntSlider, w.BoundedIntText, w.IntText)):
        return int(round(value))
    return value


def _log(control):
    return _WRITTEN.setdefault(control, [])


def write(control, value, now=None):
    """Show ``value`` in ``control`` at its resolution and remember it as written.

    Nothing is sent when the control already shows that value (at its resolution).

    Returns
    -------
    the value written (at the control's resolution)
    """
    now = time.monotonic() if now is None else now
    value = at_resolution(control, value)
    log = _log(control)
    log[:] = [(v, t) for v, t in log if now - t < ECHO_SECONDS and v != value]
    log.append((value, now))
    if at_resolution(control, control.value) != value:
        control.value = value
    return value


def is_echo(change, now=None):
    """True when the change an observer received is a value the widget wrote coming back.

    Parameters
    ----------
    change : the traitlets change dict (``owner``, ``new``)
    now : float, optional (``time.monotonic()``; tests pass their own clock)
    """
    control = change["owner"]
    log = _log(control)
    if not log:
        return False
    now = time.monotonic() if now is None else now
    value = at_resolution(control, change["new"])
    latest = log[-1][0]
    if value == latest:
        return True
    if any(v == value and now - t < ECHO_SECONDS for v, t in log[:-1]):
        control.value = latest  # the browser may have kept the overtaken value: show the latest
        return True
    log.clear()  # a reader's move: what the widget wrote before is no longer on the control
    return False
