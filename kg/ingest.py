"""The ingest stage: files and folders of articles -> RawDocument (or Problem).

Plain text, HTML and JSON Lines. A bad input becomes one Problem naming the file and
what is wrong with it; reading goes on with the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.model import Problem, RawDocument

TEXT = {".txt", ".text"}
HTML = {".html", ".htm"}
JSONL = {".jsonl", ".json-lines"}
SUFFIXES = TEXT | HTML | JSONL


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file (contains NUL bytes)")
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("cannot decode: not UTF-8")


def _files(path: Path) -> Iterator[Path | Problem]:
    if not path.exists():
        yield Problem(str(path), "no such file or folder")
    elif path.is_dir():
        try:
            children = sorted(path.rglob("*"))
        except PermissionError as error:
            yield Problem(str(path), f"cannot read the folder: {error.strerror}")
            return
        for child in children:
            if child.is_file() and child.suffix.lower() in SUFFIXES:
                yield child
    elif path.suffix.lower() not in SUFFIXES:
        yield Problem(str(path), f"unknown file type {path.suffix or '(none)'}: expected .txt, .html or .jsonl")
    else:
        yield path


def _jsonl(path: Path, text: str) -> Iterator[RawDocument | Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(source, f"malformed JSON line: {error.msg}")
            continue
        if not isinstance(record, dict) or not record.get("id") or not isinstance(record.get("text") or record.get("html"), str):
            yield Problem(source, "a record needs a string `id` and a string `text`")
            continue
        yield RawDocument(
            doc_id=str(record["id"]), source=source, text=record.get("text"), html=record.get("html"),
            url=record.get("url"), title=record.get("title"), date=record.get("date"), outlet=record.get("source"),
        )


def _read(path: Path) -> Iterator[RawDocument | Problem]:
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Problem(str(path), f"cannot read: {error.strerror}")
        return
    if not data.strip():
        yield Problem(str(path), "empty file")
        return
    try:
        text = _decode(path, data)
    except ValueError as error:
        yield Problem(str(path), str(error))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL:
        yield from _jsonl(path, text)
    elif suffix in HTML:
        yield RawDocument(doc_id=path.stem, source=str(path), html=text)
    else:
        yield RawDocument(doc_id=path.stem, source=str(path), text=text)


def read_inputs(paths: Sequence[Path]) -> Iterator[RawDocument | Problem]:
    """Every article of the given files and folders, in a fixed order."""
    seen: dict[str, str] = {}
    for path in paths:
        for item in _files(Path(path)):
            if isinstance(item, Problem):
                yield item
                continue
            for doc in _read(item):
                if isinstance(doc, RawDocument):
                    if doc.doc_id in seen:
                        yield Problem(doc.source, f"duplicate document id {doc.doc_id!r} (first in {seen[doc.doc_id]})")
                        continue
                    seen[doc.doc_id] = doc.source
                yield doc
