"""When a claim holds: the article's date (from its text when no sidecar gives one) and a claim's period.

Relative days («أمس الأربعاء»، «السبت»، «منذ الأحد الماضي») are resolved against the article's date; «منذ …» and
«حتى الآن» make a count cumulative (it runs up to the article's date) rather than a count for one day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.extract.lexicons import LEXICON_DIR, phrase_key, read_tsv
from claimgraph.extract.tokens import PhraseTable, Token
from claimgraph.ontology.text import fold, normalize

_NUMERIC_DATE = [
    (re.compile(r"\b(20\d\d|19\d\d)[/.-](\d{1,2})[/.-](\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](20\d\d|19\d\d)\b"), ("d", "m", "y")),
]
_HEADER_LINES = 8  # an article's date, when it gives one, stands in its first lines (under the headline)


@dataclass(frozen=True)
class TimeWord:
    kind: str
    value: int | None


@dataclass(frozen=True)
class Period:
    """The days a claim covers: [start, end] (either may be unknown) and whether it is a running total."""

    start: date | None = None
    end: date | None = None
    cumulative: bool = False


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _time_table() -> PhraseTable[TimeWord]:
    return PhraseTable(
        {
            phrase_key(r["form"]): TimeWord(r["kind"], int(r["value"]) if r["value"] else None)
            for r in read_tsv("time_words.tsv", LEXICON_DIR)
        }
    )


class TimeReader:
    """Reads article dates and claim periods with the words of extract/lexicon/time_words.tsv."""

    def __init__(self) -> None:
        self.words = _time_table()
        self.months = {key: word.value for key, word in self.words.items() if word.kind == "month"}
        self._months_words = {w for key in self.months for w in key}

    def published(self, text: str) -> date | None:
        """A date written in the article's first lines (2020/10/01, 01/11/2020, 1 أكتوبر 2020), else None."""
        head = "\n".join(normalize(text).text.splitlines()[:_HEADER_LINES])
        for pattern, order in _NUMERIC_DATE:
            match = pattern.search(head)
            if match:
                parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
                found = _safe_date(parts["y"], parts["m"], parts["d"])
                if found:
                    return found
        folded = fold(head)
        for key, month in self.months.items():
            match = re.search(rf"\b(\d{{1,2}})\s+{re.escape(' '.join(key))}\s+(\d{{4}})\b", folded)
            if match and month:
                found = _safe_date(int(match.group(2)), month, int(match.group(1)))
                if found:
                    return found
        return None

    def period(self, tokens: list[Token], published: date | None) -> Period:
        """The period the sentence's claims cover, resolved against the article's date where one is known."""
        start = end = None
        cumulative = False
        i = 0
        while i < len(tokens):
            found = self.words.match(tokens, i)
            if not found:
                i += 1
                continue
            n, word = found
            if word.kind == "since":
                cumulative = True
                day = self._day_after(tokens, i + n, published)
                start, end = day or start, published
            elif word.kind == "to_date":
                cumulative, end = True, published
            elif word.kind in {"weekday", "offset"} and not cumulative:
                day = self._resolve(word, tokens, i + n, published)
                if day:
                    start = end = day
            elif word.kind == "month" and not cumulative:
                day = self._written_date(tokens, i, n, word.value, published)
                if day:
                    start = end = day
            i += n
        return Period(start, end, cumulative)

    def _written_date(
        self, tokens: list[Token], month_at: int, n: int, month: int | None, published: date | None
    ) -> date | None:
        """A day written with its month («19 سبتمبر/أيلول»، «في 3 مارس 2022»): its year as written, else the
        article's (the year before when that day would come after the article). Later in the sentence than a
        weekday beside it («الثلاثاء، 19 سبتمبر»), it outranks it."""
        if month is None or month_at == 0 or not tokens[month_at - 1].folded.isdigit():
            return None
        day = int(tokens[month_at - 1].folded)
        after = [t.folded for t in tokens[month_at + n : month_at + n + 4] if not t.is_punct]
        after = [w for w in after if w not in self._months_words][:1]
        if after and after[0].isdigit() and len(after[0]) == 4:
            return _safe_date(int(after[0]), month, day)
        if published is None:
            return None
        found = _safe_date(published.year, month, day)
        if found is not None and found > published:
            found = _safe_date(published.year - 1, month, day)
        return found

    def _day_after(self, tokens: list[Token], i: int, published: date | None) -> date | None:
        """The day named right after «منذ» (skipping «يوم», «بدء», «تفجر المواجهات»)."""
        for j in range(i, min(len(tokens), i + 4)):
            found = self.words.match(tokens, j)
            if found and found[1].kind in {"weekday", "offset"}:
                return self._resolve(found[1], tokens, j + found[0], published)
            if found and found[1].kind == "month":  # «منذ 7 أكتوبر»
                return self._written_date(tokens, j, found[0], found[1].value, published)
        return None

    def _resolve(self, word: TimeWord, tokens: list[Token], after: int, published: date | None) -> date | None:
        if published is None or word.value is None:
            return None
        if word.kind == "offset":
            return published - timedelta(days=word.value)
        nxt = self.words.match(tokens, after) if after < len(tokens) else None
        strictly_before = bool(nxt and nxt[1].kind == "past")
        back = (published.weekday() - word.value) % 7
        if back == 0 and strictly_before:
            back = 7
        return published - timedelta(days=back)
