r"""Checks of the chapter "Beyond the sources" (chapters/beyond.ipynb,
chapter id ``"beyond"``).

What source 002's to-do list (mini-batches, dropout, momentum) and source 004's L2 term
need, checked the way the rest of the book is.

* mini-batches: the gradient of a batch's mean loss is the mean of the per-sample gradients;
  a uniformly drawn batch's gradient is the full gradient on average, and its spread shrinks
  like :math:`(N-B)/(B(N-1))`;
* momentum (nnlib's :math:`v \leftarrow \mu v - \eta g`, :math:`\theta \leftarrow \theta + v`):
  the velocity is a geometric sum of past gradients at every step; a steady gradient is
  amplified to :math:`\eta/(1-\mu)`, an alternating one damped to :math:`\eta/(1+\mu)`; on a
  quadratic the update is a linear map of :math:`(\theta_k, \theta_{k-1})` with determinant
  :math:`\mu`;
* L2: the term's gradient, in matrix form for a network, 004's term (bias column excluded),
  and the update as weight decay;
* dropout: the backward pass uses the same mask, mean and variance of an inverted-dropout unit
  (``sympy.stats``), and the expected pre-activation of the next layer;
* initialisation: :math:`\operatorname{Var}(z) = n\operatorname{Var}(w)\operatorname{Var}(a)`
  and :math:`\mathbb E[\operatorname{relu}(z)^2] = \operatorname{Var}(z)/2` (He).

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import itertools

import sympy
from sympy import stats

from ..network import build_network, deltas_generic, net_generic
from ..registry import Comparison, register
from ..symbols import colsum, hadamard, psi, psi_prime, symbol_matrix

__all__ = ["nnlib_velocity"]


@register("beyond.l2-gradient", "beyond", "eq-l2-grad", "004",
          "the L2 term lambda/(2N) sum W^2 adds lambda W / N to dJ/dW (and nothing to dJ/db)",
          r"\frac{\partial}{\partial W}\frac{\lambda}{2N}\sum_{l}\|W^{(l)}\|^2 = \frac{\lambda}{N}W",
          title="What the L2 term adds to the gradient")
def _():
    W, lam = symbol_matrix("w", 3, 2), sympy.Symbol(r"\lambda")
    N = sympy.Integer(4)
    R = lam / (2 * N) * sum(w ** 2 for w in W)
    return Comparison(lam * W / N, W.applyfunc(lambda w: sympy.diff(R, w)))


@register("beyond.l2-network", "beyond", "eq-l2-network", "004",
          "nnlib's L2: with J = J_data + lambda/(2N) sum W^2, dJ/dW_l = A_{l-1}^T delta_l + lambda W_l / N",
          r"\frac{\partial J}{\partial W^{(l)}} = {A^{(l-1)}}^T\delta^{(l)} + \frac{\lambda}{N}W^{(l)}",
          title="The gradient with L2, in matrix form")
def _():
    net = net_generic()
    lam = sympy.Symbol(r"\lambda")
    J = net.L + lam / (2 * net.N) * sum(w ** 2 for W in net.W for w in W)
    d = deltas_generic(net)
    parts_c, parts_t = [], []
    for l in range(2):
        parts_c += list(net.A[l].T * d[l] + lam * net.W[l] / net.N) + list(colsum(d[l]))
        parts_t += [sympy.diff(J, w) for w in net.W[l]] + [sympy.diff(J, c) for c in net.b[l]]
    return Comparison(sympy.Matrix(parts_c), sympy.Matrix(parts_t), names=net.names)


@register("beyond.dropout-backward", "beyond", "eq-dropout-backward", "002",
          "the backward pass of inverted dropout multiplies the upstream gradient by the same mask / (1 - p)",
          r"\tilde A = \frac{M\odot A}{1-p} \implies \frac{\partial J}{\partial A} = "
          r"\frac{M}{1-p}\odot\frac{\partial J}{\partial\tilde A}",
          title="Dropout's backward pass uses the same mask")
def _():
    A, M, Y = symbol_matrix("a", 2, 2), symbol_matrix("m", 2, 2), symbol_matrix("y", 2, 2)
    p = sympy.Symbol("p")
    At = hadamard(M, A) / (1 - p)
    L = sum(psi(At[k]) * Y[k] for k in range(4))
    names = {At[k]: sympy.Symbol(r"\tilde a_{%d%d}" % (k // 2 + 1, k % 2 + 1)) for k in range(4)}
    upstream = sympy.Matrix(2, 2, lambda i, j: psi_prime(At[i, j]) * Y[i, j])
    claim = hadamard(M / (1 - p), upstream)
    return Comparison(claim, A.applyfunc(lambda a: sympy.diff(L, a)), names=names)


@register("beyond.minibatch-mean", "beyond", "eq-minibatch", "003",
          "the gradient of the mean loss over a batch is the mean of the per-sample gradients",
          r"\frac{\partial}{\partial W}\frac1B\sum_{n\in B} C^n = \frac1B\sum_{n\in B}\frac{\partial C^n}{\partial W}",
          title="A batch gradient is the mean of per-sample gradients")
def _():
    net = build_network((2, 2), ("psi",), "mse", 3)
    per = [sum((net.A[1][n, k] - net.Y[n, k]) ** 2 for k in range(2)) / 2 for n in range(3)]
    claim = net.W[0].applyfunc(lambda w: sum(sympy.diff(C, w) for C in per) / 3)
    return Comparison(claim, net.grad_W[0], names=net.names)


eta, mu, lam = sympy.symbols("eta mu lambda", positive=True)


def nnlib_velocity(grads, momentum, lr):
    r"""Run ``MLP.fit``'s momentum update symbolically from :math:`v_0 = 0`; returns the list
    :math:`[v_1, v_2, \dots]`."""
    vel, out = sympy.Integer(0), []
    for g in grads:
        vel = momentum * vel - lr * g
        out.append(vel)
    return out


# --- mini-batches ------------------------------------------------------------------------------
@register("beyond.minibatch-mean-two-layer", "beyond", "eq-batch-mean", "003",
          "for a 2-2-1 network with generic activations phi, psi and the MSE on N = 3 samples, "
          "the gradient of the mean loss with respect to every weight and bias is the mean of "
          "the three per-sample gradients",
          r"\frac{\partial}{\partial\theta}\,\frac1N\sum_{n=1}^{N} C^{n} = "
          r"\frac1N\sum_{n=1}^{N}\frac{\partial C^{n}}{\partial\theta}",
          title="A batch's gradient is the mean of per-sample gradients")
def _batch_mean():
    net = build_network((2, 2, 1), ("phi", "psi"), "mse", 3)
    # C^n = 1/2 (a_n - y_n)^2: sample n's own loss; nnlib's MSE is their mean
    per = [(net.A[-1][n, 0] - net.Y[n, 0]) ** 2 / 2 for n in range(net.N)]
    params = net.params
    claimed = sympy.Matrix([sum(sympy.diff(C, p) for C in per) / net.N for p in params])
    truth = sympy.Matrix([sympy.diff(net.L, p) for p in params])
    return Comparison(claimed, truth, names=net.names)


_N, _B = 5, 2


_g = sympy.symbols(f"g_1:{_N + 1}", real=True)


def _batches():
    return list(itertools.combinations(range(_N), _B))


@register("beyond.minibatch-unbiased", "beyond", "eq-batch-unbiased", "book",
          "averaged over all C(5, 2) = 10 batches of two distinct samples out of five, the batch "
          "gradient (mean of its per-sample gradients) equals the full gradient",
          r"\frac{1}{\binom NB}\sum_{|S| = B}\ \frac1B\sum_{n\in S} g_n = \frac1N\sum_{n=1}^N g_n"
          r"\qquad (N = 5,\ B = 2)",
          title="A random batch's gradient is right on average")
def _unbiased():
    batches = _batches()
    mean_over_batches = sum(sum(_g[n] for n in S) / _B for S in batches) / len(batches)
    return Comparison(mean_over_batches, sum(_g) / _N)


@register("beyond.minibatch-variance", "beyond", "eq-batch-noise", "book",
          "the mean squared distance between a uniformly drawn batch's gradient and the full "
          "gradient is (N - B)/(B (N - 1)) times the per-sample spread (N = 5, B = 2, exact "
          "average over all 10 batches)",
          r"\mathbb E_S\big(g_S - \bar g\big)^2 = \frac{N - B}{B\,(N - 1)}\cdot"
          r"\frac1N\sum_{n=1}^N (g_n - \bar g)^2",
          title="How noisy a batch's gradient is")
def _variance():
    batches = _batches()
    gbar = sum(_g) / _N
    truth = sum((sum(_g[n] for n in S) / _B - gbar) ** 2 for S in batches) / len(batches)
    spread = sum((gn - gbar) ** 2 for gn in _g) / _N
    claimed = sympy.Rational(_N - _B, _B * (_N - 1)) * spread
    return Comparison(claimed, truth)


# --- momentum ----------------------------------------------------------------------------------
@register("beyond.momentum-geometric", "beyond", "eq-momentum-sum", "002",
          "nnlib's momentum from v_0 = 0 gives, at every step t = 1..8, minus eta times the sum "
          "of past gradients, each weighted by mu to the power of its age",
          r"v_t = \mu v_{t-1} - \eta g_t,\ v_0 = 0 \implies "
          r"v_t = -\eta\sum_{s=1}^{t}\mu^{\,t-s} g_s\quad(t = 1, \dots, 8)",
          title="The velocity is a geometric sum of past gradients")
def _geometric():
    gs = sympy.symbols("g_1:9", real=True)
    claimed = sympy.Matrix([-eta * sum(mu ** (t - s) * gs[s - 1] for s in range(1, t + 1))
                            for t in range(1, 9)])
    return Comparison(claimed, sympy.Matrix(nnlib_velocity(gs, mu, eta)))


@register("beyond.momentum-effective-rate", "beyond", "eq-momentum-rate", "book",
          "with 0 < mu < 1, a gradient that keeps its sign is followed with the rate "
          "eta/(1 - mu) in the long run, one that flips sign every step with eta/(1 + mu)",
          r"\lim_{t\to\infty}\frac{v_t}{-\eta g} = \sum_{k\ge0}\mu^k = \frac{1}{1-\mu},\qquad "
          r"\lim_{t\to\infty}\frac{|v_t|}{\eta g}\ \text{(alternating)} = "
          r"\sum_{k\ge0}(-\mu)^k = \frac{1}{1+\mu}",
          title="Momentum amplifies steady gradients, damps oscillating ones")
def _rate():
    r = sympy.Symbol("r", positive=True)  # mu = 1/(1 + r) covers 0 < mu < 1
    t = sympy.Symbol("t", integer=True, positive=True)
    g = sympy.Symbol("g", positive=True)
    m = 1 / (1 + r)
    # closed forms of the velocity after t steps, each checked against the recursion at t = 1..6
    steady = -eta * g * (1 - m ** t) / (1 - m)
    alternating = eta * g * (1 - (-m) ** t) / (1 + m)  # sign of the last gradient factored out
    steady_rec = nnlib_velocity([g] * 6, m, eta)
    alt_rec = nnlib_velocity([g * (-1) ** s for s in range(6)], m, eta)
    claimed = [steady.subs(t, k + 1) for k in range(6)]
    truth = steady_rec[:]
    claimed += [alternating.subs(t, k + 1) for k in range(6)]
    truth += [alt_rec[k] * (-1) ** (k + 1) for k in range(6)]  # |v_t| up to the sign
    # the limits: SymPy's own limit of the closed forms
    claimed += [1 / (1 - mu), 1 / (1 + mu)]
    truth += [(sympy.limit(steady, t, sympy.oo) / (-eta * g)).subs(r, 1 / mu - 1),
              (sympy.limit(eta * g * (1 - m ** (2 * t)) / (1 + m), t, sympy.oo)
               / (eta * g)).subs(r, 1 / mu - 1)]
    return Comparison(sympy.Matrix(claimed), sympy.Matrix(truth))


@register("beyond.momentum-iteration-matrix", "beyond", "eq-momentum-matrix", "book",
          "on J = c theta^2 / 2 nnlib's momentum update maps (theta_k, theta_{k-1}) to "
          "(theta_{k+1}, theta_k) by a 2x2 matrix whose determinant is mu: when its eigenvalues "
          "are complex, both have size sqrt(mu), whatever the curvature c",
          r"\begin{pmatrix}\theta_{k+1}\\ \theta_k\end{pmatrix} = "
          r"\begin{pmatrix}1 + \mu - \eta c & -\mu\\ 1 & 0\end{pmatrix}"
          r"\begin{pmatrix}\theta_k\\ \theta_{k-1}\end{pmatrix},\qquad \det = \mu",
          title="Momentum on a quadratic is a linear map")
def _matrix():
    c = sympy.Symbol("c", positive=True)
    prev, now = sympy.symbols("theta_{k-1} theta_k", real=True)
    vel = now - prev                        # v_k = theta_k - theta_{k-1}
    vel_new = mu * vel - eta * c * now      # v_{k+1} = mu v_k - eta J'(theta_k)
    M = sympy.Matrix([[1 + mu - eta * c, -mu], [1, 0]])
    claimed = list(M * sympy.Matrix([now, prev])) + [M.det()]
    truth = [now + vel_new, now, mu]
    return Comparison(sympy.Matrix(claimed), sympy.Matrix(truth))


# --- L2 ------------------------------------------------------------------------------------------
@register("beyond.l2-004-term", "beyond", "eq-l2-grad", "004",
          "the L2 penalty $\\frac{\\lambda}{2m}$ times the sum of the squared entries of every "
          "$\\Theta^{(l)}$, its bias column (column 0) left out, has the gradient "
          "$\\frac{\\lambda}{m}\\Theta^{(l)}$ with zeros in the bias column (a 2-2-1 network "
          "with the bias as a leading unit)",
          r"\frac{\partial}{\partial\Theta^{(l)}_{pq}}\ \frac{\lambda}{2m}\sum_{l=1}^{L-1}"
          r"\sum_{i=1}^{s_l}\sum_{j=1}^{s_{l+1}}\big(\Theta_{ji}^{l}\big)^2 = "
          r"\begin{cases}\frac{\lambda}{m}\Theta^{(l)}_{pq} & q \ge 1\\ 0 & q = 0\end{cases}",
          title="The gradient of the L2 penalty, bias column left out")
def _l2_term():
    m = sympy.Symbol("m", positive=True)
    T1 = sympy.Matrix(2, 3, lambda i, j: sympy.Symbol(r"\Theta^{(1)}_{%d%d}" % (i + 1, j)))
    T2 = sympy.Matrix(1, 3, lambda i, j: sympy.Symbol(r"\Theta^{(2)}_{%d%d}" % (i + 1, j)))
    thetas = (T1, T2)
    penalty = lam / (2 * m) * sum(T[i, j] ** 2 for T in thetas
                                  for i in range(T.rows) for j in range(1, T.cols))
    claimed, truth = [], []
    for T in thetas:
        claimed += list(sympy.Matrix(T.rows, T.cols,
                                     lambda i, j: 0 if j == 0 else lam / m * T[i, j]))
        truth += list(T.applyfunc(lambda th: sympy.diff(penalty, th)))
    return Comparison(sympy.Matrix(claimed), sympy.Matrix(truth))


@register("beyond.l2-weight-decay", "beyond", "eq-weight-decay", "book",
          "one gradient step on J = J_data + lambda/(2N) sum W^2 first shrinks W by the factor "
          "1 - eta lambda / N and then takes the plain step on the data loss J_data",
          r"W - \eta\Big(\frac{\partial J_{\text{data}}}{\partial W} + \frac{\lambda}{N}W\Big) = "
          r"\Big(1 - \frac{\eta\lambda}{N}\Big)W - \eta\frac{\partial J_{\text{data}}}{\partial W}",
          title="L2 is weight decay")
def _decay():
    N = sympy.Symbol("N", positive=True)
    w = sympy.Symbol("w", real=True)
    J_data = sympy.Function("J_data")
    J = J_data(w) + lam / (2 * N) * w ** 2
    step = w - eta * sympy.diff(J, w)  # SymPy differentiates the regularised loss
    return Comparison((1 - eta * lam / N) * w - eta * sympy.diff(J_data(w), w), step)


# --- dropout ---------------------------------------------------------------------------------------
@register("beyond.dropout-moments", "beyond", "eq-dropout-mean", "002",
          "with a mask m ~ Bernoulli(1 - p): E[m a / (1 - p)] = a (inverted dropout keeps the "
          "mean), E[m a] = (1 - p) a (unscaled dropout shrinks it), and the inverted unit's "
          "variance is a^2 p / (1 - p)",
          r"\mathbb E\Big[\frac{m\,a}{1-p}\Big] = a,\quad \mathbb E[m\,a] = (1-p)\,a,\quad "
          r"\operatorname{Var}\Big[\frac{m\,a}{1-p}\Big] = \frac{p}{1-p}\,a^2",
          title="Inverted dropout keeps the expected activation")
def _dropout_moments():
    p = sympy.Symbol("p", positive=True)
    a = sympy.Symbol("a", real=True)
    m = stats.Bernoulli("m", 1 - p)
    claimed = sympy.Matrix([a, (1 - p) * a, p / (1 - p) * a ** 2])
    truth = sympy.Matrix([stats.E(m * a / (1 - p)), stats.E(m * a),
                          stats.variance(m * a / (1 - p))])
    return Comparison(claimed, truth)


@register("beyond.dropout-next-layer", "beyond", "eq-dropout-next", "book",
          "with three units dropped independently (inverted dropout), the next layer's "
          "pre-activation has the expected value it has without dropout",
          r"\mathbb E\Big[\sum_{i=1}^{3} \frac{m_i a_i}{1-p}\,w_i + b\Big] = "
          r"\sum_{i=1}^{3} a_i w_i + b",
          title="The next layer sees the same mean")
def _dropout_next():
    p = sympy.Symbol("p", positive=True)
    a = sympy.symbols("a_1:4", real=True)
    w = sympy.symbols("w_1:4", real=True)
    b = sympy.Symbol("b", real=True)
    ms = [stats.Bernoulli(f"m_{i + 1}", 1 - p) for i in range(3)]
    z = sum(ms[i] * a[i] / (1 - p) * w[i] for i in range(3)) + b
    return Comparison(sum(a[i] * w[i] for i in range(3)) + b, stats.E(z))


# --- initialisation --------------------------------------------------------------------------------
@register("beyond.init-variance", "beyond", "eq-init-var", "book",
          "for z = sum of n = 3 products w_i a_i with independent zero-mean weights and inputs, "
          "Var(z) = n Var(w) Var(a)",
          r"\operatorname{Var}\Big(\sum_{i=1}^{n} w_i a_i\Big) = "
          r"n\,\operatorname{Var}(w)\operatorname{Var}(a)\qquad(n = 3)",
          title="Each layer multiplies the variance by n Var(w)")
def _init_variance():
    sw, sa = sympy.symbols("sigma_w sigma_a", positive=True)
    n = 3
    ws = [stats.Normal(f"w_{i + 1}", 0, sw) for i in range(n)]
    xs = [stats.Normal(f"a_{i + 1}", 0, sa) for i in range(n)]
    z = sum(wi * ai for wi, ai in zip(ws, xs))
    # Var(z) = E[z^2] - E[z]^2, each expectation taken term by term (linearity) by sympy.stats,
    # which integrates every product over the joint density: faster than stats.variance(z)
    second = sympy.Add(*[stats.E(term) for term in sympy.expand(z ** 2).args])
    first = sympy.Add(*[stats.E(term) for term in z.args])
    return Comparison(n * sw ** 2 * sa ** 2, second - first ** 2)


@register("beyond.init-he-relu", "beyond", "eq-init-he", "book",
          "a ReLU halves the second moment of a zero-mean Gaussian pre-activation, "
          "E[relu(z)^2] = Var(z)/2, so Var(w) = 2/n keeps the signal's size from layer to layer",
          r"z \sim \mathcal N(0, s^2):\quad \mathbb E\big[\max(z, 0)^2\big] = \frac{s^2}{2}",
          title="Why He's initialisation has a 2")
def _he():
    s = sympy.Symbol("s", positive=True)
    z = sympy.Symbol("z", real=True)
    density = sympy.exp(-z ** 2 / (2 * s ** 2)) / sympy.sqrt(2 * sympy.pi * s ** 2)
    second_moment = sympy.integrate(z ** 2 * density, (z, 0, sympy.oo))  # relu(z) = 0 for z < 0
    return Comparison(s ** 2 / 2, second_moment, method="simplify")
