"""extract: StructuredDocument -> DocumentFacts.  Pure: no database, no network.

One spaCy pipeline, built once per gazetteer and cached:
    spacy.blank("da") + entity_ruler (gazetteer patterns) + graphbuild_participants
    + graphbuild_person_roles + graphbuild_body_reports + graphbuild_appointments
    + graphbuild_decision_outcome
Each normalised line that can carry a fact (components.LineGate; participant lines always)
is run through the pipeline exactly once (nlp.pipe), and two lines once more, joined, where a
sentence runs over the line end (_across_lines); the components (graphbuild/components.py) write per-line
findings to Doc extensions and this module turns them into facts, using what
only the document structure knows (participant block, item, section, the lines
around a signature).

Every fact's Evidence is (doc_id, Line.line = line in the ORIGINAL file,
quote(Line.text)).  Lines that look like they carry a participant or an
appointment but do not parse go to DocumentFacts.unresolved; nothing is guessed.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Optional

import spacy
from spacy.language import Language

from . import components as C
from .model import (QUOTE_MAX, AgendaItemFact, AreaMembershipFact, AttendanceFact, ConcernsFact, DecisionFact,
                    DocumentFacts, Evidence, FACTS_SCHEMA_VERSION, Item, Line, MeetingFact, MembershipFact, OrgMention,
                    OrgRef,
                    PersonMention, SeatFact, StructuredDocument, quote)

COUNCIL_ROLES = {"formand", "næstformand", "medlem"}
MEMBER_ROLE_WORDS = {"repræsentant": "medlem", "medlem": "medlem", "bestyrelsesmedlem": "medlem",
                     "suppleant": "suppleant", "formand": "formand", "næstformand": "næstformand"}
PARTY_NAMES = {
    "socialdemokratiet": "A", "radikale venstre": "B", "det konservative folkeparti": "C", "konservative": "C",
    "nye borgerlige": "D", "sf": "F", "socialistisk folkeparti": "F", "liberal alliance": "I",
    "kristendemokraterne": "K", "moderaterne": "M", "dansk folkeparti": "O", "venstre": "V",
    "danmarksdemokraterne": "Æ", "enhedslisten": "Ø", "alternativet": "Å",
}
SIGNOFF = re.compile(r"^(?:med\s+)?venlig(?:e|st)?\s+hilsen\b|^de\s+bedste\s+hilsner|^mvh\b", re.IGNORECASE)
APPOINTMENT_TITLE = re.compile(r"udpegning|udpegninger|repræsentant|bestyrelsesmedlem|nyt medlem|ny formand|"
                               r"indstilling til", re.IGNORECASE)
PERSONISH = re.compile(rf"[{C.UP}][{C.LO}]+ [{C.UP}][{C.LO}]+")


# ----------------------------------------------------------------- gazetteer
def _get(rec: Any, *names: str):
    if rec is None:
        return None
    for n in names:
        v = rec.get(n) if isinstance(rec, dict) else getattr(rec, n, None)
        if v:
            return v
    return None


class Gaz:
    """Duck-typed view of graphbuild.gazetteer.Gazetteer (records may be objects or dicts)."""

    def __init__(self, g: Any, regionskode: Optional[str] = None):
        self.g = g
        self.regionskode = regionskode  # the document's region: picks one of several regional variants

    def municipality(self, surface: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(kommunekode, canonical name) for a surface like 'Københavns Kommune', 'Lyngby', 'Bornholm'."""
        if not surface:
            return None, None
        s = " ".join(surface.split()).strip(" ,.")
        variants = [s]
        base = re.sub(r"\s+(?:Regions)?[Kk]ommune$", "", s)
        variants += [base, base + " Kommune"]
        if base.endswith("s"):
            variants += [base[:-1], base[:-1] + " Kommune"]
        for v in variants:
            rec = self._call("lookup_municipality", v)
            if rec is not None:
                if isinstance(rec, str):
                    return rec, None
                return _get(rec, "kommunekode", "code", "id"), _get(rec, "name")
        return None, None

    def org(self, surface: Optional[str], kind: str = "body") -> Optional[OrgRef]:
        if not surface:
            return None
        s = " ".join(surface.split()).strip(" ,.")
        rec = self.lookup_org(s)
        if rec is None:
            return OrgRef(surface=s, org_id=None, kind=kind)
        oid = rec if isinstance(rec, str) else _get(rec, "org_id", "id")
        k = _get(rec, "kind") if not isinstance(rec, str) else None
        return OrgRef(surface=s, org_id=oid, kind=k if k in ("council", "body", "party") else kind)

    def lookup_org(self, surface: str, regionskode: Optional[str] = None):
        rk = regionskode or self.regionskode
        fn = getattr(self.g, "lookup_org", None)
        if fn is None:
            return None
        try:
            return fn(surface, regionskode=rk) if rk else fn(surface)
        except TypeError:
            return fn(surface)
        except (KeyError, LookupError, ValueError):
            return None

    def region_code(self, surface: Optional[str]) -> Optional[str]:
        rec = self._call("lookup_region", surface) if surface else None
        return _get(rec, "regionskode", "code", "id") if rec is not None and not isinstance(rec, str) else rec

    def known_org(self, surface: Optional[str]) -> Optional[OrgRef]:
        ref = self.org(surface)
        return ref if ref and ref.org_id else None

    def council(self, name: Optional[str]) -> Optional[OrgRef]:
        if not name:
            return None
        ref = self.org(name, kind="council")
        if ref.org_id is None:
            councils = getattr(self.g, "councils", None) or {}
            for key, rec in (councils.items() if isinstance(councils, dict) else []):
                if key == name or _get(rec, "name") == name:
                    ref = OrgRef(surface=name, org_id=_get(rec, "org_id", "id") or key, kind="council")
                    break
        ref.kind = "council"
        return ref

    def party_letter(self, surface: Optional[str]) -> Optional[str]:
        if not surface:
            return None
        s = surface.strip()
        if len(s) <= 2 and s.isupper():
            return s
        letter = PARTY_NAMES.get(s.lower())
        if letter:
            return letter
        rec = self._call("lookup_party", s)
        return _get(rec, "letter") if rec is not None and not isinstance(rec, str) else rec

    def role_words(self) -> list[str]:
        roles = getattr(self.g, "roles", None) or {}
        words = list(roles.keys()) if isinstance(roles, dict) else list(roles)
        return sorted(set(C.DEFAULT_ROLE_WORDS) | {w.lower() for w in words if isinstance(w, str) and len(w) > 3})

    def canonical_role(self, role: str) -> str:
        fn = getattr(self.g, "canonical_role", None)
        if fn is not None:
            v = fn(role)
            if isinstance(v, str) and v:
                return v
        roles = getattr(self.g, "roles", None) or {}
        if isinstance(roles, dict):
            v = roles.get(role) or roles.get(role.lower())
            if isinstance(v, str):
                return v
        return role

    def patterns(self) -> list[dict]:
        fn = getattr(self.g, "entity_ruler_patterns", None)
        return list(fn()) if fn else []

    def _call(self, name: str, *args):
        fn = getattr(self.g, name, None)
        if fn is None:
            return None
        try:
            return fn(*args)
        except (KeyError, LookupError, ValueError):
            return None


_DEFAULT_GAZ: list = []


def default_gazetteer():
    if not _DEFAULT_GAZ:
        from .gazetteer import load_gazetteer
        _DEFAULT_GAZ.append(load_gazetteer())
    return _DEFAULT_GAZ[0]


# ------------------------------------------------------------------ pipeline
_NLP_CACHE: dict[int, tuple[Any, Language]] = {}
_GATE_CACHE: dict[int, tuple[Any, "C.LineGate"]] = {}


def line_gate(gazetteer: Any) -> "C.LineGate":
    """The test that decides which lines enter the pipeline (components.LineGate); cached per gazetteer."""
    hit = _GATE_CACHE.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    gz = Gaz(gazetteer)
    gate = C.LineGate(C.phrase_patterns(gz.patterns())[0], gz.role_words())
    _GATE_CACHE[id(gazetteer)] = (gazetteer, gate)
    return gate


def build_nlp(gazetteer: Any) -> Language:
    """spacy.blank('da') + entity_ruler + the graphbuild components; cached per gazetteer object."""
    hit = _NLP_CACHE.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    gz = Gaz(gazetteer)
    nlp = spacy.blank("da")
    pats, exact = C.phrase_patterns(gz.patterns())
    C.case_sensitive_norms(nlp, exact)
    ruler = nlp.add_pipe("graphbuild_entity_ruler", name="entity_ruler",
                         config={"phrase_matcher_attr": "NORM", "validate": False, "overwrite_ents": True})
    if pats:
        ruler.add_patterns(pats)
    nlp.add_pipe("graphbuild_participants")
    nlp.add_pipe("graphbuild_person_roles", config={"role_words": gz.role_words()})
    nlp.add_pipe("graphbuild_body_reports")
    nlp.add_pipe("graphbuild_appointments")
    nlp.add_pipe("graphbuild_decision_outcome")
    _NLP_CACHE[id(gazetteer)] = (gazetteer, nlp)
    return nlp


# ------------------------------------------------------------------- extract
@dataclass
class _State:
    doc: StructuredDocument
    gz: Gaz
    facts: DocumentFacts
    council: Optional[OrgRef]
    parsed: dict = field(default_factory=dict)  # (line, text) -> spaCy Doc
    mention_index: dict = field(default_factory=dict)  # line -> next index
    participants: dict = field(default_factory=dict)  # name -> PersonMention (this document's lists)
    unresolved_lines: set = field(default_factory=set)
    nlp: Any = None
    gate: Any = None
    superseded: set = field(default_factory=set)  # (line, extension, name): a name cut by a line end

    def own(self, ln: Line, ext: str, found: Optional[list]) -> list:
        """A line's findings of one extension, minus names that a two-line reading completed."""
        if not found:
            return []
        return [r for r in found if (ln.line, ext, r.get("name")) not in self.superseded]

    def ev(self, ln: Line) -> Evidence:
        return Evidence(doc_id=self.doc.source.doc_id, line=ln.line, quote=quote(ln.text),
                        page=ln.page, page_line=ln.page_line, column=ln.column)

    def mention(self, name: str, ln: Line, party=None, municipality=None, municipality_name=None,
                roles=()) -> PersonMention:
        i = self.mention_index.get(ln.line, 0)
        self.mention_index[ln.line] = i + 1
        known = self.lookup_participant(name) if party is None and municipality is None else None
        if known is not None:
            party, municipality, municipality_name = known.party, known.municipality, known.municipality_name
        pm = PersonMention(mention_id=f"{self.doc.source.doc_id[:16]}:{ln.line}:{i}", name=name,
                           evidence=self.ev(ln), party=party, municipality=municipality,
                           municipality_name=municipality_name, roles=list(dict.fromkeys(roles)))
        self.facts.mentions.append(pm)
        return pm

    def lookup_participant(self, name: str) -> Optional[PersonMention]:
        """A participant of this meeting with this name, or whose name starts with it ('Ole Bondo')."""
        if name in self.participants:
            return self.participants[name]
        toks = name.split()
        cands = [p for n, p in self.participants.items() if n.split()[:len(toks)] == toks
                 or (n.split()[0] == toks[0] and n.split()[-1] == toks[-1])]
        return cands[0] if len(cands) == 1 else None

    def unresolved(self, ln: Line):
        if ln.line not in self.unresolved_lines:
            self.unresolved_lines.add(ln.line)
            self.facts.unresolved.append(self.ev(ln))


def extract(doc: StructuredDocument, gazetteer: Any = None) -> DocumentFacts:
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    gz = Gaz(gazetteer)
    nlp = build_nlp(gazetteer)
    src = doc.source
    facts = DocumentFacts(doc_id=src.doc_id, path=src.path, kind=doc.kind, title=doc.title,
                          date=doc.published if doc.kind == "news" else doc.date)
    council = gz.council(doc.council)
    if council is not None and council.org_id:
        rec = (getattr(gazetteer, "councils", None) or {}).get(council.org_id) if isinstance(
            getattr(gazetteer, "councils", None), dict) else None
        gz.regionskode = _get(rec, "regionskode")
    st = _State(doc=doc, gz=gz, facts=facts, council=council, nlp=nlp, gate=line_gate(gazetteer))

    # every line that can carry a fact, parsed once
    lines: list[Line] = []
    seen = set()

    def want(ls: Iterable[Line]):
        for ln in ls:
            key = (ln.line, ln.text)
            if key not in seen and ln.text.strip():
                seen.add(key)
                lines.append(ln)

    want(doc.present)
    want(doc.absent)
    n_block = len(lines)  # participant lines: always parsed
    gate = line_gate(gazetteer)
    for it in doc.items:
        want(it.lines)
        for sec in it.sections:
            want(sec.lines)
    for att in doc.attachments:
        want(att.lines)
    lines = lines[:n_block] + [ln for ln in lines[n_block:] if gate(ln.text)]
    # every other line (a page's text, a news item, the header of minutes): read by the same components
    free = [ln for ln in src.lines if (ln.line, ln.text) not in seen and ln.text.strip()]
    free = [ln for ln in free if gate(ln.text) or C.parse_participant(ln.text) or _NAME_PARTY.search(ln.text)]
    lines += free
    docs = []
    for ln in lines:  # tokenise here so each Doc keeps its text (doc.text is rebuilt from tokens per call)
        d = nlp.make_doc(ln.text)
        d.user_data["gb_text"] = ln.text
        docs.append(d)
    for ln, d in zip(lines, nlp.pipe(docs, batch_size=1000)):
        st.parsed[(ln.line, ln.text)] = d

    if st.council is None and doc.generic_council:
        st.council = _whose_council(st, doc.generic_council, lines)
    _meeting(st)
    _participants(st, doc.present, "present")
    _participants(st, doc.absent, "absent")
    items_by_number = {it.number: it for it in doc.items}
    for it in doc.items:
        _agenda_item(st, it)
    for it in doc.items:
        _people_in_lines(st, it.lines, it)
        _appointments(st, it)
    for att in doc.attachments:
        it = items_by_number.get(att.item_number) if att.item_number else None
        _people_in_lines(st, att.lines, it, item_number=att.item_number)
        _seats_in_attachment(st, att)
    _area_memberships(st, [ln for att in doc.attachments for ln in att.lines] or
                      [ln for it in doc.items for ln in it.lines])
    for it in doc.items:
        _concerns(st, it.number, it.lines)
    for att in doc.attachments:
        if att.item_number:
            _concerns(st, att.item_number, att.lines)
    _free_text(st, free)
    _named_organizations(st, lines)
    return facts


def _whose_council(st: _State, generic: str, lines: list[Line]) -> Optional[OrgRef]:
    """'Byrådet' in minutes that name 'Vejen Kommune' (and no other municipality as often): Byrådet Vejen.
    'Regionsrådet' with 'Region Syddanmark': Regionsrådet Region Syddanmark.  None when the text does not say."""
    munis: Counter = Counter()
    regions: Counter = Counter()
    for ln in lines:
        d = _d(st, ln)
        for e in (C.doc_ents(d) if d is not None else ()):
            if e.label_ == "MUNICIPALITY" and e.ent_id_ and re.search(r"[Kk]ommune", e.text):
                munis[e.ent_id_] += 1
            elif e.label_ == "REGION" and e.text.startswith("Region "):
                regions[" ".join(e.text.split())] += 1
    regional = generic.lower().startswith("region") or (not munis and regions)
    pool = regions if regional else munis
    if not pool:
        return None
    (best, n), total = pool.most_common(1)[0], sum(pool.values())
    if n * 3 < total * 2:
        return None  # several named about as often: not ours to guess
    if regional:
        where = best
    else:
        rec = (getattr(st.gz.g, "municipalities", None) or {}).get(best) if isinstance(
            getattr(st.gz.g, "municipalities", None), dict) else None
        where = _get(rec, "short_name") or re.sub(r"\s+(?:Regions)?[Kk]ommune$", "", _get(rec, "name") or "")
        if not where:
            return None
    return st.gz.council(f"{generic} {where}")


def _d(st: _State, ln: Line):
    return st.parsed.get((ln.line, ln.text))


# ------------------------------------------------------------------- meeting
def _meeting(st: _State):
    doc = st.doc
    if st.council is None and not doc.date:
        return
    ev_line = None
    if doc.header_line:
        ev_line = next((ln for ln in doc.source.lines if ln.line == doc.header_line), None)
    if ev_line is None:
        ev_line = next((ln for ln in doc.source.lines if ln.text.strip().startswith("Dato:")), None)
    if ev_line is None or st.council is None:
        return
    st.facts.meeting = MeetingFact(council=st.council, date=doc.date, time=doc.time, location=doc.location,
                                   evidence=st.ev(ev_line))


# -------------------------------------------------------------- participants
def _absent_after_all(st: _State, name: str, status: str) -> None:
    """A member list followed by "Fraværende: NAME": the listed absentee was absent, not present."""
    if status != "absent":
        return
    st.facts.attendance = [a for a in st.facts.attendance
                           if not (a.status == "present" and a.person.name == name)]


def _participants(st: _State, lines: list[Line], status: str):
    seen_names = set()
    for ln in lines:
        d = _d(st, ln)
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
            continue
        if p is None:
            if PERSONISH.search(ln.text):
                st.unresolved(ln)
            continue
        if p["name"] in seen_names:
            continue
        seen_names.add(p["name"])
        _absent_after_all(st, p["name"], status)
        code, canon = st.gz.municipality(p["place"])
        role = p["role"]
        if p["party"] is None and code is None:
            # an official ("Name, KL"): attends, but is no member of the council
            org = st.gz.org(p["place"])
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
            mrole = role if role in COUNCIL_ROLES else "medlem"
            st.facts.memberships.append(MembershipFact(person=pm, organization=st.council, role=mrole,
                                                       status="member", evidence=st.ev(ln), party=p["party"],
                                                       municipality=code, start_date=None))


_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bog\b|&)\s*")


def _name_list(text: str) -> Optional[list[str]]:
    """The names of a line that is only a list of names ('A B, C D og E F'), else None."""
    parts = [p.strip(" .") for p in _LIST_SPLIT.split(text.strip(" |."))]
    parts = [p for p in parts if p]
    names = [p for p in parts if C.plausible_name(p)]
    if not names or len(names) < 0.8 * len(parts):
        return None
    return names


# --------------------------------------------------------------- agenda item
def _section(it: Item, name: str):
    return [s for s in it.sections if s.name.lower() == name.lower()]


def _agenda_item(st: _State, it: Item):
    heading = next((ln for ln in st.doc.source.lines if ln.line == it.line), None)
    ev = st.ev(heading) if heading else Evidence(st.doc.source.doc_id, it.line, quote(f"{it.number}. {it.title}"))
    rec = None
    ind = _section(it, "Indstilling")
    if ind:
        rec = "\n".join(ln.text.strip() for ln in ind[0].lines if ln.text.strip()) or None
    st.facts.agenda_items.append(AgendaItemFact(number=it.number, title=it.title, evidence=ev,
                                                case_number=it.case_number, officer=it.officer, recommendation=rec))
    for sec in _section(it, "Beslutning"):
        body = [ln for ln in sec.lines if ln.text.strip()]
        if not body:
            continue
        outcome = "other"
        for ln in body:
            d = _d(st, ln)
            o = d._.gb_outcome if d is not None else C.decision_outcome(ln.text)
            if o:
                outcome = o[0]
                break
        st.facts.decisions.append(DecisionFact(item_number=it.number, text="\n".join(ln.text.strip() for ln in body),
                                               outcome=outcome, evidence=st.ev(body[0])))


# --------------------------------------------------- people with roles, reports
def _org_ref(st: _State, info: dict) -> Optional[OrgRef]:
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
    ref = st.gz.org(org, kind=kind)
    if ref is not None and ref.org_id is None:
        # "GCPHEUs bestyrelse", "bestyrelsen i IBOS": a seat on the board of a body we know is a seat in that body
        m = _BOARD_OF.match(" ".join(org.split()))
        inner = (m.group("owner") or m.group("inner")) if m else None
        known = st.gz.known_org(inner) if inner else None
        if known is not None:
            return known
        # unknown body: keep the phrase, minus a leading article ("den politiske udviklingsgruppe")
        s = re.sub(r"^(?:den|det|de)\s+", "", ref.surface, flags=re.IGNORECASE)
        if not re.search(rf"[{C.UP}]", s) and len(s.split()) == 1:
            return None  # a lowercase single word ("bestyrelsen") names no organisation we can place
        ref.surface = s
        ref.part_of = _known_owner(st, s)
    return ref


_OWNER = re.compile(r"\s(?:i|for|under|hos|til)\s+(?:(?:den|det|de)\s+)?")


def _known_owner(st: _State, surface: str) -> Optional[str]:
    """A group of a body the gazetteer knows ("politiske partnerskabsgruppe i det nuværende nationale
    DK2020-partnerskab" -> the DK2020 partnership): the org_id of the body named after "i/for/under/hos", tried
    from the whole rest down to its last words, else None."""
    for m in _OWNER.finditer(surface):
        words = surface[m.end():].split()
        for k in range(len(words)):
            ref = st.gz.known_org(" ".join(words[k:]))
            if ref is not None and ref.kind == "body":
                return ref.org_id
    return None


_BOARD_OF = re.compile(r"^(?:(?P<owner>.+?)(?:'s|s|')\s+(?:bestyrelse|styrelse|repræsentantskab|direktion|styregruppe)|"
                       r"(?:bestyrelsen|styrelsen|repræsentantskabet|direktionen|styregruppen)\s+(?:i|for|hos)\s+"
                       r"(?P<inner>.+))$", re.IGNORECASE)


def _membership_from_role(st: _State, pm: PersonMention, role: str, info: dict, ln: Line,
                          item_number: Optional[str], place_code: Optional[str] = None):
    org = _org_ref(st, info)
    code = place_code
    if info.get("org_label") == "MUNICIPALITY" or (org is None and info.get("org")):
        c, _ = st.gz.municipality(info.get("org"))
        code = code or c
    if org is None and role == "borgmester" and code:
        return  # borgmester of a municipality: recorded on the mention (municipality), no body
    if org is None:
        return
    st.facts.memberships.append(MembershipFact(person=pm, organization=org, role=st.gz.canonical_role(role),
                                               status="member", evidence=st.ev(ln), party=pm.party,
                                               municipality=code or pm.municipality, item_number=item_number))


def _people_in_lines(st: _State, lines: list[Line], it: Optional[Item], item_number: Optional[str] = None):
    number = item_number or (it.number if it else None)
    body = [ln for ln in lines if ln.text.strip()]
    last_signoff = -99
    pending: Optional[tuple[PersonMention, Line]] = None  # a name-only / role+name line awaiting its role line
    across = _across_lines(st, body)
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
        d = _d(st, ln)
        if d is None:  # a line the gate turned away: it carries nothing, but it ends a signature
            pending = None
            continue
        if d._.gb_role_only and pending is not None:
            pm, pln = pending
            r = dict(d._.gb_role_only)
            r["role"] = st.gz.canonical_role(r["role"])
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
            nd = _d(st, nxt) if nxt is not None else None
            if i - last_signoff <= 3 or (nd is not None and nd._.gb_role_only):
                pending = (st.mention(d._.gb_name_only, ln), ln)
            continue
        pending = None
        for r, pm in _place_roles(st, st.own(ln, "gb_person_roles", d._.gb_person_roles), ln, number):
            if len(body) > i + 1 and r.get("line_start") and len(text) <= 60:
                pending = (pm, ln)  # "Borgmester Niels Hörup, Solrød" + "Formand for KKR Sjælland"
        _place_reports(st, st.own(ln, "gb_reports", d._.gb_reports), ln, number)


def _place_roles(st: _State, raw: list[dict], ln: Line, number: Optional[str]) -> list[tuple[dict, PersonMention]]:
    """People named with a role on one line (or one sentence over two): a mention each, and memberships."""
    done = set()
    placed = []
    found = [dict(r, role=st.gz.canonical_role(r["role"])) for r in raw]
    line_mentions: dict[str, PersonMention] = {}
    for r in found:  # one mention per person and line, carrying every role and the municipality
        if r["name"] in line_mentions:
            continue
        code, mname = None, None
        for x in found:
            if x["name"] != r["name"]:
                continue
            if x.get("place"):
                code, mname = st.gz.municipality(x["place"])[0], x["place"]
            elif x.get("org_label") == "MUNICIPALITY":
                code, mname = st.gz.municipality(x["org"])[0], x["org"]
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


def _place_reports(st: _State, raw: list[dict], ln: Line, number: Optional[str]):
    for r in raw:
        pm = st.mention(r["name"], ln)
        org = _org_ref(st, r)
        if org is not None:
            st.facts.memberships.append(MembershipFact(person=pm, organization=org, role="medlem",
                                                       status="reports_from", evidence=st.ev(ln),
                                                       party=pm.party, municipality=pm.municipality,
                                                       item_number=number))


# ------------------------------------------------------- sentences over two lines
_ENDS_SENTENCE = re.compile(r"[.!?:;]\W*$")
_CROSS_KEYS = (("gb_person_roles", lambda r: (r["name"], r["role"])), ("gb_reports", lambda r: (r["name"],)),
               ("gb_appointments", lambda r: (r["kind"], r.get("name"))))


def _window(text: str, at: int) -> str:
    """text, or when it is longer than a quote, a stretch of whole words around position `at` (a name)."""
    if len(text) <= QUOTE_MAX:
        return text
    start = max(0, min(at - QUOTE_MAX // 2, len(text) - QUOTE_MAX))
    if start:
        sp = text.find(" ", start)
        start = sp + 1 if 0 <= sp < at else start
    return text[start:start + QUOTE_MAX]


def _across_lines(st: _State, body: list[Line]) -> dict[int, tuple[Line, dict[str, list]]]:
    """What the role, report and appointment components find only in a sentence running over a line end
    ("... orienterer næstformand i Sundhedskoordinationsudvalget," / "Sisse Marie Welling, nærmere ...").

    Each pair of consecutive lines where the first does not end a sentence is read once more, joined; a
    finding neither line shows alone is kept for the line where the person's name starts (its Evidence.line),
    with the joined text as its quote.  Returns {index in body: (evidence Line, {extension: [findings]})}.
    """
    key = ("across", tuple(ln.line for ln in body))
    if key in st.parsed:
        return st.parsed[key]
    out: dict[int, tuple[Line, dict[str, list]]] = {}
    pairs = []
    for i in range(len(body) - 1):
        a, b = body[i].text.strip(), body[i + 1].text.strip()
        if len(a.split()) < 4 or _ENDS_SENTENCE.search(a) or SIGNOFF.match(a) or SIGNOFF.match(b):
            continue
        joined = a + " " + b
        if st.gate.may_place_person(joined):
            pairs.append((i, joined, len(a) + 1))
    if pairs:
        docs = []
        for _, joined, _ in pairs:
            d = st.nlp.make_doc(joined)
            d.user_data["gb_text"] = joined
            docs.append(d)
        for (i, joined, cut), d in zip(pairs, st.nlp.pipe(docs)):
            alone = [x for x in (_d(st, body[i]), _d(st, body[i + 1])) if x is not None]
            first = _d(st, body[i])
            for ext, keyf in _CROSS_KEYS:
                have = {keyf(r) for x in alone for r in (getattr(x._, ext) or [])}
                for r in getattr(d._, ext) or []:
                    if keyf(r) in have:
                        continue
                    have.add(keyf(r))
                    # "… næstformand i Movia, Sisse Marie" / "Welling, …": the whole name replaces the cut one
                    for x in (getattr(first._, ext) or []) if first is not None and r.get("name") else []:
                        cut_name = x.get("name") or ""
                        if (cut_name and r["name"].startswith(cut_name + " ") and x["start"] == r["start"]
                                and body[i].text.rstrip().endswith(cut_name)):
                            st.superseded.add((body[i].line, ext, cut_name))
                    j = i if r["start"] < cut else i + 1
                    slot = out.setdefault(j, (replace(body[j], text=_window(joined, r["start"])), {}))
                    slot[1].setdefault(ext, []).append(dict(r, start=r["start"] - (0 if j == i else cut)))
    st.parsed[key] = out
    return out


# ------------------------------------------------------ text outside items
def _free_text(st: _State, free: list[Line]):
    """Lines outside the participant block, the items and the appendices: a member page, a news item, the
    header of minutes.  People listed as "Name (A), Place (role)" are placed (attendance only where the
    document has a participant block: here they are members of the body the document is about, when it
    names one); every other line goes through the same role, report and appointment readers as an item."""
    rest = []
    for ln in free:
        d = _d(st, ln)
        p = d._.gb_participant if d is not None else None
        if p is None or p["name"] in st.participants:
            rest.append(ln)
            continue
        code, _ = st.gz.municipality(p["place"])
        role = p["role"]
        if p["party"] is None and code is None and not (role and role in st.gz.role_words()):
            rest.append(ln)  # "Hanne Staff, Jens Himmelstrup": a list of names, not a listed member
            continue
        pm = st.mention(p["name"], ln, party=p["party"], municipality=code, municipality_name=p["place"],
                        roles=[role] if role else [])
        st.participants.setdefault(p["name"], pm)
        if st.council is not None and st.doc.kind in ("members", "other"):
            mrole = role if role in COUNCIL_ROLES else "medlem"
            st.facts.memberships.append(MembershipFact(person=pm, organization=st.council, role=mrole,
                                                       status="member", evidence=st.ev(ln), party=p["party"],
                                                       municipality=code))
    if not rest:
        return
    _people_in_lines(st, rest, None)
    _named_with_party(st, rest)
    page = Item(number="", title="", line=rest[0].line, lines=rest)
    _appointments(st, page, rest)
    if st.doc.items or st.doc.attachments:
        return  # a meeting document's header and table of contents: titles, not people to review
    placed = {m.evidence.line for m in st.facts.mentions}
    for ln in rest:
        if ln.line not in placed and st.gate.may_place_person(ln.text) and C.has_name(ln.text):
            st.unresolved(ln)  # a person with a role or an appointment we could not place: kept for review


def _named_organizations(st: _State, lines: list[Line]):
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
        d = _d(st, ln)
        for e in (C.doc_ents(d) if d is not None else ()):
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


_NAME_PARTY = re.compile(rf"(?<![\w-])(?P<name>{C.NAME})\s*\((?P<party>[{C.UP}]{{1,2}})\)")


def _named_with_party(st: _State, lines: list[Line]):
    """'... ringede Ove Nørholm (K) med klokken': a person named with a party letter in running text."""
    letters = {m.party for m in st.facts.mentions if m.party}
    parties = getattr(st.gz.g, "parties", None)
    known = set(parties.keys()) if isinstance(parties, dict) else set()
    placed = {(m.evidence.line, m.name) for m in st.facts.mentions}
    for ln in lines:
        if "(" not in ln.text:
            continue
        for m in _NAME_PARTY.finditer(ln.text):
            name, party = m.group("name"), m.group("party")
            if (ln.line, name) in placed or not C.plausible_name(name):
                continue
            if known and party not in known and party not in letters:
                continue
            placed.add((ln.line, name))
            st.mention(name, ln, party=party)


# --------------------------------------------------------------- appointments
_TITLE_BODY = re.compile(r"\b(?:til|i|for)\s+(?P<org>(?:[Ss]amarbejdsudvalget|[Bb]estyrelsen|[Uu]dvalget|"
                         rf"[{C.UP}]).*)$")


def _title_body(it: Item) -> Optional[str]:
    m = _TITLE_BODY.search(it.title)
    if not m:
        return None
    s = m.group("org").strip()
    s = re.sub(r"\)\)+$", ")", s)
    return s


def _body_for(st: _State, it: Item, surface: Optional[str]) -> Optional[OrgRef]:
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
        ref = st.gz.known_org(c)
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


def _status_role(role: Optional[str]) -> str:
    if not role:
        return "medlem"
    return MEMBER_ROLE_WORDS.get(role.lower(), role.lower())


def _appointments(st: _State, it: Item, body: Optional[list[Line]] = None):
    is_udp = bool(APPOINTMENT_TITLE.search(it.title))
    decided = bool(_section(it, "Beslutning"))
    last_resigned: Optional[PersonMention] = None
    body = [ln for ln in (it.lines if body is None else body) if ln.text.strip()]
    across = _across_lines(st, body)
    for i, ln in enumerate(body):
        d = _d(st, ln)
        apps = [(a, ln) for a in st.own(ln, "gb_appointments", d._.gb_appointments if d is not None else None)]
        if i in across and across[i][1].get("gb_appointments"):
            jl = across[i][0]
            apps = sorted(apps + [(a, jl) for a in across[i][1]["gb_appointments"]], key=lambda x: x[0]["start"])
        handled = False
        for a, ln in apps:
            kind = a["kind"]
            if kind.startswith("seat_"):
                handled = True
                status = kind[5:]
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
            code, canon = st.gz.municipality(a.get("place"))
            pm = st.mention(a["name"], ln, party=a.get("party"), municipality=code,
                            municipality_name=a.get("place"))
            org = _body_for(st, it, a.get("org"))
            handled = True
            if org is None:
                st.unresolved(ln)
                continue
            status = kind
            if kind == "appointed" and not decided and st.doc.kind == "dagsorden":
                status = "proposed"
            # The item decides the seat when it is an appointment item, or when its decision names the person.
            names_person = decided and any(a["name"] in s.text or a["name"].split()[-1] in s.text
                                           for sec in _section(it, "Beslutning") for s in sec.lines)
            mf = MembershipFact(person=pm, organization=org, role=_status_role(a.get("role")), status=status,
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


def _seats_in_attachment(st: _State, att):
    """'inviteres KKR Sjælland til at indstille et medlem og en suppleant til overvågningsudvalget for X'."""
    for ln in att.lines:
        d = _d(st, ln)
        for a in (d._.gb_appointments if d is not None else None) or []:
            if a["kind"] != "seat_invited":
                continue
            m = re.search(r"\btil\s+at\s+(?:indstille|udpege)\s+[^.]*?\btil\s+(?P<org>[^,.;]+)", ln.text)
            if not m:
                continue
            org = st.gz.known_org(m.group("org")) or OrgRef(surface=m.group("org").strip(), kind="body")
            inv = None
            im = re.search(r"inviteres\s+(?P<who>KKR\s+[{}][\w]+)".format(C.UP), ln.text)
            if im:
                inv = st.gz.council(im.group("who"))
            st.facts.seats.append(SeatFact(organization=org, status="invited", evidence=st.ev(ln),
                                           item_number=att.item_number, invited=inv or st.council))


# --------------------------------------------------------- area memberships
def _region_of(st: _State, text: str) -> Optional[str]:
    t = " ".join(text.split()).strip("*<>/b ")
    if not re.match(r"^Region\s+\S+$", t):
        return None
    return t


def _munis(st: _State, toks: list[str]) -> Optional[list[tuple[str, str]]]:
    out = []
    for t in toks:
        code, _ = st.gz.municipality(t.strip('"'))
        if code is None:
            return None
        out.append((code, t))
    return out


def _area_memberships(st: _State, lines: list[Line]):
    """Tables 'Cluster<TAB>Muni Muni ...' under a 'Region X' header -> AreaMembershipFact per municipality."""
    region = None
    cluster: Optional[OrgRef] = None
    since = 0
    seen = set()
    for ln in lines:
        text = ln.text.rstrip()
        if not text.strip():
            continue
        r = _region_of(st, text)
        if r:
            region, cluster, since = r, None, 0
            continue
        if region is None:
            continue
        since += 1
        if since > 8:
            region, cluster = None, None
            continue
        if "\t" in text or " | " in text:
            cells = [c.strip() for c in re.split(r"\t|\s\|\s", text)]
            name = cells[0].strip('" ')
            rest = " ".join(c for c in cells[1:] if c).split()
            if not name and cluster is None:
                continue
        elif cluster is not None and since <= 3:
            name, rest = "", text.split()  # a wrapped row: municipalities only, continuing the cluster above
        else:
            continue
        if len(name.split()) > 8 or "," in name:
            continue
        munis = _munis(st, rest) if rest else None
        if not munis:
            continue
        if name:
            rk = st.gz.region_code(region)
            rec = None
            for cand in (name, "Sundhedsklynge " + name, "Klynge " + name):
                rec = st.gz.lookup_org(cand, rk)
                if rec is not None:
                    break
            oid = _get(rec, "org_id", "id") if rec is not None and not isinstance(rec, str) else rec
            cluster = OrgRef(surface=name, org_id=oid, kind="body") if oid else \
                OrgRef(surface=f"{name} ({region})", org_id=None, kind="body")
        if cluster is None:
            continue
        since = 0
        for code, _ in munis:
            if (code, cluster.surface) in seen:
                continue
            seen.add((code, cluster.surface))
            st.facts.area_memberships.append(AreaMembershipFact(kommunekode=code, organization=cluster,
                                                                evidence=st.ev(ln)))


# ------------------------------------------------------------------ concerns
def _concerns(st: _State, number: str, lines: list[Line]):
    seen = {(c.target_kind, c.target) for c in st.facts.concerns if c.item_number == number}
    own = st.council.org_id if st.council else None
    regions = getattr(st.gz.g, "regions", None) or {}
    region_ids = {k: _get(v, "region_id") or k for k, v in regions.items()} if isinstance(regions, dict) else {}
    mentions_by_line: dict[int, list[PersonMention]] = {}
    for pm in st.facts.mentions:
        mentions_by_line.setdefault(pm.evidence.line, []).append(pm)
    for ln in lines:
        d = _d(st, ln)
        for e in (C.doc_ents(d) if d is not None else ()):
            if e.label_ == "MUNICIPALITY" and e.ent_id_:
                key = ("municipality", e.ent_id_)
            elif e.label_ in ("BODY", "COUNCIL", "REGION"):
                oid = e.ent_id_
                if not oid:
                    ref = st.gz.known_org(e.text)
                    oid = ref.org_id if ref else None
                if e.label_ == "REGION" and e.ent_id_:
                    oid = region_ids.get(e.ent_id_, e.ent_id_)
                if not oid or oid == own:
                    continue
                key = ("organization", oid)
            else:
                continue
            if key not in seen:
                seen.add(key)
                st.facts.concerns.append(ConcernsFact(item_number=number, target_kind=key[0], target=key[1],
                                                      evidence=st.ev(ln)))
        for pm in mentions_by_line.get(ln.line, []):
            key = ("person", pm.mention_id)
            if key not in seen:
                seen.add(key)
                st.facts.concerns.append(ConcernsFact(item_number=number, target_kind="person",
                                                      target=pm.mention_id, evidence=st.ev(ln)))


# --------------------------------------------------------------- convenience
def extract_path(path: str, gazetteer: Any = None) -> DocumentFacts:
    from .read import read_document
    from .structure import structure
    return extract(structure(read_document(path)), gazetteer)


def facts_to_jsonl(facts: DocumentFacts | Iterable[DocumentFacts]) -> str:
    """One JSON object per document (DocumentFacts.to_dict(), with schema_version), newline-terminated."""
    if isinstance(facts, DocumentFacts):
        facts = [facts]
    out = []
    for f in facts:
        d = f.to_dict()
        d.setdefault("schema_version", FACTS_SCHEMA_VERSION)
        out.append(json.dumps(d, ensure_ascii=False, sort_keys=False))
    return "".join(s + "\n" for s in out)
