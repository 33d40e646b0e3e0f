r"""A function and its derivative side by side, the plot the chapter on activations draws
more than once.

:func:`plot_function_and_derivative` draws such a pair (computed by
:func:`nnlib.experiments.curves.activation_curves`) and returns a :class:`CurveArtists` whose
:meth:`~CurveArtists.update` redraws it in place (for widgets).
"""

from __future__ import annotations

import dataclasses

import numpy as np

__all__ = ["CurveArtists", "plot_function_and_derivative"]

FUNCTION_COLOR = "#1f77b4"
"""Colour of the function's curve (matplotlib's C0)."""
DERIVATIVE_COLOR = "#e6550d"
"""Colour of the derivative's curve (orange)."""


@dataclasses.dataclass
class CurveArtists:
    """The two lines drawn by :func:`plot_function_and_derivative`."""

    f_line: object
    df_line: object

    def update(self, f_values, df_values):
        """Set new y-values (same grid); returns self."""
        n = len(self.f_line.get_xdata())
        for name, values in (("f_values", f_values), ("df_values", df_values)):
            if np.shape(values) != (n,):
                raise ValueError(f"{name} must have shape ({n},) like the grid; got {np.shape(values)}")
        self.f_line.set_ydata(f_values)
        self.df_line.set_ydata(df_values)
        return self


def plot_function_and_derivative(axes, z, f_values, df_values, name, f_ylim=None, df_ylim=None):
    r"""Draw :math:`\phi(z)` on ``axes[0]`` and :math:`\phi'(z)` on ``axes[1]``.

    Parameters
    ----------
    axes : sequence of two matplotlib Axes
    z, f_values, df_values : arrays, shape (m,)
    name : str
        Printed in the titles, e.g. ``r"\sigma"`` or ``"tanh"`` (mathtext allowed).
    f_ylim, df_ylim : tuple of float, optional
        Fixed y-ranges (a widget keeps them fixed so the curves can be compared).

    Returns
    -------
    CurveArtists
    """
    z = np.asarray(z, dtype=float)
    if len(axes) != 2:
        raise ValueError(f"expected two axes (function, derivative); got {len(axes)}")
    for label, values in (("f_values", f_values), ("df_values", df_values)):
        if np.shape(values) != z.shape:
            raise ValueError(f"{label} must have shape {z.shape} like z; got {np.shape(values)}")
    ax_f, ax_d = axes
    (f_line,) = ax_f.plot(z, f_values, color=FUNCTION_COLOR, lw=2)
    (df_line,) = ax_d.plot(z, df_values, color=DERIVATIVE_COLOR, lw=2)
    ax_f.set_title(f"{name}(z)")
    ax_d.set_title(f"{name}'(z)")
    for ax, ylim in ((ax_f, f_ylim), (ax_d, df_ylim)):
        ax.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax.axvline(0, color="0.8", lw=0.8, zorder=0)
        ax.set_xlabel("z")
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.spines[["top", "right"]].set_visible(False)
    return CurveArtists(f_line, df_line)
