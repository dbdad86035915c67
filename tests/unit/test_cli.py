"""The CLI as a user meets it, without a server: the connection rule and commands that need no database.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.connection import resolve_settings
from graphbuild.errors import DatabaseError

from conftest import SAMPLES, free_port

REFERAT = SAMPLES / "kkr-hovedstaden-referat-2020-06-19.txt"


def run(args, env=None, **kw):
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False, **kw)
    return result


# ------------------------------------------------------------------ connection rule (pure)
def test_options_win_over_environment():
    s = resolve_settings("bolt://opt:1", "u", "p", "db", env={"NEO4J_URI": "bolt://env:2", "NEO4J_PASSWORD": "e"})
    assert (s.uri, s.user, s.password, s.database, s.source) == ("bolt://opt:1", "u", "p", "db", "options")


def test_environment_wins_over_local_server():
    env = {"NEO4J_URI": "neo4j+s://abc.databases.neo4j.io", "NEO4J_USER": "me", "NEO4J_PASSWORD": "pw",
           "NEO4J_DATABASE": "graph"}
    s = resolve_settings(env=env)
    assert (s.uri, s.user, s.password, s.database, s.source) == ("neo4j+s://abc.databases.neo4j.io", "me", "pw", "graph", "environment")


def test_local_server_is_the_fallback_only_when_it_runs(tmp_path, monkeypatch):
    """No NEO4J_URI and no local server running: one line, nothing created, nothing sent
    (the fallback to a running, identified server: tests/integration/test_hardening.py)."""
    monkeypatch.setenv("GRAPHBUILD_HOME", str(tmp_path))
    with pytest.raises(DatabaseError, match="local Neo4j is not running"):
        resolve_settings(env={})
    assert not (tmp_path / "neo4j" / "password").exists()


def test_unreachable_server_is_one_clear_line(tmp_path):
    port = free_port()
    result = CliRunner().invoke(main, ["--uri", f"bolt://127.0.0.1:{port}", "--password", "x", "summary"])
    assert result.exit_code == 1
    assert f"bolt://127.0.0.1:{port}" in result.output and "not reachable" in result.output
    assert "Traceback" not in result.output


def test_extract_writes_versioned_json_lines_without_a_database(tmp_path):
    out = tmp_path / "facts.jsonl"
    # An unreachable NEO4J_URI proves extract never connects.
    result = run(["extract", str(REFERAT), "-o", str(out)], env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert result.exit_code == 0, result.output
    docs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 1 and docs[0]["schema_version"] >= 1
    assert len([a for a in docs[0]["attendance"] if a["status"] == "present"]) == 44
