"""Rows: one resolved document -> the parameter rows of every load statement (cypher/load_*.cypher).

Pure (no database): one function per fact kind, each returning the rows of its statement(s), sorted so that
the same facts always give the same rows. Every row's keys are the ones the statement's `// Rows:` header
names (tests/unit/test_rows.py checks them against each other).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Optional

from ..model import DecisionFact, DocumentFacts, Evidence, ResolvedDocument, org_key
from ..slug import slugify

# The kinds of target an agenda item can concern, each with its own statement (load_concerns_<kind>).
CONCERN_KINDS = ("person", "organization", "municipality", "region")


# ------------------------------------------------------------------ ids
def stable_id(prefix: str, *parts: Optional[str]) -> str:
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}:{digest}"


def meeting_id(council_id: str, date: Optional[str], doc_id: str) -> str:
    # An undated document (some appendix bundles) still needs a meeting to hang its items on;
    # it gets one of its own rather than being glued to a guessed date.
    return f"{council_id}:{date}" if date else f"{council_id}:undated:{doc_id[:12]}"


def membership_id(person_id: str, org_id: str, role: str, status: str) -> str:
    return stable_id("membership", person_id, org_id, role, status)


# ------------------------------------------------------------------ the rows of one document
@dataclass
class DocumentRows:
    """Everything one document writes, as parameter rows per statement, in order."""

    doc_id: str
    batches: list[tuple[str, list[dict]]] = field(default_factory=list)
    # Organizations whose memberships' start and end are worked out again after the rows are written
    # (cypher/membership_bounds.cypher): those of its memberships and its meeting's council.
    org_ids: list[str] = field(default_factory=list)

    def add(self, name: str, rows: list[dict]) -> None:
        if rows:
            self.batches.append((name, rows))

    def row_count(self) -> int:
        return sum(len(r) for _, r in self.batches)


@dataclass(frozen=True)
class Ids:
    """The ids of the document's meeting, agenda items (by number) and decisions (by item number)."""

    meeting: Optional[str] = None
    items: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)


def _where(ev: Evidence) -> dict:
    return dict(line=ev.line, quote=ev.quote)


def _sorted(rows: dict) -> list[dict]:
    return [rows[k] for k in sorted(rows)]


def org_id_of(resolved: ResolvedDocument, ref) -> Optional[str]:
    return resolved.org_of.get(org_key(ref.surface, ref.org_id))


def document_rows(resolved: ResolvedDocument, curated_org_ids: frozenset = frozenset(), layout: str = "",
                  encoding: str = "", line_count: int = 0, page_starts: Optional[list[int]] = None) -> DocumentRows:
    """Pure: turn one resolved document into the rows of every load statement, in loading order."""
    f: DocumentFacts = resolved.facts
    out = DocumentRows(f.doc_id)
    out.add("load_document", document_row(f, layout, encoding, line_count, page_starts))
    out.add("load_organizations", organization_rows(resolved, curated_org_ids))
    out.add("load_persons", person_rows(resolved))
    ids = document_ids(resolved)
    out.add("load_meeting", meeting_rows(resolved, ids))
    out.add("load_agenda_items", agenda_item_rows(f, ids))
    out.add("load_decisions", decision_rows(f, ids))
    for name, rows in membership_rows(resolved, ids).items():
        out.add(name, rows)
    council = {org_id_of(resolved, f.meeting.council)} if ids.meeting else set()
    out.org_ids = sorted({r["org_id"] for r in dict(out.batches).get("load_memberships", [])} | council)
    out.add("load_attendance", attendance_rows(resolved, ids))
    known = frozenset(curated_org_ids) | {o.org_id for o in resolved.orgs}
    for name, rows in vote_rows(resolved, ids, known).items():
        out.add(name, rows)
    concerns = concerns_rows(resolved, ids)
    for kind in CONCERN_KINDS:
        out.add(f"load_concerns_{kind}", concerns[kind])
    out.add("load_seat_events", seat_event_rows(resolved, ids))
    out.add("load_area_memberships", area_membership_rows(resolved))
    out.add("load_unresolved", unresolved_rows(resolved))
    out.add("load_mentioned", mentioned_rows(resolved))
    named_orgs, named_munis = named_rows(f, curated_org_ids)
    out.add("load_names_organization", named_orgs)
    out.add("load_names_municipality", named_munis)
    out.add("load_names_region", named_region_rows(f))
    out.add("load_review_organizations", review_organization_rows(f))
    return out


def document_row(f: DocumentFacts, layout: str, encoding: str, line_count: int,
                 page_starts: Optional[list[int]]) -> list[dict]:
    return [dict(doc_id=f.doc_id, path=f.path, kind=f.kind, title=f.title, date=f.date, layout=layout,
                 encoding=encoding, line_count=line_count, page_starts=page_starts)]


def organization_rows(resolved: ResolvedDocument, curated_org_ids: frozenset) -> list[dict]:
    """The organizations only documents name: curated ones are written by the reference data, once, in one
    form (a document-named one is removed again when no document names it any more)."""
    return [dict(org_id=o.org_id, name=o.name, kind=o.kind, short_name=o.short_name, aliases=sorted(set(o.aliases)),
                 classification=o.classification, letter=o.letter, kommunekode=o.kommunekode, source="extracted",
                 part_of=o.part_of)
            for o in sorted(resolved.orgs, key=lambda o: o.org_id) if o.org_id not in curated_org_ids]


def person_rows(resolved: ResolvedDocument) -> list[dict]:
    return [dict(person_id=p.person_id, name=p.name, aliases=sorted(p.aliases), merged_ids=sorted(p.merged_ids))
            for p in sorted(resolved.persons, key=lambda p: p.person_id)]


def document_ids(resolved: ResolvedDocument) -> Ids:
    """The meeting (when its council is known), its agenda items and their decisions (by item number: the item's
    last decision, the one a chain of recommendations leads to)."""
    f = resolved.facts
    council = org_id_of(resolved, f.meeting.council) if f.meeting is not None else None
    if not council:
        return Ids()
    mid = meeting_id(council, f.meeting.date, f.doc_id)
    items = {item_key(a): f"{mid}:{item_key(a)}" for a in f.agenda_items}
    decisions = {d.item_number: f"{items[d.item_number]}:decision" for d in f.decisions if d.item_number in items}
    return Ids(mid, items, decisions)


def item_key(a) -> str:
    """An agenda item's key in its meeting: its number, or, for an item listed without one, its line and title."""
    return a.number if a.number else f"line-{a.evidence.line}-{slugify(a.title)[:60]}"


def decision_id(f: DocumentFacts, ids: Ids, d: DecisionFact) -> str:
    """An item's last decision is `<item>:decision`; a recommendation before it adds its body and date; a decision
    without an item is the meeting's (or, without a meeting, the document's), keyed by its line."""
    if d.item_number in ids.items:
        last = [x for x in f.decisions if x.item_number == d.item_number][-1]
        base = ids.decisions[d.item_number]
        return base if d is last else f"{base}:{slugify(d.body or '')}:{d.date or d.evidence.line}"
    return f"{ids.meeting or 'document:' + f.doc_id}:decision:{d.evidence.line}"


def meeting_rows(resolved: ResolvedDocument, ids: Ids) -> list[dict]:
    if not ids.meeting:
        return []
    m = resolved.facts.meeting
    return [dict(meeting_id=ids.meeting, council_id=org_id_of(resolved, m.council), date=m.date, time=m.time,
                 location=m.location, **_where(m.evidence))]


def agenda_item_rows(f: DocumentFacts, ids: Ids) -> list[dict]:
    if not ids.meeting:
        return []
    return [dict(agenda_item_id=ids.items[item_key(a)], meeting_id=ids.meeting, number=a.number, title=a.title,
                 case_number=a.case_number, officer=a.officer, recommendation=a.recommendation, **_where(a.evidence))
            for a in f.agenda_items]


def decision_rows(f: DocumentFacts, ids: Ids) -> list[dict]:
    return [dict(decision_id=decision_id(f, ids, d), agenda_item_id=ids.items.get(d.item_number),
                 meeting_id=ids.meeting, text=d.text, outcome=d.outcome, body=d.body, date=d.date, **_where(d.evidence))
            for d in f.decisions]


class _Memberships:
    """Memberships and the relationships that hang off them (party, municipality, replaced seat, deciding
    decision), each keyed so that a fact stated twice on one line is one row."""

    def __init__(self, date: Optional[str], ids: Ids):
        self.date, self.ids = date, ids
        self.memberships: dict[tuple, dict] = {}
        self.party: dict[tuple, dict] = {}
        self.municipality: dict[tuple, dict] = {}
        self.replaces: dict[tuple, dict] = {}
        self.appoints: dict[tuple, dict] = {}

    def add(self, person_id, org_id, role, status, ev, item_number, party_id=None, kommunekode=None,
            decided_in=None) -> str:
        mem_id = membership_id(person_id, org_id, role, status)
        item = self.ids.items.get(item_number) if item_number else None
        self.memberships.setdefault((mem_id, ev.line), dict(
            membership_id=mem_id, person_id=person_id, org_id=org_id, role=role, status=status, date=self.date,
            agenda_item_id=item, **_where(ev)))
        # These relationships carry the line that states them (a membership gathers lines from many
        # documents: each appointment's party, municipality and decision must stay with its own line).
        if party_id:
            self.party[(mem_id, party_id, ev.line)] = dict(membership_id=mem_id, party_id=party_id, **_where(ev))
        if kommunekode:
            self.municipality[(mem_id, kommunekode, ev.line)] = dict(membership_id=mem_id, kommunekode=kommunekode,
                                                                     **_where(ev))
        if decided_in and decided_in in self.ids.decisions:
            # Only the decision of an appointment item, or one that names the person, settles a seat
            # (extract sets decided_in); the item a line merely sits in decides nothing.
            did = self.ids.decisions[decided_in]
            self.appoints[(mem_id, did, ev.line)] = dict(decision_id=did, membership_id=mem_id, **_where(ev))
        return mem_id

    def replace(self, mem_id: str, gone: str, ev: Evidence) -> None:
        self.replaces[(mem_id, gone, ev.line)] = dict(membership_id=mem_id, replaced_membership_id=gone,
                                                      **_where(ev))

    def rows(self) -> dict[str, list[dict]]:
        return {"load_memberships": _sorted(self.memberships), "load_membership_party": _sorted(self.party),
                "load_membership_municipality": _sorted(self.municipality),
                "load_replaces": _sorted(self.replaces), "load_appoints": _sorted(self.appoints)}


def party_ids(resolved: ResolvedDocument) -> dict[tuple, str]:
    """(letter, kommunekode or None) -> the party's org_id, for the parties this document points to."""
    return {(o.letter, o.kommunekode): o.org_id for o in resolved.orgs if o.kind == "party" and o.letter}


def membership_rows(resolved: ResolvedDocument, ids: Ids) -> dict[str, list[dict]]:
    """load_memberships, load_membership_party, load_membership_municipality, load_replaces, load_appoints."""
    f, person_of = resolved.facts, resolved.person_of
    out = _Memberships(f.meeting.date if f.meeting else None, ids)
    party_id_of = party_ids(resolved)
    for m in f.memberships:
        pid = person_of.get(m.person.mention_id)
        oid = org_id_of(resolved, m.organization)
        if not pid or not oid:
            continue
        party_id = party_id_of.get((m.party, m.municipality)) or party_id_of.get((m.party, None)) if m.party else None
        mem_id = out.add(pid, oid, m.role, m.status, m.evidence, m.item_number, party_id, m.municipality,
                         m.decided_in)
        if m.replaces is not None and person_of.get(m.replaces.mention_id):
            # The seat being taken over: the replaced person's resignation from the same seat; a substitute
            # (stedfortræder) or a proposal takes no seat away: the replaced person keeps a member's seat.
            # A proposal states nothing about that seat (its role is left unsaid).
            gone_status, gone_role = (("resigned", m.role) if m.status == "appointed" and m.role != "stedfortræder"
                                      else ("member", "medlem" if m.status == "appointed" else None))
            gone = out.add(person_of[m.replaces.mention_id], oid, gone_role, gone_status, m.evidence,
                           m.item_number, party_id if gone_status == "resigned" else None, None, m.decided_in)
            out.replace(mem_id, gone, m.evidence)
    return out.rows()


def attendance_rows(resolved: ResolvedDocument, ids: Ids) -> list[dict]:
    if not ids.meeting:
        return []
    attendance = {}
    for a in resolved.facts.attendance:
        pid = resolved.person_of.get(a.person.mention_id)
        if pid:
            replaced = resolved.person_of.get(a.replaces.mention_id) if a.replaces is not None else None
            attendance[pid] = dict(person_id=pid, meeting_id=ids.meeting, status=a.status, role=a.role,
                                   stood_in_for=replaced, items=a.items, **_where(a.evidence))
    return _sorted(attendance)


VOTE_POSITIONS = ("for", "against", "abstained", "reserved")


def vote_rows(resolved: ResolvedDocument, ids: Ids, known_orgs: frozenset) -> dict[str, list[dict]]:
    """Each vote the document states (a Vote node the document evidences) and every party's and person's ballot."""
    f = resolved.facts
    out: dict[str, list[dict]] = {"load_votes": [], "load_votes_by_person": [], "load_votes_by_party": []}
    for k, v in enumerate(f.votes):
        vid = stable_id("vote", f.doc_id, str(k))
        row = dict(vote_id=vid, meeting_id=ids.meeting, agenda_item_id=ids.items.get(v.item_number),
                   decision_id=ids.decisions.get(v.item_number), item_number=v.item_number, subject=v.subject,
                   body=v.body, date=v.date, outcome=v.outcome, **_where(v.evidence))
        for position in VOTE_POSITIONS:
            row[f"{position}_count"] = v.counts.get(position)
            row[f"{position}_parties"] = [b.party for b in v.ballots if b.position == position and b.person is None]
        out["load_votes"].append(row)
        for b in v.ballots:
            where = dict(vote_id=vid, position=b.position, party=b.party, **_where(b.evidence))
            pid = resolved.person_of.get(b.person.mention_id) if b.person is not None else None
            if pid:
                out["load_votes_by_person"].append(dict(person_id=pid, **where))
            elif b.person is None and b.party_id and b.party_id in known_orgs:
                out["load_votes_by_party"].append(dict(org_id=b.party_id, **where))
    return out


def _concern_target(resolved: ResolvedDocument, kind: str, target: str, org_ids: set) -> tuple[str, Optional[str]]:
    if kind == "person":
        return kind, resolved.person_of.get(target)
    if kind == "organization":
        target = resolved.org_of.get(target, target)
        if target and target.startswith("region:"):  # a region named in the item: an Area, not an Organization
            return "region", target.split(":", 1)[1]
        return kind, target if target in org_ids else None
    return kind, target


def concerns_rows(resolved: ResolvedDocument, ids: Ids) -> dict[str, list[dict]]:
    """{target kind: rows of load_concerns_<kind>}: what each agenda item concerns."""
    concerns: dict[str, dict] = {kind: {} for kind in CONCERN_KINDS}
    org_ids = {o.org_id for o in resolved.orgs}
    for c in resolved.facts.concerns:
        aid = ids.items.get(c.item_number)
        if not aid:
            continue
        kind, target = _concern_target(resolved, c.target_kind, c.target, org_ids)
        if target:
            concerns[kind].setdefault((aid, target), dict(agenda_item_id=aid, target=target, **_where(c.evidence)))
    return {kind: _sorted(rows) for kind, rows in concerns.items()}


def seat_event_rows(resolved: ResolvedDocument, ids: Ids) -> list[dict]:
    seats = {}
    org_ids = {o.org_id for o in resolved.orgs}
    for st in resolved.facts.seats:
        aid = ids.items.get(st.item_number) if st.item_number else None
        oid = org_id_of(resolved, st.organization) or (
            st.organization.org_id if st.organization.org_id in org_ids else None)
        if aid and oid:
            invited = (org_id_of(resolved, st.invited) or st.invited.org_id) if st.invited else None
            seats.setdefault((aid, oid, st.status, st.party or "", st.evidence.line), dict(
                agenda_item_id=aid, org_id=oid, status=st.status, party=st.party, invited_id=invited,
                **_where(st.evidence)))
    return _sorted(seats)


def area_membership_rows(resolved: ResolvedDocument) -> list[dict]:
    area = {}
    for am in resolved.facts.area_memberships:
        oid = org_id_of(resolved, am.organization)
        if oid:
            area.setdefault((am.kommunekode, oid), dict(kommunekode=am.kommunekode, org_id=oid, **_where(am.evidence)))
    return _sorted(area)


def unresolved_rows(resolved: ResolvedDocument) -> list[dict]:
    """Person mentions resolution could not place, and lines extraction kept but did not understand."""
    unresolved = {}
    for u in resolved.unresolved:
        unresolved[u.mention.mention_id] = dict(mention_id=u.mention.mention_id, name=u.mention.name,
                                                reason=u.reason, **_where(u.mention.evidence))
    f = resolved.facts
    for ev in f.unresolved:
        mid = f"{f.doc_id[:16]}:{ev.line}:line"
        unresolved.setdefault(mid, dict(mention_id=mid, name=None, reason="line not understood", **_where(ev)))
    return _sorted(unresolved)


def mentioned_rows(resolved: ResolvedDocument) -> list[dict]:
    """Every person the document names, each with its line: what any kind of document can say (a member
    page, a news item)."""
    mentioned = {}
    for m in resolved.facts.mentions:
        pid = resolved.person_of.get(m.mention_id)
        if pid:
            mentioned.setdefault((pid, m.evidence.line), dict(person_id=pid, **_where(m.evidence)))
    return _sorted(mentioned)


def named_rows(f: DocumentFacts, curated_org_ids: frozenset) -> tuple[list[dict], list[dict]]:
    """(load_names_organization rows, load_names_municipality rows): the organisations and municipalities
    a reference list knows that the document names."""
    named_orgs, named_munis = {}, {}
    for o in [*f.organizations, *(p for p in f.places if p.kind == "municipality")]:
        row = dict(ref_id=o.ref_id, **_where(o.evidence))
        if o.kind == "municipality":
            named_munis.setdefault(o.ref_id, row)
        elif o.kind in ("council", "body", "party") and o.ref_id in curated_org_ids:
            named_orgs.setdefault(o.ref_id, row)
    return _sorted(named_orgs), _sorted(named_munis)



def named_region_rows(f: DocumentFacts) -> list[dict]:
    """load_names_region rows: the regions the document names as authorities ("Region Syddanmark")."""
    named = {}
    for o in [*f.organizations, *f.places]:
        if o.kind == "region" and o.surface.startswith("Region"):
            named.setdefault(o.ref_id, dict(ref_id=o.ref_id, **_where(o.evidence)))
    return _sorted(named)


REVIEW_STATUS = "awaiting review"


def review_organization_rows(f: DocumentFacts) -> list[dict]:
    """load_review_organizations rows: organisations no reference list knows, recognised by their form
    (graphbuild/nlp/components/org_forms.py), each kept as a Body awaiting review with the line naming it."""
    rows = {}
    for o in f.review_organizations:
        rows.setdefault(o.ref_id, dict(org_id=o.ref_id, name=o.surface, classification=o.classification,
                                       status=REVIEW_STATUS, **_where(o.evidence)))
    return _sorted(rows)
