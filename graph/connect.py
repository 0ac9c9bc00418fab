"""Open the store the settings select: Neo4j when NEO4J_URI is set, else the embedded FalkorDB."""

from __future__ import annotations

from claimgraph.graph.store import ClaimStore

from claimgraph.config import Settings


def open_store(settings: Settings) -> ClaimStore:
    """Connect (starting the embedded engine if needed); the caller closes the store."""
    if settings.neo4j_uri:
        from claimgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)
    from claimgraph.graph.falkor import FalkorStore
    from claimgraph.graph.falkor_engine import EngineLimits

    limits = EngineLimits(
        timeout_max_ms=max(settings.engine_timeout_max_ms, settings.query_timeout_ms),
        query_memory_mb=settings.engine_query_memory_mb,
        resultset_max=settings.engine_resultset_max,
        address_space_mb=settings.engine_address_space_mb,
    )
    return FalkorStore.embedded(settings.data_dir, limits)
