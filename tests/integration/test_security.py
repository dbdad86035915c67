"""Security: no Cypher built from values, injection attempts are inert, reads are READ mode,
report names cannot escape the reports folders, the servers are loopback-only with auth, and
no credential is printed (except by `graphbuild neo4j env`).

Already covered in tests/integration/test_runtime.py (not repeated here): the local server listens on
127.0.0.1 only (test_bolt_listens_on_loopback_only), its password file is 0600 and the password is
required (test_password_file_is_private_and_required).
"""
from __future__ import annotations


import pytest
from click.testing import CliRunner

from conftest import SAMPLES, graph_counts
from graphbuild.cli import main
from graphbuild.db.reports import list_reports, run_report


# ------------------------------------------------------------------ injection attempts are inert
INJECTIONS = [
    "x' }) DETACH DELETE n //",
    "x\" }) DETACH DELETE n //",
    "') MATCH (n) DETACH DELETE n //",
    "$",
    "$person",
    "`",
    "`Person` {name: 'x'}) DETACH DELETE n //",
    "x\nMATCH (n) DETACH DELETE n",
    "\\u0027 OR 1=1 //",
    "{}",
]


def _graph_fingerprint(driver):
    with driver.session() as s:
        props = s.run("MATCH (n) RETURN count(n) AS n, sum(size(keys(n))) AS k").single()
    return graph_counts(driver), props["n"], props["k"]


@pytest.mark.parametrize("report", [r for r in list_reports() if any(p.type in ("string", "list") for p in r.params)],
                         ids=lambda r: r.name)
def test_injection_attempts_are_inert(samples_graph, report):
    before = _graph_fingerprint(samples_graph)
    for p in report.params:
        if p.type not in ("string", "list"):
            continue
        for payload in INJECTIONS:
            values = report.example_params()
            values[p.name] = [payload] if p.type == "list" else payload
            columns, rows = run_report(samples_graph, report, values)
            assert rows == [], (report.name, p.name, payload, rows[:2])
    assert _graph_fingerprint(samples_graph) == before


def test_injection_through_the_cli_is_inert(samples_graph, neo4j_env):
    before = _graph_fingerprint(samples_graph)
    result = CliRunner().invoke(main, ["report", "run", "seats-of-person", "-p", "person", "x' }) DETACH DELETE n //",
                                       "--format", "json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"  # stderr says no person is named so
    assert _graph_fingerprint(samples_graph) == before


# ------------------------------------------------------------------ READ access mode
WRITES = [
    "CREATE (n:Intruder) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (p:Person) SET p.name = 'x' RETURN count(p)",
    "MERGE (n:Intruder {x: 1}) RETURN n",
    "MATCH (p:Person) REMOVE p.name RETURN count(p)",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_query_runs_in_read_mode(samples_graph, neo4j_env, cypher):
    before = _graph_fingerprint(samples_graph)
    result = CliRunner().invoke(main, ["query", cypher], env=neo4j_env)
    assert result.exit_code == 1
    assert result.output.startswith("Error: Neo4j refused the statement: ")
    assert "read access mode" in result.output.lower() or "read only" in result.output.lower(), result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _graph_fingerprint(samples_graph) == before


def test_a_writing_report_is_refused(samples_graph, neo4j_env, tmp_path):
    (tmp_path / "sneaky.cypher").write_text(
        "// name: sneaky\n// question: Looks harmless?\n// param: person string \"x\" a name\n"
        "MATCH (p:Person {name: $person}) DETACH DELETE p RETURN count(*) AS n\n", encoding="utf-8")
    before = _graph_fingerprint(samples_graph)
    result = CliRunner().invoke(main, ["report", "--reports-dir", str(tmp_path), "run", "sneaky", "-p", "person",
                                       "Jacob Netteberg"], env=neo4j_env)
    assert result.exit_code == 1
    assert result.output.startswith("Error: report 'sneaky' failed: ")
    assert "read access mode" in result.output.lower() or "read only" in result.output.lower(), result.output
    assert _graph_fingerprint(samples_graph) == before


# ------------------------------------------------------------------ no credential in any output
def test_no_command_prints_the_password(samples_graph, neo4j_env, neo4j_settings, tmp_path):
    pw = neo4j_settings.password
    assert len(pw) >= 8
    env = {**neo4j_env, "GRAPHBUILD_HOME": str(tmp_path / "home")}
    # A home whose (stopped) local server left its password file, as `graphbuild neo4j start` writes it.
    from graphbuild.db.runtime import LocalNeo4j

    LocalNeo4j(home=tmp_path / "home").credentials()
    runner = CliRunner()
    commands = [
        ["--help"], ["ingest", "--help"], ["query", "--help"], ["report", "--help"], ["neo4j", "--help"],
        ["ingest", str(SAMPLES)], ["summary"], ["init-db"], ["report", "list"],
        ["report", "run", "who-represents", "--example"], ["report", "show", "who-represents"],
        ["query", "MATCH (n) RETURN count(n) AS n"], ["query", "CREATE (n:X)"],
        ["--uri", "bolt://127.0.0.1:1", "summary"],  # unreachable (password still from the env)
        ["--password", "wrong-" + pw, "summary"],  # refused credentials
        ["neo4j", "status"],
    ]
    for args in commands:
        result = runner.invoke(main, args, env=env)
        assert pw not in result.output, args
        assert "Traceback" not in result.output, args
    local_pw = (tmp_path / "home" / "neo4j" / "password").read_text().strip()
    status = runner.invoke(main, ["neo4j", "status"], env=env)
    assert local_pw not in status.output
    # The one command whose job is to print it:
    shown = runner.invoke(main, ["neo4j", "env"], env=env)
    assert shown.exit_code == 0 and local_pw in shown.output
