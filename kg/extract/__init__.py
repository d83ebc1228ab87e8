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
from kg.model import Article, ExtractedArticle

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
    return ExtractedArticle(article, tuple(facts))


__all__ = ["EXTRACTORS", "Document", "Extractor", "extract"]
