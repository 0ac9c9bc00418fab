"""Events over HTTP against each real engine (the embedded FalkorDB, the session's Neo4j): the list with its filters
(codes or Arabic) and counts, one event with its claims side by side, its page in Arabic and English and its JSON
twin, and splitting (token required)."""

from __future__ import annotations

from datetime import date

import pytest
from claimgraph.api.main import create_app
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target
from fastapi.testclient import TestClient

from claimgraph.config import Settings
from tests.conftest import ENGINES, clear_neo4j

TOKEN = "test-token-not-a-secret"
ARMY = ActorRef(text="الجيش الصومالي", id="so-army", side="SO", kind="organization")
SHABAAB = ActorRef(text="حركة الشباب", id="al-shabaab", side="ALSHABAAB", kind="organization")


def _report(name: str, day: date, speaker: ActorRef, value: int) -> tuple[ArticleInput, list[Claim]]:
    text = f"قال المتحدث إن الهجوم على القاعدة في جلعد أسفر عن مقتل {value} جنديا ({name})."
    start = text.index("مقتل")
    article = ArticleInput(name=name, text=text, published=day, outlet=f"outlet {name}")
    claim = Claim(
        article=name,
        span=(start, start + 12),
        quote=text[start : start + 12],
        speaker=speaker,
        type="casualty",
        measure="killed",
        value=value,
        qualifier="exact",
        target=Target(side="SO", group="soldiers"),
        sentence=(0, len(text)),
        date=day.isoformat(),
        event="attack",
        place="جلعد",
    )
    return article, [claim]


@pytest.fixture(scope="module", params=ENGINES)
def client(request, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("events-api-data")
    if request.param == "neo4j":
        access = request.getfixturevalue("neo4j_server")
        clear_neo4j(access)
        settings = access.settings(data_dir=data_dir, api_token=TOKEN)
    else:
        settings = Settings(data_dir=data_dir, api_token=TOKEN)
    with TestClient(create_app(settings)) as c:
        store = c.app.state.store
        store.write_article(*_report("gov", date(2024, 8, 5), ARMY, 7))
        store.write_article(*_report("shabaab", date(2024, 8, 5), SHABAAB, 159))
        store.write_article(*_report("wire", date(2024, 8, 6), ARMY, 7))
        yield c


def test_events_api_lists_one_event_for_three_outlets(client) -> None:
    body = client.get("/events").json()
    assert body["count"] == 1
    [event] = body["data"]
    assert (event["type"], event["place"], event["claims"], event["articles"]) == ("attack", "جلعد", 3, 3)
    assert event["contradictions"] == 1  # 7 against 159 the same day (the wire's 7 of the next day is not compared)
    assert set(event["participants"]) == {"SO", "ALSHABAAB"}


def test_events_api_filters(client) -> None:
    assert client.get("/events", params={"place": "مدينة جلعد"}).json()["count"] == 1
    assert client.get("/events", params={"place": "صنعاء"}).json()["count"] == 0
    assert client.get("/events", params={"actor": "al-shabaab"}).json()["count"] == 1
    assert client.get("/events", params={"side": "RSF"}).json()["count"] == 0
    assert client.get("/events", params={"date_from": "2024-08-07"}).json()["count"] == 0
    assert client.get("/events", params={"date_from": "2024-08-01", "date_to": "2024-08-05"}).json()["count"] == 1
    assert client.get("/events", params={"date_from": "not-a-date"}).status_code == 422


def test_events_api_filters_in_arabic_and_unknown_values(client) -> None:
    assert client.get("/events", params={"type": "هجوم"}).json()["count"] == 1
    assert client.get("/events", params={"type": "غارة"}).json()["count"] == 0
    assert client.get("/events", params={"actor": "حركة الشباب"}).json()["count"] == 1
    refused = client.get("/events", params={"type": "نزهة", "side": "XX", "sid": "AM"})
    assert refused.status_code == 400 and refused.json()["ok"] is False
    assert [e["loc"] for e in refused.json()["errors"]] == [["query", "sid"]]  # the unknown parameter first
    refused = client.get("/events", params={"type": "نزهة", "side": "XX"})
    assert refused.status_code == 400
    assert sorted(e["loc"][-1] for e in refused.json()["errors"]) == ["side", "type"]


def test_events_api_offsets_stay_inside_64_bits(client) -> None:
    """SKIP + LIMIT must fit in a signed 64-bit integer (Neo4j adds them): the largest offset allowed gives an
    empty page on both engines, one more is a 422."""
    from claimgraph.api.models import MAX_OFFSET, MAX_PAGE

    body = client.get("/events", params={"offset": MAX_OFFSET, "limit": MAX_PAGE}).json()
    assert (body["data"], body["count"], body["offset"]) == ([], 1, MAX_OFFSET)
    assert client.get("/events", params={"offset": MAX_OFFSET + 1}).status_code == 422
    assert client.get("/events", params={"limit": MAX_PAGE + 1}).status_code == 422


def test_events_api_one_event_side_by_side(client) -> None:
    event_id = client.get("/events").json()["data"][0]["id"]
    body = client.get(f"/events/{event_id}").json()
    assert body["articles"] == ["gov", "shabaab", "wire"]
    assert [(g["side"], len(g["claims"])) for g in body["speakers"]] == [("ALSHABAAB", 1), ("SO", 2)]
    [row] = body["figures"]
    assert sorted(f["value"] for f in row["figures"]) == [7, 7, 159]
    reasons = {r["reason"] for r in body["relations"]}
    assert "conflicting_count" in reasons
    for rel in body["relations"]:
        assert rel["explanation"] and rel["explanation_ar"]
    assert client.get(f"/event/{event_id}.json").json() == body


def test_events_api_claims_carry_their_labels(client) -> None:
    event_id = client.get("/events").json()["data"][0]["id"]
    body = client.get(f"/events/{event_id}").json()
    assert {c["article_label"]["outlet"] for c in body["claims"]} == {"outlet gov", "outlet shabaab", "outlet wire"}
    assert all(r["a"]["article_label"] and r["b"]["article_label"] for r in body["relations"])


def test_events_api_claim_and_index_pages_lead_to_the_event(client) -> None:
    event_id = client.get("/events").json()["data"][0]["id"]
    claim_id = client.get(f"/events/{event_id}").json()["claims"][0]["id"]
    assert client.get(f"/claim/{claim_id}.json").json()["event"]["id"] == event_id
    assert f'href="/event/{event_id}"' in client.get(f"/claim/{claim_id}").text
    assert [e["id"] for e in client.get("/index.json").json()["events"]] == [event_id]
    assert f'href="/event/{event_id}?lang=en"' in client.get("/", params={"lang": "en"}).text


def test_events_api_page_shows_figures_and_arabic_explanations(client) -> None:
    event_id = client.get("/events").json()["data"][0]["id"]
    page = client.get(f"/event/{event_id}")
    assert page.status_code == 200 and 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    assert f'href="/event/{event_id}.json"' in page.text
    assert "هجوم في جلعد" in page.text and "159" in page.text and "رقمان لا يصحّان معًا" in page.text
    english = client.get(f"/event/{event_id}", params={"lang": "en"})
    assert english.status_code == 200 and 'lang="en"' in english.text
    assert "attack in جلعد" in english.text and "Figures side by side" in english.text
    assert client.get(f"/event/{event_id}", params={"lang": "fr"}).status_code == 400


def test_events_api_unknown_event_is_404_in_the_error_shape(client) -> None:
    response = client.get("/events/nope")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no event with id 'nope'", "errors": [], "status": 404}


def test_events_api_split_needs_the_token_and_splits(client) -> None:
    event_id = client.get("/events").json()["data"][0]["id"]
    assert client.post(f"/events/{event_id}/split", json={"articles": ["shabaab"]}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post(f"/events/{event_id}/split", json={"articles": ["shabaab"]}, headers=auth)
    assert response.status_code == 200
    new_id = response.json()["new_event"]
    assert client.get(f"/events/{new_id}").json()["articles"] == ["shabaab"]
    assert client.get(f"/events/{event_id}").json()["articles"] == ["gov", "wire"]
    again = client.post(f"/events/{event_id}/split", json={"articles": ["nowhere"]}, headers=auth)
    assert again.status_code == 400
