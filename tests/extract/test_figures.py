"""Coverage figures: value, unit, subject, segment, year, modality and approximation."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.figures import FigureExtractor
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import FigureFact, RawDocument


def figures(text: str) -> list[FigureFact]:
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    return [f for f in FigureExtractor()(Document(article)) if isinstance(f, FigureFact)]


def subject(fact: FigureFact) -> str:
    if fact.subject.kind != "region":
        return fact.subject.key
    return Gazetteer.load().get(fact.subject.key).canonical


def tied(text: str) -> list[tuple[str, float]]:
    """(subject, value) of each figure of a text, in order."""
    return [(subject(f), f.value) for f in figures(text)]


def one(text: str) -> FigureFact:
    [fact] = figures(text)
    return fact


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Sebanyak 12.345 pekerja di Kabupaten Kendal telah terlindungi.", 12345, "persons"),
        ("Cakupan kepesertaan Kota Kediri mencapai 41,5 persen.", 41.5, "percent"),
        ("Kepesertaan di Kabupaten Pacitan baru 27% dari angkatan kerja.", 27, "percent"),
        ("Kota Cimahi telah melindungi lebih dari 20 ribu pekerja.", 20000, "persons"),
        ("Kabupaten Ngawi mendaftarkan 1,5 juta peserta.", 1500000, "persons"),
        ("Dari 40 ribu pekerja, baru 9 ribu yang terlindungi di Kota Batu.", 9000, "persons"),
        ("Cakupan kepesertaan Kabupaten Nganjuk tercatat dua puluh lima persen.", 25, "percent"),
    ],
)
def test_values_and_units(sentence: str, value: float, unit: str) -> None:
    fact = one(sentence)
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "segment"),
    [
        # the group named right after the number, as written
        ("Pemkab Sidoarjo melindungi 1.200 guru ngaji di wilayahnya.", "guru ngaji"),
        ("Sebanyak 410 petugas Pemilu di Kabupaten Blora dilindungi.", "petugas Pemilu"),
        ("Pemkab Pati mendaftarkan 2.000 orang aparat desa sebagai peserta.", "aparat desa"),
        (
            "Sebanyak 4.200 kepala desa, perangkat desa, dan ketua RT di Kabupaten Jepara telah dilindungi.",
            "kepala desa, perangkat desa, dan ketua RT",
        ),
        # a segment word of the number's own clause
        ("Di Kabupaten Bogor, sektor penerima upah mencatat 300.000 peserta.", "penerima upah"),
        ("Kota Bekasi mendaftarkan 5.000 pekerja informal sebagai peserta.", "informal"),
        # the category the text gives, as written
        (
            "Sebanyak 800 pekerja bukan penerima upah (BPU) di Kabupaten Klaten dilindungi.",
            "pekerja bukan penerima upah",
        ),
        ("Hampir 14 ribu pekerja rentan di Kota Blitar telah terlindungi.", "pekerja rentan"),
        ("Kepesertaan pegawai non-ASN di Kota Tual mencapai 90 persen.", "non-ASN"),
        # examples after the group are no more of it
        (
            "Pemkot Pekanbaru melindungi 7.400 pekerja informal, termasuk tukang ojek dan buruh pasar.",
            "informal",
        ),
    ],
)
def test_segments(sentence: str, segment: str) -> None:
    assert one(sentence).segment == segment


def test_each_clause_keeps_its_own_segment() -> None:
    found = figures(
        "Cakupan pekerja formal di Kota Semarang 78 persen, sedangkan pekerja informal baru 12 persen."
    )
    assert [(f.value, f.segment) for f in found] == [(78, "formal"), (12, "informal")]


def test_two_groups_after_their_numbers() -> None:
    found = figures("Di Kota Binjai tercatat 900 peserta sektor formal dan 300 peserta sektor informal.")
    assert [(f.value, f.segment) for f in found] == [(900, "formal"), (300, "informal")]


def test_a_segment_named_once_holds_for_the_whole_list() -> None:
    found = figures(
        "Perlindungan pegawai Non ASN tertinggi di Kota Tual 90 persen, diikuti Kota Ambon 80 persen."
    )
    assert {(subject(f), f.segment) for f in found} == {("Kota Tual", "Non ASN"), ("Kota Ambon", "Non ASN")}


@pytest.mark.parametrize("row", rows("segments.csv"), ids=lambda r: r["written"])
def test_every_segment_word(row: dict[str, str]) -> None:
    fact = one(f"Kota Kediri telah melindungi 700 peserta {row['written']}.")
    assert fact.segment == (row["segment"] or row["written"])


@pytest.mark.parametrize(
    "row", [r for r in rows("figure_cues.csv") if r["kind"] == "person"], ids=lambda r: r["cue"]
)
def test_every_word_for_people_makes_a_count(row: dict[str, str]) -> None:
    fact = one(f"Kota Kediri telah melindungi 700 {row['cue']} tahun ini.")
    assert fact.unit == "persons"
    assert (fact.segment is None) == (row["generic"] == "1")


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Kabupaten Jember menargetkan cakupan kepesertaan 65 persen.", "target"),
        ("Sebanyak 5.000 pekerja rentan ditargetkan terlindungi di Kabupaten Demak.", "target"),
        ("Kabupaten Kendal akan melindungi 10.000 pekerja rentan tahun depan.", "planned"),
        ("Perda itu bakal melindungi 3.000 orang nelayan di Kabupaten Rembang.", "planned"),
        ("Pemkab Jember akan menambah kuota, saat ini sudah 5.000 pekerja rentan terlindungi.", "asserted"),
        ("Cakupan di Kota Malang mencapai 45 persen.", "asserted"),
    ],
)
def test_targets_and_plans_are_kept_as_such(sentence: str, modality: str) -> None:
    assert one(sentence).modality == modality


@pytest.mark.parametrize(
    "row", [r for r in rows("figure_cues.csv") if r["kind"] in ("target", "planned")], ids=lambda r: r["cue"]
)
def test_every_target_and_plan_word(row: dict[str, str]) -> None:
    fact = one(f"Kota Kediri {row['cue']} 700 pekerja rentan terlindungi.")
    assert fact.modality == row["kind"]


def test_a_share_of_a_target_is_no_achievement() -> None:
    found = figures("Cakupan di Kota Malang mencapai 45 persen dari target 60 persen.")
    assert [(f.value, f.modality) for f in found if f.modality == "asserted"] == [(45, "asserted")]


@pytest.mark.parametrize(
    ("sentence", "approximate"),
    [
        ("Hampir 14 ribu pekerja di Kota Blitar telah terlindungi.", True),
        ("Sekitar 3.500 petani di Kabupaten Temanggung kini terlindungi.", True),
        ("Kota Madiun telah melindungi lebih dari 20 ribu pekerja.", True),
        ("Sebanyak 3.500 petani di Kabupaten Temanggung kini terlindungi.", False),
    ],
)
def test_approximate_numbers_stay_approximate(sentence: str, approximate: bool) -> None:
    assert one(sentence).approximate is approximate


@pytest.mark.parametrize(
    "sentence",
    [
        "Dari total 500 ribu pekerja di Kota Depok, sebagian sudah terlindungi.",
        "Potensi 80.000 pekerja di Kabupaten Lumajang belum terlindungi.",
        "Kepesertaan di Kota Probolinggo naik 12 persen dibanding tahun lalu.",
        "Iuran Rp 16.800 per orang ditanggung Kabupaten Situbondo.",
    ],
)
def test_totals_growth_and_money_are_not_figures(sentence: str) -> None:
    assert figures(sentence) == []


def test_regions_sharing_a_number_each_get_it() -> None:
    found = figures("Kepesertaan tertinggi di Kota Tual, diikuti Kabupaten Bantul dan Kulon Progo 65 persen.")
    assert {subject(f) for f in found if f.value == 65} == {"Kabupaten Bantul", "Kabupaten Kulon Progo"}


def test_a_short_form_in_parentheses_does_not_break_a_shared_number() -> None:
    found = figures("Cakupan Kabupaten Buru Selatan dan Seram Bagian Barat (SBB) 68 persen tahun ini.")
    assert {subject(f) for f in found} == {"Kabupaten Buru Selatan", "Kabupaten Seram Bagian Barat"}


def test_an_award_round_is_not_the_subject_the_speaker_is() -> None:
    fact = one(
        '"Jumlah pekerja terdaftar mencapai 9.000 orang," kata Bupati Klaten Sri Mulyani usai menerima'
        " Paritrana Award Provinsi Jawa Tengah di Semarang."
    )
    assert subject(fact) == "Kabupaten Klaten"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Pada tahun 2023, Kota Batu mendaftarkan 4.000 pekerja rentan.", 2023),
        # a year of the sentence before is not stated with the number
        ("Sepanjang 2023 kepesertaan tumbuh. Pemkab Pati telah mendaftarkan 12.500 petani.", None),
        ("Kota Batu mendaftarkan 4.000 pekerja rentan berdasarkan Perwali Nomor 5 Tahun 2021.", None),
        ("Kota Batu mendaftarkan 4.000 pekerja rentan.", None),
    ],
)
def test_years_stated_with_the_number(text: str, year: int | None) -> None:
    assert one(text).year == year


def test_a_share_of_the_number_before_counts_the_same_group() -> None:
    found = figures(
        "Sebanyak 7.000 pekerja informal di Kabupaten Paser telah menjadi peserta. "
        "Angka itu setara 120 persen dari estimasi kepesertaan."
    )
    assert [(f.value, f.segment) for f in found] == [(7000, "informal"), (120, "informal")]


def test_confidence_reflects_how_the_subject_was_found() -> None:
    named = one("Sebanyak 700 pekerja di Kabupaten Kendal telah terlindungi.")
    context = figures("Pemkab Kendal hadir. Sebanyak 700 pekerja telah terlindungi.")[0]
    assert (named.rule, context.rule) == ("figure.located", "figure.context")
    assert named.confidence > context.confidence


@pytest.mark.parametrize(
    "text",
    [
        "Sebanyak 700 pekerja telah terlindungi.",
        # a bare name is a place only after "di": a dateline is no subject
        "Klaten - Sebanyak 700 pekerja telah terlindungi tahun ini.",
        # two governments in the passage: which one is not said
        "Pemkab Klaten dan Pemkab Sragen hadir. Sebanyak 700 pekerja telah terlindungi.",
    ],
)
def test_no_subject_tied_by_structure_no_figure(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Kabupaten Sleman dan Kabupaten Bantul masing-masing melindungi 1.000 dan 2.000 pekerja.",
            "respectively",
        ),
        ("Kepesertaan Kabupaten Sleman 1.000 pekerja, Kabupaten Bantul 2.000 pekerja.", "inline"),
        ("Tercatat 1.000 nelayan di Kabupaten Sleman dan 2.000 nelayan di Kabupaten Bantul.", "located"),
    ],
)
def test_each_number_gets_its_own_subject(text: str, rule: str) -> None:
    found = figures(text)
    assert {(subject(f), f.value) for f in found} == {("Kabupaten Sleman", 1000), ("Kabupaten Bantul", 2000)}
    assert {f.rule for f in found} == {f"figure.{rule}"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kepala BPJS Ketenagakerjaan Cabang Dumai mencontohkan PT Sinar Bahari Dumai yang telah"
            " mendaftarkan 3.400 pekerjanya sebagai peserta.",
            [("PT Sinar Bahari Dumai", 3400)],
        ),
        (  # a region's government in the clause is no actor of the company's own count
            "Bupati Bengkalis mengatakan PT Duri Mitra Sawit sudah mendaftarkan 1.250 karyawannya ke BPJS"
            " Ketenagakerjaan.",
            [("PT Duri Mitra Sawit", 1250)],
        ),
        (
            "Pemkab Rokan Hulu telah mendaftarkan 6.100 pekerjanya ke BPJS Ketenagakerjaan.",
            [("Kabupaten Rokan Hulu", 6100)],
        ),
    ],
)
def test_an_organisation_that_registers_its_own_workers_is_their_subject(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert tied(text) == expected


def test_regions_compared_after_a_coverage_sentence_each_get_their_share() -> None:
    found = tied(
        "Cakupan kepesertaan di Kota Palu kini mencapai 52 persen.\n\n"
        '"Kabupaten Sigi menyusul dengan 33 persen, '
        'sedangkan rata-rata Provinsi Sulawesi Tengah baru 30 persen."'
    )
    assert found == [("Kota Palu", 52), ("Kabupaten Sigi", 33), ("Provinsi Sulawesi Tengah", 30)]


def test_a_region_named_right_before_its_share_after_yang_is_its_subject() -> None:
    found = tied(
        "Cakupan kepesertaan di Kabupaten Cianjur baru 24 persen, "
        "di bawah rata-rata Jawa Barat yang sudah 41 persen."
    )
    assert found == [("Kabupaten Cianjur", 24), ("Provinsi Jawa Barat", 41)]


def test_the_national_body_is_the_subject_of_national_data() -> None:
    fact = one("Secara nasional, kepesertaan BPJS Ketenagakerjaan sudah mencapai 40 juta.")
    assert (fact.subject.kind, fact.subject.key, fact.value, fact.unit) == (
        "organization",
        "BPJS Ketenagakerjaan",
        40_000_000,
        "persons",
    )


def test_a_breakdown_keeps_the_subject_of_the_number_it_breaks_down() -> None:
    found = figures(
        "Sebanyak 9.000 pekerja di Kota Kupang telah terlindungi. "
        "Dari jumlah tersebut, 4.000 tenaga kerja berasal dari non-ASN dan 5.000 dari perangkat desa."
    )
    assert [(subject(f), f.value, f.segment, f.rule) for f in found[1:]] == [
        ("Kota Kupang", 4000, "non-ASN", "figure.breakdown"),
        ("Kota Kupang", 5000, "perangkat desa", "figure.breakdown"),
    ]


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Per Maret 2022, Pemkab Kudus telah melindungi 3.000 pekerja rentan.", 2022),
        ("Hingga semester I 2025 Pemkab Kudus telah melindungi 3.000 pekerja rentan.", 2025),
        ("Pemkab Kudus telah melindungi 3.000 pekerja rentan periode Juli-Desember 2024.", 2024),
        ("Peraih Paritrana Award 2024, Pemkab Kudus, telah melindungi 3.000 pekerja rentan.", None),
        ("Melalui Perbup Nomor 7 Tahun 2021, Pemkab Kudus telah melindungi 3.000 pekerja rentan.", None),
    ],
)
def test_only_a_time_is_a_year(sentence: str, year: int | None) -> None:
    assert one(sentence).year == year


def test_a_time_before_a_number_does_not_reach_back() -> None:
    found = figures(
        "Pemprov Riau telah melindungi 7.000 pekerja rentan, lanjutan peluncuran pada 8 Agustus 2023"
        " bagi 35.000 pekerja rentan di Provinsi Riau."
    )
    assert [(f.value, f.year) for f in found] == [(7000, None), (35000, 2023)]


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Hingga akhir 2024 sebanyak 8.100 pekerja rentan di Kota Palu telah terdaftar.", 2024),
        ("Kota Palu menanggung iuran bagi 8.100 pekerja rentan sepanjang 2023.", 2023),
    ],
)
def test_year_after_akhir_and_sepanjang(sentence: str, year: int) -> None:
    assert one(sentence).year == year


def test_a_rounded_headline_repeats_the_bodys_figure() -> None:
    text = (
        "Kota Palu Lindungi 8 Ribu Pekerja Rentan\n"
        "Sebanyak 8.100 pekerja rentan di Kota Palu kini terlindungi BPJS Ketenagakerjaan."
    )
    assert [f.value for f in figures(text)] == [8100]


def test_an_allocation_to_add_members_is_a_plan() -> None:
    fact = one("Pemkot Palu mengalokasikan anggaran untuk menambah 2.000 peserta baru di Kota Palu.")
    assert fact.modality == "planned"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Kabupaten Sigi telah mendaftarkan 1.500 pekerja rentan sebagai peserta sepanjang 2021.", 2021),
        (
            "Sebanyak 1.500 pekerja rentan di Kabupaten Sigi terdaftar sebagai peserta hingga akhir 2020.",
            2020,
        ),
        ("Kabupaten Sigi melindungi 1.500 pekerja rentan, naik dari 900 pekerja pada 2020.", None),
    ],
)
def test_the_clauses_own_time_after_the_number_is_its_year(text: str, year: int | None) -> None:
    first = next(f for f in figures(text) if f.value == 1500)
    assert first.year == year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "provinsi itu" names the last province named before it
        (
            "Kepesertaan di Sulawesi Tengah terus naik. Hingga Juni 2024, sebanyak 210.500 pekerja di"
            " provinsi itu telah terdaftar sebagai peserta BPJS Ketenagakerjaan.",
            [("Provinsi Sulawesi Tengah", 210500, 2024)],
        ),
        # "pemerintah provinsi setempat": the local province's government, named before
        (
            "Gubernur Gorontalo meninjau pendataan pekerja rentan. Pada 2023, pemerintah provinsi setempat"
            " mengikutsertakan 12.400 pekerja rentan dalam program BPJS Ketenagakerjaan.",
            [("Provinsi Gorontalo", 12400, 2023)],
        ),
        # a time that opens the sentence holds for every clause of it
        (
            "Hingga akhir 2023, kepesertaan di Kota Palu tercatat 90.000 pekerja, sedangkan di Kota"
            " Bitung 28.000 pekerja.",
            [("Kota Palu", 90000, 2023), ("Kota Bitung", 28000, 2023)],
        ),
    ],
)
def test_a_region_named_back_and_a_time_that_opens_the_sentence(
    text: str, expected: list[tuple[str, float, int | None]]
) -> None:
    assert [(subject(f), f.value, f.year) for f in figures(text)] == expected


def test_the_lines_of_a_list_a_sentence_announces() -> None:
    text = (
        "Data itu disampaikan dalam rapat koordinasi. Berikut rincian capaian kepesertaan per daerah:\n"
        "- Kota Palu: 46,8 persen\n- Kabupaten Sigi: 37,5 persen\n- Kabupaten Poso: 29,9 persen\n"
        "Rapat ditutup pukul 12.00."
    )
    assert [(subject(f), f.value) for f in figures(text)] == [
        ("Kota Palu", 46.8),
        ("Kabupaten Sigi", 37.5),
        ("Kabupaten Poso", 29.9),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the office of the official who says it: a regional agency speaks for its region ...
        (
            "Kepala Dinas Sosial Kabupaten Alor, Yusuf Malaka, mengatakan sebanyak 1.250 nelayan telah"
            " terdaftar sebagai peserta.",
            [("Kabupaten Alor", 1250)],
        ),
        # ... a branch of BPJS Ketenagakerjaan for the branch
        (
            "Kepala BPJS Ketenagakerjaan Cabang Ternate, Rudi Hartono, mengatakan peserta aktif mencapai"
            " 45.000 orang.",
            [("BPJS Ketenagakerjaan Cabang Ternate", 45000)],
        ),
        # "jumlahnya" after an opening time goes back to the place the sentence before names
        (
            "Untuk Kabupaten Belu, petani sudah didaftarkan sebagai peserta. Pada 2024, jumlahnya mencapai"
            " 3.100 orang.",
            [("Kabupaten Belu", 3100)],
        ),
        # "Mereka terdiri dari" breaks down the number before it
        (
            "Pemkab Sumba Timur melindungi 5.000 pekerja rentan. Mereka terdiri dari 3.000 petani dan"
            " 2.000 nelayan.",
            [
                ("Kabupaten Sumba Timur", 5000),
                ("Kabupaten Sumba Timur", 3000),
                ("Kabupaten Sumba Timur", 2000),
            ],
        ),
    ],
)
def test_subjects_from_the_speakers_office_and_the_sentence_before(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert tied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the shares of a list named earlier in the clause, paired in order
        (
            "Cakupan kepesertaan terus naik. Kabupaten Kampar dan Kota Dumai menjadi daerah dengan capaian"
            " tertinggi, masing-masing 61 persen dan 58 persen.",
            [("Kabupaten Kampar", 61), ("Kota Dumai", 58)],
        ),
        # "capaian tertinggi" right after a sentence on coverage speaks of coverage too
        (
            "Cakupan kepesertaan di Provinsi Maluku baru 27 persen. Kota Ambon mencatat capaian tertinggi"
            " sebesar 46,2 persen.",
            [("Provinsi Maluku", 27), ("Kota Ambon", 46.2)],
        ),
        # the country's share is no region's
        (
            "Cakupan kepesertaan di Provinsi Maluku baru 27 persen, di bawah capaian nasional yang berada di"
            " angka 41,9 persen.",
            [("Provinsi Maluku", 27)],
        ),
    ],
)
def test_lists_of_shares_continuing_sentences_and_the_countrys_share(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert tied(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the one regency the article names (with its province) is what an untied number is about
        (
            "Kabupaten Sumba Barat terus memperluas perlindungan di Nusa Tenggara Timur. Sebanyak 4.200"
            " nelayan telah terdaftar sebagai peserta.",
            [("Kabupaten Sumba Barat", 4200)],
        ),
        # ... or the one province, when it names no regency or city
        (
            "Perlindungan pekerja di Sulawesi Barat terus meluas. Sebanyak 4.200 nelayan telah terdaftar"
            " sebagai peserta.",
            [("Provinsi Sulawesi Barat", 4200)],
        ),
        # with two regencies named, nothing says which one it is
        (
            "Kabupaten Sumba Barat dan Kabupaten Sumba Timur memperluas perlindungan. Sebanyak 4.200"
            " nelayan telah terdaftar sebagai peserta.",
            [],
        ),
    ],
)
def test_the_one_region_an_article_names(text: str, expected: list[tuple[str, float]]) -> None:
    assert tied(text) == expected


def test_the_group_a_segment_explained_by_atau_restates() -> None:
    fact = one(
        "Di Kota Kendari, sektor non-formal atau pekerja yang bukan penerima upah mendominasi dengan"
        " 9.100 peserta."
    )
    assert fact.segment == "informal"


def test_a_share_that_restates_a_count_and_a_breakdown_in_the_same_sentence() -> None:
    found = figures(
        "Kepala Disnaker Alor, Yunus, mengatakan peserta aktif BPJS Ketenagakerjaan di Alor sebanyak"
        " 12.400 pekerja atau sekitar 31 persen dari pekerja yang ada, dan dari jumlah itu baru 2.100 orang"
        " berasal dari sektor informal."
    )
    assert [(subject(f), f.value) for f in found] == [
        ("Kabupaten Alor", 12400),
        ("Kabupaten Alor", 31),
        ("Kabupaten Alor", 2100),
    ]


def test_an_adverb_after_the_counted_group_is_no_part_of_it() -> None:
    assert one(
        "Di Kabupaten Pidie Jaya, sebanyak 1.120 nelayan juga telah terdaftar sebagai peserta."
    ).segment == ("nelayan")


def test_jumlahnya_counts_the_group_the_sentence_before_names() -> None:
    text = (
        "Bupati Merauke, Yosef Mahuze, mengatakan Pemkab Merauke menanggung iuran bagi pekerja rentan."
        ' "Pada 2020, jumlahnya mencapai 6.800 orang," kata Yosef.'
    )
    assert [(subject(f), f.value, f.segment) for f in figures(text)] == [
        ("Kabupaten Merauke", 6800, "pekerja rentan")
    ]


def test_both_cities_named_before_take_their_shares_in_order() -> None:
    text = (
        "Kota Ambon dan Kota Tual mempercepat perlindungan. Untuk pekerja informal, cakupan di kedua kota"
        " masing-masing 21 persen dan 33 persen."
    )
    assert tied(text) == [("Kota Ambon", 21), ("Kota Tual", 33)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a village's own count is no figure of the region the article is about
        (
            "Kabupaten Sigi memperluas perlindungan. Kepala Desa Bora, Hasan, mengatakan desanya telah"
            " mendaftarkan 14 perangkat desa sebagai peserta.",
            [],
        ),
        # "Desa" closing an office's name before its regency names no village
        (
            "Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Sigi menyebut kepesertaan perangkat desa"
            " sudah mencapai 100 persen.",
            [("Kabupaten Sigi", 100)],
        ),
    ],
)
def test_a_villages_own_count(text: str, expected: list[tuple[str, float]]) -> None:
    assert tied(text) == expected


def test_a_company_named_before_is_the_subject_of_perusahaan_itu() -> None:
    text = (
        "PT Tambang Halmahera Jaya meraih peringkat II Paritrana Award 2023. Perusahaan tambang itu"
        " telah mendaftarkan 9.400 pekerjanya."
    )
    assert tied(text) == [("PT Tambang Halmahera Jaya", 9400)]


def test_the_government_of_the_numbers_own_paragraph_comes_first() -> None:
    text = (
        "Pemprov Sulawesi Selatan masuk nominasi tingkat nasional.\n\nPemkot Makassar menjalankan"
        " gerakan itu sejak 2023. Lewat gerakan itu, 12.500 pekerja informal sudah terdaftar."
    )
    assert tied(text) == [("Kota Makassar", 12500)]


def test_a_level_word_with_words_before_its_demonstrative_names_the_region_before() -> None:
    text = (
        "Pemkot Banjarmasin membahas raperda itu. Di kota terbesar di Kalimantan Selatan itu, baru"
        " 96.300 orang terdaftar sebagai peserta."
    )
    assert tied(text) == [("Kota Banjarmasin", 96300)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Juara I diraih Gowa Beton Perkasa, perusahaan beton yang seluruh 840 karyawannya sudah terdaftar.",
        "Di Kota Makassar, PT Gowa Beton Perkasa yang 840 pekerjanya sudah terlindungi ikut hadir.",
    ],
)
def test_a_business_counts_its_own_people(sentence: str) -> None:
    assert tied(sentence) == [
        ("Gowa Beton Perkasa" if "PT" not in sentence else "PT Gowa Beton Perkasa", 840)
    ]


@pytest.mark.parametrize(
    ("text", "subject_"),
    [
        (
            "Kota Cilegon menggelar rapat. Direktur Utama PT Merak Baja Lestari, Hendra, mengaku sudah"
            " mendaftarkan 1.240 pekerja proyeknya.",
            "PT Merak Baja Lestari",
        ),
        # the head of a regional agency registers the region's people
        (
            "Kepala Dinas Tenaga Kerja Kota Cilegon, Ahmad, mengaku sudah mendaftarkan 1.240 pekerja rentan.",
            "Kota Cilegon",
        ),
    ],
)
def test_a_company_heads_registering_verb_counts_the_companys_people(text: str, subject_: str) -> None:
    assert [subject(f) for f in figures(text)] == [subject_]


def test_a_share_after_a_comma_restates_the_count_before_it() -> None:
    text = "Peserta aktif di Provinsi Bengkulu mencapai 212.700 orang, setara 31 persen dari seluruh pekerja."
    assert tied(text) == [("Provinsi Bengkulu", 212700), ("Provinsi Bengkulu", 31)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body of the person named just before, by a word for it with "-nya"
        (
            "Ketua Koperasi Nelayan Mina Jaya, Hamsah, ikut hadir. Koperasinya telah mendaftarkan 214"
            " anggota.",
            [("Koperasi Nelayan Mina Jaya", 214)],
        ),
        # a population named a few words before the number is a whole, not a coverage figure
        (
            "Sebanyak 52.830 pekerja di Provinsi Maluku Utara terdaftar, masih kecil dibanding penduduk"
            " Maluku Utara yang sekitar 1,3 juta jiwa.",
            [("Provinsi Maluku Utara", 52830)],
        ),
    ],
)
def test_whose_people_and_which_wholes(text: str, expected: list[tuple[str, float]]) -> None:
    assert tied(text) == expected


def test_a_bare_name_before_its_own_protecting_verb_is_the_subject() -> None:
    text = (
        "Kepala Dinas Tenaga Kerja Provinsi Lampung, Suryadi, menyebut Pringsewu kini melindungi 18.540"
        " pekerja rentan."
    )
    assert tied(text) == [("Kabupaten Pringsewu", 18540)]


def test_a_part_of_the_number_before_is_counted_with_its_group() -> None:
    text = "Sebanyak 41.380 pekerja di Kabupaten Siak sudah terlindungi, 22.115 di antaranya pekerja rentan."
    found = figures(text)
    assert [(subject(f), f.value, f.segment) for f in found] == [
        ("Kabupaten Siak", 41380, None),
        ("Kabupaten Siak", 22115, "pekerja rentan"),
    ]
