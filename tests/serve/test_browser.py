"""The explorer in a real browser, with the network off: search, open an entity, expand its graph.

Debian's Chromium driven by Playwright, as in tests/export/test_html.py. Every request that
does not go to the server under test is aborted and recorded, so a page that reached for a
CDN fails here. With KG_SCREENSHOTS set to a folder, the screenshots are kept there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_support import offline_page
from serve_sample import Running, start, stop

if TYPE_CHECKING:
    from playwright.sync_api import Browser

DRAWN = """() => {
    const explorer = window.kgExplorer;
    const canvas = document.querySelector("#graph canvas");
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] > 0 && (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235)) inked += 1;
    }
    return {
        drawn: explorer.network.body.nodeIndices.length,
        known: explorer.nodes.length,
        physics: explorer.network.physics.options.enabled,
        inked: inked / (pixels.length / 4),
    };
}"""
# A node to expand: the first drawn article (articles link to many entities), at its place on screen.
ARTICLE_ON_SCREEN = """() => {
    const explorer = window.kgExplorer;
    const network = explorer.network;
    const id = network.body.nodeIndices.find((id) => id.includes("/article/") && !explorer.expanded.has(id));
    const point = network.canvasToDOM(network.getPosition(id));
    const box = document.getElementById("graph").getBoundingClientRect();
    return { id: id, x: point.x + box.left, y: point.y + box.top };
}"""
FOCUS_ON_SCREEN = """() => {
    const network = window.kgExplorer.network;
    const id = document.getElementById("explorer").dataset.iri;
    const point = network.canvasToDOM(network.getPosition(id));
    const box = document.getElementById("graph").getBoundingClientRect();
    return { x: point.x + box.left, y: point.y + box.top };
}"""
# Functions, not bare expressions: Playwright evaluates a bare expression with eval(), which the
# server's Content-Security-Policy rightly forbids.
READY = "() => window.kgExplorer && window.kgExplorer.ready && window.kgExplorer.busy === 0"
EXPANDED = "([id, known]) => window.kgExplorer.expanded.has(id) && window.kgExplorer.busy === 0"
GREW = "(known) => window.kgExplorer.nodes.length > known"


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Running]:
    running = start(store_path, "--workers", "1")
    yield running
    stop(running)


def keep(path: Path) -> None:
    folder = os.environ.get("KG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


@pytest.mark.browser
def test_search_open_an_entity_and_expand_its_graph(
    server: Running, browser: Browser, tmp_path: Path
) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, server.url, requested, errors)
    page.goto(server.url)
    page.locator("#q").press_sequentially("kota madi", delay=40)
    suggestion = page.locator("#suggestions li a", has_text="Kota Madiun").first
    suggestion.wait_for(timeout=10_000)
    suggestion.click()
    page.wait_for_url("**/id/region/35.77")
    assert page.locator("#entity-label").inner_text() == "Kota Madiun"
    assert page.locator(".evidence blockquote mark").count() > 0
    page.wait_for_function(READY, timeout=60_000)
    before = page.evaluate(DRAWN)

    focus = page.evaluate(FOCUS_ON_SCREEN)
    page.mouse.move(focus["x"], focus["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    hover_text = tooltip.inner_text()

    target = page.evaluate(ARTICLE_ON_SCREEN)
    page.mouse.click(target["x"], target["y"])  # a tap shows the article in the panel, which expands it
    page.locator("#explorer-details button[data-action=expand]").click()
    page.wait_for_function(EXPANDED, arg=[target["id"], before["known"]], timeout=30_000)
    page.wait_for_function(GREW, arg=before["known"], timeout=30_000)
    after = page.evaluate(DRAWN)
    page.screenshot(path=str(tmp_path / "entity.png"))
    keep(tmp_path / "entity.png")

    page.goto(server.url + "explore?iri=" + "https://w3id.org/jamsostek-kg/id/region/35.77")
    page.wait_for_function(READY, timeout=60_000)
    page.locator("#filter-year").select_option("2023")
    page.screenshot(path=str(tmp_path / "explorer.png"))
    keep(tmp_path / "explorer.png")

    assert requested == []
    assert errors == []
    assert before["physics"] is False and after["physics"] is False
    assert before["drawn"] >= 5
    assert after["drawn"] > before["drawn"]
    assert after["inked"] > 0.002, "the canvas is blank"
    assert hover_text.split("\n")[0] == "Kota Madiun Kota", "its label and its class, named in Indonesian"
    assert "penyebutan" in hover_text, "and the sentence of one of its mentions"
    assert (tmp_path / "explorer.png").stat().st_size > 20_000


@pytest.mark.browser
def test_a_saved_query_runs_in_the_editor(server: Running, browser: Browser, tmp_path: Path) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, server.url, requested, errors)
    page.goto(server.url + "query")
    page.locator("#saved-queries button[data-name='awards-by-year']").click()
    page.locator(".yasr table tbody tr").first.wait_for(timeout=30_000)
    rows = page.locator(".yasr table tbody tr").count()
    table_text = page.locator(".yasr table").inner_text()
    download = page.locator("#download").get_attribute("href") or ""
    page.screenshot(path=str(tmp_path / "query.png"))
    keep(tmp_path / "query.png")
    assert requested == []
    assert errors == []
    assert rows >= 5 and "Paritrana Award" in table_text
    assert download.startswith("/sparql?download=1&format=csv&query=")


RESULT_ROWS = ".yasr table tbody tr"
RUN = "(text) => { const tab = window.kgYasgui.getTab(); tab.setQuery(text); tab.query(); }"


@pytest.mark.browser
def test_every_saved_query_link_of_the_home_page_shows_its_results(server: Running, browser: Browser) -> None:
    requested: list[str] = []
    errors: list[str] = []
    home = offline_page(browser, server.url, requested, errors)
    home.goto(server.url)
    links = home.locator(".queries dt a:not(.muted)")
    names = [(links.nth(i).get_attribute("href") or "").split("#")[-1] for i in range(links.count())]
    assert len(names) >= 5
    empty = []
    for name in names:
        page = offline_page(browser, server.url, requested, errors)  # a fresh context: no saved tabs
        page.goto(server.url)
        page.locator(f".queries dt a[href='/query#{name}']").click()
        page.wait_for_url(f"**/query#{name}")
        page.locator(RESULT_ROWS).first.wait_for(timeout=30_000)
        if not page.locator(RESULT_ROWS).filter(has_not=page.locator(".dataTables_empty")).count():
            empty.append(name)
        page.context.close()
    assert requested == []
    assert errors == []
    assert empty == []


@pytest.mark.browser
def test_iris_in_query_results_open_on_this_server(server: Running, browser: Browser) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, server.url, requested, errors)
    page.goto(server.url + "query")
    page.wait_for_function("() => window.kgYasgui && window.kgYasgui.getTab().getYasqe()")
    page.evaluate(RUN, "SELECT ?region ?name WHERE { ?region a kg:City ; skos:prefLabel ?name } LIMIT 5")
    page.locator(".yasr table a.iri").first.wait_for(timeout=30_000)
    links = page.locator(".yasr table a.iri")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all(href.startswith("/id/") for href in hrefs), hrefs[:5]
    with page.context.expect_page() as opened:
        links.first.click()
    entity = opened.value
    entity.wait_for_load_state()
    assert entity.url == server.url + hrefs[0].lstrip("/")
    assert entity.locator("#entity-label").inner_text()
    assert requested == []
    assert errors == []


PHONE = (420, 860)
WIDTHS = """() => {
    const width = (selector) => {
        const element = document.querySelector(selector);
        return element ? element.getBoundingClientRect().width : 0;
    };
    const page = document.documentElement.scrollWidth;
    return { search: width("#q"), editor: width("#yasgui .CodeMirror"), page: page };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "search?q=madiun", "id/region/35.77", "explore", "query"])
def test_at_phone_width_the_search_box_and_the_editor_take_the_width(
    server: Running, browser: Browser, path: str
) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, server.url, requested, errors, size=PHONE)
    page.goto(server.url + path)
    if path == "query":
        page.locator("#yasgui .CodeMirror").wait_for(timeout=30_000)
    widths = page.evaluate(WIDTHS)
    assert widths["search"] >= 0.7 * PHONE[0], widths
    assert widths["page"] <= PHONE[0], widths
    if path == "query":
        assert widths["editor"] >= 0.8 * PHONE[0], widths
    assert requested == []
