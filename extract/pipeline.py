"""The extraction pipeline: article → Stanza annotation → claims. Models are loaded once, when it is built."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from extract.claims import ClaimExtractor
from extract.nlp import ModelSet, StanzaAnnotator
from extract.types import AnnotatedArticle, ArticleInput, Claim

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleClaims:
    """An article with the claims read from it."""

    article: ArticleInput
    claims: list[Claim]
    annotated: AnnotatedArticle


class ExtractionPipeline:
    """Two stages with one job each: ``StanzaAnnotator`` (tokenize … depparse) then ``ClaimExtractor`` (rules)."""

    def __init__(self, model_set: ModelSet | None = None, threads: int | None = None) -> None:
        self.annotator = StanzaAnnotator(model_set, threads=threads)
        self.extractor = ClaimExtractor()

    @property
    def models(self) -> str:
        return self.annotator.model_set.name

    def process(self, article: ArticleInput) -> ArticleClaims:
        """Annotate one article and read its claims."""
        annotated = self.annotator.annotate(article)
        return ArticleClaims(article, self.extractor.extract(annotated), annotated)
