"""WARC files from news crawls: the pages a crawler fetched, one Capture per article page.

A crawl's WARC file (ISO 28500, plain or gzipped record by record) holds every exchange
of the crawl: requests, responses, revisits (a page unchanged since an earlier fetch),
metadata, and responses of every kind (images, scripts, redirects, errors). Only a
`response` record of an HTML (or plain text) page fetched with status 200 is an
article; the rest is skipped without a word, since it is what a crawl is made of.

Files are read with warcio, one record at a time; of a record no more than the
article size limit (and about 1 MB being inflated) is ever held in memory. A damaged
file costs what follows the damage only: a record cut short (a truncated download) or
a record that cannot be parsed is a Problem naming the file and the record's byte
offset, and the records before it are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataException, ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from kg.model import Problem

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
DRAIN_CHUNK = 64 * 1024
# compressed bytes inflated at a time: deflate expands data up to about 1,000 times, so a record of
# zeros would make warcio's default 16 kB step hold 16 MB at once; this one holds about 1 MB
BLOCK = 1024
TAIL_LENGTH = 60  # characters of a URI's last path segment kept in a document id
DIGEST_LENGTH = 10  # hex digits of the URI's digest in a document id: unique among billions of pages
# errors of warcio's whose message says what is wrong with a damaged file
EXPLAINED = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error)
# what a damaged page raises while its payload is decoded (bad chunking or compression): it costs that page
BAD_PAYLOAD = (ChunkedDataException, zlib.error, EOFError, ValueError)
Result = TypeVar("Result")


@dataclass(frozen=True)
class Capture:
    """An article page of a crawl: the payload of one response record, not yet decoded."""

    source: str  # the file and the record's byte offset in it, as `warcio extract FILE OFFSET` takes them
    uri: str
    date: str | None  # the WARC-Date: when the page was fetched
    html: bool  # HTML rather than plain text
    charset: str | None  # as the response's Content-Type declares it
    payload: bytes  # at most the size limit and one byte: one more than the limit is too large

    @property
    def doc_id(self) -> str:
        return page_id(self.uri)


def page_id(uri: str) -> str:
    """A page's document id: readable (host and last path segment) and unique (a digest of the whole URI).

    The same URI gives the same id in every crawl, so a page fetched again replaces
    its graph in an incremental build instead of adding a second article.
    """
    digest = hashlib.sha256(uri.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_LENGTH]
    try:
        parts = urlsplit(uri)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # a malformed URI ("http://[x/"): its digest alone tells it apart
        return digest
    segments = [segment for segment in parts.path.split("/") if segment]
    tail = segments[-1].rsplit(".", 1)[0][:TAIL_LENGTH] if segments else ""
    return "-".join(part for part in (host, tail, digest) if part)


def read_warc(path: Path, stream: IO[bytes], max_bytes: int) -> Iterator[Capture | Problem]:
    """The article pages of a WARC file, in file order, with a Problem for each one that cannot be used.

    `max_bytes` bounds what is read of one page's payload (see Capture.payload).
    Reading stops at the first damage to the file (the records after it cannot be
    found again), with a Problem naming the byte offset where the unreadable part starts.
    """
    records = ArchiveIterator(stream, block_size=BLOCK)
    end = 0  # where the last whole record ends
    try:
        while (record := _parsing(next, records, None)) is not None:
            if record.format != "warc":
                yield Problem(str(path), "not a WARC file (no WARC/1.x record header)")
                return
            warnings = records.err_count
            page = _page(record, max_bytes) if _is_article_page(record) else None
            whole = _parsing(_drained, record)
            source = f"{path}@{_parsing(records.get_record_offset)}"
            if not whole or not _has_whole_header(record):
                yield Problem(source, "the record is cut short (the file is truncated); the rest is skipped")
                return
            end = _parsing(records.get_record_offset) + _parsing(records.get_record_length)
            if records.err_count > warnings and page is not None:
                yield Problem(source, "the record's Content-Length does not match its content; left out")
            elif isinstance(page, bytes):
                yield _capture(source, record, page)
            elif page is not None:
                yield Problem(source, page)
    except Damaged as error:
        yield Problem(f"{path}@{_next_data(stream, end)}", f"damaged: {error}; the rest is skipped")
        return
    yield from _after_the_records(path, stream, end)


def _after_the_records(path: Path, stream: IO[bytes], end: int) -> Iterator[Problem]:
    """A Problem when more than blank lines follow the last whole record, or when there is no record.

    warcio ends its records quietly where a file is cut inside a record's header or
    a gzip member's first bytes; what is left after the last record tells.
    """
    rest = _next_data(stream, end)
    if rest is not None:
        yield Problem(f"{path}@{rest}", "no whole record from here on (the file is truncated or damaged)")
    elif not end:
        yield Problem(str(path), "empty file")


def _next_data(stream: IO[bytes], offset: int) -> int | None:
    """The offset of the first byte from `offset` on that is not white space (blank lines end records)."""
    stream.seek(offset)
    while chunk := stream.read(DRAIN_CHUNK):
        if chunk.strip():
            return offset + len(chunk) - len(chunk.lstrip())
        offset += len(chunk)
    return None


class Damaged(Exception):
    """The file cannot be parsed on from here; the message says why."""


def _parsing(call: Callable[..., Result], *args: Any) -> Result:
    """A call that parses the file with warcio, any failure of which means the file is damaged.

    warcio's parser is lenient and raises assorted errors on what it cannot read (even
    AttributeError for a record header cut short), so every error becomes Damaged. It
    writes its warnings on a damaged record to stderr itself; they are counted
    (ArchiveIterator.err_count) and reported as Problems instead.
    """
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            return call(*args)
    except Exception as error:
        raise Damaged(
            _reason(error) if isinstance(error, EXPLAINED) else "a record cannot be parsed"
        ) from error


def _is_article_page(record: Any) -> bool:
    """A response of status 200 with an HTML or text payload."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return record.http_headers.get_statuscode() == "200" and _media_type(record) in HTML_TYPES + TEXT_TYPES


def _page(record: Any, max_bytes: int) -> bytes | str:
    """A page's payload (de-chunked and decompressed) up to `max_bytes` + 1 bytes, or why it cannot be used.

    One byte past the limit is read so that the reader can tell a page over the limit.
    """
    if not _uri(record):
        return "a response record without a WARC-Target-URI"
    encoding = (record.http_headers.get_header("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", *BufferedReader.get_supported_decompressors()):
        return f"{_uri(record)}: unsupported Content-Encoding {encoding!r}"
    try:
        return bytes(_payload_stream(record, encoding).read(max_bytes + 1))
    except BAD_PAYLOAD as error:
        return f"{_uri(record)}: cannot read the page: {_reason(error)}"


def _payload_stream(record: Any, encoding: str) -> Any:
    """A response's payload de-chunked and decompressed, as warcio's content_stream() reads it, but
    inflated BLOCK bytes at a time (a page of zeros sent compressed is a small record)."""
    decompression = None if encoding == "identity" else encoding
    if (record.http_headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        return ChunkedDataReader(record.raw_stream, decomp_type=decompression, block_size=BLOCK)
    if decompression:
        return BufferedReader(record.raw_stream, decomp_type=decompression, block_size=BLOCK)
    return record.raw_stream


def _has_whole_header(record: Any) -> bool:
    """Whether a record's header has what every record has; warcio takes a header cut short for a record."""
    return record.rec_type is not None and record.rec_headers.get_header("Content-Length") is not None


def _drained(record: Any) -> bool:
    """Read what is left of a record; whether it was all there (a truncated file ends inside one)."""
    while record.raw_stream.read(DRAIN_CHUNK):
        pass
    return getattr(record.raw_stream, "limit", 0) == 0


def _capture(source: str, record: Any, payload: bytes) -> Capture:
    return Capture(
        source=source,
        uri=_uri(record),
        date=record.rec_headers.get_header("WARC-Date"),
        html=_media_type(record) in HTML_TYPES,
        charset=_content_type_parameter(record, "charset"),
        payload=payload,
    )


def _uri(record: Any) -> str:
    """The page's URI; WARC 1.0 writers may enclose it in angle brackets."""
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _media_type(record: Any) -> str:
    return (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()


def _content_type_parameter(record: Any, name: str) -> str | None:
    for parameter in (record.http_headers.get_header("Content-Type") or "").split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == name and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _reason(error: Exception) -> str:
    """An error's message on one line, without the undecodable bytes warcio quotes from a damaged record."""
    message = " ".join(str(error).split(", first line:")[0].split())
    return message[:120] if message else type(error).__name__
