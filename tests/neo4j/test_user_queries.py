"""Researchers' Cypher on the real Neo4j 5 server: READ transactions, a time limit, a row cap, and what Neo4j would
let a READ transaction do that is refused (files, settings, users, other transactions, dbms procedures)."""

from __future__ import annotations

import pytest
from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target

from claimgraph.errors import QueryError, ReadOnlyViolation, StoreError
from tests.conftest import clear_neo4j

pytestmark = pytest.mark.neo4j
TEXT = "قالت وزارة الدفاع الجورجية إن 12 جنديا روسيا قتلوا."


@pytest.fixture
def neo4j_store(neo4j_server):
    clear_neo4j(neo4j_server)
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as store:
        article = ArticleInput(name="georgia-1", text=TEXT)
        speaker = ActorRef(text="وزارة الدفاع الجورجية", id="ge-mod", side="GE", kind="organization")
        claim = Claim(
            article="georgia-1", span=(31, 41), quote=TEXT[31:41], speaker=speaker, type="casualty",
            measure="killed", value=12, qualifier="exact", target=Target(side="RU", group="soldiers"), sentence=(0, 51),
        )  # fmt: skip
        store.write_article(article, [claim])
        yield store


def test_neo4j_is_the_5_26_community_server(neo4j_store) -> None:
    rows = neo4j_store._read("CALL dbms.components() YIELD name, versions, edition RETURN *")
    assert rows[0]["edition"] == "community" and rows[0]["versions"][0].startswith("5.26.")


@pytest.mark.parametrize(
    "query",
    [
        "CALL dbms.components()",
        "CALL dbms.listConfig() YIELD name RETURN name",
        "UNWIND [1] AS x CALL dbms.listConfig() YIELD name RETURN name",
        "CALL db.ping()",
        "SHOW SETTINGS",
        "SHOW TRANSACTIONS",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW USERS",
        "SHOW CURRENT USER",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "LOAD /* spaced */ CSV FROM 'file:///etc/hostname' AS row RETURN row",  # past the words-only check
    ],
)
def test_neo4j_refuses_what_a_read_transaction_would_allow(neo4j_store, query: str) -> None:
    with pytest.raises(ReadOnlyViolation, match="not allowed"):
        neo4j_store.read_only_query(query)


@pytest.mark.parametrize("query", ["CREATE (n:X)", "MERGE (n:X {a: 1})", "MATCH (c:Claim) SET c.value = 0"])
def test_neo4j_write_refused_by_the_read_transaction(neo4j_store, query: str) -> None:
    with pytest.raises(ReadOnlyViolation, match="Neo4j refused a write"):
        neo4j_store.read_only_query(query)
    assert neo4j_store.stats()["claims"] == 1 and neo4j_store.count_claims() == 1


def test_neo4j_schema_reads_and_graph_procedures_are_allowed(neo4j_store) -> None:
    assert ["Claim"] in neo4j_store.read_only_query("CALL db.labels()").rows
    indexes = neo4j_store.read_only_query(neo4j_store.dialect.list_indexes).rows
    assert [["Claim"], ["count_key"]] in indexes


def test_neo4j_time_limit_ends_the_query(neo4j_store) -> None:
    # Each range is within the guard's bound (graph/query_guard.py); their product is 10^10 rows to filter.
    slow = "UNWIND range(1, 100000) AS i UNWIND range(1, 100000) AS j WITH i + j AS k WHERE k % 7 = 99 RETURN count(*)"
    with pytest.raises(QueryError, match="time limit"):
        neo4j_store.read_only_query(slow, timeout_ms=300)
    assert neo4j_store.read_only_query("RETURN 1 AS one").rows == [[1]]


def test_neo4j_row_cap(neo4j_store) -> None:
    result = neo4j_store.read_only_query("UNWIND range(1, 5000) AS i RETURN i", limit=1000)
    assert len(result.rows) == 1000 and result.truncated and result.engine == "neo4j"


def test_neo4j_auth_is_on_and_a_wrong_password_is_refused(neo4j_server) -> None:
    if neo4j_server.server is None:
        pytest.skip("NEO4J_URI names a server this session did not start: its auth is not ours to test")
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        Neo4jStore(neo4j_server.uri, "neo4j", "not-" + neo4j_server.password)


def test_neo4j_parameter_past_64_bits_is_a_query_error(neo4j_store) -> None:
    """Found by the API fuzz on Neo4j: the driver cannot pack such an int (FalkorDB's client writes it as text); the
    query guard refuses it on both engines before it reaches either."""
    with pytest.raises(QueryError, match="outside the 64-bit range"):
        neo4j_store.read_only_query("RETURN $x AS x", {"x": -(2**82)})
