"""nnlib trains with the code that is checked: one fit epoch moves every parameter by exactly
what ``MLP.gradients`` says (or, when that epoch diverges, fit says so and restores every
parameter), over every hidden activation x output/loss pair, depths 0..4, L2,
momentum, mini-batches and dropout (hypothesis, 4 examples per pair: 220 in all); and one
``MLP.step`` moves the parameters by SymPy's gradients (nnlib.symbolic.crosscheck).

``gradients`` is what gradcheck and the SymPy cross-checks verify; ``fit`` and ``step`` are what
trains.  Both run ``forward_cache`` and ``backward``; these tests hold them to it."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nnlib import MLP, relative_error
from nnlib.symbolic.crosscheck import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_LOSS_PAIRS,
    RTOL,
    random_problem,
    symbolic_gradient_function,
)
from nnlib.training import DIVERGENCE_FACTOR

from conftest import flat_gradients, random_targets

EXACT = 1e-12



def fit_by_gradients(net, X, Y, lr, batch_size, momentum, l2, dropout, seed):
    """One epoch of ``fit`` written out with ``gradients``, ``dropout_masks`` and ``set_flat``:
    the shuffle and the masks drawn from ``default_rng(seed)`` in fit's documented order, the
    update ``v = momentum v - lr g, theta += v`` (``theta -= lr g`` without momentum), L2 over
    the N training samples.  Returns the epoch's loss (the mean pre-update batch loss)."""
    N = X.shape[0]
    B = N if batch_size is None else batch_size
    rng = np.random.default_rng(seed)
    order = rng.permutation(N) if B < N else np.arange(N)
    velocity = np.zeros(net.n_params)
    total = 0.0
    for first in range(0, N, B):
        idx = order[first:first + B]
        masks = net.dropout_masks(len(idx), dropout, rng) if dropout else None
        total += net.loss(X[idx], Y[idx], l2=l2, n_train=N, masks=masks) * len(idx)
        g = flat_gradients(*net.gradients(X[idx], Y[idx], l2=l2, n_train=N, masks=masks))
        if momentum:
            velocity = momentum * velocity - lr * g
            net.set_flat(net.get_flat() + velocity)
        else:
            net.set_flat(net.get_flat() - lr * g)
    return total / N


@pytest.mark.parametrize("out,loss", OUTPUT_LOSS_PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@settings(max_examples=4, deadline=None)
@given(depth=st.integers(0, 4), widths=st.lists(st.integers(1, 4), min_size=4, max_size=4),
       n_in=st.integers(1, 3), N=st.integers(2, 9), l2=st.sampled_from([0.0, 0.3]),
       momentum=st.sampled_from([0.0, 0.7]), batch=st.integers(1, 9),
       full=st.booleans(), dropout=st.sampled_from([0.0, 0.4]), seed=st.integers(0, 2**16))
# two runs that diverge in their one epoch (found by hypothesis on deep identity networks)
@example(depth=3, widths=[2, 2, 3, 1], n_in=1, N=6, l2=0.0, momentum=0.0, batch=1, full=False,
         dropout=0.0, seed=207)
@example(depth=2, widths=[2, 1, 1, 1], n_in=2, N=6, l2=0.0, momentum=0.0, batch=1, full=False,
         dropout=0.4, seed=207)
def test_one_fit_epoch_moves_the_parameters_by_what_gradients_says(
        hidden, out, loss, depth, widths, n_in, N, l2, momentum, batch, full, dropout, seed):
    K = max(2, widths[0]) if out == "softmax" else widths[0]
    sizes = [n_in, *widths[:depth], K]
    net = MLP(sizes, activations=[hidden] * depth + [out], loss=loss, seed=seed)
    rng = np.random.default_rng(seed + 1)
    for b in net.biases:
        b[...] = rng.normal(0, 0.5, size=b.shape)
    X = rng.normal(size=(N, n_in))
    Y = random_targets(loss, rng, N, K)
    batch_size = None if full else min(batch, N)
    dropout = dropout if depth else 0.0
    start = net.get_flat()
    by_gradients = net.copy()
    hist = net.fit(X, Y, lr=0.1, epochs=1, batch_size=batch_size, momentum=momentum, l2=l2,
                   dropout=dropout, seed=seed)
    # fit's divergence rule, applied to the epoch written out: J0 is the untrained network's
    # loss on the whole training set (with one full batch and no dropout, the epoch's own loss)
    one_batch = batch_size is None or batch_size >= N
    J0 = None if one_batch and not dropout else by_gradients.loss(X, Y, l2=l2, n_train=N)
    try:
        expected_loss = fit_by_gradients(by_gradients, X, Y, 0.1, batch_size, momentum, l2,
                                         dropout, seed)
    except ValueError as overflow:  # a batch loss overflowed float64
        assert "not finite" in str(overflow)
        expected_loss = np.inf
    J0 = expected_loss if J0 is None else J0
    finite = np.isfinite(expected_loss) and np.isfinite(by_gradients.get_flat()).all()
    if not finite or expected_loss > DIVERGENCE_FACTOR * max(J0, 1.0):
        # then fit must say so and leave every parameter as it was
        assert hist.diverged and hist.diverged_epoch == 0 and len(hist) == 0
        np.testing.assert_array_equal(net.get_flat(), start)
        return
    assert not hist.diverged
    moved, expected = net.get_flat() - start, by_gradients.get_flat() - start
    # (all zeros only where a ReLU output is dead for every sample: then both must be zero)
    np.testing.assert_allclose(moved, expected, rtol=EXACT, atol=EXACT * np.abs(expected).max())
    assert hist[0] == pytest.approx(expected_loss, rel=EXACT)


@pytest.mark.parametrize("out,loss", [("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy"),
                                      ("identity", "mse"), ("sigmoid", "cross_entropy")])
@pytest.mark.parametrize("hidden", ["tanh", "relu"])
def test_one_step_moves_the_parameters_by_sympys_gradients(hidden, out, loss):
    # the SymPy cross-check on the training path itself: step's displacement / -lr is SymPy's
    # gradient of J = mean loss + l2/(2N) sum W^2, lambdified (nnlib.symbolic.crosscheck)
    sizes = (2, 3, 2)
    net = MLP(list(sizes), activations=[hidden, out], loss=loss, seed=3)
    X, Y = random_problem(net, N=3, seed=5)
    lr, l2 = 0.2, 0.4
    f = symbolic_gradient_function(sizes, (hidden, out), loss, 3, l2=True)
    sym = flat_gradients(*f(X, Y, net.weights, net.biases, l2))
    start = net.get_flat()
    net.step(X, Y, lr, l2=l2)
    moved = (net.get_flat() - start) / -lr
    assert relative_error(moved, sym) < RTOL
    assert np.abs(sym).max() > 1e-3
