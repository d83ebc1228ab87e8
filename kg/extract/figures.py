"""Coverage figures: how many workers (or what share) a region or body protects.

A number counts when it is followed by a word for people or by "persen"/"%", in a
sentence that speaks of protection or membership (kg/data/figure_cues.csv). Targets
and plans are kept with modality "target"; totals the share is taken from ("dari
5,92 juta pekerja"), growth rates, money, dates, ranks and regulation numbers are
not figures. The subject is the region named nearest before the number, else the
region of the person speaking, else the region the article is about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import ClassVar

from kg.extract.base import Document, alternation
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.persons import persons_in, region_persons_by_name
from kg.extract.regions import RegionMatch, primary_region, region_ending_at, regions_in
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import Fact, FigureFact, Modality, Ref, Unit

YEAR = re.compile(
    r"(?<!Nomor )(?<!No\. )"
    r"(?:[Tt]ahun(?: +anggaran)?|hingga|pada|sampai|per|periode|di|akhir|awal|sepanjang|selama|[A-Z][a-z]+)"
    r" +(?P<year>(?:19|20)\d{2})\b"
)
SKIP_BEFORE = re.compile(
    r"(?:Rp\.? *|ke-|Nomor +|No\.? *|Tahun +|tahun +|Tim +|poin +|peringkat +|juara +|terbaik +|HUT +ke-?)$",
    re.I,
)
MONTHS = r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)"


def _cue_words(kind: str) -> list[str]:
    return [row["cue"] for row in rows("figure_cues.csv") if row["kind"] == kind]


@cache
def _cue(kind: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w-])(?:{alternation(_cue_words(kind))})(?![\w-])",
        re.I,
    )


@cache
def _person_nouns() -> dict[str, bool]:
    return {r["cue"]: r["generic"] == "1" for r in rows("figure_cues.csv") if r["kind"] == "person"}


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


def _skip(doc: Document, q: Quantity) -> bool:
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


CLAUSE_BREAK = re.compile(r"[;:]|\b(?:sedangkan|sementara|adapun|namun|tetapi)\b|, +(?:dan|serta) ", re.I)
CLAUSE_OR_COMMA = re.compile(rf"{CLAUSE_BREAK.pattern}|,", re.I)
# words that end the name of a counted group: function words, times, and verbs (ter-, di-, me-, ber-)
PHRASE_STOP = (
    r"yang|di|dan|dari|telah|sudah|melalui|dengan|untuk|serta|atau|pada|se|sebagai|ke|kini|baru|mencapai"
    r"|tahun|bulan|hingga|sampai|se-\w+|(?:ter|di|mem|men|meng|meny|ber)[a-z]{3,}"
)
NOUN_PHRASE = re.compile(rf"[\w-]+(?: +(?!(?:{PHRASE_STOP})\b)[\w-]+){{0,2}}")
# a list of groups after the first ("kepala desa, perangkat desa, dan ketua RT") up to the clause's end
GROUP_LIST = re.compile(
    r"(?:, +[^\d,.;:()\n]{1,30}?)*,? +(?:dan|serta) +[^\d,.;:()\n]{1,30}?"
    rf"(?= *[.;:\n\"”]|$| +(?:{PHRASE_STOP})\b)"
)


def _clause_bounds(doc: Document, q: Quantity, start: int, end: int, commas: bool) -> tuple[int, int]:
    """The part of a sentence that speaks of one number: up to the numbers and clause breaks around it.

    "sektor formal 78 persen, sedangkan informal 12 persen": each share has its own
    clause. With `commas`, a comma ends the clause too.
    """
    text = doc.text
    left, right = start, end
    for other in _quantities(doc, start, end):
        if other.end + start <= q.start:
            left = max(left, other.end + start)
        elif other.start + start >= q.end:
            right = min(right, other.start + start)
    breaks = CLAUSE_OR_COMMA if commas else CLAUSE_BREAK
    for found in breaks.finditer(text, left, right):
        if found.end() <= q.start:
            left = found.end()
        elif found.start() >= q.end:
            right = found.start()
            break
    return left, right


def _quantities(doc: Document, start: int, end: int) -> list[Quantity]:
    """The quantities of a sentence (offsets relative to its start), read once for all its numbers."""
    return doc.memo_span("quantities", start, end, lambda a, b: find_quantities(doc.text[a:b]))


def _segment_terms(doc: Document, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.start() + start, m.group(0)) for m in _segment_pattern().finditer(doc.text[start:end])]


def _named_group(doc: Document, q: Quantity) -> str | None:
    """The specific group written right after a number ("7.189 petugas pemilu"), as written."""
    text = doc.text
    noun = _person_noun_pattern().match(text, q.end)
    if noun and noun.group("noun").lower() in ("orang", "jiwa"):  # "3.554 orang aparat kampung"
        noun = _person_noun_pattern().match(text, noun.end()) or noun
    if not noun or _person_nouns().get(_noun_key(noun.group("noun")), True):
        return None
    phrase = NOUN_PHRASE.match(text, noun.start("noun"))
    written = phrase.group(0) if phrase else noun.group("noun")
    more = GROUP_LIST.match(text, noun.start("noun") + len(written))
    if more:
        written += more.group(0)
    term = _segment_pattern().match(written)
    if term and not more:
        return _normal_segment(term.group(0))
    return " ".join(written.split())


def _segment(doc: Document, q: Quantity, start: int, end: int) -> str | None:
    """Who is counted: the group named right after the number, else a segment word in its clause.

    The clause is read first without its commas, then up to the neighbouring numbers;
    a segment named once in the sentence ("tenaga kerja Non ASN ... 90 persen, 89
    persen, ...") holds for all its numbers.
    """
    named = _named_group(doc, q)
    if named:
        return named
    for commas in (True, False):
        left, right = _clause_bounds(doc, q, start, end, commas)
        after = [t for t in _segment_terms(doc, q.end, right)]
        before = [t for t in _segment_terms(doc, left, q.start)]
        if after:
            return _normal_segment(after[0][1])
        if before:
            return _normal_segment(before[-1][1])
    terms = {_normal_segment(t) for _, t in _segment_terms(doc, start, end)}
    return terms.pop() if len(terms) == 1 else None


def _normal_segment(written: str) -> str:
    return _segments().get(written.lower()) or written


def _noun_key(noun: str) -> str:
    for key in _person_nouns():
        if key.lower() == noun.lower():
            return key
    return noun


AWARD_ROUND_BEFORE = re.compile(r"Awards? +(?:[Tt]ingkat +)?(?:[Tt]ahun +\d{4} +)?(?:[Pp]rovinsi +)?$")
SPEECH_TAG = re.compile(
    r"[\"”]? *,? *(?:kata|ujar|ucap|tutur|jelas|ungkap|sebut|terang|tegas)(?:nya)?\b", re.I
)


def _candidate_regions(doc: Document, start: int, end: int) -> list[RegionMatch]:
    """Regions of a sentence that can be a figure's subject: not an award's round or an office's place."""
    return [
        m
        for m in regions_in(doc, start, end)
        if m.code
        and not m.in_org_name
        and not AWARD_ROUND_BEFORE.search(doc.text[max(0, m.span.start - 40) : m.span.start])
    ]


def _subject(doc: Document, q: Quantity, start: int, end: int) -> tuple[RegionMatch | Ref | None, float]:
    """The region a number is about: named before it, right after it, as the speaker's, or the article's.

    A region after a speech tag ("..., kata Bupati X usai ... di Mataram") is where it
    was said, so the speaker's region comes before it.
    """
    gazetteer = Gazetteer.load()
    found = _candidate_regions(doc, start, end)
    before = [m for m in found if m.span.start < q.start]
    local = [m for m in before if gazetteer.get(m.code or "").level != "provinsi"]
    for pool in (local, before):
        if pool:
            return max(pool, key=lambda m: m.span.start), 0.85
    after = [m for m in found if m.span.start >= q.end]
    near = [m for m in after if not re.search(r"[,;\"”]", doc.text[q.end : m.span.start])]
    if near:
        return near[0], 0.8
    speaker = _speaker_region(doc, start, end)
    if speaker:
        return speaker, 0.75
    if after and not SPEECH_TAG.search(doc.text[q.end : after[0].span.start]):
        return after[0], 0.75
    primary = primary_region(doc)
    return (Ref("region", primary), 0.6) if primary else (None, 0.0)


def _speaker_region(doc: Document, start: int, end: int) -> Ref | None:
    """The region of a regional official named in the sentence (by title or by name)."""
    sentence_text = doc.text[start:end]
    inside = (p for p in persons_in(doc, start, end) if p.org and p.org.kind == "region")
    named = (p for name, p in region_persons_by_name(doc).items() if name in sentence_text)
    first = min(
        (p for found in (next(inside, None), *named) if (p := found)), key=lambda p: p.start, default=None
    )
    return first.org if first else None


SHARED_GAP = re.compile(
    r" *(?:\([^()\n]{1,20}\) *)?(?:(?:sebesar|mencapai|sebanyak|yakni|yaitu|masing-masing) +)*$"
)


def _sharing(doc: Document, subject: RegionMatch, q: Quantity) -> list[RegionMatch]:
    """Regions listed with the subject that share its number: "Bantul dan Kulon Progo 65 persen"."""
    current: RegionMatch | None = _long_form(doc, subject)
    if current is None or not SHARED_GAP.match(doc.text[current.span.end : q.start]):
        return []
    partners: list[RegionMatch] = []
    while current is not None:
        joiner = re.search(
            r"(?:,| +dan| +serta) +$", doc.text[max(0, current.span.start - 8) : current.span.start]
        )
        if not joiner:
            break
        current = _region_ending(doc, current.span.start - len(joiner.group(0)))
        if current is not None:
            partners.append(current)
    return partners


def _region_ending(doc: Document, offset: int) -> RegionMatch | None:
    """The counted region mention that ends at an offset (its short form in parentheses skipped)."""
    match = region_ending_at(doc, offset)
    if match and match.code and not match.in_org_name:
        return _long_form(doc, match)
    return None


def _long_form(doc: Document, match: RegionMatch) -> RegionMatch:
    """For a short form in parentheses ("Seram Bagian Barat (SBB)"), the full name before it."""
    if doc.text[match.span.start - 1 : match.span.start] != "(":
        return match
    gap = match.span.start - 1  # where the spaces before "(" start
    while gap > 0 and doc.text[gap - 1].isspace():
        gap -= 1
    other = region_ending_at(doc, gap)
    return other if other and other.code == match.code else match


def _year(doc: Document, q: Quantity, start: int, end: int) -> int | None:
    """The year written nearest the number in its sentence."""
    candidates = _years(doc, start, end)
    if not candidates:
        return None
    nearest = min(candidates, key=lambda m: min(abs(m[0] - q.end), abs(q.start - m[1])))
    return nearest[2]


def _years(doc: Document, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, year) of the years a sentence names as a time, not as a regulation's; read once."""

    def read(start: int, end: int) -> list[tuple[int, int, int]]:
        return [
            (m.start(), m.end(), int(m.group("year")))
            for m in YEAR.finditer(doc.text, start, end)
            if not CITED.search(doc.text[max(0, m.start() - 15) : m.start()])
        ]

    return doc.memo_span("years", start, end, read)


CITED = re.compile(r"Nomor +\d+ +$|No\.? *\d+ +$")  # the year of "Nomor 5 Tahun 2020"


class FigureExtractor:
    """Counts and shares of covered workers, with subject, segment, year and modality."""

    name: ClassVar[str] = "figures"
    produces: ClassVar[tuple[type[Fact], ...]] = (FigureFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[FigureFact] = []
        for sentence in doc.sentences():
            if not _cue("coverage").search(sentence.text):
                continue
            found: list[FigureFact] = []
            for q in _quantities(doc, sentence.start, sentence.end):
                shifted = Quantity(
                    q.value, q.start + sentence.start, q.end + sentence.start, q.unit, q.approximate
                )
                found.extend(self._figure(doc, shifted, sentence.start, sentence.end))
            if facts and ANAPHORA.match(sentence.text):
                found = [_continuing(fact, facts[-1]) for fact in found]
            facts.extend(found)
        rounded = _rounded_forms(facts)
        return [fact for fact in facts if not _rounded_repeat(fact, rounded)]

    def _figure(self, doc: Document, q: Quantity, start: int, end: int) -> list[FigureFact]:
        if _skip(doc, q):
            return []
        text = doc.text
        noun = _person_noun_pattern().match(text, q.end)
        unit: Unit | None = "percent" if q.unit == "percent" else ("persons" if noun else None)
        if unit is None and COVERED_AFTER.match(text, q.end):
            unit = "persons"  # "baru 120 ribu yang terlindungi"
        if unit is None:
            return []
        before = text[max(start, q.start - 60) : q.start]
        clause_before = re.split(r"[,;] ", before)[-1]
        if _is_total(before):
            return []
        # "5.000 pekerja dari potensi ..." is a total; "40 persen dari potensi ..." is a share of it
        total_after = unit == "persons" and _cue("population").search(text[q.end : q.end + 25])
        if total_after or _cue("population").search(clause_before[-20:]):
            return []
        if unit == "percent" and _cue("growth").search(clause_before):
            return []
        subject, strength = _subject(doc, q, start, end)
        if subject is None:
            return []
        subjects = [subject]
        if isinstance(subject, RegionMatch):
            subjects += _sharing(doc, subject, q)
        return [
            FigureFact(
                subject=_ref(item),
                value=q.value,
                unit=unit,
                segment=_segment(doc, q, start, end),
                year=_year(doc, q, start, end) or _year_before(doc, start),
                approximate=q.approximate,
                modality=_modality(doc, q, start),
                evidence=doc.evidence(q.start, noun.end() if noun else q.end),
                rule="figure.coverage" if item is subject else "figure.shared",
                confidence=round(0.9 * strength + 0.1 - (0.05 if item is not subject else 0), 2),
            )
            for item in subjects
        ]


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


ANAPHORA = re.compile(r"[\"“]?(?:Angka|Jumlah|Capaian|Persentase) +(?:itu|tersebut|ini)\b", re.I)


def _continuing(fact: FigureFact, previous: FigureFact) -> FigureFact:
    """A share of the number just given ("Angka itu menandai 150 persen"): same subject's group and time."""
    if fact.unit != "percent" or previous.unit != "persons" or fact.subject != previous.subject:
        return fact
    return replace(fact, segment=previous.segment, year=fact.year or previous.year, rule="figure.anaphora")


def _ref(subject: RegionMatch | Ref) -> Ref:
    return Ref("region", subject.code or "") if isinstance(subject, RegionMatch) else subject


COVERED_AFTER = re.compile(
    r" +(?:yang +)?(?:(?:sudah|telah|kini) +)?"
    r"(?:terlindungi|terdaftar|dilindungi|tercover|terkover|terjamin)\b"
)
TOTAL_BEFORE = re.compile(r"\bdari +(?:total +|jumlah +)?(?:potensi +|estimasi +|populasi +)?$", re.I)
NOT_TOTAL_BEFORE = re.compile(r"(?:meningkat|naik|bertambah|turun|lebih|kurang) +dari +$", re.I)


def _is_total(before: str) -> bool:
    """Whether a number is the total a share is taken from ("dari total 500 ribu pekerja").

    "lebih dari 20 ribu" and "meningkat dari 110.300" are amounts of their own.
    """
    return bool(TOTAL_BEFORE.search(before)) and not NOT_TOTAL_BEFORE.search(before)


AFTER_NUMBER = re.compile(r"(?:(?!\bdari\b|\bdengan\b)[^,;.\n]){0,40}")
AFTER_REACH = 48  # the 40 characters AFTER_NUMBER reads and the word its look-ahead may test


def _modality(doc: Document, q: Quantity, start: int) -> Modality:
    """A target or a plan when a cue for one governs the number's clause and no achievement cue follows it.

    "ditargetkan 65 persen" and "Perda itu bakal melindungi ... 10.000 orang" are not
    achievements; "akan terus ditingkatkan, saat ini sudah 5.000" is one.
    """
    text = doc.text
    left = start
    for found in CLAUSE_BREAK.finditer(text, start, q.start):
        left = found.end()
    scope = text[left : q.start]
    after = AFTER_NUMBER.match(text[q.end : q.end + AFTER_REACH])
    cues = [(m.start(), kind) for kind in ("target", "planned") for m in _cue(kind).finditer(scope)]
    if after:
        cues += [(len(scope), kind) for kind in ("target", "planned") if _cue(kind).search(after.group(0))]
    if not cues:
        return "asserted"
    position, kind = max(cues)
    achieved = [m for m in _cue("achieved").finditer(scope) if m.start() > position]
    return "asserted" if achieved else "target" if kind == "target" else "planned"


YEAR_CONTEXT = re.compile(
    rf"(?:(?i:hingga|sampai(?: +dengan)?|per|pada|sepanjang|selama|tahun|akhir|awal)|{MONTHS}) +(?:tahun +)?"
    r"(?P<year>(?:19|20)\d{2})\b"
)


def _year_before(doc: Document, start: int) -> int | None:
    """The year an earlier sentence of the paragraph sets as the time of what follows.

    "Hingga 2024, sektor informal melonjak. Sebanyak 77.074 pekerja ...": the number's
    own sentence has no year, the one before it gives one (and only one).
    """
    line_start = doc.line_of(start)[0]
    for sentence in reversed(doc.sentences_starting_in(line_start, start)[-2:]):
        years = {int(m.group("year")) for m in YEAR_CONTEXT.finditer(sentence.text)}
        if _cite_years(sentence.text):
            years -= _cite_years(sentence.text)
        if len(years) == 1:
            return years.pop()
        if years:
            return None
    return None


def _cite_years(text: str) -> set[int]:
    """Years that belong to a citation or an award's name, not to a time."""
    return {
        int(m.group(1))
        for m in re.finditer(
            r"(?:Nomor +\d+ +[Tt]ahun|No\.? *\d+ *[Tt]ahun|/|Awards?) *((?:19|20)\d{2})", text
        )
    }
