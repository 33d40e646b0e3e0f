r"""The playground's state machine: data, network, training settings and the loss history.

:class:`PlaygroundModel` is pure NumPy and nnlib: :meth:`~PlaygroundModel.configure`,
:meth:`~PlaygroundModel.step` (:meth:`nnlib.MLP.fit` with ``epochs=k, keep_velocity=True`` per
frame), :meth:`~PlaygroundModel.reset`, :meth:`~PlaygroundModel.set_weight`, snapshots for
recorded animations.  :mod:`nnlib.plot.playground` draws it (decision regions, hidden-unit maps,
network diagram, loss curves) and :mod:`nnlib.widgets.playground` wires ipywidgets controls to it,
so that tests and the benchmark drive the playground without a browser.

Beyond TensorFlow Playground: softmax + cross-entropy, up to four classes, MSE as a choice, and
every weight as a slider for small networks.
"""

from __future__ import annotations

import numpy as np

from .. import datasets
from .. import validate as v
from ..mlp import MLP
from .regions import decision_grid

__all__ = ["DATASETS", "OUTPUTS", "HIDDEN_ACTIVATIONS", "MAX_LAYERS", "MAX_UNITS", "MAX_CLASSES",
           "MAX_SLIDER_PARAMS", "SETTINGS", "applicable_data_keys", "check_setting",
           "PlaygroundModel"]

DATASETS = ("circles", "xor", "moons", "spirals", "blobs", "xor corners")
"""Data set names; ``"xor corners"`` is the four points of source 002 (no noise, no test set)."""

OUTPUTS = {
    "softmax": ("softmax", "cross_entropy", "softmax + cross-entropy"),
    "sigmoid": ("sigmoid", "binary_cross_entropy", "sigmoid + binary cross-entropy"),
    "identity": ("identity", "mse", "identity + MSE"),
}
"""Output choice -> (output activation, loss, label)."""

HIDDEN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "identity")

MAX_LAYERS, MAX_UNITS, MAX_CLASSES = 4, 8, 4

MAX_SLIDER_PARAMS = 42
"""Networks with at most this many weights and biases get one slider per parameter (the
default 2-4-4-2 network has 42)."""

CLASS_DATASETS = ("blobs", "spirals")
"""The data sets with a choice of 2..MAX_CLASSES classes (the others have 2)."""

SETTINGS = {
    # key: (name in messages, nnlib.validate check, its further arguments)
    "dataset": ("dataset", v.check_choice, DATASETS),
    "classes": ("classes", v.check_int, 2, MAX_CLASSES),
    "noise": ("noise", v.check_float, 0, 1),
    "n_samples": ("n_samples", v.check_int, 8),
    "train_fraction": ("train_fraction", v.check_float, 0.1, 1),
    "data_seed": ("data_seed", v.check_seed),
    "hidden": ("hidden", v.check_layer_sizes, MAX_LAYERS, MAX_UNITS),
    "activation": ("hidden activation", v.check_choice, HIDDEN_ACTIVATIONS),
    "output": ("output", v.check_choice, tuple(OUTPUTS)),
    "seed": ("seed", v.check_seed),
    "lr": ("lr", v.check_positive),
    "batch_size": ("batch_size", v.check_optional_int, 1),
    "momentum": ("momentum", v.check_fraction),
    "l2": ("l2", v.check_nonnegative),
    "dropout": ("dropout", v.check_fraction),
    "epochs_per_frame": ("epochs_per_frame", v.check_int, 1),
}
"""Every setting of :class:`PlaygroundModel` and how :mod:`nnlib.validate` checks it."""


def check_setting(key, value):
    """The validated value of one setting of :data:`SETTINGS`, or a ValueError naming the
    problem (an unknown key gets the list of valid ones)."""
    if key not in SETTINGS:
        raise ValueError(f"unknown setting {key!r}; valid: {', '.join(SETTINGS)}")
    name, check, *args = SETTINGS[key]
    return check(name, value, *args)


def applicable_data_keys(dataset):
    """The data settings that change the data of ``dataset``: ``classes`` only for the blobs and
    spirals, none of noise, size, split and seed for the fixed four ``"xor corners"``. The other
    data controls are disabled, and changing their settings keeps the run."""
    if dataset == "xor corners":
        return ("dataset",)
    keys = ("dataset", "noise", "n_samples", "train_fraction", "data_seed")
    return keys + ("classes",) if dataset in CLASS_DATASETS else keys


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
        checked = {k: check_setting(k, value) for k, value in settings.items()}
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
        return self.classes if self.dataset in CLASS_DATASETS else 2

    def _make_data(self):
        if self.dataset == "xor corners":
            X, y = datasets.xor(4, 0.0)
            self.X_train, self.y_train = X, y
            self.X_test, self.y_test = X[:0], y[:0]
        else:
            kwargs = {"classes": self.classes} if self.dataset in CLASS_DATASETS else {}
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
        if epochs is None:
            epochs = self.epochs_per_frame
        else:
            epochs = check_setting("epochs_per_frame", epochs)
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
