r"""Softmax and its Jacobian at one logit vector, and the cost of the two backward passes
(chapter "Softmax and its Jacobian").

* :func:`softmax_view` gives the probabilities :math:`s` and the Jacobian
  :math:`J = \operatorname{diag}(s) - s s^T` (both from :mod:`nnlib.activations`);
* :func:`backward_flops` counts the arithmetic of the two ways to push a gradient back through
  softmax (build :math:`J`, then :math:`J^T g`; or the product :math:`s \odot (g - g\cdot s)`
  without :math:`J`).
"""

from __future__ import annotations

from .. import validate as v
from ..activations import softmax, softmax_jacobian

__all__ = ["softmax_view", "backward_flops"]


def softmax_view(z):
    r"""Probabilities and Jacobian of softmax at one logit vector.

    Parameters
    ----------
    z : array, shape (n,), n >= 2

    Returns
    -------
    s : array, shape (n,)
        ``nnlib.activations.softmax(z)``.
    J : array, shape (n, n)
        ``nnlib.activations.softmax_jacobian(z)``; ``J[i, j]`` is :math:`\partial s_i/\partial z_j`.
    """
    z = v.check_array("z", z, ndim=1)
    if z.size < 2:
        raise ValueError(f"z must be one logit vector with at least 2 entries; got shape {z.shape}")
    return softmax(z), softmax_jacobian(z)


def backward_flops(n):
    r"""Floating-point operations to compute :math:`dz = J^T g` for one sample of n classes.

    Counted operation by operation (one multiply, add or subtract each):

    * ``"jacobian"``: build :math:`J = \operatorname{diag}(s) - s s^T` (:math:`n^2` products
      :math:`s_i s_j`, :math:`n` subtractions on the diagonal), then :math:`J^T g`
      (:math:`n^2` products and :math:`n(n-1)` additions): :math:`3n^2`;
    * ``"vjp"`` (the vector-Jacobian product, without :math:`J`): :math:`g\cdot s`
      (:math:`n` products, :math:`n-1` additions),
      :math:`g - (g\cdot s)` (:math:`n` subtractions), :math:`s\odot(\dots)` (:math:`n`
      products): :math:`4n - 1`.

    Returns
    -------
    dict with ``"jacobian"``, ``"vjp"`` (operation counts) and ``"jacobian_floats"``,
    ``"vjp_floats"`` (numbers stored besides s and g: :math:`n^2` and 1).
    """
    n = v.check_int("n (the number of classes)", n, 1)
    build = n * n + n
    product = n * n + n * (n - 1)
    vjp = (n + (n - 1)) + n + n
    return {"jacobian": build + product, "vjp": vjp, "jacobian_floats": n * n, "vjp_floats": 1}
