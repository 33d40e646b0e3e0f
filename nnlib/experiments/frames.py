"""A training run recorded frame by frame, for animations that replay it without a kernel
(:func:`nnlib.plot.animation.animate_frames`)."""

from __future__ import annotations

from .. import validate as v

__all__ = ["train_frames"]


def train_frames(model, frames, epochs_per_frame=None):
    """Step a :class:`~nnlib.experiments.playground.PlaygroundModel` and record each frame.

    Parameters
    ----------
    model : a model with ``snapshot()``, ``step(epochs)`` and ``diverged`` (the playground's)
    frames : int >= 0, frames after the starting state
    epochs_per_frame : int or None (the model's own)

    Returns
    -------
    list of dicts with the epoch, the losses and a copy of every parameter, one per frame,
    the starting state first (``frames + 1`` entries).  Stops early if the run diverges.
    """
    frames = v.check_count("frames", frames)
    record = [model.snapshot()]
    for _ in range(frames):
        model.step(epochs_per_frame)
        record.append(model.snapshot())
        if model.diverged:
            break
    return record
