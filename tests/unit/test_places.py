"""Towns to states, from GeoNames' Arabic names: what the extractor uses to say whose dead a monitor counts."""

from __future__ import annotations

from claimgraph.ontology.places import arabic_place_names
from claimgraph.ontology.text import fold


def town(name: str):
    return arabic_place_names().get(tuple(fold(name).split()))


def test_towns_of_several_wars_are_placed_in_their_state() -> None:
    assert {name: town(name).state for name in ("الفاشر", "حلب", "كركوك", "غوما", "خان يونس", "بنغازي")} == {
        "الفاشر": "SD",
        "حلب": "SY",
        "كركوك": "IQ",
        "غوما": "CD",
        "خان يونس": "PS",
        "بنغازي": "LY",
    }


def test_a_shared_name_goes_to_the_far_larger_town_or_to_none() -> None:
    # Donetsk in Ukraine (900k) against a Russian town of the same name (50k): the name says Ukraine.
    assert town("دونيتسك").state == "UA"
    # A name two states share with towns of similar size says nothing about the state.
    shared = [k for k in (("كولون",), ("سانتا", "روسا")) if k in arabic_place_names()]
    assert shared == []


def test_names_of_two_letters_are_not_towns() -> None:
    assert all(len("".join(key).removeprefix("ال")) >= 3 for key in arabic_place_names())
