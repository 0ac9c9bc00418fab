"""Trailing site furniture is cut before NLP; an article that merely mentions such words is left whole."""

from __future__ import annotations

from claimgraph.extract.boilerplate import body_end

BODY = (
    "اشتباكات جديدة على الحدود\n\n"
    "قالت وزارة الدفاع الطاجيكية إن ثلاثة جنود قتلوا في اشتباك على الحدود مع قرغيزستان.\n"
    "وأضافت الوزارة أن الوضع هادئ صباح اليوم بعد وساطة روسية.\n"
)


def test_boilerplate_related_links_and_faq_are_cut() -> None:
    text = BODY + "اقرأ أيضاً\n- انتخابات في بيشكيك\n- أسعار النفط\nأسئلة شائعة\nس: ما أهمية هذا الخبر؟\nج: كبيرة.\n"
    assert text[: body_end(text)] == BODY


def test_boilerplate_marker_in_the_first_half_does_not_cut() -> None:
    text = "اقرأ أيضا هذا الخبر المهم\n" + BODY
    assert body_end(text) == len(text)


def test_boilerplate_plain_article_is_whole() -> None:
    assert body_end(BODY) == len(BODY)
