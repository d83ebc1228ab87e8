"""Reading nodes for the pages: SELECT rows, safe links, and how each node is shown.

A node is shown by its readable label (kg.serve.labels), its most specific class and
colour, and a link to its page. A link (`href`) is made only to this server's own pages
or to an http(s) IRI: an IRI of the data such as `javascript:...` is shown as text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.export.html import class_colour
from kg.export.view import KNOWN_SUBCLASSES, LABEL_LANGUAGE, local_name, most_specific_class, prefixed_name
from kg.namespaces import KG, PREFIXES, RESOURCE_BASE
from kg.serve.labels import COMPOSERS, readable_label
from kg.store import KnowledgeStore

RDF_TYPE = str(RDF.type)
LABELS = ("skos:prefLabel", "rdfs:label", "schema:name", "dcterms:title")
LABEL_IRIS = tuple(PREFIXES[name.split(":")[0]] + name.split(":")[1] for name in LABELS)
# What composed labels are made of (kg.serve.labels): read with the labels, in the same query.
LABEL_PARTS = tuple(
    str(term)
    for term in (
        KG.award,
        KG.editionYear,
        KG.recipient,
        KG.result,
        KG.rank,
        KG.subject,
        KG.value,
        KG.unit,
        KG.segment,
        KG.refYear,
        KG.modality,
        KG.approximate,
        KG.roleLabel,
        KG.postIn,
        KG.holder,
        KG.outlet,
        DCTERMS.date,
        KG.sourceFile,
        KG.issuer,
        KG.anchorText,
        KG.text,
        DCTERMS.source,  # not a label's part: an article's original, read here to save a query
    )
)
NOT_NAMED = frozenset({"source"})  # parts whose IRIs are addresses, not nodes to name
_PARENTS = {URIRef(cls): parents for cls, parents in KNOWN_SUBCLASSES.items()}


def local_path(iri: str) -> str | None:
    """The server path of one of the graph's own IRIs (`kgid:region/35.77` -> `/id/region/35.77`)."""
    return "/id/" + iri[len(RESOURCE_BASE) :] if iri.startswith(RESOURCE_BASE) else None


def href_of(iri: str) -> str | None:
    """Where a link to `iri` goes: its page on this server, the IRI itself if http(s), else nowhere."""
    local = local_path(iri)
    if local is not None:
        return local
    try:
        scheme = urlsplit(iri).scheme.lower()
    except ValueError:
        return None
    return iri if scheme in ("http", "https") else None


def ref(iri: str) -> str:
    """An IRI written into SPARQL; NamedNode refuses anything that could break out of <...>."""
    return f"<{ox.NamedNode(iri).value}>"


def values(iris: Iterable[str]) -> str:
    """The IRIs as the body of a VALUES block."""
    return " ".join(ref(iri) for iri in iris)


def rows(store: KnowledgeStore, sparql: str) -> list[dict[str, Any]]:
    """The rows of a SELECT as dicts of pyoxigraph terms (None when unbound).

    A list, not a generator: pyoxigraph's solutions must be dropped by the thread that made
    them, and the server runs these functions in a pool of threads.
    """
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    found = [{name: solution[name] for name in names} for solution in solutions]
    del solutions
    return found


@dataclass(frozen=True)
class NodeInfo:
    """How a resource is shown: its label, most specific class and colour, and where its page is."""

    iri: str
    label: str
    cls: str
    types: tuple[str, ...]
    href: str | None

    @property
    def colour(self) -> str:
        return class_colour(self.cls)


@dataclass
class _Read:
    """What one query read of some nodes: labels (ranked), types, and the parts of composed labels."""

    labels: dict[str, list[tuple[int, int, str]]] = field(default_factory=lambda: defaultdict(list))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    parts: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )


def describe(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, NodeInfo]:
    """Label, class and page of each IRI: one query, and one more for the nodes composed labels name."""
    return describe_with_parts(store, iris)[0]


def describe_with_parts(
    store: KnowledgeStore, iris: Iterable[str]
) -> tuple[dict[str, NodeInfo], dict[str, dict[str, list[str]]]]:
    """`describe`, and the values each node's label was made of, by property local name ("date", "source")."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}, {}
    read = _read(store, wanted, LABEL_PARTS)
    classes = {iri: _class(read.types.get(iri, set())) for iri in wanted}
    linked = {
        term.value
        for iri in wanted
        if classes[iri] in COMPOSERS
        for name, terms in read.parts[iri].items()
        if name not in NOT_NAMED
        for term in terms
        if isinstance(term, ox.NamedNode)
    }
    names = {iri: _plain_label(iri, read) for iri in wanted}
    if linked - names.keys():
        others = _read(store, sorted(linked - names.keys()), ())
        names |= {iri: _plain_label(iri, others) for iri in linked - names.keys()}
    nodes = {iri: _node(iri, classes[iri], read, names) for iri in wanted}
    parts = {
        iri: {name: [term.value for term in terms] for name, terms in read.parts[iri].items()}
        for iri in wanted
        if iri in read.parts
    }
    return nodes, parts


def _read(store: KnowledgeStore, wanted: list[str], parts: tuple[str, ...]) -> _Read:
    read = _Read()
    shown = ", ".join([*LABELS, *(ref(p) for p in parts)])
    # FILTER, not a second VALUES: Oxigraph joins two VALUES blocks slowly (8 ms against 1 ms).
    for row in rows(
        store,
        f"SELECT ?n ?p ?o WHERE {{ VALUES ?n {{ {values(wanted)} }} ?n ?p ?o "
        f"FILTER(?p IN (rdf:type, {shown})) }}",
    ):
        node, predicate, value = row["n"].value, row["p"].value, row["o"]
        if predicate == RDF_TYPE:
            read.types[node].add(value.value)
        elif predicate in LABEL_IRIS and isinstance(value, ox.Literal):
            read.labels[node].append((LABEL_IRIS.index(predicate), _language_rank(value), value.value))
        if predicate in parts:
            read.parts[node][local_name(URIRef(predicate))].append(value)
    return read


def _language_rank(literal: ox.Literal) -> int:
    language = literal.language or ""
    return 0 if language == LABEL_LANGUAGE else 1 if not language else 2


def _class(types: set[str]) -> str:
    return local_name(most_specific_class([URIRef(t) for t in types], _PARENTS)) if types else "Resource"


def _plain_label(iri: str, read: _Read) -> str:
    labels = read.labels.get(iri)
    return min(labels)[2] if labels else local_name(URIRef(iri))


def _node(iri: str, cls: str, read: _Read, names: dict[str, str]) -> NodeInfo:
    plain = names[iri]
    parts = {
        name: [names.get(term.value, term.value) for term in terms]
        for name, terms in read.parts.get(iri, {}).items()
    }
    parts["label"] = [plain]
    labels = read.labels.get(iri, [])
    parts["title"] = [text for rank, _, text in labels if LABEL_IRIS[rank] == str(DCTERMS.title)]
    types = tuple(sorted(prefixed_name(URIRef(t)) for t in read.types.get(iri, ())))
    return NodeInfo(iri, readable_label(cls, parts, plain), cls, types, href_of(iri))
