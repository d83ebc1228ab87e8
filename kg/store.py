"""The store stage: an embedded, persistent Oxigraph store behind a small wrapper.

Each article lives in a named graph of its own, so it can be replaced or removed
alone. The default graph is kept as the de-duplicated union of all named graphs
(the merged view that queries read), because Oxigraph's "union default graph"
counts a triple once per graph that holds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.namespaces import sparql_prologue

DEFAULT = ox.DefaultGraph()
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Term = URIRef | Literal


def to_ox(term: Term) -> ox.NamedNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class StoreError(RuntimeError):
    """The store could not be opened or written."""


class KnowledgeStore:
    """The graph on disk (or in memory when no path is given)."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        try:
            if path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(path))
        except OSError as error:
            raise StoreError(f"{path}: cannot open the store: {error}") from error
        self.path = path

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graph(self, graph: str, quads: Iterable[tuple[Term, Term, Term, Term]]) -> int:
        """Put a named graph in place of what the store had under that name; returns its size."""
        name = ox.NamedNode(graph)
        new = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o, _ in quads]  # type: ignore[arg-type]
        self.remove_graph(graph)
        self.store.extend(new)
        self.store.extend(ox.Quad(q.subject, q.predicate, q.object, DEFAULT) for q in new)
        return len(new)

    def remove_graph(self, graph: str) -> None:
        """Remove a named graph and those of its triples that no other named graph holds."""
        name = ox.NamedNode(graph)
        if not self.store.contains_named_graph(name):
            return
        old = list(self.store.quads_for_pattern(None, None, None, name))
        self.store.remove_graph(name)
        for quad in old:
            others = self.store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)
            if not any(not isinstance(q.graph_name, ox.DefaultGraph) for q in others):
                self.store.remove(ox.Quad(quad.subject, quad.predicate, quad.object, DEFAULT))

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL 1.1 query; the project's prefixes are declared for it."""
        return self.store.query(sparql_prologue() + sparql)

    def select(self, sparql: str) -> Iterator[dict[str, URIRef | Literal | BNode | None]]:
        """The rows of a SELECT query as dicts of rdflib terms."""
        solutions = self.query(sparql)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            yield {name: (to_rdflib(row[name]) if row[name] is not None else None) for name in names}

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (or of one), without the merged default graph."""
        name = ox.NamedNode(graph) if graph else None
        for quad in self.store.quads_for_pattern(None, None, None, name):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad

    def merged(self) -> Iterator[ox.Quad]:
        """The de-duplicated union of every named graph."""
        return iter(self.store.quads_for_pattern(None, None, None, DEFAULT))

    def count(self) -> int:
        return sum(1 for _ in self.merged())
