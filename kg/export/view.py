"""The entity graph for people to look at: typed IRIs as nodes, IRI-to-IRI triples as edges.

The RDF graph is full of things nobody wants to see drawn: sentences, mentions,
extraction records and, when the ontology is merged in, classes and properties. This
view keeps the entities and puts each one's literal facts on its node as plain string
attributes, because GraphML/GEXF writers and Gephi reject lists and None. Nodes and
edges are added in sorted order so every writer downstream can be byte-deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.namespaces import KG, ONTOLOGY_IRI, PREFIXES, SCHEMA

META_CLASSES: frozenset[URIRef] = frozenset(
    {
        RDFS.Class,
        RDFS.Datatype,
        RDF.Property,
        OWL.Class,
        OWL.Ontology,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.TransitiveProperty,
        OWL.SymmetricProperty,
        OWL.Restriction,
        OWL.AllDisjointClasses,
        OWL.Axiom,
        SH.NodeShape,
        SH.PropertyShape,
    }
)
DEFAULT_EXCLUDED: frozenset[URIRef] = frozenset({KG.Sentence, KG.Mention}) | META_CLASSES

# dcterms:title last: articles have no label but a headline, which beats a hash-like IRI tail.
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, SCHEMA.name, DCTERMS.title)
LABEL_LANGUAGE = "id"
VALUE_SEPARATOR = " | "

# Subclass links the view knows without the ontology, so a region's class is "Province", not "Region".
KNOWN_SUBCLASSES: dict[URIRef, frozenset[URIRef]] = {
    KG.Province: frozenset({KG.Region}),
    KG.Regency: frozenset({KG.Region}),
    KG.City: frozenset({KG.Region}),
}

#: The classes of places: a region with no fact about it is gazetteer scaffolding.
REGION_CLASSES = frozenset({"Province", "Regency", "City", "Region"})

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True, order=True)
class Evidence:
    """One sentence a fact was read from, with its article's date and id (sorted newest last)."""

    date: str
    article: str
    text: str


class EntityView(nx.MultiDiGraph):
    """The entity graph plus what only the HTML page shows, kept off the nodes so GraphML is unchanged.

    `evidence` maps a node to the sentences of its kg:evidence; `mentioned` holds the nodes some
    kg:Mention refersTo (the mentions themselves are not drawn).
    """

    def __init__(self, incoming_graph_data: Any = None, **attr: Any) -> None:
        super().__init__(incoming_graph_data, **attr)
        self.evidence: dict[str, tuple[Evidence, ...]] = {}
        self.mentioned: frozenset[str] = frozenset()

    def restricted(self, nodes: Iterable[str]) -> EntityView:
        """A copy with only `nodes` (and the edges among them), in this view's order, extras kept."""
        keep = set(nodes)
        view = EntityView()
        view.add_nodes_from((node, data) for node, data in self.nodes(data=True) if node in keep)
        view.add_edges_from(
            (source, target, key, data)
            for source, target, key, data in self.edges(keys=True, data=True)
            if source in keep and target in keep
        )
        view.evidence = {node: found for node, found in self.evidence.items() if node in keep}
        view.mentioned = self.mentioned & keep
        return view


def graph_view(graph: Graph, exclude_classes: Collection[URIRef] = DEFAULT_EXCLUDED) -> EntityView:
    """The entity graph of `graph`: one node per typed IRI whose types avoid `exclude_classes`."""
    types = _types_by_node(graph)
    excluded = frozenset(exclude_classes)
    nodes = sorted(node for node, classes in types.items() if not classes & excluded)
    node_set = set(nodes)
    parents = _superclasses(graph)
    view = EntityView()
    view.evidence = _evidence(graph, node_set)
    view.mentioned = frozenset(
        str(target) for target in graph.objects(None, KG.refersTo) if isinstance(target, URIRef)
    )
    for node in nodes:
        view.add_node(str(node), **_node_attributes(graph, node, types[node], parents))
    for subject, predicate, obj in sorted(_entity_edges(graph, node_set)):
        name = prefixed_name(predicate)
        view.add_edge(str(subject), str(obj), key=name, predicate=name, label=local_name(predicate))
    return view


def prefixed_name(iri: URIRef) -> str:
    """`kg:Region` for a term in one of the project's namespaces, the full IRI otherwise.

    Uses PREFIXES rather than the graph's bindings, which rdflib may have filled with `ns1:`.
    """
    text = str(iri)
    for prefix, namespace in _NAMESPACES:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def local_name(iri: URIRef) -> str:
    """The part after the last `#` or `/` (the whole IRI when that part is empty)."""
    text = str(iri)
    tail = re.split(r"[#/]", text.rstrip("/#"))[-1]
    return tail or text


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 forbids; article text scraped from the web has them."""
    return _XML_INVALID.sub("", text)


def _types_by_node(graph: Graph) -> dict[URIRef, frozenset[URIRef]]:
    found: dict[URIRef, set[URIRef]] = defaultdict(set)
    for subject, _, cls in graph.triples((None, RDF.type, None)):
        if isinstance(subject, URIRef) and isinstance(cls, URIRef):
            found[subject].add(cls)
    return {node: frozenset(classes) for node, classes in found.items()}


def _superclasses(graph: Graph) -> dict[URIRef, frozenset[URIRef]]:
    """Every class's (transitive) superclasses, from the graph's rdfs:subClassOf plus the known ones."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for known, parents in KNOWN_SUBCLASSES.items():
        direct[known] |= parents
    for child, _, parent in graph.triples((None, RDFS.subClassOf, None)):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and child != parent:
            direct[child].add(parent)
    return {cls: frozenset(_ancestors(cls, direct)) for cls in direct}


def _ancestors(cls: URIRef, direct: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen: set[URIRef] = set()
    stack = list(direct.get(cls, ()))
    while stack:
        parent = stack.pop()
        if parent not in seen and parent != cls:
            seen.add(parent)
            stack.extend(direct.get(parent, ()))
    return seen


def most_specific_class(classes: Iterable[URIRef], parents: dict[URIRef, frozenset[URIRef]]) -> URIRef:
    """The class no other of `classes` is a subclass of; ties go to the project's own terms, then sort.

    The tie rule keeps a coverage figure a `CoverageFigure` rather than a `qb:Observation`.
    """
    candidates = set(classes)
    inherited = {ancestor for cls in candidates for ancestor in parents.get(cls, ())}
    specific = (candidates - inherited) or candidates
    own = ONTOLOGY_IRI + "#"
    return min(specific, key=lambda cls: (not str(cls).startswith(own), local_name(cls), str(cls)))


def _node_attributes(
    graph: Graph, node: URIRef, classes: frozenset[URIRef], parents: dict[URIRef, frozenset[URIRef]]
) -> dict[str, str]:
    attributes = {
        "iri": str(node),
        "label": xml_safe(node_label(graph, node)),
        "cls": local_name(most_specific_class(classes, parents)),
        "types": " ".join(sorted(prefixed_name(cls) for cls in classes)),
    }
    for name, value in sorted(_literal_properties(graph, node).items()):
        attributes.setdefault(name, value)
    return attributes


def node_label(graph: Graph, node: URIRef) -> str:
    """skos:prefLabel, else rdfs:label, schema:name, dcterms:title (`@id` first), else the IRI's tail."""
    for predicate in LABEL_PROPERTIES:
        labels = [value for value in graph.objects(node, predicate) if isinstance(value, Literal)]
        if labels:
            return str(min(labels, key=_label_rank))
    return local_name(node)


def _label_rank(label: Literal) -> tuple[int, str, str]:
    language = label.language or ""
    rank = 0 if language == LABEL_LANGUAGE else 1 if not language else 2
    return rank, language, str(label)


def _literal_properties(graph: Graph, node: URIRef) -> dict[str, str]:
    """Each literal-valued property as one string: `skos_prefLabel` -> "a | b" (sorted, no duplicates)."""
    values: dict[str, set[str]] = defaultdict(set)
    for predicate, obj in graph.predicate_objects(node):
        if isinstance(obj, Literal) and isinstance(predicate, URIRef):
            values[prefixed_name(predicate).replace(":", "_")].add(xml_safe(str(obj)))
    return {name: VALUE_SEPARATOR.join(sorted(texts)) for name, texts in values.items()}


def _entity_edges(graph: Graph, nodes: set[URIRef]) -> Iterable[tuple[URIRef, URIRef, URIRef]]:
    for node in nodes:
        for predicate, obj in graph.predicate_objects(node):
            if obj in nodes and isinstance(obj, URIRef) and isinstance(predicate, URIRef):
                yield node, predicate, obj


def without_gazetteer(view: EntityView) -> EntityView:
    """The view less the regions nothing is said about: no mention refers to them and no fact points at them.

    The gazetteer brings in every province, regency and city; drawn, they bury the news.
    """
    return view.restricted(node for node in view if not _is_region(view, node) or _has_facts(view, node))


def neighbourhood(view: EntityView, place: str, hops: int = 2) -> EntityView:
    """The part of the view within `hops` links (either way) of `place`: an IRI or a name, any case."""
    centre = find_node(view, place)
    if centre is None:
        raise ValueError(f"no entity is called {place!r}")
    return view.restricted(nx.ego_graph(view.to_undirected(as_view=True), centre, radius=hops))


def find_node(view: nx.MultiDiGraph, place: str) -> str | None:
    """The node whose IRI is `place`, else the one named `place` (case-folded; regions first, then sort)."""
    if place in view:
        return place
    wanted = place.strip().casefold()
    named = [
        node
        for node, data in view.nodes(data=True)
        if wanted in {data["label"].casefold(), *_alt_labels(data)}
    ]
    return min(named, key=lambda node: (not _is_region(view, node), node)) if named else None


def _alt_labels(data: dict[str, str]) -> set[str]:
    """altLabels, and the label less "Provinsi " ("Jawa Timur"; not "Kota "/"Kabupaten ", which differ)."""
    names = {label.casefold() for label in data.get("skos_altLabel", "").split(VALUE_SEPARATOR) if label}
    label = data["label"].casefold()
    return names | ({label.removeprefix("provinsi ")} if label.startswith("provinsi ") else set())


def _is_region(view: nx.MultiDiGraph, node: str) -> bool:
    return bool(view.nodes[node]["cls"] in REGION_CLASSES)


def _has_facts(view: EntityView, node: str) -> bool:
    if node in view.mentioned:
        return True
    return any(not _is_region(view, source) for source in view.predecessors(node))


def _evidence(graph: Graph, nodes: set[URIRef]) -> dict[str, tuple[Evidence, ...]]:
    """Each node's kg:evidence as sentences (mention -> kg:inSentence -> kg:text), with date and id."""
    found: dict[str, set[Evidence]] = defaultdict(set)
    texts: dict[Node, str] = {}  # a sentence is evidence of several nodes, an article has many sentences
    sources: dict[Node | None, tuple[str, str]] = {}
    for node, _, mention in graph.triples((None, KG.evidence, None)):
        if node not in nodes:
            continue
        for sentence in graph.objects(mention, KG.inSentence):
            if sentence not in texts:
                texts[sentence] = xml_safe(_first(graph, sentence, (KG.text,)))
            text = texts[sentence]
            if text:
                article = _article_of(graph, mention, sentence)
                if article not in sources:
                    sources[article] = ("", "") if article is None else _source(graph, article)
                found[str(node)].add(Evidence(*sources[article], text))
    return {node: tuple(sorted(items)) for node, items in sorted(found.items())}


def _article_of(graph: Graph, mention: Node, sentence: Node) -> Node | None:
    ways = ((mention, KG.inArticle), (sentence, KG.inArticle), (sentence, DCTERMS.isPartOf))
    for subject, predicate in ways:
        article = graph.value(subject, predicate)
        if article is not None:
            return article
    return None


def _source(graph: Graph, article: Node) -> tuple[str, str]:
    """An article's date and id."""
    date = _first(graph, article, (DCTERMS.date, SCHEMA.datePublished))
    doc = _first(graph, article, (DCTERMS.identifier, KG.docId)) or local_name(URIRef(str(article)))
    return date, doc


def _first(graph: Graph, subject: Node, predicates: tuple[URIRef, ...]) -> str:
    for predicate in predicates:
        values = sorted(str(item) for item in graph.objects(subject, predicate) if isinstance(item, Literal))
        if values:
            return values[0]
    return ""
