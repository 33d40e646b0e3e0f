r"""Classic backprop bugs, planted in a copy of the backward pass, for the chapter "Checking gradients".

:func:`buggy_gradients` is the backward pass of :meth:`nnlib.MLP.gradients` written out again
(rows are samples, :math:`\delta^{(l)} = \partial J/\partial Z^{(l)}`) with one switch per
classic mistake.  With ``bug="none"`` it returns nnlib's gradients; every other entry of
:data:`BUGS` changes one line:

.. math::
    \delta^{(L)} = (A - Y)/N, \quad
    \delta^{(l)} = (\delta^{(l+1)} W^{(l+1)T}) \odot \phi'(Z^{(l)}), \quad
    \partial J/\partial W^{(l)} = A^{(l-1)T}\delta^{(l)}, \quad
    \partial J/\partial b^{(l)} = \textstyle\sum_n \delta^{(l)}_{n\cdot}

:func:`check_bug` hands the result to :func:`nnlib.gradcheck` (``grads=``) and returns the
relative error and each array's share of it; :func:`bug_widget` only wires a dropdown to it.
"""

from __future__ import annotations

import numpy as np

from ..gradcheck import RTOL, gradcheck
from ..layers import linear_backward
from ..losses import output_delta

__all__ = ["BUGS", "buggy_gradients", "check_bug", "plot_bug_errors", "bug_widget"]

BUGS = {
    "none": "no bug: the backward pass exactly as nnlib.MLP.gradients computes it",
    "missing transpose": "hidden delta uses delta W instead of delta W^T "
                         "(only runs when W is square, so the shapes cannot catch it)",
    "missing activation derivative": "hidden delta forgets the factor phi'(Z): "
                                     "delta_l = delta_{l+1} W^T",
    "dropped 1/N": "output delta is A - Y instead of (A - Y)/N (the mean in the loss is forgotten)",
    "elementwise softmax derivative": "softmax output treated as elementwise: "
                                      "delta = dJ/dA * s(1 - s) instead of the Jacobian product",
}
"""Bug name -> one-line description.  ``"none"`` is the correct backward pass."""


def _check_bug_name(bug):
    if bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}; valid names are: {', '.join(repr(b) for b in BUGS)}")


def buggy_gradients(net, X, Y, bug="none", l2=0.0):
    r"""The gradients of ``net.loss(X, Y, l2)`` by a backward pass with one bug planted.

    Parameters
    ----------
    net : MLP
    X : array, shape (N, sizes[0])
    Y : array, shape (N, sizes[-1])
    bug : str
        A key of :data:`BUGS`.  ``"missing transpose"`` needs a square weight matrix after the
        first layer; ``"elementwise softmax derivative"`` needs a softmax output layer.
    l2 : float
        :math:`\lambda` of the L2 term, added as :math:`\tfrac{\lambda}{N} W` (as nnlib does).

    Returns
    -------
    dWs, dbs : lists shaped like ``net.weights`` and ``net.biases``

    Raises
    ------
    ValueError
        For an unknown bug (the valid names are listed), for data of the wrong shape, and for
        a bug the network cannot host (the message says why).
    """
    _check_bug_name(bug)
    X, Y = net._check_data(X, Y)  # same validation and messages as MLP.gradients
    N = X.shape[0]
    out = net.activations[-1]
    L = len(net.weights)
    if bug == "elementwise softmax derivative" and out.name != "softmax":
        raise ValueError(f"bug {bug!r} needs a softmax output layer; this network's output is "
                         f"{out.name!r}")
    if bug == "missing transpose":
        square = [l for l in range(1, L) if net.weights[l].shape[0] == net.weights[l].shape[1]]
        if not square:
            shapes = ", ".join(f"W{l + 1} {net.weights[l].shape}" for l in range(1, L))
            raise ValueError(
                f"bug {bug!r} needs a square weight matrix after the first layer; got "
                f"{shapes or 'no hidden layer'}: with non-square matrices delta @ W fails "
                f"with a shape error, so the shapes catch this bug before a gradient check does"
            )

    Zs, As = net.forward_cache(X)
    # --- output delta: (A - Y)/N for softmax + CE and sigmoid + BCE   [losses, eq. fused-delta]
    if bug == "elementwise softmax derivative":
        dA = net.loss_fn.grad(As[-1], Y)
        delta = dA * As[-1] * (1.0 - As[-1])  # BUG: the diagonal of the Jacobian only
    else:
        delta = output_delta(Zs[-1], As[-1], Y, out, net.loss_fn)
        if bug == "dropped 1/N":
            delta = delta * N  # BUG: undoes the 1/N of the mean

    dWs, dbs = [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        _, dW, db = linear_backward(delta, As[l], net.weights[l], need_dA=False)
        if l2:
            dW = dW + (l2 / N) * net.weights[l]
        dWs[l], dbs[l] = dW, db
        if l == 0:
            break
        W = net.weights[l]
        # delta_l = (delta_{l+1} W_{l+1}^T) * phi'(Z_l)   [any-depth, eq. recursion]
        if bug == "missing transpose" and W.shape[0] == W.shape[1]:
            dA_prev = delta @ W  # BUG: W instead of W^T
        else:
            dA_prev = delta @ W.T
        if bug == "missing activation derivative":
            delta = dA_prev  # BUG: no phi'(Z)
        else:
            delta = net.activations[l - 1].backward(dA_prev, Zs[l - 1], As[l])
    return dWs, dbs


def check_bug(net, X, Y, bug="none", l2=0.0):
    """Gradient-check the backward pass with ``bug`` planted.

    Returns
    -------
    error : float
        The relative error over all parameters (compare with :data:`nnlib.gradcheck.RTOL`).
    shares : dict
        ``{"W1": share, "b1": share, ...}``: each array's part of that error, from
        :func:`nnlib.gradcheck` with ``details=True`` (their squares add up to ``error**2``).
    """
    grads = buggy_gradients(net, X, Y, bug, l2=l2)
    return gradcheck(net, X, Y, l2=l2, grads=grads, details=True)


def plot_bug_errors(shares, ax, title=""):
    """Bar chart of each array's share of the relative error, log scale, pass line at ``RTOL``.

    Parameters
    ----------
    shares : dict, ``{"W1": share, ...}`` as returned by :func:`check_bug`
    ax : matplotlib Axes (drawn on, then returned)
    title : str
    """
    names = sorted(shares, key=lambda k: (int(k[1:]), k[0] != "W"))
    values = np.array([max(shares[k], 1e-17) for k in names])
    colors = ["tab:red" if e > RTOL else "tab:green" for e in values]
    ax.bar(names, values, color=colors)
    ax.axhline(RTOL, color="k", ls="--", lw=1)
    # a white box keeps the label readable where a red bar crosses the line
    ax.text(len(names) - 0.5, RTOL * 2, f"pass line {RTOL:g}", ha="right", va="bottom",
            fontsize=8, zorder=3,
            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
    ax.set_yscale("log")
    ax.set_ylim(1e-17, 10)
    ax.set_ylabel("share of the error")
    ax.set_title(title, fontsize=10)
    return ax


def bug_widget(net, X, Y, l2=0.0):
    """A dropdown over :data:`BUGS`; each choice runs :func:`check_bug` and redraws the errors.

    Returns the ``ipywidgets.interactive`` object; ``.result`` holds ``(error, shares)`` of the
    current choice.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def show(bug):
        error, shares = check_bug(net, X, Y, bug, l2=l2)
        fig, ax = plt.subplots(figsize=(7, 3))
        verdict = "caught" if error > RTOL else "passes"
        plot_bug_errors(shares, ax, title=f"{bug}: relative error {error:.1e} ({verdict})")
        plt.show()
        print(BUGS[bug])
        return error, shares

    dropdown = widgets.Dropdown(options=list(BUGS), value="none", description="bug")
    return widgets.interactive(show, bug=dropdown)
