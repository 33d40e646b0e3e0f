"""The drawing of the forward-pass explorer: the 2-3-2 network diagram with its values and the
output probabilities as bars, updated in place."""

from __future__ import annotations

import matplotlib.pyplot as plt

from .bars import draw_bars
from .network import draw_network

__all__ = ["NODE_LABELS", "draw_forward", "update_forward"]

NODE_LABELS = [["$x_1$", "$x_2$"], ["$h_1$", "$h_2$", "$h_3$"], [r"$\hat y_1$", r"$\hat y_2$"]]


def draw_forward(result, fig=None, weight_scale=3.0):
    """Draw a :class:`~nnlib.experiments.forward.ForwardResult`: the network diagram and the
    output probabilities.

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
    network : nnlib.plot.network.NetworkArtists
    bars : nnlib.plot.bars.BarArtists
    """
    if fig is None:
        fig = plt.figure(figsize=(7, 3.6))
    ax_net, ax_bar = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[3.2, 1]))
    sizes = [len(a) for a in result.A]
    network = draw_network(ax_net, sizes, result.weights, result.biases, result.A,
                           node_labels=NODE_LABELS, weight_scale=weight_scale)
    bars = draw_bars(ax_bar, result.probabilities, labels=["class 1", "class 2"],
                     title="softmax output")
    fig.subplots_adjust(left=0.0, right=0.97, bottom=0.1, top=0.9, wspace=0.15)
    return fig, network, bars


def update_forward(network, bars, result):
    """Restyle a drawing made by :func:`draw_forward` to show ``result``."""
    network.update(weights=result.weights, biases=result.biases, values=result.A)
    bars.update(result.probabilities)
