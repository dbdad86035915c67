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


@lru_cache(maxsize=None)
def eval_query(name: str) -> str:
    """The text of queries/eval/<name>.cypher (what `graphbuild eval` reads back from the graph)."""
    return (project_folder("queries") / "eval" / f"{name}.cypher").read_text(encoding="utf-8")


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


def header(name: str) -> str:
    """The comment lines at the top of cypher/<name>.cypher, joined (without the //)."""
    lines = []
    for line in statement(name).splitlines():
        s = line.strip()
        if not s.startswith("//"):
            break
        lines.append(s[2:].strip())
    return " ".join(lines)


def row_keys(name: str) -> tuple[frozenset, frozenset]:
    """(every key, the optional keys) of the rows statement `name` takes, from its `// Rows: {...}` header.

    A key is written `key`, `key (what it holds)` or `key: a|b`; one whose note says "optional" may be
    left out of a row."""
    text = header(name)
    start = text.find("Rows:")
    if start < 0 or "{" not in text[start:]:
        raise GraphbuildError(f"cypher/{name}.cypher: no '// Rows: {{...}}' header")
    items, depth, item = [], 0, ""
    for ch in text[text.index("{", start) + 1:]:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            if depth == 0:
                break
            depth -= 1
        if ch == "," and depth == 0:
            items.append(item)
            item = ""
        else:
            item += ch
    items.append(item)
    keys, optional = set(), set()
    for raw in items:
        m = re.match(r"\s*(\w+)", raw)
        if not m:
            raise GraphbuildError(f"cypher/{name}.cypher: cannot read the row key in {raw.strip()!r}")
        keys.add(m.group(1))
        if "optional" in raw:
            optional.add(m.group(1))
    return frozenset(keys), frozenset(optional)
