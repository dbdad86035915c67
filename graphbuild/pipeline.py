"""The ingest run: find files, extract each (in parallel), resolve together, load one by one.

This module only wires the stages; each stage stays pure or does its own I/O.
A document that fails at any stage fails alone, with a one-line reason; the rest load.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import neo4j

from .errors import DatabaseError, GraphbuildError, InputError
from .model import DocumentFacts, Hints

DOCUMENT_SUFFIXES = {".txt", ".md", ".pdf", ".text", ".html", ".htm", ".xhtml"}
PARALLEL_FROM = 8  # below this many documents, a process pool costs more than it saves


# ------------------------------------------------------------------ discovery
@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: dict[str, int] = field(default_factory=dict)  # file type (".docx") -> files left out of folders

    def skipped_line(self) -> str:
        """'skipped: 2 .docx, 1 .png (unsupported file types; supported: .md, .pdf, .txt)', or ''."""
        if not self.skipped:
            return ""
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        return f"skipped: {kinds} (unsupported file types; supported: {supported_types()})"


def supported_types() -> str:
    return ", ".join(sorted(DOCUMENT_SUFFIXES))


def unsupported_type(path: Path) -> str:
    return f"unsupported file type {path.suffix.lower()} (supported: {supported_types()})"


def discover(paths: Iterable[str | os.PathLike]) -> Discovery:
    """Files to ingest, in a stable order; every path that yields nothing says why."""
    found = Discovery()
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if not os.path.lexists(p):
            found.problems.append((str(p), "no such file or directory"))
            continue
        if p.is_symlink() and not p.exists():
            found.problems.append((str(p), "broken symbolic link (or a link loop)"))
            continue
        if p.is_dir():
            before, problems_before = len(found.files), len(found.problems)
            for root, dirs, names in os.walk(p, followlinks=False, onerror=lambda e: found.problems.append(
                    (str(e.filename), f"cannot read directory: {e.strerror}"))):
                dirs.sort()
                for name in sorted(names):
                    f = Path(root) / name
                    if name.startswith(".") or name.lower() == "readme.md":
                        continue
                    if f.suffix.lower() not in DOCUMENT_SUFFIXES:
                        kind = f.suffix.lower() or "(no extension)"
                        found.skipped[kind] = found.skipped.get(kind, 0) + 1
                        continue
                    if f.is_symlink() and not f.exists():
                        found.problems.append((str(f), "broken symbolic link (or a link loop)"))
                        continue
                    _add(found, seen, f)
            if len(found.files) == before and len(found.problems) == problems_before:
                found.problems.append((str(p), "directory holds no documents (.txt, .md, .html or .pdf)"))
        elif p.suffix and p.suffix.lower() not in DOCUMENT_SUFFIXES:
            found.problems.append((str(p), unsupported_type(p)))
        else:
            _add(found, seen, p)
    return found


NON_UTF8_NAME = "file name is not valid UTF-8 (rename the file)"


def _utf8_name(path: str) -> bool:
    """A path whose bytes are not UTF-8 arrives with surrogate stand-ins (os.fsdecode): its name could
    be stored in the graph or printed only garbled, so such a file fails alone."""
    try:
        str(path).encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _add(found: Discovery, seen: set, f: Path) -> None:
    if not _utf8_name(str(f)):
        found.problems.append((str(f), NON_UTF8_NAME))
        return
    try:
        key = f.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        found.problems.append((str(f), f"cannot resolve path: {exc}"))
        return
    if not key.is_file():
        # A FIFO or device would block (or never end) when read.
        found.problems.append((str(f), "not a regular file (a FIFO, socket or device)"))
        return
    if key not in seen:
        seen.add(key)
        found.files.append(f)


# ------------------------------------------------------------------ extraction
@dataclass
class Extracted:
    path: str
    doc_id: str
    facts: Optional[DocumentFacts] = None
    layout: str = ""
    encoding: str = ""
    line_count: int = 0
    error: Optional[str] = None  # one-line reason when it failed
    warnings: list[str] = field(default_factory=list)  # loaded, but the user should know (e.g. repaired text)
    page_starts: Optional[list[int]] = None  # PDF: the original line where each page starts


def document_path(path: Path) -> str:
    """How a document is identified across versions: its absolute path."""
    return str(path.absolute())


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


MAX_TEXT_BYTES = 16 * 1024 * 1024  # a text document larger than this is refused before it is read
MAX_PDF_BYTES = 200 * 1024 * 1024  # PDFs carry images; their text is far smaller
MAX_LINE_BYTES = 100_000  # a "line" this long is not prose from a meeting document (binary dump, one-line file)
NOTHING_STATED = "states nothing to load: no meeting, no person in office and no known organisation found"
MEETING_KINDS = ("dagsorden", "referat", "bilag", "meeting")


def nothing_stated(facts: DocumentFacts) -> Optional[str]:
    """Why a readable document is refused, or None when it states something.

    A document is loaded when it names a meeting (a meeting header, or a title saying agenda/minutes/appendix
    with numbered items), a person in office (a person with a role, a party or a seat, or at a meeting) or an
    organisation a reference list knows.  Lorem ipsum, a recipe, a page about birds state none of these
    ("1 dl sukker" is not an agenda item)."""
    if facts.meeting is not None or (facts.kind in MEETING_KINDS and (facts.agenda_items or facts.date)):
        return None  # a meeting: placed, or dated/with items but its council not named (kept, to be completed)
    if facts.memberships or facts.attendance or any(m.party or m.roles for m in facts.mentions):
        return None
    if facts.organizations or facts.votes:
        return None  # a known organisation named, or a vote stated
    return NOTHING_STATED


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _check_size(path: str) -> None:
    """Refuse documents too big to be meeting documents, before reading them (bounded time and memory)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise InputError(path, f"cannot read file ({e.strerror or type(e).__name__})") from None
    if not os.path.isfile(path):
        raise InputError(path, "not a regular file")
    is_pdf = Path(path).suffix.lower() == ".pdf"
    limit = MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES
    if st.st_size > limit:
        raise InputError(path, f"document too large ({_mb(st.st_size)}; the limit is {_mb(limit)})")


def _check_lines(data: bytes, path: str) -> None:
    if data.startswith(b"%PDF-"):
        return
    for n, piece in enumerate(data.splitlines(), start=1):
        if len(piece) > MAX_LINE_BYTES:
            raise InputError(path, f"line {n} is {len(piece):,} bytes long (the limit is {MAX_LINE_BYTES:,}): "
                                   f"not a meeting document")


def extract_one(path: str, hints: Optional[Hints] = None, gazetteer=None) -> Extracted:
    """read -> structure -> extract for one file; never raises for bad input.

    `hints`: what the user says the document is (ingest --kind/--council/--municipality); `gazetteer`: the
    run's (None: the one of graphbuild/data/)."""
    from .gazetteer import load_gazetteer
    from .nlp import extract
    from .read import read_bytes
    from .structure import structure

    try:
        _check_size(path)
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise InputError(path, f"cannot read file ({e.strerror or type(e).__name__})") from None
        if Path(path).suffix.lower() != ".pdf":
            _check_lines(data, path)
        source = read_bytes(data, path)
        source.path = path
        facts = extract(structure(source, hints), gazetteer if gazetteer is not None else load_gazetteer())
        reason = nothing_stated(facts)
        if reason:
            raise InputError(path, reason)
        return Extracted(path, source.doc_id, facts, source.layout, source.encoding, source.original_line_count,
                         warnings=_source_warnings(source), page_starts=source.page_starts)
    except InputError as exc:
        return Extracted(path, "", error=exc.reason)
    except GraphbuildError as exc:
        return Extracted(path, "", error=str(exc))
    except MemoryError:
        return Extracted(path, "", error="document too large to process in memory")
    except Exception as exc:  # a bug in a stage must not take the other documents down with it
        return Extracted(path, "", error=f"internal error while extracting ({type(exc).__name__}: {exc})")


def _source_warnings(source) -> list[str]:
    from .read import line_ranges

    repaired = getattr(source, "repaired_lines", None)
    if not repaired:
        return []
    return [f"mixed encodings: not UTF-8 on line {line_ranges(repaired)}; read as cp1252 there, UTF-8 elsewhere"]


def extract_many(paths: list[str], workers: Optional[int] = None, hints: Optional[Hints] = None,
                 gazetteer=None) -> list[Extracted]:
    """Per-document extraction is independent: use every core when there is enough work."""
    from .gazetteer import load_gazetteer
    from .nlp import build_nlp

    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    workers = workers or min(2, os.cpu_count() or 1)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [extract_one(p, hints, gazetteer) for p in paths]
    # Build the spaCy pipeline once here: forked workers inherit it (their copy of the gazetteer is equal to this
    # one, so it finds the pipeline) instead of each paying ~1 s for it.
    build_nlp(gazetteer)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(partial(extract_one, hints=hints, gazetteer=gazetteer), paths, chunksize=4))


# ------------------------------------------------------------------ ingest
@dataclass
class IngestReport:
    loaded: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, message): loaded, but repaired
    nodes_created: int = 0
    relationships_created: int = 0
    people_resolved: int = 0
    mentions_unresolved: int = 0
    # The connection to Neo4j was lost during loading: why, and which documents did not get in.
    aborted: Optional[str] = None
    not_loaded: list[str] = field(default_factory=list)
    # Files in the folders that are not documents, by type (see Discovery.skipped_line).
    skipped_line: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.aborted


def ingest(paths: Iterable[str], writer, gazetteer=None, judgements=None,
           progress: Optional[Callable[[str], None]] = None, workers: Optional[int] = None,
           hints: Optional[Hints] = None) -> IngestReport:
    """Ingest files and directories into the graph behind `writer` (a load.GraphWriter).

    `hints` (ingest --kind/--council/--municipality) apply to every document of this run that is new or
    changed; a document already loaded with the same bytes is skipped, hints or not."""
    from .gazetteer import load_gazetteer

    gazetteer = gazetteer or load_gazetteer()
    report = IngestReport()
    found = discover(paths)
    report.failed.extend(found.problems)
    report.skipped_line = found.skipped_line()
    try:
        return _ingest(found, report, writer, gazetteer, judgements, progress, workers, hints)
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as exc:
        # Lost before the per-document loading began: nothing of this run was loaded.
        raise DatabaseError(f"lost the connection to Neo4j before any document was loaded: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _changed_files(found: Discovery, report: IngestReport, writer, progress) -> tuple[list[str], dict[str, str]]:
    """(the paths to read, {path: the doc_id of its earlier version}); unchanged files go to the report."""
    candidates = []
    for f in found.files:
        try:
            candidates.append(dict(doc_id=file_digest(f), path=document_path(f)))
        except OSError as exc:
            report.failed.append((str(f), f"cannot read file: {exc.strerror or exc}"))
    return document_states(candidates, report, writer, progress)


def document_states(candidates: list[dict], report: IngestReport, writer, progress) -> tuple[list[str], dict[str, str]]:
    """For rows {doc_id, path}: (the paths to load, {path: the doc_id of its earlier version}); the documents
    already in the graph with the same content go to report.unchanged."""
    state = writer.known_documents(candidates) if candidates else {}
    todo, previous = [], {}
    for c in candidates:
        s = state.get((c["doc_id"], c["path"]), {})
        if s.get("unchanged"):
            report.unchanged.append(c["path"])
            if progress:
                progress(c["path"])
        else:
            todo.append(c["path"])
            if s.get("previous_doc_id"):
                previous[c["path"]] = s["previous_doc_id"]
    return todo, previous


def _ingest(found: Discovery, report: IngestReport, writer, gazetteer, judgements, progress, workers,
            hints: Optional[Hints] = None) -> IngestReport:
    writer.apply_schema()
    writer.load_reference_data(gazetteer)

    # 1. Which files are new or changed?  An unchanged sha256 is skipped before any parsing.
    todo, previous = _changed_files(found, report, writer, progress)

    # 2. Extract (pure, parallel).
    extracted = []
    for e in extract_many(todo, workers, hints, gazetteer):
        if e.error:
            report.failed.append((e.path, e.error))
            if progress:
                progress(e.path)
        else:
            extracted.append(e)
            report.warnings.extend((e.path, w) for w in e.warnings)

    return load_extracted(extracted, previous, report, writer, gazetteer, judgements, progress)


def load_extracted(extracted: list[Extracted], previous: dict[str, str], report: IngestReport, writer, gazetteer,
                   judgements=None, progress: Optional[Callable[[str], None]] = None) -> IngestReport:
    """Resolve extracted documents together (against what the graph knows) and load them: new documents in
    groups (many per transaction), replaced ones alone. Shared by `ingest` and `load` (facts files)."""
    from .resolve import load_judgements, resolve

    # 3. Resolve every document of the run together, against what the graph already knows.
    judgements = judgements or load_judgements()
    if not extracted and not judgements.same:
        return report  # nothing to resolve or load, and no curator's "same" to apply to known people
    resolution = resolve([e.facts for e in extracted], gazetteer,
                         writer.known_persons(exclude_doc_ids=previous.values()), judgements)
    for merge in resolution.merges:  # curators' "same" judgements on two known people
        writer.merge_persons(merge.kept_id, merge.absorbed_id)
    # 4. Load: documents without an earlier version in groups, replacing ones one transaction each.
    _load_resolved(list(zip(extracted, resolution.documents)), previous, report, writer, gazetteer, progress)
    return report


def _load_resolved(pairs: list, previous: dict[str, str], report: IngestReport, writer, gazetteer, progress) -> None:
    from .db import grouped
    from .db.reference import curated_org_ids
    from .db.rows import document_rows

    curated = curated_org_ids(gazetteer)
    rows = [document_rows(r, curated, e.layout, e.encoding, e.line_count, page_starts=e.page_starts)
            for e, r in pairs]
    fresh = [i for i, (e, _) in enumerate(pairs) if e.path not in previous]
    units = [[fresh[j] for j in g] for g in grouped.plan_groups([rows[i].row_count() for i in fresh], grouped.GROUP_ROWS,
                                                                            writer.group_docs or grouped.GROUP_DOCS)]
    units += [[i] for i, (e, _) in enumerate(pairs) if e.path in previous]
    for n, unit in enumerate(units):
        try:
            if len(unit) == 1:
                e = pairs[unit[0]][0]
                outcome = writer.write_document(rows[unit[0]], e.path, replaces=previous.get(e.path))
                outcomes, counts = [outcome], outcome.counts
            else:
                outcomes, counts = writer.write_group([(rows[i], pairs[i][0].path) for i in unit])
        except DatabaseError as exc:
            # The unit in flight was rolled back with its transaction; the rest were never sent.
            report.aborted = str(exc)
            report.not_loaded = [pairs[i][0].path for u in units[n:] for i in u]
            return
        report.nodes_created += counts.nodes_created
        report.relationships_created += counts.relationships_created
        for i, outcome in zip(unit, outcomes):
            _note_outcome(report, pairs[i], outcome, progress)


def _note_outcome(report: IngestReport, pair, outcome, progress) -> None:
    e, r = pair
    if outcome.status == "failed":
        report.failed.append((e.path, outcome.reason))
    else:
        (report.replaced if outcome.status == "replaced" else report.loaded).append(e.path)
        report.people_resolved += len(r.person_of)
        report.mentions_unresolved += len(r.unresolved)
    if progress:
        progress(e.path)
