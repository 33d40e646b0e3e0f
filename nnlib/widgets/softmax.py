r"""Widgets and counts for the chapter "Softmax and its Jacobian".

* :func:`softmax_view` gives, for one logit vector, the probabilities :math:`s` and the
  Jacobian :math:`J = \operatorname{diag}(s) - s s^T` (both from :mod:`nnlib.activations`);
* :func:`draw_softmax` draws them: the probabilities as bars, the Jacobian as a heatmap;
* :func:`backward_flops` counts the arithmetic of the two ways to push a gradient back
  through softmax (build :math:`J`, then :math:`J^T g`; or the product
  :math:`s \odot (g - g\cdot s)` without :math:`J`);
* :func:`softmax_widget` wires one slider per logit to :func:`softmax_view` and
  :func:`draw_softmax`.
"""

from __future__ import annotations

import numpy as np

from .. import validate as v
from ..activations import softmax, softmax_jacobian
from ..colors import diverging_cmap
from ..plotting import draw_bars

__all__ = ["LOGIT_RANGE", "softmax_view", "draw_softmax", "backward_flops", "softmax_widget"]

LOGIT_RANGE = (-5.0, 5.0)
"""Slider range of each logit."""


def softmax_view(z):
    r"""Probabilities and Jacobian of softmax at one logit vector.

    Parameters
    ----------
    z : array, shape (n,), n >= 2

    Returns
    -------
    s : array, shape (n,)
        ``nnlib.activations.softmax(z)``.
    J : array, shape (n, n)
        ``nnlib.activations.softmax_jacobian(z)``; ``J[i, j]`` is :math:`\partial s_i/\partial z_j`.
    """
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"z must be one logit vector with at least 2 entries; got shape {z.shape}")
    if not np.all(np.isfinite(z)):
        raise ValueError(f"z must be finite; got {z}")
    return softmax(z), softmax_jacobian(z)


def draw_softmax(axes, s, J):
    """Draw the probabilities ``s`` as bars on ``axes[0]`` and the Jacobian ``J`` as an
    annotated heatmap on ``axes[1]`` (colour range fixed at [-0.25, 0.25], the extremes a
    softmax Jacobian can reach).

    Returns
    -------
    bars : nnlib.plotting.BarArtists
    image : matplotlib AxesImage of the heatmap
    """
    s, J = np.asarray(s, dtype=float), np.asarray(J, dtype=float)
    n = s.size
    if s.ndim != 1 or J.shape != (n, n):
        raise ValueError(f"expected s of shape (n,) and J of shape (n, n); got {s.shape}, {J.shape}")
    labels = [f"$s_{k + 1}$" for k in range(n)]
    bars = draw_bars(axes[0], s, labels=labels, title="probabilities s")
    ax = axes[1]
    image = ax.imshow(J, cmap=diverging_cmap(), vmin=-0.25, vmax=0.25)  # nnlib.colors
    for i in range(n):
        for j in range(n):
            color = "white" if abs(J[i, j]) > 0.15 else "black"  # readable on dark cells
            ax.text(j, i, f"{J[i, j]:.3f}", ha="center", va="center", fontsize=9, color=color)
    ticks = np.arange(n)
    ax.set_xticks(ticks, [f"$z_{k + 1}$" for k in range(n)])
    ax.set_yticks(ticks, labels)
    ax.set_title(r"Jacobian $\partial s_i / \partial z_j$")
    return bars, image


def backward_flops(n):
    r"""Floating-point operations to compute :math:`dz = J^T g` for one sample of n classes.

    Counted operation by operation (one multiply, add or subtract each):

    * ``"jacobian"``: build :math:`J = \operatorname{diag}(s) - s s^T` (:math:`n^2` products
      :math:`s_i s_j`, :math:`n` subtractions on the diagonal), then :math:`J^T g`
      (:math:`n^2` products and :math:`n(n-1)` additions): :math:`3n^2`;
    * ``"vjp"`` (the vector-Jacobian product, without :math:`J`): :math:`g\cdot s`
      (:math:`n` products, :math:`n-1` additions),
      :math:`g - (g\cdot s)` (:math:`n` subtractions), :math:`s\odot(\dots)` (:math:`n`
      products): :math:`4n - 1`.

    Returns
    -------
    dict with ``"jacobian"``, ``"vjp"`` (operation counts) and ``"jacobian_floats"``,
    ``"vjp_floats"`` (numbers stored besides s and g: :math:`n^2` and 1).
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number of classes; got {n!r}")
    n = int(n)
    build = n * n + n
    product = n * n + n * (n - 1)
    vjp = (n + (n - 1)) + n + n
    return {"jacobian": build + product, "vjp": vjp, "jacobian_floats": n * n, "vjp_floats": 1}


def softmax_widget(z=(1.0, 0.0, -1.0)):
    """One slider per logit; redraws the probabilities and the Jacobian.

    Returns the ``ipywidgets.interactive`` object; ``.result`` is ``(s, J)`` of the current logits.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    z = [float(x) for x in v.check_array("z", z, ndim=1)]
    if len(z) < 2:
        raise ValueError(f"softmax needs at least 2 logits; got {len(z)}")
    for k, x in enumerate(z):
        v.check_slider(f"z{k + 1}", x, *LOGIT_RANGE)

    def show(**logits):
        s, J = softmax_view([logits[f"z{k + 1}"] for k in range(len(z))])
        fig, axes = plt.subplots(1, 2, figsize=(7, 3))
        draw_softmax(axes, s, J)
        fig.tight_layout()
        plt.show()
        return s, J

    sliders = {
        f"z{k + 1}": widgets.FloatSlider(value=v, min=LOGIT_RANGE[0], max=LOGIT_RANGE[1], step=0.25,
                                         description=f"z{k + 1}", continuous_update=False)
        for k, v in enumerate(z)
    }
    return widgets.interactive(show, **sliders)
