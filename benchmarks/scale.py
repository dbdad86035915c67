"""Issue 18 figures (docs/performance.md, "Scaling"), measured in one run by `benchmarks/run.py --scale`:

* extract_docs_per_s: single process (pipeline.extract_many, one process), Dask with 1 worker and with 2
  workers (LocalCluster, pipeline built at worker start, cluster start-up not counted), on the same documents;
* load_rows_per_s: grouped (GraphWriter.write_group, the default of load and ingest), one transaction per
  document (--group 1, the load before issue 18) and the naive baseline (one row per auto-commit round trip),
  each into an emptied graph from the same facts files;
* bulk_rows_per_s: `load --bulk` (db/bulk.py) from the same facts into the emptied database: the same rows,
  over the seconds of building the graph in memory, writing the CSVs, stopping the server, neo4j-admin import,
  starting it, schema and the settling steps (each part also on its own, bulk_*_s);
* e2e: `graphbuild extract --workers 2 -o DIR` then `graphbuild load DIR` on the --e2e-docs corpus, as a user
  runs them (processes started by the commands included), and the same facts through `load --bulk`.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import run as bench  # benchmarks/run.py: wipe, naive_load, timed_writer_class, say

ROOT = Path(__file__).resolve().parent.parent
GRAPHBUILD = str(Path(sys.executable).with_name("graphbuild"))


def extraction_rates(paths: list[str]) -> dict:
    from graphbuild.pipeline import extract_many
    from graphbuild.scale.extract import ClusterSpec, close_client, open_client, run_on_cluster

    out = {"extract_docs": len(paths)}
    extract_many(paths[:2], workers=1)  # the pipeline built before the clock starts, as the workers' is
    t = time.perf_counter()
    extract_many(paths, workers=1)
    out["single_process_docs_per_s"] = round(len(paths) / (time.perf_counter() - t), 2)
    for workers in (1, 2):
        client = open_client(ClusterSpec(workers=workers))
        try:
            client.wait_for_workers(workers)
            t = time.perf_counter()
            run_on_cluster(client, paths, lambda i, r: None)
            out[f"dask_{workers}_workers_docs_per_s"] = round(len(paths) / (time.perf_counter() - t), 2)
        finally:
            close_client(client)
        bench.say(f"extract: {out}")
    out["dask_2_over_1"] = round(out["dask_2_workers_docs_per_s"] / out["dask_1_workers_docs_per_s"], 2)
    return out


def load_rates(driver, facts: Path) -> dict:
    from graphbuild.db.reference import curated_org_ids
    from graphbuild.db.rows import document_rows
    from graphbuild.gazetteer import load_gazetteer
    from graphbuild.resolve import Resolver
    from graphbuild.scale.facts import read_facts
    from graphbuild.scale.run import load_facts

    out = {}
    for label, group in (("grouped", None), ("per_document", 1)):
        bench.wipe(driver)
        writer = bench.timed_writer_class()(driver, group_docs=group)
        t = time.perf_counter()
        report = load_facts([facts], writer)
        out[f"load_{label}_s"] = round(time.perf_counter() - t, 1)
        assert report.ok, report.failed[:3]
        out[f"{label}_rows_per_s"] = round(writer.rows / writer.seconds)
        out["load_rows"] = writer.rows
        bench.say(f"load {label}: {writer.rows} rows in {writer.seconds:.1f} s of writing")
    gaz = load_gazetteer()
    extracted = [e for e, _, err in read_facts([facts]) if not err]
    resolved = Resolver(gaz).resolve_all([e.facts for e in extracted[:50]]).documents
    rows = [document_rows(r, curated_org_ids(gaz), e.layout, e.encoding, e.line_count, e.page_starts)
            for e, r in zip(extracted, resolved)]
    bench.wipe(driver)
    from graphbuild.db.load import GraphWriter
    GraphWriter(driver).load_reference_data(gaz)
    n, seconds = bench.naive_load(driver, rows)
    out["naive_rows_per_s"] = round(n / seconds)
    out["grouped_over_per_document"] = round(out["grouped_rows_per_s"] / out["per_document_rows_per_s"], 2)
    return out


def bulk_rate(driver, server, facts: Path) -> dict:
    """load --bulk from the same facts into the emptied database (the server is stopped and started again)."""
    from graphbuild.db.bulk import BulkTimes
    from graphbuild.scale.run import bulk_load_facts

    bench.wipe(driver)
    times = BulkTimes()
    t = time.perf_counter()
    report = bulk_load_facts([facts], server, times=times, echo=lambda m: None)
    total = time.perf_counter() - t
    assert report.ok, report.failed[:3]
    driver.execute_query("RETURN 1")  # the server was restarted: a managed (retried) query renews the pool
    out = {"bulk_rows": times.rows, "bulk_nodes": times.nodes, "bulk_relationships": times.relationships,
           "bulk_rows_per_s": round(times.rows / times.seconds), "bulk_s": round(times.seconds, 1),
           "bulk_with_resolution_s": round(total, 1), "bulk_build_s": round(times.build, 1),
           "bulk_csv_s": round(times.csv, 1), "bulk_import_s": round(times.import_, 1),
           "bulk_after_s": round(times.after, 1)}
    bench.say(f"load --bulk: {out}")
    return out


def end_to_end(docs: int, workdir: Path, env: dict) -> dict:
    """The commands a user runs, on a corpus of `docs` documents (generated unless already in workdir)."""
    import corpus as corpus_mod

    folder = workdir / f"corpus-{docs}"
    if not (folder / "truth.json").exists():
        corpus_mod.generate(docs, folder)
    facts = workdir / f"facts-{docs}"
    out = {"e2e_docs": docs, "e2e_mb": round(sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6, 1)}
    cmd_env = {**os.environ, **env}
    t = time.perf_counter()
    subprocess.run([GRAPHBUILD, "extract", str(folder), "--workers", "2", "-o", str(facts), "--no-progress"],
                   env=cmd_env, check=False, capture_output=True)
    out["e2e_extract_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    done = subprocess.run([GRAPHBUILD, "load", str(facts), "--no-progress"], env=cmd_env, capture_output=True,
                          text=True)
    out["e2e_load_s"] = round(time.perf_counter() - t, 1)
    out["e2e_load_output"] = done.stdout.strip().splitlines()[:2]
    out["e2e_docs_per_s"] = round(docs / (out["e2e_extract_s"] + out["e2e_load_s"]), 2)
    bench.say(f"end to end: {out}")
    return out


def end_to_end_bulk(docs: int, workdir: Path, server, driver) -> dict:
    """The e2e corpus's facts again, through `load --bulk` into the emptied database."""
    from graphbuild.scale.run import bulk_load_facts

    bench.wipe(driver)
    t = time.perf_counter()
    report = bulk_load_facts([workdir / f"facts-{docs}"], server, echo=lambda m: None)
    out = {"e2e_bulk_load_s": round(time.perf_counter() - t, 1), "e2e_bulk_loaded": len(report.loaded)}
    driver.execute_query("RETURN 1")
    bench.say(f"end to end, load --bulk: {out}")
    return out


def measure(driver, env: dict, workdir: Path, paths: list[str], extract_docs: int, e2e_docs: int,
            server=None) -> dict:
    """Every figure of the scaling section, on the run's corpus (`paths`) and an e2e corpus."""
    from graphbuild.scale.extract import ClusterSpec
    from graphbuild.scale.run import run_extract

    load_before = os.getloadavg()[0]
    out = extraction_rates(paths[:extract_docs])
    facts = workdir / "facts"
    t = time.perf_counter()
    run, _ = run_extract(paths, str(facts), ClusterSpec(workers=2))
    out["extract_all_s"] = round(time.perf_counter() - t, 1)
    assert not run.failed, run.failed[:3]
    out.update(load_rates(driver, facts))
    out.update(bulk_rate(driver, server, facts))
    out["bulk_over_grouped"] = round(out["bulk_rows_per_s"] / out["grouped_rows_per_s"], 1)
    if e2e_docs:
        bench.wipe(driver)
        out.update(end_to_end(e2e_docs, workdir, env))
        out.update(end_to_end_bulk(e2e_docs, workdir, server, driver))
    # The machine's 1-minute load average before and after: other work on the same cores skews every figure.
    out["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    out["cores"] = os.cpu_count()
    return out
