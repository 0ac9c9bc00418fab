"""Run the extraction pipeline over many articles: in this process, in worker processes, or on a Dask cluster.

Every mode yields results in input order, keeps only a bounded number of batches in flight (a folder of 100k
articles is streamed, not loaded), and turns a failure inside one article into an ``ExtractionFailed`` for that
article while the rest of the batch goes on. Workers are given the model *preference* (auto/own/official), not
paths, so a worker on another machine resolves the models installed there.
"""

from __future__ import annotations

import functools
import itertools
import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimgraph.extract.pipeline import ArticleClaims, ExtractionPipeline
from claimgraph.ontology.claim import ArticleInput

from claimgraph.errors import ModelsNotFoundError

log = logging.getLogger(__name__)

# Articles per Stanza call: batching sentences across articles fills Stanza's batches; more buys little.
BATCH_ARTICLES = 8


@dataclass(frozen=True)
class ExtractionFailed:
    """An article the pipeline could not process, with the reason (the rest of its batch is unaffected)."""

    article: ArticleInput
    reason: str


Extracted = ArticleClaims | ExtractionFailed


@dataclass(frozen=True)
class ExtractorSpec:
    """What a worker needs to build its own pipeline: picklable, and free of this machine's paths."""

    models: str | None = None  # auto | own | official (None: $CLAIMGRAPH_MODELS, else auto)
    threads: int | None = None
    parse: str = "claims"

    def build(self) -> ExtractionPipeline:
        from claimgraph.extract.nlp import choose_model_set

        return ExtractionPipeline(choose_model_set(self.models), threads=self.threads, parse=self.parse)  # type: ignore[arg-type]


def process_batch(pipeline: ExtractionPipeline, batch: list[ArticleInput]) -> list[Extracted]:
    """One Stanza call for the batch; if it fails, each article alone so only the culprit is lost."""
    try:
        return list(pipeline.process_many(batch))
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch, below
        if len(batch) == 1:
            raise
    out: list[Extracted] = []
    for article in batch:
        try:
            out.append(pipeline.process(article))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a batch of thousands
            log.exception("extraction failed for %s", article.name)
            out.append(ExtractionFailed(article, f"{type(err).__name__}: {err}"))
    return out


# ------------------------------------------------------------------ worker-side state (one pipeline per process)

_worker_pipeline: ExtractionPipeline | None = None


def _init_worker(spec: ExtractorSpec, ready: Any) -> None:
    global _worker_pipeline
    try:
        _worker_pipeline = spec.build()
    except BaseException:
        ready.abort()  # the parent stops waiting at once and reports the failure
        raise
    ready.wait()


def _worker_batch(batch: list[ArticleInput]) -> list[Extracted]:
    assert _worker_pipeline is not None, "worker not initialised"
    return process_batch(_worker_pipeline, batch)


@functools.cache
def _dask_pipeline(spec: ExtractorSpec) -> ExtractionPipeline:
    return spec.build()


def dask_batch(spec: ExtractorSpec, batch: list[ArticleInput]) -> list[Extracted]:
    """The task a Dask worker runs: its pipeline is built on first use and kept for the worker's life."""
    return process_batch(_dask_pipeline(spec), batch)


# ------------------------------------------------------------------ drivers


def batches_of(articles: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _ordered(submit: Callable[[list[ArticleInput]], Any], batches: Iterator[list], window: int) -> Iterator:
    """Submit batches keeping at most ``window`` in flight; yield their results in input order.

    ``submit`` returns a handle with ``result()`` (a Dask future) or ``get()`` (a multiprocessing AsyncResult)."""
    pending: deque[Any] = deque()

    def result(handle: Any) -> list[Extracted]:
        return handle.result() if hasattr(handle, "result") else handle.get()

    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


class WorkerPool:
    """Extraction processes on this machine, each with its own models; ready when the constructor returns.

    Spawned, not forked: torch's thread pools do not survive a fork. Each worker runs one torch thread by default.
    """

    def __init__(self, spec: ExtractorSpec, workers: int, load_timeout_s: float = 900) -> None:
        context = multiprocessing.get_context("spawn")
        ready = context.Barrier(workers + 1)
        worker_spec = ExtractorSpec(spec.models, threads=spec.threads or 1, parse=spec.parse)
        self.workers = workers
        self.pool = context.Pool(workers, initializer=_init_worker, initargs=(worker_spec, ready))
        try:
            ready.wait(timeout=load_timeout_s)
        except threading.BrokenBarrierError as err:
            self.pool.terminate()
            raise ModelsNotFoundError(
                "an extraction worker could not load the Stanza models (its error is printed above)"
            ) from err

    def extract(self, batches: Iterator[list[ArticleInput]]) -> Iterator[Extracted]:
        yield from _ordered(lambda batch: self.pool.apply_async(_worker_batch, (batch,)), batches, 2 * self.workers)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.pool.terminate()


def extract_articles(
    articles: Iterable[ArticleInput],
    spec: ExtractorSpec | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = BATCH_ARTICLES,
    pipeline: ExtractionPipeline | None = None,
) -> Iterator[Extracted]:
    """Claims of ``articles``, in order.

    Args:
        spec: how workers build their pipelines (models preference, threads, parse scope).
        workers: worker processes on this machine (1: this process, with ``pipeline`` if given).
        scheduler: address of a Dask scheduler (``tcp://host:8786``) to run on instead of local processes;
            ``local`` starts a local Dask cluster of ``workers`` processes for the duration of the run.
        batch_size: articles per Stanza call.
    """
    spec = spec or ExtractorSpec()
    batches = batches_of(articles, batch_size)
    if scheduler:
        yield from _on_dask(batches, spec, workers, scheduler)
    elif workers <= 1:
        pipeline = pipeline or spec.build()
        for batch in batches:
            yield from process_batch(pipeline, batch)
    else:
        with WorkerPool(spec, workers) as pool:
            yield from pool.extract(batches)


def _on_dask(batches: Iterator[list[ArticleInput]], spec: ExtractorSpec, workers: int, scheduler: str) -> Iterator:
    from dask.distributed import Client, LocalCluster

    worker_spec = ExtractorSpec(spec.models, threads=spec.threads or 1, parse=spec.parse)
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1",
        )  # fmt: skip
        client = Client(cluster)
    else:
        cluster, client = None, Client(scheduler)
    try:
        n_workers = max(len(client.scheduler_info()["workers"]), 1)
        yield from _ordered(
            lambda batch: client.submit(dask_batch, worker_spec, batch, pure=False), batches, 2 * n_workers
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
