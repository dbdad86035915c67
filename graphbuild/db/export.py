"""`graphbuild export`: every node label and relationship type as CSV or JSON files.

Nodes: one file per label (nodes_<Label>.csv) with `key` plus every property.
Relationships: one file per type (rels_<TYPE>.csv) with start/end keys and labels plus
every property (provenance included), so a spreadsheet or pandas user sees history.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Optional

import neo4j

from ..output import plain
from .statements import statement

def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def _write(path: Path, fmt: str, rows: list[dict]) -> None:
    if fmt == "json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    columns: list[str] = []
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in r.items()})


def export_graph(driver: neo4j.Driver, directory: Path, fmt: str = "csv", database: Optional[str] = None):
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
        labels = sorted(r["label"] for r in s.run(statement("export_labels")))
        types = sorted(r["relationshipType"] for r in s.run(statement("export_relationship_types")))
        for label in labels:
            rows = [dict(key=r["key"], labels=";".join(r["labels"]), **plain(r["props"])) for r in s.run(statement("export_nodes"), label=label)]
            _write(directory / f"nodes_{_safe(label)}.{fmt}", fmt, rows)
            written.append((f"nodes_{label}.{fmt}", len(rows)))
        for rtype in types:
            rows = [dict(start_key=r["start_key"], start_labels=";".join(r["start_labels"]), end_key=r["end_key"],
                         end_labels=";".join(r["end_labels"]), **plain(r["props"])) for r in s.run(statement("export_relationships"), type=rtype)]
            _write(directory / f"rels_{_safe(rtype)}.{fmt}", fmt, rows)
            written.append((f"rels_{rtype}.{fmt}", len(rows)))
    return written
