"""Fixtures that start real services: the embedded FalkorDB always, Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One embedded FalkorDB for the test session, on a unix socket in a temporary folder; stopped at the end."""
    from graph.falkor import EmbeddedFalkorDB

    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb"))
    server.start()
    assert server.process is not None and server.process.poll() is None, "the test server must be ours and alive"
    yield server
    server.stop()


def _engines() -> list[str]:
    return ["falkordb"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])


@pytest.fixture(params=_engines())
def store(request: pytest.FixtureRequest, falkordb_server) -> Iterator:
    """An empty store on each available engine (each test gets its own graph)."""
    if request.param == "neo4j":
        from graph.neo4j_store import Neo4jStore

        s = Neo4jStore(
            os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
        )
        s._write([("MATCH (n) DETACH DELETE n", {})])
    else:
        from graph.falkor import FalkorStore

        s = FalkorStore(socket=falkordb_server.socket, graph=f"test_{request.node.name}"[:60])
    yield s
    if request.param == "falkordb":
        s.graph.delete()
    s.close()


@pytest.fixture(scope="session")
def pipeline():
    """The real Stanza pipeline with the project's own models (loaded once per session)."""
    from extract.pipeline import ExtractionPipeline

    return ExtractionPipeline()
