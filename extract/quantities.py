"""Read counted quantities off a sentence: number, qualifier, measure, and whose people or things were counted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.actors import ActorMatcher
from extract.lexicons import Lexicons, MeasureCue, TargetNoun
from extract.tokens import Token

_DATE_WORDS = {
    "عام",
    "العام",
    "للعام",
    "سنه",
    "السنه",
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "الساعه",
    "الساعات",
    "يوم",
    "ايام",
    "اسبوع",
    "ساعه",
}
_MEASURE_WINDOW_BEFORE = 9
_SCALES = {"الف": 1000, "الاف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000}
_RANGE = re.compile(r"^(\d+)[-–](\d+)$")
_MEASURE_WINDOW_AFTER = 3


@dataclass(frozen=True)
class Quantity:
    """A counted quantity found in a sentence, with token positions for spans."""

    first: int  # first token of the whole expression (measure or qualifier)
    last: int  # last token (target noun or its side word)
    value: int | None
    qualifier: str
    measure: MeasureCue
    target: TargetNoun | None
    target_side: str | None
    agent_side: str | None  # side of whoever did it, when the text says so (القصف الأرميني)
    value_max: int | None = None  # upper bound of a range (30-40، بين 30 و40)


class QuantityReader:
    """Finds quantities in token lists using the number, qualifier, measure and target lexicons."""

    def __init__(self, lexicons: Lexicons, matcher: ActorMatcher) -> None:
        self.lex = lexicons
        self.matcher = matcher

    def _number_span(self, tokens: list[Token], i: int) -> tuple[int | None, str, int, int | None] | None:
        """A number starting at token i: (value, qualifier, last token, upper bound of a range or None).

        Reads «25», «خمسة وعشرين», «15 ألف», «ثلاثة آلاف», ranges «30-40» and «بين 30 و40».
        """
        first = self._number_at(tokens, i)
        if first is None:
            return None
        value, qualifier = first
        last = i
        if value is not None and last + 1 < len(tokens):
            nxt = tokens[last + 1]
            tens = self._number_at(tokens, last + 1) if nxt.folded.startswith("و") and nxt.number is None else None
            if tens and tens[0] and tens[0] % 10 == 0 and tens[0] < 100 and value < 10:
                value, last = value + tens[0], last + 1  # خمسة وعشرون
        if value is not None and last + 1 < len(tokens):
            scale = _SCALES.get(tokens[last + 1].folded.strip(".,"))
            if scale:
                value, last = value * scale, last + 1  # 15 ألف، ثلاثة آلاف
        range_match = _RANGE.match(tokens[i].folded)
        if range_match:
            low, high = sorted(int(g) for g in range_match.groups())
            return low, "range", last, high
        if value is not None and last + 2 < len(tokens) and tokens[last + 1].folded in {"-", "–", "الى", "إلى"}:
            upper = self._number_at(tokens, last + 2)
            if upper and upper[0] and upper[0] > value:
                return value, "range", last + 2, upper[0]
        if value is not None and i > 0 and tokens[i - 1].folded == "بين" and last + 1 < len(tokens):
            upper_token = tokens[last + 1]
            if upper_token.folded.startswith("و"):
                upper = self._number_at(tokens, last + 1)
                if upper and upper[0] and upper[0] > value:
                    return value, "range", last + 1, upper[0]
        return value, qualifier, last, None

    def _number_at(self, tokens: list[Token], i: int) -> tuple[int | None, str] | None:
        """(value, qualifier) for a number written in digits or words at token i, else None."""
        tok = tokens[i]
        if tok.number is not None:
            return tok.number, "exact"
        for form in tok.forms(first=True):
            word = self.lex.numbers.get(form)
            if word:
                return (None, word.vague) if word.vague else (word.value, "exact")
        return None

    def _is_date(self, tokens: list[Token], i: int, value: int | None) -> bool:
        near = [t.folded for t in tokens[max(0, i - 1) : i + 2] if t.index != i]
        if any(form in _DATE_WORDS for t in tokens[max(0, i - 1) : i + 2] if t.index != i for form in t.forms()):
            return True
        return value is not None and 1900 <= value <= 2100 and not any(w.startswith("دبا") for w in near)

    def _measure_near(self, tokens: list[Token], i: int) -> tuple[int, int, MeasureCue] | None:
        """The nearest measure word before the number (within a window), else right after its noun.

        After a total verb (بلغ، ارتفع إلى) the window reaches back to the sentence start: «عدد المقاتلين الذين
        جرى نقلهم ... بلغ ما لا يقل عن 2350».
        """
        window = _MEASURE_WINDOW_BEFORE
        if any(t.forms() & self.lex.total_verbs for t in tokens[max(0, i - 8) : i]):
            window = i
        for j in range(i - 1, max(-1, i - 1 - window), -1):
            if tokens[j].folded in {".", ";", "?"}:
                break
            found = self.lex.measures.match(tokens, j)
            if found and j + found[0] <= i:
                return j, j + found[0] - 1, found[1]
        for j in range(i + 1, min(len(tokens), i + 1 + _MEASURE_WINDOW_AFTER)):
            found = self.lex.measures.match(tokens, j)
            if found:
                return j, j + found[0] - 1, found[1]
        return None

    def _target_after(self, tokens: list[Token], i: int) -> tuple[int, TargetNoun] | None:
        """The counted noun right after the number, skipping quotes and «من» (14 من المرتزقة)."""
        j = i + 1
        while j < len(tokens) and j <= i + 3:
            found = self.lex.targets.match(tokens, j)
            if found:
                return j + found[0] - 1, found[1]
            if not (tokens[j].is_punct or tokens[j].folded == "من"):
                return None
            j += 1
        return None

    def _target_between(self, tokens: list[Token], start: int, stop: int) -> tuple[int, TargetNoun] | None:
        """A counted noun between the measure and the number (حصيلة قتلى المرتزقة ... ارتفعت إلى 231)."""
        for j in range(start, stop):
            found = self.lex.targets.match(tokens, j)
            if found:
                return j + found[0] - 1, found[1]
        return None

    def _side_after(self, tokens: list[Token], last: int) -> tuple[int, str] | None:
        """A side named right after the target noun: a nisba, «من انفصاليي قره باغ», «تابعة لجيش أذربيجان»."""
        j = last + 1
        while j < len(tokens) and j <= last + 4:
            side = self.matcher.nisba_side(tokens[j])
            if side:
                return j, side
            place = self.matcher.gazetteer_at(tokens, j)
            if place and place[1].kind in {"state", "region"}:
                return j + place[0] - 1, place[1].side or ""
            if tokens[j].is_punct or tokens[j].folded in {".", "،", ","}:
                return None
            j += 1
        return None

    def _agent_side(self, tokens: list[Token], measure_first: int) -> str | None:
        """The side of the agent just before the measure (القصف الأرميني أودى بحياة)."""
        for j in range(measure_first - 1, max(-1, measure_first - 3), -1):
            side = self.matcher.nisba_side(tokens[j])
            if side:
                return side
        return None

    def read(self, tokens: list[Token]) -> list[Quantity]:
        """Every counted quantity in the sentence, in order."""
        out: list[Quantity] = []
        used_measures: set[int] = set()
        skip_to = -1
        for i in range(len(tokens)):
            if i <= skip_to:
                continue
            number = self._number_span(tokens, i)
            if number is None:
                continue
            value, qualifier, number_last, value_max = number
            skip_to = number_last
            if qualifier == "exact" and self._is_date(tokens, i, value):
                continue
            measure = self._measure_near(tokens, i)
            if measure is None:
                continue
            first = min(i, measure[0])
            for j in range(max(0, i - 4), i):  # a qualifier ending right before the number
                found = self.lex.qualifiers.match(tokens, j)
                if found and j + found[0] == i and qualifier == "exact":
                    qualifier, first = found[1], min(first, j)
            target = self._target_after(tokens, number_last) or self._target_between(tokens, measure[1] + 1, i)
            written_in_words = tokens[i].number is None
            if (
                target is None
                and value is not None
                and (measure[2].type == "casualty" or measure[0] > i or written_in_words)
            ):
                # A bare number with nothing counted is not a claim: dates, ages, «من جانب واحد».
                continue
            last = max(number_last, target[0] if target else i, measure[1] if measure[0] > i else i)
            side = self._side_after(tokens, target[0]) if target else None
            if side:
                last = max(last, side[0])
            out.append(
                Quantity(
                    first,
                    last,
                    value,
                    qualifier,
                    measure[2],
                    target[1] if target else None,
                    side[1] if side else None,
                    self._agent_side(tokens, measure[0]),
                    value_max,
                )
            )
            used_measures.add(measure[0])
        out.extend(self._singular_targets(tokens, used_measures))
        return sorted(out, key=lambda q: q.first)

    def _singular_targets(self, tokens: list[Token], used: set[int]) -> list[Quantity]:
        """«أودى بحياة مدني», «إسقاط ... مروحية»: a measure with a singular noun and no number means one."""
        out = []
        for i in range(len(tokens)):
            found = self.lex.measures.match(tokens, i)
            if not found or i in used:
                continue
            end = i + found[0]
            for j in range(end, min(len(tokens), end + 4)):
                if self._number_at(tokens, j) is not None or tokens[j].folded in {".", ",", ";"}:
                    break
                target = self.lex.targets.match(tokens, j)
                if target and target[1].singular:
                    last = j + target[0] - 1
                    side = self._side_after(tokens, last)
                    out.append(
                        Quantity(
                            i,
                            side[0] if side else last,
                            1,
                            "exact",
                            found[1],
                            target[1],
                            side[1] if side else None,
                            self._agent_side(tokens, i),
                        )
                    )
                    break
        return out
