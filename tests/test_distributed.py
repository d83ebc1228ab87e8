"""Extraction on a Dask cluster (kg/distributed.py, `kg build --engine dask`): the graph of a local build.

One LocalCluster of two worker processes serves the module; every build connects to it by
its scheduler address, as `kg build --engine dask --scheduler tcp://HOST:8786` does with a
real cluster.
"""

from __future__ import annotations

import dataclasses
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from typer.testing import CliRunner, Result

from kg.cli import app
from kg.distributed import ClusterError, connect, dask_engine, local_cluster, partitions
from kg.export.publish import PUBLISHED_FILES, render
from kg.export.rdf import serialize
from kg.model import RawDocument
from kg.pipeline import build
from kg.store import KnowledgeStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import make_corpus

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def kg(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a two-worker cluster on this machine, up for the whole module."""
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def dask_seed_store(tmp_path_factory: pytest.TempPathFactory, scheduler: str) -> KnowledgeStore:
    """seeds/ built through the cluster by the command line."""
    path = tmp_path_factory.mktemp("dask") / "kg"
    seeds = str(ROOT / "seeds")
    result = kg("build", seeds, "--store", str(path), "--engine", "dask", "--scheduler", scheduler, "-q")
    assert result.exit_code == 0, result.output
    assert "built 5 articles" in result.output
    return KnowledgeStore(path, read_only=True)


@pytest.mark.parametrize("fmt", list(PUBLISHED_FILES))
def test_a_dask_build_publishes_the_bytes_of_a_local_build(
    fmt: str, dask_seed_store: KnowledgeStore, seed_store: KnowledgeStore
) -> None:
    assert render(dask_seed_store, fmt) == render(seed_store, fmt)


def test_a_generated_corpus_in_many_partitions_builds_as_it_does_locally(
    tmp_path: Path, scheduler: str
) -> None:
    corpus = tmp_path / "corpus"
    make_corpus.generate(corpus, 40, seed=3, fmt="mixed")
    local = KnowledgeStore(tmp_path / "local")
    assert build([corpus], local).articles == 40
    on_dask = KnowledgeStore(tmp_path / "dask")
    with dask_engine(scheduler) as engine:
        small = dataclasses.replace(engine, partition_articles=3, in_flight=6)  # finishing out of order
        report = build([corpus], on_dask, engine=small)
    assert report.articles == 40 and not report.problems
    assert serialize(on_dask, "nquads") == serialize(local, "nquads")


def test_a_rebuild_through_dask_builds_only_the_changed_article(tmp_path: Path, scheduler: str) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    store = tmp_path / "kg"
    options = ("--store", str(store), "--engine", "dask", "--scheduler", scheduler, "-q")
    assert kg("build", str(corpus), *options).exit_code == 0
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nBupati Sleman hadir.\n", encoding="utf-8")
    result = kg("build", str(corpus), *options)
    assert result.exit_code == 0, result.output
    assert "built 1 article" in result.output and "4 unchanged" in result.output
    local = KnowledgeStore(tmp_path / "local")
    build([corpus], local)
    assert serialize(KnowledgeStore(store, read_only=True), "nquads") == serialize(local, "nquads")


def test_without_a_scheduler_the_build_starts_a_cluster_of_its_own(
    tmp_path: Path, seed_store: KnowledgeStore
) -> None:
    store = tmp_path / "kg"
    result = kg("build", str(ROOT / "seeds"), "--store", str(store), "--engine", "dask", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert serialize(KnowledgeStore(store, read_only=True), "nquads") == serialize(seed_store, "nquads")


def test_a_cluster_lost_during_a_build_leaves_the_store_as_it_was(
    tmp_path: Path, seed_store: KnowledgeStore
) -> None:
    from distributed import LocalCluster

    store = KnowledgeStore(tmp_path / "kg")
    build([ROOT / "seeds"], store)
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as doomed,
        dask_engine(doomed.scheduler_address) as engine,
        pytest.raises(ClusterError, match="dropped the build's work \\(scheduler-connection-lost\\)"),
    ):
        one_by_one = dataclasses.replace(engine, partition_articles=1, in_flight=2)
        build([ROOT / "seeds"], store, full=True, engine=one_by_one, progress=lambda _doc: doomed.close())
    assert serialize(store, "nquads") == serialize(seed_store, "nquads")


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def http_port() -> Iterator[str]:
    """A TCP server that answers like a web server: the port of another service."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        with server, server.accept()[0] as client:
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=answer)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    thread.join(timeout=5)


@pytest.mark.parametrize(
    ("address", "message"),
    [
        (_closed_port(), "no Dask scheduler answers at {address} within 1 s"),
        ("htp://example.org:8786", "{address} is not a Dask scheduler address: unknown address scheme 'htp'"),
        ("tcp://localhost", "{address} is not a Dask scheduler address: missing port number"),
    ],
)
def test_a_scheduler_that_cannot_be_reached_is_one_line_naming_it(address: str, message: str) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = kg("build", str(ROOT / "seeds"), "--engine", "dask", "--scheduler", address)
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {message.format(address=address)}")
    assert len(result.output.strip().splitlines()) == 1


def test_another_service_is_not_taken_for_a_scheduler(http_port: str) -> None:
    with (
        pytest.raises(ClusterError, match=f"^{http_port} does not answer as a Dask scheduler"),
        dask_engine(http_port),
    ):
        pass


def test_a_worker_is_not_taken_for_the_scheduler(scheduler: str) -> None:
    with connect(scheduler) as client:
        worker = sorted(client.scheduler_info()["workers"])[0]
    with (
        pytest.raises(ClusterError, match=f"^{worker} is a Dask Worker, not a scheduler"),
        dask_engine(worker),
    ):
        pass


def test_workers_running_other_rules_are_refused(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.pipeline.builder_fingerprint", lambda: "other rules")
    with (
        pytest.raises(ClusterError, match=r"runs other kg rules \(fingerprint \w+, here other rules\)"),
        dask_engine(scheduler),
    ):
        pass


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheduler", "tcp://localhost:8786"], "add --engine dask"),
        (["--engine", "spark"], "unknown engine 'spark': choose local or dask"),
        (["--engine", "dask", "--scheduler", "tcp://localhost:8786", "--workers", "2"], "--workers sizes"),
    ],
)
def test_engine_options_that_do_not_fit_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    result = kg("build", str(ROOT / "seeds"), "--store", str(tmp_path / "kg"), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_without_dask_installed_the_engine_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when absent
    with pytest.raises(ClusterError, match=r"pip install 'kg-jamsostek\[dask\]'"), dask_engine():
        pass


def _raw(doc_id: str, characters: int) -> RawDocument:
    return RawDocument(doc_id, f"{doc_id}.txt", text="x" * characters)


@pytest.mark.parametrize(
    ("sizes", "articles", "characters", "expected"),
    [
        ([10] * 5, 2, 1000, [2, 2, 1]),  # cut by count
        ([400, 400, 400, 100], 10, 1000, [2, 2]),  # cut by text size
        ([5000, 10, 10], 10, 1000, [1, 2]),  # an article above the size still goes, alone
        ([], 4, 1000, []),
    ],
)
def test_partitions_keep_the_corpus_order_within_their_bounds(
    sizes: list[int], articles: int, characters: int, expected: list[int]
) -> None:
    raws = [_raw(f"a{i}", size) for i, size in enumerate(sizes)]
    cut = list(partitions(raws, articles, characters))
    assert [len(part) for part in cut] == expected
    assert [raw for part in cut for raw in part] == raws
