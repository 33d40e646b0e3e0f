"""The layout of nnlib (ARCHITECTURE.md, issue 14), read from the source with ``ast``:

* no module imports a private name (``_name``) of another module, by ``from m import _name``
  or by ``m._name`` on an imported module;
* no import cycle, counting the imports inside functions too;
* the layers import downwards only: core -> core; experiments -> core, experiments;
  plot -> core, experiments, plot; widgets -> core, experiments, plot, widgets;
  symbolic -> core, symbolic.  The core and the experiments import neither matplotlib nor
  ipywidgets nor SymPy, and plot never ipywidgets;
* every module is under 500 lines;
* ``import nnlib`` loads neither matplotlib nor SymPy nor ipywidgets, and the subpackages other
  than ``nnlib.symbolic`` load none of them just by being imported.

Each rule is checked by a function that takes the folder of a package, so that the tests at the
end can plant a violation of each rule in a small package of their own and see it reported.
"""

from __future__ import annotations

import ast
import json
import pathlib
import subprocess
import sys
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NNLIB = ROOT / "nnlib"
MAX_LINES = 500

# who may import whom (the package's own modules); a module directly in nnlib/ is "core"
LAYERS = {
    "core": {"core"},
    "experiments": {"core", "experiments"},
    "plot": {"core", "experiments", "plot"},
    "widgets": {"core", "experiments", "plot", "widgets"},
    "symbolic": {"core", "symbolic"},
}
HEAVY = ("matplotlib", "ipywidgets", "sympy")
# third-party packages a layer must not import, even inside a function
FORBIDDEN = {
    "core": set(HEAVY),
    "experiments": set(HEAVY),
    "plot": {"ipywidgets", "sympy"},
}


# --- reading the package ------------------------------------------------------------------------
def read_package(folder):
    """``{module name: (path, ast tree)}`` for every .py file of the package in ``folder``."""
    folder = pathlib.Path(folder)
    out = {}
    for path in sorted(folder.rglob("*.py")):
        parts = (folder.name,) + path.relative_to(folder).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = (path, ast.parse(path.read_text(), filename=str(path)))
    return out


def _package_of(name, path):
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _base(node, package):
    """The module a ``from ... import`` takes its names from (relative imports resolved)."""
    if not node.level:
        return node.module
    base = package.split(".")
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(modules):
    """Every import of every module: ``(module, line, target, names)``.

    ``target`` is the imported module's full name (resolved for relative imports), ``names`` the
    names taken from it by ``from target import ...`` (empty for ``import target``).  A
    ``from package import sub`` whose ``sub`` is a module of the package counts as importing
    ``package.sub``.  Imports inside functions count as well.
    """
    out = []
    for name, (path, tree) in modules.items():
        package = _package_of(name, path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out.extend((name, node.lineno, alias.name, ()) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _base(node, package)
                plain = []
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in modules:
                        out.append((name, node.lineno, sub, ()))
                    else:
                        plain.append(alias.name)
                if plain:
                    out.append((name, node.lineno, base, tuple(plain)))
    return out


def _where(modules, name, line):
    path = modules[name][0]
    try:
        shown = path.relative_to(ROOT)
    except ValueError:
        shown = path
    return f"{shown}:{line}"


def layer_of(name, modules):
    """The layer of a module: "core" for nnlib itself and a module directly inside it, else the
    name of its subpackage (None for a subpackage that is no layer)."""
    parts = name.split(".")
    if len(parts) == 1 or (len(parts) == 2 and modules[name][0].name != "__init__.py"):
        return "core"
    return parts[1] if parts[1] in LAYERS else None


# --- the rules ----------------------------------------------------------------------------------
def private_imports(modules):
    """Imports of another module's private names, and ``module._name`` uses of them."""
    problems = []
    for name, line, target, names in imports(modules):
        if target in modules and target != name:
            for n in names:
                if n.startswith("_") and not n.startswith("__"):
                    problems.append(f"{_where(modules, name, line)}: {name} imports the private "
                                    f"name {n} from {target}")
    for name, (path, tree) in modules.items():
        bound = {}  # local name -> the package's module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                bound.update((alias.asname, alias.name) for alias in node.names
                             if alias.asname and alias.name in modules)
            elif isinstance(node, ast.ImportFrom):
                base = _base(node, _package_of(name, path))
                bound.update((alias.asname or alias.name, f"{base}.{alias.name}")
                             for alias in node.names if f"{base}.{alias.name}" in modules)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in bound and bound[node.value.id] != name
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                problems.append(f"{_where(modules, name, node.lineno)}: {name} uses the private "
                                f"name {node.attr} of {bound[node.value.id]}")
    return sorted(set(problems))


def import_cycles(modules):
    """Each import cycle among the package's modules, as "a -> b -> a" with the lines."""
    edges = {}
    for name, line, target, _ in imports(modules):
        if target in modules and target != name:
            edges.setdefault(name, {}).setdefault(target, line)
    # Tarjan's strongly connected components, then one cycle through each component
    index, low, stack, on, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(modules):
        if v not in index:
            visit(v)
    problems = []
    for comp in comps:
        start, members = comp[0], set(comp)
        path, seen = [start], {start}
        while True:  # walk inside the component until it closes
            nxt = sorted(w for w in edges[path[-1]] if w in members)
            step = start if start in nxt and len(path) > 1 else next(
                (w for w in nxt if w not in seen), start)
            path.append(step)
            if step == start or step in seen:
                break
            seen.add(step)
        hops = " -> ".join(f"{a} ({_where(modules, a, edges[a][b])})"
                           for a, b in zip(path, path[1:]))
        problems.append(f"import cycle among {', '.join(comp)}: {hops} -> {path[-1]}")
    return problems


def layer_violations(modules):
    """Imports against the direction of the layers, and heavy packages where they don't belong."""
    problems = []
    for name, line, target, _ in imports(modules):
        layer = layer_of(name, modules)
        where = _where(modules, name, line)
        if layer is None:
            problems.append(f"{where}: {name} is in no layer (core, {', '.join(LAYERS)})")
            continue
        top = target.split(".")[0]
        if target in modules:
            other = layer_of(target, modules)
            if other not in LAYERS[layer]:
                problems.append(f"{where}: {name} ({layer}) imports {target} ({other}); {layer} "
                                f"may import only {', '.join(sorted(LAYERS[layer]))}")
        elif top in FORBIDDEN.get(layer, ()):
            problems.append(f"{where}: {name} ({layer}) imports {top}, which the {layer} layer "
                            f"must not use")
    return sorted(set(problems))


def long_modules(modules, limit=MAX_LINES):
    problems = []
    for name, (path, _) in modules.items():
        n = len(path.read_text().splitlines())
        if n >= limit:
            problems.append(f"{_where(modules, name, 1)}: {name} has {n} lines (limit: under "
                            f"{limit})")
    return problems


def heavy_modules_loaded(package, folder):
    """The heavy packages (matplotlib, ipywidgets, SymPy) that ``import package`` loads, in a
    fresh interpreter that finds the package in ``folder``'s parent."""
    code = (f"import sys; sys.path.insert(0, {str(pathlib.Path(folder).parent)!r}); "
            f"import {package}, json; print(json.dumps(sorted(m for m in sys.modules "
            f"if m.split('.')[0] in {HEAVY!r})))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=pathlib.Path(folder).parent)
    assert proc.returncode == 0, f"import {package} failed:\n{proc.stderr}"
    return sorted({m.split(".")[0] for m in json.loads(proc.stdout.splitlines()[-1])})


def _report(problems, rule):
    return f"{len(problems)} module(s) break the rule {rule}:\n  " + "\n  ".join(problems)


# --- nnlib itself -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def nnlib_modules():
    return read_package(NNLIB)


def test_no_module_imports_a_private_name_of_another(nnlib_modules):
    problems = private_imports(nnlib_modules)
    assert not problems, _report(problems, "'no private name from another module'")


def test_no_import_cycle(nnlib_modules):
    problems = import_cycles(nnlib_modules)
    assert not problems, _report(problems, "'no import cycle (module or function level)'")


def test_layers_import_downwards_only(nnlib_modules):
    problems = layer_violations(nnlib_modules)
    assert not problems, _report(problems, "'the layers of ARCHITECTURE.md'")


def test_every_module_is_under_500_lines(nnlib_modules):
    problems = long_modules(nnlib_modules)
    assert not problems, _report(problems, f"'every module under {MAX_LINES} lines'")


SUBPACKAGES = ["nnlib"] + [f"nnlib.{p.name}" for p in sorted(NNLIB.iterdir())
                           if (p / "__init__.py").exists() and p.name != "symbolic"]


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_importing_nnlib_and_its_subpackages_loads_no_heavy_package(package):
    loaded = heavy_modules_loaded(package, NNLIB)
    assert loaded == [], f"import {package} loads {', '.join(loaded)}"


# --- each rule can fail: a small package with one planted violation per rule ---------------------
def _plant(tmp_path, files):
    root = tmp_path / "nnlib"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return read_package(root)


def test_planted_private_imports_are_reported(tmp_path):
    modules = _plant(tmp_path, {
        "mlp.py": "def _helper():\n    pass\n",
        "training.py": "from .mlp import _helper\n",
        "plot/curves.py": "from .. import mlp\n\n\ndef f():\n    return mlp._helper()\n",
        "plot/ok.py": "from . import curves\nfrom ..mlp import __name__ as n\n",
    })
    problems = private_imports(modules)
    assert len(problems) == 2, problems
    assert "training.py:1: nnlib.training imports the private name _helper from nnlib.mlp" \
        in problems[1] and "plot/curves.py:5: nnlib.plot.curves uses the private name _helper " \
        "of nnlib.mlp" in problems[0]


def test_planted_import_cycles_are_reported_also_inside_functions(tmp_path):
    modules = _plant(tmp_path, {
        "widgets/a.py": "from . import b\n",
        "widgets/b.py": "def later():\n    from .a import thing\n    return thing\n",
        "core1.py": "import numpy\n",
    })
    problems = import_cycles(modules)
    assert len(problems) == 1, problems
    assert problems[0].startswith("import cycle among nnlib.widgets.a, nnlib.widgets.b: "
                                  "nnlib.widgets.a (") and "widgets/b.py:2" in problems[0]


@pytest.mark.parametrize("rel,text,expected", [
    ("mlp.py", "from .plot import curves\n", "nnlib.mlp (core) imports nnlib.plot.curves (plot)"),
    ("mlp.py", "def f():\n    import matplotlib.pyplot\n",
     "nnlib.mlp (core) imports matplotlib"),
    ("experiments/xor.py", "from ..widgets import base\n",
     "nnlib.experiments.xor (experiments) imports nnlib.widgets.base (widgets)"),
    ("experiments/xor.py", "import ipywidgets\n", "imports ipywidgets"),
    ("plot/curves.py", "from ..widgets.base import Widget\n",
     "nnlib.plot.curves (plot) imports nnlib.widgets.base (widgets)"),
    ("plot/curves.py", "import ipywidgets as w\n", "imports ipywidgets"),
    ("symbolic/registry.py", "from ..plot import curves\n",
     "nnlib.symbolic.registry (symbolic) imports nnlib.plot.curves (plot)"),
    ("symbolic/registry.py", "from ..experiments.xor import trials\n",
     "imports nnlib.experiments.xor (experiments)"),
    ("gadgets/thing.py", "import numpy\n", "nnlib.gadgets.thing is in no layer"),
])
def test_planted_layer_violations_are_reported(tmp_path, rel, text, expected):
    files = {"plot/curves.py": "import matplotlib\n", "widgets/base.py": "import ipywidgets\n",
             "experiments/xor.py": "def trials():\n    pass\n", "mlp.py": "import numpy\n",
             "symbolic/registry.py": "import sympy\nfrom .. import mlp\n"}
    assert layer_violations(_plant(tmp_path / "clean", files)) == []
    problems = layer_violations(_plant(tmp_path / "planted", files | {rel: text}))
    assert len(problems) == 1 and expected in problems[0], problems


def test_planted_long_module_is_reported(tmp_path):
    modules = _plant(tmp_path, {"short.py": "x = 1\n" * (MAX_LINES - 1),
                                "long.py": "x = 1\n" * MAX_LINES})
    assert long_modules(modules) == [
        f"{tmp_path / 'nnlib' / 'long.py'}:1: nnlib.long has {MAX_LINES} lines (limit: under "
        f"{MAX_LINES})"]


def test_planted_heavy_import_is_reported(tmp_path):
    _plant(tmp_path / "light", {"mlp.py": "import json\n"})
    assert heavy_modules_loaded("nnlib", tmp_path / "light" / "nnlib") == []
    _plant(tmp_path / "heavy", {"mlp.py": "import json\n", "__init__.py": "from . import mlp\n",
                                "plot/__init__.py": "import matplotlib\n"})
    assert heavy_modules_loaded("nnlib", tmp_path / "heavy" / "nnlib") == []
    assert heavy_modules_loaded("nnlib.plot", tmp_path / "heavy" / "nnlib") == ["matplotlib"]
