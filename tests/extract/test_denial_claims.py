"""Denials read from what a speaker says did not happen, and from a quoted source calling a claim false (issue 16).
Sentences written for these tests, in several wars; the real Stanza pipeline runs them."""

from __future__ import annotations

import pytest
from claimgraph.ontology.claim import ArticleInput


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str) -> list[dict]:
        return [c.to_interchange() for c in pipeline.process(ArticleInput(name="t", text=text)).claims]

    return run


NEGATED = {
    "ethiopia": ("وأكد الجيش الإثيوبي أن جبهة تحرير تيغراي لم تسيطر على أي مدينة ولم تسقط أي مروحية.", "ET", 2),
    "ukraine": ("وقالت وزارة الدفاع الأوكرانية إن القوات الروسية لم تدخل مدينة خاركيف.", "UA", 1),
    "sudan": ("وشدد الجيش السوداني على أن قوات الدعم السريع لم تستول على مقر القيادة العامة.", "SD", 1),
}


@pytest.mark.parametrize("war", sorted(NEGATED))
def test_what_a_speaker_says_did_not_happen_is_a_denial_per_clause(extract, war: str) -> None:
    text, denier, clauses = NEGATED[war]
    denials = [c for c in extract(text) if c["type"] == "denial"]
    assert len(denials) == clauses
    assert all(d["speaker"]["side"] == denier for d in denials)
    assert not [c for c in extract(text) if c["type"] == "statement"]


NOT_DENIALS = {
    "bound": "وقال الجيش الباكستاني إن خسائره لم تتجاوز 30 جنديا.",
    "only": "وقال المتحدث باسم الحركة إن مقاتليها لم يتكبدوا سوى خسائر محدودة.",
    "later": "وقال المتحدث إن القوات قتلت 40 مسلحا في الهجوم على القرية، ولم تسجل أي إصابات في صفوفها.",
}


@pytest.mark.parametrize("case", sorted(NOT_DENIALS))
def test_a_bound_an_only_or_a_negation_deep_in_the_sentence_is_no_denial(extract, case: str) -> None:
    assert not [c for c in extract(NOT_DENIALS[case]) if c["type"] == "denial"]


def test_a_relayed_source_calling_a_claim_false_denies_it(extract) -> None:
    text = (
        "أعلن جيش أراكان السيطرة على قاعدة عسكرية. "
        'ونقلت وكالة رويترز عن مسؤول في الجيش الميانماري قوله: "هذا كلام غير صحيح".'
    )
    claims = extract(text)
    [denial] = [c for c in claims if c["type"] == "denial"]
    assert denial["speaker"]["side"] == "MM"


NAMED_CLAIMS = {
    "ukraine": ("ونفى الجيش الأوكراني مزاعم روسيا بإسقاط ثلاث مقاتلات أوكرانية.", "UA", "RU"),
    "israel-iran": ("ونفت وزارة الخارجية الإيرانية ادعاءات إسرائيل باستهداف مستودعات أسلحة.", "IR", "IL"),
}


@pytest.mark.parametrize("war", sorted(NAMED_CLAIMS))
def test_the_claims_a_denial_names_are_the_claimants_and_denied(extract, war: str) -> None:
    """«نفى X مزاعم Y بـ...»: Y's words are a claim of Y's, and X's denial points at it."""
    text, denier, claimant = NAMED_CLAIMS[war]
    claims = extract(text)
    [denial] = [c for c in claims if c["type"] == "denial"]
    assert denial["speaker"]["side"] == denier
    denied = [c for c in claims if c["type"] != "denial" and list(c["span"]) == denial["denies"]]
    assert denied and all(c["speaker"]["side"] == claimant for c in denied)


def test_what_the_denier_says_next_is_still_the_deniers(extract) -> None:
    """«نفت القوات المسلحة مزاعم الاحتلال بـ...، مؤكدة أن ...» and «وشددت أن ...»: the named claimant does not
    become the one speaking."""
    text = (
        "ونفت القوات المسلحة اليمنية مزاعم الاحتلال باستهداف منصات صواريخ، مؤكدة أن الغارات طالت أهدافا مدنية. "
        "وشددت أن العدوان لن يمر دون رد."
    )
    statements = [c for c in extract(text) if c["type"] == "statement"]
    assert [c["speaker"]["side"] for c in statements] == ["IL", "YE", "YE"]
