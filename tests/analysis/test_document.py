"""One analysis per article: typed spans from every lexicon, read by all the extractors."""

from __future__ import annotations

import pytest

from kg.analysis.document import Analysis, analyse
from kg.clean import clean
from kg.model import RawDocument


def _analysis(text: str) -> Analysis:
    return analyse(clean(RawDocument("t", "t.txt", text=text)))


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Wali Kota Palu, Hadianto Rasyid, hadir.", "title", ["Wali Kota"]),
        ("Wali Kota Palu, Hadianto Rasyid, hadir.", "region", ["Palu"]),  # the title is a span of its own
        ("Pemkot Palu dan Kabupaten Sigi bekerja sama.", "region", ["Pemkot Palu", "Kabupaten Sigi"]),
        ("Kabupaten Sigi meraih Paritrana Award 2024.", "award_cue.award", ["Paritrana Award"]),
        ("Kabupaten Sigi meraih Paritrana Award 2024.", "award_cue.receive", ["meraih"]),
        ("Kabupaten Sigi meraih Paritrana Award 2024.", "year", ["2024"]),
        ("Sebanyak 1.250 pekerja rentan terlindungi.", "number", ["1.250"]),
        ("Sebanyak 1.250 pekerja rentan terlindungi.", "segment", ["pekerja rentan"]),
        ("Dinas Tenaga Kerja Kota Palu menyusun Perda Nomor 3 Tahun 2022.", "regulation_kind", ["Perda"]),
    ],
)
def test_lexicons_give_typed_spans(text: str, label: str, expected: list[str]) -> None:
    assert [span.text for span in _analysis(text).spans.get(label, [])] == expected


def test_a_region_span_carries_its_kemendagri_codes() -> None:
    (region,) = _analysis("Bupati Sigi hadir.").spans["region"]
    assert region.data["codes"] == "72.10"


def test_sentences_are_token_ranges_of_the_articles_sentences() -> None:
    a = _analysis("Kota Palu menang. Kabupaten Sigi kalah.")
    assert [a.words(*r) for r in a.sentences] == ["Kota Palu menang.", "Kabupaten Sigi kalah."]
