"""Cross-check: nnlib's backprop gradients equal PyTorch autograd's, in float64.

For every hidden activation and every valid (output activation, loss) pair, a random network
gets the same weights in both libraries; the loss (nnlib's conventions written out in torch:
1/(2N) for MSE, natural-log cross-entropies averaged over N, L2 = lambda/(2N) sum W^2 without the
biases) is differentiated by autograd and compared array by array with ``MLP.gradients``.

PyTorch is an optional extra (requirements-bench.txt, ``make install-bench``); without it the
module is skipped with that reason, except in CI (``CI`` set), where it fails.
"""

import zlib

import numpy as np
import pytest

from nnlib import MLP, relative_error
from nnlib.activations import ACTIVATIONS
from nnlib.losses import LOSSES, check_pair

from _extras import optional_extra
from conftest import random_targets

torch = optional_extra("torch", "PyTorch")

TOL = 1e-10

HIDDEN = [name for name, act in ACTIVATIONS.items() if act.elementwise]


def _valid_pairs():
    pairs = []
    for out in ACTIVATIONS:
        for loss in LOSSES:
            try:
                check_pair(out, loss)
            except ValueError:
                continue
            pairs.append((out, loss))
    return pairs


PAIRS = _valid_pairs()

# the activations and losses written independently in torch, from their definitions
TORCH_ACT = {
    "identity": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, negative_slope=0.01),
    "softmax": lambda z: torch.softmax(z, dim=1),
}
TORCH_LOSS = {
    "mse": lambda A, Y: ((A - Y) ** 2).sum() / (2 * A.shape[0]),
    "cross_entropy": lambda A, Y: -(Y * torch.log(A)).sum() / A.shape[0],
    "binary_cross_entropy": lambda A, Y: -(Y * torch.log(A) + (1 - Y) * torch.log(1 - A)).sum()
    / A.shape[0],
}


def test_the_tables_are_covered():
    # a new activation or loss in nnlib must get a torch twin here, or this test fails
    assert set(TORCH_ACT) == set(ACTIVATIONS)
    assert set(TORCH_LOSS) == set(LOSSES)
    assert len(PAIRS) >= 3


def _torch_gradients(net, X, Y, hidden, out, loss, l2):
    Ws = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    A = torch.tensor(X, dtype=torch.float64)
    acts = [hidden] * (len(Ws) - 1) + [out]
    for W, b, act in zip(Ws, bs, acts):
        A = TORCH_ACT[act](A @ W + b)
    N = X.shape[0]
    J = TORCH_LOSS[loss](A, torch.tensor(Y, dtype=torch.float64))
    J = J + l2 / (2 * N) * sum((W * W).sum() for W in Ws)
    J.backward()
    return float(J.detach()), [W.grad.numpy() for W in Ws], [b.grad.numpy() for b in bs]


@pytest.mark.parametrize("l2", [0.0, 0.7])
@pytest.mark.parametrize("out,loss", PAIRS, ids=[f"{o}-{l}" for o, l in PAIRS])
@pytest.mark.parametrize("hidden", HIDDEN)
def test_gradients_equal_autograd(hidden, out, loss, l2):
    rng = np.random.default_rng(zlib.crc32(f"{hidden} {out} {loss}".encode()))  # seeded per case
    N = int(rng.integers(5, 12))
    sizes = [int(s) for s in rng.integers(2, 6, size=4)]  # three layers of random widths
    net = MLP(sizes, activations=[hidden, hidden, out], loss=loss, seed=int(rng.integers(1000)))
    net.biases = [rng.normal(scale=0.5, size=b.shape) for b in net.biases]
    X = rng.normal(size=(N, sizes[0]))
    Y = random_targets(loss, rng, N, sizes[-1], hard=True)

    J_torch, dWs_torch, dbs_torch = _torch_gradients(net, X, Y, hidden, out, loss, l2)
    dWs, dbs = net.gradients(X, Y, l2=l2)

    assert net.loss(X, Y, l2=l2) == pytest.approx(J_torch, rel=TOL)
    for l in range(len(dWs)):
        assert relative_error(dWs[l], dWs_torch[l]) < TOL, f"dW{l + 1}"
        assert relative_error(dbs[l], dbs_torch[l]) < TOL, f"db{l + 1}"


@pytest.mark.parametrize("out,loss", [("softmax", "cross_entropy"),
                                      ("sigmoid", "binary_cross_entropy")])
def test_general_output_path_equals_autograd(out, loss):
    # the fused pairs also have the general path (loss gradient, then the activation's
    # backward); it must agree with autograd as well as the shortcut (A - Y)/N does
    rng = np.random.default_rng(3)
    net = MLP([4, 6, 3], activations=["tanh", out], loss=loss, seed=1)
    X = rng.normal(size=(9, 4))
    Y = random_targets(loss, rng, 9, 3, hard=True)
    _, dWs_torch, dbs_torch = _torch_gradients(net, X, Y, "tanh", out, loss, 0.0)
    dWs, dbs = net.gradients(X, Y, fused=False)
    for l in range(2):
        assert relative_error(dWs[l], dWs_torch[l]) < TOL
        assert relative_error(dbs[l], dbs_torch[l]) < TOL


def test_a_wrong_gradient_is_caught():
    # the comparison can fail: a gradient off by a factor 1 + 1e-8 is far above the tolerance
    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], activations=["tanh", "softmax"], loss="cross_entropy", seed=0)
    X = rng.normal(size=(6, 3))
    Y = random_targets("cross_entropy", rng, 6, 2, hard=True)
    _, dWs_torch, _ = _torch_gradients(net, X, Y, "tanh", "softmax", "cross_entropy", 0.0)
    dWs, _ = net.gradients(X, Y)
    assert relative_error(dWs[0] * (1 + 1e-8), dWs_torch[0]) > TOL
