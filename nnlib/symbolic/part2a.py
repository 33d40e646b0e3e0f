r"""Checks for the chapters "The chain rule, one weight at a time" (sources 002, 003) and
"Backprop in matrix form for a batch" (source 000) that :mod:`.derivations` does not register.

Source 002's network is the 2-2-2 network with weights ``a..h`` and biases ``b_F .. b_I``
(:func:`~nnlib.symbolic.derivations.net_002`), its activation kept generic (:math:`\sigma`
with derivative :math:`\sigma'`), its error :math:`E = (H - t_1)^2 + (I - t_2)^2` for one sample.
The "deltas" are :math:`\delta_X = \partial E/\partial\,net_X`, computed by SymPy with
:math:`net_X` replaced by a free symbol.
"""

from __future__ import annotations

import sympy

from .checks import Comparison, register
from .derivations import net_002, sigma, sigma_prime
from .network import build_network, hadamard, phi, phi_prime, softmax_rows

__all__ = ["PARAMS_002", "deltas_002", "delta_truth_002", "hidden_matrix_002",
           "output_matrix_002", "weight_inputs_002"]

PARAMS_002 = ("a", "b", "bF", "c", "d", "bG", "e", "f", "bH", "g", "h", "bI")
"""Source 002's twelve parameters, hidden layer first, each neuron's weights then its bias."""


def deltas_002(S):
    r"""The chain rule's deltas written as source 002's factors (the claim).

    :math:`\delta_H = 2(H - t_1)\sigma'(net_H)`, :math:`\delta_I = 2(I - t_2)\sigma'(net_I)`,
    :math:`\delta_F = \sigma'(net_F)(e\,\delta_H + g\,\delta_I)`,
    :math:`\delta_G = \sigma'(net_G)(f\,\delta_H + h\,\delta_I)`.  Returns a dict ``F G H I``.
    """
    dH = 2 * (S["H"] - S["t1"]) * S["sH"]
    dI = 2 * (S["I"] - S["t2"]) * S["sI"]
    return {"H": dH, "I": dI,
            "F": S["sF"] * (S["e"] * dH + S["g"] * dI),
            "G": S["sG"] * (S["f"] * dH + S["h"] * dI)}


def delta_truth_002(S):
    r"""Ground truth :math:`\partial E/\partial\,net_X` for X in F, G, H, I: SymPy differentiates
    the error with :math:`net_X` replaced by a free symbol, then puts the expression back."""
    u = sympy.Symbol("u")
    out = {}
    for X in "FGHI":
        net = S["net" + X]
        if X in "HI":
            H = sigma(u) if X == "H" else S["H"]
            I = sigma(u) if X == "I" else S["I"]
        else:
            act = sigma(u)
            F = act if X == "F" else S["F"]
            G = act if X == "G" else S["G"]
            H = sigma(S["e"] * F + S["f"] * G + S["bH"])
            I = sigma(S["g"] * F + S["h"] * G + S["bI"])
        E = (H - S["t1"]) ** 2 + (I - S["t2"]) ** 2
        out[X] = sympy.diff(E, u).xreplace({u: net})
    return out


def weight_inputs_002(S):
    """Per parameter: (the neuron it feeds, the value it multiplies), e.g. ``a -> ("F", i1)``."""
    F, G = S["F"], S["G"]
    return {"a": ("F", S["i1"]), "b": ("F", S["i2"]), "bF": ("F", 1),
            "c": ("G", S["i1"]), "d": ("G", S["i2"]), "bG": ("G", 1),
            "e": ("H", F), "f": ("H", G), "bH": ("H", 1),
            "g": ("I", F), "h": ("I", G), "bI": ("I", 1)}


def output_matrix_002(S):
    r"""The output layer's gradient assembled as an outer product: rows H, I; columns F, G, 1."""
    return sympy.Matrix([deltas_002(S)["H"], deltas_002(S)["I"]]) * sympy.Matrix([[S["F"], S["G"], 1]])


def hidden_matrix_002(S):
    r"""The hidden layer's gradient assembled with the transposed output weights:
    :math:`\operatorname{diag}(\sigma'(net_F), \sigma'(net_G))\,[e\ g; f\ h]\,(\delta_H; \delta_I)
    (i_1\ i_2\ 1)`, a 2x3 matrix (rows F, G; columns i_1, i_2, 1)."""
    d = deltas_002(S)
    WoutT = sympy.Matrix([[S["e"], S["g"]], [S["f"], S["h"]]])
    return (sympy.diag(S["sF"], S["sG"]) * WoutT * sympy.Matrix([d["H"], d["I"]])
            * sympy.Matrix([[S["i1"], S["i2"], 1]]))


def _grad_002(S, names):
    return sympy.Matrix([[sympy.diff(S["Error"], S[p]) for p in row] for row in names])


# =========================================== chain rule (002, 003) ===========================
@register("chain-rule.002-error-chain", "chain-rule", "eq-chain-error", "002",
          "002's d(Error) = 2(H - t1) dH + 2(I - t2) dI holds for every one of the 12 parameters",
          r"\frac{\partial E}{\partial p} = 2(H - t_1)\frac{\partial H}{\partial p} + "
          r"2(I - t_2)\frac{\partial I}{\partial p}\quad\text{for } p \in \{a,\dots,h,b_F,\dots,b_I\}",
          title="The error's chain rule, all twelve parameters")
def _error_chain():
    S = net_002()
    claim = sympy.Matrix([2 * (S["H"] - S["t1"]) * sympy.diff(S["H"], S[p])
                          + 2 * (S["I"] - S["t2"]) * sympy.diff(S["I"], S[p]) for p in PARAMS_002])
    truth = sympy.Matrix([sympy.diff(S["Error"], S[p]) for p in PARAMS_002])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-deltas", "chain-rule", "eq-chain-deltas", "003",
          "The backward pass: dE/dnet for the outputs is 2(out - t) sigma'(net); for a hidden "
          "neuron it is sigma'(net) times the outgoing weights times the output deltas",
          r"\begin{aligned}\delta_H &= 2(H-t_1)\,\sigma'(net_H), & \delta_I &= 2(I-t_2)\,\sigma'(net_I),\\"
          r"\delta_F &= \sigma'(net_F)\,(e\,\delta_H + g\,\delta_I), & "
          r"\delta_G &= \sigma'(net_G)\,(f\,\delta_H + h\,\delta_I)\end{aligned}",
          title="The four deltas dE/dnet")
def _deltas():
    S = net_002()
    claim, truth = deltas_002(S), delta_truth_002(S)
    return Comparison(sympy.Matrix([claim[X] for X in "FGHI"]),
                      sympy.Matrix([truth[X] for X in "FGHI"]), names=S["names"])


@register("chain-rule.002-forward-times-backward", "chain-rule", "eq-chain-product", "003",
          "Every one of the 12 partials is (dE/dnet of the neuron the weight feeds) times (the "
          "value the weight multiplies): backward pass times forward pass",
          r"\frac{\partial E}{\partial w} = \underbrace{\frac{\partial E}{\partial\,net}}_{\text{backward}}"
          r"\;\underbrace{\frac{\partial\,net}{\partial w}}_{\text{forward}},\quad"
          r"\text{e.g. } \frac{\partial E}{\partial a} = \delta_F\, i_1,\ "
          r"\frac{\partial E}{\partial f} = \delta_H\, G,\ \frac{\partial E}{\partial b_I} = \delta_I",
          title="Every partial is delta times input")
def _forward_times_backward():
    S = net_002()
    d, inputs = deltas_002(S), weight_inputs_002(S)
    claim = sympy.Matrix([d[inputs[p][0]] * inputs[p][1] for p in PARAMS_002])
    truth = sympy.Matrix([sympy.diff(S["Error"], S[p]) for p in PARAMS_002])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-vs-book-layout", "chain-rule", "eq-chain-to-nnlib", "book",
          "002's two matrices are the book's gradients of the mean loss 1/(2N) sum (A - Y)^2, "
          "times 2N, with the bias row folded in and transposed (N = 1)",
          r"\begin{aligned}\begin{pmatrix}\frac{\partial E}{\partial a}&\frac{\partial E}{\partial b}&\frac{\partial E}{\partial b_F}\\"
          r"\frac{\partial E}{\partial c}&\frac{\partial E}{\partial d}&\frac{\partial E}{\partial b_G}\end{pmatrix}"
          r" &= 2N\begin{pmatrix}\partial J/\partial W^{(1)}\\ \partial J/\partial b^{(1)}\end{pmatrix}^{T},\\"
          r"\begin{pmatrix}\frac{\partial E}{\partial e}&\frac{\partial E}{\partial f}&\frac{\partial E}{\partial b_H}\\"
          r"\frac{\partial E}{\partial g}&\frac{\partial E}{\partial h}&\frac{\partial E}{\partial b_I}\end{pmatrix}"
          r" &= 2N\begin{pmatrix}\partial J/\partial W^{(2)}\\ \partial J/\partial b^{(2)}\end{pmatrix}^{T}\end{aligned}",
          title="002's matrices in the book's layout")
def _vs_book_layout():
    S = net_002()
    net = build_network((2, 2, 2), ("phi", "phi"), "mse", 1)
    W1, W2, b1, b2 = net.W[0], net.W[1], net.b[0], net.b[1]
    # 002's names in nnlib's layout: W1 = [[a, c], [b, d]] (rows are inputs), W2 = [[e, g], [f, h]]
    back = {S["a"]: W1[0, 0], S["c"]: W1[0, 1], S["b"]: W1[1, 0], S["d"]: W1[1, 1],
            S["e"]: W2[0, 0], S["g"]: W2[0, 1], S["f"]: W2[1, 0], S["h"]: W2[1, 1],
            S["bF"]: b1[0], S["bG"]: b1[1], S["bH"]: b2[0], S["bI"]: b2[1],
            S["i1"]: net.X[0, 0], S["i2"]: net.X[0, 1], S["t1"]: net.Y[0, 0], S["t2"]: net.Y[0, 1]}
    to_phi = lambda e: e.xreplace(back).replace(sigma, phi).replace(sigma_prime, phi_prime)  # noqa: E731
    claim = sympy.Matrix.vstack(hidden_matrix_002(S), output_matrix_002(S)).applyfunc(to_phi)
    N = net.N
    truth = sympy.Matrix.vstack((2 * N * net.grad_W[0].col_join(net.grad_b[0])).T,
                                (2 * N * net.grad_W[1].col_join(net.grad_b[1])).T)
    return Comparison(claim, truth, names=net.names)


# =========================================== backprop, matrix form (000) ====================
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
