"""The unit tier keeps its promise: a test here that starts a process or loads Stanza fails."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


def test_a_child_process_is_refused() -> None:
    with pytest.raises(AssertionError, match="starts no process"):
        subprocess.run(["true"], check=False)


def test_stanza_is_refused_when_the_tier_runs_alone() -> None:
    if not any(type(finder).__name__ == "_RefuseHeavy" for finder in sys.meta_path):
        pytest.skip("heavy packages were loaded by other tests earlier in this session: the tier is not alone")
    with pytest.raises(ImportError, match="imports no stanza"):
        importlib.import_module("stanza")
