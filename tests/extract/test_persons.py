"""Persons with the positions the text gives them, and the words that end or refuse a name."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.persons import PersonMatch, persons
from kg.lexicon import rows
from kg.model import RawDocument


def found(text: str) -> list[PersonMatch]:
    return persons(Document(clean(RawDocument(doc_id="t", source="test", text=text))))


def names(text: str) -> list[str]:
    return sorted({p.name for p in found(text)})


def posts(text: str) -> dict[str, tuple[str | None, str | None]]:
    """name -> (role, org key) of the first mention of each person."""
    seen: dict[str, tuple[str | None, str | None]] = {}
    for p in found(text):
        seen.setdefault(p.name, (p.role, p.org.key if p.org else None))
    return seen


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        # an honorific between the title and the name belongs to the name
        (
            "Bupati Sleman, Dr. Hj. Kustini Sri Purnomo, membuka acara itu.",
            "Kustini Sri Purnomo",
            "Bupati",
            "34.04",
        ),
        ("Wakil Presiden K.H. Abdul Halim hadir di sana.", "Abdul Halim", "Wakil Presiden", None),
        # a place set off by commas between the office and its holder
        (
            "Kepala BPJS Ketenagakerjaan Cabang Atambua, Kabupaten Belu, Rudi Salam, hadir.",
            "Rudi Salam",
            "Kepala",
            "BPJS Ketenagakerjaan Cabang Atambua",
        ),
        # a field list with "dan" inside a secretariat role, the holder after a comma
        (
            "Asisten I Pemerintahan dan Kesejahteraan Rakyat Kabupaten Sleman, Marthen Luter, membuka acara.",
            "Marthen Luter",
            "Asisten I Pemerintahan dan Kesejahteraan Rakyat",
            "34.04",
        ),
        (
            "Staf Ahli Bupati Bidang Kemasyarakatan dan Sumber Daya Manusia, Lukas Bere, turut hadir.",
            "Lukas Bere",
            "Staf Ahli Bupati Bidang Kemasyarakatan dan Sumber Daya Manusia",
            None,
        ),
        # the field's words run up to the holder, without a comma
        (
            "Asisten II Ekonomi dan Pembangunan Yusuf Rahman menutup acara.",
            "Yusuf Rahman",
            "Asisten II Ekonomi dan Pembangunan",
            None,
        ),
        # the role's short form in parentheses before the holder
        (
            "Staf Ahli Bupati Bidang Hukum (Sahli Hukum) Darmawan, hadir.",
            "Darmawan",
            "Staf Ahli Bupati Bidang Hukum",
            None,
        ),
        # "HM" (Haji Muhammad) is an honorific; the degree after the name is no part of it
        ("Bupati Sleman HM Rahmat Hidayat SH membuka acara.", "Rahmat Hidayat", "Bupati", "34.04"),
        # a deputy's title in lower case, the country after a national title, an honorary degree
        ("Ia dijemput wakil Bupati Sleman, Edi Santoso.", "Edi Santoso", "Wakil Bupati", "34.04"),
        (
            "Gerakan itu dicanangkan Wakil Presiden Republik Indonesia, Prof. Dr. (H.C.) K.H. Abdul Halim.",
            "Abdul Halim",
            "Wakil Presiden",
            None,
        ),
        # a village head: the village's name, then the holder
        ("Kepala Desa Oelnasi, Yohanis Nalle, menandatangani surat.", "Yohanis Nalle", "Kepala Desa", None),
        ("Keuchik Lamteh, Kecamatan Ulee Kareng, Zulkifli Ahmad, hadir.", "Zulkifli Ahmad", "Keuchik", None),
        # the title's short form in parentheses before the region
        (
            "Rapat dipimpin Sekretaris Daerah (Sekda) Provinsi Bengkulu, Isnan Fajri.",
            "Isnan Fajri",
            "Sekretaris Daerah",
            "17",
        ),
        # the province in apposition after a regent's region
        (
            "Bupati Sumbawa, Provinsi Nusa Tenggara Barat (NTB) Syarafuddin Jarot menyerahkan piagam.",
            "Syarafuddin Jarot",
            "Bupati",
            "52.04",
        ),
        # a list of fields is one part of the role, and a governor's staff post keeps "Gubernur"
        (
            "Hadir pula Staf Ahli Gubernur Riau Bidang Ekonomi, Keuangan, dan Pembangunan, Taufiq Hidayat.",
            "Taufiq Hidayat",
            "Staf Ahli Gubernur Bidang Ekonomi, Keuangan, dan Pembangunan",
            "14",
        ),
        # an abbreviated given name keeps its dot, like an initial
        ("Wakil Bupati Gowa, Moh. Rizal Hamid, ikut hadir.", "Moh. Rizal Hamid", "Wakil Bupati", "73.06"),
        # a bare final initial before a comma is part of the name
        (
            "Kepala BPJS Ketenagakerjaan Cabang Kendari Andi Rahman S, menyampaikan data.",
            "Andi Rahman S",
            "Kepala",
            "BPJS Ketenagakerjaan Cabang Kendari",
        ),
    ],
)
def test_titled_person_with_role_and_org(sentence: str, name: str, role: str, org: str | None) -> None:
    got_role, got_org = posts(sentence)[name]
    assert got_role == role
    if org is not None:
        assert got_org == org


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # a place after a title-cued region is the venue, not a person
        ("Pertemuan digelar di Kantor Gubernur Jawa Tengah, Semarang, pada Senin.", "Semarang"),
        # a regulation's number after the title of the instrument
        ("Aturannya adalah Peraturan Wali Kota Nomor 12 Tahun 2023.", "Nomor"),
        # a headline verb after a title
        ("Bupati Klaten Serahkan Santunan kepada Ahli Waris", "Serahkan Santunan"),
        # a head word of an organisation after "Kepala"
        ("Kepala Kejaksaan Negeri Wonogiri hadir.", "Kejaksaan"),
    ],
)
def test_words_that_are_not_names(sentence: str, absent: str) -> None:
    assert absent not in names(sentence)


def test_an_acting_prefix_after_a_name_begins_the_next_post() -> None:
    text = (
        "Ia didampingi Asisten Administrasi Umum Sekretariat Daerah, R. Santoso "
        "Plt. Kepala Dinas Sosial, Yuni Astuti."
    )
    assert names(text) == ["R. Santoso", "Yuni Astuti"]


def test_a_rank_ends_the_name_of_the_commanders_unit() -> None:
    [person] = found("Hadir Dandim 0712/Tegal Letkol Inf Joko Santoso dalam acara itu.")
    assert (person.name, person.org and person.org.key) == ("Joko Santoso", "Kodim 0712/Tegal")


def test_a_title_inside_another_post_is_part_of_that_post() -> None:
    text = "Hadir Asisten Perekonomian Sekdaprov Jateng Sujarwanto Dwiatmoko dalam acara itu."
    [person] = found(text)
    assert person.role == "Asisten Perekonomian"


@pytest.mark.parametrize("dash", ["–", "-"])
def test_a_ticket_pair_gives_a_second_person_without_a_post(dash: str) -> None:
    text = f"Program ini mendukung visi Presiden Jokowi{dash}Amin tentang pekerja rentan."
    assert posts(text) == {"Jokowi": ("Presiden", None), "Amin": (None, None)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Santunan diserahkan kepada ahli waris atas nama Sutrisno dan Wagiyem di balai desa.",
            ["Sutrisno", "Wagiyem"],
        ),
        (
            "Santunan diterima Lestari, istri dari almarhum Bambang Irawan, pada Senin.",
            ["Bambang Irawan", "Lestari"],
        ),
        ("Klaim itu diajukan Darto, seorang pengemudi ojek.", ["Darto"]),
        # an age in parentheses after the name, honorifics before it left out
        ("Seorang penerima, Wayan Sudarma (61), petani asal Tabanan, mengaku terbantu.", ["Wayan Sudarma"]),
        ("Mama Ruth Kogoya (45 tahun), penjual sayur di Pasar Youtefa, ikut mendaftar.", ["Ruth Kogoya"]),
    ],
)
def test_untitled_persons_marked_by_a_cue(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected
    assert all(p.role is None for p in found(sentence))


def test_a_sentence_opening_word_before_a_cue_is_no_person() -> None:
    assert names("Menurutnya, anak-anak nelayan juga perlu dilindungi.") == []


PLACE = {"provinsi": ("Jawa Timur", "35"), "kabupaten": ("Sleman", "34.04"), "kota": ("Blitar", "35.72")}


def _title_sentence(row: dict[str, str]) -> tuple[str, str, str | None]:
    """A sentence for one row of titles.csv, with the role and organisation it should give."""
    title, mode, level = row["title"], row["org_mode"], row["level"]
    if mode == "region":
        place, code = PLACE[level or "kota"]
        written = place if title.split()[-1].lower() in PLACE or level else f"Kota {place}"
        return f"{title} {written} Budi Santoso hadir.", row["role"], code
    if mode == "fixed":
        return f"{title} Budi Santoso hadir.", row["role"], row["org"]
    if mode == "none":
        return f"Hadir pula {title} Budi Santoso.", row["role"], None
    if mode == "place":
        return f"Hadir pula {title} Sukamaju, Budi Santoso.", row["role"], None
    if mode == "secretariat":
        return (
            f"{title} Perekonomian Setda Kota Blitar, Budi Santoso, hadir.",
            f"{row['role']} Perekonomian",
            "35.72",
        )
    if mode == "fixed_prefix":
        return f"{title} Kota Blitar, Budi Santoso, hadir.", row["role"], f"{row['org']} Kota Blitar"
    if mode == "org_keep":
        return f"{title} BPJS Ketenagakerjaan Jawa Timur, Budi Santoso, hadir.", row["role"], "*"
    if mode == "subunit":
        return (
            f"{title} Kepesertaan BPJS Ketenagakerjaan, Budi Santoso, hadir.",
            f"{row['role']} Kepesertaan",
            "BPJS Ketenagakerjaan",
        )
    return f"{title} BPJS Ketenagakerjaan, Budi Santoso, hadir.", row["role"], "BPJS Ketenagakerjaan"


@pytest.mark.parametrize("row", rows("titles.csv"), ids=lambda r: r["title"])
def test_every_title(row: dict[str, str]) -> None:
    sentence, role, org = _title_sentence(row)
    found = posts(sentence)
    assert "Budi Santoso" in found, sentence
    got_role, got_org = found["Budi Santoso"]
    assert got_role == role
    if org == "*":
        assert got_org is not None and "BPJS Ketenagakerjaan" in got_org
    else:
        assert got_org == org


@pytest.mark.parametrize("row", rows("acting_prefixes.csv"), ids=lambda r: r["prefix"])
def test_every_acting_prefix(row: dict[str, str]) -> None:
    assert posts(f"{row['prefix']} Bupati Sleman Budi Santoso hadir.")["Budi Santoso"] == (
        f"{row['normalised']} Bupati",
        "34.04",
    )


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        (
            "Direktur Kepesertaan BPJS Ketenagakerjaan Zainal Arifin mengatakan.",
            "Zainal Arifin",
            "Direktur Kepesertaan",
            "BPJS Ketenagakerjaan",
        ),
        (
            "Deputi Direktur Wilayah BPJS Ketenagakerjaan Jawa Tengah dan DIY Sri Lestari menjelaskan.",
            "Sri Lestari",
            "Deputi Direktur Wilayah",
            "BPJS Ketenagakerjaan Jawa Tengah dan DIY",
        ),
        (
            "Kepala Kantor Wilayah BPJS Ketenagakerjaan Sulawesi Maluku, Hendra Wijaya, mengatakan.",
            "Hendra Wijaya",
            "Kepala Kantor Wilayah",
            "Kantor Wilayah BPJS Ketenagakerjaan Sulawesi Maluku",
        ),
        ("Menko PM Abdul Karim hadir.", "Abdul Karim", "Menteri Koordinator", "Kemenko PM"),
        (
            "Wakil Ketua DPRD Provinsi Bali I Made Suardana hadir.",
            "I Made Suardana",
            "Wakil Ketua",
            "DPRD Provinsi Bali",
        ),
    ],
)
def test_offices_of_every_level(sentence: str, name: str, role: str, org: str) -> None:
    assert posts(sentence)[name] == (role, org)


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        # a Dinas written out with its short form in the middle is the holder's organisation
        (
            "Kepala Dinas Perindustrian (Disperin) Kabupaten Garut, Rina Marlina, membuka pelatihan.",
            "Rina Marlina",
            "Kepala",
            "Dinas Perindustrian Kabupaten Garut",
        ),
        (
            "Plt Kepala Dinas Sosial (Dinsos) Kota Bitung Hendrik Wowor menyerahkan bantuan.",
            "Hendrik Wowor",
            "Plt Kepala",
            "Dinas Sosial Kota Bitung",
        ),
        # the acting prefix with its own short form
        (
            "Kegiatan dibuka Penjabat (Pj) Bupati Bangka Selatan, Toni Batubara.",
            "Toni Batubara",
            "Pj Bupati",
            "19.03",
        ),
        ("Pelaksana Tugas (Plt) Wali Kota Medan, Arif Lubis, hadir.", "Arif Lubis", "Plt Wali Kota", "12.71"),
        # the regency's secretary and its short form
        (
            "Menurut Sekretaris Kabupaten (Sekkab) Sleman, Wahyu Purnomo, data itu sudah lengkap.",
            "Wahyu Purnomo",
            "Sekretaris Kabupaten",
            "34.04",
        ),
        ("Sekkab Lombok Tengah Lalu Firman menutup rapat.", "Lalu Firman", "Sekretaris Kabupaten", "52.02"),
        # a branch named after a city's centre; the name follows without a comma
        (
            "Kepala BPJS Ketenagakerjaan Cabang Medan Kota Yusuf Harahap menyebut pendaftaran dibuka.",
            "Yusuf Harahap",
            "Kepala",
            "BPJS Ketenagakerjaan Cabang Medan Kota",
        ),
    ],
)
def test_titles_written_out_in_full(sentence: str, name: str, role: str, org: str) -> None:
    assert posts(sentence)[name] == (role, org)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hal itu disampaikan Ahmad di Pendopo Bupati, Cibinong, Selasa (4/3/2025).",
        "Rapat digelar di Rumah Dinas Bupati, Sumenep, pekan lalu.",
        "Pertemuan berlangsung di Ruang Rapat Wali Kota, Blitar, kemarin.",
    ],
)
def test_a_title_in_a_buildings_name_introduces_no_one(sentence: str) -> None:
    assert not any(p.role for p in found(sentence))


def test_a_building_of_a_named_office_holder_keeps_the_holder() -> None:
    sentence = "Acara digelar di Rumah Dinas Wali Kota Blitar Santoso Hadi dan dihadiri warga."
    assert posts(sentence)["Santoso Hadi"] == ("Wali Kota", "35.72")


@pytest.mark.parametrize("given", ["Moch.", "Abd.", "Mhd."])
def test_a_name_with_an_abbreviated_given_name_after_a_title(given: str) -> None:
    """The sentence splitter knows these abbreviations, so the title and the name share a sentence."""
    assert posts(f"Kepala Dinas Tenaga Kerja Kabupaten Sleman {given} Hasan membuka acara.") == {
        f"{given} Hasan": ("Kepala", "Dinas Tenaga Kerja Kabupaten Sleman")
    }


def test_a_person_no_title_introduces_is_found_by_the_tagger() -> None:
    [person] = found("Pengamat dari Universitas Tadulako, Bambang Sudarsono, menilai iuran itu kecil.")
    assert (person.name, person.rule) == ("Bambang Sudarsono", "person.tagger")


def test_the_tagger_adds_nobody_where_a_rule_found_the_person() -> None:
    [person] = found("Hal itu dikatakan Ketua Forum Pekerja Rentan Sulteng, Yulianus Tandi, kepada wartawan.")
    assert (person.name, person.role, person.rule) == ("Yulianus Tandi", "Ketua", "person.title")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # the place the article names elsewhere is passed over: the holder comes after it
        ("Desa Sukamulya menerima bantuan. Camat Sukamulya Ade Jaya hadir.", "Ade Jaya"),
        # no such place in the article: the words after the title are the holder's name
        ("Camat Ade Jaya hadir dalam acara itu.", "Ade Jaya"),
    ],
)
def test_a_district_head_before_or_without_the_place_name(sentence: str, name: str) -> None:
    assert [p.name for p in found(sentence) if p.role == "Camat"] == [name]


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        # TITLE ORG, NAME: a body no lexicon knows, then the holder after the comma
        (
            "Ketua Paguyuban Ojek Pangkalan Tobelo, Arman Sangaji, mengatakan.",
            "Arman Sangaji",
            "Ketua",
            "Paguyuban Ojek Pangkalan Tobelo",
        ),
        # ... closed by a body the lexicon knows
        (
            "Ketua Paguyuban Ojek DPRD Kaltim, Rahmat Hidayat, mengatakan.",
            "Rahmat Hidayat",
            "Ketua",
            "Paguyuban Ojek DPRD Kaltim",
        ),
    ],
)
def test_a_body_no_lexicon_knows_between_title_and_holder(
    sentence: str, name: str, role: str, org: str
) -> None:
    assert posts(sentence)[name] == (role, org)


@pytest.mark.parametrize(
    "sentence",
    [
        # the street after the governor's office is no governor
        "Acara digelar di Aula Siwalima, Kantor Gubernur Maluku, Jalan Pattimura, Ambon, Senin (7/7/2025).",
        "Acara digelar di Kantor Bupati Sikka, Bandara Frans Seda, Maumere, Senin (7/7/2025).",
    ],
)
def test_a_place_named_after_a_person_is_no_person(sentence: str) -> None:
    assert names(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        # the area a regional deputy director is named after is part of the post
        (
            "Hal itu disampaikan Deputi Direktur Wilayah Sulawesi dan Maluku Rudi Hartono kepada wartawan.",
            "Rudi Hartono",
            "Deputi Direktur Wilayah Sulawesi dan Maluku",
        ),
        (
            "Deputi Direktur Wilayah Kalimantan, Roy Siregar, hadir.",
            "Roy Siregar",
            "Deputi Direktur Wilayah Kalimantan",
        ),
    ],
)
def test_the_area_of_a_regional_post(sentence: str, name: str, role: str) -> None:
    assert names(sentence) == [name]
    assert posts(sentence)[name][0] == role


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        # the representative's post is in the office of the one represented
        (
            "Kepala Disnakertrans Sulbar berhalangan hadir dan diwakili Rudi Hartono selaku Kepala Bidang"
            " Hubungan Industrial dan Jaminan Sosial Tenaga Kerja.",
            "Rudi Hartono",
            "Kepala Bidang Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
            "Disnakertrans Sulbar",
        ),
    ],
)
def test_a_representative_and_a_role_whose_fields_end_the_clause(
    sentence: str, name: str, role: str, org: str
) -> None:
    assert names(sentence) == [name]
    assert posts(sentence)[name] == (role, org)


def test_a_title_without_its_place_takes_the_one_named_before_it_in_its_sentence() -> None:
    text = (
        "Penghargaan diraih Provinsi Bali dan Provinsi Jambi. Hal itu bentuk komitmen Pemprov Jambi di"
        " bawah kepemimpinan Gubernur Al Haris."
    )
    assert posts(text)["Al Haris"] == ("Gubernur", "15")


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        # a council's commission or committee is part of the post; the council is the organisation
        (
            "Ketua Bapemperda DPRD Kaltim, Rahmat Hidayat, mengatakan.",
            "Rahmat Hidayat",
            "Ketua Bapemperda",
            "DPRD Kaltim",
        ),
        (
            "Ketua Panitia Khusus (Pansus) II DPRD Berau, Yohanes Liem, mengatakan.",
            "Yohanes Liem",
            "Ketua Panitia Khusus II",
            "DPRD Berau",
        ),
    ],
)
def test_posts_in_a_councils_commissions(sentence: str, name: str, role: str, org: str) -> None:
    assert posts(sentence)[name] == (role, org)


@pytest.mark.parametrize(
    "sentence",
    [
        # a title's word inside a body's name heads no post
        "Rapat Dewan Perwakilan Rakyat Daerah Kabupaten Berau digelar Senin.",
        # the dateline's place written again after a building is no person
        "LUBUK BASUNG - Acara digelar di Aula Kantor Bupati Agam, Lubuk Basung, Kamis (10/7/2025).",
    ],
)
def test_no_person_inside_a_body_or_at_the_datelines_place(sentence: str) -> None:
    assert names(sentence) == []


@pytest.mark.parametrize(
    ("text", "name", "org"),
    [
        # a governor's staff, in an article about one city of a province: the province
        (
            "PALU - Pemkot Palu menggelar sosialisasi. Acara dibuka Staf Ahli Gubernur Bidang Ekonomi,"
            " Rahmat Lasimpo.",
            "Rahmat Lasimpo",
            "72",
        ),
        # a Sekda in an article about one province alone: that province
        ("Acara di Sulawesi Barat dibuka Sekretaris Daerah Muhammad Idris.", "Muhammad Idris", "76"),
    ],
)
def test_a_secretariat_post_without_its_place_in_an_article_about_one_place(
    text: str, name: str, org: str
) -> None:
    assert posts(text)[name][1] == org


@pytest.mark.parametrize(
    ("sentence", "name", "role", "org"),
    [
        # a scholar quoted by the press, with the university
        (
            "Akademisi Universitas Pattimura (Unpatti), Dr. Maria Latumahina, mengingatkan pentingnya data.",
            "Maria Latumahina",
            "Akademisi",
            "Universitas Pattimura",
        ),
    ],
)
def test_scholars_posts(sentence: str, name: str, role: str, org: str) -> None:
    assert posts(sentence)[name] == (role, org)


def test_a_list_of_kinds_of_member_names_no_one() -> None:
    assert (
        names("Tim terdiri dari unsur Dinas Terkait, Akademisi, Pakar Ketenagakerjaan, Praktisi Hukum.") == []
    )


def test_the_owner_of_a_business_holds_it() -> None:
    assert posts("Pemilik Keripik Sanjai Uni Ros, Rosmawati (48), hadir di Padang.")["Rosmawati"] == (
        "Pemilik",
        "Keripik Sanjai Uni Ros",
    )


@pytest.mark.parametrize("business", ["Tenun Ikat Lamaholot", "Kopi Ulee Kareng Jaya", "Bakso Mas Darmo"])
def test_a_name_that_begins_with_a_product_is_no_person(business: str) -> None:
    assert business not in names(f"Usaha rumahan di Flores Timur, {business}, terus berkembang.")


def test_a_guessed_name_that_the_award_makes_an_organisation_is_no_person() -> None:
    from kg.extract import extract
    from kg.model import OrganizationFact, PersonFact

    text = (
        "Usaha kerajinan rotan di Kabupaten Cirebon, Rotan Jaya Abadi, masuk nominasi Paritrana Award 2024."
    )
    facts = extract(clean(RawDocument(doc_id="t", source="test", text=text))).facts
    assert [f.name for f in facts if isinstance(f, OrganizationFact)] == ["Rotan Jaya Abadi"]
    assert [f.name for f in facts if isinstance(f, PersonFact)] == []


def test_a_place_title_after_selaku_names_the_holders_district_not_a_person() -> None:
    assert names("Yohana Sare selaku Camat Alok menyebut semua desa sudah mendaftar.") == ["Yohana Sare"]


def test_a_connective_before_name_comma_title_is_no_part_of_the_name() -> None:
    text = "Adapun Rudi Hartanto, Ketua Apindo Kalimantan Barat, meminta aturan itu tidak memberatkan."
    assert names(text) == ["Rudi Hartanto"]


def test_a_member_of_a_council_commission() -> None:
    text = "Anggota Komisi II DPRD Kabupaten Sigi, Hj. Nurhayati, meminta data diperbarui."
    assert posts(text)["Nurhayati"] == ("Anggota Komisi II", "DPRD Kabupaten Sigi")


def test_a_contracted_title_of_a_unit_keeps_the_units_place() -> None:
    assert posts("Hadir Kapolres Labuhanbatu AKBP Wahyu Nugroho dalam rapat itu.")["Wahyu Nugroho"] == (
        "Kepala",
        "Polres Labuhanbatu",
    )


def test_a_title_before_a_short_form_the_article_defined() -> None:
    text = (
        "Sosialisasi digelar bagi Ikatan Nelayan Tradisional (INT) Bitung. Ketua INT Bitung, H. Daud"
        " Mokoginta, menyambut baik."
    )
    assert posts(text)["Daud Mokoginta"] == ("Ketua", "Ikatan Nelayan Tradisional Bitung")


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        # a short form the article defined, written again with its region named bare
        (
            "Gabungan Pelaksana Konstruksi Nasional Indonesia (Gapensi) Kota Serang hadir. Ketua Gapensi"
            " Serang, H. Tb. Asep Mulyadi, mendukung.",
            "Asep Mulyadi",
            ("Ketua", "Gabungan Pelaksana Konstruksi Nasional Indonesia Kota Serang"),
        ),
        # a noble title of Banten or Aceh before the name is no part of it
        ("Bupati Pandeglang, Tb. Ahmad Fauzi, hadir.", "Ahmad Fauzi", ("Bupati", "36.01")),
    ],
)
def test_a_short_form_with_its_place_and_titles_of_nobility(
    text: str, name: str, post: tuple[str | None, str | None]
) -> None:
    assert posts(text)[name] == post


@pytest.mark.parametrize(
    ("sentence", "name", "post"),
    [
        (
            "Jaksa Pengacara Negara Kejari Kendari, Fadli Rahman, hadir.",
            "Fadli Rahman",
            ("Jaksa Pengacara Negara", "Kejari Kendari"),
        ),
        (
            "Pemimpin Cabang Bank Sultra Cabang Kolaka, Yusuf Effendi, hadir.",
            "Yusuf Effendi",
            ("Pemimpin Cabang", "Bank Sultra Cabang Kolaka"),
        ),
        # a police unit's place the gazetteer does not know ends where the holder's rank begins
        (
            "Kapolresta Barelang Kombes Pol Hartono Wibisana hadir.",
            "Hartono Wibisana",
            ("Kepala", "Polresta Barelang"),
        ),
    ],
)
def test_more_posts(sentence: str, name: str, post: tuple[str | None, str | None]) -> None:
    assert posts(sentence)[name] == post
