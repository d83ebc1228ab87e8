"""SHACL validation of a built graph against ontology/shapes.ttl.

pyshacl runs without inference: the shapes describe the graph exactly as the graph
stage writes it, so a violation is a defect of the builder (or of a hand-made edit),
never an artefact of reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.namespaces import RESOURCE_BASE, bind_prefixes
from kg.queries import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which constraint, and how."""

    focus: str
    path: str
    value: str
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    nodes_checked: int


def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Check `data` against the shapes (ontology/shapes.ttl unless others are given)."""
    shapes_graph = load_shapes() if shapes is None else shapes
    conforms, results, _text = validate(
        data, shacl_graph=shapes_graph, inference="none", abort_on_first=False, allow_warnings=True
    )
    assert isinstance(results, Graph)
    violations = tuple(
        sorted(_violations(bind_prefixes(results)), key=lambda v: (v.focus, v.path, v.message))
    )
    return ValidationReport(bool(conforms), violations, _targets(data, shapes_graph))


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        found.append(
            Violation(
                focus=_short(results, results.value(result, SH.focusNode)),
                path=_short(results, results.value(result, SH.resultPath)),
                value=_short(results, results.value(result, SH.value)),
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=_short(results, results.value(result, SH.resultSeverity)).removeprefix("sh:"),
            )
        )
    return found


def _short(results: Graph, node: Node | None) -> str:
    """A node as the report shows it: prefixed name, literal, or "" when absent."""
    if node is None:
        return ""
    if isinstance(node, URIRef) and node.startswith(RESOURCE_BASE):
        return "kgid:" + node.removeprefix(RESOURCE_BASE)
    return node.n3(results.namespace_manager)


def _targets(data: Graph, shapes: Graph) -> int:
    """How many nodes of the data some shape targets: what "conforms" vouches for."""
    classes = set(shapes.objects(None, SH.targetClass))
    return len({node for cls in classes for node in data.subjects(RDF.type, cls)})


__all__ = ["SHAPES", "ValidationReport", "Violation", "load_shapes", "validate_graph"]
