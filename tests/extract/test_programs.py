"""Programmes: joined acronyms, list items under a programme heading, and programme head words."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.programs import ProgramExtractor
from kg.model import ProgramFact, RawDocument


def programs(text: str) -> dict[str, tuple[str, ...]]:
    """name -> aliases of the programmes a text names."""
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    facts = [f for f in ProgramExtractor()(Document(article)) if isinstance(f, ProgramFact)]
    return {f.name: f.aliases for f in facts}


@pytest.mark.parametrize(
    ("sentence", "name", "alias"),
    [
        # the word "program" is not one of the acronym's letters
        (
            "Sebanyak 900 nelayan di Kota Tegal masuk program jaminan kecelakaan kerja "
            "dan jaminan kematian (JKK-JKM).",
            "JKK-JKM",
            "jaminan kecelakaan kerja dan jaminan kematian",
        ),
        # an acronym with its "Pro" keeps the word "Program" in the expansion
        (
            "Pemkab Sragen memperluas Program Jaminan Kecelakaan Kerja dan Jaminan Kematian "
            "Pro JKK-JKM tahun ini.",
            "Pro JKK-JKM",
            "Program Jaminan Kecelakaan Kerja dan Jaminan Kematian",
        ),
    ],
)
def test_a_joined_acronym_with_its_expansion(sentence: str, name: str, alias: str) -> None:
    assert programs(sentence)[name] == (alias,)


def test_every_item_of_a_long_list_under_a_programme_heading() -> None:
    text = "\n".join(
        [
            "Pemkot Kediri menjalankan sejumlah program unggulan:",
            "-",
            "SIPENA (Sistem Pelayanan Nelayan): Membantu nelayan mendaftar sebagai peserta jaminan sosial.",
            "-",
            "KARTU SAKTI (Kartu Sahabat Pekerja): Memberi kemudahan bagi pekerja informal di seluruh kota.",
            "-",
            "TAMAN (Taman Baca Anak Nelayan): Menyediakan ruang belajar bagi anak dari keluarga nelayan.",
            "-",
            "ROTI (Rumah Olah Tani): Melatih petani muda untuk mengolah hasil panen menjadi produk bernilai.",
        ]
    )
    found = programs(text)
    assert found["TAMAN"] == ("Taman Baca Anak Nelayan",)
    assert found["ROTI"] == ("Rumah Olah Tani",)


def test_acronyms_outside_a_programme_list_are_not_programmes() -> None:
    text = "Pengumuman:\n-\nBBM (Bahan Bakar Minyak) naik minggu depan.\n"
    assert programs(text) == {}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ini program unggulan kami, sejalan dengan Kampung Tangguh yang sudah berjalan.",
            {"Kampung Tangguh": ()},
        ),
        # an ordinary place, or a sentence not about programmes
        ("Program ini juga menyasar warga di Kampung Baru, Kecamatan Sail.", {}),
        ("Rombongan tiba di Kampung Naga pada sore hari.", {}),
        ("Gerakan Sadar Jaminan Sosial diluncurkan pekan lalu.", {"Gerakan Sadar Jaminan Sosial": ()}),
        ("Program Sehati Pekerja diluncurkan pekan lalu.", {"Sehati Pekerja": ()}),
    ],
)
def test_programme_head_words(sentence: str, expected: dict[str, tuple[str, ...]]) -> None:
    assert programs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "name", "aliases"),
    [
        # a lower-case "program" before a name, with a syllabic short name or an "atau" name
        (
            "Pemkab menjalankan program Sumedang Peduli Pekerja (Sumpeker) sejak 2022.",
            "Sumedang Peduli Pekerja",
            ("Sumpeker",),
        ),
        (
            "Wali Kota meluncurkan program Bitung Sigap Kerja atau Bisa Kerja di alun-alun.",
            "Bitung Sigap Kerja",
            ("Bisa Kerja",),
        ),
        (
            "BPJS merekrut agen program Penggerak Jaminan Sosial Indonesia (Perisai).",
            "Penggerak Jaminan Sosial Indonesia",
            ("Perisai",),
        ),
    ],
)
def test_programmes_after_lower_case_program(sentence: str, name: str, aliases: tuple[str, ...]) -> None:
    assert programs(sentence)[name] == aliases


@pytest.mark.parametrize(
    "sentence",
    [
        "Warga ikut program Jaminan sosial ketenagakerjaan dari pemerintah.",
        "Pedagang mendaftar program BPJamsostek di pasar.",
        "Iuran program JKK dan JKM dibayar APBD.",
        "Ia menyebut program Unggulan daerah itu berhasil.",
        # the field as a whole, with the body that runs it written after it
        "Seluruh honorer terlindungi Program Jaminan Sosial Ketenagakerjaan BPJAMSOSTEK.",
        "Daerah mendukung pelaksanaan program Jaminan Ketenagakerjaan di Papua.",
        # an official's title after "program" begins no programme name
        "Nelayan dibantu lewat program Gubernur Jambi Al Haris tahun ini.",
    ],
)
def test_lower_case_program_before_prose_or_a_body_names_nothing(sentence: str) -> None:
    assert not set(programs(sentence)) - {"Jaminan Kecelakaan Kerja", "Jaminan Kematian"}


def test_quotes_around_a_programme_are_no_part_of_its_name() -> None:
    text = "Ini tindak lanjut atas 'Gerakan Nasional Perlindungan Pekerja Rentan' yang dicanangkan."
    assert "Gerakan Nasional Perlindungan Pekerja Rentan" in programs(text)


def test_a_government_after_program_says_whose_programme_it_is() -> None:
    text = (
        "Mereka peserta program Sumba Peduli Pekerja (Sapeker), yakni program Pemerintah Kabupaten Sumba"
        " Barat yang menanggung iuran pekerja rentan."
    )
    assert list(programs(text)) == ["Sumba Peduli Pekerja"]


@pytest.mark.parametrize(
    ("sentence", "name", "alias"),
    [
        (
            "Pemkab Karo menanggung iuran 5.000 pekerja lewat program Berseri (Bersama Sejahterakan Pekerja"
            " Informal).",
            "Berseri",
            "Bersama Sejahterakan Pekerja Informal",
        ),
        (
            "Baznas Kota Dumai membayar iuran marbut lewat program Amanah (Ayo Melindungi Pekerja Ibadah).",
            "Amanah",
            "Ayo Melindungi Pekerja Ibadah",
        ),
    ],
)
def test_a_one_word_name_with_what_it_stands_for(sentence: str, name: str, alias: str) -> None:
    assert programs(sentence)[name] == (alias,)


def operators(text: str) -> list[str | None]:
    """The operator (a region code) of each programme a text names."""
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    facts = [f for f in ProgramExtractor()(Document(article)) if isinstance(f, ProgramFact)]
    return [f.operator.key if f.operator else None for f in facts]


@pytest.mark.parametrize(
    ("text", "operator"),
    [
        # a place in the dateline runs no programme another region in the sentence runs
        (
            "Judul\n\nMEDAN - Pemkab Karo menanggung iuran 5.000 pekerja lewat program Karo Peduli Pekerja.",
            "12.06",
        ),
        # nor does a region named as an agency's place
        (
            "Judul\n\nKepala Dinas Tenaga Kerja Provinsi Lampung, Suryadi, menyebut Pringsewu kini melindungi"
            " 18.540 pekerja lewat program Pringsewu Makmur Bekerja.",
            "18.10",
        ),
    ],
)
def test_who_runs_a_programme(text: str, operator: str) -> None:
    assert operators(text) == [operator]
