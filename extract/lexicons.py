"""Load the linguist-editable lexicons in extract/lexicon/ into folded look-up tables, once."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.extract.tokens import PhraseTable
from claimgraph.ontology import load_states
from claimgraph.ontology.conflicts import Wars, load_wars
from claimgraph.ontology.text import fold

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
    voice: str  # victim | agent | either


@dataclass(frozen=True)
class TargetNoun:
    """A counted noun from targets.tsv."""

    group: str
    number: str  # sg | pl | du
    kind: str
    possessed: bool = False  # written with a possessive pronoun: the owner's own (جنوده، من مواطنيها)
    side: str | None = None  # whose they are by what the noun says (جنود حفظ السلام: the UN's)

    @property
    def singular(self) -> bool:
        return self.number == "sg"


@dataclass(frozen=True)
class NumberWord:
    """A number word from number_words.tsv: a value with its kind, or a vague quantity (dozens, some, ...)."""

    value: int | None
    kind: str  # unit | teen-unit | ten | teen | hundred | scale | vague | fraction
    vague: str | None = None


# The persons of a past verb after its 3rd person masculine form: قتل → قتلت، قتلوا، قتلا، قتلتا، قتلنا.
_PAST_ENDINGS = ("", "ت", "وا", "ا", "تا", "نا")
# Forms of a counted noun: accusative ا, and the possessive pronouns that make it someone's own (جنوده، عسكرييها).
POSSESSIVES = ("ه", "ها", "هم", "هن", "نا", "كم")


_OBJECT_PRONOUNS = ("", "ه", "ها")


def verb_forms(row: dict[str, str]) -> list[tuple[str, ...]]:
    """A reporting verb's persons (قال، قالت، قالوا) and with an object pronoun («ما قاله»، «ما أعلنته»)."""
    key = phrase_key(row["form"])
    conjugate = row.get("conjugate")
    if conjugate == "past":
        stems = [key[0] + ending for ending in ("", "ت", "ا", "تا")] + [key[0] + "و"]
        stems_alone = [key[0] + "وا"]
    elif conjugate == "present":
        other = "ت" + key[0][1:]
        stems = [key[0], other, key[0] + "ون", other + "ان", key[0] + "ان"]
        stems_alone = []
    else:
        return [key]
    forms = [(stem + pronoun, *key[1:]) for stem in stems for pronoun in _OBJECT_PRONOUNS]
    return [form for form in forms if not form[0].endswith("و")] + [(s, *key[1:]) for s in stems_alone]


def _measure_forms(row: dict[str, str]) -> list[tuple[str, ...]]:
    key = phrase_key(row["form"])
    if row.get("conjugate") != "past":
        if len(key) == 1 and not key[0].endswith(("ا", "ي", "ه", "ء")):
            return [key, (key[0] + "ا",)]  # the accusative of a noun: قتيلا، جريحا، شهيدا
        return [key]
    return [(key[0] + ending, *key[1:]) for ending in _PAST_ENDINGS]


def _target_forms(row: dict[str, str]) -> dict[tuple[str, ...], TargetNoun]:
    """A counted noun, its possessed forms, and for a singular its dual (ة becomes ت before the dual ending)."""
    key = phrase_key(row["form"])
    side = row.get("side") or None
    noun = TargetNoun(row["group"], row["number"], row["kind"], side=side)
    out = {key: noun}
    head = key[0]
    stem = head[:-1] + "ت" if head.endswith("ه") else head
    if not head.endswith(("ه", "ا", "ي")) or head.endswith("ي") and len(head) > 3:
        out.setdefault((head + "ا", *key[1:]), noun)  # the accusative: جنديا، قتيلا، شخصا
    owned = TargetNoun(row["group"], row["number"], row["kind"], possessed=True, side=side)
    owner_stem = head[:-2] + "ي" if head.endswith(("ين", "ون")) else stem  # مواطنين → مواطنيها
    if owner_stem != stem:
        out.setdefault((owner_stem, *key[1:]), noun)  # the construct state: «من مقاتلي الحركة»
    for suffix in POSSESSIVES:
        out.setdefault((owner_stem + suffix, *key[1:]), owned)
    if row["number"] == "sg":  # the dual marks the first word: «مروحيتين»، «محطتي رادار»
        dual = TargetNoun(row["group"], "du", row["kind"], side=side)
        # A construct dual in ي only before another word: alone «مدفعي» is an adjective, not two guns.
        for ending in ("ين", "ان", "ي") if len(key) > 1 else ("ين", "ان"):
            out.setdefault((stem + ending, *key[1:]), dual)
        if len(key) > 1:  # adjectives agree: «طائرتين مسيرتين»، «منظومتين صاروخيتين»
            for ending in ("ين", "ان"):
                out.setdefault(tuple((w[:-1] + "ت" if w.endswith("ه") else w) + ending for w in key), dual)
    return out


@dataclass(frozen=True)
class Institution:
    """An office from institutions.tsv."""

    key: str
    kind: str


@dataclass(frozen=True)
class Lexicons:
    """Every lexicon, keyed by folded word tuples."""

    reporting: PhraseTable[Cue]
    attribution: PhraseTable[str]
    complement: frozenset[str]
    qualifiers: PhraseTable[str]
    numbers: PhraseTable[NumberWord]
    measures: PhraseTable[MeasureCue]
    targets: PhraseTable[TargetNoun]
    nisba: dict[str, str]
    institutions: PhraseTable[Institution]
    total_verbs: frozenset[str] = frozenset()
    wars: Wars = field(default_factory=Wars)
    assertions: PhraseTable[str] = field(default_factory=lambda: PhraseTable({}))


def _targets(rows: list[dict[str, str]]) -> dict[tuple[str, ...], TargetNoun]:
    """Listed forms win over derived ones: a derived dual never hides a listed plural with the same letters."""
    derived: dict[tuple[str, ...], TargetNoun] = {}
    for row in rows:
        derived.update({k: v for k, v in _target_forms(row).items() if k not in derived})
    listed = {
        phrase_key(r["form"]): TargetNoun(r["group"], r["number"], r["kind"], side=r.get("side") or None) for r in rows
    }
    return {**derived, **listed}


def _nisba_stems() -> dict[str, str]:
    """Nisba stems to sides: every state's (ontology/states.tsv) and the lexicon's own (separatists, ...)."""
    stems = {fold(stem): state.code for state in load_states() for stem in state.nisba}
    stems.update({fold(r["stem"]): r["side"] for r in read_tsv("nisba.tsv")})
    return stems


@functools.cache
def load_lexicons(directory: Path = LEXICON_DIR) -> Lexicons:
    """Read every lexicon file in ``directory``."""
    return Lexicons(
        reporting=PhraseTable(
            {form: Cue(r["kind"], r["position"]) for r in read_tsv("reporting_verbs.tsv") for form in verb_forms(r)}
        ),
        attribution=PhraseTable({phrase_key(r["form"]): r["kind"] for r in read_tsv("attribution_phrases.tsv")}),
        complement=frozenset(fold(r["form"]) for r in read_tsv("complement_markers.tsv")),
        qualifiers=PhraseTable({phrase_key(r["form"]): r["qualifier"] for r in read_tsv("qualifiers.tsv")}),
        numbers=PhraseTable(
            {
                phrase_key(r["form"]): NumberWord(
                    int(r["value"]) if r["value"] else None, r["kind"], r["vague"] or None
                )
                for r in read_tsv("number_words.tsv")
            }
        ),
        measures=PhraseTable(
            {
                form: MeasureCue(r["measure"], r["type"], r["voice"])
                for r in read_tsv("measures.tsv")
                for form in _measure_forms(r)
            }
        ),
        targets=PhraseTable(_targets(read_tsv("targets.tsv"))),
        nisba=_nisba_stems(),
        institutions=PhraseTable(
            {phrase_key(r["form"]): Institution(r["key"], r["kind"]) for r in read_tsv("institutions.tsv")}
        ),
        total_verbs=frozenset(fold(r["form"]) for r in read_tsv("total_verbs.tsv")),
        wars=load_wars(),
        assertions=PhraseTable({phrase_key(r["form"]): r["assertion"] for r in read_tsv("assertions.tsv")}),
    )
