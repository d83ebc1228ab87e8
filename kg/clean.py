"""The clean stage: a RawDocument -> an Article holding only the article.

Only the article's own content may carry facts (FACTS.md): its headline, dateline,
body and photo captions. HTML goes through trafilatura's main-content extraction
(captions are kept; its title and date are metadata). Then, line by line, what is not
content is removed with the patterns of kg/data/boilerplate.csv: related links, lists
of other stories, tags, bylines and credits, share widgets, counters, link cards and
repeated caption lines. The dateline's outlet name is dropped and its place kept; the
publication date is read; the text is split into sentences with offsets.

The cleaned text is the kept lines joined by "\\n" (no blank lines), so offsets are
stable: every Sentence and the dateline span index `Article.text`. White space is
normalised here, once, for every later stage: every Unicode line boundary (vertical
tab, form feed, U+0085, U+2028, U+2029, CR) ends a line; characters that show nothing
(zero-width spaces and joiners, direction marks and embeddings, soft hyphens, byte
order marks, control characters) are removed; any other run of white space (NBSP,
tabs, thin spaces) is one space. So within a line words are separated by single
spaces, and the extractors' patterns never need to match anything else.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from kg.lexicon import data_text, rows, words
from kg.model import Article, RawDocument, Sentence

BLOCK_END_LENGTH = 200  # a line this long is a paragraph again, not a list item
DATELINE_LINES = 8  # the dateline is searched for in the first lines only
FIRST_LINES = 5  # a date in these lines (or the dateline's) is preferred as the publication date
MIN_LINK_TITLE_WORDS = 3  # a glued sentence is kept only after a real link title
CAPTIONS = "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]"
# what shows nothing: Unicode format characters (category Cf: zero-width spaces and joiners,
# direction marks, embeddings and isolates, soft hyphen, byte order mark, tags) and control
# characters (Cc) that are not white space; white space and line breaks are handled apart
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]+"
)
SURROGATE = re.compile("[\ud800-\udfff]")  # half of a pair, from a broken escape: not text


class CleanError(ValueError):
    """Nothing of the article is left after cleaning (or the page has no article)."""


# -- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """The boilerplate patterns of kg/data/boilerplate.csv, compiled and grouped by kind."""

    drop_line: tuple[re.Pattern[str], ...]
    drop_block_after: tuple[re.Pattern[str], ...]
    drop_with_next: tuple[re.Pattern[str], ...]
    related_link: tuple[re.Pattern[str], ...]
    glued_sentence: tuple[re.Pattern[str], ...]
    strip_prefix: tuple[re.Pattern[str], ...]
    strip_suffix: tuple[re.Pattern[str], ...]
    drop_last: tuple[re.Pattern[str], ...]


@cache
def rules() -> Rules:
    """The patterns, read once; a suffix pattern is anchored at the end, a prefix one at the start."""
    table = rows("boilerplate.csv")
    kinds = Rules.__dataclass_fields__
    unknown = {row["kind"] for row in table} - set(kinds)
    if unknown:
        raise ValueError(f"kg/data/boilerplate.csv: unknown kinds {sorted(unknown)}")

    def compiled(kind: str) -> tuple[re.Pattern[str], ...]:
        anchor = "$" if kind == "strip_suffix" else ""
        return tuple(_compile(row["pattern"], anchor) for row in table if row["kind"] == kind)

    return Rules(**{kind: compiled(kind) for kind in kinds})


def _compile(pattern: str, anchor: str) -> re.Pattern[str]:
    """A data pattern; a leading "(?i)" makes it case-insensitive."""
    flags = re.IGNORECASE if pattern.startswith("(?i)") else 0
    try:
        return re.compile(f"(?:{pattern.removeprefix('(?i)')}){anchor}", flags)
    except re.error as error:
        raise ValueError(f"kg/data/boilerplate.csv: bad pattern {pattern!r}: {error}") from None


@cache
def _months() -> dict[str, int]:
    return {row["name"].lower(): int(row["month"]) for row in rows("months.csv")}


@cache
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day-month-year in words, d/m/yyyy in digits, and a weekday just before a date."""
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    # (?a:...): only ASCII letters fold, as in str.lower(); "ſ" or "İ" would match "s" or "i" and
    # miss the table
    in_words = re.compile(rf"\b(\d{{1,2}})\s+((?a:{names}))\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
    in_digits = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
    days = "|".join(sorted(map(re.escape, words("weekdays.txt")), key=len, reverse=True))
    weekday = re.compile(rf"\b(?:{days})\b[\w ]{{0,12}}?[,(]?\s*$", re.IGNORECASE)
    return in_words, in_digits, weekday


@cache
def _abbreviations() -> frozenset[str]:
    """What ends in a dot but no sentence: abbreviations, and given names abbreviated in a person's name."""
    return words("abbreviations.txt") | words("name_abbreviations.txt")


# -- cleaning ---------------------------------------------------------------------------------


def clean(raw: RawDocument) -> Article:
    """The article's content, with its sentences, publication date and dateline place."""
    body, title, published, outlet = _source(raw)
    lines = clean_lines(body)
    if not lines:
        raise CleanError("nothing of the article is left after removing page furniture")
    lines = _with_headline(lines, title)
    dateline = find_dateline(lines)
    as_written = lines  # the dateline's own date ("SERANG, Rabu (11/12/2024) -") is read before it is cut
    if dateline is not None:
        lines = dateline.lines
        outlet = outlet or dateline.outlet
    text = "\n".join(lines)
    span = None
    if dateline is not None and dateline.place is not None:
        offset = sum(len(line) + 1 for line in lines[: dateline.index])
        span = (offset + dateline.place[0], offset + dateline.place[1])
    first = dateline.index if dateline is not None else None
    return Article(
        doc_id=raw.doc_id,
        source=raw.source,
        text=text,
        sentences=split_sentences(text),
        title=title or _headline(lines, first),
        url=normalise_url(raw.url),
        date=normalise_date(published) or read_date(as_written, first),
        outlet=outlet,
        dateline=span,
    )


def _source(raw: RawDocument) -> tuple[str, str | None, str | None, str | None]:
    """The text to clean with its title, date and outlet: plain text as given, or extracted from HTML.

    The title and outlet are normalised like a line of the text: they become literals
    of the graph as they are.
    """
    if (raw.text is not None and raw.text.strip()) or raw.html is None:
        return raw.text or "", _field(raw.title), raw.date, _field(raw.outlet)
    body, title, published, sitename = extract_html(raw.html)
    if not body.strip():
        raise CleanError("no article content found in the HTML")
    title = _field(raw.title) or _field(_without_site(title, sitename))
    return body, title, raw.date or published, _field(raw.outlet) or _field(sitename)


def _field(value: str | None) -> str | None:
    """A metadata value on one line without invisible characters; None when nothing is left."""
    return normalise_line(value) or None if value else None


IRI_UNSAFE = re.compile(r'[ <>"{}|\\^`]')


def normalise_url(url: str | None) -> str | None:
    """A URL without white space or invisible characters, characters an IRI may not hold percent-encoded."""
    if not url:
        return None
    return IRI_UNSAFE.sub(lambda found: f"%{ord(found.group()):02X}", normalise_line(url)) or None


def extract_html(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Main content, title, date and site name of a page, by trafilatura.

    trafilatura drops <figcaption>; photo captions are content, so each figure is first
    replaced by a paragraph holding its caption's text. A caption of the headline's own
    container that trafilatura still leaves out (a lead photo above the body) is put
    back after the headline.
    """
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(
            html.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):
        return "", None, None, None
    captions = _captions_as_paragraphs(tree)
    found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True)
    if found is None:
        return "", None, None, None
    body = getattr(found, "text", None) or ""
    title = getattr(found, "title", None)
    missing = [caption for caption in captions if caption not in body]
    if body.strip() and missing:
        body = _after_headline(body, missing, title)
    return body, title, getattr(found, "date", None), getattr(found, "sitename", None)


def _captions_as_paragraphs(tree: Any) -> list[str]:
    """Replace figures by paragraphs of their captions; the captions of the headline's container."""
    from lxml import html as lxml_html

    headline = next(iter(tree.xpath("//h1")), None)
    container = None
    if headline is not None:
        container = next((a for a in headline.iterancestors() if a.tag == "article"), headline.getparent())
    near: list[str] = []
    for caption in tree.xpath(CAPTIONS):
        text = " ".join(caption.text_content().split())
        figure = next((a for a in caption.iterancestors() if a.tag == "figure"), caption)
        parent = figure.getparent()
        if parent is None or not text:
            continue
        paragraph = lxml_html.Element("p")
        paragraph.text = text
        parent.replace(figure, paragraph)
        if (
            container is not None
            and container.tag not in ("body", "html")
            and container in paragraph.iterancestors()
        ):
            near.append(text)
    return near


def _after_headline(body: str, captions: list[str], title: str | None) -> str:
    lines = body.split("\n")
    at = 1 if title and lines[0].strip().casefold() == title.strip().casefold() else 0
    return "\n".join([*lines[:at], *captions, *lines[at:]])


def _without_site(title: str | None, sitename: str | None) -> str | None:
    """A page title without a trailing " - Site" or " | Site"."""
    if not title or not sitename:
        return title
    return re.sub(rf"\s*[-–—|]\s*{re.escape(sitename)}\s*$", "", title) or title


def normalise_line(line: str) -> str:
    """One line with invisible characters removed and white space collapsed (NBSP included).

    A line break in `line` becomes a space too: callers split lines first.
    """
    line = SURROGATE.sub("\ufffd", INVISIBLE.sub("", line))
    return " ".join(unicodedata.normalize("NFC", line).split())


def clean_lines(text: str) -> list[str]:
    """The content lines of a page's text, in order, without blank lines."""
    rule = rules()
    kept: list[str] = []
    in_block = False
    skip_next = False
    for raw_line in text.splitlines():
        line = normalise_line(raw_line)
        if in_block:
            in_block = bool(line) and len(line) < BLOCK_END_LENGTH
            if in_block:
                continue
        if not line:
            continue
        if skip_next:
            skip_next = False
            if len(line) < BLOCK_END_LENGTH:
                continue  # the link title; a paragraph would mean the title was not on the page
        if _fullmatch(rule.drop_block_after, line):
            in_block = True
            continue
        if _fullmatch(rule.drop_with_next, line):
            skip_next = True
            continue
        line = _strip(line, rule)
        line = _related_link(line, rule)
        if not line or _fullmatch(rule.drop_line, line):
            continue
        if kept and line == kept[-1]:
            continue  # a caption repeated as the image's alt text
        kept.append(line)
    if len(kept) > 1 and _fullmatch(rule.drop_last, kept[-1]):
        kept.pop()
    return kept


def _fullmatch(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def _strip(line: str, rule: Rules) -> str:
    """The line without credits, bullets and end marks at its ends."""
    for pattern in rule.strip_prefix:
        found = pattern.match(line)
        line = line[found.end() :] if found else line
    changed = True
    while changed and line:
        changed = False
        for pattern in rule.strip_suffix:
            found = pattern.search(line)
            if found and found.start() > 0:
                line, changed = line[: found.start()].rstrip(), True
    return line.strip()


def _related_link(line: str, rule: Rules) -> str:
    """The line left of a related link: nothing, or the article's sentence glued after the link title.

    Some pages glue the next real sentence to the link title on one line; it is kept
    only when it is recognisable (an office, a comma-delimited name, a reporting verb).
    """
    label = next((m for p in rule.related_link if (m := p.match(line))), None)
    if label is None:
        return line
    for pattern in rule.glued_sentence:
        found = pattern.search(line, label.end())
        if found and len(line[label.end() : found.start()].split()) >= MIN_LINK_TITLE_WORDS:
            return line[found.start() :]
    return ""


def _with_headline(lines: list[str], title: str | None) -> list[str]:
    """The lines with the metadata title first, unless the text already starts with it."""
    if not title:
        return lines
    headline = normalise_line(title)
    key = headline.casefold()
    if not headline or any(_same_headline(key, line.casefold()) for line in lines[:3]):
        return lines
    return [headline, *lines]


def _same_headline(title: str, line: str) -> bool:
    """Whether a line is the title (or the title with a site name, or the title's start)."""
    return line.startswith(title) or (title.startswith(line) and len(line) >= 0.6 * len(title))


def _headline(lines: list[str], dateline_index: int | None) -> str | None:
    """The first line when it reads as a headline: short, not the dateline, not a sentence."""
    first = lines[0]
    if dateline_index == 0 or len(first) > BLOCK_END_LENGTH or first.endswith("."):
        return None
    return first


# -- dateline ---------------------------------------------------------------------------------

DASH = r"(?:\s*[-–—]+\s+|\s*[–—]+\s*)"
PART = r"[A-Za-z][\w'’.&-]*(?: [A-Za-z][\w'’.&-]*){0,3}"
DATELINE = re.compile(
    rf"^(?P<head>{PART}(?:\s*\([^()]{{1,30}}\))?(?:\s*,\s*{PART}(?:\s*\([^()]{{1,30}}\))?)?)"
    rf"(?P<dash>{DASH})(?=[\"“‘'(A-Z0-9])"
)
DOMAIN = re.compile(
    r"[\w-]+\.(?:com|co\.id|web\.id|my\.id|or\.id|co|id|net|org|site|news|tv)\b", re.IGNORECASE
)
PLACE = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}")


@dataclass(frozen=True)
class Dateline:
    """Where the dateline is: its line index, the place's span in that line, the outlet named."""

    lines: list[str]
    index: int
    place: tuple[int, int] | None
    outlet: str | None


def find_dateline(lines: list[str]) -> Dateline | None:
    """The dateline at the start of the body, with the outlet's name taken out of the line.

    "SURABAYA (Realita) -", "PADANG,HARIANHALUAN.id—", "TANYAFAKTA.CO, KOTA JAMBI –",
    "Insitekaltim, Samarinda —": the outlet is the part with a domain, in parentheses or
    with a trailing dot, else the part that is not a region's name; the place is the rest.
    An outlet-only lead ("SONGGOLANGIT.COM - ") is removed too; the search goes on past
    it only when it leads a short line ("Nusantaratv.com - 16 November 2022").
    """
    lines = list(lines)
    outlet: str | None = None
    first: int | None = None
    for index, line in enumerate(lines[:DATELINE_LINES]):
        found = DATELINE.match(line)
        if not found:
            continue
        place, named = _place_and_outlet(found.group("head"))
        if place is None and named is None:
            continue
        outlet = outlet or (named.rstrip(".") if named else None)
        rest = line[found.end() :]
        if place is not None:
            lines[index] = f"{place} {found.group('dash').strip()[0]} {rest}"
            return Dateline(lines, index, (0, len(place)), outlet)
        lines[index] = rest
        first = index if first is None else first
        if len(rest) >= BLOCK_END_LENGTH // 2:
            break  # the body starts here: its place would have been on this line
    if first is None:
        return None
    return Dateline(lines, first, None, outlet)


def _place_and_outlet(head: str) -> tuple[str | None, str | None]:
    """Split a dateline head into its place and its outlet (either may be missing)."""
    places: list[str] = []
    outlets: list[str] = []
    for part in (p.strip() for p in head.split(",")):
        paren = re.search(r"\s*\(([^()]*)\)$", part)
        if paren:
            outlets.append(paren.group(1).strip())
            part = part[: paren.start()]
        if _is_outlet(part):
            outlets.append(part)
        elif PLACE.fullmatch(part):
            places.append(part)
        elif part:
            return None, None
    if len(places) == 2:
        regions = [p for p in places if _is_region(p)]
        place = regions[0] if len(regions) == 1 else places[0]
        outlets.append(places[1] if place == places[0] else places[0])
        places = [place]
    return (places[0] if places else None), (outlets[0] if outlets else None)


def _is_outlet(part: str) -> bool:
    return bool(DOMAIN.search(part)) or part.endswith(".") or part.startswith("(")


def _is_region(name: str) -> bool:
    key = re.sub(r"^(?:kota|kabupaten|kab\.?|provinsi)\s+", "", name.casefold())
    return key in _region_names()


@cache
def _region_names() -> frozenset[str]:
    """Region names and aliases of the gazetteer data, casefolded, to tell a place from an outlet."""
    names = {row.get("name", "").casefold() for row in rows("regions.csv")}
    names |= {row.get("alias", "").casefold() for row in rows("region_aliases.csv")}
    return frozenset(names - {""})


# -- dates ------------------------------------------------------------------------------------


def _valid(day: int, month: int, year: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def dates_in(text: str) -> list[tuple[int, bool, str]]:
    """Every full, valid date in a text: (offset, preceded by a weekday, ISO date).

    "29 Januari 2024", "Selasa, 5 Agustus 2025", "Rabu (19/1/2022)"; a date without a
    year ("Senin (29/1)") is not one.
    """
    in_words, in_digits, weekday = _date_patterns()
    found = []
    for match in in_words.finditer(text):
        iso = _valid(int(match.group(1)), _months()[match.group(2).lower()], int(match.group(3)))
        found.append((match.start(), iso))
    for match in in_digits.finditer(text):
        found.append((match.start(), _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))))
    return sorted(
        (start, bool(weekday.search(text[max(0, start - 24) : start])), iso) for start, iso in found if iso
    )


@cache
def _cutoff_pattern() -> re.Pattern[str]:
    cues = "|".join(sorted(map(re.escape, words("date_cues.txt")), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{cues})\s*(?:tanggal\s+)?$", re.IGNORECASE)


def _is_cutoff(line: str, start: int) -> bool:
    """Whether a date is a cut-off, a period's bound or a deadline, by the word before it."""
    return bool(_cutoff_pattern().search(line[max(0, start - 24) : start]))


def read_date(lines: list[str], dateline_index: int | None = None) -> str | None:
    """The publication date read from the text: first lines and dateline first, then a weekday's, then any.

    A date after a cut-off word ("hingga 9 Desember 2021") is what the article reports
    about, not when it was published, so it is never taken.
    """
    best: tuple[int, int, int, str] | None = None
    for index, line in enumerate(lines):
        for start, anchored, iso in dates_in(line):
            if _is_cutoff(line, start):
                continue
            early = index < FIRST_LINES or index == dateline_index
            rank = 0 if early else 1 if anchored else 2
            candidate = (rank, index, start, iso)
            best = min(best, candidate) if best else candidate
    return best[3] if best else None


def normalise_date(value: str | None) -> str | None:
    """A metadata date as ISO YYYY-MM-DD: ISO-like ("2024-01-29T10:00") or written ("29 Januari 2024")."""
    if not value:
        return None
    iso = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if iso:
        return _valid(int(iso.group(3)), int(iso.group(2)), int(iso.group(1)))
    found = dates_in(value)
    return found[0][2] if found else None


# -- sentences --------------------------------------------------------------------------------

# a run of marks is tried from its first mark only: tried from each, a run of thousands of dots
# would cost the square of its length (and a later start never matches where the first did not)
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
INITIAL = re.compile(r"[A-Z]\.")
ENUMERATOR = re.compile(r"\d{1,2}\.")
DOTTED = re.compile(r"(?:[A-Za-z][a-z]{0,3}\.){2,}")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences with offsets into `text`.

    A line break always ends a sentence (headlines, list items, captions). Within a line
    a sentence ends at ".", "!" or "?" (with its closing quote) before a capital, a digit
    or an opening quote, except after an abbreviation of kg/data/abbreviations.txt, an
    initial ("M. Jaelani"), dotted letters ("S.Sos.") or a list item's number ("1. Kota Palu").
    "46,03" and "17.487" have no space after the mark, so they never end one.
    """
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in SENTENCE_END.finditer(text, line.start(), line.end()):
            if _abbreviated(text, line.start(), end_mark.start(), end_mark.group()):
                continue
            _add(sentences, text, start, end_mark.end())
            start = end_mark.end()
        _add(sentences, text, start, line.end())
    return tuple(sentences)


def _abbreviated(text: str, line_start: int, mark: int, punctuation: str) -> bool:
    """Whether the "." at `mark` closes an abbreviation or an initial rather than a sentence."""
    if punctuation[0] != "." or punctuation.startswith(".."):
        return False
    word_start = max(text.rfind(" ", line_start, mark), text.rfind("(", line_start, mark), line_start - 1) + 1
    token = text[word_start : mark + 1].lstrip("\"'“‘")
    if INITIAL.fullmatch(token) and token[0] in "IVX" and _ranked_before(text, line_start, word_start):
        return False  # "... meraih juara I. Sementara ...": a place's numeral ends the sentence
    if token in _abbreviations() or bool(INITIAL.fullmatch(token) or DOTTED.fullmatch(token)):
        return True
    if not ENUMERATOR.fullmatch(token):
        return False
    # "1. Kota Palu" on a line of its own is a list item's number;
    # "yakni 1. Jawa Tengah, 2. Kalimantan Timur": the number of an item of an inline list
    return not text[line_start:word_start].strip() or bool(
        _list_before().search(text, line_start, word_start)
    )


def _ranked_before(text: str, line_start: int, word_start: int) -> bool:
    """Whether the word before a numeral is a word for a place ("juara", "peringkat"; the rank_word
    cues of kg/data/structure.jsonl), so the numeral is a place's, not an initial."""
    before = text[line_start:word_start].split()
    return bool(before) and before[-1].casefold() in _structure_phrases("rank_word")


@cache
def _structure_phrases(kind: str) -> frozenset[str]:
    """The cue phrases of one kind in kg/data/structure.jsonl, case-folded (read here, before the
    analysis layer that owns them, because sentences are split before a text is analysed)."""
    found: set[str] = set()
    for line in data_text("structure.jsonl").splitlines():
        if line.strip() and not line.startswith("#") and (entry := json.loads(line)).get("kind") == kind:
            found.update(p.casefold() for p in entry["phrases"])
    return frozenset(found)


@cache
def _list_before() -> re.Pattern[str]:
    """What stands before the first item of an inline list, or between two: a list's intro word
    (the list_intro cues of kg/data/structure.jsonl: "yakni", "antara lain", ...) or a comma."""
    intros = [p for p in _structure_phrases("list_intro") if p[0].isalpha()]
    words = "|".join(re.escape(p).replace(r"\ ", " +") for p in sorted(intros, key=len, reverse=True))
    return re.compile(rf"(?:[,:;]|\b(?:{words}))\s*$", re.I)


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
