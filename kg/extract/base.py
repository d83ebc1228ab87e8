"""What every extractor shares: the protocol, and the document they all read.

A `Document` wraps one cleaned article and memoises analyses that several extractors
need (the regions it names, the organisations it names), so each is computed once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Protocol, TypeVar

from kg.model import Article, Evidence, Fact, Sentence

T = TypeVar("T")


class Extractor(Protocol):
    """A rule set that reads facts of some types from a document."""

    name: ClassVar[str]
    produces: ClassVar[tuple[type[Fact], ...]]

    def __call__(self, doc: Document) -> list[Fact]: ...


class Document:
    """One article under extraction, with memoised shared analyses."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        """The result of `compute(self)`, computed on first use."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span of the article's text."""
        sentence = self.article.sentence_at(start)
        return Evidence(self.article.doc_id, sentence.index, start, end, self.text[start:end])

    def sentences(self) -> Iterator[Sentence]:
        return iter(self.article.sentences)

    def sentence_of(self, offset: int) -> Sentence:
        return self.article.sentence_at(offset)

    def line_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the text line that holds an offset."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end


WORD = re.compile(r"[A-Za-zÀ-ÿ’'`]+(?:-[A-Za-zÀ-ÿ]+)*|\d+(?:[.,/]\d+)*|\S")


def alternation(phrases: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of spaces."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
