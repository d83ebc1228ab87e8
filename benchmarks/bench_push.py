"""Benchmark: `kg push` of a generated corpus to a local Oxigraph server, full and incremental.

Builds a corpus from make_corpus.py (cached like bench_scale's) into an on-disk store,
starts the `oxigraph` server (the PyPI package of that name) on a free loopback port with
its own data folder, pushes everything, then changes `--changed` articles, rebuilds and
pushes again: only those articles' graphs and the default graph go, the default graph
whole by PUT, then (after changing as many other articles) as one SPARQL Update of the
triples it gains and loses (`kg push --update`). Prints, for each push, the graphs sent,
the quads sent, the seconds, the quads per second and the CPU seconds of this process
(the rest of the time is the server's).

    .venv/bin/python benchmarks/bench_push.py --articles 1000 --changed 10
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale import article_files, change, corpus_for  # noqa: E402

from kg.pipeline import build  # noqa: E402
from kg.push import Credentials, GraphStoreClient, push  # noqa: E402
from kg.store import KnowledgeStore  # noqa: E402


@contextmanager
def oxigraph_server(data: Path) -> Iterator[str]:
    """A running Oxigraph server on a free loopback port; yields its Graph Store URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        raise SystemExit("the oxigraph server is missing: pip install oxigraph")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [command, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait()


def timed_push(name: str, store: Path, base: str, update: bool = False) -> None:
    """Push, and print what went, how fast, and how much of the time was this process's CPU."""
    client = GraphStoreClient(
        f"{base}/store", Credentials("none"), update_url=f"{base}/update" if update else None
    )
    cpu = time.process_time()
    report = push(store, client)
    cpu = time.process_time() - cpu
    rate = report.quads / report.seconds if report.seconds else 0.0
    print(
        f"{name:<34} {len(report.sent):>5} sent {len(report.deleted):>2} deleted"
        f" {report.unchanged:>5} unchanged"
        f" {report.quads:>9,} quads {report.seconds:>7.2f} s {rate:>8,.0f} quads/s (client CPU {cpu:.2f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--changed", type=int, default=10, help="articles changed before the second push")
    parser.add_argument("--workers", type=int, default=2, help="build workers (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    args = parser.parse_args(argv)

    args.cache.mkdir(parents=True, exist_ok=True)
    cached, _gold, _seconds = corpus_for(args.articles, args.seed, "txt", args.cache)
    with tempfile.TemporaryDirectory(prefix="kg-push-") as work:
        corpus = Path(shutil.copytree(cached, Path(work) / "corpus"))
        store = Path(work) / "kg"
        built = build([corpus], KnowledgeStore(store), workers=args.workers)
        print(f"built {built.articles} articles, {built.triples:,} triples in {built.seconds:.1f} s")
        files = article_files(corpus)
        step = max(1, len(files) // args.changed)
        with oxigraph_server(Path(work) / "oxigraph") as base:
            timed_push("full push", store, base)
            change(files[::step][: args.changed])
            build([corpus], KnowledgeStore(store), workers=args.workers)
            timed_push(f"{args.changed} changed, default graph by PUT", store, base)
            change(files[1::step][: args.changed])
            build([corpus], KnowledgeStore(store), workers=args.workers)
            timed_push(f"{args.changed} changed, by update", store, base, update=True)
            timed_push("nothing changed", store, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
