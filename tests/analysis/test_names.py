"""The name chunkers: a person's name without its honorifics, an organisation's without a word list."""

from __future__ import annotations

import pytest

from kg.analysis.document import Analysis, analyse
from kg.analysis.names import Names, names_of
from kg.clean import clean
from kg.model import RawDocument


def _chunker(text: str) -> tuple[Analysis, Names]:
    analysis = analyse(clean(RawDocument(doc_id="t", source="test", text=text)))
    return analysis, names_of(analysis)


def _orgs(text: str) -> list[str]:
    analysis, chunker = _chunker(text)
    starts = sorted(
        {s.start for s in analysis.spans.get("org_head", ())} | set(chunker.extra.get("org_head", {}))
    )
    found, reached = [], -1
    for start in starts:
        chunk = chunker.org(start)
        if chunk is not None and start >= reached:
            found.append(chunk.name)
            reached = chunk.end
    return found


def _person_at(text: str, word: str) -> str | None:
    analysis, chunker = _chunker(text)
    index = next(t.index for t in analysis.tokens if t.text == word)
    chunk = chunker.person(index)
    return chunk.name if chunk else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # words no lexicon lists stay in the name up to its place
        (
            "Rapat dihadiri Kepala Dinas Perkoperasian Nelayan Kabupaten Sleman, Ani Lestari.",
            ["Dinas Perkoperasian Nelayan Kabupaten Sleman"],
        ),
        # two coordinated names are two; "dan" inside one name joins its words
        (
            "Hadir Dinas Sosial dan Dinas Kesehatan Kota Blitar.",
            ["Dinas Sosial", "Dinas Kesehatan Kota Blitar"],
        ),
        ("Dinas Tenaga Kerja dan Transmigrasi memberi data.", ["Dinas Tenaga Kerja dan Transmigrasi"]),
        # the holder's name after the organisation is not part of it
        (
            "Kepala Badan Kepegawaian Kabupaten Sleman Rudi Hartono menjelaskan.",
            ["Badan Kepegawaian Kabupaten Sleman"],
        ),
        # a place after a comma is the office's location
        ("Layanan Dinas Sosial, Kabupaten Sleman, dibuka.", ["Dinas Sosial"]),
        # a contracted agency name heads a name by itself
        ("Kepala Disnakerpar Kota Blitar, Rina, hadir.", ["Disnakerpar Kota Blitar"]),
        # a lone head that needs more words is no name; a verb ends one
        ("Dinas itu menyebut data.", []),
        ("Bank Makmur Sejahtera menyalurkan dana.", ["Bank Makmur Sejahtera"]),
    ],
)
def test_organisation_names(sentence: str, expected: list[str]) -> None:
    assert _orgs(sentence) == expected


def test_an_acronym_in_parentheses_is_kept_apart() -> None:
    analysis, chunker = _chunker("Dinas Pangan dan Pertanian (Dispangtan) Kota Blitar membuka lahan.")
    chunk = chunker.org(0)
    assert chunk is not None and chunk.acronym is not None
    assert analysis.words(*chunk.acronym) == "Dispangtan"


@pytest.mark.parametrize(
    ("sentence", "first", "expected"),
    [
        ("Sambutan Prof. Dr. (H.C.) K.H. Abdul Wahid, M.Si. dibacakan.", "Prof", "Abdul Wahid"),
        ("Hadir pula H. M. Yusuf Lubis bersama warga.", "H", "M. Yusuf Lubis"),
        ("Laporan Dr. Ardi Santoso SE MM diterima.", "Dr", "Ardi Santoso"),
        ("Hadir E Rahmat Siregar di sana.", "E", "E Rahmat Siregar"),
        # a verb a headline capitalises is no name
        ("Bupati Sleman Serahkan Santunan", "Serahkan", None),
        # a name ends at the next title
        ("Yanto Kepala Dinas Sosial hadir.", "Yanto", "Yanto"),
    ],
)
def test_person_names(sentence: str, first: str, expected: str | None) -> None:
    assert _person_at(sentence, first) == expected


def test_degrees_after_a_name_are_skipped() -> None:
    analysis, chunker = _chunker("Menurut Lina Marlina, S.Sos., M.Si. data itu lengkap.")
    chunk = chunker.person(1)
    assert chunk is not None and chunk.name == "Lina Marlina"
    assert analysis.tokens[chunker.degrees_end(chunk.end)].text == "data"
