"""What a page is: a title, a template, what the template shows, and its data as named tables (the same
tables the page's CSV and JSON give)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class NotFound(Exception):
    """No such person, body, municipality, meeting or document: a 404 page."""


@dataclass
class Table:
    columns: list[str]
    rows: list[dict]

    def plain_rows(self) -> list[dict]:
        """The rows with only the table's columns (no link fields added for the page)."""
        return [{c: r.get(c) for c in self.columns} for r in self.rows]


@dataclass
class Page:
    kind: str
    title: str
    url: str
    tables: dict[str, Table] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    feed: str = ""
    network: str = ""

    def add(self, name: str, columns: list[str], rows: list[dict]) -> list[dict]:
        self.tables[name] = Table(list(columns), rows)
        return rows

    def data(self) -> dict:
        return {"kind": self.kind, "title": self.title, "url": self.url,
                "tables": {name: t.plain_rows() for name, t in self.tables.items()}}
