"""The extraction pipeline: articles → Stanza annotation → claims → parse of the claim sentences.

Models are loaded once, when it is built.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from claimgraph.extract.claims import ClaimExtractor
from claimgraph.extract.nlp import ModelSet, StanzaAnnotator
from claimgraph.extract.types import AnnotatedArticle
from claimgraph.ontology.claim import ArticleInput, Claim

log = logging.getLogger(__name__)

# Which sentences get Stanza's lemma and depparse: those in which a claim was found (the default: the claim rules
# read tokens, tags and entities, and the parse is over half of Stanza's time), every sentence, or none.
ParseScope = Literal["claims", "all", "none"]


@dataclass(frozen=True)
class ArticleClaims:
    """An article with the claims read from it."""

    article: ArticleInput
    claims: list[Claim]
    annotated: AnnotatedArticle


class ExtractionPipeline:
    """Three stages with one job each: ``StanzaAnnotator.annotate_many`` (tokenize, mwt, pos, ner), ``ClaimExtractor``
    (rules), then ``StanzaAnnotator.parse`` (lemma, depparse) on the sentences the ``parse`` scope picks."""

    def __init__(
        self, model_set: ModelSet | None = None, threads: int | None = None, parse: ParseScope = "claims"
    ) -> None:
        if parse not in ("claims", "all", "none"):
            raise ValueError(f"parse scope {parse!r}: expected claims, all or none")
        self.annotator = StanzaAnnotator(model_set, threads=threads)
        self.extractor = ClaimExtractor()
        self.parse_scope = parse

    @property
    def models(self) -> str:
        return self.annotator.model_set.name

    def process(self, article: ArticleInput) -> ArticleClaims:
        """Annotate one article and read its claims."""
        return self.process_many([article])[0]

    def process_many(self, articles: Sequence[ArticleInput]) -> list[ArticleClaims]:
        """Annotate several articles in one Stanza batch (faster than one at a time) and read their claims."""
        annotated = self.annotator.annotate_many(articles)
        claims = [self.extractor.extract(doc) for doc in annotated]
        if self.parse_scope != "none":
            annotated = self.annotator.parse(
                [(doc, self._to_parse(doc, found)) for doc, found in zip(annotated, claims, strict=True)]
            )
        return [
            ArticleClaims(article, found, doc) for article, found, doc in zip(articles, claims, annotated, strict=True)
        ]

    def _to_parse(self, doc: AnnotatedArticle, claims: list[Claim]) -> list[int]:
        if self.parse_scope == "all":
            return [s.index for s in doc.sentences]
        spans = {claim.sentence for claim in claims}
        return [s.index for s in doc.sentences if (s.start, s.end) in spans]
