"""What `graphbuild extract` and `graphbuild load` do, apart from the command line (cli/ingest.py).

extract: find the documents (folders, globs, a file list), run them on Dask (or in this process when there
are few), write the facts.  load: read facts files, skip what the graph already holds, resolve, load in
groups (pipeline.load_extracted, shared with ingest).
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..model import Hints
from ..pipeline import PARALLEL_FROM, Discovery, IngestReport, discover, document_path, extract_one

GLOB_CHARS = set("*?[")


def expand(paths: Iterable[str], files_from: Optional[Iterable[str]] = None) -> list[str]:
    """The paths as given, globs expanded (for patterns the shell did not expand: quoted, or too many
    files for one command line), plus the lines of a file list."""
    out = []
    for p in list(paths) + [ln.strip() for ln in (files_from or ()) if ln.strip() and not ln.startswith("#")]:
        if GLOB_CHARS & set(p) and not os.path.lexists(p):
            matches = sorted(glob.glob(p, recursive=True))
            out.extend(matches or [p])  # no match: discover says "no such file or directory"
        else:
            out.append(p)
    return out


@dataclass
class ExtractRun:
    found: Discovery
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    written: int = 0
    where: str = ""  # the cluster it ran on ("" when in this process)
    manifest: Optional[Path] = None


def run_extract(paths: list[str], output: Optional[str], spec, hints: Optional[Hints] = None,
                progress: Optional[Callable[[int], None]] = None, chunk_docs: Optional[int] = None,
                on_chunk_done: Optional[Callable[[int], None]] = None) -> tuple[ExtractRun, str]:
    """Extract every document found; (the run, the JSON lines text when `output` is not a folder)."""
    from .extract import CHUNK_DOCS, LinesCollector, PartitionWriter, close_client, open_client, run_on_cluster

    run = ExtractRun(discover(paths))
    files = [document_path(f) for f in run.found.files]
    to_folder = is_folder_output(output)
    sink = PartitionWriter(Path(output), _sizes(files)) if to_folder else LinesCollector()

    def on_chunk(index, results):
        sink(index, results)
        for e in results:
            if e.error:
                run.failed.append((e.path, e.error))
            else:
                run.written += 1
                run.warnings.extend((e.path, w) for w in e.warnings)
        if progress:
            progress(len(results))
        if on_chunk_done:
            on_chunk_done(index)

    if spec.scheduler or len(files) >= PARALLEL_FROM:
        client = open_client(spec)
        try:
            run.where = spec.describe()
            run_on_cluster(client, files, on_chunk, hints, chunk_docs or CHUNK_DOCS)
        finally:
            close_client(client)
    elif files:
        from ..gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        for i, f in enumerate(files):
            on_chunk(i, [extract_one(f, hints, gazetteer)])
    run.failed = sorted(run.failed) + list(run.found.problems)
    if to_folder:
        run.manifest = sink.finish(run.found.problems)
        return run, ""
    return run, sink.text()


def is_folder_output(output: Optional[str]) -> bool:
    """-o names a folder (partitions + manifest) when it is one, ends with a slash or has no file suffix."""
    return bool(output) and (os.path.isdir(output) or output.endswith(("/", os.sep)) or not Path(output).suffix)


def check_folder_output(output: str) -> None:
    """Fail before any work when the facts folder cannot be made (its parent missing or read-only)."""
    from ..errors import GraphbuildError, printable

    parent = os.path.dirname(os.path.abspath(output.rstrip("/")))
    if not os.path.isdir(parent):
        raise GraphbuildError(f"cannot write {printable(output)}: folder {printable(parent)} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (os.path.isdir(output) and not os.access(output, os.W_OK)):
        raise GraphbuildError(f"cannot write {printable(output)}: no permission to write there")


def _sizes(files: list[str]) -> dict[str, int]:
    out = {}
    for f in files:
        try:
            out[f] = os.stat(f).st_size
        except OSError:
            pass
    return out


def load_facts(paths: Iterable[str], writer, gazetteer=None, judgements=None,
               progress: Optional[Callable[[str], None]] = None) -> IngestReport:
    """Facts files -> the graph: what ingest does after extracting, with the same outcome."""
    from ..gazetteer import load_gazetteer
    from ..pipeline import document_states, load_extracted

    gazetteer = gazetteer or load_gazetteer()
    report = IngestReport()
    records = read_records(paths, report)
    writer.apply_schema()
    writer.load_reference_data(gazetteer)
    todo, previous = document_states([dict(doc_id=e.doc_id, path=e.path) for e in records], report, writer, progress)
    todo = set(todo)
    return load_extracted([e for e in records if e.path in todo], previous, report, writer, gazetteer,
                          judgements, progress)


def read_records(paths: Iterable[str], report) -> list:
    """The documents of the facts files, each path once (two extract runs given); bad lines to report.failed."""
    from .facts import read_facts

    records, seen = [], set()
    for e, where, error in read_facts(paths):
        if error:
            report.failed.append((where, error))
        elif e.path not in seen:
            seen.add(e.path)
            records.append(e)
    return records


def bulk_load_facts(paths: Iterable[str], local, database: Optional[str] = None, gazetteer=None, judgements=None,
                    group_docs: Optional[int] = None, echo: Callable[[str], object] = print, times=None):
    """Facts files -> an EMPTY local database through Neo4j's offline importer (db/bulk.py): the graph
    `load` would write.  BulkRefused when the database holds anything."""
    from ..db.bulk import BulkRefused, bulk_import, node_count
    from ..db.connection import ConnectionSettings, open_driver
    from ..db.reference import curated_org_ids
    from ..db.rows import document_rows
    from ..gazetteer import load_gazetteer
    from ..resolve import load_judgements, resolve

    creds = local.identified_credentials()
    driver = open_driver(ConnectionSettings(creds.uri, creds.user, creds.password, database, "local server"))
    try:
        held = node_count(driver, database)
    finally:
        driver.close()
    if held:
        raise BulkRefused(f"load --bulk imports into an empty database only; {creds.uri} holds {held} nodes "
                          f"(use `graphbuild load` to add to it)")
    gazetteer = gazetteer or load_gazetteer()
    report = IngestReport()
    records = read_records(paths, report)
    resolution = resolve([e.facts for e in records], gazetteer, (), judgements or load_judgements())
    curated = curated_org_ids(gazetteer)
    docs = [document_rows(r, curated, e.layout, e.encoding, e.line_count, page_starts=e.page_starts)
            for e, r in zip(records, resolution.documents)]
    bulk = bulk_import(local, docs, gazetteer, database, group_docs, echo, times)
    for i in bulk.loaded:
        report.loaded.append(records[i].path)
        report.people_resolved += len(resolution.documents[i].person_of)
        report.mentions_unresolved += len(resolution.documents[i].unresolved)
    report.failed += [(records[i].path, reason) for i, reason in bulk.failed]
    report.nodes_created = len(bulk.graph.nodes)
    report.relationships_created = len(bulk.graph.rels)
    return report
