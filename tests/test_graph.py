"""The graph stage: IRIs minted from readable parts, and who is one person across articles."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Literal

from kg.graph import iri, quad_order
from kg.pipeline import build
from kg.store import KnowledgeStore


def _persons(tmp_path: Path, texts: dict[str, str]) -> dict[str, set[str]]:
    """Person IRI -> the articles that mention it, for a small corpus."""
    path = tmp_path / "berita.jsonl"
    records = [json.dumps({"id": doc, "text": text}) for doc, text in texts.items()]
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    store = KnowledgeStore(tmp_path / "kg")
    build([path], store)
    rows = store.select("SELECT ?p ?doc WHERE { ?p a kg:Person ; kg:evidence/kg:inArticle/kg:docId ?doc }")
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(str(row["p"]), set()).add(str(row["doc"]))
    return found


def test_a_full_name_is_one_person_across_articles(tmp_path: Path) -> None:
    persons = _persons(
        tmp_path,
        {
            "a": "Bupati Sleman Kustini Sri Purnomo meresmikan program perlindungan pekerja.",
            "b": "Kustini Sri Purnomo, Bupati Sleman, menyerahkan santunan kepada ahli waris.",
        },
    )
    assert persons[str(iri("person", "kustini-sri-purnomo"))] == {"a", "b"}


def test_a_one_word_name_is_one_person_only_within_one_office(tmp_path: Path) -> None:
    persons = _persons(
        tmp_path,
        {
            "a": "Bupati Kutai Timur Sulaiman membuka sosialisasi jaminan sosial.",
            "b": "Bupati Kutai Timur Sulaiman kembali menyerahkan santunan.",
            "c": "Kepala Dinas Tenaga Kerja Kota Ambon, Sulaiman, hadir dalam acara itu.",
        },
    )
    sulaiman = {p: docs for p, docs in persons.items() if "/person/sulaiman/" in p}
    assert sorted(sulaiman.values(), key=sorted) == [{"a", "b"}, {"c"}]


def test_quads_sort_by_graph_then_subject_predicate_object() -> None:
    g, s, p = iri("graph", "a"), iri("region", "35"), iri("x")
    quads = [(s, p, Literal("b"), g), (s, p, Literal("a"), g), (s, p, iri("region", "34"), iri("graph", "0"))]
    assert [str(q[2]) for q in sorted(quads, key=quad_order)] == [str(iri("region", "34")), "a", "b"]
