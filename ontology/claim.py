"""The claim and what it is made of, declared once: the article as read, the actors, the target, the claim and the
relations between claims. Extraction produces them, the graph stores them, the API serves them."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from claimgraph.ontology.text import identity_text
from pydantic import BaseModel, ConfigDict, Field, model_validator

ClaimType = Literal["casualty", "equipment", "territory", "deployment", "denial", "accusation", "statement"]
# "range" extends ../shared/eval/FORMAT.md: value is the lower bound and value_max the upper one («30-40»).
Qualifier = Literal[
    "exact", "about", "more_than", "at_least", "less_than", "at_most", "dozens", "hundreds", "thousands", "range"
]


class StrictModel(BaseModel):
    """Unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ArticleInput(StrictModel):
    """An article as read from disk or a request, before any NLP.

    ``name`` is what the user knows the article by (file stem or record id); ``text`` is the raw text, exactly as
    decoded, and every offset the project reports points into it.
    """

    name: str = Field(min_length=1)
    text: str
    headline: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    source: str | None = Field(default=None, description="where it was read from (a path), for error messages")

    @functools.cached_property
    def content_id(self) -> str:
        """The article's identity: a hash of its normalised text, so the same text ingested twice is one article."""
        return hashlib.sha256(identity_text(self.text).encode("utf-8")).hexdigest()[:32]


class ActorRef(StrictModel):
    """An actor as mentioned: surface text and where it resolves in the gazetteer (or a new slug)."""

    text: str
    id: str
    side: str | None = None
    kind: str | None = None
    en: str | None = None


class Target(StrictModel):
    """Whose losses or position a claim is about."""

    side: str | None = None
    group: str | None = None


class Claim(StrictModel):
    """One claim: who said what, with which number, relayed by whom, and the exact span of raw text."""

    article: str = Field(description="the article's name as ingested")
    article_id: str | None = Field(default=None, description="the article's content hash")
    span: tuple[int, int]
    quote: str
    speaker: ActorRef | None
    via: list[ActorRef] = Field(default_factory=list)
    type: ClaimType
    measure: str | None = None
    value: int | None = None
    value_max: int | None = Field(default=None, description="upper bound when the qualifier is range")
    fraction: float | None = Field(
        default=None, gt=0, le=1, description="a share of the counted and no count («نصف قادة الحزب»: 0.5)"
    )
    qualifier: Qualifier | None = None
    target: Target | None = None
    denies: tuple[int, int] | None = None
    assertion: str | None = Field(default=None, description="a territorial assertion (extract/lexicon/assertions.tsv)")
    sentence: tuple[int, int] = Field(description="the span of the sentence the claim was read from")
    cue: str | None = Field(default=None, description="the reporting verb or phrase that attributes the claim")
    date: str | None = Field(default=None, description="the article's publication date, if known")
    period_start: str | None = Field(default=None, description="first day the claim covers (ISO date)")
    period_end: str | None = Field(default=None, description="last day the claim covers (ISO date)")
    cumulative: bool = Field(default=False, description="a running total («منذ الأحد», «حتى الآن»)")
    event: str | None = Field(default=None, description="what the claim is about: clash, shelling, downing, ...")
    place: str | None = Field(default=None, description="where, as written")

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Claim:
        if self.span[0] > self.span[1]:
            raise ValueError(f"span {self.span} is reversed")
        return self

    @property
    def id(self) -> str:
        """A stable identity: the same article, span and reading always give the same claim id."""
        key = "|".join(
            str(part)
            for part in (
                self.article_id or self.article,
                self.span[0],
                self.span[1],
                self.type,
                self.measure,
                self.value,
                self.qualifier,
            )
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]

    def to_interchange(self) -> dict:
        """The claim in the JSON-lines format of ../shared/eval/FORMAT.md (plus an id and the sentence)."""
        return {
            "id": self.id,
            "article": self.article,
            "article_id": self.article_id,
            "span": list(self.span),
            "quote": self.quote,
            "speaker": None
            if self.speaker is None
            else {"text": self.speaker.text, "id": self.speaker.id, "side": self.speaker.side},
            "via": [{"text": v.text, "id": v.id} for v in self.via],
            "type": self.type,
            "measure": self.measure,
            "value": self.value,
            "value_max": self.value_max,
            "fraction": self.fraction,
            "qualifier": self.qualifier,
            "target": None if self.target is None else self.target.model_dump(),
            "denies": None if self.denies is None else list(self.denies),
            "assertion": self.assertion,
            "sentence": list(self.sentence),
            "cue": self.cue,
            "date": self.date,
            "period": {"start": self.period_start, "end": self.period_end, "cumulative": self.cumulative},
            "event": self.event,
            "place": self.place,
        }


class Relation(StrictModel):
    """A contradiction or corroboration between two stored claims."""

    kind: Literal["contradicts", "corroborates", "revises"]
    reason: str
    a: str = Field(description="claim id")
    b: str = Field(description="claim id")
    explanation: str = Field(description="one English sentence a fact-checker can read (the API)")
    explanation_ar: str | None = Field(default=None, description="the same in one Arabic sentence (the page)")


# The claim as node properties, declared once: both engines store only scalars and lists of scalars, so nested
# parts are flattened here. The store's rows and the Cypher that writes them (graph/cypher.py:CLAIM_PROPERTIES) are
# this table's keys; `claim_from_properties` reads them back into the interchange shape (`Claim.to_interchange`),
# which the API's ClaimPublic, the RDF mapping and the command line take.
def _pair(value: tuple[int, int] | None, k: int) -> int | None:
    return value[k] if value is not None else None


CLAIM_PROPERTIES: dict[str, Callable[[Claim], Any]] = {
    "id": lambda c: c.id,
    "article_id": lambda c: c.article_id,
    "article_name": lambda c: c.article,
    "type": lambda c: c.type,
    "measure": lambda c: c.measure,
    "value": lambda c: c.value,
    "value_max": lambda c: c.value_max,
    "fraction": lambda c: c.fraction,
    "qualifier": lambda c: c.qualifier,
    "target_side": lambda c: c.target.side if c.target else None,
    "target_group": lambda c: c.target.group if c.target else None,
    "quote": lambda c: c.quote,
    "span_start": lambda c: c.span[0],
    "span_end": lambda c: c.span[1],
    "sentence_start": lambda c: c.sentence[0],
    "sentence_end": lambda c: c.sentence[1],
    "speaker_text": lambda c: c.speaker.text if c.speaker else None,
    "speaker_id": lambda c: c.speaker.id if c.speaker else None,
    "speaker_side": lambda c: c.speaker.side if c.speaker else None,
    "via_ids": lambda c: [v.id for v in c.via],
    "cue": lambda c: c.cue,
    "date": lambda c: c.date,
    "denies_start": lambda c: _pair(c.denies, 0),
    "denies_end": lambda c: _pair(c.denies, 1),
    "assertion": lambda c: c.assertion,
    "period_start": lambda c: c.period_start,
    "period_end": lambda c: c.period_end,
    "cumulative": lambda c: c.cumulative,
    "event": lambda c: c.event,
    "place": lambda c: c.place,
}


def claim_properties(claim: Claim) -> dict[str, Any]:
    """The claim's node properties, in CLAIM_PROPERTIES order."""
    return {name: read(claim) for name, read in CLAIM_PROPERTIES.items()}


_OWN_COPY: Any = object()


def claim_from_properties(
    c: Mapping[str, Any], speaker: dict[str, Any] | None = _OWN_COPY, via: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Stored properties back in the interchange shape. ``speaker`` and ``via``: the actors as the graph holds them
    (with their names); when not given, the claim's own copy of its speaker and its relays' ids."""
    if speaker is _OWN_COPY:
        speaker = None
        if c.get("speaker_id"):
            speaker = {"text": c.get("speaker_text"), "id": c.get("speaker_id"), "side": c.get("speaker_side")}
    target = None
    if c.get("target_side") is not None or c.get("target_group") is not None:
        target = {"side": c.get("target_side"), "group": c.get("target_group")}
    return {
        "id": c.get("id"),
        "article": c.get("article_name"),
        "article_id": c.get("article_id"),
        "span": [c.get("span_start"), c.get("span_end")],
        "quote": c.get("quote"),
        "speaker": speaker,
        "via": via if via is not None else [{"text": None, "id": i} for i in c.get("via_ids") or []],
        "type": c.get("type"),
        "measure": c.get("measure"),
        "value": c.get("value"),
        "value_max": c.get("value_max"),
        "fraction": c.get("fraction"),
        "qualifier": c.get("qualifier"),
        "target": target,
        "denies": None if c.get("denies_start") is None else [c.get("denies_start"), c.get("denies_end")],
        "assertion": c.get("assertion"),
        "sentence": [c.get("sentence_start"), c.get("sentence_end")],
        "cue": c.get("cue"),
        "date": c.get("date"),
        "period": {"start": c.get("period_start"), "end": c.get("period_end"), "cumulative": bool(c.get("cumulative"))},
        "event": c.get("event"),
        "place": c.get("place"),
    }
