"""The claim rules: reporting cues and their speakers, relays, denials, accusations and counted quantities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from claimgraph.extract.accusations import AccusationReader
from claimgraph.extract.actors import ActorMatcher, Mention, office_id, org_slug
from claimgraph.extract.events import EventReader
from claimgraph.extract.lexicons import Cue, Lexicons, load_lexicons, read_tsv
from claimgraph.extract.quantities import Quantity, QuantityReader
from claimgraph.extract.timeexpr import TimeReader
from claimgraph.extract.tokens import PhraseTable, Token, sentence_tokens
from claimgraph.extract.types import AnnotatedArticle, Sentence
from claimgraph.ontology import actors_by_id, load_actors
from claimgraph.ontology.claim import ActorRef, Claim, Target
from claimgraph.ontology.conflicts import War
from claimgraph.ontology.places import arabic_place_names
from claimgraph.ontology.text import fold

# Nouns that stand for the last organisation that spoke (وقالت الوزارة، وأوضح البيان).
_ANAPHORS = {fold(w) for w in ("الوزارة", "البيان", "الرئاسة", "المتحدث", "المتحدثة", "المصدر", "الدبلوماسي")}
# What may stand between a verb and its complement when the verb has no subject of its own (وأضاف أنّ، قالت فيه).
# Nouns that stand for the last organisation named when no name with that head came before.
_BODY_ANAPHORS = {fold(w) for w in ("المنظمة", "الهيئة")}
# Nouns that stand for the last outlet named.
_OUTLET_ANAPHORS = {fold(w) for w in ("الموقع", "الصحيفة", "الوكالة", "القناة", "الشبكة", "الإذاعة")}
# «أشارت إلى أن»: إلى is the verb's own preposition, so no subject stands between.
_SUBJECTLESS_OPENERS = {fold(w) for w in ("في", "فيه", "فيها", "أمس", "اليوم", "خلال", "من", "قوله", "قولها", "إلى")}
_PREPOSITIONS = {fold(w) for w in ("من", "مع", "في", "على", "إلى", "عن", "ضد", "بين")}
_SUBJECT_WINDOW = 20
_DESCRIPTOR_WORDS = 10
# How far after the speaker the complement («أن») may open: «في بيان لها، السبت، أن ...».
_COMPLEMENT_WINDOW = 8
# Words that set the scene of a statement between its speaker and its complement (في بيان لها، خلال إحاطة).
_SPEECH_SETTING = {
    fold(w)
    for w in (
        "في",
        "فيه",
        "فيها",
        "بيان",
        "تصريح",
        "تصريحات",
        "لها",
        "له",
        "لهم",
        "خلال",
        "مؤتمر",
        "صحفي",
        "إحاطة",
        "إعلامية",
        "مقابلة",
        "رسالة",
        "كلمة",
        "صباح",
        "مساء",
        "ليل",
        "يوم",
        "قوله",
        "قولها",
    )
}
# Nouns of what was said: a لـ after them names who said it («جاء في تصريح لوزارة الخارجية»), not a listener.
_STATEMENT_NOUNS = {fold(w) for w in ("بيان", "تصريح", "تصريحات", "إعلان")}
# Words between a source phrase and its actor that name the document (وفقا لبيان صادر عن ...).
_DOCUMENT_WORDS = {
    fold(w)
    for w in ("بيان", "تصريح", "تصريحات", "صادر", "صادرة", "عن", "تقرير", "أرقام", "موقع", "صحيفة", "وكالة", "قناة")
}
_NEUTRAL_SIDES = {None, "INTL", "NGO", "MEDIA"}
_OUTLET_HEADS = {fold(w) for w in ("وكالة", "قناة", "صحيفة", "إذاعة", "شبكة", "تلفزيون", "موقع", "جريدة", "مجلة")}
_SPOKESPERSONS = {fold(w) for w in ("المتحدث", "المتحدثة", "الناطق", "الناطقة", "متحدث", "متحدثة", "ناطق")}
# Who a group belongs to when nothing else says: soldiers to a state, fighters and militants to an armed group.
_STATE_FORCES = {"soldiers", "officers", "security_forces", "pilots"}
_ARMED_GROUPS = {"fighters", "militants"}
# Nouns that present a figure as a report with no named claimant («أفادت أرقام»، «وكانت أنباء قد وردت»).
_REPORT_NOUNS = {fold(w) for w in ("أنباء", "تقارير", "معلومات", "أرقام", "تقديرات", "إحصاءات", "إحصائيات", "مصادر")}
_CIVILIAN_GROUPS = {"civilians", "people", "children", "women"}
# Groups that belong to the state they are counted in, wherever in the article the place was named («people» only
# where the same sentence names it: a count of the dead of a civil war is everyone's).
_PLACE_PEOPLE = (_CIVILIAN_GROUPS - {"people"}) | _STATE_FORCES
# «نتيجة هجمات حزب الله»، «جراء الغارات الإسرائيلية»: the cause of a loss names its doer.
_CAUSE_WORDS = {fold(w) for w in ("نتيجة", "جراء", "إثر", "بسبب", "في", "خلال")}
_ATTACK_WORDS = {
    fold(w)
    for w in (
        "هجوم",
        "هجمات",
        "غارة",
        "غارات",
        "قصف",
        "ضربة",
        "ضربات",
        "العدوان",
        "عدوان",
        "الهجمات",
        "الغارات",
        "القصف",
        "الضربات",
        "الهجوم",
        "الغارة",
    )
}
# Words before a place name that put something there (في حلب، قرب الفاشر).
_LOCATIVES = {fold(w) for w in ("في", "داخل", "قرب", "بالقرب", "حول", "بمدينة", "بمحافظة")}
# «قصف على خاركوف»: before a town (never before a state: «ردت على أذربيجان» places nothing)
_TOWN_LOCATIVES = {fold(w) for w in ("على",)}
# A definite place noun that stands for the place named before («في المدينة»، «بالمحافظة»).
_PLACE_ANAPHORS = {fold(w) for w in ("المدينة", "المحافظة", "البلدة", "القرية", "الولاية", "الإقليم", "المقاطعة")}
# «الجناح العسكري لـ»، «الذراع المسلحة لـ»: what a body the gazetteer lacks belongs to.
# «كان» before a subject and its verb makes a pluperfect: «وكان الجيش أعلن» is the army having announced.
_PAST_AUXILIARIES = {fold(w) for w in ("كان", "كانت")}
_ON_BEHALF = {fold("باسم")}
# Verbs of inflicting losses on another («أوقعت المئات من القتلى في صفوفها»): «صفوفها» there is the enemy's.
_INFLICTING = {fold(w) for w in ("أوقع", "أوقعت", "أوقعوا", "كبد", "كبدت", "كبدوا", "ألحق", "ألحقت", "ألحقوا")}
_WINGS = {fold(w) for w in ("الجناح", "الذراع", "جناح", "ذراع")}
_ADDING = {fold("إضافة"), fold("الإضافة")}
_ONLY = {fold(w) for w in ("سوى", "إلا")}
NEGATION_WINDOW = 6  # «أن قوات الدعم السريع لم ...»: the negation within this many words of a statement's start
_TYPE_BY_CUE = {"say": "statement", "call": "statement", "relay": "statement", "accuse": "accusation", "deny": "denial"}


def _holds_figure(quantities: list[Quantity], first: int, last: int) -> bool:
    """Whether a counted figure starts inside tokens [first, last] of the sentence."""
    return any(first <= q.first <= last for q in quantities)


def _spoken_to(token: Token) -> bool:
    """«لقناة X»، «لوكالة X»: the outlet a speaker spoke to (a relay), never the speaker."""
    return token.folded.startswith("ل") and bool(token.forms() & _OUTLET_HEADS)


@dataclass
class _Attribution:
    """A resolved reporting cue inside one sentence."""

    cue_first: int
    cue_last: int
    cue: Cue
    speaker: ActorRef | None
    speaker_last: int
    via: list[ActorRef] = field(default_factory=list)
    accused: ActorRef | None = None
    dropped: bool = False  # a verbal noun with no actor after it: not a report
    carried: bool = False  # carried over from an earlier sentence whose quotation or list runs on
    named: bool = False  # «نفى X مزاعم Y»: Y's words named by a denial, Y is not the one speaking


@dataclass
class _ArticleState:
    """What carries from one sentence to the next: who spoke last, and the persons named so far."""

    last_speaker: ActorRef | None = None
    last_via: list[ActorRef] = field(default_factory=list)  # the relays of the last speaker's statement
    last_organisation: ActorRef | None = None
    known_people: dict[str, ActorRef] = field(default_factory=dict)
    last_claim_span: tuple[int, int] | None = None
    last_claims: list[Claim] = field(default_factory=list)  # the claims of the last sentence that had any
    published: date | None = None
    sides: dict[str, int] = field(default_factory=dict)  # side → how often the article names it (its war)
    offices: dict[str, ActorRef] = field(default_factory=dict)  # office key → the last one named with its side
    heads: dict[str, ActorRef] = field(default_factory=dict)  # head noun (وزاره، حركه) → the last actor it headed
    outlet: ActorRef | None = None  # the last outlet named («الموقع»، «الوكالة» stand for it)
    carried: _Attribution | None = None  # a statement whose quotation or list runs on into the next sentences
    previous: _Attribution | None = None  # the last statement of the sentence before, as a carried attribution
    outlet_homes: dict[str, str] = field(default_factory=dict)  # a national outlet's id → its state («تاس الروسية»)
    denied: dict[tuple[int, int], str] = field(default_factory=dict)  # a denial's span → the denied speaker's id
    raw: str = ""  # the article's text, for the names of bodies the gazetteer lacks
    place: str | None = None  # the state of the last place named («في الفاشر»), for «في المدينة» later on


class ClaimExtractor:
    """Turns an annotated article into claims. Rules live in extract/lexicon/; this class only applies them."""

    def __init__(
        self, lexicons: Lexicons | None = None, matcher: ActorMatcher | None = None, war: War | None = None
    ) -> None:
        self.lex = lexicons or load_lexicons()
        self.matcher = matcher or ActorMatcher(self.lex)
        self.war = war  # set on the extractor of one war, whose gazetteer holds that war's short names
        self._by_war: dict[str, ClaimExtractor] = {}
        self.quantities = QuantityReader(self.lex, self.matcher)
        self._office_keys = {office.key: office.key for office in self.lex.institutions.values()}
        self._place_heads = frozenset(fold(r["form"]) for r in read_tsv("place_heads.tsv"))
        # a state's or a region's own name is the gazetteer's (لبنان is also a town in the United States)
        self._towns = PhraseTable({k: v for k, v in arabic_place_names().items() if k not in self.matcher.gazetteer})
        self._not_towns = frozenset(fold(r["form"]) for r in read_tsv("not_places.tsv"))
        self._body_nouns = frozenset(fold(r["form"]) for r in read_tsv("body_nouns.tsv"))
        self._continuations = PhraseTable(
            {tuple(fold(w) for w in r["form"].split()): True for r in read_tsv("continuation_openers.tsv")}
        )
        self._place_offices = frozenset(r["key"] for r in read_tsv("place_offices.tsv"))
        self._people_of = {r["side"]: r["state"] for r in read_tsv("people_of.tsv")}
        self._falsity = PhraseTable({tuple(fold(w) for w in r["form"].split()): True for r in read_tsv("falsity.tsv")})
        self._heads_known = frozenset(key[0] for key in (*self.matcher.gazetteer, *self.lex.institutions))
        self.time = TimeReader()
        self.events = EventReader(self._towns)
        self.accusations = AccusationReader(self.matcher)
        self._states = {
            a.side: ActorRef(text=a.names[0], id=a.id, side=a.side, kind="state", en=a.en)
            for a in load_actors()
            if a.kind == "state" and a.side
        }

    def extract(self, doc: AnnotatedArticle) -> list[Claim]:
        """All claims of the article, in text order."""
        state = _ArticleState(
            published=doc.article.published or self.time.published(doc.article.text), raw=doc.article.text
        )
        self._survey(doc, state)
        war = self.lex.wars.war_of(state.sides)
        if self.war is None and war is not None and war.aliases:
            return self._for_war(war).extract(doc)  # «الشباب» in an article on Somalia is al-Shabaab
        # A figure restated (headline, lead, quote) is a claim at each place it is made; the graph links the
        # restatements as the same statement rather than the extractor dropping all but one.
        claims = [claim for sentence in doc.sentences for claim in self._sentence(doc, sentence, state)]
        return self._link_denials(claims, state.denied)

    def _for_war(self, war: War) -> ClaimExtractor:
        """The extractor for articles on one war: the gazetteer plus the war's short names (ontology/conflicts.yaml)."""
        if war.name not in self._by_war:
            known = actors_by_id()
            extra = tuple(known[actor].model_copy(update={"names": names}) for actor, names in war.aliases.items())
            matcher = ActorMatcher(self.lex, actors=(*load_actors(), *extra))
            self._by_war[war.name] = ClaimExtractor(self.lex, matcher, war=war)
        return self._by_war[war.name]

    @staticmethod
    def _denied_claim(out: list[Claim], state: _ArticleState, denier: ActorRef | None) -> tuple[int, int] | None:
        """What a denial with no named claimant denies: another speaker's claim made just before (in its own
        sentence, else in the last sentence with claims), its first figure rather than the last item of a list."""

        def others(claims: list[Claim]) -> list[Claim]:
            return [
                c
                for c in claims
                if c.type != "denial" and (denier is None or c.speaker is None or c.speaker.side != denier.side)
            ]

        candidates = others(out) or others(state.last_claims)
        if not candidates:
            return state.last_claim_span
        figures = [c for c in candidates if c.type in {"casualty", "equipment", "territory", "deployment"}]
        return min(figures or candidates, key=lambda c: c.span[0]).span

    @staticmethod
    def _link_denials(claims: list[Claim], denied: dict[tuple[int, int], str]) -> list[Claim]:
        """Point each denial of a named speaker's claim at that claim: the first one after the denial in its own
        sentence («نفى X ما أعلنه Y عن ...»), else Y's latest claim before it, else Y's first one after."""
        out = list(claims)
        for k, denial in enumerate(out):
            speaker_id = denied.get(denial.span) if denial.type == "denial" else None
            if speaker_id is None:
                continue
            theirs = [c for c in out if c.type != "denial" and c.speaker is not None and c.speaker.id == speaker_id]
            same_sentence = [c for c in theirs if c.sentence == denial.sentence and c.span[0] > denial.span[0]]
            before = [c for c in theirs if c.span[1] <= denial.span[0]]
            after = [c for c in theirs if c.span[0] >= denial.span[1]]
            target = (same_sentence or before[-1:] or after)[:1]
            if target:
                out[k] = denial.model_copy(update={"denies": target[0].span})
        return out

    def _deed_accusations(self, tokens, mentions, attributions, made, speaker_and_via, claim) -> list[Claim]:
        """«قتل ضابط وجنديان في هجوم شنه مسلحون من تنظيم داعش، حسبما أورد مصدر أمني»: a deed that a speaker's
        sentence lays at another party's door, where no statement of the sentence already says so."""
        if any(c.type == "accusation" for c in made) or not attributions:
            return []
        deed = self.accusations.read(tokens, 0, len(tokens) - 1, mentions)
        if deed is None or deed.how != "named":
            return []  # only a deed laid at a named door («شنه مسلحون من X»), not the cause of the figures
        governing = [a for a in attributions if a.cue_first < deed.first]
        frame = governing[-1] if governing else attributions[-1]
        speaker = speaker_and_via(frame)[0]
        if speaker is None or self._own_camp(deed.side, speaker.side):
            return []
        return [claim(deed.first, deed.last, frame, type="accusation", target=Target(side=deed.side, group=None))]

    def _denied_frame(
        self, denial: _Attribution, tokens: list[Token], mentions: list[Mention], at: int
    ) -> _Attribution:
        """A figure inside what is denied is the denied party's claim: «نفى الجيش ما ورد في بيان قوات الدعم السريع
        أنها استولت على ...» (the RSF's), «نفت أرمينيا أن تكون القوات الأذربيجانية سيطرت على 5 قرى» (Baku's)."""
        denier = denial.speaker.side if denial.speaker else None
        claimant = next(
            (
                m.actor
                for m in mentions
                if denial.speaker_last < m.first < at
                and m.actor.side not in _NEUTRAL_SIDES
                and not self._own_camp(str(m.actor.side), denier)
            ),
            None,
        )
        if claimant is None:  # «أن تكون القوات الأذربيجانية قد سيطرت»: a nisba names the state whose claim it is
            sides = (self.matcher.nisba_side(t) for t in tokens[denial.speaker_last + 1 : at])
            side = next((x for x in sides if x and not self._own_camp(x, denier)), None)
            claimant = self._states.get(side) if side else None
        if claimant is None:
            return denial
        return _Attribution(denial.cue_first, denial.cue_last, denial.cue, claimant, denial.speaker_last, carried=True)

    def _in_the_war(self, place: str, state: _ArticleState) -> bool:
        """Whether a town's state fits the article: any, unless the article is clearly on one war and the state is
        not one of its sides (جوبا is South Sudan's capital; «إقليم جوبا السفلى» in an article on Somalia is Somali)."""
        war = self.lex.wars.clear_war_of(state.sides)
        return war is None or any(place in camp for camp in war.camps)

    def _own_camp(self, side: str, speaker_side: str | None) -> bool:
        """Whether a deed's doer is the speaker's own side or camp (a party's own deed is no accusation)."""
        return side == speaker_side or self.lex.wars.same_camp(side, speaker_side)

    def _cause_side(self, tokens: list[Token], mentions: list[Mention], at: int) -> str | None:
        """The doer named by the cause of a loss: «نتيجة هجمات حزب الله»، «جراء الغارات الإسرائيلية». Of several
        attacks in the sentence the one nearest the figure at token ``at`` is its cause («ردت إيران على الهجوم
        الإسرائيلي بضربات صاروخية أسفرت عن مقتل 14»: the strikes, whose doer the nisba does not name)."""
        attacks = sorted((abs(j - at), j) for j, tok in enumerate(tokens) if tok.forms() & _ATTACK_WORDS)
        if not attacks:
            return None
        j = attacks[0][1]
        for k in (j + 1, j + 2):
            if k < len(tokens) and (side := self.matcher.nisba_side(tokens[k])):
                return side
            actor = next((m for m in mentions if m.first == k and m.actor.side not in _NEUTRAL_SIDES), None)
            if actor is not None:
                return actor.actor.side
        return None

    def _place_side(self, tokens: list[Token], mentions: list[Mention], state: _ArticleState) -> str | None:
        """The state where the sentence places things: a state or region («في قطاع غزة»، «في السودان»), a town
        («في ريف حلب»، «بالفاشر»), or the town named before when the sentence says «في المدينة»."""
        for m in mentions:
            k = m.first - 1
            if k > 0 and tokens[k].folded in self._place_heads:
                k -= 1  # «في منطقة ناغورني قره باغ»، «في قطاع غزة»
            located = k >= 0 and tokens[k].folded in _LOCATIVES or tokens[m.first].folded.startswith("ب")
            if m.kind in {"state", "region"} and located and m.actor.side and self._in_the_war(m.actor.side, state):
                state.place = m.actor.side
                return m.actor.side
        # a run of proper nouns read as a new person may be a place («في ريف حلب»): only the gazetteer's names win
        named = {i for m in mentions if m.kind != "person" for i in range(m.first, m.last + 1)}
        for i, tok in enumerate(tokens):
            if i in named or tok.upos not in {"PROPN", "NOUN", "X", "ADJ"}:
                continue
            before = tokens[i - 1].folded if i > 0 else ""
            if before in _LOCATIVES or before in _TOWN_LOCATIVES or before in self._place_heads:
                found = self._towns.match(tokens, i)
                town = found[1] if found else None
            elif tok.folded.startswith("ب") and len(tok.folded) > 4:
                town = self._towns.get((tok.folded[1:],))  # «بالفاشر»: the preposition written on the name
            else:
                continue
            if town is not None and not (tok.forms() & self._not_towns) and self._in_the_war(town.state, state):
                state.place = town.state
                return town.state
            if tok.forms() & _PLACE_ANAPHORS:
                return state.place  # «في هجمات مماثلة بالمحافظة»: the province named before
        return None

    def _survey(self, doc: AnnotatedArticle, state: _ArticleState) -> None:
        """A first look at the whole article: how often each side is named (which war it is about), and the side of
        each office wherever the article names it in full, so that «وزارة الدفاع» before «وزارة الدفاع المالية»
        already has its side."""
        counts: Counter[str] = Counter()
        for sentence in doc.sentences:
            tokens = sentence_tokens(sentence, doc.article.text)
            mentions = self.matcher.mentions(tokens, doc.article.text, {})
            counts.update(m.actor.side for m in mentions if m.actor.side)
            counts.update(side for t in tokens if (side := self.matcher.nisba_side(t)))
            for m in mentions:
                key = self._office_keys.get(m.actor.id.split("-", 1)[-1]) if m.actor.side else None
                if key:
                    state.offices.setdefault(key, m.actor)
        state.sides = dict(counts)

    # ------------------------------------------------------------------ one sentence

    def _sentence(self, doc: AnnotatedArticle, sentence: Sentence, state: _ArticleState) -> list[Claim]:
        raw = doc.article.text
        tokens = sentence_tokens(sentence, raw)
        mentions = self._with_person_sides(tokens, self.matcher.mentions(tokens, raw, state.known_people), state)
        sources, source_starts = self._source_phrases(tokens, mentions)
        attributions = [self._outlet_quoting(a, sources) for a in self._attributions(tokens, mentions, sources, state)]
        sentence_via = [m.actor for m in sources if m.kind == "outlet"]
        period = self.time.period(tokens, state.published)
        sentence_via += [v for a in attributions if a.speaker is None and a.cue.kind == "relay" for v in a.via]
        attributions = [a for a in attributions if a.cue.kind != "relay" or a.speaker is not None]
        carried = state.carried if not attributions and not sources else None
        if carried is None and not attributions and not sources and state.previous is not None:
            opening = 1 if tokens and tokens[0].is_punct else 0
            if opening < len(tokens) and self._continuations.match(tokens, opening):
                carried = state.previous  # «وبين القتلى 30 طفلا»: the breakdown of the figures just given
        if carried is not None:
            attributions = [carried]
        state.carried = self._carried_on(raw, sentence, tokens, attributions, carried)
        speaking = [a for a in attributions if a.speaker is not None and a.cue.kind in {"say", "relay"} and not a.named]
        state.previous = (
            _Attribution(-1, -1, speaking[-1].cue, speaking[-1].speaker, -1, via=speaking[-1].via, carried=True)
            if speaking
            else None
        )

        def speaker_and_via(attribution: _Attribution | None) -> tuple[ActorRef | None, list[ActorRef]]:
            speaker = attribution.speaker if attribution else (self._source_speaker(sources))
            via = (
                attribution.via
                if attribution and attribution.via
                else [v for v in sentence_via if speaker is None or v.id != speaker.id]
            )
            if speaker is not None and speaker.side is None and speaker.kind != "outlet":
                # «نقلت وكالة الأنباء العراقية عن مصدر أمني»: an official the national outlet quotes is its state's
                home = next((state.outlet_homes[v.id] for v in via if v.id in state.outlet_homes), None)
                speaker = speaker.model_copy(update={"side": home}) if home else speaker
            if speaker is not None and (held := self._held_by(speaker.side, state.sides)):
                speaker = speaker.model_copy(update={"side": held})  # «القوات المسلحة اليمنية» in Sanaa's war
            return speaker, via

        def claim(first: int, last: int, attribution: _Attribution | None, **fields) -> Claim:
            start, end = tokens[first].start, tokens[last].end
            event = self.events.read(tokens, first, last, mentions)
            speaker, via = speaker_and_via(attribution)
            return Claim(
                article=doc.article.name,
                article_id=doc.article.content_id,
                span=(start, end),
                quote=raw[start:end],
                speaker=speaker,
                via=via,
                sentence=(sentence.start, sentence.end),
                cue=raw[tokens[attribution.cue_first].start : tokens[attribution.cue_last].end]
                if attribution and not attribution.carried
                else None,
                date=state.published.isoformat() if state.published else None,
                period_start=period.start.isoformat() if period.start else None,
                period_end=period.end.isoformat() if period.end else None,
                cumulative=period.cumulative,
                event=event.event,
                place=event.place,
                **fields,
            )

        quantities = self.quantities.read(tokens)
        out: list[Claim] = []
        for k, att in enumerate(attributions):
            if att.carried:
                continue  # the statement was recorded where it was made; here it only attributes figures
            kind = _TYPE_BY_CUE[att.cue.kind]
            denies = None
            if kind == "denial":
                first, last = self._denial_start(tokens, att.cue_first), max(att.speaker_last, att.cue_last)
                denies = self._denied_claim(out, state, att.speaker)
                denied = self._denied_speaker(tokens, att, attributions[k + 1 :])
                if denied is not None:  # «نفى X ما أعلنه Y»: Y's claim, wherever the article gives it
                    state.denied[(tokens[first].start, tokens[last].end)] = denied.id
                    denies = None
            else:
                following = attributions[k + 1] if k + 1 < len(attributions) else None
                first, last = self._content(tokens, att, following, source_starts)
                if kind == "statement" and att.cue.kind in {"say", "relay"} and self._calls_false(tokens, first, last):
                    # «وقالت أرمينيا إن هذه الاتهامات كاذبة», «ونقلت الوكالة عن مصدر قوله: هذا كلام غير صحيح»: a
                    # denial of the claim before it
                    kind = "denial"
                    denies = self._denied_claim(out, state, att.speaker)
                elif kind == "statement" and att.cue.kind in {"say", "relay"}:
                    negated = self._negated_clauses(tokens, first, last)
                    for a, b in negated:  # «وأكد الجيش أن قوات X لم تسيطر على أي دبابات ولم تسقط أي طائرات»
                        denies = self._denied_claim(out, state, att.speaker)
                        out.append(claim(a, b, att, type="denial", target=None, denies=denies, assertion=None))
                    if negated:
                        continue
            if first > last:
                continue
            target = Target(side=att.accused.side, group=None) if kind == "accusation" and att.accused else None
            if kind == "statement" and att.speaker is not None and not _holds_figure(quantities, first, last):
                # «إن القوات الأرمينية شنته»; a statement of figures that names their cause stays a statement
                deed = self.accusations.read(tokens, first, last, mentions)
                if deed is not None and not self._own_camp(deed.side, att.speaker.side):
                    kind, target = "accusation", Target(side=deed.side, group=None)  # «إن القوات الأرمينية شنته»
            assertion = self._assertion(tokens, att.cue_first if kind == "accusation" else first, last)
            out.append(claim(first, last, att, type=kind, target=target, denies=denies, assertion=assertion))
        source = self._source_speaker(sources)
        if source is not None and source.kind in {"organization", "state"}:
            state.last_organisation = source
        if not attributions and source is not None:
            first, last = self._source_content(tokens, sources)
            if first <= last:
                out.append(claim(first, last, None, type="statement"))
        place = self._place_side(tokens, mentions, state)
        for quantity in quantities:
            governing = [a for a in attributions if a.cue_first < quantity.first]
            frame = governing[-1] if governing else None
            if frame is not None and frame.cue.kind == "deny":
                frame = self._denied_frame(frame, tokens, mentions, quantity.first)
            speaker = speaker_and_via(frame)[0]
            quantity = self._whose_and_by_whom(tokens, mentions, quantity, speaker, state)
            if (
                frame is None
                and speaker is None
                and not any(t.forms() & _REPORT_NOUNS for t in tokens[: quantity.first])
            ):
                continue  # a figure in the outlet's own voice is nobody's claim; «وكانت أنباء قد وردت» is a report
            fields = self._numeric_fields(
                quantity, speaker, state.sides, place, self._cause_side(tokens, mentions, quantity.first), state.place
            )
            out.append(claim(quantity.first, quantity.last, frame, **fields))
        out += self._deed_accusations(tokens, mentions, attributions, out, speaker_and_via, claim)
        if out:
            state.last_claim_span = max(out, key=lambda c: c.span[0]).span
            state.last_claims = sorted(out, key=lambda c: c.span)
        return sorted(out, key=lambda c: c.span)

    def _whose_and_by_whom(
        self,
        tokens: list[Token],
        mentions: list[Mention],
        quantity: Quantity,
        speaker: ActorRef | None,
        state: _ArticleState,
    ) -> Quantity:
        """What the sentence around a figure says of its owner and its doer, beyond the figure's own words: an
        actor (named earlier, or an anaphor of one) right after the counted noun owns it («قادة الحزب»);
        «عناصرهم» in a body's words are another's; a joined verb is done by the subject before it."""
        owner = next((m for m in mentions if m.first == quantity.last + 1 and m.actor.side), None)
        if quantity.target_side is None and owner is not None and owner.kind != "outlet":
            quantity = replace(quantity, target_side=owner.actor.side)
        inflicted = quantity.first > 0 and bool(tokens[quantity.first - 1].forms() & _INFLICTING)
        if (inflicted and quantity.target_side is None) or (quantity.own and self._theirs(tokens, quantity, speaker)):
            # «وأوقعت المئات من القتلى في صفوفها»؛ «كبد المهاجمين ... وقتل 250 من عناصرهم»: the other side's
            quantity = replace(quantity, own=False, enemy=True)
        return self._done_by_the_subject_before(tokens, mentions, quantity, speaker, state)

    def _done_by_the_subject_before(
        self,
        tokens: list[Token],
        mentions: list[Mention],
        quantity: Quantity,
        speaker: ActorRef | None,
        state: _ArticleState,
    ) -> Quantity:
        """A plural verb joined by و to the plural verb before it shares its subject: in «عناصر الدعم السريع اقتحموا
        القرية وقتلوا 12 جنديا» the RSF killed; in the army's «المسلحين هاجموا القاعدة ... وقتلوا أربعة جنود» the
        other camp did (militants in a state's words, soldiers in an armed group's)."""
        verb = tokens[quantity.first].folded
        if quantity.agent_side is not None or not (verb.startswith("و") and verb.endswith("وا")):
            return quantity
        previous = next(
            (
                k
                for k in range(quantity.first - 1, max(0, quantity.first - _COMPLEMENT_WINDOW), -1)
                if tokens[k].is_punct or tokens[k].folded.endswith("وا") and not tokens[k].folded.startswith("و")
            ),
            None,
        )
        if previous is None or tokens[previous].is_punct:
            return quantity
        named = next((m for m in mentions if m.last == previous - 1 and m.actor.side), None)
        if named is not None:
            return replace(quantity, agent_side=named.actor.side)
        subject = self.lex.targets.match(tokens, previous - 1)
        party = speaker.side if speaker is not None else None
        if subject is None or subject[1].kind != "people" or not party or party in _NEUTRAL_SIDES:
            return quantity
        if (subject[1].group in _ARMED_GROUPS) != (len(party) == 2):
            return quantity  # the speaker's own kind of force: its own deed
        opponent = self.lex.wars.opponent(party, state.sides)
        return replace(quantity, agent_side=opponent) if opponent else quantity

    def _theirs(self, tokens: list[Token], quantity: Quantity, speaker: ActorRef | None) -> bool:
        """Whether the counted are marked «theirs» where the speaker is one body: a state or an organisation speaks
        of its own as «جنوده، عناصرها»; «عناصرهم» are of the plural named before (the attackers, the enemy)."""
        if speaker is None or speaker.kind not in {"organization", "state"}:
            return False
        for k in range(quantity.first, quantity.last + 1):
            noun = self.lex.targets.match(tokens, k)
            if noun is not None and noun[1].possessed:
                return tokens[k + noun[0] - 1].folded.endswith(("هم", "هن"))
        return False

    # ------------------------------------------------------------------ speakers

    @staticmethod
    def _carried_on(
        raw: str,
        sentence: Sentence,
        tokens: list[Token],
        attributions: list[_Attribution],
        carried: _Attribution | None,
    ) -> _Attribution | None:
        """The statement the next sentence still belongs to: one whose quotation is left open («قال: "... »), or that
        ends in a colon before a list; None when the quotation closes or nothing runs on."""
        speaking = [a for a in attributions if a.speaker is not None and a.cue.kind in {"say", "relay"} and not a.named]
        if not speaking or not tokens:
            return None
        last = speaking[-1]
        start = sentence.start if last.carried else tokens[last.cue_first].start
        text = raw[start : sentence.end]
        opened = text.count("“") + text.count("«") - text.count("”") - text.count("»") + text.count('"') % 2
        still_open = opened > 0 if not last.carried else opened >= 0 and not (text.count("”") + text.count("»"))
        if last.carried and text.count('"') % 2:
            still_open = False  # a straight quote in a carried sentence closes the quotation
        if still_open or raw[: sentence.end].rstrip().endswith(":"):
            return _Attribution(-1, -1, last.cue, last.speaker, -1, via=last.via, carried=True)
        return None

    @staticmethod
    def _outlet_quoting(att: _Attribution, sources: list[Mention]) -> _Attribution:
        """«أفادت وكالة X، نقلا عن مسؤول باكستاني، بأن ...»: the outlet relays; the source it quotes is the speaker."""
        if att.speaker is None or att.speaker.kind != "outlet":
            return att
        quoted = next((m for m in sources if m.kind != "outlet" and m.first > att.speaker_last), None)
        if quoted is None or quoted.first > att.speaker_last + 6:
            return att
        via = [att.speaker, *(v for v in att.via if v.id != att.speaker.id)]
        return _Attribution(att.cue_first, att.cue_last, att.cue, quoted.actor, quoted.last, via=via)

    def _anaphors(self, tokens: list[Token], mentions: list[Mention], state: _ArticleState) -> list[Mention]:
        """Definite nouns that stand for an actor named earlier by a phrase with that head: «الوزارة» for «وزارة
        الدفاع الروسية», «الحركة» for «حركة الشباب», «الخلية» for «خلية الإعلام الأمني»; «الموقع»، «الوكالة» for
        the last outlet."""
        covered = {j for m in mentions for j in range(m.first, m.last + 1)}
        out = list(mentions)
        named_here = [(m.last, self._heads_of([m], tokens)) for m in mentions]
        for j, tok in enumerate(tokens):
            if j in covered:
                continue
            core = tok.folded.lstrip("وف")
            core = "ال" + core[2:] if core.startswith("لل") else core
            if not core.startswith("ال") or len(core) < 5:
                continue
            if j + 1 < len(tokens) and tokens[j + 1].folded in _ON_BEHALF:
                continue  # «المتحدث باسم التحالف» names whose spokesman he is: another than the one before
            # «كذب حزب الله ... قتل نصف قادة الحزب»: a phrase named earlier in this sentence counts too
            here = {head: actor for last, heads in named_here if last < j for head, actor in heads.items()}
            # «الوكالة» after a UN agency is that agency; after a news agency, the outlet
            actor = (
                here.get(core[2:]) or state.heads.get(core[2:]) or (state.outlet if core in _OUTLET_ANAPHORS else None)
            )
            if actor is None and core in _BODY_ANAPHORS and state.last_organisation is not None:
                actor = state.last_organisation  # «قالت الأمم المتحدة ... وأضافت المنظمة»
            if actor is not None:
                out.append(Mention(j, j, actor.model_copy(update={"text": tok.text})))
        return sorted(out, key=lambda m: m.first)

    def _remember_heads(self, tokens: list[Token], mentions: list[Mention], state: _ArticleState) -> None:
        """Record the head noun of each actor named by a phrase (وزارة، حركة، قائد), and a body noun just before a
        name (جهاز الدفاع المدني → «الجهاز»), for later anaphors."""
        for m in mentions:
            if m.kind == "outlet":
                state.outlet = m.actor
        state.heads.update(self._heads_of(mentions, tokens))

    def _heads_of(self, mentions: list[Mention], tokens: list[Token]) -> dict[str, ActorRef]:
        """The head noun of each actor named by a phrase with a side, and the body noun just before a name."""
        heads: dict[str, ActorRef] = {}
        for m in mentions:
            if m.kind == "outlet" or not m.actor.side:
                continue
            if m.last > m.first:
                # The form the gazetteer knows («ووزارة» → وزاره; a bare strip of و would eat the head's own و).
                forms = tokens[m.first].ordered_forms()
                head = next((f for f in forms if f in self._heads_known), tokens[m.first].folded.lstrip("وف"))
                heads[head[2:] if head.startswith("ال") else head] = m.actor
            if m.first > 0 and tokens[m.first - 1].forms() & self._body_nouns:
                body = next(iter(tokens[m.first - 1].forms() & self._body_nouns))
                heads[body] = m.actor
        return heads

    def _with_person_sides(self, tokens: list[Token], mentions: list[Mention], state: _ArticleState) -> list[Mention]:
        """Resolve anaphors and offices named without their side, give a new person the side of the office or nisba
        that describes them, and remember them by surname."""
        mentions = self._anaphors(tokens, mentions, state)
        out = []
        for m in mentions:
            actor = m.actor
            key = self._office_keys.get(actor.id.split("-", 1)[-1] if actor.side else actor.id)
            if key and actor.side:
                state.offices[key] = actor
            elif key and key in state.offices:  # «وزارة الدفاع» after «وزارة الدفاع الروسية»: the same office
                actor = state.offices[key].model_copy(update={"text": actor.text})
            elif key and key.endswith("-spokesperson") and key.removesuffix("-spokesperson") in state.offices:
                # «المتحدث باسم الجيش» after «الجيش السوداني»: the spokesperson of that army
                side = state.offices[key.removesuffix("-spokesperson")].side
                actor = actor.model_copy(update={"side": side, "id": office_id(key, side)})
            elif key in self._place_offices and (side := self._counted_place(tokens, mentions, m)):
                actor = actor.model_copy(update={"side": side, "id": office_id(key, side)})
                state.offices[key] = actor
            core = tokens[m.first].folded.lstrip("وف")
            earlier = state.heads.get(core[2:]) if m.first == m.last and core.startswith("ال") else None
            if actor.side is None and earlier is not None:
                actor = earlier.model_copy(update={"text": actor.text})  # «وأضاف القائد» after «قائد العمليات»
            if actor.kind == "person" and actor.side is None:
                actor = actor.model_copy(update={"side": self._descriptor_side(tokens, mentions, m)})
            if actor.id.startswith("person:"):
                state.known_people.setdefault(fold(tokens[m.last].text), actor)
            out.append(Mention(m.first, m.last, actor))
        out = self._sides_from_parent(tokens, out)
        self._remember_heads(tokens, out, state)
        homes = [home for m in out if m.kind == "outlet" and (home := self._outlet_home(tokens, m))]
        for m in out:
            if m.kind == "outlet" and (home := self._outlet_home(tokens, m)):
                state.outlet_homes[m.actor.id] = home
        for k, m in enumerate(out):  # «نقلا عن قائد العمليات» in a national agency's report: its state's officer
            quoted = m.first > 0 and tokens[m.first - 1].folded == "عن"
            if homes and quoted and m.actor.side is None and m.kind != "outlet":
                out[k] = Mention(m.first, m.last, m.actor.model_copy(update={"side": homes[0]}))
                self._remember_heads(tokens, [out[k]], state)
        return out

    def _outlet_home(self, tokens: list[Token], m: Mention) -> str | None:
        """The state of a national outlet: a nisba in a name the gazetteer lacks («وكالة الأنباء العراقية») or right
        after a known name («وكالة تاس الروسية»). A gazetteer name with a nisba (الوكالة الفرنسية) is no state's."""
        start = m.first if m.actor.id.startswith("outlet:") else m.last + 1
        for j in range(start, min(len(tokens), m.last + 2)):
            side = self.matcher.nisba_side(tokens[j])
            if side and side not in _NEUTRAL_SIDES:
                return side
        return None

    def _held_by(self, side: str | None, sides: dict[str, int]) -> str | None:
        """The party a state's institutions stand for in a war where the state itself is no camp but one party holds
        its ground (people_of.tsv): Yemen's army in the war of Israel and the Houthis is the Houthis'."""
        war = self.lex.wars.war_of(sides) if side and len(side) == 2 else None
        if war is None or any(side in camp for camp in war.camps):
            return None
        holders = {p for camp in war.camps for p in camp if self._people_of.get(p) == side}
        return next(iter(holders)) if len(holders) == 1 else None

    def _only_state(self, sides: dict[str, int]) -> str | None:
        """The state of the article's war when the war has only one (SD against the RSF), else None."""
        war = self.lex.wars.war_of(sides)
        states = {s for camp in war.camps for s in camp if len(s) == 2} if war else set()
        return next(iter(states)) if len(states) == 1 else None

    def _counted_place(self, tokens: list[Token], mentions: list[Mention], office: Mention) -> str | None:
        """The side of the place a sentence counts in: the first party named after «في، على» (a place noun such as
        العاصمة may stand between): «على العاصمة صنعاء»، «في قطاع غزة»."""
        for m in mentions:
            if m is office or m.kind in {"outlet", "person"} or m.actor.side in _NEUTRAL_SIDES:
                continue
            k = m.first - 1
            if k > 0 and tokens[k].folded in self._place_heads:
                k -= 1
            if k >= 0 and tokens[k].folded in {"في", "على", "علي"}:
                return m.actor.side
        return None

    @staticmethod
    def _sides_from_parent(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """An office named without its side takes the side of the body it belongs to: «مركز عمليات الطوارئ التابع
        لوزارة الصحة اللبنانية», «شعبة الإعلام الحربي التابعة للقيادة العامة»."""
        out = list(mentions)
        for k, m in enumerate(out):
            if m.actor.side or m.kind == "outlet":
                continue
            for parent in out[k + 1 :]:
                between = tokens[m.last + 1 : parent.first]
                if len(between) > 2 or not (
                    any(t.folded.lstrip("و").startswith(("تابع", "التابع")) for t in between)
                    or tokens[parent.first].folded.startswith(("لل", "ل"))
                    and not between
                ):
                    break
                if parent.actor.side:
                    out[k] = Mention(m.first, m.last, m.actor.model_copy(update={"side": parent.actor.side}))
                    break
        return out

    def _descriptor_side(self, tokens: list[Token], mentions: list[Mention], person: Mention) -> str | None:
        """The side named next to a person: «المتحدث باسم وزارة الدفاع الأرمينية أرتوم توراسيان»."""
        right_end = next(
            (j for j in range(person.last + 1, len(tokens)) if tokens[j].folded in self.lex.complement), len(tokens)
        )
        for distance in range(1, 9):
            for j in (person.first - distance, person.last + distance):
                # what follows the complement («إن قواته قتلت 11 من قوات حفتر») is the statement, not the person
                if not 0 <= j < len(tokens) or j >= right_end or tokens[j].folded in self.lex.complement:
                    continue
                side = self.matcher.nisba_side(tokens[j])
                if side:
                    return side
                for m in mentions:
                    if m is not person and m.first <= j <= m.last and m.actor.side and m.kind != "outlet":
                        return m.actor.side
        return None

    def _source_phrases(self, tokens: list[Token], mentions: list[Mention]) -> tuple[list[Mention], set[int]]:
        """Actors introduced by «حسب، وفقا لـ، نقلا عن، في بيان لـ» anywhere in the sentence, and where each
        such phrase starts (it is attribution, not content)."""
        out: list[Mention] = []
        starts: set[int] = set()
        opening = next((m for m in mentions if m.first <= 1 and m.kind != "outlet"), None)
        if opening is not None and opening.last + 1 < len(tokens) and tokens[opening.last + 1].text == ":":
            out.append(opening)  # a headline «الصحة الفلسطينية: 12 شهيدا»: the speaker before the colon
            starts.add(opening.first)
        for i in range(len(tokens)):
            found = self.lex.attribution.match(tokens, i)
            if not found:
                continue
            after = i + found[0]
            if after < len(tokens) and tokens[after].folded in {"ما", "لما"}:
                after += 1  # «وفق ما قاله»، «وفقا لما نقلته»
            reporting = self.lex.reporting.match(tokens, after) if after < len(tokens) else None
            if reporting:  # «حسبما أوردت بي بي سي»: the actor follows the verb
                after += reporting[0]
            phrase_end = after
            while after < len(tokens) and (tokens[after].forms() & _DOCUMENT_WORDS or tokens[after].is_punct):
                after += 1
            # The actor may start on a skipped word when the word is part of its name («وكالة بلومبرغ للأنباء»).
            found_here = [m for m in mentions if phrase_end <= m.first <= after + 1]
            if found_here:
                out.extend(found_here)
                starts.add(i)
                if reporting and reporting[1].kind == "relay":  # «وفقا لما نقلته قناة X عن وزارة الصحة»
                    an = next((j for j in range(after, min(len(tokens), after + 8)) if tokens[j].folded == "عن"), None)
                    out.extend(m for m in mentions if an is not None and m.first == an + 1 and m.kind != "outlet")
                # «وفق ما قاله مسؤول ... لوكالة أسوشيتد برس»: the outlet spoken to is the relay
                out.extend(
                    m
                    for m in mentions
                    if m.kind == "outlet"
                    and found_here[-1].last < m.first <= found_here[-1].last + 8
                    and tokens[m.first].folded.startswith("ل")
                )
        return out, starts

    def _source_content(self, tokens: list[Token], sources: list[Mention]) -> tuple[int, int]:
        """A sentence attributed only by a source phrase: its content is the rest of the sentence."""
        first_source = min(m.first for m in sources)
        phrase_start = first_source
        while phrase_start > 0 and (
            tokens[phrase_start - 1].forms() & _DOCUMENT_WORDS or self.lex.attribution.match(tokens, phrase_start - 1)
        ):
            phrase_start -= 1
        if phrase_start > 2:  # «... ، وفقا لبيان صادر عن X»: the content comes before the phrase
            first, last = 0, phrase_start - 1
        else:  # «حسب X، ...»: after it
            first, last = max(m.last for m in sources) + 1, len(tokens) - 1
        while first <= last and tokens[first].is_punct:
            first += 1
        while last >= first and tokens[last].is_punct:
            last -= 1
        return first, last

    @staticmethod
    def _source_speaker(sources: list[Mention]) -> ActorRef | None:
        speakers = [m.actor for m in sources if m.kind != "outlet"] or [m.actor for m in sources]
        return speakers[0] if speakers else None

    def _attributions(
        self, tokens: list[Token], mentions: list[Mention], sources: list[Mention], state: _ArticleState
    ) -> list[_Attribution]:
        out: list[_Attribution] = []
        i = 0
        while i < len(tokens):
            found = self.lex.reporting.match(tokens, i)
            if not found:
                i += 1
                continue
            n, cue = found
            if tokens[i].folded.lstrip("وب") in _ADDING and i + 1 < len(tokens) and tokens[i + 1].folded == "الي":
                i += 1  # «إضافة إلى 6 مدافع» adds an item to a list; «أضافه» (he added it) has the same letters
                continue
            if cue.position != "nominal" and (self._not_a_verb(tokens[i]) or self._after_preposition(tokens, i)):
                i += 1
                continue
            if [a for a in out if a.speaker is not None] and self._in_source_phrase(tokens, i):
                i += n  # «وقال X - حسبما أفادت قناة Y: ...»: Y relays X's words (a source phrase), it says nothing
                continue
            att = self._resolve(tokens, mentions, sources, i, i + n - 1, cue, out, state)
            if att.dropped:
                i += n
                continue
            if cue.position == "nominal" and out and out[-1].cue.kind == "deny" and i == out[-1].speaker_last + 1:
                att.named = True  # «نفت القوات المسلحة مزاعم الاحتلال بـ ...»
                out.append(att)
                i = max(i + n, att.speaker_last + 1)
                continue
            last = state.last_speaker
            same = att.speaker is not None and last is not None and att.speaker.id == last.id
            if same and not att.via:  # «وقالت الوزارة» after «نقلت وكالة X عن الوزارة»: the same relay
                att.via = list(state.last_via)
            out.append(att)
            if att.speaker is not None:
                state.last_speaker, state.last_via = att.speaker, list(att.via)
                if att.speaker.kind in {"organization", "state"}:
                    state.last_organisation = att.speaker
            i = max(i + n, att.speaker_last + 1)
        return out

    def _resolve(
        self,
        tokens: list[Token],
        mentions: list[Mention],
        sources: list[Mention],
        first: int,
        last: int,
        cue: Cue,
        earlier: list[_Attribution],
        state: _ArticleState,
    ) -> _Attribution:
        """Find the speaker (and relay, and accused) of the reporting cue at tokens [first, last]."""
        if cue.position == "inherit":
            # the one already speaking: the last cue of the sentence that named a speaker, else the last speaker
            speaking = [a for a in earlier if a.speaker is not None and not a.named]
            speaker = speaking[-1].speaker if speaking else state.last_speaker
            return _Attribution(
                first,
                last,
                cue,
                speaker,
                last,
                via=speaking[-1].via if speaking else [],
                accused=self._first_mention(mentions, last + 1, last + 6),
            )
        if cue.position == "nominal":
            right_after = next((m for m in mentions if m.first == last + 1 and m.kind != "outlet"), None)
            if right_after is None:
                return _Attribution(first, last, cue, None, last, dropped=True)
            accused = self._first_mention(mentions, right_after.last + 1, right_after.last + 8, right_after.actor)
            return _Attribution(first, last, cue, right_after.actor, right_after.last, accused=accused)
        boundary = self._phrase_end(tokens, last + 1)
        in_phrase = [m for m in mentions if last < m.first < boundary]
        via: list[ActorRef] = []
        if cue.kind == "relay":
            outlet = next((m for m in in_phrase if m.kind == "outlet"), None)
            an = next((j for j in range(last + 1, boundary) if tokens[j].folded == "عن"), None)
            quoted = next((m for m in in_phrase if an is not None and m.first > an), None)
            if outlet and quoted:
                return _Attribution(first, last, cue, quoted.actor, quoted.last, via=[outlet.actor])
            source = self._quoted_phrase(tokens, an + 1) if outlet and an is not None else None
            if outlet and source is not None:  # «نقلت وكالة تاس عن حاكم مقاطعة بيلغورود قوله»
                return _Attribution(first, last, cue, source.actor, source.last, via=[outlet.actor])
            return _Attribution(
                first, last, cue, None, outlet.last if outlet else last, via=[outlet.actor] if outlet else []
            )
        subject = self._subject(tokens, mentions, in_phrase, first, last)
        charged = self._charged(tokens, mentions, last + 1, last + 12) if cue.kind == "accuse" else None
        if charged is not None and subject is not None and subject.first == charged.first:
            # «تتهم الجيش الإثيوبي بشن غارات»: the name after the verb is the accused; the accuser stands before it
            # (a headline) or is the one speaking
            subject = next((m for m in mentions if m.last < first and m.kind != "outlet" and m.actor.side), None)
            if subject is None:
                speaking = [a for a in earlier if a.speaker is not None]
                speaker = speaking[-1].speaker if speaking else state.last_speaker
                return _Attribution(first, last, cue, speaker, last, accused=charged.actor)
        if subject is not None and subject not in mentions:
            self._remember_heads(tokens, [subject], state)  # «خلية الإعلام الأمني العراقية» → later «الخلية»
        if subject is None or subject.actor.side is None:
            subject = self._wing_of(tokens, mentions, last + 1, raw_text=state.raw) or subject
        if subject is None and last + 1 < len(tokens) and tokens[last + 1].folded in {"فيه", "فيها"}:
            subject = self._statement_owner(tokens, mentions, first)  # «بيان لقوات الدعم السريع قالت فيه إنها»
        if subject is None and self._subjectless(tokens, last + 1) and not [a for a in earlier if a.speaker]:
            # «تبنت الجماعة الهجوم، وقالت إن ...»: the verb continues the subject of the sentence's first verb
            opening = self._first_verb(tokens)
            subject = next(
                (
                    m
                    for m in mentions
                    if m.last < first
                    and m.kind != "outlet"
                    and m.actor.side
                    and (m.first == 0 or m.first == opening + 1)
                ),
                None,
            )
        if subject is None:
            speaker = self._implicit_speaker(tokens, last + 1, sources, state)
            speaker_last = (
                last + 1
                if speaker is not None and last + 1 < len(tokens) and tokens[last + 1].folded in _ANAPHORS
                else last
            )
            via = earlier[-1].via if speaker is not None and earlier and earlier[-1].speaker == speaker else []
        else:
            speaker, speaker_last = subject.actor, max(subject.last, last)
        relays = [m.actor for m in in_phrase if m.kind == "outlet" and m.actor.id != (speaker.id if speaker else "")]
        relays += [m.actor for m in sources if m.kind == "outlet" and m.actor.id != (speaker.id if speaker else "")]
        enclosing = [a.speaker for a in earlier if a.speaker is not None and a.speaker.kind == "outlet"]
        if speaker is not None and speaker.kind != "outlet":
            relays += [o for o in enclosing if o.id != speaker.id]  # «أفادت قناة X ... أن المتحدث قال»
        via = list({v.id: v for v in [*via, *relays]}.values())
        accused = (
            (charged.actor if charged is not None and charged.first > speaker_last else None)
            or self._first_mention(mentions, speaker_last + 1, speaker_last + 8, exclude=speaker, tokens=tokens)
            if cue.kind == "accuse"
            else None
        )
        return _Attribution(first, last, cue, speaker, speaker_last, via=via, accused=accused)

    @staticmethod
    def _wing_of(tokens: list[Token], mentions: list[Mention], start: int, raw_text: str) -> Mention | None:
        """A body the gazetteer lacks, named with what it belongs to: «قالت قوات الدفاع الشعبي، الجناح العسكري لحزب
        العمال الكردستاني، إن ...» is a body of the PKK's side."""
        comma = next((k for k in range(start + 1, min(len(tokens), start + 6)) if tokens[k].text in {"،", ","}), None)
        if comma is None:
            return None
        if any(m.actor.side or m.first != start for m in mentions if m.first <= comma and m.last >= start):
            return None  # a name with a side of its own, or one that does not open the subject
        wing = next((k for k in range(comma + 1, comma + 3) if k < len(tokens) and tokens[k].forms() & _WINGS), None)
        owner = next((m for m in mentions if wing is not None and wing < m.first <= wing + 3), None)
        if owner is None or owner.actor.side in _NEUTRAL_SIDES:
            return None
        text = raw_text[tokens[start].start : tokens[comma - 1].end]
        return Mention(
            start, owner.last, ActorRef(text=text, id=org_slug(text), side=owner.actor.side, kind="organization")
        )

    @staticmethod
    def _statement_owner(tokens: list[Token], mentions: list[Mention], cue_first: int) -> Mention | None:
        """Whose statement a «قالت فيه» (in which it said) refers back to: «بيان لـX» or «بيان X» just before."""
        for m in mentions:
            if m.last < cue_first <= m.last + 2 and m.first > 0:
                before = tokens[m.first - 1]
                if before.forms() & _STATEMENT_NOUNS or m.first > 1 and tokens[m.first - 2].forms() & _STATEMENT_NOUNS:
                    return m
        return None

    @staticmethod
    def _charged(tokens: list[Token], mentions: list[Mention], start: int, stop: int) -> Mention | None:
        """Who «اتهم» charges: the party named right before «بـ» and the deed (اتهم X بشن، بقصف، بتجنيد)."""
        for m in mentions:
            k = m.last + 1
            if start <= m.first < stop and k < len(tokens) and m.actor.side not in _NEUTRAL_SIDES:
                word = tokens[k].folded
                if word.startswith("ب") and len(word) >= 3 and tokens[k].upos in {"NOUN", "VERB", "X"}:
                    return m
        return None

    def _subject(
        self, tokens: list[Token], mentions: list[Mention], in_phrase: list[Mention], first: int, last: int
    ) -> Mention | None:
        """The speaker of a verb: the actor just before it in a headline («باكو تعلن», «X: ...»), else the first
        actor after it that is not inside a prepositional phrase (an outlet there is the relay: «قال لوكالة X»),
        else a noun phrase with a nisba (خلية الإعلام الأمني العراقية), else an outlet speaking in its own name."""
        gap = 1 + (first > 0 and tokens[first - 1].folded in {"قد", "فقد", "لقد"})  # «وكان الجيش قد أعلن»
        before = next((m for m in mentions if m.last == first - gap), None)
        if before is not None and gap == 2:
            return before
        if before is not None and before.kind == "person":  # «وكان وزير الدفاع الروسي سيرغي شويغو أعلن»
            office = next((m for m in mentions if m.last == before.first - 1 and m.kind != "outlet"), None)
            if office is not None:
                side = before.actor.side or office.actor.side
                before = Mention(office.first, before.last, before.actor.model_copy(update={"side": side}))
        if before is not None and (
            before.first == 0
            or tokens[before.first - 1].folded.lstrip("وف") in _PAST_AUXILIARIES  # «وكان الجيش أعلن» (pluperfect)
            or tokens[before.first - 1].is_punct
            or tokens[before.first - 1].folded in {"اما", "لكن", "ولكن", "بينما", "فيما", "في حين"}
            or tokens[before.first - 1].folded == "ان"
            and before.first > 1
            and tokens[before.first - 2].folded in {"غير", "الا", "بيد"}  # «غير أن نيودلهي أكدت»
            or tokens[first].folded.lstrip("و").startswith(("ي", "ت"))
        ):
            return before
        outlet_ends = {m.last for m in mentions if m.kind == "outlet"}
        candidates = [
            m
            for m in in_phrase
            # a state right after an outlet is the outlet's nisba: «قناة العربية السعودية»
            if not self._in_prepositional_phrase(tokens, m) and m.first - 1 not in outlet_ends
        ]
        parties = [m for m in candidates if m.kind != "outlet"]
        subject = parties[0] if parties else None
        if subject is not None and subject.first - (last + 1) > _DESCRIPTOR_WORDS:
            subject = None
        if subject is not None:
            named = next(
                (m for m in parties if m.kind == "person" and subject.last < m.first <= subject.last + 2), None
            )
            if named is not None and subject.kind == "person":  # «المتحدث باسم الجيش نبيل عبد الله»
                side = named.actor.side or subject.actor.side
                return Mention(named.first, named.last, named.actor.model_copy(update={"side": side}))
            return subject
        in_a_name = any(m.first <= last + 1 <= m.last for m in mentions)  # «قناة روسيا اليوم» is a name, not a nisba
        phrase = self._spokesperson(tokens, mentions, last + 1) or (
            None if in_a_name else self._nisba_phrase(tokens, last + 1)
        )
        if phrase is not None:
            return phrase
        outlets = [m for m in candidates if m.kind == "outlet" and m.first - (last + 1) <= 2]
        return outlets[0] if outlets else None

    def _in_prepositional_phrase(self, tokens: list[Token], m: Mention) -> bool:
        """Whether a mention is governed by a preposition (في أوكرانيا، لوكالة رويترز، بوزارة الدفاع); the لـ of a
        statement's author is not one («في تصريح لوزارة الخارجية»)."""
        if m.first > 0 and tokens[m.first - 1].folded in _PREPOSITIONS:
            return True
        head = tokens[m.first].folded
        if head.startswith("ل") and m.first > 0 and tokens[m.first - 1].forms() & _STATEMENT_NOUNS:
            return False
        if head[:1] not in {"ل", "ب"} or len(head) < 4:
            return False
        rest = "ا" + head[1:] if head.startswith("لل") else head[1:]
        tables = (self.matcher.gazetteer.by_first, self.lex.institutions.by_first)
        return any(rest in table for table in tables) and not any(head in table for table in tables)

    @staticmethod
    def _spokesperson(tokens: list[Token], mentions: list[Mention], start: int) -> Mention | None:
        """«المتحدث (الرسمي) باسم X»: a spokesperson speaks for the first party named after «باسم», even through a
        chain of offices («باسم المنطقة العسكرية الغربية التابعة لحكومة الوحدة الوطنية»)."""
        if start + 1 >= len(tokens) or not tokens[start].forms() & _SPOKESPERSONS:
            return None
        j = start + 1 + (tokens[start + 1].folded in {"الرسمي", "الرسميه"})
        if j >= len(tokens) or tokens[j].folded != "باسم":
            return None
        for m in mentions:
            if j < m.first <= j + 8 and m.actor.side and m.kind != "outlet":
                if any(t.is_punct for t in tokens[j + 1 : m.first]):
                    return None
                text = " ".join(t.text for t in tokens[start : m.last + 1])
                return Mention(start, m.last, ActorRef(text=text, id=org_slug(text), side=m.actor.side, kind="person"))
        return None

    def _quoted_phrase(self, tokens: list[Token], start: int) -> Mention | None:
        """The source an outlet quotes when the gazetteer lacks it: the words after «عن» up to «قوله» or the
        complement (at most six nouns). Its side, if any, comes later (a nisba, or the outlet's state)."""
        j = start
        while j < len(tokens) and j < start + 6:
            tok = tokens[j]
            if tok.is_punct or tok.folded in self.lex.complement or tok.forms() & {"قوله", "قولها", "قولهم"}:
                break
            if tok.upos not in {"NOUN", "PROPN", "ADJ", "X"} and tok.entity is None or tok.number is not None:
                return None  # (a place name the tagger calls a verb still has its NER tag)
            j += 1
        if j == start or j >= len(tokens) or j == start + 6:
            return None
        text = " ".join(t.text for t in tokens[start:j])
        side = next((sd for t in tokens[start:j] if (sd := self.matcher.nisba_side(t))), None)
        return Mention(start, j - 1, ActorRef(text=text, id=org_slug(text), side=side, kind="person"))

    def _nisba_phrase(self, tokens: list[Token], start: int) -> Mention | None:
        """A subject the gazetteer lacks, named by a noun phrase that ends in a nisba: «خلية الإعلام الأمني
        العراقية», «السلطات المحلية الأوكرانية». It becomes an organisation of that side."""
        if start < len(tokens) and _spoken_to(tokens[start]):
            return None  # «وأضاف لقناة العربية السعودية»: the outlet spoken to, not a subject
        for j in range(start, min(len(tokens), start + 5)):
            tok = tokens[j]
            if tok.is_punct or (tok.number is not None and j == start) or tok.folded in self.lex.complement:
                return None  # a number inside the name is a unit's («اللواء 14 الأوكراني»)
            if self.lex.measures.match(tokens, j) or tok.forms() & _PREPOSITIONS:
                return None
            side = self.matcher.nisba_side(tok)
            if side and j > start:
                text = " ".join(t.text for t in tokens[start : j + 1])
                return Mention(start, j, ActorRef(text=text, id=org_slug(text), side=side, kind="organization"))
        return None

    def _in_source_phrase(self, tokens: list[Token], i: int) -> bool:
        """Whether the cue at token i is the verb of a source phrase: «حسبما أفادت»، «وفق ما قاله»، «بحسب ما أعلنت»."""
        for k in (i - 1, i - 2):
            if k >= 0 and (found := self.lex.attribution.match(tokens, k)):
                rest = tokens[k + found[0] : i]
                if all(t.folded in {"ما", "لما"} for t in rest):
                    return True
        return False

    @staticmethod
    def _after_preposition(tokens: list[Token], i: int) -> bool:
        """A verb never follows a preposition: «في إفادة صحفية» is a noun that shares a cue's letters (أفاده)."""
        return i > 0 and tokens[i - 1].folded in _PREPOSITIONS

    def _not_a_verb(self, token: Token) -> bool:
        """A preposition or the article on a cue's letters makes it a noun: «بنقل المرتزقة» is a transfer."""
        head = token.folded.lstrip("وف")
        return head.startswith(("ب", "ل", "ال")) and (head,) not in self.lex.reporting

    @staticmethod
    def _first_verb(tokens: list[Token]) -> int:
        return next((j for j, t in enumerate(tokens) if t.upos == "VERB"), -1)

    def _subjectless(self, tokens: list[Token], after: int) -> bool:
        """Whether a verb has no subject of its own: its complement or a setting follows at once (وقالت إن)."""
        if after >= len(tokens):
            return True
        nxt = tokens[after]
        return (
            nxt.folded in self.lex.complement
            or nxt.is_punct
            or bool(nxt.forms() & _SUBJECTLESS_OPENERS)
            or _spoken_to(nxt)
        )

    def _implicit_speaker(
        self, tokens: list[Token], after: int, sources: list[Mention], state: _ArticleState
    ) -> ActorRef | None:
        """No named subject: an anaphor (الوزارة), a source phrase (حسب المرصد), the last speaker, or nobody."""
        if after < len(tokens) and tokens[after].folded in _ANAPHORS and state.last_organisation:
            return state.last_organisation.model_copy(update={"text": tokens[after].text})
        source = self._source_speaker(sources)
        if source is not None:
            return source
        if after >= len(tokens):
            return state.last_speaker
        nxt = tokens[after]
        if nxt.folded in self.lex.complement or nxt.is_punct or nxt.forms() & _SUBJECTLESS_OPENERS or _spoken_to(nxt):
            return state.last_speaker
        return None  # a subject that is not an actor («أفادت أرقام جزئية»): unattributed, never invented

    def _phrase_end(self, tokens: list[Token], start: int) -> int:
        """Where the subject phrase after a verb ends: at a complement marker, a colon, or 20 tokens on."""
        for j in range(start, min(len(tokens), start + _SUBJECT_WINDOW)):
            # A quotation mark may wrap a name (صحيفة “ذا غلوبال آند ميل”), so only words and colons end a subject.
            if (tokens[j].folded in self.lex.complement and not tokens[j].is_punct) or tokens[j].text in {":", "."}:
                return j
        return min(len(tokens), start + _SUBJECT_WINDOW)

    @staticmethod
    def _first_mention(
        mentions: list[Mention],
        start: int,
        stop: int,
        exclude: ActorRef | None = None,
        tokens: list[Token] | None = None,
    ) -> ActorRef | None:
        """The first non-outlet actor in [start, stop], skipping one governed by a preposition (المدعوم من أرمينيا)."""
        for m in mentions:
            if not start <= m.first <= stop or m.kind == "outlet" or (exclude is not None and m.actor.id == exclude.id):
                continue
            if tokens is not None and m.first > 0 and tokens[m.first - 1].folded in _PREPOSITIONS:
                continue
            return m.actor
        return None

    # ------------------------------------------------------------------ spans and fields

    @staticmethod
    def _negated_clauses(tokens: list[Token], first: int, last: int) -> list[tuple[int, int]]:
        """A statement whose words say that something did not happen («أن قوات X لم تسيطر على ...»، «إنه لم يسقط أي
        طائرة»): the negated past verb (لم) within NEGATION_WINDOW words of its start, and each «ولم» after it,
        give one denial each. Empty when the statement asserts something."""
        starts = [
            j
            for j in range(first, last + 1)
            if tokens[j].folded in {"لم", "ولم"}
            # «لم تتجاوز خسائره 300»: a bound on a figure; «لم تتكبد سوى خسائر محدودة»: "only"; neither denies
            and not any(t.upos == "NUM" or any(ch.isdigit() for ch in t.text) for t in tokens[j + 1 : j + 4])
            and not any(t.folded in _ONLY for t in tokens[j + 1 : j + 6])
        ]
        if not starts or starts[0] > first + NEGATION_WINDOW:
            return []
        cuts = [j for j in starts[1:] if tokens[j].folded == "ولم" or tokens[j - 1].folded == "و"]
        cuts = [j - 1 if tokens[j].folded == "لم" else j for j in cuts]
        out = []
        for a, b in zip([first, *cuts], [*(c - 1 for c in cuts), last], strict=True):
            while b > a and tokens[b].is_punct:
                b -= 1
            if a <= b:
                out.append((a, b))
        return out

    def _calls_false(self, tokens: list[Token], first: int, last: int) -> bool:
        """Whether the first words of a statement call something false (lexicon/falsity.tsv)."""
        return any(self._falsity.match(tokens, j) for j in range(first, min(last + 1, first + 8)))

    def _content(
        self, tokens: list[Token], att: _Attribution, following: _Attribution | None, cuts: set[int]
    ) -> tuple[int, int]:
        """Token range of what the speaker said: from the complement (or the speaker) to the next cue or the end."""
        start = att.speaker_last + 1
        for j in range(start, min(len(tokens), start + _COMPLEMENT_WINDOW)):
            if tokens[j].folded in self.lex.complement or tokens[j].text == ":":
                start = j + 1
                break
            if not (tokens[j].is_punct or tokens[j].forms() & _SPEECH_SETTING or self.time.words.match(tokens, j)):
                break  # the content has begun without a complement («أكدت الخارجية تمسك موسكو ...»)
        end = len(tokens) - 1
        if following is not None and following.cue.kind == "deny":
            end = self._denial_start(tokens, following.cue_first) - 1  # «…، وهو ما تنفيه X» is the denial's own
        elif following is not None and self._opens_clause(tokens, following.cue_first):
            end = following.cue_first - 1
        for j in range(start + 1, end + 1):  # «…، حسبما ذكرت وكالة X»: the source phrase is not content
            if j in cuts:
                end = j - 1
                break
        while start <= end and tokens[start].is_punct:
            start += 1
        while end >= start and (tokens[end].is_punct or tokens[end].folded in {"و", "كما"}):
            end -= 1
        if att.cue.kind == "accuse":
            start = min(start, att.cue_first)
        return start, end

    def _assertion(self, tokens: list[Token], first: int, last: int) -> str | None:
        """A territorial assertion inside the claim's tokens (احتلاله، تابع لأراضيها), if any."""
        for j in range(first, last + 1):
            found = self.lex.assertions.match(tokens, j)
            if found:
                return found[1]
        return None

    @staticmethod
    def _opens_clause(tokens: list[Token], i: int) -> bool:
        """Whether a cue starts a new clause (وقال، «، متهمةً») rather than sitting inside the reported content."""
        return (
            i == 0
            or tokens[i].folded.startswith(("و", "ف"))
            or tokens[i - 1].is_punct
            or tokens[i - 1].folded in {"بينما", "فيما", "كما", "حين", "وهو", "ما"}
        )

    @staticmethod
    def _denied_speaker(tokens: list[Token], denial: _Attribution, following: list[_Attribution]) -> ActorRef | None:
        """The speaker whose words a denial names: «نفى الجيش ما أعلنته قوات الدعم السريع», «نفى الجيش مزاعم قوات
        الدعم السريع عن ...» → the RSF."""
        nxt = following[0] if following else None
        if nxt is None or nxt.speaker is None or nxt.cue_first > denial.speaker_last + 3:
            return None
        between = {t.folded for t in tokens[denial.speaker_last + 1 : nxt.cue_first]}
        # «نفى X مزاعم Y ب...»: the noun of Y's words right after the denier names them as well
        named = nxt.cue.position == "nominal" and nxt.cue_first == denial.speaker_last + 1
        return nxt.speaker if between & {"ما", "لما", "مما"} or named else None

    def _denial_start(self, tokens: list[Token], cue_first: int) -> int:
        """«وهو ما تنفيه أذربيجان»: the denial's span opens at the pronoun that points back to the denied claim."""
        start = cue_first
        for j in range(cue_first - 1, max(-1, cue_first - 4), -1):
            if tokens[j].is_punct:
                break
            start = j
        return start

    def _numeric_fields(
        self,
        q: Quantity,
        speaker: ActorRef | None,
        sides: dict[str, int],
        place: str | None = None,
        cause: str | None = None,
        article_place: str | None = None,
    ) -> dict:
        """type, measure, value, qualifier and target of a counted quantity, with the target's side inferred:
        named in the text; the speaker's opponent («العدو») or the owner's («من جنوده»: the speaker's own after a
        loss, the enemy's after a capture); the doer's opponent for what someone did (دمرت، أسقط); soldiers
        belong to states and fighters to armed groups; otherwise a party reporting a loss reports its own, and a
        monitor's figure is the place's."""
        group = q.target.group if q.target else "people"
        claim_type = q.measure.type
        if q.target and q.target.kind in {"equipment", "territory"}:
            claim_type = q.target.kind
        elif q.target and q.target.kind == "people" and claim_type != "casualty":
            claim_type = "casualty"
        war = self.lex.wars.war_of(sides)
        party = speaker.side if speaker is not None and speaker.side not in _NEUTRAL_SIDES else None
        agent_voice = q.measure.voice == "agent" or (q.measure.voice == "either" and q.agent_named)
        side = (war.allies.get(group) if war else None) or q.target_side
        if side is None and q.measure.voice == "owner":
            side = q.agent_side or (party if not q.enemy else None)  # «فقدت القوات الأوكرانية 40 عسكريا»
        if side is None and q.enemy:
            side = self.lex.wars.opponent(party, sides)
        if side is None and q.own:
            side = self.lex.wars.opponent(party, sides) if agent_voice else party
        if side is None and q.own and not agent_voice and speaker is not None and speaker.side in {"INTL", "NGO"}:
            side = speaker.side  # «قالت الأونروا إن 310 من موظفيها قتلوا»: the agency's own staff
        if side is None and agent_voice and claim_type == "territory" and place is not None:
            doer = q.agent_side or party
            if doer is not None and place != doer and not self.lex.wars.same_camp(place, doer):
                side = place  # «سيطرت على تسع قرى في قره باغ»: the ground was the place's side's
        doer = q.agent_side or party
        # militants a state's forces killed are the armed group the article names as its enemy, else left unnamed
        # («11 من المهاجمين» with no group named); another party's are its opponent's
        enemy_named = doer is not None and self.lex.wars.opponent(doer, sides) in sides
        unnamed = group == "militants" and (doer is None or len(doer) == 2 and not enemy_named)
        if side is None and agent_voice:
            side = None if unnamed else self.lex.wars.opponent(doer, sides)
        if side is None and q.agent_side and not unnamed:
            side = self.lex.wars.opponent(q.agent_side, sides)
        if side is None and cause is not None and not agent_voice and group not in _ARMED_GROUPS:
            if party is not None and not self.lex.wars.same_camp(party, cause) and group not in _CIVILIAN_GROUPS:
                side = party  # «غارات إسرائيلية ... مقتل ستة عسكريين» in Damascus's words: its own soldiers
            else:
                side = self.lex.wars.opponent(cause, sides, prefer_state=group in _CIVILIAN_GROUPS)
        if side is None and party is not None and not (agent_voice and group in _ARMED_GROUPS):
            state_party = len(party) == 2
            if group in _STATE_FORCES and not state_party or group in _ARMED_GROUPS and state_party:
                side = None if group == "militants" and not enemy_named else self.lex.wars.opponent(party, sides)
            elif group == "civilians" and not state_party and party not in self._people_of:
                side = self.lex.wars.opponent(party, sides)
            elif group in _CIVILIAN_GROUPS:
                side = self._people_of.get(party, party)  # Sanaa's health ministry counts Yemenis
            else:
                side = party
        if side is None and party is None and place is not None and group not in _ARMED_GROUPS:
            side = place  # a monitor's or an agency's count: whose dead they are is where they died
        if side is None and party is None and group in _PLACE_PEOPLE:
            side = article_place  # «وأوضح المرصد أن من بين القتلى 57 طفلا»: still where the article placed them
        if side is None and party is None and group in _CIVILIAN_GROUPS:
            side = self._only_state(sides)  # a monitor's count of people in a war with one state (Sudan, Syria)
        if group in _CIVILIAN_GROUPS and q.target_side is None and not q.enemy and side in self._people_of:
            side = self._people_of[side]  # people counted in Sanaa (HOUTHI-held) are Yemenis
        if group == "members":
            group = "soldiers" if side is None or (len(side) == 2 and side.isupper()) else "fighters"
        value, qualifier = q.value, q.qualifier
        if qualifier in {"dozens", "hundreds", "thousands", "some", "fraction"}:
            value = None
        return {
            "type": claim_type,
            "measure": q.measure.measure,
            "value": value,
            "value_max": q.value_max,
            "qualifier": None if qualifier in {"some", "fraction"} else qualifier,
            "fraction": q.fraction,
            "target": Target(side=side, group=group),
        }
