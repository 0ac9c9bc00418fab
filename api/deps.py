"""Dependencies shared by the routes: settings, the store, and the write token check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from claimgraph.config import Settings, get_settings
from graph.store import ClaimStore

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_store(request: Request) -> ClaimStore:
    """The store opened in the app's lifespan."""
    return request.app.state.store


StoreDep = Annotated[ClaimStore, Depends(get_store)]


def require_token(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Write endpoints need ``Authorization: Bearer <CLAIMGRAPH_API_TOKEN>``; with no token configured they are shut."""
    if not settings.api_token:
        raise HTTPException(status_code=403, detail="writes are disabled: set CLAIMGRAPH_API_TOKEN to enable them")
    supplied = (authorization or "").removeprefix("Bearer ").strip()
    if not supplied or not secrets.compare_digest(supplied, settings.api_token):
        raise HTTPException(status_code=401, detail="a valid bearer token is required for this endpoint")


WriteAccess = Depends(require_token)
