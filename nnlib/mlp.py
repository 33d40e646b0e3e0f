r"""The multilayer perceptron: forward pass, backprop in matrix form, and training.

Rows are samples.  For layer :math:`l = 1..L` (list index ``l - 1`` in the code):

.. math::
    Z^{(l)} = A^{(l-1)} W^{(l)} + b^{(l)}, \qquad A^{(l)} = \phi_l(Z^{(l)}), \qquad A^{(0)} = X

Backward, with :math:`\delta^{(l)} = \partial J / \partial Z^{(l)}`:

.. math::
    \delta^{(L)} &= \text{output delta (}(A - Y)/N\text{ for the fused pairs)} \\
    \delta^{(l)} &= (\delta^{(l+1)} W^{(l+1)T}) \odot \phi_l'(Z^{(l)}) \\
    \partial J/\partial W^{(l)} &= A^{(l-1)T}\delta^{(l)} + \tfrac{\lambda}{N} W^{(l)}, \qquad
    \partial J/\partial b^{(l)} = \textstyle\sum_n \delta^{(l)}_{n\cdot}

(:math:`N` in the L2 term is the size of the training set, also on a mini-batch.)  A whole
batch goes through each layer as one matrix product: there is no loop over samples.

There is one forward pass, :meth:`MLP.forward_cache`, and one backward pass,
:meth:`MLP.backward`: :meth:`MLP.gradients` (what :func:`nnlib.gradcheck` and the SymPy
cross-checks verify), :meth:`MLP.step` and :meth:`MLP.fit` (what trains) all run them.
"""

from __future__ import annotations

import copy as _copy
import math
import operator

import numpy as np

from . import validate as v
from .activations import ACTIVATIONS, Activation, get_activation, softmax_and_log
from .layers import linear_backward, linear_forward
from .losses import check_pair, get_loss, is_fused, loss_from_logits, output_delta

__all__ = ["MLP", "History", "ForwardCache", "DIVERGENCE_FACTOR"]

DIVERGENCE_FACTOR = 1e3
r"""The divergence rule of :meth:`MLP.fit` (the playground and the chapters use the same).

Before its first update, ``fit`` measures :math:`J_0`, the loss of the network it was given
on the whole training set, L2 term included: ``net.loss(X, Y, l2=l2)``, that is the mean
loss over all N samples plus :math:`\frac{\lambda}{2N}\sum W^2` (a caller continuing a run in
pieces passes the untrained network's value as ``reference_loss``).  The run is called
diverged in the first epoch ``e`` (0-based) after which

* the epoch's loss (the mean of its mini-batches' pre-update losses, the ``History`` entry)
  is not finite, or is above ``DIVERGENCE_FACTOR * max(J_0, 1)``, or
* some weight or bias is not finite.

``fit`` then restores the parameters they had at the start of epoch ``e``, forgets the
momentum velocity, sets ``History.diverged``, ``diverged_epoch = e`` and the message, and
returns (epoch ``e``'s loss is not appended).  A non-finite :math:`J_0` judges nothing but
finiteness.  For a full batch without dropout, :math:`J_0` is epoch 0's loss itself.
"""

_F64 = np.dtype(np.float64)
_shape = operator.attrgetter("shape")
_SOFTMAX = ACTIVATIONS["softmax"]
_OVERFLOW = ("the loss, the output or a gradient is not finite: the inputs or the parameters are "
             "so large that the pre-activations overflow float64; scale the inputs down")


class ForwardCache(tuple):
    """What :meth:`MLP.forward_cache` keeps for :meth:`MLP.backward`: unpacks as ``Zs, As``.

    Attributes
    ----------
    Zs : list of arrays, ``Zs[l]`` (N, sizes[l+1]) is layer l's pre-activation
    As : list of arrays, ``As[0] = X``, ``As[l+1]`` (N, sizes[l+1]) layer l's activation
    log_out : array (N, sizes[-1]) or None
        The logarithm of a softmax output (from the same exponential), for a stable
        cross-entropy; None for other outputs.  A plain ``(Zs, As)`` tuple works as a cache too.
    """

    def __new__(cls, Zs, As, log_out=None):
        self = tuple.__new__(cls, (Zs, As))
        self.log_out = log_out
        return self

    Zs = property(operator.itemgetter(0))
    As = property(operator.itemgetter(1))


_DEFAULT_OUTPUT = {"mse": "identity", "cross_entropy": "softmax",
                   "binary_cross_entropy": "sigmoid"}


# Hyperparameter checks: a plain Python float in range passes at once (NaN fails every
# comparison); anything else goes through nnlib.validate, which converts or names the problem.
def _positive(name, x):
    return x if type(x) is float and 0.0 < x < math.inf else v.check_positive(name, x)


def _nonnegative(name, x):
    return x if type(x) is float and 0.0 <= x < math.inf else v.check_nonnegative(name, x)


def _fraction(name, x):
    return x if type(x) is float and 0.0 <= x < 1.0 else v.check_fraction(name, x)


def _finite(x):
    """True when every entry of the 1-d array ``x`` is finite.

    One sum of squares (``np.vdot``): it is finite only when every entry is; the exact
    elementwise test runs only when it is not (squares of finite numbers above 1e154 overflow
    too).
    """
    return math.isfinite(np.vdot(x, x)) or bool(np.isfinite(x).all())


def _views(flat, sizes):
    """Weight and bias arrays laid out in the 1-d array ``flat`` as W1, b1, W2, b2, ...

    (the order of :meth:`MLP.get_flat`); each is a view, so writing to it writes to ``flat``.
    """
    Ws, bs, i = [], [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        Ws.append(flat[i:i + n_in * n_out].reshape(n_in, n_out))
        i += n_in * n_out
        bs.append(flat[i:i + n_out])
        i += n_out
    return Ws, bs


def _interleave(Ws, bs):
    """The parameter arrays in the flat order W1, b1, W2, b2, ... (:meth:`MLP.get_flat`'s)."""
    return [p for W, b in zip(Ws, bs) for p in (W, b)]


def _scatter(flat, arrays):
    """Copy consecutive pieces of the 1-d ``flat`` into ``arrays``, in place, in order."""
    offset = 0
    for p in arrays:
        p[...] = flat[offset:offset + p.size].reshape(p.shape)
        offset += p.size


class History(list):
    """Per-epoch training losses (a list), and whether the run diverged.

    Each entry is the mean over the epoch's mini-batches of the loss measured in the forward
    pass just before that batch's update (as scikit-learn's ``loss_curve_``).

    Attributes
    ----------
    diverged : bool
    diverged_epoch : int or None
        The epoch (0-based) in which the loss stopped being finite or blew up.
    reference_loss : float or None
        :math:`J_0`, the loss the divergence rule compares with (see
        :data:`DIVERGENCE_FACTOR`); None when no epoch ran.
    message : str
        Human-readable status: what happened and, on divergence, what to try.
    """

    diverged = False
    diverged_epoch = None
    reference_loss = None
    _message = None  # set on divergence; otherwise the message is written when it is read

    @property
    def message(self):
        if self._message is not None:
            return self._message
        if not self:
            return "no epochs run"
        return f"trained {len(self)} epochs; final loss {self[-1]:.4g}"

    @message.setter
    def message(self, text):
        self._message = text

    def __repr__(self):
        state = f", diverged at epoch {self.diverged_epoch}" if self.diverged else ""
        return f"History({len(self)} epochs{state})"


class MLP:
    r"""A fully connected feedforward network in matrix form (rows are samples).

    Parameters
    ----------
    sizes : list of int, length >= 2
        Units per layer, input first: ``[2, 3, 2]`` is the 2-3-2 network of source 000.
    activations : list, optional
        One per layer after the input (names from ``nnlib.activations.ACTIVATIONS`` or
        :class:`~nnlib.activations.Activation` objects).  A single name means that activation for
        every hidden layer, with the loss's natural output (softmax for cross-entropy, sigmoid for
        binary cross-entropy, identity for MSE).  Default: tanh hidden layers.
    loss : str
        ``"mse"``, ``"cross_entropy"`` or ``"binary_cross_entropy"``.
    seed : int
        Seeds the initial weights.
    init : str or float
        ``"auto"`` (He for ReLU-like layers, LeCun :math:`\mathcal N(0, 1/n_{in})` otherwise),
        ``"xavier"``, ``"he"``, ``"lecun"``, or a float standard deviation.

    Attributes
    ----------
    weights : list of arrays, ``weights[l].shape == (sizes[l], sizes[l+1])``
    biases : list of arrays, ``biases[l].shape == (sizes[l+1],)``
        Both are views into one flat parameter vector (laid out as :meth:`get_flat`), which
        lets a training step update every parameter with one NumPy call.  Assigning new arrays
        of the right shapes is allowed; training then updates those arrays in place, one by one.
    """

    def __init__(self, sizes, activations=None, loss="mse", seed=0, init="auto"):
        self.sizes = v.check_sizes(sizes)
        self.loss_fn = get_loss(loss)
        n_layers = len(self.sizes) - 1
        if activations is None or isinstance(activations, (str, Activation)):
            hidden = "tanh" if activations is None else activations
            out = _DEFAULT_OUTPUT.get(self.loss_fn.name) or (self.loss_fn.outputs or ("identity",))[0]
            activations = [hidden] * (n_layers - 1) + [out]
        if not isinstance(activations, (list, tuple)):
            raise ValueError(f"activations must be a name, an Activation or a list of them; "
                            f"got {type(activations).__name__}")
        activations = list(activations)
        if len(activations) != n_layers:
            raise ValueError(
                f"expected {n_layers} activations for sizes {self.sizes} (one per layer after "
                f"the input); got {len(activations)}: {activations}"
            )
        self.activations = [get_activation(a) for a in activations]
        for l, act in enumerate(self.activations[:-1]):
            if not act.elementwise:
                raise ValueError(f"softmax can only be the output activation; layer {l} has it")
        if self.activations[-1].name == "softmax" and self.sizes[-1] < 2:
            raise ValueError(
                "a softmax output needs at least 2 units: over a single unit it is always 1, so "
                "nothing could be learned; for two classes use one sigmoid output with "
                "binary_cross_entropy, or a softmax over 2 units"
            )
        check_pair(self.activations[-1], self.loss_fn)
        self.seed = v.check_seed("seed", seed)
        self.init = v.check_init(init)
        weights, biases = self._initial_parameters(self.init, self.seed)
        self._own_parameters(np.concatenate(_interleave(weights, biases), axis=None))

    # --- set-up -------------------------------------------------------------------------
    def _own_parameters(self, flat):
        """Keep every weight and bias as a view into the one vector ``flat`` (and the gradients
        of a training step in a second one), so that a step updates all parameters with one
        NumPy call and :meth:`fit` copies or tests them all with one call.  Assigning new arrays
        to ``weights``/``biases`` is allowed: training then updates them array by array.
        """
        flat = self._flat = np.ascontiguousarray(flat, dtype=np.float64)
        self.weights, self.biases = _views(flat, self.sizes)
        # the views and their shapes, to recognise them (and assigned arrays of the wrong shape)
        self._own_W, self._own_b = list(self.weights), list(self.biases)
        self._W_shapes = [W.shape for W in self.weights]
        self._b_shapes = [b.shape for b in self.biases]
        self._grad = np.empty_like(flat)
        self._grad_W, self._grad_b = _views(self._grad, self.sizes)
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
                    and _finite(self._flat)):
                return None, True
        except (AttributeError, TypeError):  # not arrays, or not lists: check_parameters says
            pass
        v.check_parameters(self, after)
        return _interleave(Ws, bs), False

    def _initial_parameters(self, init, seed):
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for l, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            act = self.activations[l].name
            if not isinstance(init, str):
                std = init
            elif init == "auto":
                std = math.sqrt((2.0 if act in ("relu", "leaky_relu") else 1.0) / n_in)
            elif init == "xavier":
                std = math.sqrt(2.0 / (n_in + n_out))
            elif init == "he":
                std = math.sqrt(2.0 / n_in)
            else:  # "lecun"
                std = math.sqrt(1.0 / n_in)
            weights.append(rng.normal(0.0, std, size=(n_in, n_out)))
            biases.append(np.zeros(n_out))
        return weights, biases

    @property
    def loss_name(self):
        return self.loss_fn.name

    @property
    def fused(self):
        """True when the output delta uses the shortcut (A - Y)/N."""
        return is_fused(self.activations[-1], self.loss_fn)

    @property
    def n_params(self):
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases))

    def __repr__(self):
        acts = ", ".join(a.name for a in self.activations)
        return f"MLP({self.sizes}, activations=[{acts}], loss={self.loss_name!r})"

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
        return _copy.deepcopy(self)

    def get_flat(self):
        """All parameters as one new vector (W1, b1, W2, b2, ..., each W row by row)."""
        return np.concatenate(_interleave(self.weights, self.biases), axis=None)

    def set_flat(self, theta):
        """Set all parameters from one vector laid out as :meth:`get_flat`'s.

        ``theta`` must be a real, finite vector of :attr:`n_params` numbers; otherwise a
        ValueError names the problem and nothing changes.
        """
        theta = v.check_array("theta", theta, ndim=1)
        if theta.shape != (self.n_params,):
            raise ValueError(f"expected a parameter vector of shape ({self.n_params},); got {theta.shape}")
        self._parameters()  # the arrays it writes into must be writeable float64 arrays
        _scatter(theta, _interleave(self.weights, self.biases))

    # --- forward --------------------------------------------------------------------------
    def forward_cache(self, X, masks=None, _checked=False):
        r"""Forward pass that keeps what :meth:`backward` needs  [backprop-matrix, eq. forward].

        :math:`Z^{(l)} = A^{(l-1)} W^{(l)} + b^{(l)}`, :math:`A^{(l)} = \phi_l(Z^{(l)})`,
        :math:`A^{(0)} = X`; with dropout masks :math:`M^{(l)}` the hidden activations are
        :math:`A^{(l)} = \phi_l(Z^{(l)}) \odot M^{(l)}`.  This is the one forward pass of nnlib:
        :meth:`forward`, :meth:`loss`, :meth:`gradients`, :meth:`step` and :meth:`fit` run it.

        Parameters
        ----------
        X : array, shape (N, sizes[0])
        masks : list of arrays or None
            Inverted-dropout masks for the hidden layers (already scaled by 1/(1-p)), one of
            shape (N, sizes[l]) per hidden layer, as :meth:`dropout_masks` draws them.

        Returns
        -------
        ForwardCache
            ``Zs[l]`` is layer l's pre-activation (N, sizes[l+1]); ``As[0] = X`` and ``As[l+1]``
            is layer l's activation (after dropout); ``log_out`` is the logarithm of a softmax
            output (None for other outputs), for a stable cross-entropy.
        """
        if not _checked:
            X = v.check_X(X, self.sizes[0])
            self._parameters()
            masks = v.check_masks(masks, X.shape[0], self.sizes)
        Ws, bs, acts = self.weights, self.biases, self.activations
        last = len(Ws) - 1
        Zs, As = [], [X]
        A = X
        for l in range(last):
            Z = linear_forward(A, Ws[l], bs[l])
            A = acts[l].f(Z)
            if masks is not None:
                A = A * masks[l]
            Zs.append(Z)
            As.append(A)
        Z = linear_forward(A, Ws[last], bs[last])
        out = acts[last]
        if out is _SOFTMAX:
            A, log_out = softmax_and_log(Z)
        else:
            A, log_out = out.f(Z), None
        Zs.append(Z)
        As.append(A)
        return ForwardCache(Zs, As, log_out)

    def forward(self, X):
        """Network output for a batch: (N, sizes[0]) -> (N, sizes[-1]).

        Raises ValueError when the output is not finite (inputs or weights so large that the
        pre-activations overflow), instead of returning NaN or inf with a NumPy warning.
        """
        with np.errstate(all="ignore"):
            A = self.forward_cache(X).As[-1]
        if not _finite(A.ravel()):
            raise ValueError(_OVERFLOW)
        return A

    __call__ = forward

    # --- loss and gradients ---------------------------------------------------------------
    def _l2_term(self, l2, n_train):
        if not l2:
            return 0.0
        return l2 / (2 * n_train) * sum(float(np.vdot(W, W)) for W in self.weights)

    def loss_from_cache(self, cache, Y, l2=0.0, n_train=None, _checked=False):
        r"""The loss :math:`J` of a forward pass, plus :math:`\frac{\lambda}{2N_{train}}\sum W^2`.

        The data term is the mean loss of the cached output over its N rows, computed from the
        logits where a stable form exists (:func:`~nnlib.losses.loss_from_logits`: the cached
        log-softmax for softmax + cross-entropy, :math:`\ln(1 + e^z) - yz` for sigmoid + binary
        cross-entropy).  ``n_train`` as in :meth:`loss`.

        Parameters
        ----------
        cache : ForwardCache, from :meth:`forward_cache`
        Y : array, shape (N, sizes[-1])
        l2 : float >= 0
        n_train : int >= 1 or None (default: N)

        Returns
        -------
        float
        """
        Zs, As = cache
        log_out = getattr(cache, "log_out", None)
        N = As[0].shape[0]
        if not _checked:
            Y = v.check_Y(Y, N, self.sizes[-1], self.loss_fn)
            l2 = v.check_nonnegative("l2", l2)
            n_train = None if n_train is None else v.check_size("n_train", n_train)
        J = loss_from_logits(Zs[-1], Y, self.activations[-1], self.loss_fn, A=As[-1],
                             log_A=log_out)
        if l2:
            J += self._l2_term(l2, N if n_train is None else n_train)
        return J

    def loss(self, X, Y, l2=0.0, n_train=None, masks=None):
        r"""Mean loss over the N samples of ``(X, Y)``, plus
        :math:`\frac{\lambda}{2 N_{train}}\sum W^2` when ``l2 > 0``.

        ``n_train`` is the size of the training set the L2 term is spread over (the book's
        :math:`J` puts :math:`\frac{\lambda}{2N}` on the whole training set); default: the N of
        this batch, which is the whole set when ``(X, Y)`` is the training set.  ``masks``: the
        loss of the network thinned by these dropout masks (:meth:`forward_cache`).
        """
        X, Y, l2, n_train, masks = self._check_call(X, Y, l2, n_train, masks)
        with np.errstate(all="ignore"):
            J = self.loss_from_cache(self.forward_cache(X, masks, _checked=True), Y, l2, n_train,
                                     _checked=True)
        if not math.isfinite(J):
            raise ValueError(_OVERFLOW)
        return J

    def backward(self, cache, Y, l2=0.0, n_train=None, masks=None, fused=True, out=None,
                 _checked=False):
        r"""Backprop in matrix form through a forward cache: the one backward pass of nnlib.

        .. math::
            \delta^{(L)} &= \partial J/\partial Z^{(L)} \quad ((A - Y)/N \text{ for the fused
            pairs}) \qquad\text{[losses, eq. fused-delta]} \\
            \delta^{(l)} &= (\delta^{(l+1)} W^{(l+1)T} \odot M^{(l)}) \odot \phi_l'(Z^{(l)})
            \qquad\text{[backprop-matrix, eq. delta1]} \\
            \partial J/\partial W^{(l)} &= A^{(l-1)T}\delta^{(l)} + \tfrac{\lambda}{N_{train}}
            W^{(l)}, \qquad \partial J/\partial b^{(l)} = \textstyle\sum_n \delta^{(l)}_{n\cdot}

        (:math:`M^{(l)}` the dropout masks, all ones without dropout).  :meth:`gradients`,
        :meth:`step`, :meth:`fit`, :func:`nnlib.gradcheck` and the widgets run it.

        Parameters
        ----------
        cache : ForwardCache, from :meth:`forward_cache` (with the same ``masks``)
        Y : array, shape (N, sizes[-1])
        l2 : float >= 0, the :math:`\lambda` of the L2 term (biases excluded)
        n_train : int >= 1 or None, the :math:`N_{train}` of the L2 term (default: N)
        masks : list of arrays or None, the dropout masks of the forward pass
        fused : bool
            ``False`` forces the general output path (loss gradient, then the output
            activation's backward) even for the fused pairs; it refuses, with the reason, outputs
            that saturate (:func:`~nnlib.losses.output_delta`).
        out : 1-d float64 array of :attr:`n_params` entries, optional
            Where to write the gradients, laid out as :meth:`get_flat`; default: a new array.

        Returns
        -------
        dWs, dbs : lists shaped like :attr:`weights` and :attr:`biases` (views into ``out``)
        """
        Zs, As = cache
        N = As[0].shape[0]
        if not _checked:
            Y = v.check_Y(Y, N, self.sizes[-1], self.loss_fn)
            l2 = v.check_nonnegative("l2", l2)
            n_train = None if n_train is None else v.check_size("n_train", n_train)
            masks = v.check_masks(masks, N, self.sizes)
            if out is not None and not (isinstance(out, np.ndarray) and out.dtype == _F64
                                        and out.shape == (self.n_params,)
                                        and out.flags.c_contiguous and out.flags.writeable):
                raise ValueError(f"out must be a writeable float64 array of shape "
                                 f"({self.n_params},); got {getattr(out, 'shape', out)!r}")
        if out is self._grad:
            gWs, gbs = self._grad_W, self._grad_b
        else:
            gWs, gbs = _views(np.empty(self.n_params) if out is None else out, self.sizes)
        Ws, acts = self.weights, self.activations
        if fused and self.fused:
            delta = As[-1] - Y  # [losses, eq. fused-delta], as losses.output_delta computes it
            delta /= N
        else:
            delta = output_delta(Zs[-1], As[-1], Y, acts[-1], self.loss_fn, fused=False)
        decay = l2 / (N if n_train is None else n_train) if l2 else 0.0
        for l in range(len(Ws) - 1, -1, -1):
            dA_prev, dW, _ = linear_backward(delta, As[l], Ws[l], need_dA=l > 0,
                                             out=(gWs[l], gbs[l]))
            if decay:
                dW += decay * Ws[l]
            if l > 0:
                H = As[l]
                if masks is not None:
                    dA_prev *= masks[l - 1]
                    H = acts[l - 1].f(Zs[l - 1])  # the activation before dropout, for phi'
                # delta_l = (delta_{l+1} W_{l+1}^T) * phi'(Z_l)   [backprop-matrix, eq. delta1]
                delta = acts[l - 1].backward(dA_prev, Zs[l - 1], H)
        return gWs, gbs

    def gradients(self, X, Y, l2=0.0, fused=True, n_train=None, masks=None):
        r"""Analytic gradients of :meth:`loss` by backprop in matrix form.

        :meth:`forward_cache` then :meth:`backward`, after checking every argument.

        Parameters
        ----------
        X : array (N, sizes[0]); Y : array (N, sizes[-1])
        l2 : float
            :math:`\lambda` of the L2 term (biases excluded).
        fused : bool
            ``False`` forces the general output path even for the fused pairs.
        n_train : int or None
            Training-set size of the L2 term (:meth:`loss`); default: N.
        masks : list of arrays or None
            Dropout masks (:meth:`forward_cache`): the gradients of the thinned network.

        Returns
        -------
        dWs, dbs : lists shaped like :attr:`weights` and :attr:`biases`.
        """
        X, Y, l2, n_train, masks = self._check_call(X, Y, l2, n_train, masks)
        fused = v.check_bool("fused", fused)
        with np.errstate(all="ignore"):
            cache = self.forward_cache(X, masks, _checked=True)
            flat = np.empty(self.n_params)
            grads = self.backward(cache, Y, l2, n_train, masks, fused, flat, _checked=True)
        if not _finite(flat):
            raise ValueError(_OVERFLOW)
        return grads

    def dropout_masks(self, N, p, rng):
        """Inverted-dropout masks for the hidden layers: keep with probability 1-p, scale 1/(1-p).

        One array of shape (N, sizes[l]) per hidden layer, in order, each drawn as
        ``(rng.random((N, n)) < 1 - p) / (1 - p)``; None when ``p == 0``.
        """
        N = v.check_size("N", N)
        p = v.check_fraction("p", p)
        if not p:
            return None
        keep = 1.0 - p
        return [(rng.random((N, n)) < keep) / keep for n in self.sizes[1:-1]]

    # --- checks -----------------------------------------------------------------------------
    def check_data(self, X, Y):
        """``X`` and ``Y`` as checked float arrays for this network (shapes, finite numbers,
        targets the loss accepts); a ValueError names the first problem."""
        return self._check_all(X, Y)[:2]

    def _check_all(self, X, Y):
        """X and Y as float arrays, checked (shapes, finite, targets), and the checked
        parameters with :meth:`_parameters`' flag.

        Float64 arrays of the right shapes, the usual case, take a short path: one sum of
        squares for X (finite only when every entry is) and the loss's quick target test, which
        also rules out NaN and infinity in Y.  Anything else, or a quick test that fails, goes
        through :mod:`nnlib.validate`, which converts the input or raises the error that names
        the problem.
        """
        n_in, n_out = self.sizes[0], self.sizes[-1]
        quick = self.loss_fn.targets_ok
        if not (quick is not None and type(X) is np.ndarray and type(Y) is np.ndarray
                and X.dtype is _F64 and Y.dtype is _F64
                and X.ndim == 2 and X.shape[1] == n_in and X.shape[0] > 0
                and Y.shape == (X.shape[0], n_out)
                and math.isfinite(np.vdot(X, X)) and quick(Y)):
            X = v.check_X(X, n_in)
            Y = v.check_Y(Y, X.shape[0], n_out, self.loss_fn)
        return (X, Y, *self._parameters())

    def _check_call(self, X, Y, l2, n_train, masks):
        X, Y, _, _ = self._check_all(X, Y)
        l2 = _nonnegative("l2", l2)
        n_train = None if n_train is None else v.check_size("n_train", n_train)
        return X, Y, l2, n_train, v.check_masks(masks, X.shape[0], self.sizes)

    # --- training -------------------------------------------------------------------------
    def reset_velocity(self):
        """Forget the momentum velocity (the next :meth:`fit` or :meth:`step` starts from rest)."""
        self._velocity = None

    def step(self, X, Y, lr, l2=0.0, momentum=0.0, n_train=None, masks=None):
        r"""One gradient-descent update on the batch ``(X, Y)``, without :meth:`fit`'s bookkeeping.

        The same update as one batch of :meth:`fit`: :meth:`forward_cache`,
        :meth:`loss_from_cache`, :meth:`backward`, then
        :math:`\theta \leftarrow \theta - \eta\,\partial J/\partial\theta` (with momentum
        :math:`\mu > 0`: :math:`v \leftarrow \mu v - \eta\,\partial J/\partial\theta`,
        :math:`\theta \leftarrow \theta + v`, the velocity kept between calls; ``momentum=0``
        leaves a stored velocity alone).  No shuffling, no divergence detection.  Every argument
        and every parameter is checked before anything changes; a batch whose loss or gradient
        is not finite raises ValueError and leaves the parameters as they were.

        Parameters
        ----------
        X : array (N, sizes[0]); Y : array (N, sizes[-1])
        lr : float > 0
        l2 : float >= 0, the :math:`\lambda` of :math:`\frac{\lambda}{2N}\sum W^2`
        momentum : float in [0, 1)
        n_train : int >= 1 or None
            N of the L2 term: the size of the training set this batch is drawn from (as
            :meth:`fit` passes it); default: the batch size.
        masks : list of arrays or None, dropout masks for this batch (:meth:`dropout_masks`)

        Returns
        -------
        float
            The batch loss (with the L2 term) measured in the forward pass before the update.
        """
        X, Y, l2, n_train, masks = self._check_call(X, Y, l2, n_train, masks)
        lr = _positive("lr", lr)
        momentum = _fraction("momentum", momentum)
        with np.errstate(all="ignore"):
            return self._update(X, Y, lr, l2, momentum, masks, None, n_train, check=True)

    def _update(self, X, Y, lr, l2, momentum, masks, own, n_train, check=False):
        """One update on checked data: forward_cache, loss_from_cache, backward into the flat
        gradient vector, then the parameters move (with one NumPy call when they are the
        network's own flat views, ``own``; ``None``: find out).  With ``check``, a loss or
        gradient that is not finite raises before the update.  Returns the pre-update loss.
        """
        cache = self.forward_cache(X, masks, _checked=True)
        J = self.loss_from_cache(cache, Y, l2, n_train, _checked=True)
        self.backward(cache, Y, l2, n_train, masks, True, self._grad, _checked=True)
        g = self._grad
        if check and not (math.isfinite(J) and _finite(g)):
            raise ValueError(_OVERFLOW + "; no parameter was changed")
        # update: theta -= lr g, or v = momentum v - lr g and theta += v
        g *= lr
        if momentum:
            if self._velocity is None:
                self._velocity = np.zeros_like(g)
            vel = self._velocity
            vel *= momentum
            vel -= g
        if own is None:
            own = self._parameters()[1]
        if own:
            if momentum:
                self._flat += vel
            else:
                self._flat -= g
        elif momentum:
            for p, u in zip(_interleave(self.weights, self.biases),
                            _interleave(*_views(vel, self.sizes))):
                p += u
        else:
            for p, u in zip(_interleave(self.weights, self.biases),
                            _interleave(self._grad_W, self._grad_b)):
                p -= u
        return J

    # no floating-point warnings while training: a diverging run is detected and reported
    @np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")
    def fit(self, X, Y, lr=0.1, epochs=100, batch_size=None, momentum=0.0, l2=0.0, dropout=0.0,
            seed=0, callback=None, keep_velocity=False, reference_loss=None):
        r"""Train by (mini-batch) gradient descent with optional momentum, L2 and dropout.

        Update per batch (classical momentum, :math:`\mu` = ``momentum``):
        :math:`v \leftarrow \mu v - \eta\,\partial J/\partial\theta`, :math:`\theta \leftarrow \theta + v`.
        Each batch is one :meth:`step` with ``n_train=N`` (the data are checked once per call,
        not per batch); each epoch visits the N samples in the order ``rng.permutation(N)`` of
        ``rng = np.random.default_rng(seed)`` (no shuffling for a full batch), in batches of
        ``batch_size`` (the last one smaller when ``batch_size`` does not divide N).

        **L2, the book's convention.**  The objective is
        :math:`J = \frac1N\sum_n J_n + \frac{\lambda}{2N}\sum W^2` over the N training
        samples, whatever the batch size: a mini-batch of B samples uses its mean loss plus
        :math:`\frac{\lambda}{2N}\sum W^2` (gradient :math:`\frac{\lambda}{N}W`), an unbiased
        estimate of :math:`J` and of its gradient.  scikit-learn's ``MLPClassifier`` puts
        :math:`\frac{\alpha}{2B}\sum W^2` on each batch of B, so the same training needs
        :math:`\alpha = \lambda B/N` (equal for a full batch).

        **Divergence** (the rule of :data:`DIVERGENCE_FACTOR`): with :math:`J_0` the loss of the
        network before the first update on the whole training set, L2 term included (or
        ``reference_loss``), the run stops in the first epoch whose loss is not finite or above
        ``DIVERGENCE_FACTOR * max(J_0, 1)``, or after which a parameter is not finite.

        Parameters
        ----------
        X : array (N, sizes[0]); Y : array (N, sizes[-1])
        lr : float > 0
        epochs : int >= 0
        batch_size : int in 1..N or None (full batch)
        momentum : float in [0, 1)
        l2 : float >= 0, the :math:`\lambda` of :math:`\frac{\lambda}{2N}\sum W^2` (N = training-set size)
        dropout : float in [0, 1), inverted dropout on the hidden layers, during training only
        seed : int >= 0, seeds shuffling and dropout: per epoch ``rng.permutation(N)`` (mini-batches
            only), then per batch, in order, :meth:`dropout_masks` (with ``dropout > 0``)
        callback : callable ``callback(epoch, loss, net)``, called after each epoch; returning
            True (a Python or NumPy bool) stops training.  Its signature is checked before the
            first update; the parameters it leaves are checked before the next epoch.
        keep_velocity : bool, continue with the velocity of the previous call (for step-wise use)
        reference_loss : float or None
            :math:`J_0` of the divergence rule, for a run continued over several calls (pass
            the first call's ``History.reference_loss``); default: measured by this call.

        Returns
        -------
        History
            Per-epoch losses, with ``diverged``/``diverged_epoch``/``message`` and
            ``reference_loss``.  On divergence the parameters are restored to what they were at
            the start of the diverging epoch.
        """
        # every check runs before the first update
        X, Y, params, own = self._check_all(X, Y)
        N = X.shape[0]
        lr = _positive("lr", lr)
        epochs = epochs if type(epochs) is int and epochs >= 0 else v.check_count("epochs", epochs)
        batch_size = v.check_batch_size(batch_size, N)
        momentum = _fraction("momentum", momentum)
        dropout = _fraction("dropout", dropout)
        l2 = _nonnegative("l2", l2)
        seed = seed if type(seed) is int and seed >= 0 else v.check_seed("seed", seed)
        if callback is not None:
            v.check_callback("callback", callback, ("epoch", "loss", "net"))
        keep_velocity = v.check_bool("keep_velocity", keep_velocity)
        if reference_loss is not None:
            reference_loss = v.check_finite("reference_loss", reference_loss)
        full = batch_size >= N
        # the generator is needed only to shuffle mini-batches or to draw dropout masks
        rng = np.random.default_rng(seed) if dropout or not full else None

        if not keep_velocity:
            self._velocity = None  # allocated by the first momentum step
        history = History()
        if epochs == 0:
            return history
        J0 = reference_loss
        if J0 is None and not (full and not dropout):
            # the untrained network's loss on the whole training set, before any update
            J0 = self.loss_from_cache(self.forward_cache(X, _checked=True), Y, l2, N, _checked=True)
        # The parameters at the start of each epoch are kept, to be restored if that epoch
        # diverges, in one flat buffer allocated once per network.  While the parameters are
        # the network's own flat views, one copy keeps them and one sum of squares tests them
        # all for finiteness; arrays assigned by the user are gathered with one concatenate.
        bufs = self.__dict__.get("_snapshot")
        if bufs is None:
            bufs = self._snapshot = (np.empty_like(self._flat), np.empty_like(self._flat))
        start, end = bufs

        for epoch in range(epochs):
            if own:
                np.copyto(start, self._flat)
            else:
                np.concatenate(params, axis=None, out=start)
            if full:
                masks = self.dropout_masks(N, dropout, rng) if dropout else None
                total = self._update(X, Y, lr, l2, momentum, masks, own, N) * N
            else:
                order = rng.permutation(N)
                total = 0.0
                for first in range(0, N, batch_size):
                    idx = order[first:first + batch_size]
                    Xb, Yb = X[idx], Y[idx]
                    n = Xb.shape[0]
                    masks = self.dropout_masks(n, dropout, rng) if dropout else None
                    total += self._update(Xb, Yb, lr, l2, momentum, masks, own, N) * n
            epoch_loss = total / N
            if J0 is None:  # full batch, no dropout: epoch 0's loss is the loss before any update
                J0 = epoch_loss
            if history.reference_loss is None:
                history.reference_loss = J0
                limit = DIVERGENCE_FACTOR * max(J0, 1.0) if math.isfinite(J0) else math.inf
            finite = math.isfinite(epoch_loss) and _finite(
                self._flat if own else np.concatenate(params, axis=None, out=end))
            if not finite or epoch_loss > limit:
                if own:
                    np.copyto(self._flat, start)
                else:
                    _scatter(start, params)
                self._velocity = None
                history.diverged = True
                history.diverged_epoch = epoch
                what = "became non-finite" if not finite else f"rose to {epoch_loss:.3g}"
                history.message = (
                    f"training diverged in epoch {epoch}: the loss {what} "
                    f"(learning rate {lr:g} is probably too large); the parameters were "
                    f"restored to their values at the start of that epoch"
                )
                return history
            history.append(epoch_loss)
            if callback is not None:
                stop = callback(epoch, epoch_loss, self)
                # it may have assigned new arrays or written into the parameters: checked again
                params, own = self._parameters(after=f"the callback of epoch {epoch}")
                if isinstance(stop, (bool, np.bool_)) and stop:
                    break
        return history

    # --- prediction -----------------------------------------------------------------------
    def predict(self, X):
        """Class labels for classifiers, outputs for regression.

        softmax output: the arg-max class (N,); one sigmoid output: 0/1 labels (N,);
        several sigmoid outputs: 0/1 per output (N, K); otherwise the network output.
        """
        A = self.forward(X)
        name = self.activations[-1].name
        if name == "softmax":
            return A.argmax(axis=1)
        if name == "sigmoid":
            labels = (A >= 0.5).astype(int)
            return labels[:, 0] if labels.shape[1] == 1 else labels
        return A

    def accuracy(self, X, Y):
        """Fraction of samples classified correctly; ``Y`` one-hot (N, K), 0/1 (N, 1) or labels (N,)."""
        pred = self.predict(X)
        Y = np.asarray(Y)
        if self.activations[-1].name == "softmax" and Y.ndim == 2:
            Y = Y.argmax(axis=1)
        elif Y.ndim == 2 and Y.shape[1] == 1:
            Y = Y[:, 0]
        if pred.shape != Y.shape:
            raise ValueError(f"accuracy: targets of shape {Y.shape} do not match predictions {pred.shape}")
        return float(np.mean(pred == Y))
