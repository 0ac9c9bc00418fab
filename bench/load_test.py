"""A bounded loopback load test: mixed reads against `claimgraph serve` while articles are ingested through the API.

Starts the server on a free 127.0.0.1 port with a fresh data directory, ingests the seeds (POST /articles), then for
``--duration`` seconds runs ``--readers`` reader threads (claims by value, speaker and side, one claim's provenance,
relations and sources, contradictions, actors, the home page, Cypher, SPARQL) while one writer posts new articles
(seed texts with an added dateline, so each is a new article with real claims to compare), and one prober asks
/health every 0.2 s. Prints one JSON line: requests, errors, requests/s and latency percentiles per kind of request;
exits 1 if any request failed.

``--hostile N`` adds N threads sending hostile Cypher back to back (CPU burners that run to the time limit, memory
bombs, LOAD CSV in disguise, rows past the byte cap): their answers are counted by status, and a reader's query
turned away with 503 while they hold the query slots is counted as ``busy``, not as an error (that is the defence
working); anything else that fails is an error as before.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.local_server import local_server  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOKEN = "load-test-token-not-a-secret"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.expect_busy = False

        self.busy: dict[str, int] = defaultdict(int)
        self.hostile: dict[str, int] = defaultdict(int)

    def timed(self, kind: str, client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = client.request(method, url, **kwargs)
        except httpx.HTTPError as err:
            with self.lock:
                self.errors.append(f"{kind} {url}: {type(err).__name__}: {err}")
            return None
        ms = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[kind].append(ms)
            if response.status_code == 503 and kind in ("cypher", "sparql") and self.expect_busy:
                self.busy[kind] += 1
            elif response.status_code >= 400:
                self.errors.append(f"{kind} {url}: HTTP {response.status_code} {response.text[:200]}")
        return response


def reader(base: str, stop: threading.Event, rec: Recorder, seed: int) -> None:
    try:
        _read_until(base, stop, rec, seed)
    except Exception as err:  # noqa: BLE001 - a crashed reader is a failed run, reported with the rest
        with rec.lock:
            rec.errors.append(f"reader {seed} crashed: {type(err).__name__}: {err}")


def _read_until(base: str, stop: threading.Event, rec: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        claims = client.get("/claims", params={"limit": 200}).json()["data"]
        actors = [a["speaker"] for a in client.get("/actors").json()["data"]]
        values = sorted({c["value"] for c in claims if c.get("value") is not None}) or [1]
        ids = [c["id"] for c in claims]
        requests = [
            ("claims_by_value", lambda: ("GET", "/claims", {"params": {"value": rng.choice(values)}})),
            ("claims_by_speaker", lambda: ("GET", "/claims", {"params": {"speaker": rng.choice(actors)}})),
            ("claims_by_side", lambda: ("GET", "/claims", {"params": {"side": rng.choice(["AM", "AZ", "RU"])}})),
            ("claim", lambda: ("GET", f"/claims/{rng.choice(ids)}", {})),
            ("claim_relations", lambda: ("GET", f"/claims/{rng.choice(ids)}/relations", {})),
            ("claim_sources", lambda: ("GET", f"/claims/{rng.choice(ids)}/sources", {})),
            ("contradictions", lambda: ("GET", "/contradictions", {"params": {"kind": "contradicts"}})),
            ("actors", lambda: ("GET", "/actors", {})),
            ("home_page", lambda: ("GET", "/", {})),
            (
                "cypher",
                lambda: ("POST", "/cypher", {"json": {"query": "MATCH (c:Claim) RETURN c.measure, count(*) LIMIT 20"}}),
            ),
            (
                "sparql",
                lambda: (
                    "GET",
                    "/sparql",
                    {"params": {"query": "SELECT ?c WHERE { ?c a <https://schema.org/Claim> } LIMIT 10"}},
                ),
            ),
        ]
        while not stop.is_set():
            kind, make = rng.choice(requests)
            method, url, kwargs = make()
            rec.timed(kind, client, method, url, **kwargs)


HOSTILE = [
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)",  # CPU to the time limit
    "UNWIND range(1, 1000) AS i RETURN range(1, 20000)",  # the engine's memory cap per query
    "UNWIND range(1, 1000000000) AS x RETURN count(x)",  # refused before the engine
    "LOAD/**/CSV FROM 'file:///etc/passwd' AS row RETURN row",  # refused by its tokens and by the plan
    "UNWIND range(1, 1000) AS i RETURN i, range(1, 3000) AS xs",  # cut at the byte cap
]


def hostile(base: str, stop: threading.Event, rec: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        while not stop.is_set():
            query = rng.choice(HOSTILE[:2] * 3 + HOSTILE[2:])  # mostly the ones that cost the server something
            try:
                status = client.post("/cypher", json={"query": query}).status_code
            except httpx.HTTPError as err:
                status = type(err).__name__
            with rec.lock:
                rec.hostile[str(status)] += 1


def prober(base: str, stop: threading.Event, rec: Recorder) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            rec.timed("health", client, "GET", "/health")
            time.sleep(0.2)


def writer(base: str, stop: threading.Event, rec: Recorder, texts: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=300, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        k = 0
        while not stop.is_set():
            text = texts[k % len(texts)] + f"\n(نسخة محدثة رقم {k + 1})"
            rec.timed("ingest_article", client, "POST", "/articles", json={"id": f"load-{k:05d}", "text": text})
            k += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of mixed load (after the set-up)")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--hostile", type=int, default=0, help="threads sending hostile Cypher beside the readers")
    parser.add_argument("--data-dir", type=Path, help="default: a fresh temporary directory")
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="claimgraph-load-"))
    rec = Recorder()
    rec.expect_busy = args.hostile > 0
    with local_server(data_dir, TOKEN) as base:
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
        setup_started = time.perf_counter()
        with httpx.Client(base_url=base, timeout=600, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            for k, text in enumerate(texts):
                client.post("/articles", json={"id": f"seed-{k}", "text": text}).raise_for_status()
        setup_s = time.perf_counter() - setup_started
        stop = threading.Event()
        threads = [threading.Thread(target=reader, args=(base, stop, rec, k)) for k in range(args.readers)]
        threads.append(threading.Thread(target=writer, args=(base, stop, rec, texts)))
        threads.append(threading.Thread(target=prober, args=(base, stop, rec)))
        threads += [threading.Thread(target=hostile, args=(base, stop, rec, 100 + k)) for k in range(args.hostile)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(args.duration)
        stop.set()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
    reads = [ms for kind, values in rec.latencies.items() if kind not in ("ingest_article", "health") for ms in values]
    health = rec.latencies.get("health", [])
    writes = rec.latencies.get("ingest_article", [])
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "readers": args.readers,
                "reads": len(reads),
                "reads_per_s": round(len(reads) / seconds, 1),
                "read_p50_ms": percentile(reads, 0.5),
                "read_p95_ms": percentile(reads, 0.95),
                "read_p99_ms": percentile(reads, 0.99),
                "read_max_ms": round(max(reads, default=0), 2),
                "health_p50_ms": percentile(health, 0.5),
                "health_p99_ms": percentile(health, 0.99),
                "health_max_ms": round(max(health, default=0), 2),
                "hostile_threads": args.hostile,
                "hostile_by_status": dict(sorted(rec.hostile.items())),
                "reader_queries_busy": dict(rec.busy),
                "ingests": len(writes),
                "ingest_p50_ms": percentile(writes, 0.5),
                "ingest_mean_ms": round(statistics.mean(writes), 1) if writes else None,
                "errors": len(rec.errors),
                "first_errors": rec.errors[:5],
                "setup_seeds_s": round(setup_s, 1),
                "by_kind_p50_p99_ms": {
                    kind: [percentile(v, 0.5), percentile(v, 0.99), len(v)] for kind, v in sorted(rec.latencies.items())
                },
            },
            ensure_ascii=False,
        )
    )
    return 1 if rec.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
