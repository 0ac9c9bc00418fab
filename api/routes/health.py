"""Liveness and what the store holds."""

from __future__ import annotations

from claimgraph.api.deps import SettingsDep, StoreDep
from claimgraph.api.models import Health
from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="The service and its store answer")
def health(store: StoreDep, settings: SettingsDep) -> Health:
    return Health(ok=True, engine=settings.engine, stats=store.stats())
