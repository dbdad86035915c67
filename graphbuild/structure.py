"""structure: SourceText -> StructuredDocument.

Finds the meeting header (kind, council, date, time, place), the table of contents (recognised and
skipped), the numbered agenda items with their case line and sections, the participant list and, for
bilag bundles, the appendices grouped under their agenda item.  General rules, not keyed to one file:
the rules live in graphbuild/meeting/ (dates, header, items, participants, bundle).
Pure function of its input; never raises for odd input (an empty document gives an empty structure).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .meeting.bundle import _ATTACH, _bundle
from .meeting.dates import _parse_time, parse_date
from .meeting.attendance import block_entries, statements
from .meeting.councils import board_in, generic_in, labelled_council
from .meeting.header import (_DATO_LINE, _dated_title, _detect_council, _detect_kind, _hinted_council, _meeting,
                             _title, canonical_council, classify, column_date, decision_date, header_date)
from .meeting.item_lines import CASE_FOOTER, _plausible_title, clean_title, find_headings, footed_items, lone_item
from .meeting.items import _BARE_NUMBER, _TOC_WORDS, _build_items, _find_items, _find_toc, _heading, _similar
from .meeting.decisions import decisions_in
from .meeting.reported import reported_meeting
from .meeting.rosters import titled_roster
from .meeting.toc_runs import run_titles
from .meeting.votes import votes_in
from .meeting.participants import _attendance_heading, _participants
from .model import Attachment, Hints, Item, Line, SourceText, StructuredDocument

__all__ = ["structure", "parse_date", "canonical_council", "classify"]

_NOT_MEETING = ("news", "members", "other")
_MEETING_KINDS = ("dagsorden", "referat", "meeting")
_CAME = re.compile(r"^(?:deltagerne var|til ?stede var|fremmødte|mødt var)\b", re.I)


@dataclass
class _Body:
    """What the body of the document holds: items (or a bundle's appendices) and where the header ends."""

    kind: str
    items: list[Item] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    found: list = field(default_factory=list)
    header_end: int = 0
    p_start: int = 0


def _is_bundle(kind: str, lines: list[Line]) -> bool:
    return kind == "bilag" or (kind == "other" and any(_ATTACH.match(ln.text) for ln in lines[:60])
                               and any(_BARE_NUMBER.match(ln.text.strip()) for ln in lines))


def _read_body(lines: list[Line], kind: str, layout: str) -> _Body:
    toc_start, toc_end, toc = _find_toc(lines)
    if _is_bundle(kind, lines):
        items, attachments = _bundle(lines)
        header_end = next((idx for idx, ln in enumerate(lines)
                           if _TOC_WORDS.match(ln.text) or _heading(ln.text) or _ATTACH.match(ln.text)), 0)
        return _Body("bilag", items, attachments, [], header_end, toc_end if toc else 0)
    found = [f for f in _find_items(lines, toc_end if toc else 0, toc, layout) if _plausible_title(f[2])]
    general = [(h.index, h.number, h.title, h.n_lines) for h in find_headings(lines)]
    if len(general) > len(found):  # the layout is not the numbered-heading one the first reader knows
        found = general
    listed = run_titles(lines)
    footed = footed_items(lines) if not found else []
    if footed:
        found = [(h.index, h.number, h.title, h.n_lines) for h in footed]
    lone = lone_item(lines) if not found and not listed and kind in _MEETING_KINDS else None
    if lone is not None:
        found = [(lone.index, lone.number, lone.title, lone.n_lines)]
    header_end = toc_start if toc else (found[0][0] if found else min(len(lines), 40))
    items = _build_items(lines, found, len(lines))
    return _Body(kind, items + _listed_only(lines, items, listed), [], found, header_end, toc_end if toc else 0)


def _listed_only(lines: list[Line], items: list[Item], listed: list) -> list[Item]:
    """Items a flattened table of contents lists whose heading the text does not hold (the excerpt ends before
    it): each with the number printed before it, if any, else none (no number is made up)."""
    out: list[Item] = []
    for r in listed:
        if any(_similar(r.title, it.title) for it in items) or (r.number and any(it.number == r.number for it in items)):
            continue
        out.append(Item(number=r.number, title=clean_title(r.title), line=lines[r.index].line))
    return out


def _said(lines: list[Line], present: list[Line], absent: list[Line]) -> list:
    """Attendance as stated: the participant block's entries and every sentence about who was (not) there."""
    block = [s for status, part in (("present", present), ("absent", absent)) for ln in part
             for s in (titled_roster(ln, status) or block_entries(ln, status))]
    return block + statements(lines)


def _item_of(items: list[Item]):
    """line number -> the number of the agenda item it belongs to."""
    where = {}
    for it in items:
        where[it.line] = it.number
        for ln in it.lines:
            where.setdefault(ln.line, it.number)
    return where.get


def _year(lines: list[Line], header_end: int, date: Optional[str]) -> Optional[int]:
    for ln in lines[: max(header_end, 1)]:
        m = re.match(r"^(?:dagsorden|referat|bilag)\D{0,20}((?:19|20)\d{2})\b", ln.text, re.I)
        if m:
            return int(m.group(1))
    if date:
        return int(date[:4])
    for ln in lines:
        m = _DATO_LINE.match(ln.text)
        d = parse_date(m.group(1)) if m else None
        if d:
            return int(d[:4])
    return None


def _generic(lines: list[Line], kind: str, council: Optional[str]) -> tuple[Optional[str], Optional[int]]:
    """"Byrådet", "Økonomiudvalget": a council named without whose it is (the extraction finds out from the text)."""
    if council is not None or kind not in ("dagsorden", "referat", "bilag", "meeting"):
        return None, None
    found = labelled_council(lines, 40)
    if found[0]:
        return found
    for ln in lines[:40]:
        g = generic_in(ln.text)
        if g:
            return g, ln.line
    for ln in lines:  # "Byrådsmødet, tirsdag 19. april, sag 2": the council whose meeting a case footer names
        m = CASE_FOOTER.match(ln.text.strip())
        if m and generic_in(m.group("body")):
            return generic_in(m.group("body")), ln.line
    return None, None


def _names_council(text: str) -> bool:
    return bool(generic_in(text) or canonical_council(text))


def _more_dates(lines: list[Line], kind: str, header_end: int) -> tuple[Optional[str], Optional[int]]:
    """A meeting date written other than on a "Dato:" line: in the title, on a line of its own in the header,
    after its label, or only with a decision ("Beslutning i Byrådet den 19-12-2016")."""
    limit = max(header_end, 15)
    if kind in ("dagsorden", "referat", "meeting"):
        for found in (_dated_title(lines, limit), header_date(lines, limit), column_date(lines, limit),
                      decision_date(lines)):
            if found[0]:
                return found
        return None, None
    return header_date(lines, min(limit, 20), after_council=_names_council)


def structure(source: SourceText, hints: Optional[Hints] = None) -> StructuredDocument:
    """`hints`: what the user said the document is (ingest --kind/--council/--municipality)."""
    lines = list(source.lines)
    toc_start, _, toc = _find_toc(lines)
    kind, _ = _detect_kind(lines, max(toc_start if toc else min(len(lines), 60), 1) if lines else 0)
    if hints is not None and hints.kind in ("dagsorden", "referat", "bilag"):
        kind = hints.kind
    body = _read_body(lines, kind, source.layout)
    kind = body.kind
    council, council_line = _detect_council(lines, max(body.header_end, 0) or min(len(lines), 15))
    if council is None and kind in ("dagsorden", "referat"):
        council, council_line = next(((board_in(ln.text), ln.line) for ln in lines[:15] if board_in(ln.text)),
                                     (None, None))
    date, time, location, header_line = _meeting(lines, body.header_end, source.layout)
    if date is None and kind in ("dagsorden", "referat", "other"):
        date, header_line = _more_dates(lines, kind, body.header_end)
        if date and time is None:
            time = _parse_time(next(ln.text for ln in lines if ln.line == header_line))
    p_end = body.found[0][0] if body.found else len(lines)
    if body.found and p_end <= 2:  # the page opens with an item: who attended is written inside it
        p_end = body.found[1][0] if len(body.found) > 1 else len(lines)
    present, absent = ([], []) if kind == "bilag" else _participants(lines, body.p_start, p_end)
    said = hints.kind if hints is not None else None
    roster_only = bool(present) and not absent and not _attendance_heading(lines, body.p_start, p_end)
    published = published_line = None
    if kind == "other" and said not in _NOT_MEETING and (
            (present and not roster_only) or absent or said == "meeting" or (date and header_line)):
        kind = "meeting"  # who attended (or the user says so): a meeting document whose title does not say which
        if date is None:
            date, header_line = _more_dates(lines, kind, body.header_end)
    if kind == "other" or said in _NOT_MEETING:
        kind, published, published_line = classify(lines, "other")
        kind = said if said in _NOT_MEETING else kind
        if kind == "news" and published is None:
            published, published_line = date, header_line
        date = time = location = header_line = None  # not a meeting: a news item's date is its publication date
        present, absent = [], []  # a member list is read as members, not as who attended
        # unless it reports a meeting with its date (a page with agenda items is its own meeting's, not the one its
        # case text mentions)
        met, date, reported = reported_meeting(lines, council) if not body.items else (None, None, None)
        if reported is not None:
            header_line = reported.line
            if met != council:
                council, council_line = met, reported.line
    if hints is not None:
        council, council_line = _hinted_council(lines, council, council_line, hints)
    generic, generic_line = _generic(lines, kind, council)
    council_line = generic_line or council_line
    year = _year(lines, body.header_end, date)
    # an agenda lists who is invited, not who came: only its stated absences count, unless it says who came
    came = kind != "dagsorden" or any(_CAME.match(ln.text.strip()) for ln in lines)
    said = _said(lines, present if came else [], absent) if kind in _MEETING_KINDS else []
    votes = votes_in(lines, _item_of(body.items))
    decisions = decisions_in(lines, _item_of(body.items), frozenset(it.line for it in body.items))
    return StructuredDocument(
        source=source, kind=kind, council=council, council_line=council_line, year=year, date=date,
        time=time, location=location, header_line=header_line, title=_title(kind, council, date, year, lines),
        present=present, absent=absent, items=body.items, attachments=body.attachments, published=published,
        published_line=published_line, generic_council=generic, said=said, votes=votes, decisions=decisions,
    )
