"""Read-only doors for researchers: Cypher (the engine's own read-only mode) and SPARQL over the RDF view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import SettingsDep, StoreDep
from api.models import QueryIn, QueryOut

router = APIRouter(tags=["query"])


@router.post(
    "/cypher",
    response_model=QueryOut,
    summary="Read-only Cypher",
    responses={403: {"description": "the query tried to write"}, 400: {"description": "bad query"}},
)
def cypher(body: QueryIn, store: StoreDep, settings: SettingsDep) -> QueryOut:
    result = store.read_only_query(body.query, body.params, settings.query_timeout_ms, settings.query_row_limit)
    return QueryOut(**result.__dict__)


@router.get("/sparql", response_model=QueryOut, summary="Read-only SPARQL (GET)")
def sparql_get(
    request: Request, settings: SettingsDep, query: Annotated[str, Query(min_length=1, max_length=20_000)]
) -> QueryOut:
    return QueryOut(**request.app.state.sparql.query(query, settings.query_row_limit).__dict__)


@router.post("/sparql", response_model=QueryOut, summary="Read-only SPARQL (POST)")
def sparql_post(body: QueryIn, request: Request, settings: SettingsDep) -> QueryOut:
    return QueryOut(**request.app.state.sparql.query(body.query, settings.query_row_limit).__dict__)
