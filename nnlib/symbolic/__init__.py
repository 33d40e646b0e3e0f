"""nnlib.symbolic: every formula of the book checked by SymPy.

* :mod:`.network` builds networks of SymPy symbols and their ground-truth gradients
  (``sympy.diff`` of the scalar loss with respect to every weight and bias);
* :mod:`.checks` is the registry: a :class:`Check` has an id, a chapter, an equation label,
  a source document, a one-line claim and its LaTeX; ``run()`` returns a result with
  ``.holds`` and ``.residual`` that renders in a notebook as the claim and its verdict;
* :mod:`.derivations` registers the claims the book uses (they must hold);
* :mod:`.errata` registers the sources' mistakes, each as a pair: the claim as the source
  writes it (must fail) and the correction (must hold), plus the conventions that only look
  like mistakes;
* :mod:`.crosscheck` compares the ground truth, lambdified, with ``nnlib.MLP.gradients``.

Typical use in a chapter::

    import nnlib.symbolic as sym
    sym.show("backprop-matrix.delta1")      # a one-line verdict that opens to say what was checked
    sym.show_chapter("softmax")             # every check the chapter cites
    sym.summary(["backprop-matrix.delta1"]) # a table of formulas and verdicts (no check ids)
    sym.errata()                            # the sources' mistakes, as data
"""

from .checks import (CHAPTERS, Check, CheckResult, Comparison, REGISTRY, SuiteResult,
                     all_checks, checks_for, get_check, register, run_all, show, show_chapter,
                     summary)
from .errata import Convention, Erratum, conventions, errata, show_errata
from .network import (SymbolicNetwork, build_network, generic_activation, hadamard, is_zero, phi,
                      phi_prime, psi, psi_prime, residual, softmax_rows, symbol_matrix)

__all__ = [
    "CHAPTERS", "Check", "CheckResult", "Comparison", "REGISTRY", "SuiteResult", "all_checks",
    "checks_for", "get_check", "register", "run_all", "show", "show_chapter", "summary",
    "Convention", "Erratum", "conventions", "errata", "show_errata",
    "SymbolicNetwork", "build_network", "generic_activation", "hadamard", "is_zero", "phi",
    "phi_prime", "psi", "psi_prime", "residual", "softmax_rows", "symbol_matrix",
]
from . import part1b  # noqa: E402,F401  (checks of the chapters activations, softmax, losses)
from . import part1a  # noqa: E402,F401  checks of the chapters notation, forward-pass, bias
from . import part2a  # noqa: E402,F401  checks of the chapters chain-rule, backprop-matrix
from . import part2b  # noqa: E402,F401  checks of the chapters backprop-any-depth, gradient-checking
