"""Typed records passed between the pipeline stages.

read -> SourceText -> structure -> StructuredDocument -> extract -> DocumentFacts
      -> resolve -> Resolution (ResolvedDocument per document, review candidates, graph merges) -> load

Everything here is plain data: no I/O, no database.  The closed vocabularies (statuses, kinds, outcomes) are
the Literal types below; `vocabulary(T)` lists one, and tests/unit check code and Cypher against them.  The JSON form of
DocumentFacts is the documented, versioned output of `graphbuild extract`
(see docs/extraction.md); bump FACTS_SCHEMA_VERSION when it changes shape.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal, Optional, get_args

FACTS_SCHEMA_VERSION = 5
QUOTE_MAX = 300

# ------------------------------------------------------------- vocabularies
Layout = Literal["clean", "pdftotext", "markdown", "pdf", "html"]
MeetingDocumentKind = Literal["dagsorden", "referat", "bilag", "meeting"]
DocumentKind = Literal["dagsorden", "referat", "bilag", "meeting", "members", "news", "other"]
HintKind = Literal["meeting", "news", "members", "other", "dagsorden", "referat", "bilag"]
OrgKind = Literal["council", "body", "party"]  # an Organization node: :Council, :Body or :Party
NamedKind = Literal["council", "body", "region", "party", "municipality"]  # an organisation or area a text names
AttendanceStatus = Literal["present", "absent"]
MembershipStatus = Literal["member", "appointed", "proposed", "resigned", "reports_from", "nominated", "offered"]
SeatStatus = Literal["offered", "declined", "vacant", "invited"]
DecisionOutcome = Literal["approved", "recommended", "noted", "discussed", "postponed", "referred", "rejected", "other"]
VoteOutcome = Literal["adopted", "rejected", "recommended"]  # recommended: a committee's recommendation
ConcernsKind = Literal["person", "organization", "municipality"]
LoadStatus = Literal["loaded", "replaced", "unchanged", "failed"]


def vocabulary(literal) -> frozenset[str]:
    """The members of one of the Literal vocabularies above."""
    return frozenset(get_args(literal))


# --------------------------------------------------------------------- read
@dataclass(frozen=True)
class Line:
    """One normalised line and where it came from in the original file."""

    text: str
    line: int  # 1-based line number in the ORIGINAL file (first line of a repaired run)
    column: Optional[int] = None  # 0-based offset in that original line, when a flattened line was split
    page: Optional[int] = None  # PDF: 1-based page number
    page_line: Optional[int] = None  # PDF: 1-based line on that page (of the page's extracted text)


@dataclass
class SourceText:
    doc_id: str  # sha256 hex of the file's bytes
    path: str
    encoding: str  # utf-8, utf-8-sig, cp1252, latin-1, pdf
    layout: Layout
    lines: list[Line]
    original_line_count: int  # lines in the original file (pages*lines for PDF)
    repaired_lines: list[int] = field(default_factory=list)  # not UTF-8 in a UTF-8 file: read as cp1252
    page_starts: Optional[list[int]] = None  # PDF: the original line where each page starts (page k: [k-1])


# ---------------------------------------------------------------- structure
@dataclass
class Section:
    name: str  # Baggrund | Indstilling | Sagsfremstilling | Beslutning | Bilag | other heading
    line: int
    lines: list[Line]


@dataclass
class Item:
    number: Optional[str]  # "3.1" (no trailing dot); None: a contents list printed no number for it
    title: str
    line: int
    case_number: Optional[str] = None  # "SAG-2023-01182"
    officer: Optional[str] = None  # "gitb"
    sections: list[Section] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # every body line of the item


@dataclass
class Attachment:
    """An appendix inside a bilag bundle, grouped under its agenda item."""

    item_number: Optional[str]
    title: str
    line: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class StructuredDocument:
    source: SourceText
    kind: DocumentKind
    council: Optional[str]  # canonical council name, e.g. "KKR Hovedstaden"
    council_line: Optional[int]
    year: Optional[int]
    date: Optional[str]  # ISO yyyy-mm-dd
    time: Optional[str]  # HH:MM
    location: Optional[str]  # joined multi-line address, ", " separated
    header_line: Optional[int]  # line of "Dato:" (provenance for the meeting)
    title: str
    present: list[Line] = field(default_factory=list)  # raw lines under "Deltagere"
    absent: list[Line] = field(default_factory=list)  # raw lines under "Afbud"
    items: list[Item] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    published: Optional[str] = None  # a news item's publication date (ISO)
    published_line: Optional[int] = None
    generic_council: Optional[str] = None  # "Byrådet", "Økonomiudvalget": a council named without its municipality
    # attendance as the text states it (graphbuild/meeting/attendance.Said): absences, substitutes, partial absence
    said: list = field(default_factory=list)
    votes: list = field(default_factory=list)  # votes as stated (graphbuild/meeting/votes.StatedVote)
    decisions: list = field(default_factory=list)  # decision sections (graphbuild/meeting/decisions.StatedDecision)


@dataclass(frozen=True)
class Hints:
    """What the user says a folder holds (ingest --kind/--council/--municipality); None = read it from the text."""

    kind: Optional[HintKind] = None
    council: Optional[str] = None
    municipality: Optional[str] = None


# ------------------------------------------------------------------ extract
@dataclass(frozen=True)
class Evidence:
    doc_id: str
    line: int  # 1-based line in the original file
    quote: str  # verbatim, at most QUOTE_MAX characters
    page: Optional[int] = None  # PDF: the page (1-based) and the line on it, for a reader with a PDF viewer
    page_line: Optional[int] = None
    column: Optional[int] = None  # offset in the original line when a flattened line was split


@dataclass
class PersonMention:
    """A person as written in one place.  Resolution turns it into a Person."""

    mention_id: str  # deterministic: f"{doc_id[:16]}:{line}:{index}"
    name: str
    evidence: Evidence
    party: Optional[str] = None  # letter as written, e.g. "A"
    municipality: Optional[str] = None  # kommunekode when known
    municipality_name: Optional[str] = None  # surface form as written
    roles: list[str] = field(default_factory=list)  # role words near the name


@dataclass
class OrgRef:
    """An organization as written; org_id set when a gazetteer knew it."""

    surface: str
    org_id: Optional[str] = None
    kind: OrgKind = "body"
    part_of: Optional[str] = None  # an unknown body named as a group of a known one: that body's org_id


@dataclass
class OrgMention:
    """An organisation a reference list knows, named in the document (where first named)."""

    surface: str
    kind: NamedKind  # "municipality": "Odsherred Kommune"
    ref_id: str  # org_id, regionskode or kommunekode; "review:…" for an organisation awaiting review
    evidence: Evidence
    classification: Optional[str] = None  # what its form says it is (organisations awaiting review)


@dataclass
class AttendanceFact:
    person: PersonMention
    status: AttendanceStatus
    role: Optional[str]
    evidence: Evidence
    replaces: Optional[PersonMention] = None  # a substitute ("suppleant"): the member they stood in for (absent)
    items: Optional[str] = None  # absent for these agenda items only, as written ("129-138")


@dataclass
class MembershipFact:
    person: PersonMention
    organization: OrgRef
    role: Optional[str]  # medlem, formand, næstformand, direktør, ...; None: the text leaves it unsaid ("Valgt blev X")
    status: MembershipStatus
    evidence: Evidence
    party: Optional[str] = None  # letter of the party on whose behalf
    municipality: Optional[str] = None  # kommunekode represented
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    item_number: Optional[str] = None  # agenda item the stating line belongs to
    replaces: Optional[PersonMention] = None  # the person whose seat this takes
    # The agenda item whose decision settles this seat: an appointment item, or an item whose decision
    # names the person; None when no item states it (a role mentioned in passing, a report from a body).
    decided_in: Optional[str] = None


@dataclass
class AgendaItemFact:
    number: Optional[str]  # None: the document prints no number for the item
    title: str
    evidence: Evidence
    case_number: Optional[str] = None
    officer: Optional[str] = None
    recommendation: Optional[str] = None


@dataclass
class DecisionFact:
    item_number: Optional[str]  # None: the page shows no item for it (it belongs to the meeting or the document)
    text: str
    outcome: DecisionOutcome
    evidence: Evidence
    body: Optional[str] = None  # the body that decided or recommended, as its heading writes it ("Økonomiudvalget")
    date: Optional[str] = None  # ISO date of that body's meeting, when written (a recommendation chain)


@dataclass
class Ballot:
    """How one party or one person voted in a vote: for, against, abstained, or reserved (took reservations)."""

    position: Literal["for", "against", "abstained", "reserved"]
    evidence: Evidence
    party: Optional[str] = None  # the party as written ("A", "SF", "Radikale Venstre", "Rebildlisten")
    party_id: Optional[str] = None  # its org_id when the reference data knows it ("party:B")
    person: Optional[PersonMention] = None  # a member named as voting


@dataclass
class VoteFact:
    """A vote on a decision as the document states it (graphbuild/meeting/votes.py): the sides and who took them."""

    evidence: Evidence  # the first line that states it
    item_number: Optional[str] = None
    subject: Optional[str] = None  # "forslag til vedtagelse nr. V 67", "Ad. 1"
    body: Optional[str] = None  # a committee whose recommendation this is; None: the meeting's council
    date: Optional[str] = None  # ISO, when the vote was in another meeting (a committee's recommendation)
    outcome: Optional[VoteOutcome] = None  # None: not stated
    counts: dict = field(default_factory=dict)  # position -> number of votes as stated
    ballots: list[Ballot] = field(default_factory=list)


@dataclass
class ConcernsFact:
    item_number: str
    target_kind: ConcernsKind
    target: str  # org_id / kommunekode / mention_id
    evidence: Evidence


@dataclass
class AreaMembershipFact:
    """(Municipality)-[:MEMBER_OF]->(Body), e.g. a health cluster."""

    kommunekode: str
    organization: OrgRef
    evidence: Evidence


@dataclass
class MeetingFact:
    council: OrgRef
    date: Optional[str]
    time: Optional[str]
    location: Optional[str]
    evidence: Evidence


@dataclass
class SeatFact:
    """A seat in a body whose holder is not (yet) a person: offered to a party, declined, open for nominations."""

    organization: OrgRef
    status: SeatStatus
    evidence: Evidence
    party: Optional[str] = None  # letter of the party the seat belongs to / is offered to
    item_number: Optional[str] = None
    invited: Optional[OrgRef] = None  # who is invited to nominate (status invited)


@dataclass
class DocumentFacts:
    """Everything one document asserts.  Loaded (or rolled back) as one unit."""

    doc_id: str
    path: str
    kind: DocumentKind
    title: str
    meeting: Optional[MeetingFact] = None
    agenda_items: list[AgendaItemFact] = field(default_factory=list)
    decisions: list[DecisionFact] = field(default_factory=list)
    attendance: list[AttendanceFact] = field(default_factory=list)
    memberships: list[MembershipFact] = field(default_factory=list)
    concerns: list[ConcernsFact] = field(default_factory=list)
    area_memberships: list[AreaMembershipFact] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)  # every person mention, incl. unplaced ones
    unresolved: list[Evidence] = field(default_factory=list)  # lines we could not parse but kept
    seats: list[SeatFact] = field(default_factory=list)  # seat offers/vacancies without a person (extract)
    organizations: list[OrgMention] = field(default_factory=list)  # known organisations named (refusal test)
    # organisations no reference list knows, recognised by their form: awaiting review (not a refusal test)
    review_organizations: list[OrgMention] = field(default_factory=list)
    places: list[OrgMention] = field(default_factory=list)  # municipalities named bare, as places ("i Middelfart")
    votes: list[VoteFact] = field(default_factory=list)  # votes stated, by party or person
    date: Optional[str] = None  # ISO: the meeting's date (meeting documents), the publication date (news)
    schema_version: int = FACTS_SCHEMA_VERSION

    def to_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ resolve
def org_key(surface: str, org_id: Optional[str]) -> str:
    """How ResolvedDocument.org_of names an OrgRef: its gazetteer id, else its surface (case and spacing folded)."""
    return org_id or "surface:" + " ".join(surface.split()).casefold()


@dataclass(frozen=True)
class PersonContext:
    """What one mention says about a person besides the name."""

    party: Optional[str] = None
    municipality: Optional[str] = None  # kommunekode
    date: Optional[str] = None  # meeting date, ISO
    org_ids: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownPerson:
    """A Person already in the graph (read by the loader before resolving)."""

    person_id: str
    name: str
    aliases: tuple[str, ...] = ()
    merged_ids: tuple[str, ...] = ()
    contexts: tuple[PersonContext, ...] = ()


@dataclass(frozen=True)
class PersonRecord:
    """The final state of a Person node after this run."""

    person_id: str
    name: str
    aliases: tuple[str, ...] = ()
    merged_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrgRecord:
    org_id: str
    name: str
    kind: OrgKind
    short_name: Optional[str] = None
    aliases: tuple[str, ...] = ()
    classification: Optional[str] = None
    letter: Optional[str] = None  # parties
    kommunekode: Optional[str] = None  # local lists / municipal councils
    part_of: Optional[str] = None  # a body only documents name, named as a group of this known body


@dataclass(frozen=True)
class UnresolvedMention:
    mention: PersonMention
    reason: str  # e.g. "initials only, no candidate", "2 candidates: ..."


@dataclass(frozen=True)
class ResolvedDocument:
    facts: DocumentFacts
    person_of: dict[str, str]  # mention_id -> person_id (resolved mentions only)
    persons: tuple[PersonRecord, ...]  # every Person this document's facts point to, in final form
    orgs: tuple[OrgRecord, ...]  # every organization this document's facts point to
    org_of: dict[str, str]  # OrgRef key (see org_key) -> org_id
    unresolved: tuple[UnresolvedMention, ...] = ()
    party_of: dict[str, str] = field(default_factory=dict)  # mention_id -> party org_id (letter resolved)
    municipality_of: dict[str, str] = field(default_factory=dict)  # mention_id -> kommunekode


@dataclass(frozen=True)
class CandidatePair:
    """Two persons the resolver was not sure about (for `graphbuild resolve review`)."""

    a_id: str
    a_name: str
    b_id: str
    b_name: str
    score: float
    evidence: tuple[Evidence, ...]
    reason: str


@dataclass(frozen=True)
class GraphMerge:
    """Two Persons already in the graph that a curator's `same` judgement makes one."""

    kept_id: str
    absorbed_id: str


@dataclass(frozen=True)
class Resolution:
    """What resolving one run gives: the documents in input order, review candidates, graph merges."""

    documents: tuple[ResolvedDocument, ...]
    candidates: tuple[CandidatePair, ...] = ()  # the uncertain band, never merged; best score first
    merges: tuple[GraphMerge, ...] = ()


def quote(text: str) -> str:
    """A verbatim quote, cut to QUOTE_MAX characters."""
    return text.strip()[:QUOTE_MAX]
