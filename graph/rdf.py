"""The RDF view of the graph, following ontology/claimgraph.ttl: the mapping and the export (Turtle, JSON-LD); the
SPARQL view built from the same mapping is graph/sparql_view.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import quote

from claimgraph.graph.store import ClaimStore
from claimgraph.ontology import NAMESPACE, RESOURCE_BASE
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdflib_namespaces


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
    if claim.get("measure") or claim.get("value") is not None or claim.get("fraction") is not None:
        quantity = g.iri("quantity", claim["id"])
        g.add(node, t(CG.quantity), quantity)
        g.add(quantity, t(RDF.type), t(CG.Quantity))
        if claim.get("measure"):
            g.add(quantity, t(CG.measure), lit(claim["measure"]))
        if claim.get("value") is not None:
            g.add(quantity, t(CG.value), lit(int(claim["value"]), XSD.integer))
        if claim.get("qualifier"):
            g.add(quantity, t(CG.qualifier), lit(claim["qualifier"]))
        if claim.get("value_max") is not None:
            g.add(quantity, t(CG.valueMax), lit(int(claim["value_max"]), XSD.integer))
        if claim.get("fraction") is not None:
            g.add(quantity, t(CG.fraction), lit(str(claim["fraction"]), XSD.decimal))
    denies = claim.get("denies")
    if denies and denies[0] is not None:
        g.add(node, t(CG.deniedSpanStart), lit(denies[0], XSD.nonNegativeInteger))
        g.add(node, t(CG.deniedSpanEnd), lit(denies[1], XSD.nonNegativeInteger))
    for field, prop in (("assertion", CG.assertion), ("cue", CG.cue), ("event", CG.claimEvent)):
        if claim.get(field):
            g.add(node, t(prop), lit(claim[field]))
    if claim.get("place"):
        g.add(node, t(CG.placeText), lit(claim["place"], language="ar"))
    period = claim.get("period") or {}
    for key, prop in (("start", CG.periodStart), ("end", CG.periodEnd)):
        if period.get(key):
            g.add(node, t(prop), lit(period[key], XSD.date))
    if period.get("cumulative"):
        g.add(node, t(CG.cumulative), lit("true", XSD.boolean))
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
