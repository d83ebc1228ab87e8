"""The offline HTML page: self-contained, escaped, deterministic, and actually drawn by a browser."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_support import offline_page
from export_sample import (
    ARTICLE,
    BANDUNG,
    CONFERRAL,
    ENTITY_CLASSES,
    HIDDEN,
    HOSTILE,
    JABAR,
    PERSON,
    POST,
    SCAFFOLD,
    make_graph,
)
from rdflib import Graph

from kg.export.html import CLASS_COLOURS, VIS_NETWORK_VERSION, class_colour, escape, render_html, write_html
from kg.export.view import EntityView, Evidence, find_node, graph_view, neighbourhood

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

EXTERNAL = re.compile(r"""<(script|link)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)


@pytest.fixture
def page_path(sample_graph: Graph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.html"
    write_html(sample_graph, path)
    return path


SHOWN = {str(node) for node in ENTITY_CLASSES} - {str(node) for node in SCAFFOLD}


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script id="kg-data" type="application/json">(\{.*?\})</script>\n', page)
    assert match, "the page embeds its data as one JSON object"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _nodes(page: str) -> list[dict[str, Any]]:
    """The page's node rows read back as what the page shows of each node (see _vis_data)."""
    data = _data(page)
    rows = data["nodes"]
    nodes = []
    for row in rows:
        cls, colour = data["classes"][row[2]]
        properties = [("types", data["types"][row[10]])]
        properties += [
            (data["properties"][name], value) for name, value in zip(row[11][::2], row[11][1::2], strict=True)
        ]
        evidence = []
        for index in row[8]:
            text, article = data["sentences"][index]
            date, doc = data["articles"][article]
            evidence.append(f"{text} {date or 'undated'} · {doc}")
        nodes.append(
            {
                "id": row[0],
                "label": row[1],
                "cls": cls,
                "color": colour,
                "size": row[3],
                "x": row[4],
                "y": row[5],
                "years": row[6],
                "regions": [rows[region][0] for region in row[7]],
                "evidence": "\n".join(evidence),
                "evidence_count": row[9],
                "title": "\n".join(
                    [row[1], cls, row[0]] + [f"{name}: {value}" for name, value in properties]
                ),
            }
        )
    return nodes


def _node(page: str, iri: object) -> dict[str, Any]:
    return next(node for node in _nodes(page) if node["id"] == str(iri))


def _page_script(page: str) -> str:
    """The page's own script (the second <script>, after vis-network's)."""
    return page.split("<script>")[2]


def test_nothing_is_loaded_from_the_network(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    assert not EXTERNAL.search(page)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page, re.I)
    for cdn in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "tom-select"):
        assert cdn not in page


def test_vis_network_is_inlined(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    assert f"@version {VIS_NETWORK_VERSION}" in page
    assert "g.Network=" in page  # the body of the standalone build, not just its header
    assert "sourceMappingURL" not in page
    assert page.count("<script>") == 2 and "<script src" not in page


def test_graph_text_is_escaped(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "alert(1)" in page  # it is there, as text in HTML-safe JSON
    assert "<" not in page.split('<script id="kg-data" type="application/json">')[1].split("</script>")[0]
    tooltips = "".join(node["title"] for node in _nodes(page))
    assert HOSTILE in tooltips
    # The page puts text from the graph into elements with textContent, never as markup.
    assert "innerHTML" not in _page_script(page) and "insertAdjacentHTML" not in _page_script(page)
    assert all(char not in escape(HOSTILE) for char in "<>\"'`")


def test_the_title_is_escaped_too(sample_graph: Graph, tmp_path: Path) -> None:
    write_html(sample_graph, tmp_path / "graph.html", title="Jaminan <b>sosial</b> & `kerja`")
    page = (tmp_path / "graph.html").read_text("utf-8")
    assert "<title>Jaminan &lt;b&gt;sosial&lt;/b&gt; &amp; &#96;kerja&#96;</title>" in page


def test_nodes_legend_and_colours(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    nodes = _nodes(page)
    assert {node["id"] for node in nodes} == SHOWN
    assert not {str(node) for node in HIDDEN} & {node["id"] for node in nodes}
    assert all(node["color"] == class_colour(node["cls"]) for node in nodes)
    for node, cls in ENTITY_CLASSES.items():
        assert (f'data-cls="{cls}"' in page) == (node not in SCAFFOLD)
    jabar = next(node for node in nodes if node["id"] == str(JABAR))
    assert (jabar["label"], jabar["color"]) == ("Jawa Barat", CLASS_COLOURS["Province"])


def test_a_class_keeps_its_colour_everywhere() -> None:
    assert class_colour("Province") == "#1f77b4"
    assert class_colour("SomethingNew") == class_colour("SomethingNew")
    assert class_colour("SomethingNew").startswith("#")


def test_regions_nothing_is_said_about_are_left_out(sample_graph: Graph) -> None:
    page = render_html(graph_view(sample_graph))
    ids = {node["id"] for node in _nodes(page)}
    assert str(JABAR) in ids  # facts point at it
    assert str(BANDUNG) in ids  # a mention refers to it
    assert not {str(node) for node in SCAFFOLD} & ids
    assert f"{len(SHOWN)} entities" in page


def test_with_gazetteer_keeps_every_region(sample_graph: Graph) -> None:
    page = render_html(graph_view(sample_graph), with_gazetteer=True)
    assert {node["id"] for node in _nodes(page)} == {str(node) for node in ENTITY_CLASSES}


def test_positions_are_computed_at_export_and_physics_is_off(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    data = _data(page)
    assert data["options"]["physics"] == {"enabled": False}
    assert "stabiliz" not in json.dumps(data["options"])
    points = [(node["x"], node["y"]) for node in _nodes(page)]
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in points)
    assert len(set(points)) == len(points), "two nodes share a position"
    linked = _node(page, POST), _node(page, PERSON)
    assert abs(linked[0]["x"] - linked[1]["x"]) + abs(linked[0]["y"] - linked[1]["y"]) < 600


def test_evidence_sentences_with_date_and_article_are_escaped(page_path: Path) -> None:
    evidence = _node(page_path.read_text("utf-8"), POST)["evidence"]
    assert HOSTILE in evidence  # as text: the page shows it with textContent
    assert "2021-12-02" in evidence and "doc-1" in evidence
    assert _node(page_path.read_text("utf-8"), PERSON)["evidence"] == ""


def test_filter_keys_for_region_and_year(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    assert str(JABAR) in _node(page, PERSON)["regions"]  # through his post
    assert _node(page, CONFERRAL)["years"] == [2021]
    assert _node(page, JABAR)["years"] == [2021]  # a region takes the years of its facts
    assert f'<option value="{JABAR}">Jawa Barat</option>' in page
    assert '<option value="2021">2021</option>' in page


def test_a_neighbourhood_keeps_what_lies_around_a_place(sample_graph: Graph) -> None:
    view = graph_view(sample_graph)
    near = neighbourhood(view, "kota bandung", hops=1)
    assert set(near) == {str(BANDUNG), str(JABAR)}
    assert find_node(view, "Jawa Barat") == find_node(view, "jabar") == str(JABAR)
    view.nodes[str(JABAR)]["label"] = "Provinsi Jawa Barat"
    assert find_node(view, "jawa barat") == str(JABAR)  # a province is found without "Provinsi"
    page = render_html(view, focus="Jabar", hops=1)
    ids = {node["id"] for node in _nodes(page)}
    assert str(JABAR) in ids and str(POST) in ids and str(PERSON) not in ids
    with pytest.raises(ValueError, match="no entity"):
        render_html(view, focus="Atlantis")


def test_a_place_without_facts_can_still_be_the_focus(sample_graph: Graph) -> None:
    page = render_html(graph_view(sample_graph), focus=str(SCAFFOLD[0]), hops=1)
    assert {node["id"] for node in _nodes(page)} == {str(SCAFFOLD[0]), str(JABAR)}


def test_the_same_graph_gives_the_same_bytes(tmp_path: Path) -> None:
    write_html(make_graph(), tmp_path / "a.html")
    write_html(make_graph(), tmp_path / "b.html")
    write_html(make_graph(reverse=True), tmp_path / "c.html")
    first = (tmp_path / "a.html").read_bytes()
    assert first == (tmp_path / "b.html").read_bytes() == (tmp_path / "c.html").read_bytes()


# What the page's canvas shows: how many pixels are inked (not background) and in how many colours.
CANVAS_STATS = """() => {
    const network = window.kgGraph.network;
    const canvas = document.querySelector("#graph canvas");
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4) {
        const ink = pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235;
        if (pixels[i + 3] > 0 && ink) {
            inked += 1;
            colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        }
    }
    return {
        nodes: network.body.nodeIndices.length,
        physics: network.physics.options.enabled,
        inked: inked / (pixels.length / 4),
        colours: colours.size,
    };
}"""
NODE_POSITION = """(id) => {
    const network = window.kgGraph.network;
    const point = network.canvasToDOM(network.getPosition(id));
    const box = document.getElementById("graph").getBoundingClientRect();
    return { x: point.x + box.left, y: point.y + box.top };
}"""
INJECTED_SCRIPTS = "document.querySelectorAll('#details script, .vis-tooltip script').length"


@pytest.mark.browser
def test_a_browser_draws_the_graph_with_the_network_blocked(
    page_path: Path, tmp_path: Path, browser: Browser
) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, "file:", requested, errors, size=(1200, 800))
    page.goto(page_path.as_uri())
    page.wait_for_function("window.kgGraph && window.kgGraph.ready", timeout=60_000)
    drawn = page.evaluate(CANVAS_STATS)
    page.screenshot(path=str(tmp_path / "graph.png"))
    _click_node(page, str(ARTICLE))  # its kg:text holds the <script> literal
    details = page.inner_text("#details")
    injected = page.evaluate(INJECTED_SCRIPTS)
    assert errors == []
    assert requested == []
    assert drawn["nodes"] == len(SHOWN)
    assert drawn["physics"] is False
    assert drawn["inked"] > 0.001, "the canvas is blank"
    assert drawn["colours"] >= len(set(ENTITY_CLASSES.values())) - len(SCAFFOLD)
    assert (tmp_path / "graph.png").stat().st_size > 10_000
    assert "<script>alert(1)</script>" in details  # shown as text, not run
    assert injected == 0


def _click_node(page: Page, node_id: str) -> None:
    position = page.evaluate(NODE_POSITION, node_id)
    page.mouse.click(position["x"], position["y"])
    page.wait_for_function("document.querySelector('#details .kg-tip') !== null", timeout=10_000)


def _open(browser: Browser, path: Path, size: tuple[int, int] = (1200, 800), fragment: str = "") -> Page:
    errors: list[str] = []
    requested: list[str] = []
    page = offline_page(browser, "file:", requested, errors, size=size)
    page.goto(path.as_uri() + fragment)
    page.wait_for_function("window.kgGraph && window.kgGraph.ready", timeout=60_000)
    assert errors == [] and requested == []
    return page


SHOWN_COUNT = "window.kgGraph.nodes.get({filter: (node) => !node.hidden}).length"


@pytest.mark.browser
def test_page_opens_drawn_with_evidence_search_filters_permalink(page_path: Path, browser: Browser) -> None:
    page = _open(browser, page_path, fragment="#" + str(POST))
    assert page.evaluate("window.kgGraph.network.physics.options.enabled") is False
    assert page.evaluate("window.kgGraph.selected") == str(POST)  # the permalink selected it
    evidence = page.inner_text("#details .kg-ev")
    assert HOSTILE in evidence and "2021-12-02" in evidence and "doc-1" in evidence
    assert page.evaluate(INJECTED_SCRIPTS) == 0

    page.fill("#search", "jawa")  # two matches: the province and the article's headline
    names = page.locator("#matches li").all_inner_texts()
    assert len(names) == 2 and any("Jawa Barat" in name for name in names)
    page.locator("#matches li button", has_text="Province").click()
    assert page.evaluate("window.kgGraph.selected") == str(JABAR)
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == str(JABAR)

    page.select_option("#region-filter", str(BANDUNG))
    assert page.evaluate(SHOWN_COUNT) == 2  # Kota Bandung and its province
    page.select_option("#region-filter", "")
    page.select_option("#year-filter", "2021")
    shown = page.evaluate(SHOWN_COUNT)
    assert 0 < shown < len(SHOWN)
    page.select_option("#year-filter", "")
    assert page.evaluate(SHOWN_COUNT) == len(SHOWN)


@pytest.mark.browser
def test_the_sidebar_collapses_on_a_phone(page_path: Path, browser: Browser) -> None:
    page = _open(browser, page_path, size=(420, 800))
    graph = page.locator("#graph").bounding_box()
    assert graph and graph["width"] >= 400, "the graph gets the whole width"
    assert not page.locator("#panel").is_visible()
    page.click("#panel-toggle")
    page.wait_for_function("document.getElementById('panel').getBoundingClientRect().left >= 0")
    assert page.locator("#panel").is_visible()
    header = page.locator("header").bounding_box()
    assert header and header["width"] <= 420
    assert page.evaluate("document.documentElement.scrollWidth") <= 420


def _large_view(count: int = 400) -> EntityView:
    """A chain of `count` people, each with a sentence of evidence: drawn with the large-graph options."""
    view = EntityView()
    iris = [f"https://example.org/person/{i:04d}" for i in range(count)]
    for i, iri in enumerate(iris):
        view.add_node(iri, iri=iri, label=f"Orang {i} <b>", cls="Person", types="kg:Person")
        view.evidence[iri] = (Evidence(f"2022-01-0{1 + i % 9}", f"doc-{i}", f"Kalimat {i} & <i>"),)
    for a, b in itertools.pairwise(iris):
        view.add_edge(a, b, key="kg:knows", predicate="kg:knows", label="knows")
    view.mentioned = frozenset(iris)
    return view


LABEL_OF = "(id) => window.kgGraph.nodes.get(id).label"


@pytest.mark.browser
def test_a_large_graph_opens_without_labels_and_arrows_and_gets_them_when_zoomed_in(
    tmp_path: Path, browser: Browser
) -> None:
    path = tmp_path / "large.html"
    path.write_text(render_html(_large_view()), encoding="utf-8")
    iri = "https://example.org/person/0200"
    page = _open(browser, path)
    assert page.evaluate(LABEL_OF, iri) is None
    assert page.evaluate("window.kgGraph.network.edgesHandler.options.arrows.to.enabled") is False
    page.evaluate("(id) => { location.hash = '#' + encodeURI(id); }", iri)  # the permalink zooms in on it
    page.wait_for_function("(id) => window.kgGraph.selected === id", arg=iri)
    assert page.evaluate(LABEL_OF, iri) == "Orang 200 <b>"
    assert page.evaluate("window.kgGraph.edges.get('e0').label") == "knows"
    assert page.evaluate("window.kgGraph.network.edgesHandler.options.arrows.to.enabled") is True
    details = page.inner_text("#details")
    assert "Kalimat 200 & <i>" in details and "doc-200" in details and "Evidence (1)" in details
    position = page.evaluate(NODE_POSITION, iri)
    page.mouse.move(position["x"], position["y"])
    page.wait_for_selector("div.vis-tooltip .kg-tip", state="visible", timeout=10_000)
    assert "Orang 200 <b>" in page.inner_text("div.vis-tooltip")
    assert page.evaluate(INJECTED_SCRIPTS) == 0
