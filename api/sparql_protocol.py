"""The SPARQL 1.1 Protocol as clients speak it: where the query comes from (GET, POST of a form or of the query
itself), and which result format answers it (``format``/``output``/``results`` parameters as SPARQLWrapper and
Virtuoso-style clients send them, else the Accept header with its q-values as Jena, rdflib and YASGUI send it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.api.models import QueryIn
from claimgraph.graph.sparql_guard import QueryForm
from fastapi import HTTPException, Request
from pydantic import ValidationError

from claimgraph.errors import QueryError, ReadOnlyViolation

MAX_QUERY_CHARS = 100_000
# Media types each kind of result is served as, in the server's order of preference (first: the default).
SOLUTION_TYPES = (
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
)
GRAPH_TYPES = (
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("text/n3", "n3"),
    ("application/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("text/rdf+n3", "n3"),
    ("application/n3", "n3"),
    ("text/plain", "ntriples"),
    ("application/x-json+ld", "jsonld"),
    ("application/json", "jsonld"),
    ("application/xml", "rdfxml"),
)
# Names a format parameter may use (SPARQLWrapper sends json, xml, csv, tsv, turtle, n3, rdf, rdf+xml, json-ld,
# and for some the media type as a second value).
SOLUTION_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"} | dict(SOLUTION_TYPES)
GRAPH_NAMES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "n3",
    "nt": "ntriples",
    "ntriples": "ntriples",
    "n-triples": "ntriples",
    "xml": "rdfxml",
    "rdf": "rdfxml",
    "rdf+xml": "rdfxml",
    "rdfxml": "rdfxml",
    "json": "jsonld",
    "json-ld": "jsonld",
    "jsonld": "jsonld",
} | dict(GRAPH_TYPES)
FORMAT_PARAMETERS = ("format", "output", "results")


@dataclass
class SparqlRequest:
    """A query as the protocol carries it, with what the client asked for its answer."""

    query: str
    accept: str = ""
    formats: list[str] = field(default_factory=list)  # format/output/results values, in the order sent
    default_graph: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)

    def choose(self, form: QueryForm) -> str:
        """The format to answer a query of ``form`` in; 406 when the client accepts none that is served."""
        names, offered = (SOLUTION_NAMES, SOLUTION_TYPES) if form in ("SELECT", "ASK") else (GRAPH_NAMES, GRAPH_TYPES)
        asked = [value.strip().lower() for value in self.formats if value.strip()]
        if asked:
            for value in asked:
                if value in names:
                    return names[value]
            raise _not_acceptable(form, offered, f"format {', '.join(asked)!s}")
        fmt = negotiate(self.accept, offered)
        if fmt is None:
            raise _not_acceptable(form, offered, f"Accept: {self.accept}")
        return fmt


def negotiate(accept: str, offered: tuple[tuple[str, str], ...]) -> str | None:
    """The offered format the Accept header prefers (RFC 9110: the most specific range gives a type its q; ties go
    to the server's order); the first offered when there is no header; None when nothing offered is acceptable."""
    ranges = _parse_accept(accept)
    if not ranges:
        return offered[0][1]
    best, best_q = None, 0.0
    for media, fmt in offered:
        kind = media.split("/")[0]
        q = next((q for r, q in ranges if r == media), None)
        if q is None:
            q = next((q for r, q in ranges if r == f"{kind}/*"), None)
        if q is None:
            q = next((q for r, q in ranges if r == "*/*"), 0.0)
        if q > best_q:
            best, best_q = fmt, q
    return best


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q))
    return out


def _not_acceptable(form: str, offered: tuple[tuple[str, str], ...], asked: str) -> HTTPException:
    served = ", ".join(dict.fromkeys(media for media, _ in offered))
    return HTTPException(status_code=406, detail=f"{form} results are not served as {asked}; served: {served}")


async def read_request(request: Request) -> SparqlRequest:
    """The query and its parameters from a GET, a POST of ``application/sparql-query``, a form, or JSON
    ``{"query": ...}``. An update (an ``update`` parameter, ``application/sparql-update``) is refused with 403."""
    params = request.query_params
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fields: dict[str, list[str]] = {key: params.getlist(key) for key in params}
    body_query: str | None = None
    if request.method == "POST":
        if content_type == "application/sparql-update":
            raise ReadOnlyViolation("SPARQL updates are refused: this endpoint is read-only")
        if content_type == "application/sparql-query":
            body_query = _text(await request.body())
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form()
            for key in form:
                fields.setdefault(key, []).extend(str(v) for v in form.getlist(key))
        else:
            try:
                body_query = QueryIn.model_validate_json(await request.body()).query
            except ValidationError as err:
                raise HTTPException(
                    status_code=415,
                    detail="send the query as application/sparql-query, a form field 'query', or JSON {\"query\": ...}",
                ) from err
    if fields.get("update"):
        raise ReadOnlyViolation("SPARQL updates are refused: this endpoint is read-only")
    queries = fields.get("query", []) + ([body_query] if body_query is not None else [])
    if len(queries) != 1:
        raise QueryError("send exactly one SPARQL query (the 'query' parameter, or the request's body)")
    query = queries[0]
    if not query.strip():
        raise QueryError("empty SPARQL query")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the SPARQL query is longer than {MAX_QUERY_CHARS:,} characters")
    return SparqlRequest(
        query=query,
        accept=request.headers.get("accept", ""),
        formats=[value for key in FORMAT_PARAMETERS for value in fields.get(key, [])],
        default_graph=fields.get("default-graph-uri", []),
        named_graphs=fields.get("named-graph-uri", []),
    )


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise QueryError("the SPARQL query is not UTF-8") from err
