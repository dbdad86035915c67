"""Resolution: person mentions and organization references -> canonical entities.

Pure: takes DocumentFacts (and what the graph already knows, as plain records),
returns ResolvedDocuments for the loader.  Never talks to the database.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from rapidfuzz import fuzz

from .errors import InputError
from .model import DocumentFacts, Evidence, OrgRef, PersonMention


@dataclass(frozen=True)
class PersonContext:
    """What one mention says about a person besides the name."""

    party: Optional[str] = None
    municipality: Optional[str] = None  # kommunekode
    date: Optional[str] = None  # meeting date, ISO
    org_ids: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass
class KnownPerson:
    """A Person already in the graph (read by the loader before resolving)."""

    person_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    merged_ids: list[str] = field(default_factory=list)
    contexts: list[PersonContext] = field(default_factory=list)


@dataclass
class PersonRecord:
    """The final state of a Person node after this run."""

    person_id: str
    name: str
    aliases: list[str]
    merged_ids: list[str] = field(default_factory=list)


@dataclass
class OrgRecord:
    org_id: str
    name: str
    kind: str  # council | body | party
    short_name: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    classification: Optional[str] = None
    letter: Optional[str] = None  # parties
    kommunekode: Optional[str] = None  # local lists / municipal councils
    part_of: Optional[str] = None  # a body only documents name, named as a group of this known body


@dataclass
class UnresolvedMention:
    mention: PersonMention
    reason: str  # e.g. "initials only, no candidate", "2 candidates: ..."


@dataclass
class ResolvedDocument:
    facts: DocumentFacts
    person_of: dict[str, str]  # mention_id -> person_id (resolved mentions only)
    persons: list[PersonRecord]  # every Person this document's facts point to, in final form
    orgs: list[OrgRecord]  # every organization this document's facts point to
    org_of: dict[str, str]  # OrgRef key (see org_key) -> org_id
    unresolved: list[UnresolvedMention] = field(default_factory=list)
    party_of: dict[str, str] = field(default_factory=dict)  # mention_id -> party org_id (letter resolved)
    municipality_of: dict[str, str] = field(default_factory=dict)  # mention_id -> kommunekode


@dataclass
class CandidatePair:
    """Two persons the resolver was not sure about (for `graphbuild resolve review`)."""

    a_id: str
    a_name: str
    b_id: str
    b_name: str
    score: float
    evidence: list[Evidence]
    reason: str


def org_key(surface: str, org_id: Optional[str]) -> str:
    return org_id or "surface:" + " ".join(surface.split()).casefold()


# =========================================================================
# Rules and thresholds (see docs/resolution.md)
# =========================================================================
MERGE_THRESHOLD = 95  # person pair score at or above which two name forms are merged automatically
REVIEW_THRESHOLD = 80  # [REVIEW_THRESHOLD, MERGE_THRESHOLD) -> CandidatePair for a curator, never merged
SUBSET_SCORE = 95  # "Ole Bondo" ~ "Ole Bondo Christensen", "Allan Andersen" ~ "Allan S. Andersen"
FUZZY_CAP = 90  # spelling variants alone never reach MERGE_THRESHOLD; context must agree
FIRST_NAME_MIN = 85  # fuzz.ratio of first names below this (and not an initial) -> not the same person
FAMILY_NAME_MIN = 80  # fuzz.ratio of family names below this -> not the same person (fuzzy pairs)
CONTEXT_MARGIN = 5  # best candidate must beat the runner-up by this much, else "several candidates"
PARTY_AGREE, PARTY_DISAGREE = 3, -10
MUNI_AGREE, MUNI_DISAGREE = 5, -10
SHARED_ORG, SHARED_ORG_MAX = 3, 2  # per shared body (not councils, not parties), counted at most twice
ORG_FUZZY_THRESHOLD = 90  # rapidfuzz score against gazetteer body names/aliases
ORG_FUZZY_MIN_LEN = 6  # shorter surfaces (abbreviations) must match the gazetteer exactly

DEFAULT_JUDGEMENTS = Path(__file__).resolve().parent / "data" / "judgements.csv"


# =========================================================================
# Names
# =========================================================================
_HYPHEN_BREAK = re.compile(r"(\w)\s*[-\u00ad\u2010\u2011]\s+(\w)|(\w)\s+[-\u2010\u2011]\s*(\w)")
_KEEP = set("æøåÆØÅ")
_SUSPENDED = re.compile(r"(?:og|eller|samt|and|or)\b")


def display_name(name: str) -> str:
    """The name as written, tidied: whitespace collapsed, hyphenation artefacts repaired,
    stray punctuation at the ends removed ("Kjær- Westermann" -> "Kjær-Westermann")."""
    text = " ".join(name.replace("\u00ad", "-").split())

    def fix(m: re.Match) -> str:
        a = m.group(1) or m.group(3)
        b = m.group(2) or m.group(4)
        if _SUSPENDED.match(m.string, m.start(2) if m.group(2) else m.start(4)):
            return m.group(0)  # "Klima-, Miljø- og Teknikudvalget": a suspended hyphen, not a broken word
        # "Svagsy- nede" (a word broken at a line end) -> joined; "Kjær- Westermann" -> double name
        return f"{a}-{b}" if b[:1].isupper() else f"{a}{b}"

    text = _HYPHEN_BREAK.sub(fix, text)
    return text.strip(" ,;:()-\u2013")


def _fold_accents(text: str) -> str:
    out = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """Matching form: casefolded, ö->ø, ä->æ, aa->å, é/ü/... unaccented, hyphenation repaired.

    "Kjær- Westermann" -> "kjær-westermann"; "Jørgen Aagaard" and "Jörgen Ågaard" -> "jørgen ågaard".
    """
    text = display_name(name).casefold()
    text = text.replace("ö", "ø").replace("ä", "æ").replace("aa", "å")
    text = _fold_accents(text)
    text = re.sub(r"[^\w\s\-.]", " ", text)  # keep letters, digits, hyphens, periods (initials)
    return " ".join(text.split())


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Tokens of the matching form; hyphens split double names, periods end initials."""
    text = normalise_name(name).replace(".", " ").replace("-", " ")
    return tuple(t for t in text.split() if t)


def name_key(name: str) -> str:
    """The exact-match key: tokens joined by one space ("Kjær-Westermann" == "Kjær Westermann")."""
    return " ".join(name_tokens(name))


def is_full_name(tokens: tuple[str, ...]) -> bool:
    """At least a first name and a family name, neither an initial."""
    return len(tokens) >= 2 and len(tokens[0]) > 1 and len(tokens[-1]) > 1


_ASCII = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"}


def slugify(text: str) -> str:
    """ASCII slug: æ->ae, ø->oe, å->aa, other accents dropped, runs of other characters -> '-'."""
    text = "".join(_ASCII.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def _skeleton(token: str) -> str:
    """A crude sound key for blocking spelling variants: Pedersen/Petersen, Hansen/Hanssen."""
    t = slugify(token).replace("-", "")
    t = t.replace("d", "t").replace("c", "k").replace("z", "s").replace("w", "v").replace("ph", "f")
    t = re.sub(r"[aeiouy]", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def _initial_ok(a: str, b: str) -> bool:
    """Token a matches token b: equal, or one is an initial of the other."""
    if a == b:
        return True
    if len(a) == 1 and b.startswith(a):
        return True
    return len(b) == 1 and a.startswith(b)


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of `short` matches a distinct token of `long`, in order."""
    i = 0
    for tok in short:
        while i < len(long) and not _initial_ok(tok, long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


def _first_names_compatible(a: str, b: str) -> bool:
    return _initial_ok(a, b) or fuzz.ratio(a, b) >= FIRST_NAME_MIN


def name_score(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, str]:
    """Score two full names on the name alone; returns (score, relation).

    relation: "exact" | "subset" (the shorter is a token subset/prefix of the longer) | "fuzzy" | "none".
    """
    if a == b:
        return 100.0, "exact"
    if not a or not b or not _first_names_compatible(a[0], b[0]):
        return 0.0, "none"
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < len(long) and short[0] == long[0] and _in_order(short, long):
        return float(SUBSET_SCORE), "subset"
    if len(short) == len(long) and all(_initial_ok(x, y) for x, y in zip(short, long)):
        return float(SUBSET_SCORE), "subset"  # "Allan S. Andersen" ~ "Allan Steen Andersen"
    if fuzz.ratio(a[-1], b[-1]) < FAMILY_NAME_MIN and a[-1] not in b and b[-1] not in a:
        return 0.0, "none"
    s = fuzz.token_set_ratio(" ".join(a), " ".join(b))
    return float(min(s, FUZZY_CAP)), "fuzzy"


# =========================================================================
# Judgements
# =========================================================================
@dataclass
class Judgements:
    """Curator decisions keyed by normalised names (see graphbuild/data/judgements.csv)."""

    same: set = field(default_factory=set)  # frozenset({key_a, key_b}) (one key when a == b)
    not_same: set = field(default_factory=set)
    notes: dict = field(default_factory=dict)

    def add(self, name_a: str, name_b: str, decision: str, note: str = "") -> None:
        pair = frozenset((name_key(name_a), name_key(name_b)))
        decision = decision.strip().casefold()
        if decision == "same":
            self.same.add(pair)
        elif decision in ("not-same", "not_same", "notsame", "different"):
            self.not_same.add(pair)
        else:
            raise ValueError(f"decision must be 'same' or 'not-same', not {decision!r}")
        self.notes[pair] = note

    def blocks(self, keys_a: Iterable[str], keys_b: Iterable[str]) -> bool:
        keys_b = set(keys_b)
        return any(frozenset((ka, kb)) in self.not_same for ka in set(keys_a) for kb in keys_b)


def load_judgements(path=None) -> Judgements:
    """Read name_a,name_b,decision(same|not-same),note; rows whose first cell starts with '#' are comments."""
    path = Path(path) if path is not None else DEFAULT_JUDGEMENTS
    j = Judgements()
    if not path.exists():
        return j
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = None
        for n, row in enumerate(reader, start=1):
            if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().casefold() for c in row]
                if header[:3] != ["name_a", "name_b", "decision"]:
                    raise InputError(path, f"line {n}: header must start name_a,name_b,decision")
                continue
            if len(row) < 3 or not row[0].strip() or not row[1].strip():
                raise InputError(path, f"line {n}: expected name_a,name_b,decision,note")
            try:
                j.add(row[0], row[1], row[2], row[3] if len(row) > 3 else "")
            except ValueError as exc:
                raise InputError(path, f"line {n}: {exc}") from None
    return j


# =========================================================================
# Evaluation helper
# =========================================================================
def person_precision_recall(predicted: dict, truth: dict) -> tuple[float, float]:
    """Pairwise precision and recall of a mention clustering against the truth.

    Only mentions in `truth` count; a mention missing from `predicted` (unresolved) is a singleton.
    A pair is predicted-same when both mentions got the same person id.  Empty denominators -> 1.0.
    """
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    pred = {m: predicted.get(m, ("__singleton__", m)) for m in truth}
    cells = Counter((pred[m], truth[m]) for m in truth)
    tp = sum(pairs(n) for n in cells.values())
    pred_pairs = sum(pairs(n) for n in Counter(pred.values()).values())
    true_pairs = sum(pairs(n) for n in Counter(truth.values()).values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    return precision, recall


# =========================================================================
# Organizations
# =========================================================================
def _get(rec, name, default=None):
    if rec is None:
        return default
    if isinstance(rec, dict):
        return rec.get(name, default)
    return getattr(rec, name, default)


def _as_id(found) -> Optional[str]:
    """Gazetteer lookups may answer an id, a record or None."""
    if found is None:
        return None
    if isinstance(found, str):
        return found
    for attr in ("org_id", "kommunekode", "id"):
        v = _get(found, attr)
        if v:
            return str(v)
    return None


def _call(obj, name: str, *args):
    """Call a gazetteer lookup if it exists; a lookup that raises for an unknown key counts as a miss."""
    fn = getattr(obj, name, None)
    if fn is None:
        return None
    try:
        return fn(*args)
    except (KeyError, LookupError, ValueError, TypeError):
        return None


def _org_text(text: str) -> str:
    text = " ".join(text.replace("\u00ad", "").split()).casefold()
    return _fold_accents(text)


def _possessive_variants(surface: str) -> list[str]:
    s = " ".join(surface.split()).strip(" .,;:*\"()")
    out = [s]
    m = re.match(r"^(.*?)[\u2019'`´]s?$", s)
    if m and m.group(1):
        out.append(m.group(1))  # DEB's, KL's, Movia'
    if s.endswith("s") and len(s) > 3:
        out.append(s[:-1])  # Danish genitive without apostrophe: "KKR Hovedstadens"
    seen, uniq = set(), []
    for v in out:
        if v and v not in seen:
            seen.add(v)
            uniq.append(v)
    return uniq


class _Orgs:
    def __init__(self, gazetteer):
        self.gaz = gazetteer
        self.records: dict[str, OrgRecord] = {}
        self.choices: list[tuple[str, str]] = []  # (matching text, org_id), sorted
        self.cache: dict[tuple, OrgRecord] = {}
        self.muni_cache: dict[str, Optional[str]] = {}
        self.regions: dict[str, Optional[str]] = {}  # org_id -> regionskode (gazetteer)
        for attr, kind in (("councils", "council"), ("bodies", "body"), ("parties", "party")):
            table = _get(gazetteer, attr) or {}
            items = table.items() if isinstance(table, dict) else ((_get(r, "org_id"), r) for r in table)
            for key, rec in sorted(items, key=lambda kv: str(kv[0])):
                oid = _get(rec, "org_id") or key  # parties are keyed by letter
                if not oid:
                    continue
                r = self._record(str(oid), rec, kind)
                self.records[r.org_id] = r
                self.regions[r.org_id] = _get(rec, "regionskode")
                if kind != "party":
                    for text in {r.name, r.short_name or "", *r.aliases}:
                        if text:
                            self.choices.append((_org_text(text), r.org_id))
        self.choices.sort()
        self._texts = [c[0] for c in self.choices]
        self._nospace = [c[0].replace(" ", "") for c in self.choices]

    @staticmethod
    def _record(oid: str, rec, kind: str) -> OrgRecord:
        return OrgRecord(
            org_id=oid,
            name=_get(rec, "name") or oid,
            kind=_get(rec, "kind") if _get(rec, "kind") in ("council", "body", "party") else kind,
            short_name=_get(rec, "short_name"),
            aliases=sorted(set(_get(rec, "aliases") or [])),
            classification=_get(rec, "classification"),
            letter=_get(rec, "letter"),
            kommunekode=_get(rec, "kommunekode"),
        )

    def record_for_id(self, oid: str, surface: str, kind: str) -> OrgRecord:
        if oid in self.records:
            return self.records[oid]
        r = OrgRecord(org_id=oid, name=display_name(surface) or oid, kind=kind)
        self.records[oid] = r
        return r

    def municipality(self, surface: Optional[str]) -> Optional[str]:
        if not surface:
            return None
        if surface not in self.muni_cache:
            code = None
            s = " ".join(surface.split()).strip(" ,.")
            base = re.sub(r"\s+(?:Regions)?[Kk]ommune$", "", s)
            variants = [s, base, base + " Kommune"] + ([base[:-1], base[:-1] + " Kommune"] if base.endswith("s") else [])
            for v in variants:
                code = _as_id(_call(self.gaz, "lookup_municipality", v))
                if code:
                    break
            self.muni_cache[surface] = code
        return self.muni_cache[surface]

    def party(self, letter: str, kommunekode: Optional[str]) -> OrgRecord:
        letter = letter.strip().strip("()").strip()
        key = ("party", letter, kommunekode)
        if key in self.cache:
            return self.cache[key]
        found = _call(self.gaz, "lookup_party", letter, kommunekode)
        oid = _as_id(found)
        if oid is not None and oid not in self.records and not isinstance(found, str):
            self.records[oid] = self._record(oid, found, "party")  # e.g. a local list made on demand
        if oid is None and len(letter) > 2:
            oid = self._lookup(letter)
        if oid is None:
            oid = f"party:local:{kommunekode}:{letter}" if kommunekode else "party:" + letter
            rec = OrgRecord(org_id=oid, name=letter, kind="party", letter=letter if len(letter) <= 2 else None,
                            kommunekode=kommunekode)
            self.records.setdefault(oid, rec)
        rec = self.record_for_id(oid, letter, "party")
        if rec.kind == "party" and rec.letter is None and len(letter) <= 2:
            rec.letter = letter
        self.cache[key] = rec
        return rec

    def _lookup(self, surface: str, region: Optional[str] = None) -> Optional[str]:
        fn = getattr(self.gaz, "lookup_org", None)
        if fn is None:
            return None
        found = None
        try:
            found = fn(surface, region) if region else fn(surface)
        except TypeError:  # a lookup without the region parameter
            found = _call(self.gaz, "lookup_org", surface)
        except (KeyError, LookupError, ValueError):
            found = None
        oid = _as_id(found)
        if oid is not None and oid not in self.records and not isinstance(found, str):
            self.records[oid] = self._record(oid, found, "body")
            self.regions[oid] = _get(found, "regionskode")
        return oid

    def _fuzzy(self, surface: str, region: Optional[str] = None) -> Optional[str]:
        """Best gazetteer body/council above ORG_FUZZY_THRESHOLD; a tie between different
        organizations is settled by the document's region, else no match (never guessed)."""
        text = _org_text(surface)
        if len(text) < ORG_FUZZY_MIN_LEN or not self.choices:
            return None
        best, best_ids = 0.0, set()
        nospace = text.replace(" ", "")
        for i, choice in enumerate(self._texts):
            if abs(len(choice) - len(text)) > max(len(text), len(choice)) // 3:
                continue
            s = max(fuzz.ratio(nospace, self._nospace[i]), fuzz.token_sort_ratio(text, choice))
            if s > best:
                best, best_ids = s, {self.choices[i][1]}
            elif s == best:
                best_ids.add(self.choices[i][1])
        if best < ORG_FUZZY_THRESHOLD or not best_ids:
            return None
        return self._one(best_ids, region)

    def _one(self, ids: set, region: Optional[str]) -> Optional[str]:
        if len(ids) == 1:
            return next(iter(ids))
        if region:
            local = sorted(i for i in ids if str(self.regions.get(i) or "") == region)
            if len(local) == 1:
                return local[0]
        return None

    def resolve(self, ref: OrgRef, kommunekode: Optional[str] = None, region: Optional[str] = None) -> OrgRecord:
        if ref.kind == "party":
            if ref.org_id and ref.org_id in self.records:
                return self.records[ref.org_id]
            return self.party(ref.surface, kommunekode)
        key = (ref.kind, ref.org_id, " ".join(ref.surface.split()).casefold(), region)
        if key in self.cache:
            return self.cache[key]
        rec = None
        if ref.org_id:
            rec = self.record_for_id(ref.org_id, ref.surface, ref.kind)
        else:
            variants = _possessive_variants(ref.surface)
            for v in variants:
                oid = self._lookup(v, region)
                if oid:
                    rec = self.record_for_id(oid, v, ref.kind)
                    break
            if rec is None:
                for v in variants:
                    oid = self._fuzzy(v, region)
                    if oid:
                        rec = self.record_for_id(oid, v, ref.kind)
                        break
            if rec is None:
                name = display_name(variants[1] if len(variants) > 1 and re.search(r"['\u2019`´]s?$", variants[0])
                                    else variants[0]) or ref.surface
                prefix = "council:" if ref.kind == "council" else "body:"
                rec = self.record_for_id(prefix + slugify(name), name, ref.kind)
        self.cache[key] = rec
        return rec


# =========================================================================
# Persons
# =========================================================================
@dataclass
class _Mention:
    m: PersonMention
    doc_id: str
    form: str  # display form
    tokens: tuple[str, ...]
    key: str
    party: Optional[str]
    muni: Optional[str]
    date: Optional[str]
    orgs: frozenset  # body org ids (councils and parties left out: they say little about identity)
    roles: tuple[str, ...]
    attending: bool  # listed in the document's attendance list

    @property
    def richness(self) -> int:
        return (self.party is not None) + (self.muni is not None) + (len(self.orgs) > 0)


@dataclass
class _Cluster:
    """One written full name (and, for known persons, its aliases) with the context of its mentions."""

    idx: int
    key: str
    tokens: tuple[str, ...]
    keys: set = field(default_factory=set)  # every name key (known persons: aliases too)
    forms: Counter = field(default_factory=Counter)
    mentions: list = field(default_factory=list)
    known: Optional[KnownPerson] = None
    parties: set = field(default_factory=set)
    munis: set = field(default_factory=set)
    dates: set = field(default_factory=set)
    orgs: set = field(default_factory=set)
    attend_docs: set = field(default_factory=set)
    docs: set = field(default_factory=set)

    def absorb(self, x: _Mention) -> None:
        self.mentions.append(x)
        self.forms[x.form] += 1
        self.docs.add(x.doc_id)
        if x.party:
            self.parties.add(x.party)
        if x.muni:
            self.munis.add(x.muni)
        if x.date:
            self.dates.add(x.date)
        self.orgs |= x.orgs
        if x.attending:
            self.attend_docs.add(x.doc_id)

    def sort_key(self) -> tuple:
        return (self.known.person_id if self.known else "~", self.key, self.idx)


def _relation(p1, m1, d1, o1, a1, p2, m2, d2, o2, a2) -> tuple[bool, int, int]:
    """Context of two sides -> (contradicts, context score, disagreements)."""
    party_dis = bool(p1 and p2 and not (p1 & p2))
    muni_dis = bool(m1 and m2 and not (m1 & m2))
    score = 0
    if p1 & p2:
        score += PARTY_AGREE
    if party_dis:
        score += PARTY_DISAGREE
    if m1 & m2:
        score += MUNI_AGREE
    if muni_dis:
        score += MUNI_DISAGREE
    score += SHARED_ORG * min(SHARED_ORG_MAX, len(o1 & o2))
    disagreements = party_dis + muni_dis
    contradicts = (party_dis and muni_dis) or bool(d1 & d2 and disagreements) or bool(a1 & a2)
    return contradicts, score, disagreements


def _mention_vs_cluster(x: _Mention, c: _Cluster):
    return _relation({x.party} - {None}, {x.muni} - {None}, {x.date} - {None}, set(x.orgs),
                     {x.doc_id} if x.attending else set(),
                     c.parties, c.munis, c.dates, c.orgs, c.attend_docs)


def _group_ctx(clusters: list[_Cluster]):
    p, m, d, o, a = set(), set(), set(), set(), set()
    for c in clusters:
        p |= c.parties
        m |= c.munis
        d |= c.dates
        o |= c.orgs
        a |= c.attend_docs
    return p, m, d, o, a


def _cluster_vs_cluster(a: _Cluster, b: _Cluster):
    return _relation(a.parties, a.munis, a.dates, a.orgs, a.attend_docs,
                     b.parties, b.munis, b.dates, b.orgs, b.attend_docs)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _PartialIndex:
    clusters: list
    by_initial: dict
    by_doc: dict
    group_of_cluster: dict
    group_members: dict
    records: dict
    _ctx: dict = field(default_factory=dict)
    _keys: dict = field(default_factory=dict)

    def ctx(self, root: int):
        if root not in self._ctx:
            members = [self.clusters[i] for i in self.group_members[root]]
            docs = set().union(*(c.docs for c in members))
            self._ctx[root] = (*_group_ctx(members), docs)
        return self._ctx[root]

    def key_tokens(self, c: "_Cluster"):
        if c.idx not in self._keys:
            self._keys[c.idx] = [tuple(k.split()) for k in sorted(c.keys)]
        return self._keys[c.idx]


class Resolver:
    """Resolves every person mention and organization reference of a run, together.

    Pure and deterministic: same documents, known persons and judgements -> same ids.
    """

    def __init__(self, gazetteer, known_persons: Iterable[KnownPerson] = (), judgements: Optional[Judgements] = None):
        self.gazetteer = gazetteer
        self.known = sorted(known_persons, key=lambda k: k.person_id)
        self.judgements = judgements if judgements is not None else Judgements()
        self._orgs = _Orgs(gazetteer)
        self._candidates: list[CandidatePair] = []
        self._graph_merges: list[tuple[str, str]] = []

    # ------------------------------------------------------------ public
    def review_candidates(self) -> list[CandidatePair]:
        """Pairs in the uncertain band of the last resolve_all (not merged), best score first."""
        return list(self._candidates)

    def graph_merges(self) -> list[tuple[str, str]]:
        """(kept_id, absorbed_id) for known persons merged by this run (only a `same` judgement does that)."""
        return list(self._graph_merges)

    def resolve_all(self, docs: list[DocumentFacts]) -> list[ResolvedDocument]:
        orgs_per_doc = [self._resolve_orgs(d) for d in docs]
        mentions_per_doc = [self._collect_mentions(d, o) for d, o in zip(docs, orgs_per_doc)]
        all_mentions = sorted((x for ms in mentions_per_doc for x in ms.values()),
                              key=lambda x: (x.doc_id, x.m.mention_id))
        person_of, unresolved, records = self._resolve_persons(all_mentions)

        out = []
        for d, (org_recs, org_of, party_of), ms in zip(docs, orgs_per_doc, mentions_per_doc):
            pof = {mid: person_of[mid] for mid in sorted(ms) if mid in person_of}
            unres = [UnresolvedMention(ms[mid].m, unresolved[mid]) for mid in sorted(ms) if mid in unresolved]
            persons = [records[pid] for pid in sorted(set(pof.values()))]
            muni_of = {mid: ms[mid].muni for mid in sorted(ms) if ms[mid].muni}
            out.append(ResolvedDocument(facts=d, person_of=pof, persons=persons,
                                        orgs=[org_recs[k] for k in sorted(org_recs)], org_of=org_of,
                                        unresolved=unres, party_of=party_of, municipality_of=muni_of))
        return out

    # ------------------------------------------------------ organizations
    def _resolve_orgs(self, d: DocumentFacts):
        recs: dict[str, OrgRecord] = {}
        org_of: dict[str, str] = {}
        party_of: dict[str, str] = {}

        region = None
        if d.meeting is not None:
            council = self._orgs.resolve(d.meeting.council)
            region = str(self._orgs.regions.get(council.org_id) or "") or None

        def put(ref: OrgRef, kommunekode=None) -> OrgRecord:
            r = self._orgs.resolve(ref, kommunekode, region)
            if getattr(ref, "part_of", None) and ref.org_id is None and r.org_id != ref.part_of:
                r.part_of = ref.part_of
            recs[r.org_id] = r
            org_of.setdefault(org_key(ref.surface, ref.org_id), r.org_id)
            return r

        def muni_of(m: PersonMention) -> Optional[str]:
            return m.municipality or self._orgs.municipality(m.municipality_name)

        def party(letter, kommunekode, mention_id=None):
            if not letter:
                return
            r = self._orgs.party(letter, kommunekode)
            recs[r.org_id] = r
            if mention_id:
                party_of.setdefault(mention_id, r.org_id)

        if d.meeting is not None:
            put(d.meeting.council)
        for ms in d.memberships:
            put(ms.organization, ms.municipality or muni_of(ms.person))
            party(ms.party, ms.municipality or muni_of(ms.person), None)
        for am in d.area_memberships:
            put(am.organization, am.kommunekode)
        for c in d.concerns:
            if c.target_kind == "organization" and c.target:
                prefix = c.target.split(":", 1)[0] if ":" in c.target else ""
                if c.target in self._orgs.records:
                    recs[c.target] = self._orgs.records[c.target]
                elif prefix in ("region", "municipality"):
                    org_of.setdefault(c.target, c.target)  # reference data, not an Organization: passed through
                elif prefix in ("body", "council", "party"):
                    r = self._orgs.record_for_id(c.target, c.target.split(":", 1)[1], prefix)
                    recs[r.org_id] = r
                    org_of.setdefault(c.target, r.org_id)
                else:
                    r = put(OrgRef(surface=c.target.removeprefix("surface:")))
                    org_of.setdefault(c.target, r.org_id)
        for seat in getattr(d, "seats", None) or []:
            put(seat.organization)
            if getattr(seat, "invited", None) is not None:
                put(seat.invited)
            party(getattr(seat, "party", None), None, None)
        for m in self._doc_mentions(d):
            party(m.party, muni_of(m), m.mention_id)
        return recs, org_of, party_of

    # ------------------------------------------------------------ mentions
    @staticmethod
    def _doc_mentions(d: DocumentFacts) -> list[PersonMention]:
        seen: dict[str, PersonMention] = {}
        for m in d.mentions:
            seen.setdefault(m.mention_id, m)
        for a in d.attendance:
            seen.setdefault(a.person.mention_id, a.person)
        for ms in d.memberships:
            seen.setdefault(ms.person.mention_id, ms.person)
            if ms.replaces is not None:
                seen.setdefault(ms.replaces.mention_id, ms.replaces)
        return [seen[k] for k in sorted(seen)]

    def _collect_mentions(self, d: DocumentFacts, org_info) -> dict[str, _Mention]:
        recs, org_of, _ = org_info
        date = d.meeting.date if d.meeting else None
        party, muni, orgs, roles = defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set)
        attending = {a.person.mention_id for a in d.attendance}
        for a in d.attendance:
            if a.role:
                roles[a.person.mention_id].add(a.role)
        for ms in d.memberships:
            mid = ms.person.mention_id
            oid = org_of.get(org_key(ms.organization.surface, ms.organization.org_id))
            if oid and recs.get(oid) is not None and recs[oid].kind == "body":
                orgs[mid].add(oid)
            if ms.party:
                party[mid].add(ms.party)
            if ms.municipality:
                muni[mid].add(ms.municipality)
            if ms.role:
                roles[mid].add(ms.role)
        out = {}
        for m in self._doc_mentions(d):
            form = display_name(m.name)
            tokens = name_tokens(m.name)
            p = (m.party or "").strip().strip("()").strip().upper() or None
            if p is None and len(party[m.mention_id]) == 1:
                p = next(iter(party[m.mention_id])).strip().upper()
            k = m.municipality or self._orgs.municipality(m.municipality_name)
            if k is None and len(muni[m.mention_id]) == 1:
                k = next(iter(muni[m.mention_id]))
            out[m.mention_id] = _Mention(
                m=m, doc_id=d.doc_id, form=form, tokens=tokens, key=" ".join(tokens), party=p, muni=k, date=date,
                orgs=frozenset(orgs[m.mention_id]), roles=tuple(sorted(set(m.roles) | roles[m.mention_id])),
                attending=m.mention_id in attending)
        return out

    # ------------------------------------------------------------- persons
    def _resolve_persons(self, mentions: list[_Mention]):
        clusters: list[_Cluster] = []
        by_key: dict[str, list[_Cluster]] = defaultdict(list)
        unresolved: dict[str, str] = {}
        cluster_of: dict[str, _Cluster] = {}

        def new_cluster(key, tokens) -> _Cluster:
            c = _Cluster(idx=len(clusters), key=key, tokens=tokens, keys={key})
            clusters.append(c)
            return c

        # 0. Known persons are clusters from the start; their id never changes.
        for kp in self.known:
            tokens = name_tokens(kp.name)
            c = new_cluster(" ".join(tokens), tokens)
            c.known = kp
            c.forms[display_name(kp.name)] += 1
            for alias in kp.aliases:
                c.forms[display_name(alias)] += 1
                at = name_tokens(alias)
                if is_full_name(at):
                    c.keys.add(" ".join(at))
            for ctx in kp.contexts:
                if ctx.party:
                    c.parties.add(ctx.party.strip().upper())
                if ctx.municipality:
                    c.munis.add(ctx.municipality)
                if ctx.date:
                    c.dates.add(ctx.date)
                c.orgs |= {o for o in ctx.org_ids if o.startswith("body:") or self._is_body(o)}
            for k in sorted(c.keys):
                if is_full_name(tuple(k.split())):
                    by_key[k].append(c)

        # 1. Exact match on the normalised full name, context-rich mentions first.
        full = [x for x in mentions if is_full_name(x.tokens)]
        partial = [x for x in mentions if not is_full_name(x.tokens)]
        full.sort(key=lambda x: (-x.richness, x.date or "", x.doc_id, x.m.mention_id))
        for x in full:
            joinable = []
            for c in by_key[x.key]:
                contradicts, score, disagreements = _mention_vs_cluster(x, c)
                if not contradicts and not disagreements:
                    joinable.append((score, c))
            pick = self._pick(joinable)
            if isinstance(pick, _Cluster):
                pick.absorb(x)
                cluster_of[x.m.mention_id] = pick
            elif pick:
                unresolved[x.m.mention_id] = pick
            else:
                c = new_cluster(x.key, x.tokens)
                c.absorb(x)
                by_key[x.key].append(c)
                cluster_of[x.m.mention_id] = c

        # 2. Blocked fuzzy comparison of different full-name clusters.
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for c in clusters:
            for key in sorted(c.keys):
                toks = tuple(key.split())
                for t in toks[1:]:
                    if len(t) > 1:
                        blocks[("t", toks[0][0], t)].append(c.idx)
                blocks[("s", toks[0][0], _skeleton(toks[-1]))].append(c.idx)
        scored: dict[tuple[int, int], tuple[float, str]] = {}
        for bkey in sorted(blocks):
            members = sorted(set(blocks[bkey]))
            for i, ai in enumerate(members):
                for bi in members[i + 1:]:
                    if (ai, bi) in scored:
                        continue
                    scored[(ai, bi)] = self._score_clusters(clusters[ai], clusters[bi])

        merge_pairs, review_pairs = [], []
        looking: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for (ai, bi), (score, rel) in sorted(scored.items()):
            a, b = clusters[ai], clusters[bi]
            if rel == "none":
                continue
            keys_blocked = self.judgements.blocks(a.keys, b.keys)
            if keys_blocked:
                continue
            if score >= MERGE_THRESHOLD and not (a.known and b.known):
                merge_pairs.append((score, ai, bi, rel))
                if rel == "subset":
                    short = ai if len(a.tokens) < len(b.tokens) else bi
                    looking[short].append((score, bi if short == ai else ai))
                else:
                    looking[ai].append((score, bi))
                    looking[bi].append((score, ai))
            elif score >= REVIEW_THRESHOLD or (score >= MERGE_THRESHOLD and a.known and b.known):
                review_pairs.append((score, ai, bi, rel))

        # A shorter form with several plausible longer forms is ambiguous: never guessed.
        ambiguous: dict[int, list[int]] = {}
        chosen: dict[int, int] = {}
        for ci in sorted(looking):
            cands = sorted(looking[ci], key=lambda t: (-t[0], t[1]))
            if len(cands) == 1 or cands[0][0] - cands[1][0] >= CONTEXT_MARGIN:
                chosen[ci] = cands[0][1]
            else:
                ambiguous[ci] = [j for s, j in cands if cands[0][0] - s < CONTEXT_MARGIN]

        uf = _UnionFind(len(clusters))
        group_members: dict[int, list[int]] = {c.idx: [c.idx] for c in clusters}

        def compatible(ra: int, rb: int, forced: bool = False) -> bool:
            ga = [clusters[i] for i in group_members[ra]]
            gb = [clusters[i] for i in group_members[rb]]
            keys_a = set().union(*(c.keys for c in ga))
            keys_b = set().union(*(c.keys for c in gb))
            if self.judgements.blocks(keys_a, keys_b):
                return False
            if forced:
                return True
            if any(c.known for c in ga) and any(c.known for c in gb):
                return False
            return not any(_cluster_vs_cluster(x, y)[0] for x in ga for y in gb)

        def union(ai: int, bi: int, forced: bool = False) -> bool:
            ra, rb = uf.find(ai), uf.find(bi)
            if ra == rb:
                return True
            if not compatible(ra, rb, forced):
                return False
            uf.union(ra, rb)
            root, other = uf.find(ra), (rb if uf.find(ra) == ra else ra)
            group_members[root] = sorted(group_members[root] + group_members.pop(other))
            return True

        for score, ai, bi, rel in sorted(merge_pairs, key=lambda t: (-t[0], t[1], t[2])):
            ok = True
            for side, other in ((ai, bi), (bi, ai)):
                is_looker = rel != "subset" or len(clusters[side].tokens) < len(clusters[other].tokens)
                if is_looker and (side in ambiguous or chosen.get(side) != other):
                    ok = False
            if ok:
                union(ai, bi)

        # 3. Curator judgements: `same` forces a merge (a `not-same` still wins).
        for pair in sorted(self.judgements.same, key=lambda p: sorted(p)):
            keys = sorted(pair)
            groups = sorted({uf.find(c.idx) for c in clusters if c.keys & set(keys)})
            hit = [k for k in keys if any(k in c.keys for c in clusters)]
            if len(hit) < len(keys) or len(groups) < 2:
                continue
            for g in groups[1:]:
                union(groups[0], g, forced=True)

        # Ambiguous shorter forms that nothing merged stay unresolved (unless the graph knows them).
        dropped: set[int] = set()
        for ci, cands in sorted(ambiguous.items()):
            c = clusters[ci]
            if c.known or len(group_members.get(uf.find(ci), [])) > 1:
                continue
            dropped.add(ci)
            names = "; ".join(sorted(clusters[j].forms.most_common(1)[0][0] for j in cands))
            for x in c.mentions:
                unresolved[x.m.mention_id] = f"{len(cands)} candidates: {names}"
                cluster_of.pop(x.m.mention_id, None)

        # 4. Person records and ids.
        roots = sorted({uf.find(c.idx) for c in clusters if c.idx not in dropped})
        records_of_root: dict[int, PersonRecord] = {}
        self._graph_merges = []
        taken = {kp.person_id for kp in self.known}
        pending: dict[str, list[int]] = defaultdict(list)
        for r in roots:
            members = [clusters[i] for i in group_members[r] if i not in dropped]
            if not members or not (any(c.known for c in members) or any(c.mentions for c in members)):
                continue
            forms = Counter()
            for c in members:
                forms.update(c.forms)
            known = sorted((c.known for c in members if c.known), key=lambda k: k.person_id)
            name = self._canonical(forms, display_name(known[0].name) if known else None)
            merged = set()
            if known:
                pid = known[0].person_id
                for k in known:
                    merged |= set(k.merged_ids)
                for k in known[1:]:
                    merged.add(k.person_id)
                    self._graph_merges.append((pid, k.person_id))
            else:
                pid = "person:" + slugify(name)
                pending[pid].append(r)
            aliases = sorted({f for f in forms if f != name})
            records_of_root[r] = PersonRecord(pid, name, aliases, sorted(merged - {pid}))
        for slug in sorted(pending):
            rs = pending[slug]
            if len(rs) == 1 and slug not in taken:
                taken.add(slug)
                continue
            # Several people share the slug: a short stable hash of what tells them apart.
            labels = {}
            for r in rs:
                p, m, _, _, _ = _group_ctx([clusters[i] for i in group_members[r]])
                labels[r] = f"{','.join(sorted(p))}|{','.join(sorted(m))}"
            counts = Counter(labels.values())
            for r in rs:
                label = labels[r]
                if counts[label] > 1 or slug + "-" + _short_hash(label) in taken:
                    first = min(x.m.mention_id for i in group_members[r] for x in clusters[i].mentions)
                    label += "|" + first
                pid = slug + "-" + _short_hash(label)
                taken.add(pid)
                records_of_root[r].person_id = pid

        # 5. Mentions -> persons.
        person_of: dict[str, str] = {}
        for mid, c in sorted(cluster_of.items()):
            r = uf.find(c.idx)
            if r in records_of_root:
                person_of[mid] = records_of_root[r].person_id

        # 6. Partial forms (initials, single tokens): exactly one plausible candidate, or unresolved.
        group_of_cluster = {c.idx: uf.find(c.idx) for c in clusters if c.idx not in dropped}
        by_initial: dict[tuple, set[int]] = defaultdict(set)  # (first letter, family token) -> clusters
        by_doc: dict[tuple, set[int]] = defaultdict(set)  # (doc_id, family token) -> clusters
        for c in clusters:
            if c.idx in dropped:
                continue
            for key in c.keys:
                toks = key.split()
                for t in toks[1:]:
                    if len(t) > 1:
                        by_initial[(toks[0][0], t)].add(c.idx)
                        for doc in c.docs:
                            by_doc[(doc, t)].add(c.idx)
        part = _PartialIndex(clusters, by_initial, by_doc, group_of_cluster, group_members, records_of_root)
        for x in sorted(partial, key=lambda x: (x.doc_id, x.m.mention_id)):
            reason_or_root = self._resolve_partial(x, part)
            if isinstance(reason_or_root, int) and reason_or_root in records_of_root:
                rec = records_of_root[reason_or_root]
                person_of[x.m.mention_id] = rec.person_id
                if x.form != rec.name and x.form not in rec.aliases:
                    rec.aliases = sorted(rec.aliases + [x.form])
            else:
                unresolved[x.m.mention_id] = str(reason_or_root)

        # 7. Review candidates (uncertain band), in final ids.
        self._candidates = self._review(review_pairs, clusters, uf, records_of_root)
        records = {rec.person_id: rec for rec in records_of_root.values()}
        return person_of, unresolved, records

    # ----------------------------------------------------------- helpers
    def _is_body(self, oid: str) -> bool:
        r = self._orgs.records.get(oid)
        return r is not None and r.kind == "body"

    @staticmethod
    def _pick(scored: list):
        """One clearly best candidate -> it; none -> None; several -> a one-line reason."""
        if not scored:
            return None
        scored = sorted(scored, key=lambda t: (-t[0], t[1].idx))
        if len(scored) == 1 or scored[0][0] - scored[1][0] >= CONTEXT_MARGIN:
            return scored[0][1]
        close = [c for s, c in scored if scored[0][0] - s < CONTEXT_MARGIN]
        return f"{len(close)} candidates with the same name and no telling context"

    @staticmethod
    def _score_clusters(a: _Cluster, b: _Cluster) -> tuple[float, str]:
        contradicts, ctx, _ = _cluster_vs_cluster(a, b)
        if contradicts:
            return 0.0, "none"
        best, rel = 0.0, "none"
        for ka in sorted(a.keys):
            for kb in sorted(b.keys):
                s, r = name_score(tuple(ka.split()), tuple(kb.split()))
                if s > best:
                    best, rel = s, r
        if rel == "none":
            return 0.0, "none"
        if rel == "exact":  # same written name kept apart by one disagreeing fact: a curator decides
            return float(min(best + ctx, MERGE_THRESHOLD - 1)), "exact"
        return best + ctx, rel

    @staticmethod
    def _canonical(forms: Counter, prefer: Optional[str] = None) -> str:
        """The most complete written form: most full tokens, then most tokens; among equally complete
        forms the kept known person's current name, then the most frequent, then the longest."""
        def rank(f: str):
            toks = name_tokens(f)
            return (is_full_name(toks), sum(len(t) > 1 for t in toks), len(toks), f == prefer, forms[f], len(f))
        return max(sorted(forms), key=rank)

    @staticmethod
    def _resolve_partial(x: _Mention, ix: "_PartialIndex"):
        toks = x.tokens
        clusters = ix.clusters
        if not toks:
            return "no name left after normalisation"
        if len(toks) == 1:
            kind = "single name"
            cand_clusters = ix.by_doc.get((x.doc_id, toks[0]), set())
            if not cand_clusters:
                return f"{kind} only, no full name in the same document"
        else:
            kind = "initials"
            cand_clusters = set()
            for i in ix.by_initial.get((toks[0][0], toks[-1]), ()):
                c = clusters[i]
                if any(_in_order(toks, kt) and toks[-1] in kt[1:] for kt in ix.key_tokens(c)):
                    cand_clusters.add(i)
            if not cand_clusters:
                return f"{kind} only, no candidate"
        roots = sorted({ix.group_of_cluster[i] for i in cand_clusters})
        mctx = ({x.party} - {None}, {x.muni} - {None}, {x.date} - {None}, set(x.orgs),
                {x.doc_id} if x.attending else set())
        scored = []
        for g in roots:
            p, m, d, o, a, docs = ix.ctx(g)
            contradicts, score, _ = _relation(*mctx, p, m, d, o, a)
            if contradicts:
                continue
            scored.append((score, x.doc_id in docs, g))
        if not scored:
            return f"{kind} only, every candidate contradicts the context"
        local = [t for t in scored if t[1]]
        if kind == "initials" and len(local) == 1:
            return local[0][2]
        pool = local if kind == "single name" else scored
        pool = sorted(pool, key=lambda t: (-t[0], t[2]))
        if len(pool) == 1 or pool[0][0] - pool[1][0] >= CONTEXT_MARGIN:
            return pool[0][2]
        names = sorted(ix.records[g].name if g in ix.records else str(g) for _, _, g in pool)
        return f"{kind} only, {len(pool)} candidates: {'; '.join(names)}"

    def _review(self, review_pairs, clusters, uf, records_of_root) -> list[CandidatePair]:
        out: dict[tuple[str, str], CandidatePair] = {}
        for score, ai, bi, rel in sorted(review_pairs, key=lambda t: (-t[0], t[1], t[2])):
            ra, rb = uf.find(ai), uf.find(bi)
            if ra == rb or ra not in records_of_root or rb not in records_of_root:
                continue
            a, b = records_of_root[ra], records_of_root[rb]
            if (a.person_id, b.person_id) > (b.person_id, a.person_id):
                a, b, ai, bi = b, a, bi, ai
            key = (a.person_id, b.person_id)
            if key in out:
                continue
            ev = []
            for i in (ai, bi):
                ms = sorted(clusters[i].mentions, key=lambda x: (x.doc_id, x.m.evidence.line))
                ev.extend(x.m.evidence for x in ms[:2])
            ca, cb = clusters[ai], clusters[bi]
            why = {"exact": "same name, one disagreeing fact", "subset": "shorter form of the name",
                   "fuzzy": "similar spelling"}.get(rel, rel)
            if ca.known and cb.known:
                why += "; both already in the graph"
            ctx = []
            if ca.parties or cb.parties:
                ctx.append(f"party {'/'.join(sorted(ca.parties)) or '?'} vs {'/'.join(sorted(cb.parties)) or '?'}")
            if ca.munis or cb.munis:
                ctx.append(f"municipality {'/'.join(sorted(ca.munis)) or '?'} vs {'/'.join(sorted(cb.munis)) or '?'}")
            reason = why + (" (" + ", ".join(ctx) + ")" if ctx else "")
            out[key] = CandidatePair(a.person_id, a.name, b.person_id, b.name, round(float(score), 1), ev, reason)
        return sorted(out.values(), key=lambda c: (-c.score, c.a_id, c.b_id))
