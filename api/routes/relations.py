"""Contradictions and corroborations, each with both claims and an explanation a fact-checker can read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models import RelationsPublic
from graph.store import ClaimStore

router = APIRouter(prefix="/contradictions", tags=["contradictions"])


def relation_rows(store: ClaimStore, relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Relations with their two claims filled in (one query for all claims)."""
    ids = sorted({r["a"] for r in relations} | {r["b"] for r in relations})
    claims = {c["id"]: c for c in store.get_claims(ids)} if ids else {}
    return [
        {
            "kind": r["kind"].lower(),
            "reason": r.get("reason"),
            "explanation": r.get("explanation"),
            "a": claims.get(r["a"]),
            "b": claims.get(r["b"]),
        }
        for r in relations
    ]


@router.get("", response_model=RelationsPublic, summary="Contradictions and corroborations")
def list_relations(
    store: StoreDep,
    kind: Annotated[str | None, Query(pattern="^(contradicts|corroborates)$")] = None,
    reason: Annotated[str | None, Query(description="conflicting_count, exceeds_total, denial, same_statement")] = None,
) -> RelationsPublic:
    rows = relation_rows(store, store.relations())
    rows = [r for r in rows if (kind is None or r["kind"] == kind) and (reason is None or r["reason"] == reason)]
    return RelationsPublic(data=rows, count=len(rows))
