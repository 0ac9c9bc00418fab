"""Filter values as a fact-checker types them (Arabic names, words, either digit script) turned into the store's
codes; an unknown value or query parameter is refused with what is accepted, never answered with an empty list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from claimgraph.api import vocabulary
from claimgraph.graph.store import ClaimStore
from claimgraph.ontology.text import search_fold
from fastapi import Request

ACCEPTED_SHOWN = 60  # codes listed in an error at most (sides are every ISO state); the rest is counted


class UnknownFilter(ValueError):
    """One or more query parameters or filter values that name nothing; ``errors`` says what is accepted."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        super().__init__("; ".join(e["msg"] for e in errors))


def reject_unknown_params(request: Request, accepted: Iterable[str]) -> None:
    """Raise UnknownFilter for a query parameter the route does not take (``sid=AM`` would else be ignored)."""
    allowed = sorted(accepted)
    unknown = [name for name in request.query_params if name not in allowed]
    if unknown:
        raise UnknownFilter(
            [
                {
                    "loc": ["query", name],
                    "msg": f"unknown query parameter {name!r}",
                    "input": request.query_params[name],
                    "accepted": allowed,
                }
                for name in unknown
            ]
        )


def _unknown_value(param: str, raw: str, vocab: vocabulary.Vocabulary | None, hint: str) -> dict[str, Any]:
    error: dict[str, Any] = {"loc": ["query", param], "msg": f"unknown {param} {raw!r}: {hint}", "input": raw}
    if vocab is not None:
        accepted = [f"{code} ({vocab.labels[code]})" if vocab.labels.get(code) else code for code in vocab.codes]
        error["accepted"] = accepted[:ACCEPTED_SHOWN]
        if len(accepted) > ACCEPTED_SHOWN:
            error["accepted_more"] = len(accepted) - ACCEPTED_SHOWN
    return error


_VOCABULARIES = {
    "side": vocabulary.sides,
    "target_side": vocabulary.sides,
    "measure": vocabulary.measures,
    "type": vocabulary.types,
    "target_group": vocabulary.groups,
    "event": vocabulary.events,
}
_HINTS = {
    "side": "a side code (AM, AZ, NK, ...) or its Arabic name (أرمينيا)",
    "target_side": "a side code (AM, AZ, NK, ...) or its Arabic name (أرمينيا)",
    "measure": "a measure code (killed, wounded, ...) or an Arabic word for it (قتلى)",
    "type": "a claim type (casualty, denial, ...) or its Arabic name (نفي)",
    "target_group": "a group code (soldiers, civilians, ...) or an Arabic word for it (جنود)",
    "event": "an event code (clash, shelling, ...) or an Arabic word for it (اشتباكات)",
}
_DIGITS = re.compile(r"^[0-9]+$")


def parse_value(raw: str) -> int:
    """A claimed number typed in ASCII, Arabic-Indic or Persian digits, with or without thousands separators."""
    text = search_fold(raw.strip()).replace(",", "").replace("\u066c", "").replace(" ", "")
    if not _DIGITS.match(text) or len(text) > 15:
        raise UnknownFilter(
            [
                {
                    "loc": ["query", "value"],
                    "msg": f"value {raw!r} is not a whole number",
                    "input": raw,
                    "accepted": ["digits in either script: 2300 or ٢٣٠٠"],
                }
            ]
        )
    return int(text)


def resolve_speaker(store: ClaimStore, raw: str) -> str | None:
    """An actor id as stored, or the id of a gazetteer actor or stored actor named ``raw`` (any spelling)."""
    text = raw.strip()
    if store.actor(text) is not None:
        return text
    key = " ".join(search_fold(text).split())
    if key in vocabulary.actor_names():
        return vocabulary.actor_names()[key]
    # Actors composed by extraction (وزارة الدفاع الأرمينية → am-ministry-of-defence) have no gazetteer row;
    # their stored name is looked up only when the gazetteer does not know the words.
    for actor in store.all_actors():
        if key in {" ".join(search_fold(actor.get(f) or "").split()) for f in ("name", "en")}:
            return actor["id"]
    return None


def resolve_filters(store: ClaimStore, given: dict[str, str | None]) -> dict[str, Any]:
    """Codes for the filters given in Arabic or as codes; raise UnknownFilter listing every value that names
    nothing (all of them at once, not the first)."""
    out: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for param, raw in given.items():
        if raw is None or str(raw).strip() == "":
            continue
        if param not in _VOCABULARIES and param not in {"speaker", "value"}:
            out[param] = raw  # dates and text: parsed by FastAPI, folded by the store
            continue
        raw = str(raw)
        if param in _VOCABULARIES:
            vocab = _VOCABULARIES[param]()
            code = vocab.resolve(raw)
            if code is None:
                errors.append(_unknown_value(param, raw, vocab, _HINTS[param]))
            out[param] = code
        elif param == "speaker":
            actor = resolve_speaker(store, raw)
            if actor is None:
                errors.append(
                    _unknown_value(param, raw, None, "an actor id (see /actors) or an actor's Arabic name or alias")
                )
            out[param] = actor
        elif param == "value":
            try:
                out[param] = parse_value(raw)
            except UnknownFilter as err:
                errors.extend(err.errors)
    if errors:
        raise UnknownFilter(errors)
    return out
