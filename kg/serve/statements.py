"""Statements about an entity, each with its sources, in the manner of Wikidata.

A region's officials, awards, figures, regulations and programmes; a person's posts; the
articles that mention a thing. Each kind is a `GroupSpec`: the class of the fact nodes,
the property that links them to the entity, and the columns a reader needs. Every
statement carries the sentences it was read from (`Source`: the sentence split around
its anchor, the article's title, date and outlet, and the original URL when there is one).

Groups are listed whole but shown a page at a time: one query finds every fact of the
groups and the values it is sorted by, so the totals are exact; columns and labels are read
only for the statements shown, and their sources (`wanted_sources`, `sources`,
`with_sources`) together with whatever else the page cites, in one listing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from kg.export.view import local_name, prefixed_name
from kg.namespaces import KG, QB
from kg.serve.labels import figure_value
from kg.serve.nodes import NodeInfo, describe, describe_with_parts, href_of, local_path, ref, rows, values
from kg.serve.vocabulary import class_iri
from kg.store import KnowledgeStore

SOURCES_SHOWN = 3  # per statement; its own page lists them all


@dataclass(frozen=True)
class Value:
    """One value of a property: a linked resource or a literal with its language or datatype."""

    text: str
    iri: str | None = None
    href: str | None = None
    note: str = ""
    cls: str = ""


@dataclass(frozen=True)
class ArticleRef:
    """An article as a source is cited: its page, date, outlet and the original's URL (http(s) only)."""

    node: NodeInfo
    date: str
    outlet: str
    url: str | None


@dataclass(frozen=True)
class Source:
    """A sentence a fact was read from, split around the anchor text so the page can mark it."""

    before: str
    anchor: str
    after: str
    article: ArticleRef
    rule: str
    confidence: str
    mention_href: str | None


@dataclass(frozen=True)
class Sources:
    """Some of a node's sources (newest article first) and how many it has in all."""

    items: tuple[Source, ...] = ()
    total: int = 0


@dataclass(frozen=True)
class Window:
    """Which part of a long list is shown: `page` (from 1) of `size` items, out of `total`."""

    page: int
    size: int
    total: int

    @classmethod
    def at(cls, page: int, size: int, total: int) -> Window:
        """The window at `page`, moved back to the last page when there are fewer."""
        return cls(max(1, min(page, math.ceil(total / size))), size, total)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def shown(self) -> tuple[int, int]:
        """The first and last position shown, counted from 1 (0, 0 when none)."""
        last = min(self.offset + self.size, self.total)
        return (self.offset + 1, last) if last > self.offset else (0, 0)


@dataclass(frozen=True)
class Column:
    """A column of a group: the values of `properties`, headed by `term`'s name or the UI string `key`.

    `pick` keeps every value, or only the earliest ("first") or latest ("last"); `own` makes the
    cell a link to the statement's own page; `shape` formats it ("figure": a value with its unit,
    "level": a province's round or the national one, "label": the statement's own label, "url":
    a link to the original named by its host).
    """

    key: str
    properties: tuple[str, ...] = ()
    term: str | None = None
    pick: str = "all"
    own: bool = False
    shape: str = ""


@dataclass(frozen=True)
class GroupSpec:
    """A kind of statement: facts of class `cls` whose `link` points at the entity."""

    key: str
    cls: str
    link: str
    columns: tuple[Column, ...]
    order: tuple[str, ...]  # column keys, "-" first for newest/largest first
    with_sources: bool = True


@dataclass(frozen=True)
class Statement:
    node: NodeInfo
    cells: tuple[tuple[Value, ...], ...]
    sources: Sources


@dataclass(frozen=True)
class StatementGroup:
    key: str
    spec: GroupSpec
    statements: tuple[Statement, ...]
    window: Window


def _column(term: URIRef, key: str = "", **options: Any) -> Column:
    return Column(key or local_name(term), (str(term),), str(term), **options)


_FIRST = Column("first_seen", (str(KG.asOf),), pick="first")
_LAST = Column("last_seen", (str(KG.asOf),), pick="last")
_LEVEL = Column("awardLevel", (str(KG.awardLevel), str(KG.nationalLevel)), str(KG.awardLevel), shape="level")
_YEAR = _column(KG.editionYear)
_NAME = Column("name", (), str(SKOS.prefLabel), own=True, shape="label")
_FIGURE = Column("value", (str(KG.value),), str(KG.value), own=True, shape="figure")
_RANK = _column(KG.rank)
_RESULT = _column(KG.result)
GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        "officials",
        str(KG.Post),
        str(KG.postIn),
        (_column(KG.roleLabel, own=True), _column(KG.holder), _FIRST, _LAST),
        ("-last_seen", "roleLabel"),
    ),
    GroupSpec(
        "posts",
        str(KG.Post),
        str(KG.holder),
        (_column(KG.roleLabel, own=True), _column(KG.postIn), _FIRST, _LAST),
        ("-last_seen", "roleLabel"),
    ),
    GroupSpec(
        "awards",
        str(KG.AwardConferral),
        str(KG.recipient),
        (_YEAR, _column(KG.award, own=True), _RESULT, _RANK, _LEVEL, _column(KG.category)),
        ("-editionYear", "award", "rank"),
    ),
    GroupSpec(
        "round",
        str(KG.AwardConferral),
        str(KG.awardLevel),
        (_YEAR, _column(KG.award, own=True), _column(KG.recipient), _RESULT, _RANK, _column(KG.category)),
        ("-editionYear", "award", "result", "rank"),
    ),
    GroupSpec(
        "figures",
        str(KG.CoverageFigure),
        str(KG.subject),
        (
            _FIGURE,
            _column(KG.segment),
            _column(KG.refYear),
            _column(KG.modality),
            _column(KG.asOf),
        ),
        ("-refYear", "-asOf", "segment"),
    ),
    GroupSpec(
        "regulations",
        str(KG.Regulation),
        str(KG.issuer),
        (
            _column(KG.regulationKind, own=True),
            _column(KG.regulationNumber),
            _column(KG.regulationYear),
            _column(DCTERMS.title),
            _column(KG.modality),
        ),
        ("-regulationYear", "regulationKind", "regulationNumber"),
    ),
    GroupSpec(
        "programmes",
        str(KG.Programme),
        str(KG.operator),
        (_NAME, _column(SKOS.altLabel)),
        ("name",),
    ),
    GroupSpec(
        "conferrals",
        str(KG.AwardConferral),
        str(KG.award),
        (
            _column(KG.editionYear, own=True),
            _column(KG.recipient),
            _RESULT,
            _RANK,
            _LEVEL,
            _column(KG.category),
        ),
        ("-editionYear", "result", "rank"),
    ),
    GroupSpec(
        "observations",
        str(KG.CoverageFigure),
        str(QB.dataSet),
        (_column(KG.subject), _FIGURE, _column(KG.segment), _column(KG.refYear), _column(KG.asOf)),
        ("-refYear", "-asOf", "subject"),
    ),
    GroupSpec(
        "places",
        str(KG.Region),
        str(KG.province),
        (_NAME, _column(KG.kemendagriCode), _column(KG.level)),
        ("kemendagriCode",),
        with_sources=False,
    ),
    GroupSpec(
        "articles",
        str(KG.Article),
        str(KG.mentions),
        (
            Column("title", (), str(DCTERMS.title), own=True, shape="label"),
            _column(DCTERMS.date),
            _column(KG.outlet),
            _column(DCTERMS.source, shape="url"),
        ),
        ("-date", "title"),
        with_sources=False,
    ),
)
GROUP_KEYS = frozenset(spec.key for spec in GROUPS)
# Every column value a group's facts are read with: its columns', and a figure's unit and hedges.
_READ = sorted(
    {p for spec in GROUPS for column in spec.columns for p in column.properties}
    | {str(KG.unit), str(KG.approximate), str(SKOS.prefLabel), str(DCTERMS.title)}
)


# --- groups ------------------------------------------------------------------------------------------


def statement_groups(
    store: KnowledgeStore, iri: str, specs: Iterable[GroupSpec], page: int, size: int
) -> list[StatementGroup]:
    """The groups of statements about `iri` that have any, each at `page` of `size` statements.

    One query finds every fact of the groups with the values it is sorted by, so the totals are
    exact; the columns are read for the statements shown only.
    """
    specs = list(specs)
    keyed: dict[str, dict[str, tuple[tuple[Any, Any], ...]]] = defaultdict(dict)
    for row in rows(store, _members_query(iri, specs)):
        spec = specs[int(row["kind"].value)]
        bounds = tuple((row[f"lo{k}"], row[f"hi{k}"]) for k in range(len(spec.order)))
        keyed[spec.key][row["x"].value] = bounds
    shown = []
    for spec in specs:
        if keyed.get(spec.key):
            ordered = _ordered(spec, keyed[spec.key])
            window = Window.at(page, size, len(ordered))
            shown.append((spec, ordered[window.offset : window.offset + size], window))
    return _filled(store, shown, _fact_values(store, {x for _, facts, _ in shown for x in facts}))


def _members_query(iri: str, specs: list[GroupSpec]) -> str:
    """Every fact of the groups, its group (?kind), and the least and greatest value of each sort key.

    One pattern per group, each answered from an index: a FILTER on the link would scan every
    triple pointing at the entity (a region has one per mention).
    """
    branches = []
    for kind, spec in enumerate(specs):
        keys = " ".join(
            f"OPTIONAL {{ ?x {ref(_sort_property(spec, name))} ?s{k} }}" for k, name in enumerate(spec.order)
        )
        branches.append(
            f"{{ ?x {ref(spec.link)} {ref(iri)} ; a {ref(spec.cls)} BIND({kind} AS ?kind) {keys} }}"
        )
    bounds = " ".join(
        f"(MIN(?s{k}) AS ?lo{k}) (MAX(?s{k}) AS ?hi{k})"
        for k in range(max(len(spec.order) for spec in specs))
    )
    return (
        f"SELECT ?x ?kind {bounds} WHERE {{ {' UNION '.join(branches)} FILTER(isIRI(?x)) }} GROUP BY ?x ?kind"
    )


def _sort_property(spec: GroupSpec, name: str) -> str:
    column = next(column for column in spec.columns if column.key == name.lstrip("-"))
    found = column.properties[:1] or ((column.term,) if column.term else ())
    if not found:
        raise ValueError(f"group {spec.key!r} is sorted by {name!r}, which names no property")
    return found[0]


def _fact_values(store: KnowledgeStore, facts: set[str]) -> dict[str, dict[str, list[Any]]]:
    """Every column value of each fact, by property IRI."""
    found: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    if not facts:
        return found
    for row in rows(
        store,
        f"SELECT ?x ?p ?o WHERE {{ VALUES ?x {{ {values(sorted(facts))} }} ?x ?p ?o"
        f" FILTER(?p IN ({', '.join(ref(p) for p in _READ)})) }}",
    ):
        found[row["x"].value][row["p"].value].append(row["o"])
    return found


def _ordered(spec: GroupSpec, keyed: dict[str, tuple[tuple[Any, Any], ...]]) -> list[str]:
    """Facts in the group's order: stable sorts from the last key to the first, IRIs breaking ties.

    Newest (greatest) first sorts by a fact's greatest value, the rest by its least; facts without
    the value come last either way.
    """
    ordered = sorted(keyed)
    for k in reversed(range(len(spec.order))):
        newest_first = spec.order[k].startswith("-")
        side = 1 if newest_first else 0
        present = [x for x in ordered if keyed[x][k][side] is not None]
        absent = [x for x in ordered if keyed[x][k][side] is None]
        present.sort(key=lambda x: _sortable(keyed[x][k][side].value), reverse=newest_first)
        ordered = present + absent
    return ordered


def _sortable(text: str) -> tuple[int, int, str]:
    return (0, int(text), "") if text.isdigit() else (1, 0, text.casefold())


def _texts(column: Column, values_: dict[str, list[Any]]) -> list[str]:
    properties = column.properties or ((column.term,) if column.term else ())
    texts = sorted(term.value for p in properties if p for term in values_.get(p, ()))
    if column.pick == "first":
        return texts[:1]
    if column.pick == "last":
        return texts[-1:]
    return texts


def _filled(
    store: KnowledgeStore,
    groups: list[tuple[GroupSpec, list[str], Window]],
    facts: dict[str, dict[str, list[Any]]],
) -> list[StatementGroup]:
    """The shown statements with their labels and linked nodes; their sources come after (`with_sources`)."""
    shown = {x for _, page, _ in groups for x in page}
    linked = {
        term.value
        for x in shown
        for terms in facts[x].values()
        for term in terms
        if isinstance(term, ox.NamedNode)
    }
    nodes = describe(store, shown | linked)
    return [
        StatementGroup(
            spec.key,
            spec,
            tuple(
                Statement(
                    nodes[x], tuple(_cell(c, nodes[x], facts[x], nodes) for c in spec.columns), Sources()
                )
                for x in page
            ),
            window,
        )
        for spec, page, window in groups
    ]


def wanted_sources(groups: Iterable[StatementGroup]) -> dict[str, tuple[int, int]]:
    """The sources the statements of some groups show: the first few of each (offset, limit)."""
    return {s.node.iri: (0, SOURCES_SHOWN) for g in groups if g.spec.with_sources for s in g.statements}


def with_sources(groups: Iterable[StatementGroup], found: Mapping[str, Sources]) -> list[StatementGroup]:
    """The groups, each statement with its sources from `found` (read for the whole page at once)."""
    return [
        replace(
            g, statements=tuple(replace(s, sources=found.get(s.node.iri, Sources())) for s in g.statements)
        )
        for g in groups
    ]


def _cell(
    column: Column, fact: NodeInfo, values_: dict[str, list[Any]], nodes: dict[str, NodeInfo]
) -> tuple[Value, ...]:
    own = fact.href if column.own else None
    if column.shape == "label":
        return (Value(fact.label, fact.iri, fact.href, cls=fact.cls),)
    if column.shape == "figure":
        parts = {local_name(URIRef(p)): [t.value for t in terms] for p, terms in values_.items()}
        return (Value(figure_value(parts), fact.iri, own, cls=fact.cls),) if parts.get("value") else ()
    if column.shape == "level" and any(t.value == "true" for t in values_.get(str(KG.nationalLevel), ())):
        return (Value("nasional"),)
    terms = [t for p in column.properties[:1] or () for t in values_.get(p, ())]
    if column.pick in ("first", "last"):
        picked = _texts(column, values_)
        terms = [t for t in terms if t.value in picked][:1]
    cells = [value_of(term, nodes) for term in terms]
    if column.shape == "url":
        cells = [Value(urlsplit(cell.text).netloc or cell.text, cell.iri, cell.href) for cell in cells]
    if own:
        cells = [Value(cell.text, fact.iri, own, cell.note, fact.cls) for cell in cells]
    return tuple(sorted(cells, key=lambda cell: (cell.text.casefold(), cell.iri or "")))


def value_of(term: Any, nodes: dict[str, NodeInfo]) -> Value:
    """A term as a page shows it: a linked node by its label, a literal with its language or datatype."""
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


# --- what an article states --------------------------------------------------------------------------

# The order of an article's groups of facts: places and people first, then what they do.
FACT_CLASSES = (
    "Province",
    "Regency",
    "City",
    "Region",
    "Person",
    "Post",
    "Organization",
    "Programme",
    "Regulation",
    "AwardConferral",
    "CoverageFigure",
)
_FACT = Column("fact", (), None, own=True, shape="label")


def article_facts(
    store: KnowledgeStore, article: str, view: str, page: int, size: int
) -> list[StatementGroup]:
    """The facts an article states, a group per class; their sentences come after (`with_sources`).

    `view` "facts-<Class>" keeps that class's group only.
    """
    found = rows(store, f"SELECT DISTINCT ?x WHERE {{ ?m kg:inArticle {ref(article)} . ?x kg:evidence ?m }}")
    by_class: dict[str, list[NodeInfo]] = defaultdict(list)
    for node in describe(store, (row["x"].value for row in found)).values():
        by_class[node.cls].append(node)
    rank = {cls: place for place, cls in enumerate(FACT_CLASSES)}
    pages = []
    for cls in sorted(by_class, key=lambda c: (rank.get(c, len(rank)), c)):
        spec = GroupSpec(f"facts-{cls}", class_iri(cls), str(KG.evidence), (_FACT,), ("fact",))
        if view and view != spec.key:
            continue
        members = sorted(by_class[cls], key=lambda n: (n.label.casefold(), n.iri))
        window = Window.at(page, size, len(members))
        pages.append((spec, members[window.offset : window.offset + size], window))
    return [
        StatementGroup(
            spec.key,
            spec,
            tuple(Statement(n, ((Value(n.label, n.iri, n.href, cls=n.cls),),), Sources()) for n in shown),
            window,
        )
        for spec, shown, window in pages
    ]


# --- sources ----------------------------------------------------------------------------------------


def sources(
    store: KnowledgeStore, wanted: Mapping[str, tuple[int, int]], article: str | None = None
) -> dict[str, Sources]:
    """Some sources of each node, newest article first: `wanted` maps a node to (offset, limit).

    One listing of every node's mentions gives the totals; the sentences are read only for the
    mentions shown. `article` keeps the mentions of that article only.
    """
    nodes = sorted(wanted)
    if not nodes:
        return {}
    within = f"FILTER(?a = {ref(article)})" if article else ""
    # one node is named in the pattern itself: a one-row VALUES block costs Oxigraph twice the time
    subject, head = (ref(nodes[0]), "") if len(nodes) == 1 else ("?x", f"VALUES ?x {{ {values(nodes)} }}")
    listed: dict[str, list[tuple[str, str, int, str]]] = defaultdict(list)
    for row in rows(
        store,
        f"SELECT * WHERE {{ {head} {subject} kg:evidence ?m ."
        f" ?m kg:inArticle ?a {within} OPTIONAL {{ ?m kg:beginIndex ?b }}"
        " OPTIONAL { ?a dcterms:date ?date } }",
    ):
        date = row["date"].value if row.get("date") else ""
        begin = int(row["b"].value) if row.get("b") and row["b"].value.isdigit() else 0
        node = row["x"].value if "x" in row else nodes[0]
        listed[node].append((date, row["a"].value, -begin, row["m"].value))
    picked: dict[str, list[str]] = {}
    for x, found in listed.items():
        found.sort(reverse=True)  # newest first; within an article, in the order of its text
        offset, limit = wanted[x]
        picked[x] = [m for *_, m in found[offset : offset + limit]]
    cited = mention_sources(store, {m for ms in picked.values() for m in ms})
    return {x: Sources(tuple(cited[m] for m in picked[x] if m in cited), len(listed[x])) for x in listed}


def mention_sources(store: KnowledgeStore, mentions: Iterable[str]) -> dict[str, Source]:
    """Each mention as a cited source: its sentence, anchor, article, rule and confidence."""
    wanted = sorted(set(mentions))
    if not wanted:
        return {}
    found = rows(
        store,
        f"""SELECT ?m ?a ?text ?sb ?mb ?me ?anchor ?rule ?conf WHERE {{
          VALUES ?m {{ {values(wanted)} }}
          ?m kg:inArticle ?a ; kg:inSentence ?s ; kg:beginIndex ?mb ; kg:endIndex ?me ;
             kg:anchorText ?anchor .
          ?s kg:text ?text ; kg:beginIndex ?sb .
          OPTIONAL {{ ?m kg:rule ?rule }} OPTIONAL {{ ?m kg:confidence ?conf }}
        }}""",
    )
    articles = article_refs(store, {row["a"].value for row in found})
    return {row["m"].value: _source(row, articles[row["a"].value]) for row in found}


def _source(row: dict[str, Any], article: ArticleRef) -> Source:
    text = row["text"].value
    start = int(row["mb"].value) - int(row["sb"].value)
    end = int(row["me"].value) - int(row["sb"].value)
    if not (0 <= start <= end <= len(text)) or text[start:end] != row["anchor"].value:
        start = end = 0  # offsets that do not fit the sentence: show it unmarked
    return Source(
        before=text[:start],
        anchor=text[start:end],
        after=text[end:],
        article=article,
        rule=row["rule"].value if row["rule"] else "",
        confidence=row["conf"].value if row["conf"] else "",
        mention_href=local_path(row["m"].value),
    )


def article_refs(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, ArticleRef]:
    """Each article as sources cite it (one query); its first http(s) source URL is the original."""
    nodes, parts = describe_with_parts(store, iris)
    return {iri: _article_ref(node, parts.get(iri, {})) for iri, node in nodes.items()}


def _article_ref(node: NodeInfo, parts: dict[str, list[str]]) -> ArticleRef:
    urls = sorted(url for url in parts.get("source", ()) if href_of(url) == url)
    return ArticleRef(
        node,
        min(parts.get("date", [""])),
        min(parts.get("outlet", [""])),
        urls[0] if urls else None,
    )
