"""Article dates from the text, and claim periods resolved against them."""

from __future__ import annotations

from datetime import date

import pytest
from claimgraph.extract.timeexpr import TimeReader
from claimgraph.extract.tokens import Token
from claimgraph.ontology.text import fold


def tokens(text: str) -> list[Token]:
    out, offset = [], 0
    for k, word in enumerate(text.split()):
        start = text.index(word, offset)
        out.append(Token(k, word, fold(word), start, start + len(word), None))
        offset = start + len(word)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عنوان الخبر\nالخميس 2021/03/04\nنص", date(2021, 3, 4)),
        ("عنوان الخبر\n\n05/06/2022\nنص", date(2022, 6, 5)),
        ("عنوان الخبر\n٧ أيار ٢٠١٩\nنص", date(2019, 5, 7)),
        ("عنوان الخبر\nنص بلا تاريخ", None),
    ],
)
def test_time_published_from_header(text: str, expected: date | None) -> None:
    assert TimeReader().published(text) == expected


def test_time_since_weekday_is_cumulative() -> None:
    # 2022-09-15 was a Thursday; «منذ الأحد» is the Sunday before it.
    period = TimeReader().period(tokens("قتل 40 جنديا منذ الأحد حسب الوزارة"), date(2022, 9, 15))
    assert (period.start, period.end, period.cumulative) == (date(2022, 9, 11), date(2022, 9, 15), True)


def test_time_yesterday_and_weekday() -> None:
    reader = TimeReader()
    assert reader.period(tokens("أعلنت الوزارة أمس مقتل جندي"), date(2022, 9, 15)).start == date(2022, 9, 14)
    same_day = reader.period(tokens("قالت الوزارة الخميس إن"), date(2022, 9, 15))
    assert same_day.start == date(2022, 9, 15) and not same_day.cumulative
    last_week = reader.period(tokens("منذ الخميس الماضي"), date(2022, 9, 15))
    assert last_week.start == date(2022, 9, 8)


def test_time_without_article_date_keeps_only_the_kind() -> None:
    period = TimeReader().period(tokens("ارتفعت الحصيلة حتى الآن إلى 70"), None)
    assert period.cumulative and period.start is None and period.end is None


def test_time_written_day_and_month_outrank_the_weekday_beside_them() -> None:
    reader = TimeReader()
    published = date(2023, 9, 27)  # a Wednesday
    # «الثلاثاء، 19 سبتمبر/أيلول»: the Tuesday of the week before, not the day before the article
    period = reader.period(tokens("أعلنت أذربيجان ، الثلاثاء ، 19 سبتمبر / أيلول ، إطلاق عملية"), published)
    assert (period.start, period.end) == (date(2023, 9, 19), date(2023, 9, 19))
    # a written year wins; a day after the article's is of the year before
    assert reader.period(tokens("قصف في 3 مارس 2022 قرب خاركوف"), published).start == date(2022, 3, 3)
    assert reader.period(tokens("قتل 5 في 28 ديسمبر"), published).start == date(2022, 12, 28)
    # «منذ 7 أكتوبر» starts a running total on that day; an undated article with no year gives no day
    since = reader.period(tokens("قتل 300 منذ 7 أكتوبر"), date(2024, 4, 25))
    assert (since.start, since.end, since.cumulative) == (date(2023, 10, 7), date(2024, 4, 25), True)
    assert reader.period(tokens("قتل 5 في 19 سبتمبر"), None).start is None
