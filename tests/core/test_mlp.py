"""nnlib.mlp: the interface, backprop against central differences for every activation x loss
pair and random architectures, training (XOR, moons), momentum, L2, dropout, divergence, and
every bad-input error."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib import MLP, gradcheck, one_hot
from nnlib.activations import ACTIVATIONS
from nnlib.datasets import moons, xor
from nnlib.gradcheck import RTOL
from nnlib.losses import FUSED, LOSSES

from conftest import random_targets

PAIRS = [(a, l) for l, loss in LOSSES.items() for a in ACTIVATIONS
         if not loss.outputs or a in loss.outputs]
HIDDEN = [name for name, a in ACTIVATIONS.items() if a.elementwise]



def _random_biases(net, rng):
    # nnlib starts biases at 0; with a dead ReLU layer that would put the next layer's
    # pre-activation exactly on ReLU's kink, where no derivative exists to check
    for b in net.biases:
        b[...] = rng.normal(0, 0.5, size=b.shape)


def _net_and_data(out="softmax", loss="cross_entropy", hidden="tanh", sizes=(3, 4, 3), N=5, seed=0):
    net = MLP(list(sizes), activations=[hidden] * (len(sizes) - 2) + [out], loss=loss, seed=seed)
    rng = np.random.default_rng(seed + 100)
    _random_biases(net, rng)
    X = rng.normal(size=(N, sizes[0]))
    return net, X, random_targets(loss, rng, N, sizes[-1])


# --- interface --------------------------------------------------------------------------
def test_interface_shapes_of_the_2_3_2_network():
    net = MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    assert [W.shape for W in net.weights] == [(2, 3), (3, 2)]
    assert [b.shape for b in net.biases] == [(3,), (2,)]
    X = np.array([[0.5, -1.0], [2.0, 0.1]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert net.forward(X).shape == (2, 2)
    assert isinstance(net.loss(X, Y), float)
    dWs, dbs = net.gradients(X, Y)
    assert [d.shape for d in dWs] == [(2, 3), (3, 2)] and [d.shape for d in dbs] == [(3,), (2,)]
    assert net.predict(X).shape == (2,)


def test_forward_by_hand_for_the_2_3_2_network():
    # Z1 = X W1 + b1, A1 = tanh Z1, Z2 = A1 W2 + b2, yhat = softmax(Z2): written out with loops
    net = MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=3)
    X = np.array([[0.2, -0.4], [1.0, 0.5]])
    W1, b1, W2, b2 = net.weights[0], net.biases[0] + 0.1, net.weights[1], net.biases[1] - 0.2
    net.biases[0][:] = b1
    net.biases[1][:] = b2
    out = net.forward(X)
    for i in range(2):
        a1 = [math.tanh(X[i, 0] * W1[0, j] + X[i, 1] * W1[1, j] + b1[j]) for j in range(3)]
        z2 = [sum(a1[k] * W2[k, j] for k in range(3)) + b2[j] for j in range(2)]
        e = [math.exp(z) for z in z2]
        for j in range(2):
            assert out[i, j] == pytest.approx(e[j] / sum(e), abs=1e-15)


def test_weights_are_assignable_in_place_and_checked():
    net = MLP([2, 3, 1], loss="mse", seed=0)
    X = np.ones((1, 2))
    net.weights[0][...] = 0.0
    net.biases[0][...] = 0.0
    net.weights[1] = np.full((3, 1), 2.0)
    net.biases[1] = np.array([0.25])
    assert net.forward(X)[0, 0] == 0.25
    net.weights[1] = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(3, 1\); got \(1, 3\)"):
        net.forward(X)


def test_tanh_bias_that_gives_one_half_at_zero_source_000():
    # tanh(w*0 + b) = 0.5 needs b = artanh(0.5) = 0.5493061...; source 000 says b ~ 0.549
    net = MLP([1, 1], activations=["tanh"], loss="mse", seed=0)
    net.biases[0][:] = math.atanh(0.5)
    assert net.biases[0][0] == pytest.approx(0.5493061, abs=1e-7)
    for w in (-3.0, 0.0, 7.0):
        net.weights[0][:] = w
        assert net.forward(np.zeros((1, 1)))[0, 0] == pytest.approx(0.5, abs=1e-15)


def test_single_neuron_example_source_001():
    net = MLP([3, 1], activations=["identity"], loss="mse")
    net.weights[0][:, 0] = [1.0, 0.0, -1.0]
    net.biases[0][:] = 3.0
    assert net.forward(np.array([[1.0, 2.0, 1.0]]))[0, 0] == 3.0


def test_default_activations_follow_the_loss():
    assert [a.name for a in MLP([2, 3, 3, 2], loss="cross_entropy").activations] == ["tanh", "tanh", "softmax"]
    assert [a.name for a in MLP([2, 3, 1], "relu", loss="binary_cross_entropy").activations] == ["relu", "sigmoid"]
    assert [a.name for a in MLP([2, 1], loss="mse").activations] == ["identity"]


# --- gradients --------------------------------------------------------------------------
@pytest.mark.parametrize("out,loss", PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_gradcheck_every_output_loss_pair(out, loss, hidden):
    net, X, Y = _net_and_data(out, loss, hidden, seed=len(out) + len(hidden))
    assert gradcheck(net, X, Y) < RTOL
    assert gradcheck(net, X, Y, l2=0.7) < RTOL


@pytest.mark.parametrize("out,loss", sorted(FUSED))
def test_fused_shortcut_equals_general_path(out, loss):
    net, X, Y = _net_and_data(out, loss)
    fast = net.gradients(X, Y)
    slow = net.gradients(X, Y, fused=False)
    for a, b in zip(fast[0] + fast[1], slow[0] + slow[1]):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-14)


@settings(max_examples=100, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 4), min_size=0, max_size=3),
    n_in=st.integers(1, 3),
    pair=st.sampled_from(PAIRS),
    hidden_act=st.sampled_from(HIDDEN),
    n_out=st.integers(1, 3),
    N=st.integers(1, 4),
    l2=st.sampled_from([0.0, 0.5]),
    seed=st.integers(0, 10_000),
)
def test_gradcheck_random_architectures(hidden, n_in, pair, hidden_act, n_out, N, l2, seed):
    out, loss = pair
    if out == "softmax":
        n_out = max(n_out, 2)  # a one-unit softmax is rejected (test_softmax_needs_two_units)
    sizes = [n_in] + hidden + [n_out]
    net = MLP(sizes, activations=[hidden_act] * len(hidden) + [out], loss=loss, seed=seed)
    rng = np.random.default_rng(seed)
    _random_biases(net, rng)
    X = rng.normal(size=(N, n_in))
    Y = random_targets(loss, rng, N, n_out)
    assert gradcheck(net, X, Y, l2=l2) < RTOL


def test_l2_term_and_its_gradient_by_hand():
    # J = data + lambda/(2N) sum W^2 (biases excluded); dJ/dW gains lambda/N W, db unchanged
    net, X, Y = _net_and_data(N=4)
    lam = 0.3
    plain = net.loss(X, Y)
    sq = sum(float(np.sum(W ** 2)) for W in net.weights)
    assert net.loss(X, Y, l2=lam) == pytest.approx(plain + lam / (2 * 4) * sq, rel=1e-14)
    g0, g1 = net.gradients(X, Y), net.gradients(X, Y, l2=lam)
    for W, a, b in zip(net.weights, g0[0], g1[0]):
        np.testing.assert_allclose(b, a + lam / 4 * W, rtol=1e-13)
    for a, b in zip(g0[1], g1[1]):
        np.testing.assert_array_equal(a, b)


def test_dropout_backward_passes_gradcheck():
    net, X, Y = _net_and_data(sizes=(3, 6, 5, 3), N=6)
    assert gradcheck(net, X, Y, dropout=0.4, seed=1) < RTOL


def test_inverted_dropout_keeps_expected_activation():
    net = MLP([2, 500, 1], loss="mse")
    masks = net.dropout_masks(400, 0.3, np.random.default_rng(0))
    assert len(masks) == 1 and masks[0].shape == (400, 500)
    assert set(np.unique(masks[0]).round(6)) == {0.0, round(1 / 0.7, 6)}
    assert masks[0].mean() == pytest.approx(1.0, abs=0.01)


# --- training ---------------------------------------------------------------------------
def test_xor_2_4_1_sigmoid_reaches_full_accuracy():
    X, y = xor()
    net = MLP([2, 4, 1], activations=["sigmoid", "sigmoid"], loss="binary_cross_entropy", seed=0)
    hist = net.fit(X, y.reshape(-1, 1), lr=2.0, epochs=3000)
    assert not hist.diverged and len(hist) == 3000
    assert net.accuracy(X, y) == 1.0
    assert hist[-1] < 0.05 < hist[0]


def test_moons_2_3_2_tanh_softmax_reaches_95_percent():
    X, y = moons(200, noise=0.1, seed=0)
    net = MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    hist = net.fit(X, one_hot(y, 2), lr=0.5, epochs=2000)
    assert net.accuracy(X, y) >= 0.95
    assert hist[-1] < hist[0]


def test_minibatch_and_momentum_and_dropout_train():
    X, y = moons(200, noise=0.1, seed=1)
    Y = one_hot(y, 2)
    net = MLP([2, 16, 2], activations=["relu", "softmax"], loss="cross_entropy", seed=1)
    hist = net.fit(X, Y, lr=0.05, epochs=60, batch_size=16, momentum=0.9, l2=1e-3, dropout=0.1, seed=2)
    assert not hist.diverged
    assert hist[-1] < 0.5 * hist[0]
    assert net.accuracy(X, y) > 0.9


def test_momentum_is_classical_velocity():
    # v1 = -lr g(theta0); theta1 = theta0 + v1; v2 = mu v1 - lr g(theta1); theta2 = theta1 + v2
    net, X, Y = _net_and_data(N=5)
    ref = net.copy()
    lr, mu = 0.1, 0.8
    net.fit(X, Y, lr=lr, epochs=2, momentum=mu)
    g0 = ref.gradients(X, Y)
    v = [-lr * d for d in g0[0]]
    vb = [-lr * d for d in g0[1]]
    for l in range(2):
        ref.weights[l] += v[l]
        ref.biases[l] += vb[l]
    g1 = ref.gradients(X, Y)
    for l in range(2):
        ref.weights[l] += mu * v[l] - lr * g1[0][l]
        ref.biases[l] += mu * vb[l] - lr * g1[1][l]
    for a, b in zip(net.weights + net.biases, ref.weights + ref.biases):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_history_is_the_mean_pre_update_batch_loss():
    net, X, Y = _net_and_data(N=6)
    first = net.loss(X, Y)
    hist = net.fit(X, Y, lr=0.1, epochs=3)
    assert hist[0] == pytest.approx(first, rel=1e-14)
    assert len(hist) == 3 and hist.message.startswith("trained 3 epochs")


def test_callback_sees_every_epoch_and_can_stop():
    net, X, Y = _net_and_data()
    seen = []

    def cb(epoch, loss, model):
        seen.append((epoch, loss))
        return epoch == 4

    hist = net.fit(X, Y, epochs=50, callback=cb)
    assert [e for e, _ in seen] == [0, 1, 2, 3, 4] and len(hist) == 5


def test_divergence_is_reported_and_weights_stay_finite():
    X, y = moons(100, noise=0.1, seed=0)
    net = MLP([2, 8, 1], activations=["tanh", "identity"], loss="mse", seed=0)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # no floating-point warnings escape fit
        hist = net.fit(X, y.reshape(-1, 1).astype(float), lr=50.0, epochs=100)
    assert hist.diverged
    assert hist.diverged_epoch is not None and hist.diverged_epoch < 100
    assert len(hist) == hist.diverged_epoch
    assert "diverged" in hist.message and "learning rate" in hist.message
    assert all(np.isfinite(W).all() for W in net.weights + net.biases)
    assert all(math.isfinite(v) for v in hist)


def test_training_with_huge_logits_stays_finite():
    X = np.array([[1.0, -1.0], [-1.0, 1.0]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    net = MLP([2, 2], activations=["softmax"], loss="cross_entropy")
    net.weights[0][...] = [[5e3, -5e3], [-5e3, 5e3]]  # logits of size 1e4, wrong way round
    net.weights[0] *= -1
    loss = net.loss(X, Y)
    assert math.isfinite(loss) and loss == pytest.approx(2e4)
    dW, db = net.gradients(X, Y)
    assert all(np.isfinite(d).all() for d in dW + db)


def test_divergence_restores_the_parameters_of_the_diverging_epochs_start():
    X, y = moons(100, noise=0.1, seed=0)
    Y = y.reshape(-1, 1).astype(float)
    net = MLP([2, 8, 1], activations=["tanh", "identity"], loss="mse", seed=0)
    ends = [[p.copy() for p in net.weights + net.biases]]  # ends[e] = start of epoch e
    hist = net.fit(X, Y, lr=50.0, epochs=100,
                   callback=lambda e, loss, m: ends.append([p.copy() for p in m.weights + m.biases]))
    assert hist.diverged
    for a, b in zip(net.weights + net.biases, ends[hist.diverged_epoch]):
        np.testing.assert_array_equal(a, b)



def test_divergence_after_a_callback_restores_what_the_callback_left():
    # a callback may change the parameters; the epoch after it starts from what it left
    X, y = moons(100, noise=0.1, seed=0)
    Y = y.reshape(-1, 1).astype(float)
    net = MLP([2, 8, 1], activations=["tanh", "identity"], loss="mse", seed=0)
    left = []

    def blow_up_after_epoch_2(epoch, loss, model):
        if epoch == 2:
            model.weights[1] *= 1e90  # the next epoch's loss is far above the limit
            left.extend(p.copy() for p in model.weights + model.biases)

    hist = net.fit(X, Y, lr=0.01, epochs=10, callback=blow_up_after_epoch_2)
    assert hist.diverged and hist.diverged_epoch == 3 and len(hist) == 3
    for a, b in zip(net.weights + net.biases, left):
        np.testing.assert_array_equal(a, b)


def test_a_finished_run_reports_its_final_loss():
    net, X, Y = _net_and_data(N=6)
    hist = net.fit(X, Y, lr=0.1, epochs=2)
    assert hist.message == f"trained 2 epochs; final loss {hist[-1]:.4g}"
    assert net.fit(X, Y, epochs=0).message == "no epochs run"

# --- L2 in the book's convention: lambda / (2N), N the training-set size ----------------------
@pytest.mark.parametrize("batch_size", [1, 5, 12])
def test_l2_is_lambda_over_the_training_set_on_every_mini_batch(batch_size):
    # with X = 0 the data give W no gradient, so each update only shrinks W, by the factor
    # 1 - lr * l2 / N with N = 12 the training-set size, whatever the batch size (with the
    # batch's own size in place of N, batches of 1 would shrink W twelve times as fast)
    N, lr, lam, epochs = 12, 0.5, 0.3, 3
    rng = np.random.default_rng(3)
    net = MLP([2, 3], activations=["sigmoid"], loss="binary_cross_entropy", seed=1)
    W0 = net.weights[0].copy()
    hist = net.fit(np.zeros((N, 2)), rng.uniform(size=(N, 3)), lr=lr, epochs=epochs,
                   batch_size=batch_size, l2=lam, seed=4)
    updates = epochs * -(-N // batch_size)
    assert not hist.diverged
    np.testing.assert_allclose(net.weights[0], W0 * (1 - lr * lam / N) ** updates, rtol=1e-13)


def test_mini_batch_gradients_average_to_the_full_batch_gradient_with_n_train():
    # J = mean loss + l2/(2N) sum W^2; each batch's gradient (n_train = N), weighted by B/N,
    # sums to the full gradient: the batches estimate the one objective
    net, X, Y = _net_and_data(out="sigmoid", loss="binary_cross_entropy", sizes=(3, 4, 2), N=12)
    lam = 0.7
    full_W, full_b = net.gradients(X, Y, l2=lam)
    sum_W = [np.zeros_like(W) for W in net.weights]
    sum_b = [np.zeros_like(b) for b in net.biases]
    for first in range(0, 12, 4):
        dWs, dbs = net.gradients(X[first:first + 4], Y[first:first + 4], l2=lam, n_train=12)
        for acc, d in zip(sum_W + sum_b, dWs + dbs):
            acc += 4 / 12 * d
    for a, b in zip(sum_W + sum_b, full_W + full_b):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
    batch_loss = net.loss(X[:4], Y[:4], l2=lam, n_train=12)
    sq = sum(float(np.sum(W * W)) for W in net.weights)
    assert batch_loss == pytest.approx(net.loss(X[:4], Y[:4]) + lam / 24 * sq, rel=1e-14)


# --- divergence: judged against the untrained network's loss on the whole training set ---------
def _three_class_problem(N=40, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(N, 3)), one_hot(rng.integers(0, 3, N), 3)


def test_a_mini_batch_run_that_blows_up_is_reported():
    # the reference is the fresh network's loss on all N samples, not the first epoch's mean
    # (which already contains the blow-up)
    X, Y = _three_class_problem()
    net = MLP([3, 8, 3], loss="cross_entropy", seed=0)
    fresh = net.copy()
    start = net.get_flat()
    hist = net.fit(X, Y, lr=1e6, epochs=50, batch_size=4)
    assert hist.diverged and hist.diverged_epoch == 0 and len(hist) == 0
    assert hist.reference_loss == fresh.loss(X, Y)
    assert "diverged in epoch 0" in hist.message
    np.testing.assert_array_equal(net.get_flat(), start)


@pytest.mark.parametrize("batch_size,dropout,momentum", [(None, 0.0, 0.0), (4, 0.0, 0.9),
                                                         (1, 0.2, 0.0)])
def test_runs_that_learn_are_not_called_diverged(batch_size, dropout, momentum):
    X, y = moons(120, noise=0.1, seed=1)
    Y = one_hot(y, 2)
    net = MLP([2, 8, 2], loss="cross_entropy", seed=0)
    fresh = net.copy()
    hist = net.fit(X, Y, lr=0.3, epochs=60, batch_size=batch_size, dropout=dropout,
                   momentum=momentum, l2=0.01)
    assert not hist.diverged and len(hist) == 60 and hist[-1] < 0.5 * hist[0]
    assert hist.reference_loss == fresh.loss(X, Y, l2=0.01)


def test_the_reference_is_the_full_batch_loss_before_any_update():
    # full batch without dropout: epoch 0's loss is the untrained network's loss
    X, Y = _three_class_problem()
    net = MLP([3, 5, 3], loss="cross_entropy", seed=2)
    fresh = net.copy()
    hist = net.fit(X, Y, lr=0.1, epochs=3, l2=0.5)
    assert hist.reference_loss == hist[0] == fresh.loss(X, Y, l2=0.5)


def test_a_run_continued_in_pieces_diverges_where_one_call_does():
    # each epoch multiplies this loss by about 40: one fit call stops it at a thousandfold of the
    # fresh loss; calls of one epoch each, passing the first call's reference, stop at the same
    # epoch (comparing with its own start, each call would see only a fortyfold rise)
    X, y = moons(100, noise=0.1, seed=0)
    Y = y.reshape(-1, 1).astype(float)
    net = MLP([2, 1], activations=["identity"], loss="mse", seed=0)
    pieces = net.copy()
    whole = net.fit(X, Y, lr=10.0, epochs=50)
    assert whole.diverged and whole.diverged_epoch >= 2
    ref, done = None, 0
    while True:
        hist = pieces.fit(X, Y, lr=10.0, epochs=1, reference_loss=ref)
        ref = hist.reference_loss if ref is None else ref
        if hist.diverged:
            break
        done += 1
    assert done == whole.diverged_epoch
    np.testing.assert_array_equal(pieces.get_flat(), net.get_flat())
    alone = MLP([2, 1], activations=["identity"], loss="mse", seed=0)
    alone.fit(X, Y, lr=10.0, epochs=whole.diverged_epoch - 1)
    assert not alone.fit(X, Y, lr=10.0, epochs=1).diverged  # its own start: no thousandfold


def test_a_learning_rate_of_10_on_the_classifier_chapters_recipe():
    # the "A real classifier" chapter: 2-3-2 tanh/softmax, cross-entropy, full batch.  At lr = 10
    # the loss jumps to about 9 (from 0.68) and comes back: the run learns and is not called
    # diverged; identity + squared error at the same rate blows up within a few epochs
    from nnlib import datasets
    X, y = datasets.moons(n=300, noise=0.2, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, 0.3, seed=0)
    net = MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    hist = net.fit(X_train, one_hot(y_train, 2), lr=10.0, epochs=2000)
    assert not hist.diverged and max(hist) > 5 and hist[-1] < 0.05
    assert net.accuracy(X_test, one_hot(y_test, 2)) > 0.95
    mse = MLP([2, 3, 1], activations=["tanh", "identity"], loss="mse", seed=0)
    hist = mse.fit(X_train, y_train.reshape(-1, 1).astype(float), lr=10.0, epochs=2000)
    assert hist.diverged and hist.diverged_epoch < 10


# --- MLP.step: one update without fit's bookkeeping -----------------------------------------
def _minibatch_run(net, X, Y, lr, epochs, batch_size, momentum, l2, seed):
    # fit's mini-batch loop written out with step (no dropout): same shuffles, same updates
    rng = np.random.default_rng(seed)
    net.reset_velocity()
    losses = []
    for _ in range(epochs):
        order = rng.permutation(X.shape[0])
        total = 0.0
        for start in range(0, X.shape[0], batch_size):
            idx = order[start:start + batch_size]
            total += net.step(X[idx], Y[idx], lr, l2=l2, momentum=momentum,
                              n_train=X.shape[0]) * len(idx)
        losses.append(total / X.shape[0])
    return losses


@pytest.mark.parametrize("out,loss", [("softmax", "cross_entropy"),
                                      ("sigmoid", "binary_cross_entropy"), ("identity", "mse"),
                                      ("sigmoid", "cross_entropy")])
@pytest.mark.parametrize("momentum,l2", [(0.0, 0.0), (0.7, 0.0), (0.5, 0.2)])
def test_step_is_one_batch_of_fit_bit_for_bit(out, loss, momentum, l2):
    net, X, Y = _net_and_data(out=out, loss=loss, hidden="relu", sizes=(3, 5, 4, 3), N=23)
    by_step = net.copy()
    hist = net.fit(X, Y, lr=0.2, epochs=4, batch_size=5, momentum=momentum, l2=l2, seed=7)
    losses = _minibatch_run(by_step, X, Y, 0.2, 4, 5, momentum, l2, seed=7)
    assert list(hist) == losses
    for a, b in zip(net.weights + net.biases, by_step.weights + by_step.biases):
        np.testing.assert_array_equal(a, b)


def test_step_returns_the_loss_before_its_update_and_follows_the_gradient():
    net, X, Y = _net_and_data(N=8)
    ref = net.copy()
    before = ref.loss(X, Y, l2=0.1)
    dWs, dbs = ref.gradients(X, Y, l2=0.1)
    assert net.step(X, Y, 0.3, l2=0.1) == pytest.approx(before, rel=1e-14)
    for l in range(2):
        np.testing.assert_allclose(net.weights[l], ref.weights[l] - 0.3 * dWs[l], rtol=1e-14)
        np.testing.assert_allclose(net.biases[l], ref.biases[l] - 0.3 * dbs[l], rtol=1e-14)
    assert net.loss(X, Y) < ref.loss(X, Y)


def test_step_keeps_the_velocity_between_calls():
    # two momentum steps = fit(epochs=2, momentum) on the full batch; reset_velocity restarts
    net, X, Y = _net_and_data(N=5)
    stepped, restarted = net.copy(), net.copy()
    net.fit(X, Y, lr=0.1, epochs=2, momentum=0.8)
    stepped.step(X, Y, 0.1, momentum=0.8)
    stepped.step(X, Y, 0.1, momentum=0.8)
    restarted.step(X, Y, 0.1, momentum=0.8)
    restarted.reset_velocity()
    restarted.step(X, Y, 0.1, momentum=0.8)
    for a, b in zip(net.weights + net.biases, stepped.weights + stepped.biases):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(restarted.weights[0], stepped.weights[0])


def test_step_checks_its_arguments():
    net = _net232()
    with pytest.raises(ValueError, match="one-hot rows or probability rows summing to 1"):
        net.step(GOOD_X, np.tile([1.0, 1.0], (4, 1)), 0.1)
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\)"):
        net.step(np.zeros((4, 3)), GOOD_Y, 0.1)
    with pytest.raises(ValueError, match="lr must be > 0"):
        net.step(GOOD_X, GOOD_Y, 0.0)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        net.step(GOOD_X, GOOD_Y, 0.1, momentum=1.0)
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        net.step(GOOD_X, GOOD_Y, 0.1, l2=-1.0)


def test_fit_takes_lists_ints_and_huge_finite_values():
    # fit checks float64 arrays by one sum of squares each; other inputs, and sums that
    # overflow, take the full checks, which convert the data and accept huge finite numbers
    X, y = xor()
    Y = one_hot(y, 2)
    a, b = _net232(), _net232()
    ha = a.fit(X, Y, lr=0.5, epochs=5)
    hb = b.fit(X.astype(int).tolist(), Y.astype(int), lr=0.5, epochs=5)
    assert list(ha) == list(hb)
    big = _net232()
    hist = big.fit(np.full((4, 2), 1e200), GOOD_Y, lr=0.1, epochs=2)
    assert not hist.diverged and len(hist) == 2
    big.weights[0][...] = 1e160  # squares overflow, values finite: not called non-finite
    assert not big.fit(GOOD_X, GOOD_Y, lr=1e-3, epochs=1).diverged


@pytest.mark.parametrize("momentum", [0.0, 0.5])
def test_a_copy_shares_nothing_and_keeps_the_velocity_as_deepcopy_does(momentum):
    import copy
    net, X, Y = _net_and_data(N=6)
    net.fit(X, Y, lr=0.1, epochs=2, momentum=momentum)
    dup, deep = net.copy(), copy.deepcopy(net)
    # nothing shared: no list, no array
    for name in ("sizes", "activations", "weights", "biases"):
        assert getattr(dup, name) is not getattr(net, name)
    for a, b in zip(dup.weights + dup.biases, net.weights + net.biases):
        assert not np.shares_memory(a, b)
    dup.sizes.append(99)
    dup.activations[0] = dup.activations[1]
    assert net.sizes == [3, 4, 3] and net.activations[0].name == "tanh"
    # the momentum velocity is kept (a copy of it), as copy.deepcopy keeps it
    dup.sizes.pop()
    dup.activations[0] = net.activations[0]
    h_net = net.fit(X, Y, lr=0.1, epochs=3, momentum=momentum, keep_velocity=True)
    h_dup = dup.fit(X, Y, lr=0.1, epochs=3, momentum=momentum, keep_velocity=True)
    h_deep = deep.fit(X, Y, lr=0.1, epochs=3, momentum=momentum, keep_velocity=True)
    assert list(h_net) == list(h_dup) == list(h_deep)
    np.testing.assert_array_equal(dup.get_flat(), deep.get_flat())
    fresh = _net_and_data(N=6)[0]
    fresh.set_flat(net.get_flat())
    if momentum:  # without the velocity, the same parameters train differently
        assert list(fresh.fit(X, Y, lr=0.1, epochs=3, momentum=momentum, keep_velocity=True)) \
            != list(net.fit(X, Y, lr=0.1, epochs=3, momentum=momentum, keep_velocity=True))


# --- bad input --------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs,match", [
    ({"sizes": [2]}, "at least 2 layers"),
    ({"sizes": [2, 0, 1]}, "at least 1 unit"),
    ({"sizes": [2, 3, 1], "activations": ["tanh", "swish"]},
     "unknown activation 'swish'; valid names are: identity, leaky_relu, relu, sigmoid, softmax, "
     "tanh"),
    ({"sizes": [2, 3, 1], "loss": "hinge"},
     "unknown loss 'hinge'; valid names are: binary_cross_entropy, cross_entropy, mse"),
    ({"sizes": [2, 3, 1], "activations": ["tanh"]}, "expected 2 activations"),
    ({"sizes": [2, 3, 2], "activations": ["softmax", "softmax"], "loss": "cross_entropy"}, "output activation"),
    ({"sizes": [2, 3, 2], "activations": ["tanh", "relu"], "loss": "cross_entropy"}, "needs probabilities"),
    ({"sizes": [2, 1], "init": "zeros"}, "unknown init 'zeros'"),
])
def test_constructor_errors(kwargs, match):
    with pytest.raises(ValueError, match=match.replace("(", r"\(").replace(")", r"\)")):
        MLP(**kwargs)


def _net232():
    return MLP([2, 3, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)


GOOD_X = np.zeros((4, 2))
GOOD_Y = np.tile([1.0, 0.0], (4, 1))


@pytest.mark.parametrize("X,Y,match", [
    (np.zeros((4, 3)), GOOD_Y, r"X must have shape \(N, 2\) \(rows are samples, 2 inputs\); got \(4, 3\)"),
    (np.zeros(4), GOOD_Y, r"got \(4,\)"),
    (GOOD_X, np.zeros((3, 2)), r"Y must have shape \(4, 2\) to match X and the output layer; got \(3, 2\)"),
    (GOOD_X, np.array([0, 1, 1, 0]), "one_hot"),
    (np.array([[0.0, np.nan]] * 4), GOOD_Y, "X contains NaN or inf"),
    (GOOD_X, np.array([[1.0, np.inf]] * 4), "Y contains NaN or inf"),
    (GOOD_X, np.tile([1.0, 1.0], (4, 1)), "one-hot rows or probability rows summing to 1"),
    (GOOD_X, np.tile([2.0, -1.0], (4, 1)), "one-hot rows or probability rows"),
])
def test_data_errors_name_the_problem(X, Y, match):
    net = _net232()
    for call in (lambda: net.loss(X, Y), lambda: net.gradients(X, Y), lambda: net.fit(X, Y, epochs=1),
                 lambda: net.fit(X, Y, epochs=2, batch_size=1), lambda: net.step(X, Y, 0.1)):
        refused(net, call, match)


def test_binary_targets_outside_unit_interval():
    net = MLP([2, 1], loss="binary_cross_entropy")
    with pytest.raises(ValueError, match=r"binary_cross_entropy targets must lie in \[0, 1\]"):
        net.fit(np.zeros((2, 2)), np.array([[0.0], [3.0]]))


def refused(net, call, match, error=ValueError):
    """``call()`` raises ``error`` whose message matches ``match``, and the parameters are
    bit for bit what they were."""
    before = net.get_flat()
    with pytest.raises(error, match=match):
        call()
    after = net.get_flat()
    assert after.tobytes() == before.tobytes()


@pytest.mark.parametrize("kwargs,match", [
    ({"lr": 0.0}, "lr must be > 0; got 0"),
    ({"lr": -1.0}, "lr must be > 0"),
    ({"lr": float("nan")}, "lr must be a finite number"),
    ({"lr": "0.1"}, "lr must be a finite number; got .0.1. \\(str\\)"),
    ({"lr": 1j}, "lr must be a finite number; got 1j \\(complex\\)"),
    ({"batch_size": 0}, r"batch_size must be in 1..N = 1..4"),
    ({"batch_size": 5}, r"batch_size must be in 1..N = 1..4 \(or None for the full batch\); got 5"),
    ({"batch_size": 2.5}, "batch_size must be a whole number"),
    ({"batch_size": True}, "batch_size must be a whole number"),
    ({"epochs": -1}, "epochs must be >= 0"),
    ({"epochs": 2.0}, "epochs must be a whole number"),
    ({"momentum": 1.0}, r"momentum must be in \[0, 1\)"),
    ({"momentum": -0.1}, r"momentum must be in \[0, 1\)"),
    ({"dropout": 1.0}, r"dropout must be in \[0, 1\)"),
    ({"dropout": float("nan")}, "dropout must be a finite number"),
    ({"l2": -0.1}, "l2 must be >= 0"),
    ({"l2": float("inf")}, "l2 must be a finite number"),
    ({"seed": -1}, "seed must be >= 0"),
    ({"seed": 1.5}, "seed must be a whole number"),
    ({"keep_velocity": "yes"}, "keep_velocity must be True or False"),
    ({"reference_loss": float("nan")}, "reference_loss must be a finite number"),
    ({"callback": 3}, r"callback must be callable as callback\(epoch, loss, net\)"),
    ({"callback": lambda epoch, loss: None}, "callback must accept 3 positional arguments"),
])
def test_hyperparameter_errors(kwargs, match):
    net = _net232()
    refused(net, lambda: net.fit(GOOD_X, GOOD_Y, **{"epochs": 3, **kwargs}), match)


@pytest.mark.parametrize("kwargs,match", [
    ({"lr": 0.0}, "lr must be > 0"),
    ({"momentum": 1.0}, r"momentum must be in \[0, 1\)"),
    ({"l2": -1.0}, "l2 must be >= 0"),
    ({"n_train": 0}, "n_train must be >= 1"),
    ({"n_train": 4.0}, "n_train must be a whole number"),
    ({"masks": [np.ones((4, 2))]}, r"masks\[0\] must have shape \(4, 3\)"),
    ({"masks": [np.full((4, 3), np.nan)]}, r"masks\[0\] contains NaN or inf"),
])
def test_step_refuses_bad_hyperparameters_before_any_change(kwargs, match):
    net = _net232()
    refused(net, lambda: net.step(GOOD_X, GOOD_Y, **{"lr": 0.1, **kwargs}), match)


@pytest.mark.parametrize("sizes,match", [
    ([2.7, 1], r"every size must be a whole number .*got 2.7"),
    ("23", "sizes must be a list of whole numbers"),
    ([True, 2], "every size must be a whole number .*got True"),
    ([2, -1], "every layer needs at least 1 unit"),
    (5, "sizes must be a list of whole numbers"),
])
def test_sizes_must_be_whole_numbers(sizes, match):
    with pytest.raises(ValueError, match=match):
        MLP(sizes)
    assert MLP(np.array([2, 3, 1])).sizes == [2, 3, 1]  # NumPy integers are whole numbers


@pytest.mark.parametrize("kwargs,match", [
    ({"seed": -1}, "seed must be >= 0"),
    ({"seed": 0.5}, "seed must be a whole number"),
    ({"init": float("nan")}, r"init \(a standard deviation\) must be a finite number"),
    ({"init": -1.0}, r"init \(a standard deviation\) must be >= 0"),
    ({"init": "zeros"}, "unknown init 'zeros'; valid: auto, xavier, he, lecun"),
    ({"activations": "tanh relu".split() + ["x"]}, "expected 2 activations"),
    ({"activations": 3}, "activations must be a name, an Activation or a list"),
])
def test_constructor_settings_are_checked(kwargs, match):
    with pytest.raises(ValueError, match=match):
        MLP([2, 3, 1], **kwargs)


BAD_ARRAYS = [
    (np.zeros((4, 2), dtype=complex), "complex numbers"),
    (np.full((4, 2), "a"), "strings"),
    (np.full((4, 2), np.datetime64("2020-01-01")), "dates"),
    (np.array([[object(), 1.0]] * 4, dtype=object), "not all numbers"),
    (np.ma.masked_array(np.zeros((4, 2)), mask=[[1, 0]] * 4), "masked array"),
    ("abcd", "strings"),
]


@pytest.mark.parametrize("bad,match", BAD_ARRAYS)
def test_arrays_that_are_not_real_numbers_are_refused(bad, match):
    net = _net232()
    for call in (lambda: net.fit(bad, GOOD_Y, epochs=2), lambda: net.step(bad, GOOD_Y, 0.1),
                 lambda: net.loss(bad, GOOD_Y), lambda: net.gradients(bad, GOOD_Y),
                 lambda: net.predict(bad), lambda: net.fit(GOOD_X, bad, epochs=2),
                 lambda: net.step(GOOD_X, bad, 0.1)):
        refused(net, call, f"(X|Y).*{match}")


@pytest.mark.parametrize("theta,match", [
    (np.full(17, np.nan), r"theta contains NaN or inf \(first at index \(0,\)\)"),
    (np.r_[np.zeros(16), np.inf], r"theta contains NaN or inf \(first at index \(16,\)\)"),
    (np.zeros(16), r"expected a parameter vector of shape \(17,\); got \(16,\)"),
    (np.zeros(17, dtype=complex), "complex numbers"),
    (np.zeros((17, 1)), "theta must have 1 dimension"),
])
def test_set_flat_refuses_what_is_not_a_finite_parameter_vector(theta, match):
    net = _net232()
    refused(net, lambda: net.set_flat(theta), match)


@pytest.mark.parametrize("value,what", [
    (np.zeros((3, 2), dtype=int), "dtype int64"),
    (np.zeros((3, 2), dtype=np.float32), "dtype float32"),
    (np.broadcast_to(np.zeros(2), (3, 2)), "read-only"),
])
def test_a_step_is_never_half_applied(value, what):
    # an integer or read-only weight array assigned by the user used to fail inside NumPy's
    # in-place update after W1 and b1 had moved; now the check refuses it before any update
    net = _net232()
    net.weights[1] = value
    for call in (lambda: net.fit(GOOD_X, GOOD_Y, epochs=2), lambda: net.step(GOOD_X, GOOD_Y, 0.1),
                 lambda: net.fit(GOOD_X, GOOD_Y, epochs=2, batch_size=1, momentum=0.5)):
        refused(net, call, rf"weights\[1\] must be a writeable float64 NumPy array.*{what}")


def test_non_finite_parameters_are_refused_where_they_enter():
    net = _net232()
    with pytest.raises(ValueError, match=r"init \(a standard deviation\) must be a finite number"):
        MLP([2, 3, 2], loss="cross_entropy", init=float("nan"))
    net.weights[0][1, 2] = np.nan  # written in place: checked at the next call
    for call in (lambda: net.fit(GOOD_X, GOOD_Y, epochs=2), lambda: net.step(GOOD_X, GOOD_Y, 0.1),
                 lambda: net.loss(GOOD_X, GOOD_Y), lambda: net.predict(GOOD_X)):
        with pytest.raises(ValueError, match=r"weights\[0\] contains NaN or inf \(first at "
                                             r"index \(1, 2\)\); parameters must be finite"):
            call()
    net.biases[1] = np.array([np.inf, 0.0])  # an assigned array too
    with pytest.raises(ValueError, match=r"contains NaN or inf"):
        net.fit(GOOD_X, GOOD_Y, epochs=1)


def test_a_callback_that_writes_nan_is_named_not_the_learning_rate():
    net, X, Y = _net_and_data(N=6)

    def spoil(epoch, loss, model):
        if epoch == 1:
            model.weights[0][0, 0] = np.nan

    with pytest.raises(ValueError, match=r"weights\[0\] contains NaN or inf .*\(after the "
                                         r"callback of epoch 1\)"):
        net.fit(X, Y, lr=0.1, epochs=5, callback=spoil)


@pytest.mark.parametrize("stop", [True, np.True_])
def test_a_callback_returning_a_numpy_true_stops(stop):
    net, X, Y = _net_and_data(N=6)
    hist = net.fit(X, Y, lr=0.1, epochs=10, callback=lambda e, J, m: stop if e == 2 else None)
    assert len(hist) == 3


def test_a_bad_callback_fails_before_the_first_update():
    net, X, Y = _net_and_data(N=6)
    refused(net, lambda: net.fit(X, Y, epochs=3, callback=lambda epoch, loss: None),
            r"callback must accept 3 positional arguments \(epoch, loss, net\)")
    refused(net, lambda: net.fit(X, Y, epochs=3, callback="print"), "callback must be callable")


def test_a_custom_loss_is_supported_through_the_general_path():
    from nnlib.losses import LOSSES, Loss
    mse = LOSSES["mse"]
    half = Loss("half_mse", lambda A, Y: mse.value(A, Y) / 2, lambda A, Y: mse.grad(A, Y) / 2,
                mse.check_targets)
    net = MLP([3, 4, 2], activations=["tanh", "identity"], loss=half, seed=1)
    ref = MLP([3, 4, 2], activations=["tanh", "identity"], loss="mse", seed=1)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    assert not net.fused
    assert net.loss(X, Y) == pytest.approx(ref.loss(X, Y) / 2, rel=1e-15)
    for a, b in zip(sum(net.gradients(X, Y), []), sum(ref.gradients(X, Y), [])):
        np.testing.assert_allclose(a, b / 2, rtol=1e-14)
    assert gradcheck(net, X, Y, l2=0.2) < RTOL
    assert not net.fit(X, Y, lr=0.1, epochs=3, batch_size=2).diverged
    assert MLP([3, 2], loss=half).activations[-1].name == "identity"


def test_a_custom_loss_reusing_a_table_name_is_refused():
    from nnlib.losses import LOSSES, Loss
    fake = Loss("cross_entropy", LOSSES["mse"].value, LOSSES["mse"].grad, LOSSES["mse"].check_targets)
    with pytest.raises(ValueError, match="a custom Loss needs a name of its own"):
        MLP([2, 2], activations=["softmax"], loss=fake)
    broken = Loss("mine", None, LOSSES["mse"].grad, LOSSES["mse"].check_targets)
    with pytest.raises(ValueError, match="custom Loss 'mine': value must be callable"):
        MLP([2, 2], loss=broken)


# --- numerics ---------------------------------------------------------------------------------
@pytest.mark.parametrize("out,loss", [("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy")])
def test_unfused_gradients_refuse_saturated_outputs_with_the_reason(out, loss):
    # a logit gap of about 750: the probability of the true class underflows to 0, so the
    # general path's dJ/dA is infinite (it used to return an all-zero gradient)
    K = 3 if out == "softmax" else 1
    net = MLP([1, K], activations=[out], loss=loss)
    net.weights[0][...] = [[-375.0, 375.0, 0.0]] if K == 3 else [[-750.0]]
    X = np.ones((1, 1))
    Y = np.array([[1.0, 0.0, 0.0]]) if K == 3 else np.ones((1, 1))
    dW, db = net.gradients(X, Y)  # the fused delta is exact: A - Y
    expected = [[-1.0, 1.0, 0.0]] if K == 3 else [[-1.0]]
    np.testing.assert_allclose(dW[0], expected, atol=1e-150)
    refused(net, lambda: net.gradients(X, Y, fused=False),
            "output probability rounded to 0 or 1 .* use the fused output delta")
    net.weights[0] /= 100  # not saturated: the general path agrees with the fused one
    for a, b in zip(sum(net.gradients(X, Y), []), sum(net.gradients(X, Y, fused=False), [])):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("out,loss", [("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy"),
                                      ("identity", "mse"), ("sigmoid", "cross_entropy"),
                                      ("softmax", "binary_cross_entropy")])
@pytest.mark.parametrize("hidden", ["tanh", "relu", "sigmoid", "leaky_relu", "identity"])
def test_no_floating_point_warning_escapes_for_inputs_up_to_1e4(out, loss, hidden):
    import warnings
    net, _, _ = _net_and_data(out=out, loss=loss, hidden=hidden, sizes=(3, 4, 4, 3), N=6)
    rng = np.random.default_rng(1)
    X = rng.choice([-1e4, 1e4], size=(6, 3)) * rng.uniform(0.5, 1, size=(6, 3))
    Y = random_targets(loss, rng, 6, 3)
    with warnings.catch_warnings(), np.errstate(all="warn"):
        warnings.simplefilter("error")
        values = [net.loss(X, Y, l2=0.1), net.step(X, Y, 1e-6, l2=0.1, momentum=0.5)]
        grads = net.gradients(X, Y, l2=0.1)
        labels = net.predict(X)
    assert all(np.isfinite(values)) and np.isfinite(labels).all()
    assert all(np.isfinite(g).all() for g in grads[0] + grads[1])


def _all_finite(result):
    parts = sum(result, []) if isinstance(result, tuple) else [result]
    return all(np.isfinite(p).all() for p in parts)


@pytest.mark.parametrize("scale,overflows", [(1e300, False), (np.finfo(float).max, True)])
@pytest.mark.parametrize("call", ["loss", "gradients", "step", "predict"])
def test_larger_inputs_give_a_clear_error_or_a_finite_answer(call, scale, overflows):
    # 1e300: the pre-activations stay below the float64 limit and every answer is finite;
    # at the limit they overflow and every call says so, changing nothing
    import warnings
    net = MLP([2, 3, 2], activations=["relu", "softmax"], loss="cross_entropy", seed=0)
    X = np.full((4, 2), scale)
    run = {"loss": lambda: net.loss(X, GOOD_Y), "gradients": lambda: net.gradients(X, GOOD_Y),
           "step": lambda: net.step(X, GOOD_Y, 0.1), "predict": lambda: net.predict(X)}[call]
    with warnings.catch_warnings(), np.errstate(all="warn"):
        warnings.simplefilter("error")
        if overflows:
            refused(net, run, "not finite: the inputs or the parameters are so large")
        else:
            assert _all_finite(run())
