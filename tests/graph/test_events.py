"""Events against the real engine: one strike reported by several outlets is one event; other places, other days
and reports that name no place stay apart; a wrong merge can be split; lists filter; deletes leave no orphan."""

from __future__ import annotations

from datetime import date

from claimgraph.graph import cypher
from claimgraph.graph.event_store import EventFilter
from claimgraph.graph.events import event_key, place_key
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target

MOH = ActorRef(text="وزارة الصحة", id="ye-moh", side="HOUTHI")
IDF = ActorRef(text="الجيش الإسرائيلي", id="il-idf", side="IL")


def report(name: str, day: date | None, place: str | None, value: int, speaker: ActorRef = MOH, event="airstrike"):
    """An article of one outlet: a toll of a strike, with the event and place extraction read."""
    text = f"أعلنت الجهة مقتل {value} شخصا في غارة على {place or 'المدينة'} ({name})."
    article = ArticleInput(name=name, text=text, published=day, outlet=f"outlet {name}")
    claim = Claim(
        article=name,
        span=(11, 11 + len(str(value)) + 10),
        quote=text[11 : 21 + len(str(value))],
        speaker=speaker,
        type="casualty",
        measure="killed",
        value=value,
        qualifier="exact",
        target=Target(side="YE", group="people"),
        sentence=(0, len(text)),
        date=day.isoformat() if day else None,
        event=event,
        place=place,
    )
    return article, [claim]


def test_events_place_key_folds_the_kind_of_place() -> None:
    assert place_key("إقليم قره باغ") == place_key("قره باغ")
    assert place_key("ناغورنو كاراباخ") == place_key("قره باغ") == place_key("الإقليم كاراباخ")
    assert place_key("دمشق") != place_key("سوريا")  # a capital is not its country
    assert place_key("وأذربيجان") == place_key("أذربيجان") and place_key("وقره باغ") == place_key("قره باغ")
    assert place_key("واشنطن") != place_key("اشنطن")  # a place's own first letter stays
    assert place_key("والحديدة") == place_key("للحديدة") == place_key("ومدينة الحديدة") == place_key("الحديدة")
    assert event_key("airstrike", "مدينة صنعاء") == event_key("airstrike", "صنعاء")
    assert event_key("airstrike", None) is None


def test_events_one_strike_in_three_outlets_is_one_event(store) -> None:
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("b", date(2025, 9, 11), "مدينة صنعاء", 35))
    store.write_article(*report("c", date(2025, 9, 10), "صنعاء", 40, speaker=IDF))
    [event] = store.list_events()
    assert (event["type"], event["claims"], event["articles"]) == ("airstrike", 3, 3)
    assert (event["date_start"], event["date_end"]) == ("2025-09-10", "2025-09-11")
    assert set(event["participants"]) == {"HOUTHI", "IL", "YE"}
    assert event["contradictions"] == 1  # 35 against 40, two sides, same day
    whole = store.event(event["id"])
    assert whole["articles"] == ["a", "b", "c"]
    assert [g["side"] for g in whole["speakers"]] == ["HOUTHI", "IL"]
    [row] = whole["figures"]
    assert sorted(f["value"] for f in row["figures"]) == [35, 35, 40]
    assert {r["reason"] for r in whole["relations"]} >= {"conflicting_count"}
    assert all(r["explanation"] and r["explanation_ar"] for r in whole["relations"])


def test_events_other_places_other_days_and_no_place_stay_apart(store) -> None:
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("b", date(2025, 9, 10), "الحديدة", 12))  # another place
    store.write_article(*report("c", date(2025, 9, 20), "صنعاء", 7))  # ten days later
    store.write_article(*report("d", date(2025, 9, 10), None, 35))  # names no place
    store.write_article(*report("e", date(2025, 9, 10), None, 35))
    store.write_article(*report("f", date(2025, 9, 10), "صنعاء", 3, event="clash"))  # another kind of event
    events = store.list_events()
    assert len(events) == 6 and all(e["articles"] == 1 for e in events)
    assert store.count_events() == 6


def test_events_a_wrong_merge_can_be_split(store) -> None:
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("b", date(2025, 9, 11), "صنعاء", 9))
    [event] = store.list_events()
    new_id = store.split_event(event["id"], ["b"])
    assert new_id and new_id != event["id"]
    events = {e["id"]: e for e in store.list_events()}
    assert (events[event["id"]]["articles"], events[new_id]["articles"]) == (1, 1)
    assert (events[event["id"]]["date_end"], events[new_id]["date_start"]) == ("2025-09-10", "2025-09-11")
    assert store.event(new_id)["event"]["split_from"] == event["id"]
    assert store.split_event(event["id"], ["a"]) is None  # not the event's last article
    assert store.split_event("no-such-event", ["a"]) is None


def test_events_filters(store) -> None:
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("b", date(2025, 9, 10), "الحديدة", 12, speaker=IDF))
    assert [e["place"] for e in store.list_events(EventFilter(place="مدينة صنعاء"))] == ["صنعاء"]
    assert [e["place"] for e in store.list_events(EventFilter(actor="il-idf"))] == ["الحديدة"]
    assert [e["place"] for e in store.list_events(EventFilter(side="HOUTHI"))] == ["صنعاء"]
    assert store.list_events(EventFilter(date_from="2025-09-11")) == []
    assert len(store.list_events(EventFilter(date_from="2025-09-10", date_to="2025-09-10"))) == 2
    assert store.count_events(EventFilter(side="IL")) == 1


def test_events_deleting_an_article_removes_only_events_nothing_else_is_about(store) -> None:
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("b", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("c", date(2025, 9, 10), "الحديدة", 12))
    assert store.delete_article("c") and store.delete_article("a")
    [event] = store.list_events()
    assert (event["place"], event["articles"]) == ("صنعاء", 1)


def _seeks_an_index(store, query: str, params: dict) -> None:
    """The query's plan starts from an index, and scans no label (every event) nor every node."""
    if store.dialect.name == "falkordb":
        plan = store.graph.explain(query, params)
        text = "\n".join(str(op) for op in plan.operations) if hasattr(plan, "operations") else str(plan)
        assert "Index Scan" in text and "Label Scan" not in text, text
        return
    with store._session(read=True) as session:
        plan = session.run("EXPLAIN " + query, params).consume().plan
    operators, pending = [], [plan]
    while pending:
        operator = pending.pop()
        operators.append(operator["operatorType"].split("@")[0])
        pending += operator.get("children", [])
    assert "NodeIndexSeek" in operators, operators
    assert not {"NodeByLabelScan", "AllNodesScan"} & set(operators), operators


def test_events_are_found_through_the_key_index(store) -> None:
    """Merging reads candidate events through the day-key index, never by scanning events (nor a place's
    history: the keys are of the few days that could reach the new report)."""
    params = {"queries": [{"keys": ["airstrike|صنعاء|2025-09-10"], "low": "2025-09-09", "high": "2025-09-11"}]}
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    _seeks_an_index(store, cypher.EVENT_CANDIDATES, params)


def test_events_of_a_place_are_listed_through_the_place_index(store) -> None:
    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    flt = EventFilter(place="صنعاء")
    given = flt.given()
    _seeks_an_index(store, cypher.find_events(list(given)), {**given, "offset": 0, "limit": 10})
    _seeks_an_index(store, cypher.count_events(list(given)), given)


def test_events_of_a_load_then_a_new_report_joins_them(store) -> None:
    """A load (FalkorDB's bulk loader into an empty graph) makes the events of the articles it loads; an article
    written afterwards joins the loaded event of its strike."""
    first = report("a", date(2025, 9, 10), "صنعاء", 35)
    second = report("b", date(2025, 9, 10), "صنعاء", 35)  # same place and day, in the next batch
    other = report("c", date(2025, 9, 10), "الحديدة", 12)
    batches = [
        ([(first[0], [c.model_copy(update={"article_id": first[0].content_id}) for c in first[1]])], []),
        ([(x[0], [c.model_copy(update={"article_id": x[0].content_id}) for c in x[1]]) for x in (second, other)], []),
    ]
    store.load(batches)
    events = {e["place"]: e for e in store.list_events()}
    assert (events["صنعاء"]["articles"], events["الحديدة"]["articles"]) == (2, 1)
    store.write_article(*report("d", date(2025, 9, 11), "صنعاء", 35))
    events = {e["place"]: e for e in store.list_events()}
    assert events["صنعاء"]["articles"] == 3 and events["صنعاء"]["date_end"] == "2025-09-11"


def test_events_in_rdf_as_schema_and_sem_events(store) -> None:
    from claimgraph.graph.rdf import build_graph
    from claimgraph.ontology import NAMESPACE
    from rdflib import RDF, URIRef

    store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
    store.write_article(*report("b", date(2025, 9, 11), "صنعاء", 35))
    g = build_graph(store)
    [event] = list(g.subjects(RDF.type, URIRef(NAMESPACE + "Event")))
    assert (event, RDF.type, URIRef("https://schema.org/Event")) in g
    assert len(list(g.subjects(URIRef(NAMESPACE + "about"), event))) == 2
    assert {str(o) for o in g.objects(event, URIRef("https://schema.org/startDate"))} == {"2025-09-10"}


def test_events_a_report_days_later_joins_an_event_still_going_on(store) -> None:
    """An event reported day after day is found by each new report although its day key is its first day's, up to
    EVENT_MAX_DAYS after that first day; a report later than that starts a new event."""
    for day in range(10, 19):  # 10 to 18 September
        store.write_article(*report(f"r{day}", date(2025, 9, day), "صنعاء", 35))
    events = sorted(store.list_events(), key=lambda e: e["date_start"])
    assert [(e["date_start"], e["date_end"], e["articles"]) for e in events] == [
        ("2025-09-10", "2025-09-17", 8),
        ("2025-09-18", "2025-09-18", 1),
    ]


def test_events_in_the_sparql_view_follow_joins_and_splits(store) -> None:
    """The SPARQL view loads only what is new, yet an event joined by a later report shows its new days (not the
    old ones beside them), and after a split each claim is about one event: the view equals a full build."""
    from claimgraph.graph.sparql_view import SparqlView

    from tests.graph.test_rdf import _held, _named_triples

    prefix = "PREFIX schema: <https://schema.org/> PREFIX cg: <https://claimgraph.org/ontology#> "
    views: list[SparqlView] = []

    def full_build() -> set[str]:
        views.append(SparqlView(store))
        views[-1].update()
        return _named_triples(_held(views[-1]))

    view = SparqlView(store)
    views.append(view)
    try:
        store.write_article(*report("a", date(2025, 9, 10), "صنعاء", 35))
        assert view.query(prefix + "SELECT ?d WHERE { ?e schema:endDate ?d }").rows == [["2025-09-10"]]
        store.write_article(*report("b", date(2025, 9, 11), "صنعاء", 35))
        assert view.query(prefix + "SELECT ?d WHERE { ?e schema:endDate ?d }").rows == [["2025-09-11"]]
        assert view.rebuilds == 1
        assert _named_triples(_held(view)) == full_build()

        [event] = store.list_events()
        store.split_event(event["id"], ["b"])
        about = view.query(prefix + "SELECT ?c (COUNT(?e) AS ?n) WHERE { ?c cg:about ?e } GROUP BY ?c").rows
        assert sorted(int(n) for _, n in about) == [1, 1]
        assert _named_triples(_held(view)) == full_build()
    finally:
        for made in views:
            made.close()


def test_events_two_outlets_on_one_operation_join_through_its_written_days(store, pipeline) -> None:
    """Real extraction: one outlet reports an army's operation on its first day; another, a week later, gives the
    toll of that operation and writes the days it ran («الثلاثاء، 5 مارس/آذار»). Same type (an operation is an
    attack), same place (written as a place, not the speaker's state), days that meet: one event of both articles."""
    first = ArticleInput(
        name="first-day",
        published=date(2024, 3, 5),
        text="قال الجيش النيجيري إن 10 من جنوده قتلوا في هجوم على مدينة مايدوغوري.",
    )
    later = ArticleInput(
        name="a-week-later",
        published=date(2024, 3, 12),
        text=(
            "أعلنت نيجيريا مقتل 25 من جنودها خلال العملية العسكرية التي نفذها الجيش في مدينة مايدوغوري. "
            "وكان الجيش النيجيري أعلن، الثلاثاء، 5 مارس/آذار، إطلاق عملية عسكرية في مدينة مايدوغوري."
        ),
    )
    for article in (first, later):
        store.write_article(article, pipeline.process(article).claims)
    joined = [e for e in store.list_events() if e["articles"] == 2]
    assert [(e["type"], e["date_start"]) for e in joined] == [("attack", "2024-03-05")]
    whole = store.event(joined[0]["id"])
    assert whole["articles"] == ["a-week-later", "first-day"]
