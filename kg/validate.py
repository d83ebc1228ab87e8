"""SHACL validation of a built graph against ontology/shapes.ttl, by one of two engines.

`oxigraph`, the default, compiles each constraint of the shapes into one SPARQL SELECT
that returns the nodes violating it, and runs those queries in Oxigraph over the store's
merged graph, where the data already is: nothing is copied into Python, so a store of a
million triples is checked in seconds. `pyshacl` is the reference, a complete SHACL
engine that walks an rdflib copy of the graph in Python (hours at a million triples);
it is kept to check the compiler against: the tests run both engines on the same graphs
and require the same report.

The compiler translates the SHACL constructs that ontology/shapes.ttl uses, reading
each as pyshacl does (its messages word for word, its language-tag and datatype tests),
and refuses every other construct with UnsupportedShape: a constraint it cannot check
is an error, never a constraint left out. Where pyshacl departs from the SHACL
specification on odd values, the compiler follows the specification (and SPARQL):

- a literal's lexical form is judged by XSD, as Oxigraph parses it: "1_000"^^xsd:integer
  or "1e3"^^xsd:decimal are ill-typed here, while Python's int() and Decimal() accept them;
- a value that cannot be compared with a bound of sh:minInclusive or sh:maxInclusive (a
  boolean or a date against a number) violates both bounds; pyshacl orders such literals
  by their datatype IRI and so may let one bound pass;
- `$` in sh:pattern matches at the end of the string only, not before a final newline
  (XPath regular expressions, not Python's);
- "a" and "a"^^xsd:string are one term (RDF 1.1); rdflib keeps them apart, so only a
  hand-made rdflib graph holding both could be counted differently.

Neither engine infers anything: the shapes describe the graph exactly as the graph stage
writes it, so a violation is a defect of the builder (or of a hand-made edit), never an
artefact of reasoning. A store holds no blank nodes (the builder names every node); were
one the value of a violation, the message of validate_store would show it as `[ ]` where
pyshacl lists its triples.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from pyshacl.rdfutil import stringify_node
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

from kg.errors import UserFacingError
from kg.export.rdf import merged_graph
from kg.namespaces import RESOURCE_BASE, bind_prefixes
from kg.queries import ONTOLOGY_DIR
from kg.store import KnowledgeStore, to_ox, to_rdflib

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ENGINES = ("oxigraph", "pyshacl")
LENIENT = frozenset({"Warning", "Info"})  # severities that leave a graph conforming (allow_warnings)


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


class UnsupportedShape(UserFacingError, ValueError):
    """The shapes use a SHACL construct the SPARQL compiler does not translate."""


class UnknownEngine(UserFacingError, ValueError):
    """An engine name other than those of ENGINES."""


def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def validate_store(
    store: KnowledgeStore, shapes: Graph | None = None, engine: str = "oxigraph"
) -> ValidationReport:
    """Check a store's merged graph against the shapes (ontology/shapes.ttl unless others are given).

    For `kg validate`: the oxigraph engine queries the store in place, where the pyshacl engine
    first copies the merged graph into rdflib (minutes, and gigabytes, at a million triples).
    """
    _check_engine(engine)
    shapes_graph = load_shapes() if shapes is None else shapes
    if engine == "pyshacl":
        return _validate_with_pyshacl(merged_graph(store), shapes_graph)
    # the names pyshacl would read off merged_graph(), for the messages that quote data nodes
    names = bind_prefixes(Graph())
    return run_checks(store.store, compile_shapes(shapes_graph), names)


def validate_graph(data: Graph, shapes: Graph | None = None, engine: str = "oxigraph") -> ValidationReport:
    """Check an rdflib graph against the shapes (ontology/shapes.ttl unless others are given).

    The oxigraph engine loads the graph into an in-memory Oxigraph store first.
    """
    _check_engine(engine)
    shapes_graph = load_shapes() if shapes is None else shapes
    if engine == "pyshacl":
        return _validate_with_pyshacl(data, shapes_graph)
    store = ox.Store()
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in data)  # type: ignore[arg-type]
    return run_checks(store, compile_shapes(shapes_graph), data)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise UnknownEngine(f"unknown validation engine {engine!r}: choose one of {', '.join(ENGINES)}")


# --- the report, shared by both engines ---------------------------------------------------------

_PROJECT_NAMES = bind_prefixes(Graph()).namespace_manager


def _short(node: Node | None) -> str:
    """A node as the report shows it: prefixed name, literal, or "" when absent."""
    if node is None:
        return ""
    if isinstance(node, URIRef) and node.startswith(RESOURCE_BASE):
        return "kgid:" + node.removeprefix(RESOURCE_BASE)
    return node.n3(_PROJECT_NAMES)


def _report(violations: Iterable[Violation], nodes_checked: int) -> ValidationReport:
    """Violations in one order whichever engine found them; conforming unless one is more than a warning."""
    ordered = tuple(sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value, v.severity)))
    conforms = all(v.severity in LENIENT for v in ordered)
    return ValidationReport(conforms, ordered, nodes_checked)


# --- the pyshacl engine ---------------------------------------------------------------------------


def _validate_with_pyshacl(data: Graph, shapes: Graph) -> ValidationReport:
    _conforms, results, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True
    )
    assert isinstance(results, Graph)
    return _report(_pyshacl_violations(results), _targets(data, shapes))


def _pyshacl_violations(results: Graph) -> Iterator[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(
            focus=_short(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            value=_short(results.value(result, SH.value)),
            message=messages[0] if messages else "",
            severity=_short(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
        )


def _targets(data: Graph, shapes: Graph) -> int:
    """How many nodes of the data some shape targets (SHACL instances of a target class)."""
    classes = set(shapes.objects(None, SH.targetClass))
    subclasses = {sub for cls in classes for sub in data.transitive_subjects(RDFS.subClassOf, cls)}
    return len({node for cls in classes | subclasses for node in data.subjects(RDF.type, cls)})


# --- the oxigraph engine: shapes compiled into SPARQL ---------------------------------------------

# A message as pyshacl writes it, from the data graph (whose prefixes name data nodes), the
# focus node and the value node (None for a constraint on the set of values).
Message = Callable[[Graph, Node, Node | None], str]

RDF_TYPE = f"<{RDF.type}>"
SUBCLASS_OF = f"<{RDFS.subClassOf}>"


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, compiled: a SELECT whose rows are the constraint's violations.

    A row binds ?this (the focus node) and, for a constraint on single values, ?value. Rows
    of a SPARQL-based constraint may bind ?path and ?value too; without ?value they report
    the focus node as the value, as pyshacl does for a node shape.
    """

    constraint: str
    sparql: str
    severity: URIRef
    path: URIRef | None
    message: Message
    prefixes: dict[str, str] = field(default_factory=dict)
    focus_is_value: bool = False


@dataclass(frozen=True)
class CompiledShapes:
    """Every check of a shapes graph, and the query that counts the nodes they target."""

    checks: tuple[Check, ...]
    targets: str


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Translate the shapes into SPARQL checks; raises UnsupportedShape on a construct it cannot translate."""
    _refuse_other_targets(shapes)
    classes: set[URIRef] = set()
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        shape_classes = _target_classes(shapes, shape)
        classes.update(shape_classes)
        checks.extend(_ShapeCompiler(shapes, shape, shape_classes).checks())
    count = f"SELECT (COUNT(DISTINCT ?this) AS ?count) WHERE {_focus(sorted(classes, key=str))}"
    return CompiledShapes(tuple(checks), count)


def run_checks(store: ox.Store, compiled: CompiledShapes, data: Graph) -> ValidationReport:
    """Run compiled checks on a store's default graph; `data` names data nodes in the messages."""
    violations = [v for check in compiled.checks for v in run_check(store, check, data)]
    counted = store.query(compiled.targets)
    assert isinstance(counted, ox.QuerySolutions)
    count = next(iter(counted))["count"]
    return _report(violations, int(count.value) if count is not None else 0)


def run_check(store: ox.Store, check: Check, data: Graph) -> Iterator[Violation]:
    """The violations one check finds in a store's default graph."""
    solutions = store.query(check.sparql, prefixes=check.prefixes)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        focus = to_rdflib(row["this"])
        value = to_rdflib(row["value"]) if _bound(row, "value") else (focus if check.focus_is_value else None)
        path = to_rdflib(row["path"]) if _bound(row, "path") else check.path
        yield Violation(
            focus=_short(focus),
            path=_short(path),
            value=_short(value),
            message=check.message(data, focus, value),
            severity=_short(check.severity).removeprefix("sh:"),
        )


def _bound(row: ox.QuerySolution, name: str) -> bool:
    try:
        return row[name] is not None
    except KeyError:  # not a variable of the query
        return False


# --- targets -----------------------------------------------------------------------------------


def _refuse_other_targets(shapes: Graph) -> None:
    """Only sh:targetClass selects focus nodes here; any other kind of target is refused, not ignored."""
    for kind in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        for shape in shapes.subjects(kind, None):
            raise UnsupportedShape(f"{_name(shapes, shape)}: {_name(shapes, kind)} is not supported")
    for cls in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
        for shape in shapes.subjects(RDF.type, cls):
            if (shape, RDF.type, SH.NodeShape) in shapes or (shape, RDF.type, SH.PropertyShape) in shapes:
                raise UnsupportedShape(
                    f"{_name(shapes, shape)}: a shape that is also a class is not supported"
                )


def _target_classes(shapes: Graph, shape: Node) -> list[URIRef]:
    classes = sorted(shapes.objects(shape, SH.targetClass), key=str)
    for cls in classes:
        if not isinstance(cls, URIRef):
            raise UnsupportedShape(f"{_name(shapes, shape)}: sh:targetClass must be an IRI")
    return classes  # type: ignore[return-value]


def _focus(classes: list[URIRef]) -> str:
    """The focus nodes of a shape, each once: SHACL instances of its target classes (subclasses too)."""
    branches = " UNION ".join(f"{{ ?this {RDF_TYPE}/{SUBCLASS_OF}* <{cls}> }}" for cls in classes)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {branches} }} }}"


# --- one shape ------------------------------------------------------------------------------------

# Parameters of SHACL that document a shape without constraining anything.
DOCUMENTING = frozenset({SH.name, SH.description})
NODE_PARAMETERS = frozenset({SH.targetClass, SH.property, SH.sparql, SH.severity, SH.message}) | DOCUMENTING
VALUE_TESTS = frozenset(
    {
        SH["class"],
        SH.datatype,
        SH.pattern,
        SH["in"],
        SH.languageIn,
        SH.minLength,
        SH.minInclusive,
        SH.maxInclusive,
    }
)
PROPERTY_PARAMETERS = (
    frozenset({SH.path, SH.minCount, SH.maxCount, SH.hasValue, SH["or"], SH.severity, SH.message})
    | VALUE_TESTS
    | DOCUMENTING
)
SPARQL_PARAMETERS = frozenset({SH.select, SH.prefixes, SH.message}) | DOCUMENTING
SHAPE_TYPES = frozenset({SH.NodeShape, SH.PropertyShape})


class _ShapeCompiler:
    """The checks of one node shape with targets: its property shapes' constraints and its SPARQL ones."""

    def __init__(self, shapes: Graph, shape: Node, classes: list[URIRef]) -> None:
        self.shapes = shapes
        self.shape = shape
        self.name = _name(shapes, shape)
        self.focus = _focus(classes)

    def checks(self) -> list[Check]:
        with _located(self.name):
            _allow(self.shapes, self.shape, NODE_PARAMETERS)
        checks = []
        for prop in sorted(self.shapes.objects(self.shape, SH.property), key=lambda n: _name(self.shapes, n)):
            checks.extend(self._property_checks(prop))
        for constraint in sorted(self.shapes.objects(self.shape, SH.sparql), key=str):
            with _located(f"{self.name} sh:sparql"):
                checks.append(self._sparql_check(constraint))
        return checks

    # property shapes

    def _property_checks(self, prop: Node) -> list[Check]:
        path = _single(self.shapes, prop, SH.path)
        if not isinstance(path, URIRef):
            where = f"{self.name} sh:property {_name(self.shapes, prop)}"
            raise UnsupportedShape(f"{where}: only a property IRI is supported as sh:path")
        where = f"{self.name} {_name(self.shapes, path)}"
        with _located(where):
            _allow(self.shapes, prop, PROPERTY_PARAMETERS)
            own = _single_message(self.shapes, prop)
            severity = _severity(self.shapes, prop)
            checks = []
            for parameter, compile_one in self._property_compilers().items():
                argument = _single(self.shapes, prop, parameter)
                compiled = None if argument is None else compile_one(path, argument)
                if compiled is not None:
                    sparql, generic = compiled
                    message = generic if own is None else _fixed(own)
                    label = f"{where} {_name(self.shapes, parameter)}"
                    checks.append(Check(label, sparql, severity, path, message))
        return checks

    def _property_compilers(self) -> dict[URIRef, Callable[[URIRef, Node], tuple[str, Message] | None]]:
        compilers: dict[URIRef, Callable[[URIRef, Node], tuple[str, Message] | None]] = {
            SH.minCount: self._min_count,
            SH.maxCount: self._max_count,
            SH.hasValue: self._has_value,
            SH["or"]: self._or,
        }
        for parameter in sorted(VALUE_TESTS, key=str):
            compilers[parameter] = self._value_test(parameter)
        compilers[SH["class"]] = self._class
        return compilers

    def _min_count(self, path: URIRef, argument: Node) -> tuple[str, Message] | None:
        # MINUS: Oxigraph reads the property once, in index order, instead of once per focus node
        count = _count(argument, SH.minCount)
        if count == 0:
            return None  # holds for every node, as in pyshacl
        having = (
            f"{{ ?this <{path}> ?value }}"
            if count == 1
            else f"{{ SELECT ?this WHERE {{ ?this <{path}> ?value }}"
            f" GROUP BY ?this HAVING (COUNT(DISTINCT ?value) >= {count}) }}"
        )
        sparql = f"SELECT ?this WHERE {{ {self.focus} MINUS {having} }}"
        shown = self._shape_text(path)
        return sparql, lambda data, focus, value: f"Less than {count} values on {_text(data, focus)}->{shown}"

    def _max_count(self, path: URIRef, argument: Node) -> tuple[str, Message]:
        count = _count(argument, SH.maxCount)
        too_many = (
            f"{{ SELECT ?this WHERE {{ ?this <{path}> ?value }}"
            f" GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {count}) }}"
        )
        sparql = f"SELECT ?this WHERE {{ {too_many} {self.focus} }}"
        shown = self._shape_text(path)
        return sparql, lambda data, focus, value: f"More than {count} values on {_text(data, focus)}->{shown}"

    def _has_value(self, path: URIRef, argument: Node) -> tuple[str, Message]:
        sparql = f"SELECT ?this WHERE {{ {self.focus} MINUS {{ ?this <{path}> {_term(argument)} }} }}"
        shown, wanted = self._shape_text(path), [self._shape_text(argument)]

        def message(data: Graph, focus: Node, value: Node | None) -> str:
            return f"Node {_text(data, focus)}->{shown} does not contain a value in the set: {wanted}"

        return sparql, message

    def _class(self, path: URIRef, argument: Node) -> tuple[str, Message]:
        """sh:class as an anti-join with the class's instances: one pass instead of a lookup per value."""
        _test, message = _value_test(self.shapes, SH["class"], argument)
        instances = f"{{ ?value {RDF_TYPE}/{SUBCLASS_OF}* <{argument}> }}"
        values = f"{{ SELECT ?this ?value WHERE {{ ?this <{path}> ?value MINUS {instances} }} }}"
        return f"SELECT ?this ?value WHERE {{ {values} {self.focus} }}", message

    def _or(self, path: URIRef, argument: Node) -> tuple[str, Message]:
        members = list(self.shapes.items(argument))
        if not members:
            raise UnsupportedShape("sh:or needs a non-empty list of shapes")
        test = " || ".join(_member_test(self.shapes, member) for member in members)
        listed = " , ".join(self._shape_text(member) for member in members)

        def message(data: Graph, focus: Node, value: Node | None) -> str:
            return f"Node {_text(data, value)} must conform to one or more shapes in {listed}"

        return self._values_failing(path, test), message

    def _value_test(self, parameter: URIRef) -> Callable[[URIRef, Node], tuple[str, Message]]:
        def compile_one(path: URIRef, argument: Node) -> tuple[str, Message]:
            test, message = _value_test(self.shapes, parameter, argument)
            return self._values_failing(path, test), message

        return compile_one

    def _values_failing(self, path: URIRef, test: str) -> str:
        return f"SELECT ?this ?value WHERE {{ {self.focus} ?this <{path}> ?value . FILTER (!({test})) }}"

    def _shape_text(self, node: Node) -> str:
        return stringify_node(self.shapes, node)

    # SPARQL-based constraints

    def _sparql_check(self, constraint: Node) -> Check:
        _allow(self.shapes, constraint, SPARQL_PARAMETERS)
        select = _single(self.shapes, constraint, SH.select)
        if not isinstance(select, Literal):
            raise UnsupportedShape("sh:sparql needs an sh:select string")
        prefixes = _declared_prefixes(self.shapes, constraint)
        _refuse_unsafe_select(str(select), prefixes)
        messages = [str(m) for m in self.shapes.objects(self.shape, SH.message)]
        messages += [str(m) for m in self.shapes.objects(constraint, SH.message)]
        message = _sparql_message(messages)
        sparql = f"SELECT DISTINCT * WHERE {{ {self.focus} {{ {select} }} }}"
        severity = _severity(self.shapes, self.shape)
        return Check(f"{self.name} sh:sparql", sparql, severity, None, message, prefixes, focus_is_value=True)


@contextlib.contextmanager
def _located(where: str) -> Iterator[None]:
    """Prefix the message of an UnsupportedShape raised inside with the shape it is about."""
    try:
        yield
    except UnsupportedShape as error:
        raise UnsupportedShape(f"{where}: {error}") from None


def _member_test(shapes: Graph, member: Node) -> str:
    """A SPARQL expression true when ?value conforms to a member shape of sh:or (value tests only)."""
    _allow(shapes, member, VALUE_TESTS | DOCUMENTING, inside="a member of sh:or")
    tests = [
        _value_test(shapes, parameter, argument)[0]
        for parameter in sorted(VALUE_TESTS, key=str)
        if (argument := _single(shapes, member, parameter)) is not None
    ]
    if not tests:
        raise UnsupportedShape(f"the member {_name(shapes, member)} of sh:or has no constraint")
    return "(" + " && ".join(tests) + ")"


# --- value tests: one SPARQL expression per parameter, true when ?value passes -----------------------


def _value_test(shapes: Graph, parameter: URIRef, argument: Node) -> tuple[str, Message]:
    """The test of one value constraint (errors count as failures, as SHACL says) and its message."""
    test, message = VALUE_TEST_COMPILERS[parameter](shapes, argument)
    return f"COALESCE({test}, false)", message


def _class_test(shapes: Graph, argument: Node) -> tuple[str, Message]:
    if not isinstance(argument, URIRef):
        raise UnsupportedShape(f"sh:class {_name(shapes, argument)}: the class must be an IRI")
    shown = stringify_node(shapes, argument)
    test = f"EXISTS {{ ?value {RDF_TYPE}/{SUBCLASS_OF}* <{argument}> }}"
    return test, _fixed(f"Value does not have class {shown}")


def _well_formed(datatype: URIRef) -> str:
    """An expression true when ?value, of this datatype, has a valid lexical form."""
    tests = {
        XSD.string: "true",
        XSD.integer: "isNumeric(?value)",
        XSD.decimal: "isNumeric(?value)",
        XSD.boolean: "(?value = true || ?value = false)",
        XSD.date: f"(<{XSD.date}>(?value) = ?value)",
    }
    return tests[datatype]


DATATYPES = frozenset({XSD.string, XSD.integer, XSD.decimal, XSD.boolean, XSD.date})


def _datatype_test(shapes: Graph, argument: Node) -> tuple[str, Message]:
    if argument not in DATATYPES:
        known = ", ".join(_name(shapes, d) for d in sorted(DATATYPES, key=str))
        raise UnsupportedShape(f"sh:datatype {_name(shapes, argument)} is not supported (only {known})")
    assert isinstance(argument, URIRef)
    test = f"(isLiteral(?value) && DATATYPE(?value) = <{argument}> && {_well_formed(argument)})"
    return test, _fixed(f"Value is not Literal with datatype {stringify_node(shapes, argument)}")


def _pattern_test(shapes: Graph, argument: Node) -> tuple[str, Message]:
    if not isinstance(argument, Literal):
        raise UnsupportedShape("sh:pattern must be a string")
    test = f"(!isBlank(?value) && REGEX(STR(?value), {_term(Literal(str(argument)))}))"
    return test, _fixed(f"Value does not match pattern '{argument.value}'")


def _min_length_test(shapes: Graph, argument: Node) -> tuple[str, Message]:
    length = _count(argument, SH.minLength)
    test = "true" if length == 0 else f"(!isBlank(?value) && STRLEN(STR(?value)) >= {length})"
    return test, lambda data, focus, value: f"String length not >= {_text(data, argument)}"


def _in_test(shapes: Graph, argument: Node) -> tuple[str, Message]:
    members = list(shapes.items(argument))
    if not members:
        raise UnsupportedShape("sh:in needs a non-empty list")
    test = "(" + " || ".join(f"sameTerm(?value, {_term(m)})" for m in members) + ")"
    # pyshacl lists the members in the order of a Python set built in list order; the same
    # set here gives the same order (within a process: string hashes are salted per process)
    listed = [stringify_node(shapes, m) for m in set(members)]
    return test, lambda data, focus, value: f"Value {_text(data, value)} not in list {listed}"


def _language_in_test(shapes: Graph, argument: Node) -> tuple[str, Message]:
    """pyshacl's reading of sh:languageIn: a tag equal to a range, or whose first subtag is one; any case."""
    ranges = [str(r).lower() for r in shapes.items(argument)]
    if not ranges or not all(isinstance(r, Literal) for r in shapes.items(argument)):
        raise UnsupportedShape("sh:languageIn needs a non-empty list of strings")
    if "*" in ranges:
        test = '(LANG(?value) != "")'
    else:
        listed = ", ".join(_term(Literal(r)) for r in ranges)
        test = (
            f'(LANG(?value) != "" && (LCASE(LANG(?value)) IN ({listed})'
            f' || LCASE(STRBEFORE(LANG(?value), "-")) IN ({listed})))'
        )
    return test, _fixed(f"String language is not in {stringify_node(shapes, argument)}")


def _bound_test(operator: str) -> Callable[[Graph, Node], tuple[str, Message]]:
    def compile_one(shapes: Graph, argument: Node) -> tuple[str, Message]:
        if not _is_number(argument):
            raise UnsupportedShape(
                f"the bound {_name(shapes, argument)}: only numbers are supported as bounds"
            )
        message = f"Value is not {operator} {stringify_node(shapes, argument)}"
        return f"(?value {operator} {_term(argument)})", _fixed(message)

    return compile_one


def _is_number(node: Node) -> bool:
    """A numeric literal (not a boolean, which Python counts as an int)."""
    if not isinstance(node, Literal) or isinstance(node.value, bool):
        return False
    return isinstance(node.value, int | float | Decimal)


VALUE_TEST_COMPILERS: dict[URIRef, Callable[[Graph, Node], tuple[str, Message]]] = {
    SH["class"]: _class_test,
    SH.datatype: _datatype_test,
    SH.pattern: _pattern_test,
    SH["in"]: _in_test,
    SH.languageIn: _language_in_test,
    SH.minLength: _min_length_test,
    SH.minInclusive: _bound_test(">="),
    SH.maxInclusive: _bound_test("<="),
}


# --- SPARQL-based constraints ------------------------------------------------------------------------

# The algebra a SELECT may have to be run once over all focus nodes and joined with them: the
# same rows as pyshacl's one run per focus node with $this pre-bound, which is what SHACL asks.
PLAIN_SELECT = frozenset({"SelectQuery", "Project", "Distinct", "Reduced", "Filter", "BGP"})
EXPRESSION = re.compile(r"Builtin_(?!EXISTS$|NOTEXISTS$)\w+|Unary\w+|\w+Expression|Function")
# What rdflib's algebra names are in the query text, for the message that refuses them.
SPARQL_WORDS = {
    "LeftJoin": "OPTIONAL",
    "Union": "UNION",
    "Minus": "MINUS",
    "Builtin_EXISTS": "EXISTS",
    "Builtin_NOTEXISTS": "NOT EXISTS",
    "values": "VALUES",
    "ToMultiSet": "VALUES or a subquery",
    "Extend": "BIND or AS",
    "Group": "GROUP BY",
    "AggregateJoin": "an aggregate",
    "Slice": "LIMIT or OFFSET",
    "OrderBy": "ORDER BY",
    "Graph": "GRAPH",
    "ServiceGraphPattern": "SERVICE",
    "Join": "nested groups",
}


def _declared_prefixes(shapes: Graph, constraint: Node) -> dict[str, str]:
    prefixes = {}
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            prefixes[str(prefix)] = str(namespace)
    return prefixes


def _refuse_unsafe_select(select: str, prefixes: dict[str, str]) -> None:
    """Accept a SELECT of triple patterns and filters that binds $this in a triple pattern, nothing else.

    Run once and joined with the focus nodes, such a query gives the rows SHACL's pre-binding
    of $this gives; OPTIONAL, UNION, MINUS, EXISTS, VALUES, subqueries, aggregates or LIMIT
    could give others, so they are refused rather than run with another meaning.
    """
    try:
        algebra = prepareQuery(select, initNs=prefixes).algebra
    except Exception as error:  # rdflib raises pyparsing's and its own errors alike
        raise UnsupportedShape(f"its sh:select does not parse: {error}") from error
    names = {node.name for node in _algebra_nodes(algebra)}
    others = {name for name in names - PLAIN_SELECT if not EXPRESSION.fullmatch(name)}
    if others:
        known = {SPARQL_WORDS[name] for name in others if name in SPARQL_WORDS}
        shown = ", ".join(sorted(known or others))
        raise UnsupportedShape(f"its sh:select uses {shown}; only triple patterns and FILTERs are supported")
    this = Variable("this")
    if this not in algebra["PV"] or not any(this in triple for triple in _triples(algebra)):
        raise UnsupportedShape("its sh:select must select $this and bind it in a triple pattern")
    if {"currentShape", "shapesGraph", "PATH"} & set(re.findall(r"[$?](\w+)", select)):
        raise UnsupportedShape("$currentShape, $shapesGraph and $PATH are not supported in sh:select")


def _algebra_nodes(node: object) -> Iterator[CompValue]:
    """Every algebra node (patterns and expressions alike, so an EXISTS inside a FILTER is seen too)."""
    if isinstance(node, CompValue):
        yield node
        for child in node.values():
            yield from _algebra_nodes(child)
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _algebra_nodes(child)


def _triples(algebra: CompValue) -> Iterator[tuple[Node, Node, Node]]:
    for node in _algebra_nodes(algebra):
        if node.name == "BGP":
            yield from node["triples"]


def _sparql_message(messages: list[str]) -> Message:
    """The one message of a SPARQL constraint (its shape's and its own together), with no variables."""
    if len(messages) > 1:
        raise UnsupportedShape("more than one sh:message for a SPARQL constraint is not supported")
    if messages and re.search(r"\{[?$]\w+\}", messages[0]):
        raise UnsupportedShape("variables in sh:message ({?value}, {$this}) are not supported")
    return _fixed(messages[0] if messages else "")


# --- reading the shapes graph -------------------------------------------------------------------------


def _allow(shapes: Graph, shape: Node, parameters: frozenset[URIRef], inside: str = "") -> None:
    """Refuse a SHACL parameter (or shape type) the compiler does not translate, naming it."""
    for predicate, value in shapes.predicate_objects(shape):
        unknown = str(predicate).startswith(str(SH)) and predicate not in parameters
        if predicate == RDF.type:
            unknown = value not in SHAPE_TYPES
        if unknown:
            shown = _name(shapes, predicate) + (" " + _name(shapes, value) if predicate == RDF.type else "")
            place = f" in {inside}" if inside else ""
            raise UnsupportedShape(
                f"{shown}{place} is not supported by the oxigraph engine"
                " (validate with --engine pyshacl, or teach kg/validate.py this construct)"
            )


def _single(shapes: Graph, shape: Node, parameter: URIRef) -> Node | None:
    values = list(shapes.objects(shape, parameter))
    if len(values) > 1:
        raise UnsupportedShape(f"{_name(shapes, parameter)} given more than once")
    return values[0] if values else None


def _single_message(shapes: Graph, shape: Node) -> str | None:
    message = _single(shapes, shape, SH.message)
    return None if message is None else str(message)


def _severity(shapes: Graph, shape: Node) -> URIRef:
    severity = _single(shapes, shape, SH.severity)
    if severity is None:
        return SH.Violation
    if not isinstance(severity, URIRef):
        raise UnsupportedShape("sh:severity must be an IRI")
    return severity


def _count(argument: Node, parameter: URIRef) -> int:
    if not (isinstance(argument, Literal) and isinstance(argument.value, int) and argument.value >= 0):
        raise UnsupportedShape(
            f"{parameter.n3(_PROJECT_NAMES)} must be a non-negative integer, not {argument}"
        )
    return int(argument.value)


def _name(shapes: Graph, node: Node) -> str:
    """A shapes-graph node for an error message: its prefixed name, or a description of a blank node."""
    return stringify_node(shapes, node)


def _term(node: Node) -> str:
    """A constant of the shapes as SPARQL text."""
    if isinstance(node, BNode):
        raise UnsupportedShape("a blank node as a constant (in sh:in or sh:hasValue) is not supported")
    return node.n3()


def _text(data: Graph, node: Node | None) -> str:
    """A data node as pyshacl quotes it in a message (the data graph's prefixes name it)."""
    return stringify_node(data, node) if node is not None else "None"


def _fixed(message: str) -> Message:
    return lambda data, focus, value: message


__all__ = [
    "ENGINES",
    "SHAPES",
    "Check",
    "CompiledShapes",
    "UnknownEngine",
    "UnsupportedShape",
    "ValidationReport",
    "Violation",
    "compile_shapes",
    "load_shapes",
    "run_check",
    "run_checks",
    "validate_graph",
    "validate_store",
]
