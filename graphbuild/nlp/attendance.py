"""Attendance as the document states it (graphbuild/meeting/attendance.py) turned into facts.

The participant block is read by `people.participants`; this adds what it does not see and what sentences say:
a stated absence makes a listed member absent, a substitute is present as "suppleant" and records the member they
stood in for (who is absent), an absence for some cases only keeps those cases ("129-138").
"""
from __future__ import annotations

from typing import Optional

from ..model import AttendanceFact, MembershipFact
from ..meeting.attendance import _ROLE_WORDS
from .names import plausible_name
from .state import State


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


def _fact_of(st: State, name: str) -> Optional[AttendanceFact]:
    """The attendance fact of this name; 'Overborgmester Frank Jensen' (a title read into the name) is 'Frank Jensen'."""
    key = _key(name)
    for a in st.facts.attendance:
        have = _key(a.person.name)
        if have == key:
            return a
        if have.endswith(" " + key) and _ROLE_WORDS.match(a.person.name):
            a.person.name = " ".join(name.split())
            return a
    return None


def _same_party(st: State) -> None:
    """One name, one party in a document: a mention of the name without a party gets the party another states
    ('Mette Valentin, U' in the member list and again under 'Afbud')."""
    party = {}
    for m in st.facts.mentions:
        if m.party:
            party.setdefault(_key(m.name), m.party)
    for m in st.facts.mentions:
        if not m.party and _key(m.name) in party:
            m.party = party[_key(m.name)]


def _apply(st: State, s) -> Optional[AttendanceFact]:
    fact = _fact_of(st, s.name)
    if fact is None:
        pm = st.mention(s.name, s.line, party=s.party, roles=[s.role] if s.role else [])
        fact = AttendanceFact(person=pm, status=s.status, role=s.role, evidence=st.ev(s.line))
        st.facts.attendance.append(fact)
        if st.council is not None and s.party and not s.role:  # a member on behalf of a party, as the list says
            st.facts.memberships.append(MembershipFact(person=pm, organization=st.council, role="medlem",
                                                       status="member", evidence=st.ev(s.line), party=s.party))
        return fact
    if s.status == "absent" and fact.status == "present" and s.role is None:
        fact.status, fact.evidence = "absent", st.ev(s.line)  # "Fraværende: X" after the member list
    if s.role and fact.role != s.role:  # a substitute sits as "suppleant", whatever the list line seemed to say
        fact.role = s.role
        st.facts.memberships = [ms for ms in st.facts.memberships if not (
            ms.person is fact.person and ms.organization is st.council and ms.status == "member")]
    if s.party and not fact.person.party:
        fact.person.party = s.party
    if s.party and st.council is not None:
        _member_for_party(st, fact, s)
    return fact


def _member_for_party(st: State, fact: AttendanceFact, s) -> None:
    """The list line says the attendee's party ('Stephanie Lose, V'): their membership of the council carries it
    (a participant reader that saw the name but not the letter left it without one)."""
    mine = [ms for ms in st.facts.memberships if ms.person is fact.person and ms.organization is st.council]
    if any(ms.party for ms in mine):
        return
    if mine:
        mine[0].party = s.party
        return
    st.facts.memberships.append(MembershipFact(person=fact.person, organization=st.council, role=fact.role or "medlem",
                                               status="member", evidence=st.ev(s.line), party=s.party))


def stated_attendance(st: State, said: list) -> None:
    """Apply the document's attendance statements (StructuredDocument.said) to st.facts.attendance."""
    said = [s for s in said if plausible_name(s.name)]
    for s in said:
        fact = _apply(st, s)
        if fact is not None and s.items and fact.status == "absent":
            fact.items = s.items
    _same_party(st)
    for s in said:
        if s.replaces and plausible_name(s.replaces):
            sub, old = _fact_of(st, s.name), _fact_of(st, s.replaces)
            if sub is not None and old is not None and old.status == "absent":
                sub.replaces = old.person
    _substitutes_seated(st, said)


def _substitutes_seated(st: State, said: list) -> None:
    """A substitute who took part sits in the council for the meeting: a seat as "stedfortræder" or "suppleant",
    the word the document uses. (Not an appointment: minutes record a substitute's call-in as attendance; the
    dev gold reads it as an appointment only where an item decides it, which the appointment readers see.)"""
    if st.council is None:
        return
    done = set()
    for s in said:
        fact = _fact_of(st, s.name) if s.role and s.status == "present" else None
        if fact is None or fact.role != s.role or _key(s.name) in done:
            continue
        done.add(_key(s.name))
        text = s.line.text.lower()
        # the legal word for a substitute who meets in a member's place, unless the document says "suppleant"
        word = "suppleant" if "suppleant" in text and "stedfortræder" not in text else "stedfortræder"
        st.facts.memberships.append(MembershipFact(
            person=fact.person, organization=st.council, role=st.role(word), status="member",
            evidence=st.ev(s.line), party=fact.person.party))
