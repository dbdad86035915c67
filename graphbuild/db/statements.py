"""The Cypher the builder runs, loaded from the project's folders: cypher/ (one statement per file)
and queries/ (saved reports), found in a source checkout or inside an installed package.

No Python module holds a Cypher string of its own: every statement comes from here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import GraphbuildError

_PACKAGE = Path(__file__).resolve().parent.parent  # graphbuild/


def project_folder(name: str) -> Path:
    """`name` next to the package (checkout, editable install) or shipped inside it."""
    for candidate in (_PACKAGE.parent / name, _PACKAGE / name):
        if candidate.is_dir():
            return candidate
    raise GraphbuildError(f"cannot find the {name}/ folder next to the graphbuild package")


def cypher_dir() -> Path:
    return project_folder("cypher")


@lru_cache(maxsize=None)
def statement(name: str) -> str:
    """The text of cypher/<name>.cypher."""
    return (cypher_dir() / f"{name}.cypher").read_text(encoding="utf-8")


def schema_statements() -> list[str]:
    text = "\n".join(l for l in statement("schema").splitlines() if not l.strip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


_SCHEMA_NAME = re.compile(r"^CREATE\s+(?:\w+\s+)?(CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b", re.IGNORECASE)


def schema_names() -> tuple[frozenset, frozenset]:
    """(constraint names, index names) that cypher/schema.cypher creates."""
    constraints, indexes = set(), set()
    for stmt in schema_statements():
        m = _SCHEMA_NAME.match(stmt)
        if not m:
            raise GraphbuildError(f"cypher/schema.cypher: cannot tell the name of: {stmt.splitlines()[0]}")
        (constraints if m.group(1).upper() == "CONSTRAINT" else indexes).add(m.group(2))
    return frozenset(constraints), frozenset(indexes)
