"""People in member lists, with roles, reporting from a body, or named with a party letter."""
from __future__ import annotations

import re
from typing import Optional

from ..gazetteer import org_word_alternation
from ..model import AttendanceFact, Item, Line, MembershipFact, OrgRef, PersonMention
from .names import NAME, PERSONISH, UP, plausible_name, split_title
from .across import across_lines
from .state import SIGNOFF, State, doc_of

# -------------------------------------------------------------- participants
def _absent_after_all(st: State, name: str, status: str) -> None:
    """A member list followed by "Fraværende: NAME": the listed absentee was absent, not present."""
    if status != "absent":
        return
    st.facts.attendance = [a for a in st.facts.attendance
                           if not (a.status == "present" and a.person.name == name)]


def participants(st: State, lines: list[Line], status: str):
    seen_names = set()
    for ln in lines:
        d = doc_of(st, ln)
        p = d._.gb_participant if d is not None else None
        names = None
        if p is None or p["party"] is None:
            names = _name_list(ln.text)
            if names and len(names) == 1 and p is not None:
                names = None  # "Anne Hansen, KL": one name with an affiliation, read below
        if names:
            # "Arne Ebsen, Birger Jensen, Christian Ulrich og Finn Olsen": names only, each attended (or not)
            for name in names:
                if name in seen_names:
                    continue
                seen_names.add(name)
                _absent_after_all(st, name, status)
                pm = st.mention(name, ln)
                st.participants.setdefault(name, pm)
                st.facts.attendance.append(AttendanceFact(person=pm, status=status, role=None, evidence=st.ev(ln)))
                if _has_members(st.council):  # listed at the council's meeting: a member of it
                    st.facts.memberships.append(MembershipFact(person=pm, organization=st.council, role="medlem",
                                                               status="member", evidence=st.ev(ln)))
            continue
        if p is None:
            if PERSONISH.search(ln.text):
                st.unresolved(ln)
            continue
        if p["name"] in seen_names:
            continue
        seen_names.add(p["name"])
        _absent_after_all(st, p["name"], status)
        code, canon = st.municipality(p["place"])
        role = p["role"]
        if p["party"] is None and code is None and not p.get("independent"):
            # an official ("Name, KL"): attends, but is no member of the council
            org = st.org(p["place"])
            pm = st.mention(p["name"], ln, roles=[role] if role else [])
            st.facts.attendance.append(AttendanceFact(person=pm, status=status, role=role, evidence=st.ev(ln)))
            if org is not None and org.org_id and role:
                st.facts.memberships.append(MembershipFact(person=pm, organization=org, role=role, status="member",
                                                           evidence=st.ev(ln)))
            continue
        pm = st.mention(p["name"], ln, party=p["party"], municipality=code,
                        municipality_name=p["place"], roles=[role] if role else [])
        st.participants.setdefault(p["name"], pm)
        st.facts.attendance.append(AttendanceFact(person=pm, status=status, role=role, evidence=st.ev(ln)))
        if st.council is not None:
            st.facts.memberships.append(MembershipFact(person=pm, organization=st.council,
                                                       role=st.council_list_role(role),
                                                       status="member", evidence=st.ev(ln), party=p["party"],
                                                       municipality=code, start_date=None))


# a body whose name says it seats members (a council, board, committee): its participant list lists members; a
# network's or an administration's meeting lists participants ("Kommunaldirektørnetværket")
_SEATS_MEMBERS = re.compile(rf"(?:{org_word_alternation('seats_members')})\b"
                            r"|\bKKR\b", re.IGNORECASE)


def _has_members(council: Optional[OrgRef]) -> bool:
    return council is not None and bool(_SEATS_MEMBERS.search(council.surface.strip()))


_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bog\b|&)\s*")


def _name_list(text: str) -> Optional[list[str]]:
    """The names of a line that is only a list of names ('A B, C D og E F'), else None."""
    parts = [p.strip(" .") for p in _LIST_SPLIT.split(text.strip(" |."))]
    parts = [p for p in parts if p]
    names = [p for p in parts if plausible_name(p)]
    if not names or len(names) < 0.8 * len(parts):
        return None
    return names


# --------------------------------------------------- people with roles, reports
def _org_ref(st: State, info: dict) -> Optional[OrgRef]:
    org = info.get("org")
    if not org:
        return None
    if org.upper() in ("KKR",) and st.council is not None:
        return st.council
    label = info.get("org_label")
    if label == "MUNICIPALITY":
        return None
    if label == "PARTY":
        return None
    kind = "council" if label == "COUNCIL" else "body"
    if info.get("org_id"):
        return OrgRef(surface=" ".join(org.split()), org_id=info["org_id"], kind=kind)
    ref = st.org(org, kind=kind)
    if ref is not None and ref.org_id is None:
        # "GCPHEUs bestyrelse", "bestyrelsen i IBOS": a seat on the board of a body we know is a seat in that body
        m = _BOARD_OF.match(" ".join(org.split()))
        inner = (m.group("owner") or m.group("inner")) if m else None
        known = st.known_org(inner) if inner else None
        if known is not None:
            return known
        # unknown body: keep the phrase, minus a leading article ("den politiske udviklingsgruppe")
        s = re.sub(r"^(?:den|det|de)\s+", "", ref.surface, flags=re.IGNORECASE)
        if not re.search(rf"[{UP}]", s) and len(s.split()) == 1:
            return None  # a lowercase single word ("bestyrelsen") names no organisation we can place
        ref.surface = s
        ref.part_of = _known_owner(st, s)
    return ref


_OWNER = re.compile(r"\s(?:i|for|under|hos|til)\s+(?:(?:den|det|de)\s+)?")


def _known_owner(st: State, surface: str) -> Optional[str]:
    """A group of a body the gazetteer knows ("politiske partnerskabsgruppe i det nuværende nationale
    DK2020-partnerskab" -> the DK2020 partnership): the org_id of the body named after "i/for/under/hos", tried
    from the whole rest down to its last words, else None."""
    for m in _OWNER.finditer(surface):
        words = surface[m.end():].split()
        for k in range(len(words)):
            ref = st.known_org(" ".join(words[k:]))
            if ref is not None and ref.kind == "body":
                return ref.org_id
    return None


_BOARD_OF = re.compile(rf"^(?:(?P<owner>.+?)(?:'s|s|')\s+(?:{org_word_alternation('organ_of_owner')})|"
                       rf"(?:{org_word_alternation('organ_in')})\s+(?:i|for|hos)\s+"
                       r"(?P<inner>.+))$", re.IGNORECASE)


def _membership_from_role(st: State, pm: PersonMention, role: str, info: dict, ln: Line,
                          item_number: Optional[str], place_code: Optional[str] = None):
    org = _org_ref(st, info)
    code = place_code
    if info.get("org_label") == "MUNICIPALITY" or (org is None and info.get("org")):
        c, _ = st.municipality(info.get("org"))
        code = code or c
    if org is None and code and (info.get("org") or place_code):
        org = st.municipality_org(code)  # "borgmester i Herlev", "direktør, Aarhus Kommune": the municipality
    if org is None:
        return
    st.facts.memberships.append(MembershipFact(person=pm, organization=org, role=st.role(role),
                                               status="member", evidence=st.ev(ln), party=pm.party,
                                               municipality=code or pm.municipality, item_number=item_number))


def people_in_lines(st: State, lines: list[Line], it: Optional[Item], item_number: Optional[str] = None):
    number = item_number or (it.number if it else None)
    body = [ln for ln in lines if ln.text.strip()]
    last_signoff = -99
    pending: Optional[tuple[PersonMention, Line]] = None  # a name-only / role+name line awaiting its role line
    across = across_lines(st, body)
    for i, ln in enumerate(body):
        if i in across:
            jl, found = across[i]
            _place_roles(st, found.get("gb_person_roles", []), jl, number)
            _place_reports(st, found.get("gb_reports", []), jl, number)
        text = ln.text.strip()
        if SIGNOFF.match(text):
            last_signoff = i
            pending = None
            continue
        d = doc_of(st, ln)
        if d is None:  # a line the gate turned away: it carries nothing, but it ends a signature
            pending = None
            continue
        if d._.gb_role_only and pending is not None:
            pm, pln = pending
            r = dict(d._.gb_role_only)
            r["role"] = st.role(r["role"])
            pm.roles.append(r["role"])
            # A signature's role line ("Formand for KKR Sjælland") says nothing without the name line above
            # it: the evidence starts on the name's line and quotes both.
            sig = Line(pln.text.strip() + " " + ln.text.strip(), pln.line) if pln.line != ln.line else ln
            _membership_from_role(st, pm, r["role"], r, sig, number)
            if not r.get("org"):
                pending = None
            continue
        if d._.gb_name_only:
            nxt = body[i + 1] if i + 1 < len(body) else None
            nd = doc_of(st, nxt) if nxt is not None else None
            if i - last_signoff <= 3 or (nd is not None and nd._.gb_role_only):
                pending = (st.mention(d._.gb_name_only, ln), ln)
            continue
        pending = None
        for r, pm in _place_roles(st, st.own(ln, "gb_person_roles", d._.gb_person_roles), ln, number):
            if len(body) > i + 1 and r.get("line_start") and len(text) <= 60:
                pending = (pm, ln)  # "Borgmester Niels Hörup, Solrød" + "Formand for KKR Sjælland"
        _place_reports(st, st.own(ln, "gb_reports", d._.gb_reports), ln, number)


def _place_roles(st: State, raw: list[dict], ln: Line, number: Optional[str]) -> list[tuple[dict, PersonMention]]:
    """People named with a role on one line (or one sentence over two): a mention each, and memberships."""
    done = set()
    placed = []
    found = [dict(r, role=st.role(r["role"])) for r in raw]
    line_mentions: dict[str, PersonMention] = {}
    for r in found:  # one mention per person and line, carrying every role and the municipality
        if r["name"] in line_mentions:
            continue
        code, mname = None, None
        for x in found:
            if x["name"] != r["name"]:
                continue
            if x.get("place"):
                code, mname = st.municipality(x["place"])[0], x["place"]
            elif x.get("org_label") == "MUNICIPALITY":
                code, mname = st.municipality(x["org"])[0], x["org"]
            if code:
                break
        roles = list(dict.fromkeys(x["role"] for x in found if x["name"] == r["name"]))
        line_mentions[r["name"]] = st.mention(r["name"], ln, municipality=code, municipality_name=mname,
                                              roles=roles)
    for r in found:
        key = (r["name"], r["role"])
        if key in done:
            continue
        done.add(key)
        pm = line_mentions[r["name"]]
        _membership_from_role(st, pm, r["role"], r, ln, number, place_code=pm.municipality)
        placed.append((r, pm))
    return placed


def _place_reports(st: State, raw: list[dict], ln: Line, number: Optional[str]):
    for r in raw:
        pm = st.mention(r["name"], ln)
        org = _org_ref(st, r)
        if org is not None:
            st.facts.memberships.append(MembershipFact(person=pm, organization=org, role="medlem",
                                                       status="reports_from", evidence=st.ev(ln),
                                                       party=pm.party, municipality=pm.municipality,
                                                       item_number=number))


NAME_PARTY = re.compile(rf"(?<![\w-])(?P<name>{NAME})\s*\((?P<party>[{UP}]{{1,2}})\)")


def named_with_party(st: State, lines: list[Line]):
    """'... ringede Ove Nørholm (K) med klokken': a person named with a party letter in running text."""
    letters = {m.party for m in st.facts.mentions if m.party}
    known = set(st.gz.parties)
    placed = {(m.evidence.line, m.name) for m in st.facts.mentions}
    for ln in lines:
        if "(" not in ln.text:
            continue
        for m in NAME_PARTY.finditer(ln.text):
            name, party = split_title(m.group("name"), st.gz.roles_used_as("title"))[1], m.group("party")
            if (ln.line, name) in placed or not plausible_name(name):
                continue
            if known and party not in known and party not in letters:
                continue
            placed.add((ln.line, name))
            st.mention(name, ln, party=party)

