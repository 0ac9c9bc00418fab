"""Stanza for Arabic: the project's own models from models/ar, or the official ones when a user has them installed."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimgraph.extract.boilerplate import body_end
from claimgraph.extract.types import AnnotatedArticle, Sentence, Word
from claimgraph.models import models_dir as shipped_models_dir
from claimgraph.ontology.claim import ArticleInput
from claimgraph.ontology.text import normalize

from claimgraph.errors import ModelsNotFoundError

log = logging.getLogger(__name__)

BASE_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
# What the claim rules read, run on every sentence; the parse runs only where a caller asks for it.
SURFACE_PROCESSORS = ("tokenize", "mwt", "pos", "ner")
PARSE_PROCESSORS = ("lemma", "depparse")
_USES_PRETRAIN = ("pos", "depparse", "ner")


@dataclass(frozen=True)
class ModelSet:
    """Which Stanza models to load: a name for logs and the keyword arguments for ``stanza.Pipeline``."""

    name: str
    processors: tuple[str, ...]
    kwargs: dict


def own_model_set(models_dir: Path | None = None) -> ModelSet:
    """The models this project trains (``claimgraph train-models``) and ships (``claimgraph.models.models_dir()``).

    Raises:
        ModelsNotFoundError: naming each missing file.
    """
    models_dir = models_dir or shipped_models_dir()
    required = [f"{name}.pt" for name in BASE_PROCESSORS] + ["pretrain.pt"]
    missing = [name for name in required if not (models_dir / name).is_file()]
    if missing:
        raise ModelsNotFoundError(
            f"own Arabic models incomplete in {models_dir}: missing {', '.join(missing)}; "
            "run `claimgraph train-models` or install the official Stanza Arabic models"
        )
    processors = BASE_PROCESSORS + (("ner",) if (models_dir / "ner.pt").is_file() else ())
    kwargs: dict = {f"{name}_model_path": str(models_dir / f"{name}.pt") for name in processors}
    for name in processors:
        if name in _USES_PRETRAIN:
            kwargs[f"{name}_pretrain_path"] = str(models_dir / "pretrain.pt")
    if "ner" in processors and (models_dir / "ner_pretrain.pt").is_file():
        kwargs["ner_pretrain_path"] = str(models_dir / "ner_pretrain.pt")  # NER's own word vectors
    # Stanza insists on a resources.json even when every path is given; an empty one keeps it off the network.
    resources_dir = Path(tempfile.gettempdir()) / "claimgraph-stanza-resources"
    resources_dir.mkdir(exist_ok=True)
    (resources_dir / "resources.json").write_text("{}", encoding="utf-8")
    kwargs.update(dir=str(resources_dir), allow_unknown_language=True)
    return ModelSet(name=f"own ({models_dir})", processors=processors, kwargs=kwargs)


def official_model_set() -> ModelSet | None:
    """The official Stanza Arabic models, if a user installed them (``stanza.download('ar')`` elsewhere)."""
    from stanza.resources.common import DEFAULT_MODEL_DIR

    resources_dir = Path(os.environ.get("STANZA_RESOURCES_DIR", DEFAULT_MODEL_DIR))
    resources = resources_dir / "resources.json"
    if not resources.is_file() or not (resources_dir / "ar").is_dir():
        return None
    try:
        if "ar" not in json.loads(resources.read_text(encoding="utf-8")):
            return None
    except (OSError, json.JSONDecodeError):
        return None
    return ModelSet(
        name=f"official ({resources_dir / 'ar'})",
        processors=BASE_PROCESSORS + ("ner",),
        kwargs={"dir": str(resources_dir)},
    )


def choose_model_set(preference: str | None = None) -> ModelSet:
    """Pick the models: ``official`` when installed (or asked for), else the project's own.

    Args:
        preference: ``auto`` (default, also from $CLAIMGRAPH_MODELS), ``own`` or ``official``.
    """
    preference = preference or os.environ.get("CLAIMGRAPH_MODELS", "auto")
    if preference not in {"auto", "own", "official"}:
        raise ValueError(f"model preference {preference!r}: expected auto, own or official")
    if preference != "own":
        official = official_model_set()
        if official is not None:
            return official
        if preference == "official":
            raise ModelsNotFoundError("official Stanza Arabic models are not installed (no 'ar' in resources.json)")
    return own_model_set()


class StanzaAnnotator:
    """Runs a real Stanza pipeline over normalised text and maps every word back to raw-text offsets.

    Two passes, because the parse is the slow half of Stanza and most sentences of a news article carry no claim:
    ``annotate_many`` runs what the claim rules read (tokenize, mwt, pos, ner) over every sentence, and ``parse``
    adds lemmas and dependencies (lemma, depparse) to the sentences a caller picks, normally those holding a claim.
    """

    def __init__(self, model_set: ModelSet | None = None, threads: int | None = None) -> None:
        import stanza
        import torch

        if threads:
            torch.set_num_threads(threads)
        self.model_set = model_set or choose_model_set()
        log.info("Stanza Arabic models in use: %s", self.model_set.name)
        # logging_level ERROR: Stanza warns that "ar" is unsupported whenever model paths are given without its
        # resources file; that is this project's normal case, and the warning would otherwise greet every command.
        self.pipeline = stanza.Pipeline(
            "ar",
            processors=",".join(self.model_set.processors),
            download_method=None,
            logging_level="ERROR",
            **self.model_set.kwargs,
        )
        self.surface_processors = [p for p in SURFACE_PROCESSORS if p in self.model_set.processors]

    def annotate(self, article: ArticleInput) -> AnnotatedArticle:
        """One article, every processor on every sentence (the full annotation, parse included)."""
        annotated = self.annotate_many([article])[0]
        return self.parse([(annotated, range(len(annotated.sentences)))])[0]

    def annotate_many(self, articles: Sequence[ArticleInput]) -> list[AnnotatedArticle]:
        """Tokenize, mwt, pos and ner over the bodies of ``articles``, batched in one Stanza call.

        Each body has its trailing furniture cut off and is fed one line at a time, so a headline never glues onto
        the next sentence. Offsets stay those of the raw text, since the body is a prefix of it.
        """
        import stanza

        lines: list[tuple[int, int, str]] = []  # (article, offset of the line in the normalised body, line)
        norms = []
        for k, article in enumerate(articles):
            norm = normalize(article.text[: body_end(article.text)])
            norms.append(norm)
            offset = 0
            for line in norm.text.split("\n"):
                if line.strip():
                    lines.append((k, offset, line))
                offset += len(line) + 1
        docs = self.pipeline.process([stanza.Document([], text=line) for _, _, line in lines], self.surface_processors)
        sentences: list[list[Sentence]] = [[] for _ in articles]
        for (k, line_offset, _), doc in zip(lines, docs or [], strict=True):
            for sent in doc.sentences:
                words: list[Word] = []
                for token in sent.tokens:
                    start, end = norms[k].to_raw(line_offset + token.start_char, line_offset + token.end_char)
                    for word in token.words:
                        words.append(
                            Word(
                                index=word.id,
                                text=word.text,
                                upos=word.upos,
                                xpos=word.xpos,
                                feats=word.feats,
                                ner=getattr(token, "ner", None),
                                start=start,
                                end=end,
                            )
                        )
                if words:
                    own = sentences[k]
                    own.append(Sentence(index=len(own), start=words[0].start, end=words[-1].end, words=words))
        return [
            AnnotatedArticle(article=article, sentences=own, models=self.model_set.name)
            for article, own in zip(articles, sentences, strict=True)
        ]

    def parse(self, chosen: Sequence[tuple[AnnotatedArticle, Iterable[int]]]) -> list[AnnotatedArticle]:
        """Lemmas, heads and relations for the chosen sentences (by index) of annotated articles, in one batch.

        The words keep their tags from ``annotate_many``; the parser reads them as Stanza's pretagged input.
        """
        import stanza

        wanted = [(k, i) for k, (_, indexes) in enumerate(chosen) for i in sorted(set(indexes))]
        if not wanted:
            return [article for article, _ in chosen]
        doc = stanza.Document(
            [
                [
                    {"id": w.index, "text": w.text, "upos": w.upos, "xpos": w.xpos, "feats": w.feats}
                    for w in chosen[k][0].sentences[i].words
                ]
                for k, i in wanted
            ]
        )
        doc = self.pipeline.process(doc, [p for p in PARSE_PROCESSORS if p in self.model_set.processors])
        parsed: dict[tuple[int, int], Sentence] = {}
        for (k, i), sent in zip(wanted, doc.sentences, strict=True):
            old = chosen[k][0].sentences[i]
            words = [
                word.model_copy(update={"lemma": new.lemma, "head": new.head, "deprel": new.deprel})
                for word, new in zip(old.words, sent.words, strict=True)
            ]
            parsed[(k, i)] = old.model_copy(update={"words": words})
        return [
            article.model_copy(update={"sentences": [parsed.get((k, i), s) for i, s in enumerate(article.sentences)]})
            for k, (article, _) in enumerate(chosen)
        ]
