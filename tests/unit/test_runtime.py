"""graphbuild.db.runtime without starting a server: home, port choice, credentials, stale pid files.
"""
from __future__ import annotations

import socket
import stat
import subprocess
import sys
from pathlib import Path


from graphbuild.errors import GraphbuildError
from graphbuild.db.runtime import (
    DEFAULT_BOLT_PORT,
    LocalCredentials,
    LocalNeo4j,
    Neo4jRuntimeError,
    default_home,
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------ no server needed
def test_default_home_respects_env(monkeypatch, tmp_path):
    monkeypatch.setenv("GRAPHBUILD_HOME", str(tmp_path / "h"))
    assert default_home() == tmp_path / "h"
    monkeypatch.delenv("GRAPHBUILD_HOME")
    assert default_home() == Path.home() / ".local" / "share" / "graphbuild"


def test_port_choice_and_credentials(tmp_path):
    assert issubclass(Neo4jRuntimeError, GraphbuildError)
    assert LocalNeo4j(home=tmp_path).bolt_port == DEFAULT_BOLT_PORT
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "neo4j" / "port").write_text("7999\n")
    assert LocalNeo4j(home=tmp_path).bolt_port == 7999
    rt = LocalNeo4j(home=tmp_path, bolt_port=7001)
    creds = rt.credentials()
    assert isinstance(creds, LocalCredentials)
    assert (creds.uri, creds.user) == ("bolt://127.0.0.1:7001", "neo4j")
    assert len(creds.password) >= 20
    assert stat.S_IMODE(rt.password_path.stat().st_mode) == 0o600
    assert rt.credentials().password == creds.password  # stable once created
    assert not rt.is_running()


def test_stale_pid_file_is_not_running(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    rt = LocalNeo4j(home=tmp_path, bolt_port=free_port())
    rt.pid_path.parent.mkdir(parents=True)
    rt.pid_path.write_text(f"{dead.pid}\n")
    assert not rt.is_running()
    assert rt.stop() is False
    assert not rt.pid_path.exists()
