"""The unit tier: no Stanza, no engine, no child process; the whole tier runs in seconds (`make test-fast`).

Each test here runs with child processes refused, and, when the tier runs on its own, with the heavy packages
(Stanza, PyTorch, the engines' clients) refused at import: a test that needs them belongs beside the e2e tests.
"""

from __future__ import annotations

import importlib.abc
import subprocess
import sys
from collections.abc import Iterator

import pytest

HEAVY = frozenset({"stanza", "torch", "falkordb", "redis", "neo4j", "pyoxigraph"})


class _RefuseHeavy(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path, target=None):  # noqa: ANN001 (the finder protocol)
        if name.split(".")[0] in HEAVY:
            raise ImportError(f"the unit tier imports no {name} (tests/unit/conftest.py)")
        return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/unit/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.unit)


@pytest.fixture(autouse=True)
def _no_child_processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(popen, args, *rest, **kwargs):
        raise AssertionError(f"the unit tier starts no process: {args!r}")

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)
    # Only where nothing heavy is loaded yet (the tier run alone): in the whole suite, other tests loaded them first.
    finder = None if HEAVY & set(sys.modules) else _RefuseHeavy()
    if finder:
        sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        if finder:
            sys.meta_path.remove(finder)
