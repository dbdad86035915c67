#!/usr/bin/env python
"""Load test: concurrent clients run the saved reports while an ingest writes to the same graph.

    scripts/load_test.py --seconds 30 --clients 8

Each client loops over every saved report (queries/ plus --reports-dir), with the example
parameters from its header, through graphbuild.db.reports (READ transactions). Meanwhile one
writer ingests fresh copies of the samples (each copy differs by trailing blank lines, so it
is a new document) into the same graph, round after round. At the end it prints requests,
errors, p50/p95 latency (overall and per report) and exits 1 on any error, on a report that
was never answered, or when the ingest failed. The copies it ingested are retracted again
unless --keep is given.

The database is found by graphbuild's connection rule (--uri/--user/--password/--database,
then NEO4J_URI/..., then the local server of `graphbuild neo4j start`).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.db.connection import open_driver, resolve_settings  # noqa: E402
from graphbuild.errors import GraphbuildError  # noqa: E402
from graphbuild.db.load import GraphWriter  # noqa: E402
from graphbuild.pipeline import ingest  # noqa: E402
from graphbuild.db.reports import list_reports, run_report  # noqa: E402

SAMPLES = ROOT / "data" / "samples"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30, help="how long the clients run (default 30)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent report clients (default 8)")
    ap.add_argument("--samples", default=str(SAMPLES), help="folder of documents to copy and ingest")
    ap.add_argument("--reports-dir", action="append", default=[], help="extra reports folder")
    ap.add_argument("--no-ingest", action="store_true", help="only the report clients, no concurrent ingest")
    ap.add_argument("--keep", action="store_true", help="keep the ingested copies in the graph")
    ap.add_argument("--uri")
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--database")
    args = ap.parse_args(argv)

    try:
        settings = resolve_settings(args.uri, args.user, args.password, args.database)
        driver = open_driver(settings)
    except GraphbuildError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    reports = list_reports(args.reports_dir)
    print(f"load test: {args.clients} clients x {len(reports)} reports for {args.seconds:g} s against "
          f"{settings.uri}" + ("" if args.no_ingest else ", with a concurrent ingest"), flush=True)

    lock = threading.Lock()
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    failed_names: set[str] = set()
    stop = threading.Event()

    def client(k: int) -> None:
        i = k  # clients start at different reports
        while True:
            if stop.is_set():
                # After the time is up, finish the reports nobody has answered yet (every report must be).
                with lock:
                    pending = [r for r in reports if not latencies.get(r.name) and r.name not in failed_names]
                if not pending:
                    return
                r = pending[k % len(pending)]
            else:
                r = reports[i % len(reports)]
                i += 1
            t = time.perf_counter()
            try:
                run_report(driver, r, r.example_params(), settings.database)
            except Exception as exc:  # every failure counts; the test wants none
                with lock:
                    failed_names.add(r.name)
                    errors.append(f"{r.name}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
                continue
            with lock:
                latencies[r.name].append(time.perf_counter() - t)

    ingest_state = {"rounds": 0, "loaded": 0, "failed": [], "doc_ids": []}
    workdir = Path(tempfile.mkdtemp(prefix="graphbuild-load-"))

    def writer() -> None:
        sources = sorted(Path(args.samples).glob("*.txt"))
        w = GraphWriter(driver, settings.database)
        while not stop.is_set():
            n = ingest_state["rounds"]
            folder = workdir / f"round{n:03d}"
            folder.mkdir()
            for src in sources:
                (folder / src.name).write_bytes(src.read_bytes() + b"\n" * (n + 1))
            try:
                report = ingest([str(folder)], w, workers=1)
            except Exception as exc:
                ingest_state["failed"].append(f"round {n}: {type(exc).__name__}: {exc}")
                return
            ingest_state["rounds"] += 1
            ingest_state["loaded"] += len(report.loaded)
            ingest_state["failed"] += [f"{p}: {why}" for p, why in report.failed]
            if report.aborted:
                ingest_state["failed"].append(report.aborted)
            from graphbuild.pipeline import file_digest
            ingest_state["doc_ids"] += [file_digest(Path(p)) for p in report.loaded]

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(args.clients)]
    if not args.no_ingest:
        threads.append(threading.Thread(target=writer, daemon=True))
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    time.sleep(args.seconds)
    stop.set()
    for th in threads:
        th.join(timeout=300)
    wall = time.perf_counter() - t0

    if not args.keep and ingest_state["doc_ids"]:
        writer = GraphWriter(driver, settings.database)
        for doc_id in ingest_state["doc_ids"]:
            writer.retract_document(doc_id)  # settles the shared nodes the copies had a say in
    shutil.rmtree(workdir, ignore_errors=True)
    driver.close()

    everything = [x for v in latencies.values() for x in v]
    requests = len(everything) + len(errors)
    print(f"requests: {requests} in {wall:.1f} s ({requests / wall:.1f}/s)")
    print(f"errors: {len(errors)}")
    print(f"latency: p50 {percentile(everything, 50) * 1000:.1f} ms, p95 {percentile(everything, 95) * 1000:.1f} ms")
    width = max(len(r.name) for r in reports)
    for r in reports:
        v = latencies.get(r.name, [])
        print(f"  {r.name:<{width}}  {len(v):>6} answered  p50 {percentile(v, 50) * 1000:8.1f} ms  "
              f"p95 {percentile(v, 95) * 1000:8.1f} ms")
    if not args.no_ingest:
        print(f"ingest: {ingest_state['rounds']} rounds, {ingest_state['loaded']} documents loaded, "
              f"{len(ingest_state['failed'])} failed" + ("" if args.keep else " (copies retracted again)"))
    for e in errors[:20]:
        print(f"error: {e}", file=sys.stderr)
    for e in ingest_state["failed"][:20]:
        print(f"ingest error: {e}", file=sys.stderr)
    unanswered = [r.name for r in reports if not latencies.get(r.name)]
    if unanswered:
        print(f"never answered: {', '.join(unanswered)}", file=sys.stderr)
    bad = errors or unanswered or ingest_state["failed"] or (not args.no_ingest and ingest_state["loaded"] == 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
