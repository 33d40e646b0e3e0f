"""Figures as PNG bytes and animations that play in a browser without a kernel.

* :func:`figure_png` -- a figure rendered by Agg as PNG bytes (what a live widget shows);
* :func:`animate_frames` -- a recorded training run
  (:func:`nnlib.experiments.frames.train_frames`) replayed in the playground's figure;
* :func:`animation_html` -- any matplotlib animation as reproducible HTML that loads nothing from
  another host (:data:`ANIMATION_ICONS`).
"""

from __future__ import annotations

import hashlib
import io
import re

__all__ = ["figure_png", "animate_frames", "ANIMATION_ICONS", "animation_html"]


def figure_png(fig, compress_level=1):
    """The figure rendered by Agg as PNG bytes (low compression: fast, for live widgets)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, pil_kwargs={"compress_level": compress_level})
    return buf.getvalue()


def animate_frames(model, record, fig=None, interval=150):
    """A matplotlib ``FuncAnimation`` replaying a :func:`~nnlib.experiments.frames.train_frames`
    record of a :class:`~nnlib.experiments.playground.PlaygroundModel` in the playground's figure
    (:class:`~nnlib.plot.playground.PlaygroundFigure`, into ``fig`` when given).

    Each animation frame restores that frame's parameters and losses into the model and redraws
    the existing artists (no figure is rebuilt).  Embed it in a notebook with
    ``HTML(animation_html(anim))``: it then plays in a browser without a kernel.
    """
    from matplotlib.animation import FuncAnimation

    from .playground import PlaygroundFigure

    if not record:
        raise ValueError("record is empty: train_frames returns at least the starting state")
    drawing = PlaygroundFigure(fig=fig)
    view = drawing.render(model)

    def frame(i):
        model.restore(record[i])
        view.update()
        return []

    anim = FuncAnimation(drawing.fig, frame, frames=len(record), interval=interval, blit=False,
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
