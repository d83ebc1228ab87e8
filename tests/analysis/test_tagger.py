"""The learned name tagger: a CRF shipped with the package, deterministic and offline."""

from __future__ import annotations

import pytest

from kg.analysis.document import Analysis, analyse
from kg.analysis.tagger import WINDOW, features, tag, unread_stretches
from kg.clean import clean
from kg.model import RawDocument


def _analysis(text: str) -> Analysis:
    return analyse(clean(RawDocument("t", "t.txt", text=text)))


def _names(text: str, kind: str) -> list[str]:
    a = _analysis(text)
    return [a.words(t.start, t.end) for t in tag(a) if t.kind == kind]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Pengamat jaminan sosial dari Universitas Tadulako, Bambang Sudarsono, menilai iuran itu kecil.",
            "Bambang Sudarsono",
        ),
        (
            "Hal itu dikatakan Ketua Forum Pekerja Rentan Sulteng, Yulianus Tandi, kepada wartawan.",
            "Yulianus Tandi",
        ),
        ('"Iuran itu terlalu kecil," kata Bambang Sudarsono.', "Bambang Sudarsono"),
    ],
)
def test_a_person_no_title_list_knows_is_tagged(text: str, name: str) -> None:
    assert name in _names(text, "PER")


def test_a_tagged_name_carries_the_least_marginal_of_its_tokens() -> None:
    a = _analysis("Pengamat dari Universitas Tadulako, Bambang Sudarsono, menilai iuran itu kecil.")
    [person] = [t for t in tag(a) if t.kind == "PER"]
    assert 0.0 < person.confidence <= 1.0


def test_tagging_is_deterministic() -> None:
    text = "Menurut Sekretaris Dinas Sosial Kota Palu, Andi Rahman, pendataan selesai pekan ini."
    assert tag(_analysis(text)) == tag(_analysis(text))


def test_every_token_has_features_with_its_neighbours() -> None:
    a = _analysis("Kepala Dinas Andi Rahman hadir.")
    found = features(a, 0, len(a.tokens))
    assert len(found) == len(a.tokens)
    assert "0:w=andi" in found[2] and "-1:w=dinas" in found[2] and "1:w=rahman" in found[2]
    assert "-2:edge" in found[0]


def test_only_stretches_around_capitalised_words_no_reader_took_are_tagged() -> None:
    a = _analysis("Iuran dibayar pemerintah daerah.\nPengamat jaminan sosial Bambang Sudarsono menilai.")
    [(start, end)] = unread_stretches(a, set())
    assert a.words(start, end) == "Pengamat jaminan sosial Bambang Sudarsono menilai."
    assert unread_stretches(a, set(range(len(a.tokens)))) == []


def test_a_stretch_reaches_a_window_either_side_of_the_run() -> None:
    words = " ".join(f"kata{n}" for n in range(20))
    a = _analysis(f"{words} Bambang Sudarsono {words}.")
    [(start, end)] = unread_stretches(a, set())
    run = next(t.index for t in a.tokens if t.text == "Bambang")
    assert (start, end) == (run - WINDOW, run + 2 + WINDOW)
