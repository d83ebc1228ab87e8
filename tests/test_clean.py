"""Cleaning pages down to the article: boilerplate, dateline, publication date, sentences."""

from __future__ import annotations

import pytest

from kg.clean import CleanError, clean, read_date, split_sentences
from kg.lexicon import words
from kg.model import Article, RawDocument

BODY = "Pemerintah Kota Blitar menambah 1.250 pekerja rentan sebagai peserta BPJS Ketenagakerjaan."


def cleaned(text: str, **metadata: str) -> Article:
    return clean(RawDocument(doc_id="uji", source="uji.txt", text=text, **metadata))


def lines(text: str) -> list[str]:
    return cleaned(text).text.split("\n")


def place(article: Article) -> str | None:
    if article.dateline is None:
        return None
    start, end = article.dateline
    return article.text[start:end]


# -- boilerplate: one case per kind of pattern ------------------------------------------------


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        # drop_line: bylines, credits, counters, widgets, tag lists, section labels
        (f"{BODY}\nEditor: Rina Amelia", [BODY]),
        (f"{BODY}\nEditor : Rina Amelia\u00a0 Reporter : Budi Santoso", [BODY]),
        (f"Penulis: Dimas\n{BODY}\nPewarta: Sari", [BODY]),
        (f"{BODY}\nFoto: Humas Pemkot Blitar", [BODY]),
        (f"DAERAH\n\n{BODY}", [BODY]),
        (f"Pixel Codeportalblitar.com\n{BODY}", [BODY]),
        (f", ,\n\noleh -12 Dilihat\n\n{BODY}", [BODY]),
        (f"{BODY}\n×\n0\n352", [BODY]),
        (f"{BODY}\nSebarkan artikel ini\nTinggalkan Balasan", [BODY]),
        (f"{BODY}\nNo More Posts Available.\nNo more pages to load.", [BODY]),
        (f"{BODY}\nTags: BPJS, Blitar, pekerja rentan", [BODY]),
        # drop_line: an embedded link card to another story
        (f"{BODY}\nPemkot Kediri raih penghargaan jaminan sosial - ANTARA News Jawa Timur", [BODY]),
        # drop_block_after: a heading, then its list up to a blank line (or the end)
        (
            f"{BODY}\nBerita Trending\n- 1 Banjir di Pesisir\n- 2 Harga Beras Turun\n\nPenutup artikel.",
            [BODY, "Penutup artikel."],
        ),
        (f"{BODY}\nBerita Terkini\n- Jalan Tol Baru Dibuka\n- Festival Kopi Digelar", [BODY]),
        (f"{BODY}\n\nTags\n\nArtikel Pilihan\n\nTerkini\n\nTerpopuler\n\nKabar Daerah", [BODY]),
        # drop_with_next: "Baca juga:" alone, the link title on the next line
        (
            f"{BODY}\nBaca juga:\nPasar Murah Digelar di Alun-alun\n\nPenutup artikel.",
            [BODY, "Penutup artikel."],
        ),
        # related_link: a related link on one line
        (
            f"{BODY}\nBaca Juga : Pasar Murah Digelar di Alun-alun\nPenutup artikel.",
            [BODY, "Penutup artikel."],
        ),
        (
            f"{BODY}\nBaca juga:Pasar Murah DigelarJalan Desa Diperbaiki\nPenutup artikel.",
            [BODY, "Penutup artikel."],
        ),
        # strip_suffix: credits in captions, agency codes, end marks, the advertorial marker
        ("Wali Kota meninjau posko (Foto: Andi/portalblitar.com)", ["Wali Kota meninjau posko"]),
        ("Wali Kota meninjau posko /@pemkotblitar/IG", ["Wali Kota meninjau posko"]),
        ("Bupati menyerahkan kartu peserta . ANTARA/Nur Hasan.", ["Bupati menyerahkan kartu peserta"]),
        ("Program ini terus berjalan. Ant/B-7", ["Program ini terus berjalan."]),
        ("Program ini terus berjalan. (*)", ["Program ini terus berjalan."]),
        ("Program ini terus berjalan.***", ["Program ini terus berjalan."]),
        (
            "Wali Kota menyerahkan hadiah kepada peserta. ADV",
            ["Wali Kota menyerahkan hadiah kepada peserta."],
        ),
        # strip_prefix: list bullets
        (
            "Manfaatnya antara lain:\n  • Santunan kematian.\n- Beasiswa anak.",
            ["Manfaatnya antara lain:", "Santunan kematian.", "Beasiswa anak."],
        ),
        # drop_last: a short name alone at the very end is a signature
        (f"{BODY}\n\nSiska", [BODY]),
    ],
)
def test_what_is_not_the_article_is_removed(page: str, kept: list[str]) -> None:
    assert lines(page) == kept


def test_a_caption_repeated_on_the_next_line_appears_once() -> None:
    page = (
        "Bupati Sleman meninjau pendataan\n"
        "Bupati Sleman meninjau pendataan (Foto: Dok. Humas)\n"
        "Bupati Sleman meninjau pendataan /@pemkabsleman/IG\n"
        f"{BODY}"
    )
    assert lines(page) == ["Bupati Sleman meninjau pendataan", BODY]


def test_a_sentence_glued_to_a_related_link_is_kept_when_it_is_recognisable() -> None:
    page = (
        f"{BODY}\n"
        "Baca Juga: Jembatan Gantung Diresmikan Warga Pesisir Kepala Kantor Cabang BPJS Ketenagakerjaan "
        "Blitar, Rudi Hartono, mengatakan pendaftaran dibuka setiap hari."
    )
    assert lines(page) == [
        BODY,
        "Kepala Kantor Cabang BPJS Ketenagakerjaan Blitar, Rudi Hartono, "
        "mengatakan pendaftaran dibuka setiap hari.",
    ]


def test_a_related_link_is_dropped_whole_when_in_doubt() -> None:
    page = f"{BODY}\nBaca Juga: Warga Pesisir Sambut Program Baru Sementara itu, jumlah peserta terus naik."
    assert lines(page) == [BODY]


def test_headline_dateline_body_and_caption_are_kept() -> None:
    page = (
        "Pemkot Blitar Lindungi Pekerja Rentan\n\n"
        "Wali Kota Blitar menyerahkan kartu peserta (Foto: Humas)\n\n"
        f"BLITAR (Warta) - {BODY}\n\n"
        "Editor: Rina"
    )
    assert lines(page) == [
        "Pemkot Blitar Lindungi Pekerja Rentan",
        "Wali Kota Blitar menyerahkan kartu peserta",
        f"BLITAR - {BODY}",
    ]


def test_nothing_left_is_a_clean_error() -> None:
    with pytest.raises(CleanError, match="nothing of the article is left"):
        cleaned("Editor: Rina\nTags\nSebarkan artikel ini\n")


# -- dateline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "where", "outlet", "line"),
    [
        ("KUPANG (Pos) - ", "KUPANG", "Pos", "KUPANG - "),
        ("PALEMBANG — ", "PALEMBANG", None, "PALEMBANG — "),
        ("BOGOR,WARTABOGOR.id— ", "BOGOR", "WARTABOGOR.id", "BOGOR — "),
        ("KABARJAMBI.CO, KOTA JAMBI – ", "KOTA JAMBI", "KABARJAMBI.CO", "KOTA JAMBI – "),
        ("Kalbarnews, Pontianak — ", "Pontianak", "Kalbarnews", "Pontianak — "),
        ("GARUT, PRIANGAN – ", "GARUT", "PRIANGAN", "GARUT – "),
        ("Kupang (ANTARA) - ", "Kupang", "ANTARA", "Kupang - "),
        ("TERNATE, MU. – ", "TERNATE", "MU", "TERNATE – "),
        ("Kontan.co.id, BANDA ACEH - ", "BANDA ACEH", "Kontan.co.id", "BANDA ACEH - "),
        ("Kediri- ", "Kediri", None, "Kediri - "),
        ("WARTAJATIM.COM - ", None, "WARTAJATIM.COM", ""),
    ],
)
def test_the_dateline_keeps_its_place_and_drops_the_outlet(
    lead: str, where: str | None, outlet: str | None, line: str
) -> None:
    article = cleaned(f"Judul Berita Hari Ini\n{lead}{BODY}")
    assert article.text == f"Judul Berita Hari Ini\n{line}{BODY}"
    assert place(article) == where
    assert article.outlet == outlet


def test_a_photo_credit_glued_to_the_dateline_is_removed() -> None:
    article = cleaned(f"Judul\nFoto: ANTARA/HO-Pemkab KendalKENDAL - {BODY}")
    assert article.text == f"Judul\nKENDAL - {BODY}"
    assert place(article) == "KENDAL"


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        f"Menurut dia - {BODY}",
        f"Judul\nDalam acara itu, Wali Kota Blitar - yang baru dilantik - hadir. {BODY}",
    ],
)
def test_text_without_a_dateline_has_none(text: str) -> None:
    article = cleaned(text)
    assert article.dateline is None and article.text == text


def test_a_short_outlet_line_is_passed_over_to_the_real_dateline() -> None:
    article = cleaned(f"Judul\n\nBeritaku.com - 3 Maret 2023\n\nBeritaku.com - {BODY}")
    assert article.text == f"Judul\n3 Maret 2023\n{BODY}"
    assert (article.dateline, article.outlet, article.date) == (None, "Beritaku.com", "2023-03-03")


# -- publication date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Judul\n- 12 Februari 2024, 09:15 WIB\n{BODY}", "2024-02-12"),
        (f"Judul\nWarta.id - 7 Desember 2021\n{BODY}", "2021-12-07"),
        (f"{BODY} Acara berlangsung Kamis, 6 Juni 2024.", "2024-06-06"),
        (f"{BODY} Acara berlangsung Jumat (21/3/2025) di pendopo.", "2025-03-21"),
        (f"{BODY} Acara berlangsung Senin pagi (2/9/2019).", "2019-09-02"),
        (f"{BODY} Acara berlangsung Senin (29/1) di pendopo.", None),
        (f"{BODY} Perda Nomor 3 Tahun 2020 berlaku.", None),
        (f"{BODY} Acara berlangsung Rabu (31/2/2024).", None),
        (f"{BODY} Acara berlangsung Rabu (3/4/1985).", None),
        ("Judul\nA.\nB.\nC.\nD.\nE.\nF sejak 1 Mei 2020. Kamis (4/7/2024) acara digelar.", "2024-07-04"),
        (f"SLEMAN - {BODY} Senin (8/1/2024).\nB.\nC.\nD.\nE.\nF pada 5 Mei 2019.", "2024-01-08"),
    ],
)
def test_the_publication_date_is_read_from_the_text(text: str, expected: str | None) -> None:
    assert cleaned(text).date == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2023-10-05", "2023-10-05"),
        ("2023-10-05T08:00:00+07:00", "2023-10-05"),
        ("5 Oktober 2023", "2023-10-05"),
    ],
)
def test_a_date_given_with_the_article_comes_first(given: str, expected: str) -> None:
    assert cleaned(f"{BODY} Acara berlangsung Selasa (1/8/2023).", date=given).date == expected


# -- sentences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Program berjalan baik. Peserta bertambah.", ["Program berjalan baik.", "Peserta bertambah."]),
        ("Judul Tanpa Titik\nKalimat pertama.", ["Judul Tanpa Titik", "Kalimat pertama."]),
        ("Hadir Dr. H. Sutrisno, M.Si. dan Ir. Wahyudi.", ["Hadir Dr. H. Sutrisno, M.Si. dan Ir. Wahyudi."]),
        ("Ketua K.H. Abdullah membuka acara.", ["Ketua K.H. Abdullah membuka acara."]),
        (
            "Ia didampingi Plt. Kepala Dinas, Drs. Mulyono.",
            ["Ia didampingi Plt. Kepala Dinas, Drs. Mulyono."],
        ),
        ("Sekda Kab. Garut, S. Hidayat, hadir.", ["Sekda Kab. Garut, S. Hidayat, hadir."]),
        (
            "Wali Kota Hendra M. Siregar hadir. Acara usai.",
            ["Wali Kota Hendra M. Siregar hadir.", "Acara usai."],
        ),
        (
            "Sesuai Perda No. 5 Tahun 2021 iuran ditanggung.",
            ["Sesuai Perda No. 5 Tahun 2021 iuran ditanggung."],
        ),
        (
            "Cakupan 46,03 persen. Pesertanya 17.487 orang.",
            ["Cakupan 46,03 persen.", "Pesertanya 17.487 orang."],
        ),
        ("Iuran Rp. 16.800 per bulan.", ["Iuran Rp. 16.800 per bulan."]),
        ('"Kami siap membantu." Bupati lalu pergi.', ['"Kami siap membantu."', "Bupati lalu pergi."]),
        ("“Kami siap membantu.” Bupati lalu pergi.", ["“Kami siap membantu.”", "Bupati lalu pergi."]),
        ("“Ini penting. Semua harus ikut,” ujarnya.", ["“Ini penting.", "Semua harus ikut,” ujarnya."]),
        ("Mengapa penting? Simak ulasannya!", ["Mengapa penting?", "Simak ulasannya!"]),
        (
            "Tercatat 2.000 peserta pada 2024. 500 di antaranya nelayan.",
            ["Tercatat 2.000 peserta pada 2024.", "500 di antaranya nelayan."],
        ),
        (
            "Peserta petani, nelayan, dll. terus bertambah.",
            ["Peserta petani, nelayan, dll. terus bertambah."],
        ),
        # the numbers of an inline numbered list end no sentence
        (
            "Pemenangnya yakni 1. Kota Palu, 2. Kabupaten Sigi. Acara usai.",
            ["Pemenangnya yakni 1. Kota Palu, 2. Kabupaten Sigi.", "Acara usai."],
        ),
        # a number that ends a sentence still does
        ("Pesertanya naik 2. Kota lain menyusul.", ["Pesertanya naik 2.", "Kota lain menyusul."]),
        # so does a place's roman numeral; an initial does not
        ("Kota Metro meraih juara I. Sementara itu", ["Kota Metro meraih juara I.", "Sementara itu"]),
        ("Dipimpin Budi I. Santoso hari ini.", ["Dipimpin Budi I. Santoso hari ini."]),
        # a list item's number at the start of its line is part of the item
        (
            "Kategori Desa\n1. Desa Mekar Sari\n2. Desa Suka Damai",
            ["Kategori Desa", "1. Desa Mekar Sari", "2. Desa Suka Damai"],
        ),
    ],
)
def test_sentences_split_on_final_marks_and_line_breaks_only(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_offsets_index_the_article_text() -> None:
    article = cleaned(f"Judul Berita\n\n\nBLITAR - {BODY} Dr. Ani hadir.\n\nPenutup.")
    assert article.text == f"Judul Berita\nBLITAR - {BODY} Dr. Ani hadir.\nPenutup."
    assert [s.index for s in article.sentences] == [0, 1, 2, 3]
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
    assert article.sentence_at(article.text.index("Ani")).text == "Dr. Ani hadir."


# -- title, metadata and HTML -----------------------------------------------------------------


def test_the_first_line_is_the_title_when_it_reads_as_a_headline() -> None:
    assert cleaned(f"Blitar Tambah Peserta\n{BODY}").title == "Blitar Tambah Peserta"
    assert cleaned(f"BLITAR - {BODY}\nPenutup.").title is None


def test_a_given_title_becomes_the_headline_when_the_text_lacks_it() -> None:
    article = cleaned(BODY, title="Blitar Tambah Peserta")
    assert article.text == f"Blitar Tambah Peserta\n{BODY}"
    assert (
        cleaned(f"Blitar Tambah Peserta\n{BODY}", title="Blitar Tambah Peserta").text.count("Blitar Tambah")
        == 1
    )


PAGE = """<html><head>
<title>Sleman Lindungi 5.000 Pekerja - Warta Sleman</title>
<meta property="og:title" content="Sleman Lindungi 5.000 Pekerja">
<meta property="og:site_name" content="Warta Sleman">
<meta property="article:published_time" content="2024-03-12T09:15:00+07:00">
</head><body>
<nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<article>
<h1>Sleman Lindungi 5.000 Pekerja</h1>
<figure><img src="a.jpg">
<figcaption>Bupati Sleman menyerahkan kartu peserta (Foto: Dok. Humas)</figcaption></figure>
<p>SLEMAN, WARTASLEMAN - Pemerintah Kabupaten Sleman mendaftarkan 5.000 pekerja rentan, Senin (11/3/2024).</p>
<p>Baca juga: Harga Cabai di Pasar Naik Lagi</p>
<p>Kepala Dinas Tenaga Kerja Sleman, Sutiasih, mengatakan iuran ditanggung APBD.</p>
</article>
<aside><h3>Berita Terkini</h3><ul><li><a href="/x">Banjir di Bantul</a></li></ul></aside>
<footer>Hak cipta Warta Sleman</footer>
</body></html>"""


def test_html_is_reduced_to_headline_caption_and_body_with_its_metadata() -> None:
    article = clean(RawDocument(doc_id="sleman", source="sleman.html", html=PAGE))
    assert article.text.split("\n") == [
        "Sleman Lindungi 5.000 Pekerja",
        "Bupati Sleman menyerahkan kartu peserta",
        "SLEMAN - Pemerintah Kabupaten Sleman mendaftarkan 5.000 pekerja rentan, Senin (11/3/2024).",
        "Kepala Dinas Tenaga Kerja Sleman, Sutiasih, mengatakan iuran ditanggung APBD.",
    ]
    assert (article.title, article.date, article.outlet) == (
        "Sleman Lindungi 5.000 Pekerja",
        "2024-03-12",
        "Warta Sleman",
    )
    assert place(article) == "SLEMAN"


def test_html_without_an_article_is_a_clean_error() -> None:
    with pytest.raises(CleanError, match="no article content found in the HTML"):
        clean(
            RawDocument(
                doc_id="kosong",
                source="kosong.html",
                html="<html><body><script>var x = 1;</script></body></html>",
            )
        )


def test_markup_may_come_instead_of_text_in_json_lines() -> None:
    raw = RawDocument(
        doc_id="j", source="b.jsonl:1", text="", html=PAGE, date="2024-03-13", title="Judul Lain"
    )
    article = clean(raw)
    assert (article.title, article.date) == ("Judul Lain", "2024-03-13")
    assert article.text.startswith("Judul Lain\nSleman Lindungi 5.000 Pekerja\n")


LEAD_PHOTO_PAGE = """<html><head><title>Klaten Serahkan Santunan</title></head><body>
<div class="post"><h1>Klaten Serahkan Santunan</h1>
<div class="wp-caption"><img src="b.jpg">
<p class="wp-caption-text">Bupati Klaten menyerahkan santunan kepada ahli waris. (Foto: Humas)</p></div>
<div class="entry-content">
<p><strong>KLATEN, KLATENPOS.COM</strong> – Bupati Klaten menyerahkan santunan Jaminan Kematian kepada ahli
waris pekerja rentan di pendopo kabupaten, Rabu (7/2/2024), disaksikan pejabat BPJS Ketenagakerjaan.</p>
<p>Menurut Kepala Cabang BPJS Ketenagakerjaan Klaten, Anton Wibowo, 12.400 pekerja rentan sudah terlindungi
berkat iuran yang ditanggung oleh anggaran daerah sejak awal tahun lalu.</p>
<p>(adv)</p>
</div>
<div class="tags">Tags: <a>BPJS</a> <a>Klaten</a></div></div>
</body></html>"""


def test_a_lead_photo_caption_outside_the_body_is_put_back_after_the_headline() -> None:
    article = clean(RawDocument(doc_id="klaten", source="klaten.html", html=LEAD_PHOTO_PAGE))
    assert article.text.split("\n")[:3] == [
        "Klaten Serahkan Santunan",
        "Bupati Klaten menyerahkan santunan kepada ahli waris.",
        "KLATEN – Bupati Klaten menyerahkan santunan Jaminan Kematian kepada ahli waris pekerja rentan di "
        "pendopo kabupaten, Rabu (7/2/2024), disaksikan pejabat BPJS Ketenagakerjaan.",
    ]
    assert (article.date, article.outlet, place(article)) == ("2024-02-07", "KLATENPOS.COM", "KLATEN")
    assert "adv" not in article.text and "Tags" not in article.text


@pytest.mark.parametrize("cue", sorted(words("date_cues.txt")))
def test_a_cut_off_date_in_the_body_is_not_the_publication_date(cue: str) -> None:
    lines = [
        "Judul berita",
        "Isi berita pertama.",
        f"Jumlah peserta {cue} 9 Desember 2021 sebanyak 500 orang.",
    ]
    assert read_date(lines) is None


def test_a_dateline_wins_over_a_cut_off_date() -> None:
    lines = [
        "SURABAYA - Rabu (19/1/2022) Pemkot menyerahkan santunan.",
        "Data per 31 Maret 2021 menunjukkan kenaikan.",
    ]
    assert read_date(lines) == "2022-01-19"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Diterbitkan 29 Januari 2024, 18:27 WIB", "2024-01-29"),
        ("Acara digelar Selasa (24/6/2025) di balai kota.", "2025-06-24"),
        ("Rabu (19/1/2022) Bupati hadir.", "2022-01-19"),
    ],
)
def test_publication_dates_in_the_text(line: str, iso: str) -> None:
    assert read_date(["Judul", line]) == iso


# -- white space, line breaks and invisible characters ----------------------------------------

PLAIN = "Judul Berita\nKota Blitar menambah 1.250 peserta. Bupati Blitar hadir.\nPenutup acara."
LINE_BREAKS = ["\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
# zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, LRM, RLM, the embeddings and
# overrides, the isolates, and control characters that are no white space
INVISIBLE_CHARACTERS = [
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f",
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    *"\x00\x07\x1b\x7f\x9f",
]
SPACES = ["\t", "\u00a0", "\u2009", "\u202f", "\u3000", "\x1f", " \t \u00a0 "]


@pytest.mark.parametrize("separator", LINE_BREAKS)
def test_every_unicode_line_boundary_is_a_line_break(separator: str) -> None:
    assert cleaned(PLAIN.replace("\n", separator)).text == PLAIN


@pytest.mark.parametrize("mark", INVISIBLE_CHARACTERS)
def test_invisible_characters_are_removed_inside_words_and_beside_spaces(mark: str) -> None:
    marked = PLAIN.replace("Blitar", f"Bli{mark}tar").replace(" hadir", f"{mark} {mark}hadir")
    article = cleaned(f"{mark}{marked}{mark}")
    assert article.text == PLAIN
    assert [s.text for s in article.sentences] == [s.text for s in cleaned(PLAIN).sentences]


@pytest.mark.parametrize("space", SPACES)
def test_any_run_of_white_space_within_a_line_is_one_space(space: str) -> None:
    assert cleaned(PLAIN.replace(" ", space)).text == PLAIN


def test_the_invisible_characters_are_the_unicode_format_and_control_characters() -> None:
    """kg/clean.py lists them as ranges; they must be what Unicode calls them, no more, no less."""
    import sys
    import unicodedata

    from kg.clean import INVISIBLE

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    expected = [
        c
        for c in every
        if unicodedata.category(c) == "Cf" or (unicodedata.category(c) == "Cc" and not c.isspace())
    ]
    assert [c for c in every if INVISIBLE.fullmatch(c)] == expected


def test_half_a_surrogate_pair_becomes_a_replacement_character() -> None:
    article = cleaned("Kota Blitar \ud83d menambah peserta.")
    assert article.text == "Kota Blitar \ufffd menambah peserta."
    article.text.encode("utf-8")


def test_metadata_is_normalised_like_the_text() -> None:
    article = cleaned(
        BODY,
        title="Blitar\u2028Tambah\u200e Peserta\x07",
        outlet=" Warta\nBlitar ",
        url=" https://contoh.id/berita/blitar tambah\u200b<1>\n",
    )
    assert article.title == "Blitar Tambah Peserta"
    assert article.outlet == "Warta Blitar"
    assert article.url == "https://contoh.id/berita/blitar%20tambah%3C1%3E"
    assert cleaned(BODY, title="\u200b\u200e", outlet="\u2028").title is None


@pytest.mark.parametrize("written", ["5 Aguſtus 2024", "5 Agustuſ 2024", "5 Meİ 2024", "5 AGUSTUS 2024"])
def test_a_month_name_matches_by_ascii_case_only(written: str) -> None:
    """Unicode case folding lets "ſ" match "s" and "İ" match "i"; the month table knows neither."""
    expected = "2024-08-05" if written == "5 AGUSTUS 2024" else None
    assert cleaned(f"Blitar, {written}\n{BODY}").date == expected


@pytest.mark.parametrize("given", sorted(words("name_abbreviations.txt")))
def test_an_abbreviated_given_name_ends_no_sentence(given: str) -> None:
    """ "Kepala Dinas Moch. Hasan": a title and its holder's name stay in one sentence."""
    assert [s.text for s in split_sentences(f"Kepala Dinas {given} Hasan hadir.")] == [
        f"Kepala Dinas {given} Hasan hadir."
    ]


def test_the_date_of_a_dateline_is_the_articles_date() -> None:
    article = clean(
        RawDocument(doc_id="t", source="t", text="Judul\nSERANG, Rabu (11/12/2024) - Isi berita.")
    )
    assert article.date == "2024-12-11"
