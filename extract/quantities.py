"""Read counted quantities off a sentence: number, qualifier, measure, and whose people or things were counted.

Quantity first: every number mention (digits in either script, number words and their compounds, duals of counted
nouns, a singular noun after a loss word, vague quantities) is a candidate. Its counted noun is read right after it,
its measure from the loss word that governs it (before it, carried along a list until a new loss word, or the verb
after the noun: «14 من جنوده قتلوا»), and the marks of whose loss it is (a nisba, «من جنوده», «العدو», «في صفوف X»).
Who said it is the claim rules' business (extract/claims.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import NamedTuple

from claimgraph.extract.actors import ActorMatcher
from claimgraph.extract.lexicons import Lexicons, MeasureCue, NumberWord, TargetNoun, phrase_key, read_tsv
from claimgraph.extract.tokens import PhraseTable, Token
from claimgraph.ontology.text import fold

_RANGE = re.compile(r"^(\d+)[-–](\d+)$")
_DECIMAL = re.compile(r"^(\d+)[.,](\d+)$")
# How far back a loss word may stand from its number when nothing but list items lies between.
_MEASURE_REACH = 12
_LIST_JOINERS = {",", "،", "و", "-", "(", ")", '"'}
# «إضافة إلى 40 دبابة»، «فضلا عن»: one more item of the list before, under the same loss word.
_LIST_ADDERS = {fold(w) for w in ("إضافة", "بالإضافة", "فضلا")}
# Words that end a clause for the search of a governing loss word.
_CLAUSE_BREAKS = {".", "?", "!", ";", ":"}
# Words that link a counted noun to its owner: «من القوات»، «في صفوف الدعم السريع»، «التابعة لـ».
_POSSESSOR_LINKS = {"من", "في", "صفوف", "ضمن", "لدي", "لدى"}
_NEUTRAL = {None, "INTL", "NGO", "MEDIA"}
_FORCES = {fold(w) for w in ("قوات", "وحدات", "عناصر", "جنود")}
_QUOTES = {'"', "'", "“", "”", "«", "»", "(", ")"}
# Units a group's members belong to, between them and the group's name («من خلية تابعة لـ»، «من كتيبة»).
_UNITS = {fold(w) for w in ("خلية", "مجموعة", "كتيبة", "وحدة", "فرقة", "سرية", "لواء", "فصيل", "مفرزة")}
# Loss words that carry the owner's pronoun: «خسائرها»، «قتلاه».
_OWN_MEASURES = {fold(w) for w in ("خسائره", "خسائرها", "خسائرهم", "قتلاه", "قتلاها", "قتلاهم", "خسائرنا")}
_PEOPLE = TargetNoun("people", "pl", "people")
# Temporal prepositions that make a loss the background of a statement («غداة مقتل العشرات»، «عقب سقوط»).
_BACKGROUND = {fold(w) for w in ("غداة", "عقب", "إثر", "بعيد")}
# Nouns of a deed whose nisba names the doer («القصف الأرميني»، «الغارات الإسرائيلية»).
_DEEDS = {
    fold(w)
    for w in ("قصف", "القصف", "هجوم", "الهجوم", "هجمات", "الهجمات", "غارة", "الغارة", "غارات", "الغارات", "العدوان")
}
_CASUALTIES = MeasureCue("casualties", "casualty", "victim")
_WENT_MISSING = MeasureCue("missing", "casualty", "victim")
# Measures that only people suffer: with a thing counted they are not a loss («سقوط قذيفة»).
_PEOPLE_ONLY = {"killed", "wounded", "missing", "displaced"}
_ONE = {fold(w) for w in ("واحد", "واحدة", "واحدا")}
_PUNCT_EDGES = "\"'«»“”.,،"
# What a measure of things means when people are counted.
_PEOPLE_MEASURE = {"destroyed": "killed", "damaged": "wounded"}
_ONE_OTHER = {fold(w) for w in ("آخر", "أخرى")}
# Things a side «lost» («فقدت 3 مركبات»، «خسائر العدو: 40 دبابة») were destroyed.
_LOST_THINGS = MeasureCue("destroyed", "equipment", "owner")
# Words between a counted noun and the verb that says what befell it: «لا يزالون»، «ما زالوا».
_STILL = {fold(w) for w in ("لا", "ما", "يزال", "يزالون", "تزال", "زال", "زالوا", "زالت", "قد")}
# «آخرون»: more of the group counted just before (وأصيب 20 آخرون، وجرح اثنان آخران).
_OTHERS = {fold(w) for w in ("آخرين", "آخرون", "آخر", "أخرى", "آخران", "آخرين", "أخريين", "آخرتين")}
# The words of a running toll: what a figure after them totals («ما يرفع الحصيلة إلى 158 قتيلا»).
_TOLLS = {fold(w) for w in ("الحصيلة", "حصيلة", "العدد", "عدد", "إجمالي", "الإجمالي")}
_WHO = {fold(w) for w in ("من", "الذين", "اللواتي")}
# «بينهم 6 أطفال»، «من بينهم»، «منهم»: a part of the figure just given, which keeps its measure and owner.
_PARTITIVES = {fold(w) for w in ("بينهم", "بينهن", "بينها", "منهم", "منهن", "منها")}


@dataclass(frozen=True)
class NumberMention:
    """A number in the text: tokens [first, last], its value (None for a vague quantity) and how it was written."""

    first: int
    last: int
    value: int | None
    qualifier: str
    value_max: int | None = None
    fraction: float | None = None  # a share with no count («نصف قادة الحزب»: 0.5)


@dataclass(frozen=True)
class Quantity:
    """A counted quantity found in a sentence, with token positions for spans."""

    first: int  # first token of the whole expression (list joiner, measure or qualifier)
    last: int  # last token (target noun, its side word, or a verb after it)
    value: int | None
    qualifier: str
    measure: MeasureCue
    target: TargetNoun | None
    target_side: str | None  # the side the text names for the counted (a nisba, «في صفوف X»)
    agent_side: str | None  # side of whoever did it, when the text says so (القصف الأرميني، قتلت قوات X)
    value_max: int | None = None  # upper bound of a range (30-40، بين 30 و40)
    own: bool = False  # the counted are the speaker's own («من جنوده»، «عسكرييها»)
    enemy: bool = False  # the counted are the speaker's opponent («العدو»، «الخصم»)
    agent_named: bool = False  # a doer stands between an either-voice verb and the number: agent voice
    fraction: float | None = None  # a share of the counted instead of a count («نصف قادة الحزب»)


class _Added(NamedTuple):
    """A list item's link to the figure before it: where the link word stands, that figure, and whether an adder
    («إضافة إلى») made the link (then the item also takes that figure's owner)."""

    at: int
    to: Quantity
    by_adder: bool


def _words(name: str) -> frozenset[str]:
    return frozenset(fold(r["form"]) for r in read_tsv(name))


class QuantityReader:
    """Finds quantities in token lists using the number, qualifier, measure and target lexicons."""

    def __init__(self, lexicons: Lexicons, matcher: ActorMatcher) -> None:
        self.lex = lexicons
        self.matcher = matcher
        rows = read_tsv("not_counted.tsv")
        self.not_counted = PhraseTable({phrase_key(r["form"]): r["why"] for r in rows if r["where"] == "after"})
        self.not_counted_before = PhraseTable({phrase_key(r["form"]): r["why"] for r in rows if r["where"] == "before"})
        self.enemy_words = _words("enemy_words.tsv")
        self.time_words = PhraseTable({phrase_key(r["form"]): True for r in read_tsv("time_words.tsv")})

    # ------------------------------------------------------------------ numbers

    def _word(self, tokens: list[Token], i: int, inner: bool = False) -> tuple[int, NumberWord] | None:
        """A number word (or phrase) at token i; ``inner`` lets it carry the joining و (وعشرين، و518)."""
        found = self.lex.numbers.match(tokens, i)
        if found:
            return found
        for form in tokens[i].ordered_forms(first=True):
            word = self.lex.numbers.get((form[:-1],)) if form.endswith("ا") else None  # ألفا، مليونا
            if word:
                return 1, word
        return None

    @staticmethod
    def _digits(token: Token) -> int | None:
        return token.number

    @staticmethod
    def _grouped_digits(tokens: list[Token], i: int) -> tuple[int, int] | None:
        """«1,250» or «1,048,000» that the tokenizer cut at its commas: (value, last token)."""
        value, j = tokens[i].number, i
        if value is None or value >= 1000:
            return None
        while (
            j + 2 < len(tokens)
            and tokens[j + 1].text in {",", "٬"}
            and tokens[j + 1].start == tokens[j].end
            and tokens[j + 2].start == tokens[j + 1].end
            and re.fullmatch(r"\d{3}", tokens[j + 2].folded)
        ):
            value, j = value * 1000 + int(tokens[j + 2].folded), j + 2
        return (value, j) if j > i else None

    def number_at(self, tokens: list[Token], i: int) -> NumberMention | None:
        """A number starting at token i, composed over its parts: «25», «خمسة وعشرين», «مئة وسبعة», «أحد عشر»,
        «15 ألف», «215 ألفا و518», «1.9 مليون», ranges «30-40» and «بين 30 و40», vague «عشرات»، «بضعة»."""
        tok = tokens[i]
        range_match = _RANGE.match(tok.folded.lstrip("وبلف"))
        if range_match:
            low, high = sorted(int(g) for g in range_match.groups())
            return NumberMention(i, i, low, "range", high)
        decimal = _DECIMAL.match(tok.folded.lstrip("وبلف"))
        if decimal and i + 1 < len(tokens):
            scale = self._word(tokens, i + 1)
            if scale and scale[1].kind == "scale" and scale[1].value is not None:
                scaled = round(float(f"{decimal.group(1)}.{decimal.group(2)}") * scale[1].value)
                return NumberMention(i, i + scale[0], scaled, "exact")
        grouped = self._grouped_digits(tokens, i)
        if grouped is not None:
            return self._range_after(tokens, NumberMention(i, grouped[1], grouped[0], "exact"))
        first_value = self._digits(tok)
        word = None if first_value is not None else self._word(tokens, i)
        if first_value is None and word is None:
            return None
        if word and word[1].kind == "vague":
            after = i + word[0]
            verb = after < len(tokens) and (
                tokens[after].upos in {"VERB", "AUX"} or tokens[after].folded.endswith("وا")
            )
            if word[0] > 1 and verb:
                return None  # «عدد من قتلوا»: the number of those who were killed, which a figure follows
            return NumberMention(i, i + word[0] - 1, None, word[1].vague or "some")
        if word and word[1].kind == "fraction":
            return self._fraction(tokens, i, word[0], Fraction(word[1].vague or "1"))
        if word and word[1].kind == "scale" and tok.forms() & {"الاف", "ملايين"}:
            return NumberMention(i, i, None, "thousands")  # «آلاف» with no number before it: a vague count
        core = tok.folded.lstrip("و")
        if word and core.startswith("ال") and not self.lex.numbers.get((core,)):
            return None  # «ولايات دارفور الخمس»، «الأيام الثلاثة»: a definite number describes, it does not count
        if word and word[1].kind == "teen-unit":
            nxt = self._word(tokens, i + 1) if i + 1 < len(tokens) else None
            if not (nxt and (nxt[1].kind == "teen" or nxt[1].value == 10)):  # اثنا عشر، اثنتي عشرة
                return None  # «أحد المواقع»، «إحدى المسيرات»: one of, not a count
        total, current, last = 0, 0, i - 1
        previous_kind, scale_value = None, 0
        j = i
        while j < len(tokens):
            part_value = self._digits(tokens[j])
            part = None if part_value is not None else self._word(tokens, j)
            if part is not None:
                kind, value = part[1].kind, part[1].value
            elif part_value is not None:
                kind, value = "digits", part_value
            else:
                break
            if kind == "ten" and value == 10 and previous_kind in {"unit", "teen-unit"}:
                kind = "teen"  # «ثلاث عشرة»، «اثنتي عشرة»: the feminine teen is written like ten
            if j > i and not self._continues(previous_kind, kind, tokens[j].folded.startswith("و")):
                break
            if kind == "fraction" and previous_kind == "scale" and tokens[j].folded.startswith("و"):
                total += int(Fraction(part[1].vague or "0") * scale_value) if part else 0  # «مليون ونصف»
                last = j + (part[0] - 1 if part else 0)
                again = self._word(tokens, last + 1) if last + 1 < len(tokens) else None
                if again is not None and again[1].kind == "scale" and again[1].value == scale_value:
                    last += again[0]  # «مليونا ونصف مليون»
                break
            if value is None:
                break
            if kind == "scale":
                total, current, scale_value = total + (current or 1) * value, 0, value
            elif kind == "teen":
                current += 10
            elif kind == "hundred" and previous_kind == "unit":
                current *= 100
            else:
                current += value
            previous_kind, last = kind, j + (part[0] - 1 if part else 0)
            j = last + 1
        value = total + current
        if value == 0 and last < i:
            return None
        mention = NumberMention(i, last, value, "exact")
        return self._range_after(tokens, mention)

    @staticmethod
    def _name_of_the_place(tokens: list[Token], head: int) -> int:
        """The last word naming the one place taken: a construct chain after an indefinite head, to the first
        definite noun or name («برج وزارة الدفاع»، «مطار الخرطوم»), then its definite adjectives («القصر الجمهوري»)."""
        j = head
        if not tokens[head].folded.startswith("ال"):
            while j + 1 < len(tokens) and j < head + 3 and tokens[j + 1].upos in {"NOUN", "PROPN"}:
                j += 1
                if tokens[j].folded.startswith("ال") or tokens[j].upos == "PROPN":
                    break
            else:
                if j > head and not tokens[j].folded.startswith("ال") and tokens[j].upos != "PROPN":
                    return head  # an indefinite chain that names nothing
        while j + 1 < len(tokens) and tokens[j + 1].upos == "ADJ" and tokens[j + 1].folded.startswith("ال"):
            j += 1
        return j

    def _fraction(self, tokens: list[Token], i: int, n: int, share: Fraction) -> NumberMention | None:
        """«نصف مليون» is a count (500000); «نصف قادة الحزب» a share with no count; «ونصف» after a number is the half
        of its last part («مليون ونصف»), read with that number."""
        if tokens[i].folded.startswith("و") and i > 0 and self.number_at(tokens, i - 1) is not None:
            return None
        if i + n < len(tokens):
            scale = self._word(tokens, i + n)
            if scale is not None and scale[1].kind == "scale" and scale[1].value:
                return NumberMention(i, i + n + scale[0] - 1, int(share * scale[1].value), "exact")
        return NumberMention(i, i + n - 1, None, "fraction", fraction=float(share))

    @staticmethod
    def _continues(previous: str | None, kind: str, joined: bool) -> bool:
        """Whether a number part continues the number before it: a scale multiplies (15 ألف); a teen follows a unit
        (أحد عشر); «ثلاث مئة»; after a scale any smaller part joined by و (215 ألفا و518); after a hundred word a unit
        or ten word (مئة وسبعة); after a unit a ten (خمسة وعشرون). Digits joined by و to digits are two figures."""
        if not joined:
            return (
                (kind == "scale" and previous != "scale")
                or (kind == "teen" and previous in {"unit", "teen-unit"})
                or (kind == "hundred" and previous == "unit")
            )
        if previous == "scale":
            return kind in {"digits", "unit", "ten", "hundred", "teen-unit", "fraction"}
        if previous == "hundred":
            return kind in {"unit", "ten", "teen-unit"}
        return previous == "unit" and kind == "ten"

    def _range_after(self, tokens: list[Token], mention: NumberMention) -> NumberMention:
        """«بين 120 و130»، «120 إلى 130»، «120-130» written as three tokens."""
        i, last, value = mention.first, mention.last, mention.value
        if value is None or last + 1 >= len(tokens):
            return mention
        nxt = tokens[last + 1]
        if i > 0 and tokens[i - 1].forms() & {"بين", "مابين"} and nxt.folded.startswith("و"):
            upper = self.number_at(tokens, last + 1)
            if upper and upper.value and upper.value > value:
                return NumberMention(i - 1, upper.last, value, "range", upper.value)
        glued = re.fullmatch(r"[-–](\d+)", nxt.folded)  # «50 -60»: the dash stuck to the upper bound
        if glued and int(glued.group(1)) > value:
            return NumberMention(i, last + 1, value, "range", int(glued.group(1)))
        if nxt.folded in {"-", "–", "الي"} and last + 2 < len(tokens):
            upper = self.number_at(tokens, last + 2)
            if upper and upper.value and upper.value > value and tokens[last + 2].number is not None:
                return NumberMention(i, upper.last, value, "range", upper.value)
        return mention

    def _qualifier_before(self, tokens: list[Token], mention: NumberMention) -> tuple[str, int]:
        """A qualifier ending right before the number («أكثر من»، «نحو»، «ما لا يقل عن»): (qualifier, first token)."""
        if mention.qualifier != "exact":
            return mention.qualifier, mention.first
        for j in range(max(0, mention.first - 4), mention.first):
            found = self.lex.qualifiers.match(tokens, j)
            if found and j + found[0] == mention.first:
                return found[1], j
        for j in range(max(0, mention.first - 6), mention.first - 1):
            # «لم تتجاوز خسائره 17»: a bounding verb before its subject, the loss word, and then the figure
            found = self.lex.qualifiers.match(tokens, j)
            if found and found[1] in {"at_most", "more_than", "less_than"}:
                gap = j + found[0]
                loss = self._measure_ending_at(tokens, mention.first - 1)
                if loss is not None and loss[0] == gap:
                    return found[1], j
        return "exact", mention.first

    def _qualifier_after(self, tokens: list[Token], last: int) -> tuple[str, int] | None:
        """«4 جنود على الأقل»، «نحو 30 تقريبا»: a qualifier right after the counted phrase."""
        if last + 1 < len(tokens):
            found = self.lex.qualifiers.match(tokens, last + 1)
            if found and found[1] in {"at_least", "about"}:
                return found[1], last + found[0]
        return None

    # ------------------------------------------------------------------ the counted noun

    def _target_after(self, tokens: list[Token], last: int) -> tuple[int, int, TargetNoun] | None:
        """The counted noun after the number: (first, last, noun), skipping quotes and partitive «من» (14 من
        جنوده), and taking «آخرين/أخرى» (given the previous item's group by the caller)."""
        j = last + 1
        while j < len(tokens) and j <= last + 3:
            found = self.lex.targets.match(tokens, j)
            if found:
                return j, j + found[0] - 1, found[1]
            if not (tokens[j].text in _QUOTES or tokens[j].folded == "من"):
                return None
            j += 1
        return None

    def _and_other_loss(self, tokens: list[Token], last: int, cue: MeasureCue) -> int | None:
        """«شهيدا وجريحا»: a second victim noun joined by و with no number of its own, where the pair's figure ends."""
        j = last + 1
        if j < len(tokens) and tokens[j].folded.startswith("و") and tokens[j].number is None:
            found = self.lex.measures.match(tokens, j)
            if found and found[1].voice == "victim" and found[1].measure != cue.measure:
                return j + found[0] - 1
        return None

    def _target_between(self, tokens: list[Token], start: int, stop: int) -> tuple[int, int, TargetNoun] | None:
        """The counted noun between a loss word and a total (قتلى المرتزقة ... ارتفعت إلى 231)."""
        for j in range(start, min(stop, start + 3)):
            found = self.lex.targets.match(tokens, j)
            if found:
                return j, j + found[0] - 1, found[1]
        return None

    def _is_not_counted(self, tokens: list[Token], mention: NumberMention) -> bool:
        """Dates, times, durations, ages, unit and model numbers, prices, percentages, counts of times or events."""
        after = mention.last + 1
        if after < len(tokens):
            if tokens[after].text in {"%", "٪"} or self.not_counted.match(tokens, after):
                return True
            if after + 1 < len(tokens) and tokens[after].is_punct and self.not_counted.match(tokens, after + 1):
                return True
        before = mention.first - 1
        for j in range(max(0, before - 2), before + 1):
            found = self.not_counted_before.match(tokens, j)
            if found and j + found[0] == mention.first:
                # «حرب 2020» names a year; «منذ بداية الحرب 8 آلاف و120 دبابة» counts after it
                return found[1] != "year" or mention.value is None or 1000 <= mention.value <= 2100
        value = mention.value
        if value is not None and 1900 <= value <= 2100 and mention.qualifier == "exact":
            nxt = self.lex.targets.match(tokens, after) if after < len(tokens) else None
            return nxt is None  # a year, unless something is counted
        return False

    # ------------------------------------------------------------------ the measure

    def _measure_before(self, tokens: list[Token], start: int, stop_at: set[int]) -> tuple[int, int, MeasureCue] | None:
        """The nearest loss word before token ``start`` in its clause. Numbers, counted nouns, qualifiers and list
        joiners between them are list items that share it: «دمرت 12 دبابة، و7 منظومات، و30 طائرة»."""
        budget = _MEASURE_REACH
        j = start - 1
        total_verb_seen = False
        while j >= 0 and budget > 0:
            tok = tokens[j]
            if tok.folded in _CLAUSE_BREAKS or j in stop_at:
                return None
            found = self._measure_ending_at(tokens, j)
            if found:
                return found
            if tok.forms() & self.lex.total_verbs:
                total_verb_seen = True  # «حصيلة قتلى المرتزقة ... ارتفعت إلى 231»: the noun stands far back
                budget = max(budget, 25)
            list_item = (
                tok.number is not None
                or tok.folded in _LIST_JOINERS
                or tok.forms() & _LIST_ADDERS
                or (tok.folded in {"الي", "عن"} and j > 0 and tokens[j - 1].forms() & _LIST_ADDERS)
                or tok.is_punct
                or self.lex.targets.match(tokens, j)
                or self.lex.numbers.match(tokens, j)
                or self.matcher.nisba_side(tok)
            )
            if not list_item:
                budget -= 1
                if tok.upos == "VERB" and not total_verb_seen and start - j > 1 and self._opens_clause(tokens, j):
                    return None  # another verb opens another clause: «... نقلهم ...، عاد منهم 320»
            j -= 1
        del total_verb_seen
        return None

    def _opens_clause(self, tokens: list[Token], j: int) -> bool:
        """Whether a token the tagger calls a verb really opens a clause: not a name (places are often tagged as
        verbs), not inside a qualifier («ما يصل إلى»، «ما لا يقل عن»), not after a preposition."""
        tok = tokens[j]
        if tok.entity is not None or self.matcher.gazetteer_at(tokens, j):
            return False
        if j > 0 and tokens[j - 1].folded in {"في", "من", "الي", "علي", "عن", "ما", "لا"}:
            return False
        return not any(
            (found := self.lex.qualifiers.match(tokens, k)) and k + found[0] > j for k in range(max(0, j - 3), j + 1)
        )

    def _measure_ending_at(self, tokens: list[Token], j: int) -> tuple[int, int, MeasureCue] | None:
        """A measure phrase that covers token j (it may start up to three tokens before)."""
        for k in range(j, max(-1, j - 4), -1):
            found = self.lex.measures.match(tokens, k)
            if found and k + found[0] - 1 >= j:
                return k, k + found[0] - 1, found[1]
        return None

    def _measure_after(self, tokens: list[Token], last: int) -> tuple[int, int, MeasureCue] | None:
        """A victim verb right after the counted phrase: «14 من جنوده قتلوا»، «24 شخصا استشهدوا»."""
        j = last + 1
        while j < len(tokens) and j <= last + 5:
            tok = tokens[j]
            if tok.text in _QUOTES or tok.forms() & (_STILL | _OTHERS):
                j += 1  # «2900 عسكري "سقطوا شهداء"»، «14 شخصا آخرين لا يزالون قيد المفقودين»
                continue
            bound = self.lex.qualifiers.match(tokens, j)
            if bound is not None and bound[1] in {"at_least", "about"}:
                j += bound[0]  # «سبعة مسلحين على الأقل قتلوا»
                continue
            # «وقتلت» opens a new item; «فقدوا» is a verb whose own first letter is ف
            whole_word = tok.folded in {"في", "فيه", "فيها", "فوق"} or (tok.folded,) in self.lex.measures
            joined = tok.folded.startswith(("و", "ف")) and not whole_word
            if tok.is_punct or tok.number is not None or joined:
                return None  # a new list item or clause: «... طائرة مسيرة، وقتلت» (في is a preposition)
            found = self.lex.measures.match(tokens, j)
            if found and found[1].voice == "agent" and j > last + 1:
                return None  # «مدني في قصف»: a deed further on is the cause, not what befell the counted
            if found:
                after = j + found[0]
                predicate = after < len(tokens) and (
                    (loss := self.lex.measures.match(tokens, after)) is not None and loss[1].voice == "victim"
                )  # «سقطوا شهداء»: a state of the subject, not an object
                has_object = (
                    after < len(tokens)
                    and not predicate
                    and (tokens[after].number is not None or self.lex.targets.match(tokens, after))
                )
                if has_object:  # a verb with an object of its own is the counted's deed («مقاتلون قتلوا 5 جنود»)
                    return None
                if found[1].voice == "owner" and found[1].measure == "casualties":
                    return j, after - 1, _WENT_MISSING  # «4 من موظفيها فقدوا»: they were lost, not losers
                return j, after - 1, found[1]
            return None
        return None

    # ------------------------------------------------------------------ whose loss

    def _side_after(self, tokens: list[Token], last: int) -> tuple[int, str | None, bool, bool]:
        """Marks of whose loss, after the counted noun: a nisba among its adjectives (جنديا أوكرانيا، مركبات قتالية
        مدرعة أوكرانية), an actor after «من، في صفوف، التابعة لـ» or in a construct (جنود الجيش السوداني، للجيش
        السوداني), «العدو», «في صفوفه». Returns (last token, side, own, enemy)."""
        j = last + 1
        while j < len(tokens) and j <= last + 3:  # the noun's adjectives
            side = self.matcher.nisba_side(tokens[j])
            if side:
                return j, side, False, False
            if tokens[j].is_punct or not (tokens[j].upos == "ADJ" and not tokens[j].folded.startswith("و")):
                break
            j += 1
        k = j
        while (
            k < len(tokens)
            and k <= j + 3
            and (
                tokens[k].forms() & _POSSESSOR_LINKS
                or tokens[k].folded.startswith(("تابع", "التابع"))
                or (k > j and tokens[k].forms() & _UNITS)  # «عناصر من خلية تابعة لتنظيم الدولة»
            )
        ):
            k += 1
        if k < len(tokens):
            tok = tokens[k]
            if tok.forms() & self.enemy_words:
                return k, None, False, True
            if tok.forms() & {"صفوفه", "صفوفها", "صفوفهم"}:
                return k, None, True, False
            linked = k > j or tok.folded.startswith(("ل", "لل"))
            actor = self._actor_side_at(tokens, k)
            if actor and (linked or k == j):
                return actor
        return last, None, False, False

    def _owner_after_measure(self, tokens: list[Token], start: int, stop: int) -> str | None:
        """Whose loss, named right after a loss word: «خسائر روسيا»، «قتلى قوات الجيش الوطني»، «القتلى في صفوف
        الجيش التركي»، «خسائر الطرف الأرمني»، «قتلى الجنود الروس»."""
        j = start
        while j < stop and j <= start + 2 and tokens[j].forms() & (_POSSESSOR_LINKS | _FORCES):
            j += 1  # «قتلى قوات الجيش الوطني»: the forces of the army named after them
        if j >= stop:
            return None
        owner = self._actor_side_at(tokens, j)
        if owner is not None:
            return owner[1]
        for k in (j, j + 1):  # a noun and its nisba: «الطرف الأرمني»، «الجنود الروس»
            if k < stop and (side := self.matcher.nisba_side(tokens[k])):
                return side
        return None

    def _actor_side_at(self, tokens: list[Token], k: int) -> tuple[int, str | None, bool, bool] | None:
        """The side of a party named at token k (a state, a group, an office with its nisba)."""
        office = self.matcher.office_at(tokens, k, "")
        if office and office.actor.side:
            return office.last, office.actor.side, False, False
        place = self.matcher.gazetteer_at(tokens, k)
        if place and place[1].kind in {"state", "region", "organization"} and place[1].side not in _NEUTRAL:
            return k + place[0] - 1, place[1].side, False, False
        return None

    def _agent_side(
        self, tokens: list[Token], measure_first: int, measure_last: int, number_first: int, owner: bool = False
    ) -> str | None:
        """The doer's side: a nisba just before the measure (القصف الأرميني أودى بحياة) or an actor between an
        active verb and the number (أسقطت الدفاعات الجوية الروسية 12 مسيرة)."""
        # «القصف الأرميني أودى»: the doer's nisba; «القوات الروسية فقدت»: the subject that lost
        doer = self.matcher.nisba_side(tokens[measure_first - 1]) if measure_first > 1 else None
        if doer and (owner or tokens[measure_first - 2].forms() & _DEEDS):
            return doer
        for j in range(measure_last + 1, number_first):
            tok = tokens[j]
            if tok.is_punct or tok.number is not None or self.lex.targets.match(tokens, j):
                break  # past the doer's place: what follows belongs to the counted
            side = self.matcher.nisba_side(tok)
            if side:
                return side
            place = self.matcher.gazetteer_at(tokens, j)
            if place and place[1].side not in _NEUTRAL:
                return place[1].side
        return None

    # ------------------------------------------------------------------ the sentence

    def read(self, tokens: list[Token], stop_at: set[int] | None = None) -> list[Quantity]:
        """Every counted quantity in the sentence, in order.

        Args:
            tokens: the sentence's written tokens.
            stop_at: token positions a loss word is not looked for across (reporting cues that open a new clause).
        """
        stop_at = stop_at or set()
        out: list[Quantity] = []
        used: set[int] = set()
        i = 0
        while i < len(tokens):
            mention = self.number_at(tokens, i)
            if mention is None or self._is_not_counted(tokens, mention):
                i += 1 if mention is None else mention.last + 1 - i
                continue
            quantity = self._quantity(tokens, mention, out, stop_at)
            if quantity is not None:
                out.append(quantity)
                used.update(range(quantity.first, quantity.last + 1))
                i = max(mention.last, quantity.last) + 1
            else:
                i = mention.last + 1
        out.extend(self._implicit_counts(tokens, used, out, stop_at))
        out.extend(self._one_more(tokens, sorted(out, key=lambda q: q.first)))
        return sorted(out, key=lambda q: q.first)

    def _quantity(
        self, tokens: list[Token], mention: NumberMention, earlier: list[Quantity], stop_at: set[int]
    ) -> Quantity | None:
        qualifier, first = self._qualifier_before(tokens, mention)
        inherited: Quantity | None = None
        target = self._target_after(tokens, mention.last)
        if mention.fraction is not None and target is None:
            return None  # «نصف ساعة»، «ربع قرن»: a share of what is not counted
        target_last = target[1] if target else mention.last
        noun = target[2] if target else None
        while noun is not None and noun.kind == "people" and target_last + 1 < len(tokens):
            # «224 امرأة ورجلا وطفلا»: one figure for several kinds of people joined by و is a count of people
            nxt = tokens[target_last + 1]
            # only nouns in the counted accusative (ورجلا): «11 مسلحا وجندي» is a second figure, one soldier
            accusative = nxt.folded.startswith("و") and nxt.folded.strip(_PUNCT_EDGES).endswith("ا")
            more = self.lex.targets.match(tokens, target_last + 1) if accusative else None
            if more is None or more[1].kind != "people" or self.lex.measures.match(tokens, target_last + 1):
                break
            target_last += more[0]
            noun = noun if more[1].group == noun.group else _PEOPLE
        if noun is None and mention.last + 1 < len(tokens):
            other = tokens[mention.last + 1].forms() & _OTHERS
            nearer = self._noun_at_before(tokens, mention.first)
            if other and earlier and nearer is not None and nearer[0] > earlier[-1].last:
                # «قتل عنصر من قوات الأمن وجرح اثنان آخران»: more of the singular just named, not of the figure before
                noun, target_last = nearer[1], mention.last + 1
            elif other and earlier:  # «وأصيب 20 آخرون»: the previous figure's group and side
                noun, target_last = earlier[-1].target, mention.last + 1
                inherited = earlier[-1]
            elif other:  # «جندي لقي حتفه وأصيب ثلاثة آخرون»; with no noun before, people
                noun, target_last = self._noun_before(tokens, mention.first) or _PEOPLE, mention.last + 1
        part_of = self._part_of(tokens, first, earlier)
        if part_of is not None and noun is None and part_of.target is not None:
            noun = part_of.target  # «بينهم 1,120»: a part of the same group
        if part_of is not None and noun is not None:
            # «قتل 40 شخصا، بينهم 12 طفلا»: the part keeps the whole's measure and owner
            side_last, side, own, enemy = self._side_after(tokens, target_last)
            return replace(
                part_of,
                first=first - 1,
                last=max(mention.last, target_last, side_last),
                value=mention.value,
                qualifier=qualifier,
                target=noun,
                target_side=side or part_of.target_side,
                value_max=mention.value_max,
            )
        nisba_noun = None
        if noun is None and mention.last + 1 < len(tokens):
            nisba_noun = self.matcher.nisba_side(tokens[mention.last + 1])
            if nisba_noun:  # «مقتل نحو 5000 أرميني»: the nisba is the counted noun
                noun, target_last = _PEOPLE, mention.last + 1
        if target is None and noun is None and self._counts_something_else(tokens, mention.last):
            return None
        measure = None
        measure_noun = self.lex.measures.match(tokens, target[0]) if target else None
        if target and measure_noun and measure_noun[1].voice == "victim" and noun and noun.group == "people":
            measure = (target[0], target[0] + measure_noun[0] - 1, measure_noun[1])  # «11 شهيدا»، «105 قتلى»
            both = self._and_other_loss(tokens, target[1], measure_noun[1])
            if both is not None:  # «166 شهيدا وجريحا»: one figure for killed and wounded together
                measure, target_last = (target[0], both, _CASUALTIES), both
        if nisba_noun:
            side_last, side, own, enemy = target_last, nisba_noun, False, False
        elif inherited is not None:
            side_last, side, own, enemy = target_last, inherited.target_side, inherited.own, inherited.enemy
        elif noun:
            side_last, side, own, enemy = self._side_after(tokens, target_last)
            # «7 قتلى في صفوف جنودها»، «عنصر من قوات الأمن»: the ranks the counted were in
            ranks = (
                self._ranks_after(tokens, target_last) if noun.group in {"people", "members"} and side is None else None
            )
            if ranks is not None:  # «7 قتلى في صفوف جنودها»: the dead were its soldiers
                ranks_last, noun = ranks
                own = own or noun.possessed
                side_last, side, own_after, enemy = self._side_after(tokens, ranks_last)
                own, side_last = own or own_after, max(side_last, ranks_last)
        else:
            side_last, side, own, enemy = target_last, None, False, False
        after = self._measure_after(tokens, max(side_last, target_last))
        if measure is None and after is not None:
            measure = after
        inner = self._measure_ending_at(tokens, mention.first - 1) if first < mention.first - 1 else None
        if measure is None and inner is not None and inner[0] > first:
            measure = inner  # «لم تتجاوز خسائرها 20»: the loss word inside the bounding phrase
        added = self._added_to(tokens, first, earlier)
        if measure is None and added is not None:  # «إضافة إلى 40 دبابة»: one more item under the list's loss word
            measure = (added.at, added.at, added.to.measure)
        if measure is None:
            measure = self._measure_before(tokens, first, stop_at)
        if measure is None:
            return None
        m_first, m_last, cue = measure
        if noun is None and not self._bare_number_allowed(tokens, mention, measure):
            return None
        if noun is None and m_last < mention.first:
            between = self._target_between(tokens, m_last + 1, mention.first)
            if between is not None:  # «حصيلة قتلى المرتزقة ... ارتفعت إلى 231»
                noun = between[2]
                side_last, side, own, enemy = self._side_after(tokens, between[1])
                side_last = target_last
        kin = self._same_people_before(tokens, first, earlier, noun, measure)
        if kin is not None:  # «11 عسكريا قتلوا وأصيب 78 بجروح»، «مقتل 54 جنديا ما يرفع الحصيلة إلى 158 قتيلا»
            noun, side = kin.target, side or kin.target_side
        qualifier_after = self._qualifier_after(tokens, max(side_last, target_last))
        last = max(mention.last, target_last, side_last)
        if qualifier_after and qualifier == "exact":
            qualifier, last = qualifier_after[0], max(last, qualifier_after[1])
        if m_first > mention.last:
            last = max(last, m_last)
        elif first - 3 <= m_first < first:
            first = m_first
        if first > 0 and tokens[first].folded.startswith("و") is False and tokens[first - 1].folded == "و":
            first -= 1
        agent_named = cue.voice == "either" and m_last < mention.first and self._active(tokens, m_first, m_last, first)
        if m_first < mention.first and m_first > 0 and tokens[m_first - 1].forms() & _BACKGROUND:
            return None  # «غداة مقتل العشرات»: an earlier event the statement is dated by, not what it claims
        own = own or bool(noun and noun.possessed) or tokens[m_last].folded in _OWN_MEASURES
        if noun is not None and noun.kind != "people" and cue.measure in _PEOPLE_ONLY:
            return None  # «سقوط قذيفة»: a shell fell; nothing was counted as lost
        if noun is None and mention.first == mention.last and tokens[mention.first].forms() & _ONE:
            return None  # «مركبة مدرعة واحدة»: the noun's count, read with the noun (implicit counts)
        if noun is not None and noun.kind == "equipment" and cue.measure == "casualties":
            cue = MeasureCue(_LOST_THINGS.measure, _LOST_THINGS.type, cue.voice)
        if noun is not None and noun.kind == "people" and cue.measure in _PEOPLE_MEASURE:
            # «تم تدمير 40 جنديا»: people destroyed are killed; «أصابت 15 شخصا»: people hit are wounded
            cue = MeasureCue(_PEOPLE_MEASURE[cue.measure], "casualty", cue.voice)
        if side is None and cue.voice == "owner":
            # «فقدت أكثر من 40 عسكريا أوكرانيا، وثلاث مركبات»: the owner named in the list's first item owns all
            owned = [q for q in earlier if q.measure.voice == "owner" and q.target_side and q.last < mention.first]
            gap = tokens[owned[-1].last + 1 : first] if owned else []
            if owned and all(t.is_punct or t.folded in _LIST_JOINERS for t in gap):
                side = owned[-1].target_side
        if not own and any(t.forms() & self.enemy_words for t in tokens[max(0, first - 6) : first]):
            enemy = True  # «خسائر العدو بلغت 300 قتيل» (but «لم تتجاوز خسائرها 20» after it are the speaker's)
        if m_last + 1 < len(tokens) and tokens[m_last + 1].forms() & self.enemy_words:
            enemy = True  # «خسائر العدو ... بلغت 300»
        elif side is None and m_last + 1 < mention.first and m_first < mention.first and cue.voice != "agent":
            side = self._owner_after_measure(tokens, m_last + 1, mention.first)
        if side is None and noun is not None:
            side = noun.side  # «3 من جنود حفظ السلام»: the UN's
        quantity = Quantity(
            first=first,
            last=last,
            value=mention.value,
            qualifier=qualifier,
            measure=cue,
            target=noun,
            target_side=side,
            agent_side=self._agent_side(tokens, m_first, m_last, mention.first, cue.voice == "owner")
            if m_first < mention.first
            else None,
            value_max=mention.value_max,
            own=own,
            enemy=enemy,
            agent_named=agent_named,
            fraction=mention.fraction,
        )
        if added is None or measure[0] != added.at:
            return quantity
        return self._as_added(quantity, added)

    def _same_people_before(
        self,
        tokens: list[Token],
        first: int,
        earlier: list[Quantity],
        noun: TargetNoun | None,
        measure: tuple[int, int, MeasureCue],
    ) -> Quantity | None:
        """The figure just before whose people a figure that names none counts again: a bare number after a new
        loss word («وأصيب 78 بجروح» after «11 عسكريا قتلوا»), or a toll of «قتلى» right after an increment of
        soldiers («ما يرفع الحصيلة إلى 158 قتيلا»)."""
        before = [q for q in earlier if q.last < first and first - q.last <= 14]
        prev = before[-1] if before else None
        if prev is None or prev.target is None or prev.target.kind != "people":
            return None
        if prev.target.group == "people" or any(t.folded in _CLAUSE_BREAKS for t in tokens[prev.last + 1 : first]):
            return None
        if noun is None and measure[2].voice == "victim" and first - prev.last <= 8:
            return prev
        toll = any(t.forms() & self.lex.total_verbs or t.forms() & _TOLLS for t in tokens[prev.last + 1 : first])
        if noun is not None and noun.group == "people" and toll and measure[2].measure == prev.measure.measure:
            return prev
        return None

    @staticmethod
    def _as_added(quantity: Quantity, added: _Added) -> Quantity:
        """One more item of an earlier figure's list: its doer, and (after «إضافة إلى»، «فضلا عن») its owner where
        the item names none; an item only joined by و may count another side's people."""
        to = added.to
        return replace(
            quantity,
            agent_side=to.agent_side,
            agent_named=to.agent_named,
            target_side=quantity.target_side or (to.target_side if added.by_adder else None),
            own=quantity.own or to.own,
            enemy=quantity.enemy or to.enemy,
        )

    @staticmethod
    def _added_to(tokens: list[Token], first: int, earlier: list[Quantity]) -> _Added | None:
        """The figure a list item at token ``first`` is added to: after «إضافة إلى 40 دبابة»، «فضلا عن صاروخين» the
        last figure before the adder; «خسرت 46 ألفا و138 جنديا، و30 ألفا و662 من ...» the item right before, when only
        و, punctuation or adjectives stand between them."""
        j = first - 1
        if j >= 0 and tokens[j].folded in {"الي", "عن", "علي"}:
            j -= 1
        if j >= 0 and tokens[j].forms() & _LIST_ADDERS:
            before = [q for q in earlier if q.last < j]
            return _Added(j, before[-1], by_adder=True) if before else None
        if earlier and tokens[first].folded.startswith("و") and first - 3 <= earlier[-1].last < first:
            gap = tokens[earlier[-1].last + 1 : first]
            if all(t.is_punct or t.upos == "ADJ" for t in gap):
                return _Added(first, earlier[-1], by_adder=False)
        return None

    @staticmethod
    def _part_of(tokens: list[Token], first: int, earlier: list[Quantity]) -> Quantity | None:
        """The figure a «بينهم» before token ``first`` takes a part of: the last one found before it."""
        if first == 0 or not tokens[first - 1].forms() & _PARTITIVES:
            return None
        k = first - 2  # the partitive opens a phrase of its own (not «عاد منهم 320»: a verb's own object)
        if k >= 0 and not (tokens[k].is_punct or tokens[k].folded == "من" or tokens[first - 1].folded[0] == "و"):
            return None
        before = [q for q in earlier if q.last < first - 1]
        return before[-1] if before else None

    def _noun_before(self, tokens: list[Token], first: int) -> TargetNoun | None:
        """The nearest counted noun before token ``first`` in its clause (the group «آخرون» adds to)."""
        found = self._noun_at_before(tokens, first)
        return found[1] if found else None

    def _noun_at_before(self, tokens: list[Token], first: int) -> tuple[int, TargetNoun] | None:
        """The nearest counted noun before token ``first`` in its clause, as (position, noun), the ranks it names
        taken over a bare «عنصر» («عنصر من قوات الأمن»: security forces)."""
        for j in range(first - 1, max(-1, first - 12), -1):
            if tokens[j].folded in _CLAUSE_BREAKS:
                return None
            found = self.lex.targets.match(tokens, j)
            if found:
                ranks = self._ranks_after(tokens, j + found[0] - 1) if found[1].group == "members" else None
                return (j, ranks[1]) if ranks and ranks[0] < first else (j, found[1])
        return None

    def _construct_dual(self, tokens: list[Token], i: int) -> tuple[int, TargetNoun] | None:
        """A dual in construct before a name: «دبابتي ميركافا»، «قريتي نوفوسيلكا ومالييفكا» (ة becomes تي). Only for
        nouns in ة, and only before a name or noun, so that an adjective in ي (مدفعي) is never read as two."""
        core = tokens[i].folded
        if not core.endswith("تي") or i + 1 >= len(tokens) or tokens[i + 1].upos not in {"PROPN", "NOUN", "X"}:
            return None
        for form in tokens[i].ordered_forms():
            if form.endswith("تي"):
                noun = self.lex.targets.get((form[:-2] + "ه",))
                if noun is not None and noun.number == "sg":
                    return 1, TargetNoun(noun.group, "du", noun.kind)
        return None

    def _counts_something_else(self, tokens: list[Token], last: int) -> bool:
        """A number followed by a noun that is not a counted target (9 ساعات، 3 جبهات، ليوبارد 2 دبابة is fine)."""
        j = last + 1
        if j >= len(tokens):
            return False
        tok = tokens[j]
        if tok.is_punct or tok.number is not None or tok.folded in {"و", "من", "الي", "في", "على", "علي", "عن"}:
            return False
        if self.lex.measures.match(tokens, j) or self.lex.qualifiers.match(tokens, j):
            return False
        return tok.upos in {"NOUN", "PROPN", "ADJ", "X"} and not tok.folded.startswith(("ب", "ل"))

    def _bare_number_allowed(
        self, tokens: list[Token], mention: NumberMention, measure: tuple[int, int, MeasureCue]
    ) -> bool:
        """A number with no counted noun counts only when its loss word is bound to it: «وإصابة 124 بجروح»،
        «ارتفع عدد القتلى إلى 2350»، «والجرحى إلى 10906»، «14 قتلوا»."""
        m_first, m_last, cue = measure
        if m_first > mention.last:
            return True
        between = tokens[m_last + 1 : mention.first]
        if len(between) <= 3 and not any(t.folded in _CLAUSE_BREAKS for t in between):
            return cue.type == "casualty" or mention.qualifier != "exact"
        return any(t.forms() & self.lex.total_verbs for t in tokens[max(0, mention.first - 6) : mention.first])

    def _active(self, tokens: list[Token], m_first: int, m_last: int, first: int) -> bool:
        """Whether a verb that may be active or passive (قتل، أسر، جرح) is active before its object: a doer stands
        between them, or the verb agrees with a subject of its own (قتلت، قتلوا, not the bare passive قُتل)."""
        verb = tokens[m_first].folded.lstrip("وف")
        if m_first > 1 and tokens[m_first - 1].folded in _WHO and tokens[m_first - 2].forms() & _TOLLS:
            return False  # «عدد من قتلوا»، «عدد الذين قتلوا»: the number of those who were killed
        if m_first == m_last and verb.endswith(("ت", "وا", "نا")) and len(verb) > 3:
            return True
        return self._agent_between(tokens, m_last, first)

    def _agent_between(self, tokens: list[Token], m_last: int, first: int) -> bool:
        """Whether a doer (an actor or a force noun) stands between an either-voice verb and its object."""
        for j in range(m_last + 1, first):
            if self.matcher.gazetteer_at(tokens, j) or self.matcher.office_at(tokens, j, ""):
                return True
            if tokens[j].forms() & {"قوات", "قواتنا", "قواته", "قواتها", "القوات", "الجيش", "وحدات"}:
                return True
        return False

    def _ranks_after(self, tokens: list[Token], last: int) -> tuple[int, TargetNoun] | None:
        """«قتلى في صفوف جنودها»، «جرحى من العسكريين»: the group a victim noun's dead or wounded were in."""
        k = last + 1
        while k < len(tokens) and k <= last + 2 and tokens[k].forms() & {"في", "صفوف", "من"}:
            k += 1
        if k == last + 1 or k >= len(tokens):
            return None
        found = self.lex.targets.match(tokens, k)
        if found is None or found[1].kind != "people" or found[1].group == "people":
            return None
        return k + found[0] - 1, found[1]

    def _one_more(self, tokens: list[Token], found: list[Quantity]) -> list[Quantity]:
        """«مقتل جندي وإصابة آخر»: «آخر» right after a loss word is one more of the group counted just before."""
        out: list[Quantity] = []
        for j in range(1, len(tokens)):
            if not tokens[j].forms() & _ONE_OTHER:
                continue
            loss = self._measure_ending_at(tokens, j - 1)
            before = [q for q in found if q.last < j - 1 and q.target is not None and q.target.kind == "people"]
            if loss is None or loss[1] != j - 1 or loss[2].voice != "victim" or not before:
                continue
            if any(q.first <= j <= q.last for q in found):
                continue
            out.append(replace(before[-1], first=loss[0], last=j, value=1, qualifier="exact", measure=loss[2]))
        return out

    def _captured_right_before(self, tokens: list[Token], i: int) -> bool:
        """«وسيطروا على الموقع»، «استولت على القصر»: a place taken is one place, named or not."""
        found = self._measure_ending_at(tokens, i - 1) if i > 0 else None
        return found is not None and found[1] == i - 1 and found[2].measure == "captured"

    def _implicit_counts(
        self, tokens: list[Token], used: set[int], found: list[Quantity], stop_at: set[int]
    ) -> list[Quantity]:
        """Counts written by the noun alone: a dual (مروحيتين = 2) or an indefinite singular right after a loss word
        or as a list item after a counted figure (مقتل جندي، إسقاط طائرة، وقرية في زنغلان = 1)."""
        out: list[Quantity] = []
        i = 0
        while i < len(tokens):
            if i in used:
                i += 1
                continue
            found_noun = self.lex.targets.match(tokens, i) or self._construct_dual(tokens, i)
            if not found_noun:
                i += 1
                continue
            n, noun = found_noun
            last = i + n - 1
            value = 2 if noun.number == "du" else 1 if noun.number == "sg" else None
            tok = tokens[i]
            core = tok.folded.lstrip("و")
            # «بلدة» is a town, «بطائرة» a weapon: only a ب/ل that is not the noun's own letter is a preposition
            prefixed = tok.folded.startswith(("ب", "ل", "وب", "ول")) and (core,) not in self.lex.targets
            taken = value == 1 and noun.kind == "territory" and self._captured_right_before(tokens, i)
            if value is None or core.startswith("ال") and not taken or prefixed:
                i = last + 1  # a definite noun names a known one; «بطائرة مسيرة» is the weapon, not a loss
                continue
            if i > 0 and tokens[i - 1].forms() & {"احد", "احدي", "كل", "اي", "ثاني", "ثالث", "اول", "بين"}:
                i = last + 1
                continue
            whole = self._part_of(tokens, i, sorted(found + out, key=lambda q: q.first))
            if whole is not None and noun.kind == "people" == (whole.target.kind if whole.target else None):
                # «وإصابة ثلاثة آخرين، بينهم طفل»: one of the figure before, with its measure and owner
                side_last, side, _, _ = self._side_after(tokens, last)
                part = replace(whole, first=i - 1, last=max(last, side_last), value=value, qualifier="exact")
                out.append(replace(part, target=noun, target_side=side or whole.target_side, value_max=None))
                used.update(range(i - 1, part.last + 1))
                i = part.last + 1
                continue
            added = self._added_to(tokens, i, found + out)
            measure = (added.at, added.at, added.to.measure) if added else self._measure_before(tokens, i, stop_at)
            ranks = self._ranks_after(tokens, last) if noun.group == "members" else None
            if ranks is not None:  # «قتل عنصر من قوات الأمن»: one of the security forces
                last, noun = ranks[0], replace(ranks[1], number=noun.number)
            side_last, side, own, enemy = self._side_after(tokens, last)
            after = self._measure_after(tokens, max(last, side_last))
            if after is not None:  # «جندي تركي لقي حتفه»، «طائرة مسيرة تركية أسقطت»
                measure = after
            if measure is None:
                i = last + 1
                continue
            m_first, m_last, cue = measure
            opening = min(i, m_first) - 1
            split = (head := self.lex.targets.match(tokens, m_first)) is not None and head[1].singular
            if split and opening >= 0 and tokens[opening].forms() & {"بين"}:
                i = last + 1  # «بين قتيل وجريح» splits a figure given before; it counts no one
                continue
            if noun.kind != "people" and cue.measure in _PEOPLE_ONLY or cue.measure in {"struck", "launched"}:
                i = last + 1  # «قصف مدينة»: what was hit or fired is counted only when a number says so
                continue
            between = [t for t in tokens[m_last + 1 : i] if not (t.is_punct or self.time_words.match(tokens, t.index))]
            close = m_first > i or len(between) <= 2
            list_item = tok.folded.startswith("و") and any(q.last < i and q.measure == cue for q in found + out)
            if not (close or list_item) and value == 1:
                i = last + 1
                continue
            if noun.kind == "people" and cue.measure in _PEOPLE_MEASURE:
                cue = MeasureCue(_PEOPLE_MEASURE[cue.measure], "casualty", cue.voice)
            if noun.kind == "equipment" and cue.measure == "casualties":
                cue = MeasureCue(_LOST_THINGS.measure, _LOST_THINGS.type, cue.voice)  # «لم تفقد سوى مركبة»
            end = max(last, side_last, m_last if m_first > i else 0)
            if end + 1 < len(tokens) and tokens[end + 1].forms() & (_OTHERS | {"واحد", "واحده", "اثنين", "اثنان"}):
                end += 1  # «قتيل مدني واحد»، «مدني آخر»، «مدنيين اثنين»
            if noun.kind == "territory" and end == last:
                end = self._name_of_the_place(tokens, last)  # «استولت على برج وزارة الدفاع»
            first = m_first if close and m_first < i else i
            out.append(
                Quantity(
                    first=first,
                    last=end,
                    value=value,
                    qualifier="exact",
                    measure=cue,
                    target=noun,
                    target_side=side,
                    agent_side=self._agent_side(tokens, m_first, m_last, i, cue.voice == "owner"),
                    own=own or noun.possessed,
                    enemy=enemy,
                    agent_named=cue.voice == "either" and self._active(tokens, m_first, m_last, i),
                )
            )
            if added is not None and measure[0] == added.at:
                out[-1] = self._as_added(out[-1], added)
            used.update(range(first, end + 1))
            i = end + 1
        return out
