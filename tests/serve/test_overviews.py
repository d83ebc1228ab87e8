"""The overview pages on the seed store: their tables, drawings, filters, CSV downloads and errors."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
from browser_support import offline_page
from serve_sample import Running, start, stop
from starlette.testclient import TestClient

from kg.serve import overviews
from kg.serve.overviews import AwardFilters, ClassFilters, Figure, NoSuchPage, TimeAxis
from kg.store import KnowledgeStore

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PAGES = [
    "/overview/awards",
    "/overview/officials",
    "/overview/figures",
    "/overview/regulations",
    "/overview/list/Person",
    "/overview/list/Region",
    "/overview/list/Article",
    "/overview/list/AwardConferral",
]


class Tables(HTMLParser):
    """The header keys and body rows (cell texts) of every overview table of a page, and its group titles."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []
        self.rows: list[list[str]] = []
        self.groups: list[str] = []
        self._cell: list[str] | None = None
        self._in_group = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "th" and found.get("data-key") and found["data-key"] not in self.keys:
            self.keys.append(found["data-key"] or "")
        elif tag == "tr":
            self._in_group = found.get("class") == "group"
            if not self._in_group:
                self.rows.append([])
        elif tag == "td":
            self._cell = []
        elif tag == "th" and self._in_group:
            self.groups.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_group and self.groups:
            self.groups[-1] += data.strip()


def table(client: TestClient, path: str, **params: str) -> Tables:
    response = client.get(path, params=params, headers={"Accept": BROWSER})
    assert response.status_code == 200, response.text
    parsed = Tables()
    parsed.feed(response.text)
    parsed.rows = [row for row in parsed.rows if row]
    return parsed


def csv_rows(client: TestClient, path: str, **params: str) -> list[list[str]]:
    response = client.get(path, params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.text.endswith("\r\n")  # RFC 4180 line ends
    return list(csv.reader(io.StringIO(response.text)))


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[KnowledgeStore]:
    opened = KnowledgeStore(store_path, read_only=True)
    yield opened
    opened.close()


# --- awards ---------------------------------------------------------------------------------------


def test_the_award_table_lists_the_seed_awards_by_year_then_province(client: TestClient) -> None:
    found = table(client, "/overview/awards")
    assert found.keys == ["year", "province", "award", "recipient", "result", "rank", "level", "category"]
    rows = {(row[0], row[3], row[4]): row for row in found.rows}
    assert rows[("2021", "Kota Mojokerto", "winner")][5] == "3"
    assert rows[("2021", "Kota Mojokerto", "winner")][1] == "Provinsi Jawa Timur"
    assert rows[("2024", "Kabupaten Tangerang", "winner")][6] == "nasional"
    assert rows[("2024", "Kabupaten Tangerang", "winner")][1] == "Provinsi Banten"  # the recipient's province
    assert ("2023", "Kota Madiun", "nominee") in rows
    assert {("2025", name, "nominee") for name in ("Kota Jambi", "Kabupaten Sarolangun")} <= set(rows)
    years = [int(row[0]) for row in found.rows]
    assert years == sorted(years, reverse=True)
    assert "2025 · Provinsi Jambi" in found.groups and "2021 · Provinsi Jawa Timur" in found.groups


def test_recipients_link_to_their_entity_pages(client: TestClient) -> None:
    page = client.get("/overview/awards", params={"year": "2021"}, headers={"Accept": BROWSER}).text
    assert '<a href="/id/region/35.76">Kota Mojokerto</a>' in page
    assert re.search(r'<a href="/id/award/paritrana-award/2021/[^"]+">Paritrana Award</a>', page)


@pytest.mark.parametrize(
    ("params", "column", "expected"),
    [
        ({"year": "2025"}, 0, {"2025"}),
        ({"province": "35"}, 1, {"Provinsi Jawa Timur"}),
        ({"result": "winner"}, 4, {"winner"}),
        ({"result": "nominee", "province": "15"}, 1, {"Provinsi Jambi"}),
        ({"award": "paritrana-award", "year": "2023"}, 3, {"Kota Madiun"}),
    ],
)
def test_award_filters_keep_only_the_matching_rows(
    client: TestClient, params: dict[str, str], column: int, expected: set[str]
) -> None:
    every = table(client, "/overview/awards").rows
    chosen = table(client, "/overview/awards", **params).rows
    assert chosen and len(chosen) < len(every)
    assert {row[column] for row in chosen} == expected
    assert all(row in every for row in chosen)


def test_a_filter_that_matches_nothing_says_so(client: TestClient) -> None:
    page = client.get("/overview/awards", params={"year": "1999"}, headers={"Accept": BROWSER})
    assert page.status_code == 200
    assert "Tidak ada baris untuk filter ini." in page.text
    assert csv_rows(client, "/overview/awards", year="1999") == [
        [column.key for column in overviews.AWARD_COLUMNS]
    ]


# --- the CSV is the table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [(path, {}) for path in PAGES]
    + [
        ("/overview/awards", {"result": "nominee"}),
        ("/overview/officials", {"region": "15"}),
        ("/overview/figures", {"region": "35.77", "segment": "total"}),
        ("/overview/regulations", {"region": "15.71"}),
        ("/overview/list/Person", {"q": "ika"}),
    ],
)
def test_the_csv_holds_exactly_what_the_table_shows(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    shown = table(client, path, **params)
    downloaded = csv_rows(client, path, **params)
    assert downloaded[0] == shown.keys
    assert downloaded[1:] == shown.rows
    assert len(shown.rows) >= 1


def test_the_page_links_its_csv_and_its_permalink(client: TestClient) -> None:
    page = client.get(
        "/overview/awards",
        params={"result": "winner", "year": "", "province": "35"},
        headers={"Accept": BROWSER},
    ).text
    assert 'href="/overview/awards?province=35&amp;result=winner&amp;format=csv"' in page
    assert '<link rel="canonical" href="/overview/awards?province=35&amp;result=winner">' in page
    assert '<option value="winner" selected>' in page


# --- officials, figures, regulations ----------------------------------------------------------------


def test_the_officials_timeline_draws_each_dated_post(client: TestClient) -> None:
    response = client.get("/overview/officials", params={"region": "35.76"}, headers={"Accept": BROWSER})
    page = response.text
    assert page.count('<svg class="timeline"') == 1
    assert "<title>Wali Kota — Ika Puspitasari: 2022-01-19 – 2022-01-19 (1 berita · articles)</title>" in page
    assert re.search(r'<circle class="bar" cx="[\d.]+%"', page)  # a post stated on one day is a dot
    assert ">2022</text>" in page
    rows = table(client, "/overview/officials", region="35.76").rows
    assert rows == [["Kota Mojokerto", "Wali Kota", "Ika Puspitasari", "2022-01-19", "2022-01-19", "1"]]


def test_a_province_filter_takes_in_its_regencies_and_cities(client: TestClient) -> None:
    places = {row[0] for row in table(client, "/overview/officials", region="15").rows}
    assert places == {"Provinsi Jambi", "Kota Jambi"}


def test_coverage_figures_are_charted_over_the_years(client: TestClient) -> None:
    page = client.get("/overview/figures", params={"region": "35.76"}, headers={"Accept": BROWSER}).text
    assert page.count('<figure class="chart">') == 1
    dots = re.findall(r'<circle class="dot" cx="([\d.]+)%" cy="([\d.]+)"', page)
    assert len(dots) == 2
    (x2020, y48), (x2021, y55) = sorted((float(x), float(y)) for x, y in dots)
    assert x2020 < x2021 and y55 < y48  # 55 percent is drawn higher than 48
    assert page.count('<line class="series"') == 1
    assert ">2020</text>" in page and ">2021</text>" in page
    rows = table(client, "/overview/figures", region="35.76").rows
    assert [(row[3], row[5], row[2]) for row in rows] == [
        ("2020", "48", "percent"),
        ("2021", "55", "percent"),
    ]


def test_figures_without_a_year_are_tabled_and_counted_not_drawn(client: TestClient) -> None:
    page = client.get("/overview/figures", params={"region": "35.77"}, headers={"Accept": BROWSER}).text
    assert "3 baris tanpa tanggal atau tahun hanya ada di tabel." in page
    assert len(table(client, "/overview/figures", region="35.77").rows) == 4


@pytest.mark.parametrize(("segment", "count"), [("formal", 1), ("total", 2), ("informal", 1)])
def test_the_segment_filter(client: TestClient, segment: str, count: int) -> None:
    rows = table(client, "/overview/figures", region="35.77", segment=segment).rows
    assert len(rows) == count and {row[1] for row in rows} == {segment}


def test_regulations_by_region_and_year(client: TestClient) -> None:
    rows = table(client, "/overview/regulations").rows
    assert ["Kota Jambi", "Perwal", "46", "2017", "Pelaksanaan Program Jaminan Sosial di Kota Jambi"] in [
        row[:5] for row in rows
    ]
    assert ["Kota Mojokerto", "Perda", "9", "2019"] in [row[:4] for row in rows]
    assert [row[2] for row in table(client, "/overview/regulations", year="2017").rows] == ["46"]
    assert {row[1] for row in table(client, "/overview/regulations", kind="Perda").rows} == {"Perda"}


# --- class lists ------------------------------------------------------------------------------------


def test_the_class_lists_name_their_members(client: TestClient) -> None:
    people = {row[0]: row for row in table(client, "/overview/list/Person").rows}
    assert people["Ika Puspitasari"][1] == "Wali Kota"
    assert people["Maidi"][2] == "3"  # two seed articles and the test store's hostile one name him
    assert [row[0] for row in table(client, "/overview/list/Person", q="PUSPITA").rows] == ["Ika Puspitasari"]
    regions = table(client, "/overview/list/Region").rows
    assert ["Kota Madiun", "Kota", "35.77"] in [row[:3] for row in regions]
    dates = [row[1] for row in table(client, "/overview/list/Article").rows if row[1]]
    assert dates == sorted(dates, reverse=True)


def test_the_region_list_says_how_many_regions_the_articles_mention(client: TestClient) -> None:
    page = client.get("/overview/list/Region", headers={"Accept": BROWSER}).text
    shown = len(table(client, "/overview/list/Region").rows)
    assert re.search(rf"{shown} dari \d{{3}} daerah disebut dalam berita", page)


def test_the_overview_index_links_every_overview_and_class_list(client: TestClient) -> None:
    page = client.get("/overview", headers={"Accept": BROWSER}).text
    for name in overviews.OVERVIEWS:
        assert f'href="/overview/{name}"' in page
    for cls in ("Person", "Region", "Article", "Regulation", "CoverageFigure"):
        assert f'href="/overview/list/{cls}"' in page


# --- errors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/overview/awards", {"year": "abc"}, "year='abc'"),
        ("/overview/awards", {"year": "20245"}, "year='20245'"),
        ("/overview/awards", {"province": "35.77"}, "province='35.77'"),
        ("/overview/awards", {"province": "99"}, "no region has this code"),
        ("/overview/awards", {"result": "champion"}, "winner, nominee"),
        ("/overview/awards", {"award": "nobel-prize"}, "paritrana-award"),
        ("/overview/officials", {"region": "Madiun"}, "region='Madiun'"),
        ("/overview/figures", {"segment": "astronauts"}, "formal"),
        ("/overview/figures", {"modality": "rumour"}, "asserted"),
        ("/overview/regulations", {"kind": "Law"}, "Perwal"),
        ("/overview/regulations", {"format": "xlsx"}, "html, csv"),
        ("/overview/list/Person", {"page": "0"}, "page='0'"),
        ("/overview/list/Person", {"page": "two"}, "page='two'"),
        ("/overview/list/Person", {"q": "x" * 500}, "at most 100 characters"),
    ],
)
def test_a_bad_filter_is_a_400_that_says_why(
    client: TestClient, path: str, params: dict[str, str], message: str
) -> None:
    for accept in (BROWSER, "text/plain"):
        response = client.get(path, params=params, headers={"Accept": accept})
        assert response.status_code == 400
        assert message in response.text.replace("&#39;", "'")
        assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/overview/nothing", "/overview/list/Sentence", "/overview/list/Nothing"])
def test_unknown_overviews_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_a_page_past_the_last_is_404(client: TestClient) -> None:
    response = client.get("/overview/awards", params={"page": "9"})
    assert response.status_code == 404
    assert "there are 1" in response.text


# --- paging, drawings and CSV, as plain functions ----------------------------------------------------------


def test_paging_shows_every_row_once(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    every = overviews.award_overview(store, AwardFilters(), None)
    monkeypatch.setattr(overviews, "ROWS_PER_PAGE", 4)
    pages = [overviews.award_overview(store, AwardFilters(), number) for number in (1, 2)]
    assert [page.paging.count for page in pages] == [2, 2]
    assert [row for page in pages for group in page.groups for row in group.rows] == [
        row for group in every.groups for row in group.rows
    ]
    assert pages[1].paging.first == 5 and pages[1].paging.last == every.rows_total
    with pytest.raises(NoSuchPage):
        overviews.award_overview(store, AwardFilters(), 3)


def test_class_lists_page_too(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overviews, "ROWS_PER_PAGE", 5)
    first = overviews.class_list(store, "Person", ClassFilters(), 1)
    assert first.paging.count > 1 and first.row_count == 5
    last = overviews.class_list(store, "Person", ClassFilters(), first.paging.count)
    assert last.paging.last == first.rows_total


def figure(year: str, value: str, segment: str = "total", approximate: bool = False) -> Figure:
    return Figure(
        f"urn:f:{year}:{value}", "urn:s", value, "persons", segment, year, "", approximate, "asserted", ""
    )


def test_a_chart_draws_a_dot_per_figure_and_a_line_through_yearly_medians() -> None:
    figures = [figure("2020", "100"), figure("2020", "300"), figure("2022", "400", approximate=True)]
    drawn = overviews.chart(figures, {"total": "#000"}, "Kota X")
    assert drawn is not None
    assert [dot.hollow for dot in drawn.dots] == [False, False, True]
    assert len(drawn.lines) == 1  # the 2020 median (200) to 2022
    line = drawn.lines[0]
    assert line.y1 == overviews.PLOT_BOTTOM - 200 / 400 * (overviews.PLOT_BOTTOM - overviews.PLOT_TOP)
    assert line.y2 == overviews.PLOT_TOP
    assert [tick.label for tick in drawn.x_ticks] == ["2020", "2021", "2022"]
    assert [tick.label for tick in drawn.y_ticks] == ["0", "100", "200", "300", "400"]
    assert overviews.chart([figure("", "5")], {"total": "#000"}, "Kota X") is None


@pytest.mark.parametrize(
    ("largest", "step"),
    [(400, 100), (17487, 5000), (55, 20), (3, 1), (0.8, 0.2), (0, 1), (1_000_000, 250_000)],
)
def test_chart_steps_are_round(largest: float, step: float) -> None:
    assert overviews._nice_step(largest) == pytest.approx(step)


def test_a_time_axis_spans_whole_years_inside_the_width() -> None:
    axis = TimeAxis.spanning(["2022-05-01", "", "2024-12-31"])
    assert (axis.start.isoformat(), axis.end.isoformat()) == ("2022-01-01", "2025-01-01")
    assert [tick.label for tick in axis.ticks()] == ["2022", "2023", "2024", "2025"]
    drawn = axis.timeline([("2022-05-01", "2024-12-31", "Bupati — A", "urn:x", 3)])
    span = drawn.spans[0]
    assert overviews.EDGE < span.start < span.end < 100 - overviews.EDGE
    assert span.href is None  # no link to an IRI that is neither this server's nor http(s)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("@x", "'@x"),
        ("Kota Madiun", "Kota Madiun"),
        ("48", "48"),
    ],
)
def test_csv_cells_never_run_as_spreadsheet_formulas(text: str, written: str) -> None:
    assert overviews._inert(text) == written


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["Penghargaan per tahun dan provinsi", "Tahun", "Unduh CSV", "Tautan permanen"]),
        ("en", ["Awards by year and province", "Year", "Download CSV", "Permalink"]),
    ],
)
def test_the_pages_speak_the_readers_language(client: TestClient, language: str, expected: list[str]) -> None:
    page = client.get("/overview/awards", params={"lang": language}, headers={"Accept": BROWSER}).text
    assert all(text in page for text in expected)
    client.cookies.clear()


def test_the_home_page_links_the_overviews_and_each_class_list(client: TestClient) -> None:
    page = client.get("/", headers={"Accept": BROWSER}).text
    assert 'href="/overview"' in page
    lists = set(re.findall(r'href="(/overview/list/\w+)"', page))
    assert {"/overview/list/Person", "/overview/list/Region", "/overview/list/Article"} <= lists
    assert all(client.get(path).status_code == 200 for path in lists)


def test_an_overview_reads_the_graph_once_per_generation() -> None:
    reads: list[str] = []

    def read(store: Any) -> str:
        reads.append(store.generation)
        return f"graph of {store.generation}"

    old, new = SimpleNamespace(path="/s", generation="g1"), SimpleNamespace(path="/s", generation="g2")
    answers = [overviews.read_once(store, "test", read) for store in (old, old, new, new)]  # type: ignore[arg-type]
    assert answers == ["graph of g1", "graph of g1", "graph of g2", "graph of g2"]
    assert reads == ["g1", "g2"]
    in_memory = SimpleNamespace(path=None, generation=None)
    overviews.read_once(in_memory, "test", read)  # type: ignore[arg-type]
    overviews.read_once(in_memory, "test", read)  # type: ignore[arg-type]
    assert reads == ["g1", "g2", None, None]


# --- in a real browser ------------------------------------------------------------------------------

DRAWN = """() => {
    const svgs = [...document.querySelectorAll("svg.timeline, figure.chart svg")];
    const boxes = svgs.map((svg) => svg.getBoundingClientRect());
    const marks = document.querySelectorAll("svg.timeline .bar, figure.chart .dot").length;
    return {
        drawings: boxes.length,
        narrowest: boxes.length ? Math.min(...boxes.map((box) => box.width)) : 0,
        marks: marks,
        rows: document.querySelectorAll("table.ov-table tbody tr:not(.group)").length,
        page: document.documentElement.scrollWidth,
    };
}"""


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Running]:
    running = start(store_path, "--workers", "1")
    yield running
    stop(running)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1400, 420])
def test_the_overviews_render_offline_at_desktop_and_phone_widths(
    server: Running, browser: Browser, width: int
) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, server.url, requested, errors, size=(width, 860))
    drawn = {}
    for path in ("overview", *(path.lstrip("/") for path in PAGES)):
        page.goto(server.url + path)
        drawn[path] = page.evaluate(DRAWN)
    assert requested == []
    assert errors == []
    assert all(found["page"] <= width for found in drawn.values()), drawn  # tables scroll inside the page
    for path in ("overview/officials", "overview/figures"):
        assert drawn[path]["drawings"] >= 2 and drawn[path]["marks"] >= 3, drawn[path]
        assert drawn[path]["narrowest"] >= 0.8 * (width - 48), drawn[path]  # a drawing takes the width
    assert all(drawn[path.lstrip("/")]["rows"] >= 1 for path in PAGES)
