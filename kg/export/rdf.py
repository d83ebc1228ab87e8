"""RDF exports of the store: every standard serialisation, byte-identical for the same graph.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) carry the merged graph; dataset
formats (N-Quads, TriG) carry every named graph, so provenance survives. Lines of the
line-based formats are sorted; JSON-LD gets an inline context of the project's prefixes.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import PREFIXES, bind_prefixes
from kg.store import KnowledgeStore, to_rdflib

TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
DATASET_FORMATS = {"nquads": "nquads", "trig": "trig"}
RDF_FORMATS = tuple(TRIPLE_FORMATS) + tuple(DATASET_FORMATS)


class SortedGraph(Graph):
    """An rdflib Graph that lists all of its triples in sorted order.

    rdflib's memory store keeps a graph's triples in a set, whose order changes from
    one process to the next (hash randomisation); writers that walk every triple
    (RDF/XML, JSON-LD) would then write different bytes for the same graph.
    """

    def triples(self, triple, **kwargs):
        found = super().triples(triple, **kwargs)
        return iter(sorted(found)) if triple == (None, None, None) else found


def merged_graph(store: KnowledgeStore) -> Graph:
    """The merged (default) graph as an rdflib Graph that writes the same bytes in every process."""
    graph = bind_prefixes(SortedGraph())
    for quad in sorted(store.merged(), key=lambda q: (str(q.subject), str(q.predicate), str(q.object))):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


def _with_prefixes(items: list[ox.Triple] | list[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """Turtle or TriG written by Oxigraph (fast at a million triples), prefix lines sorted.

    Resource IRIs stay whole: their paths hold slashes, which a `kgid:` prefixed name
    could only write escaped (`kgid:region\\/35.77`).
    """
    prefixes = {name: iri for name, iri in PREFIXES.items() if name != "kgid"}
    text = (ox.serialize(items, format=fmt, prefixes=prefixes) or b"").decode("utf-8")
    lines = text.splitlines(keepends=True)
    header = sorted(line for line in lines if line.startswith("@prefix "))
    return "".join(header + [line for line in lines if not line.startswith("@prefix ")]).encode("utf-8")


def _key(statement: ox.Triple | ox.Quad) -> tuple[str, ...]:
    graph = str(statement.graph_name) if isinstance(statement, ox.Quad) else ""
    return graph, str(statement.subject), str(statement.predicate), str(statement.object)


def _sorted_lines(data: bytes) -> bytes:
    """N-Triples or N-Quads with their lines sorted.

    Lines are split on LF bytes only: a literal may hold U+2028 or U+0085 unescaped,
    which `str.splitlines` would take for line ends. Sorting UTF-8 bytes gives code
    point order, and leaves the text undecoded (a million lines stay affordable).
    """
    lines = sorted(line for line in data.split(b"\n") if line.strip())
    return b"\n".join(lines) + b"\n"


def serialize(store: KnowledgeStore, fmt: str) -> bytes:
    """The store in one RDF format."""
    if fmt == "ntriples":
        data = store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return _sorted_lines(data or b"")
    if fmt == "nquads":
        quads = list(store.quads())
        return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    if fmt == "trig":
        return _with_prefixes(sorted(store.quads(), key=_key), ox.RdfFormat.TRIG)
    if fmt == "turtle":
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.merged()]
        return _with_prefixes(sorted(triples, key=_key), ox.RdfFormat.TURTLE)
    graph = merged_graph(store)
    if fmt == "jsonld":
        document = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True))
        document.get("@graph", []).sort(key=lambda node: node.get("@id", ""))
        return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return graph.serialize(format=TRIPLE_FORMATS[fmt]).encode("utf-8")
