"""Grouped loading: the rows of many documents in one transaction, one round trip per statement.

Pure helpers for GraphWriter.write_group (load.py).  A load statement (cypher/load_*.cypher) names the
document it writes as the parameter $doc_id; its grouped form reads the id from each row instead
(`r.doc_id`, the row's document), so one `UNWIND $rows` call writes the rows of every document of the
group.  Same file, same MERGE keys, same properties: only where the id comes from differs.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import GraphbuildError
from .rows import DocumentRows
from .statements import statement

GROUP_ROWS = 20_000  # rows per grouped transaction (a few MB of parameters; Neo4j's guidance: 10k-50k)
GROUP_DOCS = 1_000  # and at most this many documents in one
_UNWIND = re.compile(r"^\s*UNWIND\s+\$rows\s+AS\s+r\b", re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=None)
def grouped_statement(name: str) -> str:
    """cypher/<name>.cypher with the document id read from each row (r.doc_id) instead of $doc_id.

    Only a statement that reads $doc_id after its `UNWIND $rows AS r` can be grouped; any other is an error."""
    text = statement(name)
    if "$doc_id" not in text:
        return text
    m = _UNWIND.search(text)
    if not m or "$doc_id" in text[: m.start()]:
        raise GraphbuildError(f"cypher/{name}.cypher reads $doc_id outside `UNWIND $rows AS r`: cannot be grouped")
    return text[: m.end()] + text[m.end():].replace("$doc_id", "r.doc_id")


def statement_order(docs: list[DocumentRows]) -> list[str]:
    """Every statement the documents use, in an order that keeps each document's own order
    (a document's nodes before the relationships that MATCH them)."""
    order: list[str] = []
    for d in docs:
        at = 0
        for name, _ in d.batches:
            if name in order:
                at = max(at, order.index(name) + 1)
            else:
                order.insert(at, name)
                at += 1
    return order


def merged_rows(docs: list[DocumentRows]) -> list[tuple[str, list[dict]]]:
    """(statement, the rows of every document, each with its doc_id), in statement_order."""
    by_name: dict[str, list[dict]] = {}
    for d in docs:
        for name, rows in d.batches:
            by_name.setdefault(name, []).extend({**r, "doc_id": d.doc_id} for r in rows)
    return [(name, by_name[name]) for name in statement_order(docs)]


def plan_groups(sizes: list[int], max_rows: int = GROUP_ROWS, max_docs: int = GROUP_DOCS) -> list[range]:
    """Consecutive index ranges whose row counts add up to about `max_rows` (a bigger document alone)."""
    groups, start, rows = [], 0, 0
    for i, n in enumerate(sizes):
        if i > start and (rows + n > max_rows or i - start >= max_docs):
            groups.append(range(start, i))
            start, rows = i, 0
        rows += n
    if start < len(sizes):
        groups.append(range(start, len(sizes)))
    return groups
