"""A claim that gives a share instead of a count («نصف قادة الحزب»): its JSON carries the fraction and its page
shows it in words, in Arabic and in English, on each engine."""

from __future__ import annotations

import pytest
from claimgraph.api.main import create_app
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target
from fastapi.testclient import TestClient

from claimgraph.config import Settings
from tests.conftest import ENGINES, clear_neo4j

TEXT = "قال وزير الدفاع الإسرائيلي إن قواته قتلت نصف قادة الحركة في المدينة."
SPAN = (TEXT.index("قتلت"), TEXT.index("الحركة") + len("الحركة"))


@pytest.fixture(scope="module", params=ENGINES)
def client(request, tmp_path_factory):
    if request.param == "neo4j":
        access = request.getfixturevalue("neo4j_server")
        clear_neo4j(access)
        settings = access.settings(data_dir=tmp_path_factory.mktemp("shares"))
    else:
        settings = Settings(data_dir=tmp_path_factory.mktemp("shares"))
    with TestClient(create_app(settings)) as c:
        claim = Claim(
            article="il-1", span=SPAN, quote=TEXT[SPAN[0] : SPAN[1]], type="casualty", measure="killed",
            speaker=ActorRef(text="وزير الدفاع الإسرائيلي", id="il-minister-of-defence", side="IL", kind="person"),
            fraction=0.5, target=Target(side="HAMAS", group="commanders"), sentence=(0, len(TEXT)),
        )  # fmt: skip
        c.app.state.store.write_article(ArticleInput(name="il-1", text=TEXT), [claim])
        yield c


def test_a_share_is_in_the_json_and_on_the_page_in_words(client) -> None:
    [row] = client.get("/claims", params={"type": "casualty"}).json()["data"]
    assert (row["value"], row["fraction"]) == (None, 0.5)
    arabic = client.get(f"/claim/{row['id']}").text
    assert '<span class="num">نصف</span>' in arabic
    english = client.get(f"/claim/{row['id']}", params={"lang": "en"}).text
    assert '<span class="num">half</span>' in english
