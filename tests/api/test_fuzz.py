"""Schemathesis generates requests from the OpenAPI schema of a running `claimgraph serve`; none may get a 5xx."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from claimgraph.graph.connect import open_store
from hypothesis import HealthCheck, given, settings

from claimgraph.config import Settings
from tests.conftest import ENGINES, clear_neo4j
from tests.local_server import local_server
from tests.samples import one_claim_article

TOKEN = "fuzz-token-not-a-secret"
CASES_PER_OPERATION = 40


@pytest.fixture(params=ENGINES)
def served(request, tmp_path, monkeypatch) -> Iterator[str]:
    """`claimgraph serve` on a free loopback port over a graph holding one article (the embedded engine's data dir,
    or the session's Neo4j, which the server finds through NEO4J_* in its environment); stopped after."""
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir)
    if request.param == "neo4j":
        access = request.getfixturevalue("neo4j_server")
        clear_neo4j(access)
        settings = access.settings(data_dir=data_dir)
        for name, value in access.env().items():
            if name.startswith("NEO4J_"):
                monkeypatch.setenv(name, value)
    with open_store(settings) as store:
        store.write_article(*one_claim_article())
    with local_server(data_dir, TOKEN) as base:
        yield base


@pytest.mark.slow
def test_fuzz_openapi_no_server_errors(served: str) -> None:
    import schemathesis

    schema = schemathesis.openapi.from_url(f"{served}/openapi.json")
    cases, failures = 0, []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15, "the schema should list every route"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=CASES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def run(case) -> None:
            nonlocal cases
            cases += 1
            # Half the cases carry the write token, so the write routes get past authentication too.
            headers = {"Authorization": f"Bearer {TOKEN}"} if cases % 2 else {}
            response = case.call(base_url=served, headers=headers, timeout=120)
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {case.method} {case.formatted_path} {case.query}")

        run()
    print(f"schemathesis: {cases} cases over {len(operations)} operations, {len(failures)} server errors")
    assert cases >= 500
    assert not failures, "\n".join(failures[:20])
