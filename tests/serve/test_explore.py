"""The explorer's data and page: group nodes, the region list, what a year means, and the page in Chromium.

The store holds nine short articles about Kota Madiun, five from 2022 and four from 2024,
each stating a coverage figure: nine articles and nine figures around one city, the
per-article repetition that the explorer sends as one group node per class. The region
list is checked on the seed store too, around a province that thirty-eight places lie in.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_support import offline_page
from serve_sample import Running, start, stop
from starlette.testclient import TestClient

from kg.namespaces import RESOURCE_BASE
from kg.pipeline import build
from kg.serve import explore
from kg.store import KnowledgeStore

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CITY = RESOURCE_BASE + "region/35.77"
PROVINCE = RESOURCE_BASE + "region/35"
YEARS = (2022,) * 5 + (2024,) * 4


def madiun_article(index: int, year: int) -> str:
    return (
        "Kepesertaan BPJS Ketenagakerjaan di Kota Madiun Bertambah\n\n"
        f"Senin, {index + 1} Maret {year} 10:00 WIB\n\n"
        f"MADIUN - Pemerintah Kota Madiun mencatat {1000 + 37 * index} pekerja sektor informal"
        f" telah terdaftar hingga akhir {year}.\n\n"
        '"Kami ingin seluruh pekerja di daerah ini terlindungi," kata Wali Kota Madiun Maidi'
        " di Balai Kota Madiun.\n"
    )


@pytest.fixture(scope="module")
def madiun_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = tmp_path_factory.mktemp("madiun-articles")
    for index, year in enumerate(YEARS):
        (articles / f"madiun-{index}.txt").write_text(madiun_article(index, year), encoding="utf-8")
    path = tmp_path_factory.mktemp("madiun") / "kg"
    store = KnowledgeStore(path)
    report = build([articles], store, workers=1)
    assert report.articles == len(YEARS) and not report.problems
    store.close()
    return path


@pytest.fixture(scope="module")
def madiun(madiun_path: Path) -> Iterator[KnowledgeStore]:
    store = KnowledgeStore(madiun_path, read_only=True)
    yield store
    store.close()


def by_class(graph: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for node in graph["nodes"]:
        found.setdefault(node["cls"], []).append(node)
    return found


# --- group nodes ----------------------------------------------------------------------------------


def test_per_article_neighbours_come_as_one_group_node_per_class(madiun: KnowledgeStore) -> None:
    graph = explore.neighbourhood(madiun, CITY)
    classes = by_class(graph)
    articles, figures = classes["Article"], classes["CoverageFigure"]
    assert len(articles) == 1 and len(figures) == 1, "nine of each, sent as one node each"
    group = articles[0]["group"]
    assert articles[0]["label"] == "9 berita / articles"
    assert figures[0]["label"] == "9 angka kepesertaan / coverage figures"
    assert group["count"] == 9 and len({member["id"] for member in group["members"]}) == 9
    assert group["focus"] == CITY and group["cls"] == "Article"
    assert graph["classes"]["Article"] == {"id": "Berita", "en": "Article"}, (
        "for the legend, in either language"
    )
    # A group is linked with the focus by the predicates its members use.
    edge = next(edge for edge in graph["edges"] if articles[0]["id"] in (edge["from"], edge["to"]))
    assert (edge["from"], edge["to"], edge["label"]) == (articles[0]["id"], CITY, "mentions")
    # Classes with few neighbours are drawn one by one, with their evidence.
    post = classes["Post"][0]
    assert "group" not in post and "Wali Kota" in post["label"] and "Maidi" in post["evidence"]["text"]
    assert all(edge["from"] in {n["id"] for n in graph["nodes"]} for edge in graph["edges"])


def test_opening_a_group_sends_its_members_newest_first_a_page_at_a_time(
    madiun: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(explore, "GROUP_PAGE", 4)
    first = explore.neighbourhood(madiun, CITY, group="CoverageFigure")
    rest = explore.neighbourhood(madiun, CITY, group="CoverageFigure", offset=8)
    assert [len(first["nodes"]), first["rest"]] == [4, 5]
    assert [len(rest["nodes"]), rest["rest"]] == [1, 0]
    assert first["group"] == f"group:CoverageFigure:{CITY}"
    assert all(node["years"] == [2024] for node in first["nodes"]), "the 2024 figures come first"
    assert rest["nodes"][0]["years"] == [2022]
    figure = first["nodes"][0]
    evidence = figure["evidence"]
    start, end = evidence["anchor"]
    assert "pekerja sektor informal" in evidence["text"] and evidence["text"][start:end]
    assert evidence["date"].startswith("2024-03-") and evidence["href"].startswith("/id/article/")
    assert {(edge["from"], edge["to"]) for edge in first["edges"]} == {
        (n["id"], CITY) for n in first["nodes"]
    }


def test_a_group_is_opened_through_the_api_with_the_filters(client: TestClient) -> None:
    params = {"iri": PROVINCE, "group": "City"}
    cities = client.get("/api/neighbourhood", params=params).json()
    assert len(cities["nodes"]) == 9 and cities["rest"] == 0
    assert {node["cls"] for node in cities["nodes"]} == {"City"}
    madiun = client.get("/api/neighbourhood", params={**params, "region": CITY}).json()
    assert [node["label"] for node in madiun["nodes"]] == ["Kota Madiun"]
    dated = client.get("/api/neighbourhood", params={**params, "year": "2023"}).json()
    assert dated["nodes"] == [], "a city has no year of its own, nor has the province it is linked with"


# --- the region list ---------------------------------------------------------------------------------


def test_the_region_list_holds_only_regions_the_facts_are_about(store_path: Path) -> None:
    store = KnowledgeStore(store_path, read_only=True)
    graph = explore.neighbourhood(store, PROVINCE)
    store.close()
    places = {
        member["id"] for node in graph["nodes"] if "group" in node for member in node["group"]["members"]
    }
    assert len(places) > 30, "the regencies and cities that lie in the province"
    listed = set(graph["regions"])
    facts = [n for n in graph["nodes"] if n["cls"] in ("AwardConferral", "Post", "CoverageFigure")]
    assert listed == {region for node in facts for region in node["regions"]}
    assert {PROVINCE, CITY} <= listed and len(listed) < 6
    assert RESOURCE_BASE + "region/35.01" in places - listed, (
        "Pacitan lies in it, no fact of the view is about it"
    )
    assert graph["regions"][CITY] == "Kota Madiun"


def test_a_region_with_facts_lists_itself_not_the_province_it_lies_in(madiun: KnowledgeStore) -> None:
    graph = explore.neighbourhood(madiun, CITY)
    assert graph["regions"] == {CITY: "Kota Madiun"}
    province = by_class(graph)["Province"][0]
    assert province["regions"] == [PROVINCE]


# --- years --------------------------------------------------------------------------------------------


def test_a_year_is_one_a_node_has_and_a_node_without_one_has_none(madiun: KnowledgeStore) -> None:
    graph = explore.neighbourhood(madiun, CITY)
    classes = by_class(graph)
    members = classes["Article"][0]["group"]["members"]
    assert sorted(tuple(member["years"]) for member in members) == sorted((year,) for year in YEARS)
    assert classes["Article"][0]["years"] == [2022, 2024]
    assert classes["Province"][0]["years"] == [], "linked only with the undated city: hidden under any year"
    assert classes["Post"][0]["years"] == [2022, 2024], "stated in articles of both years"


def test_a_node_without_a_year_of_its_own_takes_that_of_the_article_naming_it(madiun: KnowledgeStore) -> None:
    newest = explore.neighbourhood(madiun, CITY, group="Article")["nodes"][0]
    graph = explore.neighbourhood(madiun, newest["id"])
    classes = by_class(graph)
    assert newest["years"] == [2024]
    assert classes["Person"][0]["years"] == [2024] and classes["City"][0]["years"] == [2024]
    assert classes["Person"][0]["regions"] == [CITY], "Maidi's post is in Kota Madiun"


# --- the page in Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def madiun_server(madiun_path: Path) -> Iterator[Running]:
    running = start(madiun_path, "--workers", "1")
    yield running
    stop(running)


READY = "() => window.kgExplorer && window.kgExplorer.ready && window.kgExplorer.busy === 0"
# Where each drawn node is on the screen, and the box of the graph.
ON_SCREEN = """() => {
    const network = window.kgExplorer.network;
    const box = document.getElementById("graph").getBoundingClientRect();
    const nodes = {};
    for (const id of network.body.nodeIndices) {
        const point = network.canvasToDOM(network.getPosition(id));
        nodes[id] = { x: point.x + box.left, y: point.y + box.top };
    }
    return { nodes: nodes, box: { left: box.left, top: box.top, width: box.width, height: box.height },
             layouts: window.kgExplorer.layouts };
}"""


def spread(screen: dict[str, Any]) -> tuple[float, float]:
    xs = [point["x"] for point in screen["nodes"].values()]
    ys = [point["y"] for point in screen["nodes"].values()]
    return max(xs) - min(xs), max(ys) - min(ys)


def inside(screen: dict[str, Any]) -> bool:
    box = screen["box"]
    return all(
        box["left"] <= p["x"] <= box["left"] + box["width"]
        and box["top"] <= p["y"] <= box["top"] + box["height"]
        for p in screen["nodes"].values()
    )


def tap(page: Page, screen: dict[str, Any], node: str) -> None:
    point = screen["nodes"][node]
    page.mouse.click(point["x"], point["y"])


@pytest.mark.browser
def test_the_explorer_groups_refits_after_a_filter_and_shows_evidence_on_tap(
    madiun_server: Running, browser: Browser, tmp_path: Path
) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, madiun_server.url, requested, errors, size=(420, 860))
    page.goto(madiun_server.url + "explore?lang=en&iri=" + CITY)
    page.wait_for_function(READY, timeout=30_000)
    before = page.evaluate(ON_SCREEN)
    groups = [node for node in before["nodes"] if node.startswith("group:")]
    assert sorted(groups) == [f"group:Article:{CITY}", f"group:CoverageFigure:{CITY}"]

    page.locator("#filter-year").select_option("2024")
    page.wait_for_function(
        "(n) => window.kgExplorer.layouts > n && window.kgExplorer.ready",
        arg=before["layouts"],
        timeout=30_000,
    )
    after = page.evaluate(ON_SCREEN)
    assert set(after["nodes"]) == set(before["nodes"]) - {PROVINCE}, "the province has no year"
    width, height = spread(after)
    assert max(width, height) > 0.25 * after["box"]["width"], "the drawn nodes are spread over the view"
    assert len({(round(p["x"]), round(p["y"])) for p in after["nodes"].values()}) == len(after["nodes"])
    assert inside(after), "the view is fitted to the nodes left"
    assert page.locator("#explorer-status").inner_text().startswith("4 of 5 shown")

    tap(page, after, f"group:CoverageFigure:{CITY}")
    details = page.locator("#explorer-details")
    assert "4 of 9 match the filters" in details.inner_text()
    details.locator("button[data-action=open]").click()
    page.wait_for_function(READY, timeout=30_000)
    opened = page.evaluate(ON_SCREEN)
    figures = [node for node in opened["nodes"] if "/figure/" in node]
    assert len(figures) == 4 and f"group:CoverageFigure:{CITY}" not in opened["nodes"]

    tap(page, opened, figures[0])
    details.locator("blockquote mark").wait_for(timeout=10_000)
    assert "pekerja sektor informal" in details.locator("blockquote").inner_text()
    assert "2024-03-" in details.inner_text()
    page.screenshot(path=str(tmp_path / "explore-narrow.png"))
    assert requested == [] and errors == []
