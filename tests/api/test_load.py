"""The loopback load test (bench/load_test.py), short: reads while articles are ingested, and not one error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_mixed_reads_during_ingest_have_no_errors(tmp_path: Path) -> None:
    cmd = [sys.executable, str(REPO / "bench" / "load_test.py"), "--duration", "15", "--readers", "2"]
    done = subprocess.run(cmd + ["--data-dir", str(tmp_path)], capture_output=True, text=True, timeout=1200)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0 and report["errors"] == 0, report["first_errors"]
    assert report["reads"] > 50 and report["ingests"] >= 1
    assert report["read_p50_ms"] > 0 and report["read_p99_ms"] >= report["read_p50_ms"]
    print(json.dumps(report))
