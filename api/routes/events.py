"""Events: what the claims are about, merged across outlets; one event with its claims side by side; splitting a
wrong merge (token required); the event page and its JSON twin."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import StoreDep, WriteAccess
from api.models import EventPublic, EventSplit, EventSplitOut, EventsPublic
from graph.event_store import EventFilter
from graph.store import ClaimStore

router = APIRouter(prefix="/events", tags=["events"])
pages = APIRouter(tags=["pages"])
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))


@router.get("", response_model=EventsPublic, summary="Events, latest first, with their numbers of claims and articles")
def list_events(
    store: StoreDep,
    place: Annotated[str | None, Query(max_length=200, description="where, as written: «قره باغ», «صنعاء»")] = None,
    date_from: Annotated[date | None, Query(description="events on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events on or before (YYYY-MM-DD)")] = None,
    actor: Annotated[str | None, Query(description="a speaker of a claim about it: am-ministry-of-defence")] = None,
    side: Annotated[str | None, Query(description="a side reporting on it or concerned: AM, AZ, SD, RSF, ...")] = None,
    type: Annotated[str | None, Query(description="clash, shelling, airstrike, attack, downing, ...")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> EventsPublic:
    flt = EventFilter(
        place=place,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        actor=actor,
        side=side,
        type=type,
        offset=offset,
        limit=limit,
    )
    return EventsPublic(data=store.list_events(flt), count=store.count_events(flt), offset=offset, limit=limit)


def event_data(store: ClaimStore, event_id: str) -> dict[str, Any]:
    found = store.event(event_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    return found


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
def event_page(request: Request, event_id: str, store: StoreDep) -> HTMLResponse:
    data = event_data(store, event_id)
    return templates.TemplateResponse(request, "event.html", {**data, "json_url": f"/event/{event_id}.json"})
