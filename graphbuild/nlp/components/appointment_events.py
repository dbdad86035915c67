"""graphbuild_appointment_events: appointments stated in a sentence -> doc._.gb_events.

The verb phrases are data, graphbuild/data/appointment_words.csv: the phrase ("er valgt som", "udtræder af",
"afløser", "ny {role} er"), its event kind (appointed, re-elected, resigned, replaces, replaced, expected) and
where the person stands (before the phrase as its subject, after it as its object, either).  "{role}" stands for
any role word of roles.csv, also in a compound or after a prefix ("KL-formand", "regionsrådsformand").

The component joins a phrase to what the earlier components found on the line: the person names
(doc._.gb_names), the roles (ROLE entities) and the organisations (gazetteer entities and doc._.gb_org_forms),
within one sentence.  Coordinated people share the seat ("A, B og C som medlemmer af Y"); a person named
after "i stedet for", "som erstatning for", "stedfortræder for" or the object of "afløser" is the one replaced.
It writes one finding per person: dict(kind, name, party, place, role, org, org_id, org_label, replaces, start).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...gazetteer import load_gazetteer, org_word_alternation
from ..names import NAME, UP, plausible_name
from ..spans import doc_ents, doc_text, role_alt

if not Doc.has_extension("gb_events"):
    Doc.set_extension("gb_events", default=None)


@dataclass(frozen=True)
class Phrase:
    rx: re.Pattern
    kind: str  # appointed | re-elected | resigned | replaces | replaced | expected
    person: str  # before | after | either
    has_role: bool  # the phrase names the role ("ny {role} er")
    ends_som: bool  # the role follows the phrase ("overtager posten som næstformand")
    role: Optional[str]  # the seat the phrase implies when no role is written ("deltager i stedet for")


@lru_cache(maxsize=1)
def appointment_phrases() -> tuple[Phrase, ...]:
    """graphbuild/data/appointment_words.csv compiled: whole words, any spacing, case-insensitive."""
    text = resources.files("graphbuild").joinpath("data", "appointment_words.csv").read_text(encoding="utf-8")
    role = r"[\w-]*?" + role_alt(load_gazetteer().role_words())
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        words = [role if w == "{role}" else re.escape(w) for w in row["phrase"].split()]
        rx = re.compile(r"(?<![\w-])(?i:" + r"\s+".join(words) + r")(?![\w-])")
        out.append(Phrase(rx, row["kind"], row["person"], "{role}" in row["phrase"],
                          row["phrase"].endswith(" som"), row["role"] or None))
    return tuple(out)


@lru_cache(maxsize=1)
def event_keyword() -> re.Pattern:
    """Any phrase of appointment_words.csv (the line gate's and the component's first test)."""
    return re.compile("|".join(f"(?:{p.rx.pattern})" for p in appointment_phrases()))


# a sentence ends at . ! ? ; : before a capital, a quote or a digit ("Christina K. Hansen" keeps its initial)
_SENTENCE_END = re.compile(rf"(?<![{UP}])(?<!\bd)(?<!\bjf)(?<!\bca)(?<!\bnr)(?<!\bpkt)[.!?;:]\s+(?=[\"”'{UP}])")
_REPLACED_MARK = re.compile(r"(?:i\s+stedet\s+for|som\s+erstatning\s+for|stedfortræder\s+for|afløser|afbud\s+fra)\s+"
                            r"(?:(?:byrådsmedlem|rådmand|medlem|borgmester|regionsrådsmedlem)\s+)?$", re.IGNORECASE)
_COORD_GAP = re.compile(r"^\s*(?:\([^()]*\))?\s*(?:,|,?\s+(?:og|samt))\s*$")
# "A, Borgmester for Køge Kommune B og C": between coordinated names only separators and titles
_LIST_SEP = re.compile(r"^\s*(?:\([^()]*\))?\s*(?:,\s*og|,|og|samt)(?:\s+|$)")
_TITLE_WORDS = frozenset({"for", "i", "af", "fra", "på", "kommune"})
_PRONOUN = re.compile(r"(?:^|\s)(?:Han|Hun|han|hun)\s*$")
_NOT_A_BODY = re.compile(r"^\s*(?:(?:i|til|af)?\s*(?:følgende|flere|en\s+række|disse|de\s+udvalg)|at)\b", re.IGNORECASE)
_PREP_BEFORE = re.compile(r"(?:^|\s)(?:for|i|af|til|hos|ved|in|of)\s+(?:(?:den|det|de)\s+)?$", re.IGNORECASE)
_BOARD = rf"(?:{org_word_alternation('board_noun')})"  # a body's organ, any of its forms
_GENERIC_BOARD = re.compile(rf"(?<![\w-])(?:{_BOARD}(?:n|et|en)?)(?![\w-])", re.IGNORECASE)
_ORG_LABELS = ("BODY", "COUNCIL", "REGION")
_RELATIVE = re.compile(r"(?:^|\s)(?:som|hvortil|hvori|hvor|hvis)\s+$")
# a body named in a form no reader placed ("er udpeget fra Udvalget"): no guessing the body from the context
_UNPLACED = re.compile(rf"(?<![\w-])(?:fra|i|til|af|for)\s+(?:(?:den|det|de)\s+)?[{UP}]")
_COMPOUND_BOARD = re.compile(rf"(?<![\w-])[{UP}][\w-]+(?:bestyrelse|repræsentantskab)(?:n|et|en)?(?![\w-])")
_OWNER_BOARD = re.compile(rf"(?<![\w-])(?P<owner>[{UP}][\w-]*(?:\s+[{UP}][\w-]*){{0,3}}?)(?:'s|s|’s)\s+{_BOARD}(?![\w-])")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _org_spans(doc: Doc, text: str) -> list[tuple[int, int, str, Optional[str], Optional[str]]]:
    """(start, end, surface, label, id) of every organisation on the line; a board written with its owner
    ("Erhvervshus Sjællands bestyrelse", "bestyrelsen for I/S Infra Service") is one span, as written."""
    spans = [(e.start_char, e.end_char, e.text, e.label_, e.ent_id_ or None) for e in doc_ents(doc)
             if e.label_ in _ORG_LABELS]
    taken = [(s, e) for s, e, *_ in spans]
    for f in doc._.gb_org_forms or ():
        if not any(s < f.end and f.start < e for s, e in taken):
            spans.append((f.start, f.end, f.name, None, None))  # nominative: "Byrådets møde" -> Byrådet
    for m in _OWNER_BOARD.finditer(text):  # "Erhvervshus Sjællands bestyrelse": an owner no list found
        if not any(s < m.end() and m.start() < e for s, e, *_ in spans):
            spans.append((m.start(), m.end("owner"), m.group("owner"), None, None))
    for m in _COMPOUND_BOARD.finditer(text):  # "Havnebestyrelsen": a board named by a compound
        if not any(s < m.end() and m.start() < e for s, e, *_ in spans):
            spans.append((m.start(), m.end(), m.group(0), None, None))
    out = []
    for s, e, surface, label, oid in spans:
        own = re.match(rf"(?:'s|s|’s|')?\s+{_BOARD}(?![\w-])", text[e:])
        lead = re.search(rf"(?<![\w-]){_BOARD}(?:n|et|en)\s+(?:for|i|hos)\s+$", text[max(0, s - 40):s], re.IGNORECASE)
        if own and not label == "COUNCIL":
            out.append((s, e + own.end(), text[s:e + own.end()], None, None, oid))
        elif lead:
            b = max(0, s - 40) + lead.start()
            out.append((b, e, text[b:e], None, None, oid))
        else:
            out.append((s, e, surface, label, oid, None))
    return sorted(out)


def _body_in(text: str, orgs: list, lo: int, hi: int) -> Optional[dict]:
    """The first organisation in text[lo:hi] governed by a preposition or written as a board of its owner."""
    for s, e, surface, label, oid, owner in orgs:
        if s < lo or s >= hi:
            continue
        if owner is not None or _PREP_BEFORE.search(text[max(0, s - 30):s]) or not text[lo:s].strip() or \
                _GENERIC_BOARD.match(surface):
            return dict(org=surface, org_label=label, org_id=oid, owner_id=owner)
    m = _GENERIC_BOARD.search(text, lo, hi)  # "som formand for bestyrelsen": whose board, the fact module says
    if m and _PREP_BEFORE.search(text[max(lo, m.start() - 30):m.start()]):
        return dict(org=m.group(0), org_label=None, org_id=None, owner_id=None, generic=True)
    return None


def _role_after(doc: Doc, lo: int, hi: int, som_said: bool = False) -> Optional[tuple[str, int, str]]:
    """The role word after 'som' in text[lo:hi] ('som nyt eksternt medlem af'): (canonical role, its end, the
    word as written); som_said: the phrase ended in 'som' ("overtager posten som")."""
    text = doc_text(doc)
    m = None if som_said else re.search(r"(?<![\w-])(?:som|as)\s+", text[lo:hi])
    if not m and not som_said:
        return None
    at = lo + (m.end() if m else 0)
    for e in doc_ents(doc):
        if e.label_ == "ROLE" and at <= e.start_char < at + 30 and e.end_char <= hi:
            return (e.ent_id_ or e.text.lower()), e.end_char, e.text.lower()
    return None


def _without_names(text: str, names: list[dict], lo: int, hi: int) -> str:
    out, at = [], lo
    for n in names:
        if lo <= n["start"] and n["end"] <= hi:
            out.append(text[at:n["start"]])
            at = n["end"]
    return "".join(out) + text[at:hi]


def _role_starts(doc: Doc, at: int) -> bool:
    """A role word right after the phrase ("blev valgt formand for", "was elected Chairman of")."""
    return any(e.label_ == "ROLE" and at < e.start_char <= at + 2 for e in doc_ents(doc))


def _subjects_before(text: str, names: list[dict], ps: int, s0: int) -> list[dict]:
    before = [n for n in names if s0 <= n["start"] and n["end"] <= ps]
    if before and _RELATIVE.search(text[max(s0, before[-1]["start"] - 12):before[-1]["start"]]):
        return []  # "de udvalg, som X er udpeget til": seats held, no event
    if before and len(text[before[-1]["end"]:ps]) > 70:
        before = []
    if not before:
        if _PRONOUN.search(text[max(s0, ps - 5):ps]):
            earlier = [n for n in names if n["end"] <= s0]
            return [dict(earlier[-1])] if earlier else []
        return []
    gap = text[before[-1]["end"]:ps]
    if re.search(r"[.;:]|\bat\b|\bder\b|\bhvis\b", gap):
        return []
    out = [before[-1]]
    for n in reversed(before[:-1]):
        if not _COORD_GAP.match(text[n["end"]:out[0]["start"]]):
            break
        out.insert(0, n)
    return out


def _subjects_after(text: str, names: list[dict], pe: int, s1: int) -> list[dict]:
    after = [n for n in names if pe <= n["start"] and n["end"] <= s1]
    if not after or len(text[pe:after[0]["start"]]) > 80 or re.search(r"\bsom\b", text[pe:after[0]["start"]]):
        return []
    out = [after[0]]
    for n in after[1:]:
        gap = text[out[-1]["end"]:n["start"]]
        if _REPLACED_MARK.search(gap) or re.search(r"[.;:]", gap):
            break
        if re.search(r"(?<![\w-])(?:som|as)(?![\w-])", gap):
            # "X som formand for Y og Z som næstformand i Y": Z is coordinated when his own "som" follows
            if not (re.search(r"\s(?:og|samt)\s+$", gap) and
                    re.match(r"\s*(?:\([^()]*\))?\s*,?\s*som\b", text[n["end"]:])):
                break
        elif not _listed(gap):
            break
        out.append(n)
    return out


def _next_name(text: str, names: list[dict], lo: int, s1: int) -> int:
    """Where the next person (not one being replaced) is named after lo in the sentence: the end of a seat."""
    for n in names:
        if lo <= n["start"] < s1 and not _REPLACED_MARK.search(text[max(0, n["start"] - 45):n["start"]]):
            return n["start"]
    return s1


def _listed(gap: str) -> bool:
    """Is gap what stands between two names of one list ("(A), ", " og ", ", Borgmester for Køge Kommune ")?"""
    m = _LIST_SEP.match(gap)
    if not m or len(gap) > 60:
        return False
    roles = _role_words()
    return all(w in _TITLE_WORDS or w in roles for w in re.findall(r"[\w-]+", gap[m.end():]) if w[:1].islower())


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_gazetteer().role_words())


def _replaced(text: str, names: list[dict], lo: int, hi: int) -> Optional[str]:
    for n in names:
        if lo <= n["start"] < hi and _REPLACED_MARK.search(text[max(0, n["start"] - 45):n["start"]]):
            return n["name"]
    return None


_PLACE_AFTER = re.compile(rf"^\s*(?:\([^()]*\))?\s*,?\s*fra\s+(?P<place>[{UP}][\w-]+(?:\s+Kommune)?)")


def _role_in_phrase(text: str, ps: int, pe: int) -> Optional[tuple[str, Optional[str]]]:
    """'ny KL-formand er': (formand, 'KL'); 'bliver regionsrådsformand': (formand, None)."""
    gz = load_gazetteer()
    for tok in re.findall(r"[\w-]+", text[ps:pe]):
        low = tok.lower()
        for w in sorted(gz.role_words(), key=len, reverse=True):
            if low.endswith(w.lower()) and (low == w.lower() or len(w) >= 5):
                prefix = tok[:len(tok) - len(w)].rstrip("-") if tok[:len(tok) - len(w)].endswith("-") else None
                return gz.canonical_role(w.lower()) or w.lower(), prefix
    return None


class AppointmentEvents:
    """Appointment sentences -> doc._.gb_events (see the module docstring)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.phrases = appointment_phrases()
        self.keyword = event_keyword()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if not self.keyword.search(text):
            return doc
        names = _names(doc, text)
        if not names:
            return doc
        hits = sorted(((m.start(), -m.end(), p, m) for p in self.phrases for m in p.rx.finditer(text)),
                      key=lambda h: (h[0], h[1]))
        orgs = _org_spans(doc, text)
        found, last_end = [], -1
        for start, neg_end, ph, m in hits:
            if -neg_end <= last_end:
                continue  # inside a longer phrase ("udtræder" in "udtræder af")
            last_end = -neg_end
            found += _events(doc, text, names, orgs, ph, m)
        if found:
            doc._.gb_events = _pair_in_sentences(text, found)
        return doc


_NAME_RX = re.compile(NAME)


def _names(doc: Doc, text: str) -> list[dict]:
    """The person names of the line (doc._.gb_names), and any plausible name the given-name list missed
    ("Trille Nikolajsen"), outside the organisations and roles the entity ruler found."""
    found = list(doc._.gb_names or [])
    ents = [(e.start_char, e.end_char) for e in doc_ents(doc)] + [(f.start, f.end) for f in doc._.gb_org_forms or ()]
    for m in _NAME_RX.finditer(text):
        s, e = m.start(), m.end()
        if any(f["start"] < e and s < f["end"] for f in found) or any(a < e and s < b for a, b in ents):
            continue
        if plausible_name(m.group(0)) and not text[e:e + 1].isalnum():
            found.append(dict(name=m.group(0), start=s, end=e, party=None, place=None))
    return sorted(found, key=lambda f: f["start"])


def _events(doc: Doc, text: str, names: list[dict], orgs: list, ph: Phrase, m) -> list[dict]:
    ps, pe = m.start(), m.end()
    s0, s1 = sentence_bounds(text, ps)
    if _NOT_A_BODY.match(text[pe:pe + 25]):
        return []  # "er udpeget til følgende udvalg": a list of seats held, no event
    subs, after = [], False
    if ph.person in ("after", "either"):
        subs = _subjects_after(text, names, pe, s1)
        if ph.person == "either" and subs and len(text[pe:subs[0]["start"]].split()) > 2:
            subs = []
        after = bool(subs)
    if not subs and ph.person in ("before", "either"):
        subs = _subjects_before(text, names, ps, s0)
    if not subs:
        return []
    obj = None
    if ph.kind in ("replaces", "replaced"):
        later = [n for n in names if pe <= n["start"] < s1]
        if not later or len(text[pe:later[0]["start"]]) > 30:
            return []
        obj = later[0]
    in_phrase = _role_in_phrase(text, ps, pe) if ph.has_role else None
    out = []
    for i, n in enumerate(subs):
        lo = n["end"] if after else (obj["end"] if obj else pe)
        hi = _next_name(text, names, lo, s1)
        out.append(_one(doc, text, names, orgs, ph, n, lo, hi, obj, in_phrase))
    if after:  # "A, B og C som medlemmer af Y", "A som formand og B som næstformand for Y": the body said last
        for i in range(len(out) - 2, -1, -1):
            # "X som betyrelsesformand for Y og Z som næstformand": X's role is his own, said or not
            own = re.search(r"(?<![\w-])(?:som|as)\s", text[subs[i]["end"]:subs[i + 1]["start"]])
            if out[i]["role"] is None and not own:
                out[i]["role"] = out[i + 1]["role"]
            if out[i]["org"] is None:
                out[i].update(org=out[i + 1]["org"], org_label=out[i + 1]["org_label"], org_id=out[i + 1]["org_id"],
                              owner_id=out[i + 1].get("owner_id"), unplaced=out[i + 1].get("unplaced"))
    if ph.kind == "replaced":  # "X blev afløst af Y": Y takes X's seat
        out = [dict(out[0], name=obj["name"], party=obj.get("party"), place=obj.get("place"), start=obj["start"],
                    replaces=subs[0]["name"])]
    return out


def _one(doc, text, names, orgs, ph, n, lo, hi, obj, in_phrase) -> dict:
    role, org = ph.role, None
    if in_phrase is not None:
        role, prefix = in_phrase
        org = dict(org=prefix, org_label=None, org_id=None, owner_id=None) if prefix else None
    start = lo
    at = _role_after(doc, lo, hi, som_said=ph.ends_som or not text[lo:lo + 1].strip() and _role_starts(doc, lo))
    if at is not None:
        role = at[0]
    found = _body_in(text, orgs, lo, hi)
    if found and at and at[2].startswith("repræsentant") and re.match(r"\s+for\s", text[at[1]:]):
        # "repræsentant for Midttrafik i Letbanerådet": on behalf of the first, a seat in the second
        end = next(e for s, e, *_ in orgs if s >= at[1] and e > at[1])
        found = _body_in(text, orgs, end, hi) or found
    org = found or org
    place = n.get("place")
    pm = _PLACE_AFTER.match(text[n["end"]:])
    if place is None and pm:
        place = pm.group("place")
    replaces = obj["name"] if ph.kind == "replaces" and obj else _replaced(text, names, lo, hi)
    kind = {"replaces": "appointed", "replaced": "appointed"}.get(ph.kind, ph.kind)
    earlier = None
    if org is None:  # "Xs repræsentantskab ... Venstre har udpeget X.": the body named before on the line
        prior = [o for o in orgs if o[1] <= n["start"] and (o[5] is not None or _GENERIC_BOARD.search(o[2])
                                                            or _PREP_BEFORE.search(text[max(0, o[0] - 30):o[0]]))]
        earlier = dict(org=prior[-1][2], org_label=prior[-1][3], org_id=prior[-1][4], owner_id=prior[-1][5]) \
            if prior else None
    return dict(kind=kind, name=n["name"], party=n.get("party"), place=place, role=role, earlier=earlier,
                unplaced=org is None and bool(_UNPLACED.search(_without_names(text, names, start, hi))),
                org=(org or {}).get("org"), org_label=(org or {}).get("org_label"), org_id=(org or {}).get("org_id"),
                owner_id=(org or {}).get("owner_id"), generic=(org or {}).get("generic", False),
                replaces=replaces if replaces != n["name"] else None, start=n["start"],
                sentence=sentence_bounds(text, n["start"]))


def _pair_in_sentences(text: str, found: list[dict]) -> list[dict]:
    """Within one sentence: a person leaving without a body named leaves the body just named ("(hvorfra X
    udtræder)"); one person leaving and one entering the same body is a replacement."""
    for ev in found:  # "formand for bestyrelsen" ... "som medlemmer af Erhvervshus Sjællands bestyrelse"
        if ev.get("generic"):
            word = ev["org"].lower().rstrip("tn").rstrip("e")
            board = next((x for x in found if not x.get("generic") and x["org"] and word in x["org"].lower()), None)
            if board is not None:
                ev.update(org=board["org"], org_label=board["org_label"], org_id=board["org_id"],
                          owner_id=board.get("owner_id"), generic=False)
    by_sentence: dict = {}
    for ev in found:
        by_sentence.setdefault(ev["sentence"], []).append(ev)
    for evs in by_sentence.values():
        for prev, ev in zip(evs, evs[1:]):
            if ev["org"] is None and prev["org"] is not None:
                ev.update(org=prev["org"], org_label=prev["org_label"], org_id=prev["org_id"],
                          owner_id=prev.get("owner_id"))
        for ev in evs:
            if ev["org"] is None and ev.get("earlier"):
                ev.update(ev["earlier"])
        for body in {(ev["org"] or "").lower() for ev in evs if ev["org"]}:
            left = [ev for ev in evs if ev["kind"] == "resigned" and (ev["org"] or "").lower() == body]
            came = [ev for ev in evs if ev["kind"] == "appointed" and (ev["org"] or "").lower() == body]
            if len(left) == 1 and len(came) == 1 and came[0]["replaces"] is None:
                came[0]["replaces"] = left[0]["name"]
    return found


@Language.factory("graphbuild_appointment_events", assigns=["doc._.gb_events"])
def make_appointment_events(nlp: Language, name: str):
    return AppointmentEvents(nlp, name)
