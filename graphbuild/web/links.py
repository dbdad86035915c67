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
        people = self._map("person-ids", _values(rows, PERSON_COLUMNS, split=True), "person_id")
        orgs = self._map("org-ids", _values(rows, ORG_COLUMNS), "org_id")
        munis = self._map("muni-ids", _values(rows, ("municipality",), split=False), "kommunekode")
        docs = self.documents(_values(rows, ("doc",)))
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
            doc = docs.get(row.get("doc"))
            if doc and not row.get("doc_id"):
                row["doc_id"] = doc["doc_id"]
            if row.get("doc_id"):
                row["doc_url"] = urls.document_url(row["doc_id"], row.get("doc") or (doc or {}).get("path", ""),
                                                   row.get("line"))
        return rows

    def _map(self, query: str, names: list[str], key: str) -> dict[str, str]:
        if not names:
            return {}
        found: dict[str, str] = {}
        for r in self.store.query(query, names=names):
            found.setdefault(r["name"], r[key])
        return found

    def documents(self, paths: list[str]) -> dict[str, dict]:
        if not paths:
            return {}
        return {r["path"]: r for r in self.store.query("documents", paths=paths, prefixes=[])}
