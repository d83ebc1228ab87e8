"""Atomic writes: the target holds the old bytes or the new bytes, never a part, never a stray temp file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kg.export import atomic
from kg.export.atomic import open_atomic, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_write_creates_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "graph.ttl"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert _leftovers(target.parent) == []


def test_write_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_failing_rename_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_failing_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")

    def broken_fsync(descriptor: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_writer_that_dies_midway_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="serialiser broke"), open_atomic(target) as file:
        file.write(b"<a> <b> <c> .\n")
        raise RuntimeError("serialiser broke")
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_failed_first_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    with pytest.raises(KeyboardInterrupt), open_atomic(target) as file:
        file.write(b"partial")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_text_mode_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "facts.jsonl"
    with open_atomic(target, "w") as file:
        file.write("Kabupaten Bekasi — ✓\n")
    assert target.read_bytes() == "Kabupaten Bekasi — ✓\n".encode()


def test_only_write_modes_are_accepted(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'ab'"), open_atomic(tmp_path / "x", "ab"):  # type: ignore[arg-type]
        pass


def test_new_files_get_the_usual_permissions_and_old_ones_keep_theirs(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.html"
        write_atomic(fresh, b"x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's 0600
        kept = tmp_path / "kept.html"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        write_atomic(kept, b"new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(mask)
