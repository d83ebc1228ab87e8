"""Regulations in their common written forms, with kind, number, year, title and issuer."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.extract import Document
from kg.extract.regulations import RegulationExtractor
from kg.model import RawDocument, RegulationFact


def regulations(text: str) -> list[RegulationFact]:
    article = clean(RawDocument(doc_id="t", source="test", text=text))
    return [f for f in RegulationExtractor()(Document(article)) if isinstance(f, RegulationFact)]


@pytest.mark.parametrize(
    ("sentence", "kind", "number", "year"),
    [
        ("Pemkab menerbitkan Peraturan Daerah Nomor 7 Tahun 2020 untuk pekerja.", "Perda", "7", 2020),
        ("Dasarnya adalah Perda No. 4/2016 yang berlaku.", "Perda", "4", 2016),
        ("Ia merujuk Perwali 93/2020 soal iuran.", "Perwal", "93", 2020),
        ("Aturan itu mengacu pada Permenaker 4/2018.", "Permen", "4", 2018),
        ("Sesuai Permendagri 15/2024, daerah wajib menganggarkan.", "Permen", "15", 2024),
        ("Amanat PP 82/2019 jelas.", "PP", "82", 2019),
        ("Presiden menerbitkan Inpres 2/2021.", "Inpres", "2", 2021),
        ("Dasarnya UU 40/2004 tentang SJSN.", "UU", "40", 2004),
        ("Berdasarkan Undang-Undang Nomor 24 Tahun 2011, BPJS bertugas.", "UU", "24", 2011),
    ],
)
def test_regulation_forms(sentence: str, kind: str, number: str, year: int) -> None:
    [found] = regulations(sentence)
    assert (found.kind, found.number, found.year) == (kind, number, year)


def test_title_and_issuer_from_the_citation() -> None:
    text = (
        "Bupati Sleman menetapkan Peraturan Bupati Sleman Nomor 12 Tahun 2022"
        " tentang Perlindungan Pekerja Rentan."
    )
    [found] = regulations(text)
    assert found.title == "Perlindungan Pekerja Rentan"
    assert found.issuer is not None and found.issuer.key == "34.04"


def test_lower_case_title_ends_at_the_clause() -> None:
    [found] = regulations(
        "Kota Blitar memiliki Perda Nomor 3 Tahun 2021 tentang jaminan sosial daerah dengan anggaran besar."
    )
    assert found.title == "jaminan sosial daerah"
    assert found.issuer is not None and found.issuer.key == "35.72"


def test_a_draft_is_kept_as_a_draft() -> None:
    [found] = regulations("DPRD membahas Ranperda Nomor 5 Tahun 2025 tentang Jaminan Sosial.")
    assert found.modality == "draft"
