"""Compare stored claims: conflicting counts, counts above a reported total, denials, and the same statement twice.

First version (the contradiction issue deepens it). A new article's claims are compared with each other and with
candidates found through indexed properties (same measure, same speaker), never with the whole graph.
"""

from __future__ import annotations

import math
from typing import Any

from extract.lexicons import load_lexicons
from extract.normalize import fold
from extract.types import Relation

# How a qualified number reads as an interval of values it allows. "about" allows ±20 %; "dozens" (عشرات) is
# 20-99, "hundreds" (مئات) 200-999, "thousands" (آلاف) 2,000-999,999. Two counts conflict only when their
# intervals cannot both hold.
ABOUT_TOLERANCE = 0.2
VAGUE = {"dozens": (20.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 999_999.0)}
PEOPLE_GROUPS = {"people", "soldiers", "civilians", "separatists", "mercenaries", "fighters"}
# Share of content words two quotes have in common (Dice: shared words over the mean size).
SAME_STATEMENT_OVERLAP = 0.45  # the same speaker
SAME_STATEMENT_OVERLAP_SAME_SIDE = 0.6  # only the speaker's side matches (the ministry, then "Moscow")
_STOP = {fold(w) for w in "في من إلى على عن أن إن إذا كل مع التي الذي هذا هذه ذلك قد لا ما".split()}
# Only the article and what carries it, and a conjunction on a long word: stripping every one-letter proclitic
# would turn بوتين into وتين.
_CLITICS = ("وال", "بال", "لل", "فال", "كال", "ال")


def interval(claim: dict[str, Any]) -> tuple[float, float] | None:
    """The values a claim allows, as a closed interval (open bounds are nudged by a fraction)."""
    qualifier = claim.get("qualifier") or "exact"
    if qualifier in VAGUE:
        return VAGUE[qualifier]
    value = claim.get("value")
    if value is None:
        return None
    v = float(value)
    return {
        "exact": (v, v),
        "about": (v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)),
        "more_than": (v + 0.5, math.inf),
        "at_least": (v, math.inf),
        "less_than": (0.0, v - 0.5),
        "at_most": (0.0, v),
        "range": (v, float(claim.get("value_max") or v)),
    }.get(qualifier, (v, v))


def _same_period(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two counts cover the same days.

    Both read a period from their words: the periods must overlap and both be running totals or both not (a total
    "since Sunday" is not comparable with one day's count). Otherwise: same article, or articles of the same date.
    """
    pa, pb = a.get("period") or {}, b.get("period") or {}
    if pa.get("start") and pb.get("start"):
        if bool(pa.get("cumulative")) != bool(pb.get("cumulative")):
            return False
        end_a, end_b = pa.get("end") or pa["start"], pb.get("end") or pb["start"]
        return pa["start"] <= end_b and pb["start"] <= end_a
    if a["article_id"] == b["article_id"]:
        return True
    return bool(a.get("date")) and a.get("date") == b.get("date")


def _side(claim: dict[str, Any]) -> str | None:
    return (claim.get("speaker") or {}).get("side")


def _target(claim: dict[str, Any]) -> tuple[str | None, str | None]:
    target = claim.get("target") or {}
    return target.get("side"), target.get("group")


def _fmt(claim: dict[str, Any]) -> str:
    low_high = interval(claim)
    speaker = (claim.get("speaker") or {}).get("text") or "an unattributed report"
    value = claim.get("value") if claim.get("value") is not None else claim.get("qualifier")
    qualifier = claim.get("qualifier") or "exact"
    shown = value if qualifier in {"exact", *VAGUE} else f"{qualifier.replace('_', ' ')} {value}"
    bounds = "" if low_high is None else f" [{low_high[0]:g}–{low_high[1]:g}]"
    return f"{speaker} ({_side(claim) or 'no side'}): {shown}{bounds} in {claim.get('article')}"


def compare_pair(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    """Every relation that holds between two claims (in either direction)."""
    out: list[Relation] = []
    if a["id"] == b["id"]:
        return out
    for denial, denied in ((a, b), (b, a)):
        if (
            denial.get("type") == "denial"
            and denial.get("denies") == denied.get("span")
            and denial["article_id"] == denied["article_id"]
        ):
            out.append(
                Relation(
                    kind="contradicts",
                    reason="denial",
                    a=denied["id"],
                    b=denial["id"],
                    explanation=f"{(denial.get('speaker') or {}).get('text') or 'someone'} denies what "
                    f"{(denied.get('speaker') or {}).get('text') or 'the report'} claimed in {denied.get('article')}.",
                )
            )
    if a.get("measure") and a.get("measure") == b.get("measure") and _same_period(a, b):
        out.extend(_count_relations(a, b))
    revision = _revision(a, b)
    if revision is not None:
        out.append(revision)
    opposed = _opposed_assertion(a, b)
    if opposed is not None:
        out.append(opposed)
    if _same_statement(a, b):
        out.append(
            Relation(
                kind="corroborates",
                reason="same_statement",
                a=a["id"],
                b=b["id"],
                explanation=f"The same statement by {(a.get('speaker') or {}).get('text')} appears in "
                f"{a.get('article')} and {b.get('article')}: one source reported twice, not two confirmations.",
            )
        )
    return out


def _count_relations(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return []
    (side_a, group_a), (side_b, group_b) = _target(a), _target(b)
    for part, whole, i_part, i_whole in ((a, b, ia, ib), (b, a, ib, ia)):
        p_side, p_group = _target(part)
        w_side, w_group = _target(whole)
        is_total = w_side is None and w_group == "people"
        is_part = p_group in PEOPLE_GROUPS and (p_side is not None or p_group != "people")
        if is_total and is_part and i_part[0] > i_whole[1]:
            return [
                Relation(
                    kind="contradicts",
                    reason="exceeds_total",
                    a=part["id"],
                    b=whole["id"],
                    explanation=f"A part exceeds the reported total: {_fmt(part)} is more than the whole, "
                    f"{_fmt(whole)}, for the same period.",
                )
            ]
    if (
        (side_a, group_a) == (side_b, group_b)
        and _side(a)
        and _side(b)
        and not load_lexicons().same_camp(_side(a), _side(b))
        and (ia[1] < ib[0] or ib[1] < ia[0])
    ):
        return [
            Relation(
                kind="contradicts",
                reason="conflicting_count",
                a=a["id"],
                b=b["id"],
                explanation=f"Counts that cannot both hold: {_fmt(a)} versus {_fmt(b)}.",
            )
        ]
    return []


def _words(text: str) -> set[str]:
    out = set()
    for word in fold(text).split():
        word = "".join(ch for ch in word if ch.isalnum())
        for clitic in _CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic) :]
                break
        else:
            if word.startswith("و") and len(word) >= 5:
                word = word[1:]
        if len(word) >= 3 and word not in _STOP:
            out.add(word)
    return out


def _same_statement(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same speaker's same statement in two different articles (overlap of content words)."""
    if a["article_id"] == b["article_id"] or a.get("type") != "statement" or b.get("type") != "statement":
        return False
    if not _side(a) or _side(a) != _side(b):
        return False
    wa, wb = _words(a.get("quote") or ""), _words(b.get("quote") or "")
    if len(wa) < 4 or len(wb) < 4:
        return False
    same_speaker = (a.get("speaker") or {}).get("id") == (b.get("speaker") or {}).get("id")
    needed = SAME_STATEMENT_OVERLAP if same_speaker else SAME_STATEMENT_OVERLAP_SAME_SIDE
    return 2 * len(wa & wb) / (len(wa) + len(wb)) >= needed


def _revision(a: dict[str, Any], b: dict[str, Any]) -> Relation | None:
    """The same speaker giving a new figure for the same measure and target on a later date: a timeline entry
    (120 → 150 → 170), never a contradiction."""
    speaker = (a.get("speaker") or {}).get("id")
    if (
        not speaker
        or speaker != (b.get("speaker") or {}).get("id")
        or not a.get("measure")
        or a.get("measure") != b.get("measure")
        or _target(a) != _target(b)
        or a.get("value") is None
        or b.get("value") is None
        or a.get("value") == b.get("value")
        or not a.get("date")
        or not b.get("date")
        or a["date"] == b["date"]
    ):
        return None
    earlier, later = (a, b) if a["date"] < b["date"] else (b, a)
    side, group = _target(a)
    return Relation(
        kind="revises",
        reason="revision",
        a=later["id"],
        b=earlier["id"],
        explanation=f"{(later.get('speaker') or {}).get('text')} updated its own figure for {a['measure']} "
        f"({side or 'any side'} {group or ''}): {earlier['value']} on {earlier['date']} → {later['value']} on "
        f"{later['date']}. A revision over time, not a contradiction.",
    )


def _opposed_assertion(a: dict[str, Any], b: dict[str, Any]) -> Relation | None:
    """«X occupies it» said by one camp against «it is ours» said by X, in the same sentence."""
    for accuser, owner in ((a, b), (b, a)):
        accused_side = (accuser.get("target") or {}).get("side")
        if (
            accuser.get("assertion") == "occupied_by_target"
            and owner.get("assertion") == "owned_by_speaker"
            and accused_side
            and accused_side == _side(owner)
            and not load_lexicons().same_camp(_side(accuser), _side(owner))
            and accuser["article_id"] == owner["article_id"]
            and accuser.get("sentence") == owner.get("sentence")
        ):
            return Relation(
                kind="contradicts",
                reason="opposed_assertion",
                a=accuser["id"],
                b=owner["id"],
                explanation=f"Incompatible assertions about a territory: {(accuser.get('speaker') or {}).get('text')}"
                f" ({_side(accuser)}) says {accused_side} occupies it, while {(owner.get('speaker') or {}).get('text')}"
                f" ({_side(owner)}) says it is its own.",
            )
    return None


def compare_new(new_claims: list[dict[str, Any]], candidates: list[dict[str, Any]]) -> list[Relation]:
    """Relations among a new article's claims, and between them and the stored candidates."""
    relations: dict[tuple[str, str, str], Relation] = {}
    for k, a in enumerate(new_claims):
        for b in new_claims[k + 1 :] + candidates:
            for rel in compare_pair(a, b):
                relations.setdefault((rel.reason, *sorted((rel.a, rel.b))), rel)
    return list(relations.values())
