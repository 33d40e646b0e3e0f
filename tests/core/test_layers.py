"""nnlib.layers: the affine map, its backward, and the three ways of writing the bias."""

import numpy as np
import pytest

from nnlib.gradcheck import check_grad
from nnlib.layers import (
    append_ones,
    fold_bias,
    linear_backward,
    linear_forward,
    repeated_bias,
    unfold_bias,
)


def _data(seed=0, N=4, n_in=3, n_out=2):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(N, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)


def test_single_neuron_example_from_source_001():
    # a = w^T x + b with x = [1, 2, 1], w = [1, 0, -1], b = 3:  1*1 + 0*2 - 1*1 + 3 = 3
    x = np.array([[1.0, 2.0, 1.0]])
    w = np.array([[1.0], [0.0], [-1.0]])
    assert linear_forward(x, w, np.array([3.0]))[0, 0] == 3.0


def test_linear_forward_index_form():
    X, W, b = _data()
    Z = linear_forward(X, W, b)
    for i in range(X.shape[0]):
        for j in range(W.shape[1]):
            assert Z[i, j] == pytest.approx(sum(X[i, k] * W[k, j] for k in range(X.shape[1])) + b[j])


def test_linear_backward_against_central_differences():
    # linear_backward is the vector-Jacobian product of Z = X W + b for each of X, W and b:
    # checked with every upstream basis vector dJ/dZ, i.e. the whole Jacobian
    X, W, b = _data(1)
    check_grad(lambda X_: linear_forward(X_, W, b), X,
               vjp=lambda G: linear_backward(G, X, W)[0], rtol=1e-7, atol=1e-9)
    check_grad(lambda W_: linear_forward(X, W_, b), W,
               vjp=lambda G: linear_backward(G, X, W)[1], rtol=1e-7, atol=1e-9)
    check_grad(lambda b_: linear_forward(X, W, b_), b,
               vjp=lambda G: linear_backward(G, X, W)[2], rtol=1e-7, atol=1e-9)


def test_first_layer_skips_input_gradient():
    X, W, b = _data()
    dX, dW, db = linear_backward(np.ones((4, 2)), X, W, need_dA=False)
    assert dX is None and dW.shape == W.shape and db.shape == b.shape


def test_three_ways_of_writing_the_bias_agree():
    X, W, b = _data(2, N=5)
    Z = linear_forward(X, W, b)
    np.testing.assert_allclose(X @ W + repeated_bias(b, 5), Z, atol=1e-15)
    np.testing.assert_allclose(append_ones(X) @ fold_bias(W, b), Z, atol=1e-15)


def test_folded_gradient_is_stacked_dW_db():
    X, W, b = _data(3)
    delta = np.random.default_rng(4).normal(size=(4, 2))
    _, dW, db = linear_backward(delta, X, W)
    np.testing.assert_allclose(append_ones(X).T @ delta, fold_bias(dW, db), atol=1e-14)


def test_fold_unfold_roundtrip_and_shapes():
    _, W, b = _data()
    Wt = fold_bias(W, b)
    assert Wt.shape == (4, 2)
    W2, b2 = unfold_bias(Wt)
    np.testing.assert_array_equal(W2, W)
    np.testing.assert_array_equal(b2, b)
    assert repeated_bias(b, 3).shape == (3, 2)
    assert append_ones(np.zeros((2, 3)))[:, -1].tolist() == [1.0, 1.0]


def test_fold_bias_shape_errors_name_the_shapes():
    with pytest.raises(ValueError, match=r"got W \(3, 2\) and b \(3,\)"):
        fold_bias(np.zeros((3, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="n_in \\+ 1"):
        unfold_bias(np.zeros(3))
