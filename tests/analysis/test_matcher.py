"""Phrases from lexicons become typed spans; token patterns as data find structures over them."""

from __future__ import annotations

import pytest

from kg.analysis.matcher import PatternError, PhraseMatcher, TokenMatcher, load_patterns, match_in_windows
from kg.analysis.tokens import tokenize


def _phrases() -> PhraseMatcher:
    matcher = PhraseMatcher()
    matcher.add("title", "Wali Kota", {"role": "Wali Kota"}, cased=True)
    matcher.add("title", "Wakil Wali Kota", {"role": "Wakil Wali Kota"}, cased=True)
    matcher.add("award", "Paritrana")
    matcher.add("award", "Paritrana Award")
    for region in ("Palu", "Kabupaten Sigi", "Kabupaten Donggala"):
        matcher.add("region", region)
    return matcher


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Wakil Wali Kota Palu hadir.", [("title", "Wakil Wali Kota"), ("region", "Palu")]),
        (
            "PARITRANA AWARD diraih Kabupaten Sigi.",
            [("award", "PARITRANA AWARD"), ("region", "Kabupaten Sigi")],
        ),
        ("Ia menjabat wali kota sejak lama.", []),  # a title is written with its capital
    ],
)
def test_phrases_are_found_longest_first(sentence: str, expected: list[tuple[str, str]]) -> None:
    spans = _phrases()(tokenize(sentence), sentence)
    assert [(s.label, s.text) for s in spans] == expected


def _named(sentence: str, pattern: list[dict[str, object]]) -> list[dict[str, str]]:
    tokens = tokenize(sentence)
    spans = _phrases()(tokens, sentence)
    matcher = TokenMatcher()
    matcher.add("case", pattern)
    return [
        {name: " ".join(t.text for t in tokens[a:b]) for name, (a, b) in match.groups.items()}
        for match in matcher(tokens, spans)
    ]


TITLE_NAME = [
    {"SPAN": "title", "NAME": "title"},
    {"SPAN": "region", "OP": "?", "NAME": "org"},
    {"LOWER": ",", "OP": "?"},
    {"IS_TITLE": True, "OP": "+", "NAME": "holder"},
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Wali Kota Palu, Hadianto Rasyid hadir.",
            {"title": "Wali Kota", "org": "Palu", "holder": "Hadianto Rasyid"},
        ),
        ("Wali Kota Hadianto Rasyid hadir.", {"title": "Wali Kota", "holder": "Hadianto Rasyid"}),
    ],
)
def test_a_pattern_names_its_parts(sentence: str, expected: dict[str, str]) -> None:
    assert expected in _named(sentence, TITLE_NAME)


def test_a_negated_spec_takes_one_token_that_does_not_match() -> None:
    found = _named(
        "Kabupaten Sigi bukan Kabupaten Donggala",
        [{"SPAN": "region"}, {"LOWER": "dan", "OP": "!", "NAME": "joint"}, {"SPAN": "region"}],
    )
    assert found == [{"joint": "bukan"}]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([{"REGEX": "^Dis[a-z]+$", "NAME": "agency"}], [{"agency": "Disnaker"}, {"agency": "Dishub"}]),
        (
            [{"LOWER": {"IN": ["disnaker", "dishub"]}, "NAME": "agency"}],
            [{"agency": "Disnaker"}, {"agency": "Dishub"}],
        ),
        ([{"LOWER": "dan", "OP": "!"}, {"LOWER": "dan"}], [{}]),
    ],
)
def test_one_token_and_word_led_patterns_match_where_they_start(
    pattern: list[dict[str, object]], expected: list[dict[str, str]]
) -> None:
    assert _named("Disnaker dan Dishub hadir", pattern) == expected


def test_a_match_stays_inside_its_window() -> None:
    sentence = "Wali Kota Palu Hadianto Rasyid"
    tokens = tokenize(sentence)
    matcher = TokenMatcher()
    matcher.add("case", TITLE_NAME)
    spans = _phrases()(tokens, sentence)
    whole = match_in_windows(matcher, tokens, spans, [(0, 5)])
    cut = match_in_windows(matcher, tokens, spans, [(0, 3), (3, 5)])
    assert [m.groups["holder"] for m in whole] == [(3, 5)]
    assert [m.groups["holder"] for m in cut] == [(2, 3)]  # "Palu": the name past the window is not read


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"label": "x", "pattern": [{"COLOR": "red"}]}', "unknown token attribute COLOR"),
        ('{"label": "x", "pattern": [{"LOWER": "a", "OP": "%"}]}', "unknown OP"),
        ('{"label": "x"}', "a label and a pattern"),
        ("{not json", "not JSON"),
    ],
)
def test_a_bad_pattern_line_is_named(line: str, message: str) -> None:
    with pytest.raises(PatternError, match=message) as raised:
        load_patterns(line, "patterns.jsonl")
    assert "patterns.jsonl:1" in str(raised.value)
