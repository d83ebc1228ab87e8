"""Awards given to (or shortlisted for) regions and organisations.

An award is read where a recipient is the subject of a receiving verb ("meraih",
"menerima", "masuk nominasi") in a sentence that names the award or a rank, and in
lists introduced by "yakni:", "pemenang dari", "penerima antara lain". The edition
year is the one written with the award's name; the level is the provincial round
the article names ("tingkat Provinsi Jambi"), else national when the award was
handed over at national level. Cue words are data (kg/data/award_cues.csv).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from kg.extract.base import Document, alternation
from kg.extract.numbers import ordinal
from kg.extract.organizations import orgs
from kg.extract.persons import persons
from kg.extract.regions import RegionMatch, regions
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import AwardFact, Fact, Ref


@cache
def _cues(kind: str) -> str:
    return alternation([r["cue"] for r in rows("award_cues.csv") if r["kind"] == kind])


@cache
def _award_names() -> dict[str, str]:
    return {r["cue"]: r["value"] for r in rows("award_cues.csv") if r["kind"] == "award"}


@cache
def _award_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?P<award>{_cues('award')})\b")


@cache
def _year_after_award() -> re.Pattern[str]:
    return re.compile(
        r"\)?(?:\s+(?:[Tt]ingkat\s+)?(?:[Pp]rovinsi\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?"
        r"\s+(?:[Tt]ahun\s+(?:[Pp]enilaian\s+)?)?(?P<year>20\d{2})\b"
    )


@dataclass(frozen=True)
class Recipient:
    ref: Ref
    start: int
    end: int


def _edition_years(doc: Document) -> list[tuple[int, int, str]]:
    """(offset, year, award) for every award name written with its edition year."""
    found = []
    for match in _award_pattern().finditer(doc.text):
        year = _year_after_award().match(doc.text, match.end())
        if year and "\n" not in doc.text[match.end() : year.end()]:
            found.append((match.start(), int(year.group("year")), _award_names()[match.group("award")]))
    return found


def _province_round(doc: Document, start: int, end: int) -> str | None:
    """A provincial round named in a span: "tingkat Provinsi X", "Award Provinsi X", "se-Bali"."""
    gazetteer = Gazetteer.load()
    for match in regions(doc):
        if not (start <= match.span.start < end) or not match.code:
            continue
        if gazetteer.get(match.code).level != "provinsi":
            continue
        before = doc.text[max(0, match.span.start - 40) : match.span.start]
        if re.search(
            rf"(?:{_cues('level')})\s*(?:[Pp]rovinsi\s+)?$|Awards?\s+(?:[Tt]ahun\s+\d{{4}}\s+)?$|\d{{4}}\s+$",
            before,
        ):
            return match.code
    return None


def _document_level(doc: Document) -> str | None:
    level = _province_round(doc, 0, len(doc.text))
    if level:
        return level
    if re.search(_cues("national"), doc.text):
        return "nasional"
    return None


def _region_recipient(match: RegionMatch) -> Recipient | None:
    if not match.code or match.in_org_name:
        return None
    return Recipient(Ref("region", match.code), match.span.start, match.span.end)


def _subject_before(doc: Document, start: int, verb: int) -> Recipient | None:
    """The region, titled person's region or organisation nearest before a receiving verb."""
    candidates = [
        r for m in regions(doc) if start <= m.span.start < verb for r in [_region_recipient(m)] if r
    ]
    for person in persons(doc):
        if start <= person.start < verb and person.org and person.org.kind == "region":
            candidates.append(Recipient(person.org, person.start, person.end))
    sentence_text = doc.text[start:verb]
    for person in persons(doc):
        if person.org and person.org.kind == "region" and person.name in sentence_text:
            offset = start + sentence_text.rfind(person.name)
            candidates.append(Recipient(person.org, offset, offset + len(person.name)))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c.start)


def _list_recipients(doc: Document, pos: int, end: int) -> list[Recipient]:
    """Recipients enumerated after a list cue, in the same sentence or the list lines after it."""
    found = []
    text = doc.text
    stop = end
    if re.match(r"[^\n]*:\s*\n", text[pos:]):
        lines = re.match(r"[^\n]*\n((?:\s*-?\s*\n|[^\n]{0,80}\n){1,8})", text[pos:])
        stop = pos + (lines.end() if lines else 0)
    for match in regions(doc):
        if pos <= match.span.start < stop:
            recipient = _region_recipient(match)
            if recipient and Gazetteer.load().get(recipient.ref.key).level != "provinsi":
                found.append(recipient)
    for org in orgs(doc):
        if pos <= org.start < stop and org.kind in ("company", "known") and org.base is None:
            found.append(Recipient(Ref("organization", org.name), org.start, org.end))
    return found


def _rank(clause: str) -> int | None:
    match = re.search(rf"(?:{_cues('rank')})\s+(?P<rank>\d+|[IVX]+\b|[a-z]+)", clause)
    return ordinal(match.group("rank")) if match else None


def _category(text: str) -> str | None:
    match = re.search(
        r"\b[Kk]ategori\s+(?P<cat>[^,.;:\n]+?)(?=\s+(?:karena|atas|untuk|yang|sementara|dengan|dari|di|pada|se-|tahun|sebagai)\b|[,.;:\n]|$)",
        text,
    )
    return " ".join(match.group("cat").split()) if match else None


class AwardExtractor:
    """Award conferrals and shortlists with year, result, rank, level and category."""

    name: ClassVar[str] = "awards"
    produces: ClassVar[tuple[type[Fact], ...]] = (AwardFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        editions = _edition_years(doc)
        if not editions:
            return []
        doc_year, doc_award = Counter((y, a) for _, y, a in editions).most_common(1)[0][0]
        doc_level = _document_level(doc)
        facts: list[Fact] = []
        for sentence in doc.sentences():
            facts.extend(
                self._from_sentence(
                    doc, sentence.start, sentence.end, editions, (doc_year, doc_award), doc_level
                )
            )
        return facts

    def _from_sentence(
        self,
        doc: Document,
        start: int,
        end: int,
        editions: list[tuple[int, int, str]],
        default: tuple[int, str],
        doc_level: str | None,
    ) -> list[Fact]:
        text = doc.text[start:end]
        names_award = _award_pattern().search(text)
        if re.search(_cues("past"), text):
            return []
        recipients: list[Recipient] = []
        verb = re.search(rf"\b(?:{_cues('receive')})\b", text)
        if verb and (names_award or re.search(_cues("rank"), text)):
            subject = _subject_before(doc, start, start + verb.start())
            if subject:
                recipients.append(subject)
        listing = re.search(rf"\b(?:{_cues('list')})\b", text)
        if listing:
            recipients += _list_recipients(doc, start + listing.end(), end)
        if not recipients:
            return []
        year, award = default
        for offset, y, a in editions:
            if start <= offset < end:
                year, award = y, a
        level = _province_round(doc, start, end) or doc_level
        nominee = re.search(_cues("nominee"), text)
        facts: list[Fact] = []
        for recipient in recipients:
            clause_end = re.search(r",\s+(?:sementara|sedangkan|dan)\b|;", text[recipient.end - start :])
            clause = text[
                recipient.end - start : (recipient.end - start + clause_end.start()) if clause_end else None
            ]
            facts.append(
                AwardFact(
                    award=award,
                    year=year,
                    recipient=recipient.ref,
                    result="nominee" if nominee else "winner",
                    rank=_rank(clause) if len(recipients) == 1 else None,
                    level=level,
                    category=(_category(clause) or _category(text)) if len(recipients) == 1 else None,
                    evidence=doc.evidence(recipient.start, end if recipient.start < end else recipient.end),
                    rule="award.list" if listing and not verb else "award.subject",
                    confidence=0.85 if names_award else 0.7,
                )
            )
        return facts
