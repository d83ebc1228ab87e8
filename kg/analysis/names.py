"""Name chunkers over tokens: where a person's or an organisation's name begins and ends.

Names in Indonesian news are capitalised runs, and the hard part is their edges:

- A person's name drops the honorifics and academic titles around it (kg/data/honorifics.txt:
  "Dr. H. Budi Santoso, S.H." is "Budi Santoso"), keeps initials ("M. Jaelani", "E Ilyas
  Lubis"), and ends at a lower-case word (a verb), a clause break, a title or an
  organisation's head word ("Budi Kepala Dinas ..." is Budi and the next person's title).
- An organisation's name begins at a head word (org_heads.csv: Dinas, Badan, PT, Bank, ...,
  or an agency acronym shape from kg/data/names.jsonl: "Dinperinaker") and runs on over
  capitalised words whether or not a lexicon lists them: "Dinas Nakertrans TTU". It takes
  in a region (which ends the name unless more places are coordinated with it: "Cabang Muba
  dan Banyuasin"), an acronym in parentheses ("(Disnakermobduk)"), and "dan"/"serta"/"&"
  only when a capitalised content word follows that does not begin a second name ("Dinas
  Sosial dan Dinas Kesehatan" is two).
- "TITLE ORG NAME" has no comma between the organisation and its head's name: the
  capitalised words after the organisation's last sure end (a region, an acronym, a word of
  kg/data/org_words.txt, a parenthesis) that no lexicon knows are the holder's name, not
  the organisation's ("Kepala Badan X Manokwari Gery Dame Malelak").

The readers take token positions and give token ranges; the extractors turn them into facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kg.analysis.document import Analysis
from kg.analysis.matcher import Span, TokenMatcher, load_patterns, match_in_windows
from kg.analysis.tokens import Token
from kg.lexicon import data_text, rows, words

COMPANY_KINDS = frozenset({"company", "foundation", "university", "hospital"})
NAMED_AFTER_PERSONS = frozenset({"foundation", "university", "hospital"})
#: heads whose names may say where the body is, after "di": "Gereja Masehi Injili di Minahasa"
PLACED_HEADS = frozenset({"Gereja"})
SPAN_REACH = 8  # tokens a region's or head word's mention may take ("Dewan Pimpinan Cabang")
#: bodies whose names may chain heads: a union's board, a federation of unions
BODY_KINDS = frozenset({"union", "association"})
# "and": company names written in English ("Pulp and Paper")
CONNECTORS = frozenset({"dan", "serta", "&", "and"})
MAX_PERSON_WORDS = 6
MAX_ORG_TOKENS = 16
MAX_HONORIFIC_TOKENS = 16
#: acronyms for kinds of bodies, written after a body's name to say what it is, never a field of it
KIND_ACRONYMS = frozenset({"BUMD", "BUMN", "BUMDes", "BUMG", "BUMK", "BLUD", "BPR"})
WORD_LABELS = frozenset({"org_head", "not_name"})  # the labels of names.jsonl that match one token


@dataclass(frozen=True)
class Chunk:
    """A name: tokens [start, end), its text as recorded, and what kind of name it is."""

    start: int
    end: int
    name: str
    kind: str
    acronym: tuple[int, int] | None = None  # the tokens inside "(ACRONYM)" within an organisation's name


@dataclass(frozen=True)
class Lexicon:
    """The word lists the chunkers read, loaded once."""

    honorifics: frozenset[str]  # without dots
    non_name: frozenset[str]
    org_words: frozenset[str]
    abbreviations: frozenset[str]  # abbreviated given names, without the dot ("Moh")
    areas: frozenset[str]
    offices: frozenset[str]  # after one of these, a capitalised word is an office's place
    known: frozenset[str]  # the first words of known organisations' names (kg/data/organizations.csv)
    street_words: frozenset[str]  # first words of places named after persons (named_place_words.txt)
    businesses: frozenset[str]  # first words of words for a business (business_words.txt), lowercase


def _undotted(word: str) -> str:
    return word.replace(".", "")


@cache
def lexicon() -> Lexicon:
    titles = {w for row in rows("titles.csv") for w in row["title"].split()}
    acting = {_undotted(w) for row in rows("acting_prefixes.csv") for w in row["prefix"].split()}
    heads = {_undotted(w) for row in rows("org_heads.csv") for w in row["head"].split()}
    return Lexicon(
        honorifics=frozenset(_undotted(h) for h in words("honorifics.txt")),
        non_name=frozenset(titles | acting | heads | set(words("non_name_words.txt"))),
        org_words=words("org_words.txt"),
        businesses=frozenset(w.split()[0] for w in words("business_words.txt")),
        abbreviations=frozenset(_undotted(w) for w in words("name_abbreviations.txt")),
        areas=frozenset(w for area in words("office_areas.txt") for w in area.split()),
        offices=words("office_words.txt"),
        known=frozenset(
            name.split()[0]
            for row in rows("organizations.csv")
            for name in [row["name"], *row["aliases"].split("|")]
            if name
        ),
        street_words=frozenset(w.split()[0].rstrip(".") for w in words("named_place_words.txt")),
    )


@cache
def patterns() -> TokenMatcher:
    """The token patterns of kg/data/names.jsonl (agency acronyms that head a name, degrees)."""
    return load_patterns(data_text("names.jsonl"), "kg/data/names.jsonl")


@cache
def described_patterns() -> TokenMatcher:
    """The patterns of kg/data/org_patterns.jsonl: names set off before the words for what they are."""
    return load_patterns(data_text("org_patterns.jsonl"), "kg/data/org_patterns.jsonl")


@cache
def _described_cues() -> frozenset[str]:
    """The words right after the comma in the described patterns ("perusahaan", "produsen", ...)."""
    found: set[str] = set()
    for _, specs in described_patterns().patterns:
        for before, after in pairwise(specs):
            if before.words == frozenset({","}) and after.words:
                found |= after.words
    return frozenset(found)


class Names:
    """The name chunkers over one analysed article; build once per article (`names_of`)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.tokens: Sequence[Token] = analysis.tokens
        self.lex = lexicon()
        self.extra: dict[str, dict[int, int]] = {}
        self._persons: dict[tuple[int, int], Chunk | None] = {}
        self._described: list[tuple[int, int]] | None = None
        # the word shapes are one capitalised token each: matched on those tokens alone, for speed
        capitalised = [t for t in analysis.tokens if t.kind == "word" and t.is_title]
        for match in patterns()(capitalised, ()):
            if match.label in WORD_LABELS:
                index = capitalised[match.start].index
                self.extra.setdefault(match.label, {})[index] = index + 1
        self._sentence_end = [0] * len(self.tokens)
        for start, end in analysis.sentences:
            for index in range(start, min(end, len(self.tokens))):
                self._sentence_end[index] = end

    def described(self) -> list[tuple[int, int]]:
        """Businesses no head word begins, set off by a comma before the words for what they are
        ("Sorong Petro Nusantara, perusahaan jasa migas"): their capitalised words from the first,
        two at least, and no title's or region's alone. Token ranges, in text order."""
        if self._described is None:
            self._described = []
            # only sentences with a comma before a word for what a business is can hold one
            cues = _described_cues()
            tokens = self.tokens
            windows = [
                (start, end)
                for start, end in self.analysis.sentences
                if any(tokens[i].text == "," and tokens[i + 1].lower in cues for i in range(start, end - 1))
            ]
            matches = match_in_windows(described_patterns(), self.tokens, (), windows)
            for match in matches:
                start, end = match.groups["name"]
                before = self.tokens[start - 1] if start else None
                if before is not None and before.is_title and before.kind == "word":
                    continue  # the longest run is matched from its first word
                if end - start >= 2 and not self._claimed_otherwise(start, end):
                    self._described.append((start, end))
        return self._described

    def _claimed_otherwise(self, start: int, end: int) -> bool:
        """A title holder ("Bupati Lahat, ...") or a region ("Kabupaten Lahat, produsen kopi ...")."""
        analysis = self.analysis
        if analysis.spans_in("title", start, end):
            return True
        region = analysis.span_at("region", start)
        return region is not None and region.end >= end

    # --- shared ------------------------------------------------------------------------------

    def limit(self, position: int) -> int:
        """The end of the sentence that holds a token (names never cross a sentence)."""
        if position >= len(self.tokens):
            return len(self.tokens)
        return self._sentence_end[position] or len(self.tokens)

    def text(self, start: int, end: int) -> str:
        return " ".join(self.analysis.words(start, end).split()).replace("’", "'")

    def _is_honorific(self, index: int) -> bool:
        token = self.tokens[index]
        return token.kind == "word" and _undotted(token.text) in self.lex.honorifics

    def _skip_honorifics(self, position: int, limit: int) -> int:
        """Past honorifics, their dots and commas, and a parenthesised honoris causa ("(H.C.)").

        At most MAX_HONORIFIC_TOKENS are skipped: the longest real run ("Prof. Dr. (H.C.)
        K.H.") is shorter, and a page of "Dr. Dr. Dr. ..." must not cost a scan per word.
        """
        limit = min(limit, position + MAX_HONORIFIC_TOKENS)
        while position < limit:
            token = self.tokens[position]
            if self._is_honorific(position) or (token.text in (".", ",") and position > 0):
                if token.text in (".", ",") and not self._is_honorific(position - 1):
                    return position
                position += 1
            elif token.text == "(" and position + 2 < limit and self.tokens[position + 2].text == ")":
                if not self._is_honorific(position + 1) and self.tokens[position + 1].text != "H.C.":
                    return position
                position += 3
            else:
                return position
        return position

    def _starts_other(self, index: int) -> bool:
        """Whether a title or an organisation's head begins at a token."""
        analysis = self.analysis
        return (
            analysis.span_at("title", index) is not None
            or analysis.span_at("org_head", index) is not None
            or index in self.extra.get("org_head", {})
        )

    # --- persons -----------------------------------------------------------------------------

    def _person_word(self, index: int) -> bool:
        token = self.tokens[index]
        if token.kind != "word" or not token.is_title or self._starts_other(index):
            return False
        if (
            token.is_upper
            or _undotted(token.text) in self.lex.non_name
            or index in self.extra.get("not_name", {})
        ):
            return False
        return len(token.text) == 1 or not self._is_honorific(index)

    def person(self, position: int, limit: int | None = None) -> Chunk | None:
        """A person's name starting at a token (after honorifics), without its titles and degrees.

        Several readers ask for the same names (appositions, cued and capitalised persons), so
        each answer is kept for the article.
        """
        limit = min(limit if limit is not None else len(self.tokens), self.limit(position))
        key = (position, limit)
        if key not in self._persons:
            self._persons[key] = self._person(position, limit)
        return self._persons[key]

    def _person(self, position: int, limit: int) -> Chunk | None:
        start = self._skip_honorifics(position, limit)
        if self.analysis.span_at("region", start) is not None:
            return None  # "... Provinsi Riau H Rasidin": a name begins after the place, not at it
        end, count = start, 0
        while end < limit and count < MAX_PERSON_WORDS and self._person_word(end):
            word = self.tokens[end].text
            end, count = end + 1, count + 1
            glued = end < limit and self.tokens[end].text == "."
            if glued and (len(word) == 1 or word in self.lex.abbreviations):
                end += 1  # an initial or an abbreviated given name keeps its dot: "M. Jaelani"
        if count and self.tokens[end - 1].text == "." and count > 1 and not self._continues_after(end, limit):
            end -= 2  # "... Budi S." at a sentence's end: the initial's dot is the full stop
            count -= 1
        if not count or (count == 1 and len(self.tokens[start].text) <= 2):
            return None
        return Chunk(start, end, self.text(start, end), "person")

    def _continues_after(self, end: int, limit: int) -> bool:
        return end < limit and self.tokens[end].is_title and self.tokens[end].kind == "word"

    def degrees_end(self, end: int, limit: int | None = None) -> int:
        """Past academic degrees written after a name (", S.H., M.M.", " SE MM", " AP")."""
        limit = min(limit if limit is not None else len(self.tokens), self.limit(end))
        position, reached = end, end
        while position < limit:
            token = self.tokens[position]
            if token.text in (",", "."):
                position += 1
                continue
            if token.kind == "word" and len(token.text) > 1 and self._is_honorific(position):
                position += 1
                reached = position
                continue
            degree = self._degree_at(position, limit)
            if degree is not None:
                position = reached = degree
                continue
            break
        return reached

    def _degree_at(self, position: int, limit: int) -> int | None:
        """The end of a degree of kg/data/names.jsonl that starts at a token ("S.Si.")."""
        window = list(self.tokens[position : min(limit, position + 4)])
        ends = [m.end for m in patterns()(window, ()) if m.label == "degree" and m.start == 0]
        return position + max(ends) if ends else None

    # --- organisations -----------------------------------------------------------------------

    def head_at(self, position: int) -> tuple[int, str, bool] | None:
        """An organisation's head word at a token: (its end, its kind, whether it names one alone)."""
        span = self.analysis.span_at("org_head", position)
        if span is not None and span.text.split()[0] == span.data.get("head", span.text).split()[0]:
            return span.end, span.data.get("kind", "agency"), span.data.get("alone") == "1"
        end = self.extra.get("org_head", {}).get(position)
        return (end, "agency", True) if end is not None else None

    def org(self, position: int, limit: int | None = None, headless: bool = False) -> Chunk | None:
        """An organisation's name starting at a token: at a head word, or anywhere with `headless`.

        `headless` is for a name right after a title, which needs no head word ("Ketua DPP
        Apindo Riau"); it then needs a sure end (an acronym, a region, a known word) to count.
        """
        limit = min(limit if limit is not None else len(self.tokens), self.limit(position))
        head = self.head_at(position)
        if head is None and not headless:
            return None
        kind = head[1] if head else "agency"
        end = head[0] if head else position
        sure = [end] if head and (head[2] or self.tokens[position].is_upper) else []
        council = self.analysis.span_at("region", position)
        if head is not None and council is not None and council.end > end and council.end <= limit:
            end = council.end  # "DPRD Jember": a region written with its council as the cue
            sure.append(end)
        placed = head is not None and self.tokens[position].text in PLACED_HEADS
        end, sure, acronym = self._run(end, limit, sure, kind, placed)
        if head is not None and self._in_headline(position):
            end = self._headline_end(position, head[0], end, sure)
        if kind not in COMPANY_KINDS or (kind in NAMED_AFTER_PERSONS and self._place_last(sure, end)):
            # a campus or hospital named after a person keeps the name, unless its place ended it first:
            # "Direktur Politeknik Negeri Palu Sitti Hadijah"
            alone = bool(head and (head[2] or self.tokens[position].is_upper))
            end = self._without_holder(position if head is None else head[0], end, sure, alone)
        if end <= position or (head is not None and end == head[0] and not head[2]):
            return None
        if head is None and not sure:
            return None
        if acronym and acronym[1] > end:
            acronym = None
        return Chunk(position, end, self.text(position, end), kind, acronym)

    def _run(
        self, end: int, limit: int, sure: list[int], kind: str = "agency", placed: bool = False
    ) -> tuple[int, list[int], tuple[int, int] | None]:
        """Run a name on from `end`: capitalised words, regions, acronyms, inner connectors.

        In the name of a body named after people, a person's honorifics are part of it ("RSUD
        Dr. Soetomo", "Universitas Prof. Dr. Hamka").
        """
        tokens, analysis, acronym = self.tokens, self.analysis, None
        honours = kind in NAMED_AFTER_PERSONS
        after_region = False
        while end < limit and len(sure) < MAX_ORG_TOKENS:
            token = tokens[end]
            if honours and (self._is_honorific(end) or _an_initial(tokens, end, limit)):
                # "RSUD dr. M. Yunus": the honorifics and initials of the person it is named after
                past = end + 1 + (end + 1 < limit and tokens[end + 1].text == ".")
                if past < limit and tokens[past].kind == "word" and tokens[past].is_title:
                    end = past
                    continue
            region = analysis.span_at("region", end)
            if region is not None and region.end <= limit and not self._is_honorific(end):
                end, after_region = region.end, True
                sure.append(end)
                continue
            if token.text == "(":
                inner = self._acronym_in(end, limit)
                if inner is None:
                    break
                acronym = (end + 1, inner - 1)
                end = inner
                sure.append(end)
                continue
            if token.text == "," and kind == "agency" and not after_region:
                merged = self._merged_fields(end + 1, limit)
                if merged is not None:  # "Dinas Tenaga Kerja, Koperasi dan UKM"
                    end = merged
                    sure.append(end)
                    continue
            if placed and token.lower == "di" and self._named_place(end + 1, limit):
                end += 1  # "Gereja Kristen Injili di Tanah Papua"
                continue
            if token.lower in CONNECTORS or token.text == ",":
                if token.lower == "serta" and not (
                    end + 1 < limit and tokens[end + 1].text in self.lex.org_words
                ):
                    break  # "CV Amplang serta Toko X": "serta" joins two names, seldom two words of one
                if not self._joins(end + 1, limit, token.text == ",", after_region):
                    break
                if kind in COMPANY_KINDS and self._names_a_business(end + 1, limit):
                    break  # "PT Palu Makmur dan Hotel Santika": a word for a business begins the next
                end += 1
                continue
            if not self._org_word(end, kind):
                break
            placed = placed or token.text in PLACED_HEADS  # "Sinode Gereja ... di Tanah Papua"
            end, after_region = end + 1, False
            if (
                token.is_upper
                or token.text in self.lex.org_words
                or token.text in self.lex.areas
                or (end >= 2 and tokens[end - 2].text in self.lex.offices)  # "Cabang Meulaboh"
            ):
                sure.append(end)
        return end, sure, acronym

    def _place_last(self, sure: list[int], end: int) -> bool:
        """Whether a name's last sure word ends a region's mention."""
        last = max((s for s in sure if s <= end), default=None)
        return last is not None and last < end and bool(self._spans_ending("region", last))

    def _spans_ending(self, label: str, index: int) -> list[Span]:
        """The spans of a label that end right before a token (a region, a head word)."""
        return [s for s in self.analysis.spans_in(label, max(0, index - SPAN_REACH), index) if s.end == index]

    def _in_headline(self, position: int) -> bool:
        headline = self.analysis.span_at("headline", 0)
        return headline is not None and position < headline.end

    def _headline_end(self, start: int, head_end: int, end: int, sure: list[int]) -> int:
        """Where a name ends in a title-case headline, where capitals say nothing ("Dewan
        Pengupahan Batam Memanas", "Komisi IV DPRD Kaltim Kebut Raperda"): at its first place,
        else at its last sure word."""
        for position in range(start, end):
            region = self.analysis.span_at("region", position)
            if region is not None and head_end <= region.end <= end:
                return region.end
        last = max((s for s in sure if s <= end), default=None)
        return last if last is not None and last > head_end else end

    def _named_place(self, position: int, limit: int) -> bool:
        """A place a church is named after ("di Minahasa", "di Tanah Papua"), not where a building
        stands ("di Jalan Sudirman", "di Kota Ambon")."""
        if position >= limit or not self.tokens[position].is_title:
            return False
        region = self.analysis.span_at("region", position)
        if region is not None:
            return not region.data.get("cue")
        return self.tokens[position].text not in self.lex.street_words

    def _merged_fields(self, position: int, limit: int) -> int | None:
        """The end of the other fields of a merged office after a comma ("Dinas Perdagangan,
        Koperasi, UKM dan Tenaga Kerja"): capitalised fields of a few words, separated by commas,
        the last after "dan"; the list must close with "dan", or the comma ends the name."""
        tokens, fields, joined = self.tokens, 0, False
        while position < limit and fields < 5:
            field_end = position
            while (
                field_end < limit
                and field_end - position < 4
                and tokens[field_end].kind == "word"
                and tokens[field_end].is_title
                and tokens[field_end].lower not in CONNECTORS
                and self.analysis.span_at("region", field_end) is None
                and self.analysis.span_at("title", field_end) is None
            ):
                field_end += 1
            words = tokens[position:field_end]
            if (
                not words
                or tokens[position].text in self.lex.known  # "Apindo": a body of its own
                or (self.head_at(position) and self.org(position, field_end))  # "Dinas Kesehatan", "PT X"
                or not any(w.text in self.lex.org_words or w.is_upper for w in words)  # a person's name
            ):
                return None
            fields += 1
            if joined:
                return field_end
            if field_end < limit and tokens[field_end].lower in ("dan", "serta", "&"):
                joined = True
            elif not (field_end < limit and tokens[field_end].text == ","):
                return None
            position = field_end + 1
        return None

    def _org_word(self, index: int, kind: str = "agency") -> bool:
        token = self.tokens[index]
        if token.kind == "number":
            if index > 0 and self.tokens[index - 1].text == "Negeri" and len(token.text) <= 3:
                return True  # "SMK Negeri 3 Singaraja", "SD Negeri 12 Ambon": a public school's number
            return index + 1 < len(self.tokens) and self.tokens[index + 1].text == "/"
        if token.text == "/" and index > 0 and self.tokens[index - 1].kind == "number":
            return True
        if token.kind != "word" or not token.is_title:
            return False
        if self.analysis.span_at("title", index) is not None or self._is_honorific(index):
            return token.text in self.lex.org_words  # "Sekretariat Dewan", not "Kepala"
        head = self.head_at(index)
        if head is not None and head[1] in COMPANY_KINDS and index > 0 and self.tokens[index - 1].is_upper:
            return True  # "PT Bank Sulselbar", "PT Rumah Sakit X": a company's name may begin with a head
        if head is not None and token.text in PLACED_HEADS and self._spans_ending("org_head", index):
            return True  # "Sinode Gereja Protestan Maluku": the synod of a church
        if head is not None and head[1] in BODY_KINDS and self._ends_a_head(index):
            return True  # "Dewan Pimpinan Cabang Konfederasi Serikat Pekerja ...": a board of a union
        if head is not None and head[1] == "council" and kind == "commission":
            return True  # "Komisi D DPRD Kabupaten Jember": a commission of a council
        return _undotted(token.text) not in self.lex.non_name or token.text in self.lex.org_words

    def _ends_a_head(self, index: int) -> bool:
        """Whether the head word of a board or office ends right before a token."""
        return any(span.data.get("kind") in BODY_KINDS for span in self._spans_ending("org_head", index))

    def _joins(self, position: int, limit: int, comma: bool, after_region: bool) -> bool:
        """Whether a connector or comma at position-1 joins two parts of one name.

        After a region only another bare place continues ("Cabang Muba dan Banyuasin");
        otherwise a capitalised content word that begins no second name. A comma needs a word
        that a lexicon knows for a name's part, since commas mostly separate names.
        """
        if position >= limit:
            return False
        region = self.analysis.span_at("region", position)
        if after_region:
            before = self._spans_ending("region", position - 1)
            same = bool(before) and region is not None and before[0].data["codes"] == region.data["codes"]
            # "Cabang Muba dan Banyuasin" names two places; "Kota Batam, Batam Center" says where,
            # and so does a province after a comma ("Dinas X Kabupaten Sikka, Nusa Tenggara Timur")
            province = region is not None and "." not in region.data["codes"]
            return region is not None and not region.data.get("cue") and not same and not (comma and province)
        token = self.tokens[position]
        if self._starts_other(position) or token.kind != "word" or not token.is_title:
            return False
        if _undotted(token.text) in self.lex.non_name and token.text not in self.lex.org_words:
            return False
        if token.is_upper and token.text in self.lex.known:
            return False  # "BPKAD dan BPS Riau": a known body's acronym begins a second name
        if comma:  # ", Kabupaten Aceh Barat" after a name is its location, not a part of it
            if token.text in KIND_ACRONYMS:
                return False  # "Perumda Tirta X, BUMD yang ...": what the body is
            return region is None and (token.text in self.lex.org_words or token.is_upper)
        return True

    def _names_a_business(self, position: int, limit: int) -> bool:
        token = self.tokens[position] if position < limit else None
        return token is not None and token.is_title and token.lower in self.lex.businesses

    def _acronym_in(self, position: int, limit: int) -> int | None:
        """The end of "(ACRONYM)" or "(Short Form)" of at most three words at a token, if it is one."""
        for close in range(position + 2, min(limit, position + 5)):
            if self.tokens[close].text == ")":
                inner = self.tokens[position + 1 : close]
                if inner and all(t.kind == "word" and t.is_title for t in inner):
                    return close + 1
                return None
        return None

    def _without_holder(self, floor: int, end: int, sure: list[int], alone: bool) -> int:
        """Leave out the words after the name's last sure end when they read as a person's name.

        `floor` is where the name's own words begin (after its head); a head that names no
        body by itself keeps at least one word.
        """
        last = max((s for s in sure if s <= end), default=None)
        if last is None or last >= end or (last <= floor and not alone):
            return end
        if not alone and self.tokens[floor].text == "(" and self.tokens[last - 1].text == ")":
            return end  # "Pengurus Besar (PB) Alkhairaat": the short form of the head is no word of the name
        tail = [t for t in self.tokens[last:end] if not self._is_honorific(t.index)]
        if (
            not tail
            or len(tail) > 4
            or not all(t.kind == "word" and t.is_title and not t.is_upper for t in tail)
        ):
            return end
        if any(t.text in self.lex.org_words for t in tail):
            return end
        if self._holder_after_comma(end):
            return end  # "Ketua Gapoktan Tunas Harapan, Sulaiman": the holder is after the comma
        return last

    def _holder_after_comma(self, end: int) -> bool:
        """Whether a comma and a person's name follow a name's end (TITLE ORG, NAME)."""
        return (
            end + 1 < len(self.tokens) and self.tokens[end].text == "," and self.person(end + 1) is not None
        )


def _an_initial(tokens: Sequence[Token], position: int, limit: int) -> bool:
    """A single capital with its dot ("M." in "dr. M. Yunus")."""
    token = tokens[position]
    return (
        len(token.text) == 1
        and token.text.isupper()
        and position + 1 < limit
        and tokens[position + 1].text == "."
        and position > 0
        and tokens[position - 1].text == "."
    )


def names_of(analysis: Analysis) -> Names:
    """The name chunkers of an analysed article."""
    return Names(analysis)
