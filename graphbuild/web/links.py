"""Links from report rows to pages: the saved reports name people, bodies, municipalities and documents
by name or path (they are made for reading); the pages turn those into URLs with three bulk look-ups."""
from __future__ import annotations

from typing import Iterable

from . import urls
from .store import Store

PERSON_COLUMNS = ("person", "replaces", "replaced_by", "stood_in_for")
ORG_COLUMNS = ("body", "organization", "council")
SPLIT = "; "


def _values(rows: Iterable[dict], columns: Iterable[str], split: bool = False) -> list[str]:
    found = set()
    for row in rows:
        for c in columns:
            v = row.get(c)
            if isinstance(v, str) and v:
                found.update(v.split(SPLIT) if split else [v])
    return sorted(found)


class Linker:
    """Adds `<column>_url` (and `doc_url`, `doc_id`) to rows, looking every name up once."""

    def __init__(self, store: Store):
        self.store = store

    def link(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return rows
        ids = self._ids(rows)
        people, orgs, munis, docs = ids["person"], ids["org"], ids["municipality"], ids["document"]
        for row in rows:
            for c in PERSON_COLUMNS:
                if row.get(c):
                    row[c + "_links"] = [(n, urls.person_url(people[n], n) if n in people else None)
                                         for n in str(row[c]).split(SPLIT)]
            for c in ORG_COLUMNS:
                if row.get(c) in orgs:
                    row[c + "_url"] = urls.body_url(orgs[row[c]], row[c])
            if row.get("municipality") in munis:
                row["municipality_url"] = urls.municipality_url(munis[row["municipality"]], row["municipality"])
            if row.get("doc") in docs and not row.get("doc_id"):
                row["doc_id"] = docs[row["doc"]]
            if row.get("doc_id"):
                row["doc_url"] = urls.document_url(row["doc_id"], row.get("doc") or "", row.get("line"))
        return rows

    def _ids(self, rows: list[dict]) -> dict[str, dict[str, str]]:
        """kind -> name -> id for every name the rows hold (one statement)."""
        found: dict[str, dict[str, str]] = {"person": {}, "org": {}, "municipality": {}, "document": {}}
        wanted = dict(persons=_values(rows, PERSON_COLUMNS, split=True), orgs=_values(rows, ORG_COLUMNS),
                      munis=_values(rows, ("municipality",)), paths=_values(rows, ("doc",)))
        if any(wanted.values()):
            for r in self.store.query("link-ids", **wanted):
                found[r["kind"]].setdefault(r["name"], r["id"])
        return found
