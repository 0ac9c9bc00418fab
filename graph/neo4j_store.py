"""ClaimStore on Neo4j 5 through the official driver; selected when NEO4J_URI is set."""

from __future__ import annotations

import time
from typing import Any

from claimgraph.graph.dialect import NEO4J
from claimgraph.graph.store import ClaimStore, QueryResult, Statement

from claimgraph.errors import QueryError, ReadOnlyViolation, StoreError

# A researcher's query is planned (EXPLAIN) before it runs, and refused when its plan holds one of these operators.
# A READ transaction already refuses every write; these read what is not the graph's: the server's files (LOAD
# CSV, however the words are spaced or commented), its settings, users and running transactions, or stop other
# people's transactions (TERMINATE runs in a READ transaction).
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV is not allowed in read-only queries",
    "AdministrationCommand": "administration commands are not allowed in read-only queries",
    "ShowSettings": "SHOW SETTINGS is not allowed in read-only queries",
    "ShowTransactions": "SHOW TRANSACTIONS is not allowed in read-only queries",
    "TerminateTransactions": "TERMINATE TRANSACTIONS is not allowed in read-only queries",
}
# The procedures a researcher may CALL: the schema of the graph and full-text search. Every other one (dbms.*,
# which lists the configuration, connections and more, and the db.* procedures that act on the server) is refused.
ALLOWED_PROCEDURES = {
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
}


class Neo4jStore(ClaimStore):
    """Writes in one explicit transaction per batch; user queries in READ transactions, refused writes by the server."""

    dialect = NEO4J

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", database: str | None = None) -> None:
        import neo4j

        self.database = database
        try:
            # Notifications (an unknown label in an empty graph, ...) would be logged as warnings on every read.
            self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF")
            self.driver.verify_connectivity()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as err:
            raise StoreError(f"cannot reach Neo4j at {uri}: {err}") from err
        self.ensure_schema()

    def close(self) -> None:
        self.driver.close()

    def _session(self, read: bool):
        import neo4j

        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _send_write(self, statements: list[Statement]) -> None:
        def work(tx) -> None:
            for query, params in statements:
                tx.run(query, params).consume()

        import neo4j

        try:
            with self._session(read=False) as session:
                session.execute_write(work)
        except neo4j.exceptions.Neo4jError as err:  # as FalkorStore does: the caller sees one kind of failure
            raise StoreError(f"Neo4j rejected a write: {err.message or err}") from err

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with self._session(read=True) as session:
            return session.execute_read(
                lambda tx: [{k: _plain(v) for k, v in r.items()} for r in tx.run(query, params)]
            )

    def _user_query(self, query: str, params: dict[str, Any], timeout_ms: int, limit: int) -> QueryResult:
        import neo4j

        started = time.perf_counter()

        @neo4j.unit_of_work(timeout=timeout_ms / 1000)  # the server ends the transaction past the limit
        def work(tx) -> tuple[list[str], list[list[Any]], bool]:
            _check_plan(tx.run("EXPLAIN " + query, params).consume().plan)
            result = tx.run(query, params)
            rows = [[_plain(v) for v in record.values()] for record in result.fetch(limit + 1)]
            return list(result.keys()), rows[:limit], len(rows) > limit

        try:
            with self._session(read=True) as session:
                columns, rows, truncated = session.execute_read(work)
        except (OverflowError, ValueError, TypeError) as err:  # a parameter Bolt cannot carry (an int past 64 bits)
            raise QueryError(f"a parameter cannot be sent to Neo4j: {err}") from err
        except neo4j.exceptions.ClientError as err:
            code = err.code or ""
            if "AccessMode" in code or "ForbiddenOnReadOnly" in code or "WriteOnReadOnly" in code:
                raise ReadOnlyViolation(f"this endpoint is read-only; Neo4j refused a write: {err.message}") from err
            if "Timeout" in code or "TimedOut" in code:
                raise QueryError(f"query exceeded the {timeout_ms} ms time limit") from err
            raise QueryError(err.message or str(err)) from err
        return QueryResult(columns, rows, truncated, round((time.perf_counter() - started) * 1000, 2), "neo4j")


def _check_plan(plan: dict[str, Any] | None) -> None:
    """Raise ReadOnlyViolation if a query's plan (as EXPLAIN returns it) holds a refused operator or procedure."""
    pending = [plan] if plan else []
    while pending:
        operator = pending.pop()
        name = operator.get("operatorType", "").split("@")[0]
        if name in REFUSED_OPERATORS:
            raise ReadOnlyViolation(REFUSED_OPERATORS[name])
        if name == "ProcedureCall":
            procedure = str(operator.get("args", {}).get("Details", "")).split("(")[0].strip()
            if procedure not in ALLOWED_PROCEDURES:
                raise ReadOnlyViolation(f"the procedure {procedure} is not allowed in read-only queries")
        pending += operator.get("children", [])


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes], "edges": [_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
