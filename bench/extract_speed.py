"""Extraction speed end to end (real Stanza + the claim rules) on a fixed corpus; prints one JSON line.

Corpus: the five seeds plus the sentences of UD Arabic-PUD (read from ../shared/data by path), grouped into
articles of 20 sentences. Progress goes to stderr; stdout gets exactly one JSON object.
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

from extract.pipeline import ExtractionPipeline  # noqa: E402
from extract.reader import read_txt  # noqa: E402
from extract.types import ArticleInput  # noqa: E402


def corpus(data_dir: Path, limit_words: int | None) -> list[ArticleInput]:
    articles = [read_txt(p) for p in sorted((REPO / "seeds").glob("*.txt"))]
    sentences = [
        line[len("# text = ") :].strip()
        for path in sorted((data_dir / "ud_arabic_pud").glob("*.conllu"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text = ")
    ]
    for k in range(0, len(sentences), 20):
        articles.append(ArticleInput(name=f"pud-{k // 20:03d}", text="\n".join(sentences[k : k + 20])))
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
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    articles = corpus(args.data_dir, args.limit_words)
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    pipeline = ExtractionPipeline(threads=args.threads)
    load_s = time.perf_counter() - started
    pipeline.process(articles[0])  # warm-up, not timed
    claims = 0
    started = time.perf_counter()
    for k, article in enumerate(articles, 1):
        claims += len(pipeline.process(article).claims)
        if k % 10 == 0:
            print(f"{k}/{len(articles)} articles", file=sys.stderr)
    seconds = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "words": words,
                "articles": len(articles),
                "claims": claims,
                "seconds": round(seconds, 2),
                "words_per_s": round(words / seconds, 1),
                "load_s": round(load_s, 2),
                "peak_rss_mb": round(peak_rss_mb, 1),
                "models": pipeline.models,
                "threads": args.threads,
            }
        )
    )


if __name__ == "__main__":
    main()
