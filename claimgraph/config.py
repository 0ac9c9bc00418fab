"""One settings class: every knob, read from the environment (CLAIMGRAPH_*, NEO4J_*) or given by the command line."""

from __future__ import annotations

import functools
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
    models: str = Field("auto", description="Stanza models: auto, own or official")

    @property
    def engine(self) -> str:
        return "neo4j" if self.neo4j_uri else "falkordb"


@functools.cache
def get_settings() -> Settings:
    return Settings()
