"""`NEO4J_URI=... claimgraph ingest seeds/`, then the page, /claims/who, /cypher and the SPARQL view, all on Neo4j."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from claimgraph.api.main import create_app
from fastapi.testclient import TestClient

from tests.conftest import REPO, SEEDS, clear_neo4j

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_neo4j_ingest_seeds_then_serve_everything(neo4j_server, tmp_path) -> None:
    clear_neo4j(neo4j_server)
    ingest = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", "ingest", str(SEEDS), "--format", "json", "-q"],
        capture_output=True, text=True, cwd=REPO, env=neo4j_server.env(), timeout=900,
    )  # fmt: skip
    assert ingest.returncode == 0, ingest.stderr
    summary = json.loads(ingest.stdout)
    assert summary["new"] == 5 and summary["claims"] > 20

    with TestClient(create_app(neo4j_server.settings(data_dir=tmp_path / "unused"))) as client:
        health = client.get("/health").json()
        assert health["engine"] == "neo4j" and health["stats"]["claims"] == summary["claims"]
        # The data directory holds the SPARQL view only (kept on disk whatever the engine): no embedded engine.
        data_dir = tmp_path / "unused"
        assert {p.name for p in data_dir.glob("*")} <= {"sparql"}, "no embedded engine was started"

        page = client.get("/")
        assert page.status_code == 200 and 'dir="rtl"' in page.text

        counted = client.get("/claims", params={"limit": 500}).json()
        value = next(c["value"] for c in counted["data"] if c["value"] is not None and c["speaker"])
        who = client.get("/claims/who", params={"value": value}).json()
        assert who["claims"] == sum(1 for c in counted["data"] if c["value"] == value) > 0
        claim = client.get(f"/claims/{who['speakers'][0]['claim_ids'][0]}").json()
        assert claim["claim"]["value"] == value

        cypher = client.post("/cypher", json={"query": "MATCH (c:Claim) RETURN count(c) AS n"}).json()
        assert cypher["rows"] == [[summary["claims"]]] and cypher["engine"] == "neo4j"
        assert client.post("/cypher", json={"query": "CALL dbms.listConfig()"}).status_code == 403

        count = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://claimgraph.org/ontology#Claim> }"
        sparql = client.get("/sparql", params={"query": count})
        assert sparql.status_code == 200
        assert int(sparql.json()["results"]["bindings"][0]["n"]["value"]) == summary["claims"]
