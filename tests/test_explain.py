"""Looking an entity up by any of its names, and what the graph says of it."""

from __future__ import annotations

import pytest

from kg.explain import explain, find_entities, fold
from kg.store import KnowledgeStore

MADIUN = "https://w3id.org/jamsostek-kg/id/region/35.77"


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Kota Madiun", "kota madiun"),
        ("Rudy Mas’ud", "rudy mas'ud"),
        ("Sumatera  Utara", "sumatera utara"),
        ("Béjo", "bejo"),
    ],
)
def test_names_are_folded_for_lookup(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize(
    "written",
    ["Kota Madiun", "kota madiun", "KOTA MADIUN", MADIUN, f"<{MADIUN}>", "kgid:region/35.77", "region/35.77"],
)
def test_an_entity_is_found_by_label_iri_or_path(seed_store: KnowledgeStore, written: str) -> None:
    assert [iri for iri, _ in find_entities(seed_store, written)] == [MADIUN]


def test_an_alias_finds_its_entity(seed_store: KnowledgeStore) -> None:
    assert [label for _, label in find_entities(seed_store, "Jatim")] == ["Provinsi Jawa Timur"]


def test_an_unknown_name_finds_nothing(seed_store: KnowledgeStore) -> None:
    assert find_entities(seed_store, "Kota Atlantis") == []
    assert find_entities(seed_store, "kgid:region/99.99") == []


def test_a_region_is_explained_with_the_facts_about_it_and_their_sentences(
    seed_store: KnowledgeStore,
) -> None:
    explanation = explain(seed_store, MADIUN)
    assert explanation.label == "Kota Madiun"
    assert {"kg:City", "kg:Region"} <= set(explanation.types)
    assert any(s.predicate == "kg:kemendagriCode" and s.value == "35.77" for s in explanation.statements)
    kinds = {fact.kind for fact in explanation.facts}
    assert {"kg:AwardConferral", "kg:CoverageFigure", "kg:Post"} <= kinds
    for fact in explanation.facts:
        assert fact.evidence, fact
        assert all(item.anchor in item.sentence for item in fact.evidence)
    assert all(item.doc and 0 < item.confidence <= 1 for item in explanation.evidence)
