"""The summary graph: every saved query's rows, written by the store after each build.

Why: Oxigraph sorts or groups every row of a query before it gives the first one, so a saved
query over a million triples took seconds, first page or not. After each build the store
writes the rows of every saved query into a named graph of their own, SUMMARY_GRAPH: one node
per result row, holding exactly the columns the saved query shows (`row:year`, `row:award`,
...), and its position under a predicate named after the query (`row:awards-by-year 3145728`).

The order is the index's: an on-disk Oxigraph store lists the triples of one predicate in the
order of their objects, and xsd:integer objects by value, so a saved query that starts from
`?row row:awards-by-year ?position` streams its rows in position order with no sort, and its
first page (LIMIT 100) reads 100 rows whatever the size of the graph. An in-memory store lists
the quads of a pattern last added first, so there the summary is always written whole, last row
first (tests/test_summary.py checks that both kinds of store answer in the same order).

Positions follow the saved query's ORDER BY (ties in a fixed order: by a digest of the row), and
are spread GAP apart, so that an incremental build puts new rows between old ones without moving
them. Provenance lists every mention, so a copy of its columns would be the largest part of the
summary: there the summary gives each mention node its position and the query reads the columns
from the merged graph, where the mention is.

An incremental build recomputes only the rows that may have changed. Each summary names an
*anchor* (the conferral, the figure, the article graph, the holder's name, ...) whose rows
depend only on nodes reachable from it. The changed graphs, and the subjects of the triples
that came into or went out of the merged graph, lead back (in the graph before the build and
after it) to the anchors to recompute; only the rows that differ are written. Which rows each
anchor had, with their sort keys and positions, is kept in the generation's folder in a small
SQLite file (SIDECAR), copied from the previous generation at the next incremental build.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import sqlite3
import struct
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import PREFIXES

SUMMARY_GRAPH = "https://w3id.org/jamsostek-kg/summary"
ROW = "https://w3id.org/jamsostek-kg/summary#"  # the summary's vocabulary: columns and query orders
ROW_NODE = SUMMARY_GRAPH + "/"  # row nodes: ROW_NODE + query name + "/" + digest of the row
SIDECAR = "kg-summary.sqlite"
GAP = 1 << 20  # between neighbouring positions, so that new rows fit between old ones
RESTRICT = "#RESTRICT"  # where a summary's rows query takes the VALUES of the anchors to recompute
VALUES_CHUNK = 500
STAGE_FROM = 5000  # article graphs from which a whole write stages its rows (`_large`)
STAGE_CHUNK = 20 * VALUES_CHUNK  # anchors computed (and their rows held) at once in a whole write
WRITE_SLICE = 100_000  # staged rows written per bulk load
STAGE_CACHE_KIB = 64 * 1024  # SQLite's page cache while a summary's rows are staged and sorted
BULK_SHARE = 0.2  # an incremental build changing more graphs than this share recomputes everything
BULK_FLOOR = 64  # ... and more than this many
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    XSD + name
    for name in [
        *("integer", "decimal", "double", "float", "int", "long", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"),
        *("unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"),
    ]
}
GRAPH = ox.NamedNode(SUMMARY_GRAPH)

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Term | None]


# --- sort keys ----------------------------------------------------------------------------------


def _text(value: str) -> bytes:
    """UTF-8 in an order-keeping, prefix-free form: NUL escaped, two NULs at the end."""
    return value.encode("utf-8", "surrogatepass").replace(b"\x00", b"\x00\xff") + b"\x00\x00"


def _number(value: str) -> bytes | None:
    try:
        number = float(value)
    except ValueError:
        return None
    if number != number:  # NaN sorts with the numbers it cannot be compared to: after them
        number = float("inf")
    bits = struct.unpack(">Q", struct.pack(">d", number))[0]
    bits = bits ^ 0xFFFFFFFFFFFFFFFF if bits >> 63 else bits | 1 << 63
    return struct.pack(">Q", bits)


@lru_cache(maxsize=1 << 16)  # labels, ids and years recur from row to row
def term_key(term: Term | None, descending: bool = False) -> bytes:
    """Bytes that sort as SPARQL's ORDER BY sorts terms: unbound, blank nodes, IRIs, numbers
    by value, then other literals by lexical form (dates, strings) and language or datatype."""
    if term is None:
        key = b"\x00"
    elif isinstance(term, ox.BlankNode):
        key = b"\x01" + _text(term.value)
    elif isinstance(term, ox.NamedNode):
        key = b"\x02" + _text(term.value)
    else:
        number = _number(term.value) if term.datatype.value in NUMERIC else None
        if number is not None:
            key = b"\x03" + number + _text(term.value)
        else:
            key = b"\x04" + _text(term.value) + _text(term.language or term.datatype.value)
    return bytes(255 - byte for byte in key) if descending else key


# --- the summaries ------------------------------------------------------------------------------

Aggregate = Callable[[list[Row]], list[Row]]


@dataclass(frozen=True)
class Summary:
    """How the rows of one saved query are computed, ordered and kept up to date.

    `rows` is the saved query's definition, a SELECT without ORDER BY that also binds the
    anchor; RESTRICT in it takes `VALUES ?anchor {...}` when only some anchors are recomputed
    (it is written to be quick for a few anchors). Each pattern of `reach` binds ?key to the
    anchors a touched ?node leads to; with `reach_self` a touched node is an anchor itself.
    `order` lists the ORDER BY columns ("-" before a descending one). `aggregate` groups the
    rows in Python where the saved query has GROUP BY (so that GROUP_CONCAT lists its items in
    a fixed order).
    `bulk` is the same query written for the whole graph: each pattern a subquery of its own,
    which Oxigraph joins by hashing instead of looking every row's next value up in the index
    (several times faster over every row; slower for a few anchors, which `rows` serves).
    `node` names a variable whose nodes, nodes of the data, are the rows themselves: the summary
    gives each its position only and the saved query reads the columns from the data.
    `staged_rows`, where given, is the rows query for a whole write's chunks of thousands of
    anchors, when `rows` joins something by hashing that is then read once per chunk.
    `anchors` is a pattern that binds the anchor's variable to every anchor (some may have no row): a scan of
    one or two patterns, which Oxigraph streams, so that a large store's rows are computed a
    chunk of anchors at a time (see `write_all`).
    """

    name: str
    anchor: str
    anchors: str
    columns: tuple[str, ...]
    order: tuple[str, ...]
    rows: str
    reach: tuple[str, ...]
    bulk: str
    aggregate: Aggregate | None = None
    reach_self: bool = False
    node: str = ""
    staged_rows: str = ""

    @property
    def predicate(self) -> ox.NamedNode:
        """The predicate whose integer object is a row's position in this query."""
        return ox.NamedNode(ROW + self.name)


def _literal(value: str, datatype: str = XSD + "string", language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def _integer(value: int) -> ox.Literal:
    return _literal(str(value), XSD + "integer")


def _group_concat(terms: Iterable[Term], separator: str) -> ox.Literal:
    """GROUP_CONCAT(DISTINCT ...) as Oxigraph writes it (one shared language tag is kept), its
    items in term order: the order in which a query engine meets them is no order at all."""
    items = sorted(set(terms), key=term_key)
    languages = {getattr(item, "language", None) for item in items}
    language = languages.pop() if len(languages) == 1 else None
    return _literal(separator.join(item.value for item in items), language=language)


def _extreme(values: list[Term | None], largest: bool) -> Term | None:
    """MIN or MAX as Oxigraph computes them: unbound when any value is."""
    if not values or any(value is None for value in values):
        return None
    present = [value for value in values if value is not None]
    return (max if largest else min)(present, key=term_key)


def _grouped(rows: list[Row], by: Sequence[str]) -> dict[tuple[Term | None, ...], list[Row]]:
    groups: dict[tuple[Term | None, ...], list[Row]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[name] for name in by)].append(row)
    return groups


def _merged_entities(rows: list[Row]) -> list[Row]:
    """GROUP BY ?entity ?type HAVING (COUNT(DISTINCT ?doc) > 1), with names, docs and spellings."""
    out: list[Row] = []
    for (entity, kind), group in _grouped(rows, ("entity", "type")).items():
        docs = {row["doc"] for row in group if row["doc"] is not None}
        if len(docs) <= 1:
            continue
        out.append(
            {
                "entity": entity,
                "name": _extreme([row["label"] for row in group], largest=False),
                "type": kind,
                "articles": _integer(len(docs)),
                "docs": _group_concat(docs, " "),
                "writtenAs": _group_concat((r["written"] for r in group if r["written"]), " | "),
            }
        )
    return out


def _officials_over_time(rows: list[Row]) -> list[Row]:
    """GROUP BY ?where ?role ?name: the first and last dates stated, the articles and their ids."""
    out: list[Row] = []
    for (where, role, name), group in _grouped(rows, ("where", "role", "name")).items():
        dates = [row["date"] for row in group]
        out.append(
            {
                "where": where,
                "role": role,
                "name": name,
                "firstStated": _extreme(dates, largest=False),
                "lastStated": _extreme(dates, largest=True),
                "articles": _integer(len({row["article"] for row in group})),
                "sources": _group_concat((r["doc"] for r in group if r["doc"]), " "),
            }
        )
    return out


def _each(*patterns: str) -> str:
    """Triple patterns as subqueries of their own, so that Oxigraph hash-joins them."""
    return "\n  ".join(f"{{ SELECT * WHERE {{ {pattern} }} }}" for pattern in patterns)


def _path(variables: str, *patterns: str) -> str:
    """A sequence path's pairs (`?a p/q ?b` is `?a p ?x . ?x q ?b`, once per ?x), hash-joined."""
    return f"{{ SELECT {variables} WHERE {{ {_each(*patterns)} }} }}"


def _in_graph(*patterns: str) -> str:
    """Triple patterns of one named graph ?g, each a subquery of its own."""
    return _each(*(f"GRAPH ?g {{ {pattern} }}" for pattern in patterns))


def _optional(*patterns: str) -> str:
    return "\n  ".join(f"OPTIONAL {{ SELECT * WHERE {{ {pattern} }} }}" for pattern in patterns)


def _labels(node: str, label: str) -> str:
    """`?node skos:prefLabel|rdfs:label ?label`: an alternative path's pairs, each once (as Oxigraph
    gives them, where a sequence path gives a pair once per way through)."""
    return (
        f"{{ SELECT DISTINCT ?{node} ?{label} WHERE {{ {{ ?{node} skos:prefLabel ?{label} }}"
        f" UNION {{ ?{node} rdfs:label ?{label} }} }} }}"
    )


def _figures_in_years(figure: str, value: str, doc: str) -> str:
    """figure-disagreements' subquery: asserted figures with their segment, year and article."""
    core = _each(
        f"?{figure} a kg:CoverageFigure",
        f"?{figure} kg:subject ?s",
        f"?{figure} kg:unit ?unit",
        f"?{figure} kg:value ?{value}",
        f'?{figure} kg:modality "asserted"',
    )
    docs = _path(
        f"?{figure} ?{doc}", f"?{figure} kg:evidence ?m", "?m kg:inArticle ?a", f"?a kg:docId ?{doc}"
    )
    given = _optional(
        f"?{figure} kg:segment ?givenSegment", f"?{figure} kg:refYear ?givenYear", f"?{figure} kg:asOf ?asOf"
    )
    return f"""{core}
  {docs}
  {given}
  BIND(COALESCE(?givenSegment, "total") AS ?segment)
  BIND(COALESCE(?givenYear, YEAR(?asOf)) AS ?year)
  FILTER (BOUND(?year))"""


SUMMARIES: tuple[Summary, ...] = (
    Summary(
        name="awards-by-year",
        anchor="c",
        anchors="?c a kg:AwardConferral",
        columns=("year", "award", "recipient", "result", "rank", "level", "category"),
        order=("year", "award", "recipient"),
        rows="""SELECT ?c ?year ?award ?recipient ?result ?rank ?level ?category WHERE {
  #RESTRICT
  ?c a kg:AwardConferral ; kg:editionYear ?year ; kg:award/rdfs:label ?award ;
     kg:recipient ?r ; kg:result ?result .
  ?r skos:prefLabel|rdfs:label ?recipient .
  OPTIONAL { ?c kg:rank ?rank }
  OPTIONAL { ?c kg:awardLevel/skos:prefLabel ?provincial }
  OPTIONAL { ?c kg:nationalLevel ?national }
  OPTIONAL { ?c kg:category ?category }
  BIND(COALESCE(?provincial, IF(BOUND(?national), "nasional", "")) AS ?level)
}""",
        bulk=f"""SELECT ?c ?year ?award ?recipient ?result ?rank ?level ?category WHERE {{
  {_each("?c a kg:AwardConferral", "?c kg:editionYear ?year", "?c kg:recipient ?r", "?c kg:result ?result")}
  {_path("?c ?award", "?c kg:award ?a", "?a rdfs:label ?award")}
  {_labels("r", "recipient")}
  {_optional("?c kg:rank ?rank")}
  OPTIONAL {_path("?c ?provincial", "?c kg:awardLevel ?l", "?l skos:prefLabel ?provincial")}
  {_optional("?c kg:nationalLevel ?national", "?c kg:category ?category")}
  BIND(COALESCE(?provincial, IF(BOUND(?national), "nasional", "")) AS ?level)
}}""",
        reach=(
            "?key kg:award ?node",
            "?key kg:recipient ?node",
            "?key kg:awardLevel ?node",
        ),
        reach_self=True,
    ),
    Summary(
        name="coverage-figures",
        anchor="f",
        anchors="?f a kg:CoverageFigure",
        columns=("subject", "value", "unit", "segment", "year", "asOf", "sentence"),
        order=("subject", "year", "value"),
        rows="""SELECT ?f ?subject ?value ?unit ?segment ?year ?asOf ?sentence WHERE {
  #RESTRICT
  ?f a kg:CoverageFigure ; kg:subject ?s ; kg:value ?value ; kg:unit ?unit ; kg:modality "asserted" ;
     kg:evidence/kg:inSentence/kg:text ?sentence .
  ?s skos:prefLabel|rdfs:label ?subject .
  OPTIONAL { ?f kg:segment ?segment }
  OPTIONAL { ?f kg:refYear ?year }
  OPTIONAL { ?f kg:asOf ?asOf }
}""",
        bulk=f"""SELECT ?f ?subject ?value ?unit ?segment ?year ?asOf ?sentence WHERE {{
  {_each("?f a kg:CoverageFigure", "?f kg:subject ?s", "?f kg:value ?value", "?f kg:unit ?unit")}
  {_each('?f kg:modality "asserted"')}
  {_path("?f ?sentence", "?f kg:evidence ?m", "?m kg:inSentence ?sn", "?sn kg:text ?sentence")}
  {_labels("s", "subject")}
  {_optional("?f kg:segment ?segment", "?f kg:refYear ?year", "?f kg:asOf ?asOf")}
}}""",
        reach=(
            "?key kg:subject ?node",
            "?key kg:evidence ?node",
            "?m kg:inSentence ?node . ?key kg:evidence ?m",
        ),
        reach_self=True,
    ),
    Summary(
        name="figure-disagreements",
        anchor="s",
        anchors="?f a kg:CoverageFigure ; kg:subject ?s",
        columns=("subject", "segment", "unit", "year", "value", "doc", "otherValue", "otherDoc"),
        order=("subject", "year", "segment", "doc", "otherDoc"),
        rows="""SELECT ?s ?subject ?segment ?unit ?year ?value ?doc ?otherValue ?otherDoc WHERE {
  {
    SELECT ?s ?segment ?unit ?year ?value ?doc WHERE {
      #RESTRICT
      ?f a kg:CoverageFigure ; kg:subject ?s ; kg:unit ?unit ; kg:value ?value ; kg:modality "asserted" ;
         kg:evidence/kg:inArticle/kg:docId ?doc .
      OPTIONAL { ?f kg:segment ?givenSegment } OPTIONAL { ?f kg:refYear ?givenYear }
      OPTIONAL { ?f kg:asOf ?asOf }
      BIND(COALESCE(?givenSegment, "total") AS ?segment)
      BIND(COALESCE(?givenYear, YEAR(?asOf)) AS ?year)
      FILTER (BOUND(?year))
    }
  }
  {
    SELECT ?s ?segment ?unit ?year (?v AS ?otherValue) (?d AS ?otherDoc) WHERE {
      #RESTRICT
      ?g a kg:CoverageFigure ; kg:subject ?s ; kg:unit ?unit ; kg:value ?v ; kg:modality "asserted" ;
         kg:evidence/kg:inArticle/kg:docId ?d .
      OPTIONAL { ?g kg:segment ?givenSegment } OPTIONAL { ?g kg:refYear ?givenYear }
      OPTIONAL { ?g kg:asOf ?asOf }
      BIND(COALESCE(?givenSegment, "total") AS ?segment)
      BIND(COALESCE(?givenYear, YEAR(?asOf)) AS ?year)
      FILTER (BOUND(?year))
    }
  }
  FILTER (?doc < ?otherDoc && ?value != ?otherValue)
  ?s skos:prefLabel ?subject .
}""",
        bulk=f"""SELECT ?s ?subject ?segment ?unit ?year ?value ?doc ?otherValue ?otherDoc WHERE {{
  {{ SELECT ?s ?segment ?unit ?year ?value ?doc WHERE {{
  {_figures_in_years("f", "value", "doc")}
  }} }}
  {{ SELECT ?s ?segment ?unit ?year (?v AS ?otherValue) (?d AS ?otherDoc) WHERE {{
  {_figures_in_years("g", "v", "d")}
  }} }}
  FILTER (?doc < ?otherDoc && ?value != ?otherValue)
  {_each("?s skos:prefLabel ?subject")}
}}""",
        reach=(
            "?node kg:subject ?key",
            "?f kg:evidence ?node ; kg:subject ?key",
            "?m kg:inArticle ?node . ?f kg:evidence ?m ; kg:subject ?key",
        ),
        reach_self=True,
    ),
    Summary(
        name="figures-over-time",
        anchor="f",
        anchors="?f a kg:CoverageFigure",
        columns=("subject", "segment", "unit", "value", "approximate", "year", "asOf", "doc"),
        order=("subject", "segment", "unit", "period", "asOf", "doc"),
        rows="""SELECT ?f ?subject ?segment ?unit ?value ?approximate ?year ?asOf ?doc ?period WHERE {
  #RESTRICT
  ?f a kg:CoverageFigure ; kg:subject/skos:prefLabel ?subject ; kg:value ?value ; kg:unit ?unit ;
     kg:approximate ?approximate ; kg:modality "asserted" ; kg:evidence/kg:inArticle ?article .
  ?article kg:docId ?doc .
  OPTIONAL { ?f kg:segment ?givenSegment }
  OPTIONAL { ?f kg:refYear ?year }
  OPTIONAL { ?f kg:asOf ?asOf }
  BIND(COALESCE(?givenSegment, "total") AS ?segment)
  BIND(COALESCE(?year, YEAR(?asOf)) AS ?period)
}""",
        bulk=f"""SELECT ?f ?subject ?segment ?unit ?value ?approximate ?year ?asOf ?doc ?period WHERE {{
  {_each("?f a kg:CoverageFigure", "?f kg:value ?value", "?f kg:unit ?unit")}
  {_each("?f kg:approximate ?approximate", '?f kg:modality "asserted"', "?article kg:docId ?doc")}
  {_path("?f ?subject", "?f kg:subject ?s", "?s skos:prefLabel ?subject")}
  {_path("?f ?article", "?f kg:evidence ?m", "?m kg:inArticle ?article")}
  {_optional("?f kg:segment ?givenSegment", "?f kg:refYear ?year", "?f kg:asOf ?asOf")}
  BIND(COALESCE(?givenSegment, "total") AS ?segment)
  BIND(COALESCE(?year, YEAR(?asOf)) AS ?period)
}}""",
        reach=(
            "?key kg:subject ?node",
            "?key kg:evidence ?node",
            "?m kg:inArticle ?node . ?key kg:evidence ?m",
        ),
        reach_self=True,
    ),
    Summary(
        name="merged-across-articles",
        anchor="entity",
        anchors="VALUES ?class { kg:Person kg:Organization kg:Programme } ?entity a ?class",
        columns=("entity", "name", "type", "articles", "docs", "writtenAs"),
        order=("-articles", "type", "entity"),
        # the anchors' mentions joined by hashing: an organisation or programme that nearly every
        # article names (BPJS Ketenagakerjaan) has thousands, too many to look up one by one
        rows=f"""SELECT ?entity ?type ?label ?doc ?written WHERE {{
  {{ SELECT ?entity ?class ?label ?mention WHERE {{
    #RESTRICT
    VALUES ?class {{ kg:Person kg:Organization kg:Programme }}
    ?entity a ?class ; rdfs:label ?label ; kg:evidence ?mention .
  }} }}
  {_each("?mention kg:anchorText ?written")}
  {_path("?mention ?doc", "?mention kg:inArticle ?a", "?a kg:docId ?doc")}
  BIND(STRAFTER(STR(?class), "#") AS ?type)
}}""",
        bulk=f"""SELECT ?entity ?type ?label ?doc ?written WHERE {{
  {{ SELECT ?entity WHERE {{
    {_path("?entity ?doc", "?entity kg:evidence ?m", "?m kg:inArticle ?a", "?a kg:docId ?doc")}
  }} GROUP BY ?entity HAVING (COUNT(DISTINCT ?doc) > 1) }}
  {{ SELECT ?entity ?class WHERE {{
    VALUES ?class {{ kg:Person kg:Organization kg:Programme }} ?entity a ?class
  }} }}
  {_each("?entity rdfs:label ?label", "?entity kg:evidence ?mention", "?mention kg:anchorText ?written")}
  {_path("?mention ?doc", "?mention kg:inArticle ?a", "?a kg:docId ?doc")}
  BIND(STRAFTER(STR(?class), "#") AS ?type)
}}""",
        reach=(
            "?key kg:evidence ?node",
            "?m kg:inArticle ?node . ?key kg:evidence ?m",
        ),
        # a chunk's entities first, each mention looked up from its entity (no hash join of every mention)
        staged_rows="""SELECT ?entity ?type ?label ?doc ?written WHERE {
  #RESTRICT
  ?entity kg:evidence ?mention .
  ?mention kg:anchorText ?written ; kg:inArticle ?a .
  ?a kg:docId ?doc .
  ?entity rdfs:label ?label ; a ?class .
  FILTER(?class IN (kg:Person, kg:Organization, kg:Programme))
  BIND(STRAFTER(STR(?class), "#") AS ?type)
}""",
        reach_self=True,
        aggregate=_merged_entities,
    ),
    Summary(
        name="officials-by-region",
        anchor="g",
        anchors="GRAPH ?g { ?post a kg:Post }",
        columns=("name", "role", "in", "article"),
        order=("in", "role", "name"),
        rows="""SELECT DISTINCT ?g ?name ?role ?in ?article WHERE {
  #RESTRICT
  GRAPH ?g { ?post a kg:Post ; kg:holder ?p ; kg:roleLabel ?role . ?p rdfs:label ?name .
             ?a kg:mentions ?post ; kg:docId ?article . }
  OPTIONAL { ?post kg:postIn/skos:prefLabel ?in }
}""",
        bulk=f"""SELECT DISTINCT ?g ?name ?role ?in ?article WHERE {{
  {_in_graph("?post a kg:Post", "?post kg:holder ?p", "?post kg:roleLabel ?role", "?p rdfs:label ?name")}
  {_in_graph("?a kg:mentions ?post", "?a kg:docId ?article")}
  OPTIONAL {_path("?post ?in", "?post kg:postIn ?o", "?o skos:prefLabel ?in")}
}}""",
        reach=(
            "GRAPH ?key { ?node a kg:Post }",
            "GRAPH ?key { ?post kg:postIn ?node }",
        ),
        reach_self=True,
    ),
    Summary(
        name="officials-over-time",
        anchor="name",
        anchors="?post a kg:Post ; kg:holder/rdfs:label ?name",
        columns=("where", "role", "name", "firstStated", "lastStated", "articles", "sources"),
        order=("where", "role", "firstStated", "name"),
        rows="""SELECT ?where ?role ?name ?article ?doc ?date WHERE {
  #RESTRICT
  ?post a kg:Post ; kg:holder/rdfs:label ?name ; kg:roleLabel ?role ; kg:evidence/kg:inArticle ?article .
  ?article kg:docId ?doc .
  OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?post kg:postIn/skos:prefLabel ?placeOrBody }
  BIND(COALESCE(?placeOrBody, "") AS ?where)
}""",
        bulk=f"""SELECT ?where ?role ?name ?article ?doc ?date WHERE {{
  {_each("?post a kg:Post", "?post kg:roleLabel ?role", "?article kg:docId ?doc")}
  {_path("?post ?name", "?post kg:holder ?h", "?h rdfs:label ?name")}
  {_path("?post ?article", "?post kg:evidence ?m", "?m kg:inArticle ?article")}
  {_optional("?article dcterms:date ?date")}
  OPTIONAL {_path("?post ?placeOrBody", "?post kg:postIn ?o", "?o skos:prefLabel ?placeOrBody")}
  BIND(COALESCE(?placeOrBody, "") AS ?where)
}}""",
        reach=(
            "?node kg:holder ?h . ?h rdfs:label ?key",
            "?post kg:holder ?node . ?node rdfs:label ?key",
            "?post kg:postIn ?node ; kg:holder ?h . ?h rdfs:label ?key",
            "?post kg:evidence ?node ; kg:holder ?h . ?h rdfs:label ?key",
            "?m kg:inArticle ?node . ?post kg:evidence ?m ; kg:holder ?h . ?h rdfs:label ?key",
        ),
        aggregate=_officials_over_time,
    ),
    Summary(
        name="provenance",
        anchor="article",
        anchors="?a kg:docId ?article",
        columns=(),
        order=("article", "begin"),
        # every mention that refers to a fact gets a place (the saved query joins the rest: one that
        # lacked a column would get no row, as in the definition)
        rows="""SELECT DISTINCT ?m ?article ?begin WHERE {
  #RESTRICT
  ?a kg:docId ?article . ?m kg:inArticle ?a ; kg:refersTo ?fact ; kg:beginIndex ?begin .
}""",
        bulk=f"""SELECT DISTINCT ?m ?article ?begin WHERE {{
  {_each("?m kg:refersTo ?fact", "?m kg:beginIndex ?begin", "?m kg:inArticle ?a", "?a kg:docId ?article")}
}}""",
        reach=("GRAPH ?node { ?a kg:docId ?key }", "?node kg:docId ?key"),
        node="m",
    ),
    Summary(
        name="regulations-by-region",
        anchor="number",
        anchors="?reg kg:regulationNumber ?number",
        columns=("issuer", "kind", "number", "year", "title"),
        order=("issuer", "year", "kind", "number"),
        rows="""SELECT DISTINCT ?issuer ?kind ?number ?year ?title WHERE {
  #RESTRICT
  ?reg a kg:Regulation ; kg:regulationKind ?kind ; kg:regulationNumber ?number ; kg:regulationYear ?year .
  OPTIONAL { ?reg kg:issuer/skos:prefLabel ?issuer }
  OPTIONAL { ?reg dcterms:title ?title }
}""",
        bulk=f"""SELECT DISTINCT ?issuer ?kind ?number ?year ?title WHERE {{
  {_each("?reg a kg:Regulation", "?reg kg:regulationKind ?kind", "?reg kg:regulationNumber ?number")}
  {_each("?reg kg:regulationYear ?year")}
  OPTIONAL {_path("?reg ?issuer", "?reg kg:issuer ?i", "?i skos:prefLabel ?issuer")}
  {_optional("?reg dcterms:title ?title")}
}}""",
        reach=(
            "?node kg:regulationNumber ?key",
            "?reg kg:issuer ?node ; kg:regulationNumber ?key",
        ),
    ),
)


# --- computing rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    """One row of a summary: its anchor's id, sort key, node, and bound columns."""

    anchor: int
    key: bytes
    node: str
    values: tuple[tuple[str, Term], ...] = ()


def _digest(data: bytes, size: int) -> bytes:
    return hashlib.sha256(data).digest()[:size]


@lru_cache(maxsize=1 << 16)
def anchor_id(anchor: Term) -> int:
    """An anchor as the sidecar keeps it: 64 bits of a digest of its N-Triples form."""
    return int.from_bytes(_digest(str(anchor).encode("utf-8", "surrogatepass"), 8), "big", signed=True)


def row_node(summary: Summary, key: bytes) -> str:
    """The IRI of a row node: its query's name and a digest of its sort key (unique in the query)."""
    return f"{ROW_NODE}{summary.name}/{hashlib.sha256(key).hexdigest()[:32]}"


def select(store: ox.Store, sparql: str) -> Iterator[Row]:
    """The rows of a SELECT as dicts of pyoxigraph terms (None where unbound)."""
    solutions = store.query(sparql, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield dict(zip(names, solution, strict=True))


def _values(variable: str, terms: Sequence[Term]) -> Iterator[str]:
    """`VALUES ?variable {...}` clauses of at most VALUES_CHUNK terms each (Oxigraph slows down on
    larger ones)."""
    for start in range(0, len(terms), VALUES_CHUNK):
        chunk = " ".join(str(term) for term in terms[start : start + VALUES_CHUNK])
        yield f"VALUES ?{variable} {{ {chunk} }}"


def _raw_rows(summary: Summary, store: ox.Store, anchors: Sequence[Term] | None, staged: bool) -> list[Row]:
    """The rows query over the whole graph (anchors None) or over the given anchors only."""
    if anchors is None:
        return list(select(store, summary.bulk))
    query = (summary.staged_rows or summary.rows) if staged else summary.rows
    rows: list[Row] = []
    for clause in _values(summary.anchor, anchors):
        rows.extend(select(store, query.replace(RESTRICT, clause)))
    return rows


def _order_key(summary: Summary, row: Row) -> bytes:
    return b"".join(term_key(row[name.lstrip("-")], name.startswith("-")) for name in summary.order)


def _keyed(summary: Summary, rows: list[Row]) -> list[SummaryRow]:
    """Rows with their sort keys, sorted: the ORDER BY columns, then (a fixed order for ties) a
    digest of every column and the anchor, and a count that keeps identical rows apart."""
    if summary.node:
        return _keyed_nodes(summary, rows)
    seen: dict[bytes, int] = defaultdict(int)
    keyed = []
    for row in rows:
        anchor = row[summary.anchor]
        assert anchor is not None, f"{summary.name}: a row without its anchor ?{summary.anchor}"
        whole = b"".join(term_key(row[column]) for column in summary.columns) + term_key(anchor)
        stem = _order_key(summary, row) + _digest(whole, 12)
        key = stem + struct.pack(">H", seen[stem])
        seen[stem] += 1
        values = tuple((c, value) for c in summary.columns if (value := row[c]) is not None)
        keyed.append(SummaryRow(anchor_id(anchor), key, row_node(summary, key), values))
    return sorted(keyed, key=lambda r: r.key)


def _keyed_nodes(summary: Summary, rows: list[Row]) -> list[SummaryRow]:
    """Rows that are nodes of the data, sorted: each node once, where its first row puts it."""
    best: dict[str, SummaryRow] = {}
    for row in rows:
        node, anchor = row[summary.node], row[summary.anchor]
        assert node is not None and anchor is not None
        key = _order_key(summary, row) + _digest(node.value.encode("utf-8", "surrogatepass"), 12)
        if node.value not in best or key < best[node.value].key:
            best[node.value] = SummaryRow(anchor_id(anchor), key, node.value)
    return sorted(best.values(), key=lambda r: r.key)


def compute(
    summary: Summary, store: ox.Store, anchors: Sequence[Term] | None = None, staged: bool = False
) -> list[SummaryRow]:
    """A summary's rows, sorted, over the whole graph or for some anchors only (`staged`: a chunk
    of anchors of a whole write, `_staged`).

    The cyclic garbage collector is held off meanwhile: the rows are hundreds of thousands of
    small objects, none in a cycle, and a collection scans every one of them again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        rows = _raw_rows(summary, store, anchors, staged)
        return _keyed(summary, summary.aggregate(rows) if summary.aggregate else rows)
    finally:
        if collecting:
            gc.enable()


def _rank_quad(summary: Summary, node: str, rank: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(node), summary.predicate, _integer(rank), GRAPH)


def _row_quads(summary: Summary, row: SummaryRow, rank: int) -> list[ox.Quad]:
    node = ox.NamedNode(row.node)
    columns = [ox.Quad(node, ox.NamedNode(ROW + name), value, GRAPH) for name, value in row.values]
    return [_rank_quad(summary, row.node, rank), *columns]


# --- the sidecar: each row's anchor, key and position, for the next incremental build ------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS rows (
    query INTEGER NOT NULL, key BLOB NOT NULL, anchor INTEGER NOT NULL, rank INTEGER NOT NULL,
    PRIMARY KEY (query, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rows_by_anchor ON rows (query, anchor);
"""


def _code(summary: Summary) -> int:
    """A summary's number in the sidecar."""
    return zlib.crc32(summary.name.encode("utf-8"))


def _record(summary: Summary, row: SummaryRow, rank: int) -> tuple[int, bytes, int, int]:
    """A sidecar line (a row's node is found again from its position, which is unique in its query)."""
    return _code(summary), row.key, row.anchor, rank


INSERT = "INSERT INTO rows (query, key, anchor, rank) VALUES (?, ?, ?, ?)"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(SCHEMA)
    return db


# --- bringing the summary up to date --------------------------------------------------------------


def refresh(store: ox.Store, folder: Path | None, previous: Path | None, changed: set[str] | None) -> str:
    """Bring the summary graph of a write session's store up to date; says how it went about it.

    `folder` is the generation being written (None in memory), `previous` the live generation
    it was copied from (None for a fresh one), `changed` the named graphs written or removed
    (None when unknown). A fresh generation (or one copied from a generation without a sidecar)
    gets every row written ("written"). Otherwise the rows that changed are found and only they
    are written: by recomputing the anchors the changed graphs reach ("anchors"), or every row
    when the session changed the gazetteer or a large share of the graphs ("compared").
    """
    if folder is None or previous is None or not (previous / SIDECAR).is_file():
        write_all(store, folder)
        return "written"
    shutil.copyfile(previous / SIDECAR, folder / SIDECAR)
    db = _connect(folder / SIDECAR)
    old = ox.Store.read_only(str(previous))
    try:
        db.execute("BEGIN")
        how = _refresh_rows(store, old, db, changed)
        db.execute("COMMIT")
    finally:
        db.close()
        del old
    return how


def _refresh_rows(store: ox.Store, old: ox.Store, db: sqlite3.Connection, changed: set[str] | None) -> str:
    if changed is None or _changes_much(store, changed):
        for summary in SUMMARIES:
            _replace(summary, store, db, compute(summary, store), _stored(db, summary, None))
        return "compared"
    touched = touched_nodes(changed, old, store)
    for summary in SUMMARIES:
        anchors = sorted(_reached(summary, old, touched) | _reached(summary, store, touched), key=term_key)
        if anchors:
            _replace(summary, store, db, compute(summary, store, anchors), _stored(db, summary, anchors))
    return "anchors"


def write_all(store: ox.Store, folder: Path | None) -> None:
    """Every summary computed over the whole graph and written, positions GAP apart: on disk with
    its sidecar (`_write_sorted`, the rows of a large store `_staged`); in memory whole, in the
    order that makes such a store list them by position. One summary at a time."""
    if next(store.quads_for_pattern(None, None, None, GRAPH), None) is not None:
        store.clear_graph(GRAPH)
    if folder is None:
        for summary in SUMMARIES:
            lines = list(_nquads(summary, compute(summary, store)))
            lines.reverse()  # an in-memory store lists a pattern's quads last added first
            store.load("".join(lines).encode("utf-8", "surrogatepass"), format=ox.RdfFormat.N_QUADS)
        return
    db = _connect(_fresh_sidecar(folder / SIDECAR))
    try:
        large = _large(store)
        if large:
            db.execute(f"PRAGMA cache_size = -{STAGE_CACHE_KIB}")
        for summary in SUMMARIES:
            rows = _staged(summary, store, db) if large else map(_flat, compute(summary, store))
            _write_sorted(summary, store, db, rows)
    finally:
        db.close()


def _large(store: ox.Store) -> bool:
    """Whether the store holds more article graphs than STAGE_FROM: its summary is then computed a
    chunk of anchors at a time (memory stays flat; about twice the time of one query per summary)."""
    graphs = store.named_graphs()
    return any(number >= STAGE_FROM for number, _ in enumerate(graphs))


def anchor_chunks(summary: Summary, store: ox.Store) -> Iterator[list[Term]]:
    """Every anchor of a summary, STAGE_CHUNK at a time, as Oxigraph streams them."""
    query = f"SELECT DISTINCT ?{summary.anchor} WHERE {{ {summary.anchors} }}"
    anchors = (anchor for row in select(store, query) if (anchor := row[summary.anchor]) is not None)
    while chunk := list(islice(anchors, STAGE_CHUNK)):
        yield chunk


FlatRow = tuple[bytes, int, str, str]  # a row's key, anchor id, node and value lines (N-Quads)


def _flat(row: SummaryRow) -> FlatRow:
    return row.key, row.anchor, row.node, "".join(_value_lines(row))


def _staged(summary: Summary, store: ox.Store, db: sqlite3.Connection) -> Iterator[FlatRow]:
    """One summary's rows computed a chunk of anchors at a time, sorted on disk, read in key order.

    Why: over a large store the rows of one saved query, and the join that makes them in one
    query, take gigabytes. A chunk's rows are put in a staging table (SQLite sorts them by key
    on disk); the rows of one anchor all fall in its chunk, so their keys are those `compute`
    gives over the whole graph.
    """
    db.execute(
        "CREATE TEMP TABLE staged (key BLOB PRIMARY KEY, anchor INTEGER, node TEXT, lines TEXT) WITHOUT ROWID"
    )
    db.execute("BEGIN")
    for chunk in anchor_chunks(summary, store):
        db.executemany(
            "INSERT INTO staged VALUES (?, ?, ?, ?)", map(_flat, compute(summary, store, chunk, staged=True))
        )
    db.execute("COMMIT")
    try:
        yield from db.execute("SELECT key, anchor, node, lines FROM staged ORDER BY key")
    finally:
        db.execute("DROP TABLE temp.staged")


def _write_sorted(summary: Summary, store: ox.Store, db: sqlite3.Connection, rows: Iterable[FlatRow]) -> None:
    """Rows in key order written with their positions GAP apart, and into the sidecar, a slice at a time."""
    position = 0
    rows = iter(rows)
    while batch := list(islice(rows, WRITE_SLICE)):
        lines, records = [], []
        for key, anchor, node, values in batch:
            position += GAP
            lines.append(_position_line(summary, node, position) + values)
            records.append((_code(summary), key, anchor, position))
        data = "".join(lines).encode("utf-8", "surrogatepass")
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)  # terms Oxigraph wrote
        db.execute("BEGIN")
        db.executemany(INSERT, records)
        db.execute("COMMIT")


def _fresh_sidecar(path: Path) -> Path:
    path.unlink(missing_ok=True)
    return path


def _nquads(summary: Summary, rows: list[SummaryRow]) -> Iterator[str]:
    """A summary's rows as N-Quads lines, positions GAP apart: text for Oxigraph's own loader,
    several times quicker than as many Quad objects."""
    for number, row in enumerate(rows, 1):
        yield _position_line(summary, row.node, number * GAP)
        yield from _value_lines(row)


def _position_line(summary: Summary, node: str, position: int) -> str:
    return f'<{node}> <{summary.predicate.value}> "{position}"^^<{XSD}integer> <{SUMMARY_GRAPH}> .\n'


def _value_lines(row: SummaryRow) -> Iterator[str]:
    for name, value in row.values:
        yield f"<{row.node}> <{ROW}{name}> {value} <{SUMMARY_GRAPH}> .\n"


def _changes_much(store: ox.Store, changed: set[str]) -> bool:
    """Whether recomputing every row is the quicker way: the gazetteer (every region's names) or
    more than BULK_SHARE of the graphs changed."""
    from kg.graph import GAZETTEER_GRAPH, iri

    if str(iri(GAZETTEER_GRAPH)) in changed:
        return True
    graphs = sum(1 for _ in store.named_graphs())
    return len(changed) > max(BULK_FLOOR, BULK_SHARE * graphs)


def touched_nodes(changed: Iterable[str], old: ox.Store, new: ox.Store) -> list[Term]:
    """The nodes whose statements changed: the changed graphs themselves, and the subject of every
    triple of theirs (before or after) that came into or went out of the merged graph.

    A triple an article states again (a region's name, an award's label) is no change, so the
    many rows that lean on such a node are left alone.
    """
    nodes: set[Term] = set()
    seen: set[tuple[object, object, object]] = set()
    for graph in changed:
        name = ox.NamedNode(graph)
        nodes.add(name)
        for store in (old, new):
            for quad in store.quads_for_pattern(None, None, None, name):
                triple = (quad.subject, quad.predicate, quad.object)
                if triple in seen:
                    continue
                seen.add(triple)
                merged = ox.Quad(*triple, ox.DefaultGraph())
                if (merged in old) != (merged in new):
                    nodes.add(quad.subject)  # type: ignore[arg-type]
    return sorted(nodes, key=term_key)


def _reached(summary: Summary, store: ox.Store, touched: Sequence[Term]) -> set[Term]:
    """The anchors of a summary that the touched nodes lead back to in one store."""
    anchors: set[Term] = set(touched) if summary.reach_self else set()
    for clause in _values("node", touched):
        for pattern in summary.reach:  # one query each: VALUES first, so that each looks up from ?node
            for row in select(store, f"SELECT DISTINCT ?key WHERE {{ {clause} {pattern} }}"):
                if row["key"] is not None:
                    anchors.add(row["key"])
    return anchors


def _stored(db: sqlite3.Connection, summary: Summary, anchors: list[Term] | None) -> dict[bytes, int]:
    """The sidecar's rows of these anchors (of every anchor for None): key -> position."""
    if anchors is None:
        return dict(db.execute("SELECT key, rank FROM rows WHERE query = ?", (_code(summary),)))
    found: dict[bytes, int] = {}
    ids = [anchor_id(anchor) for anchor in anchors]
    for start in range(0, len(ids), VALUES_CHUNK):
        chunk = ids[start : start + VALUES_CHUNK]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT key, rank FROM rows WHERE query = ? AND anchor IN ({marks})"
        found.update(db.execute(query, [_code(summary), *chunk]))
    return found


def _replace(
    summary: Summary, store: ox.Store, db: sqlite3.Connection, rows: list[SummaryRow], stale: dict[bytes, int]
) -> None:
    """Put `rows` in place of the `stale` ones: a row whose key is in both stays where it is."""
    fresh = {row.key: row for row in rows}
    gone = [(key, rank) for key, rank in stale.items() if key not in fresh]
    for _, rank in gone:
        _remove_row(summary, store, rank)
    db.executemany("DELETE FROM rows WHERE query = ? AND key = ?", [(_code(summary), key) for key, _ in gone])
    added = [row for key, row in sorted(fresh.items()) if key not in stale]
    if not added:
        return
    ranks = _place(db, _code(summary), added)
    db.executemany(INSERT, (_record(summary, row, ranks[row.key] if ranks else 0) for row in added))
    if ranks is None:
        _renumber(summary, store, db, {row.key: row for row in added})
        return
    store.extend([quad for row in added for quad in _row_quads(summary, row, ranks[row.key])])


def _node_at(summary: Summary, store: ox.Store, rank: int) -> ox.NamedNode | None:
    """The node at a position of a query (positions are unique within a query)."""
    for quad in store.quads_for_pattern(None, summary.predicate, _integer(rank), GRAPH):
        return quad.subject if isinstance(quad.subject, ox.NamedNode) else None
    return None


def _remove_row(summary: Summary, store: ox.Store, rank: int) -> None:
    node = _node_at(summary, store, rank)
    if node is None:
        return
    for quad in list(store.quads_for_pattern(node, None, None, GRAPH)):
        store.remove(quad)


def _place(db: sqlite3.Connection, query: int, added: list[SummaryRow]) -> dict[bytes, int] | None:
    """Positions for new rows (sorted) between the rows kept: each run of new rows that falls
    between the same two neighbours is spread evenly over the gap. None when one does not fit."""
    runs: dict[tuple[int, int | None], list[SummaryRow]] = defaultdict(list)
    for row in added:
        before = db.execute(
            "SELECT rank FROM rows WHERE query = ? AND key < ? ORDER BY key DESC LIMIT 1", (query, row.key)
        ).fetchone()
        after = db.execute(
            "SELECT rank FROM rows WHERE query = ? AND key > ? ORDER BY key LIMIT 1", (query, row.key)
        ).fetchone()
        runs[(before[0] if before else 0, after[0] if after else None)].append(row)
    ranks: dict[bytes, int] = {}
    for (low, high), run in runs.items():
        step = GAP if high is None else (high - low) // (len(run) + 1)
        if step < 1:
            return None
        ranks.update((row.key, low + step * number) for number, row in enumerate(run, 1))
    return ranks


def _renumber(
    summary: Summary, store: ox.Store, db: sqlite3.Connection, added: dict[bytes, SummaryRow]
) -> None:
    """Space every position of a query GAP apart again (new rows are written at theirs)."""
    rows = db.execute("SELECT key, rank FROM rows WHERE query = ? ORDER BY key", (_code(summary),)).fetchall()
    nodes = {rank: _node_at(summary, store, rank) for key, rank in rows if key not in added}
    moved: list[tuple[int, int, bytes]] = []
    quads: list[ox.Quad] = []
    for number, (key, rank) in enumerate(rows, 1):
        position = number * GAP
        node = nodes.get(rank)
        if key in added:
            quads.extend(_row_quads(summary, added[key], position))
        elif position != rank and node is not None:
            store.remove(_rank_quad(summary, node.value, rank))
            quads.append(_rank_quad(summary, node.value, position))
        if position != rank:
            moved.append((position, _code(summary), key))
    db.executemany("UPDATE rows SET rank = ? WHERE query = ? AND key = ?", moved)
    store.extend(quads)
