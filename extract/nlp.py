"""Stanza for Arabic: the project's own models from models/ar, or the official ones when a user has them installed."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import ModelsNotFoundError
from extract.boilerplate import body_end
from extract.normalize import normalize
from extract.types import AnnotatedArticle, ArticleInput, Sentence, Word

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[1]
OWN_MODELS_DIR = REPO_ROOT / "models" / "ar"
BASE_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
_USES_PRETRAIN = ("pos", "depparse", "ner")


@dataclass(frozen=True)
class ModelSet:
    """Which Stanza models to load: a name for logs and the keyword arguments for ``stanza.Pipeline``."""

    name: str
    processors: tuple[str, ...]
    kwargs: dict


def own_model_set(models_dir: Path = OWN_MODELS_DIR) -> ModelSet:
    """The models this project trains (``claimgraph train-models``) and ships.

    Raises:
        ModelsNotFoundError: naming each missing file.
    """
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
    """Runs a real Stanza pipeline over normalised text and maps every word back to raw-text offsets."""

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

    def annotate(self, article: ArticleInput) -> AnnotatedArticle:
        """Annotate the article's body: trailing furniture cut off, one line at a time (a headline never glues onto
        the next sentence). Offsets stay those of the raw text, since the body is a prefix of it."""
        import stanza

        norm = normalize(article.text[: body_end(article.text)])
        lines: list[tuple[int, str]] = []
        offset = 0
        for line in norm.text.split("\n"):
            if line.strip():
                lines.append((offset, line))
            offset += len(line) + 1
        docs = self.pipeline([stanza.Document([], text=line) for _, line in lines]) if lines else []
        sentences: list[Sentence] = []
        for (line_offset, _), doc in zip(lines, docs, strict=True):
            for sent in doc.sentences:
                words: list[Word] = []
                for token in sent.tokens:
                    start, end = norm.to_raw(line_offset + token.start_char, line_offset + token.end_char)
                    for word in token.words:
                        words.append(
                            Word(
                                index=word.id,
                                text=word.text,
                                lemma=word.lemma,
                                upos=word.upos,
                                head=word.head,
                                deprel=word.deprel,
                                ner=getattr(token, "ner", None),
                                start=start,
                                end=end,
                            )
                        )
                if words:
                    sentences.append(
                        Sentence(index=len(sentences), start=words[0].start, end=words[-1].end, words=words)
                    )
        return AnnotatedArticle(article=article, sentences=sentences, models=self.model_set.name)
