r"""What the sources leave for later: mini-batches, momentum, L2, dropout and initialisation.

The pure computations of the chapter "Beyond the sources"; the widgets only wire sliders to
them.  Rows are samples and the momentum update is nnlib's (``MLP.fit``):
:math:`v \leftarrow \mu v - \eta g`, :math:`\theta \leftarrow \theta + v`.

* Mini-batches: :func:`compare_batch_sizes` trains copies of one network with several batch
  sizes and records the full-data loss per epoch; :func:`per_sample_gradients`,
  :func:`minibatch_noise` and :func:`minibatch_noise_formula` measure how far a batch's
  gradient falls from the full gradient.
* Momentum: :func:`ravine_loss`, :func:`ravine_grad` and :func:`descend_ravine` (plain and
  momentum descent on :math:`\tfrac12(a\theta_1^2 + b\theta_2^2)`), :func:`draw_ravine`,
  :func:`ravine_data` (a data set on which ``MLP.fit`` sees exactly that loss) and
  :func:`momentum_widget`.
* L2: :func:`train_l2`, :func:`weight_norm`, :func:`draw_l2_boundaries` and :func:`l2_widget`.
* Dropout: :func:`dropout_means` (Monte Carlo means with and without the :math:`1/(1-p)`
  scaling), :func:`dropout_gradchecks` (the backward pass and two broken ones, gradient-checked
  with fixed masks) and :func:`dropout_widget`.
* Initialisation: :data:`INIT_SCHEMES`, :func:`init_std`, :func:`init_statistics` (spread of
  activations and weight gradients, layer by layer, of a deep network) and :func:`init_widget`.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from .. import validate as v
from ..gradcheck import gradcheck
from ..mlp import MLP
from .training import draw_decision_regions, figure_png

__all__ = [
    "BatchRun", "compare_batch_sizes", "per_sample_gradients", "minibatch_noise",
    "minibatch_noise_formula",
    "RAVINE", "ravine_loss", "ravine_grad", "descend_ravine", "ravine_data", "draw_ravine",
    "momentum_widget",
    "train_l2", "weight_norm", "draw_l2_boundaries", "l2_widget",
    "dropout_means", "DROPOUT_BACKWARDS", "dropout_gradchecks", "dropout_widget",
    "INIT_SCHEMES", "init_std", "InitStats", "init_statistics", "draw_init_statistics",
    "init_widget",
]


# === mini-batches ==============================================================================
@dataclasses.dataclass
class BatchRun:
    """One training run of :func:`compare_batch_sizes`.

    Attributes
    ----------
    batch_size : int
    losses : array (epochs + 1,)
        Loss on the whole training set before training and after every epoch.
    updates_per_epoch : int
        :math:`\\lceil N/B \\rceil`, one gradient evaluation (and one update) per batch.
    diverged : bool
    message : str, what ``MLP.fit`` said
    """

    batch_size: int
    losses: np.ndarray
    updates_per_epoch: int
    diverged: bool
    message: str

    @property
    def updates(self):
        """Gradient evaluations (= parameter updates) done before each entry of ``losses``."""
        return np.arange(self.losses.size) * self.updates_per_epoch


def compare_batch_sizes(net, X, Y, batch_sizes, lr=0.1, epochs=30, momentum=0.0, seed=0):
    """Train a copy of ``net`` once per batch size, all from the same start.

    Parameters
    ----------
    net : MLP, left unchanged
    X, Y : arrays (N, n_in), (N, n_out)
    batch_sizes : iterable of int in 1..N, or None for the full batch
    lr : float > 0, or a dict batch size -> learning rate
    epochs : int >= 1
    momentum : float in [0, 1)
    seed : int, seeds the shuffling (the same for every batch size)

    Returns
    -------
    list of BatchRun, in the order of ``batch_sizes``
    """
    X, Y = net.check_data(X, Y)
    N = X.shape[0]
    epochs = v.check_count("epochs", epochs)
    if epochs < 1:
        raise ValueError("epochs must be >= 1")
    runs = []
    for B in batch_sizes:
        B = v.check_batch_size(B, N)
        rate = lr[B] if isinstance(lr, dict) else lr
        model = net.copy()
        losses = [model.loss(X, Y)]

        def record(epoch, loss, m):
            losses.append(m.loss(X, Y))

        history = model.fit(X, Y, lr=rate, epochs=epochs, batch_size=B, momentum=momentum,
                            seed=seed, callback=record)
        out = np.full(epochs + 1, np.nan)
        out[:len(losses)] = losses
        runs.append(BatchRun(B, out, math.ceil(N / B), history.diverged, history.message))
    return runs


def per_sample_gradients(net, X, Y):
    r"""The gradient of each sample's own loss, flattened as ``get_flat``: (N, n_params).

    Row n is :math:`\nabla_\theta C^n`, computed by ``net.gradients`` on the batch of one
    sample n; the mean of the rows is the gradient of the mean loss.
    """
    X, Y = net.check_data(X, Y)
    rows = []
    for n in range(X.shape[0]):
        dWs, dbs = net.gradients(X[n:n + 1], Y[n:n + 1])
        rows.append(np.concatenate([p.ravel() for dW, db in zip(dWs, dbs) for p in (dW, db)]))
    return np.array(rows)


def minibatch_noise(net, X, Y, batch_sizes, draws=200, seed=0):
    r"""Mean squared distance between a random mini-batch's gradient and the full gradient.

    For each batch size B, ``draws`` batches of B distinct samples are drawn uniformly; each
    batch's gradient ``net.gradients(X[idx], Y[idx])`` is compared with the full-batch one:
    :math:`\mathbb E\,\lVert g_B - g\rVert^2` estimated by the average over the draws.

    Returns
    -------
    array (len(batch_sizes),)
    """
    X, Y = net.check_data(X, Y)
    N = X.shape[0]
    draws = v.check_count("draws", draws)
    if draws < 1:
        raise ValueError("draws must be >= 1")
    rng = np.random.default_rng(seed)
    flat = lambda g: np.concatenate([p.ravel() for a, b in zip(*g) for p in (a, b)])  # noqa: E731
    full = flat(net.gradients(X, Y))
    out = []
    for B in batch_sizes:
        B = v.check_batch_size(B, N)
        total = 0.0
        for _ in range(draws):
            idx = rng.choice(N, size=B, replace=False)
            total += float(np.sum((flat(net.gradients(X[idx], Y[idx])) - full) ** 2))
        out.append(total / draws)
    return np.array(out)


def minibatch_noise_formula(G, batch_size):
    r""":math:`\mathbb E\,\lVert g_B - g\rVert^2` for batches of B distinct samples drawn uniformly.

    .. math:: \frac{N - B}{B\,(N - 1)}\;\frac1N\sum_{n=1}^N \lVert g_n - g\rVert^2

    with :math:`g_n` the rows of ``G`` (per-sample gradients) and :math:`g` their mean.  It is
    :math:`1/B` of the per-sample spread, times the finite-population factor
    :math:`(N - B)/(N - 1)` that makes it 0 for the full batch.
    """
    G = np.asarray(G, dtype=float)
    if G.ndim != 2 or G.shape[0] < 2:
        raise ValueError(f"G must be (N, n_params) with N >= 2; got shape {G.shape}")
    N = G.shape[0]
    B = v.check_batch_size(batch_size, N)
    spread = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
    return (N - B) / (B * (N - 1)) * spread


# === momentum on a ravine ======================================================================
RAVINE = (1.0, 20.0)
"""Curvatures :math:`(a, b)` of the ravine :math:`\\tfrac12(a\\theta_1^2 + b\\theta_2^2)`: gentle
along :math:`\\theta_1`, steep across it (condition number 20)."""

RAVINE_START = (-9.0, 1.5)
"""Where the descents on the ravine start."""


def _curvature(curvature):
    a, b = (float(c) for c in curvature)
    if not (a > 0 and b > 0 and math.isfinite(a) and math.isfinite(b)):
        raise ValueError(f"curvatures must be finite and > 0; got {curvature!r}")
    return a, b


def ravine_loss(theta, curvature=RAVINE):
    r""":math:`J(\theta) = \tfrac12(a\theta_1^2 + b\theta_2^2)` for ``theta`` of shape (..., 2)."""
    a, b = _curvature(curvature)
    theta = np.asarray(theta, dtype=float)
    return 0.5 * (a * theta[..., 0] ** 2 + b * theta[..., 1] ** 2)


def ravine_grad(theta, curvature=RAVINE):
    r""":math:`\nabla J = (a\theta_1,\ b\theta_2)` for ``theta`` of shape (..., 2)."""
    a, b = _curvature(curvature)
    theta = np.asarray(theta, dtype=float)
    return theta * np.array([a, b])


def descend_ravine(theta0=RAVINE_START, lr=0.09, momentum=0.0, steps=40, curvature=RAVINE,
                   limit=1e6):
    r"""Gradient descent on the ravine, with nnlib's classical momentum.

    .. math:: v_{k+1} = \mu v_k - \eta\nabla J(\theta_k),\qquad \theta_{k+1} = \theta_k + v_{k+1},
              \qquad v_0 = 0

    ``momentum=0`` is plain gradient descent.

    Returns
    -------
    path : array (steps + 1, 2), ``path[0] == theta0``; rows after a divergence
        (:math:`\lVert\theta\rVert` > ``limit``) are NaN.
    """
    lr = v.check_positive("lr", lr)
    momentum = v.check_fraction("momentum", momentum)
    steps = v.check_count("steps", steps)
    theta = np.array(theta0, dtype=float)
    if theta.shape != (2,):
        raise ValueError(f"theta0 must be two numbers; got {theta0!r}")
    path = np.full((steps + 1, 2), np.nan)
    path[0] = theta
    vel = np.zeros(2)
    for k in range(1, steps + 1):
        vel = momentum * vel - lr * ravine_grad(theta, curvature)
        theta = theta + vel
        if not np.all(np.isfinite(theta)) or np.abs(theta).max() > limit:
            break
        path[k] = theta
    return path


def ravine_data(curvature=RAVINE):
    r"""Four samples on which a one-layer linear network with the MSE has exactly the ravine
    as its loss.

    With ``X`` = rows :math:`(\pm\sqrt{2a}, 0)` and :math:`(0, \pm\sqrt{2b})` and targets 0,
    :math:`X^TX/N = \operatorname{diag}(a, b)`, so
    :math:`J(W) = \frac1{2N}\lVert XW\rVert^2 = \tfrac12(a w_1^2 + b w_2^2)`; the columns of
    ``X`` have mean 0, so the bias gradient is 0 and the bias stays at 0.

    Returns
    -------
    X : array (4, 2); Y : array (4, 1) of zeros
    """
    a, b = _curvature(curvature)
    s, t = math.sqrt(2 * a), math.sqrt(2 * b)
    X = np.array([[s, 0.0], [-s, 0.0], [0.0, t], [0.0, -t]])
    return X, np.zeros((4, 1))


def draw_ravine(ax, paths, curvature=RAVINE, levels=12):
    """Contours of the ravine and one line per descent path.

    Parameters
    ----------
    ax : matplotlib Axes
    paths : dict label -> path (steps + 1, 2)

    Returns
    -------
    dict label -> Line2D (``set_data`` moves a path)
    """
    x = np.linspace(-10, 10, 200)
    y = np.linspace(-3, 3, 120)
    gx, gy = np.meshgrid(x, y)
    L = ravine_loss(np.stack([gx, gy], axis=-1), curvature)
    ax.contour(gx, gy, L, levels=np.geomspace(0.05, L.max(), levels), colors="#bbbbbb",
               linewidths=0.8)
    lines = {}
    colors = ["#e6550d", "#1f77b4", "#2ca02c", "#9467bd"]
    for (label, path), color in zip(paths.items(), colors):
        (lines[label],) = ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=color,
                                  label=label)
    ax.plot([0], [0], "k*", ms=10)
    ax.set_xlim(-10, 10)
    ax.set_ylim(-3, 3)
    ax.set_xlabel(r"$\theta_1$ (gentle direction)")
    ax.set_ylabel(r"$\theta_2$ (steep)")
    ax.legend(loc="upper right", fontsize=8)
    return lines


def _path_label(path, curvature):
    ok = path[np.all(np.isfinite(path), axis=1)]
    if ok.shape[0] < path.shape[0]:
        return "diverged"
    return f"loss after {path.shape[0] - 1} steps: {float(ravine_loss(ok[-1], curvature)):.2g}"


def momentum_widget(lr=0.09, beta=0.7, steps=40, curvature=RAVINE):
    r"""Sliders for the momentum :math:`\beta` (``MLP.fit``'s ``momentum``) and the learning rate;
    the plot shows plain descent and momentum descent on the ravine.

    Returns an ipywidgets ``VBox`` with ``.controls`` (dict of sliders) and ``.result()``, the
    current ``(plain_path, momentum_path)``.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    # checked before any widget exists: no slider position can fail later
    lr = v.check_slider("lr", lr, 0.01, 0.1)
    beta = v.check_slider("beta", beta, 0.0, 0.95)
    steps = v.check_int("steps", steps, 1, 10_000)
    curvature = _curvature(curvature)
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(7, 3.2), dpi=80, layout="constrained")
    state = {}

    def compute():
        rate, mu = controls["lr"].value, controls["beta"].value
        state["plain"] = descend_ravine(RAVINE_START, rate, 0.0, steps, curvature)
        state["momentum"] = descend_ravine(RAVINE_START, rate, mu, steps, curvature)
        return state["plain"], state["momentum"]

    controls = {
        "beta": w.FloatSlider(value=beta, min=0.0, max=0.95, step=0.05, description="β",
                              readout_format=".2f"),
        "lr": w.FloatSlider(value=lr, min=0.01, max=0.1, step=0.005,
                            description="learning rate η", readout_format=".3f",
                            style={"description_width": "initial"}),
    }
    plain, mom = compute()
    lines = draw_ravine(ax, {"plain": plain, "momentum": mom}, curvature)
    title = ax.set_title("", fontsize=9)

    def redraw(_change=None):
        plain, mom = compute()
        for key, path in (("plain", plain), ("momentum", mom)):
            lines[key].set_data(path[:, 0], path[:, 1])
        title.set_text(f"plain: {_path_label(plain, curvature)};  "
                       f"β = {controls['beta'].value:.2f}: {_path_label(mom, curvature)}")
        image.value = figure_png(fig)

    image = w.Image(format="png")
    redraw()
    for c in controls.values():
        c.observe(redraw, names="value")
    box = w.VBox([w.HBox(list(controls.values())), image])
    box.controls, box.figure = controls, fig
    box.result = lambda: (state["plain"], state["momentum"])
    plt.close(fig)
    return box


# === L2 regularisation =========================================================================
def weight_norm(net):
    r""":math:`\sum_l \lVert W^{(l)}\rVert_F^2`, the sum the L2 term penalises (biases excluded)."""
    return float(sum(np.sum(W * W) for W in net.weights))


def train_l2(X, y, lam, hidden=(40, 40), lr=0.5, epochs=1500, momentum=0.9, seed=0):
    r"""A tanh classifier (sigmoid output, binary cross-entropy) trained full batch with the L2
    term :math:`\frac{\lambda}{2N}\sum W^2`.

    Parameters
    ----------
    X : array (N, 2); y : 0/1 labels (N,)
    lam : float >= 0
    hidden : tuple of int, hidden layer widths

    Returns
    -------
    net : MLP (trained), history : History
    """
    lam = v.check_nonnegative("lam", lam)
    X = np.asarray(X, dtype=float)
    Y = np.asarray(y, dtype=float).reshape(-1, 1)
    sizes = [X.shape[1], *hidden, 1]
    net = MLP(sizes, activations=["tanh"] * len(hidden) + ["sigmoid"],
              loss="binary_cross_entropy", seed=seed)
    history = net.fit(X, Y, lr=lr, epochs=epochs, momentum=momentum, l2=lam)
    return net, history


def draw_l2_boundaries(axes, X, y, nets, lambdas, X_test=None, y_test=None, resolution=80):
    """One panel of decision regions per trained network, titled with its λ, training and test
    accuracy and weight norm.  Returns the list of RegionArtists."""
    y = np.asarray(y).astype(int)
    out = []
    for ax, net, lam in zip(np.ravel(axes), nets, lambdas):
        art = draw_decision_regions(ax, net, X, y, X_test, y_test, resolution=resolution,
                                    point_size=14)
        # the training points on top, larger and outlined, so they stand out from the rings
        ax.scatter(X[:, 0], X[:, 1], c=art.colors[y], s=40, edgecolors="k", linewidths=0.8,
                   zorder=3)
        title = f"λ = {lam:g}\ntrain {net.accuracy(X, y):.0%}"
        if X_test is not None:
            title += f", test {net.accuracy(X_test, np.asarray(y_test).astype(int)):.0%}"
        # three short lines: readable when four panels share the page width
        ax.set_title(title + f"\nΣW² = {weight_norm(net):.0f}", fontsize=10)
        out.append(art)
    return out


def l2_widget(X, y, lambdas, X_test=None, y_test=None, **train_kw):
    r"""A slider over the given :math:`\lambda` values; each is trained once (on first use,
    then cached) with :func:`train_l2` and its decision regions drawn.

    Returns an ipywidgets ``VBox`` with ``.controls`` and ``.result()``, the current
    ``(lam, net)``.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    lambdas = [v.check_nonnegative("lambda", lam) for lam in lambdas]
    if not lambdas:
        raise ValueError("lambdas must hold at least one value")
    cache = {}

    def net_for(lam):
        if lam not in cache:
            cache[lam] = train_l2(X, y, lam, **train_kw)[0]
        return cache[lam]

    with plt.ioff():
        fig, ax = plt.subplots(figsize=(4.2, 3.8), dpi=80, layout="constrained")
    slider = w.SelectionSlider(options=[(f"{lam:g}", lam) for lam in lambdas],
                               value=lambdas[0], description="λ")
    state = {"lam": lambdas[0], "net": net_for(lambdas[0])}
    art = draw_l2_boundaries([ax], X, y, [state["net"]], [state["lam"]], X_test, y_test)[0]
    image = w.Image(value=figure_png(fig), format="png")

    def redraw(_change=None):
        lam = slider.value
        net = net_for(lam)
        state.update(lam=lam, net=net)
        art.update(net)
        title = f"λ = {lam:g}\ntrain {net.accuracy(X, np.asarray(y).astype(int)):.0%}"
        if X_test is not None:
            title += f", test {net.accuracy(X_test, np.asarray(y_test).astype(int)):.0%}"
        ax.set_title(title + f", ΣW² = {weight_norm(net):.0f}", fontsize=9)
        image.value = figure_png(fig)

    slider.observe(redraw, names="value")
    box = w.VBox([slider, image])
    box.controls, box.figure = {"lambda": slider}, fig
    box.result = lambda: (state["lam"], state["net"])
    plt.close(fig)
    return box


# === dropout ===================================================================================
def dropout_means(a, p, draws=1000, seed=0):
    r"""Monte Carlo means of dropped activations, with and without inverted scaling.

    Each draw keeps every entry of ``a`` with probability :math:`1 - p` (mask :math:`m`).

    Returns
    -------
    inverted : array like ``a``, the mean of :math:`m \odot a / (1 - p)` (tends to ``a``)
    plain : array like ``a``, the mean of :math:`m \odot a` (tends to :math:`(1 - p)\,a`)
    """
    p = v.check_fraction("p", p)
    draws = v.check_count("draws", draws)
    if draws < 1:
        raise ValueError("draws must be >= 1")
    a = np.asarray(a, dtype=float)
    rng = np.random.default_rng(seed)
    masks = rng.random((draws,) + a.shape) < 1.0 - p
    plain = (masks * a).mean(axis=0)
    return plain / (1.0 - p), plain


DROPOUT_BACKWARDS = {
    "correct": "backward multiplies by the same masks m/(1-p) as the forward pass",
    "mask forgotten": "backward ignores the masks (as if nothing had been dropped)",
    "scale forgotten": "backward multiplies by the 0/1 mask but not by 1/(1-p)",
}
"""Backward passes through inverted dropout that :func:`dropout_gradchecks` tries."""


def dropout_gradchecks(net, X, Y, p=0.5, seed=0):
    r"""Gradient-check the backward pass through inverted dropout with one fixed set of masks.

    ``nnlib.gradcheck(..., dropout=p, seed=seed)`` draws the masks once and differentiates the
    loss of that thinned network numerically; each entry of :data:`DROPOUT_BACKWARDS` is
    checked against it.

    Returns
    -------
    dict name -> relative error
    """
    p = v.check_fraction("p", p)
    if p == 0:
        raise ValueError("p must be > 0 (with p = 0 nothing is dropped)")
    X, Y = net.check_data(X, Y)
    masks = net.dropout_masks(X.shape[0], p, np.random.default_rng(seed))  # gradcheck's masks
    cache = net.forward_cache(X, masks)
    backward = {
        "correct": masks,
        "mask forgotten": None,
        "scale forgotten": [m * (1.0 - p) for m in masks],
    }
    out = {}
    for name, used in backward.items():
        grads = net.backward(cache, Y, masks=used)
        out[name] = gradcheck(net, X, Y, dropout=p, seed=seed, grads=grads)
    return out


def dropout_widget(a=(0.8, -0.5, 0.3, 1.0, -0.9, 0.6), p=0.5, draws=400):
    r"""A slider for the drop probability :math:`p`; bars show the activations ``a``, the mean
    of the inverted-dropout outputs over ``draws`` masks, and the mean without the scaling.

    Returns an ipywidgets ``VBox`` with ``.controls`` and ``.result()``, the current
    ``(inverted, plain)`` means.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    a = v.check_array("a", a, ndim=1)
    if a.size == 0 or not np.abs(a).max() > 0:
        raise ValueError(f"a must hold at least one non-zero activation; got {a.tolist()}")
    p = v.check_slider("p", p, 0.0, 0.9)
    draws = v.check_int("draws", draws, 1, 1_000_000)
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(7, 2.8), dpi=80, layout="constrained")
    x = np.arange(a.size)
    width = 0.27
    ax.bar(x - width, a, width, color="#777777", label="a (no dropout)")
    inv_bars = ax.bar(x, a, width, color="#1f77b4", label="mean of m a / (1 - p)")
    plain_bars = ax.bar(x + width, a, width, color="#e6550d", label="mean of m a (no scaling)")
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xticks(x, [f"$a_{k + 1}$" for k in range(a.size)])
    lim = 1.3 * np.abs(a).max()
    ax.set_ylim(-lim, lim)
    ax.legend(fontsize=8, loc="lower left", ncol=3)
    title = ax.set_title("", fontsize=9)
    slider = w.FloatSlider(value=p, min=0.0, max=0.9, step=0.05, description="p (drop)",
                           readout_format=".2f")
    state = {}
    image = w.Image(format="png")

    def redraw(_change=None):
        inv, plain = dropout_means(a, slider.value, draws, seed=0)
        state["result"] = (inv, plain)
        for bars, values in ((inv_bars, inv), (plain_bars, plain)):
            for bar, val in zip(bars, values):
                bar.set_height(val)
        title.set_text(f"p = {slider.value:.2f}, {draws} masks: largest gap to a, scaled "
                       f"{np.abs(inv - a).max():.2f}, unscaled {np.abs(plain - a).max():.2f}")
        image.value = figure_png(fig)

    redraw()
    slider.observe(redraw, names="value")
    box = w.VBox([slider, image])
    box.controls, box.figure = {"p": slider}, fig
    box.result = lambda: state["result"]
    plt.close(fig)
    return box


# === initialisation ============================================================================
INIT_SCHEMES = {
    "too small": "std 0.01",
    "too large": "std 0.3 (three times Xavier's for 100 units)",
    "xavier": "std sqrt(2 / (n_in + n_out))",
    "he": "std sqrt(2 / n_in)",
}
"""Initial weight scales that :func:`init_statistics` compares (biases start at 0)."""


def init_std(scheme, n_in, n_out):
    """The weight standard deviation of an :data:`INIT_SCHEMES` entry or a float ``gain``
    (std ``gain / sqrt(n_in)``, given as ``("gain", g)``)."""
    if isinstance(scheme, tuple) and len(scheme) == 2 and scheme[0] == "gain":
        return v.check_positive("gain", scheme[1]) / math.sqrt(n_in)
    table = {"too small": 0.01, "too large": 0.3, "xavier": math.sqrt(2.0 / (n_in + n_out)),
             "he": math.sqrt(2.0 / n_in)}
    if scheme not in table:
        raise ValueError(f"unknown init scheme {scheme!r}; valid: {', '.join(table)} "
                         f"or ('gain', g)")
    return table[scheme]


@dataclasses.dataclass
class InitStats:
    """Spread of a deep network's signals at initialisation, one entry per layer (1..depth).

    Attributes
    ----------
    act_std : array (depth,), std of the activations :math:`A^{(l)}` over samples and units
    grad_std : array (depth,), std of the entries of :math:`\\partial J/\\partial W^{(l)}`
    weight_std : float, the std the weights were drawn with
    """

    act_std: np.ndarray
    grad_std: np.ndarray
    weight_std: float


def init_statistics(scheme, depth=10, width=100, activation="tanh", n_samples=500, seed=0):
    r"""Activations and weight gradients, layer by layer, of a fresh deep network.

    The network has ``depth`` layers of ``width`` units with ``activation`` (the last one too),
    weights drawn with :func:`init_std`, zero biases, and the MSE against random targets.  The
    inputs are ``n_samples`` rows of independent standard normals.

    Returns
    -------
    InitStats
    """
    depth = v.check_count("depth", depth)
    width = v.check_count("width", width)
    if depth < 1 or width < 1:
        raise ValueError(f"depth and width must be >= 1; got {depth}, {width}")
    std = init_std(scheme, width, width)
    net = MLP([width] * (depth + 1), activations=[activation] * depth, loss="mse", seed=seed,
              init=std)
    rng = np.random.default_rng(seed + 1)
    X = rng.standard_normal((n_samples, width))
    Y = rng.standard_normal((n_samples, width))
    _, As = net.forward_cache(X)
    dWs, _ = net.gradients(X, Y)
    act = np.array([float(A.std()) for A in As[1:]])
    grad = np.array([float(dW.std()) for dW in dWs])
    return InitStats(act, grad, std)


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
    # whole decades, at least two, so the log axis shows labelled powers of ten rather
    # than crowded labels on minor ticks when the gradients barely change across layers
    grads = np.concatenate([np.ravel(s.grad_std) for s in stats.values()])
    grads = grads[np.isfinite(grads) & (grads > 0)]
    if grads.size:
        lo = math.floor(math.log10(grads.min()))
        hi = max(math.ceil(math.log10(grads.max())), lo + 2)
        axes[1].set_ylim(10.0 ** lo, 10.0 ** hi)
    axes[1].yaxis.set_minor_formatter(NullFormatter())
    for ax in axes:
        ax.set_xlabel("layer l")
        ax.set_xticks(np.arange(1, next(iter(stats.values())).act_std.size + 1))
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_ylim(0, 1.05)
    axes[0].legend(fontsize=8)
    return lines


def init_widget(gain=1.0, depth=10, width=100, n_samples=300):
    r"""A slider for the gain :math:`g` (weights with std :math:`g/\sqrt{n}`) and a choice of
    activation; the plots show the spread of activations and gradients layer by layer.

    Returns an ipywidgets ``VBox`` with ``.controls`` and ``.result()``, the current InitStats.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    gain = v.check_slider("gain", gain, 0.1, 3.0)
    depth = v.check_int("depth", depth, 1, 100)
    width = v.check_int("width", width, 1, 10_000)
    n_samples = v.check_int("n_samples", n_samples, 1, 1_000_000)
    with plt.ioff():
        fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.0), dpi=80, layout="constrained")
    controls = {
        "gain": w.FloatLogSlider(value=gain, base=10, min=-1, max=math.log10(3), step=0.02,
                                 description="gain g", readout_format=".2f"),
        "activation": w.Dropdown(options=["tanh", "relu"], value="tanh",
                                 description="activation"),
    }
    state = {}
    image = w.Image(format="png")

    def redraw(_change=None):
        g, act = controls["gain"].value, controls["activation"].value
        s = init_statistics(("gain", g), depth, width, act, n_samples)
        state["stats"] = s
        for ax in axes:
            ax.clear()
        draw_init_statistics(axes, {f"{act}, g = {g:.2f}": s})
        axes[0].set_ylim(0, max(1.05, 1.1 * float(np.nanmax(s.act_std))))
        image.value = figure_png(fig)

    redraw()
    for c in controls.values():
        c.observe(redraw, names="value")
    box = w.VBox([w.HBox(list(controls.values())), image])
    box.controls, box.figure = controls, fig
    box.result = lambda: state["stats"]
    plt.close(fig)
    return box
