"""The few places where FalkorDB and Neo4j disagree, decided once by a capability flag set at connect time."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.graph.cypher import INDEXED


@dataclass(frozen=True)
class Dialect:
    """What an engine accepts beyond the shared openCypher of graph/cypher.py.

    Dates are stored as ISO-8601 strings ('2020-10-01') on both engines: they sort and compare correctly as text,
    and FalkorDB's date values do not round-trip through every client the same way Neo4j's do.
    """

    name: str
    unique_constraints: bool  # Neo4j: CREATE CONSTRAINT ... REQUIRE ... IS UNIQUE; FalkorDB: range indexes only
    list_indexes: str  # a read-only query listing (label, properties) of every index, for checks and tests

    def schema_statements(self) -> list[str]:
        """Index (and, where supported, uniqueness) DDL for every indexed property; safe to run again."""
        statements = []
        for label, prop in INDEXED:
            if self.unique_constraints and prop == "id":
                statements.append(
                    f"CREATE CONSTRAINT {label.lower()}_{prop}_unique IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
                )
            elif self.unique_constraints:
                statements.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
            else:
                statements.append(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        return statements


FALKORDB = Dialect(
    name="falkordb",
    unique_constraints=False,
    list_indexes="CALL db.indexes() YIELD label, properties RETURN label, properties ORDER BY label",
)
NEO4J = Dialect(
    name="neo4j",
    unique_constraints=True,
    # The two token-lookup indexes every Neo4j 5 database has (labels, relationship types) index no property.
    list_indexes="SHOW INDEXES YIELD labelsOrTypes, properties, type WHERE type <> 'LOOKUP' "
    "RETURN labelsOrTypes, properties ORDER BY labelsOrTypes, properties",
)
