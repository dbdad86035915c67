"""Facts files: one JSON line per extracted document, in partitions, with a manifest.

A line is DocumentFacts.to_dict() (docs/extraction.md, `schema_version`) plus `source`: what the reader
learned about the file (layout, encoding, line count, PDF page starts, warnings), which the Document node
stores; so `graphbuild load` writes the same graph as `graphbuild ingest` from the same files.

A run of `graphbuild extract -o DIR` writes DIR/part-00000.jsonl ... and DIR/manifest.json (document ids,
paths, sizes, errors).  `-o FILE.jsonl` writes one file (no manifest).  Reading accepts either.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

import dacite

from ..errors import InputError
from ..model import FACTS_SCHEMA_VERSION, DocumentFacts
from ..pipeline import Extracted

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
_DECODE = dacite.Config(check_types=False)  # the Literal vocabularies are checked by the loader's statements


def record_of(e: Extracted) -> dict:
    """The JSON record of one extracted document."""
    d = e.facts.to_dict()
    d["source"] = dict(layout=e.layout, encoding=e.encoding, line_count=e.line_count, page_starts=e.page_starts,
                       warnings=list(e.warnings))
    return d


def record_line(e: Extracted) -> str:
    return json.dumps(record_of(e), ensure_ascii=False) + "\n"


def extracted_of(d: dict, where: str) -> Extracted:
    """Back from a record: an Extracted as extract_one made it; a clear error naming `where` otherwise."""
    if not isinstance(d, dict):
        raise InputError(where, "not a facts record (a JSON object per line)")
    version = d.get("schema_version")
    if version != FACTS_SCHEMA_VERSION:
        raise InputError(where, f"facts schema_version {version!r}; this graphbuild reads version "
                                f"{FACTS_SCHEMA_VERSION} (extract the documents again)")
    source = d.get("source") or {}
    body = {k: v for k, v in d.items() if k != "source"}
    try:
        facts = dacite.from_dict(DocumentFacts, body, config=_DECODE)
    except (dacite.DaciteError, TypeError, ValueError) as exc:
        raise InputError(where, f"not a facts record: {exc}") from None
    return Extracted(facts.path, facts.doc_id, facts, source.get("layout", ""), source.get("encoding", ""),
                     int(source.get("line_count") or 0), warnings=list(source.get("warnings") or []),
                     page_starts=source.get("page_starts"))


# ------------------------------------------------------------------ reading
def facts_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The .jsonl files named, or inside the folders named (a partitioned extract), in a stable order."""
    files = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            parts = sorted(p.glob("*.jsonl"))
            if not parts:
                raise InputError(str(p), "folder holds no facts files (*.jsonl)")
            files.extend(parts)
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(str(p), "no such facts file or folder")
    return files


def read_facts(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Optional[Extracted], str, Optional[str]]]:
    """(extracted or None, where, error or None) for every line of the facts files, in order."""
    for f in facts_files(paths):
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{f}:{n}"
                try:
                    yield extracted_of(json.loads(line), where), where, None
                except json.JSONDecodeError as exc:
                    yield None, where, f"not JSON ({exc.msg})"
                except InputError as exc:
                    yield None, where, exc.reason


# ------------------------------------------------------------------ writing
@dataclass
class Manifest:
    """What an extract run wrote: every document (id, path, size, partition) and every failure."""

    schema_version: int = FACTS_SCHEMA_VERSION
    documents: list[dict] = field(default_factory=list)  # {doc_id, path, bytes, partition}
    errors: list[dict] = field(default_factory=list)  # {path, reason}
    partitions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(manifest_version=MANIFEST_VERSION, schema_version=self.schema_version,
                    partitions=self.partitions, documents=self.documents, errors=self.errors)


def partition_name(i: int) -> str:
    return f"part-{i:05d}.jsonl"


def write_partition(folder: Path, i: int, extracted: list[Extracted]) -> str:
    """Write one partition atomically (a temporary name, then rename): a crash leaves no half file."""
    name = partition_name(i)
    tmp = folder / f".{name}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        for e in extracted:
            fh.write(record_line(e))
    os.replace(tmp, folder / name)
    return name


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    path = folder / MANIFEST
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
