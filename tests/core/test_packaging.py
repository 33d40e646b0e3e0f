"""Packaging: nnlib's core works where only NumPy is installed, and pyproject.toml's dependency
and extras carry the same version bounds as requirements.txt (the book's environment)."""

import json
import os
import pathlib
import subprocess
import sys
import tomllib

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXTRAS_ONLY = ("sympy", "matplotlib", "ipywidgets")

# Run with `python -I -S` (no site-packages, no PYTHON* variables, no current directory on the
# path) and a sys.path made of the standard library and one folder holding links to NumPy (its
# package, its bundled libraries and metadata) and to nnlib, nothing else: an environment where
# `pip install nnlib` has installed NumPy only.
NUMPY_ONLY_SCRIPT = r"""
import importlib, importlib.util, json, sys
sys.path.insert(0, sys.argv[1])
blocked = sys.argv[2].split(",")
result = {"importable": [m for m in blocked if importlib.util.find_spec(m) is not None]}

import numpy as np
import nnlib
from nnlib import MLP, check_grad, gradcheck, one_hot
from nnlib.datasets import xor
from nnlib.gradcheck import RTOL

core = ["activations", "losses", "layers", "params", "mlp", "training", "gradcheck",
        "datasets", "validate"]
for name in core:
    importlib.import_module("nnlib." + name)
X, labels = xor()
Y = one_hot(labels, 2)
net = MLP([2, 4, 2], activations="tanh", loss="cross_entropy", seed=0)
history = net.fit(X, Y, lr=0.5, epochs=400)
result["first_loss"], result["last_loss"] = history[0], history[-1]
result["accuracy"] = net.accuracy(X, Y)
result["gradcheck"] = gradcheck(net, X, Y)
result["gradcheck_ok"] = result["gradcheck"] < RTOL
result["check_grad"] = check_grad(lambda x: float(np.sum(np.tanh(x))), np.array([0.3, -1.2]),
                                  df=lambda x: 1 - np.tanh(x) ** 2)
result["loaded"] = sorted(m for m in sys.modules if m.split(".")[0] in blocked)
result["numpy"] = np.__file__
result["nnlib"] = nnlib.__file__
print(json.dumps(result))
"""


def _numpy_only_path(tmp_path):
    site = pathlib.Path(np.__file__).resolve().parent.parent
    links = sorted(p for p in site.iterdir() if p.name == "numpy" or p.name.startswith("numpy."))
    links += sorted(site.glob("numpy-*.dist-info"))
    for p in links + [ROOT / "nnlib"]:
        (tmp_path / p.name).symlink_to(p, target_is_directory=p.is_dir())
    return tmp_path


def test_core_works_with_numpy_only(tmp_path):
    path = _numpy_only_path(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-c", NUMPY_ONLY_SCRIPT, str(path), ",".join(EXTRAS_ONLY)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, f"nnlib's core failed where only NumPy is installed:\n{proc.stderr}"
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    # the environment really is NumPy-only: the extras cannot even be found there
    assert r["importable"] == [], f"not a NumPy-only environment: {r['importable']} importable"
    assert r["loaded"] == []
    assert r["numpy"].startswith(str(path)) and r["nnlib"].startswith(str(path))
    # the core does its work there: training learns XOR, both gradient checkers pass
    assert r["last_loss"] < r["first_loss"] / 10 and r["accuracy"] == 1.0, r
    assert r["gradcheck_ok"], r
    assert r["check_grad"] < 1e-6, r


def _requirements():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = line.split("=")[0].split(">")[0].split("<")[0].split("[")[0].strip().lower()
            pins[name] = line.replace(" ", "")
    return pins


def _name(spec):
    return spec.split("=")[0].split(">")[0].split("<")[0].split("[")[0].strip().lower()


def test_pyproject_declares_numpy_alone_and_the_rest_as_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert [_name(d) for d in project["dependencies"]] == ["numpy"]
    extras = project["optional-dependencies"]
    assert {_name(d) for d in extras["symbolic"]} == {"sympy"}
    assert {_name(d) for d in extras["plot"]} == {"matplotlib"}
    assert {_name(d) for d in extras["widgets"]} == {"ipywidgets", "matplotlib"}
    assert extras["all"] == ["nnlib[symbolic,plot,widgets]"]


@pytest.mark.parametrize("group", ["dependencies", "symbolic", "plot", "widgets"])
def test_requirements_install_what_pyproject_declares_with_the_same_bounds(group):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] if group == "dependencies" else \
        project["optional-dependencies"][group]
    pins = _requirements()
    for spec in specs:
        assert pins.get(_name(spec)) == spec.replace(" ", ""), (
            f"pyproject.toml's {spec!r} ({group}) and requirements.txt's "
            f"{pins.get(_name(spec))!r} differ")
