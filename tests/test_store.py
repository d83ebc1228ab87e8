"""The store on disk: generations that switch whole, one writer at a time, readers that never see half."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.export.rdf import serialize
from kg.pipeline import build
from kg.store import (
    GENERATIONS,
    KnowledgeStore,
    StoreBusy,
    StoreError,
    collect_generations,
    graph_nquads,
    live_generation,
    open_read_only,
    rdflib_quads,
)

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://example.org/graph/a"
QUAD = ("https://example.org/s", "https://example.org/p", "https://example.org/o", GRAPH)


def _quads(label: str) -> list[tuple[object, ...]]:
    from rdflib import Literal, URIRef

    return [(URIRef(QUAD[0]), URIRef(QUAD[1]), Literal(label), URIRef(GRAPH))]


def _labels(store: KnowledgeStore) -> list[str]:
    return sorted(q.object.value for q in store.quads(GRAPH))


def test_a_write_session_becomes_live_only_when_it_ends(tmp_path: Path) -> None:
    writer = KnowledgeStore(tmp_path / "kg")
    with writer.writing():
        writer.replace_graph(GRAPH, _quads("one"))  # type: ignore[arg-type]
        reader = KnowledgeStore(tmp_path / "kg", read_only=True) if live_generation(tmp_path / "kg") else None
        assert reader is None  # nothing is live until the session ends
    assert _labels(KnowledgeStore(tmp_path / "kg", read_only=True)) == ["one"]
    with writer.writing():
        writer.replace_graph(GRAPH, _quads("two"))  # type: ignore[arg-type]
        assert _labels(KnowledgeStore(tmp_path / "kg", read_only=True)) == ["one"]
    assert _labels(KnowledgeStore(tmp_path / "kg", read_only=True)) == ["two"]


def test_a_session_that_fails_leaves_the_live_generation_and_no_debris(tmp_path: Path) -> None:
    writer = KnowledgeStore(tmp_path / "kg")
    with writer.writing():
        writer.replace_graph(GRAPH, _quads("kept"))  # type: ignore[arg-type]
    live = live_generation(tmp_path / "kg")
    with pytest.raises(RuntimeError, match="disk on fire"), writer.writing():
        writer.replace_graph(GRAPH, _quads("lost"))  # type: ignore[arg-type]
        raise RuntimeError("disk on fire")
    assert live_generation(tmp_path / "kg") == live
    assert _labels(writer) == ["kept"]
    assert sorted(p.name for p in (tmp_path / "kg" / GENERATIONS).iterdir() if p.is_dir()) == [live]


def test_writes_outside_a_session_are_refused(tmp_path: Path) -> None:
    writer = KnowledgeStore(tmp_path / "kg")
    with pytest.raises(StoreError, match="writes happen inside"):
        writer.replace_graph(GRAPH, _quads("x"))  # type: ignore[arg-type]


def test_a_second_writer_is_told_the_store_is_busy(tmp_path: Path) -> None:
    first, second = KnowledgeStore(tmp_path / "kg"), KnowledgeStore(tmp_path / "kg")
    with first.writing():
        with pytest.raises(StoreBusy, match="another kg build is writing this store"), second.writing():
            pass
        first.replace_graph(GRAPH, _quads("first"))  # type: ignore[arg-type]
    with second.writing():
        second.replace_graph(GRAPH, _quads("second"))  # type: ignore[arg-type]
    assert _labels(KnowledgeStore(tmp_path / "kg", read_only=True)) == ["second"]


def test_old_generations_are_collected_unless_a_reader_holds_them(tmp_path: Path) -> None:
    root = tmp_path / "kg"
    writer = KnowledgeStore(root)
    with writer.writing():
        writer.replace_graph(GRAPH, _quads("1"))  # type: ignore[arg-type]
    held, lease = open_read_only(root)  # a reader on generation 1
    for label in "234":
        with writer.writing():
            writer.replace_graph(GRAPH, _quads(label))  # type: ignore[arg-type]
    names = sorted(p.name for p in (root / GENERATIONS).iterdir() if p.is_dir())
    assert names == ["g000001", "g000003", "g000004"]  # the held one, the previous and the live one
    assert len(list(held.quads_for_pattern(None, None, None))) == 2  # still readable
    lease.release()
    del held
    collect_generations(root)
    assert sorted(p.name for p in (root / GENERATIONS).iterdir() if p.is_dir()) == ["g000003", "g000004"]


def _file(path: Path) -> None:
    path.write_text("x")


def _foreign_folder(path: Path) -> None:
    path.mkdir()
    (path / "notes.txt").write_text("mine")


def _older_layout(path: Path) -> None:
    path.mkdir()
    for name in ("CURRENT", "IDENTITY"):
        (path / name).write_text("")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_file, "is a file, not a store folder"),
        (_foreign_folder, "with other files in it, not a store"),
        (_older_layout, "older layout"),
    ],
)
def test_a_path_that_is_no_store_is_refused_with_a_reason(
    tmp_path: Path, make: Callable[[Path], None], message: str
) -> None:
    make(tmp_path / "kg")
    with pytest.raises(StoreError, match=message):
        KnowledgeStore(tmp_path / "kg")


def test_reading_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here; build one first"):
        KnowledgeStore(tmp_path / "nothing", read_only=True)


KILL_POINTS = 17

BUILDER = """
import sys
from pathlib import Path
from kg.pipeline import build
from kg.store import KnowledgeStore
build([Path(p) for p in sys.argv[2:]], KnowledgeStore(Path(sys.argv[1])))
print("done", flush=True)
"""


def _snapshot(root: Path) -> bytes:
    store = KnowledgeStore(root, read_only=True)
    try:
        return serialize(store, "nquads")
    finally:
        store.close()


def test_a_build_killed_at_any_point_leaves_the_old_or_the_whole_new_state(tmp_path: Path) -> None:
    old_input, new_inputs = [ROOT / "seeds"], [ROOT / "seeds", ROOT / "tests" / "data" / "probe"]
    build(old_input, KnowledgeStore(tmp_path / "old"))
    build(new_inputs, reference := KnowledgeStore(tmp_path / "new"))
    old, new = _snapshot(tmp_path / "old"), serialize(reference, "nquads")
    assert old != new

    def run(delay: float | None) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-c", BUILDER, str(tmp_path / "victim"), *map(str, new_inputs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        if delay is not None:
            time.sleep(delay)
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=120)
        return process

    started = time.monotonic()
    build(old_input, KnowledgeStore(tmp_path / "victim"))
    whole = run(None)
    assert whole.returncode == 0
    duration = time.monotonic() - started
    seen = {"old": 0, "new": 0}
    for point in range(KILL_POINTS):
        build(old_input, KnowledgeStore(tmp_path / "victim"), full=True)
        assert _snapshot(tmp_path / "victim") == old
        run(duration * (point + 1) / KILL_POINTS)
        state = _snapshot(tmp_path / "victim")
        assert state in (old, new), f"kill point {point}: the store holds a mix"
        seen["old" if state == old else "new"] += 1
    assert seen["old"] > 0  # the kills landed inside the build, not only after it


def test_an_article_graph_as_nquads_holds_each_triple_named_and_in_the_default_graph() -> None:
    graph = "https://example.org/graph/a"
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    quads = [
        (s, p, Literal("satu <dua> .\nline"), URIRef(graph)),
        (s, p, URIRef("https://example.org/o"), URIRef(graph)),
    ]
    lines = graph_nquads(graph, rdflib_quads(graph, quads)).decode().splitlines()
    named, default = lines[:2], lines[2:]
    assert all(line.endswith(f" <{graph}> .") for line in named)
    assert default == [line.removesuffix(f" <{graph}> .") + " ." for line in named]
    assert '"satu <dua> .\\nline"' in default[0]


def test_the_count_is_of_the_merged_graph_each_shared_triple_once(tmp_path: Path) -> None:
    store = KnowledgeStore(tmp_path / "kg")
    with store.writing() as writer:
        writer.replace_graph(GRAPH, _quads("satu"))  # type: ignore[arg-type]
        writer.replace_graph("https://example.org/graph/b", [*_quads("satu"), *_quads("dua")])  # type: ignore[arg-type]
    assert store.count() == len(list(store.merged())) == 2
