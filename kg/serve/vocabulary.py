"""The names of classes and properties for people: the ontology's rdfs:label in Indonesian and English.

Pages name a property "Jabatan · Post", never `kg:postIn`: the chosen language first,
the other beside it. The project's own terms are named by ontology/kg.ttl; the few terms
of other vocabularies the graph uses are named here, the same way. The ontology also says
which property is a sub-property of which (kg:province of schema:containedInPlace), so a
page can show a value once, under its most specific property.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.export.view import prefixed_name
from kg.namespaces import KG, ONTOLOGY_IRI, QB, SCHEMA

LANGUAGES = ("id", "en")
ONTOLOGY_FILE = "kg.ttl"
# Terms of other vocabularies, named as the ontology names its own: (Indonesian, English).
OTHER_TERMS: dict[str, tuple[str, str]] = {
    str(RDF.type): ("jenis", "type"),
    str(RDFS.label): ("label", "label"),
    str(SKOS.prefLabel): ("label utama", "preferred label"),
    str(SKOS.altLabel): ("nama lain", "also known as"),
    str(SCHEMA.name): ("nama", "name"),
    str(SCHEMA.containedInPlace): ("terletak di", "contained in place"),
    str(DCTERMS.title): ("judul", "title"),
    str(DCTERMS.date): ("tanggal", "date"),
    str(DCTERMS.source): ("sumber asli", "original source"),
    str(DCTERMS.identifier): ("pengenal", "identifier"),
    str(DCTERMS.isPartOf): ("bagian dari", "part of"),
    str(PROV.wasDerivedFrom): ("diturunkan dari", "derived from"),
    str(QB.dataSet): ("kumpulan data", "data set"),
    str(QB.structure): ("struktur", "structure"),
    str(QB.DataSet): ("Kumpulan data", "Data set"),
    str(QB.Observation): ("Observasi", "Observation"),
}
_DECLARED = re.compile(r"^kg:(\w+) a ", re.M)


@dataclass(frozen=True)
class TermName:
    """A term as a page names it: in the chosen language, and in the other one beside it."""

    iri: str
    main: str
    other: str  # "" when both languages name it alike
    prefixed: str  # kg:postIn, for experts and tooltips

    def __str__(self) -> str:
        return f"{self.main} · {self.other}" if self.other else self.main


def _text() -> str:
    return (resources.files("kg.ontology") / ONTOLOGY_FILE).read_text(encoding="utf-8")


@cache
def _ontology() -> Graph:
    return Graph().parse(data=_text(), format="turtle")


@cache
def _names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {
        iri: dict(zip(LANGUAGES, pair, strict=True)) for iri, pair in OTHER_TERMS.items()
    }
    for term, label in _ontology().subject_objects(RDFS.label):
        if isinstance(term, URIRef) and isinstance(label, Literal) and label.language in LANGUAGES:
            names.setdefault(str(term), {})[label.language] = str(label)
    return names


@cache
def term_name(iri: str, language: str) -> TermName:
    """The name of a class or property in `language` (then the other), capitalised; its prefixed name else."""
    names = _names().get(iri, {})
    prefixed = prefixed_name(URIRef(iri))
    if not names:
        return TermName(iri, prefixed, "", prefixed)
    main = names.get(language) or next(iter(names.values()))
    other = next((names[lang] for lang in LANGUAGES if lang != language and lang in names), "")
    main, other = _capital(main), _capital(other)
    return TermName(iri, main, "" if other.casefold() == main.casefold() else other, prefixed)


def class_iri(local: str) -> str:
    """The IRI of one of the ontology's classes from its local name ("City")."""
    return f"{ONTOLOGY_IRI}#{local}"


@cache
def declaration_order() -> dict[str, int]:
    """The place of each of the project's terms in the ontology file: properties are listed in that order."""
    return {str(KG[name]): place for place, name in enumerate(_DECLARED.findall(_text()))}


@cache
def super_properties() -> dict[str, frozenset[str]]:
    """Each property's super-properties, as the ontology states them (one step)."""
    found: dict[str, set[str]] = {}
    for sub, sup in _ontology().subject_objects(RDFS.subPropertyOf):
        found.setdefault(str(sub), set()).add(str(sup))
    return {sub: frozenset(sups) for sub, sups in found.items()}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
