"""Who claimed what: claims filtered by speaker, side, type, measure, value and article; one claim's provenance."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from claimgraph.api.deps import StoreDep
from claimgraph.api.lookups import UnknownFilter, parse_value, reject_unknown_params, resolve_filters
from claimgraph.api.models import (
    MAX_OFFSET,
    ClaimPublic,
    ClaimsPublic,
    Provenance,
    RelationsPublic,
    SourcesPublic,
    SpeakerOfNumber,
    WhoClaimedPublic,
)
from claimgraph.api.presentation import for_display, relations_for_display
from claimgraph.graph.store import ClaimFilter, ClaimStore
from fastapi import APIRouter, HTTPException, Query, Request

router = APIRouter(prefix="/claims", tags=["claims"])


CLAIM_FILTER_PARAMS = (
    "speaker",
    "side",
    "type",
    "measure",
    "value",
    "article",
    "target_side",
    "target_group",
    "event",
    "date_from",
    "date_to",
    "q",
    "offset",
    "limit",
)


def claim_filter(store: ClaimStore, given: dict[str, Any], offset: int = 0, limit: int = 100) -> ClaimFilter:
    """A ClaimFilter from filters typed as codes or in Arabic; UnknownFilter for a value that names nothing."""
    codes = resolve_filters(store, given)
    if codes.get("article") and store.get_article(codes["article"]) is None:
        raise UnknownFilter(
            [
                {
                    "loc": ["query", "article"],
                    "msg": f"unknown article {codes['article']!r}: an article name or content id (see /articles)",
                    "input": codes["article"],
                }
            ]
        )
    dates = {k: codes[k].isoformat() if codes.get(k) else None for k in ("date_from", "date_to")}
    return ClaimFilter(**{**codes, **dates}, offset=offset, limit=limit)


@router.get("", response_model=ClaimsPublic, summary="Find claims")
def list_claims(
    request: Request,
    store: StoreDep,
    speaker: Annotated[
        str | None, Query(description="speaker id (Q399, am-ministry-of-defence) or an actor's Arabic name or alias")
    ] = None,
    side: Annotated[str | None, Query(description="speaker's side: a code (AM, AZ, RU) or its Arabic name")] = None,
    type: Annotated[
        str | None, Query(description="casualty, equipment, territory, deployment, denial, ... or in Arabic")
    ] = None,
    measure: Annotated[
        str | None, Query(description="killed, wounded, captured, ... or an Arabic word for it (قتلى)")
    ] = None,
    value: Annotated[str | None, Query(description="the claimed number in either digit script: 2300 or ٢٣٠٠")] = None,
    article: Annotated[str | None, Query(description="article name or content id")] = None,
    target_side: Annotated[str | None, Query(description="whose losses or position: a side code or name")] = None,
    target_group: Annotated[str | None, Query(description="soldiers, civilians, ... or an Arabic word (جنود)")] = None,
    event: Annotated[str | None, Query(description="clash, shelling, downing, ... or an Arabic word")] = None,
    date_from: Annotated[date | None, Query(description="articles published on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="articles published on or before (YYYY-MM-DD)")] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=200,
            description="text in the quote or speaker; hamza, ta marbuta, "
            "alef maqsura, diacritics, tatweel and digit scripts folded",
        ),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ClaimsPublic:
    reject_unknown_params(request, CLAIM_FILTER_PARAMS)
    given = {
        "article": article,
        "speaker": speaker,
        "side": side,
        "type": type,
        "measure": measure,
        "value": value,
        "target_side": target_side,
        "target_group": target_group,
        "event": event,
        "date_from": date_from,
        "date_to": date_to,
        "q": q,
    }
    flt = claim_filter(store, given, offset, limit)
    data = for_display(store, store.find_claims(flt))
    return ClaimsPublic(data=data, count=store.count_claims(flt), offset=offset, limit=limit)


@router.get("/who", response_model=WhoClaimedPublic, summary="Who claimed a number (e.g. who said 2300?)")
def who_claimed(
    request: Request,
    store: StoreDep,
    value: Annotated[str, Query(description="the claimed number in either digit script: 2300 or ٢٣٠٠")],
    measure: Annotated[str | None, Query(description="only claims of this measure (killed, قتلى, ...)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many speakers")] = 50,
) -> WhoClaimedPublic:
    reject_unknown_params(request, ("value", "measure", "limit"))
    number = parse_value(value)  # required here: an empty value is not "no filter"
    code = resolve_filters(store, {"measure": measure}).get("measure")
    speakers = [SpeakerOfNumber(**row) for row in store.who_claimed(number, code, limit)]
    total = store.count_claims(ClaimFilter(value=number, measure=code))
    return WhoClaimedPublic(value=number, measure=code, speakers=speakers, claims=total, limit=limit)


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
    [claim] = for_display(store, [provenance["claim"]])
    return Provenance(**{**provenance, "claim": claim, "speaker": claim["speaker"]})


@router.get(
    "/{claim_id}/relations", response_model=RelationsPublic, summary="Contradictions and corroborations of a claim"
)
def claim_relations(claim_id: str, store: StoreDep) -> RelationsPublic:
    if store.get_claim(claim_id) is None:
        raise HTTPException(status_code=404, detail=f"no claim with id {claim_id!r}")
    rows = relations_for_display(store, store.relations_with_claims(claim_id))
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
