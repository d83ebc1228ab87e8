"""Overview pages: tables, timelines and charts across the whole graph, each with its CSV.

Awards by year and province, officials over time per region, coverage figures over time,
regulations by region and year, and a paged list of the members of each class. Each
overview is one plain function `(store, filters, page) -> Overview` that a page worker
runs (kg.serve.pool); the HTML page and the CSV download are both drawn from the
`Overview` it returns, so the CSV holds exactly the columns and rows of the table (all of
its pages) for the same filters. Timelines and charts are geometry computed here
(`Timeline`, `Chart`) and written as inline SVG by the templates: no script draws them.

Filters come from the query string, so a page's URL is its permalink. A value that cannot
be right (a year that is no number) is a `BadFilter`; a well-formed value the graph does
not know (a region code no region has) is an `UnknownValue`: both are answered 400 with a
message naming what is allowed. Interface text is in Indonesian with English beside it
(`Text`), as most readers read Indonesian first.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.namespaces import RESOURCE_BASE
from kg.serve.pages import describe_nodes, href_of, rows
from kg.serve.vocabulary import class_iri, term_name
from kg.store import KnowledgeStore

if TYPE_CHECKING:
    from kg.serve.app import State

T = TypeVar("T")
ROWS_PER_PAGE = 100
REGION = RESOURCE_BASE + "region/"
AWARD = RESOURCE_BASE + "award/"
MAX_PAGE = 100_000
MAX_TEXT = 100


@dataclass(frozen=True)
class Text:
    """A string of the interface in Indonesian (`id`) and in English (`en`)."""

    id: str
    en: str


ALL = Text("semua", "all")
NO_PLACE = "—"
NOWHERE = "(tanpa tempat · no place)"


# --- what an overview is made of ---------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its text (the same in the CSV) and, for an entity, its page."""

    text: str
    href: str | None = None


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    title: Text
    numeric: bool = False


@dataclass(frozen=True)
class Tick:
    at: float  # percent of the width (x) or pixels from the top (y)
    label: str


@dataclass(frozen=True)
class Span:
    """One post on a timeline: a bar from the first to the last article date that states it."""

    y: int
    start: float  # percent of the width
    end: float
    label: str
    title: str
    href: str | None


@dataclass(frozen=True)
class Timeline:
    height: int
    ticks: tuple[Tick, ...]
    spans: tuple[Span, ...]
    kind: str = "timeline"


@dataclass(frozen=True)
class Dot:
    x: float  # percent of the width
    y: float  # pixels from the top
    colour: str
    hollow: bool  # an approximate number ("hampir 14 ribu")
    title: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str


@dataclass(frozen=True)
class Chart:
    """Figures of one subject and unit over the years: a dot each, a line through each segment's medians."""

    height: int
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    dots: tuple[Dot, ...]
    legend: tuple[tuple[str, str], ...]  # (segment, colour)
    kind: str = "chart"


@dataclass(frozen=True)
class Group:
    """Rows that belong together (a year and province, a region), with their drawing if any."""

    title: Cell
    rows: tuple[Row, ...]
    drawing: Timeline | Chart | None = None
    undrawn: int = 0  # rows the drawing cannot place (no date, no year)


@dataclass(frozen=True)
class Paging:
    number: int
    count: int  # pages in all
    total: int  # rows, or groups when `by_group`
    first: int  # the first row (or group) of this page, from 1
    last: int
    by_group: bool

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


@dataclass(frozen=True)
class Field:
    """A filter of the form: its query parameter, the values it offers and the one chosen."""

    name: str
    title: Text
    options: tuple[tuple[str, str], ...]  # (value, shown)
    chosen: str
    default: Text = ALL  # what an empty value means
    free: bool = False  # typed text, not one of the options


@dataclass(frozen=True)
class Overview:
    name: str
    title: Text
    description: Text
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    paging: Paging
    fields: tuple[Field, ...]
    params: tuple[tuple[str, str], ...]  # the filters as chosen, for permalinks
    path: str
    rows_total: int  # on every page, as in the CSV
    notes: tuple[Text, ...] = ()

    @property
    def drawn(self) -> bool:
        return any(group.drawing is not None for group in self.groups)

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


# --- filters -----------------------------------------------------------------------------------


class BadFilter(ValueError):
    """A filter value that cannot be right whatever the graph holds (a year that is no number)."""


class UnknownValue(LookupError):
    """A well-formed filter value the graph does not know (a region code no region has).

    A LookupError: a page worker sends those back to be raised again (kg.serve.worker).
    """


class NoSuchPage(LookupError):
    """A page number past the last page."""


YEAR = re.compile(r"\d{4}")
REGION_CODE = re.compile(r"\d{2}(?:\.\d{2})?")
PROVINCE_CODE = re.compile(r"\d{2}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _param(params: Mapping[str, str], name: str) -> str | None:
    text = params.get(name, "").strip()
    if len(text) > MAX_TEXT:
        raise BadFilter(f"{name}: paling banyak {MAX_TEXT} karakter (at most {MAX_TEXT} characters)")
    return text or None


def _matching(params: Mapping[str, str], name: str, pattern: re.Pattern[str], example: str) -> str | None:
    text = _param(params, name)
    if text is not None and not pattern.fullmatch(text):
        raise BadFilter(
            f"{name}={_shown(text)}: tidak sah, contoh {example} (not valid; for example {example})"
        )
    return text


def year_param(params: Mapping[str, str], name: str = "year") -> int | None:
    text = _matching(params, name, YEAR, "2024")
    return int(text) if text else None


def region_param(params: Mapping[str, str], name: str = "region") -> str | None:
    """A Kemendagri code: 35 (a province, with its regencies and cities) or 35.77."""
    return _matching(params, name, REGION_CODE, "35, 35.77")


def choice_param(params: Mapping[str, str], name: str, allowed: Sequence[str]) -> str | None:
    text = _param(params, name)
    if text is not None and text not in allowed:
        raise BadFilter(f"{name}={_shown(text)}: pilih salah satu (choose one of) {', '.join(allowed)}")
    return text


def page_param(params: Mapping[str, str]) -> int:
    text = _param(params, "page") or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise BadFilter(f"page={_shown(text)}: nomor halaman dari 1 (a page number from 1)")
    return int(text)


def format_param(params: Mapping[str, str]) -> str:
    return choice_param(params, "format", ("html", "csv")) or "html"


class Filters:
    """What the filters of every overview share: their query parameters, in field order, for links."""

    def params(self) -> tuple[tuple[str, str], ...]:
        values = ((f.name, getattr(self, f.name)) for f in fields(self))  # type: ignore[arg-type]
        return tuple((name, str(value)) for name, value in values if value is not None)


@dataclass(frozen=True)
class AwardFilters(Filters):
    year: int | None = None
    province: str | None = None  # a province's Kemendagri code
    result: str | None = None
    award: str | None = None  # the award's slug (paritrana-award)

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> AwardFilters:
        return cls(
            year_param(params),
            _matching(params, "province", PROVINCE_CODE, "35"),
            choice_param(params, "result", RESULTS),
            _matching(params, "award", SLUG, "paritrana-award"),
        )


@dataclass(frozen=True)
class OfficialFilters(Filters):
    region: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> OfficialFilters:
        return cls(region_param(params))


@dataclass(frozen=True)
class FigureFilters(Filters):
    region: str | None = None
    segment: str | None = None
    unit: str | None = None
    modality: str | None = None  # None: stated figures only ("asserted"); "all": targets and drafts too

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> FigureFilters:
        return cls(
            region_param(params),
            _param(params, "segment"),
            _param(params, "unit"),
            _param(params, "modality"),
        )


@dataclass(frozen=True)
class RegulationFilters(Filters):
    region: str | None = None
    year: int | None = None
    kind: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> RegulationFilters:
        return cls(region_param(params), year_param(params), _param(params, "kind"))


@dataclass(frozen=True)
class ClassFilters(Filters):
    q: str | None = None  # a part of the name, in any case

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ClassFilters:
        return cls(_param(params, "q"))


def _known(name: str, value: str | None, known: Iterable[str]) -> None:
    """UnknownValue unless `value` is one of those the graph has."""
    allowed = sorted(set(known))
    if value is not None and value not in allowed:
        listed = ", ".join(allowed[:30]) + (" …" if len(allowed) > 30 else "")
        raise UnknownValue(
            f"{name}={_shown(value)}: tidak ada di graf (not in the graph); yang ada (known): {listed}"
        )


def _region_exists(store: KnowledgeStore, name: str, code: str | None, cls: str = "kg:Region") -> None:
    if code is not None and not store.query(f"ASK {{ <{REGION}{code}> a {cls} }}"):
        raise UnknownValue(
            f"{name}={_shown(code)}: tidak ada daerah dengan kode ini (no region has this code)"
        )


def region_code(iri: str) -> str | None:
    """The Kemendagri code in a region's IRI (kgid:region/35.77 -> 35.77); None for anything else."""
    return iri[len(REGION) :] if iri.startswith(REGION) else None


def in_region(iri: str, code: str | None) -> bool:
    """Whether `iri` is the region `code` or, when `code` is a province's, lies in it."""
    if code is None:
        return True
    own = region_code(iri)
    return own is not None and (own == code or own.startswith(code + "."))


# --- paging and grouping ------------------------------------------------------------------------


def window(items: Sequence[T], size: int, page: int | None, by_group: bool) -> tuple[Sequence[T], Paging]:
    """The items of one page, or all of them when `page` is None (a CSV); NoSuchPage past the last."""
    if page is None:
        return items, Paging(1, 1, len(items), min(1, len(items)), len(items), by_group)
    count = max(1, -(-len(items) // size))
    if page > count:
        raise NoSuchPage(
            f"halaman {page} tidak ada, hanya {count} (page {page} does not exist: there are {count})"
        )
    start = (page - 1) * size
    shown = items[start : start + size]
    return shown, Paging(page, count, len(items), start + min(1, len(shown)), start + len(shown), by_group)


def grouped(keyed: Iterable[tuple[Cell, Row]]) -> tuple[Group, ...]:
    """Consecutive rows under the same title, as groups (the rows come sorted)."""
    titles: list[Cell] = []
    members: list[list[Row]] = []
    for title, row in keyed:
        if not titles or titles[-1] != title:
            titles.append(title)
            members.append([])
        members[-1].append(row)
    return tuple(Group(title, tuple(rows_)) for title, rows_ in zip(titles, members, strict=True))


def _by_rows(keyed: Sequence[tuple[Cell, Row]], page: int | None) -> tuple[tuple[Group, ...], Paging]:
    shown, paging = window(keyed, ROWS_PER_PAGE, page, by_group=False)
    return grouped(shown), paging


# --- reading the graph ---------------------------------------------------------------------------

_read: dict[str, tuple[str, Any]] = {}


def read_once(store: KnowledgeStore, name: str, read: Callable[[KnowledgeStore], T]) -> T:
    """`read(store)`, made once per store generation and kept by the page worker.

    A generation never changes once written (kg.store), and an overview reads all of its
    kind whatever the filters, so filtering and paging reuse one reading; a build that
    switches generations makes the next request read again. A store without generations
    (in memory) is read every time.
    """
    if store.generation is None:
        return read(store)
    generation = f"{store.path}:{store.generation}"
    kept = _read.get(name)
    if kept is None or kept[0] != generation:
        kept = _read[name] = (generation, read(store))
    value: T = kept[1]
    return value


def _collect(found: Iterable[dict[str, Any]], key: str) -> dict[str, dict[str, set[str]]]:
    """The rows of a query per `key`: each variable's distinct values (optional values repeat rows)."""
    records: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in found:
        record = records[row[key].value]
        for name, term in row.items():
            if term is not None:
                record[name].add(term.value)
    return records


def _text(term: Any) -> str:
    return "" if term is None else str(term.value)


def _one(record: Mapping[str, set[str]], name: str) -> str:
    """One value of a variable, the smallest: the same whichever order the store returns them in."""
    values = record.get(name)
    return min(values) if values else ""


def _joined(record: Mapping[str, set[str]], name: str) -> str:
    return "; ".join(sorted(record.get(name, ())))


class Names:
    """Labels and pages of the entities an overview shows, read once for all of them."""

    def __init__(self, store: KnowledgeStore, iris: Iterable[str]) -> None:
        self.nodes = describe_nodes(store, {iri for iri in iris if iri})

    def label(self, iri: str) -> str:
        node = self.nodes.get(iri)
        return node.label if node else (iri or NO_PLACE)

    def cell(self, iri: str) -> Cell:
        node = self.nodes.get(iri)
        return Cell(node.label, node.href) if node else Cell(iri or NO_PLACE, href_of(iri) if iri else None)

    def key(self, iri: str) -> tuple[bool, str, str]:
        """Sorts by name, case aside, with the nameless last."""
        return not iri, self.label(iri).casefold(), iri

    def regions(self, iris: Iterable[str]) -> tuple[tuple[str, str], ...]:
        """(code, name) of each region among `iris`, by name: the options of a region filter."""
        found = {(code, self.label(iri)) for iri in iris if (code := region_code(iri))}
        return tuple(sorted(found, key=lambda option: option[1].casefold()))


def _number_key(text: str) -> tuple[int, str]:
    digits = re.match(r"\d+", text)
    return (int(digits.group()) if digits else 1 << 30), text


def _choices(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in sorted(set(values), key=str.casefold) if value)


def _overview(name: str, filters: Filters, **parts: Any) -> Overview:
    spec = OVERVIEWS[name]
    return Overview(
        name=name,
        title=spec.title,
        description=spec.description,
        path=f"/overview/{name}",
        params=filters.params(),
        **parts,
    )


# --- awards --------------------------------------------------------------------------------------

RESULTS = ("winner", "nominee")
RESULT_TEXT = {"winner": "pemenang", "nominee": "nominasi"}
AWARD_COLUMNS = (
    Column("year", Text("Tahun", "Year"), numeric=True),
    Column("province", Text("Provinsi", "Province")),
    Column("award", Text("Penghargaan", "Award")),
    Column("recipient", Text("Penerima", "Recipient")),
    Column("result", Text("Hasil", "Result")),
    Column("rank", Text("Peringkat", "Rank"), numeric=True),
    Column("level", Text("Tingkat", "Level")),
    Column("category", Text("Kategori", "Category")),
)
AWARD_QUERY = """SELECT ?c ?award ?year ?recipient ?result ?rank ?category ?national ?level ?home WHERE {
  ?c a kg:AwardConferral ; kg:award ?award ; kg:editionYear ?year ; kg:recipient ?recipient .
  OPTIONAL { ?c kg:result ?result } OPTIONAL { ?c kg:rank ?rank } OPTIONAL { ?c kg:category ?category }
  OPTIONAL { ?c kg:nationalLevel ?national } OPTIONAL { ?c kg:awardLevel ?level }
  OPTIONAL { ?recipient kg:province ?home }
}"""


@dataclass(frozen=True)
class Conferral:
    """One conferral or shortlisting, with the values several articles may each have stated."""

    iri: str
    award: str
    year: int
    recipient: str
    province: str  # the recipient's province (a province is its own), else the round's; "" for none
    level: str  # the province whose round it was, or ""
    national: bool
    result: str
    rank: str
    category: str


def award_overview(store: KnowledgeStore, filters: AwardFilters, page: int | None) -> Overview:
    """Award conferrals and shortlistings by year, newest first, then by province."""
    conferrals, names = read_once(store, "awards", _conferrals)
    _known("award", filters.award, (c.award.removeprefix(AWARD) for c in conferrals))
    _region_exists(store, "province", filters.province, "kg:Province")
    options = (
        Field(
            "year",
            Text("Tahun", "Year"),
            _choices(str(c.year) for c in conferrals)[::-1],
            str(filters.year or ""),
        ),
        Field(
            "province",
            Text("Provinsi", "Province"),
            names.regions(c.province for c in conferrals),
            filters.province or "",
        ),
        Field(
            "result",
            Text("Hasil", "Result"),
            tuple((r, f"{RESULT_TEXT[r]} · {r}") for r in RESULTS),
            filters.result or "",
        ),
        Field(
            "award",
            Text("Penghargaan", "Award"),
            tuple(sorted({(c.award.removeprefix(AWARD), names.label(c.award)) for c in conferrals})),
            filters.award or "",
        ),
    )
    chosen = sorted(
        (c for c in conferrals if _award_wanted(c, filters)), key=lambda c: _award_order(c, names)
    )
    keyed = [(Cell(f"{c.year} · {names.label(c.province)}"), _award_row(c, names)) for c in chosen]
    groups, paging = _by_rows(keyed, page)
    return _overview(
        "awards",
        filters,
        columns=AWARD_COLUMNS,
        groups=groups,
        paging=paging,
        fields=options,
        rows_total=len(keyed),
    )


def _conferrals(store: KnowledgeStore) -> tuple[list[Conferral], Names]:
    found = []
    for iri, record in _collect(rows(store, AWARD_QUERY), "c").items():
        recipient, level = _one(record, "recipient"), _one(record, "level")
        own = recipient if (code := region_code(recipient)) and "." not in code else ""
        found.append(
            Conferral(
                iri=iri,
                award=_one(record, "award"),
                year=int(_one(record, "year")),
                recipient=recipient,
                province=_one(record, "home") or own or level,
                level=level,
                national=_one(record, "national") == "true",
                result=_joined(record, "result"),
                rank=_joined(record, "rank"),
                category=_joined(record, "category"),
            )
        )
    return found, Names(store, (iri for c in found for iri in (c.award, c.recipient, c.province, c.level)))


def _award_wanted(c: Conferral, filters: AwardFilters) -> bool:
    return (
        filters.year in (None, c.year)
        and (filters.province is None or region_code(c.province) == filters.province)
        and (filters.result is None or filters.result in c.result.split("; "))
        and (filters.award is None or c.award == AWARD + filters.award)
    )


def _award_order(c: Conferral, names: Names) -> tuple[Any, ...]:
    result = RESULTS.index(c.result) if c.result in RESULTS else len(RESULTS)
    return (
        -c.year,
        names.key(c.province),
        names.label(c.award),
        result,
        _number_key(c.rank),
        names.key(c.recipient),
    )


def _award_row(c: Conferral, names: Names) -> Row:
    level = Cell("nasional") if c.national else names.cell(c.level) if c.level else Cell("")
    return (
        Cell(str(c.year)),
        names.cell(c.province),
        Cell(names.label(c.award), href_of(c.iri)),  # the conferral's own page has its evidence
        names.cell(c.recipient),
        Cell(c.result),
        Cell(c.rank),
        level,
        Cell(c.category),
    )


# --- officials -----------------------------------------------------------------------------------

OFFICIAL_GROUPS_PER_PAGE = 20
OFFICIAL_COLUMNS = (
    Column("where", Text("Tempat", "Where")),
    Column("role", Text("Jabatan", "Post")),
    Column("person", Text("Nama", "Person")),
    Column("first_stated", Text("Pertama disebut", "First stated")),
    Column("last_stated", Text("Terakhir disebut", "Last stated")),
    Column("articles", Text("Berita", "Articles"), numeric=True),
)
OFFICIAL_QUERY = """SELECT ?post ?role ?holder ?in (MIN(?date) AS ?first) (MAX(?date) AS ?last)
       (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?post a kg:Post ; kg:holder ?holder .
  OPTIONAL { ?post kg:roleLabel ?role } OPTIONAL { ?post kg:postIn ?in }
  OPTIONAL { ?post kg:evidence/kg:inArticle ?article OPTIONAL { ?article dcterms:date ?date } }
} GROUP BY ?post ?role ?holder ?in"""


@dataclass(frozen=True)
class Tenure:
    """A post as the articles state it: who held which office where, first and last stated when."""

    post: str
    role: str
    holder: str
    where: str  # the region or body of the post, "" for none
    first: str  # ISO dates of the articles, "" when none is dated
    last: str
    articles: int


def official_overview(store: KnowledgeStore, filters: OfficialFilters, page: int | None) -> Overview:
    """Posts per region (or body), each drawn on a timeline from its first to its last article date."""
    tenures, names = read_once(store, "officials", _tenures)
    _region_exists(store, "region", filters.region)
    options = (
        Field(
            "region", Text("Daerah", "Region"), names.regions(t.where for t in tenures), filters.region or ""
        ),
    )
    places: dict[str, list[Tenure]] = defaultdict(list)
    for tenure in tenures:
        if in_region(tenure.where, filters.region):
            places[tenure.where].append(tenure)
    ordered = sorted(places, key=names.key)
    shown, paging = window(ordered, OFFICIAL_GROUPS_PER_PAGE, page, by_group=True)
    axis = TimeAxis.spanning(t.first or t.last for where in shown for t in places[where]) if page else None
    groups = tuple(_official_group(sorted(places[where], key=_tenure_order), names, axis) for where in shown)
    total = sum(len(places[where]) for where in ordered)
    return _overview(
        "officials",
        filters,
        columns=OFFICIAL_COLUMNS,
        groups=groups,
        paging=paging,
        fields=options,
        rows_total=total,
    )


def _tenures(store: KnowledgeStore) -> tuple[list[Tenure], Names]:
    tenures = [
        Tenure(
            post=row["post"].value,
            role=_text(row["role"]),
            holder=row["holder"].value,
            where=_text(row["in"]),
            first=_text(row["first"]),
            last=_text(row["last"]),
            articles=int(row["articles"].value),
        )
        for row in rows(store, OFFICIAL_QUERY)
    ]
    return tenures, Names(store, (iri for t in tenures for iri in (t.holder, t.where)))


def _tenure_order(t: Tenure) -> tuple[bool, str, str, str]:
    return not t.first, t.first, t.role.casefold(), t.post


def _official_group(tenures: list[Tenure], names: Names, axis: TimeAxis | None) -> Group:
    rows_ = tuple(
        (
            names.cell(t.where),
            Cell(t.role, href_of(t.post)),
            names.cell(t.holder),
            Cell(t.first),
            Cell(t.last),
            Cell(str(t.articles)),
        )
        for t in tenures
    )
    dated = [t for t in tenures if t.first]
    drawing = (
        axis.timeline(
            [(t.first, t.last, f"{t.role} — {names.label(t.holder)}", t.post, t.articles) for t in dated]
        )
        if axis and dated
        else None
    )
    where = tenures[0].where
    title = names.cell(where) if where else Cell(NOWHERE)
    return Group(title, rows_, drawing, len(tenures) - len(dated) if drawing else 0)


# --- timelines -----------------------------------------------------------------------------------

AXIS_HEIGHT = 22
SPAN_HEIGHT = 30
EDGE = 1.5  # percent of the width kept free at each end, so that a dot there is whole
MAX_LABEL = 70


@dataclass(frozen=True)
class TimeAxis:
    """Whole years from `start` to `end`, mapped onto the width of a drawing in percent."""

    start: date
    end: date

    @classmethod
    def spanning(cls, dates: Iterable[str]) -> TimeAxis:
        years = [int(text[:4]) for text in dates if text]
        low, high = (min(years), max(years)) if years else (date.today().year, date.today().year)
        return cls(date(low, 1, 1), date(high + 1, 1, 1))

    def x(self, when: date) -> float:
        share = (when - self.start).days / (self.end - self.start).days
        return round(EDGE + share * (100 - 2 * EDGE), 2)

    def ticks(self) -> tuple[Tick, ...]:
        years = range(self.start.year, self.end.year + 1)
        step = max(1, -(-len(years) // 10))
        return tuple(Tick(self.x(date(year, 1, 1)), str(year)) for year in years[::step])

    def timeline(self, spans: Sequence[tuple[str, str, str, str, int]]) -> Timeline:
        """(first, last, label, IRI, articles) of each post as bars under a year axis."""
        drawn = []
        for index, (first, last, label, iri, articles) in enumerate(spans):
            short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
            title = f"{label}: {first} – {last} ({articles} berita · articles)"
            y = AXIS_HEIGHT + index * SPAN_HEIGHT
            start, end = self.x(date.fromisoformat(first)), self.x(date.fromisoformat(last or first))
            drawn.append(Span(y, start, end, short, title, href_of(iri)))
        return Timeline(AXIS_HEIGHT + len(spans) * SPAN_HEIGHT + 4, self.ticks(), tuple(drawn))


# --- coverage figures ------------------------------------------------------------------------------

FIGURE_GROUPS_PER_PAGE = 12
ASSERTED = "asserted"
FIGURE_COLUMNS = (
    Column("subject", Text("Daerah", "Subject")),
    Column("segment", Text("Segmen", "Segment")),
    Column("unit", Text("Satuan", "Unit")),
    Column("year", Text("Tahun acuan", "Reference year"), numeric=True),
    Column("as_of", Text("Per tanggal", "As of")),
    Column("value", Text("Nilai", "Value"), numeric=True),
    Column("approximate", Text("Perkiraan", "Approximate")),
    Column("modality", Text("Modalitas", "Modality")),
    Column("article", Text("Berita", "Article")),
)
FIGURE_QUERY = """SELECT ?f ?subject ?value ?unit ?segment ?year ?asOf ?approximate ?modality ?article WHERE {
  ?f a kg:CoverageFigure ; kg:subject ?subject ; kg:value ?value ; kg:unit ?unit .
  OPTIONAL { ?f kg:segment ?segment } OPTIONAL { ?f kg:refYear ?year } OPTIONAL { ?f kg:asOf ?asOf }
  OPTIONAL { ?f kg:approximate ?approximate } OPTIONAL { ?f kg:modality ?modality }
  OPTIONAL { ?f kg:evidence/kg:inArticle ?article }
}"""


@dataclass(frozen=True)
class Figure:
    """One coverage figure as one article states it."""

    iri: str
    subject: str
    value: str  # as written in the graph, without a trailing .0
    unit: str
    segment: str  # "total" when the text names none
    year: str  # the reference year the text gives, else ""
    as_of: str  # the article's date, else ""
    approximate: bool
    modality: str
    article: str

    @property
    def when(self) -> int | None:
        """The year the figure is drawn at: the one the text gives, else the article's."""
        text = self.year or self.as_of[:4]
        return int(text) if text else None

    @property
    def number(self) -> float:
        return float(self.value)


def figure_overview(store: KnowledgeStore, filters: FigureFilters, page: int | None) -> Overview:
    """Coverage figures per subject and unit, each group charted over the years."""
    figures, names = read_once(store, "figures", _figures)
    _region_exists(store, "region", filters.region)
    _known("segment", filters.segment, (f.segment for f in figures))
    _known("unit", filters.unit, (f.unit for f in figures))
    _known("modality", filters.modality, ["all", *(f.modality for f in figures)])
    options = (
        Field(
            "region",
            Text("Daerah", "Region"),
            names.regions(f.subject for f in figures),
            filters.region or "",
        ),
        Field(
            "segment", Text("Segmen", "Segment"), _choices(f.segment for f in figures), filters.segment or ""
        ),
        Field("unit", Text("Satuan", "Unit"), _choices(f.unit for f in figures), filters.unit or ""),
        Field(
            "modality",
            Text("Modalitas", "Modality"),
            (("all", "semua · all"), *_choices(f.modality for f in figures if f.modality != ASSERTED)),
            filters.modality or "",
            Text("dinyatakan", ASSERTED),
        ),
    )
    series: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if _figure_wanted(figure, filters):
            series[(figure.subject, figure.unit)].append(figure)
    ordered = sorted(series, key=lambda key: (names.key(key[0]), key[1]))
    shown, paging = window(ordered, FIGURE_GROUPS_PER_PAGE, page, by_group=True)
    colours = _palette(f.segment for key in shown for f in series[key])
    groups = tuple(
        _figure_group(sorted(series[key], key=_figure_order), names, colours if page else None)
        for key in shown
    )
    total = sum(len(series[key]) for key in ordered)
    return _overview(
        "figures",
        filters,
        columns=FIGURE_COLUMNS,
        groups=groups,
        paging=paging,
        fields=options,
        rows_total=total,
    )


def _figures(store: KnowledgeStore) -> tuple[list[Figure], Names]:
    figures = [
        Figure(
            iri=iri,
            subject=_one(record, "subject"),
            value=_plain_number(_one(record, "value")),
            unit=_one(record, "unit"),
            segment=_one(record, "segment") or "total",
            year=_one(record, "year"),
            as_of=_one(record, "asOf"),
            approximate=_one(record, "approximate") == "true",
            modality=_one(record, "modality"),
            article=_one(record, "article"),
        )
        for iri, record in _collect(rows(store, FIGURE_QUERY), "f").items()
    ]
    return figures, Names(store, (iri for f in figures for iri in (f.subject, f.article)))


def _plain_number(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _figure_wanted(f: Figure, filters: FigureFilters) -> bool:
    modality = filters.modality or ASSERTED
    return (
        in_region(f.subject, filters.region)
        and filters.segment in (None, f.segment)
        and filters.unit in (None, f.unit)
        and modality in ("all", f.modality)
    )


def _figure_order(f: Figure) -> tuple[Any, ...]:
    return f.when or 0, f.as_of, f.segment, f.number, f.article


def _figure_group(figures: list[Figure], names: Names, colours: Mapping[str, str] | None) -> Group:
    rows_ = tuple(
        (
            names.cell(f.subject),
            Cell(f.segment),
            Cell(f.unit),
            Cell(f.year),
            Cell(f.as_of),
            Cell(f.value),
            Cell("true" if f.approximate else "false"),
            Cell(f.modality),
            names.cell(f.article),
        )
        for f in figures
    )
    title = names.cell(figures[0].subject)
    drawing = chart(figures, colours, names.label(figures[0].subject)) if colours is not None else None
    undrawn = sum(1 for f in figures if f.when is None) if drawing else 0
    return Group(Cell(f"{title.text} · {figures[0].unit}", title.href), rows_, drawing, undrawn)


# --- charts ----------------------------------------------------------------------------------------

# Okabe and Ito's colours, told apart by most colour-blind readers.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999")
CHART_HEIGHT = 210
PLOT_TOP = 16.0
PLOT_BOTTOM = 184.0


def _palette(segments: Iterable[str]) -> dict[str, str]:
    """A colour per segment, the same in every chart of a page."""
    return {segment: PALETTE[index % len(PALETTE)] for index, segment in enumerate(sorted(set(segments)))}


def chart(figures: Sequence[Figure], colours: Mapping[str, str], subject: str) -> Chart | None:
    """Dots for the figures that have a year, and a line through each segment's yearly medians."""
    placed = [f for f in figures if f.when is not None]
    if not placed:
        return None
    years = [f.when for f in placed if f.when is not None]
    low, high = min(years) - 0.5, max(years) + 0.5
    step = _nice_step(max(f.number for f in placed))
    top = step * max(1, -(-max(f.number for f in placed) // step))

    def x(year: float) -> float:
        return round(EDGE + (year - low) / (high - low) * (100 - 2 * EDGE), 2)

    def y(value: float) -> float:
        return round(PLOT_BOTTOM - value / top * (PLOT_BOTTOM - PLOT_TOP), 1)

    dots = tuple(
        Dot(x(f.when), y(f.number), colours[f.segment], f.approximate, _dot_title(f, subject))
        for f in placed
        if f.when is not None
    )
    lines = tuple(
        Line(x(a), y(va), x(b), y(vb), colours[segment])
        for segment, medians in _medians(placed).items()
        for (a, va), (b, vb) in itertools.pairwise(medians)
    )
    span = range(min(years), max(years) + 1)
    x_ticks = tuple(Tick(x(year), str(year)) for year in span[:: max(1, -(-len(span) // 8))])
    y_ticks = tuple(Tick(y(step * i), _tick_label(step * i)) for i in range(round(top / step) + 1))
    legend = tuple((segment, colours[segment]) for segment in sorted({f.segment for f in placed}))
    return Chart(CHART_HEIGHT, PLOT_BOTTOM, x_ticks, y_ticks, lines, dots, legend)


def _medians(figures: Iterable[Figure]) -> dict[str, list[tuple[int, float]]]:
    values: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for f in figures:
        if f.when is not None:
            values[f.segment][f.when].append(f.number)
    return {
        segment: [(year, statistics.median(found)) for year, found in sorted(by_year.items())]
        for segment, by_year in values.items()
    }


def _dot_title(f: Figure, subject: str) -> str:
    approximate = "≈ " if f.approximate else ""
    return f"{subject}, {f.segment}, {f.when}: {approximate}{f.value} {f.unit}" + (
        f" ({f.as_of})" if f.as_of else ""
    )


def _nice_step(largest: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that covers `largest` in about `ticks` steps."""
    if largest <= 0:
        return 1.0
    raw = largest / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude)


def _tick_label(value: float) -> str:
    """A thin space between thousands: neither the Indonesian dot nor the English comma misleads."""
    return f"{int(value):,}".replace(",", "\u2009") if value == int(value) else f"{value:g}"


# --- regulations -----------------------------------------------------------------------------------

REGULATION_COLUMNS = (
    Column("issuer", Text("Penerbit", "Issuer")),
    Column("kind", Text("Jenis", "Kind")),
    Column("number", Text("Nomor", "Number")),
    Column("year", Text("Tahun", "Year"), numeric=True),
    Column("title", Text("Judul", "Title")),
    Column("modality", Text("Status", "Status")),
    Column("articles", Text("Berita", "Articles"), numeric=True),
)
REGULATION_QUERY = """SELECT ?reg ?kind ?number ?year ?title ?issuer ?modality ?article WHERE {
  ?reg a kg:Regulation ; kg:regulationKind ?kind ; kg:regulationNumber ?number ; kg:regulationYear ?year .
  OPTIONAL { ?reg dcterms:title ?title } OPTIONAL { ?reg kg:issuer ?issuer }
  OPTIONAL { ?reg kg:modality ?modality }
  OPTIONAL { ?reg kg:evidence/kg:inArticle ?article }
}"""


@dataclass(frozen=True)
class Regulation:
    iri: str
    issuer: str
    kind: str
    number: str
    year: int
    title: str  # several articles may title it differently: each title, joined
    modality: str  # asserted, or draft (a Ranperda)
    articles: int


def regulation_overview(store: KnowledgeStore, filters: RegulationFilters, page: int | None) -> Overview:
    """Regulations by issuing region, newest first within each."""
    regulations, names = read_once(store, "regulations", _regulations)
    _region_exists(store, "region", filters.region)
    _known("kind", filters.kind, (r.kind for r in regulations))
    options = (
        Field(
            "region",
            Text("Daerah", "Region"),
            names.regions(r.issuer for r in regulations),
            filters.region or "",
        ),
        Field(
            "year",
            Text("Tahun", "Year"),
            _choices(str(r.year) for r in regulations)[::-1],
            str(filters.year or ""),
        ),
        Field("kind", Text("Jenis", "Kind"), _choices(r.kind for r in regulations), filters.kind or ""),
    )
    chosen = sorted(
        (
            r
            for r in regulations
            if in_region(r.issuer, filters.region)
            and filters.year in (None, r.year)
            and filters.kind in (None, r.kind)
        ),
        key=lambda r: (names.key(r.issuer), -r.year, r.kind, _number_key(r.number)),
    )
    keyed = [(names.cell(r.issuer), _regulation_row(r, names)) for r in chosen]
    groups, paging = _by_rows(keyed, page)
    return _overview(
        "regulations",
        filters,
        columns=REGULATION_COLUMNS,
        groups=groups,
        paging=paging,
        fields=options,
        rows_total=len(keyed),
    )


def _regulations(store: KnowledgeStore) -> tuple[list[Regulation], Names]:
    regulations = [
        Regulation(
            iri=iri,
            issuer=_one(record, "issuer"),
            kind=_one(record, "kind"),
            number=_one(record, "number"),
            year=int(_one(record, "year")),
            title=_joined(record, "title"),
            modality=_joined(record, "modality"),
            articles=len(record.get("article", ())),
        )
        for iri, record in _collect(rows(store, REGULATION_QUERY), "reg").items()
    ]
    return regulations, Names(store, (r.issuer for r in regulations))


def _regulation_row(r: Regulation, names: Names) -> Row:
    return (
        names.cell(r.issuer),
        Cell(r.kind),
        Cell(r.number, href_of(r.iri)),
        Cell(str(r.year)),
        Cell(r.title),
        Cell(r.modality),
        Cell(str(r.articles)),
    )


# --- the members of a class --------------------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    """What a class list shows beside each name: a title and the pattern that binds ?detail for ?n."""

    title: Text
    pattern: str


REGION_CLASSES = ("Region", "Province", "Regency", "City")
CODE_DETAIL = Detail(Text("Kode", "Code"), "?n kg:kemendagriCode ?detail")
DETAILS = {
    **dict.fromkeys(REGION_CLASSES, CODE_DETAIL),
    "Person": Detail(Text("Jabatan", "Posts"), "?post kg:holder ?n ; kg:roleLabel ?detail"),
    "Organization": Detail(Text("Nama lain", "Other names"), "?n skos:altLabel ?detail"),
    "Programme": Detail(Text("Penyelenggara", "Operator"), "?n kg:operator/skos:prefLabel ?detail"),
    "Regulation": Detail(Text("Penerbit", "Issuer"), "?n kg:issuer/skos:prefLabel ?detail"),
    "Award": Detail(Text("Tahun", "Years"), "?c kg:award ?n ; kg:editionYear ?detail"),
    "AwardConferral": Detail(Text("Penerima", "Recipient"), "?n kg:recipient/rdfs:label ?detail"),
    "CoverageFigure": Detail(Text("Subjek", "Subject"), "?n kg:subject/rdfs:label ?detail"),
    "Post": Detail(Text("Tempat", "Where"), "?n kg:postIn/rdfs:label ?detail"),
    "Article": Detail(Text("Media", "Outlet"), "?n kg:outlet ?detail"),
}


def class_title(cls: str) -> Text:
    """A class as the ontology names it, in Indonesian and in English."""
    return Text(term_name(class_iri(cls), "id").main, term_name(class_iri(cls), "en").main)


def class_columns(cls: str) -> tuple[Column, ...]:
    detail = Column("detail", DETAILS[cls].title)
    if cls == "Article":
        return (
            Column("title", Text("Judul", "Title")),
            Column("date", Text("Tanggal", "Date")),
            detail,
            Column("facts", Text("Fakta", "Facts"), numeric=True),
        )
    shown_class = (Column("class", Text("Kelas", "Class")),) if cls == "Region" else ()
    return (
        Column("name", Text("Nama", "Name")),
        *shown_class,
        detail,
        Column("articles", Text("Berita", "Articles"), numeric=True),
        Column("first_stated", Text("Pertama disebut", "First stated")),
        Column("last_stated", Text("Terakhir disebut", "Last stated")),
    )


def class_list(store: KnowledgeStore, cls: str, filters: ClassFilters, page: int | None) -> Overview:
    """The members of a class by name (articles newest first), with when the news spoke of them.

    Regions are listed when an article mentions them: the gazetteer names every region of
    Indonesia, and a list of hundreds that nothing is known about helps nobody.
    """
    members, names, stats = read_once(store, f"list/{cls}", partial(_members, cls=cls))
    wanted = (filters.q or "").casefold()
    chosen = [iri for iri in members if wanted in names.label(iri).casefold()]
    if cls == "Article":
        chosen.sort(key=lambda iri: (members[iri] == "", _descending(members[iri]), names.key(iri)))
    else:
        chosen.sort(key=names.key)
    shown, paging = window(chosen, ROWS_PER_PAGE, page, by_group=False)
    rows_ = tuple(_member_row(cls, iri, names, stats.get(iri, {})) for iri in shown)
    title = class_title(cls)
    notes: tuple[Text, ...] = ()
    if cls in REGION_CLASSES:
        every = int(rows(store, f"SELECT (COUNT(?n) AS ?n) WHERE {{ ?n a kg:{cls} }}")[0]["n"].value)
        notes = (
            Text(
                f"{len(members)} dari {every} daerah disebut dalam berita; sisanya hanya ada di gazetir.",
                f"{len(members)} of {every} regions are mentioned by the articles;"
                " the rest are only in the gazetteer.",
            ),
        )
    return Overview(
        name=f"list/{cls}",
        title=title,
        description=Text(f"Semua {title.id.lower()} dalam graf.", f"Every {title.en.lower()} in the graph."),
        columns=class_columns(cls),
        groups=(Group(Cell(""), rows_),) if rows_ else (),
        paging=paging,
        fields=(Field("q", Text("Nama memuat", "Name contains"), (), filters.q or "", free=True),),
        params=filters.params(),
        path=f"/overview/list/{cls}",
        rows_total=len(chosen),
        notes=notes,
    )


def _descending(text: str) -> str:
    """A key that sorts ISO dates newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _members(store: KnowledgeStore, cls: str) -> tuple[dict[str, str], Names, dict[str, dict[str, str]]]:
    """The members of the class with their dates (articles) or "", their names and what is shown of them."""
    if cls == "Article":
        query = "SELECT ?n ?d WHERE { ?n a kg:Article OPTIONAL { ?n dcterms:date ?d } }"
    elif cls in REGION_CLASSES:
        query = f"SELECT DISTINCT ?n WHERE {{ ?n a kg:{cls} ; kg:evidence ?m }}"
    else:
        query = f"SELECT DISTINCT ?n WHERE {{ ?n a kg:{cls} }}"
    found: dict[str, str] = {}
    for row in rows(store, query):
        found[row["n"].value] = max(found.get(row["n"].value, ""), _text(row.get("d")))
    return found, Names(store, found), _member_stats(store, cls)


def _member_stats(store: KnowledgeStore, cls: str) -> dict[str, dict[str, str]]:
    """Per member of the class: its detail, how many articles state it and when (an article: facts, date).

    Read for the whole class in two queries, faster than for one page of it by name once
    the reading is kept (`read_once`), and what the CSV needs anyway.
    """
    if cls == "Article":
        stated = "OPTIONAL { ?n dcterms:date ?d } OPTIONAL { ?a kg:inArticle ?n }"
    else:
        stated = "OPTIONAL { ?n kg:evidence/kg:inArticle ?a OPTIONAL { ?a dcterms:date ?d } }"
    counts = rows(
        store,
        f"SELECT ?n (COUNT(DISTINCT ?a) AS ?count) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{"
        f" ?n a kg:{cls} {stated} }} GROUP BY ?n",
    )
    details = rows(
        store,
        f"SELECT ?n (GROUP_CONCAT(DISTINCT ?detail; separator='; ') AS ?details) WHERE {{"
        f" ?n a kg:{cls} . {DETAILS[cls].pattern} }} GROUP BY ?n",
    )
    stats: dict[str, dict[str, str]] = defaultdict(dict)
    for row in [*counts, *details]:
        stats[row["n"].value].update({name: _text(term) for name, term in row.items() if name != "n"})
    for row in details:
        stats[row["n"].value]["details"] = "; ".join(
            sorted(_text(row["details"]).split("; "), key=str.casefold)
        )
    return stats


def _member_row(cls: str, iri: str, names: Names, stats: Mapping[str, str]) -> Row:
    detail = Cell(stats.get("details", ""))
    if cls == "Article":
        return names.cell(iri), Cell(stats.get("first", "")), detail, Cell(stats.get("count", "0"))
    node = names.nodes.get(iri)
    shown_class = (Cell(class_title(node.cls).id if node else ""),) if cls == "Region" else ()
    return (
        names.cell(iri),
        *shown_class,
        detail,
        Cell(stats.get("count", "0")),
        Cell(stats.get("first", "")),
        Cell(stats.get("last", "")),
    )


# --- CSV ------------------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(overview: Overview) -> str:
    """The table as CSV (RFC 4180: CRLF line ends, quotes where needed) with a header row of column keys.

    A cell a spreadsheet would run as a formula (=HYPERLINK(...) in an article's title)
    starts with an apostrophe, which spreadsheets show as text and hide.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(column.key for column in overview.columns)
    for group in overview.groups:
        writer.writerows([_inert(cell.text) for cell in row] for row in group.rows)
    return buffer.getvalue()


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_filename(overview: Overview) -> str:
    parts = [overview.name.replace("/", "-"), *(value for _, value in overview.params)]
    return re.sub(r"[^A-Za-z0-9.-]+", "-", "-".join(parts)).strip("-").lower() + ".csv"


# --- the overviews, and their pages -------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    name: str
    title: Text
    description: Text
    filters: Callable[[Mapping[str, str]], Filters]
    function: Callable[..., Overview]


OVERVIEWS = {
    spec.name: spec
    for spec in (
        Spec(
            "awards",
            Text("Penghargaan per tahun dan provinsi", "Awards by year and province"),
            Text(
                "Pemenang dan nominasi Paritrana Award (dan penghargaan lain), per tahun lalu provinsi.",
                "Winners and nominees of the Paritrana Award (and other awards), by year, then province.",
            ),
            AwardFilters.from_params,
            award_overview,
        ),
        Spec(
            "officials",
            Text("Linimasa pejabat per daerah", "Officials timeline per region"),
            Text(
                "Setiap jabatan dengan tanggal berita pertama dan terakhir yang menyebutnya.",
                "Each post with the first and last date an article states it.",
            ),
            OfficialFilters.from_params,
            official_overview,
        ),
        Spec(
            "figures",
            Text("Angka kepesertaan dari waktu ke waktu", "Coverage figures over time"),
            Text(
                "Angka kepesertaan per daerah dan segmen; garis melewati median tiap tahun.",
                "Coverage figures per region and segment; the line goes through each year's median.",
            ),
            FigureFilters.from_params,
            figure_overview,
        ),
        Spec(
            "regulations",
            Text("Peraturan per daerah dan tahun", "Regulations by region and year"),
            Text(
                "Perda, Perwal, Perbup, Pergub dan lainnya: jenis, nomor, tahun, judul dan penerbit.",
                "Perda, Perwal, Perbup, Pergub and others: kind, number, year, title and issuer.",
            ),
            RegulationFilters.from_params,
            regulation_overview,
        ),
    )
}


def page_href(overview: Overview, page: int | None = None, fmt: str | None = None) -> str:
    """A link to the overview with its filters: to one page of it, or to its CSV."""
    params = [
        *overview.params,
        *([("page", str(page))] if page and page > 1 else []),
        *([("format", fmt)] if fmt else []),
    ]
    return overview.path + ("?" + urlencode(params) if params else "")


async def index_page(state: State, request: Request) -> Response:
    from kg.serve import app, pages  # app imports this module

    counts = await state.page(pages.class_counts)
    listed = [(cls, class_title(cls), n, colour) for cls, n, colour in counts if cls in DETAILS]
    return app.render("overview_index.html", overviews=list(OVERVIEWS.values()), classes=listed, query="")


async def overview_page(state: State, request: Request) -> Response:
    name = request.path_params["name"]
    spec = OVERVIEWS.get(name)
    if spec is None:
        raise HTTPException(404, f"tidak ada ikhtisar {name!r} (no overview {name!r}); see /overview")
    return await _answer(state, request, spec.filters, spec.function)


async def class_list_page(state: State, request: Request) -> Response:
    cls = request.path_params["cls"]
    if cls not in DETAILS:
        raise HTTPException(404, f"tidak ada daftar kelas {cls!r} (no class list {cls!r}); see /overview")
    return await _answer(state, request, ClassFilters.from_params, class_list, cls)


async def _answer(
    state: State,
    request: Request,
    parse: Callable[[Mapping[str, str]], Filters],
    function: Callable[..., Overview],
    *leading: str,
) -> Response:
    """The overview as HTML (one page of it) or as CSV (all of it); 400 for a filter that cannot be met."""
    from kg.serve import app  # app imports this module

    params = request.query_params
    try:
        fmt = format_param(params)
        filters = parse(params)
        page = None if fmt == "csv" else page_param(params)
    except BadFilter as error:
        raise HTTPException(400, str(error)) from error
    try:
        overview = await state.page(function, *leading, filters, page)
    except UnknownValue as error:
        raise HTTPException(400, str(error)) from error
    except NoSuchPage as error:
        raise HTTPException(404, str(error)) from error
    if fmt == "csv":
        disposition = f'attachment; filename="{csv_filename(overview)}"'
        return Response(
            csv_text(overview),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": disposition},
        )
    links = {
        "permalink": page_href(overview, overview.paging.number),
        "csv": page_href(overview, fmt="csv"),
        "clear": overview.path,
        "previous": page_href(overview, overview.paging.previous) if overview.paging.previous else None,
        "next": page_href(overview, overview.paging.next) if overview.paging.next else None,
        "first": page_href(overview, 1),
        "last": page_href(overview, overview.paging.count),
    }
    return app.render("overview.html", overview=overview, links=links, query="")
