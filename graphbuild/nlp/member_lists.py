"""Member lists of a page: a heading ("Medlemmer", "Kommunale medlemmer:", "Bestyrelsen:") and one person a line.

    Regionsrådsmedlemmer:                        Kommunale medlemmer:
    Henrik Fjeldgaard (A) (formand)               • Mads Skau, Borgmester, Haderslev Kommune
    Annette Roed (A)                              • Anne Mette Vind, Sygeplejefaglig direktør, Psykiatrien
    Ib Boye Lauritsen (V), Ikast-Brande (næstformand)

Each listed person is a member ("medlem") of the body the page is about (the document's council, else the
body the page's first lines name), with the party letter, the municipality and a chair's role ("(formand)") the
line gives; a role and organisation after the name ("Sygeplejefaglig direktør, Psykiatrien") is a role there too.
A field line "Formand: Name (A), borgmester i Lejre Kommune" gives the role in the page's body.
"""
from __future__ import annotations

import re
from typing import Optional

from ..gazetteer import org_word_alternation
from ..model import Line, MembershipFact, OrgRef, PersonMention
from .components.participants import parse_participant
from .names import NAME, UP, plausible_name
from .state import State

_BULLET = re.compile(r"^\s*(?:[•◦▪●·‣⁃○■□➢►*–-]|\d{1,2}\.)?\s*")
_MEMBER_WORDS = re.compile(r"medlem|deltager|bestyrelse|repræsentant|sammensætning|politikere", re.IGNORECASE)
# a page's own body in its first lines: "Sundhedskoordinationsudvalget har til formål", "Panelets opgaver er"
_BODY_WORD = re.compile(rf"(?<![\w-])([{UP}][\w-]*(?:{org_word_alternation('page_body')}))(?:s)?(?![\w-])")
_FIELD = re.compile(r"^(?P<role>[A-ZÆØÅ][a-zæøå. -]{2,40}?)\s*:\s*(?P<rest>\S.*)$")


def _is_heading(text: str) -> bool:
    t = text.strip()
    return 0 < len(t.split()) <= 8 and bool(_MEMBER_WORDS.search(t)) and (t.endswith(":") or len(t.split()) <= 3)


def subject_body(st: State, lines: list[Line]) -> Optional[OrgRef]:
    """The body a page is about: the document's council, else a body its first lines name."""
    if st.council is not None:
        return st.council
    firsts = [ln for ln in lines if ln.text.strip()][:6]
    for ln in firsts:
        for org in st.facts.organizations:
            if org.evidence.line == ln.line and org.kind in ("body", "council") and org.ref_id:
                return OrgRef(surface=org.surface, org_id=org.ref_id, kind=org.kind)
        m = _BODY_WORD.search(ln.text)
        if m:
            return st.org(m.group(1))
    return None


def _entry(st: State, text: str) -> Optional[dict]:
    """One listed person: 'Name', 'Name (A) (formand)', 'Name (V), Ikast-Brande', 'Name, Role, Organisation',
    'Formand Jacob Bundsgaard (A), Aarhus' (a title first: the role)."""
    t = _BULLET.sub("", text).strip()
    first = t.split(" ", 1)
    title = first[0].lower() if len(first) == 2 and first[0].lower() in st.gz.roles_used_as("title") else None
    if title:
        t = first[1]
    found = dict(name=t, party=None, place=None, role=None) if plausible_name(t) else parse_participant(t)
    place = (found or {}).get("place") or ""
    if "(" in place or any(len(part.split()) > 3 for part in place.split(",")):
        return None  # "…, Suppleant for Brian Møller (A)", "… fra X Kommune deltager også i …": a sentence
    if found is not None and title:
        found = dict(found, role=title, title=True)
    return found


def _place_parts(st: State, place: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(municipality as written, role, organisation) of what follows the name and party."""
    muni = role = None
    rest: list[str] = []
    for part in [p.strip() for p in (place or "").split(",") if p.strip()]:
        if muni is None and not rest and st.municipality(part)[0]:
            muni = part
        elif role is None and not rest and (st.gz.canonical_role(part.lower()) or _role_like(part)):
            role = part.lower()
        elif role is not None:
            rest.append(part)
    return muni, role, ", ".join(rest) or None


_ROLE_END = re.compile(r"(?:direktør|chef|leder|formand|borgmester|konsulent|sekretær|rådmand)$", re.IGNORECASE)


def _role_like(part: str) -> bool:
    return len(part.split()) <= 3 and bool(_ROLE_END.search(part))


def _same_org(a: OrgRef, b: OrgRef) -> bool:
    return a is b or (a.org_id is not None and a.org_id == b.org_id) or a.surface == b.surface


def _seat(st: State, pm: PersonMention, org: OrgRef, role: str, ln: Line, code: Optional[str] = None) -> None:
    if any(ms.person.name == pm.name and ms.role == role and _same_org(ms.organization, org)
           for ms in st.facts.memberships):
        return
    st.facts.memberships.append(MembershipFact(person=pm, organization=org, role=role, status="member",
                                               evidence=st.ev(ln), party=pm.party, municipality=code))


def _mention_on(st: State, ln: Line, name: str, **kw) -> PersonMention:
    for m in st.facts.mentions:
        if m.evidence.line == ln.line and m.name == name:
            m.party = m.party or kw.get("party")
            return m
    return st.mention(name, ln, **kw)


def _place_entry(st: State, body: OrgRef, e: dict, ln: Line, field_role: Optional[str] = None) -> None:
    muni, role, org = _place_parts(st, e.get("place"))
    code, _ = st.municipality(muni)
    pm = _mention_on(st, ln, e["name"], party=e.get("party"), municipality=code, municipality_name=muni)
    if field_role is None and not e.get("title"):  # "Formand: X", "Formand X" name the chair, not a member
        _seat(st, pm, body, "medlem", ln, code)
    chair = field_role or e.get("role")
    if chair and st.role(chair) in st.gz.roles_used_as("council_list") and st.role(chair) != "medlem":
        _seat(st, pm, body, st.role(chair), ln, code)
    if role and (org or code):  # "Borgmester, Haderslev Kommune", "afdelingschef, Regionshuset"
        where = st.municipality_org(st.municipality(org)[0] if org else code) or st.org(org)
        _seat(st, pm, where, st.role(role), ln, code)


# a line that is only a body's name ("Økonomi- og Erhvervsudvalget"), then "Formand Erik Flyvholm" lines
_BODY_HEADING = re.compile(rf"^[{UP}][\w ,–-]{{0,80}}?(?:{org_word_alternation('body_heading')})$")
_TITLE_NAME = re.compile(rf"^(?P<role>[{UP}][\w. -]{{2,40}}?)\s+(?P<name>{NAME})$")


def _title_line(st: State, text: str) -> Optional[tuple[str, str]]:
    """('formand', 'Erik Flyvholm') for 'Formand Erik Flyvholm': a role word and a name, nothing else."""
    m = _TITLE_NAME.match(text)
    if m is None or not plausible_name(m.group("name")):
        return None
    role = st.gz.canonical_role(m.group("role").lower())
    return (m.group("role").lower(), m.group("name")) if role else None


def _named_here(st: State, text: str) -> OrgRef:
    """The organisation this document names so (an organisation awaiting review, or one the reference data knows,
    as the org readers placed it), else a body of the document's naming. Not looked up again by name: a bare
    "Teknik- og Miljøudvalget" in a municipality's text is its own committee, not KL's."""
    key = " ".join(text.split()).casefold()
    for o in [*st.facts.review_organizations, *st.facts.organizations]:
        if " ".join(o.surface.split()).casefold() == key and o.ref_id and o.kind in ("body", "council"):
            return OrgRef(surface=o.surface, org_id=o.ref_id, kind=o.kind)
    return OrgRef(surface=text, org_id=None, kind="body")


_OWNED = re.compile(rf"[{UP}][\w-]*(?:'s|s|')\s+(?:{org_word_alternation('organ_owned')})")


_PART_HEADING = re.compile(r"^(?P<head>[\w-]+)\s*\((?P<part>[^()]{3,40})\)$")


def _part_of(body: OrgRef, text: str) -> Optional[OrgRef]:
    """'Sundhedsklynge (politisk niveau)' on the page of Sundhedsklynge Sønderjylland: that part of the body."""
    m = _PART_HEADING.match(text)
    if m is None or m.group("head").lower() not in body.surface.lower().split():
        return None
    return OrgRef(surface=f"{body.surface} ({m.group('part')})", org_id=None, kind=body.kind,
                  part_of=body.org_id)


def member_lists(st: State, lines: list[Line]) -> None:
    """Members listed under a heading, one a line, and "Formand: Name" fields (see the module docstring)."""
    page_body = body = subject_body(st, lines)
    heading_body: Optional[OrgRef] = None
    in_list = False
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        part = _part_of(page_body, text) if page_body is not None else None
        if part is not None:  # the lists below are of this part of the body
            body, in_list = part, False
            continue
        if _BODY_HEADING.match(text) and not _is_heading(text):  # "Økonomi- og Erhvervsudvalget" over its chairs
            heading_body, in_list = _named_here(st, text), False
            continue
        titled = _title_line(st, text) if heading_body is not None else None
        if titled is not None:  # "Formand Erik Flyvholm" under the body's name
            pm = _mention_on(st, ln, titled[1])
            _seat(st, pm, heading_body, st.role(titled[0]), ln)
            continue
        field = _FIELD.match(_BULLET.sub("", text))
        if field and st.role(field.group("role").lower()) in st.gz.roles_used_as("council_list"):
            e = _entry(st, field.group("rest"))
            if e is not None:
                _place_entry(st, body, e, ln, field_role=field.group("role").lower())
            continue
        if _is_heading(text):
            in_list = True
            owned = _OWNED.search(text)  # "Medlemmerne af KL's formandskab er:": the lists below are its members
            named = st.known_org(owned.group(0)) if owned else None
            body = named or (body if body is not page_body and not owned else page_body)
            continue
        e = _entry(st, text) if in_list and body is not None else None
        if e is None:
            in_list = False
            continue
        _place_entry(st, body, e, ln)
