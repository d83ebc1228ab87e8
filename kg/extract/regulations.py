"""Regulations cited with a number and a year, in every common written form.

"Peraturan Daerah Nomor 9 Tahun 2019 tentang ...", "Perda No. 4/2016", "Perwali
93/2020", "Permenaker 4/2018", "UU 40/2004". Kinds and their normalised names are
data (kg/data/regulation_kinds.csv). A regional instrument's issuer is the region
named in the citation, in its title, as the subject of the sentence, or the only
region of the issuing level in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from kg.extract.base import Document, alternation
from kg.extract.regions import RegionMatch, counted_codes, region_covering, regions_in
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import Fact, Modality, Ref, RegulationFact

TITLE_WORD = r"(?:[A-Z][\w'’/-]*|\d[\w/.-]*)"
TITLE_JOINER = (
    r"(?:dan|di|yang|bagi|oleh|atas|dalam|untuk|ke|dari|pada|serta|tentang|terhadap|melalui|sebagai|,)"
)
TITLE_RUN = rf"{TITLE_WORD}(?: +(?:{TITLE_JOINER} +)*{TITLE_WORD})*"
# a title that lists ("Bagi Pegawai Honorer, Aparat Desa, dan Pekerja Rentan"): its commas are part of it
# only when the list ends with "dan"/"serta" and a capitalised item
TITLE_CASE = re.compile(rf"{TITLE_RUN}(?:(?:, +{TITLE_RUN})*,? +(?:dan|serta) +{TITLE_RUN})?")
LOWER_STOP = re.compile(
    r" (?:dengan|yang|untuk|guna|agar|sebagai|maka|sehingga|karena|melalui|oleh|serta|dan +(?=[A-Z]))"
    r"|[,.;:!?\"”)]|$",
    re.M,
)


@dataclass(frozen=True)
class Kind:
    kind: str
    scope: str
    issuer_level: str


def _any_case(written: str) -> bool:
    """Whether a kind is matched in any case: words and long contractions are ("instruksi
    Presiden", "perda"); short acronyms (PP, UU) only as written."""
    return " " in written or "-" in written or len(written) >= 4


@cache
def _kinds() -> dict[str, Kind]:
    """Written form -> kind; a form matched in any case is also keyed by its lower case."""
    table = {}
    for row in rows("regulation_kinds.csv"):
        kind = Kind(row["kind"], row["scope"], row["issuer_level"])
        table[row["written"]] = kind
        if _any_case(row["written"]):
            table[row["written"].lower()] = kind
    return table


def _kind_of(written: str) -> Kind:
    spaced = re.sub(r"\s+", " ", written)
    return _kinds().get(spaced) or _kinds()[spaced.lower()]


@cache
def _pattern() -> re.Pattern[str]:
    forms = [r["written"] for r in rows("regulation_kinds.csv")]
    folded = alternation([f for f in forms if _any_case(f)])
    exact = alternation([f for f in forms if not _any_case(f)])
    return re.compile(
        rf"(?<![\w-])(?P<kind>(?i:{folded})|{exact})(?![\w-])"
        r"(?: *\((?P<short>[A-Z][A-Za-z]{1,15})\))?"
        r"(?P<between>(?: +(?!(?i:nomor|no\b|nomer))(?:[A-Z][\w.-]*|RI|(?:kabupaten|kota|provinsi)\b)){0,5}?)"
        r" *(?:(?i:nomor|nomer|no|nr) *[.:]? *)?(?P<number>\d+[A-Za-z]?(?:[./-][\dA-Za-z./-]*[\dA-Za-z])??)"
        r" *(?P<joint>[Tt]ahun|Th\.?|/) *(?P<year>(?:19|20)\d{2})(?![\d/])"
    )


@cache
def _modality_cues() -> dict[str, str]:
    return {r["cue"]: r["modality"] for r in rows("regulation_modality.csv")}


@cache
def _modality_pattern() -> re.Pattern[str]:
    """The modality cues in any case; (?a:...) folds ASCII letters only, as the table's lower-case keys do."""
    return re.compile(rf"(?<![\w-])(?a:{alternation(list(_modality_cues()))})(?![\w-])", re.I)


ABOUT = re.compile(r",? +tentang +", re.I)  # what introduces a regulation's title
CLAUSE_START = re.compile(
    r"[;:!?]|, +(?:dan|serta|sedangkan|sementara|namun) |\b(?:berdasarkan|sesuai|mengacu)\b", re.I
)


def _modality(doc: Document, kind: Kind, start: int) -> Modality:
    """A draft ("Ranperda", "rancangan Perda", "sedang menyusun Perda") or a plan, else enacted.

    Only the clause before the citation counts: "Perda yang telah disahkan ... akan
    diterapkan" is an enacted Perda.
    """
    if kind.scope == "draft":
        return "draft"
    sentence = doc.sentence_of(start)
    left = max(sentence.start, start - 80)
    for found in CLAUSE_START.finditer(doc.text, left, start):
        left = found.end()
    cues = list(_modality_pattern().finditer(doc.text, left, start))
    if not cues:
        return "asserted"
    return (
        "planned" if _modality_cues()[" ".join(cues[-1].group(0).lower().split())] == "planned" else "draft"
    )


def _title(doc: Document, pos: int) -> tuple[str | None, int]:
    """The `tentang ...` part after a citation, as written, and where it ends."""
    text = doc.text
    intro = ABOUT.match(text, pos)
    if not intro:
        return None, pos
    start, line_end = intro.end(), doc.line_of(intro.end())[1]
    if text[start : start + 1].isupper():
        match = TITLE_CASE.match(text, start, line_end)
        end = match.end() if match else start
    else:
        stop = LOWER_STOP.search(text, start, line_end)
        end = stop.start() if stop else line_end
    nxt = _pattern().search(text, start, end)
    if nxt:
        end = start + len(re.sub(r" +(?:dan|serta) *$", "", text[start : nxt.start()]))
    title = " ".join(text[start:end].split()).strip(" ,")
    return title or None, end


def _region_in(doc: Document, start: int, end: int, level: str) -> RegionMatch | None:
    """The first region of the level in [start, end), or the one that reaches into it from before:
    "Peraturan Bupati Deli Serdang" has the region "Bupati Deli Serdang", cued by the kind's own word."""
    covering = region_covering(doc, start) if start < end else None
    before = [covering] if covering is not None and covering.span.start < start else []
    for match in [*before, *regions_in(doc, start, end)]:
        if not match.code or match.in_org_name:
            continue
        if not level or Gazetteer.load().get(match.code).level == level:
            return match
    return None


@cache
def _regional_titles() -> list[tuple[str, str]]:
    """The titles of regional offices with the level of region they hold (kg/data/titles.csv),
    longest first: whose instruments of an "either" kind are their region's ("Surat Edaran (SE)
    Gubernur Kalimantan Selatan Nomor ...", "Bupati Wonosobo menerbitkan SE Nomor ...")."""
    found = [(row["title"].casefold(), row["level"]) for row in rows("titles.csv") if row["level"]]
    return sorted(found, key=lambda title: -len(title[0]))


def _head_level(written: str) -> str | None:
    written = written.strip().casefold()
    return next(
        (level for title, level in _regional_titles() if written == title or written.startswith(title + " ")),
        None,
    )


def _issuing_head(doc: Document, start: int) -> Ref | None:
    """The region of the head who issues an instrument in the sentence before it: "Gubernur
    Gorontalo Rahmat Dunggio menerbitkan Surat Edaran Nomor ..."."""
    sentence = doc.sentence_of(start)
    for match in reversed(regions_in(doc, sentence.start, start)):
        if (
            match.code
            and match.span.cue
            and _head_level(match.span.cue) == Gazetteer.load().get(match.code).level
        ):
            return Ref("region", match.code)
    return None


def _issuer(doc: Document, kind: Kind, match: re.Match[str], title_end: int) -> Ref | None:
    level = kind.issuer_level
    if kind.scope == "either":
        level = _head_level(match.group("between")) or ""
        if not level:
            return _issuing_head(doc, match.start())
    elif kind.scope != "regional":
        return None
    named = _region_in(doc, match.start("between"), match.end("between") + 1, level)
    named = named or _region_in(doc, match.end(), title_end, level)
    if named and named.code:
        return Ref("region", named.code)
    sentence = doc.sentence_of(match.start())
    subject = _region_in(doc, sentence.start, match.start(), level)
    if subject and subject.code:
        return Ref("region", subject.code)
    previous = _previous_sentence_region(doc, sentence.start, level)
    if previous:
        return previous
    if level:
        fitting = sorted(c for c in counted_codes(doc) if Gazetteer.load().get(c).level == level)
        if len(fitting) == 1:
            return Ref("region", fitting[0])
    return None


def _previous_sentence_region(doc: Document, start: int, level: str) -> Ref | None:
    """The one region of the issuing level in the sentence before, in the same paragraph.

    "... 31.200 pekerja informal di Kota Tangerang sudah terdaftar. Program tersebut
    berpijak pada Perwal Nomor 35 Tahun 2022": the Perwal is the city's just named.
    """
    line_start = doc.line_of(start)[0]
    before = doc.sentences_starting_in(line_start, start)
    if not before or not level:
        return None
    codes = {
        m.code for m in regions_in(doc, before[-1].start, before[-1].end) if m.code and not m.in_org_name
    }
    fitting = [c for c in codes if Gazetteer.load().get(c).level == level]
    return Ref("region", fitting[0]) if len(fitting) == 1 else None


def _title_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for match in _pattern().finditer(doc.text):
        title, end = _title(doc, match.end())
        if title:
            spans.append((match.end(), end))
    for match in BARE_CITATION.finditer(doc.text):  # "Perda tentang ..." without a number
        title, end = _title(doc, match.end())
        if title:
            spans.append((match.end(), end))
    return spans


BARE_CITATION = re.compile(
    r"\b(?:Perda|Raperda|Ranperda|Perbup|Perwal|Perwali|Pergub|Peraturan +\w+)(?=,? +tentang )"
)


def title_spans(doc: Document) -> list[tuple[int, int]]:
    """Where regulations' titles stand: names inside them ("... Program Jaminan Sosial Bagi ...")
    are the regulation's words, not programmes or organisations of their own."""
    return doc.memo("regulation_titles", _title_spans)


def _number(match: re.Match[str]) -> str:
    """A regulation's number without leading zeros ("01" is "1"); codes ("842.2/5193/SJ") as written.

    A code that ends with its year keeps it ("Nomor 560/041/Disnaker/2024" is that number, of
    2024); a plain number before "/year" does not ("Perda Nomor 5/2019" is number 5 of 2019)."""
    written = match.group("number")
    if match.group("joint") == "/" and not written.isdigit() and "/" in written:
        return f"{written}/{match.group('year')}"
    return written.lstrip("0") or written if written.isdigit() else written


class RegulationExtractor:
    """Regulations with kind, number, year, title and issuer; drafts kept as drafts."""

    name: ClassVar[str] = "regulations"
    produces: ClassVar[tuple[type[Fact], ...]] = (RegulationFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[Fact] = []
        for match in _pattern().finditer(doc.text):
            kind = _kind_of(match.group("kind"))
            title, title_end = _title(doc, match.end())
            modality = _modality(doc, kind, match.start())
            facts.append(
                RegulationFact(
                    kind="Perda" if kind.scope == "draft" else kind.kind,
                    number=_number(match),
                    year=int(match.group("year")),
                    title=title,
                    issuer=_issuer(doc, kind, match, title_end),
                    modality=modality,
                    evidence=doc.evidence(match.start(), max(title_end, match.end())),
                    rule="regulation.citation",
                    confidence=(0.95 if title else 0.9) - (0.1 if modality != "asserted" else 0),
                )
            )
        return facts
