"""Arabic text as extraction and the graph both read it: normalisation for NLP (with a map back to raw offsets),
the identity text of an article, and the foldings used to match lexicons and to search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Characters deleted before NLP: Arabic diacritics (tashkeel), superscript alef, tatweel, and invisible format marks.
# Diacritics are rare and inconsistent in news copy, and the models were trained on text without them.
_DELETE = {chr(c) for c in range(0x064B, 0x0653)} | {
    "\u0670",
    "\u0640",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\ufeff",
    "\u061c",
    "\u00ad",
}
# One character for one: punctuation and digits the training data writes in their Latin forms.
_REPLACE = {
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u061f": "?",  # Arabic question mark
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": ".",
}
_REPLACE.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_REPLACE.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Extended (Persian) digits
_SPACES = {"\u00a0", "\u202f", "\u3000", "\u2028", "\u2029", "\t"} | {chr(c) for c in range(0x2000, 0x200B)}


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and, for each of its characters, the offset of the raw character it came from."""

    text: str
    raw_offsets: Sequence[int]
    raw_length: int

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the raw span that covers the same characters."""
        if start >= end:
            position = self.raw_offsets[start] if start < len(self.raw_offsets) else self.raw_length
            return position, position
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1


_TABLE = str.maketrans({**{c: None for c in _DELETE}, **{c: " " for c in _SPACES}, "\r": "\n", **_REPLACE})
_DELETED = re.compile("[" + "".join(sorted(_DELETE)) + "]")


def normalize(raw: str) -> NormalizedText:
    """Normalise ``raw`` for Stanza.

    Args:
        raw: the article text exactly as decoded from the file.

    Returns:
        The normalised text with its offset map; its length never exceeds the raw length.
    """
    text = raw.translate(_TABLE)
    if len(text) == len(raw):  # nothing deleted: every character stays where it was
        return NormalizedText(text, range(len(raw)), len(raw))
    offsets = [k for k, char in enumerate(raw) if char not in _DELETE]
    return NormalizedText(text, tuple(offsets), len(raw))


_WHITESPACE_RUN = re.compile(r"\s+")


def identity_text(raw: str) -> str:
    """The text an article's identity is computed from: NLP normalisation, NFC, whitespace collapsed."""
    text = unicodedata.normalize("NFC", normalize(raw).text)
    return _WHITESPACE_RUN.sub(" ", text).strip()


# Folding for dictionary look-ups only (never for offsets): hamza-carrying alefs to bare alef, alef maqsura to ya,
# ta marbuta to ha. News copy spells these inconsistently (أرمينيا / ارمينيا, قرة / قره).
# The table maps one character to one, so folded text keeps the offsets of the normalised text.
FOLD_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold(text: str) -> str:
    """Normalise and fold Arabic spelling variants, for matching against lexicons and the gazetteer."""
    return normalize(text).text.translate(FOLD_TABLE)


# Folding for search: the characters news copy writes either way, each to one form or deleted, and nothing else
# (no punctuation or spaces), so the same mapping can be applied to stored text inside a query
# (graph/cypher.py:folded) and to what the user typed.
SEARCH_FOLD: dict[str, str] = {
    **{c: "" for c in sorted(_DELETE)},
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
}
_SEARCH_TABLE = str.maketrans({c: r or None for c, r in SEARCH_FOLD.items()})


def search_fold(text: str) -> str:
    """``text`` with spelling variants, diacritics, tatweel and Arabic-Indic digits folded (see SEARCH_FOLD)."""
    return text.translate(_SEARCH_TABLE)
