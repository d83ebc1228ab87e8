"""What the graph knows of one entity, with the sentence behind each fact.

`find_entities` looks a name up among labels and aliases (case and accents folded);
`explain` gathers an entity's types, names, properties, the facts that point at it
(posts it holds, awards it received, figures about it, regulations it issued) and
the mentions that state them: article, date, sentence and the rule that read it.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.namespaces import PREFIXES, RESOURCE_BASE
from kg.store import KnowledgeStore

HIDDEN_PREDICATES = frozenset(
    {PREFIXES["kg"] + "evidence", PREFIXES["kg"] + "refersTo", PREFIXES["kg"] + "mentions"}
)
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
NAME_PREDICATES = ("rdfs:label", "skos:prefLabel", "skos:altLabel")


@dataclass(frozen=True)
class Evidence:
    """A mention that states something: where it is and how it was read."""

    doc: str
    date: str | None
    sentence: str
    anchor: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Statement:
    """One property of the entity (or of a fact about it), its value shown by label."""

    predicate: str
    value: str


@dataclass(frozen=True)
class RelatedFact:
    """A node that points at the entity: a post, an award conferral, a figure, a regulation."""

    iri: str
    kind: str
    label: str
    via: str
    evidence: tuple[Evidence, ...]


@dataclass
class Explanation:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    facts: list[RelatedFact] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


#: A node and each of its names (label, preferred and alternative labels), as one SPARQL pattern.
_NAMES = " UNION ".join(f"{{ ?node {p} ?name }}" for p in NAME_PREDICATES)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookup."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(APOSTROPHES))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def short(iri: str) -> str:
    """A readable form of an IRI: kgid:... for resources, prefix:name for vocabulary terms."""
    if iri.startswith(RESOURCE_BASE):
        return "kgid:" + iri.removeprefix(RESOURCE_BASE)
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and "/" not in iri.removeprefix(namespace):
            return f"{prefix}:{iri.removeprefix(namespace)}"
    return iri


def _expand(text: str) -> str | None:
    """The IRI a user wrote: a full IRI, <IRI>, kgid:path or a bare resource path (region/35.77)."""
    text = text.strip().removeprefix("<").removesuffix(">")
    if text.startswith("kgid:"):
        text = RESOURCE_BASE + text.removeprefix("kgid:")
    if not text.startswith(("http://", "https://")):
        return None
    try:
        return ox.NamedNode(text).value  # a valid IRI, safe to write between < and > in a query
    except ValueError:
        return None


def find_entities(store: KnowledgeStore, text: str) -> list[tuple[str, str]]:
    """(IRI, label) of every node whose IRI, label or alias is `text`, best names first."""
    iri = _expand(text)
    if iri is not None:
        return [(iri, _label(store, iri))] if _exists(store, iri) else []
    wanted = fold(text)
    names = _NAMES
    rows = store.select(f"SELECT DISTINCT ?node ?name WHERE {{ {names} }}")
    found = sorted({str(row["node"]) for row in rows if fold(str(row["name"])) == wanted})
    if not found and "/" in text:
        return find_entities(store, "kgid:" + text)
    return [(node, _label(store, node)) for node in found]


def suggest_entities(store: KnowledgeStore, text: str, limit: int = 8) -> list[str]:
    """Names close to `text` when nothing is called exactly that: "Madiun" -> Kota Madiun, Kabupaten Madiun.

    Names that hold every word of `text` come first (the shorter, the closer), then names
    that are spelled nearly alike; entities the articles mention rank above gazetteer-only ones.
    """
    wanted = fold(text)
    if not wanted:
        return []
    names = _NAMES
    rows = store.select(
        f"SELECT DISTINCT ?name (EXISTS {{ ?m kg:mentions ?node }} AS ?used) WHERE {{ {names} }}"
    )
    used: dict[str, bool] = {}
    for row in rows:
        name = str(row["name"])
        used[name] = used.get(name, False) or str(row["used"]) == "true"
    words = wanted.split()
    holding = [n for n in used if all(w in fold(n).split() for w in words)]
    if not holding:
        folded = {fold(n): n for n in used}
        holding = [folded[f] for f in difflib.get_close_matches(wanted, list(folded), n=limit, cutoff=0.75)]
    return sorted(holding, key=lambda n: (not used[n], len(n), n))[:limit]


def _exists(store: KnowledgeStore, iri: str) -> bool:
    return any(True for _ in store.select(f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1"))


def _label(store: KnowledgeStore, iri: str) -> str:
    rows = store.select(f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel|rdfs:label ?l }} ORDER BY ?l LIMIT 1")
    return next((str(row["l"]) for row in rows), short(iri))


def _value(store: KnowledgeStore, term: URIRef | Literal) -> str:
    if isinstance(term, URIRef):
        label = _label(store, str(term))
        return label if label == short(str(term)) else f"{label} ({short(str(term))})"
    return str(term)


def _evidence(store: KnowledgeStore, iri: str) -> tuple[Evidence, ...]:
    rows = store.select(f"""
        SELECT DISTINCT ?doc ?date ?text ?anchor ?rule ?confidence WHERE {{
          <{iri}> kg:evidence ?m .
          ?m kg:inSentence/kg:text ?text ; kg:anchorText ?anchor ; kg:rule ?rule ; kg:confidence ?confidence ;
             kg:inArticle ?a .
          ?a kg:docId ?doc . OPTIONAL {{ ?a dcterms:date ?date }}
        }} ORDER BY ?date ?doc ?text""")
    return tuple(
        Evidence(
            str(r["doc"]),
            str(r["date"]) if r["date"] else None,
            str(r["text"]),
            str(r["anchor"]),
            str(r["rule"]),
            float(r["confidence"]),  # type: ignore[arg-type]
        )
        for r in rows
    )


def _statements(store: KnowledgeStore, iri: str) -> list[Statement]:
    rows = store.select(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o")
    names = {PREFIXES["rdf"] + "type", PREFIXES["skos"] + "altLabel", PREFIXES["skos"] + "prefLabel"}
    hidden = HIDDEN_PREDICATES | names | {PREFIXES["rdfs"] + "label"}
    return [
        Statement(short(str(r["p"])), _value(store, r["o"]))  # type: ignore[arg-type]
        for r in rows
        if str(r["p"]) not in hidden
    ]


def _related(store: KnowledgeStore, iri: str) -> list[RelatedFact]:
    rows = store.select(f"""
        SELECT DISTINCT ?node ?p ?type WHERE {{
          ?node ?p <{iri}> ; a ?type .
          FILTER (?p NOT IN (kg:refersTo, kg:mentions, kg:province, schema:containedInPlace, kg:awardLevel))
        }} ORDER BY ?type ?node""")
    return [
        RelatedFact(
            str(r["node"]),
            short(str(r["type"])),
            _label(store, str(r["node"])),
            short(str(r["p"])),
            _evidence(store, str(r["node"])),
        )
        for r in rows
        if str(r["type"]).startswith(PREFIXES["kg"])
    ]


def explain(store: KnowledgeStore, iri: str) -> Explanation:
    """Everything the merged graph says of one node, with its evidence."""
    types = store.select(f"SELECT ?t WHERE {{ <{iri}> a ?t }} ORDER BY ?t")
    aliases = store.select(f"SELECT ?a WHERE {{ <{iri}> skos:altLabel ?a }} ORDER BY ?a")
    return Explanation(
        iri=iri,
        label=_label(store, iri),
        types=[short(str(r["t"])) for r in types],
        aliases=[str(r["a"]) for r in aliases],
        statements=_statements(store, iri),
        facts=_related(store, iri),
        evidence=list(_evidence(store, iri)),
    )


__all__ = ["Evidence", "Explanation", "RelatedFact", "Statement", "explain", "find_entities", "fold", "short"]
