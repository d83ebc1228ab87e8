"""Organisations: where a name ends, offices of known bodies, and heads that name a body alone."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.organizations import OrganizationExtractor, OrgMatch, orgs
from kg.lexicon import rows, words
from kg.model import OrganizationFact, RawDocument


def found(text: str) -> list[OrgMatch]:
    return orgs(Document(clean(RawDocument(doc_id="t", source="test", text=text))))


def names(text: str) -> list[str]:
    return [o.name for o in found(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a list: a known body after a comma is the next organisation, not part of the name
        ("Rapat diikuti Dinas Sosial, BPJS, dan pengusaha setempat.", ["Dinas Sosial", "BPJS"]),
        # an acronym after "dan" that is no body of its own continues the name
        ("Data berasal dari Disnakerkop dan UKM Kota Pekalongan.", ["Disnakerkop dan UKM Kota Pekalongan"]),
        # a known body's acronym after "dan" begins a second name
        ("Data dihimpun BPBD dan BPS Jambi pekan ini.", ["BPBD", "BPS Jambi"]),
        # regional agencies and unions named by their acronyms alone, with their place
        ("Laporan itu disusun BKPSDM bersama KSPSI Kota Jambi.", ["BKPSDM", "KSPSI Kota Jambi"]),
        ("Undangan dikirim kepada DPD Apindo Kota Jambi.", ["DPD Apindo Kota Jambi"]),
        # the sentence's full stop is not part of the name
        ("Pemkab bekerja sama dengan Dinas Tenaga Kerja. Hasilnya baik.", ["Dinas Tenaga Kerja"]),
        ("Rapat digelar di Rumah Makan Sederhana. Semua hadir.", ["Rumah Makan Sederhana"]),
        # a region named through a title is the next phrase, not the agency's place
        ("Acara itu di Rumah Dinas Bupati Kendal Dico Ganinduto.", []),
    ],
)
def test_where_a_name_ends(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Hadir pula Kepala Kejaksaan Negeri, Bambang Tri.", "Kejaksaan Negeri"),
        ("Laporan itu diteruskan ke Disnaker untuk ditindaklanjuti.", "Disnaker"),
    ],
)
def test_a_head_that_names_a_body_by_itself(sentence: str, name: str) -> None:
    assert name in names(sentence)


def test_an_acronym_in_parentheses_right_after_the_head() -> None:
    [found_org] = found("Kerja sama itu melibatkan Kejaksaan Tinggi (Kejati) Sulawesi Selatan.")
    assert (found_org.name, found_org.aliases) == (
        "Kejaksaan Tinggi Sulawesi Selatan",
        ("Kejati Sulawesi Selatan",),
    )


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Penghargaan diserahkan Kantor Wilayah BPJS Ketenagakerjaan Sumbagsel kepada bupati.",
            "Kantor Wilayah BPJS Ketenagakerjaan Sumbagsel",
        ),
        (
            "Acara digelar oleh Kanwil BPJamsostek Kalimantan Barat di Pontianak.",
            "Kanwil BPJamsostek Kalimantan Barat",
        ),
        (
            "Data itu dirilis BPJS Ketenagakerjaan Wilayah Bali, Nusa Tenggara dan Papua pekan lalu.",
            "BPJS Ketenagakerjaan Wilayah Bali, Nusa Tenggara dan Papua",
        ),
        (
            "Laporan disusun Badan Penyelenggara Jaminan Sosial Ketenagakerjaan Cabang Tual bulan ini.",
            "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan Cabang Tual",
        ),
        ("Surat itu dikirim BPJS Ketenagakerjaan Pusat kepada bupati.", "BPJS Ketenagakerjaan Pusat"),
    ],
)
def test_a_regional_office_keeps_its_place_even_when_it_is_no_region(sentence: str, name: str) -> None:
    assert names(sentence)[0] == name


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("BPJS Ketenagakerjaan Wilayah Jateng", "BPJS Ketenagakerjaan Wilayah Jawa Tengah"),
        ("BPJS Ketenagakerjaan wilayah Kaltim", "BPJS Ketenagakerjaan wilayah Kalimantan Timur"),
    ],
)
def test_a_regional_office_names_its_province_in_full(written: str, full: str) -> None:
    [office] = found(f"Data disampaikan {written} kepada wartawan.")
    assert (office.name, office.aliases) == (full, (written,))


def test_a_branch_keeps_its_place_as_written() -> None:
    [office] = found("Data disampaikan BPJS Ketenagakerjaan Kutim kepada wartawan.")
    assert (office.name, office.aliases) == ("BPJS Ketenagakerjaan Kutim", ())


KNOWN = [
    (name, row["name"])
    for row in rows("organizations.csv")
    for name in [row["name"], *row["aliases"].split("|")]
    if name
]


@pytest.mark.parametrize(("written", "canonical"), KNOWN, ids=[w for w, _ in KNOWN])
def test_every_known_name_and_alias(written: str, canonical: str) -> None:
    doc = Document(
        clean(RawDocument(doc_id="t", source="test", text=f"Acara itu dihadiri {written} pekan lalu."))
    )
    [match] = orgs(doc)
    assert (match.name, match.base) == (written, canonical)


@pytest.mark.parametrize("area", sorted(words("office_areas.txt")))
def test_every_office_area(area: str) -> None:
    assert names(f"Acara digelar Kanwil BPJS Ketenagakerjaan {area} pekan lalu.")[0] == (
        f"Kanwil BPJS Ketenagakerjaan {area}"
    )


@pytest.mark.parametrize(
    "row", [r for r in rows("org_heads.csv") if r["alone"] == "1"], ids=lambda r: r["head"]
)
def test_every_head_that_names_alone(row: dict[str, str]) -> None:
    assert names(f"Rapat itu digelar {row['head']} Kota Blitar kemarin.")[0] == f"{row['head']} Kota Blitar"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # a branch named after a city's centre, and BPJS's own area names
        (
            "Kepala BPJS Ketenagakerjaan Cabang Makassar Kota, Andi, hadir.",
            "BPJS Ketenagakerjaan Cabang Makassar Kota",
        ),
        (
            "Deputi Direktur BPJS Ketenagakerjaan Wilayah Bali Nusa Tenggara Papua, Nyoman Sari, hadir.",
            "BPJS Ketenagakerjaan Wilayah Bali Nusa Tenggara Papua",
        ),
        ("Rapat dihadiri DPRK Banda Aceh dan tokoh masyarakat.", "DPRK Banda Aceh"),
        ("Pendataan dipimpin Dinas Syariat Islam bersama camat.", "Dinas Syariat Islam"),
    ],
)
def test_offices_areas_and_councils(sentence: str, name: str) -> None:
    assert name in names(sentence)


def test_kota_that_begins_a_region_is_not_the_branchs() -> None:
    sentence = "Kepala BPJS Ketenagakerjaan Cabang Malang, Kota Batu dan Kabupaten Malang hadir."
    assert "BPJS Ketenagakerjaan Cabang Malang" in names(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Dinas Tenaga Kerja Kota Blitar (DTK. KB) menggelar sosialisasi.",
            ["Dinas Tenaga Kerja Kota Blitar"],
        ),
        ("Dinas Tenaga Kerja Kota Blitar (DTKKB) menggelar sosialisasi.", ["Dinas Tenaga Kerja Kota Blitar"]),
    ],
)
def test_a_name_ends_where_its_sentence_does(sentence: str, expected: list[str]) -> None:
    """A parenthesis that holds a sentence break ("(DTK. KB)") is no short form of the name: the name
    stops before it, so its mention lies in one sentence."""
    matches = found(sentence)
    assert [m.name for m in matches] == expected
    article = clean(RawDocument(doc_id="t", source="test", text=sentence))
    first = article.sentences[0]
    assert all(first.start <= m.start < m.end <= first.end for m in matches)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Aksi Serikat Pekerja Perkebunan Riau berlangsung damai.", ["Serikat Pekerja Perkebunan Riau"]),
        ("Mahasiswa Politeknik Negeri Kupang ikut mendata pekerja informal.", ["Politeknik Negeri Kupang"]),
        ("Rancangan itu disusun Biro Hukum Setda Provinsi Bengkulu.", ["Biro Hukum Setda Provinsi Bengkulu"]),
        # a hospital's short head ends the name coordinated before it
        (
            "Universitas Tadulako dan RS Budi Agung Palu menerima penghargaan.",
            ["Universitas Tadulako", "RS Budi Agung Palu"],
        ),
        ("Iuran Perkumpulan Nelayan Pesisir Selatan dibayar desa.", ["Perkumpulan Nelayan Pesisir Selatan"]),
        ("Sebanyak 300 karyawan PT Sumatera Pulp and Paper terdaftar.", ["PT Sumatera Pulp and Paper"]),
    ],
)
def test_heads_of_unions_schools_bureaus_associations_and_english_company_names(
    sentence: str, expected: list[str]
) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a council written with its region as one region mention keeps the region
        ("Wakil Ketua DPRD Jember Widarto hadir.", ["DPRD Jember"]),
        # a commission of a council, and a union's board, chain their heads
        ("Rapat digelar Komisi D DPRD Kabupaten Jember pekan lalu.", ["Komisi D DPRD Kabupaten Jember"]),
        (
            "Surat dikirim Dewan Pimpinan Cabang Konfederasi Serikat Pekerja Seluruh Indonesia Kota Batam.",
            ["Dewan Pimpinan Cabang Konfederasi Serikat Pekerja Seluruh Indonesia Kota Batam"],
        ),
    ],
)
def test_councils_their_commissions_and_union_boards(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ombudsman RI Perwakilan Sumatera Barat menerima laporan.",
            ["Ombudsman RI Perwakilan Sumatera Barat"],
        ),
        ("Laporan diperiksa BPK Perwakilan Provinsi Jambi.", ["BPK Perwakilan Provinsi Jambi"]),
    ],
)
def test_a_representative_office_of_a_national_body(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body a law is about is its subject, not an organisation the article speaks of
        ("Program itu amanat UU Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial.", []),
        # a body the lexicon knows is named all the same
        (
            "Perda Nomor 1 Tahun 2022 tentang Optimalisasi Program BPJS Ketenagakerjaan disahkan.",
            ["BPJS Ketenagakerjaan"],
        ),
        # ... and so is a body the article names outside the title too
        (
            "Perda Nomor 3 Tahun 2020 tentang Dinas Tenaga Kerja disusun Dinas Tenaga Kerja Kota Kendari.",
            ["Dinas Tenaga Kerja Kota Kendari"],
        ),
    ],
)
def test_a_body_named_in_a_regulation_title_is_no_organisation_fact(text: str, expected: list[str]) -> None:
    doc = Document(clean(RawDocument(doc_id="t", source="test", text=text)))
    assert [f.name for f in OrganizationExtractor()(doc) if isinstance(f, OrganizationFact)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fields of a merged office after commas, the last after "dan"
        (
            "Dinas Perindustrian, Perdagangan dan UKM Kabupaten Lembata menggelar rapat.",
            ["Dinas Perindustrian, Perdagangan dan UKM Kabupaten Lembata"],
        ),
        # a second office, a company, a known body or a person after the comma is no field
        (
            "Hadir Dinas Sosial, Dinas Kesehatan dan Dinas Pendidikan.",
            ["Dinas Sosial", "Dinas Kesehatan", "Dinas Pendidikan"],
        ),
        ("Hadir Dinas Sosial, PT Timah dan Bank Sumut.", ["Dinas Sosial", "PT Timah", "Bank Sumut"]),
        ("Hadir Dinas Sosial, Apindo dan Kadin.", ["Dinas Sosial", "Apindo", "Kadin"]),
        ("Hadir Dinas Sosial, Budi Santoso dan Ani Lestari.", ["Dinas Sosial"]),
    ],
)
def test_the_fields_of_a_merged_office(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        # the holder after the comma: the words before it are the body's name, not a person's
        (
            "Ketua Gabungan Kelompok Tani (Gapoktan) Sumber Rejeki, Paulus Naben, berharap.",
            "Gabungan Kelompok Tani Sumber Rejeki",
            ("Gapoktan Sumber Rejeki",),
        ),
        # the short form of the head alone, the name after it
        (
            "Hadir Pengurus Besar (PB) Mathla'ul Anwar.",
            "Pengurus Besar Mathla'ul Anwar",
            ("PB Mathla'ul Anwar",),
        ),
        # an acronym that leaves out the head: the short form keeps the head
        (
            "Hadir Sinode Gereja Protestan Maluku (GPM).",
            "Sinode Gereja Protestan Maluku",
            ("Sinode GPM",),
        ),
    ],
)
def test_short_forms_in_brackets_and_the_words_after_them(
    text: str, name: str, aliases: tuple[str, ...]
) -> None:
    [match] = found(text)
    assert (match.name, match.aliases) == (name, aliases)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a church's name may say where it is, after "di" ...
        ("Hadir Gereja Masehi Injili di Timor.", ["Gereja Masehi Injili di Timor"]),
        # ... but not where its building stands
        ("Ibadah di Gereja Katolik di Jalan Sudirman.", ["Gereja Katolik"]),
        ("Acara di Gereja Sion di Kota Ambon.", ["Gereja Sion"]),
        # the synod of a church, a commission of a diocese and its place
        ("Hadir Sinode Gereja Protestan Maluku.", ["Sinode Gereja Protestan Maluku"]),
        ("Hadir Sinode Gereja Masehi Injili di Halmahera.", ["Sinode Gereja Masehi Injili di Halmahera"]),
        (
            "Hadir Komisi Keadilan dan Perdamaian Keuskupan Atambua.",
            ["Komisi Keadilan dan Perdamaian Keuskupan Atambua"],
        ),
        # state-owned companies written without PT, and with it
        ("Kerja sama dengan Jasa Raharja dan Pelindo.", ["Jasa Raharja", "Pelindo"]),
        ("Kerja sama dengan PT Jasa Raharja.", ["PT Jasa Raharja"]),
    ],
)
def test_churches_dioceses_and_state_owned_companies(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "serta" joins two names ...
        (
            "Kategori itu dimenangi CV Amplang Tenggarong serta Toko Sinar Jaya.",
            ["CV Amplang Tenggarong", "Toko Sinar Jaya"],
        ),
        # ... unless a word of an office's name follows it
        ("Dinas Kependudukan serta Pencatatan Sipil hadir.", ["Dinas Kependudukan serta Pencatatan Sipil"]),
    ],
)
def test_serta_between_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in a title-case headline a name ends at its place, not at the next capitalised verb
        ("Dewan Pengupahan Sikka Memanas\n\nMAUMERE - Rapat dimulai.", ["Dewan Pengupahan Sikka"]),
        ("Komisi II DPRD Sulbar Kebut Raperda\n\nMAMUJU - Rapat dimulai.", ["Komisi II DPRD Sulbar"]),
        # a company's name in a headline has no place to end at: it keeps its words
        ("PT Sinar Abadi Raih Penghargaan\n\nJAKARTA - Acara dimulai.", ["PT Sinar Abadi"]),
        # the holder after a campus's place, without a comma
        ("Direktur Politeknik Negeri Kupang Maria Lede mengatakan.", ["Politeknik Negeri Kupang"]),
    ],
)
def test_where_names_end_in_headlines_and_before_holders(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        # a one-word short form with the name's first letter, then the place
        (
            "Hadir Asosiasi Pedagang Pasar Seluruh Indonesia (Appsindo) Sulawesi Tengah.",
            "Asosiasi Pedagang Pasar Seluruh Indonesia Sulawesi Tengah",
            ("Appsindo Sulawesi Tengah",),
        ),
        # a short form the region's mention took in ("Kota (DPK) Sorong")
        (
            "Rapat Dewan Pengupahan Kota (DPK) Sorong dimulai.",
            "Dewan Pengupahan Kota Sorong",
            ("DPK Sorong",),
        ),
    ],
)
def test_bracketed_short_forms_inside_names(text: str, name: str, aliases: tuple[str, ...]) -> None:
    [match] = found(text)
    assert (match.name, match.aliases) == (name, aliases)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a business named in quotes after a word for it
        ('Ia pemilik kedai kopi "Kopi Tepi Danau" di Sentani.', ["Kopi Tepi Danau"]),
        ('Usaha binatu "Laundry Bersih 24 Jam" ikut mendaftar.', ["Laundry Bersih 24 Jam"]),
        # quoted words after no word for a business are a quotation
        ('Ia menyebut program itu "Sangat Membantu" bagi warga.', []),
    ],
)
def test_a_business_named_in_quotes(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a branch's place of two words, closed by a comma
        (
            "Kepala BPJS Ketenagakerjaan Cabang Tanjung Redeb, Andi Saputra, hadir.",
            ["BPJS Ketenagakerjaan Cabang Tanjung Redeb"],
        ),
        # a pioneer branch, with its short form inside the name
        (
            "Hadir BPJS Ketenagakerjaan Kantor Cabang Perintis (KCP) Larantuka dan Pemkab Flores Timur.",
            ["BPJS Ketenagakerjaan Kantor Cabang Perintis Larantuka"],
        ),
        # one word when a holder's name may follow it
        (
            "Kepala BPJS Ketenagakerjaan Cabang Meulaboh Husaini mengatakan.",
            ["BPJS Ketenagakerjaan Cabang Meulaboh"],
        ),
    ],
)
def test_the_place_of_a_branch(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # village enterprises and tourism groups, whose names often end in "Bersama"
        ("Di antaranya BUMDes Karya Bersama di Desa Loang Baloq.", ["BUMDes Karya Bersama"]),
        (
            "Hadir Pokdarwis Tetebatu dan BUMDes Karya Bersama.",
            ["Pokdarwis Tetebatu", "BUMDes Karya Bersama"],
        ),
        ("Hadir Balai Taman Nasional Komodo.", ["Balai Taman Nasional Komodo"]),
    ],
)
def test_village_enterprises_tourism_groups_and_park_offices(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_place_after_a_comma_that_repeats_the_names_own_says_where_it_is() -> None:
    assert names("Rapat di kantor Dinas Tenaga Kerja Kota Batam, Batam Center, Kamis.") == [
        "Dinas Tenaga Kerja Kota Batam"
    ]


def test_a_hospital_named_after_a_person_with_an_initial() -> None:
    assert names("Pasien dirujuk ke RSUD dr. M. Haulussy Ambon.") == ["RSUD dr. M. Haulussy Ambon"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of body every village has, named without its village, is none
        ("Anggota Badan Permusyawaratan Desa ikut didaftarkan.", []),
        # a province after a comma says where the body is
        (
            "Dinas Sosial Kabupaten Ende, Nusa Tenggara Timur, menggelar rapat.",
            ["Dinas Sosial Kabupaten Ende"],
        ),
    ],
)
def test_village_bodies_and_a_province_after_a_comma(text: str, expected: list[str]) -> None:
    doc = Document(clean(RawDocument(doc_id="t", source="test", text=text)))
    assert [f.name for f in OrganizationExtractor()(doc) if isinstance(f, OrganizationFact)] == expected


def test_a_coordination_forum_of_a_regions_leaders_is_no_organisation() -> None:
    text = (
        "Forum Koordinasi Pimpinan Daerah (Forkopimda) Kabupaten Asahan menggelar rapat bersama Dinas Sosial."
    )
    doc = Document(clean(RawDocument(doc_id="t", source="test", text=text)))
    assert [f.name for f in OrganizationExtractor()(doc) if isinstance(f, OrganizationFact)] == [
        "Dinas Sosial"
    ]


def test_a_named_community_is_an_organisation() -> None:
    assert "Komunitas Ojol Sejahtera Kendari" in names("Ketua Komunitas Ojol Sejahtera Kendari, Budi, hadir.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Penghargaan diraih PT Bank Sulselbar (Perseroda) tahun ini.",
            ("PT Bank Sulselbar (Perseroda)", ()),
        ),
        ("Penghargaan diraih PT Semen Tonasa (Persero) tahun ini.", ("PT Semen Tonasa (Persero)", ())),
    ],
)
def test_a_legal_form_in_parentheses_is_part_of_the_name_and_no_alias(
    text: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    [match] = [m for m in found(text) if m.name.startswith("PT")]
    assert (match.name, match.aliases) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # capitalised words set off before the words for what they are: a business no head word begins
        (
            "Penghargaan jatuh kepada Lembah Hijau Lestari, perusahaan perkebunan di Bengkulu.",
            ["Lembah Hijau Lestari"],
        ),
        ("Kopi Puncak Kerinci, produsen kopi bubuk, ikut hadir.", ["Kopi Puncak Kerinci"]),
        ("Sinar Tani Makmur, anak usaha PT Tunas Baru, juga hadir.", ["Sinar Tani Makmur", "PT Tunas Baru"]),
        # a title holder, a person or a region set off the same way is none
        ("Bupati Sleman, Kustini, hadir di sana.", []),
        ("Budi Santoso, pengusaha kopi, ikut hadir.", []),
        ("Budi Santoso, anak petani kopi, ikut hadir.", []),
        ("Kabupaten Lahat, produsen kopi terbesar, ikut hadir.", []),
    ],
)
def test_a_business_described_after_its_name(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    "kind", ["Badan Usaha Milik Daerah", "Badan Usaha Milik Negara", "Badan Usaha Milik Desa"]
)
def test_a_kind_of_business_is_no_organisation(kind: str) -> None:
    assert names(f"Penghargaan juga diberikan kepada {kind} yang patuh.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a branch named after a place of two words no region's name covers
        (
            "Hadir Kepala BPJS Ketenagakerjaan Cabang Tanjung Morawa Budi Santoso.",
            ["BPJS Ketenagakerjaan Cabang Tanjung Morawa"],
        ),
        # a regency's board of an employers' association
        (
            "Kesepakatan diteken Dewan Pimpinan Kabupaten Asosiasi Pengusaha Indonesia (DPK Apindo) Karo.",
            ["Dewan Pimpinan Kabupaten Asosiasi Pengusaha Indonesia Karo"],
        ),
    ],
)
def test_branches_and_boards(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # headlines capitalise verbs: they end a name
        ("Koperasi Tani Makmur Ikut Diganjar Penghargaan", ["Koperasi Tani Makmur"]),
        # a kind of hospital is no hospital's name
        ("Dari BUMN hingga Rumah Sakit Swasta Diganjar Penghargaan", []),
        # what a body is, after a comma, is no part of its name
        (
            "Juara kedua diraih Perumda Air Minum Tirta Raya, BUMD yang disiplin.",
            ["Perumda Air Minum Tirta Raya"],
        ),
    ],
)
def test_headline_verbs_and_kinds(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a council's numbered committee is part of the council
        (
            "Rapat digelar Komisi III DPRD Kabupaten Siak bersama Disnaker.",
            ["DPRD Kabupaten Siak", "Disnaker"],
        ),
        # a committee without its council, before its head's name, names no body
        ("Ketua Komisi III Syafrizal Tanjung memimpin rapat.", []),
        # a council's standing body and a named commission are bodies of their own
        ("Bapemperda DPRD Provinsi Maluku membahas ranperda.", ["Bapemperda DPRD Provinsi Maluku"]),
    ],
)
def test_a_councils_committee_is_the_council(sentence: str, expected: list[str]) -> None:
    article = clean(RawDocument(doc_id="t", source="test", text=sentence))
    facts = OrganizationExtractor()(Document(article))
    assert [f.name for f in facts if isinstance(f, OrganizationFact)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Usulan itu dipersoalkan Dewan dalam rapat.", []),  # "the council", named back
        ("Dewan Pengupahan Kota Batam menggelar rapat.", ["Dewan Pengupahan Kota Batam"]),
    ],
)
def test_the_word_dewan_alone_names_no_body(sentence: str, expected: list[str]) -> None:
    assert names(sentence) == expected


def test_a_mother_and_child_hospital_keeps_its_name() -> None:
    assert names("Juara diraih Rumah Sakit Ibu dan Anak Bunda Seulanga di Banda Aceh.") == [
        "Rumah Sakit Ibu dan Anak Bunda Seulanga"
    ]
