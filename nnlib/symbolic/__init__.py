"""nnlib.symbolic: every formula of the book checked by SymPy.

The modules, from the ground up:

* :mod:`.symbols`: the symbols the checks are written in: generic activations (``phi``,
  ``psi``, source 002's ``sigma``, source 004's ``g``) and their derivatives, the concrete
  activations and losses, matrices of symbols, and helpers several chapters share;
* :mod:`.network`: networks of SymPy symbols with their ground-truth gradients (``sympy.diff``
  of the scalar loss with respect to every weight and bias), and the sources' own networks
  that a chapter and the errata both check (``net_000``, ``net_001``, ``net_002`` ...);
* :mod:`.residual`: ``claimed - truth`` reduced exactly; 0 when and only when a claim holds;
* :mod:`.registry`: a :class:`Check` has an id, a chapter, an equation label, a source
  document, a one-line claim and its LaTeX; ``run()`` returns a :class:`CheckResult` with
  ``.holds`` and ``.residual``; ``show``, ``show_chapter`` and ``summary`` put them on a page;
* :mod:`.render`: how a page lays out a verdict (a one-line dropdown that opens to what was
  checked, a failing claim's residual fitted to the page column);
* :mod:`.quotes`: the words of the sources each check rests on;
* :mod:`.errata`: the sources' mistakes and the conventions that only look like mistakes, as
  records; :mod:`.errata_prose` writes them as the errata page shows them;
* :mod:`.chapters`: one module per chapter, named after its notebook
  (``chapters/softmax.ipynb`` -> :mod:`.chapters.softmax`), registering every check the
  chapter shows in the order the page shows them; the appendix "Reading the sources"
  (``chapters/notation.ipynb``) holds the ``notation.*`` checks, and the errata's SymPy
  builds are in :mod:`.chapters.errata`;
* :mod:`.crosscheck` compares the ground truth, lambdified, with ``nnlib.MLP.gradients``.

``import nnlib.symbolic`` registers every check.  Typical use in a chapter::

    import nnlib.symbolic as sym
    sym.show("backprop-matrix.delta1")      # a one-line verdict that opens to say what was checked
    sym.show_chapter("softmax")             # every check the chapter cites
    sym.summary(["backprop-matrix.delta1"]) # a table of formulas and verdicts (no check ids)
    sym.errata()                            # the sources' mistakes, as data
"""

from . import chapters  # noqa: F401  (registers every chapter's checks)
from .errata import Convention, Erratum, conventions, errata, show_conventions, show_errata
from .network import SymbolicNetwork, build_network
from .registry import (
                       CHAPTERS,
                       REGISTRY,
                       Check,
                       CheckResult,
                       Comparison,
                       SuiteResult,
                       all_checks,
                       checks_for,
                       get_check,
                       register,
                       run_all,
                       show,
                       show_chapter,
                       summary,
)
from .residual import is_zero, residual
from .symbols import (
                       generic_activation,
                       hadamard,
                       phi,
                       phi_prime,
                       psi,
                       psi_prime,
                       softmax_rows,
                       symbol_matrix,
)

__all__ = [
    "CHAPTERS", "Check", "CheckResult", "Comparison", "REGISTRY", "SuiteResult", "all_checks",
    "checks_for", "get_check", "register", "run_all", "show", "show_chapter", "summary",
    "Convention", "Erratum", "conventions", "errata", "show_errata", "show_conventions",
    "SymbolicNetwork", "build_network", "generic_activation", "hadamard", "is_zero", "phi",
    "phi_prime", "psi", "psi_prime", "residual", "softmax_rows", "symbol_matrix",
]
