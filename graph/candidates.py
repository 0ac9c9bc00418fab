"""The indexed keys a new claim meets its candidates by (the same count, the same speaker's series, claims about a
denier's side), and the windows of days they span: comparisons read a few indexed rows, never the whole graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from claimgraph.graph.compare import PART_MEASURES

SPEAKER_CANDIDATES = 10  # a speaker's latest claims compared with a new one (corroboration, revision)
STATEMENT_WINDOW_DAYS = 3  # the same statement is looked for in reports this many days either side
DENIAL_WINDOW_DAYS = 3  # a denial is looked for claims about the denier's side this many days before it
DENIAL_CANDIDATES = 50  # at most this many (the latest) per denial


def nested_measures(measure: str) -> set[str]:
    """The measures a count of ``measure`` is compared with besides its own: its whole and its parts."""
    return (
        {PART_MEASURES[measure]} if measure in PART_MEASURES else {p for p, w in PART_MEASURES.items() if w == measure}
    )


def count_key(day: str | None, measure: str | None, group: str | None) -> str | None:
    """A count's period key: its date, measure and target group (indexed; the candidates of a new count share it).
    graph/cypher.py:BACKFILL_COUNT_KEYS writes the same text in Cypher."""
    if not day or not measure:
        return None
    return f"{day}|{measure}|{group or ''}"


def target_key(day: str | None, side: str | None) -> str | None:
    """Whose losses or position a claim is about, and when (indexed: a denial by that side meets it)."""
    if not day or not side:
        return None
    return f"{day}|{side}"


def speaker_side(claim: dict[str, Any]) -> str | None:
    return (claim.get("speaker") or {}).get("side")


def series_key(
    speaker_id: str | None, claim_type: str | None, measure: str | None, group: str | None, day: str | None
) -> str | None:
    """A claim's series: one speaker's claims of one type, measure and target group in one month (indexed)."""
    if not speaker_id:
        return None
    return "|".join([speaker_id, claim_type or "", measure or "", group or "", (day or "")[:7]])


def months_of(day: str | None, window: dict[str, str | None]) -> list[str]:
    """The months whose series may hold a claim's candidates: its own and the one before (a revision may come
    weeks later), for a statement the months its ±days window touches, and the undated series ("": an article
    without a date cannot be ruled out). An undated claim only finds undated ones."""
    if not day:
        return [""]
    current = date.fromisoformat(day)
    previous = (current.replace(day=1) - timedelta(days=1)).isoformat()
    edges = [d for d in (window.get("date_from"), window.get("date_to")) if d]
    return sorted({"", current.isoformat()[:7], previous[:7], *(d[:7] for d in edges)})


def statement_window(claim: dict[str, Any]) -> dict[str, str | None]:
    """Dates a statement's copies are looked for in (none for counts, or when the date is unknown)."""
    if claim.get("type") != "statement" or not claim.get("date"):
        return {"date_from": None, "date_to": None}
    day = date.fromisoformat(claim["date"])
    span = timedelta(days=STATEMENT_WINDOW_DAYS)
    return {"date_from": (day - span).isoformat(), "date_to": (day + span).isoformat()}


@dataclass(frozen=True)
class CandidateKeys:
    """What a new article's claims look up: count keys (the same count or its whole), per-claim series queries
    (the same speaker's claims in the months around), and target keys (claims about a denier's side)."""

    counts: set[str]
    series: list[dict[str, Any]]
    about: set[str]


def candidate_keys(claims: list[dict[str, Any]]) -> CandidateKeys:
    """The keys of one article's claims (in the interchange shape)."""
    keys: set[str] = set()
    queries: list[dict[str, Any]] = []
    about: set[str] = set()
    for claim in claims:
        if claim.get("type") == "denial" and claim.get("date") and speaker_side(claim):
            day = date.fromisoformat(claim["date"])
            about |= {
                key
                for k in range(DENIAL_WINDOW_DAYS + 1)
                if (key := target_key((day - timedelta(days=k)).isoformat(), speaker_side(claim)))
            }
        group = (claim.get("target") or {}).get("group")
        if claim.get("measure") and claim.get("date"):
            # Same group (conflicting counts) or the whole (a part exceeding the total), in the same measure or one
            # inside it or around it (the killed within the losses).
            measures = {claim["measure"], *nested_measures(claim["measure"])}
            keys |= {
                key for g in {group or "people", "people"} for m in measures if (key := count_key(claim["date"], m, g))
            }
        speaker_id = (claim.get("speaker") or {}).get("id")
        if speaker_id and (claim.get("type") == "statement" or claim.get("measure")):
            window = statement_window(claim)
            months = months_of(claim.get("date"), window)
            series = [series_key(speaker_id, claim.get("type"), claim.get("measure"), group, m) for m in months]
            queries.append({"n": len(queries), "keys": series, **window})
    return CandidateKeys(keys, queries, about)
