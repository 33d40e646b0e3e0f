"""nnlib.symbolic.residual: claimed - truth, reduced exactly."""

from __future__ import annotations

import nnlib.symbolic as sym
from nnlib.symbolic.residual import residual


def test_square_transpose_gives_a_residual():
    W = sym.symbol_matrix("w", 2, 2)
    r = residual(W.T, W)
    assert r[0, 1] == W[1, 0] - W[0, 1]
