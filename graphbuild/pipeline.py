"""The ingest run: find files, extract each (in parallel), resolve together, load one by one.

This module only wires the stages; each stage stays pure or does its own I/O.
A document that fails at any stage fails alone, with a one-line reason; the rest load.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .errors import GraphbuildError, InputError
from .model import DocumentFacts

DOCUMENT_SUFFIXES = {".txt", ".md", ".pdf", ".text"}
PARALLEL_FROM = 8  # below this many documents, a process pool costs more than it saves


# ------------------------------------------------------------------ discovery
@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


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
            before = len(found.files)
            for root, dirs, names in os.walk(p, followlinks=False, onerror=lambda e: found.problems.append(
                    (str(e.filename), f"cannot read directory: {e.strerror}"))):
                dirs.sort()
                for name in sorted(names):
                    f = Path(root) / name
                    if f.suffix.lower() not in DOCUMENT_SUFFIXES or name.startswith(".") or name.lower() == "readme.md":
                        continue
                    if f.is_symlink() and not f.exists():
                        found.problems.append((str(f), "broken symbolic link (or a link loop)"))
                        continue
                    _add(found, seen, f)
            if len(found.files) == before:
                found.problems.append((str(p), "directory holds no documents (.txt, .md or .pdf)"))
        else:
            _add(found, seen, p)
    return found


def _add(found: Discovery, seen: set, f: Path) -> None:
    try:
        key = f.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        found.problems.append((str(f), f"cannot resolve path: {exc}"))
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


def document_path(path: Path) -> str:
    """How a document is identified across versions: its absolute path."""
    return str(path.absolute())


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_one(path: str) -> Extracted:
    """read -> structure -> extract for one file; never raises for bad input."""
    from .extract import extract
    from .read import read_document
    from .structure import structure

    try:
        source = read_document(path)
        source.path = path
        facts = extract(structure(source))
        return Extracted(path, source.doc_id, facts, source.layout, source.encoding, source.original_line_count)
    except InputError as exc:
        return Extracted(path, "", error=exc.reason)
    except GraphbuildError as exc:
        return Extracted(path, "", error=str(exc))
    except MemoryError:
        return Extracted(path, "", error="document too large to process in memory")
    except Exception as exc:  # a bug in a stage must not take the other documents down with it
        return Extracted(path, "", error=f"internal error while extracting ({type(exc).__name__}: {exc})")


def extract_many(paths: list[str], workers: Optional[int] = None) -> list[Extracted]:
    """Per-document extraction is independent: use every core when there is enough work."""
    workers = workers or min(2, os.cpu_count() or 1)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [extract_one(p) for p in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(extract_one, paths, chunksize=4))


# ------------------------------------------------------------------ ingest
@dataclass
class IngestReport:
    loaded: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    nodes_created: int = 0
    relationships_created: int = 0
    people_resolved: int = 0
    mentions_unresolved: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest(paths: Iterable[str], writer, gazetteer=None, judgements=None,
           progress: Optional[Callable[[str], None]] = None, workers: Optional[int] = None) -> IngestReport:
    """Ingest files and directories into the graph behind `writer` (a load.GraphWriter)."""
    from .gazetteer import load_gazetteer
    from .load import document_rows
    from .reference import curated_org_ids
    from .resolve import Resolver, load_judgements

    gazetteer = gazetteer or load_gazetteer()
    report = IngestReport()
    found = discover(paths)
    report.failed.extend(found.problems)

    writer.apply_schema()
    writer.load_reference_data(gazetteer)

    # 1. Which files are new or changed?  An unchanged sha256 is skipped before any parsing.
    candidates = []
    for f in found.files:
        try:
            candidates.append(dict(doc_id=file_digest(f), path=document_path(f)))
        except OSError as exc:
            report.failed.append((str(f), f"cannot read file: {exc.strerror or exc}"))
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

    # 2. Extract (pure, parallel).
    extracted = []
    for e in extract_many(todo, workers):
        if e.error:
            report.failed.append((e.path, e.error))
            if progress:
                progress(e.path)
        else:
            extracted.append(e)

    # 3. Resolve every document of the run together, against what the graph already knows.
    resolver = Resolver(gazetteer, writer.known_persons(), judgements or load_judgements())
    resolved = resolver.resolve_all([e.facts for e in extracted])
    for kept, absorbed in getattr(resolver, "graph_merges", lambda: [])():
        writer.merge_persons(kept, absorbed)

    # 4. Load, one transaction per document.
    curated = curated_org_ids(gazetteer)
    for e, r in zip(extracted, resolved):
        rows = document_rows(r, curated, e.layout, e.encoding, e.line_count)
        outcome = writer.write_document(rows, e.path, replaces=previous.get(e.path))
        if outcome.status == "failed":
            report.failed.append((e.path, outcome.reason))
        else:
            (report.replaced if outcome.status == "replaced" else report.loaded).append(e.path)
            report.nodes_created += outcome.counts.nodes_created
            report.relationships_created += outcome.counts.relationships_created
            report.people_resolved += len(r.person_of)
            report.mentions_unresolved += len(r.unresolved)
        if progress:
            progress(e.path)
    return report
