"""The ontology files parse, the gazetteer is consistent, and the graph only uses terms the ontology defines."""

from __future__ import annotations

import re

from claimgraph.graph import cypher
from claimgraph.ontology import NAMESPACE, ONTOLOGY_TTL, actors_by_id, load_actors
from rdflib import OWL, RDF, Graph, URIRef

VERIFIED_QIDS = {
    "Q399": "Armenia",
    "Q227": "Azerbaijan",
    "Q159": "Russia",
    "Q43": "Turkey",
    "Q142": "France",
    "Q7747": "Vladimir Putin",
    "Q3052772": "Emmanuel Macron",
    "Q130879": "Reuters",
    "Q9531": "BBC",
}


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def test_ontology_defines_the_core_classes() -> None:
    g = _ontology()
    classes = {str(s).removeprefix(NAMESPACE) for s in g.subjects(RDF.type, OWL.Class)}
    assert {
        "Article",
        "Outlet",
        "Actor",
        "Person",
        "Organization",
        "State",
        "Claim",
        "Event",
        "Quantity",
        "Place",
    } <= classes


def test_ontology_aligns_claims_with_schema_and_prov() -> None:
    g = _ontology()
    claim = URIRef(NAMESPACE + "Claim")
    parents = {str(o) for o in g.objects(claim, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"))}
    assert "https://schema.org/Claim" in parents
    claimed_by = URIRef(NAMESPACE + "claimedBy")
    assert (
        claimed_by,
        URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"),
        URIRef("http://www.w3.org/ns/prov#wasAttributedTo"),
    ) in g


def test_cypher_vocabulary_exists_in_ontology() -> None:
    """Every relationship type graph/ writes maps to an ontology property; every label to a class."""
    g = _ontology()
    terms = {str(s).removeprefix(NAMESPACE) for s in g.subjects() if str(s).startswith(NAMESPACE)}
    used_types = set(re.findall(r"\[\w*:(\w+)", " ".join(v for v in vars(cypher).values() if isinstance(v, str))))
    used_types |= set(cypher.RELATIONSHIPS)
    for rel in used_types:
        for part in rel.split("|"):
            assert part in cypher.RELATIONSHIPS, f"relationship {part} is not mapped to the ontology"
    assert set(cypher.RELATIONSHIPS.values()) <= terms
    assert set(cypher.LABELS.values()) <= terms


def test_gazetteer_uses_only_verified_qids() -> None:
    by_id = actors_by_id()
    qids = {i for i in by_id if re.fullmatch(r"Q\d+", i)}
    assert qids == set(VERIFIED_QIDS)
    for qid, name in VERIFIED_QIDS.items():
        assert by_id[qid].en == name


def test_gazetteer_knows_metonyms() -> None:
    names = {name: actor.id for actor in load_actors() for name in actor.names}
    assert names["باكو"] == "Q227"
    assert names["يريفان"] == "Q399"
    assert names["موسكو"] == names["الكرملين"] == "Q159"
    assert names["أنقرة"] == "Q43"


def test_war_aliases_name_actors_of_the_gazetteer_on_that_war() -> None:
    from claimgraph.ontology.conflicts import load_wars

    known = actors_by_id()
    aliased = {(war.name, actor) for war in load_wars().wars for actor in war.aliases}
    assert aliased, "conflicts.yaml lists short names for some wars"
    for war_name, actor in aliased:
        war = next(w for w in load_wars().wars if w.name == war_name)
        assert actor in known, f"{war_name}: alias for unknown actor {actor!r}"
        assert any(known[actor].side in camp for camp in war.camps), f"{war_name}: {actor} fights in another war"
