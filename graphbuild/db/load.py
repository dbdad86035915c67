"""Loading: resolved facts -> Neo4j, many documents per transaction (write_group), one when a group fails.

Never parses text.  Every statement lives in cypher/ (one file each), takes its
values as parameters, writes with `UNWIND $rows ... MERGE` on a constrained key,
and returns how many rows it wrote, which is checked against how many it was
given: a row silently dropped by a MATCH that found nothing is an error that rolls
the document back, not a fact that vanishes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

import neo4j

from ..errors import DatabaseError, GraphbuildError
from ..model import KnownPerson, PersonContext
from .grouped import grouped_statement, merged_rows
from .rows import DocumentRows
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


def run_rows(tx, name: str, rows: list[dict], counts: WriteCounts, text: Optional[str] = None, **params) -> None:
    """Run statement `name` (or its grouped form `text`) over rows in batches; every row must be written."""
    text = text or statement(name)
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        result = tx.run(text, rows=batch, **params)
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


def settle_rows(ids: set) -> list[dict]:
    """The rows of a settle_* statement: the shared nodes to settle, by id."""
    return [{"id": i} for i in sorted(ids)]


def _settle(tx, targets: dict[str, set], counts: WriteCounts) -> None:
    for key, name in _SETTLE:
        if targets[key]:
            counts.add(tx.run(statement(name), rows=settle_rows(targets[key])).consume().counters)


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

    def __init__(self, driver: neo4j.Driver, database: Optional[str] = None, group_docs: Optional[int] = None):
        self.driver = driver
        self.database = database
        # At most this many new documents per transaction (None: grouped.GROUP_DOCS; 1: one each, as before).
        self.group_docs = group_docs

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
            s.run(statement("schema_await")).consume()
        return True

    @staticmethod
    def _schema_in_place(session) -> bool:
        constraints, indexes = schema_names()
        try:
            have_constraints = {r["name"] for r in session.run(statement("schema_constraints"))}
            index_state = {r["name"]: r["state"] for r in session.run(statement("schema_indexes"))}
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

    def write_group(self, docs: list[tuple[DocumentRows, str]]) -> tuple[list[DocumentOutcome], WriteCounts]:
        """New documents (no earlier version) in one transaction, one statement call per kind of row.

        When the group fails (a row not written, Neo4j refusing a value), nothing of it stays and each
        document is written alone (write_document), so a broken one fails alone with its own reason.
        Returns (an outcome per document, the counts of the whole group)."""
        if len(docs) == 1:
            outcome = self.write_document(*docs[0])
            return [outcome], outcome.counts
        counts = WriteCounts()
        try:
            bookmarks = self._write_merged([rows for rows, _ in docs], counts)
            self._check_group_committed([rows.doc_id for rows, _ in docs], docs[0][1], bookmarks)
        except (LoadMismatch, neo4j.exceptions.Neo4jError):
            outcomes = [self.write_document(rows, path) for rows, path in docs]
            total = WriteCounts()
            for o in outcomes:
                for name in vars(total):
                    setattr(total, name, getattr(total, name) + getattr(o.counts, name))
            return outcomes, total
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as exc:
            raise DatabaseError(f"lost the connection to Neo4j while loading {docs[0][1]} and "
                                f"{len(docs) - 1} more documents: {exc}") from None
        return [DocumentOutcome(rows.doc_id, path, "loaded") for rows, path in docs], counts

    def _write_merged(self, docs: list[DocumentRows], counts: WriteCounts):
        org_ids = sorted({o for d in docs for o in d.org_ids})

        def work(tx):
            counts.__init__()
            targets = _no_targets()
            for name, rows in merged_rows(docs):
                run_rows(tx, name, rows, counts, text=grouped_statement(name))
                for key, field_ in _SETTLED_BY_BATCH.get(name, ()):
                    targets[key].update(r[field_] for r in rows)
            _settle(tx, targets, counts)
            if org_ids:
                counts.add(tx.run(statement("membership_bounds"), org_ids=org_ids, terms=electoral_terms())
                           .consume().counters)

        with self._session() as s:
            s.execute_write(work)
            return s.last_bookmarks()

    def _check_group_committed(self, doc_ids: list[str], path: str, bookmarks) -> None:
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS,
                                 bookmarks=bookmarks) as s:
            n = s.execute_read(lambda tx: tx.run(statement("documents_committed"), doc_ids=doc_ids).single()["n"])
        if n != len(doc_ids):
            raise DatabaseError(f"lost the connection to Neo4j while loading {path} and {len(doc_ids) - 1} more "
                                f"documents: the commit was acknowledged but {len(doc_ids) - n} are not in the graph")
