"""The RDF view of the graph, following ontology/claimgraph.ttl: export (Turtle, JSON-LD) and read-only SPARQL."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Iterable
from typing import Any, Protocol
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef

from claimgraph.errors import QueryError, ReadOnlyViolation
from graph.store import ClaimStore, QueryResult
from ontology import NAMESPACE, RESOURCE_BASE

CG = Namespace(NAMESPACE)
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")
ID = Namespace(RESOURCE_BASE)
_KIND_CLASS = {
    "state": CG.State,
    "region": CG.State,
    "person": CG.Person,
    "organization": CG.Organization,
    "outlet": CG.Outlet,
}


def iri(kind: str, key: str) -> URIRef:
    return ID[f"{kind}/{quote(str(key), safe='')}"]


class Triples(Protocol):
    """Where the _add_* helpers put triples: an rdflib Graph (exports) or the SPARQL view's _QuadSink."""

    def add(self, triple: tuple[Any, Any, Any], /) -> Any: ...


CLAIMS_PER_READ = 500  # articles read at once (with their claims) while triples are made


def build_graph(store: ClaimStore) -> Graph:
    """Every article, actor, claim and relation of the store as triples."""
    g = _new_graph()
    _add_from_store(g, store, store.article_ids(), actors_held=set(), relations_held=set())
    return g


def _add_from_store(
    g: Triples,
    store: ClaimStore,
    article_ids: list[str],
    actors_held: set[str],
    relations_held: set[tuple[str, str, str]],
) -> None:
    """Add to ``g`` the actors and relations it does not hold yet (the two sets, updated here) and the given
    articles with their claims, read by article (linear, where pages of claims would sort them all each time)."""
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
    for rel in store.relations():
        if _relation_key(rel) not in relations_held:
            _add_relation(g, rel)
            relations_held.add(_relation_key(rel))


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("cg", CG), ("schema", SCHEMA), ("prov", PROV), ("wd", WD), ("id", ID)):
        g.bind(prefix, ns)
    return g


def _add_actor(g: Triples, actor: dict[str, Any]) -> None:
    node = iri("actor", actor["id"])
    g.add((node, RDF.type, _KIND_CLASS.get(actor.get("kind") or "", CG.Actor)))
    if actor.get("name"):
        g.add((node, RDFS.label, Literal(actor["name"], lang="ar")))
    if actor.get("en"):
        g.add((node, RDFS.label, Literal(actor["en"], lang="en")))
    if actor.get("side"):
        g.add((node, CG.side, Literal(actor["side"])))
    if actor.get("kind"):
        g.add((node, CG.kind, Literal(actor["kind"])))
    if actor["id"].startswith("Q") and actor["id"][1:].isdigit():
        g.add((node, OWL.sameAs, WD[actor["id"]]))


def _add_article(g: Triples, article: dict[str, Any]) -> None:
    node = iri("article", article["id"])
    g.add((node, RDF.type, CG.Article))
    g.add((node, CG.articleName, Literal(article["name"])))
    for key, prop in (("headline", SCHEMA.headline), ("url", SCHEMA.url), ("text", SCHEMA.text)):
        if article.get(key):
            g.add((node, prop, Literal(article[key])))
    if article.get("published"):
        g.add((node, SCHEMA.datePublished, Literal(article["published"], datatype=XSD.date)))
    if article.get("outlet_id"):
        g.add((node, CG.publishedBy, iri("actor", article["outlet_id"])))


def _relation_key(rel: dict[str, Any]) -> tuple[str, str, str]:
    return rel["kind"], rel["a"], rel["b"]


def _add_relation(g: Triples, rel: dict[str, Any]) -> None:
    prop = {"CONTRADICTS": CG.contradicts, "CORROBORATES": CG.corroborates, "REVISES": CG.revisionOf}[rel["kind"]]
    g.add((iri("claim", rel["a"]), prop, iri("claim", rel["b"])))
    statement = BNode()
    g.add((statement, RDF.type, RDF.Statement))
    g.add((statement, RDF.subject, iri("claim", rel["a"])))
    g.add((statement, RDF.predicate, prop))
    g.add((statement, RDF.object, iri("claim", rel["b"])))
    g.add((statement, CG.explanation, Literal(rel.get("explanation") or "")))
    g.add((statement, RDFS.comment, Literal(rel.get("reason") or "")))


def _add_claim(g: Triples, claim: dict[str, Any]) -> None:
    node = iri("claim", claim["id"])
    g.add((node, RDF.type, CG.Claim))
    g.add((node, RDF.type, SCHEMA.Claim))
    g.add((node, CG.claimType, Literal(claim["type"])))
    g.add((node, CG.quote, Literal(claim["quote"])))
    g.add((node, SCHEMA.text, Literal(claim["quote"])))
    g.add((node, CG.spanStart, Literal(claim["span"][0], datatype=XSD.nonNegativeInteger)))
    g.add((node, CG.spanEnd, Literal(claim["span"][1], datatype=XSD.nonNegativeInteger)))
    g.add((node, CG.sentenceStart, Literal(claim["sentence"][0], datatype=XSD.nonNegativeInteger)))
    g.add((node, CG.sentenceEnd, Literal(claim["sentence"][1], datatype=XSD.nonNegativeInteger)))
    article = iri("article", claim["article_id"])
    g.add((node, CG.reportedIn, article))
    g.add((node, SCHEMA.appearance, article))
    if claim.get("date"):
        g.add((node, SCHEMA.datePublished, Literal(claim["date"], datatype=XSD.date)))
    speaker = claim.get("speaker")
    if speaker:
        actor = iri("actor", speaker["id"])
        g.add((node, CG.claimedBy, actor))
        g.add((node, PROV.wasAttributedTo, actor))
        g.add((node, SCHEMA.author, actor))
        g.add((node, CG.speakerText, Literal(speaker["text"])))
    for via in claim.get("via") or []:
        g.add((node, CG.relayedBy, iri("actor", via["id"])))
    if claim.get("measure") or claim.get("value") is not None:
        quantity = iri("quantity", claim["id"])
        g.add((node, CG.quantity, quantity))
        g.add((quantity, RDF.type, CG.Quantity))
        if claim.get("measure"):
            g.add((quantity, CG.measure, Literal(claim["measure"])))
        if claim.get("value") is not None:
            g.add((quantity, CG.value, Literal(int(claim["value"]), datatype=XSD.integer)))
        if claim.get("qualifier"):
            g.add((quantity, CG.qualifier, Literal(claim["qualifier"])))
    target = claim.get("target")
    if target:
        tnode = iri("target", claim["id"])
        g.add((node, CG.target, tnode))
        g.add((tnode, RDF.type, CG.Target))
        if target.get("side"):
            g.add((tnode, CG.side, Literal(target["side"])))
        if target.get("group"):
            g.add((tnode, CG.group, Literal(target["group"])))


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
    """Takes the triples the _add_* helpers make, as pyoxigraph quads for the SPARQL view: no rdflib graph to index
    and no N-Triples text to write and parse again (that round trip was most of the time of a build)."""

    def __init__(self) -> None:
        import pyoxigraph

        self.oxi = pyoxigraph
        self.quads: list[Any] = []
        self._named: dict[str, Any] = {}

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        s, p, o = (self._term(t) for t in triple)
        self.quads.append(self.oxi.Quad(s, p, o))

    def _term(self, term: Any) -> Any:
        if isinstance(term, URIRef):
            key = str(term)
            named = self._named.get(key)
            if named is None:
                named = self._named[key] = self.oxi.NamedNode(key)
            return named
        if isinstance(term, BNode):
            return self.oxi.BlankNode(str(term))
        if term.language:
            return self.oxi.Literal(str(term), language=term.language)
        if term.datatype:
            return self.oxi.Literal(str(term), datatype=self._term(term.datatype))
        return self.oxi.Literal(str(term))

    def __len__(self) -> int:
        return len(self.quads)


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
        # The API answers requests from a thread pool: two queries must not load the same additions twice (a
        # relation's reification would then be doubled), so bringing the view up to date is done by one at a time.
        self._lock = threading.Lock()

    def _fresh(self):
        with self._lock:
            return self._fresh_locked()

    def _fresh_locked(self):
        version = tuple(sorted(self.store.stats().items()))
        if self._oxi is not None and version == self._version:
            return self._oxi
        article_ids = set(self.store.article_ids())
        if self._oxi is None or not self._articles <= article_ids:
            self._rebuild(article_ids)
        else:
            self._add(article_ids - self._articles)
        self._version = version  # read before the ids: a write in between is seen now, and again (as nothing) next time
        return self._oxi

    def _rebuild(self, article_ids: set[str]) -> None:
        import pyoxigraph

        self._oxi, self._actors, self._articles, self._relations = pyoxigraph.Store(), set(), set(), set()
        self._add(article_ids)
        self.rebuilds += 1

    def _add(self, new_articles: set[str]) -> None:
        """Load into the view what it does not hold yet: actors, the given articles and their claims, relations."""
        g = _QuadSink()
        _add_from_store(g, self.store, sorted(new_articles), self._actors, self._relations)
        self._articles |= new_articles
        if len(g):
            self._oxi.bulk_extend(g.quads)

    def _run(self, sparql: str):
        """The query's lazy results; the view is brought up to date first (call it before starting the clock:
        building the view is not the query's time, and a build cut short would only be redone)."""
        oxi = self._fresh()
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

        result = self._run(sparql)
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
        result = self._run(sparql)
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
