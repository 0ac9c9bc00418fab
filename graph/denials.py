"""Link each denial to the claims it denies: in its own sentence, earlier in its article, or in an earlier article.

A denial is linked, in this order of evidence:
1. a denial that points back («نفت الوزارة هذه الأنباء», «صحة هذا التصريح») denies reports of another side made
   before it in its article: with a singular word the latest one about the denier's side (else the latest one);
   with a plural word the claims of the nearest sentence before it that holds one, and every earlier report of
   another side about the denier's side;
2. otherwise, the claim its ``denies`` span points at (extraction read it), unless that claim is about nothing of
   the denier's side while the denial's own words name claims about it (rule 3): extraction's span may only be the
   report next to it;
3. otherwise, claims of another side about the denier's side that share its content words («لم تسيطر على أي
   دبابات» against «الاستيلاء على أكثر من مائتي دبابة»), else claims of another side in the denial's own sentence
   («باكو تعلن ... ويريفان تنفي», «نفت ... مزاعم الاحتلال باستهداف ...»);
4. otherwise, such a claim in an earlier article (among the stored candidates).
A denial that points back with a plural word («هذه الأنباء», «المزاعم») denies everything that speaker reported in
that sentence. A speaker's second denial in one sentence («... ووصفته بأنه خبر كاذب») denies what its first did.
Every restatement of a denied claim (its same-statement corroborations) is denied as well. The
relation always runs from the denied claim (a) to the denial (b), so the denied claim keeps its own speaker.
"""

from __future__ import annotations

import re
from typing import Any

from claimgraph.graph.compare import _opposed, _side, _speaker, _target, _who, _words, relation
from claimgraph.ontology.claim import Relation
from claimgraph.ontology.text import fold

# Words by which a denial points back at what was reported before it (folded when compared). Plural ones cover
# every claim of the sentence they point at.
_POINTERS_PLURAL = ("الانباء", "الاخبار", "المزاعم", "الادعاءات", "التقارير", "الاتهامات", "التصريحات", "المعلومات")
# Pointers that name the kind of claim they point at: the others reported in that sentence are not denied.
_POINTER_TYPES = {"الاتهامات": "accusation", "الاتهام": "accusation"}
_POINTERS_SINGULAR = ("التصريح", "الخبر", "الكلام", "البيان", "الادعاء", "الاتهام", "النبا", "الرواية", "الزعم")
_DEMONSTRATIVE = re.compile(r"(?:^|\s)(?:هذه|هذا|تلك|ذلك|هاته)\s+(\w+)")
# Words that call what was said false (folded when compared): a denial made of them names nothing of its own.
_FALSITY = ("كاذب", "كاذبة", "كاذبا", "الكاذبة", "غير صحيح", "غير صحيحة", "لا صحة", "لا أساس", "أكاذيب", "الأكاذيب",
            "مفبرك", "مفبركة", "ملفق", "ملفقة", "مختلق", "مختلقة", "عار عن الصحة", "عارية عن الصحة")  # fmt: skip
# Words by which a denial names what was reported rather than a deed of its own, and words for civilians and
# where they live (a denial of targeting them answers a civilian toll), as stems() gives them.
_REPORTED = {"رقم", "ارقام", "حصيل", "عدد", "اعلن", "رواي", "ادعاء", "مزاعم", "تقارير", "انباء"}
_CIVILIAN = {"مدني", "سكني", "اهالي", "سكان", "منازل"}
_CIVILIAN_GROUPS = {"civilians", "people", "women", "children"}
# A denial is linked to a claim it does not point at when they share this many content words (stems).
SHARED_WORDS = 2
_SUFFIXES = ("تين", "تان", "ات", "ين", "ون", "ان", "ه")
_COUNTED = {"casualty", "equipment", "territory", "deployment"}
# Corroborations that make two claims one statement (a denial of one is a denial of the other).
_RESTATEMENTS = {"same_statement", "agreeing_count"}


def _text(denial: dict[str, Any]) -> str:
    """What a denial says: its quote, or from its start to the end of its sentence when the store gave that."""
    return denial.get("context") or denial.get("quote") or ""


def _calls_false(denial: dict[str, Any]) -> bool:
    text = " " + " ".join(fold(denial.get("quote") or "").split()) + " "
    return any(f" {fold(w)} " in text for w in _FALSITY)


def _pointer_noun(denial: dict[str, Any]) -> str | None:
    match = _DEMONSTRATIVE.search(fold(_text(denial)))
    return match.group(1) if match else None


def pointer(denial: dict[str, Any]) -> str | None:
    """'plural' or 'singular' when the denial points back at an earlier report, else None."""
    for match in _DEMONSTRATIVE.finditer(fold(_text(denial))):
        noun = match.group(1)
        if any(noun.endswith(fold(p)) for p in _POINTERS_PLURAL):
            return "plural"
        if any(noun.endswith(fold(p)) for p in _POINTERS_SINGULAR):
            return "singular"
    return None


def _deniable(claim: dict[str, Any], denial: dict[str, Any]) -> bool:
    """A claim a denial can deny: not itself a denial, and said by someone else than the denier's side."""
    if claim.get("type") == "denial" or claim["id"] == denial["id"]:
        return False
    if _side(denial) and _side(claim):
        return _opposed(claim, denial) or (_side(claim) == "MEDIA" and _side(denial) != "MEDIA")
    return _speaker(claim).get("id") != _speaker(denial).get("id")


def _overlaps(span: list[int] | tuple[int, int], other: list[int] | tuple[int, int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def _in_article(denial: dict[str, Any], article: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a denial denies within its own article (rules 1-3)."""
    before = [c for c in article if c["span"][1] <= denial["span"][0] and _deniable(c, denial)]
    if pointer(denial) and before:
        return _pointed_back(denial, before, article)
    sharing = _sharing_words(denial, article)
    denies = denial.get("denies")
    if denies:
        pointed = [c for c in article if _deniable(c, denial) and _overlaps(c["span"], denies)]
        # Extraction's span may be only the report next to the denial, or the first item of a list. The denial's
        # own words decide: the item of the list they name («نفى الجيش إسقاط أي مسيرة» after «دمروا دبابتين
        # وأسقطوا مسيرة»); reports about the denier's side they name elsewhere, over a span about nothing of the
        # denier's («نفت وجود قوات الجيش الأرمني» against «مواقع القوات المسلحة الأرمنية»).
        own = _own_words(denial)
        about = [c for c in article if _deniable(c, denial) and _target(c)[0] == _side(denial)]
        named = [c for c in about if own & stems(c.get("quote") or "")]
        if pointed and named and not any(c in named for c in pointed):
            return _widen(denial, named, article)
        if pointed and not sharing and _says_something_else(denial, pointed, own):
            return []  # «نافيا استهداف أي مواقع مدنية» after a toll: it denies what it names, not the toll before
        if pointed and (not sharing or any(_target(c)[0] == _side(denial) for c in pointed)):
            return _widen(denial, pointed, article)
    return sharing or [c for c in article if c.get("sentence") == denial.get("sentence") and _deniable(c, denial)]


def _pointed_back(
    denial: dict[str, Any], before: list[dict[str, Any]], article: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """What a denial that points back («هذا التصريح», «هذه الأنباء») denies, among the claims before it.

    A singular pointer: the latest report about the denier's own side (what was said of its losses or forces), else
    the latest report. A plural one: the claims of the nearest sentence before it that holds a report (every claim
    their speaker made there), and every earlier report of another side about the denier's side: "these reports"
    are the other camp's reports of its losses, wherever the article gave them."""
    about_denier = [c for c in before if _target(c)[0] == _side(denial) and c.get("type") in _COUNTED]
    if pointer(denial) == "singular":
        return _widen(denial, (about_denier or before)[-1:], article)
    last_sentence = max(c.get("sentence", c["span"])[0] for c in before)
    pointed = _widen(denial, [c for c in before if c.get("sentence", c["span"])[0] == last_sentence], article)
    kind = _pointer_kind(denial)
    return pointed + [c for c in about_denier if c not in pointed and (kind is None or c.get("type") == kind)]


def _own_words(denial: dict[str, Any]) -> set[str]:
    """The stems of what a denial says, to its first comma or full stop (what it denies follows the verb; the next
    clause says something else: «نفى الجيش إسقاط أي مسيرة، مكتفيا بالقول إن دبابة ...»), without its speaker's
    name."""
    text = _text(denial)
    quote_end = len(denial.get("quote") or "") if text.startswith(denial.get("quote") or "") else 0
    cut = re.search(r"[،,.؛;]", text[quote_end:])
    own = text[: quote_end + cut.start()] if cut else text
    return stems(own) - stems(_speaker(denial).get("text") or "")


def _says_something_else(denial: dict[str, Any], pointed: list[dict[str, Any]], own: set[str]) -> bool:
    """A denial that names what it denies (two content words or more after its verb) and shares none of them with
    the claims before its sentence that extraction guessed it denies: it denies something else."""
    earlier = [c for c in pointed if tuple(c.get("sentence") or c["span"]) != tuple(denial.get("sentence") or ())]
    if not earlier or len(earlier) < len(pointed) or pointer(denial) or _calls_false(denial):
        return False
    said = set().union(*(stems(c.get("context") or c.get("quote") or "") for c in earlier))
    named = own - stems(denial.get("cue") or "")
    if named & _REPORTED or (named & _CIVILIAN and any(_target(c)[1] in _CIVILIAN_GROUPS for c in earlier)):
        return False  # «نافية الرقم الذي أعلنه الطرف الآخر»؛ «نافيا استهداف أي مناطق سكنية» after a civilian toll
    return len(named) >= 2 and not named & said


def stems(text: str) -> set[str]:
    """Content words with a plural, dual or feminine ending taken off (دبابات, دبابة → دباب; طائرتين → طائر), to
    match a denial's words with the claim's («لم تسيطر على أي دبابات» against «الاستيلاء على أكثر من مائتي دبابة»)."""
    out = set()
    for word in _words(text):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out


def _sharing_words(denial: dict[str, Any], claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims of another side about the denier's side (its losses, its forces, or an accusation against it) that
    share content words with the denial: what it negates, wherever it stands in the text."""
    words = stems(_text(denial))
    side = _side(denial)
    if not side or len(words) < SHARED_WORDS:
        return []

    def shared(claim: dict[str, Any]) -> int:
        # the claimant named in the denial («أن قوات الدعم السريع لم تسيطر على أي دبابات») counts as one word
        name = stems(_speaker(claim).get("text") or "")
        return len(words & stems(claim.get("quote") or "")) + (1 if name and name <= words else 0)

    return [c for c in claims if _deniable(c, denial) and _target(c)[0] == side and shared(c) >= SHARED_WORDS]


def _pointer_kind(denial: dict[str, Any]) -> str | None:
    """The kind of claim a pointer names («هذه الاتهامات»: accusations), if it names one."""
    noun = _pointer_noun(denial) or ""
    return next((t for word, t in _POINTER_TYPES.items() if noun.endswith(fold(word))), None)


def _widen(denial: dict[str, Any], pointed: list[dict[str, Any]], article: list[dict[str, Any]]) -> list[Any]:
    """A plural pointer («هذه الأنباء») covers every claim the denied speaker made in the sentences pointed at."""
    if pointer(denial) != "plural":
        return pointed
    speakers = {_speaker(c).get("id") for c in pointed}
    sentences = {tuple(c.get("sentence") or c["span"]) for c in pointed}
    kind = _pointer_kind(denial)
    return [
        c
        for c in article
        if tuple(c.get("sentence") or c["span"]) in sentences
        and _speaker(c).get("id") in speakers
        and c.get("type") != "denial"
        and (kind is None or c.get("type") == kind)
    ]


def _in_earlier_articles(denial: dict[str, Any], candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rule 4: a stored claim about the denier's side, by another side, sharing content words with the denial."""
    return _sharing_words(denial, [c for c in candidates if c["article_id"] != denial["article_id"]])


def _denial(denied: dict[str, Any], denial: dict[str, Any]) -> Relation:
    where = "an earlier article" if denied["article_id"] != denial["article_id"] else "the same article"
    return relation(
        "contradicts",
        "denial",
        denied,
        denial,
        f"{_who(denial)} ({_side(denial) or 'no side'}) denies what {_who(denied)} ({_side(denied) or 'no side'}) "
        f"claimed in {where} ({denied.get('article')}).",
        f"{_who(denial, arabic=True)} ينفي ما قاله {_who(denied, arabic=True)} في المقال {denied.get('article')}.",
    )


def link_denials(
    new_claims: list[dict[str, Any]], candidates: list[dict[str, Any]], relations: list[Relation]
) -> list[Relation]:
    """Denial relations for a new article's denials, with every restatement of what they deny.

    Args:
        new_claims: the new article's claims.
        candidates: stored claims of other articles found through the indexes.
        relations: the relations already found among them (their same-statement links are followed).
    """
    article = sorted(new_claims, key=lambda c: c["span"][0])
    by_id = {c["id"]: c for c in [*new_claims, *candidates]}
    restated: dict[str, set[str]] = {}
    for rel in relations:
        if rel.reason in _RESTATEMENTS:
            restated.setdefault(rel.a, set()).add(rel.b)
            restated.setdefault(rel.b, set()).add(rel.a)
    out = []
    said: dict[tuple[Any, Any], list[dict[str, Any]]] = {}  # (sentence, denier) → what it denied there
    for denial in article:
        if denial.get("type") != "denial":
            continue
        # «نفت الوزارة صحة هذا التصريح ووصفته بأنه خبر كاذب»: one speaker's second denial in a sentence that only
        # calls something false is the same act as its first, and denies the same claims («ولم تسقط أي طائرات»
        # after «لم تسيطر على أي دبابات» is a denial of its own).
        key = (tuple(denial.get("sentence") or denial["span"]), _speaker(denial).get("id"))
        denied = (said.get(key) if _calls_false(denial) else None) or (
            _in_article(denial, article) or _in_earlier_articles(denial, candidates)
        )
        if key[1] is not None:
            said.setdefault(key, denied)
        seen: set[str] = set()
        todo = [c["id"] for c in denied]
        while todo:  # the denied claims and, transitively, their restatements
            cid = todo.pop()
            if cid in seen:
                continue
            seen.add(cid)
            todo += restated.get(cid, ())
        for cid in sorted(seen):
            claim = by_id[cid]
            if claim.get("type") != "denial" and claim["id"] != denial["id"]:
                out.append(_denial(claim, denial))
    return out
