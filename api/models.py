"""Response and request shapes of the API (one shape per direction; lists as data + count)."""

from __future__ import annotations

from datetime import date
from typing import Any

from claimgraph.api.presentation import article_display
from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

from claimgraph.errors import QueryError

INT64_MAX = 2**63 - 1  # the engines' integers: a larger offset or value would wrap or be clamped (422 instead)
MAX_PAGE = 1000
# Neo4j adds SKIP and LIMIT in 64 bits: an offset this far from the end keeps the sum in range.
MAX_OFFSET = INT64_MAX - MAX_PAGE


class ActorOut(BaseModel):
    text: str | None = Field(None, description="the words of the text that name the speaker here")
    id: str | None = None
    side: str | None = None
    name: str | None = Field(None, description="the words the actor was first stored under")
    kind: str | None = None
    canonical_name: str | None = Field(None, description="the actor's name in the gazetteer (ontology/actors.yaml)")


class RelayOut(BaseModel):
    text: str | None = None
    id: str | None = None


class TargetOut(BaseModel):
    side: str | None = None
    group: str | None = None


class PeriodOut(BaseModel):
    start: str | None = None
    end: str | None = None
    cumulative: bool = False


class ArticleLabel(BaseModel):
    """What a claim shows of its article."""

    name: str | None = None
    outlet: str | None = None
    headline: str | None = None
    published: str | None = None
    display: str | None = Field(None, description="outlet · headline · date, what is known of them")


class ClaimPublic(BaseModel):
    """A claim as stored, in the shape of ../shared/eval/FORMAT.md plus ids."""

    id: str
    article: str | None
    article_id: str | None
    span: list[int | None]
    quote: str | None
    speaker: ActorOut | None
    via: list[RelayOut]
    type: str | None
    measure: str | None = None
    value: int | None = None
    value_max: int | None = None
    fraction: float | None = None
    qualifier: str | None = None
    target: TargetOut | None = None
    denies: list[int | None] | None = None
    assertion: str | None = None
    sentence: list[int | None]
    cue: str | None = None
    date: str | None = None
    period: PeriodOut | None = None
    event: str | None = None
    place: str | None = None
    article_label: ArticleLabel | None = None


class ClaimsPublic(BaseModel):
    data: list[ClaimPublic]
    count: int = Field(description="claims matching the filters, over all pages")
    offset: int
    limit: int


class ArticlePublic(BaseModel):
    id: str
    name: str
    headline: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    claim_count: int | None = None
    ingested_at: str | None = None

    @computed_field(description="outlet · headline · date, what is known of them")  # type: ignore[prop-decorator]
    @property
    def display(self) -> str | None:
        return article_display(self.model_dump(include={"name", "outlet", "headline", "published"}))


class ArticlesPublic(BaseModel):
    data: list[ArticlePublic]
    count: int


class Span(BaseModel):
    start: int | None
    end: int | None
    text: str


class Provenance(BaseModel):
    """Speaker → relays → article → sentence → span."""

    claim: ClaimPublic
    speaker: ActorOut | None
    via: list[RelayOut]
    article: ArticlePublic
    sentence: Span
    span: Span


class RelationPublic(BaseModel):
    kind: str
    reason: str | None
    explanation: str | None = Field(description="one English sentence a fact-checker can read")
    explanation_ar: str | None = Field(default=None, description="the same in one Arabic sentence")
    a: ClaimPublic | None
    b: ClaimPublic | None


class RelationsPublic(BaseModel):
    data: list[RelationPublic]
    count: int


class EventOut(BaseModel):
    """An event as stored: what happened, where, on which days, and the sides reporting on it or concerned."""

    id: str
    type: str
    place: str | None = None
    place_key: str | None = None
    key: str | None = Field(default=None, description="type|place events are merged on; null: never merged")
    date_start: str | None = None
    date_end: str | None = None
    participants: list[str] = Field(default_factory=list)
    split_from: str | None = Field(default=None, description="the event this one was split from")


class EventSummary(EventOut):
    claims: int
    articles: int
    contradictions: int


class EventsPublic(BaseModel):
    data: list[EventSummary]
    count: int = Field(description="events matching the filters, over all pages")
    offset: int
    limit: int


class SpeakerClaims(BaseModel):
    side: str | None
    speaker: ActorOut | None
    claims: list[ClaimPublic]


class Figure(BaseModel):
    speaker: str | None
    speaker_id: str | None
    side: str | None
    value: int | None
    qualifier: str | None
    claim_id: str
    article: str | None
    date: str | None


class FigureRow(BaseModel):
    """One count of the event (measure and target) with every speaker's figure for it."""

    measure: str
    target: TargetOut | None
    figures: list[Figure]


class EventPublic(BaseModel):
    """An event with every claim about it, grouped by side and speaker, its figures side by side and the relations
    of its claims."""

    event: EventOut
    articles: list[str]
    claims: list[ClaimPublic]
    speakers: list[SpeakerClaims]
    figures: list[FigureRow]
    relations: list[RelationPublic]


class EventSplit(BaseModel):
    """Articles whose claims leave an event for a new one (a merge that proved wrong)."""

    model_config = ConfigDict(extra="forbid")

    articles: list[str] = Field(min_length=1, max_length=1000, description="article names or content ids")


class EventSplitOut(BaseModel):
    event: str
    new_event: str


class SourceGroup(BaseModel):
    articles: list[str]
    claims: list[str]
    joined_because: list[str]


class SourcesPublic(BaseModel):
    """A claim's reports and how many independent sources they amount to."""

    claim_id: str
    reports: int
    independent_sources: int
    groups: list[SourceGroup]


class SpeakerCount(BaseModel):
    speaker: str
    name: str | None = None
    side: str | None = None
    claims: int


class SpeakerOfNumber(BaseModel):
    speaker: str | None = Field(description="actor id; null for figures no one is quoted as giving")
    name: str | None = None
    side: str | None = None
    claims: int
    first_date: str | None = None
    last_date: str | None = None
    claim_ids: list[str] = Field(description="up to five of the claims, to open with /claims/{id}")


class WhoClaimedPublic(BaseModel):
    value: int
    measure: str | None = None
    speakers: list[SpeakerOfNumber] = Field(description="most claims first, at most `limit`")
    claims: int = Field(description="claims of this number, over all speakers")
    limit: int


class ActorsPublic(BaseModel):
    data: list[SpeakerCount]
    count: int


class ActorPublic(BaseModel):
    """An actor as stored, all its claims, and its numeric claims in time order."""

    actor: dict[str, Any]
    claims: list[ClaimPublic]
    timeline: list[ClaimPublic]


class QueryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("params")
    @classmethod
    def _params_fit_the_engines(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Integers outside 64 bits are refused (422) rather than clamped or wrapped by an engine without a word."""
        from claimgraph.graph.query_guard import check_params

        try:
            check_params(params)
        except QueryError as err:
            raise ValueError(str(err)) from err
        return params


class QueryOut(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float
    engine: str


class ArticleCreate(BaseModel):
    """An article to ingest, as one record of a .jsonl batch."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=5_000_000)
    headline: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _empty_is_unknown(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


class IngestOut(BaseModel):
    article_id: str
    name: str
    new: bool
    claims: int
    relations: int


class Health(BaseModel):
    ok: bool
    engine: str
    stats: dict[str, int]


class ErrorOut(BaseModel):
    """Every error, HTML or JSON, has this shape."""

    ok: bool = False
    error: str
    errors: list[Any] = Field(default_factory=list)
    status: int
