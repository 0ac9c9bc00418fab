"""Issue 13: the write doors (tokens, names), numbers out of range, and what pages send and show."""

from __future__ import annotations

import httpx
from claimgraph.api.routes.pages import templates
from claimgraph.api.security import inline_script_hashes, neutralize_bidi
from markupsafe import Markup

from tests.samples import TEXT
from tests.security.conftest import TOKEN, Served

ARTICLE = {"id": "am-1", "text": TEXT + " وأضافت الوزارة أن 3 دبابات دمرت."}


def test_token_needs_bearer_and_a_sane_shape(served: Served) -> None:
    shapes = [TOKEN, f"Token {TOKEN}", f"Bearer {TOKEN}x", "Bearer", f"Bearer {TOKEN} x", "Bearer سر", "Bearer \u202e"]
    for header in shapes:  # sent as raw bytes (UTF-8), as any client may
        response = httpx.post(
            f"{served.base}/articles", json=ARTICLE, headers={"Authorization": header.encode()}, timeout=10
        )
        assert response.status_code == 401, (header, response.status_code, response.text)
        assert response.json()["ok"] is False
        assert response.headers["www-authenticate"] == "Bearer"


def test_existing_name_with_other_text_is_a_conflict(served: Served) -> None:
    response = httpx.post(
        f"{served.base}/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
    )
    assert response.status_code == 409, response.text
    assert response.json()["status"] == 409
    assert httpx.get(f"{served.base}/articles").json()["count"] == 1


def test_out_of_range_numbers_are_422(served: Served) -> None:
    # The largest offset leaves room for a page within 64 bits (Neo4j adds SKIP and LIMIT): one past it is a 422.
    largest = 2**63 - 1 - 1000
    for path in (f"/claims?offset={largest + 1}", "/articles?offset=99999999999999999999"):
        response = httpx.get(f"{served.base}{path}")
        assert response.status_code == 422, (path, response.text)
    # A claimed value is typed text (either digit script), refused with what is accepted (api/lookups.py): 400.
    response = httpx.get(f"{served.base}/claims?value=99999999999999999999")
    assert response.status_code == 400 and response.json()["ok"] is False
    for path in (f"/claims?offset={largest}&limit=1000", f"/articles?offset={largest}&limit=1000"):
        assert httpx.get(f"{served.base}{path}").status_code == 200, path
    response = httpx.post(f"{served.base}/cypher", json={"query": "RETURN $n", "params": {"n": [1, {"x": -(2**64)}]}})
    assert response.status_code == 422 and response.json()["ok"] is False


def test_pages_send_security_headers(served: Served) -> None:
    page = httpx.get(f"{served.base}/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    # The templates' own inline scripts are allowed by their hash; an injected one would not be.
    scripts = csp.split("script-src")[1].split(";")[0]
    assert all(h in scripts for h in inline_script_hashes()) and "unsafe-inline" not in scripts
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    api = httpx.get(f"{served.base}/health")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in api.headers  # JSON has no scripts to restrict


def test_bidi_controls_are_neutralised_where_text_is_shown(served: Served) -> None:
    spoofed = "\u202e0032 \u2066x\u2069 \u200f"
    assert neutralize_bidi(spoofed) == "\ufffd0032 \ufffdx\ufffd \u200f"  # marks stay: Arabic text uses them
    assert templates.env.from_string("<p>{{ t }}</p>").render(t=spoofed) == "<p>\ufffd0032 \ufffdx\ufffd \u200f</p>"
    assert templates.env.from_string("{{ m }}").render(m=Markup("<bdi>\u202e1</bdi>")) == "<bdi>\ufffd1</bdi>"
    page = httpx.get(f"{served.base}/articles/x\u202eevil", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "\u202e" not in page.text
