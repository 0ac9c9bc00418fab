"""The claimgraph command line: ingest, extract, contradictions, query, serve, export, stats, train-models."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph import __version__
from claimgraph.config import Settings
from claimgraph.errors import ClaimgraphError, EngineUnavailable

if TYPE_CHECKING:
    from claimgraph.ontology.claim import ArticleInput

EXIT_OK, EXIT_ERROR, EXIT_REJECTS = 0, 1, 3


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    if getattr(args, "models", None):
        overrides["models"] = args.models
    return Settings(**overrides)


def _print_json_lines(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _table(columns: list[str], rows: list[list[Any]], max_width: int = 60) -> str:
    """A plain text table; long cells are cut with an ellipsis."""

    def cell(value: Any) -> str:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        text = text.replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[k]) for r in cells]) for k, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


CLAIM_TABLE_COLUMNS = [
    "article",
    "type",
    "speaker",
    "as written",
    "side",
    "value",
    "qualifier",
    "measure",
    "target",
    "via",
    "quote",
]


def claim_table_row(claim: dict[str, Any], articles: dict[str, str] | None = None) -> list[Any]:
    """A claim as a table row; ``articles`` maps article names to «outlet · headline · date» to show instead."""
    from claimgraph.api.presentation import canonical_name

    speaker = claim.get("speaker") or {}
    target = claim.get("target") or {}
    return [
        (articles or {}).get(claim["article"]) or claim["article"],
        claim["type"],
        canonical_name(speaker) or "—",
        speaker.get("text") or "—",
        speaker.get("side") or "—",
        claim.get("value") if claim.get("value") is not None else "",
        claim.get("qualifier") or "",
        claim.get("measure") or "",
        " ".join(x for x in (target.get("side"), target.get("group")) if x),
        ", ".join(v["text"] for v in claim.get("via") or []),
        claim["quote"],
    ]


# ------------------------------------------------------------------ commands


def cmd_extract(args: argparse.Namespace) -> int:
    from claimgraph.api.presentation import article_display
    from claimgraph.extract.parallel import ExtractionFailed, extract_articles
    from claimgraph.extract.reader import Rejected, iter_articles

    rejected = 0
    rows: list[dict[str, Any]] = []
    shown: dict[str, str] = {}  # article name → outlet · headline · date, for the table

    def readable() -> Iterator[ArticleInput]:
        nonlocal rejected
        for item in iter_articles([Path(p) for p in args.paths]):
            if isinstance(item, Rejected):
                rejected += 1
                print(f"rejected {item.source}: {item.reason}", file=sys.stderr)
            else:
                yield item

    for result in extract_articles(readable(), _extractor_spec(args), args.workers, args.scheduler):
        if isinstance(result, ExtractionFailed):
            rejected += 1
            print(f"rejected {result.article.source or result.article.name}: {result.reason}", file=sys.stderr)
        else:
            rows.extend(c.to_interchange() for c in result.claims)
            shown[result.article.name] = article_display(result.article.model_dump(mode="json")) or ""
    if args.format == "jsonl":
        _print_json_lines(rows)
    elif args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(_table(CLAIM_TABLE_COLUMNS, [claim_table_row(r, shown) for r in rows]))
    return EXIT_REJECTS if rejected else EXIT_OK


def _extractor_spec(args: argparse.Namespace):
    from claimgraph.extract.parallel import ExtractorSpec

    return ExtractorSpec(models=getattr(args, "models", None))


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from claimgraph.extract.parallel import ExtractionFailed, extract_articles
    from claimgraph.extract.reader import Rejected, iter_articles
    from claimgraph.graph.connect import open_store

    settings = _settings(args)
    started = time.perf_counter()
    counts = {"new": 0, "unchanged": 0, "rejected": 0, "claims": 0, "relations": 0}
    models = "not loaded (nothing new)"
    with open_store(settings) as store:
        progress = tqdm(unit="article", file=sys.stderr, disable=args.quiet)

        def reject(source: str, reason: str) -> None:
            counts["rejected"] += 1
            progress.write(f"rejected {source}: {reason}", file=sys.stderr)
            progress.update()

        def new_articles() -> Iterator[ArticleInput]:
            """What needs NLP: readable articles the store does not hold yet (checked before any model loads)."""
            for item in iter_articles([Path(p) for p in args.paths]):
                if isinstance(item, Rejected):
                    reject(str(item.source), item.reason)
                elif store.article_name(item.content_id) is not None:
                    counts["unchanged"] += 1
                    progress.update()
                else:
                    yield item

        for result in extract_articles(new_articles(), _extractor_spec(args), args.workers, args.scheduler):
            article = result.article
            if isinstance(result, ExtractionFailed):
                reject(article.source or article.name, result.reason)
                continue
            models = result.annotated.models
            progress.set_postfix_str(article.name)
            try:
                written = store.write_article(article, result.claims, models=models)
            except EngineUnavailable:
                raise  # not this article's fault: every next one would fail too (main() says what to do)
            except ClaimgraphError as err:
                reject(article.source or article.name, str(err))
                continue
            counts["new" if written.new else "unchanged"] += 1  # the same text twice in one batch: stored once
            counts["claims"] += written.claims
            counts["relations"] += written.relations
            progress.update()
        progress.close()
    seconds = time.perf_counter() - started
    summary = dict(counts, seconds=round(seconds, 1), engine=settings.engine, models=models)
    if args.format == "json":
        print(json.dumps(summary))
    else:
        print(
            f"articles: {counts['new']} new, {counts['unchanged']} unchanged, {counts['rejected']} rejected; "
            f"claims: {counts['claims']}; relations: {counts['relations']}; {seconds:.1f} s "
            f"(engine {settings.engine}; Stanza models {models})"
        )
    return EXIT_REJECTS if counts["rejected"] else EXIT_OK


def cmd_contradictions(args: argparse.Namespace) -> int:
    from claimgraph.api.presentation import relations_for_display
    from claimgraph.graph.connect import open_store

    with open_store(_settings(args)) as store:
        rows = store.relations_with_claims()
        if args.format == "jsonl":
            _print_json_lines(rows)
            return EXIT_OK
        rows = relations_for_display(store, rows)

    def source(claim: dict[str, Any] | None) -> str:
        claim = claim or {}
        article = (claim.get("article_label") or {}).get("display") or claim.get("article")
        return f"{article}: «{claim.get('quote')}»"

    print(
        _table(
            ["kind", "reason", "a", "b", "explanation"],
            [[r["kind"], r["reason"], source(r["a"]), source(r["b"]), r["explanation"]] for r in rows],
            max_width=60,
        )
    )
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from claimgraph.graph.connect import open_store

    settings = _settings(args)
    with open_store(settings) as store:
        if args.cypher:
            result = store.read_only_query(
                args.cypher, timeout_ms=settings.query_timeout_ms, limit=args.limit or settings.query_row_limit
            )
        else:
            from claimgraph.graph.sparql_view import SparqlView, ViewInUse

            try:  # the data directory's view, brought up to date; a temporary one while a server keeps that one
                view = SparqlView(store, settings.data_dir / "sparql", slots=1, memory_mb=settings.sparql_memory_mb)
            except ViewInUse:
                view = SparqlView(store, None, slots=1, memory_mb=settings.sparql_memory_mb)
            try:
                view.update()  # a first build may take minutes: the command waits for it, not only the time limit
                result = view.query(
                    args.sparql, limit=args.limit or settings.query_row_limit, timeout_ms=settings.query_timeout_ms
                )
            finally:
                view.close()
    if args.format == "json":
        print(
            json.dumps(
                {
                    "columns": result.columns,
                    "rows": result.rows,
                    "truncated": result.truncated,
                    "elapsed_ms": result.elapsed_ms,
                },
                ensure_ascii=False,
                default=str,
            )
        )
    else:
        print(_table(result.columns, result.rows))
        print(f"({len(result.rows)} rows{', truncated' if result.truncated else ''}; {result.elapsed_ms} ms)")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from claimgraph.graph.connect import open_store
    from claimgraph.graph.rdf import export

    with open_store(_settings(args)) as store:
        text = export(store, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(text):,} characters)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from claimgraph.graph.connect import open_store

    settings = _settings(args)
    with open_store(settings) as store:
        stats: dict[str, Any] = dict(store.stats())
    stats["engine"] = settings.engine
    if args.format == "json":
        print(json.dumps(stats))
    else:
        for key, value in stats.items():
            print(f"{key:<16}{value}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    busy = _port_busy(args.host, args.port)
    if busy:
        print(
            f"claimgraph: port {args.port} on {args.host} is busy ({busy}); another server may be running there. "
            f"Serve on another port: claimgraph serve --port {args.port + 1} (make start PORT={args.port + 1})",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if args.check_port:
        print(f"claimgraph: port {args.port} on {args.host} is free", file=sys.stderr)
        return EXIT_OK
    if args.data_dir:
        os.environ["CLAIMGRAPH_DATA_DIR"] = str(args.data_dir)
    print(f"claimgraph API and pages on http://{args.host}:{args.port}/ (OpenAPI at /docs)", file=sys.stderr)
    # On SIGTERM, requests still running after a few seconds are cancelled (a SPARQL query's process is then killed)
    # rather than waited for up to their time limit.
    uvicorn.run(
        "claimgraph.api.main:app", host=args.host, port=args.port, log_level="info", timeout_graceful_shutdown=3
    )
    return EXIT_OK


def _port_busy(host: str, port: int) -> str | None:
    """Why ``port`` cannot be served on (the OS's words), or None when it can: told before the server starts, not
    as uvicorn's "address already in use" after the store has opened."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is not busy
            probe.bind((host, port))
    except OSError as err:
        return err.strerror or str(err)
    return None


def cmd_train_models(args: argparse.Namespace) -> int:
    from claimgraph.extract.training.train import train_models

    processors = tuple(args.processors.split(",")) if args.processors else None
    kwargs: dict[str, Any] = {"seed": args.seed}
    if processors:
        kwargs["processors"] = processors
    scores = train_models(Path(args.data), Path(args.out), Path(args.work_dir), **kwargs)
    print(json.dumps(scores, indent=2))
    return EXIT_OK


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimgraph", description=__doc__)
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens (models in use, engine)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def parallel_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--workers", type=int, default=1, help="extraction processes (one per core; each loads the models)"
        )
        p.add_argument(
            "--scheduler",
            help="run extraction on a Dask cluster: its scheduler address (tcp://host:8786), or 'local' for a local "
            "cluster of --workers processes",
        )

    def store_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", help="embedded engine data directory (default ./data; Neo4j if NEO4J_URI is set)")

    p = sub.add_parser("ingest", help="read articles, extract claims, store them and their relations")
    p.add_argument("paths", nargs="+", help=".txt files (with NAME.meta.json sidecars), folders, .jsonl batches")
    p.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    p.add_argument("--models", choices=["auto", "own", "official"], help="which Stanza models to use")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parallel_options(p)
    store_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", help="print the claims of articles (no store involved)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=["jsonl", "json", "table"], default="table")
    p.add_argument("--models", choices=["auto", "own", "official"])
    parallel_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("contradictions", help="print contradictions and corroborations from the store")
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    store_options(p)
    p.set_defaults(func=cmd_contradictions)

    p = sub.add_parser("query", help="run a read-only Cypher or SPARQL query")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--cypher", help="openCypher, run read-only by the engine")
    group.add_argument("--sparql", help="SPARQL 1.1 query over the RDF view")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--limit", type=int, help="row limit (default from settings: 1000)")
    store_options(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="export the graph as RDF")
    p.add_argument("--format", choices=["turtle", "jsonld"], default="turtle")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    store_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="count articles, claims, actors and relations")
    p.add_argument("--format", choices=["text", "json"], default="text")
    store_options(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("serve", help="serve the HTTP API and pages")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--check-port", action="store_true", help="only check that the port is free, then exit")
    store_options(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("train-models", help="train the project's own Stanza Arabic models from open data")
    p.add_argument(
        "--data", required=True, help="the open data folder (ud_arabic_pud/, anercorp/, ...): ../shared/data"
    )
    p.add_argument("--out", required=True, help="where the models go; the shipped ones are models/ar")
    p.add_argument("--work-dir", default=".cache/train")
    p.add_argument("--processors", help="comma-separated subset, e.g. tokenize,mwt")
    p.add_argument("--seed", type=int, default=1234)
    p.set_defaults(func=cmd_train_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return args.func(args)
    except EngineUnavailable as err:
        print(
            f"claimgraph: error: {err}. What was written before it stopped is kept: run the command again.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except ClaimgraphError as err:
        print(f"claimgraph: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - one line, never a traceback (-v logs it)
        logging.getLogger("claimgraph").info("unexpected error", exc_info=True)
        print(f"claimgraph: error: {type(err).__name__}: {err} (run with -v for details)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
