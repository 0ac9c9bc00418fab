"""Train the project's small Arabic Stanza models (tokenize, mwt, pos, lemma, depparse, ner).

Run from the repository root::

    python -m claimgraph.extract.training.train --data-dir ../shared/data --out models/ar

Each processor is trained by Stanza's own entry point (``python -m stanza.utils.training.run_X``,
``--no_charlm``, seeded) on the data written by :mod:`claimgraph.extract.training.prepare`; only the final
inference weights are copied into ``out_dir`` together with ``scores.json``.

NER: trained from scratch on ANERcorp's CAMeL train split + AQMAR + NewsFANE
(:mod:`claimgraph.extract.training.ner_data`) with its own word vectors (``ner_pretrain.pt``), the best checkpoint
picked on the last 10% of ANERcorp's train split; scored on ANERcorp's standard (CAMeL Lab) test split, AQMAR's
held-out articles and Wojood's sample.  Without those corpora in the data folder, the earlier ANERcorp-only
model (the 2007 spreadsheet, 80/10/10, shared word vectors) is trained instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from claimgraph.extract.training.ner_data import NER_SHORT_NAME as NEWS_SHORT_NAME
from claimgraph.extract.training.ner_data import OVERLAP_N, token_ngrams
from claimgraph.extract.training.prepare import NER_SHORT_NAME, SHORT_NAME, TREEBANK, PreparedData, prepare_all

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
OUTPUT_NAMES = {p: f"{p}.pt" for p in PROCESSORS} | {"pretrain": "pretrain.pt", "ner_pretrain": "ner_pretrain.pt"}
# Intra-op threads for training and scoring; CLAIMGRAPH_TRAIN_THREADS=1 lets two invocations share 2 cores.
THREADS = int(os.environ.get("CLAIMGRAPH_TRAIN_THREADS", "2"))

# Stanza entry point, preparer, and extra training flags per processor.  ``{pretrain}`` is replaced by the
# word-vector file.  Stanza's trainers use --max_steps only as a stop condition and save the best-on-dev model
# at every evaluation.  pos 1500 steps took 93 min and ner 7400 of 8000 steps 96 min side by side with one
# thread each on a shared 2-core machine (see the model card for the steps each shipped model reached).
RUNNERS = {
    "tokenize": "run_tokenizer",
    "mwt": "run_mwt",
    "pos": "run_pos",
    "lemma": "run_lemma",
    "depparse": "run_depparse",
    "ner": "run_ner",
}
PREPARERS: dict[str, list[str]] = {
    "tokenize": ["prepare_tokenizer_treebank"],
    "mwt": ["prepare_mwt_treebank"],
    "pos": ["prepare_pos_treebank"],
    "lemma": ["prepare_lemma_treebank", "--gold"],
    "depparse": ["prepare_depparse_treebank", "--gold"],
}
TRAIN_ARGS: dict[str, list[str]] = {
    # PUD has sentences longer than Stanza's default window (3x the mean); a sentence over the window is
    # dropped at training time, and Stanza fails outright if the first paragraph is one of them.
    "tokenize": ["--steps", "800", "--max_seqlen", "300"],
    # 30 epochs (Stanza's default; 15 before): test Words 99.38 -> 99.57 given gold tokens
    "mwt": ["--num_epoch", "30"],
    "pos": [
        "--hidden_dim",
        "200",
        "--char_hidden_dim",
        "200",
        "--batch_size",
        "32",
        "--max_steps",
        "1500",
        "--eval_interval",
        "100",
        "--wordvec_pretrain_file",
        "{pretrain}",
    ],
    "lemma": ["--num_epoch", "10"],
    # Smaller biaffine scorers (Stanza's defaults are 400 and 160) and char LSTM (default 400): the parser
    # was over half of the pipeline's time, most of it in the biaffine einsum.
    "depparse": [
        "--hidden_dim",
        "200",
        "--num_layers",
        "2",
        "--char_hidden_dim",
        "200",
        "--deep_biaff_hidden_dim",
        "200",
        "--deep_biaff_output_dim",
        "100",
        "--max_steps",
        "800",
        "--eval_interval",
        "100",
        "--wordvec_pretrain_file",
        "{pretrain}",
    ],
    # ANERcorp CAMeL train + AQMAR + NewsFANE (without copies of dev/test text), NER's own word vectors
    "ner": ["--max_steps", "8000", "--eval_interval", "200", "--wordvec_pretrain_file", "{ner_pretrain}"],
    # the earlier model, when the data folder lacks the news corpora: ANERcorp's spreadsheet alone
    "ner_anercorp": ["--max_steps", "3000", "--eval_interval", "250", "--wordvec_pretrain_file", "{pretrain}"],
}
# Test-set scores read from the predictions each run script writes with --save_output.
TEST_METRICS = {
    "tokenize": ("Tokens", "Sentences"),
    "mwt": ("Words",),
    "pos": ("UPOS", "XPOS", "UFeats", "AllTags"),
    "lemma": ("Lemmas",),
    "depparse": ("UAS", "LAS", "CLAS", "MLAS", "BLEX"),
}
E2E_METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS", "CLAS")
# Run scripts that only score the test split when asked with --score_test.
SCORE_TEST_SEPARATELY = ("mwt", "lemma")
# Keys under which Stanza checkpoints keep training-only state.
TRAINING_ONLY_KEYS = (
    "optimizer",
    "optimizers",
    "optimizer_state_dict",
    "scheduler",
    "schedulers",
    "scheduler_state_dict",
)
# Shipped with float16 weights (loaded back into float32 parameters by load_state_dict) to keep the total
# under the size budget: the parser's deprel biaffine alone is 401x401x39 floats.
FLOAT16_STORAGE = ("depparse",)


def _env(prepared: PreparedData, seed: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        UDBASE=str(prepared.udbase.resolve()),
        DATA_ROOT=str(prepared.data_root.resolve()),
        OMP_NUM_THREADS=str(THREADS),
        MKL_NUM_THREADS=str(THREADS),
        PYTHONHASHSEED=str(seed),
        STANZA_RESOURCES_DIR=str((prepared.data_root.parent / "stanza_resources").resolve()),
    )
    return env


def _run(cmd: list[str], env: dict[str, str], log_file: Path, cwd: Path) -> None:
    """Run a Stanza module as a subprocess, its output going to ``log_file``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("a", encoding="utf-8") as f:
        f.write("$ " + " ".join(cmd) + "\n")
        f.flush()
        proc = subprocess.run(cmd, env=env, stdout=f, stderr=subprocess.STDOUT, cwd=cwd, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed ({proc.returncode}); see {log_file}")


def saved_model_path(work_dir: Path, processor: str) -> Path:
    """Where Stanza's run script saves the model for ``processor`` (or ``ner_anercorp``) under ``work_dir``."""
    name = {"ner": NEWS_SHORT_NAME, "ner_anercorp": NER_SHORT_NAME}.get(processor, SHORT_NAME)
    folder = "ner" if processor.startswith("ner") else processor
    return work_dir / "saved_models" / folder / f"{name}_{processor}.pt"


def _train_command(
    processor: str, work_dir: Path, pretrain: Path, seed: int, ner_pretrain: Path | None = None
) -> list[str]:
    treebank = {"ner": NEWS_SHORT_NAME, "ner_anercorp": NER_SHORT_NAME}.get(processor, TREEBANK)
    model = saved_model_path(work_dir, processor)
    ner_vectors = str((ner_pretrain or pretrain).resolve())
    extra = [
        a.replace("{pretrain}", str(pretrain.resolve())).replace("{ner_pretrain}", ner_vectors)
        for a in TRAIN_ARGS[processor]
    ]
    runner = RUNNERS["ner" if processor.startswith("ner") else processor]
    return [
        sys.executable, "-m", f"stanza.utils.training.{runner}", treebank,
        *([] if processor == "mwt" else ["--no_charlm"]),  # run_mwt has no charlm option
        "--force", "--save_output",
        "--save_dir", str(model.parent.resolve()), "--save_name", model.name,
        "--seed", str(seed), *extra,
    ]  # fmt: skip


# --------------------------------------------------------------------------- weights


def strip_training_state(src: Path, dst: Path, float16: bool = False) -> list[str]:
    """Copy a saved Stanza model to ``dst`` without optimizer/scheduler state; return removed keys.

    With ``float16``, the floating-point tensors of the model's weights are stored as float16; Stanza's
    loaders copy them into float32 parameters.
    """
    import torch

    state = torch.load(src, map_location="cpu", weights_only=False)
    removed = [k for k in TRAINING_ONLY_KEYS if isinstance(state, dict) and k in state]
    if not removed and not float16:
        _copy_atomic(src, dst)
        return []
    for key in removed:
        del state[key]
    if float16:
        weights = state["model"]
        for name, tensor in weights.items():
            if torch.is_tensor(tensor) and tensor.dtype == torch.float32:
                weights[name] = tensor.half()
    tmp = dst.with_name(dst.name + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, dst)
    return removed


def _copy_atomic(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` through a temporary file, so ``dst`` is never a partly written model."""
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def pipeline_kwargs(model_dir: Path, resources_dir: Path, processors: Sequence[str] = PROCESSORS) -> dict[str, Any]:
    """Keyword arguments for ``stanza.Pipeline`` loading the shipped models with no download.

    ``resources_dir`` must hold a ``resources.json`` (``{}`` is enough); it is created if missing.
    """
    resources_dir.mkdir(parents=True, exist_ok=True)
    resources = resources_dir / "resources.json"
    if not resources.exists():
        resources.write_text("{}", encoding="utf-8")
    pretrain = str(model_dir / OUTPUT_NAMES["pretrain"])
    # NER has its own word vectors when it was trained on the news corpora
    ner_pretrain = model_dir / OUTPUT_NAMES["ner_pretrain"]
    kwargs: dict[str, Any] = {
        "lang": "ar",
        "processors": ",".join(processors),
        "dir": str(resources_dir),
        "download_method": None,
        "allow_unknown_language": True,
        "use_gpu": False,
        "logging_level": "WARN",
    }
    for p in processors:
        kwargs[f"{p}_model_path"] = str(model_dir / OUTPUT_NAMES[p])
        if p in ("pos", "depparse"):
            kwargs[f"{p}_pretrain_path"] = pretrain
        elif p == "ner":
            kwargs[f"{p}_pretrain_path"] = str(ner_pretrain) if ner_pretrain.is_file() else pretrain
    return kwargs


# --------------------------------------------------------------------------- evaluation


def conllu_scores(gold: Path, system: Path, metrics: Sequence[str]) -> dict[str, float]:
    """F1 (x100) of ``metrics`` with Stanza's CoNLL-U scorer.

    Stanza 1.15 no longer ships ``stanza.utils.conll18_ud_eval``; ``ud_scores`` wraps its successor
    ``udtools.udeval`` (the CoNLL 2018 shared-task evaluation script, same metrics).
    """
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold), str(system))
    return {m: round(100 * evaluation[m].f1, 2) for m in metrics}


def test_scores(processor: str, data_root: Path) -> dict[str, float]:
    """Score the test predictions written by a run script against the gold test file."""
    folder = data_root / processor
    if processor == "tokenize" or processor == "mwt":
        gold = folder / f"{SHORT_NAME}.test.gold.conllu"
    else:
        gold = folder / f"{SHORT_NAME}.test.in.conllu"
    return conllu_scores(gold, folder / f"{SHORT_NAME}.test.pred.conllu", TEST_METRICS[processor])


def ner_test_scores(
    model_dir: Path, resources_dir: Path, test_json: Path, types: Sequence[str] | None = None
) -> dict[str, float]:
    """Entity-level precision/recall/F1 (x100, overall and per type) of the NER model on ``test_json``.

    ``test_json`` is Stanza NER json (gold tokens, BIO tags).  With ``types``, predicted entities of other
    types are dropped first (for a test set that does not annotate them).
    """
    import stanza
    from stanza.models.ner.scorer import score_by_entity
    from stanza.models.ner.utils import bio2_to_bioes

    data = json.loads(test_json.read_text(encoding="utf-8"))
    kwargs = pipeline_kwargs(model_dir, resources_dir, ("tokenize", "ner"))
    del kwargs["tokenize_model_path"]
    nlp = stanza.Pipeline(**kwargs, tokenize_pretokenized=True)
    doc = nlp([[tok["text"] for tok in sent] for sent in data])
    pred = [[tok.ner for tok in sent.tokens] for sent in doc.sentences]
    if types is not None:
        pred = [[t if t == "O" or t[2:] in types else "O" for t in sent] for sent in pred]
    gold = [bio2_to_bioes([tok["ner"] for tok in sent]) for sent in data]
    prec, rec, f1, per_type = score_by_entity(pred, gold, verbose=False)
    scores = {"precision": round(100 * prec, 2), "recall": round(100 * rec, 2), "F1": round(100 * f1, 2)}
    scores |= {f"F1_{k}": round(100 * v, 2) for k, v in sorted(per_type.items())}
    return scores


def end_to_end_scores(
    model_dir: Path, resources_dir: Path, gold_conllu: Path, processors: Sequence[str], pred_file: Path
) -> dict[str, float]:
    """Raw test text in (sentences joined by spaces), whole pipeline out, scored against gold."""
    import stanza
    from claimgraph.extract.training.prepare import block_text, read_conllu_blocks
    from stanza.utils.conll import CoNLL

    text = " ".join(block_text(b) for b in read_conllu_blocks(gold_conllu))
    used = [p for p in ("tokenize", "mwt", "pos", "lemma", "depparse") if p in processors]
    nlp = stanza.Pipeline(**pipeline_kwargs(model_dir, resources_dir, used))
    doc = nlp(text)
    CoNLL.write_doc2conll(doc, str(pred_file))
    metrics = [m for m in E2E_METRICS if _metric_available(m, used)]
    return conllu_scores(gold_conllu, pred_file, metrics)


def _metric_available(metric: str, used: Sequence[str]) -> bool:
    needs = {"UPOS": "pos", "XPOS": "pos", "UFeats": "pos", "Lemmas": "lemma", "UAS": "depparse",
             "LAS": "depparse", "CLAS": "depparse"}  # fmt: skip
    return metric not in needs or needs[metric] in used


# --------------------------------------------------------------------------- main entry


def train_models(
    data_dir: Path,
    out_dir: Path,
    work_dir: Path,
    processors: Sequence[str] = PROCESSORS,
    seed: int = 1234,
    log: Callable[[str], None] = print,
    seeds_dir: Path | None = None,
    reuse: bool = False,
) -> dict:
    """Prepare the data, train the requested processors, evaluate, and ship the weights.

    Args:
        data_dir: folder holding ``ud_arabic_pud/`` and ``anercorp/`` (read only).
        out_dir: where ``<processor>.pt``, ``pretrain.pt`` and ``scores.json`` are written.
        work_dir: scratch folder for prepared data, full checkpoints and logs.
        processors: which processors to train, in pipeline order.
        seed: seed for the data split, the word vectors and every trainer.
        log: progress callback.
        seeds_dir: extra raw Arabic text (``*.txt``) for the word vectors; defaults to
            ``data_dir/../seeds`` when that folder exists.
        reuse: keep a processor's model already trained in ``work_dir`` instead of retraining it.

    Returns:
        The content written to ``out_dir/scores.json``.
    """
    unknown = [p for p in processors if p not in PROCESSORS]
    if unknown:
        raise ValueError(f"unknown processors {unknown}; choose from {PROCESSORS}")
    processors = [p for p in PROCESSORS if p in processors]
    data_dir, out_dir, work_dir = data_dir.resolve(), out_dir.resolve(), work_dir.resolve()
    if seeds_dir is None and (data_dir.parent / "seeds").is_dir():
        seeds_dir = data_dir.parent / "seeds"
    work_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    logs = work_dir / "logs"
    resources_dir = work_dir / "stanza_resources"

    start = time.time()
    log(f"preparing data in {work_dir}")
    prepared = prepare_all(data_dir, work_dir, seed, seeds_dir, ner_vectors="ner" in processors)
    env = _env(prepared, seed)
    for p in processors:
        if p in PREPARERS:
            module, *flags = PREPARERS[p]
            cmd = [sys.executable, "-m", f"stanza.utils.datasets.{module}", TREEBANK, *flags]
            _run(cmd, env, logs / f"prepare_{p}.log", work_dir)
    prep_seconds = round(time.time() - start, 1)
    log(f"data prepared in {prep_seconds:.0f} s: {prepared.stats}")

    times_file = work_dir / "train_seconds.json"
    times: dict[str, float] = json.loads(times_file.read_text()) if times_file.exists() else {}
    scores: dict[str, dict[str, float]] = {}
    stripped: dict[str, list[str]] = {}
    _copy_atomic(prepared.pretrain_pt, out_dir / OUTPUT_NAMES["pretrain"])
    ner_pretrain_out = out_dir / OUTPUT_NAMES["ner_pretrain"]
    for p in processors:
        # NER on the news corpora with its own word vectors; the ANERcorp-only model without them
        stage = "ner_anercorp" if p == "ner" and prepared.ner_pretrain_pt is None else p
        model = saved_model_path(work_dir, stage)
        cmd = _train_command(stage, work_dir, prepared.pretrain_pt, seed, prepared.ner_pretrain_pt)
        if reuse and model.exists() and stage in times:
            log(f"{stage}: reusing {model}; scoring the test split again")
            if not stage.startswith("ner"):
                _run(cmd + ["--score_test"], env, logs / f"{stage}.log", work_dir)
        else:
            log(f"{stage}: training (log: {logs / (stage + '.log')})")
            (logs / f"{stage}.log").unlink(missing_ok=True)
            t0 = time.time()
            _run(cmd, env, logs / f"{stage}.log", work_dir)
            times[stage] = round(time.time() - t0, 1)
            # another invocation may have trained other processors meanwhile: merge, don't overwrite
            if times_file.exists():
                times = json.loads(times_file.read_text()) | {stage: times[stage]}
            times_file.write_text(json.dumps(times, indent=2))
            if stage in SCORE_TEST_SEPARATELY:
                _run(cmd + ["--score_test"], env, logs / f"{stage}.log", work_dir)
        if not model.exists():
            raise FileNotFoundError(f"{p}: expected model {model} was not written")
        stripped[p] = strip_training_state(model, out_dir / OUTPUT_NAMES[p], float16=p in FLOAT16_STORAGE)
        if p == "ner":
            if prepared.ner_pretrain_pt is not None:
                _copy_atomic(prepared.ner_pretrain_pt, ner_pretrain_out)
            else:  # the ANERcorp-only model reads the shared vectors
                ner_pretrain_out.unlink(missing_ok=True)
            scores.update(_ner_scores(out_dir, resources_dir, prepared, news=stage == "ner"))
        else:
            scores[p] = test_scores(p, prepared.data_root)
        log(f"{p}: {times[stage]:.0f} s, test {scores[p]}")

    e2e: dict[str, float] = {}
    if "tokenize" in processors:
        log("end-to-end evaluation on the raw PUD test text")
        e2e = end_to_end_scores(out_dir, resources_dir, prepared.test_conllu, processors, work_dir / "e2e.pred.conllu")
        log(f"end to end: {e2e}")

    result = _summary(out_dir, processors, seed, prepared, scores, e2e, times, prep_seconds, stripped, logs)
    scores_tmp = out_dir / "scores.json.tmp"
    scores_tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(scores_tmp, out_dir / "scores.json")
    log(f"done in {time.time() - start:.0f} s; models in {out_dir}")
    return result


def write_unseen_sentences(train_json: Path, test_json: Path, out_json: Path, n: int = OVERLAP_N) -> int:
    """Write the sentences of ``test_json`` that share no ``n``-gram of tokens with ``train_json``; return how many."""

    def grams(sent: list[dict]) -> set[tuple[str, ...]]:
        return token_ngrams([tok["text"] for tok in sent], n)

    seen: set[tuple[str, ...]] = set()
    for sent in json.loads(train_json.read_text(encoding="utf-8")):
        seen |= grams(sent)
    unseen = [s for s in json.loads(test_json.read_text(encoding="utf-8")) if not grams(s) & seen]
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(unseen, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(unseen)


def _ner_scores(out_dir: Path, resources_dir: Path, prepared: PreparedData, news: bool) -> dict[str, dict]:
    """NER test scores: ANERcorp's standard test split, AQMAR's held-out articles, Wojood's sample."""
    scores: dict[str, dict] = {}
    if not news:  # the ANERcorp-only model's own held-out split (the last 10% of the spreadsheet)
        last10 = prepared.ner_dir / f"{NER_SHORT_NAME}.test.json"
        scores["ner_anercorp_last10"] = ner_test_scores(out_dir, resources_dir, last10)
    # ANERcorp's standard test split (the CAMeL Lab split, written with the news corpora)
    if (test := prepared.ner_dir / f"{NEWS_SHORT_NAME}.test.json").is_file():
        scores["ner"] = ner_test_scores(out_dir, resources_dir, test)
        # NewsFANE repeats some of ANERcorp's text: also score the test sentences sharing no 8-gram with training
        train = prepared.ner_dir / f"{NEWS_SHORT_NAME}.train.json"
        clean = prepared.ner_eval_dir / "anercorp_test_unseen.json"
        if news and train.is_file() and write_unseen_sentences(train, test, clean):
            scores["ner_anercorp_test_unseen"] = ner_test_scores(out_dir, resources_dir, clean)
    else:  # an older data folder without ANERcorp's standard split
        scores["ner"] = scores["ner_anercorp_last10"]
    # AQMAR's held-out articles; Wojood's sample (evaluation only, never trained on) when present.
    for name, types in (("aqmar_test", None), ("wojood_test", ("PER", "LOC", "ORG"))):
        if (path := prepared.ner_eval_dir / f"{name}.json").is_file():
            scores[f"ner_{name}"] = ner_test_scores(out_dir, resources_dir, path, types)
    return scores


_DEV_LINE = re.compile(r"step (\d+): train_loss = [-\d.e+]+, dev_score = ([\d.]+)")


def dev_curve(log_file: Path) -> dict[str, Any]:
    """Steps evaluated on dev by a tagger/parser/NER training log: last step reached and best dev score.

    Stanza saves the best-on-dev model at each evaluation, so a run stopped after an evaluation ships the model
    of ``best_step``.  Empty when the log has no such lines (tokenize, mwt and lemma log differently).
    """
    if not log_file.exists():
        return {}
    text = log_file.read_text(encoding="utf-8", errors="replace")
    points = [(int(m[1]), float(m[2])) for m in _DEV_LINE.finditer(text)]
    if not points:
        return {}
    best_step, best = max(points, key=lambda sp: (sp[1], sp[0]))
    return {"last_evaluated_step": points[-1][0], "best_step": best_step, "best_dev_score": round(100 * best, 2)}


def _summary(
    out_dir: Path,
    processors: Sequence[str],
    seed: int,
    prepared: PreparedData,
    scores: dict[str, dict[str, float]],
    e2e: dict[str, float],
    times: dict[str, float],
    prep_seconds: float,
    stripped: dict[str, list[str]],
    out_logs: Path,
) -> dict[str, Any]:
    import stanza
    import torch

    def stage(p: str) -> str:
        return "ner_anercorp" if p == "ner" and prepared.ner_pretrain_pt is None else p

    files = [OUTPUT_NAMES[p] for p in processors] + [OUTPUT_NAMES["pretrain"]]
    if "ner" in processors and prepared.ner_pretrain_pt is not None:
        files.append(OUTPUT_NAMES["ner_pretrain"])
    return {
        "language": "ar",
        "seed": seed,
        "data": prepared.stats,
        "test": scores,
        "test_notes": {
            "tokenize": "tokens/sentences on the PUD test split, raw text in",
            "mwt": "words given gold tokens",
            "pos": "given gold words",
            "lemma": "given gold words and tags",
            "depparse": "given gold words, tags and lemmas",
            "ner": "entity level, ANERcorp's standard test split (CAMeL Lab split as redistributed by "
            "CSabty/ANERcorp-Correction), gold tokens",
            "ner_anercorp_last10": "entity level, the last 10% of the ANERcorp spreadsheet's sentences (the base "
            "model's own held-out split), gold tokens",
            "ner_anercorp_test_unseen": "entity level, the sentences of ANERcorp's standard test split that share "
            "no 8-gram of tokens with the NER training data (NewsFANE repeats some ANERcorp text), gold tokens",
            "ner_aqmar_test": "entity level, AQMAR held-out articles (MIS0-3 scored as MISC), gold tokens",
            "ner_wojood_test": "entity level, Wojood public sample test file, first tag column, PERS/ORG/GPE/LOC "
            "only (GPE and LOC scored as LOC; predicted MISC ignored), gold tokens; evaluation only, never trained on",
        },
        "end_to_end": e2e,
        "end_to_end_notes": "PUD test split (100 sentences), raw text joined with spaces, "
        "CoNLL 2018 shared-task scorer (udtools.udeval via stanza), F1",
        "train_seconds": {p: times[p] for p in [*processors, "ner_anercorp"] if p in times},
        "prepare_seconds": prep_seconds,
        "train_args": {p: TRAIN_ARGS[stage(p)] for p in processors},
        "dev_curve": {p: c for p in processors if (c := dev_curve(out_logs / f"{stage(p)}.log"))},
        "stripped_training_state": {p: v for p, v in stripped.items() if v},
        "float16_storage": [p for p in processors if p in FLOAT16_STORAGE],
        "sizes_bytes": {f: (out_dir / f).stat().st_size for f in files},
        "versions": {"stanza": stanza.__version__, "torch": torch.__version__, "python": platform.python_version()},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m claimgraph.extract.training.train``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="the open data folder: ../shared/data")
    parser.add_argument("--out", type=Path, required=True, help="where the models go; the shipped ones are models/ar")
    parser.add_argument("--work-dir", type=Path, default=Path(".cache") / "train")
    parser.add_argument("--processors", default=",".join(PROCESSORS), help="comma-separated, in pipeline order")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--seeds-dir", type=Path, default=None, help="extra raw text for word vectors")
    parser.add_argument("--reuse", action="store_true", help="reuse models already trained in --work-dir")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(THREADS)
    processors = [p.strip() for p in args.processors.split(",") if p.strip()]
    result = train_models(
        args.data_dir, args.out, args.work_dir, processors, args.seed,
        log=lambda msg: print(msg, flush=True), seeds_dir=args.seeds_dir, reuse=args.reuse,
    )  # fmt: skip
    print(json.dumps({"test": result["test"], "end_to_end": result["end_to_end"]}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
