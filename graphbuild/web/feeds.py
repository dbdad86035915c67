"""Atom feeds of seat changes (appointments, resignations, replacements, nominations) per person, body and
municipality, newest first; each entry links to the person's page and quotes its source line."""
from __future__ import annotations

from . import urls
from .links import Linker
from .page import NotFound
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


def feed(store: Store, kind: str, segment: str, base: str) -> dict:
    """The feed's title, its page, and its entries."""
    from .pages import body_page, municipality_page, person_page

    if kind == "person":
        page = person_page(store, segment)
        rows = page.tables["seats"].rows
    elif kind == "body":
        page = body_page(store, segment)
        rows = page.tables["appointments"].rows
    elif kind == "municipality":
        page = municipality_page(store, segment)
        rows = Linker(store).link(store.query("municipality-seat-changes", kommunekode=page.context["muni"]["kommunekode"]))
        for r in rows:
            r["party"] = "/".join(r["party"]) or None
            r["replaces"] = "; ".join(r["replaces"]) or None
    else:
        raise NotFound(f"no feed of kind {kind}")
    entries = _entries(rows, base)
    return dict(title=f"Seat changes: {page.title}", page=base + page.url, self=base + urls.feed_url(page.url),
                id=f"tag:graphbuild,2024:feed:{page.url}", entries=entries,
                updated=entries[0]["updated"] if entries else "1970-01-01T00:00:00Z")
