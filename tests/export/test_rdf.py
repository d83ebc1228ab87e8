"""RDF serialisations of a store: exact literals and sorted, well-split lines."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.rdf import serialize
from kg.store import KnowledgeStore

GRAPH = URIRef("https://w3id.org/jamsostek-kg/id/graph/contoh")
NODE = URIRef("https://w3id.org/jamsostek-kg/id/article/contoh/s0")
TEXT = URIRef("https://w3id.org/jamsostek-kg/ontology#text")

AWKWARD_TEXTS = [
    "Kota Madiun\u2028meraih penghargaan",  # LINE SEPARATOR, which N-Triples need not escape
    "Bupati\u0085Bantul",  # NEXT LINE
    "baris\u000bvertikal\u000cdan form feed",
    'kutip "ganda" dan \\ garis miring',
]


@pytest.fixture
def store() -> KnowledgeStore:
    kg_store = KnowledgeStore(None)
    kg_store.replace_graph(str(GRAPH), [(NODE, TEXT, Literal(text), GRAPH) for text in AWKWARD_TEXTS])
    return kg_store


def test_line_based_formats_keep_literals_with_unusual_line_breaks_whole(store: KnowledgeStore) -> None:
    expected = Graph()
    for text in AWKWARD_TEXTS:
        expected.add((NODE, TEXT, Literal(text)))
    assert isomorphic(Graph().parse(data=serialize(store, "ntriples"), format="nt"), expected)
    dataset = Dataset()
    dataset.parse(data=serialize(store, "nquads"), format="nquads")
    assert {str(o) for _, _, o, _ in dataset.quads((None, None, None, None))} == set(AWKWARD_TEXTS)


@pytest.mark.parametrize("fmt", ["ntriples", "nquads"])
def test_line_based_formats_are_sorted(store: KnowledgeStore, fmt: str) -> None:
    lines = serialize(store, fmt).split(b"\n")
    assert lines[-1] == b"" and lines[:-1] == sorted(lines[:-1])
