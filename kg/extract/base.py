"""What every extractor shares: the protocol, and the document they all read.

A `Document` wraps one cleaned article and memoises analyses that several extractors
need (the regions it names, the organisations it names), so each is computed once.
Look-ups by position (the sentence or line of an offset, the mentions in a span) go
through sorted offsets and bisection, so extraction time stays linear in the
article's length however many mentions and sentences it has.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from kg.analysis.document import Analysis, analyse
from kg.analysis.names import Names, names_of
from kg.gazetteer import Gazetteer, RegionSpan
from kg.model import Article, Evidence, Fact, Sentence

TWINS = "İıſ\u212a"
ASCII_TWINS = str.maketrans(TWINS, "IisK")

T = TypeVar("T")


class Extractor(Protocol):
    """A rule set that reads facts of some types from a document."""

    name: ClassVar[str]
    produces: ClassVar[tuple[type[Fact], ...]]

    def __call__(self, doc: Document) -> list[Fact]: ...


class Positions(Generic[T]):
    """Mentions in text order, with the ones starting in a span found by bisection."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int]) -> None:
        self.items = sorted(items, key=start)  # stable: mentions at one offset keep their order
        self.starts = [start(item) for item in self.items]

    def starting_in(self, start: int, end: int) -> Sequence[T]:
        """The mentions whose start lies in [start, end), in text order."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def last_starting_by(self, offset: int) -> T | None:
        """The last mention that starts at or before an offset."""
        index = bisect_right(self.starts, offset)
        return self.items[index - 1] if index else None


class Spans:
    """Spans that may overlap, asked whether any of them holds an offset or meets a span, by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))  # furthest end so far

    def holds(self, offset: int) -> bool:
        """Whether a span holds the offset (start <= offset < end)."""
        index = bisect_right(self.starts, offset)
        return bool(index) and self.reach[index - 1] > offset

    def meets(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end)."""
        index = bisect_left(self.starts, end)
        return bool(index) and self.reach[index - 1] > start


class Document:
    """One article under extraction, with memoised shared analyses.

    Its text is the clean stage's: lines joined by "\\n", the words of a line separated by
    single spaces. So a pattern writes a space as " " (never "\\s", which would also match
    a line break), and no mention runs from one line into the next.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self._memo: dict[str, Any] = {}
        self._sentence_starts = [sentence.start for sentence in article.sentences]
        self._line_starts = [0, *(found.end() for found in re.finditer("\n", self.text))]

    def analysis(self) -> Analysis:
        """The shared analysis of the article (kg.analysis): tokens, typed spans, structure."""
        return self.memo("analysis", lambda doc: analyse(doc.article, doc.region_spans()))

    def names(self) -> Names:
        """The name chunkers over the shared analysis (kg.analysis.names), made once per article."""
        return self.memo("names", lambda doc: names_of(doc.analysis()))

    def region_spans(self) -> list[RegionSpan]:
        """The gazetteer's region spans of the text, found once for every reader.

        Four non-ASCII letters match ASCII ones under case-insensitive matching ("BUPATİ"):
        the gazetteer reads a copy with each replaced by its ASCII twin of the same case,
        one character for one, so every offset still indexes the article's text.
        """

        def find(doc: Document) -> list[RegionSpan]:
            text = doc.text.translate(ASCII_TWINS) if any(c in doc.text for c in TWINS) else doc.text
            return Gazetteer.load().find(text)

        return self.memo("region spans", find)

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        """The result of `compute(self)`, computed on first use."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def memo_span(self, key: str, start: int, end: int, compute: Callable[[int, int], T]) -> T:
        """The result of `compute(start, end)`, computed on first use for that span (a sentence's
        numbers, read once for all the numbers in it)."""
        table: dict[tuple[int, int], T] = self._memo.setdefault(key, {})
        if (start, end) not in table:
            table[start, end] = compute(start, end)
        return table[start, end]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span of the article's text."""
        sentence = self.sentence_of(start)
        return Evidence(self.article.doc_id, sentence.index, start, end, self.text[start:end])

    def sentences(self) -> Iterator[Sentence]:
        return iter(self.article.sentences)

    def sentence_of(self, offset: int) -> Sentence:
        """The sentence that holds an offset (the last one when none does, as `Article.sentence_at`)."""
        sentences = self.article.sentences
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < sentences[index].end:
            return sentences[index]
        return sentences[-1]

    def in_one_sentence(self, start: int, end: int) -> bool:
        """Whether a span lies inside the sentence that holds its start.

        A pattern may read past a sentence break the splitter saw ("Asisten Pemerintahan.
        Rakyat ... Benny"): what it found is no mention, since a mention lies in one sentence.
        """
        sentence = self.sentence_of(start)
        return sentence.start <= start and end <= sentence.end

    def sentence_end(self, offset: int) -> int:
        """Where the sentence that holds an offset, or ends at it, ends (the offset itself between two)."""
        index = bisect_right(self._sentence_starts, offset) - 1
        return max(offset, self.article.sentences[index].end) if index >= 0 else offset

    def sentences_starting_in(self, start: int, end: int) -> tuple[Sentence, ...]:
        """The sentences that start in [start, end), in text order."""
        starts = self._sentence_starts
        return self.article.sentences[bisect_left(starts, start) : bisect_left(starts, end)]

    def in_dateline(self, offset: int) -> bool:
        """Whether a character is in the dateline's place ("JAKARTA - ..."): where the news was
        filed, no place the article speaks of."""
        dateline = self.article.dateline
        return dateline is not None and dateline[0] <= offset < dateline[1]

    def line_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the text line that holds an offset (a line break ends its line)."""
        index = bisect_right(self._line_starts, offset)
        start = self._line_starts[index - 1]
        end = self._line_starts[index] - 1 if index < len(self._line_starts) else len(self.text)
        return start, end

    def positions(
        self, key: str, items: Callable[[Document], Sequence[T]], start: Callable[[T], int]
    ) -> Positions[T]:
        """A memoised `Positions` index of a memoised analysis, by the offset `start` gives."""
        return self.memo(f"{key} by position", lambda doc: Positions(items(doc), start))


SPACES = re.compile(" *")


def skip_spaces(text: str, offset: int) -> int:
    """The offset after the spaces that start at `offset`."""
    found = SPACES.match(text, offset)
    return found.end() if found else offset


WORD = re.compile(r"[A-Za-zÀ-ÿ’'`]+(?:-[A-Za-zÀ-ÿ]+)*|\d+(?:[.,/]\d+)*|\S")


def alternation(phrases: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of spaces."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", " +") for p in ordered)
