"""What the embedded engine wrote survives a restart, however big the batch (regression: FalkorDB 4.16 aborted
when replaying a large MULTI/EXEC block from its append-only file, so writes are single atomic queries now)."""

from __future__ import annotations

from claimgraph.graph.falkor import FalkorStore, combine_statements
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target


def test_durability_big_article_survives_restart(tmp_path) -> None:
    n = 1500  # two chunks of claim rows: the batch size that crashed the engine's replay
    article = ArticleInput(name="big", text="قالت وزارة الدفاع إن جنودا قتلوا. " * (n + 5))
    outlet = ActorRef(text="رويترز", id="Q130879", side="MEDIA", kind="outlet")
    claims = [
        Claim(
            article="big",
            span=(k * 10, k * 10 + 10),
            quote=article.text[k * 10 : k * 10 + 10],
            speaker=ActorRef(text=f"x{k % 40}", id=f"speaker-{k % 40}", side="AM", kind="organization"),
            via=[outlet],
            type="casualty",
            measure="killed",
            value=k,
            qualifier="exact",
            target=Target(side="AM", group="soldiers"),
            sentence=(0, 30),
            date="2020-01-01",
        )
        for k in range(n)
    ]
    with FalkorStore.embedded(tmp_path / "data") as store:
        store.write_article(article, claims)
    with FalkorStore.embedded(tmp_path / "data") as store:  # a new server replays the append-only file
        stats = store.stats()
    assert (stats["articles"], stats["claims"], stats["actors"]) == (1, n, 41)
    assert "ASSERTION" not in (tmp_path / "data" / "falkordb.log").read_text()


def test_durability_statements_combine_into_one_query() -> None:
    query, params = combine_statements(
        [
            ("UNWIND $rows AS r MERGE (:A {id: r})", {"rows": [1]}),
            ("UNWIND $rows AS r MERGE (:B {id: r})", {"rows": []}),
        ]
    )
    assert query.count("WITH count(*)") == 1
    assert params == {"s0_rows": [1], "s1_rows": []}
    assert "$s0_rows" in query and "$s1_rows" in query
