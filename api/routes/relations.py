"""Contradictions and corroborations, each with both claims and an explanation a fact-checker can read."""

from __future__ import annotations

from typing import Annotated

from claimgraph.api.deps import StoreDep
from claimgraph.api.lookups import UnknownFilter, reject_unknown_params
from claimgraph.api.models import RelationsPublic
from claimgraph.api.presentation import relations_for_display
from claimgraph.api.vocabulary import REASON_AR
from fastapi import APIRouter, Query, Request

router = APIRouter(prefix="/contradictions", tags=["contradictions"])


@router.get("", response_model=RelationsPublic, summary="Contradictions and corroborations")
def list_relations(
    request: Request,
    store: StoreDep,
    kind: Annotated[str | None, Query(pattern="^(contradicts|corroborates)$")] = None,
    reason: Annotated[str | None, Query(description="conflicting_count, exceeds_total, denial, same_statement")] = None,
) -> RelationsPublic:
    reject_unknown_params(request, ("kind", "reason"))
    if reason is not None and reason not in REASON_AR:
        raise UnknownFilter(
            [
                {
                    "loc": ["query", "reason"],
                    "msg": f"unknown reason {reason!r}",
                    "input": reason,
                    "accepted": list(REASON_AR),
                }
            ]
        )
    rows = relations_for_display(store, store.relations_with_claims())
    rows = [r for r in rows if (kind is None or r["kind"] == kind) and (reason is None or r["reason"] == reason)]
    return RelationsPublic(data=rows, count=len(rows))
