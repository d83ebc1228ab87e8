"""Accept headers as clients send them, against what a route offers."""

from __future__ import annotations

import pytest

from kg.serve.negotiation import negotiate, parse_accept, quality

RESULTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "application/sparql-results+json"),  # no header: the route's first choice
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("TEXT/CSV", "text/csv"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0.1, */*;q=0.2", "application/sparql-results+xml"),
        ("*/*;q=0.1, text/csv;q=0", "application/sparql-results+json"),  # q=0: not this one
        ("application/*;q=0.3, text/csv;q=0.2", "application/sparql-results+json"),
        ("text/csv; charset=utf-8; q=0.9", "text/csv"),  # parameters other than q are ignored
        ("image/png", None),  # nothing acceptable: the route answers 406
        ("text/csv;q=0", None),
        ("garbage, ;;, /", "application/sparql-results+json"),  # malformed entries are skipped
    ],
)
def test_negotiate(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept, RESULTS) == chosen


def test_the_most_specific_range_sets_the_quality() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0.8, */*;q=0.1")
    assert quality(ranges, "text/csv") == 0.8
    assert quality(ranges, "text/plain") == 0.3
    assert quality(ranges, "image/png") == 0.1


@pytest.mark.parametrize(("header", "q"), [("a/b;q=2", 1.0), ("a/b;q=-1", 0.0), ("a/b;q=x", 0.0)])
def test_out_of_range_qualities_are_clamped(header: str, q: float) -> None:
    assert parse_accept(header)[0].quality == q
