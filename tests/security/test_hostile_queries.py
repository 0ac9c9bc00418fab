"""Issue 13: hostile Cypher against a running server. Nothing leaves the graph, the engine's memory stays capped,
responses stay within their byte cap, and /health answers while hostile queries run."""

from __future__ import annotations

import concurrent.futures
import threading
import time

import httpx
import pytest
from claimgraph.graph.query_guard import RANGE_MAX_ELEMENTS, check_user_query, tokens

from claimgraph.errors import QueryError, ReadOnlyViolation
from tests.security.conftest import ENGINE_RSS_CAP_MB, Listener, Served

LOAD_CSV_SPELLINGS = [
    "LOAD CSV FROM '{url}' AS row RETURN row",
    "LOAD/**/CSV FROM '{url}' AS row RETURN row",
    "LOAD /* x */ CSV FROM '{url}' AS row RETURN row",
    "LOAD // a comment\nCSV FROM '{url}' AS row RETURN row",
    "load\tcsv with headers from '{url}' AS row RETURN row",
    "MATCH (n) WITH count(n) AS k LOAD/**/CSV FROM '{url}' AS row RETURN row, k",
]
# Burns the engine's CPU for as long as it is allowed to: 10^10 rows, no memory to speak of.
CPU_BURNER = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)"


def cypher(base: str, query: str, params: dict | None = None, timeout: float = 30) -> httpx.Response:
    return httpx.post(f"{base}/cypher", json={"query": query, "params": params or {}}, timeout=timeout)


# ------------------------------------------------------------------ the guard, on its own


def test_query_guard_reads_tokens_not_text() -> None:
    assert [t.word for t in tokens("load/**/csv // x\n FROM 'LOAD CSV'")] == ["LOAD", "CSV", "FROM", "'LOAD CSV'"]
    check_user_query("RETURN 'LOAD CSV' AS text, `LOAD` AS x")  # in a string or a name, the words are harmless
    with pytest.raises(ReadOnlyViolation):
        check_user_query("LOAD/**/CSV FROM 'file:///etc/passwd' AS r RETURN r")


def test_query_guard_refuses_huge_ranges_and_integers() -> None:
    check_user_query(f"UNWIND range(1, {RANGE_MAX_ELEMENTS}) AS x RETURN count(x)")
    check_user_query("UNWIND range(0, size([1,2,3]) - 1) AS i RETURN i")  # computed bounds: left to the engine
    for query, params in [
        ("UNWIND range(1,1000000000) AS x RETURN count(x)", {}),
        ("UNWIND range(-5, 0x7fffffff) AS x RETURN x", {}),
        ("UNWIND range(1, $n) AS x RETURN x", {"n": 10**12}),
        ("RETURN $n", {"n": 2**63}),
    ]:
        with pytest.raises(QueryError):
            check_user_query(query, params)


def test_falkor_plan_refuses_load_csv_the_tokens_did_not_see(store) -> None:
    """Past the tokenizer (called directly), the engine's own plan still refuses LOAD CSV."""
    if store.dialect.name != "falkordb":
        pytest.skip("the plan check is FalkorDB's")
    with pytest.raises(ReadOnlyViolation, match="Load CSV"):
        store._user_query("LOAD/**/CSV FROM 'file://x.csv' AS row RETURN row", {}, 2000, 10)


# ------------------------------------------------------------------ the running server


def test_cypher_load_csv_in_any_spelling_reaches_nothing(served: Served, listener: Listener) -> None:
    (served.data_dir / "import").mkdir(exist_ok=True)
    (served.data_dir / "import" / "secret.csv").write_text("a,b\n1,2\n")
    for spelling in LOAD_CSV_SPELLINGS:
        for url in (
            f"https://127.0.0.1:{listener.port}/x.csv",
            f"http://127.0.0.1:{listener.port}/x",
            "file://secret.csv",
        ):
            response = cypher(served.base, spelling.format(url=url))
            assert response.status_code == 403, (spelling, response.text)
            assert response.json()["ok"] is False
    time.sleep(0.2)
    assert listener.connections == 0, "no request may reach a loopback listener"


def test_cypher_memory_bombs_are_refused_and_the_engine_stays_under_its_cap(served: Served) -> None:
    huge_range = cypher(served.base, "UNWIND range(1,1000000000) AS x RETURN count(x)")
    assert huge_range.status_code == 400 and "range()" in huge_range.json()["error"]
    wide_rows = cypher(served.base, "UNWIND range(1,1000) AS i RETURN range(1,20000)")
    # 20M values: over the engine's per-query memory cap (or, on a loaded machine, its time limit first).
    assert wide_rows.status_code == 400, wide_rows.text
    assert "memory" in wide_rows.json()["error"] or "time limit" in wide_rows.json()["error"], wide_rows.text
    assert cypher(served.base, "RETURN $n", {"n": 2**70}).status_code == 422
    assert served.engine_peak_rss_mb() < ENGINE_RSS_CAP_MB
    assert httpx.get(f"{served.base}/health", timeout=5).status_code == 200


def test_cypher_response_is_cut_at_its_byte_cap(served: Served) -> None:
    # 1000 rows of 2 kB each: 2 MB of rows against a 1 MB cap (and well under the 1000-row cap).
    response = cypher(served.base, "UNWIND range(1,1000) AS i RETURN i, $blob AS blob", {"blob": "x" * 2000})
    body = response.json()
    assert response.status_code == 200
    assert body["truncated"] is True
    assert 0 < len(body["rows"]) < 1000
    assert len(response.content) < 1_100_000  # CLAIMGRAPH_QUERY_MAX_BYTES=1000000, plus the envelope


def test_health_answers_within_a_second_while_8_hostile_queries_run(served: Served) -> None:
    """Eight clients each send a CPU burner, again as soon as it is answered, for 6 s; meanwhile /health and a read
    are timed (from 1 s after the attack starts, once the first burst is admitted)."""
    stop = threading.Event()
    statuses: list[int] = []

    def attack() -> None:
        # One client each, made before the clock starts: creating an httpx client costs tens of ms of this
        # process's GIL (its TLS context), which the probes below would otherwise pay as latency.
        with httpx.Client(base_url=served.base, timeout=30) as client:
            ready.wait()
            while not stop.is_set():
                statuses.append(client.post("/cypher", json={"query": CPU_BURNER}).status_code)

    ready = threading.Event()
    attackers = [threading.Thread(target=attack) for _ in range(8)]
    for thread in attackers:
        thread.start()
    health_ms, reads_ms = [], []
    try:
        with httpx.Client(base_url=served.base, timeout=5) as client:
            time.sleep(0.5)
            ready.set()
            time.sleep(1.0)
            deadline = time.monotonic() + 6
            while time.monotonic() < deadline:
                started = time.perf_counter()
                assert client.get("/health").status_code == 200
                health_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                assert client.get("/claims?value=40").status_code == 200
                reads_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(0.1)
    finally:
        ready.set()
        stop.set()
        for thread in attackers:
            thread.join()
    assert len(health_ms) >= 5 and max(health_ms) < 1000, health_ms
    assert max(reads_ms) < 1000, reads_ms
    # Each ran to its time limit (400) or waited its turn in vain (503 with Retry-After): none ran unbounded.
    assert set(statuses) <= {400, 503}, statuses
    assert 400 in statuses and 503 in statuses


def test_busy_answer_is_json_with_retry_after(served: Served) -> None:
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        responses = [f.result() for f in [pool.submit(cypher, served.base, CPU_BURNER) for _ in range(6)]]
    busy = [r for r in responses if r.status_code == 503]
    assert busy, [r.status_code for r in responses]
    assert all(r.json()["ok"] is False and int(r.headers["retry-after"]) >= 1 for r in busy)
