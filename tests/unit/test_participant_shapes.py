"""Participant lists in flattened layouts (graphbuild/meeting/participants.py, attendance.py) and a title that
says "referat" over an item list headed "Dagsorden" (header.py)."""
from graphbuild.meeting.attendance import block_entries
from graphbuild.meeting.header import _detect_kind
from graphbuild.meeting.participants import _participants
from graphbuild.model import Line


def lines(text: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(text.split("\n")) if t.strip()]  # the reader drops empty lines


def names(ls: list[Line], status="present"):
    return [(s.name, s.party) for ln in ls for s in block_entries(ln, status)]


def test_name_comma_letter_pairs():
    (ln,) = lines("Carl Holst, V, Poul-Erik Svendsen, A, Freddie H. Madsen, O, Jørgen Pless, L")
    assert names([ln]) == [("Carl Holst", "V"), ("Poul-Erik Svendsen", "A"), ("Freddie H. Madsen", "O"),
                           ("Jørgen Pless", "L")]


def test_inline_heading_run_of_names_and_footer_lines():
    text = ("Medlemmer Birgit Lund Terp (A) Carsten Bering (C) Otto V. Poulsen (V)\n\nKurt Petersen (C)\n\n"
            "Næstved Kommune Rådhuset, Teatergade 8 4700 Næstved\n\nTelefon 5588 5588\n\nnaestved@naestved.dk www.naestved.dk\n\n"
            "Torben Nielsen (F) Troels Larsen (V)\n\nFraværende Ingen\n\nGæster")
    present, absent = _participants(lines(text), 0, 40)
    assert names(present) == [("Birgit Lund Terp", "A"), ("Carsten Bering", "C"), ("Otto V. Poulsen", "V"),
                              ("Kurt Petersen", "C"), ("Torben Nielsen", "F"), ("Troels Larsen", "V")]
    assert names(absent, "absent") == []


def test_run_of_names_needs_every_letter():
    (ln,) = lines("Byrådssalen (3. sal) Vejen Rådhus")
    assert names([ln]) == []


def test_referat_title_over_dagsorden_heading():
    ls = lines("Nyt regionsråd - Konstituerende møde - referat 07-12-2009\n\nMødedato\n07-12-2009\nDagsorden\n 1. Valg")
    assert _detect_kind(ls, 6)[0] == "referat"
    assert _detect_kind(lines("Byrådet\nDagsorden\n1. Godkendelse"), 3)[0] == "dagsorden"


# ------------------------------------------------------------------ item headings (graphbuild/meeting/item_lines.py)
from graphbuild.meeting.item_lines import find_headings  # noqa: E402


def heads(text: str):
    return [(h.number, h.title) for h in find_headings(lines(text))]


def test_item_heading_shapes():
    assert heads("1.Indkaldelse af stedfortræder (C)\nSagsnummer: 20/14130") == [("1", "Indkaldelse af stedfortræder (C)")]
    assert heads("1 : Godkendelse af dagsorden\nSagsnr:\n2 : Virksomhedsbesøg\nSagsnr:") == [
        ("1", "Godkendelse af dagsorden"), ("2", "Virksomhedsbesøg")]
    assert heads("Indholdsfortegnelse1. Fraværende\nResume\n2. Bemærkninger\nResume")[0] == ("1", "Fraværende")
    assert heads("Punkter på åben dagsorden: 1. Byrådets sammensætning ........ 2\n2. Valg af formand ..... 3")[0] == (
        "1", "Byrådets sammensætning")


def test_recommendation_points_do_not_replace_the_item():
    text = ("2. Godkendelse af udtræden af Regionsrådet\nJournalnr. 2018-013319\nSagsfremstilling\nIndstilling\n"
            "1. Godkender at Tina Juul Kjellberg udtræder af Regionsrådet.\n2. Godkender at Arne Nielsen indtræder i Regionsrådet.")
    assert ("2", "Godkendelse af udtræden af Regionsrådet") in heads(text)


def test_person_with_party_in_a_longer_title_is_an_item():
    text = "14. Regionsrådsmedlem Tormod Olsens (Ø) midlertidige fravær - indtræden af stedfortræder\nSagsfremstilling"
    assert heads(text) == [("14", "Regionsrådsmedlem Tormod Olsens (Ø) midlertidige fravær - indtræden af stedfortræder")]
