r"""Checks for the chapters "Any depth" and "Checking gradients" that :mod:`.derivations` does
not already register.

* Source 001 factors its weight gradient as :math:`-\Delta^{(2)} z^{(1)T}`, which has the
  transposed shape of :math:`W^{(2)}`; the factorisation with the right shape is
  :math:`-z^{(1)}\Delta^{(2)T}` (its entry-by-entry formula is right and is checked in
  :mod:`.derivations`).
* Source 004 writes the hidden recursion with the whole :math:`\Theta`, bias column included,
  and an :math:`a(1-a)` that includes the bias unit: one entry too many.  Dropping the bias
  column gives the book's recursion.
* "Checking gradients": the best central-difference step, and the relative error of a gradient
  that is a constant factor off.

Rows are samples, as in nnlib; the sources' column layouts are built here explicitly.  Ids start
with the chapter id; labels are the chapters' equation labels.  ``expect=False`` marks a
source's claim as written that the book shows to be wrong.
"""

from __future__ import annotations

import sympy

from .checks import Comparison, register
from .network import build_network, hadamard, phi_prime, psi_prime, softmax_rows, symbol_matrix

__all__ = ["source001_network", "source004_network", "theta_bias_first"]


def _stack(*mats):
    """All entries of several matrices as one column (row-major), to compare them in one check."""
    return sympy.Matrix([e for M in mats for e in M])


# --- source 001: columns, a = W^T z + b, Delta = -dL/da -------------------------------------
def source001_network():
    r"""Source 001's 3-4-2 network for one sample (N = 1, so the MSE is its :math:`\frac12\sum`),
    generic hidden :math:`\phi` and output :math:`\psi`.  Its column vectors are the transposed
    rows: :math:`a^{(l)} = Z^{(l)T}` (pre-activation), :math:`z^{(l)} = A^{(l)T}` (activation);
    its :math:`W^{(l)}` (n_in x n_out, used as :math:`W^T z`) is nnlib's."""
    return build_network((3, 4, 2), ("phi", "psi"), "mse", N=1)


def _deltas001(net):
    """001's local gradients as columns: Delta2 = (y - z2) * psi'(a2), Delta1 = (W2 Delta2) * phi'(a1)."""
    delta2 = hadamard(net.Y.T - net.A[2].T, net.Z[1].T.applyfunc(psi_prime))
    delta1 = hadamard(net.W[1] * delta2, net.Z[0].T.applyfunc(phi_prime))
    return delta1, delta2


@register("backprop-any-depth.001-weight-gradient-as-written", "backprop-any-depth",
          "eq-001-dW", "001",
          "Source 001 factors dL/dW2 as -Delta2 z1^T; that is n2 x n1, the transpose of W2's "
          "n1 x n2 (its entry-by-entry matrix, -delta_j z_i in row i, is right).",
          r"\frac{\partial\mathcal L}{\partial W^{(2)}} = -\Delta^{(2)}\left(z^{(1)}\right)^{T}",
          expect=False, title="001's weight gradient as written")
def _001_dW_as_written():
    net = source001_network()
    _, delta2 = _deltas001(net)
    return Comparison(-delta2 * net.A[1], net.grad_W[1], names=net.names)


@register("backprop-any-depth.001-weight-gradient", "backprop-any-depth", "eq-001-dW", "001",
          "Corrected: dL/dW^(l) = -z^(l-1) Delta^(l)^T for both layers, so 001's update "
          "W := W + eta z Delta^T is plain gradient descent.",
          r"\frac{\partial\mathcal L}{\partial W^{(l)}} = -z^{(l-1)}\left(\Delta^{(l)}\right)^{T},"
          r"\quad l = 1, 2",
          title="001's weight gradient, shape corrected")
def _001_dW():
    net = source001_network()
    delta1, delta2 = _deltas001(net)
    claimed = _stack(-net.A[0].T * delta1.T, -net.A[1].T * delta2.T)
    return Comparison(claimed, _stack(*net.grad_W), names=net.names)


# --- source 004: Theta with the bias unit -----------------------------------------------------
def source004_network():
    """Source 004's setting: sigmoid layers, binary cross-entropy, a 2-3-2 network, m = 2."""
    return build_network((2, 3, 2), ("sigmoid", "sigmoid"), "binary_cross_entropy", N=2)


def theta_bias_first(W, b):
    r"""004's :math:`\Theta = [\,b^T \mid W^T\,]`: one row per unit of the next layer, the bias
    in column 0 (nnlib's :func:`~nnlib.fold_bias` puts it last, which changes nothing)."""
    return b.T.row_join(W.T)


def _004_sample(net, t):
    """Example t of 004's 2-3-2 net as columns, the second layer's pre-activation set free:
    returns (a2 with the bias unit first, delta3 = a3 - y, book's delta for that layer)."""
    Zfree, delta = net.delta_truth(0)
    As = net.tail(0)[2]
    a2 = sympy.Matrix([1] + list(As[1][t, :]))
    delta3 = As[-1][t, :].T - net.Y[t, :].T
    truth = net.N * delta[t, :].T  # 004's per-example delta has no 1/m
    return a2, delta3, truth


@register("backprop-any-depth.004-recursion-as-written", "backprop-any-depth", "eq-004-recursion",
          "004",
          "Source 004's recursion delta^(l) = (Theta^(l))^T delta^(l+1) * a^(l)(1 - a^(l)) keeps "
          "Theta's bias column (and a's bias unit), so it returns one entry too many.",
          r"\delta^{(2)} = \left(\Theta^{(2)}\right)^{T}\delta^{(3)} \ast a^{(2)}\left(1 - a^{(2)}\right)",
          expect=False, title="004's recursion as written")
def _004_recursion_as_written():
    net = source004_network()
    a2, delta3, truth = _004_sample(net, 0)
    Theta2 = theta_bias_first(net.W[1], net.b[1])
    claimed = hadamard(Theta2.T * delta3, hadamard(a2, a2.applyfunc(lambda v: 1 - v)))
    return Comparison(claimed, truth, names={})


@register("backprop-any-depth.004-recursion", "backprop-any-depth", "eq-004-recursion", "004",
          "Corrected: drop Theta's bias column (use W) when propagating back; 004's per-example "
          "delta is then N times the transposed row of the book's delta.",
          r"\delta^{(2)} = \left(\Theta^{(2)}_{\setminus 0}\right)^{T}\delta^{(3)} \ast "
          r"a^{(2)}_{\setminus 0}\left(1 - a^{(2)}_{\setminus 0}\right)",
          title="004's recursion, bias column dropped")
def _004_recursion():
    net = source004_network()
    a2, delta3, truth = _004_sample(net, 0)
    Theta2 = theta_bias_first(net.W[1], net.b[1])
    a2 = a2[1:, :]
    claimed = hadamard(Theta2[:, 1:].T * delta3, hadamard(a2, a2.applyfunc(lambda v: 1 - v)))
    return Comparison(claimed, truth, names={})


# --- chapter "Checking gradients" ------------------------------------------------------------
@register("gradient-checking.best-step", "gradient-checking", "eq-best-step", "book",
          "With truncation error M h^2/6 and round-off eps F/h, the total error is smallest at "
          "h = (3 eps F / M)^(1/3).",
          r"\frac{d}{dh}\left(\frac{M h^2}{6} + \frac{\varepsilon F}{h}\right) = 0 "
          r"\iff h^\ast = \left(\frac{3\varepsilon F}{M}\right)^{1/3}",
          title="The best central-difference step")
def _best_step():
    h, M, eps, F = sympy.symbols("h M varepsilon F", positive=True)
    E = M * h ** 2 / 6 + eps * F / h
    (truth,) = sympy.solve(sympy.diff(E, h), h)
    return Comparison((3 * eps * F / M) ** sympy.Rational(1, 3), truth, method="simplify")


@register("gradient-checking.scaled-gradient-error", "gradient-checking", "eq-scaled-error",
          "book",
          "A gradient that is c times too large (c >= 1) has relative error (c - 1)/(c + 1), "
          "whatever the gradient: dropping the 1/N of a batch of N gives (N - 1)/(N + 1).",
          r"\frac{\lVert c\,g - g\rVert}{\lVert c\,g\rVert + \lVert g\rVert} = \frac{c - 1}{c + 1}",
          title="The relative error of a scaled gradient")
def _scaled_error():
    c = sympy.Symbol("c", positive=True)
    g = sympy.Matrix(sympy.symbols("g_1:4", real=True))
    err = (c * g - g).norm() / ((c * g).norm() + g.norm())
    # c >= 1: write c = 1 + k with k >= 0 so that |c - 1| = c - 1
    k = sympy.Symbol("k", nonnegative=True)
    return Comparison(((c - 1) / (c + 1)).subs(c, 1 + k), err.subs(c, 1 + k), method="simplify")


# --- one example at a time = the whole batch --------------------------------------------------
@register("backprop-any-depth.outer-product-sum", "backprop-any-depth", "eq-outer-sum", "004",
          "Accumulating one outer product per example (004's Delta += a delta^T, in rows) gives "
          "the one matrix product A^T delta that nnlib computes for the whole batch.",
          r"\sum_{t=1}^{N} A_{t\cdot}^{T}\,\delta_{t\cdot} = A^{T}\delta",
          title="Per-example sum = one matrix product")
def _outer_sum():
    A = symbol_matrix("a", 3, 4)
    D = symbol_matrix(r"\delta", 3, 2)
    claimed = sympy.zeros(4, 2)
    for t in range(3):
        claimed += A[t, :].T * D[t, :]
    return Comparison(claimed, A.T * D)


# --- the planted bugs of "Checking gradients", as claims SymPy rejects --------------------------
def _bug_network():
    """A 2-2-2 network with generic phi, psi and the MSE, N = 2 (W2 is square, so the
    missing-transpose bug is well formed)."""
    return build_network((2, 2, 2), ("phi", "psi"), "mse", N=2)


def _bug_hidden(transpose=True, derivative=True):
    net = _bug_network()
    Zf, Zs, As, L, names = net.tail(0)
    delta2 = hadamard((As[-1] - net.Y) / net.N, Zs[1].applyfunc(psi_prime))
    back = delta2 * (net.W[1].T if transpose else net.W[1])
    claimed = hadamard(back, Zf.applyfunc(phi_prime)) if derivative else back
    return Comparison(claimed, net.delta_truth(0)[1], names=names)


@register("gradient-checking.bug-missing-transpose", "gradient-checking", "eq-bug-transpose",
          "book", "Planted bug: the hidden delta with W instead of W^T.",
          r"\delta^{(1)} \overset{?}{=} \left(\delta^{(2)} W^{(2)}\right)\odot\phi'(Z^{(1)})",
          expect=False, title="Bug: missing transpose")
def _bug_transpose():
    return _bug_hidden(transpose=False)


@register("gradient-checking.bug-missing-derivative", "gradient-checking", "eq-bug-derivative",
          "book", "Planted bug: the hidden delta without the activation's derivative.",
          r"\delta^{(1)} \overset{?}{=} \delta^{(2)} W^{(2)T}",
          expect=False, title="Bug: missing activation derivative")
def _bug_derivative():
    return _bug_hidden(derivative=False)


@register("gradient-checking.bug-dropped-n", "gradient-checking", "eq-bug-dropped-n", "book",
          "Planted bug: the output delta without the 1/N of the mean loss.",
          r"\delta^{(2)} \overset{?}{=} \left(A^{(2)} - Y\right)\odot\psi'(Z^{(2)})",
          expect=False, title="Bug: dropped 1/N")
def _bug_dropped_n():
    net = _bug_network()
    Zf, Zs, As, L, names = net.tail(1)
    claimed = hadamard(As[-1] - net.Y, Zf.applyfunc(psi_prime))
    return Comparison(claimed, net.delta_truth(1)[1], names=names)


@register("gradient-checking.bug-elementwise-softmax", "gradient-checking", "eq-bug-softmax",
          "book",
          "Planted bug: softmax treated as elementwise, dJ/dA * s(1 - s) in place of the "
          "Jacobian product (softmax + cross-entropy, 3 classes, N = 2).",
          r"\delta \overset{?}{=} \frac{\partial J}{\partial \hat Y}\odot\hat Y\odot(1 - \hat Y)"
          r" = -\frac{1}{N}\,Y\odot(1 - \hat Y)",
          expect=False, title="Bug: elementwise softmax derivative")
def _bug_softmax():
    from .derivations import row_constraint, softmax_pretty

    net = build_network((2, 3), ("softmax",), "cross_entropy", N=2)
    Zf, truth = net.delta_truth(0)
    S = softmax_rows(Zf)
    dA = hadamard(-net.Y / net.N, S.applyfunc(lambda s: 1 / s))
    claimed = hadamard(dA, hadamard(S, S.applyfunc(lambda s: 1 - s)))
    return Comparison(claimed, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 3, 1))
