r"""Checks of the chapter "Gradient descent" (chapters/gradient_descent.ipynb,
chapter id ``"gradient-descent"``).

The update rule and its sign (source 001), why small steps go downhill (first-order
decrease, the second-order term), the iterates and the loss on a quadratic in closed form and
the learning rates for which they converge, the two-valley loss in numbers, and momentum
written as a decaying sum of past gradients, as a heavy ball, and with its wider stable range.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..registry import Comparison, register

__all__ = ["quadratic_iterate", "momentum_velocity", "TWO_VALLEYS"]

theta, theta0, eta, a, c, g = sympy.symbols("theta theta_0 eta a c g", real=True)


k = sympy.Symbol("k", integer=True, nonnegative=True)


def quadratic_iterate(step):
    r"""The closed form :math:`c + (1 - \eta a)^k(\theta_0 - c)` of gradient descent on
    :math:`\tfrac a2(\theta - c)^2`, at step ``step``."""
    return c + (1 - eta * a) ** step * (theta0 - c)


def momentum_velocity(grads, mu, lr):
    r"""nnlib's momentum update run symbolically: :math:`v \leftarrow \mu v - \eta g_t` from
    :math:`v = 0`; returns the velocity after the last gradient."""
    v = sympy.Integer(0)
    for gt in grads:
        v = mu * v - lr * gt
    return v


# --- gradient descent -----------------------------------------------------------------------
@register("gradient-descent.sign", "gradient-descent", "eq-gd-update", "001",
          "the step -eta dJ/dtheta has the opposite sign of the slope: a positive gradient moves "
          "theta left, a negative one right (for every eta > 0)",
          r"\operatorname{sign}\!\left(-\eta\,\frac{\partial J}{\partial\theta}\right) = "
          r"-\operatorname{sign}\!\left(\frac{\partial J}{\partial\theta}\right),\quad \eta > 0",
          title="Gradient descent steps against the slope")
def _sign():
    lr = sympy.Symbol("eta", positive=True)
    slope = sympy.Symbol("g", real=True)
    return Comparison(sympy.sign(-lr * slope), -sympy.sign(slope))


@register("gradient-descent.001-example", "gradient-descent", "eq-gd-update", "001",
          "the squared error $\\tfrac12(\\theta - 2)^2$ with the prediction at 4 has the slope "
          "$+2$, so the update $4 - 2\\eta$ moves the prediction left, towards 2",
          r"J = \tfrac12(\theta - 2)^2:\quad J'(4) = 2,\qquad 4 - \eta J'(4) = 4 - 2\eta",
          title="Prediction 4, target 2: the step goes left")
def _example():
    J = sympy.Rational(1, 2) * (theta - 2) ** 2
    slope = sympy.diff(J, theta).subs(theta, 4)
    return Comparison(sympy.Matrix([2, 4 - 2 * eta]), sympy.Matrix([slope, 4 - eta * slope]))


@register("gradient-descent.first-order-decrease", "gradient-descent", "eq-gd-decrease", "book",
          "for any differentiable loss of two parameters, the rate of change of "
          "J(theta - eta grad J) at eta = 0 is minus the squared length of the gradient: "
          "small enough steps always go downhill",
          r"\left.\frac{d}{d\eta}\,J\big(\theta - \eta\nabla J(\theta)\big)\right|_{\eta=0} = "
          r"-\lVert \nabla J(\theta) \rVert^2",
          title="Small steps go downhill")
def _decrease():
    t1, t2 = sympy.symbols("theta_1 theta_2", real=True)
    J = sympy.Function("J")
    g1, g2 = sympy.diff(J(t1, t2), t1), sympy.diff(J(t1, t2), t2)
    moved = J(t1 - eta * g1, t2 - eta * g2)
    truth = sympy.diff(moved, eta).subs(eta, 0).doit()
    return Comparison(-(g1 ** 2 + g2 ** 2), truth, method="simplify")


@register("gradient-descent.quadratic-iterate", "gradient-descent", "eq-gd-quadratic", "book",
          "on J = a/2 (theta - c)^2 gradient descent gives theta_k = c + (1 - eta a)^k "
          "(theta_0 - c): the closed form is theta_0 at k = 0 and obeys the update rule at "
          "every k",
          r"\theta_k = c + (1 - \eta a)^k(\theta_0 - c)",
          title="Gradient descent on a quadratic, in closed form")
def _quadratic():
    J = a / 2 * (theta - c) ** 2
    update = lambda t: t - eta * sympy.diff(J, theta).subs(theta, t)  # noqa: E731
    claimed = sympy.Matrix([quadratic_iterate(0), quadratic_iterate(k + 1)])
    truth = sympy.Matrix([theta0, update(quadratic_iterate(k))])
    return Comparison(sympy.expand_power_exp(claimed), sympy.expand_power_exp(truth))


@register("gradient-descent.stable-rates", "gradient-descent", "eq-gd-stable", "book",
          "the error is multiplied by 1 - eta a each step, so it shrinks exactly when "
          "0 < eta a < 2; it keeps its sign only when eta a < 1",
          r"|1 - \eta a| < 1 \iff 0 < \eta a < 2",
          title="Which learning rates converge")
def _stable():
    r = sympy.Symbol("r", real=True)  # r = eta * a
    solved = sympy.solveset(sympy.Abs(1 - r) < 1, r, sympy.S.Reals)
    if not isinstance(solved, sympy.Interval) or not (solved.left_open and solved.right_open):
        truth = sympy.Matrix([sympy.nan, sympy.nan])
    else:
        truth = sympy.Matrix([solved.inf, solved.sup])
    return Comparison(sympy.Matrix([0, 2]), truth)


@register("gradient-descent.momentum-sum", "gradient-descent", "eq-gd-momentum", "002",
          "nnlib's momentum (v <- mu v - eta g, theta <- theta + v, from v = 0) makes the "
          "velocity after four steps minus eta times the decaying sum of the gradients",
          r"v_4 = -\eta\left(g_4 + \mu g_3 + \mu^2 g_2 + \mu^3 g_1\right)",
          title="Momentum remembers past gradients")
def _momentum():
    mu = sympy.Symbol("mu", real=True)
    gs = sympy.symbols("g_1:5", real=True)
    claimed = -eta * sum(mu ** (4 - t) * gs[t - 1] for t in range(1, 5))
    return Comparison(claimed, momentum_velocity(gs, mu, eta))


@register("gradient-descent.momentum-heavy-ball", "gradient-descent", "eq-gd-momentum", "book",
          "with v_k = theta_k - theta_{k-1}, the momentum update is the 'heavy ball' rule "
          "theta_{k+1} = theta_k - eta g_k + mu (theta_k - theta_{k-1})",
          r"\theta_{k+1} = \theta_k - \eta g_k + \mu(\theta_k - \theta_{k-1})",
          title="Momentum as a heavy ball")
def _heavy_ball():
    mu = sympy.Symbol("mu", real=True)
    prev, now, grad = sympy.symbols("theta_{k-1} theta_k g_k", real=True)
    v = now - prev
    v_new = mu * v - eta * grad  # nnlib.MLP.fit's order: v <- mu v - eta g, then theta += v
    return Comparison(now - eta * grad + mu * (now - prev), now + v_new)


@register("gradient-descent.taylor-step", "gradient-descent", "eq-gd-taylor", "book",
          "one gradient step on a smooth loss of one parameter changes the loss by "
          "-eta J'^2 + eta^2/2 J'' J'^2 up to terms of order eta^3: the first term always "
          "goes down, the second (when J'' > 0) pushes back and wins once eta > 2/J''",
          r"J\big(\theta - \eta J'(\theta)\big) = J(\theta) - \eta\,J'(\theta)^2 + "
          r"\frac{\eta^2}{2}\,J''(\theta)\,J'(\theta)^2 + O(\eta^3)",
          title="One step, to second order")
def _taylor_step():
    J = sympy.Function("J")
    slope = sympy.Symbol("g", real=True)   # stands for J'(theta) inside the argument
    series = sympy.series(J(theta - eta * slope), eta, 0, 3).removeO()
    truth = series.subs(slope, sympy.diff(J(theta), theta)).doit()
    d1, d2 = sympy.diff(J(theta), theta), sympy.diff(J(theta), theta, 2)
    claimed = J(theta) - eta * d1 ** 2 + eta ** 2 / 2 * d2 * d1 ** 2
    return Comparison(claimed, truth, method="simplify")


@register("gradient-descent.quadratic-loss-factor", "gradient-descent", "eq-gd-loss-factor",
          "book",
          "on J = a/2 (theta - c)^2 one gradient step multiplies the loss by exactly "
          "(1 - eta a)^2, so the loss goes down exactly when 0 < eta a < 2",
          r"J\big(\theta - \eta J'(\theta)\big) = (1 - \eta a)^2\,J(\theta),\quad "
          r"J = \tfrac a2(\theta - c)^2",
          title="One step on a quadratic, exactly")
def _quadratic_loss_factor():
    J = lambda t: a / 2 * (t - c) ** 2  # noqa: E731
    stepped = theta - eta * sympy.diff(J(theta), theta)
    return Comparison((1 - eta * a) ** 2 * J(theta), J(stepped))


TWO_VALLEYS = (theta ** 2 - 1) ** 2 + sympy.Rational(3, 10) * theta
"""The chapter's loss with two valleys (``LOSSES_1D["two valleys"]`` in nnlib.experiments.descent)."""


@register("gradient-descent.two-valleys", "gradient-descent", "eq-gd-valleys", "book",
          "J = (theta^2 - 1)^2 + 0.3 theta has slope zero at -1.036, 0.075 and 0.960 (three "
          "decimals); the outer two are minima with J = -0.305 and 0.294 and curvature "
          "J'' = 8.869 and 7.063, so steps stay stable near them for eta < 0.226 and 0.283",
          r"\begin{gathered}J = (\theta^2-1)^2 + 0.3\,\theta:\quad J' = 0 \text{ at } "
          r"\theta \approx -1.036,\ 0.075,\ 0.960\\ \text{at the minima: } "
          r"J \approx -0.305,\ 0.294,\quad J'' \approx 8.869,\ 7.063\\ "
          r"\frac{2}{J''} \approx 0.226,\ 0.283\end{gathered}",
          title="The two valleys, in numbers")
def _two_valleys():
    slope = sympy.diff(TWO_VALLEYS, theta)
    roots = sorted(r for r in sympy.Poly(slope, theta).nroots(n=30) if r.is_real)
    curv = sympy.diff(TWO_VALLEYS, theta, 2)
    lo, mid, hi = roots if len(roots) == 3 else (sympy.nan,) * 3
    kappa = [curv.subs(theta, r) for r in (lo, hi)]
    truth = sympy.Matrix([lo, mid, hi, TWO_VALLEYS.subs(theta, lo), TWO_VALLEYS.subs(theta, hi),
                          *kappa, *(2 / k for k in kappa)])
    claimed = sympy.Matrix([sympy.Float(v) for v in
                            ("-1.036", "0.075", "0.960", "-0.305", "0.294", "8.869", "7.063",
                             "0.226", "0.283")])
    return Comparison(claimed, truth, tolerance=5e-4)


@register("gradient-descent.momentum-stable-edge", "gradient-descent", "eq-gd-momentum-stable",
          "book",
          "on J = a/2 (theta - c)^2 momentum moves the error pair (e_k, e_{k-1}) with a 2x2 "
          "matrix whose characteristic polynomial is lambda^2 - (1 + mu - eta a) lambda + mu; "
          "it has the root -1 exactly at eta a = 2(1 + mu), the edge of the stable range",
          r"\begin{gathered}\det(\lambda I - M) = \lambda^2 - (1 + \mu - \eta a)\lambda + "
          r"\mu,\\ \det(-I - M) = 2(1 + \mu) - \eta a\end{gathered}",
          title="Momentum widens the stable range")
def _momentum_edge():
    mu, lam = sympy.symbols("mu lambda", real=True)
    e_now, e_prev = sympy.symbols("e_k e_{k-1}", real=True)
    # heavy ball on the error e = theta - c, with J'(theta) = a e (check momentum-heavy-ball)
    e_next = e_now - eta * a * e_now + mu * (e_now - e_prev)
    M = sympy.Matrix([[sympy.diff(e_next, e_now), sympy.diff(e_next, e_prev)], [1, 0]])
    char = (lam * sympy.eye(2) - M).det()
    claimed = sympy.Matrix([lam ** 2 - (1 + mu - eta * a) * lam + mu, 2 * (1 + mu) - eta * a])
    return Comparison(claimed, sympy.Matrix([char, char.subs(lam, -1)]))
