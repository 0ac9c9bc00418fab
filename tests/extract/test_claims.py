"""Claim rules on sentences written for these tests in the style of agency copy: other ministries, numbers, wars.

They run the real Stanza pipeline with the project's own models, then the rules; no seed sentence appears here.
"""

from __future__ import annotations

import pytest
from claimgraph.ontology.claim import ArticleInput


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, name: str = "t") -> list[dict]:
        return [c.to_interchange() for c in pipeline.process(ArticleInput(name=name, text=text)).claims]

    return run


def numeric(claims: list[dict]) -> list[dict]:
    return [c for c in claims if c["value"] is not None or c["qualifier"] in {"dozens", "hundreds", "thousands"}]


def test_claims_ministry_reports_own_losses(extract) -> None:
    claims = extract("وقالت وزارة الدفاع الأذربيجانية في بيان إن 12 جنديا أذربيجانيا قتلوا في قصف ليلي.")
    [c] = numeric(claims)
    assert (c["speaker"]["side"], c["value"], c["measure"], c["qualifier"]) == ("AZ", 12, "killed", "exact")
    assert c["target"] == {"side": "AZ", "group": "soldiers"}
    assert "12 جنديا" in c["quote"]


def test_claims_relay_agency_is_via_not_speaker(extract) -> None:
    text = "ونقلت وكالة رويترز عن وزارة الخارجية التركية قولها إن نحو 40 مدنيا أصيبوا في الهجوم."
    [c] = numeric(extract(text))
    assert c["speaker"]["side"] == "TR"
    assert [v["id"] for v in c["via"]] == ["Q130879"]
    assert (c["value"], c["qualifier"], c["measure"]) == (40, "about", "wounded")


def test_claims_qualifiers_and_number_words(extract) -> None:
    text = "وأعلنت وزارة الدفاع الروسية تدمير ما لا يقل عن 15 دبابة وثلاث مروحيات خلال يومين."
    values = {(c["value"], c["qualifier"], c["target"]["group"]) for c in numeric(extract(text))}
    assert (15, "at_least", "tanks") in values
    assert (3, "exact", "helicopters") in values


def test_claims_vague_quantities(extract) -> None:
    claims = numeric(extract("وأفادت تقارير بمقتل العشرات وإصابة المئات في المدينة منذ يوم الجمعة."))
    assert {(c["qualifier"], c["measure"], c["value"]) for c in claims} == {
        ("dozens", "killed", None),
        ("hundreds", "wounded", None),
    }
    assert all(c["speaker"] is None for c in claims), "«تقارير» names no claimant: speaker stays null"


def test_claims_unattributed_figures_keep_null_speaker(extract) -> None:
    [c] = numeric(extract("وكانت أنباء قد وردت عن مقتل أكثر من 300 شخص في المعارك."))
    assert c["speaker"] is None
    assert (c["value"], c["qualifier"]) == (300, "more_than")


def test_claims_speaker_carries_over_to_next_sentence(extract) -> None:
    text = "وقالت وزارة الدفاع الجورجية إن قواتها صدت هجوما.\nوأضافت الوزارة أن 7 جنود جرحوا خلال الاشتباكات."
    [c] = numeric(extract(text))
    assert c["speaker"]["side"] == "GE"
    assert (c["value"], c["measure"]) == (7, "wounded")


def test_claims_denial_points_to_the_denied_claim(extract) -> None:
    text = "واتهمت أذربيجان أرمينيا بقصف مناطق سكنية، وهو ما تنفيه يريفان."
    claims = extract(text)
    denial = next(c for c in claims if c["type"] == "denial")
    accusation = next(c for c in claims if c["type"] == "accusation")
    assert denial["speaker"]["id"] == "Q399"
    assert denial["denies"] == accusation["span"]
    assert accusation["speaker"]["id"] == "Q227" and accusation["target"]["side"] == "AM"


def test_claims_metonyms_resolve_to_states(extract) -> None:
    claims = extract("وأكدت أنقرة أنها لن تتدخل في النزاع.")
    assert claims[0]["speaker"]["id"] == "Q43"


def test_claims_spans_are_raw_text_slices(extract) -> None:
    text = "وقالت\u00a0وزارة الدفاع الأرمينية إنّ ٢٥ جندياً أذربيجانياً قُتلوا."
    for c in extract(text):
        assert text[c["span"][0] : c["span"][1]] == c["quote"]
    [c] = numeric(extract(text))
    assert c["value"] == 25 and c["speaker"]["side"] == "AM" and c["target"]["side"] == "AZ"


def test_claims_dates_are_not_counts(extract) -> None:
    claims = numeric(extract("وتجدد القتال في 27 سبتمبر 2020 وقتل فيه جنود من الطرفين."))
    assert all(c["value"] not in {27, 2020} for c in claims)


def test_claims_ranges_and_compound_numbers(extract) -> None:
    text = (
        "وقالت وزارة الصحة الإيرانية إن ما بين 30 و40 مدنيا أصيبوا في الزلزال.\n"
        "وأعلنت وزارة الدفاع الروسية مقتل خمسة وعشرين مسلحا.\n"
        "وذكرت وكالة الأناضول أن 15 ألف شخص نزحوا."
    )
    found = {(c["value"], c.get("value_max"), c["qualifier"]) for c in numeric(extract(text))}
    assert (30, 40, "range") in found
    assert (25, None, "exact") in found


def test_claims_figure_restated_in_a_subheading_is_a_claim_at_each_place(extract) -> None:
    # The graph links the two as the same statement (graph/compare.py); each place keeps its own span.
    text = "وأعلن المرصد السوري لحقوق الإنسان مقتل 12 من المرتزقة في المعارك.\nالمرصد السوري يعلن مقتل 12 من المرتزقة"
    claims = numeric(extract(text))
    assert [c["value"] for c in claims] == [12, 12]
    assert len({c["speaker"]["id"] for c in claims}) == 1 and claims[0]["span"] != claims[1]["span"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "وجاء في تصريح لوزارة الخارجية التركية أن أنقرة ستواصل دعم حلفائها في المنطقة.",
            "tr-ministry-of-foreign-affairs",
        ),
        ("وجاء في تصريح لوزارة الدفاع السودانية أن الجيش استعاد السيطرة على الجسر.", "sd-ministry-of-defence"),
    ],
)
def test_claims_the_author_of_a_statement_after_its_noun(extract, text: str, speaker: str) -> None:
    """«جاء في تصريح لوزارة X»: the لـ names who made the statement, the ministry itself (the same id as when it
    is the subject of a verb, so that its statements in other outlets are found as the same statement)."""
    statements = [c for c in extract(text) if c["type"] == "statement"]
    assert statements and statements[0]["speaker"]["id"] == speaker, statements
