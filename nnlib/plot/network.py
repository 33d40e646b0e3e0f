r"""The network diagram shared by the chapters and the widgets.

The main function is :func:`draw_network`: a layered diagram of a fully connected network whose
edges are coloured by the sign of their weight and drawn as wide as its size, with optional
node values (activations), biases and deltas printed on the nodes.  It returns a
:class:`NetworkArtists` whose :meth:`~NetworkArtists.update` changes those colours, widths
and numbers in place, so a widget can redraw the diagram without rebuilding it.

Indexing follows nnlib (rows are samples, :math:`Z^{(l)} = A^{(l-1)} W^{(l)} + b^{(l)}`):

* ``sizes[0]`` is the input layer; layers ``1..L`` have weights and biases.
* ``weights[l]`` has shape ``(sizes[l], sizes[l + 1])``: entry ``[i, j]`` is the edge from
  node ``i`` of layer ``l`` to node ``j`` of layer ``l + 1``.
* ``values`` lists one 1-D array per layer, input included (``len(sizes)`` entries), e.g.
  ``[A[0] for A in net.forward_cache(X)[1]]`` for the first sample.
* ``biases`` and ``deltas`` list one 1-D array per layer after the input (``len(sizes) - 1``).

Colours: the ends of the book's diverging map (:mod:`nnlib.plot.colors`), positive weights
dark grey, negative weights magenta (hues no class colour has), a zero weight light grey.
"""

from __future__ import annotations

import dataclasses

import matplotlib.patches as mpatches
import matplotlib.text as mtext
import numpy as np

from .colors import NEGATIVE_COLOR, POSITIVE_COLOR, ZERO_COLOR

__all__ = ["NODE_RADIUS", "network_layout", "edge_style", "draw_network", "NetworkArtists"]

NODE_RADIUS = 0.28
"""Radius of a node circle, in the diagram's data units (layers are 1.6 apart)."""
_MIN_WIDTH = 0.4


# --- pure helpers (no drawing) ---------------------------------------------------------------
def _sizes_of(net_or_sizes):
    """``sizes`` from an :class:`~nnlib.MLP` or a list of ints, checked."""
    sizes = getattr(net_or_sizes, "sizes", net_or_sizes)
    try:
        sizes = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise ValueError(
            f"expected an MLP or a list of layer sizes such as [2, 3, 2]; got {net_or_sizes!r}"
        ) from None
    if len(sizes) < 2 or any(s < 1 for s in sizes):
        raise ValueError(
            f"sizes must list at least 2 layers of at least 1 unit each, e.g. [2, 3, 2]; got {sizes}"
        )
    return sizes


def network_layout(sizes, layer_gap=1.6, node_gap=1.0):
    """Centre coordinates of every node.

    Parameters
    ----------
    sizes : list of int
        Units per layer, input first.
    layer_gap, node_gap : float
        Horizontal distance between layers and vertical distance between nodes of a layer.

    Returns
    -------
    positions : list of arrays
        ``positions[l]`` has shape ``(sizes[l], 2)``: the ``(x, y)`` of each node of layer
        ``l``, first node on top; every layer is centred on ``y = 0``.
    """
    sizes = _sizes_of(sizes)
    positions = []
    for l, n in enumerate(sizes):
        y = node_gap * ((n - 1) / 2.0 - np.arange(n))
        positions.append(np.column_stack([np.full(n, l * layer_gap), y]))
    return positions


def edge_style(w, weight_scale, max_width=6.0, min_width=_MIN_WIDTH):
    """Colour and line width that :func:`draw_network` gives an edge of weight ``w``.

    Parameters
    ----------
    w : float
        The weight.
    weight_scale : float > 0
        The weight magnitude drawn at ``max_width``; larger magnitudes are clipped to it.
    max_width, min_width : float
        Line widths (points) of ``|w| >= weight_scale`` and of ``w = 0``.

    Returns
    -------
    color : str
        :data:`POSITIVE_COLOR`, :data:`NEGATIVE_COLOR` or :data:`ZERO_COLOR`.
    width : float
        ``min_width + (max_width - min_width) * min(|w| / weight_scale, 1)``.
    """
    if not weight_scale > 0:
        raise ValueError(f"weight_scale must be positive; got {weight_scale!r}")
    w = float(w)
    if not np.isfinite(w):
        raise ValueError(f"weights must be finite to be drawn; got {w}")
    color = POSITIVE_COLOR if w > 0 else NEGATIVE_COLOR if w < 0 else ZERO_COLOR
    width = min_width + (max_width - min_width) * min(abs(w) / weight_scale, 1.0)
    return color, width


def _check_list(name, arrays, expected_shapes):
    """Each entry of ``arrays`` as a float array of the expected shape, or a ValueError."""
    if arrays is None:
        return None
    arrays = list(arrays)
    if len(arrays) != len(expected_shapes):
        raise ValueError(
            f"{name} must have {len(expected_shapes)} entries (shapes {expected_shapes}); "
            f"got {len(arrays)}"
        )
    out = []
    for l, (arr, shape) in enumerate(zip(arrays, expected_shapes)):
        arr = np.asarray(arr, dtype=float)
        if arr.shape != shape:
            raise ValueError(f"{name}[{l}] must have shape {shape}; got {arr.shape}")
        out.append(arr)
    return out


def _default_layer_labels(sizes):
    L = len(sizes) - 1
    labels = ["input"]
    labels += ["hidden" if L == 2 else f"hidden {l}" for l in range(1, L)]
    labels.append("output")
    return [f"{name}\n({n})" for name, n in zip(labels, sizes)]


def _value_color(value, value_scale):
    """Light fill for a node: white at 0, pale grey for positive, pale magenta for negative."""
    if value is None or not np.isfinite(value):
        return "white"
    t = min(abs(value) / value_scale, 1.0) * 0.45
    base = np.array(mpatches.Patch(color=POSITIVE_COLOR if value >= 0 else NEGATIVE_COLOR)
                    .get_facecolor()[:3])
    return tuple((1 - t) * np.ones(3) + t * base)


# --- the network diagram ------------------------------------------------------------------
@dataclasses.dataclass
class NetworkArtists:
    """What :func:`draw_network` drew, so that it can be updated in place.

    Attributes
    ----------
    ax : matplotlib Axes
    sizes : list of int
    positions : list of arrays
        As returned by :func:`network_layout`.
    nodes : list of lists of matplotlib.patches.Circle
        ``nodes[l][i]`` is node ``i`` of layer ``l``.
    node_texts : list of lists of matplotlib.text.Text
        The label/value printed inside each node.
    edges : list of lists of lists of matplotlib.lines.Line2D
        ``edges[l][i][j]`` joins node ``i`` of layer ``l`` to node ``j`` of layer ``l + 1``
        (the weight ``weights[l][i, j]``).
    edge_texts : list or None
        Same nesting as ``edges``: the printed weights when ``edge_labels=True``.
    bias_texts : list of lists of Text or None
        ``bias_texts[l][j]``: the bias of node ``j`` of layer ``l + 1``, under the node.
    delta_texts : list of lists of Text or None
        ``delta_texts[l][j]``: the delta of node ``j`` of layer ``l + 1``, above the node.
    weight_scale : float
        The weight magnitude drawn at full width (kept fixed by :meth:`update`).
    """

    ax: object
    sizes: list
    positions: list
    nodes: list
    node_texts: list
    edges: list
    edge_texts: object
    bias_texts: object
    delta_texts: object
    weight_scale: float
    max_width: float
    value_scale: float
    node_labels: object
    fmt: str

    def update(self, weights=None, biases=None, values=None, deltas=None):
        """Restyle the drawn diagram in place; an argument left as ``None`` is not changed.

        Parameters
        ----------
        weights : list of arrays, ``weights[l]`` of shape (sizes[l], sizes[l+1])
        biases : list of arrays, ``biases[l]`` of shape (sizes[l+1],)
            Needs a diagram drawn with biases.
        values : list of arrays, ``values[l]`` of shape (sizes[l],), input included
        deltas : list of arrays, ``deltas[l]`` of shape (sizes[l+1],)
            Needs a diagram drawn with deltas.

        Returns
        -------
        self : NetworkArtists
        """
        sizes = self.sizes
        w_shapes = [(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        weights = _check_list("weights", weights, w_shapes)
        biases = _check_list("biases", biases, [(n,) for n in sizes[1:]])
        values = _check_list("values", values, [(n,) for n in sizes])
        deltas = _check_list("deltas", deltas, [(n,) for n in sizes[1:]])
        if weights is not None:
            for l, W in enumerate(weights):
                for i in range(W.shape[0]):
                    for j in range(W.shape[1]):
                        color, width = edge_style(W[i, j], self.weight_scale, self.max_width)
                        self.edges[l][i][j].set_color(color)
                        self.edges[l][i][j].set_linewidth(width)
                        if self.edge_texts is not None:
                            self.edge_texts[l][i][j].set_text(format(W[i, j], self.fmt))
        if biases is not None:
            if self.bias_texts is None:
                raise ValueError("this diagram was drawn without biases; pass biases= to "
                                 "draw_network to be able to update them")
            for l, b in enumerate(biases):
                for j, text in enumerate(self.bias_texts[l]):
                    text.set_text("b=" + format(b[j], self.fmt))
        if values is not None:
            for l, a in enumerate(values):
                for i, (node, text) in enumerate(zip(self.nodes[l], self.node_texts[l])):
                    node.set_facecolor(_value_color(a[i], self.value_scale))
                    text.set_text(self._node_text(l, i, a[i]))
        if deltas is not None:
            if self.delta_texts is None:
                raise ValueError("this diagram was drawn without deltas; pass deltas= to "
                                 "draw_network to be able to update them")
            for l, d in enumerate(deltas):
                for j, text in enumerate(self.delta_texts[l]):
                    text.set_text("δ=" + format(d[j], self.fmt))
        return self

    def _node_text(self, l, i, value):
        label = None if self.node_labels is None else self.node_labels[l][i]
        parts = [p for p in (label, None if value is None else format(value, self.fmt))
                 if p is not None]
        return "\n".join(parts)


def draw_network(ax, net_or_sizes, weights=None, biases=None, values=None, deltas=None, *,
                 node_labels=None, layer_labels=None, edge_labels=False, weight_scale=None,
                 max_width=6.0, value_scale=1.0, fmt=".2f", title=None, fontsize=9):
    """Draw a fully connected network and return its artists for live updates.

    Parameters
    ----------
    ax : matplotlib Axes
        Drawn into; its axis is switched off and its aspect set to equal.
    net_or_sizes : MLP or list of int
        An :class:`~nnlib.MLP` (its ``sizes``, and its ``weights``/``biases`` when those
        arguments are ``None``) or the units per layer, input first, e.g. ``[2, 3, 2]``.
    weights : list of arrays, optional
        ``weights[l]`` of shape (sizes[l], sizes[l+1]).  Without weights (and without a net)
        every edge is drawn thin and grey.
    biases : list of arrays, optional
        ``biases[l]`` of shape (sizes[l+1],), printed under the nodes of layer ``l + 1``.
        Pass ``False`` to hide a net's biases.
    values : list of arrays, optional
        ``values[l]`` of shape (sizes[l],), input layer included: printed inside the nodes,
        which are tinted by sign and size (``value_scale`` is the fully tinted magnitude).
    deltas : list of arrays, optional
        ``deltas[l]`` of shape (sizes[l+1],), printed above the nodes of layer ``l + 1``.
    node_labels : list of lists of str, optional
        ``node_labels[l][i]`` printed in node ``i`` of layer ``l`` (above its value, if any),
        e.g. ``[["$x_1$", "$x_2$"], ...]``.
    layer_labels : list of str or False, optional
        Captions under the layers; default "input (n)", "hidden (n)", ..., "output (n)".
    edge_labels : bool
        Print each weight near the start of its edge (readable for small networks only).
    weight_scale : float, optional
        The weight magnitude drawn at ``max_width``.  Default: the largest ``|w|`` drawn
        (or 1).  Widgets should fix it so that widths stay comparable as sliders move.
    max_width : float
        Line width (points) of the widest edge.
    fmt : str
        Format spec of every printed number.
    title : str, optional
    fontsize : float

    Returns
    -------
    NetworkArtists
        Call its ``update(weights=..., biases=..., values=..., deltas=...)`` to restyle.

    Raises
    ------
    ValueError
        If a list has the wrong number of entries or an entry the wrong shape (the message
        names the expected and the received shapes).
    """
    sizes = _sizes_of(net_or_sizes)
    if weights is None and hasattr(net_or_sizes, "weights"):
        weights = net_or_sizes.weights
    if biases is None and hasattr(net_or_sizes, "biases"):
        biases = net_or_sizes.biases
    if biases is False:
        biases = None
    w_shapes = [(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    weights = _check_list("weights", weights, w_shapes)
    biases = _check_list("biases", biases, [(n,) for n in sizes[1:]])
    values = _check_list("values", values, [(n,) for n in sizes])
    deltas = _check_list("deltas", deltas, [(n,) for n in sizes[1:]])
    if node_labels is not None:
        node_labels = [list(row) for row in node_labels]
        got = [len(row) for row in node_labels]
        if got != sizes:
            raise ValueError(f"node_labels must have one label per node, {sizes}; got {got}")
    if weight_scale is None:
        biggest = max((float(np.abs(W).max()) for W in weights), default=0.0) if weights else 0.0
        weight_scale = biggest if biggest > 0 else 1.0
    if not weight_scale > 0:
        raise ValueError(f"weight_scale must be positive; got {weight_scale!r}")

    positions = network_layout(sizes)
    r = NODE_RADIUS
    edges, edge_texts = [], [] if edge_labels else None
    for l in range(len(sizes) - 1):
        layer_edges, layer_texts = [], []
        for i, (x0, y0) in enumerate(positions[l]):
            row, row_texts = [], []
            for j, (x1, y1) in enumerate(positions[l + 1]):
                w = 0.0 if weights is None else weights[l][i, j]
                color, width = edge_style(w, weight_scale, max_width)
                if weights is None:
                    color, width = ZERO_COLOR, 1.0
                (line,) = ax.plot([x0 + r, x1 - r], [y0, y1], color=color, lw=width,
                                  solid_capstyle="round", zorder=1)
                row.append(line)
                if edge_labels:
                    t = 0.34
                    text = ax.text(x0 + r + t * (x1 - x0 - 2 * r), y0 + t * (y1 - y0),
                                   format(w, fmt) if weights is not None else "",
                                   fontsize=fontsize - 2, ha="center", va="center", zorder=4,
                                   bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none",
                                             alpha=0.85))
                    row_texts.append(text)
            layer_edges.append(row)
            layer_texts.append(row_texts)
        edges.append(layer_edges)
        if edge_labels:
            edge_texts.append(layer_texts)

    artists = NetworkArtists(ax=ax, sizes=sizes, positions=positions, nodes=[], node_texts=[],
                             edges=edges, edge_texts=edge_texts, bias_texts=None,
                             delta_texts=None, weight_scale=float(weight_scale),
                             max_width=float(max_width), value_scale=float(value_scale),
                             node_labels=node_labels, fmt=fmt)
    node_group = []          # the node texts, sized together at draw time
    for l, pos in enumerate(positions):
        layer_nodes, layer_texts = [], []
        for i, (x, y) in enumerate(pos):
            value = None if values is None else values[l][i]
            circle = mpatches.Circle((x, y), r, facecolor=_value_color(value, value_scale),
                                     edgecolor="#333333", lw=1.2, zorder=2)
            ax.add_patch(circle)
            text = _NodeText(x, y, artists._node_text(l, i, value), ha="center",
                             va="center", fontsize=fontsize, zorder=3, radius=r,
                             group=node_group)
            ax.add_artist(text)
            layer_nodes.append(circle)
            layer_texts.append(text)
        artists.nodes.append(layer_nodes)
        artists.node_texts.append(layer_texts)

    if biases is not None:
        artists.bias_texts = [
            [ax.text(x, y - r - 0.06, "b=" + format(b[j], fmt), ha="center", va="top",
                     fontsize=fontsize - 1, color="#444444", zorder=3)
             for j, (x, y) in enumerate(positions[l + 1])]
            for l, b in enumerate(biases)]
    if deltas is not None:
        artists.delta_texts = [
            [ax.text(x, y + r + 0.06, "δ=" + format(d[j], fmt), ha="center", va="bottom",
                     fontsize=fontsize - 1, color="#7a0177", zorder=3)
             for j, (x, y) in enumerate(positions[l + 1])]
            for l, d in enumerate(deltas)]

    y_low = min(p[:, 1].min() for p in positions) - r
    y_high = max(p[:, 1].max() for p in positions) + r
    if layer_labels is None:
        layer_labels = _default_layer_labels(sizes)
    if layer_labels is not False:
        layer_labels = list(layer_labels)
        if len(layer_labels) != len(sizes):
            raise ValueError(
                f"layer_labels must have {len(sizes)} entries (one per layer); got {len(layer_labels)}"
            )
        for l, label in enumerate(layer_labels):
            ax.text(positions[l][0, 0], y_low - 0.45, label, ha="center", va="top",
                    fontsize=fontsize, color="#333333")
    if title is not None:
        ax.set_title(title, fontsize=fontsize + 2)
    ax.set_xlim(positions[0][0, 0] - 0.6, positions[-1][0, 0] + 0.6)
    ax.set_ylim(y_low - (1.15 if layer_labels is not False else 0.45), y_high + 0.45)
    ax.set_aspect("equal")
    ax.axis("off")
    return artists


class _NodeText(mtext.Text):
    """Text inside a node circle; the texts of one diagram shrink together until all fit.

    Measured at draw time, when the final layout (``tight_layout``, ``subplots_adjust``, the
    widget's canvas) is known, so the text fits whatever size the figure is shown at.  The
    first text of the diagram (drawn first: same zorder, added first) sizes the whole group,
    so every node uses one font size.  The size is changed without marking the artists
    stale, so no redraw is triggered.
    """

    def __init__(self, *args, radius, group, min_fontsize=5.0, **kwargs):
        super().__init__(*args, **kwargs)
        self._radius = radius
        self._group = group
        self._min_fontsize = min_fontsize
        self._base_fontsize = self.get_fontsize()
        group.append(self)

    def _scale_needed(self, renderer, r_px):
        """Largest scale (<= 1) at which this text's box fits inside the circle."""
        text = self.get_text()
        if not text:
            return 1.0
        self._fontproperties.set_size(self._base_fontsize)
        extent = self.get_window_extent(renderer)
        # one character of room for a value that changes sign on update()
        longest = max(len(line) for line in text.split("\n"))
        half_w = extent.width * (longest + 1) / max(longest, 1) / 2
        half_h = extent.height / 2
        corner = np.hypot(half_w, half_h)          # the box's corners must stay inside
        return 1.0 if corner == 0 else min(1.0, 0.97 * r_px / corner)

    def draw(self, renderer):
        if self._group and self._group[0] is self and self.axes is not None:
            p0, p1 = self.axes.transData.transform([(0.0, 0.0), (self._radius, 0.0)])
            r_px = abs(p1[0] - p0[0])
            scale = min(t._scale_needed(renderer, r_px) for t in self._group)
            for t in self._group:
                t._fontproperties.set_size(max(t._min_fontsize, t._base_fontsize * scale))
        super().draw(renderer)
