"""ClaimStore.load: FalkorDB's bulk loader into an empty graph stores exactly what the Cypher path stores."""

from __future__ import annotations

import pytest
from claimgraph.graph.event_store import EventFilter
from claimgraph.graph.falkor import FalkorStore
from claimgraph.graph.store import ClaimFilter, ClaimStore
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Relation, Target

from claimgraph.errors import StoreError

MINISTRY = ActorRef(text="وزارة الدفاع الأذربيجانية", id="az-mod", side="AZ", kind="organization")
YEREVAN = ActorRef(text="يريفان", id="Q1953", side="AM", kind="state")
AGENCY = ActorRef(text="رويترز", id="Q130879", side="MEDIA", kind="outlet")


def _batches(articles_per_batch: int = 3, batches: int = 3) -> list:
    out, previous = [], None
    for b in range(batches):
        items, relations = [], []
        for k in range(articles_per_batch):
            n = b * articles_per_batch + k
            text = f"قالت الوزارة إن {n + 10} جنديا قتلوا.\nونفت يريفان ذلك في التقرير {n}."
            article = ArticleInput(name=f"report-{n}", text=text, outlet="وكالة الأنباء", headline=f"عنوان {n}")
            count = Claim(
                article=article.name,
                span=(0, 20),
                quote=text[:20],
                speaker=MINISTRY,
                via=[AGENCY] if n % 2 else [],
                type="casualty",
                measure="killed",
                value=n + 10,
                qualifier="exact",
                target=Target(side="AM", group="soldiers"),
                sentence=(0, 34),
                date="2020-10-0" + str(1 + n % 5),
                cue="قالت",
                event="clash",
                place="قره باغ" if n % 3 else None,
            )
            denial = Claim(
                article=article.name,
                span=(35, 50),
                quote=text[35:50],
                speaker=YEREVAN,
                type="denial",
                denies=(0, 20),
                sentence=(35, len(text)),
            )
            claims = [c.model_copy(update={"article_id": article.content_id}) for c in (count, denial)]
            items.append((article, claims))
            if previous is not None:
                relations.append(
                    Relation(kind="contradicts", reason="conflicting_count", a=claims[0].id, b=previous, explanation="")
                )
            previous = claims[0].id
        # a relation to a claim that is not stored is not made, on either path
        relations.append(Relation(kind="corroborates", reason="same_statement", a=previous, b="0" * 32, explanation=""))
        out.append((items, relations))
    return out


def _everything(store: ClaimStore) -> dict:
    claims = sorted(store.find_claims(ClaimFilter(limit=1000)), key=lambda c: c["id"])
    stored = sorted(store.articles(store.article_ids()), key=lambda a: a["id"])
    articles = [{k: v for k, v in a.items() if k not in {"ingested_at", "write_id"}} for a in stored]
    edges = store.read_only_query("MATCH (a)-[r]->(b) RETURN type(r), count(r) ORDER BY type(r)").rows
    return {
        "stats": store.stats(),
        "claims": claims,
        "articles": articles,
        "actors": store.all_actors(),
        "relations": sorted(tuple(sorted(r.items())) for r in store.relations()),
        "edge properties": store.read_only_query(
            "MATCH (c:Claim)-[r:CLAIMED_BY|RELAYED_BY]->(x:Actor) RETURN c.id, type(r), properties(r), x.id "
            "ORDER BY c.id, type(r)"
        ).rows,
        "edges": edges,
        "who": store.who_claimed(12),
        "events": sorted(
            tuple(sorted((k, str(v)) for k, v in e.items())) for e in store.list_events(EventFilter(limit=100))
        ),
    }


@pytest.fixture
def two_graphs(falkordb_server):
    stores = [FalkorStore(socket=falkordb_server.socket, graph=name) for name in ("load-bulk", "load-cypher")]
    yield stores
    for store in stores:
        store.graph.delete()
        store.close()


def test_bulk_load_stores_what_the_cypher_path_stores(two_graphs) -> None:
    bulk, by_cypher = two_graphs
    assert bulk.load(_batches(), "test").method == "bulk"
    assert ClaimStore.load(by_cypher, _batches(), "test").method == "cypher"
    got, expected = _everything(bulk), _everything(by_cypher)
    assert expected["stats"] == {
        "articles": 9,
        "claims": 18,
        "actors": 4,
        "contradictions": 8,
        "corroborations": 0,
        "revisions": 0,
        "events": 8,  # one a day at the place (five days), one for each of the three reports that name no place
    }
    assert [e[0] for e in expected["edges"]] == [
        "ABOUT",
        "CLAIMED_BY",
        "CONTRADICTS",
        "DENIES",
        "PUBLISHED_BY",
        "RELAYED_BY",
        "REPORTED_IN",
    ]
    for part in expected:
        assert got[part] == expected[part], part
    # the indexes were built and are used: the graph answers through them
    assert bulk.find_claims(ClaimFilter(value=12))[0]["speaker"]["id"] == "az-mod"
    plan = "\n".join(map(str, bulk.graph.explain("MATCH (c:Claim {value: 12}) RETURN c")))
    assert "Index Scan" in plan


def test_load_into_a_graph_that_holds_data_goes_through_cypher_and_skips_what_is_stored(two_graphs) -> None:
    store, _ = two_graphs
    batches = _batches()
    store.load(batches[:2], "test")  # a load that stopped after two batches
    again = store.load(batches, "test")  # run again from the start
    assert again.method == "cypher"
    assert (store.stats()["articles"], store.stats()["claims"]) == (9, 18)
    assert store.stats()["contradictions"] == 8


def test_bulk_load_refuses_a_nul_character_and_leaves_a_working_empty_graph(two_graphs) -> None:
    store, _ = two_graphs
    batches = _batches(batches=1)
    article, claims = batches[0][0][0]
    claims[0] = claims[0].model_copy(update={"quote": "nul\x00here"})
    with pytest.raises(StoreError, match="NUL"):
        store.load(batches, "test")
    assert store.stats()["claims"] == 0
    assert store.load(_batches(batches=1), "test").method == "bulk"
    assert store.stats()["claims"] == 6
