"""Person mentions of one document with the context that tells people apart, and clusters of written names."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from ..model import DocumentFacts, KnownPerson, PersonMention, org_key
from .names import display_name, name_tokens
from .orgs import DocumentOrgs, OrgResolver
from .rules import Context


@dataclass(frozen=True)
class Mention:
    """A person mention ready for resolution."""

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

    @cached_property
    def context(self) -> Context:
        return Context(frozenset({self.party} - {None}), frozenset({self.muni} - {None}),
                       frozenset({self.date} - {None}), frozenset(self.orgs),
                       frozenset({self.doc_id}) if self.attending else frozenset())


def doc_mentions(d: DocumentFacts) -> list[PersonMention]:
    """Every person mention of a document (mentions, attendance, memberships, replaced persons), by id."""
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


def collect_mentions(d: DocumentFacts, orgs: DocumentOrgs, resolver: OrgResolver) -> dict[str, Mention]:
    """mention_id -> Mention, with the party, municipality and bodies the document's facts give each."""
    date = d.meeting.date if d.meeting else None
    party, muni, bodies, roles = defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set)
    attending = {a.person.mention_id for a in d.attendance}
    for a in d.attendance:
        if a.role:
            roles[a.person.mention_id].add(a.role)
    for ms in d.memberships:
        mid = ms.person.mention_id
        oid = orgs.org_of.get(org_key(ms.organization.surface, ms.organization.org_id))
        if oid and oid in orgs.org_ids and resolver.records[oid].kind == "body":
            bodies[mid].add(oid)
        if ms.party:
            party[mid].add(ms.party)
        if ms.municipality:
            muni[mid].add(ms.municipality)
        if ms.role:
            roles[mid].add(ms.role)
    out = {}
    for m in doc_mentions(d):
        tokens = name_tokens(m.name)
        p = (m.party or "").strip().strip("()").strip().upper() or None
        if p is None and len(party[m.mention_id]) == 1:
            p = next(iter(party[m.mention_id])).strip().upper()
        k = m.municipality or resolver.municipality(m.municipality_name)
        if k is None and len(muni[m.mention_id]) == 1:
            k = next(iter(muni[m.mention_id]))
        out[m.mention_id] = Mention(
            m=m, doc_id=d.doc_id, form=display_name(m.name), tokens=tokens, key=" ".join(tokens), party=p, muni=k,
            date=date, orgs=frozenset(bodies[m.mention_id]), roles=tuple(sorted(set(m.roles) | roles[m.mention_id])),
            attending=m.mention_id in attending)
    return out


@dataclass
class Cluster:
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
    attended: set = field(default_factory=set)  # documents whose attendance list names it
    docs: set = field(default_factory=set)

    def absorb(self, x: Mention) -> None:
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
            self.attended.add(x.doc_id)


def group_context(clusters: list[Cluster]) -> Context:
    p, m, d, o, a = set(), set(), set(), set(), set()
    for c in clusters:
        p |= c.parties
        m |= c.munis
        d |= c.dates
        o |= c.orgs
        a |= c.attended
    return Context(frozenset(p), frozenset(m), frozenset(d), frozenset(o), frozenset(a))


class UnionFind:
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
