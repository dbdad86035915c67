"""The meeting header: kind, council, date, time and place; what a non-meeting document is."""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from ..gazetteer import region_alternation, region_short_names
from ..model import Hints, Line
from .dates import _DATE_ISO, _DATE_NUM, _DATE_TEXT, _parse_time, calendar_alternation, parse_date  # noqa: F401
from .councils import generic_in, known_place
from .items import _CASE, _heading

_KIND_WORDS = [
    (re.compile(r"^(?:dagsorden|dagsordenen)\b", re.I), "dagsorden"),
    (re.compile(r"^(?:referat|mødereferat|beslutningsprotokol|protokol|beslutninger\s+fra\s+mødet)\b", re.I), "referat"),
    (re.compile(r"^(?:indholdsfortegnelse\s*[-–:]\s*bilag|bilag(?:smateriale|spakke)?|bilag til (?:dagsorden|referat)\b.*)\s*$|^bilag\s+\d{4}\s*$", re.I), "bilag"),
]
_REGIONS = region_short_names(ascii_too=True)  # 'sjaelland' -> 'Sjælland' (graphbuild/data/regions.csv)
_KKR = re.compile(rf"\bKKR\s*[-–]?\s*({region_alternation(ascii_too=True)})\b", re.I)
_KL_BOARD = re.compile(r"\bKL'?s\s+bestyrelse\b|\bbestyrelsen\s+for\s+KL\b|^KL\s*$", re.I)
_MUNI_COUNCIL = re.compile(
    r"\b(Byrådet|Kommunalbestyrelsen|Borgerrepræsentationen|Regionsrådet)\s+(?:i\s+)?"
    r"((?:[A-ZÆØÅ][\wæøåÆØÅ-]+)(?:\s+[A-ZÆØÅ][\wæøåÆØÅ-]+)?)"
    r"|\b([A-ZÆØÅ][\wæøåÆØÅ-]+)\s+(Byråd|Kommunalbestyrelse)\b"
)
_MUNI_STOP = {"Kommune", "Kommunes", "Dato", "Sted", "Mødet", "Møde", "Referat", "Dagsorden", "Beslutningsprotokol",
              "Beslutninger", "Mødereferat"}

_DATO_LINE = re.compile(r"^(?:møde)?dato\s*[:.]?\s*(.*)$", re.I)
_TID_LINE = re.compile(r"^(?:tid og sted|tid|tidspunkt|mødetid)\s*[:.]\s*(.*)$", re.I)
_STED_LINE = re.compile(r"^(?:sted|mødested|lokale)\s*[:.]\s*(.*)$", re.I)
_HEADER_WORDS = re.compile(r"^(?:mission|vision|deltagere|deltagerfortegnelse|afbud|indhold|indholdsfortegnelse|dagsorden|referat)\b", re.I)


def canonical_council(text: str) -> Optional[str]:
    """'KKR HOVEDSTADEN' -> 'KKR Hovedstaden'; None if no KKR name in the text."""
    m = _KKR.search(text)
    if not m:
        return None
    return "KKR " + _REGIONS[m.group(1).lower()]



# ---------------------------------------------------------------- header
_TITLE_LINES = 12  # a page says it is an appendix in its title lines; "Bilag" further down heads an item's list


def _detect_kind(lines: list[Line], limit: int) -> tuple[str, Optional[int]]:
    for i, ln in enumerate(lines[:limit]):
        for rx, kind in _KIND_WORDS:
            if rx.match(ln.text.strip()) and not (kind == "bilag" and i >= _TITLE_LINES):  # "Bilag" under an item
                if kind == "dagsorden":  # "Dagsorden" over the item list of minutes whose title says "referat"
                    title = next((x for x in lines[:min(i, 15)] if len(x.text) <= 120 and
                                  (m := _KIND_IN_TITLE.search(x.text)) and m.group(1).lower() != "dagsorden"), None)
                    if title is not None:
                        return "referat", title.line
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
# a PDF viewer's download link repeats the document's title in full ('Download "Beslutninger fra mødet. Torsdag
# 8.06.2006 kl. 8.15. Ordinært møde. Økonomiudvalget"') where the page's own first line lost its date
_DOWNLOAD = re.compile(r'^download\s+["“”](.+?)["“”]$', re.I)
_DATE_ONLY = re.compile(r"^(?:\w+dag\s+(?:den\s+)?)?\d{1,2}\.?\s*[A-Za-zæøå]+\.?\s+\d{4}(?:\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2})?$"
                        r"|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$", re.I)
_WEEKDAY = rf"(?:{calendar_alternation('weekday')})"
_WEEKDAY_DATE = re.compile(rf"^{_WEEKDAY}\b", re.I)


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
    while muni and not known_place(muni) and " " in muni:
        muni = muni.rsplit(" ", 1)[0]  # "Byrådet Vejen Dagsorden" -> Vejen
    if not muni or not known_place(muni):
        return None  # "Byrådet Vis medlemmer": not a place
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
            when = parse_date(m.group(1))
            if when:  # "Tid: Fredag den 22. maj 2015 kl. 09:30": the meeting's date ("Dato:" may be the letter's)
                date, header_line = when, ln.line
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



def _dated_title(lines: list[Line], limit: int) -> tuple[Optional[str], Optional[int]]:
    """A meeting's date without a "Dato:" line: in the title ("Referat Aarhus Byråd 11-09-2019") or alone
    near the top ("onsdag den 20. september 2017 kl. 17:00")."""
    for ln in lines[:limit]:
        t = _DOWNLOAD.sub(r"\1", ln.text.strip())
        if len(t) > 120:
            continue
        if _KIND_WORDS[0][0].match(t) or _KIND_WORDS[1][0].match(t) or _KIND_IN_TITLE.search(t) \
                or _WEEKDAY_DATE.match(t) or _DATE_ONLY.match(t):
            d = parse_date(t)
            if d:
                return d, ln.line
    return None, None



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
            body = generic_in(ln.text)
            if body:
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


# ------------------------------------------------------------- dates in other header shapes
_LEADING_DATE = re.compile(rf"^(?:{_WEEKDAY}\s*,?\s*)?(?:(?:den|d\.)\s*)?(?=\d)", re.I)
_DATE_LABEL_ONLY = re.compile(r"^(?:møde)?dato|^(?:møde)?starttidspunkt|^mødetidspunkt|^tidspunkt|^dato og tid", re.I)
_DECISION_DATED = re.compile(r"^(?:beslutning\s+(?:i|fra)\s+\S+|\S+s\s+beslutning)\b.{0,40}?\b(?:den|d\.)\s+(?=\d)", re.I)


def _date_first(text: str) -> Optional[str]:
    """The date a text begins with ('24-09-2019', '24.09.2019', '24. september 2019', '15-maj-2002')."""
    t = text.strip().strip("|").strip()
    if not re.match(r"\d{1,4}[-./ ]", t):
        return None
    m = re.match(r"(\d{1,2})-([a-zæøå]{3,9})-(\d{4})\b", t, re.I)  # "15-maj-2002"
    if m:
        return parse_date(f"{m.group(1)}. {m.group(2)} {m.group(3)}")
    return parse_date(t[:40])


def header_date(lines: list[Line], limit: int, after_council=None) -> tuple[Optional[str], Optional[int]]:
    """A meeting's date in the header written as a line of its own ('23-08-2021 13:00', 'Den 20. april 2015,
    kl. 19.00', 'onsdag den 15-maj-2002'), or on the line after its label ('STARTTIDSPUNKT' / '06-12-2017
    18:00:00', 'Dato: |' / '25-09-2018 19:00:00 |').  `after_council`: only a date line that follows a line
    naming a council counts (a document whose title does not say it is a meeting)."""
    for idx, ln in enumerate(lines[:limit]):
        t = ln.text.strip()
        label = _DATE_LABEL_ONLY.match(t)
        if label and not _date_first(t[label.end():].lstrip(" :|.")) and idx + 1 < len(lines):
            d = _date_first(lines[idx + 1].text)
            if d:
                return d, lines[idx + 1].line
        m = _LEADING_DATE.match(t)
        d = _date_first(t[m.end():]) if m else None
        if d and len(t) <= 120 and (after_council is None or (idx and after_council(lines[idx - 1].text))):
            return d, ln.line
    return None, None


_VALUE_DATE = re.compile(rf"(?:^|:\s+){_WEEKDAY}\s+(?:den\s+|d\.\s*)?(?=\d)", re.I)


def column_date(lines: list[Line], limit: int) -> tuple[Optional[str], Optional[int]]:
    """Labels first, values after (a PDF's two columns merged): 'Dato:' stands empty and a weekday's date comes a
    few lines below, after another label ('Afbud fra: Onsdag den 15-maj-2002 Kommunalbestyrelsens mødelokaler')."""
    for idx, ln in enumerate(lines[:limit]):
        m = _DATO_LINE.match(ln.text.strip())
        if not m or m.group(1).strip():
            continue
        for nxt in lines[idx + 1: idx + 8]:
            v = _VALUE_DATE.search(nxt.text)
            d = _date_first(nxt.text[v.end():]) if v else None
            if d:
                return d, nxt.line
        return None, None
    return None, None


def decision_date(lines: list[Line]) -> tuple[Optional[str], Optional[int]]:
    """'Beslutning i Byrådet den 19-12-2016', 'Økonomiudvalgets beslutning i mødet den 31. marts 2020': the date
    of the meeting that decided, when the page states it only there."""
    for ln in lines:
        m = _DECISION_DATED.match(ln.text.strip())
        if m:
            d = _date_first(ln.text.strip()[m.end():])
            if d:
                return d, ln.line
    return None, None
