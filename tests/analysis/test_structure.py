"""Clauses, lists, places and "masing-masing", read once for every extractor."""

from __future__ import annotations

import pytest

from kg.analysis.document import Analysis, analyse
from kg.analysis.structure import after_bullet, clauses, coordinated, ranked, respectively
from kg.clean import clean
from kg.model import RawDocument


def _analysis(text: str) -> Analysis:
    return analyse(clean(RawDocument("t", "t.txt", text=text)))


def _lists(text: str) -> list[list[str]]:
    a = _analysis(text)
    found = coordinated(a.tokens, 0, len(a.tokens), a.items_of("region"))
    return [[a.words(i.start, i.end) for i in lst.items] for lst in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Penghargaan diterima Kabupaten Sigi, Kota Palu dan Kabupaten Donggala.",
            [["Kabupaten Sigi", "Kota Palu", "Kabupaten Donggala"]],
        ),
        (
            "Tiga daerah yaitu Kabupaten Sigi; Kota Palu; serta Kabupaten Poso.",
            [["Kabupaten Sigi", "Kota Palu", "Kabupaten Poso"]],
        ),
        ("Kota Palu meraihnya, lalu Kabupaten Sigi juga.", [["Kota Palu"], ["Kabupaten Sigi"]]),
    ],
)
def test_coordinated_items_are_one_list(text: str, expected: list[list[str]]) -> None:
    assert _lists(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma left out inside a list that goes on after it
        (
            "Diraih Kota Palu Kota Bitung, dan Kota Ambon.",
            [["Kota Palu", "Kota Bitung", "Kota Ambon"]],
        ),
        # two names side by side at the end of a list are not joined: nothing shows a list goes on
        ("Diraih Kota Palu Kota Bitung.", [["Kota Palu"], ["Kota Bitung"]]),
    ],
)
def test_items_side_by_side_join_a_list_where_the_reader_allows(text: str, expected: list[list[str]]) -> None:
    a = _analysis(text)
    found = coordinated(a.tokens, 0, len(a.tokens), a.items_of("region"), lambda one, two: True)
    assert [[a.words(i.start, i.end) for i in lst.items] for lst in found] == expected


def test_items_side_by_side_are_two_lists_by_default() -> None:
    assert _lists("Diraih Kota Palu Kota Bitung, dan Kota Ambon.") == [
        ["Kota Palu"],
        ["Kota Bitung", "Kota Ambon"],
    ]


def test_the_intro_before_a_list_is_recorded() -> None:
    a = _analysis("Pemenangnya adalah Kota Palu dan Kabupaten Sigi.")
    (found,) = coordinated(a.tokens, 0, len(a.tokens), a.items_of("region"))
    assert found.intro is not None and a.words(*found.intro) == "adalah"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peringkat I diraih Kabupaten Sigi, peringkat II Kota Palu dan peringkat III Kabupaten Poso.",
            [("Kabupaten Sigi", 1), ("Kota Palu", 2), ("Kabupaten Poso", 3)],
        ),
        ("Juara 1: Kota Palu. Juara 2: Kabupaten Sigi.", [("Kota Palu", 1), ("Kabupaten Sigi", 2)]),
        (
            "Terbaik pertama Kota Palu, disusul Kabupaten Sigi dan Kabupaten Poso.",
            [("Kota Palu", 1), ("Kabupaten Sigi", 2), ("Kabupaten Poso", 3)],
        ),
        ("Kota Palu bukan peringkat apa pun.", []),
    ],
)
def test_places_are_given_to_the_items_they_name(text: str, expected: list[tuple[str, int]]) -> None:
    a = _analysis(text)
    found = ranked(a.tokens, 0, len(a.tokens), a.items_of("region"))
    assert [(a.words(i.start, i.end), i.rank) for i in found] == expected


def test_masing_masing_pairs_items_with_values_in_order() -> None:
    a = _analysis("Kabupaten Sigi, Kota Palu dan Kabupaten Poso masing-masing 1.200, 3.400 dan 560 pekerja.")
    pairs = respectively(a.tokens, 0, len(a.tokens), a.items_of("region"), a.items_of("number"))
    assert [(a.words(i.start, i.end), a.words(v.start, v.end)) for i, v in pairs] == [
        ("Kabupaten Sigi", "1.200"),
        ("Kota Palu", "3.400"),
        ("Kabupaten Poso", "560"),
    ]


def test_masing_masing_with_uneven_lists_pairs_nothing() -> None:
    a = _analysis("Kabupaten Sigi dan Kota Palu masing-masing 1.200, 3.400 dan 560 pekerja.")
    assert respectively(a.tokens, 0, len(a.tokens), a.items_of("region"), a.items_of("number")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kota Palu menang; Kabupaten Sigi kalah.", ["Kota Palu menang", "Kabupaten Sigi kalah."]),
        ("Kota Palu menang, sedangkan Sigi kalah.", ["Kota Palu menang,", "sedangkan Sigi kalah."]),
        ("Kota Palu dan Kabupaten Sigi menang.", ["Kota Palu dan Kabupaten Sigi menang."]),
    ],
)
def test_a_sentence_is_cut_into_clauses(text: str, expected: list[str]) -> None:
    a = _analysis(text)
    start, end = a.sentences[0]
    assert [a.words(s, e) for s, e in clauses(a.tokens, start, end)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kota Palu meraih juara I, mengungguli Kabupaten Sigi (Juara II) dan Kabupaten Poso (Juara III).",
            [("Kota Palu", 1), ("Kabupaten Sigi", 2), ("Kabupaten Poso", 3)],
        ),
        ("Kota Bitung di Sulawesi Utara meraih peringkat I.", [("Kota Bitung", 1)]),
        (
            "Kota Palu urutan kedua dan Kabupaten Sigi urutan ketiga.",
            [("Kota Palu", 2), ("Kabupaten Sigi", 3)],
        ),
        ("Juara I: Kota Palu; Juara II: Kabupaten Sigi.", [("Kota Palu", 1), ("Kabupaten Sigi", 2)]),
        (
            "Kota Palu meraih peringkat I tahun ini, disusul Kabupaten Sigi.",
            [("Kota Palu", 1), ("Kabupaten Sigi", 2)],
        ),
    ],
)
def test_places_after_brackets_holders_and_colons(text: str, expected: list[tuple[str, int]]) -> None:
    a = _analysis(text)
    found = ranked(a.tokens, 0, len(a.tokens), a.items_of("region"))
    assert [(a.words(i.start, i.end), i.rank) for i in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kota Kendari berada di urutan kedua dan Kabupaten Konawe di urutan ketiga.",
            [("Kota Kendari", 2), ("Kabupaten Konawe", 3)],
        ),
        (
            "Kota Ternate dan Kabupaten Halmahera Utara masing-masing meraih peringkat pertama dan kedua.",
            [("Kota Ternate", 1), ("Kabupaten Halmahera Utara", 2)],
        ),
        (
            "Penghargaan dimenangkan Kota Jambi, Kabupaten Bungo dan Kabupaten Tebo secara berurutan.",
            [("Kota Jambi", 1), ("Kabupaten Bungo", 2), ("Kabupaten Tebo", 3)],
        ),
        (
            "Kabupaten Lombok Timur keluar sebagai juara, diikuti Kota Mataram dan Kabupaten Sumbawa.",
            [("Kabupaten Lombok Timur", 1), ("Kota Mataram", 2), ("Kabupaten Sumbawa", 3)],
        ),
        # the places first, the items after "masing-masing"
        (
            "Peringkat kedua dan ketiga masing-masing diraih Kabupaten Poso dan Kota Palu.",
            [("Kabupaten Poso", 2), ("Kota Palu", 3)],
        ),
        # the top place without a number
        ("Kabupaten Luwu berada di urutan teratas.", [("Kabupaten Luwu", 1)]),
        # a place, a comma, and the one item that closes the clause
        ("Menyusul di posisi ketiga, Kabupaten Bone.", [("Kabupaten Bone", 3)]),
        # as many items as places, paired in order without "masing-masing"
        (
            "Kabupaten Poso dan Kota Palu berada di peringkat kedua dan ketiga.",
            [("Kabupaten Poso", 2), ("Kota Palu", 3)],
        ),
        # a place's province after a comma locates it, and holds no place
        (
            "Kabupaten Poso di Sulawesi Tengah, tampil sebagai peringkat pertama.",
            [("Kabupaten Poso", 1)],
        ),
    ],
)
def test_places_linked_paired_or_given_in_order(text: str, expected: list[tuple[str, int]]) -> None:
    a = _analysis(text)
    found = ranked(a.tokens, 0, len(a.tokens), a.items_of("region"))
    assert [(a.words(i.start, i.end), i.rank) for i in found] == expected


def test_years_in_a_row_are_no_places() -> None:
    a = _analysis("Kota Jambi dan Kabupaten Bungo berturut-turut meraih penghargaan itu sejak 2021.")
    assert ranked(a.tokens, 0, len(a.tokens), a.items_of("region")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Kota Palu", "Kota Palu"),
        ("2. Kota Palu", "Kota Palu"),
        ("b) Kota Palu", "Kota Palu"),
        ("Kota Palu", "Kota Palu"),
    ],
)
def test_a_list_line_starts_after_its_bullet(text: str, expected: str) -> None:
    a = _analysis(text)
    start = after_bullet(a.tokens, 0, len(a.tokens))
    assert a.words(start, len(a.tokens)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where each item is, between the items of one list
        (
            "Finalisnya Kota Tual dari Provinsi Maluku dan Kota Sorong dari Provinsi Papua Barat Daya.",
            [["Kota Tual", "Kota Sorong"], ["Provinsi Papua Barat Daya"]],
        ),
        # a wider place after a comma is not read past: it may be the next item
        ("Diraih Kota Tual di Maluku, Kota Ambon.", [["Kota Tual"], ["Maluku", "Kota Ambon"]]),
    ],
)
def test_where_an_item_is_does_not_cut_its_list(text: str, expected: list[list[str]]) -> None:
    assert _lists(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kota Palu meraih peringkat II, di bawah Kabupaten Sigi dan di atas Kabupaten Poso.",
            [("Kota Palu", 2), ("Kabupaten Sigi", 1), ("Kabupaten Poso", 3)],
        ),
        ("Kota Palu meraih peringkat I, di atas Kabupaten Poso.", [("Kota Palu", 1), ("Kabupaten Poso", 2)]),
        # a place word that names the first place alone takes the number written after it
        ("Kota Palu keluar sebagai juara kedua.", [("Kota Palu", 2)]),
        # a runner-up is second, and who it lost to first
        (
            "Kota Palu menjadi runner-up, di bawah Kabupaten Sigi.",
            [("Kota Palu", 2), ("Kabupaten Sigi", 1)],
        ),
        # who a place lost to holds the place above it
        (
            "Kota Palu meraih peringkat II, hanya kalah dari Kabupaten Sigi.",
            [("Kota Palu", 2), ("Kabupaten Sigi", 1)],
        ),
        # nothing is above the first place
        ("Kota Palu meraih peringkat I, di bawah sorotan.", [("Kota Palu", 1)]),
    ],
)
def test_places_above_and_below_a_given_place(text: str, expected: list[tuple[str, int]]) -> None:
    a = _analysis(text)
    found = ranked(a.tokens, 0, len(a.tokens), a.items_of("region"))
    assert sorted(((a.words(i.start, i.end), i.rank) for i in found), key=lambda x: x[1] or 0) == sorted(
        expected, key=lambda x: x[1]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kota Palu dan Kabupaten Sigi sama-sama meraih peringkat ketiga.",
            [("Kota Palu", 3), ("Kabupaten Sigi", 3)],
        ),
        (
            "Peringkat I diraih Kabupaten Poso, disusul Kota Palu dan Kabupaten Sigi yang sama-sama meraih"
            " peringkat kedua.",
            [("Kabupaten Poso", 1), ("Kota Palu", 2), ("Kabupaten Sigi", 2)],
        ),
    ],
)
def test_a_place_the_items_of_a_list_share(text: str, expected: list[tuple[str, int]]) -> None:
    a = _analysis(text)
    found = ranked(a.tokens, 0, len(a.tokens), a.items_of("region"))
    assert [(a.words(i.start, i.end), i.rank) for i in found] == expected
