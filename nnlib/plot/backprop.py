r"""Diagrams for the backpropagation chapters: one sample's forward values and deltas on a
network whose edges carry the names of their weights.

Built on :func:`nnlib.plot.network.draw_network`; indexing is nnlib's (rows are samples,
``weights[l][i, j]`` is the edge from node ``i`` of layer ``l`` to node ``j`` of layer ``l+1``).
The chapters compute the deltas themselves (step by step, or from SymPy) and pass them in, so
this module draws and never differentiates.
"""

from __future__ import annotations

import numpy as np

from .network import draw_network

__all__ = ["weight_names", "draw_forward_backward"]


def weight_names(sizes, style="indexed"):
    r"""LaTeX names for every weight, laid out like ``weights``: ``names[l][i][j]``.

    Parameters
    ----------
    sizes : list of int
        Units per layer, input first.
    style : {"indexed"} or list of str
        ``"indexed"``: :math:`w^{(l)}_{ij}` with 1-based ``l, i, j`` (source 000's names).
        A flat list of names is read in nnlib's order (layer by layer, ``W[l]`` row by row),
        e.g. ``["a", "c", "b", "d", "e", "g", "f", "h"]`` for source 002's 2-2-2 network.

    Returns
    -------
    list of lists of lists of str
    """
    sizes = [int(s) for s in sizes]
    shapes = list(zip(sizes[:-1], sizes[1:]))
    n_weights = sum(a * b for a, b in shapes)
    if isinstance(style, str):
        if style != "indexed":
            raise ValueError(f"style must be 'indexed' or a list of {n_weights} names; got {style!r}")
        return [[[f"$w^{{({l + 1})}}_{{{i + 1}{j + 1}}}$" for j in range(b)] for i in range(a)]
                for l, (a, b) in enumerate(shapes)]
    flat = [str(s) for s in style]
    if len(flat) != n_weights:
        raise ValueError(f"expected {n_weights} weight names for sizes {sizes}; got {len(flat)}")
    out, k = [], 0
    for a, b in shapes:
        layer = []
        for _ in range(a):
            layer.append(flat[k:k + b])
            k += b
        out.append(layer)
    return out


def draw_forward_backward(ax, net, X, deltas, sample=0, edge_names=None, show_values=True,
                          **kwargs):
    r"""Draw ``net`` with sample ``sample``'s activations in the nodes and its deltas above them.

    Parameters
    ----------
    ax : matplotlib Axes
    net : MLP
    X : array (N, sizes[0])
        The batch; its forward pass (``net.forward_cache``) gives the node values.
    deltas : list of arrays or None
        ``deltas[l]`` of shape (N, sizes[l+1]): :math:`\delta^{(l+1)} = \partial J/\partial Z^{(l+1)}`
        for the whole batch; row ``sample`` is drawn.  ``None``: the forward pass only.
    sample : int
        Which row of the batch to draw (0-based).
    edge_names : list, optional
        ``edge_names[l][i][j]`` printed on the edge instead of the weight's value (see
        :func:`weight_names`), followed by ``=value`` when ``show_values``.
    show_values : bool
        Print the weights' numbers on the edges (with their names, if given).
    **kwargs
        Passed to :func:`~nnlib.plot.network.draw_network` (``node_labels``, ``title``, ``fmt``...).

    Returns
    -------
    NetworkArtists

    Raises
    ------
    ValueError
        If ``sample`` is out of range or ``deltas`` do not have the batch's shapes.
    """
    _, As = net.forward_cache(X)
    N = As[0].shape[0]
    if not (isinstance(sample, (int, np.integer)) and 0 <= sample < N):
        raise ValueError(f"sample must be an integer in 0..{N - 1}; got {sample!r}")
    expected = [(N, n) for n in net.sizes[1:]]
    got = None if deltas is None else [np.shape(D) for D in deltas]
    if deltas is not None and got != expected:
        raise ValueError(f"deltas must have shapes {expected} (one (N, n) array per layer); got {got}")
    if edge_names is not None:
        shapes = [W.shape for W in net.weights]
        got_names = [(len(L), len(L[0]) if L else 0) for L in edge_names]
        if got_names != shapes:
            raise ValueError(f"edge_names must be laid out like the weights {shapes}; got {got_names}")
    values = [A[sample] for A in As]
    row_deltas = None if deltas is None else [np.asarray(D, dtype=float)[sample] for D in deltas]
    label_edges = edge_names is not None or show_values
    artists = draw_network(ax, net, values=values, deltas=row_deltas, edge_labels=label_edges,
                           **kwargs)
    if edge_names is not None:
        fmt = kwargs.get("fmt", ".2f")
        for l, W in enumerate(net.weights):
            for i in range(W.shape[0]):
                for j in range(W.shape[1]):
                    name = edge_names[l][i][j]
                    text = f"{name}={format(W[i, j], fmt)}" if show_values else name
                    artists.edge_texts[l][i][j].set_text(text)
    return artists
