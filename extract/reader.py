"""Read articles from .txt files (with optional NAME.meta.json sidecars), folders and .jsonl batches.

Every bad input becomes a reported rejection with its reason; reading goes on with the rest of the batch.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimgraph.ontology.claim import ArticleInput
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from claimgraph.errors import InputError

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000  # far above any news article; a bigger file (or .jsonl record's text) is a dump
# A .jsonl line may hold its text JSON-escaped (\\uXXXX: 6 bytes for a 2-byte Arabic letter) plus metadata.
MAX_RECORD_LINE = 3 * MAX_BYTES + 65_536
_SUFFIXES = {".txt", ".jsonl"}
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
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_BYTES:  # the same limit for a .txt file, a .jsonl record and a POSTed article
        raise InputError(source, f"too large: {size:,} bytes of text (limit {MAX_BYTES:,})")
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


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, its size checked before anything is read (a 4 GB file or a link to /dev/zero
    costs nothing). Opened without blocking, so a FIFO put where a file was cannot hang the batch.

    Raises:
        InputError: not a regular file, or larger than ``limit``.
    """
    source = str(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise InputError(source, f"too large: {info.st_size:,} bytes (limit {limit:,})")
        data = handle.read(limit + 1)  # a file that grew since fstat is still cut at the limit
    if len(data) > limit:
        raise InputError(source, f"too large: over {limit:,} bytes (limit {limit:,})")
    return data


def read_txt(path: Path) -> ArticleInput:
    """One .txt article and its sidecar."""
    source = str(path)
    text = decode(read_bounded(path), source)
    check_text(text, source)
    meta = ArticleMeta()
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.is_file():
        try:
            meta = ArticleMeta.model_validate(_known_keys(json.loads(read_bounded(sidecar, 65_536)), str(sidecar)))
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


def _lines(handle, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary file, each read at most ``limit`` bytes at a time: a longer line yields None (and is
    skipped to its end) instead of being held whole in memory."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def read_jsonl(path: Path) -> Iterator[ArticleInput | Rejected]:
    """Each line of a .jsonl batch; a bad line is rejected by its line number, an empty batch as a whole."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            yield Rejected(str(path), f"not a regular file ({_kind(info.st_mode)})")
            return
        records = 0
        for number, line in enumerate(_lines(handle, MAX_RECORD_LINE), 1):
            source = f"{path}:{number}"
            if line is None:
                records += 1
                yield Rejected(source, f"too large: a record over {MAX_RECORD_LINE:,} bytes")
                continue
            if not line.strip():
                continue
            records += 1
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
        if not records:
            yield Rejected(str(path), "empty: no records")


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "record"
    return f"{where}: {first.get('msg')}"


def iter_articles(paths: list[Path]) -> Iterator[ArticleInput | Rejected]:
    """Articles from files, folders (their .txt and .jsonl files, any case, sorted) and .jsonl batches, in order.

    Nothing is skipped without a word: a folder's entry with one of those suffixes that is not a readable regular
    file (a directory, a FIFO, a device, a dangling link, a link loop) is named with its reason."""
    for path in paths:
        problem = _not_readable(path)
        if problem == "directory":
            children = sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES)
            if not children:
                yield Rejected(str(path), "folder holds no .txt or .jsonl files")
            yield from _read_files(children)
        elif problem:
            yield Rejected(str(path), problem)
        else:
            yield from _read_files([path])


def _read_files(paths: list[Path]) -> Iterator[ArticleInput | Rejected]:
    for path in paths:
        problem = _not_readable(path)
        if problem:
            yield Rejected(str(path), problem if problem != "directory" else "a directory, not a file")
        elif path.suffix.lower() == ".jsonl":
            try:
                yield from read_jsonl(path)
            except OSError as err:
                yield Rejected(str(path), f"unreadable: {err.strerror or err}")
        else:
            try:
                yield read_txt(path)
            except InputError as err:
                yield Rejected(err.source, err.reason)
            except OSError as err:
                yield Rejected(str(path), f"unreadable: {err.strerror or err}")


def _not_readable(path: Path) -> str | None:
    """Why ``path`` cannot be read as an input ("directory" for a folder to walk), or None for a regular file.
    Links are followed; a link that leads nowhere, or in a circle, is named as such."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "dangling symbolic link" if path.is_symlink() else "no such file"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"unreadable: {err.strerror or err}"
    if stat.S_ISDIR(info.st_mode):
        return "directory"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_kind(info.st_mode)})"
    return None


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISDIR, "directory"),
    ):
        if test(mode):
            return name
    return "special file"
