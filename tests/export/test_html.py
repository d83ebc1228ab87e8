"""The offline HTML page: self-contained, escaped, deterministic, and actually drawn by a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_support import offline_page
from export_sample import ARTICLE, ENTITY_CLASSES, HIDDEN, HOSTILE, JABAR, make_graph
from rdflib import Graph

from kg.export.html import CLASS_COLOURS, VIS_NETWORK_VERSION, class_colour, escape, write_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

EXTERNAL = re.compile(r"""<(script|link)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)


@pytest.fixture
def page_path(sample_graph: Graph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.html"
    write_html(sample_graph, path)
    return path


def _data(page: str) -> dict[str, list[dict[str, str]]]:
    match = re.search(r"var DATA = (\{.*?\});\n", page)
    assert match, "the page embeds its data as one JSON object"
    data: dict[str, list[dict[str, str]]] = json.loads(match.group(1))
    return data


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
    assert "alert(1)" in page  # it is there, as text
    tooltips = "".join(node["title"] for node in _data(page)["nodes"])
    assert escape(HOSTILE) in tooltips
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tooltips
    assert all(char not in escape(HOSTILE) for char in "<>\"'`")


def test_the_title_is_escaped_too(sample_graph: Graph, tmp_path: Path) -> None:
    write_html(sample_graph, tmp_path / "graph.html", title="Jaminan <b>sosial</b> & `kerja`")
    page = (tmp_path / "graph.html").read_text("utf-8")
    assert "<title>Jaminan &lt;b&gt;sosial&lt;/b&gt; &amp; &#96;kerja&#96;</title>" in page


def test_nodes_legend_and_colours(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    nodes = _data(page)["nodes"]
    assert {node["id"] for node in nodes} == {str(node) for node in ENTITY_CLASSES}
    assert not {str(node) for node in HIDDEN} & {node["id"] for node in nodes}
    assert all(node["color"] == class_colour(node["cls"]) for node in nodes)
    for cls in set(ENTITY_CLASSES.values()):
        assert f'data-cls="{cls}"' in page
    jabar = next(node for node in nodes if node["id"] == str(JABAR))
    assert (jabar["label"], jabar["color"]) == ("Jawa Barat", CLASS_COLOURS["Province"])


def test_a_class_keeps_its_colour_everywhere() -> None:
    assert class_colour("Province") == "#1f77b4"
    assert class_colour("SomethingNew") == class_colour("SomethingNew")
    assert class_colour("SomethingNew").startswith("#")


def test_physics_is_stabilised_then_frozen(page_path: Path) -> None:
    page = page_path.read_text("utf-8")
    options = json.loads(re.search(r"var DATA = (\{.*?\});\n", page).group(1))["options"]  # type: ignore[union-attr]
    assert options["physics"]["stabilization"]["enabled"] is True
    assert isinstance(options["layout"]["randomSeed"], int)
    assert '"stabilizationIterationsDone"' in page
    assert "physics: { enabled: false }" in page


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
    assert drawn["nodes"] == len(ENTITY_CLASSES)
    assert drawn["physics"] is False
    assert drawn["inked"] > 0.001, "the canvas is blank"
    assert drawn["colours"] >= len(set(ENTITY_CLASSES.values()))
    assert (tmp_path / "graph.png").stat().st_size > 10_000
    assert "<script>alert(1)</script>" in details  # shown as text, not run
    assert injected == 0


def _click_node(page: Page, node_id: str) -> None:
    position = page.evaluate(NODE_POSITION, node_id)
    page.mouse.click(position["x"], position["y"])
    page.wait_for_function("document.querySelector('#details .kg-tip') !== null", timeout=10_000)
