"""Shared fixtures: the website is built once per test session, here, and both
``test_book.py`` (links, assets) and ``test_browser.py`` (every page in Chromium) read that build.

Pages are listed from ``_toc.yml`` at collection time (so each page is its own test);
``test_book.py::test_built_pages_match_toc`` checks that the built site holds exactly those
pages, so no built page escapes the browser test.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# BOOK_OUTPUT=/some/dir builds into /some/dir/_build instead of the work tree's _build, so that
# two test runs on one machine do not overwrite each other's site.
OUTPUT_DIR = Path(os.environ.get("BOOK_OUTPUT") or ROOT).resolve()
BUILD_DIR = OUTPUT_DIR / "_build"
HTML_DIR = BUILD_DIR / "html"
BUILD_LOG = BUILD_DIR / "build.log"

# Pages Sphinx writes that are not in the table of contents (no general index: the book has no
# index entries, and _config.yml turns it off with html_use_index: false).
GENERATED_PAGES = ("search",)


def _toc_files(entries: list[dict]) -> list[str]:
    """Every ``file:`` in a list of toc entries, depth first, in reading order."""
    files = []
    for entry in entries:
        if "file" in entry:
            files.append(entry["file"])
        for key in ("parts", "chapters", "sections"):
            files.extend(_toc_files(entry.get(key, [])))
    return files


def toc_docnames() -> list[str]:
    """Docnames (paths without extension) of every page listed in ``_toc.yml``, root first."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    names = [toc["root"]] + _toc_files(toc.get("parts", []) + toc.get("chapters", []))
    return [str(Path(name).with_suffix("")) if Path(name).suffix in {".md", ".ipynb"} else name
            for name in names]


def site_pages() -> list[str]:
    """Every HTML page of the site as a path relative to ``_build/html``."""
    return [f"{name}.html" for name in toc_docnames() + list(GENERATED_PAGES)]


def jupyter_book_command() -> list[str]:
    """The ``jupyter-book`` of the running interpreter's environment."""
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    found = shutil.which("jupyter-book")
    if found is None:
        pytest.fail("jupyter-book is not installed in this environment (run `make test`)")
    return [found]


@dataclasses.dataclass(frozen=True)
class BookBuild:
    returncode: int
    log: str
    seconds: float
    html_dir: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines()
                if "WARNING" in line or "ERROR" in line or "CRITICAL" in line]


@pytest.fixture(scope="session")
def book_build() -> BookBuild:
    """Build the whole site from scratch (``--all``: an incremental build would not repeat the
    warnings of unchanged pages) with warnings as errors and nitpicky references."""
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(HTML_DIR, ignore_errors=True)  # no stale page may pass for a built one
    command = jupyter_book_command() + ["build", str(ROOT), "--path-output", str(OUTPUT_DIR),
                                        "--all", "-W", "-n", "--keep-going"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    BUILD_LOG.write_text(log)
    return BookBuild(result.returncode, log, seconds, HTML_DIR)


@pytest.fixture(scope="session")
def built_site(book_build: BookBuild) -> Path:
    """The HTML folder of a build that succeeded; tests that read pages depend on this."""
    if book_build.returncode != 0:
        pytest.fail(f"the book build failed (exit {book_build.returncode}); "
                    f"see {BUILD_LOG}:\n" + "\n".join(book_build.warnings[-30:]))
    return book_build.html_dir


# ---------------------------------------------------------------------------------------------
# nnlib.symbolic: print the symbolic check suite's total time at the end of the run (issue 3).
# Reads the results cached by nnlib.symbolic.registry in this process (empty under xdist's
# controller, where nothing is printed).
def pytest_terminal_summary(terminalreporter):
    import sys

    registry = sys.modules.get("nnlib.symbolic.registry")
    results = registry.cached_results() if registry else []
    if results:
        seconds = sum(r.seconds for r in results)
        held = sum(r.holds for r in results)
        slowest = max(results, key=lambda r: r.seconds)
        terminalreporter.write_sep("-", "nnlib.symbolic")
        terminalreporter.write_line(
            f"{len(results)} symbolic checks ran in {seconds:.1f} s "
            f"({held} hold, {len(results) - held} fail as asserted); "
            f"slowest {slowest.check.id} {slowest.seconds:.2f} s")


# ---------------------------------------------------------------------------------------------
# Helpers shared by the unit, property, figure, widget and twin tests (`from conftest import ...`).
def random_targets(loss: str, rng: np.random.Generator, N: int, K: int,
                   hard: bool = False) -> np.ndarray:
    """N rows of K targets valid for ``loss``: probability rows for cross-entropy, entries in
    [0, 1] for binary cross-entropy, any real numbers for MSE.  ``hard=True``: one-hot rows for
    cross-entropy and 0/1 entries for binary cross-entropy (labels, not probabilities)."""
    if loss == "cross_entropy":
        if hard:
            return np.eye(K)[rng.integers(0, K, size=N)]
        return rng.dirichlet(np.ones(K), size=N)
    if loss == "binary_cross_entropy":
        if hard:
            return rng.integers(0, 2, size=(N, K)).astype(float)
        return rng.uniform(0, 1, size=(N, K))
    return rng.normal(size=(N, K))


def flat_gradients(dWs, dbs) -> np.ndarray:
    """Gradients ``(dWs, dbs)`` as one vector in ``MLP.get_flat``'s order W1, b1, W2, b2, ...
    (each W row by row)."""
    return np.concatenate([p.ravel() for dW, db in zip(dWs, dbs) for p in (dW, db)])


def pixels(fig) -> np.ndarray:
    """The figure rendered by Agg as an RGBA array (a copy), to compare two drawings; Agg also
    renders a widget's figure, which is closed in pyplot and has no canvas of its own."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure after each test that opened one (matplotlib is not
    imported for the tests that do not use it)."""
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


@pytest.fixture
def ax():
    """A fresh matplotlib Axes on the Agg backend, its figure closed after the test."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


# ---------------------------------------------------------------------------------------------
# Under pytest-xdist with --dist loadgroup (make test-fast), the symbolic tests share one worker:
# nnlib.symbolic caches each check's result in its process, so two workers would both run much
# of the SymPy suite.
def pytest_collection_modifyitems(config, items):
    symbolic = ROOT / "tests" / "symbolic"
    for item in items:
        if symbolic in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("symbolic"))
