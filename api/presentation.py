"""What claims show a reader besides their codes: the article as outlet · headline · date, the speaker by canonical
name, and one line per numeric claim (its statement twin folded into it)."""

from __future__ import annotations

import functools
from typing import Any

from claimgraph.api import vocabulary
from claimgraph.extract.lexicons import read_tsv
from claimgraph.graph.store import ClaimStore

SEPARATOR = " · "
QUANTIFIED = {"dozens", "hundreds", "thousands"}  # a number named by a word, without a value


def article_display(article: dict[str, Any] | None) -> str | None:
    """«outlet · headline · date», leaving out what is unknown; the name it was ingested under when all is."""
    if not article:
        return None
    parts = [article.get("outlet"), article.get("headline"), article.get("published")]
    shown = [str(p).strip() for p in parts if p and str(p).strip()]
    return SEPARATOR.join(shown) if shown else article.get("name")


def article_label(article: dict[str, Any] | None) -> dict[str, Any] | None:
    """The article fields a claim carries for display (no text)."""
    if not article:
        return None
    return {
        "name": article.get("name"),
        "outlet": article.get("outlet"),
        "headline": article.get("headline"),
        "published": article.get("published"),
        "display": article_display(article),
    }


@functools.cache
def _institutions() -> dict[str, str]:
    """Office key (ministry-of-defence) → its first Arabic form (وزارة الدفاع)."""
    out: dict[str, str] = {}
    for row in read_tsv("institutions.tsv"):
        out.setdefault(row["key"], row["form"])
    return out


def canonical_name(actor: dict[str, Any] | None) -> str | None:
    """An actor's canonical Arabic name: the gazetteer's first name for its id; an office by its institution and
    side («وزارة الدفاع (أرمينيا)»); else the name it was first stored under."""
    if not actor:
        return None
    actor_id = actor.get("id") or ""
    names = vocabulary.canonical_names()
    if actor_id in names:
        return names[actor_id]
    side = actor.get("side")
    prefix = f"{side.lower()}-" if side else ""
    key = actor_id[len(prefix) :] if prefix and actor_id.startswith(prefix) else actor_id
    office = _institutions().get(key)
    if office:
        return f"{office} ({vocabulary.sides().label(side)})" if side else office
    return actor.get("name") or actor.get("text")


def for_display(store: ClaimStore, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims with their article's label and their speaker's and relays' canonical names, read in one query."""
    labels = store.article_labels([c["article_id"] for c in claims if c and c.get("article_id")])
    out = []
    for claim in claims:
        if not claim:
            out.append(claim)
            continue
        claim = dict(claim, article_label=article_label(labels.get(claim.get("article_id") or "")))
        if claim.get("speaker"):
            claim["speaker"] = dict(claim["speaker"], canonical_name=canonical_name(claim["speaker"]))
        out.append(claim)
    return out


def relations_for_display(store: ClaimStore, relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Relations with both claims prepared by for_display (one label query for all of them)."""
    claims = for_display(store, [c for r in relations for c in (r.get("a"), r.get("b")) if c])
    by_id = {c["id"]: c for c in claims}
    return [
        dict(r, a=by_id.get((r.get("a") or {}).get("id")), b=by_id.get((r.get("b") or {}).get("id"))) for r in relations
    ]


def is_numeric(claim: dict[str, Any]) -> bool:
    return claim.get("value") is not None or claim.get("qualifier") in QUANTIFIED


def fold_statement_twins(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims without the statements that only restate a numeric claim of the same speaker in the same
    sentence of the same article (extraction keeps both: the figure, and the sentence as a statement); the figure
    is shown once. Statements with no figure beside them stay."""
    figures = {
        (c.get("article_id"), tuple(c.get("sentence") or ()), (c.get("speaker") or {}).get("id"))
        for c in claims
        if is_numeric(c)
    }
    return [
        c
        for c in claims
        if not (
            c.get("type") == "statement"
            and not is_numeric(c)
            and (c.get("article_id"), tuple(c.get("sentence") or ()), (c.get("speaker") or {}).get("id")) in figures
        )
    ]
