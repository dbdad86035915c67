"""graphbuild_appointment_events: the sentence shapes of appointments (issue 15), one line each, and what the
fact module makes of them in a whole document (status, body, who replaced whom, provenance)."""
from __future__ import annotations

import pytest

from graphbuild.gazetteer import load_gazetteer
from graphbuild.nlp.build import build_nlp
from graphbuild.nlp.components.appointment_events import appointment_phrases
from graphbuild.nlp.extract import extract_path


def events(text: str) -> list[tuple]:
    nlp = build_nlp(load_gazetteer())
    d = nlp.make_doc(text)
    d.user_data["gb_text"] = text
    d = nlp(d)
    return [(e["kind"], e["name"], e["role"], e["org"], e["replaces"]) for e in d._.gb_events or []]


@pytest.mark.parametrize("text, expected", [
    ("Mette Frederiksen (A) er valgt som formand for Økonomiudvalget.",
     [("appointed", "Mette Frederiksen", "formand", "Økonomiudvalget", None)]),
    ("Jens Hansen blev valgt formand for Økonomiudvalget.",
     [("appointed", "Jens Hansen", "formand", "Økonomiudvalget", None)]),
    ("Jens Peter Hansen blev genvalgt som formand for bestyrelsen i Movia.",
     [("re-elected", "Jens Peter Hansen", "formand", "bestyrelsen i Movia", None)]),
    ("Karin Pedersen (V) afløser Bo Jensen (V) i bestyrelsen for Fjernvarme Fyn.",
     [("appointed", "Karin Pedersen", "medlem", "bestyrelsen for Fjernvarme Fyn", "Bo Jensen")]),
    ("Lene Holm (F) udtræder af Børne- og Ungeudvalget.",
     [("resigned", "Lene Holm", None, "Børne- og Ungeudvalget", None)]),
    ("Ole Madsen (C) indtræder i stedet for Lise Berg (C).",
     [("appointed", "Ole Madsen", "medlem", None, "Lise Berg")]),
    ("Anders Kristensen er udpeget til Handicaprådet.",
     [("appointed", "Anders Kristensen", None, "Handicaprådet", None)]),
    ("Hanne Lund forventes valgt som næstformand for KKR Sjælland.",
     [("expected", "Hanne Lund", "næstformand", "KKR Sjælland", None)]),
    ("Kommunaldirektør Peter Holm går på pension til sommer.", [("resigned", "Peter Holm", None, None, None)]),
    ("Poul Erik Sørensen har trukket sig fra bestyrelsen i Vestforbrænding.",
     [("resigned", "Poul Erik Sørensen", None, "bestyrelsen i Vestforbrænding", None)]),
    # coordinated people share the seat written after the last of them
    ("Regionsrådet har udpeget Lise Dam (A), Bent Holm (V) og Kaj Nissen (O) som medlemmer af Praksisplanudvalget.",
     [("appointed", n, "medlem", "Praksisplanudvalget", None) for n in ("Lise Dam", "Bent Holm", "Kaj Nissen")]),
    ("Byrådet valgte Maria Bech (A) som formand og Søren Krogh (V) som næstformand for Teknisk Udvalg.",
     [("appointed", "Maria Bech", "formand", "Teknisk Udvalg", None),
      ("appointed", "Søren Krogh", "næstformand", "Teknisk Udvalg", None)]),
    # titles between listed names; the board named later in the line
    ("KKR Sjælland har udpeget Borgmester for Guldborgssund Kommune, John Brædder, som formand for bestyrelsen. "
     "Ligeledes har de udpeget Borgmester for Køge Kommune Marie Stærke som medlem af Erhvervshus Sjællands bestyrelse.",
     [("appointed", "John Brædder", "formand", "Erhvervshus Sjællands bestyrelse", None),
      ("appointed", "Marie Stærke", "medlem", "Erhvervshus Sjællands bestyrelse", None)]),
    # a role named in the phrase, a body as its prefix; the next clause's person is not coordinated ("mens")
    ("Ny KL-formand bliver borgmester Jacob Bundsgaard (A) fra Aarhus Kommune, mens Kalundborgs borgmester "
     "Martin Damm (V) overtager posten som næstformand.",
     [("appointed", "Jacob Bundsgaard", "formand", "KL", None), ("appointed", "Martin Damm", "næstformand", "KL", None)]),
    # leaving and entering the same body in one sentence: a replacement
    ("Trille Nikolajsen udtræder af Børne- og Uddannelsesudvalget og Tanya Buchreitz Løwenstein træder ind i "
     "Børne- og Uddannelsesudvalget.",
     [("resigned", "Trille Nikolajsen", None, "Børne- og Uddannelsesudvalget", None),
      ("appointed", "Tanya Buchreitz Løwenstein", "medlem", "Børne- og Uddannelsesudvalget", "Trille Nikolajsen")]),
    # "hvorfra X udtræder": the body just named
    ("Martin Bech afløser Peter Therkildsen i Forretningsudvalget. Peter Therkildsen indtræder i stedet i "
     "Patientudvalget, (hvorfra Martin Bech udtræder).",
     [("appointed", "Martin Bech", "medlem", "Forretningsudvalget", "Peter Therkildsen"),
      ("appointed", "Peter Therkildsen", "medlem", "Patientudvalget", "Martin Bech"),
      ("resigned", "Martin Bech", None, "Patientudvalget", None)]),
    # a pronoun takes the person of the sentence before; "afløst af" turns the sentence round
    ("Lars Hedegaard var forhindret. Han blev afløst af Peder Enggaard.",
     [("appointed", "Peder Enggaard", None, None, "Lars Hedegaard")]),
    ("at 1. stedfortræder for Socialdemokratiet, Linda Lyngsøe, deltager i stedet for Lars Faarup.",
     [("appointed", "Linda Lyngsøe", "stedfortræder", None, "Lars Faarup")]),
    ("Endelig har bestyrelsen udpeget Torben Hansen som repræsentant for Midttrafik i Letbanerådet.",
     [("appointed", "Torben Hansen", "medlem", "Letbanerådet", None)]),
    ("Mayor Jens Hansen was elected Chairman of KKR Sjælland.",
     [("appointed", "Jens Hansen", "formand", "KKR Sjælland", None)]),
])
def test_sentence_shapes(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Anker Ulsdal er udpeget til følgende udvalg, råd og bestyrelser:",  # seats held, listed below
    "de udvalg, som Anker Ulsdal (F) er udpeget til i fraværsperioden.",  # a relative clause: no event
    "Henrik Lauridsen har valgt at trække sig.",  # "har valgt at": a choice, nobody elected
    "Movias formand Gert Jørgensen åbnede mødet.",  # a role, not a change of seat
    "Anne Larsen, der er formand for Social- og Sundhedsudvalget, deltog.",
])
def test_no_event(text):
    assert not [e for e in events(text) if e[0] != "resigned" or "trække" not in text]


def test_phrases_are_data():
    kinds = {p.kind for p in appointment_phrases()}
    assert kinds == {"appointed", "re-elected", "resigned", "replaces", "replaced", "expected"}
    assert all(p.person in ("before", "after", "either") for p in appointment_phrases())


def _facts(tmp_path, text: str):
    p = tmp_path / "side.txt"
    p.write_text(text, encoding="utf-8")
    return extract_path(str(p), load_gazetteer())


def test_a_replacement_in_a_news_page_has_provenance_and_the_replaced_person(tmp_path):
    f = _facts(tmp_path, "Nyt fra regionen\n\nKarin Pedersen (V) afløser Bo Jensen (V) i bestyrelsen for Fjernvarme Fyn.\n")
    (m,) = [m for m in f.memberships if m.status == "appointed"]
    assert (m.person.name, m.party, m.organization.surface, m.replaces.name) == (
        "Karin Pedersen", "V", "bestyrelsen for Fjernvarme Fyn", "Bo Jensen")
    assert m.evidence.line == 3 and m.evidence.quote.startswith("Karin Pedersen (V) afløser")


def test_a_change_asked_for_with_no_decision_is_a_proposal_and_no_resignation(tmp_path):
    f = _facts(tmp_path, "Borgmesteren anmoder om følgende omkonstituering:\n"
               "Lene Holm (F) udtræder af Børne- og Ungeudvalget og Ole Madsen (C) træder ind i Børne- og Ungeudvalget.\n")
    moves = sorted((m.status, m.person.name) for m in f.memberships if m.status != "member")
    assert moves == [("proposed", "Ole Madsen")]


def test_an_approved_proposal_is_an_appointment(tmp_path):
    f = _facts(tmp_path, "Venstre indstiller, at Freja Hansen vælges som repræsentant til Sydfyns Elforsynings repræsentantskab.\n"
               "Kommunalbestyrelsen godkendte dette.\n")
    assert [(m.status, m.person.name) for m in f.memberships if m.status != "member"] == [("appointed", "Freja Hansen")]
