"""A real Oxigraph server for the tests that talk to a remote store (kg push, kg serve --sparql-endpoint)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def oxigraph_binary() -> str:
    """The server the `oxigraph` package installs beside this Python (or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: pip install -e '.[test]'"
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def oxigraph_server(command: str, location: Path) -> Iterator[str]:
    """`oxigraph <command>` (serve, serve-read-only) on a data folder; yields its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, "the oxigraph server stopped at start"
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the oxigraph server did not answer in 20 s"
                time.sleep(0.05)
        yield base
    finally:
        process.kill()
        process.wait()
