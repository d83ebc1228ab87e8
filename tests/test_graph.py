"""The graph stage: IRIs minted from readable parts, and who is one person across articles."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from kg.graph import iri, literal, minted, quad_order
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
    g, s, p = minted("graph", "a"), minted("region", "35"), minted("x")
    quads = [
        ox.Quad(s, p, ox.Literal("b"), g),
        ox.Quad(s, p, ox.Literal("a"), g),
        ox.Quad(s, p, minted("region", "34"), minted("graph", "0")),
    ]
    assert [q.object.value for q in sorted(quads, key=quad_order)] == [str(iri("region", "34")), "a", "b"]


@pytest.mark.parametrize(
    ("value", "lexical", "datatype"),
    [
        (True, "true", "boolean"),
        (2024, "2024", "integer"),
        (Decimal("0.85"), "0.85", "decimal"),
        ("Perda Nomor 5", "Perda Nomor 5", "string"),
    ],
)
def test_a_literal_is_written_as_rdflib_writes_the_same_python_value(
    value: object, lexical: str, datatype: str
) -> None:
    made = literal(value)  # type: ignore[arg-type]
    expected = Literal(value)
    assert (made.value, made.datatype.value) == (str(expected), str(expected.datatype or XSD.string))
    assert (made.value, made.datatype.value.rsplit("#", 1)[1]) == (lexical, datatype)
