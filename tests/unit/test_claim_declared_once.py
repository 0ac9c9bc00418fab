"""The claim is declared once (ontology/claim.py): the stored properties, the read mapping back, the API's shape and
the RDF all follow it, so a field added to the claim and missed by one of them fails here."""

from __future__ import annotations

from typing import Any

from claimgraph.api.models import ClaimPublic
from claimgraph.graph import cypher
from claimgraph.graph.rdf import _add_claim, _GraphSink
from claimgraph.graph.rows import claim_row
from claimgraph.ontology.claim import (
    CLAIM_PROPERTIES,
    ActorRef,
    Claim,
    Target,
    claim_from_properties,
    claim_properties,
)
from rdflib import Graph, Literal

# Every field set to a value of its own, so that a field dropped anywhere shows.
FULL = Claim(
    article="sudan-report",
    article_id="a" * 32,
    span=(10, 60),
    quote="قال الجيش إن 120 إلى 130 من المسلحين قتلوا",
    speaker=ActorRef(text="الجيش السوداني", id="sd-army", side="SD"),
    via=[ActorRef(text="رويترز", id="reuters", side="MEDIA")],
    type="casualty",
    measure="killed",
    value=120,
    value_max=130,
    fraction=0.5,
    qualifier="range",
    target=Target(side="RSF", group="fighters"),
    denies=(70, 90),
    assertion="control",
    sentence=(0, 80),
    cue="قال",
    date="2025-05-02",
    period_start="2025-04-30",
    period_end="2025-05-01",
    cumulative=True,
    event="clash",
    place="الفاشر",
)


def _without_via_text(interchange: dict[str, Any]) -> dict[str, Any]:
    return {**interchange, "via": [{"text": None, "id": v["id"]} for v in interchange["via"]]}


def test_every_field_of_the_claim_reaches_the_interchange_shape() -> None:
    shape = FULL.to_interchange()
    period = {"period_start", "period_end", "cumulative"}
    assert set(Claim.model_fields) - period <= set(shape) and "period" in shape
    unset = [name for name in Claim.model_fields if getattr(FULL, name) in (None, [], False)]
    assert not unset, f"FULL must set every field: {unset}"


def test_stored_properties_read_back_as_the_claim() -> None:
    """What the engines store (relays by id: their names come from the graph's actors) reads back whole."""
    stored = claim_properties(FULL)
    assert claim_from_properties(stored) == _without_via_text(FULL.to_interchange())
    assert list(claim_row(FULL))[: len(CLAIM_PROPERTIES)] == list(CLAIM_PROPERTIES)
    assert cypher.CLAIM_PROPERTIES[: len(CLAIM_PROPERTIES)] == list(CLAIM_PROPERTIES)


def test_the_api_shape_holds_every_field() -> None:
    shape = FULL.to_interchange()
    assert set(shape) <= set(ClaimPublic.model_fields)
    served = ClaimPublic(**shape).model_dump(include=set(shape), exclude_unset=True)
    assert served == {**shape, "span": list(FULL.span), "sentence": list(FULL.sentence)}


def test_the_rdf_holds_every_field() -> None:
    g = Graph()
    _add_claim(_GraphSink(g), FULL.to_interchange())
    literals = {str(o) for o in g.objects() if isinstance(o, Literal)}
    expected = {
        FULL.quote, FULL.type, FULL.measure, str(FULL.value), str(FULL.value_max), FULL.qualifier, FULL.cue,
        FULL.assertion, FULL.event, FULL.place, FULL.date, FULL.period_start, FULL.period_end, "true",
        *map(str, FULL.span), *map(str, FULL.sentence), *map(str, FULL.denies or ()),
        FULL.target.side, FULL.target.group, FULL.speaker.text,
    }  # fmt: skip
    assert expected <= literals, expected - literals
