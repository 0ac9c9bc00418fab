"""Comparison rules on claims written for the test (other conflicts, other numbers), including what must not match."""

from __future__ import annotations

import math

from claimgraph.graph.compare import compare_new, compare_pair, interval

from tests.samples import compared_claim


def claim(cid: str, article: str = "a1", **fields) -> dict:
    return compared_claim(cid, article, **{"date": "2022-09-14", "sentence": None, **fields})


def test_interval_reads_qualifiers() -> None:
    assert interval({"value": 40, "qualifier": "exact"}) == (40, 40)
    low, high = interval({"value": 5000, "qualifier": "about"})
    assert low == 4500 and high == 5500  # «نحو 5000»: rounded to its first digit
    assert interval({"value": 1250, "qualifier": "more_than"})[1] == math.inf
    assert interval({"value": None, "qualifier": "dozens"}) == (20, 99)
    assert interval({"value": None, "qualifier": None}) is None


def test_compare_conflicting_count_between_sides() -> None:
    kyiv = claim(
        "k",
        speaker={"text": "وزارة الدفاع الأوكرانية", "side": "UA"},
        value=300,
        target={"side": "RU", "group": "soldiers"},
    )
    moscow = claim(
        "m",
        article="a2",
        speaker={"text": "وزارة الدفاع الروسية", "side": "RU"},
        value=20,
        target={"side": "RU", "group": "soldiers"},
    )
    [rel] = compare_pair(kyiv, moscow)
    assert (rel.kind, rel.reason) == ("contradicts", "conflicting_count")
    assert "300" in rel.explanation and "20" in rel.explanation


def test_compare_lower_bound_against_larger_number_is_not_a_conflict() -> None:
    a = claim(
        "a",
        speaker={"text": "x", "side": "AM"},
        value=1250,
        qualifier="more_than",
        target={"side": None, "group": "people"},
    )
    b = claim(
        "b", article="a2", speaker={"text": "y", "side": "AZ"}, value=1400, target={"side": None, "group": "people"}
    )
    assert compare_pair(a, b) == []


def test_compare_part_exceeding_total() -> None:
    part = claim(
        "p", speaker={"text": "وزارة الدفاع", "side": "SD"}, value=400, target={"side": "SD", "group": "fighters"}
    )
    whole = claim("w", value=None, qualifier="dozens", target={"side": None, "group": "people"})
    [rel] = compare_pair(part, whole)
    assert (rel.reason, rel.a, rel.b) == ("exceeds_total", "p", "w")


def test_compare_different_periods_not_compared() -> None:
    a = claim("a", speaker={"text": "x", "side": "UA"}, value=300, target={"side": "RU", "group": "soldiers"})
    b = claim(
        "b",
        article="a2",
        date="2022-10-01",
        speaker={"text": "y", "side": "RU"},
        value=20,
        target={"side": "RU", "group": "soldiers"},
    )
    assert compare_pair(a, b) == []


def test_compare_same_speaker_same_statement_is_corroboration() -> None:
    quote1 = "ستقدم الحكومة المساعدة اللازمة للاجئين في حال انتقال القتال إلى أراضيها مباشرة"
    quote2 = "الحكومة ستقدم كل المساعدة اللازمة للاجئين إذا وصل القتال إلى أراضيها"
    a = claim("a", type="statement", measure=None, speaker={"text": "الخارجية التركية", "side": "TR"}, quote=quote1)
    b = claim("b", article="a2", type="statement", measure=None, speaker={"text": "أنقرة", "side": "TR"}, quote=quote2)
    [rel] = compare_pair(a, b)
    assert (rel.kind, rel.reason) == ("corroborates", "same_statement")
    other = claim(
        "c", article="a3", type="statement", measure=None, speaker={"text": "أثينا", "side": "GR"}, quote=quote2
    )
    assert compare_pair(a, other) == []


def test_compare_denial_links_to_the_denied_span() -> None:
    accused = claim("acc", type="accusation", measure=None, span=[5, 40], speaker={"text": "x", "side": "AM"})
    denial = claim(
        "den", type="denial", measure=None, span=[42, 60], denies=[5, 40], speaker={"text": "أذربيجان", "side": "AZ"}
    )
    rels = compare_new([accused, denial], [])
    assert [(r.reason, r.a, r.b) for r in rels] == [("denial", "acc", "den")]


def test_compare_revision_by_the_same_speaker_is_a_timeline_not_a_contradiction() -> None:
    ministry = {"text": "وزارة الصحة", "side": "SD", "id": "sd-ministry-of-health"}
    target = {"side": "SD", "group": "civilians"}
    day1 = claim("d1", article="a1", date="2023-04-16", speaker=ministry, value=120, target=target)
    day2 = claim("d2", article="a2", date="2023-04-17", speaker=ministry, value=150, target=target)
    day3 = claim("d3", article="a3", date="2023-04-18", speaker=ministry, value=170, target=target)
    relations = compare_new([day3], [day1, day2])
    assert {(r.kind, r.reason, r.a, r.b) for r in relations} == {
        ("revises", "revision", "d3", "d1"),
        ("revises", "revision", "d3", "d2"),
    }
    assert "120" in compare_pair(day1, day2)[0].explanation


def test_compare_opposed_territorial_assertions() -> None:
    sentence = [0, 120]
    accusation = claim(
        "acc",
        type="accusation",
        measure=None,
        speaker={"text": "الهند", "side": "IN"},
        target={"side": "PK", "group": None},
        assertion="occupied_by_target",
        sentence=sentence,
    )
    ownership = claim(
        "own",
        type="statement",
        measure=None,
        speaker={"text": "باكستان", "side": "PK"},
        assertion="owned_by_speaker",
        sentence=sentence,
    )
    [rel] = compare_pair(accusation, ownership)
    assert (rel.kind, rel.reason, rel.a, rel.b) == ("contradicts", "opposed_assertion", "acc", "own")


def test_compare_allies_with_different_counts_in_one_article_are_not_set_against_each_other() -> None:
    """Two sources of one camp (Yerevan and Stepanakert) cited by one article with different figures: one incident
    and a running total, not a dispute."""
    a = claim(
        "a",
        speaker={"text": "يريفان", "side": "AM", "id": "am"},
        value=7,
        target={"side": "AZ", "group": "helicopters"},
        measure="destroyed",
    )
    b = claim(
        "b",
        speaker={"text": "ستيباناكيرت", "side": "NK", "id": "nk"},
        value=1,
        target={"side": "AZ", "group": "helicopters"},
        measure="destroyed",
    )
    assert compare_pair(a, b) == []


def test_compare_allies_with_different_counts_in_two_reports_conflict_and_say_so() -> None:
    """The same two figures for the same day in two reports conflict (issue 16: whether or not the sources are
    enemies); who fights whom only labels the pair."""
    a = claim(
        "a",
        speaker={"text": "يريفان", "side": "AM", "id": "am"},
        value=7,
        target={"side": "AZ", "group": "helicopters"},
        measure="destroyed",
    )
    b = claim(
        "b",
        article="a2",
        speaker={"text": "ستيباناكيرت", "side": "NK", "id": "nk"},
        value=1,
        target={"side": "AZ", "group": "helicopters"},
        measure="destroyed",
    )
    [rel] = compare_pair(a, b)
    assert rel.reason == "conflicting_count"
    assert "sources of one camp" in rel.explanation and "مصدران من معسكر واحد" in rel.explanation_ar


def test_compare_one_share_restated_by_one_side_in_one_article_is_the_same_statement() -> None:
    """«نصف قادة الحركة» from a minister, then from his army's spokesman: a share with no count, one statement."""
    target = {"side": "HAMAS", "group": "commanders"}
    minister = {"text": "وزير الدفاع الإسرائيلي", "id": "il-minister-of-defence", "side": "IL"}
    spokesman = {"text": "المتحدث باسم الجيش الإسرائيلي", "id": "idf-spokesperson", "side": "IL"}
    a = claim("a", value=None, qualifier=None, fraction=0.5, target=target, speaker=minister)
    b = claim("b", span=[200, 220], value=None, qualifier=None, fraction=0.5, target=target, speaker=spokesman)
    [rel] = compare_pair(a, b)
    assert (rel.kind, rel.reason) == ("corroborates", "same_statement")
    # another share, another article, or a share against a vague count: nothing joins them
    assert compare_pair(a, {**b, "fraction": 1 / 3}) == []
    assert compare_pair(a, {**b, "article_id": "a2", "article": "a2"}) == []
    assert compare_pair(a, {**b, "fraction": None}) == []
