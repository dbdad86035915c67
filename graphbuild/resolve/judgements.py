"""Curator judgements on person pairs (graphbuild/data/judgements.csv, or a file given with --judgements)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable, Optional

from ..errors import InputError
from .names import name_key

DEFAULT_JUDGEMENTS = Path(__file__).resolve().parent.parent / "data" / "judgements.csv"


class Judgement(str, Enum):
    """A curator's decision on two written names. `not-same` always blocks a merge; `same` forces one."""

    SAME = "same"
    NOT_SAME = "not-same"

    @classmethod
    def parse(cls, text: str) -> "Judgement":
        word = text.strip().casefold()
        if word == "same":
            return cls.SAME
        if word in ("not-same", "not_same", "notsame", "different"):
            return cls.NOT_SAME
        raise ValueError(f"decision must be 'same' or 'not-same', not {word!r}")


@dataclass
class Judgements:
    """Curator decisions keyed by normalised names."""

    same: set = field(default_factory=set)  # frozenset({key_a, key_b}) (one key when a == b)
    not_same: set = field(default_factory=set)
    notes: dict = field(default_factory=dict)

    def add(self, name_a: str, name_b: str, decision: "Judgement | str", note: str = "") -> None:
        pair = frozenset((name_key(name_a), name_key(name_b)))
        decision = decision if isinstance(decision, Judgement) else Judgement.parse(decision)
        (self.same if decision is Judgement.SAME else self.not_same).add(pair)
        self.notes[pair] = note

    def blocks(self, keys_a: Iterable[str], keys_b: Iterable[str]) -> bool:
        keys_b = set(keys_b)
        return any(frozenset((ka, kb)) in self.not_same for ka in set(keys_a) for kb in keys_b)


def load_judgements(path=None) -> Judgements:
    """Read name_a,name_b,decision(same|not-same),note; rows whose first cell starts with '#' are comments."""
    path = Path(path) if path is not None else DEFAULT_JUDGEMENTS
    j = Judgements()
    if not path.exists():
        return j
    with open(path, encoding="utf-8", newline="") as fh:
        header: Optional[list[str]] = None
        for n, row in enumerate(csv.reader(fh), start=1):
            if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().casefold() for c in row]
                if header[:3] != ["name_a", "name_b", "decision"]:
                    raise InputError(path, f"line {n}: header must start name_a,name_b,decision")
                continue
            if len(row) < 3 or not row[0].strip() or not row[1].strip():
                raise InputError(path, f"line {n}: expected name_a,name_b,decision,note")
            try:
                j.add(row[0], row[1], row[2], row[3] if len(row) > 3 else "")
            except ValueError as exc:
                raise InputError(path, f"line {n}: {exc}") from None
    return j
