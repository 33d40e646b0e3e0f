"""Tests for nnlib.widgets.softmax: the view against the worked example of source 001 and the
Jacobian's defining property, the operation counts against hand counts, and the widget run
headless with every logit slider at its extremes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import itertools  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.softmax import (  # noqa: E402
    LOGIT_RANGE, backward_flops, draw_softmax, softmax_view, softmax_widget,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_view_worked_example():
    # source 001 prints softmax([0.3, 0.6]) = [0.4255, 0.5745]: e^0.3 / (e^0.3 + e^0.6)
    # = 1 / (1 + e^0.3) = 0.425557..., which rounds to 0.4256 (and 1 - s1 = 0.574443... to 0.5744):
    # the source's last digits are off by one in both entries
    s, J = softmax_view([0.3, 0.6])
    np.testing.assert_allclose(s, [0.425557, 0.574443], atol=5e-7)
    assert [round(v, 4) for v in s] == [0.4256, 0.5744]
    p = 0.42555748318834 * 0.57444251681166
    np.testing.assert_allclose(J, [[p, -p], [-p, p]], rtol=1e-10)


def test_view_jacobian_is_the_derivative():
    z = np.array([0.5, -1.0, 2.0, 0.0])
    _, J = softmax_view(z)
    h = 1e-6
    numeric = np.column_stack([(softmax_view(z + h * e)[0] - softmax_view(z - h * e)[0]) / (2 * h)
                               for e in np.eye(4)])
    np.testing.assert_allclose(J, numeric, atol=1e-9)


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 2.0]], [1.0, np.nan]])
def test_view_rejects_bad_logits(bad):
    with pytest.raises(ValueError, match="logit|finite"):
        softmax_view(bad)


@pytest.mark.parametrize("n, jac, vjp", [
    (1, 3, 3),     # J = s - s^2: 1 product + 1 subtraction; J^T g: 1 product; vjp: 1 + 0 + 1 + 1
    (2, 12, 7),    # build 4 + 2, product 4 + 2; vjp 2 + 1 + 2 + 2
    (3, 27, 11),   # build 9 + 3, product 9 + 6; vjp 3 + 2 + 3 + 3
    (10, 300, 39),
])
def test_backward_flops_hand_counts(n, jac, vjp):
    counts = backward_flops(n)
    assert counts["jacobian"] == jac
    assert counts["vjp"] == vjp
    assert counts["jacobian_floats"] == n * n


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "3"])
def test_backward_flops_rejects_bad_n(bad):
    with pytest.raises(ValueError, match="positive whole number"):
        backward_flops(bad)


def test_draw_softmax_annotates_every_entry():
    s, J = softmax_view([1.0, 0.0, -1.0])
    fig, axes = plt.subplots(1, 2)
    bars, image = draw_softmax(axes, s, J)
    np.testing.assert_allclose(image.get_array(), J)
    assert [t.get_text() for t in axes[1].texts] == [f"{v:.3f}" for v in J.ravel()]
    assert [b.get_height() for b in bars.bars] == pytest.approx(s)


def test_draw_softmax_rejects_mismatched_shapes():
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="shape"):
        draw_softmax(axes, np.ones(3) / 3, np.eye(2))


def test_widget_over_slider_extremes():
    w = softmax_widget()
    sliders = w.children[:3]
    for s in sliders:
        assert (s.min, s.max) == LOGIT_RANGE
    for values in itertools.product(LOGIT_RANGE, repeat=3):
        for slider, v in zip(sliders, values):
            slider.value = v
        s, J = w.result
        expect_s, expect_J = softmax_view(list(values))
        np.testing.assert_allclose(s, expect_s)
        np.testing.assert_allclose(J, expect_J)
        assert s.sum() == pytest.approx(1.0)
        np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)  # columns of J sum to 0
        plt.close("all")


def test_widget_rejects_a_single_logit():
    with pytest.raises(ValueError, match="at least 2"):
        softmax_widget(z=(1.0,))
