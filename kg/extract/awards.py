"""Awards given to (or shortlisted for) regions and organisations.

An award is read where a recipient is the subject of a receiving verb ("meraih",
"menerima", "masuk nominasi") in a sentence that names the award or a rank, and in
lists introduced by "yakni:", "pemenang dari", "penerima antara lain". The edition
year is the one written with the award's name; the level is the provincial round
the article names ("tingkat Provinsi Jambi"), else national when the award was
handed over at national level. Cue words are data (kg/data/award_cues.csv).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from kg.extract.base import Document, Positions, alternation
from kg.extract.numbers import ordinal
from kg.extract.organizations import orgs_in
from kg.extract.persons import persons_in, region_persons_by_name
from kg.extract.regions import RegionMatch, regions_in
from kg.gazetteer import Gazetteer
from kg.lexicon import rows
from kg.model import AwardFact, Fact, Ref


@cache
def _cues(kind: str) -> str:
    return alternation([r["cue"] for r in rows("award_cues.csv") if r["kind"] == kind])


@cache
def _cue(kind: str, words: bool = False) -> re.Pattern[str]:
    """The cues of a kind as a compiled pattern; with `words`, only where whole words stand."""
    return re.compile(rf"\b(?:{_cues(kind)})\b" if words else _cues(kind))


@cache
def _award_names() -> dict[str, str]:
    return {r["cue"]: r["value"] for r in rows("award_cues.csv") if r["kind"] == "award"}


@cache
def _award_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?P<award>{_cues('award')})\b")


@cache
def _year_after_award() -> re.Pattern[str]:
    return re.compile(
        r"\)?(?: +(?:[Tt]ingkat +)?(?:[Pp]rovinsi +)?[A-Z][a-z]+(?: +[A-Z][a-z]+){0,2})?"
        r" +(?:[Tt]ahun +(?:[Pp]enilaian +)?)?(?P<year>20\d{2})\b"
    )


# organisations that receive awards in their own name (companies, institutions); BPJS offices and
# assessment teams hand them out
RECIPIENT_KINDS = frozenset({"company", "foundation", "university", "hospital", "agency", "council", "court"})


@dataclass(frozen=True)
class Recipient:
    ref: Ref
    start: int
    end: int


Edition = tuple[int, int, str]  # offset, year, award


def _edition_years(doc: Document) -> list[Edition]:
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
    for match in regions_in(doc, start, end):
        if not match.code:
            continue
        if gazetteer.get(match.code).level != "provinsi":
            continue
        before = doc.text[max(0, match.span.start - 40) : match.span.start]
        if re.search(
            rf"(?:{_cues('level')}) *(?:[Pp]rovinsi +)?$|Awards? +(?:[Tt]ahun +\d{{4}} +)?$|\d{{4}} +$",
            before,
        ):
            return match.code
    return None


def _document_level(doc: Document) -> str | None:
    level = _province_round(doc, 0, len(doc.text))
    if level:
        return level
    if _cue("national").search(doc.text):
        return "nasional"
    return None


def _region_recipient(match: RegionMatch) -> Recipient | None:
    if not match.code or match.in_org_name:
        return None
    return Recipient(Ref("region", match.code), match.span.start, match.span.end)


def _subject_before(doc: Document, start: int, verb: int) -> Recipient | None:
    """The region, titled person's region or organisation nearest before a receiving verb."""
    candidates = [r for m in regions_in(doc, start, verb) for r in [_region_recipient(m)] if r]
    for person in persons_in(doc, start, verb):
        if person.org and person.org.kind == "region":
            candidates.append(Recipient(person.org, person.start, person.end))
    for org in orgs_in(doc, start, verb):
        if org.kind in RECIPIENT_KINDS and org.base is None:
            candidates.append(Recipient(Ref("organization", org.name), org.start, org.end))
    sentence_text = doc.text[start:verb]
    for name, person in region_persons_by_name(doc).items():
        if person.org and name in sentence_text:
            offset = start + sentence_text.rfind(name)
            candidates.append(Recipient(person.org, offset, offset + len(name)))
    earliest = min((c.start for c in candidates), default=verb)
    candidates = [c for c in candidates if not _locative(doc, c, earliest) and not _is_round(doc, c)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: c.start)


def _locative(doc: Document, candidate: Recipient, earliest: int) -> bool:
    """A province placed after another region as its location ("Kota Manado di Sulawesi Utara").

    `earliest` is where the first of the sentence's candidates starts: some other one
    must come before the province.
    """
    if candidate.ref.kind != "region" or Gazetteer.load().get(candidate.ref.key).level != "provinsi":
        return False
    before = doc.text[max(0, candidate.start - 5) : candidate.start]
    return bool(re.search(r"\bdi +$", before)) and earliest < candidate.start


def _is_round(doc: Document, candidate: Recipient) -> bool:
    """A province named as the round ("tingkat Provinsi Papua Barat"), not as a recipient."""
    if candidate.ref.kind != "region" or Gazetteer.load().get(candidate.ref.key).level != "provinsi":
        return False
    before = doc.text[max(0, candidate.start - 30) : candidate.start]
    return bool(re.search(rf"(?:{_cues('level')}) *(?:[Pp]rovinsi +)?$", before))


PASSIVE_REACH = 30  # characters between "kepada"/"adalah" and the recipient it introduces
NEGATION = re.compile(r"\b(?:belum|tidak|gagal|bukan) +(?:\w+ +)?$")

COORDINATION = re.compile(r" *(?:,|,? *dan|,? *serta) +(?:[Pp]emerintah +|[Pp]em(?:kab|kot) +)?")


def _coordinated(doc: Document, subject: Recipient, start: int) -> list[Recipient]:
    """The subject with the regions joined to it: "Kabupaten X dan Kota Y sama-sama masuk tiga besar"."""
    found = [subject]
    earlier = sorted(
        (r for m in regions_in(doc, start, subject.start) for r in [_region_recipient(m)] if r),
        key=lambda r: -r.start,
    )
    for candidate in earlier:
        if _is_round(doc, candidate) or not COORDINATION.fullmatch(doc.text[candidate.end : found[-1].start]):
            break
        found.append(candidate)
    return found


LIST_INTRO = re.compile(r"[^\n]*: *\n")  # the cue's line ends with a colon: the list follows
LIST_LINES = re.compile(r"[^\n]*\n((?: *-? *\n|[^\n]{0,80}\n){1,8})")


def _list_recipients(doc: Document, pos: int, end: int) -> list[Recipient]:
    """Recipients enumerated after a list cue, in the same sentence or the list lines after it."""
    found = []
    stop = end
    if LIST_INTRO.match(doc.text, pos):
        lines = LIST_LINES.match(doc.text, pos)
        stop = lines.end() if lines else pos
    for match in regions_in(doc, pos, stop):
        recipient = _region_recipient(match)
        if recipient and Gazetteer.load().get(recipient.ref.key).level != "provinsi":
            found.append(recipient)
    for org in orgs_in(doc, pos, stop):
        if org.kind in RECIPIENT_KINDS | {"known"} and org.base is None:
            found.append(Recipient(Ref("organization", org.name), org.start, org.end))
    return found


@cache
def _rank_before() -> re.Pattern[str]:
    """A place written before its holder: "juara 2 Kabupaten Demak", "peringkat pertama diraih oleh X"."""
    return re.compile(
        rf"(?:{_cues('rank')}) +(?P<rank>\d+|[IVX]+\b|[a-z]+) *,? *"
        r"(?:(?:diraih|ditempati|diduduki|disabet|jatuh|diberikan)(?: +(?:oleh|kepada|ke))?"
        r"|adalah|yakni|yaitu|:)? *$"
    )


def _pair_recipients(doc: Document, start: int, end: int) -> list[Recipient]:
    """Holders named right after a place: "juara 1 diraih Kota Semarang, juara 2 Kabupaten Demak"."""
    found = []
    for recipient in _all_recipients(doc, start, end):
        if _rank_before().search(doc.text[max(start, recipient.start - 45) : recipient.start]):
            found.append(recipient)
    return found


@cache
def _rank_after() -> re.Pattern[str]:
    """A place written after its holder: "Kabupaten Bintan menempati urutan kedua", "X sebagai juara II"."""
    return re.compile(
        r" *,? *(?:(?:menempati|menduduki|meraih|sebagai|di|pada) +){1,2}"
        rf"(?:{_cues('rank')}) +(?:\d+|[IVX]+\b|(?:pertama|kedua|ketiga|keempat|kelima)\b)"
        rf"| +(?:{_cues('rank')}) +(?:\d+|[IVX]+\b|(?:pertama|kedua|ketiga|keempat|kelima)\b)"
    )


def _placed_recipients(doc: Document, start: int, end: int) -> list[Recipient]:
    """Holders named right before their place: "sedangkan Kabupaten Bintan menempati urutan kedua"."""
    every = _all_recipients(doc, start, end)
    earliest = min((r.start for r in every), default=end)
    return [
        r
        for r in every
        if _rank_after().match(doc.text, r.end, end)
        and not _is_round(doc, r)
        and not _locative(doc, r, earliest)
    ]


def _all_recipients(doc: Document, start: int, end: int) -> list[Recipient]:
    found = [
        r for m in regions_in(doc, start, end) for r in [_region_recipient(m)] if r and not _is_round(doc, r)
    ]
    for org in orgs_in(doc, start, end):
        if org.kind in RECIPIENT_KINDS and org.base is None:
            found.append(Recipient(Ref("organization", org.name), org.start, org.end))
    return sorted(found, key=lambda r: r.start)


def _ranks(doc: Document, start: int, end: int, recipients: list[Recipient]) -> list[int | None]:
    """Each recipient's place: written before it, in its own clause, or following the one before.

    "X meraih urutan pertama, diikuti oleh Y dan Z": Y is second and Z third.
    """
    text = doc.text
    ranks: list[int | None] = []
    following = False
    for index, recipient in enumerate(recipients):
        before = _rank_before().search(text[max(start, recipient.start - 45) : recipient.start])
        nxt = recipients[index + 1].start if index + 1 < len(recipients) else end
        clause_end = re.search(r", +(?:sementara|sedangkan|dan)\b|;", text[recipient.end : nxt])
        clause = text[recipient.end : recipient.end + clause_end.start() if clause_end else nxt]
        rank = ordinal(before.group("rank")) if before else _rank(clause)
        gap = text[recipients[index - 1].end : recipient.start] if index else ""
        following = following or bool(_cue("follow").search(gap))
        if rank is None and following and ranks and ranks[-1] is not None:
            rank = ranks[-1] + 1
        ranks.append(rank)
    return ranks


def _rank(clause: str) -> int | None:
    match = re.search(rf"(?:{_cues('rank')}) +(?P<rank>\d+|[IVX]+\b|[a-z]+)", clause)
    return ordinal(match.group("rank")) if match else None


def _category(text: str) -> str | None:
    match = re.search(
        r"\b[Kk]ategori +(?P<cat>[^,.;:\n]+?)(?= +(?:karena|atas|untuk|yang|sementara|dengan|dari|di|pada"
        r"|se-|tahun|sebagai|adalah|ialah|yakni|yaitu|diraih|diterima|jatuh|berhasil|meraih)\b|[,.;:\n]|$)",
        text,
    )
    return " ".join(match.group("cat").split()) if match else None


class AwardExtractor:
    """Award conferrals and shortlists with year, result, rank, level and category."""

    name: ClassVar[str] = "awards"
    produces: ClassVar[tuple[type[Fact], ...]] = (AwardFact,)

    def __call__(self, doc: Document) -> list[Fact]:
        found = _edition_years(doc)
        if not found:
            return []
        doc_year, doc_award = Counter((y, a) for _, y, a in found).most_common(1)[0][0]
        editions = Positions(found, lambda edition: edition[0])
        doc_level = _document_level(doc)
        facts: list[Fact] = []
        for sentence in doc.sentences():
            for start, end in _rounds(doc, sentence.start, sentence.end, editions):
                facts.extend(self._from_sentence(doc, start, end, editions, (doc_year, doc_award), doc_level))
        return facts

    def _from_sentence(
        self,
        doc: Document,
        start: int,
        end: int,
        editions: Positions[Edition],
        default: tuple[int, str],
        doc_level: str | None,
    ) -> list[Fact]:
        text = doc.text[start:end]
        names_award = _award_pattern().search(text)
        sentence = doc.sentence_of(start)
        in_round = (start, end) != (sentence.start, sentence.end)
        own_edition = bool(editions.starting_in(start, end))
        if _cue("past").search(text) and not (in_round and own_edition):
            return []  # a past award, unless a clause of a two-round sentence names its edition
        ranked = _cue("rank").search(text)
        nominee = _cue("nominee").search(text)
        if nominee and NEGATION.search(text[: nominee.start()]):
            return []  # "meskipun tidak masuk tiga besar"
        recipients: list[Recipient] = []
        verb = _cue("receive", words=True).search(text)
        if verb and NEGATION.search(text[: verb.start()]):
            verb = None  # "Kabupaten Konawe belum masuk tiga besar"
        hope = _cue("hope", words=True).search(text)
        if hope and not (verb and verb.start() < hope.start()):
            return []  # "Kota X diharapkan menjadi wakil provinsi": a hope, not a result
        if verb and (names_award or ranked or nominee):
            sentence_start = doc.sentence_of(start).start
            subject = _subject_before(doc, sentence_start, start + verb.start())
            if subject:
                recipients += _coordinated(doc, subject, sentence_start)
        listing = _cue("list", words=True).search(text)
        passive = _cue("passive", words=True).search(text)
        if passive and (names_award or ranked or nominee):
            listing = listing if listing and listing.start() < passive.start() else passive
        if listing:
            listed = _list_recipients(doc, start + listing.end(), end)
            if listing is passive and listed and listed[0].start - (start + listing.end()) > PASSIVE_REACH:
                listed = []  # "berpihak kepada pekerja, Kota X ...": the cue names no recipient
            recipients += listed
        following = _cue("follow", words=True).search(text)
        if following and ranked:  # "X meraih juara pertama, diikuti Y dan Z"
            recipients += _list_recipients(doc, start + following.end(), end)
        if names_award or ranked:
            recipients += _pair_recipients(doc, start, end)
            recipients += _placed_recipients(doc, start, end)
        recipients = _distinct(recipients)
        if not recipients:
            return []
        year, award = default
        for _, y, a in editions.starting_in(start, end):
            year, award = y, a
        level = _province_round(doc, start, end) or _clause_level(text, doc) or doc_level
        ranks = _ranks(doc, start, end, recipients)
        if len(recipients) == 1 and ranks[0] is None:
            ranks = [_rank(text)]  # "Peringkat pertama Paritrana Award 2024 diraih oleh Kota X"
        # a subject named in an earlier clause takes its place from this clause only
        ranks = [_rank(text) if r.start < start else rank for r, rank in zip(recipients, ranks, strict=True)]
        facts: list[Fact] = []
        for recipient, rank in zip(recipients, ranks, strict=True):
            own = max(0, recipient.end - start)
            clause_end = re.search(r", +(?:sementara|sedangkan|dan)\b|;", text[own:])
            clause = text[own : (own + clause_end.start()) if clause_end else None]
            category = (_category(clause) or _category(text)) if len(recipients) == 1 else None
            shortlisted = bool(nominee) and (rank is None or bool(_cue("nominee").search(clause)))
            facts.append(
                AwardFact(
                    award=award,
                    year=year,
                    recipient=recipient.ref,
                    result="nominee" if shortlisted else "winner",
                    rank=rank,
                    level=_own_province(recipient.ref) if level == OWN_PROVINCE else level,
                    category=category or _document_category(doc, recipient.ref),
                    evidence=doc.evidence(recipient.start, end if recipient.start < end else recipient.end),
                    rule="award.list" if listing and not verb else "award.subject",
                    confidence=(0.85 if names_award else 0.7) + (0.05 if rank else 0),
                )
            )
        return facts


ROUND_BREAK = re.compile(r";|, +(?=setelah\b|sebelum\b)| +(?=kini\b)")


def _rounds(doc: Document, start: int, end: int, editions: Positions[Edition]) -> list[tuple[int, int]]:
    """A sentence cut into clauses when it tells of two rounds, else the sentence whole.

    "X, juara 1 tingkat provinsi pada Paritrana Award 2023, kini masuk finalis tingkat nasional" holds
    a provincial win and a national shortlist; read as one they would share a year, a level and a
    result. Two rounds show as two edition years, or as a national and a provincial round.
    """
    text = doc.text[start:end]
    years = {year for _, year, _ in editions.starting_in(start, end)}
    national = re.search(r"tingkat +nasional", text, re.IGNORECASE)
    provincial = re.search(r"tingkat +(?:provinsi|[A-Z])", text)
    if len(years) < 2 and not (national and provincial):
        return [(start, end)]
    cuts = [start] + [start + m.start() for m in ROUND_BREAK.finditer(text)] + [end]
    return [(a, b) for a, b in itertools.pairwise(cuts) if doc.text[a:b].strip(" ;,")]


OWN_PROVINCE = "own province"


def _clause_level(text: str, doc: Document) -> str | None:
    """The round a clause names without naming its province: national, or the recipient's province."""
    if re.search(r"tingkat +nasional|Awards? +(?:20\d\d +)?[Nn]asional", text, re.IGNORECASE):
        return "nasional"
    if re.search(r"tingkat +provinsi\b", text, re.IGNORECASE):
        return OWN_PROVINCE
    return None


def _own_province(ref: Ref) -> str | None:
    """The province of a kabupaten or kota recipient, the round "tingkat provinsi" speaks of."""
    if ref.kind != "region":
        return None
    region = Gazetteer.load().get(ref.key)
    return region.code if region.level == "provinsi" else region.province_code


def _distinct(recipients: list[Recipient]) -> list[Recipient]:
    """Recipients in text order, each mention once."""
    seen: dict[tuple[int, int], Recipient] = {}
    for recipient in recipients:
        seen.setdefault((recipient.start, recipient.end), recipient)
    return sorted(seen.values(), key=lambda r: r.start)


GOVERNMENT_CATEGORY = re.compile(
    r"\b[Kk]ategori +(?P<cat>[Pp]emerintah +(?:[Kk]abupaten|[Kk]ota|[Pp]rovinsi|[Dd]aerah)[\w/ ]*?)"
    r"(?=[,.;:\n]| +(?:dan|serta|yang|di|pada)\b|$)"
)


def _document_category(doc: Document, ref: Ref) -> str | None:
    """The government category the article names once ("kategori pemerintah kabupaten/kota"), for a
    region recipient of that level whose own sentence names none."""
    if ref.kind != "region":
        return None
    provincial = Gazetteer.load().get(ref.key).level == "provinsi"
    fitting = doc.memo("government categories", _government_categories)[provincial]
    return next(iter(fitting)) if len(fitting) == 1 else None


def _government_categories(doc: Document) -> dict[bool, frozenset[str]]:
    """The government categories the article names, for provinces (True) and for the other levels."""
    named = {" ".join(m.group("cat").split()) for m in GOVERNMENT_CATEGORY.finditer(doc.text)}
    return {
        provincial: frozenset(c for c in named if provincial == ("provinsi" in c.lower()))
        for provincial in (True, False)
    }
