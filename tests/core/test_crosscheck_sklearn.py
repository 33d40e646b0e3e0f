"""Cross-check: nnlib's training equals scikit-learn's MLPClassifier step for step.

Both take gradient steps with plain SGD (no momentum, constant learning rate) on a 3-class
problem: tanh hidden layers, softmax output, cross-entropy.  The L2 terms: sklearn puts
``alpha / (2 B) * sum W^2`` on each batch of B samples, nnlib ``l2 / (2 N) * sum W^2`` with N the
training-set size (the book's J), so ``alpha = l2 * B / N`` (equal for a full batch).
sklearn builds its network in a first ``partial_fit`` call; its ``coefs_``/``intercepts_`` after
that call are copied into nnlib's ``weights``/``biases``, and from there both train T steps.
The loss sklearn records before each step (``loss_curve_``) must equal nnlib's ``History``,
and the final weights must agree.

scikit-learn is an optional extra (requirements-bench.txt, ``make install-bench``); without it
the module is skipped with that reason, except in CI (``CI`` set), where it fails.
"""


import numpy as np
import pytest

from nnlib import MLP, one_hot
from nnlib.datasets import blobs

from _extras import optional_extra

sklearn_nn = optional_extra("sklearn.neural_network", "scikit-learn")

STEPS = 40
RTOL = 1e-10


def _sklearn_and_nnlib(hidden, lr, l2, N=90, seed=0):
    X, y = blobs(N, classes=3, noise=0.8, seed=seed)
    Y = one_hot(y, 3)
    clf = sklearn_nn.MLPClassifier(
        hidden_layer_sizes=hidden, activation="tanh", solver="sgd", momentum=0.0,
        nesterovs_momentum=False, alpha=l2, learning_rate="constant", learning_rate_init=lr,
        batch_size=N, shuffle=False, random_state=seed)
    clf.partial_fit(X, y, classes=np.arange(3))  # builds the network (and takes one step)
    assert clf.out_activation_ == "softmax"
    net = MLP([2, *hidden, 3], activations=["tanh"] * len(hidden) + ["softmax"],
              loss="cross_entropy")
    net.weights = [W.copy() for W in clf.coefs_]
    net.biases = [b.copy() for b in clf.intercepts_]
    return X, y, Y, clf, net


@pytest.mark.parametrize("hidden,lr,l2", [((5,), 0.3, 0.0), ((5,), 0.3, 0.05),
                                          ((6, 4), 0.2, 0.01)])
def test_loss_curve_and_weights_match_step_for_step(hidden, lr, l2):
    X, y, Y, clf, net = _sklearn_and_nnlib(hidden, lr, l2)
    start = len(clf.loss_curve_)
    for _ in range(STEPS):
        clf.partial_fit(X, y)  # one epoch = one full-batch step
    sk_losses = np.array(clf.loss_curve_[start:])

    history = net.fit(X, Y, lr=lr, epochs=STEPS, l2=l2)

    assert not history.diverged
    assert len(history) == STEPS == len(sk_losses)
    assert sk_losses[-1] < sk_losses[0]  # it learns, so the comparison is not of constants
    np.testing.assert_allclose(np.array(history), sk_losses, rtol=RTOL, atol=0)
    for W_nn, W_sk, b_nn, b_sk in zip(net.weights, clf.coefs_, net.biases, clf.intercepts_):
        np.testing.assert_allclose(W_nn, W_sk, rtol=RTOL, atol=1e-13)
        np.testing.assert_allclose(b_nn, b_sk, rtol=RTOL, atol=1e-13)


def test_a_different_l2_convention_would_be_caught():
    # the comparison can fail: nnlib trained with l2 off by 1% ends away from sklearn
    X, y, Y, clf, net = _sklearn_and_nnlib((5,), 0.3, 0.05)
    for _ in range(STEPS):
        clf.partial_fit(X, y)
    net.fit(X, Y, lr=0.3, epochs=STEPS, l2=0.05 * 1.01)
    assert not np.allclose(net.weights[0], clf.coefs_[0], rtol=RTOL, atol=1e-13)


@pytest.mark.parametrize("B", [10, 30])
def test_mini_batches_match_with_alpha_equal_to_l2_times_B_over_N(B):
    # sklearn's batches of B in order (no shuffling), alpha = l2 * B / N; nnlib's step on the
    # same batches with n_train = N
    N, lr, l2, epochs = 90, 0.2, 0.3, 10
    X, y = blobs(N, classes=3, noise=0.8, seed=1)
    Y = one_hot(y, 3)
    clf = sklearn_nn.MLPClassifier(
        hidden_layer_sizes=(5,), activation="tanh", solver="sgd", momentum=0.0,
        nesterovs_momentum=False, alpha=l2 * B / N, learning_rate="constant",
        learning_rate_init=lr, batch_size=B, shuffle=False, random_state=0)
    clf.partial_fit(X, y, classes=np.arange(3))
    net = MLP([2, 5, 3], activations=["tanh", "softmax"], loss="cross_entropy")
    net.weights = [W.copy() for W in clf.coefs_]
    net.biases = [b.copy() for b in clf.intercepts_]
    start = len(clf.loss_curve_)
    losses = []
    for _ in range(epochs):
        clf.partial_fit(X, y)
        total = sum(net.step(X[i:i + B], Y[i:i + B], lr, l2=l2, n_train=N) * B
                    for i in range(0, N, B))
        losses.append(total / N)
    np.testing.assert_allclose(losses, clf.loss_curve_[start:], rtol=RTOL, atol=0)
    for W_nn, W_sk in zip(net.weights, clf.coefs_):
        np.testing.assert_allclose(W_nn, W_sk, rtol=RTOL, atol=1e-13)
