"""Saved reports (queries/*.cypher) and the read-side CLI, against a real Neo4j holding the
five ingested samples (the `samples_graph` fixture).  The expectations are what a reader of
the sample documents finds in them; they are the specification of the reports."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.reports import Report, get_report, run_report

EXPECTED_REPORTS = {
    "who-represents", "seats-of-person", "body-appointments", "council-members-at-meeting",
    "attendance-rate", "meeting-decisions", "items-concerning", "interlocks", "party-balance",
    "health-clusters", "document-audit", "data-quality", "municipality-profile",
}
PSYCH = "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden"

INJECTIONS = [
    "x' }) DETACH DELETE n //",
    "x\" }) MATCH (n) DETACH DELETE n //",
    "`x`) MATCH (n) DETACH DELETE n //",
    "$municipality",
    "Rudersdal\nMATCH (n) DETACH DELETE n",
    "') RETURN 1 UNION MATCH (n) DETACH DELETE n //",
]


# ------------------------------------------------------------------ helpers
def run(driver, report_name: str, **params) -> list[dict]:
    report = get_report(report_name)
    _, rows = run_report(driver, report, report.convert({k: str(v) for k, v in params.items()}))
    return rows


def cli(neo4j_env, *args, extra_env=None):
    runner = CliRunner()
    env = dict(neo4j_env)
    env.setdefault("GRAPHBUILD_REPORTS", "")
    env.update(extra_env or {})
    return runner.invoke(main, list(args), env=env, catch_exceptions=False)


def node_count(driver) -> int:
    with driver.session() as s:
        return s.run("MATCH (n) RETURN count(n) AS n").single()["n"]


def stderr_of(result) -> str:
    try:
        return result.stderr
    except ValueError:  # click < 8.2 mixes the streams
        return result.output


def one_line_error(result, *words):
    err = stderr_of(result).strip()
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert len(err.splitlines()) == 1, err
    assert err.startswith("Error:"), err
    for w in words:
        assert w in err, (w, err)


# ------------------------------------------------------------------ every report answers on the samples
@pytest.mark.parametrize("name", sorted(EXPECTED_REPORTS))
def test_example_parameters_return_rows(samples_graph, name):
    report: Report = get_report(name)
    columns, rows = run_report(samples_graph, report, report.example_params())
    assert rows, f"{name} returned no rows for its example parameters {report.example_params()}"
    assert set(report.columns) <= set(rows[0]), (report.columns, list(rows[0]))


# ------------------------------------------------------------------ what a reader of the documents expects
def test_psychologist_committee_netteberg_replaces_kjaer_westermann(samples_graph):
    rows = run(samples_graph, "body-appointments", body=PSYCH)
    jacob = [r for r in rows if r["person"] == "Jacob Netteberg"]
    assert jacob, rows
    r = jacob[0]
    assert "Rudersdal" in (r["municipality"] or ""), r
    assert "B" in (r["party"] or "") or "Radikale" in (r["party"] or ""), r
    assert "Gitte Kjær-Westermann" in (r["replaces"] or ""), r
    assert r["decided_at"] == "2020-06-19", r
    assert "indtræder" in r["quote"], r
    assert any(x["person"] == "Gitte Kjær-Westermann" and x["status"] == "resigned" for x in rows), rows


def test_body_matched_by_part_of_name_and_case(samples_graph):
    rows = run(samples_graph, "body-appointments", body="samarbejdsudvalget vedr. PSYKOLOGHJÆLP")
    assert any(r["person"] == "Jacob Netteberg" for r in rows), rows


def test_seats_of_netteberg(samples_graph):
    rows = run(samples_graph, "seats-of-person", person="jacob netteberg")
    seat = [r for r in rows if r["body"] == PSYCH]
    assert seat, rows
    assert seat[0]["decided_at"] == "2020-06-19"
    assert "Gitte Kjær-Westermann" in (seat[0]["replaces"] or "")
    assert "indtræder" in seat[0]["quote"]


def test_who_represents_rudersdal(samples_graph):
    rows = run(samples_graph, "who-represents", municipality="Rudersdal")
    assert all(r["municipality"] == "Rudersdal Kommune" for r in rows)
    assert any(r["person"] == "Jacob Netteberg" and r["body"] == PSYCH for r in rows), rows
    assert all(r["quote"] for r in rows)


def test_meeting_2020_06_19_has_44_present_and_10_absent(samples_graph):
    rows = run(samples_graph, "council-members-at-meeting", council="KKR Hovedstaden", date="2020-06-19")
    present = {r["person"] for r in rows if r["attendance"] == "present"}
    absent = {r["person"] for r in rows if r["attendance"] == "absent"}
    assert len(present) == 44, sorted(present)
    assert len(absent) == 10, sorted(absent)
    assert "Elisabeth Ildal" in absent and "Franciska Rosenkilde" in absent
    assert all(r["quote"] and r["line"] for r in rows if r["attendance"] != "not recorded")


def test_steen_christiansen_is_formand_of_kkr_hovedstaden(samples_graph):
    rows = run(samples_graph, "council-members-at-meeting", council="kkr hovedstaden", date="2020-06-19")
    steen = [r for r in rows if r["person"] == "Steen Christiansen"]
    assert steen, rows
    r = steen[0]
    assert r["attendance"] == "present"
    assert (r["role"] or "").lower() == "formand", r
    assert r["party"] == "A", r
    assert "Albertslund" in (r["municipality"] or ""), r


def test_attendance_rate_counts_the_2020_meeting(samples_graph):
    rows = run(samples_graph, "attendance-rate", council="KKR Hovedstaden")
    by = {r["person"]: r for r in rows}
    assert by["Steen Christiansen"]["present"] >= 1
    assert by["Elisabeth Ildal"]["absent"] >= 1
    for r in rows:
        assert r["present"] + r["absent"] + r["not_recorded"] == r["meetings"], r


def test_meeting_decisions_2020_06_19(samples_graph):
    rows = run(samples_graph, "meeting-decisions", date="2020-06-19")
    numbers = [r["number"] for r in rows]
    assert "4.2" in numbers and "1.1" in numbers, numbers
    assert numbers.index("3.2") < numbers.index("3.10"), numbers  # numeric order, not text order
    approved = [r for r in rows if r["number"] == "1.1"][0]
    assert "godkendt" in (approved["decision"] or ""), approved
    assert approved["quote"] and approved["line"]


def test_health_clusters_of_sjaelland_and_hovedstaden(samples_graph):
    sj = run(samples_graph, "health-clusters", region="Sjælland")
    assert sj and all(r["region"] == "Region Sjælland" for r in sj)
    holbaek = [r for r in sj if any("Kalundborg" in m for m in r["municipalities"])]
    assert holbaek and any("Holbæk" in m for m in holbaek[0]["municipalities"]), sj
    assert any(any("Køge" in m for m in r["municipalities"]) for r in sj), sj
    hs = run(samples_graph, "health-clusters", region="Region Hovedstaden")
    assert hs and all(r["region"] == "Region Hovedstaden" for r in hs)
    midt = [r for r in hs if any("Rudersdal" in m for m in r["municipalities"])]
    assert midt and any("Gentofte" in m for m in midt[0]["municipalities"]), hs
    byen = [r for r in hs if any("Frederiksberg" in m for m in r["municipalities"])]
    assert byen and any("København" in m for m in byen[0]["municipalities"]), hs
    assert all(r["quote"] for r in sj + hs)


def test_items_concerning_woco_by_alias(samples_graph):
    rows = run(samples_graph, "items-concerning", name="WOCO")
    assert rows and all("Wonderful Copenhagen" in r["concerns"] for r in rows), rows
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_document_audit_lists_the_minutes_facts(samples_graph):
    rows = run(samples_graph, "document-audit", document="referat-2020-06-19")
    facts = {r["fact"] for r in rows}
    assert {"meeting", "agenda item", "decision", "attendance", "membership"} <= facts, facts
    assert all(r["doc"].endswith("kkr-hovedstaden-referat-2020-06-19.txt") for r in rows)
    assert any("indtræder" in (r["quote"] or "") for r in rows)


def test_interlocks_link_bodies_through_people(samples_graph):
    rows = run(samples_graph, "interlocks", min_bodies=2, limit=1000)
    by = {r["person"]: r for r in rows}
    # Henrik Rasmussen (C, Vallensbæk) sits in KKR Hovedstaden and chairs Erhvervshus Hovedstaden.
    assert "Henrik Rasmussen" in by, sorted(by)
    assert "Erhvervshus Hovedstaden" in by["Henrik Rasmussen"]["organizations"]
    assert all(r["seats"] >= 2 and r["evidence"] for r in rows)
    assert all(r["together"] >= len(r["sits_together_with"]) for r in rows)
    # Most seats first.
    assert [r["seats"] for r in rows] == sorted((r["seats"] for r in rows), reverse=True)


def test_interlocks_limit_keeps_the_people_with_most_seats(samples_graph):
    everyone = run(samples_graph, "interlocks", min_bodies=2, limit=1000)
    assert len(everyone) >= 2, everyone
    top = run(samples_graph, "interlocks", min_bodies=2, limit=1)
    assert len(top) == 1
    assert top[0]["seats"] == max(r["seats"] for r in everyone)
    # Without -p limit the default (25) applies.
    default = run(samples_graph, "interlocks", min_bodies=2)
    assert len(default) == min(25, len(everyone))


def test_interlocks_counts_people_sharing_two_bodies(empty_graph):
    """A small graph built by hand: A and B share two bodies, A and C only one (plus a council)."""
    driver = empty_graph
    with driver.session() as s:
        s.run("""
            CREATE (b1:Organization:Body {name: 'Body one'}), (b2:Organization:Body {name: 'Body two'}),
                   (c:Organization:Council {name: 'Council'})
            WITH b1, b2, c
            UNWIND [['A', [b1, b2, c]], ['B', [b1, b2]], ['C', [b1, c]]] AS row
            CREATE (p:Person {name: row[0]})
            WITH p, row
            UNWIND row[1] AS o
            CREATE (p)-[:HAS_MEMBERSHIP]->(:Membership {status: 'member'})-[:IN_ORGANIZATION]->(o)
        """).consume()
    report = get_report("interlocks")
    _, rows = run_report(driver, report, {"min_bodies": 2})
    by = {r["person"]: r for r in rows}
    assert by["A"]["together"] == 1 and by["A"]["sits_together_with"] == ["B (2)"]
    assert by["B"]["sits_together_with"] == ["A (2)"]
    assert by["C"]["together"] == 0  # shares one body and a council with A: not an interlock
    _, rows = run_report(driver, report, {"min_bodies": 2, "names": 0})
    assert {r["person"]: r["sits_together_with"] for r in rows}["A"] == []


def test_data_quality_has_quotes(samples_graph):
    rows = run(samples_graph, "data-quality")
    assert rows
    for r in rows:
        assert r["issue"] in ("unresolved mention", "possible duplicate", "unlisted organization")
        assert r["quote"], r


# ------------------------------------------------------------------ CLI
def test_report_list_table_and_json(samples_graph, neo4j_env):
    res = cli(neo4j_env, "report", "list")
    assert res.exit_code == 0, res.output
    for name in EXPECTED_REPORTS:
        assert name in res.output
    res = cli(neo4j_env, "report", "list", "--format", "json")
    assert res.exit_code == 0, res.output
    listed = json.loads(res.stdout)
    assert EXPECTED_REPORTS <= {r["name"] for r in listed}
    assert all(r["question"] for r in listed)


def test_report_show(neo4j_env):
    res = cli(neo4j_env, "report", "show", "who-represents")
    assert res.exit_code == 0, res.output
    assert "-p municipality" in res.output and "MATCH" in res.output


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_report_run_to_file(samples_graph, neo4j_env, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    res = cli(neo4j_env, "report", "run", "body-appointments", "-p", "body", PSYCH, "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        rows = json.loads(text)
    else:
        rows = list(csv.DictReader(text.splitlines()))
    assert rows and "Jacob Netteberg" in {r["person"] for r in rows}
    assert list(rows[0])[:3] == get_report("body-appointments").columns[:3]


def test_report_run_example_flag(samples_graph, neo4j_env):
    res = cli(neo4j_env, "report", "run", "who-represents", "--example", "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)


def test_unknown_report(neo4j_env):
    one_line_error(cli(neo4j_env, "report", "run", "no-such-report"), "no-such-report")


def test_missing_parameter(neo4j_env):
    one_line_error(cli(neo4j_env, "report", "run", "who-represents"), "municipality")


def test_badly_typed_parameters(neo4j_env):
    one_line_error(cli(neo4j_env, "report", "run", "meeting-decisions", "-p", "date", "19-06-2020"), "date")
    one_line_error(cli(neo4j_env, "report", "run", "interlocks", "-p", "min_bodies", "two"), "min_bodies")


def test_report_show_names_the_default(neo4j_env):
    res = cli(neo4j_env, "report", "show", "interlocks")
    assert res.exit_code == 0
    assert "-p limit <int>   default: 25" in res.output


def test_unknown_parameter(neo4j_env):
    one_line_error(cli(neo4j_env, "report", "run", "data-quality", "-p", "colour", "red"), "colour")


def test_path_as_report_name_is_refused(neo4j_env):
    for name in ("../../etc/passwd", "/etc/passwd", "..", "queries/who-represents.cypher"):
        one_line_error(cli(neo4j_env, "report", "run", name), name)


def user_report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "person-count.cypher"
    f.write_text("// name: person-count\n// question: How many people does the graph know?\n"
                 "// columns: people\nMATCH (p:Person) RETURN count(p) AS people\n", encoding="utf-8")
    return f


def test_reports_dir_option_adds_a_user_report(samples_graph, neo4j_env, tmp_path):
    user_report(tmp_path / "mine")
    res = cli(neo4j_env, "report", "--reports-dir", str(tmp_path / "mine"), "list")
    assert "person-count" in res.output and "who-represents" in res.output
    res = cli(neo4j_env, "report", "--reports-dir", str(tmp_path / "mine"), "run", "person-count", "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["people"] > 0
    res = cli(neo4j_env, "report", "run", "person-count")
    assert res.exit_code == 2


def test_env_var_adds_a_user_report(samples_graph, neo4j_env, tmp_path):
    user_report(tmp_path / "env")
    res = cli(neo4j_env, "report", "run", "person-count", "--format", "json",
              extra_env={"GRAPHBUILD_REPORTS": str(tmp_path / "env")})
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["people"] > 0


# ------------------------------------------------------------------ safety
@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_attempts_are_just_strings(samples_graph, neo4j_env, payload):
    before = node_count(samples_graph)
    for name, param in (("who-represents", "municipality"), ("seats-of-person", "person"),
                        ("body-appointments", "body"), ("items-concerning", "name"),
                        ("document-audit", "document"), ("party-balance", "body")):
        res = cli(neo4j_env, "report", "run", name, "-p", param, payload, "--format", "json")
        assert res.exit_code == 0, (name, res.output)
        assert json.loads(res.stdout) == [], (name, payload, res.output)
    assert node_count(samples_graph) == before


def test_a_report_that_writes_is_refused_by_the_server(samples_graph, neo4j_env, tmp_path):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "sneaky.cypher").write_text(
        "// name: sneaky\n// question: Does a write get through?\n// columns: n\n"
        "CREATE (n:Sneaky {test_marker: 1}) RETURN n\n", encoding="utf-8")
    before = node_count(samples_graph)
    res = cli(neo4j_env, "report", "--reports-dir", str(folder), "run", "sneaky")
    assert res.exit_code != 0
    assert "sneaky" in stderr_of(res)
    assert node_count(samples_graph) == before


def test_query_command_refuses_writes(samples_graph, neo4j_env):
    before = node_count(samples_graph)
    res = cli(neo4j_env, "query", "CREATE (n) RETURN n")
    assert res.exit_code != 0
    assert "refused" in stderr_of(res).lower() or "not allowed" in stderr_of(res).lower(), stderr_of(res)
    assert node_count(samples_graph) == before
    res = cli(neo4j_env, "query", "MATCH (p:Person) RETURN count(p) AS n", "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["n"] > 0


# ------------------------------------------------------------------ export
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_writes_node_and_relationship_files(samples_graph, neo4j_env, tmp_path, fmt):
    out = tmp_path / "export"
    res = cli(neo4j_env, "export", "--format", fmt, str(out))
    assert res.exit_code == 0, res.output
    for name in ("nodes_Person", "nodes_Membership", "rels_ATTENDED"):
        f = out / f"{name}.{fmt}"
        assert f.exists(), sorted(p.name for p in out.iterdir())
        text = f.read_text(encoding="utf-8")
        rows = json.loads(text) if fmt == "json" else list(csv.DictReader(text.splitlines()))
        assert rows, f
    att = out / f"rels_ATTENDED.{fmt}"
    text = att.read_text(encoding="utf-8")
    rows = json.loads(text) if fmt == "json" else list(csv.DictReader(text.splitlines()))
    assert all(r.get("quote") for r in rows)


def test_items_concerning_cuts_long_decisions_and_says_so(empty_graph):
    """A decision of thousands of characters would drown the table: the report gives its first 300, with …"""
    graph = empty_graph
    long_text = "Kommunekontaktrådet godkendte indstillingen. " * 100
    with graph.session() as s:
        s.run("""CREATE (o:Organization:Body {org_id: 'org:test-long', name: 'Testudvalget Lang'})
                 CREATE (mt:Meeting {meeting_id: 'm:long', date: '2024-01-02'})
                 CREATE (a:AgendaItem {agenda_item_id: 'a:long', number: '1', title: 'Lang sag'})-[:ON_AGENDA_OF]->(mt)
                 CREATE (a)-[:CONCERNS {doc_id: 'd:long', line: 3, quote: 'Testudvalget Lang'}]->(o)
                 CREATE (a)-[:RESULTED_IN]->(:Decision {decision_id: 'x:long', text: $long})
                 CREATE (b:AgendaItem {agenda_item_id: 'a:short', number: '2', title: 'Kort sag'})-[:ON_AGENDA_OF]->(mt)
                 CREATE (b)-[:CONCERNS {doc_id: 'd:long', line: 9, quote: 'Testudvalget Lang'}]->(o)
                 CREATE (b)-[:RESULTED_IN]->(:Decision {decision_id: 'x:short', text: 'Godkendt.'})""",
              long=long_text).consume()
    rows = run(graph, "items-concerning", name="Testudvalget Lang")
    by = {r["title"]: r for r in rows}
    assert len(by["Lang sag"]["decision"]) == 300 and by["Lang sag"]["decision"].endswith("…")
    assert long_text.startswith(by["Lang sag"]["decision"][:-1])
    assert by["Kort sag"]["decision"] == "Godkendt."
