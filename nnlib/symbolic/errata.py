"""The sources' mistakes and the conventions that only look like mistakes, as data.

Every :class:`Erratum` is a record of one mistake in a source: where it is, what the source
says, the correction and how the mistake arises.  The errata chapter's module
(:mod:`nnlib.symbolic.chapters.errata`) gives each record its SymPy builds, which registers
two checks in chapter ``"errata"``:

* ``errata.<key>.source``: the source's claim as written (``expect=False``: it must FAIL, and
  its residual shows by how much);
* ``errata.<key>.corrected``: the corrected claim (``expect=True``: it must hold).

:func:`errata` gives the records in the order a reader meets them; :func:`conventions` the
differences of convention that look like mistakes.  :mod:`.errata_prose` writes them as pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import errata_prose
from .registry import all_checks, get_check
from .render import display

__all__ = ["Erratum", "Convention", "ERRATA", "CONVENTIONS", "READING_ORDER", "SOURCE_IDS",
           "errata", "conventions", "source_mistakes", "mistake_index",
           "errata_summary", "show_errata", "show_conventions"]


@dataclass(frozen=True)
class Erratum:
    """One mistake in a source, with the two checks that show it and fix it.

    Attributes
    ----------
    key : str
    source : str
        "000" ... "004".
    where : str
        Where in the source, in our words (section and what is being derived).
    says : str
        What the source claims, in words.
    says_latex : str
    correction : str
    correction_latex : str
    explanation : str
        One line: how the mistake arises (so readers can catch their own).
    also : tuple of str
        Other registered checks (in the chapters that meet the mistake) that test the same
        source claim and must fail too.
    further_parts : tuple of (part, claim, latex)
        A further mistake in the same claim that its first check cannot reach (a sign, when the
        shape is all the first check shows): the failing check ``errata.<key>.<part>``.
    """

    key: str
    source: str
    where: str
    says: str
    says_latex: str
    correction: str
    correction_latex: str
    explanation: str
    also: tuple = ()
    further_parts: tuple = ()

    @property
    def wrong_id(self):
        return f"errata.{self.key}.source"

    @property
    def right_id(self):
        return f"errata.{self.key}.corrected"

    @property
    def further(self):
        """The ids of the further failing checks, ``errata.<key>.<part>``."""
        return tuple(f"errata.{self.key}.{part}" for part, *_ in self.further_parts)

    @property
    def wrong(self):
        """The source's claim as a :class:`~nnlib.symbolic.registry.Check` (must fail)."""
        return get_check(self.wrong_id)

    @property
    def right(self):
        """The corrected claim as a :class:`~nnlib.symbolic.registry.Check` (must hold)."""
        return get_check(self.right_id)

    def residual(self):
        """SymPy's residual of the source's claim (None with a shape mismatch)."""
        return self.wrong.run().residual

    def __repr__(self):  # a notebook's plain-text view: no internal check ids on the page
        return f"<Erratum: source {self.source}, {self.where}>"

    def _repr_markdown_(self):
        return errata_prose.erratum_markdown(self)


@dataclass(frozen=True)
class Convention:
    """A difference of convention that looks like a mistake but is consistent.

    Attributes
    ----------
    key, source, looks_like, why : str
    check_id : str
        A registered check (must hold) showing the convention is consistent.
    """

    key: str
    source: str
    looks_like: str
    why: str
    check_id: str

    @property
    def check(self):
        return get_check(self.check_id)

    def __repr__(self):  # a notebook's plain-text view: no internal check ids on the page
        return f"<Convention: source {self.source}: {self.looks_like}>"

    def _repr_markdown_(self):
        return errata_prose.convention_markdown(self)


ERRATA: list[Erratum] = [
    Erratum("000-z2-w23", "000", "forward propagation, the explicit entries of Z^(2)",
            "the second column of Z^(2) uses w_23^(2) as the weight from the third hidden unit",
            r"Z^{(2)}_{i2} = a^{(1)}_{i1}w^{(2)}_{12} + a^{(1)}_{i2}w^{(2)}_{22} + "
            r"a^{(1)}_{i3}w^{(2)}_{23} + b^{(2)}_{2}",
            r"W^(2) is $3\times 2$: the weight from hidden unit 3 to output 2 is w_32^(2)",
            r"Z^{(2)}_{i2} = a^{(1)}_{i1}w^{(2)}_{12} + a^{(1)}_{i2}w^{(2)}_{22} + "
            r"a^{(1)}_{i3}w^{(2)}_{32} + b^{(2)}_{2}",
            "the indices were written in (output, input) order in the one place where they differ",
            also=("forward-pass.source000-z2",)),
    Erratum("000-b2-superscript", "000", "forward propagation, the bias matrix b^(2)",
            "the top-left entry of b^(2) is b_11^(1), a hidden-layer bias",
            r"b^{(2)} = \begin{bmatrix} b^{(1)}_{11} & b^{(2)}_{12} \\ b^{(2)}_{21} & b^{(2)}_{22}\end{bmatrix}",
            "every entry of b^(2) is an output-layer bias; its rows are copies of (b_1^(2), b_2^(2))",
            r"b^{(2)} = \begin{bmatrix} b^{(2)}_{1} & b^{(2)}_{2} \\ b^{(2)}_{1} & b^{(2)}_{2}\end{bmatrix}",
            "a superscript copied from the b^(1) matrix just above it"),
    Erratum("000-dZ1-da1", "000",
            "backpropagation, the second factor of the chain rule for delta^(1)",
            "the derivative of Z^(1) with respect to a^(1) is W^(2)_qn",
            r"\frac{\partial Z^{(1)}_{mn}}{\partial a^{(1)}_{pq}} = W^{(2)}_{qn}",
            "it is Z^(2) that depends on a^(1); Z^(1) does not depend on it at all",
            r"\frac{\partial Z^{(2)}_{mn}}{\partial a^{(1)}_{pq}} = [m = p]\,W^{(2)}_{qn},\qquad "
            r"\frac{\partial Z^{(1)}_{mn}}{\partial a^{(1)}_{pq}} = 0",
            "a layer superscript slip one line after writing Z^(2)_mn correctly"),
    Erratum("000-delta2-missing-1-over-N", "000", "backpropagation, the output delta",
            r"$\delta^{(2)} = dL/dZ^{(2)} = \hat y - y$, although its loss has the factor $1/N$",
            r"\delta^{(2)} \equiv \frac{\partial L}{\partial Z^{(2)}} = \hat y - y,\quad L = -\frac1N\sum y\ln\hat y",
            r"with the mean over $N$ samples, $\delta^{(2)} = (\hat y - y)/N$ (and so every gradient "
            "carries $1/N$)",
            r"\delta^{(2)} = \frac{1}{N}\left(\hat y - y\right)",
            "the single-sample result $(N = 1)$ reused after the loss became a mean over the batch"),
    Erratum("001-tanh-prime-step", "001",
            "activation functions, the gradient of tanh via the sigmoid",
            r"$4\,\sigma(2a)\,(1 - \sigma(2a)) = 4\cdot\tfrac{\tanh a + 1}{2}\cdot\bigl(1 - "
            r"\tfrac{\tanh a - 1}{2}\bigr)$",
            r"4\cdot\frac{\tanh a+1}{2}\cdot\left(1-\frac{\tanh a-1}{2}\right) = 1 - \tanh^2 a",
            r"$1 - \sigma(2a) = 1 - \tfrac{\tanh a + 1}{2}$; then the product is $1 - \tanh^2 a$",
            r"4\cdot\frac{\tanh a+1}{2}\cdot\left(1-\frac{\tanh a+1}{2}\right) = 1 - \tanh^2 a",
            r"a sign flipped while substituting $\sigma(2a) = \tfrac{\tanh a + 1}{2}$ into $1 - "
            r"\sigma(2a)$"),
    Erratum("001-ce-0.046", "001", "loss functions, the cross-entropy example",
            "for target (1, 0) and output (0.9, 0.1) the cross-entropy is about 0.046",
            r"-\left(1\cdot\log 0.9 + 0\cdot\log 0.1\right) \approx 0.046",
            r"with the natural logarithm (the one whose derivative gives the $y/\hat y$ that 001 uses) "
            r"it is 0.105; 0.046 is $-\log_{10} 0.9$",
            r"-\ln 0.9 \approx 0.105",
            r"the numbers were computed with $\log_{10}$ while the derivatives assume $\ln$"),
    Erratum("001-ce-loss-1", "001", "loss functions, the cross-entropy example reversed",
            "for target (1, 0) and output (0.1, 0.9) the loss would be 1",
            r"-\log 0.1 = 1",
            r"with the natural logarithm it is $\ln 10 \approx 2.303$; the 1 is $-\log_{10} 0.1$",
            r"-\ln 0.1 = \ln 10 \approx 2.303",
            "the same base-10 logarithm as the 0.046 above"),
    Erratum("001-bias-step", "001", "backpropagation, the bias of the output layer",
            "the penultimate step differentiates $b_j z_i + b_j$ with respect to $w_{ij}$ and gets 1",
            r"\frac{\partial}{\partial w^{(2)}_{ij}}\left(b^{(2)}_j z^{(1)}_i + b^{(2)}_j\right) = 1",
            "the step is the derivative of $a_j = w_{ij} z_i + b_j$ with respect to $b_j$, which is 1",
            r"\frac{\partial}{\partial b^{(2)}_{j}}\left(w^{(2)}_{ij} z^{(1)}_i + b^{(2)}_j\right) = 1",
            "the weight-gradient line was copied and w replaced by b in the wrong places"),
    Erratum("001-dW2-vectorized", "001", "backpropagation, vectorizing the output-layer gradient",
            r"$d\mathcal L/dW^{(2)} = \Delta^{(2)} (Z^{(1)})^T$, a column of deltas times a row of activations",
            r"\frac{\partial\mathcal L}{\partial W^{(2)}} = \Delta^{(2)}\cdot\left(Z^{(1)}\right)^T",
            r"entry $(i, j)$ is $-\delta_j z_i$, so the matrix is $-Z^{(1)} (\Delta^{(2)})^T$, shaped "
            r"like $W^{(2)}$ $(n_1\times n_2)$; the update $W := W + \eta\, Z^{(1)} (\Delta^{(2)})^T$ "
            "then matches",
            r"\frac{\partial\mathcal L}{\partial W^{(2)}} = -Z^{(1)}\left(\Delta^{(2)}\right)^T",
            r"the outer product was written in the wrong order (giving the transpose, $n_2\times n_1$) "
            "and the minus sign of the line before was dropped",
            further_parts=(("sign",
                            r"with its two factors in the order that gives $W^{(2)}$'s shape, 001's "
                            r"product keeps its sign: $d\mathcal L/dW^{(2)} = Z^{(1)} (\Delta^{(2)})^T$",
                            r"\frac{\partial\mathcal L}{\partial W^{(2)}} \overset{?}{=} "
                            r"Z^{(1)}\left(\Delta^{(2)}\right)^T"),)),
    Erratum("001-softmax-elementwise-rule", "001",
            "backpropagation, the summary rule for the last layer",
            r"$\Delta^{(L)} = \nabla\mathcal L * \nabla\phi^{(L)}$ (elementwise), with $\nabla\mathcal L = Y/Z$ for "
            "cross-entropy, for the softmax output the post recommends for classification",
            r"\Delta^{(L)} = \nabla\mathcal L \ast \nabla\phi^{(L)} = \frac{Y}{Z}\ast Z(1 - Z)",
            r"softmax is not elementwise: its Jacobian multiplies $\nabla\mathcal L$, which gives $Y - Z$",
            r"\Delta^{(L)} = J_{\mathrm{softmax}}^T\,\nabla\mathcal L = "
            r"\left(\operatorname{diag}(Z) - ZZ^T\right)\frac{Y}{Z} = Y - Z",
            "a rule derived for elementwise activations, applied to one whose output mixes all inputs"),
    Erratum("001-collapse-drops-bias", "001",
            "the need for nonlinearity, substituting one layer into the next",
            "substituting $a^{(1)} = (W^{(1)})^T a^{(0)} + b^{(1)}$ into $a^{(2)} = (W^{(2)})^T "
            "a^{(1)} + b^{(2)}$ gives $a^{(2)} = (W^{(2)})^T (W^{(1)})^T x$",
            r"a^{(2)} = \left(W^{(2)}\right)^T\left(W^{(1)}\right)^T x = \left(W'\right)^T x",
            "the biases survive the substitution: $a^{(2)} = (W^{(1)} W^{(2)})^T x + "
            r"\bigl((W^{(2)})^T b^{(1)} + b^{(2)}\bigr)$, one affine layer; the conclusion (stacking "
            "linear layers gains nothing) still holds",
            r"a^{(2)} = \left(W^{(1)}W^{(2)}\right)^T x + \left(\left(W^{(2)}\right)^T b^{(1)} + "
            r"b^{(2)}\right) = \left(W'\right)^T x + b'",
            "the biases were left out of the first equality of each layer equation, and the "
            "substitution was done on those shortened lines"),
    Erratum("001-softmax-example-rounding", "001", "softmax, the worked example for (0.3, 0.6)",
            "softmax(0.3, 0.6) = (0.4255, 0.5745)",
            r"\frac{e^{0.3}}{e^{0.3}+e^{0.6}} = 0.4255,\quad \frac{e^{0.6}}{e^{0.3}+e^{0.6}} = 0.5745",
            "to four decimals the values are 0.4256 and 0.5744 (0.425557..., 0.574443...)",
            r"\operatorname{softmax}(0.3, 0.6) = (0.4256,\ 0.5744)",
            "truncated instead of rounded, and the second value taken as 1 minus the first"),
    Erratum("002-chain-rule-formula", "002",
            "the formula stated before the first partial derivatives",
            r"the derivative of $\sigma(f(\dots))$ with respect to $f(\dots)$ is $\sigma'(f(\dots))$ "
            r"times $f'(\dots)$",
            r"\frac{d\,\sigma(f(x))}{d f(x)} = \sigma'(f(x))\cdot f'(x)",
            r"with respect to $f(x)$ the derivative is $\sigma'(f(x))$ alone; the factor $f'(x)$ "
            "belongs to the derivative with respect to $x$, which is the one the following lines use",
            r"\frac{d\,\sigma(f(x))}{d x} = \sigma'(f(x))\cdot f'(x),\qquad \frac{d\,\sigma(u)}{d u} = \sigma'(u)",
            "the two derivatives of the chain rule (outer function alone, and outer times inner) "
            "were merged into one line under the wrong denominator"),
    Erratum("002-missing-prime", "002", "the partial derivatives of Error for the output weights",
            r"$d\mathit{Error}/de = 2(H - t_1)\,\sigma(net_H)\,F$, and likewise for $f$, $b_H$, $g$, "
            "$h$, $b_I$",
            r"\frac{\partial Error}{\partial e} = 2(H-t_1)\,\sigma(net_H)\,F,\ \dots",
            r"the factor is the derivative $\sigma'(net_H)$, as in the $dH/de$ that the line substitutes",
            r"\frac{\partial Error}{\partial e} = 2(H-t_1)\,\sigma'(net_H)\,F,\ \dots",
            r"a dropped prime: $\sigma$ and $\sigma'$ differ by one stroke"),
    Erratum("002-dH-dbG", "002", "how H changes with the hidden weights, the last entry for H",
            r"$dH/db_G = \sigma'(net_H)\, e\, \sigma'(net_G)$",
            r"\frac{\partial H}{\partial b_G} = \sigma'(net_H)\cdot e\cdot\sigma'(net_G)\cdot 1",
            "G reaches H through the weight $f$, so the factor is $f$",
            r"\frac{\partial H}{\partial b_G} = \sigma'(net_H)\cdot f\cdot\sigma'(net_G)\cdot 1",
            "the weight of the F path, $e$, copied into the G path"),
    Erratum("002-dI-dbH", "002", "how I changes with the hidden weights, the third entry for I",
            r"$dI/db_H = \sigma'(net_I)\, g\, \sigma'(net_F)$; but $b_H$ does not reach I at all",
            r"\frac{\partial I}{\partial b_H} = \sigma'(net_I)\cdot g\cdot\sigma'(net_F)\cdot 1",
            "the expression is $dI/db_F$ (and $dI/db_H = 0$)",
            r"\frac{\partial I}{\partial b_F} = \sigma'(net_I)\cdot g\cdot\sigma'(net_F)\cdot 1",
            "the list for I was copied from the one for H and the bias label not updated"),
    Erratum("002-dI-dbI", "002", "how I changes with the hidden weights, the last entry for I",
            r"$dI/db_I = \sigma'(net_I)\, g\, \sigma'(net_F)$, where the G-path bias $b_G$ is meant",
            r"\frac{\partial I}{\partial b_I} = \sigma'(net_I)\cdot g\cdot\sigma'(net_F)\cdot 1",
            r"the G-path entry is $dI/db_G = \sigma'(net_I)\, h\, \sigma'(net_G)$ (and $dI/db_I = "
            r"\sigma'(net_I)$)",
            r"\frac{\partial I}{\partial b_G} = \sigma'(net_I)\cdot h\cdot\sigma'(net_G)\cdot 1",
            "the body copied from the F path, and the label not updated to the G path's $b_G$"),
    Erratum("002-dH-dbH-step", "002", "the output-layer partials, the middle step for b_H",
            r"$dH/db_H = \sigma'(net_H)\, d(net_H)/df = \sigma'(net_H)\cdot 1$",
            r"\frac{\partial H}{\partial b_H} = \sigma'(net_H)\frac{\partial(net_H)}{\partial f}",
            "the middle step differentiates by $b_H$: $d(net_H)/db_H = 1$",
            r"\frac{\partial H}{\partial b_H} = \sigma'(net_H)\frac{\partial(net_H)}{\partial b_H} = \sigma'(net_H)",
            "the line for $f$ copied, and the first denominator left as it was"),
    Erratum("002-hidden-assembly-shape", "002",
            "assembling the hidden-layer gradient into matrices",
            r"the $2\times 2$ matrix of $dE/da$, $dE/db$, $dE/dc$, $dE/dd$ equals "
            r"$\operatorname{diag}(\sigma')\,(e\ g;\ f\ h)\,[2 \dots]\,(i_1\ i_2\ 1)$",
            r"\begin{pmatrix}\frac{\partial E}{\partial a}&\frac{\partial E}{\partial b}\\"
            r"\frac{\partial E}{\partial c}&\frac{\partial E}{\partial d}\end{pmatrix} = "
            r"\operatorname{diag}(\sigma'(net_F),\sigma'(net_G))\begin{pmatrix}e&g\\f&h\end{pmatrix}[\dots]\begin{pmatrix}i_1&i_2&1\end{pmatrix}",
            r"the right side is $2\times 3$: its third column is the bias gradients $dE/db_F$, "
            "$dE/db_G$",
            r"\begin{pmatrix}\frac{\partial E}{\partial a}&\frac{\partial E}{\partial "
            r"b}&\frac{\partial E}{\partial b_F}\\"
            r"\frac{\partial E}{\partial c}&\frac{\partial E}{\partial d}&\frac{\partial "
            r"E}{\partial b_G}\end{pmatrix} = "
            r"\operatorname{diag}(\sigma'(net_F),\sigma'(net_G))\begin{pmatrix}e&g\\f&h\end{pmatrix}[\dots]\begin{pmatrix}i_1&i_2&1\end{pmatrix}",
            "the appended 1 (the folded bias) was kept on the right and forgotten on the left"),
    Erratum("003-norm-and-missing-derivative", "003", "the chain rule for the last weight matrix",
            r"$\partial L/\partial W_3 = \lVert x_3 - y\rVert\;\partial x_3/\partial W_3 = \lVert x_3 - "
            r"y\rVert\;\partial(W_3 x_2 + b_3)/\partial W_3$, for $L$ = half the squared length of "
            r"$x_3 - y$ and $x_3 = f_3(W_3 x_2)$ (003's forward pass has no bias; $b_3$ appears only "
            "inside this derivative)",
            r"\frac{\partial L}{\partial W_3} = \Vert x_3 - y\Vert\,\frac{\partial x_3}{\partial W_3}"
            r" = \Vert x_3 - y\Vert\,\frac{\partial (W_3x_2+b_3)}{\partial W_3}",
            "the gradient of half the squared length of a vector $v$ is $v$ itself, not its length, "
            "and $x_3 = f_3(z_3)$ brings the factor $f_3'(z_3)$",
            r"\frac{\partial L}{\partial W_3} = \left[(x_3 - y)\odot f_3'(z_3)\right]x_2^T,\quad z_3 = W_3x_2 + b_3",
            "the derivative of a squared norm taken as if it were a scalar square, and $x_3$ mistaken "
            "for $z_3$"),
    Erratum("004-delta3-sign", "004", "the regression example, the definition of delta^(3)",
            r"$dJ/d\Theta^{(2)} = (a^{(2)})^T \delta^{(3)}$ with $\delta^{(3)} = (y - \hat y)\, "
            r"g'(z^{(3)})$, so $\delta^{(3)}$ would be $dJ/dz^{(3)}$",
            r"\delta^{(3)} = (y-\hat y)\odot g'(z^{(3)}) \overset{?}{=} \frac{\partial "
            r"J}{\partial z^{(3)}},\quad J = \tfrac12\sum(y-\hat y)^2",
            r"the chain rule gives $-(y - \hat y)\, g'(z^{(3)})$, so $\delta^{(3)} = (\hat y - y)\, "
            r"g'(z^{(3)})$; only then is $dJ/d\Theta^{(2)} = (a^{(2)})^T \delta^{(3)}$",
            r"\delta^{(3)} = \frac{\partial J}{\partial z^{(3)}} = (\hat y - y)\odot g'(z^{(3)})",
            r"the minus sign from $d(y - \hat y)/d\hat y$, carried correctly two lines earlier, was "
            "dropped"),
    Erratum("004-aT-delta-expansion", "004",
            "the regression example, (a^(2))^T delta^(3) written out",
            r"$(a^{(2)})^T \delta^{(3)}$ is expanded with rows $a_{11}\delta_1 + a_{12}\delta_2 + "
            r"a_{13}\delta_3, \dots$, the rows of $a^{(2)}$ itself",
            r"(a^{(2)})^T\delta^{(3)} = \begin{bmatrix}a_{11}\delta_1 + a_{12}\delta_2 + "
            r"a_{13}\delta_3\\ \vdots\end{bmatrix} = a^{(2)}\delta^{(3)}",
            r"the transpose sums over the examples: row $i$ is $a_{1i}\delta_1 + a_{2i}\delta_2 + "
            r"a_{3i}\delta_3$, which is what makes entry $i$ the gradient for the weight from hidden "
            "unit $i$",
            r"(a^{(2)})^T\delta^{(3)} = \begin{bmatrix}a_{11}\delta_1 + a_{21}\delta_2 + "
            r"a_{31}\delta_3\\ \vdots\end{bmatrix}",
            "the matrix was written out as a^(2) itself; with 3 examples and 3 units the shapes cannot tell"),
    Erratum("004-delta-bias-row", "004", "the backpropagation algorithm, the hidden deltas",
            r"$\delta^{(l)} = (\Theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l)})$, with $\Theta$ "
            "including the bias column",
            r"\delta^{(l)} = \left(\Theta^{(l)}\right)^T\delta^{(l+1)}\odot g'(z^{(l)})",
            r"$(\Theta^{(l)})^T \delta^{(l+1)}$ has one entry too many, for the bias unit; drop it",
            r"\delta^{(l)} = \left[\left(\Theta^{(l)}\right)^T\delta^{(l+1)}\right]_{1:}\odot g'(z^{(l)})",
            "the bias unit is not computed from $z^{(l)}$, so no delta belongs to it; the accumulator "
            r"$\Delta \mathrel{+}= \delta\, a^T$ only has the right shape without it"),
    Erratum("004-partial-without-lambda", "004",
            "the logistic cost with L2, the partial derivatives stated before the algorithm",
            r"$\partial J/\partial\Theta^{(l)}_{ij} = \frac1m \sum_t a_j \delta_i$, a sum over the "
            r"examples, for the $J$ just defined with the term $\frac{\lambda}{2m}\sum\Theta^2$",
            r"\frac{\partial J(\Theta)}{\partial\Theta^{(l)}_{ij}} = \frac1m\sum_{t=1}^m "
            r"a^{(t)(l)}_j\delta^{(t)(l+1)}_i",
            "that is the gradient of the data term only; the regularization adds "
            r"$\lambda\Theta_{ij}/m$ for every weight off the bias column, as the algorithm's $D$ does",
            r"\frac{\partial J(\Theta)}{\partial\Theta^{(l)}_{ij}} = \frac1m\left(\sum_{t=1}^m "
            r"a^{(t)(l)}_j\delta^{(t)(l+1)}_i + \lambda\Theta^{(l)}_{ij}[j\ne 0]\right)",
            r"the formula of the unregularized cost was kept after the cost gained its $\lambda$ term"),
]
"""Every erratum, in the order its checks are registered (:func:`errata` gives the reading
order)."""

CONVENTIONS: list[Convention] = [
    Convention("001-negative-gradient", "001",
               r"$\Delta$ and $\nabla\mathcal L$ have the opposite sign of the gradient $(Y - Z,\ Y/Z)$, and "
               r"updates add $\eta\Delta$",
               r"001 defines its local gradient as $-d\mathcal L/da$ on purpose; $W := W + \eta\,(\dots)$ then "
               "descends. Consistent within the post.",
               "losses.001-negative-gradient"),
    Convention("001-columns", "001",
               "$a = W^T x + b$ instead of $Z = XW + b$",
               "one sample per column instead of per row: the same numbers, transposed.",
               "backprop-any-depth.001-columns-vs-rows"),
    Convention("001-delta1-order", "001",
               r"$\Delta^{(1)} = (W^{(2)} \Delta^{(2)}) * \phi'$ where the book writes $\delta^{(2)} "
               "W^{(2)T}$",
               r"in columns $W^{(2)} \Delta^{(2)}$ is the transpose of the row form; both are correct in "
               "their layout.",
               "backprop-any-depth.001-hidden-weights"),
    Convention("001-softmax-broadcast", "001",
               "softmax(a) times [I minus the transposed softmax(a)] does not conform as a matrix product",
               "001 says shapes broadcast: column times ($I$ minus a row), entry by entry, is "
               r"$\operatorname{diag}(s) - s s^T$.",
               "softmax.jacobian-broadcast"),
    Convention("004-no-1-over-m", "004",
               "the regression cost is half the sum of the squared errors, without $1/m$",
               "004 itself notes $1/(2m)$ would be more accurate; a constant factor scales the gradient "
               "only (by $1/m$, written $1/N$ in the check below), and its algorithm divides by $m$ in "
               "$D$.",
               "notation.mean-vs-sum"),
    Convention("004-delta-without-1-over-m", "004",
               r"$\delta^{(L)} = a^{(L)} - y$ without the $1/m$ that 000 is missing",
               r"004's $\delta$ is per example and the $1/m$ is applied once in $D = \Delta/m$; 000 "
               r"instead defines $\delta$ as $dL/dZ$ of the mean loss, which must carry $1/N$.",
               "backprop-any-depth.004-accumulator-l2"),
    Convention("000-tied-bias-rows", "000",
               r"every row of 000's $dL/db^{(2)}$ (our $dJ/db^{(2)}$) equals the column sum of "
               r"$\delta^{(2)}$, not $\delta$ itself",
               "the rows of 000's bias matrix are tied (one parameter per column), so each receives the "
               r"sum; untied entries would get $\delta_{ij}$.",
               "bias.repeated-rows-gradient"),
    Convention("002-no-one-half", "002",
               "every derivative of Error carries a factor 2",
               r"002's Error is the plain sum of the two squared errors, with no factor $\tfrac12$ in "
               "front; the 2 is correct for it.",
               "chain-rule.002-output-assembly"),
    Convention("002-3x2-matrices", "002",
               "'The weight matrices wont be 2x2 but will be 3x2', while 002 multiplies $Wx$ with $W$ of "
               "2 rows",
               r"with the bias folded, the matrix is $2\times 3$ in 002's column layout and $3\times 2$ "
               "in the row layout; the count of entries is what the sentence is about.",
               "bias.folded-unit-first"),
    Convention("003-hats", "003",
               r"$y$ is the network output and $\hat y$ the ground truth, then the other way round",
               r"003 is not consistent here: its overview calls the output $y$ and the ground truth "
               r"$\hat y$, while its loss and chain-rule sections call $y$ the ground truth and write "
               r"$\hat y = x_3$ for the output. Half the squared distance between the two is symmetric "
               "in them, so no formula changes; read each section with its own names.",
               "chain-rule.003-batch-sum"),
    Convention("003-sum-not-mean", "003",
               "the batch loss is a sum, not a mean",
               "sum and mean differ by the factor $1/B$, which the learning rate absorbs; the gradient "
               "of either is the sum (or mean) of per-sample gradients.",
               "beyond.minibatch-mean"),
    Convention("003-constant-derivative", "003",
               r"'$\partial a/\partial z$ is indeed $\sigma'(z)$, which is an constant', although "
               r"$\sigma'$ is a function of $z$",
               r"during the backward pass $z$ is the number the forward pass computed, so $\sigma'(z)$ is "
               "a known constant there; the chain rule it enters is exact.",
               "chain-rule.003-local-gradient"),
    Convention("003-bias-only-backward", "003",
               "the forward equations $x_l = f_l(W_l x_{l-1})$ have no bias, the chain rule "
               "differentiates $W_3 x_2 + b_3$",
               "003 adds the bias in one place only; it does not change the derivative with respect to "
               "$W_3$, so the weight gradient is the same with or without it.",
               "errata.003-bias-drops-out"),
]
"""Differences of convention that look like mistakes, each with the check that shows it is
consistent."""

READING_ORDER = (
    "000-b2-superscript", "000-z2-w23", "000-delta2-missing-1-over-N", "000-dZ1-da1",
    "001-collapse-drops-bias", "001-tanh-prime-step", "001-softmax-example-rounding",
    "001-ce-0.046", "001-ce-loss-1", "001-bias-step", "001-dW2-vectorized",
    "001-softmax-elementwise-rule",
    "002-chain-rule-formula", "002-dH-dbH-step", "002-dH-dbG", "002-dI-dbH", "002-dI-dbI",
    "002-missing-prime", "002-hidden-assembly-shape",
    "003-norm-and-missing-derivative",
    "004-delta3-sign", "004-aT-delta-expansion", "004-delta-bias-row",
    "004-partial-without-lambda",
)
"""The errata in the order a reader meets them in the sources."""

SOURCE_IDS = ("000", "001", "002", "003", "004")
"""The sources' ids (a check of source ``"book"`` is the book's own claim)."""


def errata():
    """Every :class:`Erratum`, by source and in the order the source makes the mistakes."""
    rank = {k: i for i, k in enumerate(READING_ORDER)}
    return sorted(ERRATA, key=lambda e: (e.source, rank.get(e.key, len(rank))))


def conventions():
    """Every :class:`Convention`: differences that look like mistakes but are consistent."""
    return list(CONVENTIONS)


def source_mistakes():
    """Every registered check that is a source's claim as written (``expect=False`` and a
    source 000 ... 004), wherever it is registered, paired with the :class:`Erratum` that lists
    it (``None`` when no erratum does: the tests treat that as a failure)."""
    owner = {}
    for e in ERRATA:
        for cid in (e.wrong_id,) + e.further + e.also:
            owner[cid] = e
    return [(c, owner.get(c.id)) for c in all_checks()
            if not c.expect and c.source in SOURCE_IDS]


def mistake_index():
    """A Markdown table of every failing source claim registered anywhere in the book, one row
    per erratum (see :func:`~nnlib.symbolic.errata_prose.mistake_table`)."""
    return errata_prose.mistake_table(errata(), source_mistakes())


def errata_summary():
    """A Markdown table: for every source, how many errata and conventions the book lists and
    how many checks SymPy ran for them (see :func:`~nnlib.symbolic.errata_prose.summary_table`)."""
    return errata_prose.summary_table(ERRATA, CONVENTIONS, SOURCE_IDS)


def show_errata(source=None):
    """Display every erratum (or one source's) with its residual and correction; returns None."""
    for e in errata():
        if source is None or e.source == source:
            display(e)


def show_conventions(source=None):
    """Display every convention (or one source's) and the check that it is consistent."""
    for c in CONVENTIONS:
        if source is None or c.source == source:
            display(c)
