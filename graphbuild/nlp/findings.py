"""What the components write: one Doc extension each (default None), holding typed findings.

  doc._.gb_participant  Participant for "Name (A), X Kommune (formand)"
  doc._.gb_person_roles list[PersonRole]
  doc._.gb_role_only    RoleOnly, a line that is only a role ("Formand for KKR Sjælland")
  doc._.gb_name_only    str, a line that is only a person's name ("Carsten Krabbe")
  doc._.gb_reports      list[Report]
  doc._.gb_appointments list[Appointment]
  doc._.gb_outcome      (outcome, start) of the first decision verb on the line

The findings are plain dicts typed with TypedDict: the fact modules copy them with changes
(dict(r, role=...)), and spaCy's Doc extensions hold any value.
"""
from __future__ import annotations

from typing import Literal, Optional, TypedDict

from spacy.tokens import Doc

from ..model import SeatStatus

# a person appointed, resigned or proposed; or a seat (its SeatStatus in "seat", no person)
AppointmentKind = Literal["appointed", "resigned", "proposed", "seat"]


class OrgInfo(TypedDict, total=False):
    org: Optional[str]  # the organisation phrase as written
    org_label: Optional[str]  # entity label when the phrase is one gazetteer entity (BODY, COUNCIL, ...)
    org_id: Optional[str]


class Participant(TypedDict, total=False):
    name: str
    party: Optional[str]
    place: Optional[str]
    role: Optional[str]
    independent: bool  # "Name, løsgænger": a member outside any party


class PersonRole(OrgInfo, total=False):
    name: str
    role: str
    place: Optional[str]
    start: int  # character offset of the name in the line
    line_start: bool  # the role opens the line ("Borgmester Niels Hörup, Solrød")


class RoleOnly(OrgInfo, total=False):
    role: str


class Report(OrgInfo, total=False):
    name: str
    start: int


class Appointment(TypedDict, total=False):
    kind: AppointmentKind
    seat: SeatStatus  # kind "seat": a seat offered, declined, vacant, or a body invited to fill it
    name: Optional[str]
    party: Optional[str]
    abbr: Optional[str]
    org: Optional[str]
    place: Optional[str]
    role: Optional[str]
    replaces: Optional[str]
    start: int


EXTENSIONS = ("gb_participant", "gb_person_roles", "gb_role_only", "gb_name_only", "gb_reports",
              "gb_appointments", "gb_outcome", "gb_names")
for _ext in EXTENSIONS:
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)
