"""Tests for nnlib.widgets.base: the one widget pattern (checked controls, compute -> result,
one figure drawn in place, a displayable container)."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets
import numpy as np
import pytest

from nnlib.widgets.base import Widget


class Doubler(Widget):
    """A minimal widget: y = 2 w, drawn as one point that moves."""

    def __init__(self, w=1.0):
        super().__init__({"w": ipywidgets.FloatSlider(value=w, min=-3, max=3, step=0.5,
                                                      description="w")}, figsize=(3, 2))

    def compute(self, w):
        return 2 * w

    def draw(self, result):
        if self.artists is None:
            (point,) = self.fig.subplots().plot([0], [result], "o")
            return point
        self.artists.set_ydata([result])
        return self.artists


def test_every_change_recomputes_and_redraws_the_same_artists():
    d = Doubler(0.5)
    assert d.result == 1.0
    fig, point = d.fig, d.artists
    for w in (-3.0, 0.0, 2.5):
        d.controls["w"].value = w
        assert d.result == 2 * w  # hand-computed: the compute of the current value
        assert d.fig is fig and d.artists is point  # in place: no new figure or artist
        assert point.get_ydata()[0] == 2 * w
    assert len(fig.axes) == 1


def test_the_container_holds_the_controls_and_the_output():
    d = Doubler()
    assert isinstance(d.widget, ipywidgets.VBox)
    assert d.controls["w"] in d.widget.children[0].children
    assert d.output in d.widget.children
    assert hasattr(d, "_ipython_display_")


@pytest.mark.parametrize("control, message", [
    (ipywidgets.FloatSlider(value=0.0), "needs a visible label"),
    (ipywidgets.HTML("text", layout=ipywidgets.Layout()), "needs a visible label"),
    (ipywidgets.Box(), "with a value"),
])
def test_a_control_without_label_or_value_is_refused(control, message):
    class Bare(Widget):
        def compute(self, **values):
            raise AssertionError("not reached: the controls are checked first")

    with pytest.raises(ValueError, match=message):
        Bare({"x": control})


def test_compute_and_draw_must_be_written():
    with pytest.raises(NotImplementedError):
        Widget({"x": ipywidgets.FloatSlider(description="x")})
    assert np.isfinite(Doubler(1.0).result)


def test_the_docstring_example_runs_and_does_what_it_says():
    import textwrap

    import nnlib.widgets.base as base

    block = base.__doc__.split("Example (the pattern in full")[1].split("::\n", 1)[1]
    namespace = {}
    exec(textwrap.dedent(block), namespace)  # the module's own example
    tanh = namespace["tanh"]
    assert tanh.controls["w"].value == 2.0
    np.testing.assert_allclose(tanh.result.y, np.tanh(2.0 * tanh.result.x))
    np.testing.assert_allclose(tanh.artists.get_ydata(), tanh.result.y)  # drawn in place
