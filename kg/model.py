"""The plain objects that flow between the stages.

ingest -> RawDocument; clean -> Article; extract -> Fact subclasses (each with its
Evidence); resolve -> ResolvedArticle. Only the graph stage turns these into RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["provinsi", "kabupaten", "kota"]
Unit = Literal["persons", "percent"]
Result = Literal["winner", "nominee"]
Modality = Literal["asserted", "draft", "target", "planned"]


@dataclass(frozen=True)
class RawDocument:
    """What ingest read from one file or one JSON Lines record, before cleaning."""

    doc_id: str
    source: str  # path of the file it came from (with ":line" for JSON Lines)
    text: str | None = None  # plain text, when the input was text
    html: str | None = None  # markup, when the input was HTML
    url: str | None = None  # an absolute http(s) IRI: ingest leaves out any other url
    title: str | None = None
    date: str | None = None  # as given by the input (ISO or free text)
    outlet: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's cleaned text; offsets index `Article.text`."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """An article's content with everything that is not the article removed."""

    doc_id: str
    source: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD) when it could be read
    outlet: str | None = None
    dateline: tuple[int, int] | None = None  # span of the dateline's place name in `text`

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence that holds a character offset (the last one when past the end)."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.sentences[-1]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a span of the article's text and its sentence."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str  # the span's text, as written


@dataclass(frozen=True)
class Ref:
    """A reference to a region (by Kemendagri code) or an organisation (by name)."""

    kind: Literal["region", "organization"]
    key: str


@dataclass(frozen=True, kw_only=True)
class Fact:
    """What every extracted fact has: its evidence, the rule that made it, a confidence."""

    evidence: Evidence
    rule: str
    confidence: float = 0.9


@dataclass(frozen=True, kw_only=True)
class RegionFact(Fact):
    code: str  # Kemendagri code, e.g. "35.77"


@dataclass(frozen=True, kw_only=True)
class PersonFact(Fact):
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    org: Ref | None = None


@dataclass(frozen=True, kw_only=True)
class OrganizationFact(Fact):
    name: str
    aliases: tuple[str, ...] = ()
    region: str | None = None  # the region code its name carries, if any


@dataclass(frozen=True, kw_only=True)
class RegulationFact(Fact):
    kind: str  # UU, PP, Perpres, Inpres, Permen, Kepmen, Pergub, Perbup, Perwal, Perda, SE
    number: str
    year: int
    title: str | None = None
    issuer: Ref | None = None
    modality: Modality = "asserted"


@dataclass(frozen=True, kw_only=True)
class ProgramFact(Fact):
    name: str
    aliases: tuple[str, ...] = ()
    operator: Ref | None = None


@dataclass(frozen=True, kw_only=True)
class AwardFact(Fact):
    award: str
    year: int
    recipient: Ref
    result: Result = "winner"
    rank: int | None = None
    level: str | None = None  # "nasional" or a province code
    category: str | None = None


@dataclass(frozen=True, kw_only=True)
class FigureFact(Fact):
    subject: Ref
    value: float
    unit: Unit
    segment: str | None = None
    year: int | None = None
    approximate: bool = False
    modality: Modality = "asserted"


FACT_TYPES: tuple[type[Fact], ...] = (
    RegionFact,
    PersonFact,
    OrganizationFact,
    RegulationFact,
    ProgramFact,
    AwardFact,
    FigureFact,
)


@dataclass(frozen=True)
class ExtractedArticle:
    """An article and the facts the extractors read from it."""

    article: Article
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, and why; the build goes on without it."""

    source: str
    message: str


@dataclass(frozen=True)
class Notice(Problem):
    """Something an input held that was left out, while the input itself is used.

    A Problem, so that whoever collects problems keeps it; one who reports them can tell
    it apart (nothing was skipped).
    """


@dataclass
class BuildReport:
    """What a build did: counts for the one-line summary and the problems met."""

    articles: int = 0  # articles built (new or changed)
    facts_by_type: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0  # articles whose graph was kept: same content, same rules
    removed: int = 0  # articles gone from a folder this build read again
    on_topic: int = 0  # articles the topic filter kept (crawl input, or all with --topic-filter)
    off_topic: dict[str, int] = field(default_factory=dict)  # articles it skipped, by reason
    #: seconds per stage, in pipeline order: reading inputs, the writes and the commit (the summary
    #: of saved queries, the switch to the new generation) as the building process spends them;
    #: clean, extract, resolve and graph as seconds of work summed over the worker processes
    stage_seconds: dict[str, float] = field(default_factory=dict)
