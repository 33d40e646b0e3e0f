"""Tests for nnlib.experiments.softmax: the view against the worked example of source 001 and the
Jacobian's defining property, the operation counts against hand counts."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.experiments.softmax import backward_flops, softmax_view
from nnlib.gradcheck import check_grad


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
    check_grad(lambda z: softmax_view(z)[0], np.array([0.5, -1.0, 2.0, 0.0]),
               df=lambda z: softmax_view(z)[1], rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 2.0]], [1.0, np.nan]])
def test_view_rejects_bad_logits(bad):
    with pytest.raises(ValueError, match="logit|finite|dimension"):
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
    with pytest.raises(ValueError, match="n .the number of classes. must be"):
        backward_flops(bad)
