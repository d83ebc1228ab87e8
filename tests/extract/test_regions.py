"""Regions named in an article: aliases, old names, and bare names shared by a kabupaten and a kota."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.regions import RegionExtractor
from kg.model import RawDocument, RegionFact


def codes(text: str) -> list[str]:
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    return [f.code for f in RegionExtractor()(Document(article)) if isinstance(f, RegionFact)]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Pemprov Jatim menggelar rapat kerja.", "35"),
        ("Kepesertaan di Jabar terus meningkat.", "32"),
        ("Warga DIY menyambut baik program itu.", "34"),
        ("Pemkot Tangsel menganggarkan iuran.", "36.74"),
        ("Pemkab KBB menyiapkan anggaran.", "32.17"),
        ("Dulu daerah itu bernama Mamuju Utara.", "76.01"),
        ("Nelayan di Lotim mendapat perlindungan.", "52.03"),
    ],
)
def test_aliases_and_old_names(sentence: str, code: str) -> None:
    assert codes(sentence) == [code]


SHARED = [
    "Madiun",
    "Malang",
    "Blitar",
    "Bogor",
    "Kediri",
    "Mojokerto",
    "Pasuruan",
    "Probolinggo",
    "Magelang",
    "Bekasi",
]


@pytest.mark.parametrize("name", SHARED)
def test_a_shared_bare_name_alone_is_left_unresolved(name: str) -> None:
    assert codes(f"Para pekerja di {name} mendapat perlindungan.") == []


@pytest.mark.parametrize("name", SHARED)
@pytest.mark.parametrize("level", ["Kota", "Kabupaten"])
def test_a_shared_bare_name_takes_the_unit_named_elsewhere(name: str, level: str) -> None:
    found = codes(f"Pemerintah {level} {name} menganggarkan iuran. Para pekerja di {name} menyambut baik.")
    assert len(found) == 2 and found[0] == found[1]


@pytest.mark.parametrize("name", SHARED)
def test_a_title_of_a_level_names_the_unit_of_that_level(name: str) -> None:
    assert len(set(codes(f"Wali Kota {name} dan Bupati {name} hadir."))) == 2


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("BUPATİ SLEMAN menyerahkan santunan.", "34.04"),
        ("Pemerıntah Kota Blitar menambah peserta.", "35.72"),
        ("Pemkab \u212aulon Progo menambah peserta.", "34.01"),
        ("Pemkab Slemaſ menambah peserta.", None),
    ],
)
def test_letters_that_case_folding_takes_for_ascii_ones_crash_nothing(
    sentence: str, code: str | None
) -> None:
    """ "İ", "ı", "ſ" and the Kelvin sign match "i", "i", "s" and "k" under re.IGNORECASE."""
    assert codes(sentence)[:1] == ([code] if code else [])


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Kanwil BPJS Ketenagakerjaan Sulawesi dan Maluku menggelar rapat di Kota Ambon.", ["81.71"]),
        ("BPJS Ketenagakerjaan wilayah Bali, Nusa Tenggara, dan Papua meninjau Kab. Jayapura.", ["91.03"]),
        ("Petugas bekerja di wilayah Maluku dan Papua sejak Senin.", ["81", "91"]),
        ("Kepala Kantor Wilayah Bali Nusa Tenggara Papua hadir di Kota Kupang.", ["53.71"]),
    ],
)
def test_the_areas_an_office_is_named_after_are_no_regions(sentence: str, kept: list[str]) -> None:
    assert sorted(codes(sentence)) == kept


@pytest.mark.parametrize(
    "sentence",
    [
        "Bantuan diberikan kepada orang asli Papua di kampung itu.",
        "Tamu disambut tarian adat Papua.",
        "Peserta mencicipi kuliner khas Bali.",
    ],
)
def test_a_place_that_describes_people_or_culture_is_no_region(sentence: str) -> None:
    assert codes(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a bare name shared by a province and its capital, listed with provinces
        ("Penghargaan diraih Papua Barat dan Yogyakarta.", ["92", "34"]),
        # ... and with cities; the level passes along the list
        ("Penghargaan diraih Kota Bitung, Bengkulu dan Jambi.", ["71.72", "17.71", "15.71"]),
        # list-mates of two levels settle nothing
        ("Penghargaan diraih Kota Bitung, Bengkulu dan Papua Barat.", ["71.72", "92"]),
        # a name not in a list stays unresolved
        ("Kota Bitung menang. Bengkulu kalah.", ["71.72"]),
    ],
)
def test_a_shared_bare_name_takes_the_level_of_its_list_mates(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare place right after a village's or district's word is that village's name
        ("Lurah Batu Meja, Grace Lekatompessy, hadir.", []),
        ("Warga Desa Bantul Baru ikut mendaftar.", []),
        # a regency written with its level word after them still counts
        ("Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Sigi hadir.", ["72.10"]),
    ],
)
def test_a_village_named_after_a_place_names_no_region(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_a_place_that_begins_a_described_business_is_no_region() -> None:
    assert codes("Juara pertama diraih Gowa Beton Perkasa, perusahaan beton di Kota Makassar.") == ["73.71"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a bare place that ends a hospital's or a health centre's name is part of the name
        ("Penghargaan diraih RSUD Bunda Asmat dan Puskesmas Sehat Mappi.", []),
        # with its level word it names the region
        ("Penghargaan diraih RSUD Kabupaten Mappi.", ["93.03"]),
    ],
)
def test_a_place_that_ends_a_named_hospital(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected
