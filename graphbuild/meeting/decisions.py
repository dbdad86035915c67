"""Decisions as minutes state them: the decision sections of a page, each with its outcome, and the chain of
recommendations before the council's decision, each with the body and date that gave it.

Shapes (all seen on real pages of several publishing systems):
  "Beslutning" / "BESLUTNING" / "Beslutning:" / "POLITISK BEHANDLING" on a line of its own, the outcome below;
  "BeslutningGodkendt." (a glued page); "Beslutning i Byrådet den 15-09-2020", "Beslutning Økonomiudvalget den
  02-02-2021", "Økonomiudvalgets beslutning i mødet den 31. marts 2020" (body and date in the heading);
  "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:" (a committee's recommendation quoted in the case);
  "19-08-2019 Magistraten" (a dated step of the case's course); "Økonomiudvalget anbefaler indstillingen." (a body's
  recommendation stated in one line); "Silkeborg: Byrådet har godkendt ..." (a news page reporting decisions).
A section runs until the next section heading (graphbuild/data/section_words.csv, use `ends_decision`), the next
agenda item or the next decision heading. Its outcome is the first line that states one, read with the outcome
phrases of decision_words.csv (the first phrase on the line, except that "fremsendes" gives way to a later
outcome: "Fremsendes til byrådet med bemærkning, at Magistraten anbefaler ..." is a recommendation). A section
with text but no outcome phrase is kept as `other` (its text is still the decision's record).
Pure reading: extraction turns a StatedDecision into a DecisionFact.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional

from ..gazetteer import org_word_alternation
from ..model import Line
from .dates import parse_date
from .sections import heading_alternation, phrase_alternation

OUTCOMES = ("rejected", "recommended", "postponed", "referred", "noted", "discussed", "approved")
MAX_SECTION_LINES = 30  # non-empty lines a decision section may run before its outcome must have come


@dataclass
class StatedDecision:
    heading: Line                 # the line that opens the section
    line: Line                    # the line that states the outcome (or the first line of text)
    outcome: str                  # one of OUTCOMES, or "other"
    item: Optional[str] = None    # the agenda item's number, when the page has items
    body: Optional[str] = None    # the body that decided or recommended, as written in the heading
    date: Optional[str] = None    # ISO date of that body's meeting, when written
    lines: list[Line] = field(default_factory=list)  # the section's text


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    text = resources.files("graphbuild").joinpath("data", "decision_words.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out.setdefault(row["kind"], []).append(row["phrase"].strip().lower())
    return out


@lru_cache(maxsize=1)
def _outcome_rx() -> re.Pattern:
    w = _words()
    return re.compile("|".join(rf"(?P<{k}>\b(?:{phrase_alternation(w[k])})\b)" for k in OUTCOMES if w.get(k)), re.I)


def outcome_at(text: str) -> Optional[tuple[str, int]]:
    """The outcome a line states and where its phrase starts, or None: the first phrase on the line, except
    that "referred" ("fremsendes") gives way to a later outcome ("fremsendes ... anbefales")."""
    found = [(m.lastgroup, m.start()) for m in _outcome_rx().finditer(text)]
    if not found:
        return None
    return next((f for f in found if f[0] != "referred"), found[0]) if found[0][0] == "referred" else found[0]


def outcome_of(text: str) -> Optional[str]:
    """The outcome a line states, or None."""
    at = outcome_at(text)
    return at[0] if at else None


@lru_cache(maxsize=1)
def outcome_hints() -> tuple[str, ...]:
    """A word of every outcome phrase (its longest), lower-case: a line with none of them states no outcome,
    and substring tests cost far less than the case-insensitive alternation most lines fail."""
    w = _words()
    return tuple(sorted({max(p.split(), key=len) for k in OUTCOMES for p in w.get(k, ())}))


@lru_cache(maxsize=1)
def _section_rx() -> re.Pattern:
    return re.compile(rf"^(?:{heading_alternation('ends_decision')})\s*:?$", re.I)


# ------------------------------------------------------------------ headings
_UI_PREFIX = re.compile(r"^(?:fold\s+dette\s+punkt\s+(?:ind|ud)\s+)", re.I)
_BODY = r"(?!(?i:om|til|af)\b)[A-ZÆØÅ][\wæøåÆØÅ.,&/ -]{1,80}?"
_SHORT_BODY = r"[A-ZÆØÅ][\wæøåÆØÅ-]+(?:\s+[\wæøåÆØÅ-]+){0,3}?"
_PLAIN = re.compile(r"^(?:beslutning(?:er)?|politisk\s+behandling|udvalgets\s+beslutning|afgørelse)\s*:?$", re.I)
_GLUED = re.compile(r"^(?i:beslutning):?\s*(?=[A-ZÆØÅ])(?P<rest>.+)$")
_DATED = re.compile(rf"\b(?i:beslutning(?:er)?\s+(?:(?:i|fra)\s+)?(?:mødet\s+i\s+)?)(?P<body>{_BODY})\s+(?i:den|d\.)\s*"
                    r"(?P<rest>.*)$")
_GENITIVE = re.compile(rf"^(?P<body>{_SHORT_BODY})s\s+(?i:beslutning(?:\s+(?:i|på)\s+mødet)?\s+(?:den|d\.))\s*(?P<rest>.+)$")
_QUOTED = re.compile(rf"^(?P<body>{_BODY}),\s*(?P<date>[^,]{{6,25}}\d{{4}}),\s*(?i:pkt|punkt|sag)\.?\s*\d+\s*:?$")
_STEP = re.compile(r"^(?P<date>\d{1,2}-\d{1,2}-\d{4})\s+(?P<body>[A-ZÆØÅ][\wæøåÆØÅ -]{2,60})$")
_ONE_LINE = re.compile(rf"^(?P<body>[A-ZÆØÅ][\wæøåÆØÅ -]{{2,60}}?(?:{org_word_alternation('recommends')}))"
                       r"\s+(?:anbefaler|kan\s+anbefale)\s+(?:indstillingen|forslaget)\b.{0,40}$")
_NEWS = re.compile(r"^(?:[\wæøåÆØÅ/ -]{2,40}:\s+)?"
                   rf"(?P<body>[A-ZÆØÅ][\wæøå-]*(?:{org_word_alternation('decides_in_news')}))\s+har\s+"
                   r"(?:godkendt|bevilget|vedtaget)\b")
_STEP_NOT_BODY = re.compile(r"\b(?:påtegning|kl\.?)\s*$", re.I)


@dataclass
class _Heading:
    body: Optional[str] = None
    date: Optional[str] = None
    rest: Optional[str] = None     # text on the heading line after the heading (the outcome, on glued pages)
    whole: bool = False            # the line is its own statement (one-line recommendation, news)
    quoted: bool = False           # a quoted step of the case's course: only an outcome makes it a decision


def _clean_body(body: str) -> str:
    return _STEP_NOT_BODY.sub("", body.strip(" ,:-")).strip(" ,:-")


def _dated(m: re.Match) -> _Heading:
    rest = m.group("rest").strip()
    date = parse_date(rest[:40]) if re.match(r"\d", rest) else None
    after = re.sub(r"^\S+(?:\s+\S+\s+\d{4})?\s*", "", rest) if date else rest
    return _Heading(_clean_body(m.group("body")), date, after if outcome_of(after or "") else None)


def heading(text: str) -> Optional[_Heading]:
    """The decision heading a line is, or None."""
    t = _UI_PREFIX.sub("", text.strip()).strip()
    if m := _NEWS.match(t):
        return _Heading(_clean_body(m.group("body")), rest=t, whole=True)
    if not t or (len(t) > 160 and not _DATED.search(t)):
        return None
    if _PLAIN.match(t):
        return _Heading()
    if len(t) <= 90 and (m := _GENITIVE.match(t)):
        return _dated(m)
    if m := ((_DATED.match(t) if len(t) <= 90 else None) or (len(t) > 160 and _DATED.search(t))):
        return _dated(m)
    if m := _GLUED.match(t):
        return _Heading(rest=m.group("rest")) if outcome_of(m.group("rest")) else None
    if m := _QUOTED.match(t):
        date = parse_date(m.group("date"))
        return _Heading(_clean_body(m.group("body")), date, quoted=True) if date else None
    if m := _STEP.match(t):
        return _Heading(_clean_body(m.group("body")), parse_date(m.group("date")), quoted=True)
    if m := _ONE_LINE.match(t):
        return _Heading(_clean_body(m.group("body")), rest=t, whole=True)
    return None


# ------------------------------------------------------------------ sections
def _section(lines: list[Line], start: int, item_starts: set[int]) -> list[Line]:
    """The text lines of the section whose heading is lines[start]."""
    out: list[Line] = []
    for ln in lines[start + 1:]:
        t = _UI_PREFIX.sub("", ln.text.strip()).strip()
        if not t:
            continue
        if ln.line in item_starts or _section_rx().match(t) or heading(t) is not None:
            break
        out.append(ln)
        if len(out) >= MAX_SECTION_LINES:
            break
    return out


def _decision(h: _Heading, head: Line, body_lines: list[Line], item: Optional[str]) -> Optional[StatedDecision]:
    if h.rest:
        outcome = outcome_of(h.rest)
        if outcome:
            return StatedDecision(head, head, outcome, item, h.body, h.date, [head])
        if h.whole:
            return None
    said = next(((ln, o) for ln in body_lines if (o := outcome_of(ln.text))), None)
    if said is not None:
        return StatedDecision(head, said[0], said[1], item, h.body, h.date, body_lines)
    if h.quoted or not body_lines:
        return None
    return StatedDecision(head, body_lines[0], "other", item, h.body, h.date, body_lines)


def decisions_in(lines: list[Line], item_of: Callable[[int], Optional[str]] = lambda line: None,
                 item_starts: frozenset = frozenset()) -> list[StatedDecision]:
    """Every decision section of the page, in page order. `item_of`: line number -> the agenda item it belongs
    to; `item_starts`: the line numbers of the items' headings (a section ends at the next item)."""
    out: list[StatedDecision] = []
    for i, ln in enumerate(lines):
        h = heading(ln.text)
        if h is None:
            continue
        body_lines = [] if h.whole else _section(lines, i, set(item_starts))
        d = _decision(h, ln, body_lines, item_of(ln.line))
        if d is not None and not _restated(out, d):
            out.append(d)
    return out


def _restated(found: list[StatedDecision], d: StatedDecision) -> bool:
    """The case's course repeats the decision read above ("Beslutning / Fremsendes til ..." and "11-09-2019 Aarhus
    Byråd / Fremsendes til ..."): one decision, which takes the body and date the repetition writes."""
    said = _norm(d.line.text)
    for old in found:
        was = _norm(old.line.text)
        same = old.outcome == d.outcome and old.item == d.item and min(len(said), len(was)) >= 20
        if d.date and not old.date and same and (said.startswith(was) or was.startswith(said)):
            if old.body is None and old.date is None:
                old.body, old.date = d.body, d.date
            return True
    return False


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
