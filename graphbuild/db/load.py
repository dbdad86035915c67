"""Loading: resolved facts -> Neo4j, one transaction per document.

Never parses text.  Every statement lives in cypher/ (one file each), takes its
values as parameters, writes with `UNWIND $rows ... MERGE` on a constrained key,
and returns how many rows it wrote, which is checked against how many it was
given: a row silently dropped by a MATCH that found nothing is an error that rolls
the document back, not a fact that vanishes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

import neo4j

from ..errors import DatabaseError, GraphbuildError
from ..model import DocumentFacts
from ..resolve import KnownPerson, PersonContext, ResolvedDocument, org_key
from .statements import schema_names, schema_statements, statement

BATCH_SIZE = 2000


class LoadMismatch(GraphbuildError):
    pass


@dataclass
class WriteCounts:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, counters) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set

    def merge(self, other: "WriteCounts") -> None:
        for f in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


def run_rows(tx, name: str, rows: list[dict], counts: WriteCounts, **params) -> None:
    """Run statement `name` over rows in batches; every row must be written."""
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        result = tx.run(statement(name), rows=batch, **params)
        record = result.single()
        written = record["written"] if record else 0
        counts.add(result.consume().counters)
        if written != len(batch):
            raise LoadMismatch(
                f"{name}: {len(batch)} rows given, {written} written "
                f"(a referenced node is missing; first row: {batch[0]})"
            )


@lru_cache(maxsize=None)
def electoral_terms() -> list[dict]:
    """The municipal electoral terms (graphbuild/data/terms.csv): a council seat lasts at most one term."""
    import csv
    import io
    from importlib import resources
    text = resources.files("graphbuild").joinpath("data", "terms.csv").read_text(encoding="utf-8")
    return [dict(start=r["start"], end=r["end"]) for r in csv.DictReader(io.StringIO(text))]


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


# ------------------------------------------------------------------ rows
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


def document_rows(resolved: ResolvedDocument, curated_org_ids: frozenset = frozenset(), layout: str = "",
                  encoding: str = "", line_count: int = 0, page_starts: Optional[list[int]] = None) -> DocumentRows:
    """Pure: turn one resolved document into the rows of every load statement."""
    f: DocumentFacts = resolved.facts
    out = DocumentRows(f.doc_id)
    out.add("load_document", [dict(doc_id=f.doc_id, path=f.path, kind=f.kind, title=f.title, date=f.date,
                                   layout=layout, encoding=encoding, line_count=line_count,
                                   page_starts=page_starts)])
    # Curated organizations are written by the reference data, once, in one form; a document only adds
    # the ones it alone names (removed again when no document names them any more).
    out.add("load_organizations", [
        dict(org_id=o.org_id, name=o.name, kind=o.kind, short_name=o.short_name, aliases=sorted(set(o.aliases)),
             classification=o.classification, letter=o.letter, kommunekode=o.kommunekode, source="extracted",
             part_of=o.part_of)
        for o in sorted(resolved.orgs, key=lambda o: o.org_id) if o.org_id not in curated_org_ids
    ])
    out.add("load_persons", [dict(person_id=p.person_id, name=p.name, aliases=sorted(p.aliases),
                                  merged_ids=sorted(p.merged_ids))
                             for p in sorted(resolved.persons, key=lambda p: p.person_id)])

    def org_id_of(ref) -> Optional[str]:
        return resolved.org_of.get(org_key(ref.surface, ref.org_id))

    date = f.meeting.date if f.meeting else None
    mid = None
    if f.meeting is not None and org_id_of(f.meeting.council):
        mid = meeting_id(org_id_of(f.meeting.council), f.meeting.date, f.doc_id)
        out.add("load_meeting", [dict(meeting_id=mid, council_id=org_id_of(f.meeting.council), date=f.meeting.date,
                                      time=f.meeting.time, location=f.meeting.location,
                                      line=f.meeting.evidence.line, quote=f.meeting.evidence.quote)])

    item_id = {}
    decision_of_item = {}
    if mid:
        items = []
        for a in f.agenda_items:
            aid = f"{mid}:{a.number}"
            item_id[a.number] = aid
            items.append(dict(agenda_item_id=aid, meeting_id=mid, number=a.number, title=a.title,
                              case_number=a.case_number, officer=a.officer, recommendation=a.recommendation,
                              line=a.evidence.line, quote=a.evidence.quote))
        out.add("load_agenda_items", items)
        decisions = []
        for d in f.decisions:
            if d.item_number not in item_id:
                continue
            did = f"{item_id[d.item_number]}:decision"
            decision_of_item[d.item_number] = did
            decisions.append(dict(decision_id=did, agenda_item_id=item_id[d.item_number], text=d.text,
                                  outcome=d.outcome, line=d.evidence.line, quote=d.evidence.quote))
        out.add("load_decisions", decisions)

    person_of = resolved.person_of
    memberships: dict[tuple, dict] = {}
    party_rows, muni_rows, replaces_rows, appoints_rows = {}, {}, {}, {}

    def add_membership(person_id, org_id, role, status, ev, item_number, party_id=None, kommunekode=None,
                       decided_in=None):
        mem_id = membership_id(person_id, org_id, role, status)
        key = (mem_id, ev.line)
        memberships.setdefault(key, dict(
            membership_id=mem_id, person_id=person_id, org_id=org_id, role=role, status=status, date=date,
            line=ev.line, quote=ev.quote, agenda_item_id=item_id.get(item_number) if item_number else None))
        # These relationships carry the line that states them (a membership gathers lines from many
        # documents: each appointment's party, municipality and decision must stay with its own line).
        where = dict(line=ev.line, quote=ev.quote)
        if party_id:
            party_rows[(mem_id, party_id, ev.line)] = dict(membership_id=mem_id, party_id=party_id, **where)
        if kommunekode:
            muni_rows[(mem_id, kommunekode, ev.line)] = dict(membership_id=mem_id, kommunekode=kommunekode, **where)
        if decided_in and decided_in in decision_of_item:
            # Only the decision of an appointment item, or one that names the person, settles a seat
            # (extract sets decided_in); the item a line merely sits in decides nothing.
            did = decision_of_item[decided_in]
            appoints_rows[(mem_id, did, ev.line)] = dict(decision_id=did, membership_id=mem_id, **where)
        return mem_id

    party_id_of = {o.letter_key: o.org_id for o in _party_keys(resolved)}
    for m in f.memberships:
        pid = person_of.get(m.person.mention_id)
        oid = org_id_of(m.organization)
        if not pid or not oid:
            continue
        party_id = party_id_of.get((m.party, m.municipality)) or party_id_of.get((m.party, None)) if m.party else None
        mem_id = add_membership(pid, oid, m.role, m.status, m.evidence, m.item_number, party_id, m.municipality,
                                m.decided_in)
        if m.replaces is not None and person_of.get(m.replaces.mention_id):
            # The seat being taken over: the replaced person's resignation from the same seat.
            gone = add_membership(person_of[m.replaces.mention_id], oid, m.role, "resigned", m.evidence,
                                  m.item_number, party_id, None, m.decided_in)
            replaces_rows[(mem_id, gone, m.evidence.line)] = dict(
                membership_id=mem_id, replaced_membership_id=gone, line=m.evidence.line, quote=m.evidence.quote)

    out.add("load_memberships", [memberships[k] for k in sorted(memberships)])
    out.org_ids = sorted({r["org_id"] for r in memberships.values()}
                         | ({org_id_of(f.meeting.council)} if mid else set()))
    out.add("load_membership_party", [party_rows[k] for k in sorted(party_rows)])
    out.add("load_membership_municipality", [muni_rows[k] for k in sorted(muni_rows)])
    out.add("load_replaces", [replaces_rows[k] for k in sorted(replaces_rows)])
    out.add("load_appoints", [appoints_rows[k] for k in sorted(appoints_rows)])

    if mid:
        attendance = {}
        for a in f.attendance:
            pid = person_of.get(a.person.mention_id)
            if pid:
                attendance[pid] = dict(person_id=pid, meeting_id=mid, status=a.status, role=a.role,
                                       line=a.evidence.line, quote=a.evidence.quote)
        out.add("load_attendance", [attendance[k] for k in sorted(attendance)])

    concerns = {"person": {}, "organization": {}, "municipality": {}, "region": {}}
    org_ids = {o.org_id for o in resolved.orgs}
    for c in f.concerns:
        aid = item_id.get(c.item_number)
        if not aid:
            continue
        kind, target = c.target_kind, c.target
        if kind == "person":
            target = person_of.get(c.target)
        elif kind == "organization":
            target = resolved.org_of.get(c.target, c.target)
            if target and target.startswith("region:"):  # a region named in the item: an Area, not an Organization
                kind, target = "region", target.split(":", 1)[1]
            elif target not in org_ids:
                target = None
        if not target:
            continue
        concerns[kind].setdefault((aid, target), dict(agenda_item_id=aid, target=target,
                                                      line=c.evidence.line, quote=c.evidence.quote))
    for kind in ("person", "organization", "municipality", "region"):
        rows = concerns[kind]
        out.add(f"load_concerns_{kind}", [rows[k] for k in sorted(rows)])

    seats = {}
    for st in f.seats:
        aid = item_id.get(st.item_number) if st.item_number else None
        oid = org_id_of(st.organization) or (st.organization.org_id if st.organization.org_id in org_ids else None)
        if aid and oid:
            invited = (org_id_of(st.invited) or st.invited.org_id) if st.invited else None
            seats.setdefault((aid, oid, st.status, st.party or "", st.evidence.line), dict(
                agenda_item_id=aid, org_id=oid, status=st.status, party=st.party, invited_id=invited,
                line=st.evidence.line, quote=st.evidence.quote))
    out.add("load_seat_events", [seats[k] for k in sorted(seats)])

    area = {}
    for am in f.area_memberships:
        oid = org_id_of(am.organization)
        if oid:
            area.setdefault((am.kommunekode, oid), dict(kommunekode=am.kommunekode, org_id=oid,
                                                        line=am.evidence.line, quote=am.evidence.quote))
    out.add("load_area_memberships", [area[k] for k in sorted(area)])

    unresolved = {}
    for u in resolved.unresolved:
        ev = u.mention.evidence
        unresolved[u.mention.mention_id] = dict(mention_id=u.mention.mention_id, name=u.mention.name,
                                                reason=u.reason, line=ev.line, quote=ev.quote)
    for ev in f.unresolved:
        mid_ = f"{f.doc_id[:16]}:{ev.line}:line"
        unresolved.setdefault(mid_, dict(mention_id=mid_, name=None, reason="line not understood",
                                         line=ev.line, quote=ev.quote))
    out.add("load_unresolved", [unresolved[k] for k in sorted(unresolved)])

    # Every person the document names, and every organisation or municipality a reference list knows that it
    # names: what could be read from any kind of document, each with its line (a member page, a news item).
    mentioned = {}
    for m in f.mentions:
        pid = person_of.get(m.mention_id)
        if pid:
            mentioned.setdefault((pid, m.evidence.line), dict(person_id=pid, line=m.evidence.line,
                                                               quote=m.evidence.quote))
    out.add("load_mentioned", [mentioned[k] for k in sorted(mentioned)])
    named_orgs, named_munis = {}, {}
    for o in f.organizations:
        row = dict(ref_id=o.ref_id, line=o.evidence.line, quote=o.evidence.quote)
        if o.kind == "municipality":
            named_munis.setdefault(o.ref_id, row)
        elif o.kind in ("council", "body", "party") and o.ref_id in curated_org_ids:
            named_orgs.setdefault(o.ref_id, row)
    out.add("load_names_organization", [named_orgs[k] for k in sorted(named_orgs)])
    out.add("load_names_municipality", [named_munis[k] for k in sorted(named_munis)])
    return out


@dataclass(frozen=True)
class _PartyKey:
    letter_key: tuple
    org_id: str


def _party_keys(resolved: ResolvedDocument) -> Iterable[_PartyKey]:
    for o in resolved.orgs:
        if o.kind == "party" and o.letter:
            yield _PartyKey((o.letter, o.kommunekode), o.org_id)


# ------------------------------------------------------------------ retract and settle
# Shared nodes (an agenda item, its decision, the meeting: documented by an agenda and its minutes, or
# by two copies) take their values from all their evidence, settled after every write and retraction,
# so a replaced or retracted document leaves none of its text behind and the loading order does not
# matter: the graph equals a clean load of the documents that remain.
_SETTLE = (("agenda_items", "settle_agenda_items"), ("decisions", "settle_decisions"), ("meetings", "settle_meetings"))
_SETTLED_BY_BATCH = {"load_agenda_items": (("agenda_items", "agenda_item_id"),),
                     "load_decisions": (("decisions", "decision_id"),),
                     "load_meeting": (("meetings", "meeting_id"),)}


def _no_targets() -> dict[str, set]:
    return {key: set() for key, _ in _SETTLE}


def _retract(tx, doc_id: str, counts: WriteCounts) -> dict[str, set]:
    """Retract document `doc_id`; returns the shared nodes it had a say in (to settle afterwards)."""
    targets = _no_targets()
    record = tx.run(statement("retract_targets"), doc_id=doc_id).single()
    if record:
        for key in targets:
            targets[key].update(record[key])
    counts.add(tx.run(statement("retract_document"), doc_id=doc_id).consume().counters)
    return targets


def _settle(tx, targets: dict[str, set], counts: WriteCounts) -> None:
    for key, name in _SETTLE:
        if targets[key]:
            rows = [{"id": i} for i in sorted(targets[key])]
            counts.add(tx.run(statement(name), rows=rows).consume().counters)


# ------------------------------------------------------------------ writer
@dataclass
class DocumentOutcome:
    doc_id: str
    path: str
    status: str  # loaded | replaced | unchanged | failed
    reason: str = ""
    counts: WriteCounts = field(default_factory=WriteCounts)


class GraphWriter:
    """Writes documents to one database; the only place that sends writes to Neo4j."""

    def __init__(self, driver: neo4j.Driver, database: Optional[str] = None):
        self.driver = driver
        self.database = database

    def _session(self, mode=neo4j.WRITE_ACCESS):
        return self.driver.session(database=self.database, default_access_mode=mode)

    def apply_schema(self, force: bool = False) -> bool:
        """Create the constraints and indexes of cypher/schema.cypher; True when statements were sent.

        Every ingest calls this, so when every named constraint and index already exists and is
        online (two SHOW round trips) nothing is sent: re-ingesting one document should cost that
        document, not ~20 schema statements.  The statements are IF NOT EXISTS, so skipping them
        when the names exist changes nothing in the graph.
        """
        with self._session() as s:
            if not force and self._schema_in_place(s):
                return False
            for stmt in schema_statements():
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(300)").consume()
        return True

    @staticmethod
    def _schema_in_place(session) -> bool:
        constraints, indexes = schema_names()
        try:
            have_constraints = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
            index_state = {r["name"]: r["state"] for r in session.run("SHOW INDEXES YIELD name, state")}
        except neo4j.exceptions.ClientError:
            return False  # not allowed to list the schema: fall back to the idempotent statements
        # A uniqueness constraint is backed by an index of the same name: online means usable.
        return constraints <= have_constraints and all(index_state.get(n) == "ONLINE" for n in constraints | indexes)

    def load_reference_data(self, gazetteer) -> WriteCounts:
        """Regions, municipalities and the gazetteer's organizations: curated, not extracted."""
        from .reference import reference_rows  # small pure helper

        counts = WriteCounts()
        regions, municipalities, orgs = reference_rows(gazetteer)

        def work(tx):
            run_rows(tx, "reference_regions", regions, counts)
            run_rows(tx, "reference_municipalities", municipalities, counts)
            run_rows(tx, "load_organizations", orgs, counts)

        with self._session() as s:
            s.execute_write(work)
        return counts

    def known_documents(self, docs: list[dict]) -> dict[tuple, dict]:
        """{(doc_id, path): {unchanged, previous_doc_id}} for rows {doc_id, path}."""
        with self._session(neo4j.READ_ACCESS) as s:
            records = s.execute_read(lambda tx: [r.data() for r in tx.run(statement("find_document"), docs=docs)])
        return {(r["doc_id"], r["path"]): r for r in records}

    def known_persons(self, exclude_doc_ids: Iterable[str] = ()) -> list[KnownPerson]:
        """The people the graph knows, leaving out what only the documents `exclude_doc_ids` (about to
        be replaced) say about them."""
        exclude = sorted(set(exclude_doc_ids))
        with self._session(neo4j.READ_ACCESS) as s:
            records = s.execute_read(lambda tx: [r.data() for r in tx.run(statement("known_persons"), exclude=exclude)])
        people = []
        for r in records:
            contexts = [PersonContext(party=c.get("party"), municipality=c.get("kommunekode"), date=c.get("date"),
                                      org_ids=(c["org_id"],) if c.get("org_id") else (),
                                      roles=(c["role"],) if c.get("role") else ())
                        for c in r["contexts"] if c.get("org_id")]
            people.append(KnownPerson(r["person_id"], r["name"], list(r["aliases"]), list(r["merged_ids"]), contexts))
        return people

    def retract_document(self, doc_id: str) -> WriteCounts:
        """Remove document `doc_id` and everything only it asserted (one transaction)."""
        counts = WriteCounts()

        def work(tx):
            counts.__init__()
            old = tx.run(statement("document_orgs"), doc_id=doc_id).single()
            org_ids = list(old["org_ids"]) if old else []
            _settle(tx, _retract(tx, doc_id, counts), counts)
            if org_ids:  # when the memberships of these organizations held, without this document
                counts.add(tx.run(statement("membership_bounds"), org_ids=org_ids, terms=electoral_terms())
                           .consume().counters)

        with self._session() as s:
            s.execute_write(work)
        return counts

    def merge_persons(self, kept_id: str, absorbed_id: str) -> None:
        with self._session() as s:
            s.execute_write(lambda tx: tx.run(statement("merge_person"), kept_id=kept_id, absorbed_id=absorbed_id).consume())

    def _check_committed(self, doc_id: str, path: str, bookmarks) -> None:
        """A commit acknowledged while the server shuts down can still be lost (seen with the local
        server: the open transaction is terminated, yet the driver reports success): read it back."""
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS,
                                 bookmarks=bookmarks) as s:
            n = s.execute_read(lambda tx: tx.run(statement("document_committed"), doc_id=doc_id).single()["n"])
        if not n:
            raise DatabaseError(f"lost the connection to Neo4j while loading {path}: "
                                f"the commit was acknowledged but the document is not in the graph")

    def write_document(self, rows: DocumentRows, path: str, replaces: Optional[str] = None,
                       before_commit: Optional[Callable[[], None]] = None) -> DocumentOutcome:
        """One transaction: retract the earlier version (if any), write every batch, commit or roll back."""
        counts = WriteCounts()

        def work(tx):
            counts.__init__()
            org_ids = list(rows.org_ids)
            if replaces:
                old = tx.run(statement("document_orgs"), doc_id=replaces).single()
                org_ids += [o for o in (old["org_ids"] if old else []) if o not in org_ids]
            targets = _retract(tx, replaces, counts) if replaces else _no_targets()
            for name, batch_rows in rows.batches:
                run_rows(tx, name, batch_rows, counts, doc_id=rows.doc_id)
                for key, field_ in _SETTLED_BY_BATCH.get(name, ()):
                    targets[key].update(r[field_] for r in batch_rows)
            _settle(tx, targets, counts)
            if org_ids:
                counts.add(tx.run(statement("membership_bounds"), org_ids=org_ids, terms=electoral_terms())
                           .consume().counters)
            if before_commit:
                before_commit()

        try:
            with self._session() as s:
                s.execute_write(work)
                bookmarks = s.last_bookmarks()
            if any(name == "load_document" for name, _ in rows.batches):
                self._check_committed(rows.doc_id, path, bookmarks)
        except LoadMismatch as exc:
            return DocumentOutcome(rows.doc_id, path, "failed", f"load check failed: {exc}")
        except neo4j.exceptions.Neo4jError as exc:
            first_line = (exc.message or str(exc)).strip().splitlines()[0]
            return DocumentOutcome(rows.doc_id, path, "failed", f"Neo4j refused the document: {first_line}")
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as exc:
            raise DatabaseError(f"lost the connection to Neo4j while loading {path}: {exc}") from None
        return DocumentOutcome(rows.doc_id, path, "replaced" if replaces else "loaded", counts=counts)
