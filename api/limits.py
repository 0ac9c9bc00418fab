"""User queries admitted a few at a time, and cut at a byte budget: one researcher's runaway query must not take the
threads, the engine or the memory that /health and the page need.

Both query doors (Cypher, SPARQL) use these: ``async with admitted(request, settings): ...`` around the run, and
``cap_rows`` (graph/query_guard.py) on rows that were not already cut while they were read.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Request

from claimgraph.config import Settings
from claimgraph.errors import NotReady


class Admission:
    """At most ``slots`` user queries run at once; the others wait without holding a thread (this is awaited on the
    event loop), and give up with 503 after ``wait_s``. The engine runs one more thread than the slots
    (graph/falkor_engine.EngineLimits), so the page's and /health's reads always find one free."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._free = asyncio.Semaphore(slots)

    @asynccontextmanager
    async def slot(self, wait_s: float) -> AsyncIterator[None]:
        try:
            await asyncio.wait_for(self._free.acquire(), timeout=wait_s)
        except TimeoutError as err:
            raise NotReady(
                f"{self.slots} queries are already running; this one waited {wait_s:.1f} s for its turn",
                retry_after_s=max(1, round(wait_s)),
            ) from err
        try:
            yield
        finally:
            self._free.release()


def admission(request: Request, settings: Settings) -> Admission:
    """The app's admission gate, made on first use with the settings' number of slots."""
    gate = getattr(request.app.state, "admission", None)
    if gate is None:
        gate = request.app.state.admission = Admission(settings.query_slots)
    return gate


@asynccontextmanager
async def admitted(request: Request, settings: Settings) -> AsyncIterator[None]:
    """Hold one of the user-query slots while the body runs (waiting up to the query time limit for one)."""
    async with admission(request, settings).slot(settings.query_timeout_ms / 1000):
        yield
