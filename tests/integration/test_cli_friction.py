"""Issue 19, "CLI and first-run friction": what a new user met, each as a test.

Tables show paths readably and wrap the report questions; -o to a folder that does not exist is one
line and no file; unknown report names and names that match nothing get a "did you mean"; files of
other types in a folder are listed, and naming one says its type is unsupported.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphbuild.cli import main


@pytest.mark.parametrize("args,message", [
    (["seats-of-person", "-p", "person", "Jakob Neteberg"],
     'no person named "Jakob Neteberg"; did you mean "Jacob Netteberg"?'),
    (["who-represents", "-p", "municipality", "Rudersdl"],
     'no municipality named "Rudersdl"; did you mean "Rudersdal Kommune"?'),
    (["health-clusters", "-p", "region", "Sjaelland"],
     'no region named "Sjaelland"; did you mean "Region Sjælland"?'),
])
def test_a_name_that_matches_nothing_says_so_and_suggests(samples_graph, neo4j_env, args, message):
    result = CliRunner().invoke(main, ["report", "run", *args, "--format", "json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert message in out, result.output
    assert json.loads("\n".join(ln for ln in out if ln != message)) == []


def test_a_known_name_with_no_rows_gets_no_suggestion(samples_graph, neo4j_env):
    # Jacob Netteberg exists; on a date with no meeting the report is empty for another reason.
    result = CliRunner().invoke(main, ["report", "run", "council-members-at-meeting", "-p", "council",
                                       "KKR Hovedstaden", "-p", "date", "1999-01-01"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    assert "(0 rows)" in result.output and "no council named" not in result.output


# ------------------------------------------------------------------ municipality-profile
def test_municipality_profile_of_rudersdal(samples_graph, neo4j_env):
    """Region, health cluster (bilag 2022 line 151), its KKR, and the seats held on its behalf with
    the lines that state them (referat 2020-06-19 lines 73, 105 and 835)."""
    result = CliRunner().invoke(main, ["report", "run", "municipality-profile", "-p", "municipality", "Rudersdal",
                                       "--format", "json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["municipality"] for r in rows} == {"Rudersdal Kommune"}
    facts = [(r["part"], r["organization"], r["person"]) for r in rows]
    assert facts[:3] == [("region", "Region Hovedstaden", None), ("health cluster", "Klynge Midt", None),
                         ("council", "KKR Hovedstaden", None)]
    cluster = rows[1]
    assert cluster["doc"].endswith("kkr-sjaelland-bilag-2022.txt") and cluster["line"] == 151
    assert "Rudersdal" in cluster["quote"]
    seats = {(r["organization"], r["person"]): r for r in rows if r["part"] == "seat"}
    assert {("KKR Hovedstaden", "Jens Ive"), ("KKR Hovedstaden", "Elisabeth Ildal"),
            ("Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden", "Jacob Netteberg")} <= set(seats)
    assert {o for o, _ in seats} == {"KKR Hovedstaden", "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden"}
    ive = seats[("KKR Hovedstaden", "Jens Ive")]
    assert (ive["party"], ive["line"], ive["quote"]) == ("V", 73, "Jens Ive (V), Rudersdal Kommune")
    netteberg = seats[("Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden", "Jacob Netteberg")]
    assert netteberg["party"] == "B" and netteberg["doc"].endswith("kkr-hovedstaden-referat-2020-06-19.txt")
    assert "Jacob Netteberg (B) fra Rudersdal Kommune" in netteberg["quote"]


def test_municipality_profile_by_kommunekode_and_of_a_municipality_without_seats(samples_graph, neo4j_env):
    by_code = CliRunner().invoke(main, ["report", "run", "municipality-profile", "-p", "municipality", "370",
                                        "--format", "json"], env=neo4j_env)
    rows = json.loads(by_code.stdout)
    assert [(r["municipality"], r["part"], r["organization"]) for r in rows] == [
        ("Næstved Kommune", "region", "Region Sjælland"),
        ("Næstved Kommune", "health cluster", "KSS Næstved/Slagelse"),
        ("Næstved Kommune", "council", "KKR Sjælland"),
    ]


def test_municipality_profile_valid_at_a_date(samples_graph, neo4j_env):
    """Before the 2020-06-19 minutes: no seats; after the 2018-21 council term: the KKR seats have ended,
    the psychology committee seat (no end stated) remains."""
    def seats(date):
        result = CliRunner().invoke(main, ["report", "run", "municipality-profile", "-p", "municipality", "Rudersdal",
                                           "-p", "date", date, "--format", "json"], env=neo4j_env)
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert [r["part"] for r in rows[:3]] == ["region", "health cluster", "council"]
        return {(r["organization"], r["person"]) for r in rows if r["part"] == "seat"}

    psych = ("Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden", "Jacob Netteberg")
    assert seats("2019-01-01") == set()
    assert seats("2021-01-01") == {("KKR Hovedstaden", "Jens Ive"), ("KKR Hovedstaden", "Elisabeth Ildal"), psych}
    assert seats("2022-06-01") == {psych}
