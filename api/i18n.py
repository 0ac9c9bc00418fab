"""The page's words in Arabic (the default) or English (?lang=en): interface strings and the labels of codes."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from claimgraph.api import vocabulary
from markupsafe import Markup

LANGUAGES = ("ar", "en")

UI = {
    "ar": {
        "brand": "شبكة الادعاءات",
        "home": "الرئيسية",
        "api": "واجهة البرمجة",
        "data": "البيانات",
        "other_language": "English",
        "relations_title": "التناقضات والتأكيدات",
        "stats": "المقالات: {articles} · الادعاءات: {claims} · التناقضات: {contradictions} · "
        "التأكيدات: {corroborations}",
        "no_relations": "لا تناقضات بعد.",
        "claims_title": "الادعاءات",
        "claims_count": "المعروض: {shown}",
        "filter": "تصفية",
        "clear": "مسح",
        "side": "الطرف",
        "measure": "المقياس",
        "speaker": "المتحدث",
        "value": "العدد",
        "q": "بحث في النص",
        "figure": "الرقم",
        "target": "المستهدف",
        "quote": "النص",
        "article": "المقال",
        "date": "التاريخ",
        "no_claims": "لا ادعاءات تطابق التصفية.",
        "unnamed": "بلا مصدر مسمّى",
        "as_written": "في النص:",
        "via": "عبر",
        "error_title": "لم تُفهم التصفية",
        "accepted": "المقبول:",
        "claim_title": "الادعاء ومصدره",
        "chain": "سلسلة النقل",
        "chain_speaker": "المتحدث",
        "chain_via": "نقلته",
        "chain_article": "المقال",
        "chain_where": "الموضع",
        "where": "الأحرف {span} من المقال (الجملة {sentence})",
        "relations": "علاقات",
        "article_text": "نص المقال",
        "timeline": "الأرقام عبر الزمن",
        "all_claims": "كل الادعاءات",
        "no_figures": "لا أرقام.",
        "actor_claims": "عدد الادعاءات: {n}",
        "unknown": "غير معروف",
        "event_title": "حدث",
        "event_heading": "{type} في {place}",
        "event_counts": "الادعاءات: {claims} · المقالات: {articles}",
        "undated": "بلا تاريخ",
        "sides": "الأطراف:",
        "split_from": "فُصل من حدث سابق",
        "figures_side_by_side": "الأرقام جنبًا إلى جنب",
        "figures": "الأرقام",
        "no_event_relations": "لا علاقات بين ادعاءات هذا الحدث.",
        "who_said_what": "من قال ماذا",
        "about_event": "الحدث",
        "events_title": "الأحداث",
        "event_contradictions": "التناقضات: {n}",
    },
    "en": {
        "brand": "claimgraph",
        "home": "Home",
        "api": "API",
        "data": "JSON",
        "other_language": "العربية",
        "relations_title": "Contradictions and corroborations",
        "stats": "{articles} articles · {claims} claims · {contradictions} contradictions · "
        "{corroborations} corroborations",
        "no_relations": "No contradictions yet.",
        "claims_title": "Claims",
        "claims_count": "Shown: {shown}",
        "filter": "Filter",
        "clear": "Clear",
        "side": "Side",
        "measure": "Measure",
        "speaker": "Speaker",
        "value": "Number",
        "q": "Search the text",
        "figure": "Figure",
        "target": "Target",
        "quote": "Text",
        "article": "Article",
        "date": "Date",
        "no_claims": "No claims match the filters.",
        "unnamed": "no named source",
        "as_written": "in the text:",
        "via": "via",
        "error_title": "The filter was not understood",
        "accepted": "Accepted:",
        "claim_title": "The claim and its source",
        "chain": "Chain of reporting",
        "chain_speaker": "Speaker",
        "chain_via": "Relayed by",
        "chain_article": "Article",
        "chain_where": "Where",
        "where": "characters {span} (sentence {sentence})",
        "relations": "Relations",
        "article_text": "Article text",
        "timeline": "Figures over time",
        "all_claims": "All claims",
        "no_figures": "No figures.",
        "actor_claims": "{n} claims",
        "unknown": "unknown",
        "event_title": "Event",
        "event_heading": "{type} in {place}",
        "event_counts": "{claims} claims · {articles} articles",
        "undated": "undated",
        "sides": "Sides:",
        "split_from": "split from an earlier event",
        "figures_side_by_side": "Figures side by side",
        "figures": "Figures",
        "no_event_relations": "No relations between this event's claims.",
        "who_said_what": "Who said what",
        "about_event": "Event",
        "events_title": "Events",
        "event_contradictions": "{n} contradictions",
    },
}


# Shares a claim gives instead of a count («نصف قادة الحزب»), in Arabic and English.
_SHARES = {
    Fraction(1, 2): ("نصف", "half"),
    Fraction(1, 3): ("ثلث", "a third"),
    Fraction(1, 4): ("ربع", "a quarter"),
    Fraction(2, 3): ("ثلثا", "two thirds"),
    Fraction(3, 4): ("ثلاثة أرباع", "three quarters"),
}


@dataclass(frozen=True)
class Words:
    """What the templates call to put a code or an interface string into the page's language."""

    lang: str

    @property
    def arabic(self) -> bool:
        return self.lang == "ar"

    def ui(self, key: str, **values: object) -> Markup:
        """An interface string with ``values`` put in (escaped, unless already markup such as a <bdi> number)."""
        return Markup(UI[self.lang][key]).format(**values)

    def _code(self, vocab: vocabulary.Vocabulary, code: str | None) -> str:
        if not code:
            return ""
        return vocab.label(code) if self.arabic else code.replace("_", " ")

    def side(self, code: str | None) -> str:
        return self._code(vocabulary.sides(), code)

    def measure(self, code: str | None) -> str:
        return self._code(vocabulary.measures(), code)

    def group(self, code: str | None) -> str:
        return self._code(vocabulary.groups(), code)

    def type(self, code: str | None) -> str:
        return self._code(vocabulary.types(), code)

    def event(self, code: str | None) -> str:
        return self._code(vocabulary.events(), code)

    def share(self, fraction: float) -> Markup:
        """A share of the counted in words («نصف», «half»), else as a fraction of small numbers (3/8)."""
        exact = Fraction(fraction).limit_denominator(12)
        named = _SHARES.get(exact)
        if named is not None:
            return Markup.escape(named[0] if self.arabic else named[1])
        return Markup('<bdi class="num" dir="ltr">{}</bdi>').format(f"{exact.numerator}/{exact.denominator}")

    def qualifier(self, code: str | None) -> str:
        if code == "exact":
            return ""
        return self._code(vocabulary.qualifiers(), code)

    def kind(self, code: str | None) -> str:
        return (vocabulary.KIND_AR.get(code or "", code) or "") if self.arabic else (code or "")

    def reason(self, code: str | None) -> str:
        return (vocabulary.REASON_AR.get(code or "", code) or "") if self.arabic else (code or "").replace("_", " ")


def words(lang: str) -> Words:
    return Words(lang if lang in LANGUAGES else "ar")
