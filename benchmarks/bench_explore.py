"""Benchmark: how long the explorer waits for an entity's neighbourhood (/api/neighbourhood).

A store of `--articles` generated articles (benchmarks/make_corpus.py, then `kg build`) is
served by `kg serve` in a process of its own; one client asks for the neighbourhood of four
kinds of entity, chosen from the graph as the busiest of their kind: a region (the most
links: a province), a person (the most posts), an award conferral (the most links), an
article (the most mentions) and the hub every conferral links to (the Paritrana Award,
cut at MAX_LINKS), and for the first page of the region's article group (what opening
"78 berita / articles" loads). Each is asked once cold (its first request), then
`--requests` times; the figures are p50 and p99 of those, the cold time, the nodes and
groups sent and the size of the answer. Traffic goes to 127.0.0.1 only.

    .venv/bin/python benchmarks/bench_explore.py                       # 2,100 articles, built afresh
    .venv/bin/python benchmarks/bench_explore.py --store /tmp/exstore --requests 50
"""

from __future__ import annotations

import argparse
import http.client
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench_serve import percentile, start_server

from kg.serve.pages import rows
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
# The busiest entity of each kind: (name, class, how busy is counted).
TARGETS = (
    ("region", "kg:Region", "{ ?x ?p ?n } UNION { ?n ?p ?x FILTER(isIRI(?x)) }"),
    ("person", "kg:Person", "?x kg:holder ?n"),
    ("award conferral", "kg:AwardConferral", "{ ?x ?p ?n } UNION { ?n ?p ?x FILTER(isIRI(?x)) }"),
    ("article", "kg:Article", "?n kg:mentions ?x"),
    ("hub (award)", "kg:Award", "?x kg:award ?n"),
)


def busiest(store: KnowledgeStore, cls: str, links: str) -> str:
    found = rows(
        store,
        f"SELECT ?n (COUNT(?x) AS ?c) WHERE {{ ?n a {cls} . {links} }}"
        " GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1",
    )
    return str(found[0]["n"].value)


def build_store(articles: int, scratch: Path) -> Path:
    corpus, store = scratch / "corpus", scratch / "kg"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            str(corpus),
            "--articles",
            str(articles),
        ],
        check=True,
    )
    subprocess.run(
        [sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus), "--store", str(store)],
        check=True,
    )
    return store


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {body[:200]!r}")
    return time.perf_counter() - started, body


def measure(connection: http.client.HTTPConnection, name: str, path: str, requests: int) -> None:
    cold, body = fetch(connection, path)
    times = [fetch(connection, path)[0] for _ in range(requests)]
    graph = json.loads(body)
    groups = sum(1 for node in graph["nodes"] if "group" in node)
    print(
        f"{name:<22} {1000 * percentile(times, 0.5):>7.1f} {1000 * percentile(times, 0.99):>7.1f}"
        f" {1000 * cold:>8.1f} {len(graph['nodes']) - groups:>6} {groups:>7} {len(body) / 1024:>7.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, help="a built store; default: --articles generated and built")
    parser.add_argument(
        "--articles", type=int, default=2100, help="articles to generate when no store is given"
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per entity")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store or build_store(args.articles, Path(scratch))
        reader = KnowledgeStore(store, read_only=True)
        targets = [(name, busiest(reader, cls, links)) for name, cls, links in TARGETS]
        reader.close()
        process, url = start_server(store, 1)
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        try:
            fetch(connection, "/api/search?q=a")  # the server's start-up, not the explorer's
            first, _ = fetch(connection, f"/api/neighbourhood?iri={quote(targets[1][1])}")
            print(
                f"first explorer request (the region names, read once per generation): {1000 * first:.0f} ms"
            )
            print(f"/api/neighbourhood of {store}, {args.requests} requests each after a cold one")
            columns = ("p50 ms", 7), ("p99 ms", 7), ("cold ms", 8), ("nodes", 6), ("groups", 7), ("KB", 7)
            print(f"{'entity':<22}" + "".join(f" {name:>{width}}" for name, width in columns))
            for name, iri in targets:
                measure(connection, name, f"/api/neighbourhood?iri={quote(iri)}", args.requests)
            region = quote(targets[0][1])
            measure(
                connection,
                "region: article group",
                f"/api/neighbourhood?iri={region}&group=Article",
                args.requests,
            )
            for name, iri in targets:
                print(f"  {name}: {iri}")
        finally:
            connection.close()
            process.send_signal(signal.SIGINT)
            process.wait(30)


if __name__ == "__main__":
    main()
