"""Decision sections as minutes write them (graphbuild/meeting/decisions.py) and their scoring."""
import pytest

from graphbuild.evaluate.decisions import match_decisions
from graphbuild.meeting.decisions import decisions_in, outcome_of
from graphbuild.model import Line


def lines(text: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(text.split("\n"))]


@pytest.mark.parametrize("text,outcome", [
    ("Godkendt.", "approved"), ("Indstillingen er tiltrådt.", "approved"), ("Indstilles godkendt.", "recommended"),
    ("Anbefales.", "recommended"), ("Taget til efterretning.", "noted"), ("Ikke godkendt.", "rejected"),
    ("Forslaget blev forkastet.", "rejected"), ("Sagens behandling blev udsat.", "postponed"),
    ("Oversendes til Økonomiudvalget.", "referred"),
    ("Fremsendes til byrådet med bemærkning, at Magistraten anbefaler indstillingen.", "recommended"),
    ("Godkendelse af dagsorden", None), ("Ingen bemærkninger.", None),
])
def test_outcome_of(text, outcome):
    assert outcome_of(text) == outcome


def test_recommendation_chain_keeps_each_body_and_date():
    text = ("1.Alfabo, 39 familieboliger\nSagsnummer: 20/8545\nBeslutning Økonomiudvalget den 02-02-2021\n\n"
            "Indstilles godkendt.\n\nBeslutning Byrådet den 09-02-2021\n\nGodkendt.\n\nAfbud: Claus Grimm.\nSagsfremstilling\n"
            "Skema A blev godkendt af Byrådet den 30. juni 2020.")
    got = [(d.item, d.outcome, d.body, d.date, d.line.line) for d in decisions_in(lines(text), lambda n: "1")]
    assert got == [("1", "recommended", "Økonomiudvalget", "2021-02-02", 5), ("1", "approved", "Byrådet", "2021-02-09", 9)]


def test_quoted_committee_steps_and_plain_heading():
    text = ("Indstilling\nat Tillæg 1 vedtages.\nTeknik- og Miljøudvalget, 10. september 2019, pkt. 65:\nAnbefales.\n"
            "Økonomiudvalget, 18. september 2019, pkt. 153:\nIndstilles godkendt.\nBeslutning\nGodkendt.\nSagsfremstilling\n"
            "Forslaget har været i høring.")
    got = [(d.outcome, d.body, d.date) for d in decisions_in(lines(text))]
    assert got == [("recommended", "Teknik- og Miljøudvalget", "2019-09-10"), ("recommended", "Økonomiudvalget", "2019-09-18"),
                   ("approved", None, None)]


def test_glued_one_line_and_no_outcome():
    text = ("BeslutningGodkendt.\nØkonomiudvalget anbefaler indstillingen.\nBeslutning\nIngen bemærkninger.\nTil toppen\n"
            "19-08-2019 Magistraten\nKeld Hvalsø tog forbehold.")
    got = [(d.outcome, d.body) for d in decisions_in(lines(text))]
    # a section without an outcome keeps its text as `other`; a dated step without one is no decision
    assert got == [("approved", None), ("recommended", "Økonomiudvalget"), ("other", None)]


def test_match_decisions_item_body_date():
    gold = {"decisions": [{"item": "1", "outcome": "recommended", "body": "Økonomiudvalget", "date": "2021-02-02"},
                          {"item": "1", "outcome": "approved", "body": None, "date": None}]}
    rows = {"decisions": [
        {"decision_id": "a", "item": "1", "outcome": "recommended", "body": "Økonomiudvalget", "date": "2021-02-03", "line": 5},
        {"decision_id": "b", "item": "1", "outcome": "approved", "body": "Byrådet", "date": "2021-02-09", "line": 9},
        {"decision_id": "c", "item": "2", "outcome": "other", "body": None, "date": None, "line": 12}]}
    r = match_decisions(gold, rows)
    assert (r.tally.gold, r.tally.graph, r.tally.tp) == (2, 2, 1)  # wrong date: no match; `other` is not scored
