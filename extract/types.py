"""Stanza's annotations between stages: words with raw-text offsets, sentences, the annotated article."""

from __future__ import annotations

from claimgraph.ontology.claim import ArticleInput, StrictModel
from pydantic import Field


class Word(StrictModel):
    """One syntactic word from Stanza, with offsets into the raw article text."""

    index: int  # 1-based inside its sentence, as in CoNLL-U
    text: str
    lemma: str | None = None
    upos: str | None = None
    xpos: str | None = None
    feats: str | None = None
    head: int | None = None  # 0 is the root
    deprel: str | None = None
    ner: str | None = None
    start: int
    end: int


class Sentence(StrictModel):
    """A sentence: its span in the raw text and its words."""

    index: int
    start: int
    end: int
    words: list[Word]


class AnnotatedArticle(StrictModel):
    """The article with Stanza's annotations; serialisable, so cached output can serve as a test fixture."""

    article: ArticleInput
    sentences: list[Sentence]
    models: str = Field(description="which Stanza models produced the annotations")
