"""Extraction speed end to end (real Stanza + the claim rules) on a fixed corpus; prints one JSON line.

Corpus (fixed, ~34k words): the five seeds, the sentences of UD Arabic-PUD, and the ANERcorp test split (its last
10%, news text, detokenised as written with spaces), read from ../shared/data by path and grouped into articles of
20 sentences. It runs the driver of ``claimgraph ingest/extract --workers`` (extract/parallel.py): Stanza's
tokenize, mwt, pos and ner on every sentence, the claim rules, then lemma and depparse on the sentences holding a
claim (``--parse all`` parses every sentence). Progress goes to stderr; stdout gets exactly one JSON object.
Peak RSS is the largest resident set of any one process; the driver's and the largest worker's are given apart.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimgraph.extract.parallel import (  # noqa: E402
    BATCH_ARTICLES,
    ExtractionFailed,
    ExtractorSpec,
    WorkerPool,
    batches_of,
    process_batch,
)
from claimgraph.extract.reader import read_txt  # noqa: E402
from claimgraph.ontology.claim import ArticleInput  # noqa: E402

SENTENCES_PER_ARTICLE = 20


def pud_sentences(data_dir: Path) -> list[str]:
    return [
        line[len("# text = ") :].strip()
        for path in sorted((data_dir / "ud_arabic_pud").glob("*.conllu"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text = ")
    ]


def anercorp_test_sentences(data_dir: Path) -> list[str]:
    from claimgraph.extract.training.prepare import ANERCORP_FILE, read_anercorp, sentences_from_tokens

    sentences = sentences_from_tokens(read_anercorp(data_dir / ANERCORP_FILE))
    return [" ".join(token for token, _ in sent) for sent in sentences[int(len(sentences) * 0.9) :]]


def corpus(data_dir: Path, limit_words: int | None = None) -> list[ArticleInput]:
    articles = [read_txt(p) for p in sorted((REPO / "seeds").glob("*.txt"))]
    for source, sentences in (("pud", pud_sentences(data_dir)), ("anercorp", anercorp_test_sentences(data_dir))):
        for k in range(0, len(sentences), SENTENCES_PER_ARTICLE):
            text = "\n".join(sentences[k : k + SENTENCES_PER_ARTICLE])
            articles.append(ArticleInput(name=f"{source}-{k // SENTENCES_PER_ARTICLE:03d}", text=text))
    if limit_words:
        kept, words = [], 0
        for article in articles:
            if words >= limit_words:
                break
            kept.append(article)
            words += len(article.text.split())
        articles = kept
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--limit-words", type=int, help="stop after about this many words (for a quick look)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes (default: one per core)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per process")
    parser.add_argument("--parse", choices=["claims", "all", "none"], default="claims")
    parser.add_argument("--models", choices=["auto", "own", "official"], default=None)
    args = parser.parse_args()

    articles = corpus(args.data_dir, args.limit_words)
    words = sum(len(a.text.split()) for a in articles)
    spec = ExtractorSpec(models=args.models, threads=args.threads, parse=args.parse)
    # Loading the models (in each worker) is timed apart, as start-up; the rate is for annotating and extracting.
    started = time.perf_counter()
    if args.workers > 1:
        pool = WorkerPool(spec, args.workers)
        run = pool.extract
    else:
        pipeline = spec.build()
        pool = None

        def run(batches):
            for batch in batches:
                yield from process_batch(pipeline, batch)

    load_s = time.perf_counter() - started
    started = time.perf_counter()
    claims = failed = 0
    models = None
    for k, result in enumerate(run(batches_of(articles, BATCH_ARTICLES)), 1):
        if isinstance(result, ExtractionFailed):
            failed += 1
        else:
            claims += len(result.claims)
            models = result.annotated.models
        if k % 20 == 0:
            print(f"{k}/{len(articles)} articles", file=sys.stderr)
    seconds = time.perf_counter() - started
    if pool is not None:
        pool.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "words": words,
                "articles": len(articles),
                "claims": claims,
                "failed": failed,
                "seconds": round(seconds, 2),
                "words_per_s": round(words / seconds, 1),
                "load_s": round(load_s, 2),
                "peak_rss_mb": round(max(own, children), 1),
                "driver_rss_mb": round(own, 1),
                "worker_rss_mb": round(children, 1) if args.workers > 1 else None,
                "workers": args.workers,
                "threads": args.threads,
                "parse": args.parse,
                "models": models,
            }
        )
    )


if __name__ == "__main__":
    main()
