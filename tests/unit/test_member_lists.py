"""Member lists wherever a document prints them (issue 15): roster lines, one-person-a-line lists under a heading,
"Formand: X" fields, "Name, V" participant lines, substitutes as stedfortræder, mayors' municipalities."""
from __future__ import annotations

import pytest

from graphbuild.gazetteer import load_gazetteer
from graphbuild.nlp import extract
from graphbuild.nlp.components.participants import parse_participant
from graphbuild.nlp.rosters import roster_items
from graphbuild.read import read_bytes
from graphbuild.structure import structure


def facts_of(text: str, name: str = "x.txt"):
    return extract(structure(read_bytes(text.encode("utf-8"), name)), load_gazetteer())


def seats(f, org_word: str = "") -> set[tuple]:
    return {(m.person.name, m.role, m.party) for m in f.memberships
            if m.status == "member" and org_word.lower() in m.organization.surface.lower()}


@pytest.mark.parametrize("text, expected", [
    ("Medlemmer Birgit Lund (A) Carsten Berg (C) Hans Rasmussen (A)",
     [("Birgit Lund", "A"), ("Carsten Berg", "C"), ("Hans Rasmussen", "A")]),
    ("Carl Holm, V, Poul-Erik Svendsen, A, Freddie H. Madsen, O",
     [("Carl Holm", "V"), ("Poul-Erik Svendsen", "A"), ("Freddie H. Madsen", "O")]),
    ("For: 3 (Bo Hansen (A), Lise Nielsen (A), Ole Holm (Frie Liberale),",
     [("Bo Hansen", "A"), ("Lise Nielsen", "A"), ("Ole Holm", None)]),
    ("Lars Egede (V), Hans Nissen (A)", [("Lars Egede", "V"), ("Hans Nissen", "A")]),
])
def test_roster_lines(text, expected):
    assert roster_items(text) == expected


@pytest.mark.parametrize("text", [
    "Ove Nørholm (K) og Hans Hansen (V) stemte imod forslaget",   # a sentence, not a list
    "Mødet blev ledet af Hans Hansen (A), Jens Olsen (B)",        # prose before the names
    "Hans Hansen (A)",                                             # one person is no roster
    "Hans Hansen (XYZ), Jens Olsen (QQ)",                           # no party letters
])
def test_not_roster_lines(text):
    assert roster_items(text) == []


def test_party_letter_and_independent_after_a_comma():
    assert parse_participant(" • Stephanie Holm, V")["party"] == "V"
    assert parse_participant("Hans Jensen, SF")["party"] == "SF"
    p = parse_participant(" • Marianne Mørk, løsgænger")
    assert p["party"] is None and p["independent"] and p["place"] is None
    assert parse_participant("Anne Hansen, KL")["party"] is None  # an organisation, not a party


PAGE = """Sundhedskoordinationsudvalget har til formål at understøtte sammenhængende forløb.

Regionsrådsmedlemmer:
Henrik Fjeld (A) (formand)
Annette Rosen (A)

Kommunale medlemmer:
Ib Boye Lauritsen (V), Ikast-Brande (næstformand)
 • Mads Skov, Borgmester, Haderslev Kommune
 • Anne Mette Vinding, Sygeplejefaglig direktør, Psykiatrien

Mødeplan 2021:
26. april
"""


def test_member_list_under_headings_on_a_page():
    f = facts_of(PAGE)
    got = seats(f, "Sundhedskoordinationsudvalget")
    assert {("Henrik Fjeld", "medlem", "A"), ("Henrik Fjeld", "formand", "A"), ("Annette Rosen", "medlem", "A"),
            ("Ib Boye Lauritsen", "medlem", "V"), ("Ib Boye Lauritsen", "næstformand", "V"),
            ("Mads Skov", "medlem", None), ("Anne Mette Vinding", "medlem", None)} == got
    other = {(m.person.name, m.role, m.organization.surface) for m in f.memberships} - {
        (m.person.name, m.role, m.organization.surface) for m in f.memberships
        if m.organization.surface == "Sundhedskoordinationsudvalget"}
    assert other == {("Mads Skov", "borgmester", "Haderslev Kommune"),
                     ("Anne Mette Vinding", "sygeplejefaglig direktør", "Psykiatrien")}
    ib = next(m for m in f.memberships if m.person.name == "Ib Boye Lauritsen")
    assert ib.municipality == load_gazetteer().lookup_municipality("Ikast-Brande").kommunekode


def test_field_lines_name_the_chair_only():
    f = facts_of("KL's bestyrelse\n\n• Formand: Jacob Bundgaard (A), Aarhus\n• Næstformand: Martin Dam (V), Kalundborg\n")
    got = {(m.person.name, m.role) for m in f.memberships}
    assert ("Jacob Bundgaard", "formand") in got and ("Martin Dam", "næstformand") in got
    assert ("Jacob Bundgaard", "medlem") not in got
