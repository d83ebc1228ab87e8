"""What the pages show, read from the store: plain dataclasses and dicts, no HTTP and no HTML.

Entity pages, the search index and the VoID/DCAT description of the data set (the graph
explorer's data is kg.serve.explore, which shares the node descriptions made here). Each
function takes the store first and returns plain data: the server runs them in its page
workers (kg.serve.pool), so that they too stop at the time limit; an entity linked from
thousands of others can make them slow.

A link (`href`) is made only to this server's own pages or to an http(s) IRI: an IRI of
the data such as `javascript:...` is shown as text, never as something to click.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from kg.export.html import class_colour
from kg.export.view import KNOWN_SUBCLASSES, LABEL_LANGUAGE, local_name, most_specific_class, prefixed_name
from kg.namespaces import KG, ONTOLOGY_IRI, PREFIXES, RESOURCE_BASE, bind_prefixes
from kg.store import KnowledgeStore

VOID = Namespace("http://rdfs.org/ns/void#")
RDF_TYPE = str(RDF.type)
HIDDEN_CLASSES = frozenset({str(KG.Sentence), str(KG.Mention)})
LABELS = ("skos:prefLabel", "rdfs:label", "schema:name", "dcterms:title")
LABEL_IRIS = tuple(PREFIXES[name.split(":")[0]] + name.split(":")[1] for name in LABELS)
SEARCHED = (*LABELS, "skos:altLabel", "kg:kemendagriCode")
MAX_INCOMING = 300
MAX_EVIDENCE = 100
_PARENTS = {URIRef(cls): parents for cls, parents in KNOWN_SUBCLASSES.items()}


class NotFound(LookupError):
    """No such resource in the graph."""


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


def resource_iri(path: str) -> str:
    """The IRI a server path `/id/<path>` stands for; ValueError when it is no valid IRI."""
    return ox.NamedNode(RESOURCE_BASE + path).value


def _ref(iri: str) -> str:
    """An IRI written into SPARQL; NamedNode refuses anything that could break out of <...>."""
    return f"<{ox.NamedNode(iri).value}>"


def _values(iris: Iterable[str]) -> str:
    return " ".join(_ref(iri) for iri in iris)


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


# --- nodes: labels and classes ------------------------------------------------------------------


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


def describe_nodes(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, NodeInfo]:
    """Label, class and page of each IRI (two queries, however many IRIs)."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    labels: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    types: dict[str, set[str]] = defaultdict(set)
    for row in rows(
        store,
        # FILTER, not a second VALUES: Oxigraph joins two VALUES blocks slowly (8 ms against 1 ms).
        f"SELECT ?n ?p ?o WHERE {{ VALUES ?n {{ {_values(wanted)} }} ?n ?p ?o "
        f"FILTER(?p IN (rdf:type, {', '.join(LABELS)})) }}",
    ):
        node, predicate, value = row["n"].value, row["p"].value, row["o"]
        if predicate == RDF_TYPE:
            types[node].add(value.value)
        elif isinstance(value, ox.Literal):
            labels[node].append((LABEL_IRIS.index(predicate), _language_rank(value), value.value))
    return {iri: _node_info(iri, labels.get(iri, []), types.get(iri, set())) for iri in wanted}


def _language_rank(literal: ox.Literal) -> int:
    language = literal.language or ""
    return 0 if language == LABEL_LANGUAGE else 1 if not language else 2


def _node_info(iri: str, labels: list[tuple[int, int, str]], types: set[str]) -> NodeInfo:
    label = min(labels)[2] if labels else local_name(URIRef(iri))
    cls = local_name(most_specific_class([URIRef(t) for t in types], _PARENTS)) if types else "Resource"
    names = tuple(sorted(prefixed_name(URIRef(t)) for t in types))
    return NodeInfo(iri, label, cls, names, href_of(iri))


# --- entity pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One object of a property: a linked resource or a literal with its language or datatype."""

    text: str
    iri: str | None = None
    href: str | None = None
    note: str = ""
    cls: str = ""


@dataclass
class PropertyRow:
    predicate: str  # prefixed name
    iri: str
    values: list[Value] = field(default_factory=list)


@dataclass(frozen=True)
class EvidenceItem:
    """A sentence a fact was read from, split around the anchor text so the page can mark it."""

    before: str
    anchor: str
    after: str
    article: NodeInfo
    date: str
    rule: str
    confidence: str
    mention_href: str | None


@dataclass(frozen=True)
class SentenceItem:
    index: int
    text: str
    href: str | None


@dataclass
class EntityPage:
    node: NodeInfo
    aliases: list[str]
    properties: list[PropertyRow]
    incoming: list[PropertyRow]
    incoming_truncated: bool
    evidence: list[EvidenceItem]
    evidence_total: int
    sentences: list[SentenceItem]


def entity_page(store: KnowledgeStore, iri: str) -> EntityPage:
    """Everything the HTML page of one resource shows; NotFound when the graph does not know it."""
    outgoing = [
        (row["p"].value, row["o"]) for row in rows(store, f"SELECT ?p ?o WHERE {{ {_ref(iri)} ?p ?o }}")
    ]
    incoming = [
        (row["s"], row["p"].value)
        for row in rows(
            store,
            f"SELECT ?s ?p WHERE {{ ?s ?p {_ref(iri)} FILTER(?p NOT IN (kg:refersTo, dcterms:isPartOf)) }}"
            f" ORDER BY ?p ?s LIMIT {MAX_INCOMING + 1}",
        )
    ]
    if not outgoing and not incoming:
        raise NotFound(iri)
    linked = {o.value for _, o in outgoing if isinstance(o, ox.NamedNode)}
    linked |= {s.value for s, _ in incoming if isinstance(s, ox.NamedNode)}
    nodes = describe_nodes(store, linked | {iri})
    hidden = {str(RDF.type), str(KG.evidence), PREFIXES["skos"] + "altLabel"}
    aliases = sorted({o.value for p, o in outgoing if p == PREFIXES["skos"] + "altLabel"})
    evidence, total = _evidence(store, iri)
    return EntityPage(
        node=nodes[iri],
        aliases=aliases,
        properties=_grouped(((p, o) for p, o in outgoing if p not in hidden), nodes),
        incoming=_grouped(((p, s) for s, p in incoming[:MAX_INCOMING]), nodes),
        incoming_truncated=len(incoming) > MAX_INCOMING,
        evidence=evidence,
        evidence_total=total,
        sentences=_sentences(store, iri),
    )


def _grouped(pairs: Iterable[tuple[str, Any]], nodes: dict[str, NodeInfo]) -> list[PropertyRow]:
    by_predicate: dict[str, PropertyRow] = {}
    for predicate, term in pairs:
        row = by_predicate.setdefault(predicate, PropertyRow(prefixed_name(URIRef(predicate)), predicate))
        row.values.append(_value(term, nodes))
    for row in by_predicate.values():
        row.values.sort(key=lambda value: (value.text.casefold(), value.iri or ""))
    return sorted(by_predicate.values(), key=lambda row: row.predicate)


def _value(term: Any, nodes: dict[str, NodeInfo]) -> Value:
    if isinstance(term, ox.NamedNode):
        node = nodes.get(term.value)
        if node is not None and node.types:
            return Value(node.label, term.value, node.href, cls=node.cls)
        return Value(term.value, term.value, href_of(term.value))
    if isinstance(term, ox.Literal):
        note = f"@{term.language}" if term.language else ""
        if not note and term.datatype.value != str(XSD.string):
            note = prefixed_name(URIRef(term.datatype.value))
        return Value(term.value, note=note)
    return Value(str(term))


def _evidence(store: KnowledgeStore, iri: str) -> tuple[list[EvidenceItem], int]:
    total = rows(store, f"SELECT (COUNT(?m) AS ?n) WHERE {{ {_ref(iri)} kg:evidence ?m }}")[0]["n"]
    found = list(
        rows(
            store,
            f"""SELECT ?m ?a ?text ?sb ?mb ?me ?anchor ?date ?rule ?conf WHERE {{
              {_ref(iri)} kg:evidence ?m .
              ?m kg:inArticle ?a ; kg:inSentence ?s ; kg:beginIndex ?mb ; kg:endIndex ?me ;
                 kg:anchorText ?anchor .
              ?s kg:text ?text ; kg:beginIndex ?sb .
              OPTIONAL {{ ?a dcterms:date ?date }} OPTIONAL {{ ?m kg:rule ?rule }}
              OPTIONAL {{ ?m kg:confidence ?conf }}
            }} ORDER BY DESC(?date) ?a ?mb LIMIT {MAX_EVIDENCE}""",
        )
    )
    articles = describe_nodes(store, (row["a"].value for row in found))
    return [_evidence_item(row, articles[row["a"].value]) for row in found], int(total.value)


def _evidence_item(row: dict[str, Any], article: NodeInfo) -> EvidenceItem:
    text = row["text"].value
    start = int(row["mb"].value) - int(row["sb"].value)
    end = int(row["me"].value) - int(row["sb"].value)
    if not (0 <= start <= end <= len(text)) or text[start:end] != row["anchor"].value:
        start = end = 0  # offsets that do not fit the sentence: show it unmarked
    return EvidenceItem(
        before=text[:start],
        anchor=text[start:end],
        after=text[end:],
        article=article,
        date=row["date"].value if row["date"] else "",
        rule=row["rule"].value if row["rule"] else "",
        confidence=row["conf"].value if row["conf"] else "",
        mention_href=local_path(row["m"].value),
    )


def _sentences(store: KnowledgeStore, iri: str) -> list[SentenceItem]:
    return [
        SentenceItem(int(row["i"].value), row["text"].value, local_path(row["s"].value))
        for row in rows(
            store,
            f"SELECT ?s ?i ?text WHERE {{ ?s dcterms:isPartOf {_ref(iri)} ;"
            " kg:sentenceIndex ?i ; kg:text ?text } ORDER BY ?i",
        )
    ]


def entity_rdf(store: KnowledgeStore, iri: str, media_type: str) -> bytes:
    """The resource's description for RDF clients: every triple it is the subject or object of."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no RDF format for {media_type}")
    result = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ BIND({_ref(iri)} AS ?s) ?s ?p ?o }}"
        f" UNION {{ BIND({_ref(iri)} AS ?o) ?s ?p ?o }} }}"
    )
    assert isinstance(result, ox.QueryTriples)
    triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    del result  # pyoxigraph results must be dropped by the thread that made them
    if not triples:
        raise NotFound(iri)
    prefixes = {name: ns for name, ns in PREFIXES.items() if name != "kgid"}
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


# --- search -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    iri: str
    label: str
    cls: str
    colour: str
    href: str | None
    matched: str  # the label or alias that matched

    def as_dict(self) -> dict[str, str | None]:
        return {
            "iri": self.iri,
            "label": self.label,
            "cls": self.cls,
            "colour": self.colour,
            "href": self.href,
            "matched": self.matched,
        }


@dataclass(frozen=True)
class SearchDocuments:
    """What the search index (kg.serve.search) is built from: plain data, sent from a page worker.

    `entries` are (iri, text searched, text shown, kind): an entity's labels, aliases and
    region code ("name"), and for a person each post they hold ("context"). `with_facts` are the entities some
    kg:Mention refers to; `weight` counts each entity's evidence.
    """

    entries: list[tuple[str, str, str, str]]
    nodes: dict[str, NodeInfo]
    weight: dict[str, int]
    with_facts: frozenset[str]


def search_documents(store: KnowledgeStore) -> SearchDocuments:
    """Everything searched, read in four queries over the whole graph (once per generation)."""
    entries = [
        (row["n"].value, row["l"].value, row["l"].value, "name")
        for row in rows(
            store,
            f"SELECT DISTINCT ?n ?l WHERE {{ VALUES ?p {{ {' '.join(SEARCHED)} }} ?n ?p ?l FILTER(isIRI(?n))"
            " FILTER NOT EXISTS { ?n a ?hidden VALUES ?hidden { kg:Sentence kg:Mention } } }",
        )
    ]
    entries += _posts_held(store)
    weight = {
        row["n"].value: int(row["c"].value)
        for row in rows(store, "SELECT ?n (COUNT(?m) AS ?c) WHERE { ?n kg:evidence ?m } GROUP BY ?n")
    }
    with_facts = frozenset(
        row["n"].value for row in rows(store, "SELECT DISTINCT ?n WHERE { ?m a kg:Mention ; kg:refersTo ?n }")
    )
    nodes = describe_nodes(store, {entry[0] for entry in entries})
    return SearchDocuments(entries, nodes, weight, with_facts)


def _posts_held(store: KnowledgeStore) -> list[tuple[str, str, str, str]]:
    """One entry per post a person holds: its role and the place or organisation it is in.

    The post's own labels go in the searched text too, so "wali kota madiun" finds the
    person whose post is Wali Kota of Kota Madiun; what is shown is "role, place".
    """
    posts: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows(
        store,
        "SELECT ?person ?post ?part ?text WHERE { ?post a kg:Post ; kg:holder ?person ."
        " { ?post kg:roleLabel ?text BIND('role' AS ?part) }"
        " UNION { ?post rdfs:label|skos:prefLabel ?text BIND('label' AS ?part) }"
        " UNION { ?post kg:postIn/(skos:prefLabel|rdfs:label|skos:altLabel) ?text BIND('place' AS ?part) } }"
        " ORDER BY ?person ?post ?part ?text",
    ):
        texts = posts[(row["person"].value, row["post"].value)][row["part"].value]
        if row["text"].value not in texts:
            texts.append(row["text"].value)
    entries = []
    for (person, _post), parts in posts.items():
        shown = ", ".join([*parts["role"][:1], *parts["place"][:1]]) or "; ".join(parts["label"])
        searched = " ".join([*parts["role"], *parts["label"], *parts["place"]])
        entries.append((person, searched, shown, "context"))
    return entries


# --- the data set: VoID and DCAT -----------------------------------------------------------------------


VOCABULARIES = ("kg", "rdf", "rdfs", "skos", "dcterms", "prov", "schema", "org", "qb", "eli")
LICENCE = "https://spdx.org/licenses/MIT"


def last_build(path: Path | None) -> datetime | None:
    """When the store was last written: the newest file of its folder."""
    if path is None or not path.is_dir():
        return None
    stamps = [child.stat().st_mtime for child in path.iterdir() if child.is_file()]
    return datetime.fromtimestamp(max(stamps), UTC).replace(microsecond=0) if stamps else None


def dataset_document(store: KnowledgeStore, base_url: str, rdflib_format: str) -> bytes:
    """The description of the data set written in one of rdflib's formats (bytes cross processes cheaply)."""
    return dataset_description(store, base_url).serialize(format=rdflib_format, encoding="utf-8")


def dataset_description(store: KnowledgeStore, base_url: str) -> Graph:
    """VoID and DCAT: counts, classes, vocabularies, licence, the endpoint and the last build."""
    dataset = URIRef(base_url + ".well-known/void")
    endpoint = URIRef(base_url + "sparql")
    graph = bind_prefixes(Graph())
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    count = _counts(store)
    for cls in (VOID.Dataset, DCAT.Dataset):
        graph.add((dataset, RDF.type, cls))
    graph.add(
        (dataset, DCTERMS.title, Literal("Jaminan sosial ketenagakerjaan: regional governments", lang="en"))
    )
    graph.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Regions, officials, regulations, programmes, Paritrana Award conferrals and coverage figures"
                " read from Indonesian news, with the sentence each fact came from.",
                lang="en",
            ),
        )
    )
    graph.add((dataset, DCTERMS.license, URIRef(LICENCE)))
    graph.add((dataset, VOID.sparqlEndpoint, endpoint))
    graph.add((dataset, VOID.uriSpace, Literal(RESOURCE_BASE)))
    graph.add((dataset, VOID.rootResource, URIRef(RESOURCE_BASE + "region/35.77")))
    graph.add((dataset, VOID.exampleResource, URIRef(RESOURCE_BASE + "region/35.77")))
    graph.add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    for prefix in VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(PREFIXES[prefix])))
    for name in ("triples", "entities", "distinctSubjects", "distinctObjects", "properties", "classes"):
        graph.add((dataset, VOID[name], Literal(count[name])))
    graph.add((dataset, VOID.documents, Literal(count["articles"])))
    modified = last_build(store.path)
    if modified is not None:
        graph.add((dataset, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
    for class_iri, n in _class_counts(store):
        partition = URIRef(f"{dataset}#class-{local_name(URIRef(class_iri))}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(class_iri)))
        graph.add((partition, VOID.entities, Literal(n)))
    service = URIRef(str(endpoint) + "#service")
    graph.add((dataset, DCAT.distribution, service))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((service, DCAT.servesDataset, dataset))
    return graph


def _counts(store: KnowledgeStore) -> dict[str, int]:
    row = rows(
        store,
        """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?distinctSubjects)
                  (COUNT(DISTINCT ?o) AS ?distinctObjects) (COUNT(DISTINCT ?p) AS ?properties)
           WHERE { ?s ?p ?o }""",
    )[0]
    typed = rows(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?entities) (COUNT(DISTINCT ?c) AS ?classes) WHERE { ?s a ?c }"
    )[0]
    articles = rows(store, "SELECT (COUNT(?a) AS ?articles) WHERE { ?a a kg:Article }")[0]
    return {name: int(term.value) for row_ in (row, typed, articles) for name, term in row_.items()}


def _class_counts(store: KnowledgeStore) -> list[tuple[str, int]]:
    return [
        (row["c"].value, int(row["n"].value))
        for row in rows(
            store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
        )
    ]


def class_counts(store: KnowledgeStore) -> list[tuple[str, int, str]]:
    """The entities per class for the home page: (class name, count, colour), hidden classes left out."""
    return [
        (local_name(URIRef(cls)), n, class_colour(local_name(URIRef(cls))))
        for cls, n in _class_counts(store)
        if cls not in HIDDEN_CLASSES and cls.startswith(ONTOLOGY_IRI)
    ]
