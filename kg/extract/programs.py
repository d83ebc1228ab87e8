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

from kg.extract.base import Document
from kg.extract.organizations import acronym_fits, head_pattern
from kg.extract.regions import primary_region, regions
from kg.lexicon import rows, words
from kg.model import Fact, ProgramFact, Ref

BENEFIT_VERB = re.compile(r"(?:memperoleh|mendapatkan|mendapat|menerima|santunan|klaim|manfaat)\s+$", re.I)
NAME = r"(?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|\d+))*"
LOCAL = re.compile(rf"\b(?P<head>Program|Gerakan|Pro)\s+(?P<name>{NAME})(?:\s*\((?P<paren>[^()\n]{{2,80}})\))?")
ACRONYM_FIRST = re.compile(r"(?P<acr>\b[A-Z][A-Z]{2,}(?:\s+[A-Z]{2,})?)\s*\((?P<exp>[A-Z][^()\n]{4,80})\)")
OPERATOR_BPJS = re.compile(r"program(?:\s+utama)?\s+(?:dari\s+)?BPJS|BPJS\s+Ketenagakerjaan\s+(?:menyelenggarakan|mengelola)", re.I)


@cache
def _national() -> list[dict[str, str]]:
    return list(rows("programs.csv"))


def _excluded(name: str) -> bool:
    normal = " ".join(re.sub(r"^program\s+", "", name.lower()).split())
    return normal in words("program_exclusions.txt") or not normal


def _national_programs(doc: Document) -> list[tuple[int, int, str, tuple[str, ...]]]:
    found = []
    text = doc.text
    for row in _national():
        named = re.compile(rf"\b{row['name']}\b(?:\s*\((?P<acr>{row['acronym']})\))?")
        for match in named.finditer(text):
            if _combined(text, match.start()):
                continue
            aliases = (row["acronym"],) if match.group("acr") else ()
            found.append((match.start(), match.end(), row["name"], aliases))
        after_program = re.compile(rf"\bprogram\s+(?:{row['name'].lower()})\b(?:\s*\((?P<acr>{row['acronym']})\))?")
        for match in after_program.finditer(text):
            if not _combined(text, match.start()):
                found.append((match.start(), match.end(), row["name"], ()))
    bare = "|".join(r["bare"] for r in _national())
    enumeration = re.compile(rf"\bjaminan\s+(?:{bare})(?:\s*,\s*(?:jaminan\s+)?(?:{bare}))+\s*,?\s+dan\s+(?:jaminan\s+)?(?:{bare})\b")
    for match in enumeration.finditer(text):
        if BENEFIT_VERB.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        for row in _national():
            item = re.search(rf"\b{row['bare']}\b", match.group(0))
            if item:
                found.append((match.start() + item.start(), match.start() + item.end(), row["name"], ()))
    return found


def _combined(text: str, start: int) -> bool:
    """Part of "jaminan kecelakaan kerja dan jaminan kematian (JKK-JKM)", a programme of its own."""
    window = text[start : start + 90]
    return bool(re.match(r"[^()\n]*\(?(?:Pro\s+)?[A-Z]{2,}-[A-Z]{2,}", window))


COMBINED = re.compile(
    r"(?P<exp>(?:[Pp]rogram\s+)?[Jj]aminan\s+[\w\s]{3,40}?\s+dan\s+[Jj]aminan\s+[\w ]{3,30}?)\s*\(?\s*(?P<acr>(?:Pro\s+)?[A-Z]{2,}-[A-Z]{2,})\)?"
)
COMBINED_NAME = re.compile(r"(?:\bPro\s+)?\b[A-Z]{2,}-[A-Z]{2,}\b")


def _combined_programs(doc: Document) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Programmes named by a joined acronym ("JKK-JKM"), with their expansion as an alias."""
    found = []
    expansions: dict[str, str] = {}
    for match in COMBINED.finditer(doc.text):
        acr = match.group("acr")
        if acronym_fits(acr.replace("Pro ", "").replace("-", ""), match.group("exp")):
            expansions.setdefault(acr, " ".join(match.group("exp").split()))
            found.append((match.start(), match.end(), acr, (expansions[acr],)))
    for match in COMBINED_NAME.finditer(doc.text):
        name = match.group(0)
        bare = name.replace("Pro ", "")
        if name in expansions or bare in expansions or any(bare in key for key in expansions):
            found.append((match.start(), match.end(), name, (expansions[name],) if name in expansions else ()))
    return found


def _in_program_context(doc: Document, start: int) -> bool:
    sentence = doc.sentence_of(start)
    if re.search(r"\bprogram|\binovasi|\bgerakan", sentence.text, re.I):
        return True
    line_start, _ = doc.line_of(start)
    previous = doc.text[max(0, line_start - 300) : line_start]
    return bool(re.search(r"program[^\n]*:\s*(?:\n\s*-?\s*)*$", previous, re.I)) or bool(
        re.search(r"program[^\n]*:\s*\n", previous[-200:], re.I)
    )


def _local_programs(doc: Document) -> list[tuple[int, int, str, tuple[str, ...]]]:
    found = []
    text = doc.text
    for match in LOCAL.finditer(text):
        name, paren = match.group("name"), match.group("paren")
        if match.group("head") == "Pro":
            continue
        name = " ".join(name.split())
        if _excluded(name) or any(name.startswith(r["name"]) for r in _national()) or head_pattern().match(name):
            continue
        aliases = (" ".join(paren.split()),) if paren and acronym_fits(name, paren) else ()
        if match.group("head") == "Gerakan":
            name = f"Gerakan {name}"
        found.append((match.start(), match.end(), name, aliases))
    for match in ACRONYM_FIRST.finditer(text):
        acr, expansion = match.group("acr"), " ".join(match.group("exp").split())
        if head_pattern().match(expansion) or _excluded(expansion) or not acronym_fits(acr, expansion):
            continue
        if _in_program_context(doc, match.start()):
            found.append((match.start(), match.end(), acr, (expansion,)))
    return found


def _operator(doc: Document, start: int, national: bool) -> tuple[Ref | None, float]:
    sentence = doc.sentence_of(start)
    if national:
        return (Ref("organization", "BPJS Ketenagakerjaan"), 0.8) if OPERATOR_BPJS.search(sentence.text) else (None, 0)
    for match in regions(doc):
        if sentence.start <= match.span.start < start and match.code and not match.in_org_name:
            return Ref("region", match.code), 0.8
    line_start, _ = doc.line_of(start)
    if line_start > 0:
        previous = doc.sentence_of(max(0, line_start - 2))
        for match in regions(doc):
            if previous.start <= match.span.start < previous.end and match.code and not match.in_org_name:
                return Ref("region", match.code), 0.75
    primary = primary_region(doc)
    return (Ref("region", primary), 0.6) if primary else (None, 0)


class ProgramExtractor:
    """Programmes with their acronyms, expansions and operator."""

    name: ClassVar[str] = "programs"
    produces: ClassVar[tuple[type[Fact], ...]] = (ProgramFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[Fact] = []
        national = {r["name"] for r in _national()}
        found = _national_programs(doc) + _combined_programs(doc) + _local_programs(doc)
        for start, end, name, aliases in sorted(found):
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
