"""Named programmes: the national social-security programmes and regions' own.

National programmes (kg/data/programs.csv) count when written as names ("Jaminan
Kematian (JKM)"), after the word "program", or enumerated ("jaminan pensiun, hari
tua, kecelakaan kerja dan kematian"); a benefit received ("memperoleh jaminan
kematian") is not a programme. Regions' own programmes are read from "Program X",
from acronyms with their expansions in a programme context, and "Pro X" forms.
"""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar

from kg.extract.base import Document, Spans, alternation
from kg.extract.organizations import GOVERNMENT_WORDS, acronym_fits, head_pattern, org_at, orgs_in
from kg.extract.regions import region_covering, regions_in
from kg.extract.regulations import title_spans
from kg.lexicon import rows, words
from kg.model import Fact, ProgramFact, Ref

#: (start, end, name, aliases) of one programme name found in the text.
ProgrammeSpan = tuple[int, int, str, tuple[str, ...]]

BENEFIT_VERB = re.compile(r"(?:memperoleh|mendapatkan|mendapat|menerima|santunan|klaim|manfaat) +$", re.I)
NAME = r"(?:[A-Z][\w'’-]*)(?: +(?:[A-Z][\w'’-]*|\d+))*"
PLACE_BEFORE = re.compile(r"(?:\b(?:di|ke|dari|warga)|Desa|Kelurahan|Kecamatan|Dusun) +$")
ACRONYM_FIRST = re.compile(r"(?P<acr>\b[A-Z][A-Z]{2,}(?: +[A-Z]{2,})?) *\((?P<exp>[A-Z][^()\n]{4,80})\)")
OPERATOR_BPJS = re.compile(
    r"program(?: +utama)? +(?:dari +)?BPJS|BPJS +Ketenagakerjaan +(?:menyelenggarakan|mengelola)"
    r"|\bmanfaat +(?:program +)?BPJS +Ketenagakerjaan\b",
    re.I,
)


@cache
def _national() -> list[dict[str, str]]:
    return list(rows("programs.csv"))


def _excluded(name: str) -> bool:
    """Names of the field, targets or benefits, also narrowed to a group ("Jaminan Sosial ... Bagi X")."""
    normal = " ".join(re.sub(r"^program\s+", "", name.lower()).split())
    field = re.split(r"\s+(?:bagi|untuk|kepada)\s+", normal)[0]
    if normal.startswith(GOVERNMENT_WORDS):
        return True  # "program Pemerintah Kabupaten Agam": whose programme it is, not its name
    return normal in words("program_exclusions.txt") or field in words("program_exclusions.txt") or not normal


@cache
def _national_patterns() -> list[tuple[dict[str, str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]]:
    """Per national programme: its name (with an acronym after it), "program <name>", its bare word."""
    return [
        (
            row,
            re.compile(rf"\b{row['name']}\b(?: *\((?P<acr>{row['acronym']})\))?"),
            re.compile(rf"\bprogram +(?:{row['name'].lower()})\b(?: *\((?P<acr>{row['acronym']})\))?"),
            re.compile(rf"\b{row['bare']}\b"),
        )
        for row in _national()
    ]


@cache
def _enumeration() -> re.Pattern[str]:
    """ "jaminan kecelakaan kerja, kematian dan hari tua": national programmes by their bare words."""
    bare = "|".join(r["bare"] for r in _national())
    return re.compile(
        rf"\bjaminan +(?:{bare})(?: *, *(?:jaminan +)?(?:{bare}))+ *,? +dan +(?:jaminan +)?(?:{bare})\b"
    )


def _national_programs(doc: Document) -> list[ProgrammeSpan]:
    found: list[ProgrammeSpan] = []
    text = doc.text
    patterns = _national_patterns()
    for row, named, after_program, _ in patterns:
        if row["name"] not in text and row["name"].lower() not in text:
            continue  # a substring test first: most articles name two or three of them
        for match in named.finditer(text):
            if _combined(text, match.start()):
                continue
            aliases = (row["acronym"],) if match.group("acr") else ()
            found.append((match.start(), match.end(), row["name"], aliases))
        for match in after_program.finditer(text):
            if not _combined(text, match.start()):
                found.append((match.start(), match.end(), row["name"], ()))
    for match in _enumeration().finditer(text) if "jaminan " in text else ():
        if BENEFIT_VERB.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        for row, _, _, bare in patterns:
            item = bare.search(match.group(0))
            if item:
                found.append((match.start() + item.start(), match.start() + item.end(), row["name"], ()))
    return found


def _combined(text: str, start: int) -> bool:
    """Part of "jaminan kecelakaan kerja dan jaminan kematian (JKK-JKM)", a programme of its own."""
    window = text[start : start + 90]
    return bool(re.match(r"[^()\n]*\(?(?:Pro +)?[A-Z]{2,}-[A-Z]{2,}", window))


COMBINED = re.compile(
    r"(?P<exp>(?:[Pp]rogram +)?[Jj]aminan +[\w ]{3,40}? +dan +[Jj]aminan +[\w ]{3,30}?)"
    r" *\(? *(?P<acr>(?:Pro +)?[A-Z]{2,}-[A-Z]{2,})\)?"
)
COMBINED_NAME = re.compile(r"(?:\bPro +)?\b[A-Z]{2,}-[A-Z]{2,}\b")


def _combined_programs(doc: Document) -> list[ProgrammeSpan]:
    """Programmes named by a joined acronym ("JKK-JKM"), with their expansion as an alias.

    The word "program" before the expansion is kept only when the acronym has its
    "Pro" ("Program Jaminan ... Pro JKK-JKM"); it is not one of the acronym's letters.
    """
    found: list[ProgrammeSpan] = []
    expansions: dict[str, str] = {}
    for match in COMBINED.finditer(doc.text):
        acr, expansion = match.group("acr"), " ".join(match.group("exp").split())
        bare = re.sub(r"^[Pp]rogram +", "", expansion)
        if acronym_fits(acr.replace("Pro ", "").replace("-", ""), bare):
            expansions.setdefault(acr, expansion if acr.startswith("Pro ") else bare)
            found.append((match.start(), match.end(), acr, (expansions[acr],)))
    for match in COMBINED_NAME.finditer(doc.text):
        name = match.group(0)
        bare = name.replace("Pro ", "")
        if name in expansions or bare in expansions or any(bare in key for key in expansions):
            found.append(
                (match.start(), match.end(), name, (expansions[name],) if name in expansions else ())
            )
    return found


# a word-shaped acronym ("Perisai (Penggerak Jaminan Sosial Indonesia)") right after a naming cue
NAMED_ACRONYM = re.compile(
    r"\b(?:disebut|bernama|dinamakan|dikenal +(?:dengan|sebagai)|diberi +nama|bertajuk|berlabel) +"
    r"(?:sebagai +)?(?P<acr>[A-Z][a-z]+[A-Za-z]*) *\((?P<exp>[A-Z][^()\n]{4,80})\)"
)
PROGRAM_WORD = re.compile(r"\bprogram|\binovasi|\bgerakan", re.I)
LIST_ITEM = re.compile(r" *(?:[-•*]|\d{1,2}[.)]|[A-Z][A-Z ]{1,20} *\()")
MAX_LIST_LINES = 30


def _in_program_context(doc: Document, start: int) -> bool:
    """Whether a sentence, or the heading of the list it is an item of, is about programmes."""
    if PROGRAM_WORD.search(doc.sentence_of(start).text):
        return True
    heading = _list_heading(doc, doc.line_of(start)[0])
    return bool(heading and PROGRAM_WORD.search(heading) and heading.rstrip().endswith(":"))


def _list_heading(doc: Document, line_start: int) -> str | None:
    span = _list_heading_span(doc, line_start)
    return doc.text[span[0] : span[1]] if span else None


def _list_heading_span(doc: Document, line_start: int) -> tuple[int, int] | None:
    """The line that introduces the list a line belongs to ("... program unggulan:").

    Walks back over bullets, blank lines and "ACRONYM (Expansion): ..." items, so every
    item of a long list shares its heading, not only the first few.
    """
    end = line_start - 1
    for _ in range(MAX_LIST_LINES):
        if end < 0:
            return None
        start = doc.text.rfind("\n", 0, end) + 1
        line = doc.text[start:end]
        if line.strip() and not LIST_ITEM.match(line):
            return start, end
        end = start - 1
    return None


@cache
def _heads() -> dict[str, dict[str, str]]:
    return {row["head"]: row for row in rows("program_heads.csv")}


@cache
def _local_pattern() -> re.Pattern[str]:
    heads = alternation(list(_heads()))
    return re.compile(
        rf"\b(?P<head>{heads}) +(?P<name>{NAME})"
        rf"(?: *\((?P<paren>[^()\n]{{2,80}})\)| +atau +(?P<other>{NAME}))?"
    )


def _head_fits(doc: Document, match: re.Match[str]) -> bool:
    """Whether a head word that is also an ordinary noun heads a programme here."""
    if _heads()[match.group("head")]["context"] != "1":
        return True
    before = doc.text[max(0, match.start() - 20) : match.start()]
    return not PLACE_BEFORE.search(before) and bool(PROGRAM_WORD.search(doc.sentence_of(match.start()).text))


def _is_region(doc: Document, match: re.Match[str]) -> bool:
    """Whether the name after a head word is a region's ("Kampung Laut" the kabupaten's place)."""
    start, end = match.start("name"), match.end("name")
    region = region_covering(doc, start)
    return region is not None and region.span.name_start <= start and end <= region.span.name_end


def _aliases(name: str, paren: str | None, other: str | None) -> tuple[str, ...]:
    """Another name given with a programme's: "X (ACRONYM)", "X (Expansion)" or "X atau Y".

    A one-word short name in parentheses that begins like the name is its acronym even
    when it is made of syllables rather than initials ("Kupang Lindungi ... (Kalimera)"), and a
    capitalised phrase in parentheses after a one-word name that begins like it is what the
    name stands for, however loosely its syllables were taken ("Bersinar (Bersama Sejahterakan
    Pekerja Rentan)").
    """
    if other:
        return (" ".join(other.split()),)
    if not paren:
        return ()
    paren = " ".join(paren.split())
    syllabic = re.fullmatch(r"[A-Z][A-Za-z-]{2,}", paren) and paren[0] == name[0]
    expansion = " " not in name and paren[0] == name[0] and _capitalised_phrase(paren)
    return (paren,) if acronym_fits(name, paren) or syllabic or expansion else ()


def _capitalised_phrase(text: str) -> bool:
    """Two words or more, each capitalised but for the small words that join them."""
    words_ = text.split()
    joints = ("dan", "dan/atau", "untuk", "bagi")
    return len(words_) >= 2 and all(w[0].isupper() or w in joints for w in words_)


@cache
def _known_operator() -> re.Pattern[str]:
    """A known organisation's name at the end of a programme's name ("... Ketenagakerjaan BPJAMSOSTEK")."""
    names = [n for row in rows("organizations.csv") for n in [row["name"], *row["aliases"].split("|")] if n]
    return re.compile(rf" +(?:{alternation(names)})$")


def _without_operator(name: str) -> str:
    """A programme's name without the body that runs it, written after it."""
    return _known_operator().sub("", name)


@cache
def _title_start() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation([row['title'] for row in rows('titles.csv')])})(?![\w-])")


def _titled(name: str) -> bool:
    """Whether a would-be name starts with an official's title: "program Gubernur Kepri" is unnamed."""
    return bool(_title_start().match(name))


def _is_org(doc: Document, start: int) -> bool:
    """Whether what follows a head word is an organisation's name ("program BPJamsostek")."""
    found = org_at(doc, start)
    return found is not None and found.start == start


def _named(name: str, aliases: tuple[str, ...]) -> bool:
    """Whether a run after lower-case "program" is a name, not a capitalised first word of prose.

    "program Jaminan sosial ..." is no programme called "Jaminan"; a name of two words or
    more, or one given with a short form, is.
    """
    return len(name.split()) > 1 or bool(aliases)


def _local_programs(doc: Document) -> list[ProgrammeSpan]:
    found: list[ProgrammeSpan] = []
    text = doc.text
    for match in _local_pattern().finditer(text):
        name = _without_operator(" ".join(match.group("name").split()).rstrip("'’"))
        paren = match.group("paren")
        if not name or _excluded(name) or _titled(name):
            continue
        if any(name.startswith((r["name"], r["acronym"])) for r in _national()):
            continue
        if head_pattern().match(name) or not _head_fits(doc, match) or _is_region(doc, match):
            continue
        aliases = _aliases(name, paren, match.group("other"))
        if _is_org(doc, match.start("name")) or (match.group("head").islower() and not _named(name, aliases)):
            continue
        if _heads()[match.group("head")]["keep"] == "1":
            name = f"{match.group('head')} {name}"
        found.append((match.start(), match.end(), name, aliases))
    for match in ACRONYM_FIRST.finditer(text):
        acr, expansion = match.group("acr"), " ".join(match.group("exp").split())
        if head_pattern().match(expansion) or _excluded(expansion) or not acronym_fits(acr, expansion):
            continue
        if _in_program_context(doc, match.start()):
            found.append((match.start(), match.end(), acr, (expansion,)))
    for match in NAMED_ACRONYM.finditer(text):
        acr, expansion = match.group("acr"), " ".join(match.group("exp").split())
        if head_pattern().match(expansion) or _excluded(expansion) or len(expansion.split()) < 2:
            continue
        if acronym_fits(acr, expansion) and not any(
            m.span.end <= match.end("exp") for m in regions_in(doc, match.start("exp") - 1, match.end("exp"))
        ):
            found.append((match.start("acr"), match.end(), acr, (expansion,)))
    return found


def _operator(doc: Document, start: int, national: bool) -> tuple[Ref | None, float]:
    sentence = doc.sentence_of(start)
    if national:
        return (
            (Ref("organization", "BPJS Ketenagakerjaan"), 0.8)
            if OPERATOR_BPJS.search(sentence.text)
            else (None, 0)
        )
    # a place in the dateline says where the article was written: it runs the programme only when
    # the sentence names no other ("MEDAN - Pemkab Karo menanggung ... lewat program X")
    named = [
        (m.code, m.span.start) for m in regions_in(doc, sentence.start, start) if m.code and not m.in_org_name
    ]
    if named:
        inside = [(code, at) for code, at in named if not doc.in_dateline(at)] or named
        # a region named as an agency's place ("Kepala Dinas ... Provinsi Lampung, Nama, menyebut
        # Pringsewu kini melindungi ... lewat program X") is the speaker's, not the programme's
        own = [code for code, at in inside if not _in_an_org_name(doc, at)]
        return Ref("region", (own or [code for code, _ in inside])[0]), 0.8
    line_start, _ = doc.line_of(start)
    if line_start > 0:
        previous = doc.sentence_of(max(0, line_start - 2))
        for match in regions_in(doc, previous.start, previous.end):
            if match.code and not match.in_org_name:
                return Ref("region", match.code), 0.75
    heading = _list_heading_span(doc, line_start)
    if heading and doc.text[heading[0] : heading[1]].rstrip().endswith(":"):
        for match in regions_in(doc, heading[0], heading[1]):  # an item of "Pemkot X menjalankan ...:"
            if match.code and not match.in_org_name:
                return Ref("region", match.code), 0.75
    return None, 0  # no operator the text does not state: the article's main region is a guess


def _in_an_org_name(doc: Document, offset: int) -> bool:
    return any(o.start < offset < o.end for o in orgs_in(doc, max(0, offset - 160), offset))


class ProgramExtractor:
    """Programmes with their acronyms, expansions and operator."""

    name: ClassVar[str] = "programs"
    produces: ClassVar[tuple[type[Fact], ...]] = (ProgramFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[Fact] = []
        national = {r["name"] for r in _national()}
        found = [
            span
            for span in _national_programs(doc) + _combined_programs(doc) + _local_programs(doc)
            if doc.in_one_sentence(span[0], span[1])
        ]
        titles = Spans(title_spans(doc))
        for start, end, name, aliases in sorted(found):
            if name not in national and titles.holds(start):
                continue
            operator, strength = _operator(doc, start, name in national)
            facts.append(
                ProgramFact(
                    name=name,
                    aliases=aliases,
                    operator=operator,
                    evidence=doc.evidence(start, end),
                    rule="program.national" if name in national else "program.named",
                    confidence=0.9 if strength >= 0.75 or operator is None else 0.7,
                )
            )
        return facts
