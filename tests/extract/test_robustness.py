"""Bad input neither crashes extraction nor misleads it: line breaks, invisible characters, odd case.

Every extraction must keep the invariants of kg/extract/invariants.py: a mention's
anchor is the text at its offsets and lies inside its sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import PARAGRAPH, time_limit

from kg.clean import clean
from kg.extract import extract
from kg.extract.invariants import mention_problems
from kg.ingest import read_inputs
from kg.model import ExtractedArticle, RawDocument

ROOT = Path(__file__).resolve().parents[2]
LINE_BREAKS = ["\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
INVISIBLE = [
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e",
    *"\u2066\u2069\x07\x1b",
]
SPACES = [m.start() for m in re.finditer(" ", PARAGRAPH)]


def extracted(text: str) -> ExtractedArticle:
    return extract(clean(RawDocument(doc_id="uji", source="uji.txt", text=text)))


@pytest.mark.parametrize("separator", LINE_BREAKS)
def test_a_line_break_inside_an_award_name_is_no_crash(separator: str) -> None:
    """ "Paritrana<line break>Award" once raised KeyError('Paritrana\\nAward')."""
    result = extracted(PARAGRAPH.replace("Paritrana Award", f"Paritrana{separator}Award"))
    assert mention_problems(result) == []
    assert all("\n" not in f.evidence.text for f in result.facts)


@pytest.mark.parametrize("space", SPACES)
def test_a_line_break_anywhere_leaves_every_mention_inside_its_sentence(space: int) -> None:
    """Names, citations, titles and counts cut by a line break: no mention runs into the next line."""
    result = extracted(f"{PARAGRAPH[:space]}\n{PARAGRAPH[space + 1 :]}")
    assert mention_problems(result) == []


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_change_no_fact(mark: str) -> None:
    marked = re.sub(r"(?<=[A-Za-z])(?=[a-z])", lambda _: mark, PARAGRAPH[:200]) + PARAGRAPH[200:]
    marked = marked.replace(" ", f"{mark} {mark}")
    assert extracted(marked).facts == extracted(PARAGRAPH).facts


@pytest.mark.parametrize(
    "text",
    [
        "Sebanyak 14 rİbu pekerja di Kota Blitar terdaftar sebagai peserta BPJS Ketenagakerjaan.",
        "Sebanyak 2 JUTA pekerja di Kota Blitar terdaftar sebagai peserta BPJS Ketenagakerjaan.",
        "Pemkot Blitar menyuſun Perda Nomor 5 Tahun 2020 tentang Perlindungan Pekerja.",
        "Pemkot Blitar MENYUSUN Perda Nomor 5 Tahun 2020 tentang Perlindungan Pekerja.",
    ],
)
def test_unicode_case_folding_in_a_cue_is_no_crash(text: str) -> None:
    """Under re.IGNORECASE "İ" matches "i" and "ſ" matches "s", which str.lower() does not undo."""
    assert mention_problems(extracted(text)) == []


@pytest.mark.parametrize(
    "number", ["9" * 400, "1" + ".000" * 120, f"{'7' * 350},5", f"{'9' * 305} juta", f"satu {'ratus ' * 160}"]
)
def test_a_huge_number_is_no_crash_and_no_figure(number: str) -> None:
    """A figure's value once became infinity, and int(inf) raised OverflowError in figures._skip."""
    result = extracted(
        f"Sebanyak {number} pekerja di Kota Blitar terdaftar sebagai peserta BPJS Ketenagakerjaan."
    )
    assert mention_problems(result) == []
    assert [f for f in result.facts if type(f).__name__ == "FigureFact"] == []


def test_the_cues_match_in_ascii_case_only() -> None:
    facts = extracted(
        "Sebanyak 2 JUTA pekerja di Kota Blitar terdaftar sebagai peserta BPJS Ketenagakerjaan."
    )
    assert [getattr(f, "value", None) for f in facts.facts if type(f).__name__ == "FigureFact"] == [2_000_000]
    drafts = extracted("Pemkot Blitar MENYUSUN Perda Nomor 5 Tahun 2020 tentang Perlindungan Pekerja.")
    assert [getattr(f, "modality", None) for f in drafts.facts if type(f).__name__ == "RegulationFact"] == [
        "draft"
    ]


@pytest.mark.parametrize("run", [".", "?", "!?"])
def test_a_run_of_sentence_marks_is_read_in_linear_time(run: str) -> None:
    """The sentence splitter tried a run of marks inside a word from each of its marks, and from each
    read to the run's end: sixty thousand dots took minutes."""
    with time_limit(5):
        result = extracted(f"Kota Blitar menambah pes{run * 60_000}erta. Pekerja Kota Blitar terlindungi.")
    assert mention_problems(result) == []


@pytest.mark.parametrize("honorific", ["Dr.", "Prof. ", "H. "])
def test_a_run_of_honorifics_is_read_in_linear_time(honorific: str) -> None:
    """Each capitalised word asked for a name, and each name skipped the honorifics to the run's end:
    five thousand "Dr." took most of a minute. A real run is a handful of words."""
    with time_limit(5):
        result = extracted(f"Bupati Sleman {honorific * 5_000}Harda Wiyana hadir. Kota Blitar terlindungi.")
    assert mention_problems(result) == []


@pytest.mark.parametrize(
    "text",
    [
        "Asisten Perekonomian dan Pembangunan. Rakyat Setdaprov Jateng Harda Wiyana hadir.",
        "Deputi Direktur... BPJS Ketenagakerjaan Wilayah Jateng, Harda Wiyana, hadir.",
        "Pemkot Blitar meluncurkan inovasi SIAGA (Sistem Aman? Gerakan Andal) bagi pekerja rentan.",
    ],
)
def test_a_title_or_an_expansion_cut_by_a_sentence_break_gives_no_mention(text: str) -> None:
    """The title's or the parenthesis' pattern read across ". " or "? ", where the splitter ended the
    sentence: the person or programme would have had a mention in two sentences."""
    assert mention_problems(extracted(text)) == []


@pytest.mark.parametrize(
    "folder", [ROOT / "seeds", ROOT / "tests" / "data" / "probe", ROOT / "tests" / "data" / "probe2"]
)
def test_every_mention_of_the_project_corpora_lies_inside_its_sentence(folder: Path) -> None:
    for raw in read_inputs([folder]):
        assert isinstance(raw, RawDocument)
        assert mention_problems(extract(clean(raw))) == []
