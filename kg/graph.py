"""The graph stage: resolved articles -> RDF, one named graph per article.

Only this module knows RDF. Every IRI is minted by `iri()` from readable, stable
parts (a region's Kemendagri code, a regulation's issuer, kind, year and number),
so building the same input twice gives the same graph, and no blank node is made.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

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
from kg.namespaces import KG, QB, RESOURCE_BASE, SCHEMA
from kg.resolve import Group, ResolvedArticle

LABEL = RDFS.label  # compared on every triple added: looked up in its namespace once

Triple = tuple[URIRef, URIRef, URIRef | Literal]
Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]
LEVEL_CLASS = {"provinsi": KG.Province, "kabupaten": KG.Regency, "kota": KG.City}
GAZETTEER_GRAPH = "graph/gazetteer"


def quad_order(quad: Quad) -> tuple[str, ...]:
    """A sort key of plain strings: comparing rdflib terms themselves is many times slower."""
    s, p, o, g = quad
    kind = (o.datatype or o.language or "") if isinstance(o, Literal) else "<>"
    return str(g), str(s), str(p), str(o), str(kind)


def iri(*parts: str) -> URIRef:
    """The one place IRIs are minted: the resource base plus readable path segments."""
    return URIRef(RESOURCE_BASE + "/".join(parts))


def label(text: str) -> Literal:
    return Literal(text, lang="id")


def article_graph_iri(doc_id: str) -> URIRef:
    return iri("graph", slug(doc_id))


def region_iri(code: str) -> URIRef:
    return iri("region", code)


def entity_iri(key: str) -> URIRef:
    """The IRI of a resolved entity key ("region/35.77", "person/maidi", "org/bpjs-ketenagakerjaan")."""
    return iri(*key.split("/"))


def region_triples(region: Region) -> Iterator[Triple]:
    node = region_iri(region.code)
    yield node, RDF.type, LEVEL_CLASS[region.level]
    yield node, RDF.type, KG.Region
    yield node, SKOS.prefLabel, label(region.canonical)
    yield node, RDFS.label, label(region.canonical)
    yield node, KG.kemendagriCode, Literal(region.code)
    yield node, KG.level, Literal(region.level)
    if region.level != "provinsi":
        yield node, KG.province, region_iri(region.province_code)
        yield node, SCHEMA.containedInPlace, region_iri(region.province_code)
    for alias in region.aliases:
        yield node, SKOS.altLabel, label(alias)


def gazetteer_quads() -> list[Quad]:
    """Every region of Indonesia, in a reference graph of its own."""
    graph = iri(GAZETTEER_GRAPH)
    return sorted(
        {(s, p, o, graph) for region in Gazetteer.load().regions() for s, p, o in region_triples(region)},
        key=quad_order,
    )


class ArticleGraph:
    """Builds the triples of one article's named graph."""

    def __init__(self, resolved: ResolvedArticle) -> None:
        self.resolved = resolved
        self.article: Article = resolved.extracted.article
        self.node = iri("article", slug(self.article.doc_id))
        self.triples: set[Triple] = set()
        self.names: dict[URIRef, str] = {}
        self.current_mention = self.node

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.triples.add((s, p, o))
            if p == LABEL:
                self.names.setdefault(s, str(o))

    def build(self) -> list[Quad]:
        self._article()
        for number, fact in enumerate(self.resolved.extracted.facts):
            mention = self._mention(number, fact)
            self.current_mention = mention
            node = self._fact(fact, mention)
            if node is not None:
                self.add(mention, KG.refersTo, node)
                self.add(self.node, KG.mentions, node)
        graph = article_graph_iri(self.article.doc_id)
        return sorted(((s, p, o, graph) for s, p, o in self.triples), key=quad_order)

    def _article(self) -> None:
        article, node = self.article, self.node
        self.add(node, RDF.type, KG.Article)
        self.add(node, KG.docId, Literal(article.doc_id))
        self.add(node, DCTERMS.identifier, Literal(article.doc_id))
        self.add(node, KG.sourceFile, Literal(article.source))
        if article.title:
            self.add(node, DCTERMS.title, label(article.title))
        if article.url:
            self.add(
                node, DCTERMS.source, URIRef(article.url) if is_web_iri(article.url) else Literal(article.url)
            )
        if article.date:
            self.add(node, DCTERMS.date, Literal(article.date, datatype=XSD.date))
        if article.outlet:
            self.add(node, KG.outlet, Literal(article.outlet))
        for sentence in article.sentences:
            s = self._sentence(sentence.index)
            self.add(s, RDF.type, KG.Sentence)
            self.add(s, DCTERMS.isPartOf, node)
            self.add(s, KG.sentenceIndex, Literal(sentence.index))
            self.add(s, KG.beginIndex, Literal(sentence.start))
            self.add(s, KG.endIndex, Literal(sentence.end))
            self.add(s, KG.text, Literal(sentence.text))

    def _sentence(self, index: int) -> URIRef:
        return iri("article", slug(self.article.doc_id), f"s{index}")

    def _mention(self, number: int, fact: Fact) -> URIRef:
        evidence: Evidence = fact.evidence
        mention = iri("article", slug(self.article.doc_id), f"m{number}")
        self.add(mention, RDF.type, KG.Mention)
        self.add(mention, KG.inArticle, self.node)
        self.add(mention, KG.inSentence, self._sentence(evidence.sentence))
        self.add(mention, PROV.wasDerivedFrom, self._sentence(evidence.sentence))
        self.add(mention, KG.beginIndex, Literal(evidence.start))
        self.add(mention, KG.endIndex, Literal(evidence.end))
        self.add(mention, KG.anchorText, Literal(evidence.text))
        self.add(mention, KG.rule, Literal(fact.rule))
        self.add(mention, KG.confidence, Literal(Decimal(str(fact.confidence))))
        return mention

    def _fact(self, fact: Fact, mention: URIRef) -> URIRef | None:
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

    def _region(self, fact: RegionFact) -> URIRef:
        return region_iri(fact.code)

    def _group_node(self, fact: Fact, cls: URIRef) -> URIRef | None:
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
        scope = offices[0] if offices else f"article/{slug(self.article.doc_id)}"
        return f"{group.key}/{scope}"

    def _person(self, fact: PersonFact) -> URIRef | None:
        node = self._group_node(fact, KG.Person)
        if node is None or not fact.role:
            return node
        org_key = self.resolved.key_of(fact.org)
        holder = slug(node.removeprefix(RESOURCE_BASE + "person/"))
        post = iri("post", holder, slug(fact.role), *(org_key.split("/") if org_key else ["-"]))
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

    def _name_of(self, node: URIRef) -> str:
        return self.names.get(node, str(node))

    def _dated(self, node: URIRef) -> None:
        if self.article.date:
            self.add(node, KG.asOf, Literal(self.article.date, datatype=XSD.date))

    def _named(self, fact: OrganizationFact | ProgramFact) -> URIRef | None:
        cls = KG.Organization if isinstance(fact, OrganizationFact) else KG.Programme
        node = self._group_node(fact, cls)
        if node is not None and isinstance(fact, ProgramFact) and fact.operator:
            key = self.resolved.key_of(fact.operator)
            self.add(node, KG.operator, entity_iri(key) if key else None)
        return node

    def _regulation(self, fact: RegulationFact) -> URIRef:
        issuer = self.resolved.key_of(fact.issuer)
        scope = issuer.split("/")[-1] if issuer else "_"
        node = iri("regulation", scope, slug(fact.kind), str(fact.year), slug(fact.number))
        self.add(node, RDF.type, KG.Regulation)
        self.add(node, KG.regulationKind, Literal(fact.kind))
        self.add(node, KG.regulationNumber, Literal(fact.number))
        self.add(node, KG.regulationYear, Literal(fact.year))
        self.add(node, KG.modality, Literal(fact.modality))
        self.add(node, RDFS.label, label(f"{fact.kind} Nomor {fact.number} Tahun {fact.year}"))
        if fact.title:
            self.add(node, DCTERMS.title, label(fact.title))
        if issuer:
            self.add(node, KG.issuer, entity_iri(issuer))
        return node

    def _award(self, fact: AwardFact) -> URIRef | None:
        recipient = self.resolved.key_of(fact.recipient)
        if recipient is None:
            return None
        award = iri("award", slug(fact.award))
        self.add(award, RDF.type, KG.Award)
        self.add(award, RDFS.label, label(fact.award))
        level = fact.level or "_"
        node = iri("award", slug(fact.award), str(fact.year), slug(level), *recipient.split("/"))
        self.add(node, RDF.type, KG.AwardConferral)
        self.add(node, KG.award, award)
        self.add(node, KG.recipient, entity_iri(recipient))
        if fact.recipient.kind == "organization" and entity_iri(recipient) not in self.names:
            # a recipient that is no organisation fact (a village) is named as the award's text writes it
            self.add(entity_iri(recipient), RDFS.label, label(fact.recipient.key))
        self.add(node, KG.editionYear, Literal(fact.year))
        self.add(node, KG.result, Literal(fact.result))
        self.add(node, RDFS.label, label(f"{fact.award} {fact.year}"))
        if fact.rank is not None:
            self.add(node, KG.rank, Literal(fact.rank))
        if fact.level == "nasional":
            self.add(node, KG.nationalLevel, Literal(True))
        elif fact.level:
            self.add(node, KG.awardLevel, region_iri(fact.level))
        if fact.category:
            self.add(node, KG.category, label(fact.category))
        return node

    def _coverage_dataset(self) -> URIRef:
        """The Data Cube data set every coverage figure is an observation of."""
        dataset = iri("dataset", "coverage")
        self.add(dataset, RDF.type, QB.DataSet)
        self.add(dataset, QB.structure, KG.coverageStructure)
        self.add(dataset, RDFS.label, label("Angka kepesertaan jaminan sosial ketenagakerjaan"))
        return dataset

    def _figure(self, fact: FigureFact) -> URIRef | None:
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
        node = iri("figure", slug(self.article.doc_id), slug("-".join(parts)))
        self.add(node, RDF.type, KG.CoverageFigure)
        self.add(node, RDF.type, QB.Observation)
        self.add(node, QB.dataSet, self._coverage_dataset())
        self.add(node, KG.subject, entity_iri(subject))
        self.add(
            node,
            KG.value,
            Literal(text_value if "." in text_value else f"{text_value}.0", datatype=XSD.decimal),
        )
        self.add(node, KG.unit, Literal(fact.unit))
        self.add(node, KG.modality, Literal(fact.modality))
        self.add(node, KG.approximate, Literal(fact.approximate))
        self.add(
            node,
            RDFS.label,
            label(f"{text_value} {fact.unit}" + (f" ({fact.segment})" if fact.segment else "")),
        )
        if fact.segment:
            self.add(node, KG.segment, Literal(fact.segment))
        if fact.year:
            self.add(node, KG.refYear, Literal(fact.year))
        self._dated(node)
        return node


def article_quads(resolved: ResolvedArticle) -> list[Quad]:
    """The quads of one article's named graph, sorted."""
    return ArticleGraph(resolved).build()


__all__ = ["GAZETTEER_GRAPH", "article_graph_iri", "article_quads", "gazetteer_quads", "iri"]
