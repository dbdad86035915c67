"""The state of one extraction: the document, its parsed lines, the facts found so far."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..gazetteer import Gazetteer
from ..model import DocumentFacts, Evidence, Line, OrgRef, PersonMention, StructuredDocument, quote
from .names import split_title

SIGNOFF = re.compile(r"^(?:med\s+)?venlig(?:e|st)?\s+hilsen\b|^de\s+bedste\s+hilsner|^mvh\b", re.IGNORECASE)
APPOINTMENT_TITLE = re.compile(r"udpegning|udpegninger|repræsentant|bestyrelsesmedlem|nyt medlem|ny formand|"
                               r"indstilling til", re.IGNORECASE)


# ------------------------------------------------------------------- extract
@dataclass
class State:
    doc: StructuredDocument
    gz: Gazetteer
    facts: DocumentFacts
    council: Optional[OrgRef]
    region: Optional[str] = None  # the document's regionskode: picks one of several regional variants
    parsed: dict = field(default_factory=dict)  # (line, text) -> spaCy Doc
    mention_index: dict = field(default_factory=dict)  # line -> next index
    participants: dict = field(default_factory=dict)  # name -> PersonMention (this document's lists)
    unresolved_lines: set = field(default_factory=set)
    nlp: Any = None
    gate: Any = None
    superseded: set = field(default_factory=set)  # (line, extension, name): a name cut by a line end

    def own(self, ln: Line, ext: str, found: Optional[list]) -> list:
        """A line's findings of one extension, minus names that a two-line reading completed."""
        if not found:
            return []
        return [r for r in found if (ln.line, ext, r.get("name")) not in self.superseded]

    def ev(self, ln: Line) -> Evidence:
        return Evidence(doc_id=self.doc.source.doc_id, line=ln.line, quote=quote(ln.text),
                        page=ln.page, page_line=ln.page_line, column=ln.column)

    def mention(self, name: str, ln: Line, party=None, municipality=None, municipality_name=None,
                roles=()) -> PersonMention:
        # "Rådmand Jette Skive": the title is a role, not part of the name
        title, name = split_title(name, self.gz.roles_used_as("title"))
        if title and title in self.gz.roles_used_as("title_kept"):
            roles = tuple(roles) + (title,)
        i = self.mention_index.get(ln.line, 0)
        self.mention_index[ln.line] = i + 1
        known = self.lookup_participant(name) if party is None and municipality is None else None
        if known is not None:
            party, municipality, municipality_name = known.party, known.municipality, known.municipality_name
        pm = PersonMention(mention_id=f"{self.doc.source.doc_id[:16]}:{ln.line}:{i}", name=name,
                           evidence=self.ev(ln), party=party, municipality=municipality,
                           municipality_name=municipality_name, roles=list(dict.fromkeys(roles)))
        self.facts.mentions.append(pm)
        return pm

    def lookup_participant(self, name: str) -> Optional[PersonMention]:
        """A participant of this meeting with this name, or whose name starts with it ('Ole Bondo')."""
        if name in self.participants:
            return self.participants[name]
        toks = name.split()
        cands = [p for n, p in self.participants.items() if n.split()[:len(toks)] == toks
                 or (n.split()[0] == toks[0] and n.split()[-1] == toks[-1])]
        return cands[0] if len(cands) == 1 else None

    # ------------------------------------------------------------ gazetteer lookups as extraction needs them
    def org(self, surface: Optional[str], kind: str = "body") -> Optional[OrgRef]:
        """An organisation as written; org_id and kind from the gazetteer when it knows the name."""
        if not surface:
            return None
        s = " ".join(surface.split()).strip(" ,.")
        rec = self.gz.lookup_org(s, self.region)
        if rec is None:
            return OrgRef(surface=s, org_id=None, kind=kind)
        return OrgRef(surface=s, org_id=rec.org_id, kind=rec.kind if rec.kind in ("council", "body") else kind)

    def known_org(self, surface: Optional[str]) -> Optional[OrgRef]:
        ref = self.org(surface)
        return ref if ref and ref.org_id else None

    def council_ref(self, name: Optional[str]) -> Optional[OrgRef]:
        if not name:
            return None
        ref = self.org(name, kind="council")
        if ref.org_id is None:
            rec = self.gz.council_named(name)
            if rec is not None:
                ref = OrgRef(surface=name, org_id=rec.org_id, kind="council")
        ref.kind = "council"
        return ref

    def municipality(self, surface: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(kommunekode, canonical name) of a municipality as written ('Københavns Kommune', 'Lyngby')."""
        rec = self.gz.lookup_municipality(surface) if surface else None
        return (rec.kommunekode, rec.name) if rec is not None else (None, None)

    def council_list_role(self, role: Optional[str]) -> str:
        """The role a council's member list gives: formand, næstformand (roles.csv uses "council_list"), else medlem."""
        return role if role and role in self.gz.roles_used_as("council_list") else "medlem"

    def seat_role(self, role: Optional[str]) -> str:
        """The role of an appointment's seat: "som repræsentant" -> medlem (roles.csv uses "seat"), else as written."""
        if not role:
            return "medlem"
        r = role.lower()
        return (self.gz.canonical_role(r) or r) if r in self.gz.roles_used_as("seat") else r

    def municipality_org(self, code: Optional[str]) -> Optional[OrgRef]:
        """The municipality as the authority a mayor, an alderman or a director holds office in: 'Herlev Kommune'
        (its name in municipalities.csv), an organisation of the document's naming."""
        rec = self.gz.municipalities.get(code) if code else None
        return OrgRef(surface=rec.name, org_id=None, kind="body") if rec is not None else None

    def role(self, role: str) -> str:
        """The canonical form of a role word (roles.csv), else the word as given."""
        return self.gz.canonical_role(role) or role

    def region_code(self, surface: Optional[str]) -> Optional[str]:
        rec = self.gz.lookup_region(surface) if surface else None
        return rec.regionskode if rec is not None else None

    def unresolved(self, ln: Line):
        if ln.line not in self.unresolved_lines:
            self.unresolved_lines.add(ln.line)
            self.facts.unresolved.append(self.ev(ln))



def doc_of(st: State, ln: Line):
    return st.parsed.get((ln.line, ln.text))

