"""The wheel, installed as a user installs it, works from any directory: `claimgraph extract` reads a seed with the
shipped models and `claimgraph serve` answers the Arabic page; `claimgraph` is the only package it adds.

The wheel goes into a fresh venv with pip. Its dependencies (PyTorch alone is 4.6 GB from PyPI) are borrowed from
this test's own environment through a .pth line, read after the venv's own site-packages, so what is imported as
``claimgraph`` can only come from the wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.local_server import local_server

REPO = Path(__file__).resolve().parents[1]
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    )
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the venv's bin folder, its site-packages, a clean environment), with the wheel built from this checkout."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "CLAIMGRAPH_MODELS_DIR"}}
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp), str(REPO)],
        tmp,
        env,
    )
    wheel = next(tmp.glob("claimgraph-*.whl"))
    venv = tmp / "venv"
    _run([sys._base_executable, "-m", "venv", "--without-pip", str(venv)], tmp, env)
    site = next((venv / "lib").glob("python3*/site-packages"))
    borrowed = [p for p in sys.path if p.endswith("site-packages")]  # this venv's, and any it borrows in turn
    (site / "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], tmp, env)
    return venv / "bin", site, env


def test_wheel_adds_only_the_claimgraph_package(installed) -> None:
    _, site, _ = installed
    top = {p.name for p in site.iterdir() if not p.name.endswith((".dist-info", ".pth")) and p.name != "__pycache__"}
    assert top == {"claimgraph"}
    for part in ("extract", "graph", "api", "ontology", "models"):
        assert (site / "claimgraph" / part / "__init__.py").is_file(), part
    assert (site / "claimgraph" / "models" / "ar" / "pos.pt").is_file()
    assert (site / "claimgraph" / "extract" / "lexicon" / "measures.tsv").is_file()


def test_installed_extract_runs_outside_the_repo(installed, tmp_path: Path) -> None:
    bin_dir, site, env = installed
    where = _run([str(bin_dir / "python"), "-c", "import claimgraph.models as m; print(m.models_dir())"], tmp_path, env)
    assert Path(where.stdout.strip()).is_relative_to(site)
    result = _run([str(bin_dir / "claimgraph"), "extract", "--format", "jsonl", str(SEED)], tmp_path, env)
    claims = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert any(c["value"] is not None and c["speaker"] for c in claims), result.stdout[:2000]
    assert all(c["article"] == SEED.stem for c in claims)


def test_installed_serve_answers_the_page_outside_the_repo(installed, tmp_path: Path) -> None:
    bin_dir, _, env = installed
    clean = {k: env.get(k, "") for k in ("PYTHONPATH", "VIRTUAL_ENV")}
    with local_server(tmp_path / "data", command=[str(bin_dir / "claimgraph")], cwd=tmp_path, env=clean) as base:
        page = httpx.get(f"{base}/", timeout=30)
        assert page.status_code == 200 and 'dir="rtl"' in page.text
        assert httpx.get(f"{base}/claims", timeout=30).json()["count"] == 0
