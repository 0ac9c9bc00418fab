"""Extraction across processes and on a Dask cluster gives exactly the claims of one process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from claimgraph.extract.parallel import ExtractionFailed, ExtractorSpec, extract_articles, process_batch
from claimgraph.extract.reader import read_txt
from claimgraph.ontology.claim import ArticleInput

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


class _BrokenOnKeyword:
    """Stands in for the pipeline to exercise batch isolation: fails on any batch holding a marked article."""

    def process_many(self, batch: list[ArticleInput]) -> list[str]:
        if any("BOOM" in a.text for a in batch):
            raise RuntimeError("model crashed")
        return [a.name for a in batch]

    def process(self, article: ArticleInput) -> str:
        return self.process_many([article])[0]


def test_one_failing_article_does_not_lose_its_batch() -> None:
    batch = [ArticleInput(name=n, text=t) for n, t in (("a", "نص"), ("b", "BOOM"), ("c", "نص آخر"))]
    out = process_batch(_BrokenOnKeyword(), batch)  # type: ignore[arg-type]
    assert out[0] == "a" and out[2] == "c"
    assert isinstance(out[1], ExtractionFailed) and out[1].article.name == "b"
    assert "model crashed" in out[1].reason


def _claims(results) -> list[dict]:
    rows = []
    for result in results:
        assert not isinstance(result, ExtractionFailed), result
        rows.extend(c.to_interchange() for c in result.claims)
    return rows


@pytest.mark.slow
def test_batched_equals_one_at_a_time(pipeline) -> None:
    articles = [read_txt(p) for p in SEEDS]
    one_by_one = [c.to_interchange() for a in articles for c in pipeline.process(a).claims]
    batched = _claims(extract_articles(articles, batch_size=3, pipeline=pipeline))
    assert batched == one_by_one and len(batched) > 50


@pytest.mark.slow
def test_worker_processes_and_dask_cluster_match_one_process(pipeline) -> None:
    articles = [read_txt(p) for p in SEEDS]
    single = _claims(extract_articles(articles, pipeline=pipeline))
    spec = ExtractorSpec(models="own")
    in_processes = _claims(extract_articles(articles, spec, workers=2, batch_size=2))
    on_dask = _claims(extract_articles(articles, spec, workers=2, scheduler="local", batch_size=2))
    assert in_processes == single
    assert on_dask == single
    assert {c["article"] for c in single} == {p.stem for p in SEEDS}


@pytest.mark.slow
def test_cli_workers_flag_prints_the_same_claims(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_text("", encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "claimgraph.cli", "extract", str(folder), "--format", "jsonl", *extra]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=900)

    single, parallel = run(), run("--workers", "2")
    assert single.returncode == parallel.returncode == 3  # the empty file is a reject in both
    assert "empty.txt" in parallel.stderr
    assert parallel.stdout == single.stdout and single.stdout.count("\n") > 20


@pytest.mark.slow
def test_workers_that_cannot_load_models_fail_clearly(monkeypatch, tmp_path) -> None:
    from claimgraph.extract.parallel import WorkerPool

    from claimgraph.errors import ModelsNotFoundError

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))  # no official models there: the workers must fail
    with pytest.raises(ModelsNotFoundError, match="worker could not load"):
        WorkerPool(ExtractorSpec(models="official"), workers=2, load_timeout_s=300)
