"""Schemathesis generates requests from the OpenAPI schema; none may get a 5xx (a real FalkorDB behind the app)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from api.main import create_app
from claimgraph.config import Settings
from extract.types import ActorRef, ArticleInput, Claim, Target

TOKEN = "fuzz-token-not-a-secret"
CASES_PER_OPERATION = 40
TEXT = "أعلنت وزارة الدفاع الأرمينية أن 40 جنديا أذربيجانيا قتلوا."


@pytest.mark.slow
def test_fuzz_openapi_no_server_errors(tmp_path) -> None:
    import schemathesis

    app = create_app(Settings(data_dir=tmp_path / "data", api_token=TOKEN))
    with TestClient(app) as client:  # runs the lifespan: the engine starts, and stops at the end
        article = ArticleInput(name="am-1", text=TEXT)
        speaker = ActorRef(text="وزارة الدفاع الأرمينية", id="am-ministry-of-defence", side="AM", kind="organization")
        claim = Claim(
            article="am-1", span=(30, 57), quote=TEXT[30:57], speaker=speaker, type="casualty", measure="killed",
            value=40, qualifier="exact", target=Target(side="AZ", group="soldiers"), sentence=(0, 58),
        )  # fmt: skip
        client.app.state.store.write_article(article, [claim])
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        cases, failures = 0, []
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15, "the schema should list every route"
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=CASES_PER_OPERATION,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case) -> None:
                nonlocal cases
                cases += 1
                # Half the cases carry the write token, so the write routes get past authentication too.
                headers = {"Authorization": f"Bearer {TOKEN}"} if cases % 2 else {}
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {case.method} {case.formatted_path} {case.query}")

            run()
        print(f"schemathesis: {cases} cases over {len(operations)} operations, {len(failures)} server errors")
        assert cases >= 500
        assert not failures, "\n".join(failures[:20])
