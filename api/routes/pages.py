"""Server-rendered pages (Arabic and right to left by default, English with ?lang=en); every page has a JSON twin
at its path plus .json. New pages extend templates/base.html and render through ``render``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from claimgraph.api.deps import StoreDep
from claimgraph.api.i18n import LANGUAGES, words
from claimgraph.api.lookups import UnknownFilter, reject_unknown_params
from claimgraph.api.presentation import canonical_name, fold_statement_twins, for_display, relations_for_display
from claimgraph.api.routes.actors import actor_data
from claimgraph.api.routes.claims import claim_filter
from claimgraph.api.security import shown
from claimgraph.graph.event_store import EventFilter
from claimgraph.graph.store import ClaimStore
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

router = APIRouter(tags=["pages"], include_in_schema=True)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
templates.env.finalize = shown  # bidi controls in stored text cannot reorder what the page shows

INDEX_FILTERS = ("side", "measure", "speaker", "value", "q")
INDEX_LIMIT = 500
INDEX_EVENTS = 20  # the latest events, each linking to its page
LangQuery = Annotated[str, Query(description="the page's language: ar (default) or en")]


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnknownFilter(
            [{"loc": ["query", "lang"], "msg": f"unknown lang {lang!r}", "input": lang, "accepted": list(LANGUAGES)}]
        )
    return lang


def _relative(url) -> str:
    """Path and query only: the page may be served behind a proxy under another host name."""
    return url.path + (f"?{url.query}" if url.query else "")


def render(request: Request, template: str, data: dict[str, Any], json_url: str, lang: str, status: int = 200):
    """A page in ``lang``: its data, the words to show it with, links that keep the language, the JSON twin."""
    other = "en" if lang == "ar" else "ar"

    def link(path: str, fragment: str = "") -> str:
        return path + ("?lang=en" if lang == "en" else "") + fragment

    context = {
        **data,
        "w": words(lang),
        "lang": lang,
        "link": link,
        "json_url": json_url,
        "switch_url": _relative(request.url.include_query_params(lang=other)),
        "other_lang": other,
    }
    return templates.TemplateResponse(request, template, context, status_code=status)


def index_data(store: ClaimStore, filters: dict[str, Any]) -> dict[str, Any]:
    relations = relations_for_display(store, store.relations_with_claims())
    relations.sort(key=lambda r: (r["kind"] != "contradicts", r["reason"] or ""))
    claims = for_display(store, store.find_claims(claim_filter(store, filters, limit=INDEX_LIMIT)))
    return {
        "relations": relations,
        "claims": fold_statement_twins(claims),
        "events": store.list_events(EventFilter(limit=INDEX_EVENTS)),
        "stats": store.stats(),
        "filters": {k: v for k, v in filters.items() if v},
    }


def _index_filters(side, measure, speaker, value, q) -> dict[str, Any]:
    return {"side": side, "measure": measure, "speaker": speaker, "value": value, "q": q}


@router.get("/", response_class=HTMLResponse, summary="Contradictions first, then claims (page)")
def index(
    request: Request,
    store: StoreDep,
    side: Annotated[str | None, Query(description="a side code or its Arabic name")] = None,
    measure: Annotated[str | None, Query(description="a measure code or an Arabic word for it")] = None,
    speaker: Annotated[str | None, Query(description="an actor id or Arabic name")] = None,
    value: Annotated[str | None, Query(description="a number in either digit script")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the quote or speaker")] = None,
    lang: LangQuery = "ar",
) -> HTMLResponse:
    filters = _index_filters(side, measure, speaker, value, q)
    try:
        lang = _lang(lang)
        reject_unknown_params(request, (*INDEX_FILTERS, "lang"))
        data = index_data(store, filters)
        status, error = 200, None
    except UnknownFilter as err:
        # The page stays usable: the message says what was not understood and what is accepted, no claims are
        # listed (an empty table would read as "nothing found"), and the status says it was refused.
        data = index_data(store, {})
        data["claims"] = []
        status, error = 400, err
    data["filters"] = {k: v for k, v in filters.items() if v}
    data["error"] = error
    return render(request, "index.html", data, "/index.json", lang if lang in LANGUAGES else "ar", status)


@router.get("/index.json", summary="Contradictions and claims (the index page's data)")
def index_json(
    request: Request,
    store: StoreDep,
    side: str | None = None,
    measure: str | None = None,
    speaker: str | None = None,
    value: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    reject_unknown_params(request, INDEX_FILTERS)
    return index_data(store, _index_filters(side, measure, speaker, value, q))


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
    relations = relations_for_display(store, store.relations_with_claims(claim_id))
    [claim] = for_display(store, [provenance["claim"]])
    return {
        **provenance,
        "claim": claim,
        "speaker": claim["speaker"],
        "parts": parts,
        "relations": relations,
        "event": store.event_of_claim(claim_id),
    }


@router.get("/actor/{actor_id}.json", summary="A speaker's figures over time (the speaker page's data)")
def actor_json(actor_id: str, store: StoreDep) -> dict[str, Any]:
    return actor_data(store, actor_id)


@router.get("/actor/{actor_id}", response_class=HTMLResponse, summary="A speaker's figures over time (page)")
def actor_page(request: Request, actor_id: str, store: StoreDep, lang: LangQuery = "ar") -> HTMLResponse:
    lang = _lang(lang)
    data = actor_data(store, actor_id)
    claims = for_display(store, data["claims"])
    numeric = {c["id"] for c in data["timeline"]}
    data = {
        **data,
        "actor_name": canonical_name(data["actor"]),
        "claims": fold_statement_twins(claims),
        "timeline": [c for c in claims if c["id"] in numeric],
    }
    data["timeline"].sort(key=lambda c: (c.get("date") or "", c.get("article") or "", c["span"][0] or 0))
    return render(request, "actor.html", data, f"/actor/{actor_id}.json", lang)


@router.get("/claim/{claim_id}.json", summary="A claim in its article (the claim page's data)")
def claim_json(claim_id: str, store: StoreDep) -> dict[str, Any]:
    return claim_page_data(store, claim_id)


@router.get("/claim/{claim_id}", response_class=HTMLResponse, summary="A claim in its article (page)")
def claim_page(request: Request, claim_id: str, store: StoreDep, lang: LangQuery = "ar") -> HTMLResponse:
    lang = _lang(lang)
    return render(request, "claim.html", claim_page_data(store, claim_id), f"/claim/{claim_id}.json", lang)
