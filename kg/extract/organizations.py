"""Organisations an article names: known bodies, agencies by their head word, offices.

Three sources, all data: kg/data/organizations.csv (known bodies and their other
names), kg/data/org_heads.csv (words that begin a name: Dinas, Badan, Kejaksaan ...)
with kg/data/org_words.txt (words that continue one), and acronyms given in
parentheses ("Badan Penyelenggara Jaminan Sosial (BPJS) Ketenagakerjaan").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import ClassVar

from kg.analysis.document import Analysis
from kg.analysis.names import Chunk, Names
from kg.extract.base import Document, Spans, alternation, skip_spaces
from kg.extract.regions import LIST_JOINT, region_at
from kg.extract.regulations import title_spans
from kg.gazetteer import Gazetteer, name_key
from kg.lexicon import rows, words
from kg.model import Fact, OrganizationFact

COMPANY_KINDS = frozenset({"company", "foundation", "university", "hospital"})
#: words that begin a regional government's name ("Pemerintah Kabupaten X", "Pemkot X"): a region,
#: no organisation, and after "program" whose programme it is
GOVERNMENT_WORDS = ("pemerintah ", "pemkot", "pemkab", "pemprov", "pemda")
# office words after a known body's name; "wilayah" and "cabang" are often written in lower case
OFFICE = (
    r"(?:Kantor +Wilayah|Kantor +Cabang +Perintis|Kantor +Cabang|Kanwil|Cabang +Perintis|[Cc]abang|[Ww]ilayah"
    r"|Deputi +Wilayah|[Pp]erwakilan|Kantor|KCP)"
)
PLACE_CUES = frozenset(
    {None, "kota", "kota administrasi", "kotamadya", "kabupaten", "kabupaten administrasi", "provinsi"}
)
TOKEN = re.compile(r" *([A-Z][\w'’.-]*(?:/[\w-]+)?|\d+/[A-Z]\w*|dan|&|,)")


@dataclass(frozen=True)
class OrgMatch:
    """An organisation's name in the text, with the names the text gives it besides."""

    start: int
    end: int
    name: str
    aliases: tuple[str, ...]
    base: str | None  # the known organisation it is, or an office of
    place: str | None  # the office's place, for offices of a known organisation
    kind: str


@cache
def _known() -> dict[str, tuple[str, bool]]:
    """Every known name or alias -> (canonical name, whether it heads office names)."""
    table: dict[str, tuple[str, bool]] = {}
    for row in rows("organizations.csv"):
        names = [row["name"], *[a for a in row["aliases"].split("|") if a]]
        for name in names:
            table[name] = (row["name"], row["head"] == "1")
    return table


@cache
def _known_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"(?:(?P<pre>Kantor +Wilayah|Kantor +Cabang|Kanwil|Kantor) +)?"
        rf"\b(?P<org>{alternation(list(_known()))})\b"
    )


@cache
def _heads() -> dict[str, str]:
    return {row["head"]: row["kind"] for row in rows("org_heads.csv")}


@cache
def _alone() -> frozenset[str]:
    """Head words that name an organisation by themselves (org_heads.csv `alone`)."""
    return frozenset(row["head"] for row in rows("org_heads.csv") if row["alone"] == "1")


@cache
def head_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<head>{alternation(list(_heads()))})(?![\w-])")


def _clean(name: str) -> str:
    return " ".join(name.replace("\n", " ").split()).strip(" ,")


def _region_at(doc: Document, offset: int, place_only: bool = False) -> tuple[int, int] | None:
    """The span of a region mention starting at an offset (after spaces).

    With `place_only`, only a bare name or one after a level word ("Kota Madiun"): a
    region named through a title or a government ("Wali Kota Mojokerto", "Pemkot
    Jambi") is the next phrase, not the place an organisation's name ends with.
    """
    match = region_at(doc, offset)
    if match is None:
        return None
    if place_only and match.span.start == offset and match.span.cue not in PLACE_CUES:
        return None
    return match.span.start, match.span.end


def continue_name(doc: Document, pos: int, company: bool, limit: int) -> int:
    """Where an organisation's name that has reached `pos` ends: by `limit`, and in its sentence."""
    text, org_words, taken = doc.text, words("org_words.txt"), 0
    limit = min(limit, doc.sentence_end(pos))
    while taken < 12:
        region = _region_at(doc, skip_spaces(text, pos), place_only=True)
        if region and not company and region[1] <= limit:
            return region[1]
        match = TOKEN.match(text, pos, limit)
        if not match:
            return pos
        token = match.group(1)
        if token in ("dan", "&", ","):
            after = TOKEN.match(text, match.end(), limit)
            nxt = after.group(1) if after else ""
            if not (nxt in org_words or (_is_acronym(nxt) and not _names_another_org(nxt))):
                return pos
        elif _ends_sentence(token, org_words, company and taken < 3):
            return match.end() - 1
        elif company and taken < 3:
            if token.rstrip(".") in words("honorifics.txt"):
                return pos  # a rank or honorific begins the holder's name: "Kodim 0736/Batang Letkol Inf ..."
        elif not (token in org_words or _is_acronym(token) or re.fullmatch(r"\d+/\w+", token)):
            return pos
        pos, taken = match.end(), taken + 1
    return pos


def _ends_sentence(token: str, org_words: frozenset[str], any_word: bool) -> bool:
    """A name word with the sentence's full stop glued on: "... Dinas Tenaga Kerja. Ahli ...".

    `any_word`: a company's name, whose first words may be any words ("Rumah Makan
    Bintang."); abbreviations ("Tbk.") keep their dot.
    """
    word = token[:-1]
    if not token.endswith(".") or not word.isalpha() or token in words("abbreviations.txt"):
        return False
    return any_word or word in org_words or _is_acronym(word)


def _names_another_org(token: str) -> bool:
    """Whether an acronym after a comma or "dan" begins the next organisation of a list.

    "Dinas Tenaga Kerja, BPJS, pelaku usaha": BPJS is a body of its own, while in
    "Disnakerkop dan UKM" the acronym continues the name.
    """
    return token in _known() or token in _heads()


def _is_acronym(token: str) -> bool:
    letters = token.replace("-", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def is_subsequence(short: str, long: str) -> bool:
    """Whether the letters of `short` appear in order in `long` (acronym test)."""
    it = iter(long)
    return all(char in it for char in short)


def acronym_fits(acronym: str, expansion: str) -> bool:
    """Whether an acronym can stand for an expansion ("BPJS" for "Badan Penyelenggara Jaminan Sosial")."""
    short, words_ = _letters(acronym), [w for w in re.findall(r"[A-Za-z]+", expansion) if w.lower() != "dan"]
    if len(short) < 2 or not words_:
        return False
    initials = "".join(w[0].lower() for w in words_)
    return is_subsequence(short, _letters(expansion)) and (
        short[0] == initials[0] or (len(short) >= 3 and is_subsequence(short, initials))
    )


OFFICE_WORDS = re.compile(rf" +{OFFICE}(?: +\([A-Z]{{2,6}}\))?(?: +(?:Kota|Kabupaten|Kab\.|Provinsi))? +")
HEAD_OFFICE = re.compile(r"[ \t]+(Pusat)(?![\w-])")  # "BPJS Ketenagakerjaan Pusat": the head office
PLACE_WORD = re.compile(r"[A-Z][\w'-]+")
PAREN = re.compile(r" *\((?P<inner>[^()\n]{1,80})\)")


def _with_parenthesis(doc: Document, start: int, end: int, company: bool) -> tuple[int, str, list[str]]:
    """Extend a name over "(ACRONYM) Tail": the name drops the parenthesis, the alias uses it."""
    text = doc.text
    paren = PAREN.match(
        text, end, doc.sentence_end(start)
    )  # "(PMK. RI)" ends no name: the sentence ends in it
    name = _clean(text[start:end])
    if not paren:
        return end, name, []
    inner = paren.group("inner").strip()
    line_end = doc.line_of(start)[1]
    if head_pattern().match(inner) and _is_acronym(name.replace(" ", "")[:12]) and acronym_fits(name, inner):
        return paren.end(), _clean(inner), [name]
    if not (acronym_fits(inner, name) or _is_acronym(inner.replace(" ", ""))) or len(inner.split()) > 2:
        return end, name, []
    tail_end = continue_name(doc, paren.end(), company, line_end)
    tail = _clean(text[paren.end() : tail_end])
    full = _clean(f"{name} {tail}") if tail else name
    alias = _clean(f"{inner} {tail}") if tail else inner
    return tail_end, full, [alias]


@cache
def office_area_pattern() -> re.Pattern[str]:
    """Office areas and branch places of BPJS that are no single region (kg/data/office_areas.txt,
    branch_places.txt), ending at a word's end."""
    areas = [*words("office_areas.txt"), *words("branch_places.txt")]
    return re.compile(rf"(?:{alternation(areas)})(?![\w-])")


def _office_suffix(doc: Document, pos: int, expects_place: bool = False) -> tuple[int, str | None]:
    """An office of a known organisation: "... Cabang Jambi", "... Wilayah Jatim", "... Lampung Tengah".

    After an office word, or when the name began with one ("Kantor Wilayah BPJS
    Ketenagakerjaan Sumbarriau"), the next capitalised word is the office's place even
    when it is no region: BPJS names its regional offices after areas of its own.
    """
    end, place = _office_place(doc, pos, expects_place)
    if place is None:
        return end, place
    listed = _more_places(doc, end)
    return listed, place if listed == end else _clean(doc.text[end - len(place) : listed])


def _more_places(doc: Document, end: int) -> int:
    """Past more places coordinated with an office's place: "Cabang Muba dan Banyuasin",
    "Wilayah Bali, Nusa Tenggara dan Papua" (an office named after several areas).

    A place written with its level word ("dan Kabupaten X") is a region of its own, not part
    of the office's name.
    """
    text, line_end = doc.text, doc.line_of(end)[1]
    while joint := LIST_JOINT.match(text, end, line_end):
        area = office_area_pattern().match(text, joint.end(), line_end)
        match = region_at(doc, joint.end())
        if area:
            end = area.end()
        elif match is not None and match.span.cue is None and match.span.start == joint.end():
            end = match.span.end
        else:
            return end
        if joint.group(0).strip(" ,"):
            return end  # "dan" joins the last place
    return end


def _office_place(doc: Document, pos: int, expects_place: bool) -> tuple[int, str | None]:
    text, line_end = doc.text, doc.line_of(pos)[1]
    office = OFFICE_WORDS.match(text, pos, line_end)
    start = office.end() if office else skip_spaces(text, pos)
    area = office_area_pattern().match(text, start, line_end)
    region = _region_at(doc, start)
    if area and (not region or area.end() > region[1]) and (office or expects_place or start == pos + 1):
        return area.end(), area.group(0)
    if region:
        end = _branch_kota(doc, region[1]) if office else region[1]
        return end, _clean(text[start:end])
    head_office = HEAD_OFFICE.match(text, pos, line_end)
    if head_office and not office:
        return head_office.end(), head_office.group(1)
    if office or (expects_place and re.match(r"[ \t]", text[pos : pos + 1])):
        token = PLACE_WORD.match(text, start, line_end)
        if token:
            longer = PLACE_BEFORE_COMMA.match(text, start, line_end)
            if longer:  # "Cabang Tanjung Redeb, ...": a place of two or three words, closed by a comma
                return longer.end(1), longer.group(1)
            return token.end(), token.group(0)
    return pos, None


#: a place of two or three capitalised words right before a comma, a full stop or a bracket (a
#: holder's name may follow one word without a comma: "Cabang Meulaboh Husaini mengatakan")
PLACE_BEFORE_COMMA = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?=[ \t]*[,.(])")


BRANCH_KOTA = re.compile(r"[ \t]+Kota(?![\w-])")


def _branch_kota(doc: Document, end: int) -> int:
    """A branch named after a city's centre: "BPJS Ketenagakerjaan Cabang Pekanbaru Kota".

    "Kota" after the place is the branch's name unless it begins a region of its own.
    """
    kota = BRANCH_KOTA.match(doc.text, end)
    if not kota or _region_at(doc, kota.start() + 1):
        return end
    return kota.end()


def _province_written_out(name: str, place: str | None) -> tuple[str, list[str]]:
    """A regional office's province in full, the short form an alias.

    Regional offices ("Wilayah", "Kanwil") are named after the province: "BPJS
    Ketenagakerjaan Wilayah Jatim" is "BPJS Ketenagakerjaan Wilayah Jawa Timur". A
    branch keeps its place as written ("BPJS Ketenagakerjaan Kutim").
    """
    if not place or not re.search(rf"\b(?:[Ww]ilayah|Kanwil) +{re.escape(place)}$", name):
        return name, []
    found = Gazetteer.load().lookup(place, "provinsi")
    if len(found) != 1 or name_key(found[0].name) == name_key(place):
        return name, []
    return name[: -len(place)] + found[0].name, [name]


def _known_orgs(doc: Document) -> list[OrgMatch]:
    found = []
    for match in _known_pattern().finditer(doc.text):
        canonical, heads_offices = _known()[match.group("org")]
        prefix = match.group("pre")
        office_first = bool(prefix) and prefix != "Kantor"
        end, place = (match.end(), None)
        if heads_offices:
            end, place = _office_suffix(doc, match.end("org"), office_first)
        start = match.start() if prefix and prefix != "Kantor" else match.start("org")
        if prefix and prefix != "Kantor":
            place = place or "?"
        end, name, aliases = _with_parenthesis(doc, start, end, company=False)
        if not aliases:
            name, aliases = _inner_short_form(name) or _province_written_out(name, place)
        found.append(OrgMatch(start, end, name, tuple(aliases), canonical, place, "known"))
    return found


def _names(doc: Document) -> Names:
    return doc.names()


def _headed_orgs(doc: Document) -> list[OrgMatch]:
    """Names that begin at a head word, as the name chunker reads them (kg.analysis.names)."""
    chunker = _names(doc)
    analysis = chunker.analysis
    starts = {span.start for span in analysis.spans.get("org_head", ())}
    starts |= set(chunker.extra.get("org_head", {}))
    found = []
    for start in sorted(starts):
        chunk = chunker.org(start)
        if chunk is None:
            continue
        end, name, aliases = _chunk_name(analysis, chunk)
        aliases += _acronym_before(analysis, chunk.start, end, name)
        first, last = analysis.chars(chunk.start, end)
        found.append(OrgMatch(first, last, name, aliases, None, None, chunk.kind))
    return found


def _acronym_before(analysis: Analysis, start: int, end: int, name: str) -> tuple[str, ...]:
    """The short form written first, the name after it in parentheses: "DPMD (Dinas ... Desa)"."""
    tokens = analysis.tokens
    if start < 2 or end >= len(tokens) or tokens[start - 1].text != "(" or tokens[end].text != ")":
        return ()
    short = tokens[start - 2].text
    return (short,) if _is_acronym(short) and acronym_fits(short, name) else ()


def _chunk_name(analysis: Analysis, chunk: Chunk) -> tuple[int, str, tuple[str, ...]]:
    """A chunk's name without its "(ACRONYM)", and the alias with the acronym in place of its words.

    A parenthesis that is no short form of the words before it ends the name there.
    """
    acronym = chunk.acronym or _bracketed(analysis, chunk.start, chunk.end)
    if acronym is None:
        return chunk.end, _clean(analysis.words(chunk.start, chunk.end)), ()
    inner_start, inner_end = acronym
    if analysis.words(inner_start, inner_end) in LEGAL_FORMS:  # "PT X (Persero)": no short name
        return chunk.end, _clean(analysis.words(chunk.start, chunk.end)), ()
    before = _clean(analysis.words(chunk.start, inner_start - 1))
    inner = _clean(analysis.words(inner_start, inner_end))
    if not _short_form_of(inner, before) or len(inner.split()) > 2:
        return inner_start - 1, before, ()
    tail = _clean(analysis.words(inner_end + 1, chunk.end)) if inner_end + 1 < chunk.end else ""
    short = _short_form(before, inner)
    if not tail:
        return chunk.end, before, (short,)
    return chunk.end, f"{before} {tail}", (f"{short} {tail}",)


#: a company's legal form, written in parentheses after its name: part of the name, no alias
LEGAL_FORMS = frozenset({"Persero", "Perseroda", "Tbk", "Perum", "Perumda"})
INNER_SHORT = re.compile(r" \(([A-Z]{2,6})\)")


def _inner_short_form(name: str) -> tuple[str, list[str]] | None:
    """An office's short form inside its name: "BPJS Ketenagakerjaan Kantor Cabang Perintis (KCP)
    Maumere" is named without it, and with it in place of the words it stands for."""
    inner = INNER_SHORT.search(name)
    if inner is None:
        return None
    acronym, before, after = inner.group(1), name[: inner.start()], name[inner.end() :]
    short = _in_place_of(before, acronym)
    return before + after, [short + after] if short else []


def _bracketed(analysis: Analysis, start: int, end: int) -> tuple[int, int] | None:
    """A short form in brackets inside a chunk that a region's mention took in ("Dewan Pengupahan
    Kota (DPK) Batam": the region matcher reads "Kota (DPK) Batam")."""
    tokens = analysis.tokens
    for position in range(start + 1, end - 2):
        if tokens[position].text == "(":
            close = next(
                (c for c in range(position + 2, min(end, position + 5)) if tokens[c].text == ")"), None
            )
            return (position + 1, close) if close is not None else None
    return None


def _short_form_of(inner: str, name: str) -> bool:
    """Whether bracketed words are a short form of the name before them: its acronym, capitals,
    or one word of the name's first letter ("Asosiasi ... Indonesia (Akumindo)")."""
    if acronym_fits(inner, name) or _is_acronym(inner.replace(" ", "")):
        return True
    if " " in inner:
        return False
    # "Akumindo" for "Asosiasi ...", "Pokdarwis" for "Kelompok Sadar Wisata": a word made of the
    # name's syllables
    syllabic = len(inner) >= 5 and is_subsequence(inner.lower(), _letters(name))
    return inner[:1].upper() == name[:1].upper() or syllabic


def _short_form(name: str, acronym: str) -> str:
    """The name's short form: its acronym alone, or with the words the acronym leaves out:
    "Sinode Gereja Kristen Sulawesi Tengah (GKST)" is "Sinode GKST" for short."""
    return _in_place_of(name, acronym) or acronym


def _in_place_of(name: str, acronym: str) -> str | None:
    """The name with its acronym in place of its last words, when the acronym is their initials
    and leaves some words out ("BPJS Ketenagakerjaan Kantor Cabang Perintis", "KCP")."""
    words = name.split()
    for kept in range(1, len(words) - 1):
        if "".join(w[0] for w in words[kept:]).upper() == acronym.upper():
            return " ".join([*words[:kept], acronym])
    return None


def _excluded(match: OrgMatch) -> bool:
    normal = " ".join(match.name.lower().split())
    exclusions = words("org_exclusions.txt")
    prefixes = tuple(e[:-1] for e in exclusions if e.endswith("*"))
    return normal in exclusions or normal.startswith(GOVERNMENT_WORDS) or normal.startswith(prefixes)


@cache
def _quoted_brand() -> re.Pattern[str]:
    """A business named in quotes after a word for it (kg/data/business_words.txt)."""
    business = alternation(list(words("business_words.txt")))
    word = r"[A-Z0-9&][\w'’&.-]*"
    return re.compile(
        rf"(?<![\w-])(?i:{business})(?: [a-z]+){{0,3}} [\"“”](?P<name>{word}(?: {word}){{0,5}})[\"“”]"
    )


def _quoted_brands(doc: Document) -> list[OrgMatch]:
    """'pemilik toko roti "Roti Kembang Tanjung"': a brand in quotes is the business's name."""
    if not any(quote in doc.text for quote in ('"', "“", "”")):
        return []
    return [
        OrgMatch(m.start("name"), m.end("name"), m.group("name"), (), None, None, "brand")
        for m in _quoted_brand().finditer(doc.text)
    ]


def _described_businesses(doc: Document) -> list[OrgMatch]:
    """A business no head word begins, set off by a comma before the words for what it is:
    "penghargaan jatuh kepada Sorong Petro Nusantara, perusahaan jasa migas yang ..."."""
    analysis = _names(doc).analysis
    found = []
    for start, end in _names(doc).described():
        first, last = analysis.chars(start, end)
        found.append(OrgMatch(first, last, analysis.words(start, end), (), None, None, "company"))
    return found


def find_orgs(doc: Document) -> list[OrgMatch]:
    """Non-overlapping organisation names, longest first."""
    candidates = sorted(
        (
            m
            for m in _known_orgs(doc) + _headed_orgs(doc) + _quoted_brands(doc) + _described_businesses(doc)
            if doc.in_one_sentence(m.start, m.end)
        ),
        key=lambda m: (-(m.end - m.start), m.start),
    )
    starts: list[int] = []  # the chosen names' starts and ends, both ascending: the names never overlap
    ends: list[int] = []
    chosen: list[OrgMatch] = []
    for match in candidates:
        if _excluded(match):
            continue
        before = bisect_left(starts, match.end)  # chosen names that start before this one ends
        if before and ends[before - 1] > match.start:
            continue
        starts.insert(before, match.start)
        ends.insert(before, match.end)
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def orgs(doc: Document) -> list[OrgMatch]:
    """The memoised organisation matches of a document."""
    return doc.memo("orgs", find_orgs)


def orgs_in(doc: Document, start: int, end: int) -> Sequence[OrgMatch]:
    """The organisation matches that start in [start, end), in text order."""
    return doc.positions("orgs", orgs, lambda m: m.start).starting_in(start, end)


def org_at(doc: Document, offset: int) -> OrgMatch | None:
    """The organisation whose name starts at an offset (after spaces), if any."""
    offset = skip_spaces(doc.text, offset)
    found = orgs_in(doc, offset, offset + 1)
    return found[0] if found else None


class OrganizationExtractor:
    """Named organisations: agencies, ministries, offices, companies, BPJS."""

    name: ClassVar[str] = "organizations"
    produces: ClassVar[tuple[type[Fact], ...]] = (OrganizationFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        titles = Spans(title_spans(doc))
        return [
            OrganizationFact(
                name=match.name,
                aliases=match.aliases,
                evidence=doc.evidence(match.start, match.end),
                rule=f"organization.{match.kind}",
                confidence=0.9 if match.kind == "known" else 0.75,
            )
            for match in _councils_for_committees(orgs(doc))
            # "UU 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial": words of the law's subject,
            # not a body the article speaks of (named elsewhere, it is a fact from there); a body the
            # lexicon knows ("... Program BPJS Ketenagakerjaan") is named all the same
            if (match.kind == "known" or not titles.holds(match.start)) and not _a_kind_of_village_body(match)
        ]


#: a council's committee, numbered or lettered ("Komisi III", "Pansus II", "Komisi D"): its members'
#: roles name it (a standing body of the council, "Badan Anggaran", "Bapemperda", is an
#: organisation of its own, and so is a named commission, "Komisi PSE Keuskupan Maumere")
COMMITTEE = re.compile(r"(?:Komisi|Pansus|Panitia Khusus|Panitia Kerja|Panja) +(?:[IVX]+|[A-E]|\d+)\b")


@cache
def _council_head() -> re.Pattern[str]:
    heads = [row["head"] for row in rows("org_heads.csv") if row["kind"] == "council"]
    return re.compile(rf"(?<![\w-])(?:{alternation(heads)})(?![\w-])")


def council_of(match: OrgMatch) -> OrgMatch | None:
    """The council a committee's name ends with ("Komisi IV DPRD Kaltim" -> "DPRD Kaltim"), if any."""
    if match.kind != "commission":
        return None
    council = _council_head().search(match.name)
    if council is None or council.start() == 0:
        return None
    cut = council.start()
    aliases = tuple(a[cut:] for a in match.aliases if a[:cut] == match.name[:cut])
    return replace(match, start=match.start + cut, name=match.name[cut:], aliases=aliases, kind="council")


def _councils_for_committees(matches: Sequence[OrgMatch]) -> list[OrgMatch]:
    """A council's committee ("Komisi III DPRD Kabupaten X", "Pansus II DPRD Y") is part of the
    council, not a body of its own: the council is the organisation, the committee goes into its
    members' roles (kg/extract/persons.py). A committee named without its council ("Komisi III",
    "Komisi III Nama" before its head's name) names none."""
    found: list[OrgMatch] = []
    for match in matches:
        if match.kind != "commission" or not COMMITTEE.match(match.name):
            found.append(match)  # a standing body ("Bapemperda DPRD X"), a church's commission
            continue
        council = council_of(match)
        if council is not None:
            found.append(council)
    return found


VILLAGE_WORDS = frozenset({"Desa", "Kampung", "Kelurahan", "Nagari", "Gampong", "Pekon"})
VILLAGE_BODY_HEADS = frozenset({"Badan", "Lembaga", "Majelis"})


def _a_kind_of_village_body(match: OrgMatch) -> bool:
    """ "Badan Permusyawaratan Desa", "Badan Musyawarah Kampung": a kind of body every village has,
    named without its village, is no organisation of its own; "BPD Desa Sukamaju" is one, and so
    is a regency's agency for villages ("Dinas Pemberdayaan Masyarakat dan Desa")."""
    words_ = match.name.split()
    return words_[0] in VILLAGE_BODY_HEADS and words_[-1] in VILLAGE_WORDS
