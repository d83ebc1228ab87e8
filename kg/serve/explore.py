"""The graph explorer's data: an entity's neighbourhood, or the whole graph when it is small.

Plain functions of the store returning JSON-ready dicts, run in the server's page workers
(kg.serve.pool) like the entity pages, whose node descriptions they share (kg.serve.pages).

Why the neighbourhood is shaped this way: around a busy place (a province, at 2,100
articles) hundreds of entities lie one link away, most of them one per article: the
articles, the coverage figures each article states, the award conferrals of each round.
Drawn one by one they bury the few that matter, and describing each of them takes longer
than a page may. So every neighbour is read in one query, with only what the filters need
(its class, years and regions), and a class with more than GROUP_ABOVE members travels as
one group node ("78 berita / articles") that lists its members; they are described only
when the reader opens the group, a page of them at a time, newest first.

Years: a node has a year when one of its year or date properties falls in it (an award's
edition, a regulation's year, a figure's reference year, the date of an article or of the
article stating a post or figure). A node with none of its own (a place, a person, an
organisation) has the years of the dated nodes it is linked with in the view: a person
named in a 2025 article has 2025. A node with no year at all is hidden when the reader
picks one.

Regions: a fact is about the regions it links to (a figure's subject, a post's office, an
award's level and recipient, a regulation's issuer, a programme's operator), a person is
about the regions of their posts, an organisation those of the awards it received, an
article the regions it mentions, and a region is about itself and its province. The
region list offers only the regions some fact of the view is about: a province's thirty
regencies do not fill it merely because they lie in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg.export.html import class_colour
from kg.export.view import KNOWN_SUBCLASSES, local_name, most_specific_class, prefixed_name
from kg.serve.pages import NodeInfo, NotFound, _ref, _values, describe_nodes, href_of, rows
from kg.serve.vocabulary import class_iri, term_name
from kg.store import KnowledgeStore

WHOLE_GRAPH_LIMIT = 400
GROUP_ABOVE = 6  # a class with more neighbours than this is sent as one group node
GROUP_PAGE = 40  # members described per opening of a group
MAX_LINKS = 1000  # links of one entity read at most: a province has 250; a hub (the award itself) is cut
# What dates and places each kind of node, read only for that kind: reading every property of
# hundreds of neighbours costs several times more than these few lookups.
FACT_PROPERTIES = {
    "Article": ("dcterms:date",),
    "CoverageFigure": ("kg:refYear", "kg:asOf", "kg:subject"),
    "AwardConferral": ("kg:editionYear", "kg:awardLevel", "kg:recipient"),
    "Post": ("kg:asOf", "kg:postIn"),
    "Regulation": ("kg:regulationYear", "kg:issuer"),
    "Programme": ("kg:operator",),
    "Regency": ("kg:province",),
    "City": ("kg:province",),
    "Region": ("kg:province",),
}
# Links to a node's provenance (mentions, sentences) and its types are not drawn.
HIDDEN_LINKS = (
    "rdf:type",
    "kg:evidence",
    "kg:refersTo",
    "kg:inArticle",
    "kg:inSentence",
    "prov:wasDerivedFrom",
    "dcterms:isPartOf",
)
HIDDEN_TYPES = frozenset({"kg:Sentence", "kg:Mention"})
# The Indonesian and English names of a group's members (Indonesian nouns have no plural).
GROUP_NAMES = {
    "Article": ("berita", "articles"),
    "CoverageFigure": ("angka kepesertaan", "coverage figures"),
    "AwardConferral": ("pemberian penghargaan", "award conferrals"),
    "Award": ("penghargaan", "awards"),
    "Post": ("jabatan", "posts"),
    "Person": ("orang", "persons"),
    "Organization": ("organisasi", "organisations"),
    "Programme": ("program", "programmes"),
    "Regulation": ("peraturan", "regulations"),
    "Province": ("provinsi", "provinces"),
    "Regency": ("kabupaten", "regencies"),
    "City": ("kota", "cities"),
    "Region": ("daerah", "regions"),
}
_PARENTS = {URIRef(cls): parents for cls, parents in KNOWN_SUBCLASSES.items()}
_region_cache: dict[tuple[str, str], dict[str, str]] = {}


@dataclass
class Node:
    """What the filters need of one node, read before anything is described: class, years, regions."""

    iri: str
    types: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # what its facts link to; the regions among them count
    links: set[tuple[str, bool]] = field(default_factory=set)  # (predicate, from the focus) of a neighbour
    regions: set[str] = field(default_factory=set)

    @cached_property
    def cls(self) -> str:
        return _class_of(frozenset(self.types))

    @property
    def shown(self) -> bool:
        return bool(self.types) and not ({_prefixed(t) for t in self.types} & HIDDEN_TYPES)


@cache
def _class_of(types: frozenset[str]) -> str:
    """The most specific class of a set of types (a few dozen sets recur across thousands of nodes)."""
    if not types:
        return "Resource"
    return local_name(most_specific_class([URIRef(t) for t in types], _PARENTS))


@cache
def _prefixed(iri: str) -> str:
    return prefixed_name(URIRef(iri))


# --- the neighbourhood ----------------------------------------------------------------------------


def neighbourhood(
    store: KnowledgeStore,
    iri: str,
    group: str | None = None,
    offset: int = 0,
    year: int | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    """The entity, its neighbours (a class with many of them as one group node) and the links between them.

    With `group` (a class name), the members of that group instead, GROUP_PAGE of them from
    `offset`, newest first: what the explorer adds when the reader opens the group node;
    with `year` or `region`, only the members that pass those filters.
    """
    focus, by_class, listed, links_read = _read_neighbourhood(store, iri)
    if group is not None:
        members = [m for m in by_class.get(group, []) if _passes(m, year, region)]
        return _group_page(store, focus, members, group, offset)
    singles = [node for members in by_class.values() if len(members) <= GROUP_ABOVE for node in members]
    graph = _payload(store, [focus, *singles], _focus_links(iri, singles), listed)
    for cls, members in sorted(by_class.items()):
        if len(members) > GROUP_ABOVE:
            group_node, edge = _group_node(iri, cls, members)
            graph["nodes"].append(group_node)
            graph["edges"].append(edge)
    truncated = _link_count(store, iri) - links_read if links_read >= MAX_LINKS else 0
    return _finished(graph, iri, truncated)


def _read_neighbourhood(store: KnowledgeStore, iri: str) -> tuple[Node, dict[str, list[Node]], set[str], int]:
    """The focus, its neighbours by class (newest first), the regions their facts are about, links read."""
    read = _neighbours(store, iri)
    focus = read.pop(iri, None)
    if focus is None or not focus.shown:
        raise NotFound(iri)
    neighbours = [node for node in read.values() if node.shown]
    listed = _complete(store, [focus, *neighbours], [(iri, node.iri) for node in neighbours], iri)
    by_class: dict[str, list[Node]] = defaultdict(list)
    for node in sorted(neighbours, key=_newest_first):
        by_class[node.cls].append(node)
    return focus, by_class, listed, sum(len(node.links) for node in read.values())


def _passes(node: Node, year: int | None, region: str | None) -> bool:
    """Whether a node passes the explorer's filters: it has that year, it is about that region."""
    return (year is None or year in node.years) and (region is None or region in node.regions)


def _neighbours(store: KnowledgeStore, iri: str) -> dict[str, Node]:
    """`iri` and every node linked with it (up to MAX_LINKS links), with their types.

    The links in a subquery, then one type lookup per node. No ORDER BY (the old union sorted
    every link of a province before reading a thing) and no second VALUES block.
    """
    ref = _ref(iri)
    hidden = ", ".join(HIDDEN_LINKS)
    found = _typed(
        store,
        f"{{ {{ SELECT ?n ?p ?out WHERE {{ {{ {ref} ?p ?n FILTER(isIRI(?n)) BIND(true AS ?out) }}"
        f" UNION {{ ?n ?p {ref} BIND(false AS ?out) }} FILTER(?p NOT IN ({hidden}) && ?n != {ref}) }}"
        f" LIMIT {MAX_LINKS} }} }} UNION {{ BIND({ref} AS ?n) }}",
    )
    return found


def _link_count(store: KnowledgeStore, iri: str) -> int:
    ref = _ref(iri)
    found = rows(
        store,
        f"SELECT (COUNT(*) AS ?c) WHERE {{ {{ {ref} ?p ?n FILTER(isIRI(?n)) }} UNION {{ ?n ?p {ref} }}"
        f" FILTER(?p NOT IN ({', '.join(HIDDEN_LINKS)})) }}",
    )
    return int(found[0]["c"].value)


def _typed(store: KnowledgeStore, pattern: str) -> dict[str, Node]:
    """The nodes `pattern` binds to ?n with their types (and ?p, ?out: their links to a focus).

    One row per type and link, its nodes joined: a row costs Oxigraph and Python far more
    than the IRIs in it, and a province has hundreds of neighbours in a dozen such rows.
    """
    found: dict[str, Node] = {}
    for row in rows(
        store,
        f"SELECT ?p ?out ?t (GROUP_CONCAT(STR(?n); separator=' ') AS ?ns) WHERE {{ {pattern} ?n a ?t }}"
        " GROUP BY ?p ?out ?t",
    ):
        for iri in _joined(row["ns"]):
            node = found.setdefault(iri, Node(iri))
            node.types.add(row["t"].value)
            if row["p"] is not None:
                node.links.add((row["p"].value, row["out"].value == "true"))
    return found


def _joined(text: ox.Literal) -> list[str]:
    """The IRIs a GROUP_CONCAT joined with spaces (an IRI holds none)."""
    return text.value.split(" ") if text.value else []


def _complete(
    store: KnowledgeStore, nodes: list[Node], pairs: Iterable[tuple[str, str]], focus: str | None = None
) -> set[str]:
    """Fill in every node's years and regions; return the regions the nodes' facts are about.

    A node without a year of its own (a place, a person) takes the years of the nodes linked
    with it in `pairs`, as the offline HTML graph does.
    """
    _read_facts(store, nodes, focus)
    regions = _region_names(store).keys()
    for node in nodes:
        node.regions = node.places & regions
        if node.iri in regions:
            node.regions.add(node.iri)
    _people_and_bodies(store, [node for node in nodes if node.cls in ("Person", "Organization")], regions)
    listed = {r for node in nodes if node.cls != "Article" and node.iri not in regions for r in node.regions}
    _article_regions(store, [node for node in nodes if node.cls == "Article"], listed)
    _lend_years({node.iri: node for node in nodes}, pairs)
    return listed


def _read_facts(store: KnowledgeStore, nodes: list[Node], focus: str | None) -> None:
    """Each node's years (from year and date properties) and places, by the properties of its kind.

    A property by which a neighbour links to the focus is not read again: the figures of a
    city have it as their subject, its regencies have the province as theirs.
    """
    by_properties: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for node in nodes:
        known = {_prefixed(p) for p, out in node.links if not out}
        wanted = tuple(p for p in FACT_PROPERTIES.get(node.cls, ()) if p not in known)
        if focus is not None and len(wanted) < len(FACT_PROPERTIES.get(node.cls, ())):
            node.places.add(focus)
        if wanted:
            by_properties[wanted].append(node.iri)
    if not by_properties:
        return
    branches = " UNION ".join(
        f"{{ VALUES ?n {{ {_values(iris)} }} ?n {'|'.join(properties)} ?v }}"
        for properties, iris in sorted(by_properties.items())
    )
    by_iri = {node.iri: node for node in nodes}
    for row in rows(store, f"SELECT ?n ?v WHERE {{ {branches} }}"):
        node, value = by_iri[row["n"].value], row["v"]
        if isinstance(value, ox.NamedNode):
            node.places.add(value.value)
        elif value.value[:4].isdigit():  # a year (2024) or a date (2024-05-07)
            node.years.add(int(value.value[:4]))


def _people_and_bodies(store: KnowledgeStore, nodes: list[Node], regions: Collection[str]) -> None:
    """A person is about the regions of their posts, an organisation those of the awards it received."""
    if not nodes:
        return
    by_iri = {node.iri: node for node in nodes}
    for row in rows(
        store,
        f"SELECT ?n ?r WHERE {{ VALUES ?n {{ {_values(by_iri)} }}"
        " { ?x kg:holder ?n ; kg:postIn ?r } UNION { ?x kg:recipient ?n ; kg:awardLevel ?r } }",
    ):
        if row["r"].value in regions:
            by_iri[row["n"].value].regions.add(row["r"].value)


def _article_regions(store: KnowledgeStore, articles: list[Node], regions: set[str]) -> None:
    """Which of `regions` each article mentions: read from the regions' side, a few dozen of them,
    rather than from the articles', each of which mentions a dozen places."""
    if not articles or not regions:
        return
    by_iri = {node.iri: node for node in articles}
    for row in rows(
        store,
        f"SELECT ?r (GROUP_CONCAT(STR(?a); separator=' ') AS ?as) WHERE {{"
        f" VALUES ?r {{ {_values(sorted(regions))} }} ?a kg:mentions ?r }} GROUP BY ?r",
    ):
        for article in _joined(row["as"]):
            if article in by_iri:
                by_iri[article].regions.add(row["r"].value)


def _lend_years(nodes: dict[str, Node], pairs: Iterable[tuple[str, str]]) -> None:
    """A node without years of its own takes those of the dated nodes it is linked with."""
    own = {iri: set(node.years) for iri, node in nodes.items()}
    for a, b in pairs:
        if a in nodes and b in nodes:
            if not own[a]:
                nodes[a].years |= own[b]
            if not own[b]:
                nodes[b].years |= own[a]


def _region_names(store: KnowledgeStore) -> dict[str, str]:
    """Every region of the graph with its label, read once per store generation (a few hundred).

    The region list of a hub (the award itself is about 500 places) would otherwise describe
    them all on every request.
    """
    key = (str(store.path), store.generation or "")
    if store.generation is None or key not in _region_cache:
        labels: dict[str, list[str]] = {}
        for row in rows(store, "SELECT ?r ?l WHERE { ?r a kg:Region OPTIONAL { ?r rdfs:label ?l } }"):
            labels.setdefault(row["r"].value, []).extend([row["l"].value] if row.get("l") else [])
        # a gazetteer region has one label, its canonical name; any other is described in full
        names = {iri: found[0] for iri, found in labels.items() if len(found) == 1}
        others = [iri for iri in labels if iri not in names]
        names |= {iri: node.label for iri, node in describe_nodes(store, others).items()}
        if store.generation is None:  # an in-memory store may change under the same key
            return names
        _region_cache.clear()
        _region_cache[key] = names
    return _region_cache[key]


def _newest_first(node: Node) -> tuple[int, str]:
    return (-max(node.years, default=0), node.iri)


def _focus_links(focus: str, nodes: list[Node]) -> list[tuple[str, str, str]]:
    return sorted((focus, p, n.iri) if out else (n.iri, p, focus) for n in nodes for p, out in n.links)


def _group_node(focus: str, cls: str, members: list[Node]) -> tuple[dict[str, Any], dict[str, Any]]:
    """One node standing for many neighbours of a class, with what the filters need of each member."""
    group_id = f"group:{cls}:{focus}"
    indonesian, english = GROUP_NAMES.get(cls) or tuple(
        term_name(class_iri(cls), language).main.lower() for language in ("id", "en")
    )
    node = {
        "id": group_id,
        "label": f"{len(members)} {indonesian} / {english}",
        "cls": cls,
        "color": class_colour(cls),
        "href": None,
        "years": sorted({year for member in members for year in member.years}),
        "regions": sorted({region for member in members for region in member.regions}),
        "evidence": None,
        "group": {
            "focus": focus,
            "cls": cls,
            "count": len(members),
            "names": {"id": indonesian, "en": english},
            "members": [
                {"id": m.iri, "years": sorted(m.years), "regions": sorted(m.regions)} for m in members
            ],
        },
    }
    links = [link for member in members for link in member.links]
    label = ", ".join(sorted({local_name(URIRef(p)) for p, _ in links}))
    outgoing = 2 * sum(out for _, out in links) >= len(links)
    start, end = (focus, group_id) if outgoing else (group_id, focus)
    return node, {"id": f"{start} {cls} {end}", "from": start, "to": end, "label": label, "predicate": label}


def _group_page(
    store: KnowledgeStore, focus: Node, members: list[Node], cls: str, offset: int
) -> dict[str, Any]:
    """Members of one group, GROUP_PAGE of them from `offset`, with their links to the focus."""
    page = members[offset : offset + GROUP_PAGE]
    graph = _payload(store, page, _focus_links(focus.iri, page), set())
    graph["group"] = f"group:{cls}:{focus.iri}"
    graph["rest"] = max(0, len(members) - offset - len(page))
    return _finished(graph, focus.iri, 0)


# --- the whole graph --------------------------------------------------------------------------------


def whole_graph(store: KnowledgeStore, limit: int = WHOLE_GRAPH_LIMIT) -> dict[str, Any] | None:
    """Every article and every entity an article mentions, with their links; None when that is too big."""
    members = [
        row["n"].value
        for row in rows(
            store,
            "SELECT DISTINCT ?n WHERE { { ?n a kg:Article } UNION { ?a a kg:Article ; kg:mentions ?n } }"
            f" LIMIT {limit + 1}",
        )
    ]
    if len(members) > limit or not members:
        return None if members else _finished({"nodes": [], "edges": [], "regions": {}}, None, 0)
    nodes = {
        iri: node for iri, node in _typed(store, f"VALUES ?n {{ {_values(members)} }}").items() if node.shown
    }
    links = [
        (row["s"].value, row["p"].value, row["o"].value)
        for row in rows(
            store,
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(nodes)} }} ?s ?p ?o FILTER(isIRI(?o))"
            f" FILTER(?p NOT IN ({', '.join(HIDDEN_LINKS)})) }}",
        )
        if row["o"].value in nodes
    ]
    listed = _complete(store, list(nodes.values()), [(s, o) for s, _, o in links])
    graph = _payload(store, sorted(nodes.values(), key=lambda node: node.iri), sorted(links), listed)
    return _finished(graph, None, 0)


# --- what is sent -------------------------------------------------------------------------------------


def _shown(node: NodeInfo) -> bool:
    """Whether a described node is drawn: typed, and neither a sentence nor a mention."""
    return bool(node.types) and not (set(node.types) & HIDDEN_TYPES)


def _payload(
    store: KnowledgeStore, nodes: list[Node], links: list[tuple[str, str, str]], listed: set[str]
) -> dict[str, Any]:
    """The nodes in the order given, described (label, page, a sentence), their links, the region list."""
    described = describe_nodes(store, {node.iri for node in nodes})
    names = _region_names(store)
    evidence = _sample_evidence(store, [node.iri for node in nodes])
    return {
        "nodes": [
            {
                "id": node.iri,
                "label": described[node.iri].label,
                "cls": node.cls,
                "color": class_colour(node.cls),
                "href": described[node.iri].href,
                "years": sorted(node.years),
                "regions": sorted(node.regions),
                "evidence": evidence.get(node.iri),
            }
            for node in nodes
            if _shown(described[node.iri])
        ],
        "edges": _edges(links),
        "regions": {iri: names[iri] for iri in sorted(listed)},
    }


def _finished(graph: dict[str, Any], focus: str | None, truncated: int) -> dict[str, Any]:
    """The focus, the links not read, and each class's name in Indonesian and English for the legend."""
    graph["focus"] = focus
    graph["truncated"] = truncated
    graph["classes"] = {
        cls: {language: term_name(class_iri(cls), language).main for language in ("id", "en")}
        for cls in sorted({node["cls"] for node in graph["nodes"]})
    }
    return graph


def _edges(links: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    """One edge per pair of nodes, naming every predicate that links them (a city's province is two)."""
    between: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, p, o in links:
        between[(s, o)].append(p)
    return [
        {
            "id": f"{s} {' '.join(sorted(predicates))} {o}",
            "from": s,
            "to": o,
            "label": ", ".join(sorted(local_name(URIRef(p)) for p in predicates)),
            "predicate": ", ".join(sorted(prefixed_name(URIRef(p)) for p in predicates)),
        }
        for (s, o), predicates in sorted(between.items())
    ]


def _sample_evidence(store: KnowledgeStore, iris: list[str]) -> dict[str, dict[str, Any]]:
    """One sentence per node, its anchor marked, with its article, date and the number of mentions.

    SAMPLE, not MIN: a national body has a thousand mentions, and comparing their IRIs as
    strings costs ten times what counting them does.
    """
    if not iris:
        return {}
    samples = rows(
        store,
        f"SELECT ?n (SAMPLE(?m) AS ?mention) (COUNT(?m) AS ?count) WHERE {{"
        f" VALUES ?n {{ {_values(iris)} }} ?n kg:evidence ?m }} GROUP BY ?n",
    )
    if not samples:
        return {}
    details = {
        row["m"].value: row
        for row in rows(
            store,
            f"SELECT ?m ?text ?sb ?mb ?me ?a ?title ?date WHERE {{"
            f" VALUES ?m {{ {_values(sample['mention'].value for sample in samples)} }}"
            " ?m kg:inSentence ?s ; kg:inArticle ?a ; kg:beginIndex ?mb ; kg:endIndex ?me ."
            " ?s kg:text ?text ; kg:beginIndex ?sb ."
            " OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } }",
        )
    }
    found = {}
    for sample in samples:
        row = details.get(sample["mention"].value)
        if row is not None:
            found[sample["n"].value] = _evidence(row, int(sample["count"].value))
    return found


def _evidence(row: dict[str, Any], count: int) -> dict[str, Any]:
    text, article = row["text"].value, row["a"].value
    start = int(row["mb"].value) - int(row["sb"].value)
    end = int(row["me"].value) - int(row["sb"].value)
    anchor = [start, end] if 0 <= start < end <= len(text) else None  # offsets that fit: marked
    return {
        "text": text,
        "anchor": anchor,
        "article": row["title"].value if row["title"] else local_name(URIRef(article)),
        "href": href_of(article),
        "date": row["date"].value if row["date"] else "",
        "count": count,
    }
