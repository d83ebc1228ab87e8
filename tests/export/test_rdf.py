"""RDF serialisations of a store: exact literals and sorted, well-split lines."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import rdf
from kg.export.rdf import STREAMED_FORMATS, serialize, write_rdf
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


@pytest.mark.parametrize("fmt", STREAMED_FORMATS)
def test_an_export_sorted_in_many_runs_is_the_one_sorted_at_once(
    seed_store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    whole = serialize(seed_store, fmt)
    runs: list[Path] = []
    write_run = rdf._write_run
    monkeypatch.setattr(rdf, "RUN_BYTES", 4000)  # runs of a few dozen lines, merged back together
    monkeypatch.setattr(rdf, "_write_run", lambda chunk, path: runs.append(write_run(chunk, path)) or path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    written = io.BytesIO()
    write_rdf(seed_store, fmt, written)
    assert written.getvalue() == whole
    assert len(runs) > 20
    assert not list(tmp_path.iterdir())  # the runs and the other temporary files are gone
