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
    rows = json.loads(result.output)["results"]["bindings"]
    assert len(rows) == 3 and all(row["name"]["value"].startswith("Kota ") for row in rows)


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
    assert "built 1 article: " in result.output and "1 input skipped" in result.output


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


# --- output formats users expect ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "starts"),
    [
        ("json", '{"head":{"vars":["year","award"'),
        ("xml", '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'),
        ("csv", "year,award,recipient,result,rank,level,category\r\n2021,"),
        ("tsv", "?year\t?award\t?recipient\t?result\t?rank\t?level\t?category\n"),
    ],
)
def test_select_results_are_written_in_the_w3c_formats(built: Path, fmt: str, starts: str) -> None:
    result = runner.invoke(app, ["query", "awards-by-year", "--store", str(built), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8").startswith(starts)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("table", "true\n"), ("json", '{"head":{},"boolean":true}'), ("xml", "<boolean>true</boolean>")],
)
def test_an_ask_answers_in_the_format_asked_for(built: Path, fmt: str, expected: str) -> None:
    result = runner.invoke(app, ["query", "ASK { ?r a kg:City }", "--store", str(built), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "<https://w3id.org/jamsostek-kg/id/region/35.77>"),
        ("ttl", "<https://w3id.org/jamsostek-kg/id/region/35.77>"),
        (
            "nt",
            '/region/35.77> <http://www.w3.org/2004/02/skos/core#prefLabel> "Kota Madiun"@id .',
        ),
        ("jsonld", '"@id":"https://w3id.org/jamsostek-kg/id/region/35.77"'),
        ("xml", 'rdf:about="https://w3id.org/jamsostek-kg/id/region/35.77"'),
    ],
)
def test_describe_takes_a_kgid_name_with_slashes_and_an_rdf_format(
    built: Path, fmt: str, expected: str
) -> None:
    result = runner.invoke(app, ["query", "DESCRIBE kgid:region/35.77", "--store", str(built), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ('INSERT DATA { kgid:x kg:y "z" }', "table", "the store is read-only here; updates"),
        ("DELETE WHERE { ?s ?p ?o }", "table", "the store is read-only here; updates"),
        ("awards-by-yaer", "table", "did you mean awards-by-year?"),
        ("CONSTRUCT WHERE { ?s a kg:City }", "csv", "a CONSTRUCT or DESCRIBE result is a graph"),
        ("SELECT * WHERE { ?s a kg:City }", "turtle", "a SELECT result takes --format table"),
        ("SELECT * WHERE { ?s a kg:City }", "yaml", "unknown format 'yaml'"),
    ],
)
def test_queries_that_cannot_run_say_why(built: Path, text: str, fmt: str, message: str) -> None:
    result = runner.invoke(app, ["query", text, "--store", str(built), "-f", fmt])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_syntax_error_points_at_the_users_own_line(built: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x\nWHERE {\n  ?x ?y\n}", "--store", str(built)])
    assert result.exit_code == 2
    assert "error at 4:" in result.output  # not shifted by the declared prefixes


@pytest.mark.parametrize(
    ("args", "suffix", "head"),
    [
        (["-f", "ttl"], ".out", b"@prefix "),
        (["-f", "nt"], ".out", b"<https://w3id.org/"),
        (["-f", "nq"], ".out", b"<https://w3id.org/"),
        (["-f", "JSON-LD"], ".out", b"{"),
        (["-f", "rdf"], ".out", b"<?xml"),
        ([], ".ttl", b"@prefix "),
        ([], ".jsonld", b"{"),
        ([], ".graphml", b"<?xml"),
        ([], ".html", b"<!DOCTYPE html>"),
    ],
)
def test_export_takes_aliases_or_the_file_extension(
    built: Path, tmp_path: Path, args: list[str], suffix: str, head: bytes
) -> None:
    target = tmp_path / f"graph{suffix}"
    result = runner.invoke(app, ["export", *args, "--store", str(built), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().lstrip().startswith(head)


def test_export_without_a_format_or_a_known_extension_asks_for_one(built: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(built), "-o", str(tmp_path / "graph.out")])
    assert result.exit_code == 2
    assert "cannot tell the format from" in result.output


# --- output that goes where it is pointed, safely -------------------------------------------------


def test_dash_and_dev_stdout_write_to_standard_output(built: Path, tmp_path: Path) -> None:
    for target in ("-", "/dev/stdout"):
        result = runner.invoke(app, ["facts", "--store", str(built), "-o", target])
        assert result.exit_code == 0, result.output
        assert result.stdout.count('{"doc": ') == 5
    assert not Path("-").exists()


def test_a_symlink_is_written_through_and_stays_a_link(built: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.nt"
    real.write_text("old")
    link = tmp_path / "link.nt"
    link.symlink_to(real)
    result = runner.invoke(app, ["export", "-f", "nt", "--store", str(built), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text().count(" .\n") > 1000


def test_a_fifo_is_written_directly_and_stays_a_fifo(built: Path, tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["facts", "--store", str(built), "-o", str(fifo)])
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].count(b'{"doc": ') == 5


def test_dev_null_is_written_not_replaced(built: Path) -> None:
    import os
    import stat

    result = runner.invoke(app, ["facts", "--store", str(built), "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (lambda tmp: tmp, "is a folder: name a file to write"),
        (lambda tmp: tmp / "plain.txt" / "facts.jsonl", "plain.txt is a file, not a folder"),
        (lambda tmp: tmp / "new" / "deeper" / "facts.jsonl", "does not exist (add --parents to create it)"),
    ],
    ids=["folder", "under-a-file", "missing-parent"],
)
def test_an_output_that_cannot_be_written_is_one_line(
    built: Path, tmp_path: Path, target, message: str
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plain.txt").write_text("x")
    result = runner.invoke(app, ["facts", "--store", str(built), "-o", str(target(tmp_path))])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_parents_creates_missing_folders(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "facts.jsonl"
    result = runner.invoke(app, ["facts", "--store", str(built), "-o", str(target), "--parents"])
    assert result.exit_code == 0, result.output
    assert target.is_file()


# --- stores, inputs and smaller defects ------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("x"), "is a file, not a store folder"),
        (lambda p: (p.mkdir(), (p / "mine.txt").write_text("x")), "not a store: name a new or empty folder"),
    ],
    ids=["file", "foreign-folder"],
)
def test_a_store_path_that_is_no_store_is_refused(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    make(tmp_path / "kg")
    result = runner.invoke(app, ["build", str(ROOT / "seeds"), "--store", str(tmp_path / "kg"), "-q"])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_a_busy_store_is_named_as_such(tmp_path: Path) -> None:
    from kg.store import KnowledgeStore

    holder = KnowledgeStore(tmp_path / "kg")
    with holder.writing():
        result = runner.invoke(app, ["build", str(ROOT / "seeds"), "--store", str(tmp_path / "kg"), "-q"])
    assert result.exit_code == 2
    assert "another kg build is writing this store" in result.output


def test_building_an_article_folder_into_itself_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Bupati Sleman meresmikan program.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "--store", str(tmp_path), "-q"])
    assert result.exit_code == 2
    assert "is among the inputs" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_markup_in_names_and_ids_is_printed_as_it_is(tmp_path: Path) -> None:
    corpus = tmp_path / "berita"
    corpus.mkdir()
    (corpus / "[bold]tebal.txt").write_bytes(b"")
    (corpus / "rekaman.jsonl").write_text('{"id": "[/b]", "text": ""}\n', encoding="utf-8")
    (corpus / "isi.txt").write_text("Wali Kota Madiun Maidi meresmikan program.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus), "--store", str(tmp_path / "kg"), "-q"])
    assert result.exit_code == 1
    assert "[bold]tebal.txt: empty file" in result.output
    assert "'[/b]'" in result.output


def test_min_confidence_is_a_share(built: Path) -> None:
    result = runner.invoke(app, ["facts", "--store", str(built), "--min-confidence", "1.5"])
    assert result.exit_code == 2
    assert "Invalid value for '--min-confidence'" in result.output


def test_explain_suggests_names_that_hold_the_words(built: Path) -> None:
    result = runner.invoke(app, ["explain", "Madiun", "--store", str(built)])
    assert result.exit_code == 1
    assert "did you mean: Kota Madiun" in result.output


def test_version_is_printed(built: Path) -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"kg {version('kg-jamsostek')}"


def test_publish_into_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "exports").write_text("x")
    result = runner.invoke(app, ["publish", str(ROOT / "seeds"), "--out", str(tmp_path / "exports")])
    assert result.exit_code == 2
    assert "is a file: --out names the folder" in result.output


def test_serve_on_a_port_in_use_is_one_line(built: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--store", str(built), "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is in use" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_an_html_neighbourhood_of_a_place(built: Path, tmp_path: Path) -> None:
    whole, near = tmp_path / "all.html", tmp_path / "madiun.html"
    assert runner.invoke(app, ["export", "--store", str(built), "-o", str(whole)]).exit_code == 0
    result = runner.invoke(app, ["export", "--store", str(built), "-o", str(near), "--region", "Kota Madiun"])
    assert result.exit_code == 0, result.output
    assert "Kota Madiun" in near.read_text(encoding="utf-8")
    assert near.stat().st_size < whole.stat().st_size


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "Atlantis", "-f", "html"], "no entity is called"),
        (["--region", "Kota Madiun", "-f", "ttl"], "shape the HTML graph"),
    ],
)
def test_html_options_that_cannot_apply_say_why(
    built: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["export", "--store", str(built), "-o", str(tmp_path / "x.out"), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_build_prints_its_stage_times_when_asked(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    result = runner.invoke(app, ["build", str(ROOT / "seeds"), "--store", str(store), "-q", "--stages"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("stages: ")]
    assert [part.split()[0] for part in line.removeprefix("stages: ").split(", ")] == [
        "ingest",
        "clean",
        "extract",
        "resolve",
        "graph",
        "write",
        "commit",
    ]
