"""Benchmark: requests per second and p50/p99 latency of `kg serve` on loopback.

The server runs in a process of its own (`kg serve --port 0`); this process is the load
generator: `--clients` threads, each with one keep-alive HTTP connection, send requests
back to back for `--seconds` per scenario, after a short warm-up. Three scenarios: an
entity page (HTML), a saved query through the SPARQL endpoint (JSON results) and a
search suggestion (JSON). Traffic goes to 127.0.0.1 only, and every loop is bounded in
time and in count.

    .venv/bin/python benchmarks/bench_serve.py                     # the seeds, built afresh
    .venv/bin/python benchmarks/bench_serve.py --store .kg --seconds 10 --clients 8
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from kg.pipeline import build
from kg.queries import saved_queries
from kg.store import KnowledgeStore

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS_PER_CLIENT = 200_000
SCENARIOS = {
    "entity page": ("/id/region/35.77", "text/html"),
    "saved query": (
        "/sparql?query=" + quote(next(q.sparql for q in saved_queries() if q.name == "awards-by-year")),
        "application/sparql-results+json",
    ),
    "search suggestion": ("/api/search?limit=8&q=madi", "application/json"),
}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def start_server(store: Path, workers: int) -> tuple[subprocess.Popen[str], str]:
    """`kg serve` on a free loopback port; returns the process and its base URL."""
    command = [sys.executable, "-c", "from kg.cli import app; app()", "serve", "--store", str(store)]
    process = subprocess.Popen(
        [*command, "--port", "0", "--workers", str(workers)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    url = next((word for word in line.split() if word.startswith("http://127.0.0.1:")), None)
    if url is None:
        process.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return process, url


def first_answer(url: str, launched: float, seconds: float = 300) -> float:
    """Seconds from the server's launch to its first answered home page."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    while time.perf_counter() - launched < seconds:
        connection = http.client.HTTPConnection(host or "127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return time.perf_counter() - launched
        except OSError:
            time.sleep(0.05)
        finally:
            connection.close()
    raise SystemExit(f"the server did not answer within {seconds:g} s")


def client_loop(
    url: str, path: str, accept: str, deadline: float, tally: Tally, lock: threading.Lock
) -> None:
    """One client: requests over one keep-alive connection until the deadline (or the count cap)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    latencies, errors = [], 0
    try:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.perf_counter() >= deadline:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
            latencies.append(time.perf_counter() - started)
            errors += not ok
    finally:
        connection.close()
    with lock:
        tally.latencies.extend(latencies)
        tally.errors += errors


def run(url: str, path: str, accept: str, clients: int, seconds: float) -> tuple[Tally, float]:
    tally, lock = Tally(), threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=client_loop, args=(url, path, accept, deadline, tally, lock))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, help="a built store; default: the seeds, built into a temp dir")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per scenario")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="SPARQL workers (pages have their own)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store
        if store is None:
            store = Path(scratch) / "kg"
            build([ROOT / "seeds"], KnowledgeStore(store))
        launched = time.perf_counter()
        process, url = start_server(store, args.workers)
        try:
            first = first_answer(url, launched)
            print(f"kg serve at {url}: first answer {first:.1f} s after launch")
            print(f"{args.clients} clients, {args.seconds:g} s per scenario")
            print(f"{'scenario':<20} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
            for name, (path, accept) in SCENARIOS.items():
                run(url, path, accept, args.clients, 1.0)  # warm-up
                tally, elapsed = run(url, path, accept, args.clients, args.seconds)
                count = len(tally.latencies)
                print(
                    f"{name:<20} {count:>9} {count / elapsed:>8.0f}"
                    f" {1000 * statistics.median(tally.latencies):>8.1f}"
                    f" {1000 * percentile(tally.latencies, 0.99):>8.1f} {tally.errors:>7}"
                )
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(30)


if __name__ == "__main__":
    main()
