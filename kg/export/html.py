"""An interactive HTML page of the entity graph that works with no network at all.

The nodes, edges and options are vis-network's own data, written as plain JSON into
kg/static/graph.html.j2 with the vendored vis-network script inlined. (pyvis would add
nothing here but an IPython install: its templates link vis-network, bootstrap and
tom-select from CDNs even with cdn_resources="local", so an offline page comes out blank.)

All text from the graph (article text can contain markup) is HTML-escaped before it is
put in a tooltip, and the data are embedded as HTML-safe JSON. The output is
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
    nodes, edges = _vis_data(view)
    regions = sorted(((node["name"], node["id"]) for node in nodes if node["cls"] in REGION_CLASSES), key=str)
    page = _template().render(
        title=title,
        data={"nodes": nodes, "edges": edges, "options": _vis_options(view)},
        legend=_legend(view),
        regions=regions,
        years=sorted({year for node in nodes for year in node["years"]}),
        node_count=view.number_of_nodes(),
        edge_count=view.number_of_edges(),
        vis_script=Markup(vis_network_script()),
        vis_version=VIS_NETWORK_VERSION,
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


def _vis_data(view: EntityView) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network's nodes (placed, with filter keys and evidence) and edges, in the view's (sorted) order."""
    positions = layout(view)
    own_years = {node: _years(data, view.evidence.get(node, ())) for node, data in view.nodes(data=True)}
    nodes = []
    for node_id, data in view.nodes(data=True):
        node = _vis_node(node_id, data, view.degree(node_id))
        node["x"], node["y"] = positions[node_id]
        node["years"] = sorted(own_years[node_id] or _neighbour_years(view, node_id, own_years))
        node["regions"] = _regions_of(view, node_id)
        node["evidence"] = _evidence_html(view.evidence.get(node_id, ()))
        nodes.append(node)
    edges = []
    labels = dict(view.nodes(data="label"))
    seen: dict[frozenset[str], int] = {}
    for index, (source, target, data) in enumerate(view.edges(data=True)):
        edge = _vis_edge(index, source, target, data, labels)
        pair = frozenset((source, target))
        seen[pair] = seen.get(pair, -1) + 1
        if seen[pair]:  # a second link between the same two entities is bent so it does not hide the first
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.25 * seen[pair], 2)}
        edges.append(edge)
    return nodes, edges


def _years(data: dict[str, str], evidence: tuple[Evidence, ...]) -> set[int]:
    """The years a node is about: its year and date properties, and the dates of its evidence."""
    texts = [value for name, value in data.items() if _DATED.search(name)] + [item.date for item in evidence]
    return {int(year) for text in texts for year in _YEAR.findall(text)}


def _neighbour_years(view: EntityView, node: str, own: dict[str, set[int]]) -> set[int]:
    """A node without a date of its own (a region, a person) takes its neighbours' years."""
    neighbours = set(view.predecessors(node)) | set(view.successors(node))
    return {year for other in neighbours for year in own[other]}


def _regions_of(view: EntityView, node: str) -> list[str]:
    """The regions a node belongs to for the region filter: itself, linked regions, and those of linked facts.

    Articles are not followed (one article links a dozen places), nor regions (a province is not its cities).
    """
    found = {node} if _is_region(view, node) else set()
    for other in _neighbours(view, node):
        if _is_region(view, other):
            found.add(other)
        elif view.nodes[other]["cls"] != "Article" and view.nodes[node]["cls"] != "Article":
            found.update(far for far in _neighbours(view, other) if _is_region(view, far))
    return sorted(found)


def _neighbours(view: EntityView, node: str) -> set[str]:
    return set(view.predecessors(node)) | set(view.successors(node))


def _is_region(view: EntityView, node: str) -> bool:
    return bool(view.nodes[node]["cls"] in REGION_CLASSES)


def _evidence_html(evidence: tuple[Evidence, ...]) -> str:
    """The sentences a fact was read from, newest first, as escaped HTML for the details panel."""
    if not evidence:
        return ""
    shown = sorted(evidence, key=lambda item: (item.date, item.article), reverse=True)[:EVIDENCE_SHOWN]
    items = "".join(
        f'<li><q>{escape(_cut(item.text))}</q> <span class="kg-ev-src">'
        f"{escape(item.date or 'undated')} · {escape(item.article)}</span></li>"
        for item in shown
    )
    more = f'<p class="hint">and {len(evidence) - len(shown)} more</p>' if len(evidence) > len(shown) else ""
    return f'<h3 class="kg-ev-head">Evidence ({len(evidence)})</h3><ol class="kg-ev">{items}</ol>{more}'


def _vis_node(node_id: str, data: dict[str, str], degree: int) -> dict[str, Any]:
    label = data["label"]
    return {
        "id": node_id,
        "label": label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
        "name": label,
        "cls": data["cls"],
        "color": class_colour(data["cls"]),
        "shape": "dot",
        "size": round(10 + 4 * math.log2(1 + degree), 1),
        "title": _node_tooltip(data),
    }


def _node_tooltip(data: dict[str, str]) -> str:
    """Label, class, IRI and literal properties as escaped HTML (the page turns it into an element)."""
    rows = [("types", data["types"])] + [
        (_display_name(name), value) for name, value in data.items() if name not in VIEW_ATTRIBUTES
    ]
    table = "".join(f"<tr><th>{escape(name)}</th><td>{escape(_cut(value))}</td></tr>" for name, value in rows)
    return (
        f'<div><b>{escape(data["label"])}</b> <span class="kg-tip-cls">{escape(data["cls"])}</span></div>'
        f'<div class="kg-tip-iri">{escape(data["iri"])}</div><table>{table}</table>'
    )


def _vis_edge(
    index: int, source: str, target: str, data: dict[str, str], labels: dict[str, str]
) -> dict[str, Any]:
    tooltip = f"<b>{escape(data['predicate'])}</b><br>{escape(labels[source])} → {escape(labels[target])}"
    return {"id": f"e{index}", "from": source, "to": target, "label": data["label"], "title": tooltip}


def _vis_options(view: nx.MultiDiGraph) -> dict[str, Any]:
    """Positions come from the export (see kg.export.layout): physics stays off, the page opens drawn."""
    large = view.number_of_nodes() > 300
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 13, "color": "#1f2933"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
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
