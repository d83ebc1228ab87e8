"""Reading articles from files and folders: every input kind, and one Problem per bad input."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import signal
import stat
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from types import FrameType

import pytest

import kg.ingest
from kg.facts import read_facts
from kg.graph import article_graph_iri
from kg.ingest import DEFAULT_MAX_BYTES, MB, read_inputs
from kg.model import Notice, Problem, RawDocument
from kg.pipeline import build
from kg.store import KnowledgeStore

ARTICLE = "Pemkab Kendal Lindungi 2.000 Nelayan\nKENDAL - Pemerintah Kabupaten Kendal mendaftarkan nelayan.\n"


def read(*paths: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument | Problem]:
    return list(read_inputs(list(paths), max_bytes=max_bytes))


def documents(*paths: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument]:
    return [item for item in read(*paths, max_bytes=max_bytes) if isinstance(item, RawDocument)]


def problems(*paths: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Problem]:
    return [item for item in read(*paths, max_bytes=max_bytes) if isinstance(item, Problem)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return write(path, "\n".join(lines) + "\n")


# -- input kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kendal.txt", "kendal.text", "kendal.TXT"])
def test_a_text_file_is_one_document_named_by_its_file(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, ARTICLE)
    [doc] = read(path)
    assert doc == RawDocument(doc_id="kendal", source=path.name, text=ARTICLE)


@pytest.mark.parametrize("name", ["halaman.html", "halaman.htm"])
def test_an_html_file_keeps_its_markup_for_the_cleaner(tmp_path: Path, name: str) -> None:
    markup = "<html><body><p>Bupati Kendal menyerahkan kartu peserta.</p></body></html>"
    path = write(tmp_path / name, markup)
    [doc] = documents(path)
    assert (doc.doc_id, doc.html, doc.text) == ("halaman", markup, None)


def test_json_lines_give_one_document_a_line_with_its_metadata(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "batch.jsonl",
        {
            "id": "a1",
            "text": "Kota Blitar menambah peserta.",
            "url": "https://contoh.id/a1",
            "title": "Blitar Tambah Peserta",
            "date": "2024-05-02",
            "source": "Warta Blitar",
        },
        {"id": "a2", "html": "<p>Kota Kediri juga.</p>"},
    )
    first, second = documents(path)
    assert first == RawDocument(
        doc_id="a1",
        source=f"{path.name}:1",
        text="Kota Blitar menambah peserta.",
        url="https://contoh.id/a1",
        title="Blitar Tambah Peserta",
        date="2024-05-02",
        outlet="Warta Blitar",
    )
    assert (second.doc_id, second.source, second.html) == ("a2", f"{path.name}:2", "<p>Kota Kediri juga.</p>")


def test_the_json_lines_suffix_may_be_spelt_out_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "batch.json-lines", {"id": "b1", "text": "Satu."}, "", {"id": 7, "text": "Dua."})
    assert [(d.doc_id, d.source) for d in documents(path)] == [
        ("b1", f"{path.name}:1"),
        ("7", f"{path.name}:3"),
    ]


def test_a_folder_is_walked_recursively_in_sorted_order_skipping_other_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Berita B.")
    write(tmp_path / "a" / "z.html", "<p>Berita Z.</p>")
    write(tmp_path / "a" / "c.jsonl", json.dumps({"id": "c", "text": "Berita C."}))
    write(tmp_path / "catatan.md", "bukan artikel")
    write(tmp_path / "gambar.jpg", b"\xff\xd8\xff")
    write(tmp_path / ".tersembunyi" / "x.txt", "Berita tersembunyi.")
    assert [d.doc_id for d in documents(tmp_path)] == ["c", "z", "b"]
    assert not problems(tmp_path)


def test_inputs_are_read_in_the_order_given_and_the_same_way_every_time(tmp_path: Path) -> None:
    second = write(tmp_path / "dua" / "y.txt", "Berita Y.")
    first = write(tmp_path / "satu" / "x.txt", "Berita X.")
    assert [d.doc_id for d in documents(second, first)] == ["y", "x"]
    assert read(tmp_path) == read(tmp_path)


# -- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Wali Kota Ma’ruf hadir.".encode(),
        codecs.BOM_UTF16_LE + "Wali Kota Ma’ruf hadir.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Wali Kota Ma’ruf hadir.".encode("utf-16-be"),
        "Wali Kota Ma’ruf hadir.".encode("cp1252"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_byte_order_marks_and_cp1252_are_decoded(tmp_path: Path, data: bytes) -> None:
    [doc] = documents(write(tmp_path / "berita.txt", data))
    assert doc.text == "Wali Kota Ma’ruf hadir."


NOT_TEXT = "cannot decode: neither UTF-8, UTF-16 nor cp1252 text"


# -- bad inputs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"PK\x03\x04\x00\x00\x08\x00binary", "binary file (contains NUL bytes)"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, NOT_TEXT),
        (bytes(range(0xA0, 0x100)) * 4, NOT_TEXT),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (contains NUL bytes)"),
        (b"\x01\x00\x02\x00\x03\x00" * 10, "binary file (contains NUL bytes)"),
        (b"GIF89a\x01\x02\x03\x04\xff\xfe", NOT_TEXT),
    ],
    ids=["empty", "blank", "binary", "undefined-cp1252", "not-text", "png", "utf-16-like-numbers", "gif"],
)
def test_a_file_that_cannot_be_read_as_text_is_one_problem_naming_it(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = write(tmp_path / "rusak.txt", content)
    assert problems(path) == [Problem(str(path), message)]


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.txt"
    assert read(missing) == [Problem(str(missing), "no such file or folder")]


def test_a_named_file_of_another_type_is_a_problem_but_reading_goes_on(tmp_path: Path) -> None:
    pdf = write(tmp_path / "laporan.pdf", b"%PDF-1.4")
    good = write(tmp_path / "berita.txt", ARTICLE)
    [problem, doc] = read(pdf, good)
    assert isinstance(problem, Problem) and problem.source == str(pdf)
    assert problem.message.startswith("unsupported file type '.pdf'")
    assert isinstance(doc, RawDocument) and doc.doc_id == "berita"


def test_an_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "a-terkunci.txt", ARTICLE)
    write(tmp_path / "b-bebas.txt", ARTICLE)
    real = kg.ingest._open

    def open_file(path: Path) -> object:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(kg.ingest, "_open", open_file)
    [problem, doc] = read(tmp_path)
    assert problem == Problem(str(locked), "cannot read the file: permission denied")
    assert isinstance(doc, RawDocument) and doc.doc_id == "b-bebas"


def test_an_unreadable_folder_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "arsip"
    write(locked / "x.txt", ARTICLE)
    write(tmp_path / "y.txt", ARTICLE)
    real = os.scandir

    def scandir(path: Path) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(kg.ingest.os, "scandir", scandir)
    [problem, doc] = read(tmp_path)
    assert problem == Problem(str(locked), "cannot read the folder: permission denied")
    assert isinstance(doc, RawDocument) and doc.doc_id == "y"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_file_permissions_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "rahasia.txt", ARTICLE)
    path.chmod(0)
    try:
        assert problems(path) == [Problem(str(path), "cannot read the file: permission denied")]
    finally:
        path.chmod(0o644)


def test_a_malformed_json_line_is_a_problem_and_the_other_lines_are_read(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "batch.jsonl",
        {"id": "ok1", "text": "Satu."},
        '{"id": "x", "text": ',
        {"id": "ok2", "text": "Dua."},
    )
    items = read(path)
    assert [d.doc_id for d in items if isinstance(d, RawDocument)] == ["ok1", "ok2"]
    [problem] = [p for p in items if isinstance(p, Problem)]
    assert problem.source == f"{path}:2"
    assert problem.message.startswith("malformed JSON line: Expecting value")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "Tanpa id."}, "the record has no `id` (a non-empty string)"),
        ({"id": "", "text": "Id kosong."}, "the record has no `id` (a non-empty string)"),
        ({"id": "n1"}, "record 'n1' has no `text`"),
        ({"id": "n2", "text": ["bukan", "teks"]}, "record 'n2': `text` must be a string, not list"),
        ({"id": "n3", "text": 42}, "record 'n3': `text` must be a string, not int"),
        ({"id": "n4", "text": "  "}, "record 'n4' has an empty `text`"),
        (["id", "text"], "a record must be a JSON object, not list"),
    ],
)
def test_a_record_without_a_usable_id_or_text_is_a_problem(
    tmp_path: Path, record: object, message: str
) -> None:
    path = jsonl(tmp_path / "batch.jsonl", record)
    assert read(path) == [Problem(f"{path}:1", message)]


def test_a_duplicate_document_id_is_a_problem_and_the_first_one_wins(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "madiun.txt", "Berita pertama.")
    second = write(tmp_path / "b" / "madiun.html", "<p>Berita kedua.</p>")
    batch = jsonl(tmp_path / "c.jsonl", {"id": "madiun", "text": "Berita ketiga."})
    [doc, *dupes] = read(tmp_path)
    assert isinstance(doc, RawDocument) and doc.source == f"{tmp_path.name}/a/madiun.txt"
    assert dupes == [
        Problem(str(second), f"duplicate document id 'madiun' (first read from {first})"),
        Problem(f"{batch}:1", f"duplicate document id 'madiun' (first read from {first})"),
    ]


@pytest.mark.parametrize("absolute", [True, False])
def test_a_source_is_recorded_relative_to_where_its_folder_was_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, absolute: bool
) -> None:
    corpus = tmp_path / "berita"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Bupati Sleman meresmikan program.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    docs = list(read_inputs([corpus if absolute else Path("berita")]))
    assert [d.source for d in docs if isinstance(d, RawDocument)] == ["berita/a.txt"]


# -- only regular files are read --------------------------------------------------------------


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A read that would block forever fails the test instead (a watchdog, not a timing)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("reading blocked")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def link_to_dev_null(path: Path) -> None:
    path.symlink_to("/dev/null")


SPECIAL_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (fifo, "not a regular file (a FIFO)"),
    "link-to-dev-zero": (link_to_dev_zero, "not a regular file (a character device)"),
    "link-to-dev-null": (link_to_dev_null, "not a regular file (a character device)"),
}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev are POSIX")
@pytest.mark.parametrize("named", [True, False], ids=["named", "in-a-folder"])
@pytest.mark.parametrize("kind", SPECIAL_FILES)
def test_what_is_not_a_regular_file_is_a_problem_and_never_opened(
    tmp_path: Path, no_hang: None, kind: str, named: bool
) -> None:
    make, message = SPECIAL_FILES[kind]
    special = tmp_path / "berita-pipa.txt"
    make(special)
    good = write(tmp_path / "z-biasa.txt", ARTICLE)
    items = read(special, good) if named else read(tmp_path)
    assert items[0] == Problem(str(special), message)
    assert [d.doc_id for d in items[1:] if isinstance(d, RawDocument)] == ["z-biasa"]


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_path_that_became_a_fifo_after_it_was_looked_at_is_not_waited_for(
    tmp_path: Path, no_hang: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    special = tmp_path / "berita.txt"
    os.mkfifo(special)
    monkeypatch.setattr(kg.ingest, "_mode", lambda path: stat.S_IFREG | 0o644)  # as stat saw it a moment ago
    assert read(special) == [Problem(str(special), "not a regular file (a FIFO)")]


@pytest.mark.parametrize("named", [True, False], ids=["named", "in-a-folder"])
def test_a_symlink_to_a_regular_file_is_followed_and_named_by_the_link(tmp_path: Path, named: bool) -> None:
    target = write(tmp_path / "arsip" / "asli.txt", ARTICLE)
    link = tmp_path / "berita" / "tautan.txt"
    link.parent.mkdir()
    link.symlink_to(target)
    [doc] = read(link if named else link.parent)
    assert isinstance(doc, RawDocument) and (doc.doc_id, doc.text) == ("tautan", ARTICLE)


@pytest.mark.parametrize(
    ("links", "looped"),
    [
        ({"putar.txt": "putar.txt"}, "putar.txt"),
        ({"a.txt": "b.txt", "b.txt": "a.txt"}, "a.txt"),
        ({"putar": "putar"}, "putar"),
    ],
    ids=["to-itself", "to-each-other", "without-a-suffix"],
)
def test_a_symlink_loop_in_a_folder_is_a_problem_for_that_entry(
    tmp_path: Path, links: dict[str, str], looped: str
) -> None:
    for name, target in links.items():
        (tmp_path / name).symlink_to(tmp_path / target)
    write(tmp_path / "z-biasa.txt", ARTICLE)
    items = read(tmp_path)
    assert Problem(str(tmp_path / looped), "cannot read: too many levels of symbolic links") in items
    assert [d.doc_id for d in items if isinstance(d, RawDocument)] == ["z-biasa"]


def test_a_broken_symlink_among_the_articles_is_a_problem(tmp_path: Path) -> None:
    broken = tmp_path / "hilang.txt"
    broken.symlink_to(tmp_path / "tidak-ada.txt")
    assert read(tmp_path) == [Problem(str(broken), "no such file or folder (a broken symbolic link)")]


@pytest.mark.parametrize("named", ["berita", "berita/lagi", "berita/lagi/lagi"])
def test_a_folder_linked_into_itself_is_walked_once(tmp_path: Path, named: str) -> None:
    write(tmp_path / "berita" / "a.txt", ARTICLE)
    (tmp_path / "berita" / "lagi").symlink_to(tmp_path / "berita")
    assert [d.doc_id for d in documents(tmp_path / named)] == ["a"]
    assert not problems(tmp_path / named)


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_a_problem_shown_with_escapes(tmp_path: Path) -> None:
    name = os.fsdecode(b"berita-\xff.txt")
    write(tmp_path / name, ARTICLE)
    assert read(tmp_path) == [Problem(f"{tmp_path}/berita-\\xff.txt", "the file name is not UTF-8")]


# -- a size limit per article -----------------------------------------------------------------


def sparse(path: Path, size: int, tail: bytes = b"") -> Path:
    """A file of `size` zero bytes that takes no room on disk, then `tail`."""
    with path.open("wb") as file:
        file.truncate(size)
        file.seek(size)
        file.write(tail)
    return path


def peak_memory(run: Callable[[], object]) -> int:
    """The most memory Python held at once while `run` ran."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("size", "max_bytes", "message"),
    [
        (2**30, DEFAULT_MAX_BYTES, "too large: 1024.0 MB (the limit is 5.0 MB per article)"),
        (5 * MB + 1, DEFAULT_MAX_BYTES, "too large: 5.0 MB (the limit is 5.0 MB per article)"),
        (101, 100, "too large: 101 bytes (the limit is 100 bytes per article)"),
    ],
    ids=["1-GiB-sparse", "one-byte-over-the-default", "one-byte-over-100"],
)
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_an_article_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, size: int, max_bytes: int, message: str, suffix: str
) -> None:
    path = sparse(tmp_path / f"besar{suffix}", size)
    found: list[Problem] = []
    assert peak_memory(lambda: found.extend(problems(path, max_bytes=max_bytes))) < MB
    assert found == [Problem(str(path), message)]


def test_an_article_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "pas.txt", "a" * 99 + "\n")
    [doc] = documents(path, max_bytes=100)
    assert doc.text == "a" * 99 + "\n"


def test_a_file_larger_than_it_was_when_looked_at_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sparse(tmp_path / "tumbuh.txt", 64 * MB)
    monkeypatch.setattr(kg.ingest, "_size", lambda stream: 10)  # as fstat saw it a moment ago
    found: list[Problem] = []
    assert peak_memory(lambda: found.extend(problems(path, max_bytes=1000))) < MB
    assert found == [Problem(str(path), "too large: more than 1000 bytes (the limit per article)")]


def test_json_lines_are_limited_per_record_not_per_file(tmp_path: Path) -> None:
    small = [{"id": f"r{n}", "text": "Kota Blitar menambah peserta. " * 20} for n in range(2000)]
    big = {"id": "besar", "text": "x" * 1200}
    path = jsonl(tmp_path / "banyak.jsonl", *small[:1000], big, *small[1000:])
    assert path.stat().st_size > 1000 * 1000
    items = read(path, max_bytes=1000)
    assert len([d for d in items if isinstance(d, RawDocument)]) == 2000
    assert [p for p in items if isinstance(p, Problem)] == [
        Problem(f"{path}:1001", "line too long: more than 1000 bytes (the limit per record)")
    ]


@pytest.mark.parametrize(("length", "kept"), [(100, True), (101, False)])
def test_the_record_limit_counts_a_line_without_its_newline(tmp_path: Path, length: int, kept: bool) -> None:
    record = '{"id": "a", "text": "' + "x" * (length - len('{"id": "a", "text": ""}')) + '"}'
    path = write(tmp_path / "batas.jsonl", record + "\n")
    assert len(record) == length
    assert bool(documents(path, max_bytes=100)) is kept


def test_a_huge_json_line_is_skipped_without_being_held_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = sparse(
        tmp_path / "raksasa.jsonl", 64 * MB, b"\n" + json.dumps({"id": "b", "text": "Dua."}).encode()
    )
    found: list[RawDocument | Problem] = []
    assert peak_memory(lambda: found.extend(read(path, max_bytes=1000))) < MB
    assert found[0] == Problem(f"{path}:1", "line too long: more than 1000 bytes (the limit per record)")
    assert isinstance(found[1], RawDocument) and (found[1].doc_id, found[1].source) == ("b", f"{path.name}:2")


def test_a_size_limit_below_one_byte_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_bytes must be at least 1"):
        read(tmp_path, max_bytes=0)


# -- legacy encodings -------------------------------------------------------------------------

INDONESIAN = [
    "Gubernur\u00a0Jawa Barat meresmikan kantor cabang.",
    "“Program ini penting,” kata Wali Kota Madiun – Senin (5/8/2024).",
    "Bupati Kendal: “Siap!”",
    "Peserta BPJS Ketenagakerjaan… naik 12% — dari 1.500 menjadi 1.680 • Sumber: Disnaker.",
    "Kafe Sémarang di Jl. Pemuda menerima 1.500 pekerja «bukan penerima upah».",
    "Harga\u00a0Rp\u00a01.000 ±\u00a05% ; suhu 30°C ©\u00a0Warta",
]


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (text, encoding)
        for encoding in ("cp1252", "latin-1")
        for text in INDONESIAN
        if encodable(text, encoding)
    ],
)
def test_text_in_a_legacy_encoding_is_decoded(tmp_path: Path, text: str, encoding: str) -> None:
    [doc] = documents(write(tmp_path / "lama.txt", text.encode(encoding)))
    assert doc.text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Wali Kota Ma’ruf hadir di Kota Madiun.\n"
    [doc] = documents(write(tmp_path / "utf16.txt", text.encode(encoding)))
    assert doc.text == text


# -- one bad JSON line skips that line only ---------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b'{"id": "x", "text": "bukan \x81 teks"}', NOT_TEXT),
        (b'{"id": "x", "text": "nol \x00 byte"}', "binary line (contains NUL bytes)"),
        (b"[" * 100_000, "malformed JSON line: nested too deeply"),
        (
            b'{"id": "x", "text": "a", "n": ' + b"[" * 5000 + b"]" * 5000 + b"}",
            "malformed JSON line: nested too deeply",
        ),
        (
            b'{"id": "x", "text": "a", "n": ' + b"1" * 5000 + b"}",
            "malformed JSON line: Exceeds the limit (4300 digits) for integer string conversion",
        ),
        (b'{"id": "x", "text": "a\\ud800b"}', "record 'x': `text` holds a lone surrogate (\\ud800-\\udfff)"),
        (
            b'{"id": "x\\udfff", "text": "a"}',
            "record 'x\\udfff': `id` holds a lone surrogate (\\ud800-\\udfff)",
        ),
    ],
    ids=[
        "invalid-byte",
        "nul-byte",
        "100k-brackets",
        "deep-field",
        "long-integer",
        "lone-surrogate",
        "surrogate-id",
    ],
)
def test_one_bad_json_line_skips_that_line_only(tmp_path: Path, bad: bytes, message: str) -> None:
    good = [
        json.dumps({"id": n, "text": "Wali Kota Ma’ruf hadir."}, ensure_ascii=False).encode()
        for n in ("a", "b")
    ]
    path = write(tmp_path / "campur.jsonl", b"\n".join([good[0], bad, good[1]]) + b"\n")
    items = read(path)
    assert [(d.doc_id, d.text) for d in items if isinstance(d, RawDocument)] == [
        ("a", "Wali Kota Ma’ruf hadir."),
        ("b", "Wali Kota Ma’ruf hadir."),
    ]
    assert [p for p in items if isinstance(p, Problem)] == [Problem(f"{path}:2", message)]


def test_each_json_line_is_decoded_on_its_own(tmp_path: Path) -> None:
    utf8 = json.dumps({"id": "a", "text": "Kata “Ma’ruf” dalam UTF-8."}, ensure_ascii=False).encode()
    cp1252 = json.dumps({"id": "b", "text": "Kata “Ma’ruf” dalam cp1252."}, ensure_ascii=False).encode(
        "cp1252"
    )
    path = write(tmp_path / "campur.jsonl", utf8 + b"\n" + cp1252 + b"\n")
    assert [d.text for d in documents(path)] == ["Kata “Ma’ruf” dalam UTF-8.", "Kata “Ma’ruf” dalam cp1252."]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_json_lines_with_a_byte_order_mark_are_read(tmp_path: Path, bom: bytes) -> None:
    encoding = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}[
        bom
    ]
    lines = [json.dumps({"id": n, "text": "Ma’ruf hadir."}, ensure_ascii=False) for n in ("a", "b")]
    path = write(tmp_path / "bom.jsonl", bom + "\n".join(lines).encode(encoding))
    assert [(d.doc_id, d.text) for d in documents(path)] == [("a", "Ma’ruf hadir."), ("b", "Ma’ruf hadir.")]


def test_a_lone_surrogate_in_utf16_json_lines_costs_its_line_only(tmp_path: Path) -> None:
    def line(doc_id: str, text: bytes) -> bytes:
        return f'{{"id": "{doc_id}", "text": "'.encode("utf-16-le") + text + '"}\n'.encode("utf-16-le")

    body = (
        line("a", "Satu.".encode("utf-16-le"))
        + line("b", b"\x00\xd8")
        + line("c", "Tiga.".encode("utf-16-le"))
    )
    path = write(tmp_path / "utf16.jsonl", codecs.BOM_UTF16_LE + body)
    items = read(path)
    assert [d.doc_id for d in items if isinstance(d, RawDocument)] == ["a", "c"]
    assert [p for p in items if isinstance(p, Problem)] == [
        Problem(f"{path}:2", "record 'b': `text` holds a lone surrogate (\\ud800-\\udfff)")
    ]


@pytest.mark.parametrize("content", [b"", b"\n  \n"], ids=["empty", "blank-lines"])
def test_a_json_lines_file_without_records_is_one_problem(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "kosong.jsonl", content)
    assert read(path) == [Problem(str(path), "empty file")]


# -- urls that can go into the graph ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript://x%0Aalert(5)",
        "javascript:alert(5)",
        "not a url",
        "/berita/a1",
        "ftp://contoh.id/a1",
        "http://",
        "https://contoh.id/berita a1",
        "https://contoh.id/<script>",
        'https://contoh.id/"a1"',
        "https://contoh.id/{a1}",
        "https://contoh.id/a|1",
        "https://contoh.id/a\\1",
        "https://contoh.id/a^1",
        "https://contoh.id/a`1",
        "https://contoh.id/a\x07",
        "https://contoh.id/a\n1",
        "https://contoh.id/a\u202e1",
        "https://contoh.id/a\u00a01",
        "https://contoh.id:port/a1",
    ],
)
def test_a_url_that_is_not_an_absolute_web_iri_is_left_out_with_a_notice(tmp_path: Path, url: str) -> None:
    path = jsonl(tmp_path / "url.jsonl", {"id": "a1", "text": "Satu.", "url": url})
    [doc, notice] = read(path)
    assert isinstance(doc, RawDocument) and (doc.doc_id, doc.url) == ("a1", None)
    assert notice == Notice(f"{path}:1", f"url {url!r} is not an absolute http(s) IRI; left out")


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://contoh.id/a1", "https://contoh.id/a1"),
        ("HTTP://Contoh.ID/berita?id=5&hal=2#atas", "HTTP://Contoh.ID/berita?id=5&hal=2#atas"),
        ("https://contoh.id/berita/ma’ruf-amin", "https://contoh.id/berita/ma’ruf-amin"),
        ("https://contoh.id/a%20b", "https://contoh.id/a%20b"),
        ("  https://contoh.id/a1\n", "https://contoh.id/a1"),
    ],
)
def test_an_absolute_web_iri_is_kept(tmp_path: Path, url: str, kept: str) -> None:
    path = jsonl(tmp_path / "url.jsonl", {"id": "a1", "text": "Satu.", "url": url})
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.url == kept


@pytest.mark.parametrize("url", ["", "   "])
def test_a_blank_url_is_no_url(tmp_path: Path, url: str) -> None:
    path = jsonl(tmp_path / "url.jsonl", {"id": "a1", "text": "Satu.", "url": url})
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.url is None


def test_a_long_url_is_shortened_in_its_notice(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "url.jsonl", {"id": "a1", "text": "Satu.", "url": "x" * 10_000})
    [_, notice] = read(path)
    assert notice == Notice(f"{path}:1", f"url {'x' * 80 + '…'!r} is not an absolute http(s) IRI; left out")


def test_a_refused_record_gives_no_notice_about_its_url(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "url.jsonl", *[{"id": "a1", "text": "Satu.", "url": "bukan url"}] * 2)
    assert [type(item).__name__ for item in read(path)] == ["RawDocument", "Notice", "Problem"]


# -- ids unique on their IRI ------------------------------------------------------------------


def test_an_id_that_would_share_an_iri_is_refused_naming_both_sources(tmp_path: Path) -> None:
    first = write(tmp_path / "Berita A.txt", ARTICLE)
    second = write(tmp_path / "berita-a.txt", ARTICLE)
    batch = jsonl(tmp_path / "c.jsonl", {"id": "BERITA  A!", "text": "Satu."})
    items = read(tmp_path)
    assert [d.doc_id for d in items if isinstance(d, RawDocument)] == ["Berita A"]
    assert [p for p in items if isinstance(p, Problem)] == [
        Problem(str(second), f"document id 'berita-a' would share its IRI with 'Berita A' from {first}"),
        Problem(f"{batch}:1", f"document id 'BERITA  A!' would share its IRI with 'Berita A' from {first}"),
    ]


def test_ids_in_other_scripts_are_distinct_articles_in_the_graph(tmp_path: Path) -> None:
    names = ["Москва", "東京", "서울", "القاهرة", "मुंबई", "Αθήνα"]
    path = jsonl(tmp_path / "dunia.jsonl", *[{"id": name, "text": "Satu."} for name in names])
    docs = documents(path)
    assert [d.doc_id for d in docs] == names
    assert len({article_graph_iri(d.doc_id) for d in docs}) == len(names)


# -- markup in names is plain data ------------------------------------------------------------


@pytest.mark.parametrize("name", ["[/b]", "[bold red]x[/]", "[link=https://contoh.id]a[/link]", "<b>a</b>"])
def test_markup_in_an_id_or_a_file_name_is_carried_as_plain_data(tmp_path: Path, name: str) -> None:
    file_name = "berkas " + name.replace("/", "_")
    text_file = write(tmp_path / f"{file_name}.txt", ARTICLE)
    batch = jsonl(tmp_path / "z.jsonl", {"id": name, "text": "Satu."}, {"id": name, "text": "Dua."})
    [by_file, by_record, duplicate] = read(text_file, batch)
    assert isinstance(by_file, RawDocument) and by_file.doc_id == file_name
    assert isinstance(by_record, RawDocument) and by_record.doc_id == name
    assert duplicate == Problem(f"{batch}:2", f"duplicate document id {name!r} (first read from {batch}:1)")


# -- gzipped JSON Lines shards ----------------------------------------------------------------

KENDAL = (
    "Pemkab Kendal Lindungi 2.000 Nelayan\n"
    "KENDAL - Pemerintah Kabupaten Kendal mendaftarkan 2.000 nelayan sebagai peserta BPJS Ketenagakerjaan."
    " Bupati Kendal Dico M Ganinduto mengatakan iuran dibayar dari APBD.\n"
)
BLITAR = (
    "Kota Blitar Raih Paritrana Award\n"
    "BLITAR - Kota Blitar meraih Paritrana Award 2023 tingkat Provinsi Jawa Timur."
    " Wali Kota Blitar Santoso menerima penghargaan itu di Surabaya.\n"
)
SHARD = [
    {"id": "kendal", "text": KENDAL, "url": "https://contoh.id/kendal", "date": "2024-03-14"},
    {"id": "blitar", "html": f"<article><p>{BLITAR}</p></article>", "source": "Warta Blitar"},
]


def shard(path: Path, records: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    """A JSON Lines shard; gzipped when its name ends in .gz."""
    data = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode(encoding)
    return write(path, gzip.compress(data) if path.suffix.lower() == ".gz" else data)


def many_records(count: int) -> list[dict[str, str]]:
    return [
        {"id": f"b{n}", "text": f"Berita {n}: peserta {n * 7919 % 10007} di Kendal."} for n in range(count)
    ]


@pytest.mark.parametrize("name", ["shard.jsonl.gz", "shard.json-lines.gz", "SHARD.JSONL.GZ"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_gzipped_shard_gives_the_documents_of_the_plain_file(
    tmp_path: Path, name: str, encoding: str
) -> None:
    plain = shard(tmp_path / "plain" / "shard.jsonl", SHARD, encoding)
    packed = shard(tmp_path / "packed" / name, SHARD, encoding)
    assert [replace(d, source="") for d in documents(packed)] == [
        replace(d, source="") for d in documents(plain)
    ]
    assert [d.source for d in documents(packed)] == [f"{name}:1", f"{name}:2"]


def test_a_folder_is_read_with_its_shards_and_crawls_and_no_other_gzip_files(tmp_path: Path) -> None:
    shard(tmp_path / "a.jsonl.gz", SHARD[:1])
    write(tmp_path / "b.txt.gz", gzip.compress(b"Berita."))
    write(tmp_path / "c.tar.gz", b"")
    assert [d.doc_id for d in documents(tmp_path)] == ["kendal"]
    assert not problems(tmp_path)
    [problem] = problems(tmp_path / "b.txt.gz")
    assert problem.message.startswith("unsupported file type '.gz' (expected .txt,")
    assert ".jsonl.gz, .json-lines.gz, .warc, .warc.gz)" in problem.message


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_truncated_shard_keeps_the_lines_before_the_cut(tmp_path: Path, keep: float) -> None:
    records = many_records(400)
    data = shard(tmp_path / "full.jsonl.gz", records).read_bytes()
    path = write(tmp_path / "cut.jsonl.gz", data[: int(len(data) * keep)])
    *docs, problem = read(path)
    assert 0 < len(docs) < len(records)
    assert [d.doc_id for d in docs] == [r["id"] for r in records[: len(docs)]]
    message = f"truncated gzip stream after line {len(docs)} (the file ends before the stream does)"
    assert problem == Problem(str(path), f"{message}; the rest is skipped")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[:5], "truncated gzip stream at its start (the file ends before the stream does)"),
        (lambda data: b"not gzip at all" + data, "not gzip data at its start"),
        (lambda data: data + b"trailing bytes", "not gzip data after line 400"),
        (lambda data: data[:-8] + bytes(8), "corrupt gzip stream (CRC check failed"),
    ],
    ids=["cut-in-header", "not-gzip", "trailing-garbage", "bad-checksum"],
)
def test_a_damaged_shard_is_a_problem_naming_the_file(
    tmp_path: Path, damage: Callable[[bytes], bytes], message: str
) -> None:
    data = shard(tmp_path / "full.jsonl.gz", many_records(400)).read_bytes()
    path = write(tmp_path / "rusak.jsonl.gz", damage(data))
    problem = read(path)[-1]
    assert isinstance(problem, Problem) and problem.source == str(path)
    assert problem.message.startswith(message) and problem.message.endswith("; the rest is skipped")


def test_the_size_limit_applies_to_each_decompressed_line(tmp_path: Path) -> None:
    records = [{"id": "besar", "text": "nelayan " * 200_000}, *SHARD]
    path = shard(tmp_path / "bom.jsonl.gz", records)
    assert path.stat().st_size < MB // 10
    items = read(path, max_bytes=MB)
    assert items[0] == Problem(f"{path}:1", "line too long: more than 1.0 MB (the limit per record)")
    assert [d.doc_id for d in items[1:]] == ["kendal", "blitar"]


def test_a_shard_builds_the_same_facts_as_its_plain_file(tmp_path: Path) -> None:
    plain = shard(tmp_path / "plain" / "berita.jsonl", SHARD)
    packed = shard(tmp_path / "packed" / "berita.jsonl.gz", SHARD)
    facts = []
    for path in (plain, packed):
        store = KnowledgeStore(tmp_path / f"store-{path.parent.name}")
        report = build([path], store, workers=1)
        assert (report.articles, report.problems) == (2, [])
        facts.append(read_facts(store))
    assert facts[0] == facts[1]
    assert {fact["type"] for record in facts[0] for fact in record["facts"]} >= {"region", "person", "award"}


def test_a_build_goes_on_past_a_truncated_shard(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "kendal.txt", KENDAL)
    data = shard(tmp_path / "full.jsonl.gz", many_records(400)).read_bytes()
    cut = write(corpus / "potong.jsonl.gz", data[: len(data) // 2])
    report = build([corpus], KnowledgeStore(tmp_path / "store"), workers=1)
    [problem] = report.problems
    assert problem.source == str(cut) and problem.message.startswith("truncated gzip stream after line ")
    kept = int(problem.message.split("after line ")[1].split()[0])
    assert report.articles == 1 + kept
