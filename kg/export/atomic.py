"""Atomic writes: a file is replaced whole or not at all.

An export that dies half-way (a full disk, an exception in a serialiser, Ctrl-C) must
not leave a truncated file where a reader, a web server or Gephi expects a good one.
Everything is written to a temporary file in the target's own folder (so the final
rename never crosses file systems), flushed to disk, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from kg.errors import UserFacingError

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


STANDARD_OUTPUT = ("-", "/dev/stdout")


class OutputError(UserFacingError, ValueError):
    """An output path that cannot be written; the message is one line for a user."""


def write_output(target: Path | str, data: bytes, parents: bool = False) -> str:
    """Write `data` where a user pointed an `-o` option; returns how to name it in a message.

    `-` and /dev/stdout are standard output. A regular file or a new path is replaced
    atomically; a symbolic link is followed and its target replaced atomically (the link
    stays a link); a FIFO, a device or a socket is written directly, since renaming over
    one would replace the special file itself. A missing parent folder is an error unless
    `parents` is set.
    """
    if str(target) in STANDARD_OUTPUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return "standard output"
    path = Path(target)
    real = _followed(path)
    try:
        mode = real.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None  # a new file, or one whose folder is missing or a file: _check_parent says which
    except OSError as error:
        raise OutputError(f"{path}: cannot write here: {_reason(error)}") from error
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a folder: name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        _write_directly(path, real, data)
        return str(path)
    _check_parent(path, real.parent, parents)
    try:
        write_atomic(real, data)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {_reason(error)}") from error
    return str(path)


def _followed(path: Path) -> Path:
    """The path a symbolic link leads to (through any chain of links), or `path` itself."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError) as error:  # a loop of links
        raise OutputError(f"{path}: a symbolic link that leads nowhere ({error})") from error


def _check_parent(path: Path, parent: Path, parents: bool) -> None:
    if parent.is_dir():
        return
    if parent.exists() or any(p.exists() and not p.is_dir() for p in parent.parents):
        blocker = next(p for p in (parent, *parent.parents) if p.exists())
        raise OutputError(f"{path}: {blocker} is a file, not a folder")
    if not parents:
        raise OutputError(f"{path}: the folder {parent} does not exist (add --parents to create it)")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot create {parent}: {_reason(error)}") from error


def _write_directly(path: Path, real: Path, data: bytes) -> None:
    try:
        with open(real, "wb") as special:
            special.write(data)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {_reason(error)}") from error


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()
