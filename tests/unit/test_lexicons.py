"""The lexicons load, hold no duplicate forms, and use only the vocabulary the rest of the code knows."""

from __future__ import annotations

import pytest
from claimgraph.extract.lexicons import LEXICON_DIR, load_lexicons, read_tsv
from claimgraph.ontology.text import fold

TSV_FILES = sorted(p.name for p in LEXICON_DIR.glob("*.tsv"))


@pytest.mark.parametrize("name", TSV_FILES)
def test_lexicon_forms_are_unique(name: str) -> None:
    rows = read_tsv(name)
    first_column = next(iter(rows[0]))
    # A form may be listed once per place it stands in (not_counted.tsv: «عام» before a year, after a duration).
    forms = [fold(row[first_column]) + "|" + row.get("where", "") for row in rows]
    duplicates = sorted({f for f in forms if forms.count(f) > 1})
    assert not duplicates, f"{name}: forms listed twice (after folding): {duplicates}"


def test_lexicon_values_are_known() -> None:
    lex = load_lexicons()
    assert {cue.kind for cue in lex.reporting.values()} <= {"say", "accuse", "deny", "relay", "call"}
    assert {cue.position for cue in lex.reporting.values()} <= {"after", "inherit", "nominal"}
    assert set(lex.qualifiers.values()) <= {"about", "more_than", "at_least", "less_than", "at_most"}
    assert {m.type for m in lex.measures.values()} <= {"casualty", "equipment", "territory", "deployment"}
    assert {m.voice for m in lex.measures.values()} <= {"agent", "victim", "either", "owner"}
    assert {t.kind for t in lex.targets.values()} <= {"people", "equipment", "territory"}
    for side, opponents in lex.wars.opponents.items():
        assert side not in opponents
