"""Search: people, bodies and councils, municipalities and meetings whose name, short name, alias (another
spelling a document used) or id contains the text; when nothing does, the closest spellings (rapidfuzz, as
the CLI's "did you mean") are searched instead, so "Jakob Neteberg" still finds Jacob Netteberg."""
from __future__ import annotations

from ..db.reports import close_matches, names_of_kind
from . import urls
from .page import Page
from .store import Store, web_query

MAX_QUERY = 200
FUZZY_KINDS = ("person", "organization", "municipality")


def _url(hit: dict) -> str:
    kind, id_, name = hit["kind"], hit["id"], hit["name"]
    if kind == "person":
        return urls.person_url(id_, name)
    if kind in ("body", "council"):
        return urls.body_url(id_, name)
    if kind == "municipality":
        return urls.municipality_url(id_, name)
    return urls.meeting_url(id_)


def _close_spellings(store: Store, q: str) -> list[str]:
    spelled: dict[str, str] = {}
    for kind in FUZZY_KINDS:
        for name, other in names_of_kind(store.driver, kind, store.database):
            for s in [name, *other]:
                spelled.setdefault(s, name)
    return list(dict.fromkeys(spelled[m] for m in close_matches(q, list(spelled), limit=5, cutoff=80)))


def search(store: Store, q: str) -> tuple[list[dict], list[str]]:
    """(hits, the close spellings searched instead when the text itself found nothing)."""
    q = (q or "").strip()[:MAX_QUERY]
    if len(q) < 2:
        return [], []
    hits, instead = store.query("search", q=q), []
    if not hits:
        instead = _close_spellings(store, q)
        seen = set()
        for name in instead:
            for hit in store.query("search", q=name):
                if (hit["kind"], hit["id"]) not in seen:
                    seen.add((hit["kind"], hit["id"]))
                    hits.append(hit)
    for hit in hits:
        hit["url"] = _url(hit)
    return hits, instead


def search_page(store: Store, q: str) -> Page:
    q = (q or "").strip()[:MAX_QUERY]
    page = Page("search", f"Search: {q}" if q else "Search", "/search")
    hits, instead = search(store, q)
    page.add("hits", web_query("search").columns, hits)
    page.context.update(q=q, hits=hits, instead=instead)
    return page
