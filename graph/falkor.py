"""ClaimStore on FalkorDB: the native client over the embedded engine's unix socket (graph/falkor_engine.py)."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimgraph.graph import cypher
from claimgraph.graph.dialect import FALKORDB
from claimgraph.graph.falkor_bulk import BulkWriter
from claimgraph.graph.falkor_engine import BACKGROUND_WORK, EmbeddedFalkorDB, EngineLimits, wait_for_background
from claimgraph.graph.query_guard import row_bytes
from claimgraph.graph.rows import batch_rows
from claimgraph.graph.store import (
    ClaimStore,
    LoadBatch,
    LoadReport,
    QueryResult,
    Statement,
    gc_paused,
    pipelined,
)

from claimgraph.errors import EngineUnavailable, QueryError, ReadOnlyViolation, StoreError

log = logging.getLogger(__name__)
GRAPH_NAME = "claimgraph"
# Queries only FalkorDB runs (graph/cypher.py holds what both engines run): index build status, its own node numbers
# (to check a bulk load's), and a node count.
INDEX_STATUS = "CALL db.indexes() YIELD label, status RETURN label, status"
CLAIM_NODE_IDS = "UNWIND $ids AS cid MATCH (c:Claim {id: cid}) RETURN c.id AS id, id(c) AS node"
NODE_COUNT = "MATCH (n) RETURN count(n) AS n"
# Plan operations a user query may not contain, whatever its text looks like (the engine's own reading of it).
_REFUSED_OPERATIONS = ("Load CSV",)


class FalkorStore(ClaimStore):
    """ClaimStore on FalkorDB, spoken to with the native client over the server's unix socket."""

    dialect = FALKORDB

    def __init__(
        self,
        socket: Path | str | None = None,
        host: str | None = None,
        port: int | None = None,
        server: EmbeddedFalkorDB | None = None,
        graph: str = GRAPH_NAME,
    ) -> None:
        from falkordb import FalkorDB

        self.server = server
        if socket is None and host is None and server is not None:
            socket = server.socket
        kwargs: dict[str, Any] = {"unix_socket_path": str(socket)} if socket else {"host": host, "port": port}
        self.db = FalkorDB(**kwargs)
        self.graph_name = graph
        self.graph = self.db.select_graph(graph)
        self.ensure_schema()

    @classmethod
    def embedded(cls, data_dir: Path, limits: EngineLimits | None = None) -> FalkorStore:
        """Start (or share) the embedded server for ``data_dir`` and connect to it."""
        server = EmbeddedFalkorDB(data_dir, limits)
        server.start()
        try:
            return cls(server=server)
        except Exception:
            server.stop()
            raise

    def supervise(self, interval_s: float = 0.5) -> threading.Event:
        """Watch the embedded engine from a background thread and start it again if it dies (a server must outlive
        its engine: in between, requests get 503 through EngineUnavailable). Set the returned event to stop."""
        stopping = threading.Event()
        server = self.server
        if server is None:
            return stopping

        def watch() -> None:
            while not stopping.wait(interval_s):
                try:
                    if not server.alive() and server.restart():
                        log.warning("the FalkorDB engine was restarted")
                except Exception:  # noqa: BLE001 - keep watching; the next round tries again
                    log.exception("could not restart the FalkorDB engine")

        threading.Thread(target=watch, name="claimgraph-engine-watch", daemon=True).start()
        return stopping

    def close(self) -> None:
        try:
            self.db.connection.close()
        finally:
            if self.server is not None:
                self.server.stop()

    def _prepare_write(self, statements: list[Statement]) -> str:
        # One GRAPH.QUERY per batch: FalkorDB runs a query atomically, so the whole batch lands or none of it.
        # Not MULTI/EXEC: FalkorDB 4.16 aborts (assertion '!server.in_exec') when it replays a large MULTI block
        # from the append-only file at start, so a big batch written that way made the data unreadable.
        # Not _literal_safe: writes carry whole articles (checking every string would cost as much as sending
        # them), and their text was checked for NUL characters when it was read (extract/reader.check_text).
        return _with_params_header(*combine_statements(statements))

    def _checkpoint(self) -> None:
        # The append-only file holds queries, not data: a one-line backfill would be replayed (scanning every claim)
        # at each start until the file is rewritten as a snapshot. Stopping rewrites it only after a lot of text.
        import redis

        with contextlib.suppress(redis.RedisError):  # a rewrite already running (or scheduled) will do
            self.db.connection.bgrewriteaof()

    def _send_write(self, prepared: str) -> None:
        import redis

        try:
            self.graph.query(prepared)
        except redis.ResponseError as err:
            raise StoreError(f"FalkorDB rejected a write: {err}") from err
        except (redis.ConnectionError, redis.TimeoutError, OSError) as err:
            raise _unavailable(err) from err

    def load(self, batches: Iterable[LoadBatch], models: str = "") -> LoadReport:
        """Into an empty graph, through FalkorDB's bulk loader (graph/falkor_bulk.py), indexes created after the first
        batch; into a graph that holds anything, through Cypher like any write (ClaimStore.load).

        A bulk load expects no other writer on the graph: between the emptiness check and the first batch, a write
        from elsewhere would be lost (a write after that makes the load fail, as the graph then exists)."""
        if self._read(cypher.ANY_NODE):
            return super().load(batches, models)
        report = LoadReport(method="bulk")
        writer = BulkWriter(self.db.connection, self.graph_name)
        write_id = uuid.uuid4().hex
        self.graph.delete()  # it holds index definitions only, and GRAPH.BULK must create the graph itself

        def packed() -> Iterable[list[Any] | None]:
            for items, relations in batches:
                report.count(items)
                with gc_paused():
                    command = writer.pack(batch_rows(items, models, events=True), relations, write_id)
                yield command

        indexed = False

        def send(command: list[Any] | None) -> None:
            nonlocal indexed
            writer.send(command)
            if command is not None and not indexed:
                # Indexes once the first batch made the graph: kept up to date by the engine while the client packs
                # the next batches, instead of being built at the end while the client waits.
                self.ensure_schema()
                indexed = True

        try:
            report.batches = pipelined(packed(), send)
        finally:
            self.ensure_schema()  # the indexes, after the data (and the graph again, if a failed batch dropped it)
        self._wait_for_indexes()
        self._check_numbering(writer)
        # A snapshot in the background (settle() waits for it): the append-only file then holds the graph instead of
        # every bulk command, and writes get fast again. Measured at 1M claims: an article's write took 9.8 ms after
        # the bulk load and 2.9 ms once a snapshot had been taken (FalkorDB brings its matrices up to date before it
        # forks) or after a restart.
        self._checkpoint()
        return report

    def settle(self, timeout_s: float = 600.0) -> float:
        """Wait until the engine has no background save running, and return the seconds waited. After a big write
        it rewrites its append-only file in a forked process, which shares the cores with the queries."""
        started = time.monotonic()
        wait_for_background(self.db.connection, timeout_s, busy=BACKGROUND_WORK)
        return time.monotonic() - started

    def _wait_for_indexes(self, timeout_s: float = 3600.0) -> None:
        """Wait until every index is built: a bulk load is finished when the graph answers as fast as it should."""
        deadline = time.monotonic() + timeout_s
        while any(row["status"] != "OPERATIONAL" for row in self._read(INDEX_STATUS)):
            if time.monotonic() > deadline:
                raise StoreError(f"indexes were still being built after {timeout_s:.0f} s")
            time.sleep(0.2)

    def _check_numbering(self, writer: BulkWriter) -> None:
        """The bulk writer numbered nodes as FalkorDB was expected to; a first and a last claim tell if it did."""
        nodes = self._read(NODE_COUNT)[0]["n"]
        sample = dict(list(writer.claims.items())[:1] + list(writer.claims.items())[-1:])
        found = {r["id"]: r["node"] for r in self._read(CLAIM_NODE_IDS, {"ids": list(sample)})}
        if nodes != writer.nodes or found != sample:
            raise StoreError(
                f"the bulk load numbered nodes differently from FalkorDB ({writer.nodes} written, {nodes} in the "
                f"graph; claims {sample} were found as {found}): edges may join the wrong nodes"
            )

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        import redis

        try:
            result = self.graph.ro_query(query, _literal_safe(params, QueryError))
        except (redis.ConnectionError, redis.TimeoutError, OSError) as err:
            raise _unavailable(err) from err
        if self.server is not None and len(result.result_set) >= self.server.limits.resultset_max:
            # The engine cuts results at RESULTSET_SIZE without a word: an internal read that reaches it is wrong.
            raise StoreError(f"a read reached the engine's cap of {self.server.limits.resultset_max} rows")
        columns = [_column_name(h) for h in result.header]
        return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in result.result_set]

    def _user_query(self, query: str, params: dict[str, Any], timeout_ms: int, limit: int) -> QueryResult:
        return self._user_query_capped(query, params, timeout_ms, limit, None)

    def _user_query_capped(
        self, query: str, params: dict[str, Any], timeout_ms: int, limit: int, max_bytes: int | None
    ) -> QueryResult:
        """The engine's raw rows are turned into values one row at a time, and only until the row cap or the byte
        cap is reached: a million values past the caps cost the parser (in C) but not Python's value building,
        which took the GIL for seconds and stalled every other request of the server."""
        import redis
        from falkordb.query_result import parse_scalar

        started = time.perf_counter()
        if self.server is not None:
            timeout_ms = min(timeout_ms, self.server.limits.timeout_max_ms)  # the engine refuses a longer one
        try:
            self._check_plan(query, params)
            text = self.graph._build_params_header(_literal_safe(params, QueryError)) + query
            response = self.graph.execute_command(
                "GRAPH.RO_QUERY", self.graph_name, text, "--compact", "timeout", timeout_ms
            )
            for part in (response[0], response[-1]):  # errors come first, or last when raised while running
                if isinstance(part, redis.ResponseError):
                    raise part
        except (redis.ConnectionError, redis.TimeoutError, OSError) as err:
            raise _unavailable(err) from err
        except redis.ResponseError as err:
            message = str(err)
            if "read-only" in message or "to be executed only on read-only" in message:
                raise ReadOnlyViolation(f"this endpoint is read-only; the engine refused a write: {message}") from err
            if "timed out" in message.lower() or "timeout" in message.lower():
                raise QueryError(f"query exceeded the {timeout_ms} ms time limit") from err
            if "mem consumption exceeded" in message:
                raise QueryError("query exceeded the engine's memory limit for one query") from err
            raise QueryError(message) from err
        except (ValueError, TypeError) as err:  # the client refuses parameters it cannot write as Cypher literals
            raise QueryError(f"bad query parameters: {err}") from err
        header, raw_rows = (response[0], response[1]) if len(response) == 3 else ([], [])
        rows: list[list[Any]] = []
        used, truncated = 0, False
        for raw in raw_rows:
            if len(rows) == limit:
                truncated = True
                break
            row = [_plain(parse_scalar(cell, self.graph)) for cell in raw]
            if max_bytes is not None:
                used += row_bytes(row)
                if used > max_bytes:
                    truncated = True
                    break
            rows.append(row)
        return QueryResult(
            [_column_name(h) for h in header],
            rows,
            truncated=truncated,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
            engine="falkordb",
        )

    def _check_plan(self, query: str, params: dict[str, Any]) -> None:
        """Refuse a query whose plan reads outside the graph: the engine's own parse, whatever the spelling."""
        plan = self.graph.execute_command("GRAPH.EXPLAIN", self.graph_name, _with_params_header(query, params))
        for line in plan:
            operation = (line.decode() if isinstance(line, bytes) else str(line)).strip().split(" |")[0]
            if operation.startswith(_REFUSED_OPERATIONS):
                raise ReadOnlyViolation(f"{operation} is not allowed: user queries may read the graph only")


def _unavailable(err: Exception) -> EngineUnavailable:
    return EngineUnavailable(f"the graph engine is not answering ({err}); it is being restarted, try again shortly")


def _with_params_header(query: str, params: dict[str, Any]) -> str:
    """The query with its parameters in FalkorDB's ``CYPHER name=value ...`` header.

    The client builds the same header, but with a generic isinstance chain per value; for a batch of thousands of
    claims that was half the loading time. This writes the same literals for the plain types claims are made of.
    """
    if not params:
        return query
    literals = (_list_literal(value) if type(value) is list else _literal(value) for value in params.values())
    return "CYPHER " + " ".join(f"{name}={text}" for name, text in zip(params, literals, strict=True)) + " " + query


def _list_literal(value: list) -> str:
    """A list (the rows of a write) written by the json module, in C: a JSON array of strings, numbers, booleans,
    nulls and arrays is a Cypher list literal that FalkorDB reads back exactly (tested), with two exceptions that
    fall back to _literal: maps (JSON quotes their keys, Cypher does not) and \\u escapes, which FalkorDB keeps as
    text (json writes one for a control character other than \\n, \\r, \\t, \\b, \\f)."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return _literal(value)
    if '{"' in text or "\\u" in text:  # a false alarm (a quote holding those characters) only costs the fallback
        return _literal(value)
    return text


def _literal(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return repr(value)
    if kind is list or kind is tuple:
        return "[" + ",".join(map(_literal, value)) + "]"
    if kind is dict:
        return "{" + ",".join(f"`{key}`:{_literal(item)}" for key, item in value.items()) + "}"
    from falkordb.helpers import stringify_param_value

    return stringify_param_value(value)


def _literal_safe(params: dict[str, Any] | None, error: type[Exception]) -> dict[str, Any] | None:
    """The parameters, if the client can send them: it writes them into the query text as Cypher literals, where a
    NUL character ends the query early (the engine then reports a syntax error in a query nobody wrote)."""

    def check(value: Any) -> None:
        if isinstance(value, str) and "\x00" in value:
            raise error("text parameters may not contain the NUL character (U+0000)")
        if isinstance(value, dict):
            for key, item in value.items():
                check(key)
                check(item)
        elif isinstance(value, list | tuple):
            for item in value:
                check(item)

    check(params or {})
    return params


def combine_statements(statements: list[Statement]) -> Statement:
    """Chain write statements into one query: each part's parameters renamed apart, parts joined by an aggregation
    (``WITH count(*)`` yields exactly one row even after an empty UNWIND, so every part runs once)."""
    if len(statements) == 1:
        return statements[0]
    parts: list[str] = []
    params: dict[str, Any] = {}
    for k, (query, own) in enumerate(statements):
        parts.append(_PARAM.sub(lambda m, k=k: f"$s{k}_{m.group(1)}", query.strip()))  # type: ignore[misc]
        params.update({f"s{k}_{name}": value for name, value in own.items()})
    joined = "".join(
        part + (f"\nWITH count(*) AS _done{k}\n" if k < len(parts) - 1 else "") for k, part in enumerate(parts)
    )
    return joined, params


_PARAM = re.compile(r"\$(\w+)")


def _column_name(header: Any) -> str:
    name = header[1] if isinstance(header, list | tuple) and len(header) > 1 else header
    return name.decode() if isinstance(name, bytes) else str(name)


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """Engine values as JSON-ready Python: nodes and edges become dicts with their labels or type."""
    if type(value) in _SCALARS:  # nearly every value: answered before anything else is looked at
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    from falkordb import Edge, Node
    from falkordb import Path as GraphPath

    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **{k: _plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: _plain(v) for k, v in value.properties.items()}}
    if isinstance(value, GraphPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "edges": [_plain(e) for e in value.edges()]}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
