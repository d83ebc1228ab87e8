"""SHACL validation: the SPARQL compiler (engine "oxigraph") reports exactly what pyshacl reports.

The seed graph conforms in both engines; each kind of constraint that ontology/shapes.ttl
uses is broken once, on a small neighbourhood of one seed fact, and both engines must
give the same report, word for word; a SHACL construct the compiler does not translate
is refused with a message that names it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.namespaces import KG, KGID, PREFIXES
from kg.store import KnowledgeStore, to_rdflib
from kg.validate import (
    UnknownEngine,
    UnsupportedShape,
    ValidationReport,
    compile_shapes,
    load_shapes,
    validate_graph,
    validate_store,
)

EX = Namespace("https://example.org/kg#")

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


def both_engines(graph: Graph) -> ValidationReport:
    """The report of the oxigraph engine, after checking that pyshacl's is the same."""
    compiled = validate_graph(graph, engine="oxigraph")
    reference = validate_graph(graph, engine="pyshacl")
    assert compiled == reference
    return compiled


def test_the_seed_store_conforms_in_both_engines(seed_store: KnowledgeStore) -> None:
    compiled = validate_store(seed_store)
    assert compiled == validate_store(seed_store, engine="pyshacl")
    assert compiled.conforms, compiled.violations
    assert compiled.nodes_checked > 500


@pytest.fixture(scope="module")
def seed_graph(seed_store: KnowledgeStore) -> Graph:
    """One seed article's graph with the regions it names: every fact type."""
    result = seed_store.query(ONE_ARTICLE)
    graph = Graph()
    for triple in result:  # type: ignore[union-attr]
        graph.add(tuple(to_rdflib(term) for term in triple))  # type: ignore[arg-type]
    assert set(graph.objects(None, RDF.type)) >= {
        KG.AwardConferral,
        KG.Regulation,
        KG.CoverageFigure,
        KG.City,
        KG.Post,
    }
    return graph


def test_one_article_with_its_regions_conforms(seed_graph: Graph) -> None:
    assert both_engines(seed_graph).conforms


def _first(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]  # type: ignore[type-var, return-value]


def neighbourhood(graph: Graph, cls: URIRef) -> Graph:
    """The first node of a class with what it needs to conform: the nodes its sh:class links reach.

    A few dozen triples, so that pyshacl checks each broken copy in a fraction of a second.
    """
    shapes = load_shapes()
    links = {
        path
        for prop in shapes.subjects(SH.path, None)
        if (prop, SH["class"], None) in shapes or (prop, SH["or"], None) in shapes
        for path in shapes.objects(prop, SH.path)
    }
    small, todo, seen = Graph(), [_first(graph, cls)], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for predicate, value in graph.predicate_objects(node):
            small.add((node, predicate, value))
            if predicate in links:
                todo.append(value)  # type: ignore[arg-type]
    return small


# --- one defect per kind of constraint the shapes use -------------------------------------------


def _region_code_without_dot(g: Graph) -> None:  # sh:pattern, with the shape's own sh:message
    g.set((_first(g, KG.City), KG.kemendagriCode, Literal("3577")))


def _province_inside_a_province(g: Graph) -> None:  # sh:maxCount 0
    province = _first(g, KG.Province)
    g.add((province, KG.province, province))


def _province_at_city_level(g: Graph) -> None:  # sh:hasValue
    g.set((_first(g, KG.Province), KG.level, Literal("kota")))


def _region_level_as_blank_node(g: Graph) -> None:  # sh:in, a blank node quoted in the message
    g.set((_first(g, KG.City), KG.level, BNode("level")))


def _figure_with_unknown_unit(g: Graph) -> None:  # sh:in of two members
    g.set((_first(g, KG.CoverageFigure), KG.unit, Literal("rupiah")))


def _conferral_without_recipient(g: Graph) -> None:  # sh:minCount
    g.remove((_first(g, KG.AwardConferral), KG.recipient, None))


def _person_without_evidence(g: Graph) -> None:  # sh:minCount on a shape of several target classes
    g.remove((_first(g, KG.Person), KG.evidence, None))


def _mention_with_two_confidences(g: Graph) -> None:  # sh:maxCount
    g.add((_first(g, KG.Mention), KG.confidence, Literal("0.5", datatype=XSD.decimal)))


def _post_dated_in_words(g: Graph) -> None:  # sh:datatype, a plain string for a date
    g.set((_first(g, KG.Post), KG.asOf, Literal("kemarin")))


def _post_dated_the_thirtieth_of_february(g: Graph) -> None:  # sh:datatype, an ill-typed date
    g.set((_first(g, KG.Post), KG.asOf, Literal("2024-02-30", datatype=XSD.date)))


def _edition_year_in_roman_numerals(g: Graph) -> None:  # sh:datatype, an ill-typed integer
    g.set((_first(g, KG.AwardConferral), KG.editionYear, Literal("MMXXI", datatype=XSD.integer)))


def _approximate_as_ya(g: Graph) -> None:  # sh:datatype, an ill-typed boolean
    g.set((_first(g, KG.CoverageFigure), KG.approximate, Literal("ya", datatype=XSD.boolean)))


def _regulation_kind_of_one_letter(g: Graph) -> None:  # sh:minLength
    g.set((_first(g, KG.Regulation), KG.regulationKind, Literal("P")))


def _regulation_from_before_independence(g: Graph) -> None:  # sh:minInclusive
    g.set((_first(g, KG.Regulation), KG.regulationYear, Literal(1900)))


def _award_edition_of_the_next_century(g: Graph) -> None:  # sh:maxInclusive
    g.set((_first(g, KG.AwardConferral), KG.editionYear, Literal(2200)))


def _label_in_english(g: Graph) -> None:  # sh:languageIn
    g.set((_first(g, KG.Person), RDFS.label, Literal("the governor", lang="en")))


def _label_without_language(g: Graph) -> None:  # sh:languageIn, no tag at all
    g.set((_first(g, KG.Person), RDFS.label, Literal("Gubernur")))


def _post_held_by_a_mention(g: Graph) -> None:  # sh:class, an IRI of another class
    g.set((_first(g, KG.Post), KG.holder, _first(g, KG.Mention)))


def _post_held_by_a_blank_node(g: Graph) -> None:  # sh:class, a blank node as the value
    g.set((_first(g, KG.Post), KG.holder, BNode("someone")))


def _mention_in_a_literal_sentence(g: Graph) -> None:  # sh:class, a literal as the value
    g.set((_first(g, KG.Mention), KG.inSentence, Literal("s0")))


def _post_in_a_string(g: Graph) -> None:  # sh:or, a literal
    g.set((_first(g, KG.Post), KG.postIn, Literal("Jawa Timur")))


def _regulation_issued_by_a_mention(g: Graph) -> None:  # sh:or, an IRI of another class
    g.set((_first(g, KG.Regulation), KG.issuer, _first(g, KG.Mention)))


def _mention_offsets_off_by_one(g: Graph) -> None:  # sh:sparql
    mention = _first(g, KG.Mention)
    end = int(str(g.value(mention, KG.endIndex)))
    g.set((mention, KG.endIndex, Literal(end + 1)))


def _sentence_offsets_off_by_one(g: Graph) -> None:  # sh:sparql, reporting the focus node as the value
    sentence = _first(g, KG.Sentence)
    begin = int(str(g.value(sentence, KG.beginIndex)))
    g.set((sentence, KG.beginIndex, Literal(begin + 1)))


DEFECTS: list[tuple[URIRef, Callable[[Graph], None], str]] = [
    (KG.City, _region_code_without_dot, "A region has one Kemendagri code"),
    (KG.Province, _province_inside_a_province, "More than 0 values"),
    (KG.Province, _province_at_city_level, "does not contain a value in the set"),
    (KG.City, _region_level_as_blank_node, "Value [ ] not in list"),
    (KG.CoverageFigure, _figure_with_unknown_unit, 'Value Literal("rupiah") not in list'),
    (KG.AwardConferral, _conferral_without_recipient, "Less than 1 values"),
    (KG.Person, _person_without_evidence, "An extracted fact must carry a mention"),
    (KG.Mention, _mention_with_two_confidences, "More than 1 values"),
    (KG.Post, _post_dated_in_words, "Value is not Literal with datatype xsd:date"),
    (KG.Post, _post_dated_the_thirtieth_of_february, "Value is not Literal with datatype xsd:date"),
    (KG.AwardConferral, _edition_year_in_roman_numerals, "Value is not Literal with datatype xsd:integer"),
    (KG.CoverageFigure, _approximate_as_ya, "Value is not Literal with datatype xsd:boolean"),
    (KG.Regulation, _regulation_kind_of_one_letter, "String length not >= "),
    (KG.Regulation, _regulation_from_before_independence, "Value is not >= "),
    (KG.AwardConferral, _award_edition_of_the_next_century, "Value is not <= "),
    (KG.Person, _label_in_english, "String language is not in"),
    (KG.Person, _label_without_language, "String language is not in"),
    (KG.Post, _post_held_by_a_mention, "Value does not have class kg:Person"),
    (KG.Post, _post_held_by_a_blank_node, "Value does not have class kg:Person"),
    (KG.Mention, _mention_in_a_literal_sentence, "Value does not have class kg:Sentence"),
    (KG.Post, _post_in_a_string, "must conform to one or more shapes"),
    (KG.Regulation, _regulation_issued_by_a_mention, "must conform to one or more shapes"),
    (KG.Mention, _mention_offsets_off_by_one, "offsets span its anchor text"),
    (KG.Mention, _sentence_offsets_off_by_one, "A sentence's offsets must span its text"),
]


@pytest.mark.parametrize("start", sorted({d[0] for d in DEFECTS}), ids=lambda cls: cls.split("#")[-1])
def test_the_neighbourhood_of_a_seed_fact_conforms(seed_graph: Graph, start: URIRef) -> None:
    assert both_engines(neighbourhood(seed_graph, start)).conforms


@pytest.mark.parametrize(
    ("start", "break_graph", "reported"), DEFECTS, ids=[d[1].__name__.strip("_") for d in DEFECTS]
)
def test_both_engines_report_a_defect_alike(
    seed_graph: Graph, start: URIRef, break_graph: Callable[[Graph], None], reported: str
) -> None:
    graph = neighbourhood(seed_graph, start)
    break_graph(graph)
    report = both_engines(graph)
    assert not report.conforms
    assert any(reported in v.message for v in report.violations), report.violations


def test_a_share_above_100_percent_warns_but_conforms(seed_graph: Graph) -> None:
    graph = neighbourhood(seed_graph, KG.CoverageFigure)
    figure = _first(graph, KG.CoverageFigure)
    graph.set((figure, KG.unit, Literal("percent")))
    graph.set((figure, KG.value, Literal("150", datatype=XSD.decimal)))
    report = both_engines(graph)
    assert report.conforms
    assert [(v.severity, v.value) for v in report.violations] == [("Warning", '"150"^^xsd:decimal')]


def test_a_subclass_declared_in_the_data_counts_as_its_class(seed_graph: Graph) -> None:
    """A holder typed only ex:Mayor, a subclass of kg:Person, is still a person to every shape."""
    graph = neighbourhood(seed_graph, KG.Post)
    before = both_engines(graph).nodes_checked
    holder = graph.value(_first(graph, KG.Post), KG.holder)
    assert isinstance(holder, URIRef)
    graph.remove((holder, RDF.type, KG.Person))
    graph.add((holder, RDF.type, EX.Mayor))
    graph.add((EX.Mayor, RDFS.subClassOf, KG.Person))
    report = both_engines(graph)
    assert report.conforms and report.nodes_checked == before


def test_a_store_is_checked_where_it_is(seed_graph: Graph) -> None:
    """validate_store queries the store's merged graph, and agrees with pyshacl on a copy of it."""
    graph = neighbourhood(seed_graph, KG.Regulation)
    _regulation_from_before_independence(graph)
    store = KnowledgeStore()
    store.replace_graph(str(KGID["graph/test"]), [(s, p, o, None) for s, p, o in graph])  # type: ignore[misc]
    report = validate_store(store)
    assert report == validate_store(store, engine="pyshacl")
    assert [v.path for v in report.violations] == ["kg:regulationYear"]


def test_an_unknown_engine_is_refused(seed_graph: Graph) -> None:
    with pytest.raises(UnknownEngine, match="oxigraph, pyshacl"):
        validate_graph(seed_graph, engine="jena")


# --- constructs the compiler does not translate -----------------------------------------------

SHAPES_HEAD = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
SHAPES_HEAD += "@prefix ex: <https://example.org/shapes#> .\n"
SHAPES_HEAD += (
    'ex: sh:declare [ sh:prefix "kg" ; sh:namespace "https://w3id.org/jamsostek-kg/ontology#" ] .\n'
)


def _property(constraint: str) -> str:
    return (
        f"ex:S a sh:NodeShape ; sh:targetClass kg:Post ; sh:property [ sh:path kg:holder ; {constraint} ] ."
    )


def _select(query: str, message: str = "A post is odd.") -> str:
    return (
        "ex:S a sh:NodeShape ; sh:targetClass kg:Post ;"
        f' sh:sparql [ sh:prefixes ex: ; sh:message "{message}" ; sh:select """{query}""" ] .'
    )


UNSUPPORTED: list[tuple[str, str, str]] = [
    ("node kind", _property("sh:nodeKind sh:IRI"), "sh:nodeKind is not supported"),
    ("exclusive bound", _property("sh:minExclusive 0"), "sh:minExclusive is not supported"),
    ("nested shape", _property("sh:node ex:T"), "sh:node is not supported"),
    ("regex flags", _property('sh:pattern "^a" ; sh:flags "i"'), "sh:flags is not supported"),
    (
        "path expression",
        "ex:S sh:targetClass kg:Post ; sh:property [ sh:path [ sh:inversePath kg:holder ] ] .",
        "only a property IRI",
    ),
    ("two classes", _property("sh:class kg:Person , kg:Organization"), "sh:class given more than once"),
    (
        "two messages",
        _property('sh:minCount 1 ; sh:message "a"@en , "b"@id'),
        "sh:message given more than once",
    ),
    ("other datatype", _property("sh:datatype xsd:float"), "sh:datatype xsd:float is not supported"),
    ("deactivated", _property("sh:minCount 1 ; sh:deactivated true"), "sh:deactivated is not supported"),
    ("node target", "ex:S a sh:NodeShape ; sh:targetNode kg:Post .", "sh:targetNode is not supported"),
    ("implicit target", "ex:S a sh:NodeShape , rdfs:Class ; sh:targetClass kg:Post .", "also a class"),
    ("or of a count", _property("sh:or ( [ sh:minCount 1 ] )"), "sh:minCount in a member of sh:or"),
    (
        "constraint on the node itself",
        "ex:S sh:targetClass kg:Post ; sh:class kg:Post .",
        "sh:class is not supported",
    ),
    (
        "optional in a select",
        _select("SELECT $this WHERE { $this kg:holder ?h OPTIONAL { ?h kg:x ?y } }"),
        "OPTIONAL",
    ),
    (
        "exists in a select",
        _select("SELECT $this WHERE { $this kg:holder ?h FILTER NOT EXISTS { ?h a kg:Person } }"),
        "NOT EXISTS",
    ),
    ("limit in a select", _select("SELECT $this WHERE { $this kg:holder ?h } LIMIT 1"), "LIMIT"),
    (
        "unbound this",
        _select("SELECT $this WHERE { ?post kg:holder ?h FILTER (?post = $this) }"),
        "bind it in a triple pattern",
    ),
    (
        "variable in a message",
        _select("SELECT $this WHERE { $this kg:holder ?h }", "{$this} is odd"),
        "variables in sh:message",
    ),
]


@pytest.mark.parametrize(("shape", "refused"), [u[1:] for u in UNSUPPORTED], ids=[u[0] for u in UNSUPPORTED])
def test_a_construct_the_compiler_does_not_translate_is_refused(shape: str, refused: str) -> None:
    shapes = Graph().parse(data=SHAPES_HEAD + shape, format="turtle")
    with pytest.raises(UnsupportedShape, match=re.escape(refused)) as error:
        compile_shapes(shapes)
    assert str(error.value).startswith(("ex:S", "[ sh:path")), "the message names the shape"


def test_the_project_shapes_compile_to_one_query_per_constraint() -> None:
    compiled = compile_shapes(load_shapes())
    assert len(compiled.checks) > 100
    assert all("SELECT" in check.sparql for check in compiled.checks)
