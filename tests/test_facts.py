"""The facts interchange format, read from the graph of the seed articles."""

from __future__ import annotations

from kg.facts import read_facts
from kg.store import KnowledgeStore

#: (fact type, field naming another thing) pairs: the thing must be one the article names.
REFERENCES = [
    ("person", "org"),
    ("program", "operator"),
    ("regulation", "issuer"),
    ("award", "recipient"),
    ("award", "level"),
    ("figure", "subject"),
]


def test_every_reference_names_a_region_or_organisation_of_the_same_article(
    seed_store: KnowledgeStore,
) -> None:
    for record in read_facts(seed_store):
        named = {f["name"] for f in record["facts"] if f["type"] in ("region", "organization")} | {"nasional"}
        for fact in record["facts"]:
            for kind, field in REFERENCES:
                if fact["type"] == kind and field in fact:
                    assert fact[field] in named, (record["doc"], fact)


def test_facts_come_in_document_order_with_confidences(seed_store: KnowledgeStore) -> None:
    records = read_facts(seed_store)
    assert [r["doc"] for r in records] == sorted(r["doc"] for r in records)
    assert all(0 < f["confidence"] <= 1 for r in records for f in r["facts"])


def test_a_higher_confidence_floor_keeps_fewer_facts(seed_store: KnowledgeStore) -> None:
    def total(floor: float) -> int:
        return sum(len(r["facts"]) for r in read_facts(seed_store, min_confidence=floor))

    assert total(0.0) > total(0.9) > 0
