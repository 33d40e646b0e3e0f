"""nnlib: the NumPy network package behind *Backprop, Checked*.

One shape convention everywhere (that of source 000): **rows are samples**.

* ``X`` has shape (N, n_in): N samples, one per row.
* A layer computes ``Z = A_prev @ W + b`` with ``W`` of shape (n_in, n_out) and ``b`` of
  shape (n_out,), broadcast over the rows; then ``A = phi(Z)``.
* Gradients: ``delta = dJ/dZ`` (N, n_out), ``dW = A_prev.T @ delta``, ``db = delta.sum(0)``.

Sources written in columns (001's ``a = W^T x + b``, 002/003's ``f(W x)``, 004's Theta) are
translated to this convention where the book uses them; see the chapter "Notation".
"""

from . import activations, datasets, layers, losses, training
from .activations import ACTIVATIONS, get_activation
from .datasets import one_hot, train_test_split
from .gradcheck import (
    check_grad,
    gradcheck,
    numerical_gradients,
    numerical_jacobian,
    relative_error,
)
from .layers import append_ones, fold_bias, repeated_bias, unfold_bias
from .losses import FUSED, LOSSES, get_loss
from .mlp import MLP
from .training import History

__all__ = [
    "MLP", "History", "ACTIVATIONS", "LOSSES", "FUSED", "get_activation", "get_loss",
    "gradcheck", "numerical_gradients", "relative_error", "check_grad", "numerical_jacobian",
    "one_hot", "train_test_split",
    "append_ones", "fold_bias", "unfold_bias", "repeated_bias",
    "activations", "losses", "layers", "datasets", "training",
]
__version__ = "0.1.0"
