"""The `kg` command as a user runs it: build, query, facts, export, validate, publish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "kg"
    result = runner.invoke(app, ["build", str(ROOT / "seeds"), "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "built 5 articles" in result.output and "triples in" in result.output
    return store


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_a_saved_query_answers_in_every_format(built: Path, fmt: str) -> None:
    result = runner.invoke(app, ["query", "awards-by-year", "--store", str(built), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Paritrana Award" in result.output


def test_a_query_written_inline_uses_the_declared_prefixes(built: Path) -> None:
    sparql = "SELECT ?name WHERE { ?r a kg:City ; skos:prefLabel ?name } ORDER BY ?name LIMIT 3"
    result = runner.invoke(app, ["query", sparql, "--store", str(built), "-f", "json"])
    rows = json.loads(result.output)
    assert len(rows) == 3 and all(row["name"].startswith("Kota ") for row in rows)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no-such-query", "is not a saved query"),
        ("missing.rq", "no such query file"),
        ("SELECT ?x WHERE { ?x", "not valid SPARQL"),
    ],
)
def test_a_bad_query_is_refused_with_a_message(built: Path, text: str, message: str) -> None:
    result = runner.invoke(app, ["query", text, "--store", str(built)])
    assert result.exit_code == 2
    assert message in result.output


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["facts", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "no store here" in result.output


def test_facts_are_written_to_a_file(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["facts", "--store", str(built), "-o", str(target)])
    assert result.exit_code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 5


def test_validate_reports_conformance(built: Path) -> None:
    result = runner.invoke(app, ["validate", "--store", str(built)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_export_writes_the_chosen_format(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    result = runner.invoke(app, ["export", "--format", "ntriples", "--store", str(built), "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").count(" .\n") > 1000


def test_a_build_with_a_bad_input_says_so_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "kosong.txt").write_bytes(b"")
    (tmp_path / "isi.txt").write_text("Wali Kota Madiun Maidi meresmikan program.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "--store", str(tmp_path / "kg"), "-q"])
    assert result.exit_code == 1
    assert "kosong.txt: empty file" in result.output
    assert "built 1 articles" in result.output


@pytest.mark.parametrize(
    "command", ["build", "query", "facts", "export", "validate", "publish", "explain", "eval"]
)
def test_every_command_explains_itself_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_explain_shows_an_entity_with_its_evidence(built: Path) -> None:
    result = runner.invoke(app, ["explain", "Kota Madiun", "--store", str(built)])
    assert result.exit_code == 0, result.output
    assert "region/35.77" in result.output and "kg:AwardConferral" in result.output
    assert "Paritrana Award" in result.output


def test_explain_says_when_nothing_is_called_so(built: Path) -> None:
    result = runner.invoke(app, ["explain", "Kota Atlantis", "--store", str(built)])
    assert result.exit_code == 1
    assert "nothing in" in result.output


def test_eval_scores_a_store_against_gold(built: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc": "000_e36e1fcbfc9a9173", "facts": [{"type": "region", "name": "Kota Madiun"}]})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", str(built), str(gold), "--no-errors"])
    assert result.exit_code == 0, result.output
    assert "region            1" in result.output
    assert result.output.strip().splitlines()[-1].startswith("facts F1 ")
