"""The page in headless Chromium: contradictions first, click through to a claim, see its sentence highlighted;
Arabic throughout, opened at the claim, filters typed in Arabic, and a message for a filter that names nothing."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from claimgraph.graph.falkor import FalkorStore
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it)")

HEADLINE = "معارك عنيفة في الإقليم"
# Paragraphs before the claims, so that the claimed span is far below the first screen.
FILLER = "وتواصلت المواجهات على طول خط التماس في الإقليم الجبلي وسط دعوات دولية إلى التهدئة.\n" * 40
TEXT = (
    HEADLINE + "\n" + FILLER + "قالت وزارة الدفاع الأذربيجانية إن قواتها قتلت 900 من الانفصاليين منذ الأحد.\n"
    "وقالت مصادر محلية إن عشرات قتلوا منذ الأحد في المعارك."
)
FIRST = TEXT.index("قتلت 900")
SECOND = TEXT.index("عشرات قتلوا")
SENTENCE1 = (TEXT.index("قالت وزارة"), TEXT.index("الأحد.") + 6)
# What extraction reads of the battle the claims are about: the claims make one event (its page is tested too).
EVENT = {"event": "clash", "place": "قره باغ", "date": "2020-10-01"}
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed(data_dir: Path) -> None:
    article = ArticleInput(
        name="browser-1", text=TEXT, headline=HEADLINE, outlet="وكالة الأناضول", published="2020-10-01"
    )
    speaker = ActorRef(text="وزارة الدفاع الأذربيجانية", id="az-ministry-of-defence", side="AZ", kind="organization")
    claims = [
        Claim(
            article="browser-1",
            span=(FIRST, FIRST + 26),
            quote=TEXT[FIRST : FIRST + 26],
            speaker=speaker,
            type="casualty",
            measure="killed",
            value=900,
            qualifier="exact",
            target=Target(side="NK", group="separatists"),
            sentence=SENTENCE1,
            **EVENT,
        ),
        # The same sentence as a statement of the same speaker: the figure's twin, which the page folds.
        Claim(
            article="browser-1",
            span=(FIRST - 9, SENTENCE1[1] - 1),
            quote=TEXT[FIRST - 9 : SENTENCE1[1] - 1],
            speaker=speaker,
            type="statement",
            sentence=SENTENCE1,
            **EVENT,
        ),
        Claim(
            article="browser-1",
            span=(SECOND, SECOND + 11),
            quote=TEXT[SECOND : SECOND + 11],
            speaker=None,
            type="casualty",
            measure="killed",
            value=None,
            qualifier="dozens",
            target=Target(side=None, group="people"),
            sentence=(TEXT.index("وقالت مصادر"), len(TEXT)),
            **EVENT,
        ),
    ]
    with FalkorStore.embedded(data_dir) as store:
        store.write_article(article, claims)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("browser") / "data"
    _seed(data_dir)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/health", timeout=2)
            break
        except OSError:
            assert proc.poll() is None, "the server died at start"
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page(locale="ar", viewport={"width": 1280, "height": 720})
    yield page
    page.close()


def _claim_id(server: str, value: int) -> str:
    with urllib.request.urlopen(f"{server}/claims?value={value}") as response:
        return json.load(response)["data"][0]["id"]


def _event_id(server: str) -> str:
    with urllib.request.urlopen(f"{server}/events") as response:
        return json.load(response)["data"][0]["id"]


# The page's visible text, leaving out what is marked as another language (the language switch, «English»).
VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('script, style, [lang]:not([lang="ar"])').forEach(e => e.remove());
  document.body.appendChild(copy);
  const text = copy.innerText;
  copy.remove();
  return text;
}"""


def test_page_contradiction_then_claim_with_highlighted_sentence(server: str, page, tmp_path: Path) -> None:
    page.goto(server + "/")
    assert page.get_attribute("html", "dir") == "rtl"
    pair = page.locator("#relations .pair.contradicts").first
    assert pair.get_attribute("data-reason") == "exceeds_total" and "الجزء يفوق المجموع" in pair.inner_text()
    page.screenshot(path=str(tmp_path / "contradictions.png"), full_page=True)
    pair.locator("a.claim-link").first.click()
    page.wait_for_selector("#claim-span")
    assert page.inner_text("#claim-span") == TEXT[FIRST : FIRST + 26]
    assert "منذ الأحد" in page.inner_text("mark.sentence")
    page.screenshot(path=str(tmp_path / "claim.png"), full_page=True)
    assert (tmp_path / "claim.png").stat().st_size > 10_000


def test_page_arabic_mode_shows_no_english_words(server: str, page) -> None:
    claim_id = _claim_id(server, 900)
    for path in ("/", f"/claim/{claim_id}", "/actor/az-ministry-of-defence", f"/event/{_event_id(server)}"):
        page.goto(server + path)
        assert page.get_attribute("html", "lang") == "ar"
        latin = re.findall(r"[A-Za-z]+", page.evaluate(VISIBLE_TEXT))
        assert latin == [], f"{path}: {latin}"
        # The one element in another language is the switch to it.
        assert page.locator('body [lang]:not([lang="ar"])').count() == 1
        assert page.get_attribute("#switch-lang", "lang") == "en"
    page.goto(server + "/")
    assert "عشرات" in page.inner_text("#claims") and "قتلى" in page.inner_text("#claims")
    assert "وزارة الدفاع (أذربيجان)" in page.inner_text("#claims")  # the canonical name
    assert "«وزارة الدفاع الأذربيجانية»" in page.inner_text("#claims")  # and the text's words beneath it
    assert "وكالة الأناضول · معارك عنيفة في الإقليم · 2020-10-01" in page.inner_text("#claims")
    # The figure once: its statement twin (the same sentence by the same speaker) is folded into it.
    assert page.locator("#claims tbody tr").count() == 2
    page.click("#switch-lang")
    assert page.get_attribute("html", "lang") == "en" and "Contradictions" in page.inner_text("h1")
    assert "killed" in page.inner_text("#claims")


def test_page_event_shows_its_figures_side_by_side_and_leads_to_the_claims(server: str, page) -> None:
    page.goto(server + "/")  # the index lists the latest events
    assert "اشتباكات · قره باغ" in page.inner_text("#events")
    page.locator("#events a").first.click()
    page.wait_for_selector("#figures")
    assert page.url.endswith(f"/event/{_event_id(server)}")
    assert page.get_attribute("html", "dir") == "rtl"
    assert "اشتباكات في قره باغ" in page.inner_text("h1")
    assert "أذربيجان" in page.inner_text("#event-facts") and "2020-10-01" in page.inner_text("#event-facts")
    rows = page.locator("#figures tbody tr")
    assert rows.count() == 2  # the separatists' dead (900) and the people killed (dozens): two counts
    assert "عشرات" in rows.nth(0).inner_text() and "900" in rows.nth(1).inner_text()
    assert "الجزء يفوق المجموع" in page.inner_text("#relations")
    rows.nth(1).locator("a.num").click()
    page.wait_for_selector("#claim-span")
    assert page.inner_text("#claim-span") == TEXT[FIRST : FIRST + 26]
    assert "اشتباكات · قره باغ" in page.inner_text("#claim-event")  # and the claim page leads back to its event


def test_page_claim_opens_scrolled_to_its_span(server: str, page) -> None:
    page.goto(f"{server}/claim/{_claim_id(server, 900)}")
    page.wait_for_function("window.scrollY > 0")
    top, bottom, height = page.evaluate(
        "(() => { const r = document.getElementById('claim-span').getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; })()"
    )
    assert top >= 0 and bottom <= height, (top, bottom, height)


def test_page_arabic_filter_gives_the_claims_of_its_code(server: str, page) -> None:
    def rows(query: str) -> list[str]:
        page.goto(f"{server}/?{query}")
        return page.locator("#claims tbody a.claim-link").evaluate_all("links => links.map(a => a.href)")

    by_code = rows("side=AZ")
    assert len(by_code) == 1
    assert rows(urllib.parse.urlencode({"side": "أذربيجان"})) == by_code
    assert rows(urllib.parse.urlencode({"side": "اذربيجان"})) == by_code  # without the hamza
    page.goto(server + "/")
    page.fill("input[name=measure]", "قتلى")
    page.click("form#filters button[type=submit]")
    page.wait_for_load_state()
    assert "measure=" in page.url
    typed = page.locator("#claims tbody a.claim-link").evaluate_all("links => links.map(a => a.href)")
    assert typed == rows("measure=killed") and len(typed) == 2


def test_page_unknown_filter_shows_a_message(server: str, page) -> None:
    response = page.goto(server + "/?measure=kiled")
    assert response is not None and response.status == 400
    message = page.inner_text("#filter-error")
    assert "kiled" in message and "killed (قتلى)" in message
    assert page.locator("#claims tbody a.claim-link").count() == 0
    response = page.goto(server + "/?sid=AM")
    assert response is not None and response.status == 400 and "sid" in page.inner_text("#filter-error")
    try:
        urllib.request.urlopen(server + "/claims?side=am-x")
    except urllib.error.HTTPError as err:
        assert err.code == 400
    else:
        pytest.fail("an unknown side was answered")
