"""The RDF view of the graph, following ontology/claimgraph.ttl: export (Turtle, JSON-LD) and read-only SPARQL."""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import quote

from claimgraph.graph.store import ClaimStore, QueryResult
from claimgraph.ontology import NAMESPACE, RESOURCE_BASE
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdflib_namespaces

from claimgraph.errors import NotReady, QueryError, ReadOnlyViolation

log = logging.getLogger(__name__)
RECENT_MARGIN = timedelta(hours=1)  # how far before its last look the SPARQL view looks for new articles


class _Terms:
    """A namespace's terms as attributes, each made once: rdflib's namespaces make a new URIRef at every attribute
    access, which was a sixth of the time of building the SPARQL view (some 26 accesses per claim)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # not a term: copy, pickle and the like probing for their hooks
            raise AttributeError(name)
        made = self._namespace[name]
        setattr(self, name, made)
        return made

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]


NAMESPACES = {
    "cg": Namespace(NAMESPACE),
    "schema": Namespace("https://schema.org/"),
    "prov": Namespace("http://www.w3.org/ns/prov#"),
    "wd": Namespace("http://www.wikidata.org/entity/"),
    "id": Namespace(RESOURCE_BASE),
}
CG, SCHEMA, PROV, WD, ID = (_Terms(NAMESPACES[p]) for p in ("cg", "schema", "prov", "wd", "id"))
RDF, RDFS, XSD, OWL = (_Terms(getattr(rdflib_namespaces, name)) for name in ("RDF", "RDFS", "XSD", "OWL"))
_KIND_CLASS = {
    "state": CG.State,
    "region": CG.State,
    "person": CG.Person,
    "organization": CG.Organization,
    "outlet": CG.Outlet,
}


def _resource_path(kind: str, key: str) -> str:
    return f"{kind}/{quote(str(key), safe='')}"


def iri(kind: str, key: str) -> URIRef:
    return ID[_resource_path(kind, key)]


class Triples(Protocol):
    """Where the _add_* helpers put triples, and how they make terms: an rdflib graph for exports (_GraphSink) or
    pyoxigraph quads for the SPARQL view (_QuadSink). The view's terms are made directly, not converted from
    rdflib's: making each term twice was most of the time of a build."""

    def add(self, s: Any, p: Any, o: Any, /) -> None: ...
    def drop(self, s: Any, p: Any, /) -> None: ...  # remove what is held of (s, p, any): a value that changed
    def term(self, name: URIRef, /) -> Any: ...  # a vocabulary term (CG.quote, RDF.type, ...)
    def iri(self, kind: str, key: str, /) -> Any: ...  # one of our resources (graph/rdf.py:iri)
    def literal(self, value: str | int, datatype: URIRef | None = None, language: str | None = None) -> Any: ...
    def blank(self) -> Any: ...


class _GraphSink:
    """Triples into an rdflib Graph (exports: Turtle, JSON-LD)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.graph.add((s, p, o))

    def drop(self, s: Any, p: Any) -> None:
        self.graph.remove((s, p, None))

    def term(self, name: URIRef) -> URIRef:
        return name

    def iri(self, kind: str, key: str) -> URIRef:
        return iri(kind, key)

    def literal(self, value: str | int, datatype: URIRef | None = None, language: str | None = None) -> Literal:
        return Literal(value, datatype=datatype, lang=language)

    def blank(self) -> BNode:
        return BNode()


CLAIMS_PER_READ = 500  # articles read at once (with their claims) while triples are made


def build_graph(store: ClaimStore) -> Graph:
    """Every article, actor, claim and relation of the store as triples."""
    g = _new_graph()
    _add_from_store(_GraphSink(g), store, store.article_ids(), actors_held=set(), relations_held=set())
    return g


def _add_from_store(
    g: Triples,
    store: ClaimStore,
    article_ids: list[str],
    actors_held: set[str],
    relations_held: set[tuple[str, str, str]],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add to ``g`` the actors it does not hold yet and the given articles with their claims and the relations of
    those claims (each relation once: the two sets are updated here), read by article (linear, where pages of
    claims would sort them all each time); ``progress`` hears how many of the articles are in after each read."""
    for actor in store.all_actors():
        if actor["id"] not in actors_held:
            _add_actor(g, actor)
            actors_held.add(actor["id"])
    for k in range(0, len(article_ids), CLAIMS_PER_READ):
        chunk = article_ids[k : k + CLAIMS_PER_READ]
        for article in store.articles(chunk):
            _add_article(g, article)
        for claim in store.claims_of_articles(chunk):
            _add_claim(g, claim)
        for row in store.events_of_articles(chunk):
            _add_event(g, row["event"], row["claims"])
        # A relation is written with the article of its newer claim, so the relations of new articles are all the
        # new relations: reading them all (tens of thousands at a million claims) at each update is not needed.
        _add_relations(g, store.relations_of_articles(chunk), relations_held)
        if progress is not None:
            progress(k + len(chunk))


def _add_relations(g: Triples, relations: list[dict[str, Any]], held: set[tuple[str, str, str]]) -> None:
    for rel in relations:
        if _relation_key(rel) not in held:
            _add_relation(g, rel)
            held.add(_relation_key(rel))


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in NAMESPACES.items():
        g.bind(prefix, ns)
    return g


def _add_actor(g: Triples, actor: dict[str, Any]) -> None:
    node, t = g.iri("actor", actor["id"]), g.term
    g.add(node, t(RDF.type), t(_KIND_CLASS.get(actor.get("kind") or "", CG.Actor)))
    if actor.get("name"):
        g.add(node, t(RDFS.label), g.literal(actor["name"], language="ar"))
    if actor.get("en"):
        g.add(node, t(RDFS.label), g.literal(actor["en"], language="en"))
    if actor.get("side"):
        g.add(node, t(CG.side), g.literal(actor["side"]))
    if actor.get("kind"):
        g.add(node, t(CG.kind), g.literal(actor["kind"]))
    if actor["id"].startswith("Q") and actor["id"][1:].isdigit():
        g.add(node, t(OWL.sameAs), t(WD[actor["id"]]))


def _add_article(g: Triples, article: dict[str, Any]) -> None:
    node, t = g.iri("article", article["id"]), g.term
    g.add(node, t(RDF.type), t(CG.Article))
    g.add(node, t(CG.articleName), g.literal(article["name"]))
    for key, prop in (("headline", SCHEMA.headline), ("url", SCHEMA.url), ("text", SCHEMA.text)):
        if article.get(key):
            g.add(node, t(prop), g.literal(article[key]))
    if article.get("published"):
        g.add(node, t(SCHEMA.datePublished), g.literal(article["published"], XSD.date))
    if article.get("outlet_id"):
        g.add(node, t(CG.publishedBy), g.iri("actor", article["outlet_id"]))


def _relation_key(rel: dict[str, Any]) -> tuple[str, str, str]:
    return rel["kind"], rel["a"], rel["b"]


def _add_relation(g: Triples, rel: dict[str, Any]) -> None:
    t = g.term
    prop = t({"CONTRADICTS": CG.contradicts, "CORROBORATES": CG.corroborates, "REVISES": CG.revisionOf}[rel["kind"]])
    a, b = g.iri("claim", rel["a"]), g.iri("claim", rel["b"])
    g.add(a, prop, b)
    statement = g.blank()
    g.add(statement, t(RDF.type), t(RDF.Statement))
    g.add(statement, t(RDF.subject), a)
    g.add(statement, t(RDF.predicate), prop)
    g.add(statement, t(RDF.object), b)
    g.add(statement, t(CG.explanation), g.literal(rel.get("explanation") or ""))
    if rel.get("explanation_ar"):
        g.add(statement, t(CG.explanation), g.literal(rel["explanation_ar"], language="ar"))
    g.add(statement, t(RDFS.comment), g.literal(rel.get("reason") or ""))


def _add_event(g: Triples, event: dict[str, Any], claim_ids: list[str]) -> None:
    """An event (cg:Event, a SEM and schema.org Event) and the claims about it. A joined event's days and sides
    grow with each new report: what the view held of them is replaced, not added to."""
    node, t, lit = g.iri("event", event["id"]), g.term, g.literal
    for prop in (SCHEMA.startDate, SCHEMA.endDate, CG.participantSide):
        g.drop(node, t(prop))
    g.add(node, t(RDF.type), t(CG.Event))
    g.add(node, t(RDF.type), t(SCHEMA.Event))
    g.add(node, t(CG.eventType), lit(event["type"]))
    if event.get("place"):
        g.add(node, t(SCHEMA.location), lit(event["place"], language="ar"))
    for key, prop in (("date_start", SCHEMA.startDate), ("date_end", SCHEMA.endDate)):
        if event.get(key):
            g.add(node, t(prop), lit(event[key], XSD.date))
    for side in event.get("participants") or []:
        g.add(node, t(CG.participantSide), lit(side))
    for claim_id in claim_ids:
        g.add(g.iri("claim", claim_id), t(CG.about), node)


def _add_claim(g: Triples, claim: dict[str, Any]) -> None:
    node, t, lit = g.iri("claim", claim["id"]), g.term, g.literal
    g.add(node, t(RDF.type), t(CG.Claim))
    g.add(node, t(RDF.type), t(SCHEMA.Claim))
    g.add(node, t(CG.claimType), lit(claim["type"]))
    quote = lit(claim["quote"])
    g.add(node, t(CG.quote), quote)
    g.add(node, t(SCHEMA.text), quote)
    g.add(node, t(CG.spanStart), lit(claim["span"][0], XSD.nonNegativeInteger))
    g.add(node, t(CG.spanEnd), lit(claim["span"][1], XSD.nonNegativeInteger))
    g.add(node, t(CG.sentenceStart), lit(claim["sentence"][0], XSD.nonNegativeInteger))
    g.add(node, t(CG.sentenceEnd), lit(claim["sentence"][1], XSD.nonNegativeInteger))
    article = g.iri("article", claim["article_id"])
    g.add(node, t(CG.reportedIn), article)
    g.add(node, t(SCHEMA.appearance), article)
    if claim.get("date"):
        g.add(node, t(SCHEMA.datePublished), lit(claim["date"], XSD.date))
    speaker = claim.get("speaker")
    if speaker:
        actor = g.iri("actor", speaker["id"])
        g.add(node, t(CG.claimedBy), actor)
        g.add(node, t(PROV.wasAttributedTo), actor)
        g.add(node, t(SCHEMA.author), actor)
        g.add(node, t(CG.speakerText), lit(speaker["text"]))
    for via in claim.get("via") or []:
        g.add(node, t(CG.relayedBy), g.iri("actor", via["id"]))
    if claim.get("measure") or claim.get("value") is not None:
        quantity = g.iri("quantity", claim["id"])
        g.add(node, t(CG.quantity), quantity)
        g.add(quantity, t(RDF.type), t(CG.Quantity))
        if claim.get("measure"):
            g.add(quantity, t(CG.measure), lit(claim["measure"]))
        if claim.get("value") is not None:
            g.add(quantity, t(CG.value), lit(int(claim["value"]), XSD.integer))
        if claim.get("qualifier"):
            g.add(quantity, t(CG.qualifier), lit(claim["qualifier"]))
    target = claim.get("target")
    if target:
        tnode = g.iri("target", claim["id"])
        g.add(node, t(CG.target), tnode)
        g.add(tnode, t(RDF.type), t(CG.Target))
        if target.get("side"):
            g.add(tnode, t(CG.side), lit(target["side"]))
        if target.get("group"):
            g.add(tnode, t(CG.group), lit(target["group"]))


JSONLD_CONTEXT = {
    "cg": NAMESPACE,
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "wd": "http://www.wikidata.org/entity/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def export(store: ClaimStore, fmt: str) -> str:
    """The whole graph as Turtle or JSON-LD."""
    g = build_graph(store)
    if fmt == "turtle":
        return g.serialize(format="turtle")
    if fmt == "jsonld":
        return g.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2)
    raise ValueError(f"unknown export format {fmt!r}: expected turtle or jsonld")


class _QuadSink:
    """Triples as pyoxigraph terms, written into the view's store a few hundred thousand at a time (a million claims
    make some 26 million triples: held as Python objects all at once, they would not fit in memory)."""

    FLUSH_EVERY = 200_000

    def __init__(self, store: Any, replacing: bool = True) -> None:
        import pyoxigraph

        self.oxi = pyoxigraph
        self.store = store
        self.replacing = replacing  # False while a full build fills an empty store: nothing held can have changed
        self.quads: list[Any] = []
        self._terms: dict[str, Any] = {}  # vocabulary terms and datatypes, made once

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.quads.append(self.oxi.Quad(s, p, o))
        if len(self.quads) >= self.FLUSH_EVERY:
            self.flush()

    def drop(self, s: Any, p: Any) -> None:
        """Remove the stored values of (s, p); values still in the buffer are this load's own (the same ones)."""
        if not self.replacing:
            return
        for quad in list(self.store.quads_for_pattern(s, p, None)):
            self.store.remove(quad)

    def flush(self) -> None:
        if self.quads:
            self.store.bulk_extend(self.quads)
            self.quads = []

    def term(self, name: URIRef) -> Any:
        made = self._terms.get(name)
        if made is None:
            made = self._terms[name] = self.oxi.NamedNode(str(name))
        return made

    def iri(self, kind: str, key: str) -> Any:
        return self.oxi.NamedNode(RESOURCE_BASE + _resource_path(kind, key))

    def literal(self, value: str | int, datatype: URIRef | None = None, language: str | None = None) -> Any:
        if language:
            return self.oxi.Literal(str(value), language=language)
        if datatype is not None:
            return self.oxi.Literal(str(value), datatype=self.term(datatype))
        return self.oxi.Literal(str(value))

    def blank(self) -> Any:
        return self.oxi.BlankNode()


class SparqlView:
    """A pyoxigraph store loaded from the RDF view. When the graph's counts change, only what was added since is
    loaded (new actors, new articles with their claims, new relations); when an article was deleted, it is rebuilt.
    Articles are only ever added whole or deleted whole, and actors never change, so comparing ids is enough."""

    def __init__(self, store: ClaimStore) -> None:
        self.store = store
        self._version: tuple | None = None
        self._oxi = None
        self._actors: set[str] = set()
        self._articles: set[str] = set()
        self._relations: set[tuple[str, str, str]] = set()
        self.rebuilds = 0  # full builds so far (the first one included)
        self.building: tuple[int, int] | None = None  # (articles loaded, articles) while a full build runs
        self._since = ""  # articles ingested at or after this time (ISO, UTC) may be new to the view
        # The API answers requests from a thread pool: two queries must not load the same additions twice (a
        # relation's reification would then be doubled), so bringing the view up to date is done by one at a time.
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Bring the view up to date now (the API server starts this in a thread, so that researchers do not wait
        for a big graph's first build at their first query). Failures are logged: the next query tries again."""
        try:
            self._fresh(wait_s=None)
        except Exception:
            log.exception("the SPARQL view could not be built; queries will try again")

    def _fresh(self, wait_s: float | None):
        """The view, up to date. Waits up to ``wait_s`` (None: as long as it takes) for another thread's update;
        past that, NotReady says how far a full build has come."""
        if not self._lock.acquire(timeout=-1 if wait_s is None else wait_s):
            done, total = self.building or (0, 0)
            progress = f": {done:,} of {total:,} articles loaded" if total else ""
            raise NotReady(f"the SPARQL view of the graph is being built{progress}; try again shortly")
        try:
            return self._fresh_locked()
        finally:
            self._lock.release()

    def _fresh_locked(self):
        stats = self.store.stats()
        version = tuple(sorted(stats.items()))
        if self._oxi is not None and version == self._version:
            return self._oxi
        checked_at = datetime.now(UTC)
        if self._oxi is None:
            self._rebuild(set(self.store.article_ids()))
        else:
            # Usually the graph only grew: the articles ingested since the last look (with an hour's margin for
            # writes prepared before it) are the new ones, found without reading every id (0.35 s at 1M claims).
            # When the counts do not add up (a deletion, or a write racing this look), every id is compared.
            recent = set(self.store.article_ids(since=self._since)) - self._articles
            same_articles = not recent and stats["articles"] == len(self._articles)
            if same_articles and stats.get("events") != dict(self._version or ()).get("events"):
                # Events changed with no article added or deleted: a merge was split, claims moved to another event.
                self._rebuild(set(self.store.article_ids()))
            elif len(self._articles) + len(recent) == stats["articles"]:
                self._add(recent)
            else:
                article_ids = set(self.store.article_ids())
                if self._articles <= article_ids:
                    self._add(article_ids - self._articles)
                else:
                    self._rebuild(article_ids)
        self._since = (checked_at - RECENT_MARGIN).isoformat(timespec="seconds")
        self._version = version  # read before the ids: a write in between is seen now, and again (as nothing) next time
        return self._oxi

    def _rebuild(self, article_ids: set[str]) -> None:
        import pyoxigraph

        self._oxi, self._actors, self._articles, self._relations = pyoxigraph.Store(), set(), set(), set()
        total = len(article_ids)
        self.building = (0, total)
        try:
            self._add(article_ids, progress=lambda done: setattr(self, "building", (done, total)), fresh=True)
        finally:
            self.building = None
        self.rebuilds += 1

    def _add(self, new_articles: set[str], progress: Callable[[int], None] | None = None, fresh: bool = False) -> None:
        """Load into the view what it does not hold yet: actors, the given articles and their claims, relations
        (``fresh``: into an empty store)."""
        g = _QuadSink(self._oxi, replacing=not fresh)
        _add_from_store(g, self.store, sorted(new_articles), self._actors, self._relations, progress)
        if not new_articles:  # the counts changed with no new article: relations loaded on their own (store.load)
            _add_relations(g, self.store.relations(), self._relations)
        g.flush()
        self._articles |= new_articles

    def _run(self, sparql: str, wait_s: float | None):
        """The query's lazy results; the view is brought up to date first (call it before starting the clock:
        building the view is not the query's time, and a build cut short would only be redone). A query waits up
        to ``wait_s`` for a build running in another thread."""
        oxi = self._fresh(wait_s)
        try:
            return oxi.query(sparql)
        except SyntaxError as err:
            if any(word in sparql.upper() for word in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE")):
                raise ReadOnlyViolation(f"SPARQL updates are not allowed on this read-only endpoint: {err}") from err
            raise QueryError(f"SPARQL syntax error: {err}") from err

    def protocol(
        self, sparql: str, media_type: str, limit: int = 1000, timeout_ms: int = 10_000
    ) -> tuple[bytes, str, bool]:
        """The SPARQL 1.1 Protocol answer in a standard format: (body, media type, truncated).

        SELECT and ASK: application/sparql-results+json (default), application/sparql-results+xml, text/csv or
        text/tab-separated-values; CONSTRUCT/DESCRIBE: text/turtle or application/n-triples. Every format is cut at
        ``limit`` rows (or triples), and reading results stops with an error past ``timeout_ms``.
        """
        import pyoxigraph

        result = self._run(sparql, wait_s=timeout_ms / 1000)
        deadline = time.monotonic() + timeout_ms / 1000
        if isinstance(result, pyoxigraph.QueryTriples):
            fmt, media = (
                (pyoxigraph.RdfFormat.N_TRIPLES, "application/n-triples")
                if "n-triples" in media_type
                else (pyoxigraph.RdfFormat.TURTLE, "text/turtle")
            )
            triples, truncated = _bounded(result, limit, deadline, timeout_ms)
            return pyoxigraph.serialize(triples, format=fmt), media, truncated
        if isinstance(result, pyoxigraph.QueryBoolean):
            if "xml" in media_type:
                return _xml_results([], [], bool(result)), "application/sparql-results+xml", False
            return json.dumps({"head": {}, "boolean": bool(result)}).encode(), "application/sparql-results+json", False
        variables = [v.value for v in result.variables]
        solutions, truncated = _bounded(result, limit, deadline, timeout_ms)
        rows = [[solution[v] for v in variables] for solution in solutions]
        if "xml" in media_type:
            return _xml_results(variables, rows), "application/sparql-results+xml", truncated
        if "csv" in media_type or "tab-separated" in media_type:
            sep = "," if "csv" in media_type else "\t"
            out = io.StringIO()
            writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
            writer.writerow(variables)
            writer.writerows([["" if t is None else t.value for t in row] for row in rows])
            return out.getvalue().encode(), "text/csv" if sep == "," else "text/tab-separated-values", truncated
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(body, ensure_ascii=False).encode(), "application/sparql-results+json", truncated

    def query(self, sparql: str, limit: int = 1000, timeout_ms: int = 10_000) -> QueryResult:
        """A SPARQL SELECT, ASK or CONSTRUCT as a table; updates are refused before they reach the engine."""
        import pyoxigraph

        started = time.perf_counter()
        result = self._run(sparql, wait_s=timeout_ms / 1000)
        deadline = time.monotonic() + timeout_ms / 1000
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult(["ask"], [[bool(result)]], False, _ms_since(started), "pyoxigraph")
        if isinstance(result, pyoxigraph.QuerySolutions):
            columns = [v.value for v in result.variables]
            solutions, truncated = _bounded(result, limit, deadline, timeout_ms)
            rows = [[_term(solution[c]) for c in columns] for solution in solutions]
            return QueryResult(columns, rows, truncated, _ms_since(started), "pyoxigraph")
        triples, truncated = _bounded(result, limit, deadline, timeout_ms)
        rows = [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples]
        return QueryResult(["subject", "predicate", "object"], rows, truncated, _ms_since(started), "pyoxigraph")


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _bounded(results: Iterable[Any], limit: int, deadline: float, timeout_ms: int) -> tuple[list[Any], bool]:
    """Up to ``limit`` results and whether there were more; stops with QueryError once past ``deadline``.

    pyoxigraph evaluates lazily while results are read, so the clock is checked between results. A query that
    must finish before its first result (a sort, an aggregate) cannot be interrupted this way; the timeout then
    applies as soon as that first result arrives.
    """
    out = []
    for item in results:
        if time.monotonic() > deadline:
            raise QueryError(f"SPARQL query exceeded the {timeout_ms} ms time limit")
        if len(out) == limit:
            return out, True
        out.append(item)
    return out, False


def _xml_results(variables: list[str], rows: list[list[Any]], boolean: bool | None = None) -> bytes:
    """SPARQL 1.1 Query Results XML (https://www.w3.org/TR/rdf-sparql-XMLres/)."""
    from xml.sax.saxutils import escape, quoteattr

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>",
    ]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>")
    if boolean is not None:
        out.append(f"<boolean>{str(boolean).lower()}</boolean>")
    else:
        out.append("<results>")
        for row in rows:
            out.append("<result>")
            for name, term in zip(variables, row, strict=True):
                if term is None:
                    continue
                kind = _json_term(term)
                if kind["type"] == "uri":
                    value = f"<uri>{escape(kind['value'])}</uri>"
                elif kind["type"] == "bnode":
                    value = f"<bnode>{escape(kind['value'])}</bnode>"
                else:
                    attrs = "".join(
                        f" {xml_name}={quoteattr(kind[key])}"
                        for key, xml_name in (("xml:lang", "xml:lang"), ("datatype", "datatype"))
                        if key in kind
                    )
                    value = f"<literal{attrs}>{escape(kind['value'])}</literal>"
                out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode("utf-8")


def _json_term(term: Any) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _term(term: Any) -> Any:
    if term is None:
        return None
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        return term.value
    return term.value
