"""The whole path on the seed articles: build, facts, exports, saved queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.evaluate import evaluate, load_facts, table
from kg.export.rdf import serialize
from kg.facts import read_facts
from kg.pipeline import build
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent


def test_every_seed_article_has_facts_of_its_kinds(seed_store: KnowledgeStore) -> None:
    records = read_facts(seed_store)
    assert [r["doc"] for r in records] == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    kinds = {f["type"] for r in records for f in r["facts"]}
    assert kinds == {"region", "person", "organization", "regulation", "program", "award", "figure"}


def test_the_seed_facts_meet_the_gold(seed_store: KnowledgeStore) -> None:
    produced = {r["doc"]: r["facts"] for r in read_facts(seed_store)}
    result = evaluate(produced, load_facts(ROOT / "tests" / "data" / "seeds.gold.jsonl"))
    assert result.total.f1 >= 0.95, table(result)
    assert (result.total.attrs or 0) >= 0.90, table(result)


TRIPLE_CASES = [
    ("turtle", "turtle"),
    ("ntriples", "nt"),
    ("jsonld", "json-ld"),
    ("rdfxml", "xml"),
]


@pytest.mark.parametrize(("fmt", "parse_as"), TRIPLE_CASES)
def test_triple_exports_round_trip(seed_store: KnowledgeStore, fmt: str, parse_as: str) -> None:
    data = serialize(seed_store, fmt)
    reference = Graph().parse(data=serialize(seed_store, "ntriples"), format="nt")
    assert isomorphic(Graph().parse(data=data, format=parse_as), reference)
    assert serialize(seed_store, fmt) == data


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dataset_exports_round_trip(seed_store: KnowledgeStore, fmt: str) -> None:
    data = serialize(seed_store, fmt)
    dataset = Dataset()
    dataset.parse(data=data, format=fmt)
    assert len(set(dataset.quads((None, None, None, None)))) == sum(1 for _ in seed_store.quads())
    assert serialize(seed_store, fmt) == data


def test_building_twice_gives_identical_exports(tmp_path: Path, seed_store: KnowledgeStore) -> None:
    again = KnowledgeStore(tmp_path / "again")
    build([ROOT / "seeds"], again)
    assert serialize(again, "nquads") == serialize(seed_store, "nquads")
    assert serialize(again, "turtle") == serialize(seed_store, "turtle")


def test_bad_inputs_are_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "ok.jsonl").write_text(
        '{"id": "a1", "text": "Bupati Sleman meresmikan program."}\n{bad\n', encoding="utf-8"
    )
    store = KnowledgeStore(tmp_path / "kg")
    report = build([tmp_path, tmp_path / "missing.txt"], store)
    messages = {Path(p.source.split(":")[0]).name: p.message for p in report.problems}
    assert messages == {
        "binary.txt": "binary file (contains NUL bytes)",
        "empty.txt": "empty file",
        "ok.jsonl": messages["ok.jsonl"],
        "missing.txt": "no such file or folder",
    }
    assert "malformed JSON" in messages["ok.jsonl"]
    assert report.articles == 1


def _article(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def _two_articles(tmp_path: Path) -> Path:
    """A folder of two articles: a.txt names Kabupaten Sleman, b.txt Kabupaten Bantul."""
    corpus = tmp_path / "berita"
    _article(corpus, "a.txt", "Pemerintah Kabupaten Sleman meraih Paritrana Award 2023.")
    _article(corpus, "b.txt", "Bupati Bantul Abdul Halim Muslih menerima penghargaan.")
    return corpus


def test_rebuilding_an_article_replaces_its_graph_and_nothing_else(tmp_path: Path) -> None:
    corpus = _two_articles(tmp_path)
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store)
    before_b = sorted(map(str, store.quads("https://w3id.org/jamsostek-kg/id/graph/b")))
    _article(corpus, "a.txt", "Pemerintah Kota Yogyakarta meraih Paritrana Award 2024.")
    build([corpus / "a.txt"], store)
    assert sorted(map(str, store.quads("https://w3id.org/jamsostek-kg/id/graph/b"))) == before_b
    regions = {
        str(r["code"])
        for r in store.select("SELECT ?code WHERE { ?a kg:mentions ?r . ?r kg:kemendagriCode ?code }")
    }
    assert "34.71" in regions and "34.04" not in regions  # Yogyakarta in, Sleman's mention gone
    assert "34.02" in regions  # Bantul, from the untouched article


def test_a_build_that_fails_halfway_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KnowledgeStore(tmp_path / "kg")
    build([ROOT / "seeds"], store)
    before = serialize(store, "nquads")

    def broken(article):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"extractor crashed on {article.doc_id}")

    monkeypatch.setattr("kg.pipeline.extract", broken)
    with pytest.raises(RuntimeError, match="extractor crashed"):
        build([ROOT / "seeds"], store, full=True, workers=1)
    assert serialize(store, "nquads") == before


def test_an_unchanged_article_is_not_built_again(tmp_path: Path) -> None:
    corpus = _two_articles(tmp_path)
    store = KnowledgeStore(tmp_path / "kg")
    first = build([corpus], store)
    before = serialize(store, "nquads")
    again = build([corpus], store)
    assert (first.articles, again.articles, again.unchanged) == (2, 0, 2)
    assert serialize(store, "nquads") == before
    _article(corpus, "b.txt", "Bupati Bantul Abdul Halim Muslih menerima Paritrana Award 2024.")
    changed = build([corpus], store)
    assert (changed.articles, changed.unchanged) == (1, 1)


def test_an_article_gone_from_a_folder_read_again_loses_its_graph(tmp_path: Path) -> None:
    corpus = _two_articles(tmp_path)
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store)
    (corpus / "b.txt").unlink()
    report = build([corpus], store)
    assert report.removed == 1
    assert "https://w3id.org/jamsostek-kg/id/graph/b" not in store.graphs()
    reference = KnowledgeStore(tmp_path / "fresh")
    build([corpus], reference)
    assert serialize(store, "nquads") == serialize(reference, "nquads")
    assert serialize(store, "turtle") == serialize(reference, "turtle")


def test_a_file_named_alone_leaves_the_rest_of_the_store_alone(tmp_path: Path) -> None:
    corpus = _two_articles(tmp_path)
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store)
    report = build([corpus / "a.txt"], store, full=True)
    assert report.articles == 1
    assert store.graphs() == [
        "https://w3id.org/jamsostek-kg/id/graph/a",
        "https://w3id.org/jamsostek-kg/id/graph/gazetteer",
    ]


def test_the_graph_is_the_same_whatever_the_number_of_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_store: KnowledgeStore
) -> None:
    monkeypatch.setattr("kg.pipeline.POOL_FROM", 2)  # the pool even for five articles
    pooled = KnowledgeStore(tmp_path / "pooled")
    report = build([ROOT / "seeds"], pooled, workers=2)
    assert report.articles == 5
    assert serialize(pooled, "nquads") == serialize(seed_store, "nquads")


def test_the_rules_that_shape_a_graph_decide_a_rebuild_and_nothing_else() -> None:
    from kg.pipeline import rule_files

    files = rule_files()
    assert {"extract/awards.py", "analysis/matcher.py", "data/titles.csv", "data/structure.jsonl"} <= set(
        files
    )
    assert {"resolve.py", "graph.py", "clean.py"} <= set(files)
    assert not {"cli.py", "store.py", "pipeline.py"} & set(files)
    assert not any(name.startswith(("serve/", "export/")) for name in files)


def test_new_rules_rebuild_a_corpus_as_a_fresh_build_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _two_articles(tmp_path)
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store)
    monkeypatch.setattr("kg.pipeline.builder_fingerprint", lambda: "other rules")
    from kg.pipeline import _everything_rebuilds

    assert _everything_rebuilds(store, [corpus])
    assert not _everything_rebuilds(store, [corpus / "a.txt"])  # b.txt would keep its old graph
    report = build([corpus], store)
    assert (report.articles, report.unchanged) == (2, 0)
    reference = KnowledgeStore(tmp_path / "fresh")
    build([corpus], reference)
    assert serialize(store, "nquads") == serialize(reference, "nquads")


def test_the_report_gives_the_seconds_of_every_stage(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    report = build([seeds], KnowledgeStore(tmp_path / "kg"), workers=1)
    stages = report.stage_seconds
    assert list(stages) == ["ingest", "clean", "extract", "resolve", "graph", "write", "commit"]
    assert all(seconds >= 0 for seconds in stages.values())
    assert stages["extract"] > 0 and stages["write"] > 0 and stages["commit"] > 0
    # with one worker, the stages are spent in turn within the build's own time
    assert sum(stages.values()) <= report.seconds
