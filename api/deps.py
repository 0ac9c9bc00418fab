"""Dependencies shared by the routes: settings, the store, and the write token check."""

from __future__ import annotations

import secrets
from typing import Annotated

from claimgraph.graph.store import ClaimStore
from fastapi import Depends, Header, HTTPException, Request

from claimgraph.config import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_store(request: Request) -> ClaimStore:
    """The store opened in the app's lifespan."""
    return request.app.state.store


StoreDep = Annotated[ClaimStore, Depends(get_store)]


def require_token(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Write endpoints need ``Authorization: Bearer <CLAIMGRAPH_API_TOKEN>``; with no token configured they are shut."""
    if not settings.api_token:
        raise HTTPException(status_code=403, detail="writes are disabled: set CLAIMGRAPH_API_TOKEN to enable them")
    scheme, _, supplied = (authorization or "").partition(" ")
    supplied = supplied.strip()
    # "Bearer" is required (RFC 6750), and a token is visible ASCII: anything else is refused the same way, never
    # compared (compare_digest raises on non-ASCII text, which was a 500).
    well_formed = scheme.lower() == "bearer" and supplied.isascii() and supplied.isprintable() and " " not in supplied
    if not (
        well_formed
        and supplied
        and secrets.compare_digest(supplied.encode("ascii"), settings.api_token.encode("utf-8"))
    ):
        raise HTTPException(
            status_code=401,
            detail="a valid bearer token is required for this endpoint (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


WriteAccess = Depends(require_token)
