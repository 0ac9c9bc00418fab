"""One settings class: every knob, read from the environment (CLAIMGRAPH_*, NEO4J_*) or given by the command line."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the graph lives, who may write, and the limits on researchers' queries."""

    model_config = SettingsConfigDict(env_prefix="CLAIMGRAPH_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="the embedded engine's data directory")
    neo4j_uri: str | None = Field(None, validation_alias=AliasChoices("NEO4J_URI", "CLAIMGRAPH_NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "CLAIMGRAPH_NEO4J_USER"))
    neo4j_password: str = Field("", validation_alias=AliasChoices("NEO4J_PASSWORD", "CLAIMGRAPH_NEO4J_PASSWORD"))
    neo4j_database: str | None = Field(
        None, validation_alias=AliasChoices("NEO4J_DATABASE", "CLAIMGRAPH_NEO4J_DATABASE")
    )
    api_token: str | None = Field(None, description="token for write endpoints; unset = writes refused")
    query_timeout_ms: int = Field(5000, ge=1, description="time limit of a user's Cypher or SPARQL query")
    query_row_limit: int = Field(1000, ge=1, description="rows returned at most by a user query")
    query_concurrency: int = Field(
        0,
        ge=0,
        description="user queries (Cypher, SPARQL) run at once, others wait up to their time limit "
        "(0: one less than the cores, at least 1, so that a core is left for the page and /health)",
    )
    query_max_bytes: int = Field(
        10_000_000, ge=1000, description="bytes of rows a user query returns at most (cut like the row cap)"
    )
    engine_timeout_max_ms: int = Field(600_000, ge=1000, description="no engine query runs longer (internal too)")
    engine_query_memory_mb: int = Field(256, ge=16, description="memory one engine query may use")
    engine_resultset_max: int = Field(10_000_000, ge=1000, description="rows one engine query may return")
    engine_address_space_mb: int = Field(
        8192, ge=0, description="the embedded engine's address-space limit (0: none): past it, it dies and restarts"
    )
    sparql_processes: int = Field(2, ge=1, description="SPARQL queries run at once, each in its own process")
    sparql_memory_mb: int = Field(
        2048, ge=0, description="address space of one SPARQL query's process (0: no limit); past it, the query fails"
    )
    models: str = Field("auto", description="Stanza models: auto, own or official")

    @property
    def query_slots(self) -> int:
        return self.query_concurrency or max(1, (os.cpu_count() or 1) - 1)

    @property
    def engine(self) -> str:
        return "neo4j" if self.neo4j_uri else "falkordb"


@functools.cache
def get_settings() -> Settings:
    return Settings()
