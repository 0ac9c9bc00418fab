"""Where the article ends: trailing site furniture (related links, SEO filler, FAQ blocks, menus) is not read."""

from __future__ import annotations

import functools

from claimgraph.extract.lexicons import read_tsv
from claimgraph.ontology.text import fold


@functools.cache
def _markers() -> tuple[str, ...]:
    return tuple(fold(row["form"]) for row in read_tsv("boilerplate.tsv"))


def body_end(text: str) -> int:
    """The offset where the article body ends in the raw text (len(text) when there is no furniture).

    Only a marker line in the second half of the text counts, so a headline or a first paragraph that happens to
    start like one («اقرأ أيضا» in a lead) never cuts the article short.
    """
    offset = 0
    half = len(text) // 2
    for line in text.splitlines(keepends=True):
        stripped = fold(line.strip()).lstrip("-–•* ")
        if offset >= half and stripped and stripped.startswith(_markers()):
            return offset
        offset += len(line)
    return len(text)
