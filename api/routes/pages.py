"""Server-rendered pages (Arabic, right to left); every page has a JSON twin at its path plus .json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import StoreDep
from api.routes.actors import actor_data
from graph.store import ClaimFilter, ClaimStore

router = APIRouter(tags=["pages"], include_in_schema=True)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))


def index_data(store: ClaimStore, side: str | None, measure: str | None) -> dict[str, Any]:
    relations = store.relations_with_claims()
    relations.sort(key=lambda r: (r["kind"] != "contradicts", r["reason"] or ""))
    claims = store.find_claims(ClaimFilter(side=side, measure=measure, limit=500))
    return {
        "relations": relations,
        "claims": claims,
        "stats": store.stats(),
        "filters": {"side": side, "measure": measure},
    }


@router.get("/", response_class=HTMLResponse, summary="Contradictions first, then claims (page)")
def index(
    request: Request,
    store: StoreDep,
    side: Annotated[str | None, Query()] = None,
    measure: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    data = index_data(store, side or None, measure or None)
    return templates.TemplateResponse(request, "index.html", {**data, "json_url": "/index.json"})


@router.get("/index.json", summary="Contradictions and claims (the index page's data)")
def index_json(store: StoreDep, side: str | None = None, measure: str | None = None) -> dict[str, Any]:
    return index_data(store, side or None, measure or None)


def claim_page_data(store: ClaimStore, claim_id: str) -> dict[str, Any]:
    provenance = store.provenance(claim_id)
    if provenance is None:
        raise HTTPException(status_code=404, detail=f"no claim with id {claim_id!r}")
    article = store.get_article(provenance["claim"]["article_id"]) or {}
    text = article.get("text", "")
    s0, s1 = provenance["sentence"]["start"], provenance["sentence"]["end"]
    c0, c1 = provenance["span"]["start"], provenance["span"]["end"]
    # The article cut in five: before the sentence, the sentence up to the claim, the claim, the rest of the
    # sentence, and after it; the template marks the sentence and, inside it, the claimed span.
    s0, c0 = min(s0, c0), max(min(c0, c1), s0)
    c1, s1 = min(c1, max(s1, c1)), max(s1, c1)
    parts = {"before": text[:s0], "lead": text[s0:c0], "span": text[c0:c1], "tail": text[c1:s1], "after": text[s1:]}
    relations = store.relations_with_claims(claim_id)
    return {**provenance, "parts": parts, "relations": relations}


@router.get("/actor/{actor_id}.json", summary="A speaker's figures over time (the speaker page's data)")
def actor_json(actor_id: str, store: StoreDep) -> dict[str, Any]:
    return actor_data(store, actor_id)


@router.get("/actor/{actor_id}", response_class=HTMLResponse, summary="A speaker's figures over time (page)")
def actor_page(request: Request, actor_id: str, store: StoreDep) -> HTMLResponse:
    data = actor_data(store, actor_id)
    return templates.TemplateResponse(request, "actor.html", {**data, "json_url": f"/actor/{actor_id}.json"})


@router.get("/claim/{claim_id}.json", summary="A claim in its article (the claim page's data)")
def claim_json(claim_id: str, store: StoreDep) -> dict[str, Any]:
    return claim_page_data(store, claim_id)


@router.get("/claim/{claim_id}", response_class=HTMLResponse, summary="A claim in its article (page)")
def claim_page(request: Request, claim_id: str, store: StoreDep) -> HTMLResponse:
    data = claim_page_data(store, claim_id)
    return templates.TemplateResponse(request, "claim.html", {**data, "json_url": f"/claim/{claim_id}.json"})
