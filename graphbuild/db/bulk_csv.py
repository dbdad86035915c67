"""The in-memory graph (db/bulk_graph.py) as the node and relationship CSVs of `neo4j-admin database import full`.

One file per label set (nodes) or type (relationships) and set of typed properties, with its header on
the first line: Neo4j's importer gives every value of a column the column's type.  Strings are always
quoted, so an empty string stays an empty string; an absent property is an empty field.  The importer
cannot write an empty list, so a node's or relationship's empty lists are named in the property
EMPTY_LISTS, set to [] after the import (cypher/bulk_empty_lists_*.cypher).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GraphbuildError
from .bulk_graph import Graph

ARRAY_DELIMITER = "\x1f"  # the unit separator: never in a name, a quote or an id (checked)
ARRAY_DELIMITER_OPTION = "U+001F"
EMPTY_LISTS = "_bulk_empty_lists"


def column_type(value) -> str:
    """The importer's type of a value ('' for an empty list)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, (list, tuple)):
        if not value:
            return ""
        kinds = {column_type(v) for v in value}
        if len(kinds) == 1 and next(iter(kinds)) in ("boolean", "long", "double", "string", "date"):
            return next(iter(kinds)) + "[]"
    raise GraphbuildError(f"load --bulk: cannot write the value {value!r} ({type(value).__name__}) to a CSV")


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def field_text(value) -> str:
    """One CSV field: a string or list quoted (quotes doubled), a number or date as is, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        parts = [_scalar(v) for v in value]
        if any(ARRAY_DELIMITER in p for p in parts):
            raise GraphbuildError("load --bulk: a list value holds the array delimiter U+001F")
        return '"' + ARRAY_DELIMITER.join(parts).replace('"', '""') + '"'
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return _scalar(value)


def typed_props(props: dict) -> tuple[tuple, dict]:
    """(the signature: sorted (key, type) pairs, the values by key) with empty lists named in EMPTY_LISTS."""
    empty = sorted(k for k, v in props.items() if isinstance(v, (list, tuple)) and not v)
    values = {k: v for k, v in props.items() if k not in empty}
    if empty:
        values[EMPTY_LISTS] = empty
    return tuple(sorted((k, column_type(v)) for k, v in values.items())), values


@dataclass
class CsvFiles:
    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0


class _Sink:
    """Open CSV files by (kind, signature), each with its header."""

    def __init__(self, folder: Path, prefix: str, fixed: list[str]):
        self.folder, self.prefix, self.fixed = folder, prefix, fixed
        self.files: dict[tuple, tuple[Path, object]] = {}

    def write(self, group: tuple, signature: tuple, fixed_fields: list[str], values: dict) -> None:
        key = (group, signature)
        if key not in self.files:
            path = self.folder / f"{self.prefix}-{len(self.files):04d}.csv"
            fh = open(path, "w", encoding="utf-8", newline="")
            fh.write(",".join(self.fixed + [f"{k}:{t}" for k, t in signature]) + "\n")
            self.files[key] = (path, fh)
        fh = self.files[key][1]
        fh.write(",".join(fixed_fields + [field_text(values[k]) for k, _ in signature]) + "\n")

    def close(self) -> list[Path]:
        for _, fh in self.files.values():
            fh.close()
        return [path for path, _ in self.files.values()]


def write_csv(graph: Graph, folder: Path) -> CsvFiles:
    """Write the graph's nodes and relationships as CSV files in `folder` (which must exist)."""
    ids = {key: i for i, key in enumerate(graph.nodes)}
    nodes = _Sink(folder, "nodes", [":ID", ":LABEL"])
    for key, node in graph.nodes.items():
        labels = tuple(sorted(node.labels))
        signature, values = typed_props(node.props)
        nodes.write(labels, signature, [str(ids[key]), field_text(list(labels))], values)
    rels = _Sink(folder, "relationships", [":START_ID", ":END_ID", ":TYPE"])
    for (rel_type, start, end, _), props in graph.rels.items():
        signature, values = typed_props(props)
        rels.write((rel_type,), signature, [str(ids[start]), str(ids[end]), field_text(rel_type)], values)
    return CsvFiles(nodes.close(), rels.close(), len(graph.nodes), len(graph.rels))
