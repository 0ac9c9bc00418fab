"""Actors: who speaks, how often, and one speaker's figures over time."""

from __future__ import annotations

from typing import Any

from claimgraph.api.deps import StoreDep
from claimgraph.api.models import ActorPublic, ActorsPublic
from claimgraph.api.presentation import for_display
from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=ActorsPublic, summary="Speakers with their number of claims")
def list_actors(store: StoreDep) -> ActorsPublic:
    rows = store.claims_by_speaker()
    return ActorsPublic(data=rows, count=len(rows))


def actor_data(store, actor_id: str) -> dict[str, Any]:
    found = store.actor(actor_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no actor with id {actor_id!r}")
    return found


@router.get("/{actor_id}", response_model=ActorPublic, summary="An actor, its claims and its figures over time")
def get_actor(actor_id: str, store: StoreDep) -> ActorPublic:
    data = actor_data(store, actor_id)
    claims = {c["id"]: c for c in for_display(store, data["claims"])}
    return ActorPublic(
        actor=data["actor"], claims=list(claims.values()), timeline=[claims[c["id"]] for c in data["timeline"]]
    )
