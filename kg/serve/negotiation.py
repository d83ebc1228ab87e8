"""Content negotiation: the Accept header (RFC 9110, section 12.5.1) against what a route can send.

SPARQL servers often get this wrong (q-values ignored, `*/*` taken literally, no default
for a missing header), so the rules are spelled out here once and tested as a matrix:

- each media range of the header carries a quality, 1 when absent; q=0 means "not this";
- an offered type takes the quality of the most specific range that matches it
  (`text/turtle` beats `text/*` beats `*/*`), parameters other than q being ignored;
- the highest quality wins, and among equals the route's own order of preference;
- no header (or an empty one) means the route's first choice; nothing acceptable means None,
  which the route answers with 406 Not Acceptable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header: `type/subtype;q=...`."""

    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How closely this range matches `media_type`: 2 exact, 1 `type/*`, 0 `*/*`, -1 not at all."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped, not fatal."""
    ranges = []
    for item in (header or "").split(","):
        media, *params = (part.strip() for part in item.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        ranges.append(MediaRange(kind, sub, _quality(params)))
    return ranges


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The quality the client gives `media_type`: that of the most specific matching range, else 0."""
    best_specificity, best_quality = -1, 0.0
    for media_range in ranges:
        specificity = media_range.specificity(media_type)
        if specificity > best_specificity:
            best_specificity, best_quality = specificity, media_range.quality
    return best_quality


def negotiate(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (ties go to the order of `offered`), or None."""
    ranges = parse_accept(header)
    if not ranges:
        return offered[0] if offered else None
    best, best_quality = None, 0.0
    for media_type in offered:
        score = quality(ranges, media_type)
        if score > best_quality:
            best, best_quality = media_type, score
    return best
