"""A one-claim article written straight into a store (no Stanza): what the tests of doors, fuzzing and races serve."""

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
