"""The ontology as data: the Turtle schema and the actor gazetteer, loaded and validated once."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_TTL = ONTOLOGY_DIR / "claimgraph.ttl"
ACTORS_YAML = ONTOLOGY_DIR / "actors.yaml"
NAMESPACE = "https://claimgraph.org/ontology#"
RESOURCE_BASE = "https://claimgraph.org/id/"

ActorKind = Literal["state", "person", "organization", "outlet", "region"]
SIDE_CODES_EXTRA = {"NK", "EU", "INTL", "NGO", "MEDIA"}


class ActorEntry(BaseModel):
    """One gazetteer row: a canonical actor with its Arabic names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: ActorKind
    side: str | None
    en: str
    names: tuple[str, ...]

    @field_validator("side")
    @classmethod
    def _side_code(cls, value: str | None) -> str | None:
        if value is not None and not (value in SIDE_CODES_EXTRA or (len(value) == 2 and value.isupper())):
            raise ValueError(f"side {value!r} is neither ISO 3166-1 alpha-2 nor one of {sorted(SIDE_CODES_EXTRA)}")
        return value

    @field_validator("names")
    @classmethod
    def _names_present(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("an actor needs at least one Arabic name")
        return value


class GazetteerError(ValueError):
    """The gazetteer file is inconsistent (duplicate ids, a name given to two actors)."""


@functools.cache
def load_actors(path: Path = ACTORS_YAML) -> tuple[ActorEntry, ...]:
    """Read and cross-check the actor gazetteer.

    Args:
        path: the YAML file.

    Returns:
        The entries, in file order.

    Raises:
        GazetteerError: when an id repeats or one spelling names two actors.
    """
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    actors = tuple(ActorEntry(**row) for row in rows)
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    for actor in actors:
        if actor.id in seen_ids:
            raise GazetteerError(f"{path.name}: actor id {actor.id!r} appears twice")
        seen_ids.add(actor.id)
        for name in actor.names:
            if owner.get(name, actor.id) != actor.id:
                raise GazetteerError(f"{path.name}: name {name!r} belongs to both {owner[name]!r} and {actor.id!r}")
            owner[name] = actor.id
    return actors


def actors_by_id() -> dict[str, ActorEntry]:
    """The gazetteer keyed by canonical id."""
    return {actor.id: actor for actor in load_actors()}
