"""Resolving names to one identity: office places however written, agencies named with their region."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import extract
from kg.model import OrganizationFact, RawDocument
from kg.resolve import org_identity, resolve_article


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("BPJS Ketenagakerjaan Wilayah Jatim", "BPJS Ketenagakerjaan Wilayah Jawa Timur"),
        ("Kanwil BPJS Ketenagakerjaan Sulsel", "Kanwil BPJS Ketenagakerjaan Sulawesi Selatan"),
    ],
)
def test_an_office_place_keys_the_same_written_short_or_in_full(short: str, full: str) -> None:
    assert org_identity(short) == org_identity(full)


def test_an_ambiguous_place_keeps_its_written_key() -> None:
    assert org_identity("BPJS Ketenagakerjaan Cabang Madiun") == "org/bpjs-ketenagakerjaan/madiun"


def organisations(text: str) -> dict[str, list[str]]:
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    resolved = resolve_article(extract(article))
    return {g.name: g.aliases for g in resolved.groups if g.kind == "organization"}


def test_an_acronym_with_its_region_names_the_agency_the_article_defined() -> None:
    text = (
        "Pemkab Brebes menggandeng DPMD (Dinas Pemberdayaan Masyarakat dan Desa) "
        "untuk mendata perangkat desa. "
        "Kepala DPMD Kabupaten Brebes, Sutrisno, menyebut 2.000 perangkat desa sudah terdaftar."
    )
    assert organisations(text)["Dinas Pemberdayaan Masyarakat dan Desa"] == ["DPMD", "DPMD Kabupaten Brebes"]


def test_a_branch_of_a_known_body_stays_an_office_of_its_own() -> None:
    text = (
        "Badan Penyelenggara Jaminan Sosial (BPJS) Ketenagakerjaan mencatat kenaikan peserta. "
        "BPJS Ketenagakerjaan Kutim menyebut angka itu naik."
    )
    found = organisations(text)
    assert "BPJS Ketenagakerjaan Kutim" in found


def test_a_regional_office_is_named_with_its_province_in_full() -> None:
    text = "Deputi Direktur BPJS Ketenagakerjaan Wilayah Jateng Budi Santoso hadir."
    facts = extract(clean(RawDocument(doc_id="t", source="test", text=text))).facts
    [office] = [f for f in facts if isinstance(f, OrganizationFact)]
    assert (office.name, office.aliases) == (
        "BPJS Ketenagakerjaan Wilayah Jawa Tengah",
        ("BPJS Ketenagakerjaan Wilayah Jateng",),
    )


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("DPRD Jember", "DPRD Kabupaten Jember"),
        ("Dinas Tenaga Kerja Batam", "Dinas Tenaga Kerja Kota Batam"),
        ("Dinas Sosial Jatim", "Dinas Sosial Provinsi Jawa Timur"),
    ],
)
def test_a_body_named_with_its_region_keys_the_same_however_the_region_is_written(
    short: str, full: str
) -> None:
    assert org_identity(short) == org_identity(full) == f"org/{full.lower().replace(' ', '-')}"


@pytest.mark.parametrize("name", ["DPRD Bekasi", "PT Semen Padang", "Dinas Sosial"])
def test_an_ambiguous_region_a_company_or_no_region_keeps_the_written_key(name: str) -> None:
    assert org_identity(name) == f"org/{name.lower().replace(' ', '-')}"


@pytest.mark.parametrize(
    ("text", "office", "bare"),
    [
        (
            "Rapat diikuti BPJS Ketenagakerjaan Cabang Madiun dan Kadin Kota Madiun. Kepala Kantor Cabang"
            " Madiun, Budi Santoso, memaparkan data.",
            "BPJS Ketenagakerjaan Cabang Madiun",
            "Kantor Cabang Madiun",
        ),
        (
            "Hadir pula BPJS Ketenagakerjaan Kantor Wilayah Sumbagut. Deputi Direktur Kanwil Sumbagut,"
            " Hendra Lubis, memberi sambutan.",
            "BPJS Ketenagakerjaan Kantor Wilayah Sumbagut",
            "Kanwil Sumbagut",
        ),
    ],
)
def test_an_office_named_without_its_body_is_the_known_bodys_office_there(
    text: str, office: str, bare: str
) -> None:
    found = organisations(text)
    assert bare in found[office] and bare not in found


def test_an_acronym_written_bare_names_back_the_one_body_defined_with_it() -> None:
    text = (
        "Dinas Tenaga Kerja (Disnaker) Kabupaten Siak menggelar rapat. Disnaker meminta perusahaan"
        " mendaftarkan pekerjanya."
    )
    found = organisations(text)
    assert "Disnaker" in found["Dinas Tenaga Kerja Kabupaten Siak"] and "Disnaker" not in found


def test_an_acronym_two_bodies_share_stays_a_name_of_its_own() -> None:
    text = (
        "Dinas Sosial (Dinsos) Kabupaten Siak dan Dinas Sosial (Dinsos) Kota Dumai hadir. Dinsos"
        " mendata warga."
    )
    assert "Dinsos" in organisations(text)


@pytest.mark.parametrize(
    "written",
    ["ORI Kepri", "Ombudsman RI Perwakilan Kepri", "Ombudsman Republik Indonesia Perwakilan Kepulauan Riau"],
)
def test_a_national_bodys_provincial_office_keys_the_same_however_written(written: str) -> None:
    assert org_identity(written) == "org/ombudsman-republik-indonesia/kepulauanriau"
