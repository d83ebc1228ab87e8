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
from functools import cache
from typing import ClassVar

from kg.extract.base import Document, alternation
from kg.extract.numbers import Quantity, find_quantities
from kg.extract.persons import persons
from kg.extract.regions import primary_region, regions
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import Fact, FigureFact, Modality, Ref, Unit

YEAR = re.compile(
    r"(?<!Nomor )(?<!No\. )"
    r"(?:[Tt]ahun(?:\s+anggaran)?|hingga|pada|sampai|per|periode|di|[A-Z][a-z]+)\s+(?P<year>(?:19|20)\d{2})\b"
)
SKIP_BEFORE = re.compile(
    r"(?:Rp\.?\s*|ke-|Nomor\s+|No\.?\s*|Tahun\s+|tahun\s+|Tim\s+|poin\s+|peringkat\s+|juara\s+|terbaik\s+|HUT\s+ke-?)$",
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
    return re.compile(rf"\s*\(?(?P<noun>{alternation(list(_person_nouns()))})(?![\w])", re.I)


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
    if SKIP_BEFORE.search(before) or re.match(rf"\s+{MONTHS}", after):
        return True
    if (
        q.unit is None
        and q.value == int(q.value)
        and 1900 <= q.value <= 2100
        and "." not in text[q.start : q.end]
    ):
        return True
    return bool(re.match(r"-\d", after) or re.search(r"\d-$", before))


def _segment(doc: Document, q: Quantity, noun_end: int, sentence_start: int, sentence_end: int) -> str | None:
    """Who is counted: a segment word nearest the number, else the specific noun after it."""
    text = doc.text
    clause = text[sentence_start:sentence_end]
    terms = [(m.start() + sentence_start, m.group(0)) for m in _segment_pattern().finditer(clause)]
    normal = {_segments().get(t.lower()) or t for _, t in terms}
    if {"formal", "informal"} <= normal and len(terms) >= 2 and re.search(r"maupun|dan", clause):
        near = [t for s, t in terms if abs(s - q.end) < 40]
        if len({_segments().get(t.lower()) or t for t in near}) != 1:
            return None
    if terms:
        start, written = min(terms, key=lambda t: abs(t[0] - q.end) + (0 if t[0] >= q.end else 15))
        if abs(start - q.end) < 120:
            return _segments().get(written.lower()) or written
    noun = _person_noun_pattern().match(text, q.end)
    if noun and not _person_nouns().get(_noun_key(noun.group("noun")), True):
        phrase = re.match(
            r"[\w-]+(?:\s+(?!yang|di|dan|dari|telah|sudah|melalui|dengan|untuk|serta|atau|pada)[\w-]+){0,2}",
            text[noun.start("noun") :],
        )
        return phrase.group(0) if phrase else noun.group("noun")
    return None


def _noun_key(noun: str) -> str:
    for key in _person_nouns():
        if key.lower() == noun.lower():
            return key
    return noun


def _subject(doc: Document, q: Quantity, start: int, end: int) -> tuple[Ref | None, float]:
    gazetteer = Gazetteer.load()
    found = [m for m in regions(doc) if start <= m.span.start < end and m.code and not m.in_org_name]
    before = [m for m in found if m.span.start < q.start]
    local = [m for m in before if gazetteer.get(m.code or "").level != "provinsi"]
    for pool in (local, before):
        if pool:
            return Ref("region", max(pool, key=lambda m: m.span.start).code or ""), 0.85
    after = [m for m in found if m.span.start >= q.end]
    if after:
        return Ref("region", after[0].code or ""), 0.8
    sentence_text = doc.text[start:end]
    for person in persons(doc):
        if (
            person.org
            and person.org.kind == "region"
            and (start <= person.start < end or person.name in sentence_text)
        ):
            return person.org, 0.75
    primary = primary_region(doc)
    return (Ref("region", primary), 0.6) if primary else (None, 0.0)


def _year(doc: Document, q: Quantity, start: int, end: int) -> int | None:
    candidates = [
        m
        for m in YEAR.finditer(doc.text, start, end)
        if not re.search(r"Nomor\s+\d+\s+$|No\.?\s*\d+\s+$", doc.text[max(0, m.start() - 15) : m.start()])
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda m: min(abs(m.start() - q.end), abs(q.start - m.end())))
    return int(nearest.group("year"))


class FigureExtractor:
    """Counts and shares of covered workers, with subject, segment, year and modality."""

    name: ClassVar[str] = "figures"
    produces: ClassVar[tuple[type[Fact], ...]] = (FigureFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[Fact] = []
        for sentence in doc.sentences():
            if not _cue("coverage").search(sentence.text):
                continue
            for q in find_quantities(sentence.text):
                fact = self._figure(
                    doc,
                    Quantity(
                        q.value, q.start + sentence.start, q.end + sentence.start, q.unit, q.approximate
                    ),
                    sentence.start,
                    sentence.end,
                )
                if fact:
                    facts.append(fact)
        return facts

    def _figure(self, doc: Document, q: Quantity, start: int, end: int) -> FigureFact | None:
        if _skip(doc, q):
            return None
        text = doc.text
        noun = _person_noun_pattern().match(text, q.end)
        unit: Unit | None = "percent" if q.unit == "percent" else ("persons" if noun else None)
        if unit is None:
            return None
        before = text[max(start, q.start - 60) : q.start]
        clause_before = re.split(r"[,;]\s", before)[-1]
        if re.search(
            r"\bdari\s+(?:total\s+|jumlah\s+)?(?:potensi\s+|estimasi\s+|populasi\s+)?$", before, re.I
        ) and not re.search(r"(?:meningkat|naik|bertambah|turun)\s+dari\s+$", before):
            return None
        if _cue("population").search(text[q.end : q.end + 25]) or _cue("population").search(
            clause_before[-20:]
        ):
            return None
        if unit == "percent" and _cue("growth").search(clause_before):
            return None
        modality: Modality = "target" if _cue("target").search(clause_before) else "asserted"
        subject, strength = _subject(doc, q, start, end)
        if subject is None:
            return None
        return FigureFact(
            subject=subject,
            value=q.value,
            unit=unit,
            segment=_segment(doc, q, noun.end() if noun else q.end, start, end),
            year=_year(doc, q, start, end),
            approximate=q.approximate,
            modality=modality,
            evidence=doc.evidence(q.start, noun.end() if noun else q.end),
            rule="figure.coverage",
            confidence=round(0.9 * strength + 0.1, 2),
        )
