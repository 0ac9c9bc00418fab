"""The HTTP API against each real engine: the embedded FalkorDB, and the session's Neo4j."""

from __future__ import annotations

import pytest
from claimgraph.api.main import create_app
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target
from fastapi.testclient import TestClient

from claimgraph.config import Settings
from claimgraph.errors import NotReady
from tests.conftest import ENGINES, clear_neo4j

TEXT = "أعلنت وزارة الدفاع الأرمينية أن 40 جنديا أذربيجانيا قتلوا.\nونفت باكو ذلك."
TOKEN = "test-token-not-a-secret"


@pytest.fixture(scope="module", params=ENGINES)
def client(request, tmp_path_factory):
    if request.param == "neo4j":
        access = request.getfixturevalue("neo4j_server")
        clear_neo4j(access)
        settings = access.settings(data_dir=tmp_path_factory.mktemp("api-data"), api_token=TOKEN)
    else:
        settings = Settings(data_dir=tmp_path_factory.mktemp("api-data"), api_token=TOKEN)
    with TestClient(create_app(settings)) as c:
        store = c.app.state.store
        article = ArticleInput(name="am-1", text=TEXT, outlet="رويترز")
        speaker = ActorRef(text="وزارة الدفاع الأرمينية", id="am-ministry-of-defence", side="AM", kind="organization")
        claims = [
            Claim(
                article="am-1",
                span=(30, 58),
                quote=TEXT[30:58],
                speaker=speaker,
                type="casualty",
                measure="killed",
                value=40,
                qualifier="exact",
                target=Target(side="AZ", group="soldiers"),
                sentence=(0, 59),
            ),
            Claim(
                article="am-1",
                span=(60, 73),
                quote=TEXT[60:73],
                speaker=ActorRef(text="باكو", id="Q227", side="AZ", kind="state"),
                type="denial",
                denies=(30, 58),
                sentence=(60, 74),
            ),
        ]
        store.write_article(article, claims)
        yield c


def test_api_health(client) -> None:
    body = client.get("/health").json()
    assert body["ok"] and body["engine"] == client.app.state.store.dialect.name and body["stats"]["claims"] == 2


def test_api_claims_filter_by_value_and_side(client) -> None:
    body = client.get("/claims", params={"value": 40}).json()
    assert body["count"] == 1
    [claim] = body["data"]
    assert claim["speaker"]["id"] == "am-ministry-of-defence" and claim["article"] == "am-1"
    assert client.get("/claims", params={"side": "AZ"}).json()["count"] == 1
    assert client.get("/claims", params={"side": "FR"}).json() == {"data": [], "count": 0, "offset": 0, "limit": 100}


def test_api_claim_provenance(client) -> None:
    claim_id = client.get("/claims", params={"value": 40}).json()["data"][0]["id"]
    body = client.get(f"/claims/{claim_id}").json()
    assert body["span"]["text"] == TEXT[30:58]
    assert body["sentence"]["text"] == TEXT[0:59]
    assert body["article"]["name"] == "am-1" and body["article"]["outlet"] == "رويترز"


def test_api_unknown_claim_is_404_in_the_error_shape(client) -> None:
    response = client.get("/claims/nope")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no claim with id 'nope'", "errors": [], "status": 404}


def test_api_contradictions_lists_the_denial(client) -> None:
    body = client.get("/contradictions").json()
    assert body["count"] == 1
    [rel] = body["data"]
    assert (rel["kind"], rel["reason"]) == ("contradicts", "denial")
    assert rel["a"]["value"] == 40 and rel["b"]["type"] == "denial"


def test_api_cypher_is_read_only(client) -> None:
    ok = client.post("/cypher", json={"query": "MATCH (c:Claim) RETURN count(c) AS n"})
    assert ok.status_code == 200 and ok.json()["rows"] == [[2]]
    refused = client.post("/cypher", json={"query": "CREATE (n:Claim {id: 'x'}) RETURN n"})
    assert refused.status_code == 403 and refused.json()["ok"] is False
    assert client.post("/cypher", json={"query": "MATCH (c:Claim) RETURN count(c)"}).json()["rows"] == [[2]]


def test_api_sparql_protocol_formats(client) -> None:
    query = (
        "PREFIX cg: <https://claimgraph.org/ontology#> SELECT ?s (COUNT(?c) AS ?n) "
        "WHERE { ?c cg:claimedBy ?s } GROUP BY ?s ORDER BY ?s"
    )
    response = client.get("/sparql", params={"query": query})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert sorted(int(b["n"]["value"]) for b in bindings) == [1, 1]
    assert {b["s"]["type"] for b in bindings} == {"uri"}
    csv_text = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"}).text
    assert csv_text.splitlines()[0] == "s,n" and len(csv_text.splitlines()) == 3
    posted = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert posted.json()["results"]["bindings"] == bindings
    form = client.post("/sparql", data={"query": "ASK { ?c a <https://schema.org/Claim> }"})
    assert form.json() == {"head": {}, "boolean": True}
    xml = client.get("/sparql", params={"query": query, "format": "xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml") and "<sparql" in xml.text


def test_api_sparql_xml_and_triples_obey_the_row_limit(client) -> None:
    import io
    import xml.etree.ElementTree as ET

    from rdflib.query import Result

    from claimgraph.config import get_settings

    overrides = client.app.dependency_overrides
    old = overrides[get_settings]
    overrides[get_settings] = lambda: old().model_copy(update={"query_row_limit": 3})
    try:
        everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        xml = client.get("/sparql", params={"query": everything, "format": "xml"})
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(xml.content).findall("r:results/r:result", ns)) == 3
        assert xml.headers["x-claimgraph-truncated"] == "true"
        assert len(Result.parse(source=io.BytesIO(xml.content), format="xml")) == 3
        construct = client.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
                               headers={"Accept": "application/n-triples"})  # fmt: skip
        assert len(construct.text.strip().splitlines()) == 3
        assert construct.headers["x-claimgraph-truncated"] == "true"
    finally:
        overrides[get_settings] = old


def test_sparql_reading_stops_at_the_time_limit(client) -> None:
    from claimgraph.errors import QueryError

    view = client.app.state.sparql
    cross_join = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~100^3 rows, streamed one by one
    with pytest.raises(QueryError, match="time limit"):
        view.query(cross_join, limit=10_000_000, timeout_ms=50)
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2"})
    assert response.status_code == 200 and len(response.json()["results"]["bindings"]) == 2


def test_api_sparql_update_is_refused(client) -> None:
    update = client.post(
        "/sparql",
        content="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert update.status_code == 403 and update.json()["ok"] is False
    assert client.get("/health").json()["stats"]["claims"] == 2


def test_api_post_article_needs_token(client) -> None:
    response = client.post("/articles", json={"id": "x", "text": TEXT})
    assert response.status_code == 401
    wrong = client.post("/articles", json={"id": "x", "text": TEXT}, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401


def test_api_post_non_arabic_is_400(client) -> None:
    response = client.post(
        "/articles", json={"id": "x", "text": "only English here"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400 and "not Arabic" in response.json()["error"]


def test_api_pages_render_rtl_with_json_twins(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'dir="rtl"' in page.text and "denial" in page.text
    assert client.get("/index.json").json()["stats"]["claims"] == 2
    claim_id = client.get("/claims", params={"value": 40}).json()["data"][0]["id"]
    claim_page = client.get(f"/claim/{claim_id}")
    assert '<mark class="span" id="claim-span">' + TEXT[30:58] + "</mark>" in claim_page.text
    assert client.get(f"/claim/{claim_id}.json").json()["span"]["text"] == TEXT[30:58]


def test_api_openapi_describes_endpoints(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/health", "/claims", "/claims/{claim_id}", "/contradictions", "/cypher", "/sparql", "/articles"} <= set(
        paths
    )


def test_api_claims_filter_by_target_date_and_text(client) -> None:
    assert client.get("/claims", params={"target_side": "AZ", "target_group": "soldiers"}).json()["count"] == 1
    assert client.get("/claims", params={"q": "جنديا"}).json()["count"] == 1
    assert client.get("/claims", params={"q": "باكو"}).json()["data"][0]["type"] == "denial"
    assert client.get("/claims", params={"date_from": "2030-01-01"}).json()["count"] == 0
    assert client.get("/claims", params={"date_from": "yesterday"}).status_code == 422


def test_api_actor_timeline_and_page(client) -> None:
    speakers = client.get("/actors").json()
    assert {row["speaker"] for row in speakers["data"]} == {"am-ministry-of-defence", "Q227"}
    body = client.get("/actors/am-ministry-of-defence").json()
    assert [c["value"] for c in body["timeline"]] == [40]
    assert client.get("/actors/nobody").status_code == 404
    page = client.get("/actor/am-ministry-of-defence")
    assert page.status_code == 200 and 'id="timeline"' in page.text and "40" in page.text
    assert client.get("/actor/am-ministry-of-defence.json").json()["actor"]["id"] == "am-ministry-of-defence"


def test_api_export_jsonld_reads_as_schema_claims(client) -> None:
    from rdflib import Graph, Namespace

    response = client.get("/export", params={"format": "jsonld"})
    assert response.headers["content-type"].startswith("application/ld+json")
    g = Graph().parse(data=response.text, format="json-ld")
    schema = Namespace("https://schema.org/")
    claims = set(g.subjects(predicate=None, object=schema.Claim))
    assert len(claims) == 2
    assert all(g.value(c, schema.author) is not None and g.value(c, schema.appearance) is not None for c in claims)
    assert "@prefix cg:" in client.get("/export").text


def test_api_bad_characters_and_parameters_are_400_not_500(client) -> None:
    # Both were found by the schemathesis fuzz (tests/api/test_fuzz.py): the engine client cannot send them.
    # A NUL names no measure: refused before any engine sees it (Bolt would carry it, FalkorDB's client not).
    nul = client.get("/claims", params={"measure": "\x00"})
    assert nul.status_code == 400 and nul.json()["errors"][0]["loc"] == ["query", "measure"]
    assert client.get("/claims", params={"q": "\x00\x00"}).status_code in {200, 400}  # text search: never a 500
    bad_params = client.post("/cypher", json={"query": "RETURN $x", "params": {"": 1}})
    assert bad_params.status_code == 400 and bad_params.json()["ok"] is False


def test_api_who_claimed_a_number(client) -> None:
    body = client.get("/claims/who", params={"value": 40}).json()
    assert body["claims"] == 1 and body["speakers"][0]["speaker"] == "am-ministry-of-defence"
    claim = client.get(f"/claims/{body['speakers'][0]['claim_ids'][0]}").json()
    assert claim["claim"]["value"] == 40
    empty = client.get("/claims/who", params={"value": ""})  # found by the fuzz: a KeyError, a 500
    assert empty.status_code == 400 and empty.json()["ok"] is False
    assert client.get("/claims/who", params={"value": 41}).json() == {
        "value": 41, "measure": None, "speakers": [], "claims": 0, "limit": 50,
    }  # fmt: skip


def test_api_sparql_while_the_view_is_built_is_503_with_retry_after(client, monkeypatch) -> None:
    def not_ready(*args, **kwargs):
        raise NotReady("the SPARQL view of the graph is being built: 500 of 9,000 articles loaded; try again shortly")

    monkeypatch.setattr(client.app.state.sparql, "protocol", not_ready)
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "10"
    assert "500 of 9,000 articles" in response.json()["error"]
