"""The figure of initialisation in "Beyond the sources": the spread of activations and of weight
gradients, layer by layer (:class:`nnlib.experiments.init.InitStats`)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["draw_init_statistics", "update_init_statistics"]


def draw_init_statistics(axes, stats, styles=None):
    """Std of activations (``axes[0]``) and of weight gradients (``axes[1]``, log scale) per
    layer, one line per entry of ``stats`` (dict label -> InitStats).  Returns the lines."""
    from matplotlib.ticker import NullFormatter

    lines = {}
    for k, (label, s) in enumerate(stats.items()):
        style = (styles or {}).get(label, {})
        layers = np.arange(1, s.act_std.size + 1)
        l1, = axes[0].plot(layers, s.act_std, "o-", ms=4, label=label, **style)
        l2, = axes[1].plot(layers, np.maximum(s.grad_std, 1e-30), "o-", ms=4, label=label,
                           **style)
        lines[label] = (l1, l2)
    axes[0].set_ylabel("std of activations $A^{(l)}$")
    axes[1].set_ylabel(r"std of $\partial J/\partial W^{(l)}$")
    axes[1].set_yscale("log")
    _gradient_limits(axes[1], stats)
    axes[1].yaxis.set_minor_formatter(NullFormatter())
    for ax in axes:
        ax.set_xlabel("layer l")
        ax.set_xticks(np.arange(1, next(iter(stats.values())).act_std.size + 1))
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_ylim(0, 1.05)
    axes[0].legend(fontsize=8)
    return lines


def _gradient_limits(ax, stats):
    # whole decades, at least two, so the log axis shows labelled powers of ten rather
    # than crowded labels on minor ticks when the gradients barely change across layers
    grads = np.concatenate([np.ravel(s.grad_std) for s in stats.values()])
    grads = grads[np.isfinite(grads) & (grads > 0)]
    if grads.size:
        lo = math.floor(math.log10(grads.min()))
        hi = max(math.ceil(math.log10(grads.max())), lo + 2)
        ax.set_ylim(10.0 ** lo, 10.0 ** hi)


def update_init_statistics(axes, lines, stats):
    """Move the lines drawn by :func:`draw_init_statistics` to new statistics, in place.

    ``stats`` holds one entry per line, in the order drawn (the labels may change, the number of
    layers may not); the limits and the legend are set as a fresh drawing sets them.  Returns the
    lines by their new labels.
    """
    if len(stats) != len(lines):
        raise ValueError(f"stats must hold {len(lines)} entries, one per line drawn; "
                         f"got {len(stats)}")
    new = {}
    for (l1, l2), (label, s) in zip(lines.values(), stats.items()):
        layers = np.arange(1, s.act_std.size + 1)
        if layers.size != len(l1.get_xdata()):
            raise ValueError(f"{label}: {layers.size} layers; the figure shows "
                             f"{len(l1.get_xdata())}")
        l1.set_data(layers, s.act_std)
        l2.set_data(layers, np.maximum(s.grad_std, 1e-30))
        l1.set_label(label)
        l2.set_label(label)
        new[label] = (l1, l2)
    for ax in axes:
        ax.relim()
        ax.autoscale_view()
    _gradient_limits(axes[1], stats)
    axes[0].set_ylim(0, 1.05)
    axes[0].legend(fontsize=8)
    return new
