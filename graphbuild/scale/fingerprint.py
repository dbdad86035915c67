"""A graph's fingerprint: counts by label and type, and a checksum of every node and relationship with all
their properties, independent of element ids and loading order.  Two loads of the same documents by
different paths (ingest, extract + load, load --bulk) must give equal fingerprints."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import neo4j

from ..db.statements import statement


@dataclass
class Fingerprint:
    nodes: int = 0
    relationships: int = 0
    labels: dict = field(default_factory=dict)  # label -> nodes
    types: dict = field(default_factory=dict)  # relationship type -> relationships
    checksum: str = ""

    def to_dict(self) -> dict:
        return dict(nodes=self.nodes, relationships=self.relationships, labels=self.labels, types=self.types,
                    checksum=self.checksum)


def plain(value):
    """Neo4j values as JSON, a temporal value tagged with its type (a DATE is not the string of its date)."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return {type(value).__name__: value.iso_format()}
    if isinstance(value, float):
        return {"float": repr(value)}  # 1.0 is not the integer 1
    return value


def _canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def fingerprint(driver: neo4j.Driver, database: Optional[str] = None) -> Fingerprint:
    """Read the whole graph (a test or benchmark graph: it is held in memory) and fingerprint it."""
    node_form: dict[str, str] = {}
    labels: Counter = Counter()
    types: Counter = Counter()
    forms: list[str] = []
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
        for r in s.run(statement("fingerprint_nodes")):
            form = _canonical([sorted(r["labels"]), plain(r["props"])])
            node_form[r["id"]] = hashlib.sha256(form.encode("utf-8")).hexdigest()
            labels.update(r["labels"])
            forms.append("N" + form)
        for r in s.run(statement("fingerprint_relationships")):
            types[r["type"]] += 1
            forms.append("R" + _canonical([r["type"], node_form[r["start"]], node_form[r["end"]], plain(r["props"])]))
    digest = hashlib.sha256()
    for form in sorted(forms):
        digest.update(form.encode("utf-8") + b"\n")
    return Fingerprint(len(node_form), sum(types.values()), dict(sorted(labels.items())), dict(sorted(types.items())),
                       digest.hexdigest())
