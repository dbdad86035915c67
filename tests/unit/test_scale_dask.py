"""`graphbuild extract` on a Dask LocalCluster: two workers, and a worker killed mid-run (docs/scaling.md).

No database: extraction never talks to one.  Each test starts its own LocalCluster of two worker processes."""
from __future__ import annotations

import json
import os
import signal
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.pipeline import discover, document_path, extract_many
from graphbuild.scale.extract import ClusterSpec
from graphbuild.scale.facts import read_facts, record_of
from graphbuild.scale.run import run_extract

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "corpus" / "dev"
SAMPLES = ROOT / "data" / "samples"


def _expected(paths):
    """What the single-process pipeline extracts: {path: record} and {path: error}."""
    got = extract_many([document_path(f) for f in discover([str(p) for p in paths]).files], workers=1)
    return {e.path: record_of(e) for e in got if not e.error}, {e.path: e.error for e in got if e.error}


def _partitions(folder: Path) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("part-*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]


def test_extract_on_a_local_cluster_of_two_workers_writes_partitions_and_a_manifest(tmp_path):
    out = tmp_path / "facts"
    result = CliRunner().invoke(main, ["extract", str(DEV), str(SAMPLES), "--workers", "2", "--chunk", "10",
                                       "-o", str(out), "--no-progress"], env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    want, errors = _expected([DEV, SAMPLES])
    assert len(want) > 70 and len(errors) == 3
    assert result.exit_code == 1  # three documents state nothing: listed, and the rest written
    for path, reason in errors.items():
        assert f"failed: {path}: {reason}" in result.output
    records = _partitions(out)
    assert {r["path"]: r for r in records} == want and len(records) == len(want)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == records[0]["schema_version"] and len(manifest["partitions"]) >= 8
    assert {d["path"]: d["doc_id"] for d in manifest["documents"]} == {p: r["doc_id"] for p, r in want.items()}
    assert all(d["bytes"] == os.stat(d["path"]).st_size for d in manifest["documents"])
    assert {e["path"]: e["reason"] for e in manifest["errors"]} == errors
    loaded = [e for e, _, err in read_facts([out]) if not err]
    assert [e.path for e in loaded] == [document_path(f) for f in discover([str(DEV), str(SAMPLES)]).files
                                       if document_path(f) in want]  # the documents' order, for resolution


def test_a_worker_killed_mid_run_still_gives_every_documents_facts_exactly_once(tmp_path):
    from distributed import default_client

    killed = []

    def kill_a_busy_worker(index):
        if killed:
            return
        client = default_client()
        busy = [w for w, keys in client.processing().items() if keys]
        if not busy:
            return
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    out = tmp_path / "facts"
    run, _ = run_extract([str(DEV)], str(out), ClusterSpec(workers=2), chunk_docs=2,
                         on_chunk_done=kill_a_busy_worker)
    want, errors = _expected([DEV])
    assert killed, "no worker was busy after the first chunk: nothing was killed"
    records = _partitions(out)
    counts = Counter(r["path"] for r in records)
    assert set(counts) == set(want) and set(counts.values()) == {1}
    assert {r["path"]: r for r in records} == want
    assert dict(run.failed) == errors
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert Counter(d["path"] for d in manifest["documents"]) == counts
