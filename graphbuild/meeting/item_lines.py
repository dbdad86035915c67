"""Agenda items in every layout, from line shapes: the general reader behind graphbuild.structure.

An item heading is written in many ways: "42. Title", "3.1 Title", "Pkt. 42 Title", "Punkt 3: Title", "Sag nr. 129"
under its title, "Nr.178 - Title", "Dagsordenspunkt 1: Title", "• 301. Title", the number alone on one line and the
title on the next, "(Åben) Title", "LUKKET PUNKT - Title", a table of contents with dot leaders and page numbers.
A heading is kept when its marker says it is an item ("Pkt.", "Punkt", "Sag nr.", "Nr."), or when plain numbers
("42. Title") form a rising run or are followed by an item's sections ("Sagsfremstilling", "Beslutning", a case
number). Lists of people ("2. Lars Weiss (A)"), dates ("17. Februar") and sentences are not items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..model import Line
from .dates import calendar_alternation
from .sections import heading_alternation
from .toc_runs import paired_runs, title_links

_MONTHS = calendar_alternation("month", "month_short")
_BULLET = r"(?:[•◦▪●·‣⁃○■□–-]\s*)?"
# explicit item markers: the number is an item number whatever follows
_MARKED = re.compile(rf"^{_BULLET}(?:pkt\.?|punkt|dagsordenspunkt|sag\s+nr\.?|sagsnr\.?\s+(?=\d{{1,3}}\b)|nr\.?)\s*"
                     r"(?P<num>\d{1,4}(?:\.\d{1,2})?)\.?(?:\s*[-–:.)]\s*|\s+|$)(?P<title>.*)$", re.I)
# "42. Title", "3.1 Title", "• 301. Title", "76.  Spørgsmål fra ..."
_PLAIN = re.compile(rf"^{_BULLET}(?P<num>\d{{1,3}}(?:\.\d{{1,2}})?)(?:\.\s*|\s+:\s+|\s+(?=[A-ZÆØÅ(\"”“]))(?P<title>\S.*)$")
# a table of contents' heading glued to its first entry: "Indholdsfortegnelse1. Fraværende",
# "Punkter på åben dagsorden: 1. Byrådets sammensætning ....... 2"
_TOC_LEAD = re.compile(r"^(?:punkter\s+på\s+(?:åben|lukket)\s+dagsorden\s*:?|indholdsfortegnelse\s*:?|indhold\s*:)\s*(?=\d)",
                       re.I)
_STATUS = re.compile(r"^(?:\((?:åben|åbent|lukket)\)\s*|(?:lukket|åbent?)\s+(?:punkt|sag)\s*[-–:]\s*|lukket\s*[-–:]\s*)",
                     re.I)
_LEADERS = re.compile(r"\s*(?:\.{3,}|…+).*$|\s*\.\.\s*\d{1,3}$")
# a case reference written after the title on its line ("Godkendelse af dagsorden Dok.nr.: 1965 Sagsid.: 14/40")
_ROMAN_PAGE = re.compile(r"\s+[ivxlc]{1,6}$")  # a contents page number in lower-case roman numerals ("Budget xiii")
_BARE = re.compile(rf"^{_BULLET}(?P<num>\d{{1,3}}(?:\.\d{{1,2}})?)\.?$")  # "103." alone; its title on the next line
_CASE_TAIL = re.compile(rf"\s+(?:{heading_alternation('case_tail')})\.?\s*:.*$", re.I)
_PERSON_PARTY = re.compile(r"^(?:\w+\s+)?[A-ZÆØÅ][\w.-]+(?:\s+[A-ZÆØÅ][\w.-]+){1,4},?\s*\((?:[A-ZÆØÅ]{1,3}|UP)\)")
_DATE_TITLE = re.compile(rf"^(?:{_MONTHS})\b\.?\s*(?:\d{{4}})?", re.I)
_SECTION = re.compile(rf"^(?:{heading_alternation('ends_title')})\b", re.I)
_DECISION_SECTION = re.compile(rf"^(?:{heading_alternation('decision_after')})\s*:?$", re.I)
_ITEM_REACH = 20  # lines after a plain heading in which its decision or case text must begin
_KLE = re.compile(r"\b\d{2}\.\d{2}\.\d{2}(?:-[A-Z]\d{2}(?:-\d+-\d{2})?)?\b")


@dataclass
class Heading:
    index: int  # position in the document's lines
    number: str
    title: str
    marked: bool  # an explicit item marker ("Pkt.", "Sag nr.")
    n_lines: int = 1  # lines the heading takes (number and title on separate lines: 2)


def clean_title(title: str) -> str:
    t = _ROMAN_PAGE.sub("", _CASE_TAIL.sub("", _LEADERS.sub("", title)).strip()).strip()
    t = _STATUS.sub("", t).strip()
    return t.rstrip(" .:;-–").strip()


def _plausible_title(title: str) -> bool:
    if not title or not (title[0].isupper() or title[0] in "(\"”“'" or title[0].isdigit()):
        return False
    if len(title) > 220 or len(title.split()) > 30:
        return False
    m = _PERSON_PARTY.match(title)
    if (m and len(title[m.end():].split()) <= 3) or _DATE_TITLE.match(title):
        return False
    from .attendance import person
    if len(title.split()) <= 5 and person(title) is not None and title.split()[0].lower().endswith(
            ("borgmester", "formand", "rådmand", "direktør")):
        return False  # "Viceborgmester Kenneth Bro": a person with a title, not an item
    return not title.endswith(",")


def _title_near(lines: list[Line], i: int, before: bool) -> Optional[str]:
    """The title written on the line before ('Title' / 'Sag nr. 129') or after ('Pkt. 1' / 'Title')."""
    j = i - 1 if before else i + 1
    if not 0 <= j < len(lines):
        return None
    t = clean_title(lines[j].text)
    if _SECTION.match(t) or _MARKED.match(lines[j].text.strip()) or not _plausible_title(t):
        return None
    return t


def _candidate(lines: list[Line], i: int) -> Optional[Heading]:
    text = _TOC_LEAD.sub("", lines[i].text.strip())
    m = _MARKED.match(text)
    if m:
        num, title = m.group("num"), clean_title(m.group("title"))
        if title and _plausible_title(title):
            return Heading(i, num, title, True)
        if not title:
            after = _title_near(lines, i, before=False)
            if re.match(r"(?i)^sag\s+nr", text):  # "Title" / "Sag nr. 129": the title comes first
                before = _title_near(lines, i, before=True)
                return Heading(i - 1, num, before, True, 2) if before else None
            return Heading(i, num, after, True, 2) if after else None
        return None
    m = _BARE.match(text)
    if m and "." in text and int(m.group("num").split(".")[0]) > 0:
        after = _title_near(lines, i, before=False)
        return Heading(i, m.group("num"), after, False, 2) if after else None
    m = _PLAIN.match(text)
    if m and not _KLE.match(text):
        title = clean_title(m.group("title"))
        if _plausible_title(title) and int(m.group("num").split(".")[0]) > 0:
            return Heading(i, m.group("num"), title, False)
    return None


def _bare_marked(text: str) -> Optional[str]:
    """"Sag nr. 83" alone on its line: the number."""
    m = _MARKED.match(text)
    return m.group("num") if m and not m.group("title").strip() else None


def _titled_marked(text: str) -> Optional[tuple[str, str]]:
    m = _MARKED.match(text)
    return (m.group("num"), m.group("title").strip()) if m and m.group("title").strip() else None


def _supported(lines: list[Line], h: Heading, plain: list[Heading]) -> bool:
    """A plain "42. Title" is an item when an item's section follows, or its neighbours continue the numbering."""
    for nxt in lines[h.index + h.n_lines: h.index + h.n_lines + 4]:
        if _SECTION.match(nxt.text.strip()):
            return True
    later = [o.index for o in plain if o.index > h.index]
    for nxt in lines[h.index + h.n_lines: min(later[0] if later else len(lines), h.index + h.n_lines + _ITEM_REACH)]:
        if _DECISION_SECTION.match(nxt.text.strip()):
            return True  # "2. Godkendelse af dagsordenen" ... "Beslutning": the page is one item
    top = int(h.number.split(".")[0])
    before = {int(o.number.split(".")[0]) for o in plain if o.index < h.index}
    after = {int(o.number.split(".")[0]) for o in plain if o.index > h.index}
    return top - 1 in before or top + 1 in after  # the numbering runs on in order


def find_headings(lines: list[Line]) -> list[Heading]:
    """Every item heading of the document, in order, a number once (the later, fuller occurrence wins its body)."""
    cands = [c for c in (_candidate(lines, i) for i in range(len(lines))) if c is not None]
    pairs, glued = paired_runs(lines, _bare_marked, _titled_marked)
    paired = {p.index: Heading(p.index, p.number, clean_title(p.title), True) for p in pairs}
    cands = sorted([c for c in cands if c.index not in paired and c.index not in glued] + list(paired.values()),
                   key=lambda c: c.index)
    plain = [c for c in cands if not c.marked]
    kept = _no_restart([c for c in cands if c.marked or _supported(lines, c, plain)])
    by_number: dict[str, Heading] = {}
    for h in kept:
        old = by_number.get(h.number)
        if old is None:
            by_number[h.number] = h
        elif not _same_item(old.title, h.title):
            continue  # "2. Godkender at ..." in a recommendation after item 2: not the item again
        else:  # a table of contents entry and the item itself: the item's place, the longer title
            title = old.title if len(old.title) > len(h.title) else h.title
            by_number[h.number] = Heading(h.index, h.number, title, h.marked or old.marked, h.n_lines)
    out = sorted(by_number.values(), key=lambda h: h.index)
    out = [h for k, h in enumerate(out) if k == 0 or h.index != out[k - 1].index]
    return [_wrapped(lines, h, {o.index for o in cands}) for h in out]


def _wrapped(lines: list[Line], h: Heading, heads: set[int]) -> Heading:
    """A title wrapped onto the next line ("130. Fuglebjerg Fjernvarme - kommunegaranti i forbindelse med" /
    "lånefinansiering"): a title cannot end in a linking word, and the line after it goes on in lower case."""
    j = h.index + h.n_lines
    last = h.title.split()[-1].lower() if h.title.split() else ""
    if j >= len(lines) or j in heads or last not in title_links():
        return h
    nxt = clean_title(lines[j].text)
    if not nxt[:1].islower() or len(nxt.split()) > 15 or _SECTION.match(nxt):
        return h
    return Heading(h.index, h.number, f"{h.title} {nxt}", h.marked, h.n_lines + 1)


def _same_item(a: str, b: str) -> bool:
    """Two titles of one item number: a table of contents entry (maybe cut) and the item's heading."""
    from difflib import SequenceMatcher
    x, y = (re.sub(r"\W+", " ", t.lower()).strip() for t in (a, b))
    n = min(len(x), len(y), 20)
    return x[:n] == y[:n] or SequenceMatcher(None, x, y).ratio() >= 0.75


def _no_restart(found: list[Heading]) -> list[Heading]:
    """Numbered points inside an item ('1. Planstrategi ... godkendes', '2. Anbefales' under item 302) restart the
    numbering below the item's own number: a plain heading must not go back below the heading before it, unless it
    repeats a number already listed (the item itself after its table-of-contents entry)."""
    out: list[Heading] = []
    for h in found:
        top = int(h.number.split(".")[0])
        last = int(out[-1].number.split(".")[0]) if out else 0
        if not h.marked and out and top < last and h.number not in {o.number for o in out}:
            continue
        out.append(h)
    return out


_FIRST_SECTION = re.compile(rf"^(?:{heading_alternation('first_section')})\b", re.I)


def lone_item(lines: list[Line]) -> Optional[Heading]:
    """A page that is one agenda item with no number ("Referat Aarhus Byråd 11-09-2019" / "Fælles ansvar for
    nedbringelse af hjemløshed" / "Beslutning"): the title is the line right before the page's first item section.
    Only a title-like line: two words or more, no field label, no sentence."""
    i = next((k for k, ln in enumerate(lines) if _FIRST_SECTION.match(ln.text.strip())), None)
    if not i:
        return None
    t = lines[i - 1].text.strip()
    if ":" in t or len(t.split()) < 2 or len(t.split()) > 15 or t.endswith(".") or not _plausible_title(t):
        return None
    return Heading(i - 1, None, clean_title(t), False)


# a news page of a council's decisions ends each case with its place in the meeting: "Byrådsmødet, tirsdag 19. april,
# sag 2"; the case's headline is the line before its first sentence
CASE_FOOTER = re.compile(r"^(?P<body>[A-ZÆØÅ][\wæøå]*?)s?mødet,\s+[^,]{3,40},\s*(?:sag|punkt|pkt\.?)\s+(?P<num>\d{1,4})\s*$")


def footed_items(lines: list[Line]) -> list[Heading]:
    """Items of a page whose cases each end with a footer naming their number (CASE_FOOTER)."""
    out: list[Heading] = []
    start = 0
    for f, ln in enumerate(lines):
        m = CASE_FOOTER.match(ln.text.strip())
        if not m:
            continue
        # after a footer the next case's headline comes first; before the first footer, page chrome may come first
        first = next((k for k in range(start, f) if len(lines[k].text.split()) > 5), None) if not out else start + 1
        if first is not None and start < first < f:
            title = clean_title(lines[first - 1].text)
            if _plausible_title(title) and ":" not in title and len(title.split()) <= 15:
                out.append(Heading(first - 1, m.group("num"), title, False))
        start = f + 1
    return out
