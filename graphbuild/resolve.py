"""Resolution: person mentions and organization references -> canonical entities.

Pure: takes DocumentFacts (and what the graph already knows, as plain records),
returns ResolvedDocuments for the loader.  Never talks to the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import DocumentFacts, Evidence, PersonMention


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
