"""Indonesian number forms: "17.487", "14 ribu", "1,2 juta", "33,25 persen", "peringkat III".

Indonesian writes the thousands separator as "." and the decimal mark as ",", so
"17.487" is seventeen thousand and "46,03" is a fraction. Multiplier and number
words come from kg/data/number_words.csv.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

from kg.lexicon import rows

# a numeral of hundreds of digits reads as infinity, which no graph literal can hold, and a
# long compound of number words as an integer no float can hold: neither is a quantity
MAX_VALUE = sys.float_info.max


@dataclass(frozen=True)
class Quantity:
    """A number read from text: its value, where it stands, and whether it is approximate."""

    value: float
    start: int
    end: int
    unit: str | None  # "percent" when followed by persen/%, else None
    approximate: bool


@cache
def _lexicon(kind: str) -> dict[str, int]:
    return {
        row["word"]: int(row["value"])
        for row in rows("number_words.csv")
        if row["kind"] == kind and row["value"]
    }


@cache
def _approximators() -> tuple[str, ...]:
    words = [row["word"] for row in rows("number_words.csv") if row["kind"] == "approximate"]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _number_pattern() -> re.Pattern[str]:
    """A numeral with its multiplier and percent sign.

    Multipliers are looked up lower-cased, so only ASCII letters may differ in case
    ((?a:...)): under re.IGNORECASE alone "ſ" matches "s" and "İ" matches "i".
    """
    multipliers = "|".join(sorted(_lexicon("multiplier"), key=len, reverse=True))
    return re.compile(
        r"(?<![\w.,/])"
        r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
        r"(?P<an>-an)?"
        rf"(?: *(?P<mult>(?a:{multipliers}))\b)?"
        r"(?: *(?P<pct>%|persen\b|per ?sen\b))?",
        re.IGNORECASE,
    )


def parse_number(text: str) -> float:
    """The value of a numeral written the Indonesian way ("17.487" -> 17487, "46,03" -> 46.03)."""
    cleaned = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "")
    return float(cleaned.replace(",", "."))


@cache
def _word_number_pattern() -> re.Pattern[str]:
    """A number written in words, counted only before "persen" or a multiplier ("tiga persen", "dua juta").

    Alone, "satu" or "dua" is an article or a count of anything ("salah satu"); before a
    unit it is a quantity like any numeral. Compounds ("dua puluh lima") are one number.
    """
    words = "|".join(sorted([*_lexicon("number"), *_lexicon("scale")], key=len, reverse=True))
    multipliers = "|".join(sorted(_lexicon("multiplier"), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?P<words>(?:{words})(?: +(?:{words}))*)"
        rf" +(?:(?P<mult>(?a:{multipliers}))|(?P<pct>persen|per ?sen))\b",
        re.IGNORECASE,
    )


def words_value(phrase: str) -> int | None:
    """The value of a number in words: "tiga" 3, "dua puluh lima" 25, "tujuh belas" 17, "seratus" 100."""
    units, scales = _lexicon("number"), _lexicon("scale")
    total, current = 0, 0
    for word in phrase.lower().split():
        if word in scales:
            scale = scales[word]
            if scale == 10 and word == "belas":
                current += 10
            elif scale < 1000:
                current = max(current, 1) * scale
            else:
                total, current = (total + max(current, 1)) * scale, 0
        elif word in units:
            current += units[word]
        else:
            return None
    return total + current or None


def _word_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _word_number_pattern().finditer(text):
        value = words_value(match.group("words"))
        if value is None:
            continue
        if match.group("mult"):
            value *= _lexicon("multiplier")[match.group("mult").lower()]
        if value > MAX_VALUE:
            continue
        unit = "percent" if match.group("pct") else None
        approximate = _preceded_by_approximator(text, match.start())
        found.append(Quantity(float(value), match.start(), match.end(), unit, approximate))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every number in a text with its multiplier, percent sign and approximation cue."""
    found: list[Quantity] = _word_quantities(text)
    for match in _number_pattern().finditer(text):
        if _is_part_of_code_or_date(text, match.start(), match.end()):
            continue
        value = parse_number(match.group("num"))
        multiplier = match.group("mult")
        if multiplier:
            value *= _lexicon("multiplier")[multiplier.lower()]
        if value > MAX_VALUE:
            continue
        unit = "percent" if match.group("pct") else None
        approximate = bool(match.group("an")) or _preceded_by_approximator(text, match.start())
        found.append(Quantity(round(value, 6), match.start(), match.end(), unit, approximate))
    return sorted(found, key=lambda q: q.start)


def _preceded_by_approximator(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].lower().rstrip()
    return any(before.endswith(word) for word in _approximators())


def _is_part_of_code_or_date(text: str, start: int, end: int) -> bool:
    """Numbers glued to '/' or ':' are dates, times, codes ("19/1/2022", "18:27", "842.2/5193/SJ")."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (
        (before != "" and before in "/:")
        or (after != "" and after in "/:")
        or (after == "." and text[end + 1 : end + 2].isdigit())
    )


def ordinal(word: str) -> int | None:
    """The rank a word or numeral gives: "III" -> 3, "kedua" -> 2, "1" -> 1."""
    if word.isdigit():
        return int(word)
    for kind in ("roman", "ordinal", "number"):
        table = _lexicon(kind)
        key = word if kind == "roman" else word.lower()
        if key in table:
            return table[key]
    return None
