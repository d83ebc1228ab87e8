"""A read-only store over a remote SPARQL 1.1 endpoint, for `kg serve --sparql-endpoint URL`.

An institution that already runs a triple store (the graph loaded there with `kg push`)
can serve the pages from it instead of from an embedded store. The pages ask a store
nothing but `query(sparql)`, and the endpoint's jobs call `store.store.query(...)` as on
pyoxigraph's Store, so `RemoteStore` offers both and answers with what pyoxigraph would:
QuerySolutions, QueryBoolean or QueryTriples, parsed from the endpoint's SPARQL JSON results
or N-Triples.

The remote data may change at any time and has no generations to follow; `generation` is
instead the current window of `CACHE_SECONDS`, so every answer kept per generation (the
server's page cache, the search index, a worker's overview readings) is read again at
most that long after it was made. Whole-graph downloads are not made from a remote
endpoint: `quads()` and `merged()` raise RemoteError, and the server answers 404.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import UserFacingError
from kg.namespaces import PREFIXES

CACHE_SECONDS = 60.0
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
ERROR_CHARS = 300  # of the endpoint's own message, quoted in ours
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class RemoteError(UserFacingError):
    """The endpoint cannot be reached, refused the query, or answered what cannot be read.

    `status` is the HTTP status the server gives its own client for it.
    """

    def __init__(self, message: str, status: int = 502) -> None:
        super().__init__(message)
        self.status = status


class RemoteStore:
    """The store of a remote SPARQL endpoint, read-only; the same reading methods as KnowledgeStore."""

    path: Path | None = None  # no folder: nothing of it is on this machine

    def __init__(self, endpoint: str, timeout: float = 10.0, max_bytes: int = 256 << 20) -> None:
        if urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).netloc:
            raise RemoteError(f"not an http(s) URL of a SPARQL endpoint: {endpoint!r}", 400)
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.store = self  # the endpoint's jobs call store.store.query(...), as on a pyoxigraph Store

    @property
    def generation(self) -> str:
        """The current cache window: answers kept per generation are read again when it changes."""
        return cache_window()

    def check(self) -> None:
        """Ask the endpoint `ASK {}`; RemoteError (one line naming the URL) when it does not answer."""
        if not isinstance(self.query("ASK {}"), ox.QueryBoolean):
            raise RemoteError(
                f"{self.endpoint} answered ASK {{}} with no boolean: is it a SPARQL query endpoint?"
            )

    def query(
        self,
        sparql: str,
        prefixes: Mapping[str, str] | None = PREFIXES,
        default_graph: Sequence[ox.NamedNode] | None = None,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> Result:
        """Run a read query at the endpoint; the project's prefixes are declared for it.

        The prefixes go in as PREFIX lines before the query, as a remote endpoint takes no
        other; a PREFIX of the query's own comes later and wins. SyntaxError when the
        endpoint refuses the query (400), RemoteError when it cannot answer.
        """
        prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items())
        form = [("query", prologue + sparql)]
        form += [("default-graph-uri", g.value) for g in default_graph or ()]
        form += [("named-graph-uri", g.value) for g in named_graphs or ()]
        media_type, body = self._post(urlencode(form).encode("utf-8"))
        return self._parse(media_type, body)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        raise RemoteError(f"whole-graph downloads are not made from a remote endpoint ({self.endpoint})", 404)

    def merged(self) -> Iterator[ox.Quad]:
        return self.quads()

    def close(self) -> None:
        """Nothing held open: each query is one HTTP request."""

    def _post(self, form: bytes) -> tuple[str, bytes]:
        """The endpoint's answer to a query sent as an HTML form (no URL length limit): media type, body."""
        request = urllib.request.Request(
            self.endpoint,
            data=form,
            headers={"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(self.max_bytes + 1)
                media_type = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            raise self._refusal(error) from None
        except (OSError, ValueError) as error:  # refused, unknown host, timeout, a reset connection
            reason = getattr(error, "reason", None) or error
            raise RemoteError(f"the SPARQL endpoint {self.endpoint} cannot be reached: {reason}") from None
        if len(body) > self.max_bytes:
            raise RemoteError(
                f"the answer of {self.endpoint} is larger than {self.max_bytes} bytes: add a LIMIT", 503
            )
        return media_type, body

    def _refusal(self, error: urllib.error.HTTPError) -> Exception:
        """A 400 is the query's fault (SyntaxError, as pyoxigraph raises); any other status the endpoint's."""
        text = " ".join(error.read(ERROR_CHARS * 4).decode("utf-8", "replace").split())[:ERROR_CHARS]
        if error.code == 400:
            return SyntaxError(f"{self.endpoint} refused the query: {text}")
        return RemoteError(
            f"the SPARQL endpoint {self.endpoint} answered {error.code} {error.reason}: {text}"
        )

    def _parse(self, media_type: str, body: bytes) -> Result:
        """Solutions or a boolean from a results format; triples (as QueryTriples) from an RDF one."""
        try:
            results_format = ox.QueryResultsFormat.from_media_type(media_type)
            if results_format is not None:
                return ox.parse_query_results(body, format=results_format)
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is not None:
                return as_query_triples(ox.parse(body, format=rdf_format))
        except (SyntaxError, ValueError) as error:
            raise RemoteError(
                f"the answer of {self.endpoint} cannot be read as {media_type}: {error}"
            ) from None
        raise RemoteError(f"{self.endpoint} answered {media_type}, which is neither SPARQL results nor RDF")


def cache_window() -> str:
    """The name of the current window of CACHE_SECONDS, the "generation" of a remote endpoint's data."""
    return f"remote-{int(time.time() // CACHE_SECONDS)}"


def as_query_triples(triples: Iterator[ox.Triple | ox.Quad]) -> ox.QueryTriples:
    """The triples as pyoxigraph's QueryTriples, which cannot be made directly: a CONSTRUCT over them.

    The graph is a set, so repeated triples go, as they may in any CONSTRUCT result; blank
    nodes keep their identity, being values of the variables, not of the template.
    """
    graph = ox.Store()
    graph.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    result = graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result
