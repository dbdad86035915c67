"""Accuracy, pure: the gold files (format: tests/corpus/dev/README.md)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .normalise import DOCUMENT_SUFFIXES, EvalError


# ------------------------------------------------------------------ gold
@dataclass
class GoldDoc:
    name: str                 # the gold file's stem (without .gold.json)
    gold_path: Path
    document: Path            # the document the gold describes
    data: dict
    kind: str                 # meeting | page | negative (or the gold file's own "kind")

    @property
    def positive(self) -> bool:
        """Does the gold state any fact (then the document must be accepted)?"""
        d = self.data
        return bool(d.get("council") or d.get("meeting_date") or any(
            d.get(k) for k in ("agenda_items", "attendance", "person_roles", "appointments", "persons_mentioned",
                               "bodies_mentioned", "municipalities_mentioned")))


LISTS = ("agenda_items", "attendance", "person_roles", "appointments", "persons_mentioned", "bodies_mentioned",
         "municipalities_mentioned")


def gold_kind(data: dict) -> str:
    if data.get("kind"):
        return str(data["kind"])
    if not (data.get("council") or any(data.get(k) for k in LISTS)):
        return "negative"
    if data.get("meeting_date") or data.get("agenda_items") or data.get("attendance"):
        return "meeting"
    return "page"


def load_gold_dir(gold_dir: str | Path) -> list[GoldDoc]:
    """Every `*.gold.json` in the folder, with the document it describes: its "document" field (a path relative to
    the gold file) or the file next to it with the same stem (.txt, .html, .htm, .pdf, .md)."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise EvalError(f"{root}: not a folder of gold files")
    files = sorted(root.glob("*.gold.json"))
    if not files:
        raise EvalError(f"{root}: no *.gold.json files")
    out = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise EvalError(f"{f}: not a readable gold file ({type(exc).__name__}: {exc})") from None
        if not isinstance(data, dict):
            raise EvalError(f"{f}: a gold file holds one JSON object")
        stem = f.name[: -len(".gold.json")]
        if data.get("document"):
            doc = (f.parent / data["document"]).resolve()
        else:
            doc = next((f.parent / (stem + s) for s in DOCUMENT_SUFFIXES if (f.parent / (stem + s)).is_file()), None)
        if doc is None or not doc.is_file():
            raise EvalError(f"{f}: the document it describes is missing ({data.get('document') or stem + '.txt'})")
        for key in LISTS + ("decisions", "votes"):
            if not isinstance(data.get(key, []), list):
                raise EvalError(f"{f}: {key} must be a list")
            data.setdefault(key, [])
        out.append(GoldDoc(stem, f, doc, data, gold_kind(data)))
    return out


