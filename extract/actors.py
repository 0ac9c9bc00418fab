"""Find actor mentions in a sentence: gazetteer names and metonyms, offices with a side, and new person names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.extract.lexicons import Lexicons
from claimgraph.extract.tokens import PhraseTable, Token
from claimgraph.ontology import ActorEntry, load_actors, load_states
from claimgraph.ontology.claim import ActorRef
from claimgraph.ontology.text import fold

# Words that look like names to a tagger but are times, places of speech or function words.
_NOT_NAME = {
    fold(w)
    for w in [
        "أمس",
        "اليوم",
        "غدا",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "صباح",
        "مساء",
        "ليل",
        "الماضي",
        "الماضية",
        "الأسبوع",
        "الشهر",
        "العام",
        "عام",
        "خلال",
        "في",
        "من",
        "إلى",
        "على",
        "عن",
        "مع",
        "بين",
        "أن",
        "إن",
        "قد",
    ]
}
_SLUG = re.compile(r"[^\w]+", re.UNICODE)
# Case, gender and number endings after a nisba stem (folded: ة is ه): أرميني، أرمينيه، أرمينيا، أرمينيين ...
_NISBA_ENDINGS = ("", "ه", "ا", "ين", "ون", "يه", "يا", "يين", "يون", "ات", "تين", "تان", "ان")


# Words that open an outlet's name (وكالة ...، قناة ...) and quotation marks that may wrap the name.
_OUTLET_HEADS = {fold(w) for w in ("وكالة", "قناة", "صحيفة", "إذاعة", "شبكة", "تلفزيون", "موقع", "جريدة", "مجلة")}
# Nouns whose genitive a bare office word may be («خطوط الدفاع»): then it names no office.
_FORCE_NOUNS = {fold(w) for w in ("خطوط", "خط", "خطي")}
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "'"}


@dataclass(frozen=True)
class Mention:
    """An actor mentioned at tokens [first, last] of a sentence."""

    first: int
    last: int
    actor: ActorRef

    @property
    def kind(self) -> str | None:
        return self.actor.kind


def _ref(entry: ActorEntry, text: str) -> ActorRef:
    return ActorRef(text=text, id=entry.id, side=entry.side, kind=entry.kind, en=entry.en)


def person_slug(name: str) -> str:
    """A stable id for a person the gazetteer does not know: their folded name."""
    return "person:" + _SLUG.sub("-", fold(name)).strip("-")


def office_id(key: str, side: str | None) -> str:
    """An office's id: its side and key (am-ministry-of-defence), or the key alone while its side is unknown."""
    return f"{side.lower()}-{key}" if side else key


def org_slug(name: str) -> str:
    """A stable id for an organisation the gazetteer does not know."""
    return "org:" + _SLUG.sub("-", fold(name)).strip("-")


class ActorMatcher:
    """Finds mentions in token lists, against the gazetteer and the office lexicon."""

    def __init__(self, lexicons: Lexicons, actors: tuple[ActorEntry, ...] | None = None) -> None:
        self.lexicons = lexicons
        self._not_nisba = frozenset(fold(w) for state in load_states() for w in state.not_nisba)
        self.gazetteer: PhraseTable[ActorEntry] = PhraseTable(
            {tuple(fold(name).split()): entry for entry in (actors or load_actors()) for name in entry.names}
        )

    def nisba_side(self, token: Token) -> str | None:
        """The side a nisba adjective names (الأرمينية، أذربيجانيا، السوريين), else None."""
        for form in token.ordered_forms(first=True):
            if form in self._not_nisba:
                continue
            for ending in _NISBA_ENDINGS:
                if form.endswith(ending) and (side := self.lexicons.nisba.get(form[: len(form) - len(ending)])):
                    return side
        return None

    def gazetteer_at(self, tokens: list[Token], i: int) -> tuple[int, ActorEntry] | None:
        return self.gazetteer.match(tokens, i)

    def office_at(self, tokens: list[Token], i: int, raw: str) -> Mention | None:
        """An office (وزارة الدفاع) and the side it belongs to, from a nisba or a country right after it."""
        found = self.lexicons.institutions.match(tokens, i)
        if not found:
            return None
        n, office = found
        if n == 1 and i > 0 and tokens[i - 1].forms() & _FORCE_NOUNS:
            return None  # «خطوط الدفاع»: lines of defence, not the ministry
        last = i + n - 1
        side = None
        j = last + 1
        # The side follows within a few words: a nisba (وزارة الدفاع الأرمينية، مصدر عسكري في القوات الحكومية
        # اليمنية) or a state (وزارة الدفاع في أذربيجان). A verb, a number or a complement ends the search.
        while j < len(tokens) and j <= last + 5:
            tok = tokens[j]
            place = self.gazetteer_at(tokens, j)
            if place and place[1].kind in {"state", "region", "organization"} and place[1].side:
                side, last = place[1].side, j + place[0] - 1  # «القيادة العامة للجيش الوطني الليبي»: LNA's
                break
            nisba = self.nisba_side(tok)
            if nisba:
                side, last = nisba, j
                break
            if tok.is_punct or tok.number is not None or tok.upos in {"VERB", "SCONJ", "NUM", "PRON"}:
                break
            if tok.folded in self.lexicons.complement or self.lexicons.measures.match(tokens, j):
                break
            if self.lexicons.reporting.match(tokens, j) or self.lexicons.attribution.match(tokens, j):
                break
            j += 1
        text = raw[tokens[i].start : tokens[last].end] if raw else tokens[i].text
        actor_id = office_id(office.key, side)
        return Mention(i, last, ActorRef(text=text, id=actor_id, side=side, kind=office.kind))

    def mentions(self, tokens: list[Token], raw: str, known_people: dict[str, ActorRef]) -> list[Mention]:
        """Every actor mention in the sentence, left to right, longest first where they overlap.

        Args:
            tokens: the sentence's written tokens.
            raw: the article's raw text (mention texts are slices of it).
            known_people: persons already seen in the article, by folded surname, for later bare-surname mentions.
        """
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            office = self.office_at(tokens, i, raw)
            entry = self.gazetteer_at(tokens, i)
            if office and (not entry or office.last - office.first + 1 > entry[0]):
                found.append(office)
                i = office.last + 1
                continue
            if entry:
                n, actor = entry
                found.append(Mention(i, i + n - 1, _ref(actor, raw[tokens[i].start : tokens[i + n - 1].end])))
                i += n
                continue
            outlet = self._outlet_at(tokens, i, raw)
            if outlet:
                found.append(outlet)
                i = outlet.last + 1
                continue
            person = self._person_at(tokens, i, raw, known_people)
            if person:
                found.append(person)
                i = person.last + 1
                continue
            i += 1
        return found

    def _outlet_at(self, tokens: list[Token], i: int, raw: str) -> Mention | None:
        """An outlet the gazetteer lacks, named by its kind and its name: «وكالة الأنباء الصومالية الرسمية»,
        «قناة “الحدث”», «موقع “واللا” العبري». Its name words are nouns, adjectives or a quoted name."""
        forms = tokens[i].forms()
        if not forms & _OUTLET_HEADS:
            return None
        known = self.gazetteer_at(tokens, i + 1) if i + 1 < len(tokens) else None
        if known and known[1].kind == "outlet":  # «قناة روسيا اليوم»: the gazetteer's outlet, with its kind word
            last = i + known[0]
            text = raw[tokens[i].start : tokens[last].end] if raw else tokens[i].text
            return Mention(i, last, _ref(known[1], text))
        j = i + 1
        quoted = False
        while j < len(tokens) and j <= i + 4:
            tok = tokens[j]
            if tok.text in _QUOTE_MARKS:
                quoted = True
                j += 1
                continue
            if tok.upos not in {"NOUN", "PROPN", "ADJ", "X"} or tok.folded in self.lexicons.complement:
                break
            if tok.folded in _NOT_NAME or self.lexicons.reporting.match(tokens, j):
                break
            j += 1
        while j - 1 > i and tokens[j - 1].text in _QUOTE_MARKS:
            j -= 1
        if j == i + 1:
            return None
        if forms & {"موقع"} and not (quoted or tokens[i + 1].upos == "PROPN"):
            return None  # «موقع عسكري» is a position, not a website
        text = raw[tokens[i].start : tokens[j - 1].end] if raw else tokens[i].text
        return Mention(
            i,
            j - 1,
            ActorRef(text=text, id="outlet:" + _SLUG.sub("-", fold(text)).strip("-"), side="MEDIA", kind="outlet"),
        )

    def _person_at(self, tokens: list[Token], i: int, raw: str, known: dict[str, ActorRef]) -> Mention | None:
        """A name the gazetteer does not know: a known surname, an NER person or organisation, or a run of proper
        nouns (two to four words) read as a new person. New actors are kept, never dropped."""
        if tokens[i].folded in known:
            return Mention(i, i, known[tokens[i].folded].model_copy(update={"text": tokens[i].text}))
        entity = tokens[i].entity
        if entity in {"PER", "ORG"}:
            j = i
            while (
                j < len(tokens)
                and tokens[j].entity == entity
                and not (j > i and (tokens[j].ner or "").startswith(("B-", "S-")))
            ):
                j += 1
            if not (entity == "PER" and j - i == 1 and tokens[i].folded in _NOT_NAME):
                text = raw[tokens[i].start : tokens[j - 1].end]
                if entity == "PER":
                    return Mention(i, j - 1, ActorRef(text=text, id=person_slug(text), side=None, kind="person"))
                side = next((s for t in tokens[i:j] if (s := self.nisba_side(t))), None)
                return Mention(i, j - 1, ActorRef(text=text, id=org_slug(text), side=side, kind="organization"))
        j = i
        while (
            j < len(tokens)
            and tokens[j].upos == "PROPN"
            and tokens[j].folded not in _NOT_NAME
            and not self.nisba_side(tokens[j])
            and not self.gazetteer_at(tokens, j)
        ):
            j += 1
        if j - i < 2 or j - i > 4:
            return None
        text = raw[tokens[i].start : tokens[j - 1].end]
        return Mention(i, j - 1, ActorRef(text=text, id=person_slug(text), side=None, kind="person"))
