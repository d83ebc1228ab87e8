"""Reading articles from files and folders: every input kind, and one Problem per bad input."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

import kg.ingest
from kg.ingest import read_inputs
from kg.model import Problem, RawDocument

ARTICLE = "Pemkab Kendal Lindungi 2.000 Nelayan\nKENDAL - Pemerintah Kabupaten Kendal mendaftarkan nelayan.\n"


def read(*paths: Path) -> list[RawDocument | Problem]:
    return list(read_inputs(list(paths)))


def documents(*paths: Path) -> list[RawDocument]:
    return [item for item in read(*paths) if isinstance(item, RawDocument)]


def problems(*paths: Path) -> list[Problem]:
    return [item for item in read(*paths) if isinstance(item, Problem)]


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


# -- bad inputs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"PK\x03\x04\x00\x00\x08\x00binary", "binary file (contains NUL bytes)"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "cannot decode: not UTF-8"),
        (bytes(range(0xA0, 0x100)) * 4, "cannot decode: not UTF-8"),
    ],
    ids=["empty", "blank", "binary", "undefined-cp1252", "not-text"],
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
    real = kg.ingest._read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(kg.ingest, "_read_bytes", read_bytes)
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
