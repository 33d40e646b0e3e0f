"""nnlib.datasets: shapes, labels, reproducibility, geometry, one-hot and splitting."""

import numpy as np
import pytest

from nnlib import datasets as ds


@pytest.mark.parametrize("name", sorted(ds.DATASETS))
def test_shapes_labels_and_seeds(name):
    X, y = ds.make(name, n=120, noise=0.1, seed=3)
    assert X.shape == (120, 2) and y.shape == (120,)
    assert np.issubdtype(y.dtype, np.integer) and y.min() == 0
    X2, y2 = ds.make(name, n=120, noise=0.1, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = ds.make(name, n=120, noise=0.1, seed=4)
    assert not np.allclose(X, X3)
    assert np.all(np.isfinite(X))


def test_xor_default_is_the_four_corners():
    X, y = ds.xor()
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and y.tolist() == [0, 1, 1, 0]


def test_xor_sampled_labels_follow_quadrants():
    X, y = ds.xor(n=200, noise=0.0, seed=1)
    np.testing.assert_array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(int))


def test_circles_radii_without_noise():
    X, y = ds.circles(n=100, noise=0.0, factor=0.3)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.3)


@pytest.mark.parametrize("k", [2, 3, 4])
def test_blobs_and_spirals_have_k_balanced_classes(k):
    for maker in (ds.blobs, ds.spirals):
        _, y = maker(n=40 * k, classes=k, seed=0)
        assert np.bincount(y).tolist() == [40] * k


def test_moons_are_balanced():
    _, y = ds.moons(n=101)
    assert np.bincount(y).tolist() == [50, 51]


def test_one_hot():
    Y = ds.one_hot(np.array([2, 0, 1]))
    np.testing.assert_array_equal(Y, [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert ds.one_hot(np.array([0, 0]), 3).shape == (2, 3)


@pytest.mark.parametrize("labels,k,match", [
    (np.array([[0, 1]]), None, "1-D"),
    (np.array([0, -1]), None, ">= 0"),
    (np.array([0, 3]), 2, "does not fit"),
    (np.array([0.5, 1.0]), None, "integer"),
])
def test_one_hot_errors(labels, k, match):
    with pytest.raises(ValueError, match=match):
        ds.one_hot(labels, k)


def test_train_test_split_is_a_partition():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)
    Xtr, Xte, ytr, yte = ds.train_test_split(X, y, test_fraction=0.3, seed=0)
    assert len(yte) == 3 and len(ytr) == 7
    assert sorted(np.r_[ytr, yte].tolist()) == list(range(10))
    np.testing.assert_array_equal(Xtr[:, 0] / 2, ytr)


@pytest.mark.parametrize("call,match", [
    (lambda: ds.make("swirl"), "unknown data set 'swirl'; valid names are: blobs, circles, moons, spirals, xor"),
    (lambda: ds.moons(n=0), "n must be >= 2; got 0"),
    (lambda: ds.moons(n=2.5), "n must be a whole number"),
    (lambda: ds.moons(noise=float("nan")), "noise must be a finite number"),
    (lambda: ds.moons(seed=-1), "seed must be >= 0"),
    (lambda: ds.train_test_split(np.zeros((4, 2), dtype=complex), np.arange(4)), "complex numbers"),
    (lambda: ds.moons(noise=-1.0), "noise"),
    (lambda: ds.circles(factor=1.5), "factor"),
    (lambda: ds.blobs(classes=1), "classes"),
    (lambda: ds.train_test_split(np.zeros((3, 2)), np.zeros(4)), "same number of rows"),
    (lambda: ds.train_test_split(np.zeros((3, 2)), np.zeros(3), test_fraction=1.0), "test_fraction"),
])
def test_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
