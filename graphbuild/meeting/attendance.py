"""Who attended, as minutes state it in sentences and list lines, in every layout.

"Afbud fra Maria Haladyn (A), Karl Magnus Bidstrup (A)", "Der er afbud fra X, Y og Z", "Jacob Ejs (A) var fraværende.
Som stedfortræder deltog Helle Obenhausen Mortensen (A)", "Birgitte Glifberg (A), Suppleant for Brian Møller (A)",
"Villy Søvndal, F - Tine Hundahl Jensen stedfortræder", "Afbud fra X stedfortræder Y", "Kurt Munck, suppleant Martin
Hillerup deltog", "I stedet mødt A og B", "X indkaldt i stedet for Y", "Britt Jensen (A), sag 129-138" (absent for
those cases), "1. Overborgmester Frank Jensen (A)" and "Stephanie Lose, V" in a participant list.

A substitute is present with the role "suppleant" and records whom they stood in for; the member replaced is absent.
Statements inside a committee's quoted recommendation ("Plan, Miljø og Teknik, 7. januar 2020, pkt. 207:") belong to
that committee's meeting, not to this one, and are skipped. Names are capitalised word runs; the wording lives in
graphbuild/data/attendance_words.csv.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..gazetteer import load_gazetteer
from ..model import Line

_PARTICLE = r"(?:de|la|le|van|von|af|der|du)"
_TOKEN = r"(?:[A-ZÆØÅ][\w'’-]*\.?|[A-ZÆØÅ]\.)"
NAME = rf"{_TOKEN}(?:\s+(?:{_TOKEN}|{_PARTICLE}(?=\s+[A-ZÆØÅ])))" + r"{1,4}"
PARTY = (r"(?:\(\s*(?P<party>[A-ZÆØÅ]{1,3}|UP)\s*\)|,\s*(?P<party2>[A-ZÆØÅ]{1,2})(?=\s*(?:$|[-–,;.]))"
         r"|\((?P<aff>[^()]{0,40})\))")  # "(Dansk Byggeri)", "(Løsgænger)", "()": an affiliation, not a party
_PERSON = re.compile(rf"^\s*(?P<name>{NAME})\s*{PARTY}?\s*$")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bog\b|&)\s*(?!\s*[A-ZÆØÅ]{1,2}\s*(?:$|[-–,;.]))")
# a title before a member's name in a list ("Formand Jens Hansen"): roles.csv, uses "attendance_prefix"
_ROLE_WORDS = re.compile("^(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s*") for w in sorted(load_gazetteer().roles_used_as("attendance_prefix"),
                                                        key=lambda w: (-len(w), w))) + r")\s+", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|[•◦▪●·‣⁃○■□–-])\s+")
# the member absent for some cases only: "Britt Jensen (A), sag 129-138", "fraværende ved sag 1-4"
_CASES = re.compile(r"\b(?:sag(?:erne)?|punkt(?:erne)?|pkt\.?)\s*(?P<items>\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
                    r"(?:\s*(?:,|og)\s*\d{1,4})*)", re.I)
# a committee's quoted recommendation: "Plan, Miljø og Teknik, 7. januar 2020, pkt. 207:"
_QUOTED_BODY = re.compile(r"^[A-ZÆØÅ][^:]{2,80},\s*(?:den\s+)?\d{1,2}\.?\s*(?:\w+\.?|\d{1,2}\.)\s*\d{4}\s*,?\s*"
                          r"(?:pkt\.?|punkt)\s*\d+\s*:?\s*$", re.I)
_MERGED_COLUMNS = re.compile(r"^(?:deltagere|mødedeltagere|til stede)\s*:\s*$", re.I)
# merged label/value columns put the value of the field before ("Mødested:") ahead of the first member:
# "Borgmesterens mødelokale Johnny Søtrup (V), ...": the member is the capitalised run with a party letter
_GLUED_VALUE = re.compile(r"^.*\b[a-zæøå][\wæøå-]*\s+(?P<rest>[A-ZÆØÅ][^()]*\((?:[A-ZÆØÅ]{1,3}|UP)\)\s*)$")
_DECISION_HEAD = re.compile(r"^(?:beslutning|beslutninger)\b", re.I)


@dataclass(frozen=True)
class Said:
    """One person's attendance as the document states it."""

    name: str
    status: str  # present | absent
    line: Line
    party: Optional[str] = None
    role: Optional[str] = None  # suppleant
    replaces: Optional[str] = None  # the member a substitute stood in for
    items: Optional[str] = None  # absent for these cases only ("129-138")


@lru_cache(maxsize=None)
def _phrases() -> dict[str, list[str]]:
    text = resources.files("graphbuild").joinpath("data", "attendance_words.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out.setdefault(row["kind"], []).append(row["phrase"])
    return out


def _alt(kind: str) -> str:
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in _phrases()[kind]), key=len, reverse=True))


_NOT_A_NAME = re.compile(r"\b(?:Kommunes?|Regionskommune|Region|Regionen|Kommunen|Byråd|Byrådet|Udvalg)\b")
_TITLE_WORDS = re.compile(r"^(?:(?:over|vice)?borgmester|formand|næstformand|bestyrelsesmedlem|medlem|rådmand|"
                          r"direktør|suppleant|stedfortræder)\s+", re.I)


def _strip_place_and_title(t: str) -> str:
    """'Nordfyn Næstformand Poul Andersen' (a flattened 'Name, Place' list): the place of the person before and the
    title go, 'Poul Andersen' stays."""
    from .councils import known_place
    words = t.split()
    if len(words) >= 3 and known_place(words[0].rstrip(",")) and (_TITLE_WORDS.match(" ".join(words[1:]))
                                                                   or len(words) >= 4):
        t = " ".join(words[1:])
    return _TITLE_WORDS.sub("", t)


def person(text: str) -> Optional[tuple[str, Optional[str]]]:
    """'Overborgmester Frank Jensen (A)' -> ('Frank Jensen', 'A'); 'Stephanie Lose, V' -> ('Stephanie Lose', 'V')."""
    t = _ROLE_WORDS.sub("", _NUMBERED.sub("", text.strip().strip("|").strip().rstrip(".")))
    t = _strip_place_and_title(t)
    m = _PERSON.match(t)
    if not m or _NOT_A_NAME.search(m.group("name")):
        return None
    party = m.group("party") or m.group("party2")
    # "U" (uden for partierne), "UFG", "løsgænger": outside the party groups, no party to be a member of
    return m.group("name").strip(), (None if party in _phrases()["no_party"] else party)


def people(text: str) -> list[tuple[str, Optional[str]]]:
    """The names of a list ('A (A), B (V) og C'); stops at the first part that is not a name."""
    out = []
    for part in _LIST_SPLIT.split(text.strip().strip("|").strip().rstrip(".")):
        p = person(part)
        if p is None:
            break
        out.append(p)
    return out


@lru_cache(maxsize=None)
def _patterns():
    absent_from = rf"(?:{_alt('absent_from')})"
    substitute = rf"(?:{_alt('substitute')})"
    came = rf"(?:{_alt('came')})"
    return dict(
        # "X (A), Suppleant for Y (A)", "X indkaldt i stedet for Y", "X stedfortræder for Y"
        stood_in=re.compile(rf"(?P<new>{NAME})\s*(?:\((?P<np>[A-ZÆØÅ]{{1,3}})\))?,?\s*(?:er\s+)?(?:indkaldt\s+)?"
                            rf"(?:(?:i\s+stedet)|(?:{substitute}))\s+for\s+(?P<old>{NAME})\s*(?:\((?P<op>[A-ZÆØÅ]{{1,3}})\))?"),
        # "Villy Søvndal, F - Tine Hundahl Jensen stedfortræder", "Afbud fra X stedfortræder Y",
        # "Kurt Munck, suppleant Martin Hillerup deltog", "Evan Lynnerup (V) - Marianne Kiærulff (V) mødte som stedfortræder"
        pair=re.compile(rf"(?:{absent_from}\s*:?\s+)?(?P<old>{NAME})\s*(?:\((?P<op>[A-ZÆØÅ]{{1,3}})\)|,\s*(?P<op2>[A-ZÆØÅ]{{1,2}})\b)?"
                        rf"\s*,?\s*[-–]?\s*(?:(?P<new>{NAME})\s*(?:\((?P<np>[A-ZÆØÅ]{{1,3}})\))?\s+(?:(?:{came})\s+som\s+)?"
                        rf"(?:{substitute})\b|(?:{substitute})\s+(?P<new2>{NAME})(?:\s+(?:{came}))?)"),
        # "Som stedfortræder deltog X", "I stedet mødt A og B", "Som suppleanter er indkaldt A, B"
        came_for=re.compile(rf"(?:som\s+(?:{substitute})(?:e|er|r)?\s+(?:er\s+)?(?:{came})|i\s+stedet\s+(?:{came}))\s+"
                            r"(?P<list>.+)$", re.I),
        # "X deltog som stedfortræder", "X mødte som suppleant"
        came_as=re.compile(rf"(?P<new>{NAME})\s*(?:\([^)]*\))?\s+(?:{came})\s+som\s+(?:{substitute})"),
        # "Afbud fra A, B og C", "Der er afbud fra X"
        absent_from=re.compile(rf"\b{absent_from}\s*[:\-–]?\s+(?P<list>.+)$", re.I),
        # "• Susanne Due Kristensen: Deltog", "• Sofie de Bretteville Olsen: Afbud (Stedfortræder Jarl Feyling, ...)"
        field=re.compile(rf"^(?:[•◦▪●·‣⁃○■□–-]\s*)?(?P<name>{NAME})\s*:\s*(?P<word>{_alt('field_present')}|"
                         rf"{_alt('field_absent')})\b(?:\s*\((?:{substitute})\s+(?P<new>{NAME}))?", re.I),
        # "Fraværende i Thisted Kommunalbestyrelse, 25. januar 2022:" with the names on the next line
        absent_head=re.compile(rf"^(?:{absent_from})\b(?!\s+i\s+mødet)[^:]{{0,80}}:\s*$", re.I),
        # "X og Y var fraværende", "A havde meldt forfald"
        was_absent=re.compile(rf"^(?P<list>.+?)\s+(?:{_alt('was_absent')})\b", re.I),
    )


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[a-zæøå)])\.\s+(?=[A-ZÆØÅ])", text) if s.strip()]


def _field(m, ln: Line) -> list[Said]:
    present = m.group("word").lower() in [w.lower() for w in _phrases()["field_present"]]
    out = [Said(m.group("name"), "present" if present else "absent", ln)]
    if m.group("new") and not present:
        out.append(Said(m.group("new"), "present", ln, role="suppleant", replaces=m.group("name")))
    return out


def _statement(sentence: str, ln: Line) -> list[Said]:
    p = _patterns()
    m = p["field"].match(sentence)
    if m:
        return _field(m, ln)
    out: list[Said] = []
    for m in p["stood_in"].finditer(sentence):
        out += [Said(m.group("new"), "present", ln, party=m.group("np"), role="suppleant", replaces=m.group("old")),
                Said(m.group("old"), "absent", ln, party=m.group("op"))]
    if out:
        return out
    m = p["pair"].search(sentence)
    if m and (m.group("new") or m.group("new2")):
        new = m.group("new") or m.group("new2")
        return [Said(m.group("old"), "absent", ln, party=m.group("op") or m.group("op2")),
                Said(new, "present", ln, party=m.group("np"), role="suppleant", replaces=m.group("old"))]
    m = p["came_for"].search(sentence)
    if m:
        return [Said(n, "present", ln, party=pa, role="suppleant") for n, pa in people(m.group("list"))]
    m = p["came_as"].search(sentence)
    if m:
        return [Said(m.group("new"), "present", ln, role="suppleant")]
    m = p["absent_from"].search(sentence) or p["was_absent"].search(sentence)
    if m:
        return [Said(n, "absent", ln, party=pa) for n, pa in people(m.group("list"))]
    return []


def statements(lines: list[Line]) -> list[Said]:
    """Every attendance statement in the lines, skipping those of a committee's quoted recommendation."""
    out: list[Said] = []
    quoted = after_head = False
    prev = ""
    for ln in lines:
        t = ln.text.strip()
        if _MERGED_COLUMNS.match(prev) and re.match(r"(?i)^(?:afbud|fraværende)\s*:", t):
            prev = t
            continue  # "Deltagere:" / "Afbud: A, B, ...": two columns flattened, read as the participant list
        prev = t
        if after_head and people(t):
            out += [Said(n, "absent", ln, party=pa) for n, pa in people(t)]
        after_head = bool(_patterns()["absent_head"].match(t))
        if _QUOTED_BODY.match(t):
            quoted = True
            continue
        if _DECISION_HEAD.match(t):
            quoted = False
        if quoted or len(t) > 600:
            continue
        said: list[Said] = []
        for sentence in _sentences(t):
            said += _statement(sentence, ln)
        out += _pair_up(said)
    return out


def _pair_up(said: list[Said]) -> list[Said]:
    """'X var fraværende. Som stedfortræder deltog Y': Y stood in for X."""
    absent = [x for x in said if x.status == "absent"]
    open_subs = [x for x in said if x.role == "suppleant" and x.replaces is None]
    if len(absent) != 1 or len(open_subs) != 1:
        return said  # several on each side: the text does not say who stood in for whom
    return [Said(x.name, x.status, x.line, x.party, x.role, absent[0].name, x.items) if x is open_subs[0] else x
            for x in said]


def block_entry(ln: Line, status: str) -> Optional[Said]:
    """A line of a participant block: '1. Overborgmester Frank Jensen (A)', 'Stephanie Lose, V',
    'Britt Jensen (A), sag 129-138' (under an absence heading: absent for those cases only)."""
    t = ln.text.strip()
    m = _CASES.search(t)
    items = None
    if m and status == "absent":
        items = re.sub(r"\s+", "", m.group("items"))
        t = t[:m.start()].rstrip(" ,;-–")
    p = person(t)
    if p is None:
        return None
    return Said(p[0], status, ln, party=p[1], items=items)


_AFTER_PARTY = re.compile(r"(?<=\))\s+(?=[A-ZÆØÅ])")


def _run_of_names(ln: Line, status: str) -> list[Said]:
    """'Birgit Lund Terp (A) Carsten Bering (C) Carsten Rasmussen (A)': names one after the other, each closed by
    its party letter (a flattened column); every part must be a person, or none is read."""
    parts = _AFTER_PARTY.split(ln.text.strip())
    if len(parts) < 2:
        return []
    found = [person(p) for p in parts]
    if any(p is None or p[1] is None for p in found):
        return []
    return [Said(p[0], status, ln, party=p[1]) for p in found]


def block_entries(ln: Line, status: str) -> list[Said]:
    """Every person of a participant-block line: one entry, or a list ('A (fra kl. 10), B, C og D')."""
    one = block_entry(ln, status)
    if one is not None:
        return [one]
    if "," not in ln.text:
        return _run_of_names(ln, status)
    out: list[Said] = []
    for k, part in enumerate(_LIST_SPLIT.split(ln.text.strip().strip("|").strip().rstrip("."))):
        if k == 0 and person(part) is None and (glued := _GLUED_VALUE.match(part)):
            part = glued.group("rest")  # "Borgmesterens mødelokale Johnny Søtrup (V)": the venue's value glued on
        m = re.match(r"^(?P<place>[A-ZÆØÅ][\w-]+)\s+(?:afbud|fraværende)\b\s*(?P<rest>.*)$", part)
        if m and out:  # "..., Kerteminde afbud Bestyrelsesmedlem X": the one before sent apologies
            last = out[-1]
            out[-1] = Said(last.name, "absent", ln, party=last.party)
            part = m.group("rest")
        p = person(part)
        if p is None:
            break
        out.append(Said(p[0], status, ln, party=p[1]))
    return out
