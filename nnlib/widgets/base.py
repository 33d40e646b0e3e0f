r"""The one widget pattern of the book: validated arguments, controls, a pure computation, a
drawing updated in place.

Every widget of :mod:`nnlib.widgets` is a subclass of :class:`Widget` and is built in five parts:

1. **validated arguments**: the subclass's ``__init__`` checks its arguments with
   :mod:`nnlib.validate` *before* it calls ``Widget.__init__``, so bad input raises a clear error
   before any control exists;
2. **controls**: a dict name -> ipywidgets control, each with a visible label (its
   ``description``), passed to ``Widget.__init__`` and kept as :attr:`Widget.controls`;
3. **a pure computation**: :meth:`Widget.compute` receives the controls' values as keyword
   arguments and calls a function of :mod:`nnlib.experiments` or of the core; what it returns is
   kept as :attr:`Widget.result` (tests call the same function directly);
4. **a drawing updated in place**: :meth:`Widget.draw` draws ``result`` into the one persistent
   figure :attr:`Widget.fig` with :mod:`nnlib.plot` functions: on the first call
   (``self.artists is None``) it builds the artists, afterwards it only updates them, and it
   returns the artists (kept as :attr:`Widget.artists`);
5. **a container**: :attr:`Widget.widget` (from :meth:`Widget.arrange`) is what a notebook
   shows; the instance displays it (``_ipython_display_``), so a cell may end with the widget
   itself or with ``.widget``.

Each control change runs :meth:`Widget.refresh`: ``compute`` -> ``draw`` -> :meth:`Widget.show`.
A widget with more state than its controls (the playground trains) overrides :meth:`Widget.wire`
to route each control to its own handler, which changes the state and calls ``refresh``.
A module-level factory (``bias_widget(...)``) stays the chapters' entry point and returns the
instance.

Example (the pattern in full; :mod:`nnlib.widgets.bias` is this widget with more drawing)::

    import ipywidgets
    from nnlib import validate as v
    from nnlib.experiments.bias import bias_curve
    from nnlib.widgets.base import Widget

    class TanhWidget(Widget):
        def __init__(self, w=1.0):
            w = v.check_slider("w", w, -3.0, 3.0)                 # 1. checked first
            super().__init__({"w": ipywidgets.FloatSlider(          # 2. labelled controls
                value=w, min=-3.0, max=3.0, step=0.05, description="w")}, figsize=(6, 3))

        def compute(self, w):                                      # 3. pure
            return bias_curve(w, 0.0)

        def draw(self, result):                                    # 4. in place
            if self.artists is None:
                ax = self.fig.subplots()
                (line,) = ax.plot(result.x, result.y)
                ax.set_ylim(-1.1, 1.1)
                return line
            self.artists.set_ydata(result.y)
            return self.artists

    tanh = TanhWidget(w=0.5)   # in a notebook, `tanh` as a cell's last line shows it (5.)
    tanh.controls["w"].value = 2.0
    tanh.result.y              # tanh(2 x) on the curve's grid, as the figure shows it
"""

from __future__ import annotations

import ipywidgets
import matplotlib.pyplot as plt
from IPython.display import display

__all__ = ["Widget"]


class Widget:
    """Base class of the book's widgets (see the module docstring for the pattern).

    Parameters
    ----------
    controls : dict
        Name -> ipywidgets control (a ``ValueWidget``: slider, dropdown..., or a button), each
        with a non-empty ``description``; the names of the value controls are the keyword
        arguments of :meth:`compute`.
    figsize : (float, float), optional
        Size in inches of the persistent figure (:attr:`figsize` of the class by default).

    Attributes
    ----------
    controls : dict
        The controls, by name (tests set their ``.value``).
    result
        What :meth:`compute` returned for the current control values (what the figure shows).
    fig : matplotlib Figure
        The one figure, drawn in place at every change (closed in pyplot: it is shown only
        through :attr:`output`).
    artists
        What :meth:`draw` returned (the artists it updates).
    output : ipywidgets.Output
        Where :meth:`show` displays the figure.
    widget : ipywidgets.Box
        The container a notebook displays (from :meth:`arrange`).
    """

    figsize = (7.0, 3.5)

    def __init__(self, controls, figsize=None):
        for name, control in controls.items():
            if not isinstance(control, (ipywidgets.ValueWidget, ipywidgets.Button)):
                raise ValueError(f"control {name!r} must be an ipywidgets control with a value "
                                 f"(or a button); got {type(control).__name__}")
            if not getattr(control, "description", ""):
                raise ValueError(f"control {name!r} needs a visible label (its description)")
        self.controls = dict(controls)
        self.fig = self.make_figure(figsize or self.figsize)
        self.artists = None
        self.result = None
        self.output = ipywidgets.Output()
        self.refresh()
        self.wire()
        self.widget = self.arrange()

    # --- what a subclass writes -------------------------------------------------------------
    def compute(self, **values):
        """The pure computation for the controls' values (a call to nnlib.experiments)."""
        raise NotImplementedError

    def draw(self, result):
        """Draw ``result`` into :attr:`fig`: build the artists when :attr:`artists` is None,
        otherwise update them in place; return the artists."""
        raise NotImplementedError

    def arrange(self):
        """The container to display; by default the controls in a row above the figure."""
        return ipywidgets.VBox([ipywidgets.HBox(list(self.controls.values())), self.output])

    # --- the wiring (a subclass may override these too) ----------------------------------
    def make_figure(self, figsize):
        """The persistent figure, closed in pyplot (shown through :attr:`output` only)."""
        fig = plt.figure(figsize=figsize)
        plt.close(fig)
        return fig

    def wire(self):
        """Observe the controls: every value change runs :meth:`refresh`."""
        for control in self.controls.values():
            if isinstance(control, ipywidgets.ValueWidget):
                control.observe(self.refresh, names="value")

    def values(self):
        """The controls' current values, by name (buttons have none)."""
        return {name: control.value for name, control in self.controls.items()
                if isinstance(control, ipywidgets.ValueWidget)}

    def refresh(self, change=None):
        """Recompute, redraw in place and show (called at every control change)."""
        self.result = self.compute(**self.values())
        self.artists = self.draw(self.result)
        self.show()

    def show(self):
        """Display the figure in :attr:`output`, replacing what it showed."""
        with self.output:
            self.output.clear_output(wait=True)
            display(self.fig)

    def _ipython_display_(self):
        display(self.widget)
