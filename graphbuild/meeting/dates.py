"""Dates and times as Danish documents write them."""
from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional

from ..gazetteer import data_rows

def _calendar(kinds: tuple[str, ...]) -> dict[str, int]:
    """Month or weekday words of graphbuild/data/calendar_words.csv -> their number (januar -> 1, mandag -> 1)."""
    return {r["word"]: int(r["number"]) for r in data_rows("calendar_words.csv") if r["kind"] in kinds}


_MONTHS = _calendar(("month", "month_short"))


def calendar_alternation(*kinds: str) -> str:
    """A regex alternation of the calendar words of these kinds ("month", "month_short", "weekday"), the
    longer first ("sept" before "sep")."""
    return "|".join(sorted(_calendar(kinds), key=lambda w: (-len(w), w)))


_DATE_NUM = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_TEXT = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zæøåÆØÅ]+)\.?\s+(\d{4})\b")
_DATE_MONTH_FIRST = re.compile(r"\b([A-Za-zæøåÆØÅ]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})\b")  # "Februar 8, 2019", "Jan 18, 2018"
_TIME = re.compile(r"(?:\bkl\.?\s*)?\b([01]?\d|2[0-3])[:.]([0-5]\d)\b")


def parse_date(text: str) -> Optional[str]:
    """First date in the text as ISO yyyy-mm-dd ('19-06-2020', '4. marts 2022', '2020-06-19')."""
    cands = []
    for m in _DATE_ISO.finditer(text):
        cands.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _DATE_NUM.finditer(text):
        y = int(m.group(3))
        y = y + 2000 if y < 100 else y
        cands.append((m.start(), y, int(m.group(2)), int(m.group(1))))
    for m in _DATE_TEXT.finditer(text):
        mon = _MONTHS.get(m.group(2).lower())
        if mon:
            cands.append((m.start(), int(m.group(3)), mon, int(m.group(1))))
    for m in _DATE_MONTH_FIRST.finditer(text):
        mon = _MONTHS.get(m.group(1).lower())
        if mon:
            cands.append((m.start(), int(m.group(3)), mon, int(m.group(2))))
    for _, y, mo, d in sorted(cands):
        try:
            return _date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def _parse_time(text: str) -> Optional[str]:
    # drop dates first so "19-06-2020" does not look like a time
    t = _DATE_ISO.sub(" ", _DATE_NUM.sub(" ", text))
    t = _DATE_TEXT.sub(" ", t)
    m = _TIME.search(t)
    if not m:
        return None
    return f"{int(m.group(1)):02d}:{m.group(2)}"

