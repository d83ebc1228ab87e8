"""The saved queries of ontology/queries/: each runs, and the time-aware ones answer what they promise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.queries import SavedQuery, resolve_query, saved_queries
from kg.store import KnowledgeStore

#: Saved queries that may rightly answer nothing on the seeds (tested on a corpus of their own below).
MAY_BE_EMPTY_ON_SEEDS = {"figure-disagreements"}


@pytest.mark.parametrize("query", saved_queries(), ids=lambda q: q.name)
def test_every_saved_query_runs_on_the_seed_graph(seed_store: KnowledgeStore, query: SavedQuery) -> None:
    assert query.title and query.description
    rows = list(seed_store.select(query.sparql))
    assert rows or query.name in MAY_BE_EMPTY_ON_SEEDS, f"{query.name} answered nothing on the seed graph"


def test_a_query_is_found_by_name_by_file_or_taken_as_written(tmp_path: Path) -> None:
    assert "row:awards-by-year ?position" in resolve_query("awards-by-year")
    path = tmp_path / "mine.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    assert resolve_query(str(path)).startswith("SELECT")
    assert resolve_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    with pytest.raises(KeyError, match="not a saved query"):
        resolve_query("no-such-query")


#: Each saved query's definition: the same question asked of the data itself, ORDER BY included.
REFERENCE = Path(__file__).resolve().parents[1] / "ontology" / "queries" / "definitions"
#: GROUP_CONCAT columns: the summary lists the items in code-point order, the definition in the order
#: the engine met them (no order at all), so they are compared as sets.
LISTS = {"merged-across-articles": {"docs": " ", "writtenAs": " | "}, "officials-over-time": {"sources": " "}}
#: The columns of each definition's ORDER BY ("period" is COALESCE(?year, YEAR(?asOf))).
ORDER = {
    "awards-by-year": ("year", "award", "recipient"),
    "coverage-figures": ("subject", "year", "value"),
    "figure-disagreements": ("subject", "year", "segment", "doc", "otherDoc"),
    "figures-over-time": ("subject", "segment", "unit", "period", "asOf", "doc"),
    "merged-across-articles": ("articles", "type", "entity"),
    "officials-by-region": ("in", "role", "name"),
    "officials-over-time": ("where", "role", "firstStated", "name"),
    "provenance": ("article", "begin"),
    "regulations-by-region": ("issuer", "year", "kind", "number"),
}
Answer = list[dict[str, str | tuple[str, ...]]]


def _answer(store: KnowledgeStore, sparql: str, lists: dict[str, str]) -> Answer:
    rows: Answer = []
    for row in store.select(sparql):
        text = {name: "" if value is None else value.n3() for name, value in row.items()}
        year, as_of = row.get("year"), row.get("asOf")
        text["period"] = str(year) if year is not None else str(as_of)[:4] if as_of is not None else ""
        listed = {k: tuple(sorted(str(row[k]).split(separator))) for k, separator in lists.items()}
        rows.append({**text, **listed})
    return rows


@pytest.mark.parametrize("query", saved_queries(), ids=lambda q: q.name)
def test_a_saved_query_answers_the_rows_of_its_definition_in_its_order(
    seed_store: KnowledgeStore, query: SavedQuery
) -> None:
    lists = LISTS.get(query.name, {})
    answer = _answer(seed_store, query.sparql, lists)
    expected = _answer(seed_store, (REFERENCE / f"{query.name}.rq").read_text(encoding="utf-8"), lists)
    assert sorted(map(repr, answer)) == sorted(map(repr, expected))
    order = ORDER[query.name]
    assert [[row[c] for c in order] for row in answer] == [[row[c] for c in order] for row in expected]


def _corpus(tmp_path: Path, records: list[dict[str, str]]) -> KnowledgeStore:
    path = tmp_path / "berita.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = KnowledgeStore(tmp_path / "kg")
    report = build([path], store)
    assert report.articles == len(records) and not report.problems
    return store


def _rows(store: KnowledgeStore, name: str) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items() if v is not None} for row in store.select(resolve_query(name))]


def test_two_articles_that_disagree_on_a_figure_are_both_kept_and_listed(tmp_path: Path) -> None:
    store = _corpus(
        tmp_path,
        [
            {
                "id": "maret",
                "date": "2024-03-04",
                "text": "Sebanyak 12.000 pekerja di Kota Blitar telah terlindungi "
                "BPJS Ketenagakerjaan pada tahun 2024.",
            },
            {
                "id": "mei",
                "date": "2024-05-06",
                "text": "Sebanyak 12.750 pekerja di Kota Blitar telah terlindungi "
                "BPJS Ketenagakerjaan pada tahun 2024.",
            },
        ],
    )
    [row] = _rows(store, "figure-disagreements")
    assert (row["subject"], row["year"]) == ("Kota Blitar", "2024")
    assert {(row["doc"], row["value"]), (row["otherDoc"], row["otherValue"])} == {
        ("maret", "12000"),
        ("mei", "12750"),
    }
    over_time = _rows(store, "figures-over-time")
    assert [(r["doc"], r["value"]) for r in over_time] == [("maret", "12000"), ("mei", "12750")]


def test_an_office_holder_is_listed_with_the_dates_of_the_articles_that_state_it(tmp_path: Path) -> None:
    store = _corpus(
        tmp_path,
        [
            {
                "id": "a",
                "date": "2023-01-10",
                "text": "Bupati Sleman Kustini Sri Purnomo meresmikan program itu.",
            },
            {"id": "b", "date": "2024-02-20", "text": "Bupati Sleman Kustini Sri Purnomo kembali hadir."},
        ],
    )
    [row] = [r for r in _rows(store, "officials-over-time") if r["name"] == "Kustini Sri Purnomo"]
    assert (row["where"], row["role"]) == ("Kabupaten Sleman", "Bupati")
    assert (row["firstStated"], row["lastStated"], row["articles"]) == ("2023-01-10", "2024-02-20", "2")
