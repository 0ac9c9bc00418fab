"""Data preparation for training the Arabic Stanza models.

Everything here is deterministic given the seed:

* UD Arabic-PUD (one file of 1,000 sentences) is shuffled with a seeded RNG and split 800/100/100.
* PUD writes clitics (و ل ب ف ها ...) as separate words glued with ``SpaceAfter=No`` and has no
  multi-word tokens.  Runs of such words are regrouped into multi-word-token lines, as PADT does, so
  the tokenizer learns whole written words and the ``mwt`` processor learns to split them.
* Document breaks are kept every five sentences only, so the tokenizer sees multi-sentence paragraphs.
* The split is written as a UD-style folder (``UD_Arabic-PUD/ar_pud-ud-{train,dev,test}.conllu``)
  for Stanza's ``prepare_*_treebank`` scripts.
* Word vectors are trained with gensim word2vec (seeded, one worker) on PUD train+dev words, ANERcorp
  tokens and the seed articles, then converted to a Stanza pretrain ``.pt``.
* ANERcorp (the 2007 spreadsheet) is converted to Stanza's NER json (contiguous 80/10/10 split, sentences
  cut after sentence-final punctuation): the data of the earlier ANERcorp-only NER model, still used when the
  news corpora below are missing.
* The NER training data (ANERcorp's CAMeL split, AQMAR, NewsFANE) is written by
  :mod:`claimgraph.extract.training.ner_data`; NER gets its own word vectors, trained the same way on PUD
  train+dev, that NER training text (never its dev or test sentences) and the seed articles.
"""

from __future__ import annotations

import json
import logging
import random
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimgraph.extract.training.ner_data import NER_SHORT_NAME as NEWS_SHORT_NAME
from claimgraph.extract.training.ner_data import has_ner_corpora, write_ner_data

logger = logging.getLogger(__name__)

TREEBANK = "UD_Arabic-PUD"
SHORT_NAME = "ar_pud"
NER_SHORT_NAME = "ar_anercorp"
PUD_FILE = Path("ud_arabic_pud") / "ar_pud-ud-test.conllu"
ANERCORP_FILE = Path("anercorp") / "ANERCorp.xlsx"
SPLIT_SIZES = (800, 100, 100)
# PUD marks every sentence as its own document, so a tokenizer trained on it only ends sentences at paragraph
# ends.  Keeping a document break every few sentences gives it multi-sentence paragraphs to learn from.
PARAGRAPH_SENTENCES = 5
SENTENCE_END = frozenset({".", "!", "?", "؟", "…"})
MAX_NER_SENTENCE = 120
NER_TYPES = ("PER", "LOC", "ORG", "MISC")
# Misspelled ANERcorp tags seen in the spreadsheet, mapped to what they were meant to be.
_TAG_FIXES = {"B-ERS": "B-PER", "I-PRG": "I-ORG", "B-ORF": "B-ORG", "IPERS": "I-PER"}
_SEED_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel


@dataclass(frozen=True)
class PreparedData:
    """Paths produced by :func:`prepare_all`."""

    udbase: Path
    data_root: Path
    train_conllu: Path
    dev_conllu: Path
    test_conllu: Path
    pretrain_pt: Path
    ner_dir: Path
    ner_eval_dir: Path
    stats: dict[str, object]
    # NER's own word vectors (None without the news corpora: NER then uses ``pretrain_pt``)
    ner_pretrain_pt: Path | None = None


# --------------------------------------------------------------------------- CoNLL-U helpers


def read_conllu_blocks(path: Path) -> list[list[str]]:
    """Read a CoNLL-U file as a list of sentences, each a list of its lines (comments included)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _misc_without_space_after(misc: str) -> str:
    parts = [p for p in misc.split("|") if p and p != "_" and p != "SpaceAfter=No"]
    return "|".join(parts) if parts else "_"


def _is_word_form(form: str) -> bool:
    return bool(form) and all(ch.isalnum() for ch in form)


def _joinable(left: list[str], right: list[str]) -> bool:
    """True if two adjacent PUD words form one written word (clitic attached without a space)."""
    return (
        "SpaceAfter=No" in left[9].split("|")
        and left[3] not in ("PUNCT", "SYM")
        and right[3] not in ("PUNCT", "SYM")
        and _is_word_form(left[1])
        and _is_word_form(right[1])
    )


def regroup_clitics(block: list[str]) -> list[str]:
    """Turn runs of words joined by ``SpaceAfter=No`` into multi-word tokens (PADT style).

    The word lines are kept unchanged except that ``SpaceAfter=No`` moves to the new range line
    when the last word of the group carried it.
    """
    comments = [line for line in block if line.startswith("#")]
    words = [line.split("\t") for line in block if not line.startswith("#")]
    if any("-" in w[0] or "." in w[0] for w in words):
        return list(block)  # already has MWTs or empty nodes: leave as is
    out = list(comments)
    i = 0
    while i < len(words):
        j = i
        while j + 1 < len(words) and _joinable(words[j], words[j + 1]):
            j += 1
        if j == i:
            out.append("\t".join(words[i]))
        else:
            group = words[i : j + 1]
            surface = "".join(w[1] for w in group)
            last_no_space = "SpaceAfter=No" in group[-1][9].split("|")
            misc = "SpaceAfter=No" if last_no_space else "_"
            out.append("\t".join([f"{group[0][0]}-{group[-1][0]}", surface] + ["_"] * 7 + [misc]))
            for w in group:
                out.append("\t".join(w[:9] + [_misc_without_space_after(w[9])]))
        i = j + 1
    return out


def write_conllu(blocks: Iterable[list[str]], path: Path) -> int:
    """Write sentence blocks to ``path``; return the number of sentences written."""
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for block in blocks:
            f.write("\n".join(block) + "\n\n")
            n += 1
    return n


def block_words(block: list[str]) -> list[str]:
    """Syntactic word forms of one sentence (range lines skipped)."""
    forms = []
    for line in block:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0].isdigit():
            forms.append(cols[1])
    return forms


def block_text(block: list[str]) -> str:
    """The ``# text =`` of a sentence block."""
    for line in block:
        if line.startswith("# text ="):
            return line[len("# text =") :].strip()
    raise ValueError("sentence without '# text ='")


def _paragraph_breaks(block: list[str], position: int) -> list[str]:
    """Keep ``# newdoc``/``# newpar`` only on every PARAGRAPH_SENTENCES-th sentence of a split."""
    if position % PARAGRAPH_SENTENCES == 0:
        return block
    return [line for line in block if not line.startswith(("# newdoc", "# newpar"))]


def split_pud(pud_file: Path, udbase: Path, seed: int) -> dict[str, Path]:
    """Shuffle PUD with ``seed``, split 800/100/100, regroup clitics, write a UD-style folder."""
    blocks = read_conllu_blocks(pud_file)
    if len(blocks) < sum(SPLIT_SIZES):
        raise ValueError(f"{pud_file} has {len(blocks)} sentences, expected {sum(SPLIT_SIZES)}")
    order = list(range(len(blocks)))
    random.Random(seed).shuffle(order)
    n_train, n_dev, _ = SPLIT_SIZES
    parts = {
        "train": order[:n_train],
        "dev": order[n_train : n_train + n_dev],
        "test": order[n_train + n_dev :],
    }
    folder = udbase / TREEBANK
    paths: dict[str, Path] = {}
    for name, idx in parts.items():
        path = folder / f"{SHORT_NAME}-ud-{name}.conllu"
        sentences = (_paragraph_breaks(regroup_clitics(blocks[i]), n) for n, i in enumerate(idx))
        write_conllu(sentences, path)
        paths[name] = path
    return paths


# --------------------------------------------------------------------------- ANERcorp


def read_anercorp(xlsx: Path) -> list[tuple[str, str]]:
    """Read ANERcorp token/tag rows, cleaning the few malformed rows of the spreadsheet."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx, read_only=True)
    ws = wb[wb.sheetnames[0]]
    rows: list[tuple[str, str]] = []
    for row in ws.iter_rows(values_only=True):
        token, tag = (row + (None, None))[:2]
        if isinstance(token, float) and token.is_integer():
            token = int(token)
        token = "" if token is None else str(token).replace("\u200f", "").strip()
        tag = "" if tag is None else str(tag).replace("\u200f", "").strip()
        if not tag and token.upper() == "O":
            continue  # rows holding only a stray tag and no token
        if tag and not tag.upper().startswith(("B-", "I-", "O")) and token.upper().startswith(("B-", "I-")):
            token, tag = tag, token  # swapped columns
        if not token:
            continue
        rows.append((token, _normalise_tag(tag)))
    wb.close()
    return rows


def _normalise_tag(tag: str) -> str:
    tag = _TAG_FIXES.get(tag, tag).upper()
    tag = tag.replace("PERS", "PER")
    if tag in {"", "O"} or len(tag) < 3 or tag[1] != "-":
        return "O"
    prefix, kind = tag[0], tag[2:]
    if prefix not in "BI" or kind not in NER_TYPES:
        return "O"
    return f"{prefix}-{kind}"


def _fix_bio(tags: list[str]) -> list[str]:
    """Turn an I- tag not continuing an entity of the same type into B-."""
    fixed = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        prev = tag
    return fixed


def sentences_from_tokens(rows: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Cut a token stream into sentences after sentence-final punctuation (and at a length cap)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for token, tag in rows:
        current.append((token, tag))
        at_end = token in SENTENCE_END
        too_long = len(current) >= MAX_NER_SENTENCE and tag == "O"
        if at_end or too_long:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def write_ner_json(xlsx: Path, ner_dir: Path) -> dict[str, int]:
    """Convert ANERcorp to Stanza NER json files (contiguous 80/10/10); return sentence counts."""
    sentences = sentences_from_tokens(read_anercorp(xlsx))
    n = len(sentences)
    cut1, cut2 = int(n * 0.8), int(n * 0.9)
    parts = {"train": sentences[:cut1], "dev": sentences[cut1:cut2], "test": sentences[cut2:]}
    ner_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, sents in parts.items():
        data = []
        for sent in sents:
            tags = _fix_bio([t for _, t in sent])
            data.append([{"text": tok, "ner": tag} for (tok, _), tag in zip(sent, tags, strict=True)])
        path = ner_dir / f"{NER_SHORT_NAME}.{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        counts[name] = len(data)
    return counts


# --------------------------------------------------------------------------- word vectors


def normalise_for_vectors(token: str) -> str:
    """Strip diacritics and tatweel; Stanza's pretrain lookup is exact, so keep everything else."""
    return _DIACRITICS.sub("", token)


def seed_sentences(seeds_dir: Path) -> Iterator[list[str]]:
    """Tokenise the seed articles roughly (words and single punctuation marks), one line per sentence."""
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").replace("\u00a0", " ").splitlines():
            tokens = _SEED_TOKEN.findall(line)
            if tokens:
                yield tokens


def vector_corpus(
    pud_blocks: Sequence[list[str]], ner_rows: Sequence[tuple[str, str]], seeds_dir: Path | None
) -> list[list[str]]:
    """Sentences for word2vec: PUD words and written tokens, ANERcorp tokens, seed tokens."""
    corpus: list[list[str]] = []
    for block in pud_blocks:
        corpus.append(block_words(block))
        corpus.append(block_text(block).split())
    for sent in sentences_from_tokens(ner_rows):
        corpus.append([tok for tok, _ in sent])
    if seeds_dir is not None and seeds_dir.is_dir():
        corpus.extend(seed_sentences(seeds_dir))
    return [[normalise_for_vectors(t) for t in sent] for sent in corpus if sent]


def ner_vector_corpus(pud_blocks: Sequence[list[str]], ner_train_json: Path, seeds_dir: Path | None) -> list[list[str]]:
    """Sentences for NER's word vectors: PUD words and written tokens, the NER training sentences, seeds."""
    corpus: list[list[str]] = []
    for block in pud_blocks:
        corpus.append(block_words(block))
        corpus.append(block_text(block).split())
    for sent in json.loads(ner_train_json.read_text(encoding="utf-8")):
        corpus.append([tok["text"] for tok in sent])
    if seeds_dir is not None and seeds_dir.is_dir():
        corpus.extend(seed_sentences(seeds_dir))
    return [[normalise_for_vectors(t) for t in sent] for sent in corpus if sent]


def _stable_hash(text: str) -> int:
    """Process-independent string hash for gensim (Python's ``hash`` is salted per process)."""
    return zlib.crc32(text.encode("utf-8"))


def train_word_vectors(
    corpus: list[list[str]],
    pretrain_pt: Path,
    seed: int,
    dim: int = 100,
    min_count: int = 2,
    epochs: int = 10,
) -> dict[str, int]:
    """Train word2vec with gensim (seeded, one worker) and save it as a Stanza pretrain ``.pt``."""
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    model = Word2Vec(
        sentences=corpus,
        vector_size=dim,
        window=5,
        min_count=min_count,
        sg=1,
        epochs=epochs,
        seed=seed,
        workers=1,
        hashfxn=_stable_hash,
    )
    txt = pretrain_pt.with_suffix(".txt")
    pretrain_pt.parent.mkdir(parents=True, exist_ok=True)
    model.wv.save_word2vec_format(str(txt), binary=False)
    if pretrain_pt.exists():
        pretrain_pt.unlink()
    pretrain = Pretrain(str(pretrain_pt), str(txt))
    pretrain.load()  # converts the text vectors and writes pretrain_pt
    if not pretrain_pt.exists():
        raise RuntimeError(f"Stanza did not write {pretrain_pt}")
    txt.unlink()
    return {"vocab": len(model.wv), "dim": dim, "sentences": len(corpus)}


# --------------------------------------------------------------------------- all together


def prepare_all(
    data_dir: Path, work_dir: Path, seed: int = 1234, seeds_dir: Path | None = None, ner_vectors: bool = True
) -> PreparedData:
    """Prepare the PUD split, the UD folder, the NER json and the word vectors under ``work_dir``.

    With ``ner_vectors`` and the news corpora present, NER's own word vectors are trained too.

    Stanza's own ``prepare_*_treebank`` scripts are run afterwards by the training module, reading
    ``udbase`` and writing into ``data_root``.
    """
    udbase = work_dir / "udbase"
    data_root = work_dir / "data"
    ner_dir = data_root / "ner"
    splits = split_pud(data_dir / PUD_FILE, udbase, seed)
    ner_counts = write_ner_json(data_dir / ANERCORP_FILE, ner_dir)
    ner_eval_dir = work_dir / "ner_eval"
    # ANERcorp's standard split, AQMAR and NewsFANE: the NER training, dev and test sets.
    news_counts = write_ner_data(data_dir, ner_dir, ner_eval_dir) if has_ner_corpora(data_dir) else {}
    # Word vectors use unlabelled text only, and never the PUD test sentences.
    pud_blocks = read_conllu_blocks(splits["train"]) + read_conllu_blocks(splits["dev"])
    corpus = vector_corpus(pud_blocks, read_anercorp(data_dir / ANERCORP_FILE), seeds_dir)
    pretrain_pt = work_dir / "pretrain" / "ar_claimgraph.pt"
    vec_stats = train_word_vectors(corpus, pretrain_pt, seed)
    stats: dict[str, object] = {"pud_split": dict(zip(("train", "dev", "test"), SPLIT_SIZES, strict=True))}
    stats["ner_anercorp_sentences"] = ner_counts
    stats["ner_sentences"] = news_counts or ner_counts  # the data of the NER model trained
    stats["word_vectors"] = vec_stats
    ner_pretrain_pt = None
    if news_counts and ner_vectors:
        ner_pretrain_pt = work_dir / "pretrain" / "ar_claimgraph_ner.pt"
        ner_corpus = ner_vector_corpus(pud_blocks, ner_dir / f"{NEWS_SHORT_NAME}.train.json", seeds_dir)
        stats["ner_word_vectors"] = train_word_vectors(ner_corpus, ner_pretrain_pt, seed)
    logger.info("prepared data: %s", stats)
    return PreparedData(
        udbase=udbase,
        data_root=data_root,
        train_conllu=splits["train"],
        dev_conllu=splits["dev"],
        test_conllu=splits["test"],
        pretrain_pt=pretrain_pt,
        ner_pretrain_pt=ner_pretrain_pt,
        ner_dir=ner_dir,
        ner_eval_dir=ner_eval_dir,
        stats=stats,
    )
