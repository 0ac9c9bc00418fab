"""Which stored event a report joins (graph/events.py), without an engine: only with a day and a place. On the
development set every pair of undated events of one type and place came from different wars or different months
(a strike on Lebanon in August and one in October; Karabakh in 2020 and in 2023): a report with no day joins
nothing."""

from __future__ import annotations

from claimgraph.graph.events import choose, read_events


def claims(article: str, day: str | None, place: str, event: str = "airstrike") -> list[dict]:
    return [
        {
            "id": f"{article}-1",
            "article_id": article,
            "event": event,
            "place": place,
            "date": day,
            "period": {"start": None, "end": None, "cumulative": False},
            "speaker": {"side": "SD"},
            "target": {"side": "SD"},
        }
    ]


def stored(reading, event_id: str) -> dict:
    return {**reading.row(event_id), "id": event_id}


def test_a_report_without_a_day_joins_no_event_of_its_type_and_place() -> None:
    [dated] = read_events(claims("a", "2023-06-02", "مدينة الفاشر"))
    [undated] = read_events(claims("b", None, "الفاشر"))
    assert dated.key and undated.key is None
    assert choose(undated, [stored(dated, "e1")]) is None


def test_a_report_of_the_next_day_joins_and_one_a_week_later_does_not() -> None:
    [first] = read_events(claims("a", "2023-06-02", "الفاشر"))
    [next_day] = read_events(claims("b", "2023-06-03", "مدينة الفاشر"))
    [week_later] = read_events(claims("c", "2023-06-09", "الفاشر"))
    [elsewhere] = read_events(claims("d", "2023-06-02", "نيالا"))
    [other_kind] = read_events(claims("e", "2023-06-02", "الفاشر", event="clash"))
    events = [stored(first, "e1")]
    assert choose(next_day, events) == "e1"
    assert choose(week_later, events) is None
    assert choose(elsewhere, events) is None
    assert choose(other_kind, events) is None
