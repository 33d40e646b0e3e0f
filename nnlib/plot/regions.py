"""Decision regions of a trained two-input classifier, on the one grid of
:func:`nnlib.experiments.regions.decision_grid`.

* :func:`plot_decision_regions` -- the static figure of the chapter on activations: the
  predicted class shaded over the plane (``contourf``), the data on top;
* :func:`draw_decision_regions` -- an RGB image tinted by how sure the network is
  (:func:`region_colors` of :func:`~nnlib.experiments.regions.scores`), training points filled,
  test points ringed; its :class:`RegionArtists` recolours the regions in place;
* :func:`class_colors` -- the book's class colours (:data:`nnlib.plot.colors.CLASS_COLORS`) as
  RGB rows.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..experiments.regions import decision_grid, scores
from .colors import CLASS_COLORS

__all__ = ["class_colors", "region_colors", "RegionArtists", "draw_decision_regions",
           "plot_decision_regions"]


def class_colors(n_classes):
    """RGB rows (n_classes, 3) of :data:`~nnlib.plot.colors.CLASS_COLORS`."""
    from matplotlib.colors import to_rgb

    if not 1 <= n_classes <= len(CLASS_COLORS):
        raise ValueError(f"n_classes must be in 1..{len(CLASS_COLORS)}; got {n_classes}")
    return np.array([to_rgb(c) for c in CLASS_COLORS[:n_classes]])


def region_colors(S, colors, strength=0.55):
    """RGB of each grid point: white where the classes tie, tinted by the winning class.

    Parameters
    ----------
    S : array (G, K), class scores (rows sum to 1)
    colors : array (K, 3), RGB of each class
    strength : float, the tint where one class has score 1
    """
    K = S.shape[1]
    mix = S @ colors
    confidence = (S.max(axis=1, keepdims=True) - 1.0 / K) / (1.0 - 1.0 / K)
    c = strength * np.clip(confidence, 0.0, 1.0)
    return (1.0 - c) + c * mix


@dataclasses.dataclass
class RegionArtists:
    """What :func:`draw_decision_regions` drew; :meth:`update` recolours the regions."""

    ax: object
    image: object
    grid: np.ndarray
    resolution: int
    colors: np.ndarray
    n_classes: int
    train_points: object
    test_points: object

    def update(self, net):
        """Recolour the regions for the network's current parameters; returns the outputs."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            A = net.forward(self.grid)
        rgb = region_colors(scores(A, self.n_classes), self.colors)
        self.image.set_data(rgb.reshape(self.resolution, self.resolution, 3))
        return A


def draw_decision_regions(ax, net, X, y, X_test=None, y_test=None, n_classes=None,
                          resolution=40, point_size=18):
    """Decision regions of a classifier with the training (filled) and test (ringed) points.

    Parameters
    ----------
    ax : matplotlib Axes
    net : MLP with 2 inputs
    X, y : arrays (N, 2) and integer labels (N,)
    X_test, y_test : optional test set, drawn as rings
    n_classes : int, default ``y.max() + 1``
    resolution : int, grid points per side

    Returns
    -------
    RegionArtists
        ``update(net)`` recolours the regions in place.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).astype(int)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (N, 2); got {X.shape}")
    if n_classes is None:
        n_classes = int(max(y.max(), -1 if y_test is None else np.max(y_test))) + 1
    n_classes = max(n_classes, 2)
    colors = class_colors(n_classes)
    everything = X if X_test is None else np.vstack([X, X_test])
    grid, extent = decision_grid(everything, resolution)
    image = ax.imshow(np.ones((resolution, resolution, 3)), origin="lower", extent=extent,
                      aspect="auto", interpolation="bilinear", zorder=0)
    train = ax.scatter(X[:, 0], X[:, 1], c=colors[y], s=point_size, edgecolors="white",
                       linewidths=0.6, zorder=2)
    test = None
    if X_test is not None:
        yt = np.asarray(y_test).astype(int)
        test = ax.scatter(X_test[:, 0], X_test[:, 1], facecolors="none",
                          edgecolors=colors[yt], s=point_size, linewidths=1.2, zorder=2)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    artists = RegionArtists(ax, image, grid, resolution, colors, n_classes, train, test)
    artists.update(net)
    return artists


def plot_decision_regions(ax, net, X, labels, title=None, resolution=150, margin=0.3):
    """Shade the class ``net`` predicts over the plane and scatter the data (coloured by label).

    Parameters
    ----------
    ax : matplotlib Axes
    net : MLP with 2 inputs (a classifier)
    X : array, shape (N, 2)
    labels : array of int, shape (N,)
    title : str, optional
    resolution : int, grid points per side
    margin : float, added around the data's bounding box
    """
    from matplotlib.colors import ListedColormap

    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2 or net.sizes[0] != 2:
        raise ValueError(f"decision regions need 2 inputs; got X of shape {X.shape} and a "
                         f"network with {net.sizes[0]} inputs")
    G, _ = decision_grid(X, resolution, margin)
    xx, yy = (G[:, i].reshape(resolution, resolution) for i in (0, 1))
    grid = np.asarray(net.predict(G)).reshape(xx.shape)
    labels = np.asarray(labels, dtype=int)
    k = max(int(grid.max()), int(labels.max())) + 1
    if k > len(CLASS_COLORS):
        raise ValueError(f"at most {len(CLASS_COLORS)} classes can be coloured; got {k}")
    colors = np.array(CLASS_COLORS[:k])  # the book's class colours (nnlib.plot.colors)
    ax.contourf(xx, yy, grid, levels=np.arange(k + 1) - 0.5, cmap=ListedColormap(colors),
                alpha=0.25)
    ax.scatter(X[:, 0], X[:, 1], c=colors[labels], s=12, edgecolors="k", linewidths=0.3)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title)
