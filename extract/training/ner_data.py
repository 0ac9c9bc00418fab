"""NER training data: ANERcorp (CAMeL split), AQMAR and NewsFANE, mapped onto PER/LOC/ORG/MISC.

The shipped NER model is trained from scratch on these sets (see train.py).

* ANERcorp, CAMeL Lab's train/test split: the standard test split is the test set; the last 10% of the
  train split's sentences (contiguous) are the dev set that picks the best checkpoint, so the model is
  chosen on news.
* AQMAR (Arabic Wikipedia): whole articles are held out for testing (every seventh article by name,
  starting at the fifth: Crusades, Islamic_Golden_Age, Portugal_football_team, Summer_Olympics2004).
  Its MIS0-MIS3 classes are article-specific ("electron" in Atom, "GNU" in Linux) and unlike
  ANERcorp's MISC (currencies, religions, prizes): training sentences carrying them are left out
  (``AQMAR_MISC="drop"``); the held-out articles are scored with MIS* as MISC, as Stanza does.
* NewsFANE (news, 45 fine-grained ACE-style classes): person classes -> PER, organisation classes
  -> ORG, geo-political and natural locations -> LOC.  ANERcorp leaves facilities (airport, mosque,
  port), groups of people (العرب) and products as O, so those classes become O here too.
* NewsFANE repeats part of ANERcorp's text (its dev and test parts included).  A NewsFANE or AQMAR
  training sentence that shares an ``OVERLAP_N``-gram of tokens (8) with ANERcorp's dev or standard test
  sentences is left out (:func:`drop_overlapping`), so neither the checkpoint choice nor the test scores see
  text the model was trained on.  ANERcorp's own train split is kept whole (the standard split).
* Wojood's public sample has no data licence: it is converted for evaluation only, into a folder the
  trainer never reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

NER_SHORT_NAME = "ar_news"
NER_TYPES = ("PER", "LOC", "ORG", "MISC")
ANERCORP_DIR = Path("anercorp_camel_split")
AQMAR_DIR = Path("aqmar")
NEWSFANE_FILE = Path("newsfane_gold") / "NewsFANE_Gold_2014_170K.txt"
WOJOOD_DIR = Path("wojood_sample")
DEV_FRACTION = 0.1
# Which AQMAR articles are held out: sorted index i with i % 7 == 4 (four of 28, about 15%).
AQMAR_TEST_EVERY, AQMAR_TEST_OFFSET = 7, 4
# A training sentence from another corpus sharing a run of this many tokens with ANERcorp's dev or test
# sentences is left out (the same rule that defines the "unseen" test subset in train.py).
OVERLAP_N = 8

Sentence = list[tuple[str, str]]

NEWSFANE_MAP: dict[str, str] = {
    **dict.fromkeys(
        ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
         "Lawyer", "Engineer", "Police"),
        "PER",
    ),
    **dict.fromkeys(
        ("Government", "Non-Governmental", "Commercial", "Educational", "Media", "Sports", "Religious_ORG",
         "Medical-Science", "Entertainment"),
        "ORG",
    ),
    **dict.fromkeys(
        ("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
         "Water-Body", "Land-Region-Natural", "Celestial"),
        "LOC",
    ),
}  # fmt: skip
# Wojood (evaluation only): the types that correspond to ANERcorp's; the rest are O.
WOJOOD_MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def fix_bio(tags: Sequence[str]) -> list[str]:
    """Turn an I- tag that does not continue an entity of the same type into B-."""
    fixed, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        prev = tag
    return fixed


def read_columns(text: str, sep: str | None = None) -> list[list[list[str]]]:
    """Sentences of ``token<sep>tag...`` rows; a blank (or whitespace-only) line ends a sentence."""
    sentences: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines():
        cols = line.split(sep) if sep else line.split()
        cols = [c for c in cols if c != ""] if sep else cols
        if not cols or not cols[0].strip():
            if current:
                sentences.append(current)
            current = []
            continue
        current.append(cols)
    if current:
        sentences.append(current)
    return sentences


def _tagged(sentence: Iterable[tuple[str, str]]) -> Sentence:
    pairs = list(sentence)
    tags = fix_bio([t for _, t in pairs])
    return [(tok, tag) for (tok, _), tag in zip(pairs, tags, strict=True)]


# --------------------------------------------------------------------------- readers


def _anercorp_tag(tag: str) -> str:
    tag = tag.replace("PERS", "PER")
    return tag if tag == "O" or (tag[:2] in ("B-", "I-") and tag[2:] in NER_TYPES) else "O"


def read_anercorp_split(path: Path) -> list[Sentence]:
    """One file of CAMeL Lab's ANERcorp split (``token tag`` rows, BIO over PERS/LOC/ORG/MISC)."""
    out = []
    for sent in read_columns(path.read_text(encoding="utf-8").replace("\u200f", "")):
        out.append(_tagged((cols[0], _anercorp_tag(cols[-1]) if len(cols) > 1 else "O") for cols in sent))
    return out


def aqmar_tag(tag: str) -> str:
    """AQMAR's tag (with its upstream typos: ``I--ORG``, ``B-MIS1```, ``OO``) as PER/LOC/ORG/MISC BIO."""
    tag = tag.strip().upper()
    if len(tag) < 3 or tag[0] not in "BI" or tag[1] != "-":
        return "O"
    kind = tag[2:].strip("-`")
    if kind.startswith("MIS"):
        return f"{tag[0]}-MISC"
    return f"{tag[0]}-{kind}" if kind in ("PER", "LOC", "ORG") else "O"  # ENGLISH, SPANISH -> O


def read_aqmar_article(path: Path) -> list[Sentence]:
    return [_tagged((c[0], aqmar_tag(c[1]) if len(c) > 1 else "O") for c in s) for s in read_columns(_text(path))]


def aqmar_split(aqmar_dir: Path) -> tuple[list[Path], list[Path]]:
    """AQMAR's articles as (train, held-out test), whole articles on either side."""
    articles = sorted(aqmar_dir.glob("*.txt"))
    test = [a for i, a in enumerate(articles) if i % AQMAR_TEST_EVERY == AQMAR_TEST_OFFSET]
    return [a for a in articles if a not in test], test


def newsfane_tag(tag: str) -> str:
    if tag[:2] not in ("B-", "I-"):
        return "O"
    kind = NEWSFANE_MAP.get(tag[2:])
    return f"{tag[:2]}{kind}" if kind else "O"


def read_newsfane(path: Path) -> list[Sentence]:
    """NewsFANE Gold (BOM, CRLF, U+200E before tokens, ``token<TAB>tag``, a lone tab between sentences)."""
    text = _text(path).replace("\u200e", "")
    out = []
    for sent in read_columns(text, sep="\t"):
        rows = [(c[0].strip(), newsfane_tag(c[1].strip()) if len(c) > 1 else "O") for c in sent if c[0].strip()]
        if rows:
            out.append(_tagged(rows))
    return out


def read_wojood(path: Path) -> list[Sentence]:
    """Wojood sample, first (outermost) tag column only, mapped to PER/LOC/ORG; ``$#$`` joins dropped."""
    out = []
    for sent in read_columns(_text(path)):
        rows = []
        for cols in sent:
            if cols[0] == "$#$":
                continue
            tag = cols[1] if len(cols) > 1 else "O"
            kind = WOJOOD_MAP.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
            rows.append((cols[0], f"{tag[:2]}{kind}" if kind else "O"))
        if rows:
            out.append(_tagged(rows))
    return out


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")


# --------------------------------------------------------------------------- assembling


def token_ngrams(tokens: Sequence[str], n: int = OVERLAP_N) -> set[tuple[str, ...]]:
    """The ``n``-grams of a token sequence (none when it has fewer than ``n`` tokens)."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def drop_overlapping(
    sentences: Sequence[Sentence], held_out: Iterable[Sentence], n: int = OVERLAP_N
) -> tuple[list[Sentence], list[Sentence]]:
    """Split ``sentences`` into (kept, dropped): dropped share an ``n``-gram of tokens with a ``held_out`` one."""
    seen: set[tuple[str, ...]] = set()
    for sent in held_out:
        seen |= token_ngrams([tok for tok, _ in sent], n)
    kept: list[Sentence] = []
    dropped: list[Sentence] = []
    for sent in sentences:
        (dropped if token_ngrams([tok for tok, _ in sent], n) & seen else kept).append(sent)
    return kept, dropped


def has_type(sentence: Sentence, kind: str) -> bool:
    return any(tag[2:] == kind for _, tag in sentence)


def build_ner_sets(
    data_dir: Path, newsfane: bool = True, aqmar: bool = True, aqmar_misc: str = "drop"
) -> dict[str, list[Sentence]]:
    """Training, dev and test sentences (and ``dropped_overlap``, the training sentences left out as copies).

    ``aqmar_misc``: "drop" (sentences with MIS*) or "keep" (as MISC).
    """
    aner_train = read_anercorp_split(data_dir / ANERCORP_DIR / "ANERcorp_train_original.txt")
    cut = len(aner_train) - int(len(aner_train) * DEV_FRACTION)
    dev = aner_train[cut:]
    test = read_anercorp_split(data_dir / ANERCORP_DIR / "ANERcorp_test_original.txt")
    aq_train, aq_test = aqmar_split(data_dir / AQMAR_DIR)
    others: list[Sentence] = []
    if aqmar:
        for article in aq_train:
            for sent in read_aqmar_article(article):
                if aqmar_misc == "keep" or not has_type(sent, "MISC"):
                    others.append(sent)
    if newsfane:
        others.extend(read_newsfane(data_dir / NEWSFANE_FILE))
    # NewsFANE repeats ANERcorp text: keep its (and AQMAR's) copies of dev and test sentences out of training
    others, dropped = drop_overlapping(others, [*dev, *test])
    return {
        "train": [*aner_train[:cut], *others],
        "dev": dev,
        "test": test,
        "test_aqmar": [s for a in aq_test for s in read_aqmar_article(a)],
        "dropped_overlap": dropped,  # left out of training; only counted
    }


def has_ner_corpora(data_dir: Path) -> bool:
    """True when ANERcorp's CAMeL split, AQMAR and NewsFANE are all under ``data_dir``."""
    return all((data_dir / p).exists() for p in (ANERCORP_DIR, AQMAR_DIR, NEWSFANE_FILE))


def write_stanza_json(sentences: Sequence[Sentence], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = [[{"text": tok, "ner": tag} for tok, tag in sent] for sent in sentences]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(data)


def write_ner_data(
    data_dir: Path, ner_dir: Path, eval_dir: Path, short_name: str = NER_SHORT_NAME, **options: object
) -> dict[str, int]:
    """Write ``<short_name>.{train,dev,test}.json`` for Stanza and the extra test sets into ``eval_dir``.

    Returns sentence counts.  Wojood's sample goes to ``eval_dir`` only when present.
    """
    sets = build_ner_sets(data_dir, **options)  # type: ignore[arg-type]
    counts = {}
    for name in ("train", "dev", "test"):
        counts[name] = write_stanza_json(sets[name], ner_dir / f"{short_name}.{name}.json")
    counts["train_dropped_overlap"] = len(sets["dropped_overlap"])
    counts["test_aqmar"] = write_stanza_json(sets["test_aqmar"], eval_dir / "aqmar_test.json")
    wojood = data_dir / WOJOOD_DIR / "test.txt"
    if wojood.is_file():
        counts["eval_wojood"] = write_stanza_json(read_wojood(wojood), eval_dir / "wojood_test.json")
    return counts
