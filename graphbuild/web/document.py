"""The document page (audit view): the document's own lines, numbered as in the file, with every fact
the graph holds from it marked on the line it was read from (the document-audit report)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..errors import GraphbuildError
from ..read import decode_text_reporting, read_bytes, split_lines
from . import urls
from .links import Linker
from .page import NotFound, Page
from .store import Store, saved_report


@lru_cache(maxsize=64)
def _lines(path: str, mtime_ns: int, size: int, doc_id: str) -> tuple[tuple[int, str], ...]:
    """(line number in the file, text) of the file at `path`; empty when it is no longer the loaded version."""
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != doc_id:
        return ()
    if Path(path).suffix.lower() in (".pdf", ".html", ".htm") or data.startswith(b"%PDF-"):
        source = read_bytes(data, path)
        merged: dict[int, list[str]] = {}
        for ln in source.lines:
            merged.setdefault(ln.line, []).append(ln.text)
        return tuple((n, " ".join(t)) for n, t in sorted(merged.items()))
    text, _encoding, _repaired = decode_text_reporting(data, path)
    return tuple(enumerate(split_lines(text), start=1))


def document_lines(path: str, doc_id: str) -> tuple[list[tuple[int, str]], str]:
    """(numbered lines, why they cannot be shown: '' when they can)."""
    try:
        st = Path(path).stat()
        lines = _lines(path, st.st_mtime_ns, st.st_size, doc_id)
    except OSError as exc:
        return [], f"the file {path} cannot be read here ({exc.strerror or type(exc).__name__})"
    except GraphbuildError as exc:
        return [], str(exc)
    if not lines:
        return [], f"the file {path} has changed since it was loaded: its facts are listed without the text"
    return list(lines), ""


def document_page(store: Store, segment: str) -> Page:
    prefix = urls.doc_prefix(segment)
    found = store.query("documents", prefix=prefix) if prefix else []
    if len(found) != 1:
        raise NotFound(f"no document with the id in /document/{segment}")
    doc = found[0]
    page = Page("document", Path(doc["path"]).name, urls.document_url(doc["doc_id"], doc["path"]))
    facts = Linker(store).link(store.report("document-audit", document=doc["doc_id"]))
    page.add("facts", saved_report("document-audit").columns, facts)
    by_line: dict[int, list[dict]] = {}
    for f in facts:
        by_line.setdefault(f.get("line") or 0, []).append(f)
    lines, problem = document_lines(doc["path"], doc["doc_id"])
    shown = {n for n, _ in lines}
    page.context.update(doc=doc, lines=[(n, text, by_line.get(n, [])) for n, text in lines], problem=problem,
                        unplaced=[f for n, fs in sorted(by_line.items()) if n not in shown for f in fs],
                        meetings=[(m, urls.meeting_url(m)) for m in doc["meetings"]])
    return page
