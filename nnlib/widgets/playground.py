"""The playground as an ipywidgets app (:class:`~nnlib.widgets.base.Widget`): data, network and
training controls, Play/Step/Reset and one slider per weight, wired to a
:class:`~nnlib.experiments.playground.PlaygroundModel` and shown as the JPEG frames of a
:class:`~nnlib.plot.playground.PlaygroundFigure` in an ``ipywidgets.Image``.  Play is an
``ipywidgets.Play`` whose value changes step the model.
"""

from __future__ import annotations

import html
import math
import time
from datetime import datetime

import ipywidgets as w

from ..experiments.playground import (
    DATASETS,
    HIDDEN_ACTIVATIONS,
    MAX_CLASSES,
    MAX_LAYERS,
    MAX_SLIDER_PARAMS,
    MAX_UNITS,
    OUTPUTS,
    PlaygroundModel,
    applicable_data_keys,
)
from ..plot.playground import PlaygroundFigure
from ._sync import at_resolution, is_echo, write
from .base import Widget

__all__ = ["BATCH_SIZES", "LEARNING_RATES", "L2_STRENGTHS", "OUTPUT_MENU",
           "SLIDER_SECONDS_WHILE_PLAYING", "CONTROL_GROUPS", "Playground"]

OUTPUT_MENU = {"softmax": "softmax + cross-entropy", "sigmoid": "sigmoid + binary CE",
               "identity": "identity + MSE"}
"""Output choice -> the shorter label of the output menu (the full one does not fit its
210 px box; the figure title spells it out)."""

BATCH_SIZES = (None, 64, 32, 16, 8, 4, 2, 1)
"""Batch-size choices: full batch down to one sample."""

LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0, 10.0)
"""The learning-rate slider's stops (TensorFlow Playground's from 1e-4, 3e-4, 0.5, the rate
of the classifier chapter's recorded run, and 2, the XOR chapter's), the page playground's list
(``book_assets/twin/playground.js``); a model's own rate is added when it is not among them, so
the slider always shows the rate that trains."""

L2_STRENGTHS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
"""The L2 slider's stops (a model's own strength is added likewise)."""

SLIDER_SECONDS_WHILE_PLAYING = 0.5
"""While Play runs, the weight sliders (disabled then) show the weights at most this often,
and exactly when Play stops. Every slider update is a message each way between kernel and
browser: updating all 17 of the default network every 80 ms frame held Play to 2.5 frames/s,
against 10.7 for a network without sliders (JupyterLab in Chromium, two busy cores). The
network diagram in the figure shows the weights at every frame."""

CONTROL_GROUPS = ("data", "network", "training")
"""The control groups a playground can show."""


class Playground(Widget):
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
    result : the model, as last drawn
    canvas : PlaygroundFigure, whose ``fig`` is :attr:`fig`
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

    In the widget pattern: the computation is the model's (its settings, :meth:`step`,
    weights set by hand), so each control has its own handler (:meth:`wire`) that changes the
    model and calls :meth:`refresh`, where ``result`` is the model, :meth:`draw` renders it in
    place and :meth:`show` sends the frame, the status line and the weights to the browser.
    """

    def __init__(self, model=None, controls=CONTROL_GROUPS):
        if model is not None and not isinstance(model, PlaygroundModel):
            raise ValueError(f"model must be a PlaygroundModel; got {type(model).__name__}")
        if isinstance(controls, str) or not all(g in CONTROL_GROUPS for g in controls):
            raise ValueError(f"controls must be a tuple of group names out of "
                             f"{', '.join(CONTROL_GROUPS)}; got {controls!r}")
        self.model = model if model is not None else PlaygroundModel()
        self.groups = tuple(controls)
        m = self.model
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

        self._frame_done = -math.inf  # kernel time (time.time()) at the end of the last tick
        self._least_lag = math.inf  # least (kernel time - browser send time) of a tick yet
        self.dropped_ticks = 0
        self._enable_data_controls()
        self._rebuild_sliders()
        super().__init__(c)  # the figure, the first refresh, wire(), arrange()

    # --- the pattern's parts -------------------------------------------------------------
    def make_figure(self, figsize):
        """The playground's Agg figure (:class:`~nnlib.plot.playground.PlaygroundFigure`)."""
        self.canvas = PlaygroundFigure()
        return self.canvas.fig

    def wire(self):
        """Each control to its handler: settings, hidden layers, buttons, Play."""
        c = self.controls
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

    def arrange(self):
        """The groups of controls (wrapping), the buttons, the status line, the figure and the
        weight sliders."""
        c = self.controls
        controls = self.groups
        style = {"description_width": "120px"}
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
        return w.VBox([w.Box(groups, layout=wrap), buttons, self.status, self.image,
                       self.sliders_box])

    def compute(self, **values):
        """The model, as the handlers left it (its settings are the controls' values)."""
        return self.model

    def draw(self, result):
        """Render the model into the figure, in place; returns the view."""
        return self.canvas.render(result)

    def _enable_data_controls(self):
        """Disable the data controls the chosen data do not use (classes on the moons; noise,
        split, seed and regenerate on the four XOR corners) instead of letting them change
        nothing or restart the run."""
        used = applicable_data_keys(self.model.dataset)
        for key in ("classes", "noise", "train_fraction", "data_seed"):
            self.controls[key].disabled = key not in used
        self.controls["regenerate"].disabled = "data_seed" not in used

    def show(self):
        """Send the frame, the epoch, the status line and (not too often while playing) the
        weights to the browser."""
        m = self.model
        self.image.value = self.artists.encode("jpeg")
        self.epoch_label.value = f"&nbsp;epoch <b>{m.epoch}</b>"
        colour = "#b30000" if m.diverged else "#333333"
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
        self.refresh()

    def reset(self):
        self.controls["play"].playing = False
        self.note = ""
        self.model.reset()
        self._rebuild_sliders()
        self.refresh()

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
        self.refresh()

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
            self.refresh()

    # --- weight sliders ---------------------------------------------------------------------
    def _rebuild_sliders(self):
        for s in self.weight_sliders:
            s.close()
        self.weight_sliders, self._params = [], {}
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
            self._params[s.model_id] = (kind, l, i, j)
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
        kind, l, i, j = self._params[slider.model_id]
        value = at_resolution(slider, change["new"])
        if kind == "W":
            self.model.set_weight(l, i, j, value)
        else:
            self.model.set_bias(l, j, value)
        self.refresh()


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
        try:
            date = datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError:
            return None
    return date.timestamp() if hasattr(date, "timestamp") else None


def _with(stops, value):
    """The sorted stops of a selection slider, with ``value`` among them."""
    return sorted(set(stops) | {float(value)})
