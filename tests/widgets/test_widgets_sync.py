"""nnlib/widgets/_sync.py: writing into a widget's own controls without hearing the echo.

The numbers are worked by hand: a 0.01 slider on [-6, 6] shows 0.3712 as 0.37; a log slider
with exponent step 0.05 shows 0.3 as 10^-0.5 = 0.31622776601683794."""

from __future__ import annotations

import ipywidgets as w
import pytest

from nnlib.widgets._sync import ECHO_SECONDS, at_resolution, is_echo, write


def weight_slider():
    return w.FloatSlider(value=0.0, min=-6, max=6, step=0.01)


def change(control, new):
    return {"owner": control, "new": new, "old": control.value, "name": "value"}


@pytest.mark.parametrize("control, value, shown", [
    (weight_slider(), 0.3712, 0.37),
    (weight_slider(), 0.8200000000000003, 0.82),
    (weight_slider(), -0.005001, -0.01),
    (weight_slider(), 7.2, 6.0),
    (w.FloatSlider(min=0, max=0.9, step=0.05), 0.123, 0.1),
    (w.FloatLogSlider(base=10, min=-4, max=1, step=0.05), 0.3, 0.31622776601683794),
    (w.IntSlider(min=0, max=10), 2.6, 3),
    (w.Dropdown(options=["a", "b"]), "b", "b"),
])
def test_values_at_the_controls_resolution(control, value, shown):
    assert at_resolution(control, value) == shown


def test_write_sends_the_value_at_resolution_and_nothing_when_it_is_shown():
    s = weight_slider()
    sent = []
    s.observe(lambda c: sent.append(c["new"]), names="value")
    assert write(s, 0.3712, now=0.0) == 0.37 and s.value == 0.37
    write(s, 0.3681, now=0.1)  # still 0.37 on the slider
    assert sent == [0.37]


def test_an_echo_of_the_latest_write_is_not_a_move():
    s = weight_slider()
    write(s, 0.82, now=0.0)
    assert is_echo(change(s, 0.8200000000000003), now=100.0)


def test_an_overtaken_echo_is_not_a_move_and_the_latest_value_is_shown_again():
    s = weight_slider()
    write(s, 0.82, now=0.0)
    write(s, 0.85, now=0.08)
    s.value = 0.8200000000000003  # the browser's late echo of the first write
    assert is_echo(change(s, s.value), now=0.2)
    assert s.value == 0.85


def test_a_move_is_a_move():
    s = weight_slider()
    write(s, 0.82, now=0.0)
    write(s, 0.85, now=0.08)
    assert not is_echo(change(s, 0.5), now=0.2)
    # what was written before the move no longer counts
    assert not is_echo(change(s, 0.82), now=0.3)


def test_an_old_write_stops_counting_as_an_echo():
    s = weight_slider()
    write(s, 0.82, now=0.0)
    write(s, 0.85, now=0.08)
    assert not is_echo(change(s, 0.82), now=ECHO_SECONDS + 0.01)


def test_a_control_never_written_hears_only_moves():
    s = weight_slider()
    assert not is_echo(change(s, 0.0))
