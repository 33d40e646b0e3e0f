r"""Classic backprop bugs, planted in nnlib's one backward pass, for the chapter "Checking gradients".

:func:`buggy_gradients` runs :meth:`nnlib.MLP.backward` (rows are samples,
:math:`\delta^{(l)} = \partial J/\partial Z^{(l)}`) on the network's own forward cache, with one
entry of the network swapped for a wrong one, so that exactly one line of the backward pass
computes the classic mistake:

.. math::
    \delta^{(L)} = (A - Y)/N, \quad
    \delta^{(l)} = (\delta^{(l+1)} W^{(l+1)T}) \odot \phi'(Z^{(l)}), \quad
    \partial J/\partial W^{(l)} = A^{(l-1)T}\delta^{(l)}, \quad
    \partial J/\partial b^{(l)} = \textstyle\sum_n \delta^{(l)}_{n\cdot}

* ``"missing transpose"``: the square weight matrices after the first layer are handed to the
  backward pass transposed, so :math:`\delta W^T` becomes :math:`\delta W`;
* ``"missing activation derivative"``: the hidden activations' derivatives are replaced by ones;
* ``"dropped 1/N"``: the loss's gradient is multiplied by N (general output path);
* ``"elementwise softmax derivative"``: the softmax output is replaced by an "elementwise
  softmax" whose derivative is :math:`s(1 - s)`, the Jacobian's diagonal only.

With ``bug="none"`` it is ``net.backward`` itself.  :func:`check_bug` hands the result to
:func:`nnlib.gradcheck` (``grads=``) and returns the relative error and each array's share of
it; :func:`available_bugs` lists the bugs a network has the layers for.  The shares are drawn by
:func:`nnlib.plot.gradbugs.plot_bug_errors`; :func:`nnlib.widgets.gradbugs.bug_widget` wires a
dropdown over the available bugs to :func:`check_bug`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import validate as v
from ..activations import Activation, softmax
from ..gradcheck import gradcheck
from ..losses import Loss

__all__ = ["BUGS", "available_bugs", "buggy_gradients", "check_bug"]

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


def _why_not(net, bug):
    """Why ``net`` cannot host ``bug`` (None when it can)."""
    L = len(net.weights)
    if bug == "elementwise softmax derivative" and net.activations[-1].name != "softmax":
        return (f"bug {bug!r} needs a softmax output layer; this network's output is "
                f"{net.activations[-1].name!r}")
    if bug == "missing activation derivative" and L < 2:
        return f"bug {bug!r} needs a hidden layer; this network {net.sizes} has none"
    if bug == "missing transpose" and not any(
            net.weights[l].shape[0] == net.weights[l].shape[1] for l in range(1, L)):
        shapes = ", ".join(f"W{l + 1} {net.weights[l].shape}" for l in range(1, L))
        return (f"bug {bug!r} needs a square weight matrix after the first layer; got "
                f"{shapes or 'no hidden layer'}: with non-square matrices delta @ W fails "
                f"with a shape error, so the shapes catch this bug before a gradient check does")
    return None


def available_bugs(net):
    """The names of :data:`BUGS` that ``net`` has the layers for, in the table's order."""
    return [bug for bug in BUGS if _why_not(net, bug) is None]


def _planted(net, bug):
    """A copy of ``net`` with one wrong entry, and the ``fused`` flag its backward pass needs."""
    planted = net.copy()
    if bug == "missing transpose":
        for l in range(1, len(planted.weights)):
            W = planted.weights[l]
            if W.shape[0] == W.shape[1]:
                planted.weights[l] = W.T.copy()  # BUG: backward's delta @ W^T becomes delta @ W
        return planted, True
    if bug == "missing activation derivative":
        planted.activations[:-1] = [
            dataclasses.replace(a, name=a.name + " (no derivative)",
                                deriv=lambda Z, A: np.ones_like(Z))  # BUG: phi' = 1
            for a in planted.activations[:-1]]
        return planted, True
    if bug == "dropped 1/N":
        loss = planted.loss_fn
        planted.loss_fn = Loss(loss.name + " (1/N dropped)", loss.value,
                               lambda A, Y: loss.grad(A, Y) * A.shape[0],  # BUG: undoes the 1/N
                               loss.check_targets, outputs=loss.outputs)
        return planted, False
    if bug == "elementwise softmax derivative":
        planted.activations[-1] = Activation(
            "softmax (elementwise)", softmax, lambda Z, A: A * (1.0 - A))  # BUG: diagonal only
        return planted, False
    return planted, True


def buggy_gradients(net, X, Y, bug="none", l2=0.0):
    r"""The gradients of ``net.loss(X, Y, l2)`` by nnlib's backward pass with one bug planted.

    Parameters
    ----------
    net : MLP, left unchanged
    X : array, shape (N, sizes[0])
    Y : array, shape (N, sizes[-1])
    bug : str
        A key of :data:`BUGS` that the network can host (:func:`available_bugs`):
        ``"missing transpose"`` needs a square weight matrix after the first layer,
        ``"missing activation derivative"`` a hidden layer, ``"elementwise softmax derivative"``
        a softmax output layer.
    l2 : float
        :math:`\lambda` of the L2 term, :math:`\tfrac{\lambda}{N} W` (as nnlib's backward adds it).

    Returns
    -------
    dWs, dbs : lists shaped like ``net.weights`` and ``net.biases``

    Raises
    ------
    ValueError
        For an unknown bug (the valid names are listed), for data of the wrong shape, and for
        a bug the network cannot host (the message says why).
    """
    v.check_choice("bug", bug, tuple(BUGS))
    X, Y = net.check_data(X, Y)  # same validation and messages as MLP.gradients
    l2 = v.check_nonnegative("l2", l2)
    why = _why_not(net, bug)
    if why:
        raise ValueError(why)
    cache = net.forward_cache(X)
    planted, fused = _planted(net, bug)
    if bug != "missing transpose":
        return planted.backward(cache, Y, l2=l2, fused=fused)
    # the L2 term of the transposed matrices would be a second bug: take it from net's own pass
    dWs, dbs = planted.backward(cache, Y, fused=fused)
    if l2:
        with_l2, without = net.backward(cache, Y, l2=l2)[0], net.backward(cache, Y)[0]
        dWs = [dW + (a - b) for dW, a, b in zip(dWs, with_l2, without)]
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
