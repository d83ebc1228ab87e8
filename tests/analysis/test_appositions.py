"""The apposition reader pairs a person's name with the title written beside it."""

from __future__ import annotations

import pytest

from kg.analysis.appositions import appositions
from kg.analysis.document import analyse
from kg.analysis.names import names_of
from kg.clean import clean
from kg.model import RawDocument


def _read(text: str) -> list[tuple[str, str, str]]:
    analysis = analyse(clean(RawDocument(doc_id="t", source="test", text=text)))
    return [(a.label, a.name.name, analysis.words(*a.title)) for a in appositions(names_of(analysis))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Dana diserahkan Bupati Sleman, Dr. Hendra Wijaya, kemarin.",
            [("title-name", "Hendra Wijaya", "Bupati")],
        ),
        (
            "Menurut Dewi Lestari, Kepala Dinas Sosial Kota Blitar, data sudah ada.",
            [("name-title", "Dewi Lestari", "Kepala Dinas")],
        ),
        ("Rudi Santoso selaku Ketua Panitia membuka acara.", [("name-link-title", "Rudi Santoso", "Ketua")]),
        (
            "Rudi Santoso yang menjabat sebagai Sekretaris hadir.",
            [("name-link-title", "Rudi Santoso", "Sekretaris")],
        ),
        (
            "Narasumber hari itu Nina Kartika (Ketua Forum Buruh Sleman) dan lainnya.",
            [("name-paren-title", "Nina Kartika", "Ketua")],
        ),
        (
            "Hadir Ketua Kadin Sleman, diwakili Bendahara Yosef Lembang.",
            [("represented", "Yosef Lembang", "Bendahara")],
        ),
    ],
)
def test_shapes(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [found for found in _read(sentence) if found[0] == expected[0][0]] == expected


def test_an_apposition_inside_another_is_part_of_it() -> None:
    found = _read("Rudi Santoso, Kepala Dinas Sosial, hadir.")
    assert [name for _, name, _ in found] == ["Rudi Santoso"]
