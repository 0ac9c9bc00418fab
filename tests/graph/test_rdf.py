"""The SPARQL view follows the graph: what is added is loaded into it, a deletion rebuilds it."""

from __future__ import annotations

import threading
import time

import pyoxigraph
import pytest
from claimgraph.graph import rdf
from claimgraph.graph.rdf import SparqlView, build_graph
from claimgraph.ontology import NAMESPACE

from claimgraph.errors import NotReady
from tests.graph.test_bulk import _batches

PREFIX = f"PREFIX cg: <{NAMESPACE}> "


def _count(view: SparqlView, pattern: str) -> int:
    return int(view.query(PREFIX + f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}").rows[0][0])


def _named_triples(store: pyoxigraph.Store) -> set[str]:
    """The store's triples as N-Triples lines, those with a blank node (a relation's reification) left out."""
    text = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).decode()
    return {line for line in text.splitlines() if "_:" not in line}


def _full_build(store) -> pyoxigraph.Store:
    full = pyoxigraph.Store()
    full.load(build_graph(store).serialize(format="nt").encode(), pyoxigraph.RdfFormat.N_TRIPLES)
    return full


def test_sparql_view_loads_what_was_added_and_rebuilds_after_a_deletion(store) -> None:
    batches = _batches(batches=2)
    store.load(batches[:1], "test")
    view = SparqlView(store)
    assert _count(view, "?c a cg:Claim") == 6
    assert view.rebuilds == 1

    store.load(batches[1:], "test")  # new articles, and contradictions with claims already in the view
    assert _count(view, "?c a cg:Claim") == 12
    assert _count(view, "?a cg:contradicts ?b") == store.stats()["contradictions"] == 5
    assert view.rebuilds == 1  # loaded what was new, not everything again
    full = _full_build(store)
    assert _named_triples(view._oxi) == _named_triples(full)
    assert len(view._oxi) == len(full)  # and as many reified relations

    assert _count(view, "?c a cg:Claim") == 12 and view.rebuilds == 1  # nothing changed: nothing read
    store.delete_article("report-0")
    assert _count(view, "?c a cg:Claim") == 10
    assert view.rebuilds == 2
    assert _named_triples(view._oxi) == _named_triples(_full_build(store))


def test_sparql_view_brought_up_to_date_by_one_query_at_a_time(store, monkeypatch) -> None:
    """The API runs queries in threads: two at once after a change must not both load the additions."""
    batches = _batches(batches=2)
    store.load(batches[:1], "test")
    view = SparqlView(store)
    _count(view, "?c a cg:Claim")
    store.load(batches[1:], "test")
    add_relation = rdf._add_relation

    def slow_add_relation(*args, **kwargs):
        time.sleep(0.1)  # both queries are inside the update at the same time, unless one waits for the other
        return add_relation(*args, **kwargs)

    monkeypatch.setattr(rdf, "_add_relation", slow_add_relation)
    threads = [threading.Thread(target=_count, args=(view, "?c a cg:Claim")) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(view._oxi) == len(_full_build(store))


def test_sparql_view_being_built_answers_not_ready_with_progress_then_answers(store, monkeypatch) -> None:
    """A query that comes during a long first build (a big graph, just started) waits up to its time limit, then is
    told how far the build has come instead of hanging."""
    store.load(_batches(batches=1), "test")
    view = SparqlView(store)
    started = threading.Event()
    add_claim = rdf._add_claim

    def slow_add_claim(*args, **kwargs):
        started.set()
        time.sleep(0.2)
        return add_claim(*args, **kwargs)

    monkeypatch.setattr(rdf, "_add_claim", slow_add_claim)
    builder = threading.Thread(target=view.warm)
    builder.start()
    assert started.wait(5)
    with pytest.raises(NotReady, match=r"being built: 0 of 3 articles loaded"):
        view.query(PREFIX + "ASK { ?c a cg:Claim }", timeout_ms=50)
    builder.join()
    assert _count(view, "?c a cg:Claim") == 6
    assert view.rebuilds == 1 and view.building is None  # the query after it did not build again


def test_sparql_view_finds_new_articles_by_time_and_falls_back_to_every_id(store, monkeypatch) -> None:
    batches = _batches(batches=3)
    store.load(batches[:1], "test")
    view = SparqlView(store)
    _count(view, "?c a cg:Claim")
    calls = []
    article_ids = store.article_ids
    monkeypatch.setattr(store, "article_ids", lambda since=None: calls.append(since) or article_ids(since))

    store.load(batches[1:2], "test")
    assert _count(view, "?c a cg:Claim") == 12
    assert len(calls) == 1 and calls[0]  # the recent articles only, not every id

    calls.clear()
    view._since = "9999-01-01T00:00:00+00:00"  # as if the new article had been written long before the last look
    store.load(batches[2:], "test")
    assert _count(view, "?c a cg:Claim") == 18  # found all the same: the counts did not add up
    assert calls == ["9999-01-01T00:00:00+00:00", None]
    assert view.rebuilds == 1
    assert _named_triples(view._oxi) == _named_triples(_full_build(store))
