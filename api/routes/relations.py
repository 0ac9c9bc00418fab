"""Contradictions and corroborations, each with both claims and an explanation a fact-checker can read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models import RelationsPublic

router = APIRouter(prefix="/contradictions", tags=["contradictions"])


@router.get("", response_model=RelationsPublic, summary="Contradictions and corroborations")
def list_relations(
    store: StoreDep,
    kind: Annotated[str | None, Query(pattern="^(contradicts|corroborates)$")] = None,
    reason: Annotated[str | None, Query(description="conflicting_count, exceeds_total, denial, same_statement")] = None,
) -> RelationsPublic:
    rows = store.relations_with_claims()
    rows = [r for r in rows if (kind is None or r["kind"] == kind) and (reason is None or r["reason"] == reason)]
    return RelationsPublic(data=rows, count=len(rows))
