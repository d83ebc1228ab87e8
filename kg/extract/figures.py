"""Coverage figures read clause by clause on the shared analysis layer.

A figure is a number of people ("1.700 pekerja rentan", "10.352 orang") or a share
("48,26 persen") in a sentence that speaks of protection or membership. It is read in
its clause (kg.analysis.structure.clauses), with token patterns that are data
(kg/data/figure_patterns.jsonl) and cue words that are data (kg/data/figure_cues.csv):

- the subject is the region or organisation the clause ties to the number: where the
  counted people are ("4.435 nelayan di Kabupaten Bintan"), the name right before the
  number ("Kabupaten Buru 61 persen"), the pairs of "A dan B masing-masing 10 dan 20",
  the clause's actor or place ("Pemkab X melindungi ...", "kepesertaan di X mencapai
  ..."), the regional official who says it, or a number the sentence breaks down ("dari
  jumlah tersebut"). With none of these the reader abstains: no nearest-region
  default, no document majority;
- the year is one stated with the number ("hingga Juli 2025", "per Desember 2020"),
  never a citation's or an award's year, nor one from another sentence;
- the modality is achieved unless a target or plan cue governs the number's clause;
- totals a share is taken from, growth rates, money, dates and codes are not figures.

Each fact's `rule` records which tie gave the subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import ClassVar

from kg.analysis.document import Analysis
from kg.analysis.matcher import Match, Span, TokenMatcher, load_patterns, match_in_windows
from kg.analysis.structure import ItemReader, after_bullet, coordinated, cues, respectively
from kg.extract.base import Document, alternation
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.organizations import COMPANY_KINDS, orgs
from kg.extract.persons import PLACE_UNITS, PersonMatch, persons_in, region_persons_by_name
from kg.extract.regions import (
    ANAPHORA_LEVELS,
    ANAPHORA_REACH,
    demonstrative_after,
    region_anaphora,
    regions,
    regions_in,
    sole_region,
)
from kg.gazetteer import Gazetteer
from kg.lexicon import data_text, rows
from kg.model import Fact, FigureFact, Modality, Ref, Unit

MONTHS = r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)"
SKIP_BEFORE = re.compile(
    r"(?:Rp\.? *|ke-|Nomor +|No\.? *|Tahun +|tahun +|Tim +|poin +|peringkat +|juara +|terbaik +|HUT +ke-?)$",
    re.I,
)
#: Names of the national BPJS Ketenagakerjaan: the subject of national data ("BPJS Ketenagakerjaan mencatat").
NATIONAL_BODY = ("bpjs ketenagakerjaan", "bpjamsostek", "bp jamsostek", "badan penyelenggara jaminan sosial")
COUNT_WORDS = {"kedua": 2, "ketiga": 3, "keempat": 4}  # "kedua kota": both cities named before
#: words of a sentence that names or breaks down a number given before (figure_patterns.jsonl:
#: refers_back, restates): "angka tersebut", "jumlahnya", "Mereka terdiri dari"
REFERRING = frozenset(
    {"tersebut", "itu", "ini", "jumlahnya", "totalnya", "angkanya", "capaiannya", "terdiri"}
)
CONTINUING = frozenset({"serta", "dan", "sedangkan"})  # a sentence that goes on with the one before
LIST_LINE = 14  # tokens of a list's line ("- Kabupaten Sumbawa Barat: 55,1 persen (2024)")
POPULATION_REACH = 6  # tokens back from a number to a population word ("penduduk Maluku Utara yang sekitar")
RESTATE_REACH = 3  # tokens back from a number to "atau" ("atau sekitar 39 persen")
NATIONAL_REACH = 8  # tokens back from a number to "nasional" ("capaian nasional ... 41,9 persen")
OPENING_TIME = 8  # tokens a sentence's opening time may take, up to its comma ("Hingga akhir Desember 2023,")
#: lowercase words between "perusahaan" and "itu" ("perusahaan pengolahan nikel itu")
COMPANY_ANAPHORA_WORDS = 4
#: Words that end the search for where counted people are: a composition or a source follows.
LOCATION_STOPS = (
    "dan",
    "serta",
    "atau",
    "terdiri",
    "yaitu",
    "yakni",
    "meliputi",
    "antara",
    "dari",
    "kepada",
    "bagi",
    "untuk",
)
#: Words after a number that end the words its own modality is read from.
#: Region cues that give only a level, not a government or a title holder.
LEVEL_CUES = ("", "kota", "kota administrasi", "kotamadya", "kabupaten", "kabupaten administrasi", "provinsi")
#: Words that open a clause set against the one before it, about the same subject.
CONTRAST = ("sedangkan", "sementara", "namun", "tetapi")
AFTER_STOPS = ("dari", "dengan", "dan", "serta", "atau", "sedangkan", "namun")
#: Words before an organisation's name that make it an object or a source, not the clause's actor.
NOT_ACTOR_BEFORE = (
    "oleh",
    "dimiliki",
    "peserta",
    "terlindungi",
    "dilindungi",
    "dari",
    "dengan",
    "bersama",
    "program",
    "kepada",
    "bagi",
    "di",
    "atau",
    "dan",
    "ke",
)


@cache
def _patterns() -> TokenMatcher:
    return load_patterns(data_text("figure_patterns.jsonl"), "kg/data/figure_patterns.jsonl")


@cache
def _months() -> frozenset[str]:
    return frozenset(row["name"] for row in rows("months.csv"))


@cache
def _person_nouns() -> dict[str, bool]:
    return {r["cue"].lower(): r["generic"] == "1" for r in rows("figure_cues.csv") if r["kind"] == "person"}


@cache
def _person_noun_pattern() -> re.Pattern[str]:
    return re.compile(rf" *\(?(?P<noun>{alternation(list(_person_nouns()))})(?![\w])", re.I)


@cache
def _segments() -> dict[str, str]:
    return {r["written"].lower(): r["segment"] for r in rows("segments.csv")}


@cache
def _segment_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w-])(?:{alternation([r['written'] for r in rows('segments.csv')])})(?![\w-])", re.I
    )


# --- the reading of one document -------------------------------------------------------------------


@dataclass
class Reading:
    """The analysis of one article with what the figure patterns found in it, by label."""

    analysis: Analysis
    quantities: dict[int, Quantity]  # by the token the number starts at
    subjects: dict[int, Span]  # by start token
    matches: dict[str, list[Match]] = field(default_factory=dict)

    positions: list[int] = field(default_factory=list)  # the quantities' tokens, sorted
    _starts: dict[str, list[int]] = field(default_factory=dict)
    _by_number: dict[tuple[str, int], list[Match]] = field(default_factory=dict)
    _subject_starts: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.positions = sorted(self.quantities)
        self.sentence_starts = [start for start, _ in self.analysis.sentences]
        for label, found in self.matches.items():
            found.sort(key=lambda m: m.start)
            self._starts[label] = [m.start for m in found]
            for m in found:
                self._by_number.setdefault((label, m.groups.get("number", (-1, -1))[0]), []).append(m)

    def subjects_between(self, start: int, end: int) -> list[Span]:
        """The subject spans that start in tokens [start, end), found by bisection."""
        if len(self._subject_starts) != len(self.subjects):
            self._subject_starts = sorted(self.subjects)
        starts = self._subject_starts
        return [self.subjects[p] for p in starts[bisect_left(starts, start) : bisect_left(starts, end)]]

    def matching(self, label: str, start: int, end: int) -> list[Match]:
        """The matches of `label` within tokens [start, end), found by bisection."""
        found, starts = self.matches.get(label, []), self._starts.get(label, [])
        return [m for m in found[bisect_left(starts, start) : bisect_left(starts, end)] if m.end <= end]

    def about(self, label: str, number: int) -> list[Match]:
        """The matches of `label` whose `number` part is the quantity starting at a token."""
        return self._by_number.get((label, number), [])


def _read(doc: Document) -> Reading:
    analysis = doc.analysis()
    spans: list[Span] = [s for found in analysis.spans.values() for s in found]
    quantities: dict[int, Quantity] = {}
    for q in find_quantities(doc.text):
        first, last = analysis.tokens_between(q.start, q.end)
        if last > first:
            quantities[first] = q
            spans.append(Span("quantity", first, last, q.start, q.end, doc.text[q.start : q.end]))
    subjects = {span.start: span for span in _subject_spans(doc, analysis)}
    spans.extend(subjects.values())
    spans.extend(_month_spans(analysis))
    positions = sorted(quantities)
    counting = [
        (start, end) for start, end in analysis.sentences if _may_count(analysis, positions, start, end)
    ]
    by_label: dict[str, list[Match]] = defaultdict(list)
    for match in match_in_windows(_patterns(), analysis.tokens, spans, counting):
        by_label[match.label].append(match)
    return Reading(analysis, quantities, subjects, dict(by_label))


def _has_quantity(positions: list[int], start: int, end: int) -> bool:
    """Whether a quantity starts in tokens [start, end): a bisection in the sorted positions."""
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


def _may_count(analysis: Analysis, positions: list[int], start: int, end: int) -> bool:
    """Whether a sentence can hold a figure: a number, and a coverage cue, a word that refers back
    or goes on ("tersebut", "Serta"), or the shape of a list's line. The patterns run on these
    sentences only, which keeps the reader fast."""
    if end <= start or not _has_quantity(positions, start, end):
        return False
    if any(True for _ in analysis.spans_in("figure_cue.coverage", start, end)):
        return True
    words = {t.lower for t in analysis.tokens[start:end]}
    referring = bool(words & REFERRING) or any(
        True for _ in analysis.spans_in("figure_cue.continuing", start, end)
    )
    return referring or analysis.tokens[start].lower in CONTINUING or _list_line(analysis, start, end)


def _subject_spans(doc: Document, analysis: Analysis) -> list[Span]:
    """Counted regions (not inside an organisation's name) and organisations, as token spans."""
    found = []
    for match in regions(doc):
        if not match.code or match.in_org_name:
            continue
        first, last = analysis.tokens_between(match.span.start, match.span.end)
        if last > first:
            data = {"kind": "region", "key": match.code, "cue": match.span.cue or ""}
            found.append(
                Span("subject", first, last, match.span.start, match.span.end, match.span.text, data)
            )
    found.extend(_anaphoric_subjects(analysis, found))
    taken = {s.start for s in found}
    companies = []
    for org in orgs(doc):
        first, last = analysis.tokens_between(org.start, org.end)
        if last > first and first not in taken:
            national = org.name.casefold() in NATIONAL_BODY and not org.place
            data = {"kind": "organization", "key": org.name, "national": "1" if national else ""}
            found.append(Span("subject", first, last, org.start, org.end, org.name, data))
            if org.kind in COMPANY_KINDS:
                companies.append(found[-1])
    found.extend(_anaphoric_companies(analysis, companies))
    found.extend(_described_companies(doc, analysis, companies))
    return found


def _described_companies(doc: Document, analysis: Analysis, companies: list[Span]) -> list[Span]:
    """ "Gowa Beton Perkasa, perusahaan beton yang seluruh 840 karyawannya terdaftar": the words for
    what a business is, right after its name, stand for it in the clause they open."""
    described = set(doc.names().described())
    found = []
    for company in companies:
        if (company.start, company.end) in described:
            word = analysis.tokens[company.end + 1]
            data = dict(company.data) | {"cue": "anaphora"}
            found.append(Span("subject", word.index, word.index + 1, word.start, word.end, word.text, data))
    return found


def _anaphoric_companies(analysis: Analysis, companies: list[Span]) -> list[Span]:
    """ "Perusahaan pengolahan nikel itu telah mendaftarkan 11.840 pekerjanya": the last company
    named before, within about a paragraph."""
    tokens = analysis.tokens
    found = []
    for position, token in enumerate(tokens):
        if token.lower != "perusahaan":
            continue
        demonstrative = demonstrative_after(tokens, position, COMPANY_ANAPHORA_WORDS)
        if demonstrative is None:
            continue
        before = [c for c in companies if c.end <= position and position - c.end <= ANAPHORA_REACH]
        if before:
            data = dict(before[-1].data) | {"cue": "anaphora"}
            first, last = token, tokens[demonstrative]
            text = analysis.text[first.start : last.end]
            found.append(Span("subject", position, demonstrative + 1, first.start, last.end, text, data))
    return found


def _anaphoric_subjects(analysis: Analysis, regions_found: list[Span]) -> list[Span]:
    """ "provinsi itu", "kabupaten tersebut", "daerah ini": the last region of that level named
    before, in the same paragraph or the one before; none when there is no such region."""
    ordered = sorted(regions_found, key=lambda s: s.start)
    mentions = [(s.start, s.end, s.data["key"]) for s in ordered]
    found = []
    for start, end, antecedent in region_anaphora(analysis.tokens, mentions):
        first, last = analysis.tokens[start], analysis.tokens[end - 1]
        data = dict(ordered[antecedent].data) | {"cue": "anaphora"}
        text = analysis.text[first.start : last.end]
        found.append(Span("subject", start, end, first.start, last.end, text, data))
    return found


def _month_spans(analysis: Analysis) -> list[Span]:
    """Month names, and two joined by a hyphen ("Juli-Desember"), as spans for the time patterns."""
    months = _months()
    return [
        Span("month", t.index, t.index + 1, t.start, t.end, t.text)
        for t in analysis.tokens
        if t.kind == "word" and all(part.rstrip(".") in months for part in t.lower.split("-"))
    ]


# --- what a number is ------------------------------------------------------------------------------


def _skip(doc: Document, q: Quantity) -> bool:
    """Money, ranks, citation numbers, dates and bare years are not counts."""
    text = doc.text
    before = text[max(0, q.start - 20) : q.start]
    after = text[q.end : q.end + 12]
    if SKIP_BEFORE.search(before) or re.match(rf" +{MONTHS}", after):
        return True
    if (
        q.unit is None
        and q.value == int(q.value)
        and 1900 <= q.value <= 2100
        and "." not in text[q.start : q.end]
    ):
        return True
    return bool(re.match(r"-\d", after) or re.search(r"\d-$", before))


def _unit(reading: Reading, q: Quantity, token: int, clause: tuple[int, int]) -> Unit | None:
    """Percent, people counted by the words after the number, or people by ellipsis: a number
    joined by "dan" to a count of people shares its noun ("65.812 tenaga kerja ... dan 89.955",
    "1.000 dan 2.000 pekerja")."""
    if q.unit == "percent":
        return "percent"
    if reading.about("people", token):
        return "persons"
    tokens = reading.analysis.tokens
    if token > clause[0] and tokens[token - 1].lower in ("dan", "serta"):
        previous = max((p for p in reading.quantities if clause[0] <= p < token - 1), default=None)
        if previous is not None and reading.about("people", previous):
            return "persons"
    following = token + 2  # "1.000 dan 2.000 pekerja": the noun of the last number is shared
    shared = following < clause[1] and tokens[token + 1].lower in ("dan", "serta", ",")
    if shared and reading.about("people", following):
        return "persons"
    return None


def _is_total(reading: Reading, token: int, unit: Unit, clause: tuple[int, int]) -> bool:
    """The whole a share is taken from, or a population or workforce named with the number."""
    totals = reading.about("total", token)
    # "dari 5,92 juta pekerja" and "5.000 pekerja dari potensi" are wholes; "40 persen dari potensi" a share
    if any(m.start < token or unit == "persons" for m in totals) and not reading.about("not_total", token):
        return True
    tokens = reading.analysis.tokens
    for label in ("figure_cue.population", "figure_cue.growth"):
        for span in reading.analysis.spans_in(label, max(clause[0], token - POPULATION_REACH), token):
            if label.endswith("growth") and unit != "percent":
                continue
            between = tokens[span.end : token]
            if not any(t.text in (",", ";") for t in between):
                return True
    return False


def _national(reading: Reading, token: int, clause: tuple[int, int]) -> bool:
    """A number the country reached ("di bawah capaian nasional yang berada di angka 41,9 persen"):
    no region or organisation is its subject. "nasional" stands a few words before it, with no
    subject named in between."""
    tokens = reading.analysis.tokens
    for position in range(token - 1, max(clause[0], token - NATIONAL_REACH) - 1, -1):
        if position in reading.subjects:
            return False
        if tokens[position].lower == "nasional":
            return True
    return False


# --- the subject -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tie:
    """A subject tied to a number, with the path that tied it."""

    refs: tuple[Ref, ...]
    rule: str
    strength: float


def _ref(span: Span) -> Ref:
    return Ref("region" if span.data["kind"] == "region" else "organization", span.data["key"])


def _number_end(reading: Reading, token: int) -> int:
    """Where the number and the words that count its people end."""
    people = reading.about("people", token)
    return max((m.end for m in people), default=token + 1)


def _next_quantity(reading: Reading, after: int, end: int) -> int:
    for position in range(after, end):
        if position in reading.quantities:
            return position
    return end


def _located(doc: Document, reading: Reading, token: int, clause: tuple[int, int]) -> Tie | None:
    """ "4.435 nelayan di Kabupaten Bintan": the place of the counted people, before the next number;
    read after the group's own words ("4.200 kepala desa, perangkat desa, dan ketua RT di X")."""
    group_end = _group(doc, reading.quantities[token])[1]
    start = max(_number_end(reading, token), reading.analysis.tokens_between(group_end, group_end)[0])
    end = _next_quantity(reading, start, clause[1])
    tokens = reading.analysis.tokens
    for position in range(start, end):
        if tokens[position].lower in LOCATION_STOPS or tokens[position].text in (",", ";", "“", '"', "”"):
            return None
        for match in reading.matching("located", position, end):
            if match.start == position:
                span = reading.subjects[match.groups["subject"][0]]
                return Tie((_ref(span),), "figure.located", 0.9)
    return None


def _inline(reading: Reading, token: int, clause: tuple[int, int]) -> Tie | None:
    """ "Kabupaten Buru 61 persen", "Buru Selatan dan Seram Bagian Barat (SBB) 68 persen"."""
    for match in reading.about("inline", token):
        first = reading.subjects[match.groups["subject"][0]]
        if match.start < clause[0] or first.data["kind"] != "region":
            continue
        refs = [_ref(first)]
        analysis = reading.analysis
        lists = coordinated(analysis.tokens, clause[0], match.groups["number"][0], _subject_item(reading))
        for found in lists:
            if found.items[-1].start == first.start and len(found.items) > 1:
                refs = [_ref(reading.subjects[item.start]) for item in found.items]
        return Tie(tuple(refs), "figure.inline" if len(refs) == 1 else "figure.shared", 0.9)
    return None


def _subject_item(reading: Reading) -> ItemReader:
    def read(position: int) -> int | None:
        span = reading.subjects.get(position)
        if span is None:
            return None
        # a short form in parentheses stays with its name ("Seram Bagian Barat (SBB)")
        tokens = reading.analysis.tokens
        end = span.end
        if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
            end += 3
        return end

    return read


def _respective(reading: Reading, token: int, clause: tuple[int, int]) -> Tie | None:
    """ "A, B dan C masing-masing 10, 20 dan 30": the subject paired with this number."""
    analysis = reading.analysis

    def value(position: int) -> int | None:
        if position not in reading.quantities:
            return None
        end = _number_end(reading, position)
        # "61 persen dan 58 persen": the unit after each number is part of the value
        return end + 1 if end < clause[1] and analysis.tokens[end].lower in ("persen", "%") else end

    for item, number in respectively(analysis.tokens, clause[0], clause[1], _subject_item(reading), value):
        if number.start == token:
            return Tie((_ref(reading.subjects[item.start]),), "figure.respectively", 0.9)
    return _both_named_before(reading, token, clause, value)


def _both_named_before(
    reading: Reading, token: int, clause: tuple[int, int], value: ItemReader
) -> Tie | None:
    """ "cakupan di kedua kota masing-masing 21 persen dan 33 persen": the last cities (regencies,
    regions) named before, as many as the numbers, in the order they were named."""
    tokens = reading.analysis.tokens
    for position in range(clause[0], token - 1):
        count = COUNT_WORDS.get(tokens[position].lower)
        level = ANAPHORA_LEVELS.get(tokens[position + 1].lower)
        if count is None or level is None:
            continue
        after = next(
            (p for p in range(position + 2, token + 1) if cues().at("respectively", tokens, p)), None
        )
        values = coordinated(tokens, after + 1, clause[1], value) if after is not None else []
        if not values or len(values[0].items) != count:
            return None
        named = _last_named(reading, position, level, count)
        numbers = [i.start for i in values[0].items]
        if len(named) == count and token in numbers:
            return Tie((_ref(named[numbers.index(token)]),), "figure.respectively", 0.8)
        return None
    return None


def _last_named(reading: Reading, before: int, level: str, count: int) -> list[Span]:
    """The last `count` distinct regions of a level named before a token, in the order named."""
    gazetteer = Gazetteer.load()
    found: list[Span] = []
    for start in sorted(
        (s for s in reading.subjects if max(0, before - ANAPHORA_REACH) <= s < before), reverse=True
    ):
        span = reading.subjects[start]
        if span.data["kind"] != "region" or span.data["key"] in {s.data["key"] for s in found}:
            continue
        if level != "daerah" and gazetteer.get(span.data["key"]).level != level:
            continue
        found.append(span)
        if len(found) == count:
            break
    return found[::-1]


def _actor(reading: Reading, token: int, clause: tuple[int, int]) -> Tie | None:
    """The clause's region before the number: its actor ("Pemkab X melindungi"), a title holder's
    region ("Gubernur X ... melindungi"), or its place ("kepesertaan di X mencapai"); a bare name
    counts only as a place, so a dateline is no actor. An organisation counts as the actor of its
    own registering verb ("PT X telah mendaftarkan"). Else the national BPJS Ketenagakerjaan as
    the actor of national data."""
    tokens = reading.analysis.tokens
    chosen: Span | None = None
    rank = 0
    body: Span | None = None
    for start in range(clause[0], token):
        span = reading.subjects.get(start)
        if span is None or span.end > token or _tied_elsewhere(reading, span, token):
            continue
        if span.data["kind"] == "organization":
            if span.data["national"] and (start == 0 or tokens[start - 1].lower not in NOT_ACTOR_BEFORE):
                body = span
            elif not span.data["national"] and (
                _registers(reading, span, token) or _own_people(reading, token)
            ):
                chosen, rank = span, 4  # "PT X telah mendaftarkan 6.200 pekerjanya": the company's own count
            continue
        placed = start > 0 and tokens[start - 1].lower in ("di", "se")
        # a government or a title holder first, then a place ("di X"), then a name with its level
        # a name right before its own protecting verb acts too: "Pringsewu kini melindungi 18.540 pekerja"
        here = (
            3
            if _governs(span) or _registers(reading, span, token)
            else 2
            if placed
            else 1
            if span.data["cue"]
            else 0
        )
        if here and here >= rank:
            chosen, rank = span, here
    if chosen is not None:
        return Tie((_ref(chosen),), "figure.clause", 0.85)
    if body is not None:
        return Tie((_ref(body),), "figure.national", 0.8)
    return None


def _registers(reading: Reading, span: Span, token: int) -> bool:
    """Whether a subject is followed by its own registering or protecting verb before the number."""
    return any(m.start == span.start for m in reading.matching("actor", span.start, token))


def _own_people(reading: Reading, token: int) -> bool:
    """Whether the number counts its clause's organisation's own people: "PT X, yang seluruh 1.240
    karyawannya sudah terdaftar" (a word for people with "-nya" right after the number)."""
    tokens = reading.analysis.tokens
    after = token + 1
    while after < len(tokens) and tokens[after].is_number:
        after += 1  # "1.240" may be read as several tokens
    if after >= len(tokens):
        return False
    word = tokens[after].lower
    return word.endswith("nya") and word[:-3] in _person_nouns()


def _governs(span: Span) -> bool:
    """A region named as its government or through a title holder ("Pemkab X", "Bupati X")."""
    return span.data["kind"] == "region" and span.data["cue"] not in LEVEL_CUES


def _context(doc: Document, reading: Reading, sentence: int) -> Tie | None:
    """The one regional government the passage is about: named as a government or through a
    title holder in the number's paragraph, else in the one before it ("Pemkot X ... Tahun ini,
    program andalan ini telah menjangkau 17.487 pekerja"); none when the passage names two."""
    analysis = reading.analysis
    start = analysis.sentences[sentence][0]
    if start >= len(analysis.tokens):
        return None
    line_start = doc.line_of(analysis.tokens[start].start)[0]
    previous = doc.line_of(max(0, line_start - 2))[0] if line_start else 0
    while previous > 0 and not doc.text[previous:line_start].strip():
        previous = doc.line_of(previous - 2)[0]
    paragraph_end = doc.line_of(analysis.tokens[start].start)[1]
    for passage_start in (line_start, previous):  # the number's own paragraph first
        first, last = analysis.tokens_between(passage_start, paragraph_end)
        codes = {span.data["key"] for span in reading.subjects_between(first, last) if _governs(span)}
        if codes:
            break
    return Tie((Ref("region", codes.pop()),), "figure.context", 0.65) if len(codes) == 1 else None


def _tied_elsewhere(reading: Reading, span: Span, token: int) -> bool:
    """A subject named right before another number ("Pemkab Minut 2.205 aparat, ...") is that one's."""
    return any(
        m.groups["subject"][0] == span.start and m.groups["number"][0] != token
        for m in reading.matching("inline", span.start, len(reading.analysis.tokens))
    )


def _speaker(doc: Document, reading: Reading, sentence: int) -> Tie | None:
    """The region of the regional official who says the number: named in the sentence with a
    speech word ("kata Bupati X"), or the one a "katanya"/"Ia mengatakan" sentence goes back to."""
    analysis = reading.analysis
    start = analysis.sentences[sentence][0]
    said = _said(reading, sentence)
    if said is None:
        return None
    first, last = said
    speech = analysis.spans_in("figure_cue.speech", *analysis.sentences[sentence])
    inside = [p for p in persons_in(doc, first, last) if p.org and p.org.kind == "region"]
    named = [p for name, p in region_persons_by_name(doc).items() if name in doc.text[first:last]]
    if inside or named:
        person = inside[0] if inside else named[0]
        assert person.org is not None
        return Tie((person.org,), "figure.speaker", 0.75)
    pronoun = analysis.tokens[start].lower in ("ia", "dia", "menurutnya", "beliau") or any(
        analysis.tokens[s.start].lower.endswith("nya") for s in speech
    )
    if not pronoun:
        return None
    earlier = [p for p in persons_in(doc, 0, first) if p.org]
    if earlier and earlier[-1].org and earlier[-1].org.kind == "region":
        return Tie((earlier[-1].org,), "figure.speaker", 0.7)
    return None


#: organisations that count their own people: what their heads register is theirs, not a region's
OWN_PEOPLE_KINDS = COMPANY_KINDS | {"association", "union"}


def _registering_holder(doc: Document, reading: Reading, token: int, sentence: int) -> Tie | None:
    """The organisation of the person whose registering verb counts the number: "Direktur Utama PT
    X, Nama, mengaku sudah mendaftarkan 1.120 pekerjanya" (a company's, a foundation's, a
    campus's or an association's own people; a government agency's head counts the region's)."""
    analysis = reading.analysis
    start = analysis.sentences[sentence][0]
    verbs = [s.start for s in analysis.spans_in("figure_cue.registering", start, token)]
    if not verbs:
        return None
    holders = persons_in(doc, analysis.tokens[start].start, analysis.tokens[verbs[-1]].start)
    if not holders and any(t.lower in _owner_words() for t in analysis.tokens[start : verbs[-1]]):
        # "Koperasinya telah mendaftarkan 214 anggota": the body of the person named just before
        previous = _sentence_before(reading, start)
        holders = persons_in(doc, *analysis.chars(*previous)) if previous else []
    if not holders:
        return None
    office = holders[-1].org_match
    if office is None or office.kind not in OWN_PEOPLE_KINDS or holders[-1].org is None:
        return None
    return Tie((holders[-1].org,), "figure.holder", 0.75)


@cache
def _owner_words() -> frozenset[str]:
    return frozenset(r["cue"].casefold() for r in rows("figure_cues.csv") if r["kind"] == "owner")


def _said(reading: Reading, sentence: int) -> tuple[int, int] | None:
    """The characters of a sentence with a speech word ("kata", "ujarnya"): who says its numbers
    may tell whose they are."""
    analysis = reading.analysis
    start, end = analysis.sentences[sentence]
    if end <= start or not any(True for _ in analysis.spans_in("figure_cue.speech", start, end)):
        return None
    return analysis.chars(start, end)


def _office_speaker(doc: Document, reading: Reading, sentence: int) -> Tie | None:
    """The office of the official who says the number, when the passage names no one government."""
    said = _said(reading, sentence)
    if said is None:
        return None
    offices = [ref for p in persons_in(doc, *said) if (ref := _office_of(doc, p)) is not None]
    return Tie((offices[0],), "figure.office", 0.7) if offices else None


def _office_of(doc: Document, person: PersonMatch) -> Ref | None:
    """What an official speaks for, when the post is in an office: a regional government's agency
    speaks for its region ("Kepala DPMD Kubu Raya"), a branch of a national body for the branch
    ("Kepala BPJS Ketenagakerjaan Cabang Palu")."""
    office = person.org_match
    if office is None:
        return None
    if office.base is not None and office.place is not None:
        return Ref("organization", office.name)
    if office.kind != "agency":
        return None
    places = {m.code for m in regions_in(doc, office.start, office.end) if m.code}
    return Ref("region", places.pop()) if len(places) == 1 else None


def _restating(reading: Reading, token: int, clause: tuple[int, int]) -> int | None:
    """The number a number restates in other terms: "47.215 pekerja atau sekitar 39 persen", and
    across a comma "512.700 orang, setara 31 persen dari seluruh pekerja"."""
    tokens = reading.analysis.tokens
    for back in range(token - 1, max(clause[0], token - RESTATE_REACH) - 1, -1):
        word = tokens[back].lower
        if word not in ("atau", "setara"):
            continue
        comma = word == "setara" and back == clause[0] and back > 0 and tokens[back - 1].text == ","
        floor = max(0, back - RESTATE_REACH) if comma else clause[0]
        before = [p for p in reading.positions if floor <= p < back]
        if before and _number_end(reading, before[-1]) >= back - (2 if comma else 1):
            return before[-1]
        return None
    return None


def _subject(
    doc: Document, reading: Reading, token: int, clause: tuple[int, int], sentence: int
) -> Tie | None:
    restated = _restating(reading, token, clause)
    if restated is not None:
        return _subject(doc, reading, restated, clause, sentence)
    tie = _respective(reading, token, clause) or _located(doc, reading, token, clause)
    tie = tie or _inline(reading, token, clause) or _actor(reading, token, clause)
    if tie is not None:
        return tie
    return (
        _registering_holder(doc, reading, token, sentence)
        or _speaker(doc, reading, sentence)
        or _context(doc, reading, sentence)
        or _office_speaker(doc, reading, sentence)
        or _sole_region(doc)
    )


def _sole_region(doc: Document) -> Tie | None:
    """The one region the article is about (kg.extract.regions.sole_region): what a coverage
    number no clause ties is about when the article speaks of no other place."""
    code = sole_region(doc)
    return Tie((Ref("region", code),), "figure.article", 0.55) if code else None


# --- year, modality, segment ------------------------------------------------------------------------


def _times(reading: Reading, clause: tuple[int, int]) -> list[tuple[int, int, int]]:
    """(start, end, year) of the times stated in a clause, not a citation's or an award's year."""
    cited = {m.groups["year"][0] for m in reading.matching("not_time", 0, len(reading.analysis.tokens))}
    found: list[tuple[int, int, int]] = []
    for match in reading.matching("time", clause[0], clause[1]):
        year_token = match.groups["year"][0]
        if year_token not in cited and not (found and found[-1][1] > match.start):
            found.append((match.start, match.end, int(reading.analysis.tokens[year_token].text)))
    return found


def _year(reading: Reading, token: int, clause: tuple[int, int]) -> int | None:
    """The time right after the number's words, else the last one before it in its clause, else
    the first one after it in its clause when no other number follows it there.

    "14.880 pekerja rentan di Kabupaten TTU tahun 2025"; "hingga Juli 2025 telah mencapai
    48,26 persen, dengan 103.079 pekerja": a time before numbers holds for the ones after it.
    """
    times = _times(reading, clause)
    end = _number_end(reading, token)
    located = [m.end for m in reading.matching("located", end, min(end + 8, clause[1])) if m.start == end]
    after = located[0] if located else end
    for start, _, year in times:
        if after <= start <= after + 1:
            return year
    before = [year for _, stop, year in times if stop <= token]
    if before:
        return before[-1]
    later = [(start, year) for start, _, year in times if start >= end]
    in_times = {p for start, stop, _ in times for p in range(start, stop)}
    if later and not any(end <= p < clause[1] and p not in in_times for p in reading.positions):
        return later[0][1]  # "1.500 pekerja ... terdaftar sepanjang 2021": the clause's own time
    return _opening_year(reading, clause)


def _opening_year(reading: Reading, clause: tuple[int, int]) -> int | None:
    """The time a sentence opens with, set off by a comma, holds for all its clauses: "Hingga akhir
    2023, kepesertaan di X tercatat 310.000, sedangkan di Y 28.400"."""
    index = bisect_left(reading.sentence_starts, clause[0] + 1) - 1
    if index < 0:
        return None
    start, end = reading.analysis.sentences[index]
    if start == clause[0]:
        return None  # the number's clause is the first: its own times were read already
    tokens = reading.analysis.tokens
    comma = next((p for p in range(start, min(end, start + OPENING_TIME)) if tokens[p].text == ","), None)
    if comma is None:
        return None
    times = _times(reading, (start, comma))
    return times[0][2] if times and times[0][0] <= start + 1 else None


def _modality(reading: Reading, token: int, clause: tuple[int, int]) -> Modality:
    """A target or plan when a cue for one governs the number and no achievement cue follows it.

    "ditargetkan 65 persen" and "bakal melindungi ... 10.000 orang" are not achievements;
    "akan terus ditingkatkan, saat ini sudah 5.000" is one; so is "45 persen dari target".
    """
    analysis = reading.analysis
    cues: list[tuple[int, str]] = []
    for kind in ("target", "planned", "achieved"):
        cues += [(s.start, kind) for s in analysis.spans_in(f"figure_cue.{kind}", clause[0], token)]
    stop = _number_end(reading, token)
    while stop < clause[1] and stop < token + 10:
        word = analysis.tokens[stop]
        if word.is_punct or word.lower in AFTER_STOPS or stop in reading.quantities:
            break
        stop += 1
    for kind in ("target", "planned"):
        cues += [(token, kind) for _ in analysis.spans_in(f"figure_cue.{kind}", token + 1, stop)]
    if not cues:
        return "asserted"
    governing = [c for c in cues if c[1] != "achieved"]
    if not governing:
        return "asserted"
    last_goal = max(c[0] for c in governing)
    if any(k == "achieved" and p > last_goal for p, k in cues):
        return "asserted"
    kind = max(governing)[1]
    return "target" if kind == "target" else "planned"


NOUN_STOP = (
    r"yang|di|dan|dari|telah|sudah|melalui|dengan|untuk|serta|atau|pada|se|sebagai|ke|kini|baru|mencapai"
    r"|juga|pun|lagi|masih|akan|itu|ini|tersebut"
    r"|tahun|bulan|hingga|sampai|se-\w+|(?:ter|di|mem|men|meng|meny|ber)[a-z]{3,}"
)
NOUN_PHRASE = re.compile(rf"[\w-]+(?: +(?!(?:{NOUN_STOP})\b)[\w-]+){{0,2}}")
GROUP_LIST = re.compile(
    r"(?:, +[^\d,.;:()\n]{1,30}?)*,? +(?:dan|serta) +[^\d,.;:()\n]{1,30}?"
    rf"(?= *[.;:\n\"”]|$| +(?:{NOUN_STOP})\b)"
)
EXAMPLE_WORDS = "termasuk|seperti|antara lain|di antaranya"  # examples of a group follow
INCLUDES = re.compile(rf",|\b(?:{EXAMPLE_WORDS})\b", re.I)
EXAMPLES = re.compile(rf"\b(?:{EXAMPLE_WORDS}|yaitu|yakni)\b", re.I)
SOURCE = re.compile(r" *(?:orang|jiwa|pekerja|tenaga kerja)? *(?:berasal +)?dari +", re.I)


def _named_group(doc: Document, q: Quantity) -> str | None:
    """The specific group written right after a number ("7.189 petugas pemilu"), as written."""
    return _group(doc, q)[0]


def _group(doc: Document, q: Quantity) -> tuple[str | None, int]:
    """The group named right after a number and where its words end (the number's end without one)."""
    found = _group_written(doc, q)
    return (found[0], found[1]) if found else (None, q.end)


#: "22.115 di antaranya pekerja rentan": a part of the number before, whose group follows
PART_OF = re.compile(r" *di ?antaranya(?: +(?:adalah|merupakan|ialah))?", re.I)


def _group_written(doc: Document, q: Quantity) -> tuple[str | None, int] | None:
    text = doc.text
    part = PART_OF.match(text, q.end)
    noun = _person_noun_pattern().match(text, part.end() if part else q.end)
    if noun and noun.group("noun").lower() in ("orang", "jiwa"):  # "3.554 orang aparat kampung"
        noun = _person_noun_pattern().match(text, noun.end()) or noun
    if noun and _person_nouns().get(noun.group("noun").lower(), True):
        source = SOURCE.match(text, noun.end())  # "65.812 tenaga kerja berasal dari non-ASN"
        term = _segment_pattern().match(text, source.end()) if source else None
        return (_normal_segment(term.group(0)), term.end()) if term else (None, noun.end())
    if not noun:
        return None
    phrase = NOUN_PHRASE.match(text, noun.start("noun"))
    written = phrase.group(0) if phrase else noun.group("noun")
    more = GROUP_LIST.match(text, noun.start("noun") + len(written))
    if more and EXAMPLES.search(more.group(0)):
        more = None  # "9.350 pekerja informal, termasuk pedagang kaki lima": examples, not more groups
    if more:
        written += more.group(0)
    end = noun.start("noun") + len(written)
    term = _segment_pattern().match(written)
    if term and not more:
        return _normal_segment(term.group(0)), end
    return " ".join(written.split()), end


def _named_first(doc: Document, terms: list[tuple[int, str]]) -> tuple[int, str]:
    """The nearest segment term before a number, or the one it restates: in "sektor non-formal atau
    pekerja yang bukan penerima upah" the group is the first, "atau" explains it."""
    if len(terms) >= 2:
        (first, written), (second, _) = terms[-2], terms[-1]
        if " atau " in doc.text[first + len(written) : second]:
            return terms[-2]
    return terms[-1]


def _segment_terms(doc: Document, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.start() + start, m.group(0)) for m in _segment_pattern().finditer(doc.text[start:end])]


def _segment(doc: Document, reading: Reading, q: Quantity, token: int, clause: tuple[int, int]) -> str | None:
    """Who is counted: the group named right after the number, else a segment word of its clause,
    nearest first among the words between the neighbouring numbers; a segment named once in the
    sentence holds for all its numbers."""
    named = _named_group(doc, q)
    if named:
        return named
    analysis = reading.analysis
    previous = max((p for p in reading.quantities if clause[0] <= p < token), default=None)
    following = _next_quantity(reading, token + 1, clause[1])
    left = analysis.chars(clause[0], clause[1])[0] if previous is None else reading.quantities[previous].end
    right = analysis.chars(clause[0], following)[1] if following > clause[0] else q.end
    stop = INCLUDES.search(doc.text, q.end, right)
    after = _segment_terms(doc, q.end, stop.start() if stop else right)
    before = _segment_terms(doc, left, q.start)
    if after:
        return _normal_segment(after[0][1])
    if before:
        return _normal_segment(_named_first(doc, before)[1])
    first = analysis.chars(clause[0], clause[1])[0]
    terms = {_normal_segment(t) for _, t in _segment_terms(doc, first, q.start)}
    return terms.pop() if len(terms) == 1 else None


def _normal_segment(written: str) -> str:
    return _segments().get(" ".join(written.lower().split())) or " ".join(written.split())


# --- the extractor ---------------------------------------------------------------------------------


class FigureExtractor:
    """Counts and shares of covered workers, with subject, segment, year and modality."""

    name: ClassVar[str] = "figures"
    produces: ClassVar[tuple[type[Fact], ...]] = (FigureFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        reading = doc.memo("figure_reading", _read)
        analysis = reading.analysis
        facts: list[FigureFact] = []
        gated = announced = False
        for index, (start, end) in enumerate(analysis.sentences):
            listed = _list_line(analysis, start, end)
            gated = _speaks_of_coverage(reading, start, end, gated) or (announced and listed)
            announced = (announced and listed) or _announces_a_list(analysis, start, end)
            if not gated:
                continue
            found: list[FigureFact] = []
            for clause in analysis.clauses(index):
                contrast = analysis.tokens[clause[0]].lower in CONTRAST
                earlier = list(found) if contrast else []
                positions = reading.positions
                inside = positions[bisect_left(positions, clause[0]) : bisect_left(positions, clause[1])]
                for token in inside:
                    found.extend(_parallel(self._figure(doc, reading, token, clause, index), earlier))
            found = _referring_back(doc, reading, start, end, found, facts)
            facts.extend(found)
        rounded = _rounded_forms(facts)
        return [fact for fact in facts if not _rounded_repeat(fact, rounded)]

    def _figure(
        self, doc: Document, reading: Reading, token: int, clause: tuple[int, int], sentence: int
    ) -> list[FigureFact]:
        q = reading.quantities[token]
        if _skip(doc, q):
            return []
        unit = _unit(reading, q, token, clause)
        if unit is None or _is_total(reading, token, unit, clause) or _national(reading, token, clause):
            return []
        tie = _subject(doc, reading, token, clause, sentence)
        if (
            tie is not None
            and tie.rule in ("figure.article", "figure.context")
            and _of_a_village(reading, clause)
        ):
            tie = None  # "Kepala Desa Kuala Dua ... mendaftarkan 14 perangkat desa": the village's own count
        refs: Sequence[Ref | None] = tie.refs if tie else (None,)
        end = reading.analysis.tokens[_number_end(reading, token) - 1].end
        return [
            FigureFact(
                subject=ref or Ref("region", ""),
                value=q.value,
                unit=unit,
                segment=_segment(doc, reading, q, token, clause),
                year=_year(reading, token, clause),
                approximate=q.approximate,
                modality=_modality(reading, token, clause),
                evidence=doc.evidence(q.start, end),
                rule=tie.rule if tie else "figure.unattached",
                confidence=round(0.9 * tie.strength + 0.1, 2) if tie else 0.0,
            )
            for ref in refs
        ]


def _parallel(made: list[FigureFact], before: list[FigureFact]) -> list[FigureFact]:
    """A contrasting clause with no subject of its own keeps the subject of the clause before it:
    "... di Kota X 78 persen, sedangkan pekerja informal baru 12 persen"."""
    tied = [fact for fact in before if fact.rule != "figure.unattached"]
    if not tied:
        return made
    return [
        replace(fact, subject=tied[-1].subject, rule="figure.parallel", confidence=tied[-1].confidence)
        if fact.rule == "figure.unattached"
        else fact
        for fact in made
    ]


def _speaks_of_coverage(reading: Reading, start: int, end: int, previous: bool) -> bool:
    """A sentence with a coverage cue, one that breaks down a number given before ("dari jumlah
    tersebut"), or one that goes on with the sentence before it ("Serta 4.187 nelayan ...", or the
    next line of a list: "- Kabupaten Dompu: 29,9 persen")."""
    analysis = reading.analysis
    if end <= start:
        return False
    if any(True for _ in analysis.spans_in("figure_cue.coverage", start, end)):
        return True
    if reading.matching("refers_back", start, end):
        return True
    if any(_opens(analysis, start, m) for m in reading.matching("restates", start, end)):
        return True
    continuing = any(True for _ in analysis.spans_in("figure_cue.continuing", start, end))
    return previous and (
        _list_line(analysis, start, end) or analysis.tokens[start].lower in CONTINUING or continuing
    )


def _opens(analysis: Analysis, start: int, match: Match) -> bool:
    """Whether a match opens its sentence, or follows only an opening time up to a comma ("Pada 2020,
    jumlahnya mencapai ...")."""
    return match.start <= start + 1 or (
        match.start - start <= OPENING_TIME and analysis.tokens[match.start - 1].text == ","
    )


def _announces_a_list(analysis: Analysis, start: int, end: int) -> bool:
    """A sentence that ends in a colon and speaks of figures: "Berikut rincian capaian per daerah:"."""
    colon = end > start and analysis.tokens[end - 1].text == ":"
    return colon and bool(analysis.spans_in("figure_cue", start, end))


def _list_line(analysis: Analysis, start: int, end: int) -> bool:
    """A short line of its own (a list's item, its bullet read off by cleaning or not): "Kabupaten
    Dompu: 29,9 persen"."""
    if after_bullet(analysis.tokens, start, end) > start:
        return True
    line_start = analysis.text.rfind("\n", 0, analysis.tokens[start].start) + 1
    own_line = not analysis.text[line_start : analysis.tokens[start].start].strip(" \t-•*")
    return own_line and end - start <= LIST_LINE and any(t.text == ":" for t in analysis.tokens[start:end])


#: ties weaker than a sentence that breaks down or restates the number before: no tie, or the
#: article's one region
LOOSE_TIES = ("figure.unattached", "figure.article", "figure.national")


def _referring_back(
    doc: Document, reading: Reading, start: int, end: int, found: list[FigureFact], facts: list[FigureFact]
) -> list[FigureFact]:
    """Numbers of a sentence that break down or restate the one before take its subject where no
    subject of their own is tied ("Dari jumlah tersebut, sebanyak 65.812 ..."); a share right
    after a count ("Angka itu menandai 150 persen") counts the same group at the same time."""
    back = reading.matching("refers_back", start, end)
    restated = [m for m in reading.matching("restates", start, end) if _opens(reading.analysis, start, m)]
    possessive = any(reading.analysis.tokens[m.start].lower.endswith("nya") for m in restated)
    named = _named_before(doc, reading, start) if possessive and not back else None
    if not facts and named is None and not back:
        return [f for f in found if f.rule != "figure.unattached"]
    previous = facts[-1] if facts else None
    kept: list[FigureFact] = []
    for fact in found:
        if back and kept and kept[-1].evidence.start < reading.analysis.tokens[back[0].start].start:
            previous = kept[-1]  # "47.215 pekerja ..., dan dari jumlah itu baru 6.870": the sentence's own
        loose = fact.rule in LOOSE_TIES
        if possessive and fact.segment is None:
            # "... bagi pekerja rentan. Pada 2020, jumlahnya mencapai 6.800 orang": the group named before
            fact = replace(fact, segment=_group_before(reading, start))
        if loose and named is not None:
            # "Untuk Kabupaten Karo, ... Jumlahnya 5 ribu petani": the place the sentence before names
            fact = replace(fact, subject=named, rule="figure.breakdown", confidence=0.75)
        elif loose and (back or restated) and previous is not None:
            fact = replace(fact, subject=previous.subject, rule="figure.breakdown", confidence=0.75)
        if (
            restated
            and previous is not None
            and fact.unit == "percent"
            and previous.unit == "persons"
            and fact.subject == previous.subject
        ):
            fact = replace(
                fact, segment=previous.segment, year=fact.year or previous.year, rule="figure.restated"
            )
        if fact.rule != "figure.unattached":
            kept.append(fact)
    return kept


def _sentence_before(reading: Reading, start: int) -> tuple[int, int] | None:
    """The token range of the sentence before the one starting at a token."""
    index = bisect_left(reading.sentence_starts, start)
    return reading.analysis.sentences[index - 1] if index else None


def _named_before(doc: Document, reading: Reading, start: int) -> Ref | None:
    """The one region the sentence before a number's names ("jumlahnya" refers to it), a
    dateline's place left out."""
    before = _sentence_before(reading, start)
    if before is None:
        return None
    codes = {
        span.data["key"]
        for span in reading.subjects_between(*before)
        if span.data["kind"] == "region" and not doc.in_dateline(span.start_char)
    }
    return Ref("region", codes.pop()) if len(codes) == 1 else None


def _group_before(reading: Reading, start: int) -> str | None:
    """The one group of workers the sentence before a number names ("... bagi pekerja rentan")."""
    before = _sentence_before(reading, start)
    if before is None:
        return None
    first, last = reading.analysis.chars(*before)
    text = reading.analysis.text
    groups = {_normal_segment(m.group(0)) for m in _segment_pattern().finditer(text, first, last)}
    return groups.pop() if len(groups) == 1 else None


#: "Desa Kuala Dua", not the "Desa Kabupaten X" that ends an office's name
VILLAGE = re.compile(rf"\b(?:{'|'.join(sorted(PLACE_UNITS))}) +(?!Kabupaten|Kota|Provinsi|Kab\b)[A-Z]")


def _of_a_village(reading: Reading, clause: tuple[int, int]) -> bool:
    """Whether a clause (or the sentence it opens) names a village: its numbers are the village's."""
    first, last = reading.analysis.chars(*clause)
    return VILLAGE.search(reading.analysis.text, first, last) is not None


ROUNDING = 1000  # "31 Ribu" in a headline repeats "31.200" of the body


def _rounded_forms(facts: list[FigureFact]) -> set[tuple[Ref, float]]:
    """Each precise count's subject with the count rounded down and to the nearest thousand."""
    return {
        (other.subject, rounded)
        for other in facts
        if other.unit == "persons" and other.value % ROUNDING
        for rounded in (other.value // ROUNDING * ROUNDING, round(other.value / ROUNDING) * ROUNDING)
    }


def _rounded_repeat(fact: FigureFact, rounded: set[tuple[Ref, float]]) -> bool:
    """A round count that only repeats a precise one of the same subject, rounded ("31 Ribu" for 31.200).

    Headlines round the body's numbers; the figure is recorded once, as precisely as the
    text gives it.
    """
    return fact.unit == "persons" and not fact.value % ROUNDING and (fact.subject, fact.value) in rounded
