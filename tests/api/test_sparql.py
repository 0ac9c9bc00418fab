"""/sparql as researchers' clients speak to it (SPARQLWrapper, rdflib's SPARQLStore, Jena's and YASGUI's Accept
headers), with the ontology in view; and as an attacker would: nothing outside the graph is reached, and a query is
stopped at its time limit or when its client leaves (issues 13 and 18)."""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from claimgraph.api.main import create_app
from claimgraph.graph.connect import open_store
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target
from fastapi.testclient import TestClient

from claimgraph.config import Settings, get_settings
from tests.local_server import local_server

TEXT = "أعلنت وزارة الدفاع الأرمينية أن 40 جنديا أذربيجانيا قتلوا.\nونفت باكو ذلك، وقالت: «هذا كذب, تماما»."
CG = "PREFIX cg: <https://claimgraph.org/ontology#> "
BY_SPEAKER = CG + "SELECT ?s ?quote WHERE { ?c cg:claimedBy ?s ; cg:quote ?quote } ORDER BY ?s"
CONSTRUCT = CG + "CONSTRUCT { ?c cg:claimedBy ?s } WHERE { ?c cg:claimedBy ?s }"
# A six-way cross product counted: no row comes out before the count is done (days on the test graph's few hundred
# triples).
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o . ?p ?q ?r }"
JENA_SELECT_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7, "
    "text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1"
)
JENA_GRAPH_ACCEPT = (
    "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.5"
)
YASGUI_SELECT_ACCEPT = "application/sparql-results+json,*/*;q=0.9"


def _seed(store) -> None:
    article = ArticleInput(name="am-1", text=TEXT, outlet="رويترز")
    speaker = ActorRef(text="وزارة الدفاع الأرمينية", id="am-ministry-of-defence", side="AM", kind="organization")
    baku = ActorRef(text="باكو", id="Q227", side="AZ", kind="state")
    claims = [
        Claim(article="am-1", span=(30, 58), quote=TEXT[30:58], speaker=speaker, type="casualty", measure="killed",
              value=40, qualifier="exact", target=Target(side="AZ", group="soldiers"), sentence=(0, 59)),
        Claim(article="am-1", span=(60, 100), quote=TEXT[60:100], speaker=baku, type="denial", denies=(30, 58),
              sentence=(60, 101)),
    ]  # fmt: skip
    store.write_article(article, claims)


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("sparql-data"))
    with TestClient(create_app(settings)) as c:
        _seed(c.app.state.store)
        yield c


@pytest.fixture
def limits(client):
    """Change the query limits for one test (the app reads its settings through the overridden dependency)."""
    overrides = client.app.dependency_overrides
    old = overrides[get_settings]

    def set_limits(**update) -> None:
        overrides[get_settings] = lambda: old().model_copy(update=update)

    yield set_limits
    overrides[get_settings] = old


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """`claimgraph serve` over a data dir holding the article, for clients that need a real socket."""
    data_dir = tmp_path_factory.mktemp("sparql-served")
    with open_store(Settings(data_dir=data_dir)) as store:
        _seed(store)
    with local_server(data_dir) as base:
        yield base, data_dir


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback recording every request it gets (the target of a server-side request forgery)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            hits.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":["secret"]},"results":{"bindings":[]}}')

        do_GET = do_POST = _record

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


# ---------------------------------------------------------------- nothing outside the graph (issue 13)


def test_sparql_service_is_refused_by_what_the_query_is_and_reaches_no_listener(client, listener) -> None:
    url, hits = listener
    disguised = [
        f"SELECT * WHERE {{ SERVICE <{url}/admin/x?id=5> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}/a> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/b> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/c> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/d> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ SERVICE# a comment between the words\n<{url}/e> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}/f> {{ ?s ?p ?o }} }}",  # a codepoint escape spells the keyword
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/g> {{ ?s ?p ?o }} }}",
        f"ASK {{ BIND(<{url}/h> AS ?x) SERVICE ?x {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    ]
    for query in disguised:
        for response in (
            client.get("/sparql", params={"query": query}),
            client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
            client.post("/sparql", data={"query": query}),
        ):
            assert response.status_code == 403, (query, response.text)
            body = response.json()
            assert body["ok"] is False and "SERVICE" in body["error"] and body["status"] == 403
    # FROM and FROM NAMED name graphs of the store: answered, fetching nothing.
    named = client.get(
        "/sparql", params={"query": f"SELECT * FROM <{url}/i> FROM NAMED <{url}/j> WHERE {{ ?s ?p ?o }}"}
    )
    assert named.status_code == 200 and named.json()["results"]["bindings"] == []
    graphs = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{url}/k"})
    assert graphs.status_code == 200 and graphs.json()["boolean"] is False
    assert hits == []


def test_sparql_query_processes_have_no_network_even_past_the_guard(client, listener) -> None:
    """The second wall: a SERVICE that got past the guard (sent to a query process directly) still reaches
    nothing, because the process has a network namespace of its own with no interface up."""
    url, hits = listener
    view = client.app.state.sparql
    client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})  # the view is up to date, a process started
    if not view.processes.isolated:
        pytest.skip("this kernel refuses unprivileged network namespaces: the guard alone holds here")
    request = {"query": f"SELECT * WHERE {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }}", "fmt": "json", "graph_fmt": "turtle",
               "limit": 10, "max_bytes": 10_000, "table": False, "path": str(view._store_dir),
               "generation": view._generation}  # fmt: skip
    reply = view.processes.run(request, timeout_s=10)
    assert reply[0] == "error" and hits == []


def test_sparql_updates_are_refused_as_clients_send_them(client) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for response in (
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
        client.get("/sparql", params={"update": update}),
        client.get("/sparql", params={"query": "LOAD <http://127.0.0.1:1/x.ttl>"}),
    ):
        assert response.status_code == 403 and "read-only" in response.json()["error"]
    assert client.get("/health").json()["stats"]["claims"] == 2


# ---------------------------------------------------------------- stopped at the limit (issue 13)


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_sparql_query_stopped_at_its_time_limit_burns_nothing_after(client, limits) -> None:
    limits(query_timeout_ms=400)
    processes = client.app.state.sparql.processes
    started = time.monotonic()
    response = client.get("/sparql", params={"query": ENDLESS})
    elapsed = time.monotonic() - started
    assert response.status_code == 400 and "time limit" in response.json()["error"]
    assert elapsed < 5, elapsed  # it returned at its limit, though no row had come out
    idle = [p.popen.pid for p in processes._idle]
    before = {pid: _cpu_ticks(pid) for pid in idle}
    time.sleep(1)
    assert all(_cpu_ticks(pid) - ticks <= 2 for pid, ticks in before.items())  # nobody is still counting
    limits(query_timeout_ms=5000)
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(p) for p in (task / "children").read_text().split()]
    return out


def test_sparql_query_killed_when_its_client_leaves_and_sigterm_exits(tmp_path) -> None:
    data_dir = tmp_path / "data"
    with open_store(Settings(data_dir=data_dir)) as store:
        _seed(store)
    os.environ["CLAIMGRAPH_QUERY_TIMEOUT_MS"] = "120000"  # only the client's leaving can stop it early
    try:
        with local_server(data_dir) as base:
            server_pid = next(
                int(p.name) for p in Path("/proc").iterdir()
                if p.name.isdigit() and f"{base.rsplit(':', 1)[1]}".encode() in (p / "cmdline").read_bytes()
                and b"serve" in (p / "cmdline").read_bytes()
            )  # fmt: skip
            httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
            with pytest.raises(httpx.ReadTimeout):
                httpx.get(f"{base}/sparql", params={"query": ENDLESS}, timeout=1.5)
            time.sleep(1.5)  # the server notices within a quarter second, then kills the process
            workers = [
                pid for pid in _children(server_pid) if b"sparql_worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ]
            before = {pid: _cpu_ticks(pid) for pid in workers}
            time.sleep(1)
            burning = [pid for pid, ticks in before.items() if _alive(pid) and _cpu_ticks(pid) - ticks > 20]
            assert burning == [], "a query process kept computing after its client left"

            # SIGTERM while a query runs: the server stops (killing the query) and leaves no query process.
            def endless() -> None:
                with contextlib.suppress(httpx.HTTPError):
                    httpx.get(f"{base}/sparql", params={"query": ENDLESS}, timeout=30)

            threading.Thread(target=endless, daemon=True).start()
            time.sleep(1)
            workers = [
                pid for pid in _children(server_pid) if b"sparql_worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ]
            os.kill(server_pid, signal.SIGTERM)
            deadline = time.monotonic() + 10  # 3 s of grace, then running requests are cancelled
            while _alive(server_pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert not _alive(server_pid) or Path(f"/proc/{server_pid}/stat").read_text().split()[2] == "Z"
            time.sleep(0.5)
            assert [pid for pid in workers if _alive(pid)] == []
    finally:
        del os.environ["CLAIMGRAPH_QUERY_TIMEOUT_MS"]


# ---------------------------------------------------------------- formats as clients ask for them (issue 18)


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_sparql_sparqlwrapper_every_format_it_offers(served, method) -> None:
    from rdflib import Graph
    from rdflib.query import Result
    from SPARQLWrapper import (
        CSV,
        GET,
        JSON,
        JSONLD,
        N3,
        POST,
        POSTDIRECTLY,
        RDFXML,
        TSV,
        TURTLE,
        URLENCODED,
        XML,
        SPARQLWrapper,
    )

    base, _ = served

    def ask(query: str, fmt: str):
        sparql = SPARQLWrapper(f"{base}/sparql")
        sparql.setMethod(GET if method == "GET" else POST)
        sparql.setRequestMethod(POSTDIRECTLY if method == "POSTDIRECTLY" else URLENCODED)
        sparql.setQuery(query)
        sparql.setReturnFormat(fmt)
        return sparql.query()

    speakers = {"https://claimgraph.org/id/actor/Q227", "https://claimgraph.org/id/actor/am-ministry-of-defence"}
    json_rows = ask(BY_SPEAKER, JSON).convert()["results"]["bindings"]
    assert {row["s"]["value"] for row in json_rows} == speakers
    quotes = {row["quote"]["value"] for row in json_rows}
    assert any("," in q and "«" in q for q in quotes)  # a value CSV must quote
    xml = ask(BY_SPEAKER, XML).convert()
    assert {n.firstChild.data for n in xml.getElementsByTagName("uri")} == speakers
    for fmt, name in ((CSV, "csv"), (TSV, "tsv")):
        result = ask(BY_SPEAKER, fmt)
        body = result.convert()
        parsed = Result.parse(io.BytesIO(body), format=name)
        assert {str(row[0]) for row in parsed} == speakers and {str(row[1]) for row in parsed} == quotes
    tsv = ask(BY_SPEAKER, TSV).convert().decode()
    assert tsv.startswith("?s\t?quote\n")
    assert "<https://claimgraph.org/id/actor/Q227>\t" in tsv  # IRIs in <> by the TSV specification
    assert b"\r\n" in ask(BY_SPEAKER, CSV).convert()
    for fmt in (JSON, XML, CSV, TSV):
        assert ask(CG + "ASK { ?c cg:claimedBy ?s }", fmt).response.status == 200
    assert ask(CG + "ASK { ?c cg:claimedBy ?s }", JSON).convert()["boolean"] is True

    expected = Graph().parse(data=ask(CONSTRUCT, TURTLE).response.read(), format="turtle")
    assert len(expected) == 2
    for fmt in (TURTLE, N3, XML, RDFXML, JSONLD, JSON):
        graph = ask(CONSTRUCT, fmt).convert()
        if not isinstance(graph, Graph):  # Turtle and N3 come back as bytes
            graph = Graph().parse(data=graph, format="turtle")
        assert set(graph) == set(expected), fmt
    described = ask("DESCRIBE <https://claimgraph.org/id/actor/Q227>", RDFXML).convert()
    assert len(described) > 0


def test_sparql_rdflib_sparqlstore_reads_the_endpoint(served) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    base, _ = served
    remote = Graph(store=SPARQLStore(f"{base}/sparql"))
    rows = list(remote.query(BY_SPEAKER))
    assert len(rows) == 2 and all(isinstance(row[0], URIRef) for row in rows)
    triples = remote.query(CONSTRUCT)
    assert len(triples) == 2


def test_sparql_accept_headers_of_jena_and_yasgui_and_406(client) -> None:
    jena = client.get("/sparql", params={"query": BY_SPEAKER}, headers={"Accept": JENA_SELECT_ACCEPT})
    assert jena.headers["content-type"].startswith("application/sparql-results+json")
    tsv_preferred = "text/tab-separated-values, application/sparql-results+json;q=0.5"
    tsv_first = client.get("/sparql", params={"query": BY_SPEAKER}, headers={"Accept": tsv_preferred})
    assert tsv_first.headers["content-type"].startswith("text/tab-separated-values")
    graph = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": JENA_GRAPH_ACCEPT})
    assert graph.headers["content-type"].startswith("text/turtle")
    yasgui = client.post("/sparql", data={"query": BY_SPEAKER}, headers={"Accept": YASGUI_SELECT_ACCEPT})
    assert len(yasgui.json()["results"]["bindings"]) == 2
    browser = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/turtle")
    for kind, media in (
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ):
        from rdflib import Graph

        response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": kind})
        assert response.headers["content-type"].startswith(kind)
        assert len(Graph().parse(data=response.text, format=media)) == 2
    for params, accept in (
        ({"query": BY_SPEAKER}, "image/png"),
        ({"query": BY_SPEAKER}, "text/turtle"),  # a graph format for a table
        ({"query": CONSTRUCT}, "text/csv"),
        ({"query": BY_SPEAKER, "format": "turtle"}, ""),
        ({"query": CONSTRUCT, "format": "tsv"}, ""),
        ({"query": BY_SPEAKER}, "application/sparql-results+json;q=0"),
    ):
        response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
        assert response.status_code == 406, (params, accept)
        assert response.json()["status"] == 406 and "served" in response.json()["error"]


def test_sparql_byte_cap_cuts_like_the_row_cap(client, limits) -> None:
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    full = client.get("/sparql", params={"query": everything, "format": "json"}, headers={})
    limits(query_max_bytes=2000, query_row_limit=100_000)
    for fmt in ("json", "xml", "csv", "tsv"):
        cut = client.get("/sparql", params={"query": everything, "format": fmt})
        assert cut.headers["x-claimgraph-truncated"] == "true" and len(cut.content) <= 2000, fmt
    body = client.get("/sparql", params={"query": everything}).json()
    assert 0 < len(body["results"]["bindings"]) < len(full.json()["results"]["bindings"])
    triples = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"})
    assert triples.headers["x-claimgraph-truncated"] == "true" and len(triples.content) <= 2000


# ---------------------------------------------------------------- the ontology in view (issue 18)


def test_sparql_ontology_hierarchy_answers_class_queries(client) -> None:
    def rows(query: str) -> list[dict]:
        response = client.get("/sparql", params={"query": CG + query})
        assert response.status_code == 200, response.text
        return response.json()["results"]["bindings"]

    actors = {r["x"]["value"].rsplit("/", 1)[1] for r in rows("SELECT ?x WHERE { ?x a cg:Actor }")}
    assert {"Q227", "am-ministry-of-defence"} <= actors  # a State and an Organization are Actors
    agents = rows("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?x WHERE { ?x a prov:Agent }")
    assert {r["x"]["value"].rsplit("/", 1)[1] for r in agents} >= {"Q227", "am-ministry-of-defence"}
    subclasses = rows(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?c WHERE { ?c rdfs:subClassOf* cg:Actor }"
    )
    assert {r["c"]["value"].rsplit("#", 1)[1] for r in subclasses} >= {"Actor", "Person", "Organization", "State",
                                                                         "Outlet"}  # fmt: skip
    labels = rows(
        'SELECT ?l WHERE { cg:Claim <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lang(?l) = "ar") }'
    )
    assert [r["l"]["value"] for r in labels] == ["ادعاء"]
    derived = rows("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?c WHERE { ?c prov:wasDerivedFrom ?a }")
    assert len(derived) == 2  # cg:reportedIn is a subproperty of prov:wasDerivedFrom


# ---------------------------------------------------------------- docs offline (issue 18)


def test_docs_and_redoc_load_their_scripts_from_this_server(client) -> None:
    import re

    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(src.startswith("/") for src in sources), sources  # nothing from another host
        for src in sources:
            asset = client.get(src)
            assert asset.status_code == 200 and len(asset.content) > 100, src


def test_sparql_query_over_its_memory_fails_alone(client) -> None:
    """A query past its process's address-space limit ends that process, not the server: 400, then the next query
    gets a fresh process."""
    from claimgraph.graph.sparql_processes import QueryProcesses

    from claimgraph.errors import QueryError

    view = client.app.state.sparql
    client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})  # the view is on disk and up to date
    processes = QueryProcesses(slots=1, memory_mb=1024)
    request = {"path": str(view._store_dir), "generation": view._generation, "fmt": "json", "graph_fmt": "turtle",
               "limit": 10, "max_bytes": 10_000, "table": False}  # fmt: skip
    try:
        with pytest.raises(QueryError, match="more memory"):  # ~15M rows sorted in memory
            processes.run(
                {**request, "query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"}, 120
            )
        assert processes.run({**request, "query": "ASK { ?s ?p ?o }"}, 30)[1] == b'{"head": {}, "boolean": true}'
    finally:
        processes.close()
