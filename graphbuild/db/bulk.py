"""`graphbuild load --bulk`: the first load of a large corpus into an EMPTY local database, through Neo4j's
offline importer (`neo4j-admin database import full`, org.neo4j.cli.AdminTool, in the local server's jars).

1. Refuse, in one line, a server graphbuild does not run (NEO4J_URI elsewhere) or a database that is not empty.
2. Resolve as `load` does, build the rows the transactional load would send (db/rows.py), and apply them to an
   in-memory graph with the load statements' semantics (db/bulk_rows.py), in the same groups and order, with the
   same per-document fallback: a document a transaction would refuse fails alone and writes nothing.
3. Write the node and relationship CSVs (db/bulk_csv.py), stop the local server, import, start it again.
4. Constraints and indexes as `init-db`; then, transactionally, the steps that read the whole graph: empty
   lists, the settled values of shared items (cypher/settle_*.cypher) and membership dates
   (cypher/membership_bounds.cypher).  Later loads are transactional, as always.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..errors import GraphbuildError
from . import grouped
from .bulk_csv import ARRAY_DELIMITER_OPTION, CsvFiles, write_csv
from .bulk_graph import Graph, RowRefused
from .bulk_rows import EMULATED, apply_rows, statement_digest
from .rows import DocumentRows
from .statements import statement

IMPORT_MAIN = "org.neo4j.cli.AdminTool"
SETTLE_BATCH = 5_000
BOUNDS_BATCH = 200  # organisations per membership_bounds call


class BulkRefused(GraphbuildError):
    pass


@dataclass
class BulkGraph:
    """What the documents write: the graph, which loaded, which failed (path, reason), and the rows sent."""

    graph: Graph
    loaded: list[int] = field(default_factory=list)  # indexes into the documents given
    failed: list[tuple[int, str]] = field(default_factory=list)
    rows: int = 0
    org_ids: set = field(default_factory=set)


def check_statements() -> None:
    """Refuse when a load statement changed since its bulk form was written (db/bulk_rows.py EMULATED)."""
    changed = sorted(name for name, digest in EMULATED.items() if statement_digest(name) != digest)
    if changed:
        raise BulkRefused(f"load --bulk: cypher/{changed[0]}.cypher changed since its bulk form "
                          f"(graphbuild/db/bulk_rows.py) was written; use `graphbuild load`")


# ------------------------------------------------------------------ 2. the graph, in memory
def build_graph(docs: list[DocumentRows], gazetteer, group_docs: Optional[int] = None) -> BulkGraph:
    """Reference data, then the documents in the groups and order the transactional load uses."""
    from .reference import reference_rows

    out = BulkGraph(Graph())
    regions, municipalities, orgs = reference_rows(gazetteer)
    for name, rows in (("reference_regions", regions), ("reference_municipalities", municipalities),
                       ("load_organizations", orgs)):
        apply_rows(out.graph, name, rows)
    plan = grouped.plan_groups([d.row_count() for d in docs], grouped.GROUP_ROWS, group_docs or grouped.GROUP_DOCS)
    for unit in plan:
        if len(unit) > 1 and _apply_group(out.graph, [docs[i] for i in unit]):
            out.loaded.extend(unit)
            continue
        for i in unit:
            reason = _apply_document(out.graph, docs[i])
            if reason:
                out.failed.append((i, reason))
            else:
                out.loaded.append(i)
    for i in out.loaded:
        out.rows += docs[i].row_count()
        out.org_ids.update(docs[i].org_ids)
    out.loaded.sort()
    return out


def _apply_group(g: Graph, docs: list[DocumentRows]) -> bool:
    g.begin()
    try:
        for name, rows in grouped.merged_rows(docs):
            apply_rows(g, name, rows)
    except RowRefused:
        g.rollback()
        return False
    g.commit()
    return True


def _apply_document(g: Graph, doc: DocumentRows) -> str:
    """'' when written, else why not (and nothing of it stays)."""
    g.begin()
    try:
        for name, rows in doc.batches:
            apply_rows(g, name, rows, doc_id=doc.doc_id)
    except RowRefused as exc:
        g.rollback()
        return f"load check failed: {exc}"
    g.commit()
    return ""


# ------------------------------------------------------------------ 3. the import
def import_command(local, csv: CsvFiles, database: str, report_file: Path) -> list[str]:
    from .runtime import JVM_FLAGS

    heap = os.environ.get("GRAPHBUILD_NEO4J_HEAP", "2g")
    return [local._java(), f"-Xmx{heap}", *JVM_FLAGS, "-cp", local.classpath(), IMPORT_MAIN,
            "database", "import", "full", *[f"--nodes={p}" for p in csv.nodes],
            *[f"--relationships={p}" for p in csv.relationships], "--id-type=integer",
            f"--array-delimiter={ARRAY_DELIMITER_OPTION}", "--multiline-fields=true",
            "--overwrite-destination=true", f"--report-file={report_file}", database]


def run_import(local, csv: CsvFiles, database: str, work: Path) -> None:
    """neo4j-admin database import full, into the (stopped) local server's store; its output in work/import.log."""
    from .runtime import _last_log_line

    log_path = work / "import.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["NEO4J_HOME"] = str(local.neo4j_dir)
    with open(log_path, "wb") as log:
        rc = subprocess.run(import_command(local, csv, database, work / "import.report"), stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT, cwd=str(work), env=env).returncode
    if rc != 0 or "IMPORT DONE" not in log_path.read_text(encoding="utf-8", errors="replace"):
        raise GraphbuildError(f"neo4j-admin import failed (exit {rc}): {_last_log_line(log_path)} (see {log_path})")


# ------------------------------------------------------------------ 4. after the import
def after_import(driver, database: Optional[str], bulk: BulkGraph) -> None:
    """Schema as init-db, empty lists, settled shared items and membership dates, as the transactional load."""
    from .load import GraphWriter, electoral_terms, settle_rows

    GraphWriter(driver, database).apply_schema(force=True)
    with driver.session(database=database) as s:
        for name in ("bulk_empty_lists_nodes", "bulk_empty_lists_relationships"):
            s.run(statement(name)).consume()
    keys = {"settle_agenda_items": "AgendaItem", "settle_decisions": "Decision", "settle_meetings": "Meeting"}
    for name, label in keys.items():
        ids = sorted(k for (lab, k) in bulk.graph.nodes if lab == label)
        for start in range(0, len(ids), SETTLE_BATCH):
            rows = settle_rows(set(ids[start:start + SETTLE_BATCH]))
            _write(driver, database, name, rows=rows)
    orgs = sorted(bulk.org_ids)
    for start in range(0, len(orgs), BOUNDS_BATCH):
        _write(driver, database, "membership_bounds", org_ids=orgs[start:start + BOUNDS_BATCH], terms=electoral_terms())


def _write(driver, database, name: str, **params) -> None:
    with driver.session(database=database) as s:
        s.execute_write(lambda tx: tx.run(statement(name), **params).consume())


def node_count(driver, database: Optional[str]) -> int:
    with driver.session(database=database) as s:
        return s.run(statement("bulk_node_count")).single()["n"]


# ------------------------------------------------------------------ the whole run
@dataclass
class BulkTimes:
    build: float = 0.0  # resolve + rows + in-memory graph (s)
    csv: float = 0.0
    import_: float = 0.0  # stop, neo4j-admin import, start
    after: float = 0.0  # schema, settle, membership dates
    rows: int = 0  # the rows of the documents imported (what the transactional load would send)
    nodes: int = 0
    relationships: int = 0

    @property
    def seconds(self) -> float:
        return self.build + self.csv + self.import_ + self.after


def bulk_import(local, docs: list[DocumentRows], gazetteer, database: Optional[str] = None,
                group_docs: Optional[int] = None, echo: Callable[[str], object] = print,
                times: Optional[BulkTimes] = None) -> BulkGraph:
    """Build, write, import and finish; the local server runs again afterwards (also when the import failed)."""
    from .connection import ConnectionSettings, open_driver

    times = times if times is not None else BulkTimes()
    check_statements()
    t0 = time.monotonic()
    bulk = build_graph(docs, gazetteer, group_docs)
    times.build += time.monotonic() - t0
    work = Path(tempfile.mkdtemp(prefix="bulk-import-", dir=local.neo4j_dir))
    try:
        t0 = time.monotonic()
        csv = write_csv(bulk.graph, work)
        times.csv = time.monotonic() - t0
        echo(f"load --bulk: {csv.node_count} nodes and {csv.relationship_count} relationships in "
             f"{len(csv.nodes) + len(csv.relationships)} CSV files; stopping the local Neo4j to import them")
        t0 = time.monotonic()
        local.stop()
        try:
            run_import(local, csv, database or "neo4j", work)
        finally:
            local.start(echo=echo)
        times.import_ = time.monotonic() - t0
        shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        echo(f"load --bulk: the CSV files and the importer's log stay in {work}")
        raise
    t0 = time.monotonic()
    creds = local.identified_credentials()
    driver = open_driver(ConnectionSettings(creds.uri, creds.user, creds.password, database, "local server"))
    try:
        after_import(driver, database, bulk)
    finally:
        driver.close()
    times.after = time.monotonic() - t0
    times.rows, times.nodes, times.relationships = bulk.rows, len(bulk.graph.nodes), len(bulk.graph.rels)
    return bulk
