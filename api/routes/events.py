"""Events: what the claims are about, merged across outlets; one event with its claims side by side; splitting a
wrong merge (token required); the event page and its JSON twin."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from claimgraph.api.deps import StoreDep, WriteAccess
from claimgraph.api.lookups import UnknownFilter, reject_unknown_params, resolve_filters
from claimgraph.api.models import MAX_OFFSET, MAX_PAGE, EventPublic, EventSplit, EventSplitOut, EventsPublic
from claimgraph.api.presentation import for_display, relations_for_display
from claimgraph.api.routes.pages import LangQuery, _lang, render
from claimgraph.graph.event_store import EventFilter
from claimgraph.graph.store import ClaimStore
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

router = APIRouter(prefix="/events", tags=["events"])
pages = APIRouter(tags=["pages"])

EVENT_FILTER_PARAMS = ("place", "date_from", "date_to", "actor", "side", "type", "offset", "limit")
# The names /events takes and the lookups' names for the same vocabularies (api/lookups.py).
_LOOKUP_NAMES = {"type": "event", "side": "side", "actor": "speaker"}


@router.get("", response_model=EventsPublic, summary="Events, latest first, with their numbers of claims and articles")
def list_events(
    request: Request,
    store: StoreDep,
    place: Annotated[str | None, Query(max_length=200, description="where, as written: «قره باغ», «صنعاء»")] = None,
    date_from: Annotated[date | None, Query(description="events on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events on or before (YYYY-MM-DD)")] = None,
    actor: Annotated[
        str | None,
        Query(description="a speaker of a claim about it: an actor id (am-ministry-of-defence) or Arabic name"),
    ] = None,
    side: Annotated[
        str | None, Query(description="a side reporting on it or concerned: a code (AM, SD) or its Arabic name")
    ] = None,
    type: Annotated[
        str | None, Query(description="clash, shelling, airstrike, attack, downing, ... or an Arabic word (غارة)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> EventsPublic:
    reject_unknown_params(request, EVENT_FILTER_PARAMS)
    codes = event_codes(store, {"type": type, "side": side, "actor": actor})
    flt = EventFilter(
        place=place,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        offset=offset,
        limit=limit,
        **codes,
    )
    return EventsPublic(data=store.list_events(flt), count=store.count_events(flt), offset=offset, limit=limit)


def event_codes(store: ClaimStore, given: dict[str, str | None]) -> dict[str, Any]:
    """Codes for the type, side and actor filters typed as codes or in Arabic; UnknownFilter (400) for a value
    that names nothing, under the name /events takes."""
    names = {lookup: param for param, lookup in _LOOKUP_NAMES.items()}
    try:
        codes = resolve_filters(store, {_LOOKUP_NAMES[k]: v for k, v in given.items()})
    except UnknownFilter as err:
        for error in err.errors:
            error["loc"] = ["query", names.get(error["loc"][-1], error["loc"][-1])]
        raise
    return {param: codes.get(lookup) for param, lookup in _LOOKUP_NAMES.items()}


def event_data(store: ClaimStore, event_id: str) -> dict[str, Any]:
    """An event as /events/{id} gives it: its claims (grouped by speaker, and in its relations) carry their
    article's label and their speaker's canonical name, as every claim the API returns does."""
    found = store.event(event_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    claims = {c["id"]: c for c in for_display(store, found["claims"])}
    return {
        **found,
        "claims": list(claims.values()),
        "speakers": [dict(g, claims=[claims[c["id"]] for c in g["claims"]]) for g in found["speakers"]],
        "relations": relations_for_display(store, found["relations"]),
    }


@router.get(
    "/{event_id}",
    response_model=EventPublic,
    summary="An event: its claims by side and speaker, figures side by side, the relations between them",
    responses={404: {"description": "no such event"}},
)
def get_event(event_id: str, store: StoreDep) -> EventPublic:
    return EventPublic(**event_data(store, event_id))


@router.post(
    "/{event_id}/split",
    response_model=EventSplitOut,
    dependencies=[WriteAccess],
    summary="Split a wrong merge: the given articles' claims leave the event for a new one (bearer token required)",
    responses={404: {"description": "no such event"}, 400: {"description": "not a proper part of the event"}},
)
def split_event(event_id: str, body: EventSplit, store: StoreDep) -> EventSplitOut:
    event_data(store, event_id)
    new_id = store.split_event(event_id, body.articles)
    if new_id is None:
        raise HTTPException(status_code=400, detail="those articles are not some (and not all) of the event's own")
    return EventSplitOut(event=event_id, new_event=new_id)


@pages.get("/event/{event_id}.json", summary="An event (the event page's data)")
def event_json(event_id: str, store: StoreDep) -> dict[str, Any]:
    return EventPublic(**event_data(store, event_id)).model_dump()


@pages.get("/event/{event_id}", response_class=HTMLResponse, summary="An event, its claims side by side (page)")
def event_page(request: Request, event_id: str, store: StoreDep, lang: LangQuery = "ar") -> HTMLResponse:
    lang = _lang(lang)
    data = event_data(store, event_id)
    # Each figure with its claim, so that the page names its speaker and article as everywhere else.
    claims = {c["id"]: c for c in data["claims"]}
    figures = [
        dict(row, figures=[dict(f, claim=claims[f["claim_id"]]) for f in row["figures"]]) for row in data["figures"]
    ]
    return render(request, "event.html", {**data, "figures": figures}, f"/event/{event_id}.json", lang)
