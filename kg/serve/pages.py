"""What the pages show, read from the store: plain dataclasses and dicts, no HTTP and no HTML.

Entity pages, the dataset page and its downloads, the search index and the VoID/DCAT
description of the data set (the graph explorer's data is kg.serve.explore, which shares
the node descriptions made here). Each function takes the store first and returns plain
data: the server runs them in its page workers (kg.serve.pool), so that they too stop at
the time limit; an entity linked from thousands of others can make them slow.

An entity page is centred on facts, as Wikidata's are: the statements about the entity
grouped by kind (kg.serve.statements), each with the sentences it was read from, then its
own details, its sources, and at the bottom every triple for experts. Long lists are
shown a page at a time, with their totals: a section of a page is paged through on its
own (`view`, `page`).

A link (`href`) is made only to this server's own pages or to an http(s) IRI: an IRI of
the data such as `javascript:...` is shown as text, never as something to click.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS, XSD

from kg.export.html import class_colour
from kg.export.view import local_name
from kg.namespaces import KG, ONTOLOGY_IRI, PREFIXES, RESOURCE_BASE, bind_prefixes
from kg.serve import downloads
from kg.serve.labels import COMPOSERS, figure_value
from kg.serve.nodes import LABEL_IRIS, LABELS, NodeInfo, describe, local_path, rows
from kg.serve.nodes import href_of as href_of  # explore and overviews link through pages
from kg.serve.nodes import ref as _ref
from kg.serve.nodes import values as _values
from kg.serve.statements import (
    GROUP_KEYS,
    GROUPS,
    ArticleRef,
    Source,
    Sources,
    StatementGroup,
    Value,
    Window,
    article_facts,
    article_refs,
    mention_sources,
    sources,
    statement_groups,
    value_of,
    wanted_sources,
    with_sources,
)
from kg.serve.vocabulary import declaration_order, super_properties
from kg.store import KnowledgeStore

VOID = Namespace("http://rdfs.org/ns/void#")
RDF_TYPE = str(RDF.type)
HIDDEN_CLASSES = frozenset({str(KG.Sentence), str(KG.Mention)})
SEARCHED = (*LABELS, "skos:altLabel", "kg:kemendagriCode")
EVIDENCE_SHOWN = 10  # sources on an entity's page; the rest are paged through
GROUP_SHOWN = 15  # statements of each group on an entity's page
PAGE_SIZE = 50  # items per page when one section is paged through
RAW_SHOWN = 100  # triples per page of the table of every triple
# Classes whose pages list the articles that mention them (a fact's own sources say as much).
LISTS_ARTICLES = frozenset(
    {"Region", "Province", "Regency", "City", "Person", "Organization", "Programme", "Award"}
)
# Shown elsewhere on the page (the title, aliases, the marked sentence) or only of use to machines.
NOT_DETAILS = frozenset(
    {
        RDF_TYPE,
        str(KG.evidence),
        str(SKOS.altLabel),
        *(iri for iri in LABEL_IRIS if iri != str(DCTERMS.title)),
        str(KG.beginIndex),
        str(KG.endIndex),
        str(KG.text),
        str(KG.anchorText),
        str(KG.unit),
        str(KG.mentions),
    }
)
NO_EVIDENCE = Window(1, EVIDENCE_SHOWN, 0)
NO_TRIPLES = Window(1, RAW_SHOWN, 0)
_FACTS_VIEW = re.compile(r"facts-\w+")


class NotFound(LookupError):
    """No such resource in the graph."""


class BadView(ValueError):
    """A section of a page that no page has (`?show=`)."""


def resource_iri(path: str) -> str:
    """The IRI a server path `/id/<path>` stands for; ValueError when it is no valid IRI."""
    return ox.NamedNode(RESOURCE_BASE + path).value


def describe_nodes(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, NodeInfo]:
    """Label, class and page of each IRI (kg.serve.nodes.describe, as a page worker runs it)."""
    return describe(store, iris)


# --- entity pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PropertyRow:
    """A property and its values; `incoming` when the values are the subjects pointing at the entity."""

    iri: str
    values: tuple[Value, ...]
    incoming: bool = False


@dataclass(frozen=True)
class SentenceItem:
    index: int
    text: str
    href: str | None


@dataclass(frozen=True)
class MentionView:
    """A mention as a reader meets it: the sentence with the anchor marked, and the facts it supports."""

    source: Source
    facts: tuple[NodeInfo, ...]


@dataclass(frozen=True)
class EntityPage:
    """Everything the HTML page of one resource shows; with a `view`, that one section only."""

    node: NodeInfo
    view: str
    aliases: tuple[str, ...] = ()
    details: tuple[PropertyRow, ...] = ()
    groups: tuple[StatementGroup, ...] = ()
    evidence: tuple[Source, ...] = ()
    evidence_window: Window = NO_EVIDENCE
    article: ArticleRef | None = None
    mentions: tuple[MentionView, ...] = ()
    sentences: tuple[SentenceItem, ...] = ()
    raw: tuple[PropertyRow, ...] = ()
    raw_window: Window = NO_TRIPLES


def check_view(view: str) -> None:
    """Refuse a section no page has, before any query runs (BadView, with the sections there are)."""
    if view and view not in ("evidence", "raw", *GROUP_KEYS) and not _FACTS_VIEW.fullmatch(view):
        known = ", ".join(sorted(("evidence", "raw", *GROUP_KEYS)))
        raise BadView(f"no section {view!r} on an entity page; there are {known} and facts-<Class>")


def entity_page(store: KnowledgeStore, iri: str, view: str = "", page: int = 1) -> EntityPage:
    """The page of one resource, or its section `view` at `page`; NotFound when the graph does not know it."""
    check_view(view)
    node = describe(store, [iri])[iri]
    if view == "raw":
        raw, raw_window = _raw(store, iri, page)
        if not raw_window.total:
            raise NotFound(iri)
        return EntityPage(node, view, raw=raw, raw_window=raw_window)
    triples = _triples(store, iri)
    if not triples:
        raise NotFound(iri)
    if view == "evidence":
        evidence, window = _evidence(store, iri, page, PAGE_SIZE)
        return EntityPage(node, view, evidence=evidence, evidence_window=window)
    groups = _groups(store, node, view, page, PAGE_SIZE if view else GROUP_SHOWN)
    wanted = wanted_sources(groups) | ({} if view else {iri: (0, EVIDENCE_SHOWN)})
    # the statements' sources and the entity's own in three queries; an article's facts, from it only
    found = sources(store, wanted, article=iri if node.cls == "Article" else None)
    if view:
        return EntityPage(node, view, groups=tuple(with_sources(groups, found)))
    details, aliases = _details(store, node)
    own = found.get(iri, Sources())
    return EntityPage(
        node,
        view,
        aliases=aliases,
        details=details,
        groups=tuple(with_sources(groups, found)),
        evidence=own.items,
        evidence_window=Window(1, EVIDENCE_SHOWN, own.total),
        article=article_refs(store, [iri])[iri] if node.cls == "Article" else None,
        mentions=_mentions(store, node),
        sentences=_sentences(store, iri) if node.cls == "Article" else (),
        raw_window=Window(1, RAW_SHOWN, triples),  # listed on its own page (view "raw"): for experts
    )


def _groups(
    store: KnowledgeStore, node: NodeInfo, view: str, page: int, size: int
) -> tuple[StatementGroup, ...]:
    if node.cls == "Article":
        return tuple(article_facts(store, node.iri, view, page, size))
    specs = [
        spec
        for spec in GROUPS
        if (not view or spec.key == view) and (spec.key != "articles" or node.cls in LISTS_ARTICLES)
    ]
    return tuple(statement_groups(store, node.iri, specs, page, size)) if specs else ()


def _details(store: KnowledgeStore, node: NodeInfo) -> tuple[tuple[PropertyRow, ...], tuple[str, ...]]:
    """The entity's own properties for readers, each value once, and the other names it goes by."""
    outgoing = [
        (row["p"].value, row["o"])
        for row in rows(store, f"SELECT ?p ?o WHERE {{ {_ref(node.iri)} ?p ?o FILTER(?p != kg:evidence) }}")
    ]
    # a composed label (kg.serve.labels) replaces the builder's, which is no other name of the thing
    named = (str(SKOS.altLabel),) if node.cls in COMPOSERS else (*LABEL_IRIS, str(SKOS.altLabel))
    aliases = tuple(sorted({o.value for p, o in outgoing if p in named} - {node.label, ""}, key=str.casefold))
    present = {(p, o.value) for p, o in outgoing}
    supers = super_properties()
    shown = [
        (p, o)
        for p, o in outgoing
        if p not in NOT_DETAILS
        and not (p == str(DCTERMS.title) and o.value == node.label)  # the page's own heading
        and not any((sub, o.value) in present for sub in _subs_of(p, supers))
    ]
    nodes = describe(store, {o.value for _, o in shown if isinstance(o, ox.NamedNode)})
    by_property: dict[str, list[Value]] = defaultdict(list)
    for p, o in shown:
        by_property[p].append(_detail_value(p, o, node, outgoing, nodes))
    order = declaration_order()
    return (
        tuple(
            PropertyRow(p, tuple(sorted(vs, key=lambda v: (v.text.casefold(), v.iri or ""))))
            for p, vs in sorted(
                by_property.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
            )
        ),
        aliases,
    )


def _subs_of(prop: str, supers: dict[str, frozenset[str]]) -> list[str]:
    return [sub for sub, ups in supers.items() if prop in ups]


def _detail_value(
    prop: str, term: Any, node: NodeInfo, outgoing: list[tuple[str, Any]], nodes: dict[str, NodeInfo]
) -> Value:
    """A value as a reader sees it: a figure's value with its unit and hedges ("±14.000 pekerja")."""
    if prop == str(KG.value) and node.cls == "CoverageFigure":
        parts = {local_name(URIRef(p)): [o.value] for p, o in outgoing}
        return Value(figure_value(parts))
    return value_of(term, nodes)


def _evidence(store: KnowledgeStore, iri: str, page: int, size: int) -> tuple[tuple[Source, ...], Window]:
    """One page of the entity's sources; a page past the last is the last (the listing says how many)."""
    found = sources(store, {iri: ((page - 1) * size, size)}).get(iri, Sources())
    window = Window.at(page, size, found.total)
    if window.page != page and found.total:
        found = sources(store, {iri: (window.offset, size)})[iri]
    return found.items, window


def _mentions(store: KnowledgeStore, node: NodeInfo) -> tuple[MentionView, ...]:
    """A mention's own sentence, or every mention of a sentence, with the facts each supports."""
    if node.cls == "Mention":
        mentions = [node.iri]
    elif node.cls == "Sentence":
        mentions = [
            row["m"].value
            for row in rows(store, f"SELECT ?m WHERE {{ ?m kg:inSentence {_ref(node.iri)} }} ORDER BY ?m")
        ]
    else:
        return ()
    cited = mention_sources(store, mentions)
    supported: dict[str, set[str]] = defaultdict(set)
    for row in rows(store, f"SELECT ?x ?m WHERE {{ VALUES ?m {{ {_values(mentions)} }} ?x kg:evidence ?m }}"):
        supported[row["m"].value].add(row["x"].value)
    facts = describe(store, {x for xs in supported.values() for x in xs})
    ordered = sorted(cited, key=lambda m: (len(cited[m].before), m))
    return tuple(
        MentionView(cited[m], tuple(sorted((facts[x] for x in supported[m]), key=lambda n: (n.cls, n.label))))
        for m in ordered
    )


def _sentences(store: KnowledgeStore, iri: str) -> tuple[SentenceItem, ...]:
    return tuple(
        SentenceItem(int(row["i"].value), row["text"].value, local_path(row["s"].value))
        for row in rows(
            store,
            f"SELECT ?s ?i ?text WHERE {{ ?s dcterms:isPartOf {_ref(iri)} ;"
            " kg:sentenceIndex ?i ; kg:text ?text } ORDER BY ?i",
        )
    )


def _raw(store: KnowledgeStore, iri: str, page: int) -> tuple[tuple[PropertyRow, ...], Window]:
    """One page of every triple the resource is in: those it is the subject of first, then the object."""
    ref = _ref(iri)
    outgoing = _count(store, f"{{ {ref} ?p ?o }}")
    window = Window.at(page, RAW_SHOWN, _triples(store, iri))
    start, stop = window.offset, window.offset + RAW_SHOWN
    found: list[tuple[str, Any, bool]] = []
    if start < outgoing:
        query = f"SELECT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o"
        found += [(r["p"].value, r["o"], False) for r in _slice(store, query, start, stop - start)]
    if stop > outgoing:
        query = f"SELECT ?p ?o WHERE {{ ?o ?p {ref} }} ORDER BY ?p ?o"
        first = max(start - outgoing, 0)
        found += [(r["p"].value, r["o"], True) for r in _slice(store, query, first, stop - outgoing - first)]
    nodes = describe(store, {o.value for _, o, _ in found if isinstance(o, ox.NamedNode)})
    grouped: dict[tuple[bool, str], list[Value]] = defaultdict(list)
    for p, o, incoming in found:
        grouped[(incoming, p)].append(value_of(o, nodes))
    return tuple(PropertyRow(p, tuple(vs), incoming) for (incoming, p), vs in grouped.items()), window


def _triples(store: KnowledgeStore, iri: str) -> int:
    """How many triples the resource is in, as subject or object."""
    ref = _ref(iri)
    return _count(store, f"{{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }}")


def _count(store: KnowledgeStore, pattern: str) -> int:
    return int(rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {pattern}")[0]["n"].value)


def _slice(store: KnowledgeStore, query: str, offset: int, limit: int) -> list[dict[str, Any]]:
    return rows(store, f"{query} LIMIT {limit} OFFSET {offset}")


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


def dataset_document(store: KnowledgeStore, base_url: str, rdflib_format: str, dumps: bool = True) -> bytes:
    """The description of the data set written in one of rdflib's formats (bytes cross processes cheaply)."""
    return dataset_description(store, base_url, dumps).serialize(format=rdflib_format, encoding="utf-8")


def dataset_description(store: KnowledgeStore, base_url: str, dumps: bool = True) -> Graph:
    """VoID and DCAT: counts, classes, vocabularies, licence, endpoint, downloads (dataDump), last build.

    `dumps` is False where the server offers no whole-graph files (over a remote endpoint).
    """
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
    for download in downloads.DOWNLOADS if dumps else ():
        dump = URIRef(base_url + "dataset/" + download.name)
        graph.add((dataset, VOID.dataDump, dump))
        graph.add((dataset, DCAT.distribution, dump))
        graph.add((dump, RDF.type, DCAT.Distribution))
        graph.add((dump, DCAT.downloadURL, dump))
        graph.add((dump, DCAT.mediaType, Literal(download.media_type)))
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


# --- the dataset page and its downloads ---------------------------------------------------------------


@dataclass(frozen=True)
class ClassCount:
    iri: str
    cls: str  # local name
    count: int

    @property
    def colour(self) -> str:
        return class_colour(self.cls)


@dataclass(frozen=True)
class DatasetSummary:
    """What the dataset page tells a reader: what the graph holds, when it was built, what to download."""

    classes: tuple[ClassCount, ...]
    triples: int
    articles: int
    first_date: str
    last_date: str
    built: str  # ISO date and time (UTC), "" when unknown
    generation: str
    licence: str
    sizes: dict[str, int | None]


def dataset_summary(store: KnowledgeStore, cache: str) -> DatasetSummary:
    """Counts per class of the ontology, the graph's size, its articles' dates and its downloads' sizes."""
    found = rows(
        store,
        "SELECT (COUNT(?a) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last)"
        " WHERE { ?a a kg:Article OPTIONAL { ?a dcterms:date ?d } }",
    )[0]
    built = last_build(store.path)
    return DatasetSummary(
        classes=tuple(
            ClassCount(cls, local_name(URIRef(cls)), n)
            for cls, n in _class_counts(store)
            if cls.startswith(ONTOLOGY_IRI)
        ),
        triples=_count(store, "{ ?s ?p ?o }"),
        articles=int(found["n"].value),
        first_date=found["first"].value if found["first"] else "",
        last_date=found["last"].value if found["last"] else "",
        built=built.isoformat() if built else "",
        generation=downloads.generation_of(store),
        licence=LICENCE,
        sizes=downloads.sizes(Path(cache), store),
    )


def dataset_download(store: KnowledgeStore, name: str, cache: str) -> str:
    """The path of the whole-graph file `name` of the live generation, made when missing.

    NotFound for a name no download has.
    """
    if name not in downloads.BY_NAME:
        raise NotFound(name)
    return str(downloads.made(Path(cache), store, name))
