"""Every kind of document is read (issue 13): member pages, news items, meetings in other layouts and
flattened PDF transcripts go through the same extraction; a document is refused only when it states nothing.

The texts below are short excerpts in the shapes of real public pages (the dev corpus's layouts); no Neo4j.
"""
from __future__ import annotations

import pytest

from graphbuild.gazetteer import load_gazetteer
from graphbuild.model import Hints
from graphbuild.pipeline import NOTHING_STATED, extract_one, nothing_stated
from graphbuild.read import flattened_pages, read_bytes, split_flattened
from graphbuild.structure import classify, parse_date, structure
from graphbuild.nlp import extract

MEMBERS = """Sundhedskoordinationsudvalget har til formål at understøtte sammenhængende behandlingsforløb.

Regionsrådsmedlemmer:
Henrik Fjeldgaard (A) (formand)
Annette Roed (A)
Ib Bjerregaard (V)

Kommunale medlemmer:
Ib Boye Lauritsen (V), Ikast-Brande (næstformand)
Nils Borring (A), Favrskov
"""

NEWS = """08. marts 2018

Ny formand og næstformand i KL

På et møde torsdag eftermiddag har KL's bestyrelse konstitueret sig.

Som rådets ældste ringede Ove Nørholm (K) med klokken, da det nyvalgte regionsråd mødtes.
"""

MEETING_DATELINE = """25. jan 2022

Deltagere:

 • Brian Nielsen (D)
 • Claus Nybo (A)
 • Henning Holm (A)

Fraværende med afbud:
Maria Bagger Grell, Jens Askov og Henrik Bang-Pedersen
"""

RECIPE = """Opskrift
1 portion Surdej
3 dl Kogende vand
Bland kogende og koldt vand i en stor skål eller et dejfad.
Kom salt, maltsirup/honning og surdej i.
"""

BIRD = """Latinsk navn: Parus major
Engelsk navn: Great Tit
Musvitten er den største mejse i Danmark og en af vore mest almindelige fugle.
"""

FLAT = ("Referat fra møde i Økonomiudvalget\n\nTranskript\n\n"
        "1 Referat fra møde i Økonomiudvalget Tirsdag den 18. maj 2010 Kl i Borgmesterens kontor "
        "Mødedeltagere: Ole Find Jensen (A) John Schmidt Andersen (V) Kim Rockhill (A) Morten Skovgaard (C) "
        "Fraværende: Pia Adelsteen (O) Indholdsfortegnelse 89. Til efterretning om kommunens samlede budget "
        "90. Godkendelse af regnskab for Dallund Slot og andre ejendomme i kommunen\n\n"
        "2 Sagsfremstilling Økonomiafdelingen fremsender regnskabsrapport for første kvartal til udvalget. "
        "Beslutning Godkendt. Fraværende: Pia Adelsteen (O) Indstilling Forvaltningen indstiller at sagen "
        "tages til efterretning og at bevillingen gives som foreslået af direktionen i mødet\n")


def facts_of(text: str, name: str = "x.txt", hints=None):
    return extract(structure(read_bytes(text.encode("utf-8"), name), hints), load_gazetteer())


def test_member_page_is_members_and_names_people_with_party_and_role():
    f = facts_of(MEMBERS)
    assert f.kind == "members" and f.meeting is None and f.attendance == []
    by = {m.name: m for m in f.mentions}
    assert by["Henrik Fjeldgaard"].party == "A" and by["Henrik Fjeldgaard"].roles == ["formand"]
    assert by["Ib Boye Lauritsen"].party == "V" and by["Ib Boye Lauritsen"].municipality_name == "Ikast-Brande"
    assert by["Nils Borring"].evidence.quote == "Nils Borring (A), Favrskov"
    assert nothing_stated(f) is None


def test_news_item_date_is_its_publication_date_and_prose_party_names_are_read():
    f = facts_of(NEWS)
    assert f.kind == "news" and f.date == "2018-03-08" and f.meeting is None
    nor = [m for m in f.mentions if m.name == "Ove Nørholm"]
    assert nor and nor[0].party == "K" and nor[0].evidence.line == 7
    assert any(o.ref_id == "council:kl" for o in f.organizations)


def test_dateline_with_participants_is_a_meeting_with_attendance_from_name_lists():
    d = structure(read_bytes(MEETING_DATELINE.encode(), "m.txt"))
    assert d.kind == "meeting" and d.date == "2022-01-25"
    f = extract(d, load_gazetteer())
    status = {a.person.name: a.status for a in f.attendance}
    assert status == {"Brian Nielsen": "present", "Claus Nybo": "present", "Henning Holm": "present",
                      "Maria Bagger Grell": "absent", "Jens Askov": "absent", "Henrik Bang-Pedersen": "absent"}
    party = {a.person.name: a.person.party for a in f.attendance}
    assert party["Claus Nybo"] == "A" and party["Jens Askov"] is None


@pytest.mark.parametrize("text", [RECIPE, BIRD])
def test_nothing_stated_is_refused_with_the_reason(tmp_path, text):
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    e = extract_one(str(p))
    assert e.facts is None and e.error == NOTHING_STATED
    assert "no meeting" in e.error and "no person in office" in e.error and "no known organisation" in e.error


def test_stated_facts_are_loaded_not_refused(tmp_path):
    for name, text in (("members.txt", MEMBERS), ("news.txt", NEWS), ("meeting.txt", MEETING_DATELINE)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        e = extract_one(str(p))
        assert e.error is None, (name, e.error)


def test_flattened_pages_are_split_keeping_line_and_column():
    raw = FLAT.split("\n")
    assert flattened_pages(raw) == {4, 6}
    segs = split_flattened(raw[4])
    assert all(raw[4][col:col + len(seg)] == seg for seg, col in segs)  # columns point into the original line
    src = read_bytes(FLAT.encode(), "flat.txt")
    texts = [(ln.line, ln.text) for ln in src.lines]
    assert (5, "Fraværende: Pia Adelsteen (O)") in texts
    assert (5, "89. Til efterretning om kommunens samlede budget") in texts
    assert (7, "Beslutning Godkendt.") in texts
    ole = next(ln for ln in src.lines if "Ole Find Jensen" in ln.text)
    assert ole.text == "Mødedeltagere: Ole Find Jensen (A)"
    assert ole.line == 5 and raw[4][ole.column:].startswith("Mødedeltagere: Ole Find Jensen (A) John")
    f = extract(structure(src), load_gazetteer())
    assert {"Ole Find Jensen", "Kim Rockhill"} <= {m.name for m in f.mentions}
    pia = next(m for m in f.mentions if m.name == "Pia Adelsteen")
    assert pia.evidence.line == 5 and pia.evidence.column is not None


def test_long_lines_that_are_not_pages_stay_whole():
    prose = "Formand " + "og ".join(["Anne Hansen fortalte om arbejdet i udvalget"] * 12)
    raw = ["Referat", prose, "2 " + prose]
    assert flattened_pages(raw) == set()  # page numbers must start at 1 and rise one by one
    assert len(read_bytes("\n".join(raw).encode(), "x.txt").lines) == 3


def test_hints_name_the_kind_and_complete_a_generic_council():
    text = "Byrådet\n\nDato: 15. september 2020\n\nDeltagere:\nAnne Hansen (A)\nBo Jensen (V)\n"
    d = structure(read_bytes(text.encode(), "x.txt"), Hints(municipality="Vejen"))
    assert d.council == "Byrådet Vejen" and d.council_line == 1 and d.date == "2020-09-15"
    d = structure(read_bytes(text.encode(), "x.txt"), Hints(council="Økonomiudvalget Vejen"))
    assert d.council == "Økonomiudvalget Vejen"
    d = structure(read_bytes(NEWS.encode(), "x.txt"), Hints(kind="members"))
    assert d.kind == "members" and d.date is None
    d = structure(read_bytes(RECIPE.encode(), "x.txt"), Hints(kind="meeting"))
    assert d.kind == "meeting"


def test_classify_and_month_first_dates():
    assert parse_date("Fredag, Februar 8, 2019 - 08:00") == "2019-02-08"
    assert parse_date("Pressemeddelelse • Jan 18, 2018 13:50 CET") == "2018-01-18"
    src = read_bytes("Skip to main content\nMidttrafik har fået ny bestyrelse\n"
                     "Pressemeddelelse • Jan 18, 2018 13:50 CET\nTekst.\n".encode(), "x.txt")
    assert classify(src.lines, "other")[:2] == ("news", "2018-01-18")
    assert classify(src.lines, "referat") == ("referat", None, None)


def test_a_generic_council_gets_the_municipality_the_text_names():
    text = ("Byrådet\n\nMødedato: 09-02-2021\n\nDeltagere:\nAnne Hansen (A)\nBo Jensen (V)\n\n"
            "Vejen Kommune har modtaget en ansøgning. Vejen Kommunes forvaltning indstiller, at den godkendes.\n")
    f = facts_of(text)
    assert f.meeting is not None and f.meeting.council.surface == "Byrådet Vejen" and f.meeting.date == "2021-02-09"
    assert {a.person.name for a in f.attendance} == {"Anne Hansen", "Bo Jensen"}
    # two municipalities named as often: the text does not say whose council it is, so it is this document's own
    # (never one "Byrådet" for every municipality; issue 14)
    two = text.replace("Vejen Kommunes forvaltning indstiller", "Esbjerg Kommune indstiller")
    council = facts_of(two).meeting.council
    assert council.surface == "Byrådet" and council.org_id.startswith("council:byraadet@doc:")
    f = facts_of("Klima-, Miljø- og Teknikudvalget - Referat\nDato: 13. maj 2019\nThisted Kommune\n")
    assert f.meeting.council.surface == "Klima-, Miljø- og Teknikudvalget Thisted"


def test_a_member_list_alone_is_not_attendance():
    text = "Panelet for kollektiv trafik\n\nMedlemmer\n\n • Bent Ove Pedersen (V) (formand)\n • Bente Nielsen (F)\n"
    d = structure(read_bytes(text.encode(), "x.txt"))
    assert d.kind == "members" and d.present == [] and d.date is None
    f = extract(d, load_gazetteer())
    assert f.attendance == [] and {m.name: m.party for m in f.mentions} == {"Bent Ove Pedersen": "V", "Bente Nielsen": "F"}


def test_a_suspended_hyphen_in_a_body_name_is_kept():
    from graphbuild.resolve import display_name

    assert display_name("Klima-, Miljø- og Teknikudvalget Thisted") == "Klima-, Miljø- og Teknikudvalget Thisted"
    assert display_name("Social- og Sundhedsudvalget") == "Social- og Sundhedsudvalget"
    assert display_name("Svagsy- nede") == "Svagsynede"  # a word broken at a line end is still joined


def test_a_member_listed_as_absent_is_absent_not_present():
    text = ("Kommunalbestyrelsen\n\n24-09-2019\n\nMedlemmer\n\nFormand Erik Nielsen (A)\nBritt Jensen (A)\n"
            "Brian Møller (A)\n\nFraværende\n\nBritt Jensen (A), sag 129-138\n")
    f = facts_of(text)
    status = sorted((a.person.name, a.status) for a in f.attendance)
    assert ("Britt Jensen", "absent") in status and ("Britt Jensen", "present") not in status
    assert ("Brian Møller", "present") in status
