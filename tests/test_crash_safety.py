"""SIGKILL an ingest mid-batch, run it again: every article is present once, with all its claims (issue 7)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from claimgraph.graph.falkor import EmbeddedFalkorDB, FalkorStore

MINISTRIES = ["وزارة الدفاع الأرمينية", "وزارة الدفاع الأذربيجانية", "وزارة الخارجية الروسية", "وزارة الدفاع التركية"]
GROUPS = ["جنديا", "مدنيا", "مسلحا"]


def write_batch(folder: Path, n: int) -> None:
    folder.mkdir()
    for k in range(n):
        ministry = MINISTRIES[k % len(MINISTRIES)]
        text = (
            f"حصيلة جديدة رقم {k}\n"
            f"وقالت {ministry} في بيان إن {10 + k} {GROUPS[k % 3]} قتلوا في اشتباكات ليلية.\n"
            f"وأضافت أن {k + 2} دبابة دمرت خلال المعارك، فيما أصيب {3 * k + 1} مدنيا."
        )
        (folder / f"article-{k:03d}.txt").write_text(text, encoding="utf-8")


def claimgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph.cli", *args]


@pytest.mark.slow
def test_ingest_sigkill_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    n = 40
    folder, data = tmp_path / "batch", tmp_path / "data"
    write_batch(folder, n)
    server = EmbeddedFalkorDB(data)
    proc = subprocess.Popen(
        claimgraph("ingest", str(folder), "--data-dir", str(data), "-q"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).parents[1],
    )
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if server.socket.exists():
            try:
                stored = FalkorStore(socket=server.socket).stats()["articles"]
            except Exception:  # noqa: BLE001 - the server may still be loading
                stored = 0
            if stored >= 5:
                break
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n, f"the ingest must be killed mid-batch (stored {stored} of {n})"

    rerun = subprocess.run(
        claimgraph("ingest", str(folder), "--data-dir", str(data), "-q", "--format", "json"),
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr

    with FalkorStore.embedded(data) as store:
        rows = store.read_only_query(
            "MATCH (a:Article) OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a) "
            "RETURN a.name AS name, a.claim_count AS expected, count(c) AS found ORDER BY name",
            limit=1000,
        ).rows
    assert [r[0] for r in rows] == [f"article-{k:03d}" for k in range(n)], "every article exactly once"
    assert all(expected == found and found >= 3 for _, expected, found in rows), rows
    assert not server._answers(), "the adopted server is stopped when the last command ends"
