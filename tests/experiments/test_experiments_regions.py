"""Tests for nnlib.experiments.regions: the one grid of every decision-region figure (order,
extent, bad input) and the class scores read from network outputs."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.experiments.regions import decision_grid, scores


def test_decision_grid_shape_order_and_extent():
    X = np.array([[0.0, -1.0], [2.0, 3.0]])
    G, extent = decision_grid(X, resolution=5, margin=0.5)
    assert G.shape == (25, 2)
    assert extent == (-0.5, 2.5, -1.5, 3.5)
    np.testing.assert_allclose(G[0], [-0.5, -1.5])   # lower left first
    np.testing.assert_allclose(G[4], [2.5, -1.5])    # then along x
    np.testing.assert_allclose(G[5], [-0.5, -0.25])  # next row up: y steps by 5 / 4
    np.testing.assert_allclose(G[-1], [2.5, 3.5])


def test_decision_grid_reshapes_to_meshgrid():
    # the static figure (contourf) reshapes the columns; they must be np.meshgrid's arrays
    X = np.array([[1.0, 0.0], [-1.0, 2.0], [0.5, 1.0]])
    G, (x0, x1, y0, y1) = decision_grid(X, resolution=7, margin=0.3)
    xx, yy = np.meshgrid(np.linspace(-1.3, 1.3, 7), np.linspace(-0.3, 2.3, 7))
    np.testing.assert_allclose(G[:, 0].reshape(7, 7), xx)
    np.testing.assert_allclose(G[:, 1].reshape(7, 7), yy)
    np.testing.assert_allclose([x0, x1, y0, y1], [-1.3, 1.3, -0.3, 2.3])


def test_decision_grid_defaults_are_the_widgets():
    # 40 points per side and a margin of 0.25: the playground and the page's twin use these
    G, extent = decision_grid(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert G.shape == (1600, 2)
    np.testing.assert_allclose(extent, (-0.25, 1.25, -0.25, 1.25))


@pytest.mark.parametrize("X, kwargs, match", [
    (np.zeros((4, 3)), {}, r"shape \(N, 2\)"),
    (np.zeros((0, 2)), {}, r"shape \(N, 2\)"),
    (np.zeros(4), {}, "2 dimensions"),
    (np.array([[0.0, np.nan]]), {}, "NaN"),
    (np.zeros((2, 2)), {"resolution": 0}, "resolution"),
    (np.zeros((2, 2)), {"resolution": 2.5}, "resolution"),
    (np.zeros((2, 2)), {"margin": -0.1}, "margin"),
])
def test_decision_grid_rejects_bad_input(X, kwargs, match):
    with pytest.raises(ValueError, match=match):
        decision_grid(X, **kwargs)


def test_scores_from_one_sigmoid_column():
    S = scores(np.array([[0.2], [1.3], [np.nan], [-0.1]]), 2)
    np.testing.assert_allclose(S, [[0.8, 0.2], [0.0, 1.0], [0.5, 0.5], [1.0, 0.0]])


def test_scores_from_class_columns():
    A = np.array([[1.0, 1.0, 2.0], [0.0, 0.0, 0.0], [-1.0, 3.0, np.nan]])
    S = scores(A, 3)
    assert S.shape == (3, 3)
    np.testing.assert_allclose(S.sum(axis=1), 1.0)
    np.testing.assert_allclose(S[0], [0.25, 0.25, 0.5])
    np.testing.assert_allclose(S[1], [1 / 3] * 3)     # nothing to go on: a tie
    np.testing.assert_allclose(S[2], [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="1 or 3 columns"):
        scores(np.ones((4, 2)), 3)
