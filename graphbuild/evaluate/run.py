"""Accuracy, the run: ingest a gold corpus into an EMPTY database, read the graph back through queries/eval/, score."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .normalise import EvalError
from .gold import load_gold_dir
from .corpus import EvalResult, score_corpus


# ------------------------------------------------------------------ running against Neo4j
QUERIES = ("documents", "meetings", "agenda_items", "attendance", "memberships", "persons", "bodies",
           "municipalities", "regions", "unresolved", "votes", "decisions")


def read_rows(driver, doc_ids: list[str], database: Optional[str] = None) -> dict[str, list[dict]]:
    """The graph's facts about these documents, through queries/eval/*.cypher (READ transactions)."""
    from ..db.reports import run_read
    from ..db.statements import eval_query

    out = {}
    for name in QUERIES:
        _, out[name] = run_read(driver, eval_query(name), {"doc_ids": doc_ids}, database)
    return out


def database_node_count(driver, database: Optional[str] = None) -> int:
    from ..db.reports import run_read
    from ..db.statements import eval_query

    _, rows = run_read(driver, eval_query("count_nodes"), {}, database)
    return int(rows[0]["nodes"]) if rows else 0


def wipe_database(driver, database: Optional[str] = None) -> None:
    from ..db.statements import statement

    with driver.session(database=database) as session:
        session.run(statement("eval_wipe")).consume()


def run_eval(gold_dir: str | Path, driver, database: Optional[str] = None, workers: Optional[int] = None) -> EvalResult:
    """Ingest the corpus' documents into the (empty) database behind `driver` and score the graph."""
    from ..db.load import GraphWriter
    from ..pipeline import file_digest, ingest

    golds = load_gold_dir(gold_dir)
    report = ingest([str(g.document) for g in golds], GraphWriter(driver, database), workers=workers)
    if report.aborted:
        raise EvalError(f"the ingest was cut off: {report.aborted}")
    by_path = {str(Path(p).resolve()): reason for p, reason in report.failed}
    refused = {g.name: by_path[str(g.document.resolve())] for g in golds if str(g.document.resolve()) in by_path}
    doc_ids = {g.name: file_digest(g.document) for g in golds}
    rows = read_rows(driver, sorted(set(doc_ids.values())), database)
    return score_corpus(golds, doc_ids, rows, refused, corpus=str(gold_dir))
