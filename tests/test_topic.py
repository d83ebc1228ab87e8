"""The topic filter: Indonesian articles about worker social security are kept, the rest is not."""

from __future__ import annotations

import pytest

from kg.lexicon import words
from kg.model import RawDocument
from kg.topic import NO_CUE, NOT_INDONESIAN, has_topic_cue, is_indonesian, off_topic_reason, visible_text

# Indonesian news prose without any cue: the frame each case below puts one sentence into.
FRAME = (
    "Pemerintah Kabupaten Kendal terus berupaya untuk meningkatkan kesejahteraan warga. "
    "{sentence} Menurut Bupati, program ini akan dilanjutkan pada tahun depan dan "
    "diharapkan dapat dirasakan oleh seluruh masyarakat yang ada di desa maupun di kota."
)
ON_TOPIC = FRAME.format(sentence="Sebanyak 2.000 nelayan didaftarkan sebagai peserta BPJS Ketenagakerjaan.")
ROADS = FRAME.format(sentence="Jalan sepanjang 12 kilometer di Kecamatan Weleri telah diperbaiki.")
ENGLISH = (
    "The regency of Kendal registered 2,000 fishermen with BPJS Ketenagakerjaan, the state"
    " workers' insurer, so that their families are paid if they are injured or die at sea."
)


def text(body: str, title: str | None = None) -> RawDocument:
    return RawDocument(doc_id="a", source="a.txt", text=body, title=title)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (ON_TOPIC, None),
        (ROADS, NO_CUE),
        (ENGLISH, NOT_INDONESIAN),
        ("Bupati Kendal dan BPJS Ketenagakerjaan.", NOT_INDONESIAN),  # too short to tell its language
    ],
    ids=["on-topic", "indonesian-without-cue", "english-with-cue", "too-short"],
)
def test_an_article_is_off_topic_for_its_language_or_for_naming_no_cue(body: str, reason: str | None) -> None:
    assert off_topic_reason(text(body)) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Kantor BPJamsostek Cabang Kendal menyerahkan santunan kepada ahli waris.",
        "Kepesertaan Jamsostek bagi perangkat desa ditanggung APBD.",
        "Kabupaten ini meraih Paritrana Award tingkat provinsi.",
        "Iuran bagi pekerja rentan dibayar dari dana desa.",
        "Setiap pekerja terdaftar dalam program JKK dan JKM.",
        "Perlindungan jaminan  sosial\nketenagakerjaan diperluas ke petani.",
        "Warga bukan penerima upah kini terlindungi.",
    ],
)
def test_any_cue_of_the_list_puts_an_article_on_topic(sentence: str) -> None:
    assert off_topic_reason(text(FRAME.format(sentence=sentence))) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Warga diminta menjaga kebersihan lingkungan (jkm).",  # an acronym counts only in capitals
        "Pemkab menggelar lomba Paritranaan desa.",  # a cue is a whole word
        "Pasien BPJS Kesehatan dilayani di puskesmas.",  # health insurance is another topic
    ],
)
def test_what_only_resembles_a_cue_is_not_one(sentence: str) -> None:
    assert off_topic_reason(text(FRAME.format(sentence=sentence))) == NO_CUE


@pytest.mark.parametrize("cue", sorted(words("topic_cues.txt")))
def test_every_cue_of_the_data_file_is_found_as_written(cue: str) -> None:
    assert has_topic_cue(f"Menurut pejabat, {cue} menjadi perhatian.")


def test_a_cue_in_the_title_counts() -> None:
    doc = text(ROADS, title="Pemkab Kendal Tanggung Iuran BPJS Ketenagakerjaan Nelayan")
    assert off_topic_reason(doc) is None


def test_english_prose_has_no_indonesian_function_words() -> None:
    assert not is_indonesian(ENGLISH * 5)
    assert is_indonesian(ROADS)


def page(article: str, sidebar: str = "", title: str = "Berita Kendal") -> str:
    return (
        f"<html><head><title>{title}</title><script>var BPJS = 'Ketenagakerjaan';</script></head>"
        f"<body><header><a href='/'>Beranda</a> <a href='/jkk'>JKK</a></header>"
        f"<nav><a href='/bpjs'>BPJS Ketenagakerjaan</a></nav>"
        f"<article><h1>{title}</h1><p>{article}</p></article>"
        f"<aside><h3>Berita Terkait</h3><p>{sidebar}</p></aside>"
        f"<footer>Jamsostek © 2024</footer></body></html>"
    )


def test_a_pages_menus_side_bars_scripts_and_footer_give_no_cue() -> None:
    html = page(ROADS, sidebar="Paritrana Award untuk Kendal")
    assert off_topic_reason(RawDocument(doc_id="a", source="a.html", html=html)) == NO_CUE
    assert "Weleri" in visible_text(html) and "Paritrana" not in visible_text(html)


def test_a_cue_in_a_pages_article_counts() -> None:
    assert off_topic_reason(RawDocument(doc_id="a", source="a.html", html=page(ON_TOPIC))) is None


@pytest.mark.parametrize(
    "body",
    [
        "<header>Jamsostek</header><main><p>Isi berita.</p></main><footer>JKK</footer>",
        "<header>Jamsostek</header><div><p>Isi berita.</p></div><aside>JKK</aside>",
    ],
    ids=["main", "body"],
)
def test_a_page_without_an_article_element_is_read_from_its_main_or_body_without_the_header(
    body: str,
) -> None:
    assert visible_text(f"<html><head><title>Judul</title></head><body>{body}</body></html>").split() == [
        "Judul",
        "Isi",
        "berita.",
    ]


def test_an_empty_page_has_no_text() -> None:
    assert visible_text("") == ""
