"""Issue 13: two ingests racing on one article. Both stored the right data, but both summaries counted the article
as new; the write that did not create it must say so."""

from __future__ import annotations

from tests.samples import one_claim_article


def test_write_that_lost_the_race_reports_nothing_new(store) -> None:
    article, [claim] = one_claim_article()
    first = store.write_article(article, [claim])
    assert first.new and first.claims == 1

    # The second writer checked before the first wrote (the race): it sees no article, writes, and must find out.
    real_check = store.article_name
    store.article_name = lambda article_id: None
    try:
        second = store.write_article(article.model_copy(update={"name": "am-1-again"}), [claim])
    finally:
        store.article_name = real_check
    assert not second.new and second.claims == 0 and second.relations == 0
    assert store.stats()["articles"] == 1 and store.stats()["claims"] == 1
