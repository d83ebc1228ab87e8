"""The extract stage: every extractor, in the order they run, over one article.

Extractors are listed here explicitly; nothing registers itself at import time.
"""

from __future__ import annotations

from kg.extract.awards import AwardExtractor
from kg.extract.base import Document, Extractor
from kg.extract.confidence import calibrated
from kg.extract.figures import FigureExtractor
from kg.extract.organizations import OrganizationExtractor
from kg.extract.persons import PersonExtractor
from kg.extract.programs import ProgramExtractor
from kg.extract.regions import RegionExtractor
from kg.extract.regulations import RegulationExtractor
from kg.model import Article, ExtractedArticle, Fact, OrganizationFact, PersonFact

EXTRACTORS: tuple[Extractor, ...] = (
    RegionExtractor(),
    OrganizationExtractor(),
    PersonExtractor(),
    RegulationExtractor(),
    ProgramExtractor(),
    AwardExtractor(),
    FigureExtractor(),
)


def extract(article: Article, extractors: tuple[Extractor, ...] = EXTRACTORS) -> ExtractedArticle:
    """Run every extractor over one article; each fact states its rule's measured precision."""
    doc = Document(article)
    facts = [calibrated(fact) for extractor in extractors for fact in extractor(doc)]
    return ExtractedArticle(article, tuple(_without_guessed_persons(facts)))


def _without_guessed_persons(facts: list[Fact]) -> list[Fact]:
    """A name the person tagger guessed is no person when the article's structure makes it an
    organisation ("Usaha rotan di Cirebon, Rotan Jaya Abadi, masuk nominasi ..."): the tagger
    reads capitalised words alone, the award and organisation readers their place in a sentence."""
    organisations = {f.name.casefold() for f in facts if isinstance(f, OrganizationFact)}
    return [
        f
        for f in facts
        if not (
            isinstance(f, PersonFact) and f.rule == "person.tagger" and f.name.casefold() in organisations
        )
    ]


__all__ = ["EXTRACTORS", "Document", "Extractor", "extract"]
