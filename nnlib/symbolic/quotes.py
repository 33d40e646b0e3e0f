r"""The words of the sources behind every check credited to one: seed file, line, verbatim text.

Every check whose ``source`` is ``"000"`` ... ``"004"`` has an entry here, and
``tests/symbolic/test_quotes.py`` asserts that the text appears in that seed file starting at that
line (spacing and LaTeX spacing commands such as ``\,`` or ``\quad`` ignored).  The quote is
what the check rests on: the formula the source writes (right or wrong), or, for a check of
the book's own derivation in a source's topic, the sentence that introduces it.  A check's
displayed formula may be the book's reading of the quote; the check's claim text says so.

``QUOTES`` maps a check id to ``(line, text)``: ``line`` is 1-based, and a text spanning
several lines of the seed has as many lines itself.  :data:`SEED_FILES` names the seed file of
each source.
"""

from __future__ import annotations

import re

__all__ = ["SEED_FILES", "QUOTES", "normalize"]

SEED_FILES = {
    "000": "000_14de4958e40b09f2.txt",
    "001": "001_e550a150e9c65620.txt",
    "002": "002_742f1ac47246cc06.txt",
    "003": "003_4d71e76ab878e25d.txt",
    "004": "004_6a98bab48e618df1.txt",
}
"""The seed file (in ``shared/seeds/``) of each source document."""


def normalize(text):
    r"""``text`` without whitespace and without LaTeX spacing commands (``\,``, ``\;``, ``\:``,
    ``\!``, ``\ ``, ``\quad``, ``\qquad``): how quotes are compared with the seeds."""
    # a LaTeX line break \\ is kept whole; only the spacing commands go
    spacing = re.compile(r"\\\\|\\(?:[,;:! ]|qquad(?![a-zA-Z])|quad(?![a-zA-Z]))")
    text = spacing.sub(lambda m: m.group(0) if m.group(0) == "\\\\" else "", text)
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------------------------------- 000
_000_LOSS = (9, r"$$L = - \frac{1}{N} \sum_{n \in N} \sum_{i \in C} y_{n,i} \ln{\hat{y}_{n,i}}$$")
_000_DELTA2 = (28, r"\delta^{(2)}_{ij} \equiv  \frac{\partial L}{\partial Z^{(2)}_{ij}} = "
                   r"\hat{y}_{ij} - y_{ij}")
_000_Z2_W23 = (24, r"a_{11}^{(1)}w_{12}^{(2)}+a_{12}^{(1)}w_{22}^{(2)}+a_{13}^{(1)}w_{23}^{(2)}"
                   r"+b_{12}^{(2)}")
_000_B2 = (23, r"b^{(2)} = \left[ \begin{array}{cc} b_{11}^{(1)} b_{12}^{(2)} \\ b_{21}^{(2)} "
               r"b_{22}^{(2)} \end{array} \right]")
_000_DZ_DA = (29, r"\implies \frac{\partial Z^{(1)}_{mn}}{\partial a^{(1)}_{pq}} = W^{(2)}_{qn}$$ "
                  r"where the sum over k has been collapsed since the derivative is only non-zero "
                  r"when $m=p$ and $k=q$")
_000_TIED = (18, r"with the $b^{(1)}_{ij} = b^{(1)}_{kj}$ for all $k$ i.e $b^{(1)}$ has a single "
                 r"unique row; all other rows in the matrix are a copy of this one")
_000_DB2 = (31, r"$$\frac{\partial L}{ \partial b^{(2)}_{ij}} = \sum_p \delta^{(2)}_{pj}$$ i.e a "
                r"sum over the rows of $\delta^{(2)}$ note the right hand side of the expression "
                r"is indendent of $i$ this implies that every row in $\frac{\partial L}{ \partial "
                r"b^{(2)}}$ is the same")

# ---------------------------------------------------------------------------------------- 001
_001_COLLAPSE = (47, r"a^{(2)}=\left(W^{(2)}\right)^{T}\left(W^{(1)}\right)^{T}\cdot "
                     r"x\quad\Rightarrow\quad a^{(2)}=\left(W'\right)^{T}x")
_001_SIGMOID_PRIME = (65, r"\nabla_{a}\sigma(a)=\nabla_{a}\frac{1}{1+e^{-a}}="
                          r"\frac{e^{-a}}{\left(1+e^{-a}\right)^{2}}=\frac{1}{1+e^{-a}}\cdot"
                          r"\left(1-\frac{1}{1+e^{-a}}\right)=\sigma(a)\cdot\left(1-\sigma(a)\right)")
_001_TANH = (75, r"\tanh(a)=\frac{1-e^{-2a}}{1+e^{-2a}}=\frac{1}{1+e^{-2a}}-\left(1-"
                 r"\frac{1}{1+e^{-2a}}\right)=2\cdot\sigma(2a)-1")
_001_TANH_PRIME = (79, r"\nabla_{a}\tanh(a)=\nabla_{a}\left[2\sigma(2a)-1\right]=4\cdot\sigma(2a)"
                       r"\cdot\left(1-\sigma(2a)\right)=4\cdot\frac{\tanh(a)+1}{2}\cdot\left(1-"
                       r"\frac{\tanh(a)-1}{2}\right)=1-\tanh^{2}(a)")
_001_SOFTMAX_JAC = (109, r"\nabla_{a}z=\left[\begin{array}{ccc} z_{0}\left(1-z_{0}\right) & "
                         r"-z_{0}z_{1} & -z_{0}z_{2}\\ -z_{1}z_{0} & z_{1}\left(1-z_{1}\right) & "
                         r"-z_{1}z_{2}\\ -z_{2}z_{0} & -z_{2}z_{1} & z_{2}\left(1-z_{2}\right) "
                         r"\end{array}\right]")
_001_SOFTMAX_EXAMPLE = (101, r"\textrm{softmax}(a_{0}^{(2)})=\frac{e^{0.3}}{e^{0.3}+e^{0.6}}="
                             r"0.4255\quad;\quad\textrm{softmax}(a_{1}^{(2)})="
                             r"\frac{e^{0.6}}{e^{0.3}+e^{0.6}}=0.5745")
_001_MSE = (130, r"L(\hat{y},y)=\frac{1}{2N}\sum_{i=1}^{N}\left(y^{(i)}-\hat{y}^{(i)}\right)^{2}")
_001_CE_GOOD = (140, r"If your model outputs something like $\left[\begin{array}{cc}0.9 & 0.1"
                     r"\end{array}\right]^{T}$, the loss you get is approximately $0.046$.")
_001_CE_BAD = (140, r"If it was the other way, i.e. $\left[\begin{array}{cc}0.1 & 0.9\end{array}"
                    r"\right]^{T}$, the loss would be $1$, which is much higher.")
_001_GRAD_L = (280, r"\nabla\mathcal{L}=\begin{cases} Y-Z^{(L)} & \textrm{Mean squared error}\\ "
                    r"\frac{Y}{Z^{(L)}} & \textrm{Crossentropy} \end{cases}")
_001_OUTPUT_WEIGHTS = (212, r"\boxed{\frac{\partial\mathcal{L}}{\partial w_{ij}^{(2)}}="
                            r"-\delta_{j}^{(2)}z_{i}^{(1)}}\quad\textrm{where}\quad\delta_{j}^{(2)}="
                            r"\left(y_{j}-z_{j}^{(2)}\right)\frac{\partial\phi^{(2)}}"
                            r"{\partial a_{j}^{(2)}}")
_001_DELTA1 = (270, r"\Delta^{(1)}=\left(W^{(2)}\cdot\Delta^{(2)}\right)\ast\nabla\phi^{(1)}")
_001_BIAS = (224, r"\frac{\partial\mathcal{L}}{\partial b_{j}^{(2)}}=-\left[\left(y_{j}-z_{j}^{(2)}"
                  r"\right)\frac{\partial\phi^{(2)}}{\partial a_{j}^{(2)}}\right]\frac{\partial}"
                  r"{\partial w_{ij}^{(2)}}\left(b_{j}^{(2)}z{}_{i}^{(1)}+b_{j}^{(2)}\right)")
_001_DW2 = (228, r"=\Delta^{(2)}\cdot\left(Z^{(1)}\right)^{T}\] \[W^{(2)}:=W^{(2)}+\eta\cdot"
                 r"\Delta^{(2)}\cdot\left(Z^{(1)}\right)^{T}\]")
_001_DW2_SIGN = (228, r"=-\left[\begin{array}{c} \delta_{0}^{(2)}\\ \delta_{1}^{(2)}\\ \vdots\\ "
                      r"\delta_{n^{(2)}}^{(2)} \end{array}\right]\left[\begin{array}{cccc} "
                      r"z_{0}^{(1)} & z_{1}^{(1)} & \dots & z_{n^{(1)}}^{(1)}\end{array}\right]="
                      r"\Delta^{(2)}\cdot\left(Z^{(1)}\right)^{T}")
_001_NEURON = (33, r"\[a=w^{T}x+b=\left[\begin{array}{ccc} 1 & 0 & -1\end{array}\right]"
                   r"\left[\begin{array}{c} 1\\ 2\\ 1 \end{array}\right]+3=3\]")

# ---------------------------------------------------------------------------------------- 002
_002_ERROR = (104, r"$$Error = (H-t_1)^2 + (I-t_2)^2$$")
_002_TODO_DROPOUT = (17, "- dropout")
_002_TODO_MOMENTUM = (18, "- Add momentum to learning")
_002_APPEND_ONE = (5, "All you need to do is to append a 1 to the vector output by a layer, and "
                      "there you go.")

# ---------------------------------------------------------------------------------------- 003
_003_DW3 = (54, r"\frac{\partial L}{\partial W_3} = \Vert \vec{\text{x}}_3 -\vec{\text{y}} \Vert "
                r"\frac{\partial \vec{\text{x}}_3}{\partial W_3}= \Vert \vec{\text{x}}_3 "
                r"-\vec{\text{y}} \Vert \frac{\partial (W_3\vec{\text{x}}_2+\vec{\text{b}}_3)}"
                r"{\partial W_3}")
_003_BATCH = (13, r"L(\theta) = \displaystyle\sum^N_ {n=1}C^n(\theta) \textnormal{, } "
                  r"\dfrac{\partial L(\theta)}{\partial w}= \displaystyle\sum^N_ "
                  r"{n=1}\dfrac{\partial C^n(\theta)}{\partial w}")
_003_FORWARD_BACKWARD = (16, r"Based on chain rule, $\frac{\partial C}{\partial w}$ can be obtained "
                             r"from $\frac{\partial C}{\partial z} \cdot \frac{\partial z}"
                             r"{\partial w}$.")

# ---------------------------------------------------------------------------------------- 004
_004_BIAS_UNIT = (55, r"The number of columns in our current theta matrix \(i\) (nothing to do "
                      r"with the training example index notation) is equal to the number of nodes "
                      r"in our current layer (including the bias unit)")
_004_L2 = (48, r"+\frac{\lambda}{2m}\sum_{l=1}^{L-1}\sum_{i=1}^{s_l}\sum_{j=1}^{s_{l+1}}"
               r"\left(\Theta_{ji}^l\right)^2")
_004_ACCUMULATOR = (74, r"or vectorized: $\Delta^{(l)} := \Delta^{(l)} + \delta^{(l+1)}"
                        r"(a^{(l)})^T$")
_004_DELTA3 = (34, r"Then \(\large\color{orange}{\delta^{(3)}}=\color{gray}{(y-\hat y)}\cdot "
                   r"\color{purple}{g'(z^{(3)})}\)")
_004_EXPANSION = (33, r"&=(a^{2})^T\,\color{orange}{\delta^{(3)}}\\[2ex]&=\large "
                      r"\begin{bmatrix}a_{11}^{(2)}&a_{12}^{(2)}&a_{13}^{(2)}\\a_{21}^{(2)}&"
                      r"a_{22}^{(2)}&a_{23}^{(2)}\\a_{31}^{(2)}&a_{32}^{(2)}&a_{33}^{(2)}"
                      r"\end{bmatrix} \begin{bmatrix}\delta^{(3)}_1\\\delta^{(3)}_2\\"
                      r"\delta^{(3)}_3\end{bmatrix}=\begin{bmatrix}a_{11}^{(2)}\delta^{(3)}_1+"
                      r"a_{12}^{(2)}\delta^{(3)}_2+a_{13}^{(2)}\delta^{(3)}_3")
_004_DELTA_L = (62, r"\large \delta^{(l)}=\left(\Theta^{(l)}\right)^\top\delta^{(l+1)}\,"
                    r"g'(z^{(l)})")
_004_PARTIAL = (65, r"\large \dfrac{\partial J(\Theta)}{\partial \Theta_{i,j}^{(l)}} = "
                    r"\frac{1}{m}\sum_{t=1}^m a_j^{(t)(l)} {\delta}_i^{(t)(l+1)}")
_004_BCE_DELTA = (89, "\\[\\large\\delta^{(L)} = (\\frac{y-1}{a^{(L)}-1}\n"
                      "- \\frac{y}{a^{(L)}}) (a^{(L)}(1-a^{(L)}))\\]\n"
                      "\\[\\large\\delta^{(L)} =a^{(L)} -\n"
                      "y\\]")

QUOTES = {
    # ----------------------------------------------------------------------------------- 000
    "forward-pass.z-index-form": (21, r"Z_{ij}^{(1)} = \sum_{k} x_{ik} W^{(1)}_{kj} + b_{ij}^{(1)}"),
    "forward-pass.output-elementwise": (37, "- $Z^{(1)} = xW^{(1)} + b^{(1)}$\n"
                                            "- $a^{(1)} = \\tanh(Z^{(1)})$\n"
                                            "- $Z^{(2)} = a^{(1)}W^{(2)} + b^{(2)}$\n"
                                            "- $\\hat{y} \\equiv a^{(2)} = softmax(Z^{(2)})$"),
    "forward-pass.source000-z2": _000_Z2_W23,
    "errata.000-z2-w23.source": _000_Z2_W23,
    "errata.000-z2-w23.corrected": _000_Z2_W23,
    "errata.000-b2-superscript.source": _000_B2,
    "errata.000-b2-superscript.corrected": _000_B2,
    "errata.000-dZ1-da1.source": _000_DZ_DA,
    "errata.000-dZ1-da1.corrected": _000_DZ_DA,
    "backprop-matrix.dZ2-da1": _000_DZ_DA,
    "errata.000-delta2-missing-1-over-N.source": _000_DELTA2,
    "errata.000-delta2-missing-1-over-N.corrected": _000_DELTA2,
    "backprop-matrix.delta2": _000_DELTA2,
    "losses.softmax-ce-delta": _000_DELTA2,
    "losses.ce-gradient": _000_LOSS,
    "classifier.matrix-step-decrease": (31, "recall this is the value we use to alter our weights "
                                            "at each iteration in our gradient descent routine"),
    "bias.shift": (17, r"The bias is a translation of the entire activation function and is "
                       r"implemented as the following $$\sigma(w \cdot x +b)$$"),
    "bias.artanh-half": (18, r"say we want to achieve an output of $0.5$ when $x=0$"),
    "bias.source000-0549": (18, r"we can set $b \approx 0.549$ to achieve the desired result"),
    "bias.repeated-rows": _000_TIED,
    "bias.untied-entries-gradient": _000_TIED,
    "bias.repeated-rows-gradient": _000_DB2,
    "backprop-matrix.db2": _000_DB2,
    "backprop-matrix.delta1": (30, r"\delta^{(1)} = \left( 1 - \tanh^{2}(Z^{(1)}) \right) \odot "
                                   r"\delta^{(2)} {W^{(2)}}^T"),
    "backprop-matrix.dW2": (31, r"\frac{\partial L}{\partial W^{(2)}} = {a^{(1)}}^T \delta^{(2)}"),
    "backprop-matrix.dW1": (31, r"\frac{\partial L}{\partial W^{(1)}_{ij}} = \sum_{p} "
                                r"\delta^{(1)}_{pj} x_{pi}"),
    "backprop-matrix.db1": (31, r"\frac{\partial L}{\partial b^{(1)}_{ij}} = \sum_p "
                                r"\delta^{(1)}_{pj}"),
    # ----------------------------------------------------------------------------------- 001
    "forward-pass.single-neuron": _001_NEURON,
    "notation.columns-vs-rows": _001_NEURON,
    "forward-pass.linear-composition": _001_COLLAPSE,
    "errata.001-collapse-drops-bias.source": _001_COLLAPSE,
    "errata.001-collapse-drops-bias.corrected": _001_COLLAPSE,
    "activations.sigmoid-prime": _001_SIGMOID_PRIME,
    "activations.sigmoid-prime-exp": _001_SIGMOID_PRIME,
    "activations.scaled-sigmoid-prime": (61, r"\sigma(a)=\frac{c}{1+e^{-\beta a}}"),
    "activations.tanh-via-sigmoid": _001_TANH,
    "activations.tanh-exp-steps": _001_TANH,
    "activations.sigmoid-2a-via-tanh": _001_TANH_PRIME,
    "activations.tanh-prime-via-sigmoid": _001_TANH_PRIME,
    "activations.tanh-prime": _001_TANH_PRIME,
    "errata.001-tanh-prime-step.source": _001_TANH_PRIME,
    "errata.001-tanh-prime-step.corrected": _001_TANH_PRIME,
    "activations.relu-prime": (87, r"The function that generates this activation is "
                                   r"$\max(0, a)$."),
    "activations.leaky-relu-prime": (89, r"\textrm{LeakyReLU}(a)=\begin{cases} a & a\geq0\\ "
                                         r"\delta\cdot a & a<0 \end{cases}"),
    "softmax.jacobian-n2": _001_SOFTMAX_JAC,
    "softmax.jacobian-n3": _001_SOFTMAX_JAC,
    "softmax.jacobian-n4": _001_SOFTMAX_JAC,
    "softmax.jacobian-broadcast": (109, r"=\left[\begin{array}{c} z_{0}\\ z_{1}\\ z_{2} "
                                        r"\end{array}\right]\ast\left(\left[\begin{array}{ccc} "
                                        r"1 & 0 & 0\\ 0 & 1 & 0\\ 0 & 0 & 1 \end{array}\right]-"
                                        r"\left[\begin{array}{ccc} z_{0} & z_{1} & z_{2} "
                                        r"\end{array}\right]\right)"),
    "softmax.001-worked-example": _001_SOFTMAX_EXAMPLE,
    "errata.001-softmax-example-rounding.source": _001_SOFTMAX_EXAMPLE,
    "errata.001-softmax-example-rounding.corrected": _001_SOFTMAX_EXAMPLE,
    "losses.mse-gradient": _001_MSE,
    "losses.mse-without-half": (132, r"You might have noticed that I divided by $2N$ instead of "
                                     r"just $N$ while averaging the total loss."),
    "losses.mse-any-output-delta": (262, r"\Delta^{(2)}=\left(Y-Z^{(2)}\right)\ast"
                                         r"\nabla\phi^{(2)}"),
    "losses.001-negative-gradient": _001_GRAD_L,
    "losses.001-ce-example-log10": (140, r"the loss you get is approximately $0.046$. If it was "
                                         r"the other way, i.e. $\left[\begin{array}{cc}0.1 & 0.9"
                                         r"\end{array}\right]^{T}$, the loss would be $1$"),
    "losses.ce-example-good": _001_CE_GOOD,
    "errata.001-ce-0.046.source": _001_CE_GOOD,
    "errata.001-ce-0.046.corrected": _001_CE_GOOD,
    "losses.ce-example-bad": _001_CE_BAD,
    "errata.001-ce-loss-1.source": _001_CE_BAD,
    "errata.001-ce-loss-1.corrected": _001_CE_BAD,
    "losses.two-class-per-sample": (142, r"if the output of the model was $\left[\begin{array}"
                                         r"{cc}p & 1-p\end{array}\right]^{T}$ as $p$ varied from "
                                         r"$0.01$ to $1.00$."),
    "gradient-descent.sign": (154, r"Thus if the gradient of the loss function (represented by "
                                   r"$\frac{\partial \mathcal{L}}{\partial \theta}$ or "
                                   r"$\nabla_{\theta} \mathcal{L}$) is positive, our update must "
                                   r"be negative."),
    "gradient-descent.001-example": (154, "Let\u2019s say the model outputs something close to 4. "
                                          "Here, the curve is rising i.e. has positive gradient"),
    "notation.delta-sign": (214, r"We call $\delta_{j}^{(2)}$ the local gradient at that node."),
    "backprop-any-depth.001-output-weights": _001_OUTPUT_WEIGHTS,
    "backprop-any-depth.001-hidden-weights": _001_DELTA1,
    "backprop-any-depth.001-columns-vs-rows": _001_DELTA1,
    "backprop-any-depth.001-bias": _001_BIAS,
    "errata.001-bias-step.source": _001_BIAS,
    "errata.001-bias-step.corrected": _001_BIAS,
    "errata.001-dW2-vectorized.source": _001_DW2,
    "errata.001-dW2-vectorized.corrected": _001_DW2,
    "errata.001-dW2-vectorized.sign": _001_DW2_SIGN,
    "errata.001-softmax-elementwise-rule.source": (276, r"\nabla\mathcal{L}\ast\nabla\phi^{(L)} & "
                                                        r"L\;\textrm{is the last layer}"),
    "errata.001-softmax-elementwise-rule.corrected": _001_GRAD_L,
    # ----------------------------------------------------------------------------------- 002
    "chain-rule.002-forward": (39, "F &= \\sigma(net_F) &= \\sigma(a\\cdot i_1 + b\\cdot i_2 + b_F) \\\\\n"
                                   "G &= \\sigma(net_G) &= \\sigma(c\\cdot i_1 + d\\cdot i_2 + b_G) \\\\\n"
                                   "H &= \\sigma(net_H) &= \\sigma(e\\cdot F+f\\cdot G + b_H) \\\\\n"
                                   "I &= \\sigma(net_I) &= \\sigma(g\\cdot F+h\\cdot G + b_I)"),
    "chain-rule.002-output-partials": (84, r"= \begin{pmatrix} \sigma'(net_H) F & \sigma'(net_H) "
                                           r"G & \sigma'(net_H)1\\ \sigma'(net_I)F & "
                                           r"\sigma'(net_I)G & \sigma'(net_I)1\end{pmatrix}"),
    "chain-rule.002-hidden-partials-H": (89, r"= \sigma'(net_H) \cdot e\cdot \sigma'(net_F) "
                                             r"\cdot i_1$$"),
    "chain-rule.002-hidden-partials-I": (96, r"= \sigma'(net_I) \cdot g\cdot \sigma'(net_F) "
                                             r"\cdot i_1$$"),
    "chain-rule.002-output-assembly": (124, "\\end{pmatrix} = 2 \\cdot\n"
                                            "\\begin{pmatrix}\n"
                                            "\\sigma'(net_H) \\cdot (H-t_1) \\\\\n"
                                            "\\sigma'(net_I) \\cdot (I-t_2) \\\\"),
    "chain-rule.002-hidden-error-partials": (193, r"= 2\cdot \sigma'(net_F) \cdot i_1 \cdot "
                                                  r"(((H-t_1) \cdot \sigma'(net_H) \cdot e) + "
                                                  r"((I-t_2) \cdot \sigma'(net_I) \cdot g))"),
    "chain-rule.002-error-chain": (106, r"$$d(Error) = 2(H-t_1)dH + 2(I-t_2)dI"),
    "xor.source-error-scale": _002_ERROR,
    "bias.appended-one": _002_APPEND_ONE,
    "bias.folded-gradient": (6, "- The weight matrices wont be 2x2 but will be 3x2"),
    "beyond.dropout-backward": _002_TODO_DROPOUT,
    "beyond.dropout-moments": _002_TODO_DROPOUT,
    "beyond.momentum-geometric": _002_TODO_MOMENTUM,
    "gradient-descent.momentum-sum": _002_TODO_MOMENTUM,
    "errata.002-chain-rule-formula.source": (74, r"$$ \frac{d\sigma(f(...))}{df(...)} = "
                                                 r"\sigma'(f(...)) \cdot f'(...)'$$"),
    "errata.002-chain-rule-formula.corrected": (74, r"$$ \frac{d\sigma(f(...))}{df(...)} = "
                                                    r"\sigma'(f(...)) \cdot f'(...)'$$"),
    "errata.002-missing-prime.source": (115, r"\frac{\partial{Error}}{\partial{e}} = 2(H-t_1) "
                                             r"\frac{\partial{H}}{\partial{e}} = 2(H-t_1) "
                                             r"\sigma(net_H)F"),
    "errata.002-missing-prime.corrected": (115, r"\frac{\partial{Error}}{\partial{e}} = 2(H-t_1) "
                                                r"\frac{\partial{H}}{\partial{e}} = 2(H-t_1) "
                                                r"\sigma(net_H)F"),
    "errata.002-dH-dbG.source": (94, r"{\partial{b_G}} = \sigma'(net_H) \cdot e\cdot "
                                     r"\sigma'(net_G) \cdot 1$$"),
    "errata.002-dH-dbG.corrected": (94, r"{\partial{b_G}} = \sigma'(net_H) \cdot e\cdot "
                                        r"\sigma'(net_G) \cdot 1$$"),
    "errata.002-dI-dbH.source": (98, r"{\partial{b_H}} = \sigma'(net_I) \cdot g\cdot "
                                     r"\sigma'(net_F) \cdot 1$$"),
    "errata.002-dI-dbH.corrected": (98, r"{\partial{b_H}} = \sigma'(net_I) \cdot g\cdot "
                                        r"\sigma'(net_F) \cdot 1$$"),
    "errata.002-dI-dbI.source": (101, r"{\partial{b_I}} = \sigma'(net_I) \cdot g\cdot "
                                      r"\sigma'(net_F) \cdot 1$$"),
    "errata.002-dI-dbI.corrected": (101, r"{\partial{b_I}} = \sigma'(net_I) \cdot g\cdot "
                                         r"\sigma'(net_F) \cdot 1$$"),
    "errata.002-dH-dbH-step.source": (77, r"\frac{\partial{H}}{\partial{b_H}} = \sigma'(net_H) "
                                          r"\frac{\partial{(net_H)}}{\partial{f}}"),
    "errata.002-dH-dbH-step.corrected": (77, r"\frac{\partial{H}}{\partial{b_H}} = "
                                             r"\sigma'(net_H) \frac{\partial{(net_H)}}"
                                             r"{\partial{f}}"),
    "errata.002-hidden-assembly-shape.source": (211, "$$ \\begin{pmatrix}\\frac{\\partial{E}}"
                                                     "{\\partial{a}} & \\frac{\\partial{E}}"
                                                     "{\\partial{b}} \\\\\n"
                                                     "\\frac{\\partial{E}}{\\partial{c}} & "
                                                     "\\frac{\\partial{E}}{\\partial{d}}\\\\"),
    "errata.002-hidden-assembly-shape.corrected": (211, "$$ \\begin{pmatrix}\\frac{\\partial{E}}"
                                                        "{\\partial{a}} & \\frac{\\partial{E}}"
                                                        "{\\partial{b}} \\\\\n"
                                                        "\\frac{\\partial{E}}{\\partial{c}} & "
                                                        "\\frac{\\partial{E}}{\\partial{d}}\\\\"),
    # ----------------------------------------------------------------------------------- 003
    "chain-rule.003-local-gradient": (27, "\\sigma\u2019(z) [w_3\\frac{\\partial C}{\\partial "
                                          "z\u2019} + w_4\\frac{\\partial C}{\\partial "
                                          "z\u2019\u2019}]"),
    "chain-rule.003-batch-sum": _003_BATCH,
    "chain-rule.002-deltas": (18, r"- Backward pass: Compute $\frac{\partial C}{\partial z}$ for "
                                  r"all activation function inputs z."),
    "chain-rule.002-forward-times-backward": _003_FORWARD_BACKWARD,
    "beyond.minibatch-mean": (45, "Stochastic gradient descentuses asingleinstance to perform "
                                  "weight updates, whereas theBatch gradient descentuses "
                                  "abatchof data"),
    "beyond.minibatch-mean-two-layer": (47, r"Batchloss function: $L=1/2\sum_ {\isin Batch}"
                                            r"{\Vert \hat{y}_i - y_i \Vert}^2_2$"),
    "errata.003-norm-and-missing-derivative.source": _003_DW3,
    "errata.003-norm-and-missing-derivative.corrected": _003_DW3,
    "errata.003-bias-drops-out": (54, r"\frac{\partial (W_3\vec{\text{x}}_2+\vec{\text{b}}_3)}"
                                      r"{\partial W_3}"),
    # ----------------------------------------------------------------------------------- 004
    "notation.theta": _004_BIAS_UNIT,
    "bias.folded-unit-first": _004_BIAS_UNIT,
    "notation.mean-vs-sum": (11, r"as \(\frac{1}{2}\sum (y-\hat y)^2\), although it would be more "
                                 r"accurate as \(\frac{1}{2m}\sum (y-\hat y)^2\)"),
    "losses.bce-gradient": (83, r"\[\large\frac{\partial J(\theta)}{\partial a^{(L)}} = "
                                r"\frac{y-1}{a^{(L)}-1} - \frac{y}{a^{(L)}}\]"),
    "losses.bce-sigmoid-delta-scalar": _004_BCE_DELTA,
    "losses.sigmoid-bce-delta": (60, r"\(\large \delta^{(L)}= a^{(L)}-y\)"),
    "backprop-any-depth.004-dJ-dTheta1": (45, r"=X^\top \color{orange}{\delta^{(3)}} "
                                              r"\left(\Theta^{(2)}\right)^\top "
                                              r"\color{purple}{g'(z^{(2)})}=X^\top "
                                              r"\color{brown}{\delta^{(2)}}"),
    "backprop-any-depth.004-accumulator-l2": _004_ACCUMULATOR,
    "backprop-any-depth.outer-product-sum": _004_ACCUMULATOR,
    "beyond.l2-gradient": _004_L2,
    "beyond.l2-network": _004_L2,
    "beyond.l2-004-term": _004_L2,
    "errata.004-delta3-sign.source": _004_DELTA3,
    "errata.004-delta3-sign.corrected": _004_DELTA3,
    "errata.004-aT-delta-expansion.source": _004_EXPANSION,
    "errata.004-aT-delta-expansion.corrected": _004_EXPANSION,
    "errata.004-delta-bias-row.source": _004_DELTA_L,
    "errata.004-delta-bias-row.corrected": _004_DELTA_L,
    "errata.004-partial-without-lambda.source": _004_PARTIAL,
    "errata.004-partial-without-lambda.corrected": _004_PARTIAL,
}
"""Check id -> (line, verbatim text) in the seed of the check's source."""
