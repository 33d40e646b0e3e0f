"""The live widget of the chapter "XOR": the book's playground with only the controls the chapter
needs, on the chapter's network (:func:`nnlib.experiments.xor.xor_model`)."""

from __future__ import annotations

from ..experiments.xor import xor_model
from .playground import Playground

__all__ = ["xor_widget"]


def xor_widget(hidden=4, lr=2.0, epochs_per_frame=50):
    """The XOR network (2-``hidden``-1, sigmoid + binary cross-entropy) on the four corners as a
    :class:`~nnlib.widgets.playground.Playground` with the network and training controls."""
    return Playground(xor_model(hidden, lr, epochs_per_frame), controls=("network", "training"))
