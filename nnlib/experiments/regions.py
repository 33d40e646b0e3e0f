"""The numbers behind a decision-region figure: the one grid over the plane, and class scores.

* :func:`decision_grid` -- THE grid of decision regions: every figure of regions in the book
  (:func:`nnlib.plot.regions.plot_decision_regions`,
  :func:`nnlib.plot.regions.draw_decision_regions`, the playground, the page's twin) evaluates
  the network on the points it returns;
* :func:`scores` -- class scores in [0, 1] whose rows sum to 1, from a network's outputs (how
  sure the network is, which the regions' tint shows).

Rows are samples, as everywhere in nnlib.
"""

from __future__ import annotations

import numpy as np

from .. import validate as v

__all__ = ["decision_grid", "scores"]


def decision_grid(X, resolution=40, margin=0.25):
    """A square grid over the bounding box of 2-D data ``X``, widened by ``margin``.

    Parameters
    ----------
    X : array, shape (N, 2)
    resolution : int >= 1, grid points per side
    margin : float >= 0, added on every side of the data's bounding box

    Returns
    -------
    G : array (resolution**2, 2), grid points, row-major from the lower left (x fastest):
        ``G[:, k].reshape(resolution, resolution)`` is ``np.meshgrid``'s k-th array
    extent : (x0, x1, y0, y1) for ``imshow(origin="lower")``
    """
    X = v.check_array("X", X, ndim=2)
    if X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(f"decision regions need 2-D points: X must have shape (N, 2), N >= 1; "
                         f"got {X.shape}")
    resolution = v.check_size("resolution", resolution)
    margin = v.check_nonnegative("margin", margin)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    return np.column_stack([gx.ravel(), gy.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def scores(A, n_classes):
    """Class scores in [0, 1] whose rows sum to 1, from network outputs.

    Parameters
    ----------
    A : array (G, K)
        Network outputs: one column for two classes (sigmoid or identity output read as the
        score of class 1), else one column per class.
    n_classes : int

    Returns
    -------
    S : array (G, n_classes)
    """
    A = np.asarray(A, dtype=float)
    if A.shape[1] == 1:
        a = np.clip(np.nan_to_num(A[:, 0], nan=0.5), 0.0, 1.0)
        return np.column_stack([1.0 - a, a])
    if A.shape[1] != n_classes:
        raise ValueError(f"outputs must have 1 or {n_classes} columns; got {A.shape[1]}")
    S = np.clip(np.nan_to_num(A, nan=0.0), 0.0, None)
    total = S.sum(axis=1, keepdims=True)
    return np.where(total > 0, S / np.where(total > 0, total, 1.0), 1.0 / n_classes)
