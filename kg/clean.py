"""The clean stage: a RawDocument -> an Article holding only the article.

HTML goes through trafilatura's main-content extraction. Then, line by line, what
is not content is removed with the patterns of kg/data/boilerplate.csv (related
links, lists of other stories, bylines, credits, counters). The dateline's outlet
name is dropped and its place kept; the publication date is read; the text is split
into sentences with offsets (abbreviations in kg/data/abbreviations.txt do not end one).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from kg.lexicon import rows, words
from kg.model import Article, RawDocument, Sentence

MONTHS = {
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "agustus": 8,
    "september": 9, "oktober": 10, "november": 11, "desember": 12,
}
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+((?:19|20)\d{{2}})\b", re.I)
DATE_NUMERIC = re.compile(r"\((\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\)")
DATELINE = re.compile(
    r"^(?P<lead>(?:[\w.-]+\.(?:com|co|id|net|co\.id|web\.id|site)|[A-Z][A-Za-z]+)?\s*,?\s*)?"
    r"(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})"
    r"(?P<tail>\s*(?:\([^)]{1,30}\))?\s*(?:,\s*[\w.]+(?:\.\w+)*\.?)?\s*[-–—]+\s*)"
)
OUTLET_LEAD = re.compile(r"^(?P<outlet>[A-Za-z.]*[A-Z]{3,}[A-Za-z.]*|[\w-]+\.(?:com|co|id|net|site)(?:\.id)?)\s*(?:,\s*|[-–—]\s*)")


class CleanError(ValueError):
    """Nothing of the article is left after cleaning."""


@cache
def _patterns(kind: str) -> list[re.Pattern[str]]:
    return [re.compile(row["pattern"]) for row in rows("boilerplate.csv") if row["kind"] == kind]


def _text(raw: RawDocument) -> tuple[str, str | None, str | None]:
    """The article's text, title and date, from markup or plain text."""
    if raw.html is None:
        return raw.text or "", raw.title, raw.date
    import trafilatura

    extracted = trafilatura.bare_extraction(raw.html, include_comments=False, with_metadata=True)
    if extracted is None:
        return "", raw.title, raw.date
    body = getattr(extracted, "text", None) or ""
    title = raw.title or getattr(extracted, "title", None)
    published = raw.date or getattr(extracted, "date", None)
    return (f"{title}\n{body}" if title and title not in body[:200] else body), title, published


def _clean_lines(text: str) -> list[str]:
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
    kept: list[str] = []
    dropping = False
    for line in lines:
        if any(p.match(line) for p in _patterns("drop_block")):
            dropping = True
            continue
        if dropping:
            if not line or len(line) > 160:
                dropping = False
            else:
                continue
        for pattern in _patterns("strip_suffix"):
            line = pattern.sub("", line)
        if not line or any(p.match(line) for p in _patterns("drop_line")):
            continue
        if kept and line == kept[-1]:
            continue
        kept.append(line)
    if kept and any(p.match(kept[-1]) for p in _patterns("drop_last")):
        kept.pop()
    return kept


def _dateline(lines: list[str]) -> tuple[list[str], int | None, tuple[int, int] | None]:
    """Drop the outlet from the dateline line; the (line index, span) of its place."""
    for index, line in enumerate(lines[:8]):
        outlet = OUTLET_LEAD.match(line)
        rest_start = outlet.end() if outlet else 0
        match = DATELINE.match(line[rest_start:])
        if not match or len(line) < 60:
            continue
        place_start = rest_start + match.start("place")
        place_end = rest_start + match.end("place")
        new = line[place_start:place_end] + line[rest_start + match.end("place") :]
        new = re.sub(r"^(\S[^-–—]*?)\s*,\s*[\w.]+\.\s*(?=[-–—])", r"\1 ", new) if "," in new[:40] else new
        new = re.sub(r"^([^,(–—-]+?)\s*(?:,\s*[A-Za-z.]*[A-Z]{3,}[\w.]*)\s*(?=[-–—])", r"\1 ", new)
        lines = [*lines[:index], new, *lines[index + 1 :]]
        return lines, index, (0, place_end - place_start)
    return lines, None, None


def _valid(day: int, month: int, year: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if 1990 <= year <= 2100 else None
    except ValueError:
        return None


def read_date(text: str) -> str | None:
    """The first full date in a text: "29 Januari 2024" or "Rabu (19/1/2022)"."""
    found = []
    for match in DATE_WORDS.finditer(text):
        found.append((match.start(), _valid(int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3)))))
    for match in DATE_NUMERIC.finditer(text):
        found.append((match.start(), _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))))
    valid = sorted((pos, iso) for pos, iso in found if iso)
    return valid[0][1] if valid else None


def _normalise_date(value: str | None) -> str | None:
    if not value:
        return None
    iso = re.match(r"((?:19|20)\d{2})-(\d{2})-(\d{2})", value)
    if iso:
        return _valid(int(iso.group(3)), int(iso.group(2)), int(iso.group(1)))
    return read_date(value)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences with offsets; line breaks end sentences, abbreviations and initials do not."""
    sentences: list[Sentence] = []
    abbreviations = words("abbreviations.txt")
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_match in re.finditer(r"[.!?]+[\"”’']?(?=\s+[\"“A-Z0-9(])", line.group(0)):
            end = line.start() + end_match.end()
            token = text[text.rfind(" ", start, end) + 1 : end].lstrip("(\"“")
            if token in abbreviations or re.fullmatch(r"[A-Z]\.", token) or re.fullmatch(r"(?:[A-Za-z]\.){2,}", token):
                continue
            _add(sentences, text, start, end)
            start = end
        _add(sentences, text, start, line.end())
    return tuple(sentences)


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))


def clean(raw: RawDocument) -> Article:
    """The article's content, sentences, date and dateline."""
    text, title, published = _text(raw)
    lines = _clean_lines(text)
    if not lines:
        raise CleanError("no article text left after removing page furniture")
    lines, dateline_line, place = _dateline(lines)
    body = "\n".join(lines)
    dateline = None
    if dateline_line is not None and place is not None:
        offset = sum(len(line) + 1 for line in lines[:dateline_line])
        dateline = (offset + place[0], offset + place[1])
    when = _normalise_date(published) or read_date("\n".join(lines[:12])) or read_date(body)
    return Article(
        doc_id=raw.doc_id,
        source=raw.source,
        text=body,
        sentences=split_sentences(body),
        title=title or lines[0],
        url=raw.url,
        date=when,
        outlet=raw.outlet,
        dateline=dateline,
    )
