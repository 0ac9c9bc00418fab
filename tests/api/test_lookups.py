"""Filters typed as a fact-checker types them (issue 19): Arabic names and words give the same claims as codes,
search folds spelling variants, either digit script is a number, and what names nothing is a 400 saying why."""

from __future__ import annotations

import pytest
from claimgraph.api.main import create_app
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target
from fastapi.testclient import TestClient

from claimgraph.config import Settings
from tests.conftest import ENGINES, clear_neo4j

TEXT = (
    "أسقطت القوات الأذربيجانية مروحية أرمينية.\n"
    "وقالت وزارة الدفاع الأرمينية إن 2300 جندي أذربيجاني قُتلوا.\n"
    "وقال الكرملين إن موسكو تتابع الوضع."
)


def _span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


@pytest.fixture(scope="module", params=ENGINES)
def client(request, tmp_path_factory):
    if request.param == "neo4j":  # the search's folding runs in the query: both engines must agree
        access = request.getfixturevalue("neo4j_server")
        clear_neo4j(access)
        settings = access.settings(data_dir=tmp_path_factory.mktemp("lookups-data"))
    else:
        settings = Settings(data_dir=tmp_path_factory.mktemp("lookups-data"))
    with TestClient(create_app(settings)) as c:
        article = ArticleInput(name="lk-1", text=TEXT, headline="مروحية", outlet="رويترز")
        line2, line3 = _span(TEXT.splitlines()[1]), _span(TEXT.splitlines()[2])
        am = ActorRef(text="وزارة الدفاع الأرمينية", id="am-ministry-of-defence", side="AM", kind="organization")
        claims = [
            Claim(
                article="lk-1",
                span=_span("أسقطت القوات الأذربيجانية مروحية أرمينية"),
                quote="أسقطت القوات الأذربيجانية مروحية أرمينية",
                speaker=None,
                type="equipment",
                measure="destroyed",
                value=1,
                target=Target(side="AM", group="helicopters"),
                sentence=_span(TEXT.splitlines()[0]),
            ),
            Claim(
                article="lk-1",
                span=_span("2300 جندي أذربيجاني قُتلوا"),
                quote="2300 جندي أذربيجاني قُتلوا",
                speaker=am,
                type="casualty",
                measure="killed",
                value=2300,
                qualifier="exact",
                target=Target(side="AZ", group="soldiers"),
                sentence=line2,
            ),
            Claim(
                article="lk-1",
                span=_span("موسكو تتابع الوضع"),
                quote="موسكو تتابع الوضع",
                speaker=ActorRef(text="الكرملين", id="Q159", side="RU", kind="state"),
                type="statement",
                sentence=line3,
            ),
        ]
        c.app.state.store.write_article(article, claims)
        yield c


def _ids(client: TestClient, **params: str) -> list[str]:
    response = client.get("/claims", params=params)
    assert response.status_code == 200, response.text
    return sorted(c["id"] for c in response.json()["data"])


def test_lookups_arabic_filters_equal_their_codes(client) -> None:
    pairs = [
        ({"side": "AM"}, {"side": "أرمينيا"}),
        ({"side": "AM"}, {"side": "ارمينيا"}),  # no hamza
        ({"side": "RU"}, {"side": "روسيا"}),
        ({"measure": "killed"}, {"measure": "قتلى"}),
        ({"measure": "killed"}, {"measure": "القتلى"}),
        ({"target_group": "soldiers"}, {"target_group": "جنود"}),
        ({"target_side": "AM"}, {"target_side": "يريفان"}),
        ({"type": "statement"}, {"type": "تصريح"}),
        ({"speaker": "Q159"}, {"speaker": "الكرملين"}),  # an alias of Russia in the gazetteer
        ({"speaker": "am-ministry-of-defence"}, {"speaker": "وزارة الدفاع الأرمينية"}),  # a stored actor's name
    ]
    for code, arabic in pairs:
        expected = _ids(client, **code)
        assert expected, code
        assert _ids(client, **arabic) == expected, arabic


def test_lookups_search_folds_spelling_variants(client) -> None:
    assert _ids(client, q="مروحيه") == _ids(client, q="مروحية") != []  # ta marbuta
    assert _ids(client, q="الارمينيه") == _ids(client, q="الأرمينية") != []  # hamza and ta marbuta
    assert _ids(client, q="قتلوا") == _ids(client, q="قُتلوا") == _ids(client, q="قـتـلوا") != []  # diacritics, tatweel
    assert _ids(client, q="٢٣٠٠") == _ids(client, q="2300") != []


def test_lookups_arabic_indic_value_equals_ascii(client) -> None:
    assert _ids(client, value="٢٣٠٠") == _ids(client, value="2300") != []
    assert _ids(client, value="۲۳۰۰") == _ids(client, value="2300")  # Persian digits
    who = client.get("/claims/who", params={"value": "٢٣٠٠", "measure": "قتلى"}).json()
    assert who["value"] == 2300 and who["measure"] == "killed" and who["claims"] == 1
    for empty in ("", "\x85"):  # found by the fuzz: a required number that is blank is a 400, not a 500
        assert client.get("/claims/who", params={"value": empty}).status_code == 400


@pytest.mark.parametrize(
    ("params", "param", "listed"),
    [
        ({"side": "am"}, None, None),  # a code in any case is the code
        ({"side": "armenai"}, "side", "AM (أرمينيا)"),
        ({"measure": "kiled"}, "measure", "killed (قتلى)"),
        ({"measure": "مجهول"}, "measure", "wounded (جرحى)"),
        ({"value": "كثير"}, "value", None),
        ({"sid": "AM"}, "sid", "side"),
        ({"speaker": "لا أحد"}, "speaker", None),
        ({"article": "no-such-article"}, "article", None),
    ],
)
def test_lookups_unknown_value_or_parameter_is_400_listing_what_is_accepted(client, params, param, listed) -> None:
    response = client.get("/claims", params=params)
    if param is None:
        assert response.status_code == 200 and response.json()["count"] == 1
        return
    body = response.json()
    assert response.status_code == 400 and body["ok"] is False and body["status"] == 400
    [error] = body["errors"]
    assert error["loc"] == ["query", param] and error["input"] == params[param]
    if listed:
        assert listed in error["accepted"]


def test_lookups_several_unknowns_are_reported_together(client) -> None:
    body = client.get("/claims", params={"side": "xx", "measure": "kiled"}).json()
    assert [e["loc"][1] for e in body["errors"]] == ["side", "measure"]


def test_lookups_claims_carry_article_label_and_canonical_speaker(client) -> None:
    [claim] = client.get("/claims", params={"speaker": "Q159"}).json()["data"]
    assert claim["article_label"]["display"] == "رويترز · مروحية"
    assert claim["speaker"]["text"] == "الكرملين" and claim["speaker"]["canonical_name"] == "روسيا"
    [office] = client.get("/claims", params={"value": 2300}).json()["data"]
    assert office["speaker"]["canonical_name"] == "وزارة الدفاع (أرمينيا)"
    assert client.get("/articles/lk-1").json()["display"] == "رويترز · مروحية"


def test_lookups_html_errors_are_titled_in_arabic(client) -> None:
    response = client.get("/claim/no-such-claim", headers={"accept": "text/html"})
    assert response.status_code == 404 and "غير موجود" in response.text and 'lang="en"' in response.text
    assert client.get("/claim/no-such-claim").json()["status"] == 404  # JSON for a client that did not ask for HTML
