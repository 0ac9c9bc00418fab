"""Copies and shared relays are one source: four reports of one statement, two independent sources."""

from __future__ import annotations

from claimgraph.graph.independence import copy_similarity, source_groups
from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim

STATEMENT = "إن الحكومة ستفتح ممرات إنسانية آمنة للمدنيين في المدينة المحاصرة خلال الأيام المقبلة"
BODY = (
    "أعلنت وزارة الخارجية الإثيوبية في بيان أمس {s}. وأضافت الوزارة أن المفاوضات مع الوسطاء الأفارقة "
    "مستمرة في أديس أبابا وأن جولة جديدة ستعقد الأسبوع المقبل بحضور ممثلين عن الأطراف كافة."
)
MINISTRY = ActorRef(
    text="وزارة الخارجية الإثيوبية", id="et-ministry-of-foreign-affairs", side="ET", kind="organization"
)
REUTERS = ActorRef(text="رويترز", id="Q130879", side="MEDIA", kind="outlet")


def _article(name: str, text: str, via: list[ActorRef]) -> tuple[ArticleInput, list[Claim]]:
    start = text.index(STATEMENT[:20])
    end = start + len(STATEMENT)
    claim = Claim(
        article=name,
        span=(start, end),
        quote=text[start:end],
        speaker=MINISTRY,
        via=via,
        type="statement",
        sentence=(0, end + 1),
        date="2022-03-02",
    )
    return ArticleInput(name=name, text=text), [claim]


def test_independence_copies_and_relays_collapse(store) -> None:
    copy_a = BODY.format(s=STATEMENT)
    copy_b = "عاجل: " + BODY.format(s=STATEMENT)  # the same wire copy with a prefix
    own_c = f"قالت الخارجية الإثيوبية لرويترز {STATEMENT}، في ظل ضغوط دولية متزايدة على أطراف النزاع."
    own_d = f"ونقلت رويترز عن وزارة الخارجية الإثيوبية قولها {STATEMENT}، وسط تحذيرات أممية من تفاقم الأزمة."
    assert copy_similarity(copy_a, copy_b) > 0.8 and copy_similarity(copy_a, own_c) < 0.2
    for name, text, via in (
        ("copy-a", copy_a, []),
        ("copy-b", copy_b, []),
        ("reuters-c", own_c, [REUTERS]),
        ("reuters-d", own_d, [REUTERS]),
    ):
        article, claims = _article(name, text, via)
        store.write_article(article, claims)
    first = store.find_claims()[0]["id"]
    sources = store.sources(first)
    assert sources["reports"] == 4
    assert sources["independent_sources"] == 2
    assert sorted(g["articles"] for g in sources["groups"]) == [["copy-a", "copy-b"], ["reuters-c", "reuters-d"]]


def test_independence_unrelated_reports_stay_separate() -> None:
    reports = [
        {"claim_id": str(k), "article_id": f"a{k}", "article": f"a{k}", "text": text, "via": []}
        for k, text in enumerate(["نص أول مختلف تماما عن غيره في كل شيء", "كلام آخر لا يشبه الأول أبدا"])
    ]
    assert len(source_groups(reports)) == 2


def test_independence_undated_report_still_corroborates_a_dated_one(store) -> None:
    """Regression: candidates looked up by date missed a copy in an article that gives no date."""
    undated, claims_a = _article("undated", BODY.format(s=STATEMENT), [])
    dated_text = f"وأكدت وزارة الخارجية الإثيوبية أمس {STATEMENT}، بحسب ما نقلت وسائل إعلام محلية."
    dated, claims_b = _article("dated", dated_text, [])
    claims_a = [c.model_copy(update={"date": None}) for c in claims_a]
    store.write_article(undated, claims_a)
    written = store.write_article(dated, claims_b)
    assert written.relations == 1
    assert [r["reason"] for r in store.relations()] == ["same_statement"]
