"""The claim and what it is made of, declared once: the article as read, the actors, the target, the claim and the
relations between claims. Extraction produces them, the graph stores them, the API serves them."""

from __future__ import annotations

import functools
import hashlib
from datetime import date
from typing import Literal

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
