"""The book's colours, in one place: one colour per class, and one diverging map.

Every figure that colours classes (decision regions, data points, the playground in a notebook
and on the website) takes :data:`CLASS_COLORS`; every figure that colours a signed quantity
(weights by sign, hidden-unit maps, node values) takes :data:`NEGATIVE_COLOR`,
:data:`MIDDLE_COLOR`, :data:`POSITIVE_COLOR`, the ends and middle of :func:`diverging_cmap`.

The class colours are four of Okabe and Ito's eight colours for colour-vision deficiencies
(orange, blue, bluish green, vermillion); the diverging map runs from magenta through near white
to dark grey, hues no class colour has, so a unit map or a weight never looks like a class.
``book_assets/twin/playground.js`` repeats both tables for the page playground
(tests/widgets/test_widgets_playground.py holds the copies equal).
"""

from __future__ import annotations

__all__ = ["CLASS_COLORS", "NEGATIVE_COLOR", "MIDDLE_COLOR", "POSITIVE_COLOR", "ZERO_COLOR",
           "FAIL_COLOR", "PASS_COLOR", "diverging_cmap"]

CLASS_COLORS = ("#e69f00", "#0072b2", "#009e73", "#d55e00")
"""Colours of classes 0..3: Okabe-Ito orange, blue, bluish green and vermillion."""

NEGATIVE_COLOR = "#c51b7d"
"""Negative end of the diverging map (magenta): negative weights and values."""
MIDDLE_COLOR = "#f7f7f7"
"""Middle of the diverging map (zero)."""
POSITIVE_COLOR = "#404040"
"""Positive end of the diverging map (dark grey): positive weights and values."""
ZERO_COLOR = "#c8c8c8"
"""Edge colour of a weight that is exactly zero."""

FAIL_COLOR = "#d55e00"
"""A check that fails (a gradient beyond tolerance): Okabe-Ito vermillion, as on the page."""
PASS_COLOR = "#009e73"
"""A check that passes: Okabe-Ito bluish green, told apart from vermillion by readers with a
red-green colour-vision deficiency (where matplotlib's red and green look alike)."""


def diverging_cmap():
    """The book's diverging colour map, :data:`NEGATIVE_COLOR` -> :data:`MIDDLE_COLOR` ->
    :data:`POSITIVE_COLOR` (a matplotlib ``LinearSegmentedColormap`` named "nnlib_diverging")."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(
        "nnlib_diverging", [NEGATIVE_COLOR, MIDDLE_COLOR, POSITIVE_COLOR])
