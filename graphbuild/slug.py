"""ASCII slugs for ids and URLs, one rule for both: Danish letters spelled out (æ -> ae, ø -> oe, å -> aa),
other accents dropped, every run of other characters one '-'. Kept out of resolve/ so that the loader and
the web pages can make ids without importing the resolver."""
from __future__ import annotations

import re
import unicodedata

_SPELLED_OUT = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"}


def ascii_slug(text: str) -> str:
    """'Jacob Netteberg' -> 'jacob-netteberg'; '' when nothing is left."""
    text = "".join(_SPELLED_OUT.get(c, c) for c in text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def slugify(text: str) -> str:
    """An id part: the slug, or 'x' when the text has no letters or digits (an id part is never empty)."""
    return ascii_slug(text) or "x"
