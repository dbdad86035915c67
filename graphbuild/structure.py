"""structure: SourceText -> StructuredDocument.

Finds the meeting header (kind, council, date, time, place), the table of contents (recognised and
skipped), the numbered agenda items with their case line and sections, the participant list and, for
bilag bundles, the appendices grouped under their agenda item.  General rules, not keyed to one file.
Pure function of its input; never raises for odd input (an empty document gives an empty structure).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date as _date
from difflib import SequenceMatcher
from typing import Optional

from .model import Attachment, Hints, Item, Line, Section, SourceText, StructuredDocument

__all__ = ["structure", "parse_date", "canonical_council"]

# ----------------------------------------------------------------- patterns
_KIND_WORDS = [
    (re.compile(r"^(?:dagsorden|dagsordenen)\b", re.I), "dagsorden"),
    (re.compile(r"^(?:referat|mødereferat|beslutningsprotokol|protokol)\b", re.I), "referat"),
    (re.compile(r"^(?:indholdsfortegnelse\s*[-–:]\s*bilag|bilag(?:smateriale|spakke)?|bilag til (?:dagsorden|referat)\b.*)\s*$|^bilag\s+\d{4}\s*$", re.I), "bilag"),
]
_REGIONS = {
    "hovedstaden": "Hovedstaden",
    "sjælland": "Sjælland",
    "sjaelland": "Sjælland",
    "syddanmark": "Syddanmark",
    "midtjylland": "Midtjylland",
    "nordjylland": "Nordjylland",
}
_KKR = re.compile(r"\bKKR\s*[-–]?\s*(Hovedstaden|Sjælland|Sjaelland|Syddanmark|Midtjylland|Nordjylland)\b", re.I)
_KL_BOARD = re.compile(r"\bKL'?s\s+bestyrelse\b|\bbestyrelsen\s+for\s+KL\b|^KL\s*$", re.I)
_MUNI_COUNCIL = re.compile(
    r"\b(Byrådet|Kommunalbestyrelsen|Borgerrepræsentationen|Regionsrådet)\s+(?:i\s+)?"
    r"((?:[A-ZÆØÅ][\wæøåÆØÅ-]+)(?:\s+[A-ZÆØÅ][\wæøåÆØÅ-]+)?)"
    r"|\b([A-ZÆØÅ][\wæøåÆØÅ-]+)\s+(Byråd|Kommunalbestyrelse)\b"
)
_MUNI_STOP = {"Kommune", "Kommunes", "Dato", "Sted", "Mødet", "Møde", "Referat", "Dagsorden", "Beslutningsprotokol",
              "Beslutninger", "Mødereferat"}

_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_DATE_NUM = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_TEXT = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zæøåÆØÅ]+)\.?\s+(\d{4})\b")
_DATE_MONTH_FIRST = re.compile(r"\b([A-Za-zæøåÆØÅ]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})\b")  # "Februar 8, 2019", "Jan 18, 2018"
_TIME = re.compile(r"(?:\bkl\.?\s*)?\b([01]?\d|2[0-3])[:.]([0-5]\d)\b")
_DATO_LINE = re.compile(r"^(?:møde)?dato\s*[:.]?\s*(.*)$", re.I)
_TID_LINE = re.compile(r"^(?:tid|tidspunkt|mødetid)\s*[:.]\s*(.*)$", re.I)
_STED_LINE = re.compile(r"^(?:sted|mødested|lokale)\s*[:.]\s*(.*)$", re.I)
_HEADER_WORDS = re.compile(r"^(?:mission|vision|deltagere|deltagerfortegnelse|afbud|indhold|indholdsfortegnelse|dagsorden|referat)\b", re.I)

_HEADING = re.compile(r"^(\d{1,2})(?:\.(\d{1,2}))?\.?\s+(\S.*)$")
_BARE_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.)$")
_CASE = re.compile(r"^(SAG-\d{4}-\d{2,7})(?:\s+([a-zæøå]{2,8}))?\s*$", re.I)
_SECTION_NAMES = {
    "baggrund": "Baggrund",
    "indstilling": "Indstilling",
    "sagsfremstilling": "Sagsfremstilling",
    "beslutning": "Beslutning",
    "bilag": "Bilag",
    "vedlagte bilag": "Bilag",
}
_TOC_WORDS = re.compile(r"^(?:indholdsfortegnelse|indhold|deltagerfortegnelse)\b", re.I)
_PRESENT_HEAD = re.compile(r"^(?:deltagere|til stede|tilstede|fremmødte|mødedeltagere|deltagerne var|medlemmer)"
                           r"\s*(?:$|:\s*$|[:|]\s*(?P<rest>\S.*)$)", re.I)
_ABSENT_HEAD = re.compile(r"^(?:afbud|fraværende|forfald|fraværende med afbud|afbud fra|meddelt forfald)"
                          r"\s*(?:$|:\s*$|[:|]\s*(?P<rest>\S.*)$)", re.I)
_OTHER_PARTICIPANT_HEAD = re.compile(
    r"^(?:deltagerfortegnelse|desuden deltog|øvrige deltagere|fra (?:KL|administrationen|sekretariatet)|referent|mødeleder)\b.*:?\s*$",
    re.I,
)
# a list heading that ends a participant list ("Fraværende i mødet:", "Referent:", "Mødeplan 2021:")
_LIST_BULLET = re.compile(r"^[•◦▪●·‣⁃○■□–-]\s+")
_OTHER_LIST_HEAD = re.compile(r"^[^,()|]{2,40}:\s*$")
_ATTACH = re.compile(r"^Bilag\s+(\d{1,3})\s*[:.)-]\s*(\S.*)$", re.I)


def canonical_council(text: str) -> Optional[str]:
    """'KKR HOVEDSTADEN' -> 'KKR Hovedstaden'; None if no KKR name in the text."""
    m = _KKR.search(text)
    if not m:
        return None
    return "KKR " + _REGIONS[m.group(1).lower()]


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


def _norm_title(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _similar(a: str, b: str) -> bool:
    a, b = _norm_title(a), _norm_title(b)
    if not a or not b:
        return False
    if a.startswith(b[:20]) or b.startswith(a[:20]):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.7


def _heading(text: str):
    """(number, top, sub, title) if the line looks like a numbered heading."""
    m = _HEADING.match(text)
    if not m:
        return None
    top, sub, title = m.group(1), m.group(2), m.group(3).strip()
    if not title[:1].isalpha() and title[:1] not in "\"'”“(":
        return None
    if int(top) == 0 or (sub is not None and int(sub) == 0):
        return None
    number = f"{int(top)}.{int(sub)}" if sub is not None else str(int(top))
    return number, int(top), (int(sub) if sub is not None else None), title


def _section_name(text: str) -> Optional[str]:
    return _SECTION_NAMES.get(text.strip().rstrip(":").strip().lower())


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


# ---------------------------------------------------------------- header
def _detect_kind(lines: list[Line], limit: int) -> tuple[str, Optional[int]]:
    for ln in lines[:limit]:
        for rx, kind in _KIND_WORDS:
            if rx.match(ln.text.strip()):
                return kind, ln.line
    # a title line naming the kind after the body: "Social- og Sundhedsudvalget - Referat",
    # "Referat Aarhus Byråd 11-09-2019" is caught above; "Økonomiudvalget, referat 18. maj 2010"
    for ln in lines[:min(limit, 15)]:
        m = _KIND_IN_TITLE.search(ln.text)
        if m and len(ln.text) <= 120:
            word = m.group(1).lower()
            return ("dagsorden" if word.startswith("dagsorden") else "referat"), ln.line
    return "other", None


_KIND_IN_TITLE = re.compile(r"(?:^|[-–|,:]\s*|\s)(referat|dagsorden|beslutningsprotokol|mødereferat)(?![\w-])", re.I)
_NEWS_MARK = re.compile(r"^(?:publiceret|offentliggjort|udgivet|opdateret|nyhed|pressemeddelelse)\b", re.I)
_MEMBERS_HEAD = re.compile(r"^(?:\w+\s+)?(?:medlemmer|bestyrelse(?:n|smedlemmer)?|sammensætning|repræsentantskab(?:et)?|"
                           r"udvalgets medlemmer|politikere)\b[^.]{0,60}:?\s*$", re.I)
_DATE_ONLY = re.compile(r"^(?:\w+dag\s+(?:den\s+)?)?\d{1,2}\.?\s*[A-Za-zæøå]+\.?\s+\d{4}(?:\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2})?$"
                        r"|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$", re.I)
_WEEKDAY_DATE = re.compile(r"^(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b", re.I)


def classify(lines: list[Line], kind: str) -> tuple[str, Optional[str], Optional[int]]:
    """A document that is not a meeting document: (kind, publication date, its line).

    news: a publication mark ("Pressemeddelelse • Jan 18, 2018", "Publiceret 3. maj 2022") or a dateline
    alone on one of the first lines; members: a member/board heading or three or more "Name (A)" lines;
    other: anything else."""
    if kind != "other":
        return kind, None, None
    for ln in lines[:10]:
        t = ln.text.strip()
        if _NEWS_MARK.match(t) or ("•" in t and parse_date(t)) or (_DATE_ONLY.match(t) and parse_date(t)):
            d = parse_date(t)
            if d or not _NEWS_MARK.match(t):
                return "news", d, ln.line
    listed = sum(1 for ln in lines if _LISTED.match(ln.text.strip()))
    if listed >= 3 or any(_MEMBERS_HEAD.match(ln.text.strip()) for ln in lines[:40]):
        return "members", None, None
    return "other", None, None


_LISTED = re.compile(r"^(?:[•◦▪●·‣⁃○■□–-]\s+)?[A-ZÆØÅ][\w.-]+(?:\s+[A-ZÆØÅ][\w.-]+){1,3}\s*\([A-ZÆØÅ]{1,3}\)")


def _detect_council(lines: list[Line], header_end: int) -> tuple[Optional[str], Optional[int]]:
    for ln in lines[:header_end]:
        c = canonical_council(ln.text)
        if c:
            return c, ln.line
    for ln in lines[:header_end]:
        m = _MUNI_COUNCIL.search(ln.text)
        if m:
            got = _muni_council(m)
            if got:
                return got, ln.line
        if _KL_BOARD.search(ln.text):
            return "KL", ln.line
    # from the content: the most frequently named KKR
    counts: Counter = Counter()
    first: dict = {}
    for ln in lines:
        for m in _KKR.finditer(ln.text):
            c = "KKR " + _REGIONS[m.group(1).lower()]
            counts[c] += 1
            first.setdefault(c, ln.line)
    if counts:
        c = counts.most_common(1)[0][0]
        return c, first[c]
    for ln in lines[: max(header_end, 40)]:
        m = _MUNI_COUNCIL.search(ln.text)
        if m:
            got = _muni_council(m)
            if got:
                return got, ln.line
    for ln in lines[: max(header_end, 40)]:
        if _KL_BOARD.search(ln.text):
            return "KL", ln.line
    return None, None


def _muni_council(m: re.Match) -> Optional[str]:
    if m.group(1):
        body, muni = m.group(1), m.group(2)
    else:
        muni, body = m.group(3), m.group(4)
        body = "Byrådet" if body == "Byråd" else "Kommunalbestyrelsen"
    muni = " ".join(w for w in muni.split() if w not in _MUNI_STOP)
    if not muni:
        return None
    return f"{body} {muni}"


def _address_like(text: str) -> bool:
    if len(text) > 50 or len(text.split()) > 6:
        return False
    if _HEADER_WORDS.match(text) or _DATO_LINE.match(text) or _TID_LINE.match(text):
        return False
    if _heading(text) or _CASE.match(text):
        return False
    if re.search(r"\bkl\.|\b(er|kan|skal|vil|bliver|holdes|afholdes)\b", text, re.I):
        return False
    return not text.rstrip().endswith((".", ":", "!", "?")) or re.search(r"\d{4}\s+\w+\.$", text) is not None


def _meeting(lines: list[Line], header_end: int, layout: str):
    date = time = location = None
    header_line = None
    gap = 3 if layout in ("pdftotext", "pdf") else 1
    for idx, ln in enumerate(lines[:header_end]):
        m = _DATO_LINE.match(ln.text)
        if m and header_line is None:
            d = parse_date(m.group(1))
            if d:
                date, header_line = d, ln.line
                time = _parse_time(m.group(1)) or time
            continue
        m = _TID_LINE.match(ln.text)
        if m and time is None:
            time = _parse_time(m.group(1))
            continue
        m = _STED_LINE.match(ln.text)
        if m and location is None:
            parts = [m.group(1).strip()] if m.group(1).strip() else []
            prev = ln.line
            for nxt in lines[idx + 1: min(header_end, idx + 5)]:
                if nxt.line - prev > gap or not _address_like(nxt.text):
                    break
                parts.append(nxt.text.strip())
                prev = nxt.line
            loc = ", ".join(p.strip().rstrip(",") for p in parts if p.strip())
            location = loc.rstrip(". ") or None
    return date, time, location, header_line


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


# ----------------------------------------------------------- participants
def _participants(lines: list[Line], start: int, end: int) -> tuple[list[Line], list[Line]]:
    present: list[Line] = []
    absent: list[Line] = []
    mode = None
    for ln in lines[start:end]:
        tx = ln.text.strip()
        head = _PRESENT_HEAD.match(tx) or _ABSENT_HEAD.match(tx)
        if head:
            mode = "present" if head.re is _PRESENT_HEAD else "absent"
            rest = (head.group("rest") or "").strip(" |")
            if not rest:
                continue
            # "Fraværende med afbud: Ingen." / "Medlemmer: | A, B, C |": the list on the heading's own line
            ln = replace(ln, text=rest)
            tx = rest
        elif mode and (_OTHER_PARTICIPANT_HEAD.match(tx) or _HEADER_WORDS.match(tx) or _heading(tx)
                       or _section_name(tx) or _OTHER_LIST_HEAD.match(tx)
                       or not _LIST_BULLET.sub("", tx)[:1].isupper()):
            mode = None
            continue
        if mode == "present":
            present.append(ln)
        elif mode == "absent":
            absent.append(ln)
    return present, absent


# ----------------------------------------------------------------- bilag
def _bundle(lines: list[Line]) -> tuple[list[Item], list[Attachment]]:
    """Bilag bundle: TOC of items and 'Bilag N: ...' entries, then a body where each appendix starts
    with a bare item number ('2.1') followed by the item title."""
    markers = []
    for idx, ln in enumerate(lines):
        if _BARE_NUMBER.match(ln.text.strip()):
            markers.append(idx)
    first_marker = markers[0] if markers else len(lines)
    toc_items: list[tuple[str, str, int]] = []
    toc_att: dict[str, list[tuple[str, int]]] = {}
    current = None
    for ln in lines[:first_marker]:
        h = _heading(ln.text)
        m = _ATTACH.match(ln.text)
        if m and current is not None:
            toc_att.setdefault(current, []).append((ln.text.strip(), ln.line))
        elif h and "." in h[0] or (h and toc_items):
            toc_items.append((h[0], h[3], ln.line))
            current = h[0]
    known = {num for num, _, _ in toc_items}
    blocks = []  # (number, marker idx, title idx)
    for idx in markers:
        num = lines[idx].text.strip().rstrip(".")
        if known and num not in known:
            continue
        blocks.append((num, idx))
    items: list[Item] = []
    seen_items: dict[str, Item] = {}
    for num, title, line in toc_items:
        it = Item(number=num, title=title, line=line)
        items.append(it)
        seen_items[num] = it
    attachments: list[Attachment] = []
    used: Counter = Counter()
    for k, (num, idx) in enumerate(blocks):
        end = blocks[k + 1][1] if k + 1 < len(blocks) else len(lines)
        body = lines[idx + 1: end]
        item_title = body[0].text.strip() if body else ""
        if num in seen_items and body and _similar(item_title, seen_items[num].title):
            body = body[1:]
        elif num not in seen_items:
            it = Item(number=num, title=item_title, line=lines[idx].line)
            items.append(it)
            seen_items[num] = it
            body = body[1:]
        listed = toc_att.get(num, [])
        if used[num] < len(listed):
            title = listed[used[num]][0]
        else:
            title = body[0].text.strip() if body else item_title
        used[num] += 1
        attachments.append(Attachment(item_number=num, title=title, line=lines[idx].line, lines=list(body)))
    # appendices listed in the TOC but with no body block
    for num, listed in toc_att.items():
        for title, line in listed[used[num]:]:
            attachments.append(Attachment(item_number=num, title=title, line=line, lines=[]))
    return items, attachments


# ------------------------------------------------------------------ main
def structure(source: SourceText, hints: Optional[Hints] = None) -> StructuredDocument:
    """`hints`: what the user said the document is (ingest --kind/--council/--municipality)."""
    lines = list(source.lines)
    toc_start, toc_end, toc = _find_toc(lines)
    kind_limit = toc_start if toc else min(len(lines), 60)
    kind, _ = _detect_kind(lines, max(kind_limit, 1) if lines else 0)

    items: list[Item] = []
    attachments: list[Attachment] = []
    if hints is not None and hints.kind in ("dagsorden", "referat", "bilag") and hints.kind != kind:
        kind = hints.kind
    if kind == "bilag" or (kind == "other" and any(_ATTACH.match(ln.text) for ln in lines[:60])
                           and any(_BARE_NUMBER.match(ln.text.strip()) for ln in lines)):
        if kind == "other":
            kind = "bilag"
        items, attachments = _bundle(lines)
        body_start = len(lines)
        found = []
        header_end = 0
        for idx, ln in enumerate(lines):
            if _TOC_WORDS.match(ln.text) or _heading(ln.text) or _ATTACH.match(ln.text):
                header_end = idx
                break
    else:
        body_start = toc_end if toc else 0
        found = _find_items(lines, body_start, toc, source.layout)
        items = _build_items(lines, found, len(lines))
        header_end = toc_start if toc else (found[0][0] if found else min(len(lines), 40))

    council, council_line = _detect_council(lines, max(header_end, 0) or min(len(lines), 15))
    date, time, location, header_line = _meeting(lines, header_end, source.layout)
    if date is None and kind in ("dagsorden", "referat"):
        date, header_line = _dated_title(lines, max(header_end, 15))
        if date and time is None:
            time = _parse_time(next(ln.text for ln in lines if ln.line == header_line))
    published = published_line = None
    p_start = toc_end if toc else 0
    p_end = found[0][0] if found else len(lines)
    present, absent = ([], []) if kind == "bilag" else _participants(lines, p_start, p_end)
    said = hints.kind if hints is not None else None
    roster_only = bool(present) and not absent and not _attendance_heading(lines, p_start, p_end)
    if kind == "other" and said not in ("news", "members", "other") and (
            (present and not roster_only) or absent or said == "meeting" or (date and header_line)):
        kind = "meeting"  # who attended (or the user says so): a meeting document whose title does not say which
        if date is None:
            date, header_line = _dated_title(lines, max(header_end, 15))
    if kind == "other" or said in ("news", "members", "other"):
        kind, published, published_line = classify(lines, "other")
        if said in ("news", "members", "other"):
            kind = said
        if kind == "news" and published is None:
            published, published_line = date, header_line
        date = time = location = header_line = None  # not a meeting: a news item's date is its publication date
        present, absent = [], []  # a member list is read as members, not as who attended
    if hints is not None:
        council, council_line = _hinted_council(lines, council, council_line, hints)
    generic = None
    if council is None and kind in ("dagsorden", "referat", "bilag", "meeting"):
        for ln in lines[:40]:  # "Byrådet", "Økonomiudvalget": whose, the extraction finds out from the text
            m = _GENERIC_COUNCIL.search(ln.text)
            if m and len(ln.text) <= 160:
                generic, council_line = ("Byrådet" if m.group(1) == "Byråd" else m.group(1)), ln.line
                break

    year = None
    for ln in lines[: max(header_end, 1)]:
        m = re.match(r"^(?:dagsorden|referat|bilag)\D{0,20}((?:19|20)\d{2})\b", ln.text, re.I)
        if m:
            year = int(m.group(1))
            break
    if year is None and date:
        year = int(date[:4])
    if year is None:
        for ln in lines:
            m = _DATO_LINE.match(ln.text)
            d = parse_date(m.group(1)) if m else None
            if d:
                year = int(d[:4])
                break


    title = _title(kind, council, date, year, lines)
    return StructuredDocument(
        source=source, kind=kind, council=council, council_line=council_line, year=year, date=date,
        time=time, location=location, header_line=header_line, title=title, present=present,
        absent=absent, items=items, attachments=attachments, published=published, published_line=published_line,
        generic_council=generic,
    )


def _attendance_heading(lines: list[Line], start: int, end: int) -> bool:
    """A heading that says who attended ("Deltagere", "Til stede", "Afbud"), not only who the members are."""
    for ln in lines[start:end]:
        m = _PRESENT_HEAD.match(ln.text.strip()) or _ABSENT_HEAD.match(ln.text.strip())
        if m and not ln.text.strip().lower().startswith("medlemmer"):
            return True
    return False


def _dated_title(lines: list[Line], limit: int) -> tuple[Optional[str], Optional[int]]:
    """A meeting's date without a "Dato:" line: in the title ("Referat Aarhus Byråd 11-09-2019") or alone
    near the top ("onsdag den 20. september 2017 kl. 17:00")."""
    for ln in lines[:limit]:
        t = ln.text.strip()
        if len(t) > 120:
            continue
        if _KIND_WORDS[0][0].match(t) or _KIND_WORDS[1][0].match(t) or _KIND_IN_TITLE.search(t) \
                or _WEEKDAY_DATE.match(t) or _DATE_ONLY.match(t):
            d = parse_date(t)
            if d:
                return d, ln.line
    return None, None


_GENERIC_COUNCIL = re.compile(r"\b(Byrådet|Byråd|Kommunalbestyrelsen|Borgerrepræsentationen|Regionsrådet|"
                              r"[A-ZÆØÅ]\w*-,?\s+(?:\w+-,?\s+)*og\s+\w*udvalget|"  # "Klima-, Miljø- og Teknikudvalget"
                              r"[A-ZÆØÅ][\w-]*udvalget(?:\s+for\s+[\w ,-]+?)?)"
                              r"(?=\s*(?:[-–|,:.]|$|\s+(?:referat|dagsorden)))")


def _hinted_council(lines: list[Line], council: Optional[str], council_line: Optional[int], hints: Hints):
    """--council NAME names the body outright; --municipality NAME completes a generic one ("Byrådet")."""
    if hints.council:
        line = council_line or (lines[0].line if lines else None)
        for ln in lines[:40]:
            if hints.council.lower() in ln.text.lower():
                line = ln.line
                break
        return hints.council, line
    if hints.municipality and (council is None or " " not in council):
        for ln in lines[:40]:
            m = _GENERIC_COUNCIL.search(ln.text)
            if m:
                body = "Byrådet" if m.group(1) == "Byråd" else m.group(1)
                return f"{body} {hints.municipality}", ln.line
    return council, council_line


def _title(kind: str, council: Optional[str], date: Optional[str], year: Optional[int], lines: list[Line]) -> str:
    if kind in ("dagsorden", "referat", "bilag"):
        parts = [kind.capitalize()]
        if council:
            parts.append(council)
        if date:
            y, m, d = date.split("-")
            parts.append(f"{d}-{m}-{y}")
        elif year:
            parts.append(str(year))
        return " ".join(parts)
    return lines[0].text[:200] if lines else ""
