"""Awards given to (or shortlisted for) regions, villages and organisations, read as frames.

An article about an award tells of an edition ("Paritrana Award 2024"), a round (a
province's, "tingkat Provinsi Bali", or the national stage) and categories; recipients come
as subjects of receiving verbs ("Kota X meraih ..."), as lists after a cue ("diraih oleh A,
B dan C", "yakni:", one item a line) and as places ("Juara 1: X", "X (Juara II)"). The
reader walks the sentences in order and keeps a frame (edition, round, category) open until
a new mention opens another, so a verbless line ("Kategori Badan Usaha: A; B.") continues
the frame it stands in, and a cue counts where it stands, never anywhere in the article.
A recipient that the structure does not tie to a frame with an edition year is left out.

Cue words are data (kg/data/award_cues.csv), token patterns too (award_frames.jsonl,
award_recipients.jsonl); lists, places and clauses are read by kg/analysis/structure.py.
Each fact's `rule` names the path that made it: award.subject-verb, award.frame.list,
award.frame.ranked.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import ClassVar

from kg.analysis.document import Analysis
from kg.analysis.matcher import Match, Span, TokenMatcher, load_patterns, match_in_windows
from kg.analysis.structure import (
    Item,
    after_bullet,
    bracketed_place,
    clauses,
    coordinated,
    cues,
    enumerator_end,
    place_at,
    place_list,
    ranked,
)
from kg.analysis.tokens import Token
from kg.extract.base import Document
from kg.extract.numbers import words_value
from kg.extract.organizations import orgs
from kg.extract.persons import persons, region_persons_by_name
from kg.extract.regions import region_anaphora, regions
from kg.gazetteer import LEVEL_WORDS, Gazetteer
from kg.lexicon import data_text, rows, words
from kg.model import AwardFact, Fact, OrganizationFact, Ref

# organisations that receive awards in their own name; BPJS offices and assessment teams hand them out
RECIPIENT_KINDS = frozenset(
    {"company", "foundation", "university", "hospital", "agency", "council", "court", "brand"}
)
NEGATION = frozenset({"belum", "tidak", "tak", "gagal", "bukan"})
OWN_PROVINCE = "own province"  # "tingkat provinsi" without a name: the province its recipients lie in
NAME_LIMIT = 6  # words of a recipient known only as capitalised words ("Kopi Bubuk Garuda Mas")
#: the cue kinds a sentence with a frame cue holds (award_cues.csv); "tingkat" is a level cue
FRAME_CUE_KINDS = ("context", "level", "national", "handover", "rank", "nominee", "receive")
#: passive cues that are plain prepositions: too common to make a sentence a frame cue's
PLAIN_PREPOSITIONS = frozenset({"untuk", "kepada", "bagi", "oleh"})
#: cue kinds whose words are also parts of names ("Bako Industri", "Koperasi Usaha Tani",
#: "Kopi Dusun Semendo")
UNCLAIMING_CUES = frozenset({"business", "village"})
#: words an award's name is written with or after ("Top BUMD Award 2024", "penghargaan Desa Sadar ... 2024")
AWARD_WORDS = frozenset({"award", "awards", "penghargaan", "predikat", "anugerah"})
YEAR_LEADS = frozenset({"pada", "tahun", "sejak", "sebelumnya"})  # words that date a statement: "pada 2021"
LIST_REACH = 4  # tokens between a list cue and the first item ("kepada para Kepala Desa X")


@cache
def _frame_patterns() -> TokenMatcher:
    return load_patterns(data_text("award_frames.jsonl"), "kg/data/award_frames.jsonl")


@cache
def _recipient_patterns() -> TokenMatcher:
    return load_patterns(data_text("award_recipients.jsonl"), "kg/data/award_recipients.jsonl")


@cache
def _cue_words(kind: str) -> frozenset[str]:
    return frozenset(r["cue"].casefold() for r in rows("award_cues.csv") if r["kind"] == kind)


@cache
def _award_names() -> dict[str, str]:
    return {r["cue"].casefold(): r["value"] for r in rows("award_cues.csv") if r["kind"] == "award"}


def analysis(doc: Document) -> Analysis:
    """The shared analysis of the article, computed once for every extractor that reads it."""
    return doc.analysis()


# --- frames -------------------------------------------------------------------------------------


@dataclass(eq=False)
class Frame:
    """An edition's round as the article tells of it; attributes named later in it still apply."""

    award: str
    years: tuple[int, ...]
    level: str | None = None
    category: str | None = None
    late_categories: tuple[str, ...] = ()  # named after its recipients ("Selain kategori X, ...")
    members: list[Conferral] = field(default_factory=list)
    undated: bool = False  # no edition year written: the year of the article's date
    sentence: int = -1  # the sentence its edition was named in


@dataclass(eq=False)
class Conferral:
    frame: Frame
    recipient: Ref
    kind: str  # region, village or organization: which categories fit it
    start: int  # token range of the mention
    end: int
    rank: int | None
    nominee: bool
    category: str | None
    rule: str
    business: bool = False  # named in a list of companies: a business though no lexicon knows it


@dataclass(frozen=True)
class Event:
    """A frame cue at a token: an edition, a round, a category."""

    start: int
    end: int
    kind: str  # edition, level, category
    award: str = ""
    years: tuple[int, ...] = ()
    value: str | None = None  # the level or the category
    free: bool = False  # counts without an award word beside it (who handed the award over)
    undated: bool = False  # an award named without its edition's year


EDITION_JOINTS = frozenset({"dan", "serta", ",", "&"})  # between two coordinated editions of one award
ProvinceReader = Callable[[tuple[int, int] | None], str | None]  # a region's tokens -> its province code


@dataclass(frozen=True)
class Announced:
    """Recipients a counted group stands for, to be named in the next sentence."""

    nominee: bool
    kind: str  # business, government or village: which names may be items


@dataclass(frozen=True)
class Recipient:
    end: int
    ref: Ref
    kind: str


# --- recipients ---------------------------------------------------------------------------------


class Recipients:
    """Who can receive an award, by the token their mention starts at, for the structure readers."""

    def __init__(self, doc: Document, a: Analysis, rounds: set[int]) -> None:
        self.a = a
        self.typed: dict[int, Recipient] = {}
        self.names: dict[int, int] = {}
        blocked: set[int] = set()
        gazetteer = Gazetteer.load()
        for org in orgs(doc):
            first, last = self._tokens(org.start, org.end)
            if org.kind in RECIPIENT_KINDS and org.base is None:
                cut = next((i for i in range(first, last) if a.tokens[i].text == ","), last)
                self._add(first, Recipient(cut, Ref("organization", a.words(first, cut)), "organization"))
                blocked.update(range(first + 1, cut))
            else:
                blocked.update(range(first, last))
        mentions = []
        for match in regions(doc):
            first, last = self._tokens(match.span.start, match.span.end)
            if match.code and not match.in_org_name and first not in blocked and first not in rounds:
                kind = "region" if gazetteer.get(match.code).level else "organization"
                self._add(first, Recipient(last, Ref("region", match.code), kind))
                if kind == "region":
                    mentions.append((first, last, match.code))
        # "kabupaten itu masih di posisi kedua"; "daerah itu" may be any region named before, too loose here
        for start, end, antecedent in region_anaphora(a.tokens, mentions):
            if a.tokens[start].lower != "daerah":
                self._add(start, Recipient(end, Ref("region", mentions[antecedent][2]), "region"))
        villages = [r for r in a.sentences if a.spans_in("award_cue.village", *r)]
        for found in _matches(a, _recipient_patterns(), villages):
            if found.start not in blocked:
                village = Recipient(
                    found.end, Ref("organization", a.words(found.start, found.end)), "village"
                )
                self._add(found.start, village)
        self.names = _capitalised_runs(a)
        for name, person in region_persons_by_name(doc).items():
            if person.org is None:
                continue
            for offset in _occurrences(a.text, name):
                first, last = self._tokens(offset, offset + len(name))
                self._add(first, Recipient(last, person.org, "region"))
        for person in persons(doc):  # "kepada Bupati Berau, Hj. Rahmawati Ilyas": the holder, no recipient
            if person.rule != "person.tagger":  # a learned guess yields to the award's structure
                blocked.update(range(*self._tokens(person.start, person.end)))
        self.blocked = blocked
        self.claimed = {
            position
            for label in ("title", "award_cue", "region", "org_head")
            for span in a.spans.get(label, ())
            if span.data.get("kind") not in UNCLAIMING_CUES
            for position in range(span.start, span.end)
        }

    def _tokens(self, start: int, end: int) -> tuple[int, int]:
        return self.a.tokens_between(start, end)

    def _add(self, start: int, recipient: Recipient) -> None:
        if recipient.end <= start:
            return
        current = self.typed.get(start)
        if current is None or recipient.end > current.end:
            self.typed[start] = recipient

    def learn(self, start: int, end: int) -> None:
        """A name no lexicon knew, once it received an award, is a recipient wherever the text
        repeats it: "Mereka yakni Sibu Coffee, ..." then "Sibu Coffee meraih peringkat pertama"."""
        if start in self.typed:
            return
        name = self.a.words(start, end)
        for offset in _occurrences(self.a.text, name):
            first, last = self._tokens(offset, offset + len(name))
            if first not in self.typed and first not in self.blocked:
                self._add(first, Recipient(last, Ref("organization", name), "organization"))

    def typed_item(self, position: int) -> int | None:
        found = self.typed.get(position)
        return found.end if found else None

    def any_item(self, position: int) -> int | None:
        """A typed recipient, else capitalised words that no lexicon claims."""
        typed = self.typed_item(position)
        if typed is not None:
            return typed
        if position in self.blocked or position in self.claimed:
            return None
        end = self.names.get(position)
        if end is None:
            return None
        # a town written bare is part of a business's name: "Hotel Santika Palu", "Dodol Garut Cap Kelinci"
        cut = (p for p in range(position + 1, end) if p in self.claimed and not self._bare_place(p))
        return next(cut, end)

    def _bare_place(self, position: int) -> bool:
        place = self.a.span_at("region", position)
        return place is not None and not place.data.get("cue") and self.a.span_at("title", position) is None

    def same_level(self, first: Item, second: Item) -> bool:
        """Two regions of one level, which a list may write side by side without its comma; a
        province after a city is where the city lies ("Kota Bitung Sulawesi Utara")."""
        one, two = self.typed.get(first.start), self.typed.get(second.start)
        if one is None or two is None or one.end != first.end or two.end != second.end:
            return False
        if (one.kind, two.kind) != ("region", "region"):
            return False
        gazetteer = Gazetteer.load()
        return gazetteer.get(one.ref.key).level == gazetteer.get(two.ref.key).level

    def ref(self, start: int, end: int) -> tuple[Ref, str]:
        found = self.typed.get(start)
        if found is not None and found.end == end:
            return found.ref, found.kind
        return Ref("organization", self.a.words(start, end)), "organization"


def _capitalised_runs(a: Analysis) -> dict[int, int]:
    """Where the capitalised words that run on from each token end (at most NAME_LIMIT of them,
    never past the end of a line): the name of a recipient no lexicon knows."""
    runs: dict[int, int] = {}
    end = len(a.tokens)
    following = len(a.text)
    for token in reversed(a.tokens):
        if "\n" in a.text[token.end : following]:
            end = token.index + 1  # a name ends with its line
        following = token.start
        if token.kind != "word" or not token.is_title or token.text[0].isdigit() or _a_date_word(token.lower):
            end = token.index
            continue
        runs[token.index] = min(end, token.index + NAME_LIMIT)
    return runs


#: words between a group's word and its verb: "keduanya masing-masing menjadi", "ketiganya sama-sama"
GROUP_FILLERS = frozenset({"masing-masing", "sama-sama", "juga", "pun", "kini", "berhasil"})


@cache
def _group_counts() -> dict[str, int]:
    """Words for a group named before ("keduanya": 2) -> its size (award_cues.csv group_back)."""
    return {r["cue"].casefold(): int(r["value"]) for r in rows("award_cues.csv") if r["kind"] == "group_back"}


def _a_count(word: str) -> bool:
    """A word that counts a group of two or more: "tiga", "12", "sejumlah" (award_cues.csv count);
    "salah satu usaha" is one."""
    value = int(word) if word.isdigit() and len(word) <= 3 else words_value(word)
    return (value or 0) > 1 or word in _cue_words("count")


@cache
def _date_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in words("weekdays.txt")) | frozenset(
        row["name"].casefold() for row in rows("months.csv")
    )


def _a_date_word(word: str) -> bool:
    """A day or month name ("Kamis (20/2/2025)" after the last recipient) is no recipient's name."""
    return word in _date_words()


def _occurrences(text: str, name: str) -> Iterable[int]:
    at = text.find(name)
    while at >= 0:
        yield at
        at = text.find(name, at + len(name))


# --- frame cues ---------------------------------------------------------------------------------


def _events(doc: Document, a: Analysis) -> tuple[list[Event], set[int]]:
    """Every frame cue of the article in text order, and the tokens that name a round (no recipients)."""
    gazetteer = Gazetteer.load()
    region_at = {}  # every token of a region's mention ("Gubernur Sulteng" is one) -> the mention
    for match in regions(doc):
        first, last = a.tokens_between(match.span.start, match.span.end)
        region_at.update(dict.fromkeys(range(first, last), match))

    def province(group: tuple[int, int] | None) -> str | None:
        if group is None:
            return None
        match = region_at.get(group[0])
        if match and match.code and gazetteer.get(match.code).level == "provinsi":
            return match.code
        return None

    events: list[Event] = []
    rounds: set[int] = set()
    best: dict[tuple[str, int], Match] = {}
    for raw in _matches(a, _frame_patterns(), _cue_sentences(a)):
        found = _within_line(a, raw)
        if found is None:
            continue
        key = (found.label, found.start)
        if key not in best or found.end > best[key].end:
            best[key] = found
    covered = 0
    for (label, start), found in sorted(best.items(), key=lambda kv: kv[0][1]):
        if label in ("edition", "named_award") and start < covered:
            continue
        event = _event(a, found, province)
        if event is None:
            continue
        if label in ("edition", "named_award"):
            covered = found.end
        events.append(event)
        for group in ("region", "after"):
            if group in found.groups and event.kind in ("edition", "level"):
                rounds.add(found.groups[group][0])
    events = _coordinated_editions(a, events)
    events.extend(_undated_editions(doc, a, events))
    events.extend(_se_rounds(doc, a, gazetteer, rounds))
    events.sort(key=lambda e: (e.start, e.kind != "edition"))
    return events, rounds


def _undated_editions(doc: Document, a: Analysis, events: list[Event]) -> list[Event]:
    """An award the article never names with an edition's year ("penghargaan Paritrana Award tingkat
    Provinsi Maluku", handed over at a dated ceremony): its first mention opens the edition the
    article's date points to. An edition assesses a year's results and is handed over from late
    that year into the next, so a report dated in the first half of a year is of the previous
    year's edition, one dated later of its own year's. An article that names a year for the award
    anywhere reads that year only."""
    year = _edition_of_date(doc.article.date) if doc.article.date else None
    dated = {e.award for e in events if e.kind == "edition"}
    if year is None:
        return []
    found: list[Event] = []
    starts = [start for start, _ in a.sentences]
    for span in a.spans.get("award_cue.award", ()):
        award = _award_names()[a.words(span.start, span.end).casefold()]
        if award in dated or any(e.award == award for e in found):
            continue
        sentence = a.sentences[bisect_right(starts, span.start) - 1]
        if any(y != year for y in _years_named(a, *sentence)):
            continue  # "Pada 2023 dan 2024, Kabupaten X meraih Paritrana Award": other years' results
        found.append(Event(span.start, span.end, "edition", award, (year,), undated=True))
    return found


def _years_named(a: Analysis, start: int, end: int) -> list[int]:
    """The years tokens [start, end) name, but for those of dates ("Kamis (15/5/2025)", "Mei 2025")."""
    found = []
    for position in range(start, end):
        if not _is_year(a.tokens[position].text):
            continue
        before = a.tokens[position - 1] if position > start else None
        if before is not None and (before.text in ("/", "-") or _a_date_word(before.lower)):
            continue
        found.append(int(a.tokens[position].text))
    return found


def _edition_of_date(date: str) -> int:
    """The edition an undated award report of an ISO date is of (see `_undated_editions`)."""
    year, month = int(date[:4]), int(date[5:7]) if date[4:5] == "-" and date[5:7].isdigit() else 12
    return year - 1 if month <= 6 else year


def _coordinated_editions(a: Analysis, events: list[Event]) -> list[Event]:
    """Editions of one award joined by "dan" or a comma are one cue of several years, and a round
    written after the last holds for them all: "juara I Paritrana Award 2021 dan Paritrana Award
    2022 tingkat Provinsi Riau" is two first places of the Riau round."""
    merged: list[Event] = []
    for event in events:
        last = merged[-1] if merged else None
        if (
            last is not None
            and event.kind == last.kind == "edition"
            and event.award == last.award
            and 0 <= event.start - last.end <= 2
            and all(t.lower in EDITION_JOINTS for t in a.tokens[last.end : event.start])
        ):
            years = tuple(dict.fromkeys(last.years + event.years))
            merged[-1] = replace(last, end=event.end, years=years, value=event.value or last.value)
            continue
        merged.append(event)
    return merged


def _within_line(a: Analysis, found: Match) -> Match | None:
    """A match cut at the first line break: a heading line ("Kategori X") does not run into the next;
    a cue of any other kind that crosses a line is none."""
    for position in range(found.start + 1, found.end):
        if "\n" in a.text[a.tokens[position - 1].end : a.tokens[position].start]:
            if found.label not in ("category", "zone"):
                return None
            groups = {k: (s, min(e, position)) for k, (s, e) in found.groups.items() if s < position}
            return Match(found.label, found.start, position, groups)
    return found


def _cue_sentences(a: Analysis) -> list[tuple[int, int]]:
    """The sentences a frame cue can stand in: from the first that names an award on, those with a
    cue word or a title (who handed it over)."""
    found: list[tuple[int, int]] = []
    for start, end in a.sentences:
        named = a.spans_in("award_cue.award", start, end) or any(
            t.lower in AWARD_WORDS for t in a.tokens[start:end]
        )
        cued = (
            named
            or any(a.spans_in(f"award_cue.{kind}", start, end) for kind in FRAME_CUE_KINDS)
            or any(
                s.text.lower() not in PLAIN_PREPOSITIONS for s in a.spans_in("award_cue.passive", start, end)
            )
        )
        if (found or named) and cued:
            found.append((start, end))
    return found


def _matches(a: Analysis, matcher: TokenMatcher, ranges: list[tuple[int, int]]) -> list[Match]:
    """The matcher's matches within each token range only: most of an article holds no cue."""
    return match_in_windows(matcher, a.tokens, (s for found in a.spans.values() for s in found), ranges)


def _event(a: Analysis, found: Match, province: ProvinceReader) -> Event | None:
    """The frame cue a pattern's match stands for, if it stands for one."""
    groups = found.groups
    words = a.words
    if found.label == "edition":
        award = _award_names()[words(*groups["award"]).casefold()]
        written = groups.get("years", groups["year"])
        years = tuple(
            dict.fromkeys(int(t.text) for t in a.tokens[groups["year"][0] : written[1]] if _is_year(t.text))
        )
        inner = a.tokens[groups["award"][1] : groups["year"][0]]
        level = province(groups.get("region")) or province(groups.get("after"))
        if level is None and any(t.lower == "nasional" for t in inner):
            level = "nasional"
        return Event(found.start, found.end, "edition", award, years, level)
    if found.label == "named_award":
        # "X Award 2024": at most three words before the head; "penghargaan X 2024": the words after the cue
        # "Anugerah X 2025": the capitalised word is part of the name
        name_start, name_end = (
            groups["anugerah"][0] if "anugerah" in groups else groups["name"][0],
            groups["name"][1],
        )
        head = groups.get("head")
        if head is not None:
            name_end = head[1]
        while (head is not None and name_start < head[0] - 3) or (
            "anugerah" not in groups
            and name_start < name_end - 1
            and a.tokens[name_start].lower in _cue_words("context")
        ):
            name_start += 1
        if name_end - name_start > NAME_LIMIT or any(
            a.span_at("award_cue.award", i) for i in range(name_start, name_end)
        ):
            return None
        name = words(name_start, name_end)
        return Event(name_start, found.end, "edition", name, (int(words(*groups["year"])),))
    if found.label in ("level", "own_province", "national") and _destination(a, found.start):
        return None
    if found.label in ("level", "organiser"):
        level = province(groups.get("region"))
        return Event(found.start, found.end, "level", value=level) if level else None
    if found.label == "own_province":
        if a.span_at("region", found.end - 1) is not None or _starts_region(a, found.end):
            return None
        return Event(found.start, found.end, "level", value=OWN_PROVINCE)
    if found.label == "this_edition":
        return Event(found.start, found.end, "this_edition")
    if found.label == "national":
        return Event(found.start, found.end, "level", value="nasional")
    if found.label == "handover":
        title = words(*groups["title"]).casefold()
        if title in _cue_words("national"):
            return Event(found.start, found.end, "level", value="nasional", free=True)
        # "diserahkan Sekretaris Daerah Provinsi Lampung": the title's last word begins the region
        title_end = groups["title"][1]
        level = province(groups.get("region") or (title_end - 1, title_end))
        return Event(found.start, found.end, "level", value=level, free=True) if level else None
    if found.label == "category":
        first = min(start for start, _ in groups.values())
        last = max(stop for _, stop in groups.values())
        if place_at(a.tokens, first, last) is not None:
            return None  # "kategori terbaik ketiga": a place, not a category
        value = " ".join(words(first, last).split())
        if value.endswith(")") and "(" not in value:  # "(kategori Pemerintah Kabupaten/Kota)"
            value = value[:-1].rstrip()
        return Event(found.start, found.end, "category", value=value)
    return None


def _destination(a: Analysis, start: int) -> bool:
    """A round the text goes on to, not the one it reports: "mengantarkannya ke penilaian tingkat
    nasional", "melaju ke tingkat provinsi"."""
    position = start - 1
    while position >= 0 and a.tokens[position].lower in _cue_words("next_round"):
        position -= 1
    return position >= 0 and a.tokens[position].lower == "ke"


def _starts_region(a: Analysis, position: int) -> bool:
    return position < len(a.tokens) and a.span_at("region", position) is not None


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text.startswith(("19", "20"))


def _se_rounds(doc: Document, a: Analysis, gazetteer: Gazetteer, rounds: set[int]) -> list[Event]:
    """Rounds written "se-Bali": the region starts inside the token, so no pattern sees it."""
    found = []
    for match in regions(doc):
        index = a.token_at(match.span.start)
        token = a.tokens[index] if a.tokens else None
        if (
            token is None
            or not token.lower.startswith("se-")
            or not token.start <= match.span.start < token.end
        ):
            continue
        if match.code and gazetteer.get(match.code).level == "provinsi":
            found.append(Event(index, index + 1, "level", value=match.code))
            rounds.add(index)
    return found


# --- the reader ---------------------------------------------------------------------------------


@dataclass
class Tie:
    """Where the structure ties recipients to the frame: a receiving verb or a list cue."""

    kind: str  # verb, list, or along (co-recipients of a verb's subject)
    start: int
    end: int


class FrameReader:
    """Reads an article's sentences in order, with the frame each one stands in."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.a = analysis(doc)
        self.events, rounds = _events(doc, self.a)
        self._event_starts = [e.start for e in self.events]
        self._sentence_starts = [start for start, _ in self.a.sentences]
        self.recipients = Recipients(doc, self.a, rounds)
        self.frame: Frame | None = None
        self.frames: list[Frame] = []
        self.pending: tuple[bool, int] | None = None  # a list announced, one item a line: (nominee, sentence)
        self.early_level: str | None = None  # a round named before the first edition
        self.table: dict[str, int] | None = None  # the columns of a "|" table being read
        self.apposed_businesses: set[tuple[int, int]] = set()  # "Usaha rotan di X, NAME, meraih": NAME
        self.announced: Announced | None = None  # "Tiga pelaku usaha meraih ...": who, in the next sentence
        self.sentence = -1  # the sentence being read

    # frame state

    def _apply(self, event: Event) -> None:
        frame = self.frame
        if event.kind == "edition":
            if frame is None or (frame.award, frame.years) != (event.award, event.years):
                # another edition of the award in the sentence that named a round, and none of its
                # own: the same round ("juara I ... tingkat Provinsi Bali, setelah pada Paritrana
                # Award 2023 menempati posisi kedua")
                same_round = (
                    frame is not None and frame.award == event.award and frame.sentence == self.sentence
                )
                level = event.value or (frame.level if frame is not None and same_round else None)
                self._open(event.award, event.years, level, event.undated)
            elif event.value and frame.level and event.value != frame.level:
                self._open(event.award, event.years, event.value)  # the same edition's other round
            elif event.value:
                frame.level = event.value
        elif frame is None:
            if event.kind == "level":
                self.early_level = event.value  # "Pemprov X menyerahkan Paritrana Award 2023": its round
            return
        elif event.kind == "this_edition":
            # "penghargaan tahun ini" after a past edition: back to the edition the article is about
            main = next((f for f in self.frames if f.award == frame.award), frame)
            if main.years != frame.years:
                self.frame = main
        elif event.kind == "level":
            if frame.level is None:
                frame.level = event.value
            elif event.value == OWN_PROVINCE and frame.level != "nasional":
                return  # "tingkat provinsi" after the province's round was named: the same round
            elif frame.level != event.value:
                self._open(frame.award, frame.years, event.value)
        elif event.kind == "category":
            frame.category = event.value

    def _open(self, award: str, years: tuple[int, ...], level: str | None, undated: bool = False) -> None:
        if not self.frames:
            level = level or self.early_level
        self.frame = Frame(award, years, level, undated=undated, sentence=self.sentence)
        self.frames.append(self.frame)

    def _events_in(self, start: int, end: int) -> list[Event]:
        return self.events[bisect_left(self._event_starts, start) : bisect_left(self._event_starts, end)]

    def _spans_in(self, label: str, start: int, end: int) -> list[Span]:
        return self.a.spans_in(label, start, end)

    # sentences

    def read(self) -> list[Conferral]:
        previous_end = 0
        for index, (start, end) in enumerate(self.a.sentences):
            if start >= end:
                continue
            if self._new_line(previous_end, start):
                self._back_from_the_past()
            self._sentence(index, start, end)
            previous_end = end
        return [c for frame in self.frames for c in frame.members]

    def _new_line(self, previous_end: int, start: int) -> bool:
        if previous_end == 0:
            return False
        gap = self.a.text[self.a.tokens[previous_end - 1].end : self.a.tokens[start].start]
        return "\n" in gap

    def _back_from_the_past(self) -> None:
        """An earlier edition named in passing holds to the end of its paragraph: "X tahun lalu juga
        meraih peringkat pertama pada Paritrana Award 2022." Then the article's edition is open again."""
        frame = self.frame
        if frame is None or self.pending is not None or not self.frames:
            return
        main = self.frames[0]
        if main.award == frame.award and max(frame.years) < min(main.years):
            self.frame = main

    def _sentence(self, index: int, start: int, end: int) -> None:
        a = self.a
        self.sentence = index
        announced, self.announced = self.announced, None
        pending = self.pending
        if announced is not None and (
            self._announced_items(announced, start, end) or self.pending is not pending
        ):
            return  # its items named, or announced on the lines that follow
        events = self._events_in(start, end)
        if self._cued_before_receiving(start, end, "hope"):
            self.pending = None
            return
        if self._cued_before_receiving(start, end, "assessment"):
            self.pending = None
            for event in _editions_first(events):
                self._apply(event)
            return
        context = (
            self._context(start, end)
            or any(e.kind == "edition" for e in events)
            or self._next_category(start, end, events)
        )
        if context and self._other_years(start, end, events):
            context = False  # "Pada 2021 dan 2022, Kabupaten X juga meraih Paritrana Award": not this edition
        if not context:
            events = [e for e in events if e.kind == "category" or e.free]
        line_start = after_bullet(a.tokens, start, end)
        made = 0
        if self._table_line(start, end):
            return
        # a numbered or bulleted line stays in the list even when its item cannot be read
        if self.pending is not None and (line_start > start or self._list_line(line_start, end)):
            number = a.tokens[start].text if line_start == start + 2 and a.tokens[start].is_number else None
            made += self._line_items(line_start, end, events, int(number) if number else None)
        else:
            self.pending = None
            compared = [e for e in events if e.kind == "edition" and self._compared(e)]
            events = [e for e in events if e not in compared]
            before = {id(c) for f in self.frames for c in f.members}
            made += self._read_ties(start, end, events, context)
            if compared and made:
                self._also_in(compared, before)
        if made == 0:
            for event in events:
                self._apply(event)
            categories = [e for e in events if e.kind == "category"]
            if self.frame is not None and categories:
                self.frame.late_categories = tuple(e.value for e in categories if e.value)
                if len(categories) > 1:
                    self.frame.category = None  # several at once: none is open for what follows
        if a.tokens[end - 1].text == ":" and self.frame is not None and context:
            self.pending = (self._nominated(start, end), index)

    def _other_years(self, start: int, end: int, events: list[Event]) -> bool:
        """Whether a sentence that names no edition of its own dates what it tells to other years
        than the open edition's ("Pada 2021 dan 2022, ...", "sejak 2019")."""
        if self.frame is None or any(e.kind == "edition" for e in events):
            return False
        tokens = self.a.tokens
        for position in range(start + 1, end):
            token = tokens[position]
            if not _is_year(token.text) or int(token.text) in self.frame.years:
                continue
            before = position - 1
            while before > start and tokens[before].lower in ("dan", ",", "serta"):
                before -= 1
            if tokens[before].lower in YEAR_LEADS or _is_year(tokens[before].text):
                return True
        return False

    def _table_line(self, start: int, end: int) -> bool:
        """A line of a table flattened with "|" ("Kategori | Peringkat | Penerima" and its rows):
        the header names the columns, each row is one result in the open frame. Whether it was one."""
        cells = _cells(self.a.tokens, start, end)
        if len(cells) < 2:
            self.table = None
            return False
        header = _table_header(self.a, cells)
        if header is not None:
            self.table = header
            return True
        if self.table is None or self.frame is None:
            return False
        columns = self.table
        recipient = cells[columns["recipient"]] if "recipient" in columns else None
        if recipient is None or recipient[0] >= recipient[1]:
            return True
        item_end = self.recipients.any_item(recipient[0])
        if item_end is None:
            return True
        category = None
        if "category" in columns:
            first, last = cells[columns["category"]]
            category = self.a.words(first, last) or None
        rank, nominee = None, False
        if "place" in columns:
            first, last = cells[columns["place"]]
            place = place_at(self.a.tokens, first, last)
            rank = place[0] if place else None
            nominee = self._nominated(first, last)
        ref, kind = self.recipients.ref(recipient[0], item_end)
        rule = "award.frame.ranked" if rank is not None else "award.frame.list"
        self._confer(
            ref, kind, recipient[0], item_end, rank, nominee, category, rule, _for_businesses(category)
        )
        return True

    def _compared(self, event: Event) -> bool:
        """An edition named in a comparison ("kembali meraih juara umum, sebagaimana pada Anugerah X
        2023"): a past result like this one, not the frame of the sentence."""
        before = range(max(0, event.start - 3), event.start)
        return any(self.a.span_at("award_cue.comparison", p) is not None for p in before)

    def _also_in(self, compared: list[Event], before: set[int]) -> None:
        """Confer this sentence's new results in the compared editions too, without opening them."""
        current = self.frame
        assert current is not None
        made = [c for f in self.frames for c in f.members if id(c) not in before]
        for event in compared:
            frame = next((f for f in self.frames if (f.award, f.years) == (event.award, event.years)), None)
            if frame is None:
                frame = Frame(event.award, event.years, event.value or current.level)
                self.frames.append(frame)
            frame.members.extend(replace(c, frame=frame) for c in made)

    def _cued_before_receiving(self, start: int, end: int, kind: str) -> bool:
        """A wish or a target ("diharapkan menjadi wakil provinsi"), or the assessment ("tim penilai
        melakukan verifikasi lapangan ke ..."), before any receiving verb: no result."""
        for position in range(start, end):
            if self.a.span_at("award_cue.receive", position) is not None:
                return False
            if self.a.span_at(f"award_cue.{kind}", position) is not None:
                return True
        return False

    def _context(self, start: int, end: int) -> bool:
        """Whether the passage speaks of the award: its name, a place, a shortlist, a prize word."""
        labels = ("award_cue.award", "award_cue.context", "award_cue.nominee", "award_cue.rank")
        return any(self._spans_in(label, start, end) for label in labels)

    def _next_category(self, start: int, end: int, events: list[Event]) -> bool:
        """A sentence that names the next category of the open edition and who received it,
        without the award's name: "Sementara untuk kategori kabupaten/kota, diraih A, B dan C"."""
        if self.frame is None or not self.frame.members:
            return False
        receiving = ("award_cue.receive", "award_cue.passive")
        return any(e.kind == "category" for e in events) and any(
            self._spans_in(r, start, end) for r in receiving
        )

    def _heading(self, start: int, end: int) -> Event | None:
        """A category's label that opens a line of an announced list, with no "kategori" before it:
        "2. Perusahaan Besar: PT X", "Rumah Sakit: RSUD Y", or stands alone on its line above its
        items ("Perusahaan Besar" / "1. PT X"). The label is a few words that begin
        as categories do and name no recipient themselves ("Kota Gorontalo: juara I" is an item)."""
        a = self.a
        colon = next((p for p in range(start + 1, min(end, start + 7)) if a.tokens[p].text == ":"), None)
        if colon is None and 0 < end - start <= 6:
            colon = end  # a label alone on its line ("Perusahaan Besar"), its items on the lines after
        elif colon is None or colon + 1 >= end:
            return None
        if any(t.kind != "word" and t.text not in "/-" for t in a.tokens[start:colon]):
            return None
        if self.recipients.typed_item(start) is not None:
            return None
        label = a.words(start, colon)
        if _competing(a.tokens[start].text) is None and not any(
            f"{label.casefold()} ".startswith(f"{phrase} ") for phrase in _cue_words("heading")
        ):
            return None
        return Event(start, colon, "category", value=label)

    def _subdivision(self, start: int, end: int) -> int | None:
        """Where the recipients start on a line that opens with a subdivision of a category
        ("Sektor Perhotelan: Hotel X", "Sektor Perbankan, Bank Y"), or the line's end when it
        names the subdivision alone; None when the line opens with none."""
        a = self.a
        if cues().at("subdivision", a.tokens, start) is None:
            return None
        for position in range(start + 1, min(end, start + 8)):
            if a.tokens[position].text in (":", ",", "-", "–"):
                return position + 1
        return end

    def _closing_place(self, start: int, end: int) -> int | None:
        """The place in brackets that closes a list line after more than its item: "(Juara II)"."""
        tokens = self.a.tokens
        last = end - 1 if end > start and tokens[end - 1].text in (".", ",", ";") else end
        opening = next((p for p in range(last - 2, start + 1, -1) if tokens[p].text == "("), None)
        place = bracketed_place(tokens, opening, last) if opening is not None else None
        return place[0] if place is not None and place[1] == last else None

    def _line_item_conferred(self, start: int, rank: int | None, nominee: bool) -> int:
        """The item a list line starts with, conferred in the open frame with its place, if any."""
        item_end = self._line_item(start, [])
        if self.frame is None or item_end is None:
            return 0
        ref, kind = self.recipients.ref(start, item_end)
        rule = "award.frame.ranked" if rank is not None else "award.frame.list"
        self._confer(ref, kind, start, item_end, rank, nominee, None, rule)
        return 1

    def _list_line(self, start: int, end: int) -> bool:
        """A line of an announced list: an item, a category heading, a place, or a bullet alone."""
        if start >= end:
            return True
        if self._heading(start, end) is not None or self._subdivision(start, end) is not None:
            return True
        events = self._events_in(start, end)
        if events and events[0].kind == "category" and events[0].start == start:
            return True
        if place_at(self.a.tokens, start, end) is not None:
            return True
        item_end = self._line_item(start, events)
        return item_end is not None and (item_end >= end or self.a.tokens[item_end].is_punct)

    def _line_item(self, start: int, events: list[Event]) -> int | None:
        """Where the item a list line starts with ends: a typed recipient, or under a heading for
        companies any name ("Kategori Usaha Kecil" / "2. Pempek Cik Uning")."""
        typed = self.recipients.typed_item(start)
        if typed is not None:
            return typed
        categories = [e.value for e in events if e.kind == "category"]
        category = categories[-1] if categories else (self.frame.category if self.frame else None)
        return self.recipients.any_item(start) if _for_businesses(category) else None

    def _line_items(self, start: int, end: int, events: list[Event], number: int | None) -> int:
        """The recipients of one line of an announced list, in the frame the list opened; a
        winner's number in a list under a category heading is its place ("Kategori Usaha Besar" /
        "1. PT X" / "2. PT Y")."""
        heading = self._heading(start, end)
        if heading is not None:
            events = [heading, *events]
        for event in events:
            self._apply(event)
        assert self.pending is not None
        nominee = self.pending[0]
        if start >= end or self.frame is None:
            return 0
        if events and events[0].start == start:  # a heading; its items may follow a colon on its line
            after = events[0].end
            if after + 1 < end and self.a.tokens[after].text == ":":
                return self._read_ties(after, end, [], context=True)
            return 0
        subdivided = self._subdivision(start, end)
        if subdivided is not None:  # "1. Sektor Perhotelan: Hotel X": the number numbers the sector
            return self._line_item_conferred(subdivided, None, nominee) if subdivided < end else 0
        closing = self._closing_place(start, end)
        # "2. PT X, BUMD milik Pemerintah Aceh (Juara II)": the line's place is its first item's
        made = self._line_item_conferred(start, closing, nominee) if closing is not None else 0
        made = made or self._confer_places(self._places(start, end))
        if made:
            return made
        rank = number if not nominee and self.frame.category is not None else None
        return self._line_item_conferred(start, rank, nominee)

    def _read_ties(self, start: int, end: int, events: list[Event], context: bool) -> int:
        """The recipients a sentence ties to its frame: places, receiving verbs' subjects, listed items.

        Each tie reads the frame as it stands at the end of its segment (up to the next tie), so
        a clause that names its own edition or round ("..., kini masuk finalis tingkat nasional")
        has its own; a place belongs to the segment it is written in.
        """
        ties = self._ties(start, end) if context else []
        places = self._places(start, end) if context else []
        bounds = [t.start for t in ties]
        applied = [e for e in events if e.start < (bounds[0] if bounds else end)]
        for event in _editions_first(applied):
            self._apply(event)
        if not ties:
            return self._confer_places(places)
        two_rounds = len({e.years for e in events if e.kind == "edition"}) > 1
        made = 0
        announced: Announced | None = None
        previous_subject: list[tuple[int, int]] = []
        for number, tie in enumerate(ties):
            segment_end = bounds[number + 1] if number + 1 < len(ties) else end
            own = [e for e in events if e.start < segment_end and e not in applied]
            open_years = self.frame.years if self.frame else None
            for event in _editions_first(own):
                self._apply(event)
            applied.extend(own)
            mine = [p for p in places if number == 0 or (p.place or 0) >= tie.start]
            mine = [p for p in mine if (p.place or 0) < segment_end]
            if self.frame is None:
                continue
            # a past award counts when its segment names an edition of its own ("tahun lalu masuk
            # nominasi Paritrana Award 2023" in a report of 2024), not when it is the open one again:
            # neither its subject nor its place ("X, yang tahun lalu meraih juara II, ...")
            other_edition = any(e.kind == "edition" for e in own) and (
                two_rounds or self.frame.years != open_years
            )
            if self._past(tie) and not other_edition:
                continue
            made += self._confer_places(mine)
            if tie.kind == "verb":
                subject = self._subject(start, tie.start) or previous_subject
                previous_subject = subject
                made += self._confer_all(subject, tie, segment_end, start, end, "award.subject-verb")
                if not subject:
                    group = self._counted_group(start, tie.start)
                    if group is not None:
                        nominee = self._nominated(tie.start, segment_end)
                        announced = Announced(nominee, group)
            elif tie.kind == "along" and self._from_givers(
                ties[number - 1].end if number else start, tie.start
            ):
                continue  # "penghargaan dari BPJS Ketenagakerjaan bersama Pemprov X": who gave it
            elif tie.kind == "list" or previous_subject:  # "bersama" adds to a subject's award only
                made += self._confer_all(
                    self._listed(tie, start, end), tie, segment_end, start, end, "award.frame.list"
                )
        for event in events:
            if event not in applied:
                self._apply(event)
        if made == 0 and self.frame is not None:
            self.announced = announced
        return made

    def _from_givers(self, start: int, along: int) -> bool:
        """Whether "bersama" joins those who gave the award ("dari X bersama Y", "diserahkan Gubernur
        bersama Y"), not those who received it along with the subject."""
        return any(self._spans_in(label, start, along) for label in ("award_cue.giver", "award_cue.handover"))

    def _counted_group(self, start: int, verb: int) -> str | None:
        """The kind of recipients a counted group before a receiving verb stands for ("Tiga pelaku
        usaha di Kota X meraih ...", "Lima kabupaten masuk nominasi"): they are named next."""
        a = self.a
        for kind in ("business", "government", "village"):
            for noun in self._spans_in(f"award_cue.{kind}", start, verb):
                before = a.tokens[max(start, noun.start - 2) : noun.start]
                if any(_a_count(t.lower) for t in before):
                    return kind
        return None

    def _announced_items(self, announced: Announced, start: int, end: int) -> int:
        """The recipients a counted group announced, listed at the start of the next sentence
        ("Mereka yakni A, B dan C.", "Kelimanya adalah ..."): conferred in the open frame."""
        a, recipients = self.a, self.recipients
        intro = next(
            (
                found
                for position in range(start, min(end, start + LIST_REACH))
                if (found := cues().at("list_intro", a.tokens, position)) is not None
            ),
            None,
        )
        if intro is None or self.frame is None:
            return 0
        if any(recipients.typed_item(p) is not None for p in range(start, intro)):
            return 0  # "Kota X adalah ...": a sentence of its own
        if intro >= end:  # "Ketiganya yakni" and the items on the lines after: a list announced
            self.pending = (announced.nominee, self.sentence)
            return 0
        reader = recipients.any_item if announced.kind == "business" else recipients.typed_item
        lists = coordinated(a.tokens, intro, end, reader, recipients.same_level)
        if not lists or lists[0].start != intro:
            return 0
        items = lists[0].items
        for item in items:
            ref, kind = recipients.ref(item.start, item.end)
            business = announced.kind == "business"
            nominee = announced.nominee
            self._confer(ref, kind, item.start, item.end, None, nominee, None, "award.frame.list", business)
        return len(items)

    def _ties(self, start: int, end: int) -> list[Tie]:
        a = self.a
        found = []
        for label, kind in (
            ("award_cue.receive", "verb"),
            ("award_cue.passive", "list"),
            ("award_cue.list", "list"),
            ("award_cue.along", "along"),
        ):
            for span in self._spans_in(label, start, end):
                if (
                    kind == "verb"
                    and self._negated(span.start)
                    and not self._shortlisted_before(start, span.start)
                ):
                    continue
                found.append(Tie(kind, span.start, span.end))
        for position in range(start, end):
            if a.tokens[position].text == ":" and not self._labelled(start, position):
                found.append(Tie("list", position, position + 1))
        negated = [s.start for s in self._spans_in("award_cue.receive", start, end) if self._negated(s.start)]
        if negated:  # "X belum masuk tiga besar": no list in the sentence gives a recipient
            found = [t for t in found if t.kind == "verb"]
        ties: list[Tie] = []
        for tie in sorted(found, key=lambda t: (t.start, -t.end)):
            if ties and tie.start < ties[-1].end:
                continue
            ties.append(tie)
        return ties

    def _shortlisted_before(self, start: int, verb: int) -> bool:
        """Whether the subject of a negated receiving verb was named a finalist before it ("Dua finalis
        lainnya, A dan B, belum berhasil meraih penghargaan"): shortlisted, though no winners."""
        return any(not self._negated(s.start) for s in self._spans_in("award_cue.nominee", start, verb))

    def _labelled(self, start: int, colon: int) -> bool:
        """Whether a colon closes a label ("Keterangan foto:", "Foto:"): what follows is a caption,
        not a list of recipients."""
        labels = (self.a.span_at("award_cue.label", p) for p in range(max(start, colon - 3), colon))
        return any(label is not None and label.end == colon for label in labels)

    def _negated(self, position: int) -> bool:
        before = [t.lower for t in self.a.tokens[max(0, position - 2) : position]]
        return any(word in NEGATION for word in before)

    def _past(self, tie: Tie) -> bool:
        a = self.a
        return any(a.span_at("award_cue.past", p) is not None for p in range(max(0, tie.start - 2), tie.end))

    def _subject(self, start: int, verb: int) -> list[tuple[int, int]]:
        """The recipients named as the subject of a receiving verb: the last list before it, in its clause."""
        clause_start = next((s for s, e in clauses(self.a.tokens, start, verb + 1) if s <= verb < e), start)
        if verb > clause_start and self.a.tokens[verb - 1].text == ",":
            apposed = self._apposed_business(clause_start, verb - 1)
            if apposed:
                return apposed
        lists = coordinated(
            self.a.tokens, clause_start, verb, self.recipients.typed_item, self.recipients.same_level
        )
        lists = [found for found in lists if not self.doc.in_dateline(self.a.tokens[found.start].start)]
        if not lists and clause_start > start and self.a.tokens[clause_start - 1].text == ",":
            return self._apposed_subject(start, clause_start - 1)
        if not lists:
            return self._group_named_before(start, clause_start, verb)
        items = [(i.start, i.end) for i in lists[-1].items]
        if len(items) == 1 and self._counted_group(clause_start, items[0][0]) is not None:
            return []  # "Tiga UMKM Kuliner Palembang sabet ...": the place of a group named next
        located = self._located(clause_start, items[0][0]) if len(items) == 1 else None
        if located is not None:
            return [located]
        if cues().at("locative", self.a.tokens, items[0][0] - 1) == items[0][0]:
            # "Kota X di Sulawesi Utara meraih", "Tiga perusahaan asal Riau menjadi finalis": a place
            return [(i.start, i.end) for i in lists[-2].items] if len(lists) > 1 else []
        if len(lists) > 1 and lists[-2].end == items[0][0] and len(items) == 1:
            # "Kota Bitung Sulawesi Utara meraih": a place written right after, without "di"
            return [(i.start, i.end) for i in lists[-2].items]
        return items

    def _group_named_before(self, start: int, clause_start: int, verb: int) -> list[tuple[int, int]]:
        """ "Kota Kendari dan Kabupaten Kolaka tampil baik; keduanya masing-masing menjadi juara I
        dan II": a word for a group of two or three right before the verb (past "masing-masing")
        names the list of as many items the sentence gave before its clause."""
        a = self.a
        position = verb - 1
        while position >= clause_start and a.tokens[position].lower in GROUP_FILLERS:
            position -= 1
        count = _group_counts().get(a.tokens[position].lower) if position >= clause_start else None
        if count is None:
            return []
        lists = coordinated(
            a.tokens, start, clause_start, self.recipients.typed_item, self.recipients.same_level
        )
        fitting = [found for found in lists if len(found.items) == count]
        return [(i.start, i.end) for i in fitting[-1].items] if fitting else []

    def _located(self, floor: int, position: int) -> tuple[int, int] | None:
        """The village or organisation a chain of places after it locates: "Desa X, Kecamatan Y,
        Kabupaten Z, meraih ..." is Desa X's award, not Kabupaten Z's."""
        tokens, recipients = self.a.tokens, self.recipients
        while position > floor and tokens[position - 1].text == ",":
            comma = position - 1
            for start in range(max(floor, comma - NAME_LIMIT - 2), comma):
                found = recipients.typed.get(start)
                if found is not None and found.end == comma and found.kind in ("village", "organization"):
                    return start, found.end
            district = next(
                (
                    back
                    for back in range(comma - 1, max(floor, comma - 5) - 1, -1)
                    if cues().at("district", tokens, back) is not None
                ),
                None,
            )
            if district is None:
                return None
            position = district
        return None

    def _apposed_subject(self, start: int, comma: int) -> list[tuple[int, int]]:
        """A list set off by commas before the verb: "Dua perusahaan, yakni A dan B, meraih ..."."""
        before = [(s, e) for s, e in clauses(self.a.tokens, start, comma) if e <= comma]
        if not before:
            return []
        clause_start, clause_end = before[-1]
        lists = coordinated(self.a.tokens, clause_start, clause_end, self.recipients.typed_item)
        if lists and lists[-1].end == clause_end:
            return [(i.start, i.end) for i in lists[-1].items]
        return self._apposed_business(clause_start, clause_end)

    def _apposed_business(self, start: int, comma: int) -> list[tuple[int, int]]:
        """A business no lexicon knows, set off by commas after words for it: "Usaha tenun rumahan
        di Kabupaten X, Tenun Ikat Y, masuk nominasi ...", "Salah satu UMKM binaan, Keripik Z, meraih"."""
        a = self.a
        while start < comma and (self.doc.in_dateline(a.tokens[start].start) or a.tokens[start].is_punct):
            start += 1  # "KUPANG - Usaha tenun ...": the clause opens after the dateline
        if not any(a.span_at("award_cue.business", t.index) for t in a.tokens[start : start + 3]):
            return []
        name_start = next((p + 1 for p in range(comma - 1, start, -1) if a.tokens[p].text == ","), None)
        if name_start is None or self.recipients.any_item(name_start) != comma:
            return []
        self.apposed_businesses.add((name_start, comma))
        return [(name_start, comma)]

    def _listed(self, tie: Tie, start: int, end: int) -> list[tuple[int, int]]:
        """The items of the list a cue introduces, when the list starts right after it; names no
        lexicon knows count in a category for companies or after a counted group of them."""
        a, recipients = self.a, self.recipients
        clause_end = next((e for s, e in clauses(a.tokens, tie.start, end) if s <= tie.start < e), end)
        if a.tokens[tie.start].text == ":":
            clause_end = end  # "Kategori X: A; B." the items of a colon list run to the sentence's end
        position = tie.end
        while position < min(clause_end, tie.end + LIST_REACH):
            position = enumerator_end(a.tokens, position, clause_end)  # "yakni 1. Jawa Tengah, 2. ..."
            if recipients.typed_item(position) is not None:
                break
            kind_word = (
                cues().at("kind_word", a.tokens, position) if a.tokens[position].text.islower() else None
            )
            if kind_word is not None:  # "dimenangkan usaha rumahan Kripik Ubi": what the winner is
                position = kind_word
                while (
                    position < clause_end
                    and a.tokens[position].kind == "word"
                    and a.tokens[position].text.islower()
                ):
                    position += 1
                continue
            if not (a.tokens[position].lower in ("para", "oleh", "kepada", "-") or _in_title(a, position)):
                break
            position += 1
        business = (
            self._business_category(position, tie.start, clause_end)
            or self._counted_group(start, tie.start) == "business"
        )
        if recipients.typed_item(position) is None and not business:
            return []
        lists = coordinated(a.tokens, position, clause_end, recipients.any_item, recipients.same_level)
        if not lists or lists[0].start != position:
            return []
        items = self._without_locations([(i.start, i.end) for i in lists[0].items])
        typed = [i for i in items if recipients.typed_item(i[0]) == i[1]]
        return items if typed or business else []

    def _without_locations(self, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A regency or a district listed right after a village is where the village lies ("Desa
        Sukaramai Baru, Kabupaten Simalungun", "Kampung Yoka, Distrik Heram"), not a recipient."""
        typed = self.recipients.typed
        kept: list[tuple[int, int]] = []
        for item in items:
            previous = typed.get(kept[-1][0]) if kept else None
            current = typed.get(item[0])
            kind = current.kind if current is not None else None
            district = kind != "village" and cues().at("district", self.a.tokens, item[0]) is not None
            if previous is not None and previous.kind == "village" and (kind == "region" or district):
                continue
            kept.append(item)
        return kept

    def _business_category(self, item: int, start: int, end: int) -> bool:
        """Whether the category open at an item is one for companies: there a name the lexicons do
        not know is still a recipient ("kategori Usaha Mikro diraih Batik Komar")."""
        category = self._category(item, start, end) or (self.frame.category if self.frame else None)
        return _for_businesses(category)

    def _places(self, start: int, end: int) -> list[Item]:
        """Recipients given places: "Juara 1: X", "peringkat I diraih X", "X (Juara II)"."""
        # capitalised words alone are a recipient only on a line that starts with its place ("Juara 1: X")
        line = place_at(self.a.tokens, after_bullet(self.a.tokens, start, end), end) is not None
        reader = self.recipients.any_item if line else self.recipients.typed_item
        found = []
        for clause_start, clause_end in clauses(self.a.tokens, start, end):
            for item in ranked(self.a.tokens, clause_start, clause_end, reader):
                if item.rank is not None and not self._other_ranking(item.start, clause_end):
                    found.append(item)
        return found

    def _confer_places(self, places: list[Item]) -> int:
        if self.frame is None:
            return 0
        for item in places:
            ref, kind = self.recipients.ref(item.start, item.end)
            clause = self._clause_of(item.start)
            category = self._category(item.start, *clause)
            # a numbered place is a result, not a shortlist
            self._confer(ref, kind, item.start, item.end, item.rank, False, category, "award.frame.ranked")
        return len(places)

    def _clause_of(self, position: int) -> tuple[int, int]:
        sentence = self.a.sentences[bisect_right(self._sentence_starts, position) - 1]
        return next((s, e) for s, e in clauses(self.a.tokens, *sentence) if s <= position < e)

    def _other_ranking(self, start: int, end: int) -> bool:
        """A place in another ranking ("peringkat kelima Indeks Ketahanan Pangan") gives no award."""
        a = self.a
        for position in range(max(0, start - 6), min(end, start + 10)):
            place = place_at(a.tokens, position, end)
            if place is None:
                continue
            after = place[1]
            if after < end and a.tokens[after].is_title and not a.tokens[after].is_punct:
                claimed = (
                    any(a.span_at(label, after) for label in ("award_cue", "region"))
                    or self.recipients.typed_item(after) is not None  # "juara kedua PT X": this ranking's
                    or (self.recipients.any_item(after) is not None and after <= start + 1)
                )
                if not claimed and a.tokens[after].lower != "nasional" and after != start:
                    return True
        return False

    def _confer_all(
        self, items: list[tuple[int, int]], tie: Tie, segment_end: int, start: int, end: int, rule: str
    ) -> int:
        if not items:
            return 0
        clause_end = next((e for s, e in clauses(self.a.tokens, start, end) if s <= tie.start < e), end)
        nominee = self._nominated(start, min(segment_end, clause_end))
        rank = None
        ranks: list[int | None] = [None] * len(items)
        if tie.kind == "verb" and len(items) == 1:
            rank = self._place_after(tie.end, min(segment_end, clause_end))
        elif tie.kind == "verb":  # "A dan B masing-masing menjadi juara I dan II": places in order
            stop = min(segment_end, clause_end)
            first = next(
                (p for p in range(tie.start, min(stop, tie.end + 3)) if place_at(self.a.tokens, p, stop)),
                None,
            )
            places = place_list(self.a.tokens, first, stop) if first is not None else []
            if len(places) == len(items):
                ranks = [place for place, _ in places]
        business = tie.kind == "list" and self._counted_group(start, tie.start) == "business"
        business = business or any(item in self.apposed_businesses for item in items)
        for (item_start, item_end), own_rank in zip(items, ranks, strict=True):
            ref, kind = self.recipients.ref(item_start, item_end)
            category = self._category(item_start, start, max(segment_end, clause_end), item_end)
            self._confer(ref, kind, item_start, item_end, own_rank or rank, nominee, category, rule, business)
        return len(items)

    def _place_after(self, start: int, end: int) -> int | None:
        for position in range(start, end):
            if self.recipients.typed_item(position) is not None:
                return None
            place = place_at(self.a.tokens, position, end)
            if place is not None:
                return place[0]
        return None

    def _nominated(self, start: int, end: int) -> bool:
        return any(not self._negated(s.start) for s in self._spans_in("award_cue.nominee", start, end))

    def _category(self, item: int, start: int, end: int, item_end: int | None = None) -> str | None:
        """The category named in the item's clause: its own right after it ("A untuk kategori X, B
        untuk kategori Y"), else the nearest before it, else the first after it."""
        clause = next(((s, e) for s, e in clauses(self.a.tokens, start, end) if s <= item < e), (start, end))
        named = [e for e in self._events_in(*clause) if e.kind == "category"]
        if item_end is not None and cues().at("qualifier", self.a.tokens, item_end) is not None:
            own = [e for e in named if item_end <= e.start <= item_end + 2]
            if own:
                return own[0].value
        before = [e for e in named if e.start < item]
        if before:
            return before[-1].value
        return named[0].value if named else None

    def _confer(
        self,
        ref: Ref,
        kind: str,
        start: int,
        end: int,
        rank: int | None,
        nominee: bool,
        category: str | None,
        rule: str,
        business: bool = False,
    ) -> None:
        assert self.frame is not None
        frame = self.frame
        if kind == "organization":
            self.recipients.learn(start, end)
        self.frame.members.append(
            Conferral(frame, ref, kind, start, end, rank, nominee, category or frame.category, rule, business)
        )


def _cells(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int]]:
    """The token ranges between "|" separators of a line (one range when there is none)."""
    cells, cell_start = [], start
    for position in range(start, end):
        if tokens[position].text == "|":
            cells.append((cell_start, position))
            cell_start = position + 1
    cells.append((cell_start, end))
    return cells


def _table_header(a: Analysis, cells: list[tuple[int, int]]) -> dict[str, int] | None:
    """Which column holds what, when a line is a table's header ("Kategori | Peringkat | Penerima")."""
    columns: dict[str, int] = {}
    for index, (first, last) in enumerate(cells):
        words = {t.lower for t in a.tokens[first:last] if t.kind == "word"}
        if not words <= _every_header_word():
            return None  # a row: a header's cells are header words only
        for column, names in _header_words().items():
            if words & names and column not in columns:
                columns[column] = index
    return columns if "recipient" in columns and len(columns) >= 2 else None


@cache
def _header_words() -> dict[str, frozenset[str]]:
    """The words that head a table's columns, by column (award_cues.csv header_category, ...)."""
    return {column: _cue_words(f"header_{column}") for column in ("category", "place", "recipient")}


@cache
def _every_header_word() -> frozenset[str]:
    return frozenset().union(*_header_words().values(), _cue_words("header_other"))


def _editions_first(events: list[Event]) -> list[Event]:
    """A segment's edition before its other cues: "tingkat nasional Paritrana Award 2023" is that
    edition's round, not the one open before it."""
    return sorted(events, key=lambda e: e.kind != "edition")


def _in_title(a: Analysis, position: int) -> bool:
    return any(s.start <= position < s.end for s in a.spans_in("title", position - 4, position + 8))


# --- facts --------------------------------------------------------------------------------------


def _category_words(category: str) -> set[str]:
    """ "Pemerintah Kabupaten/Kota" -> {"pemerintah", "kabupaten", "kota"}: the words cues match."""
    return {w.casefold() for w in re.findall(r"[^\W_]+", category)}


def _competing(category: str) -> str | None:
    """Who competes in a category: villages ("Pemerintah Desa"), else organisations ("Badan Usaha
    Milik Daerah"), else regions ("Pemerintah Kabupaten/Kota"); None when no word says ("Utama")."""
    words = _category_words(category)
    for kind, cue in (("village", "village"), ("organization", "business"), ("region", "government")):
        if words & _cue_words(cue):
            return kind
    return None


def _for_businesses(category: str | None) -> bool:
    """Whether a category is one companies compete in ("Badan Usaha Besar", "UMKM")."""
    return _competing(category or "") == "organization"


def _fits(category: str, conferral: Conferral) -> bool:
    """Whether a category is one a recipient of this kind competes in (villages, governments of
    the level it names, organisations); a category whose words say none of these fits any."""
    kind = _competing(category)
    if kind == "region":
        levels = _category_words(category) & LEVEL_WORDS.keys()  # the levels of government it names
        return conferral.kind == "region" and (not levels or _region_level(conferral.recipient) in levels)
    return kind is None or conferral.kind == kind


def _region_level(ref: Ref) -> str | None:
    return Gazetteer.load().get(ref.key).level if ref.kind == "region" else None


def _level(frame: Frame) -> str | None:
    """The frame's round; "tingkat provinsi" unnamed is the one province all its region recipients lie in."""
    if frame.level != OWN_PROVINCE:
        return frame.level
    gazetteer = Gazetteer.load()
    provinces = set()
    for member in frame.members:
        if member.recipient.kind == "region":
            region = gazetteer.get(member.recipient.key)
            provinces.add(region.code if region.level == "provinsi" else region.province_code)
    return provinces.pop() if len(provinces) == 1 else None


class AwardExtractor:
    """Award conferrals and shortlists with year, result, rank, level and category."""

    name: ClassVar[str] = "awards"
    produces: ClassVar[tuple[type[Fact], ...]] = (AwardFact, OrganizationFact)

    def __call__(self, doc: Document) -> list[Fact]:
        if not _mentions_an_award(doc.text):
            return []
        conferrals = FrameReader(doc).read()
        merged: list[AwardFact] = []
        for conferral in conferrals:
            for fact in _facts(doc, conferral):
                same = next((i for i, m in enumerate(merged) if _same_conferral(m, fact)), None)
                if same is None:
                    merged.append(fact)
                else:
                    merged[same] = _merge(merged[same], fact)
        return [*merged, *_unnamed_recipients(doc, conferrals)]


def _unnamed_recipients(doc: Document, conferrals: list[Conferral]) -> list[OrganizationFact]:
    """The businesses an award goes to that no lexicon knows ("Juara 1: Pie Kak Mah"): the award
    makes them organisations the article speaks of."""
    named = {match.name for match in orgs(doc)}
    a = analysis(doc)
    found: dict[str, OrganizationFact] = {}
    for conferral in conferrals:
        name = conferral.recipient.key
        if conferral.kind != "organization" or conferral.recipient.kind != "organization" or name in named:
            continue
        business = conferral.business or _for_businesses(conferral.category)
        if not (business or conferral.rule == "award.frame.ranked"):
            continue  # a name read from running text alone is too often no business at all
        start, end = a.chars(conferral.start, conferral.end)
        found.setdefault(
            name,
            OrganizationFact(
                name=name, evidence=doc.evidence(start, end), rule="organization.recipient", confidence=0.6
            ),
        )
    return list(found.values())


def _mentions_an_award(text: str) -> bool:
    """A cheap look before the analysis: most articles name no award at all."""
    lowered = text.casefold()
    return any(word in lowered for word in AWARD_WORDS) or any(name in lowered for name in _award_names())


def _facts(doc: Document, conferral: Conferral) -> list[AwardFact]:
    frame = conferral.frame
    a = analysis(doc)
    category = conferral.category
    if category is not None and not _fits(category, conferral):
        category = None
    fitting = [c for c in frame.late_categories if _fits(c, conferral)]
    if category is None and len(fitting) == 1:
        category = fitting[0]
    start, end = a.chars(conferral.start, conferral.end)
    return [
        AwardFact(
            award=frame.award,
            year=year,
            recipient=conferral.recipient,
            result="nominee" if conferral.nominee else "winner",
            rank=conferral.rank,
            level=_level(frame),
            category=category,
            evidence=doc.evidence(start, end),
            rule="award.undated" if frame.undated else conferral.rule,
            confidence=0.6 if frame.undated else 0.85 + (0.05 if conferral.rank else 0),
        )
        for year in frame.years
    ]


def _same_conferral(first: AwardFact, later: AwardFact) -> bool:
    """One recipient's mentions of one edition, unless they name two rounds: a province's winner
    that was a finalist of the national round has a fact for each."""
    if (first.award, first.year, first.recipient) != (later.award, later.year, later.recipient):
        return False
    return first.level is None or later.level is None or first.level == later.level


def _merge(first: AwardFact, later: AwardFact) -> AwardFact:
    """One fact per recipient and edition: what the first mention leaves open, a later one may give."""
    return replace(
        first,
        rank=first.rank if first.rank is not None else later.rank,
        level=first.level or later.level,
        category=first.category or later.category,
        result="winner" if "winner" in (first.result, later.result) and first.rank else first.result,
    )
