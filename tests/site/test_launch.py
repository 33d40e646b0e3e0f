"""The launch buttons work, as far as a machine without a network can tell.

- Binder: binder/ installs the book's own requirements.txt and then nnlib from this
  repository (postBuild), on the Python the Makefile uses.
- Colab: every chapter notebook starts with a code cell that installs nnlib when it is
  missing and does nothing where it is installed; the cell is tagged ``remove-cell``, so the
  site does not show it.
- No launch button points to a placeholder host; every one points to a service that is
  configured, with the page's own notebook.

What only a network can check (that mybinder.org builds the image, that Colab runs the first
cell) is in the README, with the manual steps.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest
import yaml

from conftest import ROOT, toc_docnames

BINDER = ROOT / "binder"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
INSTALL_TAG = "remove-cell"
CHAPTERS = [name for name in toc_docnames() if (ROOT / f"{name}.ipynb").exists()]
# What a launch button may point to: the services _config.yml configures, nothing else.
LAUNCH_HOSTS = {"mybinder.org", "colab.research.google.com"}


def _repository() -> tuple[str, str]:
    """(owner/name, branch) of the book's repository, from _config.yml."""
    url = urlsplit(CONFIG["repository"]["url"])
    assert url.netloc == "github.com", CONFIG["repository"]["url"]
    return url.path.strip("/"), CONFIG["repository"]["branch"]


def _install_cell(name: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(ROOT / f"{name}.ipynb", as_version=4)
    return next(cell for cell in notebook.cells if cell.cell_type == "code")


# ---------------------------------------------------------------------------------------------
# Binder


def test_binder_installs_the_book_requirements() -> None:
    lines = [line.strip() for line in (BINDER / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    # pip resolves a nested -r relative to the file that names it.
    included = [(BINDER / line.split(None, 1)[1]).resolve() for line in lines
                if line.startswith("-r ")]
    assert ROOT / "requirements.txt" in included, (
        f"binder/requirements.txt must include the book's requirements.txt: {lines}")


def test_binder_python_is_the_makefile_python() -> None:
    makefile_python = re.search(r"^PYTHON \?= python(\d+\.\d+)$",
                                (ROOT / "Makefile").read_text(), re.MULTILINE).group(1)
    assert (BINDER / "runtime.txt").read_text().strip() == f"python-{makefile_python}"


def test_binder_post_build_installs_nnlib(tmp_path: Path) -> None:
    """Run binder/postBuild with a stand-in ``python`` that records how it is called: it must
    ask pip to install the repository root (the package named nnlib), from the root."""
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    record = tmp_path / "calls"
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$PWD|$*" >> {record}\n')
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    subprocess.run([str(post_build)], cwd=ROOT, env=env, check=True)
    calls = [line.split("|", 1) for line in record.read_text().splitlines()]
    installs = [(cwd, args.split()) for cwd, args in calls if args.startswith("-m pip install")]
    assert installs, f"postBuild never ran pip install: {calls}"
    cwd, args = installs[-1]
    target = args[args.index("-e") + 1] if "-e" in args else args[-1]
    assert (Path(cwd) / target).resolve() == ROOT, (cwd, args)
    assert re.search(r'^name = "nnlib"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)


# ---------------------------------------------------------------------------------------------
# Colab


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_starts_with_the_install_cell(name: str) -> None:
    cell = _install_cell(name)
    assert "find_spec(\"nnlib\")" in cell.source, (
        f"{name}.ipynb: the first code cell must install nnlib where it is missing (Colab)")
    assert INSTALL_TAG in cell.metadata.get("tags", []), (
        f"{name}.ipynb: the install cell must be tagged {INSTALL_TAG!r} so the site hides it")
    assert not cell.get("outputs"), f"{name}.ipynb: where nnlib is installed it prints nothing"


def _run_install_cell(source: str, nnlib_found: bool, colab: bool,
                      monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    import importlib.util

    pip_calls: list = []
    widget_manager: list = []
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: pip_calls.append(args))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: (
        real_find_spec(name, *rest) if nnlib_found or name != "nnlib" else None))
    if colab:
        output = types.SimpleNamespace(
            enable_custom_widget_manager=lambda: widget_manager.append(True))
        google = types.ModuleType("google")
        colab_module = types.ModuleType("google.colab")
        colab_module.output = output
        google.colab = colab_module
        monkeypatch.setitem(sys.modules, "google", google)
        monkeypatch.setitem(sys.modules, "google.colab", colab_module)
    exec(compile(source, "install cell", "exec"), {})
    return pip_calls, widget_manager


def test_install_cell_does_nothing_where_nnlib_is_installed(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    pip_calls, widget_manager = _run_install_cell(_install_cell(CHAPTERS[0]).source, True,
                                                  True, monkeypatch)
    assert pip_calls == [] and widget_manager == []
    assert capsys.readouterr() == ("", "")


def test_install_cell_installs_nnlib_from_the_repository_in_colab(
        monkeypatch: pytest.MonkeyPatch) -> None:
    repo, branch = _repository()
    pip_calls, widget_manager = _run_install_cell(_install_cell(CHAPTERS[0]).source, False,
                                                  True, monkeypatch)
    assert len(pip_calls) == 1, pip_calls
    command = pip_calls[0][0]
    assert command[:4] == [sys.executable, "-m", "pip", "install"], command
    assert f"git+https://github.com/{repo}@{branch}" in command, command
    assert widget_manager == [True]


def test_every_chapter_has_the_same_install_cell() -> None:
    sources = {name: _install_cell(name).source for name in CHAPTERS}
    first = sources[CHAPTERS[0]]
    differ = [name for name, source in sources.items() if source != first]
    assert not differ, f"install cell differs from {CHAPTERS[0]}'s in: {differ}"


# ---------------------------------------------------------------------------------------------
# The built site


def _launch_links(html: str) -> list[str]:
    menu = re.search(r'<div class="dropdown dropdown-launch-buttons">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="([^"]+)"', menu.group(1)) if menu else []


def test_site_hides_the_install_cell(built_site: Path) -> None:
    shown = [name for name in CHAPTERS
             if "enable_custom_widget_manager" in (built_site / f"{name}.html").read_text()]
    assert not shown, f"the install cell shows on the site: {shown}"


def test_launch_buttons_point_to_configured_services(built_site: Path) -> None:
    repo, branch = _repository()
    problems = []
    for name in CHAPTERS:
        links = _launch_links((built_site / f"{name}.html").read_text())
        hosts = {urlsplit(link).netloc for link in links}
        if hosts != LAUNCH_HOSTS:
            problems.append(f"{name}: launch hosts {sorted(hosts)}, expected "
                            f"{sorted(LAUNCH_HOSTS)}")
        for link in links:
            parts = urlsplit(link)
            target = unquote(parts.path) + " " + " ".join(
                value for values in parse_qs(parts.query).values() for value in values)
            if repo not in target or f"{name}.ipynb" not in target:
                problems.append(f"{name}: {link} does not open {repo}'s {name}.ipynb")
        if not links:
            problems.append(f"{name}: no launch buttons")
    assert not problems, "\n".join(problems)
