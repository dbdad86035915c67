"""extract: StructuredDocument -> DocumentFacts (see the package docstring)."""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Iterable, Optional

from ..gazetteer import Gazetteer, org_words
from ..meeting.councils import document_scoped_council, region_scope
from ..model import FACTS_SCHEMA_VERSION, DocumentFacts, Item, Line, MeetingFact, OrgRef, StructuredDocument
from .attendance import stated_attendance
from .build import build_nlp, line_gate
from .votes import votes
from .components.org_forms import named_places, unknown_organizations
from .components.participants import parse_participant
from .mentions import named_people
from .items import agenda_item, area_memberships, concerns, stated_decisions
from .pages import free_text, named_organizations
from .people import NAME_PARTY, participants, people_in_lines
from .member_lists import member_lists
from .rosters import rosters
from .events import item_lines, stated_appointments
from .seats import appointments, seats_in_attachment
from .spans import doc_ents
from .state import State, doc_of


def extract(doc: StructuredDocument, gazetteer: Gazetteer) -> DocumentFacts:
    nlp = build_nlp(gazetteer)
    src = doc.source
    facts = DocumentFacts(doc_id=src.doc_id, path=src.path, kind=doc.kind, title=doc.title,
                          date=doc.published if doc.kind == "news" else doc.date)
    st = State(doc=doc, gz=gazetteer, facts=facts, council=None, nlp=nlp, gate=line_gate(gazetteer))
    st.council = st.council_ref(doc.council)
    if st.council is not None and st.council.org_id:
        rec = gazetteer.councils.get(st.council.org_id)
        st.region = rec.regionskode if rec is not None else None

    lines, free = _parse_lines(st, doc, gazetteer)

    if st.council is None and doc.generic_council:
        st.council = _whose_council(st, doc.generic_council, lines)
        region = region_scope(src.lines) if st.council is None else None
        if region:  # "Socialudvalget" on a page that names only Region Syddanmark
            st.council = st.council_ref(f"{doc.generic_council} {region}")
        if st.council is None:  # nothing says whose "Byrådet" it is: this document's own (graphbuild/meeting/councils.py)
            st.council = document_scoped_council(doc.generic_council, src.doc_id)
    meeting(st)
    participants(st, doc.present, "present")
    participants(st, doc.absent, "absent")
    stated_attendance(st, doc.said)
    block = [ln for ln in doc.present + doc.absent if ln.text.strip()]
    if block:  # "Afbud: ... Borgmesteren orienterede om, at gruppe C har udpeget X som stedfortræder for Y"
        stated_appointments(st, Item(number="", title="", line=block[0].line, lines=block), block)
    votes(st, doc.votes)
    stated_decisions(st, doc.decisions)
    items_by_number = {it.number: it for it in doc.items}
    for it in doc.items:
        agenda_item(st, it)
    for it in doc.items:
        people_in_lines(st, it.lines, it)
        appointments(st, it)
        stated_appointments(st, it, item_lines(it))
    for att in doc.attachments:
        it = items_by_number.get(att.item_number) if att.item_number else None
        people_in_lines(st, att.lines, it, item_number=att.item_number)
        seats_in_attachment(st, att)
    area_memberships(st, [ln for att in doc.attachments for ln in att.lines] or
                      [ln for it in doc.items for ln in it.lines])
    for it in doc.items:
        concerns(st, it.number, it.lines)
    for att in doc.attachments:
        if att.item_number:
            concerns(st, att.item_number, att.lines)
    free_text(st, free)
    rosters(st, src.lines)
    named_organizations(st, lines)
    unknown_organizations(st)
    named_places(st)
    member_lists(st, src.lines)
    named_people(st, lines)
    return facts



def _parse_lines(st: State, doc: StructuredDocument, gazetteer: Gazetteer) -> tuple[list[Line], list[Line]]:
    """Every line that can carry a fact, parsed once (into st.parsed); returns (all parsed lines, the free
    lines: those outside the participant block, the items and the appendices)."""
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
    free = [ln for ln in doc.source.lines if (ln.line, ln.text) not in seen and ln.text.strip()]
    free = [ln for ln in free if gate(ln.text) or parse_participant(ln.text) or NAME_PARTY.search(ln.text)]
    lines += free
    docs = []
    for ln in lines:  # tokenise here so each Doc keeps its text (doc.text is rebuilt from tokens per call)
        d = st.nlp.make_doc(ln.text)
        d.user_data["gb_text"] = ln.text
        docs.append(d)
    for ln, d in zip(lines, st.nlp.pipe(docs, batch_size=1000)):
        st.parsed[(ln.line, ln.text)] = d
    return lines, free


def _whose_council(st: State, generic: str, lines: list[Line]) -> Optional[OrgRef]:
    """'Byrådet' in minutes that name 'Vejen Kommune' (and no other municipality as often): Byrådet Vejen.
    'Regionsrådet' with 'Region Syddanmark': Regionsrådet Region Syddanmark.  None when the text does not say."""
    if generic.lower() in _BOARDS:
        return _whose_board(st, generic, lines)
    munis: Counter = Counter()
    regions: Counter = Counter()
    for ln in lines:
        d = doc_of(st, ln)
        for e in (doc_ents(d) if d is not None else ()):
            if e.label_ == "MUNICIPALITY" and e.ent_id_ and re.search(r"[Kk]ommune", e.text):
                munis[e.ent_id_] += 1
            elif e.label_ == "REGION" and e.text.startswith("Region "):
                regions[" ".join(e.text.split())] += 1
    regional = generic.lower().startswith("region") or (not munis and regions)
    pool = regions if regional else munis
    if not pool and not regional:
        return _former_municipality(st, generic)
    if not pool:
        return None
    (best, n), total = pool.most_common(1)[0], sum(pool.values())
    if n * 3 < total * 2:
        return None  # several named about as often: not ours to guess
    if regional:
        where = best
    else:
        rec = st.gz.municipalities.get(best)
        if rec is None or not rec.short_name:
            return None
        where = rec.short_name
    return st.council_ref(f"{generic} {where}")


_BOARDS = frozenset(org_words("board_of_one"))


def _whose_board(st: State, generic: str, lines: list[Line]) -> Optional[OrgRef]:
    """'Bestyrelsen' in minutes that name one company the reference data knows ('AffaldPlus'), and no other body
    as often: Bestyrelsen AffaldPlus. None when no one body stands out."""
    bodies: Counter = Counter()
    for ln in lines:
        d = doc_of(st, ln)
        for e in (doc_ents(d) if d is not None else ()):
            if e.label_ == "BODY" and e.ent_id_:
                bodies[e.ent_id_] += 1
    if not bodies:
        return None
    (best, n), total = bodies.most_common(1)[0], sum(bodies.values())
    rec = st.gz.orgs.get(best)
    if n < 2 or n * 3 < total * 2 or rec is None:
        return None
    return st.council_ref(f"{generic} {rec.name}")


_KOMMUNE = re.compile(r"(?<![\w-])([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?) Kommunes?\b")


def _former_municipality(st: State, generic: str) -> Optional[OrgRef]:
    """'Kommunalbestyrelsen' in minutes that name only 'Egebjerg Kommune', a municipality the reference data does not
    hold (merged in 2007): Kommunalbestyrelsen Egebjerg. None when no one such name stands out."""
    found: Counter = Counter(m.group(1) for ln in st.doc.source.lines for m in _KOMMUNE.finditer(ln.text))
    if not found:
        return None
    (best, n), total = found.most_common(1)[0], sum(found.values())
    if n < 2 or n * 3 < total * 2 or st.gz.lookup_municipality(best) is not None:
        return None
    return st.council_ref(f"{generic} {best}")


# ------------------------------------------------------------------- meeting
def meeting(st: State):
    doc = st.doc
    if st.council is None and not doc.date:
        return
    ev_line = None
    if doc.header_line:
        ev_line = next((ln for ln in doc.source.lines if ln.line == doc.header_line), None)
    if ev_line is None:
        ev_line = next((ln for ln in doc.source.lines if ln.text.strip().startswith("Dato:")), None)
    if ev_line is None and doc.council_line and doc.kind in ("dagsorden", "referat", "meeting", "bilag"):
        # an agenda or minutes whose date the page does not state: its meeting, undated, evidenced by the council
        ev_line = next((ln for ln in doc.source.lines if ln.line == doc.council_line), None)
    if ev_line is None or st.council is None:
        return
    st.facts.meeting = MeetingFact(council=st.council, date=doc.date, time=doc.time, location=doc.location,
                                   evidence=st.ev(ev_line))


# --------------------------------------------------------------- convenience
def extract_path(path: str, gazetteer: Gazetteer) -> DocumentFacts:
    from ..read import read_document
    from ..structure import structure
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
