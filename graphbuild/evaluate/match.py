"""Accuracy, pure: matching gold facts against the graph's rows, one function per fact kind."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from .normalise import (
    ACTIONS, NOT_HELD, fold, municipality_score, name_score, norm_name, norm_number, norm_role, norm_title,
    org_score, org_tokens, party_match, title_score,
)
from .gold import GoldDoc


# ------------------------------------------------------------------ matching
@dataclass
class Fact:
    label: str            # how --why shows it
    fields: dict
    key: tuple = ()       # de-duplication key (same key = the same fact)


@dataclass
class Tally:
    gold: int = 0
    graph: int = 0
    tp: int = 0

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.graph += other.graph
        self.tp += other.tp

    @property
    def precision(self) -> Optional[float]:
        return self.tp / self.graph if self.graph else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> Optional[float]:
        return 2 * self.tp / (self.gold + self.graph) if (self.gold + self.graph) else None

    def to_dict(self) -> dict:
        r = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return dict(precision=r(self.precision), recall=r(self.recall), f1=r(self.f1),
                    gold=self.gold, graph=self.graph, matched=self.tp)


@dataclass
class KindResult:
    tally: Tally
    misses: list[str] = field(default_factory=list)   # gold facts the graph lacks
    extras: list[str] = field(default_factory=list)   # graph facts the gold does not state


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        k = f.key or (f.label,)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def match_facts(gold: list[Fact], graph: list[Fact], score: Callable[[Fact, Fact], float]) -> KindResult:
    """One-to-one matching, best pairs first (greedy on the score); every pair needs a score > 0."""
    gold, graph = _dedupe(gold), _dedupe(graph)
    pairs = []
    for i, g in enumerate(gold):
        for j, x in enumerate(graph):
            s = score(g, x)
            if s > 0:
                pairs.append((-s, i, j))
    pairs.sort()
    used_g, used_x = set(), set()
    for _, i, j in pairs:
        if i in used_g or j in used_x:
            continue
        used_g.add(i)
        used_x.add(j)
    return KindResult(Tally(len(gold), len(graph), len(used_g)),
                      [g.label for i, g in enumerate(gold) if i not in used_g],
                      [x.label for j, x in enumerate(graph) if j not in used_x])


def _both(*scores: float) -> float:
    return min(scores) if all(s > 0 for s in scores) else 0.0


def _names(row: dict) -> list[str]:
    return [row.get("name") or ""] + list(row.get("aliases") or [])


def _orgs(row: dict, name_key="organization", alias_key="organization_aliases") -> list[str]:
    return [row.get(name_key) or ""] + list(row.get(alias_key) or [])


def _lbl(*parts) -> str:
    return " | ".join("–" if p in (None, "") else str(p) for p in parts)


def score_document(gold: GoldDoc, rows: dict[str, list[dict]], party_names: frozenset = frozenset()) -> dict[str, KindResult]:
    """Every fact kind but `documents` for one document: `rows` are the graph's rows for this document only."""
    d = gold.data
    out: dict[str, KindResult] = {}
    out["meetings"] = match_meetings(d, rows)
    out["agenda_items"] = match_agenda_items(d, rows)
    out.update(match_attendance(d, rows))
    out.update(match_roles(d, rows))
    out.update(match_appointments(d, rows))
    out["persons"] = match_persons(d, rows)
    out["bodies"] = match_bodies(d, rows, party_names)
    out["municipalities"] = match_municipalities(d, rows)
    from .votes import score_votes  # (votes.py uses this module's KindResult and Tally)
    out["votes"], out["vote_decisions"] = score_votes(d.get("votes") or [], rows.get("votes", []))
    from .decisions import match_decisions
    out["decisions"] = match_decisions(d, rows)
    return out


def match_meetings(d: dict, rows: dict[str, list[dict]]) -> KindResult:
    """meetings: date + council (any council when the gold does not name it)."""
    g_meet = []
    if d.get("meeting_date"):
        g_meet.append(Fact(_lbl(d["meeting_date"], d.get("council")), dict(date=d["meeting_date"], council=d.get("council"))))
    x_rows = rows.get("meetings", [])
    if not d.get("meeting_date") and d.get("council"):
        # the gold names the council but states no date: an undated meeting of that council is what the page says
        # (not scored: the gold has no meeting to match it), an undated meeting of another council is still extra
        x_rows = [r for r in x_rows if r.get("date") or not org_score(d["council"], _orgs(r, "council", "council_aliases"))]
    x_meet = [Fact(_lbl(r.get("date"), r.get("council")), r, (r.get("meeting_id"),)) for r in x_rows]

    def meet_score(g, x):
        if not x.fields.get("date") or str(x.fields["date"])[:10] != g.fields["date"]:
            return 0.0
        if not g.fields.get("council"):
            return 100.0
        return org_score(g.fields["council"], _orgs(x.fields, "council", "council_aliases"))
    return match_facts(g_meet, x_meet, meet_score)


def match_agenda_items(d: dict, rows: dict[str, list[dict]]) -> KindResult:
    """agenda items: number (when printed) + title."""
    g_items = [Fact(_lbl(i.get("number"), i.get("title")), i, (norm_number(i.get("number")), norm_title(i.get("title"))))
               for i in d["agenda_items"] if i.get("title")]
    x_items = [Fact(_lbl(r.get("number"), r.get("title")), r, (r.get("agenda_item_id"),)) for r in rows.get("agenda_items", [])]

    def item_score(g, x):
        if g.fields.get("number") not in (None, "") and norm_number(g.fields["number"]) != norm_number(x.fields.get("number")):
            return 0.0
        return title_score(g.fields["title"], x.fields.get("title") or "")
    return match_facts(g_items, x_items, item_score)


def match_attendance(d: dict, rows: dict[str, list[dict]]) -> dict[str, KindResult]:
    """attendance: name + status; party and municipality of attendees separately."""
    out = {}
    att = d["attendance"]
    g_att = [Fact(_lbl(a["name"], a.get("status")), a, (norm_name(a["name"]), a.get("status"))) for a in att]
    x_rows = rows.get("attendance", [])
    x_att = [Fact(_lbl(r.get("name"), r.get("status")), r, (r.get("person_id"), r.get("status"))) for r in x_rows]
    out["attendance"] = match_facts(g_att, x_att, lambda g, x: name_score(g.fields["name"], _names(x.fields))
                                    if g.fields.get("status") == x.fields.get("status") else 0.0)
    g_ap = [Fact(_lbl(a["name"], a["party_letter"]), a, (norm_name(a["name"]), a["party_letter"]))
            for a in att if a.get("party_letter")]
    x_ap = [Fact(_lbl(r.get("name"), p), dict(r, party=p), (r.get("person_id"), p)) for r in x_rows for p in r.get("parties") or []]
    out["attendance_party"] = match_facts(g_ap, x_ap, lambda g, x: name_score(g.fields["name"], _names(x.fields))
                                          if party_match(g.fields["party_letter"], x.fields["party"]) else 0.0)
    g_am = [Fact(_lbl(a["name"], a["municipality"]), a, (norm_name(a["name"]), fold(a["municipality"])))
            for a in att if a.get("municipality")]
    x_am = [Fact(_lbl(r.get("name"), m), dict(r, municipality=m), (r.get("person_id"), m))
            for r in x_rows for m in r.get("municipalities") or []]
    out["attendance_municipality"] = match_facts(
        g_am, x_am, lambda g, x: _both(name_score(g.fields["name"], _names(x.fields)),
                                       municipality_score(g.fields["municipality"], [x.fields["municipality"]])))
    return out


def _person_org(g: Fact, x: Fact) -> float:
    return _both(name_score(g.fields["name"], _names(x.fields)), org_score(g.fields["organisation"], _orgs(x.fields)))


def match_roles(d: dict, rows: dict[str, list[dict]]) -> dict[str, KindResult]:
    """roles: person + role + organisation (gold roles without an organisation are skipped); their party and
    municipality separately."""
    out = {}
    roles = [r for r in d["person_roles"] if r.get("organisation")]
    ms = rows.get("memberships", [])
    # a seat whose role the text leaves unsaid ("Valgt blev X") is no role fact, as a gold role without an
    # organisation is none
    held = [r for r in ms if r.get("status") not in NOT_HELD and r.get("organization_label") != "Party" and r.get("role")]
    g_roles = [Fact(_lbl(r["name"], r.get("role"), r["organisation"]), r,
                    (norm_name(r["name"]), norm_role(r.get("role")), org_tokens(r["organisation"]))) for r in roles]
    x_roles = [Fact(_lbl(r.get("name"), r.get("role"), r.get("organization")), r,
                    (r.get("person_id"), norm_role(r.get("role")), r.get("org_id"))) for r in held]

    def role_score(g, x):
        if norm_role(g.fields.get("role")) != norm_role(x.fields.get("role")):
            return 0.0
        return _person_org(g, x)
    out["roles"] = match_facts(g_roles, x_roles, role_score)

    g_rp = [Fact(_lbl(r["name"], r["organisation"], r["party_letter"]), r,
                 (norm_name(r["name"]), org_tokens(r["organisation"]), r["party_letter"])) for r in roles if r.get("party_letter")]
    x_rp = [Fact(_lbl(r.get("name"), r.get("organization"), p), dict(r, party=p), (r.get("person_id"), r.get("org_id"), p))
            for r in held for p in r.get("parties") or []]
    out["roles_party"] = match_facts(g_rp, x_rp, lambda g, x: _person_org(g, x)
                                     if party_match(g.fields["party_letter"], x.fields["party"]) else 0.0)
    g_rm = [Fact(_lbl(r["name"], r["organisation"], r["municipality"]), r,
                 (norm_name(r["name"]), org_tokens(r["organisation"]), fold(r["municipality"]))) for r in roles if r.get("municipality")]
    x_rm = [Fact(_lbl(r.get("name"), r.get("organization"), m), dict(r, mu=m), (r.get("person_id"), r.get("org_id"), m))
            for r in held for m in r.get("municipalities") or []]
    out["roles_municipality"] = match_facts(g_rm, x_rm, lambda g, x: _both(
        _person_org(g, x), municipality_score(g.fields["municipality"], [x.fields["mu"]])))
    return out


def match_appointments(d: dict, rows: dict[str, list[dict]]) -> dict[str, KindResult]:
    """appointments: person + body + action; the replaced person separately."""
    out = {}
    apps = d["appointments"]
    ms = rows.get("memberships", [])
    g_app = [Fact(_lbl(a["person"], a.get("body"), a.get("action")), dict(a, name=a["person"], organisation=a.get("body")),
                  (norm_name(a["person"]), org_tokens(a.get("body")), a.get("action"))) for a in apps]
    moves = [r for r in ms if r.get("status") in ACTIONS]
    x_app = [Fact(_lbl(r.get("name"), r.get("organization"), ACTIONS[r["status"]]), dict(r, action=ACTIONS[r["status"]]),
                  (r.get("person_id"), r.get("org_id"), ACTIONS[r["status"]])) for r in moves]
    out["appointments"] = match_facts(g_app, x_app, lambda g, x: _person_org(g, x)
                                      if g.fields.get("action") == x.fields["action"] else 0.0)
    g_rep = [Fact(_lbl(a["person"], a.get("body"), "replaces " + a["replaces"]),
                  dict(a, name=a["person"], organisation=a.get("body")),
                  (norm_name(a["person"]), org_tokens(a.get("body")), norm_name(a["replaces"]))) for a in apps if a.get("replaces")]
    x_rep = [Fact(_lbl(r.get("name"), r.get("organization"), "replaces " + old), dict(r, old=old),
                  (r.get("person_id"), r.get("org_id"), old)) for r in ms for old in r.get("replaces") or []]
    out["appointments_replaces"] = match_facts(g_rep, x_rep, lambda g, x: _both(
        _person_org(g, x), name_score(g.fields["replaces"], [x.fields["old"]])))
    return out


def match_persons(d: dict, rows: dict[str, list[dict]]) -> KindResult:
    """persons named: every person the gold names anywhere, one fact each."""
    g_names = list(d["persons_mentioned"])
    for lst, key in (("attendance", "name"), ("person_roles", "name"), ("appointments", "person")):
        g_names += [x[key] for x in d[lst] if x.get(key)]
    g_pers = [Fact(n, dict(name=n), (norm_name(n),)) for n in g_names]
    x_pers = [Fact(r.get("name") or "", r, (r.get("person_id"),)) for r in rows.get("persons", [])]
    return match_facts(_fold_variants(g_pers), x_pers, lambda g, x: name_score(g.fields["name"], _names(x.fields)))


def match_bodies(d: dict, rows: dict[str, list[dict]], party_names: frozenset) -> KindResult:
    """councils and bodies named (parties aside)."""
    g_bod = [Fact(b, dict(name=b), (org_tokens(b),)) for b in d["bodies_mentioned"] if fold(b) not in party_names]
    x_bod = [Fact(r.get("name") or "", r, (r.get("org_id"),)) for r in rows.get("bodies", [])]
    bodies = match_facts(g_bod, x_bod, lambda g, x: org_score(g.fields["name"], _names(x.fields)))
    # A municipality or region written as an organisation ("Vejen Kommune", "Region Sjælland") is a Municipality or
    # Region node in the graph: a gold body left unmatched that says "Kommune"/"Region" matches the document's
    # municipalities/regions (each such match also counts as a graph fact).
    for word, key, code in (("kommune", "municipalities", "kommunekode"), ("region", "regions", "regionskode")):
        left = [f for f in _dedupe(g_bod) if f.label in bodies.misses and word in fold(f.label)]
        areas = [Fact(r.get("name") or "", r, (r.get(code),)) for r in rows.get(key, [])]
        as_area = match_facts(left, areas, lambda g, x: municipality_score(g.fields["name"], _names(x.fields)))
        if as_area.tally.tp:
            found = {m.label for m in left if m.label not in as_area.misses}
            bodies = KindResult(Tally(bodies.tally.gold, bodies.tally.graph + as_area.tally.tp,
                                      bodies.tally.tp + as_area.tally.tp),
                                [m for m in bodies.misses if m not in found], bodies.extras)
    return bodies


def match_municipalities(d: dict, rows: dict[str, list[dict]]) -> KindResult:
    g_mun = [Fact(m, dict(name=m), (fold(m),)) for m in d["municipalities_mentioned"]]
    x_mun = [Fact(r.get("name") or "", r, (r.get("kommunekode"),)) for r in rows.get("municipalities", [])]
    return match_facts(g_mun, x_mun, lambda g, x: municipality_score(g.fields["name"], _names(x.fields)))


def _fold_variants(facts: list[Fact]) -> list[Fact]:
    """Gold persons: one fact per person (a name listed again as a variant, "Ankers Ulsdal", is the same person)."""
    out: list[Fact] = []
    for f in _dedupe(facts):
        if any(name_score(f.fields["name"], [o.fields["name"]]) for o in out):
            continue
        out.append(f)
    return out


