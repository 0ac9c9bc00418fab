"""Who claimed what: claims filtered by speaker, side, type, measure, value and article; one claim's provenance."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import StoreDep
from api.models import (
    ClaimPublic,
    ClaimsPublic,
    Provenance,
    RelationsPublic,
    SourcesPublic,
    SpeakerOfNumber,
    WhoClaimedPublic,
)
from graph.store import ClaimFilter

router = APIRouter(prefix="/claims", tags=["claims"])


@router.get("", response_model=ClaimsPublic, summary="Find claims")
def list_claims(
    store: StoreDep,
    speaker: Annotated[str | None, Query(description="speaker id, e.g. Q399 or am-ministry-of-defence")] = None,
    side: Annotated[str | None, Query(description="speaker's side code, e.g. AM, AZ, RU")] = None,
    type: Annotated[str | None, Query(description="casualty, equipment, territory, deployment, denial, ...")] = None,
    measure: Annotated[str | None, Query(description="killed, wounded, captured, destroyed, deployed, ...")] = None,
    value: Annotated[int | None, Query(description="the claimed number, e.g. 2300")] = None,
    article: Annotated[str | None, Query(description="article name or content id")] = None,
    target_side: Annotated[str | None, Query(description="whose losses or position: AM, AZ, NK, ...")] = None,
    target_group: Annotated[str | None, Query(description="soldiers, civilians, separatists, tanks, ...")] = None,
    event: Annotated[str | None, Query(description="clash, shelling, downing, ceasefire_call, request, ...")] = None,
    date_from: Annotated[date | None, Query(description="articles published on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="articles published on or before (YYYY-MM-DD)")] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=200, description="text in the quote or speaker")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ClaimsPublic:
    flt = ClaimFilter(
        article=article,
        speaker=speaker,
        side=side,
        type=type,
        measure=measure,
        value=value,
        target_side=target_side,
        target_group=target_group,
        event=event,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        q=q,
        offset=offset,
        limit=limit,
    )
    return ClaimsPublic(data=store.find_claims(flt), count=store.count_claims(flt), offset=offset, limit=limit)


@router.get("/who", response_model=WhoClaimedPublic, summary="Who claimed a number (e.g. who said 2300?)")
def who_claimed(
    store: StoreDep,
    value: Annotated[int, Query(description="the claimed number, e.g. 2300")],
    measure: Annotated[str | None, Query(description="only claims of this measure (killed, wounded, ...)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many speakers")] = 50,
) -> WhoClaimedPublic:
    speakers = [SpeakerOfNumber(**row) for row in store.who_claimed(value, measure, limit)]
    total = store.count_claims(ClaimFilter(value=value, measure=measure))
    return WhoClaimedPublic(value=value, measure=measure, speakers=speakers, claims=total, limit=limit)


@router.get(
    "/{claim_id}",
    response_model=Provenance,
    summary="A claim with its provenance",
    responses={404: {"description": "no such claim"}},
)
def get_claim(claim_id: str, store: StoreDep) -> Provenance:
    provenance = store.provenance(claim_id)
    if provenance is None:
        raise HTTPException(status_code=404, detail=f"no claim with id {claim_id!r}")
    return Provenance(**provenance)


@router.get(
    "/{claim_id}/relations", response_model=RelationsPublic, summary="Contradictions and corroborations of a claim"
)
def claim_relations(claim_id: str, store: StoreDep) -> RelationsPublic:
    if store.get_claim(claim_id) is None:
        raise HTTPException(status_code=404, detail=f"no claim with id {claim_id!r}")
    rows = store.relations_with_claims(claim_id)
    return RelationsPublic(data=rows, count=len(rows))


@router.get(
    "/{claim_id}/sources",
    response_model=SourcesPublic,
    summary="Reports of a claim and the independent sources behind them",
)
def claim_sources(claim_id: str, store: StoreDep) -> SourcesPublic:
    sources = store.sources(claim_id)
    if sources is None:
        raise HTTPException(status_code=404, detail=f"no claim with id {claim_id!r}")
    return SourcesPublic(**sources)


__all__ = ["router", "ClaimPublic"]
