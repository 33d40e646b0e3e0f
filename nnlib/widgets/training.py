r"""Gradient descent you can watch: a one-dimensional descent, decision regions, and animations.

The pure functions here are what the chapters "Gradient descent", "XOR" and "A real
classifier" compute; the widgets only wire sliders to them.

* :data:`LOSSES_1D` -- one-parameter losses :math:`J(\theta)` with their derivatives, and
  :func:`descend_1d`, the iterates :math:`\theta_{k+1} = \theta_k - \eta L'(\theta_k)`.
* :func:`quadratic_regime` -- what a learning rate does on :math:`\tfrac a2(\theta-c)^2`;
  :func:`describe_descent` -- how a run ended, divergence first;
  :func:`animate_descent_1d` -- several learning rates side by side, step by step.
* :func:`train_frames` and :func:`animate_frames` -- a training run recorded frame by frame and
  turned into a matplotlib animation that plays in a browser without a kernel;
  :func:`animation_html` embeds any animation reproducibly.
* :func:`xor_model`, :func:`xor_trials`, :func:`xor_widget` -- the XOR network of source 002,
  how often it converges over many seeds, and its live widget.

Rows are samples, as everywhere in nnlib.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import math
import re
from typing import Callable

import numpy as np

from .. import validate as v
from ._sync import is_echo, write

__all__ = [
    "Loss1D", "LOSSES_1D", "DIVERGENCE_LIMIT", "get_loss_1d", "descend_1d", "divergence_step",
    "quadratic_regime", "regime_text", "describe_descent", "DescentArtists",
    "draw_descent_1d", "animate_descent_1d", "LR_STOPS", "gradient_descent_widget",
    "figure_png",
    "train_frames", "animate_frames", "animation_html",
    "XOR_LOSSES", "xor_model", "XorTrials", "xor_trials", "xor_widget",
]


# --- one-parameter losses -------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Loss1D:
    r"""A loss of one parameter, :math:`J(\theta)`, next to its derivative.

    Attributes
    ----------
    name : str
    f : callable, array -> array
    df : callable, array -> array, :math:`dJ/d\theta`
    latex : str
    xlim : tuple, the range the chapter plots
    start : float, the default starting point
    curvature : float or None
        :math:`J''`, when it is the same everywhere (a quadratic); then
        :func:`quadratic_regime` says what a learning rate does.
    """

    name: str
    f: Callable
    df: Callable
    latex: str
    xlim: tuple
    start: float
    curvature: float | None = None


# J = 1/2 (theta - 2)^2: the squared error of a prediction theta against the target 2 (001)
def _quad(t):
    return 0.5 * (t - 2.0) ** 2


def _quad_d(t):
    return t - 2.0


# J = (theta^2 - 1)^2 + 0.3 theta: two valleys, the left one deeper (local minima)
def _well(t):
    return (t * t - 1.0) ** 2 + 0.3 * t


def _well_d(t):
    return 4.0 * t * (t * t - 1.0) + 0.3


LOSSES_1D = {
    "quadratic": Loss1D("quadratic", _quad, _quad_d, r"\frac{1}{2}(\theta-2)^2", (-2.0, 6.0), 5.0,
                        curvature=1.0),
    "two valleys": Loss1D("two valleys", _well, _well_d, r"(\theta^2-1)^2 + 0.3\,\theta",
                          (-1.8, 1.8), 1.6),
}
"""Name -> :class:`Loss1D`."""

DIVERGENCE_LIMIT = 1e6
r"""Once :math:`|\theta|` passes this, :func:`descend_1d` calls the run diverged."""


def get_loss_1d(name):
    """The :class:`Loss1D` called ``name``; an unknown name raises ValueError listing the
    valid ones."""
    if isinstance(name, Loss1D):
        return name
    if name not in LOSSES_1D:
        raise ValueError(f"unknown 1-D loss {name!r}; valid: {', '.join(LOSSES_1D)}")
    return LOSSES_1D[name]


def _finite_number(name, value):
    return v.check_finite(name, value)


def descend_1d(loss, theta0, lr, steps, limit=DIVERGENCE_LIMIT, momentum=0.0):
    r"""Gradient descent on one parameter: :math:`\theta_{k+1} = \theta_k - \eta L'(\theta_k)`.

    A positive slope moves :math:`\theta` left, a negative one right.  With ``momentum``
    :math:`\mu > 0` the step is nnlib's (as in :meth:`nnlib.MLP.fit`):
    :math:`v \leftarrow \mu v - \eta L'(\theta)`, :math:`\theta \leftarrow \theta + v`, from
    :math:`v = 0`.

    Parameters
    ----------
    loss : str or Loss1D
    theta0 : float, the start
    lr : float > 0, the learning rate :math:`\eta`
    steps : int >= 0
    limit : float
        Once :math:`|\theta|` exceeds it the run has diverged and the remaining iterates are NaN
        (see :func:`divergence_step`).
    momentum : float in [0, 1)

    Returns
    -------
    thetas : array, shape (steps + 1,)
        ``thetas[0] == theta0``.
    """
    loss = get_loss_1d(loss)
    theta = _finite_number("theta0", theta0)
    lr = _finite_number("lr", lr)
    if lr <= 0:
        raise ValueError(f"lr must be a finite number > 0; got {lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0; got {steps!r}")
    momentum = _finite_number("momentum", momentum)
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1); got {momentum!r}")
    thetas = np.full(int(steps) + 1, np.nan)
    thetas[0] = theta
    v = 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, int(steps) + 1):
            v = momentum * v - lr * float(loss.df(theta))   # [gradient descent, eq-gd-update]
            theta = theta + v
            if not math.isfinite(theta) or abs(theta) > limit:
                break
            thetas[k] = theta
    return thetas


def divergence_step(thetas):
    """The first step whose iterate :func:`descend_1d` gave up on (NaN), or None."""
    bad = np.flatnonzero(~np.isfinite(np.asarray(thetas, dtype=float)))
    return int(bad[0]) if bad.size else None


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
    lr = _finite_number("lr", lr)
    curvature = _finite_number("curvature", curvature)
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


def describe_descent(loss, thetas, lr=None, momentum=0.0, limit=DIVERGENCE_LIMIT,
                     regime=True):
    r"""One line saying how a run of :func:`descend_1d` ended.

    Divergence is said first (and in capitals): the step at which :math:`|\theta|` passed
    ``limit``, or the step at which the path left the plotted range; otherwise the last
    iterate and its loss.  With ``regime`` the :func:`regime_text` is added in parentheses.
    """
    loss = get_loss_1d(loss)
    thetas = np.asarray(thetas, dtype=float)
    n = thetas.size - 1
    extra = regime_text(loss, lr, momentum) if regime else ""
    extra = f" ({extra})" if extra else ""
    k = divergence_step(thetas)
    if k is not None:
        return f"DIVERGED: |θ| passed {limit:.0e} at step {k}" + extra
    lo, hi = loss.xlim
    outside = np.flatnonzero((thetas < lo) | (thetas > hi))
    if outside.size:
        return f"left the plot at step {int(outside[0])}, |θ{_sub(n)}| = " \
               f"{abs(thetas[-1]):.3g}" + extra
    last = float(thetas[-1])
    return f"θ{_sub(n)} = {last:.3f}, J = {float(loss.f(last)):.3f}" + extra


def regime_text(loss, lr, momentum=0.0):
    """``"ηa = 1.5: oscillates"`` for a quadratic (``loss.curvature`` set) without momentum,
    else ``""`` (momentum changes the regimes, and other losses have no single curvature)."""
    loss = get_loss_1d(loss)
    if loss.curvature is None or lr is None or momentum:
        return ""
    return f"ηa = {lr * loss.curvature:.3g}: {quadratic_regime(lr, loss.curvature)}"


def _sub(n):
    """``n`` as Unicode subscript digits."""
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


@dataclasses.dataclass
class DescentArtists:
    """What :func:`draw_descent_1d` drew; :meth:`update` moves the path in place."""

    loss: Loss1D
    ax: object
    path_line: object
    path_points: object
    title: object
    steps: int

    def update(self, lr, theta0=None, momentum=0.0, upto=None):
        """Redraw the path for a new learning rate (start, momentum); returns the iterates.

        ``upto``: draw only the iterates 0..upto (an animation frame); the title then
        describes that part of the run.
        """
        theta0 = self.loss.start if theta0 is None else theta0
        thetas = descend_1d(self.loss, theta0, lr, self.steps, momentum=momentum)
        shown = thetas if upto is None else thetas[:int(upto) + 1]
        t = shown[np.isfinite(shown)]
        with np.errstate(over="ignore", invalid="ignore"):
            y = self.loss.f(t)
        self.path_line.set_data(t, y)
        self.path_points.set_offsets(np.column_stack([t, y]))
        self.path_points.set_array(np.arange(t.size, dtype=float))
        head = f"η = {lr:.3g}" + (f", μ = {momentum:.2g}" if momentum else "")
        regime = regime_text(self.loss, lr, momentum)
        head += f" ({regime})" if regime else ""
        status = describe_descent(self.loss, shown, lr, momentum, regime=False)
        self.title.set_text(f"{head}\n{status}")
        return thetas


def draw_descent_1d(ax, loss="quadratic", lr=0.3, theta0=None, steps=20, momentum=0.0,
                    fontsize=10):
    r"""Plot a one-parameter loss and the path of gradient descent on it.

    Parameters
    ----------
    ax : matplotlib Axes
    loss : str or Loss1D
    lr : float > 0
    theta0 : float or None (the loss's default start)
    steps : int
    momentum : float in [0, 1)
    fontsize : title size (the axis labels are one point smaller)

    Returns
    -------
    DescentArtists
        ``update(lr, theta0, momentum)`` moves the path without rebuilding the plot.
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
    ax.set_xlabel(r"$\theta$", fontsize=fontsize - 1)
    ax.set_ylabel(r"$J(\theta) = " + loss.latex + "$", fontsize=fontsize - 1)
    title = ax.set_title("", fontsize=fontsize)
    ax.spines[["top", "right"]].set_visible(False)
    artists = DescentArtists(loss, ax, line, points, title, int(steps))
    artists.update(lr, theta0, momentum)
    return artists


def animate_descent_1d(loss="quadratic", lrs=(0.3, 1.5, 2.1), theta0=None, steps=20,
                       momentum=0.0, interval=400, panel_size=(3.1, 2.9), dpi=80):
    r"""An animation of gradient descent with several learning rates side by side.

    Frame ``k`` shows the iterates :math:`\theta_0, \dots, \theta_k` of every panel (frame 0:
    the start only).  The figure is not attached to pyplot, so it is not shown twice in a
    notebook; play it in a browser with ``HTML(animation_html(anim))``.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its figure is ``anim._fig``; ``anim.panels`` holds the :class:`DescentArtists`.
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lrs = [_finite_number("lr", lr) for lr in lrs]
    if not lrs:
        raise ValueError("lrs must list at least one learning rate")
    fig = Figure(figsize=(panel_size[0] * len(lrs), panel_size[1]), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, len(lrs), squeeze=False)[0]
    panels = [draw_descent_1d(ax, loss, lr, theta0, steps, momentum, fontsize=10)
              for ax, lr in zip(axes, lrs)]
    for ax in axes[1:]:
        ax.set_ylabel("")
    fig.canvas.draw()              # lay the panels out once (with the longest titles) ...
    fig.set_layout_engine("none")  # ... and keep that layout: frames then only redraw

    def frame(k):
        for artists, lr in zip(panels, lrs):
            artists.update(lr, theta0, momentum, upto=k)
        return []

    anim = FuncAnimation(fig, frame, frames=int(steps) + 1, interval=interval, blit=False,
                         repeat=False)
    anim.panels = panels
    return anim


def figure_png(fig, compress_level=1):
    """The figure rendered by Agg as PNG bytes (low compression: fast, for live widgets)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, pil_kwargs={"compress_level": compress_level})
    return buf.getvalue()


LR_STOPS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.1,
            1.3, 1.5, 1.7, 1.9, 2.0, 2.1, 2.3, 2.5, 3.0)
"""The learning rates of :func:`gradient_descent_widget`'s slider: roughly logarithmic from
0.001 to 3, closer together between 1 and 2.5, and with the regime boundaries 1 and 2 (for
curvature 1) among them, so every regime of the quadratic can be reached exactly."""


def gradient_descent_widget(loss="quadratic", lr=0.3, steps=20):
    """Loss, learning-rate (:data:`LR_STOPS`), start and momentum controls wired to
    :func:`draw_descent_1d`.

    Returns an ipywidgets ``VBox``; its ``.artists`` is the current :class:`DescentArtists`,
    ``.controls`` the dict of controls (tests set their ``.value``), ``.figure`` the figure
    and ``.image`` the ``ipywidgets.Image`` showing it.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    loss = get_loss_1d(loss)
    lr = v.check_slider("lr", lr, 1e-3, 3)
    steps = v.check_int("steps", steps, 1, 10_000)
    # start on the nearest stop (in log10), so the readout and the title show the same rate
    lr = min(LR_STOPS, key=lambda stop: abs(math.log10(stop) - math.log10(lr)))
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(7, 3.3), dpi=80, layout="constrained")
    plt.close(fig)
    style = {"description_width": "initial"}
    lo, hi = loss.xlim
    controls = {
        "loss": w.Dropdown(options=list(LOSSES_1D), value=loss.name, description="loss",
                           layout=w.Layout(width="200px")),
        "lr": w.SelectionSlider(options=[(f"{stop:g}", stop) for stop in LR_STOPS], value=lr,
                                description="learning rate η", style=style,
                                layout=w.Layout(width="330px")),
        "start": w.FloatSlider(value=loss.start, min=lo, max=hi, step=0.05,
                               description="start θ₀", style=style,
                               layout=w.Layout(width="300px")),
        "momentum": w.FloatSlider(value=0.0, min=0.0, max=0.95, step=0.05,
                                  description="momentum μ", style=style,
                                  layout=w.Layout(width="300px")),
    }
    image = w.Image(format="png")
    box = w.VBox([w.HBox([controls["loss"], controls["lr"]]),
                  w.HBox([controls["start"], controls["momentum"]]), image])
    box.controls, box.figure, box.image = controls, fig, image
    box.artists = draw_descent_1d(ax, loss, lr=lr, steps=steps)
    for control in controls.values():  # first values, so that their echo is not a move
        write(control, control.value)

    def redraw(change=None):
        if change is not None and is_echo(change):  # see nnlib.widgets._sync
            return
        box.artists.update(controls["lr"].value, controls["start"].value,
                           controls["momentum"].value)
        image.value = figure_png(fig)

    def new_loss(change):
        new = get_loss_1d(change["new"])
        s = controls["start"]
        lo, hi = new.xlim
        s.min, s.max = min(s.min, lo), max(s.max, hi)   # widen first: min <= max always
        start = write(s, new.start)  # the start slider's observer hears its own write: no redraw
        s.min, s.max = lo, hi
        ax.clear()
        box.artists = draw_descent_1d(ax, new, lr=controls["lr"].value, theta0=start,
                                      steps=steps, momentum=controls["momentum"].value)
        redraw()

    controls["loss"].observe(new_loss, names="value")
    for key in ("lr", "start", "momentum"):
        controls[key].observe(redraw, names="value")
    redraw()
    return box


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
    ``HTML(animation_html(anim))``: it then plays in a browser without a kernel.
    """
    from matplotlib.animation import FuncAnimation

    if not record:
        raise ValueError("record is empty: train_frames returns at least the starting state")
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


_ANIMATION_ID = re.compile(r'id="_anim_img([0-9a-f]+)"')
_REMOTE_STYLESHEET = re.compile(r"""<link\b[^>]*\bhref=["']https?://[^"']*["'][^>]*>\s*""",
                                re.IGNORECASE)
_ANIMATION_ICON = re.compile(r'<i class="fa fa-([a-z-]+)(?: fa-flip-horizontal)?"></i>')
ANIMATION_ICONS = {"minus": "\u2212", "fast-backward": "|\u25c0\u25c0", "step-backward": "|\u25c0",
                   "play fa-flip-horizontal": "\u25c0", "pause": "\u275a\u275a", "play": "\u25b6",
                   "step-forward": "\u25b6|", "fast-forward": "\u25b6\u25b6|", "plus": "+"}
"""Text for the icons of matplotlib's animation buttons (Font Awesome 4 names): the player
loads nothing from another host, so it draws them with characters every font has; each button
keeps its ``title`` and ``aria-label``."""


def animation_html(anim, frame_format="png"):
    """``anim.to_jshtml()`` with a reproducible element id.

    matplotlib names the player's HTML elements after a random ``uuid4``, so the same
    animation would give different HTML on every run (and a notebook's saved output would never
    match a fresh run).  Here the id is a hash of the HTML itself: the same frames give the same
    text, and two different animations on one page still get different ids.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
    frame_format : "png" (lossless) or "jpeg" (smaller, for photographic frames)

    Returns
    -------
    str
        HTML with a play/pause/step player and every frame embedded (base64); it loads
        nothing from another host (matplotlib's Font Awesome link is dropped and the button
        icons are characters: :data:`ANIMATION_ICONS`).
    """
    import matplotlib as mpl

    if frame_format not in ("png", "jpeg"):
        raise ValueError(f"frame_format must be 'png' or 'jpeg'; got {frame_format!r}")
    with mpl.rc_context({"animation.frame_format": frame_format}):
        html = anim.to_jshtml()
    found = _ANIMATION_ID.search(html)
    if found is None:
        raise ValueError("anim.to_jshtml() has no player element; not a matplotlib animation?")
    random_id = found.group(1)
    html = _REMOTE_STYLESHEET.sub("", html)  # matplotlib links Font Awesome 4 from a CDN

    def icon(match):
        name = match.group(0)[len('<i class="fa fa-'):-len('"></i>')]
        if name not in ANIMATION_ICONS:
            raise ValueError(f"animation button icon {name!r} has no text in ANIMATION_ICONS")
        return f'<span aria-hidden="true">{ANIMATION_ICONS[name]}</span>'

    html = _ANIMATION_ICON.sub(icon, html)
    stable = hashlib.sha1(html.replace(random_id, "").encode()).hexdigest()
    return html.replace(random_id, stable)


# --- XOR ----------------------------------------------------------------------------------------
XOR_LOSSES = {"binary_cross_entropy": "sigmoid + binary cross-entropy",
              "mse": "sigmoid + squared error"}
"""Losses :func:`xor_trials` compares (both with a sigmoid output)."""


def xor_model(hidden=4, lr=2.0, epochs_per_frame=25, seed=0):
    """The chapter's XOR network as a :class:`~nnlib.widgets.playground.PlaygroundModel`:
    2-``hidden``-1, sigmoid hidden and output units, binary cross-entropy, full batch, on the
    four corners of source 002."""
    from .playground import PlaygroundModel

    return PlaygroundModel(dataset="xor corners", hidden=(hidden,) if hidden else (),
                           activation="sigmoid", output="sigmoid", lr=lr,
                           epochs_per_frame=epochs_per_frame, train_fraction=1.0, seed=seed)


@dataclasses.dataclass
class XorTrials:
    """Results of :func:`xor_trials`, one entry per seed.

    Attributes
    ----------
    seeds : array of int
    epochs : array of int, the epoch at which every output first came within ``tol`` of its
        target, or -1 if that did not happen within the budget
    worst : array of float, the largest :math:`|a - y|` over the four corners at the end
    settings : dict, the arguments of the run
    """

    seeds: np.ndarray
    epochs: np.ndarray
    worst: np.ndarray
    settings: dict

    @property
    def converged(self):
        """Boolean mask of the seeds that converged."""
        return self.epochs >= 0

    @property
    def fraction(self):
        """Fraction of seeds that converged."""
        return float(np.mean(self.converged))

    @property
    def right(self):
        """Boolean mask of the seeds whose rounded outputs are all right at the end
        (converged or not yet)."""
        return self.worst < 0.5


def xor_trials(seeds, hidden=4, loss="binary_cross_entropy", lr=2.0, epochs=1000, tol=0.1):
    r"""Train the XOR network once per seed and record whether and when it converged.

    Each run is a 2-``hidden``-1 :class:`~nnlib.MLP` with sigmoid hidden and output units,
    initialised from the seed, trained full-batch with plain gradient descent on the four
    corners.  A run has converged at the first epoch after which every output :math:`a` is
    within ``tol`` of its target :math:`y` (so rounding gives XOR with a margin); it then stops.

    Parameters
    ----------
    seeds : iterable of int
    hidden : int >= 1
    loss : one of :data:`XOR_LOSSES` (nnlib's ``mse`` is :math:`\frac1{2N}\sum(a - y)^2`)
    lr : float > 0
    epochs : int >= 1, the budget per run
    tol : float in (0, 0.5]

    Returns
    -------
    XorTrials
    """
    from .. import datasets
    from ..mlp import MLP

    if loss not in XOR_LOSSES:
        raise ValueError(f"unknown loss {loss!r}; valid: {', '.join(XOR_LOSSES)}")
    if isinstance(hidden, bool) or int(hidden) != hidden or hidden < 1:
        raise ValueError(f"hidden must be a whole number >= 1; got {hidden!r}")
    if isinstance(epochs, bool) or int(epochs) != epochs or epochs < 1:
        raise ValueError(f"epochs must be a whole number >= 1; got {epochs!r}")
    if not 0 < tol <= 0.5:
        raise ValueError(f"tol must be in (0, 0.5]; got {tol!r}")
    seeds = np.array([int(s) for s in seeds], dtype=int)
    X, y = datasets.xor(4, 0.0)
    Y = y.reshape(-1, 1).astype(float)
    needed, worst = np.full(seeds.size, -1), np.zeros(seeds.size)

    for i, seed in enumerate(seeds):
        net = MLP([2, int(hidden), 1], ["sigmoid", "sigmoid"], loss=loss, seed=int(seed))

        def close_enough(epoch, _loss, net, i=i):
            if np.max(np.abs(net.forward(X) - Y)) < tol:
                needed[i] = epoch + 1
                return True
            return False

        net.fit(X, Y, lr=lr, epochs=int(epochs), callback=close_enough)
        worst[i] = float(np.max(np.abs(net.forward(X) - Y)))
    settings = dict(hidden=int(hidden), loss=loss, lr=float(lr), epochs=int(epochs), tol=tol)
    return XorTrials(seeds, needed, worst, settings)


def xor_widget(hidden=4, lr=2.0, epochs_per_frame=50):
    """The XOR network (2-``hidden``-1, sigmoid + binary cross-entropy) on the four corners as a
    :class:`~nnlib.widgets.playground.Playground` with only the controls the chapter needs."""
    from .playground import Playground

    return Playground(xor_model(hidden, lr, epochs_per_frame), controls=("network", "training"))
