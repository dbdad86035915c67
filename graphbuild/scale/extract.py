"""`graphbuild extract` on a Dask cluster: documents in chunks to the workers, facts back to partitioned files.

One task per chunk of documents.  A worker builds the spaCy pipeline once (NlpWarmup, a worker plugin, at
start; the per-process caches of load_gazetteer/build_nlp keep it) and runs pipeline.extract_one on each
document of a chunk: a bad document comes back as an error and fails alone.  The client writes each chunk's
records to its own partition file as the chunk finishes: when a worker dies, Dask runs its chunks again on
another worker, and a chunk's partition is written once, when its one result arrives, so every document's
facts are in the output exactly once.  Workers read the documents (shared storage on a real cluster); the
facts come back to the client, which alone writes the output.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..model import Hints
from ..pipeline import Extracted, extract_one
from .facts import Manifest, record_line, write_manifest, write_partition

CHUNK_DOCS = 50  # documents per task: small enough to spread and redo cheaply, big enough to hide overhead


# ------------------------------------------------------------------ worker side
def warm_up() -> None:
    """Build the gazetteer and the spaCy pipeline in this process (cached for every later task)."""
    from ..gazetteer import load_gazetteer
    from ..nlp import build_nlp

    build_nlp(load_gazetteer())


class NlpWarmup:
    """A Dask worker plugin: each worker builds the pipeline once, when it starts (not in its first task)."""

    name = "graphbuild-nlp"

    def setup(self, worker) -> None:
        warm_up()

    def teardown(self, worker) -> None:
        pass


def extract_chunk(paths: list[str], hints: Optional[Hints] = None) -> list[Extracted]:
    """A task: extract_one over a chunk of documents, in this worker's process."""
    from ..gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    return [extract_one(p, hints, gazetteer) for p in paths]


# ------------------------------------------------------------------ client side
@dataclass
class ClusterSpec:
    """Where to run: an existing scheduler's address, or a LocalCluster of `workers` processes."""

    scheduler: Optional[str] = None
    workers: Optional[int] = None

    def describe(self) -> str:
        return f"Dask scheduler {self.scheduler}" if self.scheduler else f"a local Dask cluster of {self.workers} workers"


def open_client(spec: ClusterSpec):
    """A dask.distributed Client: on the scheduler named, or on a new LocalCluster (one thread per worker
    process: spaCy holds the GIL)."""
    from distributed import Client, LocalCluster

    if spec.scheduler:
        client = Client(spec.scheduler, timeout="30s")
    else:
        spec.workers = spec.workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    client.register_plugin(_worker_plugin())
    return client


def _worker_plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class _Plugin(NlpWarmup, WorkerPlugin):
        pass

    return _Plugin()


def close_client(client) -> None:
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def chunks(paths: list[str], size: int) -> list[list[str]]:
    return [paths[i : i + size] for i in range(0, len(paths), size)]


def run_on_cluster(client, paths: list[str], on_chunk: Callable[[int, list[Extracted]], None],
                   hints: Optional[Hints] = None, chunk_docs: int = CHUNK_DOCS) -> None:
    """Extract every document on the cluster; on_chunk(index, results) once per chunk, as chunks finish."""
    from distributed import as_completed

    parts = chunks(paths, chunk_docs)
    futures = {client.submit(extract_chunk, part, hints, pure=False, retries=2): i for i, part in enumerate(parts)}
    for future in as_completed(list(futures)):
        on_chunk(futures[future], future.result())
        future.release()


# ------------------------------------------------------------------ output
class PartitionWriter:
    """on_chunk for a folder: part-NNNNN.jsonl per chunk, and the manifest at the end."""

    def __init__(self, folder: Path, sizes: dict[str, int]):
        self.folder = folder
        self.sizes = sizes
        self.manifest = Manifest()
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, index: int, results: list[Extracted]) -> None:
        ok = [e for e in results if not e.error]
        name = write_partition(self.folder, index, ok)
        self.manifest.partitions.append(name)
        self.manifest.documents += [dict(doc_id=e.doc_id, path=e.path, bytes=self.sizes.get(e.path), partition=name)
                                    for e in ok]
        self.manifest.errors += [dict(path=e.path, reason=e.error) for e in results if e.error]

    def finish(self, problems: list[tuple[str, str]]) -> Path:
        m = self.manifest
        m.partitions.sort()
        m.documents.sort(key=lambda d: (d["partition"], d["path"]))
        m.errors = sorted(m.errors + [dict(path=p, reason=r) for p, r in problems], key=lambda d: d["path"])
        return write_manifest(self.folder, m)


class LinesCollector:
    """on_chunk for one file or stdout: the records, in the order of the documents."""

    def __init__(self):
        self.by_chunk: dict[int, list[Extracted]] = {}

    def __call__(self, index: int, results: list[Extracted]) -> None:
        self.by_chunk[index] = results

    def results(self) -> list[Extracted]:
        return [e for i in sorted(self.by_chunk) for e in self.by_chunk[i]]

    def text(self) -> str:
        return "".join(record_line(e) for e in self.results() if not e.error)
