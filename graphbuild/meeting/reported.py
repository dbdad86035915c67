"""A meeting a news item or page reports, with its date written out: the page documents that meeting.

Shapes (news pages of KL, trafikselskaber and organisations):
  "... blev valgt på et konstituerende møde i Midttrafiks repræsentantskab den 18. januar 2018."
  "På det konstituerende møde fredag den 26. januar 2018 har Kommunekontaktråd (KKR) Nordjylland valgt ..."
  "Bestyrelsen i Trafikselskaberne i Danmark, de regionale trafikselskabers fælles forening, konstituerede sig
   d. 17. marts 2022 i Aalborg."
Only a meeting with a full date (day, month and year) counts; "på et møde torsdag eftermiddag" names no date.
The body is the one the sentence names, else the council the page's header named (None: no meeting).
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Line
from .dates import parse_date

_DATE = r"(?:\d{1,2}\.\s*[a-zæø]+\.?\s+\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{4})"
_WHEN = rf"(?:(?:[a-zæø]+dag)\s+)?(?:den|d\.)\s*(?P<date>{_DATE})"
_BODY = r"(?P<body>[A-ZÆØÅ][\w’'-]*(?:\s+(?:[A-ZÆØÅ(][\w’'()-]*|[a-zæø]+(?:skab(?:et)?|styrelse(?:n)?|rådet|udvalget)|i|for))*)"
_AT_MEETING = re.compile(rf"\b(?i:på|ved)\s+(?i:et|det)\s+(?:[a-zæø]+\s+)?møde(?:\s+i\s+{_BODY})?\s+{_WHEN}", re.U)
_CONSTITUTED = re.compile(rf"^{_BODY}(?:,[^,]{{3,80}},)?\s+konstituerede\s+sig\s+{_WHEN}")


def _clean(body: Optional[str]) -> Optional[str]:
    if not body:
        return None
    b = re.sub(r"\s+(?:i|for)$", "", body.strip())
    # "Bestyrelsen i Trafikselskaberne i Danmark": the association's board meets as the association (its own name
    # is what the reference data and the other pages know)
    b = re.sub(r"^(?:bestyrelsen|repræsentantskabet)\s+(?:i|for)\s+(?=[A-ZÆØÅ])", "", b, flags=re.I)
    return b if len(b.split()) <= 6 else None


def reported_meeting(lines: list[Line], council: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[Line]]:
    """(body, ISO date, line) of the first meeting the page reports with its date, or (None, None, None)."""
    for ln in lines[:40]:
        t = ln.text.strip()
        m = _AT_MEETING.search(t) or _CONSTITUTED.match(t)
        if not m:
            continue
        date = parse_date(m.group("date"))
        body = _clean(m.group("body")) or council
        if date and body:
            return body, date, ln
    return None, None, None
