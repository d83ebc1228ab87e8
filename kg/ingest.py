"""The ingest stage: files and folders of articles -> RawDocument (or Problem).

Plain text (.txt, .text), HTML (.html, .htm), JSON Lines (.jsonl, .json-lines, one
article a line, also gzipped: .jsonl.gz) and the WARC files of news crawls (.warc,
.warc.gz: one article per HTML page fetched, kg/warc.py). A bad input becomes one
Problem whose message names the file and what is wrong with it, and reading goes on
with the rest, so one broken file never stops a build. Folders are walked recursively
in sorted order, so a build is reproducible.

Inputs come from anywhere (a crawl, a colleague's folder), so reading is guarded: only
regular files are opened (a FIFO would block, /dev/zero would never end), an article
is never read past its size limit, and JSON Lines and WARC files are streamed one
record at a time, so one bad record costs that record only, and a damaged or truncated
compressed file costs only what follows the damage.

A crawl holds every page of a site, so its articles go through the topic filter
(kg/topic.py) before they are used: only Indonesian articles about worker social
security are kept.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, AnyStr

import pyoxigraph as ox

from kg.ids import IdClaims
from kg.model import Notice, Problem, RawDocument
from kg.topic import TopicTally, off_topic_reason
from kg.warc import Capture, read_warc

TEXT = (".txt", ".text")
HTML = (".html", ".htm")
JSONL = (".jsonl", ".json-lines")
JSONL_GZ = (".jsonl.gz", ".json-lines.gz")
WARC = (".warc", ".warc.gz")
SUFFIXES = TEXT + HTML + JSONL + JSONL_GZ + WARC
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 5 * MB  # per article: a news article is a few kB; more is not an article
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
OPTIONAL = {"url": "url", "title": "title", "date": "date", "source": "outlet"}
CONTROL_OK = "\t\n\r\f"
TYPOGRAPHY = "\u00a0\u00ad‘’‚“”„–—…•·«»°©®™"  # what Western text in cp1252 uses beyond ASCII
MAX_NON_ASCII = 0.3  # a share of other non-ASCII characters above this is not Western text in cp1252
OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)
SKIP_CHUNK = 64 * 1024  # how much of an over-long line is read at a time while skipping it
URL = re.compile(r"https?://[^/?#\s]+(?:[/?#]\S*)?", re.IGNORECASE)
NOT_IN_IRI = set('<>"{}|\\^`')
EXCERPT = 80
# what a damaged gzip stream raises: a truncated one EOFError, a corrupt one zlib.error or BadGzipFile
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


class InputError(ValueError):
    """One input that cannot be used; its message is what the Problem says."""


def read_inputs(
    paths: Sequence[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    topic_filter: bool | None = None,
    tally: TopicTally | None = None,
) -> Iterator[RawDocument | Problem]:
    """Every article of the given files and folders, in a fixed order, with a Problem per bad input.

    `max_bytes` bounds one article: a text or HTML file, one JSON Lines record or one
    WARC record. A document id is refused when an earlier one (from any input) gives the
    same IRI, so ids stay unique in the graph. Metadata that cannot go into the graph is
    dropped with a Notice after the document.

    The topic filter applies to crawl input (WARC files) when `topic_filter` is None,
    and to every input or none when it is True or False. An article it skips is not an
    error and is not yielded; `tally` counts those skipped, by reason, and those kept.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
    claims = IdClaims()
    tally = TopicTally() if tally is None else tally
    for path in paths:
        shown_from = Path(path).parent
        for item in _files(Path(path), explicit=True):
            if isinstance(item, Problem):
                yield item
                continue
            filtering = _suffix(item) in WARC if topic_filter is None else topic_filter
            for doc in _read(item, max_bytes):
                if not isinstance(doc, RawDocument):
                    yield doc
                elif not filtering or _on_topic(doc, tally):
                    yield from _accepted(doc, claims, shown_from)


def _on_topic(doc: RawDocument, tally: TopicTally) -> bool:
    """Whether the topic filter keeps a document; it is counted either way."""
    reason = off_topic_reason(doc)
    if reason is None:
        tally.kept += 1
    else:
        tally.skipped[reason] += 1
    return reason is None


def _accepted(doc: RawDocument, claims: IdClaims, shown_from: Path) -> Iterator[RawDocument | Problem]:
    """A document whose id is free, as the graph will record it, and what was dropped from it."""
    refusal = claims.claim(doc.doc_id, doc.source)
    if refusal:
        yield Problem(doc.source, refusal)
        return
    url, notice = _checked_url(doc)
    yield replace(doc, source=_shown(doc.source, shown_from), url=url)
    if notice:
        yield notice


def _checked_url(doc: RawDocument) -> tuple[str | None, Notice | None]:
    """The document's url if the graph can hold it, else None and a Notice saying it was left out."""
    url = (doc.url or "").strip()
    if not url or is_web_iri(url):
        return url or None, None
    return None, Notice(doc.source, f"url {_excerpt(url)} is not an absolute http(s) IRI; left out")


def is_web_iri(url: str) -> bool:
    """Whether a url can be the IRI of an article's page: absolute http(s), nothing to escape.

    A url is written into the graph as an IRI, and from there into every export and web
    page, so `javascript:` links, relative paths and text with spaces, control
    characters or markup characters stay out.
    """
    if not URL.fullmatch(url) or any(ch in NOT_IN_IRI or unicodedata.category(ch)[0] == "C" for ch in url):
        return False
    try:
        ox.NamedNode(url)
    except ValueError:
        return False
    return True


def _excerpt(value: str) -> str:
    """A value for a message: quoted with its control characters escaped, and short."""
    return repr(value if len(value) <= EXCERPT else value[:EXCERPT] + "…")


def _shown(source: str, shown_from: Path) -> str:
    """A document's source as the graph records it: relative to the folder the input was named in.

    `kg build /home/ana/berita` and `kg build berita` record the same "berita/a.txt", so
    the graph (and its exports) do not depend on where the corpus lies on a machine.
    """
    prefix = str(shown_from).rstrip("/") + "/"
    return source.removeprefix(prefix) if shown_from != Path(".") else source


# -- finding files ----------------------------------------------------------------------------


def _files(path: Path, explicit: bool = False) -> Iterator[Path | Problem]:
    """The article files under a path, each one a regular file.

    A file of an unknown type is a Problem when it was named, and skipped in a folder; a
    folder reached through a symbolic link inside a folder is left out (it could lead
    back up the tree). Whatever is not a regular file is a Problem, before it is opened.
    """
    try:
        mode = _mode(path)
    except OSError as error:
        yield Problem(_name(path), _unreachable(path, error))
        return
    if stat.S_ISDIR(mode):
        if explicit:
            yield from _walk(path)
    elif _suffix(path) is None:
        if explicit:
            kind = path.suffix or "(no extension)"
            yield Problem(_name(path), f"unsupported file type {kind!r} (expected {', '.join(SUFFIXES)})")
    elif not stat.S_ISREG(mode):
        yield Problem(_name(path), f"not a regular file ({_kind(mode)})")
    elif _name(path) != str(path):
        yield Problem(_name(path), "the file name is not UTF-8")
    else:
        yield path


def _suffix(path: Path) -> str | None:
    """The article suffix a file name ends with (".jsonl.gz" is one), or None."""
    name = path.name.lower()
    return next((suffix for suffix in SUFFIXES if name.endswith(suffix)), None)


def _mode(path: Path) -> int:
    """The type and permissions of what a path leads to, following symbolic links."""
    return os.stat(path).st_mode


def _walk(folder: Path) -> Iterator[Path | Problem]:
    """A folder's article files, depth first, by name; hidden entries are left out.

    Symbolic links are looked at too, so a broken link or a link loop among the articles
    is reported rather than silently missing.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Problem(_name(folder), f"cannot read the folder: {_reason(error)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        if _is(entry.is_dir, follow_symlinks=False):
            yield from _walk(child)
        elif _suffix(child) is not None or _is(entry.is_symlink):
            yield from _files(child)


def _is(test: Callable[..., bool], **options: bool) -> bool:
    """A DirEntry test; one that fails to look is False, and the entry is then looked at by stat."""
    try:
        return test(**options)
    except OSError:
        return False


def _unreachable(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or folder" + (" (a broken symbolic link)" if path.is_symlink() else "")
    return f"cannot read: {_reason(error)}"


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def _name(path: Path) -> str:
    """A path as a message can show it: bytes that are not UTF-8 written as \\x.. escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


# -- reading files ----------------------------------------------------------------------------


def _read(path: Path, max_bytes: int) -> Iterator[RawDocument | Problem]:
    """The documents of one file: one for text and HTML, one per JSON line, one per WARC page."""
    suffix = _suffix(path)
    try:
        with _open(path) as stream:
            if suffix in JSONL or suffix in JSONL_GZ:
                yield from _jsonl(
                    path, gzip.GzipFile(fileobj=stream) if suffix in JSONL_GZ else stream, max_bytes
                )
                return
            if suffix in WARC:
                yield from _warc(path, stream, max_bytes)
                return
            text = decode(_contents(stream, max_bytes))
    except GZIP_ERRORS as error:  # before any line was read: the file is no gzip stream at all
        yield Problem(str(path), _gzip_problem(error, "at its start"))
        return
    except OSError as error:
        yield Problem(str(path), f"cannot read the file: {_reason(error)}")
        return
    except InputError as error:
        yield Problem(str(path), str(error))
        return
    if suffix in HTML:
        yield RawDocument(doc_id=path.stem, source=str(path), html=text)
    else:
        yield RawDocument(doc_id=path.stem, source=str(path), text=text)


def _open(path: Path) -> io.BufferedReader:
    """A regular file, opened for reading.

    Opening does not wait (O_NONBLOCK), and what was opened is checked again: the path
    may have been replaced by a FIFO or a device since it was looked at.
    """
    fd = os.open(path, OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file ({_kind(mode)})")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _contents(stream: io.BufferedReader, max_bytes: int) -> bytes:
    """A whole file of at most `max_bytes`, refused by its size before any of it is read.

    At most `max_bytes` + 1 bytes are read even when the file grows meanwhile.
    """
    size = _size(stream)
    if size > max_bytes:
        raise InputError(f"too large: {_amount(size)} (the limit is {_amount(max_bytes)} per article)")
    return _within(stream.read(max_bytes + 1), max_bytes)


def _within(data: bytes, max_bytes: int) -> bytes:
    """Data read up to one byte past the limit, refused when that byte was there."""
    if len(data) > max_bytes:
        raise InputError(f"too large: more than {_amount(max_bytes)} (the limit per article)")
    return data


def _size(stream: io.BufferedReader) -> int:
    return os.fstat(stream.fileno()).st_size


def _amount(size: int) -> str:
    return f"{size} bytes" if size < MB else f"{size / MB:.1f} MB"


# -- decoding ---------------------------------------------------------------------------------


def decode(data: bytes, unit: str = "file") -> str:
    """Bytes as text: UTF-8 (with or without BOM), UTF-16, or clean-looking cp1252.

    cp1252 (a superset of latin-1's printable part) is the legacy encoding old
    Indonesian pages still use; it is taken only when every byte decodes and the result
    reads as text, so binary junk is not let through. UTF-16 without a BOM is recognised
    by its zero high bytes. `unit` names what the bytes are in messages ("file", "line").
    """
    if not data.strip():
        raise InputError(f"empty {unit}")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"cannot decode: invalid {encoding} ({error.reason})") from None
            return _checked(text, unit)
    if b"\x00" in data:
        text_or_none = _utf16_without_bom(data)
        if text_or_none is None:
            raise InputError(f"binary {unit} (contains NUL bytes)")
        return _checked(text_or_none, unit)
    try:
        return _checked(data.decode("utf-8"), unit)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if not text or not _looks_like_text(text):
        raise InputError("cannot decode: neither UTF-8, UTF-16 nor cp1252 text")
    return _checked(text, unit)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 without a BOM, told by one byte of each pair being zero, or None.

    Latin-script text in UTF-16 has a zero high byte in nearly every character; binary
    data rarely has zeros on one side only, and what it decodes to must still read as text.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 4
    encoding = "utf-16-le" if odd > half and not even else "utf-16-be" if even > half and not odd else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _looks_like_text(text) else None


def _checked(text: str, unit: str) -> str:
    if "\x00" in text:
        raise InputError(f"binary {unit} (contains NUL bytes)")
    if not text.strip():
        raise InputError(f"empty {unit}")
    return text


def _looks_like_text(text: str) -> bool:
    """No control characters, and mostly ASCII and punctuation: what Western text looks like.

    A no-break space, typographic quotes and dashes are what a cp1252 page has beyond
    ASCII; they do not count against it.
    """
    if any(unicodedata.category(ch) == "Cc" and ch not in CONTROL_OK for ch in text):
        return False
    other = sum(1 for ch in text if ord(ch) > 127 and ch not in TYPOGRAPHY)
    return other <= MAX_NON_ASCII * len(text)


# -- JSON Lines -------------------------------------------------------------------------------


def _jsonl(
    path: Path, stream: io.BufferedReader | gzip.GzipFile, max_bytes: int
) -> Iterator[RawDocument | Problem]:
    """One article per line; a bad line is a Problem naming file:line, the other lines are still read.

    The file is streamed, so a large file of small records needs little memory; the size
    limit applies to each line. Lines are decoded one by one, so one line in another
    encoding costs that line only; UTF-16 (told by its BOM) is decoded as a stream, which
    lets lone surrogates through to the record check so that they cost one line too.
    """
    if stream.peek(2)[:2] not in UTF16_BOMS:
        yield from _records(path, _lines(stream.readline, max_bytes, b"\n"), decode, max_bytes)
        return
    with io.TextIOWrapper(stream, encoding="utf-16", errors="surrogatepass", newline="\n") as text:
        yield from _records(path, _lines(text.readline, max_bytes // 2, "\n"), _as_is, max_bytes)


def _as_is(line: str, unit: str) -> str:
    return line


def _records(
    path: Path,
    lines: Iterator[tuple[int, AnyStr | None]],
    decoded: Callable[[AnyStr, str], str],
    max_bytes: int,
) -> Iterator[RawDocument | Problem]:
    """The documents of numbered lines, with a Problem per bad line, and one for a file without lines."""
    number, used = 0, 0
    try:
        for number, line in lines:
            if line is None:
                yield Problem(f"{path}:{number}", _too_long(max_bytes))
            elif line.strip():
                yield from _line(f"{path}:{number}", decoded, line)
            used += line is None or bool(line.strip())
    except UnicodeDecodeError as error:  # only a decoding stream raises it: it cannot go on
        problem = (
            f"cannot decode: invalid {error.encoding} ({error.reason}) {_where(number)}; the rest is skipped"
        )
        yield Problem(str(path), problem)
        return
    except GZIP_ERRORS as error:  # only a gzip stream raises them: it cannot go on
        yield Problem(str(path), _gzip_problem(error, _where(number)))
        return
    if not used:
        yield Problem(str(path), "empty file")


def _where(number: int) -> str:
    return f"after line {number}" if number else "in its first line"


def _gzip_problem(error: Exception, where: str) -> str:
    """What is wrong with a damaged gzip stream, and where, for a Problem.

    gzip checks its data (CRC) only at the end of a stream: lines read before a
    corruption is found may hold some of it, and are kept like any other line.
    """
    reason = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, EOFError):
        what = f"truncated gzip stream {where} (the file ends before the stream does)"
    elif reason.startswith("Not a gzipped file"):
        what = f"not gzip data {where}"
    else:
        what = f"corrupt gzip stream ({reason}) {where}"
    return f"{what}; the rest is skipped"


def _lines(
    readline: Callable[[int], AnyStr], limit: int, newline: AnyStr
) -> Iterator[tuple[int, AnyStr | None]]:
    """Numbered lines of a stream, None for one longer than `limit`, which is skipped unkept.

    No more than `limit` + 1 units of one line are ever held in memory.
    """
    number = 0
    while line := readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(newline):
            while (rest := readline(SKIP_CHUNK)) and not rest.endswith(newline):
                pass
            yield number, None
        else:
            yield number, line


def _too_long(max_bytes: int) -> str:
    return f"line too long: more than {_amount(max_bytes)} (the limit per record)"


def _line(
    source: str, decoded: Callable[[AnyStr, str], str], line: AnyStr
) -> Iterator[RawDocument | Problem]:
    """The document of one JSON line, or the Problem with it."""
    try:
        yield _record(source, _parse(decoded(line, "line").lstrip("\ufeff")))
    except InputError as error:
        yield Problem(source, str(error))


def _parse(line: str) -> Any:
    """A JSON value; any way the line fails to be one is an InputError."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON line: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise InputError("malformed JSON line: nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise InputError(f"malformed JSON line: {str(error).split(':')[0]}") from None


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
    for key in ("id", "text", "html", *OPTIONAL):
        if isinstance(record.get(key), str) and not _is_unicode(record[key]):
            raise InputError(f"record {doc_id!r}: `{key}` holds a lone surrogate (\\ud800-\\udfff)")
    return RawDocument(doc_id=str(doc_id).strip(), source=source, text=text, html=html, **extra)


def _is_unicode(value: str) -> bool:
    """Whether a string can be written out as UTF-8: JSON's \\ud800 escapes make ones that cannot."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- WARC -------------------------------------------------------------------------------------


def _warc(path: Path, stream: io.BufferedReader, max_bytes: int) -> Iterator[RawDocument | Problem]:
    """One document per article page of a crawl: its HTML (or text), URI and fetch date."""
    for item in read_warc(path, stream, max_bytes):
        if isinstance(item, Problem):
            yield item
            continue
        try:
            text = _page_text(item, max_bytes)
        except InputError as error:
            yield Problem(item.source, f"{item.uri}: {error}")
            continue
        content = {"html": text} if item.html else {"text": text}
        yield RawDocument(doc_id=item.doc_id, source=item.source, url=item.uri, date=item.date, **content)


def _page_text(page: Capture, max_bytes: int) -> str:
    """A page's payload as text: in the charset its response declares, else as `decode` finds it."""
    data = _within(page.payload, max_bytes)
    if page.charset:
        try:
            return _checked(data.decode(page.charset), "page")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, "page")
