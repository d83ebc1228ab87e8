"""RDF exports of the store: every standard serialisation, byte-identical for the same graph.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) carry the merged graph; dataset
formats (N-Quads, TriG) carry every named graph, so provenance survives. Lines of the
line-based formats are sorted; JSON-LD gets an inline context of the project's prefixes.
"""

from __future__ import annotations

import json
from io import BytesIO

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

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


class ExactTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer, keeping every literal's lexical form.

    rdflib writes an integral decimal such as "55"^^xsd:decimal (Oxigraph's canonical
    form) as the bare token `55.0`, which reads back as a different literal; written
    with its datatype it survives the round trip unchanged.
    """

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.decimal and "." not in node:
            return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, False))
        return super().label(node, position)


def _turtle(graph: Graph) -> bytes:
    buffer = BytesIO()
    ExactTurtleSerializer(graph).serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(line for line in data.decode("utf-8").splitlines() if line.strip()))
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize(store: KnowledgeStore, fmt: str) -> bytes:
    """The store in one RDF format."""
    if fmt == "ntriples":
        data = store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return _sorted_lines(data or b"")
    if fmt == "nquads":
        quads = list(store.quads())
        return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    if fmt == "trig":
        ordered = sorted(
            store.quads(), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
        )
        return ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES)) or b""
    graph = merged_graph(store)
    if fmt == "jsonld":
        document = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True))
        document.get("@graph", []).sort(key=lambda node: node.get("@id", ""))
        return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    if fmt == "turtle":
        return _turtle(graph)
    return graph.serialize(format=TRIPLE_FORMATS[fmt]).encode("utf-8")
