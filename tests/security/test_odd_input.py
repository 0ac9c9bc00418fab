"""Issue 13: odd files. Sizes are checked before reading; FIFOs, devices, links and folders posing as articles are
named with their reason; a .jsonl record has the same limit as a .txt file."""

from __future__ import annotations

import json
import os
import threading
import tracemalloc
from pathlib import Path

from claimgraph.extract.reader import MAX_BYTES, Rejected, iter_articles

ARABIC = "قالت وزارة الدفاع إن قواتها أسقطت طائرة مسيرة.\nوأضافت أن الوضع هادئ."


def read_all(paths: list[Path], timeout_s: float = 20) -> list:
    """iter_articles in a thread, so that a hang fails the test instead of blocking it."""
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(iter_articles(paths)), daemon=True)
    worker.start()
    worker.join(timeout_s)
    assert not worker.is_alive(), "reading hung"
    return out


def test_odd_files_in_a_folder_are_named_and_cost_no_memory(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "UPPER.TXT").write_text(ARABIC + " ثانية", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as handle:  # 4 GB, sparse: no disk, and it must not be read
        handle.truncate(4 * 1024**3)
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(folder / "nowhere")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "dir.txt").mkdir()
    (folder / "empty.jsonl").write_bytes(b"")
    big_record = {"id": "big", "text": ARABIC + " " + "ب" * (MAX_BYTES // 2 + 250_000)}  # 5.5 MB of UTF-8
    (folder / "batch.jsonl").write_text(json.dumps(big_record, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "huge.jsonl").write_bytes(b'{"id": "x", "text": "' + b"a" * (20 * 1024 * 1024) + b'"}\n')

    tracemalloc.start()
    items = read_all([folder])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    good = sorted(i.name for i in items if not isinstance(i, Rejected))
    rejected = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}
    assert good == ["UPPER", "good"]
    assert rejected["huge.txt"].startswith("too large")
    assert rejected["zero.txt"] == "not a regular file (character device)"
    assert rejected["dangling.txt"] == "dangling symbolic link"
    assert rejected["loop.txt"] == "symbolic link loop"
    assert rejected["fifo.txt"] == "not a regular file (FIFO)"
    assert rejected["dir.txt"] == "a directory, not a file"
    assert rejected["empty.jsonl"] == "empty: no records"
    assert rejected["batch.jsonl:1"].startswith("too large")  # as a 5.5 MB .txt would be
    assert rejected["huge.jsonl:1"].startswith("too large")
    assert peak < 80 * 1024 * 1024, f"reading took {peak / 1e6:.0f} MB"


def test_a_fifo_named_on_the_command_line_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    items = read_all([fifo, tmp_path / "missing.txt"])
    assert [(Path(i.source).name, i.reason) for i in items] == [
        ("article.txt", "not a regular file (FIFO)"),
        ("missing.txt", "no such file"),
    ]


def test_txt_and_jsonl_share_the_size_limit(tmp_path: Path) -> None:
    text = ARABIC + " " + "ب" * (MAX_BYTES // 2)  # just over MAX_BYTES of UTF-8
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": text}) + "\n", encoding="utf-8")  # escaped
    reasons = [i.reason for i in read_all([tmp_path / "a.txt", tmp_path / "b.jsonl"])]
    assert len(reasons) == 2 and all(r.startswith("too large") for r in reasons), reasons
