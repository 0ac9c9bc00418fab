"""Where an event happened, as the event page and the joining of reports read it: a location of several words is
one place, and a direction word alone is none (issue 16). Sentences written for these tests."""

from __future__ import annotations

import pytest
from claimgraph.ontology.claim import ArticleInput


@pytest.fixture(scope="module")
def places(pipeline):
    def run(text: str) -> set[str | None]:
        return {c.place for c in pipeline.process(ArticleInput(name="t", text=text)).claims}

    return run


def test_a_place_of_several_words_is_one_place(places) -> None:
    assert places("وأعلن الجيش في بوركينا فاسو مقتل 40 مسلحا في هجوم على قاعدة عسكرية.") == {"بوركينا فاسو"}


def test_a_direction_word_alone_is_no_place(places) -> None:
    found = places("وقالت وزارة الصحة اللبنانية إن غارة إسرائيلية على شرق لبنان أسفرت عن مقتل 12 شخصا.")
    assert found == {"لبنان"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker is a state; where the operation ran is written as a place
        ("أعلنت روسيا مقتل 30 من جنودها خلال عملية عسكرية في مدينة باخموت.", {"باخموت"}),
        ("أعلنت إسرائيل مقتل 5 من جنودها في هجوم على قاعدة قرب مدينة غزة.", {"غزة"}),
        # «إقليم قره باغ» inside an actor's name («الجيش في إقليم قره باغ») is still the place
        ("أعلنت أذربيجان مقتل 192 من جنودها خلال عملية نفذها الجيش في إقليم قره باغ.", {"قره باغ"}),
    ],
)
def test_a_place_written_as_a_place_outranks_the_speakers_state(places, text: str, expected: set[str]) -> None:
    assert places(text) == expected


def test_a_military_operation_is_an_attack_with_quotation_marks_inside_its_name(pipeline) -> None:
    text = 'أعلن الجيش النيجيري مقتل 12 من جنوده خلال عملية "مكافحة الإرهاب" التي نفذها في مدينة مايدوغوري.'
    claims = pipeline.process(ArticleInput(name="t", text=text)).claims
    assert {(c.event, c.place) for c in claims} == {("attack", "مايدوغوري")}
