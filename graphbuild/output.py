"""Rows -> table, CSV or JSON, the way a person or a spreadsheet wants them."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any, Iterable, Sequence

FORMATS = ("table", "csv", "json")
CELL_MAX = 60


def plain(value: Any) -> Any:
    """Neo4j values -> JSON-friendly Python values."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "labels") and hasattr(value, "items"):  # Node
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if hasattr(value, "type") and hasattr(value, "items"):  # Relationship
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    return str(value)


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text.replace("\n", " ")


def render(columns: Sequence[str], rows: Iterable[dict], fmt: str = "table") -> str:
    rows = [{c: plain(r.get(c)) for c in columns} for r in rows]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r[c]) for c in columns])
        return buf.getvalue().rstrip("\n")
    cells = [[_cell(r[c]) for c in columns] for r in rows]
    cells = [[c if len(c) <= CELL_MAX else c[: CELL_MAX - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join([line.rstrip(), sep] + body + [f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])
