"""Read-only doors for researchers: Cypher (the engine's own read-only mode) and the SPARQL 1.1 Protocol."""

from __future__ import annotations

import asyncio
import threading
from typing import Annotated, Any

from claimgraph.api.deps import SettingsDep, StoreDep
from claimgraph.api.limits import admitted
from claimgraph.api.models import QueryIn, QueryOut
from claimgraph.api.sparql_protocol import GRAPH_TYPES, SOLUTION_TYPES, read_request
from claimgraph.graph.store import ClaimStore
from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from claimgraph.config import Settings

router = APIRouter(tags=["query"])

SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SPARQL 1.1 results: JSON (default), XML, CSV, TSV for SELECT and ASK; Turtle (default), "
        "N-Triples, N3, RDF/XML, JSON-LD for CONSTRUCT and DESCRIBE",
        "content": {media: {} for media in dict(SOLUTION_TYPES) | dict(GRAPH_TYPES)},
    },
    400: {"description": "bad query, or over the time limit"},
    403: {"description": "an update, or a query reaching outside the graph (SERVICE), was refused"},
    406: {"description": "no result format the client accepts is served for this kind of query"},
    503: {"description": "the view is being built, or too many queries run; retry after Retry-After seconds"},
}
_PROTOCOL_PARAMETERS = {
    "parameters": [
        {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "output", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
    ]
}
FormatParam = Annotated[
    list[str] | None,
    Query(description="result format by name (json, xml, csv, tsv, turtle, ntriples, n3, rdf+xml, json-ld) or media "
          "type; else the Accept header decides; also read as 'output' and 'results'"),
]  # fmt: skip


@router.post(
    "/cypher",
    response_model=QueryOut,
    summary="Read-only Cypher",
    responses={
        403: {"description": "the query tried to write or to read outside the graph (LOAD CSV)"},
        400: {"description": "bad query, or over a limit (time, memory, range length)"},
        503: {"description": "too many queries running; retry after the Retry-After header's seconds"},
    },
)
async def cypher(body: QueryIn, request: Request, store: StoreDep, settings: SettingsDep) -> QueryOut:
    return await run_cypher(request, store, settings, body)


async def run_cypher(request: Request, store: ClaimStore, settings: Settings, body: QueryIn) -> QueryOut:
    """A researcher's Cypher: admitted a few at a time (waiting on the event loop, not in a thread), run read-only
    under the engine's limits, its rows cut at the row cap and then at the byte cap (both set ``truncated``)."""
    async with admitted(request, settings):
        result = await run_in_threadpool(
            store.read_only_query,
            body.query,
            body.params,
            settings.query_timeout_ms,
            settings.query_row_limit,
            settings.query_max_bytes,
        )
    return QueryOut(**result.__dict__)


async def _answer(request: Request, settings: Settings) -> Response:
    """Run the query in a query process once admitted; if the client leaves first, the process is killed then, not
    at the time limit."""
    asked = await read_request(request)
    cancelled = threading.Event()
    async with admitted(request, settings):  # the same slots as Cypher: a core stays free for the page and /health
        work = asyncio.ensure_future(
            run_in_threadpool(
                request.app.state.sparql.protocol,
                asked.query,
                asked.choose,
                limit=settings.query_row_limit,
                max_bytes=settings.query_max_bytes,
                timeout_ms=settings.query_timeout_ms,
                default_graph=asked.default_graph,
                named_graphs=asked.named_graphs,
                cancelled=cancelled,
            )
        )
        try:
            while not (await asyncio.wait({work}, timeout=0.25))[0]:
                if await request.is_disconnected():
                    cancelled.set()
        finally:
            cancelled.set()  # also when this request is cancelled (the server stopping)
    body, media_type, truncated = work.result()
    return Response(body, media_type=media_type, headers={"X-Claimgraph-Truncated": str(truncated).lower()})


@router.get(
    "/sparql",
    summary="Read-only SPARQL 1.1 Protocol (GET)",
    response_class=Response,
    responses=SPARQL_RESPONSES,
    openapi_extra=_PROTOCOL_PARAMETERS,
)
async def sparql_get(
    request: Request,
    settings: SettingsDep,
    query: Annotated[str | None, Query(max_length=20_000, description="the SPARQL query")] = None,
    format: FormatParam = None,
) -> Response:
    return await _answer(request, settings)


@router.post(
    "/sparql",
    summary="Read-only SPARQL 1.1 Protocol (POST: application/sparql-query, a form, or JSON {query})",
    response_class=Response,
    responses=SPARQL_RESPONSES,
    openapi_extra=_PROTOCOL_PARAMETERS,
)
async def sparql_post(request: Request, settings: SettingsDep, format: FormatParam = None) -> Response:
    return await _answer(request, settings)


@router.get(
    "/export",
    summary="The whole graph as RDF (Turtle or JSON-LD with schema.org Claim terms)",
    response_class=Response,
    responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}}}},
)
def export_graph(store: StoreDep, format: Annotated[str, Query(pattern="^(turtle|jsonld)$")] = "turtle") -> Response:
    from claimgraph.graph.rdf import export

    media = "text/turtle" if format == "turtle" else "application/ld+json"
    return Response(export(store, format).encode("utf-8"), media_type=media)
