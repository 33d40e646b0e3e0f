"""The residual test: ``claimed - truth``, reduced exactly, is 0 when and only when a claim holds.

:func:`residual` brings the difference to a canonical form (rational functions of the
atomized function applications, or :func:`sympy.simplify` for identities about one concrete
function) and :func:`is_zero` reads the verdict off it.
"""

from __future__ import annotations

import sympy

__all__ = ["residual", "is_zero"]


# --- the residual -----------------------------------------------------------------------------
def _atomize(expr, names):
    """Replace every function application by a symbol, named after its argument when the
    argument is a known pre-activation entry (so ``phi(x11*w11 + ...)`` becomes the symbol
    :math:`\\phi(z^{(1)}_{11})`).  Outer applications are replaced whole (``xreplace`` is
    top-down), so ``exp(Z2)`` with ``tanh(Z1)`` inside becomes one symbol.  An exponential
    of a multiple of a pre-activation, ``exp(c z)``, becomes :math:`(e^{z})^c`, so that
    ``exp(z) * exp(-z)`` cancels as it should."""
    funcs = expr.atoms(sympy.Function)
    funcs = {f for f in funcs if not isinstance(f, sympy.Piecewise)}
    if not funcs:
        return expr
    mapping = {}
    for f in funcs:
        arg = f.args[0] if len(f.args) == 1 else None
        if arg is not None and arg in names:
            mapping[f] = sympy.Symbol(sympy.latex(f.func(names[arg])))
        elif isinstance(f, sympy.exp):
            c, p = arg.as_content_primitive()
            if p in names or p.is_Symbol:
                mapping[f] = sympy.Symbol(sympy.latex(sympy.exp(names.get(p, p)))) ** c
            elif -p in names or (-p).is_Symbol:
                mapping[f] = sympy.Symbol(sympy.latex(sympy.exp(names.get(-p, -p)))) ** (-c)
            else:
                mapping[f] = sympy.Symbol(sympy.latex(f))
        else:
            # an argument that is not a pre-activation (a plain symbol, a number): keep the
            # application readable by naming the symbol after it
            mapping[f] = sympy.Symbol(sympy.latex(f))
    return expr.xreplace(mapping)


def _reduce(expr, names, method):
    if expr == 0:
        return sympy.Integer(0)
    if method == "simplify":
        # tanh and friends are written with exp first, so identities between them and the
        # sigmoid (tanh a = 2 sigma(2a) - 1) reduce to rational functions of exp
        return sympy.simplify(sympy.simplify(expr).rewrite(sympy.exp))
    e = _atomize(expr, names) if names is not None else expr
    e = sympy.together(e)
    num, den = sympy.fraction(e)
    num = sympy.expand(num)
    if num == 0:
        return sympy.Integer(0)
    r = sympy.cancel(num / den)
    # factoring makes a short residual readable; a long one is shown expanded (factoring a
    # large polynomial costs seconds and rarely makes it shorter)
    return sympy.factor(r) if sympy.count_ops(r) < 150 else r


def residual(claimed, truth, names=None, method="rational", subs=None):
    """The simplified difference ``claimed - truth``: 0 (or a zero matrix) exactly when the
    claim holds.

    Parameters
    ----------
    claimed, truth : sympy expression or Matrix
    names : dict, optional
        Pre-activation entry -> display symbol (``SymbolicNetwork.names``).  With it, every
        function application (``phi``, ``exp``, ``tanh`` ...) is replaced by a symbol before
        the rational simplification, which is exact for identities that do not rely on a
        property of the function (the backprop formulas) and keeps the residual readable.
        Pass ``{}`` to atomize without display names.
    method : {"rational", "simplify"}
        ``"rational"`` (default): together, expand the numerator, cancel, factor.
        ``"simplify"``: :func:`sympy.simplify`, for identities about a concrete function
        (sigmoid' = sigmoid (1 - sigmoid)); scalar-sized expressions only.
    subs : dict, optional
        Substitutions applied to the difference first (e.g. a constraint ``y_12 = 1 - y_11``).

    Returns
    -------
    sympy expression or Matrix

    Raises
    ------
    ValueError
        When the shapes of two matrices differ (a check's run turns that into a failing verdict).
    """
    if method not in ("rational", "simplify"):
        raise ValueError(f"method must be 'rational' or 'simplify'; got {method!r}")
    cm, tm = isinstance(claimed, sympy.MatrixBase), isinstance(truth, sympy.MatrixBase)
    if cm != tm or (cm and claimed.shape != truth.shape):
        shapes = [m.shape if isinstance(m, sympy.MatrixBase) else "scalar" for m in (claimed, truth)]
        raise ValueError(f"shape mismatch: claim {shapes[0]}, truth {shapes[1]}")
    diff = claimed - truth
    if subs:
        diff = diff.subs(subs)
    if cm:
        return diff.applyfunc(lambda e: _reduce(e, names, method))
    return _reduce(diff, names, method)


def is_zero(r):
    """True when a residual (expression or Matrix) is exactly zero."""
    if isinstance(r, sympy.MatrixBase):
        return all(e == 0 for e in r)
    return r == 0
