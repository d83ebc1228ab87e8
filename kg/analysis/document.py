"""The shared analysis of one article: tokens, typed spans from every lexicon, sentence ranges.

Built once per article (extractors reach it through `kg.extract.base.Document`), in the
spirit of spaCy's Doc: every extractor reads the same tokens and the same typed spans
(region, title, org_head, award, award cue, figure cue, regulation kind, segment, year,
number) instead of re-reading the text with patterns of its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from kg.analysis.matcher import PhraseMatcher, Span
from kg.analysis.structure import ItemReader, clauses
from kg.analysis.tokens import Token, tokenize
from kg.gazetteer import Gazetteer, RegionSpan
from kg.lexicon import rows
from kg.model import Article

#: Lexicon files whose phrases become typed spans: (file, phrase column, label, label column, cased).
LEXICONS = (
    ("titles.csv", "title", "title", "", True),
    ("org_heads.csv", "head", "org_head", "", True),
    ("acting_prefixes.csv", "prefix", "acting", "", True),
    ("award_cues.csv", "cue", "award_cue", "kind", False),
    ("figure_cues.csv", "cue", "figure_cue", "kind", False),
    ("regulation_kinds.csv", "written", "regulation_kind", "", False),
    ("segments.csv", "written", "segment", "", False),
)


@cache
def phrase_matcher() -> PhraseMatcher:
    """Every lexicon's phrases in one matcher; a row's other columns are the span's data."""
    matcher = PhraseMatcher()
    for file, column, label, kind_column, cased in LEXICONS:
        for row in rows(file):
            phrase = row.get(column, "")
            if not phrase:
                continue
            full_label = f"{label}.{row[kind_column]}" if kind_column else label
            matcher.add(full_label, phrase, row, cased=cased)
            if kind_column:
                matcher.add(label, phrase, row, cased=cased)
    return matcher


@dataclass
class Analysis:
    """Tokens, typed spans and sentence token ranges of one article's text."""

    text: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]  # token range of each of the article's sentences
    spans: dict[str, list[Span]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)
    _by_start: dict[str, dict[int, Span]] = field(default_factory=dict, repr=False)
    _span_starts: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        for label, found in self.spans.items():
            found.sort(key=lambda s: (s.start, -s.end))
            self._span_starts[label] = [s.start for s in found]
            table: dict[int, Span] = {}
            for span in found:
                current = table.get(span.start)
                if current is None or span.end > current.end:
                    table[span.start] = span
            self._by_start[label] = table

    def token_at(self, offset: int) -> int:
        """The index of the first token that ends after a character offset."""
        return bisect_right(self._starts, offset) - 1 if self.tokens else 0

    def tokens_between(self, start: int, end: int) -> tuple[int, int]:
        """The token range [a, b) of the tokens inside the characters [start, end)."""
        return bisect_left(self._starts, start), bisect_left(self._starts, end)

    def span_at(self, label: str, token: int) -> Span | None:
        """The longest span of `label` that starts at a token."""
        return self._by_start.get(label, {}).get(token)

    def spans_in(self, label: str, start: int, end: int) -> list[Span]:
        """The spans of `label` within tokens [start, end), in text order (found by bisection)."""
        found, starts = self.spans.get(label, []), self._span_starts.get(label, [])
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return [s for s in found[first:last] if s.end <= end]

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The character offsets of tokens [start, end)."""
        return self.tokens[start].start, self.tokens[end - 1].end

    def words(self, start: int, end: int) -> str:
        """The text of tokens [start, end) as written."""
        first, last = self.chars(start, end)
        return self.text[first:last]

    def clauses(self, sentence: int) -> list[tuple[int, int]]:
        start, end = self.sentences[sentence]
        return clauses(self.tokens, start, end)

    def items_of(self, *labels: str) -> ItemReader:
        """An item reader for the list parsers: an item is a span of one of `labels`."""

        def read(token: int) -> int | None:
            ends = [span.end for label in labels if (span := self.span_at(label, token)) is not None]
            return max(ends) if ends else None

        return read


HEADLINE_CAPITALS = 0.7  # the share of capitalised words that makes a first line a headline in title case


def _headline(article: Article, tokens: list[Token]) -> Span | None:
    """The article's title as its first line, when written in title case ("Dewan Pengupahan Batam
    Memanas"): there capitals say nothing of where a name ends."""
    title = article.title
    if not title or not article.text.startswith(title):
        return None
    last = next((t.index for t in tokens if t.start >= len(title)), len(tokens))
    words = [t for t in tokens[:last] if t.kind == "word"]
    if not words or sum(t.is_title for t in words) < HEADLINE_CAPITALS * len(words):
        return None
    return Span("headline", 0, last, 0, len(title), title)


def analyse(article: Article, regions: Sequence[RegionSpan] | None = None) -> Analysis:
    """The shared analysis of an article; `regions` are the gazetteer's spans when already found."""
    text = article.text
    tokens = tokenize(text)
    starts = [t.start for t in tokens]
    sentences = [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in article.sentences]
    spans: dict[str, list[Span]] = defaultdict(list)
    for span in phrase_matcher()(tokens, text):
        spans[span.label].append(span)
    titles = {span.start_char for span in spans.get("title", ())}
    for region in Gazetteer.load().find(text) if regions is None else regions:
        # "Kota Palu" is the region as written; in "Wali Kota Palu" the title is a span of its own
        start = region.name_start if region.start in titles else region.start
        first, last = bisect_left(starts, start), bisect_left(starts, region.end)
        if last > first:
            data = {
                "codes": "|".join(region.candidates),
                "level": region.level or "",
                "cue": region.cue or "",
            }
            spans["region"].append(
                Span("region", first, last, start, region.end, text[start : region.end], data)
            )
    headline = _headline(article, tokens)
    if headline is not None:
        spans["headline"].append(headline)
    for token in tokens:
        if token.is_number:
            spans["number"].append(
                Span("number", token.index, token.index + 1, token.start, token.end, token.text)
            )
            if len(token.text) == 4 and token.text.startswith(("19", "20")):
                spans["year"].append(
                    Span("year", token.index, token.index + 1, token.start, token.end, token.text)
                )
    return Analysis(text, tokens, sentences, dict(spans))


def _one_token(label: str, token: Token) -> Span:
    return Span(label, token.index, token.index + 1, token.start, token.end, token.text)
