"""A claim to its stored rows and back: the properties both engines store, the rows a batch of articles writes (for
Cypher and for FalkorDB's bulk loader), and a stored claim read back in the interchange shape."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from claimgraph.graph.candidates import count_key, series_key, target_key
from claimgraph.graph.events import load_rows
from claimgraph.ontology import actors_by_id
from claimgraph.ontology.claim import ArticleInput, Claim, claim_from_properties, claim_properties
from claimgraph.ontology.text import fold


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim as stored: its properties (ontology/claim.py:CLAIM_PROPERTIES) and the indexed keys its candidates
    are found by, in graph/cypher.py:CLAIM_PROPERTIES order."""
    row = claim_properties(claim)
    group = claim.target.group if claim.target else None
    return {
        **row,
        "series_key": series_key(row["speaker_id"], claim.type, claim.measure, group, claim.date),
        "count_key": count_key(claim.date, claim.measure, group),
        "target_key": target_key(claim.date, row["target_side"]),
    }


def claim_values(claim: Claim) -> list[Any]:
    """A claim as the row graph/cypher.py:CREATE_CLAIMS takes: its properties in CLAIM_PROPERTIES order, then its
    links to actors (speaker, relays in order)."""
    links: list[list[Any]] = [[claim.speaker.id, "speaker", claim.speaker.text, None]] if claim.speaker else []
    links += [[v.id, "relay", v.text, k] for k, v in enumerate(claim.via)]
    return [*claim_row(claim).values(), links]


@dataclass
class BatchRows:
    """What a batch of articles writes, as rows: the same rows go to Cypher (graph/cypher.py) and to FalkorDB's
    bulk loader (graph/falkor_bulk.py)."""

    actors: dict[str, dict[str, Any]]  # actor id → properties (speakers, relays, publishing outlets)
    articles: list[dict[str, Any]]  # article properties
    publishers: list[dict[str, Any]]  # {article_id, outlet_id}
    claims: list[list[Any]]  # [article id, [claim_values(claim) for each of its claims]]
    denials: list[dict[str, Any]]  # {claim, denied}: a denial and the claim of the same article it denies
    events: list[dict[str, Any]] = field(default_factory=list)  # graph/events.py rows, for loads only


def batch_rows(items: list[tuple[ArticleInput, list[Claim]]], models: str, events: bool = False) -> BatchRows:
    """The rows a batch of articles writes (an article that comes twice in the batch counts once); with ``events``,
    the events of a load (graph/events.py:load_rows; a single article's write finds its events itself)."""
    rows = BatchRows(actors={}, articles=[], publishers=[], claims=[], denials=[])
    now = datetime.now(UTC).isoformat(timespec="seconds")
    seen: set[str] = set()
    for article, claims in items:
        article_id = article.content_id
        if article_id in seen:  # the same text twice in one batch is one article, as it is across batches
            continue
        seen.add(article_id)
        for claim in claims:
            for ref in ([claim.speaker] if claim.speaker else []) + claim.via:
                rows.actors.setdefault(
                    ref.id, {"id": ref.id, "name": ref.text, "side": ref.side, "kind": ref.kind, "en": ref.en}
                )
        if article.outlet:
            publisher = outlet_id(article.outlet)
            rows.actors.setdefault(
                publisher, {"id": publisher, "name": article.outlet, "side": "MEDIA", "kind": "outlet", "en": None}
            )
            rows.publishers.append({"article_id": article_id, "outlet_id": publisher})
        rows.articles.append(
            {
                "id": article_id,
                "name": article.name,
                "headline": article.headline,
                "url": article.url,
                "outlet": article.outlet,
                "published": article.published.isoformat() if article.published else None,
                "text": article.text,
                "ingested_at": now,
                "claim_count": len(claims),
                "models": models,
            }
        )
        rows.claims.append([article_id, [claim_values(c) for c in claims]])
        if events:
            rows.events += load_rows(article_id, claims)
        if any(c.denies for c in claims):  # ids are hashes: computed again only for articles with a denial
            by_span = {c.span: c.id for c in claims}
            rows.denials += [{"claim": c.id, "denied": by_span[c.denies]} for c in claims if c.denies in by_span]
    return rows


@functools.cache
def _outlets_by_name() -> dict[str, str]:
    """Folded outlet names → gazetteer id, built once (outlet_id runs for every article written)."""
    return {fold(name): a.id for a in actors_by_id().values() if a.kind == "outlet" for name in a.names}


def outlet_id(outlet: str) -> str:
    """The gazetteer id of a publishing outlet, or a stable slug for one it does not know."""
    folded = fold(outlet)
    return _outlets_by_name().get(folded) or "outlet:" + re.sub(r"\W+", "-", folded).strip("-")


def claim_out(row: dict[str, Any]) -> dict[str, Any]:
    """A stored claim in the shape the API and the command line print (close to ../shared/eval/FORMAT.md): its
    properties read back (ontology/claim.py), with its speaker's and relays' names when the row holds them."""
    c = dict(row["claim"])
    speaker = row.get("speaker")
    if speaker is None and c.get("speaker_id") and "speaker" not in row:  # a lean row: the claim's own copy
        speaker = {"text": c.get("speaker_text"), "id": c.get("speaker_id"), "side": c.get("speaker_side")}
    if speaker is not None:
        speaker = {key: speaker.get(key) for key in ("text", "id", "side", "name", "kind")}
    via = [{"text": v.get("text"), "id": v.get("id")} for v in (row.get("via") or []) if v] if "via" in row else None
    return claim_from_properties(c, speaker, via)
