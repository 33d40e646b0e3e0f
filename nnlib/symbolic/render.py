"""How a page shows a verdict: the LaTeX and Markdown layout of check results.

A result renders as a quiet proof beside the equation the page has just shown: one verdict line
(a MyST dropdown, a ``<details>`` on the website, e.g. "✔ The hidden delta: SymPy
differentiates J and agrees, on one 2-3-2 tanh-softmax network (cross-entropy), N = 2") that
opens to the claim as registered, the ground truth and the instance.  The formula is not
printed a second time in the open, and no check id reaches the page.  A failing claim (a
source's mistake, a planted bug) also shows its residual under the line, the residual in the
book's symbols when the check gives one (``Comparison.explain``, proven equal to it), and
otherwise its non-zero entries one per line when it is too wide for the page column
(:func:`residual_display`).

The functions here take a :class:`~nnlib.symbolic.registry.CheckResult` (its methods call
them) and import nothing of the registry.  :func:`describe` says in words what a run compared
and on which instance; :func:`prose` sets the plain-text notation of a claim (``w_23^(2)``) as
inline math.
"""

from __future__ import annotations

import re

import sympy

from .network import DIFFERENTIATED

__all__ = [
    "VERIFIED", "FAILS", "MAX_WIDTH", "latex_width", "residual_display", "verdict",
    "residual_markdown", "details_markdown", "markdown", "latex", "describe",
    "describe_instance", "plain_number", "prose", "display", "Markdown",
]

VERIFIED = "\u2714 verified by SymPy"
FAILS = "\u2718 fails"

MAX_WIDTH = 72
"""How many characters of typeset math fit on one line of the page column (an estimate:
:func:`latex_width` counts sub- and superscripts at full size, so real lines are narrower)."""


def latex_width(tex):
    """Rough count of the characters a LaTeX formula shows on one line.

    Control words (``\\sigma``) count as one character, sizing commands (``\\left``) and
    braces, ``_`` and ``^`` as none; a fraction counts as its wider part.  Good enough to tell
    a formula that fits the page column from one that does not.
    """
    t = re.sub(r"\\(left|right|[bB]ig{1,2}[lr]?)\b", "", tex)
    t = re.sub(r"\\(begin|end)\{[a-z]*\}", "", t)
    # innermost fractions first: \frac{a}{b} is as wide as the wider of a and b
    frac = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
    while True:
        t2 = frac.sub(lambda m: max(m.group(1), m.group(2), key=_plain_len), t)
        if t2 == t:
            break
        t = t2
    return _plain_len(t)


def _plain_len(t):
    t = re.sub(r"\\[a-zA-Z]+", "x", t)
    t = re.sub(r"\\.", "x", t)
    return len(re.sub(r"[{}_^\s&]", "", t))


def _split_terms(expr, width):
    """LaTeX lines (for an ``aligned`` block) of one expression, split between the terms of its
    longest sum so that no line is much wider than ``width``."""
    tex = sympy.latex(expr)
    if latex_width(tex) <= width:
        return [tex]
    prefix, inner, suffix = "", expr, ""
    if expr.is_Mul:
        coeff, factors = expr.as_coeff_mul()
        adds = [f for f in factors if f.is_Add]
        if adds:
            inner = max(adds, key=lambda f: len(f.args))
            others = [f for f in factors if f is not inner]
            # the numeric coefficient is printed apart, so that SymPy cannot distribute it
            # over another sum among the factors (which would change the meaning of the line)
            parts = [r"\left(%s\right)" % sympy.latex(f) if f.is_Add else sympy.latex(f)
                     for f in others]
            head = "-" if coeff == -1 else "" if coeff == 1 else sympy.latex(coeff)
            prefix = head + r"\,".join(([] if head in ("", "-") else [""]) + parts)
            prefix = prefix + r"\,\Big(" if parts or head not in ("", "-") else prefix + r"\Big("
            suffix = r"\Big)"
    if not inner.is_Add:
        return [tex]
    lines, cur = [], prefix
    for k, term in enumerate(inner.as_ordered_terms()):
        t = sympy.latex(term)
        piece = t if k == 0 or t.startswith("-") else "+ " + t
        if cur.strip() not in ("", prefix.strip()) and latex_width(cur + piece) > width:
            lines.append(cur)
            cur = r"\quad " + piece
        else:
            cur = cur + " " + piece
    lines.append(cur + suffix)
    return lines


def residual_display(res, width=MAX_WIDTH):
    """The LaTeX that shows a residual in a page column: the residual itself when it fits on a
    line, otherwise its non-zero entries one per line (``r_{ij} = ...``), long sums split
    between terms.  ``None`` gives an empty string."""
    if res is None:
        return ""
    tex = sympy.latex(res)
    if isinstance(res, sympy.MatrixBase):
        cols = [max(latex_width(sympy.latex(res[i, j])) for i in range(res.rows))
                for j in range(res.cols)]
        fits = sum(cols) + 3 * res.cols <= width
    else:
        fits = latex_width(tex) <= width
    if fits:
        return tex
    if not isinstance(res, sympy.MatrixBase):
        lines = _split_terms(res, width)
        return r"\begin{aligned}" + r"\\ ".join("&" + line for line in lines) + r"\end{aligned}"
    rows = []
    for i in range(res.rows):
        for j in range(res.cols):
            e = res[i, j]
            if e == 0:
                continue
            idx = (f"{j + 1}" if res.rows == 1 else f"{i + 1}" if res.cols == 1
                   else f"{i + 1}{j + 1}")
            lines = _split_terms(e, width - 6)
            rows.append(r"r_{%s} &= %s" % (idx, lines[0]))
            rows.extend("&" + line for line in lines[1:])
    zeros = sum(1 for e in res if e == 0)
    if zeros:
        rows.append(r"&\text{(the other %d entries are 0)}" % zeros)
    return r"\begin{aligned}" + r"\\ ".join(rows) + r"\end{aligned}"


# --- one result -------------------------------------------------------------------------------
_VERBS = {
    "derivative": {True: "SymPy differentiates J and agrees",
                   False: "SymPy's own derivative disagrees"},
    "algebra": {True: "SymPy simplifies claim \u2212 truth to 0",
                False: "SymPy finds claim \u2212 truth is not 0"},
    "numeric": {True: "the printed numbers match SymPy's exact values",
                False: "the printed numbers do not match SymPy's exact values"},
}
"""How a verdict line says what was done, by method and outcome."""


def _capital(text):
    return text[:1].upper() + text[1:]


def _instance(r, short=False):
    if isinstance(r.instance, tuple):
        return r.instance[0 if short else 1]
    return r.instance


def verdict(r):
    """One line of plain text: the mark, the claim's title, how it was checked and on what,
    e.g. ``"✔ The hidden delta: SymPy differentiates J and agrees, for any φ, on one 2-3-2
    network (MSE), N = 2"``.  No check id: this is what a reader sees."""
    mark = "\u2714" if r.holds else "\u2718"
    how = _VERBS[r.method][r.holds]
    if r.residual is None and not r.holds:
        how = "the matrix shapes do not conform"
    elif r.method == "derivative" and r.holds and "network" not in _instance(r):
        how = "SymPy's own derivative agrees"  # no network, so no J to speak of
    return f"{mark} {r.check.title}: {how}, {_instance(r, short=True)}"


def residual_markdown(r):
    """The residual as the page shows it: one display formula ``claim − truth = ...`` (the
    non-zero entries one per line when the matrix is too wide), or the shape mismatch in
    words.  Empty when the claim holds."""
    if r.holds:
        return ""
    if r.residual is None:
        return f"SymPy: {r.detail}."
    if r.explained:
        return f"$$\n\\text{{claim}} - \\text{{truth}} = {r.explained}\n$$"
    shown = residual_display(r.residual)
    if shown.startswith(r"\begin{aligned}"):
        return f"claim \u2212 truth, its non-zero entries:\n\n$$\n{shown}\n$$"
    return f"$$\n\\text{{claim}} - \\text{{truth}} = {shown}\n$$"


def details_markdown(r, claim=True):
    """What was checked, in Markdown: the claim as registered (``claim=False`` leaves its
    formula out, for a page that shows it just above), the ground truth, the instance and
    the result."""
    c = r.check
    claim_text = _capital(prose(c.claim))
    parts = [f"**Claim.** {claim_text}" + ("" if claim_text.endswith(".") else ".")]
    if claim:
        parts.append(f"$$\n{c.latex}\n$$")
    parts.append(f"**Compared with.** {r.truth}.")
    parts.append(f"**Instance.** {_capital(_instance(r))}.")
    if r.holds:
        parts.append("**Result.** " + ("the difference is within the tolerance."
                                       if r.method == "numeric" else
                                       "claim \u2212 truth simplifies to exactly 0."))
    elif r.residual is None:
        parts.append(f"**Result.** {r.detail}.")
    else:
        parts.append("**Result.** claim \u2212 truth is not 0."
                     + (f" {r.detail}." if r.detail else ""))
        if r.explained:
            parts.append("SymPy proves that short form equal to the residual's entries:\n\n"
                         f"$$\n{residual_display(r.residual)}\n$$")
    return "\n\n".join(parts)


def markdown(r, claim=None):
    """The verdict as a page shows it: a MyST dropdown (a ``<details>`` on the website and in
    JupyterLab) whose one-line title is :func:`verdict` and whose body is
    :func:`details_markdown`; a failing claim also shows its residual, compactly, under it.
    (A raw ``<details>`` block would do on the website, but JupyterLab's MyST renderer does
    not typeset the mathematics inside one.)

    ``claim=None`` or ``False`` (the default) shows the formula only inside the details:
    the page has just shown it, as a numbered equation or as the source's words.
    ``claim=True`` also shows a failing claim's formula in the open, above its residual."""
    fails = not r.holds
    show_claim = bool(claim)
    title = re.sub(r"([\\`*_\[\]<>])", r"\\\1", verdict(r))  # plain text, not Markdown
    out = (f":::{{dropdown}} {title}\n\n"
           f"{details_markdown(r, claim=not (fails and show_claim))}\n:::\n")
    if fails:
        if show_claim:
            out += f"\n$$\n{r.check.latex}\n$$\n"
        out += f"\n{residual_markdown(r)}\n"
    return out


def latex(r):
    """The claim and its verdict as one LaTeX line (a notebook's ``text/latex`` view)."""
    res = "" if r.residual is None else sympy.latex(r.residual)
    tail = (r"\quad\text{%s}" % VERIFIED) if r.holds else (
        r"\quad\text{%s: residual } %s" % (FAILS, res or r"\text{%s}" % r.detail))
    return f"$\\displaystyle {r.check.latex}{tail}$"


def plain_number(x):
    """A number or a matrix of numbers as readers write them: ``0.4256`` or ``[0.4256, 0.5744]``
    (rows of a matrix as nested lists), four significant digits."""
    if isinstance(x, sympy.MatrixBase):
        if 1 in x.shape:  # a row or a column: one list
            return "[" + ", ".join(plain_number(v) for v in x) + "]"
        return "[" + ", ".join(plain_number(x.row(i)) for i in range(x.rows)) + "]"
    return f"{float(sympy.N(x, 15)):.4g}"


# --- what a run compared, in words --------------------------------------------------------------
_LOSS_NAMES = {"mse": "MSE", "cross_entropy": "cross-entropy",
               "binary_cross_entropy": "binary cross-entropy"}


def _generic_functions(*exprs):
    """The generic activations (φ, ψ, σ, g of :func:`~.network.generic_activation`) that occur in
    the expressions, in a stable order."""
    names = set()
    for e in exprs:
        if e is None:
            continue
        items = list(e) if isinstance(e, sympy.MatrixBase) else [e]
        for item in items:
            if isinstance(item, sympy.Basic):
                for f in item.atoms(sympy.Function):
                    g = getattr(type(f), "generic", None)
                    if g:
                        names.add(g)
    return sorted(names)


def _and(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_instance(nets, generic=(), claimed=None):
    """The instance of a check in words, from the networks its build used, the generic
    activations in its claim, and (without a network) the claim's shape and symbols.

    Examples: ``"for any φ and ψ, on one 2-3-2 network (MSE), N = 2"``; ``"on 4 networks
    (2-2, 2-2-2, 2-2-2-2, 2-2-2-2-2), N = 1, 2 and 3"``; ``"for every value of a"``.
    """
    parts = []
    if generic:
        parts.append("for any " + _and(generic))
    nets = [n for n in dict.fromkeys(nets)]
    if len(nets) == 1:
        n = nets[0]
        acts = [a for a in dict.fromkeys(n.activations) if a not in ("phi", "psi")]
        kind = "-".join(a.replace("_", " ") for a in acts)
        kind = f" {kind}" if kind else ""
        parts.append(f"on one {'-'.join(map(str, n.sizes))}{kind} network "
                     f"({_LOSS_NAMES.get(n.loss, n.loss)}), N = {n.N}")
    elif nets:
        shapes = list(dict.fromkeys("-".join(map(str, n.sizes)) for n in nets))
        Ns = sorted({n.N for n in nets})
        parts.append(f"on {len(nets)} networks ({', '.join(shapes)}), "
                     f"N = {_and([str(k) for k in Ns])}")
    elif isinstance(claimed, sympy.MatrixBase):
        parts.append(f"on symbolic matrices of one size (a {claimed.rows}\u00d7{claimed.cols} "
                     f"result)")
    elif isinstance(claimed, sympy.Basic):
        syms = sorted(claimed.free_symbols, key=str)
        plain = [str(x) for x in syms if re.fullmatch(r"\\?[A-Za-z]+(_\d)?", str(x))]
        if syms and len(plain) == len(syms) and len(syms) <= 4:
            shown = [sympy.pretty(sympy.Symbol(str(x).lstrip("\\").removeprefix("var")),
                                  use_unicode=True) for x in syms]
            parts.append("for every value of " + _and(shown))
        elif len(syms) == 1:
            parts.append("for every value of its symbol")
        elif syms:
            parts.append(f"for every value of its {len(syms)} symbols")
        else:
            parts.append("on the numbers given")
    return ", ".join(parts) if parts else "on one instance"


def describe(check, comp, used):
    """``(truth, instance, method)`` of a run, in words: ``used`` lists the networks its build
    used (and :data:`~nnlib.symbolic.network.DIFFERENTIATED` when it differentiated)."""
    nets = [n for n in used if not isinstance(n, str)]
    if comp is not None and comp.tolerance is not None:
        method = "numeric"
        truth = (f"SymPy's exact values, evaluated to 15 digits; the claim holds when every "
                 f"number is within {comp.tolerance:g} of them")
    elif DIFFERENTIATED in used:
        method = "derivative"
        of = ("of the loss J with respect to every entry" if nets
              else "of the function, entry by entry")
        truth = (f"SymPy's own differentiation (sympy.diff) {of}; the difference is reduced "
                 "exactly" + (" by sympy.simplify" if comp is not None
                              and comp.method == "simplify" else ""))
    else:
        method = "algebra"
        truth = ("the same quantity computed directly by SymPy; the difference is reduced "
                 "exactly" + (" by sympy.simplify" if comp is not None
                               and comp.method == "simplify" else
                               " (common denominator, expand, cancel)"))
    if check.truth:
        truth = check.truth
    if check.scope:
        instance = check.scope
        if isinstance(instance, tuple):  # (for the verdict line, in full for the details)
            return truth, instance, method
    elif method == "numeric":
        instance = "on the numbers as printed" + (
            ", with " + describe_instance(nets).removeprefix("on ") if nets else "")
    else:
        claimed = None if comp is None else comp.claimed
        generic = () if comp is None else _generic_functions(comp.claimed, comp.truth)
        instance = describe_instance(nets, generic, claimed)
    return truth, instance, method


# --- the sources' plain-text notation, set as inline math -----------------------------------
_GREEK = ("delta", "Delta", "Theta", "theta", "sigma", "phi", "lambda", "eta", "psi", "tanh")


def _script(tok, k):
    """The argument of a ``^`` or ``_`` at ``tok[k]``: a parenthesized group or a run of
    letters and digits, or a braced group kept as it is; returns (LaTeX group, index after it)."""
    if k < len(tok) and tok[k] in "{(":
        opening = tok[k]
        closing = "}" if opening == "{" else ")"
        depth, m = 0, k
        while m < len(tok):
            depth += {opening: 1, closing: -1}.get(tok[m], 0)
            m += 1
            if depth == 0:
                break
        group = tok[k:m]
        return (group if opening == "{" else "{" + group + "}"), m
    m = k
    while m < len(tok) and tok[m].isalnum():
        m += 1
    return "{" + tok[k:m] + "}", m


def _math_token(tok):
    out, k = "", 0
    while k < len(tok):
        if tok[k] in "^_":
            group, k2 = _script(tok, k + 1)
            out += tok[k] + group
            k = k2
        else:
            out += tok[k]
            k += 1
    for name in _GREEK:
        out = re.sub(r"((?<=/d)|(?<![A-Za-z\\]))%s(?![A-Za-z])" % name, r"\\" + name, out)
    return out


def prose(text):
    """Plain-text notation of the errata's descriptions (``w_23^(2)``, ``(Z^(1))^T``) with every
    word that carries a sub- or superscript set as inline math, for the rendered page.

    Formulas already written as inline math (``$\\hat y - y$``) are kept as they are."""
    parts = re.split(r"(\$[^$]+\$)", text)
    return "".join(part if part.startswith("$") and part.endswith("$") and len(part) > 1
                   else _prose_words(part) for part in parts)


def _prose_words(text):
    words = []
    for word in text.split(" "):
        core = word.rstrip(".,;:")
        tail = word[len(core):]
        if ("^" in core or "_" in core) and core.count("(") >= core.count(")") - 1:
            words.append("$" + _math_token(core) + "$" + tail)
        else:
            words.append(word)
    return " ".join(words)


class Markdown(str):
    """A string that a notebook renders as Markdown."""

    def _repr_markdown_(self):
        return str(self)


def display(obj):
    """Display ``obj`` in a notebook; in plain Python print a result's verdict line (or the
    object)."""
    try:
        from IPython.display import display as ipython_display
    except ImportError:  # plain Python: print the verdict line
        print(verdict(obj) if hasattr(obj, "check") and hasattr(obj, "holds") else obj)
        return
    ipython_display(obj)
