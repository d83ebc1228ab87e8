"""Tokens as Indonesian news writes them: thousands dots, decimal commas, names, initials."""

from __future__ import annotations

import pytest

from kg.analysis.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234 pekerja", [("1.234", "number"), ("pekerja", "word")]),
        ("55,5 persen", [("55,5", "number"), ("persen", "word")]),
        ("Rp1,5 miliar", [("Rp", "word"), ("1,5", "number"), ("miliar", "word")]),
        ("Ma'ruf Amin", [("Ma'ruf", "word"), ("Amin", "word")]),
        ("program JKK-JKM", [("program", "word"), ("JKK-JKM", "word")]),
        ("tenaga non-ASN", [("tenaga", "word"), ("non-ASN", "word")]),
        (
            "Budi, S.H., M.M.",
            [("Budi", "word"), (",", "punct"), ("S.H.", "word"), (",", "punct"), ("M.M.", "word")],
        ),
        ("pekerja/buruh", [("pekerja", "word"), ("/", "punct"), ("buruh", "word")]),
        (
            "UU11 dan PP44",
            [("UU", "word"), ("11", "number"), ("dan", "word"), ("PP", "word"), ("44", "number")],
        ),
    ],
)
def test_tokens_keep_numbers_names_and_initials_whole(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.kind) for t in tokenize(text)] == expected


def test_offsets_index_the_text_even_from_a_cut() -> None:
    text = "Lead. Wali Kota Palu hadir."
    tokens = tokenize(text[6:], offset=6)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.index for t in tokens] == list(range(len(tokens)))


@pytest.mark.parametrize(
    ("word", "title", "upper"),
    [("BPJS", True, True), ("Dinas", True, False), ("dinas", False, False), ("A", True, False)],
)
def test_capitals_are_read_as_names_and_acronyms(word: str, title: bool, upper: bool) -> None:
    (token,) = tokenize(word)
    assert (token.is_title, token.is_upper) == (title, upper)
