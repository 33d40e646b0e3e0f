r"""The three backward-pass widgets, wired in the one widget pattern (:mod:`nnlib.widgets.base`).

* :class:`NudgeWidget` (chapter "Backprop in matrix form"): a menu of the 2-3-2 network's 17
  weights and biases and a slider for the nudge :math:`\Delta w`; shows :math:`\Delta J`
  recomputed against backprop's :math:`\frac{\partial J}{\partial w}\Delta w`
  (:func:`nnlib.experiments.backward.nudge`, drawn by :func:`nnlib.plot.backward.draw_nudge`);
* :class:`LogitGradientWidget` (chapter "Loss functions"): a slider for the true class's logit
  and a menu for the number of classes; cross-entropy and MSE and their slopes with respect to
  the logit (:func:`~nnlib.experiments.backward.logit_gradients`);
* :class:`DerivativesWidget` (chapter "Nonlinearity and activation functions"): sliders for z
  and leaky ReLU's slope; the four derivatives on one axis
  (:func:`~nnlib.experiments.backward.activation_derivatives`).

The factories :func:`nudge_widget`, :func:`logit_gradient_widget` and
:func:`derivatives_widget` are the chapters' entry points.
"""

from __future__ import annotations

import ipywidgets

from .. import validate as v
from ..experiments import backward as exp
from ..plot import backward as draw
from .base import Widget

__all__ = ["NudgeWidget", "LogitGradientWidget", "DerivativesWidget", "nudge_widget",
           "logit_gradient_widget", "derivatives_widget"]

_WIDE = {"description_width": "initial"}


def _layout():
    return ipywidgets.Layout(width="100%", max_width="420px")


def _slider(value, bounds, step, description, fmt):
    return ipywidgets.FloatSlider(value=value, min=bounds[0], max=bounds[1], step=step,
                                  description=description, readout_format=fmt,
                                  continuous_update=False, style=_WIDE, layout=_layout())


class NudgeWidget(Widget):
    r"""Nudge one weight of the chapter's 2-3-2 network: :math:`\Delta J` against
    :math:`\frac{\partial J}{\partial w}\Delta w`.

    Parameters
    ----------
    name : str
        The parameter to start with (:data:`nnlib.experiments.backward.PARAMETER_NAMES`).
    dw : float
        The starting nudge, in :data:`~nnlib.experiments.backward.DW_RANGE`.

    ``result`` is a :class:`nnlib.experiments.backward.Nudge`.
    """

    figsize = (6.4, 4.0)

    def __init__(self, name="W2_11", dw=0.5):
        v.check_choice("parameter", name, exp.PARAMETER_NAMES)
        dw = v.check_slider("dw", dw, *exp.DW_RANGE)
        options = list(zip(exp.PARAMETER_LABELS, exp.PARAMETER_NAMES))
        super().__init__({
            "name": ipywidgets.Dropdown(options=options, value=name, description="parameter",
                                        style=_WIDE, layout=_layout()),
            "dw": _slider(dw, exp.DW_RANGE, exp.DW_STEP, "nudge Δw", ".2f"),
        })

    def compute(self, name, dw):
        return exp.nudge(name, dw)

    def draw(self, result):
        if self.artists is None:
            artists = draw.draw_nudge(self.fig.subplots(), result)
            self.fig.tight_layout()
            return artists
        return self.artists.update(result)

    def arrange(self):
        return ipywidgets.VBox([*self.controls.values(), self.output])


class LogitGradientWidget(Widget):
    r"""Cross-entropy against MSE for a softmax output: the losses and their slopes
    :math:`\partial J/\partial z` with respect to the true class's logit.

    Parameters
    ----------
    z : float
        The true class's logit to start with, in :data:`~nnlib.experiments.backward.LOGIT_RANGE`.
    n_classes : int
        One of :data:`~nnlib.experiments.backward.CLASS_COUNTS`.

    ``result`` is ``(curves, point)``: a :class:`~nnlib.experiments.backward.LogitCurves` and
    the :class:`~nnlib.experiments.backward.LogitGradients` at ``z``.
    """

    figsize = (7.0, 3.4)

    def __init__(self, z=-3.0, n_classes=2):
        z = v.check_slider("z", z, *exp.LOGIT_RANGE)
        v.check_choice("n_classes", n_classes, exp.CLASS_COUNTS)
        super().__init__({
            "z": _slider(z, exp.LOGIT_RANGE, exp.LOGIT_STEP, "logit z of the true class", ".1f"),
            "n_classes": ipywidgets.Dropdown(options=list(exp.CLASS_COUNTS), value=n_classes,
                                             description="classes K", style=_WIDE),
        })

    def compute(self, z, n_classes):
        return exp.logit_gradient_curves(n_classes), exp.logit_gradients(z, n_classes)

    def draw(self, result):
        if self.artists is None:
            artists = draw.draw_logit_gradients(self.fig.subplots(1, 2), *result)
            self.fig.tight_layout()
            return artists
        return self.artists.update(*result)

    def arrange(self):
        return ipywidgets.VBox([*self.controls.values(), self.output])


class DerivativesWidget(Widget):
    r"""The derivatives of sigmoid, tanh, ReLU and leaky ReLU on one axis, read at one z.

    Parameters
    ----------
    z : float
        In :data:`~nnlib.experiments.backward.Z_RANGE`.
    slope : float
        Leaky ReLU's slope :math:`\alpha`, in :data:`~nnlib.experiments.backward.SLOPE_RANGE`.

    ``result`` is a :class:`nnlib.experiments.backward.Derivatives`.
    """

    figsize = (7.0, 3.4)

    def __init__(self, z=0.0, slope=0.1):
        z = v.check_slider("z", z, *exp.Z_RANGE)
        slope = v.check_slider("slope", slope, *exp.SLOPE_RANGE)
        super().__init__({
            "z": _slider(z, exp.Z_RANGE, exp.Z_STEP, "z", ".2f"),
            "slope": _slider(slope, exp.SLOPE_RANGE, exp.SLOPE_STEP, "leaky slope α", ".2f"),
        })

    def compute(self, z, slope):
        return exp.activation_derivatives(z, slope)

    def draw(self, result):
        if self.artists is None:
            artists = draw.draw_derivatives(self.fig.subplots(), result)
            self.fig.tight_layout()
            return artists
        return self.artists.update(result)

    def arrange(self):
        return ipywidgets.VBox([*self.controls.values(), self.output])


def nudge_widget(name="W2_11", dw=0.5):
    """The chapters' entry point: a :class:`NudgeWidget`."""
    return NudgeWidget(name, dw)


def logit_gradient_widget(z=-3.0, n_classes=2):
    """The chapters' entry point: a :class:`LogitGradientWidget`."""
    return LogitGradientWidget(z, n_classes)


def derivatives_widget(z=0.0, slope=0.1):
    """The chapters' entry point: a :class:`DerivativesWidget`."""
    return DerivativesWidget(z, slope)
