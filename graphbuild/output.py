"""Rows -> table, CSV or JSON, the way a person or a spreadsheet wants them."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import textwrap
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Optional, Sequence

from .errors import GraphbuildError, printable

CELL_MAX = 60
PATH_MAX = 60  # a path cell longer than this keeps its end (the file name) and loses its middle


def plain(value: Any) -> Any:
    """Neo4j values -> JSON-friendly Python values."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "labels") and hasattr(value, "items"):  # Node
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if hasattr(value, "type") and hasattr(value, "items"):  # Relationship
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    return str(value)


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text.replace("\n", " ")


def looks_like_path(text: str) -> bool:
    """An absolute file path (what Document.path holds), not prose that happens to contain a slash."""
    return (os.path.isabs(text) and "\n" not in text and len(text) < 4096
            and os.path.splitext(text)[1] != "" and "  " not in text)


def display_path(text: str, width: int = PATH_MAX, cwd: Optional[str] = None) -> str:
    """A path as a reader wants it in a table: relative to the current folder when inside it,
    and, when still too long, cut in the middle so the file name stays whole."""
    cwd = cwd or os.getcwd()
    try:
        rel = os.path.relpath(text, cwd)
        if not rel.startswith(".."):
            text = rel
    except ValueError:  # another drive (Windows)
        pass
    if len(text) <= width:
        return text
    head, name = os.path.split(text)
    keep = width - len(name) - 2  # "…/" before the name
    if keep <= 0:
        return "…" + text[-(width - 1):]
    return head[:keep] + "…/" + name


def _cut(text: str) -> str:
    if looks_like_path(text):
        return display_path(text)
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def quote_around(quote: str, name: Optional[str], width: int = 110) -> str:
    """`quote` in at most `width` characters, cut around `name` (else its family name) so the name
    is always shown, with "…" where text was left out; without the name, cut at the end."""
    quote = " ".join((quote or "").split())
    if len(quote) <= width:
        return quote
    at, found = -1, ""
    for candidate in [name or ""] + ((name or "").split()[-1:] if name else []):
        if candidate:
            m = re.search(re.escape(candidate), quote, re.IGNORECASE)
            if m:
                at, found = m.start(), m.group(0)
                break
    if at < 0:
        return textwrap.shorten(quote, width, placeholder=" …")
    room = width - 4  # two "… " marks at most
    before = min(at, max(0, (room - len(found)) // 3))  # a third of the room before the name
    start = at - before
    end = min(len(quote), start + room)
    start = max(0, min(start, end - room))
    # Cut at word boundaries, never inside the name.
    if start > 0:
        space = quote.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(quote):
        space = quote.rfind(" ", at + len(found), end)
        end = space if space >= 0 else end
    return ("… " if start > 0 else "") + quote[start:end] + (" …" if end < len(quote) else "")


def render(columns: Sequence[str], rows: Iterable[dict], fmt: str = "table",
           wrap: Optional[Mapping[str, int]] = None) -> str:
    """Rows as a table (paths shortened, long cells cut, or wrapped for the columns in `wrap`,
    column name -> width), CSV or JSON (both always complete)."""
    rows = [{c: plain(r.get(c)) for c in columns} for r in rows]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r[c]) for c in columns])
        return buf.getvalue().rstrip("\n")
    wrap = dict(wrap or {})
    cells = []  # per row, per column: the cell's lines
    for r in rows:
        row = []
        for c in columns:
            text = _cell(r[c])
            if c in wrap:
                row.append(textwrap.wrap(text, max(10, wrap[c]), break_on_hyphens=False) or [""])
            elif c == "quote" and isinstance(r.get("person"), str) and len(text) > CELL_MAX:
                row.append([quote_around(text, r["person"], CELL_MAX)])  # the row's person stays visible
            else:
                row.append([_cut(text)])
        cells.append(row)
    widths = [max([len(c)] + [len(ln) for row in cells for ln in row[i]]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    sep = "  ".join("-" * w for w in widths)
    body = []
    spaced = any(len(cell) > 1 for row in cells for cell in row)  # wrapped rows: a blank line between
    for i, row in enumerate(cells):
        if spaced and i:
            body.append("")
        for k in range(max(len(cell) for cell in row) if row else 0):
            body.append("  ".join((cell[k] if k < len(cell) else "").ljust(w)
                                  for cell, w in zip(row, widths)).rstrip())
    return "\n".join([line.rstrip(), sep] + body + [f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def write_output(path: str, text: str) -> None:
    """Write `text` to `path` completely or not at all: a temporary file in the same folder,
    renamed over `path` when fully written. A one-line GraphbuildError names the path and the
    reason (missing folder, no permission, a folder in the way, disk full)."""
    check_output_path(path)
    folder = os.path.dirname(os.path.abspath(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".graphbuild-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; keep what a plain open() would give
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise GraphbuildError(f"cannot write {printable(path)}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def check_output_path(path: str) -> None:
    """Fail early (before any work) when `path` cannot be written: one line naming path and reason."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise GraphbuildError(f"cannot write {printable(path)}: it is a folder")
    if not os.path.exists(folder):
        raise GraphbuildError(f"cannot write {printable(path)}: folder {printable(folder)} does not exist")
    if not os.path.isdir(folder):
        raise GraphbuildError(f"cannot write {printable(path)}: {printable(folder)} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GraphbuildError(f"cannot write {printable(path)}: no permission to write in {printable(folder)}")
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise GraphbuildError(f"cannot write {printable(path)}: the file is read-only")
