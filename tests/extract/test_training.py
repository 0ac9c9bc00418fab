"""`claimgraph train-models` reproduces a shipped model from ../shared/data (the small mwt expander, ~2 minutes)."""

from __future__ import annotations

import json

import pytest

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
