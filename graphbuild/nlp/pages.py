"""Text outside items: member pages, news, headers; organisations named anywhere."""
from __future__ import annotations

import re

from ..model import Item, Line, MembershipFact, OrgMention
from .names import has_name
from .people import named_with_party, people_in_lines
from .events import stated_appointments
from .seats import appointments
from .spans import doc_ents
from .state import State, doc_of

# ------------------------------------------------------ text outside items
def free_text(st: State, free: list[Line]):
    """Lines outside the participant block, the items and the appendices: a member page, a news item, the
    header of minutes.  People listed as "Name (A), Place (role)" are placed (attendance only where the
    document has a participant block: here they are members of the body the document is about, when it
    names one); every other line goes through the same role, report and appointment readers as an item."""
    rest = []
    for ln in free:
        d = doc_of(st, ln)
        p = d._.gb_participant if d is not None else None
        if p is None or p["name"] in st.participants:
            rest.append(ln)
            continue
        code, _ = st.municipality(p["place"])
        role = p["role"]
        if p["party"] is None and code is None and not p.get("independent") and not (
                role and role in st.gz.role_words()):
            rest.append(ln)  # "Hanne Staff, Jens Himmelstrup": a list of names, not a listed member
            continue
        pm = st.mention(p["name"], ln, party=p["party"], municipality=code, municipality_name=p["place"],
                        roles=[role] if role else [])
        st.participants.setdefault(p["name"], pm)
        if st.council is not None and st.doc.kind in ("members", "other"):
            st.facts.memberships.append(MembershipFact(person=pm, organization=st.council,
                                                       role=st.council_list_role(role),
                                                       status="member", evidence=st.ev(ln), party=p["party"],
                                                       municipality=code))
    if not rest:
        _sentences(st, free)
        return
    people_in_lines(st, rest, None)
    named_with_party(st, rest)
    page = Item(number="", title="", line=rest[0].line, lines=rest)
    appointments(st, page, rest)
    _sentences(st, free)
    if st.doc.items or st.doc.attachments:
        return  # a meeting document's header and table of contents: titles, not people to review
    placed = {m.evidence.line for m in st.facts.mentions}
    for ln in rest:
        if ln.line not in placed and st.gate.may_place_person(ln.text) and has_name(ln.text):
            st.unresolved(ln)  # a person with a role or an appointment we could not place: kept for review


def _sentences(st: State, free: list[Line]) -> None:
    """Appointments stated in sentences on every free line, a participant line too ("... har udpeget X som
    stedfortræder for Y"); after the other readers, which keep what they found."""
    if free:
        stated_appointments(st, Item(number="", title="", line=free[0].line, lines=free), free)


def named_organizations(st: State, lines: list[Line]):
    """Every organisation a reference list knows (council, body, region, party, a municipality written as
    "X Kommune"), once, where first named."""
    seen = set()
    if st.council is not None and st.council.org_id and st.doc.council_line:
        seen.add(st.council.org_id)
        ln = next((x for x in st.doc.source.lines if x.line == st.doc.council_line), None)
        if ln is not None:
            st.facts.organizations.append(OrgMention(surface=st.council.surface, kind="council",
                                                     ref_id=st.council.org_id, evidence=st.ev(ln)))
    for ln in lines:
        d = doc_of(st, ln)
        for e in (doc_ents(d) if d is not None else ()):
            if e.label_ not in ("BODY", "COUNCIL", "REGION", "PARTY", "MUNICIPALITY") or not e.ent_id_:
                continue
            if e.label_ == "PARTY" and len(e.text) <= 2:
                continue  # a bare letter is a party only after a name ("(A)"), read with the person
            if e.label_ == "MUNICIPALITY" and not re.search(r"[Kk]ommune", e.text):
                continue  # "Aarhus" may be a town; "Aarhus Kommune" is the authority
            key = (e.label_, e.ent_id_)
            if key in seen:
                continue
            seen.add(key)
            st.facts.organizations.append(OrgMention(surface=e.text, kind=e.label_.lower(), ref_id=e.ent_id_,
                                                     evidence=st.ev(ln)))

