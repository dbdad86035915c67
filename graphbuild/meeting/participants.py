"""Who attended: the lines under attendance headings ("Deltagere", "Afbud", ...)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Line
from .attendance import person
from .header import _HEADER_WORDS
from .items import _heading, _section_name

_PRESENT_HEAD = re.compile(r"^(?:deltagere|til stede|tilstede|fremmødte|mødedeltagere|deltagerne var|medlemmer|"
                           r"mødedeltagelse|bestyrelsen(?=\s*:\s*\S))"
                           r"\s*(?:$|:\s*$|[:|]\s*(?P<rest>\S.*)$)", re.I)
_ABSENT_HEAD = re.compile(r"^(?:afbud|fraværende|forfald|fraværende med afbud|afbud fra|meddelt forfald|ikke til stede)"
                          r"\s*(?:$|:\s*$|\s+ingen\.?\s*$|[:|]\s*(?P<rest>\S.*)$)", re.I)
_OTHER_PARTICIPANT_HEAD = re.compile(
    r"^(?:deltagerfortegnelse|desuden deltog|øvrige deltagere|fra (?:KL|administrationen|sekretariatet)|referent|mødeleder)\b.*:?\s*$",
    re.I,
)
# a list heading that ends a participant list ("Fraværende i mødet:", "Referent:", "Mødeplan 2021:")
# "Medlemmer Birgit Lund Terp (A) Carsten Bering (C) ...": a flattened two-column header, the list after the word
_INLINE_HEAD = re.compile(r"^(?P<word>deltagere|til stede|medlemmer|afbud|fraværende)\s+"
                          r"(?P<rest>[A-ZÆØÅ][^:|]*\([A-ZÆØÅ]{1,3}\).*)$", re.I)
# a page footer's address or contact line inside a flattened list: skipped, the list goes on after it
_CONTACT = re.compile(r"@|\bwww\.|^(?:telefon|tlf\.?|fax|e-?mail)\b|\b\d{4}\s+\d{4}\b", re.I)
_LIST_BULLET = re.compile(r"^[•◦▪●·‣⁃○■□–-]\s+")
_OTHER_LIST_HEAD = re.compile(r"^[^,()|]{2,40}:\s*$")


# ----------------------------------------------------------- participants
def _participants(lines: list[Line], start: int, end: int) -> tuple[list[Line], list[Line]]:
    present: list[Line] = []
    absent: list[Line] = []
    mode = None
    just_opened = False
    for ln in lines[start:end]:
        tx = ln.text.strip()
        bare = _LIST_BULLET.sub("", tx)
        head = _PRESENT_HEAD.match(bare) or _ABSENT_HEAD.match(bare)
        inline = None if head else _INLINE_HEAD.match(bare)
        if inline:
            mode = "absent" if inline.group("word").lower() in ("afbud", "fraværende") else "present"
            just_opened = False
            ln = replace(ln, text=inline.group("rest"))
            tx = ln.text
        elif mode and _CONTACT.search(tx):
            continue
        elif head:
            merged = head.re is _ABSENT_HEAD and mode == "present" and just_opened
            # "Deltagere:" / "Afbud: A, B, ...": a two-column table flattened, the list is the first column's
            mode = "present" if head.re is _PRESENT_HEAD or merged else "absent"
            just_opened = not (head.group("rest") or "").strip(" |")
            rest = (head.group("rest") or "").strip(" |")
            if not rest:
                continue
            # "Fraværende med afbud: Ingen." / "Medlemmer: | A, B, C |": the list on the heading's own line
            ln = replace(ln, text=rest)
            tx = rest
        elif mode and _heading(tx) and person(tx):
            pass  # "1. Overborgmester Frank Jensen (A)": a numbered participant list
        elif mode and (_OTHER_PARTICIPANT_HEAD.match(tx) or _HEADER_WORDS.match(tx) or _heading(tx)
                       or _section_name(tx) or _OTHER_LIST_HEAD.match(tx)
                       or not _LIST_BULLET.sub("", tx)[:1].isupper()):
            mode = None
            continue
        just_opened = False
        if mode == "present":
            present.append(ln)
        elif mode == "absent":
            absent.append(ln)
    return present, absent



def _attendance_heading(lines: list[Line], start: int, end: int) -> bool:
    """A heading that says who attended ("Deltagere", "Til stede", "Afbud"), not only who the members are."""
    for ln in lines[start:end]:
        m = _PRESENT_HEAD.match(ln.text.strip()) or _ABSENT_HEAD.match(ln.text.strip())
        if m and not ln.text.strip().lower().startswith(("medlemmer", "bestyrelsen")):
            return True
    return False

