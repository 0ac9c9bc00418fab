"""Written tokens of a sentence with folded forms, and phrase matching against lexicon tables."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from claimgraph.extract.types import Sentence
from claimgraph.ontology.text import fold

T = TypeVar("T")

# Proclitics that news copy writes attached to the next word: conjunctions و ف, prepositions ب ل ك, and their pairs.
_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
# Quotes and brackets a tokenizer may leave glued to a word («“ذا», "قتلت).
_EDGE_PUNCT = "\"'()[]{}<>«»“”‘’.,;:!?-_/"
_DIGITS = re.compile(r"^(?:و|ب|ل|ف)?(\d{1,3}(?:,\d{3})+|\d+)$")


@dataclass(frozen=True)
class Token:
    """One written token (a whole word as printed, clitics included) with its raw-text offsets."""

    index: int
    text: str
    folded: str
    start: int
    end: int
    upos: str | None
    ner: str | None = None  # BIOES tag from Stanza's NER, when the pipeline has it (B-PER, E-ORG, O, ...)

    @property
    def entity(self) -> str | None:
        """The entity type of the token's NER tag (PER, ORG, LOC, MISC), else None."""
        return self.ner[2:] if self.ner and self.ner != "O" and "-" in self.ner else None

    def forms(self, first: bool = True) -> frozenset[str]:
        """The folded forms this token may stand for in a lexicon: as written, without proclitics, without ال.

        Args:
            first: whether the token opens a phrase (only then may it carry a conjunction or preposition).
        """
        return self._first_forms if first else self._inner_forms

    def ordered_forms(self, first: bool = True) -> tuple[str, ...]:
        """The forms in a fixed order, longest (closest to the written word) first: matching must not depend on the
        iteration order of a set, which changes from one process to the next."""
        return self._ordered_first if first else self._ordered_inner

    @functools.cached_property
    def _ordered_first(self) -> tuple[str, ...]:
        return tuple(sorted(self._first_forms, key=lambda f: (-len(f), f)))

    @functools.cached_property
    def _ordered_inner(self) -> tuple[str, ...]:
        return tuple(sorted(self._inner_forms, key=lambda f: (-len(f), f)))

    @functools.cached_property
    def _inner_forms(self) -> frozenset[str]:
        core = self.folded.strip(_EDGE_PUNCT) or self.folded
        return frozenset({core} | ({core[2:]} if core.startswith("ال") and len(core) > 3 else set()))

    @functools.cached_property
    def _first_forms(self) -> frozenset[str]:
        core = self.folded.strip(_EDGE_PUNCT) or self.folded
        out = {core}
        for clitic in _PROCLITICS:
            if core.startswith(clitic) and len(core) > len(clitic) + 1:
                rest = core[len(clitic) :]
                out.add(rest)
                if clitic.endswith("ل") and rest.startswith("ل"):  # للعام = ل + العام
                    out.add("ا" + rest)
        out |= {form[2:] for form in list(out) if form.startswith("ال") and len(form) > 3}
        return frozenset(out)

    @property
    def number(self) -> int | None:
        """The value of a token written in digits (after normalisation), else None."""
        match = _DIGITS.match(self.folded.strip(_EDGE_PUNCT))
        return int(match.group(1).replace(",", "")) if match else None

    @property
    def is_punct(self) -> bool:
        return self.upos == "PUNCT" or not any(ch.isalnum() for ch in self.text)


def sentence_tokens(sentence: Sentence, raw: str) -> list[Token]:
    """Group Stanza's syntactic words back into the written tokens they came from."""
    tokens: list[Token] = []
    for word in sentence.words:
        if tokens and (tokens[-1].start, tokens[-1].end) == (word.start, word.end):
            continue  # another syntactic word of the same written token (a clitic split off by mwt)
        siblings = [w for w in sentence.words if (w.start, w.end) == (word.start, word.end)]
        head = max(siblings, key=lambda w: len(w.text))
        text = raw[word.start : word.end]
        tokens.append(Token(len(tokens), text, fold(text), word.start, word.end, head.upos, word.ner))
    return tokens


class PhraseTable(dict[tuple[str, ...], T], Generic[T]):
    """A lexicon keyed by folded word tuples, indexed by first word so matching costs a few look-ups per token."""

    def __init__(self, entries: dict[tuple[str, ...], T]) -> None:
        super().__init__(entries)
        self.by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for key, value in sorted(entries.items(), key=lambda item: -len(item[0])):
            self.by_first.setdefault(key[0], []).append((key, value))

    def match(self, tokens: list[Token], i: int) -> tuple[int, T] | None:
        """The longest entry that starts at token ``i``: (number of tokens matched, value), or None."""
        best: tuple[int, T] | None = None
        for form in tokens[i].ordered_forms(first=True):
            for key, value in self.by_first.get(form, ()):
                n = len(key)
                if i + n > len(tokens) or (best and n <= best[0]):
                    continue
                if all(key[j] in tokens[i + j].forms(first=False) for j in range(1, n)):
                    best = (n, value)
                    break
        return best
