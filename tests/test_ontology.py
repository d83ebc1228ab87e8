"""The ontology declares every term the graph uses, with labels in Indonesian and English."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import KG, ONTOLOGY_IRI, PREFIXES, QB
from kg.queries import ONTOLOGY_DIR
from kg.store import KnowledgeStore

ONTOLOGY = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
KG_NS = ONTOLOGY_IRI + "#"
DECLARED = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and s.startswith(KG_NS)}
STANDARD = tuple(iri for prefix, iri in PREFIXES.items() if prefix not in ("kg", "kgid"))


def test_the_namespace_and_the_ontology_list_the_same_terms() -> None:
    assert set(KG.__annotations__) == {str(t).removeprefix(KG_NS) for t in DECLARED}


@pytest.mark.parametrize("term", sorted(DECLARED), ids=lambda t: t.removeprefix(KG_NS))
def test_every_term_has_a_type_and_labels_in_indonesian_and_english(term: URIRef) -> None:
    assert set(ONTOLOGY.objects(term, RDF.type)) & {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        QB.DataStructureDefinition,
    }
    languages = {label.language for label in ONTOLOGY.objects(term, RDFS.label)}  # type: ignore[attr-defined]
    assert {"id", "en"} <= languages


def test_the_seed_graph_uses_only_declared_or_standard_terms(seed_store: KnowledgeStore) -> None:
    rows = seed_store.select("SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } }")
    used = {str(row["term"]) for row in rows}
    undeclared = {t for t in used if t.startswith(KG_NS) and URIRef(t) not in DECLARED}
    unknown = {t for t in used if not t.startswith(KG_NS) and not t.startswith(STANDARD)}
    assert not undeclared and not unknown
