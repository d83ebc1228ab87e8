"""The graph explorer's data: an entity's neighbourhood, or the whole graph when it is small.

Plain functions of the store returning JSON-ready dicts, run in the server's page workers
(kg.serve.pool) like the entity pages, whose node descriptions they share (kg.serve.pages).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import URIRef

from kg.export.view import local_name, prefixed_name
from kg.serve.pages import NodeInfo, NotFound, _ref, _values, describe_nodes, rows
from kg.store import KnowledgeStore

HOPS_THROUGH = ("kg:Post", "kg:AwardConferral", "kg:CoverageFigure", "kg:Regulation")
YEAR_PROPERTIES = "kg:editionYear|kg:regulationYear|kg:refYear"
DATE_PROPERTIES = "dcterms:date|kg:asOf"
MAX_NEIGHBOURS = 150
WHOLE_GRAPH_LIMIT = 400


def neighbourhood(store: KnowledgeStore, iri: str, limit: int = MAX_NEIGHBOURS) -> dict[str, Any]:
    """The entity, the entities it links to or is linked from, and those links, for the explorer."""
    ref = _ref(iri)
    links = [
        (row["s"].value, row["p"].value, row["o"].value)
        for row in rows(
            store,
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ BIND({ref} AS ?s) ?s ?p ?o FILTER(isIRI(?o)) }}"
            f" UNION {{ BIND({ref} AS ?o) ?s ?p ?o FILTER(isIRI(?s)) }} FILTER(?p != rdf:type) }}"
            " ORDER BY ?s ?p ?o",
        )
    ]
    nodes = describe_nodes(store, {iri} | {s for s, _, _ in links} | {o for _, _, o in links})
    if iri not in nodes or not nodes[iri].types:
        raise NotFound(iri)
    shown = [n for n in nodes.values() if n.iri != iri and _shown(n)]
    shown.sort(key=lambda n: (n.cls == "Article", n.label.casefold()))
    kept = {iri} | {n.iri for n in shown[:limit]}
    graph = _graph_payload(
        store, {k: nodes[k] for k in kept}, [link for link in links if {link[0], link[2]} <= kept]
    )
    graph["focus"] = iri
    graph["truncated"] = max(0, len(shown) - limit)
    return graph


def whole_graph(store: KnowledgeStore, limit: int = WHOLE_GRAPH_LIMIT) -> dict[str, Any] | None:
    """Every article and every entity an article mentions, with their links; None when that is too big."""
    members = [
        row["n"].value
        for row in rows(
            store,
            "SELECT DISTINCT ?n WHERE { { ?n a kg:Article } UNION { ?a a kg:Article ; kg:mentions ?n } }"
            f" LIMIT {limit + 1}",
        )
    ]
    if len(members) > limit:
        return None
    nodes = {iri: node for iri, node in describe_nodes(store, members).items() if _shown(node)}
    links = []
    if nodes:
        links = [
            (row["s"].value, row["p"].value, row["o"].value)
            for row in rows(
                store,
                f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(nodes)} }} ?s ?p ?o FILTER(isIRI(?o))"
                " FILTER(?p != rdf:type) }",
            )
            if row["o"].value in nodes
        ]
    graph = _graph_payload(store, nodes, sorted(links))
    graph["focus"] = None
    graph["truncated"] = 0
    return graph


def _shown(node: NodeInfo) -> bool:
    return bool(node.types) and not ({t for t in node.types} & {"kg:Sentence", "kg:Mention"})


def _graph_payload(
    store: KnowledgeStore, nodes: dict[str, NodeInfo], links: list[tuple[str, str, str]]
) -> dict[str, Any]:
    """Nodes with what the explorer filters and hovers on (years, regions, one evidence sentence)."""
    years = _years(store, nodes)
    regions = _regions(store, nodes)
    evidence = _sample_evidence(store, nodes)
    return {
        "nodes": [
            {
                "id": node.iri,
                "label": node.label,
                "cls": node.cls,
                "color": node.colour,
                "href": node.href,
                "years": sorted(years.get(node.iri, ())),
                "regions": sorted(regions.get(node.iri, ())),
                "evidence": evidence.get(node.iri),
            }
            for node in sorted(nodes.values(), key=lambda n: n.iri)
        ],
        "edges": [
            {
                "id": f"{s} {p} {o}",
                "from": s,
                "to": o,
                "label": local_name(URIRef(p)),
                "predicate": prefixed_name(URIRef(p)),
            }
            for s, p, o in links
        ],
        "regions": {
            iri: node.label
            for iri, node in describe_nodes(store, {r for rs in regions.values() for r in rs}).items()
        },
    }


def _years(store: KnowledgeStore, nodes: dict[str, NodeInfo]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    if not nodes:
        return found
    for row in rows(
        store,
        f"SELECT DISTINCT ?n ?y WHERE {{ VALUES ?n {{ {_values(nodes)} }}"
        f" {{ ?n {YEAR_PROPERTIES} ?y }} UNION {{ ?n {DATE_PROPERTIES} ?d BIND(YEAR(?d) AS ?y) }} }}",
    ):
        if row["y"] is not None and row["y"].value.isdigit():
            found[row["n"].value].add(int(row["y"].value))
    return found


def _regions(store: KnowledgeStore, nodes: dict[str, NodeInfo]) -> dict[str, set[str]]:
    """The regions each node is about: itself, those it links with, and those one post or award away."""
    found: dict[str, set[str]] = defaultdict(set)
    if not nodes:
        return found
    hops = " ".join(HOPS_THROUGH)
    for row in rows(
        store,
        f"""SELECT DISTINCT ?n ?r WHERE {{ VALUES ?n {{ {_values(nodes)} }}
          {{ ?n ?p ?r }} UNION {{ ?r ?p ?n }}
          UNION {{ ?n ?p ?x . ?x a ?hop . ?x ?q ?r VALUES ?hop {{ {hops} }} }}
          UNION {{ ?x ?p ?n . ?x a ?hop . ?x ?q ?r VALUES ?hop {{ {hops} }} }}
          ?r a kg:Region }}""",
    ):
        found[row["n"].value].add(row["r"].value)
    for iri, node in nodes.items():
        if "kg:Region" in node.types:
            found[iri].add(iri)
    return found


def _sample_evidence(store: KnowledgeStore, nodes: dict[str, NodeInfo]) -> dict[str, dict[str, Any]]:
    """One sentence per node (with its article, date and the number of mentions) for the hover card."""
    if not nodes:
        return {}
    samples = list(
        rows(
            store,
            f"SELECT ?n (MIN(STR(?m)) AS ?mention) (COUNT(?m) AS ?count) WHERE {{"
            f" VALUES ?n {{ {_values(nodes)} }} ?n kg:evidence ?m }} GROUP BY ?n",
        )
    )
    if not samples:
        return {}
    mentions = _values(sample["mention"].value for sample in samples)
    details = {
        row["m"].value: row
        for row in rows(
            store,
            f"SELECT ?m ?text ?a ?date WHERE {{ VALUES ?m {{ {mentions} }}"
            " ?m kg:inSentence/kg:text ?text ; kg:inArticle ?a OPTIONAL { ?a dcterms:date ?date } }",
        )
    }
    articles = describe_nodes(store, (row["a"].value for row in details.values()))
    found = {}
    for sample in samples:
        row = details.get(sample["mention"].value)
        if row is None:
            continue
        article = articles[row["a"].value]
        found[sample["n"].value] = {
            "text": row["text"].value,
            "article": article.label,
            "href": article.href,
            "date": row["date"].value if row["date"] else "",
            "count": int(sample["count"].value),
        }
    return found
