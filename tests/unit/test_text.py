"""Normalisation keeps a character map back to the raw text (the seeds hold U+00A0, shadda and tanween)."""

from __future__ import annotations

import pytest
from claimgraph.ontology.text import fold, identity_text, normalize

from tests.conftest import SEEDS


def test_normalize_maps_every_character_back_to_raw() -> None:
    raw = "قال\u00a0الوزير: «قُتِلَ ٢٣٠٠ جنديٍّ»، ثم غادر."
    norm = normalize(raw)
    assert norm.text == 'قال الوزير: "قتل 2300 جندي", ثم غادر.'
    start = norm.text.index("2300")
    assert norm.to_raw(start, start + 4) == (raw.index("٢٣٠٠"), raw.index("٢٣٠٠") + 4)
    word = norm.text.index("جندي")
    raw_start, raw_end = norm.to_raw(word, word + 4)
    assert raw[raw_start:raw_end] == "جندي"  # the diacritics after the last letter stay outside the span


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_normalize_round_trip_on_seeds(path) -> None:
    raw = path.read_text(encoding="utf-8")
    norm = normalize(raw)
    assert len(norm.raw_offsets) == len(norm.text)
    assert list(norm.raw_offsets) == sorted(set(norm.raw_offsets)), "offsets must be strictly increasing"
    for k, char in enumerate(norm.text):
        source = raw[norm.raw_offsets[k]]
        assert char == source or normalize(source).text == char


def test_seeds_contain_the_characters_normalisation_handles() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert "\u00a0" in text and "\u0651" in text and "،" in text


def test_identity_ignores_whitespace_and_diacritics() -> None:
    assert identity_text("قتل  ٣ جنود\u00a0\n") == identity_text("قُتل 3 جنود")


def test_fold_unifies_hamza_and_ta_marbuta() -> None:
    assert fold("أرمينية") == fold("ارمينيه")
