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

PAIRS = [(a, l) for l, loss in LOSSES.items() for a in ACTIVATIONS
         if not loss.outputs or a in loss.outputs]
HIDDEN = [name for name, a in ACTIVATIONS.items() if a.elementwise]


def _targets(loss, rng, N, K):
    if loss == "cross_entropy":
        return rng.dirichlet(np.ones(K), size=N)
    if loss == "binary_cross_entropy":
        return rng.uniform(0, 1, size=(N, K))
    return rng.normal(size=(N, K))


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
    return net, X, _targets(loss, rng, N, sizes[-1])


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
    Y = _targets(loss, rng, N, n_out)
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


def test_copies_train_independently():
    # a copy shares no buffers (parameters, velocity, divergence snapshot) with its original
    net, X, Y = _net_and_data(N=6)
    net.fit(X, Y, lr=0.1, epochs=1, momentum=0.5)
    twin = net.copy()
    h1 = net.fit(X, Y, lr=0.1, epochs=3, momentum=0.5, keep_velocity=True)
    h2 = twin.fit(X, Y, lr=0.1, epochs=3, momentum=0.5, keep_velocity=True)
    assert list(h1) != list(h2)  # the copy starts from rest: its velocity was not copied
    twin2 = twin.copy()
    h3 = twin2.fit(X, Y, lr=0.1, epochs=2)
    assert list(h3) == list(twin.fit(X, Y, lr=0.1, epochs=2))
    for a, b in zip(twin.weights, twin2.weights):
        np.testing.assert_array_equal(a, b)


# --- bad input --------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs,match", [
    ({"sizes": [2]}, "at least 2 layers"),
    ({"sizes": [2, 0, 1]}, "at least 1 unit"),
    ({"sizes": [2, 3, 1], "activations": ["tanh", "swish"]}, "unknown activation 'swish'; valid names are: identity, leaky_relu, relu, sigmoid, softmax, tanh"),
    ({"sizes": [2, 3, 1], "loss": "hinge"}, "unknown loss 'hinge'; valid names are: binary_cross_entropy, cross_entropy, mse"),
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
    for call in (lambda: net.loss(X, Y), lambda: net.gradients(X, Y), lambda: net.fit(X, Y, epochs=1)):
        with pytest.raises(ValueError, match=match):
            call()


def test_binary_targets_outside_unit_interval():
    net = MLP([2, 1], loss="binary_cross_entropy")
    with pytest.raises(ValueError, match=r"binary_cross_entropy targets must lie in \[0, 1\]"):
        net.fit(np.zeros((2, 2)), np.array([[0.0], [3.0]]))


@pytest.mark.parametrize("kwargs,match", [
    ({"lr": 0.0}, "lr must be > 0; got 0"),
    ({"lr": -1.0}, "lr must be > 0"),
    ({"lr": float("nan")}, "lr must be a finite number"),
    ({"batch_size": 0}, r"batch_size must be in 1..N = 1..4"),
    ({"batch_size": 5}, r"batch_size must be in 1..N = 1..4 \(or None for the full batch\); got 5"),
    ({"batch_size": 2.5}, "batch_size must be a whole number"),
    ({"epochs": -1}, "epochs must be a whole number"),
    ({"momentum": 1.0}, r"momentum must be in \[0, 1\)"),
    ({"dropout": 1.0}, r"dropout must be in \[0, 1\)"),
    ({"l2": -0.1}, "l2 must be >= 0"),
])
def test_hyperparameter_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        _net232().fit(GOOD_X, GOOD_Y, **kwargs)


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_softmax_needs_two_units(loss):
    with pytest.raises(ValueError, match="softmax output needs at least 2 units"):
        MLP([3, 4, 1], activations=["tanh", "softmax"], loss=loss)
    MLP([3, 4, 2], activations=["tanh", "softmax"], loss=loss)  # two units are fine


@pytest.mark.parametrize("momentum,l2,batch_size,dropout", [(0.0, 0.0, None, 0.0), (0.8, 0.1, 7, 0.0),
                                                           (0.5, 0.0, None, 0.3)])
def test_assigned_parameter_arrays_train_exactly_like_the_networks_own(momentum, l2, batch_size,
                                                                       dropout):
    # a network keeps its parameters as views of one flat vector and updates them with one
    # call; arrays assigned by the user are updated one by one, in place, to the same bits
    X, y = moons(40, noise=0.2, seed=3)
    Y = np.eye(2)[y]
    own = MLP([2, 5, 4, 2], activations=["tanh", "relu", "softmax"], loss="cross_entropy", seed=1)
    assigned = MLP([2, 5, 4, 2], activations=["tanh", "relu", "softmax"], loss="cross_entropy",
                   seed=7)
    mine = [W.copy() for W in own.weights], [b.copy() for b in own.biases]
    assigned.weights, assigned.biases = mine
    kw = dict(lr=0.3, epochs=6, momentum=momentum, l2=l2, batch_size=batch_size, dropout=dropout)
    h_own, h_assigned = own.fit(X, Y, **kw), assigned.fit(X, Y, **kw)
    assert list(h_own) == list(h_assigned)
    assert assigned.weights[0] is mine[0][0]  # still the user's arrays, trained in place
    for a, b in zip(own.weights + own.biases, mine[0] + mine[1]):
        np.testing.assert_array_equal(a, b)
    assert own.step(X, Y, 0.1, momentum=momentum) == assigned.step(X, Y, 0.1, momentum=momentum)
    np.testing.assert_array_equal(own.get_flat(), assigned.get_flat())


def test_one_assigned_array_among_the_views_is_trained_in_place():
    net, X, Y = _net_and_data()
    W0 = net.weights[0].copy()
    net.weights[0] = W0
    before = W0.copy()
    net.fit(X, Y, lr=0.1, epochs=3)
    assert net.weights[0] is W0 and not np.array_equal(W0, before)
    twin, _, _ = _net_and_data()
    twin.fit(X, Y, lr=0.1, epochs=3)
    np.testing.assert_array_equal(twin.get_flat(), net.get_flat())


@pytest.mark.parametrize("weights,match", [
    (lambda net: net.weights + [np.zeros((2, 2))], "list of 2 arrays, one per layer; got 3$"),
    (lambda net: net.weights[:1], "got 1$"),
    (lambda net: np.zeros(3), "got ndarray"),
])
def test_a_wrong_number_of_weight_arrays_is_named(weights, match):
    net, X, Y = _net_and_data()
    net.weights = weights(net)
    with pytest.raises(ValueError, match=match):
        net.fit(X, Y, epochs=1)
    with pytest.raises(ValueError, match=match):
        net.step(X, Y, 0.1)


@pytest.mark.parametrize("how", ["copy", "deepcopy", "pickle", "method"])
def test_copied_and_unpickled_networks_train_their_own_parameters(how):
    import copy
    import pickle
    net, X, Y = _net_and_data()
    net.fit(X, Y, lr=0.1, epochs=2, momentum=0.5)
    dup = {"copy": copy.copy, "deepcopy": copy.deepcopy, "method": lambda n: n.copy(),
           "pickle": lambda n: pickle.loads(pickle.dumps(n))}[how](net)
    before = net.get_flat()
    h_dup = dup.fit(X, Y, lr=0.1, epochs=3)
    np.testing.assert_array_equal(net.get_flat(), before)  # the original is untouched
    assert not np.array_equal(dup.get_flat(), before)       # the copy did train ...
    h_net = net.fit(X, Y, lr=0.1, epochs=3)
    assert list(h_dup) == list(h_net)                       # ... exactly as the original does
    np.testing.assert_array_equal(dup.get_flat(), net.get_flat())
    assert dup.step(X, Y, 0.1) == net.step(X, Y, 0.1)
    np.testing.assert_array_equal(dup.weights[0], net.weights[0])
