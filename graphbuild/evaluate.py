"""Accuracy: score the graph built from a corpus against hand-checked gold facts.

Two halves, kept apart:

* pure scoring (this module's top part): gold files + rows read from the graph -> precision, recall and F1
  per fact kind, per document kind, and the misses and extra facts per document. No database here; the unit
  tests feed it rows directly.
* the run (`run_eval`): ingest the corpus' documents into an EMPTY database, read the graph back through the
  public schema with the read-only statements in queries/eval/, and score.

The gold format and conventions are those of tests/corpus/dev/README.md; how a gold fact is matched against
the graph is documented in docs/accuracy.md (and in the constants below).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

from rapidfuzz import fuzz

from .errors import GraphbuildError

# ------------------------------------------------------------------ thresholds (rapidfuzz scores, 0-100)
NAME_THRESHOLD = 90    # fuzz.token_sort_ratio of two normalised person names
TITLE_THRESHOLD = 85   # fuzz.ratio of two normalised agenda-item titles
ORG_THRESHOLD = 90     # fuzz.token_sort_ratio of two organisation names' stemmed tokens
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".md")

# Fact kinds in the order of the table, with what one fact is.
FACT_KINDS: list[tuple[str, str]] = [
    ("documents", "document accepted (gold states a fact) / refused (gold states nothing)"),
    ("meetings", "meeting date + council"),
    ("agenda_items", "item number + title"),
    ("attendance", "attendee name + present/absent"),
    ("attendance_party", "attendee name + party letter"),
    ("attendance_municipality", "attendee name + municipality"),
    ("roles", "person + role + organisation"),
    ("roles_party", "person + organisation + party letter"),
    ("roles_municipality", "person + organisation + municipality"),
    ("appointments", "person + body + appointed/resigned/proposed"),
    ("appointments_replaces", "person + body + the person replaced"),
    ("persons", "person named"),
    ("bodies", "council or body named"),
    ("municipalities", "municipality named"),
]
KIND_NAMES = [k for k, _ in FACT_KINDS]


class EvalError(GraphbuildError):
    """A gold corpus or a database the accuracy command cannot use."""


# ------------------------------------------------------------------ normalisation
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "\u00a0": " ",
                       "–": "-", "—": "-", "‐": "-", "’": "'"})


def fold(s: Optional[str]) -> str:
    """Lower case, Danish letters spelled out (æ->ae, ø->oe, å->aa), other accents dropped, whitespace collapsed."""
    s = unicodedata.normalize("NFC", s or "").lower().translate(_FOLD)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(s.split())


def norm_name(s: Optional[str]) -> str:
    """A person's name for comparison: folded, hyphens and dots as spaces, no other punctuation."""
    s = fold(s).replace("-", " ").replace(".", " ")
    s = re.sub(r"[^\w ]", "", s)
    return " ".join(s.split())


def name_score(gold: str, variants: Iterable[str]) -> float:
    """Best match of a gold name against a graph person's name and aliases (0 when below the threshold).

    Equal after normalisation: 100; the same first and last name (a middle name missing on one side): 95;
    otherwise fuzz.token_sort_ratio when >= NAME_THRESHOLD (typos, "Ankers Ulsdal").
    """
    g = norm_name(gold)
    if not g:
        return 0.0
    best = 0.0
    for v in variants:
        n = norm_name(v)
        if not n:
            continue
        if n == g:
            return 100.0
        gt, nt = g.split(), n.split()
        if len(gt) >= 2 and len(nt) >= 2 and gt[0] == nt[0] and gt[-1] == nt[-1]:
            best = max(best, 95.0)
            continue
        s = fuzz.token_sort_ratio(g, n)
        if s >= NAME_THRESHOLD:
            best = max(best, s)
    return best


def norm_title(s: Optional[str]) -> str:
    s = fold(s)
    s = re.sub(r"^(pkt\.?|punkt)\s*", "", s)
    s = re.sub(r"^\d+[a-z]?\s*[.):]\s*", "", s)  # a number printed in front of the title
    return s.strip(" .:;")


def title_score(gold: str, graph: str) -> float:
    """fuzz.ratio of the normalised titles; a graph title that continues past the gold one (glued text) counts
    when the gold title is its start (partial_ratio >= 95 and the gold title is at least 60 % of it)."""
    g, x = norm_title(gold), norm_title(graph)
    if not g or not x:
        return 0.0
    if g == x:
        return 100.0
    s = fuzz.ratio(g, x)
    if s >= TITLE_THRESHOLD:
        return s
    if len(g) >= 12 and x.startswith(g[: max(12, int(len(g) * 0.9))]) and len(g) >= 0.6 * len(x):
        return float(TITLE_THRESHOLD)
    return 0.0


_ORG_STOP = {"i", "for", "og", "af", "the", "ved", "kommune", "kommunes", "kommunen", "region", "regionen",
             "regions", "a/s", "as", "is", "i/s", "de", "det", "den"}
_SUFFIXES = ("ernes", "enes", "erne", "ene", "ets", "ens", "et", "en", "s")


def _stem(tok: str) -> str:
    """A crude Danish stemmer for organisation names: definite/genitive endings and a final -e off."""
    for suf in _SUFFIXES:
        if tok.endswith(suf) and len(tok) - len(suf) >= 3:
            tok = tok[: -len(suf)]
            break
    if tok.endswith("e") and len(tok) > 4:
        tok = tok[:-1]
    return tok


# Abbreviations a page may use for the whole name of a council or committee ("godkendelse af dagsorden for KB").
ORG_ABBREVIATIONS = {"kb": "kommunalbestyrelsen", "oeu": "oekonomiudvalget", "br": "byraadet", "rr": "regionsraadet"}


def org_tokens(s: Optional[str]) -> frozenset:
    """Stemmed content words of an organisation name: "Byrådet (Vejen)", "Vejen Byråd" and "Byrådets" in
    "Vejen Kommunes Byråd" all give {byraad, vej}; "Kommune", "Region", "i", "for", "og" are dropped."""
    s = fold(s).replace("-", "")
    s = ORG_ABBREVIATIONS.get(s.strip(), s)
    toks = [t for t in re.split(r"[^\w/]+", s) if t]
    return frozenset(_stem(t) for t in toks if t not in _ORG_STOP)


@lru_cache(maxsize=1)
def place_tokens() -> frozenset:
    """Stemmed tokens of every municipality and region name (what a council name may add to a bare gold name)."""
    from .gazetteer import load_gazetteer

    g = load_gazetteer()
    out = set()
    for rec in list(g.municipalities.values()) + list(g.regions.values()):
        for name in [rec.name, getattr(rec, "short_name", None) or "", *getattr(rec, "aliases", ())]:
            out |= org_tokens(name)
    return frozenset(out)


def org_score(gold: Optional[str], variants: Iterable[Optional[str]]) -> float:
    """How well a gold organisation string matches a graph organisation (name, short name, aliases).

    Equal stemmed token sets: 100. The graph name adding only place names to the gold one (gold "Byrådet",
    graph "Byrådet Vejen": the gold keeps bare names when only the URL says the municipality): 95. Otherwise
    fuzz.token_sort_ratio of the sorted stemmed tokens when >= ORG_THRESHOLD.
    """
    g = org_tokens(gold)
    if not g:
        return 0.0
    best = 0.0
    places = None
    for i, v in enumerate(variants):
        t = org_tokens(v)
        if not t:
            continue
        if t == g:
            if i == 0:
                return 100.0  # the graph organisation's own name (an alias equal scores 99: own names pair first)
            best = max(best, 99.0)
            continue
        if g < t:
            places = places if places is not None else place_tokens()
            if (t - g) <= places:
                best = max(best, 95.0)
                continue
        s = fuzz.token_sort_ratio(" ".join(sorted(g)), " ".join(sorted(t)))
        if s >= ORG_THRESHOLD:
            best = max(best, s)
    return best


def municipality_score(gold: Optional[str], variants: Iterable[Optional[str]]) -> float:
    g = " ".join(sorted(org_tokens(gold)))
    if not g:
        return 0.0
    best = 0.0
    for v in variants:
        t = " ".join(sorted(org_tokens(v)))
        if not t:
            continue
        if t == g:
            return 100.0
        s = fuzz.ratio(g, t)
        if s >= ORG_THRESHOLD:
            best = max(best, s)
    return best


# Party letters as the press writes them (gold keeps them as written) -> the official list letters.
MEDIA_LETTERS = {"S": "A", "SF": "F", "K": "C", "KF": "C", "RV": "B", "DF": "O", "EL": "Ø", "LA": "I", "KD": "K",
                 "NB": "D", "ALT": "Å", "DD": "Æ", "M": "M"}


def party_match(gold: Optional[str], graph: Optional[str]) -> bool:
    """A letter as written matches itself and its official letter ("S" = "A", "SF" = "F", "K" = "K" or "C")."""
    if not gold or not graph:
        return False
    g, x = gold.strip().upper().strip("()."), graph.strip().upper().strip("().")
    return g == x or MEDIA_LETTERS.get(g) == x


_ORDINAL = re.compile(r"^\d+\.\s*")
ROLE_SYNONYMS = {
    "member": "medlem", "medlemmer": "medlem", "bestyrelsesmedlem": "medlem", "repraesentantskabsmedlem": "medlem",
    "byraadsmedlem": "medlem", "regionsraadsmedlem": "medlem", "kommunalbestyrelsesmedlem": "medlem",
    "udvalgsmedlem": "medlem", "raadsmedlem": "medlem",
    "chair": "formand", "bestyrelsesformand": "formand", "udvalgsformand": "formand", "regionsraadsformand": "formand",
    "forkvinde": "formand", "naestforkvinde": "naestformand", "naestformaend": "naestformand",
    "ordfoerande": "formand", "vd": "direktoer", "adm direktoer": "administrerende direktoer",
    "adm. direktoer": "administrerende direktoer",
}


def norm_role(s: Optional[str]) -> str:
    """Lower case, folded, an ordinal ("1. næstformand") dropped, compound synonyms mapped (bestyrelsesmedlem ->
    medlem, regionsrådsformand -> formand)."""
    r = _ORDINAL.sub("", fold(s))
    return ROLE_SYNONYMS.get(r, r)


def norm_number(s) -> str:
    if s is None:
        return ""
    t = fold(str(s)).strip(" .)")
    t = re.sub(r"^(pkt|punkt|sag)\.?\s*", "", t)
    return t.lstrip("0") or t


# Membership statuses that are not a role held (a proposal, a resignation, a seat offered).
NOT_HELD = {"resigned", "proposed", "nominated", "offered"}
ACTIONS = {"appointed": "appointed", "resigned": "resigned", "proposed": "proposed", "nominated": "proposed"}


# ------------------------------------------------------------------ gold
@dataclass
class GoldDoc:
    name: str                 # the gold file's stem (without .gold.json)
    gold_path: Path
    document: Path            # the document the gold describes
    data: dict
    kind: str                 # meeting | page | negative (or the gold file's own "kind")

    @property
    def positive(self) -> bool:
        """Does the gold state any fact (then the document must be accepted)?"""
        d = self.data
        return bool(d.get("council") or d.get("meeting_date") or any(
            d.get(k) for k in ("agenda_items", "attendance", "person_roles", "appointments", "persons_mentioned",
                               "bodies_mentioned", "municipalities_mentioned")))


LISTS = ("agenda_items", "attendance", "person_roles", "appointments", "persons_mentioned", "bodies_mentioned",
         "municipalities_mentioned")


def gold_kind(data: dict) -> str:
    if data.get("kind"):
        return str(data["kind"])
    if not (data.get("council") or any(data.get(k) for k in LISTS)):
        return "negative"
    if data.get("meeting_date") or data.get("agenda_items") or data.get("attendance"):
        return "meeting"
    return "page"


def load_gold_dir(gold_dir: str | Path) -> list[GoldDoc]:
    """Every `*.gold.json` in the folder, with the document it describes: its "document" field (a path relative to
    the gold file) or the file next to it with the same stem (.txt, .html, .htm, .pdf, .md)."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise EvalError(f"{root}: not a folder of gold files")
    files = sorted(root.glob("*.gold.json"))
    if not files:
        raise EvalError(f"{root}: no *.gold.json files")
    out = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise EvalError(f"{f}: not a readable gold file ({type(exc).__name__}: {exc})") from None
        if not isinstance(data, dict):
            raise EvalError(f"{f}: a gold file holds one JSON object")
        stem = f.name[: -len(".gold.json")]
        if data.get("document"):
            doc = (f.parent / data["document"]).resolve()
        else:
            doc = next((f.parent / (stem + s) for s in DOCUMENT_SUFFIXES if (f.parent / (stem + s)).is_file()), None)
        if doc is None or not doc.is_file():
            raise EvalError(f"{f}: the document it describes is missing ({data.get('document') or stem + '.txt'})")
        for key in LISTS:
            if not isinstance(data.get(key, []), list):
                raise EvalError(f"{f}: {key} must be a list")
            data.setdefault(key, [])
        out.append(GoldDoc(stem, f, doc, data, gold_kind(data)))
    return out


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

    # meetings: date + council (any council when the gold does not name it)
    g_meet = []
    if d.get("meeting_date"):
        g_meet.append(Fact(_lbl(d["meeting_date"], d.get("council")), dict(date=d["meeting_date"], council=d.get("council"))))
    x_meet = [Fact(_lbl(r.get("date"), r.get("council")), r, (r.get("meeting_id"),)) for r in rows.get("meetings", [])]

    def meet_score(g, x):
        if not x.fields.get("date") or str(x.fields["date"])[:10] != g.fields["date"]:
            return 0.0
        if not g.fields.get("council"):
            return 100.0
        return org_score(g.fields["council"], _orgs(x.fields, "council", "council_aliases"))
    out["meetings"] = match_facts(g_meet, x_meet, meet_score)

    # agenda items: number (when printed) + title
    g_items = [Fact(_lbl(i.get("number"), i.get("title")), i, (norm_number(i.get("number")), norm_title(i.get("title"))))
               for i in d["agenda_items"] if i.get("title")]
    x_items = [Fact(_lbl(r.get("number"), r.get("title")), r, (r.get("agenda_item_id"),)) for r in rows.get("agenda_items", [])]

    def item_score(g, x):
        if g.fields.get("number") not in (None, "") and norm_number(g.fields["number"]) != norm_number(x.fields.get("number")):
            return 0.0
        return title_score(g.fields["title"], x.fields.get("title") or "")
    out["agenda_items"] = match_facts(g_items, x_items, item_score)

    # attendance: name + status; party and municipality of attendees separately
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

    # roles: person + role + organisation (gold roles without an organisation are skipped)
    roles = [r for r in d["person_roles"] if r.get("organisation")]
    ms = rows.get("memberships", [])
    held = [r for r in ms if r.get("status") not in NOT_HELD and r.get("organization_label") != "Party"]
    g_roles = [Fact(_lbl(r["name"], r.get("role"), r["organisation"]), r,
                    (norm_name(r["name"]), norm_role(r.get("role")), org_tokens(r["organisation"]))) for r in roles]
    x_roles = [Fact(_lbl(r.get("name"), r.get("role"), r.get("organization")), r,
                    (r.get("person_id"), norm_role(r.get("role")), r.get("org_id"))) for r in held]

    def role_score(g, x):
        if norm_role(g.fields.get("role")) != norm_role(x.fields.get("role")):
            return 0.0
        return _both(name_score(g.fields["name"], _names(x.fields)), org_score(g.fields["organisation"], _orgs(x.fields)))
    out["roles"] = match_facts(g_roles, x_roles, role_score)

    def person_org(g, x):
        return _both(name_score(g.fields["name"], _names(x.fields)), org_score(g.fields["organisation"], _orgs(x.fields)))
    g_rp = [Fact(_lbl(r["name"], r["organisation"], r["party_letter"]), r,
                 (norm_name(r["name"]), org_tokens(r["organisation"]), r["party_letter"])) for r in roles if r.get("party_letter")]
    x_rp = [Fact(_lbl(r.get("name"), r.get("organization"), p), dict(r, party=p), (r.get("person_id"), r.get("org_id"), p))
            for r in held for p in r.get("parties") or []]
    out["roles_party"] = match_facts(g_rp, x_rp, lambda g, x: person_org(g, x)
                                     if party_match(g.fields["party_letter"], x.fields["party"]) else 0.0)
    g_rm = [Fact(_lbl(r["name"], r["organisation"], r["municipality"]), r,
                 (norm_name(r["name"]), org_tokens(r["organisation"]), fold(r["municipality"]))) for r in roles if r.get("municipality")]
    x_rm = [Fact(_lbl(r.get("name"), r.get("organization"), m), dict(r, mu=m), (r.get("person_id"), r.get("org_id"), m))
            for r in held for m in r.get("municipalities") or []]
    out["roles_municipality"] = match_facts(g_rm, x_rm, lambda g, x: _both(
        person_org(g, x), municipality_score(g.fields["municipality"], [x.fields["mu"]])))

    # appointments: person + body + action; the replaced person separately
    apps = d["appointments"]
    g_app = [Fact(_lbl(a["person"], a.get("body"), a.get("action")), dict(a, name=a["person"], organisation=a.get("body")),
                  (norm_name(a["person"]), org_tokens(a.get("body")), a.get("action"))) for a in apps]
    moves = [r for r in ms if r.get("status") in ACTIONS]
    x_app = [Fact(_lbl(r.get("name"), r.get("organization"), ACTIONS[r["status"]]), dict(r, action=ACTIONS[r["status"]]),
                  (r.get("person_id"), r.get("org_id"), ACTIONS[r["status"]])) for r in moves]
    out["appointments"] = match_facts(g_app, x_app, lambda g, x: person_org(g, x)
                                      if g.fields.get("action") == x.fields["action"] else 0.0)
    g_rep = [Fact(_lbl(a["person"], a.get("body"), "replaces " + a["replaces"]),
                  dict(a, name=a["person"], organisation=a.get("body")),
                  (norm_name(a["person"]), org_tokens(a.get("body")), norm_name(a["replaces"]))) for a in apps if a.get("replaces")]
    x_rep = [Fact(_lbl(r.get("name"), r.get("organization"), "replaces " + old), dict(r, old=old),
                  (r.get("person_id"), r.get("org_id"), old)) for r in ms for old in r.get("replaces") or []]
    out["appointments_replaces"] = match_facts(g_rep, x_rep, lambda g, x: _both(
        person_org(g, x), name_score(g.fields["replaces"], [x.fields["old"]])))

    # persons, bodies, municipalities named
    g_names = list(d["persons_mentioned"])
    for lst, key in (("attendance", "name"), ("person_roles", "name"), ("appointments", "person")):
        g_names += [x[key] for x in d[lst] if x.get(key)]
    g_pers = [Fact(n, dict(name=n), (norm_name(n),)) for n in g_names]
    x_pers = [Fact(r.get("name") or "", r, (r.get("person_id"),)) for r in rows.get("persons", [])]
    out["persons"] = match_facts(_fold_variants(g_pers), x_pers, lambda g, x: name_score(g.fields["name"], _names(x.fields)))

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
    out["bodies"] = bodies

    g_mun = [Fact(m, dict(name=m), (fold(m),)) for m in d["municipalities_mentioned"]]
    x_mun = [Fact(r.get("name") or "", r, (r.get("kommunekode"),)) for r in rows.get("municipalities", [])]
    out["municipalities"] = match_facts(g_mun, x_mun, lambda g, x: municipality_score(g.fields["name"], _names(x.fields)))
    return out


def _fold_variants(facts: list[Fact]) -> list[Fact]:
    """Gold persons: one fact per person (a name listed again as a variant, "Ankers Ulsdal", is the same person)."""
    out: list[Fact] = []
    for f in _dedupe(facts):
        if any(name_score(f.fields["name"], [o.fields["name"]]) for o in out):
            continue
        out.append(f)
    return out


# ------------------------------------------------------------------ the corpus
@dataclass
class DocResult:
    gold: GoldDoc
    doc_id: str
    accepted: bool
    reason: Optional[str]                 # why it was refused (from the ingest)
    graph_kind: Optional[str]             # Document.kind in the graph
    kinds: dict[str, KindResult]
    unresolved: list[str] = field(default_factory=list)


@dataclass
class EvalResult:
    corpus: str
    documents: list[DocResult]
    overall: dict[str, Tally]
    by_kind: dict[str, dict[str, Tally]]
    duplicates: dict

    def figures(self) -> dict:
        """The headline figures the regression guard compares: F1 per fact kind (+ precision/recall), and
        the person-duplicate count."""
        return {k: t.to_dict() for k, t in self.overall.items()}

    def to_dict(self) -> dict:
        return dict(
            corpus=self.corpus,
            thresholds=dict(name=NAME_THRESHOLD, title=TITLE_THRESHOLD, organisation=ORG_THRESHOLD),
            fact_kinds={k: what for k, what in FACT_KINDS},
            overall=self.figures(),
            by_document_kind={dk: {k: t.to_dict() for k, t in kinds.items()} for dk, kinds in self.by_kind.items()},
            person_duplicates=self.duplicates,
            documents=[dict(
                name=r.gold.name, document=str(r.gold.document), doc_id=r.doc_id, kind=r.gold.kind,
                graph_kind=r.graph_kind, expected="accepted" if r.gold.positive else "refused",
                accepted=r.accepted, reason=r.reason, unresolved_mentions=r.unresolved,
                facts={k: dict(r.kinds[k].tally.to_dict(), misses=r.kinds[k].misses, extras=r.kinds[k].extras)
                       for k in KIND_NAMES if k in r.kinds}) for r in self.documents],
        )


def _by_doc(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r.get("doc_id")].append(r)
    return out


def score_corpus(golds: list[GoldDoc], doc_ids: dict[str, str], rows: dict[str, list[dict]],
                 refused: dict[str, str], corpus: str = "", party_names: Optional[frozenset] = None) -> EvalResult:
    """Pure scoring: gold documents, their doc ids (name -> sha256), the graph's rows per query (each row with a
    doc_id) and the ingest's refusals (name -> reason) -> the figures."""
    if party_names is None:
        party_names = known_party_names()
    per_kind = {k: _by_doc(v) for k, v in rows.items()}
    docs = {r["doc_id"]: r for r in rows.get("documents", [])}
    results = []
    overall = {k: Tally() for k in KIND_NAMES}
    by_kind: dict[str, dict[str, Tally]] = defaultdict(lambda: {k: Tally() for k in KIND_NAMES})
    for g in golds:
        did = doc_ids.get(g.name, "")
        accepted = did in docs
        mine = {k: per_kind[k].get(did, []) for k in per_kind} if accepted else {}
        kinds = score_document(g, mine, party_names)
        # documents: positive class = accepted
        t = Tally(gold=1 if g.positive else 0, graph=1 if accepted else 0, tp=1 if (accepted and g.positive) else 0)
        kinds = {"documents": KindResult(t, [] if (accepted or not g.positive) else ["accepted (refused: %s)" % refused.get(g.name, "?")],
                                         ["accepted although the gold states nothing"] if (accepted and not g.positive) else []),
                 **kinds}
        for k, kr in kinds.items():
            overall[k].add(kr.tally)
            by_kind[g.kind][k].add(kr.tally)
        unresolved = [f"{u.get('name')} (line {u.get('line')}: {u.get('reason')})" for u in per_kind.get("unresolved", {}).get(did, [])]
        results.append(DocResult(g, did, accepted, None if accepted else refused.get(g.name), (docs.get(did) or {}).get("kind"),
                                 kinds, unresolved))
    dup = person_duplicates(golds, [r for r in rows.get("persons", []) if r.get("doc_id") in set(doc_ids.values())])
    return EvalResult(corpus, results, overall, dict(by_kind), dup)


def person_duplicates(golds: list[GoldDoc], person_rows: list[dict]) -> dict:
    """Across the corpus: a gold person (one normalised name) found as more than one Person node is split
    (`split`: the extra nodes); one Person node matching two different gold persons is merged (`merged`)."""
    gold_names: dict[str, str] = {}
    for g in golds:
        for n in g.data["persons_mentioned"]:
            gold_names.setdefault(norm_name(n), n)
    nodes: dict[str, list[str]] = {}
    for r in person_rows:
        nodes.setdefault(r.get("person_id"), _names(r))
    by_gold: dict[str, set] = defaultdict(set)
    by_node: dict[str, set] = defaultdict(set)
    for key, name in gold_names.items():
        for pid, names in nodes.items():
            if any(norm_name(v) == key for v in names):
                by_gold[key].add(pid)
                by_node[pid].add(key)
    split = {gold_names[k]: sorted(v) for k, v in by_gold.items() if len(v) > 1}
    merged = {pid: sorted(gold_names[k] for k in v) for pid, v in by_node.items() if len(v) > 1}
    return dict(gold_persons=len(gold_names), found=len(by_gold),
                split=sum(len(v) - 1 for v in split.values()), merged=sum(len(v) - 1 for v in merged.values()),
                split_detail=split, merged_detail=merged)


@lru_cache(maxsize=1)
def known_party_names() -> frozenset:
    """Party names (folded) of the gazetteer: a named party is a body in the gold but a Party node in the graph,
    which the bodies kind does not read, so named parties are left out of that kind on both sides."""
    from .gazetteer import load_gazetteer

    out = set()
    for p in load_gazetteer().parties.values():
        for n in [p.name, getattr(p, "short_name", None) or "", *getattr(p, "aliases", ())]:
            if n:
                out.add(fold(n))
    return frozenset(out)


# ------------------------------------------------------------------ rendering
def _pct(v: Optional[float]) -> str:
    return "–" if v is None else f"{100 * v:.1f}"


def render_table(result: EvalResult) -> str:
    from .output import render

    n = len(result.documents)
    acc = sum(1 for r in result.documents if r.accepted)
    lines = [f"corpus: {result.corpus} ({n} documents, {acc} accepted)", ""]
    rows = [dict(fact=k, P=_pct(t.precision), R=_pct(t.recall), F1=_pct(t.f1), gold=t.gold, graph=t.graph,
                 matched=t.tp) for k, t in result.overall.items()]
    lines.append(render(["fact", "P", "R", "F1", "gold", "graph", "matched"], rows, "table"))
    d = result.duplicates
    lines.append(f"person duplicates: {d['split']} extra node(s) for one gold person, {d['merged']} node(s) "
                 f"merging two gold persons ({d['found']} of {d['gold_persons']} gold persons found by exact name)")
    neg = [r for r in result.documents if not r.gold.positive]
    lines.append(f"negative examples refused: {sum(1 for r in neg if not r.accepted)} of {len(neg)}")
    lines.append("")
    lines.append("by document kind (F1 %; – = nothing stated or found):")
    short = ["documents", "meetings", "agenda_items", "attendance", "roles", "appointments", "persons", "bodies",
             "municipalities"]
    krows = []
    for dk in sorted(result.by_kind):
        kinds = result.by_kind[dk]
        row = dict(kind=dk, docs=sum(1 for r in result.documents if r.gold.kind == dk))
        row.update({k: _pct(kinds[k].f1) for k in short})
        krows.append(row)
    lines.append(render(["kind", "docs"] + short, krows, "table"))
    return "\n".join(lines)


def render_why(result: EvalResult) -> str:
    out = []
    for r in result.documents:
        state = "accepted" if r.accepted else f"refused: {r.reason}"
        exp = "" if r.accepted == r.gold.positive else ("  <- should be accepted" if r.gold.positive else "  <- should be refused")
        out.append(f"== {r.gold.name} [{r.gold.kind}; graph kind {r.graph_kind or '–'}] {state}{exp}")
        for k in KIND_NAMES:
            kr = r.kinds.get(k)
            if k == "documents" or kr is None or (not kr.misses and not kr.extras):
                continue
            out.append(f"  {k}: {kr.tally.tp}/{kr.tally.gold} found, {len(kr.extras)} extra")
            out += [f"    - miss:  {m}" for m in kr.misses]
            out += [f"    + extra: {x}" for x in kr.extras]
        for u in r.unresolved:
            out.append(f"  ? unresolved mention: {u}")
    d = result.duplicates
    for name, ids in d["split_detail"].items():
        out.append(f"duplicate: {name} -> {', '.join(ids)}")
    for pid, names in d["merged_detail"].items():
        out.append(f"merged: {pid} <- {', '.join(names)}")
    return "\n".join(out)


# ------------------------------------------------------------------ running against Neo4j
QUERIES = ("documents", "meetings", "agenda_items", "attendance", "memberships", "persons", "bodies",
           "municipalities", "regions", "unresolved")


def read_rows(driver, doc_ids: list[str], database: Optional[str] = None) -> dict[str, list[dict]]:
    """The graph's facts about these documents, through queries/eval/*.cypher (READ transactions)."""
    from .db.reports import run_read
    from .db.statements import eval_query

    out = {}
    for name in QUERIES:
        _, out[name] = run_read(driver, eval_query(name), {"doc_ids": doc_ids}, database)
    return out


def database_node_count(driver, database: Optional[str] = None) -> int:
    from .db.reports import run_read
    from .db.statements import eval_query

    _, rows = run_read(driver, eval_query("count_nodes"), {}, database)
    return int(rows[0]["nodes"]) if rows else 0


def wipe_database(driver, database: Optional[str] = None) -> None:
    from .db.statements import statement

    with driver.session(database=database) as session:
        session.run(statement("eval_wipe")).consume()


def run_eval(gold_dir: str | Path, driver, database: Optional[str] = None, workers: Optional[int] = None) -> EvalResult:
    """Ingest the corpus' documents into the (empty) database behind `driver` and score the graph."""
    from .db.load import GraphWriter
    from .pipeline import file_digest, ingest

    golds = load_gold_dir(gold_dir)
    report = ingest([str(g.document) for g in golds], GraphWriter(driver, database), workers=workers)
    if report.aborted:
        raise EvalError(f"the ingest was cut off: {report.aborted}")
    by_path = {str(Path(p).resolve()): reason for p, reason in report.failed}
    refused = {g.name: by_path[str(g.document.resolve())] for g in golds if str(g.document.resolve()) in by_path}
    doc_ids = {g.name: file_digest(g.document) for g in golds}
    rows = read_rows(driver, sorted(set(doc_ids.values())), database)
    return score_corpus(golds, doc_ids, rows, refused, corpus=str(gold_dir))
