"""Extraction on a Dask cluster: the per-article stages mapped over a dask.distributed client.

A corpus of millions of articles outgrows one machine's cores, and many sites already run
a Dask cluster. What depends on an article alone (kg.pipeline.process: clean, extract,
resolve, graph) is sent to the cluster's workers a partition at a time, a bounded number
of partitions in flight; everything else stays in the building process (reading the
inputs, the incremental skip, the manifest, the store), and results are taken in corpus
order. So a build through Dask writes the same store as a local build, byte for byte.

Dask is an optional dependency (`pip install 'kg-jamsostek[dask]'`): it is imported here
only, and only when a Dask build starts. The workers must run the same rules as the
building process (the same kg), or the store would mix two rule sets: that is checked
when the client connects.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg import pipeline
from kg.errors import UserFacingError
from kg.model import RawDocument
from kg.pipeline import BATCH, PendingBatch, Processed, default_workers, process_batches

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

PARTITION_ARTICLES = BATCH  # articles per task: enough work to hide a round trip to the cluster
PARTITION_CHARACTERS = 4_000_000  # and no more text than this: a task's arguments pass the scheduler
TASKS_PER_THREAD = 2  # partitions in flight per worker thread: one running, one waiting on the worker


class ClusterError(UserFacingError):
    """The Dask cluster cannot be used: unreachable, without workers, or running other rules."""


@dataclass(frozen=True)
class DaskEngine:
    """A kg.pipeline.Engine that processes partitions of articles on a Dask cluster."""

    client: Client
    address: str
    in_flight: int
    partition_articles: int = PARTITION_ARTICLES
    partition_characters: int = PARTITION_CHARACTERS

    def run(self, raws: Iterable[RawDocument]) -> Iterator[Processed]:
        from distributed.client import FutureCancelledError

        batches = partitions(raws, self.partition_articles, self.partition_characters)
        try:
            yield from process_batches(_ClientExecutor(self.client), batches, self.in_flight)
        except FutureCancelledError as error:  # the scheduler went away, or someone cancelled the work
            raise ClusterError(
                f"the Dask cluster at {self.address} dropped the build's work ({error.reason}):"
                " the store is as it was; build again when the cluster is back"
            ) from error


@dataclass(frozen=True)
class _ClientExecutor:
    """A Dask client seen as a kg.pipeline.BatchExecutor."""

    client: Client

    def submit(
        self, fn: Callable[[list[RawDocument]], list[Processed]], batch: list[RawDocument], /
    ) -> PendingBatch:
        future: PendingBatch = self.client.submit(fn, batch, pure=False)  # no hashing of the articles
        return future


def partitions(raws: Iterable[RawDocument], articles: int, characters: int) -> Iterator[list[RawDocument]]:
    """The articles in order, cut into lists of at most `articles` and, past one article, `characters`."""
    partition: list[RawDocument] = []
    size = 0
    for raw in raws:
        length = len(raw.text or "") + len(raw.html or "")
        if partition and (len(partition) == articles or size + length > characters):
            yield partition
            partition, size = [], 0
        partition.append(raw)
        size += length
    if partition:
        yield partition


@contextmanager
def dask_engine(scheduler: str | None = None, workers: int | None = None) -> Iterator[DaskEngine]:
    """An engine on the cluster of the scheduler at `scheduler`, or on a local one of `workers` processes.

    Without a scheduler the cluster is this machine's, sized like the local pool (default: the cores).
    """
    _require_distributed()
    if scheduler is not None:
        with connect(scheduler) as client:
            yield _engine(client, scheduler)
        return
    with local_cluster(workers or default_workers()) as cluster, connect(cluster.scheduler_address) as client:
        yield _engine(client, cluster.scheduler_address)


@contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """A cluster of `workers` processes on this machine, one thread each: extraction holds the GIL."""
    from distributed import LocalCluster

    # the scheduler's HTTP server takes port 8787 even without a dashboard: a second cluster
    # on the machine would warn and move, so it takes any free port from the start
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, once it is known to have workers that run kg's rules."""
    from distributed import Client

    timeout = connect_timeout()
    _check_scheduler(address, timeout)
    with Client(address, timeout=timeout, set_as_default=False) as client:
        _check_workers(client, address, timeout)
        yield client


def connect_timeout() -> float:
    """Dask's own connect timeout (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT), in seconds."""
    import dask
    from dask.utils import parse_timedelta

    seconds: float = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s")
    return seconds


def _engine(client: Client, address: str) -> DaskEngine:
    threads = sum(client.nthreads().values())
    return DaskEngine(client, address, in_flight=max(2, TASKS_PER_THREAD * threads))


def _require_distributed() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as error:
        raise ClusterError(
            f"--engine dask needs dask.distributed ({error.name} is not installed):"
            " pip install 'kg-jamsostek[dask]'"
        ) from error


def _check_scheduler(address: str, timeout: float) -> None:
    """Ask the address who it is before a client is made: a client that fails to start leaves noise behind."""
    try:
        identity = asyncio.run(_identity(address, timeout))
    except ValueError as error:
        raise ClusterError(f"{address} is not a Dask scheduler address: {error}") from error
    except OSError as error:
        raise ClusterError(
            f"no Dask scheduler answers at {address} within {timeout:g} s:"
            " is `dask scheduler` running there, and the address right?"
        ) from error
    except Exception as error:  # the peer speaks another protocol: its bytes fail in any way
        raise ClusterError(
            f"{address} does not answer as a Dask scheduler (another service's port?)"
        ) from error
    kind = identity.get("type") if isinstance(identity, dict) else None
    if kind != "Scheduler":
        raise ClusterError(f"{address} is a Dask {kind or 'peer'}, not a scheduler: name the scheduler")


async def _identity(address: str, timeout: float) -> Any:
    from distributed.comm import connect as open_comm

    comm = await open_comm(address, timeout=timeout)
    try:
        await comm.write({"op": "identity", "reply": True})
        return await asyncio.wait_for(comm.read(), timeout)
    finally:
        await comm.close()


def _check_workers(client: Client, address: str, timeout: float) -> None:
    """At least one worker, and every worker running the rules this build would record in the manifest."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as error:
        raise ClusterError(
            f"no worker joined the Dask scheduler at {address} within {timeout:g} s:"
            f" start some with `dask worker {address}`"
        ) from error
    try:
        fingerprints: dict[str, str] = client.run(worker_fingerprint)
    except Exception as error:  # raised on a worker: kg missing there, or it does not import
        reason = (str(error).splitlines() or [type(error).__name__])[0]
        raise ClusterError(
            f"the workers of the Dask scheduler at {address} cannot run kg ({reason}):"
            " install the same kg-jamsostek on them"
        ) from error
    ours = pipeline.builder_fingerprint()
    for worker, theirs in sorted(fingerprints.items()):
        if theirs != ours:
            raise ClusterError(
                f"the Dask worker {worker} runs other kg rules (fingerprint {theirs}, here {ours}):"
                " install the same kg-jamsostek on the workers"
            )


def worker_fingerprint() -> str:
    """The rules fingerprint as a worker computes it (sent by name: the worker's own kg answers)."""
    return pipeline.builder_fingerprint()
