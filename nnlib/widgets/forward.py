r"""The forward-pass explorer of the chapter "Anatomy and the forward pass".

The 2-3-2 network of source 000 (tanh hidden layer, softmax output) on one sample:

.. math::
    z^{(1)} = x W^{(1)} + b^{(1)}, \quad a^{(1)} = \tanh z^{(1)}, \quad
    z^{(2)} = a^{(1)} W^{(2)} + b^{(2)}, \quad \hat y = \operatorname{softmax} z^{(2)}

:func:`forward_232` is the pure computation (2 inputs and the 17 parameters in, every layer's
values out); :func:`draw_forward` draws its result (network diagram and probability bars) and
:func:`forward_widget` only wires 19 sliders to those two.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import validate as v
from ..mlp import MLP
from ..plotting import draw_bars, draw_network

__all__ = ["SIZES", "PARAM_NAMES", "DEFAULT_X", "DEFAULT_THETA", "ForwardResult",
           "forward_232", "draw_forward", "ForwardExplorer", "forward_widget"]

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


def _network(theta):
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (len(PARAM_NAMES),):
        raise ValueError(
            f"theta must hold the {len(PARAM_NAMES)} parameters {', '.join(PARAM_NAMES)}; "
            f"got shape {theta.shape}"
        )
    net = MLP(list(SIZES), activations=["tanh", "softmax"], loss="cross_entropy")
    net.set_flat(theta)
    return net


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
    x = np.asarray(x, dtype=float)
    if x.shape != (SIZES[0],):
        raise ValueError(f"x must have shape ({SIZES[0]},) (one sample); got {x.shape}")
    net = _network(theta)
    Zs, As = net.forward_cache(x[None, :])
    return ForwardResult(weights=[W.copy() for W in net.weights],
                         biases=[b.copy() for b in net.biases],
                         Z=[z[0] for z in Zs], A=[a[0] for a in As])


NODE_LABELS = [["$x_1$", "$x_2$"], ["$h_1$", "$h_2$", "$h_3$"], [r"$\hat y_1$", r"$\hat y_2$"]]


def draw_forward(result, fig=None, weight_scale=3.0):
    """Draw a :class:`ForwardResult`: the network diagram and the output probabilities.

    Parameters
    ----------
    result : ForwardResult
    fig : matplotlib Figure, optional
        A new 7 x 3.6 in figure by default.
    weight_scale : float
        The weight magnitude drawn at full width (the sliders' range).

    Returns
    -------
    fig : Figure
    network : nnlib.plotting.NetworkArtists
    bars : nnlib.plotting.BarArtists
    """
    import matplotlib.pyplot as plt

    if fig is None:
        fig = plt.figure(figsize=(7, 3.6))
    ax_net, ax_bar = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[3.2, 1]))
    network = draw_network(ax_net, list(SIZES), result.weights, result.biases, result.A,
                           node_labels=NODE_LABELS, weight_scale=weight_scale)
    bars = draw_bars(ax_bar, result.probabilities, labels=["class 1", "class 2"],
                     title="softmax output")
    fig.subplots_adjust(left=0.0, right=0.97, bottom=0.1, top=0.9, wspace=0.15)
    return fig, network, bars


def update_forward(network, bars, result):
    """Restyle a drawing made by :func:`draw_forward` to show ``result``."""
    network.update(weights=result.weights, biases=result.biases, values=result.A)
    bars.update(result.probabilities)


class ForwardExplorer:
    """The forward-pass widget: 19 sliders wired to :func:`forward_232` and the drawing.

    Attributes
    ----------
    controls : dict
        Slider per name: ``"x1"``, ``"x2"`` and the :data:`PARAM_NAMES`.
    result : ForwardResult
        The latest computation (what the figure shows).
    fig, network, bars
        As returned by :func:`draw_forward`.
    widget : ipywidgets.VBox
        Display this.
    """

    def __init__(self, x=DEFAULT_X, theta=DEFAULT_THETA, input_range=2.0, weight_range=3.0,
                 bias_range=2.0):
        import ipywidgets as widgets
        import matplotlib.pyplot as plt

        # every setting is checked before any widget exists
        input_range = v.check_positive("input_range", input_range)
        weight_range = v.check_positive("weight_range", weight_range)
        bias_range = v.check_positive("bias_range", bias_range)
        x = v.check_array("x", x, ndim=1)
        theta = v.check_array("theta", theta, ndim=1)
        if x.shape != (2,) or theta.shape != (len(PARAM_NAMES),):
            raise ValueError(f"x must hold 2 inputs and theta {len(PARAM_NAMES)} parameters; "
                             f"got {x.shape[0]} and {theta.shape[0]}")
        for i, value in enumerate(x):
            v.check_slider(f"x{i + 1}", value, -input_range, input_range)
        for name, value in zip(PARAM_NAMES, theta):
            bound = bias_range if name.startswith("b") else weight_range
            v.check_slider(name, value, -bound, bound)
        self.result = forward_232(x, theta)
        style = {"description_width": "48px"}
        layout = widgets.Layout(width="225px")

        def slider(name, value, bound):
            return widgets.FloatSlider(value=float(value), min=-bound, max=bound, step=0.1,
                                       description=name, continuous_update=True,
                                       readout_format=".1f", style=style, layout=layout)

        self.controls = {f"x{i + 1}": slider(f"x{i + 1}", x[i], input_range) for i in range(2)}
        for name, value in zip(PARAM_NAMES, theta):
            bound = bias_range if name.startswith("b") else weight_range
            self.controls[name] = slider(name, value, bound)

        self.fig, self.network, self.bars = draw_forward(self.result, weight_scale=weight_range)
        plt.close(self.fig)  # shown through the Output widget only
        self.output = widgets.Output()
        self._show()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

        def column(title, names):
            return widgets.VBox([widgets.HTML(f"<b>{title}</b>")]
                                + [self.controls[n] for n in names])

        names = list(PARAM_NAMES)
        # three columns of at most 225 px, so the controls fit a book page (about 700 px)
        columns = widgets.HBox([
            widgets.VBox([column("inputs", ["x1", "x2"]), column("b2", names[15:])]),
            column("W1, b1", names[:9]),
            column("W2", names[9:15]),
        ])
        self.widget = widgets.VBox([self.output, columns])

    def values(self):
        """The current ``(x, theta)`` read from the sliders."""
        x = np.array([self.controls["x1"].value, self.controls["x2"].value])
        theta = np.array([self.controls[n].value for n in PARAM_NAMES])
        return x, theta

    def _on_change(self, change=None):
        self.result = forward_232(*self.values())
        update_forward(self.network, self.bars, self.result)
        self._show()

    def _show(self):
        from IPython.display import display

        with self.output:
            self.output.clear_output(wait=True)
            display(self.fig)


def forward_widget(**kwargs):
    """Build a :class:`ForwardExplorer` (keyword arguments as its constructor's)."""
    return ForwardExplorer(**kwargs)
