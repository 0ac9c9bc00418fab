"""Fixtures that start real services: the embedded FalkorDB, and Neo4j 5 (the launcher in tests/neo4j, or the server
NEO4J_URI names). Tests on Neo4j carry the `neo4j` mark: `pytest -m neo4j` runs them alone."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimgraph.config import Settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One embedded FalkorDB for the test session, on a unix socket in a temporary folder; stopped at the end."""
    from claimgraph.graph.falkor import EmbeddedFalkorDB

    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb"))
    server.start()
    assert server.process is not None and server.process.poll() is None, "the test server must be ours and alive"
    yield server
    server.stop()


@dataclass(frozen=True)
class Neo4jAccess:
    """Where the session's Neo4j answers and how to log in."""

    uri: str
    user: str
    password: str
    server: object | None  # the launcher's Neo4jServer when this session started it; None for NEO4J_URI's server

    def settings(self, **kwargs) -> Settings:
        return Settings(neo4j_uri=self.uri, neo4j_user=self.user, neo4j_password=self.password, **kwargs)

    def env(self) -> dict[str, str]:
        """Environment for a `claimgraph` subprocess that must use this server."""
        return {**os.environ, "NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jAccess]:
    """One Neo4j 5 for the test session: the server NEO4J_URI names, else the launcher of tests/neo4j (built by
    Maven if needed), started with auth on and a fresh password. Without Java or Maven the Neo4j tests are skipped
    with the reason, unless CLAIMGRAPH_REQUIRE_NEO4J=1 (`make test`, CI), where that is a failure."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jAccess(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            None,
        )
        return
    from tests.neo4j.server import LauncherUnavailable, Neo4jServer

    server = Neo4jServer(tmp_path_factory.mktemp("neo4j"), password=secrets.token_hex(12))
    try:
        uri = server.start()
    except LauncherUnavailable as err:
        if os.environ.get("CLAIMGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(f"Neo4j is required here (CLAIMGRAPH_REQUIRE_NEO4J=1): {err}")
        pytest.skip(f"no Neo4j: {err}")
    yield Neo4jAccess(uri, "neo4j", server.password, server)
    server.stop()


def clear_neo4j(access: Neo4jAccess) -> None:
    """Neo4j community has one database: a test that uses it starts by emptying it (nodes and relationships;
    the schema is kept and re-created by each store that opens)."""
    from claimgraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore(access.uri, access.user, access.password) as s:
        s._write([("MATCH (n) DETACH DELETE n", {})])


ENGINES = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest) -> Iterator:
    """An empty store on each engine (each test gets its own graph)."""
    if request.param == "neo4j":
        from claimgraph.graph.neo4j_store import Neo4jStore

        access = request.getfixturevalue("neo4j_server")
        clear_neo4j(access)
        s = Neo4jStore(access.uri, access.user, access.password)
    else:
        falkordb_server = request.getfixturevalue("falkordb_server")
        from claimgraph.graph.falkor import FalkorStore

        s = FalkorStore(socket=falkordb_server.socket, graph=f"test_{request.node.name}"[:60])
    yield s
    if request.param == "falkordb":
        s.graph.delete()
    s.close()


@pytest.fixture(scope="session")
def pipeline():
    """The real Stanza pipeline with the project's own models (loaded once per session)."""
    from claimgraph.extract.pipeline import ExtractionPipeline

    return ExtractionPipeline()
