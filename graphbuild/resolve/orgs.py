"""Organisation references -> OrgRecords: the gazetteer first (exact, then possessive forms, then fuzzy against
body names), else a body of the document's own naming. Parties by letter or name, local lists per municipality."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from rapidfuzz import fuzz

from ..gazetteer import Body, Gazetteer, Party
from ..model import DocumentFacts, OrgRecord, OrgRef, PersonMention, org_key
from .names import POSSESSIVE_END, display_name, org_text, possessive_variants, slugify
from .rules import ORG_FUZZY_MIN_LEN, ORG_FUZZY_THRESHOLD


def body_record(b: Body) -> OrgRecord:
    return OrgRecord(org_id=b.org_id, name=b.name or b.org_id, kind=b.kind if b.kind in ("council", "body") else "body",
                     short_name=b.short_name, aliases=tuple(sorted(set(b.aliases))), classification=b.classification)


def party_record(p: Party) -> OrgRecord:
    return OrgRecord(org_id=p.org_id, name=p.name or p.org_id, kind="party", short_name=p.short_name,
                     aliases=tuple(sorted(set(p.aliases))), classification=p.classification, letter=p.letter,
                     kommunekode=p.kommunekode)


@dataclass(frozen=True)
class DocumentOrgs:
    """The organisations one document's facts point to (ids; the records are read at the end of the run)."""

    org_ids: frozenset[str]
    org_of: dict[str, str]  # org_key -> org_id (and reference-data targets passed through)
    party_of: dict[str, str]  # mention_id -> party org_id


class OrgResolver:
    """Every organisation of one run: records are shared by the documents and final at the end of the run."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.records: dict[str, OrgRecord] = {}
        self.regions: dict[str, Optional[str]] = {}  # org_id -> regionskode (gazetteer)
        self._cache: dict[tuple, str] = {}  # (kind, org_id, surface, region) -> org_id
        self._muni_cache: dict[str, Optional[str]] = {}
        choices: list[tuple[str, str]] = []  # (matching text, org_id)
        for table in (gazetteer.councils, gazetteer.bodies):
            for oid in sorted(table):
                r = self.records[oid] = body_record(table[oid])
                self.regions[oid] = table[oid].regionskode
                choices += [(org_text(t), oid) for t in {r.name, r.short_name or "", *r.aliases} if t]
        for letter in sorted(gazetteer.parties):
            p = gazetteer.parties[letter]
            self.records[p.org_id] = party_record(p)
            self.regions[p.org_id] = None
        self.choices = sorted(choices)
        self._texts = [c[0] for c in self.choices]
        self._nospace = [c[0].replace(" ", "") for c in self.choices]

    # ------------------------------------------------------------------ lookups
    def record_for_id(self, oid: str, surface: str, kind: str) -> OrgRecord:
        if oid not in self.records:
            self.records[oid] = OrgRecord(org_id=oid, name=display_name(surface) or oid, kind=kind)
        return self.records[oid]

    def municipality(self, surface: Optional[str]) -> Optional[str]:
        """kommunekode of a municipality as written ('Furesø Kommunes'), or None."""
        if not surface:
            return None
        if surface not in self._muni_cache:
            found = self.gaz.lookup_municipality(surface)
            self._muni_cache[surface] = found.kommunekode if found is not None else None
        return self._muni_cache[surface]

    def party(self, letter: str, kommunekode: Optional[str]) -> OrgRecord:
        letter = letter.strip().strip("()").strip()
        key = ("party", letter, kommunekode)
        if key in self._cache:
            return self.records[self._cache[key]]
        found = self.gaz.lookup_party(letter, kommunekode)
        oid = found.org_id if found is not None else None
        if found is not None and oid not in self.records:
            self.records[oid] = party_record(found)  # e.g. a local list made on demand
        if oid is None and len(letter) > 2:
            oid = self._lookup(letter)
        if oid is None:
            oid = f"party:local:{kommunekode}:{letter}" if kommunekode else "party:" + letter
            self.records.setdefault(oid, OrgRecord(org_id=oid, name=letter, kind="party", kommunekode=kommunekode,
                                                   letter=letter if len(letter) <= 2 else None))
        rec = self.record_for_id(oid, letter, "party")
        if rec.kind == "party" and rec.letter is None and len(letter) <= 2:
            rec = self.records[oid] = replace(rec, letter=letter)
        self._cache[key] = oid
        return rec

    def _lookup(self, surface: str, region: Optional[str] = None) -> Optional[str]:
        found = self.gaz.lookup_org(surface, region)
        if found is None:
            return None
        if found.org_id not in self.records:
            self.records[found.org_id] = body_record(found)
            self.regions[found.org_id] = found.regionskode
        return found.org_id

    def _fuzzy(self, surface: str, region: Optional[str] = None) -> Optional[str]:
        """Best gazetteer body/council above ORG_FUZZY_THRESHOLD; a tie between different
        organizations is settled by the document's region, else no match (never guessed)."""
        text = org_text(surface)
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
        if key not in self._cache:
            self._cache[key] = self._resolve_new(ref, region).org_id
        return self.records[self._cache[key]]

    def _resolve_new(self, ref: OrgRef, region: Optional[str]) -> OrgRecord:
        if ref.org_id:
            return self.record_for_id(ref.org_id, ref.surface, ref.kind)
        variants = possessive_variants(ref.surface)
        for find in (self._lookup, self._fuzzy):
            for v in variants:
                oid = find(v, region)
                if oid:
                    return self.record_for_id(oid, v, ref.kind)
        name = display_name(variants[1] if len(variants) > 1 and POSSESSIVE_END.search(variants[0])
                            else variants[0]) or ref.surface
        prefix = "council:" if ref.kind == "council" else "body:"
        return self.record_for_id(prefix + slugify(name), name, ref.kind)

    def set_part_of(self, oid: str, part_of: str) -> None:
        self.records[oid] = replace(self.records[oid], part_of=part_of)

    # ------------------------------------------------------------------ one document
    def document(self, d: DocumentFacts, mentions: list[PersonMention]) -> DocumentOrgs:
        """Every organisation `d` points to; `mentions`: the document's person mentions (their party letters)."""
        acc = _DocAcc(self, self._region_of(d), _placed(d))
        if d.meeting is not None:
            acc.put(d.meeting.council)
        for ms in d.memberships:
            where = ms.municipality or self._muni_of(ms.person)
            acc.put(ms.organization, where)
            acc.party(ms.party, where)
        for am in d.area_memberships:
            acc.put(am.organization, am.kommunekode)
        for c in d.concerns:
            if c.target_kind == "organization" and c.target:
                acc.concern(c.target)
        for seat in d.seats:
            acc.put(seat.organization)
            if seat.invited is not None:
                acc.put(seat.invited)
            acc.party(seat.party, None)
        for m in mentions:
            acc.party(m.party, self._muni_of(m), m.mention_id)
        return DocumentOrgs(frozenset(acc.ids), acc.org_of, acc.party_of)

    def _region_of(self, d: DocumentFacts) -> Optional[str]:
        if d.meeting is None:
            return None
        council = self.resolve(d.meeting.council)
        return str(self.regions.get(council.org_id) or "") or None

    def _muni_of(self, m: PersonMention) -> Optional[str]:
        return m.municipality or self.municipality(m.municipality_name)


def _placed(d: DocumentFacts) -> dict[str, str]:
    """The bodies the document's organisation readers placed, by name as written: a regional name its region
    picked ("Sundhedskoordinationsudvalget" -> Region Midtjylland's), an organisation awaiting review."""
    out: dict[str, str] = {}
    for o in [*d.organizations, *d.review_organizations]:
        if o.kind in ("body", "council") and o.ref_id:
            out.setdefault(" ".join(o.surface.split()).casefold(), o.ref_id)
    return out


@dataclass
class _DocAcc:
    """What one document's organisations resolve to, collected."""

    orgs: OrgResolver
    region: Optional[str]
    placed: dict = field(default_factory=dict)  # name as written (casefolded) -> org_id the document gave it
    ids: set = field(default_factory=set)
    org_of: dict = field(default_factory=dict)
    party_of: dict = field(default_factory=dict)

    def put(self, ref: OrgRef, kommunekode: Optional[str] = None) -> OrgRecord:
        placed = self._placed(ref) if ref.org_id is None and ref.kind != "party" else None
        r = self.orgs.resolve(replace(ref, org_id=placed) if placed else ref, kommunekode, self.region)
        if ref.part_of and ref.org_id is None and r.org_id != ref.part_of:
            self.orgs.set_part_of(r.org_id, ref.part_of)
        self.ids.add(r.org_id)
        self.org_of.setdefault(org_key(ref.surface, ref.org_id), r.org_id)
        return r

    def _placed(self, ref: OrgRef) -> Optional[str]:
        """The body the document's own readers placed under this name, or the one body of those the name may
        denote (regional variants: "Sundhedssamarbejdsudvalget") that the document names elsewhere."""
        placed = self.placed.get(" ".join(ref.surface.split()).casefold())
        if placed is not None:
            return placed
        named = set(self.placed.values())
        hits = {b.org_id for b in self.orgs.gaz.lookup_org_candidates(ref.surface) if b.org_id in named}
        return hits.pop() if len(hits) == 1 else None

    def party(self, letter: Optional[str], kommunekode: Optional[str], mention_id: Optional[str] = None) -> None:
        if not letter:
            return
        r = self.orgs.party(letter, kommunekode)
        self.ids.add(r.org_id)
        if mention_id:
            self.party_of.setdefault(mention_id, r.org_id)

    def concern(self, target: str) -> None:
        """An agenda item's organisation target: an org_id, reference data ('region:1084') or 'surface:...'."""
        prefix = target.split(":", 1)[0] if ":" in target else ""
        if target in self.orgs.records:
            self.ids.add(target)
        elif prefix in ("region", "municipality"):
            self.org_of.setdefault(target, target)  # reference data, not an Organization: passed through
        elif prefix in ("body", "council", "party"):
            r = self.orgs.record_for_id(target, target.split(":", 1)[1], prefix)
            self.ids.add(r.org_id)
            self.org_of.setdefault(target, r.org_id)
        else:
            r = self.put(OrgRef(surface=target.removeprefix("surface:")))
            self.org_of.setdefault(target, r.org_id)
