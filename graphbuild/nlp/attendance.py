"""Attendance as the document states it (graphbuild/meeting/attendance.py) turned into facts.

The participant block is read by `people.participants`; this adds what it does not see and what sentences say:
a stated absence makes a listed member absent, a substitute is present as "suppleant" and records the member they
stood in for (who is absent), an absence for some cases only keeps those cases ("129-138").
"""
from __future__ import annotations

from typing import Optional

from ..model import AttendanceFact
from .names import plausible_name
from .state import State


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


def _fact_of(st: State, name: str) -> Optional[AttendanceFact]:
    key = _key(name)
    return next((a for a in st.facts.attendance if _key(a.person.name) == key), None)


def _apply(st: State, s) -> Optional[AttendanceFact]:
    fact = _fact_of(st, s.name)
    if fact is None:
        pm = st.mention(s.name, s.line, party=s.party, roles=[s.role] if s.role else [])
        fact = AttendanceFact(person=pm, status=s.status, role=s.role, evidence=st.ev(s.line))
        st.facts.attendance.append(fact)
        return fact
    if s.status == "absent" and fact.status == "present" and s.role is None:
        fact.status, fact.evidence = "absent", st.ev(s.line)  # "Fraværende: X" after the member list
    if s.role and not fact.role:
        fact.role = s.role
    if s.party and not fact.person.party:
        fact.person.party = s.party
    return fact


def stated_attendance(st: State, said: list) -> None:
    """Apply the document's attendance statements (StructuredDocument.said) to st.facts.attendance."""
    said = [s for s in said if plausible_name(s.name)]
    for s in said:
        fact = _apply(st, s)
        if fact is not None and s.items and fact.status == "absent":
            fact.items = s.items
    for s in said:
        if s.replaces and plausible_name(s.replaces):
            sub, old = _fact_of(st, s.name), _fact_of(st, s.replaces)
            if sub is not None and old is not None and old.status == "absent":
                sub.replaces = old.person
