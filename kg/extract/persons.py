"""Persons with the positions the text gives them.

A title from kg/data/titles.csv (with an acting prefix from acting_prefixes.csv)
introduces a person: "Wali Kota Madiun, Dr. Maidi", "Deputi Direktur BPJS
Ketenagakerjaan Wilayah Jatim Deny Yusyulian", and the inverse "Ike Yessica
Kusumawati, Kabid Tenaga Kerja Dinas ...". Honorifics (honorifics.txt) are dropped;
a parenthesised second name is an alias ("Ika Puspitasari (Ning Ita)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from kg.analysis.appositions import appositions
from kg.analysis.document import Analysis
from kg.analysis.names import Names
from kg.analysis.structure import cues
from kg.analysis.tagger import TaggedName, tag, unread_stretches
from kg.extract.base import Document, Spans, alternation, skip_spaces
from kg.extract.organizations import OrgMatch, continue_name, council_of, office_area_pattern, org_at, orgs
from kg.extract.regions import RegionMatch, counted_codes, region_at, region_covering, regions_in, sole_region
from kg.gazetteer import Gazetteer
from kg.lexicon import rows, words
from kg.model import Fact, OrganizationFact, PersonFact, Ref

# a name word, an initial ("M."), or a bare initial before another name word or a comma ("Nanda S,")
NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’`]+(?:-[A-Z]?[a-zà-ÿ]+)?|[A-Z]\.|[A-Z](?= +[A-Z][a-z]|,))"
SECRETARIAT = (
    r"(?:Sekdaprov|Setdaprov|Setdakab|Setdakot|Setda|Sekda"
    r"|Sekretariat +Daerah(?: +Provinsi| +Kabupaten| +Kota)?)"
)


@cache
def name_token() -> str:
    """A word of a person's name, abbreviated given names (name_abbreviations.txt) first."""
    abbreviated = alternation(list(words("name_abbreviations.txt")))
    return rf"(?:(?:{abbreviated})(?= )|{NAME_WORD})"


# academic degrees after a name (", M.K.M."), a capitalised word after them, an alias in parentheses
DEGREES = re.compile(r", *(?:[A-Z][A-Za-z]{0,3}\.(?:[A-Z][A-Za-z]{0,3}\.?)* *,? *)+")
NEXT_WORD = re.compile(r" *[A-Z][a-z]{3,}")
ALIAS = re.compile(r" *\((?P<alias>[A-Z][\w'’]+(?: +[A-Z][\w'’]+){0,3})\)")
PARENTHESIS = re.compile(r" *\([^()\n]{1,40}\)")
COMMA = re.compile(r"[ \t]*,[ \t]*")
SHORT_FORM = re.compile(r"[ \t]*\([A-Z][\w.-]{1,15}\)")
SECRETARIAT_STOP = re.compile(
    rf" {SECRETARIAT}\b|, | (?=\()| (?=[A-Z][a-z]+ +[A-Z][a-z]+ *(?:,(?! *[A-Z])|$))"
)
SECRETARIAT_AFTER = re.compile(rf" *{SECRETARIAT}")
UNIT_PLACE = r"[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
UNIT_THEN_HOLDER = re.compile(
    rf"{UNIT_PLACE}(?:[ \t]*,[ \t]*(?:Kecamatan|Distrik){UNIT_PLACE})?[ \t]*,[ \t]*"
)
JOINED = re.compile(r"[ \t]+(?:dan|&)[ \t]+")
AGE = re.compile(r"[ \t]*\((?:[1-9]\d?|1[01]\d)(?:[ \t]*(?:tahun|th\.?))?\)")  # "Sarmadi (52), nelayan ..."
TOKEN = re.compile(r"\S+")
LEADING = re.compile(r"[ ,]*")
NAME_FIRST = re.compile(r"[A-Z][a-z]+")
#: the words for a village or a district before its name
PLACE_UNITS = frozenset(
    {"Desa", "Kelurahan", "Kecamatan", "Kampung", "Nagari", "Gampong", "Distrik", "Pekon", "Nagori"}
)
PLACE_NAMED = re.compile(rf"\b(?:{'|'.join(sorted(PLACE_UNITS))})[ \t]+(?P<place>[A-Z][a-z]+)\b")
#: the least marginal probability a tagged name needs: where, over five folds of the annotated articles
#: (tools/train_tagger.py --cross-validate), the names it adds to the rules' stop being mostly wrong
TAGGER_MIN = 0.98
#: words between a tagged role and the name after it: the organisation ("Ketua Tim DPRD Maluku, X")
ROLE_GAP = 8
ROLE_MARKS = frozenset({",", "(", "/"})  # what may stand between a tagged role and its holder


@dataclass(frozen=True)
class Title:
    written: str
    role: str
    org_mode: str
    org: str
    level: str


@cache
def _titles() -> dict[str, Title]:
    """Titles as written; a deputy's may start in lower case ("wakil Bupati Sleman")."""
    titles = {}
    for row in rows("titles.csv"):
        title = Title(row["title"], row["role"], row["org_mode"], row["org"], row["level"])
        titles[row["title"]] = title
        if row["title"].startswith("Wakil "):
            titles["w" + row["title"][1:]] = title
    return titles


@cache
def _acting() -> dict[str, str]:
    return {row["prefix"]: row["normalised"] for row in rows("acting_prefixes.csv")}


@cache
def _title_pattern() -> re.Pattern[str]:
    acting = alternation(list(_acting()))
    return re.compile(
        rf"(?<![\w-])(?:(?P<acting>{acting})(?: *\([A-Z][A-Za-z.]{{1,5}}\))? +)?"
        rf"(?P<title>{alternation(list(_titles()))})(?![a-z])"
    )


@cache
def _honorific_pattern() -> re.Pattern[str]:
    forms = alternation([h.replace(".", "") for h in words("honorifics.txt")] + list(words("honorifics.txt")))
    return re.compile(rf"(?:(?:{forms})\.?,? +)+")


@cache
def _not_name_words() -> frozenset[str]:
    """Capitalised words that never start or continue a person's name.

    Title words, acting prefixes and the words that begin organisations' names among
    them: "M. Jaelani Plt. Kepala ..." is a name followed by the next person's acting
    title, and "Kepala Kejaksaan Negeri Budi" has no person called "Kejaksaan".
    """
    title_words = {w for t in _titles() for w in t.split()}
    acting_words = {w.rstrip(".") for prefix in _acting() for w in prefix.split()}
    org_words = {w for row in rows("org_heads.csv") for w in row["head"].rstrip(".").split()}
    return frozenset(title_words | acting_words | org_words | words("non_name_words.txt"))


@cache
def _name_pattern() -> re.Pattern[str]:
    return re.compile(rf"{name_token()}(?:[ \t]+{name_token()}){{0,5}}")


@dataclass(frozen=True)
class PersonMatch:
    start: int
    end: int
    name: str
    aliases: tuple[str, ...]
    role: str | None
    org: Ref | None
    org_match: OrgMatch | None
    rule: str


def names(doc: Document) -> Names:
    """The name chunkers over the document's shared analysis."""
    return doc.names()


def analysis_of(doc: Document) -> Analysis:
    return doc.analysis()


def read_name(doc: Document, pos: int) -> tuple[int, int, str] | None:
    """A person's name starting at `pos` (commas, spaces and honorifics skipped): (start, end, name)."""
    text = doc.text
    leading = LEADING.match(text, pos, doc.line_of(pos)[1])
    pos = leading.end() if leading else pos
    analysis = analysis_of(doc)
    index, _ = analysis.tokens_between(pos, pos + 1)
    if index and index <= len(analysis.tokens) and analysis.tokens[index - 1].end > pos:
        return _name_in_token(doc, analysis, index - 1, pos)
    if index >= len(analysis.tokens) or analysis.tokens[index].start != pos:
        return None
    chunk = names(doc).person(index)
    if chunk is None:
        return None
    start, end = analysis.chars(chunk.start, chunk.end)
    return start, end, chunk.name


def _name_in_token(doc: Document, analysis: Analysis, index: int, pos: int) -> tuple[int, int, str] | None:
    """A name that begins inside a token, glued to the title before it ("Menko PMKMuhadjir Effendi")."""
    token = analysis.tokens[index]
    first = doc.text[pos : token.end]
    if not NAME_FIRST.fullmatch(first):
        return None
    rest = names(doc).person(index + 1) if index + 1 < len(analysis.tokens) else None
    if rest is None or rest.start != index + 1:
        return pos, token.end, first
    end = analysis.chars(rest.start, rest.end)[1]
    return pos, end, f"{first} {rest.name}"


def _is_place(doc: Document, start: int, end: int) -> bool:
    """Whether a would-be name is a region mention ("Kantor Gubernur Jawa Timur, Surabaya"), the
    place of the dateline ("LUBUK BASUNG - ..." then "Kantor Bupati Agam, Lubuk Basung"), or names
    a street or building after a person ("Jalan Sam Ratulangi", "Bandara Frans Seda")."""
    match = region_covering(doc, start)
    if match is not None and end <= match.span.end:
        return True
    place = _dateline_place(doc)
    if place and not doc.in_dateline(start) and " ".join(doc.text[start:end].split()).casefold() == place:
        return True
    before = _named_place_before().search(doc.text, max(0, start - 25), start)
    return bool(_named_place().match(doc.text, start) or before)


def _dateline_place(doc: Document) -> str:
    """The dateline's place as a comparable string ("lubuk basung"), read once per article."""

    def read(d: Document) -> str:
        dateline = d.article.dateline
        return " ".join(d.text[dateline[0] : dateline[1]].split()).casefold() if dateline else ""

    return doc.memo("dateline place", read)


@cache
def _named_place_words() -> str:
    return alternation(sorted(words("named_place_words.txt"), key=len, reverse=True))


@cache
def _named_place() -> re.Pattern[str]:
    return re.compile(rf"(?:{_named_place_words()}) ")


@cache
def _named_place_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.-])(?:{_named_place_words()})[ \t]+$")


def _only_honorifics(gap: str) -> bool:
    """Whether the text between a title and a name is only commas, spaces and honorifics.

    "Wali Kota Madiun, Dr. Maidi": the honorific belongs to the name, which `read_name`
    skips; anything else in between (a line break, other words) means the name is not
    the title holder's.
    """
    rest = HONORIS_CAUSA.sub("", gap).lstrip(" ,")
    if "\n" in gap:
        return False
    honorifics = _honorific_pattern().match(rest)
    return not rest or bool(honorifics and honorifics.end() == len(rest))


def _after_name(doc: Document, end: int) -> tuple[int, tuple[str, ...]]:
    """Skip academic suffixes (", M.K.M.") and read a parenthesised alias after a name."""
    text = doc.text
    suffix = DEGREES.match(text, end)
    if suffix and not NEXT_WORD.match(text, suffix.end()):
        end = suffix.end()
    alias = ALIAS.match(text, end)
    if alias and alias.group("alias") not in _not_name_words():
        return alias.end(), (alias.group("alias").replace("’", "'"),)
    return end, ()


def _region_following(doc: Document, pos: int, level: str) -> RegionMatch | None:
    """A region named right after a title (after spaces), of the title's level when it has one."""
    match = region_at(doc, skip_spaces(doc.text, pos))
    if match is None or match.code is None:
        return match
    if not level or Gazetteer.load().get(match.code).level == level:
        return match
    return None


def _of_level(match: RegionMatch, level: str) -> str | None:
    """The one unit of a title's level a shared bare name can be: "Sekkot Blitar" is Kota Blitar."""
    if not level:
        return None
    fitting = [c for c in match.span.candidates if Gazetteer.load().get(c).level == level]
    return fitting[0] if len(fitting) == 1 else None


def _own_region(doc: Document, role: str) -> str | None:
    """The region of a secretariat post written without its place, in an article about one
    place: the province for a governor's staff, the regency or city for a bupati's or wali
    kota's, and for a Sekda only when the article names no place below its province."""
    code = sole_region(doc)
    if code is None:
        return None
    region = Gazetteer.load().get(code)
    if "Gubernur" in role:
        return code if region.level == "provinsi" else region.province_code
    if "Bupati" in role or "Wali Kota" in role:
        return code if region.level != "provinsi" else None
    return code if region.level == "provinsi" else None


def _region_in_sentence(doc: Document, pos: int, level: str) -> str | None:
    """The region of a title's level named last before it in its sentence ("Pemprov Sulut di bawah
    kepemimpinan Gubernur Olly Dondokambey"): whose office a title without a place is."""
    sentence = doc.article.sentence_at(pos)
    found = [
        m.code
        for m in regions_in(doc, sentence.start, pos)
        if m.code and not m.in_org_name and Gazetteer.load().get(m.code).level == level
    ]
    return found[-1] if found else None


def _unique_region_of_level(doc: Document, level: str) -> str | None:
    fitting = [c for c in counted_codes(doc) if Gazetteer.load().get(c).level == level]
    return fitting[0] if len(fitting) == 1 else None


def _skip_paren(doc: Document, pos: int) -> int:
    paren = PARENTHESIS.match(doc.text, pos)
    return paren.end() if paren else pos


def _skip_province(doc: Document, pos: int) -> int:
    """Skip the province named in apposition: "Bupati Lombok Timur, Provinsi NTB (NTB) Haerul"."""
    comma = COMMA.match(doc.text, pos)
    province = _region_following(doc, comma.end(), "provinsi") if comma else None
    if province and province.span.cue == "provinsi":
        return _skip_paren(doc, province.span.end)
    return pos


HONORIS_CAUSA = re.compile(r"\((?:H\.? *C\.?|Hon\.?)\) *")  # "Dr. (H.C.)": an honorary degree
COUNTRY = re.compile(r"[ \t]+(?:Republik +Indonesia|RI)(?![\w-])")


def _skip_country(doc: Document, pos: int) -> int:
    """Skip the country after a national title: "Wakil Presiden Republik Indonesia, K.H. Ma'ruf Amin"."""
    country = COUNTRY.match(doc.text, pos)
    return country.end() if country else pos


def _skip_location(doc: Document, pos: int) -> int:
    """Skip a place set off by commas before the holder.

    "Kepala BPJS Ketenagakerjaan Cabang Meulaboh, Kabupaten Aceh Barat, Husaini": Husaini
    holds the office; the kabupaten only says where it is.
    """
    comma = COMMA.match(doc.text, pos)
    place = region_at(doc, comma.end()) if comma else None
    if place is None or place.span.cue is None:
        return pos
    after = COMMA.match(doc.text, place.span.end)
    if after and read_name(doc, after.end()) is not None:
        return after.end()
    return pos


def _skip_short_form(doc: Document, pos: int) -> int:
    """Skip the title's own short form in parentheses: "Sekretaris Daerah (Sekda) Provinsi Jambi"."""
    short = SHORT_FORM.match(doc.text, pos)
    return short.end() if short else pos


FIELD = r"[A-Z]\w+(?: +[A-Z]\w+)*"
FIELD_LIST = re.compile(rf"\b[Bb]idang +{FIELD}(?:, +{FIELD})+,? +(?:dan|&) +[A-Z]\w+")


def _role_words(doc: Document, pos: int, stop: re.Pattern[str]) -> tuple[int, str]:
    """Words of a role's sub-unit ("Bidang Tenaga Kerja") up to where `stop` matches.

    A list of fields ("Bidang Hukum, Politik, dan Pemerintahan") is one sub-unit: its
    commas do not end the role.
    """
    text, line_end = doc.text, doc.line_of(pos)[1]
    found = stop.search(text, pos, line_end)
    fields = FIELD_LIST.search(text, pos, line_end)
    if found and fields and fields.start() <= found.end() and found.start() < fields.end():
        found = stop.search(text, fields.end(), line_end)
    end = found.start() if found else pos
    run = _field_run(doc, pos, line_end)
    if run > pos and (found is None or run < found.start()) and read_name(doc, run) is not None:
        end = run  # "Asisten I Pemerintahan dan Kesra Ardiansyah": the field's words, then the holder
    elif run > pos and found is None and re.match(r"[ \t]*(?:[.,;]|$)", text[run:line_end]):
        end = run  # "selaku Kepala Bidang Hubungan Industrial dan Jaminan Sosial.": the fields end the clause
    return end, " ".join(text[pos:end].split()).strip(" ,")


FIELD_WORD = re.compile(r"[ \t]+([\w-]+)")


def _field_run(doc: Document, pos: int, limit: int) -> int:
    """The end of a run of field words (kg/data/role_fields.txt, with dan/&) from `pos`."""
    fields, end = words("role_fields.txt"), pos
    while (word := FIELD_WORD.match(doc.text, end, limit)) and (
        word.group(1) in fields or word.group(1) in ("dan", "&")
    ):
        end = word.end()
    while end > pos and doc.text[:end].rsplit(None, 1)[-1] in ("dan", "&"):
        end = pos + len(doc.text[pos:end].rsplit(None, 1)[0])
    return end


@cache
def _expansions() -> dict[str, str]:
    return {row["short"]: row["long"] for row in rows("role_words.csv")}


def _expand(role: str) -> str:
    return " ".join(_expansions().get(word, word) for word in role.split())


def _article_places(doc: Document) -> frozenset[str]:
    """The names the article gives villages and districts ("Desa Sukamaju", "Kecamatan Cibinong")."""

    def find(d: Document) -> frozenset[str]:
        places = {m.group("place") for m in PLACE_NAMED.finditer(d.text)}
        return frozenset(places - PLACE_UNITS)  # "Desa Kampung Padang": "Kampung" is no place

    return doc.memo("village and district names", find)


def _past_known_place(doc: Document, pos: int) -> int:
    """Past a place name right after a village or district title when the article names that place
    elsewhere and a name follows it ("Camat Sukamaju Ade Jaya", with "Desa Sukamaju" before)."""
    word = NAME_FIRST.match(doc.text, skip_spaces(doc.text, pos))
    if word is None or word.group() not in _article_places(doc):
        return pos
    name = read_name(doc, skip_spaces(doc.text, word.end()))
    return word.end() if name else pos


def _parse_after_title(doc: Document, title: Title, pos: int) -> tuple[int, str, Ref | None, OrgMatch | None]:
    """Read what follows a title: the organisation or region whose position it is."""
    role, text = title.role, doc.text
    pos = _skip_short_form(doc, pos)
    if title.org_mode == "region":
        region = _region_following(doc, pos, title.level)
        if region:
            code = region.code or _of_level(region, title.level)
            ref = Ref("region", code) if code else None
            return _skip_province(doc, _skip_paren(doc, region.span.end)), role, ref, None
        if title.level:
            code = _region_in_sentence(doc, pos, title.level) or _unique_region_of_level(doc, title.level)
        else:  # "Sekretaris Daerah Nuryakin": a post of either level, in an article about one place
            code = _own_region(doc, role)
        return pos, role, Ref("region", code) if code else None, None
    if title.org_mode == "fixed":
        return pos, role, Ref("organization", title.org), None
    if role.endswith("Wilayah") and title.org_mode == "org":
        area = _office_area_after(doc, pos)
        if area is not None:  # "Deputi Direktur Wilayah Sulawesi dan Maluku Arief Budiarto"
            return area[0], f"{role} {area[1]}", None, None
    if title.org_mode == "none":
        return pos, role, None, None
    if title.org_mode == "place":
        unit = UNIT_THEN_HOLDER.match(text, pos, doc.line_of(pos)[1])
        if unit and read_name(doc, unit.end()):
            return unit.end(), role, None, None
        return _past_known_place(doc, pos), role, None, None
    if title.org_mode == "secretariat":
        end, sub = _role_words(doc, pos, SECRETARIAT_STOP)
        secretariat = SECRETARIAT_AFTER.match(text, end)
        region_match = None
        for match in regions_in(doc, pos, end):
            if match.code:
                region_match = match
        role = _expand(f"{role} {sub}".strip())
        if region_match:
            span = region_match.span
            if span.cue and span.cue.title() in _titles():  # "Staf Ahli Gubernur Bali": keeps "Gubernur"
                span_text = text[span.name_start : span.name_end]
            else:
                span_text = text[span.start : span.end]
            role = " ".join(role.replace(span_text, " ").split())
            return end, role, Ref("region", region_match.code or ""), None
        own = _own_region(doc, role)  # "Staf Ahli Gubernur ... Suhaemi" in an article about one province
        if secretariat:
            after = _region_following(doc, secretariat.end(), "")
            if after and after.code:
                return after.span.end, role, Ref("region", after.code), None
            return secretariat.end(), role, Ref("region", own) if own else None, None
        return end, role, Ref("region", own) if own else None, None
    if title.org_mode == "subunit":
        end, sub = _role_words(doc, pos, _subunit_stop())
        role = _expand(f"{role} {sub}".strip())
        pos = end
    if title.org_mode in ("fixed_prefix", "org_keep"):
        start = pos - len(title.org) - 1 if title.org_mode == "org_keep" else pos
        org = _org_from(doc, start, title.org if title.org_mode == "fixed_prefix" else "")
        if org:
            return org.end, role, Ref("organization", org.name), org
        return pos, role, None, None
    org = org_at(doc, pos) or _alias_at(doc, pos)
    if org:
        body, council = _body_of_council(org)
        if council is not None:  # "Ketua Komisi IV DPRD Kaltim": the commission is part of the post
            return _skip_paren(doc, org.end), f"{role} {body}", Ref("organization", council.name), council
        return _skip_paren(doc, org.end), role, Ref("organization", org.name), org
    return pos, role, None, None


def _alias_at(doc: Document, pos: int) -> OrgMatch | None:
    """An organisation written at `pos` by a short form the article defined for it ("Ikatan Pedagang
    Pasar Tradisional (IPPT) Pekanbaru" ... "Ketua IPPT Pekanbaru, Nama"): that organisation."""
    start = skip_spaces(doc.text, pos)
    for org in orgs(doc):
        for alias in sorted(org.aliases, key=len, reverse=True):
            end = start + len(alias)
            if doc.text.startswith(alias, start) and not doc.text[end : end + 1].isalnum():
                return OrgMatch(start, end, org.name, org.aliases, org.base, org.place, org.kind)
            placed = _short_form_with_its_place(doc, start, alias)
            if placed is not None:
                return OrgMatch(start, placed, org.name, org.aliases, org.base, org.place, org.kind)
    return None


def _short_form_with_its_place(doc: Document, start: int, alias: str) -> int | None:
    """Where a short form written with its region another way ends: "Gapensi Cilegon" for the
    defined "Gapensi Kota Cilegon" (the same region, named bare or with its level)."""
    short, _, place = alias.partition(" ")
    places = Gazetteer.load().lookup(place) if place else ()
    if len(places) != 1 or not doc.text.startswith(short + " ", start):
        return None
    region = region_at(doc, start + len(short) + 1)
    if region is None or region.span.start != start + len(short) + 1 or region.code != places[0].code:
        return None
    return region.span.end


def _body_of_council(org: OrgMatch) -> tuple[str, OrgMatch | None]:
    """A commission or committee of a council ("Komisi IV DPRD Kaltim", "Pansus II DPRD Berau"):
    its own words, and the council as an organisation of its own."""
    council = council_of(org)
    if council is None:
        return org.name, None
    return org.name[: council.start - org.start].strip(), council


def _office_area_after(doc: Document, pos: int) -> tuple[int, str] | None:
    """The area a regional office is named after, right after its title: one of BPJS's areas
    (kg/data/office_areas.txt) or a bare region name: (its end, as written)."""
    start = skip_spaces(doc.text, pos)
    area = office_area_pattern().match(doc.text, start, doc.line_of(start)[1])
    if area is not None:
        return area.end(), area.group(0)
    region = region_at(doc, start)
    if region is not None and region.span.cue is None and region.span.start == start:
        return region.span.end, doc.text[start : region.span.end]
    return None


@cache
def _subunit_stop() -> re.Pattern[str]:
    """Where a sub-unit's words end: before an organisation's first word, or at a comma."""
    return re.compile(rf" (?={'|'.join(_org_starts())})|, ")


@cache
def _org_starts() -> tuple[str, ...]:
    heads = [re.escape(row["head"]) for row in rows("org_heads.csv")]
    known = [re.escape(row["name"].split()[0]) for row in rows("organizations.csv")]
    return tuple(sorted(set(heads + known), key=len, reverse=True))


def _org_from(doc: Document, pos: int, prefix: str) -> OrgMatch | None:
    """The organisation a contracted title names: "Kadisnaker Sumut" -> "Disnaker Sumut"."""
    if not prefix:
        return org_at(doc, pos)
    text = doc.text
    written = pos - len(prefix)
    if written >= 0 and text[written:pos] == prefix:
        whole = org_at(
            doc, written
        )  # "Kepala Dinas Tenaga Kerja (Disnaker) Kabupaten Bogor": the org is written out
        if whole and whole.end > pos:
            return whole
    end = continue_name(doc, pos, prefix in ("Kodim", "Korem"), doc.line_of(pos)[1])
    if end == pos:
        end = _place_of_unit(doc, pos)  # "Kapolres Labuhanbatu": the unit's place ends its name
    name = " ".join(f"{prefix} {text[pos:end]}".split()).strip(" ,")
    return OrgMatch(pos, end, name, (), None, None, "title") if name else None


PLACE_WORDS = re.compile(r"[ \t]*([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2})")


def _place_of_unit(doc: Document, pos: int) -> int:
    """Where a place written right after a contracted title ends, when the gazetteer knows it
    ("Kapolres Labuhanbatu AKBP ...", "Kajari Bireuen"): the longest run of up to three capitalised
    words that names a region. A police or military unit's place is no region mention of its own."""
    found = PLACE_WORDS.match(doc.text, pos)
    if found is None:
        return pos
    spans = [
        (found.start(1) + w.start(), found.start(1) + w.end()) for w in re.finditer(r"\S+", found.group(1))
    ]
    for count in range(len(spans), 0, -1):
        if Gazetteer.load().lookup(" ".join(doc.text[a:b] for a, b in spans[:count])):
            return spans[count - 1][1]
    # no region, but the holder's rank follows the place: "Kapolresta Barelang Kombes Pol Nama"
    ranks = words("honorifics.txt")
    ranked = next((k for k in range(1, len(spans)) if doc.text[slice(*spans[k])].rstrip(".") in ranks), None)
    return spans[ranked - 1][1] if ranked is not None else pos


@cache
def _venue_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(list(words('venue_words.txt')))})[ \t]+$")


def _names_a_venue(doc: Document, start: int, end: int) -> bool:
    """Whether a bare title is part of a building's name: "di Pendopo Bupati, Cibinong" names a place.

    Only a title with nothing of its own after it: in "Rumah Dinas Wali Kota Mojokerto
    Ika Puspitasari" the office holder is named.
    """
    bare = COMMA.match(doc.text, end)
    return bool(bare and _venue_pattern().search(doc.text, max(0, start - 30), start))


def _titled_persons(doc: Document) -> list[PersonMatch]:
    """Persons after a title; a title inside an earlier one's phrase is part of that one.

    "Asisten Pemerintahan Sekdaprov Jatim Benny" names an Asisten, not a Sekda.
    """
    found: list[PersonMatch] = []
    named = Spans((o.start + 1, o.end) for o in orgs(doc))  # inside a name, past its first letter
    for match in _title_pattern().finditer(doc.text):
        if found and found[-1].start < match.start() < found[-1].end:
            continue
        if _names_a_venue(doc, match.start(), match.end()):
            continue
        if named.holds(match.start()):
            continue  # "Dewan Perwakilan Rakyat Daerah": a title's word inside a body's name
        title = _titles()[match.group("title")]
        if title.org_mode == "place" and _held_by_the_name_before(doc, match.start()):
            continue  # "Maria Wuring selaku Camat Nita": Nita is her district, not a second person
        end, role, ref, org = _parse_after_title(doc, title, match.end())
        acting = match.group("acting")
        if acting:
            role = f"{_acting()[acting]} {role}"
        end = _skip_location(doc, _skip_country(doc, _skip_paren(doc, end)))
        name = read_name(doc, end)
        if not name or not _only_honorifics(doc.text[end : name[0]]) or _is_place(doc, name[0], name[1]):
            continue
        if org is None and ref is None and title.org_mode in ORG_MODES:
            unlisted = _unlisted_org_then_holder(doc, name)
            if unlisted is not None:
                org, name = unlisted
                ref = Ref("organization", org.name)
        name, partner = _ticket_pair(doc, name)
        after, aliases = _after_name(doc, name[1])
        found.append(PersonMatch(match.start(), after, name[2], aliases, role, ref, org, "person.title"))
        if partner:
            found.append(PersonMatch(partner[0], partner[1], partner[2], (), None, None, None, "person.pair"))
    return found


def _held_by_the_name_before(doc: Document, start: int) -> bool:
    """Whether an apposition link ("selaku", "sebagai", "yang menjabat") stands right before a title."""
    before = doc.text[max(0, start - 40) : start].split()
    tail = " ".join(before[-3:]).casefold()
    return any(tail.endswith(link) for link in _apposition_links())


@cache
def _connectives() -> frozenset[str]:
    return frozenset(words[0] for words in cues().phrases["clause_break"] if len(words) == 1)


@cache
def _apposition_links() -> tuple[str, ...]:
    return tuple(" ".join(words) for words in cues().phrases["apposition_link"])


Span = tuple[int, int, str]
#: the org modes of titles whose organisation is written after them ("Ketua <org>")
ORG_MODES = frozenset({"org", "subunit"})


def _unlisted_org_then_holder(doc: Document, first: Span) -> tuple[OrgMatch, Span] | None:
    """ "Ketua Paguyuban Motoris Speedboat Bastiong, Jufri Kader": what reads as a name right
    after the title is a body no lexicon knows when a comma and a second name follow it (the
    apposition TITLE ORG, NAME); an organisation the lexicons know may close it ("Bapemperda
    DPRD Kaltim, ...")."""
    end = first[1]
    known = org_at(doc, end)
    if known is not None and known.start - end <= 1:
        end = known.end
    comma = COMMA.match(doc.text, end)
    if comma is None:
        return None
    second = read_name(doc, comma.end())
    if second is None or not _only_honorifics(doc.text[comma.end() : second[0]]):
        return None
    if _is_place(doc, second[0], second[1]):
        return None
    name = " ".join(doc.text[first[0] : end].split())
    return OrgMatch(first[0], end, name, (), None, None, "title"), second


PAIR = re.compile(r"[ \t]*[–—-][ \t]*(?P<partner>[A-Z][a-zà-ÿ'’]+)\b")


def _ticket_pair(doc: Document, name: Span) -> tuple[Span, Span | None]:
    """A title before a pair of short names ("Presiden Prabowo–Gibran"): the pair's second
    is a person too, whose position the text does not give."""
    start, end, written = name
    if " " in written:
        return name, None
    if "-" in written:
        first, second = written.split("-", 1)
        if second[:1].isupper() and second not in _not_name_words():
            return (start, start + len(first), first), (start + len(first) + 1, end, second)
        return name, None
    pair = PAIR.match(doc.text, end)
    if pair and pair.group("partner") not in _not_name_words():
        return name, (pair.start("partner"), pair.end("partner"), pair.group("partner").replace("’", "'"))
    return name, None


def _inverse_persons(doc: Document, titled: list[PersonMatch]) -> list[PersonMatch]:
    """ "Name, Title Org": the name comes first, the position after a comma."""
    found = []
    pattern = re.compile(rf"(?P<name>{name_token()}(?:[ \t]+{name_token()}){{1,5}}), +(?=[A-Z])")
    taken = Spans((p.start, p.end) for p in titled)
    for match in pattern.finditer(doc.text):
        title = _title_pattern().match(doc.text, match.end())
        if not title or taken.holds(match.start()):
            continue
        name = _name_ending_at(doc, match.start(), match.end("name"))
        if not name or _is_place(doc, name[0], name[1]):
            continue
        entry = _titles()[title.group("title")]
        _, role, ref, org = _parse_after_title(doc, entry, title.end())
        if title.group("acting"):
            role = f"{_acting()[title.group('acting')]} {role}"
        found.append(PersonMatch(name[0], match.end("name"), name[2], (), role, ref, org, "person.inverse"))
    return found


def _name_ending_at(doc: Document, start: int, end: int) -> Span | None:
    """The name that ends at `end`, read from `start` or past a connective that opens the clause
    (structure.jsonl clause_break: "Adapun Hendra Wijaya, Ketua ...")."""
    while start < end:
        name = read_name(doc, start)
        if name and name[1] == end:
            return name
        space = doc.text.find(" ", start, end)
        if space < 0 or doc.text[start:space].casefold() not in _connectives():
            return None
        start = space + 1
    return None


@cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = rows("person_cues.csv")
    cues = {side: [r["cue"] for r in table if r["side"] == side] for side in ("before", "after")}
    before = re.compile(rf"(?<![\w.])(?:{alternation(cues['before'])})[ \t]+", re.I)
    after = re.compile(rf"[ \t]*,[ \t]+(?:{alternation(cues['after'])})\b", re.I)
    return before, after


def _cued_persons(doc: Document, taken: list[PersonMatch]) -> list[PersonMatch]:
    """Untitled persons that a cue word marks ("atas nama Budi dan Sari", "Sari, istri dari ..."), or
    their age in parentheses after the name ("Sarmadi (52), nelayan asal Binuangeun")."""
    before, after = _cue_patterns()
    found: list[PersonMatch] = []
    for cue in before.finditer(doc.text):
        pos = cue.end()
        while (name := read_name(doc, pos)) and name[0] == pos:
            found.append(PersonMatch(name[0], name[1], name[2], (), None, None, None, "person.cue"))
            joined = JOINED.match(doc.text, name[1])
            if not joined:
                break
            pos = joined.end()
    for name in _capitalised_names(doc):
        cued = after.match(doc.text, name[1]) or AGE.match(doc.text, name[1])
        if cued and not _opens_sentence(doc, name):
            found.append(PersonMatch(name[0], name[1], name[2], (), None, None, None, "person.cue"))
    spans = Spans((p.start, p.end) for p in taken)
    return [p for p in found if not _is_place(doc, p.start, p.end) and not spans.meets(p.start, p.end)]


def _opens_sentence(doc: Document, name: tuple[int, int, str]) -> bool:
    """A single capitalised word opening a sentence ("Menurutnya, ...") is no name to trust."""
    before = doc.text[doc.sentence_of(name[0]).start : name[0]]
    return " " not in name[2] and not before.strip(" \t\"“‘'(-")


def _capitalised_names(doc: Document) -> list[tuple[int, int, str]]:
    """Every capitalised run that reads as a name, wherever it stands (after its honorifics: "Mama
    Yohana Wally")."""
    names = []
    for match in _name_pattern().finditer(doc.text):
        name = read_name(doc, match.start())
        if name and (name[0] == match.start() or _only_honorifics(doc.text[match.start() : name[0]])):
            names.append(name)
    return names


#: apposition shapes read here; "title-name" is read by `_titled_persons`, which knows venues and pairs
APPOSITION_SHAPES = ("name-link-title", "name-paren-title", "represented")


def _apposed_persons(doc: Document, taken: list[PersonMatch]) -> list[PersonMatch]:
    """Persons the apposition reader pairs with a title (kg.analysis.appositions).

    "NAME selaku TITLE", "NAME (TITLE ORG)", and "TITLE ORG, diwakili TITLE NAME", where a
    bare title is a post of the represented person's organisation.
    """
    chunker = names(doc)
    analysis = chunker.analysis
    known = [analysis.tokens_between(m.start, m.end) for m in orgs(doc)]
    spans = Spans((p.start, p.end) for p in taken)
    found = []
    for apposition in appositions(chunker, known):
        if apposition.label not in APPOSITION_SHAPES:
            continue
        start, end = analysis.chars(apposition.name.start, apposition.name.end)
        if spans.meets(start, end) or _is_place(doc, start, end):
            continue
        if _opens_sentence(doc, (start, end, apposition.name.name)):
            continue
        title_start, title_end = analysis.chars(*apposition.title)
        title = _titles().get(doc.text[title_start:title_end])
        if title is None:
            continue
        _, role, ref, org = _parse_after_title(doc, title, title_end)
        if apposition.acting:
            role = f"{_acting()[analysis.words(*apposition.acting)]} {role}"
        if ref is None and apposition.principal and apposition.org:
            org = _org_in(doc, analysis.chars(*apposition.org))
            ref = Ref("organization", org.name) if org else None
        rule = f"person.apposition.{apposition.label}"
        found.append(PersonMatch(start, end, apposition.name.name, (), role, ref, org, rule))
    return found


def _org_in(doc: Document, chars: tuple[int, int]) -> OrgMatch | None:
    """The organisation named over exactly these characters: a known one, or the chunker's."""
    known = org_at(doc, chars[0])
    if known is not None and known.end == chars[1]:
        return known
    name = " ".join(doc.text[chars[0] : chars[1]].split())
    return OrgMatch(chars[0], chars[1], name, (), None, None, "title")


def find_persons(doc: Document, tagged: bool = True) -> list[PersonMatch]:
    """Every person the rules find, then (with `tagged`) those only the learned tagger finds."""
    titled = _titled_persons(doc)
    titled += _inverse_persons(doc, titled)
    titled += _apposed_persons(doc, titled)
    found = titled + _cued_persons(doc, titled)
    if tagged:
        found += tagged_persons(doc, found)
    found = [p for p in found if doc.in_one_sentence(p.start, p.end)]
    return sorted(found, key=lambda p: p.start)


def tagged_persons(
    doc: Document, taken: list[PersonMatch], model: Any = None, least: float = 0.0
) -> list[PersonMatch]:
    """Persons the name tagger (kg/analysis/tagger.py) marks where no rule found a name: no title
    or cue introduces them ("Pakar jaminan sosial Budi Santoso menilai ..."). `model` and `least`
    (the least marginal probability) are the shipped model and TAGGER_MIN unless given."""
    analysis = analysis_of(doc)
    taken_chars = [(p.start, p.end) for p in taken] + [(o.start, o.end) for o in orgs(doc)]
    covered = {
        position for start, end in taken_chars for position in range(*analysis.tokens_between(start, end))
    }
    for label in ("region", "title", "org_head", "award_cue"):
        covered.update(p for span in analysis.spans.get(label, ()) for p in range(span.start, span.end))
    spans = Spans(taken_chars)
    found = []
    tagged = tag(analysis, unread_stretches(analysis, covered), model)
    roles = [t for t in tagged if t.kind == "ROLE"]
    for name in tagged:
        if name.kind != "PER" or name.confidence < (least or TAGGER_MIN):
            continue
        start, end = analysis.chars(name.start, name.end)
        if spans.meets(start, end) or _is_place(doc, start, end) or _names_a_business(analysis, name):
            continue
        read = read_name(doc, start)
        written = read[2] if read and read[0] == start else " ".join(doc.text[start:end].split())
        role, org = _tagged_role(doc, analysis, name, roles)
        found.append(PersonMatch(start, end, written, (), role, org, None, "person.tagger"))
    return found


@cache
def _business_first_words() -> frozenset[str]:
    return words("product_words.txt") | frozenset(w.split()[0] for w in words("business_words.txt"))


def _names_a_business(analysis: Analysis, name: TaggedName) -> bool:
    """A tagged name that begins with a product or a trade is a small business's ("Kopi Lempake")."""
    return analysis.tokens[name.start].lower in _business_first_words()


def _tagged_role(
    doc: Document, analysis: Analysis, name: TaggedName, roles: list[TaggedName]
) -> tuple[str | None, Ref | None]:
    """The role the tagger marks beside a tagged name ("ROLE ORG, NAME", "NAME (ROLE)", "NAME, ROLE"),
    and the organisation or region written right after that role."""
    tokens = analysis.tokens
    for role in roles:
        if role.end <= name.start:  # "ROLE ORG, NAME": the organisation's words may stand between
            gap = tokens[role.end : name.start]
            fits = len(gap) <= ROLE_GAP and all(t.text in ROLE_MARKS or t.is_title for t in gap)
        elif role.start >= name.end:  # "NAME, ROLE", "NAME (ROLE)": a comma or a bracket between
            gap = tokens[name.end : role.start]
            marked = any(t.text in ("(", ",") for t in gap)
            fits = marked and len(gap) <= 2 and all(t.text in ROLE_MARKS for t in gap)
        else:
            continue
        if fits:
            org = _org_after_role(doc, analysis, role.end, name.start if role.end <= name.start else None)
            return " ".join(analysis.words(role.start, role.end).split()), org
    return None, None


def _org_after_role(doc: Document, analysis: Analysis, position: int, limit: int | None) -> Ref | None:
    """The organisation or region written right after a tagged role, before the holder's name."""
    if position >= len(analysis.tokens) or (limit is not None and position >= limit):
        return None
    char = analysis.tokens[position].start
    org = org_at(doc, char)
    if org is not None:
        return Ref("organization", org.name)
    region = region_at(doc, char)
    if region is not None and region.code:
        return Ref("region", region.code)
    return None


def persons(doc: Document) -> list[PersonMatch]:
    return doc.memo("persons", find_persons)


def persons_in(doc: Document, start: int, end: int) -> Sequence[PersonMatch]:
    """The persons whose mention starts in [start, end), in text order."""
    return doc.positions("persons", persons, lambda p: p.start).starting_in(start, end)


def region_persons_by_name(doc: Document) -> dict[str, PersonMatch]:
    """Each name of a person holding a regional office, with the first such person of that name.

    Later sentences often name an official without the title ("kata Maidi"); looking the
    names up here keeps that check proportional to the distinct names, not to every mention.
    """

    def first_of_each(d: Document) -> dict[str, PersonMatch]:
        found: dict[str, PersonMatch] = {}
        for person in persons(d):
            if person.org and person.org.kind == "region":
                found.setdefault(person.name, person)
        return found

    return doc.memo("region persons by name", first_of_each)


class PersonExtractor:
    """Persons with role and organisation; organisations named only through a title too."""

    name: ClassVar[str] = "persons"
    produces: ClassVar[tuple[type[Fact], ...]] = (PersonFact, OrganizationFact)

    def __call__(self, doc: Document) -> list[Fact]:
        facts: list[Fact] = []
        named = {(m.start, m.end) for m in orgs(doc)}
        for match in persons(doc):
            evidence = doc.evidence(match.start, match.end)
            facts.append(
                PersonFact(
                    name=match.name,
                    aliases=match.aliases,
                    role=match.role,
                    org=match.org,
                    evidence=evidence,
                    rule=match.rule,
                    confidence=0.85 if match.org else 0.75,
                )
            )
            org = match.org_match
            fixed = match.org and match.org.kind == "organization" and org is None
            if org and (org.start, org.end) not in named:
                facts.append(OrganizationFact(name=org.name, evidence=evidence, rule="organization.title"))
            elif fixed and match.org:
                facts.append(
                    OrganizationFact(name=match.org.key, evidence=evidence, rule="organization.title")
                )
        return facts
