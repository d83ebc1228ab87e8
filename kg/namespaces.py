"""Every namespace the graph uses, bound to its prefix in one place.

`KG` is the project's ontology (ontology/kg.ttl); its terms are declared here so that
a typo in a term is an error at import time, not a silent new IRI.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace
from rdflib.namespace import Namespace as _Namespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/jamsostek-kg/ontology"
RESOURCE_BASE = "https://w3id.org/jamsostek-kg/id/"


class KG(DefinedNamespace):
    """Terms of ontology/kg.ttl."""

    _NS = _Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Region: URIRef
    Province: URIRef
    Regency: URIRef
    City: URIRef
    Person: URIRef
    Organization: URIRef
    Regulation: URIRef
    Programme: URIRef
    Award: URIRef
    AwardConferral: URIRef
    CoverageFigure: URIRef
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    Post: URIRef
    coverageStructure: URIRef
    # region properties
    kemendagriCode: URIRef
    level: URIRef
    province: URIRef
    # regulation properties
    regulationKind: URIRef
    regulationNumber: URIRef
    regulationYear: URIRef
    issuer: URIRef
    modality: URIRef
    # programme properties
    operator: URIRef
    # award properties
    award: URIRef
    recipient: URIRef
    editionYear: URIRef
    result: URIRef
    rank: URIRef
    awardLevel: URIRef
    nationalLevel: URIRef
    category: URIRef
    # figure properties
    subject: URIRef
    value: URIRef
    unit: URIRef
    segment: URIRef
    refYear: URIRef
    approximate: URIRef
    # posts
    holder: URIRef
    roleLabel: URIRef
    postIn: URIRef
    # provenance and mentions
    mentions: URIRef
    refersTo: URIRef
    anchorText: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    sentenceIndex: URIRef
    text: URIRef
    inSentence: URIRef
    inArticle: URIRef
    evidence: URIRef
    confidence: URIRef
    rule: URIRef
    asOf: URIRef
    sourceFile: URIRef
    outlet: URIRef
    docId: URIRef


SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
KGID = Namespace(RESOURCE_BASE)

PREFIXES: dict[str, str] = {
    "kg": ONTOLOGY_IRI + "#",
    "kgid": RESOURCE_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "qb": str(QB),
    "eli": str(ELI),
    "sh": str(SH),
}


class OxTerms:
    """A namespace's terms as pyoxigraph NamedNodes, each made on its first use.

    Why: the graph stage writes pyoxigraph terms (no rdflib on the build's hot path), and an
    attribute read on a DefinedNamespace costs a method call every time. The first read of a
    term goes through the namespace (so a typo still fails), later reads are plain attributes.
    """

    def __init__(self, namespace: Namespace | type[DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, term)
        return term


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (and only them) so that no `ns1:` is invented."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every bound prefix, for queries written without them."""
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
