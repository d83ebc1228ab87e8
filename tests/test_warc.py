"""WARC files of news crawls, written here with warcio's own writer, read as articles and built."""

from __future__ import annotations

import gzip
import io
import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kg.cli import app
from kg.ingest import DEFAULT_MAX_BYTES, MB, read_inputs
from kg.model import Problem, RawDocument
from kg.store import KnowledgeStore
from kg.topic import TopicTally
from kg.warc import page_id

runner = CliRunner()
DATE = "2024-03-14T09:30:00Z"
PARAGRAPH = "<p>Rp 5 juta – “santunan”</p>"
PAGE = PARAGRAPH.encode()
KENDAL = "https://www.warta-kendal.id/berita/2024/03/nelayan-kendal-terlindungi.html"
BLITAR = "https://kabarblitar.co.id/daerah/blitar-raih-paritrana"
ROADS = "https://www.warta-kendal.id/berita/2024/03/jalan-weleri-mulus.html"
ENGLISH = "https://en.jakartanews.example/news/kendal-fishermen-insured"


def article(title: str, *paragraphs: str) -> bytes:
    """An article page as news sites serve it: menus and side bars around one <article>."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - Warta</title></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/daerah'>Daerah</a> <a href='/olahraga'>Olahraga</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<aside><h3>Terpopuler</h3><ul><li><a href='/x'>Harga cabai naik</a></li></ul></aside>"
        "<footer>© 2024 Warta</footer></body></html>"
    ).encode()


PAGES = {
    KENDAL: article(
        "Pemkab Kendal Lindungi 2.000 Nelayan",
        "KENDAL - Pemerintah Kabupaten Kendal mendaftarkan 2.000 nelayan sebagai peserta BPJS"
        " Ketenagakerjaan. Iuran program jaminan kecelakaan kerja dan jaminan kematian para nelayan"
        " dibayar dari APBD tahun 2024.",
        "Bupati Kendal Dico M Ganinduto mengatakan bahwa nelayan adalah pekerja rentan yang setiap"
        " hari menghadapi risiko di laut. Menurut dia, perlindungan ini akan diperluas kepada petani.",
    ),
    BLITAR: article(
        "Kota Blitar Raih Paritrana Award",
        "BLITAR - Kota Blitar meraih Paritrana Award 2023 tingkat Provinsi Jawa Timur untuk kategori"
        " pemerintah kota. Penghargaan itu diserahkan oleh Gubernur Jawa Timur di Surabaya.",
        "Wali Kota Blitar Santoso mengatakan bahwa seluruh pekerja rentan di kota tersebut telah"
        " terdaftar dalam program jaminan sosial ketenagakerjaan dengan iuran dari APBD.",
    ),
    ROADS: article(
        "Jalan Weleri Kini Mulus",
        "KENDAL - Pemerintah Kabupaten Kendal telah memperbaiki jalan sepanjang 12 kilometer di"
        " Kecamatan Weleri. Perbaikan ini dibiayai dari APBD dan selesai lebih cepat dari jadwal.",
        "Bupati Kendal mengatakan bahwa jalan yang mulus akan memperlancar angkutan hasil panen"
        " dari desa ke pasar, sehingga warga tidak lagi harus memutar melalui jalan provinsi.",
    ),
    ENGLISH: article(
        "Kendal insures its fishermen",
        "The regency of Kendal has registered 2,000 fishermen with BPJS Ketenagakerjaan, the state"
        " workers' insurer. Their premiums for work accident and death cover are paid by the regency.",
    ),
}
ON_TOPIC = (KENDAL, BLITAR)


def response(
    writer: WARCWriter,
    uri: str,
    payload: bytes,
    status: str = "200 OK",
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),),
) -> None:
    http = StatusAndHeaders(status, list(headers), protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),  # with the length given, warcio's writer needs no temporary file
        http_headers=http,
        warc_headers_dict={"WARC-Date": DATE},
    )
    writer.write_record(record)


def request(writer: WARCWriter, uri: str) -> None:
    http = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "x")], is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", http_headers=http))


def metadata(writer: WARCWriter, uri: str) -> None:
    payload = b"outlinks: 3"
    record = writer.create_warc_record(
        uri, "metadata", payload=io.BytesIO(payload), length=len(payload), warc_content_type="text/plain"
    )
    writer.write_record(record)


def revisit(writer: WARCWriter, uri: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_revisit_record(uri, "sha1:ABCDEF", uri, DATE, http_headers=http))


#: What a crawl holds besides article pages, each written for a page's URI.
NOT_ARTICLES: dict[str, Callable[[WARCWriter, str], None]] = {
    "request": request,
    "metadata": metadata,
    "revisit": revisit,
    "not-found": lambda writer, uri: response(writer, uri, PAGES[KENDAL], status="404 Not Found"),
    "redirect": lambda writer, uri: response(writer, uri, b"", status="301 Moved Permanently"),
    "image": lambda writer, uri: response(
        writer, uri, b"\x89PNG\r\n", headers=(("Content-Type", "image/png"),)
    ),
    "no-content-type": lambda writer, uri: response(writer, uri, PAGES[KENDAL], headers=()),
}


def crawl(path: Path, compressed: bool = True) -> Path:
    """A crawl's WARC: the four article pages, each among what else a crawler writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compressed)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "crawler/1.0"}))
        for uri, payload in PAGES.items():
            request(writer, uri)
            response(writer, uri, payload)
            metadata(writer, uri)
            for write in NOT_ARTICLES.values():
                write(writer, f"{uri}/lain")
    return path


def read(
    path: Path,
    topic_filter: bool | None = None,
    tally: TopicTally | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[RawDocument | Problem]:
    return list(read_inputs([path], topic_filter=topic_filter, tally=tally, max_bytes=max_bytes))


# -- building a crawl -------------------------------------------------------------------------


def test_a_crawl_builds_exactly_its_on_topic_articles_and_says_what_it_skipped(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    warc = crawl(tmp_path / "crawl" / "berita-2024-03.warc.gz")
    result = runner.invoke(
        app, ["build", str(warc.parent), "--store", str(store), "--quiet", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "built 2 articles" in result.output
    assert "topic filter kept 2, skipped 2 off-topic (1 no topic cue, 1 not Indonesian)" in result.output
    rows = KnowledgeStore(store, read_only=True).query(
        "SELECT ?doc ?url ?date WHERE"
        " { ?a a kg:Article ; kg:docId ?doc ; dcterms:source ?url ; dcterms:date ?date }"
    )
    built = sorted((str(row["doc"].value), row["url"].value, row["date"].value) for row in rows)
    assert built == sorted((page_id(uri), uri, DATE[:10]) for uri in ON_TOPIC)


def test_the_topic_filter_can_be_turned_off_for_a_crawl(tmp_path: Path) -> None:
    warc = crawl(tmp_path / "crawl.warc")
    result = runner.invoke(
        app,
        ["build", str(warc), "--store", str(tmp_path / "kg"), "-q", "--workers", "1", "--no-topic-filter"],
    )
    assert result.exit_code == 0, result.output
    assert "built 4 articles" in result.output and "topic filter" not in result.output


# -- reading records --------------------------------------------------------------------------


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_each_article_page_is_a_document_with_its_uri_and_fetch_date(
    tmp_path: Path, compressed: bool
) -> None:
    warc = crawl(tmp_path / f"crawl.warc{'.gz' if compressed else ''}", compressed)
    docs = read(warc, topic_filter=False)
    assert [(d.doc_id, d.url, d.date) for d in docs] == [(page_id(uri), uri, DATE) for uri in PAGES]
    assert all(isinstance(d, RawDocument) and d.html == PAGES[d.url or ""].decode() for d in docs)
    assert all(d.source.startswith(f"{warc.name}@") for d in docs)


@pytest.mark.parametrize("kind", NOT_ARTICLES)
def test_a_record_that_is_no_article_page_is_skipped_without_a_word(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "crawl.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        NOT_ARTICLES[kind](writer, KENDAL)
        response(writer, BLITAR, PAGES[BLITAR])
    assert [item.url for item in read(path, topic_filter=False) if isinstance(item, RawDocument)] == [BLITAR]
    assert len(read(path, topic_filter=False)) == 1


def test_the_source_is_the_records_byte_offset_where_warcio_finds_it_again(tmp_path: Path) -> None:
    warc = crawl(tmp_path / "crawl.warc.gz")
    [doc, *_] = read(warc, topic_filter=False)
    with warc.open("rb") as stream:
        stream.seek(int(doc.source.rsplit("@", 1)[1]))
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Target-URI") == KENDAL


def test_the_topic_filter_applies_to_crawls_by_default_and_counts_what_it_did(tmp_path: Path) -> None:
    tally = TopicTally()
    docs = read(crawl(tmp_path / "crawl.warc.gz"), tally=tally)
    assert [d.url for d in docs] == list(ON_TOPIC)
    assert (tally.kept, dict(tally.skipped)) == (2, {"no topic cue": 1, "not Indonesian": 1})


def test_a_plain_text_page_is_a_text_document(tmp_path: Path) -> None:
    path = tmp_path / "teks.warc"
    with path.open("wb") as out:
        response(
            WARCWriter(out, gzip=False), BLITAR, b"Kota Blitar.", headers=(("Content-Type", "text/plain"),)
        )
    [doc] = read(path, topic_filter=False)
    assert (doc.text, doc.html) == ("Kota Blitar.", None)


@pytest.mark.parametrize(
    ("headers", "payload"),
    [
        (
            (("Content-Type", "text/html; charset=windows-1252"),),
            PARAGRAPH.encode("cp1252"),
        ),
        ((("Content-Type", "text/html; charset=utf-8"),), PARAGRAPH.encode("cp1252")),
        (
            (("Content-Type", "text/html"), ("Content-Encoding", "gzip")),
            gzip.compress(PAGE),
        ),
        (
            (("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")),
            b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (PAGE[:16], PAGE[16:], b"")),
        ),
    ],
    ids=["declared-charset", "wrong-charset", "gzip-encoded", "chunked"],
)
def test_a_payload_is_decoded_as_its_response_says_or_as_it_reads(
    tmp_path: Path, headers: tuple[tuple[str, str], ...], payload: bytes
) -> None:
    path = tmp_path / "halaman.warc"
    with path.open("wb") as out:
        response(WARCWriter(out, gzip=False), BLITAR, payload, headers=headers)
    [doc] = read(path, topic_filter=False)
    assert isinstance(doc, RawDocument) and doc.html == PARAGRAPH


# -- damaged crawls ---------------------------------------------------------------------------


def response_span(warc: Path, uri: str) -> tuple[int, int]:
    """Where the response record of a page lies in a WARC file: its byte offset and length."""
    with warc.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if (record.rec_type, record.rec_headers.get_header("WARC-Target-URI")) == ("response", uri):
                return records.get_record_offset(), records.get_record_length()
    raise LookupError(uri)


TRUNCATED = re.compile(
    r"the record is cut short \(the file is truncated\); the rest is skipped"
    r"|no whole record from here on \(the file is truncated or damaged\)"
    r"|damaged: a record cannot be parsed; the rest is skipped"
)


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("cut", [10, 100, 300, 0.75], ids=["start", "header", "header-end", "payload"])
def test_a_truncated_crawl_keeps_the_pages_before_the_cut_and_names_the_record(
    tmp_path: Path, compressed: bool, cut: float
) -> None:
    whole = crawl(tmp_path / "whole.warc", compressed)
    start, length = response_span(whole, BLITAR)
    path = tmp_path / f"cut.warc{'.gz' if compressed else ''}"
    path.write_bytes(whole.read_bytes()[: start + int(cut if cut >= 1 else length * cut)])
    doc, problem = read(path, topic_filter=False)
    assert isinstance(doc, RawDocument) and doc.url == KENDAL
    assert isinstance(problem, Problem) and problem.source == f"{path}@{start}"
    assert TRUNCATED.fullmatch(problem.message)


@pytest.mark.parametrize("where", [0, 100, 300], ids=["record-start", "header", "payload"])
def test_a_crawl_damaged_in_the_middle_keeps_the_pages_before_the_damage(tmp_path: Path, where: int) -> None:
    whole = crawl(tmp_path / "whole.warc.gz")
    start, _ = response_span(whole, BLITAR)
    data = bytearray(whole.read_bytes())
    data[start + where : start + where + 50] = bytes(
        byte ^ 0xFF for byte in data[start + where : start + where + 50]
    )
    path = tmp_path / "rusak.warc.gz"
    path.write_bytes(data)
    doc, problem = read(path, topic_filter=False)
    assert isinstance(doc, RawDocument) and doc.url == KENDAL
    assert problem == Problem(f"{path}@{start}", "damaged: Invalid WARC record; the rest is skipped")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"Berita biasa, bukan arsip web.\n" * 4, "not a WARC file (no WARC/1.x record header)"),
    ],
    ids=["empty", "not-warc"],
)
def test_a_file_that_is_no_crawl_is_named(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "arsip.warc"
    path.write_bytes(content)
    assert read(path) == [Problem(str(path), message)]


def test_a_page_over_the_size_limit_is_skipped_and_the_crawl_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "besar.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        response(writer, KENDAL, b"<p>" + b"nelayan " * 2000 + b"</p>")
        response(writer, BLITAR, PAGES[BLITAR])
    problem, doc = read(path, topic_filter=False, max_bytes=8000)
    assert isinstance(problem, Problem) and problem.source == f"{path}@0"
    assert problem.message == f"{KENDAL}: too large: more than 8000 bytes (the limit per article)"
    assert isinstance(doc, RawDocument) and doc.url == BLITAR
    assert len(read(path, topic_filter=False, max_bytes=DEFAULT_MAX_BYTES)) == 2


def test_a_page_in_an_encoding_the_reader_lacks_is_named(tmp_path: Path) -> None:
    path = tmp_path / "br.warc"
    with path.open("wb") as out:
        headers = (("Content-Type", "text/html"), ("Content-Encoding", "x-unknown"))
        response(WARCWriter(out, gzip=False), KENDAL, b"\x1b\x00\x00", headers=headers)
    [problem] = read(path)
    assert isinstance(problem, Problem) and "unsupported Content-Encoding 'x-unknown'" in problem.message


# -- document ids -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri", "readable"),
    [
        (KENDAL, "warta-kendal.id-nelayan-kendal-terlindungi-"),
        (BLITAR, "kabarblitar.co.id-blitar-raih-paritrana-"),
        ("https://berita.example/", "berita.example-"),
        ("https://berita.example/?p=123", "berita.example-"),
    ],
)
def test_a_page_id_reads_as_its_host_and_last_path_segment(uri: str, readable: str) -> None:
    assert page_id(uri).startswith(readable) and page_id(uri) == page_id(uri)


def test_pages_of_one_path_with_other_queries_get_other_ids() -> None:
    assert page_id("https://berita.example/?p=1") != page_id("https://berita.example/?p=2")


def test_a_crawl_is_streamed_a_record_at_a_time_and_a_page_read_no_further_than_the_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "besar.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        response(writer, f"{KENDAL}/video", bytes(32 * MB), headers=(("Content-Type", "video/mp4"),))
        response(writer, f"{KENDAL}/arsip", b"<p>" + b"nelayan " * (2 * MB) + b"</p>")
        headers = (("Content-Type", "text/html"), ("Content-Encoding", "gzip"))
        response(writer, f"{KENDAL}/nol", gzip.compress(b"<p>" + bytes(32 * MB)), headers=headers)
        response(writer, BLITAR, PAGES[BLITAR])
    tracemalloc.start()
    try:
        *problems, doc = read(path, topic_filter=False, max_bytes=MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [problem.message.split(": ", 1)[1] for problem in problems] == [
        "too large: more than 1.0 MB (the limit per article)"
    ] * 2
    assert isinstance(doc, RawDocument) and doc.url == BLITAR
    assert peak < 8 * MB  # the 32 MB record is never held, nor more than 1 MB of the page


def test_a_uri_that_cannot_be_split_is_known_by_its_digest() -> None:
    assert re.fullmatch(r"[0-9a-f]{10}", page_id("http://[berita.example/rusak"))
