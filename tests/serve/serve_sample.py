"""What the server tests share: a hostile article, and `kg serve` started in a process of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

HOSTILE_TEXT = "<script>alert(1)</script>"
HOSTILE_ARTICLE = f"""Wali Kota Madiun Maidi dan BPJS Ketenagakerjaan {HOSTILE_TEXT}

Madiun - Pemerintah Kota Madiun menerima Paritrana Award 2024 dari BPJS Ketenagakerjaan.
Wali Kota Madiun Maidi mengatakan {HOSTILE_TEXT} bukan kode yang dijalankan.
"""
# Sources of the hostile article: one to link to, one that must never become a link.
HOSTILE_LINKS = ("https://example.org/berita/madiun", "javascript://x%0Aalert(5)")
STARTUP_SECONDS = 60


@dataclass
class Running:
    process: subprocess.Popen[str]
    url: str
    lines: list[str]
    reader: threading.Thread


def start(store: Path, *options: str) -> Running:
    """`kg serve --port 0` in a process of its own; returns once it has printed its address."""
    command = [
        sys.executable,
        "-c",
        "from kg.cli import app; app()",
        "serve",
        "--store",
        str(store),
        "--port",
        "0",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    process = subprocess.Popen(
        [*command, *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    lines: list[str] = []
    announced = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "serving" in line:
                announced.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not announced.wait(STARTUP_SECONDS):
        process.kill()
        pytest.fail("the server did not announce its address: " + "".join(lines))
    url = next(word for line in lines for word in line.split() if word.startswith("http://"))
    return Running(process, url, lines, reader)


def stop(running: Running) -> int:
    running.process.send_signal(signal.SIGINT)
    code = running.process.wait(30)
    running.reader.join(10)
    assert running.process.stdout is not None
    running.process.stdout.close()
    return code


def eventually(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    """Whether `condition` comes true within `seconds` (checked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
