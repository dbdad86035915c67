"""Appointments stated in sentences (doc._.gb_events, components/appointment_events.py) -> MembershipFacts.

The component says who, what kind of event, which role and which body as written; here the body becomes an
organisation (the gazetteer's when it knows the name, a board "Xs bestyrelse" as a part of X), a body the
sentence does not name is the one named just before on the line, else the body of the agenda item's title,
else the council whose document it is.  An appointment in an agenda that shows no decision is a proposal.
"""
from __future__ import annotations

import re
from typing import Optional

from ..meeting.councils import council_words
from ..model import Item, Line, MembershipFact, OrgMention, OrgRef
from .components.org_forms import document_scope, org_form_spans, review_id
from .items import sections_named
from .names import plausible_name, split_title
from .seats import _body_for
from .state import APPOINTMENT_TITLE, State, doc_of
from .status import stated_status

# event kind (appointment_words.csv) -> membership status; a re-election is an appointment
STATUS = {"appointed": "appointed", "re-elected": "appointed", "resigned": "resigned", "expected": "proposed"}
_MOVES = ("appointed", "resigned", "proposed")
_BOARD_OWNER = re.compile(r"^(?:(?P<owner>.+?)(?:'s|s|’s|')\s+\w+|\w+\s+(?:for|i|hos)\s+(?P<inner>.+))$")


def item_lines(it: Item) -> list[Line]:
    """An item's lines and its sections' lines, once each, in document order."""
    seen, out = set(), []
    for ln in list(it.lines) + [ln for sec in it.sections for ln in sec.lines]:
        if (ln.line, ln.text) not in seen:
            seen.add((ln.line, ln.text))
            out.append(ln)
    return sorted(out, key=lambda ln: ln.line)


def stated_appointments(st: State, it: Item, lines: list[Line]) -> None:
    """Every appointment, re-election, resignation and replacement a sentence of these lines states."""
    decided = bool(sections_named(it, "Beslutning"))
    is_udp = bool(it.title and APPOINTMENT_TITLE.search(it.title))
    left: Optional[tuple[str, str]] = None  # (name, body) of a resignation just read: the next entrant's
    for ln in lines:
        d = doc_of(st, ln)
        last: Optional[OrgRef] = None
        for ev in (d._.gb_events if d is not None else None) or []:
            org = _body(st, ev) or last or (None if ev.get("unplaced") else _fallback(st, it, ln))
            if org is None:
                st.unresolved(ln)
                continue
            last = org = _awaiting_review(st, org, ln)
            status = stated_status(st, it, ln, STATUS[ev["kind"]], decided)
            if ev["kind"] == "resigned":
                left = (ev["name"], org.surface)
            elif left and left[1] == org.surface and not ev.get("replaces") and left[0] != ev["name"]:
                ev = dict(ev, replaces=left[0])  # "X udtræder af Y og" / "Z indtræder i Y"
                left = None
            if status is None or _stated_before(st, ln, ev["name"], status):
                continue
            ev = _from_title(st, it, ev)
            _add(st, it, ln, ev, org, status, decided_in=it.number if (is_udp or decided) and it.number else None)


_ELECTION_TITLE = re.compile(r"^\s*(?:Valg|Konstituering)\s+af\s+(?P<role>[\w.\s-]+?)\s*$", re.IGNORECASE)
_SUBSTITUTE_FOR = re.compile(r"stedfortræder\s+for\s+(?P<name>.+?)\s*$", re.IGNORECASE)


def _from_title(st: State, it: Item, ev: dict) -> dict:
    """What the item's title adds: the role of "Valg af borgmester", the member a substitute stands in for
    ("Indkaldelse af stedfortræder for Iben Sønderup")."""
    title = it.title or ""
    m = _ELECTION_TITLE.match(title)
    if ev.get("role") is None and m and st.gz.canonical_role(m.group("role").lower()):
        ev = dict(ev, role=st.gz.canonical_role(m.group("role").lower()))
    m = _SUBSTITUTE_FOR.search(title)
    if ev.get("role") == "stedfortræder" and not ev.get("replaces") and m and plausible_name(m.group("name")):
        ev = dict(ev, replaces=m.group("name"))
    return ev


def _add(st: State, it: Item, ln: Line, ev: dict, org: OrgRef, status: str, decided_in: Optional[str]) -> None:
    code, _ = st.municipality(ev.get("place"))
    role = ev.get("role")
    pm = st.mention(ev["name"], ln, party=ev.get("party"), municipality=code, municipality_name=ev.get("place"),
                    roles=[role] if role else [])
    replaced = None
    if ev.get("replaces"):
        _, old = split_title(ev["replaces"], st.gz.roles_used_as("title"))
        replaced = st.mention(old, ln)
    st.facts.memberships.append(MembershipFact(
        person=pm, organization=org, role=st.seat_role(role) if role else None, status=status, evidence=st.ev(ln),
        party=pm.party, municipality=pm.municipality, item_number=it.number or None, replaces=replaced,
        decided_in=decided_in))


def _stated_before(st: State, ln: Line, name: str, status: str) -> bool:
    """Another reader already placed this person's move on this line (graphbuild_appointments)."""
    same = ("appointed", "proposed") if status in ("appointed", "proposed") else (status,)
    return any(m.evidence.line == ln.line and m.status in same and m.person.name in (name, name.split()[-1])
               for m in st.facts.memberships)


def _body(st: State, ev: dict) -> Optional[OrgRef]:
    """The event's body as an organisation; None when the sentence names none (the caller falls back)."""
    org = ev.get("org")
    if org and not ev.get("generic"):
        if ev.get("org_id"):
            if ev.get("org_label") == "COUNCIL" and st.council is not None and \
                    org.lower() in st.council.surface.lower():
                return st.council  # "Byrådet" in Vejen's minutes: Vejen's
            kind = "council" if ev.get("org_label") == "COUNCIL" else "body"
            # a name several regional bodies share ("Forretningsudvalget") is the one the document's region picks
            return st.org(org, kind=kind) if len(st.gz.lookup_org_candidates(org)) > 1 else \
                OrgRef(surface=" ".join(org.split()), org_id=ev["org_id"], kind=kind)
        council = st.council.surface.lower() if st.council is not None else ""
        if council and (ev.get("org_label") == "COUNCIL" or council == org.lower() or
                        council.startswith(org.lower() + " ")):
            return st.council  # "Byrådet" (its form only) in the minutes of Byrådet Vejen
        ref = st.org(org)
        if ref is not None and ref.org_id is None:
            ref.part_of = ev.get("owner_id") or _owner(st, ref.surface)
        return ref
    return None


def _awaiting_review(st: State, ref: OrgRef, ln: Line) -> OrgRef:
    """An organisation named by its form only ("Forretningsudvalget", "Havnebestyrelsen") is kept as org_forms.py
    keeps it: an organisation awaiting review, a generic name scoped to its owner (the seat's reference, with no
    id, is given that body by the resolver)."""
    if ref.org_id or ref.kind == "council":
        return ref
    forms = org_form_spans(ref.surface)
    if len(forms) != 1 or forms[0].start != 0 or forms[0].end != len(ref.surface):
        return ref
    f = forms[0]
    oid = review_id(f.name, f.scope, document_scope(st))
    if all(o.ref_id != oid for o in st.facts.review_organizations):
        st.facts.review_organizations.append(OrgMention(surface=f.name, kind="body", ref_id=oid, evidence=st.ev(ln),
                                                        classification=f.classification))
    return ref


def _fallback(st: State, it: Item, ln: Line) -> Optional[OrgRef]:
    """The body of the item's title ("Valg af formand for Udvalget for X"), else the document's council, else
    a council the line names ("Silkeborg Kommune: Byrådet har godkendt, at ..."); a title naming a person
    ("Indkaldelse af stedfortræder for Iben Sønderup") names no body."""
    ref = _body_for(st, it, None) if it.title else None
    if ref is not None and plausible_name(ref.surface):
        ref = None
    return ref or st.council or _line_council(st, ln.text)


_KOMMUNE = re.compile(r"(?<![\w-])(?P<name>[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+)?)\s+Kommunes?\b")


def _line_council(st: State, text: str) -> Optional[OrgRef]:
    """A council word on the line (council_words.csv), placed by the one municipality the line names."""
    words = council_words()
    found = next((words[w] for w in re.findall(r"[\wæøåÆØÅ]+", text) if w in words), None)
    if found is None:
        return None
    places = {st.gz.lookup_municipality(m.group(0)) for m in _KOMMUNE.finditer(text)} - {None}
    if len(places) == 1:
        rec = places.pop()
        return st.council_ref(f"{found} {rec.short_name or rec.name}")
    return None


def _owner(st: State, surface: str) -> Optional[str]:
    """'Erhvervshus Sjællands bestyrelse', 'bestyrelsen for Midttrafik': the known body whose board it is."""
    m = _BOARD_OWNER.match(surface)
    if m is None:
        return None
    ref = st.known_org(m.group("owner") or m.group("inner"))
    return ref.org_id if ref is not None else None
