"""The status of a seat change where it is written: decided, proposed, or only asked for."""
from __future__ import annotations

import re
from typing import Optional

from ..model import Item, Line
from .state import State


# a request or a recommendation: what it asks for is not decided by saying so
REQUEST = re.compile(r"\banmod(?:er|es|et|ning(?:en)?)\b|\bindstill(?:er|es|ing)\b|\bforeslå(?:r|s)\b|\bønske\s+om\b",
                     re.IGNORECASE)


def stated_status(st: State, it: Item, ln: Line, status: str, decided: bool) -> Optional[str]:
    """The status an event has where it is written: a proposal approved on the next lines is an appointment; in a
    document that shows no decision, an appointment in an agenda item or under a request ("anmoder om følgende
    omkonstituering" a few lines up) is a proposal, and a resignation asked for is none yet (None)."""
    if status in ("proposed", "appointed") and _approved_after(st, ln):
        return "appointed"  # "Venstre indstiller, at X vælges ..." / "Kommunalbestyrelsen godkendte dette."
    if decided or st.doc.decisions or _APPROVED.search(ln.text):
        return status
    window = [x.text for x in st.doc.source.lines if ln.line - 6 <= x.line <= ln.line]
    requested = any(REQUEST.search(t) for t in window)
    if status == "resigned":
        return None if requested else status
    if status == "appointed" and (requested or (it.number and st.doc.kind == "dagsorden")):
        return "proposed"
    return status


_APPROVED = re.compile(r"\bgodkendt(?:e)?\b|\bbesluttede\b|\btruffet\s+beslutning\b|\bvedtaget\b", re.IGNORECASE)


def _approved_after(st: State, ln: Line) -> bool:
    """The line or one of the next two lines approves what was proposed ("Kommunalbestyrelsen godkendte dette.")."""
    nxt = [x.text for x in st.doc.source.lines if ln.line < x.line <= ln.line + 2 and x.text.strip()]
    return any(_APPROVED.search(t) and len(t) < 80 for t in nxt)
