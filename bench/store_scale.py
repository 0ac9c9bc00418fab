"""Store scale on the embedded engine (or Neo4j 5 with --engine neo4j): load N synthetic claims, then time the reads
and one article's ingest.

Prints one JSON line: load claims/s, who-claimed-X p50/p99 (the speakers of a number, /claims/who) and a page of
the full claims of that number (/claims?value=X, 100 rows), contradictions-of-a-claim p50/p99, per-article ingest
time (claims plus contradiction detection against indexed candidates, and the events they join or make), an
event's page, the first page of events (GET /events, the index page's list), the engine's peak RSS, and the share
of CPU time stolen by the hypervisor during the run (this machine's numbers move with it); with --sparql, the
SPARQL view's first build (its first query) and a query after one more article, then a restart: `claimgraph serve`
started over the data directory (seconds until /health answers), its first SPARQL query (the view reopened from
disk), and the server's resident memory with its query processes. Progress on stderr.
With --engine neo4j the server is NEO4J_URI's (which must hold an empty graph), else the launcher of tests/neo4j
started on a temporary folder (built by Maven if needed) with --neo4j-heap and --neo4j-page-cache.
Synthetic claims have a realistic shape: articles of ~10 claims from ~300 actors (states, ministries, persons) on
all sides, relayed by ~30 outlets, ~300 claims a day (a bigger graph covers more days), some contradiction edges.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimgraph.graph.event_store import EventFilter  # noqa: E402
from claimgraph.graph.falkor import FalkorStore  # noqa: E402
from claimgraph.graph.neo4j_store import Neo4jStore  # noqa: E402
from claimgraph.graph.sparql_view import SparqlView  # noqa: E402
from claimgraph.graph.store import ClaimFilter  # noqa: E402
from claimgraph.ontology import NAMESPACE  # noqa: E402
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Relation, Target  # noqa: E402

SIDES = ["AM", "AZ", "RU", "TR", "NK", "FR", "US", "IR", "INTL", "NGO"]
MEASURES = [
    ("killed", "casualty"),
    ("wounded", "casualty"),
    ("captured", "casualty"),
    ("destroyed", "equipment"),
    ("deployed", "deployment"),
]
GROUPS = ["soldiers", "civilians", "separatists", "mercenaries", "people", "tanks", "helicopters", "drones"]
CLAIMS_PER_DAY = 300
# Each article reports one event (a kind of event at one of the war's places): articles of one day at one place
# join one event.
EVENT_TYPES = ["clash", "shelling", "airstrike", "attack", "downing"]
PLACES = [f"place {k}" for k in range(50)]
QUALIFIERS = ["exact"] * 6 + ["about", "more_than", "at_least", "dozens"]


def make_actors(rng: random.Random) -> tuple[list[ActorRef], list[ActorRef]]:
    actors = [
        ActorRef(
            text=f"actor {k}",
            id=f"bench-actor-{k}",
            side=rng.choice(SIDES),
            kind=rng.choice(["state", "organization", "person"]),
        )
        for k in range(300)
    ]
    outlets = [ActorRef(text=f"outlet {k}", id=f"bench-outlet-{k}", side="MEDIA", kind="outlet") for k in range(30)]
    return actors, outlets


def make_article(
    k: int, rng: random.Random, actors: list[ActorRef], outlets: list[ActorRef], per_article: int, days: int
) -> tuple[ArticleInput, list[Claim]]:
    published = date(2000, 1, 1) + timedelta(days=rng.randrange(days))
    event, place = rng.choice(EVENT_TYPES), rng.choice(PLACES)
    text = f"مقال تجريبي رقم {k} " + " ".join("كلمة" for _ in range(per_article * 12))
    article = ArticleInput(name=f"bench-{k:07d}", text=text, published=published)
    claims = []
    for j in range(per_article):
        measure, claim_type = rng.choice(MEASURES)
        qualifier = rng.choice(QUALIFIERS)
        start = 20 + j * 60
        claims.append(
            Claim(
                article=article.name,
                article_id=article.content_id,
                span=(start, start + 50),
                quote=text[start : start + 50],
                speaker=rng.choice(actors),
                via=[rng.choice(outlets)] if rng.random() < 0.4 else [],
                type=claim_type,
                measure=measure,
                value=None if qualifier == "dozens" else rng.randrange(1, 5000),
                qualifier=qualifier,
                target=Target(side=rng.choice(SIDES), group=rng.choice(GROUPS)),
                sentence=(start - 10, start + 60),
                date=published.isoformat(),
                event=event,
                place=place,
            )
        )
    return article, claims


def with_progress(batches: list, what: str):
    """The batches, saying on stderr how many claims went by every 100 batches."""
    claims = 0
    for number, batch in enumerate(batches, 1):
        yield batch
        claims += sum(len(c) for _, c in batch[0])
        if number % 100 == 0:
            print(f"{claims:,} claims {what}", file=sys.stderr)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return round(statistics.median(ordered), 3), round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 3)


def cpu_times() -> list[int]:
    """The machine's CPU time counters (user, nice, system, idle, iowait, irq, softirq, steal, ...)."""
    return [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]


def steal_pct(before: list[int], after: list[int]) -> float:
    """Share of CPU time the hypervisor gave to other machines between two readings: a noisy neighbour slows every
    number of a run, and runs are compared by it."""
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return round(100 * spent[7] / max(1, sum(spent)), 1)


def peak_rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def open_store(args: argparse.Namespace, data_dir: Path):
    """The store the run measures, and the Neo4j launcher this run started (None otherwise)."""
    if args.engine == "falkordb":
        return FalkorStore.embedded(data_dir), None
    if os.environ.get("NEO4J_URI"):
        env = os.environ
        return Neo4jStore(env["NEO4J_URI"], env.get("NEO4J_USER", "neo4j"), env.get("NEO4J_PASSWORD", "")), None
    from tests.neo4j.server import Neo4jServer

    server = Neo4jServer(data_dir / "neo4j", heap=args.neo4j_heap, page_cache=args.neo4j_page_cache)
    started = time.perf_counter()
    uri = server.start()
    print(f"Neo4j launcher up in {time.perf_counter() - started:.1f} s at {uri}", file=sys.stderr)
    try:
        return Neo4jStore(uri), server
    except BaseException:
        server.stop()
        raise


SPARQL_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <{NAMESPACE}Claim> }}"


def restarted(data_dir: Path) -> dict[str, float]:
    """`claimgraph serve` over the data directory (engine and SPARQL view on disk): seconds until it answers, its
    first SPARQL query, and its resident memory (the server and its query processes; the engine apart)."""
    import httpx

    from tests.local_server import local_server

    t = time.perf_counter()
    with local_server(data_dir) as base:
        open_s = time.perf_counter() - t
        t = time.perf_counter()
        response = httpx.get(f"{base}/sparql", params={"query": SPARQL_COUNT}, timeout=600)
        first_s = time.perf_counter() - t
        while response.status_code == 503:  # still building: the view on disk was not usable
            time.sleep(1)
            response = httpx.get(f"{base}/sparql", params={"query": SPARQL_COUNT}, timeout=600)
            first_s = time.perf_counter() - t
        response.raise_for_status()
        port = base.rsplit(":", 1)[1]
        server = next(
            int(p.name)
            for p in Path("/proc").iterdir()
            if p.name.isdigit() and _cmdline(p).startswith(sys.executable) and f"--port {port}" in _cmdline(p)
        )
        workers = [pid for pid in _children(server) if "sparql_worker" in _cmdline(Path(f"/proc/{pid}"))]
        return {
            "serve_open_s": round(open_s, 2),
            "sparql_first_query_after_restart_s": round(first_s, 2),
            "server_rss_mb": rss_mb(server),
            "server_with_sparql_processes_rss_mb": round(rss_mb(server) + sum(rss_mb(pid) for pid in workers), 1),
        }


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--articles-per-batch", type=int, default=100)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, help="default: a temporary folder, removed at the end")
    parser.add_argument("--engine", choices=["falkordb", "neo4j"], default="falkordb")
    parser.add_argument("--neo4j-heap", default="2g", help="the launcher's JVM heap (--engine neo4j)")
    parser.add_argument("--neo4j-page-cache", default="2g", help="the launcher's page cache (--engine neo4j)")
    parser.add_argument(
        "--sparql",
        action="store_true",
        help="also time the SPARQL view: its first build (the whole graph turned into RDF, on disk), a query after "
        "one more article (loaded into the view incrementally), and a server restarted over the data directory",
    )
    args = parser.parse_args()

    cpu_before = cpu_times()
    rng = random.Random(args.seed)
    actors, outlets = make_actors(rng)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        store, neo4j_server = open_store(args, data_dir)
        try:  # the engine is stopped whatever happens (it runs in its own session and would outlive us)
            n_articles = args.claims // args.per_article
            # A bigger graph is a longer history, not busier days: about CLAIMS_PER_DAY claims are reported a day.
            days = max(1, args.claims // CLAIMS_PER_DAY)
            # The synthetic articles are made first (the generator's time is not the store's), then loaded in batches
            # of --articles-per-batch through ClaimStore.load (into this empty graph: FalkorDB's bulk loader), which
            # prepares a batch while the engine writes the one before. Load time covers preparing, writing and the
            # indexes being ready.
            new_article = itertools.count(n_articles)  # numbers of the articles written after the load
            loaded, claim_ids, values = 0, [], []
            batches: list[tuple[list, list[Relation]]] = []
            batch: list = []
            relations: list[Relation] = []
            for k in range(n_articles):
                article, claims = make_article(k, rng, actors, outlets, args.per_article, days)
                batch.append((article, claims))
                if claim_ids and rng.random() < 0.2:
                    relations.append(
                        Relation(
                            kind="contradicts",
                            reason="conflicting_count",
                            a=claims[0].id,
                            b=rng.choice(claim_ids),
                            explanation="synthetic",
                        )
                    )
                claim_ids.extend(c.id for c in claims[:2])
                values.extend(c.value for c in claims if c.value is not None)
                loaded += len(claims)
                if (k + 1) % args.articles_per_batch == 0 or k + 1 == n_articles:
                    batches.append((batch, relations))
                    batch, relations = [], []
                if (k + 1) % 10_000 == 0:
                    print(f"{loaded:,} claims made", file=sys.stderr)

            started = time.perf_counter()
            report = store.load(with_progress(batches, "loaded"), "synthetic")
            load_s = time.perf_counter() - started
            # Reads are timed once the engine has no background save (the snapshot a bulk load ends with, index
            # garbage collection) running in a forked process beside them; the wait is printed apart.
            settle_s = store.settle() if isinstance(store, FalkorStore) else 0.0
            # The load's input is dropped before the reads and the ingests are timed: a server ingesting an article
            # does not hold a million claim objects, and with them here every garbage collection walks them all.
            # What stays (the sampled ids and values) is frozen out of the collector, as the API server freezes what
            # it holds after starting (api/main.py): left in, the full collections that the parsing of query results
            # sets off took 45-65 ms each in this process (once in a hundred page reads, p99 66-81 ms against 5 ms).
            batches.clear()
            gc.collect()
            gc.freeze()

            who, page = [], []
            for value in rng.sample(values, min(args.queries, len(values))):
                t = time.perf_counter()
                store.who_claimed(value)  # GET /claims/who?value=X: the speakers of X
                who.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                store.find_claims(ClaimFilter(value=value, limit=100))  # GET /claims?value=X: a page of full claims
                page.append((time.perf_counter() - t) * 1000)
            contra = []
            for claim_id in rng.sample(claim_ids, min(args.queries, len(claim_ids))):
                t = time.perf_counter()
                store.relations(claim_id)
                contra.append((time.perf_counter() - t) * 1000)
            events_list = []
            for _ in range(20):  # GET /events and the index page: the latest events with their counts
                t = time.perf_counter()
                store.list_events(EventFilter(limit=20))
                events_list.append((time.perf_counter() - t) * 1000)
            events = store.list_events(EventFilter(limit=args.queries))
            event_page = []
            for event in events:
                t = time.perf_counter()
                store.event(event["id"])  # GET /events/{id}: claims side by side and their relations
                event_page.append((time.perf_counter() - t) * 1000)
            ingest = []
            for _ in range(100):
                article, claims = make_article(next(new_article), rng, actors, outlets, args.per_article, days)
                t = time.perf_counter()
                store.write_article(article, claims, models="synthetic")
                ingest.append((time.perf_counter() - t) * 1000)
            # The same kind of batches written through Cypher into the graph as it now is (what load does when the
            # graph is not empty): the write rate at this size, after the bulk load's. Last: ingest timed right after it
            # was slower (33 ms p50 at 1M claims, 24 ms in a fresh process), the engine still busy with what it wrote.
            more, extra = [], max(1, min(args.claims // 10, 50_000) // (args.per_article * args.articles_per_batch))
            for _ in range(extra):
                items = [
                    make_article(next(new_article), rng, actors, outlets, args.per_article, days)
                    for _ in range(args.articles_per_batch)
                ]
                more.append((items, []))
            started = time.perf_counter()
            cypher_report = store.load(more, "synthetic")
            cypher_load_s = time.perf_counter() - started
            sparql = {}
            if args.sparql:
                view = SparqlView(store, data_dir / "sparql")
                t = time.perf_counter()
                view.update()
                view.query(SPARQL_COUNT)
                sparql["sparql_first_build_s"] = round(time.perf_counter() - t, 2)
                article, claims = make_article(next(new_article), rng, actors, outlets, args.per_article, days)
                store.write_article(article, claims, models="synthetic")
                t = time.perf_counter()
                view.update()
                view.query(SPARQL_COUNT)
                sparql["sparql_query_after_an_ingest_ms"] = round((time.perf_counter() - t) * 1000, 1)
                sparql["sparql_view_rebuilds"] = view.rebuilds
                view.close()
            store_stats = store.stats()
            if neo4j_server is not None:
                server_pid = neo4j_server.pid()
            elif isinstance(store, FalkorStore) and store.server and store.server.process:
                server_pid = store.server.process.pid
            else:
                server_pid = None
            rss = peak_rss_mb(server_pid)
        finally:
            store.close()
            if neo4j_server is not None:
                neo4j_server.stop()
        if args.sparql and args.engine == "falkordb":
            sparql.update(restarted(data_dir))

    who50, who99 = percentiles(who)
    page50, page99 = percentiles(page)
    c50, c99 = percentiles(contra)
    print(
        json.dumps(
            {
                "engine": store.dialect.name,
                "claims": loaded,
                "load_s": round(load_s, 2),
                "load_claims_per_s": round(loaded / load_s, 1),
                "load_method": report.method,
                "engine_settle_after_load_s": round(settle_s, 2),
                "cypher_write_claims": cypher_report.claims,
                "cypher_write_claims_per_s": round(cypher_report.claims / cypher_load_s, 1),
                "who_claimed_p50_ms": who50,
                "who_claimed_p99_ms": who99,
                "claims_of_value_page_p50_ms": page50,
                "claims_of_value_page_p99_ms": page99,
                "contradictions_of_claim_p50_ms": c50,
                "contradictions_of_claim_p99_ms": c99,
                "article_ingest_mean_ms": round(statistics.mean(ingest), 2),
                "article_ingest_p50_ms": percentiles(ingest)[0],
                "events": store_stats.get("events"),
                "event_page_p50_ms": percentiles(event_page)[0] if event_page else None,
                "events_list_p50_ms": percentiles(events_list)[0],
                "engine_peak_rss_mb": rss,
                "cpu_steal_pct": steal_pct(cpu_before, cpu_times()),
                **sparql,
            }
        )
    )


if __name__ == "__main__":
    main()
