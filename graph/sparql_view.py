"""The SPARQL view: the graph as RDF with its ontology, kept on disk (pyoxigraph) in the data directory, caught up
by article ids after ingests, rebuilt only when missing or stale, and queried in processes that can be stopped."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from claimgraph.graph.rdf import RDF, _add_from_store, _add_relations, _resource_path
from claimgraph.graph.sparql_guard import QueryForm, check_query
from claimgraph.graph.sparql_processes import QueryProcesses
from claimgraph.graph.store import ClaimStore, QueryResult
from claimgraph.ontology import NAMESPACE, ONTOLOGY_TTL, RESOURCE_BASE, hierarchy, ontology_checksum

from claimgraph.errors import NotReady, QueryError, StoreError

log = logging.getLogger(__name__)
RECENT_MARGIN = timedelta(hours=1)  # how far before its last look the view looks for new articles
VIEW_FORMAT = 5  # raised whenever the mapping to RDF changes: a view written by other code is rebuilt
_RELATION_KINDS = {NAMESPACE + "contradicts": "CONTRADICTS", NAMESPACE + "corroborates": "CORROBORATES",
                   NAMESPACE + "revisionOf": "REVISES"}  # fmt: skip


class ViewInUse(StoreError):
    """Another process (a running server) keeps this data directory's SPARQL view."""


class _QuadSink:
    """Triples as pyoxigraph terms, written into the view a few hundred thousand at a time (a million claims make
    some 30 million triples: held as Python objects all at once, they would not fit in memory). Each type and
    property also states the superclasses and superproperties the ontology gives it (RDFS entailment, made once at
    write time rather than at every query)."""

    FLUSH_EVERY = 200_000

    def __init__(self, store: Any, replacing: bool = True) -> None:
        import pyoxigraph

        self.oxi = pyoxigraph
        self.store = store
        self.replacing = replacing  # False while a full build fills an empty store: nothing held can have changed
        self.quads: list[Any] = []
        self._terms: dict[str, Any] = {}  # vocabulary terms and datatypes, made once
        classes, properties = hierarchy()
        self._type = self.term(RDF.type)
        self._up_class = {name: [self.oxi.NamedNode(up) for up in ups] for name, ups in classes.items()}
        self._up_property = {name: [self.oxi.NamedNode(up) for up in ups] for name, ups in properties.items()}

    def add(self, s: Any, p: Any, o: Any) -> None:
        quad = self.oxi.Quad
        self.quads.append(quad(s, p, o))
        if p == self._type:
            self.quads.extend(quad(s, p, up) for up in self._up_class.get(o.value, ()))
        else:
            self.quads.extend(quad(s, up, o) for up in self._up_property.get(p.value, ()))
        if len(self.quads) >= self.FLUSH_EVERY:
            self.flush()

    def drop(self, s: Any, p: Any) -> None:
        """Remove the stored values of (s, p): a joined event's days and sides are replaced, not added to. Values
        still in the buffer are this load's own (the same ones)."""
        if not self.replacing:
            return
        for quad in list(self.store.quads_for_pattern(s, p, None)):
            self.store.remove(quad)

    def flush(self) -> None:
        if self.quads:
            self.store.bulk_extend(self.quads)
            self.quads = []

    def term(self, name: Any) -> Any:
        made = self._terms.get(name)
        if made is None:
            made = self._terms[name] = self.oxi.NamedNode(str(name))
        return made

    def iri(self, kind: str, key: str) -> Any:
        return self.oxi.NamedNode(RESOURCE_BASE + _resource_path(kind, key))

    def literal(self, value: str | int, datatype: Any = None, language: str | None = None) -> Any:
        if language:
            return self.oxi.Literal(str(value), language=language)
        if datatype is not None:
            return self.oxi.Literal(str(value), datatype=self.term(datatype))
        return self.oxi.Literal(str(value))

    def blank(self) -> Any:
        return self.oxi.BlankNode()


class SparqlView:
    """The view of ``store`` kept in ``path`` (a temporary folder, removed at ``close``, when None).

    What it holds is described by ``state.json`` beside the pyoxigraph store: the graph's counts when it was last
    brought up to date, the time of that look, the view's format and the ontology's checksum. When the counts change,
    only what was added is loaded (new actors, articles with their claims, relations); a deleted article, a view
    left half-written (``dirty``) or written by another format or ontology makes it rebuild. Articles are only ever
    added whole or deleted whole and actors never change, so comparing ids is enough.

    The pyoxigraph store is opened for writing only while it is written, and then only when no query runs: queries
    open it read-only in their own processes (graph/sparql_processes.py), and pyoxigraph does not allow a reader
    beside a writer.
    """

    def __init__(self, store: ClaimStore, path: Path | None = None, slots: int = 2, memory_mb: int = 2048) -> None:
        self.store = store
        self._temporary = path is None
        self.path = Path(tempfile.mkdtemp(prefix="claimgraph-sparql-")) if path is None else Path(path)
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._owner = open(self.path / "owner.lock", "a+")  # noqa: SIM115 (held until close)
        try:
            fcntl.flock(self._owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            self._owner.close()
            raise ViewInUse(f"the SPARQL view in {self.path} is in use by another claimgraph process") from err
        self.processes = QueryProcesses(slots, memory_mb)
        self.rebuilds = 0  # full builds by this object
        self.building: tuple[int, int] | None = None  # (articles loaded, articles) while a full build runs
        state = self._read_state()
        self._version: tuple | None = tuple(map(tuple, state["version"])) if state else None
        self._since = state["since"] if state else ""  # articles ingested at or after this time may be new
        self._held: tuple[set[str], set[str], set[tuple[str, str, str]]] | None = None  # actors, articles, relations
        # One catch-up at a time (the API answers from a thread pool: two could load the same additions twice), and
        # no query process holding the store open while it is written.
        self._lock = threading.Lock()
        self._updater_guard = threading.Lock()
        self._updater: threading.Thread | None = None
        self._failure: str | None = None
        self._cond = threading.Condition()
        self._running = 0
        self._writing = False
        self._generation = 0
        self._oxi_rw: Any = None  # the store opened for writing, only while it is written

    # ------------------------------------------------------------------ state on disk

    @property
    def _store_dir(self) -> Path:
        return self.path / "store"

    def _read_state(self) -> dict[str, Any] | None:
        """The state of a complete view of this format and ontology, or None (missing, half-written or stale)."""
        try:
            state = json.loads((self.path / "state.json").read_text())
        except (OSError, ValueError):
            return None
        fits = state.get("format") == VIEW_FORMAT and state.get("ontology") == ontology_checksum()
        return state if fits and not state.get("dirty") and self._store_dir.exists() else None

    def _write_state(self, **state: Any) -> None:
        state = {"format": VIEW_FORMAT, "ontology": ontology_checksum(), **state}
        tmp = self.path / "state.json.tmp"
        tmp.write_text(json.dumps(state))
        os.replace(tmp, self.path / "state.json")

    # ------------------------------------------------------------------ keeping up with the graph

    def warm(self) -> None:
        """Bring the view up to date and start the query processes (the API server runs this in a thread, so that
        researchers do not wait for a big graph's first build at their first query). Failures are logged: the next
        query tries again."""
        try:
            self.update()
            self.processes.start()
            # One process opens the store now (a big store's files take a moment to open): idle processes are
            # taken last-in first-out, so the next query finds this one.
            self.query("ASK { ?s ?p ?o }")
        except Exception:
            log.exception("the SPARQL view could not be built; queries will try again")

    def update(self) -> None:
        """Bring the view up to date now, however long it takes (the command line's queries wait for it)."""
        self._fresh(wait_s=None)

    def _fresh(self, wait_s: float | None) -> None:
        """Bring the view up to date: here when ``wait_s`` is None; else in an updater thread (one at a time) that a
        query waits for up to ``wait_s``, then NotReady says how far it has come. A long update (the first build, a
        rebuild after a deletion, a catch-up after a bulk load) then goes on without holding the request."""
        if wait_s is None:
            with self._lock:
                self._fresh_locked()
            return
        with self._updater_guard:
            updater = self._updater
            if updater is None or not updater.is_alive():
                if self._lock.acquire(blocking=False):  # else warm() is at work: wait for it through an updater
                    try:
                        if tuple(sorted(self.store.stats().items())) == self._version:
                            return
                    finally:
                        self._lock.release()
                updater = self._updater = threading.Thread(target=self._update, name="claimgraph-sparql-update")
                updater.daemon = True
                updater.start()
        updater.join(wait_s)
        if updater.is_alive():
            done, total = self.building or (0, 0)
            progress = f": {done:,} of {total:,} articles loaded" if total else ""
            raise NotReady(f"the SPARQL view of the graph is being built{progress}; try again shortly")
        if self._failure:
            raise NotReady(f"the SPARQL view could not be brought up to date ({self._failure}); try again shortly")

    def _update(self) -> None:
        try:
            with self._lock:
                self._fresh_locked()
            self._failure = None
        except Exception as err:
            log.exception("the SPARQL view could not be brought up to date")
            self._failure = str(err) or type(err).__name__

    def _fresh_locked(self) -> None:
        stats = self.store.stats()
        version = tuple(sorted(stats.items()))
        if version == self._version:
            return
        checked_at = datetime.now(UTC)
        self._begin_write()
        try:
            if self._version is None:  # nothing usable on disk
                self._rebuild(set(self.store.article_ids()))
            else:
                self._open()
                if self._held is None:
                    self._held = _held_in(self._oxi_rw)
                articles = self._held[1]
                # Usually the graph only grew: the articles ingested since the last look (with an hour's margin for
                # writes prepared before it) are the new ones, found without reading every id (0.35 s at 1M
                # claims). When the counts do not add up (a deletion, or a write racing this look), every id is
                # compared.
                recent = set(self.store.article_ids(since=self._since)) - articles
                same_articles = not recent and stats["articles"] == len(articles)
                if same_articles and stats.get("events") != dict(self._version).get("events"):
                    # Events changed with no article added or deleted: a merge was split, claims moved to another.
                    self._rebuild(set(self.store.article_ids()))
                elif len(articles) + len(recent) == stats["articles"]:
                    self._add(recent)
                else:
                    article_ids = set(self.store.article_ids())
                    if articles <= article_ids:
                        self._add(article_ids - articles)
                    else:
                        self._rebuild(article_ids)
            self._since = (checked_at - RECENT_MARGIN).isoformat(timespec="seconds")
            # The counts are read before the ids: a write in between is seen now, and again (as nothing) next time.
            self._version = version
            self._write_state(version=[list(item) for item in version], since=self._since)
        except BaseException:
            self._version, self._held = None, None  # what was half-written is not known: rebuild next time
            raise
        finally:
            self._end_write()

    def _begin_write(self) -> None:
        with self._cond:
            self._writing = True
            while self._running:
                self._cond.wait()
        self.processes.release_view()
        self._write_state(dirty=True, version=[], since="")  # a crash from here on leaves a view to rebuild

    def _end_write(self) -> None:
        self._oxi_rw = None  # closes the store: readers may open it again
        with self._cond:
            self._writing = False
            self._generation += 1
            self._cond.notify_all()

    def _open(self) -> None:
        import pyoxigraph

        self._oxi_rw = pyoxigraph.Store(str(self._store_dir))

    def _rebuild(self, article_ids: set[str]) -> None:
        import pyoxigraph

        self._oxi_rw = None
        shutil.rmtree(self._store_dir, ignore_errors=True)
        self._open()
        self._oxi_rw.bulk_load(path=str(ONTOLOGY_TTL), format=pyoxigraph.RdfFormat.TURTLE)
        self._held = (set(), set(), set())
        total = len(article_ids)
        self.building = (0, total)
        try:
            self._add(article_ids, progress=lambda done: setattr(self, "building", (done, total)), fresh=True)
        finally:
            self.building = None
        self.rebuilds += 1

    def _add(self, new_articles: set[str], progress: Callable[[int], None] | None = None, fresh: bool = False) -> None:
        """Load into the view what it does not hold yet: actors, the given articles with their claims and events,
        relations (``fresh``: into an empty store)."""
        assert self._held is not None, "the view's holdings are read before anything is added"
        actors, articles, relations = self._held
        g = _QuadSink(self._oxi_rw, replacing=not fresh)
        _add_from_store(g, self.store, sorted(new_articles), actors, relations, progress)
        if not new_articles:  # the counts changed with no new article: relations loaded on their own (store.load)
            _add_relations(g, self.store.relations(), relations)
        g.flush()
        self._oxi_rw.flush()
        articles |= new_articles

    # ------------------------------------------------------------------ queries

    def protocol(
        self,
        sparql: str,
        choose: Callable[[QueryForm], str],
        limit: int = 1000,
        max_bytes: int = 10_000_000,
        timeout_ms: int = 10_000,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        cancelled: threading.Event | None = None,
    ) -> tuple[bytes, str, bool]:
        """The SPARQL 1.1 Protocol answer: (body, media type, truncated). ``choose`` turns the query's form into a
        format (graph/sparql_results.py) or raises (406); rows are cut at ``limit`` and at ``max_bytes``."""
        fmt = choose(check_query(sparql))
        request = {"query": sparql, "fmt": fmt, "graph_fmt": fmt, "limit": limit, "max_bytes": max_bytes,
                   "table": False, "default_graph": default_graph, "named_graphs": named_graphs}  # fmt: skip
        _, body, media, truncated = self._run(request, timeout_ms, cancelled)
        return body, media, truncated

    def query(self, sparql: str, limit: int = 1000, timeout_ms: int = 10_000) -> QueryResult:
        """A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE as a table (the command line's); refused like the endpoint's
        queries when it would write or reach outside the graph."""
        check_query(sparql)
        started = time.perf_counter()
        request = {"query": sparql, "limit": limit, "max_bytes": 0, "table": True}
        _, columns, rows, truncated = self._run(request, timeout_ms, None)
        return QueryResult(columns, rows, truncated, round((time.perf_counter() - started) * 1000, 2), "pyoxigraph")

    def _run(self, request: dict[str, Any], timeout_ms: int, cancelled: threading.Event | None) -> tuple:
        """Bring the view up to date (not the query's time: a build cut short would only be redone; it waits up to
        the time limit for a build running in another thread), then run the query in a query process."""
        timeout_s = timeout_ms / 1000
        self._fresh(wait_s=timeout_s)
        with self._cond:
            if not self._cond.wait_for(lambda: not self._writing, timeout=timeout_s):
                raise NotReady("the SPARQL view of the graph is being updated; try again shortly", retry_after_s=2)
            self._running += 1
            generation = self._generation
        try:
            request = {**request, "path": str(self._store_dir), "generation": generation}
            reply = self.processes.run(request, timeout_s, cancelled)
        finally:
            with self._cond:
                self._running -= 1
                self._cond.notify_all()
        if reply[0] == "error":
            raise QueryError(f"SPARQL syntax error: {reply[2]}" if reply[1] == "syntax" else reply[2])
        return reply

    def close(self) -> None:
        self.processes.close()
        self._oxi_rw = None
        self._owner.close()  # releases the lock
        if self._temporary:
            shutil.rmtree(self.path, ignore_errors=True)


def _held_in(oxi: Any) -> tuple[set[str], set[str], set[tuple[str, str, str]]]:
    """The actors, articles and relations a view on disk holds (read once after a restart, before its first
    catch-up), by the ids the store uses."""

    def ids(kind: str, query: str) -> set[str]:
        prefix = RESOURCE_BASE + kind + "/"
        return {unquote(row[0].value.removeprefix(prefix)) for row in oxi.query(query)}

    cg = f"PREFIX cg: <{NAMESPACE}> "
    actors = ids("actor", cg + "SELECT ?a WHERE { ?a a cg:Actor }")
    articles = ids("article", cg + "SELECT ?a WHERE { ?a a cg:Article }")

    def claim(term: Any) -> str:
        return unquote(term.value.removeprefix(RESOURCE_BASE + "claim/"))

    relations = {
        (_RELATION_KINDS[row[1].value], claim(row[0]), claim(row[2]))
        for row in oxi.query(
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT ?s ?p ?o "
            "WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"
        )
        if row[1].value in _RELATION_KINDS
    }
    return actors, articles, relations
