"""Agenda items and their decisions, area memberships (clusters), what an item concerns."""
from __future__ import annotations

import re
from typing import Optional

from ..model import AgendaItemFact, AreaMembershipFact, ConcernsFact, DecisionFact, Evidence, Item, Line, OrgRef, PersonMention, quote
from .components.outcome import decision_outcome
from .spans import doc_ents
from .state import State, doc_of

# --------------------------------------------------------------- agenda item
def sections_named(it: Item, name: str):
    return [s for s in it.sections if s.name.lower() == name.lower()]


def agenda_item(st: State, it: Item):
    heading = next((ln for ln in st.doc.source.lines if ln.line == it.line), None)
    ev = st.ev(heading) if heading else Evidence(st.doc.source.doc_id, it.line, quote(f"{it.number}. {it.title}"))
    rec = None
    ind = sections_named(it, "Indstilling")
    if ind:
        rec = "\n".join(ln.text.strip() for ln in ind[0].lines if ln.text.strip()) or None
    st.facts.agenda_items.append(AgendaItemFact(number=it.number, title=it.title, evidence=ev,
                                                case_number=it.case_number, officer=it.officer, recommendation=rec))
    if st.doc.decisions:
        return  # the page's decision sections are read as a whole (stated_decisions)
    for sec in sections_named(it, "Beslutning"):
        body = [ln for ln in sec.lines if ln.text.strip()]
        if not body:
            continue
        outcome = "other"
        for ln in body:
            d = doc_of(st, ln)
            o = d._.gb_outcome if d is not None else decision_outcome(ln.text)
            if o:
                outcome = o[0]
                break
        st.facts.decisions.append(DecisionFact(item_number=it.number, text="\n".join(ln.text.strip() for ln in body),
                                               outcome=outcome, evidence=st.ev(body[0])))


def stated_decisions(st: State, stated: list) -> None:
    """Decision sections as graphbuild/meeting/decisions.py read them: one DecisionFact each, on the line that
    states the outcome; an item number the page does not have is dropped (the decision is the meeting's)."""
    numbers = {it.number for it in st.doc.items}
    for d in stated:
        st.facts.decisions.append(DecisionFact(
            item_number=d.item if d.item in numbers else None, outcome=d.outcome, evidence=st.ev(d.line),
            text="\n".join(ln.text.strip() for ln in d.lines if ln.text.strip()), body=d.body, date=d.date))


# --------------------------------------------------------- area memberships
def _region_of(st: State, text: str) -> Optional[str]:
    t = " ".join(text.split()).strip("*<>/b ")
    if not re.match(r"^Region\s+\S+$", t):
        return None
    return t


def _munis(st: State, toks: list[str]) -> Optional[list[tuple[str, str]]]:
    out = []
    for t in toks:
        code, _ = st.municipality(t.strip('"'))
        if code is None:
            return None
        out.append((code, t))
    return out


def area_memberships(st: State, lines: list[Line]):
    """Tables 'Cluster<TAB>Muni Muni ...' under a 'Region X' header -> AreaMembershipFact per municipality."""
    region = None
    cluster: Optional[OrgRef] = None
    since = 0
    seen = set()
    for ln in lines:
        text = ln.text.rstrip()
        if not text.strip():
            continue
        r = _region_of(st, text)
        if r:
            region, cluster, since = r, None, 0
            continue
        if region is None:
            continue
        since += 1
        if since > 8:
            region, cluster = None, None
            continue
        if "\t" in text or " | " in text:
            cells = [c.strip() for c in re.split(r"\t|\s\|\s", text)]
            name = cells[0].strip('" ')
            rest = " ".join(c for c in cells[1:] if c).split()
            if not name and cluster is None:
                continue
        elif cluster is not None and since <= 3:
            name, rest = "", text.split()  # a wrapped row: municipalities only, continuing the cluster above
        else:
            continue
        if len(name.split()) > 8 or "," in name:
            continue
        munis = _munis(st, rest) if rest else None
        if not munis:
            continue
        if name:
            rk = st.region_code(region)
            rec = None
            for cand in (name, "Sundhedsklynge " + name, "Klynge " + name):
                rec = st.gz.lookup_org(cand, rk or st.region)
                if rec is not None:
                    break
            oid = rec.org_id if rec is not None else None
            cluster = OrgRef(surface=name, org_id=oid, kind="body") if oid else \
                OrgRef(surface=f"{name} ({region})", org_id=None, kind="body")
        if cluster is None:
            continue
        since = 0
        for code, _ in munis:
            if (code, cluster.surface) in seen:
                continue
            seen.add((code, cluster.surface))
            st.facts.area_memberships.append(AreaMembershipFact(kommunekode=code, organization=cluster,
                                                                evidence=st.ev(ln)))


# ------------------------------------------------------------------ concerns
_MUNICIPAL_WORDS = ("Kommune", "Kommunes", "Byråd", "Byråds", "Kommunalbestyrelse", "Kommunalbestyrelses")


def _in_a_name(text: str, place: str) -> bool:
    """The place is part of another proper name: a capitalised word right before it or right after it (other than
    the words that make it the municipality: "Kolding Kommune")."""
    for m in re.finditer(rf"(?<![\w-]){re.escape(place)}(?![\w-])", text):
        before = re.search(r"([A-ZÆØÅ][\wæøå-]*)\s+$", text[:m.start()])
        after = re.match(r"\s+([A-ZÆØÅ][\wæøå-]*)", text[m.end():])
        if not (before and before.group(1) not in ("I", "Og")) and not (after and after.group(1) not in _MUNICIPAL_WORDS):
            return False
    return True


def concerns(st: State, number: str, lines: list[Line]):
    seen = {(c.target_kind, c.target) for c in st.facts.concerns if c.item_number == number}
    own = st.council.org_id if st.council else None
    region_ids = {k: v.region_id or k for k, v in st.gz.regions.items()}
    mentions_by_line: dict[int, list[PersonMention]] = {}
    for pm in st.facts.mentions:
        mentions_by_line.setdefault(pm.evidence.line, []).append(pm)
    for ln in lines:
        d = doc_of(st, ln)
        names_here = " ".join(pm.name for pm in mentions_by_line.get(ln.line, []))
        for e in (doc_ents(d) if d is not None else ()):
            if e.label_ == "MUNICIPALITY" and e.ent_id_:
                if e.text in names_here or re.search(rf"[A-ZÆØÅ][a-zæøå]+\s+{re.escape(e.text)}\s*\([A-ZÆØÅ]{{1,3}}\)",
                                                     ln.text):
                    continue  # "Lars Egedal (V)": a surname, not the municipality
                if _in_a_name(ln.text, e.text):
                    continue  # "Alfabo Kolding ansøger", "Aalborg City Gymnasium": a name, not the municipality
                key = ("municipality", e.ent_id_)
            elif e.label_ in ("BODY", "COUNCIL", "REGION"):
                oid = e.ent_id_
                if not oid:
                    ref = st.known_org(e.text)
                    oid = ref.org_id if ref else None
                if e.label_ == "REGION" and e.ent_id_:
                    oid = region_ids.get(e.ent_id_, e.ent_id_)
                if not oid or oid == own:
                    continue
                key = ("organization", oid)
            else:
                continue
            if key not in seen:
                seen.add(key)
                st.facts.concerns.append(ConcernsFact(item_number=number, target_kind=key[0], target=key[1],
                                                      evidence=st.ev(ln)))
        for pm in mentions_by_line.get(ln.line, []):
            key = ("person", pm.mention_id)
            if key not in seen:
                seen.add(key)
                st.facts.concerns.append(ConcernsFact(item_number=number, target_kind="person",
                                                      target=pm.mention_id, evidence=st.ev(ln)))

