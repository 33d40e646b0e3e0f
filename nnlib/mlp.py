r"""The multilayer perceptron: forward pass and backprop in matrix form.

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

:class:`MLP` inherits its parameter storage (one flat vector, :class:`nnlib.params.Parameters`)
and its training methods (``step`` and ``fit``, :class:`nnlib.training.Training`, with
:class:`~nnlib.training.History` and the divergence rule).
"""

from __future__ import annotations

import math
import operator

import numpy as np

from . import validate as v
from .activations import ACTIVATIONS, Activation, get_activation, softmax_and_log
from .layers import linear_backward, linear_forward
from .losses import check_pair, get_loss, is_fused, loss_from_logits, output_delta
from .params import OVERFLOW_MESSAGE, Parameters, all_finite, interleave, views
from .training import Training

__all__ = ["MLP", "ForwardCache"]

_F64 = np.dtype(np.float64)
_SOFTMAX = ACTIVATIONS["softmax"]


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


class MLP(Parameters, Training):
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
            out = (_DEFAULT_OUTPUT.get(self.loss_fn.name)
                   or (self.loss_fn.outputs or ("identity",))[0])
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
        self._own_parameters(np.concatenate(interleave(weights, biases), axis=None))

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

    def __repr__(self):
        acts = ", ".join(a.name for a in self.activations)
        return f"MLP({self.sizes}, activations=[{acts}], loss={self.loss_name!r})"

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
        if not all_finite(A.ravel()):
            raise ValueError(OVERFLOW_MESSAGE)
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
            raise ValueError(OVERFLOW_MESSAGE)
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
            gWs, gbs = views(np.empty(self.n_params) if out is None else out, self.sizes)
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
        if not all_finite(flat):
            raise ValueError(OVERFLOW_MESSAGE)
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
        l2 = v.check_nonnegative("l2", l2)
        n_train = None if n_train is None else v.check_size("n_train", n_train)
        return X, Y, l2, n_train, v.check_masks(masks, X.shape[0], self.sizes)

    # --- training -------------------------------------------------------------------------
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
        """Fraction of samples classified correctly; ``Y`` one-hot (N, K), 0/1 (N, 1) or labels
        (N,)."""
        pred = self.predict(X)
        Y = np.asarray(Y)
        if self.activations[-1].name == "softmax" and Y.ndim == 2:
            Y = Y.argmax(axis=1)
        elif Y.ndim == 2 and Y.shape[1] == 1:
            Y = Y[:, 0]
        if pred.shape != Y.shape:
            raise ValueError(f"accuracy: targets of shape {Y.shape} do not match predictions "
                             f"{pred.shape}")
        return float(np.mean(pred == Y))
