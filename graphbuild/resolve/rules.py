"""Rules and thresholds of person and organisation resolution (see docs/resolution.md), and how the context of
two sides (party, municipality, meeting dates, bodies, attended documents) agrees or contradicts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Protocol

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


@dataclass(frozen=True)
class Context:
    """What is known about one side besides the name: sets of party letters, kommunekoder, meeting dates,
    body org_ids and the documents whose attendance list names it."""

    parties: frozenset = frozenset()
    munis: frozenset = frozenset()
    dates: frozenset = frozenset()
    orgs: frozenset = frozenset()
    attended: frozenset = frozenset()

    def __or__(self, other: "Context") -> "Context":
        return Context(self.parties | other.parties, self.munis | other.munis, self.dates | other.dates,
                       self.orgs | other.orgs, self.attended | other.attended)


class HasContext(Protocol):
    """A Context, or anything carrying the same five sets (a cluster of mentions)."""

    parties: AbstractSet[str]
    munis: AbstractSet[str]
    dates: AbstractSet[str]
    orgs: AbstractSet[str]
    attended: AbstractSet[str]


@dataclass(frozen=True)
class Relation:
    contradicts: bool  # both party and municipality disagree, or one does on the same date, or both attended one meeting
    score: int  # context score added to the name score
    disagreements: int  # how many of party / municipality disagree


def relation(a: HasContext, b: HasContext) -> Relation:
    """How the contexts of two sides agree."""
    party_dis = bool(a.parties and b.parties and not (a.parties & b.parties))
    muni_dis = bool(a.munis and b.munis and not (a.munis & b.munis))
    score = 0
    if a.parties & b.parties:
        score += PARTY_AGREE
    if party_dis:
        score += PARTY_DISAGREE
    if a.munis & b.munis:
        score += MUNI_AGREE
    if muni_dis:
        score += MUNI_DISAGREE
    score += SHARED_ORG * min(SHARED_ORG_MAX, len(a.orgs & b.orgs))
    disagreements = party_dis + muni_dis
    contradicts = (party_dis and muni_dis) or bool(a.dates & b.dates and disagreements) or bool(a.attended & b.attended)
    return Relation(contradicts, score, disagreements)
