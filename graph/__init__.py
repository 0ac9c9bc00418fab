"""Store and compare claims: one store interface, two engines (embedded FalkorDB, Neo4j), Cypher written once."""
