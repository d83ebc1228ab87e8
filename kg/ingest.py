"""The ingest stage: files and folders of articles -> RawDocument (or Problem).

Plain text (.txt, .text), HTML (.html, .htm) and JSON Lines (.jsonl, .json-lines, one
article a line). A bad input becomes one Problem whose message names the file and what
is wrong with it, and reading goes on with the rest, so one broken file never stops a
build. Folders are walked recursively in sorted order, so a build is reproducible.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.model import Problem, RawDocument

TEXT = (".txt", ".text")
HTML = (".html", ".htm")
JSONL = (".jsonl", ".json-lines")
SUFFIXES = TEXT + HTML + JSONL
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
OPTIONAL = {"url": "url", "title": "title", "date": "date", "source": "outlet"}
CONTROL_OK = "\t\n\r\f"
MAX_NON_ASCII = 0.3  # a share of non-ASCII letters above this is not Western text in cp1252


class InputError(ValueError):
    """One input that cannot be used; its message is what the Problem says."""


def read_inputs(paths: Sequence[Path]) -> Iterator[RawDocument | Problem]:
    """Every article of the given files and folders, in a fixed order, with a Problem per bad input.

    A document id seen before (from any input) is a Problem: the first one wins, so ids
    stay unique in the graph.
    """
    seen: dict[str, str] = {}
    for path in paths:
        shown_from = Path(path).parent
        for item in _files(Path(path), explicit=True):
            if isinstance(item, Problem):
                yield item
                continue
            for doc in _read(item):
                if isinstance(doc, RawDocument):
                    if doc.doc_id in seen:
                        first = seen[doc.doc_id]
                        message = f"duplicate document id {doc.doc_id!r} (first read from {first})"
                        yield Problem(doc.source, message)
                        continue
                    seen[doc.doc_id] = doc.source
                    doc = replace(doc, source=_shown(doc.source, shown_from))
                yield doc


def _shown(source: str, shown_from: Path) -> str:
    """A document's source as the graph records it: relative to the folder the input was named in.

    `kg build /home/ana/berita` and `kg build berita` record the same "berita/a.txt", so
    the graph (and its exports) do not depend on where the corpus lies on a machine.
    """
    prefix = str(shown_from).rstrip("/") + "/"
    return source.removeprefix(prefix) if shown_from != Path(".") else source


def _files(path: Path, explicit: bool = False) -> Iterator[Path | Problem]:
    """The article files under a path.

    A file of an unknown type is a Problem when it was named, and skipped in a folder.
    """
    if not path.exists():
        yield Problem(str(path), "no such file or folder")
    elif path.is_dir():
        yield from _walk(path)
    elif path.suffix.lower() in SUFFIXES:
        yield path
    elif explicit:
        kind = path.suffix or "(no extension)"
        yield Problem(str(path), f"unsupported file type {kind!r} (expected {', '.join(SUFFIXES)})")


def _walk(folder: Path) -> Iterator[Path | Problem]:
    """A folder's article files, depth first, by name; hidden entries and symlinked folders are left out."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Problem(str(folder), f"cannot read the folder: {_reason(error)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(child)
        elif entry.is_file():
            yield from _files(child)


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _read(path: Path) -> Iterator[RawDocument | Problem]:
    """The documents of one file: one for text and HTML, one per line for JSON Lines."""
    try:
        text = decode(_read_bytes(path))
    except OSError as error:
        yield Problem(str(path), f"cannot read the file: {_reason(error)}")
        return
    except InputError as error:
        yield Problem(str(path), str(error))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL:
        yield from _jsonl(path, text)
    elif suffix in HTML:
        yield RawDocument(doc_id=path.stem, source=str(path), html=text)
    else:
        yield RawDocument(doc_id=path.stem, source=str(path), text=text)


def _read_bytes(path: Path) -> bytes:
    return path.read_bytes()


def decode(data: bytes) -> str:
    """Bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, or clean-looking cp1252.

    cp1252 is the one legacy encoding old Indonesian pages still use; it is taken only when
    every byte decodes and the result reads as text, so binary junk is not let through.
    """
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"cannot decode: invalid {encoding} ({error.reason})") from None
            return _checked(text)
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("cannot decode: not UTF-8") from None
    if not _looks_like_text(text):
        raise InputError("cannot decode: not UTF-8")
    return _checked(text)


def _checked(text: str) -> str:
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes)")
    if not text.strip():
        raise InputError("empty file")
    return text


def _looks_like_text(text: str) -> bool:
    """No control characters, and mostly ASCII: what a Western page in cp1252 looks like."""
    if any(not ch.isprintable() and ch not in CONTROL_OK for ch in text):
        return False
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii <= MAX_NON_ASCII * len(text)


def _jsonl(path: Path, text: str) -> Iterator[RawDocument | Problem]:
    """One article per line; a bad line is a Problem naming file:line, the other lines are still read."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            yield _record(source, json.loads(line))
        except json.JSONDecodeError as error:
            yield Problem(source, f"malformed JSON line: {error.msg} (column {error.colno})")
        except InputError as error:
            yield Problem(source, str(error))


def _record(source: str, record: Any) -> RawDocument:
    """A JSON Lines record as a document: `id` and `text` (or `html`) are required."""
    if not isinstance(record, dict):
        raise InputError(f"a record must be a JSON object, not {type(record).__name__}")
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or not str(doc_id).strip():
        raise InputError("the record has no `id` (a non-empty string)")
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        raise InputError(f"record {doc_id!r} has no `text`")
    for field, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"record {doc_id!r}: `{field}` must be a string, not {type(value).__name__}")
    if not (text or html or "").strip():
        raise InputError(f"record {doc_id!r} has an empty `text`")
    extra = {name: record[key] for key, name in OPTIONAL.items() if isinstance(record.get(key), str)}
    return RawDocument(doc_id=str(doc_id).strip(), source=source, text=text, html=html, **extra)
