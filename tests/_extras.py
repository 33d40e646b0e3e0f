"""The optional extras of requirements-bench.txt (PyTorch, scikit-learn) for the cross-check tests."""

import importlib
import os

import pytest


def optional_extra(module, what):
    """Import an optional extra (requirements-bench.txt).  Missing, the calling test module is
    skipped, except in CI (the environment variable CI set, as CI services do), where it fails:
    there the cross-checks must run."""
    try:
        return importlib.import_module(module)
    except ImportError:
        pass
    reason = (f"{what} is an optional extra for the cross-checks: `make install-bench` "
              f"(pip install -r requirements-bench.txt) installs it")
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI is set, so the cross-checks must run, but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
