"""What a query may ask of the server before it runs: a bounded size and nesting, and no SERVICE call.

pyoxigraph has no switch to turn `SERVICE` off: a query could make the server fetch any
URL (a request forgery from inside the operator's network). So a query that calls a
service is refused unless the operator allowed that endpoint. The call is found by
parsing the query with rdflib's SPARQL grammar, not by searching its text: the word
inside a string, an IRI or a comment calls nothing, and `SERVICE ?endpoint` (bound at
run time) is refused whatever the list says.

The grammar is run on the query as written, without rdflib's usual expansion of `\\u`
escapes across the whole text: Oxigraph reads escapes only inside strings and IRIs, so
expanding them elsewhere could hide from the check a call that Oxigraph makes. For the
same reason a carriage return ends a comment for both parsers. Where the two parsers
differ otherwise, the grammar refuses (a query it cannot read is not run), never the
other way round.

Parsing with pyparsing is slow (about 0.1 ms a byte) and recursive, so it runs in a
query worker, under the time and memory limits, and only for a query that has the word
`service` in it at all. Size and nesting are checked first, in the server, by a linear
scan: Oxigraph's own parser overflows its stack on a few thousand nested braces, and
that must be a 400 for the client, not a dead worker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

_WORD = re.compile("service", re.IGNORECASE)
# One lexical unit of a scan for nesting: a comment, a string, an IRI, a bracket, anything else.
_LEXEME = re.compile(
    r"""\#[^\r\n]*
    | '''(?:(?:'|'')?(?:[^'\\]|\\.))*''' | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
    | '(?:[^'\\\r\n]|\\.)*' | "(?:[^"\\\r\n]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [{(\[] | [})\]]
    | [^#'"<{(\[})\]]+ | .""",
    re.VERBOSE | re.DOTALL,
)
_OPENING = frozenset("{([")
_CLOSING = frozenset("})]")


class Refused(ValueError):
    """A query the server will not run; the message says why, for the client."""


def check_shape(text: str, max_bytes: int, max_depth: int) -> None:
    """Refuse a query longer than `max_bytes` or with brackets nested deeper than `max_depth`."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise Refused(f"the query is {size} bytes long; this server takes queries of up to {max_bytes} bytes")
    depth = deepest = 0
    for match in _LEXEME.finditer(text):
        lexeme = match.group()
        if lexeme in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif lexeme in _CLOSING:
            depth = max(depth - 1, 0)
        if deepest > max_depth:
            raise Refused(f"the query nests brackets more than {max_depth} deep")


def check_services(prefixes: Mapping[str, str], text: str, allowed: Sequence[str]) -> None:
    """Refuse a query that calls a SERVICE other than the `allowed` endpoints (or one named by a variable).

    The server's `prefixes` are declared to the grammar, not written before the query, so
    that a position in a message about the query is a position in the text the client sent.
    """
    if not _WORD.search(text):
        return
    for target in service_targets(text, prefixes):
        if target is None:
            raise Refused("SERVICE with a variable endpoint is not allowed on this server")
        if target not in allowed:
            if not allowed:
                raise Refused(f"this server does not call other SPARQL services (SERVICE <{target}>)")
            listed = ", ".join(f"<{iri}>" for iri in allowed)
            raise Refused(f"SERVICE <{target}> is not allowed on this server; allowed: {listed}")


def service_targets(query: str, prefixes: Mapping[str, str] | None = None) -> list[str | None]:
    """The endpoint of every SERVICE of `query` (None for a variable), read by rdflib's SPARQL grammar.

    `prefixes` are declared for the query as if by PREFIX lines of its own (which win).
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import Query
    from rdflib.term import Variable

    try:
        tree = Query.parse_string(query.replace("\r", "\n"), parse_all=True)
        prologue = translatePrologue(tree[0], None, initNs=dict(prefixes or {}))
        return [
            None if isinstance(node["term"], Variable) else str(prologue.absolutize(node["term"]))
            for node in _services(tree)
        ]
    except RecursionError as error:
        raise Refused("the query is nested too deeply to be checked for SERVICE calls") from error
    except ParseBaseException as error:
        raise Refused(f"the query mentions SERVICE and could not be checked: {error}") from error
    except Exception as error:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise Refused(f"the query mentions SERVICE and could not be checked: {error}") from error


def _services(tree: Any) -> Iterator[Any]:
    """Every ServiceGraphPattern of a parse tree, walked with a stack (a deep tree needs no recursion)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                yield node
            pending.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            pending.extend(node)
