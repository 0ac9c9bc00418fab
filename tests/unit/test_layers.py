"""Lower layers never import higher ones: ontology < extract, graph < api < the command line (read from the source)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = {"claimgraph.errors", "claimgraph.config"}
# What each folder may import from claimgraph, besides itself.
ALLOWED = {
    "ontology": set(),
    "models": set(),
    "extract": {"claimgraph.ontology", "claimgraph.models"} | CORE,
    "graph": {"claimgraph.ontology"} | CORE,
    "api": {"claimgraph.ontology", "claimgraph.extract", "claimgraph.graph"} | CORE,
}


def claimgraph_imports(path: Path) -> set[str]:
    """The claimgraph modules a file imports, at top level or inside functions, as 'claimgraph.<part>'."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        names.update(".".join(m.split(".")[:2]) for m in modules if m.startswith("claimgraph."))
    return names


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_folder_imports_only_lower_layers(folder: str) -> None:
    own = f"claimgraph.{folder}"
    wrong = {
        f"{path.relative_to(REPO)}: {name}"
        for path in (REPO / folder).rglob("*.py")
        for name in claimgraph_imports(path) - ALLOWED[folder] - {own}
    }
    assert not wrong, sorted(wrong)


def test_core_modules_import_no_layer_and_nothing_imports_the_command_line() -> None:
    for core in ("errors", "config"):
        assert claimgraph_imports(REPO / "claimgraph" / f"{core}.py") <= CORE
    importers = [
        str(path.relative_to(REPO))
        for folder in (*ALLOWED, "claimgraph")
        for path in (REPO / folder).rglob("*.py")
        if "claimgraph.cli" in claimgraph_imports(path) and path.name != "__main__.py"
    ]
    assert importers == []


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from claimgraph.api.models import ClaimPublic\n", encoding="utf-8")
    assert claimgraph_imports(module) == {"claimgraph.api"}
