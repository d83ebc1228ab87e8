"""The apposition reader: which person holds which title, from how the two are written together.

Indonesian news names an official in a handful of shapes, each a token pattern in
kg/data/appositions.jsonl run by kg.analysis.matcher over the title, region and acting spans
of the analysis layer and the person and organisation names of the name chunkers:

- "TITLE ORG, NAME" and "TITLE ORG NAME" (title-name): "Kepala Dinas Sosial Kota X, Budi";
- "NAME, TITLE ORG" (name-title);
- "NAME selaku / sebagai / yang menjabat TITLE" (name-link-title);
- "NAME (TITLE ORG)" (name-paren-title);
- "TITLE ORG, diwakili (oleh) TITLE NAME", "TITLE ORG berhalangan hadir dan diwakili NAME
  selaku TITLE", "TITLE ORG diwakili Sekretaris Dinas, NAME" (represented): the holder's bare
  title is a post of the organisation of the person represented.

The reader knows no fact type: it gives token ranges, and the person extractor reads the
role and the organisation off the title as it does for every title.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from kg.analysis.document import Analysis
from kg.analysis.matcher import Match, Span, TokenMatcher, load_patterns, match_in_windows
from kg.analysis.names import Chunk, Names
from kg.lexicon import data_text


@dataclass(frozen=True)
class Apposition:
    """One person beside a title: the shape's label and the token ranges of its named parts."""

    label: str
    start: int
    end: int
    name: Chunk
    title: tuple[int, int]
    acting: tuple[int, int] | None = None
    org: tuple[int, int] | None = None  # an organisation or region written right after the title
    principal: tuple[int, int] | None = None  # the represented person's title ("represented")


#: the words that say one person stands in for another; the "represented" shapes need one
REPRESENTING = frozenset({"diwakili", "mewakili"})
REPRESENTED_LABEL = '"label": "represented"'


@cache
def patterns(represented: bool = False) -> TokenMatcher:
    """The shapes of appositions.jsonl: those of a person standing in for another (`represented`),
    or all the others. Lines of the other kind are blanked, so errors keep their line numbers."""
    lines = [
        line
        if line.lstrip().startswith("#") or not line.strip() or (REPRESENTED_LABEL in line) == represented
        else ""
        for line in data_text("appositions.jsonl").splitlines()
    ]
    return load_patterns("\n".join(lines), "kg/data/appositions.jsonl")


def _span(analysis: Analysis, label: str, start: int, end: int) -> Span:
    first, last = analysis.chars(start, end)
    return Span(label, start, end, first, last, analysis.text[first:last])


def name_spans(names: Names, orgs: Iterable[tuple[int, int]] = ()) -> tuple[list[Span], dict[int, Chunk]]:
    """Spans of the person names (from every token that can start one) and of organisations.

    `orgs` adds organisation names the caller knows (an office of a known body); the chunker
    adds those at head words and right after titles.
    """
    analysis = names.analysis
    spans: list[Span] = []
    persons: dict[int, Chunk] = {}
    previous_end = -1
    for index in _titled_tokens(analysis):
        token = analysis.tokens[index]
        if token.kind != "word" or not token.is_title:
            continue
        found = names.person(index)
        if found is not None and (found.start >= previous_end or found.start == index):
            persons[found.start] = found
            spans.append(_span(analysis, "person", index, found.end))
            previous_end = found.end
    org_starts = {s.start for s in analysis.spans.get("org_head", ())}
    org_starts |= {s.end for s in analysis.spans.get("title", ())}
    org_starts |= set(names.extra.get("org_head", {}))
    for start in sorted(org_starts):
        chunk = names.org(start, headless=start not in names.extra.get("org_head", {}))
        if chunk is not None:
            spans.append(_span(analysis, "org", chunk.start, chunk.end))
    spans.extend(_span(analysis, "org", start, end) for start, end in orgs)
    return spans, persons


def _titled_tokens(analysis: Analysis) -> list[int]:
    """The tokens of the sentences that have a title: no apposition is found elsewhere."""
    titled = sorted({span.start for span in analysis.spans.get("title", ())})
    return [
        index
        for start, end in analysis.sentences
        if bisect_left(titled, start) != bisect_left(titled, end)
        for index in range(start, end)
    ]


def appositions(names: Names, orgs: Iterable[tuple[int, int]] = ()) -> list[Apposition]:
    """Every apposition of a person and a title, longest first from each token, in text order."""
    analysis = names.analysis
    spans, persons = name_spans(names, orgs)
    for label in ("title", "region", "acting"):
        spans.extend(analysis.spans.get(label, ()))
    found = []
    for match in _matches(analysis, spans):
        groups: Mapping[str, tuple[int, int]] = match.groups
        if "name" not in groups or "title" not in groups:
            continue
        start, end = groups["name"]
        name = persons.get(start)
        if name is None or name.end != end:
            name = names.person(start, end)
        if name is None:
            continue
        found.append(
            Apposition(
                match.label,
                match.start,
                match.end,
                name,
                groups["title"],
                groups.get("acting"),
                groups.get("org") or groups.get("region"),
                groups.get("principal"),
            )
        )
    return _without_overlaps(found)


def _matches(analysis: Analysis, spans: list[Span]) -> list[Match]:
    """The patterns' matches, run sentence by sentence and only where a title is written.

    Every apposition has a title, so a sentence without one has none; the matcher then reads a
    fraction of the article's tokens.
    """
    titled = sorted({span.start for span in spans if span.label == "title"})
    holding = [
        (start, end)
        for start, end in analysis.sentences
        if titled and bisect_left(titled, start) != bisect_left(titled, end)
    ]
    standing_in = [w for w in holding if any(t.lower in REPRESENTING for t in analysis.tokens[w[0] : w[1]])]
    return match_in_windows(patterns(), analysis.tokens, spans, holding) + match_in_windows(
        patterns(represented=True), analysis.tokens, spans, standing_in
    )


def _without_overlaps(found: list[Apposition]) -> list[Apposition]:
    """The longest apposition from the leftmost start; one inside a kept one is part of it."""
    kept: list[Apposition] = []
    for apposition in sorted(found, key=lambda a: (a.start, -a.end)):
        if kept and apposition.start < kept[-1].end:
            continue
        kept.append(apposition)
    return kept
