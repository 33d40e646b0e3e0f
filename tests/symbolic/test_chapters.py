"""nnlib.symbolic.chapters: every registered check gives the verdict the book asserts, and each
chapter's checks live in the module named after its notebook, in the order its page shows them."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

import nnlib.symbolic as sym
from nnlib.symbolic import registry
from nnlib.symbolic.chapters.any_depth import STEP_SIZES, step_delta, step_gradients
from nnlib.symbolic.network import record_networks
from nnlib.symbolic.residual import residual

ROOT = Path(__file__).resolve().parents[2]
ALL = sym.all_checks()


# --- every registered check ------------------------------------------------------------------
@pytest.mark.parametrize("check", ALL, ids=[c.id for c in ALL])
def test_registered_check_has_the_asserted_verdict(check):
    result = check.run()
    if check.expect:
        assert result.holds, f"{check.id} should hold: {result.verdict()}"
        assert sym.is_zero(result.residual)
    else:
        assert not result.holds, f"{check.id} is a source's mistake and must fail"
        # a failing claim shows why: a non-zero residual or a shape mismatch
        assert result.detail or not sym.is_zero(result.residual)


@pytest.mark.parametrize("check", ALL, ids=[c.id for c in ALL])
def test_check_metadata(check):
    assert check.chapter in sym.CHAPTERS
    assert check.label.startswith("eq-")
    assert check.source in ("000", "001", "002", "003", "004", "book")
    assert check.claim and check.latex


def test_registry_covers_the_chapters():
    for chapter in ("forward-pass", "bias", "activations", "softmax", "losses", "chain-rule",
                    "backprop-matrix", "backprop-any-depth", "gradient-checking", "beyond",
                    "errata"):
        assert sym.checks_for(chapter), chapter
    assert len({c.id for c in ALL}) == len(ALL)


def test_softmax_jacobian_for_n_2_3_4():
    for n in (2, 3, 4):
        assert sym.get_check(f"softmax.jacobian-n{n}").run().holds


def test_every_check_has_a_heading_of_its_own():
    """A page shows each check under its title; a check without one would be headed by its id."""
    for chapter in registry.CHAPTERS:
        sym.checks_for(chapter)
    bare = sorted(id for id, c in registry.REGISTRY.items() if c.title == id)
    assert not bare, f"checks without a title (the page would show the raw id): {bare}"


def test_the_any_depth_recursion_covers_depths_1_to_4_and_several_batches():
    for cid, depths, Ns in (("backprop-any-depth.recursion-3-layers", {1, 2, 3, 4}, {1, 2, 3}),
                            ("backprop-any-depth.gradients-3-layers", {1, 2, 3}, {1, 2})):
        check = sym.get_check(cid)
        with record_networks() as used:
            check.build()
        nets = [n for n in used if not isinstance(n, str)]
        assert {len(n.sizes) - 1 for n in nets} == depths, cid
        assert {n.N for n in nets} == Ns, cid
        assert all(set(n.activations) <= {"phi", "psi"} for n in nets)  # generic activations
        assert check.run().holds


@pytest.mark.parametrize("sizes", STEP_SIZES)
def test_the_generic_layer_step_holds_and_a_planted_transpose_fails(sizes):
    N, _, n_l, n_next = sizes
    assert all(e == 0 for e in residual(*step_delta(N, n_l, n_next)))
    if n_l == n_next > 1:  # W for W^T: well formed for a square W, and wrong unless 1x1
        bad = residual(*step_delta(N, n_l, n_next, transpose=False))
        assert any(e != 0 for e in bad)
    claimed, truth = step_gradients(*sizes[:3])
    assert all(e == 0 for e in residual(sympy.Matrix(claimed), sympy.Matrix(truth)))


# --- one module per chapter, in the page's order ------------------------------------------------
CHAPTER_MODULES = ROOT / "nnlib" / "symbolic" / "chapters"


def _module_of(check):
    """The file that defines a check's build, and the line where the build starts."""
    return Path(inspect.getsourcefile(check.build)), check.build.__code__.co_firstlineno


def test_every_chapter_module_is_named_after_a_chapter_notebook():
    modules = sorted(p.stem for p in CHAPTER_MODULES.glob("*.py") if p.stem != "__init__")
    assert len(modules) == len(sym.CHAPTERS)
    for name in modules:
        assert (ROOT / "chapters" / f"{name}.ipynb").exists(), name


@pytest.mark.parametrize("chapter", sym.CHAPTERS)
def test_a_chapters_checks_live_in_its_module_in_the_order_the_page_shows_them(chapter):
    """Every check of a chapter is built in one module of nnlib/symbolic/chapters, which holds no
    other chapter's checks, and show_chapter's order is the order of the builds in that file."""
    where = [_module_of(c) for c in sym.checks_for(chapter)]
    files = {path for path, _ in where}
    assert len(files) == 1, f"{chapter}: checks built in {sorted(f.name for f in files)}"
    path = files.pop()
    assert path.parent == CHAPTER_MODULES, path
    others = {c.chapter for c in ALL if _module_of(c)[0] == path}
    assert others == {chapter}, f"{path.name} registers checks of {sorted(others)}"
    lines = [line for _, line in where]
    assert lines == sorted(lines), f"{chapter}: the page's order is not the module's"


def test_importing_the_package_registers_every_chapters_checks():
    """A fresh ``import nnlib.symbolic`` (nothing else imported) registers every check that the
    chapter modules hold."""
    code = "import nnlib.symbolic as s; print(' '.join(s.REGISTRY))"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split()
    ours = [c.id for c in ALL if _module_of(c)[0].parent == CHAPTER_MODULES]
    assert sorted(fresh) == sorted(ours)
    assert len(ours) >= 179
