"""Numbered agenda items: headings, the table of contents, case lines and sections."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from ..model import Item, Line, Section
from .dates import calendar_alternation
from .sections import section_names

_HEADING = re.compile(r"^(\d{1,2})(?:\.(\d{1,2}))?\.?\s+(\S.*)$")
_BARE_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.)$")
_CASE = re.compile(r"^(SAG-\d{4}-\d{2,7})(?:\s+([a-zæøå]{2,8}))?\s*$", re.I)
_TOC_WORDS = re.compile(r"^(?:indholdsfortegnelse|indhold|deltagerfortegnelse)\b", re.I)


def _norm_title(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _similar(a: str, b: str) -> bool:
    a, b = _norm_title(a), _norm_title(b)
    if not a or not b:
        return False
    if a.startswith(b[:20]) or b.startswith(a[:20]):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.7


_MONTH_TITLE = re.compile(rf"^(?:{calendar_alternation('month')})"
                          r"\b\.?\s*(?:\d{4})?\s*$", re.I)


def _heading(text: str):
    """(number, top, sub, title) if the line looks like a numbered heading."""
    m = _HEADING.match(text)
    if not m:
        return None
    top, sub, title = m.group(1), m.group(2), m.group(3).strip()
    if not title[:1].isalpha() and title[:1] not in "\"'”“(":
        return None
    if _MONTH_TITLE.match(title):  # "17." / "Februar": a calendar, not an item
        return None
    if int(top) == 0 or (sub is not None and int(sub) == 0):
        return None
    number = f"{int(top)}.{int(sub)}" if sub is not None else str(int(top))
    return number, int(top), (int(sub) if sub is not None else None), title


_DECISION_HEADING = re.compile(r"^(?:beslutning\s+(?:i|fra)\s+[\wæøå-]+|[\wæøå-]+s\s+beslutning|politisk\s+behandling)\b",
                               re.I)


def _section_name(text: str) -> Optional[str]:
    t = text.strip().rstrip(":").strip()
    name = section_names().get(t.lower())
    if name is None and len(t) <= 80 and _DECISION_HEADING.match(t):
        name = "Beslutning"  # "Beslutning i Byrådet den 19-12-2016", "Udvalgets beslutning", "POLITISK BEHANDLING"
    return name


# ------------------------------------------------------------------- TOC
def _find_toc(lines: list[Line]) -> tuple[int, int, list[tuple[str, str]]]:
    """(start, end, entries): the TOC block lines[start:end] and its (number, title) entries.

    A TOC is a run of >= 3 consecutive lines that are numbered headings (or 'Deltagerfortegnelse'
    style entries) whose numbers reappear later in the document."""
    n = len(lines)
    i = 0
    while i < n:
        j = i
        entries = []
        while j < n:
            h = _heading(lines[j].text)
            if h:
                if any(num == h[0] for num, _ in entries):
                    break  # a number repeats: the body has begun
                entries.append((h[0], h[3]))
            elif not _TOC_WORDS.match(lines[j].text) or len(lines[j].text) > 40:
                break
            j += 1
        if len(entries) >= 3:
            later = {(_heading(ln.text) or ("",))[0] for ln in lines[j:]}
            seen = [num for num, _ in entries if num in later]
            if len(seen) >= max(2, len(entries) // 2):
                return i, j, entries
        i = max(j, i + 1)
    return 0, 0, []



# ------------------------------------------------------------------ items
def _find_items(lines: list[Line], start: int, toc: list[tuple[str, str]], layout: str) -> list[tuple[int, str, str, int]]:
    """Accepted item headings: (index, number, title, n_title_lines)."""
    toc_order = [num for num, _ in toc]
    toc_title = dict(toc)
    ptr = 0
    top = 0
    sub = 0
    found = []
    n = len(lines)
    i = start
    while i < n:
        h = _heading(lines[i].text)
        if not h:
            i += 1
            continue
        number, t, s, title = h
        ok = False
        if toc_order:
            if number in toc_order[ptr:]:
                k = toc_order.index(number, ptr)
                if k == ptr and (_similar(title, toc_title[number]) or _plausible(lines, i, t, s, top, sub)):
                    ok = True
                elif _similar(title, toc_title[number]):
                    ok = True
                if ok:
                    ptr = k + 1
        else:
            ok = _plausible(lines, i, t, s, top, sub)
        if not ok:
            i += 1
            continue
        # title continued on the next line(s) (pdftotext: a long title wraps)
        n_title = 1
        j = i + 1
        while j < n and n_title < 3:
            nxt = lines[j]
            if nxt.line != lines[j - 1].line + 1 and not (lines[j - 1].line + 1 == nxt.line):
                break
            tx = nxt.text
            if _heading(tx) or _CASE.match(tx) or _section_name(tx) or not tx[:1].islower():
                break
            title = f"{title} {tx}".strip()
            n_title += 1
            j += 1
        top, sub = t, (s or 0)
        found.append((i, number, title, n_title))
        i = j
    return found


def _plausible(lines: list[Line], i: int, t: int, s: Optional[int], top: int, sub: int) -> bool:
    title = _heading(lines[i].text)[3]
    if len(title) > 160:
        return False
    if s is None:
        if t != top + 1:
            return False
        if len(title) > 90 or title.endswith((".", ",", ";")):
            return False
        # followed by its first sub-item, by the next top-level heading, a case line, or the end
        for nxt in lines[i + 1: i + 3]:
            h = _heading(nxt.text)
            if h and ((h[1] == t and h[2] == 1) or (h[1] == t + 1 and h[2] is None)):
                return True
            if _CASE.match(nxt.text):
                return True
            break
        return i + 1 >= len(lines) or len(title.split()) <= 4
    if t == top and s == sub + 1:
        pass
    elif t == top + 1 and s == 1:
        pass
    elif top == 0:
        # the first item of an excerpt ("3.1" without "1."): only with a case line or section right after
        return any(_CASE.match(nxt.text) or _section_name(nxt.text) for nxt in lines[i + 1: i + 4])
    else:
        return False
    if title.endswith((",", ";")):
        return False
    # a real item heading is soon followed by its case line or a section heading
    for nxt in lines[i + 1: i + 5]:
        if _CASE.match(nxt.text) or _section_name(nxt.text):
            return True
    return len(title) <= 100 and not title.endswith(".")


def _build_items(lines: list[Line], found, end_limit: int) -> list[Item]:
    items = []
    for k, (i, number, title, n_title) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else end_limit
        body = lines[i + n_title: end]
        case = officer = None
        for ln in body[:4]:
            m = _CASE.match(ln.text)
            if m:
                case, officer = m.group(1).upper(), (m.group(2).lower() if m.group(2) else None)
                break
            if _section_name(ln.text):
                break
        sections: list[Section] = []
        for ln in body:
            name = _section_name(ln.text)
            if name:
                sections.append(Section(name=name, line=ln.line, lines=[]))
            elif sections and not _CASE.match(ln.text):
                sections[-1].lines.append(ln)
        items.append(Item(number=number, title=title.strip(), line=lines[i].line, case_number=case,
                          officer=officer, sections=sections, lines=list(body)))
    return items

