"""The event a claim is about (clash, shelling, downing, ceasefire call, request) and where it happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.extract.actors import Mention
from claimgraph.extract.lexicons import phrase_key, read_tsv
from claimgraph.extract.tokens import PhraseTable, Token
from claimgraph.ontology import load_actors
from claimgraph.ontology.text import fold

_DIRECTIONS = {fold(w) for w in "شرق غرب شمال جنوب وسط الشرق الغرب الشمال الجنوب الوسط".split()}
_QUOTES = {'"', "“", "”", "«", "»", "'", "‘", "’"}
# Words that put what follows in a place («في إقليم قره باغ»): such a place is where the event was, before a place
# named otherwise in the sentence (the speaker «أعلنت أذربيجان», a party «المتنازع عليه مع أرمينيا»).
_LOCATIVES = {fold(w) for w in "في داخل قرب بالقرب حول على".split()}
_FUNCTION_WORDS = {fold(w) for w in "في من إلى على عن حتى مع بين تابع التي الذي".split()}


@dataclass(frozen=True)
class EventReading:
    event: str | None
    place: str | None


class EventReader:
    """Reads event words (extract/lexicon/events.tsv) and places (gazetteer places, NER LOC, «مدينة X»)."""

    def __init__(self, towns: PhraseTable[Any] | None = None) -> None:
        """``towns``: the extractor's table of town names, read after a kind-of-place word as well as regions."""
        self.events: PhraseTable[str] = PhraseTable({phrase_key(r["form"]): r["event"] for r in read_tsv("events.tsv")})
        self.place_heads = frozenset(fold(r["form"]) for r in read_tsv("place_heads.tsv"))
        # Places by name, for «إقليم قره باغ»، «مدينة حلب» inside a longer actor's name («الجيش في إقليم قره باغ»)
        self.regions: PhraseTable[bool] = PhraseTable(
            {phrase_key(name): True for entry in load_actors() if entry.kind == "region" for name in entry.names}
        )
        self.towns: PhraseTable[Any] = towns if towns is not None else PhraseTable({})

    def read(self, tokens: list[Token], first: int, last: int, mentions: list[Mention]) -> EventReading:
        """The event and place for a claim on tokens [first, last] of a sentence."""
        event = self._event(tokens, first, last + 1) or self._event(tokens, 0, len(tokens))
        return EventReading(event, self._place(tokens, first, last, mentions))

    def _event(self, tokens: list[Token], start: int, stop: int) -> str | None:
        kept = [k for k, token in enumerate(tokens) if token.text not in _QUOTES]  # «عملية "مكافحة الإرهاب"»
        words = [tokens[k] for k in kept]
        for n, k in enumerate(kept):
            found = self.events.match(words, n) if start <= k < stop else None
            if found:
                return found[1]
        return None

    @staticmethod
    def _looks_like_name(token: Token) -> bool:
        """A proper noun after «مدينة/بلدة»: tagged PROPN, or (untagged) not definite and not a function word."""
        if token.is_punct or token.folded in _FUNCTION_WORDS:
            return False
        if token.upos is not None:
            return token.upos == "PROPN"
        return not token.folded.startswith("ال")

    def _place(self, tokens: list[Token], first: int, last: int, mentions: list[Mention]) -> str | None:
        """The nearest place to the claim: «بلدة تارتار», an NER location, or a region in the gazetteer."""
        candidates: list[tuple[int, str]] = []
        starts = {m.first: m for m in mentions}
        for i, token in enumerate(tokens[:-1]):
            if not token.forms() & self.place_heads:
                continue
            named = self.regions.match(tokens, i + 1) or self.towns.match(tokens, i + 1)
            if i + 1 in starts and starts[i + 1].kind in {"region", "state"}:
                candidates.append((i, starts[i + 1].actor.text))
            elif named is not None:
                candidates.append((i, " ".join(t.text for t in tokens[i + 1 : i + 1 + named[0]])))
            elif self._looks_like_name(tokens[i + 1]):
                candidates.append((i, tokens[i + 1].text.strip("\"'«»“”")))
        i = 0
        while i < len(tokens):  # an NER location, whole («بوركينا فاسو», not «فاسو»)
            if tokens[i].entity != "LOC":
                i += 1
                continue
            j = i
            while (tokens[j].ner or "")[:2] in {"B-", "I-"} and j + 1 < len(tokens):
                if tokens[j + 1].entity != "LOC" or (tokens[j + 1].ner or "")[:2] not in {"I-", "E-"}:
                    break
                j += 1
            if not (i == j and tokens[i].folded.removeprefix("و") in _DIRECTIONS):  # «وشرق» alone names no place
                candidates.append((i, " ".join(t.text for t in tokens[i : j + 1])))
            i = j + 1
        for m in mentions:
            if m.kind == "region":
                candidates.append((m.first, m.actor.text))
        if not candidates:
            return None
        middle = (first + last) / 2
        return min(candidates, key=lambda c: (not self._placed(tokens, c[0]), abs(c[0] - middle)))[1]

    def _placed(self, tokens: list[Token], i: int) -> bool:
        """Whether the place at token i is written as a place: after a locative («في حلب») or with a kind-of-place
        word («إقليم قره باغ»)."""
        before = tokens[i - 1] if i > 0 else None
        return bool(tokens[i].forms() & self.place_heads) or (
            before is not None and (before.folded in _LOCATIVES or bool(before.forms() & self.place_heads))
        )
