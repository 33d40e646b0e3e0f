r"""A TensorFlow-Playground-like app: pick data, build a network, train it and watch.

Two layers, kept apart so that tests and the benchmark drive the app without a browser:

* :class:`PlaygroundModel` -- the pure state machine: data, network, training settings,
  :meth:`~PlaygroundModel.configure`, :meth:`~PlaygroundModel.step`,
  :meth:`~PlaygroundModel.reset`, :meth:`~PlaygroundModel.set_weight`, and
  :meth:`~PlaygroundModel.render` into a given matplotlib figure.  Training is
  :meth:`nnlib.MLP.fit` (``epochs=k, keep_velocity=True`` per frame); drawing is
  :class:`PlaygroundView`, which builds its artists once and afterwards only updates them
  (``set_data`` / ``set_array``).
* :class:`Playground` -- ipywidgets controls wired to the model; the figure is shown as PNG
  bytes in an ``ipywidgets.Image``.  Play is an ``ipywidgets.Play`` whose value changes step
  the model.

Beyond TensorFlow Playground: softmax + cross-entropy, up to four classes, MSE as a choice, and
every weight as a slider for small networks.
"""

from __future__ import annotations

import math
import textwrap
import time

import numpy as np

from .. import datasets
from .. import validate as v
from ..activations import ACTIVATIONS
from ..experiments.regions import decision_grid, scores
from ..mlp import MLP
from ..plot.colors import diverging_cmap
from ..plot.regions import draw_decision_regions, region_colors
from ._sync import at_resolution, is_echo, write

__all__ = ["DATASETS", "OUTPUTS", "HIDDEN_ACTIVATIONS", "BATCH_SIZES", "LEARNING_RATES",
           "L2_STRENGTHS", "MAX_SLIDER_PARAMS",
           "PlaygroundModel", "PlaygroundView", "Playground"]

DATASETS = ("circles", "xor", "moons", "spirals", "blobs", "xor corners")
"""Data set names; ``"xor corners"`` is the four points of source 002 (no noise, no test set)."""

OUTPUTS = {
    "softmax": ("softmax", "cross_entropy", "softmax + cross-entropy"),
    "sigmoid": ("sigmoid", "binary_cross_entropy", "sigmoid + binary cross-entropy"),
    "identity": ("identity", "mse", "identity + MSE"),
}
"""Output choice -> (output activation, loss, label)."""

OUTPUT_MENU = {"softmax": "softmax + cross-entropy", "sigmoid": "sigmoid + binary CE",
               "identity": "identity + MSE"}
"""Output choice -> the shorter label of the output menu (the full one does not fit its
210 px box; the figure title spells it out)."""

HIDDEN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "identity")

BATCH_SIZES = (None, 64, 32, 16, 8, 4, 2, 1)
"""Batch-size choices: full batch down to one sample."""

LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0)
"""The learning-rate slider's stops (TensorFlow Playground's from 1e-4, 3e-4, and 0.5, the rate
of the classifier chapter's recorded run), the page playground's list
(``book_assets/twin/playground.js``); a model's own rate is added when it is not among them, so
the slider always shows the rate that trains."""

L2_STRENGTHS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
"""The L2 slider's stops (a model's own strength is added likewise)."""

MAX_SLIDER_PARAMS = 42
"""Networks with at most this many weights and biases get one slider per parameter (the
default 2-4-4-2 network has 42)."""

SLIDER_SECONDS_WHILE_PLAYING = 0.5
"""While Play runs, the weight sliders (disabled then) show the weights at most this often,
and exactly when Play stops. Every slider update is a message each way between kernel and
browser: updating all 17 of the default network every 80 ms frame held Play to 2.5 frames/s,
against 10.7 for a network without sliders (JupyterLab in Chromium, two busy cores). The
network diagram in the figure shows the weights at every frame."""

MAX_LAYERS, MAX_UNITS, MAX_CLASSES = 4, 8, 4

UNIT_SCALE = 1.0
"""Every hidden unit's map is drawn on the fixed scale -UNIT_SCALE..UNIT_SCALE of the book's
diverging map (values beyond it saturate), as in the page playground: the maps of two units,
or of one unit at two epochs, compare by colour."""

_CLASS_DATASETS = ("blobs", "spirals")


def applicable_data_keys(dataset):
    """The data settings that change the data of ``dataset``: ``classes`` only for the blobs and
    spirals, none of noise, size, split and seed for the fixed four ``"xor corners"``. The other
    data controls are disabled, and changing their settings keeps the run."""
    if dataset == "xor corners":
        return ("dataset",)
    keys = ("dataset", "noise", "n_samples", "train_fraction", "data_seed")
    return keys + ("classes",) if dataset in _CLASS_DATASETS else keys


def _labelled(name, value, ok):
    if not ok:
        raise ValueError(f"{name}: invalid value {value!r}")


class PlaygroundModel:
    """State of the playground: data, network, training settings and the loss history.

    Parameters (all also settable with :meth:`configure`)
    ----------
    dataset : one of :data:`DATASETS`
    classes : int 2..4 (blobs and spirals; the others have 2)
    noise : float in [0, 1]
    n_samples : int >= 8
    train_fraction : float in [0.1, 1] (1: no test set)
    data_seed : int
    hidden : tuple of 0..4 ints in 1..8, units per hidden layer
    activation : one of :data:`HIDDEN_ACTIVATIONS`
    output : one of :data:`OUTPUTS` (``"softmax"``, ``"sigmoid"``, ``"identity"``)
    lr : float > 0
    batch_size : None (full batch) or int >= 1 (clipped to the training-set size)
    momentum : float in [0, 1)
    l2 : float >= 0
    dropout : float in [0, 1)
    epochs_per_frame : int >= 1, epochs one :meth:`step` trains by default
    seed : int, seeds the initial weights and the shuffling
    resolution : int, grid points per side of the region and unit maps
    """

    DATA_KEYS = ("dataset", "classes", "noise", "n_samples", "train_fraction", "data_seed")
    NETWORK_KEYS = ("hidden", "activation", "output", "seed")
    TRAINING_KEYS = ("lr", "batch_size", "momentum", "l2", "dropout", "epochs_per_frame")

    def __init__(self, dataset="moons", classes=2, noise=0.15, n_samples=200,
                 train_fraction=0.7, data_seed=0, hidden=(4, 4), activation="tanh",
                 output="softmax", lr=0.3, batch_size=None, momentum=0.0, l2=0.0, dropout=0.0,
                 epochs_per_frame=5, seed=0, resolution=40):
        self.resolution = v.check_int("resolution", resolution, 2, 400)
        self._settings = {}
        self._views = {}
        self.configure(dataset=dataset, classes=classes, noise=noise, n_samples=n_samples,
                       train_fraction=train_fraction, data_seed=data_seed, hidden=hidden,
                       activation=activation, output=output, lr=lr, batch_size=batch_size,
                       momentum=momentum, l2=l2, dropout=dropout,
                       epochs_per_frame=epochs_per_frame, seed=seed)

    # --- settings -----------------------------------------------------------------------
    def __getattr__(self, name):
        settings = self.__dict__.get("_settings", {})
        if name in settings:
            return settings[name]
        raise AttributeError(name)

    @staticmethod
    def _check(key, value):
        """The validated value of one setting, or a ValueError naming the problem
        (through :mod:`nnlib.validate`, nnlib's one validation module)."""
        if key == "dataset":
            return v.check_choice("dataset", value, DATASETS)
        if key == "classes":
            return v.check_int("classes", value, 2, MAX_CLASSES)
        if key == "noise":
            return v.check_float("noise", value, 0, 1)
        if key == "n_samples":
            return v.check_int("n_samples", value, 8)
        if key == "train_fraction":
            return v.check_float("train_fraction", value, 0.1, 1)
        if key in ("data_seed", "seed"):
            return v.check_seed(key, value)
        if key == "hidden":
            if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
                raise ValueError(f"hidden must be a tuple of 0..{MAX_LAYERS} layer sizes; "
                                 f"got {value!r}")
            if len(value) > MAX_LAYERS:
                raise ValueError(f"hidden must list 0..{MAX_LAYERS} layers of 1..{MAX_UNITS} "
                                 f"units; got {tuple(value)}")
            return tuple(v.check_int(f"hidden (1..{MAX_UNITS} units per layer)", h, 1, MAX_UNITS)
                         for h in value)
        if key == "activation":
            return v.check_choice("hidden activation", value, HIDDEN_ACTIVATIONS)
        if key == "output":
            return v.check_choice("output", value, tuple(OUTPUTS))
        if key == "lr":
            return v.check_positive("lr", value)
        if key == "batch_size":
            return None if value is None else v.check_int("batch_size", value, 1)
        if key in ("momentum", "dropout"):
            return v.check_fraction(key, value)
        if key == "l2":
            return v.check_nonnegative("l2", value)
        if key == "epochs_per_frame":
            return v.check_int("epochs_per_frame", value, 1)
        valid = PlaygroundModel.DATA_KEYS + PlaygroundModel.NETWORK_KEYS + \
            PlaygroundModel.TRAINING_KEYS
        raise ValueError(f"unknown setting {key!r}; valid: {', '.join(valid)}")

    def configure(self, **settings):
        """Change settings.  Data or network changes start a fresh network (epoch 0), but a data
        setting the chosen data do not use (:func:`applicable_data_keys`: classes on the moons)
        is only kept for later; training
        settings (learning rate, batch size, momentum, L2, dropout) apply from the next step and
        clear a divergence, so that a reader can lower the learning rate and go on: the run then
        continues from the restored network, whose loss is the new reference of the divergence
        rule.

        Returns
        -------
        self
        """
        checked = {k: self._check(k, v) for k, v in settings.items()}
        changed = {k for k, v in checked.items() if self._settings.get(k, object()) != v}
        data_before = self._data_key()
        self._settings.update(checked)
        data_changed = self._data_key() != data_before
        if data_changed:
            self._make_data()
        if data_changed or changed & set(self.NETWORK_KEYS):
            self.reset()
        elif changed - set(self.DATA_KEYS):  # a data setting the data do not use: no change
            if self.diverged:
                # going on after a divergence is a new run from the restored network: its
                # loss is the new J_0 of nnlib's divergence rule
                self.reference_loss = None
            self.diverged = False
            self.message = ""
        return self

    def _data_key(self):
        """The data settings that make the data (:func:`applicable_data_keys`), or None
        before the first :meth:`configure`."""
        if "dataset" not in self._settings:
            return None
        return tuple((k, self._settings[k]) for k in applicable_data_keys(self.dataset))

    def settings(self):
        """A copy of every setting, by name."""
        return dict(self._settings)

    def regenerate(self):
        """New random data (the next data seed) and a fresh network."""
        return self.configure(data_seed=self.data_seed + 1)

    # --- data -----------------------------------------------------------------------------
    @property
    def n_classes(self):
        return self.classes if self.dataset in _CLASS_DATASETS else 2

    def _make_data(self):
        if self.dataset == "xor corners":
            X, y = datasets.xor(4, 0.0)
            self.X_train, self.y_train = X, y
            self.X_test, self.y_test = X[:0], y[:0]
        else:
            kwargs = {"classes": self.classes} if self.dataset in _CLASS_DATASETS else {}
            X, y = datasets.make(self.dataset, n=self.n_samples, noise=self.noise,
                                 seed=self.data_seed, **kwargs)
            if self.train_fraction >= 1:
                self.X_train, self.y_train = X, y
                self.X_test, self.y_test = X[:0], y[:0]
            else:
                (self.X_train, self.X_test, self.y_train,
                 self.y_test) = datasets.train_test_split(X, y, 1 - self.train_fraction,
                                                          seed=self.data_seed)
        everything = np.vstack([self.X_train, self.X_test])
        self.grid, self.extent = decision_grid(everything, self.resolution)

    def targets(self, y):
        """Network targets for labels ``y``: a 0/1 column for two classes and a sigmoid or
        identity output, else one-hot rows."""
        if self.n_out == 1:
            return np.asarray(y, dtype=float).reshape(-1, 1)
        return datasets.one_hot(y, self.n_classes)

    @property
    def n_out(self):
        return 1 if self.n_classes == 2 and self.output != "softmax" else self.n_classes

    @property
    def sizes(self):
        return [2, *self.hidden, self.n_out]

    # --- network and training ------------------------------------------------------------
    def reset(self):
        """A fresh network (initial weights from ``seed``), epoch 0, empty loss history."""
        out_act, loss, _ = OUTPUTS[self.output]
        self.net = MLP(self.sizes, activations=[self.activation] * len(self.hidden) + [out_act],
                       loss=loss, seed=self.seed)
        self.Y_train = self.targets(self.y_train)
        self.Y_test = self.targets(self.y_test)
        self.epoch = 0
        self.diverged = False
        self.message = ""
        # J_0 of nnlib's divergence rule (nnlib.mlp.DIVERGENCE_FACTOR): measured by the first
        # frame's fit on the fresh network, then passed to every later frame's fit
        self.reference_loss = None
        self.epochs, self.train_losses, self.test_losses = [], [], []
        self._record()
        return self

    def _losses(self):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            train = self.net.loss(self.X_train, self.Y_train)
            test = self.net.loss(self.X_test, self.Y_test) if len(self.y_test) else float("nan")
        return train, test

    def _record(self):
        train, test = self._losses()
        self._shown = None
        self.epochs.append(self.epoch)
        self.train_losses.append(train)
        self.test_losses.append(test)

    @property
    def batch(self):
        """The batch size ``fit`` gets: None (full) or at most the training-set size."""
        if self.batch_size is None or self.batch_size >= len(self.y_train):
            return None
        return self.batch_size

    def step(self, epochs=None):
        """Train ``epochs`` (default ``epochs_per_frame``) more epochs with :meth:`MLP.fit`,
        keeping the momentum velocity between calls.  Divergence is nnlib's rule
        (:data:`nnlib.mlp.DIVERGENCE_FACTOR`), judged over the whole run against the loss of
        the fresh network: the first frame's ``History.reference_loss`` is passed to every
        later frame's ``fit``.  A diverged run does not train until a setting changes or
        :meth:`reset`.

        Returns
        -------
        History or None (when diverged)
        """
        if self.diverged:
            return None
        epochs = self.epochs_per_frame if epochs is None else self._check("epochs_per_frame", epochs)
        hist = self.net.fit(self.X_train, self.Y_train, lr=self.lr, epochs=epochs,
                            batch_size=self.batch, momentum=self.momentum, l2=self.l2,
                            dropout=self.dropout, seed=self.seed * 100_003 + self.epoch,
                            keep_velocity=True, reference_loss=self.reference_loss)
        if self.reference_loss is None:
            self.reference_loss = hist.reference_loss
        self.epoch += len(hist)
        if hist.diverged:
            self.diverged = True
            self.message = hist.message
        else:
            self.message = ""
        self._record()
        return hist

    # --- parameters as sliders -------------------------------------------------------------
    def parameters(self):
        """Every weight and bias as ``(name, kind, layer, i, j, value)``, kind "W" or "b";
        names are 1-based like the book's :math:`W^{(l)}_{ij}` and :math:`b^{(l)}_j`."""
        out = []
        for l, (W, b) in enumerate(zip(self.net.weights, self.net.biases)):
            for i in range(W.shape[0]):
                for j in range(W.shape[1]):
                    out.append((f"W{l + 1}[{i + 1},{j + 1}]", "W", l, i, j, float(W[i, j])))
            for j in range(b.shape[0]):
                out.append((f"b{l + 1}[{j + 1}]", "b", l, 0, j, float(b[j])))
        return out

    @property
    def sliders_allowed(self):
        return self.net.n_params <= MAX_SLIDER_PARAMS

    def set_weight(self, layer, i, j, value):
        """Set ``weights[layer][i, j]`` (0-based) and forget the momentum velocity."""
        W = self.net.weights[layer]
        if not (0 <= i < W.shape[0] and 0 <= j < W.shape[1]):
            raise ValueError(f"weights[{layer}] has shape {W.shape}; no entry ({i}, {j})")
        W[i, j] = float(value)
        self._after_manual_change()

    def set_bias(self, layer, j, value):
        """Set ``biases[layer][j]`` (0-based) and forget the momentum velocity."""
        b = self.net.biases[layer]
        if not 0 <= j < b.shape[0]:
            raise ValueError(f"biases[{layer}] has shape {b.shape}; no entry {j}")
        b[j] = float(value)
        self._after_manual_change()

    def _after_manual_change(self):
        self.net.reset_velocity()
        self.diverged = False
        self.message = ""
        train, test = self._losses()
        self.train_losses[-1], self.test_losses[-1] = train, test

    # --- snapshots (for recorded animations) ---------------------------------------------
    def snapshot(self):
        """The parameters and the loss history at this moment (copies)."""
        return {"epoch": self.epoch, "weights": [W.copy() for W in self.net.weights],
                "biases": [b.copy() for b in self.net.biases], "n": len(self.epochs),
                "diverged": self.diverged, "message": self.message}

    def restore(self, snap):
        """Put back a :meth:`snapshot` taken from this run (same network shape)."""
        for W, W0 in zip(self.net.weights, snap["weights"]):
            W[...] = W0
        for b, b0 in zip(self.net.biases, snap["biases"]):
            b[...] = b0
        self.epoch, self.diverged, self.message = snap["epoch"], snap["diverged"], snap["message"]
        self._shown = snap["n"]

    @property
    def shown(self):
        """How many points of the loss history the view draws (all, unless replaying)."""
        return getattr(self, "_shown", None) or len(self.epochs)

    # --- evaluation -------------------------------------------------------------------------
    def accuracy(self, which="train"):
        X, y = (self.X_train, self.y_train) if which == "train" else (self.X_test, self.y_test)
        if not len(y):
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            A = self.net.forward(X)
        pred = (A[:, 0] >= 0.5).astype(int) if A.shape[1] == 1 else A.argmax(axis=1)
        return float(np.mean(pred == y))

    def status(self):
        """One line: epoch, losses and accuracies, or the divergence message."""
        train, test = self.train_losses[self.shown - 1], self.test_losses[self.shown - 1]
        text = f"epoch {self.epoch}   train loss {train:.3f} ({self.accuracy('train'):.0%} right)"
        if len(self.y_test):
            text += f"   test loss {test:.3f} ({self.accuracy('test'):.0%} right)"
        if self.diverged:
            text = "DIVERGED: " + self.message
        return text

    # --- drawing ---------------------------------------------------------------------------
    def figure(self, width=9.0, height=4.6, dpi=72):
        """A new matplotlib figure of the playground's size (not attached to pyplot)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(fig)
        return fig

    def render(self, fig):
        """Draw the playground into ``fig`` and return its :class:`PlaygroundView`.

        The first call for a figure builds the artists; later calls update them in place (new
        data too: the points move, the static background stays), unless the network's shape,
        the number of classes or whether there is a test set changed, which rebuilds the
        figure's contents.
        """
        key = (tuple(self.sizes), self.n_classes, len(self.y_test) > 0, len(self.y_train) > 10)
        view = self._views.get(id(fig))
        if view is None or view.key != key:
            fig.clear()
            view = PlaygroundView(self, fig, key)
            self._views = {id(fig): view}
        elif view.data is not self.X_train:
            view.set_data()
        view.update()
        return view

    def frame(self, fig, fmt="jpeg"):
        """Render into ``fig`` and return the image bytes the widget shows (one animation
        frame's drawing; see :meth:`PlaygroundView.encode`)."""
        return self.render(fig).encode(fmt)


class PlaygroundView:
    """The artists of one playground figure: decision regions, loss curves, hidden-unit maps and
    the network diagram.  :meth:`update` only changes data of existing artists."""

    def __init__(self, model, fig, key):
        from ..plot.network import draw_network

        self.model, self.fig, self.key = model, fig, key
        m = model
        self.data = m.X_train
        n_hidden = len(m.hidden)
        gs = fig.add_gridspec(2, 3, width_ratios=[1.25, max(0.35 * n_hidden, 0.5), 1.1],
                              height_ratios=[1.2, 1], left=0.02, right=0.97, top=0.86,
                              bottom=0.11, wspace=0.24, hspace=0.5)
        # decision regions
        ax = fig.add_subplot(gs[:, 0])
        self.regions = draw_decision_regions(
            ax, m.net, m.X_train, m.y_train, m.X_test if len(m.y_test) else None,
            m.y_test if len(m.y_test) else None, n_classes=m.n_classes,
            resolution=m.resolution, point_size=16 if len(m.y_train) > 10 else 120)
        ax.set_title("decision regions (● train, ○ test)" if len(m.y_test)
                     else "decision regions (● train)", fontsize=11)
        self.alarm = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                             fontsize=11, color="#b30000", wrap=False, zorder=5,
                             bbox=dict(boxstyle="round", fc="white", ec="#b30000", alpha=0.9))
        self.alarm.set_visible(False)
        # hidden-unit maps: one column per hidden layer, units stacked, all in one image on
        # one axes (an axes per unit made a network change cost 10-20 ms per unit to rebuild)
        self.unit_image = None
        uax = fig.add_subplot(gs[:, 1])
        uax.axis("off")
        if n_hidden:
            res = m.resolution
            self._gap = max(1, res // 10)
            step = res + self._gap
            self._mosaic = np.full((MAX_UNITS * step - self._gap, n_hidden * step - self._gap),
                                   np.nan)
            cmap = diverging_cmap().with_extremes(bad="white")
            self.unit_image = uax.imshow(self._mosaic, origin="upper", cmap=cmap,
                                         vmin=-UNIT_SCALE, vmax=UNIT_SCALE, aspect="auto",
                                         interpolation="nearest")
            uax.set_xlim(-0.5, self._mosaic.shape[1] - 0.5)
            uax.set_ylim(self._mosaic.shape[0] - 0.5, -0.5)
            for l in range(n_hidden):
                uax.text(l * step + res / 2, -1, f"layer {l + 1}", ha="center", va="bottom",
                         fontsize=10)
        else:
            uax.text(0.5, 0.5, "no hidden\nlayer", ha="center", va="center", fontsize=10,
                     transform=uax.transAxes)
        # network diagram
        dax = fig.add_subplot(gs[0, 2])
        self.diagram = draw_network(dax, m.net, biases=False, layer_labels=False,
                                    weight_scale=2.0, max_width=4.0, fontsize=6)
        dax.set_title(" - ".join(str(s) for s in m.sizes) + f"\n{m.activation} → "
                      f"{OUTPUTS[m.output][2]}", fontsize=10)
        # loss curves
        lax = fig.add_subplot(gs[1, 2])
        # loss curves in black and grey (no class colour): train solid, test dashed
        (self.train_line,) = lax.plot([], [], color="#222222", lw=1.5, label="train")
        # the test curve is named only when there is a test set (XOR has none)
        (self.test_line,) = lax.plot([], [], color="#8a8a8a", lw=1.5, ls="--",
                                     label="test" if len(m.y_test) else None)
        lax.set_xlabel("epoch", fontsize=11, labelpad=1)
        lax.set_ylabel("loss", fontsize=11, labelpad=1)
        lax.tick_params(labelsize=10, pad=1)
        # the legend above the plot area, never over the curves
        lax.legend(fontsize=10, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2,
                   frameon=False, borderaxespad=0.1, handlelength=1.8, columnspacing=1.0)
        lax.spines[["top", "right"]].set_visible(False)
        self.loss_ax = lax
        self.title = fig.suptitle("", fontsize=12, x=0.02, ha="left")
        edges = [line for layer in self.diagram.edges for row in layer for line in row]
        points = [p for p in (self.regions.train_points, self.regions.test_points) if p is not None]
        units = [self.unit_image] if self.unit_image is not None else []
        self.dynamic = ([self.regions.image] + points + units
                        + edges + [self.train_line, self.test_line, self.title, self.alarm])
        self._background = None
        self._layout = None

    def update(self):
        """Redraw everything from the model's current parameters and history."""
        m = self.model
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            _, As = m.net.forward_cache(m.grid)
            A_out = As[-1]
        rgb = region_colors(scores(A_out, m.n_classes), self.regions.colors)
        self.regions.image.set_data(rgb.reshape(m.resolution, m.resolution, 3))
        if self.unit_image is not None:
            res, step = m.resolution, m.resolution + self._gap
            for l, units in enumerate(m.hidden):
                H = np.nan_to_num(As[l + 1])
                for j in range(units):
                    # grid rows run from the bottom up; the mosaic's from the top down
                    self._mosaic[j * step:j * step + res, l * step:l * step + res] = \
                        H[:, j].reshape(res, res)[::-1]
            self.unit_image.set_data(self._mosaic)
        self.diagram.update(weights=m.net.weights)
        n = m.shown
        ep = np.asarray(m.epochs[:n], dtype=float)
        tr = np.asarray(m.train_losses[:n], dtype=float)
        te = np.asarray(m.test_losses[:n], dtype=float)
        self.train_line.set_data(ep, tr)
        self.test_line.set_data(ep, te)
        finite = np.concatenate([tr[np.isfinite(tr)], te[np.isfinite(te)]])
        top = float(finite.max()) if finite.size else 1.0
        # the loss axes change limits only in coarse steps, so the static background (ticks,
        # labels) is re-rendered rarely: y up to the next "nice" value, x doubling
        ymax = _nice_ceiling(max(top * 1.05, 1e-3))
        current = self.loss_ax.get_ylim()[1]
        if current / 4 < ymax <= current:  # hysteresis: a weight slider moving the only loss
            ymax = current  # up and down does not re-render the background at every step
        right = max(ep[-1] if ep.size else 0, 10)
        xmax = 10 * 2 ** math.ceil(math.log2(right / 10)) if right > 10 else 10
        if self.loss_ax.get_ylim() != (0, ymax):
            self.loss_ax.set_ylim(0, ymax)
        if self.loss_ax.get_xlim() != (0, xmax):
            self.loss_ax.set_xlim(0, xmax)
        self._layout_now = (ymax, xmax)
        self.title.set_text(self._title())
        if m.diverged:
            self.alarm.set_text("diverged\n" + textwrap.fill(m.message, 42))
        self.alarm.set_visible(bool(m.diverged))
        return self

    def set_data(self):
        """Show the model's new data set (same classes, same test-set presence): the points,
        the regions' extent and the axes limits change in place."""
        m, r = self.model, self.regions
        self.data = m.X_train
        r.grid = m.grid
        r.image.set_extent(m.extent)
        r.ax.set_xlim(m.extent[0], m.extent[1])
        r.ax.set_ylim(m.extent[2], m.extent[3])
        r.train_points.set_offsets(m.X_train)
        r.train_points.set_facecolor(r.colors[m.y_train.astype(int)])
        if r.test_points is not None:
            r.test_points.set_offsets(m.X_test)
            r.test_points.set_edgecolor(r.colors[m.y_test.astype(int)])

    def unit_maps(self):
        """The drawn value of every hidden unit over the grid: one list per hidden layer of
        (resolution, resolution) arrays, rows from the bottom up (as the model's ``grid``),
        cut from the one image that shows them all on the scale ``-UNIT_SCALE..UNIT_SCALE``."""
        m = self.model
        res, step = m.resolution, m.resolution + getattr(self, "_gap", 0)
        return [[np.asarray(self.unit_image.get_array())[j * step:j * step + res,
                                                         l * step:l * step + res][::-1]
                 for j in range(units)] for l, units in enumerate(m.hidden)]

    def _title(self):
        """The figure's one-line status, shorter than :meth:`PlaygroundModel.status` (Agg
        renders text glyph by glyph, about 0.13 ms each here, and the title is redrawn every
        frame; the widget shows the full status as HTML next to the figure)."""
        m = self.model
        if m.diverged:
            return f"epoch {m.epoch}   diverged"
        i = m.shown - 1
        text = f"epoch {m.epoch}   loss {m.train_losses[i]:.3f} ({m.accuracy('train'):.0%})"
        if len(m.y_test):
            text += f"   test {m.test_losses[i]:.3f} ({m.accuracy('test'):.0%})"
        return text

    def draw(self):
        """Render the figure into its Agg canvas, blitting.

        The static parts (axes, ticks, labels, node circles) are rendered once into a
        background; each call restores that background and draws only the artists
        :meth:`update` changed.  When the loss axes' limits step, only the loss axes are
        re-rendered into the background.
        """
        canvas = self.fig.canvas
        if self._background is None:
            self._render_background(None)
        elif self._layout != self._layout_now:
            self._render_background(self.loss_ax)
        canvas.restore_region(self._background)
        for a in self.dynamic:
            if a.get_visible():
                self.fig.draw_artist(a)
        return canvas

    def _loss_box(self):
        """The figure region that belongs to the loss axes (tick labels included): right of
        the next axes to its left, below the middle of the gap to the diagram."""
        from matplotlib.transforms import Bbox

        box = self.loss_ax.get_window_extent()
        left = max((ax.get_window_extent().x1 for ax in self.fig.axes
                    if ax is not self.loss_ax and ax.get_window_extent().x1 <= box.x0),
                   default=0.0) + 1
        above = [ax.get_window_extent().y0 for ax in self.fig.axes
                 if ax is not self.loss_ax and ax.get_window_extent().y0 >= box.y1]
        top = (box.y1 + min(above)) / 2 if above else self.fig.bbox.y1
        return Bbox([[left, 0], [self.fig.bbox.x1, top]])

    def _render_background(self, only):
        """Render the figure without its changing artists (``only``: just that axes, pasted
        into the existing background) and keep it as the background."""
        canvas = self.fig.canvas
        shown = [a.get_visible() for a in self.dynamic]
        for a in self.dynamic:
            a.set_visible(False)
        hidden = []
        if only is not None:
            hidden = [ax for ax in self.fig.axes if ax is not only and ax.get_visible()]
            for ax in hidden:
                ax.set_visible(False)
        canvas.draw()
        if only is None:
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            region = canvas.copy_from_bbox(self._loss_box())
            canvas.restore_region(self._background)
            canvas.restore_region(region)
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        for ax in hidden:
            ax.set_visible(True)
        for a, v in zip(self.dynamic, shown):
            a.set_visible(v)
        self._layout = self._layout_now

    def encode(self, fmt="jpeg", quality=90):
        """:meth:`draw`, then the canvas as image bytes.

        The live widget uses JPEG (about 1 ms to encode here, against about 10 ms for PNG,
        and a third of the bytes to send); ``fmt="png"`` gives a lossless frame.
        """
        import io

        from PIL import Image

        if fmt not in ("jpeg", "png"):
            raise ValueError(f"fmt must be 'jpeg' or 'png'; got {fmt!r}")
        canvas = self.draw()
        w, h = canvas.get_width_height(physical=True)
        img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        if fmt == "jpeg":
            img.convert("RGB").save(buf, format="jpeg", quality=quality)
        else:
            img.save(buf, format="png", compress_level=1)
        return buf.getvalue()


def _nice_ceiling(x):
    """The smallest of 1, 1.5, 2, 3, 5, 7 times a power of ten that is >= x (x > 0)."""
    power = 10.0 ** math.floor(math.log10(x))
    for k in (1, 1.5, 2, 3, 5, 7, 10):
        if k * power >= x:
            return k * power
    return 10 * power


class Playground:
    """The playground as an ipywidgets app.

    Parameters
    ----------
    model : PlaygroundModel, optional (default: the 2-4-4-2 tanh/softmax network on moons)
    controls : tuple of group names
        Which control groups to show: ``"data"``, ``"network"``, ``"training"``.

    Attributes
    ----------
    model : PlaygroundModel
    controls : dict of name -> widget (tests set their ``.value``)
    weight_sliders : list of FloatSlider (empty when the network has more than
        :data:`MAX_SLIDER_PARAMS` parameters)
    image : ipywidgets.Image showing the figure
    widget : the top-level ipywidgets box (displayed by ``display(playground)``)
    note : str, shown after the status line until the next step (a training setting changed
        since the last step: "momentum 0.9 applies from the next step")

    Every control shows the model's setting at the control's resolution (a float setting off a
    slider's grid is rounded to it, and that is what trains), and the app writes into its own
    controls only through :mod:`nnlib.widgets._sync`: the browser's echo of what it wrote is
    never taken for a reader's move. So a weight changes only by training or by a reader's move
    of its slider, which also forgets the momentum velocity.
    """

    def __init__(self, model=None, controls=("data", "network", "training")):
        import ipywidgets as w

        self.model = model if model is not None else PlaygroundModel()
        m = self.model
        self.fig = m.figure()
        self.note = ""
        self._sliders_shown = -math.inf
        # sized to fit a book page column (about 690 px): two groups of 330 px side by side
        # (sliders long enough to aim), further groups wrap onto the next row
        style = {"description_width": "120px"}
        lay = w.Layout(width="330px")
        c = {}
        c["dataset"] = w.Dropdown(options=list(DATASETS), value=m.dataset, description="data",
                                  layout=lay)
        c["classes"] = w.IntSlider(value=m.classes, min=2, max=MAX_CLASSES, description="classes",
                                   layout=lay)
        c["noise"] = w.FloatSlider(value=m.noise, min=0, max=max(0.5, m.noise), step=0.01,
                                   description="noise", layout=lay)
        c["train_fraction"] = w.FloatSlider(value=m.train_fraction, min=0.1,
                                            max=max(0.9, m.train_fraction), step=0.05,
                                            description="train fraction", style=style,
                                            layout=lay)
        c["data_seed"] = w.BoundedIntText(value=m.data_seed, min=0, max=10**6,
                                          description="data seed", style=style, layout=lay)
        c["regenerate"] = w.Button(description="regenerate", layout=w.Layout(width="120px"))
        c["layers"] = w.IntSlider(value=len(m.hidden), min=0, max=MAX_LAYERS,
                                  description="hidden layers", style=style, layout=lay)
        for k in range(MAX_LAYERS):
            units = m.hidden[k] if k < len(m.hidden) else 2
            c[f"units{k + 1}"] = w.IntSlider(value=units, min=1, max=MAX_UNITS,
                                             description=f"units in layer {k + 1}", style=style,
                                             layout=lay, disabled=k >= len(m.hidden))
        c["activation"] = w.Dropdown(options=list(HIDDEN_ACTIVATIONS), value=m.activation,
                                     description="hidden activation", style=style, layout=lay)
        c["seed"] = w.BoundedIntText(value=m.seed, min=0, max=10**6,
                                     description="weights seed", style=style, layout=lay)
        c["output"] = w.Dropdown(options=[(OUTPUT_MENU[k], k) for k in OUTPUTS], value=m.output,
                                 description="output, loss", style=style, layout=lay)
        c["lr"] = w.SelectionSlider(options=[(f"{v:g}", v) for v in _with(LEARNING_RATES, m.lr)],
                                    value=m.lr, description="learning rate", style=style,
                                    layout=lay)
        batches = sorted(set(BATCH_SIZES[1:]) | {m.batch_size or BATCH_SIZES[1]}, reverse=True)
        c["batch_size"] = w.SelectionSlider(
            options=[("full", 0)] + [(str(b), b) for b in batches], value=m.batch_size or 0,
            description="batch size", style=style, layout=lay)
        c["momentum"] = w.FloatSlider(value=m.momentum, min=0, max=0.99, step=0.01,
                                      description="momentum", layout=lay)
        c["l2"] = w.SelectionSlider(options=[(f"{v:g}", v) for v in _with(L2_STRENGTHS, m.l2)],
                                    value=m.l2, description="L2 λ", layout=lay)
        c["dropout"] = w.FloatSlider(value=m.dropout, min=0, max=0.9, step=0.05,
                                     description="dropout", layout=lay)
        c["epochs_per_frame"] = w.IntSlider(value=m.epochs_per_frame, min=1,
                                            max=max(100, m.epochs_per_frame),
                                            description="epochs per frame", style=style,
                                            layout=lay)
        c["play"] = w.Play(value=0, min=0, max=10**9, step=1, interval=80, description="play")
        c["step"] = w.Button(description="step", layout=w.Layout(width="70px"))
        c["reset"] = w.Button(description="reset", layout=w.Layout(width="70px"))
        self.controls = c
        self.epoch_label = w.HTML()
        self.status = w.HTML()
        self.image = w.Image(format="jpeg", layout=w.Layout(max_width="100%"))
        self.sliders_box = w.VBox()
        self.weight_sliders = []
        # Every control shows its first value at its resolution, remembered as written so that
        # the browser's echo of it is not taken for a move; a float setting off a slider's grid
        # (noise 0.123) becomes the value the slider shows, so what trains is what is shown.
        adjusted = {}
        for key, control in c.items():
            if isinstance(control, (w.Button, w.Play)):
                continue
            control.value = shown = at_resolution(control, control.value)
            write(control, shown)
            if key in m.settings() and key != "batch_size" and shown != m.settings()[key]:
                adjusted[key] = shown
        if adjusted:
            m.configure(**adjusted)

        for key in ("dataset", "classes", "noise", "train_fraction", "data_seed", "activation",
                    "output", "seed", "lr", "batch_size", "momentum", "l2", "dropout",
                    "epochs_per_frame"):
            c[key].observe(self._on_setting, names="value")
        c["layers"].observe(self._on_hidden, names="value")
        for k in range(MAX_LAYERS):
            c[f"units{k + 1}"].observe(self._on_hidden, names="value")
        c["regenerate"].on_click(lambda _b: self._regenerate())
        c["step"].on_click(lambda _b: self.step())
        c["reset"].on_click(lambda _b: self.reset())
        c["play"].observe(self._on_play, names="value")
        c["play"].observe(self._on_playing, names="playing")

        groups = []
        if "data" in controls:
            groups.append(w.VBox([w.HTML("<b>Data</b>"), c["dataset"], c["classes"], c["noise"],
                                  c["train_fraction"], c["data_seed"], c["regenerate"]]))
        if "network" in controls:
            groups.append(w.VBox([w.HTML("<b>Network</b>"), c["layers"]]
                                 + [c[f"units{k + 1}"] for k in range(MAX_LAYERS)]
                                 + [c["activation"], c["output"], c["seed"]]))
        if "training" in controls:
            groups.append(w.VBox([w.HTML("<b>Training</b>"), c["lr"], c["batch_size"],
                                  c["momentum"], c["l2"], c["dropout"], c["epochs_per_frame"]]))
        buttons = w.HBox([c["play"], c["step"], c["reset"], self.epoch_label])
        for widget in c.values():  # one label width for every labelled control
            if isinstance(widget, (w.Button, w.Play)):
                continue
            widget.style.description_width = style["description_width"]
        wrap = w.Layout(display="flex", flex_flow="row wrap", width="100%")
        self.widget = w.VBox([w.Box(groups, layout=wrap), buttons, self.status, self.image,
                              self.sliders_box])
        self._frame_done = -math.inf  # kernel time (time.time()) at the end of the last tick
        self._least_lag = math.inf  # least (kernel time - browser send time) of a tick yet
        self.dropped_ticks = 0
        self._enable_data_controls()
        self._rebuild_sliders()
        self.redraw()

    def _enable_data_controls(self):
        """Disable the data controls the chosen data do not use (classes on the moons; noise,
        split, seed and regenerate on the four XOR corners) instead of letting them change
        nothing or restart the run."""
        used = applicable_data_keys(self.model.dataset)
        for key in ("classes", "noise", "train_fraction", "data_seed"):
            self.controls[key].disabled = key not in used
        self.controls["regenerate"].disabled = "data_seed" not in used

    # --- display ----------------------------------------------------------------------------
    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def redraw(self):
        """Render the model into the figure, show it, and refresh the labels and sliders."""
        m = self.model
        self.image.value = m.frame(self.fig)
        self.epoch_label.value = f"&nbsp;epoch <b>{m.epoch}</b>"
        colour = "#b30000" if m.diverged else "#333333"
        import html

        status = m.status() + (f"   ({self.note})" if self.note else "")
        self.status.value = f'<span style="color:{colour}">{html.escape(status)}</span>'
        if (not self.controls["play"].playing
                or time.monotonic() - self._sliders_shown >= SLIDER_SECONDS_WHILE_PLAYING):
            self._sync_sliders()

    # --- actions ----------------------------------------------------------------------------
    def step(self, epochs=None):
        """Train one frame and redraw; stops Play when the run diverges."""
        self.note = ""
        self.model.step(epochs)
        if self.model.diverged:
            self.controls["play"].playing = False
        self.redraw()

    def reset(self):
        self.controls["play"].playing = False
        self.note = ""
        self.model.reset()
        self._rebuild_sliders()
        self.redraw()

    def _regenerate(self):
        self.controls["data_seed"].value = self.model.data_seed + 1  # observer reconfigures

    def _on_play(self, change):
        """A tick of Play: one frame, unless the tick is stale (:meth:`_stale`)."""
        if change["new"] == change["old"]:
            return
        if self._stale(_sent_at()):
            self.dropped_ticks += 1
            return
        self.step()
        self._frame_done = time.time()

    def _stale(self, sent):
        """Whether a tick the browser sent at ``sent`` (its clock, seconds since the epoch;
        None when unknown) was sent while the previous frame was still being computed.

        Play's ticks come every ``interval`` ms whatever the kernel does; a frame that takes
        longer would build a backlog that trains on after Pause. The kernel clock and the
        browser's may differ, so a send time is moved to the kernel's clock by the least lag
        (kernel time minus send time) any tick has had: that is the clock offset plus the
        fastest delivery, so a tick counts as stale only when it left the browser before the
        previous frame had ended, even by the most generous reading.
        """
        if sent is None:
            return False
        now = time.time()
        self._least_lag = min(self._least_lag, now - sent)
        return sent + self._least_lag < self._frame_done

    def _on_playing(self, change):
        # each Play starts afresh: no frame to wait for, and the clocks' offset measured anew
        # (a browser clock set back meanwhile would otherwise make every tick look stale)
        self._frame_done = -math.inf
        self._least_lag = math.inf
        for s in self.weight_sliders:
            s.disabled = bool(change["new"])
        if not change["new"]:
            self._sync_sliders()

    def _on_setting(self, change):
        if is_echo(change):
            return
        control = change["owner"]
        key = next(k for k, v in self.controls.items() if v is control)
        value = at_resolution(control, change["new"])
        if key == "batch_size" and value == 0:  # the slider's "full"
            value = None
        shape = tuple(self.model.sizes)
        epoch = self.model.epoch
        self.model.configure(**{key: value})
        if key == "dataset":
            self._enable_data_controls()
        fresh = (key in self.model.NETWORK_KEYS
                 or key in self.model.DATA_KEYS and key in applicable_data_keys(self.model.dataset))
        if key in self.model.DATA_KEYS and not fresh and epoch == self.model.epoch:
            return  # a disabled control's setting (kept for later data): nothing to redraw
        if tuple(self.model.sizes) != shape or fresh:
            self.note = ""
            self._rebuild_sliders()
        elif key in self.model.TRAINING_KEYS:  # nothing to redraw yet: say when it applies
            shown = getattr(control, "label", None) or f"{value:g}"
            self.note = f"{control.description} {shown} applies from the next step"
        self.redraw()

    def _on_hidden(self, change):
        if is_echo(change):
            return
        c = self.controls
        n = c["layers"].value
        for k in range(MAX_LAYERS):
            c[f"units{k + 1}"].disabled = k >= n
        hidden = tuple(c[f"units{k + 1}"].value for k in range(n))
        if hidden != self.model.hidden:
            self.model.configure(hidden=hidden)
            self._rebuild_sliders()
            self.redraw()

    # --- weight sliders ---------------------------------------------------------------------
    def _rebuild_sliders(self):
        import ipywidgets as w

        for s in self.weight_sliders:
            s.close()
        self.weight_sliders = []
        if not self.model.sliders_allowed:
            self.sliders_box.children = [w.HTML(
                f"<i>{self.model.net.n_params} weights and biases: more than "
                f"{MAX_SLIDER_PARAMS}, so no sliders (make the network smaller to get them).</i>")]
            return
        for name, kind, l, i, j, value in self.model.parameters():
            bound = max(6.0, math.ceil(abs(value)))
            s = w.FloatSlider(value=0.0, min=-bound, max=bound, step=0.01, description=name,
                              continuous_update=True, readout_format=".2f",
                              layout=w.Layout(width="215px"),
                              style={"description_width": "60px"})
            write(s, value)
            s._param = (kind, l, i, j)
            s.observe(self._on_weight, names="value")
            self.weight_sliders.append(s)
        wrap = w.Layout(display="flex", flex_flow="row wrap", width="100%")
        self.sliders_box.children = [
            w.HTML("<b>Weights and biases</b> (move them while paused)"),
            w.Box(self.weight_sliders, layout=wrap)]

    def _sync_sliders(self):
        """Show the current weights in the sliders (at their 0.01 resolution: see
        :mod:`nnlib.widgets._sync`; an unchanged slider sends nothing)."""
        for s, (_, _, _, _, _, value) in zip(self.weight_sliders, self.model.parameters()):
            bound = max(6.0, math.ceil(abs(value)))
            if s.max < bound:
                s.max, s.min = bound, -bound
            write(s, value)
        self._sliders_shown = time.monotonic()

    def _on_weight(self, change):
        """A reader moved a weight slider: set that weight (which forgets the momentum
        velocity) and redraw. The sliders' own echoes of what :meth:`redraw` wrote are not
        moves."""
        if is_echo(change):
            return
        slider = change["owner"]
        kind, l, i, j = slider._param
        value = at_resolution(slider, change["new"])
        if kind == "W":
            self.model.set_weight(l, i, j, value)
        else:
            self.model.set_bias(l, j, value)
        self.redraw()


def _sent_at():
    """When the browser sent the kernel message being handled (seconds since the epoch, the
    browser's clock: the ``date`` of the message header JupyterLab and Notebook write), or None
    outside a kernel or without a date."""
    try:
        from ipykernel.kernelbase import Kernel

        if not Kernel.initialized():
            return None
        date = Kernel.instance().get_parent("shell").get("header", {}).get("date")
    except Exception:  # no kernel, or one without message parents: every tick counts
        return None
    if isinstance(date, str):
        from datetime import datetime

        try:
            date = datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError:
            return None
    return date.timestamp() if hasattr(date, "timestamp") else None


def _with(stops, value):
    """The sorted stops of a selection slider, with ``value`` among them."""
    return sorted(set(stops) | {float(value)})
