"""The search index: SQLite FTS5 (Python's own sqlite3) over the labels of one store generation.

A page worker reads what is searched from the store (pages.search_documents, plain data);
the server puts it in an in-memory FTS5 table here, once per generation. FTS5 rather
than a scan of every label: a prefix query is answered from the index, and its ranking
(bm25) comes with it. What the index forgives:

- case and accents: the unicode61 tokenizer with `remove_diacritics 2` ("mádiun" = "madiun");
- apostrophes: taken out before indexing and from the query, so "maruf" finds Ma'ruf Amin
  (unicode61 would otherwise split "ma'ruf" into "ma" and "ruf");
- unfinished words: every word of the query is a prefix ("kota madi");
- a title with a place: a person is indexed with the posts they hold (role, post label
  and the region or organisation of the post), so "wali kota madiun" finds the mayor.

Hits are ranked: an entity some mention refers to (one with facts) before one without
(articles have none: a title holds many words); then a whole name, a name's start, words
inside a name, a post held; then the more evidence, the better bm25, the shorter label.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass

from kg.serve.pages import NodeInfo, SearchDocuments, Suggestion

APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u0060\u00b4]")
TOKEN = re.compile(r"[^\W_]+")
MAX_WORDS = 12
NAME, CONTEXT = "name", "context"


def fold(text: str) -> str:
    """Text as the index holds it: apostrophes out, so a name's parts stay one word."""
    return APOSTROPHES.sub("", text)


def tokens(text: str) -> list[str]:
    """The words FTS5's unicode61 tokenizer sees, lower case and without accents."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return TOKEN.findall(bare.casefold())


def match_expression(query: str) -> str:
    """An FTS5 query: every word a prefix, all of them required; "" when the query has no word.

    A word the tokenizer splits ("35.77") becomes a phrase ("35 77"*), so its parts stay together.
    """
    phrases = []
    for word in query.split()[:MAX_WORDS]:
        parts = tokens(word)
        if parts:
            phrases.append('"' + " ".join(parts) + '"*')
    return " ".join(phrases)


@dataclass(frozen=True)
class SearchPage:
    """One page of hits and how many there are in all."""

    hits: list[Suggestion]
    total: int
    offset: int
    limit: int


class SearchIndex:
    """An in-memory FTS5 table of one generation's labels, aliases, codes and persons' posts."""

    def __init__(self, documents: SearchDocuments) -> None:
        self.nodes: dict[str, NodeInfo] = documents.nodes
        self.weight = documents.weight
        self.with_facts = documents.with_facts
        # One connection, used by the event loop and the threads of the pool: hence the lock.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE entries USING fts5(text, iri UNINDEXED, shown UNINDEXED,"
            " kind UNINDEXED, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
        )
        self._db.executemany(
            "INSERT INTO entries (text, iri, shown, kind) VALUES (?, ?, ?, ?)",
            [
                (fold(text), iri, shown, kind)
                for iri, text, shown, kind in documents.entries
                if iri in self.nodes
            ],
        )
        self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def search(self, query: str, limit: int = 10, offset: int = 0) -> list[Suggestion]:
        """The best `limit` hits after the first `offset`."""
        return self.page(query, limit, offset).hits

    def page(self, query: str, limit: int = 10, offset: int = 0) -> SearchPage:
        """A page of the ranked hits, with their total."""
        expression = match_expression(query)
        if not expression:
            return SearchPage([], 0, offset, limit)
        with self._lock:
            found = self._db.execute(
                "SELECT iri, shown, kind, bm25(entries) FROM entries WHERE entries MATCH ?", (expression,)
            ).fetchall()
        needle = " ".join(tokens(query))
        best: dict[str, tuple[tuple[object, ...], str]] = {}
        for iri, shown, kind, score in found:
            key = self._key(iri, _tier(shown, kind, needle), score)
            if iri not in best or key < best[iri][0]:
                best[iri] = (key, shown)
        ordered = sorted(best.items(), key=lambda item: item[1][0])
        hits = [self._suggestion(iri, matched) for iri, (_, matched) in ordered[offset : offset + limit]]
        return SearchPage(hits, len(ordered), offset, limit)

    def _key(self, iri: str, tier: int, score: float) -> tuple[object, ...]:
        node = self.nodes[iri]
        facts = iri in self.with_facts
        return (
            not facts,
            tier,
            -self.weight.get(iri, 0),
            score,
            len(node.label),
            node.label.casefold(),
        )

    def _suggestion(self, iri: str, matched: str) -> Suggestion:
        node = self.nodes[iri]
        return Suggestion(iri, node.label, node.cls, node.colour, node.href, matched)


def _tier(text: str, kind: str, needle: str) -> int:
    """0: the whole name; 1: the name's start; 2: words inside it; 3: only the posts held."""
    if kind == CONTEXT:
        return 3
    words = " ".join(tokens(text))
    if words == needle:
        return 0
    return 1 if words.startswith(needle) else 2
