"""Indonesian number forms, as the figure extractor reads them."""

from __future__ import annotations

import pytest

from kg.extract.numbers import find_quantities, ordinal, words_value
from kg.lexicon import rows


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [
        ("menjangkau 17.487 pekerja", 17487, None, False),
        ("hampir 14 ribu orang", 14000, None, True),
        ("sebanyak 1,2 juta peserta", 1200000, None, False),
        ("cakupan 33,25 persen", 33.25, "percent", False),
        ("baru 46,03% pekerja", 46.03, "percent", False),
        ("sekitar 15 ribu pekerja rentan", 15000, None, True),
        ("sejumlah 3500-an nelayan", 3500, None, True),
    ],
)
def test_numbers_are_read_the_indonesian_way(
    text: str, value: float, unit: str | None, approximate: bool
) -> None:
    [quantity] = find_quantities(text)
    assert (quantity.value, quantity.unit, quantity.approximate) == (value, unit, approximate)


@pytest.mark.parametrize("text", ["Rabu (19/1/2022)", "pukul 18:27 WIB", "Nomor 842.2/5193/SJ"])
def test_dates_times_and_codes_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("word", "rank"), [("III", 3), ("kedua", 2), ("pertama", 1), ("3", 3), ("ketiga", 3)]
)
def test_ranks(word: str, rank: int) -> None:
    assert ordinal(word) == rank


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("terendah tiga persen", 3, "percent"),
        ("sebesar dua puluh lima persen", 25, "percent"),
        ("tujuh belas persen", 17, "percent"),
        ("dua ratus ribu pekerja", 200000, None),
        ("seratus persen", 100, "percent"),
        ("satu juta peserta", 1000000, None),
    ],
)
def test_numbers_in_words_before_a_unit(text: str, value: float, unit: str | None) -> None:
    [quantity] = find_quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text", ["salah satu daerah", "dua kabupaten", "tiga besar"])
def test_numbers_in_words_alone_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "row", [r for r in rows("number_words.csv") if r["kind"] == "number"], ids=lambda r: r["word"]
)
def test_every_number_word(row: dict[str, str]) -> None:
    assert words_value(row["word"]) == int(row["value"])
    [quantity] = find_quantities(f"mencapai {row['word']} persen")
    assert quantity.value == int(row["value"])


@pytest.mark.parametrize(
    "row", [r for r in rows("number_words.csv") if r["kind"] == "multiplier"], ids=lambda r: r["word"]
)
def test_every_multiplier(row: dict[str, str]) -> None:
    [quantity] = find_quantities(f"sebanyak 3 {row['word']} pekerja")
    assert quantity.value == 3 * int(row["value"])


@pytest.mark.parametrize(
    "row", [r for r in rows("number_words.csv") if r["kind"] == "approximate"], ids=lambda r: r["word"]
)
def test_every_approximation_word(row: dict[str, str]) -> None:
    [quantity] = find_quantities(f"tercatat {row['word']} 500 pekerja")
    assert quantity.approximate


@pytest.mark.parametrize(
    "row", [r for r in rows("number_words.csv") if r["kind"] in ("ordinal", "roman")], ids=lambda r: r["word"]
)
def test_every_ordinal(row: dict[str, str]) -> None:
    assert ordinal(row["word"]) == int(row["value"])


@pytest.mark.parametrize(
    "text",
    [
        f"sebanyak {'9' * 400} pekerja",
        f"sebanyak {'9' * 300} triliun pekerja",
        f"sebanyak 1{'.000' * 120} pekerja",
        f"cakupan {'7' * 500},5 persen",
        f"satu {'ratus ' * 160}persen",
    ],
)
def test_a_number_no_float_can_hold_is_no_quantity(text: str) -> None:
    """Hundreds of digits read as infinity (or an integer too large for a float): no graph literal."""
    assert find_quantities(text) == []
