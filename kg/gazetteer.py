"""Every Indonesian province, kabupaten and kota, and a matcher for their mentions in text.

The data (kg/data/regions.csv, from the MIT-licensed cahyadsn/wilayah project; see
kg/data/LICENSE-wilayah.txt) gives each region its Kemendagri code, which is its
identity. region_aliases.csv adds short forms and old names. A cue before a name
("Pemkot", "Bupati", "Provinsi") fixes its level; a bare name shared by several
units keeps every candidate, to be resolved from context or left unresolved.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from kg.lexicon import rows
from kg.model import Level

CANONICAL = {"31": "Provinsi DKI Jakarta", "34": "Provinsi DI Yogyakarta"}
LEVEL_WORD = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}
CUES: dict[str, Level | None] = {
    "pemerintah kota": "kota", "pemerintah kabupaten": "kabupaten", "pemerintah provinsi": "provinsi",
    "kota administrasi": "kota", "kabupaten administrasi": "kabupaten",
    "wakil wali kota": "kota", "wakil walikota": "kota", "wali kota": "kota", "walikota": "kota",
    "wawali": "kota", "balai kota": "kota", "pemkot": "kota", "pemko": "kota", "kota": "kota",
    "wakil bupati": "kabupaten", "wabup": "kabupaten", "bupati": "kabupaten", "pemkab": "kabupaten",
    "kabupaten": "kabupaten", "kab.": "kabupaten", "kab": "kabupaten",
    "wakil gubernur": "provinsi", "wagub": "provinsi", "gubernur": "provinsi", "pemprov": "provinsi",
    "provinsi": "provinsi", "propinsi": "provinsi", "prov.": "provinsi",
    "sekdaprov": "provinsi", "setdaprov": "provinsi", "sekda": None, "pemda": None, "dprd": None,
}
BLOCKERS = (
    "kecamatan", "kec.", "kelurahan", "kel.", "desa", "dusun", "kampung", "jalan", "jl.", "jln", "gang",
    "bandara", "pelabuhan", "stasiun", "universitas", "kodim", "polres", "polda", "korem", "polresta",
)


@dataclass(frozen=True)
class Region:
    code: str
    level: Level
    name: str
    canonical: str
    province_code: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RegionSpan:
    start: int
    end: int
    text: str
    name_start: int
    name_end: int
    candidates: tuple[str, ...]
    cue: str | None
    level: Level | None


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", "", name.lower())


class Gazetteer:
    """The regions, looked up by code or name, and found in text."""

    def __init__(self, regions: tuple[Region, ...]) -> None:
        self._regions = regions
        self._by_code = {r.code: r for r in regions}
        self._by_key: dict[str, set[str]] = defaultdict(set)
        for region in regions:
            for name in (region.name, *region.aliases):
                self._by_key[_key(name)].add(region.code)
        names = {n for r in regions for n in (r.name, *r.aliases)}
        alternatives = "|".join(
            r"[\s-]*".join(re.escape(part) for part in re.split(r"[\s-]+", n))
            for n in sorted(names, key=lambda n: (-len(n), n))
        )
        cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(CUES, key=len, reverse=True))
        self._pattern = re.compile(
            rf"(?<![\w-])(?:(?P<cue>{cues})(?:\s*\([^()\n]{{1,20}}\))?\s+)?(?P<name>{alternatives})(?![\w])",
            re.IGNORECASE,
        )
        self._blocker = re.compile(rf"(?:{'|'.join(re.escape(b) for b in BLOCKERS)})\s+$", re.IGNORECASE)

    @classmethod
    @cache
    def load(cls) -> Gazetteer:
        aliases: dict[str, list[str]] = defaultdict(list)
        for row in rows("region_aliases.csv"):
            aliases[row["code"]].append(row["alias"])
        regions = []
        for row in rows("regions.csv"):
            level: Level = row["level"]  # type: ignore[assignment]
            name = row["name"]
            extra = list(aliases.get(row["code"], []))
            if row["code"] == "31":
                name, extra = "DKI Jakarta", extra
            if row["code"] == "34":
                name, extra = "DI Yogyakarta", [*extra, "Daerah Istimewa Yogyakarta"]
            canonical = CANONICAL.get(row["code"], f"{LEVEL_WORD[level]} {name}")
            regions.append(Region(row["code"], level, name, canonical, row["province_code"], tuple(extra)))
        return cls(tuple(regions))

    def regions(self) -> tuple[Region, ...]:
        return self._regions

    def get(self, code: str) -> Region:
        return self._by_code[code]

    def lookup(self, name: str, level: Level | None = None) -> tuple[Region, ...]:
        codes = sorted(self._by_key.get(_key(name), ()))
        found = tuple(self._by_code[c] for c in codes)
        return tuple(r for r in found if level is None or r.level == level)

    def find(self, text: str) -> list[RegionSpan]:
        """Every region mention in a text, longest match first, in order of position."""
        spans = []
        for match in self._pattern.finditer(text):
            span = self._span(text, match)
            if span:
                spans.append(span)
        return spans

    def _span(self, text: str, match: re.Match[str]) -> RegionSpan | None:
        name = match.group("name")
        cue_text = match.group("cue")
        cue = " ".join(cue_text.lower().split()) if cue_text else None
        if cue is None and not (name[:1].isupper() and (name.isupper() or not name[1:2].isupper() or len(name) <= 4)):
            return None
        if cue is None and name != name.upper() and not all(w[:1].isupper() for w in re.split(r"[\s-]+", name)):
            return None
        if self._blocker.search(text[max(0, match.start() - 20) : match.start()]):
            return None
        level = CUES.get(cue) if cue else None
        codes = sorted(self._by_key.get(_key(name), ()))
        if cue and cue_text and not cue_text[0].isupper() and cue in ("kota", "kabupaten", "provinsi"):
            pass
        if level:
            fitting = [c for c in codes if self._by_code[c].level == level]
            if fitting:
                codes = fitting
            elif cue in ("kota", "kabupaten", "provinsi"):
                return None
        if not codes:
            return None
        return RegionSpan(
            match.start(), match.end(), match.group(0), match.start("name"), match.end("name"), tuple(codes), cue, level
        )
