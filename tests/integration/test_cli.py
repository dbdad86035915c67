"""The CLI as a user meets it, against a real Neo4j: query, ingest summary, neo4j commands.
"""
from __future__ import annotations

import json
import os
import re
import shutil

from click.testing import CliRunner

from graphbuild.cli import main

from conftest import SAMPLES, free_port

REFERAT = SAMPLES / "kkr-hovedstaden-referat-2020-06-19.txt"


def run(args, env=None, **kw):
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False, **kw)
    return result


# ------------------------------------------------------------------ against the real server
def test_wrong_password_is_one_clear_line(neo4j_settings):
    result = CliRunner().invoke(main, ["--uri", neo4j_settings.uri, "--password", "wrong-password", "summary"])
    assert result.exit_code == 1
    assert neo4j_settings.uri in result.output and "credentials" in result.output
    assert "Traceback" not in result.output


def test_query_shows_ingested_nodes_as_json(samples_graph, neo4j_env):
    result = run(["query", "MATCH (n) RETURN labels(n) AS l, count(*) AS n", "--format", "json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    labels = {tuple(r["l"]) for r in rows}
    assert ("Document",) in labels and ("Person",) in labels
    assert sum(r["n"] for r in rows if r["l"] == ["Document"]) == 5


def test_query_takes_parameters_and_formats(samples_graph, neo4j_env):
    result = run(["query", "MATCH (p:Person {name: $name}) RETURN p.name AS name", "-p", "name", "Steen Christiansen",
                  "--format", "csv"], env=neo4j_env)
    assert result.output.strip().splitlines() == ["name", "Steen Christiansen"]


def test_query_refuses_writes_and_leaves_the_graph_alone(samples_graph, neo4j_env):
    def count():
        with samples_graph.session() as s:
            return s.run("MATCH (n) RETURN count(n) AS n").single()["n"]

    before = count()
    result = CliRunner().invoke(main, ["query", "CREATE (n:Intruder) RETURN n"], env=neo4j_env)
    assert result.exit_code == 1
    assert "refused" in result.output.lower()
    assert count() == before


def test_ingest_prints_a_summary_and_fails_on_a_bad_document(empty_graph, neo4j_env, tmp_path):
    shutil.copy(REFERAT, tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_bytes(os.urandom(4096))
    result = CliRunner().invoke(main, ["ingest", str(tmp_path)], env=neo4j_env)
    assert result.exit_code == 1
    assert "1 loaded" in result.output and "1 failed" in result.output
    assert re.search(r"failed: .*bad\.txt: .+", result.output)
    assert "people:" in result.output and "nodes and" in result.output
    again = CliRunner().invoke(main, ["ingest", str(tmp_path / "good.txt")], env=neo4j_env)
    assert again.exit_code == 0 and "1 unchanged" in again.output


def test_init_db_is_idempotent(empty_graph, neo4j_env):
    for _ in range(2):
        result = run(["init-db"], env=neo4j_env)
        assert result.exit_code == 0, result.output
    with empty_graph.session() as s:
        names = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name RETURN name")}
        munis = s.run("MATCH (m:Municipality) RETURN count(m) AS n").single()["n"]
    assert {"document_id", "person_id", "membership_id", "organization_id"} <= names
    assert munis == 98


def test_neo4j_commands_on_a_fresh_home(tmp_path):
    """start, second start, status, env, stop, start again with the data kept."""
    from graphbuild.db.runtime import default_home

    env = {"GRAPHBUILD_HOME": str(tmp_path / "home"),
           "GRAPHBUILD_NEO4J_BUILD": os.environ.get("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))}
    port = str(free_port())
    runner = CliRunner()
    try:
        assert runner.invoke(main, ["neo4j", "status"], env=env).exit_code == 1
        first = runner.invoke(main, ["neo4j", "start", "--bolt-port", port], env=env)
        assert first.exit_code == 0, first.output
        second = runner.invoke(main, ["neo4j", "start", "--bolt-port", port], env=env)
        assert second.exit_code == 0 and "already running" in second.output
        assert runner.invoke(main, ["neo4j", "status"], env=env).exit_code == 0
        exported = runner.invoke(main, ["neo4j", "env"], env=env).output
        m = re.match(r"export NEO4J_URI=(\S+) NEO4J_USER=(\S+) NEO4J_PASSWORD=(\S+)", exported)
        assert m and m.group(1) == f"bolt://127.0.0.1:{port}"
        env_conn = {**env, "NEO4J_URI": m.group(1), "NEO4J_USER": m.group(2), "NEO4J_PASSWORD": m.group(3).strip("'")}
        from graphbuild.db.connection import connect

        drv, _ = connect(m.group(1), m.group(2), m.group(3).strip("'"))
        with drv.session() as s:
            s.run("CREATE (:Kept {v: 1})").consume()
        drv.close()
        assert runner.invoke(main, ["neo4j", "stop"], env=env).exit_code == 0
        assert runner.invoke(main, ["neo4j", "status"], env=env).exit_code == 1
        assert runner.invoke(main, ["neo4j", "start"], env=env).exit_code == 0
        kept = runner.invoke(main, ["query", "MATCH (k:Kept) RETURN k.v AS v", "--format", "json"], env=env_conn)
        assert json.loads(kept.output) == [{"v": 1}]
    finally:
        runner.invoke(main, ["neo4j", "stop"], env=env)
