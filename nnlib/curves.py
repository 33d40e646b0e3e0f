r"""Curves the chapters on activations and losses draw more than once.

* :func:`activation_curves` evaluates an activation of :data:`nnlib.ACTIVATIONS` and its
  derivative on a grid (the numbers behind every "function and derivative" plot);
* :func:`plot_function_and_derivative` draws such a pair side by side and returns a
  :class:`CurveArtists` whose :meth:`~CurveArtists.update` redraws it in place (for widgets);
* :func:`plot_decision_regions` shades the class a trained classifier predicts over the plane
  and scatters the data on top;
* :func:`true_class_losses` gives each loss of :data:`nnlib.LOSSES` for the two-class output
  :math:`[p, 1 - p]` against the target :math:`[1, 0]`, one value per ``p``.

Rows are samples, as everywhere in nnlib.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .activations import get_activation
from .losses import get_loss

__all__ = [
    "activation_curves", "CurveArtists", "plot_function_and_derivative",
    "decision_grid", "grid_points", "plot_decision_regions", "true_class_losses",
]

FUNCTION_COLOR = "#1f77b4"
"""Colour of the function's curve (matplotlib's C0)."""
DERIVATIVE_COLOR = "#e6550d"
"""Colour of the derivative's curve (orange)."""


def activation_curves(name, z, **params):
    r"""An activation and its derivative on a grid of pre-activations.

    Parameters
    ----------
    name : str
        An elementwise entry of :data:`nnlib.ACTIVATIONS` (softmax has no elementwise derivative).
    z : array, shape (m,)
        Pre-activations.
    **params
        Passed to :func:`nnlib.get_activation`, e.g. ``slope=0.1`` for ``"leaky_relu"``.

    Returns
    -------
    a, da : arrays, shape (m,)
        :math:`\phi(z)` and :math:`\phi'(z)` as nnlib computes them (``f`` and ``deriv``).

    Raises
    ------
    ValueError
        For an unknown name, a parameter the activation does not take, or softmax.
    """
    act = get_activation(name, **params)
    if not act.elementwise:
        raise ValueError(f"{act.name} is not elementwise; it has a Jacobian, not a derivative curve")
    z = np.asarray(z, dtype=float)
    if z.ndim != 1:
        raise ValueError(f"z must be a 1-D grid of pre-activations; got shape {z.shape}")
    a = act.f(z)
    return a, act.deriv(z, a)


@dataclasses.dataclass
class CurveArtists:
    """The two lines drawn by :func:`plot_function_and_derivative`."""

    f_line: object
    df_line: object

    def update(self, f_values, df_values):
        """Set new y-values (same grid); returns self."""
        n = len(self.f_line.get_xdata())
        for name, values in (("f_values", f_values), ("df_values", df_values)):
            if np.shape(values) != (n,):
                raise ValueError(f"{name} must have shape ({n},) like the grid; got {np.shape(values)}")
        self.f_line.set_ydata(f_values)
        self.df_line.set_ydata(df_values)
        return self


def plot_function_and_derivative(axes, z, f_values, df_values, name, f_ylim=None, df_ylim=None):
    r"""Draw :math:`\phi(z)` on ``axes[0]`` and :math:`\phi'(z)` on ``axes[1]``.

    Parameters
    ----------
    axes : sequence of two matplotlib Axes
    z, f_values, df_values : arrays, shape (m,)
    name : str
        Printed in the titles, e.g. ``r"\sigma"`` or ``"tanh"`` (mathtext allowed).
    f_ylim, df_ylim : tuple of float, optional
        Fixed y-ranges (a widget keeps them fixed so the curves can be compared).

    Returns
    -------
    CurveArtists
    """
    z = np.asarray(z, dtype=float)
    if len(axes) != 2:
        raise ValueError(f"expected two axes (function, derivative); got {len(axes)}")
    for label, values in (("f_values", f_values), ("df_values", df_values)):
        if np.shape(values) != z.shape:
            raise ValueError(f"{label} must have shape {z.shape} like z; got {np.shape(values)}")
    ax_f, ax_d = axes
    (f_line,) = ax_f.plot(z, f_values, color=FUNCTION_COLOR, lw=2)
    (df_line,) = ax_d.plot(z, df_values, color=DERIVATIVE_COLOR, lw=2)
    ax_f.set_title(f"{name}(z)")
    ax_d.set_title(f"{name}'(z)")
    for ax, ylim in ((ax_f, f_ylim), (ax_d, df_ylim)):
        ax.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax.axvline(0, color="0.8", lw=0.8, zorder=0)
        ax.set_xlabel("z")
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.spines[["top", "right"]].set_visible(False)
    return CurveArtists(f_line, df_line)


def decision_grid(net, X, resolution=150, margin=0.3):
    """The labels a 2-input classifier predicts on a grid covering the data.

    Parameters
    ----------
    net : MLP with 2 inputs
    X : array, shape (N, 2)
    resolution : int
        Grid points per axis.
    margin : float
        Added around the data's bounding box.

    Returns
    -------
    xx, yy : arrays, shape (resolution, resolution)
    labels : array, shape (resolution, resolution), ``net.predict`` of each grid point
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2 or net.sizes[0] != 2:
        raise ValueError(f"decision regions need 2 inputs; got X of shape {X.shape} and a "
                         f"network with {net.sizes[0]} inputs")
    G, _ = grid_points(X, resolution, margin)
    xx, yy = (G[:, i].reshape(resolution, resolution) for i in (0, 1))
    labels = net.predict(G)
    return xx, yy, np.asarray(labels).reshape(xx.shape)


def grid_points(X, resolution, margin):
    """A square grid over the bounding box of 2-D data ``X``, widened by ``margin``.

    Returns
    -------
    G : array (resolution**2, 2), grid points, row-major from the lower left
    extent : (x0, x1, y0, y1) for ``imshow(origin="lower")``
    """
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    return np.column_stack([gx.ravel(), gy.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def plot_decision_regions(ax, net, X, labels, title=None, resolution=150):
    """Shade the class ``net`` predicts over the plane and scatter the data (coloured by label).

    Parameters
    ----------
    ax : matplotlib Axes
    net : MLP with 2 inputs (a classifier)
    X : array, shape (N, 2)
    labels : array of int, shape (N,)
    title : str, optional
    resolution : int
    """
    from matplotlib.colors import ListedColormap

    from .colors import CLASS_COLORS

    xx, yy, grid = decision_grid(net, X, resolution)
    labels = np.asarray(labels, dtype=int)
    k = max(int(grid.max()), int(labels.max())) + 1
    if k > len(CLASS_COLORS):
        raise ValueError(f"at most {len(CLASS_COLORS)} classes can be coloured; got {k}")
    colors = np.array(CLASS_COLORS[:k])  # the book's class colours (nnlib.colors)
    ax.contourf(xx, yy, grid, levels=np.arange(k + 1) - 0.5, cmap=ListedColormap(colors),
                alpha=0.25)
    ax.scatter(X[:, 0], X[:, 1], c=colors[labels], s=12, edgecolors="k", linewidths=0.3)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title)


def true_class_losses(p, loss):
    r"""Loss of the output :math:`[p, 1-p]` against the target :math:`[1, 0]`, for each ``p``.

    Each ``p`` is its own batch of one sample (N = 1), so the values are per-sample losses:
    ``mse`` gives :math:`\tfrac12[(p-1)^2 + (1-p)^2] = (1-p)^2` and ``cross_entropy`` gives
    :math:`-\ln p`.

    Parameters
    ----------
    p : array, shape (m,), entries in (0, 1]
    loss : str, a name in :data:`nnlib.LOSSES`

    Returns
    -------
    array, shape (m,)
    """
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or np.any(p <= 0) or np.any(p > 1):
        raise ValueError("p must be a 1-D array of probabilities in (0, 1]; "
                         f"got shape {p.shape}, range {p.min():g}..{p.max():g}")
    ls = get_loss(loss)
    A = np.column_stack([p, 1.0 - p])
    Y = np.array([[1.0, 0.0]])
    return np.array([ls.value(A[i:i + 1], Y) for i in range(p.size)])
