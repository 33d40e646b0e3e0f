"""The flat parameter vector of an :class:`~nnlib.mlp.MLP`: W1, b1, W2, b2, ... in one array.

A network keeps every weight and bias as a view into one 1-d float64 vector (laid out as
:meth:`~nnlib.mlp.MLP.get_flat`, each W row by row), so that a training step
(:mod:`nnlib.training`) updates, copies or tests all of them with one NumPy call.  These are the
few functions that lay the arrays out in that vector and test it.
"""

from __future__ import annotations

import copy
import math
import operator

import numpy as np

from . import validate as v

__all__ = ["OVERFLOW_MESSAGE", "Parameters", "all_finite", "views", "interleave", "flatten",
           "scatter"]

_shape = operator.attrgetter("shape")

OVERFLOW_MESSAGE = (
    "the loss, the output or a gradient is not finite: the inputs or the parameters are "
    "so large that the pre-activations overflow float64; scale the inputs down")
"""The error the network raises when a loss, an output or a gradient overflows."""


def all_finite(x):
    """True when every entry of the 1-d array ``x`` is finite.

    One sum of squares (``np.vdot``): it is finite only when every entry is; the exact
    elementwise test runs only when it is not (squares of finite numbers above 1e154 overflow
    too).
    """
    return math.isfinite(np.vdot(x, x)) or bool(np.isfinite(x).all())


def views(flat, sizes):
    """Weight and bias arrays laid out in the 1-d array ``flat`` as W1, b1, W2, b2, ...

    ``sizes`` are the units per layer, input first; each array returned is a view, so writing
    to it writes to ``flat``.

    Returns
    -------
    Ws, bs : lists, ``Ws[l]`` of shape (sizes[l], sizes[l+1]), ``bs[l]`` of shape (sizes[l+1],)
    """
    Ws, bs, i = [], [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        Ws.append(flat[i:i + n_in * n_out].reshape(n_in, n_out))
        i += n_in * n_out
        bs.append(flat[i:i + n_out])
        i += n_out
    return Ws, bs


def interleave(Ws, bs):
    """The parameter arrays in the flat order W1, b1, W2, b2, ... (:meth:`MLP.get_flat`'s)."""
    return [p for W, b in zip(Ws, bs) for p in (W, b)]


def flatten(Ws, bs):
    """The arrays ``Ws`` and ``bs`` (weights or their gradients) as one 1-d vector in the flat
    order W1, b1, W2, b2, ... (:meth:`MLP.get_flat`'s; each W row by row)."""
    return np.concatenate(interleave(Ws, bs), axis=None)


def scatter(flat, arrays):
    """Copy consecutive pieces of the 1-d ``flat`` into ``arrays``, in place, in order."""
    offset = 0
    for p in arrays:
        p[...] = flat[offset:offset + p.size].reshape(p.shape)
        offset += p.size


class Parameters:
    """The base class of :class:`~nnlib.mlp.MLP` that keeps its weights and biases in one flat
    vector: ``weights`` and ``biases`` are views into it (and a training step's gradients go into
    a second one), so that :mod:`nnlib.training` updates, copies or tests every parameter with one
    NumPy call.  Assigning new arrays to ``weights``/``biases`` is allowed: training then updates
    them array by array.  Pickling and copying rebuild the flat vector and its views.

    A subclass sets ``sizes`` and calls :meth:`_own_parameters` with its initial vector.
    """

    def _own_parameters(self, flat):
        """Keep every weight and bias as a view into the one vector ``flat`` (and the gradients
        of a training step in a second one), so that a step updates all parameters with one
        NumPy call and :meth:`fit` copies or tests them all with one call.  Assigning new arrays
        to ``weights``/``biases`` is allowed: training then updates them array by array.
        """
        flat = self._flat = np.ascontiguousarray(flat, dtype=np.float64)
        self.weights, self.biases = views(flat, self.sizes)
        # the views and their shapes, to recognise them (and assigned arrays of the wrong shape)
        self._own_W, self._own_b = list(self.weights), list(self.biases)
        self._W_shapes = [W.shape for W in self.weights]
        self._b_shapes = [b.shape for b in self.biases]
        self._grad = np.empty_like(flat)
        self._grad_W, self._grad_b = views(self._grad, self.sizes)
        self._velocity = None  # momentum velocity (flat), allocated by the first momentum step
        self._snapshot = None  # fit's divergence snapshot buffers, allocated by the first fit

    def _parameters(self, after=None):
        """Check the parameters (shapes, writeable float64 arrays, finite); return
        ``(params, own)``.

        ``own``: the parameters are still the network's views into its flat vector (then
        ``params`` is None, nothing needs them one by one); otherwise ``params`` lists the
        arrays in :meth:`get_flat` order.  ``after`` names what changed them, for the message.
        """
        Ws, bs = self.weights, self.biases
        try:
            if (list(map(_shape, Ws)) == self._W_shapes
                    and list(map(_shape, bs)) == self._b_shapes
                    and all(map(operator.is_, Ws, self._own_W))
                    and all(map(operator.is_, bs, self._own_b))
                    and all_finite(self._flat)):
                return None, True
        except (AttributeError, TypeError):  # not arrays, or not lists: check_parameters says
            pass
        v.check_parameters(self, after)
        return interleave(Ws, bs), False

    @property
    def n_params(self):
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases))

    _BUFFERS = ("_flat", "_own_W", "_own_b", "_grad", "_grad_W", "_grad_b", "_snapshot")

    def __getstate__(self):
        # the flat vector, its views and the work buffers are rebuilt by __setstate__
        return {k: x for k, x in self.__dict__.items() if k not in self._BUFFERS}

    def __setstate__(self, state):
        # pickle, copy.copy and copy.deepcopy rebuild the parameter arrays without their link
        # to the flat vector: give the network a flat vector and views again, and keep the
        # momentum velocity (a copy of it)
        self.__dict__.update(state)
        velocity = self.__dict__.get("_velocity")
        self._own_parameters(self.get_flat())
        if velocity is not None and velocity.shape == self._flat.shape:
            self._velocity = velocity.copy()

    def copy(self):
        """An independent copy, the same as ``copy.deepcopy(net)``: it shares no array and no
        list with the original, and keeps (a copy of) the momentum velocity."""
        return copy.deepcopy(self)

    def get_flat(self):
        """All parameters as one new vector (W1, b1, W2, b2, ..., each W row by row)."""
        return flatten(self.weights, self.biases)

    def set_flat(self, theta):
        """Set all parameters from one vector laid out as :meth:`get_flat`'s.

        ``theta`` must be a real, finite vector of :attr:`n_params` numbers; otherwise a
        ValueError names the problem and nothing changes.
        """
        theta = v.check_array("theta", theta, ndim=1)
        if theta.shape != (self.n_params,):
            raise ValueError(f"expected a parameter vector of shape ({self.n_params},); "
                             f"got {theta.shape}")
        self._parameters()  # the arrays it writes into must be writeable float64 arrays
        scatter(theta, interleave(self.weights, self.biases))
