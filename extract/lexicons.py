"""Load the linguist-editable lexicons in extract/lexicon/ into folded look-up tables, once."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from extract.normalize import fold
from extract.tokens import PhraseTable

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


def read_tsv(name: str, directory: Path = LEXICON_DIR) -> list[dict[str, str]]:
    """Rows of a lexicon TSV: '#' lines are comments, the first other line is the header."""
    path = directory / name
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, restval=""))
    for number, row in enumerate(rows, 2):
        if None in row or not row[next(iter(row))]:
            raise ValueError(f"{path}: row {number} has too many columns or an empty first column: {row}")
    return rows


def phrase_key(form: str) -> tuple[str, ...]:
    """A lexicon form as the tuple of folded words the matcher compares token by token."""
    return tuple(fold(form).split())


@dataclass(frozen=True)
class Cue:
    """A reporting cue from reporting_verbs.tsv."""

    kind: str
    position: str


@dataclass(frozen=True)
class MeasureCue:
    """A measure word from measures.tsv."""

    measure: str
    type: str
    voice: str


@dataclass(frozen=True)
class TargetNoun:
    """A counted noun from targets.tsv."""

    group: str
    singular: bool
    kind: str


@dataclass(frozen=True)
class NumberWord:
    """A number word from number_words.tsv: a value, or a vague quantity (dozens, hundreds, thousands)."""

    value: int | None
    vague: str | None


@dataclass(frozen=True)
class Institution:
    """An office from institutions.tsv."""

    key: str
    kind: str


@dataclass(frozen=True)
class Lexicons:
    """Every lexicon, keyed by folded word tuples."""

    def same_camp(self, side_a: str | None, side_b: str | None) -> bool:
        """Whether two sides fight on the same side (or are the same side)."""
        if side_a is None or side_b is None:
            return False
        return side_a == side_b or any(side_a in camp and side_b in camp for camp in self.camps)

    reporting: PhraseTable[Cue]
    attribution: PhraseTable[str]
    complement: frozenset[str]
    qualifiers: PhraseTable[str]
    numbers: dict[str, NumberWord]
    measures: PhraseTable[MeasureCue]
    targets: PhraseTable[TargetNoun]
    nisba: dict[str, str]
    institutions: PhraseTable[Institution]
    total_verbs: frozenset[str] = frozenset()
    opponents: dict[str, list[str]] = field(default_factory=dict)
    camps: list[frozenset[str]] = field(default_factory=list)
    assertions: PhraseTable[str] = field(default_factory=lambda: PhraseTable({}))
    allies: dict[str, str] = field(default_factory=dict)


@functools.cache
def load_lexicons(directory: Path = LEXICON_DIR) -> Lexicons:
    """Read every lexicon file in ``directory``."""
    conflicts = yaml.safe_load((directory / "conflicts.yaml").read_text(encoding="utf-8")) or {}
    return Lexicons(
        reporting=PhraseTable(
            {phrase_key(r["form"]): Cue(r["kind"], r["position"]) for r in read_tsv("reporting_verbs.tsv")}
        ),
        attribution=PhraseTable({phrase_key(r["form"]): r["kind"] for r in read_tsv("attribution_phrases.tsv")}),
        complement=frozenset(fold(r["form"]) for r in read_tsv("complement_markers.tsv")),
        qualifiers=PhraseTable({phrase_key(r["form"]): r["qualifier"] for r in read_tsv("qualifiers.tsv")}),
        numbers={
            fold(r["form"]): NumberWord(int(r["value"]) if r["value"] else None, r["vague"] or None)
            for r in read_tsv("number_words.tsv")
        },
        measures=PhraseTable(
            {phrase_key(r["form"]): MeasureCue(r["measure"], r["type"], r["voice"]) for r in read_tsv("measures.tsv")}
        ),
        targets=PhraseTable(
            {
                phrase_key(r["form"]): TargetNoun(r["group"], r["singular"] == "yes", r["kind"])
                for r in read_tsv("targets.tsv")
            }
        ),
        nisba={fold(r["stem"]): r["side"] for r in read_tsv("nisba.tsv")},
        institutions=PhraseTable(
            {phrase_key(r["form"]): Institution(r["key"], r["kind"]) for r in read_tsv("institutions.tsv")}
        ),
        total_verbs=frozenset(fold(r["form"]) for r in read_tsv("total_verbs.tsv")),
        opponents={side: list(others) for side, others in (conflicts.get("opponents") or {}).items()},
        allies=dict(conflicts.get("allies") or {}),
        camps=[frozenset(camp) for camp in conflicts.get("camps") or []],
        assertions=PhraseTable({phrase_key(r["form"]): r["assertion"] for r in read_tsv("assertions.tsv")}),
    )
