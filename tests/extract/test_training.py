"""`claimgraph train-models` reproduces a shipped model from ../shared/data (the small mwt expander, a few minutes).

The NER data tests only read and map the corpora: no NER model is trained in CI.
"""

from __future__ import annotations

import json

import pytest
from claimgraph.extract.training import ner_data

from claimgraph.cli import main
from tests.conftest import SHARED

DATA = SHARED / "data"


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "ud_arabic_pud").is_dir(), reason="../shared/data is not beside the repository")
def test_train_models_mwt_reproduces_a_loadable_model(tmp_path, capsys) -> None:
    out, work = tmp_path / "models", tmp_path / "work"
    code = main(
        ["train-models", "--data", str(DATA), "--out", str(out), "--work-dir", str(work), "--processors", "mwt"]
    )
    assert code == 0
    scores = json.loads((out / "scores.json").read_text())
    assert scores["test"]["mwt"]["Words"] > 95
    import torch

    state = torch.load(out / "mwt.pt", map_location="cpu", weights_only=False)
    assert "optimizer" not in state, "shipped weights carry no optimizer state"


# --------------------------------------------------------------------------- NER data (no training)


def test_aqmar_tags_keep_upstream_typos_apart_from_their_type() -> None:
    assert [ner_data.aqmar_tag(t) for t in ("B-MIS1`", "B-MISS1", "I--ORG", "OO", "IO", "B-ENGLISH", "I-PER")] == [
        "B-MISC",
        "B-MISC",
        "I-ORG",
        "O",
        "O",
        "O",
        "I-PER",
    ]


def test_newsfane_reader_strips_bom_crlf_and_marks_and_maps_fine_types(tmp_path) -> None:
    raw = (
        "\ufeff\u200eقال\tO\r\n\u200eاوباما\tB-Politician\r\n\u200eفي\tO\r\n\u200eمطار\tB-Airport\r\n"
        "\u200eبغداد\tI-Airport\r\n\t\r\n\u200eالعرب\tB-Group\r\n\u200eو\tO\r\n\u200eوزارة\tB-Government\r\n"
        "\u200eالدفاع\tI-Government\r\n\u200eلبنان\tB-Nation\r\n"
    )
    path = tmp_path / "nf.txt"
    path.write_bytes(raw.encode("utf-8"))
    sents = ner_data.read_newsfane(path)
    assert sents == [
        [("قال", "O"), ("اوباما", "B-PER"), ("في", "O"), ("مطار", "O"), ("بغداد", "O")],
        [("العرب", "O"), ("و", "O"), ("وزارة", "B-ORG"), ("الدفاع", "I-ORG"), ("لبنان", "B-LOC")],
    ]


def test_fix_bio_starts_an_entity_at_a_stray_inside_tag() -> None:
    assert ner_data.fix_bio(["O", "I-LOC", "I-LOC", "I-PER", "B-ORG", "I-ORG"]) == [
        "O",
        "B-LOC",
        "I-LOC",
        "B-PER",
        "B-ORG",
        "I-ORG",
    ]


def test_training_sentences_sharing_an_8_gram_with_held_out_text_are_dropped() -> None:
    def sent(text: str) -> ner_data.Sentence:
        return [(t, "B-LOC" if t == "x" else "O") for t in text.split()]

    held_out = [sent("a b c d e f g h i j"), sent("s t")]
    train = [
        sent("z a b c d e f g h"),  # shares the 8-gram a..h
        sent("b c d e f g h i j z"),  # shares b..i and c..j, whatever the tags
        sent("a b c d e f g x i"),  # 7 tokens in common at most: kept
        sent("s t"),  # shorter than 8 tokens: never dropped
        sent("j i h g f e d c b a"),  # the same tokens in another order: kept
    ]
    kept, dropped = ner_data.drop_overlapping(train, held_out)
    assert kept == [train[2], train[3], train[4]]
    assert dropped == [train[0], train[1]]
    assert ner_data.drop_overlapping(train, held_out, n=2)[0] == [train[4]]


@pytest.mark.skipif(not (DATA / "aqmar").is_dir(), reason="../shared/data is not beside the repository")
def test_ner_sets_hold_out_whole_test_articles_and_never_read_wojood() -> None:
    sets = ner_data.build_ner_sets(DATA)
    train, aq_test = ner_data.aqmar_split(DATA / "aqmar")
    assert len(aq_test) == 4 and not set(train) & set(aq_test)
    assert len(sets["test"]) == 834, "CAMeL Lab's ANERcorp test split"
    train_text = {" ".join(t for t, _ in s) for s in sets["train"]}
    test_text = {" ".join(t for t, _ in s) for s in sets["test_aqmar"]}
    assert not train_text & test_text - {""}
    wojood = {" ".join(t for t, _ in s) for s in ner_data.read_wojood(DATA / "wojood_sample" / "train.txt")}
    assert len(train_text & wojood) < 5, "Wojood's sample is evaluation only"
    tags = {t for s in sets["train"] for _, t in s}
    assert tags <= {"O"} | {f"{p}-{k}" for p in "BI" for k in ner_data.NER_TYPES}
    assert sets["dropped_overlap"], "NewsFANE repeats some of ANERcorp's dev and test text"
    aner = ner_data.read_anercorp_split(DATA / ner_data.ANERCORP_DIR / "ANERcorp_train_original.txt")
    others = sets["train"][len(aner) - len(sets["dev"]) :]  # AQMAR and NewsFANE follow ANERcorp's train part
    assert not ner_data.drop_overlapping(others, [*sets["dev"], *sets["test"]])[1]


def test_ner_reads_its_own_word_vectors_when_shipped(tmp_path) -> None:
    from claimgraph.extract.nlp import own_model_set
    from claimgraph.extract.training.train import pipeline_kwargs

    for name in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner", "pretrain"):
        (tmp_path / f"{name}.pt").write_bytes(b"")
    assert pipeline_kwargs(tmp_path, tmp_path / "res")["ner_pretrain_path"] == str(tmp_path / "pretrain.pt")
    assert own_model_set(tmp_path).kwargs["ner_pretrain_path"] == str(tmp_path / "pretrain.pt")
    (tmp_path / "ner_pretrain.pt").write_bytes(b"")
    kwargs = pipeline_kwargs(tmp_path, tmp_path / "res")
    assert kwargs["ner_pretrain_path"] == str(tmp_path / "ner_pretrain.pt")
    assert kwargs["pos_pretrain_path"] == kwargs["depparse_pretrain_path"] == str(tmp_path / "pretrain.pt")
    assert own_model_set(tmp_path).kwargs["ner_pretrain_path"] == str(tmp_path / "ner_pretrain.pt")


def test_unseen_sentences_share_no_8_gram_with_training(tmp_path) -> None:
    from claimgraph.extract.training.train import write_unseen_sentences

    def sent(text: str) -> list[dict]:
        return [{"text": t, "ner": "O"} for t in text.split()]

    train, test, out = tmp_path / "train.json", tmp_path / "test.json", tmp_path / "out.json"
    train.write_text(json.dumps([sent("a b c d e f g h i")]))
    test.write_text(json.dumps([sent("x a b c d e f g h"), sent("a b c d e f g x"), sent("short")]))
    assert write_unseen_sentences(train, test, out) == 2
    assert [[t["text"] for t in s] for s in json.loads(out.read_text())] == [list("abcdefgx"), ["short"]]
