r"""Checks of the chapter "The chain rule, one weight at a time" (chapters/chain_rule.ipynb,
chapter id ``"chain-rule"``).

Source 002's 2-2-2 network with weights ``a..h`` and biases ``b_F .. b_I``
(:func:`~nnlib.symbolic.network.net_002`), its activation kept generic (:math:`\sigma` with
derivative :math:`\sigma'`), its error :math:`E = (H - t_1)^2 + (I - t_2)^2` for one sample:
its partial derivatives neuron by neuron, assembled into matrices, and as "deltas"
:math:`\delta_X = \partial E/\partial\,net_X` (computed by SymPy with :math:`net_X` replaced
by a free symbol); and source 003's local gradient and batch sum.

The page shows these checks in the order they are registered here.
"""

from __future__ import annotations

import sympy

from ..network import build_network, net_002
from ..registry import Comparison, register
from ..symbols import phi, phi_prime, psi, sigma, sigma_prime

__all__ = ["PARAMS_002", "deltas_002", "delta_truth_002", "weight_inputs_002",
           "output_matrix_002", "hidden_matrix_002"]


@register("chain-rule.002-forward", "chain-rule", "eq-002-forward", "002",
          "stacking each layer's two neurons turns the four neuron equations of the 2-2-2 "
          "network into one matrix form: per layer, the weight matrix times the layer's inputs "
          "plus the column of biases, through the activation",
          r"\begin{pmatrix}H\\I\end{pmatrix} = \phi\!\left(\begin{pmatrix}e&f\\g&h\end{pmatrix}"
          r"\phi\!\left(\begin{pmatrix}a&b\\c&d\end{pmatrix}\begin{pmatrix}i_1\\i_2\end{pmatrix}"
          r"+\begin{pmatrix}b_F\\b_G\end{pmatrix}\right)+\begin{pmatrix}b_H\\b_I\end{pmatrix}\right)",
          title="The forward pass in matrix form")
def _():
    S = net_002()
    V = sympy.Matrix([[S["a"], S["b"]], [S["c"], S["d"]]])
    W = sympy.Matrix([[S["e"], S["f"]], [S["g"], S["h"]]])
    inner = (V * sympy.Matrix([S["i1"], S["i2"]]) + sympy.Matrix([S["bF"], S["bG"]])).applyfunc(sigma)
    out = (W * inner + sympy.Matrix([S["bH"], S["bI"]])).applyfunc(sigma)
    return Comparison(out, sympy.Matrix([S["H"], S["I"]]), names=S["names"])


@register("chain-rule.002-output-partials", "chain-rule", "eq-002-output-jacobian", "002",
          "the output-layer partial derivatives of the 2-2-2 network, entry by entry: "
          "$e, f, b_H$ move only $H$ and $g, h, b_I$ only $I$, each by the output's slope "
          "times what it multiplies, $F$, $G$ or 1",
          r"\begin{pmatrix}\frac{\partial H}{\partial e}&\frac{\partial H}{\partial "
          r"f}&\frac{\partial H}{\partial b_H}\\"
          r"\frac{\partial I}{\partial g}&\frac{\partial I}{\partial h}&\frac{\partial I}{\partial b_I}\end{pmatrix}"
          r" = \phi'\!\begin{pmatrix}net_H\\net_I\end{pmatrix}\begin{pmatrix}F&G&1\end{pmatrix}",
          title="The output-layer partial derivatives")
def _():
    S = net_002()
    truth = sympy.Matrix([[sympy.diff(S["H"], S[v]) for v in ("e", "f", "bH")],
                          [sympy.diff(S["I"], S[v]) for v in ("g", "h", "bI")]])
    claim = sympy.Matrix([S["sH"], S["sI"]]) * sympy.Matrix([[S["F"], S["G"], 1]])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-hidden-partials-H", "chain-rule", "eq-002-dH-hidden", "002",
          "the partials of the output $H$ with respect to $a, b, b_F, c, d$, each through the one "
          "hidden neuron the parameter feeds: $H$'s slope, the weight to $H$, the hidden "
          "neuron's slope, and the input",
          r"\frac{\partial H}{\partial a} = \phi'(net_H)\,e\,\phi'(net_F)\,i_1,\ \dots,\ "
          r"\frac{\partial H}{\partial d} = \phi'(net_H)\,f\,\phi'(net_G)\,i_2",
          title="The hidden-layer partials of H")
def _():
    S = net_002()
    sH, sF, sG, e, f = S["sH"], S["sF"], S["sG"], S["e"], S["f"]
    claim = sympy.Matrix([sH * e * sF * S["i1"], sH * e * sF * S["i2"], sH * e * sF,
                          sH * f * sG * S["i1"], sH * f * sG * S["i2"]])
    truth = sympy.Matrix([sympy.diff(S["H"], S[v]) for v in ("a", "b", "bF", "c", "d")])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-hidden-partials-I", "chain-rule", "eq-002-dI-hidden", "002",
          "the partials of the output $I$ with respect to $a, b, c, d$: $I$'s slope, the weight "
          "to $I$, the hidden neuron's slope, and the input",
          r"\frac{\partial I}{\partial a} = \phi'(net_I)\,g\,\phi'(net_F)\,i_1,\ \dots,\ "
          r"\frac{\partial I}{\partial d} = \phi'(net_I)\,h\,\phi'(net_G)\,i_2",
          title="The hidden-layer partials of I")
def _():
    S = net_002()
    sI, sF, sG, g_, h = S["sI"], S["sF"], S["sG"], S["g"], S["h"]
    claim = sympy.Matrix([sI * g_ * sF * S["i1"], sI * g_ * sF * S["i2"],
                          sI * h * sG * S["i1"], sI * h * sG * S["i2"]])
    truth = sympy.Matrix([sympy.diff(S["I"], S[v]) for v in ("a", "b", "c", "d")])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-output-assembly", "chain-rule", "eq-002-output-assembly", "002",
          "the output layer's six derivatives of $E$, one row per output neuron, are an outer "
          "product: the column of $2\\,(\\text{output} - t)$ times each output's slope, "
          "times the row $(F\\ G\\ 1)$; the slopes factor out as a diagonal matrix",
          r"\begin{pmatrix}\frac{\partial E}{\partial e}&\frac{\partial E}{\partial "
          r"f}&\frac{\partial E}{\partial b_H}\\"
          r"\frac{\partial E}{\partial g}&\frac{\partial E}{\partial h}&\frac{\partial E}{\partial b_I}\end{pmatrix}"
          r" = \begin{pmatrix}\phi'(net_H)&0\\0&\phi'(net_I)\end{pmatrix}\cdot 2"
          r"\begin{pmatrix}H-t_1\\I-t_2\end{pmatrix}\begin{pmatrix}F&G&1\end{pmatrix}",
          title="The output-layer gradient matrix")
def _():
    S = net_002()
    truth = sympy.Matrix([[sympy.diff(S["Error"], S[v]) for v in ("e", "f", "bH")],
                          [sympy.diff(S["Error"], S[v]) for v in ("g", "h", "bI")]])
    claim = (sympy.diag(S["sH"], S["sI"]) * 2 * sympy.Matrix([S["H"] - S["t1"], S["I"] - S["t2"]])
             * sympy.Matrix([[S["F"], S["G"], 1]]))
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.002-hidden-error-partials", "chain-rule", "eq-002-dE-hidden", "002",
          "the error's derivatives with respect to the hidden weights $a, b, c, d$, common "
          "factors collected: 2 times the hidden neuron's slope times the input, times the sum "
          "over the outputs of (output $-$ target) times the output's slope times the weight "
          "to it",
          r"\frac{\partial E}{\partial a} = 2\phi'(net_F)\,i_1\left((H-t_1)\phi'(net_H)\,e + "
          r"(I-t_2)\phi'(net_I)\,g\right),\ \dots",
          title="The hidden-layer error derivatives")
def _():
    S = net_002()
    rH, rI = (S["H"] - S["t1"]) * S["sH"], (S["I"] - S["t2"]) * S["sI"]
    viaF = 2 * S["sF"] * (rH * S["e"] + rI * S["g"])
    viaG = 2 * S["sG"] * (rH * S["f"] + rI * S["h"])
    claim = sympy.Matrix([viaF * S["i1"], viaF * S["i2"], viaG * S["i1"], viaG * S["i2"]])
    truth = sympy.Matrix([sympy.diff(S["Error"], S[v]) for v in ("a", "b", "c", "d")])
    return Comparison(claim, truth, names=S["names"])


@register("chain-rule.003-local-gradient", "chain-rule", "eq-003-dC-dz", "003",
          "for a unit that feeds $z'$ and $z''$ through the weights $w_3$ and $w_4$, the loss's "
          "derivative with respect to the unit's net input $z$ is its slope at $z$ times "
          "($w_3$ times the derivative at $z'$ plus $w_4$ times the derivative at $z''$)",
          r"\frac{\partial C}{\partial z} = \phi'(z)\left[w_3\frac{\partial C}{\partial z'} + "
          r"w_4\frac{\partial C}{\partial z''}\right]",
          title="The delta of a unit that feeds two others")
def _():
    z, zp, zpp = sympy.symbols("z z' z''")
    w3, w4, b1, b2, y1, y2 = sympy.symbols("w_3 w_4 b' b'' y_1 y_2")
    C_of = lambda u, v: (psi(u) - y1) ** 2 / 2 + (psi(v) - y2) ** 2 / 2  # noqa: E731
    a = sigma(z)
    up, upp = w3 * a + b1, w4 * a + b2
    dC_dzp = sympy.diff(C_of(zp, zpp), zp).xreplace({zp: up, zpp: upp})
    dC_dzpp = sympy.diff(C_of(zp, zpp), zpp).xreplace({zp: up, zpp: upp})
    claim = sigma_prime(z) * (w3 * dC_dzp + w4 * dC_dzpp)
    names = {z: z, up: zp, upp: zpp}
    return Comparison(claim, sympy.diff(C_of(up, upp), z), names=names)


@register("chain-rule.003-batch-sum", "chain-rule", "eq-003-batch", "003",
          "the gradient of a sum of per-sample losses is the sum of the per-sample gradients",
          r"\frac{\partial}{\partial w}\sum_n C^n = \sum_n \frac{\partial C^n}{\partial w}",
          title="The gradient of a summed loss is a sum")
def _():
    net = build_network((2, 2), ("psi",), "mse", 3)
    per_sample = []
    for n in range(3):
        A, Y = net.A[1][n, :], net.Y[n, :]
        per_sample.append(sum((A[k] - Y[k]) ** 2 for k in range(2)) / 2)
    total = sum(per_sample)
    claim = net.W[0].applyfunc(lambda w: sum(sympy.diff(C, w) for C in per_sample))
    return Comparison(claim, net.W[0].applyfunc(lambda w: sympy.diff(total, w)), names=net.names)


PARAMS_002 = ("a", "b", "bF", "c", "d", "bG", "e", "f", "bH", "g", "h", "bI")


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


@register("chain-rule.002-error-chain", "chain-rule", "eq-chain-error", "002",
          "the error's chain rule $\\partial E/\\partial p = 2(H - t_1)\\,\\partial H/\\partial p + "
          "2(I - t_2)\\,\\partial I/\\partial p$ holds for every one of the 12 parameters",
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
          r"\begin{aligned}\delta_H &= 2(H-t_1)\,\phi'(net_H), & \delta_I &= 2(I-t_2)\,\phi'(net_I),\\"
          r"\delta_F &= \phi'(net_F)\,(e\,\delta_H + g\,\delta_I), & "
          r"\delta_G &= \phi'(net_G)\,(f\,\delta_H + h\,\delta_I)\end{aligned}",
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
          "the two gradient matrices of the error $E$ are $2N$ times the book's gradients of the "
          "mean loss $J = \\frac{1}{2N}\\sum (A - Y)^2$, with the bias row folded in and "
          "transposed (N = 1)",
          r"\begin{aligned}\begin{pmatrix}\frac{\partial E}{\partial a}&\frac{\partial "
          r"E}{\partial b}&\frac{\partial E}{\partial b_F}\\"
          r"\frac{\partial E}{\partial c}&\frac{\partial E}{\partial d}&\frac{\partial E}{\partial b_G}\end{pmatrix}"
          r" &= 2N\begin{pmatrix}\partial J/\partial W^{(1)}\\ \partial J/\partial b^{(1)}\end{pmatrix}^{T},\\"
          r"\begin{pmatrix}\frac{\partial E}{\partial e}&\frac{\partial E}{\partial "
          r"f}&\frac{\partial E}{\partial b_H}\\"
          r"\frac{\partial E}{\partial g}&\frac{\partial E}{\partial h}&\frac{\partial E}{\partial b_I}\end{pmatrix}"
          r" &= 2N\begin{pmatrix}\partial J/\partial W^{(2)}\\ \partial J/\partial "
          r"b^{(2)}\end{pmatrix}^{T}\end{aligned}",
          title="The hand-built matrices in the book's layout")
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
