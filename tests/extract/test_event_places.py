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
