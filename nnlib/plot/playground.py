"""The playground's figure: decision regions, hidden-unit maps, the network diagram and the loss
curves of a :class:`~nnlib.experiments.playground.PlaygroundModel`, built once and afterwards
only updated (``set_data`` / ``set_array``), rendered by Agg with blitting.

* :class:`PlaygroundFigure` -- one Agg figure of the playground's size; its
  :meth:`~PlaygroundFigure.render` builds a :class:`PlaygroundView` the first time (and when the
  network's shape, the number of classes or the presence of a test set changed) and updates it
  in place otherwise; :meth:`~PlaygroundFigure.frame` returns the image bytes a widget shows;
* :class:`PlaygroundView` -- the artists of one figure.
"""

from __future__ import annotations

import io
import math
import textwrap

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from PIL import Image

from ..experiments.playground import MAX_UNITS, OUTPUTS
from ..experiments.regions import scores
from .colors import diverging_cmap
from .network import draw_network
from .regions import draw_decision_regions, region_colors

__all__ = ["UNIT_SCALE", "PlaygroundFigure", "PlaygroundView", "nice_ceiling"]

UNIT_SCALE = 1.0
"""Every hidden unit's map is drawn on the fixed scale -UNIT_SCALE..UNIT_SCALE of the book's
diverging map (values beyond it saturate), as in the page playground: the maps of two units,
or of one unit at two epochs, compare by colour."""


class PlaygroundFigure:
    """The playground drawn into one Agg figure (not attached to pyplot).

    Parameters
    ----------
    width, height : float, inches
    dpi : float
    fig : matplotlib Figure, optional
        Draw into this figure instead of a new one (an animation's).

    Attributes
    ----------
    fig : the matplotlib Figure
    view : PlaygroundView or None (before the first :meth:`render`)
    """

    def __init__(self, width=9.0, height=4.6, dpi=72, fig=None):
        if fig is None:
            fig = Figure(figsize=(width, height), dpi=dpi)
            FigureCanvasAgg(fig)
        self.fig = fig
        self.view = None

    def render(self, model):
        """Draw ``model`` and return its :class:`PlaygroundView`.

        The first call builds the artists; later calls update them in place (new data too: the
        points move, the static background stays), unless the network's shape, the number of
        classes or whether there is a test set changed, which rebuilds the figure's contents.
        """
        key = (tuple(model.sizes), model.n_classes, len(model.y_test) > 0,
               len(model.y_train) > 10)
        view = self.view
        if view is None or view.model is not model or view.key != key:
            self.fig.clear()
            view = self.view = PlaygroundView(model, self.fig, key)
        elif view.data is not model.X_train:
            view.set_data()
        view.update()
        return view

    def frame(self, model, fmt="jpeg"):
        """Render ``model`` and return the image bytes a widget shows (one animation frame's
        drawing; see :meth:`PlaygroundView.encode`)."""
        return self.render(model).encode(fmt)


class PlaygroundView:
    """The artists of one playground figure: decision regions, loss curves, hidden-unit maps and
    the network diagram.  :meth:`update` only changes data of existing artists."""

    def __init__(self, model, fig, key):
        self.model, self.fig, self.key = model, fig, key
        m = model
        self.data = m.X_train
        n_hidden = len(m.hidden)
        gs = fig.add_gridspec(2, 3, width_ratios=[1.25, max(0.35 * n_hidden, 0.5), 1.1],
                              height_ratios=[1.2, 1], left=0.02, right=0.97, top=0.86,
                              bottom=0.11, wspace=0.24, hspace=0.5)
        # decision regions
        ax = fig.add_subplot(gs[:, 0])
        self.regions = draw_decision_regions(
            ax, m.net, m.X_train, m.y_train, m.X_test if len(m.y_test) else None,
            m.y_test if len(m.y_test) else None, n_classes=m.n_classes,
            resolution=m.resolution, point_size=16 if len(m.y_train) > 10 else 120)
        ax.set_title("decision regions (● train, ○ test)" if len(m.y_test)
                     else "decision regions (● train)", fontsize=11)
        self.alarm = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                             fontsize=11, color="#b30000", wrap=False, zorder=5,
                             bbox=dict(boxstyle="round", fc="white", ec="#b30000", alpha=0.9))
        self.alarm.set_visible(False)
        # hidden-unit maps: one column per hidden layer, units stacked, all in one image on
        # one axes (an axes per unit made a network change cost 10-20 ms per unit to rebuild)
        self.unit_image = None
        uax = fig.add_subplot(gs[:, 1])
        uax.axis("off")
        if n_hidden:
            res = m.resolution
            self._gap = max(1, res // 10)
            step = res + self._gap
            self._mosaic = np.full((MAX_UNITS * step - self._gap, n_hidden * step - self._gap),
                                   np.nan)
            cmap = diverging_cmap().with_extremes(bad="white")
            self.unit_image = uax.imshow(self._mosaic, origin="upper", cmap=cmap,
                                         vmin=-UNIT_SCALE, vmax=UNIT_SCALE, aspect="auto",
                                         interpolation="nearest")
            uax.set_xlim(-0.5, self._mosaic.shape[1] - 0.5)
            uax.set_ylim(self._mosaic.shape[0] - 0.5, -0.5)
            for l in range(n_hidden):
                uax.text(l * step + res / 2, -1, f"layer {l + 1}", ha="center", va="bottom",
                         fontsize=10)
        else:
            uax.text(0.5, 0.5, "no hidden\nlayer", ha="center", va="center", fontsize=10,
                     transform=uax.transAxes)
        # network diagram
        dax = fig.add_subplot(gs[0, 2])
        self.diagram = draw_network(dax, m.net, biases=False, layer_labels=False,
                                    weight_scale=2.0, max_width=4.0, fontsize=6)
        dax.set_title(" - ".join(str(s) for s in m.sizes) + f"\n{m.activation} → "
                      f"{OUTPUTS[m.output][2]}", fontsize=10)
        # loss curves
        lax = fig.add_subplot(gs[1, 2])
        # loss curves in black and grey (no class colour): train solid, test dashed
        (self.train_line,) = lax.plot([], [], color="#222222", lw=1.5, label="train")
        # the test curve is named only when there is a test set (XOR has none)
        (self.test_line,) = lax.plot([], [], color="#8a8a8a", lw=1.5, ls="--",
                                     label="test" if len(m.y_test) else None)
        lax.set_xlabel("epoch", fontsize=11, labelpad=1)
        lax.set_ylabel("loss", fontsize=11, labelpad=1)
        lax.tick_params(labelsize=10, pad=1)
        # the legend above the plot area, never over the curves
        lax.legend(fontsize=10, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2,
                   frameon=False, borderaxespad=0.1, handlelength=1.8, columnspacing=1.0)
        lax.spines[["top", "right"]].set_visible(False)
        self.loss_ax = lax
        self.title = fig.suptitle("", fontsize=12, x=0.02, ha="left")
        edges = [line for layer in self.diagram.edges for row in layer for line in row]
        points = [p for p in (self.regions.train_points, self.regions.test_points) if p is not None]
        units = [self.unit_image] if self.unit_image is not None else []
        self.dynamic = ([self.regions.image] + points + units
                        + edges + [self.train_line, self.test_line, self.title, self.alarm])
        self._background = None
        self._layout = None

    def update(self):
        """Redraw everything from the model's current parameters and history."""
        m = self.model
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            _, As = m.net.forward_cache(m.grid)
            A_out = As[-1]
        rgb = region_colors(scores(A_out, m.n_classes), self.regions.colors)
        self.regions.image.set_data(rgb.reshape(m.resolution, m.resolution, 3))
        if self.unit_image is not None:
            res, step = m.resolution, m.resolution + self._gap
            for l, units in enumerate(m.hidden):
                H = np.nan_to_num(As[l + 1])
                for j in range(units):
                    # grid rows run from the bottom up; the mosaic's from the top down
                    self._mosaic[j * step:j * step + res, l * step:l * step + res] = \
                        H[:, j].reshape(res, res)[::-1]
            self.unit_image.set_data(self._mosaic)
        self.diagram.update(weights=m.net.weights)
        n = m.shown
        ep = np.asarray(m.epochs[:n], dtype=float)
        tr = np.asarray(m.train_losses[:n], dtype=float)
        te = np.asarray(m.test_losses[:n], dtype=float)
        self.train_line.set_data(ep, tr)
        self.test_line.set_data(ep, te)
        finite = np.concatenate([tr[np.isfinite(tr)], te[np.isfinite(te)]])
        top = float(finite.max()) if finite.size else 1.0
        # the loss axes change limits only in coarse steps, so the static background (ticks,
        # labels) is re-rendered rarely: y up to the next "nice" value, x doubling
        ymax = nice_ceiling(max(top * 1.05, 1e-3))
        current = self.loss_ax.get_ylim()[1]
        if current / 4 < ymax <= current:  # hysteresis: a weight slider moving the only loss
            ymax = current  # up and down does not re-render the background at every step
        right = max(ep[-1] if ep.size else 0, 10)
        xmax = 10 * 2 ** math.ceil(math.log2(right / 10)) if right > 10 else 10
        if self.loss_ax.get_ylim() != (0, ymax):
            self.loss_ax.set_ylim(0, ymax)
        if self.loss_ax.get_xlim() != (0, xmax):
            self.loss_ax.set_xlim(0, xmax)
        self._layout_now = (ymax, xmax)
        self.title.set_text(self._title())
        if m.diverged:
            self.alarm.set_text("diverged\n" + textwrap.fill(m.message, 42))
        self.alarm.set_visible(bool(m.diverged))
        return self

    def set_data(self):
        """Show the model's new data set (same classes, same test-set presence): the points,
        the regions' extent and the axes limits change in place."""
        m, r = self.model, self.regions
        self.data = m.X_train
        r.grid = m.grid
        r.image.set_extent(m.extent)
        r.ax.set_xlim(m.extent[0], m.extent[1])
        r.ax.set_ylim(m.extent[2], m.extent[3])
        r.train_points.set_offsets(m.X_train)
        r.train_points.set_facecolor(r.colors[m.y_train.astype(int)])
        if r.test_points is not None:
            r.test_points.set_offsets(m.X_test)
            r.test_points.set_edgecolor(r.colors[m.y_test.astype(int)])

    def unit_maps(self):
        """The drawn value of every hidden unit over the grid: one list per hidden layer of
        (resolution, resolution) arrays, rows from the bottom up (as the model's ``grid``),
        cut from the one image that shows them all on the scale ``-UNIT_SCALE..UNIT_SCALE``."""
        m = self.model
        res, step = m.resolution, m.resolution + getattr(self, "_gap", 0)
        return [[np.asarray(self.unit_image.get_array())[j * step:j * step + res,
                                                         l * step:l * step + res][::-1]
                 for j in range(units)] for l, units in enumerate(m.hidden)]

    def _title(self):
        """The figure's one-line status, shorter than :meth:`PlaygroundModel.status` (Agg
        renders text glyph by glyph, about 0.13 ms each here, and the title is redrawn every
        frame; the widget shows the full status as HTML next to the figure)."""
        m = self.model
        if m.diverged:
            return f"epoch {m.epoch}   diverged"
        i = m.shown - 1
        text = f"epoch {m.epoch}   loss {m.train_losses[i]:.3f} ({m.accuracy('train'):.0%})"
        if len(m.y_test):
            text += f"   test {m.test_losses[i]:.3f} ({m.accuracy('test'):.0%})"
        return text

    def draw(self):
        """Render the figure into its Agg canvas, blitting.

        The static parts (axes, ticks, labels, node circles) are rendered once into a
        background; each call restores that background and draws only the artists
        :meth:`update` changed.  When the loss axes' limits step, only the loss axes are
        re-rendered into the background.
        """
        canvas = self.fig.canvas
        if self._background is None:
            self._render_background(None)
        elif self._layout != self._layout_now:
            self._render_background(self.loss_ax)
        canvas.restore_region(self._background)
        for a in self.dynamic:
            if a.get_visible():
                self.fig.draw_artist(a)
        return canvas

    def _loss_box(self):
        """The figure region that belongs to the loss axes (tick labels included): right of
        the next axes to its left, below the middle of the gap to the diagram."""
        box = self.loss_ax.get_window_extent()
        left = max((ax.get_window_extent().x1 for ax in self.fig.axes
                    if ax is not self.loss_ax and ax.get_window_extent().x1 <= box.x0),
                   default=0.0) + 1
        above = [ax.get_window_extent().y0 for ax in self.fig.axes
                 if ax is not self.loss_ax and ax.get_window_extent().y0 >= box.y1]
        top = (box.y1 + min(above)) / 2 if above else self.fig.bbox.y1
        return Bbox([[left, 0], [self.fig.bbox.x1, top]])

    def _render_background(self, only):
        """Render the figure without its changing artists (``only``: just that axes, pasted
        into the existing background) and keep it as the background."""
        canvas = self.fig.canvas
        shown = [a.get_visible() for a in self.dynamic]
        for a in self.dynamic:
            a.set_visible(False)
        hidden = []
        if only is not None:
            hidden = [ax for ax in self.fig.axes if ax is not only and ax.get_visible()]
            for ax in hidden:
                ax.set_visible(False)
        canvas.draw()
        if only is None:
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            region = canvas.copy_from_bbox(self._loss_box())
            canvas.restore_region(self._background)
            canvas.restore_region(region)
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        for ax in hidden:
            ax.set_visible(True)
        for a, v in zip(self.dynamic, shown):
            a.set_visible(v)
        self._layout = self._layout_now

    def encode(self, fmt="jpeg", quality=90):
        """:meth:`draw`, then the canvas as image bytes.

        The live widget uses JPEG (about 1 ms to encode here, against about 10 ms for PNG,
        and a third of the bytes to send); ``fmt="png"`` gives a lossless frame.
        """
        if fmt not in ("jpeg", "png"):
            raise ValueError(f"fmt must be 'jpeg' or 'png'; got {fmt!r}")
        canvas = self.draw()
        w, h = canvas.get_width_height(physical=True)
        img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        if fmt == "jpeg":
            img.convert("RGB").save(buf, format="jpeg", quality=quality)
        else:
            img.save(buf, format="png", compress_level=1)
        return buf.getvalue()


def nice_ceiling(x):
    """The smallest of 1, 1.5, 2, 3, 5, 7 times a power of ten that is >= x (x > 0)."""
    power = 10.0 ** math.floor(math.log10(x))
    for k in (1, 1.5, 2, 3, 5, 7, 10):
        if k * power >= x:
            return k * power
    return 10 * power
