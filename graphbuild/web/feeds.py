"""Atom feeds of seat changes (appointments, resignations, replacements, nominations) per person, body and
municipality, newest first; each entry links to the person's page and quotes its source line."""
from __future__ import annotations

from . import urls
from .links import Linker
from .page import NotFound
from .pages import joined
from .store import Store

CHANGES = ("appointed", "resigned", "nominated", "proposed")
VERBS = {"appointed": "appointed to", "resigned": "resigned from", "nominated": "nominated to",
         "proposed": "proposed for", "member": "member of", "reports_from": "reports from"}


def is_change(row: dict) -> bool:
    return row.get("status") in CHANGES or bool(row.get("replaces")) or bool(row.get("replaced_by"))


def entry(row: dict, person_url: str, base: str) -> dict:
    """One feed entry from a report row (person, body, role, status, party, replaces, date, doc, line, quote)."""
    title = f"{row['person']} {VERBS.get(row.get('status'), 'seat in')} {row['body']}"
    if row.get("role") and row["role"] != "medlem":
        title += f" ({row['role']})"
    if row.get("replaces"):
        title += f", replacing {row['replaces']}"
    date = row.get("date") or "1970-01-01"
    doc_id = row.get("doc_id") or ""
    return dict(title=title, date=date, updated=f"{date}T00:00:00Z", link=base + person_url,
                id=f"tag:graphbuild,2024:{doc_id[:16]}:{row.get('line')}:{row.get('person')}:{row.get('status')}:{row.get('role')}",
                quote=row.get("quote") or "", source=base + row["doc_url"] if row.get("doc_url") else "",
                line=row.get("line"))


def _entries(rows: list[dict], base: str) -> list[dict]:
    out = []
    for row in rows:
        links = row.get("person_links") or []
        if is_change(row) and links and links[0][1]:
            out.append(entry(row, links[0][1], base))
    out.sort(key=lambda e: (e["date"], e["line"] or 0), reverse=True)
    return out


def _person_rows(store: Store, segment: str) -> tuple[str, str, list[dict]]:
    person = store.one("person", ids=urls.person_ids(segment))
    if person is None:
        raise NotFound(f"no person with the id in /person/{segment}")
    rows = [r for r in store.report("seats-of-person", person=person["name"]) if r.get("person") == person["name"]]
    return person["name"], urls.person_url(person["person_id"], person["name"]), rows


def _body_rows(store: Store, segment: str) -> tuple[str, str, list[dict]]:
    org = store.one("organization", ids=urls.candidates(segment))
    if org is None:
        raise NotFound(f"no body or council with the id in /body/{segment}")
    rows = [dict(r, body=org["name"]) for r in joined(store.query("body-seat-changes", org_id=org["org_id"]))]
    return org["name"], urls.body_url(org["org_id"]), rows


def _municipality_rows(store: Store, segment: str) -> tuple[str, str, list[dict]]:
    muni = store.one("municipality", ids=urls.kommunekode(segment))
    if muni is None:
        raise NotFound(f"no municipality with the kommunekode in /municipality/{segment}")
    rows = joined(store.query("municipality-seat-changes", kommunekode=muni["kommunekode"]))
    return muni["name"], urls.municipality_url(muni["kommunekode"], muni["name"]), rows


SOURCES = {"person": _person_rows, "body": _body_rows, "municipality": _municipality_rows}


def feed(store: Store, kind: str, segment: str, base: str) -> dict:
    """The feed's title, its page, and its entries."""
    if kind not in SOURCES:
        raise NotFound(f"no feed of kind {kind}")
    title, page_url, rows = SOURCES[kind](store, segment)
    entries = _entries(Linker(store).link(rows), base)
    return dict(title=f"Seat changes: {title}", page=base + page_url, self=base + urls.feed_url(page_url),
                id=f"tag:graphbuild,2024:feed:{page_url}", entries=entries,
                updated=entries[0]["updated"] if entries else "1970-01-01T00:00:00Z")
