"""Events: what claims are about (a strike, a clash, a downing), made from an article's claims and merged across
articles and outlets when type, place and time agree.

An article's claims are grouped by event type (the claim's own event word, else the article's most frequent one)
and place (the claim's, else the article's most frequent one for that type). A group with a place and a date meets
the stored events of the same type and place (an indexed key, never a scan) whose days come within
EVENT_WINDOW_DAYS of its own, and joins the nearest; otherwise it becomes a new event. A group without a place or a
date stays an event of its article alone: nothing says it is the one another outlet reported. A merge that proves
wrong is undone by ClaimStore.split_event.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from claimgraph.ontology import load_actors
from claimgraph.ontology.text import fold

EVENT_WINDOW_DAYS = 1  # reports of one event come out the same day or the next
# An event is looked up by the day it started (an indexed key: a lookup reads the events of a few days, not the
# history of a place), up to this many days before a new report: reports that trail an event by more start anew.
EVENT_MAX_DAYS = 7
# Words that name the kind of place rather than the place («إقليم قره باغ» is قره باغ).
_PLACE_HEADS = {fold(w) for w in "إقليم اقليم مدينة منطقة بلدة قرية محافظة ولاية مقاطعة جمهورية".split()}


def _words(place: str) -> str:
    """A place's words folded, without the article and the kind-of-place word, and without a conjunction or
    preposition written on the article or on a kind-of-place word («والحديدة»، «للحديدة»، «ومدينة حلب»)."""
    words = fold(place).split()
    if words:
        first = words[0]
        clitic = next((c for c in ("وال", "بال", "فال", "لل") if first.startswith(c) and len(first) > len(c) + 2), None)
        if clitic is not None:
            words[0] = first[len(clitic) :]
        elif first[:1] in {"و", "ب", "ف", "ل"} and first[1:] in _PLACE_HEADS:
            words[0] = first[1:]
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words]
    return " ".join(w for w in words if w not in _PLACE_HEADS)


@functools.cache
def _regions() -> dict[str, str]:
    """A region's spellings (the gazetteer's names of a region: «ناغورنو كاراباخ», «قره باغ», «كاراباخ») → one key.
    States are left out: their names include their capitals (دمشق for Syria), another place than the country."""
    return {
        _words(name): "region:" + entry.id for entry in load_actors() if entry.kind == "region" for name in entry.names
    }


@functools.cache
def _known_places() -> frozenset[str]:
    """Every state's and region's names in the gazetteer, as _words gives them."""
    return frozenset(
        _words(name) for entry in load_actors() if entry.kind in {"state", "region"} for name in entry.names
    )


def place_key(place: str | None) -> str | None:
    """A place as compared: folded, without the kind-of-place word and the article («إقليم قره باغ» = «قره باغ»),
    a region under one key whatever its spelling («ناغورنو كاراباخ» = «قره باغ»), and without a conjunction or
    preposition left on it («وأذربيجان» = «أذربيجان»: only when what remains is a known place, «واشنطن» stays)."""
    if not place:
        return None
    words = _words(place)
    if words[:1] in {"و", "ب", "ف", "ل"} and words[1:] in _known_places() and words not in _known_places():
        words = words[1:]
    return _regions().get(words, words) or None


def event_key(event_type: str, place: str | None) -> str | None:
    """The key events are merged on (type and place); None for an event that cannot be merged."""
    key = place_key(place)
    return f"{event_type}|{key}" if key else None


def day_key(key: str | None, day: str | None) -> str | None:
    """The indexed key events are found by: type, place and first day."""
    return f"{key}|{day}" if key and day else None


@dataclass
class EventReading:
    """One event as an article's claims describe it."""

    type: str
    place: str | None
    start: str | None
    end: str | None
    article_id: str
    claim_ids: list[str] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)

    @property
    def key(self) -> str | None:
        return event_key(self.type, self.place) if self.start else None

    def new_id(self) -> str:
        """A new event's id: its key (or its article, for one that cannot be merged) and its first day."""
        basis = "|".join([self.key or f"{self.type}|{self.place or ''}|{self.article_id}", self.start or ""])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]

    def row(self, event_id: str) -> dict[str, Any]:
        return {
            "id": event_id,
            "type": self.type,
            "place": self.place,
            "place_key": place_key(self.place),
            "key": self.key,
            "day_key": day_key(self.key, self.start),
            "date_start": self.start,
            "date_end": self.end,
            "participants": sorted(self.participants),
            "claims": self.claim_ids,
        }


def _days(claim: dict[str, Any]) -> tuple[str | None, str | None]:
    """The days a claim's event happened: the period its words give, unless that is a running total (which starts
    with the war, not the event), else the day it was reported."""
    period = claim.get("period") or {}
    if period.get("start") and not period.get("cumulative"):
        return period["start"], period.get("end") or period["start"]
    return claim.get("date"), claim.get("date")


def _most_common(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def read_events(claims: list[dict[str, Any]]) -> list[EventReading]:
    """The events one article's claims are about (claims of an article without any event word are about none)."""
    if not claims:
        return []
    article_type = _most_common([c.get("event") for c in claims])
    groups: dict[tuple[str, str | None], EventReading] = {}
    for claim in claims:
        event_type = claim.get("event") or article_type
        if event_type is None:
            continue
        place = claim.get("place") or _most_common(
            [c.get("place") for c in claims if (c.get("event") or article_type) == event_type]
        )
        reading = groups.setdefault(
            (event_type, place_key(place)),
            EventReading(type=event_type, place=place, start=None, end=None, article_id=claim["article_id"]),
        )
        reading.claim_ids.append(claim["id"])
        start, end = _days(claim)
        if start:
            reading.start = min(filter(None, [reading.start, start]))
            reading.end = max(filter(None, [reading.end, end]))
        for side in ((claim.get("speaker") or {}).get("side"), (claim.get("target") or {}).get("side")):
            if side:
                reading.participants.add(side)
    return list(groups.values())


def window(reading: EventReading) -> tuple[str, str]:
    """The days an event must touch to be this reading's: its own, widened by EVENT_WINDOW_DAYS either side."""
    assert reading.start and reading.end
    slack = timedelta(days=EVENT_WINDOW_DAYS)
    return (
        (date.fromisoformat(reading.start) - slack).isoformat(),
        (date.fromisoformat(reading.end) + slack).isoformat(),
    )


def lookup(reading: EventReading) -> dict[str, Any]:
    """The candidate query for a reading: the day keys of events that may have started in time to touch its
    window (EVENT_MAX_DAYS before it, to the end of its window), and the window."""
    low, high = window(reading)
    first = date.fromisoformat(reading.start or low) - timedelta(days=EVENT_MAX_DAYS)
    days = (date.fromisoformat(high) - first).days
    keys = [day_key(reading.key, (first + timedelta(days=k)).isoformat()) for k in range(days + 1)]
    return {"keys": keys, "low": low, "high": high}


def choose(reading: EventReading, candidates: list[dict[str, Any]]) -> str | None:
    """The stored event a reading joins: of the candidates with its key whose days touch its window, the nearest
    in time (then the one with the earliest id, so that the choice does not depend on the order of the rows)."""
    if not reading.key:
        return None
    low, high = window(reading)
    fitting = [
        e
        for e in candidates
        if e["key"] == reading.key and e.get("date_start") and e["date_start"] <= high and e["date_end"] >= low
    ]
    if not fitting:
        return None

    def distance(e: dict[str, Any]) -> tuple[int, str]:
        gap = max(
            (date.fromisoformat(e["date_start"]) - date.fromisoformat(reading.end or reading.start or "")).days,
            (date.fromisoformat(reading.start or "") - date.fromisoformat(e["date_end"])).days,
            0,
        )
        return gap, e["id"]

    return min(fitting, key=distance)["id"]


def claim_fields(claim: Any, article_id: str) -> dict[str, Any]:
    """What read_events reads of a Claim (extract/types.py), without the rest of its interchange form."""
    return {
        "id": claim.id,
        "article_id": article_id,
        "event": claim.event,
        "place": claim.place,
        "date": claim.date,
        "period": {"start": claim.period_start, "end": claim.period_end, "cumulative": claim.cumulative},
        "speaker": {"side": claim.speaker.side} if claim.speaker else None,
        "target": {"side": claim.target.side} if claim.target else None,
    }


def load_rows(article_id: str, claims: list[Any]) -> list[dict[str, Any]]:
    """An article's events for a load of articles whose claims are already known: no stored event is looked up,
    each event's id comes from its type, place and first day, so reports of the same day at the same place share
    one event (graph/store.py:ClaimStore.load, graph/falkor_bulk.py)."""
    return [r.row(r.new_id()) for r in read_events([claim_fields(c, article_id) for c in claims])]
