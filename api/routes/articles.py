"""Articles: list, read, ingest (token required) and delete (token required)."""

from __future__ import annotations

from typing import Annotated

from claimgraph.api.deps import StoreDep, WriteAccess
from claimgraph.api.models import MAX_OFFSET, ArticleCreate, ArticlePublic, ArticlesPublic, IngestOut
from claimgraph.extract.reader import check_text, headline_of
from claimgraph.ontology.claim import ArticleInput
from fastapi import APIRouter, HTTPException, Query, Request

from claimgraph.errors import InputError

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=ArticlesPublic, summary="Stored articles")
def list_articles(
    store: StoreDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ArticlesPublic:
    rows = store.list_articles(offset, limit)
    return ArticlesPublic(data=rows, count=store.stats()["articles"])


@router.get(
    "/{key}",
    response_model=ArticlePublic,
    summary="One article by name or content id",
    responses={404: {"description": "no such article"}},
)
def get_article(key: str, store: StoreDep) -> ArticlePublic:
    article = store.get_article(key)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article named {key!r}")
    return ArticlePublic(**article)


@router.post(
    "",
    response_model=IngestOut,
    status_code=201,
    dependencies=[WriteAccess],
    summary="Ingest one article (bearer token required)",
    responses={
        400: {"description": "not an Arabic article"},
        401: {"description": "missing token"},
        409: {"description": "the id names another stored article"},
    },
)
def ingest_article(body: ArticleCreate, request: Request, store: StoreDep) -> IngestOut:
    try:
        check_text(body.text, body.id)
    except InputError as err:
        raise HTTPException(status_code=400, detail=err.reason) from err
    article = ArticleInput(
        name=body.id,
        text=body.text,
        headline=body.headline or headline_of(body.text),  # as for a .txt file: its first line
        url=body.url,
        outlet=body.outlet,
        published=body.published,
        source="POST /articles",
    )
    named = store.get_article(body.id)
    if named is not None and named.get("id") != article.content_id and named.get("name") == body.id:
        # A second article under one name would make the name ambiguous (DELETE by name would remove the first).
        raise HTTPException(
            status_code=409, detail=f"an article named {body.id!r} with other text is stored; choose another id"
        )
    existing = store.article_name(article.content_id)
    if existing is not None:
        return IngestOut(article_id=article.content_id, name=existing, new=False, claims=0, relations=0)
    result = request.app.state.pipeline.process(article)
    written = store.write_article(article, result.claims, models=result.annotated.models)
    return IngestOut(**written.model_dump(exclude={"existing_name"}))


@router.delete("/{key}", status_code=204, dependencies=[WriteAccess], summary="Delete an article and its claims")
def delete_article(key: str, store: StoreDep) -> None:
    if not store.delete_article(key):
        raise HTTPException(status_code=404, detail=f"no article named {key!r}")
