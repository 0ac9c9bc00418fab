"""Accusations inside a statement: a hostile deed (شنّ هجوما، أطلق النار، غارات، استفزازات) and the party that did
it, named by a nisba, a name, or the subject of the deed's verb. A statement that says another party did such a thing
accuses that party; the extractor asks this stage only about what a named speaker said."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.extract.actors import ActorMatcher, Mention
from claimgraph.extract.lexicons import phrase_key, read_tsv, verb_forms
from claimgraph.extract.tokens import PhraseTable, Token
from claimgraph.ontology.text import fold

_NEUTRAL = {None, "INTL", "NGO", "MEDIA"}
# Words between a deed and its doer: «من قبل X»، «نسبت إلى X»، «شنه مسلحون من X»، «شنها طيران التحالف».
_DOER_LINKS = {
    fold(w) for w in ("من", "قبل", "الي", "نسبت", "نسب", "مسلحون", "مسلحين", "مسلحو", "مسلحي", "طيران", "قوات", "عناصر")
}
_QUOTES = {'"', "'", "“", "”", "«", "»"}
# A verb that carries its object's pronoun has its doer after it: «هجوم شنه مسلحون»، «صواريخ أطلقتها جماعة الحوثي».
_OBJECT_PRONOUNS = ("ه", "ها", "هم")
# Words between a subject and its verb: «القوات الأذربيجانية هي التي بادرت».
_SUBJECT_FILLERS = {fold(w) for w in ("هي", "هو", "هم", "التي", "الذي", "الذين", "قد")}


@dataclass(frozen=True)
class Accusation:
    """A deed at tokens [first, last] (the deed and its doer) and the side of the party said to have done it."""

    first: int
    last: int
    side: str
    how: str  # named: the doer named after the deed («شنه مسلحون من X»، «من قبل X»); nisba; subject (X شن)


class AccusationReader:
    """Finds hostile deeds and their doers in a span of tokens."""

    def __init__(self, matcher: ActorMatcher) -> None:
        self.matcher = matcher
        rows = read_tsv("hostile_deeds.tsv")
        deeds: dict[tuple[str, ...], str] = {}
        for r in rows:
            if r["kind"] == "noun":
                deeds[phrase_key(r["form"])] = "noun"
                continue
            deeds.update({form: "verb" for form in verb_forms(r)})
            if r["kind"] == "either":
                deeds[phrase_key(r["form"])] = "either"  # the bare form is also the verbal noun: «قصف هندي»
        self.deeds: PhraseTable[str] = PhraseTable(deeds)

    def read(self, tokens: list[Token], first: int, last: int, mentions: list[Mention]) -> Accusation | None:
        """The first deed in tokens [first, last] whose doer the text names."""
        parties = [m for m in mentions if m.actor.side not in _NEUTRAL]
        for j in range(first, last + 1):
            found = self.deeds.match(tokens, j)
            if found is None:
                continue
            n, kind = found
            end = j + n - 1
            doer = self._doer_after(tokens, end, last, parties, nisba=True) if kind != "verb" else None
            if doer is None and kind != "noun":
                doer = self._verb_doer(tokens, j, end, first, last, parties)
            if doer is not None:
                return Accusation(min(j, doer[0]), max(end, doer[1]), doer[2], doer[3])
        return None

    def _verb_doer(
        self, tokens: list[Token], j: int, end: int, first: int, last: int, parties: list[Mention]
    ) -> tuple[int, int, str, str] | None:
        """A deed verb's doer: after a verb that carries its object's pronoun («هجوم شنه مسلحون من تنظيم داعش»),
        else its subject after it (verb first: «قصفت القوات الأرمينية») or before it («إن القوات الأرمينية شنته»)."""
        if tokens[j].folded.endswith(_OBJECT_PRONOUNS):
            after = self._doer_after(tokens, end, last, parties, nisba=False)
        else:
            after = self._subject_after(end, parties)
        return after or self._subject_before(tokens, j, first, parties)

    def _doer_after(
        self, tokens: list[Token], end: int, last: int, parties: list[Mention], nisba: bool
    ) -> tuple[int, int, str, str] | None:
        """A party named right after the deed or after linking words («من قبل مسلحي حزب العمال»، «شنه مسلحون من
        تنظيم داعش»، «نسبت إلى جماعة ...»), or (after a deed noun) a nisba among its adjectives («الخروقات الجوية
        الإسرائيلية»، «نيران قناصة أرمينيين»، «الاستفزازات من الجانب الأرمني»)."""
        nouns = 0
        for k in range(end + 1, min(last, end + 5) + 1):
            mention = next((m for m in parties if m.first == k), None)
            if mention is not None:
                return end, mention.last, str(mention.actor.side), "named"
            if nisba and (side := self.matcher.nisba_side(tokens[k])):
                return end, k, side, "nisba"
            tok = tokens[k]
            if tok.forms() & _DOER_LINKS or tok.text in _QUOTES or nisba and tok.upos == "ADJ":
                continue
            if nisba and tok.upos == "NOUN" and nouns == 0:
                nouns += 1  # «نيران قناصة أرمينيين»، «من الجانب الأرمني»
                continue
            return None
        return None

    @staticmethod
    def _subject_after(end: int, parties: list[Mention]) -> tuple[int, int, str, str] | None:
        """The party named right after the verb (its subject in verb-first order)."""
        mention = next((m for m in parties if m.first == end + 1), None)
        return (end, mention.last, str(mention.actor.side), "subject") if mention is not None else None

    def _subject_before(
        self, tokens: list[Token], j: int, first: int, parties: list[Mention]
    ) -> tuple[int, int, str, str] | None:
        """The party named as the subject right before the deed's verb: «إن القوات الأرمينية شنته»."""
        k = j - 1
        while k >= first and tokens[k].folded in _SUBJECT_FILLERS:
            k -= 1
        mention = next((m for m in parties if m.last == k and m.first >= first), None)
        if mention is not None:
            return mention.first, j, str(mention.actor.side), "subject"
        if k > first and tokens[k - 1].upos == "NOUN" and (side := self.matcher.nisba_side(tokens[k])):
            return k - 1, j, side, "subject"  # «إن القوات الأرمينية شنته»: a noun and the nisba of its party
        return None
