r"""The forward pass of the chapter "Anatomy and the forward pass", one sample at a time.

The 2-3-2 network of source 000 (tanh hidden layer, softmax output):

.. math::
    z^{(1)} = x W^{(1)} + b^{(1)}, \quad a^{(1)} = \tanh z^{(1)}, \quad
    z^{(2)} = a^{(1)} W^{(2)} + b^{(2)}, \quad \hat y = \operatorname{softmax} z^{(2)}

:func:`forward_232` takes the 2 inputs and the 17 parameters and returns every layer's values
(:class:`ForwardResult`); :mod:`nnlib.plot.forward` draws it and
:mod:`nnlib.widgets.forward` wires 19 sliders to both.
"""

from __future__ import annotations

import dataclasses

from .. import validate as v
from ..mlp import MLP

__all__ = ["SIZES", "PARAM_NAMES", "DEFAULT_X", "DEFAULT_THETA", "ForwardResult", "forward_232"]

SIZES = (2, 3, 2)
"""Units per layer of the explored network."""

PARAM_NAMES = tuple(
    [f"w1_{i}{j}" for i in (1, 2) for j in (1, 2, 3)] + [f"b1_{j}" for j in (1, 2, 3)]
    + [f"w2_{i}{j}" for i in (1, 2, 3) for j in (1, 2)] + [f"b2_{j}" for j in (1, 2)]
)
"""The 17 parameter names, in nnlib's ``MLP.get_flat`` order (W1 row by row, b1, W2, b2);
``w1_23`` is :math:`W^{(1)}_{23}`, the weight from input 2 to hidden unit 3."""

DEFAULT_X = (1.0, -0.5)
"""The starting sample."""

DEFAULT_THETA = (0.8, -0.6, 0.3,  -0.4, 0.9, 1.2,    # W1 (2 x 3), row by row
                 0.1, -0.2, 0.0,                      # b1
                 1.1, -0.7,  -0.9, 0.5,  0.4, 1.3,    # W2 (3 x 2), row by row
                 0.0, 0.2)                            # b2
"""The starting parameters (hand-picked so that both signs and several sizes show)."""


@dataclasses.dataclass(frozen=True)
class ForwardResult:
    """Every number of one forward pass through the 2-3-2 network.

    Attributes
    ----------
    weights : list of arrays, shapes (2, 3) and (3, 2)
    biases : list of arrays, shapes (3,) and (2,)
    Z : list of arrays, ``Z[0]`` (3,) hidden pre-activations, ``Z[1]`` (2,) output logits
    A : list of arrays, ``A[0]`` (2,) the input, ``A[1]`` (3,) hidden, ``A[2]`` (2,) softmax
    """

    weights: list
    biases: list
    Z: list
    A: list

    @property
    def probabilities(self):
        """The softmax output, shape (2,)."""
        return self.A[-1]


def forward_232(x, theta):
    """One sample through the 2-3-2 tanh/softmax network, with nnlib's forward pass.

    Parameters
    ----------
    x : array, shape (2,)
        The inputs :math:`x_1, x_2`.
    theta : array, shape (17,)
        The parameters in :data:`PARAM_NAMES` order.

    Returns
    -------
    ForwardResult
    """
    x = v.check_array("x", x)
    if x.shape != (SIZES[0],):
        raise ValueError(f"x must have shape ({SIZES[0]},) (one sample); got {x.shape}")
    theta = v.check_array("theta", theta)
    if theta.shape != (len(PARAM_NAMES),):
        raise ValueError(
            f"theta must hold the {len(PARAM_NAMES)} parameters {', '.join(PARAM_NAMES)}; "
            f"got shape {theta.shape}"
        )
    net = MLP(list(SIZES), activations=["tanh", "softmax"], loss="cross_entropy")
    net.set_flat(theta)
    Zs, As = net.forward_cache(x[None, :])
    return ForwardResult(weights=[W.copy() for W in net.weights],
                         biases=[b.copy() for b in net.biases],
                         Z=[z[0] for z in Zs], A=[a[0] for a in As])
