"""Compare stored claims: conflicting counts, parts above their whole, agreeing figures, the same statement twice,
revisions and opposed assertions. Denials are linked in graph/denials.py.

Rules hold for any war: two sources conflict when their figures for the same target, measure and period cannot
both hold, whether or not they are enemies (ontology/conflicts.yaml only says which camp each is in, for the
explanation); a part is set against its whole only along the target hierarchy (a side's soldiers ⊂ that side's
dead ⊂ all the dead), never across sides. A new article's claims are compared with each other and with candidates
found through indexed properties, never with the whole graph.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from claimgraph.ontology.claim import Relation
from claimgraph.ontology.conflicts import load_wars
from claimgraph.ontology.text import fold

# How a qualified number reads as an interval of values it allows. "about" allows ±10 %, a figure rounded to its
# first significant digit («نحو 5000»: 4,500-5,500); "dozens" (عشرات) is 20-99, "hundreds" (مئات) 200-999,
# "thousands" (آلاف) 2,000-999,999. Two counts conflict only when their intervals cannot both hold.
ABOUT_TOLERANCE = 0.1
VAGUE = {"dozens": (20.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 999_999.0)}
# Groups of people counted under "people" (all the dead of a side, or of everyone). Anything else (tanks, villages)
# has no whole in the hierarchy.
PEOPLE_GROUPS = {
    "people", "soldiers", "civilians", "separatists", "mercenaries", "fighters", "militants", "militia",
    "commanders", "officers", "pilots", "security_forces", "women", "children",
}  # fmt: skip
# An accusation answered by the other side within this many characters after its sentence: one paragraph.
ANSWER_DISTANCE = 300
# Share of content words two quotes have in common (Dice: shared words over the mean size).
SAME_STATEMENT_OVERLAP = 0.45  # the same speaker
SAME_STATEMENT_OVERLAP_SAME_SIDE = 0.6  # only the speaker's side matches (the ministry, then "Moscow")
_STOP = {fold(w) for w in "في من إلى على عن أن إن إذا كل مع التي الذي هذا هذه ذلك قد لا ما".split()}
# Only the article and what carries it, and a conjunction on a long word: stripping every one-letter proclitic
# would turn بوتين into وتين.
_CLITICS = ("وال", "بال", "لل", "فال", "كال", "ال")
# Measures inside another: the killed and the wounded are part of the losses («خسائر», measure "casualties").
PART_MEASURES = {"killed": "casualties", "wounded": "casualties"}
# A figure introduced as a part of a toll just given («بينهم 24 مدنيا»، «من بين القتلى قائد»، «180 من القتلى»):
# how many of the dead were of one kind, so at least that many of that kind died, and never the whole of anything.
# Words before the figure that open such a part (folded), how far back they reach, and the nouns of a toll.
_PARTITIVE_OPENERS = ("بينهم", "بينها", "منهم", "منها", "من بين", "من بينهم", "من بينها")
PARTITIVE_REACH = 8  # words between the opener and the figure (a list after «بينهم»)
_TOLL_NOUNS = "القتلى|الضحايا|الشهداء|القتلي|المصابين|الجرحى|الجرحي|المفقودين|الاسرى|الاسري"
_PARTITIVE_TOLL = re.compile(r"(?:^|\s)(?:و?من\s+(?:بين\s+)?|و?بين\s+)(?:" + _TOLL_NOUNS + r")(?:\s|$)")
# Items of one list («خسرت 46 ألف جندي و30 ألفا من المليشيات») are counted apart: neither is a part of the other.
LIST_GAP = 3  # characters between one item's end and the next item's «و»


def partitive(claim: dict[str, Any]) -> bool:
    """Whether a figure is given as a part of a toll: the words before it in its sentence (``lead``, set by the store
    from the article's text) open a part («بينهم», «من بين القتلى», «وبين القتلى») no more than PARTITIVE_REACH
    words back, with no comma or full stop in between, or its quote says «N من القتلى»."""
    # only the last words of the lead matter: a long one is cut before folding (comparisons ask for every pair)
    return _partitive_text((claim.get("lead") or "")[-_LEAD_CHARS:], claim.get("quote") or "")


_LEAD_CHARS = 40 * PARTITIVE_REACH
_FOLDED_OPENERS = tuple(f" {fold(opener)} " for opener in _PARTITIVE_OPENERS)


@functools.lru_cache(maxsize=65536)
def _partitive_text(lead: str, quote: str) -> bool:
    words = re.split(r"[,.;:!?]", fold(lead))[-1].split()[-PARTITIVE_REACH:]
    text = " " + " ".join([*words, *fold(quote).split()]) + " "
    if _PARTITIVE_TOLL.search(text):
        return True
    head = " " + " ".join(words) + " "
    return any(opener in head for opener in _FOLDED_OPENERS)


def _list_items(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures of one list: one speaker, one sentence, the second opened by «و» right after the first."""
    if a["article_id"] != b["article_id"] or not _same_speaker(a, b) or a.get("sentence") != b.get("sentence"):
        return False
    first, second = (a, b) if a["span"][0] < b["span"][0] else (b, a)
    return 0 <= second["span"][0] - first["span"][1] <= LIST_GAP and fold(second.get("quote") or "").startswith("و")


def interval(claim: dict[str, Any]) -> tuple[float, float] | None:
    """The values a claim allows, as a closed interval (open bounds are nudged by a fraction). A part of a toll
    («بينهم 24 مدنيا») allows its figure or more: others of that kind may be counted elsewhere."""
    qualifier = claim.get("qualifier") or "exact"
    if qualifier == "exact" and claim.get("value") is not None and partitive(claim):
        return (float(claim["value"]), math.inf)
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


def _period(claim: dict[str, Any]) -> dict[str, Any]:
    return claim.get("period") or {}


def _periods(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """How the days two counts cover meet: "same", "within" (one is a running total, the other a count whose days
    were not read, reported with it: it can only be a part of the total), or None (not comparable).

    When both read dates from their words, the dates must overlap and both be running totals («منذ الأحد»,
    «حتى الآن») or both not. Otherwise they must come from the same article, or from articles of the same date, and
    a running total is never compared with one day's or one attack's count.
    """
    pa, pb = _period(a), _period(b)
    cumulative = bool(pa.get("cumulative")) != bool(pb.get("cumulative"))
    if pa.get("start") and pb.get("start"):
        end_a, end_b = pa.get("end") or pa["start"], pb.get("end") or pb["start"]
        return "same" if not cumulative and pa["start"] <= end_b and pb["start"] <= end_a else None
    if a["article_id"] != b["article_id"] and not (a.get("date") and a.get("date") == b.get("date")):
        return None
    if not cumulative:
        return "same"
    return "within" if (pa.get("start") or pb.get("start")) else None


def _speaker(claim: dict[str, Any]) -> dict[str, Any]:
    return claim.get("speaker") or {}


def _side(claim: dict[str, Any]) -> str | None:
    return _speaker(claim).get("side")


def _who(claim: dict[str, Any], arabic: bool = False) -> str:
    return _speaker(claim).get("text") or ("مصدر غير مسمى" if arabic else "an unattributed report")


def _target(claim: dict[str, Any]) -> tuple[str | None, str | None]:
    target = claim.get("target") or {}
    return target.get("side"), target.get("group")


def _same_speaker(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(_speaker(a).get("id")) and _speaker(a).get("id") == _speaker(b).get("id")


def _opposed(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Speakers on two sides that are not in one camp (a camp is data: ontology/conflicts.yaml)."""
    return bool(_side(a) and _side(b)) and not load_wars().same_camp(_side(a), _side(b))


def _shown(claim: dict[str, Any]) -> str:
    value = claim.get("value") if claim.get("value") is not None else claim.get("qualifier")
    qualifier = claim.get("qualifier") or "exact"
    return str(value) if qualifier in {"exact", *VAGUE} else f"{qualifier.replace('_', ' ')} {value}"


_QUALIFIER_AR = {
    "about": "نحو",
    "more_than": "أكثر من",
    "at_least": "ما لا يقل عن",
    "less_than": "أقل من",
    "at_most": "ما يصل إلى",
    "range": "من",
}
_VAGUE_AR = {"dozens": "العشرات", "hundreds": "المئات", "thousands": "الآلاف"}


def _shown_ar(claim: dict[str, Any]) -> str:
    qualifier = claim.get("qualifier") or "exact"
    if qualifier in _VAGUE_AR:
        return _VAGUE_AR[qualifier]
    value = claim.get("value")
    if qualifier == "range":
        return f"من {value} إلى {claim.get('value_max')}"
    return f"{_QUALIFIER_AR[qualifier]} {value}" if qualifier in _QUALIFIER_AR else str(value)


def _fmt(claim: dict[str, Any]) -> str:
    low_high = interval(claim)
    bounds = "" if low_high is None else f" [{low_high[0]:g}–{low_high[1]:g}]"
    return f"{_who(claim)} ({_side(claim) or 'no side'}): {_shown(claim)}{bounds} in {claim.get('article')}"


def _fmt_ar(claim: dict[str, Any]) -> str:
    return f"{_who(claim, arabic=True)}: {_shown_ar(claim)} (المقال {claim.get('article')})"


def _target_en(claim: dict[str, Any]) -> str:
    side, group = _target(claim)
    return " ".join(x for x in (claim.get("measure"), side, group) if x) or "the same count"


def relation(kind: str, reason: str, a: dict[str, Any], b: dict[str, Any], en: str, ar: str) -> Relation:
    return Relation(kind=kind, reason=reason, a=a["id"], b=b["id"], explanation=en, explanation_ar=ar)


def compare_pair(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    """Every relation that holds between two claims on their own (denials read their article: graph/denials.py)."""
    out: list[Relation] = []
    if a["id"] == b["id"]:
        return out
    if a.get("measure") and a.get("measure") == b.get("measure"):
        periods = _periods(a, b)
        if periods == "same":
            out.extend(_count_relations(a, b))
        elif periods == "within":  # only a part above the running total it belongs to
            total, other = (a, b) if _period(a).get("cumulative") else (b, a)
            out.extend(_exceeds(other, total))
        if periods != "same" and not out and a["article_id"] == b["article_id"]:
            # one article restating a figure, its period read in one place only
            out.extend(_agreement(a, b) if _target(a) == _target(b) else _nested_agreement(a, b))
    elif _nested_measures(a, b) and _periods(a, b) == "same":
        out.extend(_more_than_the_losses(a, b))
    revision = _revision(a, b)
    if revision is not None:
        out.append(revision)
    opposed = _opposed_assertion(a, b)
    if opposed is not None:
        out.append(opposed)
    if _same_statement(a, b):
        out.append(
            relation(
                "corroborates",
                "same_statement",
                a,
                b,
                f"The same statement by {_who(a)} appears in {a.get('article')} and {b.get('article')}: one source "
                "reported twice, not two confirmations.",
                f"التصريح نفسه لـ{_who(a, arabic=True)} ورد في المقالين {a.get('article')} و{b.get('article')}: "
                "مصدر واحد نُقل مرتين، لا تأكيدان مستقلان.",
            )
        )
    return out


def _nested_measures(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return PART_MEASURES.get(a.get("measure") or "") == b.get("measure") or PART_MEASURES.get(
        b.get("measure") or ""
    ) == a.get("measure")


def _more_than_the_losses(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    """Two sources, one counting the killed (or wounded) of a target, the other all the losses of the same target,
    that cannot both hold: more killed than the losses allow («الخسائر لا تتجاوز 4000» against «مقتل نحو 5000»)."""
    part, whole = (a, b) if PART_MEASURES.get(a.get("measure") or "") == b.get("measure") else (b, a)
    i_part, i_whole = interval(part), interval(whole)
    if (
        i_part is None
        or i_whole is None
        or _target(a) != _target(b)
        or _target(a)[1] is None
        or i_part[0] <= i_whole[1]
        or not _two_sources(a, b)
    ):
        return []
    return [
        relation(
            "contradicts",
            "conflicting_count",
            part,
            whole,
            f"Counts that cannot both hold: {_fmt(part)} {part['measure']} is more than all the losses, {_fmt(whole)}.",
            f"رقمان لا يصحّان معًا: {_fmt_ar(part)} أكثر من مجموع الخسائر {_fmt_ar(whole)}.",
        )
    ]


def part_of(part: tuple[str | None, str | None], whole: tuple[str | None, str | None]) -> bool:
    """Whether a target is strictly inside another: a side's soldiers ⊂ that side's dead ⊂ all the dead. Never
    across sides: one side's soldiers are no part of the other side's dead."""
    (p_side, p_group), (w_side, w_group) = part, whole
    if (p_side, p_group) == (w_side, w_group) or p_group not in PEOPLE_GROUPS:
        return False
    if w_side is not None and w_side != p_side:
        return False
    # The whole is a side's dead, or everyone's dead when no side is given: a count of "civilians" without a side
    # is of unknown civilians (a foreign national), not of all of them.
    return w_group == "people"


def _two_sources(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures can conflict: two speakers, each of a known side, and not one article citing two sources
    of one camp (an incident and a running total, not a dispute)."""
    if _same_speaker(a, b) or not _side(a) or not _side(b):
        return False
    return not (a["article_id"] == b["article_id"] and load_wars().same_camp(_side(a), _side(b)))


def _count_relations(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return _agreement(a, b) if _target(a) == _target(b) else []
    for part, whole in ((a, b), (b, a)):
        if part_of(_target(part), _target(whole)):
            return _exceeds(part, whole) or _enemy_count_above_own_dead(part, whole) or _nested_agreement(a, b)
    if _target(a) != _target(b) or _target(a)[1] is None:
        return []
    agreement = _agreement(a, b)
    if agreement:
        return agreement
    if ia[1] < ib[0] or ib[1] < ia[0]:
        # Two different sources: the same speaker's other figure is a part, an increment or a revision, and one
        # article citing two figures of one camp is telling how the count moved or what each covered (one
        # incident, the week's total), not setting them against each other.
        if not _two_sources(a, b):
            return []
        camps = "opposing camps" if _opposed(a, b) else "sources of one camp"
        camps_ar = "طرفان متحاربان" if _opposed(a, b) else "مصدران من معسكر واحد"
        return [
            relation(
                "contradicts",
                "conflicting_count",
                a,
                b,
                f"Counts that cannot both hold ({camps}): {_fmt(a)} versus {_fmt(b)}.",
                f"رقمان لا يصحّان معًا ({camps_ar}): {_fmt_ar(a)} مقابل {_fmt_ar(b)}.",
            )
        ]
    return []


def _enemy_count_above_own_dead(part: dict[str, Any], whole: dict[str, Any]) -> list[Relation]:
    """One side's count of the soldiers it killed above the other side's own count of all its dead («قتلنا 112
    جنديا» against «لم تتجاوز خسائرنا 17 قتيلا»): not a part above its whole (the figures come from enemies), but
    two counts of the same dead that cannot both hold."""
    i_part, i_whole = interval(part), interval(whole)
    if (
        i_part is None
        or i_whole is None
        or not _opposed(part, whole)
        or _target(whole)[0] != _side(whole)  # the whole is the other side's count of its own dead
        or partitive(part)
        or partitive(whole)
        or i_part[0] <= i_whole[1]
    ):
        return []
    return [
        relation(
            "contradicts",
            "conflicting_count",
            part,
            whole,
            f"Counts that cannot both hold (opposing camps): {_fmt(part)} against the side's own count of all its "
            f"dead, {_fmt(whole)}.",
            f"رقمان لا يصحّان معًا (طرفان متحاربان): {_fmt_ar(part)} مقابل حصيلة الطرف نفسه لكل قتلاه {_fmt_ar(whole)}.",
        )
    ]


def _exceeds(part: dict[str, Any], whole: dict[str, Any]) -> list[Relation]:
    """A part above its whole. One side's count of its enemy's dead is no part of the other side's count of its own
    dead: a part and its whole are set against each other only within one camp (or against an unattributed toll)."""
    i_part, i_whole = interval(part), interval(whole)
    if (
        i_part is None
        or i_whole is None
        or not part_of(_target(part), _target(whole))
        or i_part[0] <= i_whole[1]
        or _opposed(part, whole)
        or partitive(whole)
        or _list_items(part, whole)
        # a part given as «بينهم» belongs to the toll it follows, in its own sentence
        or (
            partitive(part)
            and part["article_id"] == whole["article_id"]
            and part.get("sentence") != whole.get("sentence")
        )
    ):
        return []
    return [
        relation(
            "contradicts",
            "exceeds_total",
            part,
            whole,
            f"A part exceeds the reported total: {_fmt(part)} is more than the whole, {_fmt(whole)}, for the same "
            "period.",
            f"جزء يفوق المجموع المعلن: {_fmt_ar(part)} أكثر من المجموع {_fmt_ar(whole)} للفترة نفسها.",
        )
    ]


def _figures_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same figure: equal values and qualifiers, or a rounded «about N» that holds the other's exact N."""
    qa, qb = a.get("qualifier") or "exact", b.get("qualifier") or "exact"
    if a.get("value") is None or b.get("value") is None:
        # Figures without a number: only one article restating them, by the same speaker, or by one side when both
        # give the same share («half of its commanders» from the minister, then from his ministry).
        if a.get("value") is not None or b.get("value") is not None or qa != qb or a["article_id"] != b["article_id"]:
            return False
        share = a.get("fraction")
        if share != b.get("fraction"):
            return False
        return _same_speaker(a, b) or (share is not None and _side(a) is not None and _side(a) == _side(b))
    if a["value"] == b["value"] and qa == qb:
        return True
    for rounded, exact in ((a, b), (b, a)):
        if (rounded.get("qualifier") == "about" and (exact.get("qualifier") or "exact") == "exact") or (
            (rounded.get("qualifier") or "exact") == "exact" and rounded["value"] % 1000 == 0 and exact["value"] > 1000
        ):
            low, high = interval({**rounded, "qualifier": "about"}) or (0, 0)
            if low <= exact["value"] <= high:
                return True
    return False


def _agreement(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    """Two reports of one figure for one target: the same statement (one speaker, or one side's institutions), or
    two sides agreeing. A single item (one drone, one building) is too common a figure to join two reports on
    unless they are in one article and share a word beyond the number."""
    if not _figures_agree(a, b):
        return []
    if a.get("value") == 1 and (
        a["article_id"] != b["article_id"] or not _words(a.get("quote") or "") & _words(b.get("quote") or "")
    ):
        return []
    if _same_speaker(a, b) or (_side(a) and load_wars().same_camp(_side(a), _side(b))):
        return [
            relation(
                "corroborates",
                "same_statement",
                a,
                b,
                f"The same figure from {_who(a)}'s side, {_shown(a)} {_target_en(a)}, reported twice "
                f"({a.get('article')}, {b.get('article')}): one source, not two confirmations.",
                f"الرقم نفسه ({_shown_ar(a)}) من جهة {_who(a, arabic=True)} ورد مرتين: مصدر واحد لا تأكيدان مستقلان.",
            )
        ]
    if not _side(a) or not _side(b):
        return []
    return [
        relation(
            "corroborates",
            "agreeing_count",
            a,
            b,
            f"Two sources give the same figure: {_fmt(a)} and {_fmt(b)}.",
            f"مصدران يذكران الرقم نفسه: {_fmt_ar(a)} و{_fmt_ar(b)}.",
        )
    ]


def _nested_agreement(a: dict[str, Any], b: dict[str, Any]) -> list[Relation]:
    """One speaker's figure given once for a side's dead and once for its soldiers: the same statement."""
    (sa, ga), (sb, gb) = _target(a), _target(b)
    if not _same_speaker(a, b) or sa != sb or ga not in PEOPLE_GROUPS or gb not in PEOPLE_GROUPS:
        return []
    return _agreement(a, b)


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
    needed = SAME_STATEMENT_OVERLAP if _same_speaker(a, b) else SAME_STATEMENT_OVERLAP_SAME_SIDE
    return 2 * len(wa & wb) / (len(wa) + len(wb)) >= needed


def _revision(a: dict[str, Any], b: dict[str, Any]) -> Relation | None:
    """The same speaker giving a new figure for the same measure and target on a later date: a timeline entry
    (120 → 150 → 170), never a contradiction."""
    if (
        not _same_speaker(a, b)
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
    return relation(
        "revises",
        "revision",
        later,
        earlier,
        f"{_who(later)} updated its own figure for {a['measure']} ({side or 'any side'} {group or ''}): "
        f"{earlier['value']} on {earlier['date']} → {later['value']} on {later['date']}. A revision over time, not a "
        "contradiction.",
        f"حدّث {_who(later, arabic=True)} رقمه: {earlier['value']} في {earlier['date']} ثم {later['value']} في "
        f"{later['date']}، وهذا تحديث عبر الزمن لا تناقض.",
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
            and _opposed(accuser, owner)
            and accuser["article_id"] == owner["article_id"]
            and accuser.get("sentence") == owner.get("sentence")
        ):
            return relation(
                "contradicts",
                "opposed_assertion",
                accuser,
                owner,
                f"Incompatible assertions about a territory: {_who(accuser)} ({_side(accuser)}) says {accused_side} "
                f"occupies it, while {_who(owner)} ({_side(owner)}) says it is its own.",
                f"تأكيدان متعارضان بشأن أرض: يقول {_who(accuser, arabic=True)} إن {accused_side} يحتلها، ويقول "
                f"{_who(owner, arabic=True)} إنها أرضه.",
            )
    return None


def mutual_accusations(claims: list[dict[str, Any]]) -> list[Relation]:
    """Each side blaming the other in one article («the other side fired first»): an accusation pairs with the
    nearest accusation going the other way, when each is the other's nearest and the answer follows within a
    paragraph (a third accusation on another matter, or one pages later, is left alone)."""
    accusations = sorted((c for c in claims if c.get("type") == "accusation" and _side(c)), key=lambda c: c["span"][0])

    def answers(x: dict[str, Any], y: dict[str, Any]) -> bool:
        first, second = (x, y) if x["span"][0] < y["span"][0] else (y, x)
        gap = (second.get("sentence") or second["span"])[0] - (first.get("sentence") or first["span"])[1]
        return (
            x["article_id"] == y["article_id"]
            and gap <= ANSWER_DISTANCE
            and _opposed(x, y)
            and _target(x)[0] == _side(y)
            and _target(y)[0] == _side(x)
        )

    def nearest(x: dict[str, Any]) -> dict[str, Any] | None:
        others = [y for y in accusations if y is not x and answers(x, y)]
        return min(others, key=lambda y: abs(y["span"][0] - x["span"][0]), default=None)

    out = []
    for x in accusations:
        y = nearest(x)
        if y is not None and nearest(y) is x and x["span"][0] < y["span"][0]:
            out.append(
                relation(
                    "contradicts",
                    "opposed_assertion",
                    x,
                    y,
                    f"Each side blames the other: {_who(x)} ({_side(x)}) accuses {_side(y)}, and {_who(y)} "
                    f"({_side(y)}) accuses {_side(x)}.",
                    f"كل طرف يحمّل الآخر المسؤولية: {_who(x, arabic=True)} يتهم {_side(y)}، و{_who(y, arabic=True)} "
                    f"يتهم {_side(x)}.",
                )
            )
    return out


def compare_new(new_claims: list[dict[str, Any]], candidates: list[dict[str, Any]]) -> list[Relation]:
    """Relations among a new article's claims, and between them and the stored candidates."""
    from claimgraph.graph.denials import link_denials

    relations: dict[tuple[str, str, str], Relation] = {}

    def add(rel: Relation) -> None:
        first, second = sorted((rel.a, rel.b))
        relations.setdefault((rel.reason, first, second), rel)

    for k, a in enumerate(new_claims):
        for b in new_claims[k + 1 :] + candidates:
            for rel in compare_pair(a, b):
                add(rel)
    for rel in mutual_accusations(new_claims):
        add(rel)
    for rel in link_denials(new_claims, candidates, list(relations.values())):
        add(rel)
    return list(relations.values())
