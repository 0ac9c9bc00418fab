"""The store's events: written with each article, listed with filters, shown whole, and split when a merge was
wrong. Mixed into graph/store.py:ClaimStore, which provides the engine primitives (_read, _write)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from claimgraph.graph import cypher
from claimgraph.graph.events import EventReading, choose, day_key, lookup, place_key, read_events

Statement = tuple[str, dict[str, Any]]
COUNTED = {"casualty", "equipment", "territory", "deployment"}


@dataclass
class EventFilter:
    """Optional filters for listing events; None means no filter."""

    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    side: str | None = None
    type: str | None = None
    offset: int = 0
    limit: int = 50

    def given(self) -> dict[str, Any]:
        values = {
            "place": place_key(self.place),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "actor": self.actor,
            "side": self.side,
            "type": self.type,
        }
        return {k: v for k, v in values.items() if v is not None}


class EventStore:
    """Events of a ClaimStore (which gives _read, _write and get_claims)."""

    _read: Any
    _write: Any
    get_claims: Any

    def event_statements(self, claims: list[dict[str, Any]]) -> list[Statement]:
        """What writing one article's claims does to events: each event they describe joins the stored event of the
        same type and place whose days touch its own (one indexed read for all of them), or is created."""
        readings = read_events(claims)
        queries = [lookup(r) for r in readings if r.key]
        candidates = self._read(cypher.EVENT_CANDIDATES, {"queries": queries}) if queries else []
        rows = [r.row(choose(r, candidates) or r.new_id()) for r in readings]
        return [(cypher.MERGE_EVENTS, {"rows": rows})] if rows else []

    def list_events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """A page of events, latest first, each with its numbers of claims, articles and contradictions."""
        flt = flt or EventFilter()
        given = flt.given()
        rows = self._read(cypher.find_events(list(given)), {**given, "offset": flt.offset, "limit": flt.limit})
        out = [
            {
                **row["event"],
                "claims": row["claims"],
                "articles": row["articles"],
                "contradictions": row["contradictions"],
            }
            for row in rows
        ]
        out.sort(key=lambda e: (e.get("date_start") or "", e["id"]), reverse=True)
        return out

    def count_events(self, flt: EventFilter | None = None) -> int:
        given = (flt or EventFilter()).given()
        return int(self._read(cypher.count_events(list(given)), given)[0]["n"])

    def event(self, event_id: str) -> dict[str, Any] | None:
        """An event with every claim about it grouped by side and speaker, its figures side by side, and the
        relations of its claims (both claims filled in)."""
        from claimgraph.graph.rows import claim_out

        rows = self._read(cypher.EVENT, {"id": event_id})
        if not rows:
            return None
        claims = [claim_out(row) for row in self._read(cypher.CLAIMS_OF_EVENT, {"id": event_id})]
        relations = self._read(cypher.RELATIONS_OF_EVENT, {"id": event_id})
        by_id = {c["id"]: c for c in claims}
        missing = sorted({r[end] for r in relations for end in ("a", "b")} - set(by_id))
        if missing:
            by_id.update({c["id"]: c for c in self.get_claims(missing)})
        return {
            "event": rows[0]["event"],
            "claims": claims,
            "articles": sorted({c["article"] for c in claims if c["article"]}),
            "speakers": speakers(claims),
            "figures": figures(claims),
            "relations": [
                {
                    "kind": r["kind"].lower(),
                    "reason": r.get("reason"),
                    "explanation": r.get("explanation"),
                    "explanation_ar": r.get("explanation_ar"),
                    "a": by_id.get(r["a"]),
                    "b": by_id.get(r["b"]),
                }
                for r in relations
            ],
        }

    def event_of_claim(self, claim_id: str) -> dict[str, Any] | None:
        """The event a claim is about (None for a claim about none)."""
        rows = self._read(cypher.EVENT_OF_CLAIM, {"id": claim_id})
        return rows[0]["event"] if rows else None

    def events_of_articles(self, ids: list[str]) -> list[dict[str, Any]]:
        """The events the claims of the given articles (by content id) are about, each with those claims' ids."""
        return self._read(cypher.EVENTS_OF_ARTICLES, {"ids": ids})

    def split_event(self, event_id: str, articles: list[str]) -> str | None:
        """Undo a wrong merge: the claims of the given articles (by content id or name) leave the event for a new
        one of the same type and place; both events' days and participants are set again from their claims.
        Returns the new event's id, or None when the event is unknown or the articles are none of its own."""
        from claimgraph.graph.rows import claim_out

        found = self._read(cypher.EVENT, {"id": event_id})
        if not found:
            return None
        event = found[0]["event"]
        claims = [claim_out(row) for row in self._read(cypher.CLAIMS_OF_EVENT, {"id": event_id})]
        wanted = set(articles)
        moved = [c for c in claims if c["article_id"] in wanted or c["article"] in wanted]
        if not moved or len(moved) == len(claims):
            return None
        moved_articles = sorted({c["article_id"] for c in moved})
        reading = _span(event, moved)
        new_id = hashlib.sha256("|".join([event_id, *moved_articles]).encode("utf-8")).hexdigest()[:24]
        row = reading.row(new_id)
        kept = _span(event, [c for c in claims if c not in moved])
        self._write(
            [
                (cypher.SPLIT_EVENT, {"id": event_id, "articles": moved_articles, "row": row}),
                (cypher.SET_EVENT_SPAN, _span_params(new_id, reading)),
                (cypher.SET_EVENT_SPAN, _span_params(event_id, kept)),
            ]
        )
        return new_id


def _span(event: dict[str, Any], claims: list[dict[str, Any]]) -> EventReading:
    """An event's type and place with the days and sides of the given claims."""
    reading = EventReading(
        type=event["type"], place=event.get("place"), start=None, end=None, article_id=claims[0]["article_id"]
    )
    for claim in claims:
        day = claim.get("date")
        if day:
            reading.start = min(filter(None, [reading.start, day]))
            reading.end = max(filter(None, [reading.end, day]))
        for side in ((claim.get("speaker") or {}).get("side"), (claim.get("target") or {}).get("side")):
            if side:
                reading.participants.add(side)
    return reading


def _span_params(event_id: str, reading: EventReading) -> dict[str, Any]:
    return {
        "id": event_id,
        "day_key": day_key(reading.key, reading.start),
        "date_start": reading.start,
        "date_end": reading.end,
        "participants": sorted(reading.participants),
    }


def speakers(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims grouped by side, then speaker (unattributed reports last)."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for claim in claims:
        speaker = claim.get("speaker") or {}
        key = (speaker.get("side") or "~", speaker.get("id") or "~")
        group = groups.setdefault(key, {"side": speaker.get("side"), "speaker": claim.get("speaker"), "claims": []})
        group["claims"].append(claim)
    return [groups[key] for key in sorted(groups)]


def figures(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each count of the event (measure and target) with every speaker's figure for it, side by side."""
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for claim in claims:
        if claim.get("type") not in COUNTED or not claim.get("measure"):
            continue
        if claim.get("value") is None and claim.get("qualifier") not in {"dozens", "hundreds", "thousands"}:
            continue
        target = claim.get("target") or {}
        key = (claim["measure"], target.get("side") or "", target.get("group") or "")
        row = rows.setdefault(key, {"measure": claim["measure"], "target": claim.get("target"), "figures": []})
        speaker = claim.get("speaker") or {}
        row["figures"].append(
            {
                "speaker": speaker.get("text"),
                "speaker_id": speaker.get("id"),
                "side": speaker.get("side"),
                "value": claim.get("value"),
                "qualifier": claim.get("qualifier"),
                "claim_id": claim["id"],
                "article": claim.get("article"),
                "date": claim.get("date"),
            }
        )
    return [rows[key] for key in sorted(rows)]
