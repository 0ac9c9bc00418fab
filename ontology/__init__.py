"""The ontology as data: the Turtle schema and the actor gazetteer, loaded and validated once."""

from __future__ import annotations

import csv
import functools
import gettext
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_TTL = ONTOLOGY_DIR / "claimgraph.ttl"
ACTORS_YAML = ONTOLOGY_DIR / "actors.yaml"
STATES_TSV = ONTOLOGY_DIR / "states.tsv"
NAMESPACE = "https://claimgraph.org/ontology#"
RESOURCE_BASE = "https://claimgraph.org/id/"

ActorKind = Literal["state", "person", "organization", "outlet", "region"]
# Sides that are not states: de facto authorities, blocs, monitors, outlets, and the armed groups of today's wars.
SIDE_CODES_EXTRA = {
    "NK",
    "EU",
    "INTL",
    "NGO",
    "MEDIA",
    "HEZBOLLAH",
    "HAMAS",
    "PIJ",
    "HOUTHI",
    "RSF",
    "ALSHABAAB",
    "JNIM",
    "ISIS",
    "PKK",
    "SDF",
    "HTS",
    "SYOPP",
    "TPLF",
    "LNA",
    "GNA",
    "M23",
}


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


class StateEntry(BaseModel):
    """One row of states.tsv: a state's names, nisba stems and capitals."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    en: str
    names: tuple[str, ...]
    nisba: tuple[str, ...]
    capitals: tuple[str, ...]
    not_nisba: tuple[str, ...] = ()


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
    actors = _with_states([ActorEntry(**row) for row in rows], load_states())
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


@functools.cache
def load_states(path: Path = STATES_TSV) -> tuple[StateEntry, ...]:
    """Read states.tsv ('#' lines are comments; several forms in a cell are separated by «|»)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]
    out = []
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, restval=""), 2):
        if None in row:
            raise GazetteerError(f"{path.name}: row {number} has too many columns: {row}")
        cells = {key: tuple(f for f in (value or "").split("|") if f) for key, value in row.items()}
        out.append(
            StateEntry(code=row["code"], en=row["en"], **{k: cells[k] for k in cells if k not in {"code", "en"}})
        )
    return tuple(out)


_ARABIC_NAME = re.compile(r"^[\u0600-\u06ff ]+$")


def iso_arabic_names() -> dict[str, str]:
    """Arabic country names from the ISO 3166 translations pycountry ships (one per code, where it has one)."""
    import pycountry

    try:
        arabic = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:
        return {}
    out = {}
    for country in pycountry.countries:
        name = arabic.gettext(getattr(country, "common_name", country.name))
        if _ARABIC_NAME.match(name):  # forms like «كوريا، جمهورية كوريا» are index entries, not names in text
            out[country.alpha_2] = name
    return out


def _with_states(actors: list[ActorEntry], states: tuple[StateEntry, ...]) -> tuple[ActorEntry, ...]:
    """The gazetteer's own entries plus one entry per state: a state the YAML already lists (to give it a verified
    id) gets the names and capitals of states.tsv and pycountry added; the others get an entry of their own."""
    by_side = {a.side: k for k, a in enumerate(actors) if a.kind == "state" and a.side}
    iso_names = iso_arabic_names()
    taken = {name for a in actors if a.kind != "state" for name in a.names}
    for state in states:
        names = [*state.names, *state.capitals]
        if state.code in iso_names:
            names.append(iso_names[state.code])
        if state.code in by_side:
            entry = actors[by_side[state.code]]
            merged = tuple(dict.fromkeys([*entry.names, *(n for n in names if n not in taken)]))
            actors[by_side[state.code]] = entry.model_copy(update={"names": merged})
        else:
            slug = re.sub(r"[^a-z]+", "-", state.en.lower()).strip("-")
            fresh = tuple(dict.fromkeys(n for n in names if n not in taken))
            actors.append(ActorEntry(id=slug, kind="state", side=state.code, en=state.en, names=fresh))
            by_side[state.code] = len(actors) - 1
    listed = {s.code for s in states}
    for code, name in iso_names.items():  # every other state, by its ISO Arabic name
        if code not in listed and code not in by_side and name not in taken:
            actors.append(ActorEntry(id=f"iso-{code.lower()}", kind="state", side=code, en=code, names=(name,)))
    return tuple(actors)


def actors_by_id() -> dict[str, ActorEntry]:
    """The gazetteer keyed by canonical id."""
    return {actor.id: actor for actor in load_actors()}


@functools.cache
def hierarchy() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Every class's superclasses and every property's superproperties (transitively, itself excluded), by IRI, as
    claimgraph.ttl declares them: the SPARQL view states the types and properties they imply, so that
    ``?x a cg:Actor`` finds states and persons without the query walking ``rdfs:subClassOf*`` itself."""
    from rdflib import RDFS, Graph

    g = Graph().parse(ONTOLOGY_TTL, format="turtle")
    return _closure(g, RDFS.subClassOf), _closure(g, RDFS.subPropertyOf)


def ontology_checksum() -> str:
    """SHA-256 of claimgraph.ttl (the SPARQL view holds the ontology: a changed file means a stale view)."""
    import hashlib

    return hashlib.sha256(ONTOLOGY_TTL.read_bytes()).hexdigest()


def _closure(g, relation) -> dict[str, tuple[str, ...]]:
    from rdflib import URIRef

    closure: dict[str, tuple[str, ...]] = {}
    for node in set(g.subjects(relation, None)):
        if isinstance(node, URIRef):
            closure[str(node)] = tuple(sorted(str(up) for up in g.transitive_objects(node, relation) if up != node))
    return closure
