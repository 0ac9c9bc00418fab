"""Crashes on Neo4j: an ingest SIGKILLed mid-batch, and the Neo4j server itself SIGKILLed mid-ingest and started
again on its folder. Either way, every article is stored once with all its claims after a second ingest."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from claimgraph.graph.neo4j_store import Neo4jStore

from tests.conftest import clear_neo4j
from tests.neo4j.server import Neo4jServer
from tests.test_crash_safety import claimgraph, write_batch

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
ARTICLES = 24  # enough to be killed mid-batch; each is ingested twice by a Stanza pipeline
PER_ARTICLE = (
    "MATCH (a:Article) OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a) "
    "RETURN a.name AS name, a.claim_count AS expected, count(c) AS found ORDER BY name"
)


def _env(uri: str, password: str) -> dict[str, str]:
    return {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password}


def _stored(uri: str, password: str) -> int:
    """Articles stored so far, read with the bare driver (a store would make its schema on every call)."""
    import neo4j

    try:
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
            records, _, _ = driver.execute_query("MATCH (a:Article) RETURN count(a) AS n", routing_="r")
            return records[0]["n"]
    except Exception:  # noqa: BLE001 - the server may be starting, the schema may be being made
        return 0


def _start_ingest(folder: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        claimgraph("ingest", str(folder), "-q"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, env=env
    )


def _wait_for_articles(proc: subprocess.Popen, uri: str, password: str, at_least: int = 5) -> int:
    stored, deadline = 0, time.monotonic() + 900  # Stanza loads first: minutes on a busy machine
    while time.monotonic() < deadline and proc.poll() is None:
        stored = _stored(uri, password)
        if stored >= at_least:
            break
        time.sleep(0.2)
    return stored


def _ingest_again_and_check(folder: Path, uri: str, password: str) -> None:
    rerun = subprocess.run(
        claimgraph("ingest", str(folder), "-q", "--format", "json"),
        capture_output=True, text=True, cwd=REPO, env=_env(uri, password), timeout=900,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    with Neo4jStore(uri, "neo4j", password) as store:
        rows = store.read_only_query(PER_ARTICLE, limit=1000).rows
    assert [r[0] for r in rows] == [f"article-{k:03d}" for k in range(ARTICLES)], "every article exactly once"
    assert all(expected == found and found >= 3 for _, expected, found in rows), rows


def test_neo4j_ingest_sigkill_then_rerun_loses_and_duplicates_nothing(neo4j_server, tmp_path: Path) -> None:
    clear_neo4j(neo4j_server)
    folder = tmp_path / "batch"
    write_batch(folder, ARTICLES)
    proc = _start_ingest(folder, neo4j_server.env())
    stored = _wait_for_articles(proc, neo4j_server.uri, neo4j_server.password)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < ARTICLES, f"the ingest must be killed mid-batch (stored {stored} of {ARTICLES})"
    _ingest_again_and_check(folder, neo4j_server.uri, neo4j_server.password)


def test_neo4j_server_sigkill_mid_ingest_recovers_whole_articles(tmp_path: Path) -> None:
    """The server dies without a shutdown (no checkpoint): started again on its folder, it recovers from its
    transaction log every article that was committed, each with all its claims, and none half-written."""
    folder = tmp_path / "batch"
    write_batch(folder, ARTICLES)
    server = Neo4jServer(tmp_path / "neo4j", password="crash-test-password")
    uri = server.start()
    proc = _start_ingest(folder, _env(uri, server.password))
    try:
        stored = _wait_for_articles(proc, uri, server.password)
        server.kill()
    finally:
        # The ingest would go on article by article, each failing after the driver's retries: stopped here.
        proc.kill()
        proc.wait()
        server.kill()
    assert 0 < stored < ARTICLES, f"the server must be killed mid-batch (stored {stored} of {ARTICLES})"

    uri = server.start()  # the same folder, a new port
    try:
        with Neo4jStore(uri, "neo4j", server.password) as store:
            rows = store.read_only_query(PER_ARTICLE, limit=1000).rows
        assert len(rows) >= stored, "a committed article is never lost"
        assert all(expected == found for _, expected, found in rows), f"half-written articles: {rows}"
        _ingest_again_and_check(folder, uri, server.password)
    finally:
        server.stop()
