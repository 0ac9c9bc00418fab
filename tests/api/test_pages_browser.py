"""The page in headless Chromium: contradictions first, click through to a claim, see its sentence highlighted."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extract.types import ActorRef, ArticleInput, Claim, Target
from graph.falkor import FalkorStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it)")

TEXT = (
    "معارك عنيفة في الإقليم\n"
    "قالت وزارة الدفاع الأذربيجانية إن قواتها قتلت 900 من الانفصاليين منذ الأحد.\n"
    "وقالت مصادر محلية إن عشرات قتلوا منذ الأحد في المعارك."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed(data_dir: Path) -> None:
    article = ArticleInput(name="browser-1", text=TEXT)
    first = TEXT.index("قتلت 900")
    second = TEXT.index("عشرات قتلوا")
    sentence1 = (TEXT.index("قالت"), TEXT.index("الأحد.") + 6)
    sentence2 = (TEXT.index("وقالت مصادر"), len(TEXT))
    claims = [
        Claim(
            article="browser-1",
            span=(first, first + 26),
            quote=TEXT[first : first + 26],
            speaker=ActorRef(
                text="وزارة الدفاع الأذربيجانية", id="az-ministry-of-defence", side="AZ", kind="organization"
            ),
            type="casualty",
            measure="killed",
            value=900,
            qualifier="exact",
            target=Target(side="NK", group="separatists"),
            sentence=sentence1,
        ),
        Claim(
            article="browser-1",
            span=(second, second + 11),
            quote=TEXT[second : second + 11],
            speaker=None,
            type="casualty",
            measure="killed",
            value=None,
            qualifier="dozens",
            target=Target(side=None, group="people"),
            sentence=sentence2,
        ),
    ]
    with FalkorStore.embedded(data_dir) as store:
        store.write_article(article, claims)


@pytest.fixture()
def server(tmp_path: Path):
    data_dir = tmp_path / "data"
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


def test_page_contradiction_then_claim_with_highlighted_sentence(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page(locale="ar")
        page.goto(server + "/")
        assert page.get_attribute("html", "dir") == "rtl"
        pair = page.locator("#relations .pair.contradicts").first
        assert pair.get_attribute("data-reason") == "exceeds_total" and "الجزء يفوق المجموع" in pair.inner_text()
        page.screenshot(path=str(tmp_path / "contradictions.png"), full_page=True)
        pair.locator("a.claim-link").first.click()
        page.wait_for_selector("#claim-span")
        first = TEXT.index("قتلت 900")
        assert page.inner_text("#claim-span") == TEXT[first : first + 26]
        assert "منذ الأحد" in page.inner_text("mark.sentence")
        page.screenshot(path=str(tmp_path / "claim.png"), full_page=True)
        browser.close()
    assert (tmp_path / "claim.png").stat().st_size > 10_000
