"""Generate a synthetic corpus of Indonesian news articles, with the gold facts each one states.

Why: a benchmark that repeats the same 21 articles measures a graph where the same few
entities recur; real scale means every region of the gazetteer, thousands of distinct
officials, regulations and figures, and the noise of real pages. This generator writes
such a corpus (1k to 100k articles and more) deterministically from a seed, so two runs
with the same arguments give byte-identical files, and it streams to disk, so its memory
stays flat whatever the size.

What an article holds: a headline, a dateline, a publication date and a body built from
sentence shapes taken from real coverage (Paritrana Award rounds, provincial and national,
with ranks, nominees and categories; Perda/Perbup/Perwal/Pergub/Qanun with number, year
and title; regional programmes with acronyms; coverage figures in persons and percent, by
segment and year; officials with their titles; Dinas, BPJS branches and companies), plus
the noise of real pages that carries no fact: bylines, "Baca juga:" links, photo credits,
share and advertising lines, lists of other stories and unrelated paragraphs. Regions are
visited province by province, so the first 38 articles already cover every province and
the first 552 every regency and city. Officials are invented names, one person per region,
year and office (a bijection onto given x family names, benchmarks/data/), with the
honorifics and degrees pages put around them; the gold has the bare names (FACTS.md).

The gold file (`--gold`) lists, per article, the facts its text states, in the facts
interchange format (FACTS.md). It is a sanity check for the benchmark: the sentences are
synthetic and were chosen to be ones the builder reads on real text, so the F1 against it
says that the build still works at scale, and nothing about accuracy on real news.

    .venv/bin/python benchmarks/make_corpus.py /tmp/corpus --articles 1000 --seed 1 --gold /tmp/gold.jsonl
    .venv/bin/python benchmarks/make_corpus.py /tmp/c100k --articles 100000 --format jsonl

Layout: txt and html articles go one file per article into folders of 1,000
(`OUT/0000/a000000.txt`), JSON Lines records into shards of 1,000 (`OUT/jsonl/part-0000.jsonl`);
`mixed` gives every article one of the three formats in turn. 100k articles take about half
a minute and 25 MiB of memory.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO, Any

import kg

DATA = Path(__file__).resolve().parent / "data"
REGIONS_CSV = Path(kg.__file__).resolve().parent / "data" / "regions.csv"
YEARS = tuple(range(2017, 2026))
SHARD = 1000  # records per JSON Lines shard, files per folder
FORMATS = ("txt", "jsonl", "html", "mixed")
MIXED = ("txt", "html", "jsonl")
Fact = dict[str, Any]
# BPJS Ketenagakerjaan named as itself, not as part of a branch's or regional office's name
BARE_BPJS = re.compile(r"(?<!Kantor Cabang )BPJS Ketenagakerjaan(?! Cabang| Wilayah)")

# --- lexical data --------------------------------------------------------------------------------

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ORDINALS = ("pertama", "kedua", "ketiga")
HONORIFICS = ("Dr. ", "Ir. ", "Drs. ", "H. ", "Dr. H. ")
DEGREES = (", S.E.", ", M.Si.", ", S.H., M.H.", ", M.M.")
ROMAN = ("I", "II", "III")
DINAS_KINDS = (
    ("Dinas Tenaga Kerja", "Disnaker"),
    ("Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans"),
    ("Dinas Ketenagakerjaan", "Disnaker"),
    ("Dinas Tenaga Kerja dan Perindustrian", "Disnakerin"),
)
# the BPJS Ketenagakerjaan regional office ("Kantor Wilayah") of each province, by code
KANWIL = {
    "11": "Sumbagut", "12": "Sumbagut", "13": "Sumbarriau", "14": "Sumbarriau", "21": "Sumbarriau",
    "15": "Sumbagsel", "16": "Sumbagsel", "17": "Sumbagsel", "18": "Sumbagsel", "19": "Sumbagsel",
    "31": "DKI Jakarta", "32": "Jawa Barat", "36": "Banten", "33": "Jawa Tengah dan DIY",
    "34": "Jawa Tengah dan DIY", "35": "Jawa Timur", "51": "Bali Nusa Tenggara Papua",
    "52": "Bali Nusa Tenggara Papua", "53": "Bali Nusa Tenggara Papua",
}  # fmt: skip
KANWIL_DEFAULT = {
    "6": "Kalimantan",
    "7": "Sulawesi Maluku",
    "8": "Sulawesi Maluku",
    "9": "Bali Nusa Tenggara Papua",
}
REGULATION_TITLES = (
    "Penyelenggaraan Perlindungan Jaminan Sosial Ketenagakerjaan",
    "Perlindungan Pekerja Rentan dalam Program Jaminan Sosial Ketenagakerjaan",
    "Pelaksanaan Program Jaminan Sosial Ketenagakerjaan bagi Pekerja Bukan Penerima Upah",
    "Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pegawai Non Aparatur Sipil Negara",
    "Optimalisasi Kepesertaan Jaminan Sosial Ketenagakerjaan",
    "Perlindungan Tenaga Kerja",
)
INPRES = ("Inpres", "2", 2021, "Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan")
PROGRAM_WORDS = (
    ("Gerbang", "Jaring", "Payung", "Tameng", "Lentera", "Pelita", "Sahabat", "Bakti", "Sigap", "Cinta"),
    ("Pekerja", "Buruh", "Nelayan", "Petani", "Pedagang", "Warga"),
    ("Sejahtera", "Terlindungi", "Tangguh", "Bahagia", "Mandiri", "Berdaya", "Aman"),
)
NATIONAL_PROGRAMS = (
    ("Jaminan Kecelakaan Kerja", "JKK"),
    ("Jaminan Kematian", "JKM"),
    ("Jaminan Hari Tua", "JHT"),
)
SEGMENTS = (  # as written in a figure sentence -> the segment recorded
    ("pekerja rentan", "pekerja rentan"),
    ("pekerja informal", "informal"),
    ("pekerja sektor formal", "formal"),
    ("petugas keagamaan", "petugas keagamaan"),
)
COMPANY_WORDS = (
    ("Sinar", "Karya", "Mitra", "Bumi", "Cahaya", "Sumber", "Tirta", "Mega", "Prima", "Surya", "Artha"),
    ("Abadi", "Makmur", "Sentosa", "Lestari", "Utama", "Mandiri", "Perkasa", "Gemilang", "Agung"),
    ("Sejahtera", "Persada", "Nusantara", "Indah", "Sukses", "Permai"),
)
OUTLETS = ("ANTARA", "Kabar Daerah", "Warta Kota", "Suara Rakyat", "Lintas Berita", "Radar Nusantara")
SITES = ("kabardaerah.com", "wartanusa.co.id", "beritasatu.id", "lintasnews.com", "radarnusantara.net")
CREDIT = ("Humas {short}", "Dok. Diskominfo {short}", "Prokopim {short}")
# lines of the page that are not the article (FACTS.md: nothing in them is a fact)
SHARE_LINES = ("Bagikan:", "Share", "Sebarkan artikel ini", "ADVERTISEMENT", "SCROLL TO RESUME CONTENT")
UNRELATED = (
    "Sementara itu, cuaca di sebagian besar wilayah diperkirakan cerah berawan hingga sore hari.",
    "Arus lalu lintas di ruas jalan utama terpantau ramai lancar sejak pagi.",
    "Harga cabai rawit di pasar tradisional kembali naik menjelang akhir pekan.",
    "Warga juga diimbau menjaga kebersihan lingkungan selama musim hujan.",
    "Acara ditutup dengan ramah tamah dan foto bersama seluruh peserta.",
    "Panitia menyiapkan konsumsi dan tempat parkir bagi para tamu undangan.",
)
RELATED_HEADLINES = (
    "Pemkab {x} Salurkan Santunan JKM kepada {n} Ahli Waris",
    "Wali Kota {y} Tinjau Pasar Induk Jelang Ramadan",
    "Bupati {x} Lantik Pejabat Baru di Lingkungan Pemkab",
    "Ribuan Pekerja Migran Belum Terlindungi Jaminan Sosial",
)

# --- sentence templates ------------------------------------------------------------------------
# Each block below fills one of its templates; every template of a block states the same facts,
# which the block records. Placeholders: see the block functions.

TEMPLATES: dict[str, tuple[str, ...]] = {
    "headline_award": (
        "{short} Raih Peringkat {ordinal_cap} Paritrana Award {year} Tingkat {province}",
        "{short} Sabet Paritrana Award {year} Tingkat {province}",
    ),
    "headline_nominee": ("{short} Masuk Nominasi Paritrana Award {year}",),
    "headline_national": ("{short} Raih Paritrana Award {year} Tingkat Nasional",),
    "headline_regulation": (
        "{short} Terbitkan {kind} Perlindungan Pekerja Rentan",
        "{head} {name} Teken {kind} Jaminan Sosial Ketenagakerjaan",
    ),
    "headline_persons": ("{short} Lindungi {value} {segment} Lewat BPJS Ketenagakerjaan",),
    "headline_percent": ("Cakupan Jamsostek {place} Capai {percent} Persen",),
    "headline_meeting": ("{short} dan BPJS Ketenagakerjaan Teken Kerja Sama Perlindungan Pekerja",),
    "award_winner": (
        "{pemda} meraih peringkat {ordinal} Paritrana Award {year} tingkat {province} kategori {category}.",
        "{pemda} berhasil meraih juara {rank} Paritrana Award {year} tingkat {province} kategori {category}.",
        "{pemda} menerima penghargaan Paritrana Award {year} tingkat {province} kategori {category} "
        "sebagai peringkat {roman}.",
    ),
    "award_others": (
        "Peringkat {ordinal2} diraih {second}, sementara {third} menempati peringkat {ordinal3}.",
        "Peringkat {ordinal2} diraih {second}, dan peringkat {ordinal3} diraih {third}.",
    ),
    "award_nominee": (
        "{pemda} masuk nominasi Paritrana Award {year} tingkat {province} kategori {category}.",
        "{pemda} masuk tiga besar Paritrana Award {year} tingkat {province} kategori {category}.",
    ),
    "award_national": (
        "{pemda} meraih peringkat {ordinal} Paritrana Award {year} tingkat nasional kategori {category}.",
        "{pemda} dinobatkan sebagai peringkat {ordinal} Paritrana Award {year} tingkat nasional "
        "kategori {category}.",
    ),
    "award_company": (
        "Pada kategori {category}, penghargaan Paritrana Award {year} tingkat {province} diraih oleh "
        "{company}.",
    ),
    "award_handover": (
        "Penghargaan diserahkan {giver_title} {giver} kepada {taker_title} {taker} di {venue}, "
        "{weekday} ({day}/{month}/{cyear}).",
    ),
    "award_quote": (
        '"Penghargaan ini menjadi motivasi bagi kami untuk terus memperluas perlindungan pekerja," '
        "kata {title} {name}.",
        '"Terima kasih kepada BPJS Ketenagakerjaan dan seluruh pihak yang mendukung," ujar {title} {name}.',
    ),
    "national_handover": (
        "Penghargaan diserahkan Wakil Presiden {vp} di Istana Wakil Presiden, Jakarta, {weekday} "
        "({day}/{month}/{cyear}).",
    ),
    "regulation": (
        "{pemda} telah menerbitkan {kind_long} ({kind}) {name} Nomor {number} Tahun {ryear} tentang {title}.",
        "{pemda} menerapkan {kind_long} Nomor {number} Tahun {ryear} tentang {title}.",
        "Kebijakan {short} itu diatur dalam {kind} {name} No. {number}/{ryear} tentang {title}.",
    ),
    "regulation_perda": (
        "Sebelumnya, {region} telah membuat regulasi {perda} Nomor {number} Tahun {ryear} tentang {title}.",
        "Langkah ini didukung {perda} {name} Nomor {number} Tahun {ryear} tentang {title}.",
    ),
    "inpres": (
        "Kebijakan itu merupakan pelaksanaan Instruksi Presiden (Inpres) Nomor 2 Tahun 2021 tentang "
        "Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan.",
    ),
    "program": (
        "{short} menjalankan program {program} ({acronym}) sejak {pyear}.",
        "Melalui program {program} ({acronym}), {pemda} membayar iuran bagi pekerja rentan sejak {pyear}.",
    ),
    "national_programs": (
        "Para peserta terdaftar dalam program {p1} ({a1}) dan {p2} ({a2}).",
        "Iuran {p1} dan {p2} bagi mereka dibayar dari APBD.",
    ),
    "figure_persons": (
        "Hingga akhir {year}, sebanyak {value} {segment} di {region} telah terdaftar sebagai peserta "
        "BPJS Ketenagakerjaan.",
        "{pemda} telah melindungi {value} {segment} dalam program BPJS Ketenagakerjaan sepanjang {year}.",
    ),
    "figure_quote": (
        '"Saat ini sudah {value} {segment} di {region} yang kami lindungi," ujar {title} {name}.',
    ),
    "figure_split": (
        "{pemda} mencatat {formal} pekerja sektor formal dan {informal} pekerja sektor informal telah "
        "terdaftar hingga akhir {year}.",
    ),
    "figure_approximate": ("{pemda} kini melindungi hampir {thousands} ribu {segment}.",),
    "figure_percent": (
        "Cakupan kepesertaan jaminan sosial ketenagakerjaan di {region} mencapai {percent} persen "
        "hingga {month} {year}.",
        "Cakupan kepesertaan di {region} mencapai {percent}% pada {year}.",
    ),
    "figure_target": (
        "Tahun depan, {short} menargetkan tambahan {target} peserta.",
        "Ke depan, {short} berencana memperluas perlindungan hingga {target} pekerja.",
        "{short} akan melindungi {target} pekerja tahun depan.",
    ),
    "draft": ("DPRD {region} tengah membahas Ranperda tentang Penyelenggaraan Ketenagakerjaan.",),
    "official_quote": (
        '"Kami ingin seluruh pekerja di daerah ini terlindungi," kata {title} {name} di {venue}, '
        "{weekday} ({day}/{month}/{cyear}).",
        "{title} {name} mengatakan perlindungan pekerja rentan menjadi prioritas anggaran daerah.",
    ),
    "dinas_person": (
        "Kepala {dinas_written}, {name}, menjelaskan pendataan peserta dilakukan bersama pemerintah desa.",
        "Plt Kepala {dinas_written}, {name}, menyebut data penerima diperbarui setiap enam bulan.",
    ),
    "sekda_person": (
        "Sekretaris Daerah (Sekda) {region}, {name}, yang hadir dalam acara itu mendukung langkah tersebut.",
    ),
    "bpjs_person": (
        "Kepala BPJS Ketenagakerjaan Cabang {branch}, {name}, mengapresiasi langkah tersebut.",
        "Kepala Kantor Cabang BPJS Ketenagakerjaan {branch}, {name}, mengatakan pihaknya membuka layanan "
        "jemput bola di pasar tradisional.",
    ),
    "deputy_person": (
        "Deputi Direktur BPJS Ketenagakerjaan Wilayah {kanwil}, {name}, mengatakan capaian itu patut "
        "ditiru daerah lain.",
    ),
    "meeting": (
        "{pemda} dan BPJS Ketenagakerjaan Cabang {branch} menandatangani perjanjian kerja sama perlindungan "
        "pekerja rentan di {venue}, {weekday} ({day}/{month}/{cyear}).",
    ),
    "caption": ("{title} {name} saat menerima penghargaan. (Foto: {credit})",),
}
VENUES = ("Aula Kantor {head}", "Pendopo {head}", "Ruang Rapat Sekretariat Daerah", "Gedung Serbaguna")


# --- the gazetteer -------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Region:
    """One row of kg/data/regions.csv, with the ways an article writes it (one object per region:
    compared by identity, which keeps 100k articles' look-ups cheap)."""

    code: str
    level: str
    name: str
    province: str

    @property
    def canonical(self) -> str:
        return (
            {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}[self.level] + " " + self.name
        )

    @property
    def pemda(self) -> str:
        return "Pemerintah " + self.canonical

    @property
    def short(self) -> str:
        return {"provinsi": "Pemprov", "kabupaten": "Pemkab", "kota": "Pemkot"}[self.level] + " " + self.name

    @property
    def head(self) -> str:
        return {"provinsi": "Gubernur", "kabupaten": "Bupati", "kota": "Wali Kota"}[self.level]


@dataclass(frozen=True)
class Gazetteer:
    """Every region, the members of each province, and the order articles visit them in."""

    regions: tuple[Region, ...]
    by_code: dict[str, Region]
    members: dict[str, tuple[Region, ...]]
    kota_names: frozenset[str]
    kabupaten: tuple[Region, ...]
    kota: tuple[Region, ...]
    slots: dict[str, int]


@cache
def gazetteer() -> Gazetteer:
    with REGIONS_CSV.open(encoding="utf-8") as handle:
        regions = tuple(
            Region(r["code"], r["level"], r["name"], r["province_code"]) for r in csv.DictReader(handle)
        )
    members: dict[str, list[Region]] = {}
    for region in regions:
        if region.level != "provinsi":
            members.setdefault(region.province, []).append(region)
    return Gazetteer(
        regions,
        {r.code: r for r in regions},
        {code: tuple(found) for code, found in members.items()},
        frozenset(r.name for r in regions if r.level == "kota"),
        tuple(r for r in regions if r.level == "kabupaten"),
        tuple(r for r in regions if r.level == "kota"),
        {r.code: i for i, r in enumerate(regions)},
    )


def visiting_order(seed: int) -> tuple[Region, ...]:
    """Provinces in turn: every province first, then one regency or city of each, and so on.

    So a corpus of 38 articles has every province and one of 552 has every region; the order
    within a province is shuffled by the seed.
    """
    gaz = gazetteer()
    provinces = [r for r in gaz.regions if r.level == "provinsi"]
    queues = []
    for province in provinces:
        rest = list(gaz.members.get(province.code, ()))
        random.Random(f"{seed}/order/{province.code}").shuffle(rest)
        queues.append([province, *rest])
    order = []
    for turn in range(max(len(q) for q in queues)):
        order += [q[turn] for q in queues if turn < len(q)]
    return tuple(order)


# --- stable choices --------------------------------------------------------------------------------


def stable(*key: object) -> int:
    """A number fixed by its key (not by the process's hash seed): the same fact in every article."""
    digest = hashlib.blake2b("/".join(map(str, key)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def pick(options: tuple[Any, ...], *key: object) -> Any:
    return options[stable(*key) % len(options)]


def _name_parts(file: str) -> tuple[str, ...]:
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def name_parts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _name_parts("first_names.txt"), _name_parts("family_names.txt")


OFFICES = ("head", "deputy", "sekda", "dinas", "bpjs", "press")  # one person per region, year and office
NATIONAL_SHORTLIST = 8  # places 1-3 of the national round win, 4-8 are nominees
NATIONAL_SLOT = 600  # pseudo-region numbers past the gazetteer's 552: national offices, BPJS regions


def person_name(slot: int, year: int, office: str, seed: int) -> str:
    """An invented name, distinct for every (slot, year, office): a bijection onto first x family names.

    Slot is the region's index in the gazetteer (or a pseudo-region for national offices),
    so two officials never share a full name and the graph's person count is the truth.
    """
    first, family = name_parts()
    space = len(first) * len(family)
    index = (slot * len(YEARS) + YEARS.index(year)) * len(OFFICES) + OFFICES.index(office)
    assert index < space, "more officials than names: add name parts"
    mixed = (index * 7919 + seed * 104729) % space  # 7919 is prime to 200 x 300: still a bijection
    return f"{first[mixed % len(first)]} {family[mixed // len(first)]}"


# --- one article -----------------------------------------------------------------------------------


@dataclass
class Page:
    """An article being written: its lines, and the facts those lines state (the gold)."""

    doc_id: str
    seed: int
    rng: random.Random
    region: Region
    year: int
    published: date
    headline: str = ""
    byline: str = ""
    caption: str = ""
    paragraphs: list[str] = field(default_factory=list)
    facts: dict[tuple[Any, ...], Fact] = field(default_factory=dict)

    def say(self, template: str, **values: Any) -> str:
        return self.rng.choice(TEMPLATES[template]).format(**values)

    def add(self, key: tuple[Any, ...], fact: Fact) -> None:
        self.facts.setdefault(key, fact)

    def names_region(self, region: Region) -> str:
        self.add(
            ("region", region.canonical), {"type": "region", "name": region.canonical, "level": region.level}
        )
        return region.canonical

    def names_person(self, name: str, role: str, org: str | None) -> str:
        fact: Fact = {"type": "person", "name": name, "aliases": [], "role": role}
        self.add(("person", name), fact | ({"org": org} if org else {}))
        return name

    def names_org(self, name: str, aliases: tuple[str, ...] = (), key: str | None = None) -> str:
        """An organisation; a second form of it (same `key`) becomes an alias, as the text makes it one."""
        fact = self.facts.setdefault(
            ("organization", key or name), {"type": "organization", "name": name, "aliases": []}
        )
        for alias in (name, *aliases):
            if alias != fact["name"] and alias not in fact["aliases"]:
                fact["aliases"].append(alias)
        return name


def _slot(region: Region) -> int:
    return gazetteer().slots[region.code]


def official(page: Page, region: Region, office: str) -> str:
    return person_name(_slot(region), page.year, office, page.seed)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def province_of(region: Region) -> Region:
    return gazetteer().by_code[region.province]


def head_of(page: Page, region: Region) -> tuple[str, str]:
    """The title and name of the region's head in the article's year; some years an acting one (Pj)."""
    acting = page.year in (2022, 2023, 2024) and stable("pj", region.code, page.year) % 4 == 0
    role = ("Pj " if acting else "") + region.head
    name = official(page, region, "head")
    page.names_person(name, role, region.canonical)
    return f"{role} {region.name}", name


def dressed(page: Page, name: str, suffix: bool = False) -> str:
    """The name with the honorifics and degrees pages put around it, some of the time (not part of it)."""
    if page.rng.random() < 0.6:
        return name
    before = page.rng.choice(HONORIFICS)
    after = page.rng.choice(DEGREES) if suffix else ""
    return f"{before}{name}{after}"


def _date_values(day: date) -> dict[str, Any]:
    return {"weekday": WEEKDAYS[day.weekday()], "day": day.day, "month": day.month, "cyear": day.year}


def _venue(page: Page, region: Region) -> str:
    return page.rng.choice(VENUES).format(head=f"{region.head} {region.name}")


# --- blocks: each writes one paragraph and records its facts ------------------------------------


@cache
def ranking(province_code: str, year: int, seed: int) -> tuple[Region, ...]:
    """The province round's order of its regencies and cities in a year: places 1-3 win, 4-6 are nominees."""
    members = list(gazetteer().members.get(province_code, ()))
    random.Random(f"{seed}/rank/{province_code}/{year}").shuffle(members)
    return tuple(members)


@cache
def national_ranking(year: int, seed: int) -> tuple[Region, ...]:
    provinces = [r for r in gazetteer().regions if r.level == "provinsi"]
    random.Random(f"{seed}/national/{year}").shuffle(provinces)
    return tuple(provinces)


def award_fact(
    recipient: str, year: int, level: str, category: str, rank: int | None, result: str | None = None
) -> Fact:
    fact: Fact = {"type": "award", "award": "Paritrana Award", "year": year, "recipient": recipient}
    fact["result"] = result or ("winner" if rank else "nominee")
    if rank:
        fact["rank"] = rank
    return fact | {"level": level, "category": category}


def block_award_province(page: Page) -> None:
    """A provincial round: the article's regency or city placed (or shortlisted), and the other places."""
    region, year = page.region, page.year
    province = province_of(region)
    order = ranking(province.code, year, page.seed)
    place = order.index(region) + 1
    category = "Pemerintah Kabupaten/Kota"
    level = page.names_region(province)
    page.names_region(region)
    if place > 3:
        page.headline = page.say("headline_nominee", short=region.short, year=year)
        page.paragraphs.append(
            page.say("award_nominee", pemda=region.pemda, year=year, province=level, category=category)
        )
        page.add(("award", region.canonical, year), award_fact(region.canonical, year, level, category, None))
        return
    page.headline = page.say(
        "headline_award",
        short=region.short,
        ordinal_cap=ORDINALS[place - 1].title(),
        year=year,
        province=level,
    )
    first = page.say(
        "award_winner",
        pemda=region.pemda,
        ordinal=ORDINALS[place - 1],
        rank=place,
        roman=ROMAN[place - 1],
        year=year,
        province=level,
        category=category,
    )
    page.add(("award", region.canonical, year), award_fact(region.canonical, year, level, category, place))
    if len(order) >= 3:
        first += " " + other_places(page, order, region, level, category)
    page.paragraphs.append(first)
    _award_handover(page, province, region)


def other_places(page: Page, order: tuple[Region, ...], placed: Region, level: str, category: str) -> str:
    """The round's two other places ("Peringkat kedua diraih X, sementara Y ..."), recorded as awards."""
    others = [r for r in order[:3] if r is not placed]
    text = page.say(
        "award_others",
        second=page.names_region(others[0]),
        third=page.names_region(others[1]),
        ordinal2=ORDINALS[order.index(others[0])],
        ordinal3=ORDINALS[order.index(others[1])],
    )
    for other in others:
        fact = award_fact(other.canonical, page.year, level, category, order.index(other) + 1)
        page.add(("award", other.canonical, page.year), fact)
    return text


def _award_handover(page: Page, province: Region, region: Region) -> None:
    giver_title, giver = head_of(page, province)
    taker_title, taker = head_of(page, region)
    day = page.published
    page.paragraphs.append(
        page.say(
            "award_handover",
            giver_title=giver_title,
            giver=dressed(page, giver),
            taker_title=taker_title,
            taker=dressed(page, taker),
            venue=_venue(page, province),
            **_date_values(day),
        )
    )
    page.paragraphs.append(page.say("award_quote", title=taker_title, name=taker.split()[0]))
    page.caption = page.say("caption", title=taker_title, name=taker, credit=_credit(page, region))


def block_award_company(page: Page) -> None:
    """A company's award in the province round (category Perusahaan Besar)."""
    province = province_of(page.region)
    company = company_name(page.region, page.year)
    level = page.names_region(province)
    page.names_org(company)
    category = "Perusahaan Besar"
    page.paragraphs.append(
        page.say("award_company", category=category, year=page.year, province=level, company=company)
    )
    page.add(("award", company, page.year), award_fact(company, page.year, level, category, None, "winner"))


def block_award_national(page: Page) -> None:
    """The national round, provincial category: the article's province placed or shortlisted.

    Only for a year in which it was (national_year; compose picks the year)."""
    year, category = page.year, "Pemerintah Provinsi"
    order = national_ranking(year, page.seed)
    province = province_of(page.region)
    place = order.index(province) + 1
    page.names_region(province)
    page.headline = page.say("headline_national", short=province.short, year=year)
    if place > 3:
        text = page.say(
            "award_nominee", pemda=province.pemda, year=year, province="nasional", category=category
        )
        page.paragraphs.append(text)
        page.add(
            ("award", province.canonical, year),
            award_fact(province.canonical, year, "nasional", category, None),
        )
    else:
        _national_places(page, order, province, place)
    vp = person_name(NATIONAL_SLOT, year, "head", page.seed)
    page.names_person(vp, "Wakil Presiden", None)
    page.names_region(jakarta())
    page.paragraphs.append(page.say("national_handover", vp=vp, **_date_values(page.published)))
    title, name = head_of(page, province)
    page.paragraphs.append(page.say("award_quote", title=title, name=name))


def _national_places(page: Page, order: tuple[Region, ...], province: Region, place: int) -> None:
    year, category = page.year, "Pemerintah Provinsi"
    text = page.say(
        "award_national", pemda=province.pemda, ordinal=ORDINALS[place - 1], year=year, category=category
    )
    page.add(
        ("award", province.canonical, year), award_fact(province.canonical, year, "nasional", category, place)
    )
    page.paragraphs.append(f"{text} {other_places(page, order, province, 'nasional', category)}")


def national_year(province: Region, year: int, seed: int) -> int | None:
    """The first year from `year` on (wrapping round) in which the province placed or was shortlisted."""
    start = YEARS.index(year)
    for offset in range(len(YEARS)):
        candidate = YEARS[(start + offset) % len(YEARS)]
        if national_ranking(candidate, seed).index(province) < NATIONAL_SHORTLIST:
            return candidate
    return None


@cache
def jakarta() -> Region:
    return gazetteer().by_code["31"]


def regulation_of(region: Region, which: str) -> tuple[str, str, str, int, str]:
    """The region's own regulation, `head` (Pergub/Perbup/Perwal) or `perda`.

    Returns the kind as written, the kind, number, year and title: fixed per region, so articles agree."""
    if which == "perda":
        written, kind = ("Qanun", "Perda") if region.province == "11" else ("Peraturan Daerah", "Perda")
    else:
        kind = {"provinsi": "Pergub", "kabupaten": "Perbup", "kota": "Perwal"}[region.level]
        written = {
            "Pergub": "Peraturan Gubernur",
            "Perbup": "Peraturan Bupati",
            "Perwal": "Peraturan Wali Kota",
        }[kind]
    number = str(1 + stable("reg", which, region.code) % 60)
    year = 2016 + stable("reg-year", which, region.code) % 8
    return written, kind, number, year, pick(REGULATION_TITLES, "reg-title", which, region.code)


def block_regulation(page: Page) -> None:
    """The head's regulation (Pergub, Perbup, Perwal), from the year it was issued on."""
    state_regulation(page, "head")


def block_perda(page: Page) -> None:
    """The regional regulation (Perda; Qanun in Aceh), from the year it was issued on."""
    state_regulation(page, "perda")


def state_regulation(page: Page, which: str) -> None:
    region = page.region
    written, kind, number, ryear, title = regulation_of(region, which)
    if ryear > page.year:
        return  # not issued yet in the article's year
    page.names_region(region)
    values: dict[str, str]
    if which == "head":
        page.headline = page.headline or page.say(
            "headline_regulation", short=region.short, kind=kind, head=region.head, name=region.name
        )
        template = "regulation"
        values = {"pemda": region.pemda, "short": region.short, "kind_long": written, "kind": kind}
        values["name"] = region.name
    else:
        template = "regulation_perda"
        perda = "Qanun" if written == "Qanun" else page.rng.choice(("Perda", "Peraturan Daerah"))
        values = {"region": region.canonical, "perda": perda, "name": region.canonical}
    page.paragraphs.append(page.say(template, number=number, ryear=ryear, title=title, **values))
    page.add(("regulation", kind, number, ryear), _regulation(kind, number, ryear, title, region.canonical))


def block_inpres(page: Page) -> None:
    kind, number, year, title = INPRES
    if year > page.year:
        return
    page.paragraphs.append(page.say("inpres"))
    page.add(
        ("regulation", kind, number, year),
        {"type": "regulation", "kind": kind, "number": number, "year": year, "title": title},
    )


def _regulation(kind: str, number: str, year: int, title: str, issuer: str) -> Fact:
    return {
        "type": "regulation",
        "kind": kind,
        "number": number,
        "year": year,
        "title": title,
        "issuer": issuer,
    }


def program_of(region: Region) -> tuple[str, str]:
    """The region's own programme: three words and their syllable acronym (Jaring Pekerja Tangguh: Japeta)."""
    words = [pick(options, "program", i, region.code) for i, options in enumerate(PROGRAM_WORDS)]
    acronym = "".join(_syllable(w) for w in words)
    return " ".join(words), acronym.title()


def _syllable(word: str) -> str:
    vowel = next(i for i, ch in enumerate(word[1:], 1) if ch.lower() in "aeiou")
    return word[: vowel + 1] if word[0].lower() not in "aeiou" else word[:2]


def block_program(page: Page) -> None:
    region = page.region
    name, acronym = program_of(region)
    page.names_region(region)
    pyear = min(page.year, 2018 + stable("pyear", region.code) % 6)
    page.paragraphs.append(
        page.say(
            "program", short=region.short, pemda=region.pemda, program=name, acronym=acronym, pyear=pyear
        )
    )
    page.add(
        ("program", name),
        {"type": "program", "name": name, "aliases": [acronym], "operator": region.canonical},
    )
    first, second = page.rng.sample(NATIONAL_PROGRAMS, 2)
    text = page.say("national_programs", p1=first[0], a1=first[1], p2=second[0], a2=second[1])
    page.paragraphs.append(text)
    for program, acronym in (first, second):
        aliases = [acronym] if f"({acronym})" in text else []
        page.add(("program", program), {"type": "program", "name": program, "aliases": aliases})


def figure_value(region: Region, year: int, segment: str) -> int:
    """Persons covered, fixed per region, year and segment (so articles agree), growing with the year."""
    base = 500 + stable("fig", region.code, segment) % 40000
    return base + (year - YEARS[0]) * (base // 9) + stable("fig-noise", region.code, segment, year) % 97


def coverage_percent(region: Region, year: int) -> float:
    return round(12 + stable("pct", region.code) % 40 + (year - YEARS[0]) * 2.3, 1)


def block_figures(page: Page) -> None:
    """A coverage figure in persons (one of four shapes), a share in percent, and a target (no fact).

    A headline repeats the figure exactly as the body gives it (the share where the body's
    figure is approximate or split), as real headlines do.
    """
    region, year = page.region, page.year
    written, segment = pick(SEGMENTS, "segment", region.code, year)
    value = figure_value(region, year, segment)
    page.names_region(region)
    shape = page.rng.choice(FIGURE_SHAPES)
    percent = coverage_percent(region, year)
    if not page.headline:
        exact = shape in (_figure_stated, _figure_quoted) and page.rng.random() < 0.5
        page.headline = page.say(
            "headline_persons" if exact else "headline_percent",
            short=region.short,
            value=_number(value),
            segment=written.title(),
            place=region.canonical,
            percent=_percent(percent),
        )
    shape(page, written, segment, value)
    month = MONTHS[stable("month", region.code, year) % 12]
    page.paragraphs.append(
        page.say("figure_percent", region=region.canonical, percent=_percent(percent), month=month, year=year)
    )
    page.add(
        ("figure", region.canonical, percent, "percent"), figure_fact(region, percent, "percent", None, year)
    )
    target = _number(value * 2 + 1000 * (1 + stable("target", region.code) % 20))
    page.paragraphs.append(page.say("figure_target", short=region.short, target=target))


def figure_fact(region: Region, value: float, unit: str, segment: str | None, year: int | None) -> Fact:
    fact: Fact = {"type": "figure", "subject": region.canonical, "value": value, "unit": unit}
    return fact | ({"segment": segment} if segment else {}) | ({"year": year} if year else {})


def _figure_stated(page: Page, written: str, segment: str, value: int) -> None:
    region = page.region
    text = page.say(
        "figure_persons", year=page.year, value=_number(value), segment=written,
        region=region.canonical, pemda=region.pemda,
    )  # fmt: skip
    page.paragraphs.append(text)
    page.add(
        ("figure", region.canonical, value, "persons"),
        figure_fact(region, value, "persons", segment, page.year),
    )


def _figure_quoted(page: Page, written: str, segment: str, value: int) -> None:
    """The head says it, without a year: the figure has none (FACTS.md: only where the text states it)."""
    region = page.region
    title, name = head_of(page, region)
    page.paragraphs.append(
        page.say(
            "figure_quote",
            value=_number(value),
            segment=written,
            region=region.canonical,
            title=title,
            name=name,
        )
    )
    page.add(
        ("figure", region.canonical, value, "persons"), figure_fact(region, value, "persons", segment, None)
    )


def _figure_split(page: Page, written: str, segment: str, value: int) -> None:
    """Formal and informal workers in one sentence: two figures."""
    region, year = page.region, page.year
    formal, informal = figure_value(region, year, "formal"), figure_value(region, year, "informal")
    page.paragraphs.append(
        page.say(
            "figure_split", pemda=region.pemda, formal=_number(formal), informal=_number(informal), year=year
        )
    )
    for count, kind in ((formal, "formal"), (informal, "informal")):
        page.add(
            ("figure", region.canonical, count, "persons"), figure_fact(region, count, "persons", kind, year)
        )


def _figure_approximate(page: Page, written: str, segment: str, value: int) -> None:
    """ "hampir 14 ribu": the value is 14000 (FACTS.md), and no year is stated."""
    region = page.region
    thousands = value // 1000 + 1
    page.paragraphs.append(
        page.say("figure_approximate", pemda=region.pemda, thousands=thousands, segment=written)
    )
    fact = figure_fact(region, thousands * 1000, "persons", segment, None)
    page.add(("figure", region.canonical, thousands * 1000, "persons"), fact)


FIGURE_SHAPES = (_figure_stated, _figure_stated, _figure_quoted, _figure_split, _figure_approximate)


def block_draft(page: Page) -> None:
    """A draft under discussion: no regulation (it has no number), but the council is an organisation."""
    region = page.region
    page.paragraphs.append(page.say("draft", region=region.canonical))
    page.names_org(f"DPRD {region.canonical}")


def block_officials(page: Page) -> None:
    """The head quoted, and one of: the Dinas head, the Sekda, the BPJS branch head, the BPJS deputy."""
    region = page.region
    title, name = head_of(page, region)
    page.names_region(region)
    page.paragraphs.append(
        page.say(
            "official_quote",
            title=title,
            name=dressed(page, name),
            venue=_venue(page, region),
            **_date_values(page.published),
        )
    )
    page.rng.choice((_dinas_person, _sekda_person, _bpjs_person, _deputy_person))(page)


def dinas_of(region: Region) -> tuple[str, str]:
    kind, acronym = pick(DINAS_KINDS, "dinas", region.code)
    return f"{kind} {region.canonical}", f"{acronym} {region.canonical}"


def _dinas_person(page: Page) -> None:
    region = page.region
    full, short = dinas_of(region)
    kind = full.removesuffix(" " + region.canonical)
    bracketed = page.rng.random() < 0.5
    written = f"{kind} ({short.split()[0]}) {region.canonical}" if bracketed else full
    name = official(page, region, "dinas")
    text = page.say("dinas_person", dinas_written=written, name=dressed(page, name, suffix=True))
    page.paragraphs.append(text)
    page.names_org(full, (short,) if bracketed else ())
    page.names_person(name, "Plt Kepala" if text.startswith("Plt") else "Kepala", full)


def _sekda_person(page: Page) -> None:
    region = page.region
    name = official(page, region, "sekda")
    page.paragraphs.append(
        page.say("sekda_person", region=region.canonical, name=dressed(page, name, suffix=True))
    )
    page.names_person(name, "Sekretaris Daerah", region.canonical)


def branch_of(region: Region) -> str:
    return (
        region.name
        if region.level != "provinsi"
        else pick(gazetteer().members[region.code], "branch", region.code).name
    )


def _bpjs_person(page: Page) -> None:
    branch = branch_of(page.region)
    name = official(page, page.region, "bpjs")
    text = page.say("bpjs_person", branch=branch, name=name)
    page.paragraphs.append(text)
    if text.startswith("Kepala Kantor Cabang"):
        org, role = f"Kantor Cabang BPJS Ketenagakerjaan {branch}", "Kepala Kantor Cabang"
    else:
        org, role = f"BPJS Ketenagakerjaan Cabang {branch}", "Kepala"
    page.names_org(org, key=f"branch {branch}")
    page.names_person(name, role, org)


def kanwil_of(region: Region) -> str:
    return KANWIL.get(region.province) or KANWIL_DEFAULT[region.province[0]]


def _deputy_person(page: Page) -> None:
    kanwil = kanwil_of(page.region)
    slot = NATIONAL_SLOT + 1 + sorted(set(KANWIL.values()) | set(KANWIL_DEFAULT.values())).index(kanwil)
    name = person_name(slot, page.year, "head", page.seed)
    page.paragraphs.append(page.say("deputy_person", kanwil=kanwil, name=name))
    org = f"BPJS Ketenagakerjaan Wilayah {kanwil}"
    page.names_org(org)
    page.names_person(name, "Deputi Direktur", org)


def block_meeting(page: Page) -> None:
    region = page.region
    branch = branch_of(region)
    page.names_region(region)
    page.headline = page.headline or page.say("headline_meeting", short=region.short)
    page.paragraphs.append(
        page.say(
            "meeting",
            pemda=region.pemda,
            branch=branch,
            venue=_venue(page, region),
            **_date_values(page.published),
        )
    )
    page.names_org(f"BPJS Ketenagakerjaan Cabang {branch}", key=f"branch {branch}")


def company_name(region: Region, year: int) -> str:
    words = [pick(options, "company", i, region.province, year) for i, options in enumerate(COMPANY_WORDS)]
    return "PT " + " ".join(words)


# --- topics: which blocks an article has ------------------------------------------------------------

Block = Callable[[Page], None]
TOPICS: tuple[tuple[str, tuple[Block, ...]], ...] = (
    ("award", (block_award_province, block_officials, block_figures)),
    ("national", (block_award_national, block_program, block_officials)),
    (
        "regulation",
        (block_regulation, block_inpres, block_officials, block_perda, block_draft, block_figures),
    ),
    ("program", (block_figures, block_program, block_officials, block_regulation)),
    ("meeting", (block_meeting, block_officials, block_perda, block_program)),
    ("company", (block_award_province, block_award_company, block_officials)),
)


def compose(index: int, seed: int, order: tuple[Region, ...]) -> Page:
    """Article `index` of the corpus: its region in the visiting order, a topic, a year, its blocks."""
    rng = random.Random(f"{seed}/article/{index}")
    region = order[index % len(order)]
    name, blocks = rng.choice(TOPICS)
    if region.level == "provinsi" and name in ("award", "company"):
        name, blocks = TOPICS[1]
    elif region.level != "provinsi" and name == "national":
        name, blocks = TOPICS[0]
    year = rng.choice(YEARS)
    if name == "national":
        national = national_year(province_of(region), year, seed)
        name, blocks = TOPICS[2] if national is None else (name, blocks)
        year = national or year
    published = date(
        year + (name in ("award", "national", "company")), rng.randint(1, 12), rng.randint(1, 28)
    )
    page = Page(f"a{index:06d}", seed, rng, region, year, min(published, date(2025, 12, 28)))
    for block in blocks:
        block(page)
    if any(BARE_BPJS.search(line) for line in (page.headline, page.caption, *page.paragraphs)):
        page.names_org("BPJS Ketenagakerjaan")
    page.byline = _byline(page)
    return page


def _credit(page: Page, region: Region) -> str:
    return page.rng.choice(CREDIT).format(short=region.short)


def _byline(page: Page) -> str:
    """Reporter and editor: invented names from a range no official uses (a byline is no fact)."""
    reporter = person_name(
        NATIONAL_SLOT + 40, page.year, OFFICES[page.rng.randrange(len(OFFICES))], page.seed
    )
    editor = person_name(NATIONAL_SLOT + 41, page.year, OFFICES[page.rng.randrange(len(OFFICES))], page.seed)
    return f"Reporter: {reporter} | Editor: {editor}"


def _dateline(page: Page) -> str:
    """`KUPANG, site.com -` or `Kupang (ANTARA) -`: the place is a city named like the article's region.

    A bare city name in a dateline names Kota X where such a kota exists, else Kabupaten X
    (FACTS.md), so the gold gets that region; a province's article has no place in its dateline.
    """
    region = page.region
    site = page.rng.choice(SITES)
    gaz = gazetteer()
    if region.level == "provinsi" or (region.level == "kabupaten" and region.name in gaz.kota_names):
        return f"{site.upper()} -"  # a bare name would be the kota's: such articles name the seat town
    page.names_region(region)
    if page.rng.random() < 0.5:
        return f"{region.name.upper()}, {site} -"
    return f"{region.name} ({page.rng.choice(OUTLETS)}) -"


def _related(page: Page) -> str:
    gaz, rng = gazetteer(), page.rng
    kabupaten, kota = rng.choice(gaz.kabupaten), rng.choice(gaz.kota)
    return rng.choice(RELATED_HEADLINES).format(x=kabupaten.name, y=kota.name, n=rng.randint(3, 40))


def _published_line(day: date) -> str:
    clock = f"{9 + day.day % 9:02d}:{day.day * 2 % 60:02d}"
    return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year} {clock} WIB"


# --- rendering --------------------------------------------------------------------------------------


def body_lines(page: Page) -> list[str]:
    """The paragraphs with the page's noise put in: dateline first, a related link, share or ads lines."""
    paragraphs = list(page.paragraphs)
    paragraphs[0] = f"{_dateline(page)} {paragraphs[0]}"
    rng = page.rng
    paragraphs.insert(rng.randint(1, len(paragraphs)), "Baca juga: " + _related(page))
    if rng.random() < 0.5:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(SHARE_LINES))
    if rng.random() < 0.6:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(UNRELATED))
    return paragraphs


def render_text(page: Page) -> str:
    lines = [page.headline, "", page.byline, _published_line(page.published), ""]
    if page.caption:
        lines += [page.caption, ""]
    for paragraph in body_lines(page):
        lines += [paragraph, ""]
    lines += ["Berita Terkait", "Baca juga: " + _related(page), "Editor: " + page.byline.rsplit(": ", 1)[1]]
    return "\n".join(lines) + "\n"


HTML_PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{headline} - Berita Daerah</title>
<meta property="article:published_time" content="{iso}T10:00:00+07:00">
</head>
<body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/daerah">Daerah</a></li>\
<li><a href="/ekonomi">Ekonomi</a></li></ul></nav></header>
<main>
<article class="detail">
<h1 class="detail__title">{headline}</h1>
<div class="detail__author">{byline}</div>
<time datetime="{iso}T10:00:00+07:00">{published}</time>
{figure}<div class="detail__body-text">
{paragraphs}
</div>
</article>
<aside class="related"><h2>Berita Terkait</h2><ul><li><a href="/r/1">{related}</a></li></ul></aside>
</main>
<footer><p>Copyright &copy; Berita Daerah. All rights reserved.</p></footer>
</body>
</html>
"""
HTML_FIGURE = '<figure><img src="/img/{doc}.jpg" alt=""><figcaption>{caption}</figcaption></figure>\n'


def render_html(page: Page) -> str:
    esc = html.escape
    return HTML_PAGE.format(
        headline=esc(page.headline),
        iso=page.published.isoformat(),
        byline=esc(page.byline),
        published=esc(_published_line(page.published)),
        figure=HTML_FIGURE.format(doc=page.doc_id, caption=esc(page.caption)) if page.caption else "",
        paragraphs="\n".join(f"<p>{esc(p)}</p>" for p in body_lines(page)),
        related=esc(_related(page)),
    )


def render_record(page: Page) -> str:
    record = {
        "id": page.doc_id,
        "title": page.headline,
        "date": page.published.isoformat(),
        "url": f"https://{pick(SITES, 'site', page.doc_id)}/berita/{page.doc_id}",
        "text": render_text(page),
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def gold_line(page: Page) -> str:
    return json.dumps({"doc": page.doc_id, "facts": list(page.facts.values())}, ensure_ascii=False) + "\n"


# --- the corpus --------------------------------------------------------------------------------------


@dataclass
class Summary:
    articles: int = 0
    files: int = 0
    facts: int = 0
    seconds: float = 0.0
    by_format: dict[str, int] = field(default_factory=dict)


class Shards:
    """JSON Lines shards of SHARD records, opened one at a time (constant memory and file handles)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.handle: IO[str] | None = None

    def write(self, line: str) -> bool:
        """Write a record; True when it opened a new shard."""
        opened = self.count % SHARD == 0
        if opened:
            self.close()
            self.folder.mkdir(parents=True, exist_ok=True)
            self.handle = (self.folder / f"part-{self.count // SHARD:04d}.jsonl").open("w", encoding="utf-8")
        assert self.handle is not None
        self.handle.write(line)
        self.count += 1
        return opened

    def close(self) -> None:
        if self.handle:
            self.handle.close()
            self.handle = None


def article_format(fmt: str, index: int) -> str:
    return MIXED[index % len(MIXED)] if fmt == "mixed" else fmt


def article_path(out: Path, page: Page, fmt: str, index: int) -> Path:
    return out / f"{index // SHARD:04d}" / f"{page.doc_id}.{fmt}"


def pages(articles: int, seed: int) -> Iterator[Page]:
    order = visiting_order(seed)
    for index in range(articles):
        yield compose(index, seed, order)


def generate(out: Path, articles: int, seed: int = 1, fmt: str = "txt", gold: Path | None = None) -> Summary:
    """Write the corpus (and its gold) to `out`, one article at a time."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    started = time.perf_counter()
    summary = Summary()
    out.mkdir(parents=True, exist_ok=True)
    shards = Shards(out / "jsonl")
    gold_file = gold.open("w", encoding="utf-8") if gold else None
    try:
        for index, page in enumerate(pages(articles, seed)):
            kind = article_format(fmt, index)
            summary.files += _write(out, page, kind, index, shards)
            summary.by_format[kind] = summary.by_format.get(kind, 0) + 1
            summary.facts += len(page.facts)
            if gold_file:
                gold_file.write(gold_line(page))
    finally:
        shards.close()
        if gold_file:
            gold_file.close()
    summary.articles = articles
    summary.seconds = time.perf_counter() - started
    return summary


def _write(out: Path, page: Page, kind: str, index: int, shards: Shards) -> int:
    """Write one article; returns the number of files it created."""
    if kind == "jsonl":
        return int(shards.write(render_record(page)))
    path = article_path(out, page, kind, index)
    if index % SHARD == 0 or not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_text(page) if kind == "txt" else render_html(page), encoding="utf-8")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same bytes (default 1)")
    parser.add_argument(
        "--format", choices=FORMATS, default="txt", help="txt, jsonl, html or mixed (default txt)"
    )
    parser.add_argument(
        "--gold", type=Path, help="also write the facts each article states (FACTS.md format)"
    )
    args = parser.parse_args(argv)
    summary = generate(args.out, args.articles, args.seed, args.format, args.gold)
    formats = ", ".join(f"{n} {k}" for k, n in sorted(summary.by_format.items()))
    print(
        f"wrote {summary.articles} articles ({formats}) in {summary.files} files to {args.out}"
        f"{f', {summary.facts} gold facts to {args.gold}' if args.gold else ''} in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
