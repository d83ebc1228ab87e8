"""A small graph with every kind of node the exports must show, hide or escape (used by tests/export)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.namespaces import KG, KGID, QB, SCHEMA, bind_prefixes

HOSTILE = 'Gubernur "aman" & \'tuntas\' <script>alert(1)</script> <img src=x onerror="alert(2)"> `x`'

JABAR = KGID["region/32"]
BANDUNG = KGID["region/32.73"]
BOGOR = KGID["region/32.01"]
PERSON = KGID["person/ridwan-kamil"]
POST = KGID["post/ridwan-kamil/gubernur/region/32"]
BPJS = KGID["org/bpjs-ketenagakerjaan"]
AWARD = KGID["award/paritrana-award"]
CONFERRAL = KGID["award/paritrana-award/2021/nasional/region/32"]
FIGURE = KGID["figure/doc-1/32-1200-persons"]
ARTICLE = KGID["article/doc-1"]
SENTENCE = KGID["article/doc-1/sentence/0"]
MENTION = KGID["article/doc-1/mention/0"]
MENTION_BANDUNG = KGID["article/doc-1/mention/1"]

#: The nodes the default view must keep, and the class each must be drawn as.
ENTITY_CLASSES = {
    JABAR: "Province",
    BANDUNG: "City",
    BOGOR: "Regency",
    PERSON: "Person",
    POST: "Post",
    BPJS: "Organization",
    AWARD: "Award",
    CONFERRAL: "AwardConferral",
    FIGURE: "CoverageFigure",
    ARTICLE: "Article",
}
#: Regions nothing is said about (no mention, no fact): gazetteer scaffolding the page leaves out.
SCAFFOLD = (BOGOR,)
HIDDEN = (SENTENCE, MENTION, MENTION_BANDUNG, KG.Region, URIRef("https://w3id.org/jamsostek-kg/ontology"))


def _id(text: str) -> Literal:
    return Literal(text, lang="id")


def sample_triples() -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """Regions, a governor and his post, BPJS, a Paritrana conferral, a figure, an article and its noise."""
    return [
        (JABAR, RDF.type, KG.Province),
        (JABAR, RDF.type, KG.Region),
        (JABAR, SKOS.prefLabel, _id("Jawa Barat")),
        (JABAR, SKOS.prefLabel, Literal("West Java", lang="en")),
        (JABAR, SKOS.altLabel, _id("Jabar")),
        (JABAR, SKOS.altLabel, _id("Provinsi Jawa Barat")),
        (JABAR, KG.kemendagriCode, Literal("32")),
        (BANDUNG, RDF.type, KG.City),
        (BANDUNG, RDF.type, KG.Region),
        (BANDUNG, SKOS.prefLabel, _id("Kota Bandung")),
        (BANDUNG, KG.province, JABAR),
        (BANDUNG, SCHEMA.containedInPlace, JABAR),
        (BOGOR, RDF.type, KG.Regency),
        (BOGOR, RDF.type, KG.Region),
        (BOGOR, RDFS.label, _id("Kabupaten Bogor")),
        (BOGOR, KG.province, JABAR),
        (PERSON, RDF.type, KG.Person),
        (PERSON, RDFS.label, _id("Ridwan Kamil")),
        (POST, RDF.type, KG.Post),
        (POST, KG.holder, PERSON),
        (POST, KG.postIn, JABAR),
        (POST, KG.roleLabel, _id("Gubernur")),
        (POST, KG.asOf, Literal("2021-12-01", datatype=XSD.date)),
        (POST, KG.evidence, MENTION),
        (BPJS, RDF.type, KG.Organization),
        (BPJS, SCHEMA.name, Literal("BPJS Ketenagakerjaan")),
        (AWARD, RDF.type, KG.Award),
        (AWARD, RDFS.label, _id("Paritrana Award")),
        (CONFERRAL, RDF.type, KG.AwardConferral),
        (CONFERRAL, KG.award, AWARD),
        (CONFERRAL, KG.recipient, JABAR),
        (CONFERRAL, KG.editionYear, Literal(2021)),
        (CONFERRAL, KG.rank, Literal(1)),
        (CONFERRAL, KG.nationalLevel, Literal(True)),
        (FIGURE, RDF.type, KG.CoverageFigure),
        (FIGURE, RDF.type, QB.Observation),
        (FIGURE, KG.subject, JABAR),
        (FIGURE, KG.value, Literal("1200", datatype=XSD.decimal)),
        (FIGURE, KG.unit, Literal("persons")),
        (ARTICLE, RDF.type, KG.Article),
        (ARTICLE, DCTERMS.title, _id("Jawa Barat raih Paritrana Award 2021")),
        (ARTICLE, KG.text, Literal(HOSTILE + "\x0b\x01 sisa teks.")),
        (ARTICLE, DCTERMS.date, Literal("2021-12-02", datatype=XSD.date)),
        (ARTICLE, DCTERMS.identifier, Literal("doc-1")),
        (ARTICLE, KG.mentions, POST),
        (ARTICLE, KG.mentions, CONFERRAL),
        (SENTENCE, RDF.type, KG.Sentence),
        (SENTENCE, KG.inArticle, ARTICLE),
        (SENTENCE, KG.text, Literal(HOSTILE)),
        (MENTION, RDF.type, KG.Mention),
        (MENTION, KG.inSentence, SENTENCE),
        (MENTION, KG.refersTo, JABAR),
        (MENTION, KG.rule, Literal("award.cue")),
        (MENTION_BANDUNG, RDF.type, KG.Mention),
        (MENTION_BANDUNG, KG.inSentence, SENTENCE),
        (MENTION_BANDUNG, KG.refersTo, BANDUNG),
        (KG.Region, RDF.type, OWL.Class),
        (KG.Region, RDFS.label, Literal("Region", lang="en")),
        (KG.Province, RDFS.subClassOf, KG.Region),
        (URIRef("https://w3id.org/jamsostek-kg/ontology"), RDF.type, OWL.Ontology),
    ]


def make_graph(reverse: bool = False) -> Graph:
    """The sample graph; `reverse` adds the same triples in the opposite order."""
    graph = bind_prefixes(Graph())
    triples = sample_triples()
    for triple in reversed(triples) if reverse else triples:
        graph.add(triple)
    return graph
