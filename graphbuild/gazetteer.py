"""Curated gazetteers (regions, municipalities, parties, bodies, roles, health clusters) and a tiny loader.

The data live in ``graphbuild/data/`` (CSV with header / JSON lines, UTF-8). Standard library only.

    gz = load_gazetteer()                       # cached
    gz.lookup_municipality("Københavns Kommune").kommunekode   # '101'
    gz.lookup_org("WOCO").org_id                                # 'body:woco'
    gz.lookup_org("Erhvervshuset", regionskode="1084").org_id   # 'body:erhvervshus-hovedstaden'
    gz.lookup_party("L", "270").org_id                          # 'party:local:270:L'

Codes (kommunekode, regionskode) are strings ('101', '1084'); lookups also accept ints.

Ambiguous surfaces (e.g. "Erhvervshuset", "SSU", "Klynge Nord", "KKR", "regionsrådet") are aliases of several
regional records: ``lookup_org`` resolves them only when ``regionskode`` picks exactly one, else None; their
EntityRuler patterns carry no ``id`` (resolve them with ``lookup_org(text, regionskode=...)``).
A body surface equal to a municipality or region surface (the health cluster "Bornholm") is not indexed.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional, Union

__all__ = ["Region", "Municipality", "Party", "Body", "HealthClusterRow", "Gazetteer", "load_gazetteer", "normalize"]

Code = Union[str, int, None]


@dataclass(frozen=True)
class Region:
    regionskode: str
    region_id: str
    name: str
    short_name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Municipality:
    kommunekode: str
    municipality_id: str
    name: str
    short_name: str
    regionskode: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Party:
    org_id: str
    letter: str
    name: str
    short_name: Optional[str] = None
    aliases: tuple[str, ...] = ()
    classification: str = "national party"
    kind: str = "party"
    kommunekode: Optional[str] = None  # set for local lists only
    source: str = "gazetteer"


@dataclass(frozen=True)
class Body:
    org_id: str
    name: str
    short_name: Optional[str] = None
    aliases: tuple[str, ...] = ()
    classification: str = ""
    kind: str = "body"  # "body" or "council"
    regionskode: Optional[str] = None
    display_name: Optional[str] = None
    source: str = "gazetteer"


@dataclass(frozen=True)
class HealthClusterRow:
    kommunekode: str
    municipality: str
    cluster_org_id: str
    regionskode: str
    source_file: str
    source_line: int


NATIONAL_LETTERS = frozenset("ABCDFIKMOVÆØÅ")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_ABBREV = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9]{1,6}$")
_MUNI_SUFFIX = re.compile(r"\s+(?:regionskommunes?|kommunes?)$")


def normalize(s: str) -> str:
    """Case-folded, NFC, dashes unified, whitespace collapsed, surrounding punctuation and quotes removed."""
    s = unicodedata.normalize("NFC", s).translate(_DASHES).replace("\u2019", "'")
    s = " ".join(s.split()).strip(" ,.;:\"'()*")
    return s.lower()


def _squash(s: str) -> str:
    """normalize() without spaces and hyphens: tolerant of 'Erhvervs hus', 'Svagsy- nede'."""
    return re.sub(r"[\s\-]+", "", normalize(s))


def _code(c: Code) -> Optional[str]:
    if c is None:
        return None
    s = str(c).strip()
    return s.lstrip("0") or None if s.isdigit() else None


def _split(v: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in (v or "").split("|") if a.strip())


def _rows(name: str) -> list[dict]:
    text = resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _surfaces(rec) -> list[str]:
    out = [rec.name, getattr(rec, "short_name", None) or "", *rec.aliases]
    return [s for s in dict.fromkeys(out) if s]


class Gazetteer:
    def __init__(self, regions: Iterable[Region], municipalities: Iterable[Municipality], parties: Iterable[Party],
                 orgs: Iterable[Body], roles: dict[str, str], health_clusters: Iterable[HealthClusterRow] = ()):
        self.regions: dict[str, Region] = {r.regionskode: r for r in regions}
        self.municipalities: dict[str, Municipality] = {m.kommunekode: m for m in municipalities}
        self.parties: dict[str, Party] = {p.letter: p for p in parties}
        orgs = list(orgs)
        self.councils: dict[str, Body] = {b.org_id: b for b in orgs if b.kind == "council"}
        self.bodies: dict[str, Body] = {b.org_id: b for b in orgs if b.kind != "council"}
        self.orgs: dict[str, Body] = {b.org_id: b for b in orgs}
        self.roles: dict[str, str] = dict(roles)  # lower-case surface -> canonical role
        self.health_clusters: list[HealthClusterRow] = list(health_clusters)
        self._local_parties: dict[tuple[str, str], Party] = {}

        self._muni_index: dict[str, str] = {}
        for m in self.municipalities.values():
            for s in _surfaces(m):
                self._muni_index.setdefault(normalize(s), m.kommunekode)
        self._region_index: dict[str, str] = {}
        for r in self.regions.values():
            for s in _surfaces(r):
                self._region_index.setdefault(normalize(s), r.regionskode)
        self._party_index: dict[str, str] = {}
        for p in self.parties.values():
            for s in _surfaces(p):
                if len(s) >= 2:
                    self._party_index.setdefault(normalize(s), p.letter)
        # org surfaces -> candidate org_ids (several for regional variants)
        area = set(self._muni_index) | set(self._region_index)
        self._org_index: dict[str, list[str]] = {}
        self._org_squash: dict[str, list[str]] = {}
        for b in orgs:
            for s in _surfaces(b):
                n = normalize(s)
                if n in area or len(n) < 2:
                    continue
                for index, key in ((self._org_index, n), (self._org_squash, _squash(s))):
                    ids = index.setdefault(key, [])
                    if b.org_id not in ids:
                        ids.append(b.org_id)

    # ------------------------------------------------------------------ lookups
    def lookup_municipality(self, surface: Optional[str]) -> Optional[Municipality]:
        """'København Kommune', 'Københavns Kommune', 'Bornholms Regionskommune', 'Lyngby', '101' -> record."""
        if surface is None:
            return None
        if isinstance(surface, int) or str(surface).strip().isdigit():
            return self.municipalities.get(_code(surface))
        n = normalize(str(surface))
        if not n:
            return None
        base = _MUNI_SUFFIX.sub("", n)
        for v in (n, base, base + " kommune", base[:-1] if base.endswith("s") else None,
                  base[:-2] if base.endswith("'s") else None):
            if v and v in self._muni_index:
                return self.municipalities[self._muni_index[v]]
        return None

    def lookup_region(self, surface: Code) -> Optional[Region]:
        if surface is None:
            return None
        if isinstance(surface, int) or str(surface).strip().isdigit():
            return self.regions.get(_code(surface))
        n = normalize(str(surface))
        for v in (n, n[:-1] if n.endswith("s") else None):
            if v and v in self._region_index:
                return self.regions[self._region_index[v]]
        return None

    def lookup_org_candidates(self, surface: Optional[str]) -> list[Body]:
        """Every council/body a surface may denote (exact alias, then possessive-stripped, then space/hyphen-free)."""
        if not surface:
            return []
        n = normalize(surface)
        keys = [(self._org_index, n)]
        if n.endswith("'s"):
            keys.append((self._org_index, n[:-2]))
        elif n.endswith("s") or n.endswith("'"):
            keys.append((self._org_index, n[:-1]))
        sq = _squash(surface)
        keys.append((self._org_squash, sq))
        if sq.endswith("'s"):
            keys.append((self._org_squash, sq[:-2]))
        elif sq.endswith("s"):
            keys.append((self._org_squash, sq[:-1]))
        for index, key in keys:
            if key and key in index:
                return [self.orgs[i] for i in index[key]]
        return []

    def lookup_org(self, surface: Optional[str], regionskode: Code = None) -> Optional[Body]:
        """A council or body by name/abbreviation/alias, case-insensitive; 'DEB's', 'Movias' work.

        A surface shared by regional variants resolves only with a regionskode that picks one of them.
        """
        cands = self.lookup_org_candidates(surface)
        if len(cands) == 1:
            return cands[0]
        rk = _code(regionskode)
        if rk and cands:
            hits = [c for c in cands if c.regionskode == rk]
            if len(hits) == 1:
                return hits[0]
        return None

    def lookup_party(self, letter_or_name: Optional[str], kommunekode: Code = None) -> Optional[Party]:
        """National letter or name -> national party; another single capital letter -> a local list of kommunekode."""
        if not letter_or_name:
            return None
        s = unicodedata.normalize("NFC", str(letter_or_name)).strip().strip("()").strip()
        if s.upper() in NATIONAL_LETTERS and len(s) == 1:
            return self.parties[s.upper()]
        n = normalize(s)
        if n in self._party_index and not (len(s) == 1):
            return self.parties[self._party_index[n]]
        if len(s) == 1 and s.isalpha() and s.isupper():
            muni = self.municipalities.get(_code(kommunekode)) if _code(kommunekode) else (
                self.lookup_municipality(str(kommunekode)) if kommunekode else None)
            if muni is None:
                return None
            key = (muni.kommunekode, s)
            if key not in self._local_parties:
                self._local_parties[key] = Party(
                    org_id=f"party:local:{muni.kommunekode}:{s}", letter=s, name=f"Lokalliste {s} ({muni.short_name})",
                    classification="local list", kommunekode=muni.kommunekode)
            return self._local_parties[key]
        return None

    def canonical_role(self, surface: str) -> Optional[str]:
        return self.roles.get(normalize(surface))

    # ------------------------------------------------------------------ spaCy
    def entity_ruler_patterns(self) -> list[dict]:
        """EntityRuler patterns for every surface form; meant for phrase_matcher_attr="LOWER".

        ids: MUNICIPALITY -> kommunekode, REGION -> regionskode, COUNCIL/BODY/PARTY -> org_id, ROLE -> canonical
        role. Surfaces shared by several organizations get no id.
        """
        pats: list[dict] = []
        seen: set[str] = set()

        def add(label: str, text: str, pid: Optional[str]):
            key = normalize(text)
            if not key or key in seen:
                return
            seen.add(key)
            # Abbreviations (KL, EVA, PAS, DR) match case-sensitively: a token pattern on ORTH is unaffected by
            # phrase_matcher_attr="LOWER", so "kl." (klokken), "Eva" (a name) and "pas" stay plain words.
            pattern = [{"ORTH": text}] if _ABBREV.match(text) else text
            p = {"label": label, "pattern": pattern}
            if pid:
                p["id"] = pid
            pats.append(p)

        for m in self.municipalities.values():
            for s in _surfaces(m):
                add("MUNICIPALITY", s, m.kommunekode)
        for r in self.regions.values():
            for s in _surfaces(r):
                add("REGION", s, r.regionskode)
        for b in self.orgs.values():
            for s in _surfaces(b):
                ids = self._org_index.get(normalize(s))
                if not ids:
                    continue  # an area surface
                label = "COUNCIL" if all(self.orgs[i].kind == "council" for i in ids) else "BODY"
                add(label, s, ids[0] if len(ids) == 1 else None)
        for p in self.parties.values():
            for s in _surfaces(p):
                if len(s) >= 2:
                    add("PARTY", s, p.org_id)
        for surface, canon in self.roles.items():
            add("ROLE", surface, canon)
        return pats


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    regions = [Region(str(r["regionskode"]), r["region_id"], r["name"], r["short_name"], _split(r["aliases"]))
               for r in _rows("regions.csv")]
    munis = [Municipality(str(r["kommunekode"]), r["municipality_id"], r["name"], r["short_name"], str(r["regionskode"]),
                          _split(r["aliases"])) for r in _rows("municipalities.csv")]
    parties = [Party(r["org_id"], r["letter"], r["name"], r["short_name"] or None, _split(r["aliases"]))
               for r in _rows("parties.csv")]
    text = resources.files("graphbuild").joinpath("data", "bodies.jsonl").read_text(encoding="utf-8")
    orgs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        orgs.append(Body(org_id=d["org_id"], name=d["name"], short_name=d.get("short_name"),
                         aliases=tuple(d.get("aliases") or ()), classification=d.get("classification") or "",
                         kind=d.get("kind") or "body", regionskode=_code(d.get("regionskode")),
                         display_name=d.get("display_name")))
    roles = {normalize(r["surface"]): r["canonical"] for r in _rows("roles.csv")}
    clusters = [HealthClusterRow(r["kommunekode"], r["municipality"], r["cluster_org_id"], r["regionskode"],
                                 r["source_file"], int(r["source_line"])) for r in _rows("health_clusters.csv")]
    return Gazetteer(regions, munis, parties, orgs, roles, clusters)
