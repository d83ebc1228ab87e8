"""Atomic writes: a file is replaced whole or not at all.

An export that dies half-way (a full disk, an exception in a serialiser, Ctrl-C) must
not leave a truncated file where a reader, a web server or Gephi expects a good one.
Everything is written to a temporary file in the target's own folder (so the final
rename never crosses file systems), flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

WriteMode = Literal["wb", "w"]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, creating parent folders; the old file survives any failure."""
    with open_atomic(path, "wb") as file:
        file.write(data)


@contextlib.contextmanager
def open_atomic(path: Path, mode: WriteMode = "wb") -> Iterator[IO[Any]]:
    """A file to stream into that appears at `path` only when the `with` block ends without error.

    `mode` is "wb" for bytes or "w" for UTF-8 text. On an exception the temporary file is
    removed and `path` (if it existed) is left exactly as it was.
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"open_atomic writes only, in 'wb' or 'w' mode, not {mode!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        encoding = None if mode == "wb" else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as file:
            os.chmod(temporary, _mode_for(path))
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions the file would get from a plain open(): mkstemp's 0600 would hide exports."""
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_mode & 0o7777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort, as not every platform can open a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
