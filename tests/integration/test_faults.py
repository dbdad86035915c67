"""Faults, against a REAL Neo4j: a private LocalNeo4j started here on its own free port and
temporary home (the session's test server is never stopped).

* no server / wrong password -> one clear line naming the URI and the cause, within 10 s;
* the server stops in the middle of an ingest -> the document in flight is rolled back, the command
  says which documents are in and which are not, and re-running after a restart gives exactly the
  graph of a clean run;
* the ingest process is SIGKILLed mid-run -> re-running gives exactly the clean-run graph;
* retryable errors are retried with backoff, but never for longer than MAX_TRANSACTION_RETRY_S.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from conftest import SAMPLES, free_port, wipe
from graphbuild.db import connection
from graphbuild.cli import main
from graphbuild.db.connection import ConnectionSettings, open_driver
from graphbuild.errors import DatabaseError
from graphbuild.db.load import GraphWriter
from graphbuild.db.rows import DocumentRows
from graphbuild.pipeline import ingest
from graphbuild.db.runtime import LocalNeo4j, default_home
ROOT = Path(__file__).resolve().parents[2]
GRAPHBUILD = str(Path(sys.executable).with_name("graphbuild"))
SMALL = ["kkr-hovedstaden-dagsorden-2021-06-16.txt", "kkr-hovedstaden-dagsorden-2023-04-21.txt",
         "kkr-hovedstaden-dagsorden-2023-09-08.txt"]


# ------------------------------------------------------------------ helpers
@pytest.fixture(scope="module")
def private_server(tmp_path_factory):
    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    srv = LocalNeo4j(home=tmp_path_factory.mktemp("faults-home"), bolt_port=free_port())
    srv.start(timeout=900, echo=lambda m: None)
    yield srv
    srv.stop()


def settings_of(srv: LocalNeo4j) -> ConnectionSettings:
    c = srv.credentials()
    return ConnectionSettings(c.uri, c.user, c.password, None, "faults test server")


def env_of(srv: LocalNeo4j) -> dict:
    c = srv.credentials()
    return {**os.environ, "NEO4J_URI": c.uri, "NEO4J_USER": c.user, "NEO4J_PASSWORD": c.password}


def ensure_running(srv: LocalNeo4j) -> None:
    if not srv.answers():
        srv.start(timeout=300, echo=lambda m: None)


def _props(p: dict) -> list:
    # List properties compare as sets: the order of an Organization's aliases depends on which
    # statement wrote it last (reference data vs an extracted org), not on what the graph says.
    return sorted((k, sorted(map(repr, v)) if isinstance(v, list) else v) for k, v in p.items())


def graph_dump(driver) -> dict:
    """Every node (labels + properties) and relationship (ends + type + properties), as sorted reprs."""
    with driver.session() as s:
        nodes = sorted(repr((sorted(r["l"]), _props(r["p"]))) for r in
                       s.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p"))
        rels = sorted(repr((_props(r["a"]), r["t"], _props(r["b"]), _props(r["p"]))) for r in
                      s.run("MATCH (a)-[r]->(b) RETURN properties(a) AS a, type(r) AS t, properties(b) AS b, "
                            "properties(r) AS p"))
        counts = {r["l"]: r["n"] for r in s.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n")}
        rcounts = {r["t"]: r["n"] for r in s.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")}
    return {"node_counts": counts, "rel_counts": rcounts, "nodes": nodes, "relationships": rels}


def assert_same_graph(got: dict, want: dict) -> None:
    assert got["node_counts"] == want["node_counts"]
    assert got["rel_counts"] == want["rel_counts"]
    for part in ("nodes", "relationships"):
        extra, missing = sorted(set(got[part]) - set(want[part])), sorted(set(want[part]) - set(got[part]))
        assert not extra and not missing, f"{part}: only after the fault: {extra[:5]}; only in the clean run: {missing[:5]}"
        assert got[part] == want[part]


def documents(driver) -> set[str]:
    with driver.session() as s:
        return {r["p"] for r in s.run("MATCH (d:Document) RETURN d.path AS p")}


def copies(folder: Path, n_copies: int, names=SMALL) -> list[Path]:
    """Distinct copies of samples (trailing blank lines make the content, and so the doc_id, differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n_copies):
        for name in names:
            p = folder / f"copy{i:02d}-{name}"
            p.write_bytes((SAMPLES / name).read_bytes() + b"\n" * (i + 1))
            out.append(p)
    return sorted(out)


@pytest.fixture(scope="module")
def clean_reference(private_server, tmp_path_factory):
    """The graph of a clean, uninterrupted run over the fault folders (same paths as the faulty runs)."""
    base = tmp_path_factory.mktemp("fault-docs")
    small, many = base / "small", base / "many"
    copies(small, 1)
    copies(many, 4)
    drv = open_driver(settings_of(private_server))
    refs = {}
    for folder in (small, many):
        wipe(drv)
        report = ingest([str(folder)], GraphWriter(drv))
        assert report.ok, report.failed
        refs[folder.name] = graph_dump(drv)
    drv.close()
    return {"small": (small, refs["small"]), "many": (many, refs["many"])}


def test_wrong_password_is_one_line(private_server):
    uri = private_server.credentials().uri
    proc = subprocess.run([GRAPHBUILD, "--uri", uri, "--password", "not-the-password", "ingest", str(SAMPLES)],
                          capture_output=True, text=True, timeout=60)  # a hang fails here
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and uri in err[0] and "refused the credentials" in err[0], proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "not-the-password" not in proc.stderr + proc.stdout


# ------------------------------------------------------------------ server stopped mid-ingest
def test_server_stopped_mid_ingest(private_server, clean_reference, monkeypatch):
    folder, want = clean_reference["small"]
    ensure_running(private_server)
    drv = open_driver(settings_of(private_server))
    wipe(drv)
    drv.close()
    files = sorted(str(p.absolute()) for p in folder.iterdir())

    original = GraphWriter.write_document
    calls = {"n": 0, "stopped": False}

    def write_document(self, rows, path, replaces=None, before_commit=None):
        calls["n"] += 1
        if calls["n"] == 2:
            def stop_server():  # the second document's transaction is open and written, not committed
                if not calls["stopped"]:
                    calls["stopped"] = True
                    private_server.stop()
            return original(self, rows, path, replaces, before_commit=stop_server)
        return original(self, rows, path, replaces, before_commit)

    monkeypatch.setattr(GraphWriter, "write_document", write_document)
    monkeypatch.setattr(connection, "MAX_TRANSACTION_RETRY_S", 4.0)
    # One transaction per document: the second one is in flight when the server stops.
    result = CliRunner().invoke(main, ["ingest", "--group", "1", str(folder)], env=env_of(private_server))
    monkeypatch.undo()
    assert calls["stopped"]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = result.output
    assert f"Error: lost the connection to Neo4j while loading {files[1]}" in out
    assert "loaded before the connection was lost: 1 documents" in out and "not loaded: 2" in out
    assert f"loaded: {files[0]}" in out
    assert f"not loaded: {files[1]}" in out and f"not loaded: {files[2]}" in out

    ensure_running(private_server)
    drv = open_driver(settings_of(private_server))
    try:
        assert documents(drv) == {files[0]}  # the document in flight was rolled back
        again = CliRunner().invoke(main, ["ingest", str(folder)], env=env_of(private_server))
        assert again.exit_code == 0, again.output
        assert "2 loaded" in again.output and "1 unchanged" in again.output
        assert_same_graph(graph_dump(drv), want)
    finally:
        drv.close()


# ------------------------------------------------------------------ SIGKILL mid-run
def test_sigkill_mid_ingest_then_rerun_gives_the_clean_graph(private_server, clean_reference):
    folder, want = clean_reference["many"]
    ensure_running(private_server)
    drv = open_driver(settings_of(private_server))
    wipe(drv)
    total = len(list(folder.iterdir()))
    # Two documents per transaction: the kill lands between groups or in one (rolled back whole).
    proc = subprocess.Popen([GRAPHBUILD, "ingest", "--no-progress", "--group", "2", str(folder)], env=env_of(private_server),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        landed = 0
        while time.monotonic() < deadline and proc.poll() is None:
            with drv.session() as s:
                landed = s.run("MATCH (d:Document) RETURN count(d) AS n").single()["n"]
            if landed >= 1:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        with drv.session() as s:
            after_kill = s.run("MATCH (d:Document) RETURN count(d) AS n").single()["n"]
        assert 1 <= after_kill < total
        # Whatever is in is whole: every loaded document has its meeting and its items.
        with drv.session() as s:
            half = s.run("MATCH (d:Document) WHERE NOT (d)-[:DOCUMENTS]->(:Meeting) RETURN count(d) AS n").single()["n"]
        assert half == 0

        rerun = subprocess.run([GRAPHBUILD, "ingest", "--no-progress", str(folder)], env=env_of(private_server),
                               capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert f"{after_kill} unchanged" in rerun.stdout
        assert_same_graph(graph_dump(drv), want)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        drv.close()


# ------------------------------------------------------------------ retries
def test_retryable_errors_are_retried_with_backoff_but_not_forever(private_server, monkeypatch):
    """A statement that always fails with a retryable error gives up after MAX_TRANSACTION_RETRY_S."""
    ensure_running(private_server)
    assert 0 < connection.MAX_TRANSACTION_RETRY_S <= 30
    monkeypatch.setattr(connection, "MAX_TRANSACTION_RETRY_S", 3.0)
    drv = open_driver(settings_of(private_server))
    attempts = []

    def always_transient():
        attempts.append(time.perf_counter())
        raise neo4j.exceptions.SessionExpired("simulated: the connection went away")

    rows = DocumentRows("doc-retry")
    rows.add("load_document", [dict(doc_id="doc-retry", path="/retry", kind="referat", title="r", layout="clean",
                                    encoding="utf-8", line_count=1)])
    try:
        with pytest.raises(DatabaseError, match="lost the connection to Neo4j while loading /retry"):
            GraphWriter(drv).write_document(rows, "/retry", before_commit=always_transient)
        assert len(attempts) >= 3  # retried
        gaps = [b - a for a, b in zip(attempts, attempts[1:])]
        assert gaps[-1] > gaps[0]  # with a growing backoff
        # reaching this line is the bound: the writer gave up instead of retrying forever
        with drv.session() as s:  # every attempt was rolled back
            assert s.run("MATCH (d:Document {doc_id: 'doc-retry'}) RETURN count(d) AS n").single()["n"] == 0
    finally:
        drv.close()


def test_a_permanently_failing_statement_fails_at_once_with_the_servers_reason(private_server):
    """A non-retryable server error (here a constraint violation) is not retried: one clear reason."""
    ensure_running(private_server)
    drv = open_driver(settings_of(private_server))
    try:
        writer = GraphWriter(drv)
        writer.apply_schema()
        rows = DocumentRows("doc-bad")
        rows.add("load_document", [dict(doc_id=None, path="/bad", kind="referat", title="b", layout="clean",
                                        encoding="utf-8", line_count=1)])
        outcome = writer.write_document(rows, "/bad")
        assert outcome.status == "failed" and outcome.reason.startswith("Neo4j refused the document: ")
        assert "\n" not in outcome.reason
    finally:
        drv.close()


# ------------------------------------------------------------------ under load
def test_load_test_script_short_form(samples_graph, neo4j_env):
    """scripts/load_test.py: 4 clients x every saved report for 5 s while an ingest runs; no errors."""
    from graphbuild.db.reports import list_reports

    env = {**os.environ, **neo4j_env}
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "load_test.py"), "--seconds", "5", "--clients", "4"],
                          env=env, capture_output=True, text=True, timeout=240)
    try:
        assert proc.returncode == 0, proc.stdout + proc.stderr
        out = proc.stdout
        assert "errors: 0" in out
        assert neo4j_env["NEO4J_PASSWORD"] not in out + proc.stderr
        for r in list_reports():
            m = re.search(rf"^\s+{re.escape(r.name)}\s+(\d+) answered", out, re.M)
            assert m and int(m.group(1)) > 0, (r.name, out)
        m = re.search(r"ingest: (\d+) rounds, (\d+) documents loaded, 0 failed", out)
        assert m and int(m.group(2)) > 0, out
        assert re.search(r"latency: p50 [\d.]+ ms, p95 [\d.]+ ms", out)
    finally:
        wipe(samples_graph)  # the next samples_graph user re-ingests a pristine graph
