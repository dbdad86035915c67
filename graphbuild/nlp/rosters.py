"""Member lists wherever a document prints them: lines that are only people with their party letters.

"Medlemmer Birgit Lund Terp (A) Carsten Bering (C) Carsten Rasmussen (A)", "Carl Holst, V, Poul-Erik Svendsen,
A, Freddie H. Madsen, O", "For: 20 (Bo Hilsted (A), Carsten Nielsen (A), ...", "Lars Egedal (V), Hans Nissen (A)":
in a document about one council or board, a line that lists two or more people with party letters and nothing
else lists members of that body (the dev corpus gold reads them so: a member list, the members who voted, the
members who signed). The participant block (`people.participants`) reads its own lines first; a roster line
outside it adds the people it lists, as members of the document's council, with their party letters.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Line, MembershipFact, PersonMention
from .lexicon import party_letters_written
from .names import NAME, UP, plausible_name
from .state import State

_LETTER = rf"[{UP}]{{1,3}}"
_SPELLED = rf"[{UP}][\w-]+(?:\s[\w-]+){{0,2}}"  # "(Frie Liberale)": a local list spelled out
# "Name (A)" or "Name, A" (the letter then ends an item: a comma, "og", the line end)
_ITEM = re.compile(rf"(?<![\w-])(?P<name>{NAME})\s*(?:\((?P<p1>{_LETTER})\)|\((?P<p3>{_SPELLED})\)|"
                   rf",\s*(?P<p2>{_LETTER})(?=\s*(?:[,;.)]|$)|\s+og\s))")
# what may stand between or around the items: separators, brackets
_FILLER = re.compile(r"^[\s,;:.()•\-–]*(?:og)?[\s,;:.()•\-–]*$")
# before the first item: a heading word and a count ("Medlemmer", "Bestyrelsen:", "For: 20 (")
_HEAD = re.compile(r"^[\s•\-–]*(?:[A-ZÆØÅ][a-zæøå]+(?:\s[a-zæøå]+)?\s*:?\s*(?:\d+\s*)?\(?)?\s*$")
MIN_ITEMS = 2


def roster_items(text: str) -> list[tuple[str, Optional[str]]]:
    """(name, letter as written) of each person of a line that only lists people with party letters, else []
    (a local list spelled out gives the letter None)."""
    if "(" not in text and "," not in text:
        return []
    items: list[tuple[str, Optional[str]]] = []
    pos = 0
    letters = party_letters_written() | {"UP"}
    for m in _ITEM.finditer(text):
        letter = m.group("p1") or m.group("p2")
        name, start = m.group("name"), m.start()
        if not items and not plausible_name(name) and " " in name:  # "Medlemmer Birgit Lund Terp (A)"
            first = name.split()[0]
            name, start = name[len(first):].strip(), start + len(first) + 1
        if (letter and letter not in letters) or not plausible_name(name):
            return []
        between = text[pos:start]
        if not (_FILLER.match(between) or (not items and _HEAD.match(between))):
            return []
        items.append((name, letter))
        pos = m.end()
    if sum(1 for _, p in items if p) < MIN_ITEMS or not _FILLER.match(text[pos:]):
        return []
    return items


def _mention_on(st: State, ln: Line, name: str, letter: str) -> PersonMention:
    """The mention of this name on this line if another reader made one, else a new one."""
    for m in st.facts.mentions:
        if m.evidence.line == ln.line and m.name == name:
            m.party = m.party or letter
            return m
    return st.mention(name, ln, party=letter)


def _has_seat(st: State, name: str) -> bool:
    return any(ms.person.name == name and ms.organization is st.council for ms in st.facts.memberships)


def rosters(st: State, lines: list[Line]) -> None:
    """Members of the document's council from its roster lines (see the module docstring)."""
    if st.council is None:
        return
    for ln in lines:
        for name, letter in roster_items(ln.text):
            if _has_seat(st, name):
                continue
            pm = _mention_on(st, ln, name, letter)
            st.facts.memberships.append(MembershipFact(person=pm, organization=st.council, role="medlem",
                                                       status="member", evidence=st.ev(ln), party=letter))


def roster_party(text: str, name: str) -> Optional[str]:
    """The letter a roster line gives this name, if any."""
    return next((p for n, p in roster_items(text) if n == name), None)
