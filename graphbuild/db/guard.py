"""What a user's own statement (`graphbuild query`, a saved or user report) may do.

READ access mode already stops writes. It does not stop `LOAD CSV` (host files, requests to local
services), transaction management (`SHOW/TERMINATE TRANSACTIONS` ends other users' work),
administration commands, or procedures such as `db.clearQueryCaches()`. So before a statement runs,
the server plans it (`EXPLAIN`: nothing is executed) and the plan's operators are checked: the
server's own parser decides what the statement does, so a comment or a string literal that mentions
`LOAD CSV` neither defeats nor trips the check. A statement the server cannot plan is not run.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..errors import GraphbuildError

# Read-only procedures a report or a user may call (schema introspection and full-text search).
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.info", "dbms.components",
})
# SHOW commands that only describe this database's schema.
ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})


class StatementRefused(GraphbuildError):
    """A user statement does something `query` and reports must not do."""


def _operators(plan) -> Iterable[tuple[str, str, str]]:
    """(operator type, the database after its '@', details) of every operator of a plan tree."""
    stack = [plan]
    while stack:
        p = stack.pop()
        if p is None:
            continue
        if isinstance(p, dict):
            op, args, children = p.get("operatorType", ""), p.get("args", {}) or {}, p.get("children", []) or []
        else:  # neo4j.work.summary.Plan-like objects
            op, args, children = getattr(p, "operator_type", ""), getattr(p, "arguments", {}) or {}, \
                getattr(p, "children", []) or []
        name, _, database = op.partition("@")
        yield name, database, str(args.get("Details", ""))
        stack.extend(children)


def _procedure_name(details: str) -> str:
    """'db.labels() :: (label :: STRING)' -> 'db.labels'."""
    return details.split("(", 1)[0].strip()


def refusal(plan) -> Optional[str]:
    """Why a planned statement must not run (one phrase), or None when it may."""
    for op, database, details in _operators(plan):
        if op == "LoadCSV":
            return "LOAD CSV is not allowed here (it reads files and URLs from the server's side)"
        if op in ("ShowTransactions", "TerminateTransactions"):
            return "transaction management (SHOW/TERMINATE TRANSACTIONS) is not allowed here"
        if op == "AdministrationCommand" or op.startswith("Terminate") or database == "system":
            return f"administration commands are not allowed here ({op})"
        if op.startswith("Show") and op not in ALLOWED_SHOW:
            what = "SHOW " + "".join(" " + c if c.isupper() else c for c in op[4:]).strip().upper()
            return f"{what} is not allowed here"
        if op == "ProcedureCall":
            name = _procedure_name(details)
            if name not in ALLOWED_PROCEDURES:
                return (f"procedure {name} is not on the allow-list "
                        f"({', '.join(sorted(ALLOWED_PROCEDURES))})")
    return None
