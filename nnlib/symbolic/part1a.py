r"""Checks for the chapters "Notation", "Anatomy and the forward pass" and "Bias".

Each check builds the claim and an independent ground truth with SymPy (rows are samples, as in
nnlib: :math:`Z = XW + \mathbf 1 b`).  The chapters also show a few checks of
:mod:`.derivations` (``bias.folded-unit-first``, ``losses.001-negative-gradient``,
``losses.001-ce-example-log10``).  Ids start with the chapter id; labels are the chapters'
equation labels.  Checks with ``expect=False`` are a source's claim as written, which the book
shows to be wrong.
"""

from __future__ import annotations

import sympy

from .checks import Comparison, register
from .network import build_network, psi, psi_prime, softmax_rows, symbol_matrix

__all__ = ["column_convention", "folded_network_loss", "source000_z2"]


# --- helpers ---------------------------------------------------------------------------------
def _layer_symbols(n_in, n_out, N=2):
    X = symbol_matrix("x", N, n_in)
    W = symbol_matrix("w", n_in, n_out, layer=1)
    b = symbol_matrix("b", 1, n_out, layer=1, row_vector=True)
    return X, W, b


def column_convention(n_in=3, n_out=2, N=2):
    r"""Source 001's column form for a batch: samples are the columns of :math:`X^T`.

    Returns ``(X, W, b, columns)`` with ``columns = W^T X^T + b^T 1^T`` of shape (n_out, N).
    """
    X, W, b = _layer_symbols(n_in, n_out, N)
    return X, W, b, W.T * X.T + b.T * sympy.ones(1, N)


def source000_z2():
    r"""Source 000's :math:`Z^{(2)}` for the 2-3-2 network, typed entry by entry as printed.

    The printed (1, 2) and (2, 2) entries use :math:`w^{(2)}_{23}`; :math:`W^{(2)}` is 3x2, so
    its third row's second entry is :math:`w^{(2)}_{32}`.  Returns ``(A1, W2, b2, Z2)``.
    """
    A1 = symbol_matrix("a", 2, 3, layer=1)
    W2 = symbol_matrix("w", 3, 2, layer=2)
    b2 = symbol_matrix("b", 1, 2, layer=2, row_vector=True)
    w23 = sympy.Symbol("w^{(2)}_{23}")   # the symbol the source prints (no such entry in W2)
    a, w = A1, W2
    Z2 = sympy.Matrix([
        [a[0, 0] * w[0, 0] + a[0, 1] * w[1, 0] + a[0, 2] * w[2, 0] + b2[0],
         a[0, 0] * w[0, 1] + a[0, 1] * w[1, 1] + a[0, 2] * w23 + b2[1]],
        [a[1, 0] * w[0, 0] + a[1, 1] * w[1, 0] + a[1, 2] * w[2, 0] + b2[0],
         a[1, 0] * w[0, 1] + a[1, 1] * w[1, 1] + a[1, 2] * w23 + b2[1]],
    ])
    return A1, W2, b2, Z2


def folded_network_loss():
    r"""The 2-3-2 tanh/softmax/cross-entropy loss written with layer 1's bias folded.

    Layer 1 uses :math:`[X\ \mathbf 1]\,\tilde W^{(1)}` with :math:`\tilde W^{(1)}` a 3x3 matrix of
    fresh symbols :math:`\tilde w_{ij}`.  Returns ``(net, Wt, L)``: the unfolded symbolic
    network, the folded symbols and the loss as a function of them.
    """
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    Wt = symbol_matrix(r"\tilde w", 3, 3)
    Xa = net.X.row_join(sympy.ones(net.N, 1))
    A1 = (Xa * Wt).applyfunc(sympy.tanh)
    A2 = softmax_rows(A1 * net.W[1] + sympy.ones(net.N, 1) * net.b[1])
    L = -sympy.Add(*[net.Y[k] * sympy.log(A2[k]) for k in range(len(A2))]) / net.N
    return net, Wt, L


# --- chapter "notation" ----------------------------------------------------------------------
@register("notation.columns-vs-rows", "notation", "eq-notation-columns", "001",
          "Source 001's column form W^T x + b, one sample per column, is the transpose of the "
          "book's row form X W + 1 b.",
          r"W^{T} X^{T} + b^{T}\mathbf 1^{T} = \left(X W + \mathbf 1 b\right)^{T}",
          title="Columns and rows give the same numbers")
def _columns_vs_rows():
    X, W, b, columns = column_convention()
    rows = X * W + sympy.ones(X.rows, 1) * b
    return Comparison(columns, rows.T)


@register("notation.theta", "notation", "eq-notation-theta", "004",
          "Source 004's Theta has a column for the bias unit, a leading 1: z = Theta [1; a] in "
          "its column form.  Transposed into the book's rows that column is a first row, "
          "[1, a] Theta^T, and both give the book's a W + b.",
          r"\begin{bmatrix}\mathbf 1 & X\end{bmatrix}\begin{bmatrix} b \\ W\end{bmatrix}"
          r" = \left(\begin{bmatrix} b^{T} & W^{T}\end{bmatrix}"
          r"\begin{bmatrix}\mathbf 1^{T} \\ X^{T}\end{bmatrix}\right)^{T} = X W + \mathbf 1 b",
          title="Theta with a bias unit is W and b")
def _theta():
    X, W, b = _layer_symbols(3, 2)
    N = X.rows
    ones = sympy.ones(N, 1)
    theta_rows = b.col_join(W)                       # (n_in + 1, n_out), bias row first
    theta_cols = b.T.row_join(W.T)                   # (n_out, n_in + 1), bias column first
    claimed = sympy.Matrix.hstack(ones.row_join(X) * theta_rows,
                                  (theta_cols * ones.T.col_join(X.T)).T)
    truth = X * W + ones * b
    return Comparison(claimed, sympy.Matrix.hstack(truth, truth))


@register("bias.shift", "bias", "eq-bias-shift", "000",
          "A bias moves the curve sideways: tanh(w x + b) is tanh(w x) shifted to cross zero "
          "at x = -b/w (w not 0).",
          r"\tanh(w x + b) = \tanh\!\big(w\,(x - x_0)\big), \qquad x_0 = -\frac{b}{w}",
          title="The bias shifts the activation")
def _shift():
    w, x, b = sympy.symbols("w x b", real=True)
    x0 = -b / w
    return Comparison(sympy.tanh(w * (x - x0)), sympy.tanh(w * x + b), method="simplify")


@register("notation.delta-sign", "notation", "eq-notation-delta", "001",
          "Source 001's 'local gradient' (y - psi(a)) psi'(a) at an MSE output (001 calls the "
          "pre-activation a) is minus the book's delta = dJ/da.",
          r"\Delta_{001} = \big(y - \psi(a)\big)\,\psi'(a) = -\frac{\partial}{\partial a}"
          r"\tfrac12\big(y - \psi(a)\big)^{2} = -\delta",
          title="001's local gradient is minus the book's delta")
def _delta_sign():
    y, a = sympy.symbols("y a")
    loss = sympy.Rational(1, 2) * (y - psi(a)) ** 2
    return Comparison((y - psi(a)) * psi_prime(a), -sympy.diff(loss, a))


@register("notation.mean-vs-sum", "notation", "eq-notation-mean", "004",
          "The book averages the loss over the N samples (1/(2N)); source 004's regression "
          "loss sums (1/2): the book's gradient is 004's divided by N.",
          r"\frac{\partial}{\partial A}\,\frac{1}{2N}\sum_{n,k}(A_{nk}-Y_{nk})^{2}"
          r" = \frac{1}{N}\,\frac{\partial}{\partial A}\,\frac12\sum_{n,k}(A_{nk}-Y_{nk})^{2}"
          r" = \frac{A - Y}{N}",
          title="Mean over samples versus sum")
def _mean_vs_sum():
    N = 3
    A = symbol_matrix("a", N, 2)
    Y = symbol_matrix("y", N, 2)
    sq = sympy.Add(*[(A[k] - Y[k]) ** 2 for k in range(len(A))])
    book = A.applyfunc(lambda a: sympy.diff(sq / (2 * N), a))
    summed = A.applyfunc(lambda a: sympy.diff(sq / 2, a))
    claimed = sympy.Matrix.hstack(book, summed / N)
    return Comparison(claimed, sympy.Matrix.hstack((A - Y) / N, (A - Y) / N))


# --- chapter "forward-pass" ------------------------------------------------------------------
@register("forward-pass.single-neuron", "forward-pass", "eq-forward-neuron", "001",
          "Source 001's neuron: w = [1, 0, -1], x = [1, 2, 1], b = 3 gives w^T x + b = 3.",
          r"\begin{bmatrix}1 & 0 & -1\end{bmatrix}\begin{bmatrix}1\\2\\1\end{bmatrix} + 3 = 3",
          title="The single neuron")
def _single_neuron():
    w = sympy.Matrix([1, 0, -1])
    x = sympy.Matrix([1, 2, 1])
    return Comparison(sympy.Integer(3), (w.T * x)[0, 0] + 3)


@register("forward-pass.z-index-form", "forward-pass", "eq-forward-232", "000",
          "Entry by entry, Z_ij = sum_k x_ik w_kj + b_j is the matrix product X W + 1 b "
          "(2-3-2 network, N = 2, both layers).",
          r"Z^{(l)}_{ij} = \sum_{k} A^{(l-1)}_{ik} W^{(l)}_{kj} + b^{(l)}_{j}"
          r"\iff Z^{(l)} = A^{(l-1)} W^{(l)} + \mathbf 1 b^{(l)}",
          title="Index form equals the matrix product")
def _z_index_form():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    claimed, truth = [], []
    for l, (W, b) in enumerate(zip(net.W, net.b)):
        A = net.A[l]
        claimed.append(sympy.Matrix(A.rows, W.cols, lambda i, j: sympy.Add(
            *[A[i, k] * W[k, j] for k in range(W.rows)]) + b[0, j]))
        truth.append(A * W + sympy.ones(A.rows, 1) * b)
    return Comparison(sympy.Matrix.hstack(*claimed), sympy.Matrix.hstack(*truth), names={})


@register("forward-pass.output-elementwise", "forward-pass", "eq-forward-output", "000",
          "The 2-3-2 network's output written element by element (tanh hidden layer, softmax "
          "output) is softmax(tanh(X W1 + 1 b1) W2 + 1 b2).",
          r"\hat y_{ij} = \frac{\exp\!\big(\sum_k \tanh(\sum_m x_{im} w^{(1)}_{mk} + b^{(1)}_k)"
          r"\, w^{(2)}_{kj} + b^{(2)}_j\big)}{\sum_{c}\exp\!\big(\sum_k \tanh(\sum_m x_{im}"
          r" w^{(1)}_{mk} + b^{(1)}_k)\, w^{(2)}_{kc} + b^{(2)}_c\big)}",
          title="The whole forward pass, element by element")
def _output_elementwise():
    net = build_network((2, 3, 2), ("tanh", "softmax"), "cross_entropy", N=2)
    X, (W1, W2), (b1, b2) = net.X, net.W, net.b

    def z2(i, j):
        return sympy.Add(*[sympy.tanh(sympy.Add(*[X[i, m] * W1[m, k] for m in range(2)])
                                      + b1[0, k]) * W2[k, j] for k in range(3)]) + b2[0, j]

    claimed = sympy.Matrix(2, 2, lambda i, j: sympy.exp(z2(i, j))
                           / sympy.Add(*[sympy.exp(z2(i, c)) for c in range(2)]))
    return Comparison(claimed, net.A[-1], names={})


@register("forward-pass.source000-z2", "forward-pass", "eq-forward-z2-000", "000",
          "Source 000's printed second column of Z2 uses w_23; the 3x2 matrix W2 has no such "
          "entry, the product needs w_32.",
          r"Z^{(2)}_{i2} \overset{?}{=} a^{(1)}_{i1}w^{(2)}_{12} + a^{(1)}_{i2}w^{(2)}_{22} + "
          r"a^{(1)}_{i3}w^{(2)}_{23} + b^{(2)}_{2}",
          expect=False, title="Source 000's Z2 has a swapped index")
def _source000_z2():
    A1, W2, b2, Z2 = source000_z2()
    return Comparison(Z2, A1 * W2 + sympy.ones(2, 1) * b2)


# --- chapter "bias" --------------------------------------------------------------------------
@register("bias.artanh-half", "bias", "eq-bias-artanh", "000",
          "The bias that makes tanh(w x + b) equal 1/2 at x = 0 is b = artanh(1/2) = ln(3)/2.",
          r"\tanh\!\left(w\cdot 0 + \tfrac12\ln 3\right) = \tfrac12",
          title="The bias that gives 0.5 at x = 0")
def _artanh_half():
    w = sympy.Symbol("w")
    b = sympy.log(3) / 2
    return Comparison(sympy.tanh(w * 0 + b), sympy.Rational(1, 2), method="simplify")


@register("bias.source000-0549", "bias", "eq-bias-0549", "000",
          "Source 000's b ~ 0.549 is artanh(1/2) rounded to three decimals.",
          r"b \approx 0.549 \quad\text{with}\quad b = \operatorname{artanh}\tfrac12",
          title="Source 000's 0.549")
def _source000_0549():
    return Comparison(sympy.Rational(549, 1000), sympy.atanh(sympy.Rational(1, 2)),
                      tolerance=0.0005)


@register("bias.repeated-rows", "bias", "eq-bias-repeated", "000",
          "Source 000's bias matrix of N repeated rows gives the same Z as the broadcast vector.",
          r"X W + \begin{bmatrix} b \\ b\end{bmatrix} = X W + \mathbf 1 b",
          title="Repeated rows = broadcast vector")
def _repeated_rows():
    X, W, b = _layer_symbols(2, 3)
    return Comparison(X * W + b.col_join(b), X * W + sympy.ones(2, 1) * b)


@register("bias.appended-one", "bias", "eq-bias-folded", "002",
          "Appending a 1 to every input row and stacking b under W (sources 002 and 004) gives "
          "the same Z.",
          r"\begin{bmatrix} X & \mathbf 1\end{bmatrix}\begin{bmatrix} W \\ b\end{bmatrix}"
          r" = X W + \mathbf 1 b",
          title="Appended 1 = broadcast vector")
def _appended_one():
    X, W, b = _layer_symbols(2, 3)
    ones = sympy.ones(2, 1)
    return Comparison(X.row_join(ones) * W.col_join(b), X * W + ones * b)


@register("bias.folded-gradient", "bias", "eq-bias-folded-grad", "002",
          "The gradient with respect to the folded matrix [W; b] is [X 1]^T delta, which is "
          "[dW; db] (2-3-2 network, tanh, softmax, cross-entropy, N = 2, layer 1).",
          r"\frac{\partial J}{\partial \tilde W^{(1)}} = "
          r"\begin{bmatrix} X & \mathbf 1\end{bmatrix}^{T}\delta^{(1)} = "
          r"\begin{bmatrix} \partial J/\partial W^{(1)} \\ \partial J/\partial b^{(1)}\end{bmatrix}",
          title="Gradient of the folded matrix")
def _folded_gradient():
    net, Wt, L = folded_network_loss()
    back = {Wt[i, j]: (net.W[0][i, j] if i < 2 else net.b[0][0, j])
            for i in range(3) for j in range(3)}
    truth = Wt.applyfunc(lambda t: sympy.diff(L, t).xreplace(back))
    Zfree, delta = net.delta_truth(0)
    delta = delta.xreplace(dict(zip(Zfree, net.Z[0])))
    X_tilde = net.X.row_join(sympy.ones(net.N, 1))
    claimed = sympy.Matrix.hstack(X_tilde.T * delta, net.grad_W[0].col_join(net.grad_b[0]))
    return Comparison(claimed, sympy.Matrix.hstack(truth, truth), names=net.names)
