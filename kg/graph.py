"""The graph stage: resolved articles -> RDF, one named graph per article.

Only this module knows RDF. Every IRI is minted by `iri()` from readable, stable
parts (a region's Kemendagri code, a regulation's issuer, kind, year and number),
so building the same input twice gives the same graph, and no blank node is made.

The terms are pyoxigraph's, made directly (the vocabulary once per process through
`OxTerms`): an article's quads go from here to N-Quads text and Oxigraph's loader
with no rdflib term on the way, which halves the stage's time.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib import namespace as rdflib_namespace

from kg.gazetteer import Gazetteer, Region
from kg.ids import slug
from kg.ingest import is_web_iri
from kg.model import (
    Article,
    AwardFact,
    Evidence,
    Fact,
    FigureFact,
    OrganizationFact,
    PersonFact,
    ProgramFact,
    RegionFact,
    RegulationFact,
)
from kg.namespaces import KG as KG_TERMS
from kg.namespaces import QB as QB_TERMS
from kg.namespaces import RESOURCE_BASE, OxTerms
from kg.namespaces import SCHEMA as SCHEMA_TERMS
from kg.resolve import Group, ResolvedArticle

KG = OxTerms(KG_TERMS)
QB = OxTerms(QB_TERMS)
SCHEMA = OxTerms(SCHEMA_TERMS)
RDF = OxTerms(rdflib_namespace.RDF)
RDFS = OxTerms(rdflib_namespace.RDFS)
SKOS = OxTerms(rdflib_namespace.SKOS)
DCTERMS = OxTerms(rdflib_namespace.DCTERMS)
PROV = OxTerms(rdflib_namespace.PROV)
XSD = OxTerms(rdflib_namespace.XSD)
LABEL = RDFS.label

Node = ox.NamedNode
Object = ox.NamedNode | ox.Literal
Triple = tuple[Node, Node, Object]
LEVEL_CLASS = {"provinsi": KG.Province, "kabupaten": KG.Regency, "kota": KG.City}
GAZETTEER_GRAPH = "graph/gazetteer"
PLAIN = str(rdflib_namespace.XSD.string)


def quad_order(quad: ox.Quad) -> tuple[str, ...]:
    """A sort key of plain strings: graph, subject, predicate, object, then the object's kind."""
    o = quad.object
    if isinstance(o, ox.Literal):
        kind = o.language or ("" if o.datatype.value == PLAIN else o.datatype.value)
    else:
        kind = "<>"
    return quad.graph_name.value, quad.subject.value, quad.predicate.value, o.value, kind  # type: ignore[union-attr]


def iri_text(*parts: str) -> str:
    """The one place IRIs are minted: the resource base plus readable path segments."""
    return RESOURCE_BASE + "/".join(parts)


def iri(*parts: str) -> URIRef:
    """A minted IRI as an rdflib term, for the readers of the graph (queries, tests, exports)."""
    return URIRef(iri_text(*parts))


@lru_cache(maxsize=1 << 16)
def named_node(text: str) -> Node:
    """An IRI as a pyoxigraph term; one article names the same nodes many times."""
    return ox.NamedNode(text)


def minted(*parts: str) -> Node:
    return named_node(iri_text(*parts))


def literal(value: str | int | bool | Decimal, datatype: Node | None = None) -> ox.Literal:
    """A literal as rdflib would write the same Python value: booleans, integers, decimals, strings."""
    if datatype is not None:
        return ox.Literal(str(value), datatype=datatype)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD.integer)
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=XSD.decimal)
    return ox.Literal(value)


def label(text: str) -> ox.Literal:
    return ox.Literal(text, language="id")


def article_graph_iri(doc_id: str) -> URIRef:
    return iri("graph", slug(doc_id))


def region_iri(code: str) -> Node:
    return minted("region", code)


def entity_iri(key: str) -> Node:
    """The IRI of a resolved entity key ("region/35.77", "person/maidi", "org/bpjs-ketenagakerjaan")."""
    return minted(*key.split("/"))


def region_triples(region: Region) -> Iterator[Triple]:
    subject = region_iri(region.code)
    yield subject, RDF.type, LEVEL_CLASS[region.level]
    yield subject, RDF.type, KG.Region
    yield subject, SKOS.prefLabel, label(region.canonical)
    yield subject, RDFS.label, label(region.canonical)
    yield subject, KG.kemendagriCode, literal(region.code)
    yield subject, KG.level, literal(region.level)
    if region.level != "provinsi":
        yield subject, KG.province, region_iri(region.province_code)
        yield subject, SCHEMA.containedInPlace, region_iri(region.province_code)
    for alias in region.aliases:
        yield subject, SKOS.altLabel, label(alias)


def gazetteer_quads() -> list[ox.Quad]:
    """Every region of Indonesia, in a reference graph of its own."""
    graph = minted(GAZETTEER_GRAPH)
    triples = {triple for region in Gazetteer.load().regions() for triple in region_triples(region)}
    return sorted((ox.Quad(s, p, o, graph) for s, p, o in triples), key=quad_order)


class ArticleGraph:
    """Builds the triples of one article's named graph."""

    def __init__(self, resolved: ResolvedArticle) -> None:
        self.resolved = resolved
        self.article: Article = resolved.extracted.article
        self.doc = slug(self.article.doc_id)  # in the IRI of every sentence and mention: made once
        self.node = minted("article", self.doc)
        self.triples: set[Triple] = set()
        self.names: dict[Node, str] = {}
        self.current_mention = self.node

    def add(self, s: Node, p: Node, o: Object | None) -> None:
        if o is not None:
            self.triples.add((s, p, o))
            if p == LABEL:
                self.names.setdefault(s, o.value)

    def build(self) -> list[ox.Quad]:
        self._article()
        for number, fact in enumerate(self.resolved.extracted.facts):
            mention = self._mention(number, fact)
            self.current_mention = mention
            node = self._fact(fact, mention)
            if node is not None:
                self.add(mention, KG.refersTo, node)
                self.add(self.node, KG.mentions, node)
        graph = minted("graph", self.doc)  # article_graph_iri of the article
        return sorted((ox.Quad(s, p, o, graph) for s, p, o in self.triples), key=quad_order)

    def _article(self) -> None:
        article, node = self.article, self.node
        self.add(node, RDF.type, KG.Article)
        self.add(node, KG.docId, literal(article.doc_id))
        self.add(node, DCTERMS.identifier, literal(article.doc_id))
        self.add(node, KG.sourceFile, literal(article.source))
        if article.title:
            self.add(node, DCTERMS.title, label(article.title))
        if article.url:
            source = ox.NamedNode(article.url) if is_web_iri(article.url) else literal(article.url)
            self.add(node, DCTERMS.source, source)
        if article.date:
            self.add(node, DCTERMS.date, literal(article.date, XSD.date))
        if article.outlet:
            self.add(node, KG.outlet, literal(article.outlet))
        for sentence in article.sentences:
            s = self._sentence(sentence.index)
            self.add(s, RDF.type, KG.Sentence)
            self.add(s, DCTERMS.isPartOf, node)
            self.add(s, KG.sentenceIndex, literal(sentence.index))
            self.add(s, KG.beginIndex, literal(sentence.start))
            self.add(s, KG.endIndex, literal(sentence.end))
            self.add(s, KG.text, literal(sentence.text))

    def _sentence(self, index: int) -> Node:
        return minted("article", self.doc, f"s{index}")

    def _mention(self, number: int, fact: Fact) -> Node:
        evidence: Evidence = fact.evidence
        mention = minted("article", self.doc, f"m{number}")
        self.add(mention, RDF.type, KG.Mention)
        self.add(mention, KG.inArticle, self.node)
        self.add(mention, KG.inSentence, self._sentence(evidence.sentence))
        self.add(mention, PROV.wasDerivedFrom, self._sentence(evidence.sentence))
        self.add(mention, KG.beginIndex, literal(evidence.start))
        self.add(mention, KG.endIndex, literal(evidence.end))
        self.add(mention, KG.anchorText, literal(evidence.text))
        self.add(mention, KG.rule, literal(fact.rule))
        self.add(mention, KG.confidence, literal(Decimal(str(fact.confidence))))
        return mention

    def _fact(self, fact: Fact, mention: Node) -> Node | None:
        builders = {
            RegionFact: self._region,
            PersonFact: self._person,
            OrganizationFact: self._named,
            ProgramFact: self._named,
            RegulationFact: self._regulation,
            AwardFact: self._award,
            FigureFact: self._figure,
        }
        node = builders[type(fact)](fact)  # type: ignore[operator]
        if node is not None:
            self.add(node, KG.evidence, mention)
        return node

    def _region(self, fact: RegionFact) -> Node:
        return region_iri(fact.code)

    def _group_node(self, fact: Fact, cls: Node) -> Node | None:
        group = self.resolved.group_of(fact)
        if group is None:
            return None
        node = entity_iri(self._person_key(group) if group.kind == "person" else group.key)
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, label(group.name))
        if group.kind != "person":
            self.add(node, SKOS.prefLabel, label(group.name))
        for alias in group.aliases:
            self.add(node, SKOS.altLabel, label(alias))
        return node

    def _person_key(self, group: Group) -> str:
        """A person's cross-article key: their name, scoped when one word is all there is.

        Many people share a one-word name ("Sulaiman", "Maidi"), so across articles such a
        name is one person only within one office (the region or body of their post);
        with no office it stays within its article. Names of two words or more are one
        person wherever they appear.
        """
        if len(group.name.split()) > 1:
            return group.key
        offices = sorted(
            {key for f in group.facts if isinstance(f, PersonFact) and (key := self.resolved.key_of(f.org))}
        )
        scope = offices[0] if offices else f"article/{self.doc}"
        return f"{group.key}/{scope}"

    def _person(self, fact: PersonFact) -> Node | None:
        node = self._group_node(fact, KG.Person)
        if node is None or not fact.role:
            return node
        org_key = self.resolved.key_of(fact.org)
        holder = slug(node.value.removeprefix(RESOURCE_BASE + "person/"))
        post = minted("post", holder, slug(fact.role), *(org_key.split("/") if org_key else ["-"]))
        self.add(post, RDF.type, KG.Post)
        self.add(post, KG.holder, node)
        self.add(post, KG.roleLabel, label(fact.role))
        self.add(post, RDFS.label, label(f"{fact.role} ({self._name_of(node)})"))
        if org_key:
            self.add(post, KG.postIn, entity_iri(org_key))
        self._dated(post)
        self.add(post, KG.evidence, self.current_mention)
        self.add(self.node, KG.mentions, post)
        return node

    def _name_of(self, node: Node) -> str:
        return self.names.get(node, node.value)

    def _dated(self, node: Node) -> None:
        if self.article.date:
            self.add(node, KG.asOf, literal(self.article.date, datatype=XSD.date))

    def _named(self, fact: OrganizationFact | ProgramFact) -> Node | None:
        cls = KG.Organization if isinstance(fact, OrganizationFact) else KG.Programme
        node = self._group_node(fact, cls)
        if node is not None and isinstance(fact, ProgramFact) and fact.operator:
            key = self.resolved.key_of(fact.operator)
            self.add(node, KG.operator, entity_iri(key) if key else None)
        return node

    def _regulation(self, fact: RegulationFact) -> Node:
        issuer = self.resolved.key_of(fact.issuer)
        scope = issuer.split("/")[-1] if issuer else "_"
        node = minted("regulation", scope, slug(fact.kind), str(fact.year), slug(fact.number))
        self.add(node, RDF.type, KG.Regulation)
        self.add(node, KG.regulationKind, literal(fact.kind))
        self.add(node, KG.regulationNumber, literal(fact.number))
        self.add(node, KG.regulationYear, literal(fact.year))
        self.add(node, KG.modality, literal(fact.modality))
        self.add(node, RDFS.label, label(f"{fact.kind} Nomor {fact.number} Tahun {fact.year}"))
        if fact.title:
            self.add(node, DCTERMS.title, label(fact.title))
        if issuer:
            self.add(node, KG.issuer, entity_iri(issuer))
        return node

    def _award(self, fact: AwardFact) -> Node | None:
        recipient = self.resolved.key_of(fact.recipient)
        if recipient is None:
            return None
        award = minted("award", slug(fact.award))
        self.add(award, RDF.type, KG.Award)
        self.add(award, RDFS.label, label(fact.award))
        level = fact.level or "_"
        node = minted("award", slug(fact.award), str(fact.year), slug(level), *recipient.split("/"))
        self.add(node, RDF.type, KG.AwardConferral)
        self.add(node, KG.award, award)
        self.add(node, KG.recipient, entity_iri(recipient))
        if fact.recipient.kind == "organization" and entity_iri(recipient) not in self.names:
            # a recipient that is no organisation fact (a village) is named as the award's text writes it
            self.add(entity_iri(recipient), RDFS.label, label(fact.recipient.key))
        self.add(node, KG.editionYear, literal(fact.year))
        self.add(node, KG.result, literal(fact.result))
        self.add(node, RDFS.label, label(f"{fact.award} {fact.year}"))
        if fact.rank is not None:
            self.add(node, KG.rank, literal(fact.rank))
        if fact.level == "nasional":
            self.add(node, KG.nationalLevel, literal(True))
        elif fact.level:
            self.add(node, KG.awardLevel, region_iri(fact.level))
        if fact.category:
            self.add(node, KG.category, label(fact.category))
        return node

    def _coverage_dataset(self) -> Node:
        """The Data Cube data set every coverage figure is an observation of."""
        dataset = minted("dataset", "coverage")
        self.add(dataset, RDF.type, QB.DataSet)
        self.add(dataset, QB.structure, KG.coverageStructure)
        self.add(dataset, RDFS.label, label("Angka kepesertaan jaminan sosial ketenagakerjaan"))
        return dataset

    def _figure(self, fact: FigureFact) -> Node | None:
        subject = self.resolved.key_of(fact.subject)
        if subject is None:
            return None
        value = Decimal(str(fact.value)).normalize()
        text_value = format(value, "f")
        parts = [
            subject.split("/")[-1],
            text_value,
            fact.unit,
            slug(fact.segment or "total"),
            str(fact.year or "_"),
        ]
        node = minted("figure", self.doc, slug("-".join(parts)))
        self.add(node, RDF.type, KG.CoverageFigure)
        self.add(node, RDF.type, QB.Observation)
        self.add(node, QB.dataSet, self._coverage_dataset())
        self.add(node, KG.subject, entity_iri(subject))
        self.add(
            node,
            KG.value,
            literal(text_value if "." in text_value else f"{text_value}.0", XSD.decimal),
        )
        self.add(node, KG.unit, literal(fact.unit))
        self.add(node, KG.modality, literal(fact.modality))
        self.add(node, KG.approximate, literal(fact.approximate))
        self.add(
            node,
            RDFS.label,
            label(f"{text_value} {fact.unit}" + (f" ({fact.segment})" if fact.segment else "")),
        )
        if fact.segment:
            self.add(node, KG.segment, literal(fact.segment))
        if fact.year:
            self.add(node, KG.refYear, literal(fact.year))
        self._dated(node)
        return node


def article_quads(resolved: ResolvedArticle) -> list[ox.Quad]:
    """The quads of one article's named graph, sorted."""
    return ArticleGraph(resolved).build()


__all__ = ["GAZETTEER_GRAPH", "article_graph_iri", "article_quads", "gazetteer_quads", "iri"]
