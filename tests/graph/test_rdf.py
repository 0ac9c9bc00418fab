"""The SPARQL view follows the graph: what is added is loaded into it, a deletion rebuilds it."""

from __future__ import annotations

import threading
import time

import pyoxigraph
import pytest
from claimgraph.graph import rdf
from claimgraph.graph.sparql_view import SparqlView
from claimgraph.ontology import NAMESPACE

from claimgraph.errors import NotReady
from tests.graph.test_bulk import _batches

PREFIX = f"PREFIX cg: <{NAMESPACE}> "


def _count(view: SparqlView, pattern: str) -> int:
    """The count, once the view is up to date (waiting for the update however long it takes, as the command line
    does: a slow engine must not turn into a 503 here)."""
    view.update()
    return int(view.query(PREFIX + f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}").rows[0][0])


@pytest.fixture
def views():
    """SPARQL views made by a test, closed at its end (each has query processes and a temporary folder)."""
    made: list[SparqlView] = []

    def make(store, **kwargs) -> SparqlView:
        made.append(SparqlView(store, **kwargs))
        return made[-1]

    yield make
    for view in made:
        view.close()


def _held(view: SparqlView) -> pyoxigraph.Store:
    """What the view holds on disk (opened read-only: no query process writes, and the view is not being written)."""
    return pyoxigraph.Store.read_only(str(view._store_dir))


def _named_triples(store: pyoxigraph.Store) -> set[str]:
    """The store's triples as N-Triples lines, those with a blank node (a relation's reification, the ontology's
    lists) left out."""
    text = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).decode()
    return {line for line in text.splitlines() if "_:" not in line}


def _full_build(store, views) -> pyoxigraph.Store:
    view = views(store)
    view.update()
    return _held(view)


def test_sparql_view_loads_what_was_added_and_rebuilds_after_a_deletion(store, views) -> None:
    batches = _batches(batches=2)
    store.load(batches[:1], "test")
    view = views(store)
    assert _count(view, "?c a cg:Claim") == 6
    assert view.rebuilds == 1

    store.load(batches[1:], "test")  # new articles, and contradictions with claims already in the view
    assert _count(view, "?c a cg:Claim") == 12
    assert _count(view, "?a cg:contradicts ?b") == store.stats()["contradictions"] == 5
    assert view.rebuilds == 1  # loaded what was new, not everything again
    full = _full_build(store, views)
    assert _named_triples(_held(view)) == _named_triples(full)
    assert len(_held(view)) == len(full)  # and as many reified relations

    assert _count(view, "?c a cg:Claim") == 12 and view.rebuilds == 1  # nothing changed: nothing read
    store.delete_article("report-0")
    assert _count(view, "?c a cg:Claim") == 10
    assert view.rebuilds == 2
    assert _named_triples(_held(view)) == _named_triples(_full_build(store, views))


def test_sparql_view_brought_up_to_date_by_one_query_at_a_time(store, views, monkeypatch) -> None:
    """The API runs queries in threads: two at once after a change must not both load the additions."""
    batches = _batches(batches=2)
    store.load(batches[:1], "test")
    view = views(store)
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
    assert len(_held(view)) == len(_full_build(store, views))


def test_sparql_view_being_built_answers_not_ready_with_progress_then_answers(store, views, monkeypatch) -> None:
    """A query that comes during a long first build (a big graph, just started) waits up to its time limit, then is
    told how far the build has come instead of hanging."""
    store.load(_batches(batches=1), "test")
    view = views(store)
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


def test_sparql_view_finds_new_articles_by_time_and_falls_back_to_every_id(store, views, monkeypatch) -> None:
    batches = _batches(batches=3)
    store.load(batches[:1], "test")
    view = views(store)
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
    assert _named_triples(_held(view)) == _named_triples(_full_build(store, views))


def test_sparql_view_reopened_from_disk_is_not_rebuilt_and_catches_up(store, views, tmp_path) -> None:
    """A server restart reopens the view in the data directory: no rebuild; an ingest since is loaded by ids."""
    from claimgraph.graph import sparql_view

    batches = _batches(batches=3)
    store.load(batches[:1], "test")
    first = views(store, path=tmp_path / "sparql")
    assert _count(first, "?c a cg:Claim") == 6 and first.rebuilds == 1
    first.close()

    again = views(store, path=tmp_path / "sparql")
    assert _count(again, "?c a cg:Claim") == 6
    assert again.rebuilds == 0  # read from disk as it was
    store.load(batches[1:2], "test")
    assert _count(again, "?c a cg:Claim") == 12 and again.rebuilds == 0
    again.close()

    store.load(batches[2:], "test")  # written while no server ran
    third = views(store, path=tmp_path / "sparql")
    assert _count(third, "?c a cg:Claim") == 18 and third.rebuilds == 0
    assert _named_triples(_held(third)) == _named_triples(_full_build(store, views))
    assert len(_held(third)) == len(_full_build(store, views))  # relations not loaded twice
    third.close()

    state = tmp_path / "sparql" / "state.json"
    state.write_text(state.read_text().replace('"dirty": false', '"dirty": true').replace("{", '{"dirty": true, ', 1))
    half_written = views(store, path=tmp_path / "sparql")
    assert _count(half_written, "?c a cg:Claim") == 18 and half_written.rebuilds == 1
    half_written.close()

    original = sparql_view.ontology_checksum
    try:
        sparql_view.ontology_checksum = lambda: "another ontology"
        changed = views(store, path=tmp_path / "sparql")
        assert _count(changed, "?c a cg:Claim") == 18 and changed.rebuilds == 1
    finally:
        sparql_view.ontology_checksum = original


def test_sparql_view_kept_by_one_process_at_a_time(store, views, tmp_path) -> None:
    from claimgraph.graph.sparql_view import ViewInUse

    views(store, path=tmp_path / "sparql")
    with pytest.raises(ViewInUse):
        views(store, path=tmp_path / "sparql")


def test_sparql_view_rebuild_started_by_a_query_goes_on_without_holding_it(store, views, monkeypatch) -> None:
    """After a deletion the view rebuilds (minutes at a million claims): the query that found it out is answered
    503 at its time limit while the rebuild goes on in the background, and a later query gets the result."""
    store.load(_batches(batches=2), "test")
    view = views(store)
    assert _count(view, "?c a cg:Claim") == 12
    store.delete_article("report-0")
    add_claim = rdf._add_claim

    def slow_add_claim(*args, **kwargs):
        time.sleep(0.1)
        return add_claim(*args, **kwargs)

    monkeypatch.setattr(rdf, "_add_claim", slow_add_claim)
    started = time.monotonic()
    with pytest.raises(NotReady, match="being built"):
        view.query(PREFIX + "ASK { ?c a cg:Claim }", timeout_ms=200)
    assert time.monotonic() - started < 2
    view._updater.join(30)
    assert _count(view, "?c a cg:Claim") == 10 and view.rebuilds == 2
