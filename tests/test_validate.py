"""SHACL validation: the seed graph conforms, and each kind of defect is reported."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.export.rdf import merged_graph
from kg.namespaces import KG, KGID
from kg.store import KnowledgeStore, to_rdflib
from kg.validate import validate_graph

ONE_ARTICLE = """
CONSTRUCT { ?s ?p ?o . ?region ?rp ?ro . ?province ?pp ?po }
WHERE {
  { GRAPH ?article { ?s ?p ?o } }
  UNION
  { GRAPH ?article { ?x ?q ?region }
    GRAPH kgid:graph\\/gazetteer { ?region ?rp ?ro } }
  UNION
  { GRAPH ?article { ?x ?q ?region }
    GRAPH kgid:graph\\/gazetteer { ?region kg:province ?province . ?province ?pp ?po } }
  VALUES ?article { kgid:graph\\/003-872eab1613aaa318 }
}"""


def test_the_seed_graph_conforms(seed_store: KnowledgeStore) -> None:
    report = validate_graph(merged_graph(seed_store))
    assert report.conforms, report.violations
    assert report.nodes_checked > 500


@pytest.fixture(scope="module")
def seed_graph(seed_store: KnowledgeStore) -> Graph:
    """One seed article's graph with the regions it names: every fact type, validated in a second."""
    result = seed_store.query(ONE_ARTICLE)
    graph = Graph()
    for triple in result:  # type: ignore[union-attr]
        graph.add(tuple(to_rdflib(term) for term in triple))  # type: ignore[arg-type]
    assert set(graph.objects(None, RDF.type)) >= {
        KG.AwardConferral,
        KG.Regulation,
        KG.CoverageFigure,
        KG.City,
    }
    return graph


def test_one_article_with_its_regions_conforms(seed_graph: Graph) -> None:
    assert validate_graph(seed_graph).conforms


def _first(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]  # type: ignore[type-var, return-value]


def _bad_region_code(g: Graph) -> None:
    region = _first(g, KG.City)
    g.set((region, KG.kemendagriCode, Literal("3577")))


def _mention_offsets_off_by_one(g: Graph) -> None:
    mention = _first(g, KG.Mention)
    end = int(g.value(mention, KG.endIndex))  # type: ignore[arg-type]
    g.set((mention, KG.endIndex, Literal(end + 1)))


def _conferral_without_recipient(g: Graph) -> None:
    g.remove((_first(g, KG.AwardConferral), KG.recipient, None))


def _regulation_from_before_independence(g: Graph) -> None:
    g.set((_first(g, KG.Regulation), KG.regulationYear, Literal(1900)))


def _figure_with_unknown_unit(g: Graph) -> None:
    g.set((_first(g, KG.CoverageFigure), KG.unit, Literal("rupiah")))


def _person_without_evidence(g: Graph) -> None:
    g.remove((_first(g, KG.Person), KG.evidence, None))


def _post_held_by_a_region(g: Graph) -> None:
    g.set((_first(g, KG.Post), KG.holder, KGID["region/35"]))


def _award_result_in_english_prose(g: Graph) -> None:
    g.set((_first(g, KG.AwardConferral), KG.result, Literal("won")))


DEFECTS: list[tuple[Callable[[Graph], None], str]] = [
    (_bad_region_code, "kemendagriCode"),
    (_mention_offsets_off_by_one, "offsets"),
    (_conferral_without_recipient, "recipient"),
    (_regulation_from_before_independence, "regulationYear"),
    (_figure_with_unknown_unit, "unit"),
    (_person_without_evidence, "evidence"),
    (_post_held_by_a_region, "holder"),
    (_award_result_in_english_prose, "result"),
]


@pytest.mark.parametrize(
    ("break_graph", "reported"), DEFECTS, ids=[d[0].__name__.strip("_") for d in DEFECTS]
)
def test_a_defect_is_reported(seed_graph: Graph, break_graph: Callable[[Graph], None], reported: str) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    break_graph(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert any(reported in f"{v.path} {v.message}" for v in report.violations), report.violations


def test_a_share_above_100_percent_warns_but_conforms(seed_graph: Graph) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    figure = _first(graph, KG.CoverageFigure)
    graph.set((figure, KG.unit, Literal("percent")))
    graph.set((figure, KG.value, Literal("150", datatype=XSD.decimal)))
    report = validate_graph(graph)
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]
