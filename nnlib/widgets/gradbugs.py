"""The planted-bug widget of the chapter "Checking gradients": a dropdown over the bugs a network
can host, wired (:class:`~nnlib.widgets.base.Widget`) to
:func:`nnlib.experiments.gradbugs.check_bug` and drawn by :mod:`nnlib.plot.gradbugs`, with the
bug's one-line description under the figure."""

from __future__ import annotations

import ipywidgets
from IPython.display import display

from .. import validate as v
from ..experiments.gradbugs import BUGS, available_bugs, check_bug
from ..gradcheck import RTOL
from ..plot.gradbugs import draw_bug_errors
from .base import Widget

__all__ = ["BugExplorer", "bug_widget"]


def _title(bug, error):
    verdict = "caught" if error > RTOL else "passes"
    return f"{bug}: relative error {error:.1e} ({verdict})"


class BugExplorer(Widget):
    """A ``"bug"`` dropdown over :func:`~nnlib.experiments.gradbugs.available_bugs` of ``net``;
    ``result`` is ``(error, shares)`` of the current choice (:func:`check_bug`)."""

    figsize = (7, 3)

    def __init__(self, net, X, Y, l2=0.0):
        # checked up front: no choice can fail on the data later
        self.X, self.Y = net.check_data(X, Y)
        self.l2 = v.check_nonnegative("l2", l2)
        self.net = net
        # only the bugs this network has the layers for (the others would raise)
        super().__init__({"bug": ipywidgets.Dropdown(options=available_bugs(net), value="none",
                                                     description="bug")})

    def compute(self, bug):
        return check_bug(self.net, self.X, self.Y, bug, l2=self.l2)

    def draw(self, result):
        error, shares = result
        title = _title(self.controls["bug"].value, error)
        if self.artists is None:
            return draw_bug_errors(shares, self.fig.subplots(), title=title)
        return self.artists.update(shares, title)

    def show(self):
        """The figure, then the chosen bug's description."""
        with self.output:
            self.output.clear_output(wait=True)
            display(self.fig)
            print(BUGS[self.controls["bug"].value])

    def arrange(self):
        return ipywidgets.VBox([*self.controls.values(), self.output])


def bug_widget(net, X, Y, l2=0.0):
    """Build a :class:`BugExplorer` for ``net`` on the data ``X``, ``Y``."""
    return BugExplorer(net, X, Y, l2=l2)
