"""Saved SPARQL queries: ontology/queries/*.rq, each with a title and a description.

A saved query starts with comment lines `# title: ...` and `# description: ...`.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

# The ontology folder ships inside the package (kg.ontology), so an installed wheel has it too.
ONTOLOGY_DIR = Path(str(importlib.resources.files("kg.ontology")))
QUERY_DIR = ONTOLOGY_DIR / "queries"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    sparql: str


def _header(text: str, field: str) -> str:
    for line in text.splitlines():
        if line.lower().startswith(f"# {field}:"):
            return line.split(":", 1)[1].strip()
    return ""


def saved_queries(folder: Path = QUERY_DIR) -> list[SavedQuery]:
    """Every saved query, by name."""
    queries = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        queries.append(SavedQuery(path.stem, _header(text, "title"), _header(text, "description"), text))
    return queries


def resolve_query(text: str, folder: Path = QUERY_DIR) -> str:
    """SPARQL from a saved query's name, a .rq file, or the text itself."""
    stripped = text.strip()
    if stripped.endswith(".rq"):
        path = Path(stripped)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    if " " not in stripped and "{" not in stripped:
        by_name = {q.name: q for q in saved_queries(folder)}
        if stripped not in by_name:
            raise KeyError(f"{stripped!r} is not a saved query; `kg queries` lists them")
        return by_name[stripped].sparql
    return text


# --- query text as a user writes it -------------------------------------------------------------

_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"  # long strings before short ones: ''' is not '' then '
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"',
    re.S,
)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_COMMENT = re.compile(r"#[^\n]*")
_VARIABLE = re.compile(r"[?$][\w]+")
# A prefixed name as users write them, '/' included (SPARQL's own grammar stops a local name there).
# A piece followed by ':' is the next name of a property path (kg:award/rdfs:label), not a path segment.
_SEGMENT = r"(?:[\w%-]|\.(?=[\w%-]))+"
_PREFIXED = re.compile(rf"(?<![\w?$:-])([A-Za-z][\w.-]*)?:({_SEGMENT}(?:/{_SEGMENT})*)(?![\w:])")
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_WORD = re.compile(r"[A-Za-z]+")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _pieces(sparql: str) -> Iterator[tuple[str, str]]:
    """The query as (kind, text) pieces: strings, IRIs, comments and variables apart from the rest."""
    position, plain = 0, list[str]()
    while position < len(sparql):
        for kind, pattern in (("string", _STRING), ("iri", _IRI), ("comment", _COMMENT), ("var", _VARIABLE)):
            found = pattern.match(sparql, position)
            if found:
                if plain:
                    yield "code", "".join(plain)
                    plain = []
                yield kind, found.group()
                position = found.end()
                break
        else:
            plain.append(sparql[position])
            position += 1
    if plain:
        yield "code", "".join(plain)


def expand_prefixed_names(sparql: str, prefixes: dict[str, str]) -> str:
    """Write prefixed names whose local part holds '/' (`kgid:region/35.77`) as full IRIs.

    SPARQL's grammar ends a local name at '/', so the form the project's IRIs are shown in
    would not parse; strings, IRIs and comments are left exactly as they are.
    """
    known = dict(prefixes)
    known.update({m.group(1) or "": m.group(2) for m in _PREFIX_DECL.finditer(sparql)})

    def rewrite(found: re.Match[str]) -> str:
        prefix, local = found.group(1) or "", found.group(2)
        if "/" not in local or not known.get(prefix, "").endswith("/"):
            return found.group()
        return f"<{known[prefix]}{local}>"

    return "".join(_PREFIXED.sub(rewrite, text) if kind == "code" else text for kind, text in _pieces(sparql))


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for any update operation; "" when none is seen."""
    for kind, text in _pieces(sparql):
        if kind != "code":
            continue
        for word in _WORD.findall(text):
            upper = word.upper()
            if upper in QUERY_WORDS:
                return upper
            if upper in UPDATE_WORDS:
                return "UPDATE"
    return ""


# --- result formats ------------------------------------------------------------------------------

#: The W3C SPARQL results formats of SELECT and ASK answers, by the names users and servers give them.
SOLUTION_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: The RDF formats of CONSTRUCT and DESCRIBE answers.
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
