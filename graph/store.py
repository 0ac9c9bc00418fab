"""The store interface, at the level of the domain; engines implement four primitives underneath it."""

from __future__ import annotations

import contextlib
import gc
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from claimgraph.graph import cypher
from claimgraph.graph.candidates import DENIAL_CANDIDATES, SPEAKER_CANDIDATES, candidate_keys
from claimgraph.graph.compare import compare_new
from claimgraph.graph.dialect import Dialect
from claimgraph.graph.event_store import EventStore
from claimgraph.graph.query_guard import cap_rows, check_user_query
from claimgraph.graph.rows import batch_rows, claim_out
from claimgraph.ontology.claim import ArticleInput, Claim, Relation
from claimgraph.ontology.text import search_fold
from pydantic import BaseModel

BATCH = 1000  # rows per UNWIND
ARTICLES_PER_CHUNK = 100  # articles per UNWIND of claims (about a thousand claims)
Statement = tuple[str, dict[str, Any]]
T = TypeVar("T")


class WriteResult(BaseModel):
    """What writing one article did."""

    article_id: str
    name: str
    new: bool
    claims: int
    relations: int = 0
    existing_name: str | None = None


@dataclass
class QueryResult:
    """Rows of a read-only user query, cut at the row limit."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    elapsed_ms: float = 0.0
    engine: str = ""


@dataclass
class ClaimFilter:
    """Optional filters for finding claims; None means no filter."""

    article: str | None = None
    speaker: str | None = None
    side: str | None = None
    type: str | None = None
    measure: str | None = None
    value: int | None = None
    target_side: str | None = None
    target_group: str | None = None
    event: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    offset: int = 0
    limit: int = 100

    def given(self) -> dict[str, Any]:
        """The filters that were set (the article as a name or id; the store resolves it to an id)."""
        values = {
            "article_id": self.article,
            "speaker": self.speaker,
            "side": self.side,
            "type": self.type,
            "measure": self.measure,
            "value": self.value,
            "target_side": self.target_side,
            "target_group": self.target_group,
            "event": self.event,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "q": search_fold(self.q) if self.q else None,  # the query folds the stored text the same way
        }
        return {k: v for k, v in values.items() if v is not None}


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Turning a batch into rows allocates thousands of small lists
    and dicts, none in a reference cycle (refcounting frees them), yet each allocation burst triggers collections
    that walk every object the process holds: with a million claims in memory that doubled the time to prepare a
    batch (18 µs a claim against 8 µs). Collection resumes, with its counts intact, when the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pipelined(prepared: Iterable[T], send: Callable[[T], None]) -> int:
    """Send each item in order from a writer thread while the next is being prepared (the iterator's work runs in
    the caller's thread). Stops at the first failure, which is raised after the items before it were sent.
    Returns the number of items sent."""
    sent = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-writer") as writer:
        in_flight: Future | None = None
        for item in prepared:
            if in_flight is not None:
                in_flight.result()
                sent += 1
            in_flight = writer.submit(send, item)
        if in_flight is not None:
            in_flight.result()
            sent += 1
    return sent


LoadBatch = tuple[list[tuple[ArticleInput, list[Claim]]], list[Relation]]  # articles with claims, their relations


@dataclass
class LoadReport:
    """What ClaimStore.load sent (articles already stored are counted but not written again)."""

    method: str  # "cypher" (batches of statements) or "bulk" (FalkorDB's loader, into an empty graph)
    batches: int = 0
    articles: int = 0
    claims: int = 0

    def count(self, items: list[tuple[ArticleInput, list[Claim]]]) -> None:
        self.articles += len(items)
        self.claims += sum(len(claims) for _, claims in items)


class ClaimStore(EventStore, ABC):
    """Write articles with their claims, find claims, trace provenance, compare, gather events, and answer
    read-only queries."""

    dialect: Dialect

    # ------------------------------------------------------------------ engine primitives

    def _prepare_write(self, statements: list[Statement]) -> Any:
        """The client-side work of a write (an engine that has any overrides this), done before it is sent."""
        return statements

    @abstractmethod
    def _send_write(self, prepared: Any) -> None:
        """Run a prepared batch of statements atomically: all of it lands or none of it."""

    def _write(self, statements: list[Statement]) -> None:
        """Run all statements as one atomic batch."""
        self._send_write(self._prepare_write(statements))

    @abstractmethod
    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one of graph/cypher.py's read statements; rows as dicts keyed by column."""

    @abstractmethod
    def _user_query(self, query: str, params: dict[str, Any], timeout_ms: int, limit: int) -> QueryResult:
        """Run a user's query in the engine's own read-only mode."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an engine this store started)."""

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ schema

    def ensure_schema(self) -> None:
        """Create indexes (and constraints) once; engines report existing ones as errors, which are ignored."""
        created = []
        for statement in self.dialect.schema_statements():
            try:
                self._write([(statement, {})])
                created.append(statement)
            except Exception as err:  # noqa: BLE001 - an index that already exists is not a failure
                if "already" not in str(err).lower() and "exist" not in str(err).lower():
                    raise
        # A graph that had no count-key index was written before count keys existed: its claims get theirs. (Only
        # then: the check reads every claim when none is missing. Neo4j's IF NOT EXISTS never says, so it checks.)
        if any("count_key" in statement for statement in created) and self._read(cypher.CLAIM_WITHOUT_COUNT_KEY):
            while self._read(cypher.CLAIM_WITHOUT_COUNT_KEY):
                self._write([(cypher.BACKFILL_COUNT_KEYS, {})])
            self._checkpoint()

    def _checkpoint(self) -> None:
        """After a short write that did much work (a backfill): have the engine persist its state now, so that a
        restart does not do the work again (an engine that replays its log overrides this)."""
        return None  # Neo4j persists data, not queries: nothing to do

    # ------------------------------------------------------------------ writes

    def article_name(self, article_id: str) -> str | None:
        rows = self._read(cypher.ARTICLE_EXISTS, {"id": article_id})
        return rows[0]["name"] if rows else None

    def write_article(self, article: ArticleInput, claims: list[Claim], models: str = "") -> WriteResult:
        """Store an article and all its claims in one atomic batch; an article already stored is left as it is."""
        article_id = article.content_id
        existing = self.article_name(article_id)
        if existing is not None:
            return WriteResult(article_id=article_id, name=article.name, new=False, claims=0, existing_name=existing)
        claims = [c.model_copy(update={"article_id": article_id, "article": article.name}) for c in claims]
        relations = self.relations_for(claims, article.text)
        write_id = uuid.uuid4().hex
        events = self.event_statements([c.to_interchange() for c in claims])
        self._write(
            self.articles_statements([(article, claims)], models, write_id)
            + self.relation_statements(relations)
            + events
        )
        if self._read(cypher.ARTICLE_WRITE_ID, {"id": article_id}) != [{"write_id": write_id}]:
            # Another writer stored the same text between our check and our write: its write created the article
            # and its claims, ours created nothing (and says so, or two ingests' summaries would both count it).
            name = self.article_name(article_id)
            return WriteResult(article_id=article_id, name=article.name, new=False, claims=0, existing_name=name)
        return WriteResult(
            article_id=article_id, name=article.name, new=True, claims=len(claims), relations=len(relations)
        )

    def relations_for(self, claims: list[Claim], text: str | None = None) -> list[Relation]:
        """Relations among new claims and with stored candidates, computed before the write so both land together.
        With the article's text, a denial is read to the end of its sentence (what it denies follows the verb:
        «نفت الوزارة صحة هذه الأنباء»), whatever the span extraction gave it, and a figure keeps the words of its
        sentence before it (a part of a toll: «بينهم 24 مدنيا»)."""
        new = [c.to_interchange() for c in claims]
        if text is not None:
            for claim in new:
                if claim["type"] == "denial":
                    # to the end of its sentence, or to the next denial in it («لم تسيطر على ... ولم تسقط ...»)
                    end = min(
                        [c["span"][0] for c in new if c["type"] == "denial" and claim["span"][1] <= c["span"][0]]
                        + [max(claim["span"][1], claim["sentence"][1])]
                    )
                    claim["context"] = text[claim["span"][0] : end]
                elif claim.get("measure"):  # what opens a figure («بينهم 24 مدنيا»): graph/compare.py:partitive
                    claim["lead"] = text[min(claim["sentence"][0], claim["span"][0]) : claim["span"][0]]
        candidate_ids = self.candidates(new)
        rows = self._read(cypher.COMPARABLE_CLAIMS, {"ids": candidate_ids}) if candidate_ids else []
        stored = [claim_out({"claim": dict(zip(cypher.COMPARABLE_FIELDS, r["fields"], strict=True))}) for r in rows]
        return compare_new(new, stored)

    def article_statements(self, article: ArticleInput, claims: list[Claim], models: str) -> list[Statement]:
        """The batch that writes one article: actors, the article, its claims and their edges."""
        return self.articles_statements([(article, claims)], models)

    def articles_statements(
        self,
        items: list[tuple[ArticleInput, list[Claim]]],
        models: str,
        write_id: str | None = None,
        events: bool = False,
    ) -> list[Statement]:
        """One batch for many articles: each kind of row goes in one UNWIND (chunks of 1000), whatever its article.
        ``write_id`` marks the articles this batch creates (a fresh one if not given); with ``events``, their events
        as a load makes them (graph/events.py:load_rows)."""
        rows = batch_rows(items, models, events)
        write_id = write_id or uuid.uuid4().hex
        statements: list[Statement] = []
        statements += [(cypher.MERGE_ACTORS, {"rows": chunk}) for chunk in _chunks(list(rows.actors.values()))]
        statements += [
            (cypher.MERGE_ARTICLES, {"rows": chunk, "write_id": write_id}) for chunk in _chunks(rows.articles)
        ]
        statements += [(cypher.LINK_PUBLISHERS, {"rows": chunk}) for chunk in _chunks(rows.publishers)]
        statements += [
            (cypher.CREATE_CLAIMS, {"articles": chunk, "write_id": write_id})
            for chunk in _chunks(rows.claims, ARTICLES_PER_CHUNK)
        ]
        statements += [(cypher.LINK_DENIALS, {"rows": chunk}) for chunk in _chunks(rows.denials)]
        statements += [(cypher.MERGE_EVENTS, {"rows": chunk}) for chunk in _chunks(rows.events)]
        return statements

    @staticmethod
    def relation_statements(relations: Iterable[Relation]) -> list[Statement]:
        """MERGE statements for contradiction and corroboration edges (idempotent)."""
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for rel in relations:
            row = rel.model_dump(include={"a", "b", "reason", "explanation", "explanation_ar"})
            by_kind.setdefault(rel.kind.upper(), []).append(row)
        return [
            (cypher.MERGE_RELATIONS[kind], {"rows": chunk}) for kind, rows in by_kind.items() for chunk in _chunks(rows)
        ]

    def write_batches(self, batches: Iterable[list[Statement]]) -> int:
        """Write many batches in order, each atomically, preparing the next while the engine writes the last.

        For bulk loads (articles already extracted, relations already known): the client's work (building rows,
        writing them as query text) and the engine's then run on two cores instead of taking turns. A batch that
        fails raises here after the batches before it have landed; the ones after it are not sent.
        Returns the number of batches written.
        """
        return pipelined((self._prepare_write(statements) for statements in batches), self._send_write)

    def load(self, batches: Iterable[LoadBatch], models: str = "") -> LoadReport:
        """Load articles whose claims and relations are already known (a corpus extracted elsewhere, a benchmark's
        synthetic claims), a batch at a time, each batch atomically. Articles already stored are left as they are,
        so a load that stopped half way can be run again. Relations are stored as given, not computed."""
        report = LoadReport(method="cypher")

        def statements() -> Iterable[list[Statement]]:
            for items, relations in batches:
                report.count(items)
                with gc_paused():
                    prepared = self.articles_statements(items, models, events=True) + self.relation_statements(
                        relations
                    )
                yield prepared

        report.batches = self.write_batches(statements())
        return report

    def delete_article(self, key: str) -> bool:
        article = self.get_article(key)
        if article is None:
            return False
        self._write(
            [(cypher.DELETE_ARTICLE_EVENTS, {"id": article["id"]}), (cypher.DELETE_ARTICLE, {"id": article["id"]})]
        )
        return True

    # ------------------------------------------------------------------ reads

    def list_articles(self, offset: int = 0, limit: int = 100) -> list[dict[str, Any]]:
        return self._read(cypher.ARTICLES, {"offset": offset, "limit": limit})

    def get_article(self, key: str) -> dict[str, Any] | None:
        """An article by content id or by the name it was ingested under, with its text."""
        rows = self._read(cypher.ARTICLE, {"key": key})
        return rows[0] if rows else None

    def article_labels(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Name, headline, outlet and date of articles by content id (what a claim shows of its article)."""
        rows = self._read(cypher.ARTICLE_LABELS, {"ids": sorted(set(ids))}) if ids else []
        return {row["id"]: row for row in rows}

    def _filter_params(self, flt: ClaimFilter) -> dict[str, Any] | None:
        """Filter parameters with the article resolved to its content id; None when the article is unknown."""
        given = flt.given()
        if "article_id" in given:
            article = self.get_article(given["article_id"])
            if article is None:
                return None
            given["article_id"] = article["id"]
        return given

    def find_claims(self, flt: ClaimFilter | None = None) -> list[dict[str, Any]]:
        flt = flt or ClaimFilter()
        given = self._filter_params(flt)
        if given is None:
            return []
        params = {**given, **_fold_param(given), "offset": flt.offset, "limit": flt.limit}
        rows = self._read(cypher.find_claims(list(given)), params)
        return [claim_out(row) for row in rows]

    def count_claims(self, flt: ClaimFilter | None = None) -> int:
        given = self._filter_params(flt or ClaimFilter())
        if given is None:
            return 0
        return int(self._read(cypher.count_claims(list(given)), {**given, **_fold_param(given)})[0]["n"])

    def get_claim(self, claim_id: str) -> dict[str, Any] | None:
        rows = self._read(cypher.CLAIM_BY_ID, {"id": claim_id})
        return claim_out(rows[0]) if rows else None

    def get_claims(self, ids: list[str]) -> list[dict[str, Any]]:
        return [claim_out(row) for row in self._read(cypher.CLAIMS_BY_IDS, {"ids": ids})]

    def provenance(self, claim_id: str) -> dict[str, Any] | None:
        """Speaker → relays → article → sentence → span, with the sentence text cut from the article."""
        claim = self.get_claim(claim_id)
        if claim is None:
            return None
        article = self.get_article(claim["article_id"])
        text = article["text"] if article else ""
        return {
            "claim": claim,
            "speaker": claim["speaker"],
            "via": claim["via"],
            "article": {k: v for k, v in (article or {}).items() if k != "text"},
            "sentence": {
                "start": claim["sentence"][0],
                "end": claim["sentence"][1],
                "text": text[claim["sentence"][0] : claim["sentence"][1]],
            },
            "span": {
                "start": claim["span"][0],
                "end": claim["span"][1],
                "text": text[claim["span"][0] : claim["span"][1]],
            },
        }

    def article_claim_ids(self, article_id: str) -> list[str]:
        return [row["id"] for row in self._read(cypher.ARTICLE_CLAIM_IDS, {"article_id": article_id})]

    def candidates(self, claims: list[dict[str, Any]]) -> list[str]:
        """Ids of stored claims from other articles worth comparing with a new article's claims (all from one
        article), found through indexed keys only, in three queries whatever the number of claims."""
        if not claims:
            return []
        article_id = claims[0]["article_id"]
        keys = candidate_keys(claims)
        ids: list[str] = []
        if keys.counts:
            params = {"keys": sorted(keys.counts), "article_id": article_id}
            ids += [r["id"] for r in self._read(cypher.CANDIDATES_BY_COUNT, params)]
        if keys.series:
            params = {"queries": keys.series, "article_id": article_id, "cap": SPEAKER_CANDIDATES}
            ids += [r["id"] for r in self._read(cypher.CANDIDATES_BY_SPEAKER, params)]
        if keys.about:
            params = {"keys": sorted(keys.about), "article_id": article_id, "cap": DENIAL_CANDIDATES}
            ids += [r["id"] for r in self._read(cypher.CANDIDATES_BY_TARGET, params)]
        return list(dict.fromkeys(ids))

    def who_claimed(self, value: int, measure: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """The speakers of the claims of one number, most claims first (at most ``limit``): counts, first and last
        dates, a few claim ids each."""
        return self._read(cypher.WHO_CLAIMED, {"value": value, "measure": measure, "limit": limit})

    def relations(self, claim_id: str | None = None) -> list[dict[str, Any]]:
        if claim_id:
            return self._read(cypher.RELATIONS_OF_CLAIM, {"id": claim_id})
        return self._read(cypher.RELATIONS)

    def relations_of_articles(self, ids: list[str]) -> list[dict[str, Any]]:
        """The relations with a claim of the given articles (by content id) at either end."""
        return self._read(cypher.RELATIONS_OF_ARTICLES, {"ids": ids})

    def sources(self, claim_id: str) -> dict[str, Any] | None:
        """How many reports carry a claim and how many independent sources they come down to."""
        from claimgraph.graph.independence import source_groups

        claim = self.get_claim(claim_id)
        if claim is None:
            return None
        cluster = [claim_id] + [r["id"] for r in self._read(cypher.CORROBORATION_CLUSTER, {"id": claim_id})]
        claims = self.get_claims(list(dict.fromkeys(cluster)))
        articles = {a: self.get_article(a) or {} for a in {c["article_id"] for c in claims}}
        reports = [
            {
                "claim_id": c["id"],
                "article_id": c["article_id"],
                "article": c["article"],
                "text": articles[c["article_id"]].get("text", ""),
                "via": [v["id"] for v in c["via"]],
                "outlet": articles[c["article_id"]].get("outlet"),
            }
            for c in claims
        ]
        groups = source_groups(reports)
        return {"claim_id": claim_id, "reports": len(reports), "independent_sources": len(groups), "groups": groups}

    def relations_with_claims(self, claim_id: str | None = None) -> list[dict[str, Any]]:
        """Relations (all, or one claim's) with both claims filled in, read in one query for all claims."""
        relations = self.relations(claim_id)
        ids = sorted({r["a"] for r in relations} | {r["b"] for r in relations})
        claims = {c["id"]: c for c in self.get_claims(ids)} if ids else {}
        return [
            {
                "kind": r["kind"].lower(),
                "reason": r.get("reason"),
                "explanation": r.get("explanation"),
                "explanation_ar": r.get("explanation_ar"),
                "a": claims.get(r["a"]),
                "b": claims.get(r["b"]),
            }
            for r in relations
        ]

    def stats(self) -> dict[str, int]:
        return {name: int(self._read(query)[0]["n"]) for name, query in cypher.STATS.items()}

    def claims_by_speaker(self) -> list[dict[str, Any]]:
        return self._read(cypher.CLAIMS_BY_SPEAKER)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """An actor with its claims in time order (a speaker's figures over time)."""
        rows = self._read(cypher.ACTOR, {"id": actor_id})
        if not rows:
            return None
        claims = self.find_claims(ClaimFilter(speaker=actor_id, limit=1000))
        claims.sort(key=lambda c: (c.get("date") or "", c.get("article") or "", c["span"][0] or 0))
        timeline = [
            c for c in claims if c.get("value") is not None or c.get("qualifier") in {"dozens", "hundreds", "thousands"}
        ]
        return {"actor": rows[0]["actor"], "claims": claims, "timeline": timeline}

    def all_actors(self) -> list[dict[str, Any]]:
        return [row["actor"] for row in self._read(cypher.ALL_ACTORS)]

    def articles(self, ids: list[str]) -> list[dict[str, Any]]:
        """Articles by content id, with their text and publishing outlet."""
        rows = self._read(cypher.ARTICLES_BY_IDS, {"ids": ids})
        return [dict(row["article"], outlet_id=row["outlet_id"]) for row in rows]

    def article_ids(self, since: str | None = None) -> list[str]:
        """Content ids of every article, or of those ingested at or after ``since`` (an ISO time in UTC)."""
        if since is None:
            return [row["id"] for row in self._read(cypher.ARTICLE_IDS)]
        return [row["id"] for row in self._read(cypher.ARTICLE_IDS_SINCE, {"since": since})]

    def claims_of_articles(self, ids: list[str]) -> list[dict[str, Any]]:
        """Every claim of the given articles (by content id), with speaker and relays."""
        return [claim_out(row) for row in self._read(cypher.CLAIMS_OF_ARTICLES, {"ids": ids})]

    def read_only_query(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        timeout_ms: int = 5000,
        limit: int = 1000,
        max_bytes: int | None = None,
    ) -> QueryResult:
        """A researcher's Cypher, run read-only by the engine itself, with a time limit, a row cap and (if given) a
        cap on the bytes of its rows as JSON; either cap sets ``truncated``.

        Raises:
            ReadOnlyViolation: the query writes (the engine refused it) or reads server files (LOAD CSV).
            QueryError: any other failure (syntax, timeout).
        """
        check_user_query(query, params)  # by its tokens: LOAD CSV, range() of a billion elements
        return self._user_query_capped(query, params or {}, timeout_ms, limit, max_bytes)

    def _user_query_capped(
        self, query: str, params: dict[str, Any], timeout_ms: int, limit: int, max_bytes: int | None
    ) -> QueryResult:
        """_user_query, its rows then cut at ``max_bytes`` (an engine that can stop reading rows earlier does)."""
        result = self._user_query(query, params, timeout_ms, limit)
        if max_bytes is not None:
            result.rows, cut = cap_rows(result.rows, max_bytes)
            result.truncated = result.truncated or cut
        return result


def _fold_param(given: dict[str, Any]) -> dict[str, Any]:
    """The folding pairs a text search applies to stored text (graph/cypher.py:folded)."""
    return {"fold_pairs": cypher.FOLD_PAIRS} if "q" in given else {}


def _chunks(items: list[Any], size: int = BATCH) -> list[list[Any]]:
    return [items[k : k + size] for k in range(0, len(items), size)]
