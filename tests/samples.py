"""Claims written by hand (no Stanza): a one-claim article for the tests of doors, fuzzing and races, and claims in
the store's row shape for the tests of comparisons and denials."""

from __future__ import annotations

from claimgraph.ontology.claim import ActorRef, ArticleInput, Claim, Target

TEXT = "أعلنت وزارة الدفاع الأرمينية أن 40 جنديا أذربيجانيا قتلوا."


def one_claim_article() -> tuple[ArticleInput, list[Claim]]:
    """«am-1»: the Armenian ministry's claim that 40 Azerbaijani soldiers were killed, with its exact span."""
    article = ArticleInput(name="am-1", text=TEXT)
    speaker = ActorRef(text="وزارة الدفاع الأرمينية", id="am-ministry-of-defence", side="AM", kind="organization")
    claim = Claim(
        article="am-1", span=(30, 57), quote=TEXT[30:57], speaker=speaker, type="casualty", measure="killed",
        value=40, qualifier="exact", target=Target(side="AZ", group="soldiers"), sentence=(0, 58),
    )  # fmt: skip
    return article, [claim]


def compared_claim(cid: str, article: str = "a1", **fields) -> dict:
    """A claim as graph/compare.py reads it (a store row): a count of the killed with nothing else said, undated,
    in the first sentence of its article; ``fields`` override any of it."""
    return {
        "id": cid,
        "article": article,
        "article_id": article,
        "span": [0, 10],
        "sentence": [0, 100],
        "type": "casualty",
        "measure": "killed",
        "value": None,
        "qualifier": "exact",
        "target": None,
        "speaker": None,
        "date": None,
        "quote": "",
        "denies": None,
        **fields,
    }
