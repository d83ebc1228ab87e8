"""An interactive HTML page of the entity graph that works with no network at all.

The nodes, edges and options are written as compact JSON (rows of values, repeated strings
stored once; see `_vis_data`) into kg/static/graph.html.j2 with the vendored vis-network script
inlined; the page turns them into vis-network's DataSets. (pyvis would add
nothing here but an IPython install: its templates link vis-network, bootstrap and
tom-select from CDNs even with cdn_resources="local", so an offline page comes out blank.)

All text from the graph (article text can contain markup) reaches the page as HTML-safe JSON
and is put into tooltips and the details panel with textContent, never as markup; what the
template itself writes is HTML-escaped. The output is
byte-identical for the same graph: everything is sorted and nothing random is written.
"""

from __future__ import annotations

import math
import re
import zlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from rdflib import Graph

from kg.export.atomic import write_atomic
from kg.export.layout import layout
from kg.export.view import (
    REGION_CLASSES,
    EntityView,
    Evidence,
    find_node,
    graph_view,
    neighbourhood,
    without_gazetteer,
)

DEFAULT_TITLE = "Knowledge graph: regional governments and BPJS Ketenagakerjaan"
VIS_NETWORK_VERSION = "10.1.5"
LABEL_CHARS = 40  # longer labels are cut on the canvas; the tooltip has them whole
VALUE_CHARS = 300  # a tooltip shows at most this much of one property (article text is long)
# Fixed colours for the ontology's classes; any other class gets one from FALLBACK by a stable hash.
CLASS_COLOURS = {
    "Province": "#1f77b4",
    "Regency": "#17becf",
    "City": "#2ca02c",
    "Region": "#6baed6",
    "Person": "#ff7f0e",
    "Post": "#ffbb78",
    "Organization": "#9467bd",
    "Programme": "#c5b0d5",
    "Regulation": "#8c564b",
    "Award": "#d62728",
    "AwardConferral": "#ff9896",
    "CoverageFigure": "#bcbd22",
    "Article": "#7f7f7f",
}
FALLBACK_COLOURS = ("#e377c2", "#f7b6d2", "#c49c94", "#dbdb8d", "#9edae5", "#aec7e8", "#98df8a", "#c7c7c7")
VIEW_ATTRIBUTES = ("iri", "label", "cls", "types")
LARGE_NODES = 300  # a graph with more nodes is drawn with cheaper options (see _vis_options)
EVIDENCE_SHOWN = 12  # sentences per node in the details panel (a fact read from 100 articles shows 12)
_DATED = re.compile(r"(?i)year|date|asOf")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I
)


def write_html(
    graph: Graph,
    path: Path,
    title: str = DEFAULT_TITLE,
    *,
    with_gazetteer: bool = False,
    focus: str | None = None,
    hops: int = 2,
) -> None:
    """Write the offline interactive page of `graph` to `path`, atomically (see `render_html`)."""
    page = render_html(graph_view(graph), title, with_gazetteer=with_gazetteer, focus=focus, hops=hops)
    write_atomic(path, page.encode("utf-8"))


def render_html(
    view: nx.MultiDiGraph,
    title: str = DEFAULT_TITLE,
    *,
    with_gazetteer: bool = False,
    focus: str | None = None,
    hops: int = 2,
) -> str:
    """The page for an entity view (see `graph_view`), as one self-contained HTML string.

    Regions nothing is said about are left out unless `with_gazetteer`; `focus` (an IRI or a
    place name such as "Kota Madiun") keeps only what lies within `hops` links of it.
    """
    view = _shown(view, with_gazetteer, focus, hops)
    data = _vis_data(view)
    data["options"] = _vis_options(view)
    data["large"] = _is_large(view)
    regions = sorted(
        (row[1], row[0]) for row in data["nodes"] if data["classes"][row[2]][0] in REGION_CLASSES
    )
    page = _template().render(
        title=title,
        data=data,
        legend=_legend(view),
        regions=regions,
        years=sorted({year for row in data["nodes"] for year in row[6]}),
        node_count=view.number_of_nodes(),
        edge_count=view.number_of_edges(),
        vis_script=Markup(vis_network_script()),
        vis_version=VIS_NETWORK_VERSION,
        label_chars=LABEL_CHARS,
    )
    _check_offline(page)
    return page


def _shown(view: nx.MultiDiGraph, with_gazetteer: bool, focus: str | None, hops: int) -> EntityView:
    """The part of the view the page draws: gazetteer-only regions out, then the focus's neighbourhood."""
    entities = view if isinstance(view, EntityView) else EntityView(view)
    shown = entities if with_gazetteer else without_gazetteer(entities)
    if focus is None:
        return shown
    centre = find_node(entities, focus)
    if centre is None:
        raise ValueError(f"no entity is called {focus!r}")
    if centre not in shown:  # a place asked for by name is drawn even when nothing is said about it
        shown = entities.restricted([*shown, centre])
    return neighbourhood(shown, centre, hops)


def class_colour(cls: str) -> str:
    """The colour of a class, the same in every export: fixed for known classes, else a stable hash."""
    return CLASS_COLOURS.get(cls) or FALLBACK_COLOURS[zlib.crc32(cls.encode("utf-8")) % len(FALLBACK_COLOURS)]


def escape(text: object) -> str:
    """HTML-escape & < > " ' and the backtick, for text that ends up in innerHTML or an attribute."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("`", "&#96;")
    )


def _vis_data(view: EntityView) -> dict[str, Any]:
    """The page's data, compact: rows of plain values, repeated strings stored once and referred to by index.

    nodes: [iri, name, class, size, x, y, years, regions (node indices), evidence (sentence
    indices, newest first), evidence count, types, [property, value, property, value, ...]];
    edges: [from, to, predicate, bend] (node and predicate indices; bend > 0 curves a second
    link between the same two entities); sentences: [text, article]; articles: [date, id].
    The page builds labels, colours, tooltips and the evidence list from these (as text, never HTML).
    """
    positions = layout(view)
    order = list(view.nodes)
    index = {node: i for i, node in enumerate(order)}
    classes = _Table()
    properties = _Table()
    predicates = _Table()
    types = _Table()
    articles = _Table()
    sentences = _Table()
    neighbours = {node: _neighbours(view, node) for node in order}
    cls_of = dict(view.nodes(data="cls"))
    regional = {node for node in order if cls_of[node] in REGION_CLASSES}
    near_regions = {node: neighbours[node] & regional for node in order}
    own_years = {node: _years(data, view.evidence.get(node, ())) for node, data in view.nodes(data=True)}
    degree = dict(view.degree())
    nodes = []
    for node_id, data in view.nodes(data=True):
        x, y = positions[node_id]
        years = own_years[node_id] or {year for other in neighbours[node_id] for year in own_years[other]}
        evidence = view.evidence.get(node_id, ())
        shown = sorted(evidence, key=lambda item: (item.date, item.article), reverse=True)[:EVIDENCE_SHOWN]
        rows: list[Any] = []
        for name, value in data.items():
            if name not in VIEW_ATTRIBUTES:
                rows += [properties.add(_display_name(name)), _cut(value)]
        nodes.append(
            [
                node_id,
                data["label"],
                classes.add(data["cls"]),
                round(10 + 4 * math.log2(1 + degree[node_id]), 1),
                x,
                y,
                sorted(years),
                sorted(index[region] for region in _regions_of(node_id, neighbours, near_regions, cls_of)),
                [sentences.add((_cut(item.text), articles.add((item.date, item.article)))) for item in shown],
                len(evidence),
                types.add(data["types"]),
                rows,
            ]
        )
    edges = []
    seen: dict[frozenset[str], int] = {}
    for source, target, data in view.edges(data=True):
        pair = frozenset((source, target))
        seen[pair] = seen.get(pair, -1) + 1
        predicate = (data["predicate"], data["label"])
        edges.append([index[source], index[target], predicates.add(predicate), seen[pair]])
    return {
        "nodes": nodes,
        "edges": edges,
        "classes": [[cls, class_colour(cls)] for cls in classes.items],
        "properties": properties.items,
        "predicates": [list(predicate) for predicate in predicates.items],
        "types": types.items,
        "sentences": sentences.items,
        "articles": articles.items,
    }


class _Table:
    """Values stored once, in the order first seen, and referred to by their index."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[Any, int] = {}

    def add(self, value: Any) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.items)
            self.items.append(value)
        return found


def _years(data: dict[str, str], evidence: tuple[Evidence, ...]) -> set[int]:
    """The years a node is about: its year and date properties, and the dates of its evidence."""
    texts = [value for name, value in data.items() if _DATED.search(name)] + [item.date for item in evidence]
    return {int(year) for text in texts for year in _YEAR.findall(text)}


def _regions_of(
    node: str, neighbours: dict[str, set[str]], near_regions: dict[str, set[str]], cls_of: dict[str, str]
) -> set[str]:
    """The regions a node belongs to for the region filter: itself, linked regions, and those of linked facts.

    Articles are not followed (one article links a dozen places), nor regions (a province is not its cities).
    """
    found = set(near_regions[node])
    if cls_of[node] in REGION_CLASSES:
        found.add(node)
    if cls_of[node] != "Article":
        for other in neighbours[node]:
            if cls_of[other] != "Article" and cls_of[other] not in REGION_CLASSES:
                found |= near_regions[other]
    return found


def _neighbours(view: EntityView, node: str) -> set[str]:
    return set(view.predecessors(node)) | set(view.successors(node))


def _is_large(view: nx.MultiDiGraph) -> bool:
    return bool(view.number_of_nodes() > LARGE_NODES)


def _vis_options(view: nx.MultiDiGraph) -> dict[str, Any]:
    """Positions come from the export (see kg.export.layout): physics stays off, the page opens drawn.

    A large graph opens with no node labels and no arrowheads (too small to see at that scale, and
    much of the first drawing): the page adds them once zoomed in (DETAIL_SCALE in the page).
    """
    large = _is_large(view)
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 13, "color": "#1f2933"}},
        "edges": {
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#334e68", "hover": "#334e68"},
            "font": {"size": 10, "color": "#52606d", "strokeWidth": 3, "align": "middle"},
            "smooth": {"enabled": not large, "type": "continuous", "roundness": 0.4},
            "width": 1,
        },
        "physics": {"enabled": False},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": True,
        },
    }


def _legend(view: nx.MultiDiGraph) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for _, cls in view.nodes(data="cls"):
        counts[cls] = counts.get(cls, 0) + 1
    return [{"cls": cls, "colour": class_colour(cls), "count": counts[cls]} for cls in sorted(counts)]


def _display_name(attribute: str) -> str:
    """`kg_regulationYear` back to `kg:regulationYear` for people (prefixes contain no "_")."""
    return attribute.replace("_", ":", 1) if "_" in attribute and "//" not in attribute else attribute


def _cut(value: str) -> str:
    return value if len(value) <= VALUE_CHARS else value[: VALUE_CHARS - 1] + "…"


@cache
def vis_network_script() -> str:
    """The vendored vis-network build, made safe to inline in a <script> element.

    Its sourceMappingURL line goes (the map is not shipped and a browser would try to load
    it); "</script" and "<!--" would end or confuse the inline element, so they are escaped.
    """
    script = resources.files("kg").joinpath("static", "vis-network.min.js").read_text("utf-8")
    script = re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.M).rstrip() + "\n"
    return re.sub(r"</(script)", r"<\\/\1", script, flags=re.I).replace("<!--", "<\\!--")


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    environment.filters["esc"] = lambda text: Markup(escape(text))
    source = resources.files("kg").joinpath("static", "graph.html.j2").read_text("utf-8")
    return environment.from_string(source)


def _check_offline(page: str) -> None:
    """Refuse to write a page that would load anything from the network (a template edit gone wrong)."""
    match = _EXTERNAL.search(page)
    if match:
        raise ValueError(f"the HTML page references an external resource: {match.group(0)!r}")
