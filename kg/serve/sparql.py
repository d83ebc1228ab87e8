"""The SPARQL 1.1 Protocol, read-only: which query a request carries and how its result is written.

A query comes by GET (`?query=`), by POST form-encoded (`query=`) or by POST with the
body `application/sparql-query`; `default-graph-uri` and `named-graph-uri` choose the
dataset. An update (`update=`, `application/sparql-update`, or query text that is an
update) is refused with 403: the store is opened read-only and the endpoint stays so.
The result format follows the Accept header, or a `format` (or `output`) parameter that
names a format or a media type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from kg.serve.negotiation import negotiate
from kg.serve.worker import Choice

# Media types a result can be written in, by result kind, in the server's order of preference.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
BOOLEAN_TYPES = {media: fmt for media, fmt in SOLUTION_TYPES.items() if fmt in ("json", "xml")}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
TYPES_BY_KIND = {"solutions": SOLUTION_TYPES, "boolean": BOOLEAN_TYPES, "graph": GRAPH_TYPES}
# `format=` names: the format for each kind of result (an RDF name asks for RDF, and so on).
FORMAT_NAMES: dict[str, dict[str, str]] = {
    "json": {"solutions": "application/sparql-results+json", "graph": "application/ld+json"},
    "xml": {"solutions": "application/sparql-results+xml", "graph": "application/rdf+xml"},
    "csv": {"solutions": "text/csv"},
    "tsv": {"solutions": "text/tab-separated-values"},
    "turtle": {"graph": "text/turtle"},
    "ttl": {"graph": "text/turtle"},
    "ntriples": {"graph": "application/n-triples"},
    "nt": {"graph": "application/n-triples"},
    "jsonld": {"graph": "application/ld+json"},
    "json-ld": {"graph": "application/ld+json"},
    "rdfxml": {"graph": "application/rdf+xml"},
    "rdf": {"graph": "application/rdf+xml"},
}
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
_COMMENT = re.compile(r"^\s*#.*$", re.M)


class ProtocolError(Exception):
    """A request the protocol refuses: carries the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    """A query as the protocol delivered it."""

    sparql: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def from_params(params: Sequence[tuple[str, str]]) -> QueryRequest | None:
    """The query of GET parameters or a form body; None when there is no query (a description request)."""
    if any(name == "update" for name, _ in params):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    queries = [value for name, value in params if name == "query"]
    if not queries:
        return None
    if len(queries) > 1:
        raise ProtocolError(400, "give exactly one `query` parameter")
    return _checked(
        QueryRequest(
            queries[0],
            tuple(value for name, value in params if name == "default-graph-uri"),
            tuple(value for name, value in params if name == "named-graph-uri"),
            next((value for name, value in params if name in ("format", "output")), None),
        )
    )


def from_post(content_type: str, body: bytes, params: Sequence[tuple[str, str]]) -> QueryRequest | None:
    """The query of a POST: form-encoded, or the query itself as the body (params then from the URL)."""
    media = content_type.split(";")[0].strip().lower()
    if media == UPDATE_BODY:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if media == FORM:
        return from_params(parse_form(body))
    if media == QUERY_BODY:
        url_params = [(name, value) for name, value in params if name != "query"]
        return from_params([("query", _decode(body)), *url_params])
    raise ProtocolError(415, f"a query is POSTed as {FORM} or {QUERY_BODY}, not {media or 'no content type'}")


def parse_form(body: bytes) -> list[tuple[str, str]]:
    """The fields of a form-encoded body (no multipart: the protocol does not use it)."""
    return parse_qsl(_decode(body), keep_blank_values=True)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, "the request body is not UTF-8") from error


def _checked(request: QueryRequest) -> QueryRequest:
    if not request.sparql.strip():
        raise ProtocolError(400, "the query is empty")
    if _UPDATE.match(_COMMENT.sub("", request.sparql)):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    return request


def choices(accept: str | None, format_name: str | None) -> dict[str, Choice | None]:
    """The serialisation of each kind of result, from a `format` parameter or else the Accept header."""
    if format_name:
        return _named_choices(format_name)
    found: dict[str, Choice | None] = {}
    for kind, types in TYPES_BY_KIND.items():
        media = negotiate(accept, list(types))
        found[kind] = Choice(types[media], media) if media else None
    return found


def _named_choices(format_name: str) -> dict[str, Choice | None]:
    name = format_name.strip().lower()
    if name in FORMAT_NAMES:
        by_kind = dict(FORMAT_NAMES[name])
        if "solutions" in by_kind and by_kind["solutions"] in BOOLEAN_TYPES:
            by_kind["boolean"] = by_kind["solutions"]
    elif any(name in types for types in TYPES_BY_KIND.values()):
        by_kind = {kind: name for kind, types in TYPES_BY_KIND.items() if name in types}
    else:
        known = ", ".join(FORMAT_NAMES)
        raise ProtocolError(400, f"unknown format {format_name!r}; use one of {known} or a media type")
    return {
        kind: Choice(TYPES_BY_KIND[kind][media], media) if (media := by_kind.get(kind)) else None
        for kind in TYPES_BY_KIND
    }


def offered_types() -> list[str]:
    """Every media type the endpoint can write, for the message of a 406."""
    return list(dict.fromkeys(media for types in TYPES_BY_KIND.values() for media in types))


FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
}


def service_description(endpoint: str, void: str, limits: Mapping[str, object]) -> str:
    """The SPARQL 1.1 Service Description of the endpoint, as Turtle."""
    formats = " ,\n        ".join(f"<{iri}>" for iri in FORMAT_IRIS.values())
    notes = "; ".join(f"{name} {value}" for name, value in limits.items())
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {formats} ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; void:inDataset <{void}> ]
    ] ;
    rdfs:comment "Read-only. Limits: {notes}." .
"""
