"""Award conferrals and shortlists: recipients, ranks, results, levels and categories."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.awards import AwardExtractor
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import AwardFact, OrganizationFact, RawDocument


def awards(text: str) -> list[AwardFact]:
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    return [f for f in AwardExtractor()(Document(article)) if isinstance(f, AwardFact)]


def name(fact: AwardFact) -> str:
    ref = fact.recipient
    return Gazetteer.load().get(ref.key).canonical if ref.kind == "region" else ref.key


def ranked(text: str) -> list[tuple[str, int | None]]:
    return [(name(f), f.rank) for f in awards(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Di ajang Paritrana Award 2023, Kabupaten Gresik meraih urutan pertama, diikuti oleh"
            " Kabupaten Lamongan dan Kota Surabaya.",
            [("Kabupaten Gresik", 1), ("Kabupaten Lamongan", 2), ("Kota Surabaya", 3)],
        ),
        (
            "Kota Denpasar meraih Paritrana Award 2024 sebagai terbaik pertama, disusul Kabupaten Badung.",
            [("Kota Denpasar", 1), ("Kabupaten Badung", 2)],
        ),
        (
            "Pada Paritrana Award 2022, juara 1 diraih Kota Semarang, juara 2 Kabupaten Demak,"
            " dan juara 3 Kabupaten Kendal.",
            [("Kota Semarang", 1), ("Kabupaten Demak", 2), ("Kabupaten Kendal", 3)],
        ),
        ("Kabupaten Bantul meraih peringkat III Paritrana Award 2021.", [("Kabupaten Bantul", 3)]),
        ("Peringkat pertama Paritrana Award 2024 diraih oleh Kota Pekalongan.", [("Kota Pekalongan", 1)]),
        ("Kota Batu menjadi juara kedua Paritrana Award 2023.", [("Kota Batu", 2)]),
    ],
)
def test_ordered_lists_and_places(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert ranked(text) == expected


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        (
            "Paritrana Award 2021 diterima oleh Kabupaten Klaten, Kota Surakarta, dan Kabupaten Boyolali.",
            ["Kabupaten Klaten", "Kota Surakarta", "Kabupaten Boyolali"],
        ),
        ("PT Sinar Jaya meraih Paritrana Award 2023 kategori Perusahaan Besar.", ["PT Sinar Jaya"]),
        ("Pemenang Paritrana Award 2020 untuk kategori UMKM adalah CV Sinar Abadi.", ["CV Sinar Abadi"]),
        (
            "Gubernur Jawa Barat menyerahkan Paritrana Award 2023 kepada Bupati Bandung Dadang Supriatna.",
            ["Kabupaten Bandung"],
        ),
        ("Pemprov Jawa Tengah meraih Paritrana Award 2022.", ["Provinsi Jawa Tengah"]),
    ],
)
def test_recipients_of_every_kind_and_voice(text: str, recipients: list[str]) -> None:
    assert [name(f) for f in awards(text)] == recipients


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "nominee"], ids=lambda r: r["cue"]
)
def test_every_shortlist_word_makes_a_nominee(row: dict[str, str]) -> None:
    if row["cue"].endswith("nya"):  # "finalisnya": the finalists named after it
        text = f"Untuk Paritrana Award 2025 kategori Pemerintah Kabupaten, {row['cue']} Kabupaten Kudus."
    else:
        text = f"Kabupaten Kudus masuk {row['cue']} Paritrana Award 2025."
    [fact] = awards(text)
    assert fact.result == "nominee"


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "receive"], ids=lambda r: r["cue"]
)
def test_every_receiving_verb(row: dict[str, str]) -> None:
    place = "" if " " in row["cue"] and row["cue"].split()[0] == "menjadi" else "juara pertama "
    [fact] = awards(f"Kabupaten Kudus {row['cue']} {place}Paritrana Award 2025.")
    assert name(fact) == "Kabupaten Kudus"


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "award"], ids=lambda r: r["cue"]
)
def test_every_spelling_of_the_award(row: dict[str, str]) -> None:
    [fact] = awards(f"Kota Blitar meraih {row['cue']} 2024.")
    assert (fact.award, fact.year) == (row["value"], 2024)


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "follow"], ids=lambda r: r["cue"]
)
def test_every_word_that_continues_an_order(row: dict[str, str]) -> None:
    text = f"Kota Blitar meraih juara pertama Paritrana Award 2024, {row['cue']} Kabupaten Malang."
    assert ranked(text) == [("Kota Blitar", 1), ("Kabupaten Malang", 2)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Kabupaten Sleman meraih Paritrana Award 2023 tingkat Provinsi DI Yogyakarta.", "34"),
        ("Kota Batu menjadi juara pertama Paritrana Award Jatim 2023.", "35"),
        ("Kabupaten Bantul meraih Paritrana Award 2021 tingkat nasional.", "nasional"),
    ],
)
def test_levels(text: str, level: str) -> None:
    [fact] = awards(text)
    assert fact.level == level


def test_category_as_written() -> None:
    [fact] = awards(
        "Kota Tangerang meraih peringkat kedua Paritrana Award 2019 kategori Pemerintah Kabupaten/Kota."
    )
    assert fact.category == "Pemerintah Kabupaten/Kota"


def test_the_government_category_of_the_article_for_a_region() -> None:
    found = awards(
        "Bupati Simalungun menerima Paritrana Award 2025. Selain kategori pemerintah kabupaten/kota,"
        " penghargaan juga diberikan pada kategori perusahaan."
    )
    assert [(name(f), f.category) for f in found] == [("Kabupaten Simalungun", "pemerintah kabupaten/kota")]


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "past"], ids=lambda r: r["cue"]
)
def test_a_past_other_award_is_no_fact(row: dict[str, str]) -> None:
    text = f"Kota Madiun meraih Paritrana Award 2024. Kabupaten Ngawi {row['cue']} Paritrana Award 2024."
    assert [name(f) for f in awards(text)] == ["Kota Madiun"]


def rounds(text: str) -> list[tuple[str, int, str, int | None, str | None]]:
    level = {"nasional": "nasional"}
    return [
        (name(f), f.year, f.result, f.rank, level.get(f.level or "") or _canonical(f.level))
        for f in awards(text)
    ]


def _canonical(code: str | None) -> str | None:
    return Gazetteer.load().get(code).canonical if code else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kabupaten Lumajang yang menjadi juara 1 tingkat provinsi pada Paritrana Award 2022 kini masuk"
            " finalis tingkat nasional Paritrana Award 2023.",
            [
                ("Kabupaten Lumajang", 2022, "winner", 1, "Provinsi Jawa Timur"),
                ("Kabupaten Lumajang", 2023, "nominee", None, "nasional"),
            ],
        ),
        (
            "Kota Ternate masuk finalis Paritrana Award 2024 tingkat nasional, setelah sebelumnya meraih"
            " peringkat pertama Paritrana Award 2023 tingkat Provinsi Maluku Utara.",
            [
                ("Kota Ternate", 2024, "nominee", None, "nasional"),
                ("Kota Ternate", 2023, "winner", 1, "Provinsi Maluku Utara"),
            ],
        ),
    ],
)
def test_two_rounds_in_one_sentence(text: str, expected: list[tuple[object, ...]]) -> None:
    assert rounds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # editions joined by "dan", the round written after the last: one place each
            "Kabupaten Sambas meraih juara I Paritrana Award 2022 dan Paritrana Award 2023 tingkat Provinsi"
            " Kalimantan Barat.",
            [
                ("Kabupaten Sambas", 2022, "winner", 1, "Provinsi Kalimantan Barat"),
                ("Kabupaten Sambas", 2023, "winner", 1, "Provinsi Kalimantan Barat"),
            ],
        ),
        (  # the round the win leads on to is not the round it was won in
            "Kota Jambi meraih terbaik pertama Paritrana Award 2024 tingkat Provinsi Jambi, yang"
            " mengantarkannya ke penilaian tingkat nasional.",
            [("Kota Jambi", 2024, "winner", 1, "Provinsi Jambi")],
        ),
        (  # last year's result in passing is no fact of this edition ...
            "Kabupaten Bantaeng meraih Paritrana Award 2024 tingkat Provinsi Sulawesi Selatan. Kota Parepare,"
            " yang tahun lalu menjadi juara, kali ini masuk nominasi.",
            [
                ("Kabupaten Bantaeng", 2024, "winner", None, "Provinsi Sulawesi Selatan"),
                ("Kota Parepare", 2024, "nominee", None, "Provinsi Sulawesi Selatan"),
            ],
        ),
        (  # ... but one that names its own edition is
            "Kabupaten Bantaeng meraih Paritrana Award 2024 tingkat Provinsi Sulawesi Selatan. Provinsi"
            " Sulawesi Selatan tahun lalu masuk nominasi Paritrana Award 2023 tingkat nasional.",
            [
                ("Kabupaten Bantaeng", 2024, "winner", None, "Provinsi Sulawesi Selatan"),
                ("Provinsi Sulawesi Selatan", 2023, "nominee", None, "nasional"),
            ],
        ),
    ],
)
def test_editions_rounds_and_past_results_as_the_sentence_places_them(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert rounds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kota Palopo terpilih sebagai terbaik pertama Paritrana Award 2024 tingkat Provinsi Sulawesi"
            " Selatan, sedangkan Kabupaten Luwu Timur menempati urutan kedua dan Kabupaten Bone"
            " urutan ketiga.",
            [("Kota Palopo", 1), ("Kabupaten Luwu Timur", 2), ("Kabupaten Bone", 3)],
        ),
        (
            "Pada Paritrana Award 2025 tingkat Provinsi Aceh, Kota Langsa meraih juara I. Posisi berikutnya"
            " ditempati Kabupaten Bireuen sebagai juara II.",
            [("Kota Langsa", 1), ("Kabupaten Bireuen", 2)],
        ),
    ],
)
def test_places_written_after_their_holders(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert ranked(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dalam Paritrana Award 2024, Kabupaten Klaten dan Kota Surakarta sama-sama masuk tiga besar.",
            ["Kabupaten Klaten", "Kota Surakarta"],
        ),
        ("Paritrana Award 2024: Kabupaten Wonogiri belum masuk tiga besar tahun ini.", []),
        (
            "Kota Bitung di Sulawesi Utara meraih juara I Paritrana Award 2023 tingkat provinsi.",
            ["Kota Bitung"],
        ),
    ],
)
def test_joined_negated_and_located_subjects(text: str, expected: list[str]) -> None:
    assert [name(f) for f in awards(text)] == expected


def test_an_unnamed_provincial_round_is_the_recipients_own() -> None:
    facts = awards("Kota Bitung di Sulawesi Utara meraih juara I Paritrana Award 2023 tingkat provinsi.")
    assert [_canonical(f.level) for f in facts] == ["Provinsi Sulawesi Utara"]


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "hope"], ids=lambda r: r["cue"]
)
def test_a_hope_or_target_is_no_award(row: dict[str, str]) -> None:
    text = (
        f"Kota Madiun meraih Paritrana Award 2024. Kabupaten Ngawi {row['cue']} meraih Paritrana Award 2025."
    )
    assert [name(f) for f in awards(text)] == ["Kota Madiun"]


def test_kepada_that_names_no_recipient_gives_no_award() -> None:
    text = (
        "Dengan kebijakan yang berpihak kepada pekerja sektor informal di semua kecamatan, Kota Bima"
        " bersiap mengikuti Paritrana Award 2025."
    )
    assert awards(text) == []


def facts_of(text: str) -> list[tuple[object, ...]]:
    """(recipient, year, rank, level, category, rule) of each fact, levels by canonical name."""
    level = {"nasional": "nasional"}
    return [
        (name(f), f.year, f.rank, level.get(f.level or "") or _canonical(f.level), f.category, f.rule)
        for f in awards(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a village as written, with its place and category
            "Pada Paritrana Award 2024 tingkat Provinsi Jawa Tengah, Desa Sidomulyo meraih peringkat pertama"
            " kategori Pemerintah Desa.",
            [("Desa Sidomulyo", 2024, 1, "Provinsi Jawa Tengah", "Pemerintah Desa", "award.frame.ranked")],
        ),
        (  # several editions in one phrase: one conferral each
            "Kabupaten Kudus meraih Paritrana Award 2019, 2020 dan 2021.",
            [
                ("Kabupaten Kudus", 2019, None, None, None, "award.subject-verb"),
                ("Kabupaten Kudus", 2020, None, None, None, "award.subject-verb"),
                ("Kabupaten Kudus", 2021, None, None, None, "award.subject-verb"),
            ],
        ),
        (  # a verbless line continues the open frame
            "Pemenang Paritrana Award 2024 tingkat nasional diumumkan di Jakarta.\n"
            "Kategori Badan Usaha: PT Sinar Abadi; PT Karya Mandiri.",
            [
                ("PT Sinar Abadi", 2024, None, "nasional", "Badan Usaha", "award.frame.list"),
                ("PT Karya Mandiri", 2024, None, "nasional", "Badan Usaha", "award.frame.list"),
            ],
        ),
        (  # one item a line after a colon
            "Paritrana Award 2023 tingkat Provinsi Bali diberikan kepada:\n- Kabupaten Badung\n"
            "- Kota Denpasar\n"
            "Acara berlangsung meriah.",
            [
                ("Kabupaten Badung", 2023, None, "Provinsi Bali", None, "award.frame.list"),
                ("Kota Denpasar", 2023, None, "Provinsi Bali", None, "award.frame.list"),
            ],
        ),
        (  # places a line, a recipient known only by its capitalised name
            "Pemenang Paritrana Award 2025 tingkat Provinsi Riau.\nJuara 1: Kota Dumai\n"
            "Juara 2: Toko Roti Sari",
            [
                ("Kota Dumai", 2025, 1, "Provinsi Riau", None, "award.frame.ranked"),
                ("Toko Roti Sari", 2025, 2, "Provinsi Riau", None, "award.frame.ranked"),
            ],
        ),
        (  # a place in brackets after its holder
            "Kabupaten Sigi meraih juara I Paritrana Award 2024, mengungguli Kota Palu (Juara II).",
            [
                ("Kabupaten Sigi", 2024, 1, None, None, "award.frame.ranked"),
                ("Kota Palu", 2024, 2, None, None, "award.frame.ranked"),
            ],
        ),
        (  # an Instruksi Presiden elsewhere does not make the round national
            "Kota Palu meraih Paritrana Award 2023 tingkat Provinsi Sulawesi Tengah. Program ini mengikuti"
            " Instruksi Presiden Nomor 2 Tahun 2021.",
            [("Kota Palu", 2023, None, "Provinsi Sulawesi Tengah", None, "award.subject-verb")],
        ),
        (  # who handed it over names the round
            "Kota Palu meraih Paritrana Award 2023. Penghargaan diserahkan Wakil Presiden di Jakarta.",
            [("Kota Palu", 2023, None, "nasional", None, "award.subject-verb")],
        ),
        (
            "Kota Palu meraih Paritrana Award 2023. Penyerahan dilakukan oleh Gubernur Sulteng di Palu.",
            [("Kota Palu", 2023, None, "Provinsi Sulawesi Tengah", None, "award.subject-verb")],
        ),
        (  # a category counts in its passage: the company is in no government category
            "Kota Palu meraih Paritrana Award 2023 kategori pemerintah kabupaten/kota. PT Sinar Abadi juga"
            " meraih Paritrana Award 2023.",
            [
                ("Kota Palu", 2023, None, None, "pemerintah kabupaten/kota", "award.subject-verb"),
                ("PT Sinar Abadi", 2023, None, None, None, "award.subject-verb"),
            ],
        ),
        (  # "tingkat provinsi" unnamed: the province its recipients lie in
            "Pemenang Paritrana Award 2023 untuk tingkat Provinsi diserahkan kepada Kota Palu dan"
            " Kopi Lembah Hijau.",
            [
                ("Kota Palu", 2023, None, "Provinsi Sulawesi Tengah", None, "award.frame.list"),
                ("Kopi Lembah Hijau", 2023, None, "Provinsi Sulawesi Tengah", None, "award.frame.list"),
            ],
        ),
        (  # the next category of the same edition, without the award's name
            "Kota Palu meraih Paritrana Award 2023 untuk kategori pemerintah kabupaten/kota. Sementara,"
            " untuk perusahaan besar, diraih PT Sinar Abadi.",
            [
                ("Kota Palu", 2023, None, None, "pemerintah kabupaten/kota", "award.subject-verb"),
                ("PT Sinar Abadi", 2023, None, None, "perusahaan besar", "award.frame.list"),
            ],
        ),
    ],
)
def test_frames(text: str, expected: list[tuple[object, ...]]) -> None:
    assert facts_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "BPJS Ketenagakerjaan menyerahkan penghargaan Paritrana kepada Kabupaten Sigi.",  # no edition year
        "Wali Kota Palu mengucapkan terima kasih atas Paritrana Award 2024.",
        "Kabupaten Sigi meraih peringkat kelima Indeks Pembangunan Desa.",
    ],
)
def test_what_no_frame_ties_is_left_out(text: str) -> None:
    assert awards(text) == []


def test_another_named_award_with_its_year() -> None:
    [fact] = awards("Kabupaten Sigi meraih Jamsos Prima Award 2024.")
    assert (fact.award, fact.year, name(fact)) == ("Jamsos Prima Award", 2024, "Kabupaten Sigi")


@pytest.mark.parametrize(
    ("text", "recipient", "category"),
    [
        # a passive verb before the recipient
        (
            "Paritrana Award 2020 untuk kategori Pemerintah Provinsi dimenangkan oleh Provinsi Bengkulu.",
            "Provinsi Bengkulu",
            "Pemerintah Provinsi",
        ),
        ("Kategori UMKM pada Paritrana Award 2022 dijuarai CV Sinar Jaya.", "CV Sinar Jaya", "UMKM"),
        # a round after the category is no part of it
        (
            "Kota Palu meraih Paritrana Award 2023 kategori Pemerintah Kabupaten/Kota tingkat nasional.",
            "Kota Palu",
            "Pemerintah Kabupaten/Kota",
        ),
        # a hospital named after a person
        (
            "RSUD Dr. Moewardi meraih Paritrana Award 2021 kategori usaha besar.",
            "RSUD Dr. Moewardi",
            "usaha besar",
        ),
    ],
)
def test_passives_categories_and_named_bodies(text: str, recipient: str, category: str | None) -> None:
    [fact] = awards(text)
    assert (name(fact), fact.category) == (recipient, category)


def test_the_dateline_is_where_the_news_was_filed_not_who_won() -> None:
    text = (
        "Judul\n\nMEDAN - Ada dua daerah yang masuk nominasi Paritrana Award 2022, yakni Kota Binjai"
        " dan Kabupaten Karo."
    )
    assert sorted(name(f) for f in awards(text)) == ["Kabupaten Karo", "Kota Binjai"]


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # co-recipients after "bersama", when a receiving verb had a subject
        (
            "Kabupaten Blora masuk nominasi Paritrana Award 2024 bersama Kota Salatiga dan Kabupaten Pati.",
            ["Kabupaten Blora", "Kabupaten Pati", "Kota Salatiga"],
        ),
        # the recipients placed above a subject that received: "peringkat ketiga setelah A dan B"
        (
            "Provinsi Gorontalo meraih Paritrana Award 2022 peringkat ketiga, setelah Provinsi Bali dan"
            " Provinsi Jambi.",
            ["Provinsi Bali", "Provinsi Gorontalo", "Provinsi Jambi"],
        ),
        ("Kota Ambon meraih Paritrana Award 2023 di bawah Kota Tual.", ["Kota Ambon", "Kota Tual"]),
        # a comma left out between two cities of a list that goes on
        (
            "Paritrana Award 2018 diraih Kota Bitung Tanjung Pinang, dan Makassar.",
            ["Kota Bitung", "Kota Makassar", "Kota Tanjung Pinang"],
        ),
        # a province after a city is where the city lies
        ("Kota Bitung Sulawesi Utara meraih Paritrana Award 2019.", ["Kota Bitung"]),
        # "setelah" before an event is a time, not a ranking
        ("Kota Ambon meraih Paritrana Award 2023 setelah Wali Kota Ambon meneken perwali.", ["Kota Ambon"]),
        # "bersama" without a receiving subject names co-organisers, not recipients
        ("Paritrana Award 2023 digelar Kemenko PMK bersama Kabupaten Pati.", []),
        # a list set off by commas before the verb, companies whose name begins with a head
        (
            "Dua perusahaan, yakni PT Sumber Makmur dan PT Bank Jatim, meraih Paritrana Award 2022.",
            ["PT Bank Jatim", "PT Sumber Makmur"],
        ),
    ],
)
def test_co_recipients_and_apposed_subjects(text: str, recipients: list[str]) -> None:
    assert sorted(name(f) for f in awards(text)) == recipients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a government category that names a level fits only recipients of that level: the headline's
        # province takes the provincial category read later, not the regencies' named after it
        (
            "Jateng dan Banyuwangi Raih Paritrana Award 2022\n\nProvinsi Jawa Tengah meraih Paritrana Award"
            " 2022 kategori Pemerintah Provinsi. Untuk kategori Pemerintah Kabupaten, diraih Kabupaten"
            " Banyuwangi.",
            [
                ("Provinsi Jawa Tengah", "Pemerintah Provinsi"),
                ("Kabupaten Banyuwangi", "Pemerintah Kabupaten"),
            ],
        ),
        # a category in brackets after its recipient, without the closing bracket
        (
            "Penerima Paritrana Award 2023:\n- Kota Kupang (kategori Pemerintah Kabupaten/Kota)",
            [("Kota Kupang", "Pemerintah Kabupaten/Kota")],
        ),
    ],
)
def test_a_category_fits_the_level_it_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((name(f), f.category) for f in awards(text)) == sorted(expected)


def test_a_day_after_the_last_recipient_is_no_recipient() -> None:
    text = "Gubernur menyerahkan Paritrana Award 2024 kepada Kota Palu, Kamis (20/2/2025)."
    assert [name(f) for f in awards(text)] == ["Kota Palu"]


def test_another_award_named_after_anugerah() -> None:
    facts = awards(
        "BPJS Ketenagakerjaan menyerahkan Anugerah Jamsostek Bumi Cenderawasih 2025. Kategori Pemerintah"
        " Daerah diraih Kota Jayapura, Kamis (15/5/2025)."
    )
    assert [(f.award, f.year, name(f)) for f in facts] == [
        ("Anugerah Jamsostek Bumi Cenderawasih", 2025, "Kota Jayapura")
    ]


def test_a_category_keeps_a_lowercase_part_joined_by_dan() -> None:
    [fact] = awards("CV Mitra Usaha meraih Paritrana Award 2023 kategori usaha kecil dan mikro.")
    assert fact.category == "usaha kecil dan mikro"


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        ("Pemerintah Kabupaten Agam menerima anugerah Paritrana Award edisi 2022.", ["Kabupaten Agam"]),
        ("Pemkab Agam sukses meraih Paritrana Award (2021) dari BPJS Ketenagakerjaan.", ["Kabupaten Agam"]),
        ("Kota Padang Panjang menjadi salah satu penerima Paritrana Award 2024.", ["Kota Padang Panjang"]),
        ("Kini Pemkab Solok Selatan diganjar Paritrana Award 2024.", ["Kabupaten Solok Selatan"]),
        (
            "Penghargaan Paritrana Award 2021 untuk Kabupaten Pasaman Barat diserahkan Wakil Presiden.",
            ["Kabupaten Pasaman Barat"],
        ),
        # the province a count of winners lies in is no winner
        (
            "Dua daerah di Sumbar meraih Paritrana Award 2022, yaitu Kabupaten Agam dan Kota Payakumbuh.",
            ["Kabupaten Agam", "Kota Payakumbuh"],
        ),
    ],
)
def test_more_ways_to_name_an_edition_and_its_recipients(text: str, recipients: list[str]) -> None:
    assert sorted(name(f) for f in awards(text)) == recipients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a palace ceremony is the national round
        (
            "Paritrana Award 2020 diserahkan di Istana Wakil Presiden kepada Kabupaten Kendal.",
            [("Kabupaten Kendal", 2020, None, "nasional", None, "award.frame.list")],
        ),
        # a village, then the places that locate it: the village is the recipient
        (
            "Desa Sumberejo, Kecamatan Batu, Kabupaten Malang, meraih Paritrana Award 2023.",
            [("Desa Sumberejo", 2023, None, None, None, "award.subject-verb")],
        ),
        # "asal" locates a count of companies, it names no recipient
        (
            "Dua perusahaan asal Jambi menjadi finalis Paritrana Award 2024 kategori Perusahaan Besar, yakni"
            " PT Sinar Harapan dan PT Batanghari Jaya.",
            [
                ("PT Sinar Harapan", 2024, None, None, "Perusahaan Besar", "award.frame.list"),
                ("PT Batanghari Jaya", 2024, None, None, "Perusahaan Besar", "award.frame.list"),
            ],
        ),
        # a company named in English keeps its "and"
        (
            "PT Kalimantan Pulp and Paper meraih Paritrana Award 2022.",
            [("PT Kalimantan Pulp and Paper", 2022, None, None, None, "award.subject-verb")],
        ),
        # a category for companies: a name no lexicon knows still receives it
        (
            "Pada Paritrana Award 2023, kategori Usaha Mikro dan Kecil diraih Tenun Ikat Sumba.",
            [("Tenun Ikat Sumba", 2023, None, None, "Usaha Mikro dan Kecil", "award.frame.list")],
        ),
        # a category that says nothing of who competes fits a region too
        (
            "Kabupaten Paser meraih UHC Award 2024 kategori Madya.",
            [("Kabupaten Paser", 2024, None, None, "Madya", "award.subject-verb")],
        ),
    ],
)
def test_rounds_locations_and_names_of_recipients(text: str, expected: list[tuple[object, ...]]) -> None:
    assert facts_of(text) == expected


def test_an_award_named_after_penghargaan_and_its_later_recipients() -> None:
    text = (
        "Desa Wonosari meraih penghargaan Desa Peduli Pekerja Rentan 2024 dari BPJS Ketenagakerjaan."
        " Penghargaan yang sama juga diterima Desa Kaliwungu."
    )
    assert sorted((f.award, f.year, name(f)) for f in awards(text)) == [
        ("Desa Peduli Pekerja Rentan", 2024, "Desa Kaliwungu"),
        ("Desa Peduli Pekerja Rentan", 2024, "Desa Wonosari"),
    ]


def test_a_list_line_ends_with_its_line() -> None:
    text = (
        "Pemenang Paritrana Award 2022 tingkat Provinsi Bali:\n- Juara 1: UD Karya Dewata\n"
        "Para pemenang diumumkan."
    )
    assert [(name(f), f.rank) for f in awards(text)] == [("UD Karya Dewata", 1)]


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        # an edition's ordinal between the name and the year
        ("Kabupaten Fakfak meraih Paritrana Award ke-6 tahun 2023.", ["Kabupaten Fakfak"]),
        # "masing-masing" that introduces the recipients a count announced
        (
            "Dua daerah meraih Paritrana Award 2023, masing-masing Kabupaten Fakfak dan Kota Sorong.",
            ["Kabupaten Fakfak", "Kota Sorong"],
        ),
    ],
)
def test_an_edition_ordinal_and_a_list_after_masing_masing(text: str, recipients: list[str]) -> None:
    assert sorted(name(f) for f in awards(text)) == recipients


def test_a_table_header_is_no_category_and_names_the_columns() -> None:
    text = (
        "Pemenang Paritrana Award 2023 tingkat Provinsi Papua Barat:\n"
        "| Kategori | Peringkat | Penerima |\n| Pemerintah Kabupaten | Terbaik I | Kabupaten Fakfak |"
    )
    assert [(name(f), f.rank, f.category) for f in awards(text)] == [
        ("Kabupaten Fakfak", 1, "Pemerintah Kabupaten")
    ]


def test_rows_of_a_flattened_table_by_its_header() -> None:
    text = (
        "Hasil Paritrana Award 2024 tingkat Provinsi Jambi:\nNo | Kategori | Peringkat | Penerima\n"
        "1 | Usaha Menengah | Juara I | Hotel Ratu Jambi\n"
        "2 | Usaha Mikro | Nominasi | Kopi Kerinci Bang Udin\n"
        "\nPenyerahan dilakukan di Jambi."
    )
    assert [(name(f), f.rank, f.result, f.category) for f in awards(text)] == [
        ("Hotel Ratu Jambi", 1, "winner", "Usaha Menengah"),
        ("Kopi Kerinci Bang Udin", None, "nominee", "Usaha Mikro"),
    ]


def test_a_caption_label_before_a_colon_lists_no_recipients() -> None:
    text = (
        "Kabupaten Bantul meraih Paritrana Award 2023.\nKeterangan foto: Sekda DIY Budi Santosa berfoto"
        " bersama penerima penghargaan."
    )
    assert [name(f) for f in awards(text)] == ["Kabupaten Bantul"]


def test_an_assessment_visit_gives_no_result_but_its_round_counts() -> None:
    text = (
        "Tim penilai Paritrana Award 2024 tingkat nasional melakukan verifikasi lapangan ke Kabupaten"
        " Sumbawa Barat dan Kabupaten Dompu. Kabupaten Sumbawa Barat masuk tiga besar."
    )
    assert [(name(f), f.result, f.level) for f in awards(text)] == [
        ("Kabupaten Sumbawa Barat", "nominee", "nasional")
    ]


@pytest.mark.parametrize(
    "row", [r for r in rows("award_cues.csv") if r["kind"] == "passive"], ids=lambda r: r["cue"]
)
def test_every_passive_phrase_before_the_recipient(row: dict[str, str]) -> None:
    [fact] = awards(f"Paritrana Award 2025 kategori Badan Usaha Besar {row['cue']} PT Maju Jaya.")
    assert (name(fact), fact.category) == ("PT Maju Jaya", "Badan Usaha Besar")


def test_the_holder_named_after_a_recipients_head_is_no_recipient() -> None:
    text = (
        "Paritrana Award 2022 diserahkan Wakil Presiden kepada Bupati Berau, Hj. Sri Juniarsih, di Jakarta."
    )
    assert [name(f) for f in awards(text)] == ["Kabupaten Berau"]


def test_this_years_award_after_a_past_edition_is_the_articles_edition() -> None:
    text = (
        "Kabupaten Solok meraih Paritrana Award 2024 tingkat nasional. Pada Paritrana Award 2020, Kabupaten"
        " Solok meraih peringkat ketiga. Penghargaan tahun ini juga diraih Kabupaten Agam."
    )
    assert sorted((name(f), f.year) for f in awards(text)) == [
        ("Kabupaten Agam", 2024),
        ("Kabupaten Solok", 2020),
        ("Kabupaten Solok", 2024),
    ]


def test_a_headline_that_says_a_region_did_not_win() -> None:
    assert awards("Kabupaten Solok Tak Masuk Daftar Penerima Paritrana Award 2024") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the province after a village's kabupaten locates it too, and holds no place
        (
            "Pada Paritrana Award 2024, Desa Kutuh di Kabupaten Badung, Bali, tampil sebagai peringkat"
            " pertama.",
            [("Desa Kutuh", 1)],
        ),
        # two villages, each located, then their two places in order
        (
            "Pada Paritrana Award 2024, Desa Sesaot dari Lombok Barat, NTB, dan Desa Ngadas di Kabupaten"
            " Malang, Jawa Timur, berada di peringkat kedua dan ketiga.",
            [("Desa Sesaot", 2), ("Desa Ngadas", 3)],
        ),
    ],
)
def test_places_of_located_villages(text: str, expected: list[tuple[str, int]]) -> None:
    assert ranked(text) == expected


def test_a_business_no_lexicon_knows_is_an_organisation_once_it_wins() -> None:
    article = clean(
        RawDocument(
            doc_id="t",
            source="test",
            text="Pemenang Paritrana Award 2024 tingkat Provinsi Riau.\nJuara 1: Lempuk Durian Mak Ijah\n"
            "Juara 2: Desa Sungai Itik",
        )
    )
    facts = AwardExtractor()(Document(article))
    assert [f.name for f in facts if isinstance(f, OrganizationFact)] == ["Lempuk Durian Mak Ijah"]


def test_an_inline_numbered_list_of_recipients() -> None:
    text = "Pemenang Paritrana Award 2021 kategori pemerintah provinsi yakni 1. Jawa Tengah, 2. Jambi."
    assert [name(f) for f in awards(text)] == ["Provinsi Jawa Tengah", "Provinsi Jambi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a counted group receives the award; the next sentence names its members
        (
            "Empat pelaku usaha di Kota Kupang meraih Paritrana Award 2023. Mereka yakni Kopi Lokal Nekamese,"
            " Tenun Ina Ndao, dan Se'i Babi Om Ba'i.",
            [
                ("Kopi Lokal Nekamese", "winner"),
                ("Tenun Ina Ndao", "winner"),
                ("Se'i Babi Om Ba'i", "winner"),
            ],
        ),
        (
            "Tiga kabupaten di Jambi masuk nominasi Paritrana Award 2024. Ketiganya adalah Kabupaten Bungo,"
            " Kabupaten Tebo dan Kabupaten Merangin.",
            [
                ("Kabupaten Bungo", "nominee"),
                ("Kabupaten Tebo", "nominee"),
                ("Kabupaten Merangin", "nominee"),
            ],
        ),
        # the same group and its list in one sentence
        (
            "Paritrana Award 2022 diberikan kepada dua pelaku usaha, yaitu Dodol Garut Cap Kelinci dan"
            " Batik Tulis Ciwaringin.",
            [("Dodol Garut Cap Kelinci", "winner"), ("Batik Tulis Ciwaringin", "winner")],
        ),
        # a sentence that names no group gives the next one no recipients
        (
            "Kabupaten Sigi meraih Paritrana Award 2023. Mereka yakni orang-orang hebat.",
            [("Kabupaten Sigi", "winner")],
        ),
    ],
)
def test_a_counted_group_and_the_list_that_names_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(name(f), f.result) for f in awards(text)] == expected


def test_a_listed_business_keeps_its_place_when_named_again() -> None:
    text = (
        "Sejumlah perusahaan meraih Paritrana Award 2021 tingkat Provinsi Bengkulu, yakni Lempuk Raflesia"
        " dan Kopi Kepahiang Jaya. Lempuk Raflesia meraih peringkat pertama kategori usaha kecil."
    )
    assert ranked(text) == [("Lempuk Raflesia", 1), ("Kopi Kepahiang Jaya", None)]


def test_a_list_line_under_a_heading_for_companies_may_name_any_business() -> None:
    text = (
        "Daftar pemenang Paritrana Award 2024 tingkat Provinsi Kalimantan Barat:\nKategori Usaha Mikro\n"
        "1. Kerupuk Basah Kapuas\n2. Toko Kue Bingke Rasa\n"
    )
    assert [name(f) for f in awards(text)] == ["Kerupuk Basah Kapuas", "Toko Kue Bingke Rasa"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place with a holder right after it is this ranking, not another
        (
            "Pada Paritrana Award 2022, juara pertama diraih PT Sawit Riau Makmur, juara kedua PT Lancang"
            " Kuning Sejahtera.",
            [("PT Sawit Riau Makmur", 1), ("PT Lancang Kuning Sejahtera", 2)],
        ),
        # a village located by its kecamatan and kabupaten holds its place itself
        (
            "Desa Wates, Kecamatan Kaliori, Kabupaten Rembang, menjadi juara pertama Paritrana Award 2023"
            " kategori desa.",
            [("Desa Wates", 1)],
        ),
    ],
)
def test_places_read_past_the_next_holder_and_a_village_s_districts(
    text: str, expected: list[tuple[str, int]]
) -> None:
    assert ranked(text) == expected


def test_a_company_s_name_ends_before_and_a_word_for_another_business() -> None:
    text = "Paritrana Award 2023 kategori usaha besar diraih PT Sinar Kendari Jaya dan Hotel Plaza Kendari."
    assert [name(f) for f in awards(text)] == ["PT Sinar Kendari Jaya", "Hotel Plaza Kendari"]


def test_a_province_handing_over_its_round_names_an_unnamed_provincial_level() -> None:
    text = (
        "Pemerintah Provinsi Nusa Tenggara Barat bersama BPJS Ketenagakerjaan menyerahkan Paritrana Award"
        " 2024 tingkat provinsi kepada PT Mataram Tunggal Garmindo."
    )
    assert facts_of(text) == [
        ("PT Mataram Tunggal Garmindo", 2024, None, "Provinsi Nusa Tenggara Barat", None, "award.frame.list")
    ]


def test_a_similar_award_in_the_same_report_is_this_edition() -> None:
    text = (
        "Kota Tidore Kepulauan meraih Paritrana Award 2022. Selain itu, RSUD Chasan Boesoirie juga mendapat"
        " penghargaan serupa untuk kategori badan usaha."
    )
    assert [(name(f), f.year) for f in awards(text)] == [
        ("Kota Tidore Kepulauan", 2022),
        ("RSUD Chasan Boesoirie", 2022),
    ]


def test_numbered_winners_under_a_category_heading_hold_their_places() -> None:
    text = (
        "Penerima Paritrana Award 2024 tingkat Provinsi Jambi:\n\nKategori Usaha Besar\n1. PT Batanghari"
        " Sawit Lestari\n2. PT Kerinci Teh Makmur\n\nKategori Desa\n1. Desa Pematang Lumut\n"
    )
    assert ranked(text) == [
        ("PT Batanghari Sawit Lestari", 1),
        ("PT Kerinci Teh Makmur", 2),
        ("Desa Pematang Lumut", 1),
    ]


def test_numbered_nominees_hold_no_place() -> None:
    text = "Nominasi Paritrana Award 2024 kategori Usaha Besar:\n1. PT Batanghari Sawit\n2. PT Kerinci Teh\n"
    assert [(name(f), f.rank, f.result) for f in awards(text)] == [
        ("PT Batanghari Sawit", None, "nominee"),
        ("PT Kerinci Teh", None, "nominee"),
    ]


def test_an_earlier_edition_named_in_passing_holds_to_the_end_of_its_paragraph() -> None:
    text = (
        "Kota Jambi meraih Paritrana Award 2024 tingkat Provinsi Jambi. Kota Jambi tahun lalu juga"
        " meraih peringkat pertama pada Paritrana Award 2023.\n\nKategori Usaha Besar dimenangkan"
        " PT Jambi Agro Lestari."
    )
    assert sorted((name(f), f.year) for f in awards(text)) == [
        ("Kota Jambi", 2023),
        ("Kota Jambi", 2024),
        ("PT Jambi Agro Lestari", 2024),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a business set off by commas after the words for it
        (
            "Usaha kerajinan rotan di Kabupaten Cirebon, Rotan Jaya Abadi, masuk nominasi Paritrana"
            " Award 2024 kategori Usaha Kecil.",
            ["Rotan Jaya Abadi"],
        ),
        # the place of a counted group in a headline is not the recipient
        ("Tiga UMKM Kuliner Pontianak Sabet Paritrana Award 2024", []),
        # one business is no group to be named next
        (
            "Salah satu usaha di Tahuna, CV Bahari Sangihe, turut menerima Paritrana Award 2022.",
            ["CV Bahari Sangihe"],
        ),
        # a village word inside a business's name
        ("Kategori Usaha Mikro Paritrana Award 2023 diraih Kopi Dusun Lembah.", ["Kopi Dusun Lembah"]),
    ],
)
def test_businesses_apposed_and_counted_groups_placed(text: str, expected: list[str]) -> None:
    assert [name(f) for f in awards(text)] == expected


def test_an_award_never_named_with_a_year_takes_the_year_of_the_article() -> None:
    text = (
        "AMBON - Pemprov Maluku menyerahkan Paritrana Award tingkat Provinsi Maluku, Kamis (14/9/2023)."
        " Untuk kategori pemerintah kabupaten/kota, juara pertama diraih Kota Ambon. Pada 2021 dan 2022,"
        " Kabupaten Buru juga meraih Paritrana Award."
    )
    assert [(name(f), f.year, f.rank, f.rule) for f in awards(text)] == [
        ("Kota Ambon", 2023, 1, "award.undated")
    ]


def test_the_word_tahun_before_the_year_is_no_part_of_an_awards_name() -> None:
    text = "Kabupaten Bangka Tengah meraih Anugerah Jamsostek Serumpun Sebalai Tahun 2024."
    assert [(f.award, f.year) for f in awards(text)] == [("Anugerah Jamsostek Serumpun Sebalai", 2024)]


def test_an_edition_named_in_a_comparison_is_a_past_result_and_no_frame() -> None:
    text = (
        "Penyerahan Paritrana Award 2024 tingkat Provinsi Jambi digelar di Jambi. Kabupaten Bungo kembali"
        " meraih peringkat pertama, sebagaimana pada Paritrana Award 2023. Peringkat kedua diraih Kota Jambi."
    )
    assert sorted((name(f), f.year, f.rank) for f in awards(text)) == [
        ("Kabupaten Bungo", 2023, 1),
        ("Kabupaten Bungo", 2024, 1),
        ("Kota Jambi", 2024, 2),
    ]


def test_items_listed_each_with_its_own_category() -> None:
    text = (
        "Pada Paritrana Award 2024 tingkat Provinsi Bali, penghargaan diberikan di antaranya kepada Hotel"
        " Segara Kuta untuk kategori Perusahaan Besar, SMK Negeri 3 Singaraja untuk kategori Perusahaan"
        " Menengah, serta usaha Tenun Ikat Ni Luh untuk kategori Usaha Kecil."
    )
    assert [(name(f), f.category) for f in awards(text)] == [
        ("Hotel Segara Kuta", "Perusahaan Besar"),
        ("SMK Negeri 3 Singaraja", "Perusahaan Menengah"),
        ("Tenun Ikat Ni Luh", "Usaha Kecil"),
    ]


def test_a_lowercase_word_for_the_winner_before_its_name() -> None:
    text = "Kategori Usaha Mikro Paritrana Award 2024 dimenangkan usaha rumahan Dodol Betawi Mpok Ani."
    assert [name(f) for f in awards(text)] == ["Dodol Betawi Mpok Ani"]


def test_a_regency_after_a_village_is_where_the_village_lies() -> None:
    text = (
        "Predikat terbaik kategori Desa Paritrana Award 2024 diraih Desa Sukaramai, Kabupaten Deli Serdang."
    )
    assert [name(f) for f in awards(text)] == ["Desa Sukaramai"]


def test_kabupaten_itu_is_the_regency_named_before() -> None:
    text = (
        "Kabupaten Asahan meraih Paritrana Award 2024. Pada Paritrana Award 2023, kabupaten itu masih"
        " harus puas di posisi kedua."
    )
    assert sorted((name(f), f.year, f.rank) for f in awards(text)) == [
        ("Kabupaten Asahan", 2023, 2),
        ("Kabupaten Asahan", 2024, None),
    ]


def test_finalists_named_before_a_negated_verb_are_nominees() -> None:
    text = (
        "Peringkat pertama Paritrana Award 2024 diraih Kabupaten Badung. Dua finalis lainnya, Kabupaten"
        " Buleleng dan Kabupaten Jembrana, belum berhasil meraih penghargaan tahun ini."
    )
    assert [(name(f), f.result) for f in awards(text)] == [
        ("Kabupaten Badung", "winner"),
        ("Kabupaten Buleleng", "nominee"),
        ("Kabupaten Jembrana", "nominee"),
    ]


def test_a_region_that_did_not_make_the_shortlist_is_no_nominee() -> None:
    assert awards("Pada Paritrana Award 2024, Kabupaten Buleleng belum masuk tiga besar.") == []


def test_an_undated_edition_handed_over_in_the_first_half_of_a_year_is_the_year_befores() -> None:
    text = (
        "KENDARI - Paritrana Award tingkat Provinsi Sulawesi Tenggara diserahkan Gubernur, Selasa"
        " (15/4/2025). Juara pertama diraih Kabupaten Konawe."
    )
    assert [(name(f), f.year, f.rule) for f in awards(text)] == [("Kabupaten Konawe", 2024, "award.undated")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading with "Kategori", its places on its own line after the colon
        (
            "Pemenang Paritrana Award 2024 tingkat Provinsi Bengkulu sebagai berikut:\n"
            "1. Kategori Pemerintah Kabupaten/Kota: peringkat I Kota Bengkulu, peringkat II Kabupaten Kaur.\n"
            "2. Kategori Perusahaan Besar: PT Enggano Sawit Jaya.",
            [
                ("Kota Bengkulu", 1, "Pemerintah Kabupaten/Kota"),
                ("Kabupaten Kaur", 2, "Pemerintah Kabupaten/Kota"),
                ("PT Enggano Sawit Jaya", None, "Perusahaan Besar"),
            ],
        ),
        # headings that say what competes without the word "kategori"; a village's district is where it lies
        (
            "Berikut penerima Paritrana Award 2023 tingkat Provinsi Papua:\n"
            "- Rumah Sakit : RSUD Mamberamo Sehat\n"
            "- Usaha Kecil : UD Noken Indah\n"
            "- Kampung : Kampung Yoboi Baru, Distrik Sentani",
            [
                ("RSUD Mamberamo Sehat", None, "Rumah Sakit"),
                ("UD Noken Indah", None, "Usaha Kecil"),
                ("Kampung Yoboi Baru", None, "Kampung"),
            ],
        ),
        # a place named in a heading is an item with its place, not a heading
        (
            "Hasil Paritrana Award 2024 tingkat Provinsi Bali:\n"
            "1. Kota Denpasar: juara I\n2. Kabupaten Badung: juara II",
            [("Kota Denpasar", 1, None), ("Kabupaten Badung", 2, None)],
        ),
    ],
)
def test_list_lines_under_a_heading(text: str, expected: list[tuple[str, int | None, str | None]]) -> None:
    assert [(name(f), f.rank, f.category) for f in awards(text)] == expected


def test_a_category_for_regional_businesses_is_a_business_category() -> None:
    text = "Pada Paritrana Award 2024, kategori Badan Usaha Milik Daerah dimenangkan Perumda Tirta Kahuripan."
    assert [(name(f), f.category) for f in awards(text)] == [
        ("Perumda Tirta Kahuripan", "Badan Usaha Milik Daerah")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pada Paritrana Award 2024 tingkat Provinsi Sulawesi Tenggara, kategori Usaha Kecil pemenangnya"
            " UD Kolaka Jaya dan CV Buton Indah.",
            [("UD Kolaka Jaya", "winner", "Usaha Kecil"), ("CV Buton Indah", "winner", "Usaha Kecil")],
        ),
        (
            "Paritrana Award 2025 tingkat Provinsi Sulawesi Barat: untuk kategori Perusahaan Menengah,"
            " finalisnya PT Mamuju Sawit Lestari dan Koperasi Karyawan Mandar Jaya.",
            [
                ("PT Mamuju Sawit Lestari", "nominee", "Perusahaan Menengah"),
                ("Koperasi Karyawan Mandar Jaya", "nominee", "Perusahaan Menengah"),
            ],
        ),
    ],
)
def test_the_winners_or_finalists_of_a_category_named_after_it(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(name(f), f.result, f.category) for f in awards(text)] == expected


def test_a_provinces_winner_that_was_a_national_finalist_has_a_fact_for_each_round() -> None:
    text = (
        "Pada Paritrana Award 2024 tingkat Provinsi Jambi, Kabupaten Bungo meraih juara pertama. Pada"
        " Paritrana Award 2024 tingkat nasional, Kabupaten Bungo masuk finalis."
    )
    assert sorted((name(f), f.level, f.result) for f in awards(text)) == [
        ("Kabupaten Bungo", "15", "winner"),
        ("Kabupaten Bungo", "nasional", "nominee"),
    ]


def test_an_earlier_edition_named_in_a_rounds_sentence_is_of_that_round() -> None:
    text = (
        "Kabupaten Gianyar dinobatkan sebagai juara I Paritrana Award 2024 tingkat Provinsi Bali, setelah"
        " pada Paritrana Award 2023 menempati posisi kedua."
    )
    assert sorted((f.year, f.rank, f.level) for f in awards(text)) == [(2023, 2, "51"), (2024, 1, "51")]


def test_a_shortlist_called_national_is_of_the_national_round() -> None:
    text = "Pada Paritrana Award 2023, Provinsi Bengkulu sempat menembus lima besar nasional."
    assert [(name(f), f.result, f.level) for f in awards(text)] == [
        ("Provinsi Bengkulu", "nominee", "nasional")
    ]


def test_a_word_for_the_group_named_before_is_its_recipients() -> None:
    text = (
        "Kota Kendari dan Kabupaten Kolaka tampil baik; keduanya masing-masing menjadi juara I dan II"
        " Paritrana Award 2025 tingkat Provinsi Sulawesi Tenggara."
    )
    assert [(name(f), f.rank) for f in awards(text)] == [("Kota Kendari", 1), ("Kabupaten Kolaka", 2)]


def test_a_zone_after_a_category_is_no_part_of_its_name() -> None:
    text = (
        "Pada Paritrana Award 2024 tingkat nasional, Kabupaten Garut menempati urutan ketiga kategori"
        " Pemerintah Kabupaten/Kota Zona Jawa-Bali."
    )
    assert [f.category for f in awards(text)] == ["Pemerintah Kabupaten/Kota"]


def test_a_region_named_by_its_nickname_is_the_recipient() -> None:
    text = (
        "Pada Paritrana Award 2018 tingkat Provinsi Jawa Timur, Bumi Blambangan menempati urutan pertama"
        " kategori pemerintah kabupaten/kota."
    )
    assert [(name(f), f.rank) for f in awards(text)] == [("Kabupaten Banyuwangi", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "bersama" after who gave the award joins the givers
        (
            "Pemkab Jember menerima Paritrana Award 2018 tingkat Jawa Timur, penghargaan dari BPJS"
            " Ketenagakerjaan bersama Pemerintah Provinsi Jawa Timur.",
            ["Kabupaten Jember"],
        ),
        # after the subject's own award it joins the recipients
        (
            "Kabupaten Jember meraih Paritrana Award 2018 bersama Kabupaten Lumajang.",
            ["Kabupaten Jember", "Kabupaten Lumajang"],
        ),
    ],
)
def test_who_bersama_joins(text: str, expected: list[str]) -> None:
    assert [name(f) for f in awards(text)] == expected


def test_a_round_called_level_nasional_is_the_national_round() -> None:
    text = "Pada Paritrana Award 2019 di level nasional, Pemerintah Provinsi Lampung menyabet peringkat III."
    assert [(name(f), f.level, f.rank) for f in awards(text)] == [("Provinsi Lampung", "nasional", 3)]


def test_a_line_that_names_a_sector_numbers_the_sector_not_a_place() -> None:
    text = (
        "AMBON - Berikut pemenang Paritrana Award 2023 tingkat Provinsi Maluku kategori Badan Usaha:\n"
        "1. Sektor Perhotelan: Hotel Amans Ambon\n2. Sektor Perbankan: Bank Maluku Cabang Tual\n"
    )
    assert [(name(f), f.rank, f.category) for f in awards(text)] == [
        ("Hotel Amans Ambon", None, "Badan Usaha"),
        ("Bank Maluku Cabang Tual", None, "Badan Usaha"),
    ]


def test_a_counted_group_named_on_the_lines_after_its_list_word() -> None:
    text = (
        "MEDAN - Tiga pemerintah daerah lolos ke tahap wawancara Paritrana Award 2025 tingkat Provinsi"
        " Sumatera Utara. Ketiganya yakni\nPemerintah Kota Binjai\nPemerintah Kabupaten Karo\n\nWawancara"
        " digelar di Medan.\n"
    )
    assert [(name(f), f.result) for f in awards(text)] == [
        ("Kota Binjai", "nominee"),
        ("Kabupaten Karo", "nominee"),
    ]


def test_a_place_won_last_year_is_no_place_in_this_edition() -> None:
    text = (
        "Tiga daerah masuk nominasi Paritrana Award 2025 tingkat Provinsi Sumatera Utara. Kabupaten Karo,"
        " yang tahun lalu meraih juara II, memaparkan programnya."
    )
    assert [(name(f), f.rank) for f in awards(text)] == []


def test_who_handed_the_award_over_names_the_round_of_what_follows() -> None:
    text = (
        "Paritrana Award 2021 tingkat provinsi diumumkan untuk dua provinsi. Di Provinsi Bengkulu,"
        " penghargaan diserahkan Gubernur Bengkulu. Kabupaten Seluma meraih juara I. Sementara di Provinsi"
        " Lampung, penghargaan diserahkan Sekretaris Daerah Provinsi Lampung. Kota Metro meraih juara I."
    )
    assert [(name(f), f.level) for f in awards(text)] == [("Kabupaten Seluma", "17"), ("Kota Metro", "18")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the place in brackets that closes a line is its first item's, whatever stands between
        (
            "Berikut penerima Paritrana Award 2023 tingkat Provinsi Aceh:\nKategori Badan Usaha Besar\n"
            "1. PT Aceh Tirta Madani, BUMD milik Pemerintah Aceh (Juara II)\n"
            "Kategori Gampong\n1. Gampong Lampisang, Kecamatan Peukan Bada, Kabupaten Aceh Besar (Juara I)\n",
            [("PT Aceh Tirta Madani", 2), ("Gampong Lampisang", 1)],
        ),
        # a numbered line whose item cannot be read does not end the list
        (
            "Berikut penerima Paritrana Award 2023 tingkat Provinsi Aceh:\nKategori Gampong\n"
            "1. -\n2. Gampong Lampisang\n",
            [("Gampong Lampisang", 2)],
        ),
        # a label alone on its line heads the items after it
        (
            "Berikut penerima Paritrana Award 2023 tingkat Provinsi Aceh:\nPerusahaan Besar\n"
            "1. PT Aceh Kopi Jaya\n",
            [("PT Aceh Kopi Jaya", 1)],
        ),
    ],
)
def test_list_lines(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert [(name(f), f.rank) for f in awards(text)] == expected
