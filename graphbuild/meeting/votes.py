"""Votes as minutes state them: who voted for, against or abstained on a decision, by party or by person.

"For stemte 63 (V, DF, KF og LA), imod stemte 51 (S, SF, RV, EL og Christian H. Hansen (UFG)), hverken for eller
imod stemte 0", "For: 20 (Bo Hilsted (A), ...)", "Imod: 6 (...)", "Liste B stemte imod", "For flertalsindstillingen
fra ØK stemte 11 (Radikale Venstre, Konservative, ...)", "Undlod at stemme 5 (...)", "5 medlemmer (A+V+C) anbefaler
forslaget", "2 medlemmer (N+Ø) tager forbehold", "Et flertal bestående af X (C), Y (V) anbefaler indstillingen",
"Anbefalet af X (V) og Y (R)", "Forslaget blev godkendt med 20 stemmer mod 9".

Statements that follow each other form one vote; a new vote starts when a side is stated again, at a committee's
quoted recommendation ("Social og Sundhed, 6. januar 2020, pkt. 123:") or at a new proposal ("Der stemmes om ...").
The wording lives in graphbuild/data/vote_words.csv.  Pure reading: extraction turns a StatedVote into facts.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..model import Line
from .attendance import NAME

POSITIONS = ("for", "against", "abstained", "reserved")


@dataclass
class Side:
    count: Optional[int] = None
    parties: list[str] = field(default_factory=list)  # as written: "A", "SF", "Radikale Venstre", "Rebildlisten"
    members: list[tuple[str, Optional[str]]] = field(default_factory=list)  # (name, party letter as written)


@dataclass
class StatedVote:
    line: Line  # where the vote is stated (its first statement)
    item: Optional[str] = None  # agenda item number
    subject: Optional[str] = None  # "forslag til vedtagelse nr. V 67", "Ad. 1"
    body: Optional[str] = None  # a committee whose recommendation this is ("Social og Sundhed")
    date: Optional[str] = None
    outcome: Optional[str] = None  # adopted | rejected | recommended | None
    sides: dict[str, Side] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)  # every line that states part of it


@lru_cache(maxsize=None)
def _words() -> dict[str, list[str]]:
    text = resources.files("graphbuild").joinpath("data", "vote_words.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out.setdefault(row["kind"], []).append(row["phrase"])
    return out


def _alt(kind: str) -> str:
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in _words()[kind]), key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns():
    pos = {p: _alt(p) for p in (*POSITIONS, "recommend")}
    count_list = r"(?::\s*)?(?P<count>\d{1,3})?\s*(?:\((?P<list>(?:[^()]|\([^()]*\))*)\))?"
    return dict(
        # "For stemte 63 (V, DF ...)", "imod stemte 51 (...)", "For: 20 (...)", "Undlod at stemme 5 (...)",
        # "For flertalsindstillingen fra ØK stemte 11 (...)", "hverken for eller imod stemte 0"
        side=re.compile(rf"(?P<pos>{pos['abstained']}|{pos['for']}|{pos['against']})\s*{count_list}", re.I),
        # "15 (B, C, I, L og V) undlod at stemme", "9 (V og O) stemte imod"
        count_first=re.compile(r"(?:^|\.\s+)(?P<count>\d{1,3})\s*\((?P<list>[^()]+)\)\s+(?P<pos>undlod\s+at\s+stemme|"
                               r"stemte\s+imod|stemte\s+for|stemte\s+hverken\s+for\s+eller\s+imod)", re.I),
        # "Liste B stemte imod", "Liste F og Ø stemte imod", "V og O stemte imod"
        parties_voted=re.compile(r"^(?:liste(?:rne)?\s+)?(?P<list>[A-ZÆØÅ]{1,3}(?:\s*(?:,|og)\s*[A-ZÆØÅ]{1,3})*)\s+"
                                 r"stemte\s+(?P<pos>for|imod)\b", re.I),
        # "5 medlemmer (A+V+C) anbefaler forslaget", "2 medlemmer (N+Ø) tager forbehold"
        members_position=re.compile(rf"^(?:\d+\.\s*)?(?P<count>\d{{1,3}})\s+medlemmer\s*\((?P<list>[^()]+)\)\s+"
                                    rf"(?P<pos>{pos['reserved']}|{pos['recommend']})", re.I),
        # "Et flertal bestående af X (C), Y (V) anbefaler indstillingen", "Anbefalet af X (V) og Y (R)",
        # "Sejer Folke (Ø) tager forbehold"
        named_position=re.compile(rf"^(?:\d+\.\s*)?(?:et\s+(?:flertal|mindretal)\s+(?:bestående\s+af|\()\s*|anbefalet\s+af\s+)?"
                                  rf"(?P<list>{NAME}\s*\([A-ZÆØÅ]{{1,3}}\)(?:.*?\))?)\)?\s+(?P<pos>{pos['reserved']}|{pos['recommend']})\b",
                                  re.I),
        recommended_by=re.compile(r"^(?:\d+\.\s*)?anbefalet\s+af\s+(?P<list>.+?)\s*$", re.I),
        counts=re.compile(r"\bmed\s+(?P<for>\d{1,3})\s+stemmer\s+(?:for\s+)?mod\s+(?P<against>\d{1,3})", re.I),
        outcome=re.compile(rf"\b(?P<word>{_alt('adopted')}|{_alt('rejected')})\b", re.I),
        subject=re.compile(rf"(?:stemme[rs]?\s+(?:vi\s+)?(?:først\s+|herefter\s+|endelig\s+)?om|{_alt('subject')})\s+"
                           r"(?P<subject>.+?)(?:,\s+og\s+der\s+kan\s+stemmes|(?<!nr)\.\s+(?=[A-ZÆØÅ])|\.?$)", re.I),
    )


_QUOTED_BODY = re.compile(r"^(?P<body>[A-ZÆØÅ][^:]{2,80}?),\s*(?P<date>(?:den\s+)?\d{1,2}\.?\s*\w+\.?\s*\d{4})\s*,?\s*"
                          r"(?:pkt\.?|punkt)\s*\d+\s*:?\s*$", re.I)
_AD = re.compile(r"^(?:ad\.?\s*\d+|\d+\.)\s*$", re.I)


def _split_list(text: str) -> list[str]:
    """'A, B og C', 'A+V+C', 'Name (A), Name (Frie Liberale)': top-level parts."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth = max(0, depth - (ch == ")"))
        if depth == 0 and ch in ",+;":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for p in parts:  # "... og C", and "Name (C)) Name (V)" (a separator lost): two parts
        for q in re.split(r"\s+og\s+(?![^(]*\))", p):
            out += re.split(r"(?<=\))\)?\s+(?=[A-ZÆØÅ])", q)
    return [p.strip(" .") for p in out if p.strip(" .")]


def _party_name(text: str) -> bool:
    from .councils import _rows  # parties.csv: letters, names, aliases
    t = text.strip()
    if re.fullmatch(r"[A-ZÆØÅ]{1,3}", t):
        return True
    low = t.casefold()
    if re.search(r"liste(?:n)?$", low):
        return True  # "Rebildlisten", "Den Sociale Fællesliste"
    for r in _rows("parties.csv"):
        if low in {r["name"].casefold(), r["short_name"].casefold(), *(a.casefold() for a in r["aliases"].split("|") if a)}:
            return True
    return False


def _fill(side: Side, text: str) -> None:
    person = re.compile(rf"^(?P<name>{NAME})\s*(?:\((?P<party>[^()]{{1,40}})\))?\)?$")
    for part in _split_list(text):
        if re.match(r"^\d", part):
            continue  # "1 RV (ved en fejl)": one member of a party, not the party
        if _party_name(part):
            side.parties.append(part)
            continue
        m = person.match(part)
        if m:
            party = m.group("party")
            letter = party if party and re.fullmatch(r"[A-ZÆØÅ]{1,3}", party) and party != "UFG" else None
            side.members.append((" ".join(m.group("name").split()), letter))


def _position(word: str) -> str:
    w = " ".join(word.lower().split())
    for p in ("abstained", "against", "reserved", "for", "recommend"):
        if w in [x.lower() for x in _words()[p]]:
            return "for" if p == "recommend" else p
    return "for"


def _joined(lines: list[Line]) -> list[tuple[Line, str]]:
    """Lines with a parenthesis left open joined to the next ('... Christian H.' / 'Hansen (UFG)), ...')."""
    out: list[tuple[Line, str]] = []
    carry: Optional[tuple[Line, str]] = None
    for ln in lines:
        text = ln.text.strip()
        if carry is not None:
            text = carry[1] + " " + text
            ln = carry[0]
        if text.count("(") > text.count(")") and len(text) < 1500:
            carry = (ln, text)
            continue
        carry = None
        out.append((ln, text))
    if carry is not None:
        out.append(carry)
    return out


_SIDE = re.compile(r"(?P<pos>hverken\s+for\s+eller\s+imod\s+stemte|undlod\s+at\s+stemme|"
                   r"for\s+(?:[^\s()]+\s+){0,4}?stemte|imod\s+stemte|stemte\s+for|stemte\s+imod|"
                   r"(?<![\w-])(?:for|imod|undlod|blanke?)\s*:)"
                   r"\s*(?P<count>\d{1,3})?\s*(?:\((?P<list>(?:[^()]|\([^()]*\))*)\))?", re.I)


def _side_position(word: str) -> str:
    w = word.lower()
    if any(x in w for x in ("hverken", "undlod", "blank")):
        return "abstained"
    return "against" if "imod" in w else "for"


class _Reader:
    """Walks the lines once, keeping the vote being stated and what it is about."""

    def __init__(self, item_of):
        self.item_of = item_of
        self.votes: list[StatedVote] = []
        self.cur: Optional[StatedVote] = None
        self.subject: Optional[str] = None
        self.body: Optional[str] = None
        self.date: Optional[str] = None

    def close(self) -> None:
        if self.cur is not None and any(s.parties or s.members or s.count is not None for s in self.cur.sides.values()):
            self.votes.append(self.cur)
        self.cur = None

    def side(self, ln: Line, pos: str, recommended: bool = False) -> Side:
        if self.cur is not None and pos in self.cur.sides and (self.cur.sides[pos].parties or self.cur.sides[pos].members
                                                               or self.cur.sides[pos].count is not None):
            self.close()
        if self.cur is None:
            self.cur = StatedVote(line=ln, item=self.item_of(ln.line), subject=self.subject, body=self.body,
                                  date=self.date, outcome="recommended" if recommended else None)
        if ln not in self.cur.lines:
            self.cur.lines.append(ln)
        return self.cur.sides.setdefault(pos, Side())

    def outcome(self, word: str) -> None:
        target = self.cur or (self.votes[-1] if self.votes else None)
        if target is not None and target.outcome in (None, "recommended"):
            target.outcome = "rejected" if word.lower() in [w.lower() for w in _words()["rejected"]] else "adopted"
        self.close()


def _context(r: _Reader, text: str) -> bool:
    """Lines that say what the next vote is about; True when the line is only that."""
    p = _patterns()
    m = _QUOTED_BODY.match(text)
    if m:
        r.close()
        from .dates import parse_date
        r.body, r.date, r.subject = m.group("body").strip(), parse_date(m.group("date")), None
        return True
    if _AD.match(text):
        r.close()
        r.subject = text.rstrip(":")
        return True
    m = p["subject"].search(text)
    if m and not _SIDE.search(text):
        r.close()
        r.subject = m.group("subject").strip()
        return False
    return False


def _statements(r: _Reader, ln: Line, text: str) -> bool:
    p = _patterns()
    found = False
    m = p["parties_voted"].match(text)
    if m:  # "Liste B stemte imod, idet ...": the vote just stated, explained by party
        pos = "for" if m.group("pos").lower() == "for" else "against"
        target = r.cur or (r.votes[-1] if r.votes else None)
        side = target.sides.setdefault(pos, Side()) if target is not None else r.side(ln, pos)
        side.parties += [x for x in _split_list(m.group("list")) if x not in side.parties]
        if target is not None and ln not in target.lines:
            target.lines.append(ln)
        return True
    for m in p["count_first"].finditer(text):
        side = r.side(ln, _side_position(m.group("pos")))
        side.count = int(m.group("count"))
        _fill(side, m.group("list"))
        found = True
    for m in _SIDE.finditer(text):
        if m.group("count") is None and m.group("list") is None:
            continue
        side = r.side(ln, _side_position(m.group("pos")))
        side.count = int(m.group("count")) if m.group("count") else side.count
        if m.group("list"):
            _fill(side, m.group("list"))
        found = True
    if found:
        return True
    for key in ("members_position", "named_position", "recommended_by"):
        m = p[key].match(text)
        if m:
            pos = _position(m.group("pos")) if key != "recommended_by" else "for"
            side = r.side(ln, pos, recommended=True)
            if key == "members_position":
                side.count = int(m.group("count"))
            _fill(side, m.group("list"))
            return True
    m = p["counts"].search(text)
    if m:
        r.side(ln, "for").count = int(m.group("for"))
        r.side(ln, "against").count = int(m.group("against"))
        return True
    return False


def votes_in(lines: list[Line], item_of=lambda line: None) -> list[StatedVote]:
    """Every vote the lines state, in order.  `item_of(line)`: the agenda item a line belongs to."""
    r = _Reader(item_of)
    for ln, text in _joined(lines):
        if not text or _context(r, text):
            continue
        for sentence in re.split(r"(?<=[a-zæøå)])\.\s+(?=[A-ZÆØÅ])", text):
            stated = _statements(r, ln, sentence)
            m = _patterns()["outcome"].search(sentence)
            if m and (r.cur is not None or (r.votes and not stated)):
                r.outcome(m.group("word"))
    r.close()
    return r.votes
