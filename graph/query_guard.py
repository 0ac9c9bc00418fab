"""What a researcher's Cypher may not do, judged on its tokens (comments and strings removed), not on its text.

The engines' read-only modes stop writes; they do not stop a read that leaves the graph (``LOAD CSV`` opens files
and URLs) or that asks for more memory than the machine has (``range(1, 1000000000)`` is built whole, in one
allocation, before any of the engine's own limits looks at it). A text match for "LOAD CSV" was passed by
``LOAD/**/CSV``; tokens are not. FalkorDB's plan is checked as well (graph/falkor.py), so a spelling this tokenizer
misses still meets the engine's own reading of the query.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from claimgraph.errors import QueryError, ReadOnlyViolation

RANGE_MAX_ELEMENTS = 10_000_000  # 160 MB in the engine, built before its memory cap can look
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# Order matters: comments and strings first, so that nothing inside them is read as a keyword.
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted_name>`(?:[^`]|``)*(?:`|\Z))
  | (?P<number>0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<param>\$\w+)
  | (?P<word>[^\W\d]\w*)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_SKIPPED = {"space", "line_comment", "block_comment"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str

    @property
    def word(self) -> str:
        """Keywords and names compared without case; a back-quoted name keeps its case and loses its quotes."""
        if self.kind == "quoted_name":
            return self.text.strip("`").replace("``", "`")
        return self.text.upper() if self.kind == "word" else self.text


def tokens(query: str) -> list[Token]:
    """The query's tokens without whitespace or comments."""
    return [Token(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(query) if m.lastgroup not in _SKIPPED]


def check_user_query(query: str, params: dict[str, Any] | None = None) -> None:
    """Refuse a user's Cypher that reads outside the graph or asks for an unbounded list.

    Raises:
        ReadOnlyViolation: ``LOAD CSV`` (files of the server, or URLs it would fetch).
        QueryError: a ``range()`` longer than RANGE_MAX_ELEMENTS, or an integer parameter outside 64 bits.
    """
    params = params or {}
    check_params(params)
    toks = tokens(query)
    for k, tok in enumerate(toks):
        if tok.kind == "word" and tok.word == "LOAD" and k + 1 < len(toks) and toks[k + 1].word == "CSV":
            raise ReadOnlyViolation("LOAD CSV is not allowed: user queries may read the graph only")
        if tok.kind == "word" and tok.word == "RANGE" and k + 1 < len(toks) and toks[k + 1].text == "(":
            _check_range(toks, k + 2, params)


def _check_range(toks: list[Token], start: int, params: dict[str, Any]) -> None:
    """A ``range(a, b[, step])`` whose bounds are literals or parameters may not exceed RANGE_MAX_ELEMENTS.

    Bounds computed by the query itself (``range(0, size(xs) - 1)``) cannot be judged here; the engine's memory cap
    and the process's address-space limit (graph/falkor.py) bound those."""
    args: list[list[Token]] = [[]]
    depth = 0
    for tok in toks[start:]:
        if tok.text in "([{" and tok.kind == "symbol":
            depth += 1
        elif tok.text in ")]}" and tok.kind == "symbol":
            if depth == 0:
                break
            depth -= 1
        elif tok.text == "," and depth == 0:
            args.append([])
            continue
        args[-1].append(tok)
    found = [_constant(arg, params) for arg in args]
    values = [v for v in found if v is not None]
    if len(found) not in (2, 3) or len(values) < len(found):
        return
    low, high = values[0], values[1]
    step = values[2] if len(values) == 3 else 1
    if step == 0:
        return  # the engine refuses it with its own message
    size = max(0, (high - low) // step + 1)
    if size > RANGE_MAX_ELEMENTS:
        raise QueryError(f"range() of {size} elements is too long: at most {RANGE_MAX_ELEMENTS:,} in a user query")


def _constant(arg: list[Token], params: dict[str, Any]) -> int | None:
    """The integer value of an argument that is a literal, a negated literal or a parameter; else None."""
    sign = 1
    if len(arg) == 2 and arg[0].text in "-+" and arg[0].kind == "symbol":
        sign = -1 if arg[0].text == "-" else 1
        arg = arg[1:]
    if len(arg) != 1:
        return None
    tok = arg[0]
    if tok.kind == "number":
        try:
            return sign * (int(tok.text, 16) if tok.text.lower().startswith("0x") else int(float(tok.text)))
        except (ValueError, OverflowError):
            return None
    if tok.kind == "param":
        value = params.get(tok.text[1:])
        return sign * value if type(value) is int else None
    return None


def check_params(value: Any, path: str = "params") -> None:
    """Integers outside 64 bits are refused (the engines would clamp or wrap them without a word)."""
    if type(value) is int and not INT64_MIN <= value <= INT64_MAX:
        raise QueryError(f"{path}: integer {value} is outside the 64-bit range the engines hold")
    if isinstance(value, dict):
        for key, item in value.items():
            check_params(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            check_params(item, f"{path}[{n}]")


def row_bytes(row: list[Any]) -> int:
    """The bytes a row takes in a JSON response (plus its separator)."""
    return len(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8")) + 1


def cap_rows(rows: list[list[Any]], max_bytes: int) -> tuple[list[list[Any]], bool]:
    """The leading rows whose JSON fits in ``max_bytes``, and whether any were cut (the row cap's ``truncated``)."""
    used = 0
    for n, row in enumerate(rows):
        used += row_bytes(row)
        if used > max_bytes:
            return rows[:n], True
    return rows, False
