"""The command line end to end: ingest the seeds into a real embedded engine, query, re-ingest, extract and score."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimgraph.cli import main
from tests.conftest import SEEDS, SHARED


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-data")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("ingest", "extract", "contradictions", "query", "serve", "export", "stats", "train-models"):
        assert command in out


def test_cli_serve_says_which_port_is_busy(capsys) -> None:
    # Issue 19: a second `make start` failed with uvicorn's "address already in use" after re-ingesting the seeds.
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "serve", "--port", str(port), "--check-port")
        assert code == 1 and f"port {port} on 127.0.0.1 is busy" in err and f"--port {port + 1}" in err
    code, _, err = run(capsys, "serve", "--port", str(port), "--check-port")
    assert code == 0 and f"port {port} on 127.0.0.1 is free" in err


def test_cli_ingest_seeds_then_again_adds_nothing(capsys, data_dir) -> None:
    code, out, _ = run(capsys, "ingest", str(SEEDS), "--data-dir", str(data_dir), "--format", "json", "-q")
    first = json.loads(out)
    assert code == 0 and first["new"] == 5 and first["rejected"] == 0 and first["claims"] > 20
    code, out, _ = run(
        capsys,
        "query",
        "--cypher",
        "MATCH (c:Claim) RETURN count(c) AS n",
        "--data-dir",
        str(data_dir),
        "--format",
        "json",
    )
    assert json.loads(out)["rows"] == [[first["claims"]]]
    code, out, _ = run(capsys, "ingest", str(SEEDS), "--data-dir", str(data_dir), "--format", "json", "-q")
    again = json.loads(out)
    assert (again["new"], again["unchanged"], again["claims"]) == (0, 5, 0)
    code, out, _ = run(capsys, "stats", "--data-dir", str(data_dir), "--format", "json")
    assert json.loads(out)["claims"] == first["claims"] and json.loads(out)["articles"] == 5


def test_cli_query_refuses_writes(capsys, data_dir) -> None:
    code, out, err = run(capsys, "query", "--cypher", "CREATE (n:X) RETURN n", "--data-dir", str(data_dir))
    assert code == 1 and "read-only" in err
    code, out, _ = run(
        capsys, "query", "--cypher", "MATCH (n:X) RETURN count(n) AS n", "--data-dir", str(data_dir), "--format", "json"
    )
    assert json.loads(out)["rows"] == [[0]]


def test_cli_sparql_and_cypher_agree_on_claims_by_speaker(capsys, data_dir) -> None:
    """The same question to both doors: how many claims each speaker made, on the ingested seeds."""
    cypher = "MATCH (c:Claim)-[:CLAIMED_BY]->(a:Actor) RETURN a.id AS speaker, count(c) AS n ORDER BY speaker"
    sparql = (
        "PREFIX cg: <https://claimgraph.org/ontology#> SELECT ?speaker (COUNT(?c) AS ?n) "
        "WHERE { ?c cg:claimedBy ?speaker } GROUP BY ?speaker"
    )
    _, out, _ = run(capsys, "query", "--cypher", cypher, "--data-dir", str(data_dir), "--format", "json")
    by_cypher = {speaker: n for speaker, n in json.loads(out)["rows"]}
    _, out, _ = run(capsys, "query", "--sparql", sparql, "--data-dir", str(data_dir), "--format", "json")
    prefix = "https://claimgraph.org/id/actor/"
    from urllib.parse import unquote

    by_sparql = {unquote(iri.removeprefix(prefix)): n for iri, n in json.loads(out)["rows"]}
    assert by_cypher == by_sparql
    assert sum(by_cypher.values()) > 20


def test_cli_contradictions_jsonl(capsys, data_dir) -> None:
    code, out, _ = run(capsys, "contradictions", "--format", "jsonl", "--data-dir", str(data_dir))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    for row in rows:
        assert row["kind"] in {"contradicts", "corroborates"} and row["a"]["article"] and row["explanation"]
    assert {"denial", "same_statement"} <= {r["reason"] for r in rows}


def test_cli_export_jsonld_has_schema_claims(capsys, data_dir, tmp_path) -> None:
    from rdflib import Graph, Namespace

    target = tmp_path / "graph.jsonld"
    code, _, _ = run(capsys, "export", "--format", "jsonld", "-o", str(target), "--data-dir", str(data_dir))
    g = Graph().parse(target, format="json-ld")
    schema = Namespace("https://schema.org/")
    claims = set(g.subjects(predicate=None, object=schema.Claim))
    assert code == 0 and claims
    assert any(g.value(c, schema.author) is not None for c in claims)


def test_cli_ingest_reports_rejects_and_goes_on(capsys, tmp_path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "good.txt").write_text("وقالت وزارة الدفاع الأرمينية إن 5 جنود أصيبوا.", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(folder), "--data-dir", str(tmp_path / "d"), "--format", "json", "-q")
    summary = json.loads(out)
    assert code == 3 and summary["new"] == 1 and summary["rejected"] == 1
    assert "empty.txt: empty" in err


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside the repo")
def test_cli_extract_seeds_scores_above_zero(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, "extract", *sorted(str(p) for p in SEEDS.glob("*.txt")), "--format", "jsonl")
    claims = tmp_path / "claims.jsonl"
    claims.write_text(out, encoding="utf-8")
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(SHARED / "eval" / "seeds.gold.jsonl"),
            "--articles",
            str(SEEDS),
            "--claims",
            str(claims),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    assert code == 0
    assert result["numeric"]["f1"] > 0.5 and result["attribution_recall"] > 0.5


def test_cli_extract_table_shows_canonical_speaker_beside_the_text(capsys, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("وقالت الدفاع الروسية إن قواتها دمرت 12 دبابة أوكرانية.", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "table")
    header, _, *rows = out.splitlines()
    assert code == 0 and "as written" in header
    [row] = [r for r in rows if "equipment" in r.split()]
    assert "وزارة الدفاع (روسيا)" in row and "الدفاع الروسية" in row
