"""The one gazetteer: regions, municipalities, parties, bodies, roles, health clusters, and their loader.

The data live in ``graphbuild/data/`` (CSV with header / JSON lines, UTF-8): every Danish word list the package
uses is read from there, here, once. Standard library only. Every stage gets the Gazetteer passed explicitly
(the pipeline loads it once); tests build a small real one with ``Gazetteer.from_rows(...)`` (rows as in the
data files).

    gz = load_gazetteer()                       # cached: one per process
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
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

__all__ = ["Region", "Municipality", "Party", "Body", "HealthClusterRow", "Gazetteer", "load_gazetteer", "normalize",
           "data_rows", "region_short_names", "region_alternation"]

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


DATA_FILES = {"regions": "regions.csv", "municipalities": "municipalities.csv", "parties": "parties.csv",
              "bodies": "bodies.jsonl", "roles": "roles.csv", "health_clusters": "health_clusters.csv",
              "abbreviations": "abbreviations.csv"}
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


def data_rows(name: str, folder: Optional[Path] = None) -> list[dict]:
    """The rows of one data file (CSV with a header row, or JSON lines) of `folder`, else of graphbuild/data/."""
    if folder is not None and (Path(folder) / name).exists():
        text = (Path(folder) / name).read_text(encoding="utf-8")
    else:
        text = resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def _org_word_rows() -> tuple[dict, ...]:
    text = resources.files("graphbuild").joinpath("data", "org_words.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(l for l in text.splitlines() if not l.startswith("#")))


def org_words(name: str) -> tuple[str, ...]:
    """graphbuild/data/org_words.csv: the words of one list, in file order (the lists: data/README.md)."""
    found = tuple(r["word"] for r in _org_word_rows() if r["list"] == name)
    if not found:
        raise KeyError(f"org_words.csv has no list {name!r}")
    return found


def org_word_values(name: str) -> dict[str, str]:
    """One org_words.csv list as word -> value (generic_body: the definite noun -> its indefinite form)."""
    return {r["word"]: r["value"] for r in _org_word_rows() if r["list"] == name}


def org_word_alternation(name: str) -> str:
    """The words of one org_words.csv list as a regex alternation, in file order."""
    return "|".join(re.escape(w) for w in org_words(name))


def _aliases(v: Any) -> tuple[str, ...]:
    """'a|b' (CSV) or a list (JSON lines) -> a tuple."""
    if isinstance(v, str):
        return _split(v)
    return tuple(a for a in (v or ()) if a)


def _with_abbreviations(orgs: list["Body"], rows: Iterable[dict]) -> list["Body"]:
    """abbreviations.csv (abbreviation, name): each abbreviation an alias of the bodies called `name` (by name or
    alias; several regional variants stay ambiguous, as their shared names are)."""
    by_name: dict[str, list[str]] = {}
    for r in rows:
        by_name.setdefault(normalize(r["name"]), []).append(r["abbreviation"].strip())
    if not by_name:
        return orgs
    out = []
    for b in orgs:
        extra = [a for s in (b.name, *b.aliases) for a in by_name.get(normalize(s), ())]
        new = tuple(a for a in dict.fromkeys(extra) if a not in b.aliases and a != b.short_name)
        out.append(replace(b, aliases=b.aliases + new) if new else b)
    return out


def _flag(v: Optional[str], default: bool = True) -> bool:
    return default if v is None or not str(v).strip() else str(v).strip().casefold() in ("yes", "true", "1")


def _surfaces(rec) -> list[str]:
    out = [rec.name, getattr(rec, "short_name", None) or "", *rec.aliases]
    return [s for s in dict.fromkeys(out) if s]


class Gazetteer:
    """Typed lookups over the curated records. Immutable after construction; equal when built from the same data
    (so a copy sent to a worker process finds the spaCy pipeline built for the original)."""

    def __init__(self, regions: Iterable[Region], municipalities: Iterable[Municipality], parties: Iterable[Party],
                 orgs: Iterable[Body], roles: Mapping[str, str], health_clusters: Iterable[HealthClusterRow] = (),
                 ruler_roles: Optional[Iterable[str]] = None, role_uses: Optional[Mapping[str, str]] = None):
        regions, municipalities, parties = list(regions), list(municipalities), list(parties)
        self.regions: dict[str, Region] = {r.regionskode: r for r in regions}
        self.municipalities: dict[str, Municipality] = {m.kommunekode: m for m in municipalities}
        self.parties: dict[str, Party] = {p.letter: p for p in parties}
        orgs = list(orgs)
        self.councils: dict[str, Body] = {b.org_id: b for b in orgs if b.kind == "council"}
        self.bodies: dict[str, Body] = {b.org_id: b for b in orgs if b.kind != "council"}
        self.orgs: dict[str, Body] = {b.org_id: b for b in orgs}
        self.roles: dict[str, str] = {normalize(k): v for k, v in roles.items()}  # surface -> canonical role
        # role surfaces the EntityRuler tags ROLE (the rest only head role phrases: "konsulent", "chef")
        self.ruler_roles: frozenset[str] = frozenset(self.roles if ruler_roles is None else map(normalize, ruler_roles))
        # role surface -> what extraction uses it for (roles.csv "uses": title, title_kept, council_list, seat,
        # attendance_prefix)
        self.role_uses: dict[str, frozenset[str]] = {normalize(k): frozenset(_split(v))
                                                     for k, v in (role_uses or {}).items() if _split(v)}
        self._by_use: dict[str, frozenset[str]] = {
            u: frozenset(s for s, us in self.role_uses.items() if u in us) for us in self.role_uses.values() for u in us}
        self.health_clusters: list[HealthClusterRow] = list(health_clusters)
        self._local_parties: dict[tuple[str, str], Party] = {}
        self._fingerprint = hash((tuple(regions), tuple(municipalities), tuple(parties), tuple(orgs),
                                  tuple(sorted(self.roles.items())), self.ruler_roles,
                                  tuple(sorted(self.role_uses.items(), key=lambda kv: kv[0])), tuple(self.health_clusters)))

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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Gazetteer) and (self is other or (
            self._fingerprint == other._fingerprint and self.regions == other.regions
            and self.municipalities == other.municipalities and self.parties == other.parties
            and self.orgs == other.orgs and self.roles == other.roles and self.ruler_roles == other.ruler_roles
            and self.role_uses == other.role_uses))

    def __hash__(self) -> int:
        return self._fingerprint

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_local_parties"] = {}  # made on demand, the same again
        return state

    @classmethod
    def from_rows(cls, *, regions: Iterable[dict] = (), municipalities: Iterable[dict] = (),
                  parties: Iterable[dict] = (), bodies: Iterable[dict] = (), roles: Iterable[dict] = (),
                  health_clusters: Iterable[dict] = (), abbreviations: Iterable[dict] = ()) -> "Gazetteer":
        """A gazetteer from rows shaped like the data files' (regions.csv, municipalities.csv, parties.csv,
        bodies.jsonl, roles.csv, health_clusters.csv, abbreviations.csv); aliases as 'a|b' or a list, optional
        columns may be left out. An abbreviation becomes an alias of every body its name names."""
        regs = [Region(str(r["regionskode"]), r.get("region_id") or f"region:{r['regionskode']}", r["name"],
                       r.get("short_name") or r["name"], _aliases(r.get("aliases"))) for r in regions]
        munis = [Municipality(str(r["kommunekode"]), r.get("municipality_id") or f"municipality:{r['kommunekode']}",
                              r["name"], r.get("short_name") or r["name"], str(r["regionskode"]),
                              _aliases(r.get("aliases"))) for r in municipalities]
        parts = [Party(r.get("org_id") or f"party:{r['letter']}", r["letter"], r["name"], r.get("short_name") or None,
                       _aliases(r.get("aliases"))) for r in parties]
        orgs = [Body(org_id=d["org_id"], name=d["name"], short_name=d.get("short_name"),
                     aliases=_aliases(d.get("aliases")), classification=d.get("classification") or "",
                     kind=d.get("kind") or "body", regionskode=_code(d.get("regionskode")),
                     display_name=d.get("display_name")) for d in bodies]
        orgs = _with_abbreviations(orgs, abbreviations)
        roles = list(roles)
        role_map = {normalize(r["surface"]): r["canonical"] for r in roles}
        ruler = [r["surface"] for r in roles if _flag(r.get("ruler"))]
        uses = {r["surface"]: r.get("uses") or "" for r in roles}
        clusters = [HealthClusterRow(str(r["kommunekode"]), r["municipality"], r["cluster_org_id"], str(r["regionskode"]),
                                     r.get("source_file") or "", int(r.get("source_line") or 0))
                    for r in health_clusters]
        return cls(regs, munis, parts, orgs, role_map, clusters, ruler, uses)

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
            return self.parties.get(s.upper())
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

    def role_words(self) -> list[str]:
        """Every role surface longer than three letters, lower case: what heads a role phrase."""
        return sorted(w for w in self.roles if len(w) > 3)

    def roles_used_as(self, use: str) -> frozenset[str]:
        """The role surfaces (lower case) roles.csv marks with `use` in its "uses" column: "title" (written
        before a name, never part of it), "title_kept" (such a title is also the mention's role), "council_list"
        (a role a council's member list keeps; other roles there are "medlem"), "seat" (names the seat of an
        appointment: its canonical role is the membership's role), "attendance_prefix" (a title written before a
        member's name in an attendance list, cut off the name)."""
        return self._by_use.get(use, frozenset())

    def party_letter(self, surface: Optional[str]) -> Optional[str]:
        """A party's letter from its letter ('A', 'SF' as written) or any of its names ('Socialdemokratiet')."""
        if not surface:
            return None
        s = surface.strip()
        if len(s) <= 2 and s.isupper():
            return s
        party = self.lookup_party(s)
        return party.letter if party is not None else None

    def council_named(self, name: Optional[str]) -> Optional[Body]:
        """A council by its org_id or exact name (structure's canonical council names)."""
        if not name:
            return None
        found = self.councils.get(name)
        return found or next((c for c in self.councils.values() if c.name == name), None)

    def region_of(self, org_id: Optional[str]) -> Optional[str]:
        """The regionskode of a regional council or body, if it has one."""
        rec = self.orgs.get(org_id) if org_id else None
        return rec.regionskode if rec is not None else None

    # ------------------------------------------------------------------ spaCy
    def entity_ruler_patterns(self) -> list[dict]:
        """EntityRuler patterns for every surface form; meant for phrase_matcher_attr="LOWER".

        ids: MUNICIPALITY -> kommunekode, REGION -> regionskode, COUNCIL/BODY/PARTY -> org_id, ROLE -> canonical
        role. Surfaces shared by several organizations get no id.
        """
        pats: list[dict] = []
        seen: set[str] = set()

        def add(label: str, text: str, pid: Optional[str]):
            if "'" in text or "\u2019" in text:  # "KL's" and "KL’s": a typographic apostrophe is the same name
                for variant in {text.replace("\u2019", "'"), text.replace("'", "\u2019")} - {text}:
                    add_one(label, variant, pid, variant.casefold())
            add_one(label, text, pid, normalize(text))

        def add_one(label: str, text: str, pid: Optional[str], key: str):
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
            if surface in self.ruler_roles:
                add("ROLE", surface, canon)
        return pats


_TO_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@lru_cache(maxsize=2)
def region_short_names(ascii_too: bool = False) -> dict[str, str]:
    """The regions' short names (graphbuild/data/regions.csv), lower case -> as written ('sjælland' -> 'Sjælland');
    with ascii_too also their ASCII spellings ('sjaelland'). For the text patterns of reading (KKR Sjælland)."""
    out = {}
    for r in data_rows("regions.csv"):
        out[r["short_name"].lower()] = r["short_name"]
        if ascii_too:
            out[r["short_name"].lower().translate(_TO_ASCII)] = r["short_name"]
    return out


def region_alternation(ascii_too: bool = False) -> str:
    """A regex alternation of region_short_names(), longest first."""
    return "|".join(re.escape(n) for n in sorted(region_short_names(ascii_too), key=lambda n: (-len(n), n)))


@lru_cache(maxsize=4)
def load_gazetteer(folder: Optional[Path] = None) -> Gazetteer:
    """The gazetteer of graphbuild/data/ (read once per process), or of a folder holding files of the same names;
    a file the folder does not hold is read from graphbuild/data/ (tests/data/gazetteer/ holds a few regions,
    municipalities and bodies, and takes the word lists, parties and roles, from the package)."""
    if folder is not None and not Path(folder).is_dir():
        raise FileNotFoundError(f"{folder}: no such gazetteer folder")
    return Gazetteer.from_rows(**{arg: data_rows(name, folder) for arg, name in DATA_FILES.items()})
