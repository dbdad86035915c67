"""Appointments, resignations and proposals in agenda items; seats offered to parties."""
from __future__ import annotations

import re
from typing import Optional

from ..model import Item, Line, MembershipFact, OrgRef, PersonMention, SeatFact
from .across import across_lines
from .names import PERSONISH, UP
from .items import sections_named
from .state import APPOINTMENT_TITLE, State, doc_of
from .status import stated_status

# --------------------------------------------------------------- appointments
_TITLE_BODY = re.compile(r"\b(?:til|i|for)\s+(?P<org>(?:[Ss]amarbejdsudvalget|[Bb]estyrelsen|[Uu]dvalget|"
                         rf"[{UP}]).*)$")


def _title_body(it: Item) -> Optional[str]:
    m = _TITLE_BODY.search(it.title)
    if not m:
        return None
    s = m.group("org").strip()
    s = re.sub(r"\)\)+$", ")", s)
    return s


def _body_for(st: State, it: Item, surface: Optional[str]) -> Optional[OrgRef]:
    """The body of an appointment: as named in the sentence, completed from the item text/title."""
    title = _title_body(it)
    cands = []
    if surface:
        s = re.sub(r"^(?:den|det|de)\s+", "", " ".join(surface.split()), flags=re.IGNORECASE)
        cands.append(s)
        inner = re.sub(r"^(?:bestyrelsen|styrelsen|udvalget)\s+(?:i|for|hos)\s+", "", s, flags=re.IGNORECASE)
        if inner != s:
            cands.append(inner)
    if title:
        cands.append(title)
        ab = re.search(r"\(([^()]+)\)", title)
        if ab:
            cands.append(ab.group(1))
            cands.append(re.sub(r"\s*\([^()]*\)\)*", "", title))
    for c in cands:
        ref = st.known_org(c)
        if ref is not None:
            return ref
    if not cands:
        return None
    best = cands[0]
    # complete "samarbejdsudvalget vedr. psykologhjælp" from the item ("... i Hovedstaden")
    text = "\n".join([it.title] + [ln.text for ln in it.lines])
    m = re.search(re.escape(best) + r"(?P<more>(?:\s+(?:for|i|vedr\.|vedrørende|om)\s+[^,.;:\n()]+)+)", text,
                  re.IGNORECASE)
    if m:
        best = best + m.group("more")
    if title and title.lower().startswith(best.lower()):
        best = title
    best = re.sub(r"\s*\(?\b(?:DF|[A-ZÆØÅ])\)?$", "", best).strip()
    return OrgRef(surface=best[:1].upper() + best[1:], org_id=None, kind="body")


def appointments(st: State, it: Item, body: Optional[list[Line]] = None):
    is_udp = bool(APPOINTMENT_TITLE.search(it.title))
    decided = bool(sections_named(it, "Beslutning"))
    last_resigned: Optional[PersonMention] = None
    body = [ln for ln in (it.lines if body is None else body) if ln.text.strip()]
    across = across_lines(st, body)
    for i, ln in enumerate(body):
        d = doc_of(st, ln)
        apps = [(a, ln) for a in st.own(ln, "gb_appointments", d._.gb_appointments if d is not None else None)]
        if i in across and across[i][1].get("gb_appointments"):
            jl = across[i][0]
            apps = sorted(apps + [(a, jl) for a in across[i][1]["gb_appointments"]], key=lambda x: x[0]["start"])
        handled = False
        for a, ln in apps:
            kind = a["kind"]
            if kind == "seat":
                handled = True
                status = a["seat"]
                party = st.gz.party_letter(a.get("party")) if a.get("party") else None
                if party is None and a.get("abbr"):
                    party = {"DF": "O"}.get(a["abbr"], a["abbr"] if len(a["abbr"]) == 1 else None)
                org = _body_for(st, it, None) if (is_udp or status != "invited") else None
                if org is None and status == "invited":
                    org = _body_for(st, it, None)
                if org is not None:
                    st.facts.seats.append(SeatFact(organization=org, status=status, evidence=st.ev(ln), party=party,
                                                   item_number=it.number,
                                                   invited=st.council if status == "invited" else None))
                continue
            code, canon = st.municipality(a.get("place"))
            pm = st.mention(a["name"], ln, party=a.get("party"), municipality=code,
                            municipality_name=a.get("place"))
            org = _body_for(st, it, a.get("org"))
            handled = True
            if org is None:
                st.unresolved(ln)
                continue
            status = stated_status(st, it, ln, kind, decided)
            if status is None:
                continue
            # The item decides the seat when it is an appointment item, or when its decision names the person.
            names_person = decided and any(a["name"] in s.text or a["name"].split()[-1] in s.text
                                           for sec in sections_named(it, "Beslutning") for s in sec.lines)
            mf = MembershipFact(person=pm, organization=org, role=st.seat_role(a.get("role")), status=status,
                                evidence=st.ev(ln), party=pm.party, municipality=pm.municipality,
                                item_number=it.number, decided_in=it.number if is_udp or names_person else None)
            if kind == "resigned":
                last_resigned = pm
            elif kind == "appointed" and last_resigned is not None:
                mf.replaces = last_resigned
            st.facts.memberships.append(mf)
        ln = body[i]
        if not handled and is_udp and d is not None and re.search(
                r"udtræde|indtræde|udpeges|foreslås|trække sig", ln.text) and PERSONISH.search(ln.text):
            st.unresolved(ln)


def seats_in_attachment(st: State, att):
    """'inviteres KKR Sjælland til at indstille et medlem og en suppleant til overvågningsudvalget for X'."""
    for ln in att.lines:
        d = doc_of(st, ln)
        for a in (d._.gb_appointments if d is not None else None) or []:
            if a["kind"] != "seat" or a["seat"] != "invited":
                continue
            m = re.search(r"\btil\s+at\s+(?:indstille|udpege)\s+[^.]*?\btil\s+(?P<org>[^,.;]+)", ln.text)
            if not m:
                continue
            org = st.known_org(m.group("org")) or OrgRef(surface=m.group("org").strip(), kind="body")
            inv = None
            im = re.search(r"inviteres\s+(?P<who>KKR\s+[{}][\w]+)".format(UP), ln.text)
            if im:
                inv = st.council_ref(im.group("who"))
            st.facts.seats.append(SeatFact(organization=org, status="invited", evidence=st.ev(ln),
                                           item_number=att.item_number, invited=inv or st.council))

