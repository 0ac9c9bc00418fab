"""Read articles from .txt files (with optional NAME.meta.json sidecars), folders and .jsonl batches.

Every bad input becomes a reported rejection with its reason; reading goes on with the rest of the batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from claimgraph.errors import InputError
from extract.types import ArticleInput

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000  # far above any news article; a bigger file is a dump, not an article
MIN_ARABIC_SHARE = 0.3  # share of letters that must be Arabic


class ArticleMeta(BaseModel):
    """The sidecar NAME.meta.json next to NAME.txt."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    outlet: str | None = None
    published: date | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _empty_is_unknown(cls, value: object) -> object:
        """`"published": ""` is how scrapers write an unknown date."""
        return None if isinstance(value, str) and not value.strip() else value


class ArticleRecord(ArticleMeta):
    """One line of a .jsonl batch."""

    id: str
    text: str
    headline: str | None = None


@dataclass(frozen=True)
class Rejected:
    """An input that could not be read, and why."""

    source: str
    reason: str


def check_text(text: str, source: str) -> None:
    """Raise InputError when a decoded text is not an Arabic article."""
    if not text.strip():
        raise InputError(source, "empty: no text")
    if "\x00" in text:
        raise InputError(source, "binary: contains NUL bytes")
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    if not letters or arabic / len(letters) < MIN_ARABIC_SHARE:
        raise InputError(source, f"not Arabic: {arabic} of {len(letters)} letters are Arabic")
    lowered = text.lstrip()[:200].lower()
    if lowered.startswith(("<!doctype html", "<html")):
        raise InputError(source, "HTML page: extract the article text first")


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM); anything else is rejected rather than guessed."""
    if len(data) > MAX_BYTES:
        raise InputError(source, f"too large: {len(data):,} bytes (limit {MAX_BYTES:,})")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary: contains NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not UTF-8 (byte {err.start}); re-encode it, e.g. from Windows-1256") from err


def headline_of(text: str) -> str | None:
    """The first non-empty line."""
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def read_txt(path: Path) -> ArticleInput:
    """One .txt article and its sidecar."""
    source = str(path)
    text = decode(path.read_bytes(), source)
    check_text(text, source)
    meta = ArticleMeta()
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.is_file():
        try:
            meta = ArticleMeta.model_validate(_known_keys(json.loads(sidecar.read_bytes()), str(sidecar)))
        except ValidationError as err:
            raise InputError(str(sidecar), f"malformed metadata: {_first_error(err)}") from err
        except ValueError as err:  # not JSON (checked after ValidationError, which is a ValueError too)
            raise InputError(str(sidecar), f"malformed metadata: not JSON ({err})") from err
    return ArticleInput(name=path.stem, text=text, headline=headline_of(text), source=source, **meta.model_dump())


def _known_keys(meta: object, source: str) -> object:
    """A sidecar's keys that ArticleMeta reads; the others (a scraper's own metadata) are named in a warning and
    left out, so they neither reject the article nor reach the store."""
    if not isinstance(meta, dict):
        return meta
    extra = sorted(set(meta) - set(ArticleMeta.model_fields))
    if extra:
        log.warning("%s: ignored keys %s (read: %s)", source, ", ".join(extra), ", ".join(ArticleMeta.model_fields))
    return {k: v for k, v in meta.items() if k in ArticleMeta.model_fields}


def read_jsonl(path: Path) -> Iterator[ArticleInput | Rejected]:
    """Each line of a .jsonl batch; a bad line is rejected by its line number."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            source = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = ArticleRecord.model_validate_json(line)
                check_text(record.text, source)
                yield ArticleInput(
                    name=record.id,
                    text=record.text,
                    headline=record.headline or headline_of(record.text),
                    url=record.url,
                    outlet=record.outlet,
                    published=record.published,
                    source=source,
                )
            except ValidationError as err:
                yield Rejected(source, f"malformed record: {_first_error(err)}")
            except InputError as err:
                yield Rejected(source, err.reason)


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "record"
    return f"{where}: {first.get('msg')}"


def iter_articles(paths: list[Path]) -> Iterator[ArticleInput | Rejected]:
    """Articles from files, folders (their .txt and .jsonl files, sorted) and .jsonl batches, in order."""
    for path in paths:
        if path.is_dir():
            children = sorted(p for p in path.iterdir() if p.suffix in {".txt", ".jsonl"} and p.is_file())
            if not children:
                yield Rejected(str(path), "folder holds no .txt or .jsonl files")
            yield from iter_articles(children)
        elif not path.exists():
            yield Rejected(str(path), "no such file")
        elif path.suffix == ".jsonl":
            yield from read_jsonl(path)
        else:
            try:
                yield read_txt(path)
            except InputError as err:
                yield Rejected(err.source, err.reason)
            except OSError as err:
                yield Rejected(str(path), f"unreadable: {err.strerror or err}")
