r"""Gradient descent you can watch: a one-dimensional descent, decision regions, and animations.

The pure functions here are what the chapters "Gradient descent", "XOR" and "A real
classifier" compute; the widgets only wire sliders to them.

* :data:`LOSSES_1D` -- one-parameter losses :math:`L(\theta)` with their derivatives, and
  :func:`descend_1d`, the iterates :math:`\theta_{k+1} = \theta_k - \eta L'(\theta_k)`.
* :func:`quadratic_regime` -- what a learning rate does on :math:`\tfrac a2(\theta-c)^2`.
* :func:`class_colors`, :func:`region_colors`, :func:`decision_grid`,
  :func:`draw_decision_regions` -- decision regions of a trained classifier as an RGB image
  whose artists update in place.
* :func:`train_frames` and :func:`animate_frames` -- a training run recorded frame by frame and
  turned into a matplotlib animation that plays in a browser without a kernel.

Rows are samples, as everywhere in nnlib.
"""

from __future__ import annotations

import dataclasses
import io
import math
from typing import Callable

import numpy as np

__all__ = [
    "Loss1D", "LOSSES_1D", "get_loss_1d", "descend_1d", "quadratic_regime",
    "DescentArtists", "draw_descent_1d", "gradient_descent_widget",
    "CLASS_COLORS", "class_colors", "region_colors", "scores", "decision_grid",
    "RegionArtists", "draw_decision_regions", "figure_png",
    "train_frames", "animate_frames", "xor_widget",
]


# --- one-parameter losses -------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Loss1D:
    r"""A loss of one parameter, :math:`L(\theta)`, next to its derivative.

    Attributes
    ----------
    name : str
    f : callable, array -> array
    df : callable, array -> array, :math:`dL/d\theta`
    latex : str
    xlim : tuple, the range the chapter plots
    start : float, the default starting point
    """

    name: str
    f: Callable
    df: Callable
    latex: str
    xlim: tuple
    start: float


# L = 1/2 (theta - 2)^2: the squared error of a prediction theta against the target 2 (001)
def _quad(t):
    return 0.5 * (t - 2.0) ** 2


def _quad_d(t):
    return t - 2.0


# L = (theta^2 - 1)^2 + 0.3 theta: two valleys, the left one deeper (local minima)
def _well(t):
    return (t * t - 1.0) ** 2 + 0.3 * t


def _well_d(t):
    return 4.0 * t * (t * t - 1.0) + 0.3


LOSSES_1D = {
    "quadratic": Loss1D("quadratic", _quad, _quad_d, r"\tfrac12(\theta-2)^2", (-2.0, 6.0), 5.0),
    "two valleys": Loss1D("two valleys", _well, _well_d, r"(\theta^2-1)^2 + 0.3\,\theta",
                          (-1.8, 1.8), 1.6),
}
"""Name -> :class:`Loss1D`."""


def get_loss_1d(name):
    """The :class:`Loss1D` called ``name``; unknown names raise ValueError listing the valid ones."""
    if isinstance(name, Loss1D):
        return name
    if name not in LOSSES_1D:
        raise ValueError(f"unknown 1-D loss {name!r}; valid: {', '.join(LOSSES_1D)}")
    return LOSSES_1D[name]


def descend_1d(loss, theta0, lr, steps, limit=1e6):
    r"""Gradient descent on a one-parameter loss: :math:`\theta_{k+1} = \theta_k - \eta L'(\theta_k)`.

    A positive slope moves :math:`\theta` left, a negative one right.

    Parameters
    ----------
    loss : str or Loss1D
    theta0 : float, the start
    lr : float > 0, the learning rate :math:`\eta`
    steps : int >= 0
    limit : float
        Once :math:`|\theta|` exceeds it the run has diverged and the remaining iterates are NaN.

    Returns
    -------
    thetas : array, shape (steps + 1,)
        ``thetas[0] == theta0``.
    """
    loss = get_loss_1d(loss)
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0; got {lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0; got {steps!r}")
    thetas = np.full(int(steps) + 1, np.nan)
    theta = float(theta0)
    thetas[0] = theta
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, int(steps) + 1):
            theta = theta - lr * float(loss.df(theta))
            if not math.isfinite(theta) or abs(theta) > limit:
                break
            thetas[k] = theta
    return thetas


def quadratic_regime(lr, curvature=1.0):
    r"""What gradient descent does on :math:`\tfrac a2(\theta - c)^2` with learning rate ``lr``.

    The error is multiplied by :math:`1 - \eta a` at every step (check
    ``gradient-descent.quadratic-iterate``), so:

    * ``"creeps"``: :math:`0 < \eta a < 1`, the error shrinks without changing sign;
    * ``"one step"``: :math:`\eta a = 1`, the minimum is reached in one step;
    * ``"oscillates"``: :math:`1 < \eta a < 2`, the error flips sign and shrinks;
    * ``"bounces"``: :math:`\eta a = 2`, it flips sign and keeps its size forever;
    * ``"diverges"``: :math:`\eta a > 2`, it flips sign and grows.
    """
    if not (lr > 0 and curvature > 0):
        raise ValueError(f"lr and curvature must be > 0; got {lr!r} and {curvature!r}")
    r = lr * curvature
    if np.isclose(r, 1.0):
        return "one step"
    if np.isclose(r, 2.0):
        return "bounces"
    if r < 1:
        return "creeps"
    return "oscillates" if r < 2 else "diverges"


@dataclasses.dataclass
class DescentArtists:
    """What :func:`draw_descent_1d` drew; :meth:`update` moves the path in place."""

    loss: Loss1D
    ax: object
    path_line: object
    path_points: object
    title: object
    steps: int

    def update(self, lr, theta0=None):
        """Redraw the path for a new learning rate (and start); returns the iterates."""
        theta0 = self.loss.start if theta0 is None else theta0
        thetas = descend_1d(self.loss, theta0, lr, self.steps)
        ok = np.isfinite(thetas)
        t = thetas[ok]
        with np.errstate(over="ignore", invalid="ignore"):
            y = self.loss.f(t)
        self.path_line.set_data(t, y)
        self.path_points.set_offsets(np.column_stack([t, y]))
        self.path_points.set_array(np.arange(t.size, dtype=float))
        lo, hi = self.loss.xlim
        outside = not ok.all() or np.any((t < lo) | (t > hi))
        last = t[-1]
        status = "diverged (left the plot)" if outside else f"after {self.steps} steps θ = {last:.3f}"
        self.title.set_text(f"η = {lr:.3g}: {status}")
        return thetas


def draw_descent_1d(ax, loss="quadratic", lr=0.3, theta0=None, steps=20):
    r"""Plot a one-parameter loss and the path of gradient descent on it.

    Parameters
    ----------
    ax : matplotlib Axes
    loss : str or Loss1D
    lr : float > 0
    theta0 : float or None (the loss's default start)
    steps : int

    Returns
    -------
    DescentArtists
        ``update(lr, theta0)`` moves the path without rebuilding the plot.
    """
    loss = get_loss_1d(loss)
    grid = np.linspace(*loss.xlim, 400)
    curve = loss.f(grid)
    ax.plot(grid, curve, color="#555555", lw=1.5)
    (line,) = ax.plot([], [], color="#e6550d", lw=1, alpha=0.7, zorder=2)
    points = ax.scatter([], [], c=[], cmap="viridis", vmin=0, vmax=steps, s=28, zorder=3,
                        edgecolors="k", linewidths=0.4)
    ax.set_xlim(*loss.xlim)
    pad = 0.08 * (curve.max() - curve.min())
    ax.set_ylim(curve.min() - pad, curve.max() + pad)
    ax.set_xlabel(r"$\theta$")
    ax.set_ylabel(r"$L(\theta) = " + loss.latex + "$")
    title = ax.set_title("", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    artists = DescentArtists(loss, ax, line, points, title, int(steps))
    artists.update(lr, theta0)
    return artists


def figure_png(fig, compress_level=1):
    """The figure rendered by Agg as PNG bytes (low compression: fast, for live widgets)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, pil_kwargs={"compress_level": compress_level})
    return buf.getvalue()


def gradient_descent_widget(loss="quadratic", lr=0.3, steps=20):
    """Learning-rate (log) and start sliders wired to :func:`draw_descent_1d`.

    Returns an ipywidgets ``VBox``; its ``.artists`` is the :class:`DescentArtists` and
    ``.controls`` the dict of sliders (tests set their ``.value``).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    loss = get_loss_1d(loss)
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(7, 3.3), dpi=80, layout="constrained")
    artists = draw_descent_1d(ax, loss, lr=lr, steps=steps)
    lo, hi = loss.xlim
    controls = {
        "lr": w.FloatLogSlider(value=lr, base=10, min=-3, max=math.log10(3), step=0.01,
                               description="learning rate η", readout_format=".3f",
                               style={"description_width": "initial"}),
        "start": w.FloatSlider(value=loss.start, min=lo, max=hi, step=0.05,
                               description="start θ₀", style={"description_width": "initial"}),
    }
    image = w.Image(value=figure_png(fig), format="png")

    def redraw(_change=None):
        artists.update(controls["lr"].value, controls["start"].value)
        image.value = figure_png(fig)

    for c in controls.values():
        c.observe(redraw, names="value")
    box = w.VBox([w.HBox(list(controls.values())), image])
    box.artists, box.controls, box.figure = artists, controls, fig
    plt.close(fig)
    return box


# --- classes and decision regions ---------------------------------------------------------
CLASS_COLORS = ("#e6550d", "#1f77b4", "#2ca02c", "#9467bd")
"""Point colours of classes 0..3 (orange, blue, green, purple)."""


def class_colors(n_classes):
    """RGB rows (n_classes, 3) of :data:`CLASS_COLORS`."""
    from matplotlib.colors import to_rgb

    if not 1 <= n_classes <= len(CLASS_COLORS):
        raise ValueError(f"n_classes must be in 1..{len(CLASS_COLORS)}; got {n_classes}")
    return np.array([to_rgb(c) for c in CLASS_COLORS[:n_classes]])


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


def region_colors(S, colors, strength=0.55):
    """RGB of each grid point: white where the classes tie, tinted by the winning class."""
    K = S.shape[1]
    mix = S @ colors
    confidence = (S.max(axis=1, keepdims=True) - 1.0 / K) / (1.0 - 1.0 / K)
    c = strength * np.clip(confidence, 0.0, 1.0)
    return (1.0 - c) + c * mix


def decision_grid(X, resolution=40, margin=0.25):
    """A square grid over the data's bounding box.

    Returns
    -------
    G : array (resolution**2, 2), grid points, row-major from the lower left
    extent : (x0, x1, y0, y1) for ``imshow(origin="lower")``
    """
    X = np.asarray(X, dtype=float)
    lo = X.min(axis=0) - margin
    hi = X.max(axis=0) + margin
    xs = np.linspace(lo[0], hi[0], resolution)
    ys = np.linspace(lo[1], hi[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()]), (lo[0], hi[0], lo[1], hi[1])


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


# --- recorded training runs and browser animations ------------------------------------------
def train_frames(model, frames, epochs_per_frame=None):
    """Step a :class:`~nnlib.widgets.playground.PlaygroundModel` and record each frame.

    Returns
    -------
    list of dicts with the epoch, the losses and a copy of every parameter, one per frame,
    the starting state first (``frames + 1`` entries).  Stops early if the run diverges.
    """
    record = [model.snapshot()]
    for _ in range(frames):
        model.step(epochs_per_frame)
        record.append(model.snapshot())
        if model.diverged:
            break
    return record


def animate_frames(model, record, fig=None, interval=150):
    """A matplotlib ``FuncAnimation`` replaying a :func:`train_frames` record in ``fig``.

    Each animation frame restores that frame's parameters and losses into the model and redraws
    the existing artists (no figure is rebuilt).  Embed it in a notebook with
    ``HTML(anim.to_jshtml())``: it then plays in a browser without a kernel.
    """
    from matplotlib.animation import FuncAnimation

    if fig is None:
        fig = model.figure()
    view = model.render(fig)

    def frame(i):
        model.restore(record[i])
        view.update()
        return []

    anim = FuncAnimation(fig, frame, frames=len(record), interval=interval, blit=False,
                         repeat=False)
    return anim


def xor_widget(hidden=4, lr=2.0, epochs_per_frame=50):
    """The XOR network (2-``hidden``-1, sigmoid + binary cross-entropy) on the four corners as a
    :class:`~nnlib.widgets.playground.Playground` with only the controls the chapter needs."""
    from .playground import Playground, PlaygroundModel

    model = PlaygroundModel(dataset="xor corners", hidden=(hidden,) if hidden else (),
                            activation="sigmoid", output="sigmoid", lr=lr,
                            epochs_per_frame=epochs_per_frame, train_fraction=1.0)
    return Playground(model, controls=("network", "training"))
