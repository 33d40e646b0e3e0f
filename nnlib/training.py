r"""Training: :class:`History`, the divergence rule and the gradient-descent loop.

:class:`Training` holds the training half of :class:`~nnlib.mlp.MLP` (which inherits it):
:meth:`~Training.step`, one update on a batch, and :meth:`~Training.fit`, the loop over epochs
and mini-batches with momentum, L2, dropout and the divergence rule of
:data:`DIVERGENCE_FACTOR`.  Each batch runs the network's one forward pass
(:meth:`MLP.forward_cache <nnlib.mlp.MLP.forward_cache>`) and its one backward pass
(:meth:`MLP.backward <nnlib.mlp.MLP.backward>`), writing the gradients into the flat vector of
:mod:`nnlib.params`.
"""

from __future__ import annotations

import math

import numpy as np

from . import validate as v
from .params import OVERFLOW_MESSAGE, all_finite, interleave, scatter, views

__all__ = ["DIVERGENCE_FACTOR", "History", "Training"]


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



class Training:
    """The training methods of :class:`~nnlib.mlp.MLP` (its base class): ``reset_velocity``,
    ``step`` and ``fit``.

    They use what ``MLP`` sets up: the flat parameter and gradient vectors with their views, the
    momentum velocity, and the checks of data and parameters.
    """

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
        lr = v.check_positive("lr", lr)
        momentum = v.check_fraction("momentum", momentum)
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
        if check and not (math.isfinite(J) and all_finite(g)):
            raise ValueError(OVERFLOW_MESSAGE + "; no parameter was changed")
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
            for p, u in zip(interleave(self.weights, self.biases),
                            interleave(*views(vel, self.sizes))):
                p += u
        else:
            for p, u in zip(interleave(self.weights, self.biases),
                            interleave(self._grad_W, self._grad_b)):
                p -= u
        return J

    # no floating-point warnings while training: a diverging run is detected and reported
    @np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")
    def fit(self, X, Y, lr=0.1, epochs=100, batch_size=None, momentum=0.0, l2=0.0, dropout=0.0,
            seed=0, callback=None, keep_velocity=False, reference_loss=None):
        r"""Train by (mini-batch) gradient descent with optional momentum, L2 and dropout.

        Update per batch (classical momentum, :math:`\mu` = ``momentum``):
        :math:`v \leftarrow \mu v - \eta\,\partial J/\partial\theta`,
        :math:`\theta \leftarrow \theta + v`.
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
        l2 : float >= 0, the :math:`\lambda` of :math:`\frac{\lambda}{2N}\sum W^2`
            (N = training-set size)
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
        lr = v.check_positive("lr", lr)
        epochs = epochs if type(epochs) is int and epochs >= 0 else v.check_count("epochs", epochs)
        batch_size = v.check_batch_size(batch_size, N)
        momentum = v.check_fraction("momentum", momentum)
        dropout = v.check_fraction("dropout", dropout)
        l2 = v.check_nonnegative("l2", l2)
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
            finite = math.isfinite(epoch_loss) and all_finite(
                self._flat if own else np.concatenate(params, axis=None, out=end))
            if not finite or epoch_loss > limit:
                if own:
                    np.copyto(self._flat, start)
                else:
                    scatter(start, params)
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
