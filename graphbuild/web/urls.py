"""Stable, readable URLs: /person/<id>-<slug>, /body/<org_id>, /municipality/<kommunekode>-<slug>,
/meeting/<meeting_id>, /document/<doc_id prefix>-<file name>, and back from a URL segment to the ids it
may name (the slug is decoration: the page is found by the id alone, and a changed name keeps the URL
working)."""
from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import quote

from ..slug import ascii_slug

DOC_PREFIX = 16  # hex digits of the sha256 doc_id in a document's URL (enough to be unique)


def _with_slug(key: str, name: str) -> str:
    slug = ascii_slug(name)
    return key if not slug or slug in key else f"{key}-{slug}"


def person_url(person_id: str, name: str = "") -> str:
    return "/person/" + quote(_with_slug(person_id.removeprefix("person:"), name))


def body_url(org_id: str, name: str = "") -> str:
    """An org_id is already readable ("council:kkr-hovedstaden", "body:woco"): no slug added."""
    return "/body/" + quote(org_id, safe=":@")


def municipality_url(kommunekode: str, name: str = "") -> str:
    return "/municipality/" + quote(_with_slug(str(kommunekode), name))


def meeting_url(meeting_id: str) -> str:
    return "/meeting/" + quote(meeting_id, safe=":@")


def document_url(doc_id: str, path: str = "", line=None) -> str:
    url = "/document/" + quote(_with_slug(doc_id[:DOC_PREFIX], PurePath(path or "").stem))
    return url + (f"#L{line}" if line else "")


def network_url(kind: str, page_url: str) -> str:
    """/network/person/<...> for /person/<...>."""
    return "/network" + page_url if kind in ("person", "body") else ""


def feed_url(page_url: str) -> str:
    return "/feed" + page_url + ".atom"


def candidates(segment: str, prefix: str = "") -> list[str]:
    """The ids a URL segment may name: itself and every part before a '-' (id-slug), longest first."""
    segment = segment[:300]
    cuts = [segment] + [segment[:i] for i in range(len(segment) - 1, 0, -1) if segment[i] == "-"]
    return [prefix + c for c in cuts if c]


def person_ids(segment: str) -> list[str]:
    return candidates(segment, "person:")


def kommunekode(segment: str) -> list[str]:
    head = segment.split("-", 1)[0]
    return [head] if head.isdigit() and len(head) <= 4 else []


def doc_prefix(segment: str) -> str:
    head = segment.split("-", 1)[0].lower()
    return head if re.fullmatch(r"[0-9a-f]{8,64}", head) else ""
