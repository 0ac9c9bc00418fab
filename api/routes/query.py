"""Read-only doors for researchers: Cypher (the engine's own read-only mode) and the SPARQL 1.1 Protocol."""

from __future__ import annotations

from typing import Annotated

from claimgraph.api.deps import SettingsDep, StoreDep
from claimgraph.api.limits import admitted
from claimgraph.api.models import QueryIn, QueryOut
from claimgraph.graph.store import ClaimStore
from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from claimgraph.config import Settings

router = APIRouter(tags=["query"])

SPARQL_RESPONSES = {
    200: {
        "description": "SPARQL 1.1 results: JSON (default), XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT",
        "content": {
            media: {}
            for media in (
                "application/sparql-results+json",
                "application/sparql-results+xml",
                "text/csv",
                "text/tab-separated-values",
                "text/turtle",
                "application/n-triples",
            )
        },
    },
    400: {"description": "bad query"},
    403: {"description": "an update was refused"},
}
_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}
FormatParam = Annotated[
    str | None,
    Query(pattern="^(json|xml|csv|tsv|turtle|ntriples)$", description="result format (else the Accept header decides)"),
]


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


def _answer(request: Request, settings: Settings, query: str, fmt: str | None) -> Response:
    media = _FORMATS.get(fmt or "", "") or request.headers.get("accept", "")
    body, media_type, truncated = request.app.state.sparql.protocol(
        query, media, settings.query_row_limit, settings.query_timeout_ms
    )
    return Response(body, media_type=media_type, headers={"X-Claimgraph-Truncated": str(truncated).lower()})


@router.get(
    "/sparql", summary="Read-only SPARQL 1.1 Protocol (GET)", response_class=Response, responses=SPARQL_RESPONSES
)
def sparql_get(
    request: Request,
    settings: SettingsDep,
    query: Annotated[str, Query(min_length=1, max_length=20_000)],
    format: FormatParam = None,
) -> Response:
    return _answer(request, settings, query, format)


@router.post(
    "/sparql",
    summary="Read-only SPARQL 1.1 Protocol (POST: sparql-query, form or JSON body)",
    response_class=Response,
    responses=SPARQL_RESPONSES,
)
async def sparql_post(request: Request, settings: SettingsDep, format: FormatParam = None) -> Response:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/sparql-query"):
        query = (await request.body()).decode("utf-8", errors="replace")
    elif content_type.startswith("application/x-www-form-urlencoded"):
        query = str((await request.form()).get("query") or "")
    else:
        try:
            query = QueryIn.model_validate_json(await request.body()).query
        except ValidationError as err:
            raise HTTPException(
                status_code=422,
                detail="send the query as application/sparql-query, a form field 'query', or JSON {\"query\": ...}",
            ) from err
    if not query.strip():
        raise HTTPException(status_code=400, detail="empty SPARQL query")
    return await run_in_threadpool(_answer, request, settings, query, format)


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
