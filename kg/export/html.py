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
from kg.export.view import graph_view

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
_EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I
)


def write_html(graph: Graph, path: Path, title: str = DEFAULT_TITLE) -> None:
    """Write the offline interactive page of `graph` to `path`, atomically."""
    write_atomic(path, render_html(graph_view(graph), title).encode("utf-8"))


def render_html(view: nx.MultiDiGraph, title: str = DEFAULT_TITLE) -> str:
    """The page for an entity view (see `graph_view`), as one self-contained HTML string."""
    nodes, edges = _vis_data(view)
    page = _template().render(
        title=title,
        data={"nodes": nodes, "edges": edges, "options": _vis_options(view)},
        legend=_legend(view),
        node_count=view.number_of_nodes(),
        edge_count=view.number_of_edges(),
        vis_script=Markup(vis_network_script()),
        vis_version=VIS_NETWORK_VERSION,
    )
    _check_offline(page)
    return page


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


def _vis_data(view: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network's nodes and edges, in the view's (sorted) order."""
    nodes = [_vis_node(node_id, data, view.degree(node_id)) for node_id, data in view.nodes(data=True)]
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
    """Physics runs only for the initial stabilisation (the page then freezes it); seeded layout."""
    large = view.number_of_nodes() > 300
    return {
        "autoResize": True,
        "layout": {"randomSeed": 42, "improvedLayout": not large},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 13, "color": "#1f2933"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#334e68", "hover": "#334e68"},
            "font": {"size": 10, "color": "#52606d", "strokeWidth": 3, "align": "middle"},
            "smooth": {"enabled": not large, "type": "continuous", "roundness": 0.4},
            "width": 1,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.3},
            "stabilization": {
                "enabled": True,
                "iterations": 400 if large else 1000,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "multiselect": True},
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
