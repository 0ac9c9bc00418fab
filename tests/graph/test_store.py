"""The store against the real embedded engine (and Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

import gc
import json

import pytest
from claimgraph.graph import cypher
from claimgraph.graph.rows import claim_row, claim_values
from claimgraph.graph.store import ClaimFilter, gc_paused
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target

from claimgraph.errors import QueryError, ReadOnlyViolation, StoreError

TEXT = "قالت وزارة الدفاع الجورجية إن 12 جنديا قتلوا أمس.\nونفت موسكو ذلك."


def _claims(article: ArticleInput) -> list[Claim]:
    ministry = ActorRef(text="وزارة الدفاع الجورجية", id="ge-ministry-of-defence", side="GE", kind="organization")
    agency = ActorRef(text="رويترز", id="Q130879", side="MEDIA", kind="outlet")
    killed = Claim(
        article=article.name,
        span=(30, 45),
        quote=TEXT[30:45],
        speaker=ministry,
        via=[agency],
        type="casualty",
        measure="killed",
        value=12,
        qualifier="exact",
        target=Target(side="GE", group="soldiers"),
        sentence=(0, 50),
    )
    denial = Claim(
        article=article.name,
        span=(51, 66),
        quote=TEXT[51:66],
        speaker=ActorRef(text="موسكو", id="Q159", side="RU", kind="state"),
        type="denial",
        denies=(30, 45),
        sentence=(51, 66),
    )
    return [killed, denial]


def test_store_write_article_is_idempotent(store) -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    first = store.write_article(article, _claims(article))
    again = store.write_article(ArticleInput(name="copy-of-georgia-1", text=TEXT), _claims(article))
    assert (first.new, first.claims) == (True, 2)
    assert (again.new, again.claims, again.existing_name) == (False, 0, "georgia-1")
    assert store.stats()["articles"] == 1
    assert store.stats()["claims"] == 2


def test_store_second_writer_of_an_article_adds_nothing(store) -> None:
    """Two writers that both found the article missing (two ingests racing) send the same batch: the second one's
    claims and edges are not created, because the article was not created by its write."""
    article = ArticleInput(name="georgia-1", text=TEXT)
    claims = [c.model_copy(update={"article_id": article.content_id}) for c in _claims(article)]
    store._write(store.article_statements(article, claims, "test"))
    once = store.stats()
    edges = store.read_only_query("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n ORDER BY t").rows
    store._write(store.article_statements(article, claims, "test"))
    assert store.stats() == once
    assert store.read_only_query("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n ORDER BY t").rows == edges
    assert edges == [["CLAIMED_BY", 2], ["DENIES", 1], ["RELAYED_BY", 1], ["REPORTED_IN", 2]]


def _articles(n: int) -> list[tuple[ArticleInput, list[Claim]]]:
    items = []
    for k in range(n):
        article = ArticleInput(name=f"georgia-{k}", text=TEXT + f"\nالتقرير {k}.")
        items.append((article, [c.model_copy(update={"article_id": article.content_id}) for c in _claims(article)]))
    return items


def test_store_write_batches_lands_every_batch_in_order_and_stops_at_a_failure(store) -> None:
    items = _articles(5)
    written = store.write_batches(store.articles_statements(items[k : k + 2], "test") for k in range(0, 4, 2))
    assert written == 2
    assert (store.stats()["articles"], store.stats()["claims"]) == (4, 8)
    batches = [
        store.articles_statements(items[4:], "test"),
        [("THIS IS NOT CYPHER", {})],
        store.articles_statements(_articles(7)[6:], "test"),
    ]
    with pytest.raises(StoreError):
        store.write_batches(iter(batches))
    # the batch before the failure landed, the one after it was never sent
    assert (store.stats()["articles"], store.stats()["claims"]) == (5, 10)
    assert store.find_claims(ClaimFilter(article="georgia-6")) == []


def test_claim_rows_follow_the_property_order_of_the_create_statement() -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    claim = _claims(article)[0]
    assert list(claim_row(claim)) == cypher.CLAIM_PROPERTIES
    values = claim_values(claim)
    assert values[cypher.CLAIM_PROPERTIES.index("value")] == 12
    assert values[-1] == [
        ["ge-ministry-of-defence", "speaker", "وزارة الدفاع الجورجية", None],
        ["Q130879", "relay", "رويترز", 0],
    ]


def test_gc_paused_restores_the_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("a batch that fails half way")
    assert gc.isenabled()  # back on after a failure
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller that had turned it off keeps it off
    finally:
        gc.enable()


def test_store_find_claims_by_value_and_side(store) -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    store.write_article(article, _claims(article))
    found = store.find_claims(ClaimFilter(value=12))
    assert [c["speaker"]["id"] for c in found] == ["ge-ministry-of-defence"]
    assert found[0]["via"] == [{"text": "رويترز", "id": "Q130879"}]
    assert found[0]["article"] == "georgia-1"
    assert store.count_claims(ClaimFilter(side="RU")) == 1


def test_store_provenance_points_into_raw_text(store) -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    claim = _claims(article)[0]
    store.write_article(article, _claims(article))
    stored = store.find_claims(ClaimFilter(value=12))[0]
    prov = store.provenance(stored["id"])
    assert prov["span"]["text"] == TEXT[30:45] == claim.quote
    assert prov["sentence"]["text"] == TEXT[0:50]
    assert prov["article"]["name"] == "georgia-1"


def test_store_denial_becomes_a_relation(store) -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    store.write_article(article, _claims(article))
    relations = store.relations()
    assert [(r["kind"], r["reason"]) for r in relations] == [("CONTRADICTS", "denial")]


def _count(article: ArticleInput, value: int, day: str, speaker: ActorRef, group: str = "soldiers") -> Claim:
    return Claim(
        article=article.name,
        article_id=article.content_id,
        span=(30, 45),
        quote=TEXT[30:45],
        speaker=speaker,
        type="casualty",
        measure="killed",
        value=value,
        qualifier="exact",
        target=Target(side="GE", group=group),
        sentence=(0, 50),
        date=day,
    )


def test_store_candidates_keep_each_new_claims_latest_reports_of_its_speaker(store) -> None:
    ministry = ActorRef(text="وزارة الدفاع", id="ge-mod", side="GE", kind="organization")
    army = ActorRef(text="الجيش", id="ge-army", side="GE", kind="organization")
    for day in range(1, 13):  # twelve earlier reports by each speaker, one a day
        article = ArticleInput(name=f"report-{day}", text=TEXT + f" {day}")
        claims = [_count(article, day, f"2020-10-{day:02d}", ministry), _count(article, 100 + day, "2020-10-20", army)]
        store._write(store.article_statements(article, claims, "test"))
    new = ArticleInput(name="new", text=TEXT + " new")
    claims = [_count(new, 50, "2020-10-25", ministry), _count(new, 60, "2020-10-25", army)]
    found = store.candidates([c.to_interchange() for c in claims])
    stored = {c["id"]: c for c in store.find_claims(ClaimFilter(limit=100))}
    by_speaker = {}
    for claim_id in found:
        by_speaker.setdefault(stored[claim_id]["speaker"]["id"], []).append(stored[claim_id]["date"])
    # the ministry's ten latest, not its two oldest; the army's ten (same date: any ten of its twelve)
    assert sorted(by_speaker["ge-mod"]) == [f"2020-10-{d:02d}" for d in range(3, 13)]
    assert len(by_speaker["ge-army"]) == 10


def test_store_candidates_by_count_are_the_same_day_measure_and_group_or_the_whole(store) -> None:
    ministry = ActorRef(text="وزارة الدفاع", id="ge-mod", side="GE", kind="organization")
    stored = {}
    for k, (day, group) in enumerate(
        [("2020-10-05", "soldiers"), ("2020-10-05", "people"), ("2020-10-05", "tanks"), ("2020-10-06", "soldiers")]
    ):
        article = ArticleInput(name=f"r{k}", text=TEXT + f" {k}")
        claim = _count(article, 10 + k, day, ministry, group=group).model_copy(update={"speaker": None})
        store._write(store.article_statements(article, [claim], "test"))
        stored[claim.id] = (day, group)
    new = ArticleInput(name="new", text=TEXT + " new")
    unattributed = _count(new, 5, "2020-10-05", ministry).model_copy(update={"speaker": None})
    found = store.candidates([unattributed.to_interchange()])
    assert sorted(stored[i] for i in found) == [("2020-10-05", "people"), ("2020-10-05", "soldiers")]


def test_store_gives_claims_stored_before_count_keys_theirs_when_it_opens(store) -> None:
    """A graph written by an earlier version has no count keys: opening it adds them, so its counts are still found
    as candidates (a contradiction with an old claim is not missed)."""
    ministry = ActorRef(text="وزارة الدفاع", id="ge-mod", side="GE", kind="organization")
    old = ArticleInput(name="old", text=TEXT + " old")
    store._write(store.article_statements(old, [_count(old, 12, "2020-10-05", ministry)], "test"))
    store._write([("MATCH (c:Claim) REMOVE c.count_key", {})])  # as an earlier version wrote it: no key, no index
    falkordb = store.dialect.name == "falkordb"
    store._write([("DROP INDEX FOR (n:Claim) ON (n.count_key)" if falkordb else "DROP INDEX claim_count_key", {})])
    assert store.count_claims() == 1 and store._read(cypher.CLAIM_WITHOUT_COUNT_KEY)
    store.ensure_schema()
    assert not store._read(cypher.CLAIM_WITHOUT_COUNT_KEY)
    assert store._read("MATCH (c:Claim) RETURN c.count_key AS k") == [{"k": "2020-10-05|killed|soldiers"}]
    rows = store.read_only_query(store.dialect.list_indexes).rows
    indexed = {(row[0][0] if isinstance(row[0], list) else row[0], prop) for row in rows for prop in row[1]}
    assert ("Claim", "count_key") in indexed  # and the index is back
    new = ArticleInput(name="new", text=TEXT + " new")
    russia = ActorRef(text="موسكو", id="Q159", side="RU", kind="state")
    written = store.write_article(new, [_count(new, 300, "2020-10-05", russia)])
    assert written.relations == 1 and store.relations()[0]["reason"] == "conflicting_count"


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:X) RETURN n",
        "MERGE (n:X {a: 1}) RETURN n",
        "MATCH (c:Claim) SET c.value = 0 RETURN c",
        "MATCH (c:Claim) DETACH DELETE c",
        "MATCH (c:Claim) REMOVE c.value RETURN c",
        "CREATE INDEX FOR (n:X) ON (n.a)",
        "DROP INDEX FOR (c:Claim) ON (c.id)",
        "CREATE CONSTRAINT FOR (c:Claim) REQUIRE c.id IS UNIQUE",
        "CALL db.idx.fulltext.createNodeIndex('Claim', 'quote')",
        "CALL db.idx.fulltext.drop('Claim')",
        "CALL db.createIndex('x', ['X'], ['a'], 'native-btree-1.0')",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    ],
)
def test_store_user_query_cannot_write(store, query: str) -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    store.write_article(article, _claims(article))
    before = store.stats()
    indexes = store.dialect.list_indexes
    indexes_before = store.read_only_query(indexes).rows
    # An engine may refuse a write outright (ReadOnlyViolation) or not know the statement at all (QueryError, e.g.
    # FalkorDB has no CREATE CONSTRAINT in Cypher); either way nothing may change.
    with pytest.raises((ReadOnlyViolation, QueryError)):
        store.read_only_query(query)
    assert store.stats() == before
    assert store.read_only_query(indexes).rows == indexes_before
    assert store.find_claims(ClaimFilter(value=12)), "the claim must still be there, unchanged"


def test_store_user_query_row_limit(store) -> None:
    article = ArticleInput(name="georgia-1", text=TEXT)
    store.write_article(article, _claims(article))
    result = store.read_only_query("UNWIND range(1, 50) AS i RETURN i", limit=10)
    assert result.rows == [[i] for i in range(1, 11)]
    assert result.truncated


def test_store_who_claimed_a_number_groups_by_speaker(store) -> None:
    first = ArticleInput(name="georgia-1", text=TEXT, published="2020-10-01")
    store.write_article(first, [c.model_copy(update={"date": "2020-10-01"}) for c in _claims(first)])
    text = "قتل 12 جنديا في الاشتباكات بحسب مصادر.\nوقالت وزارة الدفاع الجورجية إن 12 جنديا قتلوا."
    second = ArticleInput(name="georgia-2", text=text, published="2020-10-03")
    ministry = ActorRef(text="وزارة الدفاع الجورجية", id="ge-ministry-of-defence", side="GE", kind="organization")
    restated = [
        Claim(article="georgia-2", span=(0, 14), quote=text[:14], speaker=None, type="casualty", measure="killed",
              value=12, qualifier="exact", sentence=(0, 38)),
        Claim(article="georgia-2", span=(39, 80), quote=text[39:80], speaker=ministry, type="casualty",
              measure="killed", value=12, qualifier="exact", sentence=(39, len(text))),
    ]  # fmt: skip
    store.write_article(second, [c.model_copy(update={"date": "2020-10-03"}) for c in restated])
    rows = store.who_claimed(12)
    assert [(r["speaker"], r["claims"]) for r in rows] == [("ge-ministry-of-defence", 2), (None, 1)]
    assert rows[0]["first_date"] == "2020-10-01" and rows[0]["last_date"] == "2020-10-03"
    assert len(rows[0]["claim_ids"]) == 2
    assert [r["speaker"] for r in store.who_claimed(12, limit=1)] == ["ge-ministry-of-defence"]
    assert store.who_claimed(12, measure="wounded") == [] and store.who_claimed(13) == []


def test_params_header_literals_match_the_client() -> None:
    from claimgraph.graph.falkor import _literal
    from falkordb.helpers import stringify_param_value

    for value in ['a"b\\c', "", "عربي\n«»", None, 3, 2.5, [1, "x", None], {"a": [{"b": 'q"'}], "c": 1}]:
        assert _literal(value) == stringify_param_value(value)
    assert _literal(True) == "true" and _literal([False]) == "[false]"


def test_rows_written_as_json_lists_come_back_exactly(falkordb_server) -> None:
    """Write rows go to FalkorDB as JSON arrays when they can (graph/falkor.py:_list_literal); whatever the text
    holds, the engine must read back exactly what was sent, the fallback cases included."""
    from claimgraph.graph.falkor import FalkorStore, _list_literal, _literal, _with_params_header

    texts = ['q"uote', "back\\slash", "end\\", "a\nb\tc\rd", "عربي «» \u200f", "emoji 😀", 'x{"y', ""]
    rows = [[t, k, 2.5, None, True, [t, k]] for k, t in enumerate(texts)]
    tricky = [["ctl\x01char", "\\u0041", {"a": 'm"ap'}]]
    assert _list_literal(rows) == json.dumps(rows, ensure_ascii=False, separators=(",", ":"))  # json wrote it
    for row in ([["ctl\x01char"]], [["\\u0041"]], [[{"a": 1}]], tricky):
        assert _list_literal(row) == _literal(row)  # a control character, a \\u text, a map: the fallback wrote it
    store = FalkorStore(socket=falkordb_server.socket, graph="literal-roundtrip")
    try:
        for sent in (rows, tricky):
            got = store.graph.query(_with_params_header("UNWIND $rows AS row RETURN row", {"rows": sent})).result_set
            assert [r[0] for r in got] == [[dict(v) if isinstance(v, dict) else v for v in row] for row in sent]
            store._write([("UNWIND $rows AS row CREATE (:Probe {v: row[0]})", {"rows": sent})])
        stored = sorted(r["v"] for r in store._read("MATCH (p:Probe) RETURN p.v AS v"))
        assert stored == sorted([*texts, "ctl\x01char"])
        assert store._read("MATCH (p:Probe {v: 'ctl\x01char'}) RETURN count(p) AS n") == [{"n": 1}]
    finally:
        store.graph.delete()
        store.db.connection.close()
