"""Learner first (issue 15): no teaching chapter spends more than a fifth of its prose on the
source documents.  Runs the project's own counter, ``../shared/tools/source_share.py``, which
leaves out text inside collapsible boxes ("In the sources" dropdowns), exactly as the issue
states the gate: ``source_share.py --max 0.2`` with the counter's own defaults.  The counter
does not count the two pages *about* the sources: ``errata`` and ``notation`` (the appendix
"Reading the sources", which translates the sources' notations into the book's; the book's
own conventions page is ``conventions`` and is counted like any teaching chapter).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

TOOL = Path(os.environ.get("SOURCE_SHARE_TOOL")
            or ROOT.parent / "shared" / "tools" / "source_share.py")
MAX_SHARE = 0.2


def _run(max_share: float) -> subprocess.CompletedProcess:
    if not TOOL.is_file():
        pytest.fail(f"the source-share counter is missing: {TOOL} (shared/ beside the repository, "
                    "or SOURCE_SHARE_TOOL=path)")
    return subprocess.run([sys.executable, str(TOOL), "--max", str(max_share)], cwd=ROOT,
                          capture_output=True, text=True)


def test_no_teaching_chapter_is_mostly_about_the_sources() -> None:
    result = _run(MAX_SHARE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_counter_can_fail() -> None:
    # Beyond the sources still names them in a sixth of its paragraphs: a 10 % gate must fail.
    assert _run(0.1).returncode == 1
