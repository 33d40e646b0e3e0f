r"""Checks of the chapter "Backprop in matrix form for a batch" (chapters/backprop_matrix.ipynb,
chapter id ``"backprop-matrix"``).

Source 000's 2-3-2 tanh-softmax network with cross-entropy
(:func:`~nnlib.symbolic.network.net_000`): its two deltas and four gradients, each against
SymPy's own derivative of the loss, and the four formulas for any activations.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network, deltas_generic, dZ_da, net_000, net_generic
from ..registry import Comparison, register
from ..symbols import colsum, hadamard, phi_prime, row_constraint, softmax_pretty, softmax_rows

__all__ = []


@register("backprop-matrix.delta2", "backprop-matrix", "eq-delta2", "000",
          "the output delta of the mean cross-entropy through softmax: "
          "$\\delta^{(2)} = \\partial J/\\partial Z^{(2)} = \\frac1N(\\hat Y - Y)$, "
          "the $1/N$ coming from the mean over the $N$ samples",
          r"\delta^{(2)} = \frac{\partial J}{\partial Z^{(2)}} = \frac{1}{N}(\hat Y - Y)",
          title="The output delta")
def _():
    net = net_000()
    Zf, truth = net.delta_truth(1)
    claim = (softmax_rows(Zf) - net.Y) / net.N
    return Comparison(claim, truth, names={z: z for z in Zf}, subs=row_constraint(net.Y),
                      pretty=softmax_pretty(2, 2, 2))


@register("backprop-matrix.dZ2-da1", "backprop-matrix", "eq-dZ2-da1", "000",
          "dZ^(2)_mn / da^(1)_pq = W^(2)_qn when m = p, and 0 otherwise",
          r"\frac{\partial Z^{(2)}_{mn}}{\partial a^{(1)}_{pq}} = [m = p]\, W^{(2)}_{qn}",
          title="How the output logits depend on the hidden activations")
def _():
    return Comparison(*dZ_da(level=2))


@register("backprop-matrix.delta1", "backprop-matrix", "eq-delta1", "000",
          "the hidden delta of a tanh layer: "
          "$\\delta^{(1)} = \\big(\\delta^{(2)} W^{(2)T}\\big)\\odot\\big(1 - \\tanh^2 Z^{(1)}\\big)$",
          r"\delta^{(1)} = \left(1 - \tanh^2 Z^{(1)}\right)\odot \delta^{(2)}{W^{(2)}}^T",
          title="The hidden delta")
def _():
    net = net_000()
    Zf, Zs, As, L, names = net.tail(0)
    truth = Zf.applyfunc(lambda z: sympy.diff(L, z))
    delta2 = (As[-1] - net.Y) / net.N
    claim = hadamard(Zf.applyfunc(lambda z: 1 - sympy.tanh(z) ** 2), delta2 * net.W[1].T)
    return Comparison(claim, truth, names=names, subs=row_constraint(net.Y))


def _grad_check(net_fn, which, layer, delta_fn, subs_fn=None):
    def build():
        net = net_fn()
        deltas = delta_fn(net)
        if which == "W":
            claim, truth = net.A[layer].T * deltas[layer], net.grad_W[layer]
        else:
            claim, truth = colsum(deltas[layer]), net.grad_b[layer]
        return Comparison(claim, truth, names=net.names,
                          subs=subs_fn(net) if subs_fn else None)
    return build


def _deltas_000(net):
    d2 = (net.A[2] - net.Y) / net.N
    d1 = hadamard(net.Z[0].applyfunc(lambda z: 1 - sympy.tanh(z) ** 2), d2 * net.W[1].T)
    return [d1, d2]


_row_Y = lambda net: row_constraint(net.Y)  # noqa: E731


register("backprop-matrix.dW2", "backprop-matrix", "eq-dW2", "000",
         "the output weights' gradient $\\partial J/\\partial W^{(2)} = A^{(1)T}\\delta^{(2)}$, "
         "in index form $\\sum_n a^{(1)}_{nj}\\,\\delta^{(2)}_{nk}$",
         r"\frac{\partial J}{\partial W^{(2)}} = {A^{(1)}}^T\delta^{(2)}",
         title="The output weights' gradient")(
    _grad_check(net_000, "W", 1, _deltas_000, _row_Y))


register("backprop-matrix.db2", "backprop-matrix", "eq-db2", "000",
         "the output bias gradient is the column sums of $\\delta^{(2)}$, "
         "$\\partial J/\\partial b^{(2)} = \\mathbf 1^T\\delta^{(2)}$",
         r"\frac{\partial J}{\partial b^{(2)}_j} = \sum_n \delta^{(2)}_{nj} = (\mathbf 1^T\delta^{(2)})_j",
         title="The output bias gradient")(
    _grad_check(net_000, "b", 1, _deltas_000, _row_Y))


register("backprop-matrix.dW1", "backprop-matrix", "eq-dW1", "000",
         "the hidden weights' gradient $\\partial J/\\partial W^{(1)} = X^T\\delta^{(1)}$, "
         "in index form $\\sum_n x_{ni}\\,\\delta^{(1)}_{nj}$",
         r"\frac{\partial J}{\partial W^{(1)}} = X^T\delta^{(1)}",
         title="The hidden weights' gradient")(
    _grad_check(net_000, "W", 0, _deltas_000, _row_Y))


register("backprop-matrix.db1", "backprop-matrix", "eq-db1", "000",
         "the hidden bias gradient is the column sums of $\\delta^{(1)}$, "
         "$\\partial J/\\partial b^{(1)} = \\mathbf 1^T\\delta^{(1)}$",
         r"\frac{\partial J}{\partial b^{(1)}_j} = \sum_n \delta^{(1)}_{nj}",
         title="The hidden bias gradient")(
    _grad_check(net_000, "b", 0, _deltas_000, _row_Y))


@register("backprop-matrix.generic-2-3-2", "backprop-matrix", "eq-backprop-summary", "book",
          "for ANY activations phi (hidden) and psi (output) with MSE, the four backprop formulas give "
          "every gradient of the 2-3-2 network",
          r"\begin{aligned}"
          r"\delta^{(2)} &= \tfrac1N(A^{(2)} - Y)\odot\psi'(Z^{(2)}), & "
          r"\delta^{(1)} &= \delta^{(2)}{W^{(2)}}^T\odot\phi'(Z^{(1)}),\\ "
          r"\frac{\partial J}{\partial W^{(l)}} &= {A^{(l-1)}}^T\delta^{(l)}, & "
          r"\frac{\partial J}{\partial b^{(l)}} &= \mathbf 1^T\delta^{(l)}"
          r"\end{aligned}",
          title="The four formulas for any activation")
def _():
    net = net_generic()
    d = deltas_generic(net)
    parts_c, parts_t = [], []
    for l in range(2):
        parts_c += list(net.A[l].T * d[l]) + list(colsum(d[l]))
        parts_t += list(net.grad_W[l]) + list(net.grad_b[l])
    return Comparison(sympy.Matrix(parts_c), sympy.Matrix(parts_t), names=net.names)


@register("backprop-matrix.delta1-generic", "backprop-matrix", "eq-delta1", "book",
          "For ANY hidden activation phi (softmax output, cross-entropy, N = 2): "
          "delta^(1) = (delta^(2) W^(2)T) * phi'(Z^(1))",
          r"\delta^{(1)} = \left(\delta^{(2)}\,{W^{(2)}}^{T}\right)\odot\phi'\!\left(Z^{(1)}\right),"
          r"\quad \delta^{(2)} = \tfrac1N(\hat Y - Y)",
          title="The hidden delta for a generic activation")
def _delta1_generic():
    net = build_network((2, 3, 2), ("phi", "softmax"), "cross_entropy", 2)
    Zf, Zs, As, L, names = net.tail(0)
    truth = Zf.applyfunc(lambda z: sympy.diff(L, z))
    delta2 = (softmax_rows(Zs[1]) - net.Y) / net.N
    claim = hadamard(delta2 * net.W[1].T, Zf.applyfunc(phi_prime))
    Y = net.Y
    return Comparison(claim, truth, names=names,
                      subs={Y[i, -1]: 1 - sum(Y[i, j] for j in range(Y.cols - 1)) for i in range(Y.rows)})
