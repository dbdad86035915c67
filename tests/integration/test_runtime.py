"""Integration tests of graphbuild.db.runtime against a real local Neo4j 5.26 server.

Each module run uses a throw-away GRAPHBUILD_HOME and a free port; the compiled
launcher and jars are shared through GRAPHBUILD_NEO4J_BUILD (keyed by the pom hash),
so only the very first run on a machine downloads anything.
"""
from __future__ import annotations

import fcntl
import os
import socket
import stat
import struct
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError

from graphbuild.db.runtime import LocalNeo4j, Neo4jRuntimeError, default_home

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def non_loopback_ipv4() -> list[str]:
    """IPv4 addresses of this machine's non-loopback interfaces (Linux ioctl)."""
    addrs = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _, name in socket.if_nameindex():
            try:
                res = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))  # SIOCGIFADDR
            except OSError:
                continue
            ip = socket.inet_ntoa(res[20:24])
            if not ip.startswith("127."):
                addrs.append(ip)
    return addrs


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # Share the build (jars + compiled launcher) with the user's runtime and other test homes.
    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    srv = LocalNeo4j(home=tmp_path_factory.mktemp("gbhome"), bolt_port=free_port())
    messages: list[str] = []
    started = srv.start(timeout=900, echo=lambda m: (messages.append(m), print(m, file=sys.stderr)))
    assert started is True
    srv.start_messages = messages
    yield srv
    srv.stop()


def _driver(srv: LocalNeo4j):
    c = srv.credentials()
    return neo4j.GraphDatabase.driver(c.uri, auth=(c.user, c.password))


def test_port_in_use_is_reported(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        rt = LocalNeo4j(home=tmp_path, bolt_port=port)
        with pytest.raises(Neo4jRuntimeError, match=rf"port {port} .*already in use"):
            rt.start(timeout=30, echo=lambda m: None)
        assert not rt.is_running()


# ------------------------------------------------------------------ real server
def test_build_output_stays_outside_the_repo(server):
    assert REPO not in server.build_dir.parents
    assert (server.build_dir / ".complete").exists()
    assert not (REPO / "graphbuild" / "neo4j_server" / "target").exists()


def test_started_and_answers(server):
    assert server.is_running()
    assert server.answers()
    assert int(server.pid_path.read_text()) > 0
    assert int(server.port_path.read_text()) == server.bolt_port
    assert any("ready" in m for m in server.start_messages)


def test_second_start_is_a_noop(server):
    pid = server.pid_path.read_text()
    messages = []
    assert server.start(echo=messages.append) is False
    assert any("already running" in m for m in messages)
    assert server.pid_path.read_text() == pid


def test_password_file_is_private_and_required(server):
    assert stat.S_IMODE(server.password_path.stat().st_mode) == 0o600
    c = server.credentials()
    for wrong in ("neo4j", c.password + "x"):
        with neo4j.GraphDatabase.driver(c.uri, auth=(c.user, wrong)) as drv:
            with pytest.raises(AuthError):
                drv.verify_connectivity()


def test_bolt_listens_on_loopback_only(server):
    addrs = non_loopback_ipv4()
    if not addrs:
        pytest.skip("this machine has no non-loopback IPv4 address")
    for ip in addrs:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(3)
            with pytest.raises(OSError):
                s.connect((ip, server.bolt_port))


def test_data_survives_stop_and_start(server):
    with _driver(server) as drv:
        drv.execute_query("CREATE (:RuntimeProbe {name: $n})", n="kept")
    assert server.stop() is True
    assert not server.is_running()
    assert not server.answers()
    assert not server.pid_path.exists()
    assert server.stop() is False  # stopping twice is harmless

    # A stale pid file (process gone) must not block the next start.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    server.pid_path.write_text(f"{dead.pid}\n")
    messages = []
    assert server.start(timeout=120, echo=messages.append) is True
    assert any("stale pid file" in m for m in messages)
    with _driver(server) as drv:
        records, _, _ = drv.execute_query("MATCH (p:RuntimeProbe) RETURN p.name AS name")
    assert [r["name"] for r in records] == ["kept"]
    assert "Neo4j stopped cleanly" in server.log_path.read_text()


def test_dead_process_is_reported_with_the_log(tmp_path, monkeypatch, server):
    monkeypatch.setenv("GRAPHBUILD_NEO4J_HEAP", "not-a-size")  # the JVM refuses to start
    rt = LocalNeo4j(home=tmp_path, bolt_port=free_port())
    with pytest.raises(Neo4jRuntimeError, match=r"did not answer on bolt://127\.0\.0\.1:\d+ .*heap size"):
        rt.start(timeout=60, echo=lambda m: None)
    assert not rt.is_running()
    assert not rt.pid_path.exists()
