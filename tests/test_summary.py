"""The summary graph behind the saved queries: written whole, kept up to date by incremental
builds, ordered as SPARQL orders, and left out of the graph's own exports."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import kg.store
from kg import summary
from kg.pipeline import build
from kg.queries import saved_queries
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))[:4]


def _record(doc: str, date: str, text: str) -> dict[str, str]:
    return {"id": doc, "date": date, "text": text}


def _blitar(value: str) -> str:
    return f"Sebanyak {value} pekerja di Kota Blitar telah terlindungi BPJS Ketenagakerjaan pada tahun 2024."


def _sleman(date: str) -> dict[str, str]:
    return _record(f"sleman-{date}", date, "Bupati Sleman Kustini Sri Purnomo meresmikan program itu.")


def _award(doc: str, verb: str) -> dict[str, str]:
    text = f"Kota Probolinggo {verb} Paritrana Award 2023 kategori pemerintah kota."
    return _record(doc, "2024-03-04", text)


BEFORE = [_record("maret", "2024-03-04", _blitar("12.000")), _record("mei", "2024-05-06", _blitar("12.750"))]
BEFORE += [_sleman("2023-01-10"), _award("juara", "meraih"), _award("calon", "masuk nominasi")]
AFTER = [_record("mei", "2024-05-06", _blitar("13.100")), _record("juni", "2024-06-01", _blitar("12.900"))]
AFTER += [_sleman("2023-01-10"), _sleman("2024-02-20"), _award("juara", "meraih"), _award("calon", "meraih")]


def _corpus(folder: Path, records: list[dict[str, str]], seeds: list[Path]) -> Path:
    """A folder of seed articles and a JSON Lines file of short ones, replacing what was there."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    (folder / "berita.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def _answers(store: KnowledgeStore) -> dict[str, list[tuple[str, ...]]]:
    """Every saved query's rows, in the order they come, as text."""
    return {
        query.name: [tuple(str(value) for value in row.values()) for row in store.select(query.sparql)]
        for query in saved_queries()
    }


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each write session brought the summary up to date ("written", "anchors", "compared")."""
    seen: list[str] = []

    def spy(*args: Any) -> str:
        how = summary.refresh(*args)
        seen.append(how)
        return how

    monkeypatch.setattr(kg.store, "refresh_summary", spy)
    return seen


def _rebuilt_against_fresh(tmp_path: Path) -> tuple[KnowledgeStore, KnowledgeStore]:
    """One store built, then built again after articles changed, came and went; one built afresh."""
    corpus = _corpus(tmp_path / "corpus", BEFORE, SEEDS)
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store, workers=1)
    _corpus(corpus, AFTER, [SEEDS[0], SEEDS[3]])  # SEEDS[2] gone
    grown = SEEDS[1].read_text(encoding="utf-8") + "\n" + _blitar("7.500")
    (corpus / SEEDS[1].name).write_text(grown, encoding="utf-8")  # SEEDS[1] changed
    build([corpus], store, workers=1)
    fresh = KnowledgeStore(tmp_path / "fresh")
    build([corpus], fresh, workers=1, full=True)
    return store, fresh


def test_an_incremental_build_leaves_the_rows_a_fresh_build_writes(
    tmp_path: Path, refreshes: list[str]
) -> None:
    store, fresh = _rebuilt_against_fresh(tmp_path)
    assert refreshes == ["written", "anchors", "written"]
    rebuilt, expected = _answers(store), _answers(fresh)
    assert rebuilt == expected
    over_time = [row for row in expected["figures-over-time"] if "Blitar" in row[0]]
    assert [(row[-1], row[3]) for row in over_time] == [
        (SEEDS[1].stem, "7500"),  # in time order: all of 2024, by the articles' dates
        ("mei", "13100"),
        ("juni", "12900"),
    ]
    assert any("sleman-2024-02-20" in row[-1] for row in expected["officials-over-time"])
    probolinggo = [row[3] for row in expected["awards-by-year"] if row[2] == "Kota Probolinggo"]
    assert probolinggo == ["winner"]  # one conferral; the nominee the other article stated is gone


def test_rows_put_where_no_gap_is_left_renumber_their_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refreshes: list[str]
) -> None:
    monkeypatch.setattr(summary, "GAP", 1)  # every position taken: any row put between two moves the rest
    store, fresh = _rebuilt_against_fresh(tmp_path)
    assert refreshes[1] == "anchors"
    assert _answers(store) == _answers(fresh)


def test_a_build_that_changes_most_graphs_compares_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refreshes: list[str]
) -> None:
    monkeypatch.setattr(summary, "BULK_FLOOR", 0)  # a share of the graphs, however few there are
    corpus = _corpus(tmp_path / "corpus", BEFORE, [])
    store = KnowledgeStore(tmp_path / "kg")
    build([corpus], store, workers=1)
    _corpus(corpus, AFTER, [])
    build([corpus], store, workers=1)
    assert refreshes == ["written", "compared"]
    fresh = KnowledgeStore(tmp_path / "fresh")
    build([corpus], fresh, workers=1, full=True)
    assert _answers(store) == _answers(fresh)


def test_an_in_memory_store_answers_in_the_same_order(seed_store: KnowledgeStore) -> None:
    memory = KnowledgeStore(None)
    build([ROOT / "seeds"], memory, workers=1)
    assert _answers(memory) == _answers(seed_store)


def test_every_summary_computed_whole_or_by_anchor_is_the_same(seed_store: KnowledgeStore) -> None:
    for each in summary.SUMMARIES:
        whole = summary.compute(each, seed_store.store)
        raw = summary.select(seed_store.store, each.bulk)
        found = {row[each.anchor] for row in raw if row[each.anchor] is not None}
        anchors = sorted(found, key=summary.term_key)
        assert [row.key for row in summary.compute(each, seed_store.store, anchors)] == [r.key for r in whole]
        assert whole or each.name == "figure-disagreements", each.name


def _written(store: KnowledgeStore) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The summary graph's quads and the sidecar's rows of a store's live generation."""
    assert store.path is not None and store.generation is not None
    quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(summary.SUMMARY_GRAPH))
    folder = store.path / kg.store.GENERATIONS / store.generation
    with sqlite3.connect(folder / summary.SIDECAR) as db:
        rows = sorted(db.execute("SELECT query, key, anchor, rank FROM rows"))
    return sorted(str(quad) for quad in quads), rows


def test_a_large_store_staged_a_chunk_of_anchors_at_a_time_gets_the_same_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus", BEFORE, SEEDS)
    whole = KnowledgeStore(tmp_path / "whole")
    build([corpus], whole, workers=1)
    monkeypatch.setattr(summary, "STAGE_FROM", 0)  # every store counts as large
    monkeypatch.setattr(summary, "STAGE_CHUNK", 2)  # and its anchors come a few at a time
    staged = KnowledgeStore(tmp_path / "staged")
    build([corpus], staged, workers=1)
    assert _written(staged) == _written(whole)
    assert _written(staged)[1]  # the sidecar was written too


def test_the_summary_is_no_graph_of_data(seed_store: KnowledgeStore) -> None:
    assert summary.SUMMARY_GRAPH not in seed_store.graphs()
    assert not any(quad.graph_name.value == summary.SUMMARY_GRAPH for quad in seed_store.quads())
    held = seed_store.store.quads_for_pattern(None, None, None, ox.NamedNode(summary.SUMMARY_GRAPH))
    assert sum(1 for _ in held) > 100


def test_sort_keys_order_terms_as_oxigraph_orders_them() -> None:
    values = '1 2.5 10 -3 "b" "a"@id "B" <urn:x> <urn:a> "2024-01-02"^^xsd:date "2023-12-31"^^xsd:date UNDEF'
    sparql = f"SELECT ?v WHERE {{ VALUES ?v {{ {values} }} }}"
    store = ox.Store()
    for descending in (False, True):
        ordered = f"{sparql} ORDER BY {'DESC(?v)' if descending else '?v'}"
        expected = [row["v"] for row in summary.select(store, ordered)]
        assert sorted(expected, key=lambda t: summary.term_key(t, descending)) == expected


def test_rows_are_written_with_their_values_exact() -> None:
    awkward = [
        ox.Literal('kutip "ganda", garis miring \\ dan\nbaris baru\u2028'),
        ox.Literal("Kota Madiun", language="id"),
        ox.Literal("12000.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.NamedNode("https://w3id.org/jamsostek-kg/id/region/35.77"),
    ]
    each = summary.SUMMARIES[0]
    row = summary.SummaryRow(0, b"k", summary.row_node(each, b"k"), tuple(zip("abcd", awkward, strict=True)))
    store = ox.Store()
    store.load("".join(summary._nquads(each, [row])).encode(), format=ox.RdfFormat.N_QUADS)
    written = {quad.predicate.value.removeprefix(summary.ROW): quad.object for quad in store}
    assert [written[name] for name in "abcd"] == awkward
    assert written[each.name] == ox.Literal(str(summary.GAP), datatype=ox.NamedNode(summary.XSD + "integer"))
