"""A roster line led by titles, without separators between people (a PDF page flattened onto one line):

  "Formand Morten Andersen, Nordfyn Næstformand Poul Andersen, Region Syddanmark Bestyrelsesmedlem Kristian
   Nielsen, Faaborg-Midtfyn ... Middelfart Bestyrelsesmedlem Jesper Hempler, Kerteminde afbud Bestyrelsesmedlem
   ... Direktør Carsten Hyldborg Jensen Kontraktchef Ingrid Dissing Plan- og udviklingschef Anne Daugbjerg Mortensen"

Each title starts a person: the title, the name, then maybe ", <place>" and "afbud" (sent apologies). A title is a
capitalised word that roles.csv lists as a title before a member's name, or that ends in a role word
(graphbuild/data/attendance_words.csv, kind `role_suffix`: "-chef", "-medlem", "-formand", "-direktør");
"Plan- og udviklingschef" is one title. Read only when the line holds three titles or more.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import load_gazetteer
from ..model import Line
from .attendance import NAME, Said, _phrases

MIN_TITLES = 3


@lru_cache(maxsize=1)
def _title_rx() -> re.Pattern:
    prefixes = "|".join(re.escape(w) for w in sorted(load_gazetteer().roles_used_as("attendance_prefix"), key=len,
                                                     reverse=True) if " " not in w)
    suffixes = "|".join(re.escape(s) for s in _phrases()["role_suffix"])
    word = rf"(?:(?i:{prefixes})|(?=[A-ZÆØÅ])[\wæøå]*(?i:{suffixes}))"
    return re.compile(rf"(?<!\S)(?:[A-ZÆØÅ][\wæøå]*-\s+og\s+[a-zæøå]+(?:{suffixes})|{word})(?=\s+[A-ZÆØÅ])")


_ENTRY = re.compile(rf"^(?P<name>{NAME})(?:\s*,\s*(?P<place>(?:Region\s+)?[A-ZÆØÅ][\w-]+))?"
                    r"(?:\s+(?P<absent>afbud|fraværende))?(?:\s+Side\s+\d+(?:\s+af\s+\d+)?)?\s*\.?$")


def titled_roster(ln: Line, status: str) -> list[Said]:
    """The people of a title-led roster line, or [] when the line is not one."""
    text = ln.text.strip()
    titles = list(_title_rx().finditer(text))
    if len(titles) < MIN_TITLES:
        return []
    out: list[Said] = []
    for k, m in enumerate(titles):
        end = titles[k + 1].start() if k + 1 < len(titles) else len(text)
        e = _ENTRY.match(text[m.end():end].strip())
        if e is None:
            return []  # not every part reads as a person: not a roster of this shape
        out.append(Said(e.group("name").strip(), "absent" if e.group("absent") else status, ln))
    return out
