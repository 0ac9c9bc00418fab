"""The words of filters and pages: each code with its Arabic label and the Arabic words that name it.

Codes (``killed``, ``AM``, ``soldiers``) are what the store and the JSON keep; a fact-checker reads and types Arabic.
One table per filter, built once from the lexicons and the gazetteer the extractor itself uses, so the page's words
and the words a filter accepts cannot drift from what extraction writes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import get_args

from claimgraph.extract.lexicons import read_tsv
from claimgraph.ontology import SIDE_CODES_EXTRA, load_actors
from claimgraph.ontology.claim import ClaimType, Qualifier
from claimgraph.ontology.text import search_fold

# Display labels chosen by hand where the lexicon's first word would read oddly as a column value (a verb, or a
# singular where the table speaks of many); every other code takes its lexicon's first plural or first form.
MEASURE_AR = {
    "killed": "قتلى",
    "wounded": "جرحى",
    "casualties": "خسائر بشرية",
    "captured": "أسرى",
    "missing": "مفقودون",
    "displaced": "نازحون",
    "neutralised": "تحييد",
    "destroyed": "تدمير",
    "disabled": "إعطاب",
    "damaged": "إلحاق أضرار",
    "launched": "إطلاق",
    "struck": "استهداف",
    "handed_over": "تسليم",
    "deployed": "نشر",
}
TYPE_AR = {
    "casualty": "خسائر بشرية",
    "equipment": "معدات",
    "territory": "أراض",
    "deployment": "انتشار",
    "denial": "نفي",
    "accusation": "اتهام",
    "statement": "تصريح",
}
QUALIFIER_AR = {
    "exact": "",
    "about": "نحو",
    "more_than": "أكثر من",
    "at_least": "ما لا يقل عن",
    "less_than": "أقل من",
    "at_most": "ما لا يزيد على",
    "dozens": "عشرات",
    "hundreds": "مئات",
    "thousands": "آلاف",
    "range": "بين",
}
KIND_AR = {"contradicts": "تناقض", "corroborates": "تأكيد", "revises": "تعديل"}
REASON_AR = {
    "conflicting_count": "رقمان متعارضان",
    "exceeds_total": "الجزء يفوق المجموع",
    "denial": "نفي",
    "opposed_assertion": "تأكيدان متعارضان",
    "same_statement": "التصريح نفسه",
    "revision": "تعديل الرقم",
    "agreeing_count": "رقمان متفقان",
}
# Sides that are no state and have no gazetteer actor to lend them a name.
SIDE_AR = {
    "NK": "سلطات قره باغ",
    "EU": "الاتحاد الأوروبي",
    "INTL": "هيئات دولية",
    "NGO": "منظمات غير حكومية",
    "MEDIA": "وسائل إعلام",
}


@dataclass(frozen=True)
class Vocabulary:
    """One filter's codes, their Arabic labels, and every word (folded) that names a code."""

    name: str
    codes: tuple[str, ...]
    labels: dict[str, str]
    words: dict[str, str] = field(default_factory=dict)

    def resolve(self, raw: str) -> str | None:
        """The code ``raw`` names (a code in any letter case, an Arabic label or word, folded), or None."""
        text = raw.strip()
        by_case = {code.casefold(): code for code in self.codes}
        if text.casefold() in by_case:
            return by_case[text.casefold()]
        key = _key(text)
        return self.words.get(key) or self.words.get(_key(_strip_article(text)))

    def label(self, code: str | None) -> str:
        """The Arabic label of a code (the code itself when none is known)."""
        if code is None:
            return ""
        return self.labels.get(code, code)


def _key(text: str) -> str:
    return " ".join(search_fold(text).split())


def _strip_article(text: str) -> str:
    """«القتلى» → «قتلى»: filter words are typed with or without the article."""
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split())


def _from_lexicon(name: str, tsv: str, column: str, labels: dict[str, str]) -> Vocabulary:
    """A vocabulary from a lexicon TSV: every form names its code; a code's label is the hand-chosen one, else its
    first plural form, else its first form."""
    first: dict[str, str] = {}
    plural: dict[str, str] = {}
    words: dict[str, str] = {}
    for row in read_tsv(tsv):
        code = row[column]
        first.setdefault(code, row["form"])
        if row.get("number") == "pl":
            plural.setdefault(code, row["form"])
        words.setdefault(_key(row["form"]), code)
    codes = tuple(dict.fromkeys([*first, *labels]))
    merged = {code: labels.get(code) or plural.get(code) or first[code] for code in codes}
    for code, label in merged.items():
        words.setdefault(_key(label), code)
    return Vocabulary(name, codes, merged, words)


@functools.cache
def measures() -> Vocabulary:
    return _from_lexicon("measure", "measures.tsv", "measure", MEASURE_AR)


@functools.cache
def groups() -> Vocabulary:
    return _from_lexicon("target_group", "targets.tsv", "group", {})


@functools.cache
def events() -> Vocabulary:
    return _from_lexicon("event", "events.tsv", "event", {})


@functools.cache
def types() -> Vocabulary:
    codes = get_args(ClaimType)
    return Vocabulary("type", codes, dict(TYPE_AR), {_key(v): k for k, v in TYPE_AR.items()})


@functools.cache
def qualifiers() -> Vocabulary:
    codes = get_args(Qualifier)
    return Vocabulary("qualifier", codes, dict(QUALIFIER_AR), {})


@functools.cache
def sides() -> Vocabulary:
    """Side codes named by their states' and regions' Arabic names (أرمينيا, يريفان, الأرمينية) or in English."""
    labels: dict[str, str] = dict(SIDE_AR)
    words: dict[str, str] = {}
    codes: list[str] = [*sorted(SIDE_CODES_EXTRA)]
    for actor in load_actors():
        if not actor.side:
            continue
        codes.append(actor.side)
        speaks_for_all = actor.kind in {"state", "region"}
        if speaks_for_all:
            labels.setdefault(actor.side, actor.names[0])
            words.setdefault(_key(actor.en), actor.side)
            for name in actor.names:
                words.setdefault(_key(name), actor.side)
    for actor in load_actors():  # armed groups and blocs: their first name when no state names the side
        if actor.side and actor.side not in labels:
            labels[actor.side] = actor.names[0]
            words.setdefault(_key(actor.names[0]), actor.side)
    for code, label in labels.items():
        words.setdefault(_key(label), code)
    return Vocabulary("side", tuple(dict.fromkeys(codes)), labels, words)


@functools.cache
def actor_names() -> dict[str, str]:
    """Folded Arabic names and aliases of the gazetteer's actors → their canonical id."""
    out: dict[str, str] = {}
    for actor in load_actors():
        for name in (*actor.names, actor.en):
            out.setdefault(_key(name), actor.id)
    return out


@functools.cache
def canonical_names() -> dict[str, str]:
    """Gazetteer id → the actor's canonical Arabic name (its first listed name)."""
    return {actor.id: actor.names[0] for actor in load_actors()}
