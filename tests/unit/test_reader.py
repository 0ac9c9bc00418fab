"""Reading inputs: bad files are reported with a reason and skipped; good ones keep their names and metadata."""

from __future__ import annotations

import json
from datetime import date

from claimgraph.extract.reader import Rejected, iter_articles

ARABIC = "قالت وزارة الدفاع إن قواتها أسقطت طائرة مسيرة.\nوأضافت أن الوضع هادئ."


def test_reader_batch_with_bad_files(tmp_path) -> None:
    (tmp_path / "good.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "good.meta.json").write_text(json.dumps({"outlet": "رويترز", "published": "2020-10-02"}))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 20)
    (tmp_path / "english.txt").write_text("The ministry said 12 soldiers were killed.", encoding="utf-8")
    (tmp_path / "cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (tmp_path / "page.txt").write_text("<!doctype html><html><body>" + ARABIC + "</body></html>", encoding="utf-8")
    (tmp_path / "badmeta.txt").write_text(ARABIC + " ثانية", encoding="utf-8")
    (tmp_path / "badmeta.meta.json").write_text('{"published": "yesterday"}')
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "rec-1", "text": ARABIC + " ثالثة", "published": "2020-10-03"}, ensure_ascii=False)
        + "\nnot json\n"
        + json.dumps({"id": "rec-2", "text": "hello"})
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_articles([tmp_path]))
    good = {i.name: i for i in items if not isinstance(i, Rejected)}
    rejected = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Rejected)}
    assert set(good) == {"good", "rec-1"}
    assert good["good"].outlet == "رويترز" and good["good"].published == date(2020, 10, 2)
    assert good["good"].headline == "قالت وزارة الدفاع إن قواتها أسقطت طائرة مسيرة."
    assert rejected["empty.txt"].startswith("empty")
    assert rejected["binary.txt"].startswith("binary")
    assert rejected["english.txt"].startswith("not Arabic")
    assert rejected["cp1256.txt"].startswith("not UTF-8")
    assert rejected["page.txt"].startswith("HTML")
    assert rejected["badmeta.meta.json"].startswith("malformed metadata")
    assert rejected["batch.jsonl:2"].startswith("malformed record")
    assert rejected["batch.jsonl:3"].startswith("not Arabic")


def test_reader_same_text_same_identity() -> None:
    from claimgraph.ontology.claim import ArticleInput

    a = ArticleInput(name="a", text=ARABIC)
    b = ArticleInput(name="b", text=ARABIC.replace(" ", "\u00a0", 1) + "\n")
    assert a.content_id == b.content_id


def test_reader_sidecar_unknown_keys_warn_and_empty_date_is_unknown(tmp_path, caplog) -> None:
    # Issue 19: a scraper's sidecar carries more than url/outlet/published; it used to reject the whole article.
    (tmp_path / "scraped.txt").write_text(ARABIC, encoding="utf-8")
    sidecar = {"outlet": "الجزيرة", "published": "", "author": "مراسل", "tags": ["قره باغ"], "url": "https://x.test/1"}
    (tmp_path / "scraped.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
    with caplog.at_level("WARNING", logger="claimgraph.extract.reader"):
        [article] = list(iter_articles([tmp_path / "scraped.txt"]))
    assert not isinstance(article, Rejected)
    assert article.outlet == "الجزيرة" and article.url == "https://x.test/1" and article.published is None
    assert "author, tags" in caplog.text and "scraped.meta.json" in caplog.text
    (tmp_path / "scraped.meta.json").write_text("{not json", encoding="utf-8")
    [rejected] = list(iter_articles([tmp_path / "scraped.txt"]))
    assert isinstance(rejected, Rejected) and rejected.reason.startswith("malformed metadata: not JSON")
