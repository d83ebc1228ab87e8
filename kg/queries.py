"""Saved SPARQL queries: ontology/queries/*.rq, each with a title and a description.

A saved query starts with comment lines `# title: ...` and `# description: ...`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
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
