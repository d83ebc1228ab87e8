"""GraphML export and the entity view behind it: what is kept, how it is labelled, byte stability."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from export_sample import (
    ARTICLE,
    BANDUNG,
    BOGOR,
    BPJS,
    CONFERRAL,
    ENTITY_CLASSES,
    HIDDEN,
    HOSTILE,
    JABAR,
    PERSON,
    POST,
    SENTENCE,
    make_graph,
)
from rdflib import Graph

from kg.export.graphml import write_graphml
from kg.export.view import DEFAULT_EXCLUDED, graph_view, local_name, prefixed_name
from kg.namespaces import KG


def _read(graph: Graph, path: Path) -> nx.MultiDiGraph:
    write_graphml(graph, path)
    return nx.read_graphml(path, force_multigraph=True)


def test_round_trip_keeps_every_entity_with_its_label(sample_graph: Graph, tmp_path: Path) -> None:
    read = _read(sample_graph, tmp_path / "graph.graphml")
    assert set(read.nodes) == {str(node) for node in ENTITY_CLASSES}
    labels = dict(read.nodes(data="label"))
    assert labels[str(JABAR)] == "Jawa Barat"  # the @id prefLabel, not the @en one
    assert labels[str(BOGOR)] == "Kabupaten Bogor"  # rdfs:label when there is no prefLabel
    assert labels[str(BPJS)] == "BPJS Ketenagakerjaan"  # schema:name
    assert labels[str(ARTICLE)] == "Jawa Barat raih Paritrana Award 2021"  # dcterms:title
    assert labels[str(POST)] == "32"  # no label at all: the IRI's last path segment


def test_every_attribute_is_a_plain_string(sample_graph: Graph, tmp_path: Path) -> None:
    read = _read(sample_graph, tmp_path / "graph.graphml")
    values = [value for _, data in read.nodes(data=True) for value in data.values()]
    values += [value for *_, data in read.edges(data=True) for value in data.values()]
    assert values and all(isinstance(value, str) for value in values)
    for _, data in graph_view(sample_graph).nodes(data=True):
        assert all(isinstance(value, str) for value in data.values())


def test_classes_are_the_most_specific_and_types_are_listed(sample_graph: Graph) -> None:
    view = graph_view(sample_graph)
    assert {node: data["cls"] for node, data in view.nodes(data=True)} == {
        str(node): cls for node, cls in ENTITY_CLASSES.items()
    }
    assert view.nodes[str(JABAR)]["types"] == "kg:Province kg:Region"
    assert view.nodes[str(BANDUNG)]["iri"] == str(BANDUNG)


def test_literal_properties_are_flattened_and_joined(sample_graph: Graph) -> None:
    jabar = graph_view(sample_graph).nodes[str(JABAR)]
    assert jabar["skos_altLabel"] == "Jabar | Provinsi Jawa Barat"
    assert jabar["skos_prefLabel"] == "Jawa Barat | West Java"
    assert jabar["kg_kemendagriCode"] == "32"
    conferral = graph_view(sample_graph).nodes[str(CONFERRAL)]
    assert (conferral["kg_editionYear"], conferral["kg_nationalLevel"]) == ("2021", "true")


def test_excluded_classes_and_meta_classes_are_absent(sample_graph: Graph, tmp_path: Path) -> None:
    read = _read(sample_graph, tmp_path / "graph.graphml")
    for node in HIDDEN:
        assert str(node) not in read
    assert {KG.Sentence, KG.Mention} <= DEFAULT_EXCLUDED


def test_exclusion_can_be_chosen(sample_graph: Graph) -> None:
    view = graph_view(sample_graph, exclude_classes={KG.Person, KG.Mention})
    assert str(PERSON) not in view
    assert view.nodes[str(SENTENCE)]["kg_text"] == HOSTILE


def test_edges_link_entities_only_and_are_keyed_by_predicate(sample_graph: Graph) -> None:
    view = graph_view(sample_graph)
    edges = {(source, target, key) for source, target, key in view.edges(keys=True)}
    assert (str(BANDUNG), str(JABAR), "kg:province") in edges
    assert (str(BANDUNG), str(JABAR), "schema:containedInPlace") in edges
    assert (str(POST), str(PERSON), "kg:holder") in edges
    assert (str(ARTICLE), str(CONFERRAL), "kg:mentions") in edges
    assert all(not key.startswith("rdf:") for *_, key in edges)
    assert view.edges[str(BANDUNG), str(JABAR), "kg:province"] == {
        "predicate": "kg:province",
        "label": "province",
    }
    assert len(edges) == view.number_of_edges() == 10


def test_markup_and_control_characters_survive_as_text(sample_graph: Graph, tmp_path: Path) -> None:
    read = _read(sample_graph, tmp_path / "graph.graphml")
    assert read.nodes[str(ARTICLE)]["kg_text"] == HOSTILE + " sisa teks."
    assert b"<script>" not in (tmp_path / "graph.graphml").read_bytes()


def test_the_same_graph_gives_the_same_bytes(tmp_path: Path) -> None:
    write_graphml(make_graph(), tmp_path / "a.graphml")
    write_graphml(make_graph(), tmp_path / "b.graphml")
    write_graphml(make_graph(reverse=True), tmp_path / "c.graphml")
    first = (tmp_path / "a.graphml").read_bytes()
    assert first == (tmp_path / "b.graphml").read_bytes() == (tmp_path / "c.graphml").read_bytes()


def test_names_use_the_project_prefixes() -> None:
    assert prefixed_name(KG.Region) == "kg:Region"
    assert prefixed_name(JABAR) == "kgid:region/32"
    assert local_name(JABAR) == "32"
    assert local_name(KG.AwardConferral) == "AwardConferral"
