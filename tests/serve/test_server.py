"""`kg serve` as a user runs it: a real server on loopback, asked by a real SPARQL client.

SPARQLWrapper must get over HTTP exactly what `kg query` prints in process, for every saved query.
A request head too long for the server, a server killed with -9, a port that cannot be used:
each ends as a user would want it to.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import threading
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from rdflib import Graph
from serve_sample import Running, eventually, start, stop
from SPARQLWrapper import GET, JSON, POST, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.queries import saved_queries
from kg.serve.app import Settings
from kg.serve.server import LOOPBACK, ServeError, bind, serve


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Running]:
    running = start(store_path)
    yield running
    if running.process.poll() is None:
        stop(running)


def endpoint(server: Running, method: str = GET) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setMethod(method)
    client.setTimeout(30)
    return client


def in_process(store: Path, name: str) -> dict[str, Any]:
    """What `kg query NAME --format json` prints: SPARQL 1.1 Query Results JSON."""
    result = CliRunner().invoke(app, ["query", name, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.output)
    return document


@pytest.mark.parametrize("saved", saved_queries(), ids=lambda saved: saved.name)
@pytest.mark.parametrize("method", [GET, POST])
def test_every_saved_query_answers_over_http_as_in_process(
    server: Running, store_path: Path, saved: object, method: str
) -> None:
    client = endpoint(server, method)
    client.setQuery(saved.sparql)  # type: ignore[attr-defined]
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    expected = in_process(store_path, saved.name)  # type: ignore[attr-defined]
    assert answer["head"]["vars"] == expected["head"]["vars"]  # type: ignore[index]
    assert answer["results"]["bindings"] == expected["results"]["bindings"]  # type: ignore[index]


def test_construct_comes_back_as_a_graph(server: Running) -> None:
    client = endpoint(server)
    client.setQuery("CONSTRUCT { ?r skos:prefLabel ?n } WHERE { ?r a kg:City ; skos:prefLabel ?n }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == 98  # every kota of Indonesia


def test_ask_and_xml_results(server: Running) -> None:
    client = endpoint(server)
    client.setQuery("ASK { ?p a kg:Person }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index]
    client.setQuery("SELECT ?n WHERE { ?r a kg:Province ; skos:prefLabel ?n }")
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert len(document.getElementsByTagName("result")) == 38  # type: ignore[union-attr]


def test_an_update_is_refused_over_http(server: Running) -> None:
    client = endpoint(server, POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception, match=r"403|read-only|Forbidden"):
        client.query()


def test_it_binds_to_loopback_and_stops_cleanly_on_ctrl_c(store_path: Path) -> None:
    running = start(store_path, "--workers", "1")
    assert running.url.startswith("http://127.0.0.1:")
    assert stop(running) == 0, "".join(running.lines)
    assert "stopped" in "".join(running.lines)


# --- what a client or a crash cannot do to the server ----------------------------------------------


@pytest.mark.parametrize(
    ("head", "status"),
    [
        (b"GET /sparql?query=" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + b"a" * 1_000_000 + b"\r\n\r\n", 431),
    ],
    ids=["1MB-url", "1MB-header"],
)
def test_a_request_head_past_the_limit_gets_a_status_not_a_reset(
    server: Running, head: bytes, status: int
) -> None:
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(head)
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            assert chunk, f"the connection closed with no status line: {answer!r}"
            answer += chunk
    assert answer.startswith(f"HTTP/1.1 {status} ".encode())


def test_a_server_killed_with_sigkill_leaves_no_worker_behind(store_path: Path) -> None:
    running = start(store_path, "--workers", "1", "--timeout", "120")
    workers = worker_pids(running.process.pid)
    assert len(workers) >= 2  # SPARQL workers and page workers
    before = sum(cpu_ticks(pid) for pid in workers)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    asking = threading.Thread(target=ask_quietly, args=(running.url, query), daemon=True)
    asking.start()
    assert eventually(lambda: sum(cpu_ticks(pid) for pid in workers) > before + 50), "no worker got busy"

    running.process.kill()
    running.process.wait(30)
    assert eventually(lambda: not any(alive(pid) for pid in workers)), "a worker outlived the server"
    running.reader.join(10)
    assert running.process.stdout is not None
    running.process.stdout.close()


def test_a_port_in_use_is_one_line_for_the_user() -> None:
    with socket.socket() as other:
        other.bind((LOOPBACK, 0))
        other.listen(1)
        port = other.getsockname()[1]
        with pytest.raises(ServeError) as caught:
            bind(LOOPBACK, port)
    assert (
        str(caught.value)
        == f"port {port} on 127.0.0.1 is in use: stop the other server or pick another --port"
    )


def test_serve_refuses_a_port_in_use_before_starting_anything(store_path: Path) -> None:
    with socket.socket() as other:
        other.bind((LOOPBACK, 0))
        other.listen(1)
        with pytest.raises(ServeError, match="is in use"):
            serve(Settings(store_path), LOOPBACK, other.getsockname()[1], announce=lambda url: None)


@pytest.mark.parametrize(
    ("host", "port", "message"),
    [
        ("no-such-host.invalid", 0, "unknown host 'no-such-host.invalid'"),
        ("192.0.2.1", 0, "192.0.2.1 is not an address of this machine"),  # TEST-NET-1: nobody's
        (LOOPBACK, 70000, "port 70000 does not exist"),
    ],
)
def test_a_host_or_port_that_cannot_be_used_is_one_line(host: str, port: int, message: str) -> None:
    with pytest.raises(ServeError, match=re.escape(message)) as caught:
        bind(host, port)
    assert "\n" not in str(caught.value)


def test_a_privileged_port_is_one_line_for_the_user() -> None:
    assert unprivileged(lambda: bind(LOOPBACK, 80)).startswith(
        "port 80 on 127.0.0.1 needs privileges this user does not have"
    )


def unprivileged(attempt: Callable[[], object]) -> str:
    """The ServeError message of `attempt` run as an ordinary user (in a child process when root)."""
    if os.geteuid() != 0:
        with pytest.raises(ServeError) as caught:
            attempt()
        return str(caught.value)
    reading, writing = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: the child only binds
        child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        os.close(reading)
        message = "no error"
        try:
            os.setgid(65534)
            os.setuid(65534)
            attempt()
        except ServeError as error:
            message = str(error)
        finally:
            os.write(writing, message.encode())
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(child, 0)
    return message


def worker_pids(server_pid: int) -> list[int]:
    """The query workers the server started (spawned Python processes whose parent it is)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == server_pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return sorted(found)


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def alive(pid: int) -> bool:
    """Whether the process still runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def ask_quietly(url: str, query: str) -> None:
    with contextlib.suppress(OSError, http.client.HTTPException):
        urllib.request.urlopen(url + "sparql?" + urllib.parse.urlencode({"query": query}), timeout=120)
