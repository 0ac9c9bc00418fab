"""Relations on the dev set through a real store: claims in, article by article, relations out, scored.

Measures the comparison logic apart from extraction: ``--claims gold`` turns the hand-read gold claims
(../shared/eval/dev/gold.jsonl) into the project's Claim objects; ``--claims FILE`` takes the output of
``claimgraph extract --format jsonl``. Each article is written with ClaimStore.write_article, one at a time in
name order, as ``claimgraph ingest`` does, so comparisons meet only the candidates the store's indexes find. The
stored relations are printed as predicted pairs and scored by ../shared/eval/score.py.

Prints one JSON line: contradiction and corroboration recall, contradiction precision, overall precision, the
relations missed and the wrong contradictions. Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimgraph.extract.reader import read_txt  # noqa: E402
from claimgraph.graph.event_store import EventFilter  # noqa: E402
from claimgraph.graph.falkor import EmbeddedFalkorDB, FalkorStore  # noqa: E402
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target  # noqa: E402

# shared/ sits beside the checkout (a worktree under wt/ has it two levels up).
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()), REPO / "shared")
SCORE = SHARED / "eval" / "score.py"
# Each set: its gold claims, its gold relations, its articles.
SETS = {
    "dev": (SHARED / "eval/dev/gold.jsonl", SHARED / "eval/dev/relations.jsonl", SHARED / "eval/dev/articles"),
    "seeds": (SHARED / "eval/seeds.gold.jsonl", SHARED / "eval/seeds.relations.jsonl", REPO / "seeds"),
    "patterns": (
        SHARED / "eval/patterns/gold.jsonl",
        SHARED / "eval/patterns/relations.jsonl",
        SHARED / "eval/patterns/articles",
    ),
}
# Gold claims carry no sentence: it is cut from the text at these marks (a stand-in for Stanza's sentences).
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _first(code: str | None) -> str | None:
    """A gold side may list readings ("AM|NK"); a system emits one, the first."""
    return code.split("|")[0] if code else None


def _id(actor: dict[str, Any]) -> str:
    """The seeds' gold names actors without ids: the text stands for one."""
    return actor.get("id") or "gold:" + actor["text"]


def sentence_of(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence around a span: from the mark before it to the mark after it."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, span[0])), default=0)
    after = _SENTENCE_END.search(text, max(span[1], start))
    return start, after.end() if after else len(text)


def claim_from_gold(g: dict[str, Any], article: ArticleInput, spans: dict[str, tuple[int, int]]) -> Claim:
    """A gold claim as the extractor would have produced it (sides resolved to their first reading; a denial that
    names the denied claim by its gold id, as the seeds' gold does, points at that claim's span)."""
    start = article.text.find(g["quote"])  # score.py places gold claims at the first occurrence too
    span = (start, start + len(g["quote"]))
    speaker = g.get("speaker")
    target = g.get("target")
    denies = g.get("denies")
    if isinstance(denies, str):
        denies = spans.get(denies)
    period = g.get("period")
    return Claim(
        article=article.name,
        span=span,
        quote=g["quote"],
        speaker=None
        if speaker is None
        else ActorRef(text=speaker["text"], id=_id(speaker), side=_first(speaker.get("side"))),
        via=[ActorRef(text=v["text"], id=_id(v)) for v in g.get("via") or []],
        type=g["type"],
        measure=g.get("measure"),
        value=g.get("value"),
        qualifier=g.get("qualifier"),
        target=None if target is None else Target(side=_first(target.get("side")), group=target.get("group")),
        denies=None if denies is None else tuple(denies),
        sentence=sentence_of(article.text, span),
        date=article.published.isoformat() if article.published else None,
        # The gold's period words: a running total ("total since 27 Sept", "since 23 Sept 2024") or not.
        cumulative=isinstance(period, str) and period.startswith(("total", "since")),
    )


def claim_from_extract(row: dict[str, Any]) -> Claim:
    """A claim printed by ``claimgraph extract --format jsonl`` read back."""
    period = row.get("period") or {}
    fields = {k: v for k, v in row.items() if k in Claim.model_fields and k not in {"period"}}
    return Claim(
        **fields,
        period_start=period.get("start"),
        period_end=period.get("end"),
        cumulative=bool(period.get("cumulative")),
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(claims_path: Path, pairs: list[dict[str, Any]], workdir: Path, which: str) -> dict[str, Any]:
    pairs_path = workdir / "pairs.jsonl"
    pairs_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    gold, relations, articles = SETS[which]
    args = [sys.executable, str(SCORE), "--gold", str(gold), "--articles", str(articles)]
    args += ["--claims", str(claims_path), "--relations", str(relations), "--pairs", str(pairs_path)]
    out = subprocess.run([*args, "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["relations"]


def wrong_contradictions(pairs: list[dict[str, Any]], which: str) -> list[str]:
    """Predicted contradictions no gold relation accounts for, as gold ids (or quotes where no gold claim is
    there): the score's precision, itemised (same matching as score.py: overlapping spans, same reason)."""
    gold_path, relations_path, articles = SETS[which]
    gold = read_jsonl(gold_path)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in articles.glob("*.txt")}
    for g in gold:
        start = texts[g["article"]].find(g["quote"])
        g["span"] = [start, start + len(g["quote"])]
    relations = read_jsonl(relations_path)

    def ids(c: dict[str, Any]) -> set[str]:
        return {
            g["id"]
            for g in gold
            if g["article"] == c["article"] and g["span"][0] < c["span"][1] and c["span"][0] < g["span"][1]
        }

    out = []
    for p in pairs:
        if p["kind"] != "contradicts":
            continue
        a, b = ids(p["a"]), ids(p["b"])
        if not any(
            r["kind"] == "contradicts"
            and r["reason"] == p["reason"]
            and ((r["a"] in a and r["b"] in b) or (r["a"] in b and r["b"] in a))
            for r in relations
        ):
            name = lambda c, i: "/".join(sorted(i)) or f"{c['article']}:{c['quote'][:30]}"  # noqa: E731
            out.append(f"{name(p['a'], a)}~{name(p['b'], b)} ({p['reason']})")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", default="gold", help="'gold' or a JSON-lines file from claimgraph extract")
    ap.add_argument("--set", choices=sorted(SETS), default="dev", help="which gold set (default: dev)")
    ap.add_argument("--pairs-out", type=Path, help="also write the predicted pairs here")
    ap.add_argument(
        "--drop-denies", action="store_true", help="forget what each denial denies: the graph must find it alone"
    )
    args = ap.parse_args()

    gold_path, _, articles_dir = SETS[args.set]
    articles = {p.stem: read_txt(p) for p in sorted(articles_dir.glob("*.txt"))}
    by_article: dict[str, list[Claim]] = {name: [] for name in articles}
    if args.claims == "gold":
        gold = read_jsonl(gold_path)
        spans = {}
        for g in gold:
            start = articles[g["article"]].text.find(g["quote"])
            spans[g["id"]] = (start, start + len(g["quote"]))
        for g in gold:
            if args.drop_denies:
                g["denies"] = None
            by_article[g["article"]].append(claim_from_gold(g, articles[g["article"]], spans))
    else:
        for row in read_jsonl(Path(args.claims)):
            by_article.setdefault(row["article"], []).append(claim_from_extract(row))

    with tempfile.TemporaryDirectory(prefix="relations-eval-") as tmp:
        workdir = Path(tmp)
        server = EmbeddedFalkorDB(workdir / "data")
        server.start()
        try:
            store = FalkorStore(server=server)
            for name, article in articles.items():
                result = store.write_article(article, by_article.get(name, []))
                print(f"{name}: {result.claims} claims, {result.relations} relations", file=sys.stderr)
            stored = store.relations_with_claims()
            events = store.list_events(EventFilter(limit=500))
            joined = [
                f"{e['type']} {e['place']} {e['date_start']}: " + ", ".join(store.event(e["id"])["articles"])
                for e in events
                if e["articles"] > 1
            ]
            store.close()
        finally:
            server.stop()
        pairs = [
            {
                "kind": r["kind"],
                "reason": r["reason"],
                "a": {"article": r["a"]["article"], "span": r["a"]["span"], "quote": r["a"]["quote"]},
                "b": {"article": r["b"]["article"], "span": r["b"]["span"], "quote": r["b"]["quote"]},
                "explanation": r["explanation"],
            }
            for r in stored
            if r["kind"] in {"contradicts", "corroborates"}
        ]
        if args.pairs_out:
            args.pairs_out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), "utf-8")
        claims_path = workdir / "claims.jsonl"
        claims_path.write_text(
            "".join(json.dumps(c.to_interchange(), ensure_ascii=False) + "\n" for a in by_article.values() for c in a),
            encoding="utf-8",
        )
        overall = score(claims_path, pairs, workdir, args.set)
        contradictions = score(claims_path, [p for p in pairs if p["kind"] == "contradicts"], workdir, args.set)
    c, k = overall["contradicts"], overall["corroborates"]
    print(
        json.dumps(
            {
                "set": args.set,
                "claims": args.claims if args.claims == "gold" else "extracted",
                "denies_dropped": args.drop_denies,
                "contradictions_gold": c["gold"],
                "contradictions_found": c["found"],
                "contradictions_predicted": c["predicted"],
                "contradiction_recall": round(c["found"] / c["gold"], 3) if c["gold"] else 0.0,
                "contradiction_precision": contradictions["precision"],
                "corroborations_gold": k["gold"],
                "corroborations_found": k["found"],
                "corroborations_predicted": k["predicted"],
                "precision": overall["precision"],
                "events": len(events),
                "events_of_several_articles": joined,
                "missed": overall["missed"],
                "wrong_contradictions": wrong_contradictions(pairs, args.set),
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
