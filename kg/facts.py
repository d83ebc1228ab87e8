"""The facts interchange format (../shared/eval/FACTS.md), read from the graph by SPARQL.

Each article's named graph says what that article states; one SELECT per fact type
reads it back, so the export is a view of the graph, not of the extractor's memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef

from kg.store import KnowledgeStore

FactDict = dict[str, Any]

# An OPTIONAL lookup of a variable that an earlier OPTIONAL left unbound would match
# every label in the store; such lookups go through `COALESCE(?x, <urn:x-kg:none>)`.
QUERIES: dict[str, str] = {
    "region": """
SELECT DISTINCT ?doc ?node ?name ?level (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node .
             ?m kg:refersTo ?node ; kg:confidence ?c ; kg:rule ?rule . }
  ?node a kg:Region ; skos:prefLabel ?name ; kg:level ?level .
} GROUP BY ?doc ?node ?name ?level""",
    "person": """
SELECT ?doc ?node ?name ?alias ?role ?org ?orgName (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) (MIN(?at) AS ?roleAt) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node . ?node a kg:Person ; rdfs:label ?name .
             ?node kg:evidence ?m . ?m kg:confidence ?c ; kg:rule ?rule .
             OPTIONAL { ?node skos:altLabel ?alias }
             OPTIONAL { ?post kg:holder ?node ; kg:roleLabel ?role ; kg:evidence/kg:beginIndex ?at .
                        ?a kg:mentions ?post .
                        OPTIONAL { ?post kg:postIn ?org . OPTIONAL { ?org rdfs:label ?localOrg } } } }
  BIND(COALESCE(?org, <urn:x-kg:none>) AS ?orgRef)
  OPTIONAL { ?orgRef skos:prefLabel ?globalOrg }
  BIND(COALESCE(?localOrg, ?globalOrg) AS ?orgName)
} GROUP BY ?doc ?node ?name ?alias ?role ?org ?orgName""",
    "organization": """
SELECT ?doc ?node ?name ?alias (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node .
             ?node a kg:Organization ; rdfs:label ?name .
             ?node kg:evidence ?m . ?m kg:confidence ?c ; kg:rule ?rule .
             OPTIONAL { ?node skos:altLabel ?alias } }
} GROUP BY ?doc ?node ?name ?alias""",
    "program": """
SELECT ?doc ?node ?name ?alias ?operator ?operatorName (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node . ?node a kg:Programme ; rdfs:label ?name .
             ?node kg:evidence ?m . ?m kg:confidence ?c ; kg:rule ?rule .
             OPTIONAL { ?node skos:altLabel ?alias }
             OPTIONAL { ?node kg:operator ?operator . OPTIONAL { ?operator rdfs:label ?localOp } } }
  BIND(COALESCE(?operator, <urn:x-kg:none>) AS ?operatorRef)
  OPTIONAL { ?operatorRef skos:prefLabel ?globalOp }
  BIND(COALESCE(?localOp, ?globalOp) AS ?operatorName)
} GROUP BY ?doc ?node ?name ?alias ?operator ?operatorName""",
    "regulation": """
SELECT ?doc ?node ?kind ?number ?year ?title ?issuerName (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node . ?node a kg:Regulation ;
             kg:regulationKind ?kind ; kg:regulationNumber ?number ; kg:regulationYear ?year ;
             kg:modality "asserted" ; kg:evidence ?m . ?m kg:confidence ?c ; kg:rule ?rule .
             OPTIONAL { ?node dcterms:title ?title } OPTIONAL { ?node kg:issuer ?issuer } }
  BIND(COALESCE(?issuer, <urn:x-kg:none>) AS ?issuerRef)
  OPTIONAL { ?issuerRef skos:prefLabel ?issuerName }
} GROUP BY ?doc ?node ?kind ?number ?year ?title ?issuerName""",
    "award": """
SELECT ?doc ?node ?award ?year ?recipient ?recipientName ?result ?rank ?levelName ?national ?category
       (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node . ?node a kg:AwardConferral ;
             kg:award/rdfs:label ?award ; kg:editionYear ?year ; kg:recipient ?recipient ; kg:result ?result ;
             kg:evidence ?m . ?m kg:confidence ?c ; kg:rule ?rule .
             OPTIONAL { ?recipient rdfs:label ?localName }
             OPTIONAL { ?node kg:rank ?rank } OPTIONAL { ?node kg:category ?category }
             OPTIONAL { ?node kg:nationalLevel ?national } OPTIONAL { ?node kg:awardLevel ?level } }
  OPTIONAL { ?recipient skos:prefLabel ?globalName }
  BIND(COALESCE(?level, <urn:x-kg:none>) AS ?levelRef)
  OPTIONAL { ?levelRef skos:prefLabel ?levelName }
  BIND(COALESCE(?localName, ?globalName) AS ?recipientName)
} GROUP BY ?doc ?node ?award ?year ?recipient ?recipientName ?result ?rank ?levelName ?national ?category""",
    "figure": """
SELECT ?doc ?node ?subjectName ?value ?unit ?segment ?year (MAX(?c) AS ?confidence)
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) WHERE {
  GRAPH ?g { ?a a kg:Article ; kg:docId ?doc ; kg:mentions ?node . ?node a kg:CoverageFigure ;
             kg:subject ?subject ; kg:value ?value ; kg:unit ?unit ; kg:modality "asserted" ;
             kg:evidence ?m . ?m kg:confidence ?c ; kg:rule ?rule .
             OPTIONAL { ?subject rdfs:label ?localName }
             OPTIONAL { ?node kg:segment ?segment } OPTIONAL { ?node kg:refYear ?year } }
  OPTIONAL { ?subject skos:prefLabel ?globalName }
  BIND(COALESCE(?localName, ?globalName) AS ?subjectName)
} GROUP BY ?doc ?node ?subjectName ?value ?unit ?segment ?year""",
}


def _plain(term: URIRef | Literal | BNode | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value
    return str(term)


def _rows(store: KnowledgeStore, kind: str) -> list[dict[str, Any]]:
    """The rows of one kind's query in a fixed order.

    A fact keeps the first value of each field, and the engine's row order differs
    between an on-disk and an in-memory store, so rows are sorted: a person's roles
    in the order the article states them (`roleAt`), the rest by their values.
    """
    rows = [{key: _plain(value) for key, value in row.items()} for row in store.select(QUERIES[kind])]
    return sorted(
        rows,
        key=lambda row: (
            row.get("roleAt") is None,
            row.get("roleAt") or 0,
            json.dumps(row, sort_keys=True, default=str),
        ),
    )


def _entities(store: KnowledgeStore, kind: str, min_confidence: float) -> dict[str, list[FactDict]]:
    """Facts of one kind per document; rows of one node are folded into one fact."""
    nodes: dict[tuple[str, str], FactDict] = {}
    for row in _rows(store, kind):
        if (row.get("confidence") or 0) < min_confidence:
            continue
        key = (row["doc"], row["node"])
        fact = nodes.setdefault(key, _new_fact(kind, row))
        if row.get("alias") and row["alias"] not in fact.setdefault("aliases", []):
            fact["aliases"].append(row["alias"])
        _fill(kind, fact, row)
    per_doc: dict[str, list[FactDict]] = defaultdict(list)
    for (doc, _node), fact in sorted(nodes.items()):
        if "aliases" in fact:
            fact["aliases"] = sorted(fact["aliases"])
        fact["confidence"] = round(float(fact.get("confidence") or 0), 3)
        per_doc[doc].append(fact)
    return per_doc


def _new_fact(kind: str, row: dict[str, Any]) -> FactDict:
    fact: FactDict = {"type": kind}
    if kind in ("region", "person", "organization", "program"):
        fact["name"] = row["name"]
    if kind in ("person", "organization", "program"):
        fact["aliases"] = []
    fact["confidence"] = row.get("confidence")
    fact["rules"] = sorted(set(str(row.get("rules") or "").split()))
    return fact


def _set(fact: FactDict, field: str, value: Any) -> None:
    if value is not None and field not in fact:
        fact[field] = value


def _fill(kind: str, fact: FactDict, row: dict[str, Any]) -> None:
    """Copy a row's fields into a fact, keeping the first value of each field."""
    if kind == "region":
        _set(fact, "level", row["level"])
    elif kind == "person":
        _set(fact, "role", row.get("role"))
        if row.get("role") == fact.get("role"):
            _set(fact, "org", row.get("orgName"))
    elif kind == "program":
        _set(fact, "operator", row.get("operatorName"))
    elif kind == "regulation":
        for field in ("kind", "number", "year", "title"):
            _set(fact, field, row.get(field))
        _set(fact, "issuer", row.get("issuerName"))
    elif kind == "award":
        for field in ("award", "year", "result", "rank", "category"):
            _set(fact, field, row.get(field))
        _set(fact, "recipient", row.get("recipientName"))
        _set(fact, "level", "nasional" if row.get("national") else row.get("levelName"))
    elif kind == "figure":
        for field in ("value", "unit", "segment", "year"):
            _set(fact, field, row.get(field))
        _set(fact, "subject", row.get("subjectName"))


def _merge_figures(facts: list[FactDict]) -> list[FactDict]:
    """One figure per (subject, value, unit): a repeated number adds what the first lacked."""
    merged: dict[tuple[Any, ...], FactDict] = {}
    for fact in facts:
        key = (fact.get("subject"), fact.get("value"), fact.get("unit"))
        if key in merged:
            for field, value in fact.items():
                merged[key].setdefault(field, value)
        else:
            merged[key] = dict(fact)
    return list(merged.values())


def read_facts(store: KnowledgeStore, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Every document's facts, in the interchange format, ordered by document id."""
    docs: dict[str, list[FactDict]] = defaultdict(list)
    for row in store.select("SELECT ?doc WHERE { GRAPH ?g { ?a a kg:Article ; kg:docId ?doc } }"):
        docs[str(row["doc"])]
    for kind in QUERIES:
        for doc, facts in _entities(store, kind, min_confidence).items():
            docs[doc].extend(_merge_figures(facts) if kind == "figure" else facts)
    return [{"doc": doc, "facts": docs[doc]} for doc in sorted(docs)]


def facts_jsonl(store: KnowledgeStore, min_confidence: float = 0.0) -> str:
    return "".join(
        json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"
        for record in read_facts(store, min_confidence)
    )
