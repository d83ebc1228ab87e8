"""Regions an article names: directly, through a title, or in its dateline.

A bare name shared by several units ("Madiun": the kota and the kabupaten) is
resolved from the article's own context: the unit it names unambiguously elsewhere,
or, for a dateline, the city. Otherwise it is left unresolved, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from kg.analysis.tokens import Token
from kg.extract.base import Document, Positions, alternation
from kg.gazetteer import Gazetteer, RegionSpan
from kg.lexicon import rows, words
from kg.model import Fact, RegionFact


@dataclass(frozen=True)
class RegionMatch:
    """A region span with the unit it was resolved to (None: ambiguous) and whether it counts."""

    span: RegionSpan
    code: str | None
    in_org_name: bool
    rule: str


@cache
def _org_name_before() -> re.Pattern[str]:
    """Text right before a place that makes the place part of a company's, hotel's or BPJS office's name."""
    heads = [row["head"] for row in rows("region_blockers.csv") if not row.get("named")]
    words = "|".join(re.escape(h).replace(r"\ ", " +") for h in sorted(heads, key=len, reverse=True))
    return re.compile(
        rf"(?:{words})(?: +(?:untuk +)?(?:Kantor +)?(?:Cabang|[Ww]ilayah|Kanwil))?"
        rf"(?: +[A-Z][\w.'’&-]*){{0,3}} *$"
    )


@cache
def _name_before() -> re.Pattern[str]:
    """Text right before a bare place that ends a named body's name: "RSUD Bunda Asmat"."""
    heads = [row["head"] for row in rows("region_blockers.csv") if row.get("named")]
    words = "|".join(re.escape(h).replace(r"\ ", " +") for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?: +[A-Z][\w.'’&-]*){{1,3}} +$")


PLACE = r"[A-Z][\w.'’&-]*(?: +[A-Z][\w.'’&-]*)*"
JOINT = r"(?:,? +(?:dan|serta|&) +|, +)"


@cache
def _office_areas_before() -> re.Pattern[str]:
    """Text right before a bare place that is one of several areas an office is named after.

    BPJS names regional offices after several areas at once ("Kanwil Sulawesi dan
    Maluku", "BPJS Ketenagakerjaan wilayah Bali, Nusa Tenggara, dan Papua"): each place
    in that list belongs to the office's name. A lowercase "wilayah" counts only after
    an organisation's name, since "di wilayah Papua" is plain prose.
    """
    heads = [row["head"] for row in rows("region_blockers.csv")]
    words = "|".join(re.escape(h).replace(r"\ ", " +") for h in sorted(heads, key=len, reverse=True))
    office = rf"(?:(?:{words}) +(?:untuk +)?(?:Kantor +)?[Ww]ilayah|Kanwil|Kantor +Wilayah|Wilayah)"
    return re.compile(rf"{office} +{PLACE}(?:{JOINT}{PLACE})*(?:{JOINT}| +)$")


@cache
def _office_area() -> re.Pattern[str]:
    """An area BPJS names a regional office after (kg/data/office_areas.txt), after an office word."""
    areas = alternation([*words("office_areas.txt"), *words("branch_places.txt")])
    return re.compile(rf"(?<=Kanwil |ilayah |Cabang )(?:{areas})(?![\w-])")


def _glued_compound(text: str, span: RegionSpan) -> bool:
    """A bare name glued by a hyphen to another word ("Jawa-Bali") names a zone, not the unit."""
    before = text[span.start - 1] if span.start else ""
    after = text[span.end] if span.end < len(text) else ""
    return span.cue is None and (
        before == "-" or (after == "-" and text[span.end + 1 : span.end + 2].isalpha())
    )


def _in_org_name(doc: Document, span: RegionSpan) -> bool:
    if _in_described_business(doc, span):
        return True
    line_start, _ = doc.line_of(span.start)
    before = doc.text[max(line_start, span.start - 120) : span.start]
    if _org_name_before().search(before[-80:]):
        return True
    if span.cue is None and _name_before().search(before[-80:]):
        return True
    area = _office_area().match(doc.text, span.start)
    if area and area.end() > span.end:
        return True  # "Kantor Wilayah Bali Nusa Tenggara Papua": the office's area, not Bali
    return span.cue is None and bool(_office_areas_before().search(before))


def _in_described_business(doc: Document, span: RegionSpan) -> bool:
    """ "Gowa Beton Perkasa, perusahaan beton": a place that begins a business's name (kg.analysis.names)."""
    names = doc.names()
    described = names.described()
    if not described:
        return False
    token = names.analysis.token_at(span.start)
    return any(start <= token < end for start, end in described)


WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")


def _as_adjective(text: str, span: RegionSpan) -> bool:
    """A bare name after "asli", "adat", "khas" ... describes people or culture: "orang asli Papua"."""
    before = WORD_BEFORE.search(text, max(0, span.start - 20), span.start)
    return (
        span.cue is None and before is not None and before.group(1).lower() in words("region_adjectives.txt")
    )


def match_regions(doc: Document) -> list[RegionMatch]:
    """Every region span of the article, resolved where the article's context allows."""
    spans = [
        s for s in doc.region_spans() if not _glued_compound(doc.text, s) and not _as_adjective(doc.text, s)
    ]
    certain = Counter(s.candidates[0] for s in spans if len(s.candidates) == 1)
    resolved = [_resolve(span, certain, doc.in_dateline(span.name_start)) for span in spans]
    resolved = _by_list_mates(doc.text, spans, resolved)
    return [
        RegionMatch(span, code, _in_org_name(doc, span), rule)
        for span, (code, rule) in zip(spans, resolved, strict=True)
    ]


#: what joins the places of a list ("Muba dan Banyuasin", "Papua Barat, Yogyakarta", "..., 2. Jambi")
LIST_JOINT = re.compile(r"(?:,? +(?:dan|serta|&) +|, *)(?:\d{1,2}[.)] +)?")


def _by_list_mates(
    text: str, spans: list[RegionSpan], resolved: list[tuple[str | None, str]]
) -> list[tuple[str | None, str]]:
    """A bare name shared by a province and its capital takes the level of the regions listed
    with it: "Papua Barat dan Yogyakarta" are two provinces, "Kota Bitung, Bengkulu dan Ambon"
    three cities. Read both ways, so a level passes along a list."""
    gazetteer = Gazetteer.load()
    resolved = list(resolved)
    for order in (range(len(spans)), range(len(spans) - 1, -1, -1)):
        for index in order:
            if resolved[index][0] is not None:
                continue
            levels = {
                gazetteer.get(code).level
                for mate in (index - 1, index + 1)
                if 0 <= mate < len(spans)
                and (code := resolved[mate][0]) is not None
                and _listed_together(text, spans[min(index, mate)], spans[max(index, mate)])
            }
            fitting = [c for c in spans[index].candidates if {gazetteer.get(c).level} == levels]
            if len(fitting) == 1:
                resolved[index] = (fitting[0], "region.list")
    return resolved


def _listed_together(text: str, first: RegionSpan, second: RegionSpan) -> bool:
    return LIST_JOINT.fullmatch(text, first.end, second.start) is not None


def _resolve(span: RegionSpan, certain: Counter[str], in_dateline: bool) -> tuple[str | None, str]:
    if len(span.candidates) == 1:
        return span.candidates[0], "region.cue" if span.cue else "region.name"
    named = [code for code in span.candidates if certain[code]]
    if len(named) == 1:
        return named[0], "region.context"
    if in_dateline:
        cities = [c for c in span.candidates if Gazetteer.load().get(c).level == "kota"]
        if len(cities) == 1:
            return cities[0], "region.dateline"
    return None, "region.ambiguous"


def regions(doc: Document) -> list[RegionMatch]:
    """The memoised region matches of a document."""
    return doc.memo("regions", match_regions)


def _by_start(doc: Document) -> Positions[RegionMatch]:
    return doc.positions("regions", regions, lambda m: m.span.start)


def regions_in(doc: Document, start: int, end: int) -> Sequence[RegionMatch]:
    """The region matches that start in [start, end), in text order."""
    return _by_start(doc).starting_in(start, end)


def region_covering(doc: Document, offset: int) -> RegionMatch | None:
    """The region match whose span holds an offset (mentions never overlap, so at most one)."""
    match = _by_start(doc).last_starting_by(offset)
    return match if match is not None and offset < match.span.end else None


def region_at(doc: Document, offset: int) -> RegionMatch | None:
    """The region match that starts at an offset, with its cue or with its name."""
    match = region_covering(doc, offset)
    if match is not None and offset in (match.span.start, match.span.name_start):
        return match
    return None


def region_ending_at(doc: Document, offset: int) -> RegionMatch | None:
    """The region match whose span ends at an offset."""
    match = region_covering(doc, offset - 1)
    return match if match is not None and match.span.end == offset else None


def counted_codes(doc: Document) -> frozenset[str]:
    """The codes of every resolved region the article names outside organisations' names."""
    return doc.memo(
        "counted region codes",
        lambda d: frozenset(m.code for m in regions(d) if m.code and not m.in_org_name),
    )


def sole_region(doc: Document) -> str | None:
    """The one regency or city an article names besides its province and its dateline, or the
    one province when it names no regency or city: the place the whole article is about."""
    return doc.memo("sole region", _sole_region)


def _sole_region(doc: Document) -> str | None:
    gazetteer = Gazetteer.load()
    codes = {
        m.code for m in regions(doc) if m.code and not m.in_org_name and not doc.in_dateline(m.span.start)
    }
    local = [c for c in codes if gazetteer.get(c).level in ("kabupaten", "kota")]
    if not local:
        return codes.pop() if len(codes) == 1 else None
    if len(local) != 1 or codes - {local[0], gazetteer.get(local[0]).province_code}:
        return None
    return local[0]


def primary_region(doc: Document) -> str | None:
    """The region the article is mostly about: the most named kabupaten/kota, else province."""
    return doc.memo("primary region", _primary_region)


def _primary_region(doc: Document) -> str | None:
    counts = Counter(m.code for m in regions(doc) if m.code and not m.in_org_name)
    if not counts:
        return None
    gazetteer = Gazetteer.load()
    local = [(n, code) for code, n in counts.items() if gazetteer.get(code).level != "provinsi"]
    pool = local or [(n, code) for code, n in counts.items()]
    best = max(n for n, _ in pool)
    firsts = {m.code: m.span.start for m in reversed(regions(doc)) if m.code}
    return min((code for n, code in pool if n == best), key=lambda c: firsts[c])


class RegionExtractor:
    """Regions named in the content, excluding places inside organisation names."""

    name: ClassVar[str] = "regions"
    produces: ClassVar[tuple[type[Fact], ...]] = (RegionFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[Fact] = []
        for match in regions(doc):
            if match.code is None or match.in_org_name:
                continue
            confidence = 0.95 if match.rule in ("region.cue", "region.name") else 0.8
            evidence = doc.evidence(match.span.start, match.span.end)
            facts.append(
                RegionFact(code=match.code, evidence=evidence, rule=match.rule, confidence=confidence)
            )
        return facts


# --- anaphora -----------------------------------------------------------------------------------

#: "provinsi itu": a level word and a demonstrative name the last region of that level named before
ANAPHORA_LEVELS = {"provinsi": "provinsi", "kabupaten": "kabupaten", "kota": "kota", "daerah": "daerah"}
ANAPHORA_WORDS = frozenset({"itu", "tersebut", "ini", "setempat"})
ANAPHORA_REACH = 120  # tokens back to the region named: about a paragraph
ANAPHORA_PHRASE = 5  # words between a level word and its demonstrative ("kota terbesar di Kalsel itu")


def region_anaphora(
    tokens: Sequence[Token], mentions: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, int]]:
    """ "provinsi itu", "kabupaten tersebut", "daerah ini": (start, end, i) of each such phrase, as
    tokens, with i the index of the mention it names: the last region of that level named before,
    within about a paragraph. `mentions` are (start, end, code) of the regions named, in text order."""
    gazetteer = Gazetteer.load()
    upcoming = 0
    latest: dict[str, int] = {}  # the last mention so far, by level ("daerah": of any level)
    found = []
    for position in range(len(tokens) - 1):
        while upcoming < len(mentions) and mentions[upcoming][0] < position:
            latest[gazetteer.get(mentions[upcoming][2]).level or ""] = latest["daerah"] = upcoming
            upcoming += 1
        level = ANAPHORA_LEVELS.get(tokens[position].lower)
        demonstrative = demonstrative_after(tokens, position) if level is not None else None
        if level is None or demonstrative is None:
            continue
        antecedent = latest.get(level)
        if antecedent is not None and position - mentions[antecedent][1] <= ANAPHORA_REACH:
            found.append((position, demonstrative + 1, antecedent))
    return found


def demonstrative_after(tokens: Sequence[Token], position: int, reach: int = ANAPHORA_PHRASE) -> int | None:
    """Where "itu"/"tersebut" closes the phrase a noun begins: "kabupaten itu", "kota terbesar di
    Kalimantan Selatan itu", "perusahaan pengolahan nikel itu" (a few words, no punctuation, between)."""
    for after in range(position + 1, min(len(tokens), position + reach + 2)):
        if tokens[after].lower in ANAPHORA_WORDS:
            return after
        if tokens[after].kind != "word" or (after == position + 1 and not tokens[after].text.islower()):
            return None
    return None
